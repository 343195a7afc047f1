/*
 * experiment.h - replications of every scenario of a file, in parallel
 * threads, summarised with 95% Student-t intervals and paired differences
 * against the baseline (the first scenario).
 *
 * Results are stored by (scenario, replication), never by finishing order, so
 * every output is byte-identical whatever the number of jobs.
 */
#ifndef JOURNEYSIM_EXPERIMENT_H
#define JOURNEYSIM_EXPERIMENT_H

#include <stddef.h>

#include "error.h"
#include "journey.h"
#include "metrics.h"
#include "scenario.h"

struct summary {
	double mean, sd, ci_low, ci_high; /* NaN where undefined (n < 2 gives no interval) */
	unsigned n;                       /* observations that were not NaN */
};

/* Mean, sample sd and 95% Student-t interval of x[0..n), skipping NaN
 * (gsl_stats_*, gsl_cdf_tdist_Pinv). */
void stats_summarise(const double *x, size_t n, struct summary *s);

/* The order of two ranked entries: the larger value first, NaN last, ties by
 * the smaller index (so that a ranking never depends on qsort). -1, 0, 1. */
int stats_larger_first(double u, size_t iu, double v, size_t iv);
/* The same for the paired differences a[i] - b[i] (pairs with a NaN skipped). */
void stats_paired(const double *a, const double *b, size_t n, struct summary *s);

struct progress; /* progress.h */

struct experiment_options {
	unsigned jobs;            /* threads, >= 1 */
	uint64_t trace_customers; /* 0 = no trace */
	struct progress *progress; /* the line that counts the runs (progress.h), or NULL */
	int metrics_only;          /* keep only each replication's metrics (no series, no trace) */
};

struct experiment {
	const struct scenario_file *file; /* not owned; NULL after experiment_run_list */
	size_t n_scenarios;
	unsigned replications;
	struct rep_result *results; /* [scenario * replications + replication] */
};

/* Runs every replication of every scenario. 0, or -1 with err. */
int experiment_run(const struct scenario_file *f, const struct experiment_options *opt,
		   struct experiment *x, struct js_error *err);
/* The same for the n scenarios of list under run (x->file stays NULL: no
 * result files): every replication of each, on the same streams as a file's
 * scenarios get. n >= 1, run->replications >= 1. */
int experiment_run_list(const struct scenario *list, size_t n, const struct run_settings *run,
			const struct experiment_options *opt, struct experiment *x, struct js_error *err);
void experiment_fini(struct experiment *x);

/* Summary of metric m for scenario s, and its paired difference to the baseline. */
void experiment_summary(const struct experiment *x, size_t s, int m, struct summary *out);
void experiment_diff(const struct experiment *x, size_t s, int m, struct summary *out);

/* ---- payback (payback.c) ---- */

/* The day after which y (n >= 1 points at rising days) is positive for
 * good: after the last point that is not (NaN counts as not), linearly
 * interpolated to where the segment to the next point crosses 0; day[0]
 * when every point is positive; NaN when the last point is not (not within
 * the horizon). A gain g a day after a one-off cost C at day 0 gives C / g. */
double payback_day(const double *day, const double *y, size_t n);

/* Payback of scenario s against the baseline (scenario 0), from the
 * cumulative paired margin difference over replications (cumulative.csv):
 * mean = payback of the mean difference, ci_low / ci_high = payback of the
 * 95% band's upper / lower bound, sd NaN, n = pairs (0 when the mean does
 * not pay back within the horizon). All NaN (n 0) for the
 * baseline and when the replications kept no cumulative margin. The
 * summaries and differences of metric M_PAYBACK (stats.c) are this. */
void experiment_payback(const struct experiment *x, size_t s, struct summary *out);

/* The paired cumulative margin difference of scenario s to the baseline at
 * grid point i (journey_cumulative_day) into *out. */
void experiment_cumulative_diff(const struct experiment *x, size_t s, size_t i, struct summary *out);

/* ---- the objective (rank.c) ---- */

/* The objective's value in each replication of scenario s (out[replications]). */
void experiment_objective_values(const struct experiment *x, const struct objective *o, size_t s, double *out);
/* Its summary for scenario s, and the paired difference a - b. */
void experiment_objective_summary(const struct experiment *x, const struct objective *o, size_t s,
				  struct summary *out);
