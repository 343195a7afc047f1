/*
 * prior_one.c - one prior of the uncertainty group: its path, its
 * distribution's parameters in canonical form (include/prior.h) and the
 * checks. Every end of every distribution is tried on every scenario
 * (scenario_param_set's range checks) before anything runs, so no world can
 * hold a value a run refuses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "prior_internal.h"
#include "settings.h"
#include "sweep_internal.h" /* param_describe */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const prior_keys[] = {"path", "dist", "group", "value", "min", "mode", "max",
					 "mean", "median", "sd",  "cv",  "rel", "values", "weights"};
static const char *const dist_names[PRIOR_DIST_COUNT] = {"point", "uniform", "triangular", "pert",
							  "beta",  "lognormal", "gamma",   "discrete"};
/* the keys each distribution takes, besides path, dist and group */
static const char *const dist_keys[PRIOR_DIST_COUNT] = {
	"value", "min, max or rel", "min, mode, max or rel", "min, mode, max or rel", "mean, sd, min or max",
	"mean, median or cv", "mean or cv", "values or weights"};

/* ---- small readers (as spec.c's) ---- */

int prior_type_error(struct reader *r, const config_setting_t *s, const char *expect)
{
	char got[256];
	setting_got(s, got, sizeof got);
	return setting_error(r->err, s, "expected %s, got %s", expect, got);
}

int prior_missing(struct reader *r, const config_setting_t *g, const char *member, const char *expect)
{
	char up[1024], path[1100];
	setting_path(g, up, sizeof up);
	snprintf(path, sizeof path, "%s.%s", up, member);
	return setting_error_at(r->err, g, path, "expected %s, got nothing", expect);
}

static int is_number(const config_setting_t *s)
{
	int t = config_setting_type(s);
	return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT: return config_setting_get_int(s);
	case CONFIG_TYPE_INT64: return (double)config_setting_get_int64(s);
	default: return config_setting_get_float(s);
	}
}

/* A value of the parameter: a number, or a duration text for durations. */
static int read_value(struct reader *r, const config_setting_t *s, const struct prior *p, double *v)
{
	const char *expect = p->duration ? "a number of days or a duration such as \"2 d\"" : "a number";
	if (is_number(s)) {
		*v = number_of(s);
		return isfinite(*v) ? 0 : prior_type_error(r, s, expect);
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING || !p->duration)
		return prior_type_error(r, s, expect);
	const char *text = config_setting_get_string(s);
	char why[160];
	if (duration_parse(text, v, why, sizeof why) != 0)
		return setting_error(r->err, s, "expected %s, got \"%s\" (%s)", expect, text, why);
	return 0;
}

/* A plain number in (lo, hi) (open ends when the flags say so). */
int prior_number(struct reader *r, const config_setting_t *s, double lo, int lo_open, double hi, int hi_open,
		       const char *expect, double *v)
{
	if (!is_number(s))
		return prior_type_error(r, s, expect);
	*v = number_of(s);
	if (!isfinite(*v) || *v < lo || (lo_open && *v == lo) || *v > hi || (hi_open && *v == hi))
		return prior_type_error(r, s, expect);
	return 0;
}

/* A path as written, "company." dropped. */
const char *prior_path_text(const config_setting_t *s)
{
	const char *t = config_setting_get_string(s);
	return strncmp(t, "company.", 8) == 0 ? t + 8 : t;
}

static void value_show(const struct prior *p, double v, char *buf, size_t len)
{
	if (p->duration)
		duration_format(v, buf, len);
	else
		number_format_shortest(v, buf, len);
}

/* ---- checking values on the scenarios ---- */

/* Tries value v on every scenario that has the path: the loader's range
 * checks. The message is located at `at`, with what the value is (`what`). */
