/* chart_cost.c - chart 8: what each scenario's cost is made of. One stacked
 * bar per scenario (staff, variable, management, overlay, coordination,
 * technology, rework, marketing, one-off transition spread over its years),
 * the total at the end, and the change against the
 * baseline where it is significant. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

const char *const plot_cost_parts[PLOT_COMPONENTS] = {"cost.staff",        "cost.variable",   "cost.management",
						      "cost.overlay",      "cost.coordination", "cost.technology",
						      "cost.rework",       "cost.marketing",  "cost.transition"};

static double part_value(const struct plot_results *r, size_t s, size_t k)
{
	double v = plot_results_get(r, s, plot_cost_parts[k]).mean;
	return isfinite(v) ? v : 0;
}

/* cost.total beyond the sum of its listed parts (a part missing from
 * summary.csv, or one this chart does not know): drawn as "Not itemised". */
static double unlisted(const struct plot_results *r, size_t s);

static double total_of(const struct plot_results *r, size_t s)
{
	double t = plot_results_get(r, s, "cost.total").mean;
	if (isfinite(t))
		return t;
	t = 0;
	for (size_t k = 0; k < PLOT_COMPONENTS; k++)
		t += part_value(r, s, k);
	return t;
}

static double unlisted(const struct plot_results *r, size_t s)
{
	double sum = 0;
	for (size_t k = 0; k < PLOT_COMPONENTS; k++)
		sum += fmax(0, part_value(r, s, k));
	double t = total_of(r, s), rest = t - sum;
	return isfinite(rest) && rest > 0.005 * fabs(t) ? rest : 0;
}

void plot_cost_title(const struct plot_results *r, char *buf, size_t len)
{
	char base[160], num[64], name[64], parts[256] = "";
	plot_in_sentence(base, sizeof base, r->label[0]);
	/* the largest component of the baseline */
	size_t big = 0;
	for (size_t k = 1; k < PLOT_COMPONENTS; k++)
		if (part_value(r, 0, k) > part_value(r, 0, big))
			big = k;
	double tot = total_of(r, 0), share = tot > 0 ? part_value(r, 0, big) / tot * 100 : NAN;
	/* the scenario whose total moves most, significantly */
	size_t pick = 0;
	double pick_d = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_stat d = plot_results_diff(r, s, "cost.total");
		if (plot_significant(&d) && (pick == 0 || (d.mean < 0 && (pick_d >= 0 || d.mean < pick_d)) ||
					     (pick_d > 0 && d.mean > pick_d)))
			pick = s, pick_d = d.mean;
	}
	if (!pick || !isfinite(tot) || tot <= 0) {
		if (!isfinite(share))
			snprintf(buf, len, "Cost breakdown: no cost data in summary.csv");
		else if (r->n_scen > 1)
			snprintf(buf, len, "%s is %s%% of cost; no model's total cost differs significantly from %s",
				 plot_metric_label(name, sizeof name, plot_cost_parts[big]), plot_fmt(num, sizeof num, share, 0),
				 base);
		else
			snprintf(buf, len, "%s: %s is %s%% of cost", r->label[0],
				 plot_metric_label(name, sizeof name, plot_cost_parts[big]), plot_fmt(num, sizeof num, share, 0));
		return;
	}
	/* the two components that move most, significantly */
	size_t top[2] = {PLOT_COMPONENTS, PLOT_COMPONENTS};
	for (size_t k = 0; k < PLOT_COMPONENTS; k++) {
		struct plot_stat d = plot_results_diff(r, pick, plot_cost_parts[k]);
		if (!plot_significant(&d))
			continue;
		double a = fabs(d.mean);
		if (top[0] == PLOT_COMPONENTS || a > fabs(plot_results_diff(r, pick, plot_cost_parts[top[0]]).mean)) {
			top[1] = top[0];
			top[0] = k;
		} else if (top[1] == PLOT_COMPONENTS || a > fabs(plot_results_diff(r, pick, plot_cost_parts[top[1]]).mean)) {
			top[1] = k;
		}
	}
	for (int i = 0; i < 2; i++) {
		if (top[i] == PLOT_COMPONENTS)
			continue;
		char word[64], lower[64];
		plot_metric_label(word, sizeof word, plot_cost_parts[top[i]]);
		plot_in_sentence(lower, sizeof lower, word);
		size_t n = strlen(parts);
		snprintf(parts + n, sizeof parts - n, "%s%s %s", n ? ", " : "", lower,
			 plot_fmt_money(num, sizeof num, plot_results_diff(r, pick, plot_cost_parts[top[i]]).mean,
					r->run.currency, 1));
	}
	double pct = pick_d / tot * 100;
	snprintf(buf, len, "%s costs %s%% %s than %s%s%s%s", r->label[pick], plot_fmt(num, sizeof num, fabs(pct), 0),
		 pct < 0 ? "less" : "more", base, *parts ? ": " : "", parts, *parts ? " a year" : "");
}

/* Whether component k (PLOT_COMPONENTS: the unlisted rest) has a value in
 * any scenario of q: only those get a key. */
