/*
 * fuzz_load.c - AFL++ harness: load and validate one scenario file, then
 * print it resolved (what `journeysim check` does), into /dev/null.
 *
 * Any outcome the loader reports - valid, or an error with its exit code -
 * is fine; a crash, a sanitizer report or a hang is a finding (tests/fuzz.sh).
 *
 *   build-fuzz/fuzz/fuzz_load FILE     (or the config on stdin)
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_input.h"
#include "scenario.h"

/* One input: 0 valid, 1 the set-up failed, 2 or 3 refused (an answer, not a finding). */
static int fuzz_one(int argc, char **argv)
{
	struct js_error err;
	int broken;
	struct scenario_file *f = fuzz_input_load(argc, argv, &err, &broken);
	if (broken)
		return 1;
	int rc = f ? 0 : err.code;
	if (f) {
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			if (scenario_file_print(f, null, &err) != 0)
				rc = err.code;
			fclose(null);
		}
		scenario_file_free(f);
	}
	return rc == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
	int rc = 0;
	while (FUZZ_ROUNDS())
		rc = fuzz_one(argc, argv);
	return rc;
}
