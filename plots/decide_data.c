/* decide_data.c - reads a decide folder (decision.csv, ranks.csv,
 * acceptability.csv, evppi.csv, manifest.json: docs/decide.md) into struct
 * plot_decide, and the few facts every decision chart states: the order of
 * the models by their chance of being best, the answer the title gives,
 * probabilities and money as a board reads them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "plot.h"

#define COLS(cols) cols, sizeof cols / sizeof cols[0]

static const struct csv_column decision_cols[] = {
	{"scenario", 0, 0},	{"expected", 1, 0},	  {"p05", 1, 0},	       {"p95", 1, 0},
	{"noise_halfwidth", 1, 0}, {"p_best", 1, 0}, {"p_beats_baseline", 1, 0}, {"expected_loss", 1, 0},
	{"objective", 0, 1},
};
static const struct csv_column ranks_cols[] = {{"scenario", 0, 0}, {"rank", 1, 0}, {"probability", 1, 0}};
static const struct csv_column accept_cols[] = {{"experience_weight", 1, 0}, {"scenario", 0, 0}, {"p_best", 1, 0}};
static const struct csv_column evppi_cols[] = {{"parameter", 0, 0}, {"evppi", 1, 0}, {"share_of_evpi", 1, 0},
					       {"kind", 0, 1},	    {"label", 0, 1}, {"se", 1, 1}};

static int find_scen(const struct plot_decide *d, const char *id)
{
	for (size_t s = 0; s < d->n_scen; s++)
		if (strcmp(d->row[s].scenario, id) == 0)
			return (int)s;
	return -1;
}

static int unknown_scen(const struct csv_table *t, size_t i, const char *id, struct js_error *err)
{
	return js_error_set(err, EX_DATAERR, "%s:%zu: scenario '%s' is not in decision.csv", t->path, t->line[i], id);
}

/* ---- decision.csv ---- */

static int decision_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	(void)c;
	struct plot_decide *d = ctx;
	if (!(d->row = calloc(t->n_rows + 1, sizeof *d->row)))
		return plot_oom(err, t->path);
	return 0;
}

static int decision_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_decide *d = ctx;
	const char *id = csv_table_get(t, i, c[0]);
	if (!*id || strlen(id) >= sizeof d->row->scenario)
		return js_error_set(err, EX_DATAERR, "%s:%zu: expected a scenario id", t->path, t->line[i]);
	if (find_scen(d, id) >= 0)
		return js_error_set(err, EX_DATAERR, "%s:%zu: scenario '%s' appears twice", t->path, t->line[i], id);
	struct plot_decide_row *r = &d->row[d->n_scen++];
	snprintf(r->scenario, sizeof r->scenario, "%s", id);
	char *l = plot_scenario_label(id);
	snprintf(r->label, sizeof r->label, "%s", l ? l : id);
	free(l);
	double v[7];
	plot_row_numbers(t, i, c + 1, 7, v, 1);
	r->expected = v[0], r->p05 = v[1], r->p95 = v[2], r->noise_halfwidth = v[3];
	r->p_best = v[4], r->p_beats_baseline = v[5], r->expected_loss = v[6];
	/* a manifest without the objective: the table's own words for it */
	const char *obj = csv_table_get(t, i, c[8]);
	if (!d->objective.declared && *obj)
		snprintf(d->objective.text, sizeof d->objective.text, "%s", obj);
	return 0;
}

/* ---- ranks.csv ---- */

static int ranks_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	(void)c;
	struct plot_decide *d = ctx;
	size_t n = d->n_scen * d->n_scen;
	if (!(d->rank_prob = malloc((n + 1) * sizeof *d->rank_prob)))
		return plot_oom(err, t->path);
	for (size_t k = 0; k < n; k++)
		d->rank_prob[k] = NAN;
	return 0;
}

