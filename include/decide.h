/*
 * decide.h - `journeysim decide`: decisions under uncertainty on the sweep
 * machinery (docs/decide.md, "Running a decision").
 *
 * The worlds drawn from the priors (prior.h) are the points of a sweep plan
 * with design SWEEP_WORLDS; world w, replication r of every scenario runs
 * replication w R + r of run.seed (sweep_point_replication), so the scenarios
 * of a world meet the same customers and worlds get independent streams. The
 * journal, --resume, --jobs, shards, merge and MPI are the sweep's
 * (sweep_run, sweep_merge_plan, sweep_merge_journal); the journal header also
 * holds the priors, their hash and every world's values, so a resume of
 * changed priors and a merge of another decision's shards are refused.
 *
 *   decide_load          scenario file + `uncertainty` group -> struct decide
 *   sweep_run            (sweep.h) runs the worlds into DIR/journal
 *   decide_outputs_write reads the journals and writes worlds.csv,
 *                        results.csv, summary.csv, diffs.csv, the decision
 *                        files (decision.h) and manifest.json
 (sim/cli/decide.c prints the short decision table and draws the charts.)
 *
 * Every function returns 0, or -1 with err filled; nothing here exits.
 */
#ifndef JOURNEYSIM_DECIDE_H
#define JOURNEYSIM_DECIDE_H

#include <stdio.h>

#include "decision.h"
#include "error.h"
#include "sweep.h"

struct prior_set;

struct decide {
	struct sweep sw;          /* the scenarios and the plan of worlds (owned) */
	struct prior_set *priors; /* owned */
};

/* Loads the scenario file at path and its priors (prior_read), draws the
 * worlds (prior_worlds, run.seed) and builds the plan: one parameter per
 * prior, the metrics the objective needs plus experience.mean, margin,
 * cost.total and revenue.total. objective: --objective, or NULL for
 * run.objective. A file without an `uncertainty` group is refused (EX_CONFIG,
 * saying how to @include the shipped priors). Loader warnings go to warn. */
int decide_load(const char *path, const char *objective, struct decide *d, char *warn, size_t warn_len,
		struct js_error *err);
void decide_fini(struct decide *d);

/* What decide (and merge of a decide folder) prints. */
struct decide_report {
	struct decision_result result;
	int better;                /* +1: higher is better */
	char objective_text[160];
	char unit[64];
};

/* Is the plan a decide's (a folder to write with decide_outputs_write)? */
int decide_plan_is(const struct sweep_plan *p);

/* Writes the decide outputs of the whole decision (plan p, shard 1/1; a
 * shard writes the sweep tables and worlds.csv only) into out from the
 * journals DIRS. rep may be NULL. */
int decide_outputs_write(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, const char *out,
			 struct decide_report *rep, struct js_error *err);
void decide_report_fini(struct decide_report *r);

#endif
