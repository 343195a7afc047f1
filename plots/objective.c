/* objective.c - the board's facts: what "best" means (the objective), the
 * ranking of the scenarios on it with the paired gap to the next one, how
 * many key assumptions are still the tool's defaults, the scenarios the run
 * flagged (a saturated pool) and what the intervals cover. run.json says
 * all of this from the simulator; for folders written before it did, the
 * ranking is computed here from the tables, on margin. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "files.h"
#include "metrics.h"
#include "plot.h"

#define INTERVAL_NOTE "95% intervals: simulation noise only (replications), not uncertainty in the assumptions"

void plot_objective_read(struct plot_objective *o, const struct json *root)
{
	memset(o, 0, sizeof *o);
	const struct json *obj = root ? json_get(root, "objective") : NULL;
	if (!obj || obj->kind != JSON_OBJECT) {
		snprintf(o->metric, sizeof o->metric, "margin");
		snprintf(o->text, sizeof o->text, "margin");
		o->better = metric_better_find("margin") < 0 ? -1 : 1;
		return;
	}
	o->declared = 1;
	const struct json *weights = json_get(obj, "weights");
	int weighted = weights && weights->kind == JSON_ARRAY && weights->n > 0;
	/* a weighted sum is its own row, "objective", in summary.csv and diffs.csv */
	snprintf(o->metric, sizeof o->metric, "%s", weighted ? "objective" : json_get_string(obj, "metric", "margin"));
	snprintf(o->text, sizeof o->text, "%s",
		 json_get_string(obj, "text", json_get_string(obj, "label", o->metric)));
	const char *better = json_get_string(obj, "better", "");
	o->better = strcmp(better, "lower") == 0	? -1
		    : strcmp(better, "higher") == 0 ? 1
		    : metric_better_find(o->metric) < 0 ? -1
							: 1;
}

struct plot_stat plot_stat_paired(const double *a, const double *b, size_t n)
{
	struct plot_stat d = {NAN, NAN, NAN, NAN, 0};
	double sum = 0, sq = 0;
	unsigned k = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(a[i]) && isfinite(b[i]))
			sum += a[i] - b[i], k++;
	if (k == 0)
		return d;
	d.n = k;
	d.mean = sum / k;
	for (size_t i = 0; i < n; i++)
		if (isfinite(a[i]) && isfinite(b[i]))
			sq += (a[i] - b[i] - d.mean) * (a[i] - b[i] - d.mean);
	if (k < 2)
		return d;
	d.sd = sqrt(sq / (k - 1));
	double h = gsl_cdf_tdist_Pinv(0.975, k - 1) * d.sd / sqrt((double)k);
	d.lo = d.mean - h;
	d.hi = d.mean + h;
	return d;
}

/* ---- per-replication values ---- */

static const struct csv_column reps_cols[] = {
	{"point", 0, 1}, {"scenario", 0, 0}, {"replication", 1, 0}, {"metric", 0, 0}, {"value", 1, 0},
};

int plot_reps_load(struct csv_table *t, int *cols, const char *dir, const char *file, struct js_error *err)
{
	struct csv_spec spec = {file, reps_cols, sizeof reps_cols / sizeof *reps_cols, CSV_MISSING_OK};
	return csv_table_load(t, dir, &spec, cols, err);
}

int plot_reps_pair(const struct csv_table *t, const int *cols, char *const *points, size_t n_points, const char *a,
		   const char *b, const char *metric, struct plot_stat *out)
{
	size_t reps = 0;
	for (size_t i = 0; i < t->n_rows; i++) {
		double r = csv_parse_number(csv_table_get(t, i, cols[2]));
		if (r >= 1 && r < 1e7 && (size_t)r > reps)
			reps = (size_t)r;
	}
	/* [point][a, b][replication - 1] */
	double *v = malloc((n_points * 2 * reps + 1) * sizeof *v);
	if (!v)
		return -1;
	for (size_t k = 0; k < n_points * 2 * reps; k++)
		v[k] = NAN;
	for (size_t i = 0; i < t->n_rows; i++) {
		const char *s = csv_table_get(t, i, cols[1]);
		int side = strcmp(s, a) == 0 ? 0 : strcmp(s, b) == 0 ? 1 : -1;
		double r = csv_parse_number(csv_table_get(t, i, cols[2]));
		if (side < 0 || !(r >= 1) || (size_t)r > reps || strcmp(csv_table_get(t, i, cols[3]), metric) != 0)
			continue;
		int p = points ? plot_list_find(points, n_points, csv_table_get(t, i, cols[0])) : 0;
		if (p >= 0)
			v[((size_t)p * 2 + (size_t)side) * reps + (size_t)r - 1] = csv_parse_number(csv_table_get(t, i, cols[4]));
	}
	for (size_t p = 0; p < n_points; p++)
		out[p] = plot_stat_paired(v + p * 2 * reps, v + (p * 2 + 1) * reps, reps);
	free(v);
	return 0;
}

