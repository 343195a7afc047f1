/* chart_periods.c - KPIs per period for each model (periods.csv): small
 * multiples of margin, cost, experience, customers, NPS and churn, one line
 * per scenario through the middle of each period with its 95% band, time in
 * years (or months) since the start of the measuring window. Money is shown
 * as a rate per year (the money of a period x 365 / its days), so a partial
 * last period, shaded and drawn with hollow markers, does not look like a
 * drop. The title claims a lead only where the paired difference of every
 * period from some point to the end excludes 0 (period_diffs.csv). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define YEAR 365.0
#define PANELS 6
#define MARKERS_MAX 12 /* periods up to which each gets a marker */

static const struct {
	const char *metric, *title;
} kpis[PANELS] = {
	{"margin", "Margin"},
	{"cost.total", "Cost"},
	{"experience.mean", "Experience"},
	{"customers.active", "Customers active"},
	{"experience.nps", "NPS"},
	{"renewal.churn", "Churn"},
};

int chart_periods_available(const struct chart_inputs *in)
{
	return in->res && in->res->per.have_periods && in->res->per.n > 0;
}

static int is_money(const struct plot_results *r, int m)
{
	return m >= 0 && plot_unit_is_money(r->per.unit[m], r->run.currency);
}

/* Money in period k as a rate per year; other metrics as they are. */
static double per_year(const struct plot_results *r, int m, size_t k, double v)
{
	double days = r->per.end[k] - r->per.start[k];
	return is_money(r, m) && days > 0 ? v * YEAR / days : v;
}

static double mid(const struct plot_results *r, size_t k)
{
	return (r->per.start[k] + r->per.end[k]) / 2;
}

/* The first period from which every period to the end has a paired
 * difference of sign `sign` (significant), or -1. */
static long lead_from(const struct plot_results *r, size_t s, int m, int sign)
{
	long from = -1;
	for (size_t k = r->per.n; k-- > 0;) {
		struct plot_stat d = plot_periods_get(r, s, k, m, 1);
		if (!plot_significant(&d) || d.mean * sign <= 0)
			break;
		from = (long)k;
	}
	return from;
}

/* "in quarter 1", "in quarters 1-3": the first n periods */
static void stretch_words(const struct plot_results *r, size_t n, char *buf, size_t len)
{
	char first[48], last[48];
	double days = r->per.end[0] - r->per.start[0];
	plot_period_name(first, sizeof first, days, 0);
	plot_period_name(last, sizeof last, days, n - 1);
	int word = (int)strcspn(first, " ");
	if (n == 1)
		snprintf(buf, len, "in %s", first);
	else
		snprintf(buf, len, "in %.*ss 1\xE2\x80\x93%s", word, first, last + strcspn(last, " ") + 1);
}

/* How many periods from the first have a significant paired difference
 * of one sign (set in *sign); 0 when the first has none. */
static size_t start_stretch(const struct plot_results *r, size_t s, int m, int *sign)
{
	size_t k = 0;
	*sign = 0;
	for (; k < r->per.n; k++) {
		struct plot_stat d = plot_periods_get(r, s, k, m, 1);
		int g = d.mean > 0 ? 1 : -1;
		if (!plot_significant(&d) || d.mean == 0 || (*sign && g != *sign))
			break;
		*sign = g;
	}
	return k;
}

/* "in every year", "from year 2 on" (every period to the end) */
static void from_words(const struct plot_results *r, long k, char *buf, size_t len)
{
	char name[48];
	plot_period_name(name, sizeof name, r->per.end[0] - r->per.start[0], (size_t)k);
	int word = (int)strcspn(name, " ");
	if (k == 0)
		snprintf(buf, len, "in every %.*s", word, name);
	else
		snprintf(buf, len, "from %s on", name);
}

