/*
 * decide_write.c - the outputs of a decide folder from its journals: the
 * sweep's tables (worlds.csv for points.csv), then the arrays the decision
 * needs, collected world by world in world order (so the same bytes however
 * the worlds ran), decision_analyse and decision_write (decision.h), and
 * manifest.json with the decision's members.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decide.h"
#include "output.h"
#include "sweep_internal.h"

/* The arrays of struct decision_data, filled from the journal. */
struct collect {
	const struct sweep_plan *p;
	struct objective obj;
	int experience;      /* its index among the plan's metrics, -1 none */
	double *objective;   /* [(w S + s) R + r] */
	double *exper;
};

static int collect_point(void *ctx, size_t point, const double *v, struct js_error *err)
{
	(void)err;
	struct collect *c = ctx;
	const struct sweep_plan *p = c->p;
	size_t S = p->n_scenarios, R = p->replications, M = p->n_metrics;
	double m[METRIC_COUNT];
	for (int k = 0; k < METRIC_COUNT; k++)
		m[k] = NAN;
	for (size_t s = 0; s < S; s++)
		for (size_t r = 0; r < R; r++) {
			const double *row = v + (s * R + r) * M;
			for (size_t k = 0; k < M; k++)
				m[p->metrics[k]] = row[k];
			size_t at = (point * S + s) * R + r;
			c->objective[at] = objective_value(&c->obj, m);
			c->exper[at] = c->experience >= 0 ? row[c->experience] : NAN;
		}
	return 0;
}

/* The manifest's decide members (contract: docs/decide.md). */
struct manifest_ctx {
	const struct sweep_plan *p;
	const struct decide_report *rep;
};

static void put_number_or_null(struct json_out *j, const char *key, double v)
{
	if (isfinite(v))
		json_out_number(j, key, v);
	else
		json_out_format(j, key, "null");
}

static void manifest_extra(struct json_out *j, const void *ctx)
{
	const struct manifest_ctx *m = ctx;
	const struct sweep_plan *p = m->p;
	const struct decision_result *r = &m->rep->result;
	json_out_string(j, "command", "decide");
	json_out_string(j, "objective_text", m->rep->objective_text);
	json_out_string(j, "unit", m->rep->unit);
	json_out_uint(j, "worlds", p->n_points);
	json_out_string(j, "best", p->scenarios[r->best]);
	put_number_or_null(j, "evpi", r->evpi);
	put_number_or_null(j, "noise_share", r->noise_share);
	json_out_bool(j, "noise_warning", r->noise_warning);
	json_out_array(j, "priors", 0);
	for (size_t k = 0; k < p->n_params; k++) {
		const struct sweep_param *prm = &p->params[k];
		char label[160], unit[64], shown[128];
		scenario_param_label(prm->path, label, sizeof label, unit, sizeof unit);
		json_out_object(j, NULL);
		json_out_string(j, "path", prm->path);
		json_out_string(j, "dist", p->worlds.dist[k]);
		json_out_string(j, "label", label);
		json_out_string(j, "unit", output_unit(shown, sizeof shown, prm->unit, p->currency));
		put_number_or_null(j, "a", p->worlds.dist_a[k]);
		put_number_or_null(j, "b", p->worlds.dist_b[k]);
		put_number_or_null(j, "c", p->worlds.dist_c[k]);
		put_number_or_null(j, "resolved", prm->base);
		put_number_or_null(j, "sampled_low", prm->low);
		put_number_or_null(j, "sampled_high", prm->high);
		const char *group = "";
		for (size_t g = 0; g < p->worlds.n_groups; g++)
			for (size_t i = 0; i < p->worlds.group_size[g]; i++)
				if (p->worlds.group_member[g][i] == k)
					group = p->worlds.group_name[g];
		json_out_string(j, "group", group);
		json_out_close(j);
	}
	json_out_close(j);
}

static int analyse(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, const char *out,
		   struct decide_report *rep, struct js_error *err)
{
	size_t cells = p->n_points * p->n_scenarios * p->replications;
	struct collect c = {p, {0}, -1, malloc(cells * sizeof(double)), malloc(cells * sizeof(double))};
	const char *names[SWEEP_PARAM_MAX], *scen[SCENARIO_MAX], *gnames[SWEEP_GROUPS_MAX];
	const size_t *members[SWEEP_GROUPS_MAX];
	char why[256];
	int rc = -1;
	if (!c.objective || !c.exper) {
		js_error_set(err, EX_OSERR, "out of memory for %zu replications", cells);
		goto out;
	}
	if (objective_parse(p->objective[0] ? p->objective : "margin", &c.obj, why, sizeof why) != 0) {
		js_error_set(err, EX_DATAERR, "%s: objective: %s", p->config, why);
		goto out;
	}
	int exp_id = metric_find("experience.mean");
	for (size_t k = 0; k < p->n_metrics; k++)
		if (p->metrics[k] == exp_id)
			c.experience = (int)k;
	if (sweep_journals_each(p, dirs, n_dirs, collect_point, &c, err) != 0)
		goto out;

	double weight = 0;
	for (size_t i = 0; i < c.obj.n_weights; i++)
		if (c.obj.weight_metric[i] == exp_id)
			weight = c.obj.weight[i];
	for (size_t j = 0; j < p->n_params; j++)
		names[j] = p->params[j].path;
	for (size_t s = 0; s < p->n_scenarios; s++)
		scen[s] = p->scenarios[s];
	for (size_t g = 0; g < p->worlds.n_groups; g++) {
		gnames[g] = p->worlds.group_name[g];
		members[g] = p->worlds.group_member[g];
	}
	rep->better = c.obj.better == METRIC_LOWER ? -1 : 1;
	objective_text(&c.obj, p->currency, rep->objective_text, sizeof rep->objective_text);
	plan_metric_unit(p, c.obj.metric, rep->unit, sizeof rep->unit);
	struct decision_data d = {
		.n_worlds = p->n_points,
		.n_scenarios = p->n_scenarios,
		.n_reps = p->replications,
		.n_params = p->n_params,
		.objective = c.objective,
		.experience = c.experience >= 0 ? c.exper : NULL,
		.experience_weight = weight,
		.better = rep->better,
		.baseline = 0,
		.theta = p->points,
		.param_names = names,
		.n_groups = p->worlds.n_groups,
		.group_names = gnames,
		.group_size = p->worlds.group_size,
		.group_members = members,
		.scenario_names = scen,
		.objective_text = rep->objective_text,
		.unit = rep->unit,
	};
	if (decision_analyse(&d, &rep->result, err) != 0 || decision_write(out, &d, &rep->result, err) != 0)
		goto out;
	struct manifest_ctx mc = {p, rep};
	rc = sweep_manifest_write(p, out, manifest_extra, &mc, err);
out:
	free(c.objective);
	free(c.exper);
	return rc;
}

int decide_outputs_write(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, const char *out,
			 struct decide_report *rep, struct js_error *err)
{
	struct decide_report local;
	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof *rep);
	if (sweep_outputs_write(p, dirs, n_dirs, out, NULL, err) != 0)
		return -1;
	/* a shard holds some worlds only: the decision is the merge's */
	int rc = p->shard_n == 1 ? analyse(p, dirs, n_dirs, out, rep, err) : 0;
	if (rep == &local)
		decide_report_fini(rep);
	return rc;
}

void decide_report_fini(struct decide_report *r)
{
	if (r)
		decision_result_fini(&r->result);
}
