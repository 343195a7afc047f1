/*
 * plot.h - the drawing kit shared by the chart files: the theme, the page,
 * text, axes, legends, markers, number formats and the findings that titles
 * state. Internal to plots/.
 *
 * Units: every length is in points on the chart page (960 x 540 for 16:9);
 * the renderer scales the Cairo context for PNGs. Colours are sRGB in [0, 1].
 */
#ifndef JOURNEYSIM_PLOTS_PLOT_H
#define JOURNEYSIM_PLOTS_PLOT_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "chart.h"
#include "data.h"

/* ---- theme (theme.c): the one place for fonts, sizes, colours ---- */

struct plot_rgb {
	double r, g, b;
};

enum plot_font {
	PLOT_FONT_TITLE,    /* headline finding */
	PLOT_FONT_SUBTITLE, /* config, replications, horizon, seed */
	PLOT_FONT_PANEL,    /* title of a panel in a multi-panel chart */
	PLOT_FONT_LABEL,    /* axis titles, row labels */
	PLOT_FONT_TICK,     /* tick labels */
	PLOT_FONT_VALUE,    /* value labels next to marks */
	PLOT_FONT_VALUE_BOLD,
	PLOT_FONT_LEGEND,
	PLOT_FONT_NOTE,     /* footnotes and on-chart notes */
	PLOT_FONT_BIG_NOTE, /* "no data" messages */
	PLOT_FONT_COUNT
};

struct plot_font_spec {
	double size; /* pt, >= 14 */
	int bold, italic;
};

#define PLOT_PALETTE_SIZE 9
#define PLOT_COMPONENTS 9

struct plot_theme {
	const char *family; /* by name; fontconfig finds it */
	struct plot_font_spec font[PLOT_FONT_COUNT];
	double margin_left, margin_right, margin_top, margin_bottom; /* pt */
	double gap;                     /* between panels, pt */
	double line, line_thin, axis, grid; /* stroke widths, pt */
	double whisker, whisker_cap;    /* CI whisker width and half cap length, pt */
	double marker;                  /* marker radius, pt */
	struct plot_rgb background, text, text_muted, axis_colour, grid_colour, whisker_colour, band_note, leak,
		positive, negative;
	struct plot_rgb scenario[PLOT_PALETTE_SIZE]; /* Okabe-Ito, by scenario index in file order */
	struct plot_rgb component[PLOT_COMPONENTS];  /* cost components */
	double band_alpha;                           /* CI bands */
};

extern const struct plot_theme plot_theme;

/* Colour of scenario i (i >= the palette size cycles, see plot_scenario_dash). */
struct plot_rgb plot_scenario_colour(size_t i);
/* Dash pattern for lines of scenario i: 0 solid (first cycle), 1 dashed, 2 dotted. */
int plot_scenario_dash(size_t i);
/* Viridis at t in [0, 1]. */
struct plot_rgb plot_viridis(double t);
/* The colour of a difference v on a diverging scale centred on 0 and
 * reaching its ends at +-max_abs: 0 is always the neutral middle. better is
 * the metric's direction (enum metric_better: 1 higher is better, -1 lower
 * is better): an improvement is blue, a deterioration red, whatever the
 * sign; 0 (neutral) uses purple for higher, orange for lower. */
struct plot_rgb plot_diverging(double v, double max_abs, int better);
/* Relative luminance (for picking black or white text over a fill). */
double plot_luminance(struct plot_rgb c);

/* ---- the page (page.c) ---- */

struct plot_rect {
	double x, y, w, h;
};

/* Called by charts for the marks that tests check (what = "kpi.bar", i and j
 * its indices): the page coordinates of the mark. */
typedef void (*plot_probe_fn)(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r);

struct plot_decide;

struct chart_page {
	cairo_t *cr;
	PangoContext *pango;
	double w, h;   /* pt */
	int vector;    /* PDF or SVG: no pixel snapping */
	plot_probe_fn probe;
	void *probe_user;
	const struct chart_options *opt;
	char title[512]; /* the title drawn, also the PDF title */
	int warnings_shown; /* the chart says run.json's warnings itself: the footnote leaves them out */
	int tool_top;       /* the tool's name on the subtitle's line, if it fits, to give the footnote the width */
};

