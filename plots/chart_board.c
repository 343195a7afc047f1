/* chart_board.c - chart 10: the one-page board summary. The headline finding
 * (the best on the objective and its gap to the runner-up) as the title, a
 * line saying what the objective is and how many key assumptions are still
 * defaults, then four panels in two columns: on the left the KPI table
 * (values and significant changes against the baseline) and under it what
 * the cost is made of, one bar per table row; on the right cost against
 * experience and where experience is lost (effort by cause). The table's
 * markers are the legend of the other three. Up to eight scenarios fit;
 * past that a subset, said in the footnote. The panels are drawn by
 * panel_kpi.c, chart_cost.c, chart_scatter.c and panel_effort.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

/* Scenarios one page shows; past that the baseline, the headline scenario
 * and the next in file order, and the footnote says so. */
#define BOARD_MAX 8
#define GAP_Y 16.0 /* between a panel and the one below, pt */

struct board_layout {
	struct plot_rect key, cost, scatter, effort; /* whole panels, titles included */
};

static double panel_head(struct chart_page *pg)
{
	return plot_line_height(pg, PLOT_FONT_PANEL) + 6;
}

/* The least heights that keep every label of a panel apart: the effort
 * panel's eight causes and its axis; the cost panel's bars (no axis) or its
 * key; the scatter's axes around a plot that holds its rotated title, or
 * at the least four lines. */
static double effort_need(struct chart_page *pg, int tight)
{
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	return panel_head(pg) + PLOT_CAUSES * (tight ? 0.85 * th : th + 0.5) + th + 8;
}

static double scatter_need(struct chart_page *pg, int comfortable)
{
	double th = plot_line_height(pg, PLOT_FONT_TICK), lh = plot_line_height(pg, PLOT_FONT_LABEL);
	double plot_h = comfortable ? plot_text_size(pg, PLOT_FONT_LABEL, 0, 0, "Experience, points").w + 16 : 4 * th;
	return panel_head(pg) + 6 + plot_h + th + 12 + lh;
}

/* Ways to fit the left column, the roomiest first: how close the table's
 * rows are (plot_kpi_table_height), the gap under the table, and the pitch
 * of the cost bars in lines of their totals. */
static const struct squeeze {
	int table;
	double gap, bars;
} squeezes[] = {{0, GAP_Y, 1}, {1, GAP_Y, 1}, {2, 12, 1}, {2, 10, 0.85}};

/* Two columns: the key figures and, under them, the cost breakdown, whose
 * rows follow the table's order; on the right cost against experience over
 * where experience is lost. The lower panels start on one line when both
 * still fit. The right column does not depend on the scenarios: its plot
 * gets what the effort panel leaves, up to a comfortable height first.
 * Returns 0 when q does not fit the left column even at its tightest, -1
 * when the page is too small for the right one. */
static int board_layout(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *body,
			struct plot_selection q, struct board_layout *l)
{
	double left_w = floor((body->w - plot_theme.gap) * 0.54), right_x = body->x + left_w + plot_theme.gap;
	double right_w = body->x + body->w - right_x, bottom = body->y + body->h;
	double effort_h = fmax(effort_need(pg, 0), fmin((body->h - GAP_Y) / 2, body->h - GAP_Y - scatter_need(pg, 1)));
	if (body->h - GAP_Y - effort_h < scatter_need(pg, 0)) /* the causes closer (their ink still apart) */
		effort_h = fmax(effort_need(pg, 1), body->h - GAP_Y - scatter_need(pg, 0));
	double split_r = bottom - effort_h;
	if (split_r - GAP_Y - body->y < scatter_need(pg, 0))
		return -1;
	double lh = plot_line_height(pg, PLOT_FONT_VALUE);
	for (size_t k = 0; k < sizeof squeezes / sizeof *squeezes; k++) {
		const struct squeeze *z = &squeezes[k];
		double cost_need = panel_head(pg) + plot_cost_compact_height(pg, r, q, z->bars * lh);
		double split_l = body->y + panel_head(pg) + plot_kpi_table_height(pg, q.n, z->table) + z->gap;
		if (bottom - split_l < cost_need)
			continue;
		double s = fmax(split_l, split_r), sr = split_r;
		if (bottom - s >= effort_h && bottom - s >= cost_need)
			split_l = sr = s;
		l->key = (struct plot_rect){body->x, body->y, left_w, split_l - z->gap - body->y};
		l->cost = (struct plot_rect){body->x, split_l, left_w, bottom - split_l};
		l->scatter = (struct plot_rect){right_x, body->y, right_w, sr - GAP_Y - body->y};
		l->effort = (struct plot_rect){right_x, sr, right_w, bottom - sr};
		return 1;
	}
	return 0;
}

/* Draws panel k's title and returns the area under it. */
static struct plot_rect panel(struct chart_page *pg, size_t k, const struct plot_rect *p, const char *title)
{
	double ph = panel_head(pg);
	plot_probe(pg, "board.panel", k, 0, p->x, p->y, p->w, p->h);
	char text[256];
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, p->x, p->y, PLOT_LEFT | PLOT_TOP, p->w, 1,
		  plot_text_abbreviate(pg, PLOT_FONT_PANEL, p->w, title, text, sizeof text));
	return (struct plot_rect){p->x, p->y + ph, p->w, p->h - ph};
}

/* "Objective: margin, higher is better · 14 of 20 key assumptions are
 * illustrative defaults", then a line for each scenario the run warned
 * about (or, brief, one sentence for all of them; 2, their names), where the board reads
 * them before the panels; older folders say
 * neither, so the default is named as such and the count left out. The
 * intervals' note goes with the whiskers in the footnote. */
