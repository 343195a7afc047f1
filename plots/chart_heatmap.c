/* chart_heatmap.c - chart 6: a KPI over a two-parameter grid. By default,
 * with two or more scenarios, the cells show the paired difference of a
 * scenario against the baseline on a diverging scale centred on 0 (blue
 * better, red worse, by the metric's direction), and cells whose 95%
 * interval includes zero are hatched; otherwise the KPI itself, in viridis.
 * A contrast A - B (--contrast, or the sweep's) shows the paired difference
 * of A and B the same way. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "plot.h"

int chart_heatmap_available(const struct chart_inputs *in)
{
	const struct plot_sweep *w = in->sweep;
	return w && w->n_params == 2 && w->n_points >= 2 && w->n_metric > 0 && w->n_scen > 0;
}

/* Distinct finite values of parameter j, sorted; returns the count. */
static size_t distinct(const struct plot_sweep *w, size_t j, double *out)
{
	size_t n = 0;
	for (size_t p = 0; p < w->n_points; p++) {
		double v = w->value[p * w->n_params + j];
		if (!isfinite(v))
			continue;
		size_t k = 0;
		while (k < n && out[k] != v)
			k++;
		if (k == n)
			out[n++] = v;
	}
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && out[b] < out[b - 1]; b--) {
			double t = out[b];
			out[b] = out[b - 1];
			out[b - 1] = t;
		}
	return n;
}

static size_t index_of(const double *v, size_t n, double x)
{
	for (size_t k = 0; k < n; k++)
		if (v[k] == x)
			return k;
	return n;
}

struct heat {
	int m;        /* metric */
	size_t s;     /* scenario */
	size_t b;     /* what it is compared with: the baseline, or a contrast's B */
	int diff;     /* cells are scenario - b */
	size_t nx, ny;
	double *xs, *ys;
	const struct plot_stat **cell; /* [iy * nx + ix], NULL where no point */
};

static int pick_metric(const struct plot_sweep *w, const struct chart_options *o)
{
	int m = plot_sweep_pick_metric(w, o, "experience.mean");
	return m >= 0 ? m : 0;
}

static void number_text(const struct plot_sweep *w, int m, double v, int signed_, char *buf, size_t len)
{
	if (plot_unit_is_money(w->unit[m], w->run.currency))
		plot_fmt_money(buf, len, v, w->run.currency, signed_);
	else if (signed_)
		plot_fmt_signed(buf, len, v, plot_digits_for(v) > 1 ? 2 : 1);
	else
		plot_fmt(buf, len, v, plot_digits_for(v) > 1 ? 2 : 1);
}

static void title_of(const struct plot_sweep *w, const struct heat *h, char *buf, size_t len)
{
	char metric[64], lower[96], base[160], p0[96], p1[96], a[64], b[64], v[64];
	plot_metric_label(metric, sizeof metric, w->metric[h->m]);
	plot_in_sentence(lower, sizeof lower, metric);
	plot_sweep_param_label(w, p0, sizeof p0, w->param[0]);
	plot_sweep_param_label(w, p1, sizeof p1, w->param[1]);
	plot_in_sentence(a, sizeof a, p0);
	plot_in_sentence(b, sizeof b, p1);
	int better = metric_better_find(w->metric[h->m]);
	if (h->diff) {
		/* both directions: a title that counts only the wins would hide the losses */
		size_t up = 0, down = 0, total = 0;
		for (size_t k = 0; k < h->nx * h->ny; k++) {
			if (!h->cell[k] || !isfinite(h->cell[k]->mean))
				continue;
			total++;
			if (plot_significant(h->cell[k]))
				*(h->cell[k]->mean * (better ? better : 1) > 0 ? &up : &down) += 1;
		}
		char where[256];
		plot_in_sentence(base, sizeof base, w->label[h->b]);
		snprintf(where, sizeof where, "points of %s \xC3\x97 %s", a, b);
		plot_count_claim(buf, len, w->label[h->s], base, lower, better, up, down, total, where);
		return;
	}
	/* the best cell */
	size_t best = h->nx * h->ny;
	for (size_t k = 0; k < h->nx * h->ny; k++) {
		if (!h->cell[k] || !isfinite(h->cell[k]->mean))
			continue;
		double x = h->cell[k]->mean * (better < 0 ? -1 : 1);
		if (best == h->nx * h->ny || x > h->cell[best]->mean * (better < 0 ? -1 : 1))
			best = k;
	}
	if (best == h->nx * h->ny) {
		snprintf(buf, len, "%s: no results on the grid", metric);
		return;
	}
	number_text(w, h->m, h->cell[best]->mean, 0, v, sizeof v);
	snprintf(buf, len, "%s: %s is %s (%s) at %s %s, %s %s", w->label[h->s], lower, better < 0 ? "lowest" : "highest",
		 v, a, plot_fmt(p0, sizeof p0, h->xs[best % h->nx], plot_digits_needed(h->xs, h->nx)), b,
		 plot_fmt(p1, sizeof p1, h->ys[best / h->nx], plot_digits_needed(h->ys, h->ny)));
}

