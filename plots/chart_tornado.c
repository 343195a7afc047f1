/* chart_tornado.c - chart 7: one-at-a-time sensitivity. One row per
 * parameter, largest swing on top: a bar from the base value to the KPI at
 * the parameter's low value (light) and one to its high value (dark), each
 * end with its 95% whisker. With a contrast A - B (--contrast, or the
 * sweep's) the rows of tornado.csv's scenario "A-B": the sensitivity of the
 * decision, the paired difference of the two models. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

int chart_tornado_available(const struct chart_inputs *in)
{
	return in->sweep && in->sweep->n_tornado > 0;
}

/* The rows of one scenario and metric, by rank; returns their count. */
static size_t select_rows(const struct plot_sweep *w, const char *scen, const char *metric, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n_tornado; i++)
		if (strcmp(w->tornado[i].scenario, scen) == 0 && strcmp(w->tornado[i].metric, metric) == 0)
			idx[n++] = i;
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0; b--) {
			const struct plot_tornado_row *x = &w->tornado[idx[b]], *y = &w->tornado[idx[b - 1]];
			int before = x->rank != y->rank ? x->rank < y->rank : x->swing > y->swing;
			if (!before)
				break;
			size_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
	return n;
}

/* A value of the metric; signed_ for a difference ("+€0.9M", "−0.12"). */
static void value_text(const struct plot_sweep *w, const char *metric, double v, int signed_, char *buf, size_t len)
{
	int m = plot_sweep_metric(w, metric);
	const char *unit = m >= 0 ? w->unit[m] : "";
	if (plot_unit_is_money(unit, w->run.currency) || (m < 0 && fabs(v) >= 1e4))
		plot_fmt_money(buf, len, v, w->run.currency, signed_);
	else if (signed_)
		plot_fmt_signed(buf, len, v, plot_digits_for(v) > 1 ? 2 : 1);
	else
		plot_fmt(buf, len, v, plot_digits_for(v) > 1 ? 2 : 1);
}

