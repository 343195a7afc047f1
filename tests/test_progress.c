/*
 * test_progress.c - the progress line of `run` and `sweep` (progress.h) on a
 * file, which is not a terminal: nothing for a run shorter than the interval
 * or with quiet; otherwise plain lines (no carriage return) with the tasks
 * done, the share, the time spent and an ETA, counted from the tasks run now
 * when some were done before (a resumed sweep). The interval comes from
 * JOURNEYSIM_PROGRESS_SECONDS (PROGRESS_EVERY_ENV), set here mostly to 20 ms
 * so that every test takes a tenth of a second; a bad value keeps the
 * default.
 */
#include <time.h>

#include "testutil.h"

#include "progress.h"

#define EVERY "0.02"

static void pause_seconds(double s)
{
	struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Everything written to fp, from the start. */
static char *file_text(FILE *fp)
{
	fflush(fp);
	long n = ftell(fp);
	char *buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	rewind(fp);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	return buf;
}

/* Runs a line over fp: done0 of total at the start, done1 right after, then
 * waits for seconds. The text written, on the heap. */
static char *line_text(int quiet, size_t done0, size_t done1, size_t total, double seconds)
{
	FILE *fp = tmpfile();
	assert_non_null(fp);
	struct progress p;
	progress_init(&p, fp, quiet, "test", "things");
	progress_start(&p, done0, total);
	progress_update(&p, done1);
	pause_seconds(seconds);
	progress_finish(&p);
	char *text = file_text(fp);
	fclose(fp);
	return text;
}

/* text's first line is want. */
static void assert_first_line(const char *text, const char *want)
{
	if (strncmp(text, want, strlen(want)) != 0 || text[strlen(want)] != '\n')
		fail_msg("expected a first line '%s', got:\n%s", want, text);
}

static void test_long_run_plain_lines(void **state)
{
	(void)state;
	setenv(PROGRESS_EVERY_ENV, EVERY, 1);
	char *text = line_text(0, 0, 5, 10, 0.15);
	/* The first line: 20 ms in, 5 done in about no time, so 5 more take about as long. */
	assert_first_line(text, "test: 5/10 things (50%), 0:00 elapsed, ETA 0:00");
	int lines = 0;
	for (const char *p = text; (p = strchr(p, '\n')); p++)
		lines++;
	assert_true(lines >= 2); /* one every 20 ms over 150 ms */
	assert_null(strchr(text, '\r'));
	assert_null(strchr(text, '\033'));
	free(text);
}

static void test_eta_unknown_until_a_task_ends(void **state)
{
	(void)state;
	setenv(PROGRESS_EVERY_ENV, EVERY, 1);
	/* a resumed run: 4 done before, none since */
	char *text = line_text(0, 4, 4, 10, 0.06);
	assert_first_line(text, "test: 4/10 things (40%), 0:00 elapsed, ETA --:--");
	free(text);
}

static void test_quiet_and_short_runs_print_nothing(void **state)
{
	(void)state;
	setenv(PROGRESS_EVERY_ENV, EVERY, 1);
	char *text = line_text(1, 0, 5, 10, 0.1); /* quiet */
	assert_string_equal(text, "");
	free(text);
	setenv(PROGRESS_EVERY_ENV, "1", 1);
	text = line_text(0, 0, 10, 10, 0.0); /* over long before the first interval */
	assert_string_equal(text, "");
	free(text);
	setenv(PROGRESS_EVERY_ENV, "soon", 1); /* not a number: the default, 5 s */
	text = line_text(0, 0, 5, 10, 0.1);
	assert_string_equal(text, "");
	free(text);
	/* no line at all (NULL) is allowed everywhere */
	progress_start(NULL, 0, 1);
	progress_update(NULL, 1);
	progress_finish(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_run_plain_lines),
		cmocka_unit_test(test_eta_unknown_until_a_task_ends),
		cmocka_unit_test(test_quiet_and_short_runs_print_nothing),
	};
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