struct chart_inputs {
	const struct plot_results *res;  /* CHART_INPUT_RESULTS */
	const struct plot_sweep *sweep;  /* CHART_INPUT_SWEEP */
	const struct chart_options *opt;
	const struct plot_explain *explain; /* CHART_INPUT_EXPLAIN */
	const char *metric;                 /* CHART_INPUT_EXPLAIN: the metric drawn ("margin") */
	const struct plot_decide *decide;   /* CHART_INPUT_DECIDE */
};

/* The run facts of the input (run.json, manifest.json or explain.json). */
const struct plot_run *plot_inputs_run(const struct chart_inputs *in);

void plot_page_init(struct chart_page *pg, cairo_t *cr, double w, double h, int vector);
void plot_page_fini(struct chart_page *pg);
void plot_probe(struct chart_page *pg, const char *what, size_t i, size_t j, double x, double y, double w,
		double h);

/* ---- drawing primitives (draw.c) ---- */

void plot_set_colour(struct chart_page *pg, struct plot_rgb c);
void plot_set_colour_alpha(struct chart_page *pg, struct plot_rgb c, double a);
void plot_fill_rect(struct chart_page *pg, double x, double y, double w, double h, struct plot_rgb c);
void plot_line(struct chart_page *pg, double x0, double y0, double x1, double y1, double width, struct plot_rgb c);
/* A CI whisker from (x0, y) to (x1, y) with caps (horizontal), or vertical. */
void plot_whisker_h(struct chart_page *pg, double x0, double x1, double y);
void plot_whisker_v(struct chart_page *pg, double x, double y0, double y1);
/* Marker of scenario i (circle, square, triangle, diamond, ... by i / palette). */
void plot_marker(struct chart_page *pg, size_t i, double x, double y, double radius);
/* Fills a box in scenario i's colour, hatched when the palette has come
 * round again (i >= PLOT_PALETTE_SIZE), so two scenarios never look alike. */
void plot_scenario_fill(struct chart_page *pg, size_t i, double x, double y, double w, double h);
/* Sets the dash of scenario i's lines. */
void plot_set_dash(struct chart_page *pg, size_t i, double width);
/* Hatches a rectangle with thin diagonal lines. */
void plot_hatch(struct chart_page *pg, double x, double y, double w, double h, struct plot_rgb c);

/* ---- text (text.c): Pango layouts with the theme fonts ---- */

enum plot_align {
	PLOT_LEFT = 0,
	PLOT_CENTER = 1,
	PLOT_RIGHT = 2,
	PLOT_TOP = 0,
	PLOT_MIDDLE = 4,
	PLOT_BOTTOM = 8,
	PLOT_BASELINE = 16
};

struct plot_text_box {
	double w, h;    /* extents, pt */
	int lines;      /* lines after wrapping */
	int ellipsized; /* text was cut */
	double last_w;  /* width of the last line, pt */
};

/* Draws text at (x, y) anchored by align (PLOT_LEFT | PLOT_TOP ...). With
 * max_w > 0 the text wraps at words within max_w and, past max_lines, ends
 * in an ellipsis. Returns the box. Markup is not interpreted. */
struct plot_text_box plot_text(struct chart_page *pg, enum plot_font f, struct plot_rgb c, double x, double y,
			       int align, double max_w, int max_lines, const char *text);
/* The same without drawing. */
struct plot_text_box plot_text_size(struct chart_page *pg, enum plot_font f, double max_w, int max_lines,
				    const char *text);
/* Text rotated by -90 degrees (reading upwards), centred at (x, y). */
void plot_text_vertical(struct chart_page *pg, enum plot_font f, struct plot_rgb c, double x, double y,
			const char *text);
/* Height of one line of font f. */
double plot_line_height(struct chart_page *pg, enum plot_font f);
/* text as it fits one line of max_w in font f: whole, or cut after its last
 * whole word that fits with an ellipsis ("Marketing…"); a single long word is
 * left for plot_text to cut. Returns buf. */
const char *plot_text_abbreviate(struct chart_page *pg, enum plot_font f, double max_w, const char *text, char *buf,
				 size_t len);

/* ---- numbers (format.c) ---- */

/* v with `digits` decimals, thousands separated by commas, a real minus
 * sign. */
