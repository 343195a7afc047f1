/* chart_sankey.c - chart 3: the journey as a flow, one row per scenario
 * and one column per stage, read left to right: prospects become leads,
 * wins, deliveries and retained customers; between the stages, in grey,
 * the customers who leave (no lead, lost in sales, dropped at a handoff,
 * churned) in per cent of prospects. Each stage's bars share one scale that
 * starts at zero, so models compare down a column; the numbers carry the
 * funnel's shape (a Sankey on one scale left everything after the leads a
 * sliver). Counts are customers since day 0, in one format throughout:
 * whole numbers with thousands separators; shares with one decimal. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define COLS 5
enum {
	F_ARRIVED, F_NO_LEAD, F_LEADS, F_LOST, F_NURTURED, F_DROPPED, F_WINS, F_DELIVERED, F_RENEWED, F_CHURNED,
	/* the bases (docs/model.md, accounting); results from before them lack these */
	F_PROSPECTS, F_INITIAL, F_LEADS_FIRST, F_REQUALIFIED, F_DROPPED_LEAD, F_DROPPED_ORDER, F_RETAINED, F_N
};
static const char *const flow_names[F_N] = {
	"flow.arrived",    "flow.no_lead",     "flow.leads",        "flow.lost",         "flow.nurtured",
	"flow.dropped",    "flow.wins",        "flow.delivered",    "flow.renewed",      "flow.churned",
	"flow.prospects",  "flow.initial",     "flow.leads_first",  "flow.requalified",  "flow.dropped_lead",
	"flow.dropped_order", "flow.retained"};
static const char *const stage_names[COLS] = {"Prospects", "Leads", "Wins", "Delivered", "Retained"};

struct flows {
	double v[F_N];
	int has_bases;     /* the split flow counts are there */
	double main[COLS]; /* node sizes along the band */
	double pass[COLS - 1]; /* from main node i to main node i + 1 */
	double leak[COLS - 1]; /* from main node i to its leak */
};

static double clamp0(double x)
{
	return isfinite(x) && x > 0 ? x : 0;
}

static int get_flows(const struct plot_results *r, size_t s, struct flows *f)
{
	f->has_bases = isfinite(plot_results_get(r, s, "flow.prospects").mean);
	for (int k = 0; k < F_N; k++)
		f->v[k] = clamp0(plot_results_get(r, s, flow_names[k]).mean);
	double *v = f->v;
	if (!(v[F_ARRIVED] > 0))
		return -1;
	if (f->has_bases) {
		/* new customers only: prospects (not the customers at day 0), first
		 * qualifications (a nurtured lead is not counted twice), drops on
		 * the way to delivery, and the won customers still there */
		f->main[0] = v[F_PROSPECTS];
		f->main[1] = v[F_LEADS_FIRST];
		f->main[2] = v[F_WINS];
		f->main[3] = v[F_DELIVERED];
		f->main[4] = v[F_RETAINED];
		f->pass[0] = f->main[1];
		f->leak[0] = v[F_NO_LEAD];
		f->pass[1] = fmin(v[F_WINS], f->main[1]);
		f->leak[1] = fmin(clamp0(v[F_LOST] - v[F_NURTURED]), clamp0(f->main[1] - f->pass[1]));
		f->pass[2] = fmin(v[F_DELIVERED], f->main[2]);
		f->leak[2] = v[F_DROPPED_LEAD] + v[F_DROPPED_ORDER];
		f->pass[3] = fmin(v[F_RETAINED], f->main[3]);
		f->leak[3] = clamp0(v[F_DELIVERED] - v[F_RETAINED]);
		return 0;
	}
	double retained = clamp0(v[F_DELIVERED] - v[F_CHURNED]);
	f->main[0] = v[F_ARRIVED];
	f->main[1] = v[F_LEADS] > 0 ? v[F_LEADS] : clamp0(v[F_ARRIVED] - v[F_NO_LEAD]) + v[F_NURTURED];
	f->main[2] = v[F_WINS];
	f->main[3] = v[F_DELIVERED];
	f->main[4] = retained;
	f->pass[0] = fmin(clamp0(v[F_ARRIVED] - v[F_NO_LEAD]), f->main[1]);
	f->leak[0] = fmin(v[F_NO_LEAD], f->main[0]);
	f->pass[1] = fmin(v[F_WINS], f->main[1]);
	f->leak[1] = fmin(clamp0(v[F_LOST] - v[F_NURTURED]), clamp0(f->main[1] - f->pass[1]));
	f->pass[2] = fmin(v[F_DELIVERED], f->main[2]);
	f->leak[2] = fmin(v[F_DROPPED], clamp0(f->main[2] - f->pass[2]) + v[F_DROPPED]);
	f->pass[3] = fmin(retained, f->main[3]);
	f->leak[3] = fmin(v[F_CHURNED], f->main[3]);
	return 0;
}

