/* frame.c - what every chart page shares: background, the title that states
 * the finding, the subtitle with the run facts, the footnote, the layout of
 * panels, and the message where there is nothing to draw. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

static void append(char *buf, size_t len, const char *fmt, const char *s)
{
	size_t n = strlen(buf);
	if (n < len)
		snprintf(buf + n, len - n, fmt, s);
}

const struct plot_run *plot_inputs_run(const struct chart_inputs *in)
{
	return in->res ? &in->res->run : in->sweep ? &in->sweep->run : in->decide ? &in->decide->run : &in->explain->run;
}

void plot_subtitle(const struct chart_inputs *in, char *buf, size_t len)
{
	const struct plot_run *run = plot_inputs_run(in);
	char num[64], part[160];
	buf[0] = 0;
	if (!run->present) {
		snprintf(buf, len, "%s missing: config, replications and seed unknown",
			 in->res ? "run.json" : in->sweep || in->decide ? "manifest.json" : "explain.json");
		return;
	}
	if (*run->config)
		append(buf, len, "%s", run->config);
	if (in->sweep) {
		const struct plot_sweep *w = in->sweep;
		snprintf(part, sizeof part, "%s design, %zu point%s", *run->design ? run->design : "sweep", w->n_points,
			 w->n_points == 1 ? "" : "s");
		append(buf, len, *buf ? " \xC2\xB7 %s" : "%s", part);
	}
	if (in->explain) {
		plot_explain_method(in->explain, part, sizeof part);
		if (*part)
			append(buf, len, *buf ? " \xC2\xB7 %s" : "%s", part);
	}
	if (in->decide && isfinite(in->decide->worlds)) /* a decision: worlds x replications in each */
		snprintf(part, sizeof part, "%s worlds", plot_fmt(num, sizeof num, in->decide->worlds, 0)),
			append(buf, len, *buf ? " \xC2\xB7 %s" : "%s", part);
	if (isfinite(run->replications)) {
		snprintf(part, sizeof part, "%s replication%s", plot_fmt(num, sizeof num, run->replications, 0),
			 run->replications == 1 ? "" : "s");
		append(buf, len, *buf ? " \xC2\xB7 %s" : "%s", part);
	}
	if (isfinite(run->horizon)) {
		snprintf(part, sizeof part, "horizon %s days", plot_fmt(num, sizeof num, run->horizon, 0));
		if (isfinite(run->warmup) && run->warmup > 0) {
			/* the horizon includes the warm-up */
			char measured[48];
			size_t n = strlen(part);
			snprintf(part + n, sizeof part - n, ": %s of warm-up, %s measured",
				 plot_fmt(num, sizeof num, run->warmup, 0),
				 plot_fmt(measured, sizeof measured, run->horizon - run->warmup, 0));
		}
		append(buf, len, *buf ? " \xC2\xB7 %s" : "%s", part);
	}
	if (*run->seed)
		append(buf, len, *buf ? " \xC2\xB7 seed %s" : "seed %s", run->seed);
}

static void frame(struct chart_page *pg, const struct chart_inputs *in, const char *title, const char *note,
		  struct plot_rect *body, int draw)
{
	const struct plot_theme *t = &plot_theme;
	double x = t->margin_left, w = pg->w - t->margin_left - t->margin_right;
	if (draw) {
		plot_fill_rect(pg, 0, 0, pg->w, pg->h, t->background);
		snprintf(pg->title, sizeof pg->title, "%s", title);
	}
	struct plot_text_box tb = draw ? plot_text(pg, PLOT_FONT_TITLE, t->text, x, t->margin_top, PLOT_LEFT | PLOT_TOP,
						   w, 2, title)
				       : plot_text_size(pg, PLOT_FONT_TITLE, w, 2, title);
	double y = t->margin_top + tb.h + 4;
	char sub[512];
	plot_subtitle(in, sub, sizeof sub);
	struct plot_text_box sb = draw ? plot_text(pg, PLOT_FONT_SUBTITLE, t->text_muted, x, y, PLOT_LEFT | PLOT_TOP, w, 1,
						   sub)
				       : plot_text_size(pg, PLOT_FONT_SUBTITLE, w, 1, sub);
	/* the tool's name: at the end of the subtitle's line where the chart
	 * wants the footnote's whole width and it fits there, else at the
	 * right of the footer */
	const struct plot_run *run = plot_inputs_run(in);
	char tool[64];
	snprintf(tool, sizeof tool, "journeysim%s%s", *run->version ? " " : "", run->version);
	struct plot_text_box toolb = plot_text_size(pg, PLOT_FONT_NOTE, 0, 0, tool);
	int tool_top = pg->tool_top && sb.w + toolb.w + 24 <= w && !sb.ellipsized;
	if (draw && tool_top)
		plot_text(pg, PLOT_FONT_NOTE, t->text_muted, x + w, y + sb.h / 2, PLOT_RIGHT | PLOT_MIDDLE, 0, 0, tool);
	y += sb.h + 16;

