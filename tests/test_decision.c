/*
 * test_decision.c - the statistics of a decision on constructed arrays
 * (decision.h): p_best and the rank matrix, EVPPI against closed forms and
 * against the ordering estimator of Sadatsafavi et al., EVPPI near 0 for a
 * parameter that moves every scenario alike, bias under simulation noise,
 * acceptability at the objective's own weight, expected loss, the noise
 * share, the sign of a cost objective, the four files, errors.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"

#include "csv.h"
#include "decision.h"

#define MAXP 12

/* A constructed decision: W worlds, S scenarios, R replications, P
 * parameters, filled by the tests. */
struct fixture {
	size_t W, S, R, P;
	double *obj, *exp, *theta;
	const char *names[MAXP];
	const char *scen[8];
	struct decision_data d;
};

static void fixture_init(struct fixture *f, size_t W, size_t S, size_t R, size_t P)
{
	memset(f, 0, sizeof *f);
	f->W = W, f->S = S, f->R = R, f->P = P;
	f->obj = calloc(W * S * R, sizeof *f->obj);
	f->exp = calloc(W * S * R, sizeof *f->exp);
	f->theta = calloc(W * (P ? P : 1), sizeof *f->theta);
	assert_non_null(f->obj);
	assert_non_null(f->exp);
	assert_non_null(f->theta);
	static const char *const pn[MAXP] = {"handoff.delay_boundary", "handoff.p_loss_boundary", "renewal.slope",
					     "experience.repeat", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12"};
	static const char *const sn[8] = {"base", "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"};
	for (size_t j = 0; j < MAXP; j++)
		f->names[j] = pn[j];
	for (size_t s = 0; s < 8; s++)
		f->scen[s] = sn[s];
	f->d = (struct decision_data){
		.n_worlds = W, .n_scenarios = S, .n_reps = R, .n_params = P, .objective = f->obj, .experience = NULL,
		.better = 1, .baseline = 0, .theta = f->theta, .param_names = f->names, .scenario_names = f->scen,
		.objective_text = "margin", .unit = "EUR/year",
	};
}

static void fixture_fini(struct fixture *f)
{
	free(f->obj);
	free(f->exp);
	free(f->theta);
}

static double *at(struct fixture *f, size_t w, size_t s, size_t r)
{
	return &f->obj[(w * f->S + s) * f->R + r];
}

/* Stratified normal sample, shuffled: x[w] = mu + sd Phi^-1((i + 0.5) / W). */
static void normal_sample(double *x, size_t stride, size_t W, double mu, double sd, gsl_rng *rng)
{
	size_t *perm = malloc(W * sizeof *perm);
	assert_non_null(perm);
	for (size_t i = 0; i < W; i++)
		perm[i] = i;
	gsl_ran_shuffle(rng, perm, W, sizeof *perm);
	for (size_t w = 0; w < W; w++)
		x[w * stride] = mu + sd * gsl_cdf_ugaussian_Pinv(((double)perm[w] + 0.5) / (double)W);
	free(perm);
}

static const struct evppi_row *evppi_named(const struct decision_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_evppi; i++)
		if (strcmp(r->evppi[i].name, name) == 0)
			return &r->evppi[i];
	fail_msg("no EVPPI row %s", name);
	return NULL;
}

static void analyse(struct fixture *f, struct decision_result *r)
{
	struct js_error err = {0};
	int rc = decision_analyse(&f->d, r, &err);
	if (rc != 0)
		fail_msg("decision_analyse: %s", err.msg);
}

/* The two-scenario case with a closed form: NB_base = 0, NB_alpha = theta - c
 * (+ noise of sd tau per replication), theta ~ N(mu, sigma); a nuisance
 * parameter xi ~ U(0, 1) changes nothing. EVPI = EVPPI(theta) =
 * sigma phi(z) - |m| Phi(-|z|), m = mu - c, z = m / sigma. */
#define CF_MU 1.0
#define CF_SIGMA 2.0
#define CF_C 1.5
static double closed_form(void)
{
	double m = CF_MU - CF_C, z = m / CF_SIGMA;
	return CF_SIGMA * gsl_ran_ugaussian_pdf(z) - fabs(m) * gsl_cdf_ugaussian_P(-fabs(z));
}