const char *plot_fmt(char *buf, size_t len, double v, int digits);
/* Like plot_fmt with a sign always shown ("+1.4", "−0.3"). */
const char *plot_fmt_signed(char *buf, size_t len, double v, int digits);
/* The fewest decimals (at most 4) that write every value of v[0..n) exactly. */
int plot_digits_needed(const double *v, size_t n);
/* Decimals that show v's magnitude with about 3 significant figures (max 2). */
int plot_digits_for(double v);
/* Money in a board's words: "€12.4M", "−€850k", "$1.2bn". currency: ISO code. */
const char *plot_fmt_money(char *buf, size_t len, double v, const char *currency, int signed_);
/* The same in the unit ref would take: with ref 1.7e6, 8.1e5 is "€0.8M" (the
 * ends of an interval in the unit of its largest end). */
const char *plot_fmt_money_as(char *buf, size_t len, double v, double ref, const char *currency, int signed_);
/* Is this unit money (starts with the currency code)? */
int plot_unit_is_money(const char *unit, const char *currency);

/* A unit scaled for an axis: "EUR/year" with 1e6 -> "EUR million/year". */
struct plot_scale {
	double div;      /* divide values by this */
	char unit[96];   /* the axis unit text */
};
void plot_scale_for(struct plot_scale *s, double max_abs, const char *unit);

/* ---- axes (axis.c): Heckbert's nice numbers ---- */

struct plot_axis {
	double lo, hi;    /* shown range (data units, after the scale) */
	double step;      /* tick step */
	int digits;       /* decimals of tick labels */
	double p0, p1;    /* page coordinates of lo and hi */
	struct plot_scale scale;
};

/* Heckbert's "nice" number near x: 1, 2, 5 (or 10) times a power of ten. */
double plot_nice(double x, int round);
/* Loose labelling of [dmin, dmax] with about n ticks (values already divided
 * by the scale). Handles dmin == dmax and non-finite input (gives 0..1). */
void plot_axis_nice(struct plot_axis *a, double dmin, double dmax, int n);
/* Sets the scale from the data magnitude and the unit, then the ticks. */
void plot_axis_setup(struct plot_axis *a, double dmin, double dmax, int n, const char *unit);
/* Shows exactly [dmin, dmax] (data units) with the ticks already chosen. */
void plot_axis_tight(struct plot_axis *a, double dmin, double dmax);
/* Shows exactly [dmin, dmax] (data units) with about n nice ticks inside
 * (at least three when n > 3): for small panels that cannot spare the room
 * up to the next round tick. */
void plot_axis_fit(struct plot_axis *a, double dmin, double dmax, int n, const char *unit);
/* Page coordinate of a data value (not yet divided by the scale). */
double plot_axis_map(const struct plot_axis *a, double v);
/* Tick label text of tick value t (already scaled). */
const char *plot_axis_label(const struct plot_axis *a, char *buf, size_t len, double t);
/* Horizontal axis along y from a->p0 to a->p1: ticks, labels below; grid lines up to grid_top when >= 0. */
void plot_axis_draw_x(struct chart_page *pg, const struct plot_axis *a, double y, double grid_top);
/* Vertical axis at x: labels left; grid lines right to grid_right when >= 0. */
void plot_axis_draw_y(struct chart_page *pg, const struct plot_axis *a, double x, double grid_right);
/* Widest tick label of a vertical axis. */
double plot_axis_label_width(struct chart_page *pg, const struct plot_axis *a);

/* ---- legend (legend.c) ---- */

enum plot_key { PLOT_KEY_BOX, PLOT_KEY_LINE, PLOT_KEY_MARKER };

/* Lays scenario keys left to right in rows within width w from (x, y);
 * returns the height used (draws when draw != 0). */
double plot_legend(struct chart_page *pg, double x, double y, double w, char *const *labels, size_t n,
		   enum plot_key key, int draw);
/* One key with its label in font f; returns the width used. */
double plot_legend_item(struct chart_page *pg, enum plot_font f, double x, double y, struct plot_rgb c, size_t scen,
			enum plot_key key, const char *label, int draw);

/* ---- the frame of a chart (frame.c) ---- */

/* Draws the background, the title (the finding), the subtitle (config,
 * replications, horizon, seed) and the footnote; returns the body area. */
void plot_frame(struct chart_page *pg, const struct chart_inputs *in, const char *title, const char *note,
		struct plot_rect *body);
