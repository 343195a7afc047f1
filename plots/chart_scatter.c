/* chart_scatter.c - chart 2: cost against experience. Each scenario is a
 * point with 95% whiskers both ways and its name beside it; the efficient
 * frontier (no other scenario is cheaper and better) is a dashed line. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define X_METRIC "cost.total"
#define Y_METRIC "experience.mean"
#define MAX_SCEN 64

/* Scenario s's cost (x) and experience (y); 0 when either mean is missing. */
static int point_of(const struct plot_results *r, size_t s, struct plot_stat *x, struct plot_stat *y)
{
	*x = plot_results_get(r, s, X_METRIC);
	*y = plot_results_get(r, s, Y_METRIC);
	return isfinite(x->mean) && isfinite(y->mean);
}

/* Where scenario s's means sit on the page. */
static void page_of(const struct plot_results *r, size_t s, const struct plot_axis *ax, const struct plot_axis *ay,
		    double *px, double *py)
{
	*px = plot_axis_map(ax, plot_results_get(r, s, X_METRIC).mean);
	*py = plot_axis_map(ay, plot_results_get(r, s, Y_METRIC).mean);
}

/* Frontier members by rising cost: each has better experience than every
 * cheaper scenario. Returns their count; idx[] holds scenario indices. */
static size_t frontier(const struct plot_results *r, struct plot_selection q, size_t *idx)
{
	size_t order[MAX_SCEN], n = 0;
	for (size_t i = 0; i < q.n && n < MAX_SCEN; i++) {
		size_t s = plot_sel(&q, i);
		struct plot_stat x, y;
		if (point_of(r, s, &x, &y))
			order[n++] = s;
	}
	for (size_t a = 1; a < n; a++) /* insertion sort by cost, then by experience (better first) */
		for (size_t b = a; b > 0; b--) {
			double cb = plot_results_get(r, order[b], X_METRIC).mean;
			double ca = plot_results_get(r, order[b - 1], X_METRIC).mean;
			double eb = plot_results_get(r, order[b], Y_METRIC).mean;
			double ea = plot_results_get(r, order[b - 1], Y_METRIC).mean;
			if (cb < ca || (cb == ca && eb > ea)) {
				size_t t = order[b];
				order[b] = order[b - 1];
				order[b - 1] = t;
			} else {
				break;
			}
		}
	size_t k = 0;
	double best = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double e = plot_results_get(r, order[i], Y_METRIC).mean;
		if (e > best) {
			idx[k++] = order[i];
			best = e;
		}
	}
	return k;
}

static void list_names(const struct plot_results *r, const size_t *idx, size_t n, char *buf, size_t len)
{
	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		char name[160];
		plot_in_sentence(name, sizeof name, r->label[idx[i]]);
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", name);
	}
}

void plot_scatter_title(const struct plot_results *r, char *buf, size_t len)
{
	size_t idx[MAX_SCEN];
	size_t n = frontier(r, PLOT_ALL(r), idx);
	char base[160], parts[256] = "", names[512];
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (n == 0) {
		snprintf(buf, len, "Cost against experience: no scenario has both numbers");
		return;
	}
	if (r->n_scen == 1) {
		snprintf(buf, len, "%s: one scenario, no trade-off to show", r->label[0]);
		return;
	}
	if (n == 1 && idx[0] != 0) {
		struct plot_stat dx = plot_results_diff(r, idx[0], X_METRIC), dy = plot_results_diff(r, idx[0], Y_METRIC);
		if (plot_significant(&dx) && plot_significant(&dy) && dx.mean < 0 && dy.mean > 0) {
			plot_change_phrase(r, idx[0], Y_METRIC, "experience", parts, sizeof parts);
			plot_change_phrase(r, idx[0], X_METRIC, "cost", parts, sizeof parts);
			snprintf(buf, len, "%s is better and cheaper: %s vs %s", r->label[idx[0]], parts, base);
			return;
		}
	}
	if (n == 1) {
		snprintf(buf, len, "%s is the efficient frontier: nothing else is both cheaper and better on average",
			 r->label[idx[0]]);
		return;
	}
	if (n <= 3) {
		list_names(r, idx, n, names, sizeof names);
		/* capitalise the start of the sentence */
		if (names[0] >= 'a' && names[0] <= 'z')
			names[0] = (char)(names[0] - 'a' + 'A');
		snprintf(buf, len, "%s form the efficient frontier: nothing else is cheaper and better on average", names);
		return;
	}
	char cheap[160], best[160];
	plot_in_sentence(cheap, sizeof cheap, r->label[idx[0]]);
	plot_in_sentence(best, sizeof best, r->label[idx[n - 1]]);
	snprintf(buf, len, "%zu models form the efficient frontier, from %s (cheapest) to %s (best experience)", n, cheap,
		 best);
}

