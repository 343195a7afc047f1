/*
 * fuzz_input.h - what both fuzzing harnesses share (tests/fuzz.sh, make fuzz).
 *
 * The input (the file named by argv[1], as AFL++ passes it with @@, or
 * stdin) is copied into a folder of its own before it is loaded: @include
 * resolves relative to the config and may not leave its folder, so a fuzzed
 * config can reach only what is in that folder - FUZZ_DIR when set (fuzz.sh
 * puts the corpus' include pieces there), else a fresh temporary folder that
 * is removed at the end. Nothing outside it is read but the presets, and
 * nothing at all is written elsewhere.
 */
#ifndef JOURNEYSIM_FUZZ_INPUT_H
#define JOURNEYSIM_FUZZ_INPUT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"

#define FUZZ_INPUT_MAX (1u << 20) /* AFL++'s default largest input */

/* Built by afl-clang-fast: persistent mode, many inputs per process (AFL++
 * rewrites the @@ file before each round); else one round. */
#ifdef __AFL_LOOP
#define FUZZ_ROUNDS() __AFL_LOOP(1000)
#else
static int fuzz_round_done;
#define FUZZ_ROUNDS() (fuzz_round_done++ == 0)
#endif

struct fuzz_input {
	char dir[256];  /* the input's folder */
	char path[320]; /* the copy that is loaded */
	int own_dir;    /* dir was made here: removed by fuzz_input_done */
};

/* Copies the input into its folder; 0, or -1 (a broken set-up). */
static int fuzz_input_open(struct fuzz_input *in, int argc, char **argv)
{
	memset(in, 0, sizeof *in);
	const char *dir = getenv("FUZZ_DIR");
	if (dir && *dir) {
		snprintf(in->dir, sizeof in->dir, "%s", dir);
	} else {
		snprintf(in->dir, sizeof in->dir, "/tmp/journeysim-fuzz-XXXXXX");
		if (!mkdtemp(in->dir))
			return -1;
		in->own_dir = 1;
	}
	snprintf(in->path, sizeof in->path, "%s/input-%ld.cfg", in->dir, (long)getpid());
	FILE *src = argc > 1 ? fopen(argv[1], "rb") : stdin;
	FILE *dst = fopen(in->path, "wb");
	if (!src || !dst) {
		if (src && src != stdin)
			fclose(src);
		if (dst)
			fclose(dst);
		return -1;
	}
	static char buf[65536];
	size_t n, total = 0;
	while (total < FUZZ_INPUT_MAX && (n = fread(buf, 1, sizeof buf, src)) > 0) {
		fwrite(buf, 1, n, dst);
		total += n;
	}
	if (src != stdin)
		fclose(src);
	return fclose(dst) == 0 ? 0 : -1;
}

static void fuzz_input_done(struct fuzz_input *in)
{
	unlink(in->path);
	if (in->own_dir)
		rmdir(in->dir);
}

/* The input loaded and validated as `journeysim check` does: the file, or
 * NULL with err filled. *broken is set when the input could not even be set
 * up (the harness exits 1: not a finding). */
static struct scenario_file *fuzz_input_load(int argc, char **argv, struct js_error *err, int *broken)
{
	static char warn[16384];
	struct fuzz_input in;
	js_error_clear(err);
	*broken = fuzz_input_open(&in, argc, argv) != 0;
	if (*broken) {
		perror("fuzz: cannot set up the input");
		return NULL;
	}
	struct scenario_file *f = scenario_file_load(in.path, err, warn, sizeof warn);
	fuzz_input_done(&in);
	return f;
}

#endif
