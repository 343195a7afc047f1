/* chart_sankey.c - chart 3: the journey as a flow (Sankey-style), one panel
 * per scenario on a common scale. Prospects become leads, wins, deliveries
 * and retained customers; grey ribbons leave where customers leak (no lead,
 * lost in sales, dropped at a handoff, churned); an arc above the band shows
 * lost leads returned to nurture. Counts are customers since day 0. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define COLS 5
#define NODE_W 8.0

enum { F_ARRIVED, F_NO_LEAD, F_LEADS, F_LOST, F_NURTURED, F_DROPPED, F_WINS, F_DELIVERED, F_RENEWED, F_CHURNED, F_N };
static const char *const flow_names[F_N] = {"flow.arrived", "flow.no_lead", "flow.leads",     "flow.lost",
					    "flow.nurtured", "flow.dropped", "flow.wins",     "flow.delivered",
					    "flow.renewed",  "flow.churned"};
static const char *const stage_names[COLS] = {"Prospects", "Leads", "Wins", "Delivered", "Retained"};
static const char *const leak_names[COLS - 1] = {"No lead", "Lost", "Dropped", "Churned"};

struct flows {
	double v[F_N];
	double main[COLS]; /* node sizes along the band */
	double pass[COLS - 1]; /* from main node i to main node i + 1 */
	double leak[COLS - 1]; /* from main node i to its leak */
};

static double clamp0(double x)
{
	return isfinite(x) && x > 0 ? x : 0;
}

static int get_flows(const struct plot_results *r, size_t s, struct flows *f)
{
	for (int k = 0; k < F_N; k++)
		f->v[k] = clamp0(plot_results_get(r, s, flow_names[k]).mean);
	double *v = f->v;
	if (!(v[F_ARRIVED] > 0))
		return -1;
	double retained = clamp0(v[F_DELIVERED] - v[F_CHURNED]);
	f->main[0] = v[F_ARRIVED];
	f->main[1] = v[F_LEADS] > 0 ? v[F_LEADS] : clamp0(v[F_ARRIVED] - v[F_NO_LEAD]) + v[F_NURTURED];
	f->main[2] = v[F_WINS];
	f->main[3] = v[F_DELIVERED];
	f->main[4] = retained;
	f->pass[0] = fmin(clamp0(v[F_ARRIVED] - v[F_NO_LEAD]), f->main[1]);
	f->leak[0] = fmin(v[F_NO_LEAD], f->main[0]);
	f->pass[1] = fmin(v[F_WINS], f->main[1]);
	f->leak[1] = fmin(clamp0(v[F_LOST] - v[F_NURTURED]), clamp0(f->main[1] - f->pass[1]));
	f->pass[2] = fmin(v[F_DELIVERED], f->main[2]);
	f->leak[2] = fmin(v[F_DROPPED], clamp0(f->main[2] - f->pass[2]) + v[F_DROPPED]);
	f->pass[3] = fmin(retained, f->main[3]);
	f->leak[3] = fmin(v[F_CHURNED], f->main[3]);
	return 0;
}

/* "73.1k", "950", "1.2M". */
static const char *count_text(char *buf, size_t len, double v)
{
	char num[48];
	if (v >= 1e6)
		snprintf(buf, len, "%sM", plot_fmt(num, sizeof num, v / 1e6, 1));
	else if (v >= 1e4)
		snprintf(buf, len, "%sk", plot_fmt(num, sizeof num, v / 1e3, 1));
	else
		plot_fmt(buf, len, v, 0);
	return buf;
}

static void ribbon(struct chart_page *pg, double x0, double a0, double a1, double x1, double b0, double b1,
		   struct plot_rgb c, double alpha)
{
	cairo_t *cr = pg->cr;
	double xm = (x0 + x1) / 2;
	cairo_new_path(cr);
	cairo_move_to(cr, x0, a0);
	cairo_curve_to(cr, xm, a0, xm, b0, x1, b0);
	cairo_line_to(cr, x1, b1);
	cairo_curve_to(cr, xm, b1, xm, a1, x0, a1);
	cairo_close_path(cr);
	plot_set_colour_alpha(pg, c, alpha);
	cairo_fill(cr);
}