#define TAKEN_MAX (16 * MAX_SCEN)

/* Remembers a place labels should avoid. */
static void take(struct plot_rect *taken, size_t *n, double x, double y, double w, double h)
{
	if (*n < TAKEN_MAX)
		taken[(*n)++] = (struct plot_rect){x, y, w, h};
}

static int on_frontier(const size_t *idx, size_t nf, size_t s)
{
	for (size_t i = 0; i < nf; i++)
		if (idx[i] == s)
			return 1;
	return 0;
}

/* Overlap area of two rectangles. */
static double overlap(const struct plot_rect *a, const struct plot_rect *b)
{
	double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
	double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
	return w > 0 && h > 0 ? w * h : 0;
}

/* The range of the means and whiskers of the selected scenarios, and the
 * padding that keeps markers and labels inside; returns the points shown. */
static size_t data_range(const struct plot_results *r, struct plot_selection q, double *xlo_, double *xhi_,
			 double *ylo_, double *yhi_, double *px_, double *py_)
{
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
	size_t shown = 0;
	for (size_t i = 0; i < q.n; i++) {
		size_t s = plot_sel(&q, i);
		struct plot_stat x, y;
		if (!point_of(r, s, &x, &y))
			continue;
		shown++;
		double xv[3] = {x.mean, x.lo, x.hi}, yv[3] = {y.mean, y.lo, y.hi};
		for (int k = 0; k < 3; k++) {
			if (isfinite(xv[k]))
				xlo = fmin(xlo, xv[k]), xhi = fmax(xhi, xv[k]);
			if (isfinite(yv[k]))
				ylo = fmin(ylo, yv[k]), yhi = fmax(yhi, yv[k]);
		}
	}
	/* pad the data range so that markers and labels stay inside */
	double px = (xhi - xlo) * 0.12, py = (yhi - ylo) * 0.12;
	if (px <= 0)
		px = fabs(xhi) * 0.05 + 1e-9;
	if (py <= 0)
		py = fabs(yhi) * 0.05 + 0.1;
	*xlo_ = xlo, *xhi_ = xhi, *ylo_ = ylo, *yhi_ = yhi, *px_ = px, *py_ = py;
	return shown;
}

int plot_scatter_cut(const struct plot_results *r, struct plot_selection q, double *x0, double *y0)
{
	double xlo, xhi, ylo, yhi, px, py;
	*x0 = *y0 = NAN;
	if (!data_range(r, q, &xlo, &xhi, &ylo, &yhi, &px, &py))
		return 0;
	struct plot_axis ax, ay;
	plot_axis_setup(&ax, xlo - px, xhi + px, 6, plot_results_unit(r, X_METRIC));
	plot_axis_setup(&ay, ylo - py, yhi + py, 5, plot_results_unit(r, Y_METRIC));
	*x0 = ax.lo * ax.scale.div;
	*y0 = ay.lo * ay.scale.div;
	return (ax.lo > 0) | (ay.lo > 0) << 1;
}

void plot_scatter_cut_note(const struct plot_results *r, struct plot_selection q, int compact, char *buf, size_t len)
{
	double x0, y0;
	int cut = plot_scatter_cut(r, q, &x0, &y0);
	char a[64], b[64], what[160];
	size_t n = strlen(buf);
	if (!cut)
		return;
	if (compact) { /* the board's panel fits its axes to the data: no round start to quote */
		snprintf(buf + n, len - n, "%sCost against experience: %s cut (//), not from 0.", n ? " " : "",
			 cut == 3 ? "axes" : "axis");
		return;
	}
	plot_fmt_money(a, sizeof a, x0, r->run.currency, 0);
	plot_fmt(b, sizeof b, y0, plot_digits_for(y0) > 1 ? 2 : 1);
	if (cut == 3)
		snprintf(what, sizeof what, "cost starts at %s, experience at %s", a, b);
	else
		snprintf(what, sizeof what, "%s starts at %s", cut == 1 ? "cost" : "experience", cut == 1 ? a : b);
	snprintf(buf + n, len - n, "%s%s cut (//): %s, not 0, to show the differences.", n ? " " : "",
		 cut == 3 ? "Axes" : "Axis", what);
}

/* The mark of an axis that does not start at zero: a gap with two slashes
 * across the axis line at (x, y). */
