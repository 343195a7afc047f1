/* chart_board.c - chart 10: the one-page board summary. The headline finding
 * as the title, then four panels in two columns: on the left the KPI table
 * (values and significant changes against the baseline) and under it what
 * the cost is made of, one bar per table row; on the right cost against
 * experience and where experience is lost (effort by cause). The table's
 * markers are the legend of the other three. Up to eight scenarios fit;
 * past that a subset, said in the footnote. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "plot.h"

static const char *const kpis[4] = {"experience.mean", "cost.total", "revenue.total", "margin"};
static const char *const heads[4] = {"Experience", "Cost", "Revenue", "Margin"};

/* Decimals of the experience column: one, or two where a significant change
 * would otherwise read as 0.0; the same for every row so the points align. */
static int experience_digits(const struct plot_results *r, struct plot_selection q)
{
	for (size_t i = 0; i < q.n; i++) {
		struct plot_stat d = plot_results_diff(r, plot_sel(&q, i), kpis[0]);
		if (plot_sel(&q, i) > 0 && plot_significant(&d) && fabs(d.mean) < 0.05)
			return 2;
	}
	return 1;
}

static void kpi_value(const struct plot_results *r, size_t k, double v, int digits, char *buf, size_t len)
{
	if (plot_unit_is_money(plot_results_unit(r, kpis[k]), r->run.currency))
		plot_fmt_money(buf, len, v, r->run.currency, 0);
	else
		plot_fmt(buf, len, v, digits);
}

/* The change against the baseline as the board reads it: points for
 * experience, % for cost and revenue, money for margin. Returns +1 better,
 * -1 worse (significant), 0 not significant or unknown. */
static int kpi_change(const struct plot_results *r, size_t s, size_t k, int digits, char *buf, size_t len)
{
	struct plot_stat d = plot_results_diff(r, s, kpis[k]), b = plot_results_get(r, 0, kpis[k]);
	char num[64];
	if (!isfinite(d.mean)) {
		snprintf(buf, len, "n/a");
		return 0;
	}
	if (!plot_significant(&d)) {
		snprintf(buf, len, "%s", r->have_diffs && plot_results_max_n(r) > 1 ? "n.s." : "");
		return 0;
	}
	if (k == 0) {
		snprintf(buf, len, "%s", plot_fmt_signed(num, sizeof num, d.mean, digits));
	} else if (k == 3 || !(fabs(b.mean) > 0)) {
		plot_fmt_money(buf, len, d.mean, r->run.currency, 1);
	} else {
		/* a significant change never reads as zero */
		double pct = d.mean / fabs(b.mean) * 100;
		snprintf(buf, len, "%s%%", plot_fmt_signed(num, sizeof num, pct, fabs(pct) < 0.5 ? 1 : 0));
	}
	return d.mean * metric_better_find(kpis[k]) > 0 ? 1 : -1;
}

static double head_height(struct chart_page *pg)
{
	return plot_line_height(pg, PLOT_FONT_VALUE_BOLD) + 8;
}

/* Rows are a line and 4 pt apart, closer (2 pt) when the area is short. */
static double row_height(struct chart_page *pg, int tight)
{
	return plot_line_height(pg, PLOT_FONT_VALUE) + (tight ? 2 : 4);
}

double plot_kpi_table_height(struct chart_page *pg, size_t n, int tight)
{
	return head_height(pg) + (double)n * row_height(pg, tight);
}

size_t plot_kpi_table_capacity(struct chart_page *pg, const struct plot_rect *area)
{
	double n = floor((area->h - head_height(pg)) / row_height(pg, 1) + 1e-9);
	return n < 2 ? 2 : (size_t)n;
}

