/* text.c - text with Pango: the theme's font by family name, wrapping at
 * words, an ellipsis past a line limit, anchoring by alignment. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static PangoLayout *layout(struct chart_page *pg, enum plot_font f, double max_w, int max_lines, int align,
			   const char *text)
{
	pango_cairo_update_context(pg->cr, pg->pango);
	PangoLayout *l = pango_layout_new(pg->pango);
	PangoFontDescription *d = pango_font_description_new();
	const struct plot_font_spec *fs = &plot_theme.font[f];
	pango_font_description_set_family(d, plot_theme.family);
	pango_font_description_set_absolute_size(d, fs->size * PANGO_SCALE);
	pango_font_description_set_weight(d, fs->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(d, fs->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, d);
	pango_font_description_free(d);
	if (max_w > 0) {
		pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		if (max_lines > 0) {
			pango_layout_set_height(l, -max_lines);
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		}
		int h = align & 3;
		pango_layout_set_alignment(l, h == PLOT_CENTER  ? PANGO_ALIGN_CENTER
					      : h == PLOT_RIGHT ? PANGO_ALIGN_RIGHT
								: PANGO_ALIGN_LEFT);
	}
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static struct plot_text_box box_of(PangoLayout *l, PangoRectangle *logical, PangoRectangle *ink)
{
	pango_layout_get_extents(l, ink, logical);
	struct plot_text_box b = {(double)logical->width / PANGO_SCALE, (double)logical->height / PANGO_SCALE,
				  pango_layout_get_line_count(l), pango_layout_is_ellipsized(l), 0};
	PangoLayoutLine *last = b.lines > 0 ? pango_layout_get_line_readonly(l, b.lines - 1) : NULL;
	if (last) {
		PangoRectangle r;
		pango_layout_line_get_extents(last, NULL, &r);
		b.last_w = (double)r.width / PANGO_SCALE;
	}
	return b;
}

/* Tests find overlapping text by its box: "text:" and its first words. */
static void probe_text(struct chart_page *pg, const char *text, double x, double y, double w, double h)
{
	if (!pg->probe || !text || !*text)
		return;
	char what[40];
	snprintf(what, sizeof what, "text:%s", text);
	plot_probe(pg, what, 0, 0, x, y, w, h);
}

static struct plot_text_box draw(struct chart_page *pg, enum plot_font f, struct plot_rgb c, double x, double y,
				 int align, double max_w, int max_lines, const char *text, int probe)
{
	PangoLayout *l = layout(pg, f, max_w, max_lines, align, text);
	PangoRectangle lg, ink;
	struct plot_text_box b = box_of(l, &lg, &ink);
	double ox = x - (double)lg.x / PANGO_SCALE, oy = y - (double)lg.y / PANGO_SCALE;
	switch (align & 3) {
	case PLOT_CENTER:
		ox -= b.w / 2;
		break;
	case PLOT_RIGHT:
		ox -= b.w;
		break;
	}
	if (align & PLOT_MIDDLE)
		oy -= b.h / 2;
	else if (align & PLOT_BOTTOM)
		oy -= b.h;
	else if (align & PLOT_BASELINE)
		oy -= (double)pango_layout_get_baseline(l) / PANGO_SCALE;
	plot_set_colour(pg, c);
	cairo_move_to(pg->cr, ox, oy);
	pango_cairo_show_layout(pg->cr, l);
	cairo_new_path(pg->cr);
	g_object_unref(l);
	if (probe) /* the ink: lines may be closer than their leading */
		probe_text(pg, text, ox + (double)ink.x / PANGO_SCALE, oy + (double)ink.y / PANGO_SCALE,
			   (double)ink.width / PANGO_SCALE, (double)ink.height / PANGO_SCALE);
	return b;
}

struct plot_text_box plot_text(struct chart_page *pg, enum plot_font f, struct plot_rgb c, double x, double y,
			       int align, double max_w, int max_lines, const char *text)
{
	return draw(pg, f, c, x, y, align, max_w, max_lines, text, 1);
}

struct plot_text_box plot_text_size(struct chart_page *pg, enum plot_font f, double max_w, int max_lines,
				    const char *text)
{
	PangoLayout *l = layout(pg, f, max_w, max_lines, PLOT_LEFT, text);
	PangoRectangle lg, ink;
	struct plot_text_box b = box_of(l, &lg, &ink);
	g_object_unref(l);
	return b;
}

void plot_text_vertical(struct chart_page *pg, enum plot_font f, struct plot_rgb c, double x, double y,
			const char *text)
{
	cairo_save(pg->cr);
	cairo_translate(pg->cr, x, y);
	cairo_rotate(pg->cr, -M_PI / 2);
	draw(pg, f, c, 0, 0, PLOT_CENTER | PLOT_MIDDLE, 0, 0, text, 0);
	cairo_restore(pg->cr);
	if (pg->probe) { /* the ink, turned a quarter */
		PangoLayout *l = layout(pg, f, 0, 0, PLOT_LEFT, text);
		PangoRectangle lg, ink;
		struct plot_text_box b = box_of(l, &lg, &ink);
		g_object_unref(l);
		double ix = (double)(ink.x - lg.x) / PANGO_SCALE - b.w / 2, iy = (double)(ink.y - lg.y) / PANGO_SCALE - b.h / 2;
		double iw = (double)ink.width / PANGO_SCALE, ih = (double)ink.height / PANGO_SCALE;
		/* (u, v) on the text is (x + v, y - u) on the page */
		probe_text(pg, text, x + iy, y - ix - iw, ih, iw);
	}
}

double plot_line_height(struct chart_page *pg, enum plot_font f)
{
	return plot_text_size(pg, f, 0, 0, "Ag").h;
}

const char *plot_text_abbreviate(struct chart_page *pg, enum plot_font f, double max_w, const char *text, char *buf,
				 size_t len)
{
	if (!text)
		text = "";
	snprintf(buf, len, "%s", text);
	if (plot_text_size(pg, f, 0, 0, buf).w <= max_w)
		return buf;
	/* drop whole words from the end: "Marketing technologist" -> "Marketing…" */
	for (size_t n = strlen(text); n > 0; n--) {
		if (text[n] != ' ')
			continue;
		size_t k = n;
		while (k > 0 && strchr(" ,-", text[k - 1]))
			k--;
		if (k == 0)
			continue;
		snprintf(buf, len, "%.*s\xE2\x80\xA6", (int)k, text); /* U+2026 */
		if (plot_text_size(pg, f, 0, 0, buf).w <= max_w)
			return buf;
	}
	snprintf(buf, len, "%s", text); /* one long word: plot_text cuts it with an ellipsis */
	return buf;
}