/* ---- the ranking ---- */

/* run.json's ranking, best first; scenarios it does not know are left out. */
static int ranking_read(struct plot_results *r, const struct json *ranking)
{
	for (size_t i = 0; i < ranking->n; i++) {
		const struct json *e = &ranking->items[i];
		int s = plot_list_find(r->scen, r->n_scen, json_get_string(e, "scenario", ""));
		if (s < 0)
			continue;
		struct plot_rank *k = &r->rank[r->n_rank++];
		k->scen = (size_t)s;
		k->value = json_get_number(e, "value", plot_results_get(r, (size_t)s, r->objective.metric).mean);
		k->gap = (struct plot_stat){json_get_number(e, "diff_to_next", NAN), json_get_number(e, "diff_ci95_low", NAN),
					    json_get_number(e, "diff_ci95_high", NAN), NAN, 0};
		const struct json *sig = json_get(e, "significant");
		k->significant = sig && sig->kind == JSON_BOOL ? sig->number != 0
				 : isfinite(k->gap.lo) && isfinite(k->gap.hi) ? plot_significant(&k->gap)
									      : -1;
	}
	r->rank_declared = 1;
	return 0;
}

/* The paired gap a - b: diffs.csv when one of them is the baseline, else
 * the replications (NaN interval when there are none). */
static struct plot_stat pair_gap(const struct plot_results *r, size_t a, size_t b, const struct csv_table *reps,
				 const int *cols)
{
	const char *m = r->objective.metric;
	struct plot_stat d = {NAN, NAN, NAN, NAN, 0};
	if (b == 0)
		return plot_results_diff(r, a, m);
	if (a == 0) {
		struct plot_stat x = plot_results_diff(r, b, m);
		return (struct plot_stat){-x.mean, -x.hi, -x.lo, x.sd, x.n};
	}
	if (reps && reps->n_rows && plot_reps_pair(reps, cols, NULL, 1, r->scen[a], r->scen[b], m, &d) == 0 &&
	    isfinite(d.mean))
		return d;
	d.mean = plot_results_get(r, a, m).mean - plot_results_get(r, b, m).mean;
	d.lo = d.hi = NAN;
	return d;
}

static int ranking_compute(struct plot_results *r, struct js_error *err)
{
	const char *m = r->objective.metric;
	for (size_t s = 0; s < r->n_scen; s++)
		if (isfinite(plot_results_get(r, s, m).mean))
			r->rank[r->n_rank++].scen = s;
	/* best first on the objective; ties keep file order */
	for (size_t a = 1; a < r->n_rank; a++)
		for (size_t b = a; b > 0; b--) {
			double x = plot_results_get(r, r->rank[b].scen, m).mean * r->objective.better;
			double y = plot_results_get(r, r->rank[b - 1].scen, m).mean * r->objective.better;
			if (!(x > y))
				break;
			struct plot_rank t = r->rank[b];
			r->rank[b] = r->rank[b - 1];
			r->rank[b - 1] = t;
		}
	struct csv_table reps = {0};
	int cols[5];
	int need = 0; /* replications only when two ranked neighbours are both not the baseline */
	for (size_t k = 0; k + 1 < r->n_rank; k++)
		need |= r->rank[k].scen != 0 && r->rank[k + 1].scen != 0;
	if (need && plot_reps_load(&reps, cols, r->dir, "replications.csv", err) < 0)
		return -1;
	for (size_t k = 0; k < r->n_rank; k++) {
		struct plot_rank *q = &r->rank[k];
		q->value = plot_results_get(r, q->scen, m).mean;
		q->gap = (struct plot_stat){NAN, NAN, NAN, NAN, 0};
		q->significant = -1;
		if (k + 1 < r->n_rank && (r->have_diffs || need)) {
			q->gap = pair_gap(r, q->scen, r->rank[k + 1].scen, &reps, cols);
			if (isfinite(q->gap.lo) && isfinite(q->gap.hi))
				q->significant = plot_significant(&q->gap);
		} else if (k + 1 < r->n_rank) {
			q->gap.mean = q->value - plot_results_get(r, r->rank[k + 1].scen, m).mean;
		}
	}
	csv_table_free(&reps);
	return 0;
}

/* The scenario's display name with the warning mark, so that every chart
 * that names it shows the mark by its name. */