void plot_kpi_table(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		    struct plot_selection q)
{
	/* the baseline's values, then each scenario's change against it */
	double lh = plot_line_height(pg, PLOT_FONT_VALUE), head_h = head_height(pg);
	size_t rows = q.n, fit = plot_kpi_table_capacity(pg, area);
	if (fit < rows)
		rows = fit - 1; /* the last line says how many are left out */
	double row_h = fmax(row_height(pg, 1), fmin(row_height(pg, 0), (area->h - head_h) / (double)(rows ? rows : 1)));
	int digits = experience_digits(r, q);
	/* each column as wide as its widest text; the names get the rest */
	char buf[96];
	double col_w[4], right[4], first_w = 0, used = 0;
	for (size_t k = 0; k < 4; k++) {
		col_w[k] = 0;
		for (size_t i = 0; i < rows; i++) {
			size_t s = plot_sel(&q, i);
			if (s == 0)
				kpi_value(r, k, plot_results_get(r, 0, kpis[k]).mean, digits, buf, sizeof buf);
			else
				kpi_change(r, s, k, digits, buf, sizeof buf);
			col_w[k] = fmax(col_w[k], plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, buf).w);
		}
		if (k == 0)
			first_w = col_w[k];
		col_w[k] = fmax(col_w[k], plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, heads[k]).w) + 14;
		used += col_w[k];
	}
	/* names may run on under the first heading, up to its widest value */
	double key_w = 2 * plot_theme.marker + 8, name_w = area->w - used - key_w - 4;
	double name_max = name_w + col_w[0] - first_w - 12;
	double x = area->x + key_w + name_w;
	for (size_t k = 0; k < 4; k++) {
		x += col_w[k];
		right[k] = x;
		plot_text(pg, PLOT_FONT_VALUE_BOLD, plot_theme.text, right[k], area->y, PLOT_RIGHT | PLOT_TOP, col_w[k], 1,
			  heads[k]);
	}
	plot_line(pg, area->x, area->y + head_h - 4, area->x + area->w, area->y + head_h - 4, plot_theme.axis,
		  plot_theme.axis_colour);
	for (size_t i = 0; i < rows; i++) {
		size_t s = plot_sel(&q, i);
		double y = area->y + head_h + (double)i * row_h + (row_h - lh) / 2;
		if (i == 1)
			plot_line(pg, area->x, y - (row_h - lh) / 2, area->x + area->w, y - (row_h - lh) / 2, plot_theme.grid,
				  plot_theme.text_muted);
		plot_probe(pg, "board.row", s, 0, area->x, y - (row_h - lh) / 2, area->w, row_h);
		/* the marker is the scenario's key in the other panels */
		plot_marker(pg, s, area->x + plot_theme.marker, y + lh / 2, plot_theme.marker * 0.85);
		char name[192];
		plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, area->x + key_w, y, PLOT_LEFT | PLOT_TOP, name_max, 1,
			  plot_text_abbreviate(pg, PLOT_FONT_VALUE, name_max, r->label[s], name, sizeof name));
		for (size_t k = 0; k < 4; k++) {
			if (s == 0) {
				kpi_value(r, k, plot_results_get(r, 0, kpis[k]).mean, digits, buf, sizeof buf);
				plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, right[k], y, PLOT_RIGHT | PLOT_TOP, col_w[k], 1, buf);
				continue;
			}
			int dir = kpi_change(r, s, k, digits, buf, sizeof buf);
			plot_text(pg, dir ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE,
				  dir > 0 ? plot_theme.positive : dir < 0 ? plot_theme.negative : plot_theme.text_muted, right[k], y,
				  PLOT_RIGHT | PLOT_TOP, col_w[k], 1, buf);
			plot_probe(pg, "board.change", s, k, right[k], y, 0, lh);
		}
	}
	if (rows < q.n) {
		snprintf(buf, sizeof buf, "and %zu more: see the KPI comparison chart", q.n - rows);
		plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, area->x + key_w, area->y + head_h + (double)rows * row_h,
			  PLOT_LEFT | PLOT_TOP, area->w - key_w, 1, buf);
	}
}

/* ---- the page ---- */

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
 * panel's eight causes and its axis; the cost panel's bars (no axis); the
 * scatter's axes. */
