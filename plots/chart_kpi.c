/* chart_kpi.c - chart 1: the four headline KPIs (experience, cost, revenue,
 * margin) side by side, one row per scenario: a bar for the mean, a whisker
 * for its 95% interval, the baseline as a dashed reference line, and the
 * value in bold where it differs significantly from the baseline. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static const char *const kpis[] = {"experience.mean", "cost.total", "revenue.total", "margin"};
#define N_KPI 4

/* The value label of a KPI: money as "€27.0M", others with sensible decimals. */
static const char *value_text(const struct plot_results *r, const char *metric, double v, char *buf, size_t len)
{
	if (plot_unit_is_money(plot_results_unit(r, metric), r->run.currency))
		return plot_fmt_money(buf, len, v, r->run.currency, 0);
	return plot_fmt(buf, len, v, plot_digits_for(v) > 1 ? 1 : plot_digits_for(v));
}

/* Width of the scenario label column: the widest name, within limits. */
static double label_column(struct chart_page *pg, const struct plot_results *r, double max_w)
{
	double w = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_text_box b = plot_text_size(pg, PLOT_FONT_LABEL, max_w, 2, r->label[s]);
		if (b.w > w)
			w = b.w;
	}
	return w;
}

static void panel(struct chart_page *pg, const struct plot_results *r, size_t k, const struct plot_rect *area,
		  double rows_top, double rows_h)
{
	const char *metric = kpis[k];
	const char *unit = plot_results_unit(r, metric);
	char buf[96], name[64];
	double n = (double)r->n_scen, row_h = rows_h / n, bar_h = fmin(row_h * 0.62, 34);

	/* the range: zero, every mean and interval end */
	double lo = 0, hi = 0;
	int any = 0, negative = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_stat st = plot_results_get(r, s, metric);
		double v[3] = {st.mean, st.lo, st.hi};
		for (int q = 0; q < 3; q++)
			if (isfinite(v[q])) {
				lo = fmin(lo, v[q]);
				hi = fmax(hi, v[q]);
				any = 1;
				negative |= v[q] < 0;
			}
	}
	struct plot_axis ax;
	if (strncmp(unit, "points (0-10)", 13) == 0 && lo >= 0 && hi <= 10)
		lo = 0, hi = 10;
	plot_axis_setup(&ax, lo, hi, 4, unit);

	/* room for the value labels beside the bars */
	double label_w = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_stat st = plot_results_get(r, s, metric);
		struct plot_text_box b =
			plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, value_text(r, metric, st.mean, buf, sizeof buf));
		label_w = fmax(label_w, b.w);
	}
	ax.p0 = area->x + (negative ? label_w + 8 : 0);
	ax.p1 = area->x + area->w - label_w - 8;

	/* header: KPI name and unit */
	plot_metric_label(name, sizeof name, metric);
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, area->x, area->y, PLOT_LEFT | PLOT_TOP, area->w, 1, name);
	plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, area->x, area->y + plot_line_height(pg, PLOT_FONT_PANEL),
		  PLOT_LEFT | PLOT_TOP, area->w, 1, ax.scale.unit);

	double axis_y = rows_top + rows_h;
	if (!any) {
		struct plot_rect e = {area->x, rows_top, area->w, rows_h};
		plot_empty(pg, &e, "n/a: no values in summary.csv");
		return;
	}
	plot_axis_draw_x(pg, &ax, axis_y, rows_top);

	/* the baseline's mean as a reference line */
	struct plot_stat base = plot_results_get(r, 0, metric);
	if (isfinite(base.mean) && r->n_scen > 1) {
		double bx = plot_axis_map(&ax, base.mean);
		cairo_save(pg->cr);
		double dash[] = {4, 3};
		cairo_set_dash(pg->cr, dash, 2, 0);
		plot_line(pg, bx, rows_top, bx, axis_y, plot_theme.line_thin, plot_theme.text_muted);
		cairo_restore(pg->cr);
	}
	double x0 = plot_axis_map(&ax, 0);
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_stat st = plot_results_get(r, s, metric);
		double cy = rows_top + ((double)s + 0.5) * row_h;
		if (!isfinite(st.mean)) {
			plot_text(pg, PLOT_FONT_VALUE, plot_theme.text_muted, x0 + 4, cy, PLOT_LEFT | PLOT_MIDDLE, 0, 0,
				  "n/a");
			continue;
		}
		double x1 = plot_axis_map(&ax, st.mean);
		plot_scenario_fill(pg, s, fmin(x0, x1), cy - bar_h / 2, fabs(x1 - x0), bar_h);
		plot_probe(pg, "kpi.bar", s, k, fmin(x0, x1), cy - bar_h / 2, fabs(x1 - x0), bar_h);
		double wl = st.mean, wh = st.mean;
		if (isfinite(st.lo) && isfinite(st.hi)) {
			plot_whisker_h(pg, plot_axis_map(&ax, st.lo), plot_axis_map(&ax, st.hi), cy);
			wl = st.lo;
			wh = st.hi;
		}
		struct plot_stat d = plot_results_diff(r, s, metric);
		int bold = s > 0 && plot_significant(&d);
		value_text(r, metric, st.mean, buf, sizeof buf);
		if (st.mean >= 0)
			plot_text(pg, bold ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE, plot_theme.text,
				  fmax(plot_axis_map(&ax, wh), x1) + 6, cy, PLOT_LEFT | PLOT_MIDDLE, 0, 0, buf);
		else
			plot_text(pg, bold ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE, plot_theme.text,
				  fmin(plot_axis_map(&ax, wl), x1) - 6, cy, PLOT_RIGHT | PLOT_MIDDLE, 0, 0, buf);
	}
	/* the zero line over the bars' roots */
	if (lo < 0)
		plot_line(pg, x0, rows_top, x0, axis_y, plot_theme.axis, plot_theme.axis_colour);
}

