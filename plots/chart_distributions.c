/* chart_distributions.c - chart 4: how journey time and experience are
 * spread over customers, one ridge (histogram) per scenario, with the mean
 * marked and written at the end of the row. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

struct var_spec {
	enum plot_dist_var var;
	const char *metric; /* the mean in summary.csv */
	const char *name, *unit_short, *axis_unit;
};

static const struct var_spec vars[2] = {
	{PLOT_DIST_TIME, "journey.time_to_customer", "Time to customer", "days", "days from arrival to delivery"},
	{PLOT_DIST_EXPERIENCE, "experience.mean", "Experience", "", "points (0-10)"},
};

/* Upper end of a bin; an open last bin gets the width of the one before. */
static double bin_hi(const struct plot_hist *h, size_t i)
{
	if (isfinite(h->hi[i]))
		return h->hi[i];
	double w = i > 0 && isfinite(h->hi[i - 1]) ? h->hi[i - 1] - h->lo[i - 1] : 1;
	return h->lo[i] + w;
}

/* The range a panel draws, and what it leaves out (for the footnote). */
struct cut {
	double xlo, xhi, dmax; /* bins drawn; the largest density among them */
	double open_at;      /* the open last bin's start, NaN when none is drawn */
	double beyond_at;    /* the range ends here... */
	double beyond_share; /* ...with up to this share of a scenario's customers beyond it */
};

static int usable(const struct plot_hist *h, size_t i)
{
	double lo = h->lo[i], hi = bin_hi(h, i);
	return isfinite(lo) && isfinite(hi) && hi > lo && isfinite(h->share[i]);
}

static void range_of(const struct plot_results *r, const struct var_spec *v, struct cut *cut)
{
	/* the range worth drawing: from the first bin that holds anyone to where
	 * 99.5% of every scenario's customers are (long empty tails dropped) */
	double xlo = INFINITY, xhi = -INFINITY, dmax = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		const struct plot_hist *h = &r->hist[s * PLOT_DIST_COUNT + v->var];
		double total = 0, cum = 0;
		for (size_t i = 0; i < h->n; i++)
			if (usable(h, i) && h->share[i] > 0)
				total += h->share[i];
		for (size_t i = 0; i < h->n && total > 0; i++) {
			if (!usable(h, i) || !(h->share[i] > 0))
				continue;
			xlo = fmin(xlo, h->lo[i]);
			cum += h->share[i];
			xhi = fmax(xhi, bin_hi(h, i));
			if (cum >= 0.995 * total)
				break;
		}
	}
	if (v->var == PLOT_DIST_EXPERIENCE && xhi > xlo) /* the score's own scale */
		xlo = fmin(xlo, 0), xhi = fmin(fmax(xhi, 10), 10);
	cut->open_at = NAN;
	cut->beyond_at = xhi;
	cut->beyond_share = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		const struct plot_hist *h = &r->hist[s * PLOT_DIST_COUNT + v->var];
		double beyond = 0, total = 0;
		for (size_t i = 0; i < h->n; i++) {
			if (!usable(h, i))
				continue;
			total += h->share[i];
			if (h->lo[i] >= xhi - 1e-9) {
				beyond += h->share[i];
				continue;
			}
			dmax = fmax(dmax, h->share[i] / (bin_hi(h, i) - h->lo[i]));
			if (!isfinite(h->hi[i]))
				cut->open_at = h->lo[i];
		}
		if (total > 0)
			cut->beyond_share = fmax(cut->beyond_share, beyond / total);
	}
	cut->xlo = xlo;
	cut->xhi = xhi;
	cut->dmax = dmax;
}

