/*
 * settings.h - reading the settings of a scenario file: the file as parsed
 * (includes expanded, every line traced back to its file), located errors
 * "file:line: path: expected X, got Y", the schema of every run and company
 * setting, and readers of single values. sim/scenario/ reads the run, company,
 * models and scenarios with it; other groups of the same file (the sweep
 * group, sim/sweep/) are read with the same tools, so every message looks the
 * same.
 */
#ifndef JOURNEYSIM_SETTINGS_H
#define JOURNEYSIM_SETTINGS_H

#include <stddef.h>
#include <stdio.h>

#include <libconfig.h>

#include "error.h"
#include "scenario.h"

/* ---- durations and numbers as text (duration.c) ---- */

/* Writes days as a quoted-free duration string ("1.5 d", "2 h", "1 y") that
 * duration_parse() reads back to exactly the same double. */
void duration_format(double days, char *buf, size_t len);

/* Shortest %g form of x that strtod() reads back exactly. */
void number_format_shortest(double x, char *buf, size_t len);

/* ---- config sources (source.c) ---- */

#define SOURCE_LINES_MAX 65000 /* libconfig keeps source lines in 16 bits in places */
#define SOURCE_BYTES_MAX (16u << 20) /* a file, and the text with its includes: 16 MiB */
#define INCLUDE_DEPTH_MAX 16

struct line_origin {
	unsigned file; /* index into source.files */
	unsigned line; /* 1-based line in that file */
};

/* An integer literal that libconfig 1.5 stores as another value: a plain one
 * (no L) beyond 32 bits is wrapped, one with L beyond 64 bits is clamped. It is
 * found in the text and refused. */
struct overflow {
	unsigned line;      /* line of the expanded text */
	int wide;           /* 1: an L literal (stored as wrapped64) */
	int wrapped;        /* the value libconfig will store */
	long long wrapped64;
	char text[40];      /* as written */
};

/* One parsed config: a file with its @includes expanded into one text. */
struct source {
	config_t cfg; /* first member: a setting's ->config leads back here */
	int parsed;
	char root[4096]; /* real path of the folder that includes may not leave */
	char *text;
	size_t len, cap;
	struct line_origin *map; /* map[i]: origin of line i + 1 of text */
	size_t n_lines, cap_lines;
	char **files; /* names as shown in messages; files[0] is the main file */
	size_t n_files;
	struct overflow *ov;
	size_t n_ov, cap_ov;
	char *bytes; /* the main file as read (for its sha256) */
	size_t n_bytes;
};

/* Reads path, expands its @includes, parses it and refuses integer literals
 * beyond 32 bits. Only regular files of at most SOURCE_BYTES_MAX are read (a
 * FIFO or a device is refused before reading, so nothing blocks). 0, or -1
 * with err (EX_NOINPUT when path or an include is not a readable regular file
 * of that size, EX_CONFIG otherwise). source_fini() is needed either way. */
int source_load(struct source *src, const char *path, struct js_error *err);
void source_fini(struct source *src);

/* File and line of a setting, mapped back through the include expansion. */
void setting_where(const config_setting_t *s, const char **file, unsigned *line);

/* The path of a setting as messages name it: "company.sales.p_win",
 * "scenarios.council.company.sales.pool.servers" (list elements that are
 * groups with a valid `name` are named by it, others by [index]). */
void setting_path(const config_setting_t *s, char *buf, size_t len);

/* A short description of a value for "got ...": 1.5, "text", a group. */
void setting_got(const config_setting_t *s, char *buf, size_t len);

/* err = "file:line: path: " + message, code EX_CONFIG; returns -1.
 * setting_error_at takes the path explicitly (at only gives the location). */
