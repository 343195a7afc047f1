/*
 * rng.h - random numbers keyed by what they are for (docs/random.md).
 *
 * One generator type, journeysim_keyed, a gsl_rng_type so that every GSL
 * sampler works unchanged. It is counter-based: its state is a 64-bit key and
 * a counter, and its n-th number is a bijective 64-bit mix of key + n * golden
 * (splitmix64), so setting a key is all it takes to jump to a stream.
 *
 * Keys are hashes of identities, never positions in a list or in time:
 *   - a named stream (rng_stream_alloc): key = rng_stream_seed(master,
 *     replication, name), then drawn from in sequence;
 *   - a keyed quantity: key = rng_key(base, purpose, index), where base is
 *     the key of whatever the quantity belongs to (a customer, a contact, a
 *     defect, ...), itself a key derived the same way from a replication's
 *     root. The model sets a key before each random quantity
 *     (rng_keyed_set), so the quantity's numbers do not depend on what was
 *     drawn before it: every scenario of a run gives the same customer the
 *     same numbers (common random numbers).
 */
#ifndef JOURNEYSIM_RNG_H
#define JOURNEYSIM_RNG_H

#include <assert.h>
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#define RNG_GOLDEN 0x9e3779b97f4a7c15u /* splitmix64's increment: 2^64 / phi, odd */
#define RNG_INDEX_BITS 56

/* splitmix64 finaliser: a bijective 64-bit mix. Inline, like the keys and the
 * generator below: the journey derives a key and sets the generator before
 * every random quantity, a tenth of its time as calls. */
static inline uint64_t rng_mix64(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

/* 64-bit FNV-1a of a name, then mixed. */
uint64_t rng_name_hash(const char *name);

/* Root key of a replication: a bijection of replication for a fixed master. */
uint64_t rng_replication_key(uint64_t master, uint64_t replication);

/* Seed (key) of the named stream (master, replication, source). */
uint64_t rng_stream_seed(uint64_t master, uint64_t replication, const char *source);

/* Key of the thing or quantity `index` (< 2^56) of kind `purpose` (< 256)
 * under base: mix64(base ^ (purpose << 56 | index)), a bijection of
 * (purpose, index) for a fixed base. */
static inline uint64_t rng_key(uint64_t base, unsigned purpose, uint64_t index)
{
	assert(purpose < 256 && index >> RNG_INDEX_BITS == 0);
	return rng_mix64(base ^ ((uint64_t)purpose << RNG_INDEX_BITS | index));
}

/* The counter-based generator type ("journeysim_keyed"). gsl_rng_set(r, s)
 * sets key s (as an unsigned long) and restarts the counter. */
extern const gsl_rng_type *const rng_keyed;

/* A keyed generator's state (r->state of an rng_keyed generator). */
struct rng_keyed_state {
	uint64_t key;
	uint64_t counter; /* numbers drawn since the key was set */
};

/* The next 64 bits of a keyed generator: mix64(key + n * golden). */
static inline uint64_t rng_keyed_next(const gsl_rng *r)
{
	struct rng_keyed_state *s = r->state;
	return rng_mix64(s->key + ++s->counter * RNG_GOLDEN);
}

/* gsl_rng_uniform(r) without its indirect call: for any generator, the same
 * number; for a keyed one, computed here (53 bits, in [0, 1)). */
static inline double rng_uniform(const gsl_rng *r)
{
	if (r->type == rng_keyed)
		return (double)(rng_keyed_next(r) >> 11) * 0x1.0p-53;
	return gsl_rng_uniform(r);
}

/* gsl_ran_exponential(r, mean), the same number (GSL 2.x: -mean * log1p(-u)),
 * without two calls. */
static inline double rng_exponential(const gsl_rng *r, double mean)
{
	return -mean * log1p(-rng_uniform(r));
}

/* A new keyed generator set to key; NULL when memory is short. Free with
 * gsl_rng_free(). */
gsl_rng *rng_keyed_alloc(uint64_t key);

/* Sets a keyed generator (rng_keyed) to key with its counter at 0: its next
 * numbers are the stream of that key. Returns r. */
static inline gsl_rng *rng_keyed_set(gsl_rng *r, uint64_t key)
{
	assert(r->type == rng_keyed);
	struct rng_keyed_state *s = r->state;
	s->key = key;
	s->counter = 0;
	return r;
}

/* A keyed generator set to rng_stream_seed(master, replication, source), for
 * a sequence drawn in order; NULL when memory is short. */
gsl_rng *rng_stream_alloc(uint64_t master, uint64_t replication, const char *source);

/* Calls gsl_set_error_handler_off() once per process (thread-safe). Every
 * entry point that uses GSL calls this first. */
void rng_gsl_quiet(void);

#endif
