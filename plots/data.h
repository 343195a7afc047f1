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

#include "chart.h"
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

/* What "best" means (run.json or manifest.json "objective"; without one, the
 * tool's default: margin, higher is better). */
struct plot_objective {
	char metric[64]; /* the metric row ranked: "margin", or "objective" for a weighted sum */
	char text[192];  /* in words: "margin", "margin + EUR 50,000 per experience point ..." */
	int better;      /* +1 higher is better, -1 lower */
	int declared;    /* 1: from the file; 0: the default */
};

/* One place of the ranking on the objective, best first. */
struct plot_rank {
	size_t scen;
	double value;         /* the objective's mean */
	struct plot_stat gap; /* paired difference (this - next) to the next-ranked scenario; NaN interval when unknown */
	int significant;      /* gap's interval excludes 0: 1, 0, or -1 when unknown (the last has none) */
};

/* A scenario the run flagged (run.json "warnings": a saturated pool ...). */
struct plot_warning {
	size_t scen;
	char text[256];
	char pool[64];   /* in words, from the text: "sales team" (else the file's id) */
	int kind;        /* PLOT_WARN_SATURATED, PLOT_WARN_GROWING, or -1 for another kind */
	double from_day; /* NaN when the file does not say */
};
enum { PLOT_WARN_SATURATED, PLOT_WARN_GROWING };

/* The results over time (periods_data.c, issue 15): periods.csv,
 * period_diffs.csv and cumulative.csv, all optional. Days are counted from
 * the end of the warm-up (the start of the measuring window). */
struct plot_periods {
	int have_periods, have_diffs, have_cumulative; /* the file was read */
	size_t n;             /* periods, by number (1-based in the file) */
	double *start, *end;  /* [n] days since the window start */
	int *partial;         /* [n] 1: shorter than run.period (the last one) */
	size_t n_metric;
	char **metric, **unit;    /* in file order */
	struct plot_stat *value;  /* [(s * n + k) * n_metric + m] */
	struct plot_stat *diff;   /* the same: paired scenario - baseline */
	struct plot_series *cum;  /* [n_scen]: cumulative paired margin difference, by day */
};

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
	/* the board's facts (run.json; computed from the tables when absent) */
	struct plot_objective objective;
	size_t n_rank;            /* scenarios with a value on the objective */
	struct plot_rank *rank;   /* [n_rank], best first */
	int rank_declared;        /* run.json "ranking" was read */
	double assumptions_key, assumptions_defaults; /* NaN when run.json does not say */
	size_t n_warn;
	struct plot_warning *warn;
	int *warned;              /* [n_scen]: 1 when a warning names the scenario */
	char interval_note[256];  /* run.json "interval_note", else the tool's wording */
	struct plot_periods per;  /* the results over time; all zero when the files are absent */
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

/* ---- the results over time (periods_data.c) ---- */

/* Reads DIR/periods.csv, period_diffs.csv and cumulative.csv into r->per
 * (each optional; rows of scenarios not in summary.csv are skipped). 0, or
 * -1 with err (file:line, EX_DATAERR: a period that is not a whole number
 * from 1). plot_periods_free is safe on a zeroed struct. */
int plot_periods_load(struct plot_results *r, struct js_error *err);
void plot_periods_free(struct plot_periods *p, size_t n_scen);
/* Index of a metric of periods.csv, or -1. */
int plot_periods_metric(const struct plot_periods *p, const char *name);
/* Statistic of scenario s in period k (0-based) of metric m; diff: paired
 * against the baseline. NaN when absent. */
struct plot_stat plot_periods_get(const struct plot_results *r, size_t s, size_t k, int m, int diff);
/* The cumulative margin difference of scenario s, or NULL. */
const struct plot_series *plot_periods_cumulative(const struct plot_results *r, size_t s);

/* When scenario s pays back against the baseline: summary.csv's
 * payback.days (mean, ci95_low, ci95_high), else computed from
 * cumulative.csv the same way (the day after which the mean, the band's
 * upper bound, the band's lower bound stay positive). */
struct plot_payback {
	int known;          /* a payback.days row or a cumulative series */
	int pays;           /* the mean turns positive for good within the horizon */
	int shown;          /* the band's lower bound too: paying back is shown, not just likely */
	double day, lo, hi; /* days since the window start; NaN where it does not happen */
};
struct plot_payback plot_payback_of(const struct plot_results *r, size_t s);
/* Does any scenario but the baseline have a payback row or series? */
int plot_results_have_payback(const struct plot_results *r);

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
	char **param_label; /* manifest.json "label" when given, else "" */
	struct plot_objective objective;
	char metric_default[64]; /* manifest.json "metric", else "" */
	char contrast[2][64];    /* manifest.json "contrast" [A, B], else "" */
	int seeds_common;        /* replications pair across scenarios (manifest "seeds": "common", the default) */
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
/* Display name of a parameter path: manifest.json's "label", else built from the path. */
const char *plot_sweep_param_label(const struct plot_sweep *w, char *buf, size_t len, const char *path);

/* The difference the sweep charts show: scenario a minus scenario b, paired
 * replication by replication, at every point ([n_points]). */
