/* chart_board.c - chart 10: the one-page board summary. The headline finding
 * as the title, then four panels: the KPI table (values and significant
 * changes against the baseline), cost against experience, where experience
 * is lost (effort by cause), and what the cost is made of. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static const char *const kpis[4] = {"experience.mean", "cost.total", "revenue.total", "margin"};
static const char *const heads[4] = {"Experience", "Cost", "Revenue", "Margin"};

static void kpi_value(const struct plot_results *r, size_t k, double v, char *buf, size_t len)
{
	if (plot_unit_is_money(plot_results_unit(r, kpis[k]), r->run.currency))
		plot_fmt_money(buf, len, v, r->run.currency, 0);
	else
		plot_fmt(buf, len, v, 1);
}

/* The change against the baseline as the board reads it: points for
 * experience, % for cost and revenue, money for margin. */
static int kpi_change(const struct plot_results *r, size_t s, size_t k, char *buf, size_t len)
{
	struct plot_stat d = plot_results_diff(r, s, kpis[k]), b = plot_results_get(r, 0, kpis[k]);
	char num[64];
	if (!isfinite(d.mean)) {
		snprintf(buf, len, "n/a");
		return 0;
	}
	if (!plot_significant(&d)) {
		snprintf(buf, len, "%s", r->have_diffs && plot_results_max_n(r) > 1 ? "n.s." : "");
		return 0;
	}
	if (k == 0) /* a significant change never reads as zero */
		snprintf(buf, len, "%s", plot_fmt_signed(num, sizeof num, d.mean, fabs(d.mean) < 0.05 ? 2 : 1));
	else if (k == 3 || !(fabs(b.mean) > 0))
		plot_fmt_money(buf, len, d.mean, r->run.currency, 1);
	else
		snprintf(buf, len, "%s%%", plot_fmt_signed(num, sizeof num, d.mean / fabs(b.mean) * 100, 0));
	return d.mean * plot_metric_better(kpis[k]) > 0 ? 1 : -1;
}

static double head_height(struct chart_page *pg)
{
	return plot_line_height(pg, PLOT_FONT_VALUE_BOLD) + 8;
}

static double row_height(struct chart_page *pg)
{
	return plot_line_height(pg, PLOT_FONT_VALUE) + 5;
}

size_t plot_kpi_table_capacity(struct chart_page *pg, const struct plot_rect *area)
{
	double n = floor((area->h - head_height(pg)) / row_height(pg));
	return n < 2 ? 2 : (size_t)n;
}

void plot_kpi_table(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		    struct plot_selection q)
{
	/* the baseline's values, then each scenario's change against it */
	double lh = plot_line_height(pg, PLOT_FONT_VALUE), head_h = head_height(pg), row_h = row_height(pg);
	size_t rows = q.n, fit = plot_kpi_table_capacity(pg, area);
	if (fit < rows)
		rows = fit - 1; /* the last line says how many are left out */
	/* each column as wide as its widest text; the names get the rest */
	char buf[96];
	double col_w[4], right[4], used = 0;
	for (size_t k = 0; k < 4; k++) {
		col_w[k] = plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, heads[k]).w;
		for (size_t i = 0; i < rows; i++) {
			size_t s = plot_sel(&q, i);
			if (s == 0)
				kpi_value(r, k, plot_results_get(r, 0, kpis[k]).mean, buf, sizeof buf);
			else
				kpi_change(r, s, k, buf, sizeof buf);
			col_w[k] = fmax(col_w[k], plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, buf).w);
		}
		col_w[k] += 14;
		used += col_w[k];
	}
	double name_w = area->w - used;
	double x = area->x + name_w;
	for (size_t k = 0; k < 4; k++) {
		x += col_w[k];
		right[k] = x;
		plot_text(pg, PLOT_FONT_VALUE_BOLD, plot_theme.text, right[k], area->y, PLOT_RIGHT | PLOT_TOP, col_w[k], 1,
			  heads[k]);
	}
	plot_line(pg, area->x, area->y + head_h - 4, area->x + area->w, area->y + head_h - 4, plot_theme.axis,
		  plot_theme.axis_colour);
	for (size_t i = 0; i < rows; i++) {
		size_t s = plot_sel(&q, i);
		double y = area->y + head_h + (double)i * row_h;
		if (i == 1)
			plot_line(pg, area->x, y - 2, area->x + area->w, y - 2, plot_theme.grid, plot_theme.text_muted);
		plot_marker(pg, s, area->x + 7, y + lh / 2, plot_theme.marker * 0.85);
		plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, area->x + 18, y, PLOT_LEFT | PLOT_TOP, name_w - 22, 1,
			  r->label[s]);
		for (size_t k = 0; k < 4; k++) {
			if (s == 0) {
				kpi_value(r, k, plot_results_get(r, 0, kpis[k]).mean, buf, sizeof buf);
				plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, right[k], y, PLOT_RIGHT | PLOT_TOP, col_w[k], 1, buf);
				continue;
			}
			int dir = kpi_change(r, s, k, buf, sizeof buf);
			plot_text(pg, dir ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE,
				  dir > 0 ? plot_theme.positive : dir < 0 ? plot_theme.negative : plot_theme.text_muted, right[k], y,
				  PLOT_RIGHT | PLOT_TOP, col_w[k], 1, buf);
			plot_probe(pg, "board.change", s, k, right[k], y, 0, lh);
		}
	}
	if (rows < q.n) {
		snprintf(buf, sizeof buf, "and %zu more: see the KPI comparison chart", q.n - rows);
		plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, area->x + 18, area->y + head_h + (double)rows * row_h,
			  PLOT_LEFT | PLOT_TOP, area->w - 18, 1, buf);
	}
}