static int key_present(const struct plot_results *r, struct plot_selection q, size_t k)
{
	int present = 0;
	for (size_t i = 0; i < q.n; i++)
		present |= k < PLOT_COMPONENTS ? part_value(r, plot_sel(&q, i), k) != 0 : unlisted(r, plot_sel(&q, i)) > 0;
	return present;
}

/* The board's key column is in the tick font, a line per key. */
double plot_cost_compact_height(struct chart_page *pg, const struct plot_results *r, struct plot_selection q,
				double row_pitch)
{
	size_t keys = 0;
	for (size_t k = 0; k <= PLOT_COMPONENTS; k++)
		keys += (size_t)key_present(r, q, k);
	return fmax(2 + (double)q.n * row_pitch, (double)keys * plot_line_height(pg, PLOT_FONT_TICK));
}

void plot_cost_body(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *area, int compact,
		    struct plot_selection q)
{
	const char *currency = r->run.currency;
	double hi = 0;
	for (size_t i = 0; i < q.n; i++) {
		size_t s = plot_sel(&q, i);
		double sum = 0;
		for (size_t k = 0; k < PLOT_COMPONENTS; k++)
			sum += fmax(0, part_value(r, s, k));
		hi = fmax(hi, fmax(sum, total_of(r, s)));
	}
	if (!(hi > 0)) {
		plot_empty(pg, area, "No cost components in summary.csv");
		return;
	}
	/* the components that are there: a legend on top, or (compact) a
	 * column on the right that leaves the bars their height */
	enum plot_font kf = compact ? PLOT_FONT_TICK : PLOT_FONT_LEGEND;
	double x = area->x, y = area->y, lh = plot_line_height(pg, kf), key_w = 0, pitch = lh + 6;
	size_t n_keys = 0;
	struct plot_rect a = *area;
	for (int pass = compact ? 0 : 1; pass < 2; pass++) {
		if (pass == 1 && compact) /* the column's rows share the height, never tighter than a line */
			pitch = fmax(lh, fmin(lh + 4, area->h / (double)(n_keys ? n_keys : 1)));
		for (size_t k = 0; k <= PLOT_COMPONENTS; k++) {
			if (!key_present(r, q, k))
				continue;
			char name[64];
			if (k < PLOT_COMPONENTS)
				plot_metric_label(name, sizeof name, plot_cost_parts[k]);
			else
				snprintf(name, sizeof name, "Not itemised");
			struct plot_rgb kc = k < PLOT_COMPONENTS ? plot_theme.component[k] : plot_theme.leak;
			double w = plot_legend_item(pg, kf, x, y, kc, 0, PLOT_KEY_BOX, name, 0);
			if (pass == 0) { /* compact: measure the column */
				key_w = fmax(key_w, w);
				n_keys++;
				continue;
			}
			if (compact) {
				x = area->x + area->w - key_w;
			} else if (x > area->x && x + w > area->x + area->w) {
				x = area->x;
				y += pitch;
			}
			plot_legend_item(pg, kf, x, y, kc, 0, PLOT_KEY_BOX, name, 1);
			if (k == PLOT_COMPONENTS) /* hatched like its segment */
				plot_hatch(pg, x + 4, y + lh / 2 - 7, 14, 14, plot_theme.text_muted);
			if (compact)
				y += pitch;
			else
				x += w + 22;
		}
	}
	if (compact)
		a.w -= key_w + 16;
	area = &a;
	double top = compact ? area->y + 2 : y + lh + 14;