/* The one format of counts ("73,012") and of shares ("70.1%"). */
static const char *count_text(char *buf, size_t len, double v)
{
	return plot_fmt(buf, len, v, 0);
}

static const char *share_text(char *buf, size_t len, double share)
{
	char num[48];
	snprintf(buf, len, "%s%%", plot_fmt(num, sizeof num, share * 100, 1));
	return buf;
}

/* The second line of a stage's cell: what else happens there. */
static const char *extra_text(const struct flows *f, int i, char *buf, size_t len)
{
	char num[48];
	buf[0] = 0;
	if (i == 1 && f->has_bases && f->v[F_REQUALIFIED] > 0)
		snprintf(buf, len, "+ %s requalified", count_text(num, sizeof num, f->v[F_REQUALIFIED]));
	else if (i == 1 && !f->has_bases && f->v[F_NURTURED] > 0)
		snprintf(buf, len, "%s nurtured", count_text(num, sizeof num, f->v[F_NURTURED]));
	else if (i == 2)
		snprintf(buf, len, "%s won", share_text(num, sizeof num, f->v[F_WINS] / f->main[0]));
	else if (i == 4 && f->v[F_RENEWED] > 0)
		snprintf(buf, len, "%s renewals", count_text(num, sizeof num, f->v[F_RENEWED]));
	return buf;
}

static const char *const leak_heads[COLS - 1] = {"No lead", "Lost", "Dropped", "Churned"};

/* The grid: the names' column, then stage 0, leak 0, stage 1, ... stage 4. */
struct table {
	double name_x, name_w;
	double stage_x[COLS], stage_w;
	double leak_x[COLS - 1], leak_w;
	double stage_max[COLS];  /* largest count of each stage over the scenarios */
	double top, row_h;       /* first row, row pitch */
	int two_lines;           /* the extra line goes under the bar (else it is left out) */
};

static void draw_row(struct chart_page *pg, const struct plot_results *r, size_t s, const struct table *t, double y)
{
	char num[64], extra[96];
	double lh = plot_line_height(pg, PLOT_FONT_VALUE), th = plot_line_height(pg, PLOT_FONT_TICK);
	double line_y = t->two_lines ? y + (t->row_h - lh - th) / 2 : y + (t->row_h - lh) / 2;
	/* the name, with its colour */
	plot_scenario_fill(pg, s, t->name_x, line_y + lh / 2 - 7, 14, 14);
	plot_text(pg, PLOT_FONT_LABEL, plot_theme.text, t->name_x + 20, line_y, PLOT_LEFT | PLOT_TOP, t->name_w - 24,
		  t->two_lines ? 2 : 1, r->label[s]);
	struct flows f;
	if (get_flows(r, s, &f) < 0) {
		plot_text(pg, PLOT_FONT_NOTE, plot_theme.text_muted, t->stage_x[0], line_y, PLOT_LEFT | PLOT_TOP, 0, 0,
			  "no flow counts (flow.*) in summary.csv");
		return;
	}
	for (int i = 0; i < COLS; i++) {
		/* a light bar on the stage's scale behind the count, as long as the
		 * column at the stage's largest count */
		double x = t->stage_x[i], room = t->stage_w - 8;
		double bw = t->stage_max[i] > 0 ? f.main[i] / t->stage_max[i] * room : 0, by = line_y - 2, bh = lh + 4;
		struct plot_rgb c = plot_scenario_colour(s);
		struct plot_rgb tint = {1 - (1 - c.r) * 0.45, 1 - (1 - c.g) * 0.45, 1 - (1 - c.b) * 0.45};
		plot_fill_rect(pg, x, by, bw, bh, tint);
		if (s >= PLOT_PALETTE_SIZE) /* the palette came round: hatched, as elsewhere */
			plot_hatch(pg, x, by, bw, bh, c);
		plot_line(pg, x, by, x, by + bh, plot_theme.line, c);
		plot_probe(pg, "flow.node", s, (size_t)i, x, by, bw, bh);
		plot_text(pg, PLOT_FONT_VALUE_BOLD, plot_theme.text, x + 6, line_y, PLOT_LEFT | PLOT_TOP, 0, 0,
			  count_text(num, sizeof num, f.main[i]));
		extra_text(&f, i, extra, sizeof extra);
		if (*extra && t->two_lines) /* the line under the leak's share is free too */
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, x, line_y + lh, PLOT_LEFT | PLOT_TOP,
				  t->stage_w + t->leak_w - 6, 1, extra);
		if (i == COLS - 1)
			break;
		plot_text(pg, PLOT_FONT_VALUE, plot_theme.text_muted, t->leak_x[i] + t->leak_w / 2, line_y,
			  PLOT_CENTER | PLOT_TOP, 0, 0, share_text(num, sizeof num, f.leak[i] / f.main[0]));
	}
}

