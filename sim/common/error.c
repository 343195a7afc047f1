/* error.c - the located error record that library code fills and main prints. */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int js_error_set(struct js_error *err, int code, const char *fmt, ...)
{
	if (!err)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err->code = code;
	return -1;
}

void js_error_clear(struct js_error *err)
{
	if (err) {
		err->code = 0;
		err->msg[0] = 0;
	}
}
