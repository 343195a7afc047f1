/*
 * rng.h - independent random streams derived from one master seed.
 *
 * One GSL generator (mt19937) per (replication, source). A source is a name:
 * "arrivals", "pool.sales", "decision.sales.win", ... Its seed is a
 * counter-based hash (splitmix64) of the master seed, the replication number
 * and a hash of the name, never of a position in a list: adding a scenario or a
 * source shifts no other stream, and every scenario of a run gets the same
 * streams (common random numbers). See docs/random.md.
 */
#ifndef JOURNEYSIM_RNG_H
#define JOURNEYSIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* splitmix64 finaliser: a bijective 64-bit mix. */
uint64_t rng_mix64(uint64_t x);

/* 64-bit FNV-1a of a name, then mixed. */
uint64_t rng_name_hash(const char *name);

/* Seed of stream (master, replication, source). */
uint64_t rng_stream_seed(uint64_t master, uint64_t replication, const char *source);

/* A new mt19937 generator seeded for (master, replication, source); NULL when
 * memory is short. Free with gsl_rng_free(). */
gsl_rng *rng_stream_alloc(uint64_t master, uint64_t replication, const char *source);

/* Calls gsl_set_error_handler_off() once per process (thread-safe). Every
 * entry point that uses GSL calls this first. */
void rng_gsl_quiet(void);

#endif
