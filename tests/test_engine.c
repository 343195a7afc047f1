/*
 * test_engine.c - the event list and run loop (sim.h): (time, seq) order,
 * ties in scheduling order, cancellation and stale handles, sim_run_until,
 * no growth in steady state, independent simulations; bad times and service
 * times end a run with a message, never an assertion.
 */
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"

#include "dist.h"
#include "pool.h"
#include "sim.h"

/* ---- a recorder: every event says when it ran and its scheduling id ---- */

struct rec {
	struct sim *sim;
	gsl_rng *rng;
	double *time;   /* time of the i-th event run */
	uint64_t *id;   /* its id (ids rise with scheduling order) */
	size_t n, cap;
	uint64_t next_id;
	size_t spawn_left; /* events that still schedule a child when they run */
	double grid;       /* child delays are multiples of grid (many ties) */
};

static void rec_init(struct rec *r, struct sim *sim, size_t cap, unsigned long seed)
{
	memset(r, 0, sizeof *r);
	r->sim = sim;
	r->rng = gsl_rng_alloc(gsl_rng_mt19937);
	assert_non_null(r->rng);
	gsl_rng_set(r->rng, seed);
	r->time = malloc(cap * sizeof *r->time);
	r->id = malloc(cap * sizeof *r->id);
	assert_non_null(r->time);
	assert_non_null(r->id);
	r->cap = cap;
	r->grid = 0.25;
}

static void rec_fini(struct rec *r)
{
	gsl_rng_free(r->rng);
	free(r->time);
	free(r->id);
}

static void rec_action(struct sim *sim, void *subject, void *object);

static sim_handle rec_schedule_at(struct rec *r, double t)
{
	sim_handle h = sim_event_schedule_at(r->sim, t, rec_action, r,
					     (void *)(uintptr_t)r->next_id++);
	assert_true(h != 0);
	return h;
}

static void rec_action(struct sim *sim, void *subject, void *object)
{
	struct rec *r = subject;
	assert_ptr_equal(sim, r->sim);
	assert_true(r->n < r->cap);
	r->time[r->n] = sim->now;
	r->id[r->n] = (uint64_t)(uintptr_t)object;
	r->n++;
	if (r->spawn_left > 0) {
		r->spawn_left--;
		/* delay 0 included: a child at the current time runs after every
		 * event already scheduled for that time */
		double delay = r->grid * (double)gsl_rng_uniform_int(r->rng, 8);
		rec_schedule_at(r, sim->now + delay);
	}
}

/* Events ran in strictly increasing (time, id) order. */
static void assert_time_seq_order(const struct rec *r)
{
	for (size_t i = 1; i < r->n; i++) {
		assert_true(r->time[i - 1] <= r->time[i]);
		if (r->time[i - 1] == r->time[i])
			assert_true(r->id[i - 1] < r->id[i]);
	}
}

static void test_order_random_times(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	const size_t n = 20000;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, 2 * n, 1);
	r.spawn_left = n;
	for (size_t i = 0; i < n; i++) /* times on a coarse grid: many ties */
		rec_schedule_at(&r, 0.25 * floor(gsl_rng_uniform(r.rng) * 400.0));
	assert_int_equal(sim_event_count(&sim), n);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, 2 * n);
	assert_int_equal(sim.events_run, 2 * n);
	assert_int_equal(sim_event_count(&sim), 0);
	assert_time_seq_order(&r);
	assert_true(sim.now == r.time[r.n - 1]);
	rec_fini(&r);
	sim_fini(&sim);
}

static void test_equal_times_run_in_scheduling_order(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, 4096, 2);
	r.grid = 0; /* children at the same time as their parent */
	for (int i = 0; i < 1000; i++) /* past the first growth of the heap */
		rec_schedule_at(&r, 5.0);
	rec_schedule_at(&r, 4.0); /* scheduled last, runs first */
	assert_int_equal(sim_run_until(&sim, 4.0), 0);
	r.spawn_left = 500; /* the first 500 at 5.0 each schedule a child at 5.0 */
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, 1501);
	assert_int_equal(r.id[0], 1000);
	for (size_t i = 1; i <= 1000; i++)
		assert_int_equal(r.id[i], i - 1);
	for (size_t i = 1001; i < r.n; i++) /* children in the order they were spawned */
		assert_int_equal(r.id[i], 1001 + (i - 1001));
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.time[i] == 5.0);
	rec_fini(&r);
	sim_fini(&sim);
}

