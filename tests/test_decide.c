/*
 * test_decide.c - `journeysim decide` end to end on tiny configs in
 * tests/data/decide/ (a few seconds in all):
 *
 *   point-mass priors give, replication by replication, the numbers of
 *   `run --reps W*R` (world w, replication r is replication w*R + r), and
 *   the same per-scenario means; --jobs 1 and --jobs 2 the same bytes;
 *   shards 1/2 + 2/2 merged into the bytes of one run (merge knows a decide
 *   folder); a torn journal (a run cut short) resumed into the same bytes;
 *   a resume whose @included priors changed, and a merge of shards of two
 *   decisions, refused; a file without an uncertainty group refused before
 *   anything is written; the replication index of a world (in process).
 */
#include <math.h>

#include "testutil.h"

#include "sweep.h"

static const char *const outputs[] = {"worlds.csv", "results.csv", "summary.csv", "diffs.csv", "decision.csv",
				      "manifest.json"};
#define N_OUTPUTS (sizeof outputs / sizeof outputs[0])

static void assert_same_outputs(const char *a, const char *b)
{
	for (size_t i = 0; i < N_OUTPUTS; i++) {
		char pa[600], pb[600];
		snprintf(pa, sizeof pa, "%s/%s", a, outputs[i]);
		snprintf(pb, sizeof pb, "%s/%s", b, outputs[i]);
		if (!test_same_file(pa, pb))
			fail_msg("%s and %s differ", pa, pb);
	}
}

static void must_decide(const char *cfg, const char *dir, const char *extra)
{
	assert_int_equal(js_run(0, NULL, "decide %s -o %s --no-charts --quiet %s", cfg, dir, extra ? extra : ""), 0);
}

/* The value of a CSV row's last field whose leading fields are key ("siloed,3,margin,"). */
static const char *find_row(const char *text, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, n) == 0)
			return p + n;
	return NULL;
}

static void test_point_mass_equals_run(void **state)
{
	(void)state;
	char d[64], r[64], path[128];
	test_tmpdir(d, sizeof d);
	test_tmpdir(r, sizeof r);
	must_decide("tests/data/decide/point.cfg", d, "--jobs 2");
	assert_int_equal(js_run(0, NULL, "run tests/data/decide/point.cfg --reps 8 -o %s --no-charts --quiet", r), 0);
	snprintf(path, sizeof path, "%s/results.csv", d);
	char *dec = test_read_file(path, NULL);
	snprintf(path, sizeof path, "%s/replications.csv", r);
	char *run = test_read_file(path, NULL);
	snprintf(path, sizeof path, "%s/summary.csv", r);
	char *sum = test_read_file(path, NULL);
	assert_non_null(dec);
	assert_non_null(run);
	assert_non_null(sum);
	const char *scen[] = {"siloed", "customer_council", "cco"};
	const char *met[] = {"margin", "experience.mean", "cost.total", "revenue.total"};
	for (size_t s = 0; s < 3; s++)
		for (size_t m = 0; m < 4; m++) {
			double total = 0;
			for (unsigned w = 0; w < 4; w++)
				for (unsigned k = 0; k < 2; k++) {
					char kd[128], kr[128];
					snprintf(kd, sizeof kd, "%u,%s,%u,%s,", w, scen[s], k + 1, met[m]);
					snprintf(kr, sizeof kr, "%s,%u,%s,", scen[s], w * 2 + k + 1, met[m]);
					const char *a = find_row(dec, kd), *b = find_row(run, kr);
					if (!a || !b)
						fail_msg("row %s or %s missing", kd, kr);
					size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
					if (la != lb || strncmp(a, b, la) != 0)
						fail_msg("decide %s%.*s, run %s%.*s", kd, (int)la, a, kr, (int)lb, b);
					total += strtod(a, NULL);
				}
			/* the per-scenario mean of summary.csv: run's mean over its 8 replications */
			char ks[128];
			snprintf(ks, sizeof ks, "%s,%s,", scen[s], met[m]);
			const char *row = find_row(sum, ks);
			assert_non_null(row);
			const char *mean = strchr(row, ',') + 1; /* after the unit */
			double want = strtod(mean, NULL);
			assert_true(fabs(total / 8 - want) <= 1e-9 * (fabs(want) + 1));
		}
	free(dec);
	free(run);
	free(sum);
	/* point-mass worlds differ only by noise: best in every world, yet never "clearly best" */
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "decide tests/data/decide/point.cfg -o %s --no-charts --resume", d), 0);
	assert_non_null(strstr(out, "warning: "));
	assert_non_null(strstr(out, "but not clearly best"));
	assert_null(strstr(out, "\nclearly best"));
	free(out);
	test_run(NULL, "rm -rf %s %s", d, r);
}

static void test_jobs_same_bytes(void **state)
{
	(void)state;
	char a[64], b[64], pa[128], pb[128];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	must_decide("tests/data/decide/tiny.cfg", a, "--jobs 1");
	must_decide("tests/data/decide/tiny.cfg", b, "--jobs 2");
	assert_same_outputs(a, b);
	snprintf(pa, sizeof pa, "%s/journal", a);
	snprintf(pb, sizeof pb, "%s/journal", b);
	char *j = test_read_file(pa, NULL);
	assert_non_null(j);
	assert_non_null(strstr(j, "\ndesign worlds\n"));
	assert_non_null(strstr(j, "\ndecision "));
	free(j);
	/* worlds really differ: a decision whose worlds were all one would pass the rest */
	snprintf(pa, sizeof pa, "%s/worlds.csv", a);
	char *w = test_read_file(pa, NULL);
	assert_non_null(w);
	assert_non_null(strstr(w, "world,handoff.delay_boundary,handoff.p_loss_boundary\n0,"));
	assert_null(strstr(w, "\n0,1,0.15\n1,1,0.15\n"));
	free(w);
	test_run(NULL, "rm -rf %s %s", a, b);
}

