/* chart_payback.c - the board's "when does it pay?": the cumulative paired
 * margin difference of each model against the baseline since the start of
 * the measuring window (cumulative.csv), with its 95% band, the zero line,
 * and where each pays back (payback.days: the day after which the mean
 * stays above 0, its interval where the band's bounds do). A model whose
 * band still holds 0 at the horizon is "not shown to pay back", whatever
 * its mean; the title says so. The key on the right gives each model's
 * answer in words. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define KEY_SHARE 0.34 /* of the body's width, for the answers */
#define ALL_BANDS 3    /* up to this many models every band; past it the focus's alone */

int chart_payback_available(const struct chart_inputs *in)
{
	return in->res && in->res->n_scen > 1 && plot_results_have_payback(in->res);
}

/* The model the chart is about: the first shown to pay back, else the first
 * whose mean does, else the first model but the baseline. */
static size_t focus_of(const struct plot_results *r)
{
	size_t pick = 0;
	int rank = -1; /* 2 shown, 1 mean only */
	double day = INFINITY;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_payback p = plot_payback_of(r, s);
		int k = p.shown ? 2 : p.pays ? 1 : 0;
		if (k > rank || (k == rank && k > 0 && p.day < day))
			pick = s, rank = k, day = p.pays ? p.day : INFINITY;
	}
	return pick ? pick : (r->n_scen > 1 ? 1 : 0);
}

static double window_days(const struct plot_results *r)
{
	double d = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		const struct plot_series *q = plot_periods_cumulative(r, s);
		if (q)
			d = fmax(d, q->day[q->n - 1]);
	}
	if (!(d > 0) && r->per.n)
		d = r->per.end[r->per.n - 1];
	if (!(d > 0) && isfinite(r->run.horizon))
		d = r->run.horizon - (isfinite(r->run.warmup) ? r->run.warmup : 0);
	return d;
}

void plot_payback_title(const struct plot_results *r, char *buf, size_t len)
{
	char base[160], span[96], win[96], who[160];
	if (r->n_scen < 2 || !plot_results_have_payback(r)) {
		snprintf(buf, len, "When does it pay? No payback in this folder (no cumulative.csv or payback.days)");
		return;
	}
	plot_in_sentence(base, sizeof base, r->label[0]);
	size_t f = focus_of(r), shown = 0, models = r->n_scen - 1;
	for (size_t s = 1; s < r->n_scen; s++)
		shown += (size_t)plot_payback_of(r, s).shown;
	struct plot_payback p = plot_payback_of(r, f);
	plot_span_text(win, sizeof win, window_days(r), NAN, NAN);
	char more[256] = "";
	if (p.shown && shown > 1)
		snprintf(more, sizeof more, "; %zu of %zu models are shown to pay back within %s", shown, models, win);
	else if (p.shown && models > 1)
		snprintf(more, sizeof more, "; no other model is shown to pay back within %s", win);
	if (p.shown && p.day <= 0) /* no cost to earn back */
		snprintf(buf, len, "%s is ahead of %s from the start%s", r->label[f], base, more);
	else if (p.shown && shown == 1 && models == 1)
		snprintf(buf, len, "%s pays back against %s in %s", r->label[f], base,
			 plot_span_text(span, sizeof span, p.day, p.lo, p.hi));
	else if (p.shown && shown == 1)
		snprintf(buf, len, "%s pays back against %s in %s; no other model is shown to pay back within %s", r->label[f], base,
			 plot_span_text(span, sizeof span, p.day, p.lo, p.hi), win);
	else if (p.shown)
		snprintf(buf, len, "%s pays back against %s first, in %s; %zu of %zu models are shown to pay back within %s",
			 r->label[f], base, plot_span_text(span, sizeof span, p.day, p.lo, p.hi), shown, models, win);
	else if (p.pays) {
		plot_in_sentence(who, sizeof who, r->label[f]);
		snprintf(buf, len, "Not shown to pay back against %s within %s: %s is ahead on average after %s, but its 95%% "
				   "band still includes 0",
			 base, win, r->label[f], plot_span_text(span, sizeof span, p.day, NAN, NAN));
	} else
		snprintf(buf, len, "%s against %s within the horizon (%s)", models == 1 ? "Does not pay back" : "No model pays back",
			 base, win);
}

