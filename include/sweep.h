/*
 * sweep.h - parameter sweeps: designs, running with a journal (resume), shards
 * and MPI ranks, merging shards, and the analyses (tornado, sensitivity,
 * crossovers). docs/sweeps.md describes the file format and every output.
 *
 * The pieces, in the order a sweep uses them:
 *
 *   sweep_load          a scenario file with a `sweep` group -> struct sweep:
 *                       the loaded scenarios plus a struct sweep_plan (the
 *                       resolved design: parameters, points, seeds, metrics)
 *   sweep_run           runs the points of the plan's shard that DIR/journal
 *                       does not hold yet, appending one journal record per
 *                       finished point (flushed and fsync'd)
 *   sweep_outputs_write reads journals and writes points.csv, results.csv,
 *                       summary.csv, diffs.csv, manifest.json, tornado.csv,
 *                       sensitivity.csv and crossovers.csv in point order
 *   sweep_merge_plan    the plan of a set of shard folders (from their journal
 *                       headers), checked to belong to one sweep
 *
 * Determinism: every random number of point p, scenario s, replication r
 * depends only on (run.seed, r, source) - or on (point seed, r, source) with
 * `seeds = "per_point"` - never on the job, shard or rank that runs it; the
 * outputs are written from the journal in point order, so they are the same
 * bytes whatever --jobs, however many shards or ranks, and after any resume.
 *
 * Ownership: a struct sweep owns its scenario file and plan; a plan owns its
 * points and levels (sweep_plan_fini). Every function returns 0, or -1 with
 * err filled (sysexits codes); nothing here prints or exits.
 */
#ifndef JOURNEYSIM_SWEEP_H
#define JOURNEYSIM_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "metrics.h"
#include "scenario.h"

#define SWEEP_PARAM_MAX 64        /* parameters per sweep (Sobol: gsl_qrng_sobol's limit, 40) */
#define SWEEP_POINTS_MAX 1000000u /* points per sweep */
#define SWEEP_PATH_LEN 128

/* SWEEP_WORLDS is not a design of the sweep group: `decide` (decide.h) runs
 * the worlds drawn from its priors as points, world w replication r being
 * replication w R + r of run.seed (sweep_point_replication). */
enum sweep_design { SWEEP_GRID, SWEEP_LHS, SWEEP_SOBOL, SWEEP_OAT, SWEEP_WORLDS, SWEEP_DESIGN_COUNT };
extern const char *const sweep_design_names[SWEEP_DESIGN_COUNT]; /* "grid", "lhs", "sobol", "oat", "worlds" */

/* How a parameter's values were given. */
enum sweep_values {
	SWEEP_LIST,        /* values = [...] */
	SWEEP_RANGE_STEP,  /* from, to, step */
	SWEEP_RANGE_COUNT, /* from, to, count (evenly spaced, both ends included) */
	SWEEP_BOUNDS,      /* low, high (lhs, sobol, oat) */
};

struct sweep_param {
	char path[SWEEP_PATH_LEN]; /* relative to company: "handoff.delay_boundary" */
	char unit[32];             /* the parameter's unit: "days", "servers", "money", ... ("" unknown) */
	int integer;               /* whole numbers only: sampled values are whole */
	int duration;              /* values may be written as durations ("2 d", "6 h") */
	enum sweep_values kind;
	double from, to, step;     /* ranges */
	unsigned count;            /* SWEEP_RANGE_COUNT */
	double low, high;          /* SWEEP_BOUNDS, low < high */
	double base;               /* oat: the base value (given, the file's value, or the midpoint) */
	int base_given;            /* base = ... was written in the sweep group */
	size_t n_levels;           /* grid: the values in order (lists and ranges); 0 for bounds */
	double *levels;            /* owned */
};

#define SWEEP_GROUPS_MAX 16

/* A decide's priors as its journal keeps them (the parameters' order): enough
 * to refuse a resume or merge of another decision and to write its outputs
 * from the journals alone. */
