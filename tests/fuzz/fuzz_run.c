/*
 * fuzz_run.c - AFL++ harness: load one scenario file and, when it is valid,
 * run a tiny simulation of each of its scenarios, so that the samplers and
 * the engine meet the fuzzed parameters too, not only the loader.
 *
 * The work is capped so that one input takes milliseconds: one replication
 * of at most FUZZ_HORIZON days (warm-up within it), the automatic time-series
 * step, and the settings that only scale the amount of work (arrival rate,
 * rate multipliers, initial customers, support contacts) clamped to small
 * values. Every other parameter - distributions above all - is run as
 * loaded. A crash, a sanitizer report, an abort or a hang is a finding.
 *
 *   build-fuzz/fuzz/fuzz_run FILE      (or the config on stdin)
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_input.h"
#include "journey.h"
#include "rng.h"
#include "scenario.h"

#define FUZZ_HORIZON 20.0    /* days */
#define FUZZ_RATE 20.0       /* prospects a day, at most */
#define FUZZ_MULTIPLIER 4.0  /* rate-profile multiplier, at most */
#define FUZZ_CUSTOMERS 50u   /* initial customers, at most */
#define FUZZ_CONTACTS 24.0   /* support contacts per customer and year, at most */
#define FUZZ_SCENARIOS 4     /* scenarios run, at most */

static double at_most(double v, double max)
{
	return v > max ? max : v; /* NaN stays NaN: the loader should have refused it */
}

static void cap_work(struct scenario *s)
{
	struct company *c = &s->company;
	c->arrivals.rate = at_most(c->arrivals.rate, FUZZ_RATE);
	for (size_t i = 0; i < c->arrivals.profile.n && i < PROFILE_MAX; i++)
		c->arrivals.profile.multiplier[i] = at_most(c->arrivals.profile.multiplier[i], FUZZ_MULTIPLIER);
	if (c->service.initial_customers > FUZZ_CUSTOMERS)
		c->service.initial_customers = FUZZ_CUSTOMERS;
	c->service.contacts_per_year = at_most(c->service.contacts_per_year, FUZZ_CONTACTS);
}

/* One input: 0 valid, 1 the set-up failed, 2 or 3 refused (an answer, not a finding). */
static int fuzz_one(int argc, char **argv)
{
	struct js_error err;
	int broken;
	struct scenario_file *f = fuzz_input_load(argc, argv, &err, &broken);
	if (broken)
		return 1;
	if (!f)
		return 2;
	rng_gsl_quiet();
	struct run_settings run = f->run;
	run.replications = 1;
	run.sample_every = 0;
	if (!(run.horizon <= FUZZ_HORIZON))
		run.horizon = FUZZ_HORIZON;
	if (!(run.warmup < run.horizon))
		run.warmup = run.horizon / 2;
	static struct scenario sc;
	int rc = 0;
	for (size_t i = 0; i < f->n_scenarios && i < FUZZ_SCENARIOS; i++) {
		sc = f->scenarios[i];
		cap_work(&sc);
		struct rep_result res;
		memset(&res, 0, sizeof res);
		js_error_clear(&err);
		if (journey_run(&sc, &run, 0, 0, &res, &err) != 0)
			rc = 3; /* a located error is an answer, not a finding */
		rep_result_fini(&res);
	}
	scenario_file_free(f);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;
	while (FUZZ_ROUNDS())
		rc = fuzz_one(argc, argv);
	return rc;
}
