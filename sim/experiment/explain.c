/*
 * explain.c - Shapley values of the parts in which two scenarios differ
 * (explain.h, docs/explain.md).
 *
 * Each subset S of the k differing parts is one mixed scenario (B with S
 * taken from A, explain_mix), built once and run for every replication on the
 * runner's threads. Per replication r and metric, v(S) is the metric's value,
 * and part i's Shapley value is
 *   sum over S without i of |S|! (k - |S| - 1)! / k! (v(S + i) - v(S)),
 * exact over all 2^k subsets up to EXPLAIN_EXACT_MAX parts. Beyond that each
 * replication averages the marginal contributions of its own sampled
 * permutations (seeded by the run's seed and the replication), so the
 * interval over replications holds the sampling error too. Either way the
 * values of a replication add up to v(all) - v(none) = A - B, its paired
 * difference, up to rounding. The interaction is what the parts do only
 * together: the total minus the sum of the solo effects v({i}) - v({}).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "explain.h"
#include "rng.h"

static const char *const headline_metrics[] = {"margin", "revenue.total", "cost.total", "experience.mean",
						"experience.nps"};
#define N_HEADLINES (sizeof headline_metrics / sizeof headline_metrics[0])

static void metrics_choose(struct explain *x, const struct objective *o)
{
	x->n_metrics = 0;
	for (size_t i = 0; i < N_HEADLINES; i++) {
		int m = metric_find(headline_metrics[i]);
		if (m >= 0)
			x->metrics[x->n_metrics++] = (struct explain_metric){metric_table[m].name, m, 0};
	}
	x->objective_row = 0;
	if (!o)
		return;
	x->objective_row = x->n_metrics;
	if (!objective_single(o)) {
		x->metrics[x->n_metrics++] = (struct explain_metric){"objective", o->metric, 1};
		return;
	}
	for (size_t i = 0; i < x->n_metrics; i++)
		if (x->metrics[i].metric == o->metric) {
			x->objective_row = i;
			return;
		}
	x->metrics[x->n_metrics++] = (struct explain_metric){metric_table[o->metric].name, o->metric, 0};
}

int explain_contrast_parse(const struct scenario_file *f, const char *text, size_t *a, size_t *b,
			   struct js_error *err)
{
	if (!text || !*text)
		return js_error_set(err, EX_USAGE, "explain: missing --contrast A-B (two scenarios of %s)", f->path);
	int same = -1;
	for (const char *d = strchr(text, '-'); d; d = strchr(d + 1, '-')) {
		size_t na = (size_t)(d - text);
		int ia = -1, ib = -1;
		for (size_t s = 0; s < f->n_scenarios; s++) {
			const char *name = f->scenarios[s].name;
			if (strlen(name) == na && strncmp(name, text, na) == 0)
				ia = (int)s;
			if (strcmp(name, d + 1) == 0)
				ib = (int)s;
		}
		if (ia >= 0 && ia == ib)
			same = ia;
		else if (ia >= 0 && ib >= 0) {
			*a = (size_t)ia;
			*b = (size_t)ib;
			return 0;
		}
	}
	if (same >= 0)
		return js_error_set(err, EX_USAGE, "explain: --contrast %s: A and B are the same scenario (\"%s\"); "
				    "expected two different scenarios", text, f->scenarios[same].name);
	char names[2048] = "";
	for (size_t s = 0; s < f->n_scenarios; s++)
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", s ? ", " : "",
			 f->scenarios[s].name);
	return js_error_set(err, EX_USAGE,
			    "explain: --contrast %s: expected A-B, two scenarios of %s (scenarios: %s)%s", text,
			    f->path, names, strchr(text, '-') ? "" : "; there is no '-'");
}

/* The subsets to run: bit s of need. Exact: all; sampled: the prefixes of
 * every replication's permutations, and the singletons (solo effects). */
