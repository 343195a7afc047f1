/* sweep_data.c - reads a sweep folder (points.csv, summary.csv, diffs.csv,
 * tornado.csv, crossovers.csv, manifest.json) into struct plot_sweep. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "files.h"

#define COLS(cols) cols, sizeof cols / sizeof cols[0]

/* points.csv: the point id, then one column of values per parameter */
static const struct csv_column points_cols[] = {{"point", 0, 0}};
static const struct csv_column summary_cols[] = {
	{"point", 0, 0},    {"scenario", 0, 0},  {"metric", 0, 0}, {"unit", 0, 0}, {"mean", 1, 0},
	{"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"n", 1, 0},      {"sd", 1, 1},
};
static const struct csv_column diffs_cols[] = {
	{"point", 0, 0},    {"scenario", 0, 0},  {"metric", 0, 0}, {"unit", 0, 0}, {"mean_diff", 1, 0},
	{"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"n", 1, 0},      {"sd", 1, 1},
};
static const struct csv_column tornado_cols[] = {
	{"scenario", 0, 0},   {"metric", 0, 0},        {"parameter", 0, 0},      {"low_value", 1, 0},
	{"high_value", 1, 0}, {"low_mean", 1, 0},      {"low_ci95_low", 1, 0},   {"low_ci95_high", 1, 0},
	{"high_mean", 1, 0},  {"high_ci95_low", 1, 0}, {"high_ci95_high", 1, 0}, {"base_mean", 1, 0},
	{"swing", 1, 0},      {"rank", 1, 0},
};
static const struct csv_column crossovers_cols[] = {
	{"parameter", 0, 0}, {"metric", 0, 0},   {"scenario", 0, 0},  {"baseline", 0, 0},
	{"direction", 0, 1}, {"at", 1, 0},       {"ci95_low", 1, 0},  {"ci95_high", 1, 0},
};

/* ---- points.csv ---- */

struct points_ctx {
	struct plot_sweep *w;
	const struct json *manifest;
};

/* The parameters (the header but "point") with their units from the manifest. */
static int points_begin(void *ctx, const struct csv_table *t, const int *pc, struct js_error *err)
{
	struct plot_sweep *w = ((struct points_ctx *)ctx)->w;
	const struct json *params = json_get(((struct points_ctx *)ctx)->manifest, "parameters");
	w->n_params = t->n_cols - 1;
	w->param = calloc(w->n_params + 1, sizeof *w->param);
	w->param_unit = calloc(w->n_params + 1, sizeof *w->param_unit);
	w->param_label = calloc(w->n_params + 1, sizeof *w->param_label);
	w->point = calloc(t->n_rows + 1, sizeof *w->point);
	w->value = malloc((t->n_rows * w->n_params + 1) * sizeof *w->value);
	if (!w->param || !w->param_unit || !w->param_label || !w->point || !w->value)
		return plot_oom(err, t->path);
	for (size_t c = 0, j = 0; c < t->n_cols; c++) {
		if ((int)c == *pc)
			continue;
		const char *unit = "", *label = "";
		for (size_t k = 0; params && params->kind == JSON_ARRAY && k < params->n; k++) {
			const struct json *pk = &params->items[k];
			const char *p = json_get_string(pk, "path", json_get_string(pk, "name", ""));
			if (strcmp(p, t->header[c]) == 0) {
				unit = json_get_string(pk, "unit", "");
				label = json_get_string(pk, "label", "");
			}
		}
		char money[64];
		if (strncmp(unit, "money", 5) == 0 && *w->run.currency) { /* "money/day" -> "EUR/day" */
			snprintf(money, sizeof money, "%s%s", w->run.currency, unit + 5);
			unit = money;
		}
		if (!(w->param[j] = strdup(t->header[c])) || !(w->param_unit[j] = strdup(unit)) ||
		    !(w->param_label[j] = strdup(label)))
			return plot_oom(err, t->path);
		j++;
	}
	return 0;
}

static int points_row(void *ctx, const struct csv_table *t, size_t i, const int *pc, struct js_error *err)
{
	struct plot_sweep *w = ((struct points_ctx *)ctx)->w;
	if (!(w->point[i] = strdup(csv_table_get(t, i, *pc))))
		return plot_oom(err, t->path);
	w->n_points = i + 1;
	for (size_t c = 0, j = 0; c < t->n_cols; c++)
		if ((int)c != *pc)
			w->value[i * w->n_params + j++] = csv_parse_number(csv_table_get(t, i, (int)c));
	return 0;
}

/* ---- summary.csv and diffs.csv ---- */

/* The scenarios and metrics of summary.csv (rows of known points), and the
 * tables they index. */
static int summary_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_sweep *w = ctx;
	for (size_t i = 0; i < t->n_rows; i++) {
		if (plot_list_find(w->point, w->n_points, csv_table_get(t, i, c[0])) < 0)
			continue;
		if (plot_names_add(&w->scen, &w->n_scen, csv_table_get(t, i, c[1])) < 0 ||
		    plot_names_add(&w->metric, &w->n_metric, csv_table_get(t, i, c[2])) < 0)
			return plot_oom(err, t->path);
	}
	size_t cells = w->n_points * w->n_scen * w->n_metric + 1;
	w->summary = malloc(cells * sizeof *w->summary);
	w->diff = malloc(cells * sizeof *w->diff);
	w->unit = calloc(w->n_metric + 1, sizeof *w->unit);
	w->label = calloc(w->n_scen + 1, sizeof *w->label);
	if (!w->summary || !w->diff || !w->unit || !w->label)
		return plot_oom(err, t->path);
	for (size_t i = 0; i < cells; i++)
		w->summary[i] = w->diff[i] = (struct plot_stat){NAN, NAN, NAN, NAN, 0};
	for (size_t s = 0; s < w->n_scen; s++)
		if (!(w->label[s] = plot_scenario_label(w->scen[s])))
			return plot_oom(err, t->path);
	return 0;
}

static int diffs_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	(void)t, (void)c, (void)err;
	((struct plot_sweep *)ctx)->have_diffs = 1;
	return 0;
}