static int mark_label(struct plot_results *r, size_t s)
{
	if (r->warned[s])
		return 0;
	r->warned[s] = 1;
	size_t n = strlen(r->label[s]) + sizeof " \xE2\x9A\xA0";
	char *l = malloc(n);
	if (!l)
		return -1;
	snprintf(l, n, "%s \xE2\x9A\xA0", r->label[s]);
	free(r->label[s]);
	r->label[s] = l;
	return 0;
}

int plot_results_facts(struct plot_results *r, const struct json *root, struct js_error *err)
{
	plot_objective_read(&r->objective, root);
	/* an objective this folder has no row for: the default, said as such */
	if (plot_results_metric(r, r->objective.metric) < 0 && plot_results_metric(r, "margin") >= 0 &&
	    !r->objective.declared)
		snprintf(r->objective.metric, sizeof r->objective.metric, "margin");
	const struct json *ranking = root ? json_get(root, "ranking") : NULL;
	r->rank = calloc(r->n_scen + 1, sizeof *r->rank);
	r->warned = calloc(r->n_scen + 1, sizeof *r->warned);
	if (!r->rank || !r->warned)
		return plot_oom(err, "run.json");
	if (ranking && ranking->kind == JSON_ARRAY && ranking->n > 0)
		ranking_read(r, ranking);
	else if (ranking_compute(r, err) < 0)
		return -1;
	const struct json *as = root ? json_get(root, "assumptions") : NULL;
	r->assumptions_key = as ? json_get_number(as, "key", NAN) : NAN;
	r->assumptions_defaults = as ? json_get_number(as, "defaults", NAN) : NAN;
	snprintf(r->interval_note, sizeof r->interval_note, "%s",
		 root ? json_get_string(root, "interval_note", INTERVAL_NOTE) : INTERVAL_NOTE);
	const struct json *warnings = root ? json_get(root, "warnings") : NULL;
	if (!warnings || warnings->kind != JSON_ARRAY || warnings->n == 0)
		return 0;
	if (!(r->warn = calloc(warnings->n, sizeof *r->warn)))
		return plot_oom(err, "run.json");
	for (size_t i = 0; i < warnings->n; i++) {
		const struct json *e = &warnings->items[i];
		int s = plot_list_find(r->scen, r->n_scen, json_get_string(e, "scenario", ""));
		if (s < 0)
			continue;
		struct plot_warning *w = &r->warn[r->n_warn++];
		w->scen = (size_t)s;
		const char *text = json_get_string(e, "text", "");
		const char *pool = json_get_string(e, "pool", ""), *kind = json_get_string(e, "kind", "saturated");
		/* the pool in the run's words: the text starts with it ("sales team
		 * queue still growing ...", "contact centre saturated ...") */
		const char *end = NULL;
		for (const char *const *k = (const char *const[]){" queue still growing", " saturated", NULL}; *k && !end; k++)
			end = strstr(text, *k);
		if (end && end > text)
			snprintf(w->pool, sizeof w->pool, "%.*s", (int)(end - text), text);
		else
			snprintf(w->pool, sizeof w->pool, "%s", *pool ? pool : "a pool");
		w->kind = strcmp(kind, "saturated") == 0 ? PLOT_WARN_SATURATED
			  : strcmp(kind, "growing") == 0 ? PLOT_WARN_GROWING
							  : -1;
		w->from_day = json_get_number(e, "from_day", NAN);
		if (*text)
			snprintf(w->text, sizeof w->text, "%s", text);
		else
			snprintf(w->text, sizeof w->text, "%s pool %s", json_get_string(e, "pool", "a"), kind);
		if (mark_label(r, (size_t)s) < 0)
			return plot_oom(err, "run.json");
	}
	return 0;
}

/* Whether an earlier warning names the same scenario, pool and kind. */
static int said_before(const struct plot_results *r, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (r->warn[j].scen == r->warn[i].scen && r->warn[j].kind == r->warn[i].kind &&
		    strcmp(r->warn[j].pool, r->warn[i].pool) == 0)
			return 1;
	return 0;
}

/* "A", "A and B", "A, B and C": the pools of one kind of warning, and the
 * earliest day one of them started. */
static void pools_of(const struct plot_results *r, size_t s, int kind, char *buf, size_t len, size_t *n,
		     double *from)
{
	size_t total = 0, k = 0;
	*from = NAN;
	for (size_t i = 0; i < r->n_warn; i++)
		total += r->warn[i].scen == s && r->warn[i].kind == kind && !said_before(r, i);
	buf[0] = 0;
	for (size_t i = 0; i < r->n_warn; i++) {
		const struct plot_warning *w = &r->warn[i];
		if (w->scen != s || w->kind != kind || said_before(r, i))
			continue;
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", k == 0 ? "" : k + 1 == total ? " and " : ", ", w->pool);
		if (isfinite(w->from_day) && !(w->from_day >= *from))
			*from = w->from_day;
		k++;
	}
	*n = k;
}

