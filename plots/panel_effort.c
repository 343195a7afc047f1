/* panel_effort.c - the board's "where experience is lost" panel: a dot plot
 * of the experience points each cause costs a customer, one row per cause,
 * one marker per scenario. */
#include <math.h>
#include <stdio.h>

#include "plot.h"

const char *const plot_effort_causes[PLOT_CAUSES] = {
	"experience.effort.wait",     "experience.effort.repeat", "experience.effort.inconsistent",
	"experience.effort.transfer", "experience.effort.error",  "experience.effort.unresolved",
	"experience.effort.defect",   "experience.effort.fast"};

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
	plot_axis_setup(&ax, lo, hi, 5, "");
	double lab_w = 0;
	char name[64];
	for (size_t k = 0; k < PLOT_CAUSES; k++)
		lab_w = fmax(lab_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, plot_metric_label(name, sizeof name,
											 plot_effort_causes[k])).w);
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	ax.p0 = area->x + lab_w + 12;
	ax.p1 = area->x + area->w - 6;
	double axis_y = area->y + area->h - th - 8;
	double row_h = (axis_y - area->y) / PLOT_CAUSES;
	plot_axis_draw_x(pg, &ax, axis_y, area->y);
	double x0 = plot_axis_map(&ax, 0);
	plot_line(pg, x0, area->y, x0, axis_y, plot_theme.axis, plot_theme.axis_colour);
	for (size_t k = 0; k < PLOT_CAUSES; k++) {
		double cy = area->y + ((double)k + 0.5) * row_h;
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text, area->x + lab_w, cy, PLOT_RIGHT | PLOT_MIDDLE, 0, 0,
			  plot_metric_label(name, sizeof name, plot_effort_causes[k]));
		plot_line(pg, ax.p0, cy, ax.p1, cy, plot_theme.grid, plot_theme.grid_colour);
		/* spread markers that sit on top of each other a little */
		for (size_t i = 0; i < q.n; i++) {
			size_t s = plot_sel(&q, i);
			struct plot_stat st = plot_results_get(r, s, plot_effort_causes[k]);
			if (!isfinite(st.mean))
				continue;
			double jitter = q.n > 1 ? ((double)i / (double)(q.n - 1) - 0.5) * fmin(row_h * 0.5, 10) : 0;
			plot_marker(pg, s, plot_axis_map(&ax, st.mean), cy + jitter, plot_theme.marker * 0.85);
			plot_probe(pg, "effort.dot", s, k, plot_axis_map(&ax, st.mean), cy + jitter, 0, 0);
		}
	}
}