static int ranks_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_decide *d = ctx;
	const char *id = csv_table_get(t, i, c[0]);
	int s = find_scen(d, id);
	if (s < 0)
		return unknown_scen(t, i, id, err);
	double rank = csv_parse_number(csv_table_get(t, i, c[1]));
	if (!(rank >= 1 && rank <= (double)d->n_scen && rank == floor(rank)))
		return js_error_set(err, EX_DATAERR, "%s:%zu: rank: expected a whole number from 1 to %zu, got '%s'",
				    t->path, t->line[i], d->n_scen, csv_table_get(t, i, c[1]));
	d->rank_prob[(size_t)s * d->n_scen + (size_t)rank - 1] = csv_parse_number(csv_table_get(t, i, c[2]));
	return 0;
}

/* ---- acceptability.csv: the weights in order of first appearance ---- */

static int accept_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	struct plot_decide *d = ctx;
	d->lambda = malloc((t->n_rows + 1) * sizeof *d->lambda);
	if (!d->lambda)
		return plot_oom(err, t->path);
	for (size_t i = 0; i < t->n_rows; i++) {
		double x = csv_parse_number(csv_table_get(t, i, c[0]));
		if (!isfinite(x))
			return js_error_set(err, EX_DATAERR, "%s:%zu: experience_weight: expected a number", t->path,
					    t->line[i]);
		size_t k = 0;
		while (k < d->n_lambda && d->lambda[k] != x)
			k++;
		if (k == d->n_lambda)
			d->lambda[d->n_lambda++] = x;
	}
	size_t n = d->n_lambda * d->n_scen;
	if (!(d->accept = malloc((n + 1) * sizeof *d->accept)))
		return plot_oom(err, t->path);
	for (size_t k = 0; k < n; k++)
		d->accept[k] = NAN;
	return 0;
}

static int accept_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_decide *d = ctx;
	const char *id = csv_table_get(t, i, c[1]);
	int s = find_scen(d, id);
	if (s < 0)
		return unknown_scen(t, i, id, err);
	double x = csv_parse_number(csv_table_get(t, i, c[0]));
	size_t k = 0;
	while (d->lambda[k] != x)
		k++;
	d->accept[k * d->n_scen + (size_t)s] = csv_parse_number(csv_table_get(t, i, c[2]));
	return 0;
}

/* ---- evppi.csv ---- */

static int evppi_begin(void *ctx, const struct csv_table *t, const int *c, struct js_error *err)
{
	(void)c;
	struct plot_decide *d = ctx;
	if (!(d->evppi = calloc(t->n_rows + 1, sizeof *d->evppi)))
		return plot_oom(err, t->path);
	return 0;
}

static int evppi_row(void *ctx, const struct csv_table *t, size_t i, const int *c, struct js_error *err)
{
	struct plot_decide *d = ctx;
	const char *name = csv_table_get(t, i, c[0]), *kind = csv_table_get(t, i, c[3]),
		   *label = csv_table_get(t, i, c[4]);
	struct plot_evppi_row *r = &d->evppi[d->n_evppi];
	if (!*name || strlen(name) >= sizeof r->parameter)
		return js_error_set(err, EX_DATAERR, "%s:%zu: expected a parameter path", t->path, t->line[i]);
	if (strcmp(kind, "group") == 0)
		r->kind = PLOT_EVPPI_GROUP;
	else if (strcmp(kind, "all") == 0 || strcmp(name, "(all)") == 0)
		r->kind = PLOT_EVPPI_ALL;
	else if (!*kind || strcmp(kind, "parameter") == 0)
		r->kind = PLOT_EVPPI_PARAMETER;
	else
		return js_error_set(err, EX_DATAERR, "%s:%zu: kind: expected parameter, group or all, got '%s'", t->path,
				    t->line[i], kind);
	snprintf(r->parameter, sizeof r->parameter, "%s", name);
	if (*label)
		snprintf(r->label, sizeof r->label, "%s", label);
	else if (r->kind == PLOT_EVPPI_PARAMETER)
		plot_param_label(r->label, sizeof r->label, name);
	else
		snprintf(r->label, sizeof r->label, "%s", name);
	r->evppi = csv_parse_number(csv_table_get(t, i, c[1]));
	r->share = csv_parse_number(csv_table_get(t, i, c[2]));
	r->se = csv_parse_number(csv_table_get(t, i, c[5]));
	d->n_evppi++;
	return 0;
}

