/*
 * test_validation.c - the journey reduced to textbook queues
 * (config/validation/) agrees with queueing theory: Erlang C waits, queue
 * lengths and utilisation inside the 95% interval over replications, Little's
 * law per pool, Burke's tandem, and conservation of customers.
 */
#include "journey_util.h"

struct expect {
	const char *metric;
	double value;
};

/* Every expected value must lie inside the 95% CI of the replications. */
static void check_config(const char *path, const struct expect *e, size_t n)
{
	struct scenario_file *f = ju_load(path);
	const struct scenario *s = &f->scenarios[0];
	unsigned reps = f->run.replications;
	for (size_t i = 0; i < n; i++) {
		double x[JU_REPS_MAX];
		int m = metric_find(e[i].metric);
		assert_true(m >= 0);
		ju_run(s, &f->run, reps, m, x);
		struct summary sm;
		stats_summarise(x, reps, &sm);
		print_message("    %-28s theory %9.5f  sim %9.5f  [%9.5f, %9.5f]\n", e[i].metric, e[i].value,
			      sm.mean, sm.ci_low, sm.ci_high);
		assert_true(sm.ci_low <= e[i].value && e[i].value <= sm.ci_high);
	}
	scenario_file_free(f);
}

static void test_mm1_sales(void **state)
{
	(void)state;
	const struct expect e[] = {
		{"sales.wait_mean", 9.0},   {"sales.sojourn_mean", 10.0}, {"sales.queue_mean", 8.1},
		{"sales.wip_mean", 9.0},    {"sales.utilization", 0.9},   {"sales.throughput", 0.9},
	};
	check_config("config/validation/mm1_sales.cfg", e, sizeof e / sizeof e[0]);
}

static void test_mmc_delivery(void **state)
{
	(void)state;
	const struct expect e[] = {
		{"delivery.wait_mean", 1.7156097}, {"delivery.sojourn_mean", 2.8406097},
		{"delivery.queue_mean", 6.8624390}, {"delivery.utilization", 0.9},
		{"delivery.throughput", 4.0},
	};
	check_config("config/validation/mmc_delivery.cfg", e, sizeof e / sizeof e[0]);
}

static void test_mmc_service(void **state)
{
	(void)state;
	const struct expect e[] = {
		{"service.wait_mean", 0.0187350}, {"service.sojourn_mean", 0.1020683},
		{"service.queue_mean", 0.3747002}, {"service.utilization", 20.0 / 36.0},
		{"service.throughput", 20.0},
	};
	check_config("config/validation/mmc_service.cfg", e, sizeof e / sizeof e[0]);
}

static void test_tandem_burke(void **state)
{
	(void)state;
	const struct expect e[] = {
		{"sales.wait_mean", 2.8444444},    {"sales.sojourn_mean", 4.4444444},
		{"delivery.wait_mean", 2.5887640}, {"delivery.sojourn_mean", 4.9887640},
		{"service.wait_mean", 0.5},        {"service.sojourn_mean", 1.0},
		{"journey.time_to_customer", 9.4332085},
	};
	check_config("config/validation/tandem.cfg", e, sizeof e / sizeof e[0]);
}

/* Little's law, L = lambda W, per pool, replication by replication, on the
 * full journey (not a textbook queue): every pool, several presets. */
static void test_little_law(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load("tests/data/model/small.cfg");
	const int base[POOL_COUNT] = {M_SALES_WAIT, M_DELIVERY_WAIT, M_SERVICE_WAIT};
	for (size_t s = 0; s < f->n_scenarios; s++) {
		struct rep_result r;
		struct js_error err = {0};
		assert_int_equal(journey_run(&f->scenarios[s], &f->run, 0, 0, &r, &err), 0);
		for (int p = 0; p < POOL_COUNT; p++) {
			double wip = r.metrics[base[p] + 3], thr = r.metrics[base[p] + 5];
			double sojourn = r.metrics[base[p] + 1];
			/* jobs in the pool at the window's edges make a small boundary error */
			print_message("    %s %s L=%g lambda*W=%g\n", f->scenarios[s].name, pool_names[p], wip, thr * sojourn);
			assert_true(fabs(wip - thr * sojourn) <= 0.03 * wip + 0.05);
		}
		rep_result_fini(&r);
	}
	scenario_file_free(f);
}

/* Every arrival is in exactly one end state or still in the journey. */
static void test_conservation(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load("tests/data/model/small.cfg");
	for (size_t s = 0; s < f->n_scenarios; s++) {
		struct rep_result r;
		struct js_error err = {0};
		assert_int_equal(journey_run(&f->scenarios[s], &f->run, 1, 0, &r, &err), 0);
		double *m = r.metrics;
		double ends = m[M_FLOW_NO_LEAD] + m[M_FLOW_LOST] + m[M_FLOW_DROPPED] + m[M_FLOW_CHURNED] +
			      m[M_FLOW_IN_SYSTEM];
		assert_true(m[M_FLOW_ARRIVED] > 1000);
		assert_true(m[M_FLOW_ARRIVED] == ends);
		assert_true(m[M_FLOW_WINS] >= m[M_FLOW_DELIVERED]);
		rep_result_fini(&r);
	}
	scenario_file_free(f);
}

/* The same inputs give the same numbers, bit for bit; another replication
 * gives other numbers. */
static void test_replication_determinism(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load("tests/data/model/small.cfg");
	struct rep_result a, b, c;
	struct js_error err = {0};
	assert_int_equal(journey_run(&f->scenarios[0], &f->run, 2, 5, &a, &err), 0);
	assert_int_equal(journey_run(&f->scenarios[0], &f->run, 2, 5, &b, &err), 0);
	assert_int_equal(journey_run(&f->scenarios[0], &f->run, 3, 5, &c, &err), 0);
	assert_memory_equal(a.metrics, b.metrics, sizeof a.metrics);
	assert_int_equal(a.n_samples, b.n_samples);
	assert_memory_equal(a.series, b.series, SERIES_COUNT * a.n_samples * sizeof *a.series);
	assert_int_equal(a.trace_len, b.trace_len);
	assert_memory_equal(a.trace, b.trace, a.trace_len);
	assert_true(a.metrics[M_EXPERIENCE] != c.metrics[M_EXPERIENCE]);
	rep_result_fini(&a);
	rep_result_fini(&b);
	rep_result_fini(&c);
	scenario_file_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mm1_sales),     cmocka_unit_test(test_mmc_delivery),
		cmocka_unit_test(test_mmc_service),   cmocka_unit_test(test_tandem_burke),
		cmocka_unit_test(test_little_law),    cmocka_unit_test(test_conservation),
		cmocka_unit_test(test_replication_determinism),
	};
	return cmocka_run_group_tests_name("validation", tests, NULL, NULL);
}
