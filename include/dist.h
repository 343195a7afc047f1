/*
 * dist.h - probability distributions for durations and counts.
 *
 * A struct dist is plain data (copyable, no heap) so that scenarios holding
 * distributions can be copied and overridden freely. Each kind is a
 * const struct dist_type (a table of functions, as gsl_rng_type is); sampling
 * uses GSL's samplers with an explicit generator.
 *
 * Parameters by kind (all means in the caller's unit, usually days):
 *   exponential  mean
 *   fixed        mean                (the value)
 *   uniform      min, max
 *   triangular   min, mode, max
 *   lognormal    mean, cv            (coefficient of variation > 0)
 *   gamma        mean, cv
 *   erlang       k, mean             (k phases, integer >= 1)
 *   empirical    values[], weights[] (up to DIST_EMPIRICAL_MAX pairs, weights >= 0, sum > 0)
 */
#ifndef JOURNEYSIM_DIST_H
#define JOURNEYSIM_DIST_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#define DIST_EMPIRICAL_MAX 32

struct dist;

struct dist_type {
	const char *name; /* as written in config files: "exponential", ... */
	double (*sample)(const struct dist *d, const gsl_rng *r);
	double (*mean)(const struct dist *d);
	double (*variance)(const struct dist *d);
};

extern const struct dist_type dist_exponential, dist_fixed, dist_uniform, dist_triangular,
	dist_lognormal, dist_gamma, dist_erlang, dist_empirical;

/* NULL-terminated list of every kind, for lookup by name and for docs. */
extern const struct dist_type *const dist_types[];

struct dist {
	const struct dist_type *type; /* NULL means "not set" */
	double mean;                  /* exponential, fixed, lognormal, gamma, erlang */
	double cv;                    /* lognormal, gamma */
	double min, mode, max;        /* uniform (min, max), triangular */
	unsigned k;                   /* erlang phases */
	size_t n;                     /* empirical pairs */
	double values[DIST_EMPIRICAL_MAX];
	double weights[DIST_EMPIRICAL_MAX];
	/* derived by dist_prepare(): cumulative weights for empirical sampling */
	double cumulative[DIST_EMPIRICAL_MAX];
};

const struct dist_type *dist_type_find(const char *name);

/* Constructors for code and tests. */
struct dist dist_make_exponential(double mean);
struct dist dist_make_fixed(double value);

/* Checks the parameters (every distribution is of durations or counts, so
 * values must be finite and >= 0); on error returns -1 and writes a short
 * reason ("cv must be > 0") into why. Fills derived fields. */
int dist_prepare(struct dist *d, char *why, size_t why_len);

double dist_sample(const struct dist *d, const gsl_rng *r);
double dist_mean(const struct dist *d);
double dist_variance(const struct dist *d);

/* Multiplies the distribution's scale (every location parameter) by f > 0:
 * used by policies that lengthen or shorten handle times. */
void dist_scale(struct dist *d, double f);

#endif
