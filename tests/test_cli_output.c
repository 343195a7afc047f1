/*
 * test_cli_output.c - drives the real journeysim binary (JOURNEYSIM_BIN) on
 * what it writes and reads back:
 *   - a commit that cannot complete (a subfolder or a file of DIR that cannot
 *     be replaced, made real with the immutable attribute, which stops root
 *     too) exits 73 and leaves DIR byte-identical, for `run` and `plot`;
 *   - strings with quotes, backslashes and tabs are escaped in run.json, and
 *     bytes that are not UTF-8 become U+FFFD;
 *   - `plot` refuses a damaged folder (a table cut in the middle of a line or
 *     to its header, rows of the wrong width, text in a number column) with
 *     exit 65 and file:line, and writes nothing.
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>

#include "testutil.h"

#include "json.h"

#define CFG "tests/data/cli/small.cfg"
#define SWEEP_FIXTURE "tests/data/sweep-1d"

/* ---- helpers ---- */


/* Paths and contents of everything in dir (hidden entries too). */
static char *snapshot(const char *dir)
{
	char *out = NULL;
	int rc = test_run(&out, "cd '%s' && find . | LC_ALL=C sort && find . -type f | LC_ALL=C sort | "
				"xargs -r sha256sum", dir);
	assert_int_equal(rc, 0);
	return out;
}

static void rm_rf(const char *dir)
{
	assert_int_equal(test_run(NULL, "rm -rf '%s'", dir), 0);
}

/* Sets or clears the immutable attribute: nobody, root included, may then
 * rename, replace or write the entry. 0, or -1 where the file system or the
 * user may not. */
static int set_immutable(const char *path, int on)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int flags = 0, rc = ioctl(fd, FS_IOC_GETFLAGS, &flags);
	if (rc == 0) {
		flags = on ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
		rc = ioctl(fd, FS_IOC_SETFLAGS, &flags);
	}
	close(fd);
	return rc;
}

/* A results folder of the small config, with its charts (PNG only: quick). */
static void run_with_charts(const char *dir)
{
	assert_int_equal(js_run(0, NULL, "run %s -o %s --quiet --reps 2 --format png", CFG, dir), 0);
}

/* ---- a commit checks everything before it moves anything ---- */

/* With DIR/NAME made immutable, each command (arguments after "journeysim")
 * exits 73 naming it and leaves DIR byte-identical. */
static void assert_commit_refused(const char *dir, const char *name, const char *const *cmds, size_t n)
{
	char p[512], *before = snapshot(dir), *out[4] = {NULL}, *after[4] = {NULL};
	int rc[4];
	assert_true(n <= 4);
	snprintf(p, sizeof p, "%s/%s", dir, name);
	if (set_immutable(p, 1) != 0) {
		free(before);
		rm_rf(dir);
		skip(); /* no immutable attribute here (not root, or the file system has none) */
	}
	for (size_t i = 0; i < n; i++) {
		rc[i] = js_run(73, &out[i], "%s", cmds[i]);
		after[i] = snapshot(dir);
	}
	assert_int_equal(set_immutable(p, 0), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rc[i], 73);
		if (!strstr(out[i], name))
			fail_msg("journeysim %s said:\n%s", cmds[i], out[i]);
		assert_string_equal(before, after[i]);
		free(out[i]);
		free(after[i]);
	}
	free(before);
}

static void test_unwritable_charts_folder(void **state)
{
	(void)state;
	char dir[64], run[256], plot[256];
	test_tmpdir(dir, sizeof dir);
	run_with_charts(dir);
	/* board.pdf comes before charts/ in the commit: it must not be replaced */
	snprintf(run, sizeof run, "run %s -o %s --quiet --reps 2 --format png --seed 11", CFG, dir);
	snprintf(plot, sizeof plot, "plot %s --format png", dir);
	const char *const cmds[] = {run, plot};
	assert_commit_refused(dir, "charts", cmds, 2);
	rm_rf(dir);
}