static void test_cancel_pending_and_stale(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, 16, 3);
	sim_handle a = rec_schedule_at(&r, 1), b = rec_schedule_at(&r, 2), c = rec_schedule_at(&r, 3);
	assert_true(sim_event_pending(&sim, b));
	assert_int_equal(sim_event_cancel(&sim, b), 0);
	assert_false(sim_event_pending(&sim, b));
	assert_int_equal(sim_event_cancel(&sim, b), -1); /* twice */
	assert_int_equal(sim_event_count(&sim), 2);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.id[0], 0);
	assert_int_equal(r.id[1], 2);
	assert_int_equal(sim_event_cancel(&sim, a), -1); /* already ran */
	assert_int_equal(sim_event_cancel(&sim, c), -1);
	assert_false(sim_event_pending(&sim, a));
	assert_int_equal(sim_event_cancel(&sim, 0), -1);
	assert_int_equal(sim_event_cancel(&sim, (sim_handle)1 << 32 | 0xfffffff0u), -1); /* no slot */

	/* The free list is LIFO: the next event reuses c's slot with a new
	 * generation, and c's handle must not touch it. */
	sim_handle d = rec_schedule_at(&r, 10);
	assert_int_equal((uint32_t)d, (uint32_t)c);
	assert_true(d != c);
	assert_int_equal(sim_event_cancel(&sim, c), -1);
	assert_false(sim_event_pending(&sim, c));
	assert_true(sim_event_pending(&sim, d));
	assert_int_equal(sim_event_cancel(&sim, d), 0);
	/* a cancelled event's node stays in the heap until it surfaces, so e
	 * takes another slot; d's stale handle must not touch e either way */
	sim_handle e = rec_schedule_at(&r, 11);
	assert_true(e != d);
	assert_int_equal(sim_event_cancel(&sim, d), -1);
	assert_false(sim_event_pending(&sim, d));
	assert_true(sim_event_pending(&sim, e));
	assert_int_equal(sim_event_count(&sim), 1);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.id[2], 4); /* e, not d */
	rec_fini(&r);
	sim_fini(&sim);
}

/* Cancel a random half of many events (root, last and middle nodes alike):
 * exactly the others run, in order. */
static void test_cancel_random_half(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	const size_t n = 20000;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, n, 4);
	sim_handle *h = malloc(n * sizeof *h);
	size_t *perm = malloc(n * sizeof *perm);
	char *cancelled = calloc(n, 1);
	assert_non_null(h);
	assert_non_null(perm);
	assert_non_null(cancelled);
	for (size_t i = 0; i < n; i++) {
		h[i] = rec_schedule_at(&r, 0.5 * floor(gsl_rng_uniform(r.rng) * 1000.0));
		perm[i] = i;
	}
	gsl_ran_shuffle(r.rng, perm, n, sizeof *perm);
	for (size_t k = 0; k < n / 2; k++) {
		assert_int_equal(sim_event_cancel(&sim, h[perm[k]]), 0);
		cancelled[perm[k]] = 1;
	}
	assert_int_equal(sim_event_count(&sim), n - n / 2);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, n - n / 2);
	for (size_t i = 0; i < r.n; i++)
		assert_false(cancelled[r.id[i]]);
	assert_time_seq_order(&r);
	free(h);
	free(perm);
	free(cancelled);
	rec_fini(&r);
	sim_fini(&sim);
}

/* Enough pending events that the calendar takes the later ones (sim.c),
 * times spread over years with ties, a long tail beyond the calendar's year
 * and events at +infinity: every event still runs in (time, seq) order, the
 * infinite ones last. */
static void test_far_list_keeps_the_order(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	const size_t n = 30000, n_inf = 50;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, 2 * n + n_inf + n / 10, 11);
	r.spawn_left = n; /* children up to 1.75 days later, many at once */
	for (size_t i = 0; i < n; i++) {
		double t = gsl_rng_uniform(r.rng) < 0.5 ? 1000.0 * gsl_rng_uniform(r.rng)
							 : 0.5 * floor(gsl_rng_uniform(r.rng) * 2000.0);
		rec_schedule_at(&r, t);
		if (i % (n / n_inf) == 0)
			rec_schedule_at(&r, INFINITY);
		if (i % 10 == 0) /* a long tail: beyond the calendar's year, sorted in later */
			rec_schedule_at(&r, 1000.0 + 1e5 * gsl_rng_uniform(r.rng));
	}
	assert_true(sim.calendar && sim.far_len > 0); /* the calendar is in use */
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, 2 * n + n_inf + n / 10);
	assert_time_seq_order(&r);
	for (size_t i = 0; i < n_inf; i++)
		assert_true(isinf(r.time[r.n - 1 - i]));
	rec_fini(&r);
	sim_fini(&sim);
}

