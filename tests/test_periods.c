/*
 * test_periods.c - results per period and payback (issue 15, part 1):
 *   - the periods of every money metric add up to the window's total (its
 *     per-year value times the window's years), the time-averages average
 *     back to the window's, and one period spanning the window gives the
 *     window's ratios exactly;
 *   - a period that does not divide the window gives a partial last period,
 *     labelled so, ending at the horizon;
 *   - integration debt of a shadow-IT stack grows from period to period;
 *   - payback_day: the closed form of a constant gain after a one-off cost,
 *     the last crossing (not the first), not within the horizon, and
 *     experiment_payback on constructed replications;
 *   - `run` writes periods.csv, period_diffs.csv and cumulative.csv with the
 *     same bytes for --jobs 1 and 2, and payback.days in summary.csv and run.json;
 *   - a sweep over run.horizon runs each point's own horizon; a horizon not
 *     past the warm-up is refused with file:line; with sweep.periods = true
 *     it writes each point's periods.csv and period_diffs.csv rows.
 * (Bad run.period values: tests/bad/period_*.cfg, test_cli_bad.)
 */
#include "journey_util.h"

#define TWO "tests/data/periods/two.cfg"

static void assert_close(double got, double want, double scale, const char *what)
{
	double tol = 1e-9 * fmax(1, fabs(scale));
	if (!(fabs(got - want) <= tol))
		fail_msg("%s: got %.17g, want %.17g (tolerance %g)", what, got, want, tol);
}

static void run_one(const struct scenario *s, const struct run_settings *run, unsigned r, struct rep_result *res)
{
	struct js_error err = {0};
	if (journey_run(s, run, r, 0, res, &err) < 0)
		fail_msg("%s", err.msg);
}

/* ---- sums and averages ---- */

static void test_period_sums(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load(TWO);
	const struct run_settings *run = &f->run;
	double window = run->horizon - run->warmup, years = window / 365;
	for (size_t s = 0; s < f->n_scenarios; s++)
		for (unsigned r = 0; r < 2; r++) {
			struct rep_result res;
			run_one(&f->scenarios[s], run, r, &res);
			assert_int_equal(res.n_periods, 4);
			const double *m = res.metrics;
			for (int pm = 0; pm < PM_COUNT; pm++) {
				const struct period_metric_info *p = &period_metric_table[pm];
				double sum = 0, abs_sum = 0, weighted = 0;
				for (size_t k = 0; k < res.n_periods; k++) {
					double a, b, v = res.periods[k * PM_COUNT + (size_t)pm];
					int partial;
					journey_period_span(run, k, &a, &b, &partial);
					sum += v;
					abs_sum += fabs(v);
					weighted += v * (b - a);
				}
				double last = res.periods[(res.n_periods - 1) * PM_COUNT + (size_t)pm];
				if (p->kind == PERIOD_MONEY)
					assert_close(sum, m[p->metric] * years, abs_sum, p->name);
				else if (p->kind == PERIOD_CUMULATIVE)
					assert_close(last, m[M_MARGIN] * years, abs_sum, p->name);
				else if (p->kind == PERIOD_AVERAGE && p->metric != M_DEBT)
					assert_close(weighted / window, m[p->metric], m[p->metric], p->name);
			}
			/* the cumulative margin: 0 at the window start, the window's margin at its end */
			assert_true(res.n_cumulative >= 3);
			assert_true(res.cumulative[0] == 0);
			assert_close(res.cumulative[res.n_cumulative - 1], m[M_MARGIN] * years, m[M_MARGIN], "cumulative");
			/* the period's margin.cumulative at its end is the cumulative grid's there (day 100 is on it) */
			size_t i100 = (size_t)lround(100 / res.sample_every);
			assert_true(fabs(journey_cumulative_day(run, i100) - 100) < 1e-12);
			assert_close(res.periods[0 * PM_COUNT + PM_MARGIN_CUMULATIVE], res.cumulative[i100], m[M_MARGIN],
				     "margin.cumulative at day 100");
			/* the debt's time-average is the time series' over the window (the samples line up with it) */
			size_t first = (size_t)lround(run->warmup / res.sample_every);
			double debt = 0, debt_periods = 0;
			for (size_t i = first; i < res.n_samples; i++)
				debt += res.series[(size_t)S_DEBT * res.n_samples + i] / (double)(res.n_samples - first);
			for (size_t k = 0; k < res.n_periods; k++) {
				double a, b;
				int partial;
				journey_period_span(run, k, &a, &b, &partial);
				debt_periods += res.periods[k * PM_COUNT + PM_DEBT] * (b - a) / window;
			}
			assert_close(debt_periods, debt, 1, "technology.debt");
			rep_result_fini(&res);
		}
	scenario_file_free(f);
}

