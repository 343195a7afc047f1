/*
 * findings.h - what `sweep` and `merge` draw and print of a sweep's outputs
 * (internal to sim/cli).
 */
#ifndef JOURNEYSIM_CLI_FINDINGS_H
#define JOURNEYSIM_CLI_FINDINGS_H

#include <stdio.h>

#include "chart.h"
#include "sweep.h"

#define FINDINGS_LINES 12 /* crossovers or swings printed, the rest are in the CSV files */

/* Draws the sweep charts of the tables staged in STAGING into STAGING/charts.
 * When that fails the half-drawn folder goes (no half-drawn charts replace
 * the old ones) and err gets note as a line of its own. 0 or -1. */
/* What the sweep was asked (sweep.metric, sweep.contrast, or the objective's
 * metric) goes to its charts, so that `sweep` and `merge` draw the same. */
void findings_chart_focus(const struct sweep_plan *p, struct chart_options *o);

int findings_charts_draw(const char *staging, const struct chart_options *o, const char *note,
			 struct js_error *err);

/* A line "  <crossover>" for each of the first FINDINGS_LINES crossovers,
 * then "  ... and N more<tail>". */
void findings_crossovers_print(FILE *fp, const struct sweep_plan *p, const struct sweep_report *r,
			       const char *tail);

/* decide (sim/cli/decide.c), shared with merge of a decide folder: the
 * decision charts and board of STAGING (as findings_charts_draw), and the
 * short decision table. */
struct decide_report;
int decide_charts_draw(const char *staging, const struct chart_options *o, const char *note, struct js_error *err);
void decide_print(FILE *fp, const struct sweep_plan *p, const struct decide_report *r);

#endif