int chart_tornado_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	const struct plot_sweep *w = in->sweep;
	const struct chart_options *o = in->opt;
	struct plot_rect body;
	if (!chart_tornado_available(in)) {
		plot_frame(pg, in, "Tornado: this sweep has no one-at-a-time sensitivity table", "", &body);
		plot_empty(pg, &body, "No tornado.csv with rows: run a sweep with design = \"oat\".");
		return 0;
	}
	/* the scenario and metric: the options (then the manifest's), else the
	 * first row's; a contrast A - B is the rows of scenario "A-B" */
	char want_scen[130] = "";
	const char *ca = o->contrast_a[0] ? o->contrast_a : w->contrast[0];
	const char *cb = o->contrast_a[0] ? o->contrast_b : w->contrast[1];
	int contrast = *ca != 0;
	if (contrast)
		snprintf(want_scen, sizeof want_scen, "%s-%s", ca, cb);
	else if (o->scenario)
		snprintf(want_scen, sizeof want_scen, "%s", o->scenario);
	const char *want_metric = o->metric[0] ? o->metric : w->metric_default;
	const char *scen = w->tornado[0].scenario, *metric = w->tornado[0].metric;
	int found = 0;
	for (size_t i = 0; *want_scen && i < w->n_tornado; i++)
		if (strcmp(w->tornado[i].scenario, want_scen) == 0) {
			scen = w->tornado[i].scenario;
			metric = w->tornado[i].metric;
			found = 1;
			break;
		}
	if (contrast && !found)
		return js_error_set(err, EX_USAGE,
				    "tornado: tornado.csv has no rows for the contrast %s (run the sweep with "
				    "sweep.contrast = \"%s\" to compute them)",
				    want_scen, want_scen);
	for (size_t i = 0; *want_metric && i < w->n_tornado; i++)
		if (strcmp(w->tornado[i].scenario, scen) == 0 && strcmp(w->tornado[i].metric, want_metric) == 0) {
			metric = w->tornado[i].metric;
			break;
		}
	size_t *idx = malloc(w->n_tornado * sizeof *idx);
	if (!idx)
		return js_error_set(err, EX_OSERR, "tornado: out of memory");
	size_t n = select_rows(w, scen, metric, idx);
	if (n == 0) {
		/* the options named a pair with no rows: fall back to the first row's */
		scen = w->tornado[0].scenario;
		metric = w->tornado[0].metric;
		n = select_rows(w, scen, metric, idx);
	}
	/* a contrast's rows are named "A-B": its two models */
	int sa = contrast ? plot_sweep_scenario(w, ca) : plot_sweep_scenario(w, scen);
	char scen_label[320], sb[160];
	if (contrast && sa >= 0 && plot_sweep_scenario(w, cb) >= 0) {
		plot_in_sentence(sb, sizeof sb, w->label[plot_sweep_scenario(w, cb)]);
		snprintf(scen_label, sizeof scen_label, "%s minus %s", w->label[sa], sb);
	} else {
		char *l = plot_scenario_label(scen);
		snprintf(scen_label, sizeof scen_label, "%s", l ? l : scen);
		free(l);
	}
	char title[1024], note[512], mname[64], mlower[96], pname[320], plower[96], a[64], b[64], lv[48], hv[48];
	plot_metric_label(mname, sizeof mname, metric);
	plot_in_sentence(mlower, sizeof mlower, mname);
	const struct plot_tornado_row *top = &w->tornado[idx[0]];
	plot_sweep_param_label(w, pname, sizeof pname, top->parameter);
	plot_in_sentence(plower, sizeof plower, pname);
	value_text(w, metric, top->low.mean, contrast, a, sizeof a);
	value_text(w, metric, top->high.mean, contrast, b, sizeof b);
	double pair[2] = {top->low_value, top->high_value};
	int pd = plot_digits_needed(pair, 2);
	plot_fmt(lv, sizeof lv, top->low_value, pd);
	plot_fmt(hv, sizeof hv, top->high_value, pd);
	if (contrast) {
		/* the decision flips only when both ends are significant, on opposite sides of 0 */
		int flips = (top->low.hi < 0 && top->high.lo > 0) || (top->low.lo > 0 && top->high.hi < 0);
		char vs[320];
		snprintf(vs, sizeof vs, "%s", scen_label);
		char *minus = strstr(vs, " minus ");
		if (minus) /* "Customer council vs siloed" */
			memmove(minus + 4, minus + 7, strlen(minus + 7) + 1), memcpy(minus, " vs ", 4);
		snprintf(title, sizeof title, "%s, %s: %s %s (%s at %s, %s at %s)", vs, mlower, plower,
			 flips ? "flips the lead" : "moves the gap most", a, lv, b, hv);
	} else {
		snprintf(title, sizeof title, "%s: %s is most sensitive to %s: %s at %s, %s at %s", scen_label, mlower, plower,
			 a, lv, b, hv);
	}
	snprintf(note, sizeof note, "Each parameter moved alone from its low to its high value, the others at base.%s "
				    "Whiskers: 95%% confidence intervals, simulation noise only. Ranked by swing.",
		 contrast ? " Bars: the paired difference of the two models." : "");
	plot_frame(pg, in, title, note, &body);

	/* the key: light = low value, dark = high value */
	struct plot_rgb c = plot_scenario_colour((size_t)(sa >= 0 ? sa : 0));
	struct plot_rgb light = {1 - (1 - c.r) * 0.45, 1 - (1 - c.g) * 0.45, 1 - (1 - c.b) * 0.45};
	double lh = plot_line_height(pg, PLOT_FONT_LEGEND);
	double kx = body.x + plot_legend_item(pg, PLOT_FONT_LEGEND, body.x, body.y, light, 0, PLOT_KEY_BOX, "parameter at its low value", 1) + 24;
	plot_legend_item(pg, PLOT_FONT_LEGEND, kx, body.y, c, 0, PLOT_KEY_BOX, "at its high value", 1);

	/* a difference always shows 0 */
	double lo = contrast ? 0 : INFINITY, hi = contrast ? 0 : -INFINITY, base = top->base_mean;
	for (size_t k = 0; k < n; k++) {
		const struct plot_tornado_row *t = &w->tornado[idx[k]];
		double v[7] = {t->low.mean, t->low.lo, t->low.hi, t->high.mean, t->high.lo, t->high.hi, t->base_mean};
		for (int q = 0; q < 7; q++)
			if (isfinite(v[q]))
				lo = fmin(lo, v[q]), hi = fmax(hi, v[q]);
	}
	int m = plot_sweep_metric(w, metric);
	struct plot_axis ax;
	plot_axis_setup(&ax, lo, hi, 6, m >= 0 ? w->unit[m] : "");
	/* labels: parameter and its range, two lines */
	double lab_max = fmin(260, body.w * 0.3), lab_w = 0;
	for (size_t k = 0; k < n; k++) {
		plot_sweep_param_label(w, pname, sizeof pname, w->tornado[idx[k]].parameter);
		lab_w = fmax(lab_w, plot_text_size(pg, PLOT_FONT_LABEL, lab_max, 1, pname).w);
	}
	double val_w = plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, "\xE2\x82\xAC" "00.0M").w + 10;
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	ax.p0 = body.x + lab_w + 16 + val_w;
	ax.p1 = body.x + body.w - val_w;
	double rows_top = body.y + lh + 16, axis_y = body.y + body.h - th - 10 - plot_line_height(pg, PLOT_FONT_LABEL) - 4;
	double row_h = (axis_y - rows_top) / (double)n, bar_h = fmin(row_h * 0.62, 36);
	plot_axis_draw_x(pg, &ax, axis_y, rows_top);
	char axis_label[512];
	if (contrast) {
		plot_in_sentence(pname, sizeof pname, scen_label);
		snprintf(axis_label, sizeof axis_label, "%s difference, %s, %s", mname, pname, ax.scale.unit);
	}
	else
		snprintf(axis_label, sizeof axis_label, "%s, %s", mname, ax.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, (ax.p0 + ax.p1) / 2, body.y + body.h, PLOT_CENTER | PLOT_BOTTOM, 0,
		  0, axis_label);
	double bx = plot_axis_map(&ax, base);
	int two_lines = row_h >= 2 * plot_line_height(pg, PLOT_FONT_LABEL);
	for (size_t k = 0; k < n; k++) {
		const struct plot_tornado_row *t = &w->tornado[idx[k]];
		double cy = rows_top + ((double)k + 0.5) * row_h;
		plot_sweep_param_label(w, pname, sizeof pname, t->parameter);
		char range[128];
		double vals[2] = {t->low_value, t->high_value};
		int vd = plot_digits_needed(vals, 2);
		int j = plot_list_find(w->param, w->n_params, t->parameter);
		const char *unit = j >= 0 && w->param_unit ? w->param_unit[j] : "";
		snprintf(range, sizeof range, "%s to %s%s%s", plot_fmt(lv, sizeof lv, t->low_value, vd),
			 plot_fmt(hv, sizeof hv, t->high_value, vd), *unit ? " " : "", unit);
		if (two_lines) {
			plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x + lab_w, cy, PLOT_RIGHT | PLOT_BOTTOM, lab_max, 1,
				  pname);
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, body.x + lab_w, cy, PLOT_RIGHT | PLOT_TOP, lab_max, 1,
				  range);
		} else {
			plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x + lab_w, cy, PLOT_RIGHT | PLOT_MIDDLE, lab_max, 1,
				  pname);
		}
		const struct plot_stat *ends[2] = {&t->low, &t->high};
		for (int e = 0; e < 2; e++) {
			const struct plot_stat *st = ends[e];
			if (!isfinite(st->mean))
				continue;
			double x1 = plot_axis_map(&ax, st->mean);
			/* low above high within the row */
			double y0 = cy - bar_h / 2 + (e ? bar_h / 2 : 0);
			plot_fill_rect(pg, fmin(bx, x1), y0, fabs(x1 - bx), bar_h / 2, e ? c : light);
			plot_probe(pg, "tornado.bar", k, (size_t)e, fmin(bx, x1), y0, fabs(x1 - bx), bar_h / 2);
			plot_whisker_h(pg, plot_axis_map(&ax, st->lo), plot_axis_map(&ax, st->hi), y0 + bar_h / 4);
			value_text(w, metric, st->mean, contrast, a, sizeof a);
			double xe = st->mean >= base ? fmax(x1, isfinite(st->hi) ? plot_axis_map(&ax, st->hi) : x1) + 5
						    : fmin(x1, isfinite(st->lo) ? plot_axis_map(&ax, st->lo) : x1) - 5;
			plot_text(pg, PLOT_FONT_VALUE, plot_theme.text, xe, y0 + bar_h / 4,
				  (st->mean >= base ? PLOT_LEFT : PLOT_RIGHT) | PLOT_MIDDLE, 0, 0, a);
		}
	}
	plot_line(pg, bx, rows_top - 6, bx, axis_y, 1.6, plot_theme.text);
	if (contrast && fabs(plot_axis_map(&ax, 0) - bx) > 2) { /* where the two models are level */
		double x0 = plot_axis_map(&ax, 0);
		cairo_save(pg->cr);
		double dash[] = {4, 3};
		cairo_set_dash(pg->cr, dash, 2, 0);
		plot_line(pg, x0, rows_top - 6, x0, axis_y, 1.2, plot_theme.text_muted);
		cairo_restore(pg->cr);
		plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, x0 + (x0 < bx ? -4 : 4), axis_y - 2,
			  (x0 < bx ? PLOT_RIGHT : PLOT_LEFT) | PLOT_BOTTOM, 0, 0, "no difference");
	}
	value_text(w, metric, base, contrast, a, sizeof a);
	char base_label[96];
	snprintf(base_label, sizeof base_label, "base %s", a);
	plot_text(pg, PLOT_FONT_TICK, plot_theme.text, bx + 4, rows_top - 6, PLOT_LEFT | PLOT_BOTTOM, 0, 0, base_label);
	free(idx);
	return 0;
}
