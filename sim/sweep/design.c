/*
 * design.c - the points of a sweep, their seeds, and shards.
 *
 *   grid   every combination of the parameters' values; point ids count with
 *          the LAST parameter varying fastest (the first varies slowest), as
 *          nested loops written in the file's order would
 *   lhs    Latin hypercube: for each parameter a random permutation of the n
 *          strata [i/n, (i+1)/n) and a uniform position inside each, drawn
 *          from the stream (run.seed, replication 0, "sweep.lhs"): parameter
 *          by parameter, the permutation (gsl_ran_shuffle) then n uniforms
 *   sobol  the first n points of gsl_qrng_sobol in as many dimensions as
 *          parameters (the first point is the centre, 0.5, ...)
 *   oat    point 0 the base; point 2j+1 parameter j at low, 2j+2 at high,
 *          the others at base
 *
 * A unit coordinate u in [0, 1) maps to low + u (high - low); for whole-number
 * parameters to floor(low + u (high - low + 1)), so that each whole value
 * from low to high is equally likely and the strata of an lhs stay strata.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

#include "rng.h"
#include "sweep_internal.h"

#define POINT_KEY 0x243f6a8885a308d3u /* pi's first fraction bits: any odd key would do */
#define POINT_STEP 0x9e3779b97f4a7c15u

static double unit_to_value(const struct sweep_param *prm, double u)
{
	if (prm->integer) {
		double v = floor(prm->low + u * (prm->high - prm->low + 1));
		return v > prm->high ? prm->high : v;
	}
	return prm->low + u * (prm->high - prm->low);
}

static void build_grid(struct sweep_plan *p)
{
	for (size_t i = 0; i < p->n_points; i++) {
		size_t rest = i;
		for (size_t j = p->n_params; j-- > 0;) {
			const struct sweep_param *prm = &p->params[j];
			p->points[i * p->n_params + j] = prm->levels[rest % prm->n_levels];
			rest /= prm->n_levels;
		}
	}
}

static void build_oat(struct sweep_plan *p)
{
	for (size_t i = 0; i < p->n_points; i++)
		for (size_t j = 0; j < p->n_params; j++) {
			const struct sweep_param *prm = &p->params[j];
			double v = prm->base;
			if (i == 2 * j + 1)
				v = prm->low;
			else if (i == 2 * j + 2)
				v = prm->high;
			p->points[i * p->n_params + j] = v;
		}
}

static int build_lhs(struct sweep_plan *p, struct js_error *err)
{
	size_t n = p->n_points;
	gsl_rng *r = rng_stream_alloc(p->seed, 0, "sweep.lhs");
	size_t *perm = malloc(n * sizeof *perm);
	if (!r || !perm) {
		gsl_rng_free(r);
		free(perm);
		return js_error_set(err, EX_OSERR, "out of memory for a Latin hypercube of %zu points", n);
	}
	for (size_t j = 0; j < p->n_params; j++) {
		for (size_t i = 0; i < n; i++)
			perm[i] = i;
		gsl_ran_shuffle(r, perm, n, sizeof *perm);
		for (size_t i = 0; i < n; i++) {
			double u = ((double)perm[i] + gsl_rng_uniform(r)) / (double)n;
			p->points[i * p->n_params + j] = unit_to_value(&p->params[j], u);
		}
	}
	gsl_rng_free(r);
	free(perm);
	return 0;
}

static int build_sobol(struct sweep_plan *p, struct js_error *err)
{
	if (p->n_params > gsl_qrng_sobol->max_dimension)
		return js_error_set(err, EX_CONFIG, "a sobol design takes at most %u parameters, got %zu",
				    gsl_qrng_sobol->max_dimension, p->n_params);
	gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)p->n_params);
	double u[SWEEP_PARAM_MAX];
	if (!q)
		return js_error_set(err, EX_OSERR, "cannot make a Sobol sequence in %zu dimensions", p->n_params);
	for (size_t i = 0; i < p->n_points; i++) {
		if (gsl_qrng_get(q, u) != 0) {
			gsl_qrng_free(q);
			return js_error_set(err, EX_SOFTWARE, "the Sobol sequence failed at point %zu", i);
		}
		for (size_t j = 0; j < p->n_params; j++)
			p->points[i * p->n_params + j] = unit_to_value(&p->params[j], u[j]);
	}
	gsl_qrng_free(q);
	return 0;
}

int sweep_design_build(struct sweep_plan *p, struct js_error *err)
{
	rng_gsl_quiet();
	if (p->design == SWEEP_WORLDS) /* drawn from the priors (decide.c) or read from a journal */
		return p->points ? 0 : js_error_set(err, EX_SOFTWARE, "a worlds design has no points");
	if (p->design == SWEEP_GRID) {
		size_t n = 1;
		for (size_t j = 0; j < p->n_params; j++) {
			if (p->params[j].n_levels == 0 || n > SWEEP_POINTS_MAX / p->params[j].n_levels)
				return js_error_set(err, EX_CONFIG, "a grid takes 1 to %u points", SWEEP_POINTS_MAX);
			n *= p->params[j].n_levels;
		}
		p->n_points = n;
	} else if (p->design == SWEEP_OAT) {
		p->n_points = 1 + 2 * p->n_params;
	}
	if (p->n_params == 0 || p->n_points == 0 || p->n_points > SWEEP_POINTS_MAX)
		return js_error_set(err, EX_CONFIG, "a sweep takes 1 to %u points and at least one parameter",
				    SWEEP_POINTS_MAX);
	free(p->points);
	p->points = malloc(p->n_points * p->n_params * sizeof *p->points);
	if (!p->points)
		return js_error_set(err, EX_OSERR, "out of memory for %zu points", p->n_points);
	switch (p->design) {
	case SWEEP_GRID: build_grid(p); return 0;
	case SWEEP_OAT: build_oat(p); return 0;
	case SWEEP_LHS: return build_lhs(p, err);
	case SWEEP_SOBOL: return build_sobol(p, err);
	default: return js_error_set(err, EX_SOFTWARE, "unknown design %d", (int)p->design);
	}
}

