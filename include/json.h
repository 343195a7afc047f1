/*
 * json.h - writing and reading the JSON files of runs and sweeps (run.json,
 * manifest.json) (sim/common/).
 *
 * Writing (json_write.c): struct json_out lays a document out the one way
 * both files use - every member of an object on its own line, indented two
 * spaces a level; arrays of plain values on one line ("[1, 2]"), arrays of
 * objects one element a line. Strings are escaped as RFC 8259 requires:
 * quote, backslash, and every control character below 0x20 (\n, \r, \t by
 * name, the others as \u00XX); a byte that is not part of valid UTF-8 (a
 * path or argument from the command line) becomes \ufffd, so the file is
 * always valid JSON. Numbers use the round-trip format of csv.h; a number
 * that is not finite is written as null.
 *
 * Reading (json_read.c): the whole grammar (RFC 8259) into a tree, nesting
 * limited to 64 levels.
 */
#ifndef JOURNEYSIM_JSON_H
#define JOURNEYSIM_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* ---- writing (json_write.c) ---- */

/* Writes s as a JSON string with quotes and escapes. */
void json_put_string(FILE *fp, const char *s);

#define JSON_OUT_DEPTH 8

struct json_out {
	FILE *fp;
	int depth;                         /* open containers */
	size_t count[JSON_OUT_DEPTH];      /* values written in each */
	unsigned char inline_[JSON_OUT_DEPTH]; /* 1: an array on one line */
	char close[JSON_OUT_DEPTH];        /* ']' or '}' */
};

/* Starts the document's top-level object on fp. */
void json_out_begin(struct json_out *j, FILE *fp);
/* Closes the top-level object and ends the line. */
void json_out_end(struct json_out *j);
/* Each writes one value: a member named key of the open object, or (key
 * NULL) the next element of the open array. */
void json_out_string(struct json_out *j, const char *key, const char *s);
void json_out_number(struct json_out *j, const char *key, double v);
void json_out_uint(struct json_out *j, const char *key, unsigned long long v);
void json_out_bool(struct json_out *j, const char *key, int v);
/* A number already formatted by the caller (printf style, e.g. "%.3f"). */
void json_out_format(struct json_out *j, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Opens an array (on one line when one_line) or an object; closed by
 * json_out_close. */
void json_out_array(struct json_out *j, const char *key, int one_line);
void json_out_object(struct json_out *j, const char *key);
void json_out_close(struct json_out *j);

/* What made a file, in the same members everywhere (run.json, explain.json):
 * "version", "command_line" (argv), "created", "wall_time_seconds". */
void json_out_provenance(struct json_out *j, const char *version, int argc, char *const *argv, const char *created,
			 double wall_seconds);

/* ---- reading (json_read.c) ---- */

enum json_kind { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_kind kind;
	double number;      /* JSON_NUMBER, JSON_BOOL */
	char *string;       /* JSON_STRING; JSON_NUMBER: its digits as written */
	size_t n;           /* JSON_ARRAY, JSON_OBJECT: children */
	char **keys;        /* JSON_OBJECT: [n] */
	struct json *items; /* [n] */
};

/* Parses text into root. 0, or -1 with err ("path:line: message", EX_DATAERR). */
int json_parse(struct json *root, const char *text, const char *path, struct js_error *err);
void json_free(struct json *v);
/* Member of an object, or NULL. */
const struct json *json_get(const struct json *obj, const char *key);
/* Typed lookups with a fallback when absent or of another kind. */
const char *json_get_string(const struct json *obj, const char *key, const char *fallback);
double json_get_number(const struct json *obj, const char *key, double fallback);

#endif
