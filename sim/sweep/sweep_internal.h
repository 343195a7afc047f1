/*
 * sweep_internal.h - what the files of sim/sweep/ share and nothing outside
 * them uses (the tests aside).
 *
 *   load.c      sweep_load: the scenario file and its sweep group into a plan
 *   spec.c      reading and checking the sweep group (file:line errors)
 *   param.c     unit and kind of a parameter path
 *   design.c    grid, lhs, sobol and oat points; point seeds; shards
 *   journal.c   the append-only journal: header, records, scanning, resume
 *   runner.c    (point, scenario, replication) tasks on threads
 *   run.c       sweep_run: resume, then the runner (or MPI ranks, mpi.c)
 *   write.c     the output files from journals, in point order
 *   analysis.c  collects what the analyses need and writes their files
 *   tornado.c, sensitivity.c, crossovers.c   one analysis each (analysis.h)
 *   merge.c     the plan of a set of shard folders
 */
#ifndef JOURNEYSIM_SWEEP_INTERNAL_H
#define JOURNEYSIM_SWEEP_INTERNAL_H

#include <stdio.h>
#include <sys/types.h>

#include "experiment.h"
#include "files.h" /* path_join, out_file */
#include "json.h"
#include "sweep.h"

#ifndef JOURNEYSIM_VERSION
#define JOURNEYSIM_VERSION "0.0.0"
#endif

#define JOURNAL_NAME "journal"
#define JOURNAL_MAGIC "journeysim-sweep-journal 1"

/* Values of one point: [(scenario * replications + replication) * n_metrics + metric], then with
 * periods plan_period_value's block. */
static inline size_t plan_values_per_point(const struct sweep_plan *p)
{
	return p->n_scenarios * p->replications * (p->n_metrics + p->n_periods * PM_COUNT);
}

/* Where period metric pm of period k (0-based) of (scenario, replication) is among a point's values. */
static inline size_t plan_period_value(const struct sweep_plan *p, size_t s, size_t r, size_t k, size_t pm)
{
	return p->n_scenarios * p->replications * p->n_metrics +
	       ((s * p->replications + r) * p->n_periods + k) * PM_COUNT + pm;
}

/* ---- parameters (param.c) ---- */

/* Unit ("days", "servers", ... or ""), whether the values are whole numbers
 * and whether they are durations, of a company or ownership parameter path. */
void param_describe(const char *path, char *unit, size_t unit_len, int *integer, int *duration);
/* Run settings as sweep parameters ("run.horizon", "run.period"; param.c):
 * the schema entry of such a path (NULL for any other path), a value's
 * check against the file's run settings (0, or -1 with why), and setting
 * a point's values into run. */
const struct schema_entry *param_run_entry(const char *path);
int param_run_check(const struct run_settings *run, const char *path, double v, char *why, size_t len);
void param_run_apply(const struct sweep_plan *p, size_t point, struct run_settings *run);
/* The run settings of a point as the plan knows them (horizon, warm-up, period and the swept run paths),
 * and the most periods of any point. */
void param_point_run(const struct sweep_plan *p, size_t point, struct run_settings *run);
size_t param_periods_max(const struct sweep_plan *p);

/* ---- loading (load.c) ---- */

/* What a plan takes from the scenario file f at path (version, config and
 * its hashes, seed, horizon, currency, scenarios; shard 1/1), before the
 * sweep group (or a decide's priors) adds the design. */
int sweep_plan_base(const char *path, const struct scenario_file *f, struct sweep_plan *p, struct js_error *err);

/* ---- the sweep group (spec.c) ---- */

/* Reads the sweep group of the scenario file at path into p (design, seeds,
 * replications, metrics, parameters and their values), checking every value
 * against every scenario of f. */
int spec_read(const char *path, const struct scenario_file *f, struct sweep_plan *p, struct js_error *err);


/* ---- the journal (journal.c) ---- */

/* Writes the header: every field of the plan that identifies the sweep. */
int journal_header_write(FILE *fp, const struct sweep_plan *p);

/* Reads a header into p (the design is rebuilt from it). *end is the offset
 * of the first record. -1 with err when the header is missing or torn
 * (*torn set then: a journal that lost its header lost nothing else). */
int journal_header_read(FILE *fp, const char *path, struct sweep_plan *p, off_t *end, int *torn,
			struct js_error *err);

/* Refuses a journal (its plan j) for the plan p of this run: another
 * config, resolved scenarios, version, design or shard. */
int journal_check_same(const struct sweep_plan *j, const struct sweep_plan *p, const char *path,
		       struct js_error *err);

/* Formats the record of a point into *buf (grown as needed): "R " payload " "
 * hash "\n". Returns the length, or 0 when memory is short. */
size_t journal_record_format(char **buf, size_t *cap, const struct sweep_plan *p, size_t point,
			     const double *values);

/* Parses one line (without its newline): 0 with *point and values filled
 * (values may be NULL to only check), -1 when it is not an intact record of
 * this plan. */
int journal_record_parse(char *line, size_t len, const struct sweep_plan *p, size_t *point, double *values);