/* One period as long as the window: every ratio is the window's own. */
static void test_one_period_is_the_window(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load(TWO);
	struct run_settings run = f->run;
	run.period = run.horizon;
	struct rep_result res;
	run_one(&f->scenarios[1], &run, 0, &res);
	assert_int_equal(res.n_periods, 1);
	const double *row = res.periods;
	assert_true(row[PM_EXPERIENCE] == res.metrics[M_EXPERIENCE]);
	assert_true(row[PM_NPS] == res.metrics[M_NPS]);
	assert_true(row[PM_CHURN] == res.metrics[M_CHURN]);
	assert_close(row[PM_ACTIVE], res.metrics[M_ACTIVE], res.metrics[M_ACTIVE], "customers.active");
	rep_result_fini(&res);
	scenario_file_free(f);
}

static void test_partial_last_period(void **state)
{
	(void)state;
	struct run_settings run = {.horizon = 370, .warmup = 30, .period = 100};
	assert_int_equal(journey_period_count(&run), 4);
	double a, b;
	int partial;
	for (size_t k = 0; k < 3; k++) {
		journey_period_span(&run, k, &a, &b, &partial);
		assert_true(a == 100.0 * (double)k && b == a + 100 && !partial);
	}
	journey_period_span(&run, 3, &a, &b, &partial);
	assert_true(a == 300 && b == 340 && partial);
	run.horizon = 430; /* divides: no partial period */
	assert_int_equal(journey_period_count(&run), 4);
	journey_period_span(&run, 3, &a, &b, &partial);
	assert_true(b == 400 && !partial);
	run.period = 0; /* a year */
	run.horizon = 30 + 2.5 * 365;
	assert_int_equal(journey_period_count(&run), 3);
	journey_period_span(&run, 2, &a, &b, &partial);
	assert_true(a == 730 && b == 2.5 * 365 && partial);
}

/* Shadow IT's integration debt grows over the run (technology.c): the last
 * whole period's mean is above the first's, in every replication. */
static void test_debt_grows(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load(TWO);
	struct rep_result res;
	run_one(&f->scenarios[1], &f->run, 0, &res);
	assert_true(res.periods[2 * PM_COUNT + PM_DEBT] > res.periods[0 * PM_COUNT + PM_DEBT]);
	assert_true(res.periods[0 * PM_COUNT + PM_DEBT] > 0);
	rep_result_fini(&res);
	run_one(&f->scenarios[0], &f->run, 0, &res); /* IT's systems gather none */
	assert_true(res.periods[2 * PM_COUNT + PM_DEBT] == 0);
	rep_result_fini(&res);
	scenario_file_free(f);
}

/* ---- payback ---- */

static void test_payback_closed_form(void **state)
{
	(void)state;
	enum { N = 102 };
	double day[N], y[N];
	const double cost = 50000, gain = 123; /* money, money a day */
	for (size_t i = 0; i < N; i++) {
		day[i] = i + 1 < N ? 10.0 * (double)i : 1003;
		y[i] = -cost + gain * day[i];
	}
	assert_close(payback_day(day, y, N), cost / gain, 1, "payback C/g");
	/* a later one-off that sinks it again: payback is the last crossing */
	for (size_t i = 60; i < 70; i++)
		y[i] = -1;
	assert_close(payback_day(day, y, N), day[69] + (0 - y[69]) * 10 / (y[70] + 1), 1, "last crossing");
	/* never positive at the horizon: not within it */
	for (size_t i = 0; i < N; i++)
		y[i] = -cost + 10 * day[i];
	assert_true(isnan(payback_day(day, y, N)));
	/* positive from the first point on */
	for (size_t i = 0; i < N; i++)
		y[i] = 1 + day[i];
	assert_true(payback_day(day, y, N) == 0);
}

/* Constructed replications: baseline 0, the scenario -C + g d + e_r with
 * noise that sums to 0, so the mean difference pays back at C / g and the
 * band brackets it. */