static void panel(struct chart_page *pg, const struct plot_results *r, const struct var_spec *v,
		  const struct plot_rect *a, double rows_top, double rows_h, const struct cut *cut)
{
	char buf[96], num[48];
	double lh = plot_line_height(pg, PLOT_FONT_PANEL);
	plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w, 1, v->name);
	plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, a->x, a->y + lh, PLOT_LEFT | PLOT_TOP, a->w, 1, v->axis_unit);
	double xlo = cut->xlo, xhi = cut->xhi, dmax = cut->dmax;
	struct plot_rect rows = {a->x, rows_top, a->w, rows_h};
	if (!(dmax > 0)) {
		plot_empty(pg, &rows, "No distribution in distributions.csv");
		return;
	}
	/* the mean's label at the row end */
	double mean_w = 0;
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_stat m = plot_results_get(r, s, v->metric);
		snprintf(buf, sizeof buf, "%s%s%s", plot_fmt(num, sizeof num, m.mean, 1), *v->unit_short ? " " : "",
			 v->unit_short);
		mean_w = fmax(mean_w, plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, buf).w);
	}
	struct plot_axis ax;
	plot_axis_setup(&ax, xlo, xhi, 6, "");
	plot_axis_tight(&ax, xlo, xhi); /* the bins are the range; ticks inside it */
	ax.p0 = a->x;
	ax.p1 = a->x + a->w - mean_w - 10;
	double axis_y = rows_top + rows_h;
	double row_h = rows_h / (double)r->n_scen, amp = row_h * 0.86;
	plot_axis_draw_x(pg, &ax, axis_y, rows_top);
	struct plot_axis ticks = ax;
	ticks.hi = floor(xhi / ax.step + 1e-9) * ax.step;
	/* the open last bin gets its own label, "120+", where there is room */
	if (isfinite(cut->open_at)) {
		double x = plot_axis_map(&ax, xhi), last = plot_axis_map(&ax, ticks.hi);
		snprintf(buf, sizeof buf, "%s+", plot_fmt(num, sizeof num, cut->open_at, 0));
		double w = plot_text_size(pg, PLOT_FONT_TICK, 0, 0, buf).w;
		char lastl[48];
		double lw = plot_text_size(pg, PLOT_FONT_TICK, 0, 0, plot_fmt(lastl, sizeof lastl, ticks.hi, ax.digits)).w;
		if (x - w / 2 > last + lw / 2 + 6)
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, x, axis_y + 6, PLOT_CENTER | PLOT_TOP, 0, 0, buf);
	}

	for (size_t s = 0; s < r->n_scen; s++) {
		const struct plot_hist *h = &r->hist[s * PLOT_DIST_COUNT + v->var];
		double base = rows_top + ((double)s + 1) * row_h - 2;
		struct plot_rgb c = plot_scenario_colour(s);
		plot_line(pg, ax.p0, base, ax.p1, base, plot_theme.grid, plot_theme.grid_colour);
		if (h->n == 0) {
			plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, ax.p0 + 4, base - 2, PLOT_LEFT | PLOT_BOTTOM, 0, 0,
				  "no data");
			continue;
		}
		/* a step outline filled below */
		cairo_t *cr = pg->cr;
		cairo_new_path(cr);
		int started = 0;
		for (size_t i = 0; i < h->n; i++) {
			double lo = h->lo[i], hi = bin_hi(h, i), sh = h->share[i];
			if (!usable(h, i) || lo >= xhi - 1e-9 || hi <= xlo + 1e-9)
				continue;
			hi = fmin(hi, xhi);
			double y = base - sh / (bin_hi(h, i) - lo) / dmax * amp;
			if (!started) {
				cairo_move_to(cr, plot_axis_map(&ax, lo), base);
				started = 1;
			}
			cairo_line_to(cr, plot_axis_map(&ax, lo), y);
			cairo_line_to(cr, plot_axis_map(&ax, hi), y);
		}
		double last_x;
		cairo_get_current_point(cr, &last_x, &(double){0});
		cairo_line_to(cr, last_x, base);
		cairo_close_path(cr);
		plot_set_colour_alpha(pg, c, 0.55);
		cairo_fill_preserve(cr);
		plot_set_colour(pg, c);
		cairo_set_line_width(cr, plot_theme.line_thin);
		cairo_stroke(cr);
		/* the open last bin is hatched: it holds everything beyond */
		for (size_t i = 0; i < h->n; i++)
			if (!isfinite(h->hi[i]) && isfinite(h->share[i]) && h->lo[i] < xhi - 1e-9) {
				double lo = h->lo[i], hi = bin_hi(h, i);
				double y = base - h->share[i] / (hi - lo) / dmax * amp;
				plot_hatch(pg, plot_axis_map(&ax, lo), y, plot_axis_map(&ax, hi) - plot_axis_map(&ax, lo), base - y,
					   plot_theme.background);
			}
		/* the mean */
		struct plot_stat m = plot_results_get(r, s, v->metric);
		if (isfinite(m.mean)) {
			double mx = plot_axis_map(&ax, fmin(fmax(m.mean, xlo), xhi));
			plot_line(pg, mx, base - amp, mx, base, 2.2, plot_theme.text);
			snprintf(buf, sizeof buf, "%s%s%s", plot_fmt(num, sizeof num, m.mean, 1), *v->unit_short ? " " : "",
				 v->unit_short);
			struct plot_stat d = plot_results_diff(r, s, v->metric);
			plot_text(pg, s > 0 && plot_significant(&d) ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_VALUE,
				  plot_theme.text, a->x + a->w, base - amp / 2, PLOT_RIGHT | PLOT_MIDDLE, 0, 0, buf);
		}
	}
}