static void break_mark(struct chart_page *pg, double x, double y, int horizontal)
{
	double g = 3.5, k = 7; /* half gap along the axis, half length across it */
	if (horizontal)
		plot_line(pg, x - g, y, x + g, y, plot_theme.axis * 4, plot_theme.background);
	else
		plot_line(pg, x, y - g, x, y + g, plot_theme.axis * 4, plot_theme.background);
	for (int side = -1; side <= 1; side += 2) {
		double c = side * g;
		if (horizontal)
			plot_line(pg, x + c - 3, y + k, x + c + 3, y - k, plot_theme.axis * 1.75, plot_theme.axis_colour);
		else
			plot_line(pg, x - k, y + c + 3, x + k, y + c - 3, plot_theme.axis * 1.75, plot_theme.axis_colour);
	}
}

void plot_scatter_body(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area, int compact,
		       struct plot_selection q)
{
	double xlo, xhi, ylo, yhi, px, py;
	if (!data_range(r, q, &xlo, &xhi, &ylo, &yhi, &px, &py)) {
		plot_empty(pg, area, "No scenario has both cost.total and experience.mean in summary.csv");
		return;
	}
	if (compact) { /* the small panel: room for a ringed point at each edge, in points */
		double ring_pt = 1.6 * plot_theme.marker + 7, th0 = plot_line_height(pg, PLOT_FONT_TICK);
		double w_pt = area->w - 70, h_pt = area->h - 2 * th0 - 24;
		if (w_pt > 4 * ring_pt)
			px = fmax(px, (xhi - xlo) * ring_pt / (w_pt - 2 * ring_pt));
		if (h_pt > 4 * ring_pt)
			py = fmax(py, (yhi - ylo) * ring_pt / (h_pt - 2 * ring_pt));
	}
	struct plot_axis ax, ay;
	if (compact) { /* the board's small panel: the padded data, not up to the next round tick */
		plot_axis_fit(&ax, xlo - px, xhi + px, 4, plot_results_unit(r, X_METRIC));
		plot_axis_fit(&ay, ylo - py, yhi + py, 4, plot_results_unit(r, Y_METRIC));
	} else {
		plot_axis_setup(&ax, xlo - px, xhi + px, 6, plot_results_unit(r, X_METRIC));
		plot_axis_setup(&ay, ylo - py, yhi + py, 5, plot_results_unit(r, Y_METRIC));
	}

	double lh = plot_line_height(pg, PLOT_FONT_LABEL), th = plot_line_height(pg, PLOT_FONT_TICK);
	/* compact (the board): the y title runs up the side to save a line */
	double yt_w = compact ? lh + 4 : 0;
	double left = area->x + yt_w + plot_axis_label_width(pg, &ay) + 10;
	double top = area->y + (compact ? 6 : lh + 8), bottom = area->y + area->h - th - 8 - lh - 4;
	ax.p0 = left;
	ax.p1 = area->x + area->w - 4;
	ay.p0 = bottom;
	ay.p1 = top;

