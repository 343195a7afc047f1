/* periods_data.c - the results over time of a results folder (issue 15):
 * periods.csv (KPIs per period), period_diffs.csv (paired differences per
 * period) and cumulative.csv (the cumulative paired margin difference), and
 * when a scenario pays back against the baseline. All three files are
 * optional: a folder without them loads as before and every chart that
 * needs them is left out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

#define COLS(cols) cols, sizeof cols / sizeof cols[0]
#define PERIODS_MAX 100000 /* more than any horizon's days: a bigger number is a damaged file */

static const struct csv_column periods_cols[] = {
	{"scenario", 0, 0}, {"period", 1, 0},   {"start_day", 1, 0}, {"end_day", 1, 0},
	{"partial", 1, 1},  {"metric", 0, 0},   {"unit", 0, 1},      {"mean", 1, 0},
	{"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"n", 1, 1},
};
static const struct csv_column period_diffs_cols[] = {
	{"scenario", 0, 0}, {"period", 1, 0},    {"metric", 0, 0},    {"mean_diff", 1, 0},
	{"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"n", 1, 1},
};
static const struct csv_column cumulative_cols[] = {
	{"scenario", 0, 0}, {"day", 1, 0}, {"metric", 0, 0}, {"mean_diff", 1, 0}, {"ci95_low", 1, 0}, {"ci95_high", 1, 0},
	{"n", 1, 1},
};

static struct plot_stat nan_stat(void)
{
	return (struct plot_stat){NAN, NAN, NAN, NAN, 0};
}

/* The 0-based period of a row; -1 with err when it is not a whole number from 1. */
static long period_of(const struct csv_table *t, size_t i, int col, struct js_error *err)
{
	double v = csv_parse_number(csv_table_get(t, i, col));
	if (!(v >= 1 && v <= PERIODS_MAX) || v != floor(v))
		return js_error_set(err, EX_DATAERR, "%s:%zu: period: expected a whole number from 1, got '%s'", t->path,
				    t->line[i], csv_table_get(t, i, col));
	return (long)v - 1;
}

/* ---- periods.csv: the periods, the metrics, the values ---- */

static int periods_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	struct plot_periods *p = &r->per;
	for (size_t i = 0; i < t->n_rows; i++) {
		long k = period_of(t, i, c[1], err);
		if (k < 0)
			return -1;
		if ((size_t)k + 1 > p->n)
			p->n = (size_t)k + 1;
		if (plot_names_add(&p->metric, &p->n_metric, csv_table_get(t, i, c[5])) < 0)
			return plot_oom(err, t->path);
	}
	size_t cells = r->n_scen * p->n * p->n_metric;
	p->start = malloc((2 * p->n + 1) * sizeof *p->start); /* one block: start, end */
	p->partial = calloc(p->n + 1, sizeof *p->partial);
	p->unit = calloc(p->n_metric + 1, sizeof *p->unit);
	p->value = malloc((cells + 1) * sizeof *p->value);
	p->diff = malloc((cells + 1) * sizeof *p->diff);
	if (!p->start || !p->partial || !p->unit || !p->value || !p->diff)
		return plot_oom(err, t->path);
	p->end = p->start + p->n;
	for (size_t k = 0; k < 2 * p->n; k++)
		p->start[k] = NAN;
	for (size_t k = 0; k < cells; k++)
		p->value[k] = p->diff[k] = nan_stat();
	p->have_periods = 1;
	return 0;
}

static int periods_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	struct plot_periods *p = &r->per;
	size_t k = (size_t)period_of(t, i, c[1], err);
	int m = plot_periods_metric(p, csv_table_get(t, i, c[5]));
	if (!isfinite(p->start[k])) { /* every row of a period says the same */
		p->start[k] = csv_parse_number(csv_table_get(t, i, c[2]));
		p->end[k] = csv_parse_number(csv_table_get(t, i, c[3]));
		p->partial[k] = csv_parse_number(csv_table_get(t, i, c[4])) == 1;
	}
	if (!p->unit[m] && !(p->unit[m] = strdup(csv_table_get(t, i, c[6]))))
		return plot_oom(err, t->path);
	int s = plot_list_find(r->scen, r->n_scen, csv_table_get(t, i, c[0]));
	if (s >= 0)
		p->value[((size_t)s * p->n + k) * p->n_metric + (size_t)m] =
			plot_stat_row(t, i, c[7], c[8], c[9], -1, c[10]);
	return 0;
}

/* ---- period_diffs.csv: read into the cells periods.csv made ---- */

static int period_diffs_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	struct plot_periods *p = &r->per;
	long k = period_of(t, i, c[1], err);
	if (k < 0)
		return -1;
	int s = plot_list_find(r->scen, r->n_scen, csv_table_get(t, i, c[0]));
	int m = plot_periods_metric(p, csv_table_get(t, i, c[2]));
	if (p->diff && s >= 0 && m >= 0 && (size_t)k < p->n) {
		p->diff[((size_t)s * p->n + (size_t)k) * p->n_metric + (size_t)m] =
			plot_stat_row(t, i, c[3], c[4], c[5], -1, c[6]);
		p->have_diffs = 1;
	}
	return 0;
}

/* ---- cumulative.csv: one margin series per scenario ---- */

