/*
 * data.h - the inputs of the charts, read back from the files of a run or a
 * sweep (docs/outputs.md). Internal to plots/.
 *
 * Readers are tolerant where the contract allows it (a missing optional file,
 * an empty or "nan" field, columns in any order, unknown extra columns) and
 * strict where a chart would otherwise lie (a missing required column, a
 * table cut short or with rows of the wrong width, text in a number column:
 * errors with file:line, EX_DATAERR). Every value that is absent is NaN.
 * The tables are read by csv_table_load (csv.h), the JSON by json.h.
 */
#ifndef JOURNEYSIM_PLOTS_DATA_H
#define JOURNEYSIM_PLOTS_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "error.h"
#include "json.h"

/* ---- one statistic ---- */

struct plot_stat {
	double mean, lo, hi; /* mean (or mean difference) and 95% interval; NaN when absent */
	double sd;           /* NaN when absent (diffs have none) */
	unsigned n;          /* replications behind it */
};

/* Run facts shown in subtitles (run.json or manifest.json). */
struct plot_run {
	int present;            /* the file was read */
	char version[32];
	char config[256];
	char currency[16];      /* "EUR"; "" when unknown */
	char created[40];       /* ISO 8601 */
	char design[16];        /* sweeps: "grid", "lhs", "sobol", "oat" */
	char seed[32];          /* as written; "" when absent */
	double replications;    /* NaN when absent */
	double horizon, warmup; /* days; NaN when absent */
};

/* ---- a results folder (results.c) ---- */

struct plot_series {
	size_t n;
	double *day, *mean, *lo, *hi; /* [n], by rising day */
};

struct plot_hist {
	size_t n;
	double *lo, *hi, *share; /* [n] bins; hi NaN for an open last bin */
};

enum plot_dist_var { PLOT_DIST_TIME, PLOT_DIST_EXPERIENCE, PLOT_DIST_COUNT };

struct plot_results {
	char dir[1024];
	struct plot_run run;
	size_t n_scen;
	char **scen;  /* ids as in the files, file order; [0] is the baseline */
	char **label; /* display names ("Chief customer officer") */
	size_t n_metric;
	char **metric, **unit;    /* in file order */
	struct plot_stat *summary; /* [s * n_metric + m] */
	struct plot_stat *diff;    /* [s * n_metric + m]: scenario - baseline */
	int have_diffs;            /* diffs.csv was read */
	int have_timeseries;       /* timeseries.csv was read (it may still be empty) */
	int have_distributions;
	size_t n_series;
	char **series;            /* names in file order */
	struct plot_series *ts;   /* [s * n_series + k] */
	struct plot_hist *hist;   /* [s * PLOT_DIST_COUNT + v] */
};

/* Reads DIR/summary.csv (required), diffs.csv, timeseries.csv,
 * distributions.csv and run.json (optional). 0, or -1 with err. */
int plot_results_load(struct plot_results *r, const char *dir, struct js_error *err);
void plot_results_free(struct plot_results *r);

/* Index of a metric, or -1. */
int plot_results_metric(const struct plot_results *r, const char *name);
/* Summary and difference of scenario s for metric name; a NaN statistic when absent. */
struct plot_stat plot_results_get(const struct plot_results *r, size_t s, const char *name);
struct plot_stat plot_results_diff(const struct plot_results *r, size_t s, const char *name);
/* The unit of a metric ("" when absent). */
const char *plot_results_unit(const struct plot_results *r, const char *name);
/* A time series of scenario s, or NULL when absent or empty. */
const struct plot_series *plot_results_series(const struct plot_results *r, size_t s, const char *name);
/* Largest replication count over the summary (0 when none). */
unsigned plot_results_max_n(const struct plot_results *r);

/* ---- a sweep folder (sweep_data.c) ---- */

struct plot_tornado_row {
	char *scenario, *metric, *parameter;
	double low_value, high_value;
	struct plot_stat low, high; /* KPI at the low and the high value */
	double base_mean, swing;
	int rank;
};

