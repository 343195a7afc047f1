/*
 * dist.c - the distribution kinds: one const struct dist_type each, with a
 * GSL sampler, the exact mean and variance, and parameter checks.
 *
 * Every distribution here describes a duration or a count, so every value it
 * can take must be >= 0: dist_prepare refuses negative parameters.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "dist.h"
#include "rng.h"

/* ---- exponential (mean) ---- */

static double exponential_sample(const struct dist *d, const gsl_rng *r)
{
	return gsl_ran_exponential(r, d->mean);
}

static double exponential_mean(const struct dist *d)
{
	return d->mean;
}

static double exponential_variance(const struct dist *d)
{
	return d->mean * d->mean;
}

/* ---- fixed (mean is the value) ---- */

static double fixed_sample(const struct dist *d, const gsl_rng *r)
{
	(void)r;
	return d->mean;
}

static double fixed_variance(const struct dist *d)
{
	(void)d;
	return 0.0;
}

/* ---- uniform (min, max) ---- */

static double uniform_sample(const struct dist *d, const gsl_rng *r)
{
	return gsl_ran_flat(r, d->min, d->max);
}

static double uniform_mean(const struct dist *d)
{
	return 0.5 * (d->min + d->max);
}

static double uniform_variance(const struct dist *d)
{
	double w = d->max - d->min;
	return w * w / 12.0;
}

/* ---- triangular (min, mode, max): GSL has none, so the inverse CDF ---- */

static double triangular_sample(const struct dist *d, const gsl_rng *r)
{
	double a = d->min, c = d->mode, b = d->max, w = b - a;
	double u = rng_uniform(r);
	if (!(w > 0))
		return a;
	if (u * w < c - a) /* u < F(mode) = (c - a) / w */
		return a + sqrt(u * w * (c - a));
	return b - sqrt((1.0 - u) * w * (b - c));
}

static double triangular_mean(const struct dist *d)
{
	return (d->min + d->mode + d->max) / 3.0;
}

static double triangular_variance(const struct dist *d)
{
	double a = d->min, c = d->mode, b = d->max;
	return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
}

/* ---- lognormal (mean, cv): sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2 ---- */

/* gsl_ran_lognormal(r, zeta, sigma) of GSL 2.x (the polar method), the same
 * numbers in the same order, without its calls through gsl_rng_uniform. */
static double lognormal_polar(const gsl_rng *r, double zeta, double sigma)
{
	double u, v, r2;
	do {
		u = -1 + 2 * rng_uniform(r);
		v = -1 + 2 * rng_uniform(r);
		r2 = u * u + v * v;
	} while (r2 > 1.0 || r2 == 0);
	double normal = u * sqrt(-2.0 * log(r2) / r2);
	return exp(sigma * normal + zeta);
}

/* zeta and sigma of (mean, cv): the one place they are computed */
static void lognormal_params(double mean, double cv, double *zeta, double *sigma)
{
	double s2 = log1p(cv * cv);
	*zeta = log(mean) - 0.5 * s2;
	*sigma = sqrt(s2);
}

static double lognormal_sample(const struct dist *d, const gsl_rng *r)
{
	if (!(d->mean > 0))
		return 0.0;
	double zeta, sigma;
	lognormal_params(d->mean, d->cv, &zeta, &sigma);
	return lognormal_polar(r, zeta, sigma);
}

/* shared by the kinds given by mean and cv */
static double cv_variance(const struct dist *d)
{
	double sd = d->cv * d->mean;
	return sd * sd;
}

/* ---- gamma (mean, cv): shape 1 / cv^2, scale mean * cv^2 ---- */

static double gamma_sample(const struct dist *d, const gsl_rng *r)
{
	double cv2 = d->cv * d->cv;
	return gsl_ran_gamma(r, 1.0 / cv2, d->mean * cv2);
}

/* ---- erlang (k, mean): k exponential phases of mean mean / k each ---- */

static double erlang_sample(const struct dist *d, const gsl_rng *r)
{
	return gsl_ran_gamma(r, (double)d->k, d->mean / (double)d->k);
}

static double erlang_variance(const struct dist *d)
{
	return d->mean * d->mean / (double)d->k;
}

/* ---- empirical (values, weights): cumulative weights and a binary search ---- */

