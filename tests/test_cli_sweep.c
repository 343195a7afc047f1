/*
 * test_cli_sweep.c - `journeysim sweep` and `journeysim merge` end to end, on
 * tiny configs in tests/data/sweep/:
 *
 *   the same bytes for --jobs 1 and --jobs 2; shards (--shard and Slurm's
 *   variables) merged into the bytes of one run; merge refusing a missing,
 *   doubled or foreign shard; a sweep killed with SIGKILL mid-run (and a torn
 *   last journal record) resumed into the bytes of an uninterrupted run; a
 *   journal of a changed config refused; an existing journal without --resume
 *   refused; a second sweep or merge into a folder being written refused with
 *   75 (two real processes); a damaged journal header refused with 65, left
 *   byte for byte; the merged folder's own journal, and no merge into a
 *   folder holding another sweep's; the crossover of a constructed case at its closed-form place; the
 *   tornado ranking a dominant parameter first; Sobol and LHS sweeps with a
 *   sensitivity table; the GNU parallel and Slurm recipes of docs/cluster.md
 *   run as written; usage errors; charts drawn; quiet stderr when not a
 *   terminal for a sweep shorter than the progress interval, and plain
 *   progress lines with an ETA for a longer one (JOURNEYSIM_PROGRESS_SECONDS
 *   sets the interval, 5 s by default, so that the test stays fast), none
 *   with --quiet.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <time.h>

#include "testutil.h"

static const char *const outputs[] = {"points.csv",  "results.csv",     "summary.csv",    "diffs.csv",
				      "manifest.json", "tornado.csv", "sensitivity.csv", "crossovers.csv"};
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

static int sweep(char **out, const char *cfg, const char *dir, const char *extra)
{
	return test_run(out, "%s sweep %s -o %s --no-charts %s", test_bin(), cfg, dir, extra ? extra : "");
}

static void must_sweep(const char *cfg, const char *dir, const char *extra)
{
	char *out = NULL;
	int rc = sweep(&out, cfg, dir, extra);
	if (rc != 0)
		fail_msg("sweep %s %s: exit %d\n%s", cfg, extra ? extra : "", rc, out ? out : "");
	free(out);
}

/* The number of records ("R ...\n") in a journal. */
static int journal_records(const char *dir)
{
	char path[600];
	snprintf(path, sizeof path, "%s/journal", dir);
	char *text = test_read_file(path, NULL);
	int n = 0;
	for (char *p = text; p && (p = strstr(p, "\nR ")); p++)
		n += strchr(p + 1, '\n') != NULL;
	free(text);
	return n;
}

static void test_jobs_same_bytes(void **state)
{
	(void)state;
	char a[64], b[64], *out = NULL;
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	/* stdout only: the progress bar stays off when stderr is not a terminal */
	assert_int_equal(test_run(&out, "%s sweep tests/data/sweep/grid.cfg -o %s --no-charts --jobs 1 2>%s/err",
				  test_bin(), a, b),
			 0);
	assert_non_null(strstr(out, "sweep: 6 points (grid) x 2 scenarios x 3 replications"));
	free(out);
	char err[600];
	snprintf(err, sizeof err, "%s/err", b);
	char *e = test_read_file(err, NULL);
	assert_string_equal(e, "");
	free(e);
	unlink(err);
	must_sweep("tests/data/sweep/grid.cfg", b, "--jobs 2 --quiet");
	assert_same_outputs(a, b);
	char *pts = test_read_file(strcat(strcpy(err, a), "/points.csv"), NULL);
	assert_string_equal(pts, "point,handoff.delay_boundary,sales.pool.servers\n"
				 "0,0.5,2\n1,0.5,3\n2,1,2\n3,1,3\n4,2,2\n5,2,3\n");
	free(pts);
	test_run(NULL, "rm -rf %s %s", a, b);
}

/* A sweep longer than the progress interval, stderr a file: plain lines
 * "sweep: D/T points (P%), M:SS elapsed, ETA M:SS"; with --quiet none. */
