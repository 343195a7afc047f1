/*
 * test_cli_explain.c - drives `journeysim explain` and `run --explain` (the
 * real binary, JOURNEYSIM_BIN) on tests/data/explain/small.cfg, --no-charts:
 *   - explain.csv's rows: per metric the differing parts in the fixed order,
 *     then interaction and total; the total row is diffs.csv's paired
 *     difference of a plain run, to the byte; the parts add up to it;
 *   - the finding names the largest part whose interval excludes 0;
 *   - --jobs 1 and --jobs 2 give the same bytes (explain.json up to its
 *     volatile fields);
 *   - bad contrasts (unknown scenario, A equal to B, no --contrast, nothing
 *     that differs) exit 64 with a clear message and make no folder;
 *   - run --explain writes the same explain.csv beside the run's files;
 *   - --help, and every option it lists is accepted.
 */
#include <math.h>

#include "testutil.h"

#include "csv.h"

#define CFG "tests/data/explain/small.cfg"


static void rm_rf(const char *dir)
{
	char *out = NULL;
	test_run(&out, "rm -rf '%s'", dir);
	free(out);
}

static void table_load(struct csv_table *t, const char *dir, const char *name)
{
	char p[512];
	struct js_error err;
	snprintf(p, sizeof p, "%s/%s", dir, name);
	if (csv_table_read(t, p, CSV_WHOLE | CSV_ROWS, &err) != 0)
		fail_msg("%s: %s", p, err.msg);
}

static const char *cell(const struct csv_table *t, size_t row, const char *col)
{
	int c = csv_table_column(t, col);
	assert_true(c >= 0);
	return csv_table_get(t, row, c);
}

static const char *const part_order[] = {"stage_owners", "journey_owner", "technology", "systems",
					 "governance", "policy", "company", "interaction", "total"};

static int part_rank(const char *part)
{
	for (int i = 0; i < 9; i++)
		if (strcmp(part_order[i], part) == 0)
			return i;
	fail_msg("unknown part %s", part);
	return -1;
}