int chart_kpi_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[768], ci[256], base[320], name[128];
	plot_headline(r, title, sizeof title);
	plot_ci_note(r, "Whiskers", 1, ci, sizeof ci);
	if (r->n_scen > 1 && r->have_diffs) {
		plot_in_sentence(name, sizeof name, r->label[0]);
		snprintf(base, sizeof base, " Bold: differs from %s (the 95%% interval of the paired difference excludes 0).",
			 name);
		snprintf(note, sizeof note, "%s%s", ci, base);
	} else {
		snprintf(note, sizeof note, "%s", ci);
	}
	struct plot_rect body;
	plot_frame(pg, in, title, note, &body);

	double lab_w = label_column(pg, r, fmin(200, body.w * 0.2));
	double header_h = plot_line_height(pg, PLOT_FONT_PANEL) + plot_line_height(pg, PLOT_FONT_TICK) + 10;
	double axis_h = plot_line_height(pg, PLOT_FONT_TICK) + 10;
	double rows_top = body.y + header_h, rows_h = body.h - header_h - axis_h;
	double row_h = rows_h / (double)r->n_scen;
	int lines = row_h >= 2 * plot_line_height(pg, PLOT_FONT_LABEL) + 4 ? 2 : 1;
	for (size_t s = 0; s < r->n_scen; s++)
		plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x + lab_w, rows_top + ((double)s + 0.5) * row_h,
			  PLOT_RIGHT | PLOT_MIDDLE, lab_w, lines, r->label[s]);
	struct plot_rect panels = {body.x + lab_w + 18, body.y, body.w - lab_w - 18, body.h};
	for (int k = 0; k < N_KPI; k++) {
		struct plot_rect c = plot_cell(&panels, 1, N_KPI, k, plot_theme.gap);
		panel(pg, r, (size_t)k, &c, rows_top, rows_h);
	}
	return 0;
}
