/*
 * output.h - the result files of a run, and the safe way to write them.
 *
 * Three layers, each usable alone (sweeps and merges reuse the first two):
 *
 *   out_file    one file written atomically: a hidden temporary file in the
 *               same folder, fsync, then rename over the final name. Readers
 *               see the old file or the new one, never half of one.
 *   out_stage   a run's files go into a staging folder DIR/.staging-<pid>;
 *               out_stage_commit moves each into DIR only once everything
 *               succeeded, out_stage_abort removes the staging folder and
 *               leaves an existing DIR exactly as it was.
 *   output_*    the files of `journeysim run` (docs/outputs.md): summary.csv,
 *               diffs.csv, replications.csv, timeseries.csv, distributions.csv,
 *               trace.csv and run.json.
 *
 * Number format, everywhere: the shortest of %.15g, %.16g and %.17g that reads
 * back to the same double (so values round-trip exactly), -0 written as 0, NaN
 * as an empty field. Text fields are quoted as RFC 4180 says when they hold a
 * comma, a quote, a line break or leading/trailing blanks. Lines end in "\n".
 *
 * Every function returns 0, or -1 with err filled (EX_CANTCREAT when a file
 * or folder cannot be made, EX_IOERR when writing fails).
 */
#ifndef JOURNEYSIM_OUTPUT_H
#define JOURNEYSIM_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "experiment.h"

#define OUT_PATH_MAX 4096

/* ---- one atomic file ---- */

struct out_file {
	FILE *fp;                /* write here between open and commit */
	char path[OUT_PATH_MAX]; /* final name */
	char tmp[OUT_PATH_MAX];  /* hidden temporary name in the same folder */
};

int out_file_open(struct out_file *o, const char *path, struct js_error *err);
/* Flushes, fsyncs, closes and renames into place. On failure the temporary
 * file is removed and the final name is untouched. */
int out_file_commit(struct out_file *o, struct js_error *err);
/* Closes and removes the temporary file; safe after a failed open or commit. */
void out_file_abort(struct out_file *o);

/* ---- the staging folder of a run ---- */

struct out_stage {
	char dir[OUT_PATH_MAX];         /* the output folder */
	char staging[OUT_PATH_MAX];     /* dir/.staging-<pid> */
	char top_created[OUT_PATH_MAX]; /* outermost folder that begin created, "" if none */
	int active;
	int merge_folders; /* set before commit: a staged folder's files join the existing
			      folder (`plot --only`) instead of replacing it whole */
};

/* Creates dir (and missing parents) and an empty staging folder inside it.
 * Staging folders left by processes that no longer exist are removed. */
int out_stage_begin(struct out_stage *st, const char *dir, struct js_error *err);
/* The folder to write into until commit. */
const char *out_stage_path(const struct out_stage *st);
/* Moves every entry of the staging folder into dir: files by rename (each
 * replaces its old version atomically), folders (charts/) by swapping the
 * whole folder, or file by file with merge_folders. Entries are checked first: if one cannot replace what is in
 * dir (a folder where a file goes, ...), nothing is moved. Then the staging
 * folder is removed. */
int out_stage_commit(struct out_stage *st, struct js_error *err);
/* Removes the staging folder, and dir itself if begin created it. */
void out_stage_abort(struct out_stage *st);

/* Removes a file or a folder with everything in it. 0 or -1 (errno). */
int out_remove_tree(const char *path);

/* ---- CSV and JSON pieces ---- */

/* Writes v in the round-trip format above into buf (at least 32 bytes);
 * NaN gives "". Returns buf. */
char *csv_format_number(char *buf, size_t len, double v);
void csv_put_number(FILE *fp, double v);
/* Writes s as a CSV field, quoted only when needed. */
void csv_put_text(FILE *fp, const char *s);
/* Writes s as a JSON string with quotes and escapes. */
void json_put_string(FILE *fp, const char *s);
/* A metric's unit for the outputs: every "money" becomes the currency
 * ("money/year" -> "EUR/year"); an empty currency leaves "money". */
char *output_unit(char *buf, size_t len, const char *unit, const char *currency);

/* ---- the files of a run ---- */

struct output_meta {
	const char *version;      /* JOURNEYSIM_VERSION */
	int argc;                 /* the whole command line, for run.json */
	char *const *argv;
	const char *created;      /* UTC, ISO 8601 ("2025-01-31T12:00:00Z") */
	double wall_seconds;      /* time spent simulating */
	uint64_t trace_customers; /* 0: no trace.csv */
};

/* The currency of a run: the baseline scenario's. */
const char *output_currency(const struct experiment *x);

/* Each writes one file into folder dir (usually the staging folder). */
int output_write_summary(const struct experiment *x, const char *dir, struct js_error *err);
int output_write_diffs(const struct experiment *x, const char *dir, struct js_error *err);
int output_write_replications(const struct experiment *x, const char *dir, struct js_error *err);
int output_write_timeseries(const struct experiment *x, const char *dir, struct js_error *err);
int output_write_distributions(const struct experiment *x, const char *dir, struct js_error *err);
int output_write_trace(const struct experiment *x, const char *dir, struct js_error *err);
int output_write_manifest(const struct experiment *x, const struct output_meta *meta, const char *dir,
			  struct js_error *err);

/* All of the above (trace.csv only when meta->trace_customers > 0). */
int output_write_results(const struct experiment *x, const struct output_meta *meta, const char *dir,
			 struct js_error *err);

/* Fills buf with the creation time of a run: SOURCE_DATE_EPOCH when set (it
 * must be a whole number of seconds, else EX_USAGE), else now. */
int output_created_time(char *buf, size_t len, struct js_error *err);

#endif
