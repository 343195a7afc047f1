/* chart_timeseries.c - chart 9: queues, work in progress and open defects
 * day by day. One panel per staffed stage (queue: thick line with its 95%
 * band; work in progress: thin line) and one for open journey defects; one
 * line per scenario; the warm-up shaded. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

struct ts_panel {
	const char *title, *queue, *wip, *unit;
};

static const struct ts_panel panels[4] = {
	{"Sales", "sales.queue", "sales.wip", "leads"},
	{"Delivery", "delivery.queue", "delivery.wip", "orders"},
	{"Service", "service.queue", "service.wip", "contacts"},
	{"Open journey defects", "defects.open", NULL, "defects"},
};

static void path_of(struct chart_page *pg, const struct plot_series *p, const struct plot_axis *ax,
		    const struct plot_axis *ay, const double *v)
{
	int pen = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (!isfinite(p->day[i]) || !isfinite(v[i])) {
			pen = 0;
			continue;
		}
		double x = plot_axis_map(ax, p->day[i]), y = plot_axis_map(ay, v[i]);
		if (pen)
			cairo_line_to(pg->cr, x, y);
		else
			cairo_move_to(pg->cr, x, y);
		pen = 1;
	}
}

static void band_of(struct chart_page *pg, const struct plot_series *p, const struct plot_axis *ax,
		    const struct plot_axis *ay)
{
	cairo_t *cr = pg->cr;
	size_t i = 0;
	while (i < p->n) {
		/* one band per run of finite intervals */
		size_t a = i;
		while (a < p->n && !(isfinite(p->lo[a]) && isfinite(p->hi[a]) && isfinite(p->day[a])))
			a++;
		size_t b = a;
		while (b < p->n && isfinite(p->lo[b]) && isfinite(p->hi[b]) && isfinite(p->day[b]))
			b++;
		if (b > a + 1) {
			cairo_new_path(cr);
			for (size_t k = a; k < b; k++)
				cairo_line_to(cr, plot_axis_map(ax, p->day[k]), plot_axis_map(ay, p->hi[k]));
			for (size_t k = b; k-- > a;)
				cairo_line_to(cr, plot_axis_map(ax, p->day[k]), plot_axis_map(ay, p->lo[k]));
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		i = b > a ? b : a + 1;
	}
}

static void panel(struct chart_page *pg, const struct plot_results *r, const struct ts_panel *tp,
		  const struct plot_rect *a, double day_max)
{
	char label[128];
	double lh = plot_line_height(pg, PLOT_FONT_PANEL), th = plot_line_height(pg, PLOT_FONT_TICK);
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w * 0.6, 1, tp->title);
	snprintf(label, sizeof label, "%s %s", tp->wip ? "queue and work in progress," : "open at once,", tp->unit);
	plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, a->x + a->w, a->y + 3, PLOT_RIGHT | PLOT_TOP, a->w * 0.55, 1,
		  label);
	double ymax = 0;
	int any = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		const char *names[2] = {tp->queue, tp->wip};
		for (int q = 0; q < 2; q++) {
			const struct plot_series *p = names[q] ? plot_results_series(r, s, names[q]) : NULL;
			for (size_t i = 0; p && i < p->n; i++) {
				double v[2] = {p->mean[i], p->hi[i]};
				for (int k = 0; k < 2; k++)
					if (isfinite(v[k]))
						ymax = fmax(ymax, v[k]), any = 1;
			}
		}
	}
	struct plot_rect plot_r = {a->x, a->y + lh + 6, a->w, a->h - lh - 6};
	if (!any) {
		snprintf(label, sizeof label, "No %s series in timeseries.csv", tp->queue);
		plot_empty(pg, &plot_r, label);
		return;
	}
	struct plot_axis ax, ay;
	plot_axis_setup(&ay, 0, ymax, 4, "");
	plot_axis_setup(&ax, 0, day_max, 6, "");
	plot_axis_tight(&ax, 0, day_max);
	double left = a->x + plot_axis_label_width(pg, &ay) + 10;
	double bottom = a->y + a->h - th - 8;
	ax.p0 = left;
	ax.p1 = a->x + a->w - 6;
	ay.p0 = bottom;
	ay.p1 = plot_r.y + 4;
	/* the warm-up, shaded */
	double warm = r->run.warmup;
	if (isfinite(warm) && warm > 0 && warm < ax.hi) {
		double x1 = plot_axis_map(&ax, warm);
		plot_fill_rect(pg, ax.p0, ay.p1, x1 - ax.p0, bottom - ay.p1, plot_theme.band_note);
		if (plot_text_size(pg, PLOT_FONT_TICK, 0, 0, "warm-up").w + 6 < x1 - ax.p0)
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, (ax.p0 + x1) / 2, ay.p1 + 2,
				  PLOT_CENTER | PLOT_TOP, 0, 0, "warm-up");
	}
	plot_axis_draw_y(pg, &ay, left, ax.p1);
	plot_axis_draw_x(pg, &ax, bottom, -1);
	cairo_t *cr = pg->cr;
	cairo_save(cr);
	cairo_rectangle(cr, ax.p0, ay.p1 - 2, ax.p1 - ax.p0, bottom - ay.p1 + 2);
	cairo_clip(cr);
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_rgb c = plot_scenario_colour(s);
		const struct plot_series *q = plot_results_series(r, s, tp->queue);
		const struct plot_series *w = tp->wip ? plot_results_series(r, s, tp->wip) : NULL;
		if (q) {
			plot_set_colour_alpha(pg, c, plot_theme.band_alpha);
			band_of(pg, q, &ax, &ay);
		}
		if (w) {
			cairo_new_path(cr);
			path_of(pg, w, &ax, &ay, w->mean);
			plot_set_colour_alpha(pg, c, 0.7);
			cairo_set_line_width(cr, plot_theme.line_thin);
			plot_set_dash(pg, s, plot_theme.line_thin);
			cairo_stroke(cr);
		}
		if (q) {
			cairo_new_path(cr);
			path_of(pg, q, &ax, &ay, q->mean);
			plot_set_colour(pg, c);
			cairo_set_line_width(cr, plot_theme.line);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
			plot_set_dash(pg, s, plot_theme.line);
			cairo_stroke(cr);
		}
	}
	cairo_restore(cr);
}

