/* draw.c - the marks: filled boxes, lines, CI whiskers, markers, dashes,
 * hatching. */
#include <math.h>

#include "plot.h"

void plot_set_colour(struct chart_page *pg, struct plot_rgb c)
{
	cairo_set_source_rgb(pg->cr, c.r, c.g, c.b);
}

void plot_set_colour_alpha(struct chart_page *pg, struct plot_rgb c, double a)
{
	cairo_set_source_rgba(pg->cr, c.r, c.g, c.b, a);
}

void plot_fill_rect(struct chart_page *pg, double x, double y, double w, double h, struct plot_rgb c)
{
	if (w < 0)
		x += w, w = -w;
	if (h < 0)
		y += h, h = -h;
	plot_set_colour(pg, c);
	cairo_rectangle(pg->cr, x, y, w, h);
	cairo_fill(pg->cr);
}

void plot_line(struct chart_page *pg, double x0, double y0, double x1, double y1, double width, struct plot_rgb c)
{
	cairo_t *cr = pg->cr;
	plot_set_colour(pg, c);
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
}

/* A CI whisker from a to b with caps across it: (px, py) is the unit
 * direction of the caps, perpendicular to the whisker. */
static void whisker(struct chart_page *pg, double ax, double ay, double bx, double by, double px, double py)
{
	if (!isfinite(ax) || !isfinite(ay) || !isfinite(bx) || !isfinite(by))
		return;
	double c = plot_theme.whisker_cap;
	cairo_t *cr = pg->cr;
	plot_set_colour(pg, plot_theme.whisker_colour);
	cairo_set_line_width(cr, plot_theme.whisker);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_move_to(cr, ax, ay);
	cairo_line_to(cr, bx, by);
	cairo_move_to(cr, ax - c * px, ay - c * py);
	cairo_line_to(cr, ax + c * px, ay + c * py);
	cairo_move_to(cr, bx - c * px, by - c * py);
	cairo_line_to(cr, bx + c * px, by + c * py);
	cairo_stroke(cr);
}

void plot_whisker_h(struct chart_page *pg, double x0, double x1, double y)
{
	whisker(pg, x0, y, x1, y, 0, 1);
}

void plot_whisker_v(struct chart_page *pg, double x, double y0, double y1)
{
	whisker(pg, x, y0, x, y1, 1, 0);
}

void plot_marker(struct chart_page *pg, size_t i, double x, double y, double r)
{
	cairo_t *cr = pg->cr;
	cairo_new_path(cr);
	switch (i % 5) {
	case 0:
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case 1:
		r *= 0.9;
		cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
		break;
	case 2:
		r *= 1.25;
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r, y);
		cairo_line_to(cr, x, y + r);
		cairo_line_to(cr, x - r, y);
		cairo_close_path(cr);
		break;
	case 3:
		r *= 1.25;
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r * 0.866, y + r * 0.5);
		cairo_line_to(cr, x - r * 0.866, y + r * 0.5);
		cairo_close_path(cr);
		break;
	default:
		r *= 1.25;
		cairo_move_to(cr, x, y + r);
		cairo_line_to(cr, x + r * 0.866, y - r * 0.5);
		cairo_line_to(cr, x - r * 0.866, y - r * 0.5);
		cairo_close_path(cr);
		break;
	}
	plot_set_colour(pg, plot_scenario_colour(i));
	cairo_fill_preserve(cr);
	plot_set_colour(pg, plot_theme.background);
	cairo_set_line_width(cr, 1.25);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_stroke(cr);
}

void plot_set_dash(struct chart_page *pg, size_t i, double width)
{
	double dash[2];
	switch (plot_scenario_dash(i)) {
	case 1:
		dash[0] = 4 * width, dash[1] = 2 * width;
		cairo_set_dash(pg->cr, dash, 2, 0);
		break;
	case 2:
		dash[0] = width, dash[1] = 1.6 * width;
		cairo_set_line_cap(pg->cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(pg->cr, dash, 2, 0);
		break;
	default:
		cairo_set_dash(pg->cr, NULL, 0, 0);
	}
}

void plot_hatch(struct chart_page *pg, double x, double y, double w, double h, struct plot_rgb c)
{
	cairo_t *cr = pg->cr;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	plot_set_colour_alpha(pg, c, 0.4);
	cairo_set_line_width(cr, 1.0);
	for (double d = -h; d < w; d += 7) {
		cairo_move_to(cr, x + d, y + h);
		cairo_line_to(cr, x + d + h, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

void plot_scenario_fill(struct chart_page *pg, size_t i, double x, double y, double w, double h)
{
	if (w < 0)
		x += w, w = -w;
	plot_fill_rect(pg, x, y, w, h, plot_scenario_colour(i));
	if (i >= PLOT_PALETTE_SIZE)
		plot_hatch(pg, x, y, w, h, plot_theme.background);
}
