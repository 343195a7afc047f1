/*
 * decision.c - the statistics of a decision (decision.h): the per-world
 * values, the decision table, rank probabilities, the acceptability curve,
 * the noise share, and the EVPI and EVPPI rows (estimated by evppi.c).
 *
 * p_best, the ranks, p_beats_baseline and the 5-95% range are read off the
 * per-world values as simulated (simulation noise included: the noise share
 * says how much of their spread it is). expected_loss, EVPI and EVPPI come
 * from the regression's fitted values instead, which average most of that
 * noise out: a raw per-world maximum would count noise as lost value.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "decision.h"
#include "rng.h"

struct work {
	const struct decision_data *d;
	size_t W, S, R, A; /* worlds, scenarios, replications, alternatives (S - 1) */
	double *nb;        /* [w * S + s]: mean objective, higher is better */
	double *ex;        /* [w * S + s]: mean experience, or NULL */
	double *half;      /* [w * S + s]: 95% half-width of the mean objective, NaN with < 2 replications */
	double *inb;       /* [w * A + a]: nb of alternative a minus the baseline's */
	size_t *alt;       /* [A]: the scenario of alternative a */
	double *fitted;    /* [w * A + a]: E[inb | every parameter], from the regression */
	double *tmp;       /* [W + R] scratch */
};

static const char *scenario_name(const struct decision_data *d, size_t s, char *buf, size_t len)
{
	if (d->scenario_names && d->scenario_names[s])
		return d->scenario_names[s];
	snprintf(buf, len, "#%zu", s + 1);
	return buf;
}

/* Mean (and 95% half-width) of the finite values of x[0..n), stride 1. */
static size_t finite_mean(const double *x, size_t n, double *tmp, double *mean, double *half)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			tmp[k++] = x[i];
	*mean = k ? gsl_stats_mean(tmp, 1, k) : NAN;
	if (half)
		*half = k >= 2 ? gsl_cdf_tdist_Pinv(0.975, (double)(k - 1)) * gsl_stats_sd(tmp, 1, k) / sqrt((double)k)
			       : NAN;
	return k;
}

static int check(const struct decision_data *d, struct js_error *err)
{
	if (!d->n_worlds || !d->n_scenarios || !d->n_reps || !d->objective)
		return js_error_set(err, EX_DATAERR, "decision: no worlds, scenarios, replications or objective values");
	if (d->baseline >= d->n_scenarios)
		return js_error_set(err, EX_DATAERR, "decision: baseline %zu is not one of the %zu scenarios", d->baseline,
				    d->n_scenarios);
	if (d->better != 1 && d->better != -1)
		return js_error_set(err, EX_DATAERR, "decision: better must be +1 or -1, got %d", d->better);
	if (d->n_params && !d->theta)
		return js_error_set(err, EX_DATAERR, "decision: %zu parameters but no values", d->n_params);
	for (size_t i = 0; i < d->n_worlds * d->n_params; i++)
		if (!isfinite(d->theta[i]))
			return js_error_set(err, EX_DATAERR, "decision: world %zu: parameter %s is not a finite number",
					    i / d->n_params,
					    d->param_names ? d->param_names[i % d->n_params] : "(unnamed)");
	for (size_t g = 0; g < d->n_groups; g++)
		for (size_t k = 0; k < d->group_size[g]; k++)
			if (d->group_members[g][k] >= d->n_params)
				return js_error_set(err, EX_DATAERR, "decision: group %s: member %zu is not a parameter",
						    d->group_names[g], d->group_members[g][k]);
	return 0;
}

static void work_fini(struct work *k)
{
	free(k->nb);
	free(k->ex);
	free(k->half);
	free(k->inb);
	free(k->alt);
	free(k->fitted);
	free(k->tmp);
}

