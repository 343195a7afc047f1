/* chart_decision_best.c - decision chart 1: the probability that each model
 * is best over the plausible worlds of a decide folder, one bar per model,
 * the most likely best on top, each annotated with its expected value, the
 * 5-95% range over worlds (assumption uncertainty) and the expected loss of
 * choosing it. The title gives the answer (plot_decide_title). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

/* "€20.8M (€18.0M to €23.0M)": the range in the unit of its larger end. */
static void expected_text(const struct plot_decide *d, const struct plot_decide_row *r, char *buf, size_t len)
{
	char e[48], lo[48], hi[48];
	plot_decide_value(d, e, sizeof e, r->expected, 0);
	if (!plot_unit_is_money(d->unit, d->run.currency) || !isfinite(r->p05) || !isfinite(r->p95)) {
		snprintf(buf, len, "%s", e);
		return;
	}
	double ref = fmax(fabs(r->p05), fabs(r->p95));
	plot_fmt_money_as(lo, sizeof lo, r->p05, ref, d->run.currency, 0);
	plot_fmt_money_as(hi, sizeof hi, r->p95, ref, d->run.currency, 0);
	snprintf(buf, len, "%s (%s to %s)", e, lo, hi);
}

void plot_decide_best_body(struct chart_page *pg, const struct plot_decide *d, const struct plot_rect *r, int compact)
{
	const struct plot_theme *t = &plot_theme;
	size_t n = d->n_scen, idx[n ? n : 1];
	plot_decide_order(d, idx);
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	enum plot_font lf = compact ? PLOT_FONT_TICK : PLOT_FONT_LABEL;
	/* columns: label | bar and its % | expected (range) | expected loss */
	char buf[160];
	double label_w = 0, exp_w = 0, loss_w = 0, max_label = compact ? r->w * 0.36 : fmin(260, r->w * 0.3);
	const char *exp_head = "Expected (5\xE2\x80\x93" "95% of worlds)", *loss_head = "Expected loss";
	for (size_t s = 0; s < n; s++) {
		label_w = fmax(label_w, plot_text_size(pg, lf, max_label, 1, d->row[s].label).w);
		expected_text(d, &d->row[s], buf, sizeof buf);
		exp_w = fmax(exp_w, plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf).w);
		plot_decide_value(d, buf, sizeof buf, d->row[s].expected_loss, 0);
		loss_w = fmax(loss_w, plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf).w);
	}
	if (compact)
		exp_w = 0;
	else
		exp_w = fmax(exp_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, exp_head).w);
	loss_w = fmax(loss_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, compact ? "Loss" : loss_head).w);
	double pct_w = plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, "100%").w + 8;
	double x0 = r->x + label_w + 12, right = r->x + r->w;
	double loss_x = right, exp_x = right - loss_w - (compact ? 0 : 24);
	double x1 = (compact ? right - loss_w : exp_x - exp_w) - 16 - pct_w;
	double rows_top = r->y + th + 6, axis_y = r->y + r->h - th - 6;
	/* rows one line apart at least: past that the least likely are summed in a last line */
	size_t shown = n, fit = (size_t)floor((axis_y - rows_top) / th);
	if (n > fit && fit >= 2)
		shown = fit - 1;
	double row_h = (axis_y - rows_top) / (double)(shown < n ? shown + 1 : (n ? n : 1)), bar_h = fmin(row_h * 0.62, 30);
	/* headers of the text columns */
	plot_text(pg, PLOT_FONT_TICK, t->text_muted, loss_x, r->y, PLOT_RIGHT | PLOT_TOP, 0, 0,
		  compact ? "Loss" : loss_head);
	if (!compact)
		plot_text(pg, PLOT_FONT_TICK, t->text_muted, exp_x, r->y, PLOT_RIGHT | PLOT_TOP, 0, 0, exp_head);
	plot_text(pg, PLOT_FONT_TICK, t->text_muted, x0, r->y, PLOT_LEFT | PLOT_TOP, 0, 0, "Chance of being best");
	/* the probability axis: quarters, and half the worlds marked */
	for (int q = 0; q <= 4; q++) {
		double x = x0 + (x1 - x0) * q / 4.0;
		plot_line(pg, x, rows_top, x, axis_y, t->grid, t->grid_colour);
		if (!compact || q % 2 == 0) {
			snprintf(buf, sizeof buf, "%d%%", q * 25);
			plot_text(pg, PLOT_FONT_TICK, t->text_muted, x, axis_y + 4, PLOT_CENTER | PLOT_TOP, 0, 0, buf);
		}
	}
	plot_line(pg, x0, axis_y, x1, axis_y, t->axis, t->axis_colour);
	if (shown < n) { /* the rest as one grey row of their summed chance */
		double rest = 0, cy = rows_top + ((double)shown + 0.5) * row_h;
		for (size_t k = shown; k < n; k++)
			rest += isfinite(d->row[idx[k]].p_best) ? d->row[idx[k]].p_best : 0;
		snprintf(buf, sizeof buf, "%zu more models", n - shown);
		plot_text(pg, lf, t->text_muted, r->x + label_w, cy, PLOT_RIGHT | PLOT_MIDDLE, max_label, 1, buf);
		double bw = (x1 - x0) * fmin(1, rest);
		if (bw > 0)
			plot_fill_rect(pg, x0, cy - bar_h / 2, bw, bar_h, t->leak);
		plot_text(pg, PLOT_FONT_VALUE, t->text_muted, x0 + bw + 5, cy, PLOT_LEFT | PLOT_MIDDLE, 0, 0,
			  plot_fmt_prob(buf, sizeof buf, rest));
	}
	for (size_t k = 0; k < shown; k++) {
		size_t s = idx[k];
		const struct plot_decide_row *row = &d->row[s];
		double cy = rows_top + ((double)k + 0.5) * row_h;
		plot_text(pg, lf, t->text, r->x + label_w, cy, PLOT_RIGHT | PLOT_MIDDLE, max_label, 1, row->label);
		double p = isfinite(row->p_best) ? fmin(1, fmax(0, row->p_best)) : 0, bw = (x1 - x0) * p;
		if (bw > 0)
			plot_scenario_fill(pg, s, x0, cy - bar_h / 2, bw, bar_h);
		plot_probe(pg, "decide.best.bar", k, s, x0, cy - bar_h / 2, bw, bar_h);
		plot_text(pg, PLOT_FONT_VALUE_BOLD, t->text, x0 + bw + 5, cy, PLOT_LEFT | PLOT_MIDDLE, 0, 0,
			  plot_fmt_prob(buf, sizeof buf, row->p_best));
		if (!compact) {
			expected_text(d, row, buf, sizeof buf);
			plot_text(pg, PLOT_FONT_VALUE, t->text, exp_x, cy, PLOT_RIGHT | PLOT_MIDDLE, 0, 0, buf);
		}
		plot_decide_value(d, buf, sizeof buf, row->expected_loss, 0);
		plot_text(pg, PLOT_FONT_VALUE, t->text, loss_x, cy, PLOT_RIGHT | PLOT_MIDDLE, 0, 0, buf);
	}
	/* half the worlds: the line a model must pass to be "best in most" */
	double xh = (x0 + x1) / 2;
	cairo_save(pg->cr);
	double dash[] = {4, 3};
	cairo_set_dash(pg->cr, dash, 2, 0);
	plot_line(pg, xh, rows_top, xh, axis_y, 1.2, t->text_muted);
	cairo_restore(pg->cr);
}