/* "in 21 months (18–26)", or "from the start" for a model ahead from day 0. */
static const char *when_text(char *buf, size_t len, const struct plot_payback *p)
{
	char span[96];
	if (p->day <= 0)
		snprintf(buf, len, "from the start");
	else
		snprintf(buf, len, "in %s", plot_span_text(span, sizeof span, p->day, p->lo, p->hi));
	return buf;
}

void plot_payback_line(const struct plot_results *r, int brief, char *buf, size_t len)
{
	buf[0] = 0;
	if (r->n_scen < 2 || !plot_results_have_payback(r))
		return;
	char base[160], phrase[256];
	plot_in_sentence(base, sizeof base, r->label[0]);
	size_t n = (size_t)snprintf(buf, len, "When does it pay? Against %s: ", base), listed = 0, left = 0;
	if (!brief && r->n_scen <= 3) { /* one or two models: each in words */
		for (size_t s = 1; s < r->n_scen && n < len; s++) {
			struct plot_payback p = plot_payback_of(r, s);
			if (!p.known)
				continue;
			if (p.pays && !p.shown) /* the chart says why; the board's line is short */
				snprintf(phrase, sizeof phrase, "is not shown to pay back");
			else
				plot_payback_phrase(phrase, sizeof phrase, &p);
			n += (size_t)snprintf(buf + n, len - n, "%s%s %s", listed++ ? "; " : "", r->label[s], phrase);
		}
		if (n < len)
			snprintf(buf + n, len - n, ".");
		return;
	}
	if (brief >= 2) { /* the board at its tightest: the first, and how many */
		size_t f = focus_of(r), shown = 0;
		for (size_t s = 1; s < r->n_scen; s++)
			shown += (size_t)plot_payback_of(r, s).shown;
		struct plot_payback p = plot_payback_of(r, f);
		if (p.shown)
			snprintf(buf, len, "Payback vs %s: %s first, %s; %zu of %zu pay back.", base, r->label[f],
				 when_text(phrase, sizeof phrase, &p) + (p.day > 0 ? 3 : 0), shown, r->n_scen - 1);
		else
			snprintf(buf, len, "Payback vs %s: none within the horizon.", base);
		return;
	}
	/* more: those shown to pay back, soonest first (ties in file order), and how many are not */
	double last = -INFINITY;
	size_t last_s = 0; /* the (day, scenario) listed last: the next is the least after it */
	for (;;) {
		size_t next = 0;
		double day = INFINITY;
		for (size_t s = 1; s < r->n_scen; s++) {
			struct plot_payback p = plot_payback_of(r, s);
			int after = p.day > last || (p.day == last && s > last_s);
			if (p.shown && after && (!next || p.day < day))
				next = s, day = p.day;
		}
		if (!next || n >= len)
			break;
		last = day;
		last_s = next;
		struct plot_payback p = plot_payback_of(r, next);
		n += (size_t)snprintf(buf + n, len - n, "%s%s %s", listed++ ? ", " : "", r->label[next],
				      when_text(phrase, sizeof phrase, &p));
	}
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_payback p = plot_payback_of(r, s);
		left += p.known && !p.shown;
	}
	if (left && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s%s not shown to pay back within the horizon", listed ? "; " : "",
				      !listed ? "no model is" : left == 1 ? "the other model is" : "the other models are");
	if (n < len)
		snprintf(buf + n, len - n, ".");
}

/* The answers on the right: each model's key, name and payback in words. */
static void key_column(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *a, size_t focus)
{
	double y = a->y, lh = plot_line_height(pg, PLOT_FONT_LEGEND);
	char head[200], base[160];
	plot_in_sentence(base, sizeof base, r->label[0]);
	snprintf(head, sizeof head, "Payback against %s", base);
	y += plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, a->x, y, PLOT_LEFT | PLOT_TOP, a->w, 2, head).h + 8;
	size_t models = r->n_scen - 1;
	/* two lines of answer each when they fit, else one */
	double need = (double)models * (lh + 2 * plot_line_height(pg, PLOT_FONT_NOTE) + 8);
	int lines = need <= a->y + a->h - y ? 2 : 1;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_payback p = plot_payback_of(r, s);
		char phrase[256], name[192];
		plot_legend_item(pg, s == focus ? PLOT_FONT_VALUE_BOLD : PLOT_FONT_LEGEND, a->x, y, plot_scenario_colour(s),
				 s, PLOT_KEY_LINE, plot_text_abbreviate(pg, PLOT_FONT_LEGEND, a->w - 32, r->label[s], name, sizeof name),
				 1);
		y += lh + 1;
		plot_payback_phrase(phrase, sizeof phrase, &p);
		struct plot_text_box b = plot_text(pg, PLOT_FONT_NOTE, p.shown ? plot_theme.text : plot_theme.text_muted,
						   a->x + 29, y, PLOT_LEFT | PLOT_TOP, a->w - 29, lines, phrase);
		y += b.h + 8;
		if (y > a->y + a->h)
			break;
	}
}