void plot_periods_title(const struct plot_results *r, char *buf, size_t len)
{
	const struct plot_periods *p = &r->per;
	int m = plot_periods_metric(p, "margin");
	char base[160], b[160], wa[96], wb[96];
	if (!p->have_periods || !p->n) {
		snprintf(buf, len, "KPIs per period: periods.csv is missing");
		return;
	}
	if (r->n_scen < 2 || m < 0) {
		snprintf(buf, len, "%s: KPIs per period over the measuring window", r->label[0]);
		return;
	}
	if (!p->have_diffs) {
		snprintf(buf, len, "KPIs per period for each model (differences not tested: period_diffs.csv is missing)");
		return;
	}
	plot_in_sentence(base, sizeof base, r->label[0]);
	/* the earliest lasting lead, and the earliest lasting shortfall */
	long best[2] = {-1, -1};
	size_t who[2] = {0, 0};
	double gap[2] = {0, 0}; /* ties: the larger difference in the last period */
	for (size_t s = 1; s < r->n_scen; s++)
		for (int q = 0; q < 2; q++) {
			long k = lead_from(r, s, m, q ? -1 : 1);
			double g = k >= 0 ? fabs(plot_periods_get(r, s, p->n - 1, m, 1).mean) : 0;
			if (k >= 0 && (best[q] < 0 || k < best[q] || (k == best[q] && g > gap[q])))
				best[q] = k, who[q] = s, gap[q] = g;
		}
	if (best[0] < 0 && best[1] < 0) {
		/* no lasting lead, but a significant stretch at the start is true
		 * and worth saying (a move that costs its first quarters) */
		size_t run = 0, at = 0;
		int sign = 0;
		for (size_t s = 1; s < r->n_scen; s++) {
			int g = 0;
			size_t k = start_stretch(r, s, m, &g);
			if (k > run)
				run = k, at = s, sign = g;
		}
		if (run) {
			stretch_words(r, run, wa, sizeof wa);
			snprintf(buf, len, "%s: margin %s %s %s (significant), no lasting significant difference after",
				 r->label[at], sign > 0 ? "ahead of" : "behind", base, wa);
			return;
		}
		snprintf(buf, len, "Margin per period: no model is significantly ahead of or behind %s to the end of the window",
			 base);
		return;
	}
	if (best[0] >= 0)
		from_words(r, best[0], wa, sizeof wa);
	if (best[1] >= 0)
		from_words(r, best[1], wb, sizeof wb);
	if (best[0] >= 0 && best[1] >= 0) {
		plot_in_sentence(b, sizeof b, r->label[who[1]]);
		snprintf(buf, len, "%s earns more margin than %s %s; %s less %s", r->label[who[0]], base, wa, b, wb);
	} else {
		/* one lasting lead or shortfall: say too if it started the other way */
		int q = best[0] >= 0 ? 0 : 1, g = 0;
		char early[96];
		size_t n = start_stretch(r, who[q], m, &g);
		if (n && g == (q ? 1 : -1) && (long)n <= best[q]) {
			stretch_words(r, n, early, sizeof early);
			snprintf(buf, len, "%s earns %s margin than %s %s (significant), %s %s", r->label[who[q]],
				 q ? "more" : "less", base, early, q ? "less" : "more", q ? wb : wa);
		} else
			snprintf(buf, len, "%s earns %s margin than %s %s", r->label[who[q]], q ? "less" : "more", base,
				 q ? wb : wa);
	}
}

static void panel(struct chart_page *pg, const struct plot_results *r, size_t i, const struct plot_rect *a,
		  double day_max)
{
	const struct plot_periods *p = &r->per;
	int m = plot_periods_metric(p, kpis[i].metric);
	double lh = plot_line_height(pg, PLOT_FONT_PANEL), th = plot_line_height(pg, PLOT_FONT_TICK);
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w * 0.5, 1, kpis[i].title);
	struct plot_rect pr = {a->x, a->y + lh + 4, a->w, a->h - lh - 4};
	double ymin = INFINITY, ymax = -INFINITY;
	for (size_t s = 0; s < r->n_scen; s++)
		for (size_t k = 0; k < p->n; k++) {
			struct plot_stat v = plot_periods_get(r, s, k, m, 0);
			double w[3] = {v.mean, v.lo, v.hi};
			for (int q = 0; q < 3; q++)
				if (isfinite(w[q]))
					ymin = fmin(ymin, per_year(r, m, k, w[q])), ymax = fmax(ymax, per_year(r, m, k, w[q]));
		}
	if (!(ymax >= ymin)) {
		char note[128];
		snprintf(note, sizeof note, "No %s in periods.csv", kpis[i].metric);
		plot_empty(pg, &pr, note);
		return;
	}
	struct plot_axis ax, ay;
	char unit[160], xt[160];
	/* money of a period as a rate: "EUR" becomes "EUR/year" ("EUR million/year") */
	if (is_money(r, m))
		snprintf(unit, sizeof unit, "%.*s/year", (int)strcspn(p->unit[m], "/"), p->unit[m]);
	else
		snprintf(unit, sizeof unit, "%s", p->unit[m]);
	plot_axis_fit(&ay, ymin, ymax, 4, unit);
	snprintf(unit, sizeof unit, "%s%s", ay.scale.unit, is_money(r, m) ? ", as a rate" : "");
	plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, a->x + a->w, a->y + 3, PLOT_RIGHT | PLOT_TOP, a->w * 0.62, 1,
		  unit);
	plot_time_axis(&ax, day_max, xt, sizeof xt, NAN);
	double left = a->x + plot_axis_label_width(pg, &ay) + 10, bottom = a->y + a->h - th - 8;
	ax.p0 = left, ax.p1 = a->x + a->w - 8;
	ay.p0 = bottom - 6, ay.p1 = pr.y + 8;
	/* the partial last period, shaded and named */
	size_t last = p->n - 1;
	if (p->partial[last] && isfinite(p->start[last])) {
		double x0 = plot_axis_map(&ax, p->start[last]), x1 = plot_axis_map(&ax, p->end[last]);
		plot_fill_rect(pg, x0, pr.y + 2, x1 - x0, bottom - pr.y - 2, plot_theme.band_note);
		if (plot_text_size(pg, PLOT_FONT_TICK, 0, 0, "partial").w + 4 < x1 - x0)
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, (x0 + x1) / 2, bottom - 4, PLOT_CENTER | PLOT_BOTTOM,
				  0, 0, "partial");
	}
	plot_axis_draw_y(pg, &ay, left, ax.p1);
	plot_axis_draw_x(pg, &ax, bottom, -1);
	double x[p->n ? p->n : 1], v[p->n ? p->n : 1], lo[p->n ? p->n : 1], hi[p->n ? p->n : 1];
	cairo_t *cr = pg->cr;
	for (size_t s = 0; s < r->n_scen; s++) {
		for (size_t k = 0; k < p->n; k++) {
			struct plot_stat st = plot_periods_get(r, s, k, m, 0);
			x[k] = mid(r, k);
			v[k] = per_year(r, m, k, st.mean), lo[k] = per_year(r, m, k, st.lo), hi[k] = per_year(r, m, k, st.hi);
		}
		/* many bands over each other would hide the lines */
		plot_set_colour_alpha(pg, plot_scenario_colour(s), plot_theme.band_alpha * (r->n_scen > 4 ? 0.6 : 1));
		plot_series_band(pg, x, lo, hi, p->n, &ax, &ay);
		/* the whole periods solid; the step into a partial one thin */
		size_t whole = p->partial[last] && p->n > 1 ? p->n - 1 : p->n;
		cairo_new_path(cr);
		plot_series_path(pg, x, v, whole, &ax, &ay);
		plot_series_stroke(pg, s, plot_theme.line);
		if (whole < p->n) {
			cairo_new_path(cr);
			plot_series_path(pg, x + whole - 1, v + whole - 1, 2, &ax, &ay);
			plot_series_stroke(pg, s, plot_theme.line_thin);
		}
		for (size_t k = 0; k < p->n; k++) {
			if (!isfinite(v[k]))
				continue;
			double px = plot_axis_map(&ax, x[k]), py = plot_axis_map(&ay, v[k]);
			if (p->n <= MARKERS_MAX || p->partial[k]) /* many short periods: the line alone */
				plot_marker(pg, s, px, py, plot_theme.marker * 0.8);
			if (p->partial[k]) { /* hollow: a part of a period */
				plot_set_colour(pg, plot_theme.background);
				cairo_arc(cr, px, py, plot_theme.marker * 0.35, 0, 2 * M_PI);
				cairo_fill(cr);
			}
			plot_probe(pg, "periods.point", s, i * 1000 + k, px, py, 0, 0); /* i: the panel */
		}
	}
}