/* "over 128 worlds: ±9 points at 50%", the Monte Carlo error of a share. */
static void worlds_note(const struct plot_decide *d, char *buf, size_t len)
{
	char num[32];
	if (isfinite(d->worlds) && d->worlds > 0)
		snprintf(buf, len, "%s sampled worlds (a share of 50%% is known to \xC2\xB1%.0f points)",
			 plot_fmt(num, sizeof num, d->worlds, 0), 100 * 1.96 * sqrt(0.25 / d->worlds));
	else
		snprintf(buf, len, "the sampled worlds");
}

int chart_decision_best_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_decide *d = in->decide;
	char title[512], note[1024], worlds[128], noise[48] = "n/a";
	plot_decide_title(d, title, sizeof title);
	worlds_note(d, worlds, sizeof worlds);
	double nh = 0;
	for (size_t s = 0; s < d->n_scen; s++)
		if (isfinite(d->row[s].noise_halfwidth))
			nh = fmax(nh, d->row[s].noise_halfwidth);
	plot_decide_value(d, noise, sizeof noise, nh, 0);
	snprintf(note, sizeof note,
		 "Bars: the share of %s in which the model is best on %s. Expected: the mean over worlds; in brackets "
		 "the 5th to 95th percentile over worlds (uncertainty in the assumptions; simulation noise adds up to "
		 "\xC2\xB1%s). Expected loss: what choosing it gives up on average against the best model of each world.",
		 worlds, d->objective.text, noise);
	/* the most often best need not be the best on average: then the note says so */
	size_t idx[d->n_scen ? d->n_scen : 1], e = plot_decide_best_expected(d);
	plot_decide_order(d, idx);
	if (d->n_scen > 1 && e != idx[0]) {
		size_t used = strlen(note);
		char lab[160];
		plot_in_sentence(lab, sizeof lab, d->row[idx[0]].label);
		snprintf(note + used, sizeof note - used, " %s has the best expected value, %s is best more often.",
			 d->row[e].label, lab);
	}
	struct plot_rect body;
	pg->tool_top = 1;
	plot_frame(pg, in, title, note, &body);
	if (d->n_scen == 0) {
		plot_empty(pg, &body, "decision.csv has no models.");
		return 0;
	}
	plot_decide_best_body(pg, d, &body, 0);
	return 0;
}
