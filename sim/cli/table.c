/*
 * table.c - the compact tables `journeysim run` prints: headline KPIs per
 * scenario with 95% intervals and paired differences, then effort by cause.
 * Columns are data (headlines[] and the experience.effort.* metrics), so a
 * new KPI is a new line in the table.
 */
#include <math.h>
#include <string.h>

#include "output.h"
#include "settings.h"
#include "table.h"

#define NAME_WIDTH 14   /* longer names get a line of their own */
#define KPI_WIDTH 15    /* "+12.3k±1.2k*" and a space; a longer cell pushes the line, never cut */
#define EFFORT_WIDTH 13  /* effort cells: two significant digits, the half-width one */
#define LINE_MAX_BYTES 1024
#define EFFORT_PREFIX "experience.effort."

struct headline {
	const char *metric; /* metrics.h name */
	const char *label;
	const char *unit;   /* short; "money" becomes the currency */
};

static const struct headline headlines[] = {
	{"experience.mean", "experience", "0-10"},
	{"experience.nps", "NPS", "points"},
	{"revenue.total", "revenue", "money/yr"},
	{"cost.total", "cost", "money/yr"},
	{"margin", "margin", "money/yr"},
	{"kpi.cost_to_serve", "cost to serve", "money/cust-yr"},
	{"fragmentation.boundaries", "boundaries", "count"},
};

/* Removes trailing zeros of a fixed-point number ("3.00" -> "3"). */
static void trim_zeros(char *s)
{
	char *dot = strchr(s, '.');
	if (!dot)
		return;
	char *end = s + strlen(s);
	while (end > dot + 1 && end[-1] == '0')
		*--end = 0;
	if (end == dot + 1)
		*dot = 0;
}

void table_humanise_sig(char *buf, size_t len, double v, int sign, int sig)
{
	static const char *const suffix[] = {"", "k", "M", "G", "T"};
	if (isnan(v)) {
		snprintf(buf, len, "n/a");
		return;
	}
	int i = 0, whole = v == floor(v); /* a count: no trailing zeros */
	double lim = 1000 - 0.5 * pow(10, 3 - sig); /* rounds to 1000: the next suffix */
	while (i < 4 && fabs(v) >= lim) {
		v /= 1000;
		i++;
	}
	char num[48];
	if (v == 0) {
		snprintf(num, sizeof num, "0");
	} else {
		/* sig significant digits, in fixed point (no exponent: a table reads down) */
		int mag = (int)floor(log10(fabs(v)));
		int decimals = sig - 1 - mag;
		if (decimals < 0)
			decimals = 0;
		if (decimals > 9)
			decimals = 9;
		snprintf(num, sizeof num, sign ? "%+.*f" : "%.*f", decimals, v);
		if (whole)
			trim_zeros(num);
		if (strcmp(num, "-0") == 0 || strcmp(num, "+0") == 0)
			snprintf(num, sizeof num, "0"); /* rounds to 0 */
	}
	snprintf(buf, len, "%s%s", num, suffix[i]);
}

void table_humanise(char *buf, size_t len, double v, int sign)
{
	table_humanise_sig(buf, len, v, sign, 3);
}