static void marks(struct chart_page *pg, const struct plot_results *r, const struct plot_axis *ax,
		  const struct plot_axis *ay, size_t focus)
{
	double y0 = plot_axis_map(ay, 0);
	size_t j = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_payback p = plot_payback_of(r, s);
		if (!p.pays)
			continue;
		double x = plot_axis_map(ax, p.day);
		if (p.shown) { /* the interval, each model a little lower so that they do not overlap */
			double yw = y0 + 9 + 7 * (double)j++;
			plot_set_colour(pg, plot_scenario_colour(s));
			double x0 = plot_axis_map(ax, isfinite(p.lo) ? p.lo : p.day), x1 = fmin(plot_axis_map(ax, p.hi), ax->p1);
			plot_line(pg, x0, yw, x1, yw, 2.5, plot_scenario_colour(s));
			plot_line(pg, x0, yw - 4, x0, yw + 4, 1.5, plot_scenario_colour(s));
			plot_line(pg, x1, yw - 4, x1, yw + 4, 1.5, plot_scenario_colour(s));
		}
		plot_marker(pg, s, x, y0, plot_theme.marker * (s == focus ? 1.2 : 0.9));
		if (!p.shown) { /* hollow: the mean pays back, the band does not */
			plot_set_colour(pg, plot_theme.background);
			cairo_arc(pg->cr, x, y0, plot_theme.marker * 0.45, 0, 2 * M_PI);
			cairo_fill(pg->cr);
		}
		plot_probe(pg, "payback.mark", s, 0, x, y0, 0, 0);
		if (s == focus) {
			char span[96], text[128];
			if (p.shown && p.day <= 0)
				snprintf(text, sizeof text, "ahead from the start");
			else
				snprintf(text, sizeof text, "%s %s", p.shown ? "pays back:" : "mean above 0 after",
					 plot_span_text(span, sizeof span, p.day, p.shown ? p.lo : NAN, p.shown ? p.hi : NAN));
			double w = plot_text_size(pg, PLOT_FONT_VALUE_BOLD, 0, 0, text).w;
			double tx = fmin(fmax(x - w / 2, ax->p0 + 4), ax->p1 - w - 4), h = plot_line_height(pg, PLOT_FONT_VALUE_BOLD);
			/* on a veil, so that the lines under it do not cross the words */
			plot_set_colour_alpha(pg, plot_theme.background, 0.85);
			cairo_rectangle(pg->cr, tx - 3, y0 - 12 - h, w + 6, h);
			cairo_fill(pg->cr);
			plot_text(pg, PLOT_FONT_VALUE_BOLD, plot_theme.text, tx, y0 - 12, PLOT_LEFT | PLOT_BOTTOM, 0, 0, text);
		}
	}
}