/* The per-world values and the incremental net benefits. */
static int work_init(struct work *k, const struct decision_data *d, struct js_error *err)
{
	memset(k, 0, sizeof *k);
	k->d = d;
	k->W = d->n_worlds;
	k->S = d->n_scenarios;
	k->R = d->n_reps;
	k->A = k->S - 1;
	size_t WS = k->W * k->S;
	k->nb = malloc(WS * sizeof *k->nb);
	k->half = malloc(WS * sizeof *k->half);
	k->ex = d->experience ? malloc(WS * sizeof *k->ex) : NULL;
	k->inb = malloc((k->W * k->A + 1) * sizeof *k->inb);
	k->fitted = malloc((k->W * k->A + 1) * sizeof *k->fitted);
	k->alt = malloc((k->A + 1) * sizeof *k->alt);
	k->tmp = malloc((k->W + k->R) * sizeof *k->tmp);
	if (!k->nb || !k->half || (d->experience && !k->ex) || !k->inb || !k->fitted || !k->alt || !k->tmp)
		return js_error_set(err, EX_OSERR, "decision: out of memory");
	char nm[32];
	for (size_t i = 0; i < WS; i++) {
		double mean;
		if (!finite_mean(d->objective + i * k->R, k->R, k->tmp, &mean, &k->half[i]))
			return js_error_set(err, EX_DATAERR, "decision: world %zu, scenario %s: no replication has a "
							     "finite value of the objective",
					    i / k->S, scenario_name(d, i % k->S, nm, sizeof nm));
		k->nb[i] = d->better * mean;
		if (k->ex && !finite_mean(d->experience + i * k->R, k->R, k->tmp, &k->ex[i], NULL))
			return js_error_set(err, EX_DATAERR, "decision: world %zu, scenario %s: no replication has a "
							     "finite experience score",
					    i / k->S, scenario_name(d, i % k->S, nm, sizeof nm));
	}
	for (size_t s = 0, a = 0; s < k->S; s++)
		if (s != d->baseline)
			k->alt[a++] = s;
	for (size_t w = 0; w < k->W; w++)
		for (size_t a = 0; a < k->A; a++)
			k->inb[w * k->A + a] = k->nb[w * k->S + k->alt[a]] - k->nb[w * k->S + d->baseline];
	return 0;
}

/* Adds one world's ranks of y[0..S) to rank_prob (ties share their ranks
 * evenly), and its best to best[] (ties split). order: S scratch. */
