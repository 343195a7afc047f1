/*
 * run.h - the run settings that `run` and `explain` take on the command line
 * (--seed, --reps, --horizon, --warmup), parsed and applied alike (internal
 * to sim/cli).
 */
#ifndef JOURNEYSIM_CLI_RUN_H
#define JOURNEYSIM_CLI_RUN_H

#include <stdint.h>

#include "args.h"
#include "scenario.h"

enum { OPT_SEED = CLI_OWN, OPT_REPS, OPT_HORIZON, OPT_WARMUP, OPT_TRACE, OPT_EXPLAIN, OPT_CONTRAST };

struct run_args {
	struct cli_args cli;
	int have_seed, have_reps, have_horizon, have_warmup;
	uint64_t seed, reps, trace;
	double horizon, warmup;
	const char *explain; /* --explain A-B (run), --contrast A-B (explain) */
};

/* The rows of the run settings in a command's option table, in help order. */
#define RUN_SETTINGS_OPTIONS                                                                                \
	{OPT_SEED, "master seed (0 to 2^64-1)", "seed", "N"},                                               \
	{OPT_REPS, "replications per scenario", "reps", "N"},                                               \
	{CLI_JOBS, NULL, NULL, NULL},                                                                       \
	{OPT_HORIZON, "simulated time: days, or \"2 y\", \"26 w\", \"90 d\"", "horizon", "D"},                 \
	{OPT_WARMUP, "time discarded before statistics start, shorter than the horizon", "warmup", "D"}

/* The output options of run and explain, after their own. */
#define RUN_OUTPUT_OPTIONS                                                                                  \
	{CLI_QUIET, "no table on stdout, no progress bar", NULL, NULL},                                      \
	{CLI_NO_CHARTS, "write no charts", NULL, NULL},                                                     \
	{CLI_OBJECTIVE, NULL, NULL, NULL},                                                                  \
	{CLI_FORMAT, NULL, NULL, NULL},                                                                     \
	{CLI_SIZE, NULL, NULL, NULL},                                                                       \
	{0, NULL, NULL, NULL}

/* One of the options above into a (struct run_args *). 0, or -1 with err. */
int run_option_parse(void *a, int id, const char *v, struct js_error *err);

/* Command-line values override f's run settings (and the objective, when
 * not NULL); then the limits are checked again. 0, or -1 with err. */
int run_settings_override(struct scenario_file *f, const struct run_args *a, const char *objective,
			  struct js_error *err);

#endif
