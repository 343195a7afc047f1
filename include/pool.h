/*
 * pool.h - a staffed resource pool: c servers (or unlimited), one FCFS queue,
 * and the statistics queueing theory speaks about.
 *
 * The caller owns each job's memory: a struct pool_ticket embedded in the
 * customer (libuv-style handle). A customer is in at most one pool at a time.
 * The caller also draws each job's service time and puts it on the ticket:
 * the time belongs to the job (in the journey, to the customer's own random
 * numbers, docs/random.md), not to the order in which the pool serves jobs.
 * The waiting line is a ring buffer of ticket pointers that grows by doubling
 * and never shrinks, so steady state allocates nothing.
 *
 * Statistics (reset by pool_stats_reset at the end of the warm-up):
 *   time-weighted: queue length, busy servers, work in progress (queue + busy);
 *   tallies over jobs that *started* service: wait, its histogram (for
 *     percentiles) and the jobs that waited less than the pool's target;
 *   tallies over jobs that *finished* service: sojourn (arrival to finish), count.
 *
 * Wait percentiles come from a fixed-bin histogram: exact zeros, then
 * POOL_WAIT_PER_DECADE logarithmic bins per decade from POOL_WAIT_LOW to
 * POOL_WAIT_HIGH days (below LOW: one bin read linearly from 0; above HIGH:
 * one open bin), so recording a wait is a few operations and allocates
 * nothing. A percentile is interpolated geometrically within its bin: at most
 * half a bin (about 3.7%) from the exact order statistic.
 */
#ifndef JOURNEYSIM_POOL_H
#define JOURNEYSIM_POOL_H

#include <stdint.h>

#include "sim.h"

struct pool;

struct pool_ticket {
	double t_arrive;   /* when the job joined the pool (days) */
	double t_start;    /* when service started, or -1 while waiting */
	double service;    /* the job's service time (days), set by the caller before pool_request */
	struct pool *pool; /* the pool the ticket is in, NULL when in none */
	sim_handle done;   /* the completion event while in service */
};

/* Called when a job finishes service; the ticket is already out of the pool. */
typedef void (*pool_done_fn)(struct sim *sim, struct pool *pool, struct pool_ticket *ticket);

#define POOL_WAIT_LOW 1e-4     /* days (8.6 s) */
#define POOL_WAIT_HIGH 1e4     /* days */
#define POOL_WAIT_PER_DECADE 32
#define POOL_WAIT_BINS (8 * POOL_WAIT_PER_DECADE + 2) /* [0, LOW), the decades, [HIGH, inf) */

struct pool_stats {
	double since;       /* start of the measuring window (days) */
	double last_change; /* time of the last change of the levels below */
	double queue_area, busy_area, wip_area; /* integrals over time */
	double wait_sum;    /* sum of waits of jobs that started service */
	uint64_t started;
	double sojourn_sum; /* sum of sojourns of jobs that finished */
	uint64_t finished;
	uint64_t arrived;
	uint64_t zero_waits;                  /* jobs that started at once */
	uint64_t wait_bins[POOL_WAIT_BINS];   /* the other waits, by bin */
	uint64_t within_target;               /* jobs that waited less than target */
};

struct pool {
	const char *name;        /* not owned */
	unsigned servers;        /* 0 = unlimited */
	double target;           /* days: the wait a service level counts below (0: every job misses) */
	pool_done_fn on_done;
	void *context;           /* for the owner of the pool (e.g. the journey) */

	unsigned busy;
	struct pool_ticket **ring; /* waiting line */
	uint32_t ring_head, ring_len, ring_cap;

	struct pool_stats stats;
};

/* Embedded object. servers: 0 = unlimited. Returns 0, or -1 when memory is
 * short. */
int pool_init(struct pool *pool, const char *name, unsigned servers, pool_done_fn on_done, void *context);
void pool_fini(struct pool *pool);

/* A job arrives: starts service at once when a server is free, else waits.
 * ticket->service must be set by the caller. Returns 0, or -1 when memory is
 * short or the service time is not finite and >= 0 (sim->failed is set too). */
int pool_request(struct sim *sim, struct pool *pool, struct pool_ticket *ticket);

/* Takes a waiting job out of the line (reneging). Returns 0, or -1 when the
 * ticket is not waiting in this pool. O(queue length). */
int pool_remove(struct sim *sim, struct pool *pool, struct pool_ticket *ticket);

/* Current levels. */
unsigned pool_queue_length(const struct pool *pool);
unsigned pool_wip(const struct pool *pool);

/* Brings the time integrals up to now, then starts a new measuring window. */
void pool_stats_reset(struct pool *pool, double now);
/* Brings the time integrals up to now (call before reading them). */
void pool_stats_update(struct pool *pool, double now);

/* Means over the window [stats.since, now]; NaN when nothing to average. */
double pool_queue_mean(const struct pool *pool, double now);
double pool_busy_mean(const struct pool *pool, double now);
double pool_wip_mean(const struct pool *pool, double now);
double pool_utilization(const struct pool *pool, double now); /* busy / servers; NaN if unlimited */
double pool_wait_mean(const struct pool *pool);
double pool_sojourn_mean(const struct pool *pool);
double pool_throughput(const struct pool *pool, double now); /* finished per day */

/* The share of jobs that waited less than pool->target: over the jobs that
 * started service in the window and those still waiting at now for at least
 * the target (a job that has already missed counts as a miss, so a pool that
 * cannot keep up reads low). NaN when there are none. */
double pool_service_level(const struct pool *pool, double now);

/* The histogram bin of a wait > 0 (as above: 0 below POOL_WAIT_LOW, then
 * 1 + floor(log10(wait / LOW) * PER_DECADE), the last for HIGH and above),
 * computed from a table without log10 (built by the first pool_init; before
 * it, by the formula). */
unsigned pool_wait_bin(double wait);

/* The q-quantile (0 < q < 1) of the waits of jobs that started service, from
 * the histogram; NaN when none started. */
double pool_wait_quantile(const struct pool *pool, double q);

#endif