static void note_of(const struct plot_results *r, char *buf, size_t len)
{
	const struct plot_periods *p = &r->per;
	char ci[512], xt[160], days[32], part[160] = "";
	size_t last = p->n - 1;
	struct plot_axis ax;
	plot_time_axis(&ax, p->end[last], xt, sizeof xt, r->run.warmup);
	plot_ci_note(r, "Bands", 1, ci, sizeof ci);
	if (p->partial[last]) {
		char name[48];
		plot_period_name(name, sizeof name, p->end[0] - p->start[0], last);
		snprintf(part, sizeof part, " Shaded, hollow: %s, partial (%s days).", name,
			 plot_fmt(days, sizeof days, p->end[last] - p->start[last], 0));
	}
	snprintf(buf, len, "%s; a point per period, at its middle. Money: a rate per year (the period's money "
			   "\xC3\x97 365 / its days).%s Axes fit the data. %s",
		 xt, part, ci);
}

int chart_periods_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	const struct plot_periods *p = &r->per;
	char title[512], note[1024];
	plot_periods_title(r, title, sizeof title);
	if (!chart_periods_available(in)) {
		struct plot_rect body;
		plot_frame(pg, in, title, "", &body);
		plot_empty(pg, &body, "periods.csv is missing: no results per period to draw (journeysim run writes it "
				      "with run.period)");
		return 0;
	}
	note_of(r, note, sizeof note);
	struct plot_rect body;
	pg->tool_top = 1; /* the footnote gets the page's width */
	plot_frame(pg, in, title, note, &body);
	double used = r->n_scen > 1 ? plot_legend(pg, body.x, body.y, body.w, r->label, r->n_scen, PLOT_KEY_LINE, 1) + 12
				    : 0;
	struct plot_rect grid = {body.x, body.y + used, body.w, body.h - used};
	size_t shown[PANELS], n = 0;
	for (size_t i = 0; i < PANELS; i++)
		if (plot_periods_metric(p, kpis[i].metric) >= 0)
			shown[n++] = i;
	if (!n) {
		plot_empty(pg, &grid, "periods.csv has none of margin, cost.total, experience.mean, customers.active");
		return 0;
	}
	int rows = n > 3 ? 2 : 1, cols = (int)((n + (size_t)rows - 1) / (size_t)rows);
	double day_max = p->end[p->n - 1];
	for (size_t i = 0; i < n; i++) {
		struct plot_rect c = plot_cell(&grid, rows, cols, (int)i, plot_theme.gap);
		panel(pg, r, shown[i], &c, day_max);
	}
	return 0;
}
