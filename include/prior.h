/*
 * prior.h - uncertain inputs: the `uncertainty` group of a scenario file (and
 * the shipped `uncertainty_defaults` list, config/uncertainty/defaults.cfg),
 * each parameter's distribution, the Gaussian copula of rank correlations,
 * and the worlds drawn from them. docs/priors.md is the reference.
 *
 *   prior_read    the group -> struct prior_set, every value checked against
 *                 every scenario (file:line errors, as the sweep group's)
 *   prior_worlds  the design points -> copula -> quantiles: the worlds
 *   prior_print   what `journeysim check` prints
 *
 * Canonical parameters (a, b, c) and support [lo, hi] by distribution:
 *   point       a = the value (`value`, or the resolved one)          [a, a]
 *   uniform     a = min, b = max                                      [a, b]
 *   triangular  a = min, b = mode, c = max                            [a, c]
 *   pert        a = min, b = mode, c = max (beta with lambda 4:
 *               alpha = 1 + 4 (b - a) / (c - a), beta = 1 + 4 (c - b) / (c - a))
 *   beta        a = alpha, b = beta, on [lo, hi] (default [0, 1]), from mean and sd
 *   lognormal   a = zeta (mean of the log), b = sigma, from mean (or median) and cv  (0, inf)
 *   gamma       a = shape k = 1 / cv^2, b = scale = mean cv^2         (0, inf)
 *   discrete    values[], weights[] (normalised to sum 1), in the order written
 * `rel = x` with uniform, triangular or pert: min, mode, max = v (1 - x), v, v (1 + x)
 * around the resolved value v.
 *
 * A point prior stays in the set (it fixes the parameter: every world has
 * the value); it takes no dimension of the design. Integer parameters give
 * whole values (quantiles rounded half up). Unbounded distributions are cut
 * at the quantiles 1e-9 and 1 - 1e-9, which are checked against the
 * parameter's range like the ends of a bounded one.
 *
 * Ownership: a struct prior_set is plain data (about 200 KB: allocate it on
 * the heap); nothing to free. Functions return 0, or -1 with err filled
 * (EX_CONFIG for the file's errors); nothing here prints or exits.
 */
#ifndef JOURNEYSIM_PRIOR_H
#define JOURNEYSIM_PRIOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "scenario.h"
#include "sweep.h" /* SWEEP_PATH_LEN */

#define PRIOR_MAX 64
#define PRIOR_VALUES_MAX 32       /* values of a discrete prior */
#define PRIOR_GROUPS_MAX 16
#define PRIOR_WORLDS_DEFAULT 128u
#define PRIOR_REPLICATIONS_DEFAULT 4u
#define PRIOR_WORLDS_MAX SWEEP_POINTS_MAX
#define PRIOR_REPLICATIONS_MAX 100000u
#define PRIOR_TAIL 1e-9           /* unbounded distributions are cut at these quantiles */

enum prior_dist {
	PRIOR_POINT,
	PRIOR_UNIFORM,
	PRIOR_TRIANGULAR,
	PRIOR_PERT,
	PRIOR_BETA,
	PRIOR_LOGNORMAL,
	PRIOR_GAMMA,
	PRIOR_DISCRETE,
	PRIOR_DIST_COUNT
};

enum prior_design { PRIOR_SOBOL, PRIOR_LHS, PRIOR_RANDOM, PRIOR_DESIGN_COUNT };
extern const char *const prior_design_names[PRIOR_DESIGN_COUNT]; /* "sobol", "lhs", "random" */

struct prior {
	char path[SWEEP_PATH_LEN]; /* sweep-style path, relative to company ("handoff.p_loss_boundary"), or
				      "ownership..."; a leading "company." in the file is dropped */
	char unit[32];             /* as param_describe() gives */
	int integer;               /* whole values only */
	int duration;              /* days; values may be written "2 d" */
	enum prior_dist dist;
	double a, b, c;            /* canonical parameters (above) */
	double lo, hi;             /* support (lognormal, gamma: 0 and INFINITY) */
	double rel;                /* rel = x as written (0: none) */
	size_t n_values;
	double values[PRIOR_VALUES_MAX], weights[PRIOR_VALUES_MAX]; /* discrete (weights sum to 1) */
	double resolved;           /* the parameter's value in the first scenario that has it */
	char group[NAME_LEN];      /* EVPPI group given by the param's `group` ("" none) */
	unsigned line;             /* where it was written */
	char file[1024];
	int from_defaults;         /* 1: an entry of uncertainty_defaults not overridden */
};