/* A row of summary.csv or diffs.csv into the table its reader's begin says. */
static int stat_row(struct plot_sweep *w, struct plot_stat *tab, const struct csv_table *t, size_t i, const int *c,
		    struct js_error *err)
{
	int p = plot_list_find(w->point, w->n_points, csv_table_get(t, i, c[0]));
	int s = plot_sweep_scenario(w, csv_table_get(t, i, c[1]));
	int m = plot_sweep_metric(w, csv_table_get(t, i, c[2]));
	if (p < 0 || s < 0 || m < 0)
		return 0;
	if (!w->unit[m] && !(w->unit[m] = strdup(csv_table_get(t, i, c[3]))))
		return plot_oom(err, t->path);
	*(struct plot_stat *)plot_sweep_at(tab, w, (size_t)p, (size_t)s, (size_t)m) =
		plot_stat_row(t, i, c[4], c[5], c[6], c[8], c[7]);
	return 0;
}

static int summary_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	return stat_row(ctx, ((struct plot_sweep *)ctx)->summary, t, i, c, err);
}

static int diffs_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	return stat_row(ctx, ((struct plot_sweep *)ctx)->diff, t, i, c, err);
}

/* ---- tornado.csv and crossovers.csv: one struct per row ---- */

static int tornado_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_sweep *w = ctx;
	if (i == 0 && !(w->tornado = calloc(t->n_rows + 1, sizeof *w->tornado)))
		return plot_oom(err, t->path);
	struct plot_tornado_row *r = &w->tornado[w->n_tornado++];
	const char *const text[3] = {csv_table_get(t, i, c[0]), csv_table_get(t, i, c[1]), csv_table_get(t, i, c[2])};
	char **const dst[3] = {&r->scenario, &r->metric, &r->parameter};
	double v[11];
	plot_row_numbers(t, i, c + 3, 11, v, 1);
	r->low_value = v[0];
	r->high_value = v[1];
	r->low = (struct plot_stat){v[2], v[3], v[4], NAN, 0};
	r->high = (struct plot_stat){v[5], v[6], v[7], NAN, 0};
	r->base_mean = v[8];
	r->swing = v[9];
	r->rank = fabs(v[10]) < 1e9 ? (int)v[10] : (int)i + 1; /* NaN too */
	return plot_strings_dup(text, dst, 3, t->path, err);
}