/* Cancelling most events compacts the heap: the rest still run in (time,
 * seq) order, none of the cancelled ones runs or counts as an event. */
static void test_cancel_most_compacts(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	const size_t n = 20000;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, n, 5);
	sim_handle *h = malloc(n * sizeof *h);
	assert_non_null(h);
	for (size_t i = 0; i < n; i++)
		h[i] = rec_schedule_at(&r, 0.25 * floor(gsl_rng_uniform(r.rng) * 400.0));
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (i % 4 == 3) {
			kept++;
			continue;
		}
		assert_int_equal(sim_event_cancel(&sim, h[i]), 0);
	}
	assert_int_equal(sim_event_count(&sim), kept);
	assert_true(sim.heap_len + sim.far_len < n); /* compacted on the way */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(sim_event_pending(&sim, h[i]), i % 4 == 3);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, kept);
	assert_int_equal(sim.events_run, kept);
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(r.id[i] % 4, 3);
	assert_time_seq_order(&r);
	free(h);
	rec_fini(&r);
	sim_fini(&sim);
}

/* A timer armed at +infinity and cancelled over and over (a timeout that
 * never fires): the cancelled nodes never surface, yet memory stays bounded. */
static void test_cancelled_timers_do_not_grow(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, 16, 6);
	for (int i = 0; i < 10; i++)
		rec_schedule_at(&r, 1.0 + i);
	for (int i = 0; i < 200000; i++) {
		sim_handle t = rec_schedule_at(&r, INFINITY);
		assert_int_equal(sim_event_cancel(&sim, t), 0);
	}
	assert_int_equal(sim_event_count(&sim), 10);
	assert_true(sim.slot_cap <= 256);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, 10);
	assert_true(sim.now == 10.0);
	rec_fini(&r);
	sim_fini(&sim);
}

/* The timeout pattern: an event cancels a later one; an event's own handle
 * is no longer pending while its action runs. */
struct timeout_case {
	sim_handle self, victim;
	int self_pending, victim_cancel, victim_ran;
};

static void timeout_victim(struct sim *sim, void *subject, void *object)
{
	(void)sim;
	(void)object;
	((struct timeout_case *)subject)->victim_ran = 1;
}

static void timeout_killer(struct sim *sim, void *subject, void *object)
{
	(void)object;
	struct timeout_case *t = subject;
	t->self_pending = sim_event_pending(sim, t->self);
	t->victim_cancel = sim_event_cancel(sim, t->victim);
}

static void test_cancel_from_an_action(void **state)
{
	(void)state;
	struct sim sim;
	struct timeout_case t = {0, 0, -1, -1, 0};
	assert_int_equal(sim_init(&sim), 0);
	t.victim = sim_event_schedule(&sim, 2.0, timeout_victim, &t, NULL);
	t.self = sim_event_schedule(&sim, 1.0, timeout_killer, &t, NULL);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(t.self_pending, 0);
	assert_int_equal(t.victim_cancel, 0);
	assert_int_equal(t.victim_ran, 0);
	assert_true(sim.now == 1.0);
	assert_int_equal(sim.events_run, 1);
	sim_fini(&sim);
}

/* ---- sim_run_until and sim_stop ---- */

static void stopper(struct sim *sim, void *subject, void *object)
{
	(void)subject;
	(void)object;
	sim_stop(sim);
}