static void title_of(const struct plot_results *r, char *buf, size_t len)
{
	static const char *const metrics[] = {"sales.queue_mean", "delivery.queue_mean", "service.queue_mean",
					      "defects.open_mean"};
	static const char *const words[] = {"sales queue", "delivery queue", "service queue", "open defects"};
	char base[160], parts[256] = "";
	plot_in_sentence(base, sizeof base, r->label[0]);
	int any = 0;
	for (size_t k = 0; k < r->n_scen * r->n_series; k++)
		any |= r->ts[k].n > 0;
	if (!any) {
		snprintf(buf, len, "Queues over time: no time series (timeseries.csv is %s)",
			 r->have_timeseries ? "empty" : "missing");
		return;
	}
	size_t pick = 0;
	double best = 0;
	for (size_t s = 1; s < r->n_scen; s++)
		for (size_t k = 0; k < 4; k++) {
			struct plot_stat d = plot_results_diff(r, s, metrics[k]), b = plot_results_get(r, 0, metrics[k]);
			if (plot_significant(&d) && b.mean > 0 && fabs(d.mean) / b.mean > best)
				best = fabs(d.mean) / b.mean, pick = s;
		}
	if (r->n_scen == 1 || !pick) {
		if (!r->have_timeseries)
			snprintf(buf, len, "Queues over time: timeseries.csv is missing");
		else if (r->n_scen == 1)
			snprintf(buf, len, "%s: queues, work in progress and open defects over the run", r->label[0]);
		else
			snprintf(buf, len, "No significant difference in queue lengths or open defects vs %s", base);
		return;
	}
	/* its two largest significant changes, relative to the baseline */
	size_t order[4] = {0, 1, 2, 3};
	double rel[4];
	for (size_t k = 0; k < 4; k++) {
		struct plot_stat d = plot_results_diff(r, pick, metrics[k]), b = plot_results_get(r, 0, metrics[k]);
		rel[k] = plot_significant(&d) && b.mean > 0 ? fabs(d.mean) / b.mean : 0;
	}
	for (size_t a = 1; a < 4; a++)
		for (size_t b = a; b > 0 && rel[order[b]] > rel[order[b - 1]]; b--) {
			size_t t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	for (size_t k = 0, n = 0; k < 4 && n < 2; k++)
		if (rel[order[k]] > 0)
			n += (size_t)plot_change_phrase(r, pick, metrics[order[k]], words[order[k]], parts, sizeof parts);
	snprintf(buf, len, "%s: %s vs %s (time averages)", r->label[pick], parts, base);
}

/* The footnote: how to read the panels, and the warm-up when there is one. */
static void note_of(const struct plot_results *r, char *buf, size_t len)
{
	char num[64] = "", days[24];
	if (isfinite(r->run.warmup) && r->run.warmup > 0)
		snprintf(num, sizeof num, " Grey: the %s-day warm-up.", plot_fmt(days, sizeof days, r->run.warmup, 0));
	snprintf(buf, len, "Days since the start on the horizontal axes; means over replications, band: 95%% "
			   "confidence interval. Thick: queue; thin: work in progress (waiting or in service).%s",
		 num);
}

int chart_timeseries_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[512];
	title_of(r, title, sizeof title);
	note_of(r, note, sizeof note);
	struct plot_rect body;
	plot_frame(pg, in, title, note, &body);
	double day_max = 0;
	for (size_t k = 0; k < r->n_scen * r->n_series; k++)
		for (size_t i = 0; i < r->ts[k].n; i++)
			if (isfinite(r->ts[k].day[i]))
				day_max = fmax(day_max, r->ts[k].day[i]);
	if (!(day_max > 0)) {
		plot_empty(pg, &body, r->have_timeseries ? "timeseries.csv is empty: no time series to draw"
							 : "timeseries.csv is missing: no time series to draw");
		return 0;
	}
	double used = r->n_scen > 1 ? plot_legend(pg, body.x, body.y, body.w, r->label, r->n_scen, PLOT_KEY_LINE, 1) + 14
				    : 0;
	struct plot_rect grid = {body.x, body.y + used, body.w, body.h - used};
	for (int k = 0; k < 4; k++) {
		struct plot_rect c = plot_cell(&grid, 2, 2, k, plot_theme.gap);
		panel(pg, r, &panels[k], &c, day_max);
	}
	return 0;
}