struct sweep_worlds {
	char sha256[65];                    /* of the prior set and every world's values */
	char dist[SWEEP_PARAM_MAX][16];     /* each parameter's distribution ("uniform", ...) */
	double dist_a[SWEEP_PARAM_MAX], dist_b[SWEEP_PARAM_MAX], dist_c[SWEEP_PARAM_MAX];
	size_t n_groups;                    /* EVPPI groups */
	char group_name[SWEEP_GROUPS_MAX][NAME_LEN];
	size_t group_size[SWEEP_GROUPS_MAX];
	size_t group_member[SWEEP_GROUPS_MAX][SWEEP_PARAM_MAX];
	size_t n_dist, n_read;              /* reading a journal header: prior and world lines so far */
};

struct sweep_plan {
	char version[32];          /* journeysim version that runs the sweep */
	char config[1024];         /* the scenario file as given */
	char config_sha256[65];    /* of the scenario file's bytes */
	char resolved_sha256[65];  /* of the resolved scenarios (scenario_file_print): catches changed
				      @includes and presets */
	enum sweep_design design;
	int seeds_per_point;       /* 0: every point uses run.seed (common random numbers across points) */
	uint64_t seed;             /* run.seed */
	unsigned replications;     /* per point and scenario */
	double horizon, warmup;    /* days */
	double period;             /* run.period (days; 0 = a year) */
	size_t n_periods;          /* sweep.periods = true: per-period figures of up to this many periods a
				      point (the longest point's), 0: none */
	char currency[16];         /* the baseline's */
	size_t n_scenarios;        /* scenario 0 is the baseline */
	char scenarios[SCENARIO_MAX][NAME_LEN];
	size_t n_metrics;          /* the metrics written, in metrics.h order or as listed */
	int metrics[METRIC_COUNT];
	size_t n_params;
	struct sweep_param params[SWEEP_PARAM_MAX];
	size_t n_points;
	double *points;            /* [point * n_params + j]: parameter j at point, owned */
	unsigned shard_k, shard_n; /* this run's shard, 1 <= k <= n; 1/1 is every point */
	/* What the sweep is asked (analyses and charts; they change no point): */
	char objective[160];       /* run.objective, or --objective */
	int focus;                 /* the metric of the charts and summary (sweep.metric, --metric), or -1:
				      the objective's primary metric */
	int contrast[2];           /* sweep.contrast = "A-B": scenario indices, or -1 -1 for none */
	struct sweep_worlds worlds; /* SWEEP_WORLDS only: what identifies the decision */
};

/* The metric the sweep is about: p->focus, else the objective's primary metric. */
int sweep_focus_metric(const struct sweep_plan *p);

/* Sets what the sweep is asked: the objective SPEC, the metric M (one of
 * the plan's metrics; aliases of the objective accepted) and the contrast
 * "A-B" (two scenarios of the plan). NULL leaves one as it is. 0, or -1 with
 * why ("expected ..., got ..."). */
int sweep_objective_set(struct sweep_plan *p, const char *spec, char *why, size_t len);
int sweep_focus_set(struct sweep_plan *p, const char *metric, char *why, size_t len);
int sweep_contrast_set(struct sweep_plan *p, const char *contrast, char *why, size_t len);

struct sweep {
	struct scenario_file *file; /* owned */
	struct sweep_plan plan;
};

/* ---- loading and designs ---- */

/* Loads a scenario file and its `sweep` group, checks every parameter path,
 * value and bound (file:line: sweep.parameters[1].path: ... errors, EX_CONFIG)
 * and builds the design. Loader warnings go to warn (may be NULL). */
int sweep_load(const char *path, struct sweep *sw, char *warn, size_t warn_len, struct js_error *err);
void sweep_fini(struct sweep *sw);
void sweep_plan_fini(struct sweep_plan *p);

/* Fills p->points (and p->n_points) from the design, the parameters and
 * the seed: grid (the first parameter varies slowest), lhs, sobol, oat (point
 * 0 the base, then low and high of each parameter in turn). For lhs and sobol
 * p->n_points must be set first. */
int sweep_design_build(struct sweep_plan *p, struct js_error *err);

/* Value of parameter j at point p. */
double sweep_point_value(const struct sweep_plan *p, size_t point, size_t j);

/* The master seed of a point: run.seed, or with seeds_per_point a mix of
 * (run.seed, point) by rng_mix64. */
uint64_t sweep_point_seed(const struct sweep_plan *p, size_t point);

