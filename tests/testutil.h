/*
 * testutil.h - small helpers shared by the test files (cmocka).
 * Header-only so that each test binary stays one file.
 */
#ifndef JOURNEYSIM_TESTUTIL_H
#define JOURNEYSIM_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

/* The journeysim binary the CLI tests drive (make test sets JOURNEYSIM_BIN). */
static inline const char *test_bin(void)
{
	const char *b = getenv("JOURNEYSIM_BIN");
	return b && *b ? b : "./journeysim";
}

/* Reads a whole file into a NUL-terminated heap buffer; NULL if unreadable. */
static inline char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

/* What write(fp) writes, as a NUL-terminated heap string; NULL if out of
 * memory. For the docs drift tests: the document must hold what its
 * generator writes. */
static inline char *test_capture(void (*write)(FILE *fp))
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	if (!fp)
		return NULL;
	write(fp);
	fclose(fp);
	return text;
}

/* Runs a shell command, captures stdout+stderr into *output (heap, may be
 * NULL), returns the exit status (or -1). */
static inline int test_run(char **output, const char *fmt, ...)
{
	char cmd[8192], path[] = "/tmp/journeysim-test-XXXXXX";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	char full[8400];
	snprintf(full, sizeof full, "(%s) > %s 2>&1", cmd, path);
	int rc = system(full);
	if (output)
		*output = test_read_file(path, NULL);
	unlink(path);
	if (rc == -1 || !WIFEXITED(rc))
		return -1;
	return WEXITSTATUS(rc);
}

/* A fresh temporary directory (path written into buf). */
static inline void test_tmpdir(char *buf, size_t len)
{
	snprintf(buf, len, "/tmp/journeysim-test-XXXXXX");
	assert_non_null(mkdtemp(buf));
}

/* Are two files byte-identical? */
static inline int test_same_file(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	char *x = test_read_file(a, &la), *y = test_read_file(b, &lb);
	int same = x && y && la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

/* journeysim (JOURNEYSIM_BIN) with the arguments: its exit status, and its
 * output in *output when output is not NULL (free it). */
static inline int js(char **output, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int js(char **output, const char *fmt, ...)
{
	char args[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	return test_run(output, "%s %s", test_bin(), args);
}

/* The same, and its output printed when the status is not the expected one. */
static inline int js_run(int want, char **output, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline int js_run(int want, char **output, const char *fmt, ...)
{
	char args[4096], *out = NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	int rc = test_run(&out, "%s %s", test_bin(), args);
	if (rc != want)
		fprintf(stderr, "journeysim %s: exit %d, expected %d; output:\n%s\n", args, rc, want, out ? out : "");
	if (output)
		*output = out;
	else
		free(out);
	return rc;
}

#endif
