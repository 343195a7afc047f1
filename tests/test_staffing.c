/*
 * test_staffing.c - issue 16: staffing rules (sim/experiment/staffing.c),
 * driven through `journeysim run` on constructed companies
 * (tests/data/staffing/): the service-level rule agrees with Erlang C on
 * M/M/c, cost_optimal finds the optimum that running every count gives,
 * longer handle times get more staff, an unreachable target is refused, the
 * choice does not depend on --jobs; and the pool's wait percentiles and
 * service level against exact order statistics.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "csv.h"
#include "pool.h"
#include "sim.h"

#define DATA "tests/data/staffing/"


/* Column col of the row of DIR/NAME whose column key_col is key (and, when
 * key2 is not NULL, whose column key2_col is key2); NULL-safe copy in buf. */
static const char *table_cell(const char *dir, const char *name, const char *key_col, const char *key,
			      const char *key2_col, const char *key2, const char *col, char *buf, size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	struct csv_table t;
	struct js_error err;
	js_error_clear(&err);
	assert_int_equal(csv_table_read(&t, path, 0, &err), 0);
	int ck = csv_table_column(&t, key_col), cv = csv_table_column(&t, col);
	int ck2 = key2_col ? csv_table_column(&t, key2_col) : -1;
	assert_true(ck >= 0 && cv >= 0);
	buf[0] = 0;
	for (size_t r = 0; r < t.n_rows; r++)
		if (strcmp(csv_table_get(&t, r, ck), key) == 0 &&
		    (!key2_col || strcmp(csv_table_get(&t, r, ck2), key2) == 0))
			snprintf(buf, len, "%s", csv_table_get(&t, r, cv));
	csv_table_free(&t);
	return buf;
}

static double summary_mean(const char *dir, const char *scenario, const char *metric)
{
	char buf[64];
	table_cell(dir, "summary.csv", "scenario", scenario, "metric", metric, "mean", buf, sizeof buf);
	return buf[0] ? atof(buf) : NAN;
}

static unsigned chosen(const char *dir, const char *scenario, const char *pool)
{
	char buf[64];
	table_cell(dir, "staffing.csv", "scenario", scenario, "pool", pool, "servers", buf, sizeof buf);
	assert_true(buf[0] != 0);
	return (unsigned)atoi(buf);
}

/* Erlang C computed here, independently of the simulator: P(wait > 0) in
 * M/M/c with offered load a, then P(wait < t) = 1 - C e^{-(c - a) t / E[S]}. */
static double erlang_c(unsigned c, double a)
{
	double sum = 0, term = 1; /* term = a^k / k! */
	for (unsigned k = 0; k < c; k++) {
		sum += term;
		term *= a / (k + 1);
	}
	double top = term * c / (c - a); /* a^c / c! * c / (c - a) */
	return top / (sum + top);
}

static unsigned erlang_servers(double lambda, double es, double within, double share)
{
	double a = lambda * es;
	for (unsigned c = (unsigned)a + 1;; c++)
		if (1 - erlang_c(c, a) * exp(-(c - a) * within / es) >= share)
			return c;
}

static void test_erlang_c_agreement(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	char *out = NULL;
	int rc = js(&out, "run " DATA "erlang.cfg -o %s --quiet --no-charts", dir);
	assert_int_equal(rc, 0);
	free(out);
	/* 20 contacts a day, 2 h each */
	unsigned ten = erlang_servers(20, 2.0 / 24, 10.0 / 1440, 0.85);
	unsigned twenty = erlang_servers(20, 2.0 / 24, 20.0 / 1440, 0.95);
	assert_int_equal(ten, 4);
	assert_int_equal(twenty, 5);
	assert_int_equal(chosen(dir, "ten_minutes", "service"), ten);
	assert_int_equal(chosen(dir, "twenty_minutes", "service"), twenty);
	/* the reported run uses them, and meets the target */
	assert_true(summary_mean(dir, "ten_minutes", "service.servers") == ten);
	assert_true(summary_mean(dir, "ten_minutes", "service.service_level") >= 0.85);
	assert_true(summary_mean(dir, "twenty_minutes", "service.service_level") >= 0.95);
	/* and the simulated level agrees with the formula at the choice */
	double a = 20 * 2.0 / 24;
	assert_true(fabs(summary_mean(dir, "ten_minutes", "service.service_level") -
			 (1 - erlang_c(4, a) * exp(-(4 - a) * (10.0 / 1440) / (2.0 / 24)))) < 0.02);
	assert_int_equal(test_run(NULL, "rm -rf %s", dir), 0);
}

