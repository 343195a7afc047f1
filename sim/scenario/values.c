/*
 * values.c - reading the settings the schema describes from config values:
 * numbers (integers accepted where decimals are expected), durations, whole
 * numbers, text, distributions and rate profiles, each checked against its
 * range, every error located at the setting that holds the value.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scenario_internal.h"

#define DURATION_EXPECT "a duration like \"2 h\" or a number of days"

/* ---- scalars ---- */

static int is_number(const config_setting_t *s)
{
	int t = config_setting_type(s);
	return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
		return config_setting_get_int(s);
	case CONFIG_TYPE_INT64:
		return (double)config_setting_get_int64(s);
	default:
		return config_setting_get_float(s);
	}
}

int value_type_error(const config_setting_t *s, const char *expect, struct js_error *err)
{
	char got[128];
	setting_got(s, got, sizeof got);
	return setting_error(err, s, "expected %s, got %s", expect, got);
}

/* A number (any numeric literal). */
int value_number(const config_setting_t *s, const char *expect, double *v,
		       struct js_error *err)
{
	if (!is_number(s))
		return value_type_error(s, expect, err);
	*v = number_of(s);
	if (!isfinite(*v))
		return value_type_error(s, expect, err);
	return 0;
}

/* A duration: a number of days or a string with a unit. range_expect is
 * what to say when the text is negative. */
static int read_duration(const config_setting_t *s, const char *range_expect, double *v,
			 struct js_error *err)
{
	if (is_number(s))
		return value_number(s, DURATION_EXPECT, v, err);
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return value_type_error(s, DURATION_EXPECT, err);
	const char *text = config_setting_get_string(s);
	char why[128];
	if (duration_parse(text, v, why, sizeof why) == 0)
		return 0;
	const char *p = text;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-')
		return setting_error(err, s, "expected %s, got \"%s\"", range_expect, text);
	return setting_error(err, s, "expected %s, got \"%s\" (%s)", DURATION_EXPECT, text, why);
}

/* A whole number (an integral decimal is accepted). */
int value_whole(const config_setting_t *s, const char *expect, double *v,
		      struct js_error *err)
{
	if (value_number(s, expect, v, err))
		return -1;
	if (*v != floor(*v))
		return value_type_error(s, expect, err);
	return 0;
}

int value_text(const config_setting_t *s, size_t size, const char *what, const char **out,
		     struct js_error *err)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return value_type_error(s, what, err);
	const char *t = config_setting_get_string(s);
	if (strlen(t) >= size) {
		char got[128];
		setting_got(s, got, sizeof got);
		return setting_error(err, s, "expected %s of at most %zu characters, got %s (%zu)", what,
				     size - 1, got, strlen(t));
	}
	for (const char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return setting_error(err, s, "expected %s without control characters, got one", what);
	*out = t;
	return 0;
}

/* ---- distributions ---- */

static const struct {
	const char *kind;
	const char *params[4];
} kind_params[] = {
	{"exponential", {"mean", NULL, NULL}},
	{"fixed", {"mean", NULL, NULL}},
	{"uniform", {"min", "max", NULL}},
	{"triangular", {"min", "mode", "max"}},
	{"lognormal", {"mean", "cv", NULL}},
	{"gamma", {"mean", "cv", NULL}},
	{"erlang", {"k", "mean", NULL}},
	{"empirical", {"values", "weights", NULL}},
};

const char *const *dist_param_names(const struct dist_type *t)
{
	for (size_t i = 0; t && i < sizeof kind_params / sizeof kind_params[0]; i++)
		if (strcmp(kind_params[i].kind, t->name) == 0)
			return kind_params[i].params;
	return NULL;
}

static const char *const dist_keys[] = {"dist", "mean", "cv", "min", "mode", "max", "k", "values", "weights"};
#define DIST_KEY_COUNT (sizeof dist_keys / sizeof dist_keys[0])

/* A value of a distribution: a duration, or a number for counts. */
static int read_dist_value(const config_setting_t *s, int days, double *v, struct js_error *err)
{
	if (days)
		return read_duration(s, "a duration >= 0", v, err);
	return value_number(s, "a number", v, err);
}