static void test_total_is_the_paired_difference(void **state)
{
	(void)state;
	char dir[64], run[600], ex[600];
	test_tmpdir(dir, sizeof dir);
	snprintf(run, sizeof run, "%s/run", dir);
	snprintf(ex, sizeof ex, "%s/ex", dir);
	assert_int_equal(js_run(0, NULL, "run %s -o %s --quiet --no-charts", CFG, run), 0);
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "explain %s --contrast chief_customer_officer-siloed -o %s --no-charts", CFG,
				ex), 0);
	struct csv_table e, d;
	table_load(&e, ex, "explain.csv");
	table_load(&d, run, "diffs.csv");
	static const char *const metrics[] = {"margin", "revenue.total", "cost.total", "experience.mean",
					      "experience.nps"};
	size_t row = 0;
	for (size_t m = 0; m < 5; m++) {
		/* the differing parts in order, the interaction, the total */
		static const char *const want[] = {"journey_owner", "systems", "governance", "interaction", "total"};
		double sum = 0, scale = 0;
		for (size_t k = 0; k < 5; k++, row++) {
			assert_true(row < e.n_rows);
			assert_string_equal(cell(&e, row, "contrast"), "chief_customer_officer-siloed");
			assert_string_equal(cell(&e, row, "metric"), metrics[m]);
			assert_string_equal(cell(&e, row, "part"), want[k]);
			assert_string_equal(cell(&e, row, "n"), "4");
			double v = csv_parse_number(cell(&e, row, "contribution"));
			if (k < 3) {
				sum += v;
				scale += fabs(v);
			}
		}
		size_t total = row - 1;
		double t = csv_parse_number(cell(&e, total, "contribution"));
		if (!(fabs(sum - t) <= 1e-9 * (scale + 1)))
			fail_msg("%s: parts add up to %.17g, total %.17g", metrics[m], sum, t);
		int found = 0;
		for (size_t r = 0; r < d.n_rows; r++)
			if (strcmp(cell(&d, r, "scenario"), "chief_customer_officer") == 0 &&
			    strcmp(cell(&d, r, "metric"), metrics[m]) == 0) {
				assert_string_equal(cell(&d, r, "mean_diff"), cell(&e, total, "contribution"));
				assert_string_equal(cell(&d, r, "ci95_low"), cell(&e, total, "ci95_low"));
				assert_string_equal(cell(&d, r, "ci95_high"), cell(&e, total, "ci95_high"));
				assert_string_equal(cell(&d, r, "n"), cell(&e, total, "n"));
				found = 1;
			}
		assert_true(found);
	}
	assert_int_equal(row, e.n_rows); /* the objective is margin: no row of its own */

	/* the finding: the largest part (on margin) whose interval excludes 0 */
	const char *at = strstr(out, "the largest significant part of chief_customer_officer - siloed on margin is ");
	if (!at)
		fail_msg("no finding in:\n%s", out);
	char named[64];
	assert_int_equal(sscanf(at + strlen("the largest significant part of chief_customer_officer - siloed on "
					    "margin is "), "%63[a-z_]", named), 1);
	double best = 0;
	const char *best_part = "";
	for (size_t r = 0; r < 3; r++) {
		double v = csv_parse_number(cell(&e, r, "contribution"));
		double lo = csv_parse_number(cell(&e, r, "ci95_low")), hi = csv_parse_number(cell(&e, r, "ci95_high"));
		if ((lo > 0 || hi < 0) && fabs(v) > fabs(best)) {
			best = v;
			best_part = cell(&e, r, "part");
		}
	}
	assert_string_equal(named, best_part);
	free(out);
	csv_table_free(&e);
	csv_table_free(&d);

	/* a weighted objective gets a row "objective" per part */
	assert_int_equal(js_run(0, NULL,
				"explain %s --contrast customer_council-siloed -o %s --no-charts --quiet "
				"--objective margin+50000*experience",
				CFG, ex), 0);
	table_load(&e, ex, "explain.csv");
	int objective_rows = 0, last = -1;
	const char *metric = "";
	for (size_t r = 0; r < e.n_rows; r++) {
		if (strcmp(cell(&e, r, "metric"), metric) != 0) {
			metric = cell(&e, r, "metric");
			last = -1;
		}
		int rank = part_rank(cell(&e, r, "part"));
		assert_true(rank > last); /* the fixed order within a metric */
		last = rank;
		objective_rows += strcmp(metric, "objective") == 0;
	}
	assert_int_equal(objective_rows, 4); /* systems, governance, interaction, total */
	csv_table_free(&e);
	rm_rf(dir);
}

/* explain.json without the lines that may differ between runs. */
static char *stable_json(const char *dir)
{
	char p[600];
	snprintf(p, sizeof p, "%s/explain.json", dir);
	char *text = test_read_file(p, NULL);
	assert_non_null(text);
	char *out = calloc(strlen(text) + 1, 1), *o = out;
	static const char *const volatile_fields[] = {"\"command_line\":", "\"created\":", "\"wall_time_seconds\":"};
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		int keep = 1;
		for (size_t i = 0; i < 3; i++)
			keep &= strstr(line, volatile_fields[i]) == NULL;
		if (keep)
			o += sprintf(o, "%s\n", line);
	}
	free(text);
	return out;
}

