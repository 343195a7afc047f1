/* chart_sweep_lines.c - chart 5: a KPI against the one parameter of a 1-D
 * sweep, one line per scenario with its 95% band, each line named at its
 * end, and the crossovers (where a scenario overtakes the baseline) marked
 * with their intervals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "plot.h"

int chart_sweep_lines_available(const struct chart_inputs *in)
{
	const struct plot_sweep *w = in->sweep;
	return w && w->n_params == 1 && w->n_points > 0 && w->n_metric > 0 && w->n_scen > 0;
}

/* The KPI drawn by the sweep charts: the option, else the manifest's, else
 * the first crossover's, else experience.mean, else the first metric. -1
 * when there is none. */
static int pick_metric(const struct plot_sweep *w, const struct chart_options *o)
{
	int m = plot_sweep_pick_metric(w, o, NULL);
	if (m >= 0)
		return m;
	for (size_t i = 0; i < w->n_cross; i++)
		if ((m = plot_sweep_metric(w, w->cross[i].metric)) >= 0)
			return m;
	if ((m = plot_sweep_metric(w, "experience.mean")) >= 0)
		return m;
	return w->n_metric ? 0 : -1;
}

/* Points ordered by the parameter's value. */
static size_t sorted_points(const struct plot_sweep *w, size_t *idx)
{
	size_t n = 0;
	for (size_t p = 0; p < w->n_points; p++)
		if (isfinite(w->value[p * w->n_params]))
			idx[n++] = p;
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && w->value[idx[b] * w->n_params] < w->value[idx[b - 1] * w->n_params]; b--) {
			size_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
	return n;
}

static void value_text(const struct plot_sweep *w, const char *metric, double v, char *buf, size_t len)
{
	const char *unit = w->unit[plot_sweep_metric(w, metric)];
	if (plot_unit_is_money(unit, w->run.currency))
		plot_fmt_money(buf, len, v, w->run.currency, 0);
	else
		plot_fmt(buf, len, v, plot_digits_for(v) > 1 ? 1 : plot_digits_for(v));
}

/* A scenario's label inside a sentence. */
static const char *sa_of(const struct plot_sweep *w, int s, char *buf, size_t len)
{
	plot_in_sentence(buf, len, w->label[s]);
	return buf;
}

/* Is crossover x about the pair the chart compares (any, without a contrast)? */
static int crossover_of(const struct plot_sweep *w, const struct plot_crossover *x, const struct plot_contrast *c)
{
	if (!c->is_contrast)
		return 1;
	int s = plot_sweep_scenario(w, x->scenario), b = plot_sweep_scenario(w, x->baseline);
	return (s == c->a && b == c->b) || (s == c->b && b == c->a);
}

/* The title: a crossover of the pair when the sweep found a significant
 * one, else where the first of the pair is significantly ahead or behind
 * (pr->d, the paired difference at each point). */
