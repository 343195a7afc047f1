/*
 * pool.c - staffed resource pools: c servers (or unlimited), one FCFS line,
 * service completions as engine events, and time-weighted statistics.
 *
 * The waiting line is a ring buffer of ticket pointers whose capacity is a
 * power of two, so positions wrap with a mask. Levels (queue, busy) change only
 * at arrivals, starts, completions and removals; each change first adds
 * level * (now - last_change) to the integrals.
 */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

#define POOL_FIRST_RING 16u
#define POOL_MAX_RING (1u << 31)

static void pool_complete(struct sim *sim, void *subject, void *object);

/* Adds the levels held since the last change to the integrals. */
static inline void pool_integrate(struct pool *pool, double now)
{
	struct pool_stats *st = &pool->stats;
	double dt = now - st->last_change;
	double q = (double)pool->ring_len, b = (double)pool->busy;
	st->queue_area += q * dt;
	st->busy_area += b * dt;
	st->wip_area += (q + b) * dt;
	st->last_change = now;
}

static int ring_grow(struct pool *pool)
{
	uint32_t cap = pool->ring_cap ? 2 * pool->ring_cap : POOL_FIRST_RING;
	if (pool->ring_cap >= POOL_MAX_RING)
		return -1;
	struct pool_ticket **ring = malloc(cap * sizeof *ring);
	if (!ring)
		return -1;
	for (uint32_t i = 0; i < pool->ring_len; i++)
		ring[i] = pool->ring[(pool->ring_head + i) & (pool->ring_cap - 1)];
	free(pool->ring);
	pool->ring = ring;
	pool->ring_head = 0;
	pool->ring_cap = cap;
	return 0;
}

/* The histogram bin of a wait > 0 (pool.h), by its definition: one log10 a
 * wait, which cost a tenth of the benchmark tandem. */
static unsigned wait_bin_exact(double wait)
{
	if (wait < POOL_WAIT_LOW)
		return 0;
	if (!(wait < POOL_WAIT_HIGH))
		return POOL_WAIT_BINS - 1;
	unsigned b = 1 + (unsigned)(log10(wait / POOL_WAIT_LOW) * POOL_WAIT_PER_DECADE);
	return b < POOL_WAIT_BINS - 1 ? b : POOL_WAIT_BINS - 2;
}

/* The same bins without the log10: the top bits of a wait (exponent and 6
 * bits of mantissa) name a cell 2^(1/64) wide, narrower than a bin (10^(1/32)),
 * so a cell holds at most one bin edge. Each cell stores its first bin; the
 * edges (the smallest wait of each bin, found once by bisection on
 * wait_bin_exact itself) settle the rest, and a wait within a few ulps of an
 * edge takes the exact formula, so the two never differ. */
#define CELL_SHIFT 46 /* 52 mantissa bits - 6 */
#define EDGE_GUARD 16 /* ulps around an edge where the formula decides */

static struct {
	uint64_t first_cell;              /* the cell of POOL_WAIT_LOW */
	uint32_t n_cells;
	uint16_t *cell_bin;               /* first bin of each cell */
	uint64_t edge[POOL_WAIT_BINS];    /* bits of the smallest wait of bin b (1 <= b <= BINS - 2); ~0 past */
} bins;

static pthread_once_t bins_once = PTHREAD_ONCE_INIT;