static void test_run_until(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, 16, 5);
	rec_schedule_at(&r, 1);
	rec_schedule_at(&r, 2);
	rec_schedule_at(&r, 2);
	rec_schedule_at(&r, 3);
	assert_int_equal(sim_run_until(&sim, 2.0), 0); /* time <= until runs */
	assert_int_equal(r.n, 3);
	assert_true(sim.now == 2.0);
	assert_int_equal(sim_event_count(&sim), 1);
	assert_int_equal(sim_run_until(&sim, 2.5), 0); /* nothing to run: the clock still moves */
	assert_int_equal(r.n, 3);
	assert_true(sim.now == 2.5);
	sim_event_schedule(&sim, 0.0, rec_action, &r, (void *)(uintptr_t)r.next_id++);
	assert_int_equal(sim_run_until(&sim, 2.5), 0); /* an event at exactly until */
	assert_int_equal(r.n, 4);
	assert_true(r.time[3] == 2.5);
	assert_int_equal(sim_run_until(&sim, 1.0), 0); /* the clock never goes back */
	assert_true(sim.now == 2.5);
	assert_int_equal(sim_run(&sim), 0); /* sim_run stops at the last event */
	assert_int_equal(r.n, 5);
	assert_true(sim.now == 3.0);
	assert_int_equal(sim_run(&sim), 0);
	assert_true(sim.now == 3.0);

	/* sim_stop: the loop returns at once, the clock stays at the stopping
	 * event, and runs return at once until the flag is cleared. */
	sim_event_schedule_at(&sim, 4.0, stopper, NULL, NULL);
	rec_schedule_at(&r, 4.0);
	rec_schedule_at(&r, 5.0);
	assert_int_equal(sim_run_until(&sim, 10.0), 0);
	assert_true(sim.now == 4.0);
	assert_int_equal(r.n, 5);
	assert_int_equal(sim_event_count(&sim), 2);
	assert_int_equal(sim_run_until(&sim, 10.0), 0);
	assert_int_equal(r.n, 5);
	sim.stopped = 0;
	assert_int_equal(sim_run_until(&sim, 10.0), 0);
	assert_int_equal(r.n, 7);
	assert_true(sim.now == 10.0);
	assert_int_equal(sim.failed, 0);
	rec_fini(&r);
	sim_fini(&sim);
}

/* ---- steady state: nothing grows ---- */

struct holder {
	gsl_rng *rng;
	sim_handle timeout[64];
	uint64_t target;
};

static void hold_timeout(struct sim *sim, void *subject, void *object)
{
	(void)sim;
	(void)subject;
	(void)object;
}

/* A job that holds for an exponential time, reschedules itself, and arms a
 * timeout that the next visit cancels half the time (reneging and timers). */
static void hold(struct sim *sim, void *subject, void *object)
{
	struct holder *h = subject;
	size_t k = (size_t)(uintptr_t)object;
	if (h->timeout[k] && gsl_rng_uniform(h->rng) < 0.5)
		sim_event_cancel(sim, h->timeout[k]);
	h->timeout[k] = sim_event_schedule(sim, gsl_ran_exponential(h->rng, 3.0), hold_timeout, h,
					   NULL);
	sim_event_schedule(sim, gsl_ran_exponential(h->rng, 1.0), hold, h, object);
	if (sim->events_run >= h->target)
		sim_stop(sim);
}

static void test_steady_state_no_growth(void **state)
{
	(void)state;
	struct sim sim;
	struct holder h;
	memset(&h, 0, sizeof h);
	h.rng = gsl_rng_alloc(gsl_rng_mt19937);
	assert_non_null(h.rng);
	assert_int_equal(sim_init(&sim), 0);
	for (uintptr_t k = 0; k < 64; k++)
		sim_event_schedule(&sim, 0, hold, &h, (void *)k);
	h.target = 20000; /* warm-up */
	assert_int_equal(sim_run(&sim), 0);
	uint32_t heap_cap = sim.heap_cap, slot_cap = sim.slot_cap;
	const void *heap = sim.heap, *slots = sim.slots;
	assert_true(heap_cap >= 64);
	h.target = sim.events_run + 100000;
	sim.stopped = 0;
	assert_int_equal(sim_run(&sim), 0);
	assert_true(sim.events_run >= h.target);
	assert_int_equal(sim.heap_cap, heap_cap);
	assert_int_equal(sim.slot_cap, slot_cap);
	assert_ptr_equal(sim.heap, heap);
	assert_ptr_equal(sim.slots, slots);
	gsl_rng_free(h.rng);
	sim_fini(&sim);
}

/* ---- two simulations in one process ---- */

