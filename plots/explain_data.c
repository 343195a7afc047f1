/* explain_data.c - reads an explain folder (explain.csv, explain.json:
 * docs/outputs.md) into struct plot_explain: the Shapley contributions of
 * the parts to the paired difference A - B, the contrast, how it was
 * computed, and the levels of A and B when explain.json gives them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "plot.h"

#define COLS(cols) cols, sizeof cols / sizeof cols[0]

static const struct csv_column explain_cols[] = {
	{"contrast", 0, 0}, {"metric", 0, 0},    {"part", 0, 0}, {"contribution", 1, 0},
	{"ci95_low", 1, 0}, {"ci95_high", 1, 0}, {"n", 1, 0},
};

/* The contract's display names of the parts, in its fixed order. */
static const char *const part_names[][2] = {
	{"stage_owners", "Stage owners"},
	{"journey_owner", "Journey owner"},
	{"technology", "Technology per stage"},
	{"systems", "Systems and integrations"},
	{"governance", "Governance"},
	{"policy", "Policy foci"},
	{"company", "Company settings"},
	{"interaction", "Interaction"},
};

int plot_explain_part_plural(const char *part)
{
	return strcmp(part, "stage_owners") == 0 || strcmp(part, "systems") == 0 || strcmp(part, "policy") == 0 ||
	       strcmp(part, "company") == 0;
}

const char *plot_explain_part_label(char *buf, size_t len, const char *part)
{
	for (size_t i = 0; i < sizeof part_names / sizeof *part_names; i++)
		if (strcmp(part, part_names[i][0]) == 0) {
			snprintf(buf, len, "%s", part_names[i][1]);
			return buf;
		}
	char *l = plot_scenario_label(part);
	snprintf(buf, len, "%s", l ? l : part);
	free(l);
	return buf;
}

static int explain_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	(void)c;
	struct plot_explain *e = ctx;
	if (!(e->row = calloc(t->n_rows + 1, sizeof *e->row)))
		return plot_oom(err, t->path);
	return 0;
}

static int explain_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_explain *e = ctx;
	const char *contrast = csv_table_get(t, i, c[0]), *m = csv_table_get(t, i, c[1]), *p = csv_table_get(t, i, c[2]);
	if (!*m || !*p || strlen(m) >= sizeof e->row->metric || strlen(p) >= sizeof e->row->part)
		return js_error_set(err, EX_DATAERR, "%s:%zu: expected a metric and a part name", t->path, t->line[i]);
	/* "A-B": scenario ids have no '-' */
	const char *dash = strchr(contrast, '-');
	if (!*e->a && dash && dash > contrast && dash[1] && (size_t)(dash - contrast) < sizeof e->a) {
		snprintf(e->a, sizeof e->a, "%.*s", (int)(dash - contrast), contrast);
		snprintf(e->b, sizeof e->b, "%s", dash + 1);
	}
	struct plot_explain_row *r = &e->row[e->n_rows++];
	snprintf(r->metric, sizeof r->metric, "%s", m);
	snprintf(r->part, sizeof r->part, "%s", p);
	r->c = plot_stat_row(t, i, c[3], c[4], c[5], -1, c[6]);
	return 0;
}

static const struct csv_reader explain_reader = {
	{"explain.csv", COLS(explain_cols), 0},
	explain_begin,
	explain_row,
};

/* explain.json: the contrast's names, the method, the levels. */
static void read_json(struct plot_explain *e, const struct json *root)
{
	const char *a = json_get_string(root, "a", ""), *b = json_get_string(root, "b", "");
	if (*a && *b && strlen(a) < sizeof e->a && strlen(b) < sizeof e->b) {
		snprintf(e->a, sizeof e->a, "%s", a);
		snprintf(e->b, sizeof e->b, "%s", b);
	}
	snprintf(e->method, sizeof e->method, "%s", json_get_string(root, "method", ""));
	e->subsets = json_get_number(root, "subsets", NAN);
	e->permutations = json_get_number(root, "permutations", NAN);
	const struct json *parts = json_get(root, "parts");
	for (size_t i = 0; parts && parts->kind == JSON_ARRAY && i < parts->n; i++) {
		const struct json *d = json_get(&parts->items[i], "differs");
		e->n_parts_differ += !d || d->kind != JSON_BOOL || d->number != 0;
	}
	const struct json *lv = json_get(root, "levels");
	for (size_t i = 0; lv && lv->kind == JSON_OBJECT && i < lv->n && e->n_levels < PLOT_EXPLAIN_LEVELS; i++) {
		double va = json_get_number(&lv->items[i], "a", NAN), vb = json_get_number(&lv->items[i], "b", NAN);
		if (!isfinite(va) || !isfinite(vb) || strlen(lv->keys[i]) >= sizeof e->level->metric)
			continue;
		struct plot_explain_level *l = &e->level[e->n_levels++];
		snprintf(l->metric, sizeof l->metric, "%s", lv->keys[i]);
		l->a = va;
		l->b = vb;
	}
}

int plot_explain_load(struct plot_explain *e, const char *dir, struct js_error *err)
{
	memset(e, 0, sizeof *e);
	e->subsets = e->permutations = NAN;
	snprintf(e->dir, sizeof e->dir, "%s", dir);
	char path[OUT_PATH_MAX];
	struct json root;
	if (path_join(path, sizeof path, dir, "explain.json", err) < 0 || plot_run_load(&e->run, path, &root, err) < 0)
		return -1;
	if (e->run.present)
		read_json(e, &root);
	json_free(&root);
	int rc = csv_table_each(dir, &explain_reader, e, err);
	if (rc < 0) {
		plot_explain_free(e);
		return -1;
	}
	char *la = plot_scenario_label(*e->a ? e->a : "A"), *lb = plot_scenario_label(*e->b ? e->b : "B");
	snprintf(e->a_label, sizeof e->a_label, "%s", la ? la : e->a);
	snprintf(e->b_label, sizeof e->b_label, "%s", lb ? lb : e->b);
	free(la);
	free(lb);
	return 0;
}

void plot_explain_free(struct plot_explain *e)
{
	if (!e)
		return;
	free(e->row);
	e->row = NULL;
	e->n_rows = 0;
}

const struct plot_explain_level *plot_explain_levels(const struct plot_explain *e, const char *metric)
{
	size_t n = strlen(metric);
	for (size_t i = 0; i < e->n_levels; i++) {
		const char *k = e->level[i].metric;
		/* "experience" names "experience.mean", and the other way round */
		if (strcmp(k, metric) == 0 || (strncmp(k, metric, n) == 0 && k[n] == '.') ||
		    (strncmp(metric, k, strlen(k)) == 0 && metric[strlen(k)] == '.'))
			return &e->level[i];
	}
	return NULL;
}

void plot_explain_method(const struct plot_explain *e, char *buf, size_t len)
{
	char num[64], parts[64] = "";
	if (e->n_parts_differ)
		snprintf(parts, sizeof parts, " over %zu part%s", e->n_parts_differ, e->n_parts_differ == 1 ? "" : "s");
	if (strcmp(e->method, "sampled") == 0 && isfinite(e->permutations))
		snprintf(buf, len, "Shapley values%s, %s sampled permutations", parts,
			 plot_fmt(num, sizeof num, e->permutations, 0));
	else if (strcmp(e->method, "exact") == 0 && isfinite(e->subsets))
		snprintf(buf, len, "Shapley values%s, all %s subsets", parts, plot_fmt(num, sizeof num, e->subsets, 0));
	else if (*e->method)
		snprintf(buf, len, "Shapley values%s (%s)", parts, e->method);
	else
		buf[0] = 0;
}