static void test_experiment_payback(void **state)
{
	(void)state;
	enum { N = 101, REPS = 4 };
	static double cum[2 * REPS][N];
	struct rep_result res[2 * REPS];
	memset(res, 0, sizeof res);
	const double noise[REPS] = {-3000, 1000, 2500, -500}, cost = 40000, gain = 200;
	for (unsigned r = 0; r < 2 * REPS; r++) {
		res[r].n_cumulative = N;
		res[r].cumulative = cum[r];
		res[r].sample_every = 5;
		res[r].window_days = 500;
		for (size_t i = 0; i < N; i++)
			cum[r][i] = r < REPS ? 0 : -cost + gain * 5.0 * (double)i + (i ? noise[r - REPS] : 0);
	}
	struct experiment x = {.n_scenarios = 2, .replications = REPS, .results = res};
	struct summary pb;
	experiment_payback(&x, 1, &pb);
	assert_close(pb.mean, cost / gain, 1, "payback of the mean");
	assert_true(pb.ci_low < pb.mean && pb.mean < pb.ci_high);
	assert_int_equal(pb.n, REPS);
	experiment_summary(&x, 1, M_PAYBACK, &pb); /* the metric is this */
	assert_close(pb.mean, cost / gain, 1, "summary of payback.days");
	experiment_payback(&x, 0, &pb); /* the baseline has none */
	assert_true(isnan(pb.mean) && pb.n == 0);
	for (unsigned r = REPS; r < 2 * REPS; r++) /* never pays back */
		cum[r][N - 1] = -1;
	experiment_payback(&x, 1, &pb);
	assert_true(isnan(pb.mean) && pb.n == 0);
}

/* ---- the files ---- */

/* The mean payback.days of scenario in a summary.csv text. */
static double summary_payback(const char *summary, const char *scenario)
{
	char key[128];
	snprintf(key, sizeof key, "\n%s,payback.days,days,", scenario);
	const char *at = strstr(summary, key);
	assert_non_null(at);
	return strtod(at + strlen(key), NULL);
}

/* Through a whole run: a move whose gain is known (2 seats 60,000 EUR a year
 * cheaper: 120,000 EUR a year, nothing random changed) pays back after its
 * one-off cost over that gain, and a dearer one-off pays back later. */
static void test_transition_cost_delays_payback(void **state)
{
	(void)state;
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js_run(0, NULL, "run tests/data/periods/payback_cost.cfg -o %s --quiet --no-charts", dir), 0);
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	char *summary = test_read_file(path, NULL);
	assert_non_null(summary);
	double cheap = summary_payback(summary, "cheap_move"), dear = summary_payback(summary, "dear_move");
	assert_close(cheap, 60000.0 / 120000 * 365, 1e-6, "payback of a 60,000 EUR one-off");
	assert_close(dear, 180000.0 / 120000 * 365, 1e-6, "payback of a 180,000 EUR one-off");
	assert_true(dear > cheap);
	free(summary);
	test_run(NULL, "rm -rf %s", dir);
}

static void test_files_jobs(void **state)
{
	(void)state;
	const char *a = "/tmp/journeysim-test-periods-a", *b = "/tmp/journeysim-test-periods-b";
	assert_int_equal(js_run(0, NULL, "run %s -o %s --quiet --no-charts --jobs 1", TWO, a), 0);
	assert_int_equal(js_run(0, NULL, "run %s -o %s --quiet --no-charts --jobs 2", TWO, b), 0);
	const char *files[] = {"periods.csv", "period_diffs.csv", "cumulative.csv", "summary.csv"};
	for (size_t i = 0; i < 4; i++) {
		char pa[256], pb[256];
		snprintf(pa, sizeof pa, "%s/%s", a, files[i]);
		snprintf(pb, sizeof pb, "%s/%s", b, files[i]);
		char *ta = test_read_file(pa, NULL), *tb = test_read_file(pb, NULL);
		assert_non_null(ta);
		assert_non_null(tb);
		if (strcmp(ta, tb) != 0)
			fail_msg("%s differs between --jobs 1 and 2", files[i]);
		if (i == 0) {
			assert_non_null(strstr(ta, "scenario,period,start_day,end_day,partial,metric,unit,mean,"));
			assert_non_null(strstr(ta, "\nsiloed,4,300,340,1,margin,EUR,"));
			assert_non_null(strstr(ta, "\ncmo_shadow_it,1,0,100,0,technology.debt,share,"));
		} else if (i == 1) {
			assert_non_null(strstr(ta, "\ncmo_shadow_it,siloed,4,300,340,1,cost.total,EUR,"));
			assert_null(strstr(ta, "\nsiloed,siloed,"));
		} else if (i == 2) {
			assert_non_null(strstr(ta, "\ncmo_shadow_it,siloed,0,margin,0,0,0,3\n"));
			assert_non_null(strstr(ta, "\ncmo_shadow_it,siloed,340,margin,"));
		} else {
			assert_non_null(strstr(ta, "\nsiloed,payback.days,days,,,,,0\n"));
			assert_non_null(strstr(ta, "\ncmo_shadow_it,payback.days,days,"));
		}
		free(ta);
		free(tb);
	}
	char pj[256];
	snprintf(pj, sizeof pj, "%s/run.json", a);
	char *json = test_read_file(pj, NULL);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"payback\": ["));
	assert_non_null(strstr(json, "\"period_days\": 100"));
	free(json);
	test_run(NULL, "rm -rf %s %s", a, b);
}