/* The body area plot_frame would leave, without drawing. */
void plot_frame_measure(struct chart_page *pg, const struct chart_inputs *in, const char *title, const char *note,
			struct plot_rect *body);
/* The subtitle text of the input. */
void plot_subtitle(const struct chart_inputs *in, char *buf, size_t len);
/* A centred message where a chart has nothing to draw. */
void plot_empty(struct chart_page *pg, const struct plot_rect *r, const char *message);
/* Splits r into rows x cols panels with the theme gap. */
struct plot_rect plot_cell(const struct plot_rect *r, int rows, int cols, int i, double gap);
/* Rows and columns for n small multiples in a w x h area whose cells should
 * be about aspect (width / height). */
void plot_grid_shape(size_t n, double w, double h, double aspect, int *rows, int *cols);

/* ---- findings (finding.c): what titles may claim ---- */

/* A display label inside a sentence: "Today" -> "today"; "CRM first" kept
 * (an acronym keeps its capitals). */
void plot_in_sentence(char *buf, size_t len, const char *label);
/* The 95% interval of a paired difference excludes zero. */
int plot_significant(const struct plot_stat *d);
/* Appends "experience +1.4 points" / "cost −6%" for a significant change of
 * metric in scenario s vs the baseline; returns 1 if appended. */
int plot_change_phrase(const struct plot_results *r, size_t s, const char *metric, const char *word, char *buf,
		       size_t len);
/* The headline of a comparison: the best scenario on the objective and its
 * paired gap to the runner-up, "Customer council is best on margin:
 * €0.6M/year ahead (95% interval €0.2M to €1.0M) of CIO led", or "X and Y
 * cannot be told apart on margin: ..." when that interval includes 0. */
void plot_headline(const struct plot_results *r, char *buf, size_t len);
/* The best scenario on the objective, and the runner-up (the best when alone). */
size_t plot_headline_scenario(const struct plot_results *r);
size_t plot_headline_runner_up(const struct plot_results *r);
/* "€0.6M/year ahead of CIO led (95% interval €0.2M to €1.0M)": how far
 * ranking place q leads the next (named next; NULL: "€0.6M/year (95% ...)")
 * on the objective. */
void plot_gap_text(const struct plot_results *r, const struct plot_rank *q, const char *next, char *buf, size_t len);
/* A claim about where scenario scen differs significantly from base on
 * metric over the points of a sweep, in both directions: "X is
 * significantly better than Y on margin at 12 of 20 points of a × b, worse
 * at 5", or "No significant difference between X and Y on margin at any of
 * 20 points of a × b". up / down: points significantly better / worse
 * (higher / lower when better is 0, a neutral metric); where: "points of
 * a × b", "values of handoff delay". */
void plot_count_claim(char *buf, size_t len, const char *scen, const char *base, const char *metric, int better,
		      size_t up, size_t down, size_t total, const char *where);
/* "Whiskers: 95% confidence intervals over 20 replications, simulation
 * noise only (replications), not uncertainty in the assumptions." (noise:
 * with run.json's interval note), or "One replication: no confidence
 * interval ...". */
void plot_ci_note(const struct plot_results *r, const char *what, int noise, char *buf, size_t len);

/* ---- the board panels, shared by their charts and the board page ---- */

/* Each draws the scenarios sel[0..n_sel) (indices into r, rising), or all
 * of them when sel is NULL; compact is the board's smaller form. */
struct plot_selection {
	const size_t *sel;
	size_t n;
};
#define PLOT_ALL(r) ((struct plot_selection){NULL, (r)->n_scen})
static inline size_t plot_sel(const struct plot_selection *q, size_t i)
{
	return q->sel ? q->sel[i] : i;
}

void plot_kpi_table(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		    struct plot_selection q);
/* Rows of the KPI table that fit in area, and the height n rows take, their
 * lines 4 pt apart or (tight 1) 2 pt or (tight 2) touching; the table
 * spreads its rows within these limits over the height it is given. */
size_t plot_kpi_table_capacity(struct chart_page *pg, const struct plot_rect *area);
double plot_kpi_table_height(struct chart_page *pg, size_t n, int tight);
void plot_scatter_body(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		       int compact, struct plot_selection q);
void plot_cost_body(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area, int compact,
		    struct plot_selection q);
/* The least height of the compact cost body for q: its bars row_pitch pt
 * apart, or its key column if that is taller. */
