/* chart_waterfall.c - chart "explain": why two ownership models differ on
 * one metric, as a bridge from B's value to A's, one step per part of the
 * ownership data in which they differ (explain.csv's Shapley contributions),
 * each with its 95% whisker, and A at the end.
 *
 * The steps must add up to the total, so the chart decides from the numbers
 * what the interaction row is: Shapley values already share the interaction
 * among the parts (they add up to the total without it), so then it is drawn
 * apart, after the total, as "of which"; contributions that need it to add
 * up get it as a step of its own. Anything still missing (an edited file) is
 * a step "not accounted for", so the bridge always closes and says so.
 *
 * Without B's level (explain.json "levels"), B is 0 and the axis says it
 * shows the difference to B. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "plot.h"

#define MAX_STEPS 24 /* parts beyond this are summed into "not accounted for" */

enum step_kind { STEP_START, STEP_PART, STEP_INTER, STEP_REST, STEP_END, STEP_SHARED };

struct step {
	enum step_kind kind;
	int plural; /* "Stage owners explain", "Governance explains" */
	char label[128];
	struct plot_stat c; /* the contribution; START and END: the level, or the difference */
	double from, to;    /* where the bar runs, data units */
	double wlo, whi;    /* the whisker, data units (NaN: none) */
	int sig;            /* the interval excludes 0 (parts, interaction, END of a difference) */
};

struct waterfall {
	const struct plot_explain *e;
	const char *metric;
	char unit[96];     /* "EUR/year", "points (0-10)" */
	const char *currency;
	int better;        /* enum metric_better */
	int money;
	int levels;        /* 1: B's level is known; 0: B = 0, a difference */
	double base;       /* B's level, or 0 */
	struct plot_stat total, inter;
	int have_total, have_inter, inter_step;
	size_t n;
	struct step s[MAX_STEPS + 5];
	int named;         /* the step the title names, or -1 */
	unsigned reps;     /* replications behind the contributions */
};

/* A row's metric is the one drawn: "experience" also names "experience.mean". */
static int metric_is(const char *row, const char *want)
{
	size_t n = strlen(row);
	return strcmp(row, want) == 0 || (strncmp(want, row, n) == 0 && want[n] == '.');
}

static void unit_of(struct waterfall *w)
{
	int m = metric_find(w->metric);
	const char *u = m >= 0 ? metric_table[m].unit : "";
	const char *cur = w->e->run.currency;
	if (strncmp(u, "money", 5) == 0 && *cur)
		snprintf(w->unit, sizeof w->unit, "%s%s", cur, u + 5);
	else
		snprintf(w->unit, sizeof w->unit, "%s", u);
	w->currency = cur;
	w->money = plot_unit_is_money(w->unit, cur);
}

