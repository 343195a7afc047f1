/*
 * test_cli_run.c - drives the real journeysim binary (JOURNEYSIM_BIN) on the
 * small, fast config tests/data/cli/small.cfg:
 *   - the same seed gives the same bytes in every output file, except the
 *     fields of run.json that may differ (command_line, created,
 *     wall_time_seconds); --jobs 1 and --jobs 2 give the same bytes; another
 *     seed gives other numbers;
 *   - two identical scenarios: every paired difference is exactly 0;
 *   - exit codes: 64 usage, 66 missing input, 73 unwritable output, 78 bad
 *     config; a failed run leaves an existing output folder byte-identical;
 *   - --help and --version for every command, and every option a help lists
 *     is one the command takes; check's output is accepted by run (and gives
 *     the same numbers); presets and plot;
 *   - progress: a run longer than the progress interval, with stderr not a
 *     terminal, prints plain progress lines with an ETA on stderr; --quiet
 *     prints none. JOURNEYSIM_PROGRESS_SECONDS sets the interval (default 5 s)
 *     so that the test takes a fraction of a second.
 */
#include <dirent.h>

#include "testutil.h"

#define CFG "tests/data/cli/small.cfg"
#define BAD_CFG "tests/data/cli/bad_syntax.cfg"

/* Result files compared byte for byte (trace.csv only with --trace). */
static const char *const result_files[] = {"summary.csv", "diffs.csv", "replications.csv", "timeseries.csv",
					   "distributions.csv", "trace.csv"};
#define N_RESULT_FILES (sizeof result_files / sizeof result_files[0])

/* The run.json fields allowed to differ between two runs of one file and seed. */
static const char *const volatile_fields[] = {"\"command_line\":", "\"created\":", "\"wall_time_seconds\":"};

/* ---- helpers ---- */

