/*
 * analysis.h - what the analyses of a whole sweep share (analysis.c collects,
 * one file computes and writes each analysis):
 *
 *   tornado.c      oat: tornado.csv, each parameter's swing, ranked
 *   sensitivity.c  lhs, sobol: sensitivity.csv, regression and Sobol indices
 *   crossovers.c   grid: crossovers.csv, where scenario - baseline changes sign
 *
 * Each file is always written, with only its header when the design does not
 * allow it, so a folder never keeps a stale one from an earlier sweep.
 */
#ifndef JOURNEYSIM_SWEEP_ANALYSIS_H
#define JOURNEYSIM_SWEEP_ANALYSIS_H

#include <stdio.h>

#include "sweep_internal.h"

/* Memory: oat keeps every point's summaries (2k + 1 points); a grid the
 * paired differences of the points on the parameter axes (1 + sum(n_j - 1));
 * lhs and sobol one mean per point, scenario and metric. */
struct analysis {
	const struct sweep_plan *p;
	size_t cells;           /* scenarios x metrics */
	struct summary *stats;  /* oat: summaries [point][cell]; grid: diffs [axis slot][cell] */
	double *means;          /* lhs, sobol: [point][cell] */
	size_t *axis_base;      /* grid: slot of parameter j's level i (i >= 1) is axis_base[j] + i - 1 */
	size_t *stride;         /* grid: point = sum(index_j * stride_j) */
	struct summary *contrast; /* oat with a contrast: the paired difference A-B [point][metric] */
};

/* Each writes its file's rows (not the header) to fp, nothing when the design
 * has no such analysis; -1 when memory is short. rep may be NULL. */
int sweep_tornado_write(const struct analysis *a, FILE *fp, struct sweep_report *rep);
int sweep_sensitivity_write(const struct analysis *a, FILE *fp, struct sweep_report *rep);
int sweep_crossovers_write(const struct analysis *a, FILE *fp, struct sweep_report *rep);

/* One CSV row's fields: the texts, then the numbers, comma-separated, no
 * newline (the caller ends the row: a rank, a direction). */
void analysis_row_put(FILE *fp, const char *const *text, size_t n_text, const double *num, size_t n_num);

#endif
