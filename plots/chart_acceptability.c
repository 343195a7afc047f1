/* chart_acceptability.c - decision chart 3: the acceptability curves of a
 * decide folder, the probability that each model is best as the weight of
 * experience in the objective varies (money per year per experience point,
 * as cost-effectiveness acceptability curves vary willingness to pay), the
 * objective's own weight marked. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static double acc(const struct plot_decide *d, size_t k, size_t s)
{
	return d->accept[k * d->n_scen + s];
}

/* The most likely best at weight k (or n_scen when none is known). */
static size_t leader(const struct plot_decide *d, size_t k)
{
	size_t best = d->n_scen;
	for (size_t s = 0; s < d->n_scen; s++)
		if (isfinite(acc(d, k, s)) && (best == d->n_scen || acc(d, k, s) > acc(d, k, best)))
			best = s;
	return best;
}

/* "€200k per point" */
static const char *weight_text(const struct plot_decide *d, char *buf, size_t len, double v)
{
	char m[48];
	plot_fmt_money(m, sizeof m, v, d->run.currency, 0);
	snprintf(buf, len, "%s per point", m);
	return buf;
}

/* Weights in rising order (acceptability.csv need not be sorted). */
static void weight_order(const struct plot_decide *d, size_t *idx)
{
	for (size_t k = 0; k < d->n_lambda; k++)
		idx[k] = k;
	for (size_t a = 1; a < d->n_lambda; a++)
		for (size_t b = a; b > 0 && d->lambda[idx[b]] < d->lambda[idx[b - 1]]; b--) {
			size_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
}

/* Sampling error of the difference of two shares p1, p2 of the same N
 * worlds (multinomial: var = (p1 + p2 - (p1 - p2)^2) / N), times 1.96: a
 * lead smaller than this is a tie. 0 when the manifest has no worlds. */
static double tie_margin(const struct plot_decide *d, double p1, double p2)
{
	if (!isfinite(d->worlds) || !(d->worlds > 0))
		return 0;
	return 1.96 * sqrt(fmax(0, p1 + p2 - (p1 - p2) * (p1 - p2)) / d->worlds);
}

/* The runner-up at weight k (n_scen when none). */
static size_t second_of(const struct plot_decide *d, size_t k, size_t first)
{
	size_t best = d->n_scen;
	for (size_t s = 0; s < d->n_scen; s++)
		if (s != first && isfinite(acc(d, k, s)) && (best == d->n_scen || acc(d, k, s) > acc(d, k, best)))
			best = s;
	return best;
}

/* Whether the leader at weight k is ahead of the runner-up by more than
 * the sampling error. */
static int clear_lead(const struct plot_decide *d, size_t k, size_t l)
{
	size_t r = second_of(d, k, l);
	return r == d->n_scen || acc(d, k, l) - acc(d, k, r) > tie_margin(d, acc(d, k, l), acc(d, k, r));
}

/* Only what lasts: the most likely best at the objective's own weight (or
 * the two tied there), and the model that is most likely best from some
 * weight to the end of the curve, clearly ahead at its end. Switches
 * between tied models in between are sampling noise and not named. */
void plot_acceptability_title(const struct plot_decide *d, char *buf, size_t len)
{
	if (d->n_lambda == 0 || d->n_scen == 0) {
		snprintf(buf, len, "Acceptability: acceptability.csv has no rows");
		return;
	}
	size_t m = d->n_lambda, idx[m];
	weight_order(d, idx);
	/* the objective's weight: the nearest on the curve */
	size_t k0 = 0;
	for (size_t q = 1; q < m; q++)
		if (fabs(d->lambda[idx[q]] - d->experience_weight) < fabs(d->lambda[idx[k0]] - d->experience_weight))
			k0 = q;
	size_t l0 = leader(d, idx[k0]), last = leader(d, idx[m - 1]);
	if (l0 == d->n_scen || last == d->n_scen) {
		snprintf(buf, len, "Acceptability: acceptability.csv has no shares");
		return;
	}
	/* the last stretch of weights where `last` is the most likely best (ties of equal shares count) */
	size_t from = m - 1;
	while (from > 0 && acc(d, idx[from - 1], last) >= acc(d, idx[from - 1], leader(d, idx[from - 1])))
		from--;
	int lasting = clear_lead(d, idx[m - 1], last), tie0 = !clear_lead(d, idx[k0], l0);
	char w0[64], top[64], lab[160], lab2[160];
	weight_text(d, top, sizeof top, d->lambda[idx[m - 1]]);
	weight_text(d, w0, sizeof w0, d->lambda[idx[k0]]);
	if (lasting && from == 0 && !tie0) {
		snprintf(buf, len, "%s is the most likely best at every weight of experience from 0 to %s", d->row[last].label,
			 top);
		return;
	}
	int used;
	if (tie0) {
		plot_in_sentence(lab2, sizeof lab2, d->row[second_of(d, idx[k0], l0)].label);
		used = snprintf(buf, len, "%s and %s tie as most likely best at %s (the objective)",
				d->row[l0].label, lab2, w0);
	} else
		used = snprintf(buf, len, "%s is the most likely best at %s (the objective)", d->row[l0].label, w0);
	if (used < 0 || (size_t)used >= len)
		return;
	if (!lasting)
		snprintf(buf + used, len - (size_t)used, "; no model is clearly ahead at the highest weights (to %s)", top);
	else if (last != l0 || tie0 || from > k0) {
		plot_in_sentence(lab, sizeof lab, d->row[last].label);
		char money[48];
		plot_fmt_money(money, sizeof money, d->lambda[idx[from]], d->run.currency, 0);
		snprintf(buf + used, len - (size_t)used, "; %s from %s per point on", lab, money);
	} else
		snprintf(buf + used, len - (size_t)used, " and at every higher weight to %s", top);
}

void plot_acceptability_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r,
			     int compact)
{
	const struct plot_theme *t = &plot_theme;
	size_t n = d->n_scen, m = d->n_lambda, idx[m ? m : 1];
	if (m == 0 || n == 0) {
		plot_empty(pg, r, "acceptability.csv has no rows.");
		return;
	}
	weight_order(d, idx);
	/* the legend: every model, or on the board those that are ever best in 5% of worlds */
	const char *keyed[n];
	size_t which[n], nk = 0;
	for (size_t s = 0; s < n; s++) {
		double top = 0;
		for (size_t k = 0; k < m; k++)
			if (isfinite(acc(d, k, s)))
				top = fmax(top, acc(d, k, s));
		if (!compact || top >= 0.05)
			keyed[nk] = d->row[s].label, which[nk++] = s;
	}
	double lh = plot_line_height(pg, PLOT_FONT_LEGEND), th = plot_line_height(pg, PLOT_FONT_TICK),
	       lab_h = plot_line_height(pg, PLOT_FONT_LABEL), top_y = r->y, right_w = 0;
	if (!compact) {
		/* plot_legend colours its keys by position: draw them one by one instead */
		double lx = r->x, ly = r->y;
		for (size_t i = 0; i < nk; i++) {
			double w = plot_legend_item(pg, PLOT_FONT_LEGEND, 0, 0, plot_scenario_colour(which[i]), which[i],
						    PLOT_KEY_LINE, keyed[i], 0);
			if (lx > r->x && lx + w > r->x + r->w)
				lx = r->x, ly += lh + 4;
			plot_legend_item(pg, PLOT_FONT_LEGEND, lx, ly, plot_scenario_colour(which[i]), which[i],
					 PLOT_KEY_LINE, keyed[i], 1);
			lx += w + 18;
		}
		top_y = ly + lh + 14;
	} else {
		/* the board: each line named at its right end */
		top_y = r->y + th / 2;
		for (size_t i = 0; i < nk; i++)
			right_w = fmax(right_w, plot_text_size(pg, PLOT_FONT_TICK, r->w * 0.4, 1, keyed[i]).w + 8);
	}
	struct plot_axis ax, ay;
	char unit[96];
	snprintf(unit, sizeof unit, "%s per point", d->unit);
	plot_axis_setup(&ax, d->lambda[idx[0]], d->lambda[idx[m - 1]], compact ? 4 : 6, unit);
	if (d->lambda[idx[m - 1]] > d->lambda[idx[0]])
		plot_axis_tight(&ax, d->lambda[idx[0]], d->lambda[idx[m - 1]]);
	plot_axis_setup(&ay, 0, 1, compact ? 3 : 5, "share");
	plot_axis_tight(&ay, 0, 1);
	double ylab_w = plot_axis_label_width(pg, &ay);
	char buf[160];
	ax.p0 = r->x + ylab_w + 10 + (compact ? 0 : lab_h + 4);
	ax.p1 = r->x + r->w - (compact ? right_w : 8);
	ay.p0 = r->y + r->h - th - 8 - lab_h;
	ay.p1 = top_y;
	plot_axis_draw_y(pg, &ay, ax.p0, ax.p1);
	plot_axis_draw_x(pg, &ax, ay.p0, -1);
	snprintf(buf, sizeof buf, "Weight of experience, %s", ax.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, t->text, (ax.p0 + ax.p1) / 2, r->y + r->h, PLOT_CENTER | PLOT_BOTTOM,
		  r->x + r->w - ax.p0, 1, buf);
	if (!compact)
		plot_text_vertical(pg, PLOT_FONT_LABEL, t->text, r->x + lab_h / 2, (ay.p0 + ay.p1) / 2,
				   "Chance of being best, %");
	if (compact) {
		/* the names at the lines' ends, pushed apart where they would touch */
		double y[n], lo = ay.p1, hi = ay.p0;
		size_t order[n];
		for (size_t i = 0; i < nk; i++) {
			double p = acc(d, idx[m - 1], which[i]);
			y[i] = plot_axis_map(&ay, isfinite(p) ? p : 0), order[i] = i;
		}
		for (size_t a2 = 1; a2 < nk; a2++)
			for (size_t b2 = a2; b2 > 0 && y[order[b2]] < y[order[b2 - 1]]; b2--) {
				size_t tmp = order[b2];
				order[b2] = order[b2 - 1];
				order[b2 - 1] = tmp;
			}
		for (size_t i = 0; i < nk; i++) /* downwards from the top */
			if (i && y[order[i]] < y[order[i - 1]] + th)
				y[order[i]] = y[order[i - 1]] + th;
		for (size_t i = nk; i-- > 0;) /* then up from the bottom */
			y[order[i]] = fmin(y[order[i]], i + 1 < nk ? y[order[i + 1]] - th : hi);
		for (size_t i = 0; i < nk; i++) {
			struct plot_rgb c = plot_scenario_colour(which[i]);
			plot_text(pg, PLOT_FONT_TICK, plot_luminance(c) > 0.6 ? t->text : c, ax.p1 + 6, fmax(lo, y[i]),
				  PLOT_LEFT | PLOT_MIDDLE, right_w - 6, 1, keyed[i]);
		}
	}
	/* the objective's own weight */
	double w0 = d->experience_weight;
	if (isfinite(w0) && w0 >= d->lambda[idx[0]] && w0 <= d->lambda[idx[m - 1]]) {
		double x = plot_axis_map(&ax, w0);
		cairo_save(pg->cr);
		double dash[] = {5, 4};
		cairo_set_dash(pg->cr, dash, 2, 0);
		plot_line(pg, x, ay.p1, x, ay.p0, 1.4, t->text);
		cairo_restore(pg->cr);
		char w[64];
		snprintf(buf, sizeof buf, "objective: %s", weight_text(d, w, sizeof w, w0));
		double tw = plot_text_size(pg, PLOT_FONT_TICK, 0, 0, buf).w;
		int left = x + 4 + tw > ax.p1;
		plot_text(pg, PLOT_FONT_TICK, t->text, x + (left ? -4 : 4), ay.p1, (left ? PLOT_RIGHT : PLOT_LEFT) | PLOT_TOP, 0,
			  0, buf);
		plot_probe(pg, "decide.accept.mark", 0, 0, x, ay.p1, 0, ay.p0 - ay.p1);
	}
	/* the curves, the likeliest drawn last (on top) */
	size_t draw[n];
	double peak[n];
	for (size_t s = 0; s < n; s++) {
		draw[s] = s, peak[s] = 0;
		for (size_t k = 0; k < m; k++)
			if (isfinite(acc(d, k, s)))
				peak[s] = fmax(peak[s], acc(d, k, s));
	}
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && peak[draw[b]] < peak[draw[b - 1]]; b--) {
			size_t tmp = draw[b];
			draw[b] = draw[b - 1];
			draw[b - 1] = tmp;
		}
	for (size_t i = 0; i < n; i++) {
		size_t s = draw[i];
		plot_set_dash(pg, s, t->line);
		cairo_set_line_width(pg->cr, t->line);
		plot_set_colour(pg, plot_scenario_colour(s));
		int open = 0;
		for (size_t q = 0; q < m; q++) {
			double p = acc(d, idx[q], s);
			if (!isfinite(p)) {
				open = 0;
				continue;
			}
			double x = plot_axis_map(&ax, d->lambda[idx[q]]), y = plot_axis_map(&ay, p);
			if (open)
				cairo_line_to(pg->cr, x, y);
			else
				cairo_move_to(pg->cr, x, y);
			open = 1;
		}
		cairo_stroke(pg->cr);
		cairo_set_dash(pg->cr, NULL, 0, 0);
	}
}

int chart_acceptability_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_decide *d = in->decide;
	char title[512], note[768], w[64];
	plot_acceptability_title(d, title, sizeof title);
	snprintf(note, sizeof note,
		 "Lines: the share of the plausible worlds in which each model is best when the objective counts an "
		 "experience point as worth the weight on the axis (money per year). Dashed: the objective's own weight "
		 "(%s).",
		 weight_text(d, w, sizeof w, d->experience_weight));
	struct plot_rect body;
	pg->tool_top = 1;
	plot_frame(pg, in, title, note, &body);
	plot_acceptability_body(pg, d, &body, 0);
	return 0;
}
