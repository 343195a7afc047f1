/* chart_decision_ranks.c - decision chart 2: the rank-probability heatmap of
 * a decide folder, one row per model (by mean rank, best first) and one
 * column per rank, each cell the probability over the plausible worlds that
 * the model takes that place, shaded from white (never) to blue (always). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static double cell(const struct plot_decide *d, size_t s, size_t rank)
{
	return d->rank_prob ? d->rank_prob[s * d->n_scen + rank] : NAN;
}

static double mean_rank(const struct plot_decide *d, size_t s)
{
	double m = 0, w = 0;
	for (size_t k = 0; k < d->n_scen; k++) {
		double p = cell(d, s, k);
		if (isfinite(p))
			m += p * (double)(k + 1), w += p;
	}
	return w > 0 ? m / w : INFINITY;
}

/* Rows by mean rank, best first (ties: file order). */
static void rank_order(const struct plot_decide *d, size_t *idx, double *mr)
{
	for (size_t s = 0; s < d->n_scen; s++)
		idx[s] = s, mr[s] = mean_rank(d, s);
	for (size_t a = 1; a < d->n_scen; a++)
		for (size_t b = a; b > 0 && mr[idx[b]] < mr[idx[b - 1]]; b--) {
			size_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
}

static const char *ordinal(char *buf, size_t len, size_t k)
{
	const char *suf = (k % 100 >= 11 && k % 100 <= 13) ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
	snprintf(buf, len, "%zu%s", k, suf);
	return buf;
}

void plot_decide_ranks_title(const struct plot_decide *d, char *buf, size_t len)
{
	size_t n = d->n_scen, idx[n ? n : 1];
	double mr[n ? n : 1];
	if (n < 2) {
		snprintf(buf, len, "Rank probabilities: one model only");
		return;
	}
	rank_order(d, idx, mr);
	char p1[16], p2[16];
	double top2 = cell(d, idx[0], 0) + cell(d, idx[0], 1);
	snprintf(buf, len, "%s ranks first in %s of plausible worlds and in the top two in %s", d->row[idx[0]].label,
		 plot_fmt_prob(p1, sizeof p1, cell(d, idx[0], 0)), plot_fmt_prob(p2, sizeof p2, top2));
}

void plot_decide_ranks_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r,
			    int compact)
{
	const struct plot_theme *t = &plot_theme;
	size_t n = d->n_scen, idx[n ? n : 1];
	double mr[n ? n : 1];
	rank_order(d, idx, mr);
	enum plot_font lf = compact ? PLOT_FONT_TICK : PLOT_FONT_LABEL;
	double th = plot_line_height(pg, PLOT_FONT_TICK), max_label = compact ? r->w * 0.36 : fmin(260, r->w * 0.3);
	double label_w = 0, mr_w = compact ? 0 : plot_text_size(pg, PLOT_FONT_TICK, 0, 0, "Mean rank").w + 12;
	for (size_t s = 0; s < n; s++)
		label_w = fmax(label_w, plot_text_size(pg, lf, max_label, 1, d->row[s].label).w);
	char buf[64];
	double gx = r->x + label_w + 10, gy = r->y + th + (compact ? 4 : 8);
	double gw = r->w - label_w - 10 - mr_w, gh = r->y + r->h - gy;
	/* rows one line apart at least: past that the last by mean rank are left out, said in a last line */
	size_t shown = n, fit = (size_t)floor(gh / th);
	if (n > fit && fit >= 2)
		shown = fit - 1;
	double cw = gw / (double)(n ? n : 1), ch = gh / (double)(shown < n ? shown + 1 : (n ? n : 1));
	/* "1st" .. "12th", or the numbers alone where the columns are narrow */
	int plain = 0;
	for (size_t k = 0; k < n; k++)
		plain |= plot_text_size(pg, PLOT_FONT_TICK, 0, 0, ordinal(buf, sizeof buf, k + 1)).w + 4 > cw;
	/* the blue of the strong end: probabilities read as ink */
	struct plot_rgb hi = t->positive, lo = t->background;
	for (size_t k = 0; k < n; k++)
		plot_text(pg, PLOT_FONT_TICK, t->text_muted, gx + ((double)k + 0.5) * cw, r->y, PLOT_CENTER | PLOT_TOP, cw, 1,
			  plain ? (snprintf(buf, sizeof buf, "%zu", k + 1), buf) : ordinal(buf, sizeof buf, k + 1));
	if (!compact)
		plot_text(pg, PLOT_FONT_TICK, t->text_muted, r->x + r->w, r->y, PLOT_RIGHT | PLOT_TOP, 0, 0, "Mean rank");
	if (shown < n) {
		snprintf(buf, sizeof buf, "%zu more models, ranked lower on average", n - shown);
		plot_text(pg, PLOT_FONT_TICK, t->text_muted, gx, gy + ((double)shown + 0.5) * ch, PLOT_LEFT | PLOT_MIDDLE, gw, 1,
			  buf);
		gh = (double)shown * ch;
	}
	for (size_t row = 0; row < shown; row++) {
		size_t s = idx[row];
		double y = gy + (double)row * ch;
		plot_text(pg, lf, t->text, r->x + label_w, y + ch / 2, PLOT_RIGHT | PLOT_MIDDLE, max_label, 1,
			  d->row[s].label);
		for (size_t k = 0; k < n; k++) {
			double p = cell(d, s, k), x = gx + (double)k * cw;
			if (!isfinite(p)) {
				plot_fill_rect(pg, x, y, cw, ch, t->band_note);
				continue;
			}
			double a = fmin(1, fmax(0, p));
			/* a square root lifts the small probabilities out of the white */
			double f = sqrt(a);
			struct plot_rgb c = {lo.r + (hi.r - lo.r) * f, lo.g + (hi.g - lo.g) * f, lo.b + (hi.b - lo.b) * f};
			plot_fill_rect(pg, x, y, cw, ch, c);
			plot_probe(pg, "decide.rank.cell", row, k, x, y, cw, ch);
			if (p <= 0)
				continue;
			plot_fmt_prob(buf, sizeof buf, p);
			struct plot_text_box b = plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf);
			if (b.w + 4 < cw && b.h < ch + 2)
				plot_text(pg, PLOT_FONT_VALUE, plot_luminance(c) > 0.35 ? t->text : t->background, x + cw / 2,
					  y + ch / 2, PLOT_CENTER | PLOT_MIDDLE, 0, 0, buf);
		}
		if (!compact && isfinite(mr[s]))
			plot_text(pg, PLOT_FONT_VALUE, t->text, r->x + r->w, y + ch / 2, PLOT_RIGHT | PLOT_MIDDLE, 0, 0,
				  plot_fmt(buf, sizeof buf, mr[s], 1));
	}
	/* thin white lines between the cells, a frame round the grid */
	for (size_t k = 1; k < n; k++) {
		plot_line(pg, gx + (double)k * cw, gy, gx + (double)k * cw, gy + gh, 1.5, t->background);
		if (k < shown)
			plot_line(pg, gx, gy + (double)k * ch, gx + gw, gy + (double)k * ch, 1.5, t->background);
	}
	cairo_rectangle(pg->cr, gx, gy, gw, gh);
	plot_set_colour(pg, t->grid_colour);
	cairo_set_line_width(pg->cr, t->grid);
	cairo_stroke(pg->cr);
}

int chart_decision_ranks_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_decide *d = in->decide;
	char title[512], note[512];
	plot_decide_ranks_title(d, title, sizeof title);
	snprintf(note, sizeof note,
		 "Cells: the share of the plausible worlds in which the model takes that place on %s (1st = best); "
		 "each row and each column adds up to 100%%. Rows by mean rank.",
		 d->objective.text);
	struct plot_rect body;
	pg->tool_top = 1;
	plot_frame(pg, in, title, note, &body);
	if (d->n_scen == 0 || !d->rank_prob) {
		plot_empty(pg, &body, "ranks.csv has no rows.");
		return 0;
	}
	plot_decide_ranks_body(pg, d, &body, 0);
	return 0;
}