	/* the label column and the axis */
	double lab_max = fmin(200, area->w * 0.24), lab_w = 0;
	for (size_t i = 0; i < q.n && !compact; i++)
		lab_w = fmax(lab_w, plot_text_size(pg, PLOT_FONT_LABEL, lab_max, 2, r->label[plot_sel(&q, i)]).w);
	if (compact)
		lab_w = 2 * plot_theme.marker;
	char buf[64];
	double total_w = 0;
	for (size_t i = 0; i < q.n; i++) {
		size_t s = plot_sel(&q, i);
		char t[160];
		struct plot_stat d = plot_results_diff(r, s, "cost.total");
		plot_fmt_money(t, sizeof t, total_of(r, s), currency, 0);
		if (s > 0 && plot_significant(&d) && !compact) {
			size_t n = strlen(t);
			snprintf(t + n, sizeof t - n, " (%s%%)", plot_fmt_signed(buf, sizeof buf, d.mean / total_of(r, 0) * 100, 0));
		}
		total_w = fmax(total_w, plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, t).w);
	}
	struct plot_axis ax;
	plot_axis_setup(&ax, 0, hi, 6, plot_results_unit(r, "cost.total"));
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	ax.p0 = area->x + lab_w + 14;
	ax.p1 = area->x + area->w - total_w - 10;
	/* compact (the board): no axis, the segments and totals carry their
	 * money; a line marks where the bars start */
	double axis_y = compact ? area->y + area->h
				: area->y + area->h - th - 8 - plot_line_height(pg, PLOT_FONT_LABEL) - 2;
	double rows_h = axis_y - top, row_h = rows_h / (double)q.n;
	if (compact) /* few bars stack from the top instead of spreading out */
		row_h = fmin(row_h, 2.4 * plot_line_height(pg, PLOT_FONT_VALUE));
	double bar_h = fmin(row_h * (compact ? 0.72 : 0.66), 40);
	if (compact)
		plot_line(pg, ax.p0, top, ax.p0, top + row_h * (double)q.n, plot_theme.axis, plot_theme.axis_colour);
	else
		plot_axis_draw_x(pg, &ax, axis_y, top);
	if (!compact) {
		char label[128];
		snprintf(label, sizeof label, "Cost, %s", ax.scale.unit);
		plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, (ax.p0 + ax.p1) / 2, area->y + area->h,
			  PLOT_CENTER | PLOT_BOTTOM, 0, 0, label);
	}
	int lines = row_h >= 2 * plot_line_height(pg, PLOT_FONT_LABEL) + 4 ? 2 : 1;
	/* room for the total labels: their ink, not their leading */
	int totals = row_h >= (compact ? 0.8 : 1) * plot_line_height(pg, PLOT_FONT_VALUE);
	for (size_t i = 0; i < q.n; i++) {
		size_t s = plot_sel(&q, i);
		double cy = top + ((double)i + 0.5) * row_h;
		if (compact) {
			plot_marker(pg, s, area->x + plot_theme.marker, cy, plot_theme.marker * 0.85);
		} else {
			plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, area->x + lab_w, cy, PLOT_RIGHT | PLOT_MIDDLE, lab_max,
				  lines, r->label[s]);
			/* the scenario's colour as a tab at the root of its bar */
			plot_scenario_fill(pg, s, ax.p0 - 8, cy - bar_h / 2, 5, bar_h);
		}
		double acc = 0;
		for (size_t k = 0; k < PLOT_COMPONENTS; k++) {
			double v = part_value(r, s, k);
			if (v <= 0)
				continue;
			double x0 = plot_axis_map(&ax, acc), x1 = plot_axis_map(&ax, acc + v);
			struct plot_rgb c = plot_theme.component[k];
			plot_fill_rect(pg, x0, cy - bar_h / 2, x1 - x0, bar_h, c);
			/* a hairline between segments */
			plot_line(pg, x1, cy - bar_h / 2, x1, cy + bar_h / 2, 1, plot_theme.background);
			plot_probe(pg, "cost.segment", s, k, x0, cy - bar_h / 2, x1 - x0, bar_h);
			plot_fmt_money(buf, sizeof buf, v, currency, 0);
			struct plot_text_box b = plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf);
			if (b.w + 8 < x1 - x0 && b.h < bar_h)
				plot_text(pg, PLOT_FONT_VALUE,
					  plot_luminance(c) > 0.3 ? plot_theme.text : plot_theme.background, (x0 + x1) / 2,
					  cy, PLOT_CENTER | PLOT_MIDDLE, 0, 0, buf);
			acc += v;
		}
		double rest = unlisted(r, s);
		if (rest > 0) {
			double x0 = plot_axis_map(&ax, acc), x1 = plot_axis_map(&ax, acc + rest);
			plot_fill_rect(pg, x0, cy - bar_h / 2, x1 - x0, bar_h, plot_theme.leak);
			plot_hatch(pg, x0, cy - bar_h / 2, x1 - x0, bar_h, plot_theme.text_muted);
			acc += rest;
		}
		char t[160];
		struct plot_stat d = plot_results_diff(r, s, "cost.total");
		int sig = s > 0 && plot_significant(&d);
		plot_fmt_money(t, sizeof t, total_of(r, s), currency, 0);
		if (sig && !compact) {
			size_t n = strlen(t);
			snprintf(t + n, sizeof t - n, " (%s%%)", plot_fmt_signed(buf, sizeof buf, d.mean / total_of(r, 0) * 100, 0));
		}
		if (totals)
			plot_text(pg, sig ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE, plot_theme.text,
				  plot_axis_map(&ax, fmax(acc, total_of(r, s))) + 6, cy, PLOT_LEFT | PLOT_MIDDLE, 0, 0, t);
	}
}

int chart_cost_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[512] = "", base[128];
	plot_cost_title(r, title, sizeof title);
	plot_in_sentence(base, sizeof base, r->label[0]);
	snprintf(note, sizeof note, "Means per year. Totals in bold differ from %s (95%% interval of the paired difference excludes 0).",
		 base);
	/* name what is missing */
	char missing[256] = "";
	for (size_t k = 0; k < PLOT_COMPONENTS; k++)
		if (plot_results_metric(r, plot_cost_parts[k]) < 0) {
			size_t n = strlen(missing);
			snprintf(missing + n, sizeof missing - n, "%s%s", n ? ", " : "", plot_cost_parts[k]);
		}
	if (*missing) {
		size_t n = strlen(note);
		snprintf(note + n, sizeof note - n, " Not in summary.csv: %s.", missing);
	}
	struct plot_rect body;
	plot_frame(pg, in, title, note, &body);
	plot_cost_body(pg, r, &body, 0, PLOT_ALL(r));
	return 0;
}
