/*
 * prior_dist.c - the distributions of priors (inverse CDFs by GSL), the
 * worlds drawn from a prior set (design -> Gaussian copula -> quantiles), and
 * the printout of `check`. Reading the group: prior_read.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

#include "prior.h"
#include "rng.h"
#include "settings.h"

const char *const prior_design_names[PRIOR_DESIGN_COUNT] = {"sobol", "lhs", "random"};

static const char *const dist_names[PRIOR_DIST_COUNT] = {"point", "uniform", "triangular", "pert",
							  "beta",  "lognormal", "gamma",   "discrete"};

const char *prior_dist_name(enum prior_dist d)
{
	return (unsigned)d < PRIOR_DIST_COUNT ? dist_names[d] : "?";
}

/* PERT as a beta on [min, max] with lambda 4. */
static void pert_shape(const struct prior *p, double *alpha, double *beta)
{
	double w = p->c - p->a;
	*alpha = 1 + 4 * (p->b - p->a) / w;
	*beta = 1 + 4 * (p->c - p->b) / w;
}

static double quantile_raw(const struct prior *p, double u)
{
	switch (p->dist) {
	case PRIOR_POINT: return p->a;
	case PRIOR_UNIFORM: return p->a + u * (p->b - p->a);
	case PRIOR_TRIANGULAR: {
		double w = p->c - p->a, fc = (p->b - p->a) / w;
		if (u < fc)
			return p->a + sqrt(u * w * (p->b - p->a));
		return p->c - sqrt((1 - u) * w * (p->c - p->b));
	}
	case PRIOR_PERT: {
		double al, be;
		pert_shape(p, &al, &be);
		return p->a + (p->c - p->a) * gsl_cdf_beta_Pinv(u, al, be);
	}
	case PRIOR_BETA: return p->lo + (p->hi - p->lo) * gsl_cdf_beta_Pinv(u, p->a, p->b);
	case PRIOR_LOGNORMAL: return gsl_cdf_lognormal_Pinv(u, p->a, p->b);
	case PRIOR_GAMMA: return gsl_cdf_gamma_Pinv(u, p->a, p->b);
	case PRIOR_DISCRETE: {
		double cum = 0;
		for (size_t i = 0; i + 1 < p->n_values; i++) {
			cum += p->weights[i];
			if (u < cum)
				return p->values[i];
		}
		return p->values[p->n_values - 1];
	}
	default: return NAN;
	}
}

double prior_quantile(const struct prior *p, double u)
{
	if (p->dist == PRIOR_LOGNORMAL || p->dist == PRIOR_GAMMA) {
		if (u < PRIOR_TAIL)
			u = PRIOR_TAIL;
		if (u > 1 - PRIOR_TAIL)
			u = 1 - PRIOR_TAIL;
	}
	u = u < 0 ? 0 : u > 1 ? 1 : u;
	double x = quantile_raw(p, u);
	/* gsl's beta inverse may overshoot the support by an ulp */
	if (x < p->lo)
		x = p->lo;
	if (x > p->hi)
		x = p->hi;
	return p->integer ? floor(x + 0.5) : x;
}

double prior_mean(const struct prior *p)
{
	switch (p->dist) {
	case PRIOR_POINT: return p->a;
	case PRIOR_UNIFORM: return (p->a + p->b) / 2;
	case PRIOR_TRIANGULAR: return (p->a + p->b + p->c) / 3;
	case PRIOR_PERT: return (p->a + 4 * p->b + p->c) / 6;
	case PRIOR_BETA: return p->lo + (p->hi - p->lo) * p->a / (p->a + p->b);
	case PRIOR_LOGNORMAL: return exp(p->a + p->b * p->b / 2);
	case PRIOR_GAMMA: return p->a * p->b;
	case PRIOR_DISCRETE: {
		double m = 0;
		for (size_t i = 0; i < p->n_values; i++)
			m += p->weights[i] * p->values[i];
		return m;
	}
	default: return NAN;
	}
}

/* ---- worlds ---- */

