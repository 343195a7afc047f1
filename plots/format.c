/* format.c - numbers as a board reads them: thousands separators, a real
 * minus sign, money as "€12.4M", axis units scaled to "EUR million/year". */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define MINUS "\xE2\x88\x92" /* U+2212 */

static const char *group(char *buf, size_t len, double a, int digits)
{
	char raw[64];
	snprintf(raw, sizeof raw, "%.*f", digits < 0 ? 0 : digits, a);
	const char *dot = strchr(raw, '.');
	size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw), o = 0;
	for (size_t i = 0; i < int_len && o + 2 < len; i++) {
		buf[o++] = raw[i];
		size_t left = int_len - i - 1;
		if (left > 0 && left % 3 == 0)
			buf[o++] = ',';
	}
	for (const char *p = dot; p && *p && o + 1 < len; p++)
		buf[o++] = *p;
	buf[o] = 0;
	return buf;
}

/* Is a value shown with `digits` decimals zero? */
static int rounds_to_zero(double v, int digits)
{
	return fabs(v) < 0.5 * pow(10, -(digits < 0 ? 0 : digits));
}

/* The sign a number is written with: the minus sign (U+2212) of a negative
 * value; with `plus`, "+" before a positive one and "±" before one that
 * reads as zero (a zero never carries a minus). */
static const char *sign_for(double v, int zero, int plus)
{
	return zero ? (plus ? "\xC2\xB1" : "") : v < 0 ? MINUS : plus ? "+" : "";
}

/* v with `digits` decimals and thousands separators. */
static const char *fmt_number(char *buf, size_t len, double v, int digits, int plus)
{
	if (!isfinite(v)) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	char g[64];
	group(g, sizeof g, fabs(v), digits);
	snprintf(buf, len, "%s%s", sign_for(v, rounds_to_zero(v, digits), plus), g);
	return buf;
}

const char *plot_fmt(char *buf, size_t len, double v, int digits)
{
	return fmt_number(buf, len, v, digits, 0);
}

const char *plot_fmt_signed(char *buf, size_t len, double v, int digits)
{
	return fmt_number(buf, len, v, digits, 1);
}

int plot_digits_for(double v)
{
	double a = fabs(v);
	if (!isfinite(a) || a >= 100)
		return 0;
	if (a >= 10)
		return 1;
	return 2 - (a >= 1 ? 1 : 0) + (a > 0 && a < 0.1 ? 1 : 0);
}

static const char *currency_symbol(const char *currency, int *prefix_space)
{
	static const struct {
		const char *code, *symbol;
	} symbols[] = {{"EUR", "\xE2\x82\xAC"}, {"USD", "$"}, {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"},
		       {"CNY", "\xC2\xA5"},     {"INR", "\xE2\x82\xB9"}};
	*prefix_space = 0;
	for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
		if (currency && strcmp(currency, symbols[i].code) == 0)
			return symbols[i].symbol;
	*prefix_space = 1;
	return currency && *currency ? currency : "";
}

const char *plot_fmt_money(char *buf, size_t len, double v, const char *currency, int signed_)
{
	return plot_fmt_money_as(buf, len, v, v, currency, signed_);
}

const char *plot_fmt_money_as(char *buf, size_t len, double v, double ref, const char *currency, int signed_)
{
	if (!isfinite(v)) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	int space;
	const char *sym = currency_symbol(currency, &space);
	double a = fabs(v), r = isfinite(ref) ? fabs(ref) : a, div = 1;
	const char *suffix = "";
	if (r >= 1e9)
		div = 1e9, suffix = "bn";
	else if (r >= 1e6)
		div = 1e6, suffix = "M";
	else if (r >= 1e3)
		div = 1e3, suffix = "k";
	/* three figures at most, two below ten: "€126M", "€26.1M", "€5.0M" */
	double x = a / div;
	int digits = r / div >= 100 || *suffix == 0 ? 0 : 1;
	char g[64];
	group(g, sizeof g, x, digits);
	const char *sign = sign_for(v, x < (digits ? 0.05 : 0.5), signed_);
	snprintf(buf, len, "%s%s%s%s%s", sign, sym, *sym && space ? " " : "", g, suffix);
	return buf;
}

int plot_unit_is_money(const char *unit, const char *currency)
{
	if (!unit)
		return 0;
	if (currency && *currency) {
		size_t n = strlen(currency);
		if (strncmp(unit, currency, n) == 0 && (unit[n] == 0 || unit[n] == '/'))
			return 1;
	}
	return strncmp(unit, "money", 5) == 0;
}

void plot_scale_for(struct plot_scale *s, double max_abs, const char *unit)
{
	unit = unit ? unit : "";
	s->div = 1;
	if (strcmp(unit, "share") == 0) {
		s->div = 0.01;
		snprintf(s->unit, sizeof s->unit, "%%");
		return;
	}
	const char *word = NULL;
	if (max_abs >= 1e9)
		s->div = 1e9, word = "billion";
	else if (max_abs >= 1e6)
		s->div = 1e6, word = "million";
	else if (max_abs >= 1e4)
		s->div = 1e3, word = "thousand";
	if (!word) {
		snprintf(s->unit, sizeof s->unit, "%s", unit);
		return;
	}
	const char *slash = strchr(unit, '/');
	if (!*unit)
		snprintf(s->unit, sizeof s->unit, "%ss", word);
	else if (slash && slash > unit)
		snprintf(s->unit, sizeof s->unit, "%.*s %s%s", (int)(slash - unit), unit, word, slash);
	else
		snprintf(s->unit, sizeof s->unit, "%s %s", word, unit);
}

int plot_digits_needed(const double *v, size_t n)
{
	int d = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		int k = 0;
		double scale = 1;
		while (k < 4 && fabs(v[i] * scale - nearbyint(v[i] * scale)) > 1e-6 * fmax(1, fabs(v[i] * scale)))
			k++, scale *= 10;
		if (k > d)
			d = k;
	}
	return d;
}