/* Display columns of UTF-8 text (continuation bytes take no column). */
static size_t text_columns(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* One table line, built field by field and printed without trailing blanks. */
struct line {
	char buf[LINE_MAX_BYTES];
	size_t len;
};

static void line_add(struct line *l, const char *s, size_t n)
{
	if (l->len + n >= sizeof l->buf)
		n = sizeof l->buf - 1 - l->len;
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

/* Adds s in a field of width columns; a longer s is written whole with a
 * blank after it (a number is never cut short). */
static void put_field(struct line *l, const char *s, size_t width)
{
	size_t cols = text_columns(s);
	if (cols >= width) {
		line_add(l, s, strlen(s));
		line_add(l, " ", 1);
		return;
	}
	line_add(l, s, strlen(s));
	for (size_t i = cols; i < width; i++)
		line_add(l, " ", 1);
}

static void line_print(FILE *fp, struct line *l)
{
	while (l->len > 0 && l->buf[l->len - 1] == ' ')
		l->len--;
	fwrite(l->buf, 1, l->len, fp);
	fputc('\n', fp);
	l->len = 0;
}

/* A scenario's name cell: a name too long for the column gets a line of its
 * own, so that no name is cut. */
static void put_name(FILE *fp, struct line *l, const char *name)
{
	if (text_columns(name) < NAME_WIDTH) {
		put_field(l, name, NAME_WIDTH);
		return;
	}
	line_add(l, name, strlen(name));
	line_print(fp, l);
	put_field(l, "", NAME_WIDTH);
}

/* "6.12±0.05", or "+0.68±0.03*" for a difference: the mean with sig
 * significant digits, the half-width with one less. */
static void format_cell_sig(char *buf, size_t len, const struct summary *sm, int diff, int sig)
{
	char m[32], h[32];
	table_humanise_sig(m, sizeof m, sm->mean, diff, sig);
	if (isnan(sm->ci_low) || isnan(sm->ci_high)) {
		snprintf(buf, len, "%s", m);
		return;
	}
	table_humanise_sig(h, sizeof h, (sm->ci_high - sm->ci_low) / 2, 0, sig - 1);
	int excludes_zero = sm->ci_low > 0 || sm->ci_high < 0;
	snprintf(buf, len, "%s\u00b1%s%s", m, h, diff && excludes_zero ? "*" : "");
}

void table_cell_format(char *buf, size_t len, const struct summary *sm, int diff)
{
	format_cell_sig(buf, len, sm, diff, 3);
}

#define N_HEADLINES (sizeof headlines / sizeof headlines[0])

/* The headline cells of scenario s, or of its paired difference to the
 * baseline (diff), ending the line. ids[k] < 0: a headline not in this build. */
static void put_headline_cells(FILE *fp, struct line *l, const struct experiment *x, size_t s, const int *ids,
			       int diff)
{
	char buf[96];
	for (size_t k = 0; k < N_HEADLINES; k++) {
		if (ids[k] < 0)
			continue;
		struct summary sm;
		if (diff)
			experiment_diff(x, s, ids[k], &sm);
		else
			experiment_summary(x, s, ids[k], &sm);
		table_cell_format(buf, sizeof buf, &sm, diff);
		put_field(l, buf, KPI_WIDTH);
	}
	line_print(fp, l);
}

static void print_headlines(FILE *fp, const struct experiment *x, const struct table_findings *tf)
{
	const size_t nh = N_HEADLINES;
	int ids[N_HEADLINES];
	const char *cur = output_currency(x);
	char buf[96];
	struct line l = {.len = 0};

	put_field(&l, "scenario", NAME_WIDTH);
	for (size_t k = 0; k < nh; k++)
		if ((ids[k] = metric_find(headlines[k].metric)) >= 0)
			put_field(&l, headlines[k].label, KPI_WIDTH);
	line_print(fp, &l);
	put_field(&l, "", NAME_WIDTH);
	for (size_t k = 0; k < nh; k++)
		if (ids[k] >= 0)
			put_field(&l, output_unit(buf, sizeof buf, headlines[k].unit, cur), KPI_WIDTH);
	line_print(fp, &l);

	int marked = 0;
	for (size_t i = 0; i < x->n_scenarios; i++) {
		size_t s = tf->ranking[i].scenario;
		char name[NAME_LEN + 16];
		int warned = table_scenario_warned(tf, s);
		marked |= warned;
		snprintf(name, sizeof name, "%zu %s%s", i + 1, x->file->scenarios[s].name, warned ? " !" : "");
		put_name(fp, &l, name);
		put_headline_cells(fp, &l, x, s, ids, 0);
		if (s > 0) {
			put_field(&l, "  vs baseline", NAME_WIDTH);
			put_headline_cells(fp, &l, x, s, ids, 1);
		}
	}
	fprintf(fp, "ranked by the objective (%s); mean \u00b1 95%% CI half-width over %u replications;\n",
		tf->objective_text, x->replications);
	fprintf(fp, "\"vs baseline\": paired difference to %s, * where its 95%% CI excludes 0\n",
		x->n_scenarios ? x->file->scenarios[0].name : "-");
	fprintf(fp, "%s\n", OUTPUT_INTERVAL_NOTE);
	if (marked)
		fprintf(fp, "! a pool of this scenario is saturated or its queue still grows (see the warnings)\n");
}

int table_scenario_warned(const struct table_findings *tf, size_t s)
{
	for (size_t i = 0; i < tf->n_warnings; i++)
		if (tf->warnings[i].scenario == s)
			return 1;
	return 0;
}

/* "x.xx EUR/year" with three significant digits and the currency */
static void value_unit(char *buf, size_t len, double v, int sign, const char *unit, const char *cur)
{
	char num[48], u[96];
	table_humanise(num, sizeof num, v, sign);
	output_unit(u, sizeof u, unit, cur);
	snprintf(buf, len, "%s %s", num, u);
}

void table_verdict(char *buf, size_t len, const struct experiment *x, const struct table_findings *tf)
{
	const struct objective *o = tf->objective;
	const char *unit = metric_table[o->metric].unit, *cur = output_currency(x);
	const struct rank_entry *r = tf->ranking;
	const char *best = x->file->scenarios[r[0].scenario].name;
	if (x->n_scenarios < 2) {
		char v[160];
		value_unit(v, sizeof v, r[0].value, 0, unit, cur);
		snprintf(buf, len, "objective %s: %s (one scenario, nothing to compare)", tf->objective_text, v);
		return;
	}
	const char *next = x->file->scenarios[r[1].scenario].name;
	char gap[160], lo[48], hi[48];
	value_unit(gap, sizeof gap, fabs(r[0].diff.mean), 0, unit, cur);
	table_humanise(lo, sizeof lo, r[0].diff.ci_low, 1);
	table_humanise(hi, sizeof hi, r[0].diff.ci_high, 1);
	if (r[0].significant)
		snprintf(buf, len, "best on %s: %s, ahead of %s by %s (paired 95%% CI of %s - %s: %s to %s)",
			 tf->objective_text, best, next, gap, best, next, lo, hi);
	else
		snprintf(buf, len,
			 "on %s, %s and %s cannot be told apart: %s - %s = %s (paired 95%% CI %s to %s includes 0)",
			 tf->objective_text, best, next, best, next, gap, lo, hi);
}

static void print_effort(FILE *fp, const struct experiment *x)
{
	size_t plen = strlen(EFFORT_PREFIX);
	int ids[METRIC_COUNT], n = 0;
	for (int m = 0; m < METRIC_COUNT; m++)
		if (strncmp(metric_table[m].name, EFFORT_PREFIX, plen) == 0)
			ids[n++] = m;
	if (n == 0)
		return;
	fputs("\neffort by cause (points per customer-year; negative = a gain)\n", fp);
	struct line l = {.len = 0};
	put_field(&l, "scenario", NAME_WIDTH);
	for (int k = 0; k < n; k++)
		put_field(&l, metric_table[ids[k]].name + plen, EFFORT_WIDTH);
	line_print(fp, &l);
	char buf[96];
	for (size_t s = 0; s < x->n_scenarios; s++) {
		put_name(fp, &l, x->file->scenarios[s].name);
		for (int k = 0; k < n; k++) {
			struct summary sm;
			experiment_summary(x, s, ids[k], &sm);
			format_cell_sig(buf, sizeof buf, &sm, 0, 2);
			put_field(&l, buf, EFFORT_WIDTH);
		}
		line_print(fp, &l);
	}
}

/* payback.days of each scenario against the baseline (periods.csv, cumulative.csv) */
static void print_payback(FILE *fp, const struct experiment *x)
{
	if (x->n_scenarios < 2)
		return;
	fprintf(fp, "\npayback vs %s (days after the warm-up until the cumulative margin difference stays "
		    "positive; cumulative.csv)\n",
		x->file->scenarios[0].name);
	for (size_t s = 1; s < x->n_scenarios; s++) {
		struct summary pb;
		experiment_payback(x, s, &pb);
		char lo[48], hi[48];
		table_humanise(lo, sizeof lo, pb.ci_low, 0);
		table_humanise(hi, sizeof hi, pb.ci_high, 0);
		if (isnan(pb.mean))
			fprintf(fp, "  %-24s not within the horizon\n", x->file->scenarios[s].name);
		else
			fprintf(fp, "  %-24s day %.0f (95%% CI %s to %s)\n", x->file->scenarios[s].name, pb.mean,
				isnan(pb.ci_low) ? "-" : lo, isnan(pb.ci_high) ? "not within the horizon" : hi);
	}
}

void table_print(FILE *fp, const struct experiment *x, const char *outdir, const struct table_findings *tf)
{
	char verdict[1024];
	table_verdict(verdict, sizeof verdict, x, tf);
	fprintf(fp, "%s\n", verdict);
	fprintf(fp, "%zu of %zu key assumptions are illustrative defaults (run.json \"assumptions\")\n",
		tf->assumptions_default, tf->assumptions_key);
	const struct run_settings *run = &x->file->run;
	size_t len = strlen(outdir);
	/* the horizon includes the warm-up */
	fprintf(fp, "%zu scenarios x %u replications, horizon %.6g d incl. %.6g d warm-up, seed %llu; ", x->n_scenarios,
		x->replications, run->horizon, run->warmup, (unsigned long long)run->seed);
	fprintf(fp, "results in %s%s\n\n", outdir, len && outdir[len - 1] == '/' ? "" : "/");
	print_headlines(fp, x, tf);
	print_effort(fp, x);
	print_payback(fp, x);
}

void table_print_staffing(FILE *fp, const struct experiment *x, const struct staffing_report *rep)
{
	if (!rep || rep->n == 0)
		return;
	fprintf(fp, "\nstaffing chosen by simulation (the same customers at every candidate; staffing.csv)\n");
	fprintf(fp, "%-24s %-15s %-14s %-16s %7s %8s  %-26s %s\n", "scenario", "pool", "rule", "target", "servers",
		"estimate", "service level (95% CI)", "staff cost");
	for (size_t i = 0; i < rep->n; i++) {
		const struct staffing_choice *ch = &rep->choice[i];
		const struct staffing *st = &company_pool(&x->file->scenarios[ch->scenario].company, ch->pool)->staffing;
		char within[48], target[64], level[64], cost[32], estimate[16];
		duration_format(st->within, within, sizeof within);
		snprintf(target, sizeof target, "%g%% < %s", 100 * st->share, within);
		struct summary sm, sc;
		experiment_summary(x, ch->scenario, METRIC_OF_POOL(M_SALES_SERVICE_LEVEL, ch->pool), &sm);
		experiment_summary(x, ch->scenario, M_COST_STAFF_SALES + (int)ch->pool, &sc);
		snprintf(level, sizeof level, "%.1f%% (%.1f%% to %.1f%%)", 100 * sm.mean, 100 * sm.ci_low,
			 100 * sm.ci_high);
		table_humanise(cost, sizeof cost, sc.mean, 0);
		if (ch->estimate > st->max_servers)
			snprintf(estimate, sizeof estimate, ">%u", st->max_servers);
		else
			snprintf(estimate, sizeof estimate, "%u", ch->estimate);
		fprintf(fp, "%-24s %-15s %-14s %-16s %7u %8s  %-26s %s %s/year\n", x->file->scenarios[ch->scenario].name,
			pool_labels[ch->pool], staffing_rule_names[ch->rule], ch->rule == STAFFING_SERVICE_LEVEL ? target : "objective",
			ch->servers, estimate, level, cost, x->file->scenarios[ch->scenario].company.currency);
	}
	fprintf(fp, "search: %zu staffings simulated, %llu replications (the reported run not counted)\n",
		rep->candidates, (unsigned long long)rep->replications);
}