static void test_progress_not_a_terminal(void **state)
{
	(void)state;
	char dir[64], err_path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(err_path, sizeof err_path, "%s.err", dir);
	/* grid.cfg on one thread takes about 0.1 s or more: many intervals of 5 ms */
	assert_int_equal(test_run(NULL, "JOURNEYSIM_PROGRESS_SECONDS=0.005 %s sweep tests/data/sweep/grid.cfg -o %s "
				  "--no-charts --jobs 1 >/dev/null 2>%s",
				  test_bin(), dir, err_path),
			 0);
	char *err = test_read_file(err_path, NULL);
	assert_non_null(err);
	int lines = 0;
	for (char *line = strtok(err, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned done, total, pct, m, sec;
		char eta[16];
		if (sscanf(line, "sweep: %u/%u points (%u%%), %u:%u elapsed, ETA %15s", &done, &total, &pct, &m, &sec,
			   eta) != 6)
			fail_msg("not a progress line on stderr: '%s'", line);
		assert_int_equal(total, 6);
		assert_true(done <= total);
		lines++;
	}
	assert_true(lines >= 1);
	free(err);
	/* --quiet: no line */
	test_run(NULL, "rm -rf %s", dir);
	assert_int_equal(test_run(NULL, "JOURNEYSIM_PROGRESS_SECONDS=0.005 %s sweep tests/data/sweep/grid.cfg -o %s "
				  "--no-charts --jobs 1 --quiet >/dev/null 2>%s",
				  test_bin(), dir, err_path),
			 0);
	err = test_read_file(err_path, NULL);
	assert_string_equal(err, "");
	free(err);
	unlink(err_path);
	test_run(NULL, "rm -rf %s", dir);
}

static void test_shards_merge(void **state)
{
	(void)state;
	char whole[64], base[64], *out = NULL;
	test_tmpdir(whole, sizeof whole);
	test_tmpdir(base, sizeof base);
	must_sweep("tests/data/sweep/grid.cfg", whole, "--quiet");
	char dirs[3][128];
	for (int k = 1; k <= 3; k++) {
		char extra[64];
		snprintf(dirs[k - 1], sizeof dirs[k - 1], "%s/shard-%d", base, k);
		snprintf(extra, sizeof extra, "--shard %d/3 --quiet --jobs %d", k, k);
		must_sweep("tests/data/sweep/grid.cfg", dirs[k - 1], extra);
	}
	/* a shard holds only its points, and no analysis */
	char *pts = test_read_file(strcat(strcpy((char[600]){0}, dirs[1]), "/points.csv"), NULL);
	assert_string_equal(pts, "point,handoff.delay_boundary,sales.pool.servers\n1,0.5,3\n4,2,2\n");
	free(pts);
	assert_int_equal(test_run(&out, "%s merge -o %s/merged %s %s %s --no-charts", test_bin(), base, dirs[2],
				  dirs[0], dirs[1]),
			 0);
	free(out);
	char merged[128];
	snprintf(merged, sizeof merged, "%s/merged", base);
	assert_same_outputs(whole, merged);

	/* refusals: a missing shard, a shard twice, a shard of another sweep */
	assert_int_equal(test_run(&out, "%s merge -o %s/m2 %s %s", test_bin(), base, dirs[0], dirs[1]), 65);
	assert_non_null(strstr(out, "shard 3/3 is missing"));
	free(out);
	assert_int_equal(test_run(&out, "%s merge -o %s/m2 %s %s %s", test_bin(), base, dirs[0], dirs[0], dirs[1]),
			 65);
	assert_non_null(strstr(out, "given twice"));
	free(out);
	char foreign[128];
	snprintf(foreign, sizeof foreign, "%s/foreign", base);
	must_sweep("tests/data/sweep/tornado.cfg", foreign, "--shard 3/3 --quiet");
	assert_int_equal(test_run(&out, "%s merge -o %s/m2 %s %s %s", test_bin(), base, dirs[0], dirs[1], foreign),
			 65);
	assert_non_null(strstr(out, "another version of the config"));
	free(out);
	assert_int_equal(test_run(&out, "%s merge -o %s %s", test_bin(), dirs[0], dirs[0]), 64);
	free(out);
	test_run(NULL, "rm -rf %s %s", whole, base);
}

static void test_slurm_array(void **state)
{
	(void)state;
	char a[64], b[64];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	must_sweep("tests/data/sweep/grid.cfg", a, "--shard 2/2 --quiet");
	char *out = NULL;
	assert_int_equal(test_run(&out,
				  "SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=3 "
				  "%s sweep tests/data/sweep/grid.cfg -o %s --no-charts",
				  test_bin(), b),
			 0);
	assert_non_null(strstr(out, "shard 2/2"));
	free(out);
	char pa[600], pb[600];
	snprintf(pa, sizeof pa, "%s/results.csv", a);
	snprintf(pb, sizeof pb, "%s/results.csv", b);
	assert_true(test_same_file(pa, pb));
	/* --shard wins over the environment; a task outside the array is refused */
	assert_int_equal(test_run(&out, "SLURM_ARRAY_TASK_ID=9 SLURM_ARRAY_TASK_COUNT=2 %s sweep "
					"tests/data/sweep/grid.cfg -o %s/x --no-charts",
				  test_bin(), a),
			 64);
	assert_non_null(strstr(out, "SLURM_ARRAY_TASK_ID=9"));
	free(out);
	test_run(NULL, "rm -rf %s %s", a, b);
}

/* Starts a sweep in the background; returns its pid. */
static pid_t sweep_start(const char *cfg, const char *dir)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execl(test_bin(), "journeysim", "sweep", cfg, "-o", dir, "--jobs", "1", "--quiet", "--no-charts",
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void test_kill_and_resume(void **state)
{
	(void)state;
	char whole[64], cut[64], *out = NULL;
	test_tmpdir(whole, sizeof whole);
	test_tmpdir(cut, sizeof cut);
	pid_t pid = sweep_start("tests/data/sweep/slow.cfg", cut);
	/* wait until a few points are journaled (never on wall time alone: poll) */
	struct timespec pause = {0, 2000000};
	int records = 0, status = 0, exited = 0;
	for (int i = 0; i < 15000 && records < 3; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			exited = 1;
			break;
		}
		nanosleep(&pause, NULL);
		records = journal_records(cut);
	}
	if (!exited) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	if (exited || !WIFSIGNALED(status))
		fail_msg("the sweep finished before it could be killed (%d records)", records);
	records = journal_records(cut);
	assert_true(records >= 3 && records < 16);
	/* a crash in the middle of a write leaves a torn last record: ignored, then cut off */
	char path[600];
	snprintf(path, sizeof path, "%s/journal", cut);
	FILE *fp = fopen(path, "ab");
	assert_non_null(fp);
	fputs("R 15;4;-12345.5,7.2", fp);
	fclose(fp);

	/* without --resume the journal is not touched */
	assert_int_equal(sweep(&out, "tests/data/sweep/slow.cfg", cut, "--quiet"), 73);
	assert_non_null(strstr(out, "add --resume"));
	free(out);
	assert_int_equal(sweep(&out, "tests/data/sweep/slow.cfg", cut, "--resume --jobs 2"), 0);
	char want[64];
	snprintf(want, sizeof want, "%d resumed from the journal", records);
	assert_non_null(strstr(out, want));
	free(out);
	assert_int_equal(journal_records(cut), 16);
	must_sweep("tests/data/sweep/slow.cfg", whole, "--quiet --jobs 2");
	assert_same_outputs(whole, cut);
	/* resuming a finished sweep runs nothing and writes the same files again */
	assert_int_equal(sweep(&out, "tests/data/sweep/slow.cfg", cut, "--resume"), 0);
	assert_non_null(strstr(out, "16 resumed"));
	free(out);
	assert_same_outputs(whole, cut);
	test_run(NULL, "rm -rf %s %s", whole, cut);
}

/* What a second writer must not change: every entry of the folder with its
 * size and time, and the journal's bytes. */
static char *folder_state(const char *dir)
{
	char *out = NULL;
	assert_int_equal(test_run(&out, "cd %s && ls -lA --time-style=full-iso && md5sum journal", dir), 0);
	return out;
}

/* Two processes into one folder: the second sweep (with or without --resume)
 * and a merge exit 75 at once, touching nothing; the first, held still
 * meanwhile (SIGSTOP), then finishes into a whole folder. */
static void test_one_writer(void **state)
{
	(void)state;
	char dir[64], whole[64], path[600], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	test_tmpdir(whole, sizeof whole);
	snprintf(path, sizeof path, "%s/journal", dir);
	pid_t pid = sweep_start("tests/data/sweep/slow.cfg", dir);
	/* the journal appears already locked: wait for it, then stop the sweep there */
	struct timespec pause = {0, 1000000};
	int status = 0;
	for (int i = 0; i < 30000 && access(path, F_OK) != 0; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			fail_msg("the first sweep ended (status %d) before its journal appeared", status);
		nanosleep(&pause, NULL);
	}
	kill(pid, SIGSTOP);
	assert_int_equal(waitpid(pid, &status, WUNTRACED), pid);
	if (!WIFSTOPPED(status))
		fail_msg("the first sweep finished before the second one started");
	char *before = folder_state(dir);

	assert_int_equal(sweep(&out, "tests/data/sweep/slow.cfg", dir, "--quiet"), 75);
	assert_non_null(strstr(out, "is in use: another journeysim sweep or merge is writing into it"));
	free(out);
	assert_int_equal(sweep(&out, "tests/data/sweep/slow.cfg", dir, "--resume"), 75);
	assert_non_null(strstr(out, "wait for it to finish, or use another -o folder"));
	free(out);
	must_sweep("tests/data/sweep/slow.cfg", whole, "--quiet --jobs 2");
	assert_int_equal(test_run(&out, "%s merge -o %s %s --no-charts", test_bin(), dir, whole), 75);
	assert_non_null(strstr(out, "is in use"));
	free(out);
	char *after = folder_state(dir);
	assert_string_equal(before, after);
	free(before);
	free(after);

	kill(pid, SIGCONT);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(journal_records(dir), 16);
	assert_same_outputs(whole, dir);
	/* and the folder is whole: resuming runs nothing and gives the same bytes */
	assert_int_equal(sweep(&out, "tests/data/sweep/slow.cfg", dir, "--resume"), 0);
	assert_non_null(strstr(out, "16 resumed from the journal"));
	free(out);
	assert_same_outputs(whole, dir);
	test_run(NULL, "rm -rf %s %s", dir, whole);
}

static void write_bytes(const char *path, const char *bytes, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* One byte of the header changed (or the header cut short): --resume exits
 * 65 with the reason and leaves the journal byte for byte; only a torn last
 * record is dropped. */
static void test_damaged_header(void **state)
{
	(void)state;
	char dir[64], path[600], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	must_sweep("tests/data/sweep/grid.cfg", dir, "--quiet");
	snprintf(path, sizeof path, "%s/journal", dir);
	size_t len = 0, got = 0;
	char *orig = test_read_file(path, &len);
	assert_non_null(orig);
	size_t seed = (size_t)(strstr(orig, "\nseed ") - orig), end = (size_t)(strstr(orig, "\nend ") - orig) + 1;
	/* in the magic, in a field, a line break, in the hash; then cut in the middle of the header */
	const size_t at[] = {3, seed + 6, seed, end + 9, 0};
	const size_t cut[] = {len, len, len, len, end / 2};
	char *bad = malloc(len);
	assert_non_null(bad);
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		memcpy(bad, orig, len);
		if (cut[i] == len)
			bad[at[i]] ^= 0x01;
		write_bytes(path, bad, cut[i]);
		assert_int_equal(sweep(&out, "tests/data/sweep/grid.cfg", dir, "--resume"), 65);
		if (!strstr(out, "journal:") || !strstr(out, "not a valid sweep journal header") ||
		    !strstr(out, cut[i] == len ? (i == 0 ? "does not start with" : "do not match their checksum")
						: "cut short"))
			fail_msg("change %zu: %s", i, out);
		free(out);
		char *now = test_read_file(path, &got);
		assert_true(got == cut[i] && memcmp(now, bad, got) == 0);
		free(now);
	}
	/* a torn last record is cut off, and the sweep resumes */
	memcpy(bad, orig, len);
	write_bytes(path, bad, len);
	FILE *fp = fopen(path, "ab");
	assert_non_null(fp);
	fputs("R 5;2,3;-12345.5,7", fp);
	fclose(fp);
	assert_int_equal(sweep(&out, "tests/data/sweep/grid.cfg", dir, "--resume"), 0);
	assert_non_null(strstr(out, "6 resumed from the journal"));
	free(out);
	char *now = test_read_file(path, &got);
	assert_true(got == len && memcmp(now, orig, len) == 0);
	free(now);
	free(bad);
	free(orig);
	test_run(NULL, "rm -rf %s", dir);
}

/* merge writes the whole sweep's journal into its folder (a sweep folder like
 * one run's), and never merges into a folder holding another sweep's. */
static void test_merge_folder_journal(void **state)
{
	(void)state;
	char whole[64], base[64], s1[128], s2[128], other[128], merged[128], *out = NULL;
	test_tmpdir(whole, sizeof whole);
	test_tmpdir(base, sizeof base);
	snprintf(s1, sizeof s1, "%s/s1", base);
	snprintf(s2, sizeof s2, "%s/s2", base);
	snprintf(other, sizeof other, "%s/other", base);
	snprintf(merged, sizeof merged, "%s/merged", base);
	must_sweep("tests/data/sweep/grid.cfg", whole, "--quiet");
	must_sweep("tests/data/sweep/grid.cfg", s1, "--quiet --shard 1/2");
	must_sweep("tests/data/sweep/grid.cfg", s2, "--quiet --shard 2/2");
	must_sweep("tests/data/sweep/tornado.cfg", other, "--quiet");
	char *before = folder_state(other);
	assert_int_equal(test_run(&out, "%s merge -o %s %s %s --no-charts", test_bin(), other, s1, s2), 65);
	assert_non_null(strstr(out, "/other/journal: written for another version of the config"));
	free(out);
	char *after = folder_state(other);
	assert_string_equal(before, after);
	free(before);
	free(after);

	assert_int_equal(test_run(&out, "%s merge -o %s %s %s --no-charts", test_bin(), merged, s2, s1), 0);
	free(out);
	assert_same_outputs(whole, merged);
	assert_int_equal(journal_records(merged), 6);
	assert_int_equal(sweep(&out, "tests/data/sweep/grid.cfg", merged, "--resume --quiet"), 0);
	free(out);
	assert_int_equal(journal_records(merged), 6);
	assert_same_outputs(whole, merged);
	/* merging again into it adds nothing */
	assert_int_equal(test_run(&out, "%s merge -o %s %s %s --no-charts", test_bin(), merged, s1, s2), 0);
	free(out);
	assert_int_equal(journal_records(merged), 6);
	assert_same_outputs(whole, merged);
	test_run(NULL, "rm -rf %s %s", whole, base);
}

static void test_changed_config_refused(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	char cfg[128];
	snprintf(cfg, sizeof cfg, "%s/grid.cfg", dir);
	assert_int_equal(test_run(NULL, "cp tests/data/sweep/grid.cfg %s", cfg), 0);
	char run_dir[128];
	snprintf(run_dir, sizeof run_dir, "%s/out", dir);
	must_sweep(cfg, run_dir, "--quiet");
	/* one more replication: another config */
	assert_int_equal(test_run(NULL, "sed -i 's/replications = 3;/replications = 4;/' %s", cfg), 0);
	assert_int_equal(sweep(&out, cfg, run_dir, "--resume"), 65);
	assert_non_null(strstr(out, "written for another version of the config"));
	free(out);
	/* another shard of the same config is refused too */
	assert_int_equal(test_run(NULL, "sed -i 's/replications = 4;/replications = 3;/' %s", cfg), 0);
	assert_int_equal(sweep(&out, cfg, run_dir, "--resume --shard 1/2"), 65);
	assert_non_null(strstr(out, "written for shard 1/1, this run is shard 1/2"));
	free(out);
	/* and the original config resumes fine */
	assert_int_equal(sweep(&out, cfg, run_dir, "--resume --quiet"), 0);
	free(out);
	test_run(NULL, "rm -rf %s", dir);
}

/* Reads the field `col` (0-based) of the first CSV row whose first fields
 * start with `prefix`. */
static double csv_value(const char *path, const char *prefix, int col)
{
	char *text = test_read_file(path, NULL);
	assert_non_null(text);
	char *line = strstr(text, prefix);
	if (!line)
		fail_msg("%s: no row %s", path, prefix);
	const char *p = line;
	for (int c = 0; c < col; c++) {
		p = strchr(p, ',');
		assert_non_null(p);
		p++;
	}
	double v = strtod(p, NULL);
	free(text);
	return v;
}

static void test_crossover_closed_form(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(sweep(&out, "tests/data/sweep/crossover.cfg", dir, ""), 0);
	/* named by the labels of metrics.h and the schema (issue 13) */
	assert_non_null(strstr(out, "chief_customer_officer beats siloed on Cost once "
				    "Cost of a boundary crossing exceeds"));
	free(out);
	/* d(c) = a + b c from one point (c = 1000, point 1) of diffs.csv */
	char diffs[128], cross[128];
	snprintf(diffs, sizeof diffs, "%s/diffs.csv", dir);
	snprintf(cross, sizeof cross, "%s/crossovers.csv", dir);
	double total = csv_value(diffs, "\n1,chief_customer_officer,siloed,cost.total,", 5);
	double coord = csv_value(diffs, "\n1,chief_customer_officer,siloed,cost.coordination,", 5);
	double b = coord / 1000, a = total - coord, cstar = -a / b;
	assert_true(cstar > 4000 && cstar < 16000); /* inside the sweep, between two points */
	double at = csv_value(cross, "\nhandoff.cost_per_crossing,cost.total,chief_customer_officer,siloed,", 4);
	if (!(fabs(at - cstar) <= 1e-6 * cstar))
		fail_msg("crossover at %.17g, closed form %.17g", at, cstar);
	double lo = csv_value(cross, "\nhandoff.cost_per_crossing,cost.total,", 5);
	double hi = csv_value(cross, "\nhandoff.cost_per_crossing,cost.total,", 6);
	assert_true(lo < at && at < hi);
	char *text = test_read_file(cross, NULL);
	assert_non_null(strstr(text, ",scenario_better_above\n"));
	/* cost.coordination is 0 at c = 0 and falls: no sign change, no crossover */
	assert_null(strstr(text, "cost.coordination"));
	free(text);
	test_run(NULL, "rm -rf %s", dir);
}

static void test_tornado_dominant_first(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(sweep(&out, "tests/data/sweep/tornado.cfg", dir, ""), 0);
	assert_non_null(strstr(out, "siloed, Cost: Cost of a boundary crossing matters most"));
	free(out);
	char path[128];
	snprintf(path, sizeof path, "%s/tornado.csv", dir);
	char *text = test_read_file(path, NULL);
	assert_non_null(strstr(text, "\nsiloed,cost.total,handoff.cost_per_crossing,0,20000,"));
	assert_non_null(strstr(text, "\nchief_customer_officer,cost.total,handoff.cost_per_crossing,0,20000,"));
	/* rank 1 is the first row of each block, and ranks run 1..3 */
	assert_true(csv_value(path, "\nsiloed,cost.total,handoff.cost_per_crossing,", 13) == 1);
	assert_true(csv_value(path, "\nsiloed,cost.total,experience.fast,", 13) == 3);
	assert_true(csv_value(path, "\nsiloed,experience.mean,experience.fast,", 13) == 1);
	free(text);
	/* oat points: the base, then low and high of each parameter */
	snprintf(path, sizeof path, "%s/points.csv", dir);
	text = test_read_file(path, NULL);
	assert_string_equal(text, "point,marketing.cost_per_prospect,experience.fast,handoff.cost_per_crossing\n"
				  "0,2,0.2,25\n1,1,0.2,25\n2,3,0.2,25\n3,2,0,25\n4,2,1,25\n5,2,0.2,0\n6,2,0.2,20000\n");
	free(text);
	test_run(NULL, "rm -rf %s", dir);
}

static void test_sampling_designs(void **state)
{
	(void)state;
	char dir[64], cfg[128], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	const char *designs[] = {"sobol", "lhs"};
	for (int d = 0; d < 2; d++) {
		snprintf(cfg, sizeof cfg, "%s/%s.cfg", dir, designs[d]);
		/* the grid config with its sweep group replaced */
		char *text = test_read_file("tests/data/sweep/grid.cfg", NULL);
		assert_non_null(text);
		char *group = strstr(text, "\nsweep = {");
		assert_non_null(group);
		FILE *fp = fopen(cfg, "w");
		assert_non_null(fp);
		fprintf(fp, "%.*s\nsweep = {\n  design = \"%s\"; points = 24; replications = 2;\n"
			    "  metrics = [\"cost.total\", \"experience.mean\"];\n  parameters = (\n"
			    "    { path = \"handoff.cost_per_crossing\"; low = 0.0; high = 5000.0; },\n"
			    "    { path = \"sales.pool.servers\"; low = 2; high = 4; }\n  );\n};\n",
			(int)(group - text), text, designs[d]);
		fclose(fp);
		free(text);
		char a[128], b[128];
		snprintf(a, sizeof a, "%s/%s-1", dir, designs[d]);
		snprintf(b, sizeof b, "%s/%s-2", dir, designs[d]);
		must_sweep(cfg, a, "--jobs 1 --quiet");
		must_sweep(cfg, b, "--jobs 2 --quiet");
		assert_same_outputs(a, b);
		char path[160];
		snprintf(path, sizeof path, "%s/sensitivity.csv", a);
		/* cost per crossing drives cost.total: a large positive coefficient, a good fit */
		double src = csv_value(path, "\nsiloed,cost.total,handoff.cost_per_crossing,", 3);
		double r2 = csv_value(path, "\nsiloed,cost.total,handoff.cost_per_crossing,", 6);
		assert_true(src > 0.5 && r2 > 0.5);
		snprintf(path, sizeof path, "%s/points.csv", a);
		text = test_read_file(path, NULL);
		assert_non_null(text);
		/* whole servers only: the last field of every row */
		int rows = 0;
		for (char *p = strchr(text, '\n'); p && p[1]; p = strchr(p + 1, '\n'), rows++) {
			char *eol = strchr(p + 1, '\n');
			*eol = 0;
			double s = strtod(strrchr(p + 1, ',') + 1, NULL);
			*eol = '\n';
			assert_true(s == floor(s) && s >= 2 && s <= 4);
		}
		assert_int_equal(rows, 24);
		free(text);
	}
	assert_int_equal(test_run(&out, "%s sweep %s -o %s/x --no-charts --shard 1/2", test_bin(), cfg, dir), 0);
	free(out);
	test_run(NULL, "rm -rf %s", dir);
}

/* The shell block after <!-- recipe:NAME --> in docs/cluster.md. */
static char *recipe(const char *name)
{
	char *doc = test_read_file("docs/cluster.md", NULL), marker[64];
	assert_non_null(doc);
	snprintf(marker, sizeof marker, "<!-- recipe:%s -->\n```sh\n", name);
	char *start = strstr(doc, marker);
	if (!start)
		fail_msg("docs/cluster.md: no %s recipe", name);
	start += strlen(marker);
	char *end = strstr(start, "```\n");
	assert_non_null(end);
	char *block = strndup(start, (size_t)(end - start));
	free(doc);
	return block;
}

/* A folder for PATH with `journeysim` (the binary under test) and an
 * `srun` that runs its arguments (no Slurm here). */
static void bin_dir(const char *dir)
{
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	const char *bin = test_bin();
	assert_int_equal(test_run(NULL,
				  "mkdir -p %s/bin && ln -sf %s%s%s %s/bin/journeysim && "
				  "printf '#!/bin/sh\\nexec \"$@\"\\n' > %s/bin/srun && chmod +x %s/bin/srun",
				  dir, bin[0] == '/' ? "" : cwd, bin[0] == '/' ? "" : "/", bin, dir, dir, dir),
			 0);
}

/* The grid sweep run whole into DIR/whole gives the same files as the shards
 * merged into DIR/MERGED; then DIR goes. */
static void assert_merged_is_one_run(const char *dir, const char *merged_rel)
{
	char whole[128], merged[128];
	snprintf(whole, sizeof whole, "%s/whole", dir);
	snprintf(merged, sizeof merged, "%s/%s", dir, merged_rel);
	must_sweep("tests/data/sweep/grid.cfg", whole, "--quiet");
	assert_same_outputs(whole, merged);
	test_run(NULL, "rm -rf %s", dir);
}

static void test_parallel_recipe(void **state)
{
	(void)state;
	if (test_run(NULL, "parallel --version | grep -q 'GNU parallel'") != 0)
		skip(); /* make test installs Debian's parallel */
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	bin_dir(dir);
	char *block = recipe("parallel"), script[128];
	snprintf(script, sizeof script, "%s/recipe.sh", dir);
	FILE *fp = fopen(script, "w");
	assert_non_null(fp);
	fputs(block, fp);
	fclose(fp);
	free(block);
	int rc = test_run(&out, "PATH=%s/bin:$PATH CONFIG=tests/data/sweep/grid.cfg OUT=%s/out N=2 sh -e %s", dir, dir,
			  script);
	if (rc != 0)
		fail_msg("the parallel recipe failed (%d):\n%s", rc, out);
	free(out);
	assert_merged_is_one_run(dir, "out/merged");
}

static void test_sbatch_recipe(void **state)
{
	(void)state;
	if (test_run(NULL, "command -v bash") != 0)
		skip();
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	bin_dir(dir);
	char *block = recipe("sbatch"), script[128];
	snprintf(script, sizeof script, "%s/sweep.sbatch", dir);
	FILE *fp = fopen(script, "w");
	assert_non_null(fp);
	fputs(block, fp);
	fclose(fp);
	free(block);
	/* a simulated array of two tasks, --array=1-2: srun is a plain call here */
	for (int task = 1; task <= 2; task++) {
		int rc = test_run(&out,
				  "PATH=%s/bin:$PATH "
				  "CONFIG=tests/data/sweep/grid.cfg OUT=%s/out SLURM_ARRAY_TASK_ID=%d "
				  "SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=1 SLURM_CPUS_PER_TASK=%d bash %s",
				  dir, dir, task, task, script);
		if (rc != 0)
			fail_msg("the sbatch script failed for task %d (%d):\n%s", task, rc, out);
		free(out);
	}
	/* a resubmitted task with SHARDS given explicitly */
	assert_int_equal(test_run(&out,
				  "PATH=%s/bin:$PATH CONFIG=tests/data/sweep/grid.cfg "
				  "OUT=%s/out SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=1 SLURM_ARRAY_TASK_MIN=2 SHARDS=2 "
				  "bash %s",
				  dir, dir, script),
			 0);
	free(out);
	assert_int_equal(test_run(&out, "%s merge -o %s/merged %s/out/shard-1 %s/out/shard-2 --no-charts", test_bin(),
				  dir, dir, dir),
			 0);
	free(out);
	assert_merged_is_one_run(dir, "merged");
}

static void test_usage_errors(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(test_run(&out, "%s sweep tests/data/sweep/grid.cfg --shard 3/2", test_bin()), 64);
	assert_non_null(strstr(out, "--shard: expected K/N"));
	free(out);
	assert_int_equal(test_run(&out, "%s sweep", test_bin()), 64);
	free(out);
	assert_int_equal(test_run(&out, "%s sweep tests/data/sweep/no_such.cfg -o /tmp/x", test_bin()), 66);
	free(out);
	assert_int_equal(test_run(&out, "%s merge /tmp", test_bin()), 64);
	assert_non_null(strstr(out, "-o DIR"));
	free(out);
	assert_int_equal(test_run(&out, "%s merge -o /tmp/journeysim-nothing /nonexistent", test_bin()), 66);
	free(out);
	assert_int_equal(test_run(&out, "%s sweep --help", test_bin()), 0);
	assert_non_null(strstr(out, "--resume"));
	free(out);
	/* a bad sweep group: file:line, and no folder made */
	assert_int_equal(test_run(&out, "%s sweep tests/data/sweep/bad/unknown_path.cfg -o /tmp/journeysim-never",
				  test_bin()),
			 78);
	assert_non_null(strstr(out, "tests/data/sweep/bad/unknown_path.cfg:9: sweep.parameters[1].path:"));
	free(out);
	assert_int_equal(access("/tmp/journeysim-never", F_OK), -1);
}

static void test_charts_drawn(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	int rc = test_run(&out, "%s sweep tests/data/sweep/grid.cfg -o %s --quiet", test_bin(), dir);
	if (rc != 0)
		fail_msg("sweep with charts: exit %d\n%s", rc, out);
	free(out);
	assert_int_equal(test_run(NULL, "ls %s/charts/*.png %s/charts/*.pdf", dir, dir), 0);
	test_run(NULL, "rm -rf %s", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jobs_same_bytes),
		cmocka_unit_test(test_progress_not_a_terminal),
		cmocka_unit_test(test_shards_merge),
		cmocka_unit_test(test_slurm_array),
		cmocka_unit_test(test_kill_and_resume),
		cmocka_unit_test(test_one_writer),
		cmocka_unit_test(test_damaged_header),
		cmocka_unit_test(test_merge_folder_journal),
		cmocka_unit_test(test_changed_config_refused),
		cmocka_unit_test(test_crossover_closed_form),
		cmocka_unit_test(test_tornado_dominant_first),
		cmocka_unit_test(test_sampling_designs),
		cmocka_unit_test(test_parallel_recipe),
		cmocka_unit_test(test_sbatch_recipe),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_charts_drawn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