	/* footer: the note on the left, the tool on the right */
	double note_w = tool_top ? w : w - toolb.w - 24;
	/* a scenario the run flagged is marked by its name (objective.c) and
	 * the warning said in the footnote of every chart that names it */
	char full[2048], warn[1536] = "";
	size_t n_warn = in->res && !pg->warnings_shown ? plot_warning_lines(in->res, 0, warn, sizeof warn) : 0;
	int lines = 3 + (int)n_warn; /* one line for each scenario warned about */
	snprintf(full, sizeof full, "%s%s%s", note ? note : "", note && *note && n_warn ? "\n" : "", warn);
	struct plot_text_box nb = {0, 0, 0, 0, 0};
	if (*full) {
		/* the whole width when its last line leaves the tool's name room */
		struct plot_text_box wide = plot_text_size(pg, PLOT_FONT_NOTE, w, lines, full);
		nb = plot_text_size(pg, PLOT_FONT_NOTE, note_w, lines, full);
		if (wide.lines < nb.lines && !wide.ellipsized && wide.last_w <= note_w)
			nb = wide, note_w = w;
	}
	double lh = plot_line_height(pg, PLOT_FONT_NOTE);
	double fh = nb.h > lh ? nb.h : lh, fy = pg->h - t->margin_bottom - fh;
	if (draw && *full)
		plot_text(pg, PLOT_FONT_NOTE, t->text_muted, x, fy, PLOT_LEFT | PLOT_TOP, note_w, lines, full);
	if (draw && !tool_top)
		plot_text(pg, PLOT_FONT_NOTE, t->text_muted, x + w, pg->h - t->margin_bottom - lh, PLOT_RIGHT | PLOT_TOP, 0,
			  0, tool);
	body->x = x;
	body->y = y;
	body->w = w;
	body->h = fy - 12 - y;
}

void plot_frame(struct chart_page *pg, const struct chart_inputs *in, const char *title, const char *note,
		struct plot_rect *body)
{
	frame(pg, in, title, note, body, 1);
}

void plot_frame_measure(struct chart_page *pg, const struct chart_inputs *in, const char *title, const char *note,
			struct plot_rect *body)
{
	frame(pg, in, title, note, body, 0);
}

void plot_empty(struct chart_page *pg, const struct plot_rect *r, const char *message)
{
	plot_fill_rect(pg, r->x, r->y, r->w, r->h, plot_theme.band_note);
	plot_text(pg, PLOT_FONT_BIG_NOTE, plot_theme.text_muted, r->x + r->w / 2, r->y + r->h / 2,
		  PLOT_CENTER | PLOT_MIDDLE, r->w * 0.85, 4, message);
}

struct plot_rect plot_cell(const struct plot_rect *r, int rows, int cols, int i, double gap)
{
	double cw = (r->w - gap * (cols - 1)) / cols, ch = (r->h - gap * (rows - 1)) / rows;
	int row = i / cols, col = i % cols;
	struct plot_rect c = {r->x + col * (cw + gap), r->y + row * (ch + gap), cw, ch};
	return c;
}

void plot_grid_shape(size_t n, double w, double h, double aspect, int *rows, int *cols)
{
	/* the shape whose cells come closest to the wanted aspect, wasting few cells */
	int best_r = 1, best_c = (int)(n ? n : 1);
	double best = 1e300;
	for (int c = 1; c <= (int)(n ? n : 1); c++) {
		int r = (int)((n + (size_t)c - 1) / (size_t)c);
		double cell_aspect = (w / c) / (h / r), waste = (double)(r * c) - (double)n;
		double score = fabs(log(cell_aspect / aspect)) + 0.35 * waste;
		if (score < best) {
			best = score;
			best_r = r;
			best_c = c;
		}
	}
	*rows = best_r;
	*cols = best_c;
}
