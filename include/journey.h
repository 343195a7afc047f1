/*
 * journey.h - one replication of one scenario: customers move through
 * marketing, sales, delivery and service on the engine, under the scenario's
 * ownership model, and the run reports every metric of metrics.h, the time
 * series and the distributions.
 *
 * journey_run is re-entrant: it owns all its state, so replications run in
 * parallel threads. The same (scenario, run settings, replication) always gives
 * the same result, bit for bit.
 */
#ifndef JOURNEYSIM_JOURNEY_H
#define JOURNEYSIM_JOURNEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "metrics.h"
#include "scenario.h"

/* Per-customer distributions, as shares of customers per bin, for charts. */
enum hist_id { H_EXPERIENCE, H_TIME_TO_CUSTOMER, HIST_COUNT };
#define HIST_BINS 48
struct hist_info {
	const char *name; /* "experience", "time_to_customer" */
	const char *unit;
	double low, width; /* bin i covers [low + i*width, low + (i+1)*width); the last bin is open above */
};
extern const struct hist_info hist_table[HIST_COUNT];

struct rep_result {
	double metrics[METRIC_COUNT]; /* NaN where a metric has no observation */
	size_t n_samples;             /* time-series points */
	double sample_every;          /* days; point i averages [i*sample_every, (i+1)*sample_every) */
	double *series;               /* [SERIES_COUNT * n_samples], series-major */
	double hist[HIST_COUNT][HIST_BINS]; /* shares, each histogram sums to 1 (or all 0) */
	uint64_t events;              /* engine events executed (for benchmarks) */
	char *trace;                  /* CSV rows "time,customer,stage,event,detail\n", or NULL */
	size_t trace_len;
};

/* Time-series step for a run (resolves sample_every = 0 to a nice step
 * giving at most about 1000 points). */
double journey_sample_step(const struct run_settings *run);

void rep_result_fini(struct rep_result *r);

/* Runs replication `replication` (0-based) of scenario s. trace_customers > 0
 * records every event of customers 1..trace_customers into out->trace.
 * Returns 0, or -1 with err (memory). */
int journey_run(const struct scenario *s, const struct run_settings *run, unsigned replication,
		uint64_t trace_customers, struct rep_result *out, struct js_error *err);

/* The long-run load of one pool, estimated from the scenario's mean flows
 * (offered_load.c says how), not simulated: what `check` and `run` warn about
 * when a pool cannot keep up. */
struct pool_load {
	unsigned servers;   /* the pool's servers; 0 = unlimited */
	double offered;     /* work arriving, in server-days per day: the servers it keeps busy on average */
	double utilisation; /* offered / servers, the share of the time each server is busy; at or above 1
			     * the queue grows without bound; 0 for an unlimited pool */
};

/* Estimates every pool's load for scenario s (a loaded, valid scenario). */
void journey_pool_load(const struct scenario *s, struct pool_load load[POOL_COUNT]);

#endif
