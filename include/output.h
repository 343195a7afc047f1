/*
 * output.h - the result files of `journeysim run` (docs/outputs.md):
 * summary.csv, diffs.csv, replications.csv, timeseries.csv, distributions.csv,
 * trace.csv and run.json.
 *
 * They are written with the common file code: atomic files and the staging
 * folder (files.h), CSV fields (csv.h) and the JSON layout (json.h), which
 * this header brings along for the sweeps.
 *
 * Every function returns 0, or -1 with err filled (EX_CANTCREAT when a file
 * or folder cannot be made, EX_IOERR when writing fails).
 */
#ifndef JOURNEYSIM_OUTPUT_H
#define JOURNEYSIM_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csv.h"
#include "error.h"
#include "experiment.h"
#include "files.h"
#include "json.h"

/* A metric's unit for the outputs: every "money" becomes the currency
 * ("money/year" -> "EUR/year"); an empty currency leaves "money". */
char *output_unit(char *buf, size_t len, const char *unit, const char *currency);

/* Writes the statistics that end a row of summary.csv (with_sd) or
 * diffs.csv, of a run or a sweep: ",mean[,sd],ci95_low,ci95_high,n\n". */
void output_put_stats(FILE *fp, const struct summary *sm, int with_sd);

/* ---- the files of a run ---- */

struct output_meta {
	const char *version;      /* JOURNEYSIM_VERSION */
	int argc;                 /* the whole command line, for run.json */
	char *const *argv;
	const char *created;      /* UTC, ISO 8601 ("2025-01-31T12:00:00Z") */
	double wall_seconds;      /* time spent simulating */
	uint64_t trace_customers; /* 0: no trace.csv */
	/* The findings of the run (run.json; NULL/0: none): */
	const struct objective *objective;   /* the declared objective */
	const struct rank_entry *ranking;    /* [n_scenarios], best first */
	const struct capacity_warning *warnings;
	size_t n_warnings;
	const struct staffing_report *staffing; /* NULL, or what the staffing rules chose (staffing.csv) */
};

/* The label of the 95% intervals of every output (run.json "interval_note",
 * the table's footer). */
#define OUTPUT_INTERVAL_NOTE \
	"95% intervals: simulation noise only (replications), not uncertainty in the assumptions"

/* The objective as a run.json / manifest.json member "objective". */
void output_objective_json(struct json_out *j, const struct objective *o, const char *currency);

/* The key assumptions of a file (schema SCHEMA_KEY) and how many of them
 * are still the tool's defaults (not set in the file). */
void output_assumptions_count(const struct scenario_file *f, size_t *key, size_t *defaults);

/* The currency of a run: the baseline scenario's. */
const char *output_currency(const struct experiment *x);

/* Writes every file of a run into folder dir (usually the staging folder),
 * trace.csv only when meta->trace_customers > 0. */
int output_write_results(const struct experiment *x, const struct output_meta *meta, const char *dir,
			 struct js_error *err);

/* The rows of periods.csv, period_diffs.csv and cumulative.csv (periods.c;
 * output_write_results writes them): arg unused. */
int output_rows_periods(const struct experiment *x, FILE *fp, const void *arg);
int output_rows_period_diffs(const struct experiment *x, FILE *fp, const void *arg);
int output_rows_cumulative(const struct experiment *x, FILE *fp, const void *arg);

/* Fills buf with the creation time of a run: SOURCE_DATE_EPOCH when set (it
 * must be a whole number of seconds, else EX_USAGE), else now. */
int output_created_time(char *buf, size_t len, struct js_error *err);

#endif