static double empirical_sample(const struct dist *d, const gsl_rng *r)
{
	if (d->n < 1)
		return NAN; /* not prepared: the engine refuses the sample with a message */
	/* u * total < total, since u <= 1 - 2^-32 is far from 1 in doubles */
	double u = rng_uniform(r) * d->cumulative[d->n - 1];
	size_t lo = 0, hi = d->n - 1; /* first i with cumulative[i] > u */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->cumulative[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return d->values[lo];
}

static double empirical_mean(const struct dist *d)
{
	double sw = 0, swx = 0;
	for (size_t i = 0; i < d->n; i++) {
		sw += d->weights[i];
		swx += d->weights[i] * d->values[i];
	}
	return sw > 0 ? swx / sw : NAN;
}

static double empirical_variance(const struct dist *d)
{
	double m = empirical_mean(d), sw = 0, s = 0;
	for (size_t i = 0; i < d->n; i++) {
		double x = d->values[i] - m;
		sw += d->weights[i];
		s += d->weights[i] * x * x;
	}
	return sw > 0 ? s / sw : NAN;
}

/* ---- the table ---- */

#define PARAMS(...) {__VA_ARGS__, NULL}

const struct dist_type dist_exponential = {"exponential", exponential_sample, exponential_mean,
					   exponential_variance, PARAMS("mean")};
const struct dist_type dist_fixed = {"fixed", fixed_sample, exponential_mean, fixed_variance,
				     PARAMS("mean")};
const struct dist_type dist_uniform = {"uniform", uniform_sample, uniform_mean, uniform_variance,
				       PARAMS("min", "max")};
const struct dist_type dist_triangular = {"triangular", triangular_sample, triangular_mean,
					  triangular_variance, PARAMS("min", "mode", "max")};
const struct dist_type dist_lognormal = {"lognormal", lognormal_sample, exponential_mean,
					 cv_variance, PARAMS("mean", "cv")};
const struct dist_type dist_gamma = {"gamma", gamma_sample, exponential_mean, cv_variance,
				     PARAMS("mean", "cv")};
const struct dist_type dist_erlang = {"erlang", erlang_sample, exponential_mean, erlang_variance,
				      PARAMS("k", "mean")};
const struct dist_type dist_empirical = {"empirical", empirical_sample, empirical_mean,
					 empirical_variance, PARAMS("values", "weights")};

const struct dist_type *const dist_types[] = {
	&dist_exponential, &dist_fixed, &dist_uniform, &dist_triangular, &dist_lognormal,
	&dist_gamma, &dist_erlang, &dist_empirical, NULL,
};

const struct dist_param dist_params[] = {
	{"mean", DIST_PARAM_VALUE, offsetof(struct dist, mean)},
	{"cv", DIST_PARAM_CV, offsetof(struct dist, cv)},
	{"min", DIST_PARAM_VALUE, offsetof(struct dist, min)},
	{"mode", DIST_PARAM_VALUE, offsetof(struct dist, mode)},
	{"max", DIST_PARAM_VALUE, offsetof(struct dist, max)},
	{"k", DIST_PARAM_K, offsetof(struct dist, k)},
	{"values", DIST_PARAM_VALUES, offsetof(struct dist, values)},
	{"weights", DIST_PARAM_WEIGHTS, offsetof(struct dist, weights)},
	{NULL, DIST_PARAM_VALUE, 0},
};

const struct dist_type *dist_type_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; dist_types[i]; i++)
		if (strcmp(dist_types[i]->name, name) == 0)
			return dist_types[i];
	return NULL;
}