/* A column's height in customers (its node and the leak below it), to find
 * the scale; the gap between them is added in points. */
static double column_need(const struct flows *f, int i)
{
	return i == 0 ? f->main[0] : f->main[i] + f->leak[i - 1];
}

/* Detail levels: 2 a big panel (every label, renewals, the nurture count),
 * 1 a medium one (counts and leak shares), 0 a small one (the shape and the
 * retained count; stage names once above all panels). */
static void draw_panel(struct chart_page *pg, const struct plot_results *r, size_t s, const struct plot_rect *a,
		       double k, int detail)
{
	struct flows f;
	char buf[96], num[48], pct[48];
	double lh = plot_line_height(pg, PLOT_FONT_TICK);
	if (get_flows(r, s, &f) < 0) {
		plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w, 1, r->label[s]);
		struct plot_rect e = {a->x, a->y + 26, a->w, a->h - 26};
		plot_empty(pg, &e, "No flow counts");
		return;
	}
	snprintf(buf, sizeof buf, "%s%% %s", plot_fmt(num, sizeof num, f.v[F_WINS] / f.v[F_ARRIVED] * 100, 1),
		 detail ? "of prospects won" : "won");
	double won_w = plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, a->x + a->w, a->y + 3, PLOT_RIGHT | PLOT_TOP,
				 a->w * 0.45, 1, buf).w;
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w - won_w - 10, 1,
		  r->label[s]);

	double head = plot_line_height(pg, PLOT_FONT_PANEL) + 4;
	/* the last column's labels need room on the right */
	char ren[48];
	count_text(num, sizeof num, f.main[COLS - 1]);
	snprintf(buf, sizeof buf, "%s renewals", count_text(ren, sizeof ren, f.v[F_RENEWED]));
	double label_w = fmax(plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, num).w,
			      detail == 2 ? plot_text_size(pg, PLOT_FONT_TICK, 0, 0, buf).w : 0);
	if (detail)
		label_w = fmax(label_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, detail == 2 ? "Churned" : "100%").w);
	label_w += 8;
	double x[COLS];
	for (int i = 0; i < COLS; i++)
		x[i] = a->x + i * (a->w - label_w - NODE_W) / (COLS - 1);
	double col_w = x[1] - x[0] - NODE_W - 6;
	/* stage names as column heads, left-aligned on their nodes */
	double hy = a->y + head;
	for (int i = 0; i < COLS && detail; i++)
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, x[i], hy, PLOT_LEFT | PLOT_TOP,
			  i == COLS - 1 ? label_w + NODE_W : x[1] - x[0] - 4, 1, stage_names[i]);
	double loop_h = detail == 2 ? 36 : 16;
	double top = hy + (detail ? lh + 6 : 0) + loop_h, gap = detail ? 8 : 4;
	struct plot_rgb sc = plot_scenario_colour(s), leak = plot_theme.leak;

	double ytop[COLS], ybot[COLS], leak_top[COLS], leak_bot[COLS];
	for (int i = 0; i < COLS; i++) {
		ytop[i] = top;
		ybot[i] = top + fmax(f.main[i] * k, 1.5);
		if (i > 0) {
			leak_top[i] = ybot[i] + gap;
			leak_bot[i] = leak_top[i] + fmax(f.leak[i - 1] * k, 1.5);
		}
	}
	/* ribbons: main flow from the top of each node, the leak below it */
	for (int i = 0; i < COLS - 1; i++) {
		double out = ytop[i];
		double p = f.pass[i] * k, l = f.leak[i] * k;
		if (p > 0)
			ribbon(pg, x[i] + NODE_W, out, out + p, x[i + 1], ytop[i + 1],
			       ytop[i + 1] + fmin(p, ybot[i + 1] - ytop[i + 1]), sc, 0.35);
		if (l > 0)
			ribbon(pg, x[i] + NODE_W, out + p, out + p + l, x[i + 1], leak_top[i + 1], leak_top[i + 1] + l, leak,
			       0.8);
	}
	/* nodes */
	for (int i = 0; i < COLS; i++) {
		plot_fill_rect(pg, x[i], ytop[i], NODE_W, ybot[i] - ytop[i], sc);
		plot_probe(pg, "flow.node", s, (size_t)i, x[i], ytop[i], NODE_W, ybot[i] - ytop[i]);
		if (i > 0)
			plot_fill_rect(pg, x[i], leak_top[i], NODE_W, leak_bot[i] - leak_top[i], plot_theme.text_muted);
	}
	/* the nurture loop: an arc above the band from sales back to leads */
	double nu = f.v[F_NURTURED] * k;
	if (nu > 0.2) {
		cairo_t *cr = pg->cr;
		double xa = x[2] + NODE_W / 2, xb = x[1] + NODE_W / 2, ya = top - 2, peak = top - loop_h + 4;
		double wl = fmin(fmax(nu, 1.5), loop_h / 3);
		cairo_save(cr);
		cairo_new_path(cr);
		cairo_move_to(cr, xa, ya);
		cairo_curve_to(cr, xa, peak, xb, peak, xb, ya - 6);
		plot_set_colour_alpha(pg, sc, 0.6);
		cairo_set_line_width(cr, wl);
		cairo_stroke(cr);
		/* arrow head at the leads end */
		cairo_move_to(cr, xb - 5, ya - 7);
		cairo_line_to(cr, xb + 5, ya - 7);
		cairo_line_to(cr, xb, ya);
		cairo_close_path(cr);
		plot_set_colour(pg, sc);
		cairo_fill(cr);
		cairo_restore(cr);
		if (detail == 2) {
			/* the count inside the arc, between its apex and the band */
			double apex = ya + 0.75 * (peak - ya);
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, (xa + xb) / 2, apex + wl / 2 + 1,
				  PLOT_CENTER | PLOT_TOP, xa - xb - 8, 1, count_text(num, sizeof num, f.v[F_NURTURED]));
		}
	}
	/* labels right of the nodes; a leak label goes below its stage's */
	for (int i = detail ? 0 : COLS - 1; i < COLS; i++) {
		double lx = x[i] + NODE_W + 4, max_w = i == COLS - 1 ? label_w : col_w;
		double my = fmax((ytop[i] + ybot[i]) / 2 - lh / 2, ytop[i] - 2);
		plot_text(pg, PLOT_FONT_VALUE_BOLD, plot_theme.text, lx, my, PLOT_LEFT | PLOT_TOP, max_w, 1,
			  count_text(num, sizeof num, f.main[i]));
		double bottom = my + lh;
		if (i == COLS - 1 && detail == 2 && f.v[F_RENEWED] > 0) {
			snprintf(buf, sizeof buf, "%s renewals", count_text(ren, sizeof ren, f.v[F_RENEWED]));
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, lx, bottom, PLOT_LEFT | PLOT_TOP, max_w, 1, buf);
			bottom += lh;
		}
		if (i == 0 || !detail)
			continue;
		double lv = f.leak[i - 1], share = lv / f.v[F_ARRIVED];
		snprintf(pct, sizeof pct, "%s%%", plot_fmt(num, sizeof num, share * 100, share < 0.01 ? 1 : 0));
		int lines = detail == 2 ? 2 : 1;
		double ly = fmax((leak_top[i] + leak_bot[i]) / 2 - lines * lh / 2, bottom + 2);
		if (detail == 2) {
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, lx, ly, PLOT_LEFT | PLOT_TOP, max_w, 1,
				  leak_names[i - 1]);
			ly += lh;
		}
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, lx, ly, PLOT_LEFT | PLOT_TOP, max_w, 1, pct);
	}
}