/* Calls fn for every intact record after the header (offset of its line).
 * A torn or damaged last line is skipped and reported by *good_end (the
 * offset after the last intact record) and *torn; a damaged record followed by
 * intact ones is an error (EX_DATAERR). */
typedef int (*journal_record_fn)(void *ctx, size_t point, off_t offset, struct js_error *err);
int journal_scan(FILE *fp, const char *path, const struct sweep_plan *p, off_t start, journal_record_fn fn,
		 void *ctx, off_t *good_end, int *torn, struct js_error *err);

/* Reads the record at offset into values. */
int journal_read_at(FILE *fp, const char *path, const struct sweep_plan *p, off_t offset, size_t point,
		    double *values, char **line, size_t *cap, struct js_error *err);

/* Appends a record, flushes and fsyncs. */
int journal_append(FILE *fp, const char *path, const char *rec, size_t len, struct js_error *err);

/* Opens DIR/journal for appending: a new one with its header, or (resume) the
 * existing one checked against p, its torn tail cut off, with done[point]
 * set for every point it holds (done has p->n_points entries). */
int journal_open(const char *dir, const struct sweep_plan *p, int resume, unsigned char *done, FILE **fp,
		 char *path, size_t path_len, struct js_error *err);

/* ---- the runner (runner.c) ---- */

/* Receives each finished point's record; calls are serialised. */
typedef int (*runner_sink_fn)(void *ctx, size_t point, const char *rec, size_t len, struct js_error *err);

/* Runs every (scenario, replication) of points[0..n) on jobs threads, in that
 * order, and hands each point's record to sink as soon as the point is done.
 * Memory: the values of at most jobs + 1 points at once. */
int runner_run(const struct sweep *sw, const size_t *points, size_t n, unsigned jobs, runner_sink_fn sink,
	       void *ctx, struct js_error *err);

/* ---- running a shard (run.c) ---- */

/* Which points of the shard to run now: st->points and st->resumed count the
 * shard's points and those the journal holds (done[i] set); the others with
 * point % size == rank go into todo, st->run of them. */
void sweep_todo(const struct sweep_plan *p, const unsigned char *done, int rank, int size, size_t *todo,
		struct sweep_status *st);

/* The journal that finished points are appended to, counted on a progress line. */
struct journal_sink {
	FILE *fp;
	const char *path;
	struct progress *progress; /* may be NULL */
	size_t done;               /* points of the shard in the journal */
};

/* A runner_sink_fn: appends the record to the journal (ctx: a journal_sink). */
int journal_sink_append(void *ctx, size_t point, const char *rec, size_t len, struct js_error *err);

/* ---- MPI (mpi.c) ---- */

/* Number of ranks (1 without MPI or outside mpirun), and this rank. */
int mpi_size(void);
int mpi_rank(void);
/* sweep_run with several ranks: rank 0 opens the journal and broadcasts
 * which points it holds, each rank runs its share of the others, rank 0
 * appends every record to the journal. */
int mpi_sweep_run(const struct sweep *sw, const char *dir, const struct sweep_options *o, struct sweep_status *st,
		  struct js_error *err);

/* ---- analyses (analysis.c) ---- */

struct analysis;

/* Allocates what the analyses of the plan's design need (NULL for a shard or
 * when memory is short: err). */
int analysis_alloc(const struct sweep_plan *p, struct analysis **out, struct js_error *err);
/* Takes the summaries of one point: sum[s * n_metrics + m] and diff[...]. */
/* contrast: the paired difference A-B of the plan's contrast per metric
 * ([n_metrics]), or NULL when the plan has none. */
void analysis_point(struct analysis *a, size_t point, const struct summary *sum, const struct summary *diff,
		    const struct summary *contrast);
/* Writes tornado.csv, sensitivity.csv and crossovers.csv into out. */
int analysis_write(struct analysis *a, const char *out, struct sweep_report *rep, struct js_error *err);
void analysis_free(struct analysis *a);

/* ---- small helpers (write.c) ---- */

/* A metric's unit with the plan's currency. */
const char *plan_metric_unit(const struct sweep_plan *p, int metric, char *buf, size_t len);
/* Writes manifest.json of the plan into out (as a sweep's), with the
 * members extra adds (may be NULL) before "created". */
typedef void (*sweep_manifest_fn)(struct json_out *j, const void *ctx);
int sweep_manifest_write(const struct sweep_plan *p, const char *out, sweep_manifest_fn extra, const void *ctx,
			 struct js_error *err);
/* Calls fn with the values of every point of the plan's shard, in point
 * order, from the journals DIRS[i]/journal (indexed and checked as
 * sweep_outputs_write does). values: plan_values_per_point entries. */
typedef int (*sweep_point_fn)(void *ctx, size_t point, const double *values, struct js_error *err);
int sweep_journals_each(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, sweep_point_fn fn,
			void *ctx, struct js_error *err);
/* Writes the manifest's "parameters" list. */
void plan_put_parameters(struct json_out *j, const struct sweep_plan *p);

#endif