/* Unit points of the design: u[w * nd + d], every coordinate in (0, 1). */
static int design_points(const struct prior_set *ps, uint64_t seed, size_t nd, double *u, struct js_error *err)
{
	size_t n = ps->worlds;
	if (nd == 0) /* only point priors: nothing to draw */
		return 0;
	if (ps->design == PRIOR_SOBOL) {
		if (nd > gsl_qrng_sobol->max_dimension)
			return js_error_set(err, EX_CONFIG, "a sobol design takes at most %u uncertain parameters, got %zu",
					    gsl_qrng_sobol->max_dimension, nd);
		gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)nd);
		if (!q)
			return js_error_set(err, EX_OSERR, "cannot make a Sobol sequence in %zu dimensions", nd);
		for (size_t w = 0; w < n; w++)
			if (gsl_qrng_get(q, u + w * nd) != 0) {
				gsl_qrng_free(q);
				return js_error_set(err, EX_SOFTWARE, "the Sobol sequence failed at world %zu", w);
			}
		gsl_qrng_free(q);
		/* gsl skips the origin, so no coordinate is 0; keep it so */
		for (size_t i = 0; i < n * nd; i++)
			if (u[i] <= 0)
				u[i] = 0.5 / (double)n;
		return 0;
	}
	if (ps->design == PRIOR_LHS) {
		gsl_rng *r = rng_stream_alloc(seed, 0, "prior.lhs");
		size_t *perm = malloc(n * sizeof *perm);
		if (!r || !perm) {
			gsl_rng_free(r);
			free(perm);
			return js_error_set(err, EX_OSERR, "out of memory for a Latin hypercube of %zu worlds", n);
		}
		for (size_t d = 0; d < nd; d++) {
			for (size_t i = 0; i < n; i++)
				perm[i] = i;
			gsl_ran_shuffle(r, perm, n, sizeof *perm);
			for (size_t w = 0; w < n; w++)
				u[w * nd + d] = ((double)perm[w] + gsl_rng_uniform_pos(r)) / (double)n;
		}
		gsl_rng_free(r);
		free(perm);
		return 0;
	}
	gsl_rng *r = rng_keyed_alloc(0);
	if (!r)
		return js_error_set(err, EX_OSERR, "out of memory");
	for (size_t w = 0; w < n; w++) {
		rng_keyed_set(r, rng_stream_seed(seed, w, "prior.random"));
		for (size_t d = 0; d < nd; d++)
			u[w * nd + d] = gsl_rng_uniform_pos(r);
	}
	gsl_rng_free(r);
	return 0;
}

int prior_worlds(const struct prior_set *ps, uint64_t seed, double *out, struct js_error *err)
{
	rng_gsl_quiet();
	size_t n = ps->n, nd = 0;
	size_t dim[PRIOR_MAX]; /* prior j's design dimension (points: none) */
	for (size_t j = 0; j < n; j++)
		dim[j] = ps->p[j].dist == PRIOR_POINT ? SIZE_MAX : nd++;
	double *u = malloc(((size_t)ps->worlds * (nd ? nd : 1)) * sizeof *u);
	if (!u)
		return js_error_set(err, EX_OSERR, "out of memory for %u worlds", ps->worlds);
	if (design_points(ps, seed, nd, u, err) != 0) {
		free(u);
		return -1;
	}
	double z[PRIOR_MAX], v[PRIOR_MAX];
	for (size_t w = 0; w < ps->worlds; w++) {
		for (size_t j = 0; j < n; j++)
			v[j] = dim[j] == SIZE_MAX ? 0.5 : u[w * nd + dim[j]];
		if (ps->has_corr) {
			for (size_t j = 0; j < n; j++)
				z[j] = gsl_cdf_ugaussian_Pinv(v[j]);
			for (size_t i = 0; i < n; i++) {
				if (dim[i] == SIZE_MAX)
					continue;
				double s = 0;
				for (size_t k = 0; k <= i; k++)
					s += ps->chol[i * PRIOR_MAX + k] * z[k];
				v[i] = gsl_cdf_ugaussian_P(s);
			}
		}
		for (size_t j = 0; j < n; j++)
			out[w * n + j] = prior_quantile(&ps->p[j], v[j]);
	}
	free(u);
	return 0;
}

/* ---- the printout ---- */

/* A value as a reader wants it: durations in d or h, money with the currency. */
void prior_value_text(const struct prior *p, double v, const char *currency, char *buf, size_t len)
{
	if (p->duration) {
		if (v != 0 && fabs(v) < 1)
			snprintf(buf, len, "%.3g h", v * 24);
		else
			snprintf(buf, len, "%.4g d", v);
	} else if (strncmp(p->unit, "money", 5) == 0 && currency && *currency) {
		snprintf(buf, len, fabs(v) >= 1000 ? "%.0f %s%s" : "%.4g %s%s", v, currency, p->unit + 5);
	} else {
		snprintf(buf, len, "%.4g", v);
	}
}