struct plot_crossover {
	char *parameter, *metric, *scenario, *baseline, *direction;
	double at, lo, hi; /* parameter value where the difference changes sign, 95% interval */
};

struct plot_sweep {
	char dir[1024];
	struct plot_run run;
	size_t n_points, n_params;
	char **param;       /* parameter paths (points.csv header) */
	char **param_unit;  /* from manifest.json when given, else "" */
	char **point;       /* point ids */
	double *value;      /* [p * n_params + j] */
	size_t n_scen;
	char **scen, **label;
	size_t n_metric;
	char **metric, **unit;
	struct plot_stat *summary; /* [(p * n_scen + s) * n_metric + m] */
	struct plot_stat *diff;    /* same, scenario - baseline */
	int have_diffs;
	size_t n_tornado;
	struct plot_tornado_row *tornado;
	size_t n_cross;
	struct plot_crossover *cross;
};

/* Reads DIR/points.csv and summary.csv (required), diffs.csv, tornado.csv,
 * crossovers.csv and manifest.json (optional). 0, or -1 with err. */
int plot_sweep_load(struct plot_sweep *w, const char *dir, struct js_error *err);
void plot_sweep_free(struct plot_sweep *w);
int plot_sweep_metric(const struct plot_sweep *w, const char *name);
int plot_sweep_scenario(const struct plot_sweep *w, const char *name);
static inline const struct plot_stat *plot_sweep_at(const struct plot_stat *tab, const struct plot_sweep *w,
						     size_t p, size_t s, size_t m)
{
	return &tab[(p * w->n_scen + s) * w->n_metric + m];
}

/* ---- shared by the loaders (tables.c) ---- */

/* Lists of distinct names in order of first appearance: char **v of n. */

/* Index of s in v[0..n), or -1. */
int plot_list_find(char *const *v, size_t n, const char *s);
/* Index of s in *v, appended when new; -1 when out of memory. */
int plot_names_add(char ***v, size_t *n, const char *s);
/* Frees n strings and the array (v may be NULL). */
void plot_list_free(char **v, size_t n);
/* The statistic of one row from the columns of its mean, interval, sd and
 * n (-1 where the file has none: NaN, or 0 for n). */
struct plot_stat plot_stat_row(const struct csv_table *t, size_t row, int mean, int lo, int hi, int sd, int n);
/* The numbers of columns cols[0..k) of a row into out[q * stride], q < k
 * (stride 1: an array; the length of the columns: one block of columns). */
void plot_row_numbers(const struct csv_table *t, size_t row, const int *cols, size_t k, double *out, size_t stride);
/* "file: out of memory", EX_OSERR; returns -1. */
int plot_oom(struct js_error *err, const char *what);
/* Copies n strings into *dst[0..n) as one heap block: free(*dst[0]) frees
 * them all. -1 with err when out of memory. */
int plot_strings_dup(const char *const *src, char **const *dst, size_t n, const char *what, struct js_error *err);

/* ---- shared helpers (names.c) ---- */

/* Display name of a scenario id: "head_of_journeys" -> "Head of journeys",
 * "crm_first" -> "CRM first". Returns a heap string. */
char *plot_scenario_label(const char *id);
/* Display name of a metric ("experience.mean" -> "Experience", from the metric
 * table of metrics.h) into buf. */
const char *plot_metric_label(char *buf, size_t len, const char *metric);
/* Display name of a parameter path ("mechanisms.handoff.delay" -> "Handoff delay"). */
const char *plot_param_label(char *buf, size_t len, const char *path);
/* (run_facts.c) Reads run.json or manifest.json facts into run (present = 0 when the file
 * is missing). keep: when not NULL, receives the parsed tree (JSON_NULL when
 * missing); the caller frees it with json_free. */
int plot_run_load(struct plot_run *run, const char *path, struct json *keep, struct js_error *err);

#endif
