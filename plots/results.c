/* results.c - reads a results folder (summary.csv, diffs.csv, timeseries.csv,
 * distributions.csv, run.json) into struct plot_results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "files.h"

#define COLS(cols) cols, sizeof cols / sizeof cols[0]

static const struct csv_column summary_cols[] = {
	{"scenario", 0, 0}, {"metric", 0, 0},   {"unit", 0, 0}, {"mean", 1, 0},
	{"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"sd", 1, 0},   {"n", 1, 0},
};
static const struct csv_column diffs_cols[] = {
	{"scenario", 0, 0}, {"metric", 0, 0}, {"mean_diff", 1, 0}, {"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"n", 1, 0},
};
static const struct csv_column timeseries_cols[] = {
	{"scenario", 0, 0}, {"day", 1, 0}, {"series", 0, 0}, {"mean", 1, 0}, {"ci95_low", 1, 0}, {"ci95_high", 1, 0},
};
static const struct csv_column distributions_cols[] = {
	{"scenario", 0, 0}, {"variable", 0, 0}, {"bin_low", 1, 0}, {"bin_high", 1, 0}, {"share", 1, 0},
};
static const char *const dist_names[PLOT_DIST_COUNT] = {"time_to_customer", "experience"};

static struct plot_stat nan_stat(void)
{
	struct plot_stat s = {NAN, NAN, NAN, NAN, 0};
	return s;
}

static int scen_index(const struct plot_results *r, const char *s)
{
	return plot_list_find(r->scen, r->n_scen, s);
}

/* ---- summary.csv: the scenarios and metrics of every other table ---- */

static int summary_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	for (size_t i = 0; i < t->n_rows; i++) {
		const char *s = csv_table_get(t, i, c[0]), *m = csv_table_get(t, i, c[1]);
		if (!*s || !*m)
			return js_error_set(err, EX_DATAERR, "%s:%zu: empty scenario or metric", t->path, t->line[i]);
		if (plot_names_add(&r->scen, &r->n_scen, s) < 0 || plot_names_add(&r->metric, &r->n_metric, m) < 0)
			return plot_oom(err, t->path);
	}
	size_t cells = r->n_scen * r->n_metric;
	r->unit = calloc(r->n_metric + 1, sizeof *r->unit);
	r->summary = malloc((cells + 1) * sizeof *r->summary);
	r->diff = malloc((cells + 1) * sizeof *r->diff);
	r->label = calloc(r->n_scen + 1, sizeof *r->label);
	if (!r->unit || !r->summary || !r->diff || !r->label)
		return plot_oom(err, t->path);
	for (size_t i = 0; i < cells; i++)
		r->summary[i] = r->diff[i] = nan_stat();
	for (size_t s = 0; s < r->n_scen; s++)
		if (!(r->label[s] = plot_scenario_label(r->scen[s])))
			return plot_oom(err, t->path);
	return 0;
}

static int summary_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	size_t s = (size_t)scen_index(r, csv_table_get(t, i, c[0]));
	size_t m = (size_t)plot_results_metric(r, csv_table_get(t, i, c[1]));
	if (!r->unit[m] && !(r->unit[m] = strdup(csv_table_get(t, i, c[2]))))
		return plot_oom(err, t->path);
	r->summary[s * r->n_metric + m] = plot_stat_row(t, i, c[3], c[4], c[5], c[6], c[7]);
	return 0;
}

/* ---- diffs.csv ---- */

static int diffs_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	(void)t, (void)c, (void)err;
	((struct plot_results *)ctx)->have_diffs = 1;
	return 0;
}

static int diffs_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	(void)err;
	struct plot_results *r = ctx;
	int s = scen_index(r, csv_table_get(t, i, c[0])), m = plot_results_metric(r, csv_table_get(t, i, c[1]));
	if (s >= 0 && m >= 0)
		r->diff[(size_t)s * r->n_metric + (size_t)m] = plot_stat_row(t, i, c[2], c[3], c[4], -1, c[5]);
	return 0;
}

/* ---- timeseries.csv: one series of days per scenario and series name ---- */