static void board_facts(const struct plot_results *r, int brief, char *buf, size_t len)
{
	const struct plot_objective *o = &r->objective;
	int n = snprintf(buf, len, "Objective: %s, %s is better%s", o->text, o->better > 0 ? "higher" : "lower",
			 o->declared ? "" : " (the default)");
	if (n > 0 && (size_t)n < len && isfinite(r->assumptions_key) && isfinite(r->assumptions_defaults)) {
		char a[32], b[32];
		n += snprintf(buf + n, len - (size_t)n, " \xC2\xB7 %s of %s key assumptions are illustrative defaults",
			      plot_fmt(a, sizeof a, r->assumptions_defaults, 0), plot_fmt(b, sizeof b, r->assumptions_key, 0));
	}
	/* when the folder has a payback (issue 15): the board's "when does it pay?" */
	char pay[1024];
	plot_payback_line(r, brief, pay, sizeof pay);
	if (*pay && n > 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, " \xC2\xB7 %s", pay); /* on the same line: room for the panels */
	char warn[1536];
	if (n > 0 && (size_t)n < len && plot_warning_lines(r, brief, warn, sizeof warn))
		snprintf(buf + n, len - (size_t)n, "\n%s", warn);
}

/* The scenarios one page shows: all up to n, else the baseline, the best
 * on the objective and the runner-up, then file order. */
static size_t board_select(const struct plot_results *r, size_t n, size_t *sel)
{
	size_t head = plot_headline_scenario(r), next = plot_headline_runner_up(r), m = 0, keep = 0;
	for (size_t s = 1; s < r->n_scen; s++)
		keep += s == head || s == next;
	for (size_t s = 0; s < r->n_scen && m < n; s++) {
		int must = s == 0 || s == head || s == next;
		if (r->n_scen <= n || must || m + keep < n)
			sel[m++] = s;
		if (must && s > 0)
			keep--;
	}
	return m;
}

int chart_board_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[1024], ci[512], base[160], facts[2048];
	plot_headline(r, title, sizeof title);
	plot_ci_note(r, "Whiskers", 1, ci, sizeof ci);
	plot_in_sentence(base, sizeof base, r->label[0]);
	/* the warnings go under the subtitle, instead of the footnote */
	pg->warnings_shown = 1;
	pg->tool_top = 1; /* the footnote gets the page's width */
	double facts_w = pg->w - plot_theme.margin_left - plot_theme.margin_right, facts_h = 0;
	int facts_lines = 2 + 2 * (int)r->n_scen;
	/* every scenario up to eight: first with a line for each warning, then
	 * with the warnings in one sentence, then with only the names warned
	 * about; only then (more than eight, or a tiny page) fewer scenarios,
	 * which the footnote says */
	size_t sel[BOARD_MAX], n = r->n_scen < BOARD_MAX ? r->n_scen : BOARD_MAX;
	struct plot_rect body;
	struct board_layout l;
	int fit = 0;
	for (;; n--) {
		board_select(r, n, sel);
		if (r->n_scen > 1)
			snprintf(note, sizeof note,
				 "Bold: the 95%% interval of the paired difference vs %s excludes 0 (blue better, red worse). %s",
				 base, ci);
		else
			snprintf(note, sizeof note, "%s", ci);
		plot_scatter_cut_note(r, (struct plot_selection){sel, n}, 1, note, sizeof note);
		if (n < r->n_scen) {
			size_t len = strlen(note);
			snprintf(note + len, sizeof note - len, " Showing %zu of %zu scenarios.", n, r->n_scen);
		}
		for (int brief = 0; brief < 3 && fit <= 0; brief++) {
			if (brief && !r->n_warn && !plot_results_have_payback(r)) /* briefer warnings or payback */
				break;
			board_facts(r, brief, facts, sizeof facts);
			/* it takes part of the gap under the subtitle */
			facts_h = plot_text_size(pg, PLOT_FONT_NOTE, facts_w, facts_lines, facts).h - 4;
			plot_frame_measure(pg, in, title, note, &body);
			body.y += facts_h, body.h -= facts_h;
			fit = board_layout(pg, r, &body, (struct plot_selection){sel, n}, &l);
		}
		if (fit != 0 || n <= 1)
			break;
	}
	if (fit != 1) { /* a tiny page: share it evenly */
		l.key = plot_cell(&body, 2, 2, 0, plot_theme.gap);
		l.scatter = plot_cell(&body, 2, 2, 1, plot_theme.gap);
		l.cost = plot_cell(&body, 2, 2, 2, plot_theme.gap);
		l.effort = plot_cell(&body, 2, 2, 3, plot_theme.gap);
	}
	struct plot_selection q = {sel, n};
	plot_frame(pg, in, title, note, &body);
	plot_text(pg, PLOT_FONT_NOTE, plot_theme.text, body.x, body.y - 10, PLOT_LEFT | PLOT_TOP, facts_w, facts_lines,
		  facts);
	body.y += facts_h, body.h -= facts_h;

	char key_title[256];
	if (r->n_scen > 1)
		snprintf(key_title, sizeof key_title, "Key figures per year, change vs %s", base);
	else
		snprintf(key_title, sizeof key_title, "Key figures per year");
	/* probed as panels 0 to 3 */
	struct plot_rect a = panel(pg, 0, &l.key, key_title);
	plot_kpi_table(pg, r, &a, q);
	a = panel(pg, 1, &l.cost, "What the cost is made of, per year");
	plot_cost_body(pg, r, &a, 1, q);
	a = panel(pg, 2, &l.scatter, "Cost against experience");
	plot_scatter_body(pg, r, &a, 1, q);
	a = panel(pg, 3, &l.effort, "Where experience is lost, per customer-year");
	plot_effort_body(pg, r, &a, q);
	return 0;
}