/* "beta mean 0.15 sd 0.05 on [0, 1]" */
void prior_dist_text(const struct prior *p, const char *cur, char *buf, size_t len)
{
	char a[64], b[64], c[64];
	switch (p->dist) {
	case PRIOR_POINT:
		prior_value_text(p, p->a, cur, a, sizeof a);
		snprintf(buf, len, "point %s", a);
		break;
	case PRIOR_UNIFORM:
		prior_value_text(p, p->a, cur, a, sizeof a);
		prior_value_text(p, p->b, cur, b, sizeof b);
		snprintf(buf, len, "uniform %s to %s", a, b);
		break;
	case PRIOR_TRIANGULAR:
	case PRIOR_PERT:
		prior_value_text(p, p->a, cur, a, sizeof a);
		prior_value_text(p, p->b, cur, b, sizeof b);
		prior_value_text(p, p->c, cur, c, sizeof c);
		snprintf(buf, len, "%s min %s mode %s max %s", prior_dist_name(p->dist), a, b, c);
		break;
	case PRIOR_BETA: {
		double w = p->hi - p->lo, s = p->a + p->b;
		double sd = w * sqrt(p->a * p->b / (s * s * (s + 1)));
		prior_value_text(p, prior_mean(p), cur, a, sizeof a);
		prior_value_text(p, sd, cur, b, sizeof b);
		char lo[64], hi[64];
		prior_value_text(p, p->lo, cur, lo, sizeof lo);
		prior_value_text(p, p->hi, cur, hi, sizeof hi);
		snprintf(buf, len, "beta mean %s sd %s on [%s, %s] (alpha %.4g, beta %.4g)", a, b, lo, hi, p->a, p->b);
		break;
	}
	case PRIOR_LOGNORMAL:
		prior_value_text(p, prior_mean(p), cur, a, sizeof a);
		prior_value_text(p, exp(p->a), cur, b, sizeof b);
		snprintf(buf, len, "lognormal mean %s median %s cv %.3g", a, b, sqrt(expm1(p->b * p->b)));
		break;
	case PRIOR_GAMMA:
		prior_value_text(p, prior_mean(p), cur, a, sizeof a);
		snprintf(buf, len, "gamma mean %s cv %.3g", a, 1 / sqrt(p->a));
		break;
	case PRIOR_DISCRETE: {
		size_t o = (size_t)snprintf(buf, len, "discrete");
		for (size_t i = 0; i < p->n_values && o < len; i++) {
			prior_value_text(p, p->values[i], cur, a, sizeof a);
			o += (size_t)snprintf(buf + o, len - o, "%s %s (%.3g)", i ? "," : "", a, p->weights[i]);
		}
		break;
	}
	default: snprintf(buf, len, "?");
	}
	if (p->rel > 0) {
		size_t o = strlen(buf);
		prior_value_text(p, p->resolved, cur, a, sizeof a);
		snprintf(buf + o, len - o, " (rel %g around %s)", p->rel, a);
	}
}

void prior_print(FILE *fp, const struct prior_set *ps, const char *currency)
{
	fprintf(fp, "\n# uncertainty: %u worlds (%s design), %u replications per world and scenario, %zu priors "
		    "(docs/priors.md):\n",
		ps->worlds, prior_design_names[ps->design], ps->replications, ps->n);
	for (size_t j = 0; j < ps->n; j++) {
		const struct prior *p = &ps->p[j];
		char label[160], unit[32], d[768], m[64], lo[64], hi[64];
		scenario_param_label(p->path, label, sizeof label, unit, sizeof unit);
		prior_dist_text(p, currency, d, sizeof d);
		prior_value_text(p, prior_mean(p), currency, m, sizeof m);
		prior_value_text(p, prior_quantile(p, 0.05), currency, lo, sizeof lo);
		prior_value_text(p, prior_quantile(p, 0.95), currency, hi, sizeof hi);
		fprintf(fp, "#   %s (%s): %s; mean %s, 5-95%% %s to %s%s%s%s\n", p->path, label, d, m, lo, hi,
			p->group[0] ? "; group " : "", p->group, p->from_defaults ? "; shipped default" : "");
	}
	if (ps->has_corr)
		for (size_t i = 0; i < ps->n; i++)
			for (size_t k = 0; k < i; k++)
				if (ps->corr[i * PRIOR_MAX + k] != 0)
					fprintf(fp, "#   rank correlation %s ~ %s: %g\n", ps->p[k].path, ps->p[i].path,
						ps->corr[i * PRIOR_MAX + k]);
	for (size_t g = 0; g < ps->n_groups; g++) {
		fprintf(fp, "#   group %s:", ps->groups[g].name);
		for (size_t k = 0; k < ps->groups[g].n; k++)
			fprintf(fp, "%s %s", k ? "," : "", ps->p[ps->groups[g].member[k]].path);
		fputc('\n', fp);
	}
}