static int try_value(struct reader *r, const config_setting_t *at, const struct prior *p, double v, const char *what)
{
	for (size_t s = 0; s < r->f->n_scenarios; s++) {
		double old;
		if (scenario_param_get(&r->f->scenarios[s], p->path, &old) != 0)
			continue;
		*r->scratch = r->f->scenarios[s];
		struct js_error e;
		js_error_clear(&e);
		if (scenario_param_set(r->scratch, p->path, v, &e) == 0)
			continue;
		const char *msg = e.msg;
		size_t lp = strlen(p->path);
		if (strncmp(msg, p->path, lp) == 0 && strncmp(msg + lp, ": ", 2) == 0)
			msg += lp + 2;
		char scen[NAME_LEN + 32] = "";
		if (s > 0)
			snprintf(scen, sizeof scen, " in scenario \"%s\"", r->f->scenarios[s].name);
		char at_path[1100];
		setting_path(at, at_path, sizeof at_path);
		return setting_error_at(r->err, at, at_path, "%s (%s of %s%s)", msg, what, p->path, scen);
	}
	return 0;
}

/* Is the parameter's allowed range within [0, 1] (values just outside refused)? */
static int range_in_unit(struct reader *r, const struct prior *p)
{
	for (size_t s = 0; s < r->f->n_scenarios; s++) {
		double old;
		if (scenario_param_get(&r->f->scenarios[s], p->path, &old) != 0)
			continue;
		struct js_error e;
		*r->scratch = r->f->scenarios[s];
		if (scenario_param_set(r->scratch, p->path, -1e-6, &e) == 0)
			return 0;
		*r->scratch = r->f->scenarios[s];
		if (scenario_param_set(r->scratch, p->path, 1 + 1e-6, &e) == 0)
			return 0;
		return 1;
	}
	return 0;
}

/* What the parameter is ("a duration >= 0"), for messages. */
static void range_text(const struct prior *p, char *buf, size_t len)
{
	const struct schema_entry *e = schema_find(&schema_company, p->path);
	if (e)
		schema_expect(e, buf, len);
	else
		snprintf(buf, len, "%s", p->unit[0] ? p->unit : "a number");
}

/* Bounded by its kind: a probability, share, shift or score. */
static int kind_bounded(const struct prior *p)
{
	const struct schema_entry *e = schema_find(&schema_company, p->path);
	if (e)
		return e->range == RG_PROB || e->range == RG_SHARE || e->range == RG_SHIFT || e->range == RG_SCORE;
	return strcmp(p->unit, "share") == 0 || strcmp(p->unit, "probability") == 0;
}

/* ---- one prior ---- */

static int read_path(struct reader *r, const config_setting_t *g, struct prior *p)
{
	const config_setting_t *s = config_setting_get_member(g, "path");
	const char *expect = "a parameter path such as \"handoff.delay_boundary\"";
	if (!s)
		return prior_missing(r, g, "path", expect);
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return prior_type_error(r, s, expect);
	const char *path = prior_path_text(s);
	int found = 0;
	double v = NAN;
	for (size_t i = 0; strlen(path) < SWEEP_PATH_LEN && i < r->f->n_scenarios && !found; i++)
		found = scenario_param_get(&r->f->scenarios[i], path, &v) == 0;
	if (!found) {
		/* scenario_param_set's " (did you mean ...?)" */
		char hint[512] = " (see docs/config.md)";
		struct js_error e;
		js_error_clear(&e);
		*r->scratch = r->f->scenarios[0];
		if (strlen(path) < SWEEP_PATH_LEN && scenario_param_set(r->scratch, path, 0, &e) != 0) {
			const char *a = strstr(e.msg, " (did you mean"), *b = a ? strstr(a, "?)") : NULL;
			if (a && b && (size_t)(b + 2 - a) < sizeof hint)
				snprintf(hint, sizeof hint, "%.*s", (int)(b + 2 - a), a);
		}
		if (strncmp(path, "ownership.owners.", 17) == 0)
			snprintf(hint, sizeof hint, " (an owner of one of the scenarios' models)");
		return setting_error(r->err, s, "expected a numeric company parameter%s, got \"%s\"", hint,
				     config_setting_get_string(s));
	}
	snprintf(p->path, sizeof p->path, "%s", path);
	param_describe(path, p->unit, sizeof p->unit, &p->integer, &p->duration);
	p->resolved = v;
	const char *file;
	setting_where(g, &file, &p->line);
	snprintf(p->file, sizeof p->file, "%s", file ? file : "");
	return 0;
}

