/* chart_evppi.c - decision chart 4, "what to measure before deciding": a
 * tornado of the expected value of partial perfect information (EVPPI) of
 * each uncertain parameter of a decide folder, largest on top, then the
 * named groups of parameters (orange, hatched, below a gap), with the EVPI
 * (perfect information on all of them) as the reference line. Values in
 * the objective's money per year. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define GROUP_COLOUR ((struct plot_rgb){0.902, 0.624, 0.0}) /* Okabe-Ito orange */

/* Parameters, or groups, by EVPPI, largest first (then file order). */
static size_t pick(const struct plot_decide *d, enum plot_evppi_kind kind, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_evppi; i++)
		if (d->evppi[i].kind == kind)
			idx[n++] = i;
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && d->evppi[idx[b]].evppi > d->evppi[idx[b - 1]].evppi; b--) {
			size_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
	return n;
}

/* Whether a is ahead of b by more than the sampling error: 1.96 standard
 * errors of the difference, or 10% of a when evppi.csv has no se column. */
static int apart(const struct plot_evppi_row *a, const struct plot_evppi_row *b)
{
	double gap = a->evppi - b->evppi;
	if (isfinite(a->se) && isfinite(b->se))
		return gap > 1.96 * sqrt(a->se * a->se + b->se * b->se);
	return gap > 0.1 * a->evppi; /* no standard errors: within 10% is a tie */
}

void plot_evppi_title(const struct plot_decide *d, char *buf, size_t len)
{
	size_t idx[d->n_evppi + 1];
	size_t n = pick(d, PLOT_EVPPI_PARAMETER, idx);
	char v[48], e[48], lab[192];
	if (!isfinite(d->evpi) || n == 0) {
		snprintf(buf, len, "What to measure before deciding: evppi.csv has no parameters");
		return;
	}
	plot_decide_value(d, e, sizeof e, d->evpi, 0);
	if (!(d->evpi > 0)) {
		snprintf(buf, len, "Measuring would not change the decision: perfect information is worth %s", e);
		return;
	}
	const struct plot_evppi_row *top = &d->evppi[idx[0]];
	plot_in_sentence(lab, sizeof lab, top->label);
	if (n > 1 && !apart(top, &d->evppi[idx[1]])) {
		/* the second is indistinguishable: name both, at their mean */
		char lab2[192];
		plot_in_sentence(lab2, sizeof lab2, d->evppi[idx[1]].label);
		double mean = (top->evppi + d->evppi[idx[1]].evppi) / 2, p10 = pow(10, floor(log10(fabs(mean))) - 1);
		plot_decide_value(d, v, sizeof v, mean > 0 ? round(mean / p10) * p10 : mean, 0); /* "about": 2 digits */
		snprintf(buf, len, "What to measure before deciding: %s and %s (about %s/year each)", lab, lab2, v);
		return;
	}
	plot_decide_value(d, v, sizeof v, top->evppi, 0);
	char share[16];
	snprintf(buf, len, "What to measure before deciding: %s (%s/year, %s of the EVPI)", lab, v,
		 plot_fmt_prob(share, sizeof share, top->evppi / d->evpi));
}

/* The rows that fit at a readable pitch: on the page every group, then the
 * largest parameters; on the board the largest rows of either kind. In the
 * label font or one size down before rows are dropped. */
struct fit {
	enum plot_font lf;
	size_t shown, groups;
	double th, head, avail, pitch, bar_h;
};

static void evppi_fit(struct chart_page *pg, const struct plot_rect *r, int compact, const struct plot_decide *d,
		      const size_t *pidx, size_t np, const size_t *gidx, size_t ng, struct fit *f)
{
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	enum plot_font lf = compact ? PLOT_FONT_TICK : PLOT_FONT_LABEL;
	double head = th + 6, axis_h = th + 8;
	double avail = r->h - head - axis_h, pitch_min = plot_line_height(pg, lf) + 1;
	if (!compact && avail / ((double)(np + ng) + (ng ? 0.4 : 0)) < pitch_min) {
		lf = PLOT_FONT_TICK; /* line boxes may touch: the ink of 14 pt text is about 13 pt high */
		pitch_min = 0.92 * plot_line_height(pg, lf);
	}
	size_t shown = np;
	if (compact && pidx && gidx) {
		/* the board: the rows that fit, the largest by value whether
		 * parameter or group (merged from the two sorted lists) */
		size_t fit = np + ng;
		while (fit > 1 && avail / ((double)fit + 0.4) < pitch_min)
			fit--;
		size_t a = 0, b = 0;
		while (a + b < fit && (a < np || b < ng)) {
			if (b >= ng || (a < np && !(d->evppi[gidx[b]].evppi > d->evppi[pidx[a]].evppi)))
				a++;
			else
				b++;
		}
		shown = a, ng = b;
	}
	while (shown > 1 && avail / ((double)(shown + ng) + (ng ? 0.4 : 0)) < pitch_min)
		shown--;
	f->groups = ng;
	double rows = (double)(shown + ng) + (ng ? 0.4 : 0);
	f->lf = lf, f->shown = shown, f->th = th, f->head = head, f->avail = avail;
	f->pitch = avail / rows;
	f->bar_h = fmin(f->pitch * 0.66, 28);
}

