/*
 * test_stats.c - means, standard deviations and 95% Student-t intervals over
 * replications (against hand-computed values and GSL), NaN skipping, paired
 * differences, n = 0 and n = 1; and the experiment runner: the same results
 * bit for bit whatever the number of jobs.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "testutil.h"

#include "experiment.h"
#include "rng.h"

#define CLOSE(a, b) assert_true(fabs((a) - (double)(b)) <= 1e-12 * (1 + fabs((double)(b))))

/* t quantiles (0.975) from tables: df 1, 2, 3. */
static const double T975[] = {NAN, 12.7062047361747, 4.30265272974946, 3.18244630528371};

static void test_summary_by_hand(void **state)
{
	(void)state;
	const double x[] = {1, 2, 3, 4};
	struct summary s;
	stats_summarise(x, 4, &s);
	assert_int_equal(s.n, 4);
	CLOSE(s.mean, 2.5);
	CLOSE(s.sd, sqrt(5.0 / 3.0)); /* sum of squares 5, n - 1 = 3 */
	double half = T975[3] * sqrt(5.0 / 3.0) / 2.0;
	assert_true(fabs(s.ci_low - (2.5 - half)) < 1e-9);
	assert_true(fabs(s.ci_high - (2.5 + half)) < 1e-9);
}

static void test_summary_matches_gsl(void **state)
{
	(void)state;
	double x[57];
	for (int i = 0; i < 57; i++)
		x[i] = sin(i * 1.7) * 100 + i;
	struct summary s;
	stats_summarise(x, 57, &s);
	double mean = gsl_stats_mean(x, 1, 57), sd = gsl_stats_sd(x, 1, 57);
	double half = gsl_cdf_tdist_Pinv(0.975, 56) * sd / sqrt(57.0);
	assert_int_equal(s.n, 57);
	CLOSE(s.mean, mean);
	CLOSE(s.sd, sd);
	CLOSE(s.ci_low, mean - half);
	CLOSE(s.ci_high, mean + half);
	/* Symmetric around the mean. */
	CLOSE(s.mean - s.ci_low, s.ci_high - s.mean);
}

static void test_summary_skips_nan(void **state)
{
	(void)state;
	const double x[] = {1, NAN, 3};
	struct summary s;
	stats_summarise(x, 3, &s);
	assert_int_equal(s.n, 2);
	CLOSE(s.mean, 2);
	CLOSE(s.sd, sqrt(2.0));
	/* half = t(1) * sqrt(2) / sqrt(2) */
	assert_true(fabs(s.ci_high - (2 + T975[1])) < 1e-9);
	assert_true(fabs(s.ci_low - (2 - T975[1])) < 1e-9);
}

static void test_summary_small_n(void **state)
{
	(void)state;
	struct summary s;
	const double one[] = {4.25};
	stats_summarise(one, 1, &s);
	assert_int_equal(s.n, 1);
	assert_true(s.mean == 4.25);
	assert_true(isnan(s.sd) && isnan(s.ci_low) && isnan(s.ci_high));

	const double nan_only[] = {NAN, NAN};
	stats_summarise(nan_only, 2, &s);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.mean) && isnan(s.sd) && isnan(s.ci_low) && isnan(s.ci_high));

	stats_summarise(NULL, 0, &s);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.mean));

	/* One value left after NaN skipping: no interval. */
	const double mixed[] = {NAN, 7, NAN};
	stats_summarise(mixed, 3, &s);
	assert_int_equal(s.n, 1);
	assert_true(s.mean == 7 && isnan(s.ci_low));
}

static void test_summary_constant(void **state)
{
	(void)state;
	const double x[] = {0.1, 0.1, 0.1, 0.1, 0.1};
	struct summary s;
	stats_summarise(x, 5, &s);
	assert_true(s.mean == 0.1);
	assert_true(s.sd == 0);
	assert_true(s.ci_low == 0.1 && s.ci_high == 0.1);
}

static void test_summary_large_n(void **state)
{
	(void)state;
	/* Beyond the stack buffer, with a NaN to force the copy. */
	size_t n = 5000;
	double *x = malloc(n * sizeof *x);
	assert_non_null(x);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)(i % 10);
	x[17] = NAN;
	struct summary s;
	stats_summarise(x, n, &s);
	assert_int_equal(s.n, n - 1);
	x[17] = 7; /* the value NaN replaced */
	double mean = (gsl_stats_mean(x, 1, n) * (double)n - 7) / (double)(n - 1);
	CLOSE(s.mean, mean);
	free(x);
}