/* The member's value (a value of the parameter), or -1 (error) / 1 (absent). */
static int member_value(struct reader *r, const config_setting_t *g, const char *name, const struct prior *p,
			double *v)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	if (!s)
		return 1;
	return read_value(r, s, p, v) ? -1 : 0;
}

/* min/mode/max, or rel around the resolved value. */
static int read_range(struct reader *r, const config_setting_t *g, struct prior *p, int with_mode)
{
	const config_setting_t *rel = config_setting_get_member(g, "rel");
	const char *need = with_mode ? "min, mode and max (or rel)" : "min and max (or rel)";
	if (rel) {
		const char *other = config_setting_get_member(g, "min") ? "min" : config_setting_get_member(g, "max") ? "max"
				  : config_setting_get_member(g, "mode")                                        ? "mode"
														: NULL;
		if (other)
			return setting_error(r->err, config_setting_get_member(g, other),
					     "expected either rel or %s, got both", need);
		if (prior_number(r, rel, 0, 1, INFINITY, 1, "a relative half-width > 0 (0.3 for +-30%)", &p->rel))
			return -1;
		double v = p->resolved;
		p->a = v * (1 - p->rel);
		p->b = with_mode ? v : v * (1 + p->rel);
		p->c = v * (1 + p->rel);
		if (v == 0) {
			char t[64];
			value_show(p, v, t, sizeof t);
			return setting_error(r->err, rel, "expected a parameter whose value is not 0 for a relative range, "
							  "got %s = %s",
					     p->path, t);
		}
		if (v < 0) { /* keep min < max */
			double t = p->a;
			p->a = with_mode ? p->c : p->b;
			if (with_mode)
				p->c = t;
			else
				p->b = t;
		}
		return 0;
	}
	int rc;
	if ((rc = member_value(r, g, "min", p, &p->a)))
		return rc < 0 ? -1 : prior_missing(r, g, "min", need);
	double *hi = with_mode ? &p->c : &p->b;
	if (with_mode && (rc = member_value(r, g, "mode", p, &p->b)))
		return rc < 0 ? -1 : prior_missing(r, g, "mode", need);
	if ((rc = member_value(r, g, "max", p, hi)))
		return rc < 0 ? -1 : prior_missing(r, g, "max", need);
	char a[64], b[64], m[64];
	value_show(p, p->a, a, sizeof a);
	value_show(p, *hi, b, sizeof b);
	if (!(p->a < *hi))
		return setting_error(r->err, config_setting_get_member(g, "max"), "expected a max above min (%s), got %s",
				     a, b);
	if (with_mode && !(p->b >= p->a && p->b <= p->c)) {
		value_show(p, p->b, m, sizeof m);
		return setting_error(r->err, config_setting_get_member(g, "mode"),
				     "expected a mode from min to max (%s to %s), got %s", a, b, m);
	}
	return 0;
}