double plot_cost_compact_height(struct chart_page *pg, const struct plot_results *r, struct plot_selection q,
				double row_pitch);
void plot_effort_body(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		      struct plot_selection q);

/* Whether the cost-against-experience axes of q start above zero (bit 0
 * cost, bit 1 experience) and where (*x0, *y0, data units); and the
 * sentence that says so, appended to buf (nothing when neither is cut;
 * compact: the board's, without the starts). */
int plot_scatter_cut(const struct plot_results *r, struct plot_selection q, double *x0, double *y0);
void plot_scatter_cut_note(const struct plot_results *r, struct plot_selection q, int compact, char *buf, size_t len);

/* Chart titles, computed from the data (used by the charts and the board). */
void plot_scatter_title(const struct plot_results *r, char *buf, size_t len);
void plot_cost_title(const struct plot_results *r, char *buf, size_t len);

/* The cost components in stacking order, and their labels. */
extern const char *const plot_cost_parts[PLOT_COMPONENTS];
/* The effort causes. */
#define PLOT_CAUSES 8
extern const char *const plot_effort_causes[PLOT_CAUSES];

/* ---- time since the window start (time_axis.c): the charts of issue 15 ---- */

/* A horizontal axis over days [0, day_max] since the start of the measuring
 * window, ticked in whole years (a window of two years or more) or months;
 * title gets its axis title (naming the warm-up when warmup > 0). */
void plot_time_axis(struct plot_axis *a, double day_max, char *title, size_t len, double warmup);
/* "year 2" (period k = 1 of 365 days), "quarter 3", "month 4", "period 5". */
void plot_period_name(char *buf, size_t len, double days, size_t k);
/* The path of v[0..n) at x[0..n) (days), broken where a value is missing. */
void plot_series_path(struct chart_page *pg, const double *x, const double *v, size_t n, const struct plot_axis *ax,
		      const struct plot_axis *ay);
/* Fills the band lo..hi (the current source), one piece per run of finite values. */
void plot_series_band(struct chart_page *pg, const double *x, const double *lo, const double *hi, size_t n,
		      const struct plot_axis *ax, const struct plot_axis *ay);
/* Strokes the current path in scenario scen's colour and dash. */
void plot_series_stroke(struct chart_page *pg, size_t scen, double width);

/* A span of days as a board reads it, the unit picked by the largest of
 * day and hi: "45 days", "14 months", "2.5 years"; with an interval
 * "14 months (11–18)". hi NaN: "14 months (11 to beyond the horizon)". */
const char *plot_span_text(char *buf, size_t len, double day, double lo, double hi);
/* "pays back in 14 months (11–18)", "is not shown to pay back within the
 * horizon (the mean turns positive after 14 months)", "does not pay back
 * within the horizon". */
const char *plot_payback_phrase(char *buf, size_t len, const struct plot_payback *p);
/* Titles of the charts over time, from the data (tests check them). */
void plot_periods_title(const struct plot_results *r, char *buf, size_t len);
void plot_payback_title(const struct plot_results *r, char *buf, size_t len);
/* The board's payback line: "When does it pay? Against siloed: Chief customer
 * officer pays back in 21 months (18–26); CMO shadow IT does not pay back
 * within the horizon."; with more than two models (or brief) those shown
 * to pay back, soonest first, and "the other models are not shown to pay
 * back within the horizon"; brief 2: the first and how many ("Payback vs
 * siloed: Head of journeys first, 16 months (14–20); 3 of 6 pay back.").
 * "" when no scenario has a payback. */
void plot_payback_line(const struct plot_results *r, int brief, char *buf, size_t len);

/* ---- chart draw functions (one file each), listed in registry.c ---- */

int chart_kpi_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_scatter_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_sankey_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_distributions_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_sweep_lines_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_heatmap_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_tornado_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_cost_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_timeseries_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_board_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_waterfall_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_periods_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_payback_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_debt_defects_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
/* Drawn only from a folder with periods.csv (or cumulative.csv / payback.days for the payback). */
int chart_periods_available(const struct chart_inputs *in);
int chart_payback_available(const struct chart_inputs *in);
int chart_sweep_lines_available(const struct chart_inputs *in);
int chart_heatmap_available(const struct chart_inputs *in);
int chart_tornado_available(const struct chart_inputs *in);