static void path_in(char *buf, size_t len, const char *dir, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static int file_exists(const char *dir, const char *name)
{
	char p[512];
	path_in(p, sizeof p, dir, name);
	return access(p, F_OK) == 0;
}


/* Byte-identical files? (testutil.h's test_same_file draws a
 * -Wmaybe-uninitialized false positive from GCC 12 at -O2.) */
static int same_file(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	char *x = test_read_file(a, &la), *y = test_read_file(b, &lb);
	int same = x && y && la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

/* run.json without the fields that may differ between runs. */
static char *stable_manifest(const char *dir)
{
	char p[512];
	path_in(p, sizeof p, dir, "run.json");
	char *text = test_read_file(p, NULL);
	assert_non_null(text);
	char *out = malloc(strlen(text) + 1), *o = out;
	assert_non_null(out);
	for (char *line = text, *nl; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
		int keep = 1;
		for (size_t i = 0; i < sizeof volatile_fields / sizeof volatile_fields[0]; i++)
			if (strstr(line, volatile_fields[i]) && strstr(line, volatile_fields[i]) < line + len)
				keep = 0;
		if (keep) {
			memcpy(o, line, len);
			o += len;
		}
	}
	*o = 0;
	free(text);
	return out;
}

/* Every result file of a and b byte-identical, run.json up to its volatile fields. */
static void assert_same_results(const char *a, const char *b)
{
	char pa[512], pb[512];
	for (size_t i = 0; i < N_RESULT_FILES; i++) {
		int ea = file_exists(a, result_files[i]), eb = file_exists(b, result_files[i]);
		assert_int_equal(ea, eb);
		if (!ea)
			continue;
		path_in(pa, sizeof pa, a, result_files[i]);
		path_in(pb, sizeof pb, b, result_files[i]);
		if (!same_file(pa, pb))
			fail_msg("%s differs between %s and %s", result_files[i], a, b);
	}
	char *ma = stable_manifest(a), *mb = stable_manifest(b);
	assert_string_equal(ma, mb);
	free(ma);
	free(mb);
}

/* Paths and contents of everything in dir (hidden entries too). */
static char *snapshot(const char *dir)
{
	char *out = NULL;
	int rc = test_run(&out, "cd '%s' && find . | LC_ALL=C sort && find . -type f | LC_ALL=C sort | "
				"xargs -r sha256sum", dir);
	assert_int_equal(rc, 0);
	return out;
}

static int has_staging(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int found = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		found |= strncmp(e->d_name, ".staging-", 9) == 0;
	closedir(d);
	return found;
}

static void rm_rf(const char *dir)
{
	assert_int_equal(test_run(NULL, "rm -rf '%s'", dir), 0);
}

/* A fresh results folder of the small config (no charts: quick). */
static void run_small(const char *dir, const char *extra)
{
	assert_int_equal(js_run(0, NULL, "run %s -o %s --no-charts --quiet %s", CFG, dir, extra), 0);
	assert_true(file_exists(dir, "summary.csv"));
	assert_false(has_staging(dir));
}

/* ---- determinism ---- */

static void test_same_seed_same_bytes(void **state)
{
	(void)state;
	char a[64], b[64];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	run_small(a, "--trace 3 --jobs 2");
	run_small(b, "--trace 3 --jobs 2");
	for (size_t i = 0; i < N_RESULT_FILES; i++)
		assert_true(file_exists(a, result_files[i]));
	assert_true(file_exists(a, "run.json"));
	assert_same_results(a, b);
	rm_rf(a);
	rm_rf(b);
}

static void test_jobs_same_bytes(void **state)
{
	(void)state;
	char a[64], b[64];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	run_small(a, "--jobs 1 --trace 2");
	run_small(b, "--jobs 2 --trace 2");
	assert_same_results(a, b);
	rm_rf(a);
	rm_rf(b);
}

/* Adding a scenario changes no other scenario's numbers, and a scenario that
 * differs only by a price gives every traced customer the same events as the
 * baseline (common random numbers per customer, docs/random.md). */
static void test_added_scenario_and_price(void **state)
{
	(void)state;
	char a[64], b[64];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	run_small(a, "--trace 20");
	/* the same file with two more scenarios: a council, and the baseline at another price */
	assert_int_equal(test_run(NULL,
				  "sed 's/^  { name = \"more_sales\".*/&,\\n"
				  "  { name = \"council\"; ownership = \"customer_council\"; },\\n"
				  "  { name = \"dearer\"; ownership = \"siloed\"; company = { sales = { pool = "
				  "{ cost_per_server = 99000.0; }; }; }; }/' %s > %s/more.cfg",
				  CFG, b),
			 0);
	assert_int_equal(js_run(0, NULL, "run %s/more.cfg -o %s/out --no-charts --quiet --trace 20", b, b), 0);
	/* the first three scenarios' rows, byte for byte */
	assert_int_equal(test_run(NULL, "grep -v '^council,\\|^dearer,' %s/out/replications.csv | cmp -s - %s/replications.csv",
				  b, a),
			 0);
	assert_int_equal(test_run(NULL, "grep -v '^council,\\|^dearer,' %s/out/trace.csv | cmp -s - %s/trace.csv", b, a),
			 0);
	/* the dearer baseline: the same traces under another name, another margin */
	assert_int_equal(test_run(NULL,
				  "grep '^siloed,' %s/out/trace.csv | cut -d, -f2- > %s/t1 && "
				  "grep '^dearer,' %s/out/trace.csv | cut -d, -f2- > %s/t2 && "
				  "test $(wc -l < %s/t1) -gt 50 && cmp -s %s/t1 %s/t2",
				  b, b, b, b, b, b, b),
			 0);
	assert_int_equal(test_run(NULL, "grep -q '^dearer,1,margin,' %s/out/replications.csv && "
					"! grep -q \"^dearer,1,margin,$(grep '^siloed,1,margin,' %s/out/replications.csv | cut -d, -f4)$\" "
					"%s/out/replications.csv",
				  b, b, b),
			 0);
	rm_rf(a);
	rm_rf(b);
}

static void test_other_seed_other_numbers(void **state)
{
	(void)state;
	char a[64], b[64], pa[512], pb[512];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	run_small(a, "");
	run_small(b, "--seed 8");
	path_in(pa, sizeof pa, a, "replications.csv");
	path_in(pb, sizeof pb, b, "replications.csv");
	assert_false(same_file(pa, pb));
	char *m = stable_manifest(b);
	assert_non_null(strstr(m, "\"seed\": 8,"));
	free(m);
	rm_rf(a);
	rm_rf(b);
}

/* "twin" is the baseline under another name: with common random numbers
 * every paired difference is exactly 0 (or undefined when the metric has no
 * observation at all). */
static void test_identical_scenarios_zero_diff(void **state)
{
	(void)state;
	char dir[64], p[512];
	test_tmpdir(dir, sizeof dir);
	run_small(dir, "");
	path_in(p, sizeof p, dir, "diffs.csv");
	char *text = test_read_file(p, NULL);
	assert_non_null(text);
	int rows = 0;
	for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (strncmp(line, "twin,siloed,", 12) != 0)
			continue;
		rows++;
		/* metric,unit,mean_diff,ci95_low,ci95_high,n after "twin,siloed," */
		char metric[128], rest[256];
		if (sscanf(line + 12, "%127[^,],%255s", metric, rest) != 2)
			fail_msg("bad row: %s", line);
		const char *tail = strchr(line + 12 + strlen(metric) + 1, ',');
		assert_non_null(tail);
		if (strncmp(tail, ",0,0,0,", 7) != 0 && strcmp(tail, ",,,,0") != 0)
			fail_msg("twin differs from the baseline: %s", line);
	}
	assert_true(rows > 50);
	free(text);
	rm_rf(dir);
}

/* ---- exit codes and untouched folders ---- */

static void test_usage_errors(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js_run(64, NULL, "%s", ""), 64);
	assert_int_equal(js_run(64, NULL, "frobnicate"), 64);
	assert_int_equal(js_run(64, NULL, "--frobnicate"), 64);
	assert_int_equal(js_run(64, NULL, "run"), 64);
	assert_int_equal(js_run(64, NULL, "run %s %s", CFG, CFG), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --bogus", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --reps 0", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --jobs many", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --seed -1", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --horizon 'soon'", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --horizon '5 d' --warmup '10 d'", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o %s --format gif", CFG, dir), 64);
	assert_int_equal(js_run(64, NULL, "run %s -o", CFG), 64);
	assert_int_equal(js_run(64, NULL, "check"), 64);
	assert_int_equal(js_run(64, NULL, "check %s --bogus", CFG), 64);
	assert_int_equal(js_run(64, NULL, "plot"), 64);
	assert_int_equal(js_run(64, NULL, "presets a b"), 64);
	char *out = NULL;
	assert_int_equal(js_run(64, &out, "run %s -o %s --reps 0", CFG, dir), 64);
	assert_non_null(strstr(out, "journeysim: --reps"));
	free(out);
	/* Nothing was written by any of them. */
	char *snap = snapshot(dir);
	assert_string_equal(snap, ".\n");
	free(snap);
	rm_rf(dir);
}

static void test_missing_input(void **state)
{
	(void)state;
	char dir[64], out_dir[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(out_dir, sizeof out_dir, "%s/out", dir);
	char *out = NULL;
	assert_int_equal(js_run(66, &out, "run %s/none.cfg -o %s", dir, out_dir), 66);
	assert_non_null(strstr(out, "journeysim: "));
	free(out);
	assert_int_equal(js_run(66, NULL, "check %s/none.cfg", dir), 66);
	assert_int_equal(js_run(66, NULL, "plot %s/none", dir), 66);
	assert_int_equal(js_run(66, NULL, "plot %s", dir), 66); /* not a results folder */
	assert_int_equal(js_run(66, NULL, "presets no_such_preset"), 66);
	assert_int_equal(access(out_dir, F_OK), -1);
	rm_rf(dir);
}

static void test_unwritable_output(void **state)
{
	(void)state;
	char dir[64], file[128];
	test_tmpdir(dir, sizeof dir);
	/* A folder cannot be made under a regular file (even as root). */
	snprintf(file, sizeof file, "%s/plain", dir);
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	fclose(fp);
	char *out = NULL;
	assert_int_equal(js_run(73, &out, "run %s -o %s/sub --no-charts --quiet", CFG, file), 73);
	assert_non_null(strstr(out, "journeysim: "));
	free(out);
	assert_int_equal(js_run(73, NULL, "run %s -o %s --no-charts --quiet", CFG, file), 73);
	rm_rf(dir);
}

static void test_bad_config_leaves_folder(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	run_small(dir, "--trace 2");
	char *before = snapshot(dir);
	char *out = NULL;
	assert_int_equal(js_run(78, &out, "run %s -o %s --no-charts", BAD_CFG, dir), 78);
	assert_non_null(strstr(out, "bad_syntax.cfg:3"));
	free(out);
	assert_int_equal(js_run(78, NULL, "check %s", BAD_CFG), 78);
	char *after = snapshot(dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	rm_rf(dir);
}

/* A run that fails after simulating (its trace.csv cannot replace the folder
 * of that name in DIR) leaves DIR byte-identical and no staging folder. */
static void test_failed_run_leaves_folder(void **state)
{
	(void)state;
	char dir[64], p[512];
	test_tmpdir(dir, sizeof dir);
	run_small(dir, "--seed 3");
	path_in(p, sizeof p, dir, "trace.csv");
	assert_int_equal(mkdir(p, 0777), 0);
	char *before = snapshot(dir);
	assert_int_equal(js_run(73, NULL, "run %s -o %s --no-charts --quiet --trace 2", CFG, dir), 73);
	char *after = snapshot(dir);
	assert_string_equal(before, after);
	assert_false(has_staging(dir));
	free(before);
	free(after);

	/* A run into a folder that did not exist and failed leaves no folder. */
	char sub[128];
	snprintf(sub, sizeof sub, "%s/new/deeper", dir);
	assert_int_equal(js_run(78, NULL, "run %s -o %s", BAD_CFG, sub), 78);
	path_in(p, sizeof p, dir, "new");
	assert_int_equal(access(p, F_OK), -1);
	rm_rf(dir);
}

/* ---- help, version, check, presets, plot ---- */

static void test_help_and_version(void **state)
{
	(void)state;
	static const char *const commands[] = {"", "run", "check", "presets", "plot"};
	char *out = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		assert_int_equal(js_run(0, &out, "%s --help", commands[i]), 0);
		char want[64];
		snprintf(want, sizeof want, "usage: journeysim %s", commands[i]);
		if (!strstr(out, want))
			fail_msg("'%s --help' printed:\n%s", commands[i], out);
		free(out);
		assert_int_equal(js_run(0, &out, "%s --version", commands[i]), 0);
		assert_string_equal(out, "journeysim " JOURNEYSIM_VERSION "\n");
		free(out);
	}
	/* The top-level help lists every command. */
	assert_int_equal(js_run(0, &out, "-h"), 0);
	for (size_t i = 1; i < sizeof commands / sizeof commands[0]; i++) {
		char want[64];
		snprintf(want, sizeof want, "\n  %s ", commands[i]);
		assert_non_null(strstr(out, want));
	}
	free(out);
}

/* Every option a command's help lists (the help and the parser are made from
 * one table) is accepted: never "unknown option". */
static void test_help_lists_accepted_options(void **state)
{
	(void)state;
	static const char *const commands[] = {"run", "check", "presets", "plot", "sweep", "merge"};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		char *help = NULL;
		assert_int_equal(js_run(0, &help, "%s --help", commands[i]), 0);
		int options = 0;
		for (char *line = strtok(help, "\n"); line; line = strtok(NULL, "\n")) {
			char name[64];
			/* "  -o, --output DIR   ..." or "      --jobs N       ..." */
			if (sscanf(line, " -%*c, --%63[a-z-]", name) != 1 && sscanf(line, " --%63[a-z-]", name) != 1)
				continue;
			options++;
			if (strcmp(name, "help") == 0 || strcmp(name, "version") == 0)
				continue;
			char *out = NULL;
			/* Its value, if it takes one, is missing or wrong: a usage error, not "unknown". */
			test_run(&out, "%s %s --%s </dev/null", test_bin(), commands[i], name);
			if (out && strstr(out, "unknown"))
				fail_msg("'%s --help' lists --%s, which it refuses:\n%s", commands[i], name, out);
			free(out);
		}
		free(help);
		assert_true(options >= 2); /* at least -h and -V */
	}
}

/* ---- progress ---- */

/* Lines of stderr that are progress lines "run: D/T runs (P%), M:SS elapsed, ETA M:SS". */
static int progress_lines(const char *text, int *with_eta)
{
	int n = 0;
	*with_eta = 0;
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		unsigned done, total, pct, m, s;
		char eta[16];
		if (sscanf(p, "run: %u/%u runs (%u%%), %u:%u elapsed, ETA %15s", &done, &total, &pct, &m, &s, eta) ==
		    6) {
			n++;
			assert_true(done <= total);
			*with_eta += strchr(eta, ':') != NULL && strcmp(eta, "--:--") != 0;
		}
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

static void test_progress_not_a_terminal(void **state)
{
	(void)state;
	char dir[64], err_path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(err_path, sizeof err_path, "%s.err", dir);
	/* 18 replications of three years: several tenths of a second, many times the interval */
	const char *slow = "--horizon '3 y' --reps 6 --no-charts";
	assert_int_equal(test_run(NULL, "JOURNEYSIM_PROGRESS_SECONDS=0.01 %s run %s -o %s %s >/dev/null 2>%s",
				  test_bin(), CFG, dir, slow, err_path),
			 0);
	char *err = test_read_file(err_path, NULL);
	assert_non_null(err);
	int with_eta;
	if (progress_lines(err, &with_eta) < 1 || with_eta < 1)
		fail_msg("no progress line with an ETA on stderr:\n%s", err);
	assert_null(strchr(err, '\r')); /* plain lines, not a redrawn one */
	free(err);
	/* --quiet: no line at all */
	assert_int_equal(test_run(NULL, "JOURNEYSIM_PROGRESS_SECONDS=0.01 %s run %s -o %s %s --quiet >/dev/null 2>%s",
				  test_bin(), CFG, dir, slow, err_path),
			 0);
	err = test_read_file(err_path, NULL);
	assert_string_equal(err, "");
	free(err);
	unlink(err_path);
	rm_rf(dir);
}

static void test_check_output_runs(void **state)
{
	(void)state;
	char dir[64], resolved[128], a[128], b[128], pa[512], pb[512];
	test_tmpdir(dir, sizeof dir);
	snprintf(resolved, sizeof resolved, "%s/resolved.cfg", dir);
	assert_int_equal(test_run(NULL, "%s check %s > %s", test_bin(), CFG, resolved), 0);
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	run_small(a, "");
	assert_int_equal(js_run(0, NULL, "run %s -o %s --no-charts --quiet", resolved, b), 0);
	/* The resolved file is the same experiment: the same numbers. */
	path_in(pa, sizeof pa, a, "summary.csv");
	path_in(pb, sizeof pb, b, "summary.csv");
	assert_true(same_file(pa, pb));
	/* And check accepts its own output. */
	assert_int_equal(js_run(0, NULL, "check %s", resolved), 0);
	rm_rf(dir);
}

/* A pool loaded beyond capacity is a warning on stderr, located where its
 * server count was set, from check and from run (the loader keeps the place,
 * the model estimates the load). */
#define BUSY "tests/data/scenario/busy.cfg"
#define BUSY_WARNING BUSY ":7: warning: scenario \"busy\": pool sales has offered load "

static void check_busy_warning(const char *warn)
{
	const char *w = strstr(warn, BUSY_WARNING);
	if (!w)
		fail_msg("no warning for the busy sales pool in: %s", warn);
	assert_non_null(strstr(w, "with 1 server (utilisation >= 1"));
	double load = atof(w + strlen(BUSY_WARNING));
	assert_true(load > 1);
	assert_null(strstr(warn, "\"calm\""));
	assert_null(strstr(warn, "pool delivery"));
}

static void test_capacity_warning(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	const char *presets = "JOURNEYSIM_PRESETS=tests/data/scenario/presets";
	assert_int_equal(test_run(&out, "%s %s check %s 2>&1 >/dev/null", presets, test_bin(), BUSY), 0);
	check_busy_warning(out);
	free(out);
	assert_int_equal(test_run(&out, "%s %s run %s -o %s --reps 1 --horizon 30 --no-charts --quiet", presets,
				  test_bin(), BUSY, dir),
			 0);
	check_busy_warning(out);
	free(out);
	rm_rf(dir);
}

static void test_table_and_quiet(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	char *out = NULL;
	/* stderr is not a terminal here: no progress bar (no carriage return). */
	assert_int_equal(js_run(0, &out, "run %s -o %s --no-charts 2>/dev/null", CFG, dir), 0);
	assert_non_null(strstr(out, "vs baseline"));
	assert_non_null(strstr(out, "effort by cause"));
	assert_null(strchr(out, '\r'));
	/* At most 120 columns (UTF-8 continuation bytes take none). */
	size_t cols = 0;
	for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
		if (*p == '\n')
			cols = 0;
		else if ((*p & 0xC0) != 0x80 && ++cols > 120)
			fail_msg("a line is wider than 120 columns:\n%s", out);
	}
	free(out);
	assert_int_equal(js_run(0, &out, "run %s -o %s --no-charts --quiet 2>/dev/null", CFG, dir), 0);
	assert_string_equal(out, "");
	free(out);
	rm_rf(dir);
}

static void test_presets(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "presets"), 0);
	assert_non_null(strstr(out, "\nsiloed "));
	assert_non_null(strstr(out, "source: "));
	free(out);
	assert_int_equal(js_run(0, &out, "presets siloed"), 0);
	assert_non_null(strstr(out, "name = \"siloed\""));
	free(out);
	assert_int_equal(js_run(64, NULL, "presets ../siloed"), 64);
}