static void sankey_title(const struct plot_results *r, char *buf, size_t len)
{
	struct flows f;
	char base[160], num[64], what[160] = "";
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (get_flows(r, 0, &f) < 0) {
		snprintf(buf, len, "Journey flow: no flow counts (flow.*) in summary.csv");
		return;
	}
	static const char *const leak_phrase[COLS - 1] = {"never become leads", "are lost in sales",
							   "are dropped at a handoff", "churn"};
	int big = 0;
	for (int i = 1; i < COLS - 1; i++)
		if (f.leak[i] > f.leak[big])
			big = i;
	snprintf(what, sizeof what, "%s%% of prospects %s", plot_fmt(num, sizeof num, f.leak[big] / f.v[F_ARRIVED] * 100, 0),
		 leak_phrase[big]);
	/* the scenario that wins most more customers, significantly */
	size_t pick = 0;
	double best = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_stat d = plot_results_diff(r, s, "flow.wins");
		if (plot_significant(&d) && d.mean > best)
			best = d.mean, pick = s;
	}
	if (pick) {
		char lower[160];
		plot_in_sentence(lower, sizeof lower, r->label[pick]);
		snprintf(buf, len, "%s in %s; %s wins %s%% more customers", what, base, lower,
			 plot_fmt(num, sizeof num, best / f.v[F_WINS] * 100, 0));
	} else if (r->n_scen > 1) {
		snprintf(buf, len, "%s in %s; no model wins significantly more customers", what, base);
	} else {
		snprintf(buf, len, "%s: %s", r->label[0], what);
	}
}

