/*
 * bench_engine - the engine's speed and memory on the benchmark tandem, and
 * the default journey (issue 3, section 7). Not part of make test.
 *
 *   bench_engine [tandem] [N] [SEED]   4 pools x 3 servers, exponential service mean 2.4 days,
 *                                      Poisson arrivals 1.0/day (rho = 0.8), N customers (1e7)
 *   bench_engine journey [FILE] [REPS] REPS replications (3) of every scenario of FILE
 *                                      (config/default.cfg), on one thread
 *
 * The tandem uses sim.h, pool.h and rng.h as the journey does: arrivals as
 * engine events, customers from a free list with an embedded pool ticket
 * carrying the service time the model drew (here from one stream per stage),
 * completions through the pool's on_done.
 * One line of key=value pairs on stdout; the mean sojourn's theory is 19.955
 * days (4 x Erlang C sojourn of M/M/3 at rho 0.8).
 *
 * Built with -DBENCH_NO_JOURNEY, the journey mode is left out, so the tandem
 * can be measured with nothing but the engine (bench/run.sh does this when
 * the full build is not there).
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sysexits.h>
#include <time.h>

#include "dist.h"
#include "pool.h"
#include "rng.h"
#include "sim.h"

#ifndef BENCH_NO_JOURNEY
#include "error.h"
#include "journey.h"
#include "metrics.h"
#include "scenario.h"
#endif

#define STAGES 4
#define SERVERS 3
#define SERVICE_MEAN 2.4 /* days */
#define ARRIVAL_RATE 1.0 /* per day */
#define BLOCK 1024       /* customers per allocation block */

struct customer {
	struct pool_ticket ticket; /* first member: the ticket's address is the customer's */
	double t0;                 /* arrival in the system (days) */
	unsigned stage;
	struct customer *next_free;
};

struct block {
	struct block *next;
	struct customer c[BLOCK];
};

struct tandem {
	struct pool pool[STAGES];
	gsl_rng *arrivals;
	gsl_rng *rng[STAGES]; /* service times of each stage */
	struct dist interarrival, service;
	uint64_t n, arrived, served;
	double sojourn_sum;
	struct customer *free_list;
	struct block *blocks;
	uint64_t peak_customers, live;
};

static struct customer *customer_alloc(struct tandem *t)
{
	if (!t->free_list) {
		struct block *b = malloc(sizeof *b);
		if (!b)
			return NULL;
		b->next = t->blocks;
		t->blocks = b;
		for (size_t i = 0; i < BLOCK; i++)
			b->c[i].next_free = i + 1 < BLOCK ? &b->c[i + 1] : NULL;
		t->free_list = &b->c[0];
	}
	struct customer *c = t->free_list;
	t->free_list = c->next_free;
	if (++t->live > t->peak_customers)
		t->peak_customers = t->live;
	return c;
}

static void customer_free(struct tandem *t, struct customer *c)
{
	c->next_free = t->free_list;
	t->free_list = c;
	t->live--;
}

static void stage_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	struct tandem *t = pool->context;
	struct customer *c = (struct customer *)ticket;
	if (++c->stage == STAGES) {
		t->sojourn_sum += sim->now - c->t0;
		t->served++;
		customer_free(t, c);
		return;
	}
	c->ticket.service = dist_sample(&t->service, t->rng[c->stage]);
	pool_request(sim, &t->pool[c->stage], &c->ticket);
}

static void arrive(struct sim *sim, void *subject, void *object)
{
	struct tandem *t = subject;
	(void)object;
	if (++t->arrived < t->n)
		sim_event_schedule(sim, dist_sample(&t->interarrival, t->arrivals), arrive, t, NULL);
	struct customer *c = customer_alloc(t);
	if (!c) {
		sim->failed = 1;
		return;
	}
	c->t0 = sim->now;
	c->stage = 0;
	c->ticket.service = dist_sample(&t->service, t->rng[0]);
	c->ticket.pool = NULL;
	pool_request(sim, &t->pool[0], &c->ticket);
}