static void test_shards_merge(void **state)
{
	(void)state;
	char one[64], s1[64], s2[64], m[64];
	test_tmpdir(one, sizeof one);
	test_tmpdir(s1, sizeof s1);
	test_tmpdir(s2, sizeof s2);
	test_tmpdir(m, sizeof m);
	must_decide("tests/data/decide/tiny.cfg", one, NULL);
	must_decide("tests/data/decide/tiny.cfg", s1, "--shard 1/2");
	must_decide("tests/data/decide/tiny.cfg", s2, "--shard 2/2");
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "merge -o %s %s %s --no-charts", m, s1, s2), 0);
	assert_non_null(strstr(out, "8 worlds"));
	free(out);
	assert_same_outputs(one, m);
	test_run(NULL, "rm -rf %s %s %s %s", one, s1, s2, m);
}

static void test_resume_torn_journal(void **state)
{
	(void)state;
	char a[64], b[64], path[128];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	must_decide("tests/data/decide/tiny.cfg", a, "--jobs 1");
	must_decide("tests/data/decide/tiny.cfg", b, "--jobs 1");
	/* cut b's journal in the middle of its fourth record: a run killed while writing */
	snprintf(path, sizeof path, "%s/journal", b);
	size_t len = 0;
	char *j = test_read_file(path, &len);
	assert_non_null(j);
	char *rec = strstr(j, "\nR ");
	for (int i = 0; i < 3 && rec; i++)
		rec = strstr(rec + 1, "\nR ");
	assert_non_null(rec);
	assert_int_equal(truncate(path, (off_t)(rec - j) + 20), 0);
	free(j);
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "decide tests/data/decide/tiny.cfg -o %s --no-charts --resume --jobs 2", b), 0);
	assert_non_null(strstr(out, "3 resumed from the journal"));
	free(out);
	assert_same_outputs(a, b);
	test_run(NULL, "rm -rf %s %s", a, b);
}

static void write_priors(const char *dir, const char *max)
{
	char path[128];
	snprintf(path, sizeof path, "%s/priors.cfg", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "uncertainty = { worlds = 4; replications = 1; params = (\n"
		    "  { path = \"handoff.delay_boundary\"; dist = \"uniform\"; min = 0.5; max = %s; }\n); };\n", max);
	fclose(fp);
}

static void test_changed_priors_refused(void **state)
{
	(void)state;
	char t[64], d[64], cfg[128];
	test_tmpdir(t, sizeof t);
	test_tmpdir(d, sizeof d);
	snprintf(cfg, sizeof cfg, "%s/decide.cfg", t);
	assert_int_equal(test_run(NULL, "cp tests/data/decide/included.cfg %s", cfg), 0);
	write_priors(t, "3");
	must_decide(cfg, d, NULL);
	/* the main file is the same bytes: only the decision's hash can tell */
	write_priors(t, "5");
	char *out = NULL;
	assert_int_equal(js_run(65, &out, "decide %s -o %s --no-charts --quiet --resume", cfg, d), 65);
	assert_non_null(strstr(out, "another decision"));
	free(out);
	/* and shards of two decisions do not merge */
	char s1[64], s2[64], m[64];
	test_tmpdir(s1, sizeof s1);
	test_tmpdir(s2, sizeof s2);
	test_tmpdir(m, sizeof m);
	must_decide(cfg, s1, "--shard 1/2");
	write_priors(t, "3");
	must_decide(cfg, s2, "--shard 2/2");
	assert_int_equal(js_run(65, &out, "merge -o %s %s %s --no-charts", m, s1, s2), 65);
	assert_non_null(strstr(out, "another decision"));
	free(out);
	test_run(NULL, "rm -rf %s %s %s %s %s", t, d, s1, s2, m);
}

static void test_no_uncertainty_refused(void **state)
{
	(void)state;
	char t[64], d[128];
	test_tmpdir(t, sizeof t);
	snprintf(d, sizeof d, "%s/out", t);
	char *out = NULL;
	assert_int_equal(js_run(78, &out, "decide tests/data/decide/none.cfg -o %s", d), 78);
	assert_non_null(strstr(out, "tests/data/decide/none.cfg: uncertainty: expected an `uncertainty` group"));
	assert_non_null(strstr(out, "@include \"uncertainty/defaults.cfg\""));
	free(out);
	struct stat sb;
	assert_int_not_equal(stat(d, &sb), 0); /* nothing written */
	test_run(NULL, "rm -rf %s", t);
}

static void test_world_replication(void **state)
{
	(void)state;
	struct sweep_plan p;
	memset(&p, 0, sizeof p);
	p.replications = 4;
	p.design = SWEEP_WORLDS;
	assert_int_equal(sweep_point_replication(&p, 0, 3), 3);
	assert_int_equal(sweep_point_replication(&p, 5, 2), 22);
	p.design = SWEEP_LHS; /* a sweep's points share replications (common random numbers) */
	assert_int_equal(sweep_point_replication(&p, 5, 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_world_replication),
		cmocka_unit_test(test_point_mass_equals_run),
		cmocka_unit_test(test_jobs_same_bytes),
		cmocka_unit_test(test_shards_merge),
		cmocka_unit_test(test_resume_torn_journal),
		cmocka_unit_test(test_changed_priors_refused),
		cmocka_unit_test(test_no_uncertainty_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