static void test_cost_optimal_known_optimum(void **state)
{
	(void)state;
	char dir[64], fixed[64];
	test_tmpdir(dir, sizeof dir);
	test_tmpdir(fixed, sizeof fixed);
	assert_int_equal(js(NULL, "run " DATA "cost.cfg -o %s --quiet --no-charts", dir), 0);
	assert_int_equal(js(NULL, "run " DATA "cost_fixed.cfg -o %s --quiet --no-charts", fixed), 0);
	/* the optimum of margin over every count, found here */
	unsigned best = 0;
	double best_margin = -INFINITY;
	for (unsigned c = 11; c <= 19; c++) {
		char name[16];
		snprintf(name, sizeof name, "c%u", c);
		double m = summary_mean(fixed, name, "margin");
		if (m > best_margin) {
			best_margin = m;
			best = c;
		}
	}
	assert_true(best > 11 && best < 19); /* an interior optimum: both sides matter */
	assert_int_equal(chosen(dir, "optimal", "sales"), best);
	/* the same customers: the chosen run is the fixed run at that count, exactly */
	assert_true(summary_mean(dir, "optimal", "margin") == best_margin);
	assert_true(summary_mean(dir, "optimal", "cost.staff.sales") == best * 400000.0);
	assert_int_equal(test_run(NULL, "rm -rf %s %s", dir, fixed), 0);
}

static void test_longer_handle_times_more_staff(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js(NULL, "run " DATA "handle.cfg -o %s --quiet --no-charts", dir), 0);
	unsigned s = chosen(dir, "short", "service"), l = chosen(dir, "long", "service");
	assert_true(l > s);
	assert_true(summary_mean(dir, "long", "service.service_level") >= 0.8);
	assert_true(summary_mean(dir, "long", "cost.staff.service") >= summary_mean(dir, "short", "cost.staff.service"));
	assert_int_equal(test_run(NULL, "rm -rf %s", dir), 0);
}

static void test_unreachable_refused(void **state)
{
	(void)state;
	char dir[64], out_dir[80];
	test_tmpdir(dir, sizeof dir);
	snprintf(out_dir, sizeof out_dir, "%s/out", dir);
	char *out = NULL;
	int rc = js(&out, "run " DATA "unreachable.cfg -o %s --quiet --no-charts", out_dir);
	assert_int_equal(rc, 78);
	assert_non_null(out);
	assert_non_null(strstr(out, DATA "unreachable.cfg:13: scenario \"tight\": service.pool.staffing:"));
	assert_non_null(strstr(out, "contact centre cannot reach its service level"));
	assert_non_null(strstr(out, "at most 3 seats"));
	free(out);
	char path[160];
	snprintf(path, sizeof path, "%s/summary.csv", out_dir);
	FILE *fp = fopen(path, "r");
	assert_null(fp); /* refused before any output */
	if (fp)
		fclose(fp);
	assert_int_equal(test_run(NULL, "rm -rf %s", dir), 0);
}