static void title_of(const struct plot_results *r, char *buf, size_t len)
{
	char base[160], parts[256] = "";
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (!r->have_distributions) {
		snprintf(buf, len, "Distributions: none to draw (distributions.csv is missing)");
		return;
	}
	/* the most improved model; when none improves, the most deteriorated,
	 * so that a significant loss is never hidden behind "no improvement" */
	size_t pick = 0, worst = 0;
	double best = 0, low = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_stat e = plot_results_diff(r, s, "experience.mean"), t = plot_results_diff(r, s, vars[0].metric);
		double score = (plot_significant(&e) ? e.mean : 0) * 10 + (plot_significant(&t) ? -t.mean : 0);
		if (score > best)
			best = score, pick = s;
		if (score < low)
			low = score, worst = s;
	}
	if (!pick)
		pick = worst;
	if (r->n_scen == 1) {
		struct plot_stat t = plot_results_get(r, 0, vars[0].metric), e = plot_results_get(r, 0, "experience.mean");
		char a[48], b[48];
		snprintf(buf, len, "%s: customers wait %s days for delivery on average and score %s points", r->label[0],
			 plot_fmt(a, sizeof a, t.mean, 0), plot_fmt(b, sizeof b, e.mean, 1));
		return;
	}
	if (!pick) {
		snprintf(buf, len, "No significant difference in experience or time to customer vs %s", base);
		return;
	}
	plot_change_phrase(r, pick, "experience.mean", "experience", parts, sizeof parts);
	plot_change_phrase(r, pick, vars[0].metric, "time to customer", parts, sizeof parts);
	snprintf(buf, len, "%s: %s vs %s", r->label[pick], parts, base);
}

int chart_distributions_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[768], base[160], num[48];
	title_of(r, title, sizeof title);
	plot_in_sentence(base, sizeof base, r->label[0]);
	struct cut cuts[2];
	int open = 0;
	for (int k = 0; k < 2 && r->have_distributions; k++) {
		range_of(r, &vars[k], &cuts[k]);
		open |= isfinite(cuts[k].open_at);
	}
	snprintf(note, sizeof note, "Share of customers per bin, every row on one scale%s. Line and number: the mean "
				    "(bold: differs significantly from %s).",
		 open ? "; hatched: the open last bin" : "", base);
	for (int k = 0; k < 2 && r->have_distributions; k++)
		if (cuts[k].beyond_share >= 0.0005) {
			size_t n = strlen(note);
			snprintf(note + n, sizeof note - n, " Not drawn: %s%% or fewer customers beyond %s %s.",
				 plot_fmt(num, sizeof num, cuts[k].beyond_share * 100, 1),
				 plot_fmt(base, sizeof base, cuts[k].beyond_at, 0), vars[k].unit_short);
		}
	struct plot_rect body;
	plot_frame(pg, in, title, note, &body);
	if (!r->have_distributions) {
		plot_empty(pg, &body, "distributions.csv is missing: no distributions to draw");
		return 0;
	}
	double lab_max = fmin(190, body.w * 0.19), lab_w = 0;
	for (size_t s = 0; s < r->n_scen; s++)
		lab_w = fmax(lab_w, plot_text_size(pg, PLOT_FONT_LABEL, lab_max, 2, r->label[s]).w);
	double header_h = plot_line_height(pg, PLOT_FONT_PANEL) + plot_line_height(pg, PLOT_FONT_TICK) + 10;
	double axis_h = plot_line_height(pg, PLOT_FONT_TICK) + 10;
	double rows_top = body.y + header_h, rows_h = body.h - header_h - axis_h, row_h = rows_h / (double)r->n_scen;
	int lines = row_h >= 2 * plot_line_height(pg, PLOT_FONT_LABEL) + 4 ? 2 : 1;
	for (size_t s = 0; s < r->n_scen; s++)
		plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, body.x + lab_w, rows_top + ((double)s + 0.55) * row_h,
			  PLOT_RIGHT | PLOT_MIDDLE, lab_max, lines, r->label[s]);
	struct plot_rect panels = {body.x + lab_w + 18, body.y, body.w - lab_w - 18, body.h};
	for (int k = 0; k < 2; k++) {
		struct plot_rect c = plot_cell(&panels, 1, 2, k, plot_theme.gap + 10);
		panel(pg, r, &vars[k], &c, rows_top, rows_h, &cuts[k]);
	}
	return 0;
}