static int crossovers_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_sweep *w = ctx;
	if (i == 0 && !(w->cross = calloc(t->n_rows + 1, sizeof *w->cross)))
		return plot_oom(err, t->path);
	struct plot_crossover *x = &w->cross[w->n_cross++];
	double v[3];
	plot_row_numbers(t, i, c + 5, 3, v, 1);
	x->at = v[0];
	x->lo = v[1];
	x->hi = v[2];
	const char *text[5];
	for (int k = 0; k < 5; k++)
		text[k] = csv_table_get(t, i, c[k]);
	char **const dst[5] = {&x->parameter, &x->metric, &x->scenario, &x->baseline, &x->direction};
	return plot_strings_dup(text, dst, 5, t->path, err);
}

/* A sweep without points yet (a shard that holds none) has empty tables;
 * once there are points, summary.csv and diffs.csv have rows. */
static const struct csv_reader points_reader = {{"points.csv", COLS(points_cols), CSV_REST_NUMBERS},
						points_begin, points_row};
static const struct csv_reader table_readers[] = {
	{{"summary.csv", COLS(summary_cols), 0}, summary_begin, summary_row},
	{{"diffs.csv", COLS(diffs_cols), CSV_MISSING_OK}, diffs_begin, diffs_row},
	{{"tornado.csv", COLS(tornado_cols), CSV_MISSING_OK}, NULL, tornado_row},
	{{"crossovers.csv", COLS(crossovers_cols), CSV_MISSING_OK}, NULL, crossovers_row},
};

