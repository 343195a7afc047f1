/* chart_debt_defects.c - integration debt and open journey defects over
 * time, one line per model with its 95% band, in years since the start of
 * the measuring window: the series technology.debt and defects.open of
 * timeseries.csv (the warm-up left out), else the time-averages per period
 * of periods.csv at the middle of each period. The title names, for each
 * panel, the model with the largest significant change against the baseline. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static const struct {
	const char *series, *metric, *title, *word;
} panels[2] = {
	{"technology.debt", "technology.debt", "Integration debt", "integration debt"},
	{"defects.open", "defects.open_mean", "Open journey defects", "open defects"},
};

/* One model's curve of panel i in days since the window start: from
 * timeseries.csv, else periods.csv. n = 0 when neither has it. */
struct curve {
	size_t n;
	double *x, *mean, *lo, *hi;
};

static double warmup_of(const struct plot_results *r)
{
	return isfinite(r->run.warmup) && r->run.warmup > 0 ? r->run.warmup : 0;
}

/* Fills c from the series (days of the run, shifted to the window) or the
 * periods; x, mean, lo, hi point into buf (4 * cap doubles). */
static void curve_of(const struct plot_results *r, size_t s, size_t i, double *buf, size_t cap, struct curve *c)
{
	const struct plot_series *q = plot_results_series(r, s, panels[i].series);
	c->n = 0;
	c->x = buf, c->mean = buf + cap, c->lo = buf + 2 * cap, c->hi = buf + 3 * cap;
	double w = warmup_of(r);
	if (q) {
		for (size_t k = 0; k < q->n && c->n < cap; k++)
			if (q->day[k] >= w) {
				c->x[c->n] = q->day[k] - w;
				c->mean[c->n] = q->mean[k], c->lo[c->n] = q->lo[k], c->hi[c->n] = q->hi[k];
				c->n++;
			}
		if (c->n)
			return;
	}
	int m = plot_periods_metric(&r->per, panels[i].metric);
	for (size_t k = 0; m >= 0 && k < r->per.n && c->n < cap; k++) {
		struct plot_stat st = plot_periods_get(r, s, k, m, 0);
		c->x[c->n] = (r->per.start[k] + r->per.end[k]) / 2;
		c->mean[c->n] = st.mean, c->lo[c->n] = st.lo, c->hi[c->n] = st.hi;
		c->n++;
	}
}

static size_t cap_of(const struct plot_results *r)
{
	size_t cap = r->per.n;
	for (size_t s = 0; s < r->n_scen; s++)
		for (size_t i = 0; i < 2; i++) {
			const struct plot_series *q = plot_results_series(r, s, panels[i].series);
			if (q && q->n > cap)
				cap = q->n;
		}
	return cap ? cap : 1;
}

static const char *unit_of(const struct plot_results *r, size_t i)
{
	int m = plot_periods_metric(&r->per, panels[i].metric);
	const char *u = m >= 0 && r->per.unit[m] ? r->per.unit[m] : plot_results_unit(r, panels[i].metric);
	return *u ? u : i == 0 ? "share" : "defects";
}

static void panel(struct chart_page *pg, const struct plot_results *r, size_t i, const struct plot_rect *a,
		  double day_max, double *buf, size_t cap)
{
	double lh = plot_line_height(pg, PLOT_FONT_PANEL), th = plot_line_height(pg, PLOT_FONT_TICK);
	double llh = plot_line_height(pg, PLOT_FONT_LABEL);
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w * 0.6, 1, panels[i].title);
	struct plot_rect pr = {a->x, a->y + lh + 6, a->w, a->h - lh - 6};
	double ymax = 0;
	int any = 0;
	struct curve c;
	for (size_t s = 0; s < r->n_scen; s++) {
		curve_of(r, s, i, buf, cap, &c);
		for (size_t k = 0; k < c.n; k++) {
			double v[2] = {c.mean[k], c.hi[k]};
			for (int q = 0; q < 2; q++)
				if (isfinite(v[q]))
					ymax = fmax(ymax, v[q]), any = 1;
		}
	}
	if (!any) {
		char note[160];
		snprintf(note, sizeof note, "No %s in timeseries.csv or periods.csv", panels[i].series);
		plot_empty(pg, &pr, note);
		return;
	}
	/* a share (debt) always on 0-100 %: one scale whatever the source, and
	 * an all-zero curve does not get a 0-1 % axis that reads as 0-1 */
	if (strcmp(unit_of(r, i), "share") == 0)
		ymax = fmax(ymax, 1);
	struct plot_axis ax, ay;
	char xt[200];
	plot_axis_setup(&ay, 0, ymax, 5, unit_of(r, i));
	plot_probe(pg, "debt.axis", (size_t)i, 0, ay.lo, ay.hi, 0, 0);
	plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, a->x + a->w, a->y + 3, PLOT_RIGHT | PLOT_TOP, a->w * 0.4, 1,
		  *ay.scale.unit ? ay.scale.unit : unit_of(r, i));
	plot_time_axis(&ax, day_max, xt, sizeof xt, NAN);
	double left = a->x + plot_axis_label_width(pg, &ay) + 10, bottom = a->y + a->h - th - llh - 14;
	ax.p0 = left, ax.p1 = a->x + a->w - 8;
	ay.p0 = bottom, ay.p1 = pr.y + 4;
	plot_axis_draw_y(pg, &ay, left, ax.p1);
	plot_axis_draw_x(pg, &ax, bottom, -1);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, (ax.p0 + ax.p1) / 2, a->y + a->h, PLOT_CENTER | PLOT_BOTTOM,
		  ax.p1 - ax.p0, 1, strncmp(xt, "Years", 5) == 0 ? "Years since the start of the window" : "Months since the start of the window");
	cairo_t *cr = pg->cr;
	cairo_save(cr);
	cairo_rectangle(cr, ax.p0, ay.p1 - 2, ax.p1 - ax.p0, bottom - ay.p1 + 2);
	cairo_clip(cr);
	for (size_t s = 0; s < r->n_scen; s++) {
		curve_of(r, s, i, buf, cap, &c);
		plot_set_colour_alpha(pg, plot_scenario_colour(s), plot_theme.band_alpha);
		plot_series_band(pg, c.x, c.lo, c.hi, c.n, &ax, &ay);
	}
	for (size_t s = 0; s < r->n_scen; s++) {
		curve_of(r, s, i, buf, cap, &c);
		cairo_new_path(cr);
		plot_series_path(pg, c.x, c.mean, c.n, &ax, &ay);
		plot_series_stroke(pg, s, plot_theme.line);
		if (c.n)
			plot_probe(pg, "debt.line", s, i, plot_axis_map(&ax, c.x[c.n - 1]), plot_axis_map(&ay, c.mean[c.n - 1]), 0, 0);
	}
	cairo_restore(cr);
}

