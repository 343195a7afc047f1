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
#include "scenario.h"

struct summary {
	double mean, sd, ci_low, ci_high; /* NaN where undefined (n < 2 gives no interval) */
	unsigned n;                       /* observations that were not NaN */
};

/* Mean, sample sd and 95% Student-t interval of x[0..n), skipping NaN
 * (gsl_stats_*, gsl_cdf_tdist_Pinv). */
void stats_summarise(const double *x, size_t n, struct summary *s);
/* The same for the paired differences a[i] - b[i] (pairs with a NaN skipped). */
void stats_paired(const double *a, const double *b, size_t n, struct summary *s);

struct progress; /* progress.h */

struct experiment_options {
	unsigned jobs;            /* threads, >= 1 */
	uint64_t trace_customers; /* 0 = no trace */
	struct progress *progress; /* the line that counts the runs (progress.h), or NULL */
};

struct experiment {
	const struct scenario_file *file; /* not owned */
	size_t n_scenarios;
	unsigned replications;
	struct rep_result *results; /* [scenario * replications + replication] */
};

/* Runs every replication of every scenario. 0, or -1 with err. */
int experiment_run(const struct scenario_file *f, const struct experiment_options *opt,
		   struct experiment *x, struct js_error *err);
void experiment_fini(struct experiment *x);

/* Summary of metric m for scenario s, and its paired difference to the baseline. */
void experiment_summary(const struct experiment *x, size_t s, int m, struct summary *out);
void experiment_diff(const struct experiment *x, size_t s, int m, struct summary *out);

/* Default number of jobs: the number of online cores. */
unsigned experiment_default_jobs(void);

#endif