static void test_paired(void **state)
{
	(void)state;
	const double a[] = {5, 6, 7}, b[] = {1, 2, 4};
	struct summary s;
	stats_paired(a, b, 3, &s);
	assert_int_equal(s.n, 3);
	CLOSE(s.mean, 11.0 / 3.0); /* differences 4, 4, 3 */
	CLOSE(s.sd, sqrt(1.0 / 3.0));
	double half = T975[2] * sqrt(1.0 / 3.0) / sqrt(3.0);
	assert_true(fabs(s.ci_high - (11.0 / 3.0 + half)) < 1e-9);

	/* A pair with a NaN on either side is skipped. */
	const double c[] = {5, NAN, 7, 1}, d[] = {1, 2, 4, NAN};
	stats_paired(c, d, 4, &s);
	assert_int_equal(s.n, 2);
	CLOSE(s.mean, 3.5); /* 4 and 3 */

	/* Identical series: every difference exactly 0. */
	const double e[] = {1.1, 2.2, 3.3};
	stats_paired(e, e, 3, &s);
	assert_int_equal(s.n, 3);
	assert_true(s.mean == 0 && s.sd == 0 && s.ci_low == 0 && s.ci_high == 0);

	/* One pair: a mean, no interval. */
	stats_paired(a, b, 1, &s);
	assert_int_equal(s.n, 1);
	assert_true(s.mean == 4 && isnan(s.ci_low) && isnan(s.ci_high));
}

/* experiment_summary and experiment_diff read the replications of one
 * metric; a hand-made experiment needs no simulation. */
static void test_experiment_summary(void **state)
{
	(void)state;
	struct scenario_file *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->n_scenarios = 2;
	f->run.replications = 3;
	struct rep_result res[6];
	memset(res, 0, sizeof res);
	for (int s = 0; s < 2; s++)
		for (int r = 0; r < 3; r++)
			for (int m = 0; m < METRIC_COUNT; m++)
				res[s * 3 + r].metrics[m] = (s ? 10.0 : 0.0) + r + m;
	struct experiment x = {f, 2, 3, res};
	struct summary s;
	experiment_summary(&x, 1, 2, &s);
	assert_int_equal(s.n, 3);
	CLOSE(s.mean, 13); /* 12, 13, 14 */
	CLOSE(s.sd, 1);
	experiment_diff(&x, 1, 2, &s);
	assert_true(s.mean == 10 && s.sd == 0 && s.ci_low == 10 && s.ci_high == 10);
	experiment_diff(&x, 0, 5, &s);
	assert_true(s.mean == 0 && s.ci_low == 0 && s.ci_high == 0 && s.n == 3);
	free(f);
}

/* ---- the runner (needs the real loader and journey) ---- */

#define SMALL_CFG "tests/data/cli/small.cfg"

static int run_with_jobs(const struct scenario_file *f, unsigned jobs, struct experiment *x)
{
	struct experiment_options opt = {.jobs = jobs, .trace_customers = 2};
	struct js_error err;
	js_error_clear(&err);
	int rc = experiment_run(f, &opt, x, &err);
	if (rc != 0)
		fprintf(stderr, "experiment_run: %s\n", err.msg);
	return rc;
}

static void test_runner_jobs_identical(void **state)
{
	(void)state;
	struct js_error err;
	js_error_clear(&err);
	struct scenario_file *f = scenario_file_load(SMALL_CFG, &err, NULL, 0);
	if (!f)
		fail_msg("%s", err.msg);
	f->run.replications = 4;
	struct experiment a, b;
	assert_int_equal(run_with_jobs(f, 1, &a), 0);
	assert_int_equal(run_with_jobs(f, 3, &b), 0);
	assert_int_equal(a.n_scenarios, f->n_scenarios);
	assert_int_equal(a.replications, 4);
	for (size_t i = 0; i < a.n_scenarios * a.replications; i++) {
		const struct rep_result *p = &a.results[i], *q = &b.results[i];
		assert_memory_equal(p->metrics, q->metrics, sizeof p->metrics);
		assert_memory_equal(p->hist, q->hist, sizeof p->hist);
		assert_int_equal(p->n_samples, q->n_samples);
		if (p->n_samples)
			assert_memory_equal(p->series, q->series, SERIES_COUNT * p->n_samples * sizeof(double));
		assert_int_equal(p->trace_len, q->trace_len);
		if (p->trace_len)
			assert_memory_equal(p->trace, q->trace, p->trace_len);
		/* Only replication 1 (index 0) is traced. */
		if (i % a.replications != 0)
			assert_null(p->trace);
	}
	experiment_fini(&a);
	experiment_fini(&b);
	assert_null(a.results);
	experiment_fini(NULL);
	scenario_file_free(f);
}

static void test_default_jobs(void **state)
{
	(void)state;
	unsigned j = experiment_default_jobs();
	assert_true(j >= 1 && j <= 256);
}

int main(void)
{
	rng_gsl_quiet();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_by_hand),
		cmocka_unit_test(test_summary_matches_gsl),
		cmocka_unit_test(test_summary_skips_nan),
		cmocka_unit_test(test_summary_small_n),
		cmocka_unit_test(test_summary_constant),
		cmocka_unit_test(test_summary_large_n),
		cmocka_unit_test(test_paired),
		cmocka_unit_test(test_experiment_summary),
		cmocka_unit_test(test_runner_jobs_identical),
		cmocka_unit_test(test_default_jobs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
