/*
 * sim.c - the event list and the run loop.
 *
 * The event list is a binary min-heap of small (time, seq, slot) nodes; the
 * action and its pointers live in a slot array beside it, so sifting moves 24
 * bytes per level and each slot knows its heap position (for cancellation).
 * Slots are recycled through a free list. A slot's generation is bumped each
 * time it is released, so a handle (generation << 32 | slot) stops matching as
 * soon as its event has run or been cancelled. Generations start at 1 and skip
 * 0 when they wrap, so no handle is ever 0.
 *
 * The heap and the slot array always have the same capacity (the heap never
 * holds more nodes than there are slots) and grow together by doubling, so
 * pushing a node needs no capacity check of its own.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define SLOT_NONE UINT32_MAX
#define SIM_FIRST_CAP 64u
#define SIM_MAX_CAP (1u << 30) /* keeps 2 * i + 2 inside uint32_t */

static inline int node_before(const struct sim_heap_node *a, const struct sim_heap_node *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

/* Stores node at heap position i and tells its slot where it is. */
static inline void heap_put(struct sim *sim, uint32_t i, struct sim_heap_node node)
{
	sim->heap[i] = node;
	sim->slots[node.slot].heap_index = i;
}

/* Puts node at hole i or above it. */
static inline void heap_sift_up(struct sim *sim, uint32_t i, struct sim_heap_node node)
{
	const struct sim_heap_node *h = sim->heap;
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (!node_before(&node, &h[p]))
			break;
		heap_put(sim, i, h[p]);
		i = p;
	}
	heap_put(sim, i, node);
}

/* Puts node at hole i or below it, among the first heap_len nodes. */
static inline void heap_sift_down(struct sim *sim, uint32_t i, struct sim_heap_node node)
{
	const struct sim_heap_node *h = sim->heap;
	const uint32_t n = sim->heap_len;
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && node_before(&h[c + 1], &h[c]))
			c++;
		if (!node_before(&h[c], &node))
			break;
		heap_put(sim, i, h[c]);
		i = c;
	}
	heap_put(sim, i, node);
}

/* Doubles both arrays and chains the new slots into the (empty) free list. */
static int sim_grow(struct sim *sim)
{
	uint32_t old = sim->slot_cap, cap = old ? 2 * old : SIM_FIRST_CAP;
	if (old >= SIM_MAX_CAP)
		return -1;
	struct sim_heap_node *heap = realloc(sim->heap, cap * sizeof *heap);
	if (!heap)
		return -1;
	sim->heap = heap;
	sim->heap_cap = cap;
	struct sim_event_slot *slots = realloc(sim->slots, cap * sizeof *slots);
	if (!slots)
		return -1;
	sim->slots = slots;
	for (uint32_t i = old; i < cap; i++) {
		slots[i].action = NULL;
		slots[i].subject = slots[i].object = NULL;
		slots[i].heap_index = SLOT_NONE;
		slots[i].generation = 1;
		slots[i].next_free = i + 1 < cap ? i + 1 : sim->free_slot;
	}
	sim->free_slot = old;
	sim->slot_cap = cap;
	return 0;
}

static inline void slot_release(struct sim *sim, uint32_t slot)
{
	struct sim_event_slot *s = &sim->slots[slot];
	s->heap_index = SLOT_NONE;
	if (++s->generation == 0)
		s->generation = 1;
	s->next_free = sim->free_slot;
	sim->free_slot = slot;
}

/* The slot a handle names while its event is scheduled, else NULL. */
static inline struct sim_event_slot *slot_of(const struct sim *sim, sim_handle handle)
{
	uint32_t slot = (uint32_t)handle, generation = (uint32_t)(handle >> 32);
	if (slot >= sim->slot_cap)
		return NULL;
	struct sim_event_slot *s = &sim->slots[slot];
	return s->generation == generation && s->heap_index != SLOT_NONE ? s : NULL;
}

int sim_init(struct sim *sim)
{
	memset(sim, 0, sizeof *sim);
	sim->free_slot = SLOT_NONE;
	return sim_grow(sim);
}

