/* panel_effort.c - the board's "where experience is lost" panel: a dot plot
 * of the experience points each cause costs a customer, one row per cause,
 * one marker per scenario (markers that would overlap step into lanes just
 * above and below their row). */
#include <math.h>
#include <stdio.h>

#include "plot.h"

const char *const plot_effort_causes[PLOT_CAUSES] = {
	"experience.effort.wait",     "experience.effort.repeat", "experience.effort.inconsistent",
	"experience.effort.transfer", "experience.effort.error",  "experience.effort.unresolved",
	"experience.effort.defect",   "experience.effort.fast"};

static double value(const struct plot_results *r, size_t s, size_t k)
{
	return plot_results_get(r, s, plot_effort_causes[k]).mean;
}

void plot_effort_body(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		      struct plot_selection q)
{
	double lo = 0, hi = 0;
	int any = 0;
	for (size_t i = 0; i < q.n; i++)
		for (size_t k = 0, s = plot_sel(&q, i); k < PLOT_CAUSES; k++) {
			struct plot_stat st = plot_results_get(r, s, plot_effort_causes[k]);
			if (isfinite(st.mean))
				lo = fmin(lo, st.mean), hi = fmax(hi, st.mean), any = 1;
		}
	if (!any) {
		plot_empty(pg, area, "No experience.effort.* metrics in summary.csv");
		return;
	}
	struct plot_axis ax;
	double pad = (hi - lo) * 0.06; /* the data and zero, not up to the next round tick */
	plot_axis_fit(&ax, lo - pad, hi + pad, 5, "");
	double lab_w = 0;
	char name[64];
	for (size_t k = 0; k < PLOT_CAUSES; k++)
		lab_w = fmax(lab_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, plot_metric_label(name, sizeof name,
											 plot_effort_causes[k])).w);
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	ax.p0 = area->x + lab_w + 12;
	ax.p1 = area->x + area->w - 6;
	double axis_y = area->y + area->h - th - 8;
	double row_h = (axis_y - area->y) / PLOT_CAUSES, rad = plot_theme.marker * 0.8;
	plot_axis_draw_x(pg, &ax, axis_y, area->y);
	double x0 = plot_axis_map(&ax, 0);
	plot_line(pg, x0, area->y, x0, axis_y, plot_theme.axis, plot_theme.axis_colour);
	for (size_t k = 0; k < PLOT_CAUSES; k++) {
		double cy = area->y + ((double)k + 0.5) * row_h;
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text, area->x + lab_w, cy, PLOT_RIGHT | PLOT_MIDDLE, 0, 0,
			  plot_metric_label(name, sizeof name, plot_effort_causes[k]));
		plot_line(pg, ax.p0, cy, ax.p1, cy, plot_theme.grid, plot_theme.grid_colour);
		/* markers that would sit on each other step into lanes just above
		 * and below the line, in the order of their values */
		size_t order[64], m = 0;
		for (size_t i = 0; i < q.n && m < 64; i++)
			if (isfinite(plot_results_get(r, plot_sel(&q, i), plot_effort_causes[k]).mean))
				order[m++] = plot_sel(&q, i);
		for (size_t a = 1; a < m; a++) /* insertion sort by value, stable */
			for (size_t b = a; b > 0 && value(r, order[b], k) < value(r, order[b - 1], k); b--) {
				size_t t = order[b];
				order[b] = order[b - 1];
				order[b - 1] = t;
			}
		double lane_x[3] = {-INFINITY, -INFINITY, -INFINITY}, lane_dy = fmin(row_h * 0.28, 5);
		const double lane[3] = {0, -1, 1};
		for (size_t i = 0; i < m; i++) {
			size_t s = order[i];
			double x = plot_axis_map(&ax, value(r, s, k));
			int pick = -1; /* the first free lane, the middle first; else the freest */
			for (int l = 0; l < 3 && pick < 0; l++)
				if (x - lane_x[l] >= 2 * rad)
					pick = l;
			if (pick < 0)
				pick = lane_x[1] < lane_x[0] ? (lane_x[2] < lane_x[1] ? 2 : 1) : (lane_x[2] < lane_x[0] ? 2 : 0);
			lane_x[pick] = x;
			plot_marker(pg, s, x, cy + lane[pick] * lane_dy, rad);
			plot_probe(pg, "effort.dot", s, k, x, cy + lane[pick] * lane_dy, 0, 0);
		}
	}
}
