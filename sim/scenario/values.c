/*
 * values.c - reading the settings the schema describes from config values:
 * numbers (integers accepted where decimals are expected), durations, whole
 * numbers, text, distributions and rate profiles, each checked against its
 * range, every error located at the setting that holds the value.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

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
	const gchar *bad;
	if (!g_utf8_validate(t, -1, &bad)) /* charts and run.json need valid UTF-8 */
		return setting_error(err, s, "expected %s in UTF-8, got the byte 0x%02x at byte %zu", what,
				     (unsigned char)*bad, (size_t)(bad - t) + 1);
	*out = t;
	return 0;
}

/* ---- names and choices ---- */

#define NAME_CHARS " (letters, digits, _ or -)"

int value_name(const config_setting_t *g, const char *what, const char **name, struct js_error *err)
{
	char expect[128], path[1024];
	snprintf(expect, sizeof expect, "%s" NAME_CHARS, what);
	const config_setting_t *ns = config_setting_get_member(g, "name");
	if (!ns) {
		setting_path(g, path, sizeof path);
		return setting_error_at(err, g, strcat(path, ".name"), "expected %s, got nothing", expect);
	}
	if (value_text(ns, NAME_LEN, expect, name, err))
		return -1;
	if (!name_valid(*name))
		return value_type_error(ns, expect, err);
	return 0;
}

int value_name_once(const config_setting_t *list, int i, const config_setting_t *at, const char *name,
		    const char *once, struct js_error *err)
{
	for (int j = 0; j < i; j++) {
		const char *other;
		if (config_setting_lookup_string(config_setting_get_elem(list, (unsigned)j), "name", &other) &&
		    strcmp(other, name) == 0)
			return setting_error(err, at, "expected %s, got \"%s\" again", once, name);
	}
	return 0;
}

int value_choice(const config_setting_t *s, const char *const *names, size_t n, const char *what, int *idx,
		 struct js_error *err)
{
	char expect[256];
	size_t o;
	if (what) { /* "a focus (cost, revenue, experience)" */
		o = (size_t)snprintf(expect, sizeof expect, "%s (", what);
		for (size_t i = 0; i < n && o < sizeof expect; i++)
			o += (size_t)snprintf(expect + o, sizeof expect - o, "%s%s", i ? ", " : "", names[i]);
		if (o < sizeof expect)
			snprintf(expect + o, sizeof expect - o, ")");
	} else { /* one of "grid", "lhs" */
		o = (size_t)snprintf(expect, sizeof expect, "one of");
		for (size_t i = 0; i < n && o < sizeof expect; i++)
			o += (size_t)snprintf(expect + o, sizeof expect - o, "%s \"%s\"", i ? "," : "", names[i]);
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return value_type_error(s, expect, err);
	const char *v = config_setting_get_string(s);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, names[i]) == 0) {
			*idx = (int)i;
			return 0;
		}
	char hint[512] = "";
	suggest(v, names, n, hint, sizeof hint);
	if (strncmp(hint, " (did", 5) != 0)
		hint[0] = 0; /* the expectation already lists them */
	return setting_error(err, s, "expected %s, got \"%s\"%s", expect, v, hint);
}

/* ---- distributions ---- */

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

/* The kind named by `dist`, with a suggestion when it is unknown. */
static int read_dist_kind(const config_setting_t *kind, const struct dist_type **t, struct js_error *err)
{
	const char *names[16];
	size_t n = 0;
	for (size_t i = 0; dist_types[i] && n < 16; i++)
		names[n++] = dist_types[i]->name;
	const char *name = config_setting_type(kind) == CONFIG_TYPE_STRING ? config_setting_get_string(kind) : NULL;
	if ((*t = dist_type_find(name)))
		return 0;
	char hint[512], got[128];
	suggest(name ? name : "", names, n, hint, sizeof hint);
	setting_got(kind, got, sizeof got);
	return setting_error(err, kind, "expected a distribution kind, got %s%s", got, hint);
}

/* One parameter m of a distribution into d; lists go to vv or ww with their length. */
static int read_dist_param(const struct dist_param *p, const config_setting_t *m, int days, struct dist *d,
			   double *vv, size_t *n_values, double *ww, size_t *n_weights, struct js_error *err)
{
	double v;
	switch (p->kind) {
	case DIST_PARAM_VALUE:
		return read_dist_value(m, days, (double *)(void *)((char *)d + p->offset), err);
	case DIST_PARAM_CV:
		return value_number(m, "a number", (double *)(void *)((char *)d + p->offset), err);
	case DIST_PARAM_K:
		if (value_whole(m, "an integer >= 1", &v, err))
			return -1;
		if (v < 1 || v > INT32_MAX)
			return value_type_error(m, "an integer >= 1", err);
		d->k = (unsigned)v;
		return 0;
	case DIST_PARAM_VALUES:
		return read_list(m, days, vv, DIST_EMPIRICAL_MAX, n_values, err);
	case DIST_PARAM_WEIGHTS:
		return read_list(m, -1, ww, DIST_EMPIRICAL_MAX, n_weights, err);
	}
	return -1;
}

