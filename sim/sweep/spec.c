/*
 * spec.c - the sweep group of a scenario file: read, check, resolve.
 *
 *   sweep = {
 *     design = "grid";            # grid | lhs | sobol | oat
 *     points = 64;                # lhs and sobol
 *     replications = 10;          # default run.replications
 *     seeds = "common";           # common | per_point
 *     metrics = ["margin"];       # default: every metric
 *     parameters = (
 *       { path = "handoff.delay_boundary"; values = ["0.5 d", "1 d"]; },
 *       { path = "sales.pool.servers"; from = 20; to = 30; step = 2; },
 *       { path = "technology.lead_time.it"; low = "20 d"; high = "120 d"; }
 *     );
 *   };
 *
 * The file is read with the scenario loader's own reader (sim/scenario
 * source.c: @include expansion with its line map, the 32-bit integer check)
 * and every error is reported as the loader reports its own:
 * "file:line: sweep.parameters[1].path: expected X, got Y". Every value is
 * checked against every scenario (scenario_param_set's range checks) before
 * anything runs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>

#include "settings.h"
#include "sweep_internal.h"

const char *const sweep_design_names[SWEEP_DESIGN_COUNT] = {"grid", "lhs", "sobol", "oat", "worlds"};

static const char *const sweep_keys[] = {"design", "points", "replications", "seeds", "metrics", "metric", "contrast",
					 "parameters", "periods"};
static const char *const param_keys[] = {"path", "from", "to", "step", "count", "values", "low", "high", "base"};
static const char *const seeds_names[] = {"common", "per_point"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct value_index {
	double v;
	size_t i;
};

struct spec {
	const struct scenario_file *f;
	struct sweep_plan *p;
	struct scenario *scratch; /* a copy of a scenario to try values on */
	struct js_error *err;
};

/* "path.member" of a member that is missing from group g. */
static void member_path(const config_setting_t *g, const char *member, char *buf, size_t len)
{
	char up[1024];
	setting_path(g, up, sizeof up);
	snprintf(buf, len, "%s.%s", up, member);
}

static int missing(struct spec *c, const config_setting_t *g, const char *member, const char *expect)
{
	char path[1100];
	member_path(g, member, path, sizeof path);
	return setting_error_at(c->err, g, path, "expected %s, got nothing", expect);
}

static int type_error(struct spec *c, const config_setting_t *s, const char *expect)
{
	char got[256];
	setting_got(s, got, sizeof got);
	return setting_error(c->err, s, "expected %s, got %s", expect, got);
}

static int setting_is_number(const config_setting_t *s)
{
	int t = config_setting_type(s);
	return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double setting_number(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT: return config_setting_get_int(s);
	case CONFIG_TYPE_INT64: return (double)config_setting_get_int64(s);
	default: return config_setting_get_float(s);
	}
}

/* Formats a parameter value as written: a duration for durations. */
static void param_value_text(const struct sweep_param *prm, double v, char *buf, size_t len)
{
	if (prm->duration)
		duration_format(v, buf, len);
	else
		number_format_shortest(v, buf, len);
}

/* A value of parameter prm: a number, or a duration text for durations. */
static int read_value(struct spec *c, const config_setting_t *s, const struct sweep_param *prm, double *v)
{
	const char *expect = prm->duration ? "a number of days or a duration such as \"2 d\"" : "a number";
	if (setting_is_number(s)) {
		*v = setting_number(s);
		if (!isfinite(*v))
			return type_error(c, s, expect);
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING || !prm->duration)
		return type_error(c, s, expect);
	const char *text = config_setting_get_string(s);
	char why[160];
	if (duration_parse(text, v, why, sizeof why) != 0)
		return setting_error(c->err, s, "expected %s, got \"%s\" (%s)", expect, text, why);
	return 0;
}

static int read_whole(struct spec *c, const config_setting_t *s, double min, double max, const char *expect,
		      double *v)
{
	if (!setting_is_number(s))
		return type_error(c, s, expect);
	*v = setting_number(s);
	if (!isfinite(*v) || *v != floor(*v) || *v < min || *v > max)
		return type_error(c, s, expect);
	return 0;
}

/* ---- one parameter ---- */

