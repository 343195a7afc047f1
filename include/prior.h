/*
 * prior.h - TEMPORARY copy of the issue-14 contract's prior.h (branch decide).
 * The priors branch owns the real header and sim/sweep/prior*.c; at merge the
 * lead takes theirs and deletes sim/sweep/prior_stub.c.
 */
#ifndef JOURNEYSIM_PRIOR_H
#define JOURNEYSIM_PRIOR_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "scenario.h"
#include "sweep.h"

#define PRIOR_MAX 64
enum { PRIOR_SOBOL, PRIOR_LHS, PRIOR_RANDOM };
enum prior_dist { PRIOR_POINT, PRIOR_UNIFORM, PRIOR_TRIANGULAR, PRIOR_PERT, PRIOR_BETA, PRIOR_LOGNORMAL,
		  PRIOR_GAMMA, PRIOR_DISCRETE, PRIOR_DIST_COUNT };
struct prior {
	char path[SWEEP_PATH_LEN];
	char unit[32];
	int integer;
	int duration;
	enum prior_dist dist;
	double a, b, c;
	double lo, hi;
	size_t n_values;
	double values[32], weights[32];
	double resolved;
	char group[NAME_LEN];
	unsigned line;
	char file[1024];
};
struct prior_set {
	unsigned worlds;
	int design;
	unsigned replications;
	size_t n;
	struct prior p[PRIOR_MAX];
	int has_corr;
	double corr[PRIOR_MAX * PRIOR_MAX];
	double chol[PRIOR_MAX * PRIOR_MAX];
	size_t n_groups;
	struct prior_group {
		char name[NAME_LEN];
		size_t n;
		size_t member[PRIOR_MAX];
	} groups[16];
};
int prior_read(const char *path, const struct scenario_file *f, struct prior_set *ps, int *found,
	       struct js_error *err);
double prior_quantile(const struct prior *p, double u);
double prior_mean(const struct prior *p);
int prior_worlds(const struct prior_set *ps, uint64_t seed, double *out, struct js_error *err);
void prior_print(FILE *fp, const struct prior_set *ps, const char *currency);
const char *prior_dist_name(enum prior_dist d);

#endif