int chart_sankey_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512];
	sankey_title(r, title, sizeof title);
	struct plot_rect body;
	plot_frame(pg, in, title,
		   "Customers since day 0, mean over replications, one scale for every panel. Grey: where customers leave "
		   "(% of prospects). Arc: lost leads nurtured again.",
		   &body);
	int rows, cols;
	plot_grid_shape(r->n_scen, body.w, body.h, 2.4, &rows, &cols);
	double gapx = plot_theme.gap, gapy = 18;
	struct plot_rect c0 = plot_cell(&body, rows, cols, 0, gapx);
	c0.h = (body.h - gapy * (rows - 1)) / rows;
	int detail = c0.w >= 400 && c0.h >= 170 ? 2 : c0.w >= 300 ? 1 : 0;
	double lh = plot_line_height(pg, PLOT_FONT_TICK), head = plot_line_height(pg, PLOT_FONT_PANEL) + 4;
	if (detail == 0) {
		/* small panels: the stages named once, above them all */
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, body.x, body.y, PLOT_LEFT | PLOT_TOP, body.w, 1,
			  "Each panel, left to right: prospects \xE2\x86\x92 leads \xE2\x86\x92 wins \xE2\x86\x92 "
			  "delivered \xE2\x86\x92 retained (number: customers retained)");
		body.y += lh + 8;
		body.h -= lh + 8;
		c0 = plot_cell(&body, rows, cols, 0, gapx);
		c0.h = (body.h - gapy * (rows - 1)) / rows;
	}
	/* one scale: the tallest column of any scenario fills its panel */
	double avail = c0.h - head - (detail ? lh + 6 : 0) - (detail == 2 ? 36 : 16) - 10, need = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		struct flows f;
		if (get_flows(r, s, &f) < 0)
			continue;
		for (int i = 0; i < COLS; i++)
			need = fmax(need, column_need(&f, i));
	}
	double k = need > 0 ? (avail - 8) / need : 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		int row = (int)s / cols, col = (int)s % cols;
		struct plot_rect c = {body.x + col * (c0.w + gapx), body.y + row * (c0.h + gapy), c0.w, c0.h};
		draw_panel(pg, r, s, &c, k, detail);
	}
	return 0;
}
