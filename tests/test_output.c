/*
 * test_output.c - the atomic writer leaves no temporary files; a staging
 * folder's commit replaces DIR's files and its abort leaves an existing DIR
 * byte-identical, and so does a commit whose renames fail half-way (each in
 * turn); CSV numbers round-trip and text is quoted when needed; the JSON
 * layout and escapes; the table reader refuses damaged tables with
 * file:line; the result files of a hand-made experiment, row by row.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>

#include "testutil.h"

#include "output.h"

/* ---- helpers ---- */

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Every path below dir with the content of each file: a snapshot to compare. */
static char *snapshot(const char *dir)
{
	char *out = NULL;
	int rc = test_run(&out, "cd '%s' && find . | LC_ALL=C sort && find . -type f | LC_ALL=C sort | "
				"xargs -r sha256sum", dir);
	assert_int_equal(rc, 0);
	assert_non_null(out);
	return out;
}

static int count_entries(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

static void remove_tree(const char *dir)
{
	assert_int_equal(out_remove_tree(dir), 0);
}

/* ---- CSV and JSON pieces ---- */

static const char *num(double v)
{
	static char buf[64]; /* tests run in one thread */
	return csv_format_number(buf, sizeof buf, v);
}

static void test_csv_numbers(void **state)
{
	(void)state;
	assert_string_equal(num(0.1), "0.1");
	assert_string_equal(num(42), "42");
	assert_string_equal(num(-2.5), "-2.5");
	assert_string_equal(num(-0.0), "0");
	assert_string_equal(num(NAN), "");
	assert_string_equal(num(1e300), "1e+300");
	assert_string_equal(num(123456789012345678.0), "1.2345678901234568e+17");
	assert_string_equal(num(1.0 / 3.0), "0.3333333333333333");
	assert_string_equal(num(0.1 + 0.2), "0.30000000000000004");
	assert_string_equal(num(INFINITY), "inf");
	/* Every value reads back exactly. */
	double v = 1.234567;
	for (int i = 0; i < 2000; i++) {
		v = fmod(v * 7919.123 + 0.61803398875, 1e6) * (i % 3 ? 1 : -1e-7);
		assert_true(strtod(num(v), NULL) == v);
	}
	assert_true(strtod(num(5e-324), NULL) == 5e-324);
}

static char *to_string(void (*put)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	put(fp, s);
	fclose(fp);
	return buf;
}

static void check_text(void (*put)(FILE *, const char *), const char *in, const char *want)
{
	char *got = to_string(put, in);
	assert_string_equal(got, want);
	free(got);
}

static void test_csv_text(void **state)
{
	(void)state;
	check_text(csv_put_text, "siloed", "siloed");
	check_text(csv_put_text, "", "");
	check_text(csv_put_text, "a,b", "\"a,b\"");
	check_text(csv_put_text, "say \"hi\"", "\"say \"\"hi\"\"\"");
	check_text(csv_put_text, "two\nlines", "\"two\nlines\"");
	check_text(csv_put_text, " padded", "\" padded\"");
	check_text(csv_put_text, "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac");
	check_text(json_put_string, "a\"b\\c\nd\te\x01", "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
}

static void test_units(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(output_unit(buf, sizeof buf, "money/year", "EUR"), "EUR/year");
	assert_string_equal(output_unit(buf, sizeof buf, "money/customer-year", "USD"), "USD/customer-year");
	assert_string_equal(output_unit(buf, sizeof buf, "days", "EUR"), "days");
	assert_string_equal(output_unit(buf, sizeof buf, "money/year", ""), "money/year");
	assert_string_equal(output_unit(buf, 6, "money/year", "EUR"), "EUR/y");
}

/* ---- atomic files ---- */

static void test_atomic_file(void **state)
{
	(void)state;
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/a.csv", dir);
	struct js_error err;
	js_error_clear(&err);

	struct out_file o;
	assert_int_equal(out_file_open(&o, path, &err), 0);
	fputs("x,y\n1,2\n", o.fp);
	/* Before commit only the hidden temporary exists. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(count_entries(dir, ".a.csv.tmp-"), 1);
	assert_int_equal(out_file_commit(&o, &err), 0);
	char *text = test_read_file(path, NULL);
	assert_string_equal(text, "x,y\n1,2\n");
	free(text);
	assert_int_equal(count_entries(dir, ""), 1);

	/* Replacing, then an abort: the committed file stays as it was. */
	assert_int_equal(out_file_open(&o, path, &err), 0);
	fputs("half", o.fp);
	out_file_abort(&o);
	out_file_abort(&o); /* twice is harmless */
	text = test_read_file(path, NULL);
	assert_string_equal(text, "x,y\n1,2\n");
	free(text);
	assert_int_equal(count_entries(dir, ""), 1);

	/* A folder that does not exist: EX_CANTCREAT, nothing left behind. */
	char bad[160];
	snprintf(bad, sizeof bad, "%s/missing/b.csv", dir);
	assert_int_equal(out_file_open(&o, bad, &err), -1);
	assert_int_equal(err.code, EX_CANTCREAT);
	assert_non_null(strstr(err.msg, "b.csv"));
	assert_int_equal(count_entries(dir, ""), 1);
	remove_tree(dir);
}

/* ---- the staging folder ---- */

static void stage_file(const struct out_stage *st, const char *name, const char *text)
{
	char path[OUT_PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", out_stage_path(st), name);
	struct out_file o;
	struct js_error err;
	assert_int_equal(out_file_open(&o, path, &err), 0);
	fputs(text, o.fp);
	assert_int_equal(out_file_commit(&o, &err), 0);
}

/* An output folder from an earlier run. */
static void make_old_results(const char *dir)
{
	char path[256];
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	write_text(path, "old summary\n");
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	write_text(path, "the user's own file\n");
	snprintf(path, sizeof path, "%s/charts", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof path, "%s/charts/old.png", dir);
	write_text(path, "old chart\n");
}

static void test_stage_abort_leaves_dir(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	make_old_results(dir);
	char *before = snapshot(dir);

	struct out_stage st;
	struct js_error err;
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	assert_true(strstr(out_stage_path(&st), "/.staging-") != NULL);
	stage_file(&st, "summary.csv", "new summary\n");
	stage_file(&st, "diffs.csv", "new diffs\n");
	out_stage_abort(&st);

	char *after = snapshot(dir);
	assert_string_equal(before, after);
	assert_int_equal(count_entries(dir, ".staging-"), 0);
	free(before);
	free(after);
	remove_tree(dir);
}

static void test_stage_commit(void **state)
{
	(void)state;
	char dir[64], path[256];
	test_tmpdir(dir, sizeof dir);
	make_old_results(dir);

	struct out_stage st;
	struct js_error err;
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	stage_file(&st, "summary.csv", "new summary\n");
	stage_file(&st, "diffs.csv", "new diffs\n");
	snprintf(path, sizeof path, "%s/charts", out_stage_path(&st));
	assert_int_equal(mkdir(path, 0777), 0);
	stage_file(&st, "charts/kpi.png", "new chart\n");
	assert_int_equal(out_stage_commit(&st, &err), 0);

	char *text;
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	assert_string_equal(text = test_read_file(path, NULL), "new summary\n");
	free(text);
	snprintf(path, sizeof path, "%s/diffs.csv", dir);
	assert_string_equal(text = test_read_file(path, NULL), "new diffs\n");
	free(text);
	/* The charts folder is replaced whole; other files stay. */
	snprintf(path, sizeof path, "%s/charts/kpi.png", dir);
	assert_int_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/charts/old.png", dir);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(count_entries(dir, ".staging-"), 0);
	assert_int_equal(count_entries(dir, ""), 4);
	remove_tree(dir);
}

static void test_stage_merge_folders(void **state)
{
	(void)state;
	char dir[64], path[256];
	test_tmpdir(dir, sizeof dir);
	make_old_results(dir);
	struct out_stage st;
	struct js_error err;
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	st.merge_folders = 1;
	snprintf(path, sizeof path, "%s/charts", out_stage_path(&st));
	assert_int_equal(mkdir(path, 0777), 0);
	stage_file(&st, "charts/kpi.png", "new chart\n");
	assert_int_equal(out_stage_commit(&st, &err), 0);
	snprintf(path, sizeof path, "%s/charts/kpi.png", dir);
	assert_int_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/charts/old.png", dir);
	assert_int_equal(access(path, F_OK), 0);
	remove_tree(dir);
}

/* A staged file that cannot replace what is in DIR (a folder of that name):
 * the commit refuses before moving anything. */
static void test_stage_commit_refused(void **state)
{
	(void)state;
	char dir[64], path[256];
	test_tmpdir(dir, sizeof dir);
	make_old_results(dir);
	snprintf(path, sizeof path, "%s/trace.csv", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	char *before = snapshot(dir);

	struct out_stage st;
	struct js_error err;
	js_error_clear(&err);
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	stage_file(&st, "summary.csv", "new summary\n");
	stage_file(&st, "trace.csv", "new trace\n");
	assert_int_equal(out_stage_commit(&st, &err), -1);
	assert_int_equal(err.code, EX_CANTCREAT);
	assert_non_null(strstr(err.msg, "trace.csv"));

	char *after = snapshot(dir);
	assert_string_equal(before, after);
	assert_int_equal(count_entries(dir, ".staging-"), 0);
	free(before);
	free(after);
	remove_tree(dir);
}

static void test_stage_new_dir(void **state)
{
	(void)state;
	char base[64], dir[128], path[256];
	test_tmpdir(base, sizeof base);
	snprintf(dir, sizeof dir, "%s/a/b/", base);
	struct out_stage st;
	struct js_error err;

	/* Abort removes the folders begin made. */
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	stage_file(&st, "summary.csv", "x\n");
	out_stage_abort(&st);
	assert_int_equal(count_entries(base, ""), 0);

	/* Commit keeps them. */
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	stage_file(&st, "summary.csv", "x\n");
	assert_int_equal(out_stage_commit(&st, &err), 0);
	snprintf(path, sizeof path, "%s/a/b/summary.csv", base);
	assert_int_equal(access(path, F_OK), 0);

	/* A folder under a regular file cannot be made: EX_CANTCREAT. */
	snprintf(dir, sizeof dir, "%s/a/b/summary.csv/out", base);
	js_error_clear(&err);
	assert_int_equal(out_stage_begin(&st, dir, &err), -1);
	assert_int_equal(err.code, EX_CANTCREAT);
	remove_tree(base);
}

static void test_stage_stale_removed(void **state)
{
	(void)state;
	char dir[64], path[256];
	test_tmpdir(dir, sizeof dir);
	/* A pid above any pid_max: that process cannot exist. */
	snprintf(path, sizeof path, "%s/.staging-2000000000", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof path, "%s/.staging-2000000000/summary.csv", dir);
	write_text(path, "left by a killed run\n");
	struct out_stage st;
	struct js_error err;
	assert_int_equal(out_stage_begin(&st, dir, &err), 0);
	assert_int_equal(count_entries(dir, ".staging-"), 1); /* ours only */
	out_stage_abort(&st);
	assert_int_equal(count_entries(dir, ""), 0);
	remove_tree(dir);
}

/* ---- a commit that fails half-way is undone ---- */

static int renames_left; /* the rename that fails: when this reaches 0 */

static int failing_rename(const char *from, const char *to)
{
	if (--renames_left == 0) {
		errno = EIO;
		return -1;
	}
	return rename(from, to);
}

/* Stages a new file, a folder that replaces charts/, a file that replaces
 * summary.csv and another new file; the k-th rename fails. Returns the
 * commit's result. */
static int commit_failing_at(const char *dir, int k, int merge, struct js_error *err)
{
	char path[256];
	struct out_stage st;
	assert_int_equal(out_stage_begin(&st, dir, err), 0);
	st.merge_folders = merge;
	st.rename_fn = failing_rename;
	renames_left = k;
	stage_file(&st, "a_new.txt", "new a\n");
	snprintf(path, sizeof path, "%s/charts", out_stage_path(&st));
	assert_int_equal(mkdir(path, 0777), 0);
	stage_file(&st, "charts/kpi.png", "new chart\n");
	stage_file(&st, "charts/old.png", "new old chart\n");
	stage_file(&st, "summary.csv", "new summary\n");
	stage_file(&st, "zz_new.csv", "new zz\n");
	js_error_clear(err);
	return out_stage_commit(&st, err);
}

static void check_undone(int merge)
{
	char dir[64], path[256];
	test_tmpdir(dir, sizeof dir);
	make_old_results(dir);
	char *before = snapshot(dir);
	struct js_error err;
	int k = 1;
	/* every rename of the commit in turn fails; then the commit goes through */
	for (; commit_failing_at(dir, k, merge, &err) != 0; k++) {
		assert_int_equal(err.code, EX_CANTCREAT);
		char *after = snapshot(dir);
		if (strcmp(before, after) != 0)
			fail_msg("rename %d failed and the commit was not undone:\n%s", k, after);
		free(after);
		assert_int_equal(count_entries(dir, ".staging-"), 0);
		assert_true(k < 20);
	}
	assert_true(k >= 5); /* at least one rename per entry was tried */
	char *text;
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	assert_string_equal(text = test_read_file(path, NULL), "new summary\n");
	free(text);
	snprintf(path, sizeof path, "%s/charts/old.png", dir);
	assert_string_equal(text = test_read_file(path, NULL), "new old chart\n");
	free(text);
	assert_int_equal(count_entries(dir, ".staging-"), 0);
	free(before);
	remove_tree(dir);
}

static void test_stage_commit_undone(void **state)
{
	(void)state;
	check_undone(0);
}

static void test_stage_merge_undone(void **state)
{
	(void)state;
	check_undone(1);
}

/* ---- JSON layout ---- */

static void test_json_out(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	struct json_out j;
	json_out_begin(&j, fp);
	json_out_string(&j, "name", "q\"b\\t\tc\x01\x1f" "d");
	json_out_array(&j, "list", 1);
	json_out_number(&j, NULL, 0.1);
	json_out_number(&j, NULL, NAN);
	json_out_number(&j, NULL, INFINITY);
	json_out_close(&j);
	json_out_array(&j, "empty", 1);
	json_out_close(&j);
	json_out_array(&j, "items", 0);
	json_out_object(&j, NULL);
	json_out_bool(&j, "on", 1);
	json_out_uint(&j, "n", 18446744073709551615ull);
	json_out_close(&j);
	json_out_close(&j);
	json_out_format(&j, "t", "%.3f", 1.5);
	/* valid UTF-8 stays; a stray byte, a cut sequence, an overlong one and a
	 * surrogate become U+FFFD */
	json_out_string(&j, "u", "\xc3\xa9|\xff|\xc3|\xc0\xaf|\xed\xa0\x80|\xf0\x9f\x98\x80");
	json_out_end(&j);
	fclose(fp);
	assert_string_equal(text, "{\n"
				  "  \"name\": \"q\\\"b\\\\t\\tc\\u0001\\u001fd\",\n"
				  "  \"list\": [0.1, null, null],\n"
				  "  \"empty\": [],\n"
				  "  \"items\": [\n"
				  "    {\n"
				  "      \"on\": true,\n"
				  "      \"n\": 18446744073709551615\n"
				  "    }\n"
				  "  ],\n"
				  "  \"t\": 1.500,\n"
				  "  \"u\": \"\xc3\xa9|\\ufffd|\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|\xf0\x9f\x98\x80\"\n"
				  "}\n");
	/* and it reads back */
	struct json root;
	struct js_error err = {0};
	assert_int_equal(json_parse(&root, text, "mem", &err), 0);
	assert_string_equal(json_get_string(&root, "name", ""), "q\"b\\t\tc\x01\x1f" "d");
	json_free(&root);
	free(text);
}

/* ---- the table reader refuses damaged tables ---- */

static void write_table(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_text(path, text);
}

static void expect_refused(const char *dir, const struct csv_spec *spec, const char *want)
{
	struct csv_table t;
	struct js_error err;
	int cols[4];
	js_error_clear(&err);
	assert_int_equal(csv_table_load(&t, dir, spec, cols, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	if (!strstr(err.msg, want))
		fail_msg("got '%s', expected '%s'", err.msg, want);
	assert_null(t.buf);
}

static void test_table_reader(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	static const struct csv_column cols[] = {{"name", 0, 0}, {"value", 1, 0}, {"note", 0, 1}};
	struct csv_spec spec = {"t.csv", cols, 2, CSV_ROWS};
	struct csv_table t;
	struct js_error err;
	int c[4];

	/* a whole table: columns in any order, extra ones, empty and nan numbers */
	write_table(dir, "t.csv", "extra,value,name\nx,1.5,a\ny,,b\nz,nan,c\n");
	spec.n_columns = 3;
	assert_int_equal(csv_table_load(&t, dir, &spec, c, &err), 0);
	assert_int_equal(t.n_rows, 3);
	assert_int_equal(c[0], 2);
	assert_int_equal(c[1], 1);
	assert_int_equal(c[2], -1); /* the optional note is absent */
	assert_true(csv_parse_number(csv_table_get(&t, 0, c[1])) == 1.5);
	assert_true(isnan(csv_parse_number(csv_table_get(&t, 1, c[1]))));
	assert_string_equal(csv_table_get(&t, 2, c[2]), "");
	csv_table_free(&t);
	csv_table_free(&t); /* twice is harmless */

	write_table(dir, "t.csv", "name,value\na,1\nb,2");
	expect_refused(dir, &spec, "t.csv:3: the last line has no line break");
	write_table(dir, "t.csv", "name,value\na,1\nb\n");
	expect_refused(dir, &spec, "t.csv:3: 1 field where the header has 2");
	write_table(dir, "t.csv", "name,value\na,1,3\n");
	expect_refused(dir, &spec, "t.csv:2: 3 fields where the header has 2");
	write_table(dir, "t.csv", "name,value\n");
	expect_refused(dir, &spec, "t.csv:2: no rows after the header");
	write_table(dir, "t.csv", "name,value\na,1\nb,1.5x\n");
	expect_refused(dir, &spec, "t.csv:3: column 'value': expected a number, got '1.5x'");
	write_table(dir, "t.csv", "name\na\n");
	expect_refused(dir, &spec, "t.csv:1: missing column 'value'");
	write_table(dir, "t.csv", "");
	expect_refused(dir, &spec, "t.csv:1: empty file");

	/* header only where rows are not required; a missing optional file */
	spec.flags = CSV_MISSING_OK;
	write_table(dir, "t.csv", "name,value\n");
	assert_int_equal(csv_table_load(&t, dir, &spec, c, &err), 0);
	assert_int_equal(t.n_rows, 0);
	csv_table_free(&t);
	spec.file = "missing.csv";
	assert_int_equal(csv_table_load(&t, dir, &spec, c, &err), 1);

	/* the columns a spec does not name hold numbers */
	static const struct csv_column id[] = {{"point", 0, 0}};
	struct csv_spec points = {"p.csv", id, 1, CSV_REST_NUMBERS};
	write_table(dir, "p.csv", "point,a,b\n0,1,2\n1,3,-inf\n");
	assert_int_equal(csv_table_load(&t, dir, &points, c, &err), 0);
	csv_table_free(&t);
	write_table(dir, "p.csv", "point,a,b\n0,1,2\n1,3,high\n");
	expect_refused(dir, &points, "p.csv:3: column 'b': expected a number, got 'high'");
	remove_tree(dir);
}

/* ---- the result files of a hand-made experiment ---- */

struct fake {
	struct scenario_file *f;
	struct rep_result res[4];
	struct experiment x;
};

static void fake_init(struct fake *k)
{
	memset(k, 0, sizeof *k);
	k->f = calloc(1, sizeof *k->f);
	assert_non_null(k->f);
	struct scenario_file *f = k->f;
	snprintf(f->path, sizeof f->path, "tests/data/cli/small.cfg");
	snprintf(f->sha256, sizeof f->sha256, "%064d", 0);
	f->run.seed = 99;
	f->run.replications = 2;
	f->run.horizon = 10;
	f->run.warmup = 1;
	f->n_scenarios = 2;
	snprintf(f->scenarios[0].name, NAME_LEN, "base");
	snprintf(f->scenarios[1].name, NAME_LEN, "with, comma");
	for (int s = 0; s < 2; s++)
		snprintf(f->scenarios[s].company.currency, 16, "EUR");
	for (int i = 0; i < 4; i++) {
		struct rep_result *r = &k->res[i];
		for (int m = 0; m < METRIC_COUNT; m++)
			r->metrics[m] = (i / 2) * 10 + (i % 2) + m * 0.5;
		r->metrics[M_DEFECT_FIX] = NAN;
		r->sample_every = 4;
		r->n_samples = 3; /* days 4, 8 and 10 (the horizon) */
		r->series = calloc(SERIES_COUNT * 3, sizeof(double));
		assert_non_null(r->series);
		for (int j = 0; j < SERIES_COUNT * 3; j++)
			r->series[j] = j + i % 2;
		r->hist[H_EXPERIENCE][0] = 0.25 + 0.5 * (i % 2);
		r->hist[H_EXPERIENCE][HIST_BINS - 1] = 0.75 - 0.5 * (i % 2);
		if (i % 2 == 0) {
			r->trace = strdup("0.5,1,marketing,arrive,\n1.25,1,sales,queue,\"x, y\"\n");
			r->trace_len = strlen(r->trace);
		}
	}
	k->x = (struct experiment){f, 2, 2, k->res};
}

static void fake_fini(struct fake *k)
{
	for (int i = 0; i < 4; i++) {
		free(k->res[i].series);
		free(k->res[i].trace);
	}
	free(k->f);
}

static char *read_in(const char *dir, const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *text = test_read_file(path, NULL);
	assert_non_null(text);
	return text;
}

static int starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static int count_lines(const char *text)
{
	int n = 0;
	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static void test_result_files(void **state)
{
	(void)state;
	struct fake k;
	fake_init(&k);
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	char *argv[] = {"journeysim", "run", "x y.cfg"};
	struct output_meta meta = {.version = "9.9.9", .argc = 3, .argv = argv, .created = "2025-01-31T12:00:00Z", .wall_seconds = 1.5, .trace_customers = 2};
	struct js_error err;
	js_error_clear(&err);
	if (output_write_results(&k.x, &meta, dir, &err) != 0)
		fail_msg("%s", err.msg);

	char *t = read_in(dir, "summary.csv");
	assert_int_equal(count_lines(t), 1 + 2 * METRIC_COUNT);
	assert_true(starts_with(t, "scenario,metric,unit,mean,sd,ci95_low,ci95_high,n\n"));
	/* sales.wait_mean of base: 0 and 1 -> mean 0.5, sd sqrt(0.5), half 12.706 * 0.5 */
	char want[256];
	snprintf(want, sizeof want, "\nbase,%s,%s,0.5,%s,", metric_table[0].name, metric_table[0].unit,
		 num(sqrt(0.5)));
	assert_non_null(strstr(t, want));
	assert_non_null(strstr(t, "\n\"with, comma\",revenue.total,EUR/year,"));
	assert_non_null(strstr(t, "\nbase,defects.fix_days,days,,,,,0\n"));
	free(t);

	t = read_in(dir, "diffs.csv");
	assert_int_equal(count_lines(t), 1 + 2 * METRIC_COUNT);
	assert_true(starts_with(t, "scenario,baseline,metric,unit,mean_diff,ci95_low,ci95_high,n\n"));
	snprintf(want, sizeof want, "\nbase,base,%s,%s,0,0,0,2\n", metric_table[0].name, metric_table[0].unit);
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof want, "\n\"with, comma\",base,%s,%s,10,10,10,2\n", metric_table[0].name,
		 metric_table[0].unit);
	assert_non_null(strstr(t, want));
	free(t);

	t = read_in(dir, "replications.csv");
	assert_int_equal(count_lines(t), 1 + 4 * METRIC_COUNT);
	snprintf(want, sizeof want, "\n\"with, comma\",2,%s,11\n", metric_table[0].name);
	assert_non_null(strstr(t, want));
	assert_non_null(strstr(t, "\nbase,1,defects.fix_days,\n"));
	free(t);

	t = read_in(dir, "timeseries.csv");
	assert_int_equal(count_lines(t), 1 + 2 * 3 * SERIES_COUNT);
	assert_true(starts_with(t, "scenario,day,series,mean,ci95_low,ci95_high\nbase,4,"));
	snprintf(want, sizeof want, "\nbase,10,%s,", series_table[SERIES_COUNT - 1].name);
	assert_non_null(strstr(t, want));
	free(t);

	t = read_in(dir, "distributions.csv");
	assert_int_equal(count_lines(t), 1 + 2 * HIST_COUNT * HIST_BINS);
	snprintf(want, sizeof want, "\nbase,%s,%s,", hist_table[0].name, num(hist_table[0].low));
	assert_non_null(strstr(t, want));
	/* The last bin is open above; shares are averaged over replications. */
	double last_low = hist_table[0].low + (HIST_BINS - 1) * hist_table[0].width;
	snprintf(want, sizeof want, "\nbase,%s,%s,,0.5\n", hist_table[0].name, num(last_low));
	assert_non_null(strstr(t, want));
	free(t);

	t = read_in(dir, "trace.csv");
	assert_string_equal(t, "scenario,time,customer,stage,event,detail\n"
			       "base,0.5,1,marketing,arrive,\n"
			       "base,1.25,1,sales,queue,\"x, y\"\n"
			       "\"with, comma\",0.5,1,marketing,arrive,\n"
			       "\"with, comma\",1.25,1,sales,queue,\"x, y\"\n");
	free(t);

	t = read_in(dir, "run.json");
	assert_non_null(strstr(t, "\n  \"version\": \"9.9.9\",\n"));
	assert_non_null(strstr(t, "\n  \"command_line\": [\"journeysim\", \"run\", \"x y.cfg\"],\n"));
	assert_non_null(strstr(t, "\n  \"created\": \"2025-01-31T12:00:00Z\",\n"));
	assert_non_null(strstr(t, "\n  \"wall_time_seconds\": 1.500,\n"));
	assert_non_null(strstr(t, "\n  \"seed\": 99,\n"));
	assert_non_null(strstr(t, "\n  \"scenarios\": [\"base\", \"with, comma\"],\n"));
	assert_non_null(strstr(t, "\n  \"replications\": 2,\n"));
	assert_non_null(strstr(t, "\n  \"horizon_days\": 10,\n"));
	assert_non_null(strstr(t, "\n  \"warmup_days\": 1,\n"));
	assert_non_null(strstr(t, "\n  \"currency\": \"EUR\",\n"));
	free(t);

	/* Only the ten files (with periods.csv, period_diffs.csv, cumulative.csv); no temporary left. */
	assert_int_equal(count_entries(dir, ""), 10);
	fake_fini(&k);
	remove_tree(dir);
}

static void test_same_results_same_bytes(void **state)
{
	(void)state;
	struct fake k;
	fake_init(&k);
	char a[64], b[64];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	char *argv[] = {"journeysim"};
	struct output_meta meta = {.version = "1", .argc = 1, .argv = argv, .created = "2025-01-31T12:00:00Z"};
	struct js_error err;
	assert_int_equal(output_write_results(&k.x, &meta, a, &err), 0);
	assert_int_equal(output_write_results(&k.x, &meta, b, &err), 0);
	char *sa = snapshot(a), *sb = snapshot(b);
	assert_string_equal(sa, sb);
	assert_int_equal(count_entries(a, "trace.csv"), 0); /* no --trace */
	free(sa);
	free(sb);
	fake_fini(&k);
	remove_tree(a);
	remove_tree(b);
}

static void test_created_time(void **state)
{
	(void)state;
	char buf[64];
	struct js_error err;
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	assert_int_equal(output_created_time(buf, sizeof buf, &err), 0);
	assert_string_equal(buf, "1970-01-02T00:00:00Z");
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	assert_int_equal(output_created_time(buf, sizeof buf, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(output_created_time(buf, sizeof buf, &err), 0);
	assert_int_equal(strlen(buf), 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_numbers),
		cmocka_unit_test(test_csv_text),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_atomic_file),
		cmocka_unit_test(test_stage_abort_leaves_dir),
		cmocka_unit_test(test_stage_commit),
		cmocka_unit_test(test_stage_merge_folders),
		cmocka_unit_test(test_stage_commit_refused),
		cmocka_unit_test(test_stage_new_dir),
		cmocka_unit_test(test_stage_stale_removed),
		cmocka_unit_test(test_stage_commit_undone),
		cmocka_unit_test(test_stage_merge_undone),
		cmocka_unit_test(test_json_out),
		cmocka_unit_test(test_table_reader),
		cmocka_unit_test(test_result_files),
		cmocka_unit_test(test_same_results_same_bytes),
		cmocka_unit_test(test_created_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