static void test_jobs_identical(void **state)
{
	(void)state;
	const char *files[] = {"staffing.csv", "summary.csv", "diffs.csv", "replications.csv"};
	const char *cfgs[] = {DATA "cost.cfg", DATA "handle.cfg"};
	for (size_t k = 0; k < 2; k++) {
		char a[64], b[64];
		test_tmpdir(a, sizeof a);
		test_tmpdir(b, sizeof b);
		assert_int_equal(js(NULL, "run %s -o %s --quiet --no-charts --jobs 1", cfgs[k], a), 0);
		assert_int_equal(js(NULL, "run %s -o %s --quiet --no-charts --jobs 3", cfgs[k], b), 0);
		for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
			char pa[128], pb[128];
			snprintf(pa, sizeof pa, "%s/%s", a, files[i]);
			snprintf(pb, sizeof pb, "%s/%s", b, files[i]);
			assert_true(test_same_file(pa, pb));
		}
		assert_int_equal(test_run(NULL, "rm -rf %s %s", a, b), 0);
	}
}

/* A fixed rule reports its servers and a service level, and writes no staffing.csv. */
static void test_fixed_reports(void **state)
{
	(void)state;
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js(NULL, "run " DATA "cost_fixed.cfg -o %s --quiet --no-charts", dir), 0);
	assert_true(summary_mean(dir, "c13", "sales.servers") == 13);
	double sl = summary_mean(dir, "c13", "sales.service_level");
	assert_true(sl > 0 && sl <= 1);
	assert_true(summary_mean(dir, "c13", "sales.wait_p50") <= summary_mean(dir, "c13", "sales.wait_p90"));
	assert_true(summary_mean(dir, "c13", "sales.wait_p90") <= summary_mean(dir, "c13", "sales.wait_p95"));
	snprintf(path, sizeof path, "%s/staffing.csv", dir);
	FILE *fp = fopen(path, "r");
	assert_null(fp);
	if (fp)
		fclose(fp);
	assert_int_equal(test_run(NULL, "rm -rf %s", dir), 0);
}

/* ---- the pool's percentiles and service level, against exact values ---- */

static void noop_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	(void)sim;
	(void)pool;
	(void)ticket;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void arrive(struct sim *sim, void *pool, void *ticket)
{
	pool_request(sim, pool, ticket);
}

/* One server, jobs arriving at 0, 0.01, 0.02, ... each taking 0.013 days:
 * waits grow linearly (0, 0.003, 0.006, ...), so the exact quantiles are
 * known; the histogram's must be within its resolution (4%). */
static void test_pool_percentiles(void **state)
{
	(void)state;
	enum { N = 400 };
	struct sim sim;
	assert_int_equal(sim_init(&sim), 0);
	struct pool pool;
	assert_int_equal(pool_init(&pool, "p", 1, noop_done, NULL), 0);
	pool.target = 0.2995; /* between the waits 0.297 and 0.3 */
	static struct pool_ticket t[N];
	double waits[N];
	for (int i = 0; i < N; i++) {
		memset(&t[i], 0, sizeof t[i]);
		t[i].service = 0.013;
		waits[i] = i * 0.003;
		sim_event_schedule_at(&sim, i * 0.01, arrive, &pool, &t[i]);
	}
	assert_int_equal(sim_run(&sim), 0);
	qsort(waits, N, sizeof waits[0], cmp_double);
	const double qs[3] = {0.5, 0.9, 0.95};
	for (int k = 0; k < 3; k++) {
		double exact = waits[(int)ceil(qs[k] * N) - 1];
		double est = pool_wait_quantile(&pool, qs[k]);
		assert_true(fabs(est - exact) <= 0.04 * exact + 0.003);
	}
	/* waits below the target: i * 0.003 < 0.2995, i < 100 */
	assert_true(fabs(pool_service_level(&pool, sim.now) - 100.0 / N) < 1e-12);
	pool_fini(&pool);
	sim_fini(&sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_erlang_c_agreement),     cmocka_unit_test(test_cost_optimal_known_optimum),
		cmocka_unit_test(test_longer_handle_times_more_staff), cmocka_unit_test(test_unreachable_refused),
		cmocka_unit_test(test_jobs_identical),         cmocka_unit_test(test_fixed_reports),
		cmocka_unit_test(test_pool_percentiles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
