/*
 * duration.c - durations as written in scenario files ("45 min", "2 h",
 * "1.5 d", "2 w", "1 y", or a plain number of days) and back.
 *
 * A duration is `number [unit]`: the number is decimal digits with an
 * optional fraction and exponent (no sign, no inf/nan), spaces are allowed
 * around it and before the unit, the unit is case-insensitive. Days are
 * number * days-per-unit, or number / units-per-day for units shorter than a
 * day (so "2 h" is exactly 2.0 / 24), and duration_format() writes a value
 * that parses back to the same bits.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenario.h"
#include "scenario_internal.h"

struct duration_unit {
	const char *name; /* the name duration_format() writes */
	const char *aliases[4];
	double days;    /* days per unit, for units of a day or more */
	double per_day; /* units per day, for shorter units (exact divisors) */
	int read_only;  /* read, never written: a month is not a whole number of days */
};

/* Largest first: duration_format() prefers the largest unit that is exact. */
static const struct duration_unit units[] = {
	{"y", {"yr", "year", "years", NULL}, 365.0, 0, 0},
	{"w", {"wk", "week", "weeks", NULL}, 7.0, 0, 0},
	{"d", {"day", "days", NULL, NULL}, 1.0, 0, 0},
	{"h", {"hr", "hour", "hours", NULL}, 0, 24.0, 0},
	{"min", {"mins", "minute", "minutes", NULL}, 0, 1440.0, 0},
	{"s", {"sec", "second", "seconds", NULL}, 0, 86400.0, 0},
	/* a twelfth of the model's 365-day year, so that "3 mo" periods tile a year */
	{"mo", {"month", "months", NULL, NULL}, 365.0 / 12, 0, 1},
};
#define UNIT_COUNT (sizeof units / sizeof units[0])

static int why_set(char *why, size_t why_len, const char *msg)
{
	if (why && why_len)
		snprintf(why, why_len, "%s", msg);
	return -1;
}

static const struct duration_unit *unit_find(const char *u, size_t len)
{
	for (size_t i = 0; i < UNIT_COUNT; i++) {
		if (strlen(units[i].name) == len && strncasecmp(units[i].name, u, len) == 0)
			return &units[i];
		for (size_t j = 0; units[i].aliases[j]; j++)
			if (strlen(units[i].aliases[j]) == len &&
			    strncasecmp(units[i].aliases[j], u, len) == 0)
				return &units[i];
	}
	return NULL;
}

static double to_days(const struct duration_unit *u, double q)
{
	return u->per_day > 0 ? q / u->per_day : q * u->days;
}

int duration_parse(const char *text, double *days, char *why, size_t why_len)
{
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return why_set(why, why_len, "empty duration");
	if (*p == '-')
		return why_set(why, why_len, "a duration cannot be negative");
	if (*p == '+')
		p++;

	/* digits [. digits] [e [+-] digits], at least one digit before the exponent */
	const char *num = p;
	size_t digits = 0;
	while (isdigit((unsigned char)*p))
		p++, digits++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++, digits++;
	}
	if (digits == 0)
		return why_set(why, why_len, "expected a number first");
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (isdigit((unsigned char)*q)) {
			while (isdigit((unsigned char)*q))
				q++;
			p = q;
		}
	}
	char buf[64];
	size_t n = (size_t)(p - num);
	if (n >= sizeof buf)
		return why_set(why, why_len, "number too long");
	memcpy(buf, num, n);
	buf[n] = 0;
	double value = strtod(buf, NULL);

	while (isspace((unsigned char)*p))
		p++;
	const char *u = p;
	while (isalpha((unsigned char)*p))
		p++;
	size_t ulen = (size_t)(p - u);
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return why_set(why, why_len, "unexpected text after the unit");

	double d = value;
	if (ulen > 0) {
		const struct duration_unit *unit = unit_find(u, ulen);
		if (!unit)
			return why_set(why, why_len, "unknown unit (use s, min, h, d, w or y)");
		d = to_days(unit, value);
	}
	if (!isfinite(d))
		return why_set(why, why_len, "too large");
	*days = d;
	return 0;
}

/* Shortest "%.Ng" that reads back as x. */
void number_format_shortest(double x, char *buf, size_t len)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return;
	}
}

void duration_format(double days, char *buf, size_t len)
{
	char num[40], best[64] = "";
	if (days == 0) {
		snprintf(buf, len, "0 d");
		return;
	}
	/* the largest unit that gives a round number ("1.5 d", "45 min"), else the
	 * shortest exact form */
	for (int pass = 0; pass < 2 && !best[0]; pass++)
		for (size_t i = 0; i < UNIT_COUNT; i++) {
			if (units[i].read_only)
				continue;
			double q = units[i].per_day > 0 ? days * units[i].per_day : days / units[i].days;
			number_format_shortest(q, num, sizeof num);
			if (to_days(&units[i], strtod(num, NULL)) != days || strchr(num, 'e'))
				continue;
			const char *dot = strchr(num, '.');
			if (pass == 0 && ((dot && strlen(dot) > 2) || strlen(num) > 6))
				continue;
			char cand[64];
			snprintf(cand, sizeof cand, "%s %s", num, units[i].name);
			if (!best[0] || strlen(cand) < strlen(best))
				snprintf(best, sizeof best, "%s", cand);
			if (pass == 0)
				break;
		}
	if (!best[0]) {
		number_format_shortest(days, num, sizeof num);
		snprintf(best, sizeof best, "%s d", num);
	}
	snprintf(buf, len, "%s", best);
}