const struct dist_param *dist_param_find(const char *name)
{
	for (const struct dist_param *p = dist_params; name && p->name; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

int dist_type_has(const struct dist_type *t, const char *name)
{
	for (size_t i = 0; t && i < DIST_PARAMS_MAX && t->params[i]; i++)
		if (strcmp(t->params[i], name) == 0)
			return 1;
	return 0;
}

/* A distribution of one kind with one location value. */
static struct dist dist_make(const struct dist_type *t, double mean)
{
	struct dist d;
	memset(&d, 0, sizeof d);
	d.type = t;
	d.mean = mean;
	return d;
}

struct dist dist_make_exponential(double mean)
{
	return dist_make(&dist_exponential, mean);
}

struct dist dist_make_fixed(double value)
{
	return dist_make(&dist_fixed, value);
}

/* ---- checks ---- */

static int why_set(char *why, size_t why_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int why_set(char *why, size_t why_len, const char *fmt, ...)
{
	if (why && why_len > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, why_len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A finite value in [0, DIST_VALUE_MAX] (a duration or a count). */
static int check_nonneg(const char *what, double x, char *why, size_t why_len)
{
	if (!isfinite(x) || x < 0)
		return why_set(why, why_len, "%s must be >= 0, got %g", what, x);
	if (x > DIST_VALUE_MAX)
		return why_set(why, why_len, "%s must be at most %g (for finite samples), got %g", what,
			       DIST_VALUE_MAX, x);
	return 0;
}

int dist_prepare(struct dist *d, char *why, size_t why_len)
{
	const struct dist_type *t = d->type;
	if (!t)
		return why_set(why, why_len, "distribution not set");
	if (t == &dist_exponential || t == &dist_fixed || t == &dist_erlang || t == &dist_lognormal ||
	    t == &dist_gamma) {
		if (check_nonneg("mean", d->mean, why, why_len))
			return -1;
	}
	if (t == &dist_lognormal || t == &dist_gamma) {
		if (!isfinite(d->cv) || !(d->cv > 0))
			return why_set(why, why_len, "cv must be > 0, got %g", d->cv);
		if (d->cv < DIST_CV_MIN || d->cv > DIST_CV_MAX)
			return why_set(why, why_len, "cv must be in [%g, %g] (for finite samples), got %g",
				       DIST_CV_MIN, DIST_CV_MAX, d->cv);
	}
	if (t == &dist_erlang && d->k < 1)
		return why_set(why, why_len, "k must be an integer >= 1, got %u", d->k);
	if (t == &dist_uniform || t == &dist_triangular) {
		if (check_nonneg("min", d->min, why, why_len) ||
		    check_nonneg("max", d->max, why, why_len))
			return -1;
		if (d->min > d->max)
			return why_set(why, why_len, "min must be <= max, got min %g > max %g", d->min,
				       d->max);
	}
	if (t == &dist_triangular) {
		if (!isfinite(d->mode) || d->mode < d->min || d->mode > d->max)
			return why_set(why, why_len, "mode must be in [min, max] = [%g, %g], got %g",
				       d->min, d->max, d->mode);
	}
	if (t == &dist_empirical) {
		if (d->n < 1 || d->n > DIST_EMPIRICAL_MAX)
			return why_set(why, why_len, "empirical needs 1 to %d values, got %zu",
				       DIST_EMPIRICAL_MAX, d->n);
		double sum = 0;
		for (size_t i = 0; i < d->n; i++) {
			char what[32];
			snprintf(what, sizeof what, "values[%zu]", i);
			if (check_nonneg(what, d->values[i], why, why_len))
				return -1;
			if (!isfinite(d->weights[i]) || d->weights[i] < 0)
				return why_set(why, why_len, "weights[%zu] must be >= 0, got %g", i,
					       d->weights[i]);
			sum += d->weights[i];
			d->cumulative[i] = sum;
		}
		if (!(sum > 0) || !isfinite(sum))
			return why_set(why, why_len, "weights must have a positive sum, got %g", sum);
	}
	return 0;
}

double dist_sample(const struct dist *d, const gsl_rng *r)
{
	/* The common case without the indirect call. */
	if (d->type == &dist_exponential)
		return rng_exponential(r, d->mean);
	return d->type->sample(d, r);
}

double dist_sample_cached(const struct dist *d, struct dist_cache *cache, const gsl_rng *r)
{
	if (d->type != &dist_lognormal || !(d->mean > 0))
		return dist_sample(d, r);
	/* keyed on the parameters, so a changed distribution is never sampled stale */
	if (cache->mean != d->mean || cache->cv != d->cv) {
		lognormal_params(d->mean, d->cv, &cache->zeta, &cache->sigma);
		cache->mean = d->mean;
		cache->cv = d->cv;
	}
	return lognormal_polar(r, cache->zeta, cache->sigma);
}

double dist_mean(const struct dist *d)
{
	return d->type->mean(d);
}

double dist_variance(const struct dist *d)
{
	return d->type->variance(d);
}

void dist_scale(struct dist *d, double f)
{
	assert(f > 0);
	d->mean *= f;
	d->min *= f;
	d->mode *= f;
	d->max *= f;
	for (size_t i = 0; i < d->n && i < DIST_EMPIRICAL_MAX; i++)
		d->values[i] *= f;
}