static int read_beta(struct reader *r, const config_setting_t *g, struct prior *p)
{
	int rc;
	double mean, sd;
	if ((rc = member_value(r, g, "mean", p, &mean)))
		return rc < 0 ? -1 : prior_missing(r, g, "mean", "the mean of the beta (with sd)");
	if ((rc = member_value(r, g, "sd", p, &sd)))
		return rc < 0 ? -1 : prior_missing(r, g, "sd", "the standard deviation of the beta (with mean)");
	const config_setting_t *smin = config_setting_get_member(g, "min"), *smax = config_setting_get_member(g, "max");
	if (!smin != !smax)
		return prior_missing(r, g, smin ? "max" : "min", "both min and max, or neither (the beta is then on [0, 1])");
	p->lo = 0;
	p->hi = 1;
	if (smin) {
		if (read_value(r, smin, p, &p->lo) || read_value(r, smax, p, &p->hi))
			return -1;
		if (!(p->lo < p->hi)) {
			char a[64], b[64];
			value_show(p, p->lo, a, sizeof a);
			value_show(p, p->hi, b, sizeof b);
			return setting_error(r->err, smax, "expected a max above min (%s), got %s", a, b);
		}
	} else if (!range_in_unit(r, p)) {
		char what[160];
		range_text(p, what, sizeof what);
		return setting_error(r->err, config_setting_get_member(g, "dist"),
				     "expected min and max inside the parameter's range for a beta on %s (%s; without "
				     "them a beta lies on [0, 1]), got neither",
				     p->path, what);
	}
	char a[64], b[64], c[64], d[64];
	value_show(p, mean, a, sizeof a);
	value_show(p, p->lo, b, sizeof b);
	value_show(p, p->hi, c, sizeof c);
	if (!(mean > p->lo && mean < p->hi))
		return setting_error(r->err, config_setting_get_member(g, "mean"),
				     "expected a mean strictly between %s and %s for a beta, got %s", b, c, a);
	double w = p->hi - p->lo, m = (mean - p->lo) / w, s = sd / w;
	double smax_ = sqrt(m * (1 - m)) * w;
	value_show(p, sd, d, sizeof d);
	if (!(sd > 0) || !(s * s < m * (1 - m))) {
		char lim[64];
		snprintf(lim, sizeof lim, "%.3g", smax_);
		return setting_error(r->err, config_setting_get_member(g, "sd"),
				     "expected an sd > 0 and below %s (sqrt(mean (1 - mean)) on [%s, %s]) for a beta of "
				     "mean %s, got %s",
				     lim, b, c, a, d);
	}
	double k = m * (1 - m) / (s * s) - 1;
	p->a = m * k;
	p->b = (1 - m) * k;
	return 0;
}

static int read_positive(struct reader *r, const config_setting_t *g, struct prior *p)
{
	const config_setting_t *sm = config_setting_get_member(g, "mean"), *smed = config_setting_get_member(g, "median");
	const char *what = p->dist == PRIOR_LOGNORMAL ? "the mean (or median) of the lognormal, with cv"
						       : "the mean of the gamma, with cv";
	if (sm && smed)
		return setting_error(r->err, smed, "expected either mean or median, got both");
	const config_setting_t *s = sm ? sm : smed;
	double mean, cv;
	if (!s)
		return prior_missing(r, g, "mean", what);
	if (read_value(r, s, p, &mean))
		return -1;
	if (!(mean > 0)) {
		char t[64];
		value_show(p, mean, t, sizeof t);
		return setting_error(r->err, s, "expected a %s > 0 for a %s, got %s", sm ? "mean" : "median",
				     prior_dist_name(p->dist), t);
	}
	const config_setting_t *scv = config_setting_get_member(g, "cv");
	if (!scv)
		return prior_missing(r, g, "cv", "the coefficient of variation (sd / mean), > 0");
	if (prior_number(r, scv, 0, 1, 10, 0, "a coefficient of variation (sd / mean) > 0 and at most 10", &cv))
		return -1;
	p->lo = 0;
	p->hi = INFINITY;
	if (p->dist == PRIOR_LOGNORMAL) {
		double s2 = log1p(cv * cv);
		p->b = sqrt(s2);
		p->a = sm ? log(mean) - s2 / 2 : log(mean);
	} else {
		p->a = 1 / (cv * cv);
		p->b = mean * cv * cv;
	}
	return 0;
}

