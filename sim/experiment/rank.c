/*
 * rank.c - the scenarios ranked by the declared objective (experiment.h),
 * with the paired difference between neighbours in the ranking.
 */
#include <math.h>
#include <stdlib.h>

#include "experiment.h"

void experiment_objective_values(const struct experiment *x, const struct objective *o, size_t s, double *out)
{
	for (unsigned r = 0; r < x->replications; r++)
		out[r] = objective_value(o, x->results[s * x->replications + r].metrics);
}

static int values_pair(const struct experiment *x, const struct objective *o, size_t a, size_t b, double **va,
		       double **vb)
{
	size_t n = x->replications ? x->replications : 1;
	*va = malloc(2 * n * sizeof **va);
	if (!*va)
		return -1;
	*vb = *va + n;
	experiment_objective_values(x, o, a, *va);
	experiment_objective_values(x, o, b, *vb);
	return 0;
}

void experiment_objective_summary(const struct experiment *x, const struct objective *o, size_t s,
				  struct summary *out)
{
	double *v, *w;
	if (values_pair(x, o, s, s, &v, &w) != 0) {
		*out = (struct summary){NAN, NAN, NAN, NAN, 0};
		return;
	}
	stats_summarise(v, x->replications, out);
	free(v);
}

void experiment_objective_diff(const struct experiment *x, const struct objective *o, size_t a, size_t b,
			       struct summary *out)
{
	double *v, *w;
	if (values_pair(x, o, a, b, &v, &w) != 0) {
		*out = (struct summary){NAN, NAN, NAN, NAN, 0};
		return;
	}
	stats_paired(v, w, x->replications, out);
	free(v);
}

struct order {
	size_t s;
	double key; /* value x direction: larger is better */
};

static int order_cmp(const void *a, const void *b)
{
	const struct order *u = a, *v = b;
	return stats_larger_first(u->key, u->s, v->key, v->s);
}

int experiment_rank(const struct experiment *x, const struct objective *o, struct rank_entry *out,
		    struct js_error *err)
{
	size_t n = x->n_scenarios;
	struct order *ord = malloc((n ? n : 1) * sizeof *ord);
	if (!ord)
		return js_error_set(err, EX_OSERR, "out of memory");
	int dir = metric_better_find(metric_table[o->metric].name);
	for (size_t s = 0; s < n; s++) {
		struct summary sm;
		experiment_objective_summary(x, o, s, &sm);
		out[s].value = sm.mean;
		ord[s] = (struct order){s, sm.mean * dir};
	}
	qsort(ord, n, sizeof *ord, order_cmp);
	double values[SCENARIO_MAX];
	for (size_t s = 0; s < n; s++)
		values[s] = out[s].value;
	for (size_t i = 0; i < n; i++) {
		struct rank_entry *e = &out[i];
		e->scenario = ord[i].s;
		e->value = values[ord[i].s];
		e->diff = (struct summary){NAN, NAN, NAN, NAN, 0};
		if (i + 1 < n)
			experiment_objective_diff(x, o, ord[i].s, ord[i + 1].s, &e->diff);
		e->significant = e->diff.ci_low > 0 || e->diff.ci_high < 0;
	}
	free(ord);
	return 0;
}
