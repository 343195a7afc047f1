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
	/* per period (journey_period_span): [n_periods * PM_COUNT], period-major */
	size_t n_periods;
	double *periods;
	/* margin money since the window start at journey_cumulative_day(i), i < n_cumulative */
	size_t n_cumulative;
	double *cumulative;
	double window_days; /* the window's length: the last point of the cumulative grid */
};

/* ---- results per period (sim/journey/period.c, periods.csv) ----
 *
 * Periods are counted from the end of the warm-up (the window start): period
 * k (0-based here, 1-based in files) covers [k P, (k+1) P) days after it, the
 * last cut at the horizon. Kinds: money in the period (its periods add up to
 * the window's total, the per-year value times the window's years), a
 * time-average over the period, a ratio of the period's counts (customers
 * seen in the period, their score at its end or at their exit; term ends
 * decided in it), and money since the window start at the period's end. */
enum period_kind { PERIOD_MONEY, PERIOD_AVERAGE, PERIOD_RATIO, PERIOD_CUMULATIVE };
#define PERIOD_METRICS(X)                                                    \
	X(PM_MARGIN, "margin", M_MARGIN, PERIOD_MONEY)                         \
	X(PM_REVENUE, "revenue.total", M_REV_TOTAL, PERIOD_MONEY)              \
	X(PM_COST, "cost.total", M_COST_TOTAL, PERIOD_MONEY)                   \
	X(PM_COST_STAFF, "cost.staff", M_COST_STAFF, PERIOD_MONEY)             \
	X(PM_COST_VARIABLE, "cost.variable", M_COST_VARIABLE, PERIOD_MONEY)    \
	X(PM_COST_MANAGEMENT, "cost.management", M_COST_MANAGEMENT, PERIOD_MONEY) \
	X(PM_COST_OVERLAY, "cost.overlay", M_COST_OVERLAY, PERIOD_MONEY)       \
	X(PM_COST_COORDINATION, "cost.coordination", M_COST_COORDINATION, PERIOD_MONEY) \
	X(PM_COST_TECHNOLOGY, "cost.technology", M_COST_TECHNOLOGY, PERIOD_MONEY) \
	X(PM_COST_REWORK, "cost.rework", M_COST_REWORK, PERIOD_MONEY)          \
	X(PM_COST_MARKETING, "cost.marketing", M_COST_MARKETING, PERIOD_MONEY) \
	X(PM_COST_TRANSITION, "cost.transition", M_COST_TRANSITION, PERIOD_MONEY) \
	X(PM_ACTIVE, "customers.active", M_ACTIVE, PERIOD_AVERAGE)             \
	X(PM_EXPERIENCE, "experience.mean", M_EXPERIENCE, PERIOD_RATIO)        \
	X(PM_NPS, "experience.nps", M_NPS, PERIOD_RATIO)                       \
	X(PM_CHURN, "renewal.churn", M_CHURN, PERIOD_RATIO)                    \
	X(PM_DEBT, "technology.debt", M_DEBT, PERIOD_AVERAGE)                  \
	X(PM_DEFECTS, "defects.open_mean", M_DEFECTS_OPEN, PERIOD_AVERAGE)     \
	X(PM_MARGIN_CUMULATIVE, "margin.cumulative", M_MARGIN, PERIOD_CUMULATIVE)

enum period_metric {
#define X(id, name, metric, kind) id,
	PERIOD_METRICS(X)
#undef X
	PM_COUNT
};

struct period_metric_info {
	const char *name;
	int metric;           /* the whole-window metric it splits (enum metric_id) */
	enum period_kind kind;
};
extern const struct period_metric_info period_metric_table[PM_COUNT];

/* The unit of a period metric in the files: "money" (the currency) for
 * money kinds, else its metric's unit. */
const char *journey_period_unit(enum period_metric pm);

/* Days of one period: run->period, a year when 0. */
double journey_period_days(const struct run_settings *run);
/* Periods of the window (at least 1), and period k's span in days since the
 * window start; *partial = 1 when it is shorter than a period. */
size_t journey_period_count(const struct run_settings *run);
void journey_period_span(const struct run_settings *run, size_t k, double *start, double *end, int *partial);
/* The grid of the cumulative margin: day 0, every time-series step, the
 * window's end last (days since the window start). */
size_t journey_cumulative_count(const struct run_settings *run);
double journey_cumulative_day(const struct run_settings *run, size_t i);

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
