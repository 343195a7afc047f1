/* page.c - a page being drawn: the Cairo context, a Pango context with the
 * font options every format shares, and the probe that tests listen to. */
#include "plot.h"

void plot_page_init(struct chart_page *pg, cairo_t *cr, double w, double h, int vector)
{
	*pg = (struct chart_page){0};
	pg->cr = cr;
	pg->w = w;
	pg->h = h;
	pg->vector = vector;
	pg->pango = pango_cairo_create_context(cr);
	/* Unhinted metrics: text is laid out the same in PNG, PDF and SVG, and
	 * at every PNG size, so a chart looks the same in every format. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pg->pango, fo);
	cairo_font_options_destroy(fo);
}

void plot_page_fini(struct chart_page *pg)
{
	if (pg->pango)
		g_object_unref(pg->pango);
	pg->pango = NULL;
}

void plot_probe(struct chart_page *pg, const char *what, size_t i, size_t j, double x, double y, double w,
		double h)
{
	if (!pg->probe)
		return;
	struct plot_rect r = {x, y, w, h};
	pg->probe(pg->probe_user, what, i, j, &r);
}