static void title_of(const struct plot_sweep *w, int m, const size_t *idx, size_t n, const struct plot_contrast *pr,
		     char *buf, size_t len)
{
	char metric[160], param[160], a[64], b[64], c[64], sa[160], sb[160], unit[64] = "";
	if (m < 0 || n == 0) {
		snprintf(buf, len, "Sweep: no points to draw");
		return;
	}
	const char *mname = w->metric[m];
	plot_metric_label(metric, sizeof metric, mname);
	plot_in_sentence(sa, sizeof sa, metric);
	snprintf(metric, sizeof metric, "%s", sa);
	plot_sweep_param_label(w, param, sizeof param, w->param[0]);
	plot_in_sentence(sa, sizeof sa, param);
	snprintf(param, sizeof param, "%s", sa);
	if (*w->param_unit[0])
		snprintf(unit, sizeof unit, " %s", w->param_unit[0]);
	int better = metric_better_find(mname);
	for (size_t i = 0; i < w->n_cross; i++) {
		const struct plot_crossover *x = &w->cross[i];
		int s = plot_sweep_scenario(w, x->scenario), base = plot_sweep_scenario(w, x->baseline);
		if (strcmp(x->metric, mname) != 0 || s < 0 || base < 0 || !isfinite(x->at) || !crossover_of(w, x, pr))
			continue;
		/* which side is the scenario better on: look at both ends */
		size_t first = idx[0], last = idx[n - 1];
		double d_end = plot_sweep_at(w->summary, w, last, (size_t)s, (size_t)m)->mean -
			       plot_sweep_at(w->summary, w, last, (size_t)base, (size_t)m)->mean;
		/* sim/sweep writes "scenario_better_above" / "_below"; else the data says */
		int above = strstr(x->direction, "better_above") ? 1
			    : strstr(x->direction, "better_below") ? 0
			    : better ? d_end * better > 0
				     : 1;
		const struct plot_stat *dd = plot_sweep_at(w->diff, w, above ? last : first, (size_t)s, (size_t)m);
		/* the other end, where the baseline would lead */
		const struct plot_stat *db = plot_sweep_at(w->diff, w, above ? first : last, (size_t)s, (size_t)m);
		plot_in_sentence(sb, sizeof sb, w->label[base]);
		plot_fmt(a, sizeof a, x->at, plot_digits_for(x->at));
		plot_fmt(b, sizeof b, x->lo, plot_digits_for(x->at));
		plot_fmt(c, sizeof c, x->hi, plot_digits_for(x->at));
		if (better && w->have_diffs && plot_significant(dd))
			snprintf(buf, len, "%s beats %s on %s once %s %s %s%s (95%% interval %s\xE2\x80\x93%s)", w->label[s], sb,
				 metric, param, above ? "exceeds" : "falls below", a, unit, b, c);
		else if (better && w->have_diffs && plot_significant(db) && db->mean * better < 0)
			snprintf(buf, len, "%s beats %s on %s while %s is %s %s%s (95%% interval %s\xE2\x80\x93%s)",
				 w->label[base], sa_of(w, s, sa, sizeof sa), metric, param, above ? "below" : "above", a, unit,
				 b, c);
		else /* a crossing of means that neither side makes significant is no win */
			snprintf(buf, len, "The means of %s and %s on %s cross at %s = %s%s (95%% interval "
					   "%s\xE2\x80\x93%s), but neither is significantly ahead at either end",
				 sa_of(w, s, sa, sizeof sa), sb, metric, param, a, unit, b, c);
		return;
	}
	if (w->n_scen >= 2 && pr->d && better) {
		/* where the scenario is significantly ahead or behind, both counted */
		size_t up = 0, down = 0, total = 0;
		for (size_t k = 0; k < n; k++) {
			const struct plot_stat *d = &pr->d[idx[k]];
			if (!isfinite(d->mean))
				continue;
			total++;
			if (plot_significant(d))
				*(d->mean * better > 0 ? &up : &down) += 1;
		}
		plot_in_sentence(sb, sizeof sb, w->label[pr->b]);
		if (up == total && total > 0)
			snprintf(buf, len, "%s beats %s on %s across the whole range of %s", w->label[pr->a], sb, metric, param);
		else if (down == total && total > 0)
			snprintf(buf, len, "%s trails %s on %s across the whole range of %s", w->label[pr->a], sb, metric, param);
		else {
			char where[200];
			snprintf(where, sizeof where, "values of %s", param);
			plot_count_claim(buf, len, w->label[pr->a], sb, metric, better, up, down, total, where);
		}
		return;
	}
	/* one scenario: how far the KPI moves */
	value_text(w, mname, plot_sweep_at(w->summary, w, idx[0], 0, (size_t)m)->mean, a, sizeof a);
	value_text(w, mname, plot_sweep_at(w->summary, w, idx[n - 1], 0, (size_t)m)->mean, b, sizeof b);
	snprintf(buf, len, "%s: %s goes from %s to %s as %s rises", w->label[0], metric, a, b, param);
}

struct end_label {
	double y;
	size_t s;
};

/* The lines drawn: each scenario's level, or (a contrast) the one paired
 * difference A - B. */
struct lines {
	size_t n;                /* series */
	const struct plot_sweep *w;
	const struct plot_contrast *c;
	int m;
};

static const struct plot_stat *line_at(const struct lines *l, size_t s, size_t p)
{
	return l->c->is_contrast ? &l->c->d[p] : plot_sweep_at(l->w->summary, l->w, p, s, (size_t)l->m);
}

static struct plot_rgb line_colour(const struct lines *l, size_t s)
{
	return plot_scenario_colour(l->c->is_contrast ? (size_t)l->c->a : s);
}