double sweep_point_value(const struct sweep_plan *p, size_t point, size_t j)
{
	return p->points[point * p->n_params + j];
}

uint64_t sweep_point_seed(const struct sweep_plan *p, size_t point)
{
	if (!p->seeds_per_point)
		return p->seed;
	return rng_mix64(rng_mix64(p->seed ^ POINT_KEY) + ((uint64_t)point + 1) * POINT_STEP);
}

unsigned sweep_point_replication(const struct sweep_plan *p, size_t point, unsigned r)
{
	return p->design == SWEEP_WORLDS ? (unsigned)point * p->replications + r : r;
}

int sweep_point_apply(const struct sweep_plan *p, size_t point, struct scenario *s, struct js_error *err)
{
	for (size_t j = 0; j < p->n_params; j++) {
		double old;
		if (scenario_param_get(s, p->params[j].path, &old) != 0)
			continue;
		if (scenario_param_set(s, p->params[j].path, sweep_point_value(p, point, j), err) != 0) {
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err->msg);
			return js_error_set(err, EX_CONFIG, "%s: point %zu, scenario \"%s\": %s", p->config, point,
					    s->name, msg);
		}
	}
	return 0;
}

/* ---- shards ---- */

int sweep_point_in_shard(const struct sweep_plan *p, size_t point)
{
	return p->shard_n <= 1 || point % p->shard_n == p->shard_k - 1;
}

static int parse_count(const char *text, unsigned long *v)
{
	if (!text || *text < '0' || *text > '9')
		return -1;
	char *end;
	errno = 0;
	*v = strtoul(text, &end, 10);
	return errno || *end || *v > 1000000 ? -1 : 0;
}

int sweep_shard_parse(const char *text, unsigned *k, unsigned *n, struct js_error *err)
{
	char a[32], b[32];
	const char *slash = strchr(text, '/');
	unsigned long kk, nn;
	if (!slash || (size_t)(slash - text) >= sizeof a || strlen(slash + 1) >= sizeof b)
		return js_error_set(err, EX_USAGE, "--shard: expected K/N (shard K of N, 1 <= K <= N), got '%s'", text);
	snprintf(a, sizeof a, "%.*s", (int)(slash - text), text);
	snprintf(b, sizeof b, "%s", slash + 1);
	if (parse_count(a, &kk) || parse_count(b, &nn) || kk < 1 || nn < 1 || kk > nn)
		return js_error_set(err, EX_USAGE, "--shard: expected K/N (shard K of N, 1 <= K <= N), got '%s'", text);
	*k = (unsigned)kk;
	*n = (unsigned)nn;
	return 0;
}

int sweep_shard_from_env(unsigned *k, unsigned *n, int *found, struct js_error *err)
{
	const char *id = getenv("SLURM_ARRAY_TASK_ID"), *count = getenv("SLURM_ARRAY_TASK_COUNT");
	const char *min = getenv("SLURM_ARRAY_TASK_MIN"), *step = getenv("SLURM_ARRAY_TASK_STEP");
	*found = 0;
	if (!id || !*id)
		return 0;
	unsigned long vid, vcount, vmin = 0, vstep = 1;
	if (parse_count(id, &vid) || !count || parse_count(count, &vcount) || vcount < 1 ||
	    (min && *min && parse_count(min, &vmin)) || (step && *step && parse_count(step, &vstep)))
		return js_error_set(err, EX_USAGE,
				    "SLURM_ARRAY_TASK_ID=%s: expected it with SLURM_ARRAY_TASK_COUNT (and "
				    "SLURM_ARRAY_TASK_MIN) as whole numbers, got COUNT=%s MIN=%s",
				    id, count ? count : "(unset)", min ? min : "(unset)");
	if (vstep != 1)
		return js_error_set(err, EX_USAGE,
				    "SLURM_ARRAY_TASK_STEP=%lu: expected a job array with step 1 (--array=1-N), or "
				    "--shard K/N",
				    vstep);
	if (vid < vmin || vid - vmin >= vcount)
		return js_error_set(err, EX_USAGE,
				    "SLURM_ARRAY_TASK_ID=%lu: expected %lu to %lu (SLURM_ARRAY_TASK_MIN=%lu, COUNT=%lu): "
				    "use a contiguous array such as --array=1-%lu",
				    vid, vmin, vmin + vcount - 1, vmin, vcount, vcount);
	*k = (unsigned)(vid - vmin + 1);
	*n = (unsigned)vcount;
	*found = 1;
	return 0;
}