static void two_scenarios(struct fixture *f, size_t W, size_t R, double tau, unsigned long seed)
{
	fixture_init(f, W, 2, R, 2);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, seed);
	normal_sample(f->theta, 2, W, CF_MU, CF_SIGMA, rng);
	for (size_t w = 0; w < W; w++) {
		f->theta[w * 2 + 1] = gsl_rng_uniform(rng);
		for (size_t r = 0; r < R; r++) {
			double e = tau > 0 ? gsl_ran_gaussian(rng, tau) : 0;
			*at(f, w, 0, r) = 0;
			*at(f, w, 1, r) = f->theta[w * 2] - CF_C + e;
		}
	}
	gsl_rng_free(rng);
}

/* Sadatsafavi et al. (2013): worlds sorted by the parameter, cut into about
 * sqrt(W) blocks; EVPPI = mean over blocks of max(0, block mean of INB) -
 * max(0, mean INB). */
static const double *sort_key;
static int by_key(const void *a, const void *b)
{
	double u = sort_key[*(const size_t *)a], v = sort_key[*(const size_t *)b];
	return (u > v) - (u < v);
}

static double ordering_evppi(const double *inb, const double *x, size_t W)
{
	size_t *idx = malloc(W * sizeof *idx);
	assert_non_null(idx);
	for (size_t i = 0; i < W; i++)
		idx[i] = i;
	sort_key = x;
	qsort(idx, W, sizeof *idx, by_key);
	size_t K = (size_t)sqrt((double)W);
	double sum = 0, mean = 0;
	for (size_t k = 0; k < K; k++) {
		size_t lo = k * W / K, hi = (k + 1) * W / K;
		double m = 0;
		for (size_t i = lo; i < hi; i++)
			m += inb[idx[i]];
		m /= (double)(hi - lo);
		sum += (double)(hi - lo) * fmax(0, m);
	}
	for (size_t i = 0; i < W; i++)
		mean += inb[i];
	free(idx);
	return sum / (double)W - fmax(0, mean / (double)W);
}

static void test_closed_form(void **state)
{
	(void)state;
	struct fixture f;
	two_scenarios(&f, 512, 1, 0, 1);
	struct decision_result r;
	analyse(&f, &r);
	double cf = closed_form();
	const struct evppi_row *th = evppi_named(&r, "handoff.delay_boundary");
	const struct evppi_row *xi = evppi_named(&r, "handoff.p_loss_boundary");
	/* stratified sample: the sample EVPI is within 1% of the closed form */
	assert_true(fabs(r.evpi - cf) < 0.02 * cf);
	assert_true(fabs(th->evppi - cf) < 0.02 * cf);
	assert_true(th->share_of_evpi > 0.97);
	assert_true(xi->evppi < 0.03 * cf);
	assert_true(isfinite(th->se) && th->se < 0.05 * cf);
	/* the ordering estimator agrees */
	double *inb = malloc(f.W * sizeof *inb), *x = malloc(f.W * sizeof *x);
	for (size_t w = 0; w < f.W; w++) {
		inb[w] = *at(&f, w, 1, 0);
		x[w] = f.theta[w * 2];
	}
	double ord = ordering_evppi(inb, x, f.W);
	assert_true(fabs(ord - cf) < 0.05 * cf);
	assert_true(fabs(ord - th->evppi) < 0.05 * cf);
	free(inb);
	free(x);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* Noise of sd 2 per replication (per-world mean sd 1, a fifth of the
 * variance of the world means): over ten data sets, the raw per-world maximum
 * overstates the EVPI by about 16% (closed form: sigma^2 + 1 in place of
 * sigma^2); the regression's mean stays within 3% of the closed form (its
 * sampling error is about 1%), and each estimate within 3 of its standard
 * errors. */
static void test_noise_bias_bounded(void **state)
{
	(void)state;
	double cf = closed_form(), raw_sum = 0, reg_sum = 0;
	const size_t sets = 10;
	for (size_t set = 0; set < sets; set++) {
		struct fixture f;
		two_scenarios(&f, 512, 4, 2.0, 100 + set);
		struct decision_result r;
		analyse(&f, &r);
		double raw = 0, mean = 0;
		for (size_t w = 0; w < f.W; w++) {
			double m = 0;
			for (size_t k = 0; k < f.R; k++)
				m += *at(&f, w, 1, k) / (double)f.R;
			raw += fmax(0, m);
			mean += m;
		}
		raw_sum += raw / (double)f.W - fmax(0, mean / (double)f.W);
		const struct evppi_row *th = evppi_named(&r, "handoff.delay_boundary");
		reg_sum += th->evppi;
		assert_true(th->se > 0 && th->se < 0.1 * cf);
		assert_true(fabs(th->evppi - cf) < 3 * th->se);
		assert_true(fabs(r.evpi - th->evppi) < 0.05 * cf); /* xi adds fitted noise only */
		assert_true(evppi_named(&r, "handoff.p_loss_boundary")->evppi < 0.05 * cf);
		/* noise is 1 / (4 + 1) of the variance of the world means */
		assert_true(fabs(r.noise_share - 0.2) < 0.05);
		assert_false(r.noise_warning);
		decision_result_fini(&r);
		fixture_fini(&f);
	}
	assert_true(raw_sum / (double)sets > 1.08 * cf); /* the bias the regression removes */
	assert_true(fabs(reg_sum / (double)sets - cf) < 0.03 * cf);
}