static struct step *add_step(struct waterfall *w, enum step_kind kind, const char *label, struct plot_stat c)
{
	struct step *s = &w->s[w->n++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	snprintf(s->label, sizeof s->label, "%s", label);
	s->c = c;
	s->sig = plot_significant(&c);
	s->wlo = s->whi = NAN;
	return s;
}

/* A step from the running sum: the bar from cum to cum + c, the whisker over c's interval. */
static void add_delta(struct waterfall *w, enum step_kind kind, const char *label, struct plot_stat c, double *cum)
{
	struct step *s = add_step(w, kind, label, c);
	s->from = *cum;
	s->to = *cum + c.mean;
	s->wlo = *cum + c.lo;
	s->whi = *cum + c.hi;
	*cum = s->to;
}

/* The steps of metric from explain.csv. Returns the number of part rows. */
static size_t waterfall_build(struct waterfall *w, const struct plot_explain *e, const char *metric)
{
	memset(w, 0, sizeof *w);
	w->e = e;
	w->metric = metric;
	w->named = -1;
	int b = metric_better_find(metric);
	w->better = b > 0 ? 1 : b < 0 ? -1 : 0;
	unit_of(w);
	const struct plot_explain_level *lv = plot_explain_levels(e, metric);
	w->levels = lv != NULL;
	w->base = lv ? lv->b : 0;

	/* the rows of the metric: parts in file order (the contract's), then interaction and total */
	const struct plot_explain_row *part[MAX_STEPS];
	size_t n_part = 0, n_extra = 0;
	double sum = 0, scale = 0;
	for (size_t i = 0; i < e->n_rows; i++) {
		const struct plot_explain_row *r = &e->row[i];
		if (!metric_is(r->metric, metric) || !isfinite(r->c.mean))
			continue;
		if (r->c.n > w->reps)
			w->reps = r->c.n;
		if (strcmp(r->part, "total") == 0) {
			w->total = r->c;
			w->have_total = 1;
		} else if (strcmp(r->part, "interaction") == 0) {
			w->inter = r->c;
			w->have_inter = 1;
		} else if (n_part < MAX_STEPS) {
			part[n_part++] = r;
			sum += r->c.mean;
			scale += fabs(r->c.mean);
		} else {
			/* too many to draw: left to the step "not accounted for" */
			n_extra++;
			scale += fabs(r->c.mean);
		}
	}
	if (n_part == 0 && !w->have_total)
		return 0;
	if (!w->have_total) {
		/* a file without its total: the sum, untested */
		w->total = (struct plot_stat){sum, NAN, NAN, NAN, w->reps};
		w->have_total = 1;
	}
	/* Shapley values add up to the total by themselves; contributions that
	 * leave the interaction out need it as a step */
	scale += fabs(w->total.mean) + (w->have_inter ? fabs(w->inter.mean) : 0);
	double tol = 1e-6 * scale + 1e-12;
	w->inter_step = w->have_inter && fabs(sum - w->total.mean) > tol &&
			fabs(sum + w->inter.mean - w->total.mean) <= tol;

	char label[128], bl[128];
	struct plot_stat start = {w->base, NAN, NAN, NAN, 0};
	struct step *s0 = add_step(w, STEP_START, e->b_label, start);
	s0->from = s0->to = w->base;
	double cum = w->base;
	for (size_t k = 0; k < n_part; k++) {
		add_delta(w, STEP_PART, plot_explain_part_label(label, sizeof label, part[k]->part), part[k]->c, &cum);
		w->s[w->n - 1].plural = plot_explain_part_plural(part[k]->part);
	}
	if (w->inter_step)
		add_delta(w, STEP_INTER, "Interaction", w->inter, &cum);
	double rest = w->base + w->total.mean - cum;
	if (fabs(rest) > tol || n_extra) {
		snprintf(bl, sizeof bl, n_extra ? "Other parts and not accounted for" : "Not accounted for");
		struct plot_stat r = {rest, NAN, NAN, NAN, 0};
		add_delta(w, STEP_REST, bl, r, &cum);
	}
	struct step *end = add_step(w, STEP_END, e->a_label, w->total);
	end->from = w->base;
	end->to = w->base + w->total.mean;
	end->wlo = w->base + w->total.lo;
	end->whi = w->base + w->total.hi;
	/* one part: nothing acts together, no column for it */
	int no_inter = w->inter.mean == 0 && !(w->inter.lo < 0) && !(w->inter.hi > 0);
	if (w->have_inter && !w->inter_step && !no_inter) {
		struct step *sh = add_step(w, STEP_SHARED, "Of which: parts acting together", w->inter);
		sh->from = w->base;
		sh->to = w->base + w->inter.mean;
		sh->wlo = w->base + w->inter.lo;
		sh->whi = w->base + w->inter.hi;
	}

	/* the part the title names: the largest significant one, in the
	 * direction of a significant total when one goes that way */
	int tsig = plot_significant(&w->total);
	for (int pass = 0; pass < 2 && w->named < 0; pass++)
		for (size_t k = 0; k < w->n; k++) {
			const struct step *s = &w->s[k];
			if (s->kind != STEP_PART || !s->sig)
				continue;
			if (pass == 0 && tsig && s->c.mean * w->total.mean <= 0)
				continue;
			if (w->named < 0 || fabs(s->c.mean) > fabs(w->s[w->named].c.mean))
				w->named = (int)k;
		}
	return n_part;
}

/* ---- numbers in words ---- */

static int value_digits(const struct waterfall *w)
{
	double m = 0;
	for (size_t k = 0; k < w->n; k++)
		if (w->s[k].kind != STEP_START && w->s[k].kind != STEP_END)
			m = fmax(m, fabs(w->s[k].c.mean));
	m = fmax(m, fabs(w->total.mean));
	int d = plot_digits_for(m);
	return d < 1 && m < 10 ? 1 : d;
}

static const char *value_text(const struct waterfall *w, double v, int signed_, char *buf, size_t len)
{
	if (w->money)
		return plot_fmt_money(buf, len, v, w->currency, signed_);
	int d = value_digits(w);
	/* a small step keeps its figure: "+0.003", not "±0.00" */
	if (isfinite(v) && v != 0 && fabs(v) < 0.5 * pow(10, -d))
		d = plot_digits_for(v) > d ? plot_digits_for(v) : d;
	return signed_ ? plot_fmt_signed(buf, len, v, d) : plot_fmt(buf, len, v, d);
}

/* "+€1.2M/year (95% interval €0.8M to €1.6M)", "+0.09 points (95% interval 0.05 to 0.13)". */
static void amount_text(const struct waterfall *w, const struct plot_stat *c, char *buf, size_t len)
{
	char v[64], lo[64], hi[64], per[64] = "";
	if (w->money) {
		/* the three in one unit: "+€1.2M (95% interval €0.8M to €1.7M)" */
		double ref = fmax(fabs(c->mean), fmax(isfinite(c->lo) ? fabs(c->lo) : 0, isfinite(c->hi) ? fabs(c->hi) : 0));
		plot_fmt_money_as(v, sizeof v, c->mean, ref, w->currency, 1);
		plot_fmt_money_as(lo, sizeof lo, c->lo, ref, w->currency, 0);
		plot_fmt_money_as(hi, sizeof hi, c->hi, ref, w->currency, 0);
	} else {
		value_text(w, c->mean, 1, v, sizeof v);
		value_text(w, c->lo, 0, lo, sizeof lo);
		value_text(w, c->hi, 0, hi, sizeof hi);
	}
	if (w->money) {
		const char *slash = strchr(w->unit, '/');
		snprintf(per, sizeof per, "%s", slash ? slash : "");
	} else if (*w->unit) {
		snprintf(per, sizeof per, " %.*s", (int)strcspn(w->unit, " ("), w->unit);
	}
	if (isfinite(c->lo) && isfinite(c->hi))
		snprintf(buf, len, "%s%s (95%% interval %s to %s)", v, per, lo, hi);
	else
		snprintf(buf, len, "%s%s", v, per);
}

/* "customer council's" */
static void possessive(char *buf, size_t len, const char *label)
{
	char in[128];
	plot_in_sentence(in, sizeof in, label);
	size_t n = strlen(in);
	snprintf(buf, len, "%s%s", in, n && in[n - 1] == 's' ? "'" : "'s");
}

/* The finding: the largest significant part, never one whose interval
 * includes 0; without one, that no single part explains the gap. */
static void waterfall_title(const struct waterfall *w, char *buf, size_t len)
{
	const struct plot_explain *e = w->e;
	char aa[160], b[128], m[64], ml[64], amt[256], tot[256], gain[32], p[128];
	possessive(aa, sizeof aa, e->a_label);
	plot_in_sentence(b, sizeof b, e->b_label);
	plot_metric_label(m, sizeof m, w->metric);
	plot_in_sentence(ml, sizeof ml, m);
	double d = w->total.mean;
	int tsig = plot_significant(&w->total);
	if (w->better > 0)
		snprintf(gain, sizeof gain, "%s", d >= 0 ? "gain" : "loss");
	else if (w->better < 0)
		snprintf(gain, sizeof gain, "%s", d <= 0 ? "cut" : "rise");
	else
		snprintf(gain, sizeof gain, "difference");
	amount_text(w, &w->total, tot, sizeof tot);
	if (w->named >= 0) {
		const struct step *s = &w->s[w->named];
		amount_text(w, &s->c, amt, sizeof amt);
		plot_in_sentence(p, sizeof p, s->label);
		const char *sv = s->plural ? "" : "s";
		if (tsig && s->c.mean * d > 0 && s->c.mean / d >= 0.5)
			snprintf(buf, len, "%s explain%s %s of %s %s %s over %s: %s", s->label, sv,
				 fabs(s->c.mean - d) <= 1e-9 * fabs(d) ? "all"
				 : s->c.mean / d > 1		      ? "more than all"
								      : "most",
				 aa, ml, gain, b, amt);
		else if (tsig && s->c.mean * d > 0)
			snprintf(buf, len, "%s %s the largest part of %s %s %s over %s: %s", s->label,
				 s->plural ? "are" : "is", aa, ml, gain, b, amt);
		else if (tsig)
			snprintf(buf, len, "%s work%s against %s %s %s over %s: %s", s->label, sv, aa, ml, gain, b, amt);
		else
			snprintf(buf, len, "%s and %s cannot be told apart on %s overall, though %s move%s it by %s",
				 e->a_label, b, ml, p, sv, amt);
	} else if (tsig) {
		snprintf(buf, len, "No single part significantly explains %s %s %s over %s of %s%s", aa, ml, gain, b, tot,
			 plot_significant(&w->inter) ? "; the parts act together" : "");
	} else {
		snprintf(buf, len, "%s and %s cannot be told apart on %s, and no part's contribution is significant",
			 e->a_label, b, ml);
	}
}

/* ---- drawing ---- */

static struct plot_rgb tint(struct plot_rgb c, double f)
{
	return (struct plot_rgb){1 - (1 - c.r) * f, 1 - (1 - c.g) * f, 1 - (1 - c.b) * f};
}

static const struct plot_rgb total_grey = {0.42, 0.45, 0.50};

/* The fill of a step: blue better, red worse by the metric's direction;
 * the levels grey; a difference without a direction grey too. */
static struct plot_rgb step_colour(const struct waterfall *w, const struct step *s)
{
	if (s->kind == STEP_START || (s->kind == STEP_END && w->levels))
		return total_grey;
	if (s->kind == STEP_REST)
		return plot_theme.leak;
	double g = s->c.mean * w->better;
	return g > 0 ? plot_theme.positive : g < 0 ? plot_theme.negative : total_grey;
}

/* A zigzag across a bar's foot: the axis does not start at 0. */
static void axis_break(struct chart_page *pg, double x, double w, double y)
{
	cairo_t *cr = pg->cr;
	cairo_save(cr);
	plot_set_colour(pg, plot_theme.background);
	cairo_set_line_width(cr, 3.5);
	cairo_move_to(cr, x - 3, y - 4);
	int teeth = 6;
	for (int i = 1; i <= teeth; i++)
		cairo_line_to(cr, x - 3 + (w + 6) * i / teeth, y - 4 + (i % 2 ? -4 : 0));
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void dashed_line(struct chart_page *pg, double x0, double y0, double x1, double y1, struct plot_rgb c)
{
	cairo_save(pg->cr);
	double dash[] = {3, 3};
	cairo_set_dash(pg->cr, dash, 2, 0);
	plot_line(pg, x0, y0, x1, y1, 1.0, c);
	cairo_restore(pg->cr);
}

int chart_waterfall_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_explain *e = in->explain;
	const char *metric = in->metric ? in->metric : "margin";
	struct waterfall *w = calloc(1, sizeof *w);
	if (!w)
		return js_error_set(err, EX_OSERR, "explain: out of memory");
	struct plot_rect body;
	char title[1024], note[1400], mname[64], mlower[64], bl[128], buf[160], buf2[160];
	plot_metric_label(mname, sizeof mname, metric);
	plot_in_sentence(mlower, sizeof mlower, mname);
	plot_in_sentence(bl, sizeof bl, e->b_label);
	waterfall_build(w, e, metric);
	if (w->n == 0) {
		snprintf(title, sizeof title, "%s minus %s: explain.csv has no decomposition of %s", e->a_label, bl, mlower);
		plot_frame(pg, in, title, "", &body);
		plot_empty(pg, &body, "No rows for this metric in explain.csv: nothing to draw.");
		free(w);
		return 0;
	}
	waterfall_title(w, title, sizeof title);

	/* the footnote: what the bars and whiskers are, and what is missing */
	char al[128];
	plot_in_sentence(al, sizeof al, e->a_label);
	snprintf(note, sizeof note,
		 "Steps: each part's Shapley contribution to the paired difference %s minus %s; %s. Whiskers: 95%% "
		 "confidence intervals over %u replications, simulation noise only. Hatched, n.s.: the interval "
		 "includes 0.%s",
		 al, bl, w->inter_step ? "with the interaction they add up to the total" : "they add up to the total",
		 w->reps,
		 w->n && w->s[w->n - 1].kind == STEP_SHARED
			 ? " Parts acting together: the total minus each part's effect alone, already shared among the "
			   "parts above."
			 : "");
	plot_frame(pg, in, title, note, &body);

	/* the key */
	double lh = plot_line_height(pg, PLOT_FONT_LEGEND), kx = body.x;
	char key[160];
	if (w->better) {
		snprintf(key, sizeof key, "better for %s", al);
		kx += plot_legend_item(pg, PLOT_FONT_LEGEND, kx, body.y, plot_theme.positive, 0, PLOT_KEY_BOX, key, 1) + 22;
		kx += plot_legend_item(pg, PLOT_FONT_LEGEND, kx, body.y, plot_theme.negative, 0, PLOT_KEY_BOX, "worse", 1) + 22;
	}
	double kw = plot_legend_item(pg, PLOT_FONT_LEGEND, kx, body.y, tint(plot_theme.positive, 0.35), 0, PLOT_KEY_BOX,
				     "n.s.: not significant", 1);
	plot_hatch(pg, kx + 4, body.y + lh / 2 - 7, 14, 14, plot_theme.positive);
	kx += kw + 22;
	if (w->levels)
		plot_legend_item(pg, PLOT_FONT_LEGEND, kx, body.y, total_grey, 0, PLOT_KEY_BOX, "level of each model", 1);

	/* the vertical axis: every bar end and whisker; a difference shows 0 */
	double lo = w->levels ? INFINITY : 0, hi = w->levels ? -INFINITY : 0, big = 0;
	for (size_t k = 0; k < w->n; k++) {
		const struct step *s = &w->s[k];
		double v[4] = {s->from, s->to, s->wlo, s->whi};
		for (int q = 0; q < 4; q++)
			if (isfinite(v[q]))
				lo = fmin(lo, v[q]), hi = fmax(hi, v[q]), big = fmax(big, fabs(v[q]));
	}
	/* levels: from 0 when the steps stay visible, else cut (and marked) */
	int cut = 0;
	if (w->levels) {
		if (hi - lo >= 0.35 * big || (lo <= 0 && hi >= 0))
			lo = fmin(lo, 0), hi = fmax(hi, 0);
		else
			cut = 1;
	}
	if (cut) {
		double pad = (hi - lo) * 0.12;
		lo -= pad;
		hi += pad * 0.5;
	}
	struct plot_axis ax;
	plot_axis_setup(&ax, lo, hi, 8, w->unit);
	double floor_v = ax.lo * (ax.scale.div > 0 ? ax.scale.div : 1);
	double tick_w = plot_axis_label_width(pg, &ax);
	double label_h = plot_line_height(pg, PLOT_FONT_LABEL), tick_h = plot_line_height(pg, PLOT_FONT_TICK);
	double px0 = body.x + tick_w + 10, px1 = body.x + body.w;
	double axis_title_y = body.y + lh + 12;
	double top = axis_title_y + label_h + tick_h * 2 + 8; /* room for the value labels above the highest bar */
	int shared = w->n && w->s[w->n - 1].kind == STEP_SHARED;
	double slots = (double)w->n + (shared ? 0.5 : 0), cw = (px1 - px0) / slots;
	/* x labels: up to three lines in the column */
	double xl_h = 0;
	for (size_t k = 0; k < w->n; k++)
		xl_h = fmax(xl_h, plot_text_size(pg, PLOT_FONT_TICK, cw - 2, 3, w->s[k].label).h);
	double bottom = body.y + body.h - xl_h - 8;
	ax.p0 = bottom - tick_h * 1.6; /* room for labels under a falling bar at the foot */
	ax.p1 = top;
	plot_axis_draw_y(pg, &ax, px0, px1);
	char axis_label[512];
	if (w->levels)
		snprintf(axis_label, sizeof axis_label, "%s, %s", mname, ax.scale.unit);
	else
		snprintf(axis_label, sizeof axis_label, "%s difference to %s, %s", mname, bl, ax.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x, axis_title_y, PLOT_LEFT | PLOT_TOP, body.w, 1, axis_label);
	/* the zero line */
	if (!cut)
		plot_line(pg, px0, plot_axis_map(&ax, 0), px1, plot_axis_map(&ax, 0), 1.2, plot_theme.axis_colour);

	double bar_w = fmin(cw * 0.64, 90);
	for (size_t k = 0; k < w->n; k++) {
		const struct step *s = &w->s[k];
		double slot = (double)k + (s->kind == STEP_SHARED ? 0.5 : 0);
		double cx = px0 + (slot + 0.5) * cw, x = cx - bar_w / 2;
		double from = s->from, to = s->to;
		if (s->kind == STEP_START || (s->kind == STEP_END && w->levels))
			from = cut ? floor_v : 0;
		double y0 = plot_axis_map(&ax, from), y1 = plot_axis_map(&ax, to);
		struct plot_rgb c = step_colour(w, s);
		int muted = (s->kind == STEP_PART || s->kind == STEP_INTER || s->kind == STEP_SHARED ||
			     (s->kind == STEP_END && !w->levels)) && !s->sig;
		if (s->kind == STEP_START && !w->levels) {
			/* B is the reference: a mark at 0 */
			plot_line(pg, x, y1, x + bar_w, y1, 3, total_grey);
		} else if (fabs(y1 - y0) < 1.5) {
			plot_line(pg, x, y1, x + bar_w, y1, 1.5, c);
		} else {
			plot_fill_rect(pg, x, fmin(y0, y1), bar_w, fabs(y1 - y0), muted ? tint(c, 0.35) : c);
			if (muted)
				plot_hatch(pg, x, fmin(y0, y1), bar_w, fabs(y1 - y0), c);
			if (s->kind == STEP_SHARED) {
				cairo_save(pg->cr);
				cairo_rectangle(pg->cr, x, fmin(y0, y1), bar_w, fabs(y1 - y0));
				plot_set_colour(pg, c);
				cairo_set_line_width(pg->cr, 1.2);
				double dash[] = {4, 3};
				cairo_set_dash(pg->cr, dash, 2, 0);
				cairo_stroke(pg->cr);
				cairo_restore(pg->cr);
			}
			if (cut && (s->kind == STEP_START || s->kind == STEP_END))
				axis_break(pg, x, bar_w, y0);
		}
		/* signed page height: the test checks that the steps chain up */
		static const char *const probe_name[] = {"explain.start", "explain.part",  "explain.interaction",
							 "explain.rest",  "explain.end",   "explain.shared"};
		plot_probe(pg, probe_name[s->kind], k, 0, x, plot_axis_map(&ax, s->from), bar_w,
			   plot_axis_map(&ax, s->to) - plot_axis_map(&ax, s->from));
		if (isfinite(s->wlo) && isfinite(s->whi))
			plot_whisker_v(pg, cx, plot_axis_map(&ax, s->wlo), plot_axis_map(&ax, s->whi));
		/* the connector to the next step */
		if (k + 1 < w->n && s->kind != STEP_END && w->s[k + 1].kind != STEP_SHARED)
			dashed_line(pg, x + bar_w, y1, x + cw, y1, plot_theme.axis_colour);
		/* the value beyond the bar's end (and its whisker), "n.s." beyond that */
		int up = s->kind == STEP_START || (s->kind == STEP_END && w->levels) ? 1 : s->to >= s->from;
		double edge = up ? fmin(y1, isfinite(s->whi) ? plot_axis_map(&ax, s->whi) : y1)
				 : fmax(y1, isfinite(s->wlo) ? plot_axis_map(&ax, s->wlo) : y1);
		if (s->kind == STEP_START)
			snprintf(buf, sizeof buf, "%s", w->levels ? value_text(w, s->to, 0, buf2, sizeof buf2) : "reference");
		else if (s->kind == STEP_END && w->levels)
			value_text(w, s->to, 0, buf, sizeof buf);
		else
			value_text(w, s->c.mean, 1, buf, sizeof buf);
		int bold = s->kind == STEP_END || (int)k == w->named;
		double ty = up ? edge - 3 : edge + 3;
		struct plot_text_box vb = plot_text(pg, bold ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE, plot_theme.text, cx, ty,
						    PLOT_CENTER | (up ? PLOT_BOTTOM : PLOT_TOP), cw - 2, 1, buf);
		if (s->kind == STEP_END && w->levels) {
			/* A's level, and its gap to B under it */
			int tsig = plot_significant(&w->total);
			value_text(w, w->total.mean, 1, buf, sizeof buf);
			plot_text(pg, PLOT_FONT_VALUE,
				  !tsig				   ? plot_theme.text_muted
				  : w->total.mean * w->better > 0 ? plot_theme.positive
								   : plot_theme.negative,
				  cx, ty - vb.h, PLOT_CENTER | PLOT_BOTTOM, cw - 2, 1, buf);
			vb.h *= 2;
			muted = !tsig;
		}
		if (muted)
			plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, cx, up ? ty - vb.h : ty + vb.h,
				  PLOT_CENTER | (up ? PLOT_BOTTOM : PLOT_TOP), cw - 2, 1, "n.s.");
		/* the column's name */
		enum plot_font f = s->kind == STEP_START || s->kind == STEP_END ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_TICK;
		plot_text(pg, f, s->kind == STEP_SHARED || s->kind == STEP_REST ? plot_theme.text_muted : plot_theme.text, cx,
			  bottom + 6, PLOT_CENTER | PLOT_TOP, cw - 2, 3, s->label);
	}
	if (shared) {
		/* the "of which" column stands apart from the bridge */
		double xd = px0 + ((double)w->n - 1 + 0.25) * cw;
		dashed_line(pg, xd, top - 6, xd, bottom, plot_theme.grid_colour);
	}
	free(w);
	return 0;
}