static int read_list(const config_setting_t *s, int days, double *v, size_t max, size_t *n,
		     struct js_error *err)
{
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return value_type_error(s, "a list [a, b, ...]", err);
	size_t len = (size_t)config_setting_length(s);
	if (len > max)
		return setting_error(err, s, "expected at most %zu values, got %zu", max, len);
	for (size_t i = 0; i < len; i++) {
		const config_setting_t *x = config_setting_get_elem(s, (unsigned)i);
		if (days >= 0 ? read_dist_value(x, days, &v[i], err) : value_number(x, "a number", &v[i], err))
			return -1;
	}
	*n = len;
	return 0;
}

static int apply_dist(const struct schema_entry *e, struct dist *d, const config_setting_t *s,
		      struct js_error *err)
{
	int days = e->type == ST_DIST_DAYS;
	if (is_number(s) || (days && config_setting_type(s) == CONFIG_TYPE_STRING)) {
		double v;
		if (read_dist_value(s, days, &v, err))
			return -1;
		memset(d, 0, sizeof *d);
		d->type = &dist_fixed;
		d->mean = v;
		return 0;
	}
	if (!config_setting_is_group(s))
		return value_type_error(s,
				  days ? "a distribution like { dist = \"exponential\"; mean = \"2 d\"; } or a fixed duration"
				       : "a distribution like { dist = \"fixed\"; mean = 3; } or a number",
				  err);
	if (check_keys(s, dist_keys, DIST_KEY_COUNT, err))
		return -1;

	const config_setting_t *kind = config_setting_get_member(s, "dist");
	if (kind) {
		const char *names[16];
		size_t n = 0;
		for (size_t i = 0; dist_types[i] && n < 16; i++)
			names[n++] = dist_types[i]->name;
		const char *name = config_setting_type(kind) == CONFIG_TYPE_STRING
					   ? config_setting_get_string(kind)
					   : NULL;
		const struct dist_type *t = dist_type_find(name);
		if (!t || !dist_param_names(t)) {
			char hint[512], got[128];
			suggest(name ? name : "", names, n, hint, sizeof hint);
			setting_got(kind, got, sizeof got);
			return setting_error(err, kind, "expected a distribution kind, got %s%s", got, hint);
		}
		memset(d, 0, sizeof *d); /* a kind starts a new distribution */
		d->type = t;
	} else if (!d->type) {
		return setting_error(err, s, "expected dist = \"<kind>\" in a new distribution, got none");
	}