/* Column widths: names as wide as their longest word needs (they wrap to
 * two lines), leak columns as wide as their shares and heads, the stages
 * share the rest. */
static void table_layout(struct chart_page *pg, const struct plot_results *r, const struct plot_rect *b,
			 struct table *t)
{
	/* two lines a row when they fit (names wrap, the extras go under the
	 * counts), else one line: whole names, no extras */
	double lh = plot_line_height(pg, PLOT_FONT_VALUE), th = plot_line_height(pg, PLOT_FONT_TICK);
	double head = 2 * th + 10, rows = (double)(r->n_scen ? r->n_scen : 1), avail = b->h - head;
	t->two_lines = avail / rows >= lh + th + 12;
	t->top = b->y + head;
	t->row_h = fmin(avail / rows, t->two_lines ? lh + th + 40 : lh + 12);
	double name_w = 0, leak_w = plot_text_size(pg, PLOT_FONT_VALUE, 0, 0, "100.0%").w;
	for (int i = 0; i < COLS - 1; i++)
		leak_w = fmax(leak_w, plot_text_size(pg, PLOT_FONT_TICK, 0, 0, leak_heads[i]).w);
	for (size_t s = 0; s < r->n_scen; s++) {
		struct plot_text_box one = plot_text_size(pg, PLOT_FONT_LABEL, 0, 0, r->label[s]);
		/* the width that wraps it into two lines, at least its longest word */
		struct plot_text_box two = plot_text_size(pg, PLOT_FONT_LABEL, one.w / 2 + 1, 0, r->label[s]);
		name_w = fmax(name_w, t->two_lines ? fmax(two.w, fmin(one.w, 120)) : one.w);
	}
	leak_w += 16;
	t->name_x = b->x;
	t->name_w = fmin(name_w, b->w * 0.22) + 28;
	t->leak_w = leak_w;
	/* the last stage has no leak after it: its extra line takes that room */
	t->stage_w = (b->w - t->name_w - COLS * leak_w) / COLS;
	for (int i = 0; i < COLS; i++) {
		t->stage_x[i] = b->x + t->name_w + i * (t->stage_w + leak_w);
		if (i < COLS - 1)
			t->leak_x[i] = t->stage_x[i] + t->stage_w;
		t->stage_max[i] = 0;
	}
	for (size_t s = 0; s < r->n_scen; s++) {
		struct flows f;
		if (get_flows(r, s, &f) < 0)
			continue;
		for (int i = 0; i < COLS; i++)
			t->stage_max[i] = fmax(t->stage_max[i], f.main[i]);
	}
}

static void draw_heads(struct chart_page *pg, const struct table *t, double y)
{
	double th = plot_line_height(pg, PLOT_FONT_TICK);
	/* the stages on the lower line, free to run on over the leak column;
	 * the leaks on the line above, between the stages they leave */
	for (int i = 0; i < COLS; i++) {
		plot_text(pg, PLOT_FONT_PANEL, plot_theme.text, t->stage_x[i], y + 2 * th, PLOT_LEFT | PLOT_BOTTOM,
			  t->stage_w + t->leak_w - 4, 1, stage_names[i]);
		if (i < COLS - 1)
			plot_text(pg, PLOT_FONT_TICK, plot_theme.text_muted, t->leak_x[i] + t->leak_w / 2, y + th,
				  PLOT_CENTER | PLOT_BOTTOM, t->leak_w + 20, 1, leak_heads[i]);
	}
	double x1 = t->stage_x[COLS - 1] + t->stage_w + t->leak_w;
	plot_line(pg, t->name_x, y + 2 * th + 5, x1, y + 2 * th + 5, plot_theme.axis, plot_theme.axis_colour);
}