static const struct csv_reader readers[] = {
	{{"decision.csv", COLS(decision_cols), CSV_ROWS}, decision_begin, decision_row},
	{{"ranks.csv", COLS(ranks_cols), 0}, ranks_begin, ranks_row},
	{{"acceptability.csv", COLS(accept_cols), 0}, accept_begin, accept_row},
	{{"evppi.csv", COLS(evppi_cols), 0}, evppi_begin, evppi_row},
};

/* ---- manifest.json ---- */

static void read_manifest(struct plot_decide *d, const struct json *root)
{
	plot_objective_read(&d->objective, root);
	const struct json *obj = json_get(root, "objective");
	if (obj && obj->kind == JSON_STRING) /* the objective's text alone */
		snprintf(d->objective.text, sizeof d->objective.text, "%s", obj->string);
	snprintf(d->unit, sizeof d->unit, "%s",
		 json_get_string(root, "unit", obj && obj->kind == JSON_OBJECT ? json_get_string(obj, "unit", "") : ""));
	d->worlds = json_get_number(root, "worlds", NAN);
	d->evpi = json_get_number(root, "evpi", NAN);
	d->noise_share = json_get_number(root, "noise_share", NAN);
	const struct json *nw = json_get(root, "noise_warning");
	d->noise_warning = nw && nw->kind == JSON_BOOL && nw->number != 0;
	const struct json *pr = json_get(root, "priors");
	d->n_priors = pr && pr->kind == JSON_ARRAY ? pr->n : 0;
	/* the objective's own weight on experience: its weights, else a number of its own */
	d->experience_weight = json_get_number(root, "experience_weight", 0);
	const struct json *w = obj && obj->kind == JSON_OBJECT ? json_get(obj, "weights") : NULL;
	for (size_t i = 0; w && w->kind == JSON_ARRAY && i < w->n; i++)
		if (strcmp(json_get_string(&w->items[i], "metric", ""), "experience.mean") == 0)
			d->experience_weight = json_get_number(&w->items[i], "per_unit", 0);
}

int plot_decide_load(struct plot_decide *d, const char *dir, struct js_error *err)
{
	memset(d, 0, sizeof *d);
	d->worlds = d->evpi = d->noise_share = NAN;
	snprintf(d->dir, sizeof d->dir, "%s", dir);
	char path[OUT_PATH_MAX];
	struct json root;
	if (path_join(path, sizeof path, dir, "manifest.json", err) < 0 || plot_run_load(&d->run, path, &root, err) < 0)
		return -1;
	if (!d->run.present)
		return js_error_set(err, EX_NOINPUT, "%s: cannot open: not a decide folder without it", path);
	read_manifest(d, &root);
	json_free(&root);
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
		if (csv_table_each(dir, &readers[i], d, err) < 0) {
			plot_decide_free(d);
			return -1;
		}
	if (!*d->unit) /* older manifests: the objective's money per year */
		snprintf(d->unit, sizeof d->unit, "%s/year", *d->run.currency ? d->run.currency : "money");
	for (size_t i = 0; !isfinite(d->evpi) && i < d->n_evppi; i++)
		if (d->evppi[i].kind == PLOT_EVPPI_ALL)
			d->evpi = d->evppi[i].evppi;
	return 0;
}

void plot_decide_free(struct plot_decide *d)
{
	if (!d)
		return;
	free(d->row);
	free(d->rank_prob);
	free(d->lambda);
	free(d->accept);
	free(d->evppi);
	d->row = NULL, d->rank_prob = d->lambda = d->accept = NULL, d->evppi = NULL;
	d->n_scen = d->n_lambda = d->n_evppi = 0;
}

/* ---- the facts the charts state ---- */

