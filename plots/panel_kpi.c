/* panel_kpi.c - the board's key-figure table: one row per scenario with its
 * marker (the key of the other panels), the baseline's experience, cost,
 * revenue and margin, and under it each scenario's significant change
 * against the baseline, blue where better and red where worse (by the
 * metric's direction in metrics.h). */
#include <math.h>
#include <stdio.h>

#include "metrics.h"
#include "plot.h"

static const char *const kpis[4] = {"experience.mean", "cost.total", "revenue.total", "margin"};
static const char *const heads[4] = {"Experience", "Cost", "Revenue", "Margin"};

/* Decimals of the experience column: one, or two where a significant change
 * would otherwise read as 0.0; the same for every row so the points align. */
static int experience_digits(const struct plot_results *r, struct plot_selection q)
{
	for (size_t i = 0; i < q.n; i++) {
		struct plot_stat d = plot_results_diff(r, plot_sel(&q, i), kpis[0]);
		if (plot_sel(&q, i) > 0 && plot_significant(&d) && fabs(d.mean) < 0.05)
			return 2;
	}
	return 1;
}

static void kpi_value(const struct plot_results *r, size_t k, double v, int digits, char *buf, size_t len)
{
	if (plot_unit_is_money(plot_results_unit(r, kpis[k]), r->run.currency))
		plot_fmt_money(buf, len, v, r->run.currency, 0);
	else
		plot_fmt(buf, len, v, digits);
}

/* The change against the baseline as the board reads it: points for
 * experience, % for cost and revenue, money for margin. Returns +1 better,
 * -1 worse (significant), 0 not significant or unknown. */
static int kpi_change(const struct plot_results *r, size_t s, size_t k, int digits, char *buf, size_t len)
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
	if (k == 0) {
		snprintf(buf, len, "%s", plot_fmt_signed(num, sizeof num, d.mean, digits));
	} else if (k == 3 || !(fabs(b.mean) > 0)) {
		plot_fmt_money(buf, len, d.mean, r->run.currency, 1);
	} else {
		/* a significant change never reads as zero */
		double pct = d.mean / fabs(b.mean) * 100;
		snprintf(buf, len, "%s%%", plot_fmt_signed(num, sizeof num, pct, fabs(pct) < 0.5 ? 1 : 0));
	}
	return d.mean * metric_better_find(kpis[k]) > 0 ? 1 : -1;
}

static double head_height(struct chart_page *pg)
{
	return plot_line_height(pg, PLOT_FONT_VALUE_BOLD) + 8;
}

/* Rows are a line and 4 pt apart, closer (2 pt) when the area is short,
 * and at the closest the font's size and 2 pt. */
static double row_height(struct chart_page *pg, int tight)
{
	double lh = plot_line_height(pg, PLOT_FONT_VALUE);
	return tight >= 2 ? fmax(lh, plot_theme.font[PLOT_FONT_VALUE].size + 2) : lh + (tight ? 2 : 4);
}

double plot_kpi_table_height(struct chart_page *pg, size_t n, int tight)
{
	return head_height(pg) + (double)n * row_height(pg, tight);
}

size_t plot_kpi_table_capacity(struct chart_page *pg, const struct plot_rect *area)
{
	double n = floor((area->h - head_height(pg)) / row_height(pg, 2) + 1e-9);
	return n < 2 ? 2 : (size_t)n;
}

void plot_kpi_table(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area,
		    struct plot_selection q)
{
	/* the baseline's values, then each scenario's change against it */
	double lh = plot_line_height(pg, PLOT_FONT_VALUE), head_h = head_height(pg);
	size_t rows = q.n, fit = plot_kpi_table_capacity(pg, area);
	if (fit < rows)
		rows = fit - 1; /* the last line says how many are left out */
	double row_h = fmax(row_height(pg, 2), fmin(row_height(pg, 0), (area->h - head_h) / (double)(rows ? rows : 1)));
	int digits = experience_digits(r, q);
	/* each column as wide as its widest text; the names get the rest */
	char buf[96];
	double col_w[4], right[4], first_w = 0, used = 0;
	for (size_t k = 0; k < 4; k++) {
		col_w[k] = 0;
		for (size_t i = 0; i < rows; i++) {
			size_t s = plot_sel(&q, i);
			if (s == 0)
				kpi_value(r, k, plot_results_get(r, 0, kpis[k]).mean, digits, buf, sizeof buf);
			else
				kpi_change(r, s, k, digits, buf, sizeof buf);
			col_w[k] = fmax(col_w[k], plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, buf).w);
		}
		if (k == 0)
			first_w = col_w[k];
		col_w[k] = fmax(col_w[k], plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, heads[k]).w) + 14;
		used += col_w[k];
	}
	/* names may run on under the first heading, up to its widest value */
	double key_w = 2 * plot_theme.marker + 8, name_w = area->w - used - key_w - 4;
	double name_max = name_w + col_w[0] - first_w - 12;
	double x = area->x + key_w + name_w;
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
		double y = area->y + head_h + (double)i * row_h + (row_h - lh) / 2;
		if (i == 1)
			plot_line(pg, area->x, y - (row_h - lh) / 2, area->x + area->w, y - (row_h - lh) / 2, plot_theme.grid,
				  plot_theme.text_muted);
		plot_probe(pg, "board.row", s, 0, area->x, y - (row_h - lh) / 2, area->w, row_h);
		/* the marker is the scenario's key in the other panels */
		plot_marker(pg, s, area->x + plot_theme.marker, y + lh / 2, plot_theme.marker * 0.85);
		char name[192];
		plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, area->x + key_w, y, PLOT_LEFT | PLOT_TOP, name_max, 1,
			  plot_text_abbreviate(pg, PLOT_FONT_VALUE, name_max, r->label[s], name, sizeof name));
		for (size_t k = 0; k < 4; k++) {
			if (s == 0) {
				kpi_value(r, k, plot_results_get(r, 0, kpis[k]).mean, digits, buf, sizeof buf);
				plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, right[k], y, PLOT_RIGHT | PLOT_TOP, col_w[k], 1, buf);
				continue;
			}
			int dir = kpi_change(r, s, k, digits, buf, sizeof buf);
			plot_text(pg, dir ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE,
				  dir > 0 ? plot_theme.positive : dir < 0 ? plot_theme.negative : plot_theme.text_muted, right[k], y,
				  PLOT_RIGHT | PLOT_TOP, col_w[k], 1, buf);
			plot_probe(pg, "board.change", s, k, right[k], y, 0, lh);
		}
	}
	if (rows < q.n) {
		snprintf(buf, sizeof buf, "and %zu more: see the KPI comparison chart", q.n - rows);
		plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, area->x + key_w, area->y + head_h + (double)rows * row_h,
			  PLOT_LEFT | PLOT_TOP, area->w - key_w, 1, buf);
	}
}
