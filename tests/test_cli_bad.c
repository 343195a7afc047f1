/*
 * test_cli_bad.c - every scenario file in tests/bad/ makes `journeysim run`
 * fail with exit status 78 (bad config) and its expected located message
 * (the file's first line, "# expect: ..."), before anything is written: an
 * existing output folder is left exactly as it was.
 */
#include <dirent.h>

#include "testutil.h"

/* "# expect: :12: company.x: ..." -> the message after the file's own name. */
static int expected_message(const char *path, char *out, size_t len)
{
	char *text = test_read_file(path, NULL);
	if (!text)
		return -1;
	const char *tag = "# expect: ";
	int ok = strncmp(text, tag, strlen(tag)) == 0;
	if (ok) {
		const char *m = text + strlen(tag);
		size_t n = strcspn(m, "\n");
		if (m[0] == ':') /* located in the file itself */
			snprintf(out, len, "%s%.*s", path, (int)n, m);
		else /* located in another file, relative to tests/bad/ */
			snprintf(out, len, "tests/bad/%.*s", (int)n, m);
	}
	free(text);
	return ok ? 0 : -1;
}

static void test_every_bad_file(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	/* an output folder from an earlier run that must survive untouched */
	test_run(NULL, "printf 'scenario,metric\\nold,1\\n' > %s/summary.csv && mkdir %s/charts", dir, dir);
	char *before = NULL;
	test_run(&before, "cd %s && ls -lA --time-style=+%%s . charts && stat -c %%Y . && md5sum summary.csv", dir);

	DIR *d = opendir("tests/bad");
	assert_non_null(d);
	int checked = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".cfg") != 0)
			continue;
		char path[512], want[1024];
		snprintf(path, sizeof path, "tests/bad/%s", e->d_name);
		if (expected_message(path, want, sizeof want) < 0)
			fail_msg("%s: no '# expect:' first line", path);
		char *out = NULL;
		int rc = test_run(&out, "JOURNEYSIM_PRESETS=tests/data/scenario/presets %s run %s -o %s --quiet",
				  test_bin(), path, dir);
		if (rc != 78 || !out || !strstr(out, want))
			fail_msg("%s: exit %d, expected 78 and\n  %s\ngot\n  %s", path, rc, want, out ? out : "");
		free(out);
		checked++;
	}
	closedir(d);
	assert_true(checked >= 40);

	char *after = NULL;
	test_run(&after, "cd %s && ls -lA --time-style=+%%s . charts && stat -c %%Y . && md5sum summary.csv", dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	test_run(NULL, "rm -rf %s", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_bad_file),
	};
	return cmocka_run_group_tests_name("cli_bad", tests, NULL, NULL);
}