int setting_error(struct js_error *err, const config_setting_t *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int setting_error_at(struct js_error *err, const config_setting_t *at, const char *path,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* " (did you mean \"x\"?)" for the closest candidate, else " (valid here: a, b, c)". */
void suggest(const char *key, const char *const *cands, size_t n, char *buf, size_t len);

/* Refuses any member of group whose name is not in keys (with a suggestion). */
int check_keys(const config_setting_t *group, const char *const *keys, size_t n,
	       struct js_error *err);

/* Is name a valid identifier for scenarios, models, owners and systems? */
int name_valid(const char *name);

/* Copies src into a dst of size n, zero-filling the rest (structs compare with memcmp). */
void text_copy(char *dst, size_t n, const char *src);

/* ---- the schema (schema.c) ---- */

enum schema_type {
	ST_NUMBER,     /* double */
	ST_DURATION,   /* double, days; a number of days or "2 h" */
	ST_UINT,       /* unsigned */
	ST_SEED,       /* uint64_t */
	ST_TEXT,       /* char[size] */
	ST_DIST_DAYS,  /* struct dist of durations */
	ST_DIST_COUNT, /* struct dist of counts */
	ST_PROFILE,    /* struct rate_profile */
	ST_CHOICE,     /* int: the index of a name in the entry's choices */
};

enum schema_range {
	RG_ANY,
	RG_PROB,    /* [0, 1], a probability */
	RG_SHARE,   /* [0, 1], a share */
	RG_NONNEG,  /* >= 0 */
	RG_POS,     /* > 0 */
	RG_SHIFT,   /* [-1, 1] */
	RG_SCORE,   /* [0, 10] */
	RG_MIN1,    /* integer >= 1 */
	RG_SERVERS, /* integer >= 0, 0 = unlimited */
};

struct schema_entry {
	const char *path; /* relative to its group: "sales.pool.servers" */
	enum schema_type type;
	enum schema_range range;
	const char *unit;
	size_t offset; /* into struct run_settings or struct company */
	size_t size;   /* of the field (ST_TEXT) */
	const char *def; /* the default as written in a config file */
	const char *meaning;
	double max; /* upper bound of a number; 0 = its unit's (schema_max) */
	const char *label; /* human name, shown wherever the setting is: "Handoff delay at a boundary" */
	unsigned flags;    /* SCHEMA_KEY, SCHEMA_ILLUSTRATIVE */
	const char *const *choices; /* ST_CHOICE: the names, NULL-terminated */
};

/* A key assumption: one of the (about twenty) settings that a board must know
 * because they can reorder the models (docs/config.md, "Key assumptions"). */
#define SCHEMA_KEY 1u
/* Its default is the tool's illustrative value, not a measured input of a
 * company (pools, prices, arrivals and costs are inputs). */
#define SCHEMA_ILLUSTRATIVE 2u

struct schema_table {
	const char *root; /* "run" or "company" */
	const struct schema_entry *entries;
	size_t n;
};

extern const struct schema_table schema_run, schema_company;
/* A scenario's `transition` group (struct transition_plan): `from` is read as a
 * model name by the loader, the rest through values_apply_entry. */
extern const struct schema_table schema_transition;

const struct schema_entry *schema_find(const struct schema_table *t, const char *path);

/* "a probability in [0, 1]", "a duration > 0", "an integer >= 1", ... */
void schema_expect(const struct schema_entry *e, char *buf, size_t len);

/* The same with the upper bound and why it is there: "a number > 0 and at
 * most 1e+06 (more arrivals a day than a run can simulate)". */
void schema_expect_at_most(const struct schema_entry *e, char *buf, size_t len);

/* The upper bound of a number (INFINITY for none) and why it is there. */
double schema_max(const struct schema_entry *e, const char **why);

/* 0 when v is allowed, -1 when it is out of the range (then schema_expect
 * says what is allowed), 1 when above the upper bound (schema_expect_at_most). */
int schema_check(const struct schema_entry *e, double v);

/* Cross-field checks of a company: -1 with the offending path and the
 * message ("expected ..., got ...") when something is inconsistent. */
int schema_company_consistent(const struct company *c, const char **path, char *msg, size_t len);

/* Writes the reference tables of docs/config.md (one row per key). */
void schema_doc_write(FILE *out);

/* ---- reading values (values.c) ---- */

/* Applies the members of group (a "run" or "company" group, or a scenario's
 * company override) onto base, checking names, types and ranges. */
int values_apply(const struct schema_table *t, void *base, const config_setting_t *group,
		 struct js_error *err);

/* Scalar readers, each with a located "expected X, got Y" error: a number
 * (integers accepted), a whole number, a text shorter than size. */
int value_number(const config_setting_t *s, const char *expect, double *v, struct js_error *err);
int value_whole(const config_setting_t *s, const char *expect, double *v, struct js_error *err);
int value_text(const config_setting_t *s, size_t size, const char *what, const char **out,
	       struct js_error *err);
int value_type_error(const config_setting_t *s, const char *expect, struct js_error *err);

/* Reads one setting s of entry e onto base, with the entry's type and range checks. */
int values_apply_entry(const struct schema_entry *e, void *base, const config_setting_t *s, struct js_error *err);

/* Applies one default value (text of the schema) onto base. */
void values_apply_default(const struct schema_entry *e, void *base);

/* Fills a struct run_settings or struct company with the schema's defaults. */
void values_defaults(const struct schema_table *t, void *base);

/* A string that is one of names[n] ("a focus (cost, revenue, experience)"
 * when what is "a focus"; 'one of "a", "b"' when what is NULL), with a
 * suggestion otherwise; *idx is its index. */
int value_choice(const config_setting_t *s, const char *const *names, size_t n, const char *what, int *idx,
		 struct js_error *err);

/* The `name` member of group g: present, a text of NAME_LEN, a valid name;
 * what says which ("a model name"). */
int value_name(const config_setting_t *g, const char *what, const char **name, struct js_error *err);

/* Refuses name when an earlier group of list (before index i) has it too:
 * "expected <once>, got "x" again". */
int value_name_once(const config_setting_t *list, int i, const config_setting_t *at, const char *name,
		    const char *once, struct js_error *err);

#endif