	/* without `dist`, the given parameters change the distribution already there */
	const char *const *allowed = dist_param_names(d->type);
	char list[128] = "";
	for (size_t i = 0; allowed[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", allowed[i]);
	const config_setting_t *values = NULL, *weights = NULL;
	size_t n_values = 0, n_weights = 0;
	double vv[DIST_EMPIRICAL_MAX], ww[DIST_EMPIRICAL_MAX];
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
		const char *key = config_setting_name(m);
		if (strcmp(key, "dist") == 0)
			continue;
		int ok = 0;
		for (size_t j = 0; allowed[j]; j++)
			ok |= strcmp(allowed[j], key) == 0;
		if (!ok)
			return setting_error(err, m, "expected a parameter of the %s distribution (%s), got %s",
					     d->type->name, list, key);
		double v;
		if (strcmp(key, "cv") == 0) {
			if (value_number(m, "a number", &d->cv, err))
				return -1;
		} else if (strcmp(key, "k") == 0) {
			if (value_whole(m, "an integer >= 1", &v, err))
				return -1;
			if (v < 1 || v > INT32_MAX)
				return value_type_error(m, "an integer >= 1", err);
			d->k = (unsigned)v;
		} else if (strcmp(key, "values") == 0) {
			if (read_list(m, days, vv, DIST_EMPIRICAL_MAX, &n_values, err))
				return -1;
			values = m;
		} else if (strcmp(key, "weights") == 0) {
			if (read_list(m, -1, ww, DIST_EMPIRICAL_MAX, &n_weights, err))
				return -1;
			weights = m;
		} else {
			if (read_dist_value(m, days, &v, err))
				return -1;
			if (strcmp(key, "mean") == 0)
				d->mean = v;
			else if (strcmp(key, "min") == 0)
				d->min = v;
			else if (strcmp(key, "mode") == 0)
				d->mode = v;
			else
				d->max = v;
		}
	}
	if (values || weights) {
		if (!values || !weights)
			return setting_error(err, values ? values : weights,
					     "expected values and weights given together, got only %s",
					     values ? "values" : "weights");
		if (n_values != n_weights)
			return setting_error(err, weights, "expected as many weights as values (%zu), got %zu",
					     n_values, n_weights);
		memset(d->values, 0, sizeof d->values);
		memset(d->weights, 0, sizeof d->weights);
		memcpy(d->values, vv, n_values * sizeof vv[0]);
		memcpy(d->weights, ww, n_weights * sizeof ww[0]);
		d->n = n_values;
	}
	return 0;
}

/* ---- rate profile ---- */

static const char *const profile_keys[] = {"period", "start", "multiplier"};

static int apply_profile(struct rate_profile *p, const config_setting_t *s, struct js_error *err)
{
	if (!config_setting_is_group(s))
		return value_type_error(s, "a group { period = \"1 y\"; start = [...]; multiplier = [...]; }", err);
	if (check_keys(s, profile_keys, 3, err))
		return -1;
	struct rate_profile q;
	memset(&q, 0, sizeof q);
	const config_setting_t *period = config_setting_get_member(s, "period");
	const config_setting_t *start = config_setting_get_member(s, "start");
	const config_setting_t *mult = config_setting_get_member(s, "multiplier");
	if (period) {
		if (read_duration(period, "a duration >= 0", &q.period, err))
			return -1;
		if (q.period < 0)
			return value_type_error(period, "a duration >= 0", err);
	}
	if (!start != !mult)
		return setting_error(err, start ? start : mult,
				     "expected start and multiplier given together, got only %s",
				     start ? "start" : "multiplier");
	size_t ns = 0, nm = 0;
	if (start) {
		if (read_list(start, 1, q.start, PROFILE_MAX, &ns, err) ||
		    read_list(mult, -1, q.multiplier, PROFILE_MAX, &nm, err))
			return -1;
		if (nm != ns)
			return setting_error(err, mult, "expected as many multipliers as starts (%zu), got %zu", ns, nm);
		for (size_t i = 0; i < ns; i++) {
			const config_setting_t *x = config_setting_get_elem(start, (unsigned)i);
			char got[128], lim[48];
			setting_got(x, got, sizeof got);
			if (q.start[i] < 0)
				return setting_error(err, x, "expected a duration >= 0, got %s", got);
			if (i > 0 && !(q.start[i] > q.start[i - 1]))
				return setting_error(err, x, "expected a start later than the one before, got %s", got);
			if (q.period > 0 && !(q.start[i] < q.period)) {
				duration_format(q.period, lim, sizeof lim);
				return setting_error(err, x, "expected a start before the period (%s), got %s", lim, got);
			}
			if (q.multiplier[i] < 0)
				return value_type_error(config_setting_get_elem(mult, (unsigned)i), "a number >= 0", err);
		}
	}
	q.n = ns;
	memcpy(p, &q, sizeof q);
	return 0;
}

/* ---- one entry ---- */

static void *field_at(const struct schema_entry *e, void *base)
{
	return (char *)base + e->offset;
}

static int apply_entry(const struct schema_entry *e, void *base, const config_setting_t *s,
		       struct js_error *err)
{
	char expect[160];
	double v;
	schema_expect(e, expect, sizeof expect);
	switch (e->type) {
	case ST_NUMBER:
		if (value_number(s, expect, &v, err))
			return -1;
		break;
	case ST_DURATION:
		if (read_duration(s, expect, &v, err))
			return -1;
		break;
	case ST_UINT:
		if (value_whole(s, expect, &v, err))
			return -1;
		break;
	case ST_SEED: {
		int t = config_setting_type(s);
		long long x = t == CONFIG_TYPE_INT ? config_setting_get_int(s)
			      : t == CONFIG_TYPE_INT64 ? config_setting_get_int64(s)
						       : -1;
		if (x < 0)
			return value_type_error(s, "a seed: an integer >= 0 (64-bit values with L)", err);
		*(uint64_t *)field_at(e, base) = (uint64_t)x;
		return 0;
	}
	case ST_TEXT: {
		const char *t;
		if (value_text(s, e->size, "text", &t, err))
			return -1;
		if (!t[0])
			return value_type_error(s, "a non-empty text", err);
		text_copy(field_at(e, base), e->size, t);
		return 0;
	}
	case ST_DIST_DAYS:
	case ST_DIST_COUNT:
		return apply_dist(e, field_at(e, base), s, err);
	case ST_PROFILE:
		return apply_profile(field_at(e, base), s, err);
	}
	if (schema_check(e, v))
		return value_type_error(s, expect, err);
	if (e->type == ST_UINT)
		*(unsigned *)field_at(e, base) = (unsigned)v;
	else
		*(double *)field_at(e, base) = v;
	return 0;
}

/* ---- groups ---- */

/* Is prefix a group of the table (some path starts with "prefix.")? */
static int is_group(const struct schema_table *t, const char *prefix)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < t->n; i++)
		if (strncmp(t->entries[i].path, prefix, n) == 0 && t->entries[i].path[n] == '.')
			return 1;
	return 0;
}