struct plot_contrast {
	int a, b;               /* scenario indices; a < 0: no contrast */
	struct plot_stat *d;    /* [n_points] */
	int is_contrast;        /* chosen by --contrast or the manifest */
};
/* The KPI the sweep charts show: the option, else the manifest's "metric",
 * else fallback (a metric name, may be NULL), else -1. */
int plot_sweep_pick_metric(const struct plot_sweep *w, const struct chart_options *o, const char *fallback);
/* The contrast chosen by o (else the manifest), paired from diffs.csv when
 * b (or a) is the baseline, else from results.csv when the sweep used
 * common random numbers. c->a = -1 when none is chosen. 0, or -1 with err
 * (EX_USAGE: an unknown scenario, or no way to pair the two). The caller
 * frees c->d. */
int plot_sweep_contrast(const struct plot_sweep *w, const struct chart_options *o, int m, struct plot_contrast *c,
			struct js_error *err);
static inline const struct plot_stat *plot_sweep_at(const struct plot_stat *tab, const struct plot_sweep *w,
						     size_t p, size_t s, size_t m)
{
	return &tab[(p * w->n_scen + s) * w->n_metric + m];
}

/* ---- an explain folder (explain_data.c) ---- */

/* One row of explain.csv: a part's Shapley contribution to the paired
 * difference A - B of a metric, or the rows "interaction" and "total". */
struct plot_explain_row {
	char metric[64];
	char part[32];
	struct plot_stat c; /* contribution and its 95% interval, n replications */
};

/* The levels of A and B on a metric (explain.json "levels"), when given. */
struct plot_explain_level {
	char metric[64];
	double a, b;
};

#define PLOT_EXPLAIN_LEVELS 16

struct plot_explain {
	char dir[1024];
	struct plot_run run;          /* explain.json's facts (version, currency, created, replications) */
	char a[64], b[64];            /* the contrast A - B (scenario ids) */
	char a_label[128], b_label[128];
	char method[16];              /* "exact", "sampled" or "" */
	double subsets, permutations; /* NaN when not said */
	size_t n_parts_differ;        /* explain.json "parts" that differ (0 when not said) */
	size_t n_rows;
	struct plot_explain_row *row; /* file order */
	size_t n_levels;
	struct plot_explain_level level[PLOT_EXPLAIN_LEVELS];
};

/* Reads DIR/explain.csv (required) and explain.json (optional). 0, or -1
 * with err. */
int plot_explain_load(struct plot_explain *e, const char *dir, struct js_error *err);
void plot_explain_free(struct plot_explain *e);
/* The levels of metric (a short name such as "experience" matches
 * "experience.mean"), or NULL. */
const struct plot_explain_level *plot_explain_levels(const struct plot_explain *e, const char *metric);
/* How the contributions were computed, for subtitles: "Shapley values over
 * 4 parts, all 16 subsets" or "... 2,000 sampled permutations"; "" when
 * explain.json does not say. */
void plot_explain_method(const struct plot_explain *e, char *buf, size_t len);
/* Display name of a part id: "governance" -> "Governance" (the contract's
 * labels; an unknown id is spelled out from its name). */
const char *plot_explain_part_label(char *buf, size_t len, const char *part);
/* Is the part's label a plural ("Stage owners explain")? */
int plot_explain_part_plural(const char *part);

/* ---- the board's facts (objective.c) ---- */

/* The objective of run.json's or manifest.json's root (the default when absent). */
void plot_objective_read(struct plot_objective *o, const struct json *root);
/* The board's facts of a results folder from run.json's tree root: the
 * ranking (computed from summary.csv, diffs.csv and replications.csv when
 * run.json has none), assumptions, warnings and the interval note. */
int plot_results_facts(struct plot_results *r, const struct json *root, struct js_error *err);
/* One sentence per scenario a warning names, each on its own line ("\n"
 * between them): "Customer council ⚠: sales team and delivery team queues
 * still growing at the end (from about day 749): results depend on the
 * horizon." A scenario with a single warning gets its text as the run
 * wrote it. Brief: one sentence for all of them, without the days
 * ("Results depend on the horizon: Customer council ⚠ (sales team and
 * delivery team queues still growing at the end), CIO led ⚠ (contact
 * centre saturated)."); brief 2: the names alone. Returns the number of
 * lines; "" and 0 when there are none. */
size_t plot_warning_lines(const struct plot_results *r, int brief, char *buf, size_t len);
/* The paired difference a - b of n replications (Student-t 95% interval;
 * pairs with a NaN are left out). */
struct plot_stat plot_stat_paired(const double *a, const double *b, size_t n);
/* Per-replication values (a run's replications.csv, a sweep's results.csv:
 * [point,] scenario, replication, metric, value): plot_reps_load reads FILE
 * of DIR into t (cols: point or -1, scenario, replication, metric, value);
 * 0, 1 when missing, -1 with err. plot_reps_pair fills out[n_points] with
 * the paired difference a - b of metric at each point (points NULL: one
 * point, the whole table), pairing replications by their number. */
int plot_reps_load(struct csv_table *t, int *cols, const char *dir, const char *file, struct js_error *err);
int plot_reps_pair(const struct csv_table *t, const int *cols, char *const *points, size_t n_points, const char *a,
		   const char *b, const char *metric, struct plot_stat *out);

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
