/*
 * prior_stub.c - TEMPORARY stand-in for the priors branch's sim/sweep/prior.c
 * (issue 14), so that `decide` builds and is tested on this branch: only the
 * `point` and `uniform` distributions, no correlations, no shipped defaults,
 * a sobol design. The lead deletes this file at merge.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>

#include "prior.h"
#include "settings.h"

static const char *const dist_names[PRIOR_DIST_COUNT] = {"point", "uniform", "triangular", "pert",
							   "beta", "lognormal", "gamma", "discrete"};

const char *prior_dist_name(enum prior_dist d)
{
	return (unsigned)d < PRIOR_DIST_COUNT ? dist_names[d] : "?";
}

static int num(const config_setting_t *g, const char *name, double *v, struct js_error *err)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	if (!s)
		return setting_error(err, g, "expected %s, got nothing", name);
	return value_number(s, "a number", v, err);
}

static int read_param(const config_setting_t *e, const struct scenario_file *f, struct prior *p,
		      struct js_error *err)
{
	const char *path = NULL, *dist = "uniform";
	config_setting_lookup_string(e, "path", &path);
	config_setting_lookup_string(e, "dist", &dist);
	if (!path)
		return setting_error(err, e, "expected path, got nothing");
	if (strncmp(path, "company.", 8) == 0)
		path += 8;
	snprintf(p->path, sizeof p->path, "%s", path);
	double v;
	if (scenario_param_get(&f->scenarios[0], p->path, &v) != 0)
		return setting_error(err, e, "expected a parameter path, got \"%s\"", path);
	p->resolved = v;
	const char *group = NULL;
	if (config_setting_lookup_string(e, "group", &group))
		snprintf(p->group, sizeof p->group, "%s", group);
	if (strcmp(dist, "point") == 0) {
		p->dist = PRIOR_POINT;
		p->a = p->lo = p->hi = v;
	} else if (strcmp(dist, "uniform") == 0) {
		p->dist = PRIOR_UNIFORM;
		if (num(e, "min", &p->a, err) || num(e, "max", &p->b, err))
			return -1;
		if (!(p->a < p->b))
			return setting_error(err, e, "expected min < max, got %g and %g", p->a, p->b);
		p->lo = p->a;
		p->hi = p->b;
	} else {
		return setting_error(err, e, "expected dist \"point\" or \"uniform\" (prior_stub), got \"%s\"", dist);
	}
	for (size_t s = 0; s < f->n_scenarios; s++) {
		struct scenario sc = f->scenarios[s];
		double old;
		if (scenario_param_get(&sc, p->path, &old) != 0)
			continue;
		if (scenario_param_set(&sc, p->path, p->lo, err) || scenario_param_set(&sc, p->path, p->hi, err))
			return -1;
	}
	return 0;
}

int prior_read(const char *path, const struct scenario_file *f, struct prior_set *ps, int *found,
	       struct js_error *err)
{
	memset(ps, 0, sizeof *ps);
	ps->worlds = 128;
	ps->replications = 4;
	*found = 0;
	struct source *src = calloc(1, sizeof *src);
	if (!src)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = source_load(src, path, err);
	const config_setting_t *g =
		rc == 0 ? config_setting_get_member(config_root_setting(&src->cfg), "uncertainty") : NULL;
	if (rc == 0 && g) {
		*found = 1;
		int n;
		if (config_setting_lookup_int(g, "worlds", &n))
			ps->worlds = (unsigned)n;
		if (config_setting_lookup_int(g, "replications", &n))
			ps->replications = (unsigned)n;
		const config_setting_t *list = config_setting_get_member(g, "params");
		for (int i = 0; rc == 0 && list && i < config_setting_length(list) && i < PRIOR_MAX; i++) {
			rc = read_param(config_setting_get_elem(list, (unsigned)i), f, &ps->p[ps->n], err);
			ps->n++;
		}
		for (size_t j = 0; rc == 0 && j < ps->n; j++) {
			if (!ps->p[j].group[0])
				continue;
			size_t k = 0;
			while (k < ps->n_groups && strcmp(ps->groups[k].name, ps->p[j].group) != 0)
				k++;
			if (k == ps->n_groups && ps->n_groups < 16)
				snprintf(ps->groups[ps->n_groups++].name, NAME_LEN, "%s", ps->p[j].group);
			if (k < ps->n_groups)
				ps->groups[k].member[ps->groups[k].n++] = j;
		}
		if (rc == 0 && ps->n == 0)
			rc = setting_error(err, g, "expected params, got nothing");
	}
	source_fini(src);
	free(src);
	return rc;
}

double prior_quantile(const struct prior *p, double u)
{
	double v = p->dist == PRIOR_UNIFORM ? p->a + u * (p->b - p->a) : p->a;
	return p->integer ? round(v) : v;
}

double prior_mean(const struct prior *p)
{
	return p->dist == PRIOR_UNIFORM ? (p->a + p->b) / 2 : p->a;
}

int prior_worlds(const struct prior_set *ps, uint64_t seed, double *out, struct js_error *err)
{
	(void)seed;
	gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, ps->n < 1 ? 1 : (unsigned)ps->n);
	double u[PRIOR_MAX];
	if (!q)
		return js_error_set(err, EX_OSERR, "cannot make a Sobol sequence");
	gsl_qrng_get(q, u); /* point 1 onwards: the first is 0 */
	for (unsigned w = 0; w < ps->worlds; w++) {
		gsl_qrng_get(q, u);
		for (size_t j = 0; j < ps->n; j++)
			out[w * ps->n + j] = prior_quantile(&ps->p[j], u[j]);
	}
	gsl_qrng_free(q);
	return 0;
}

void prior_print(FILE *fp, const struct prior_set *ps, const char *currency)
{
	(void)currency;
	for (size_t j = 0; j < ps->n; j++)
		fprintf(fp, "  %s: %s\n", ps->p[j].path, prior_dist_name(ps->p[j].dist));
}