/* The replication index of replication r of point p for journey_run: r, or
 * for SWEEP_WORLDS point * replications + r (worlds get their own streams,
 * every scenario of a world the same ones). */
unsigned sweep_point_replication(const struct sweep_plan *p, size_t point, unsigned r);

/* Sets every parameter of point p in scenario s (a copy). A path that does
 * not exist in s (an owner its ownership model lacks) is left alone. */
int sweep_point_apply(const struct sweep_plan *p, size_t point, struct scenario *s, struct js_error *err);

/* ---- shards ---- */

/* Is the point in the plan's shard (point % n == k - 1)? */
int sweep_point_in_shard(const struct sweep_plan *p, size_t point);
/* "K/N" with 1 <= K <= N. */
int sweep_shard_parse(const char *text, unsigned *k, unsigned *n, struct js_error *err);
/* The shard of a Slurm job array task: SLURM_ARRAY_TASK_ID, _COUNT and _MIN
 * (0 when unset). *found is 0 when SLURM_ARRAY_TASK_ID is not set. */
int sweep_shard_from_env(unsigned *k, unsigned *n, int *found, struct js_error *err);

/* ---- running ---- */

struct progress; /* progress.h */

struct sweep_options {
	unsigned jobs; /* threads, >= 1 */
	int resume;    /* continue DIR/journal; without it an existing journal is an error */
	/* The line that counts the shard's points, those in the journal before
	 * included (progress.h; initialised by the caller), or NULL. */
	struct progress *progress;
};

struct sweep_status {
	size_t points;  /* points of this shard */
	size_t resumed; /* of them found in the journal at the start */
	size_t run;     /* run now */
};

/* One writer per sweep folder: the process that writes DIR (a sweep, or a
 * merge into DIR) holds an exclusive flock on DIR/journal from before it
 * changes anything until it is done. sweep_folder_lock opens and locks
 * DIR/journal (DIR must exist), or creates it with the header of plan p
 * (created = 1), locked before it appears; it does not read or check an
 * existing one (sweep_run does). EX_TEMPFAIL when another process holds the
 * lock. sweep_folder_unlock releases it (safe on a lock not taken). */
struct sweep_folder_lock {
	int fd;      /* -1: not held */
	int created; /* the journal was made by this lock */
};
int sweep_folder_lock(const char *dir, const struct sweep_plan *p, struct sweep_folder_lock *lk,
		      struct js_error *err);
void sweep_folder_unlock(struct sweep_folder_lock *lk);

/* Runs every point of the plan's shard that DIR/journal (DIR must exist)
 * does not hold yet; the caller holds sweep_folder_lock(DIR) throughout. A
 * journal of this sweep with no records is continued even without resume.
 * In an MPI build under mpirun with several ranks, rank r runs the points
 * with point % size == r and rank 0 writes the journal. */
int sweep_run(const struct sweep *sw, const char *dir, const struct sweep_options *o, struct sweep_status *st,
	      struct js_error *err);

/* ---- outputs ---- */

/* A sign change of the paired difference scenario - baseline along one
 * parameter (the other parameters at their first value) that is significant:
 * on both sides of it some swept level has a paired 95% interval that
 * excludes 0 (so ci_low and ci_high are both finite). */
struct sweep_crossover {
	size_t param;       /* index into plan->params */
	int metric;         /* metric id */
	size_t scenario;    /* index into plan->scenarios; the baseline is 0 */
	double at;          /* where the interpolated mean difference is 0 */
	double ci_low, ci_high; /* where the interpolated 95% band stops containing 0; NaN: beyond the swept range */
	int rising;         /* the difference grows with the parameter */
	int better;         /* the metric's direction (metrics.h): +1 higher, -1 lower, 0 neutral */
	const char *direction; /* "scenario_better_above", ..._below, or "scenario_higher_above"/"_below" */
};

/* What the CLI prints after a sweep. */
struct sweep_report {
	size_t n_crossovers;
	struct sweep_crossover *crossovers; /* owned */
	size_t n_tornado_top;               /* oat: the largest swing of each scenario x metric */
	struct sweep_tornado_top {
		size_t scenario; /* n_scenarios: the contrast A-B */
		int metric;
		size_t param;
		double swing;
	} *tornado_top;                     /* owned */
};
void sweep_report_fini(struct sweep_report *r);