static void test_jobs_give_the_same_bytes(void **state)
{
	(void)state;
	char dir[64], a[600], b[600], pa[700], pb[700];
	test_tmpdir(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	assert_int_equal(js_run(0, NULL, "explain %s --contrast cxo_service-siloed -o %s --no-charts --quiet --jobs 1",
				CFG, a), 0);
	assert_int_equal(js_run(0, NULL, "explain %s --contrast cxo_service-siloed -o %s --no-charts --quiet --jobs 2",
				CFG, b), 0);
	snprintf(pa, sizeof pa, "%s/explain.csv", a);
	snprintf(pb, sizeof pb, "%s/explain.csv", b);
	assert_true(test_same_file(pa, pb));
	char *ja = stable_json(a), *jb = stable_json(b);
	assert_string_equal(ja, jb);
	assert_non_null(strstr(ja, "\"method\": \"exact\""));
	assert_non_null(strstr(ja, "\"subsets\": 16"));
	free(ja);
	free(jb);
	rm_rf(dir);
}

static void test_bad_contrasts(void **state)
{
	(void)state;
	char dir[64], o[600];
	test_tmpdir(dir, sizeof dir);
	snprintf(o, sizeof o, "%s/never", dir);
	static const struct {
		const char *args, *message;
	} cases[] = {
		{"--contrast ceo-siloed", "explain: --contrast ceo-siloed: expected A-B, two scenarios of"},
		{"--contrast siloed-siloed", "A and B are the same scenario (\"siloed\")"},
		{"--contrast siloed", "there is no '-'"},
		{"", "explain: missing --contrast A-B"},
		{"--contrast twin-siloed", "twin and siloed have the same ownership and company data"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out = NULL;
		assert_int_equal(js_run(64, &out, "explain %s %s -o %s --no-charts", CFG, cases[i].args, o), 64);
		if (!strstr(out, cases[i].message))
			fail_msg("explain %s: expected \"%s\" in:\n%s", cases[i].args, cases[i].message, out);
		free(out);
		assert_int_equal(access(o, F_OK), -1); /* no folder made */
	}
	/* run --explain refuses a bad contrast too */
	char *out = NULL;
	assert_int_equal(js_run(64, &out, "run %s --explain siloed-nope -o %s --no-charts --quiet", CFG, o), 64);
	assert_non_null(strstr(out, "expected A-B"));
	free(out);
	assert_int_equal(access(o, F_OK), -1);
	/* a scenario that moves between models mid-run has no single model's data to split */
	assert_int_equal(js_run(64, &out, "explain config/examples/cco_payback.cfg --contrast move_to_cco-today -o %s "
				       "--no-charts --quiet", o), 64);
	assert_non_null(strstr(out, "got move_to_cco with a transition"));
	free(out);
	assert_int_equal(access(o, F_OK), -1);
	rm_rf(dir);
}

static void test_run_explain(void **state)
{
	(void)state;
	char dir[64], run[600], ex[600], pa[700], pb[700];
	test_tmpdir(dir, sizeof dir);
	snprintf(run, sizeof run, "%s/run", dir);
	snprintf(ex, sizeof ex, "%s/ex", dir);
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "run %s --explain customer_council-siloed -o %s --no-charts", CFG, run), 0);
	assert_non_null(strstr(out, "customer_council - siloed: Shapley decomposition"));
	free(out);
	assert_int_equal(js_run(0, NULL, "explain %s --contrast customer_council-siloed -o %s --no-charts --quiet",
				CFG, ex), 0);
	snprintf(pa, sizeof pa, "%s/explain.csv", run);
	snprintf(pb, sizeof pb, "%s/explain.csv", ex);
	assert_true(test_same_file(pa, pb));
	snprintf(pa, sizeof pa, "%s/summary.csv", run);
	assert_int_equal(access(pa, F_OK), 0);
	snprintf(pa, sizeof pa, "%s/explain.json", run);
	assert_int_equal(access(pa, F_OK), 0);
	rm_rf(dir);
}

static void test_help(void **state)
{
	(void)state;
	char *help = NULL;
	assert_int_equal(js_run(0, &help, "explain --help"), 0);
	assert_non_null(strstr(help, "usage: journeysim explain FILE --contrast A-B"));
	for (char *line = strtok(help, "\n"); line; line = strtok(NULL, "\n")) {
		char name[64];
		if (sscanf(line, " -%*c, --%63[a-z-]", name) != 1 && sscanf(line, " --%63[a-z-]", name) != 1)
			continue;
		if (strcmp(name, "help") == 0 || strcmp(name, "version") == 0)
			continue;
		char *out = NULL;
		test_run(&out, "%s explain --%s </dev/null", test_bin(), name);
		if (out && strstr(out, "unknown"))
			fail_msg("'explain --help' lists --%s, which it refuses:\n%s", name, out);
		free(out);
	}
	free(help);
	assert_int_equal(js_run(0, &help, "--help"), 0);
	assert_non_null(strstr(help, "\n  explain "));
	free(help);
	assert_int_equal(js_run(0, &help, "run --help"), 0);
	assert_non_null(strstr(help, "--explain A-B"));
	free(help);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_total_is_the_paired_difference),
		cmocka_unit_test(test_jobs_give_the_same_bytes),
		cmocka_unit_test(test_bad_contrasts),
		cmocka_unit_test(test_run_explain),
		cmocka_unit_test(test_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