/* The keys valid directly under prefix ("" for the top). */
static size_t keys_under(const struct schema_table *t, const char *prefix, char names[][48],
			 size_t max)
{
	size_t n = 0, lp = strlen(prefix);
	for (size_t i = 0; i < t->n; i++) {
		const char *p = t->entries[i].path;
		if (lp) {
			if (strncmp(p, prefix, lp) != 0 || p[lp] != '.')
				continue;
			p += lp + 1;
		}
		size_t len = strcspn(p, ".");
		size_t j = 0;
		while (j < n && !(strlen(names[j]) == len && strncmp(names[j], p, len) == 0))
			j++;
		if (j == n && n < max && len < 48) {
			memcpy(names[n], p, len);
			names[n][len] = 0;
			n++;
		}
	}
	return n;
}

static int apply_group(const struct schema_table *t, void *base, const config_setting_t *g,
		       const char *prefix, struct js_error *err)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
		char path[256];
		snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", config_setting_name(m));
		const struct schema_entry *e = schema_find(t, path);
		if (e) {
			if (apply_entry(e, base, m, err))
				return -1;
		} else if (is_group(t, path)) {
			if (!config_setting_is_group(m))
				return value_type_error(m, "a group { ... }", err);
			if (apply_group(t, base, m, path, err))
				return -1;
		} else {
			char names[64][48], hint[1024];
			const char *cands[64];
			size_t n = keys_under(t, prefix, names, 64);
			for (size_t j = 0; j < n; j++)
				cands[j] = names[j];
			suggest(config_setting_name(m), cands, n, hint, sizeof hint);
			return setting_error(err, m, "expected a known key, got \"%s\"%s", config_setting_name(m),
					     hint);
		}
	}
	return 0;
}

int values_apply(const struct schema_table *t, void *base, const config_setting_t *group,
		 struct js_error *err)
{
	if (!config_setting_is_group(group))
		return value_type_error(group, "a group { ... }", err);
	return apply_group(t, base, group, "", err);
}

void values_apply_default(const struct schema_entry *e, void *base)
{
	/* the default text goes through the same reader as a config file */
	struct source src;
	memset(&src, 0, sizeof src);
	char name[] = "(built-in default)";
	char *files[1] = {name};
	struct line_origin map = {0, 1};
	src.files = files;
	src.n_files = 1;
	src.map = &map;
	src.n_lines = 1;
	config_init(&src.cfg);
	char text[512];
	snprintf(text, sizeof text, "v = %s;", e->def);
	int ok = config_read_string(&src.cfg, text);
	struct js_error err;
	js_error_clear(&err);
	int rc = ok ? apply_entry(e, base, config_lookup(&src.cfg, "v"), &err) : -1;
	assert(ok && rc == 0 && "schema default must be valid");
	(void)rc;
	config_destroy(&src.cfg);
}