void experiment_objective_diff(const struct experiment *x, const struct objective *o, size_t a, size_t b,
			       struct summary *out);

/* One place of the ranking: scenario, its objective value and the paired
 * difference to the next-ranked scenario (value here minus value there). */
struct rank_entry {
	size_t scenario;
	double value;           /* mean objective */
	struct summary diff;    /* to the next-ranked; NaN for the last */
	int significant;        /* diff's 95% interval excludes 0 */
};

/* Ranks every scenario by the objective, best first, in the direction of
 * its primary metric (metric_better_find): higher first for margin, lower
 * first for cost. NaN values come last; ties keep the file's order. Fills
 * out[x->n_scenarios]; 0, or -1 with err (memory). */
int experiment_rank(const struct experiment *x, const struct objective *o, struct rank_entry *out,
		    struct js_error *err);

/* ---- capacity (capacity.c) ---- */

/* A pool that cannot keep up in a scenario, found in the simulated results:
 *   saturated  the mean utilisation over replications is at least
 *              CAPACITY_SATURATED (0.98);
 *   growing    the queue still rises at the end: over the last third of the
 *              measuring window the least-squares slope of the pool's queue
 *              series, one per replication, has a 95% interval (Student t
 *              across replications) above 0, and the rise it gives over that
 *              third is more than 1 job, half a job per server (a season's
 *              peak of a job or two in a large pool is not a pool that cannot
 *              keep up) and 20% of the queue's mean there.
 * from_day: where the queue started to build up: the last sample day at
 * which the mean queue over replications was at most a tenth of its final
 * level (the first sample day when it never was). */
#define CAPACITY_SATURATED 0.98
enum capacity_kind { CAPACITY_KIND_SATURATED, CAPACITY_KIND_GROWING };
extern const char *const capacity_kind_names[2]; /* "saturated", "growing" */
struct capacity_warning {
	size_t scenario;
	enum pool_id pool;
	enum capacity_kind kind;
	double from_day;
	double utilisation; /* mean over replications */
	char text[256];     /* "contact centre saturated from about day 800: results depend on the horizon" */
};
#define CAPACITY_WARNINGS_MAX (SCENARIO_MAX * POOL_COUNT)

/* Every pool of every scenario that is saturated or still growing (one
 * warning a pool, saturated first); returns how many, at most max. */
size_t experiment_capacity_check(const struct experiment *x, struct capacity_warning *out, size_t max);

/* ---- staffing (staffing.c, docs/staffing.md) ---- */

/* The servers a rule chose for one pool of one scenario. */
struct staffing_choice {
	size_t scenario;
	enum pool_id pool;
	int rule;          /* enum staffing_rule, never STAFFING_FIXED here */
	unsigned estimate; /* the Erlang C start (max_servers + 1: beyond reach by the estimate) */
	unsigned servers;  /* chosen, and used for the reported run */
};

struct staffing_report {
	size_t n; /* pools with a rule other than fixed */
	struct staffing_choice choice[SCENARIO_MAX * POOL_COUNT];
	size_t candidates;     /* staffings simulated by the search */
	uint64_t replications; /* replications they took (candidates x run.replications) */
};

/* The Erlang C estimate for a pool with offered load `offered` (server-days
 * per day, journey_pool_load): the fewest servers c with
 *   1 - C(c, a) exp(-(c - a) within / E[S]) >= share
 * (M/M/c with the pool's mean service time E[S]); max_servers + 1 when no c
 * up to max_servers gives it; 1 for a pool without work. */
unsigned staffing_estimate(const struct pool_params *pp, double offered);

/* Chooses the servers of every pool whose staffing rule is not fixed, by
 * simulation under common random numbers (the file's replications and seed
 * at every candidate), writes them into f and describes the search in rep.
 * Builds and runs nothing when every rule is fixed. 0, or -1 with err: a
 * service level that max_servers cannot reach is EX_CONFIG, located at the
 * pool's staffing rule and naming the scenario and pool. */
int staffing_choose(struct scenario_file *f, const struct experiment_options *opt, struct staffing_report *rep,
		    struct js_error *err);

/* Default number of jobs: the number of online cores. */
unsigned experiment_default_jobs(void);

#endif