static int before(const struct plot_decide *d, size_t a, size_t b)
{
	double pa = d->row[a].p_best, pb = d->row[b].p_best;
	pa = isfinite(pa) ? pa : -1, pb = isfinite(pb) ? pb : -1;
	if (pa != pb)
		return pa > pb;
	double ea = d->row[a].expected * d->objective.better, eb = d->row[b].expected * d->objective.better;
	return isfinite(ea) && (!isfinite(eb) || ea > eb);
}

size_t plot_decide_best_expected(const struct plot_decide *d)
{
	size_t best = 0;
	for (size_t s = 1; s < d->n_scen; s++) {
		double v = d->row[s].expected * d->objective.better, b = d->row[best].expected * d->objective.better;
		if (isfinite(v) && (!isfinite(b) || v > b))
			best = s;
	}
	return best;
}

void plot_decide_order(const struct plot_decide *d, size_t *idx)
{
	for (size_t s = 0; s < d->n_scen; s++)
		idx[s] = s;
	for (size_t a = 1; a < d->n_scen; a++)
		for (size_t b = a; b > 0 && before(d, idx[b], idx[b - 1]); b--) {
			size_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
}

const char *plot_fmt_prob(char *buf, size_t len, double p)
{
	if (!isfinite(p))
		snprintf(buf, len, "n/a");
	else if (p <= 0)
		snprintf(buf, len, "0%%");
	else if (p < 0.005)
		snprintf(buf, len, "<1%%");
	else if (p >= 1)
		snprintf(buf, len, "100%%");
	else if (p >= 0.995)
		snprintf(buf, len, ">99%%");
	else
		snprintf(buf, len, "%d%%", (int)floor(p * 100 + 0.5)); /* half up: 0.5% is "1%", never "0%" */
	return buf;
}

const char *plot_decide_value(const struct plot_decide *d, char *buf, size_t len, double v, int signed_)
{
	if (plot_unit_is_money(d->unit, d->run.currency))
		return plot_fmt_money(buf, len, v, d->run.currency, signed_);
	char num[48];
	if (signed_)
		plot_fmt_signed(num, sizeof num, v, plot_digits_for(v));
	else
		plot_fmt(num, sizeof num, v, plot_digits_for(v));
	snprintf(buf, len, "%s %s", num, d->unit);
	return buf;
}

void plot_decide_title(const struct plot_decide *d, char *buf, size_t len)
{
	if (d->n_scen == 0) {
		snprintf(buf, len, "No models in decision.csv");
		return;
	}
	size_t idx[d->n_scen];
	plot_decide_order(d, idx);
	const struct plot_decide_row *a = &d->row[idx[0]];
	char p[16], q[16], second[160];
	plot_fmt_prob(p, sizeof p, a->p_best);
	if (d->n_scen > 1) {
		const struct plot_decide_row *b = &d->row[idx[1]];
		plot_in_sentence(second, sizeof second, b->label);
		plot_fmt_prob(q, sizeof q, b->p_best);
	}
	/* "wins" only when nearly every plausible world agrees and the spread
	 * across worlds is not mostly noise; a majority is "best in most";
	 * below half no model is called best */
	if (a->p_best >= 0.95 && !d->noise_warning)
		snprintf(buf, len, "%s wins: best in %s of plausible worlds", a->label, p);
	else if (a->p_best >= 0.5 && d->n_scen > 1 && d->row[idx[1]].p_best >= 0.005) /* a runner-up worth naming */
		snprintf(buf, len, "%s is best in %s of plausible worlds, %s in %s", a->label, p, second, q);
	else if (a->p_best >= 0.5)
		snprintf(buf, len, "%s is best in %s of plausible worlds", a->label, p);
	else if (d->n_scen > 1 && isfinite(a->p_best))
		snprintf(buf, len, "No model is best in most plausible worlds: %s in %s, %s in %s", a->label, p, second, q);
	else
		snprintf(buf, len, "No model is best in most plausible worlds");
}