static const char *line_name(const struct lines *l, size_t s, char *buf, size_t len)
{
	if (!l->c->is_contrast) {
		snprintf(buf, len, "%s", l->w->label[s]);
		return buf;
	}
	char b[160];
	plot_in_sentence(b, sizeof b, l->w->label[l->c->b]);
	snprintf(buf, len, "%s \xE2\x88\x92 %s", l->w->label[l->c->a], b);
	return buf;
}

int chart_sweep_lines_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	const struct plot_sweep *w = in->sweep;
	char title[1024], note[768], buf[512], param[160];
	struct plot_rect body;
	if (!chart_sweep_lines_available(in)) {
		plot_frame(pg, in,
			   w->n_points == 0 ? "Sweep lines: the sweep has no points yet"
			   : w->n_params != 1 ? "Sweep lines: this sweep has no one-parameter design"
					     : "Sweep lines: no results to draw",
			   "", &body);
		plot_empty(pg, &body,
			   w->n_points == 0 ? "The sweep has no points yet (points.csv is empty)."
			   : w->n_params != 1
				   ? "Lines need a sweep of one parameter; this one varies several (see the heatmap or tornado)."
				   : "No results for the sweep's points in summary.csv.");
		return 0;
	}
	int m = pick_metric(w, in->opt);
	struct plot_contrast c;
	if (plot_sweep_contrast(w, in->opt, m, &c, err) < 0)
		return -1;
	size_t *idx = malloc(w->n_points * sizeof *idx);
	struct plot_stat *d0 = NULL;
	if (!idx || (!c.is_contrast && !(d0 = malloc(w->n_points * sizeof *d0)))) {
		free(idx);
		free(c.d);
		return js_error_set(err, EX_OSERR, "sweep_lines: out of memory");
	}
	size_t n = sorted_points(w, idx);
	/* without a contrast the title compares the second scenario with the baseline */
	struct plot_contrast title_pair = c;
	if (!c.is_contrast && w->n_scen >= 2 && w->have_diffs && m >= 0) {
		for (size_t p = 0; p < w->n_points; p++)
			d0[p] = *plot_sweep_at(w->diff, w, p, 1, (size_t)m);
		title_pair = (struct plot_contrast){1, 0, d0, 0};
	}
	title_of(w, m, idx, n, &title_pair, title, sizeof title);
	struct lines L = {c.is_contrast ? 1 : w->n_scen, w, &c, m};
	char sa[160], sb[160];
	int better = m >= 0 ? metric_better_find(w->metric[m]) : 0;
	if (c.is_contrast) {
		plot_in_sentence(sa, sizeof sa, w->label[c.a]);
		plot_in_sentence(sb, sizeof sb, w->label[c.b]);
		snprintf(note, sizeof note,
			 "Line: mean paired difference, %s minus %s, at each point (the same random numbers for both); "
			 "band: its 95%% confidence interval, simulation noise only.%s%s%s%s",
			 sa, sb, better ? " Above 0: " : "", better ? sa : "",
			 better ? (better > 0 ? " better." : " worse.") : "",
			 w->n_cross ? " Dashed: crossover with its 95% interval (shaded)." : "");
	} else {
		snprintf(note, sizeof note,
			 "Lines: mean over replications at each point; bands: 95%% confidence intervals, simulation noise "
			 "only.%s",
			 w->n_cross ? " Dashed: crossover with its 95% interval (shaded)." : "");
	}
	plot_frame(pg, in, title, note, &body);
	if (m < 0 || n == 0) {
		plot_empty(pg, &body, "No results for the sweep's points in summary.csv.");
		goto out;
	}
	/* ranges; a difference always shows 0 */
	double ylo = c.is_contrast ? 0 : INFINITY, yhi = c.is_contrast ? 0 : -INFINITY;
	for (size_t k = 0; k < n; k++)
		for (size_t s = 0; s < L.n; s++) {
			const struct plot_stat *st = line_at(&L, s, idx[k]);
			double v[3] = {st->mean, st->lo, st->hi};
			for (int q = 0; q < 3; q++)
				if (isfinite(v[q]))
					ylo = fmin(ylo, v[q]), yhi = fmax(yhi, v[q]);
		}
	double xlo = w->value[idx[0] * w->n_params], xhi = w->value[idx[n - 1] * w->n_params];
	struct plot_axis ax, ay;
	plot_axis_setup(&ay, ylo, yhi, 5, w->unit[m]);
	/* the parameter's axis scaled with its unit: "thousand EUR", not 0..60 of EUR */
	plot_axis_setup(&ax, xlo, xhi, 7, w->param_unit[0]);
	if (xhi > xlo)
		plot_axis_tight(&ax, xlo, xhi);
	/* room for the names at the line ends */
	double name_w = 0, max_name = fmin(210, body.w * 0.22);
	/* a difference is named by the axis title, not at its end */
	for (size_t s = 0; s < L.n && !c.is_contrast; s++)
		name_w = fmax(name_w, plot_text_size(pg, PLOT_FONT_LABEL, max_name, 1, line_name(&L, s, buf, sizeof buf)).w);
	double lh = plot_line_height(pg, PLOT_FONT_LABEL), th = plot_line_height(pg, PLOT_FONT_TICK);
	double left = body.x + plot_axis_label_width(pg, &ay) + 10;
	double top = body.y + lh + 10, bottom = body.y + body.h - th - 10 - lh - 4;
	ax.p0 = left;
	ax.p1 = body.x + body.w - name_w - 30;
	ay.p0 = bottom;
	ay.p1 = top;
	char metric[64];
	plot_metric_label(metric, sizeof metric, w->metric[m]);
	if (c.is_contrast)
		snprintf(buf, sizeof buf, "%s difference, %s minus %s, %s", metric, sa, sb, ay.scale.unit);
	else
		snprintf(buf, sizeof buf, "%s, %s", metric, ay.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x, body.y, PLOT_LEFT | PLOT_TOP, body.w, 1, buf);
	plot_sweep_param_label(w, param, sizeof param, w->param[0]);
	snprintf(buf, sizeof buf, "%s%s%s", param, *ax.scale.unit ? ", " : "", ax.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, (ax.p0 + ax.p1) / 2, body.y + body.h, PLOT_CENTER | PLOT_BOTTOM,
		  body.w, 1, buf);
	plot_axis_draw_y(pg, &ay, left, ax.p1);
	plot_axis_draw_x(pg, &ax, bottom, -1);

	cairo_t *cr = pg->cr;
	/* crossovers under the lines */
	for (size_t i = 0; i < w->n_cross; i++) {
		const struct plot_crossover *x = &w->cross[i];
		/* ax.lo and ax.hi are in the axis's scaled units */
		double at = x->at / ax.scale.div;
		if (strcmp(x->metric, w->metric[m]) != 0 || !isfinite(x->at) || at < ax.lo || at > ax.hi ||
		    !crossover_of(w, x, &c))
			continue;
		double xa = plot_axis_map(&ax, x->at);
		if (isfinite(x->lo) && isfinite(x->hi)) {
			double l = plot_axis_map(&ax, fmax(x->lo, ax.lo * ax.scale.div));
			double h = plot_axis_map(&ax, fmin(x->hi, ax.hi * ax.scale.div));
			plot_fill_rect(pg, l, top, h - l, bottom - top, plot_theme.band_note);
		}
		cairo_save(cr);
		double dash[] = {6, 4};
		cairo_set_dash(cr, dash, 2, 0);
		plot_line(pg, xa, top, xa, bottom, plot_theme.line_thin * 1.3, plot_theme.text_muted);
		cairo_restore(cr);
		snprintf(buf, sizeof buf, "crossover %s", plot_fmt(param, sizeof param, x->at, plot_digits_for(x->at)));
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, xa + 5, top + 2, PLOT_LEFT | PLOT_TOP, 0, 0, buf);
		plot_probe(pg, "sweep.crossover", i, 0, xa, top, 0, bottom - top);
	}
	if (c.is_contrast) { /* no difference: the line a decision turns on */
		double y0 = plot_axis_map(&ay, 0);
		plot_line(pg, ax.p0, y0, ax.p1, y0, plot_theme.axis * 1.5, plot_theme.text);
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, ax.p0 + 4, y0 - 2, PLOT_LEFT | PLOT_BOTTOM, 0, 0,
			  "no difference");
	}
	cairo_save(cr);
	cairo_rectangle(cr, ax.p0 - 8, top - 8, ax.p1 - ax.p0 + 16, bottom - top + 16);
	cairo_clip(cr);
	for (size_t s = 0; s < L.n; s++) {
		struct plot_rgb col = line_colour(&L, s);
		/* the band */
		cairo_new_path(cr);
		int pts = 0;
		for (size_t k = 0; k < n; k++) {
			const struct plot_stat *st = line_at(&L, s, idx[k]);
			if (isfinite(st->hi) && isfinite(st->lo)) {
				double x = plot_axis_map(&ax, w->value[idx[k] * w->n_params]);
				cairo_line_to(cr, x, plot_axis_map(&ay, st->hi));
				plot_probe(pg, "sweep.band", s, idx[k], x, plot_axis_map(&ay, st->hi), 0,
					   plot_axis_map(&ay, st->lo) - plot_axis_map(&ay, st->hi));
				pts++;
			}
		}
		for (size_t k = n; k-- > 0;) {
			const struct plot_stat *st = line_at(&L, s, idx[k]);
			if (isfinite(st->hi) && isfinite(st->lo))
				cairo_line_to(cr, plot_axis_map(&ax, w->value[idx[k] * w->n_params]), plot_axis_map(&ay, st->lo));
		}
		plot_set_colour_alpha(pg, col, plot_theme.band_alpha);
		if (pts > 1)
			cairo_fill(cr);
		cairo_new_path(cr);
		/* the line */
		int pen = 0;
		for (size_t k = 0; k < n; k++) {
			const struct plot_stat *st = line_at(&L, s, idx[k]);
			if (!isfinite(st->mean)) {
				pen = 0;
				continue;
			}
			double x = plot_axis_map(&ax, w->value[idx[k] * w->n_params]), y = plot_axis_map(&ay, st->mean);
			if (pen)
				cairo_line_to(cr, x, y);
			else
				cairo_move_to(cr, x, y);
			pen = 1;
		}
		size_t key = c.is_contrast ? (size_t)c.a : s;
		plot_set_colour(pg, col);
		cairo_set_line_width(cr, plot_theme.line);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		plot_set_dash(pg, key, plot_theme.line);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		for (size_t k = 0; k < n && n <= 40; k++) {
			const struct plot_stat *st = line_at(&L, s, idx[k]);
			if (isfinite(st->mean))
				plot_marker(pg, key, plot_axis_map(&ax, w->value[idx[k] * w->n_params]),
					    plot_axis_map(&ay, st->mean), plot_theme.marker * 0.7);
		}
	}
	cairo_restore(cr);
	/* names at the right ends, pushed apart */
	struct end_label ends[64];
	size_t ne = 0;
	for (size_t s = 0; s < L.n && ne < 64 && !c.is_contrast; s++)
		for (size_t k = n; k-- > 0;) {
			const struct plot_stat *st = line_at(&L, s, idx[k]);
			if (isfinite(st->mean)) {
				ends[ne++] = (struct end_label){plot_axis_map(&ay, st->mean), s};
				break;
			}
		}
	for (size_t a = 1; a < ne; a++)
		for (size_t b = a; b > 0 && ends[b].y < ends[b - 1].y; b--) {
			struct end_label t = ends[b];
			ends[b] = ends[b - 1];
			ends[b - 1] = t;
		}
	for (size_t k = 1; k < ne; k++)
		if (ends[k].y < ends[k - 1].y + lh)
			ends[k].y = ends[k - 1].y + lh;
	/* keep the stack inside the plot: shift it up if it runs off the bottom */
	if (ne && ends[ne - 1].y > bottom) {
		double shift = ends[ne - 1].y - bottom;
		for (size_t k = 0; k < ne; k++)
			ends[k].y -= shift;
	}
	for (size_t k = 0; k < ne; k++) {
		size_t key = c.is_contrast ? (size_t)c.a : ends[k].s;
		cairo_save(cr);
		plot_set_colour(pg, line_colour(&L, ends[k].s));
		cairo_set_line_width(cr, plot_theme.line);
		plot_set_dash(pg, key, plot_theme.line);
		cairo_move_to(cr, ax.p1 + 8, ends[k].y);
		cairo_line_to(cr, ax.p1 + 22, ends[k].y);
		cairo_stroke(cr);
		cairo_restore(cr);
		plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, ax.p1 + 27, ends[k].y, PLOT_LEFT | PLOT_MIDDLE, max_name, 1,
			  line_name(&L, ends[k].s, buf, sizeof buf));
	}
out:
	free(idx);
	free(d0);
	free(c.d);
	return 0;
}
