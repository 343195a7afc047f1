/*
 * chart.h - board-deck charts of a run's results folder or a sweep folder.
 *
 * Charts are drawn with Cairo and PangoCairo from the files that `journeysim
 * run`, `journeysim sweep` and `journeysim explain` write (docs/outputs.md),
 * never from memory, so
 * `journeysim plot DIR` redraws exactly what `run` drew. Each chart is a
 * `struct chart_type` in the table chart_types[]: adding a chart is adding a
 * file in plots/ and one line in that table (plots/registry.c).
 *
 * Geometry: a chart is laid out on a 16:9 page of 960 x 540 pt (a 13.33 x 7.5
 * inch slide). PDF and SVG pages have that size in points; a PNG of W x H
 * pixels draws the same page scaled by W / 960 (2 px per pt at 1920 x 1080).
 * Text is never smaller than 14 pt on that page. Other aspect ratios keep the
 * page area and stretch its shape.
 *
 * Files are written atomically (a hidden temporary file in the same folder,
 * then rename) as CHARTS_DIR/<chart name>.<png|pdf|svg>. The same input gives
 * the same bytes: PDFs carry a fixed creation date (chart_options.created),
 * SVG ids are numbered per file.
 *
 * Every function returns 0, or -1 with err filled: EX_NOINPUT when a needed
 * input file cannot be opened, EX_DATAERR when it cannot be read (file:line:
 * message), EX_USAGE for an unknown chart name or bad options, EX_CANTCREAT
 * when an output file cannot be created or Cairo fails on it (the message
 * names the file). Nothing here prints or exits.
 */
#ifndef JOURNEYSIM_CHART_H
#define JOURNEYSIM_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Output formats, a bitmask. */
enum chart_format {
	CHART_PNG = 1u << 0,
	CHART_PDF = 1u << 1,
	CHART_SVG = 1u << 2,
	CHART_ALL_FORMATS = CHART_PNG | CHART_PDF | CHART_SVG
};

/* The folder a chart is drawn from. */
enum chart_input {
	CHART_INPUT_RESULTS, /* a results folder: summary.csv, diffs.csv, timeseries.csv, ... */
	CHART_INPUT_SWEEP,   /* a sweep folder: points.csv, summary.csv, tornado.csv, ... */
	CHART_INPUT_EXPLAIN  /* an explain folder: explain.csv, explain.json */
};

struct chart_options {
	unsigned width, height; /* PNG pixels, default 1920 x 1080; PDF/SVG pages keep this shape */
	unsigned formats;       /* CHART_PNG | CHART_PDF | CHART_SVG, default PNG and PDF */
	const char *only;       /* one chart name (chart_types[].name), or NULL for every chart */
	/* Sweep charts (`plot --metric M --contrast A-B`, `sweep` likewise); ""
	 * takes manifest.json's "metric" and "contrast", an option overrides them.
	 * Without either, the lines take the first crossover's metric, else
	 * experience.mean; the heatmap experience.mean; the tornado its first
	 * row's. A contrast A-B (scenario ids) makes the lines, the heatmap and
	 * the tornado show the paired difference A minus B with its interval. */
	char metric[64];        /* KPI of the sweep lines, heatmap and tornado; "" = default */
	char contrast_a[64];    /* "" = no contrast */
	char contrast_b[64];
	/* Heatmap: the scenario (default: the first that is not the baseline);
	 * tornado: the scenario (default: its first row's). */
	const char *scenario;
	int difference;         /* heatmap: 1 = scenario minus baseline, 0 = the KPI itself, -1 = auto */
	/* Creation and modification date written into PDFs, seconds since 1970
	 * (UTC). -1: run.json's (or manifest.json's) "created", else 0. */
	int64_t created;
};

/* Fills the defaults above; created is SOURCE_DATE_EPOCH when that is set
 * to a whole number of seconds, else -1. */
void chart_options_defaults(struct chart_options *o);

/* Parses a format list such as "png,pdf,svg" into a CHART_* mask. 0 or -1
 * (EX_USAGE). */
int chart_formats_parse(const char *list, unsigned *formats, struct js_error *err);

/* Opaque: a page being drawn (plots/plot.h), and the loaded input. */
struct chart_page;
struct chart_inputs;

struct chart_type {
	const char *name;       /* file name stem and --only value: "kpi_comparison" */
	const char *title;      /* what it shows, for listings: "KPI comparison" */
	enum chart_input input; /* the folder it is drawn from */
	/* Does the input hold what the chart needs? NULL: always. A chart that is
	 * asked for by name is drawn anyway, with a note saying what is missing. */
	int (*available)(const struct chart_inputs *in);
	/* Draws the whole page. 0, or -1 with err. */
	int (*draw)(struct chart_page *page, const struct chart_inputs *in, struct js_error *err);
};

extern const struct chart_type chart_types[];
extern const size_t chart_type_count;

/* The chart called name, or NULL. */
const struct chart_type *chart_type_find(const char *name);

/* Draws every results chart (or o->only) of RESULTS_DIR into CHARTS_DIR (made
 * if missing; NULL: no chart files), and the one-page board summary into the
 * PDF file BOARD_PDF (NULL: none). */
int charts_render_results(const char *results_dir, const char *charts_dir, const char *board_pdf,
			  const struct chart_options *o, struct js_error *err);

/* Draws the sweep charts that SWEEP_DIR's design allows (a 1-D sweep: lines;
 * a 2-D grid: heatmap; a one-at-a-time design: tornado), or o->only, into
 * CHARTS_DIR. A sweep that allows none gets the sweep line chart with a note. */
int charts_render_sweep(const char *sweep_dir, const char *charts_dir, const struct chart_options *o,
			struct js_error *err);

/* Draws the waterfalls of an explain folder EXPLAIN_DIR (explain.csv,
 * explain.json: docs/outputs.md) into CHARTS_DIR: chart type "explain", one
 * file per metric, explain_margin and explain_experience, each from B's
 * value to A's part by part. o->only may be NULL or "explain". */
int charts_render_explain(const char *explain_dir, const char *charts_dir, const struct chart_options *o,
			  struct js_error *err);

/* Draws the decision charts of a decide folder DECIDE_DIR (decision.csv,
 * ranks.csv, acceptability.csv, evppi.csv: docs/decide.md) into CHARTS_DIR,
 * and the decision board page into BOARD_PDF (NULL: none). */
int charts_render_decide(const char *decide_dir, const char *charts_dir, const char *board_pdf,
			 const struct chart_options *o, struct js_error *err);

#endif