/* Two parameters with rank correlation: theta as in the closed form, xi
 * = theta's standard score x rho + sqrt(1 - rho^2) x independent normal.
 * Declared correlated (param_corr), xi is worth what it says about theta:
 * INB | xi ~ N(m, rho sigma) over xi, so EVPPI(xi) = rho sigma phi(z') -
 * |m| Phi(-|z'|), z' = m / (rho sigma). Declared independent, the
 * adjustment holds theta fixed and xi is worth nothing: the way chance
 * correlations of a sample (rho 0.3 here) lend no value. */
static void correlated_pair(struct fixture *f, double rho, double *corr)
{
	two_scenarios(f, 1024, 1, 0, 12);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 13);
	for (size_t w = 0; w < f->W; w++)
		f->theta[w * 2 + 1] = rho * (f->theta[w * 2] - CF_MU) / CF_SIGMA + sqrt(1 - rho * rho) * gsl_ran_gaussian(rng, 1);
	gsl_rng_free(rng);
	corr[0] = corr[3] = 1;
	corr[1] = corr[2] = rho;
}

/* EVPPI of a parameter whose conditional mean of INB is N(m, sd) over it. */
static double normal_evppi(double m, double sd)
{
	return sd * gsl_ran_ugaussian_pdf(m / sd) - fabs(m) * gsl_cdf_ugaussian_P(-fabs(m / sd));
}

static void test_correlated(void **state)
{
	(void)state;
	struct fixture f;
	double corr[4], m = CF_MU - CF_C;
	correlated_pair(&f, 0.6, corr);
	f.d.param_corr = corr;
	struct decision_result r;
	analyse(&f, &r);
	assert_true(fabs(evppi_named(&r, "handoff.p_loss_boundary")->evppi - normal_evppi(m, 0.6 * CF_SIGMA)) <
		    0.1 * normal_evppi(m, 0.6 * CF_SIGMA));
	assert_true(fabs(evppi_named(&r, "handoff.delay_boundary")->evppi - closed_form()) < 0.02 * closed_form());
	decision_result_fini(&r);
	fixture_fini(&f);

	correlated_pair(&f, 0.3, corr);
	analyse(&f, &r); /* param_corr NULL: independent */
	assert_true(evppi_named(&r, "handoff.p_loss_boundary")->evppi < 0.01 * r.evpi);
	decision_result_fini(&r);
	f.d.param_corr = corr; /* declared: the plain regression, which credits xi */
	analyse(&f, &r);
	double want = normal_evppi(m, 0.3 * CF_SIGMA); /* 0.068, 12% of the EVPI */
	assert_true(fabs(evppi_named(&r, "handoff.p_loss_boundary")->evppi - want) < 0.25 * want);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* Twelve independent parameters on 192 random worlds, four that matter
 * (linear, linear, a U shape, an interaction with the fifth) and seven that
 * do nothing: each nuisance gets under 2% of the EVPI (without the
 * adjustment block, chance correlations gave them 1-17% in a trial), each
 * that matters more than 5%. */
static void test_many_parameters(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 192, 5, 2, 12);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 14);
	for (size_t w = 0; w < f.W; w++) {
		double *t = f.theta + w * 12;
		for (size_t j = 0; j < 12; j++)
			t[j] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++) {
			*at(&f, w, 0, k) = gsl_ran_gaussian(rng, 0.05);
			*at(&f, w, 1, k) = t[0] - 0.5 + gsl_ran_gaussian(rng, 0.05);
			*at(&f, w, 2, k) = 0.8 * (t[1] - 0.45) + gsl_ran_gaussian(rng, 0.05);
			*at(&f, w, 3, k) = 6 * (t[2] - 0.5) * (t[2] - 0.5) - 0.45 + gsl_ran_gaussian(rng, 0.05);
			*at(&f, w, 4, k) = 2 * t[3] * t[4] - 0.55 + gsl_ran_gaussian(rng, 0.05);
		}
	}
	gsl_rng_free(rng);
	struct decision_result r;
	analyse(&f, &r);
	assert_true(r.evpi > 0);
	for (size_t j = 0; j < 12; j++) {
		const struct evppi_row *e = evppi_named(&r, f.names[j]);
		if (j <= 4)
			assert_true(e->evppi > 0.05 * r.evpi);
		else
			assert_true(e->evppi < 0.02 * r.evpi);
	}
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* theta0 moves every scenario alike, theta1 decides: EVPPI(theta0) ~ 0. */
static void test_common_shift(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 256, 3, 2, 2);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 3);
	for (size_t w = 0; w < f.W; w++) {
		double a = f.theta[w * 2] = gsl_ran_gaussian(rng, 50);
		double b = f.theta[w * 2 + 1] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++) {
			double e = gsl_ran_gaussian(rng, 0.05);
			*at(&f, w, 0, k) = a + e;
			*at(&f, w, 1, k) = a + e + (b - 0.5);
			*at(&f, w, 2, k) = a + e + 0.5 * (0.4 - b);
		}
	}
	gsl_rng_free(rng);
	struct decision_result r;
	analyse(&f, &r);
	assert_true(r.evpi > 0.05);
	assert_true(evppi_named(&r, "handoff.delay_boundary")->evppi < 0.03 * r.evpi);
	assert_true(evppi_named(&r, "handoff.p_loss_boundary")->evppi > 0.95 * r.evpi);
	/* the shift is assumption uncertainty shared by all, not noise of the differences */
	assert_true(r.noise_share < 0.05);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* p_best sums to 1, the rank matrix is doubly stochastic, ties split evenly. */