/* The " (did you mean ...?)" part of scenario_param_set's message for an unknown path. */
static void path_hint(struct spec *c, const char *path, char *hint, size_t len)
{
	struct js_error e;
	js_error_clear(&e);
	*c->scratch = c->f->scenarios[0];
	snprintf(hint, len, " (see docs/config.md)");
	if (scenario_param_set(c->scratch, path, 0, &e) == 0)
		return;
	const char *a = strstr(e.msg, " (did you mean");
	const char *b = a ? strstr(a, "?)") : NULL;
	if (a && b && (size_t)(b + 2 - a) < len)
		snprintf(hint, len, "%.*s", (int)(b + 2 - a), a);
}

static int read_path(struct spec *c, const config_setting_t *g, struct sweep_param *prm, size_t j)
{
	const config_setting_t *s = config_setting_get_member(g, "path");
	if (!s)
		return missing(c, g, "path", "a parameter path such as \"handoff.delay_boundary\"");
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return type_error(c, s, "a parameter path such as \"handoff.delay_boundary\"");
	const char *path = config_setting_get_string(s);
	double v;
	/* a path that some swept scenario has (an owner only some models have) */
	int found = param_run_entry(path) != NULL; /* run.horizon, run.period */
	for (size_t i = 0; strlen(path) < SWEEP_PATH_LEN && i < c->f->n_scenarios && !found; i++)
		found = scenario_param_get(&c->f->scenarios[i], path, &v) == 0;
	if (!found && strncmp(path, "ownership.owners.", 17) == 0) {
		char owners[1024] = "";
		for (size_t i = 0; i < c->f->n_scenarios; i++)
			for (unsigned k = 0; k < c->f->scenarios[i].ownership.n_owners; k++) {
				const char *o = c->f->scenarios[i].ownership.owners[k].name;
				char quoted[NAME_LEN + 4];
				snprintf(quoted, sizeof quoted, " %s,", o);
				if (!strstr(owners, quoted))
					snprintf(owners + strlen(owners), sizeof owners - strlen(owners), "%s", quoted);
			}
		if (*owners)
			owners[strlen(owners) - 1] = 0;
		return setting_error(c->err, s,
				     "expected ownership.owners.NAME.cost_per_year with an owner of one of the swept "
				     "scenarios' models (owners:%s), got \"%s\": no scenario's model has that owner",
				     owners, path);
	}
	if (!found) {
		char hint[512];
		path_hint(c, path, hint, sizeof hint);
		return setting_error(c->err, s, "expected a numeric company parameter%s, got \"%s\"", hint, path);
	}
	for (size_t i = 0; i < j; i++)
		if (strcmp(c->p->params[i].path, path) == 0)
			return setting_error(c->err, s, "expected each parameter once, got \"%s\" again", path);
	snprintf(prm->path, sizeof prm->path, "%s", path);
	param_describe(path, prm->unit, sizeof prm->unit, &prm->integer, &prm->duration);
	return 0;
}

static int levels_alloc(struct spec *c, const config_setting_t *at, struct sweep_param *prm, size_t n)
{
	if (n > SWEEP_POINTS_MAX)
		return setting_error(c->err, at, "expected at most %u values, got %zu", SWEEP_POINTS_MAX, n);
	prm->levels = calloc(n, sizeof *prm->levels);
	if (!prm->levels)
		return js_error_set(c->err, EX_OSERR, "out of memory");
	prm->n_levels = n;
	return 0;
}