int chart_board_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[1024], ci[256], base[160];
	plot_headline(r, title, sizeof title);
	plot_ci_note(r, "Whiskers", ci, sizeof ci);
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (r->n_scen > 1)
		snprintf(note, sizeof note, "Bold: the 95%% interval of the paired difference vs %s excludes 0 (blue better, "
					    "red worse; n.s.: not significant). %s",
			 base, ci);
	else
		snprintf(note, sizeof note, "%s", ci);
	/* a page cannot show a dozen scenarios in four panels: as many as the
	 * table holds, the baseline and the headline first, then file order.
	 * The note says so, which may take a line from the body: measure with
	 * one line to spare. */
	struct plot_rect body;
	double ph = plot_line_height(pg, PLOT_FONT_PANEL) + 6;
	plot_frame_measure(pg, in, title, note, &body);
	struct plot_rect probe_cell = plot_cell(&body, 2, 2, 0, plot_theme.gap);
	probe_cell.y += ph;
	probe_cell.h -= ph + 20; /* the note may grow by a line */
	size_t cap = plot_kpi_table_capacity(pg, &probe_cell), sel[64], n = 0;
	size_t head = plot_headline_scenario(r);
	for (size_t s = 0; s < r->n_scen && n < 64; s++)
		if (r->n_scen <= cap || s == 0 || s == head || n + (head > s ? 1 : 0) < cap)
			sel[n++] = s;
	struct plot_selection q = {sel, n};
	if (n < r->n_scen) {
		size_t len = strlen(note);
		snprintf(note + len, sizeof note - len, " Showing %zu of %zu scenarios.", n, r->n_scen);
	}
	plot_frame(pg, in, title, note, &body);
	struct plot_rect cell[4], inner[4];
	for (int k = 0; k < 4; k++) {
		cell[k] = plot_cell(&body, 2, 2, k, plot_theme.gap);
		inner[k] = (struct plot_rect){cell[k].x, cell[k].y + ph, cell[k].w, cell[k].h - ph};
	}
	char key_title[256];
	snprintf(key_title, sizeof key_title, r->n_scen > 1 ? "Key figures per year, change vs %s" : "Key figures per year%s",
		 r->n_scen > 1 ? base : "");
	const char *names[4] = {key_title, "Cost against experience", "Where experience is lost, points per customer",
				"What the cost is made of, per year"};
	for (int k = 0; k < 4; k++) {
		plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, cell[k].x, cell[k].y, PLOT_LEFT | PLOT_TOP, cell[k].w, 1,
			  names[k]);
		switch (k) {
		case 0:
			plot_kpi_table(pg, r, &inner[k], q);
			break;
		case 1:
			plot_scatter_body(pg, r, &inner[k], 1, q);
			break;
		case 2:
			plot_effort_body(pg, r, &inner[k], q);
			break;
		default:
			plot_cost_body(pg, r, &inner[k], 1, q);
			break;
		}
	}
	return 0;
}