static void test_ranks(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 300, 5, 3, 1);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 4);
	for (size_t w = 0; w < f.W; w++) {
		f.theta[w] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++)
			for (size_t s = 0; s < f.S; s++)
				*at(&f, w, s, k) = s == 4 ? *at(&f, w, 3, k) /* a copy of scenario 3: ties */
							  : gsl_ran_gaussian(rng, 1) + (double)s * 0.1 * f.theta[w];
	}
	gsl_rng_free(rng);
	struct decision_result r;
	analyse(&f, &r);
	double sum = 0;
	for (size_t s = 0; s < f.S; s++) {
		sum += r.rows[s].p_best;
		assert_true(r.rows[s].p_best == r.rank_prob[s * f.S]);
		double row = 0, col = 0;
		for (size_t k = 0; k < f.S; k++) {
			row += r.rank_prob[s * f.S + k];
			col += r.rank_prob[k * f.S + s];
		}
		assert_true(fabs(row - 1) < 1e-12);
		assert_true(fabs(col - 1) < 1e-12);
	}
	assert_true(fabs(sum - 1) < 1e-12);
	/* a copy ties in every world: the same probabilities */
	for (size_t k = 0; k < f.S; k++)
		assert_true(r.rank_prob[3 * f.S + k] == r.rank_prob[4 * f.S + k]);
	assert_true(r.rows[3].p_best > 0);
	/* the baseline has no p_beats_baseline; a copy of a scenario beats it exactly as often */
	assert_true(isnan(r.rows[0].p_beats_baseline));
	assert_true(r.rows[3].p_beats_baseline == r.rows[4].p_beats_baseline);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* The table's definitions on a small case computed by hand. */
static void test_table_by_hand(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 4, 2, 2, 0);
	/* world means: base 0, 0, 0, 0; alpha 1, -1, 2, -2; replications +-0.5 */
	const double alpha[4] = {1, -1, 2, -2};
	for (size_t w = 0; w < 4; w++) {
		*at(&f, w, 1, 0) = alpha[w] - 0.5;
		*at(&f, w, 1, 1) = alpha[w] + 0.5;
	}
	struct decision_result r;
	analyse(&f, &r);
	assert_true(fabs(r.rows[1].expected - 0) < 1e-15);
	assert_true(r.rows[1].p_best == 0.5);
	assert_true(r.rows[0].p_best == 0.5);
	assert_true(r.rows[1].p_beats_baseline == 0.5);
	/* t(0.975, 1) x sd (0.7071) / sqrt(2) = 12.706 x 0.5 */
	assert_true(fabs(r.rows[1].noise_halfwidth - 0.5 * gsl_cdf_tdist_Pinv(0.975, 1)) < 1e-9);
	assert_true(r.rows[0].noise_halfwidth == 0);
	/* p05 / p95 of {-2, -1, 1, 2} (GSL's interpolation: 0.15 and 2.85 of the way) */
	assert_true(fabs(r.rows[1].p05 - (-2 + 0.15)) < 1e-12);
	assert_true(fabs(r.rows[1].p95 - (1 + 0.85)) < 1e-12);
	/* no parameters: the regression is the mean alone, so the EVPI is 0 */
	assert_true(r.evpi == 0);
	assert_int_equal(r.n_evppi, 1);
	assert_string_equal(r.evppi[0].name, "(all)");
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* Expected loss: >= 0, smallest for the best, the best's is the EVPI, and
 * the differences are those of the expected values. */