/* A sweep over the horizon: each point runs its own horizon (shadow IT's debt
 * at the horizon is debt_initial + debt_per_year x years, technology.c), and a
 * horizon not longer than the warm-up is refused with file:line. */
static void test_horizon_sweep(void **state)
{
	(void)state;
	const char *dir = "/tmp/journeysim-test-periods-sweep";
	assert_int_equal(js_run(0, NULL, "sweep tests/data/periods/horizon_sweep.cfg -o %s --quiet --no-charts", dir),
			 0);
	char path[256];
	snprintf(path, sizeof path, "%s/points.csv", dir);
	char *points = test_read_file(path, NULL);
	assert_non_null(points);
	assert_non_null(strstr(points, "point,run.horizon\n0,100\n1,200\n2,400\n"));
	free(points);
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	char *sum = test_read_file(path, NULL);
	assert_non_null(sum);
	const double horizon[3] = {100, 200, 400};
	for (int k = 0; k < 3; k++) {
		char row[96];
		snprintf(row, sizeof row, "\n%d,cmo_shadow_it,technology.debt,share,", k);
		const char *at = strstr(sum, row);
		assert_non_null(at);
		double debt = strtod(at + strlen(row), NULL);
		assert_close(debt, 0.3 + 0.15 * horizon[k] / 365, 1, "debt at the point's horizon");
	}
	free(sum);
	test_run(NULL, "rm -rf %s", dir);

	const char *bad = "/tmp/journeysim-test-periods-bad.cfg";
	assert_int_equal(test_run(NULL, "sed 's/\\[\"100 d\", \"200 d\", \"400 d\"\\]/[\"100 d\", \"20 d\"]/' "
					"tests/data/periods/horizon_sweep.cfg > %s",
				  bad),
			 0);
	char *out = NULL;
	assert_int_equal(js_run(78, &out, "sweep %s -o %s --quiet --no-charts", bad, dir), 78);
	assert_non_null(strstr(out, ":17: sweep.parameters[0].values[1]: expected a horizon longer than the warm-up"));
	free(out);
	unlink(bad);
}

/* The value of the first row of file text that starts with prefix, or NaN. */
static double row_value(const char *text, const char *prefix)
{
	const char *at = strstr(text, prefix);
	return at ? strtod(at + strlen(prefix), NULL) : NAN;
}

/* sweep.periods = true over horizons: each point's own periods (the last
 * one partial where its window ends), and under common random numbers the
 * first 100 days are the same whatever the horizon after them. */
static void test_sweep_periods(void **state)
{
	(void)state;
	const char *dir = "/tmp/journeysim-test-periods-sweep-p";
	assert_int_equal(
		js_run(0, NULL, "sweep tests/data/periods/horizon_periods.cfg -o %s --quiet --no-charts", dir), 0);
	char path[256];
	snprintf(path, sizeof path, "%s/periods.csv", dir);
	char *per = test_read_file(path, NULL);
	snprintf(path, sizeof path, "%s/period_diffs.csv", dir);
	char *dif = test_read_file(path, NULL);
	assert_non_null(per);
	assert_non_null(dif);
	assert_non_null(strstr(per, "point,scenario,period,start_day,end_day,partial,metric,unit,mean,"));
	assert_non_null(strstr(per, "\n0,cmo_shadow_it,1,0,70,1,margin,EUR,")); /* 100 d - 30 d warm-up */
	assert_null(strstr(per, "\n0,cmo_shadow_it,2,"));
	assert_non_null(strstr(per, "\n2,cmo_shadow_it,4,300,370,1,margin,EUR,"));
	double a = row_value(per, "\n1,cmo_shadow_it,1,0,100,0,margin,EUR,");
	double b = row_value(per, "\n2,cmo_shadow_it,1,0,100,0,margin,EUR,");
	assert_true(isfinite(a));
	assert_close(a, b, a, "period 1 at horizons 200 d and 400 d");
	assert_non_null(strstr(dif, "\n2,cmo_shadow_it,siloed,3,200,300,0,margin,EUR,"));
	assert_null(strstr(dif, "\n0,siloed,siloed,"));
	free(per);
	free(dif);
	test_run(NULL, "rm -rf %s", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_sums),
		cmocka_unit_test(test_one_period_is_the_window),
		cmocka_unit_test(test_partial_last_period),
		cmocka_unit_test(test_debt_grows),
		cmocka_unit_test(test_payback_closed_form),
		cmocka_unit_test(test_experiment_payback),
		cmocka_unit_test(test_transition_cost_delays_payback),
		cmocka_unit_test(test_files_jobs),
		cmocka_unit_test(test_horizon_sweep),
		cmocka_unit_test(test_sweep_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