static double effort_need(struct chart_page *pg)
{
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	return panel_head(pg) + PLOT_CAUSES * (th + 0.5) + th + 8;
}

static double cost_need(struct chart_page *pg, size_t n)
{
	return panel_head(pg) + 2 + (double)n * plot_line_height(pg, PLOT_FONT_VALUE);
}

/* Two columns: the key figures and, under them, the cost breakdown, whose
 * rows follow the table's order; on the right cost against experience over
 * where experience is lost. The lower panels start on one line when both
 * still fit. Returns 0 when n scenarios do not fit body, even with the
 * table's rows closer together. */
static int board_layout(struct chart_page *pg, const struct plot_rect *body, size_t n, struct board_layout *l)
{
	double left_w = floor((body->w - plot_theme.gap) * 0.54), right_x = body->x + left_w + plot_theme.gap;
	double right_w = body->x + body->w - right_x, bottom = body->y + body->h;
	double split_r = bottom - fmax((body->h - GAP_Y) / 2, effort_need(pg));
	if (bottom - split_r < effort_need(pg) ||
	    split_r - GAP_Y - body->y < 4 * plot_line_height(pg, PLOT_FONT_TICK) + panel_head(pg))
		return 0;
	for (int tight = 0; tight < 2; tight++) {
		double split_l = body->y + panel_head(pg) + plot_kpi_table_height(pg, n, tight) + GAP_Y;
		if (bottom - split_l < cost_need(pg, n))
			continue;
		double s = fmax(split_l, split_r), sr = split_r;
		if (bottom - s >= effort_need(pg) && bottom - s >= cost_need(pg, n))
			split_l = sr = s;
		l->key = (struct plot_rect){body->x, body->y, left_w, split_l - GAP_Y - body->y};
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

int chart_board_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[1024], ci[256], base[160];
	plot_headline(r, title, sizeof title);
	plot_ci_note(r, "Whiskers", ci, sizeof ci);
	plot_in_sentence(base, sizeof base, r->label[0]);
	/* as many scenarios as the page holds legibly: the baseline and the
	 * headline scenario first, then file order */
	size_t sel[BOARD_MAX], n = r->n_scen < BOARD_MAX ? r->n_scen : BOARD_MAX;
	size_t head = plot_headline_scenario(r);
	struct plot_rect body;
	struct board_layout l;
	for (;; n--) {
		size_t m = 0;
		for (size_t s = 0; s < r->n_scen && m < n; s++)
			if (r->n_scen <= n || s == 0 || s == head || m + (head > s ? 1 : 0) < n)
				sel[m++] = s;
		if (r->n_scen > 1)
			snprintf(note, sizeof note,
				 "Bold: the 95%% interval of the paired difference vs %s excludes 0 (blue better, red worse; "
				 "n.s.: not significant). %s",
				 base, ci);
		else
			snprintf(note, sizeof note, "%s", ci);
		if (n < r->n_scen) {
			size_t len = strlen(note);
			snprintf(note + len, sizeof note - len, " Showing %zu of %zu scenarios.", n, r->n_scen);
		}
		plot_frame_measure(pg, in, title, note, &body);
		if (board_layout(pg, &body, n, &l) || n <= 1)
			break;
	}
	if (!board_layout(pg, &body, n, &l)) { /* a tiny page: share it evenly */
		l.key = plot_cell(&body, 2, 2, 0, plot_theme.gap);
		l.scatter = plot_cell(&body, 2, 2, 1, plot_theme.gap);
		l.cost = plot_cell(&body, 2, 2, 2, plot_theme.gap);
		l.effort = plot_cell(&body, 2, 2, 3, plot_theme.gap);
	}
	struct plot_selection q = {sel, n};
	plot_frame(pg, in, title, note, &body);

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
	a = panel(pg, 3, &l.effort, "Where experience is lost, points per customer");
	plot_effort_body(pg, r, &a, q);
	return 0;
}