/* One line of plain English, with the schema's labels: "customer_council
 * beats siloed on Margin once Handoff delay at a boundary exceeds 2.3 days
 * (95% interval of the crossing 1.9 to 2.8 days)"; "siloed, Margin: Handoff
 * delay at a boundary matters most (swing 1.2 million EUR/year)". Only
 * significant crossovers are found (crossovers.csv), so "beats" is always
 * backed by intervals that exclude 0 on both sides. */
void sweep_crossover_describe(const struct sweep_plan *p, const struct sweep_crossover *c, char *buf, size_t len);
void sweep_tornado_describe(const struct sweep_plan *p, const struct sweep_tornado_top *t, char *buf, size_t len);

/* Writes the output files of the plan's shard into folder out from the
 * journals DIRS[i]/journal (one folder for a run, the shard folders for a
 * merge). Every point of the shard must be in exactly one journal. The
 * analysis files (tornado, sensitivity, crossovers) are written for a whole
 * sweep (shard 1/1) only. rep may be NULL. */
int sweep_outputs_write(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, const char *out,
			struct sweep_report *rep, struct js_error *err);

/* The plan of shard folders DIRS (read from their journals), checked to
 * belong to one sweep (same version, config, design and shard count, distinct
 * shards). The result is the whole sweep (shard 1/1). */
int sweep_merge_plan(const char *const *dirs, size_t n_dirs, struct sweep_plan *plan, struct js_error *err);

/* Makes OUT/journal the journal of the whole sweep (plan, from
 * sweep_merge_plan): every record of the shard journals DIRS that it does not
 * hold yet is appended, so OUT is a sweep folder like one run's (`sweep
 * --resume` there runs nothing). An existing OUT/journal must be of the same
 * sweep (EX_DATAERR otherwise: it is another sweep's, and is left alone). The
 * caller holds sweep_folder_lock(OUT). */
int sweep_merge_journal(const struct sweep_plan *plan, const char *const *dirs, size_t n_dirs, const char *out,
			struct js_error *err);

/* ---- analyses, on plain arrays (the tests use them directly) ---- */

/* Crossovers of a curve d(x) sampled at rising x[0..n) with pointwise 95%
 * bounds lo <= d <= hi (NaN points are skipped). A sign change of d gives
 * `at` by linear interpolation, and the interval around it where the linearly
 * interpolated band [lo, hi] contains 0 (NaN ends: it still contains 0 at the
 * edge of the swept range). Sign changes within one such stretch count as one
 * uncertain crossover when their number is odd (the middle one is reported)
 * and as none when it is even (d comes back to its sign). Writes at most max
 * crossovers; returns how many there are. */
struct sweep_crossing {
	double at, ci_low, ci_high;
	int rising;
};
size_t sweep_crossings_find(const double *x, const double *d, const double *lo, const double *hi, size_t n,
			    struct sweep_crossing *out, size_t max);

/* Standardised regression coefficients of y on the columns of X (n rows, k
 * columns, row-major) by least squares (gsl_multifit_linear): src[j] =
 * b_j sd(x_j) / sd(y), with a 95% Student-t interval from the fit's standard
 * errors, and the fit's r2. NaN when n <= k + 1 or y is constant. */
int sweep_src(const double *X, const double *y, size_t n, size_t k, double *src, double *ci_low,
	      double *ci_high, double *r2);

/* First-order Sobol index of y on x (n pairs) from the sample itself: the
 * variance of the means of y in sqrt(n) equal-count bins of x over the
 * variance of y, less the bias that noise alone gives, clipped to [0, 1].
 * NaN when n < 16 or y is constant. */
double sweep_first_order(const double *x, const double *y, size_t n);

/* ---- MPI (no-ops in a build without JOURNEYSIM_MPI) ---- */

/* Initialises MPI when the program runs under mpirun (Open MPI, PMI or PMIx
 * in the environment): rank and size of the job; rank 0 of 1 otherwise. */
int sweep_mpi_init(int *rank, int *size, struct js_error *err);
void sweep_mpi_finalize(void);

#endif
