/*
 * sim.h - the discrete-event engine: clock, event list and run loop.
 *
 * All state of one simulation lives in a struct sim that the caller owns and
 * passes to every call; there are no globals, so several simulations can run
 * in one process (tests, threads).
 *
 * Events are ordered by (time, seq): seq rises with every scheduling, so two
 * events at the same time run in the order they were scheduled, whatever the
 * heap does. An event carries an action and two pointers (subject, object),
 * cimba-style. Cancellation (timeouts, reneging) goes through the handle that
 * scheduling returns.
 *
 * Memory: the heap and the event slots grow by doubling and are recycled
 * through a free list, so a run in steady state allocates nothing per event.
 * A cancelled event's node stays in the heap until it surfaces (or until
 * cancelled nodes make up half the heap, when it is compacted), so the
 * heap's moves never touch the slots.
 */
#ifndef JOURNEYSIM_SIM_H
#define JOURNEYSIM_SIM_H

#include <stddef.h>
#include <stdint.h>

struct sim;

/* An event's action. subject and object are whatever the scheduler passed. */
typedef void (*sim_action)(struct sim *sim, void *subject, void *object);

/* Identifies a scheduled event for cancellation; 0 is never a valid handle. */
typedef uint64_t sim_handle;

/* A node of the event heap: 16 bytes, so a node's four children fill one
 * 64-byte cache line. Ties in time are broken by the slot's seq. */
struct sim_heap_node {
	uint64_t key;  /* the time (days, >= 0) as bits that sort as integers */
	uint32_t slot; /* index into sim.slots */
	uint32_t pad;
};

struct sim_event_slot {
	sim_action action;   /* NULL when free, or cancelled while its node is still in the heap */
	void *subject;
	void *object;
	uint64_t seq;        /* scheduling order, breaks ties in time */
	uint32_t generation; /* bumped on every release or cancellation, so stale handles fail */
	uint32_t next_free;  /* free-list link while unused */
};

/* A calendar event (sim.far, by slot). */
struct sim_far_node {
	uint64_t key;  /* the time key, as in the heap */
	uint32_t next; /* next slot in the same day (or overflow) list, UINT32_MAX at the end */
	uint32_t pad;
};

#define SIM_DAYS 512u /* days of the calendar's year */

/* Why a run stopped early (struct sim.failed). None is a programming mistake
 * only: a bad sample from the input must end the run with a message, never an
 * assertion. */
enum sim_failure {
	SIM_FAIL_NONE,
	SIM_FAIL_MEMORY, /* the event list (or the model's memory) could not grow */
	SIM_FAIL_TIME,   /* an event at a time before now, or at NaN */
	SIM_FAIL_SAMPLE, /* a sample that is not finite and >= 0 */
};

struct sim {
	double now;          /* days since the start of the run */
	uint64_t seq;        /* next sequence number */
	uint64_t events_run; /* events executed so far */
	int failed;          /* an enum sim_failure: the run loop returns -1; models set 1 when out of memory */
	int stopped;         /* set by sim_stop(): the run loop returns */
	char failure[160];   /* what failed, by sim_fail() */

	/* Events of the current calendar day and before are in a 4-ary min-heap
	 * on (time, seq); later ones wait in the calendar's day lists (or, beyond
	 * its year, in an overflow list), and a day's list moves into the heap
	 * when the heap runs empty (sim.c). Cancelled nodes included. */
	struct sim_heap_node *heap;
	uint32_t heap_len, heap_cap;
	void *heap_mem;          /* the heap's allocation (heap is aligned inside it) */
	struct sim_far_node *far; /* by slot: the time key of a calendar event, and the next in its list */
	uint32_t *day;           /* SIM_DAYS list heads (slots; UINT32_MAX: empty) */
	uint32_t overflow;       /* list head of the events beyond the calendar's year */
	uint32_t far_len, overflow_len; /* events in the calendar (overflow included), in the overflow */
	int calendar;            /* the calendar is in use */
	uint64_t today;          /* the current calendar day (heap: days <= today) */
	uint64_t rescan_at;      /* the day the overflow list is next sorted into days */
	double origin, per_day;  /* day of a time t: floor((t - origin) * per_day) */
	uint32_t split_at;       /* heap size at which a single heap starts the calendar */
	uint32_t cancelled;      /* nodes whose event was cancelled, anywhere */
	struct sim_event_slot *slots;
	uint32_t slot_cap, free_slot;

	void *model; /* the model running on this engine (e.g. struct journey) */
};

/* Embedded object: 0 on success, -1 when memory is short. */
int sim_init(struct sim *sim);
void sim_fini(struct sim *sim);

/* Schedules action(sim, subject, object) at now + delay (delay >= 0) or at an
 * absolute time >= now (+infinity: never). Returns 0 and fails the run
 * (sim_fail) when out of memory, or when the time is NaN or before now. */
sim_handle sim_event_schedule(struct sim *sim, double delay, sim_action action, void *subject,
			      void *object);
sim_handle sim_event_schedule_at(struct sim *sim, double time, sim_action action, void *subject,
				 void *object);

/* Removes a scheduled event. Returns 0, or -1 when the handle is stale
 * (the event already ran or was cancelled). */
int sim_event_cancel(struct sim *sim, sim_handle handle);

/* Is the event still scheduled? */
int sim_event_pending(const struct sim *sim, sim_handle handle);

/* Runs every event with time <= until (in (time, seq) order), then sets now
 * to until. Returns 0, or -1 when the event list ran out of memory. Stops early
 * (returning 0) after sim_stop(). */
int sim_run_until(struct sim *sim, double until);

/* Runs until the event list is empty (or sim_stop()). */
int sim_run(struct sim *sim);

/* Makes the run loop return after the current event. Sticky: later runs
 * return at once (the clock stays where it stopped) until the caller clears
 * sim->stopped. */
void sim_stop(struct sim *sim);

/* Marks the run as failed (the run loop returns -1 after the current event)
 * with a message; the first failure is kept. */
void sim_fail(struct sim *sim, enum sim_failure why, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* What made the run fail ("out of memory" when a model only set failed), or "". */
const char *sim_failure_text(const struct sim *sim);

/* Number of events waiting. */
size_t sim_event_count(const struct sim *sim);

#endif