void sim_fini(struct sim *sim)
{
	if (!sim)
		return;
	free(sim->heap);
	free(sim->slots);
	memset(sim, 0, sizeof *sim);
	sim->free_slot = SLOT_NONE;
}

sim_handle sim_event_schedule_at(struct sim *sim, double time, sim_action action, void *subject,
				 void *object)
{
	assert(action != NULL);
	if (!(time >= sim->now)) { /* also NaN: a sample gone wrong, not a crash */
		sim_fail(sim, SIM_FAIL_TIME, "an event was scheduled at day %g, before now (day %g)", time,
			 sim->now);
		return 0;
	}
	if (sim->free_slot == SLOT_NONE && sim_grow(sim) != 0) {
		sim_fail(sim, SIM_FAIL_MEMORY, "out of memory");
		return 0;
	}
	uint32_t slot = sim->free_slot;
	struct sim_event_slot *s = &sim->slots[slot];
	sim->free_slot = s->next_free;
	s->action = action;
	s->subject = subject;
	s->object = object;
	struct sim_heap_node node = {time, sim->seq++, slot};
	heap_sift_up(sim, sim->heap_len++, node);
	return (uint64_t)s->generation << 32 | slot;
}

sim_handle sim_event_schedule(struct sim *sim, double delay, sim_action action, void *subject,
			      void *object)
{
	if (!(delay >= 0)) {
		sim_fail(sim, SIM_FAIL_TIME, "an event was scheduled after a delay of %g days", delay);
		return 0;
	}
	return sim_event_schedule_at(sim, sim->now + delay, action, subject, object);
}

int sim_event_cancel(struct sim *sim, sim_handle handle)
{
	struct sim_event_slot *s = slot_of(sim, handle);
	if (!s)
		return -1;
	uint32_t i = s->heap_index, n = --sim->heap_len;
	if (i != n) {
		struct sim_heap_node last = sim->heap[n];
		if (i > 0 && node_before(&last, &sim->heap[(i - 1) / 2]))
			heap_sift_up(sim, i, last);
		else
			heap_sift_down(sim, i, last);
	}
	slot_release(sim, (uint32_t)handle);
	return 0;
}

int sim_event_pending(const struct sim *sim, sim_handle handle)
{
	return slot_of(sim, handle) != NULL;
}

/* Runs events with time <= until. The slot is released before the action runs,
 * so the action sees its own handle as no longer pending and its first
 * scheduling reuses the slot (still in cache). */
static int sim_loop(struct sim *sim, double until)
{
	if (sim->failed)
		return -1;
	while (sim->heap_len > 0 && !sim->stopped) {
		struct sim_heap_node *h = sim->heap;
		if (h[0].time > until)
			break;
		uint32_t slot = h[0].slot;
		sim->now = h[0].time;
		uint32_t n = --sim->heap_len;
		if (n > 0)
			heap_sift_down(sim, 0, h[n]);
		struct sim_event_slot *s = &sim->slots[slot];
		sim_action action = s->action;
		void *subject = s->subject, *object = s->object;
		slot_release(sim, slot);
		sim->events_run++;
		action(sim, subject, object);
		if (sim->failed)
			return -1;
	}
	return 0;
}

int sim_run_until(struct sim *sim, double until)
{
	if (isnan(until))
		sim_fail(sim, SIM_FAIL_TIME, "the run was asked to stop at day %g", until);
	if (sim_loop(sim, until) != 0)
		return -1;
	if (!sim->stopped && until > sim->now && isfinite(until))
		sim->now = until;
	return 0;
}

int sim_run(struct sim *sim)
{
	return sim_loop(sim, INFINITY);
}

void sim_fail(struct sim *sim, enum sim_failure why, const char *fmt, ...)
{
	if (sim->failed)
		return; /* the first cause is the one to report */
	sim->failed = (int)why;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sim->failure, sizeof sim->failure, fmt, ap);
	va_end(ap);
}

const char *sim_failure_text(const struct sim *sim)
{
	if (!sim->failed)
		return "";
	return sim->failure[0] ? sim->failure : "out of memory";
}

void sim_stop(struct sim *sim)
{
	sim->stopped = 1;
}

size_t sim_event_count(const struct sim *sim)
{
	return sim->heap_len;
}