/* ---- a decide folder (decide_data.c) and its charts ---- */

struct plot_decide_row {
	char scenario[64], label[128];
	double expected, p05, p95, noise_halfwidth, p_best, p_beats_baseline, expected_loss; /* NaN when empty */
};

enum plot_evppi_kind { PLOT_EVPPI_PARAMETER, PLOT_EVPPI_GROUP, PLOT_EVPPI_ALL };

struct plot_evppi_row {
	char parameter[160], label[160];
	enum plot_evppi_kind kind;
	double evppi, share, se; /* se NaN unless evppi.csv has the column */
};

struct plot_decide {
	char dir[1024];
	struct plot_run run;         /* manifest.json: config, seed, currency, replications per world, ... */
	struct plot_objective objective;
	char unit[64];               /* the objective's unit, "EUR/year" */
	double worlds;               /* manifest "worlds" (NaN when absent) */
	double evpi, noise_share;    /* manifest; evpi falls back to evppi.csv's (all) */
	int noise_warning;
	size_t n_priors;
	double experience_weight;    /* the objective's own weight on experience.mean, money/year per point */
	size_t n_scen;
	struct plot_decide_row *row; /* [n_scen], decision.csv order (scenario 0: the baseline) */
	double *rank_prob;           /* [s * n_scen + rank - 1], NaN where ranks.csv has no row */
	size_t n_lambda;
	double *lambda, *accept;     /* [n_lambda], [k * n_scen + s] */
	size_t n_evppi;
	struct plot_evppi_row *evppi; /* file order: parameters, groups, (all) */
};

/* Reads DIR/decision.csv, ranks.csv, acceptability.csv, evppi.csv and
 * manifest.json, all required (EX_NOINPUT naming the missing one). */
int plot_decide_load(struct plot_decide *d, const char *dir, struct js_error *err);
void plot_decide_free(struct plot_decide *d);
/* The scenario with the best expected value (by the objective's direction). */
size_t plot_decide_best_expected(const struct plot_decide *d);
/* Scenarios by p_best, highest first (ties: expected value by the objective's direction). */
void plot_decide_order(const struct plot_decide *d, size_t *idx);
/* The answer, as the decision charts and the board title it: "Customer
 * council is best in 63% of plausible worlds", "No model is best in most
 * plausible worlds: ...", "Customer council wins: best in 97% ..." (only at
 * p_best >= 0.95, and never under the manifest's noise warning). */
void plot_decide_title(const struct plot_decide *d, char *buf, size_t len);
/* A probability as a board reads it: "63%", "<1%", ">99%", "0%". */
const char *plot_fmt_prob(char *buf, size_t len, double p);
/* Money of the objective's unit: "€1.2M" (or the number with its unit). */
const char *plot_decide_value(const struct plot_decide *d, char *buf, size_t len, double v, int signed_);

/* The bodies, shared by each chart and the board (compact: the board's). */
void plot_decide_best_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r, int compact);
void plot_decide_ranks_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r,
			    int compact);
void plot_acceptability_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r,
			     int compact);
/* Returns the parameters shown (the rest are said in the note). */
size_t plot_evppi_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r, int compact);
void plot_decide_ranks_title(const struct plot_decide *d, char *buf, size_t len);
void plot_acceptability_title(const struct plot_decide *d, char *buf, size_t len);
void plot_evppi_title(const struct plot_decide *d, char *buf, size_t len);

int chart_decision_best_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_decision_ranks_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_acceptability_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_evppi_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);
int chart_decision_board_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err);

/* ---- rendering (render.c) ---- */

/* Draws chart t into a new ARGB image of width x height pixels (o's size
 * when 0), calling probe for checked marks. *out is the caller's. */
int plot_render_image(const struct chart_type *t, const struct chart_inputs *in, unsigned width, unsigned height,
		      plot_probe_fn probe, void *user, cairo_surface_t **out, struct js_error *err);
/* Page size in points for a PNG size (960 x 540 for 16:9), and the pixel scale. */
void plot_page_size(unsigned width, unsigned height, double *w_pt, double *h_pt, double *scale);
/* Rewrites the ids of a cairo SVG document so that they are numbered by
 * first appearance in this file. Returns a new heap buffer (length *out_len)
 * or NULL when out of memory. */
char *plot_svg_renumber(const char *svg, size_t len, size_t *out_len);

#endif
