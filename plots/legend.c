/* legend.c - scenario keys laid out in rows: a colour box, a line or a
 * marker, then the name (cut with an ellipsis past half the width). */
#include "plot.h"

#define KEY_W 22.0 /* width of a key, pt */
#define KEY_GAP 7.0
#define ITEM_GAP 22.0

static void draw_key(struct chart_page *pg, double x, double y, struct plot_rgb c, size_t scen, enum plot_key key)
{
	cairo_t *cr = pg->cr;
	switch (key) {
	case PLOT_KEY_BOX:
		plot_fill_rect(pg, x + 4, y - 7, 14, 14, c);
		break;
	case PLOT_KEY_LINE:
		cairo_save(cr);
		plot_set_colour(pg, c);
		cairo_set_line_width(cr, plot_theme.line);
		plot_set_dash(pg, scen, plot_theme.line);
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + KEY_W, y);
		cairo_stroke(cr);
		cairo_restore(cr);
		break;
	case PLOT_KEY_MARKER:
		plot_marker(pg, scen, x + KEY_W / 2, y, plot_theme.marker);
		break;
	}
}

double plot_legend_item(struct chart_page *pg, enum plot_font f, double x, double y, struct plot_rgb c, size_t scen,
			enum plot_key key, const char *label, int draw)
{
	struct plot_text_box b = plot_text_size(pg, f, 0, 0, label);
	if (draw) {
		double lh = plot_line_height(pg, f);
		draw_key(pg, x, y + lh / 2, c, scen, key);
		plot_text(pg, f, plot_theme.text, x + KEY_W + KEY_GAP, y, PLOT_LEFT | PLOT_TOP, 0, 0, label);
	}
	return KEY_W + KEY_GAP + b.w;
}

double plot_legend(struct chart_page *pg, double x, double y, double w, char *const *labels, size_t n,
		   enum plot_key key, int draw)
{
	double lh = plot_line_height(pg, PLOT_FONT_LEGEND), row_h = lh + 6;
	double cx = x, cy = y, max_label = w / 2 - KEY_W - KEY_GAP;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		struct plot_text_box b = plot_text_size(pg, PLOT_FONT_LEGEND, max_label, 1, labels[i]);
		double iw = KEY_W + KEY_GAP + b.w;
		if (cx > x && cx + iw > x + w) {
			cx = x;
			cy += row_h;
		}
		if (draw) {
			draw_key(pg, cx, cy + lh / 2, plot_scenario_colour(i), i, key);
			plot_text(pg, PLOT_FONT_LEGEND, plot_theme.text, cx + KEY_W + KEY_GAP, cy, PLOT_LEFT | PLOT_TOP,
				  max_label, 1, labels[i]);
		}
		cx += iw + ITEM_GAP;
	}
	return cy - y + lh;
}