/* "€158k (62%)": the value and its share of the EVPI (none where the EVPI is 0) */
static void value_text(const struct plot_decide *d, const struct plot_evppi_row *e, int compact, char *buf, size_t len)
{
	char v[48], s[16];
	plot_decide_value(d, v, sizeof v, e->evppi, 0);
	if (compact || !isfinite(e->share))
		snprintf(buf, len, "%s", v);
	else
		snprintf(buf, len, "%s (%s)", v, plot_fmt_prob(s, sizeof s, e->share));
}

size_t plot_evppi_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r, int compact)
{
	const struct plot_theme *t = &plot_theme;
	size_t pidx[d->n_evppi + 1], gidx[d->n_evppi + 1];
	size_t np = pick(d, PLOT_EVPPI_PARAMETER, pidx), ng = pick(d, PLOT_EVPPI_GROUP, gidx);
	if (np + ng == 0) {
		plot_empty(pg, r, "evppi.csv has no parameters.");
		return 0;
	}
	struct fit f;
	evppi_fit(pg, r, compact, d, pidx, np, gidx, ng, &f);
	enum plot_font lf = f.lf;
	size_t shown = f.shown;
	ng = f.groups;
	double head = f.head, avail = f.avail, pitch = f.pitch, bar_h = f.bar_h;
	/* labels; groups read "Group: handoffs" */
	char buf[256], v[48];
	double max_label = compact ? r->w * 0.56 : fmin(330, r->w * 0.36), label_w = 0, val_w = 0;
	for (size_t k = 0; k < shown + ng; k++) {
		const struct plot_evppi_row *e = &d->evppi[k < shown ? pidx[k] : gidx[k - shown]];
		snprintf(buf, sizeof buf, "%s%s", e->kind == PLOT_EVPPI_GROUP ? "Group: " : "", e->label);
		label_w = fmax(label_w, plot_text_size(pg, lf, max_label, 1, buf).w);
		value_text(d, e, compact, buf, sizeof buf);
		val_w = fmax(val_w, plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf).w);
	}
	double hi = isfinite(d->evpi) ? d->evpi : 0, values[shown + ng + 1];
	for (size_t i = 0; i < d->n_evppi; i++)
		if (isfinite(d->evppi[i].evppi))
			hi = fmax(hi, d->evppi[i].evppi + (isfinite(d->evppi[i].se) ? 1.96 * d->evppi[i].se : 0));
	struct plot_axis ax;
	if (compact) /* the board's small panel: the axis ends at the data, not the next round tick */
		plot_axis_fit(&ax, 0, hi > 0 ? hi : 1, 4, d->unit);
	else
		plot_axis_setup(&ax, 0, hi > 0 ? hi : 1, 6, d->unit);
	ax.p0 = r->x + label_w + 12;
	ax.p1 = r->x + r->w - val_w - 8;
	double rows_top = r->y + head, axis_y = rows_top + avail;
	plot_axis_draw_x(pg, &ax, axis_y, rows_top);
	/* the axis's unit left of its tick labels, under the row labels */
	snprintf(buf, sizeof buf, "Value of information, %s", ax.scale.unit);
	if (plot_text_size(pg, PLOT_FONT_TICK, 0, 0, buf).w > label_w)
		snprintf(buf, sizeof buf, "%s", ax.scale.unit);
	plot_text(pg, PLOT_FONT_TICK, t->text_muted, ax.p0 - 14, axis_y + 4, PLOT_RIGHT | PLOT_TOP, 0, 0, buf);
	for (size_t k = 0; k < shown + ng; k++) {
		int group = k >= shown;
		const struct plot_evppi_row *e = &d->evppi[group ? gidx[k - shown] : pidx[k]];
		double cy = rows_top + ((double)k + 0.5 + (group ? 0.4 : 0)) * pitch;
		snprintf(buf, sizeof buf, "%s%s", group ? "Group: " : "", e->label);
		plot_text(pg, lf, group ? GROUP_COLOUR : t->text, r->x + label_w, cy, PLOT_RIGHT | PLOT_MIDDLE, max_label, 1,
			  buf);
		double x1 = plot_axis_map(&ax, isfinite(e->evppi) ? fmax(0, e->evppi) : 0), bw = x1 - ax.p0;
		plot_fill_rect(pg, ax.p0, cy - bar_h / 2, bw, bar_h, group ? GROUP_COLOUR : t->positive);
		if (group)
			plot_hatch(pg, ax.p0, cy - bar_h / 2, bw, bar_h, t->background);
		plot_probe(pg, group ? "evppi.group" : "evppi.bar", k, 0, ax.p0, cy - bar_h / 2, bw, bar_h);
		double xe = x1;
		if (isfinite(e->se) && e->se > 0) {
			double lo = plot_axis_map(&ax, fmax(0, e->evppi - 1.96 * e->se)), hi_x = plot_axis_map(&ax, e->evppi + 1.96 * e->se);
			plot_whisker_h(pg, lo, hi_x, cy);
			xe = fmax(xe, hi_x);
		}
		value_text(d, e, compact, buf, sizeof buf);
		values[k] = xe; /* drawn after the EVPI's line, over it */
		(void)buf;
	}
	/* the EVPI: what perfect information on everything is worth */
	double x_evpi = -1;
	if (isfinite(d->evpi) && d->evpi > 0) {
		double x = x_evpi = plot_axis_map(&ax, d->evpi);
		cairo_save(pg->cr);
		double dash[] = {5, 4};
		cairo_set_dash(pg->cr, dash, 2, 0);
		plot_line(pg, x, rows_top - 2, x, axis_y, 1.4, t->text);
		cairo_restore(pg->cr);
		plot_decide_value(d, v, sizeof v, d->evpi, 0);
		snprintf(buf, sizeof buf, compact ? "EVPI %s" : "EVPI %s: all parameters", v);
		double tw = plot_text_size(pg, PLOT_FONT_TICK, 0, 0, buf).w;
		int left = x + 4 + tw > r->x + r->w;
		plot_text(pg, PLOT_FONT_TICK, t->text, x + (left ? -4 : 4), r->y, (left ? PLOT_RIGHT : PLOT_LEFT) | PLOT_TOP, 0,
			  0, buf);
		plot_probe(pg, "evppi.evpi", 0, 0, x, rows_top, 0, axis_y - rows_top);
	}
	for (size_t k = 0; k < shown + ng; k++) {
		int group = k >= shown;
		const struct plot_evppi_row *e = &d->evppi[group ? gidx[k - shown] : pidx[k]];
		double cy = rows_top + ((double)k + 0.5 + (group ? 0.4 : 0)) * pitch;
		value_text(d, e, compact, buf, sizeof buf);
		/* where the text crosses the EVPI's line, the line gives way */
		struct plot_text_box b = plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf);
		if (x_evpi > values[k] + 3 && x_evpi < values[k] + 7 + b.w)
			plot_fill_rect(pg, x_evpi - 3, cy - b.h / 2 + 1, 6, b.h - 2, t->background);
		plot_text(pg, PLOT_FONT_VALUE, t->text, values[k] + 5, cy, PLOT_LEFT | PLOT_MIDDLE, 0, 0, buf);
	}
	return shown;
}