int chart_heatmap_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	const struct plot_sweep *w = in->sweep;
	const struct chart_options *o = in->opt;
	struct plot_rect body;
	if (!chart_heatmap_available(in)) {
		plot_frame(pg, in,
			   w->n_points == 0 ? "Sweep heatmap: the sweep has no points yet"
					    : "Sweep heatmap: this sweep has no two-parameter grid",
			   "", &body);
		plot_empty(pg, &body,
			   w->n_points == 0 ? "The sweep has no points yet (points.csv is empty)."
					    : "A heatmap needs a sweep over exactly two parameters.");
		return 0;
	}
	struct heat h = {0};
	h.m = pick_metric(w, o);
	int s = plot_sweep_scenario(w, o->scenario);
	h.s = s >= 0 ? (size_t)s : (w->n_scen > 1 ? 1 : 0);
	h.diff = o->difference >= 0 ? o->difference : (w->n_scen > 1 && w->have_diffs);
	if (h.s == 0 || !w->have_diffs)
		h.diff = 0;
	/* a contrast A - B: the paired difference, whatever the options above say */
	struct plot_contrast con;
	if (plot_sweep_contrast(w, o, h.m, &con, err) < 0)
		return -1;
	if (con.is_contrast) {
		h.s = (size_t)con.a;
		h.b = (size_t)con.b;
		h.diff = 1;
	}
	h.xs = malloc(w->n_points * sizeof *h.xs);
	h.ys = malloc(w->n_points * sizeof *h.ys);
	h.cell = NULL;
	if (!h.xs || !h.ys)
		goto oom;
	h.nx = distinct(w, 0, h.xs);
	h.ny = distinct(w, 1, h.ys);
	h.cell = calloc(h.nx * h.ny + 1, sizeof *h.cell);
	if (!h.cell)
		goto oom;
	for (size_t p = 0; p < w->n_points; p++) {
		size_t ix = index_of(h.xs, h.nx, w->value[p * w->n_params]);
		size_t iy = index_of(h.ys, h.ny, w->value[p * w->n_params + 1]);
		if (ix < h.nx && iy < h.ny)
			h.cell[iy * h.nx + ix] = con.is_contrast ? &con.d[p]
						 : plot_sweep_at(h.diff ? w->diff : w->summary, w, p, h.s, (size_t)h.m);
	}
	char title[1024], note[1024], metric[64], buf[256], p0[256], p1[96];
	title_of(w, &h, title, sizeof title);
	char base[160], scen[160];
	plot_in_sentence(base, sizeof base, w->label[h.b]);
	plot_in_sentence(scen, sizeof scen, w->label[h.s]);
	int better = metric_better_find(w->metric[h.m]);
	if (h.diff && better)
		snprintf(note, sizeof note, "Cells: mean paired difference, %s minus %s: blue where %s is better, red where "
					    "worse, white for none. Hatched: the 95%% interval includes 0 (not significant).",
			 scen, base, scen);
	else if (h.diff)
		snprintf(note, sizeof note, "Cells: mean paired difference, %s minus %s: purple where higher, orange where "
					    "lower, white for none. Hatched: the 95%% interval includes 0 (not significant).",
			 scen, base);
	else
		snprintf(note, sizeof note, "Cells: mean over replications at each point of the grid.");
	plot_frame(pg, in, title, note, &body);

	double lo = INFINITY, hi = -INFINITY;
	for (size_t k = 0; k < h.nx * h.ny; k++)
		if (h.cell[k] && isfinite(h.cell[k]->mean))
			lo = fmin(lo, h.cell[k]->mean), hi = fmax(hi, h.cell[k]->mean);
	if (!(hi >= lo)) {
		plot_empty(pg, &body, "No results for the grid's points in summary.csv.");
		goto out;
	}
	/* a difference is coloured on a scale centred on 0, so that 0 is always
	 * the neutral white and all-negative cells never take the "good" end */
	double span = fmax(fabs(lo), fabs(hi));
	if (h.diff) {
		lo = -span;
		hi = span;
	}
	/* colour bar on the right with its own axis */
	struct plot_axis ac;
	plot_axis_setup(&ac, lo, hi, 5, w->unit[h.m]);
	if (hi > lo)
		plot_axis_tight(&ac, lo, hi);
	/* the ends of a difference's bar say which side is better */
	const char *end_hi = better > 0 ? "better" : better < 0 ? "worse" : "higher";
	const char *end_lo = better > 0 ? "worse" : better < 0 ? "better" : "lower";
	double lh = plot_line_height(pg, PLOT_FONT_LABEL), th = plot_line_height(pg, PLOT_FONT_TICK);
	double bar_w = 18, bar_label_w = plot_axis_label_width(pg, &ac);
	plot_metric_label(metric, sizeof metric, w->metric[h.m]);
	char bar_title[256];
	snprintf(bar_title, sizeof bar_title, "%s%s, %s", metric, h.diff ? " difference" : "", ac.scale.unit);
	double legend_w = bar_w + 8 + bar_label_w;
	if (h.diff)
		legend_w = fmax(legend_w, fmax(plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, end_hi).w,
					       plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, end_lo).w));
	int xdig = plot_digits_needed(h.xs, h.nx), ydig = plot_digits_needed(h.ys, h.ny);
	/* y parameter labels on the left */
	double ylab_w = 0;
	for (size_t k = 0; k < h.ny; k++)
		ylab_w = fmax(ylab_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0,
						     plot_fmt(p0, sizeof p0, h.ys[k], ydig)).w);
	double gx = body.x + ylab_w + 12, gy = body.y + lh + 10;
	double gw = body.w - (ylab_w + 12) - legend_w - 40, gh = body.h - (lh + 10) - th - 10 - lh - 6;
	double cw = gw / (double)h.nx, ch = gh / (double)h.ny;
	plot_sweep_param_label(w, p1, sizeof p1, w->param[1]);
	snprintf(p0, sizeof p0, "%s%s%s (rows)", p1, *w->param_unit[1] ? ", " : "", w->param_unit[1]);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x, body.y, PLOT_LEFT | PLOT_TOP, gw, 1, p0);
	plot_sweep_param_label(w, p1, sizeof p1, w->param[0]);
	snprintf(p0, sizeof p0, "%s%s%s", p1, *w->param_unit[0] ? ", " : "", w->param_unit[0]);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, gx + gw / 2, body.y + body.h, PLOT_CENTER | PLOT_BOTTOM, gw, 1, p0);

	for (size_t iy = 0; iy < h.ny; iy++) {
		/* the first value at the bottom */
		double y = gy + gh - (double)(iy + 1) * ch;
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, gx - 8, y + ch / 2, PLOT_RIGHT | PLOT_MIDDLE, 0, 0,
			  plot_fmt(p0, sizeof p0, h.ys[iy], ydig));
		for (size_t ix = 0; ix < h.nx; ix++) {
			double x = gx + (double)ix * cw;
			const struct plot_stat *c = h.cell[iy * h.nx + ix];
			if (!c || !isfinite(c->mean)) {
				plot_fill_rect(pg, x, y, cw, ch, plot_theme.band_note);
				if (cw > 40 && ch > 20)
					plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, x + cw / 2, y + ch / 2,
						  PLOT_CENTER | PLOT_MIDDLE, cw - 4, 1, "no data");
				continue;
			}
			double t = hi > lo ? (c->mean - lo) / (hi - lo) : 0.5;
			struct plot_rgb col = h.diff ? plot_diverging(c->mean, span, better) : plot_viridis(t);
			plot_fill_rect(pg, x, y, cw, ch, col);
			plot_probe(pg, "heat.cell", ix, iy, x, y, cw, ch);
			if (h.diff && !plot_significant(c))
				plot_hatch(pg, x, y, cw, ch, plot_luminance(col) > 0.35 ? plot_theme.text : plot_theme.background);
			number_text(w, h.m, c->mean, h.diff, buf, sizeof buf);
			struct plot_text_box b = plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf);
			if (b.w + 6 < cw && b.h + 2 < ch)
				plot_text(pg, PLOT_FONT_VALUE, plot_luminance(col) > 0.35 ? plot_theme.text : plot_theme.background,
					  x + cw / 2, y + ch / 2, PLOT_CENTER | PLOT_MIDDLE, 0, 0, buf);
		}
	}
	/* thin white grid between cells */
	for (size_t ix = 1; ix < h.nx; ix++)
		plot_line(pg, gx + (double)ix * cw, gy, gx + (double)ix * cw, gy + gh, 1.5, plot_theme.background);
	for (size_t iy = 1; iy < h.ny; iy++)
		plot_line(pg, gx, gy + (double)iy * ch, gx + gw, gy + (double)iy * ch, 1.5, plot_theme.background);
	/* x values under the columns, thinned when crowded */
	double need = 0;
	for (size_t ix = 0; ix < h.nx; ix++)
		need = fmax(need, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, plot_fmt(p0, sizeof p0, h.xs[ix], xdig)).w + 8);
	size_t stride = 1;
	while (stride < h.nx && need > cw * (double)stride)
		stride++;
	for (size_t ix = 0; ix < h.nx; ix += stride)
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, gx + ((double)ix + 0.5) * cw, gy + gh + 6,
			  PLOT_CENTER | PLOT_TOP, 0, 0, plot_fmt(p0, sizeof p0, h.xs[ix], xdig));
	/* the colour bar; a difference's is shorter by a line at each end for
	 * the words that say which end is better */
	double bx = gx + gw + 30, vy = h.diff ? th + 4 : 0, by0 = gy + vy, bh = gh - 2 * vy;
	ac.p0 = by0 + bh;
	ac.p1 = by0;
	for (int k = 0; k < 64; k++) {
		double y0 = by0 + bh - bh * k / 64.0, y1 = by0 + bh - bh * (k + 1) / 64.0, t = (k + 0.5) / 64.0;
		plot_fill_rect(pg, bx, y1, bar_w, y0 - y1 + 0.5,
			       h.diff ? plot_diverging(lo + t * (hi - lo), span, better) : plot_viridis(t));
	}
	if (h.diff) {
		struct plot_rgb c_hi = plot_diverging(span, span, better), c_lo = plot_diverging(-span, span, better);
		plot_text(pg, PLOT_FONT_VALUE_BOLD, c_hi, bx, gy, PLOT_LEFT | PLOT_TOP, 0, 0, end_hi);
		plot_text(pg, PLOT_FONT_VALUE_BOLD, c_lo, bx, gy + gh, PLOT_LEFT | PLOT_BOTTOM, 0, 0, end_lo);
	}
	plot_axis_draw_y(pg, &ac, bx + bar_w + 8 + bar_label_w + 6, -1);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x + body.w, body.y, PLOT_RIGHT | PLOT_TOP,
		  fmax(body.w - gw - 40, body.w * 0.3), 1, bar_title);
out:
	free(h.xs);
	free(h.ys);
	free(h.cell);
	free(con.d);
	return 0;
oom:
	free(h.xs);
	free(h.ys);
	free(con.d);
	return js_error_set(err, EX_OSERR, "sweep_heatmap: out of memory");
}
