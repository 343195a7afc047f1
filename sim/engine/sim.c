/*
 * sim.c - the event list and the run loop.
 *
 * The event list is a 4-ary min-heap of 16-byte (time, slot) nodes; the
 * action, its pointers and the seq that breaks ties live in a slot array
 * beside it. heap[0] sits three nodes into a 64-byte line, so the four
 * children of any node share one cache line.
 *
 * A small model (the tandem: ~15 events) has only the heap. When the heap
 * grows past SPLIT_MIN events, a calendar takes the later ones: SIM_DAYS
 * lists of one calendar day each (a day is a 512th of the span from the first
 * pending event to their mean), linked through sim.far by slot, and an
 * overflow list beyond the calendar's year, sorted into days once a year.
 * The heap holds every event of today and before; when it runs empty, the
 * next day's list moves into it. A day of a time is monotone in the time, so
 * the heap's first event is always the first of all. The journey keeps
 * thousands of events pending (every customer's next contact and term end):
 * in one binary heap, its depth and cache misses were a third of the run.
 *
 * Cancellation is lazy: it marks the slot (action NULL) and leaves the node
 * where it is, to be dropped when it surfaces or its day moves, so sifting
 * never writes to the slots. When cancelled nodes make up half of all (or
 * the arrays are full and an eighth is cancelled), everything is compacted,
 * so memory stays within twice the pending events.
 *
 * Slots are recycled through a LIFO free list. A slot's generation is bumped
 * when its event runs or is cancelled, so a handle (generation << 32 | slot)
 * stops matching at once. Generations start at 1 and skip 0 when they wrap,
 * so no handle is ever 0.
 *
 * The order is the total order (time, seq): any correct heap runs the events
 * in the same order, so the heap's shape never shows in a result.
 *
 * The heap, sim.far and the slot array always have the same capacity (every
 * pending event owns a slot) and grow together by doubling, so pushing a node
 * needs no capacity check of its own.
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
#define SIM_MAX_CAP (1u << 29) /* keeps 4 * i + 4 inside uint32_t */
#define HEAP_LINE 64u          /* bytes of a cache line */
#define HEAP_SHIFT 3u          /* nodes before heap[0] in its allocation: children 4i+1..4i+4 share a line */
#define COMPACT_MIN 64u        /* cancelled nodes below this are never worth a compaction */
#define SPLIT_MIN 1024u        /* a heap this large starts the calendar */
#define DAYS_PER_SPAN 512.0    /* calendar days from the first pending event to the mean (docs/engine.md) */
#define PREFETCH_BYTES 256u    /* of the next event's object */

_Static_assert(sizeof(struct sim_heap_node) * 4 == HEAP_LINE, "four children fill one line");

/* A time >= 0 as a key whose unsigned order is the time's order (the bits of
 * a non-negative double, +infinity included, sort as integers; -0 is made +0). */
static inline uint64_t time_key(double time)
{
	double t = time + 0.0;
	uint64_t k;
	memcpy(&k, &t, sizeof k);
	return k;
}

static inline double key_time(uint64_t key)
{
	double t;
	memcpy(&t, &key, sizeof t);
	return t;
}

/* (time, seq) order; seqs are unique, so two nodes are never equal. Equal
 * times are rare with continuous delays, so the seq is looked up only then,
 * and the common case is one integer comparison the compiler can select
 * without a branch. */
static inline int node_before(const struct sim *sim, const struct sim_heap_node *a,
			      const struct sim_heap_node *b)
{
	if (__builtin_expect(a->key == b->key, 0))
		return sim->slots[a->slot].seq < sim->slots[b->slot].seq;
	return a->key < b->key;
}