int chart_evppi_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_decide *d = in->decide;
	char title[512], note[1024], num[32], more[160] = "";
	plot_evppi_title(d, title, sizeof title);
	size_t np = 0;
	for (size_t i = 0; i < d->n_evppi; i++)
		np += d->evppi[i].kind == PLOT_EVPPI_PARAMETER;
	size_t ng = d->n_evppi, groups = 0;
	int se = 0;
	for (size_t i = 0; i < d->n_evppi; i++) {
		groups += d->evppi[i].kind == PLOT_EVPPI_GROUP;
		se |= isfinite(d->evppi[i].se) && d->evppi[i].se > 0 && d->evppi[i].kind != PLOT_EVPPI_ALL;
	}
	ng = groups;
	/* measured with the longest note: it says how many parameters the page leaves out */
	struct plot_rect body;
	pg->tool_top = 1;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			snprintf(more, sizeof more, " Showing the %zu largest of %zu parameters.", np, np);
		snprintf(note, sizeof note,
			 "Perfect information on a parameter (blue) or a group (orange), %% of the EVPI (dashed), from the "
			 "same %s worlds; small values are overstated (docs/decide.md).%s%s",
			 isfinite(d->worlds) ? plot_fmt(num, sizeof num, d->worlds, 0) : "sampled",
			 se ? " Whiskers: \xC2\xB1" "1.96 standard errors." : "", more);
		if (pass == 1)
			break;
		plot_frame_measure(pg, in, title, note, &body);
		struct fit f;
		evppi_fit(pg, &body, 0, d, NULL, np, NULL, ng, &f);
		if (f.shown < np)
			snprintf(more, sizeof more, " Showing the %zu largest of %zu parameters.", f.shown, np);
		else
			more[0] = 0;
	}
	plot_frame(pg, in, title, note, &body);
	plot_evppi_body(pg, d, &body, 0);
	return 0;
}