static unsigned *permutations_draw(const struct scenario_file *f, size_t k, unsigned perms, unsigned char *need)
{
	unsigned reps = f->run.replications;
	unsigned *order = malloc((size_t)reps * perms * k * sizeof *order);
	if (!order)
		return NULL;
	for (unsigned r = 0; r < reps; r++) {
		gsl_rng *g = rng_stream_alloc(f->run.seed, r, "explain.permutations");
		if (!g) {
			free(order);
			return NULL;
		}
		for (unsigned p = 0; p < perms; p++) {
			unsigned *o = order + ((size_t)r * perms + p) * k;
			for (size_t i = 0; i < k; i++)
				o[i] = (unsigned)i;
			for (size_t i = k - 1; i > 0; i--) { /* Fisher-Yates */
				size_t j = gsl_rng_uniform_int(g, i + 1);
				unsigned t = o[i];
				o[i] = o[j];
				o[j] = t;
			}
			size_t s = 0;
			for (size_t i = 0; i < k; i++)
				need[s |= 1u << o[i]] = 1;
		}
		gsl_rng_free(g);
	}
	return order;
}

/* The part mask of subset s (bit i: the i-th differing part). */
static unsigned subset_parts(const struct explain *x, size_t s)
{
	unsigned parts = 0;
	for (size_t i = 0; i < x->k; i++)
		if ((s >> i) & 1u)
			parts |= 1u << x->part[i];
	return parts;
}

static double value_of(const struct explain *x, const struct experiment *runs, const size_t *run_of, size_t s,
		       unsigned r, size_t m, const struct objective *o)
{
	const double *metrics = runs->results[run_of[s] * x->replications + r].metrics;
	return x->metrics[m].objective ? objective_value(o, metrics) : metrics[x->metrics[m].metric];
}

/* Shapley values, interaction and total of metric m in replication r. */
static void shapley(struct explain *x, const struct experiment *runs, const size_t *run_of, const unsigned *order,
		    unsigned r, size_t m, const struct objective *o)
{
	size_t k = x->k, full = ((size_t)1 << k) - 1;
	double *out = x->values + m * (k + 2) * x->replications;
#define V(s) value_of(x, runs, run_of, (s), r, m, o)
#define OUT(t) out[(t) * x->replications + r]
	double weight[EXPLAIN_PART_COUNT + 1];
	if (x->exact) {
		/* |S|! (k - |S| - 1)! / k! for |S| = 0 .. k - 1 */
		for (size_t n = 0; n < k; n++) {
			double w = 1.0 / (double)k;
			for (size_t j = 1; j <= n; j++)
				w *= (double)j / (double)(k - j);
			weight[n] = w;
		}
		for (size_t i = 0; i < k; i++) {
			double sum = 0;
			for (size_t s = 0; s <= full; s++)
				if (!((s >> i) & 1u))
					sum += weight[__builtin_popcountll(s)] * (V(s | ((size_t)1 << i)) - V(s));
			OUT(i) = sum;
		}
	} else {
		for (size_t i = 0; i < k; i++)
			OUT(i) = 0;
		for (unsigned p = 0; p < x->permutations; p++) {
			const unsigned *ord = order + ((size_t)r * x->permutations + p) * k;
			size_t s = 0;
			for (size_t i = 0; i < k; i++) {
				size_t next = s | ((size_t)1 << ord[i]);
				OUT(ord[i]) += V(next) - V(s);
				s = next;
			}
		}
		for (size_t i = 0; i < k; i++)
			OUT(i) /= x->permutations;
	}
	double total = V(full) - V(0), solo = 0;
	for (size_t i = 0; i < k; i++)
		solo += V((size_t)1 << i) - V(0);
	OUT(k) = total - solo;
	OUT(k + 1) = total;
#undef V
#undef OUT
}