/* Puts node at hole i or above it. */
static inline void heap_sift_up(struct sim *sim, uint32_t i, struct sim_heap_node node)
{
	struct sim_heap_node *h = sim->heap;
	while (i > 0) {
		uint32_t p = (i - 1) / 4;
		if (!node_before(sim, &node, &h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = node;
}

/* The earlier of h[a] and h[b]. */
static inline uint32_t heap_first(const struct sim *sim, const struct sim_heap_node *h, uint32_t a,
				  uint32_t b)
{
	uint64_t ka = h[a].key, kb = h[b].key;
	if (__builtin_expect(ka == kb, 0))
		return sim->slots[h[b].slot].seq < sim->slots[h[a].slot].seq ? b : a;
	return kb < ka ? b : a;
}

/* The first of the four nodes from h[c] on. The keys decide without a
 * branch (the selects become conditional moves: a branch here is a coin toss
 * the processor loses half the time); only equal keys, rare, take the seqs. */
static inline uint32_t heap_first4(const struct sim *sim, const struct sim_heap_node *h, uint32_t c)
{
	const uint64_t k0 = h[c].key, k1 = h[c + 1].key, k2 = h[c + 2].key, k3 = h[c + 3].key;
	const int l01 = k1 < k0, l23 = k3 < k2;
	const uint64_t ka = l01 ? k1 : k0, kb = l23 ? k3 : k2;
	const uint32_t a = c + (uint32_t)l01, b = c + 2 + (uint32_t)l23;
	if (__builtin_expect((k0 == k1) | (k2 == k3) | (ka == kb), 0))
		return heap_first(sim, h, heap_first(sim, h, c, c + 1), heap_first(sim, h, c + 2, c + 3));
	return kb < ka ? b : a;
}

/* Puts node at hole i or below it, among the first heap_len nodes. */
static inline void heap_sift_down(struct sim *sim, uint32_t i, struct sim_heap_node node)
{
	struct sim_heap_node *h = sim->heap;
	const uint32_t n = sim->heap_len;
	for (;;) {
		uint32_t c = 4 * i + 1, m;
		if (c + 3 < n) {
			m = heap_first4(sim, h, c);
		} else {
			if (c >= n)
				break;
			m = c;
			for (uint32_t k = c + 1; k < n; k++)
				m = heap_first(sim, h, m, k);
		}
		if (!node_before(sim, &h[m], &node))
			break;
		h[i] = h[m];
		i = m;
	}
	h[i] = node;
}

/* A heap of cap nodes, heap[0] three nodes into a line (cap + 4 nodes, a
 * multiple of a line since cap is). */
static struct sim_heap_node *heap_alloc(uint32_t cap, void **mem)
{
	struct sim_heap_node *raw = aligned_alloc(HEAP_LINE, (cap + 4) * sizeof *raw);
	*mem = raw;
	return raw ? raw + HEAP_SHIFT : NULL;
}

/* Doubles both arrays and chains the new slots into the (empty) free list. */
static int sim_grow(struct sim *sim)
{
	uint32_t old = sim->slot_cap, cap = old ? 2 * old : SIM_FIRST_CAP;
	if (old >= SIM_MAX_CAP)
		return -1;
	void *mem;
	struct sim_heap_node *heap = heap_alloc(cap, &mem);
	if (!heap)
		return -1;
	if (sim->heap_len)
		memcpy(heap, sim->heap, sim->heap_len * sizeof *heap);
	free(sim->heap_mem);
	sim->heap_mem = mem;
	sim->heap = heap;
	sim->heap_cap = cap;
	struct sim_far_node *far = realloc(sim->far, cap * sizeof *far);
	if (!far)
		return -1;
	sim->far = far;
	struct sim_event_slot *slots = realloc(sim->slots, cap * sizeof *slots);
	if (!slots)
		return -1;
	sim->slots = slots;
	for (uint32_t i = old; i < cap; i++) {
		slots[i].action = NULL;
		slots[i].subject = slots[i].object = NULL;
		slots[i].seq = 0;
		slots[i].generation = 1;
		slots[i].next_free = i + 1 < cap ? i + 1 : sim->free_slot;
	}
	sim->free_slot = old;
	sim->slot_cap = cap;
	return 0;
}

/* Back to the free list (its generation was bumped when it ran or was cancelled). */
static inline void slot_free(struct sim *sim, uint32_t slot)
{
	struct sim_event_slot *s = &sim->slots[slot];
	s->action = NULL;
	s->next_free = sim->free_slot;
	sim->free_slot = slot;
}

static inline void slot_bump(struct sim_event_slot *s)
{
	if (++s->generation == 0)
		s->generation = 1;
}

/* The slot a handle names while its event is scheduled, else NULL. */
static inline struct sim_event_slot *slot_of(const struct sim *sim, sim_handle handle)
{
	uint32_t slot = (uint32_t)handle, generation = (uint32_t)(handle >> 32);
	if (slot >= sim->slot_cap)
		return NULL;
	struct sim_event_slot *s = &sim->slots[slot];
	return s->generation == generation && s->action ? s : NULL;
}

/* Makes the first heap_len nodes a heap, bottom-up. */
static void heap_build(struct sim *sim)
{
	const uint32_t n = sim->heap_len;
	for (uint32_t i = n > 1 ? (n - 2) / 4 + 1 : 0; i-- > 0;)
		heap_sift_down(sim, i, sim->heap[i]);
}

/* Drops the cancelled nodes of a (heap or far) array, freeing their slots;
 * returns the number kept. */
static uint32_t nodes_drop_cancelled(struct sim *sim, struct sim_heap_node *a, uint32_t len)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < len; i++) {
		if (sim->slots[a[i].slot].action) {
			a[n++] = a[i];
		} else {
			slot_free(sim, a[i].slot);
			sim->cancelled--;
		}
	}
	return n;
}

/* Drops the cancelled events of a calendar list; returns the new head. */
static uint32_t list_drop_cancelled(struct sim *sim, uint32_t head, uint32_t *dropped)
{
	uint32_t first = SLOT_NONE, *link = &first;
	for (uint32_t s = head; s != SLOT_NONE;) {
		uint32_t next = sim->far[s].next;
		if (sim->slots[s].action) {
			*link = s;
			link = &sim->far[s].next;
		} else {
			slot_free(sim, s);
			sim->cancelled--;
			(*dropped)++;
		}
		s = next;
	}
	*link = SLOT_NONE;
	return first;
}

static inline uint32_t queue_len(const struct sim *sim)
{
	return sim->heap_len + sim->far_len;
}

/* Drops every cancelled node and rebuilds the heap (the order is (time,
 * seq), so the run is the same as without the compaction). */
static void heap_compact(struct sim *sim)
{
	sim->heap_len = nodes_drop_cancelled(sim, sim->heap, sim->heap_len);
	heap_build(sim);
	if (!sim->calendar)
		return;
	uint32_t dropped = 0, before;
	for (uint32_t d = 0; d < SIM_DAYS; d++)
		sim->day[d] = list_drop_cancelled(sim, sim->day[d], &dropped);
	before = dropped;
	sim->overflow = list_drop_cancelled(sim, sim->overflow, &dropped);
	sim->overflow_len -= dropped - before;
	sim->far_len -= dropped;
}

/* The calendar day of a time key; UINT64_MAX beyond any day (+infinity, or
 * too far to count). Monotone in the time, so an earlier day never holds a
 * later event. */
static inline uint64_t day_of(const struct sim *sim, uint64_t key)
{
	double d = (key_time(key) - sim->origin) * sim->per_day;
	return d < 0x1p62 ? (uint64_t)d : UINT64_MAX; /* d >= 0: times are >= origin */
}

static inline void list_push(struct sim *sim, uint32_t *head, uint32_t slot, uint64_t key)
{
	sim->far[slot].key = key;
	sim->far[slot].next = *head;
	*head = slot;
}

/* A calendar event: into its day's list, or the overflow beyond the year. */
static inline void calendar_push(struct sim *sim, uint64_t key, uint32_t slot, uint64_t day)
{
	if (day < sim->today + SIM_DAYS) { /* (today, today + DAYS): distinct lists, not today's */
		list_push(sim, &sim->day[day % SIM_DAYS], slot, key);
	} else {
		list_push(sim, &sim->overflow, slot, key);
		sim->overflow_len++;
	}
	sim->far_len++;
}

/* Sorts the overflow events within the year into their days. */
static void overflow_rescan(struct sim *sim)
{
	uint32_t s = sim->overflow;
	sim->overflow = SLOT_NONE;
	sim->far_len -= sim->overflow_len;
	sim->overflow_len = 0;
	while (s != SLOT_NONE) {
		uint32_t next = sim->far[s].next;
		if (sim->slots[s].action) {
			uint64_t key = sim->far[s].key;
			calendar_push(sim, key, s, day_of(sim, key));
		} else {
			slot_free(sim, s);
			sim->cancelled--;
		}
		s = next;
	}
	sim->rescan_at = sim->today + SIM_DAYS;
}

/* A single heap grown large: starts the calendar at now, with days a
 * 512th of the way from the first pending event to their mean, and moves
 * the events after today into it. Most of the journey's pending events are
 * months away (term ends, contacts), so the heap the run loop sifts holds
 * about one day of events and stays in cache. */
static void calendar_start(struct sim *sim)
{
	struct sim_heap_node *h = sim->heap;
	const double first = key_time(h[0].key);
	double sum = 0;
	uint32_t n = 0;
	for (uint32_t i = 0; i < sim->heap_len; i++) {
		double t = key_time(h[i].key);
		if (t < INFINITY) {
			sum += t;
			n++;
		}
	}
	double mean = n ? sum / n : first;
	double per_day = DAYS_PER_SPAN / (mean - first);
	if (!(mean > first && isfinite(per_day) && per_day > 0)) {
		sim->split_at *= 2; /* all at one time: nothing to spread */
		return;
	}
	sim->calendar = 1;
	sim->origin = sim->now;
	sim->per_day = per_day;
	sim->today = 0;
	for (uint32_t d = 0; d < SIM_DAYS; d++)
		sim->day[d] = SLOT_NONE;
	sim->overflow = SLOT_NONE;
	sim->far_len = sim->overflow_len = 0;
	sim->rescan_at = SIM_DAYS;
	uint32_t kept = 0;
	for (uint32_t i = 0; i < sim->heap_len; i++) {
		uint64_t day = day_of(sim, h[i].key);
		if (day <= sim->today)
			h[kept++] = h[i];
		else
			calendar_push(sim, h[i].key, h[i].slot, day);
	}
	sim->heap_len = kept;
	heap_build(sim);
}

/* The heap ran empty: the next day with events moves into it. Past the year,
 * the overflow is sorted into days; when only the overflow is left, the
 * calendar jumps to its first day; events beyond any day (+infinity) end
 * the calendar and go into the heap. */
static void queue_refill(struct sim *sim)
{
	while (sim->heap_len == 0 && sim->far_len > 0) {
		if (sim->far_len == sim->overflow_len) { /* every day empty: jump */
			uint64_t first = UINT64_MAX;
			for (uint32_t s = sim->overflow; s != SLOT_NONE; s = sim->far[s].next)
				if (sim->slots[s].action) {
					uint64_t day = day_of(sim, sim->far[s].key);
					first = day < first ? day : first;
				}
			if (first == UINT64_MAX) { /* only +infinity (or cancelled) left */
				for (uint32_t s = sim->overflow; s != SLOT_NONE;) {
					uint32_t next = sim->far[s].next;
					if (sim->slots[s].action) {
						sim->heap[sim->heap_len++] = (struct sim_heap_node){sim->far[s].key, s, 0};
					} else {
						slot_free(sim, s);
						sim->cancelled--;
					}
					s = next;
				}
				sim->overflow = SLOT_NONE;
				sim->far_len = sim->overflow_len = 0;
				sim->calendar = 0;
				sim->split_at = sim->heap_len > SPLIT_MIN ? 2 * sim->heap_len : SPLIT_MIN;
				break;
			}
			sim->today = first - 1;
			overflow_rescan(sim);
		}
		sim->today++;
		if (sim->today >= sim->rescan_at)
			overflow_rescan(sim);
		uint32_t *head = &sim->day[sim->today % SIM_DAYS];
		for (uint32_t s = *head; s != SLOT_NONE;) {
			uint32_t next = sim->far[s].next;
			if (sim->slots[s].action) {
				sim->heap[sim->heap_len++] = (struct sim_heap_node){sim->far[s].key, s, 0};
			} else {
				slot_free(sim, s);
				sim->cancelled--;
			}
			sim->far_len--;
			s = next;
		}
		*head = SLOT_NONE;
	}
	heap_build(sim);
}

/* Adds a node to the heap or to the calendar. */
static inline void queue_push(struct sim *sim, struct sim_heap_node node)
{
	if (sim->calendar) {
		uint64_t day = day_of(sim, node.key);
		if (day > sim->today) {
			calendar_push(sim, node.key, node.slot, day);
			return;
		}
	}
	heap_sift_up(sim, sim->heap_len++, node);
	if (sim->heap_len > sim->split_at && !sim->calendar)
		calendar_start(sim);
}

int sim_init(struct sim *sim)
{
	memset(sim, 0, sizeof *sim);
	sim->free_slot = SLOT_NONE;
	sim->split_at = SPLIT_MIN;
	sim->overflow = SLOT_NONE;
	if (!(sim->day = malloc(SIM_DAYS * sizeof *sim->day)))
		return -1;
	return sim_grow(sim);
}

void sim_fini(struct sim *sim)
{
	if (!sim)
		return;
	free(sim->heap_mem);
	free(sim->far);
	free(sim->day);
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
	if (sim->free_slot == SLOT_NONE) {
		if (sim->cancelled >= COMPACT_MIN && sim->cancelled >= queue_len(sim) / 8)
			heap_compact(sim);
		else if (sim_grow(sim) != 0) {
			sim_fail(sim, SIM_FAIL_MEMORY, "out of memory");
			return 0;
		}
	}
	uint32_t slot = sim->free_slot;
	struct sim_event_slot *s = &sim->slots[slot];
	sim->free_slot = s->next_free;
	s->action = action;
	s->subject = subject;
	s->object = object;
	s->seq = sim->seq++;
	struct sim_heap_node node = {time_key(time), slot, 0};
	queue_push(sim, node);
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
	s->action = NULL; /* its node is dropped when it surfaces */
	slot_bump(s);
	sim->cancelled++;
	if (sim->cancelled >= COMPACT_MIN && 2 * sim->cancelled > queue_len(sim))
		heap_compact(sim);
	return 0;
}

int sim_event_pending(const struct sim *sim, sim_handle handle)
{
	return slot_of(sim, handle) != NULL;
}

/* Asks for the first lines of the next event's object (in the journey, the
 * customer) while this event runs: customers are touched days apart, and
 * their first access was the slowest line of the journey's actions. */
static inline void prefetch_object(const void *object)
{
	const uintptr_t o = (uintptr_t)object;
	for (uintptr_t k = 0; k < PREFETCH_BYTES; k += HEAP_LINE)
		__builtin_prefetch((const void *)(o + k));
}

/* Runs events with time <= until. The slot is released before the action runs,
 * so the action sees its own handle as no longer pending and its first
 * scheduling reuses the slot (still in cache). A cancelled node that surfaces
 * only frees its slot: it moves no clock and counts as no event. */
static int sim_loop(struct sim *sim, double until)
{
	if (sim->failed)
		return -1;
	while (!sim->stopped) {
		if (sim->heap_len == 0) {
			if (sim->far_len == 0)
				break;
			queue_refill(sim);
			continue;
		}
		struct sim_heap_node *h = sim->heap;
		const double time = key_time(h[0].key);
		if (time > until)
			break;
		const uint32_t slot = h[0].slot;
		uint32_t n = --sim->heap_len;
		if (n > 0) {
			heap_sift_down(sim, 0, h[n]);
			prefetch_object(sim->slots[h[0].slot].object);
		}
		struct sim_event_slot *s = &sim->slots[slot];
		sim_action action = s->action;
		if (!action) {
			sim->cancelled--;
			slot_free(sim, slot);
			continue;
		}
		sim->now = time;
		void *subject = s->subject, *object = s->object;
		slot_bump(s);
		slot_free(sim, slot);
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
	return queue_len(sim) - sim->cancelled;
}