struct prior_group {
	char name[NAME_LEN];
	size_t n;
	size_t member[PRIOR_MAX]; /* indices into prior_set.p */
};

struct prior_set {
	unsigned worlds;       /* default 128 */
	int design;            /* enum prior_design, default sobol */
	unsigned replications; /* per world and scenario, default 4 */
	size_t n;
	struct prior p[PRIOR_MAX]; /* file order: the defaults first (in their order, overridden in place),
				      then the file's own params that are not defaults */
	int has_corr;              /* correlations were given */
	double corr[PRIOR_MAX * PRIOR_MAX]; /* [i * PRIOR_MAX + j]: Spearman rho as given; identity if none */
	double chol[PRIOR_MAX * PRIOR_MAX]; /* [i * PRIOR_MAX + j], lower: Cholesky factor L of the copula's
					       Pearson correlation r = 2 sin(pi rho / 6) */
	size_t n_groups;
	struct prior_group groups[PRIOR_GROUPS_MAX]; /* the groups list, then per-param `group` names */
	size_t n_design;                             /* dimensions of the design: priors that are not points */
};

/* Reads the `uncertainty` group of the scenario file at path and the
 * `uncertainty_defaults` list it may @include, checking every path and every
 * distribution's support against the parameter's allowed range in EVERY
 * scenario of f. Errors "file:line: uncertainty.params[2].sd: expected ...,
 * got ..." (EX_CONFIG). *found = 0 (and 0 returned) when the file has neither. */
int prior_read(const char *path, const struct scenario_file *f, struct prior_set *ps, int *found,
	       struct js_error *err);

/* How to give a file priors, for the error of a command that needs them. */
#define PRIOR_HOW_TO_ADD                                                                                    \
	"an uncertainty group (docs/priors.md) or the shipped priors: @include \"uncertainty/defaults.cfg\" " \
	"in a file of config/, @include \"../uncertainty/defaults.cfg\" in a folder beside it"

/* Inverse CDF at u in (0, 1) (clamped to [PRIOR_TAIL, 1 - PRIOR_TAIL] for
 * unbounded distributions); integer parameters rounded. */
double prior_quantile(const struct prior *p, double u);
double prior_mean(const struct prior *p); /* before rounding */
const char *prior_dist_name(enum prior_dist d); /* "uniform", ... */

/* The worlds: out[w * ps->n + j] = value of prior j in world w, w < ps->worlds.
 * Design points u in (0,1)^n_design: sobol = the first `worlds` points of
 * gsl_qrng_sobol (world 0 is the centre: every prior at its median); lhs =
 * strata permuted from the stream (seed, 0, "prior.lhs"); random = uniforms
 * from the stream (seed, world, "prior.random"). With correlations, the
 * Gaussian copula: z = Phi^-1(u), z' = L z, u' = Phi(z'). Then
 * prior_quantile. Deterministic in (ps, seed). */
int prior_worlds(const struct prior_set *ps, uint64_t seed, double *out, struct js_error *err);

/* A value of the prior's parameter as a reader wants it ("15.8 h", "1.5 d",
 * "244135 EUR", "0.15"), and its distribution with its parameters ("beta mean
 * 0.15 sd 0.05 on [0, 1] (alpha 7.5, beta 42.5)"). */
void prior_value_text(const struct prior *p, double v, const char *currency, char *buf, size_t len);
void prior_dist_text(const struct prior *p, const char *currency, char *buf, size_t len);

/* What `check` prints: one comment line per prior (path, label, distribution
 * and parameters, mean, 5-95% range, group), then correlations and groups. */
void prior_print(FILE *fp, const struct prior_set *ps, const char *currency);

#endif