int explain_run(const struct scenario_file *f, size_t a, size_t b, const struct objective *o,
		const struct explain_options *opt, struct explain *x, struct js_error *err)
{
	memset(x, 0, sizeof *x);
	const struct scenario *sa = &f->scenarios[a], *sb = &f->scenarios[b];
	snprintf(x->a, sizeof x->a, "%s", sa->name);
	snprintf(x->b, sizeof x->b, "%s", sb->name);
	x->replications = f->run.replications;
	/* The parts are ownership data held for the whole window; a scenario that
	 * changes its model mid-run has no such data to split, so say so rather
	 * than explain its fully formed target. */
	for (int i = 0; i < 2; i++) {
		const struct scenario *s = i ? sb : sa;
		if (s->transition.present)
			return js_error_set(err, EX_USAGE,
					    "explain: expected two scenarios without a transition (explain splits the gap "
					    "between models held for the whole window), got %s with a transition: contrast "
					    "its target model without the transition group, and read the move over time "
					    "from periods.csv and cumulative.csv",
					    s->name);
	}
	x->differing = explain_parts_differing(sa, sb);
	for (int p = 0; p < EXPLAIN_PART_COUNT; p++)
		if ((x->differing >> p) & 1u)
			x->part[x->k++] = (enum explain_part)p;
	if (x->k == 0)
		return js_error_set(err, EX_USAGE,
				    "explain: %s and %s have the same ownership and company data: their paired "
				    "difference is exactly 0, nothing to explain", x->a, x->b);
	metrics_choose(x, o);
	unsigned exact_max = opt->exact_max ? opt->exact_max : EXPLAIN_EXACT_MAX;
	x->exact = x->k <= exact_max;
	x->permutations = x->exact ? 0 : opt->permutations ? opt->permutations : EXPLAIN_PERMUTATIONS;

	size_t n_all = (size_t)1 << x->k;
	unsigned char *need = calloc(n_all, 1);
	size_t *run_of = calloc(n_all, sizeof *run_of);
	struct scenario *list = NULL;
	unsigned *order = NULL;
	struct experiment runs;
	memset(&runs, 0, sizeof runs);
	int rc = -1;
	if (!need || !run_of)
		goto oom;
	if (x->exact)
		memset(need, 1, n_all);
	else if (!(order = permutations_draw(f, x->k, x->permutations, need)))
		goto oom;
	need[0] = 1;
	for (size_t i = 0; i < x->k; i++)
		need[(size_t)1 << i] = 1;
	for (size_t s = 0; s < n_all; s++)
		x->n_subsets += need[s];
	if (!(list = calloc(x->n_subsets, sizeof *list)))
		goto oom;
	size_t n = 0;
	for (size_t s = 0; s < n_all; s++) {
		if (!need[s])
			continue;
		run_of[s] = n;
		if (explain_mix(sa, sb, subset_parts(x, s), &list[n++], err) != 0)
			goto out;
	}
	struct experiment_options ro = {.jobs = opt->jobs, .progress = opt->progress, .metrics_only = 1};
	if (experiment_run_list(list, n, &f->run, &ro, &runs, err) != 0)
		goto out;
	if (!(x->values = malloc(x->n_metrics * (x->k + 2) * x->replications * sizeof *x->values)))
		goto oom;
	for (size_t m = 0; m < x->n_metrics; m++)
		for (unsigned r = 0; r < x->replications; r++)
			shapley(x, &runs, run_of, order, r, m, o);
	rc = 0;
	goto out;
oom:
	js_error_set(err, EX_OSERR, "explain: out of memory for %zu subsets", n_all);
out:
	experiment_fini(&runs);
	free(need);
	free(run_of);
	free(list);
	free(order);
	if (rc != 0)
		explain_fini(x);
	return rc;
}

void explain_fini(struct explain *x)
{
	if (!x)
		return;
	free(x->values);
	x->values = NULL;
}

void explain_summary(const struct explain *x, size_t m, size_t t, struct summary *out)
{
	stats_summarise(x->values + (m * (x->k + 2) + t) * x->replications, x->replications, out);
}