static int read_discrete(struct reader *r, const config_setting_t *g, struct prior *p)
{
	const config_setting_t *vs = config_setting_get_member(g, "values"), *ws = config_setting_get_member(g, "weights");
	if (!vs)
		return prior_missing(r, g, "values", "a list of values [a, b, ...]");
	if (!config_setting_is_array(vs) && !config_setting_is_list(vs))
		return prior_type_error(r, vs, "a list of values [a, b, ...]");
	int n = config_setting_length(vs);
	if (n < 1 || n > PRIOR_VALUES_MAX) {
		char expect[64];
		snprintf(expect, sizeof expect, "1 to %d values", PRIOR_VALUES_MAX);
		return setting_error(r->err, vs, "expected %s, got %d", expect, n);
	}
	p->n_values = (size_t)n;
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(vs, (unsigned)i);
		if (read_value(r, e, p, &p->values[i]))
			return -1;
		if (p->integer && p->values[i] != floor(p->values[i]))
			return prior_type_error(r, e, "a whole number (the parameter takes whole values)");
		for (int k = 0; k < i; k++)
			if (p->values[k] == p->values[i]) {
				char t[64];
				value_show(p, p->values[i], t, sizeof t);
				return setting_error(r->err, e, "expected each value once, got %s again", t);
			}
	}
	double total = 0;
	if (ws) {
		if (!config_setting_is_array(ws) && !config_setting_is_list(ws))
			return prior_type_error(r, ws, "a list of weights [1, 2, ...], one per value");
		if (config_setting_length(ws) != n)
			return setting_error(r->err, ws, "expected %d weights, one per value, got %d", n,
					     config_setting_length(ws));
		for (int i = 0; i < n; i++)
			if (prior_number(r, config_setting_get_elem(ws, (unsigned)i), 0, 0, INFINITY, 1, "a weight >= 0",
					&p->weights[i]))
				return -1;
			else
				total += p->weights[i];
		if (!(total > 0))
			return setting_error(r->err, ws, "expected weights with a positive sum, got %g", total);
	} else {
		for (int i = 0; i < n; i++)
			p->weights[i] = 1;
		total = n;
	}
	p->lo = p->hi = p->values[0];
	for (int i = 0; i < n; i++) {
		p->weights[i] /= total;
		p->lo = fmin(p->lo, p->values[i]);
		p->hi = fmax(p->hi, p->values[i]);
	}
	return 0;
}

/* The keys of g that dist d does not take. */
static int check_dist_keys(struct reader *r, const config_setting_t *g, enum prior_dist d)
{
	static const char *const takes[PRIOR_DIST_COUNT][5] = {
		{"value"},        {"min", "max", "rel"}, {"min", "mode", "max", "rel"}, {"min", "mode", "max", "rel"},
		{"mean", "sd", "min", "max"}, {"mean", "median", "cv"}, {"mean", "cv"}, {"values", "weights"}};
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *k = config_setting_name(s);
		if (!strcmp(k, "path") || !strcmp(k, "dist") || !strcmp(k, "group"))
			continue;
		int ok = 0;
		for (size_t j = 0; j < 5 && takes[d][j]; j++)
			ok |= strcmp(k, takes[d][j]) == 0;
		if (!ok)
			return setting_error(r->err, s, "expected only %s with a %s distribution, got %s", dist_keys[d],
					     dist_names[d], k);
	}
	return 0;
}

