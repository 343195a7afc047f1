/*
 * rng.c - the keyed generator and the keys (docs/random.md).
 *
 *   root(master, replication) = mix64(mix64(master ^ 0x6a09e667f3bcc909)
 *                                     + (replication + 1) * golden)
 *   stream seed               = mix64(root ^ name_hash(source))
 *   key(base, purpose, index) = mix64(base ^ (purpose << 56 | index))
 *   n-th number of key k      = mix64(k + n * golden), n = 1, 2, ...
 *
 * where mix64 is the splitmix64 finaliser, golden = 0x9e3779b97f4a7c15 and
 * name_hash is 64-bit FNV-1a of the name's bytes, mixed. Every step is a
 * bijection of its new input: two replications of one master seed never share
 * a root, two (purpose, index) pairs under one base never share a key. A key's
 * numbers are splitmix64 started at the key: 64-bit outputs, period 2^64.
 */
#include <pthread.h>

#include <gsl/gsl_errno.h>

#include "rng.h"

#define RNG_MASTER_KEY 0x6a09e667f3bcc909u /* first SHA-512 constant: any odd key would do */
#define RNG_FNV_OFFSET 0xcbf29ce484222325u
#define RNG_FNV_PRIME 0x100000001b3u

uint64_t rng_name_hash(const char *name)
{
	uint64_t h = RNG_FNV_OFFSET;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= RNG_FNV_PRIME;
	}
	return rng_mix64(h);
}

uint64_t rng_replication_key(uint64_t master, uint64_t replication)
{
	uint64_t h = rng_mix64(master ^ RNG_MASTER_KEY);
	return rng_mix64(h + (replication + 1) * RNG_GOLDEN);
}

uint64_t rng_stream_seed(uint64_t master, uint64_t replication, const char *source)
{
	return rng_mix64(rng_replication_key(master, replication) ^ rng_name_hash(source));
}

/* ---- the generator type ---- */

static inline uint64_t keyed_next(void *vstate)
{
	struct rng_keyed_state *s = vstate;
	return rng_mix64(s->key + ++s->counter * RNG_GOLDEN);
}

/* 32 bits (the high ones), so that max = 2^32 - 1 suits every GSL sampler */
static unsigned long keyed_get(void *vstate)
{
	return (unsigned long)(keyed_next(vstate) >> 32);
}

/* 53 bits: every double in [0, 1) on a grid of 2^-53 */
static double keyed_get_double(void *vstate)
{
	return (double)(keyed_next(vstate) >> 11) * 0x1.0p-53;
}

static void keyed_set_seed(void *vstate, unsigned long seed)
{
	struct rng_keyed_state *s = vstate;
	s->key = seed;
	s->counter = 0;
}

static const gsl_rng_type keyed_type = {
	"journeysim_keyed", 0xffffffffUL, 0, sizeof(struct rng_keyed_state),
	keyed_set_seed,     keyed_get,    keyed_get_double,
};

const gsl_rng_type *const rng_keyed = &keyed_type;

gsl_rng *rng_keyed_alloc(uint64_t key)
{
	rng_gsl_quiet();
	gsl_rng *r = gsl_rng_alloc(&keyed_type);
	return r ? rng_keyed_set(r, key) : NULL;
}

gsl_rng *rng_stream_alloc(uint64_t master, uint64_t replication, const char *source)
{
	return rng_keyed_alloc(rng_stream_seed(master, replication, source));
}

static pthread_once_t rng_quiet_once = PTHREAD_ONCE_INIT;

static void rng_quiet_now(void)
{
	gsl_set_error_handler_off();
}

void rng_gsl_quiet(void)
{
	pthread_once(&rng_quiet_once, rng_quiet_now);
}
