/* time_axis.c - what the charts over time share (issue 15): a horizontal
 * axis of years (or months) since the start of the measuring window, the
 * names of periods, and a series drawn as a line with its 95% band. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define YEAR 365.0 /* days, as run.period's "1 y" */
#define MONTH (YEAR / 12)

void plot_time_axis(struct plot_axis *a, double day_max, char *title, size_t len, double warmup)
{
	/* years for a window of two years or more, else months; data stay in days */
	int months = !(day_max >= 2 * YEAR);
	a->scale.div = months ? MONTH : YEAR;
	snprintf(a->scale.unit, sizeof a->scale.unit, "%s", months ? "months" : "years");
	plot_axis_nice(a, 0, day_max / a->scale.div, 8); /* a tick a year up to about seven years */
	if (a->step < 1) /* whole years or months only */
		a->step = 1, a->digits = 0;
	plot_axis_tight(a, 0, day_max);
	char num[32];
	if (isfinite(warmup) && warmup > 0)
		snprintf(title, len, "%s since the window's start (after the %s-day warm-up)",
			 months ? "Months" : "Years", plot_fmt(num, sizeof num, warmup, 0));
	else
		snprintf(title, len, "%s since the window's start", months ? "Months" : "Years");
}

void plot_period_name(char *buf, size_t len, double days, size_t k)
{
	/* "year 2" when periods are years, "month 3", "quarter 1", else "period 4" */
	const char *word = fabs(days - YEAR) < 1.5 ? "year" : fabs(days - MONTH) < 1.6 ? "month"
						  : fabs(days - YEAR / 4) < 1.6 ? "quarter"
										 : "period";
	snprintf(buf, len, "%s %zu", word, k + 1);
}

void plot_series_path(struct chart_page *pg, const double *x, const double *v, size_t n, const struct plot_axis *ax,
		      const struct plot_axis *ay)
{
	int pen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(v[i])) {
			pen = 0;
			continue;
		}
		double px = plot_axis_map(ax, x[i]), py = plot_axis_map(ay, v[i]);
		if (pen)
			cairo_line_to(pg->cr, px, py);
		else
			cairo_move_to(pg->cr, px, py);
		pen = 1;
	}
}

void plot_series_band(struct chart_page *pg, const double *x, const double *lo, const double *hi, size_t n,
		      const struct plot_axis *ax, const struct plot_axis *ay)
{
	cairo_t *cr = pg->cr;
	for (size_t i = 0; i < n;) {
		/* one band per run of finite intervals */
		size_t a = i;
		while (a < n && !(isfinite(lo[a]) && isfinite(hi[a]) && isfinite(x[a])))
			a++;
		size_t b = a;
		while (b < n && isfinite(lo[b]) && isfinite(hi[b]) && isfinite(x[b]))
			b++;
		if (b > a + 1) {
			cairo_new_path(cr);
			for (size_t k = a; k < b; k++)
				cairo_line_to(cr, plot_axis_map(ax, x[k]), plot_axis_map(ay, hi[k]));
			for (size_t k = b; k-- > a;)
				cairo_line_to(cr, plot_axis_map(ax, x[k]), plot_axis_map(ay, lo[k]));
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		i = b > a ? b : a + 1;
	}
}

void plot_series_stroke(struct chart_page *pg, size_t scen, double width)
{
	plot_set_colour(pg, plot_scenario_colour(scen));
	cairo_set_line_width(pg->cr, width);
	cairo_set_line_join(pg->cr, CAIRO_LINE_JOIN_ROUND);
	plot_set_dash(pg, scen, width);
	cairo_stroke(pg->cr);
	cairo_set_dash(pg->cr, NULL, 0, 0);
}

/* ---- spans of days and paybacks in words ---- */

/* A number of unit u (days per unit) for the text: whole, or one decimal below ten. */
static const char *span_number(char *buf, size_t len, double days, double u)
{
	double v = days / u;
	return plot_fmt(buf, len, v, u > MONTH && v < 10 && fabs(v - round(v)) > 0.05 ? 1 : 0);
}

const char *plot_span_text(char *buf, size_t len, double day, double lo, double hi)
{
	double big = fmax(day, isfinite(hi) ? hi : day);
	double u = big < 90 ? 1 : big <= 3 * YEAR ? MONTH : YEAR;
	const char *unit = u == 1 ? "days" : u == MONTH ? "months" : "years";
	char a[32], b[32], c[32];
	span_number(a, sizeof a, day, u);
	if (u == 1 && strcmp(a, "1") == 0)
		unit = "day";
	else if (u == MONTH && strcmp(a, "1") == 0)
		unit = "month";
	else if (u == YEAR && strcmp(a, "1") == 0)
		unit = "year";
	if (!isfinite(lo) && !isfinite(hi))
		snprintf(buf, len, "%s %s", a, unit);
	else if (!isfinite(hi))
		snprintf(buf, len, "%s %s (%s to beyond the horizon)", a, unit, span_number(b, sizeof b, lo, u));
	else
		snprintf(buf, len, "%s %s (%s\xE2\x80\x93%s)", a, unit,
			 span_number(b, sizeof b, isfinite(lo) ? lo : day, u), span_number(c, sizeof c, hi, u));
	return buf;
}

const char *plot_payback_phrase(char *buf, size_t len, const struct plot_payback *p)
{
	char span[96];
	if (!p->known)
		snprintf(buf, len, "payback not computed");
	else if (p->shown && p->day <= 0 && !(p->hi > 0)) /* ahead from the first day: nothing to pay back */
		snprintf(buf, len, "is ahead from the start");
	else if (p->shown && p->day <= 0)
		snprintf(buf, len, "is ahead from the start (its band from %s)", plot_span_text(span, sizeof span, p->hi, NAN, NAN));
	else if (p->shown)
		snprintf(buf, len, "pays back in %s", plot_span_text(span, sizeof span, p->day, p->lo, p->hi));
	else if (p->pays)
		snprintf(buf, len, "is not shown to pay back within the horizon (the mean turns positive after %s)",
			 plot_span_text(span, sizeof span, p->day, NAN, NAN));
	else
		snprintf(buf, len, "does not pay back within the horizon");
	return buf;
}