/* The cell of a row, or NULL when its scenario is unknown. */
static struct plot_series *series_cell(struct plot_results *r, const struct csv_table *t, size_t i, const int *c)
{
	int s = scen_index(r, csv_table_get(t, i, c[0]));
	int k = plot_list_find(r->series, r->n_series, csv_table_get(t, i, c[2]));
	return s < 0 || k < 0 ? NULL : &r->ts[(size_t)s * r->n_series + (size_t)k];
}

static int timeseries_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	r->have_timeseries = 1;
	for (size_t i = 0; i < t->n_rows; i++)
		if (scen_index(r, csv_table_get(t, i, c[0])) >= 0 &&
		    plot_names_add(&r->series, &r->n_series, csv_table_get(t, i, c[2])) < 0)
			return plot_oom(err, t->path);
	size_t cells = r->n_scen * r->n_series;
	if (!(r->ts = calloc(cells + 1, sizeof *r->ts)))
		return plot_oom(err, t->path);
	for (size_t i = 0; i < t->n_rows; i++) {
		struct plot_series *p = series_cell(r, t, i, c);
		if (p)
			p->n++;
	}
	for (size_t k = 0; k < cells; k++) {
		struct plot_series *p = &r->ts[k];
		/* one block: day, mean, lo, hi */
		if (!(p->day = malloc((4 * p->n + 1) * sizeof(double))))
			return plot_oom(err, t->path);
		p->mean = p->day + p->n;
		p->lo = p->mean + p->n;
		p->hi = p->lo + p->n;
		p->n = 0; /* counts again as the rows fill it */
	}
	return 0;
}

static int timeseries_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	(void)err;
	struct plot_series *p = series_cell(ctx, t, i, c);
	if (p) { /* day, mean, lo and hi are columns of one block */
		const int cols[4] = {c[1], c[3], c[4], c[5]};
		plot_row_numbers(t, i, cols, 4, p->day + p->n++, (size_t)(p->mean - p->day));
	}
	return 0;
}

/* by rising day (files are sorted; this only guards hand-edited ones) */
static void series_sort(struct plot_series *p)
{
	for (size_t a = 1; a < p->n; a++)
		for (size_t b = a; b > 0 && p->day[b - 1] > p->day[b]; b--) {
			double *arr[4] = {p->day, p->mean, p->lo, p->hi};
			for (int q = 0; q < 4; q++) {
				double tmp = arr[q][b];
				arr[q][b] = arr[q][b - 1];
				arr[q][b - 1] = tmp;
			}
		}
}

/* ---- distributions.csv: the bins of each scenario and variable ---- */

static struct plot_hist *hist_cell(struct plot_results *r, const struct csv_table *t, size_t i, const int *c)
{
	int s = scen_index(r, csv_table_get(t, i, c[0]));
	for (int v = 0; s >= 0 && v < PLOT_DIST_COUNT; v++)
		if (strcmp(csv_table_get(t, i, c[1]), dist_names[v]) == 0)
			return &r->hist[(size_t)s * PLOT_DIST_COUNT + (size_t)v];
	return NULL;
}

static int distributions_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_results *r = ctx;
	r->have_distributions = 1;
	for (size_t i = 0; i < t->n_rows; i++) {
		struct plot_hist *h = hist_cell(r, t, i, c);
		if (h)
			h->n++;
	}
	for (size_t k = 0; k < r->n_scen * PLOT_DIST_COUNT; k++) {
		struct plot_hist *h = &r->hist[k];
		/* one block: lo, hi, share */
		if (!(h->lo = malloc((3 * h->n + 1) * sizeof(double))))
			return plot_oom(err, t->path);
		h->hi = h->lo + h->n;
		h->share = h->hi + h->n;
		h->n = 0;
	}
	return 0;
}

static int distributions_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	(void)err;
	struct plot_hist *h = hist_cell(ctx, t, i, c);
	if (h) /* lo, hi and share are columns of one block */
		plot_row_numbers(t, i, c + 2, 3, h->lo + h->n++, (size_t)(h->hi - h->lo));
	return 0;
}

