/*
 * rng.c - one random stream per (master seed, replication, source name).
 *
 * The seed of a stream is a counter-based hash, never a position in a list:
 *
 *   h0   = mix64(master ^ 0x6a09e667f3bcc909)
 *   h1   = mix64(h0 + (replication + 1) * 0x9e3779b97f4a7c15)
 *   seed = mix64(h1 ^ name_hash(source))
 *
 * where mix64 is the splitmix64 finaliser and name_hash is 64-bit FNV-1a of
 * the name's bytes, mixed. Every step is a bijection of its new input, so for a
 * fixed master seed two replications, or two sources, never share a 64-bit
 * seed. mt19937 takes 32 bits of it (see rng_stream_alloc and docs/random.md).
 */
#include <pthread.h>

#include <gsl/gsl_errno.h>

#include "rng.h"

#define RNG_GOLDEN 0x9e3779b97f4a7c15u /* splitmix64's increment: 2^64 / phi, odd */
#define RNG_MASTER_KEY 0x6a09e667f3bcc909u /* first SHA-512 constant: any odd key would do */
#define RNG_FNV_OFFSET 0xcbf29ce484222325u
#define RNG_FNV_PRIME 0x100000001b3u
#define RNG_ZERO_SEED 0x2545f491u /* stands in for a 32-bit seed of 0 (see below) */

uint64_t rng_mix64(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

uint64_t rng_name_hash(const char *name)
{
	uint64_t h = RNG_FNV_OFFSET;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= RNG_FNV_PRIME;
	}
	return rng_mix64(h);
}

uint64_t rng_stream_seed(uint64_t master, uint64_t replication, const char *source)
{
	uint64_t h = rng_mix64(master ^ RNG_MASTER_KEY);
	h = rng_mix64(h + (replication + 1) * RNG_GOLDEN);
	return rng_mix64(h ^ rng_name_hash(source));
}

gsl_rng *rng_stream_alloc(uint64_t master, uint64_t replication, const char *source)
{
	rng_gsl_quiet();
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		return NULL;
	/* GSL's mt19937 keeps only the low 32 bits of a seed, and replaces 0 by
	 * its default 4357: fold all 64 bits into 32 and send 0 elsewhere, so
	 * that a zero fold does not silently alias the default stream. */
	uint64_t seed = rng_stream_seed(master, replication, source);
	unsigned long s = (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffu);
	gsl_rng_set(r, s ? s : RNG_ZERO_SEED);
	return r;
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
