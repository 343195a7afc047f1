/*
 * decide.c - decide_load: a scenario file with an `uncertainty` group into a
 * sweep plan whose points are the worlds drawn from the priors (decide.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "csv.h"
#include "decide.h"
#include "prior.h"
#include "sweep_internal.h"

/* The metrics a decision needs: the objective's, and the four it reports
 * beside it (experience for acceptability), in metrics.h order. */
static void plan_metrics(struct sweep_plan *p, const struct objective *o)
{
	int want[METRIC_COUNT] = {0};
	want[o->metric] = 1;
	for (size_t i = 0; i < o->n_weights; i++)
		want[o->weight_metric[i]] = 1;
	const char *const always[] = {"experience.mean", "margin", "cost.total", "revenue.total"};
	for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
		if (metric_find(always[i]) >= 0)
			want[metric_find(always[i])] = 1;
	p->n_metrics = 0;
	for (int m = 0; m < METRIC_COUNT; m++)
		if (want[m])
			p->metrics[p->n_metrics++] = m;
}

static void put_num(GChecksum *h, double v)
{
	char buf[40];
	csv_format_number(buf, sizeof buf, v);
	g_checksum_update(h, (const guchar *)buf, (gssize)strlen(buf));
	g_checksum_update(h, (const guchar *)";", 1);
}

/* sha256 of everything that makes the decision's worlds: the prior set and
 * the values drawn (a changed @included prior file changes it too). */
static void decision_hash(const struct prior_set *ps, const struct sweep_plan *p, char out[65])
{
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	char head[128];
	snprintf(head, sizeof head, "worlds %u design %d replications %u n %zu\n", ps->worlds, ps->design,
		 ps->replications, ps->n);
	g_checksum_update(h, (const guchar *)head, (gssize)strlen(head));
	for (size_t j = 0; j < ps->n; j++) {
		const struct prior *q = &ps->p[j];
		g_checksum_update(h, (const guchar *)q->path, (gssize)strlen(q->path));
		g_checksum_update(h, (const guchar *)prior_dist_name(q->dist), -1);
		g_checksum_update(h, (const guchar *)q->group, (gssize)strlen(q->group));
		const double v[] = {q->a, q->b, q->c, q->lo, q->hi, q->resolved};
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
			put_num(h, v[i]);
		for (size_t i = 0; i < q->n_values && i < 32; i++) {
			put_num(h, q->values[i]);
			put_num(h, q->weights[i]);
		}
	}
	for (size_t i = 0; ps->has_corr && i < PRIOR_MAX * PRIOR_MAX; i++)
		put_num(h, ps->corr[i]);
	for (size_t i = 0; i < p->n_points * p->n_params; i++)
		put_num(h, p->points[i]);
	snprintf(out, 65, "%s", g_checksum_get_string(h));
	g_checksum_free(h);
}

/* One plan parameter per prior: its path and kind; low and high the range of
 * the values drawn, base the resolved value. */
static void plan_params(struct sweep_plan *p, const struct prior_set *ps)
{
	struct sweep_worlds *w = &p->worlds;
	p->n_params = ps->n;
	for (size_t j = 0; j < ps->n; j++) {
		const struct prior *q = &ps->p[j];
		struct sweep_param *prm = &p->params[j];
		snprintf(prm->path, sizeof prm->path, "%s", q->path);
		param_describe(prm->path, prm->unit, sizeof prm->unit, &prm->integer, &prm->duration);
		prm->kind = SWEEP_BOUNDS;
		prm->from = prm->to = prm->step = NAN;
		prm->base = q->resolved;
		prm->low = prm->high = sweep_point_value(p, 0, j);
		for (size_t i = 1; i < p->n_points; i++) {
			double v = sweep_point_value(p, i, j);
			prm->low = v < prm->low ? v : prm->low;
			prm->high = v > prm->high ? v : prm->high;
		}
		snprintf(w->dist[j], sizeof w->dist[j], "%s", prior_dist_name(q->dist));
		w->dist_a[j] = q->a;
		w->dist_b[j] = q->b;
		w->dist_c[j] = q->c;
	}
	w->n_dist = ps->n;
	w->n_groups = ps->n_groups < SWEEP_GROUPS_MAX ? ps->n_groups : SWEEP_GROUPS_MAX;
	for (size_t g = 0; g < w->n_groups; g++) {
		snprintf(w->group_name[g], NAME_LEN, "%s", ps->groups[g].name);
		w->group_size[g] = ps->groups[g].n;
		memcpy(w->group_member[g], ps->groups[g].member, ps->groups[g].n * sizeof(size_t));
	}
}

int decide_load(const char *path, const char *objective, struct decide *d, char *warn, size_t warn_len,
		struct js_error *err)
{
	memset(d, 0, sizeof *d);
	struct sweep *sw = &d->sw;
	struct sweep_plan *p = &sw->plan;
	p->focus = p->contrast[0] = p->contrast[1] = -1;
	sw->file = scenario_file_load(path, err, warn, warn_len);
	if (!sw->file)
		return -1;
	if (sweep_plan_base(path, sw->file, p, err) != 0)
		return -1;
	if (!(d->priors = calloc(1, sizeof *d->priors)))
		return js_error_set(err, EX_OSERR, "out of memory");
	int found = 0;
	if (prior_read(path, sw->file, d->priors, &found, err) != 0)
		return -1;
	if (!found)
		return js_error_set(err, EX_CONFIG,
				    "%s: uncertainty: expected an `uncertainty` group (or the shipped priors: a line "
				    "@include \"uncertainty/defaults.cfg\" and uncertainty = { worlds = 128; }), got "
				    "nothing; docs/decide.md says how",
				    path);
	const struct prior_set *ps = d->priors;
	if (ps->n == 0 || ps->n > SWEEP_PARAM_MAX || ps->worlds == 0 || ps->replications == 0)
		return js_error_set(err, EX_CONFIG, "%s: uncertainty: expected 1 to %d priors, worlds and "
						    "replications >= 1, got %zu priors, %u worlds, %u replications",
				    path, SWEEP_PARAM_MAX, ps->n, ps->worlds, ps->replications);
	if ((unsigned long long)ps->worlds * ps->replications > 4000000000ull)
		return js_error_set(err, EX_CONFIG, "%s: uncertainty: expected worlds x replications below 4e9, got %u x %u",
				    path, ps->worlds, ps->replications);

	p->design = SWEEP_WORLDS;
	p->replications = ps->replications;
	p->n_points = ps->worlds;
	if (!(p->points = malloc((size_t)ps->worlds * ps->n * sizeof *p->points)))
		return js_error_set(err, EX_OSERR, "out of memory for %u worlds", ps->worlds);
	if (prior_worlds(ps, p->seed, p->points, err) != 0)
		return -1;
	plan_params(p, ps);
	decision_hash(ps, p, p->worlds.sha256);

	char why[512];
	const char *spec = objective ? objective : sw->file->run.objective;
	if (sweep_objective_set(p, spec[0] ? spec : "margin", why, sizeof why) != 0)
		return js_error_set(err, objective ? EX_USAGE : EX_CONFIG, "%s: objective: %s", objective ? "--objective" : path, why);
	struct objective o;
	objective_parse(p->objective, &o, why, sizeof why);
	plan_metrics(p, &o);
	return 0;
}

void decide_fini(struct decide *d)
{
	if (!d)
		return;
	sweep_fini(&d->sw);
	free(d->priors);
	d->priors = NULL;
}

int decide_plan_is(const struct sweep_plan *p)
{
	return p->design == SWEEP_WORLDS;
}
