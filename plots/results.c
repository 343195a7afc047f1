/* results.c - reads a results folder (summary.csv, diffs.csv, timeseries.csv,
 * distributions.csv, run.json) into struct plot_results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

/* A list of distinct names in order of first appearance. */
struct names {
	char **v;
	size_t n, cap;
};

static int names_find(const struct names *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return (int)i;
	return -1;
}

/* Index of s, added when new; -1 when out of memory. */
static int names_add(struct names *l, const char *s)
{
	int i = names_find(l, s);
	if (i >= 0)
		return i;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **nv = realloc(l->v, cap * sizeof *nv);
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(s)))
		return -1;
	return (int)l->n++;
}

static void free_list(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static struct plot_stat nan_stat(void)
{
	struct plot_stat s = {NAN, NAN, NAN, NAN, 0};
	return s;
}

static void path_join(char *buf, size_t len, const char *dir, const char *file)
{
	snprintf(buf, len, "%s/%s", dir, file);
}

static int oom(struct js_error *err, const char *what)
{
	return js_error_set(err, EX_OSERR, "%s: out of memory", what);
}

static int load_summary(struct plot_results *r, struct js_error *err)
{
	static const char *const cols_names[] = {"scenario", "metric", "unit", "mean", "sd", "ci95_low", "ci95_high",
						 "n"};
	char path[1100];
	path_join(path, sizeof path, r->dir, "summary.csv");
	struct csv t;
	if (csv_read(&t, path, 0, err) < 0)
		return -1;
	int c[8], rc = -1;
	struct names scen = {0}, met = {0};
	char **units = NULL;
	if (csv_require(&t, cols_names, 8, c, err) < 0)
		goto out;
	for (size_t i = 0; i < t.n_rows; i++) {
		const char *s = csv_get(&t, i, c[0]), *m = csv_get(&t, i, c[1]);
		if (!*s || !*m) {
			js_error_set(err, EX_DATAERR, "%s:%zu: empty scenario or metric", path, t.line[i]);
			goto out;
		}
		if (names_add(&scen, s) < 0 || names_add(&met, m) < 0) {
			oom(err, path);
			goto out;
		}
	}
	r->n_scen = scen.n;
	r->n_metric = met.n;
	units = calloc(met.n ? met.n : 1, sizeof *units);
	r->summary = malloc((scen.n * met.n + 1) * sizeof *r->summary);
	r->diff = malloc((scen.n * met.n + 1) * sizeof *r->diff);
	r->label = calloc(scen.n + 1, sizeof *r->label);
	if (!units || !r->summary || !r->diff || !r->label) {
		oom(err, path);
		goto out;
	}
	for (size_t i = 0; i < scen.n * met.n; i++)
		r->summary[i] = r->diff[i] = nan_stat();
	for (size_t i = 0; i < t.n_rows; i++) {
		size_t s = (size_t)names_find(&scen, csv_get(&t, i, c[0]));
		size_t m = (size_t)names_find(&met, csv_get(&t, i, c[1]));
		if (!units[m] && !(units[m] = strdup(csv_get(&t, i, c[2])))) {
			oom(err, path);
			goto out;
		}
		struct plot_stat *st = &r->summary[s * met.n + m];
		st->mean = csv_number(csv_get(&t, i, c[3]));
		st->sd = csv_number(csv_get(&t, i, c[4]));
		st->lo = csv_number(csv_get(&t, i, c[5]));
		st->hi = csv_number(csv_get(&t, i, c[6]));
		double n = csv_number(csv_get(&t, i, c[7]));
		st->n = isfinite(n) && n > 0 ? (unsigned)n : 0;
	}
	for (size_t s = 0; s < scen.n; s++)
		if (!(r->label[s] = plot_scenario_label(scen.v[s]))) {
			oom(err, path);
			goto out;
		}
	rc = 0;
out:
	/* on failure too: plot_results_free releases what is there */
	r->scen = scen.v;
	r->n_scen = scen.n;
	r->metric = met.v;
	r->n_metric = met.n;
	r->unit = units;
	csv_free(&t);
	return rc;
}

static int scen_index(const struct plot_results *r, const char *s)
{
	for (size_t k = 0; k < r->n_scen; k++)
		if (strcmp(r->scen[k], s) == 0)
			return (int)k;
	return -1;
}

static int load_diffs(struct plot_results *r, struct js_error *err)
{
	static const char *const cols_names[] = {"scenario", "metric", "mean_diff", "ci95_low", "ci95_high", "n"};
	char path[1100];
	path_join(path, sizeof path, r->dir, "diffs.csv");
	struct csv t;
	int got = csv_read(&t, path, 1, err);
	if (got < 0)
		return -1;
	if (got == 1)
		return 0;
	int c[6];
	if (csv_require(&t, cols_names, 6, c, err) < 0) {
		csv_free(&t);
		return -1;
	}
	r->have_diffs = 1;
	for (size_t i = 0; i < t.n_rows; i++) {
		int s = scen_index(r, csv_get(&t, i, c[0])), m = plot_results_metric(r, csv_get(&t, i, c[1]));
		if (s < 0 || m < 0)
			continue;
		struct plot_stat *st = &r->diff[(size_t)s * r->n_metric + (size_t)m];
		st->mean = csv_number(csv_get(&t, i, c[2]));
		st->lo = csv_number(csv_get(&t, i, c[3]));
		st->hi = csv_number(csv_get(&t, i, c[4]));
		double n = csv_number(csv_get(&t, i, c[5]));
		st->n = isfinite(n) && n > 0 ? (unsigned)n : 0;
	}
	csv_free(&t);
	return 0;
}

static int load_timeseries(struct plot_results *r, struct js_error *err)
{
	static const char *const cols_names[] = {"scenario", "day", "series", "mean", "ci95_low", "ci95_high"};
	char path[1100];
	path_join(path, sizeof path, r->dir, "timeseries.csv");
	struct csv t;
	int got = csv_read(&t, path, 1, err);
	if (got < 0)
		return -1;
	if (got == 1)
		return 0;
	int c[6], rc = -1;
	struct names ser = {0};
	size_t *fill = NULL;
	if (csv_require(&t, cols_names, 6, c, err) < 0)
		goto out;
	r->have_timeseries = 1;
	for (size_t i = 0; i < t.n_rows; i++)
		if (scen_index(r, csv_get(&t, i, c[0])) >= 0 && names_add(&ser, csv_get(&t, i, c[2])) < 0) {
			oom(err, path);
			goto out;
		}
	r->n_series = ser.n;
	r->series = ser.v;
	ser.v = NULL;
	size_t cells = r->n_scen * r->n_series;
	r->ts = calloc(cells + 1, sizeof *r->ts);
	fill = calloc(cells + 1, sizeof *fill);
	if (!r->ts || !fill) {
		oom(err, path);
		goto out;
	}
	int idx_s, idx_k;
	for (size_t i = 0; i < t.n_rows; i++) {
		if ((idx_s = scen_index(r, csv_get(&t, i, c[0]))) < 0)
			continue;
		idx_k = names_find(&(struct names){r->series, r->n_series, r->n_series}, csv_get(&t, i, c[2]));
		r->ts[(size_t)idx_s * r->n_series + (size_t)idx_k].n++;
	}
	for (size_t k = 0; k < cells; k++) {
		struct plot_series *p = &r->ts[k];
		size_t n = p->n ? p->n : 1;
		p->day = malloc(n * sizeof(double));
		p->mean = malloc(n * sizeof(double));
		p->lo = malloc(n * sizeof(double));
		p->hi = malloc(n * sizeof(double));
		if (!p->day || !p->mean || !p->lo || !p->hi) {
			oom(err, path);
			goto out;
		}
	}
	for (size_t i = 0; i < t.n_rows; i++) {
		if ((idx_s = scen_index(r, csv_get(&t, i, c[0]))) < 0)
			continue;
		idx_k = names_find(&(struct names){r->series, r->n_series, r->n_series}, csv_get(&t, i, c[2]));
		size_t cell = (size_t)idx_s * r->n_series + (size_t)idx_k, j = fill[cell]++;
		struct plot_series *p = &r->ts[cell];
		p->day[j] = csv_number(csv_get(&t, i, c[1]));
		p->mean[j] = csv_number(csv_get(&t, i, c[3]));
		p->lo[j] = csv_number(csv_get(&t, i, c[4]));
		p->hi[j] = csv_number(csv_get(&t, i, c[5]));
	}
	/* by rising day (files are sorted; this only guards hand-edited ones) */
	for (size_t k = 0; k < cells; k++) {
		struct plot_series *p = &r->ts[k];
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
	rc = 0;
out:
	free_list(ser.v, ser.n);
	free(fill);
	csv_free(&t);
	return rc;
}

static int load_distributions(struct plot_results *r, struct js_error *err)
{
	static const char *const cols_names[] = {"scenario", "variable", "bin_low", "bin_high", "share"};
	static const char *const var_names[PLOT_DIST_COUNT] = {"time_to_customer", "experience"};
	char path[1100];
	path_join(path, sizeof path, r->dir, "distributions.csv");
	struct csv t;
	int got = csv_read(&t, path, 1, err);
	if (got < 0)
		return -1;
	r->hist = calloc(r->n_scen * PLOT_DIST_COUNT + 1, sizeof *r->hist);
	if (!r->hist) {
		csv_free(&t);
		return oom(err, path);
	}
	if (got == 1)
		return 0;
	int c[5], rc = -1;
	if (csv_require(&t, cols_names, 5, c, err) < 0)
		goto out;
	r->have_distributions = 1;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			for (size_t k = 0; k < r->n_scen * PLOT_DIST_COUNT; k++) {
				struct plot_hist *h = &r->hist[k];
				size_t n = h->n ? h->n : 1;
				h->lo = malloc(n * sizeof(double));
				h->hi = malloc(n * sizeof(double));
				h->share = malloc(n * sizeof(double));
				if (!h->lo || !h->hi || !h->share) {
					oom(err, path);
					goto out;
				}
				h->n = 0;
			}
		for (size_t i = 0; i < t.n_rows; i++) {
			int s = scen_index(r, csv_get(&t, i, c[0])), v = -1;
			for (int k = 0; k < PLOT_DIST_COUNT; k++)
				if (strcmp(csv_get(&t, i, c[1]), var_names[k]) == 0)
					v = k;
			if (s < 0 || v < 0)
				continue;
			struct plot_hist *h = &r->hist[(size_t)s * PLOT_DIST_COUNT + (size_t)v];
			if (pass == 1) {
				h->lo[h->n] = csv_number(csv_get(&t, i, c[2]));
				h->hi[h->n] = csv_number(csv_get(&t, i, c[3]));
				h->share[h->n] = csv_number(csv_get(&t, i, c[4]));
			}
			h->n++;
		}
	}
	rc = 0;
out:
	csv_free(&t);
	return rc;
}

int plot_results_load(struct plot_results *r, const char *dir, struct js_error *err)
{
	memset(r, 0, sizeof *r);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	char path[1100];
	path_join(path, sizeof path, dir, "run.json");
	if (plot_run_load(&r->run, path, NULL, err) < 0 || load_summary(r, err) < 0 || load_diffs(r, err) < 0 ||
	    load_timeseries(r, err) < 0 || load_distributions(r, err) < 0) {
		plot_results_free(r);
		return -1;
	}
	return 0;
}

void plot_results_free(struct plot_results *r)
{
	if (!r)
		return;
	free_list(r->scen, r->n_scen);
	free_list(r->label, r->label ? r->n_scen : 0);
	free_list(r->metric, r->n_metric);
	free_list(r->unit, r->unit ? r->n_metric : 0);
	free(r->summary);
	free(r->diff);
	if (r->ts)
		for (size_t k = 0; k < r->n_scen * r->n_series; k++) {
			free(r->ts[k].day);
			free(r->ts[k].mean);
			free(r->ts[k].lo);
			free(r->ts[k].hi);
		}
	free(r->ts);
	free_list(r->series, r->n_series);
	if (r->hist)
		for (size_t k = 0; k < r->n_scen * PLOT_DIST_COUNT; k++) {
			free(r->hist[k].lo);
			free(r->hist[k].hi);
			free(r->hist[k].share);
		}
	free(r->hist);
	memset(r, 0, sizeof *r);
}

int plot_results_metric(const struct plot_results *r, const char *name)
{
	for (size_t m = 0; m < r->n_metric; m++)
		if (strcmp(r->metric[m], name) == 0)
			return (int)m;
	return -1;
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