	char label[160];
	snprintf(label, sizeof label, "Experience, %s", compact ? "points" : ay.scale.unit);
	/* a short panel: the label without its unit rather than over the title;
	 * it runs from the axis up, never above the panel's area */
	if (compact && plot_text_size(pg, PLOT_FONT_LABEL, 0, 0, label).w > bottom - area->y)
		snprintf(label, sizeof label, "Experience");
	if (compact) {
		double half = plot_text_size(pg, PLOT_FONT_LABEL, 0, 0, label).w / 2;
		plot_text_vertical(pg, PLOT_FONT_LABEL, plot_theme.text, area->x + lh / 2,
				   fmax((top + bottom) / 2, area->y + half), label);
	}
	else
		plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, area->x, area->y, PLOT_LEFT | PLOT_TOP, area->w, 1, label);
	snprintf(label, sizeof label, "Cost, %s", ax.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, (ax.p0 + ax.p1) / 2, area->y + area->h, PLOT_CENTER | PLOT_BOTTOM,
		  area->w, 1, label);
	plot_axis_draw_y(pg, &ay, left, ax.p1);
	plot_axis_draw_x(pg, &ax, bottom, -1);
	/* an axis that starts far from zero says so, with a break mark near
	 * its start (the footnote says where it starts) */
	if (ay.lo > 0) {
		plot_line(pg, left, bottom, left, top, plot_theme.axis, plot_theme.axis_colour);
		break_mark(pg, left, bottom - 16, 0);
	}
	if (ax.lo > 0)
		break_mark(pg, left + 16, bottom, 1);

	/* where "better" is: in the first corner that no point or whisker
	 * touches (bottom right, the worse corner, usually stays empty) */
	struct plot_rect note_box = {0, 0, 0, 0};
	if (!compact) {
		const char *better = "\xE2\x86\x96 better: cheaper, happier customers";
		struct plot_text_box b = plot_text_size(pg, PLOT_FONT_NOTE, 0, 0, better);
		const double corner[4][2] = {{ax.p1 - b.w - 8, bottom - b.h - 6}, {ax.p1 - b.w - 8, top + 4},
					     {left + 8, bottom - b.h - 6}, {left + 8, top + 4}};
		for (int c = 0; c < 4; c++) {
			struct plot_rect t = {corner[c][0] - 4, corner[c][1] - 4, b.w + 8, b.h + 8};
			int hit = 0;
			for (size_t i = 0; i < q.n && !hit; i++) {
				size_t s = plot_sel(&q, i);
				struct plot_stat x, y;
				if (!point_of(r, s, &x, &y))
					continue;
				double x0 = plot_axis_map(&ax, isfinite(x.lo) ? x.lo : x.mean) - 10;
				double x1 = plot_axis_map(&ax, isfinite(x.hi) ? x.hi : x.mean) + 10;
				double y0 = plot_axis_map(&ay, isfinite(y.hi) ? y.hi : y.mean) - 10;
				double y1 = plot_axis_map(&ay, isfinite(y.lo) ? y.lo : y.mean) + 10;
				struct plot_rect m = {x0, y0, x1 - x0, y1 - y0};
				hit = overlap(&t, &m) > 0;
			}
			if (!hit || c == 3) {
				plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, corner[c][0], corner[c][1],
					  PLOT_LEFT | PLOT_TOP, 0, 0, better);
				note_box = t;
				break;
			}
		}
	}

	/* the frontier */
	size_t idx[MAX_SCEN];
	size_t nf = frontier(r, q, idx);
	if (nf > 1) {
		cairo_save(pg->cr);
		double dash[] = {6, 4};
		cairo_set_dash(pg->cr, dash, 2, 0);
		plot_set_colour(pg, plot_theme.text_muted);
		cairo_set_line_width(pg->cr, plot_theme.line_thin * 1.4);
		for (size_t i = 0; i < nf; i++) {
			double x, y;
			page_of(r, idx[i], &ax, &ay, &x, &y);
			if (i == 0)
				cairo_move_to(pg->cr, x, y);
			else
				cairo_line_to(pg->cr, x, y);
		}
		cairo_stroke(pg->cr);
		cairo_restore(pg->cr);
	}

	/* frontier members are ringed */
	double ring = (compact ? 1.6 : 1.9) * plot_theme.marker + 3;
	for (size_t i = 0; i < nf && q.n > 1; i++) {
		double x, y;
		page_of(r, idx[i], &ax, &ay, &x, &y);
		cairo_new_path(pg->cr);
		cairo_arc(pg->cr, x, y, ring, 0, 2 * M_PI);
		plot_set_colour(pg, plot_theme.text_muted);
		cairo_set_line_width(pg->cr, plot_theme.line_thin);
		cairo_stroke(pg->cr);
	}

	/* whiskers, then markers on top */
	double rad = compact ? plot_theme.marker * 0.85 : plot_theme.marker * 1.15;
	struct plot_rect taken[TAKEN_MAX];
	size_t n_taken = 0;
	if (note_box.w > 0) /* labels keep off the note, */
		take(taken, &n_taken, note_box.x, note_box.y, note_box.w, note_box.h);
	/* the frontier line (sampled), */
	for (size_t i = 0; i + 1 < nf && q.n > 1; i++) {
		double x0, y0, x1, y1;
		page_of(r, idx[i], &ax, &ay, &x0, &y0);
		page_of(r, idx[i + 1], &ax, &ay, &x1, &y1);
		for (int k = 1; k < 10; k++)
			take(taken, &n_taken, x0 + (x1 - x0) * k / 10.0 - 3, y0 + (y1 - y0) * k / 10.0 - 3, 6, 6);
	}
	/* the points drawn, where they sit on the page */
	struct point {
		size_t s;
		struct plot_stat x, y;
		double cx, cy;
	} pts[MAX_SCEN];
	size_t np = 0;
	for (size_t i = 0; i < q.n && i < MAX_SCEN; i++) {
		struct point *pt = &pts[np];
		pt->s = plot_sel(&q, i);
		if (!point_of(r, pt->s, &pt->x, &pt->y))
			continue;
		pt->cx = plot_axis_map(&ax, pt->x.mean);
		pt->cy = plot_axis_map(&ay, pt->y.mean);
		np++;
	}
	for (size_t i = 0; i < np; i++) {
		size_t s = pts[i].s;
		struct plot_stat x = pts[i].x, y = pts[i].y;
		double cx = pts[i].cx, cy = pts[i].cy;
		plot_whisker_h(pg, plot_axis_map(&ax, x.lo), plot_axis_map(&ax, x.hi), cy);
		plot_whisker_v(pg, cx, plot_axis_map(&ay, y.lo), plot_axis_map(&ay, y.hi));
		/* the markers (with their rings) and whiskers */
		double rr = on_frontier(idx, nf, s) && q.n > 1 ? ring : rad + 2;
		take(taken, &n_taken, cx - rr, cy - rr, 2 * rr, 2 * rr);
		if (isfinite(x.lo) && isfinite(x.hi)) {
			double a = plot_axis_map(&ax, x.lo), b = plot_axis_map(&ax, x.hi);
			take(taken, &n_taken, fmin(a, b) - 2, cy - 5, fabs(b - a) + 4, 10);
		}
		if (isfinite(y.lo) && isfinite(y.hi)) {
			double a = plot_axis_map(&ay, y.lo), b = plot_axis_map(&ay, y.hi);
			take(taken, &n_taken, cx - 5, fmin(a, b) - 2, 10, fabs(b - a) + 4);
		}
	}
	for (size_t i = 0; i < np; i++) {
		size_t s = pts[i].s;
		double cx = pts[i].cx, cy = pts[i].cy;
		plot_marker(pg, s, cx, cy, rad);
		plot_probe(pg, "scatter.point", s, 0, cx - rad, cy - rad, 2 * rad, 2 * rad);
	}
	/* names beside the points, where they collide least (the board's table
	 * names the markers instead) */
	if (compact)
		return;
	double max_w = compact ? area->w * 0.36 : area->w * 0.28;
	struct plot_rect plot_area = {left, top, ax.p1 - left, bottom - top};
	for (size_t i = 0; i < np; i++) {
		size_t s = pts[i].s;
		double cx = pts[i].cx, cy = pts[i].cy;
		struct plot_text_box b = plot_text_size(pg, PLOT_FONT_LABEL, max_w, 2, r->label[s]);
		double d = (on_frontier(idx, nf, s) && q.n > 1 ? ring : rad) + 5;
		const double cand[8][2] = {{d, -b.h / 2},         {-d - b.w, -b.h / 2},    {-b.w / 2, -d - b.h},
					   {-b.w / 2, d},         {d * 0.7, -d * 0.7 - b.h}, {d * 0.7, d * 0.7},
					   {-d * 0.7 - b.w, -d * 0.7 - b.h}, {-d * 0.7 - b.w, d * 0.7}};
		double best = INFINITY;
		struct plot_rect pick = {cx + d, cy - b.h / 2, b.w, b.h};
		for (int c = 0; c < 8; c++) {
			struct plot_rect t = {cx + cand[c][0], cy + cand[c][1], b.w, b.h};
			double cost = c * 0.5; /* prefer the earlier positions */
			for (size_t k = 0; k < n_taken; k++)
				cost += overlap(&t, &taken[k]);
			/* outside the plot area is as bad as a collision */
			double inside = overlap(&t, &plot_area);
			cost += (t.w * t.h - inside) * 3;
			if (cost < best) {
				best = cost;
				pick = t;
			}
		}
		take(taken, &n_taken, pick.x, pick.y, pick.w, pick.h);
		plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, pick.x, pick.y, PLOT_LEFT | PLOT_TOP, max_w, 2,
			  r->label[s]);
	}
}

int chart_scatter_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[768], ci[256];
	plot_scatter_title(r, title, sizeof title);
	plot_ci_note(r, "Whiskers", 1, ci, sizeof ci);
	if (r->n_scen > 1)
		snprintf(note, sizeof note, "%s Ringed: the efficient frontier of the means (nothing else is both cheaper and better).",
			 ci);
	else
		snprintf(note, sizeof note, "%s", ci);
	plot_scatter_cut_note(r, PLOT_ALL(r), 0, note, sizeof note);
	struct plot_rect body;
	plot_frame(pg, in, title, note, &body);
	plot_scatter_body(pg, r, &body, 0, PLOT_ALL(r));
	return 0;
}