static struct plot_series *cum_cell(struct plot_results *r, const struct csv_table *t, size_t i, const int *c)
{
	int s = plot_list_find(r->scen, r->n_scen, csv_table_get(t, i, c[0]));
	return s < 0 || strcmp(csv_table_get(t, i, c[2]), "margin") != 0 ? NULL : &r->per.cum[s];
}

static int cumulative_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	if (!(r->per.cum = calloc(r->n_scen + 1, sizeof *r->per.cum)))
		return plot_oom(err, t->path);
	for (size_t i = 0; i < t->n_rows; i++) {
		struct plot_series *q = cum_cell(r, t, i, c);
		if (q)
			q->n++;
	}
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_series *q = &r->per.cum[s];
		if (!(q->day = malloc((4 * q->n + 1) * sizeof(double)))) /* one block: day, mean, lo, hi */
			return plot_oom(err, t->path);
		q->mean = q->day + q->n;
		q->lo = q->mean + q->n;
		q->hi = q->lo + q->n;
		q->n = 0;
	}
	r->per.have_cumulative = 1;
	return 0;
}

static int cumulative_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	struct plot_series *q = cum_cell(r, t, i, c);
	if (!q)
		return 0;
	const int cols[4] = {c[1], c[3], c[4], c[5]};
	plot_row_numbers(t, i, cols, 4, q->day + q->n, (size_t)(q->mean - q->day));
	if (q->n && !(q->day[q->n] > q->day[q->n - 1]))
		return js_error_set(err, EX_DATAERR, "%s:%zu: day: expected rising days per scenario, got %s after %g",
				    t->path, t->line[i], csv_table_get(t, i, c[1]), q->day[q->n - 1]);
	q->n++;
	return 0;
}

static const struct csv_reader readers[] = {
	{{"periods.csv", COLS(periods_cols), CSV_MISSING_OK | CSV_ROWS}, periods_begin, periods_row},
	{{"period_diffs.csv", COLS(period_diffs_cols), CSV_MISSING_OK}, NULL, period_diffs_row},
	{{"cumulative.csv", COLS(cumulative_cols), CSV_MISSING_OK}, cumulative_begin, cumulative_row},
};

int plot_periods_load(struct plot_results *r, struct js_error *err)
{
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
		if (csv_table_each(r->dir, &readers[i], r, err) < 0)
			return -1;
	return 0;
}

void plot_periods_free(struct plot_periods *p, size_t n_scen)
{
	free(p->start); /* and end */
	free(p->partial);
	plot_list_free(p->metric, p->n_metric);
	plot_list_free(p->unit, p->unit ? p->n_metric : 0);
	free(p->value);
	free(p->diff);
	for (size_t s = 0; p->cum && s < n_scen; s++)
		free(p->cum[s].day); /* and mean, lo, hi */
	free(p->cum);
	memset(p, 0, sizeof *p);
}

int plot_periods_metric(const struct plot_periods *p, const char *name)
{
	return plot_list_find(p->metric, p->n_metric, name);
}

struct plot_stat plot_periods_get(const struct plot_results *r, size_t s, size_t k, int m, int diff)
{
	const struct plot_periods *p = &r->per;
	const struct plot_stat *tab = diff ? p->diff : p->value;
	if (!tab || m < 0 || s >= r->n_scen || k >= p->n)
		return nan_stat();
	return tab[(s * p->n + k) * p->n_metric + (size_t)m];
}

const struct plot_series *plot_periods_cumulative(const struct plot_results *r, size_t s)
{
	return r->per.cum && s < r->n_scen && r->per.cum[s].n ? &r->per.cum[s] : NULL;
}

/* ---- payback ---- */

/* The day after which v stays positive: where its last non-positive stretch
 * crosses 0 (linear between samples), NaN when it ends non-positive. */
static double positive_for_good(const double *day, const double *v, size_t n)
{
	size_t i = n;
	while (i > 0 && v[i - 1] > 0)
		i--;
	if (i == 0)
		return n ? day[0] : NAN;
	if (i == n)
		return NAN;
	/* v[i - 1] <= 0 < v[i] */
	double a = v[i - 1], b = v[i];
	if (!isfinite(a))
		return day[i];
	return day[i - 1] + (0 - a) / (b - a) * (day[i] - day[i - 1]);
}

struct plot_payback plot_payback_of(const struct plot_results *r, size_t s)
{
	struct plot_payback p = {0, 0, 0, NAN, NAN, NAN};
	struct plot_stat st = plot_results_get(r, s, "payback.days");
	const struct plot_series *q = plot_periods_cumulative(r, s);
	if (s == 0)
		return p;
	if (plot_results_metric(r, "payback.days") >= 0) { /* the run's own figure */
		p.known = 1;
		p.day = st.mean, p.lo = st.lo, p.hi = st.hi;
	} else if (q) {
		p.known = 1;
		p.day = positive_for_good(q->day, q->mean, q->n);
		p.lo = positive_for_good(q->day, q->hi, q->n); /* the band's upper bound turns positive first */
		p.hi = positive_for_good(q->day, q->lo, q->n);
	}
	p.pays = isfinite(p.day);
	/* the band must leave 0 behind for good, and be above it at the horizon */
	p.shown = p.pays && isfinite(p.hi) && !(q && q->n && !(q->lo[q->n - 1] > 0));
	return p;
}

int plot_results_have_payback(const struct plot_results *r)
{
	for (size_t s = 1; s < r->n_scen; s++)
		if (plot_payback_of(r, s).known)
			return 1;
	return 0;
}