static inline uint64_t double_bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static inline double bits_double(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

static void bins_build(void)
{
	const uint64_t lo_bits = double_bits(POOL_WAIT_LOW), hi_bits = double_bits(POOL_WAIT_HIGH);
	for (unsigned b = 0; b < POOL_WAIT_BINS; b++)
		bins.edge[b] = UINT64_MAX;
	bins.edge[1] = lo_bits;
	for (unsigned b = 2; b <= POOL_WAIT_BINS - 2; b++) {
		uint64_t lo = lo_bits, hi = hi_bits; /* positive doubles sort as their bits */
		while (lo < hi) {
			uint64_t mid = lo + (hi - lo) / 2;
			if (wait_bin_exact(bits_double(mid)) >= b)
				hi = mid;
			else
				lo = mid + 1;
		}
		bins.edge[b] = lo < hi_bits ? lo : UINT64_MAX;
	}
	bins.first_cell = lo_bits >> CELL_SHIFT;
	uint32_t n = (uint32_t)((hi_bits >> CELL_SHIFT) - bins.first_cell + 1);
	uint16_t *cell = malloc(n * sizeof *cell);
	if (!cell)
		return; /* wait_bin falls back to the formula */
	for (uint32_t i = 0; i < n; i++) {
		uint64_t first = (bins.first_cell + i) << CELL_SHIFT;
		cell[i] = (uint16_t)wait_bin_exact(bits_double(first > lo_bits ? first : lo_bits));
	}
	bins.n_cells = n;
	bins.cell_bin = cell;
}

unsigned pool_wait_bin(double wait)
{
	if (wait < POOL_WAIT_LOW)
		return 0;
	if (!(wait < POOL_WAIT_HIGH))
		return POOL_WAIT_BINS - 1;
	const uint64_t u = double_bits(wait);
	const uint64_t i = (u >> CELL_SHIFT) - bins.first_cell;
	if (!bins.cell_bin || i >= bins.n_cells)
		return wait_bin_exact(wait);
	const unsigned b = bins.cell_bin[i];
	const uint64_t edge = bins.edge[b + 1];
	if (u - edge + EDGE_GUARD < 2 * EDGE_GUARD) /* within the guard of the edge */
		return wait_bin_exact(wait);
	return b + (u >= edge);
}

int pool_init(struct pool *pool, const char *name, unsigned servers, pool_done_fn on_done, void *context)
{
	pthread_once(&bins_once, bins_build);
	memset(pool, 0, sizeof *pool);
	pool->name = name;
	pool->servers = servers;
	pool->on_done = on_done;
	pool->context = context;
	return ring_grow(pool);
}

void pool_fini(struct pool *pool)
{
	if (!pool)
		return;
	free(pool->ring);
	pool->ring = NULL;
	pool->ring_head = pool->ring_len = pool->ring_cap = 0;
}

/* A server takes the ticket: the wait ends and the completion is scheduled. */
static inline int pool_start(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	const double now = sim->now;
	const double wait = now - ticket->t_arrive;
	pool->busy++;
	ticket->t_start = now;
	pool->stats.wait_sum += wait;
	pool->stats.started++;
	if (wait < pool->target)
		pool->stats.within_target++;
	if (wait > 0)
		pool->stats.wait_bins[pool_wait_bin(wait)]++;
	else
		pool->stats.zero_waits++;
	ticket->done = sim_event_schedule(sim, ticket->service, pool_complete, pool, ticket);
	return ticket->done ? 0 : -1;
}

int pool_request(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	assert(ticket->pool == NULL); /* a customer is in at most one pool (the model's logic) */
	if (!(ticket->service >= 0 && ticket->service < INFINITY)) { /* also NaN */
		sim_fail(sim, SIM_FAIL_SAMPLE, "pool %s: a service time of %g days", pool->name, ticket->service);
		return -1;
	}
	pool_integrate(pool, sim->now);
	pool->stats.arrived++;
	ticket->pool = pool;
	ticket->t_arrive = sim->now;
	ticket->t_start = -1;
	ticket->done = 0;
	if (pool->servers == 0 || pool->busy < pool->servers)
		return pool_start(sim, pool, ticket);
	if (pool->ring_len == pool->ring_cap && ring_grow(pool) != 0) {
		ticket->pool = NULL;
		sim_fail(sim, SIM_FAIL_MEMORY, "out of memory");
		return -1;
	}
	pool->ring[(pool->ring_head + pool->ring_len) & (pool->ring_cap - 1)] = ticket;
	pool->ring_len++;
	return 0;
}

/* The completion event: the ticket leaves, the next in line starts, and only
 * then does the owner hear of it (so it sees the pool as it now is). */
static void pool_complete(struct sim *sim, void *subject, void *object)
{
	struct pool *pool = subject;
	struct pool_ticket *ticket = object;
	const double now = sim->now;
	pool_integrate(pool, now);
	pool->busy--;
	ticket->pool = NULL;
	ticket->done = 0;
	pool->stats.sojourn_sum += now - ticket->t_arrive;
	pool->stats.finished++;
	if (pool->ring_len > 0) {
		struct pool_ticket *next = pool->ring[pool->ring_head];
		pool->ring_head = (pool->ring_head + 1) & (pool->ring_cap - 1);
		pool->ring_len--;
		pool_start(sim, pool, next); /* on failure sim->failed stops the run */
	}
	if (pool->on_done)
		pool->on_done(sim, pool, ticket);
}

int pool_remove(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	if (ticket->pool != pool || ticket->t_start >= 0)
		return -1;
	const uint32_t mask = pool->ring_cap - 1, head = pool->ring_head, len = pool->ring_len;
	uint32_t i = 0;
	while (i < len && pool->ring[(head + i) & mask] != ticket)
		i++;
	if (i == len)
		return -1;
	pool_integrate(pool, sim->now);
	for (; i + 1 < len; i++)
		pool->ring[(head + i) & mask] = pool->ring[(head + i + 1) & mask];
	pool->ring_len--;
	ticket->pool = NULL;
	return 0;
}

unsigned pool_queue_length(const struct pool *pool)
{
	return pool->ring_len;
}

unsigned pool_wip(const struct pool *pool)
{
	return pool->ring_len + pool->busy;
}

void pool_stats_update(struct pool *pool, double now)
{
	pool_integrate(pool, now);
}

void pool_stats_reset(struct pool *pool, double now)
{
	memset(&pool->stats, 0, sizeof pool->stats);
	pool->stats.since = now;
	pool->stats.last_change = now;
}

/* (area + level * (now - last_change)) / (now - since): the integral up to now
 * without touching the pool. */
static double pool_level_mean(const struct pool *pool, double area, double level, double now)
{
	double span = now - pool->stats.since;
	if (!(span > 0))
		return NAN;
	return (area + level * (now - pool->stats.last_change)) / span;
}

double pool_queue_mean(const struct pool *pool, double now)
{
	return pool_level_mean(pool, pool->stats.queue_area, (double)pool->ring_len, now);
}

double pool_busy_mean(const struct pool *pool, double now)
{
	return pool_level_mean(pool, pool->stats.busy_area, (double)pool->busy, now);
}

double pool_wip_mean(const struct pool *pool, double now)
{
	return pool_level_mean(pool, pool->stats.wip_area, (double)(pool->ring_len + pool->busy),
			       now);
}

double pool_utilization(const struct pool *pool, double now)
{
	if (pool->servers == 0)
		return NAN;
	return pool_busy_mean(pool, now) / (double)pool->servers;
}

double pool_wait_mean(const struct pool *pool)
{
	return pool->stats.started ? pool->stats.wait_sum / (double)pool->stats.started : NAN;
}

double pool_sojourn_mean(const struct pool *pool)
{
	return pool->stats.finished ? pool->stats.sojourn_sum / (double)pool->stats.finished : NAN;
}

double pool_throughput(const struct pool *pool, double now)
{
	double span = now - pool->stats.since;
	return span > 0 ? (double)pool->stats.finished / span : NAN;
}

double pool_service_level(const struct pool *pool, double now)
{
	uint64_t missed_waiting = 0;
	for (uint32_t i = 0; i < pool->ring_len; i++)
		if (now - pool->ring[(pool->ring_head + i) & (pool->ring_cap - 1)]->t_arrive >= pool->target)
			missed_waiting++;
	uint64_t n = pool->stats.started + missed_waiting;
	return n ? (double)pool->stats.within_target / (double)n : NAN;
}

/* The lower edge of bin b >= 1 (days). */
static double wait_bin_low(unsigned b)
{
	return POOL_WAIT_LOW * pow(10, (double)(b - 1) / POOL_WAIT_PER_DECADE);
}

double pool_wait_quantile(const struct pool *pool, double q)
{
	const struct pool_stats *st = &pool->stats;
	if (st->started == 0)
		return NAN;
	double rank = q * (double)st->started; /* the jobs at or below the quantile */
	double below = (double)st->zero_waits;
	if (rank <= below)
		return 0;
	for (unsigned b = 0; b < POOL_WAIT_BINS; b++) {
		double n = (double)st->wait_bins[b];
		if (n == 0 || rank > below + n) {
			below += n;
			continue;
		}
		double f = (rank - below) / n; /* position within the bin */
		if (b == 0)
			return f * POOL_WAIT_LOW;
		if (b == POOL_WAIT_BINS - 1)
			return POOL_WAIT_HIGH;
		return wait_bin_low(b) * pow(10, f / POOL_WAIT_PER_DECADE);
	}
	return POOL_WAIT_HIGH;
}