/* Charts: run draws them into DIR/charts and DIR/board.pdf; plot redraws
 * them from the files alone, byte for byte the same. */
static void test_charts_and_plot(void **state)
{
	(void)state;
	char dir[64], keep[64], p[512], q[512];
	test_tmpdir(dir, sizeof dir);
	test_tmpdir(keep, sizeof keep);
	assert_int_equal(js_run(0, NULL, "run %s -o %s --quiet --format pdf,svg --reps 2", CFG, dir), 0);
	assert_true(file_exists(dir, "board.pdf"));
	assert_true(file_exists(dir, "charts"));
	assert_int_equal(test_run(NULL, "cp -r %s/charts %s/board.pdf %s/", dir, dir, keep), 0);
	path_in(p, sizeof p, dir, "board.pdf");
	assert_int_equal(unlink(p), 0);
	assert_int_equal(js_run(0, NULL, "plot %s --format pdf,svg", dir), 0);
	assert_true(file_exists(dir, "board.pdf"));
	assert_false(has_staging(dir));
	/* every chart plot drew is the chart run drew */
	char *list = NULL;
	assert_int_equal(test_run(&list, "cd %s/charts && ls", keep), 0);
	int charts = 0;
	for (char *name = strtok(list, "\n"); name; name = strtok(NULL, "\n"), charts++) {
		snprintf(p, sizeof p, "%s/charts/%s", dir, name);
		snprintf(q, sizeof q, "%s/charts/%s", keep, name);
		if (!same_file(p, q))
			fail_msg("plot drew %s differently from run", name);
	}
	free(list);
	assert_true(charts >= 12); /* six or more charts in two formats */
	snprintf(p, sizeof p, "%s/board.pdf", dir);
	snprintf(q, sizeof q, "%s/board.pdf", keep);
	assert_true(same_file(p, q));
	assert_int_equal(js_run(64, NULL, "plot %s --format gif", dir), 64);
	rm_rf(dir);
	rm_rf(keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_help_lists_accepted_options),
		cmocka_unit_test(test_progress_not_a_terminal),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_missing_input),
		cmocka_unit_test(test_unwritable_output),
		cmocka_unit_test(test_bad_config_leaves_folder),
		cmocka_unit_test(test_failed_run_leaves_folder),
		cmocka_unit_test(test_same_seed_same_bytes),
		cmocka_unit_test(test_jobs_same_bytes),
		cmocka_unit_test(test_other_seed_other_numbers),
		cmocka_unit_test(test_added_scenario_and_price),
		cmocka_unit_test(test_identical_scenarios_zero_diff),
		cmocka_unit_test(test_check_output_runs),
		cmocka_unit_test(test_capacity_warning),
		cmocka_unit_test(test_table_and_quiet),
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_charts_and_plot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