static int load_tables(struct plot_sweep *w, const struct json *manifest, struct js_error *err)
{
	struct points_ctx pc = {w, manifest};
	if (csv_table_each(w->dir, &points_reader, &pc, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof table_readers / sizeof table_readers[0]; i++) {
		struct csv_reader r = table_readers[i];
		if (w->n_points && i < 2)
			r.spec.flags |= CSV_ROWS;
		if (csv_table_each(w->dir, &r, w, err) < 0)
			return -1;
	}
	return 0;
}

/* What the manifest says the charts should show: the objective, the
 * sweep's metric and contrast, and whether replications pair. */
static void manifest_facts(struct plot_sweep *w, const struct json *man)
{
	plot_objective_read(&w->objective, man);
	snprintf(w->metric_default, sizeof w->metric_default, "%s", man ? json_get_string(man, "metric", "") : "");
	const struct json *c = man ? json_get(man, "contrast") : NULL;
	if (c && c->kind == JSON_ARRAY && c->n == 2 && c->items[0].kind == JSON_STRING && c->items[1].kind == JSON_STRING)
		for (int k = 0; k < 2; k++)
			snprintf(w->contrast[k], sizeof w->contrast[k], "%s", c->items[k].string);
	/* sweeps pair replications by default (common random numbers) */
	w->seeds_common = strcmp(man ? json_get_string(man, "seeds", "common") : "common", "common") == 0;
}

int plot_sweep_load(struct plot_sweep *w, const char *dir, struct js_error *err)
{
	memset(w, 0, sizeof *w);
	snprintf(w->dir, sizeof w->dir, "%s", dir);
	char path[OUT_PATH_MAX];
	struct json manifest;
	if (path_join(path, sizeof path, dir, "manifest.json", err) < 0 ||
	    plot_run_load(&w->run, path, &manifest, err) < 0) {
		plot_sweep_free(w);
		return -1;
	}
	manifest_facts(w, manifest.kind == JSON_OBJECT ? &manifest : NULL);
	int rc = load_tables(w, &manifest, err);
	json_free(&manifest);
	if (rc < 0) {
		plot_sweep_free(w);
		return -1;
	}
	return 0;
}

void plot_sweep_free(struct plot_sweep *w)
{
	if (!w)
		return;
	plot_list_free(w->param, w->param ? w->n_params : 0);
	plot_list_free(w->param_unit, w->param_unit ? w->n_params : 0);
	plot_list_free(w->param_label, w->param_label ? w->n_params : 0);
	plot_list_free(w->point, w->n_points);
	free(w->value);
	plot_list_free(w->scen, w->n_scen);
	plot_list_free(w->label, w->label ? w->n_scen : 0);
	plot_list_free(w->metric, w->n_metric);
	plot_list_free(w->unit, w->unit ? w->n_metric : 0);
	free(w->summary);
	free(w->diff);
	for (size_t i = 0; i < w->n_tornado; i++)
		free(w->tornado[i].scenario); /* and metric, parameter: one block */
	free(w->tornado);
	for (size_t i = 0; i < w->n_cross; i++)
		free(w->cross[i].parameter); /* and the other texts */
	free(w->cross);
	memset(w, 0, sizeof *w);
}

int plot_sweep_metric(const struct plot_sweep *w, const char *name)
{
	return name ? plot_list_find(w->metric, w->n_metric, name) : -1;
}

int plot_sweep_scenario(const struct plot_sweep *w, const char *name)
{
	return name ? plot_list_find(w->scen, w->n_scen, name) : -1;
}

const char *plot_sweep_param_label(const struct plot_sweep *w, char *buf, size_t len, const char *path)
{
	int j = plot_list_find(w->param, w->param_label ? w->n_params : 0, path);
	if (j >= 0 && *w->param_label[j]) {
		snprintf(buf, len, "%s", w->param_label[j]);
		return buf;
	}
	return plot_param_label(buf, len, path);
}

int plot_sweep_pick_metric(const struct plot_sweep *w, const struct chart_options *o, const char *fallback)
{
	int m = plot_sweep_metric(w, o->metric);
	if (m < 0)
		m = plot_sweep_metric(w, w->metric_default);
	if (m < 0 && fallback)
		m = plot_sweep_metric(w, fallback);
	return m;
}

/* ---- the contrast A - B ---- */

static int contrast_error(const struct plot_sweep *w, const char *a, const char *b, const char *why,
			  struct js_error *err)
{
	char names[512] = "";
	for (size_t s = 0; s < w->n_scen; s++) {
		size_t n = strlen(names);
		snprintf(names + n, sizeof names - n, "%s%s", s ? ", " : "", w->scen[s]);
	}
	return js_error_set(err, EX_USAGE, "contrast %s-%s: %s (scenarios: %s; baseline %s)", a, b, why, names,
			    w->n_scen ? w->scen[0] : "none");
}

int plot_sweep_contrast(const struct plot_sweep *w, const struct chart_options *o, int m, struct plot_contrast *c,
			struct js_error *err)
{
	int opt = o->contrast_a[0] != 0;
	const char *a = opt ? o->contrast_a : w->contrast[0], *b = opt ? o->contrast_b : w->contrast[1];
	memset(c, 0, sizeof *c);
	c->a = c->b = -1;
	if (!*a)
		return 0;
	c->a = plot_sweep_scenario(w, a);
	c->b = plot_sweep_scenario(w, b);
	if (c->a < 0 || c->b < 0)
		return contrast_error(w, a, b, c->a < 0 ? "the first is not a scenario of this sweep"
						       : "the second is not a scenario of this sweep",
				      err);
	if (c->a == c->b)
		return contrast_error(w, a, b, "a scenario against itself", err);
	if (m < 0 || !w->n_points)
		return 0;
	c->is_contrast = 1;
	if (!(c->d = malloc(w->n_points * sizeof *c->d)))
		return plot_oom(err, "contrast");
	/* against the baseline: diffs.csv holds it, paired */
	if (w->have_diffs && (c->a == 0 || c->b == 0)) {
		for (size_t p = 0; p < w->n_points; p++) {
			const struct plot_stat *d = plot_sweep_at(w->diff, w, p, (size_t)(c->b == 0 ? c->a : c->b), (size_t)m);
			c->d[p] = c->b == 0 ? *d : (struct plot_stat){-d->mean, -d->hi, -d->lo, d->sd, d->n};
		}
		return 0;
	}
	/* two other models: only their own replications, paired, give an interval */
	const char *why = !w->seeds_common ? "neither is the baseline, and the sweep's scenarios do not share random "
					     "numbers, so no paired interval can be computed"
					   : NULL;
	struct csv_table t = {0};
	int cols[5], rc = why ? 1 : plot_reps_load(&t, cols, w->dir, "results.csv", err);
	if (rc < 0)
		goto fail;
	if (rc == 1 && !why)
		why = "neither is the baseline and results.csv (the replications) is missing, so no paired interval can "
		      "be computed; contrast a scenario with the baseline instead";
	if (why) {
		contrast_error(w, a, b, why, err);
		goto fail;
	}
	rc = plot_reps_pair(&t, cols, w->point, w->n_points, a, b, w->metric[m], c->d);
	csv_table_free(&t);
	if (rc < 0) {
		plot_oom(err, "results.csv");
		goto fail;
	}
	return 0;
fail:
	free(c->d);
	c->d = NULL;
	return -1;
}
