/*
 * error.h - one error record filled by library code, printed only by main.
 *
 * Library functions return 0/-1 or NULL and fill a struct js_error with a
 * located message ("file:line: setting: message") and the exit code main
 * should use (sysexits). Nothing below main prints or exits.
 */
#ifndef JOURNEYSIM_ERROR_H
#define JOURNEYSIM_ERROR_H

#include <stdio.h>
#include <sysexits.h> /* EX_USAGE 64, EX_NOINPUT 66, EX_SOFTWARE 70, EX_CANTCREAT 73, EX_IOERR 74, EX_CONFIG 78 */

struct js_error {
	int code;       /* sysexits value; 0 when no error */
	char msg[2048]; /* one or more lines, no trailing newline */
};

/* Sets code and a printf-style message; returns -1 so callers can
 * `return js_error_set(err, EX_CONFIG, "...")`. err may be NULL. */
int js_error_set(struct js_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void js_error_clear(struct js_error *err);

#endif