/* A run always writes rows into these tables, but a time series may be empty. */
static const struct csv_reader readers[] = {
	{{"summary.csv", COLS(summary_cols), CSV_ROWS}, summary_begin, summary_row},
	{{"diffs.csv", COLS(diffs_cols), CSV_MISSING_OK | CSV_ROWS}, diffs_begin, diffs_row},
	{{"timeseries.csv", COLS(timeseries_cols), CSV_MISSING_OK}, timeseries_begin, timeseries_row},
	{{"distributions.csv", COLS(distributions_cols), CSV_MISSING_OK | CSV_ROWS}, distributions_begin,
	 distributions_row},
};

static int load_tables(struct plot_results *r, struct js_error *err)
{
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		if (readers[i].begin == distributions_begin && /* the charts want the cells even without the file */
		    !(r->hist = calloc(r->n_scen * PLOT_DIST_COUNT + 1, sizeof *r->hist)))
			return plot_oom(err, "distributions.csv");
		if (csv_table_each(r->dir, &readers[i], r, err) < 0)
			return -1;
	}
	for (size_t k = 0; r->ts && k < r->n_scen * r->n_series; k++)
		series_sort(&r->ts[k]);
	return 0;
}

int plot_results_load(struct plot_results *r, const char *dir, struct js_error *err)
{
	memset(r, 0, sizeof *r);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	char path[OUT_PATH_MAX];
	struct json run = {0};
	int rc = path_join(path, sizeof path, dir, "run.json", err) < 0 || plot_run_load(&r->run, path, &run, err) < 0 ||
			 load_tables(r, err) < 0 || plot_periods_load(r, err) < 0 ||
			 plot_results_facts(r, run.kind == JSON_OBJECT ? &run : NULL, err) < 0
		 ? -1
		 : 0;
	json_free(&run);
	if (rc < 0)
		plot_results_free(r);
	return rc;
}

void plot_results_free(struct plot_results *r)
{
	if (!r)
		return;
	plot_list_free(r->scen, r->n_scen);
	plot_list_free(r->label, r->label ? r->n_scen : 0);
	plot_list_free(r->metric, r->n_metric);
	plot_list_free(r->unit, r->unit ? r->n_metric : 0);
	free(r->summary);
	free(r->diff);
	for (size_t k = 0; r->ts && k < r->n_scen * r->n_series; k++)
		free(r->ts[k].day); /* and mean, lo, hi: one block */
	free(r->ts);
	plot_list_free(r->series, r->n_series);
	for (size_t k = 0; r->hist && k < r->n_scen * PLOT_DIST_COUNT; k++)
		free(r->hist[k].lo); /* and hi, share */
	free(r->hist);
	free(r->rank);
	free(r->warn);
	free(r->warned);
	plot_periods_free(&r->per, r->n_scen);
	memset(r, 0, sizeof *r);
}

int plot_results_metric(const struct plot_results *r, const char *name)
{
	return plot_list_find(r->metric, r->n_metric, name);
}

struct plot_stat plot_results_get(const struct plot_results *r, size_t s, const char *name)
{
	int m = plot_results_metric(r, name);
	return m < 0 || s >= r->n_scen ? nan_stat() : r->summary[s * r->n_metric + (size_t)m];
}

struct plot_stat plot_results_diff(const struct plot_results *r, size_t s, const char *name)
{
	int m = plot_results_metric(r, name);
	return m < 0 || s >= r->n_scen || !r->have_diffs ? nan_stat() : r->diff[s * r->n_metric + (size_t)m];
}

const char *plot_results_unit(const struct plot_results *r, const char *name)
{
	int m = plot_results_metric(r, name);
	return m < 0 || !r->unit[m] ? "" : r->unit[m];
}

const struct plot_series *plot_results_series(const struct plot_results *r, size_t s, const char *name)
{
	if (!r->ts || s >= r->n_scen)
		return NULL;
	for (size_t k = 0; k < r->n_series; k++)
		if (strcmp(r->series[k], name) == 0) {
			const struct plot_series *p = &r->ts[s * r->n_series + k];
			return p->n ? p : NULL;
		}
	return NULL;
}

unsigned plot_results_max_n(const struct plot_results *r)
{
	unsigned n = 0;
	for (size_t i = 0; i < r->n_scen * r->n_metric; i++)
		if (r->summary[i].n > n)
			n = r->summary[i].n;
	return n;
}