static void test_expected_loss(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 256, 4, 2, 2);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 5);
	for (size_t w = 0; w < f.W; w++) {
		double a = f.theta[w * 2] = gsl_rng_uniform(rng), b = f.theta[w * 2 + 1] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++) {
			*at(&f, w, 0, k) = gsl_ran_gaussian(rng, 0.1);
			*at(&f, w, 1, k) = 2 * a - 0.9 + gsl_ran_gaussian(rng, 0.1);
			*at(&f, w, 2, k) = 1.5 * b - 0.6 + gsl_ran_gaussian(rng, 0.1);
			*at(&f, w, 3, k) = -0.3 + a * b + gsl_ran_gaussian(rng, 0.1);
		}
	}
	gsl_rng_free(rng);
	struct decision_result r;
	analyse(&f, &r);
	for (size_t s = 0; s < f.S; s++) {
		assert_true(r.rows[s].expected_loss >= 0);
		assert_true(r.rows[s].expected_loss >= r.rows[r.best].expected_loss);
		assert_true(r.rows[s].expected <= r.rows[r.best].expected);
		double want = r.rows[r.best].expected - r.rows[s].expected;
		assert_true(fabs(r.rows[s].expected_loss - r.rows[r.best].expected_loss - want) < 1e-9);
	}
	assert_true(fabs(r.rows[r.best].expected_loss - r.evpi) < 1e-9);
	assert_true(r.evpi > 0);
	/* every EVPPI lies in [0, EVPI], shares in [0, 1] */
	for (size_t i = 0; i < r.n_evppi; i++) {
		assert_true(r.evppi[i].evppi >= 0 && r.evppi[i].evppi <= r.evpi);
		assert_true(r.evppi[i].share_of_evpi >= 0 && r.evppi[i].share_of_evpi <= 1);
	}
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* A discrete parameter: EVPPI is the exact one of the conditional means. */
static void test_discrete(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 200, 2, 1, 1);
	const double values[3] = {1, 2, 4};
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 6);
	double sum[3] = {0}, n[3] = {0}, all = 0;
	for (size_t w = 0; w < f.W; w++) {
		size_t v = w % 3;
		f.theta[w] = values[v];
		double y = *at(&f, w, 1, 0) = values[v] - 2.2 + gsl_ran_gaussian(rng, 0.5);
		sum[v] += y;
		n[v]++;
		all += y;
	}
	gsl_rng_free(rng);
	double want = -fmax(0, all / (double)f.W);
	for (size_t v = 0; v < 3; v++)
		want += n[v] / (double)f.W * fmax(0, sum[v] / n[v]);
	struct decision_result r;
	analyse(&f, &r);
	assert_true(fabs(evppi_named(&r, "handoff.delay_boundary")->evppi - want) < 1e-9);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* An interaction: INB = theta0 x theta1 - 0.25 on U(0,1)^2. Neither alone
 * is worth the EVPI; the group (and the quadratic it gets) is. */
static void test_group(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 400, 2, 1, 3);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 7);
	for (size_t w = 0; w < f.W; w++) {
		double a = f.theta[w * 3] = gsl_rng_uniform(rng), b = f.theta[w * 3 + 1] = gsl_rng_uniform(rng);
		f.theta[w * 3 + 2] = gsl_rng_uniform(rng);
		*at(&f, w, 1, 0) = (a - 0.5) * (b - 0.5) * 4;
	}
	gsl_rng_free(rng);
	const char *gn[1] = {"handoffs"};
	const size_t members[2] = {0, 1}, *gm[1] = {members}, gs[1] = {2};
	f.d.n_groups = 1;
	f.d.group_names = gn;
	f.d.group_members = gm;
	f.d.group_size = gs;
	struct decision_result r;
	analyse(&f, &r);
	/* exact: E[max(0, 4 (a-.5)(b-.5))] = 4 E|(a-.5)(b-.5)| / 2 = 2 x 1/16 = 0.125 */
	const struct evppi_row *g = evppi_named(&r, "handoffs");
	assert_int_equal(g->kind, 1);
	assert_true(fabs(g->evppi - 0.125) < 0.01);
	assert_true(fabs(r.evpi - 0.125) < 0.01);
	assert_true(evppi_named(&r, "handoff.delay_boundary")->evppi < 0.2 * r.evpi);
	assert_true(evppi_named(&r, "handoff.p_loss_boundary")->evppi < 0.2 * r.evpi);
	assert_true(evppi_named(&r, "renewal.slope")->evppi < 0.05 * r.evpi);
	assert_int_equal(r.evppi[r.n_evppi - 1].kind, 2);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* Acceptability: at the objective's own weight it is p_best; as the weight
 * grows the scenario with the best experience gains. */
