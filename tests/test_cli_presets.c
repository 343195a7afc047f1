/*
 * test_cli_presets.c - every preset in config/presets/ is listed by
 * `journeysim presets` with its description and source, prints as a file, and
 * loads and runs; the derived fragmentation of the presets is as documented.
 */
#include <dirent.h>

#include "testutil.h"

static const char *const presets[] = {"siloed",          "cmo_shadow_it",          "cio_led",
				      "marketing_technologist", "cmo_cio_aligned", "chief_customer_officer",
				      "customer_council", NULL};

static void test_presets_listed(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(test_run(&out, "%s presets", test_bin()), 0);
	assert_non_null(out);
	for (const char *const *p = presets; *p; p++) {
		if (!strstr(out, *p))
			fail_msg("`journeysim presets` does not list %s:\n%s", *p, out);
	}
	assert_non_null(strstr(out, "seed 004")); /* sources are shown */
	free(out);

	/* and nothing in the folder is left out of the list above */
	DIR *d = opendir("config/presets");
	assert_non_null(d);
	int files = 0;
	for (struct dirent *e; (e = readdir(d));)
		files += strstr(e->d_name, ".cfg") != NULL;
	closedir(d);
	assert_int_equal(files, 7);
}

static void test_preset_printed(void **state)
{
	(void)state;
	for (const char *const *p = presets; *p; p++) {
		char *out = NULL;
		assert_int_equal(test_run(&out, "%s presets %s", test_bin(), *p), 0);
		char want[128];
		snprintf(want, sizeof want, "name = \"%s\"", *p);
		if (!strstr(out, want))
			fail_msg("`journeysim presets %s` does not print the model:\n%s", *p, out);
		free(out);
	}
	char *out = NULL;
	assert_int_not_equal(test_run(&out, "%s presets no_such_model", test_bin()), 0);
	free(out);
}

static void test_every_preset_runs(void **state)
{
	(void)state;
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	char *out = NULL;
	int rc = test_run(&out, "%s run tests/data/model/all_presets.cfg -o %s --no-charts --quiet --jobs 2", test_bin(), dir);
	if (rc != 0)
		fail_msg("run failed (%d):\n%s", rc, out ? out : "");
	free(out);
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	char *summary = test_read_file(path, NULL);
	assert_non_null(summary);
	for (const char *const *p = presets; *p; p++) {
		char want[128];
		snprintf(want, sizeof want, "\n%s,experience.mean,", *p);
		if (!strstr(summary, want))
			fail_msg("summary.csv has no experience.mean for %s", *p);
	}
	/* fragmentation as docs/model.md describes the presets */
	assert_non_null(strstr(summary, "\nsiloed,fragmentation.boundaries,count,3,"));
	assert_non_null(strstr(summary, "\nsiloed,fragmentation.systems,count,4,"));
	assert_non_null(strstr(summary, "\ncio_led,fragmentation.systems,count,1,"));
	free(summary);
	test_run(NULL, "rm -rf %s", dir);
}

static void test_check_reports_fragmentation(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(test_run(&out, "%s check tests/data/model/all_presets.cfg", test_bin()), 0);
	assert_non_null(strstr(out, "boundaries"));
	assert_non_null(strstr(out, "systems"));
	assert_non_null(strstr(out, "parties"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presets_listed),
		cmocka_unit_test(test_preset_printed),
		cmocka_unit_test(test_every_preset_runs),
		cmocka_unit_test(test_check_reports_fragmentation),
	};
	return cmocka_run_group_tests_name("cli_presets", tests, NULL, NULL);
}