static void test_two_sims_independent(void **state)
{
	(void)state;
	struct sim a, b, solo;
	struct rec ra, rb, rs;
	assert_int_equal(sim_init(&a), 0);
	assert_int_equal(sim_init(&b), 0);
	assert_int_equal(sim_init(&solo), 0);
	rec_init(&ra, &a, 4000, 7);
	rec_init(&rb, &b, 4000, 8);
	rec_init(&rs, &solo, 4000, 7);
	ra.spawn_left = rs.spawn_left = rb.spawn_left = 1000;
	for (int i = 0; i < 1000; i++) {
		double t = floor(gsl_rng_uniform(ra.rng) * 100.0);
		rec_schedule_at(&ra, t);
		rec_schedule_at(&rs, floor(gsl_rng_uniform(rs.rng) * 100.0)); /* the same times */
		rec_schedule_at(&rb, 1000.0 + t);
	}
	/* interleaved runs of a and b, against a alone */
	for (double until = 10; until <= 200; until += 10) {
		assert_int_equal(sim_run_until(&a, until), 0);
		assert_int_equal(sim_run_until(&b, until + 995.0), 0);
		assert_true(a.now == until);
		assert_true(b.now == until + 995.0);
	}
	assert_int_equal(sim_run(&a), 0);
	assert_int_equal(sim_run(&b), 0);
	assert_int_equal(sim_run(&solo), 0);
	assert_int_equal(ra.n, 2000);
	assert_int_equal(rb.n, 2000);
	assert_int_equal(rs.n, ra.n);
	for (size_t i = 0; i < ra.n; i++) {
		assert_true(ra.time[i] == rs.time[i]);
		assert_int_equal(ra.id[i], rs.id[i]);
		assert_true(rb.time[i] >= 1000.0); /* b ran only its own events */
	}
	assert_int_equal(a.events_run, 2000);
	assert_int_equal(b.events_run, 2000);
	rec_fini(&ra);
	rec_fini(&rb);
	rec_fini(&rs);
	sim_fini(&a);
	sim_fini(&b);
	sim_fini(&solo);
}

/* Many pending events force several doublings; handles stay valid across
 * them and the order holds. */
static void test_growth_keeps_handles(void **state)
{
	(void)state;
	struct sim sim;
	struct rec r;
	const size_t n = 100000;
	assert_int_equal(sim_init(&sim), 0);
	rec_init(&r, &sim, n, 9);
	sim_handle first = rec_schedule_at(&r, 1e6);
	for (size_t i = 1; i < n; i++)
		rec_schedule_at(&r, gsl_rng_uniform(r.rng) * 1000.0);
	assert_true(sim.slot_cap >= n);
	assert_true(sim.heap_cap >= n);
	assert_true(sim_event_pending(&sim, first));
	assert_int_equal(sim_event_cancel(&sim, first), 0);
	assert_int_equal(sim_run(&sim), 0);
	assert_int_equal(r.n, n - 1);
	assert_time_seq_order(&r);
	rec_fini(&r);
	sim_fini(&sim);
	sim_fini(&sim); /* twice is harmless */
}

/* ---- failures: a bad time or sample ends the run with a message, never an assert ---- */

static void noop(struct sim *sim, void *subject, void *object)
{
	(void)sim;
	(void)subject;
	(void)object;
}

static void test_bad_times_fail_the_run(void **state)
{
	(void)state;
	const double bad[] = {NAN, -1.0, -INFINITY};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct sim sim;
		assert_int_equal(sim_init(&sim), 0);
		assert_string_equal(sim_failure_text(&sim), "");
		assert_true(sim_event_schedule(&sim, 1.0, noop, NULL, NULL) != 0);
		assert_int_equal(sim_event_schedule(&sim, bad[i], noop, NULL, NULL), 0);
		assert_int_equal(sim.failed, SIM_FAIL_TIME);
		assert_non_null(strstr(sim_failure_text(&sim), "an event was scheduled"));
		assert_int_equal(sim_run(&sim), -1);
		assert_int_equal(sim.events_run, 0);
		sim_fini(&sim);
	}
	struct sim sim;
	assert_int_equal(sim_init(&sim), 0);
	sim.now = 5;
	assert_int_equal(sim_event_schedule_at(&sim, 4.0, noop, NULL, NULL), 0);
	assert_string_equal(sim_failure_text(&sim), "an event was scheduled at day 4, before now (day 5)");
	sim_fail(&sim, SIM_FAIL_MEMORY, "later"); /* the first cause is kept */
	assert_int_equal(sim.failed, SIM_FAIL_TIME);
	assert_int_equal(sim_run_until(&sim, 10), -1);
	sim_fini(&sim);
	/* infinity is "never", not a failure */
	assert_int_equal(sim_init(&sim), 0);
	assert_true(sim_event_schedule(&sim, INFINITY, noop, NULL, NULL) != 0);
	assert_int_equal(sim_run_until(&sim, 100), 0);
	assert_int_equal(sim.failed, 0);
	assert_int_equal(sim_run_until(&sim, NAN), -1);
	assert_int_equal(sim.failed, SIM_FAIL_TIME);
	sim_fini(&sim);
	/* a model that only sets failed reads as out of memory */
	assert_int_equal(sim_init(&sim), 0);
	sim.failed = 1;
	assert_string_equal(sim_failure_text(&sim), "out of memory");
	sim_fini(&sim);
}