/* Every end of the distribution on every scenario. */
static int check_support(struct reader *r, const config_setting_t *g, struct prior *p)
{
	const config_setting_t *rel = config_setting_get_member(g, "rel");
	char what[160];
	switch (p->dist) {
	case PRIOR_POINT: {
		const config_setting_t *v = config_setting_get_member(g, "value");
		return v ? try_value(r, v, p, p->a, "the value") : 0;
	}
	case PRIOR_UNIFORM:
	case PRIOR_TRIANGULAR:
	case PRIOR_PERT: {
		/* integer parameters: the ends as the worlds round them */
		double lo = p->integer ? floor(p->a + 0.5) : p->a, hi = p->dist == PRIOR_UNIFORM ? p->b : p->c;
		hi = p->integer ? floor(hi + 0.5) : hi;
		char v[64];
		value_show(p, p->resolved, v, sizeof v);
		snprintf(what, sizeof what, rel ? "the lowest value of rel = %g around %s" : "the lowest value", p->rel, v);
		if (try_value(r, rel ? rel : config_setting_get_member(g, "min"), p, lo, what))
			return -1;
		snprintf(what, sizeof what, rel ? "the highest value of rel = %g around %s" : "the highest value", p->rel,
			 v);
		return try_value(r, rel ? rel : config_setting_get_member(g, "max"), p, hi, what);
	}
	case PRIOR_BETA: {
		const config_setting_t *smin = config_setting_get_member(g, "min");
		if (try_value(r, smin ? smin : config_setting_get_member(g, "dist"), p, p->lo, "the lowest value"))
			return -1;
		return try_value(r, smin ? config_setting_get_member(g, "max") : config_setting_get_member(g, "dist"), p,
				 p->hi, "the highest value");
	}
	case PRIOR_LOGNORMAL:
	case PRIOR_GAMMA: {
		const config_setting_t *at = config_setting_get_member(g, "dist");
		if (kind_bounded(p)) {
			range_text(p, what, sizeof what);
			return setting_error(r->err, at,
					     "expected a bounded distribution (uniform, triangular, pert, beta or discrete) "
					     "for %s (%s), got %s, which is unbounded above",
					     p->path, what, prior_dist_name(p->dist));
		}
		if (try_value(r, at, p, prior_quantile(p, 0), "the 1e-9 quantile"))
			return -1;
		const config_setting_t *cv = config_setting_get_member(g, "cv");
		return try_value(r, cv ? cv : at, p, prior_quantile(p, 1), "the 1 - 1e-9 quantile");
	}
	case PRIOR_DISCRETE: {
		const config_setting_t *vs = config_setting_get_member(g, "values");
		for (size_t i = 0; i < p->n_values; i++)
			if (try_value(r, config_setting_get_elem(vs, (unsigned)i), p, p->values[i], "a value"))
				return -1;
		return 0;
	}
	default: return 0;
	}
}

int prior_one_read(struct reader *r, const config_setting_t *g, struct prior *p)
{
	memset(p, 0, sizeof *p);
	if (!config_setting_is_group(g))
		return prior_type_error(r, g, "a prior { path = \"...\"; dist = \"beta\"; mean = ...; sd = ...; }");
	if (check_keys(g, prior_keys, COUNT(prior_keys), r->err) || read_path(r, g, p))
		return -1;
	const config_setting_t *sd = config_setting_get_member(g, "dist");
	if (!sd)
		return prior_missing(r, g, "dist", "a distribution (point, uniform, triangular, pert, beta, lognormal, gamma, "
					     "discrete)");
	int d;
	if (value_choice(sd, dist_names, PRIOR_DIST_COUNT, NULL, &d, r->err))
		return -1;
	p->dist = (enum prior_dist)d;
	if (check_dist_keys(r, g, p->dist))
		return -1;
	int rc = 0;
	switch (p->dist) {
	case PRIOR_POINT:
		p->a = p->resolved;
		rc = member_value(r, g, "value", p, &p->a) < 0 ? -1 : 0;
		p->lo = p->hi = p->a;
		break;
	case PRIOR_UNIFORM:
		rc = read_range(r, g, p, 0);
		p->lo = p->a;
		p->hi = p->b;
		break;
	case PRIOR_TRIANGULAR:
	case PRIOR_PERT:
		rc = read_range(r, g, p, 1);
		p->lo = p->a;
		p->hi = p->c;
		break;
	case PRIOR_BETA: rc = read_beta(r, g, p); break;
	case PRIOR_LOGNORMAL:
	case PRIOR_GAMMA: rc = read_positive(r, g, p); break;
	case PRIOR_DISCRETE: rc = read_discrete(r, g, p); break;
	default: break;
	}
	if (rc)
		return -1;
	const config_setting_t *grp = config_setting_get_member(g, "group");
	if (grp) {
		if (config_setting_type(grp) != CONFIG_TYPE_STRING || !name_valid(config_setting_get_string(grp)) ||
		    strlen(config_setting_get_string(grp)) >= NAME_LEN)
			return prior_type_error(r, grp, "a group name (letters, digits, _ and -)");
		snprintf(p->group, sizeof p->group, "%s", config_setting_get_string(grp));
	}
	return check_support(r, g, p);
}