/* For each panel the model with the largest significant change against
 * the baseline (diffs.csv), in words: one model for both when it is the
 * same, else each its own. */
static void title_of(const struct plot_results *r, char *buf, size_t len)
{
	char base[160], part[2][256] = {"", ""};
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (r->n_scen < 2) {
		snprintf(buf, len, "%s: integration debt and open defects over the measuring window", r->label[0]);
		return;
	}
	size_t pick[2] = {0, 0};
	for (size_t i = 0; i < 2; i++) {
		double best = 0;
		for (size_t s = 1; s < r->n_scen; s++) {
			struct plot_stat d = plot_results_diff(r, s, panels[i].metric);
			if (plot_significant(&d) && fabs(d.mean) > best)
				best = fabs(d.mean), pick[i] = s;
		}
		if (pick[i])
			plot_change_phrase(r, pick[i], panels[i].metric, panels[i].word, part[i], sizeof part[i]);
	}
	if (!pick[0] && !pick[1])
		snprintf(buf, len, "No significant difference in integration debt or open defects vs %s", base);
	else if (pick[0] == pick[1])
		snprintf(buf, len, "%s: %s, %s vs %s", r->label[pick[0]], part[0], part[1], base);
	else if (pick[0] && pick[1])
		snprintf(buf, len, "%s: %s; %s: %s (vs %s)", r->label[pick[0]], part[0], r->label[pick[1]], part[1], base);
	else
		snprintf(buf, len, "%s: %s vs %s", r->label[pick[0] ? pick[0] : pick[1]], pick[0] ? part[0] : part[1], base);
}

int chart_debt_defects_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[1400], note[1024], ci[512], num[32], warm[96] = "", base[160];
	title_of(r, title, sizeof title);
	plot_in_sentence(base, sizeof base, r->label[0]);
	plot_ci_note(r, "Bands", 1, ci, sizeof ci);
	if (warmup_of(r) > 0)
		snprintf(warm, sizeof warm, " after the %s-day warm-up", plot_fmt(num, sizeof num, warmup_of(r), 0));
	snprintf(note, sizeof note,
		 "Day by day from the start of the measuring window%s (else each period's mean). Title: debt at the "
		 "horizon, open defects over the window, vs %s. %s",
		 warm, base, ci);
	pg->tool_top = 1;
	struct plot_rect body;
	plot_frame(pg, in, title, note, &body);
	size_t cap = cap_of(r);
	double day_max = r->per.n ? r->per.end[r->per.n - 1] : 0;
	if (isfinite(r->run.horizon))
		day_max = fmax(day_max, r->run.horizon - warmup_of(r));
	double buf[4 * cap];
	struct curve c;
	int any = 0;
	for (size_t s = 0; s < r->n_scen; s++)
		for (size_t i = 0; i < 2; i++) {
			curve_of(r, s, i, buf, cap, &c);
			any |= c.n > 0;
			if (c.n)
				day_max = fmax(day_max, c.x[c.n - 1]);
		}
	if (!any || !(day_max > 0)) {
		plot_empty(pg, &body, "No technology.debt or defects.open series (timeseries.csv) and no periods.csv");
		return 0;
	}
	double used = r->n_scen > 1 ? plot_legend(pg, body.x, body.y, body.w, r->label, r->n_scen, PLOT_KEY_LINE, 1) + 14
				    : 0;
	struct plot_rect grid = {body.x, body.y + used, body.w, body.h - used};
	for (size_t i = 0; i < 2; i++) {
		struct plot_rect cell = plot_cell(&grid, 1, 2, (int)i, plot_theme.gap);
		panel(pg, r, i, &cell, day_max, buf, cap);
	}
	return 0;
}
