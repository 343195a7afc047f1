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
 *
 * The parameters of each kind are named in its type (params), and described
 * once in dist_params (name, kind, field): the loader, the printer and the
 * sweeps' parameter paths all read them from there.
 */
#ifndef JOURNEYSIM_DIST_H
#define JOURNEYSIM_DIST_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#define DIST_EMPIRICAL_MAX 32

/* The bounds dist_prepare holds every distribution to, so that every sample is
 * finite and >= 0: each value (mean, min, mode, max, values[]) in
 * [0, DIST_VALUE_MAX] and cv in [DIST_CV_MIN, DIST_CV_MAX]. Within them a
 * lognormal stays below DIST_VALUE_MAX * e^50 (its normal deviate is under 10
 * and sigma = sqrt(ln(1 + cv^2)) under 5.3), a gamma's shape 1 / cv^2 and scale
 * mean * cv^2 neither overflow nor vanish, and the triangular's inverse CDF
 * multiplies two widths of at most DIST_VALUE_MAX. */
#define DIST_VALUE_MAX 1e6
#define DIST_CV_MIN 1e-6
#define DIST_CV_MAX 1e6
#define DIST_PARAMS_MAX 4

struct dist;

struct dist_type {
	const char *name; /* as written in config files: "exponential", ... */
	double (*sample)(const struct dist *d, const gsl_rng *r);
	double (*mean)(const struct dist *d);
	double (*variance)(const struct dist *d);
	const char *params[DIST_PARAMS_MAX]; /* its parameters in the order files show them, NULL-ended */
};

/* What a parameter holds, and so how it is read and written. */
enum dist_param_kind {
	DIST_PARAM_VALUE,   /* a double in the caller's unit (a duration or a count) */
	DIST_PARAM_CV,      /* a double without unit */
	DIST_PARAM_K,       /* an unsigned, >= 1 */
	DIST_PARAM_VALUES,  /* values[n], in the caller's unit */
	DIST_PARAM_WEIGHTS, /* weights[n], without unit */
};

struct dist_param {
	const char *name; /* "mean", "cv", ... */
	enum dist_param_kind kind;
	size_t offset;    /* of the field in struct dist */
};

/* Every parameter of every kind, ended by a NULL name. */
extern const struct dist_param dist_params[];

/* The parameter named name (of any kind), or NULL. */
const struct dist_param *dist_param_find(const char *name);

/* Does kind t have the parameter named name? */
int dist_type_has(const struct dist_type *t, const char *name);

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
 * values must be finite and >= 0, and within the bounds above); on error
 * returns -1 and writes a short reason ("cv must be > 0") into why. Fills
 * derived fields. */
int dist_prepare(struct dist *d, char *why, size_t why_len);

double dist_sample(const struct dist *d, const gsl_rng *r);

/* What a caller keeps to sample one distribution often: a lognormal's zeta and
 * sigma, recomputed only when its mean or cv change. Zero it to start. */
struct dist_cache {
	double mean, cv;   /* the parameters zeta and sigma are of (0: none yet) */
	double zeta, sigma;
};

/* dist_sample(d, r), the same number, with d's derived parameters kept in cache. */
double dist_sample_cached(const struct dist *d, struct dist_cache *cache, const gsl_rng *r);
double dist_mean(const struct dist *d);
double dist_variance(const struct dist *d);

/* Multiplies the distribution's scale (every location parameter) by f > 0:
 * used by policies that lengthen or shorten handle times. */
void dist_scale(struct dist *d, double f);

#endif
