/*
 * explain_cli.h - the decomposition of a contrast as `explain` and
 * `run --explain` make it: run, files, charts and the finding (internal to
 * sim/cli).
 */
#ifndef JOURNEYSIM_CLI_EXPLAIN_CLI_H
#define JOURNEYSIM_CLI_EXPLAIN_CLI_H

#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "explain.h"

struct explain_job {
	const struct scenario_file *f; /* with the command line's run settings applied */
	const char *contrast;          /* "A-B" */
	const struct objective *objective;
	const struct cli_args *cli;    /* jobs, quiet, charts, chart options */
	const struct cli_context *ctx; /* the command line, for explain.json */
	const char *created;
	const char *staging;           /* where explain.csv, explain.json and charts/ go */
};

/* Decomposes the contrast into x and writes its files (and, with charts,
 * the waterfall charts) into the staging folder. Prints only the progress
 * line, and a warning when this build has no explain charts. 0, or -1 with
 * err (EX_USAGE for a bad contrast). */
int explain_job_run(const struct explain_job *job, struct explain *x, struct js_error *err);

/* The finding on the objective's row, then each part's contribution on every
 * metric (mean ± 95% half-width, * where the interval excludes 0). */
void explain_print(FILE *fp, const struct explain *x, const char *currency);

/* The finding of metrics row m: "the largest significant part of A - B on
 * margin is governance: +412k EUR/year (95% interval +300k to +520k)", the
 * largest in size of the parts whose interval excludes 0; a part whose
 * interval includes 0 is never named the cause. */
void explain_finding(const struct explain *x, size_t m, const char *currency, char *buf, size_t len);

#endif