static void test_acceptability(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 200, 3, 2, 1);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 8);
	const double ew = 1000;
	for (size_t w = 0; w < f.W; w++) {
		double t = f.theta[w] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++) {
			for (size_t s = 0; s < f.S; s++)
				f.exp[(w * f.S + s) * f.R + k] = 6 + (double)s * 0.2 * t + gsl_ran_gaussian(rng, 0.05);
			/* the objective includes ew x experience; scenario 2 has the best experience */
			*at(&f, w, 0, k) = 100 + ew * f.exp[(w * f.S) * f.R + k];
			*at(&f, w, 1, k) = 150 - 80 * t + ew * f.exp[(w * f.S + 1) * f.R + k];
			*at(&f, w, 2, k) = -200 + ew * f.exp[(w * f.S + 2) * f.R + k];
		}
	}
	gsl_rng_free(rng);
	f.d.experience = f.exp;
	f.d.experience_weight = ew;
	struct decision_result r;
	analyse(&f, &r);
	assert_true(r.n_lambda >= DECISION_LAMBDA_POINTS);
	assert_true(r.lambda[0] == 0);
	size_t own = r.n_lambda;
	for (size_t k = 0; k < r.n_lambda; k++) {
		if (k)
			assert_true(r.lambda[k] > r.lambda[k - 1]);
		if (r.lambda[k] == ew)
			own = k;
		double sum = 0;
		for (size_t s = 0; s < f.S; s++)
			sum += r.accept[k * f.S + s];
		assert_true(fabs(sum - 1) < 1e-12);
	}
	assert_true(own < r.n_lambda);
	for (size_t s = 0; s < f.S; s++)
		assert_true(fabs(r.accept[own * f.S + s] - r.rows[s].p_best) < 1e-12);
	/* lambda_max as documented: nice_up(2 x (ew + spread of expected objective / spread of expected experience)) */
	double lo_y = INFINITY, hi_y = -INFINITY, lo_e = INFINITY, hi_e = -INFINITY;
	for (size_t s = 0; s < f.S; s++) {
		double e = 0;
		for (size_t i = 0; i < f.W * f.R; i++)
			e += f.exp[(i / f.R * f.S + s) * f.R + i % f.R] / (double)(f.W * f.R);
		lo_y = fmin(lo_y, r.rows[s].expected), hi_y = fmax(hi_y, r.rows[s].expected);
		lo_e = fmin(lo_e, e), hi_e = fmax(hi_e, e);
	}
	double flip2 = 2 * (ew + (hi_y - lo_y) / (hi_e - lo_e)), top = r.lambda[r.n_lambda - 1];
	assert_true(top >= flip2 && top <= 2.5 * flip2);
	double mant = top / pow(10, floor(log10(top)));
	assert_true(mant == 1 || mant == 2 || mant == 2.5 || mant == 5);
	assert_true(r.accept[(r.n_lambda - 1) * f.S + 2] > r.accept[own * f.S + 2]);
	/* a given grid: n_lambda points from 0 to lambda_max, ew added when between */
	decision_result_fini(&r);
	f.d.n_lambda = 5;
	f.d.lambda_max = 1500;
	analyse(&f, &r);
	assert_int_equal(r.n_lambda, 6);
	assert_true(r.lambda[3] == 1000 && r.lambda[4] == 1125 && r.lambda[5] == 1500);
	decision_result_fini(&r);
	fixture_fini(&f);
}