static void test_unreplaceable_file(void **state)
{
	(void)state;
	char dir[64], run[256], plot[256];
	test_tmpdir(dir, sizeof dir);
	run_with_charts(dir);
	/* summary.csv comes after board.pdf, charts/ and diffs.csv */
	snprintf(run, sizeof run, "run %s -o %s --quiet --reps 2 --format png --seed 11", CFG, dir);
	const char *const cmds[] = {run};
	assert_commit_refused(dir, "summary.csv", cmds, 1);
	/* plot --only adds its files to charts/ one by one */
	snprintf(plot, sizeof plot, "plot %s --format png --size 640x360 --only kpi_comparison", dir);
	const char *const only[] = {plot};
	assert_commit_refused(dir, "charts/kpi_comparison.png", only, 1);
	rm_rf(dir);
}

/* A charts entry that is a regular file: refused before anything moves. */
static void test_charts_is_a_file(void **state)
{
	(void)state;
	char dir[64], p[512];
	test_tmpdir(dir, sizeof dir);
	run_with_charts(dir);
	assert_int_equal(test_run(NULL, "rm -r '%s/charts' && echo old > '%s/charts'", dir, dir), 0);
	char *before = snapshot(dir);
	assert_int_equal(js_run(73, NULL, "run %s -o %s --quiet --reps 2 --format png --seed 5", CFG, dir), 73);
	assert_int_equal(js_run(73, NULL, "plot %s --format png", dir), 73);
	char *after = snapshot(dir);
	assert_string_equal(before, after);
	snprintf(p, sizeof p, "%s/board.pdf", dir);
	assert_int_equal(access(p, F_OK), 0);
	free(before);
	free(after);
	rm_rf(dir);
}

/* ---- JSON strings ---- */

static void test_json_escapes(void **state)
{
	(void)state;
	char dir[64], cfg[256], out_dir[128], p[512];
	test_tmpdir(dir, sizeof dir);
	/* a config whose path holds a quote, a backslash and a tab, and whose
	 * currency a quote and a backslash (the loader refuses control
	 * characters in text) */
	snprintf(cfg, sizeof cfg, "%s/q\"b\\t\tx.cfg", dir);
	snprintf(out_dir, sizeof out_dir, "%s/out\xff", dir); /* not UTF-8: command_line gets U+FFFD */
	char *text = test_read_file(CFG, NULL), *at;
	assert_non_null(text);
	assert_non_null(at = strstr(text, "currency = \"EUR\""));
	FILE *fp = fopen(cfg, "w");
	assert_non_null(fp);
	fprintf(fp, "%.*scurrency = \"E\\\"\\\\\"%s", (int)(at - text), text, at + strlen("currency = \"EUR\""));
	fclose(fp);
	free(text);
	assert_int_equal(js_run(0, NULL, "run '%s' -o %s --quiet --no-charts --reps 2", cfg, out_dir), 0);

	snprintf(p, sizeof p, "%s/run.json", out_dir);
	text = test_read_file(p, NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "\n  \"currency\": \"E\\\"\\\\\",\n"));
	assert_non_null(strstr(text, "/q\\\"b\\\\t\\tx.cfg\",\n"));
	assert_non_null(strstr(text, "/out\\ufffd\", "));
	assert_null(strchr(text, '\xff'));
	for (const char *c = text; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\n')
			fail_msg("run.json holds control character 0x%02x", *c);
	/* and a strict parser reads back the very strings */
	struct json root;
	struct js_error err = {0};
	assert_int_equal(json_parse(&root, text, p, &err), 0);
	assert_string_equal(json_get_string(&root, "currency", ""), "E\"\\");
	assert_string_equal(json_get_string(&root, "config", ""), cfg);
	json_free(&root);
	free(text);
	rm_rf(dir);
}

/* ---- plot refuses a damaged folder ---- */

