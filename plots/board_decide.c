/* board_decide.c - the decision board page of a decide folder (board.pdf):
 * the answer as the title, a facts line (objective, worlds, replications,
 * priors, the expected loss of the answer), the warning when simulation
 * noise is a large share of the spread across worlds, then the four
 * decision charts in small: chance of being best, rank probabilities,
 * acceptability, and what to measure before deciding. In the style of the
 * run's board (chart_board.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static struct plot_rect panel(struct chart_page *pg, size_t k, const struct plot_rect *p, const char *title)
{
	double ph = plot_line_height(pg, PLOT_FONT_PANEL) + 6;
	char text[256];
	plot_probe(pg, "board.panel", k, 0, p->x, p->y, p->w, p->h);
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, p->x, p->y, PLOT_LEFT | PLOT_TOP, p->w, 1,
		  plot_text_abbreviate(pg, PLOT_FONT_PANEL, p->w, title, text, sizeof text));
	return (struct plot_rect){p->x, p->y + ph, p->w, p->h - ph};
}

/* "Objective: margin, higher is better · 128 worlds × 4 replications · 20
 * uncertain assumptions · simulation noise: 12% of the spread across worlds" */
static void facts(const struct plot_decide *d, char *buf, size_t len)
{
	char a[32], b[32];
	int n = snprintf(buf, len, "Objective: %s, %s is better", d->objective.text, d->objective.better > 0 ? "higher" : "lower");
	if (n > 0 && (size_t)n < len && isfinite(d->worlds) && isfinite(d->run.replications))
		n += snprintf(buf + n, len - (size_t)n, " \xC2\xB7 %s worlds \xC3\x97 %s replication%s", plot_fmt(a, sizeof a, d->worlds, 0),
			      plot_fmt(b, sizeof b, d->run.replications, 0), d->run.replications == 1 ? "" : "s");
	if (n > 0 && (size_t)n < len && d->n_priors)
		n += snprintf(buf + n, len - (size_t)n, " \xC2\xB7 %zu uncertain assumption%s", d->n_priors,
			      d->n_priors == 1 ? "" : "s");
	if (n > 0 && (size_t)n < len && isfinite(d->noise_share) && !d->noise_warning)
		n += snprintf(buf + n, len - (size_t)n, " \xC2\xB7 simulation noise: %s of the spread across worlds",
			      plot_fmt_prob(a, sizeof a, d->noise_share));
	/* the most often best need not be the best on average: then both are said */
	size_t e = plot_decide_best_expected(d), idx[d->n_scen ? d->n_scen : 1];
	plot_decide_order(d, idx);
	if (n > 0 && (size_t)n < len && d->n_scen > 1 && e != idx[0]) {
		char lab[160];
		plot_in_sentence(lab, sizeof lab, d->row[e].label);
		snprintf(buf + n, len - (size_t)n, " \xC2\xB7 best on average: %s", lab);
	}
}

static void noise_line(const struct plot_decide *d, char *buf, size_t len)
{
	char p[16];
	buf[0] = 0;
	if (d->noise_warning)
		snprintf(buf, len,
			 "\xE2\x9A\xA0 Simulation noise is %s of the spread across worlds: part of what looks like "
			 "uncertainty in the assumptions is noise. Add replications before reading the ranking.",
			 isfinite(d->noise_share) ? plot_fmt_prob(p, sizeof p, d->noise_share) : "a large share");
}

int chart_decision_board_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_decide *d = in->decide;
	char title[512], note[1024], fact[1024], warn[512], num[32];
	plot_decide_title(d, title, sizeof title);
	facts(d, fact, sizeof fact);
	noise_line(d, warn, sizeof warn);
	snprintf(note, sizeof note,
		 "Worlds: %s draws from the priors (illustrative ranges: docs/priors.md), the same customers in every "
		 "model. Small EVPPI values are overstated.",
		 isfinite(d->worlds) ? plot_fmt(num, sizeof num, d->worlds, 0) : "the");
	pg->tool_top = 1;
	double w = pg->w - plot_theme.margin_left - plot_theme.margin_right;
	struct plot_rect body;
	plot_frame_measure(pg, in, title, note, &body);
	double fh = plot_text_size(pg, PLOT_FONT_NOTE, w, 2, fact).h;
	double wh = *warn ? plot_text_size(pg, PLOT_FONT_VALUE_BOLD, w, 2, warn).h + 2 : 0;
	plot_frame(pg, in, title, note, &body);
	plot_text(pg, PLOT_FONT_NOTE, plot_theme.text, body.x, body.y - 10, PLOT_LEFT | PLOT_TOP, w, 2, fact);
	if (*warn)
		plot_text(pg, PLOT_FONT_VALUE_BOLD, plot_theme.negative, body.x, body.y - 10 + fh + 2, PLOT_LEFT | PLOT_TOP, w,
			  2, warn);
	double used = fh + wh + 2;
	body.y += used, body.h -= used;
	if (d->n_scen == 0) {
		plot_empty(pg, &body, "decision.csv has no models.");
		return 0;
	}
	/* two columns; the left a little wider for the models' names and figures */
	/* the upper panels get what one row per model needs (up to 60%), the lower ones the rest */
	double gap_y = 14, th = plot_line_height(pg, PLOT_FONT_TICK), ph = plot_line_height(pg, PLOT_FONT_PANEL) + 6;
	double need = ph + 2 * th + 14 + (double)d->n_scen * (th + 0.5);
	double lw = floor((body.w - plot_theme.gap) * 0.5), rx = body.x + lw + plot_theme.gap, rw = body.x + body.w - rx;
	double top_h = floor(fmin(fmax(need, (body.h - gap_y) * 0.5), (body.h - gap_y) * 0.6)), by = body.y + top_h + gap_y,
	       bh = body.y + body.h - by;
	struct plot_rect best = {body.x, body.y, lw, top_h}, ranks = {rx, body.y, rw, top_h}, acc = {body.x, by, lw, bh},
			 ev = {rx, by, rw, bh};
	struct plot_rect a = panel(pg, 0, &best, "Chance of being best, and the expected loss");
	plot_decide_best_body(pg, d, &a, 1);
	a = panel(pg, 1, &ranks, "Rank probabilities (1st = best)");
	plot_decide_ranks_body(pg, d, &a, 1);
	a = panel(pg, 2, &acc, "Chance of being best by the weight of experience");
	plot_acceptability_body(pg, d, &a, 1);
	/* the panel's title says how many of the parameters it has room for */
	size_t np = 0;
	for (size_t i = 0; i < d->n_evppi; i++)
		np += d->evppi[i].kind == PLOT_EVPPI_PARAMETER;
	a = (struct plot_rect){ev.x, ev.y + ph, ev.w, ev.h - ph};
	size_t shown = plot_evppi_body(pg, d, &a, 1);
	char ev_title[128];
	if (shown < np)
		snprintf(ev_title, sizeof ev_title, "What to measure before deciding (top %zu of %zu)", shown, np);
	else
		snprintf(ev_title, sizeof ev_title, "What to measure before deciding");
	panel(pg, 3, &ev, ev_title);
	return 0;
}