static void sankey_title(const struct plot_results *r, char *buf, size_t len)
{
	struct flows f;
	char base[160], num[64], what[160] = "";
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (get_flows(r, 0, &f) < 0) {
		snprintf(buf, len, "Journey flow: no flow counts (flow.*) in summary.csv");
		return;
	}
	static const char *const leak_phrase[COLS - 1] = {"never become leads", "are lost in sales",
							   "are dropped at a handoff", "churn"};
	int big = 0;
	for (int i = 1; i < COLS - 1; i++)
		if (f.leak[i] > f.leak[big])
			big = i;
	snprintf(what, sizeof what, "%s of prospects %s", share_text(num, sizeof num, f.leak[big] / f.main[0]),
		 leak_phrase[big]);
	if (r->n_scen == 1) {
		snprintf(buf, len, "%s: %s", r->label[0], what);
		return;
	}
	/* the models that win most more and most fewer customers, significantly:
	 * a title that named only gains would hide a significant loss */
	size_t up = 0, down = 0;
	double d_up = 0, d_down = 0;
	for (size_t s = 1; s < r->n_scen; s++) {
		struct plot_stat d = plot_results_diff(r, s, "flow.wins");
		if (!plot_significant(&d))
			continue;
		if (d.mean > d_up)
			d_up = d.mean, up = s;
		if (d.mean < d_down)
			d_down = d.mean, down = s;
	}
	char a[160], b[160], pa[48], pb[48];
	if (!up && !down) {
		snprintf(buf, len, "%s in %s; no model wins significantly more or fewer customers", what, base);
		return;
	}
	plot_in_sentence(a, sizeof a, r->label[up ? up : down]);
	share_text(pa, sizeof pa, fabs(up ? d_up : d_down) / f.v[F_WINS]);
	if (up && down) {
		plot_in_sentence(b, sizeof b, r->label[down]);
		snprintf(buf, len, "%s in %s; %s wins %s more customers, %s %s fewer", what, base, a, pa, b,
			 share_text(pb, sizeof pb, -d_down / f.v[F_WINS]));
	} else {
		snprintf(buf, len, "%s in %s; %s wins %s %s customers", what, base, a, pa, up ? "more" : "fewer");
	}
}

int chart_sankey_draw(struct chart_page *pg, const struct chart_inputs *in, struct js_error *err)
{
	(void)err;
	const struct plot_results *r = in->res;
	char title[1024];
	sankey_title(r, title, sizeof title);
	struct plot_rect body;
	char note[768] = "Customers since day 0, means over replications; bars: one scale per stage, from zero. Grey: who "
			 "leaves between stages (no lead, lost in sales, dropped at a handoff, churned), % of prospects";
	size_t n = strlen(note);
	struct table t;
	plot_frame_measure(pg, in, title, note, &body);
	table_layout(pg, r, &body, &t);
	/* with many rows the nurtured, won and renewal figures have no room */
	struct flows f0;
	if (r->n_scen && get_flows(r, 0, &f0) == 0 && f0.has_bases) {
		/* the columns follow new customers; the day-0 customers apart */
		char a[48], b[48];
		n = (size_t)snprintf(note, sizeof note,
				     "Customers since day 0, means; bars: one scale per stage, from zero. Grey: who leaves, %% "
				     "of prospects. New customers only: %s at day 0 (%s churned) not shown",
				     count_text(a, sizeof a, f0.v[F_INITIAL]),
				     count_text(b, sizeof b, plot_results_get(r, 0, "flow.churned_initial").mean));
	}
	snprintf(note + n, sizeof note - n, "%s",
		 t.two_lines ? (f0.has_bases ? "; requalified: lost leads qualified again after nurture."
					     : "; nurtured: lost leads qualified again.")
			     : ". No room for nurtured, won, renewals.");
	plot_frame(pg, in, title, note, &body);
	table_layout(pg, r, &body, &t);
	draw_heads(pg, &t, body.y);
	for (size_t s = 0; s < r->n_scen; s++) {
		double y = t.top + (double)s * t.row_h;
		if (s > 0)
			plot_line(pg, t.name_x, y, t.stage_x[COLS - 1] + t.stage_w + t.leak_w, y, plot_theme.grid,
				  plot_theme.grid_colour);
		draw_row(pg, r, s, &t, y);
	}
	return 0;
}