static int cmp_value_index(const void *a, const void *b)
{
	const struct value_index *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The lowest index that repeats an earlier value of v[0..n) (== as the
 * points compare, so -0 repeats 0), by sorting (value, index) pairs: long
 * lists stay O(n log n). 1 with *at set, 0 when all differ, -1 when memory
 * is short. */
static int first_repeat(const double *v, size_t n, size_t *at)
{
	struct value_index *s = malloc((n ? n : 1) * sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		s[i] = (struct value_index){v[i], i};
	qsort(s, n, sizeof *s, cmp_value_index);
	/* sorted by value then index, an entry equal to the one before it repeats an earlier value */
	size_t first = SIZE_MAX;
	for (size_t i = 1; i < n; i++)
		if (s[i].v == s[i - 1].v && s[i].i < first)
			first = s[i].i;
	free(s);
	*at = first;
	return first != SIZE_MAX;
}

static int read_list(struct spec *c, const config_setting_t *s, struct sweep_param *prm)
{
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return type_error(c, s, "a list of values [a, b, ...]");
	int n = config_setting_length(s);
	if (n == 0)
		return setting_error(c->err, s, "expected at least one value, got an empty list");
	if (levels_alloc(c, s, prm, (size_t)n))
		return -1;
	int i = 0;
	while (i < n && read_value(c, config_setting_get_elem(s, (unsigned)i), prm, &prm->levels[i]) == 0)
		i++;
	/* a value given twice before the first unreadable one is the error, as if checked in order */
	size_t again = 0;
	int dup = first_repeat(prm->levels, (size_t)i, &again);
	if (dup < 0)
		return js_error_set(c->err, EX_OSERR, "out of memory");
	if (dup) {
		char t[64];
		param_value_text(prm, prm->levels[again], t, sizeof t);
		return setting_error(c->err, config_setting_get_elem(s, (unsigned)again),
				     "expected each value once, got %s again", t);
	}
	if (i < n)
		return -1; /* read_value's error */
	prm->kind = SWEEP_LIST;
	return 0;
}

static int read_range(struct spec *c, const config_setting_t *g, struct sweep_param *prm)
{
	const config_setting_t *from = config_setting_get_member(g, "from"), *to = config_setting_get_member(g, "to");
	const config_setting_t *step = config_setting_get_member(g, "step"), *count = config_setting_get_member(g, "count");
	if (!from)
		return missing(c, g, "from", "the first value of the range (from, to, and step or count)");
	if (!to)
		return missing(c, g, "to", "the last value of the range (from, to, and step or count)");
	if (read_value(c, from, prm, &prm->from) || read_value(c, to, prm, &prm->to))
		return -1;
	if (step && count)
		return setting_error(c->err, count, "expected either step or count, got both");
	if (!step && !count)
		return missing(c, g, "step", "a step (or a count) with from and to");
	char a[64], b[64], t[64];
	param_value_text(prm, prm->from, a, sizeof a);
	param_value_text(prm, prm->to, b, sizeof b);
	size_t n;
	if (step) {
		if (read_value(c, step, prm, &prm->step))
			return -1;
		param_value_text(prm, prm->step, t, sizeof t);
		if (prm->step == 0)
			return setting_error(c->err, step, "expected a step other than 0, got %s", t);
		if ((prm->to - prm->from) * prm->step < 0)
			return setting_error(c->err, step, "expected a step %s 0 to go from %s to %s, got %s",
					     prm->to > prm->from ? ">" : "<", a, b, t);
		double span = (prm->to - prm->from) / prm->step;
		if (!(span < SWEEP_POINTS_MAX))
			return setting_error(c->err, step, "expected at most %u values, got a step of %s from %s to %s",
					     SWEEP_POINTS_MAX, t, a, b);
		/* a hair of tolerance so that 0.1 steps reach their end */
		n = (size_t)floor(span + 1e-9) + 1;
		prm->kind = SWEEP_RANGE_STEP;
	} else {
		double v;
		if (read_whole(c, count, 0, SWEEP_POINTS_MAX, "a count of values, a whole number >= 1", &v))
			return -1;
		if (v == 0)
			return setting_error(c->err, count, "expected a count >= 1, got 0 (an empty range)");
		if (v == 1 && prm->from != prm->to)
			return setting_error(c->err, count, "expected a count >= 2 to go from %s to %s, got 1", a, b);
		if (v > 1 && prm->from == prm->to)
			return setting_error(c->err, count, "expected a count of 1 from %s to itself, got %.0f", a, v);
		n = (size_t)v;
		prm->count = (unsigned)v;
		prm->kind = SWEEP_RANGE_COUNT;
	}
	if (levels_alloc(c, g, prm, n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		double x;
		if (prm->kind == SWEEP_RANGE_STEP)
			x = prm->from + (double)i * prm->step;
		else
			x = n == 1 ? prm->from : prm->from + (prm->to - prm->from) * (double)i / (double)(n - 1);
		/* land exactly on `to` when the range reaches it */
		if (fabs(x - prm->to) <= 1e-9 * fabs(prm->to - prm->from))
			x = prm->to;
		prm->levels[i] = x;
	}
	return 0;
}

static int read_bounds(struct spec *c, const config_setting_t *g, struct sweep_param *prm)
{
	const config_setting_t *low = config_setting_get_member(g, "low"), *high = config_setting_get_member(g, "high");
	if (!low)
		return missing(c, g, "low", "the lower bound (low and high)");
	if (!high)
		return missing(c, g, "high", "the upper bound (low and high)");
	if (read_value(c, low, prm, &prm->low) || read_value(c, high, prm, &prm->high))
		return -1;
	char a[64], b[64];
	param_value_text(prm, prm->low, a, sizeof a);
	param_value_text(prm, prm->high, b, sizeof b);
	if (!(prm->low < prm->high))
		return setting_error(c->err, high, "expected a bound above low (%s), got %s", a, b);
	if (prm->integer && (prm->low != floor(prm->low) || prm->high != floor(prm->high)))
		return setting_error(c->err, prm->low != floor(prm->low) ? low : high,
				     "expected whole numbers for %s, got %s to %s", prm->path, a, b);
	prm->kind = SWEEP_BOUNDS;
	return 0;
}

/* Tries value v of parameter j on every scenario: the loader's range checks.
 * The setting's path is made only for an error (config_setting_index is a
 * linear search: per value it made long lists quadratic). */
static int try_value(struct spec *c, const config_setting_t *at, const struct sweep_param *prm, double v)
{
	if (param_run_entry(prm->path)) {
		char why[256], at_path[1100];
		if (param_run_check(&c->f->run, prm->path, v, why, sizeof why) == 0)
			return 0;
		setting_path(at, at_path, sizeof at_path);
		return setting_error_at(c->err, at, at_path, "%s", why);
	}
	for (size_t s = 0; s < c->f->n_scenarios; s++) {
		double old;
		if (scenario_param_get(&c->f->scenarios[s], prm->path, &old) != 0)
			continue; /* an owner this scenario's model does not have */
		*c->scratch = c->f->scenarios[s];
		struct js_error e;
		js_error_clear(&e);
		if (scenario_param_set(c->scratch, prm->path, v, &e) == 0)
			continue;
		/* "path: expected ..., got ..." -> the setting's own path */
		const char *msg = e.msg;
		size_t lp = strlen(prm->path);
		if (strncmp(msg, prm->path, lp) == 0 && strncmp(msg + lp, ": ", 2) == 0)
			msg += lp + 2;
		char scen[NAME_LEN + 32] = "";
		if (s > 0)
			snprintf(scen, sizeof scen, " (scenario \"%s\")", c->f->scenarios[s].name);
		char at_path[1100];
		setting_path(at, at_path, sizeof at_path);
		return setting_error_at(c->err, at, at_path, "%s%s", msg, scen);
	}
	return 0;
}

static int check_values(struct spec *c, const config_setting_t *g, struct sweep_param *prm)
{
	const config_setting_t *list = config_setting_get_member(g, "values");
	if (prm->kind == SWEEP_BOUNDS) {
		const config_setting_t *lo = config_setting_get_member(g, "low"), *hi = config_setting_get_member(g, "high");
		if (try_value(c, lo, prm, prm->low))
			return -1;
		if (try_value(c, hi, prm, prm->high))
			return -1;
		if (prm->base_given) {
			const config_setting_t *b = config_setting_get_member(g, "base");
			return try_value(c, b, prm, prm->base);
		}
		return 0;
	}
	/* a value of a range is reported at from (the first) or at step or count (the others) */
	const char *by = config_setting_get_member(g, "step") ? "step" : "count";
	for (size_t i = 0; i < prm->n_levels; i++) {
		const config_setting_t *at = list ? config_setting_get_elem(list, (unsigned)i)
					   : config_setting_get_member(g, i == 0 ? "from" : by);
		if (try_value(c, at, prm, prm->levels[i]))
			return -1;
	}
	return 0;
}

static int read_param(struct spec *c, const config_setting_t *g, size_t j)
{
	struct sweep_param *prm = &c->p->params[j];
	if (!config_setting_is_group(g))
		return type_error(c, g, "a parameter { path = \"...\"; values = [...]; }");
	if (check_keys(g, param_keys, COUNT(param_keys), c->err) || read_path(c, g, prm, j))
		return -1;
	int has_list = config_setting_get_member(g, "values") != NULL;
	int has_range = config_setting_get_member(g, "from") || config_setting_get_member(g, "to") ||
			config_setting_get_member(g, "step") || config_setting_get_member(g, "count");
	int has_bounds = config_setting_get_member(g, "low") || config_setting_get_member(g, "high");
	const config_setting_t *base = config_setting_get_member(g, "base");
	if (has_list + has_range + has_bounds > 1)
		return setting_error(c->err, g, "expected one of values = [...], from/to with step or count, or "
						"low/high bounds, got %s",
				     has_list && has_range ? "values and a range"
				     : has_list           ? "values and bounds"
							  : "a range and bounds");
	enum sweep_design d = c->p->design;
	int wants_bounds = d != SWEEP_GRID;
	if (wants_bounds && !has_bounds)
		return setting_error(c->err, g, "expected low and high bounds for a%s %s design, got %s",
				     d == SWEEP_OAT ? "n" : "", sweep_design_names[d],
				     has_list ? "a list of values" : has_range ? "a range" : "neither");
	if (!wants_bounds && !has_list && !has_range)
		return setting_error(c->err, g, "expected values = [...] or from/to with step or count for a grid "
						"design, got %s",
				     has_bounds ? "low/high bounds" : "neither");
	if (base && d != SWEEP_OAT)
		return setting_error(c->err, base, "expected base only in an oat design, got a %s design",
				     sweep_design_names[d]);
	if (has_list && read_list(c, config_setting_get_member(g, "values"), prm))
		return -1;
	if (has_range && read_range(c, g, prm))
		return -1;
	if (has_bounds && read_bounds(c, g, prm))
		return -1;
	if (base) {
		if (read_value(c, base, prm, &prm->base))
			return -1;
		prm->base_given = 1;
	} else if (d == SWEEP_OAT) {
		/* the file's value (the baseline's) when it lies within the bounds, else the midpoint */
		/* the first scenario that has the path (an owner of some models only) */
		double v = NAN;
		for (size_t i = 0; i < c->f->n_scenarios; i++)
			if (scenario_param_get(&c->f->scenarios[i], prm->path, &v) == 0)
				break;
		if (v >= prm->low && v <= prm->high)
			prm->base = v;
		else
			prm->base = prm->integer ? floor((prm->low + prm->high) / 2 + 0.5) : (prm->low + prm->high) / 2;
	}
	return check_values(c, g, prm);
}

/* ---- the group ---- */

static int read_metrics(struct spec *c, const config_setting_t *s)
{
	struct sweep_plan *p = c->p;
	if (!s) {
		for (int m = 0; m < METRIC_COUNT; m++)
			p->metrics[m] = m;
		p->n_metrics = METRIC_COUNT;
		return 0;
	}
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return type_error(c, s, "a list of metric names [\"margin\", ...]");
	int n = config_setting_length(s);
	if (n == 0)
		return setting_error(c->err, s, "expected at least one metric name, got an empty list");
	const char *names[METRIC_COUNT];
	for (int m = 0; m < METRIC_COUNT; m++)
		names[m] = metric_table[m].name;
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING)
			return type_error(c, e, "a metric name such as \"margin\"");
		const char *name = config_setting_get_string(e);
		int m = metric_find(name);
		if (m < 0) {
			char hint[512];
			suggest(name, names, METRIC_COUNT, hint, sizeof hint);
			if (strncmp(hint, " (did", 5) != 0)
				snprintf(hint, sizeof hint, " (see docs/outputs.md)");
			return setting_error(c->err, e, "expected a metric name%s, got \"%s\"", hint, name);
		}
		for (size_t k = 0; k < p->n_metrics; k++)
			if (p->metrics[k] == m)
				return setting_error(c->err, e, "expected each metric once, got \"%s\" again", name);
		p->metrics[p->n_metrics++] = m;
	}
	return 0;
}

static int read_group(struct spec *c, const config_setting_t *root, const char *path)
{
	struct sweep_plan *p = c->p;
	const config_setting_t *g = config_setting_get_member(root, "sweep"), *s;
	if (!g)
		return js_error_set(c->err, EX_CONFIG,
				    "%s: sweep: expected a group sweep = { design = \"grid\"; parameters = ( ... ); }, "
				    "got nothing",
				    path);
	if (!config_setting_is_group(g))
		return type_error(c, g, "a group sweep = { design = \"grid\"; parameters = ( ... ); }");
	if (check_keys(g, sweep_keys, COUNT(sweep_keys), c->err))
		return -1;

	int v = SWEEP_GRID;
	if ((s = config_setting_get_member(g, "design")) &&
	    value_choice(s, sweep_design_names, SWEEP_WORLDS, NULL, &v, c->err)) /* worlds: decide only */
		return -1;
	p->design = (enum sweep_design)v;
	v = 0;
	if ((s = config_setting_get_member(g, "seeds")) && value_choice(s, seeds_names, COUNT(seeds_names), NULL, &v, c->err))
		return -1;
	p->seeds_per_point = v;

	double x;
	p->replications = c->f->run.replications;
	if ((s = config_setting_get_member(g, "replications"))) {
		if (read_whole(c, s, 1, 1000000, "a number of replications, 1 to 1000000", &x))
			return -1;
		p->replications = (unsigned)x;
	}
	s = config_setting_get_member(g, "points");
	if (p->design == SWEEP_LHS || p->design == SWEEP_SOBOL) {
		char expect[160];
		snprintf(expect, sizeof expect, "the number of points of the %s design, 1 to %u",
			 sweep_design_names[p->design], SWEEP_POINTS_MAX);
		if (!s)
			return missing(c, g, "points", expect);
		if (read_whole(c, s, 1, SWEEP_POINTS_MAX, expect, &x))
			return -1;
		p->n_points = (size_t)x;
	} else if (s) {
		char got[64];
		setting_got(s, got, sizeof got);
		return setting_error(c->err, s, "expected points only in an lhs or sobol design (a %s design has "
						"as many points as its values give), got %s",
				     sweep_design_names[p->design], got);
	}
	if (read_metrics(c, config_setting_get_member(g, "metrics")))
		return -1;
	if ((s = config_setting_get_member(g, "periods"))) { /* the count follows the design (load.c) */
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return type_error(c, s, "true or false (per-period figures: periods.csv)");
		p->n_periods = config_setting_get_bool(s) ? 1 : 0;
	}
	/* what the sweep is asked: the objective, its metric and contrast */
	char reason[512];
	p->focus = -1;
	p->contrast[0] = p->contrast[1] = -1;
	snprintf(p->objective, sizeof p->objective, "%s", c->f->run.objective);
	if ((s = config_setting_get_member(g, "metric"))) {
		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			return type_error(c, s, "a metric name such as \"margin\"");
		if (sweep_focus_set(p, config_setting_get_string(s), reason, sizeof reason) != 0)
			return setting_error(c->err, s, "%s", reason);
	}
	if ((s = config_setting_get_member(g, "contrast"))) {
		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			return type_error(c, s, "two scenarios as \"A-B\"");
		if (sweep_contrast_set(p, config_setting_get_string(s), reason, sizeof reason) != 0)
			return setting_error(c->err, s, "%s", reason);
	}

	const config_setting_t *list = config_setting_get_member(g, "parameters");
	if (!list)
		return missing(c, g, "parameters", "a list of parameters ( { path = \"...\"; ... }, ... )");
	if (!config_setting_is_list(list))
		return type_error(c, list, "a list of parameters ( { path = \"...\"; ... }, ... )");
	int n = config_setting_length(list);
	if (n == 0)
		return setting_error(c->err, list, "expected at least one parameter, got an empty list");
	unsigned limit = SWEEP_PARAM_MAX;
	const char *why = "";
	if (p->design == SWEEP_SOBOL && gsl_qrng_sobol->max_dimension < limit) {
		limit = gsl_qrng_sobol->max_dimension;
		why = " for a sobol design (the dimension limit of GSL's Sobol generator)";
	}
	if ((unsigned)n > limit)
		return setting_error(c->err, config_setting_get_elem(list, limit), "expected at most %u parameters%s, got %d",
				     limit, why, n);
	for (int i = 0; i < n; i++) {
		p->n_params = (size_t)i + 1; /* so that sweep_plan_fini frees what was read */
		if (read_param(c, config_setting_get_elem(list, (unsigned)i), (size_t)i))
			return -1;
	}
	if (p->design == SWEEP_GRID) {
		double total = 1;
		for (size_t j = 0; j < p->n_params; j++)
			total *= (double)p->params[j].n_levels;
		if (total > SWEEP_POINTS_MAX)
			return setting_error(c->err, list, "expected at most %u grid points, got %.0f", SWEEP_POINTS_MAX,
					     total);
		p->n_points = (size_t)total;
	} else if (p->design == SWEEP_OAT) {
		p->n_points = 1 + 2 * p->n_params;
	}
	return 0;
}

int spec_read(const char *path, const struct scenario_file *f, struct sweep_plan *p, struct js_error *err)
{
	struct source *src = calloc(1, sizeof *src);
	struct spec c = {f, p, malloc(sizeof *c.scratch), err};
	int rc = -1;
	if (!src || !c.scratch) {
		js_error_set(err, EX_OSERR, "out of memory");
		goto out;
	}
	if (source_load(src, path, err))
		goto out;
	rc = read_group(&c, config_root_setting(&src->cfg), path);
out:
	if (src)
		source_fini(src);
	free(src);
	free(c.scratch);
	return rc;
}