/* The noise share: ~1 when the worlds are alike, 0 without noise. */
static void test_noise_share(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 200, 3, 4, 1);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 9);
	for (size_t w = 0; w < f.W; w++) {
		f.theta[w] = 0.5; /* every world the same */
		for (size_t k = 0; k < f.R; k++)
			for (size_t s = 0; s < f.S; s++)
				*at(&f, w, s, k) = (double)s + gsl_ran_gaussian(rng, 1);
	}
	struct decision_result r;
	analyse(&f, &r);
	assert_true(r.noise_share > 0.7);
	assert_true(r.noise_warning);
	char note[512];
	assert_int_equal(decision_noise_note(&f.d, &r, note, sizeof note), 1);
	assert_non_null(strstr(note, "uncertainty.replications"));
	assert_true(r.evpi == 0); /* a constant parameter explains nothing */
	decision_result_fini(&r);
	/* no noise: replications equal within a world, worlds differ */
	for (size_t w = 0; w < f.W; w++) {
		f.theta[w] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++)
			for (size_t s = 0; s < f.S; s++)
				*at(&f, w, s, k) = (double)s * f.theta[w];
	}
	analyse(&f, &r);
	assert_true(r.noise_share == 0);
	assert_false(r.noise_warning);
	assert_int_equal(decision_noise_note(&f.d, &r, note, sizeof note), 0);
	assert_string_equal(note, "");
	decision_result_fini(&r);
	/* one replication: no estimate, and a note saying so */
	f.d.n_reps = 1;
	analyse(&f, &r);
	assert_true(isnan(r.noise_share));
	assert_int_equal(decision_noise_note(&f.d, &r, note, sizeof note), 1);
	decision_result_fini(&r);
	gsl_rng_free(rng);
	fixture_fini(&f);
}

/* A cost objective (lower is better) gives the results of its negation,
 * written in its own sign; the same data give the same numbers twice. */
static void test_cost_sign(void **state)
{
	(void)state;
	struct fixture f, g;
	two_scenarios(&f, 128, 2, 0.3, 10);
	two_scenarios(&g, 128, 2, 0.3, 10);
	for (size_t i = 0; i < g.W * g.S * g.R; i++)
		g.obj[i] = -g.obj[i];
	g.d.better = -1;
	struct decision_result a, b, a2;
	analyse(&f, &a);
	analyse(&g, &b);
	analyse(&f, &a2);
	assert_int_equal(a.best, b.best);
	for (size_t s = 0; s < f.S; s++) {
		assert_true(b.rows[s].expected == -a.rows[s].expected);
		assert_true(fabs(b.rows[s].p05 + a.rows[s].p95) <= 1e-12 * (1 + fabs(a.rows[s].p95)));
		assert_true(fabs(b.rows[s].p95 + a.rows[s].p05) <= 1e-12 * (1 + fabs(a.rows[s].p05)));
		assert_true(b.rows[s].p_best == a.rows[s].p_best);
		assert_true(b.rows[s].expected_loss == a.rows[s].expected_loss);
		assert_true(b.rows[s].noise_halfwidth == a.rows[s].noise_halfwidth);
	}
	assert_true(b.evpi == a.evpi);
	assert_memory_equal(a.rows, a2.rows, f.S * sizeof *a.rows);
	assert_memory_equal(a.evppi, a2.evppi, a.n_evppi * sizeof *a.evppi);
	decision_result_fini(&a);
	decision_result_fini(&b);
	decision_result_fini(&a2);
	fixture_fini(&f);
	fixture_fini(&g);
}