static void test_bad_service_time_fails_the_run(void **state)
{
	(void)state;
	const double scales[] = {INFINITY, NAN, -1.0};
	const char *shown[] = {"inf", "nan", "-"};
	for (size_t i = 0; i < 3; i++) {
		struct sim sim;
		struct pool pool;
		assert_int_equal(sim_init(&sim), 0);
		assert_int_equal(pool_init(&pool, "delivery", 1, NULL, NULL), 0);
		struct pool_ticket t;
		memset(&t, 0, sizeof t);
		t.service = scales[i] * 1.0; /* a scale times a 1-day draw */
		assert_int_equal(pool_request(&sim, &pool, &t), -1);
		assert_int_equal(sim.failed, SIM_FAIL_SAMPLE);
		const char *msg = sim_failure_text(&sim);
		if (!strstr(msg, "pool delivery: a service time of ") || !strstr(msg, shown[i]))
			fail_msg("unexpected failure text: %s", msg);
		assert_int_equal(sim_run(&sim), -1);
		pool_fini(&pool);
		sim_fini(&sim);
	}
}

/* A file `check` accepts whose run scales a service time beyond range: `run`
 * stops with exit 78 naming the scenario, the pool and the replication. */
static void test_run_stops_with_a_message(void **state)
{
	(void)state;
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	test_run(NULL,
		 "printf '%%s\n' 'run = { replications = 1; horizon = \"200 d\"; };' "
		 "'company = { delivery = { p_error = 1.0; rework_scale = 1e308; pool = { service = \"5 d\"; }; }; };' "
		 "'scenarios = ( { name = \"solo\"; ownership = \"solo\"; } );' > %s/x.cfg",
		 dir);
	char *out = NULL;
	int rc = test_run(&out, "JOURNEYSIM_PRESETS=tests/data/scenario/presets %s check %s/x.cfg", test_bin(), dir);
	assert_int_equal(rc, 0);
	free(out);
	out = NULL;
	rc = test_run(&out, "JOURNEYSIM_PRESETS=tests/data/scenario/presets %s run %s/x.cfg -o %s/out --quiet --no-charts",
		      test_bin(), dir, dir);
	if (rc != 78 || !out || !strstr(out, "solo: pool delivery: a service time of inf days") ||
	    !strstr(out, "in replication 1"))
		fail_msg("exit %d, output:\n%s", rc, out ? out : "");
	free(out);
	test_run(NULL, "rm -rf %s", dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_random_times),
		cmocka_unit_test(test_equal_times_run_in_scheduling_order),
		cmocka_unit_test(test_cancel_pending_and_stale),
		cmocka_unit_test(test_cancel_random_half),
		cmocka_unit_test(test_cancel_most_compacts),
		cmocka_unit_test(test_far_list_keeps_the_order),
		cmocka_unit_test(test_cancelled_timers_do_not_grow),
		cmocka_unit_test(test_cancel_from_an_action),
		cmocka_unit_test(test_run_until),
		cmocka_unit_test(test_steady_state_no_growth),
		cmocka_unit_test(test_two_sims_independent),
		cmocka_unit_test(test_growth_keeps_handles),
		cmocka_unit_test(test_bad_times_fail_the_run),
		cmocka_unit_test(test_bad_service_time_fails_the_run),
		cmocka_unit_test(test_run_stops_with_a_message),
	};
	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