/* One scenario's warnings in one sentence: "sales team and delivery team
 * queues still growing at the end (from about day 749)", or (brief) the
 * same without the days; kinds we do not know in the run's own words. */
static void warning_part(const struct plot_results *r, size_t s, size_t count, int brief, char *buf, size_t len)
{
	int plain = 1; /* every warning of a kind we can word together */
	const struct plot_warning *only = NULL;
	for (size_t i = 0; i < r->n_warn; i++)
		if (r->warn[i].scen == s) {
			plain &= r->warn[i].kind >= 0;
			only = &r->warn[i];
		}
	buf[0] = 0;
	if (count == 1 && !brief) {
		snprintf(buf, len, "%s", only->text);
		return;
	}
	if (!plain) {
		for (size_t i = 0, k = 0; i < r->n_warn; i++)
			if (r->warn[i].scen == s) {
				size_t used = strlen(buf);
				snprintf(buf + used, len - used, "%s%s", k++ ? "; " : "", r->warn[i].text);
			}
		return;
	}
	char pools[256], day[48];
	size_t k;
	double from;
	pools_of(r, s, PLOT_WARN_SATURATED, pools, sizeof pools, &k, &from);
	snprintf(day, sizeof day, " from about day %.0f", from);
	if (k)
		snprintf(buf, len, "%s saturated%s", pools, isfinite(from) && !brief ? day : "");
	size_t sat = k;
	pools_of(r, s, PLOT_WARN_GROWING, pools, sizeof pools, &k, &from);
	snprintf(day, sizeof day, " (from about day %.0f)", from);
	if (k) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s queue%s still growing at the end%s", sat ? "; " : "", pools,
			 k > 1 ? "s" : "", isfinite(from) && !brief ? day : "");
	}
}

/* Briefest: the names alone, "Results depend on the horizon for A ⚠ and
 * B ⚠ (queues still growing at the end: see the KPI comparison chart)." */
static size_t warning_names(const struct plot_results *r, char *buf, size_t len)
{
	size_t total = 0, k = 0;
	int kinds = 0; /* bit 0 saturated, bit 1 growing, bit 2 another */
	for (size_t s = 0; s < r->n_scen; s++)
		total += (size_t)r->warned[s];
	for (size_t i = 0; i < r->n_warn; i++)
		kinds |= r->warn[i].kind == PLOT_WARN_SATURATED ? 1 : r->warn[i].kind == PLOT_WARN_GROWING ? 2 : 4;
	buf[0] = 0;
	if (!total)
		return 0;
	snprintf(buf, len, "Results depend on the horizon for ");
	for (size_t s = 0; s < r->n_scen; s++) {
		if (!r->warned[s])
			continue;
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", k == 0 ? "" : k + 1 == total ? " and " : ", ", r->label[s]);
		k++;
	}
	const char *what = kinds == 1 ? "pools saturated" : kinds == 2 ? "queues still growing at the end"
			   : kinds == 3 ? "pools saturated or queues still growing at the end"
					: "pools that could not keep up";
	size_t used = strlen(buf);
	snprintf(buf + used, len - used, " (%s: see the KPI comparison chart).", what);
	return 1;
}

size_t plot_warning_lines(const struct plot_results *r, int brief, char *buf, size_t len)
{
	size_t lines = 0, scen = 0;
	buf[0] = 0;
	if (brief >= 2)
		return warning_names(r, buf, len);
	for (size_t s = 0; s < r->n_scen; s++) {
		size_t count = 0;
		for (size_t i = 0; i < r->n_warn; i++)
			count += r->warn[i].scen == s;
		if (!count)
			continue;
		char part[768];
		int plain = 1;
		for (size_t i = 0; i < r->n_warn; i++)
			plain &= r->warn[i].scen != s || r->warn[i].kind >= 0;
		warning_part(r, s, count, brief, part, sizeof part);
		size_t used = strlen(buf);
		if (used >= len)
			break;
		if (brief) /* "Results depend on the horizon: A ⚠ (...), B ⚠ (...)." */
			snprintf(buf + used, len - used, "%s%s (%s)", scen ? ", " : "Results depend on the horizon: ",
				 r->label[s], part);
		else if (count == 1 || !plain)
			snprintf(buf + used, len - used, "%s%s: %s.", lines ? "\n" : "", r->label[s], part);
		else
			snprintf(buf + used, len - used, "%s%s: %s: results depend on the horizon.", lines ? "\n" : "",
				 r->label[s], part);
		scen++;
		lines = brief ? 1 : lines + 1;
	}
	size_t used = strlen(buf);
	if (brief && scen && used < len)
		snprintf(buf + used, len - used, ".");
	return lines;
}