static int apply_dist(const struct schema_entry *e, struct dist *d, const config_setting_t *s,
		      struct js_error *err)
{
	int days = e->type == ST_DIST_DAYS;
	if (is_number(s) || (days && config_setting_type(s) == CONFIG_TYPE_STRING)) {
		double v;
		if (read_dist_value(s, days, &v, err))
			return -1;
		memset(d, 0, sizeof *d); /* memset, not `=`: structs compare with memcmp */
		d->type = &dist_fixed;
		d->mean = v;
		return 0;
	}
	if (!config_setting_is_group(s))
		return value_type_error(s,
				  days ? "a distribution like { dist = \"exponential\"; mean = \"2 d\"; } or a fixed duration"
				       : "a distribution like { dist = \"fixed\"; mean = 3; } or a number",
				  err);
	const char *keys[16] = {"dist"};
	size_t n_keys = 1;
	for (const struct dist_param *p = dist_params; p->name && n_keys < 16; p++)
		keys[n_keys++] = p->name;
	if (check_keys(s, keys, n_keys, err))
		return -1;

	const config_setting_t *kind = config_setting_get_member(s, "dist");
	if (kind) {
		const struct dist_type *t;
		if (read_dist_kind(kind, &t, err))
			return -1;
		memset(d, 0, sizeof *d); /* a kind starts a new distribution */
		d->type = t;
	} else if (!d->type) {
		return setting_error(err, s, "expected dist = \"<kind>\" in a new distribution, got none");
	}

	/* without `dist`, the given parameters change the distribution already there */
	char list[128] = "";
	for (size_t i = 0; i < DIST_PARAMS_MAX && d->type->params[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", d->type->params[i]);
	const config_setting_t *values = NULL, *weights = NULL;
	size_t n_values = 0, n_weights = 0;
	double vv[DIST_EMPIRICAL_MAX], ww[DIST_EMPIRICAL_MAX];
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
		const char *key = config_setting_name(m);
		if (strcmp(key, "dist") == 0)
			continue;
		if (!dist_type_has(d->type, key))
			return setting_error(err, m, "expected a parameter of the %s distribution (%s), got %s",
					     d->type->name, list, key);
		const struct dist_param *p = dist_param_find(key);
		if (read_dist_param(p, m, days, d, vv, &n_values, ww, &n_weights, err))
			return -1;
		if (p->kind == DIST_PARAM_VALUES)
			values = m;
		else if (p->kind == DIST_PARAM_WEIGHTS)
			weights = m;
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
			if (q.multiplier[i] > PROFILE_MULTIPLIER_MAX) {
				char expect[128];
				snprintf(expect, sizeof expect,
					 "a number >= 0 and at most %g (more arrivals a day than a run can simulate)",
					 PROFILE_MULTIPLIER_MAX);
				return value_type_error(config_setting_get_elem(mult, (unsigned)i), expect, err);
			}
		}
	}
	q.n = ns;
	memcpy(p, &q, sizeof q);
	return 0;
}

/* ---- one entry ---- */

#define SEED_EXPECT "a seed: an integer in [0, 2^64-1] (above 2^31-1 with L, above 2^63-1 as a string of digits)"

/* A seed: an integer literal (64-bit with L) or, to reach 2^64-1, a string of
 * decimal digits. Literals libconfig clamped are refused in source.c. */
static int read_seed(const config_setting_t *s, uint64_t *seed, struct js_error *err)
{
	int t = config_setting_type(s);
	if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
		long long x = t == CONFIG_TYPE_INT ? config_setting_get_int(s) : config_setting_get_int64(s);
		if (x < 0)
			return value_type_error(s, SEED_EXPECT, err);
		*seed = (uint64_t)x;
		return 0;
	}
	if (t != CONFIG_TYPE_STRING)
		return value_type_error(s, SEED_EXPECT, err);
	const char *text = config_setting_get_string(s);
	size_t n = strspn(text, "0123456789");
	if (n == 0 || text[n] || n > 20)
		return value_type_error(s, SEED_EXPECT, err);
	errno = 0;
	unsigned long long x = strtoull(text, NULL, 10);
	if (errno == ERANGE || x > UINT64_MAX)
		return value_type_error(s, SEED_EXPECT, err);
	*seed = (uint64_t)x;
	return 0;
}

static void *field_at(const struct schema_entry *e, void *base)
{
	return (char *)base + e->offset;
}

static int apply_entry(const struct schema_entry *e, void *base, const config_setting_t *s,
		       struct js_error *err)
{
	char expect[256];
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
	case ST_SEED:
		return read_seed(s, (uint64_t *)field_at(e, base), err);
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
	case ST_CHOICE: {
		size_t n = 0;
		while (e->choices[n])
			n++;
		return value_choice(s, e->choices, n, "one of", (int *)field_at(e, base), err);
	}
	}
	int rc = schema_check(e, v);
	if (rc > 0)
		schema_expect_at_most(e, expect, sizeof expect);
	if (rc)
		return value_type_error(s, expect, err);
	if (e->type == ST_UINT)
		*(unsigned *)field_at(e, base) = (unsigned)v;
	else
		*(double *)field_at(e, base) = v;
	return 0;
}

int values_apply_entry(const struct schema_entry *e, void *base, const config_setting_t *s, struct js_error *err)
{
	return apply_entry(e, base, s, err);
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
		} else if (strcmp(path, "technology.p_inadequate") == 0 || strcmp(path, "technology.p_changed") == 0) {
			return setting_error(err, m,
					     "expected technology.p_redo, got the removed key \"%s\" (survey shares are not "
					     "rates: use technology.p_redo, docs/model.md section M4)",
					     config_setting_name(m));
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

void values_defaults(const struct schema_table *t, void *base)
{
	for (size_t i = 0; i < t->n; i++)
		values_apply_default(&t->entries[i], base);
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