static void world_ranks(const double *y, size_t S, size_t *order, double *rank_prob, double *best)
{
	for (size_t i = 0; i < S; i++) { /* insertion sort: larger first, ties by index */
		size_t j = i;
		while (j > 0 && y[order[j - 1]] < y[i])
			j--;
		memmove(order + j + 1, order + j, (i - j) * sizeof *order);
		order[j] = i;
	}
	for (size_t i = 0; i < S;) {
		size_t e = i + 1;
		while (e < S && y[order[e]] == y[order[i]])
			e++;
		double share = 1.0 / (double)(e - i);
		for (size_t t = i; t < e; t++) {
			if (rank_prob)
				for (size_t rank = i; rank < e; rank++)
					rank_prob[order[t] * S + rank] += share;
			if (best && i == 0)
				best[order[t]] += share;
		}
		i = e;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double u = *(const double *)a, v = *(const double *)b;
	return (u > v) - (u < v);
}

/* expected, p05, p95, noise_halfwidth, p_best, p_beats_baseline and the ranks. */
static void table_and_ranks(struct work *k, struct decision_result *r)
{
	const struct decision_data *d = k->d;
	size_t W = k->W, S = k->S;
	size_t order[S];
	for (size_t w = 0; w < W; w++)
		world_ranks(k->nb + w * S, S, order, r->rank_prob, NULL);
	for (size_t i = 0; i < S * S; i++)
		r->rank_prob[i] /= (double)W;
	for (size_t s = 0; s < S; s++) {
		struct decision_row *row = &r->rows[s];
		size_t beats = 0;
		for (size_t w = 0; w < W; w++) {
			k->tmp[w] = d->better * k->nb[w * S + s]; /* the objective's own sign */
			beats += k->nb[w * S + s] > k->nb[w * S + d->baseline];
		}
		row->expected = gsl_stats_mean(k->tmp, 1, W);
		qsort(k->tmp, W, sizeof *k->tmp, cmp_double);
		row->p05 = gsl_stats_quantile_from_sorted_data(k->tmp, 1, W, 0.05);
		row->p95 = gsl_stats_quantile_from_sorted_data(k->tmp, 1, W, 0.95);
		row->p_best = r->rank_prob[s * S];
		row->p_beats_baseline = s == d->baseline ? NAN : (double)beats / (double)W;
		double sum = 0;
		size_t n = 0;
		for (size_t w = 0; w < W; w++)
			if (isfinite(k->half[w * S + s])) {
				sum += k->half[w * S + s];
				n++;
			}
		row->noise_halfwidth = n ? sum / (double)n : NAN;
	}
	r->best = 0;
	for (size_t s = 1; s < S; s++)
		if (d->better * r->rows[s].expected > d->better * r->rows[r->best].expected)
			r->best = s;
}

/* The share of the across-world variance of the incremental net benefits (of
 * the values themselves with one scenario) that is simulation noise: the mean
 * within-world variance of a world's replication mean (paired replications),
 * over the variance of the world means, pooled over the alternatives. */
static double noise_share(struct work *k)
{
	const struct decision_data *d = k->d;
	if (k->R < 2 || k->W < 2)
		return NAN;
	size_t n_alt = k->A ? k->A : 1;
	double noise = 0, total = 0;
	double *col = k->tmp, *diff = k->tmp + k->W;
	for (size_t a = 0; a < n_alt; a++) {
		size_t s = k->A ? k->alt[a] : 0;
		double sum = 0;
		size_t n_w = 0;
		for (size_t w = 0; w < k->W; w++) {
			const double *x = d->objective + (w * k->S + s) * k->R;
			const double *b = d->objective + (w * k->S + d->baseline) * k->R;
			size_t n = 0;
			for (size_t rep = 0; rep < k->R; rep++)
				if (isfinite(x[rep]) && (!k->A || isfinite(b[rep])))
					diff[n++] = k->A ? x[rep] - b[rep] : x[rep];
			if (n >= 2) {
				sum += gsl_stats_variance(diff, 1, n) / (double)n;
				n_w++;
			}
			col[w] = k->A ? k->inb[w * k->A + a] : k->nb[w * k->S];
		}
		if (n_w)
			noise += sum / (double)n_w;
		total += gsl_stats_variance(col, 1, k->W);
	}
	if (!(total > 0))
		return noise > 0 ? 1 : 0;
	return noise >= total ? 1 : noise / total;
}

/* A nice round number (1, 2, 2.5 or 5 x 10^k) at or above x > 0. */
static double nice_up(double x)
{
	double p = pow(10, floor(log10(x)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (steps[i] * p >= x * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

/* The automatic end of the acceptability grid: twice the weight at which the
 * experience differences between the scenarios' expected values are worth as
 * much, on top of the objective's own weight, as the spread of their expected
 * objective: ew + spread(objective) / spread(experience). */
static double lambda_auto(const struct work *k)
{
	double lo_y = INFINITY, hi_y = -INFINITY, lo_e = INFINITY, hi_e = -INFINITY;
	for (size_t s = 0; s < k->S; s++) {
		double y = 0, e = 0;
		for (size_t w = 0; w < k->W; w++) {
			y += k->nb[w * k->S + s];
			e += k->ex[w * k->S + s];
		}
		y /= (double)k->W;
		e /= (double)k->W;
		lo_y = fmin(lo_y, y);
		hi_y = fmax(hi_y, y);
		lo_e = fmin(lo_e, e);
		hi_e = fmax(hi_e, e);
	}
	double ew = k->d->experience_weight > 0 ? k->d->experience_weight : 0;
	double flip = hi_e > lo_e ? ew + (hi_y - lo_y) / (hi_e - lo_e) : ew;
	return isfinite(flip) && flip > 0 ? nice_up(2 * flip) : 1;
}

/* p_best as the weight of experience goes from 0 to lambda_max: the values
 * become nb + (lambda - ew) x experience. The objective's own weight ew is
 * always one of the points when it lies in the range. */
static int acceptability(struct work *k, struct decision_result *r, struct js_error *err)
{
	const struct decision_data *d = k->d;
	if (!k->ex)
		return 0;
	size_t n = d->n_lambda ? d->n_lambda : DECISION_LAMBDA_POINTS, S = k->S;
	double top = d->lambda_max > 0 ? d->lambda_max : lambda_auto(k), ew = d->experience_weight;
	r->lambda = malloc((n + 1) * sizeof *r->lambda);
	if (!r->lambda)
		return js_error_set(err, EX_OSERR, "decision: out of memory");
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		double l = n > 1 ? top * (double)i / (double)(n - 1) : 0;
		if (m && r->lambda[m - 1] < ew && ew < l)
			r->lambda[m++] = ew;
		r->lambda[m++] = l;
	}
	r->n_lambda = m;
	r->accept = calloc(m * S, sizeof *r->accept);
	if (!r->accept)
		return js_error_set(err, EX_OSERR, "decision: out of memory");
	size_t order[S];
	double y[S];
	for (size_t i = 0; i < m; i++) {
		double *acc = r->accept + i * S;
		for (size_t w = 0; w < k->W; w++) {
			for (size_t s = 0; s < S; s++)
				y[s] = k->nb[w * S + s] + (r->lambda[i] - ew) * k->ex[w * S + s];
			world_ranks(y, S, order, NULL, acc);
		}
		for (size_t s = 0; s < S; s++)
			acc[s] /= (double)k->W;
	}
	return 0;
}

/* The parameters that may enter an EVPPI regression as adjustment: those
 * not linked to any of cols by a chain of non-zero prior correlations.
 * comp[j]: j's component of the correlation graph (P scratch). */
static size_t adjustment_set(const struct decision_data *d, const size_t *cols, size_t m, size_t *comp, size_t *adj)
{
	size_t P = d->n_params, stride = d->param_corr_stride ? d->param_corr_stride : P;
	for (size_t j = 0; j < P; j++)
		comp[j] = j;
	if (d->param_corr) /* components by repeated relabelling: P is small */
		for (int changed = 1; changed;) {
			changed = 0;
			for (size_t j = 0; j < P; j++)
				for (size_t i = 0; i < P; i++)
					if (i != j && d->param_corr[j * stride + i] != 0 && comp[i] < comp[j]) {
						comp[j] = comp[i];
						changed = 1;
					}
		}
	size_t n = 0;
	for (size_t j = 0; j < P; j++) {
		int linked = 0;
		for (size_t t = 0; t < m && !linked; t++)
			linked = comp[cols[t]] == comp[j];
		if (!linked)
			adj[n++] = j;
	}
	return n;
}

/* One EVPPI row: the regression of the alternatives' INB on cols. */
static int evppi_one(struct work *k, struct evppi_row *row, const char *name, int kind, const size_t *cols, size_t m,
		     double *fitted, struct js_error *err)
{
	const struct decision_data *d = k->d;
	snprintf(row->name, sizeof row->name, "%s", name);
	row->kind = kind;
	struct evppi_estimate e;
	uint64_t key = rng_key(rng_name_hash(name), (unsigned)(1 + kind), 0);
	size_t *comp = malloc((2 * d->n_params + 1) * sizeof *comp), *adj = comp + d->n_params;
	if (!comp)
		return js_error_set(err, EX_OSERR, "decision: out of memory");
	size_t n_adj = adjustment_set(d, cols, m, comp, adj);
	int rc = evppi_regression(k->inb, k->W, k->A, d->theta, d->n_params, cols, m, adj, n_adj, key, fitted, &e, err);
	free(comp);
	if (rc != 0)
		return -1;
	row->evppi = e.evppi;
	row->se = e.se;
	return 0;
}

static int value_of_information(struct work *k, struct decision_result *r, struct js_error *err)
{
	const struct decision_data *d = k->d;
	size_t P = d->n_params;
	r->n_evppi = P + d->n_groups + 1;
	r->evppi = calloc(r->n_evppi, sizeof *r->evppi);
	size_t *all = malloc((P + 1) * sizeof *all);
	if (!r->evppi || !all) {
		free(all);
		return js_error_set(err, EX_OSERR, "decision: out of memory");
	}
	for (size_t j = 0; j < P; j++)
		all[j] = j;
	struct evppi_row *total = &r->evppi[P + d->n_groups];
	int rc = evppi_one(k, total, "(all)", 2, all, P, k->fitted, err);
	free(all);
	if (rc != 0)
		return -1;
	r->evpi = total->evppi;
	total->share_of_evpi = r->evpi > 0 ? 1 : NAN;
	char nm[32];
	for (size_t j = 0; j < P + d->n_groups; j++) {
		struct evppi_row *row = &r->evppi[j];
		if (j < P) {
			snprintf(nm, sizeof nm, "param%zu", j + 1);
			rc = evppi_one(k, row, d->param_names ? d->param_names[j] : nm, 0, &j, 1, NULL, err);
		} else {
			size_t g = j - P;
			rc = evppi_one(k, row, d->group_names[g], 1, d->group_members[g], d->group_size[g], NULL, err);
		}
		if (rc != 0)
			return -1;
		/* a part cannot be worth more than everything */
		row->evppi = fmin(fmax(row->evppi, 0), r->evpi);
		row->share_of_evpi = r->evpi > 0 ? row->evppi / r->evpi : NAN;
	}
	/* expected loss on the fitted values: E[max_s g_s] - E[g_s], g_baseline = 0 */
	double mean_max = 0;
	for (size_t w = 0; w < k->W; w++) {
		double best = 0;
		for (size_t a = 0; a < k->A; a++)
			best = fmax(best, k->fitted[w * k->A + a]);
		mean_max += best;
	}
	mean_max /= (double)k->W;
	for (size_t s = 0; s < k->S; s++) {
		double mean = 0;
		for (size_t a = 0; a < k->A; a++)
			if (k->alt[a] == s)
				for (size_t w = 0; w < k->W; w++)
					mean += k->fitted[w * k->A + a] / (double)k->W;
		r->rows[s].expected_loss = fmax(mean_max - mean, 0);
	}
	return 0;
}

int decision_analyse(const struct decision_data *d, struct decision_result *r, struct js_error *err)
{
	memset(r, 0, sizeof *r);
	if (check(d, err) != 0)
		return -1;
	struct work k;
	int rc = -1;
	if (work_init(&k, d, err) != 0)
		goto out;
	r->rows = calloc(k.S, sizeof *r->rows);
	r->rank_prob = calloc(k.S * k.S, sizeof *r->rank_prob);
	if (!r->rows || !r->rank_prob) {
		js_error_set(err, EX_OSERR, "decision: out of memory");
		goto out;
	}
	table_and_ranks(&k, r);
	r->noise_share = noise_share(&k);
	r->noise_warning = r->noise_share > DECISION_NOISE_WARN;
	if (acceptability(&k, r, err) != 0 || value_of_information(&k, r, err) != 0)
		goto out;
	rc = 0;
out:
	work_fini(&k);
	if (rc != 0)
		decision_result_fini(r);
	return rc;
}

void decision_result_fini(struct decision_result *r)
{
	if (!r)
		return;
	free(r->rows);
	free(r->rank_prob);
	free(r->lambda);
	free(r->accept);
	free(r->evppi);
	memset(r, 0, sizeof *r);
}

int decision_noise_note(const struct decision_data *d, const struct decision_result *r, char *buf, size_t len)
{
	buf[0] = 0;
	if (isnan(r->noise_share)) {
		snprintf(buf, len,
			 "note: the share of simulation noise cannot be estimated with %zu %s and %zu %s: set "
			 "uncertainty.replications to 2 or more",
			 d->n_reps, d->n_reps == 1 ? "replication" : "replications", d->n_worlds,
			 d->n_worlds == 1 ? "world" : "worlds");
		return 1;
	}
	if (!r->noise_warning)
		return 0;
	snprintf(buf, len,
		 "warning: simulation noise is %.0f%% of the variance across worlds of the differences between "
		 "scenarios (above %.0f%%): p_best, the ranks and the 5-95%% ranges partly measure noise, not the "
		 "assumptions; raise uncertainty.replications (now %zu)",
		 100 * r->noise_share, 100 * DECISION_NOISE_WARN, d->n_reps);
	return 1;
}
