/* sweep_data.c - reads a sweep folder (points.csv, summary.csv, diffs.csv,
 * tornado.csv, crossovers.csv, manifest.json) into struct plot_sweep. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

static int find(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return (int)i;
	return -1;
}

/* Appends s to *v (of *n) when new; its index, or -1 when out of memory. */
static int add(char ***v, size_t *n, const char *s)
{
	int i = find(*v, *n, s);
	if (i >= 0)
		return i;
	if ((*n & (*n - 1)) == 0 || *n == 0) { /* grow at powers of two */
		char **nv = realloc(*v, (*n ? *n * 2 : 8) * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
	}
	if (!((*v)[*n] = strdup(s)))
		return -1;
	return (int)(*n)++;
}

static void free_list(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int oom(struct js_error *err, const char *what)
{
	return js_error_set(err, EX_OSERR, "%s: out of memory", what);
}

static int load_points(struct plot_sweep *w, const struct json *manifest, struct js_error *err)
{
	char path[1100];
	snprintf(path, sizeof path, "%s/points.csv", w->dir);
	struct csv t;
	if (csv_read(&t, path, 0, err) < 0)
		return -1;
	int rc = -1, pc = csv_column(&t, "point");
	if (pc < 0) {
		js_error_set(err, EX_DATAERR, "%s:1: missing column 'point'", path);
		goto out;
	}
	w->n_params = t.n_cols - 1;
	w->param = calloc(w->n_params + 1, sizeof *w->param);
	w->param_unit = calloc(w->n_params + 1, sizeof *w->param_unit);
	w->point = calloc(t.n_rows + 1, sizeof *w->point);
	w->value = malloc((t.n_rows * w->n_params + 1) * sizeof *w->value);
	if (!w->param || !w->param_unit || !w->point || !w->value) {
		oom(err, path);
		goto out;
	}
	const struct json *params = json_get(manifest, "parameters");
	for (size_t c = 0, j = 0; c < t.n_cols; c++) {
		if ((int)c == pc)
			continue;
		const char *unit = "";
		for (size_t k = 0; params && params->kind == JSON_ARRAY && k < params->n; k++) {
			const struct json *pk = &params->items[k];
			const char *p = json_get_string(pk, "path", json_get_string(pk, "name", ""));
			if (strcmp(p, t.header[c]) == 0)
				unit = json_get_string(pk, "unit", "");
		}
		char money[64];
		if (strncmp(unit, "money", 5) == 0 && *w->run.currency) { /* "money/day" -> "EUR/day" */
			snprintf(money, sizeof money, "%s%s", w->run.currency, unit + 5);
			unit = money;
		}
		if (!(w->param[j] = strdup(t.header[c])) || !(w->param_unit[j] = strdup(unit))) {
			oom(err, path);
			goto out;
		}
		j++;
	}
	for (size_t i = 0; i < t.n_rows; i++) {
		if (!(w->point[i] = strdup(csv_get(&t, i, pc)))) {
			oom(err, path);
			goto out;
		}
		w->n_points = i + 1;
		for (size_t c = 0, j = 0; c < t.n_cols; c++)
			if ((int)c != pc)
				w->value[i * w->n_params + j++] = csv_number(csv_get(&t, i, (int)c));
	}
	rc = 0;
out:
	csv_free(&t);
	return rc;
}

static int load_table(struct plot_sweep *w, const char *file, int is_diff, struct js_error *err)
{
	static const char *const sum_cols[] = {"point", "scenario", "metric", "unit", "mean", "ci95_low", "ci95_high",
					       "n"};
	static const char *const diff_cols[] = {"point", "scenario", "metric", "unit", "mean_diff", "ci95_low",
						"ci95_high", "n"};
	char path[1100];
	snprintf(path, sizeof path, "%s/%s", w->dir, file);
	struct csv t;
	int got = csv_read(&t, path, is_diff, err);
	if (got < 0)
		return -1;
	if (got == 1)
		return 0;
	int c[8], rc = -1, sd = csv_column(&t, "sd");
	if (csv_require(&t, is_diff ? diff_cols : sum_cols, 8, c, err) < 0)
		goto out;
	if (!is_diff) {
		for (size_t i = 0; i < t.n_rows; i++) {
			if (find(w->point, w->n_points, csv_get(&t, i, c[0])) < 0)
				continue;
			if (add(&w->scen, &w->n_scen, csv_get(&t, i, c[1])) < 0 ||
			    add(&w->metric, &w->n_metric, csv_get(&t, i, c[2])) < 0) {
				oom(err, path);
				goto out;
			}
		}
		size_t cells = w->n_points * w->n_scen * w->n_metric + 1;
		w->summary = malloc(cells * sizeof *w->summary);
		w->diff = malloc(cells * sizeof *w->diff);
		w->unit = calloc(w->n_metric + 1, sizeof *w->unit);
		w->label = calloc(w->n_scen + 1, sizeof *w->label);
		if (!w->summary || !w->diff || !w->unit || !w->label) {
			oom(err, path);
			goto out;
		}
		for (size_t i = 0; i < cells; i++)
			w->summary[i] = w->diff[i] = (struct plot_stat){NAN, NAN, NAN, NAN, 0};
		for (size_t s = 0; s < w->n_scen; s++)
			if (!(w->label[s] = plot_scenario_label(w->scen[s]))) {
				oom(err, path);
				goto out;
			}
	} else {
		w->have_diffs = 1;
	}
	for (size_t i = 0; i < t.n_rows; i++) {
		int p = find(w->point, w->n_points, csv_get(&t, i, c[0]));
		int s = find(w->scen, w->n_scen, csv_get(&t, i, c[1]));
		int m = find(w->metric, w->n_metric, csv_get(&t, i, c[2]));
		if (p < 0 || s < 0 || m < 0)
			continue;
		if (!w->unit[m] && !(w->unit[m] = strdup(csv_get(&t, i, c[3])))) {
			oom(err, path);
			goto out;
		}
		struct plot_stat *st = (struct plot_stat *)plot_sweep_at(is_diff ? w->diff : w->summary, w,
									 (size_t)p, (size_t)s, (size_t)m);
		st->mean = csv_number(csv_get(&t, i, c[4]));
		st->lo = csv_number(csv_get(&t, i, c[5]));
		st->hi = csv_number(csv_get(&t, i, c[6]));
		st->sd = sd >= 0 ? csv_number(csv_get(&t, i, sd)) : NAN;
		double n = csv_number(csv_get(&t, i, c[7]));
		st->n = isfinite(n) && n > 0 ? (unsigned)n : 0;
	}
	rc = 0;
out:
	csv_free(&t);
	return rc;
}

static char *dup_field(const struct csv *t, size_t row, int col)
{
	return strdup(csv_get(t, row, col));
}

static int load_tornado(struct plot_sweep *w, struct js_error *err)
{
	static const char *const cols_names[] = {"scenario",     "metric",        "parameter",   "low_value",
						 "high_value",   "low_mean",      "low_ci95_low", "low_ci95_high",
						 "high_mean",    "high_ci95_low", "high_ci95_high", "base_mean",
						 "swing",        "rank"};
	char path[1100];
	snprintf(path, sizeof path, "%s/tornado.csv", w->dir);
	struct csv t;
	int got = csv_read(&t, path, 1, err);
	if (got < 0)
		return -1;
	if (got == 1)
		return 0;
	int c[14], rc = -1;
	if (csv_require(&t, cols_names, 14, c, err) < 0)
		goto out;
	w->tornado = calloc(t.n_rows + 1, sizeof *w->tornado);
	if (!w->tornado) {
		oom(err, path);
		goto out;
	}
	for (size_t i = 0; i < t.n_rows; i++) {
		struct plot_tornado_row *r = &w->tornado[i];
		w->n_tornado = i + 1;
		r->scenario = dup_field(&t, i, c[0]);
		r->metric = dup_field(&t, i, c[1]);
		r->parameter = dup_field(&t, i, c[2]);
		if (!r->scenario || !r->metric || !r->parameter) {
			oom(err, path);
			goto out;
		}
		r->low_value = csv_number(csv_get(&t, i, c[3]));
		r->high_value = csv_number(csv_get(&t, i, c[4]));
		r->low = (struct plot_stat){csv_number(csv_get(&t, i, c[5])), csv_number(csv_get(&t, i, c[6])),
					    csv_number(csv_get(&t, i, c[7])), NAN, 0};
		r->high = (struct plot_stat){csv_number(csv_get(&t, i, c[8])), csv_number(csv_get(&t, i, c[9])),
					     csv_number(csv_get(&t, i, c[10])), NAN, 0};
		r->base_mean = csv_number(csv_get(&t, i, c[11]));
		r->swing = csv_number(csv_get(&t, i, c[12]));
		double rank = csv_number(csv_get(&t, i, c[13]));
		r->rank = isfinite(rank) ? (int)rank : (int)i + 1;
	}
	rc = 0;
out:
	csv_free(&t);
	return rc;
}

static int load_crossovers(struct plot_sweep *w, struct js_error *err)
{
	static const char *const cols_names[] = {"parameter", "metric", "scenario", "baseline",
						 "at",        "ci95_low", "ci95_high"};
	char path[1100];
	snprintf(path, sizeof path, "%s/crossovers.csv", w->dir);
	struct csv t;
	int got = csv_read(&t, path, 1, err);
	if (got < 0)
		return -1;
	if (got == 1)
		return 0;
	int c[7], rc = -1, dir = csv_column(&t, "direction");
	if (csv_require(&t, cols_names, 7, c, err) < 0)
		goto out;
	w->cross = calloc(t.n_rows + 1, sizeof *w->cross);
	if (!w->cross) {
		oom(err, path);
		goto out;
	}
	for (size_t i = 0; i < t.n_rows; i++) {
		struct plot_crossover *x = &w->cross[i];
		w->n_cross = i + 1;
		x->parameter = dup_field(&t, i, c[0]);
		x->metric = dup_field(&t, i, c[1]);
		x->scenario = dup_field(&t, i, c[2]);
		x->baseline = dup_field(&t, i, c[3]);
		x->direction = dup_field(&t, i, dir);
		if (!x->parameter || !x->metric || !x->scenario || !x->baseline || !x->direction) {
			oom(err, path);
			goto out;
		}
		x->at = csv_number(csv_get(&t, i, c[4]));
		x->lo = csv_number(csv_get(&t, i, c[5]));
		x->hi = csv_number(csv_get(&t, i, c[6]));
	}
	rc = 0;
out:
	csv_free(&t);
	return rc;
}

int plot_sweep_load(struct plot_sweep *w, const char *dir, struct js_error *err)
{
	memset(w, 0, sizeof *w);
	snprintf(w->dir, sizeof w->dir, "%s", dir);
	char path[1100];
	snprintf(path, sizeof path, "%s/manifest.json", dir);
	struct json manifest;
	if (plot_run_load(&w->run, path, &manifest, err) < 0) {
		plot_sweep_free(w);
		return -1;
	}
	int rc = load_points(w, &manifest, err);
	json_free(&manifest);
	if (rc < 0 || load_table(w, "summary.csv", 0, err) < 0 || load_table(w, "diffs.csv", 1, err) < 0 ||
	    load_tornado(w, err) < 0 || load_crossovers(w, err) < 0) {
		plot_sweep_free(w);
		return -1;
	}
	return 0;
}

void plot_sweep_free(struct plot_sweep *w)
{
	if (!w)
		return;
	free_list(w->param, w->param ? w->n_params : 0);
	free_list(w->param_unit, w->param_unit ? w->n_params : 0);
	free_list(w->point, w->n_points);
	free(w->value);
	free_list(w->scen, w->n_scen);
	free_list(w->label, w->label ? w->n_scen : 0);
	free_list(w->metric, w->n_metric);
	free_list(w->unit, w->unit ? w->n_metric : 0);
	free(w->summary);
	free(w->diff);
	for (size_t i = 0; i < w->n_tornado; i++) {
		free(w->tornado[i].scenario);
		free(w->tornado[i].metric);
		free(w->tornado[i].parameter);
	}
	free(w->tornado);
	for (size_t i = 0; i < w->n_cross; i++) {
		free(w->cross[i].parameter);
		free(w->cross[i].metric);
		free(w->cross[i].scenario);
		free(w->cross[i].baseline);
		free(w->cross[i].direction);
	}
	free(w->cross);
	memset(w, 0, sizeof *w);
}

int plot_sweep_metric(const struct plot_sweep *w, const char *name)
{
	return name ? find(w->metric, w->n_metric, name) : -1;
}

int plot_sweep_scenario(const struct plot_sweep *w, const char *name)
{
	return name ? find(w->scen, w->n_scen, name) : -1;
}