static void plot_area(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *a, size_t focus)
{
	double th = plot_line_height(pg, PLOT_FONT_TICK), lh = plot_line_height(pg, PLOT_FONT_LABEL);
	double day_max = window_days(r), ymin = 0, ymax = 0;
	size_t models = r->n_scen - 1;
	int any = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		const struct plot_series *q = plot_periods_cumulative(r, s);
		int band = models <= ALL_BANDS || s == focus;
		for (size_t i = 0; q && i < q->n; i++) {
			double v[3] = {q->mean[i], band ? q->lo[i] : NAN, band ? q->hi[i] : NAN};
			for (int k = 0; k < 3; k++)
				if (isfinite(v[k]))
					ymin = fmin(ymin, v[k]), ymax = fmax(ymax, v[k]), any = 1;
		}
	}
	char unit[320], xt[200], base[160];
	plot_in_sentence(base, sizeof base, r->label[0]);
	struct plot_axis ax, ay;
	plot_axis_setup(&ay, ymin, ymax, 6, *r->run.currency ? r->run.currency : "money");
	snprintf(unit, sizeof unit, "Cumulative margin minus %s's, %s", base, ay.scale.unit);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, a->x, a->y, PLOT_LEFT | PLOT_TOP, a->w, 1, unit);
	struct plot_rect pr = {a->x, a->y + lh + 6, a->w, a->h - lh - 6};
	if (!any || !(day_max > 0)) {
		plot_empty(pg, &pr, "cumulative.csv is missing: the payback is in the key, the curve cannot be drawn");
		return;
	}
	plot_time_axis(&ax, day_max, xt, sizeof xt, r->run.warmup);
	double left = a->x + plot_axis_label_width(pg, &ay) + 10, bottom = a->y + a->h - th - lh - 14;
	ax.p0 = left, ax.p1 = a->x + a->w - 10;
	ay.p0 = bottom, ay.p1 = pr.y + 4;
	plot_axis_draw_y(pg, &ay, left, ax.p1);
	plot_axis_draw_x(pg, &ax, bottom, -1);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, (ax.p0 + ax.p1) / 2, a->y + a->h, PLOT_CENTER | PLOT_BOTTOM,
		  ax.p1 - ax.p0, 1, xt);
	cairo_t *cr = pg->cr;
	cairo_save(cr);
	cairo_rectangle(cr, ax.p0, ay.p1 - 2, ax.p1 - ax.p0, bottom - ay.p1 + 2);
	cairo_clip(cr);
	for (size_t s = 1; s < r->n_scen; s++) { /* bands under every line */
		const struct plot_series *q = plot_periods_cumulative(r, s);
		if (q && (models <= ALL_BANDS || s == focus)) {
			plot_set_colour_alpha(pg, plot_scenario_colour(s), plot_theme.band_alpha * (s == focus ? 1.3 : 1));
			plot_series_band(pg, q->day, q->lo, q->hi, q->n, &ax, &ay);
		}
	}
	/* the zero line: above it the model has earned back what it cost */
	double y0 = plot_axis_map(&ay, 0);
	plot_line(pg, ax.p0, y0, ax.p1, y0, 1.5, plot_theme.text);
	for (size_t k = 0; k < 2; k++) /* the others first, the focus on top */
		for (size_t s = 1; s < r->n_scen; s++) {
			const struct plot_series *q = plot_periods_cumulative(r, s);
			if (!q || (s == focus) != (k == 1))
				continue;
			cairo_new_path(cr);
			plot_series_path(pg, q->day, q->mean, q->n, &ax, &ay);
			plot_series_stroke(pg, s, s == focus ? plot_theme.line * 1.4 : plot_theme.line);
		}
	cairo_restore(cr);
	marks(pg, r, &ax, &ay, focus);
}

int chart_payback_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[512], note[1024], ci[512], base[160];
	plot_payback_title(r, title, sizeof title);
	struct plot_rect body;
	if (!chart_payback_available(in)) {
		plot_frame(pg, in, title, "", &body);
		plot_empty(pg, &body, r->n_scen < 2 ? "One scenario: nothing to pay back against"
						    : "No cumulative.csv and no payback.days in summary.csv: no payback to draw");
		return 0;
	}
	plot_in_sentence(base, sizeof base, r->label[0]);
	plot_ci_note(r, "Band", 1, ci, sizeof ci);
	snprintf(note, sizeof note,
		 "Each model's margin minus %s's in the same replication, summed from the window's start. Payback: the day "
		 "after which the mean stays above 0; interval: where the band's bounds do (hollow: the band does not). %s",
		 base, ci);
	pg->tool_top = 1; /* the footnote gets the page's width */
	plot_frame(pg, in, title, note, &body);
	double key_w = floor(body.w * KEY_SHARE);
	struct plot_rect plot_r = {body.x, body.y, body.w - key_w - plot_theme.gap, body.h};
	struct plot_rect key = {body.x + body.w - key_w, body.y, key_w, body.h};
	size_t focus = focus_of(r);
	plot_area(pg, r, &plot_r, focus);
	key_column(pg, r, &key, focus);
	return 0;
}
