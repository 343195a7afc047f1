/* axis.c - axes with "nice" ticks: Heckbert's loose labelling ("Nice numbers
 * for graph labels", Graphics Gems, 1990). */
#include <math.h>
#include <stdio.h>

#include "plot.h"

double plot_nice(double x, int round)
{
	if (!(x > 0) || !isfinite(x))
		return 1;
	double e = floor(log10(x)), f = x / pow(10, e), nf;
	if (round)
		nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
	else
		nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	return nf * pow(10, e);
}

void plot_axis_nice(struct plot_axis *a, double dmin, double dmax, int n)
{
	if (!isfinite(dmin) || !isfinite(dmax)) {
		dmin = isfinite(dmin) ? dmin : isfinite(dmax) ? dmax : 0;
		dmax = dmin;
	}
	if (dmin > dmax) {
		double t = dmin;
		dmin = dmax;
		dmax = t;
	}
	if (dmax - dmin <= 1e-12 * (fabs(dmin) + fabs(dmax)) || dmax == dmin) {
		/* one value: a range around it that still shows it */
		double pad = dmin == 0 ? 1 : fabs(dmin) * 0.1;
		if (dmin >= 0 && dmin - pad < 0)
			dmin = 0, dmax += pad;
		else
			dmin -= pad, dmax += pad;
	}
	if (n < 2)
		n = 2;
	double range = plot_nice(dmax - dmin, 0);
	double d = plot_nice(range / (n - 1), 1);
	a->lo = floor(dmin / d + 1e-9) * d;
	a->hi = ceil(dmax / d - 1e-9) * d;
	if (a->hi <= a->lo)
		a->hi = a->lo + d;
	a->step = d;
	int frac = (int)-floor(log10(d) + 1e-9);
	a->digits = frac > 0 ? frac : 0;
}

void plot_axis_setup(struct plot_axis *a, double dmin, double dmax, int n, const char *unit)
{
	double m = 0;
	if (isfinite(dmin))
		m = fabs(dmin);
	if (isfinite(dmax) && fabs(dmax) > m)
		m = fabs(dmax);
	plot_scale_for(&a->scale, m, unit);
	plot_axis_nice(a, dmin / a->scale.div, dmax / a->scale.div, n);
}

/* Page coordinate of t in the axis's (scaled) units. */
static double page_at(const struct plot_axis *a, double t)
{
	return a->p0 + (t - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

double plot_axis_map(const struct plot_axis *a, double v)
{
	double div = a->scale.div > 0 ? a->scale.div : 1;
	return page_at(a, v / div);
}

const char *plot_axis_label(const struct plot_axis *a, char *buf, size_t len, double t)
{
	return plot_fmt(buf, len, fabs(t) < a->step * 1e-6 ? 0 : t, a->digits);
}

void plot_axis_tight(struct plot_axis *a, double dmin, double dmax)
{
	double div = a->scale.div > 0 ? a->scale.div : 1;
	if (isfinite(dmin) && isfinite(dmax) && dmax > dmin) {
		a->lo = dmin / div;
		a->hi = dmax / div;
	}
}

/* Ticks are the multiples of the step inside [lo, hi]. */
static double first_tick(const struct plot_axis *a)
{
	return ceil(a->lo / a->step - 1e-6) * a->step;
}

static int tick_count(const struct plot_axis *a)
{
	return (int)floor((a->hi - first_tick(a)) / a->step + 1e-6) + 1;
}

static double tick_value(const struct plot_axis *a, int k)
{
	return first_tick(a) + k * a->step;
}

void plot_axis_fit(struct plot_axis *a, double dmin, double dmax, int n, const char *unit)
{
	/* a finer step until at least three ticks (or n - 1) fall inside */
	int want = n - 1 < 3 ? n - 1 : 3;
	for (int m = n; m <= 4 * n; m++) {
		plot_axis_setup(a, dmin, dmax, m, unit);
		plot_axis_tight(a, dmin, dmax);
		if (tick_count(a) >= want)
			break;
	}
}

/* Labels every stride-th tick so that they do not collide. */
static int stride_for(struct chart_page *pg, const struct plot_axis *a, int horizontal)
{
	int n = tick_count(a);
	double space = fabs(a->p1 - a->p0) / (n > 1 ? n - 1 : 1), need = 0;
	char buf[64];
	for (int k = 0; k < n; k++) {
		struct plot_text_box b =
			plot_text_size(pg, PLOT_FONT_TICK, 0, 0, plot_axis_label(a, buf, sizeof buf, tick_value(a, k)));
		double s = horizontal ? b.w + 10 : b.h + 2;
		if (s > need)
			need = s;
	}
	int stride = 1;
	while (stride < n && need > space * stride)
		stride++;
	return stride;
}

/* A line across the axis at p along it, from `from` to `to` across. */
static void line_across(struct chart_page *pg, int horizontal, double p, double from, double to, double width,
			struct plot_rgb c)
{
	if (horizontal)
		plot_line(pg, p, from, p, to, width, c);
	else
		plot_line(pg, from, p, to, p, width, c);
}

/* The ticks of an axis that lies at `at` across it: grid lines up to grid_end
 * (none when < 0), tick marks below a horizontal axis, and the labels of
 * every stride-th tick (below it, or left of a vertical one). */
static void ticks_draw(struct chart_page *pg, const struct plot_axis *a, int horizontal, double at, double grid_end)
{
	int n = tick_count(a), stride = stride_for(pg, a, horizontal);
	char buf[64];
	for (int k = 0; k < n; k++) {
		double t = tick_value(a, k), p = page_at(a, t);
		if (grid_end >= 0)
			line_across(pg, horizontal, p, at, grid_end, plot_theme.grid, plot_theme.grid_colour);
		if (horizontal)
			line_across(pg, horizontal, p, at, at + 4, plot_theme.axis, plot_theme.axis_colour);
		if (k % stride != 0)
			continue;
		plot_axis_label(a, buf, sizeof buf, t);
		if (horizontal)
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, p, at + 6, PLOT_CENTER | PLOT_TOP, 0, 0, buf);
		else
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, at - 6, p, PLOT_RIGHT | PLOT_MIDDLE, 0, 0, buf);
	}
}

void plot_axis_draw_x(struct chart_page *pg, const struct plot_axis *a, double y, double grid_top)
{
	ticks_draw(pg, a, 1, y, grid_top);
	plot_line(pg, fmin(a->p0, a->p1), y, fmax(a->p0, a->p1), y, plot_theme.axis, plot_theme.axis_colour);
}

void plot_axis_draw_y(struct chart_page *pg, const struct plot_axis *a, double x, double grid_right)
{
	ticks_draw(pg, a, 0, x, grid_right);
}

double plot_axis_label_width(struct chart_page *pg, const struct plot_axis *a)
{
	int n = tick_count(a);
	double w = 0;
	char buf[64];
	for (int k = 0; k < n; k++) {
		struct plot_text_box b =
			plot_text_size(pg, PLOT_FONT_TICK, 0, 0, plot_axis_label(a, buf, sizeof buf, tick_value(a, k)));
		if (b.w > w)
			w = b.w;
	}
	return w;
}