static void test_write(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 64, 3, 2, 3);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 11);
	for (size_t w = 0; w < f.W; w++) {
		for (size_t j = 0; j < 3; j++)
			f.theta[w * 3 + j] = gsl_rng_uniform(rng);
		for (size_t k = 0; k < f.R; k++)
			for (size_t s = 0; s < f.S; s++) {
				*at(&f, w, s, k) = (double)s * (f.theta[w * 3 + 2] - 0.5) + gsl_ran_gaussian(rng, 0.1);
				f.exp[(w * f.S + s) * f.R + k] = 5 + 0.1 * (double)s;
			}
	}
	gsl_rng_free(rng);
	f.d.experience = f.exp;
	f.d.objective_text = "margin, net";
	const char *gn[1] = {"handoffs"};
	const size_t members[2] = {0, 1}, *gm[1] = {members}, gs[1] = {2};
	f.d.n_groups = 1, f.d.group_names = gn, f.d.group_members = gm, f.d.group_size = gs;
	struct decision_result r;
	analyse(&f, &r);
	char dir[] = "/tmp/journeysim-decision-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct js_error err = {0};
	assert_int_equal(decision_write(dir, &f.d, &r, &err), 0);

	struct csv_table t = {0};
	char path[512];
	snprintf(path, sizeof path, "%s/decision.csv", dir);
	assert_int_equal(csv_table_read(&t, path, CSV_WHOLE, &err), 0);
	assert_int_equal(t.n_rows, 3);
	assert_int_equal(t.n_cols, 9);
	assert_string_equal(t.header[8], "expected_loss");
	assert_string_equal(csv_table_get(&t, 0, 1), "margin, net"); /* quoted, read back */
	assert_string_equal(csv_table_get(&t, 0, 7), "");            /* the baseline's p_beats_baseline */
	assert_true(csv_parse_number(csv_table_get(&t, 2, 2)) == r.rows[2].expected); /* round trip */
	csv_table_free(&t);

	snprintf(path, sizeof path, "%s/ranks.csv", dir);
	assert_int_equal(csv_table_read(&t, path, CSV_WHOLE, &err), 0);
	assert_int_equal(t.n_rows, 9);
	assert_string_equal(csv_table_get(&t, 4, 0), "alpha");
	assert_string_equal(csv_table_get(&t, 4, 1), "2");
	csv_table_free(&t);

	snprintf(path, sizeof path, "%s/acceptability.csv", dir);
	assert_int_equal(csv_table_read(&t, path, CSV_WHOLE, &err), 0);
	assert_int_equal(t.n_rows, r.n_lambda * 3);
	assert_string_equal(t.header[0], "experience_weight");
	csv_table_free(&t);

	snprintf(path, sizeof path, "%s/evppi.csv", dir);
	assert_int_equal(csv_table_read(&t, path, CSV_WHOLE, &err), 0);
	assert_int_equal(t.n_rows, 3 + 1 + 1);
	assert_int_equal(t.n_cols, 6);
	assert_string_equal(t.header[5], "se");
	/* parameters by EVPPI: renewal.slope decides here */
	assert_string_equal(csv_table_get(&t, 0, 0), "renewal.slope");
	assert_string_equal(csv_table_get(&t, 0, 3), "parameter");
	for (size_t i = 1; i < 3; i++)
		assert_true(csv_parse_number(csv_table_get(&t, i - 1, 1)) >= csv_parse_number(csv_table_get(&t, i, 1)));
	assert_string_equal(csv_table_get(&t, 3, 0), "handoffs");
	assert_string_equal(csv_table_get(&t, 3, 3), "group");
	assert_string_equal(csv_table_get(&t, 4, 0), "(all)");
	assert_string_equal(csv_table_get(&t, 4, 3), "all");
	assert_string_equal(csv_table_get(&t, 4, 2), "1");
	/* the schema's label */
	int found = 0;
	for (size_t i = 0; i < 3; i++)
		if (strcmp(csv_table_get(&t, i, 0), "handoff.delay_boundary") == 0)
			found = strcmp(csv_table_get(&t, i, 4), "Handoff delay at a boundary") == 0;
	assert_true(found);
	csv_table_free(&t);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	decision_result_fini(&r);
	fixture_fini(&f);
}

static void test_errors(void **state)
{
	(void)state;
	struct fixture f;
	fixture_init(&f, 4, 2, 2, 1);
	*at(&f, 2, 1, 0) = NAN;
	*at(&f, 2, 1, 1) = NAN;
	struct decision_result r;
	struct js_error err = {0};
	assert_int_equal(decision_analyse(&f.d, &r, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "world 2, scenario alpha"));
	assert_null(r.rows);
	*at(&f, 2, 1, 0) = 1; /* one finite replication is enough */
	assert_int_equal(decision_analyse(&f.d, &r, &err), 0);
	decision_result_fini(&r);
	decision_result_fini(&r); /* twice is safe */
	f.d.baseline = 2;
	assert_int_equal(decision_analyse(&f.d, &r, &err), -1);
	f.d.baseline = 0;
	f.theta[1] = INFINITY;
	assert_int_equal(decision_analyse(&f.d, &r, &err), -1);
	assert_non_null(strstr(err.msg, "handoff.delay_boundary"));
	fixture_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_closed_form),   cmocka_unit_test(test_noise_bias_bounded),
		cmocka_unit_test(test_correlated),    cmocka_unit_test(test_many_parameters),
		cmocka_unit_test(test_common_shift),
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_table_by_hand), cmocka_unit_test(test_expected_loss),
		cmocka_unit_test(test_discrete),      cmocka_unit_test(test_group),
		cmocka_unit_test(test_acceptability), cmocka_unit_test(test_noise_share),
		cmocka_unit_test(test_cost_sign),     cmocka_unit_test(test_write),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