static double seconds_since_on(clockid_t clock, const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(clock, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

static double seconds_since(const struct timespec *t0)
{
	return seconds_since_on(CLOCK_MONOTONIC, t0);
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static int bench_tandem(uint64_t n, uint64_t seed)
{
	static const char *const names[STAGES] = {"pool.stage1", "pool.stage2", "pool.stage3",
						  "pool.stage4"};
	struct sim sim;
	struct tandem t;
	int rc = EX_OSERR;
	memset(&t, 0, sizeof t);
	if (sim_init(&sim) != 0)
		goto out;
	t.n = n;
	t.interarrival = dist_make_exponential(1.0 / ARRIVAL_RATE);
	t.service = dist_make_exponential(SERVICE_MEAN);
	if (!(t.arrivals = rng_stream_alloc(seed, 0, "arrivals")))
		goto out;
	for (int s = 0; s < STAGES; s++) {
		if (!(t.rng[s] = rng_stream_alloc(seed, 0, names[s])) ||
		    pool_init(&t.pool[s], names[s] + 5, SERVERS, stage_done, &t) != 0)
			goto out;
	}
	sim.model = &t;

	struct timespec t0, c0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	if (n > 0)
		sim_event_schedule(&sim, dist_sample(&t.interarrival, t.arrivals), arrive, &t, NULL);
	if (sim_run(&sim) != 0) {
		fprintf(stderr, "bench_engine: out of memory\n");
		goto out;
	}
	double el = seconds_since(&t0), cpu = seconds_since_on(CLOCK_PROCESS_CPUTIME_ID, &c0);

	printf("engine=journeysim model=tandem n=%" PRIu64 " served=%" PRIu64
	       " mean_sojourn=%.4f run_s=%.3f cpu_s=%.3f cust_per_s=%.0f events=%" PRIu64
	       " events_per_s=%.0f peak_rss_kb=%ld peak_customers=%" PRIu64 " slot_cap=%u\n",
	       n, t.served, t.sojourn_sum / (double)t.served, el, cpu, (double)t.served / el,
	       sim.events_run, (double)sim.events_run / el, peak_rss_kb(), t.peak_customers,
	       sim.slot_cap);
	rc = 0;
out:
	for (int s = 0; s < STAGES; s++) {
		pool_fini(&t.pool[s]);
		gsl_rng_free(t.rng[s]);
	}
	gsl_rng_free(t.arrivals);
	while (t.blocks) {
		struct block *b = t.blocks->next;
		free(t.blocks);
		t.blocks = b;
	}
	sim_fini(&sim);
	return rc;
}

#ifndef BENCH_NO_JOURNEY
/* REPS replications of every scenario of FILE, one after the other on one
 * thread. "Journey events" are the engine's events, counted as in the tandem
 * (sim.events_run: actions run; a cancelled event that surfaces is not one);
 * the time is all of journey_run (set-up with the existing customers, the
 * run, the results), not the loading of the file. */
static int bench_journey(const char *path, unsigned reps)
{
	struct js_error err = {0, ""};
	struct scenario_file *f = scenario_file_load(path, &err, NULL, 0);
	if (!f) {
		fprintf(stderr, "bench_engine: %s\n", err.msg);
		return err.code ? err.code : EX_CONFIG;
	}
	double wall = 0, cpu = 0, customers = 0;
	uint64_t events = 0;
	for (size_t s = 0; s < f->n_scenarios; s++)
		for (unsigned r = 0; r < reps; r++) {
			struct rep_result res;
			memset(&res, 0, sizeof res);
			struct timespec t0, c0;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
			int rc = journey_run(&f->scenarios[s], &f->run, r, 0, &res, &err);
			cpu += seconds_since_on(CLOCK_PROCESS_CPUTIME_ID, &c0);
			wall += seconds_since(&t0);
			if (rc != 0) {
				fprintf(stderr, "bench_engine: %s\n", err.msg);
				scenario_file_free(f);
				return err.code ? err.code : EX_SOFTWARE;
			}
			customers += res.metrics[M_FLOW_ARRIVED]; /* every arrival since day 0 */
			events += res.events;
			rep_result_fini(&res);
		}
	printf("engine=journeysim model=journey scenarios=%zu reps=%u horizon=%g customers=%.0f run_s=%.3f "
	       "cpu_s=%.3f cust_per_s=%.0f events=%" PRIu64 " events_per_s=%.0f peak_rss_kb=%ld\n",
	       f->n_scenarios, reps, f->run.horizon, customers, wall, cpu, customers / wall, events,
	       (double)events / wall, peak_rss_kb());
	scenario_file_free(f);
	return 0;
}
#endif

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "tandem";
	if (strcmp(mode, "-h") == 0 || strcmp(mode, "--help") == 0) {
		printf("usage: bench_engine [tandem] [N] [SEED]\n"
		       "       bench_engine journey [FILE] [REPS]\n");
		return 0;
	}
	if (strcmp(mode, "journey") == 0) {
#ifdef BENCH_NO_JOURNEY
		fprintf(stderr, "bench_engine: built without the journey (BENCH_NO_JOURNEY)\n");
		return EX_UNAVAILABLE;
#else
		long reps = argc > 3 ? strtol(argv[3], NULL, 10) : 3;
		if (reps < 1 || reps > 1000) {
			fprintf(stderr, "bench_engine: REPS must be 1 to 1000, got %s\n", argv[3]);
			return EX_USAGE;
		}
		return bench_journey(argc > 2 ? argv[2] : "config/default.cfg", (unsigned)reps);
#endif
	}
	int a = strcmp(mode, "tandem") == 0 ? 2 : 1; /* "tandem" may be left out */
	double n = argc > a ? strtod(argv[a], NULL) : 1e7;
	uint64_t seed = argc > a + 1 ? strtoull(argv[a + 1], NULL, 10) : 12345u;
	if (!(n >= 0 && n < 1e15)) {
		fprintf(stderr, "bench_engine: N must be a number of customers, got %s\n", argv[a]);
		return EX_USAGE;
	}
	return bench_tandem((uint64_t)n, seed);
}