/* plot DIR exits 65 with want in its message and writes nothing. */
static void assert_plot_refused(const char *dir, const char *want)
{
	char *before = snapshot(dir), *out = NULL;
	assert_int_equal(js_run(65, &out, "plot %s --format png", dir), 65);
	if (!strstr(out, want))
		fail_msg("plot said:\n%s\nexpected: %s", out, want);
	char *after = snapshot(dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(out);
}

/* A fresh copy of the results folder src into dst. */
static void copy_folder(const char *src, const char *dst)
{
	assert_int_equal(test_run(NULL, "rm -rf '%s' && cp -r '%s' '%s'", dst, src, dst), 0);
}

static void test_plot_damaged_results(void **state)
{
	(void)state;
	char base[64], good[128], dir[128];
	test_tmpdir(base, sizeof base);
	snprintf(good, sizeof good, "%s/good", base);
	snprintf(dir, sizeof dir, "%s/damaged", base);
	assert_int_equal(js_run(0, NULL, "run %s -o %s --quiet --no-charts --reps 2", CFG, good), 0);

	/* cut in the middle of its last line, or just before its line break */
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "truncate -s -7 '%s/summary.csv'", dir), 0);
	assert_plot_refused(dir, "summary.csv:");
	assert_plot_refused(dir, "where the header has 8: the table is damaged");
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "truncate -s -1 '%s/timeseries.csv'", dir), 0);
	assert_plot_refused(dir, "timeseries.csv:");
	assert_plot_refused(dir, ": the last line has no line break: the file is cut short");

	/* cut in the middle of a line further up: that row is short */
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "head -c 3000 '%s/good/timeseries.csv' > '%s/timeseries.csv'", base, dir), 0);
	assert_plot_refused(dir, "timeseries.csv:");

	/* cut to its header */
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "head -n 1 '%s/good/summary.csv' > '%s/summary.csv'", base, dir), 0);
	assert_plot_refused(dir, "summary.csv:2: no rows after the header");
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "head -n 1 '%s/good/diffs.csv' > '%s/diffs.csv'", base, dir), 0);
	assert_plot_refused(dir, "diffs.csv:2: no rows after the header");

	/* a row with a field too many, on line 5 */
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "sed -i '5s/$/,9/' '%s/distributions.csv'", dir), 0);
	assert_plot_refused(dir, "distributions.csv:5: 6 fields where the header has 5");

	/* text where a number belongs, on line 3 */
	copy_folder(good, dir);
	assert_int_equal(test_run(NULL, "awk -F, 'BEGIN{OFS=\",\"} NR==3{$4=\"lots\"} {print}' '%s/good/summary.csv' "
				  "> '%s/summary.csv'",
				  base, dir),
			 0);
	assert_plot_refused(dir, "summary.csv:3: column 'mean': expected a number, got 'lots'");

	/* the undamaged folder still draws */
	assert_int_equal(js_run(0, NULL, "plot %s --format png --only kpi_comparison", good), 0);
	rm_rf(base);
}

static void test_plot_damaged_sweep(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	rm_rf(dir);
	copy_folder(SWEEP_FIXTURE, dir);
	assert_int_equal(test_run(NULL, "truncate -s -3 '%s/summary.csv'", dir), 0);
	assert_plot_refused(dir, "summary.csv:");

	copy_folder(SWEEP_FIXTURE, dir);
	assert_int_equal(test_run(NULL, "head -n 1 '%s/summary.csv' > '%s/s' && mv '%s/s' '%s/summary.csv'", dir,
				  dir, dir, dir),
			 0);
	assert_plot_refused(dir, "summary.csv:2: no rows after the header");

	copy_folder(SWEEP_FIXTURE, dir);
	assert_int_equal(test_run(NULL, "sed -i '3s/,[^,]*$/,x1/' '%s/points.csv'", dir), 0);
	assert_plot_refused(dir, "points.csv:3: column");
	rm_rf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unwritable_charts_folder),
		cmocka_unit_test(test_unreplaceable_file),
		cmocka_unit_test(test_charts_is_a_file),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_plot_damaged_results),
		cmocka_unit_test(test_plot_damaged_sweep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
