/*
 * test_charts.c - the chart layer (plots/, include/chart.h).
 *
 * Every chart type renders in every format from the hand-made folders in
 * tests/data/ (written by tests/data/make_fixtures.py); PDFs have one 16:9
 * page and carry their title and axis labels as text (pdfinfo, pdftotext);
 * PNGs have the right size, a known bar sits where the layout says in its
 * scenario's colour, and the KPI chart matches a reference image within a
 * tolerance; PDF and SVG bytes do not change between renders; degenerate
 * inputs draw a readable note instead of crashing; errors name the file.
 *
 * Run from the repository root. JOURNEYSIM_UPDATE_REF=1 rewrites the
 * reference images in tests/data/ref/ (after a deliberate change of look).
 */
#include "testutil.h"

#include <dirent.h>
#include <math.h>

#include <cairo.h>

#include "../plots/plot.h"
#include "chart.h"
#include "metrics.h"

#define DATA "tests/data"

/* ---- helpers ---- */

static void options(struct chart_options *o, unsigned formats, const char *only)
{
	chart_options_defaults(o);
	o->formats = formats;
	o->only = only;
}

static int exists_nonempty(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0;
}

static char *run_text(const char *fmt, const char *path)
{
	char *out = NULL;
	int rc = test_run(&out, fmt, path);
	if (rc != 0) {
		print_error("command failed (%d): %s\n%s\n", rc, fmt, out ? out : "");
		free(out);
		return NULL;
	}
	return out;
}

/* pdftotext breaks lines where the layout does: compare with blanks squeezed. */
static void squeeze(char *s)
{
	char *o = s;
	int blank = 0;
	for (; *s; s++) {
		int b = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\f';
		if (b && blank)
			continue;
		*o++ = b ? ' ' : *s;
		blank = b;
	}
	*o = 0;
}

static void assert_pdf(const char *path, const char *const *texts, size_t n)
{
	char *info = run_text("pdfinfo '%s'", path);
	assert_non_null(info);
	assert_non_null(strstr(info, "Pages:           1\n"));
	assert_non_null(strstr(info, "Page size:       960 x 540 pts"));
	free(info);
	char *text = run_text("pdftotext -q '%s' -", path);
	assert_non_null(text);
	squeeze(text);
	for (size_t i = 0; i < n; i++)
		if (!strstr(text, texts[i])) {
			print_error("%s: text '%s' not found in:\n%s\n", path, texts[i], text);
			fail();
		}
	free(text);
}

static cairo_surface_t *load_png(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		print_error("%s: %s\n", path, cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

/* The pixel at (x, y) as 0xRRGGBB. */
static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	cairo_surface_flush(s);
	const unsigned char *d = cairo_image_surface_get_data(s);
	uint32_t v = *(const uint32_t *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s) + (size_t)x * 4);
	return v & 0xFFFFFF;
}

static int close_colour(uint32_t a, struct plot_rgb c, int tol)
{
	int r = (int)(a >> 16 & 0xFF), g = (int)(a >> 8 & 0xFF), b = (int)(a & 0xFF);
	return abs(r - (int)lround(c.r * 255)) <= tol && abs(g - (int)lround(c.g * 255)) <= tol &&
	       abs(b - (int)lround(c.b * 255)) <= tol;
}

/* A tolerant image comparison: the mean difference per channel and the
 * share of pixels where a channel differs by more than 64. */
static int compare_png(cairo_surface_t *a, cairo_surface_t *b, double *mean, double *bad)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b))
		return -1;
	double sum = 0;
	long far = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t p = pixel(a, x, y), q = pixel(b, x, y);
			int worst = 0;
			for (int sh = 0; sh < 24; sh += 8) {
				int d = abs((int)(p >> sh & 0xFF) - (int)(q >> sh & 0xFF));
				sum += d;
				if (d > worst)
					worst = d;
			}
			far += worst > 64;
		}
	*mean = sum / (3.0 * w * h);
	*bad = (double)far / ((double)w * h);
	return 0;
}

/* Files in dir whose name starts with '.': temporary files left behind. */
static int hidden_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	if (d)
		closedir(d);
	return n;
}

/* Every reference to an id in an SVG (href="#id", url(#id)) has its
 * definition. */
static int svg_refs_resolve(const char *svg)
{
	static const char *const forms[] = {"href=\"#", "url(#"};
	for (int f = 0; f < 2; f++)
		for (const char *p = svg; (p = strstr(p, forms[f]));) {
			p += strlen(forms[f]);
			size_t n = strcspn(p, "\")");
			char want[128];
			snprintf(want, sizeof want, "id=\"%.*s\"", (int)n, p);
			if (!strstr(svg, want)) {
				print_error("SVG reference #%.*s has no definition\n", (int)n, p);
				return 0;
			}
		}
	return 1;
}

static const char *const results_charts[] = {"kpi_comparison", "cost_vs_experience", "journey_flow", "distributions",
					     "cost_breakdown", "time_series",        "board_summary"};
static const char *const sweep_charts[] = {"sweep_lines", "sweep_heatmap", "tornado"};
static const char *const exts[] = {"png", "pdf", "svg"};

/* ---- every chart, every format ---- */

static void test_results_every_format(void **state)
{
	(void)state;
	char dir[256], charts[300], board[300], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	snprintf(charts, sizeof charts, "%s/charts", dir);
	snprintf(board, sizeof board, "%s/board.pdf", dir);
	options(&o, CHART_ALL_FORMATS, NULL);
	assert_int_equal(charts_render_results(DATA "/results-small", charts, board, &o, &err), 0);
	for (size_t i = 0; i < sizeof results_charts / sizeof *results_charts; i++)
		for (int f = 0; f < 3; f++) {
			snprintf(path, sizeof path, "%s/%s.%s", charts, results_charts[i], exts[f]);
			if (!exists_nonempty(path)) {
				print_error("missing %s\n", path);
				fail();
			}
		}
	assert_true(exists_nonempty(board));
	assert_int_equal(hidden_files(charts), 0);
	for (size_t i = 0; i < sizeof results_charts / sizeof *results_charts; i++) {
		snprintf(path, sizeof path, "%s/%s.svg", charts, results_charts[i]);
		char *svg = test_read_file(path, NULL);
		assert_non_null(svg);
		assert_true(svg_refs_resolve(svg));
		free(svg);
	}
	assert_int_equal(hidden_files(dir), 0);

	/* PDF: one 16:9 page, the title and the axis labels as text */
	const char *kpi[] = {"Chief customer officer is best on margin", "ahead of customer council (95% interval",
			     "EUR million/year", "points (0-10)", "Experience", "Margin",
			     "config/default.cfg · 10 replications"};
	snprintf(path, sizeof path, "%s/kpi_comparison.pdf", charts);
	assert_pdf(path, kpi, sizeof kpi / sizeof *kpi);
	const char *scatter[] = {"Chief customer officer is better and cheaper", "Cost, EUR million/year",
				 "Experience, points (0-10)", "Customer council"};
	snprintf(path, sizeof path, "%s/cost_vs_experience.pdf", charts);
	assert_pdf(path, scatter, sizeof scatter / sizeof *scatter);
	const char *flow[] = {"70.0% of prospects never become leads", "Prospects", "Leads", "Wins", "Delivered",
			      "Retained", "No lead"};
	snprintf(path, sizeof path, "%s/journey_flow.pdf", charts);
	assert_pdf(path, flow, sizeof flow / sizeof *flow);
	const char *dist[] = {"time to customer", "days from arrival to delivery", "points (0-10)", "120+"};
	snprintf(path, sizeof path, "%s/distributions.pdf", charts);
	assert_pdf(path, dist, sizeof dist / sizeof *dist);
	const char *cost[] = {"costs 6% less than siloed", "Cost, EUR million/year", "Staff", "Overlay and council"};
	snprintf(path, sizeof path, "%s/cost_breakdown.pdf", charts);
	assert_pdf(path, cost, sizeof cost / sizeof *cost);
	const char *ts[] = {"vs siloed (time averages)", "Sales", "Delivery", "Service", "Open journey defects", "warm-up"};
	snprintf(path, sizeof path, "%s/time_series.pdf", charts);
	assert_pdf(path, ts, sizeof ts / sizeof *ts);
	const char *bd[] = {"Chief customer officer is best on margin", "Key figures per year, change vs siloed",
			    "Cost against experience", "Where experience is lost", "What the cost is made of",
			    "Cost, EUR million/year"};
	assert_pdf(board, bd, sizeof bd / sizeof *bd);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_sweeps_every_format(void **state)
{
	(void)state;
	static const struct {
		const char *dir, *chart;
		const char *texts[3];
	} cases[] = {
		{"sweep-1d", "sweep_lines",
		 {"Customer council beats siloed on margin once handoff delay exceeds 1.5 days", "Handoff delay, days",
		  "Margin, EUR million/year"}},
		{"sweep-2d", "sweep_heatmap",
		 {"significantly better than siloed on experience at 12 of 20 points", "Handoff delay, days",
		  "Council meeting interval"}},
		{"sweep-oat", "tornado",
		 {"Siloed: margin is most sensitive to handoff delay", "Margin, EUR million/year", "Arrivals rate"}},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		char dir[256], src[256], path[400];
		struct chart_options o;
		struct js_error err = {0};
		test_tmpdir(dir, sizeof dir);
		snprintf(src, sizeof src, DATA "/%s", cases[c].dir);
		/* by default: exactly the chart the design allows */
		options(&o, CHART_ALL_FORMATS, NULL);
		assert_int_equal(charts_render_sweep(src, dir, &o, &err), 0);
		for (size_t k = 0; k < 3; k++)
			for (int f = 0; f < 3; f++) {
				snprintf(path, sizeof path, "%s/%s.%s", dir, sweep_charts[k], exts[f]);
				assert_int_equal(exists_nonempty(path), strcmp(sweep_charts[k], cases[c].chart) == 0);
			}
		snprintf(path, sizeof path, "%s/%s.pdf", dir, cases[c].chart);
		assert_pdf(path, cases[c].texts, 3);
		/* asked for by name, a chart the design does not allow still draws, with a note */
		options(&o, CHART_PNG | CHART_PDF, c == 0 ? "tornado" : "sweep_lines");
		assert_int_equal(charts_render_sweep(src, dir, &o, &err), 0);
		snprintf(path, sizeof path, "%s/%s.pdf", dir, o.only);
		const char *note[] = {c == 0 ? "no one-at-a-time" : "no one-parameter design"};
		assert_pdf(path, note, 1);
		test_run(NULL, "rm -rf '%s'", dir);
	}
}

/* ---- PNG: size, a bar in its place and colour, a reference image ---- */

struct probe_hit {
	const char *what;
	size_t i, j;
	int found;
	struct plot_rect r;
};

static void probe(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	struct probe_hit *h = user;
	if (strcmp(what, h->what) == 0 && i == h->i && j == h->j) {
		h->found = 1;
		h->r = *r;
	}
}

static void test_png_size_and_bar(void **state)
{
	(void)state;
	char dir[256], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	options(&o, CHART_PNG, "kpi_comparison");
	assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), 0);
	snprintf(path, sizeof path, "%s/kpi_comparison.png", dir);
	cairo_surface_t *png = load_png(path);
	assert_non_null(png);
	assert_int_equal(cairo_image_surface_get_width(png), 1920);
	assert_int_equal(cairo_image_surface_get_height(png), 1080);

	/* where the layout puts the experience bar of scenario 1 */
	struct plot_results r;
	assert_int_equal(plot_results_load(&r, DATA "/results-small", &err), 0);
	struct chart_inputs in = {.res = &r, .opt = &o};
	struct probe_hit hit = {"kpi.bar", 1, 0, 0, {0, 0, 0, 0}};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("kpi_comparison"), &in, 1920, 1080, probe, &hit, &img, &err), 0);
	assert_true(hit.found);
	double w_pt, h_pt, scale;
	plot_page_size(1920, 1080, &w_pt, &h_pt, &scale);
	assert_true(fabs(scale - 2.0) < 1e-12);
	/* the bar is wide (experience 7.5 of 10) and sits in the upper half */
	assert_true(hit.r.w > 100 && hit.r.h > 10);
	int cx = (int)((hit.r.x + hit.r.w * 0.4) * scale), cy = (int)((hit.r.y + hit.r.h / 2) * scale);
	struct plot_rgb want = plot_scenario_colour(1);
	assert_true(close_colour(pixel(png, cx, cy), want, 2));
	/* and just left of the bar there is none of that colour */
	assert_false(close_colour(pixel(png, (int)(hit.r.x * scale) - 6, cy), want, 40));
	/* the image in memory and the file agree there */
	assert_int_equal(pixel(img, cx, cy), pixel(png, cx, cy));
	cairo_surface_destroy(img);
	cairo_surface_destroy(png);

	/* another size keeps the shape of the page */
	o.width = 1280;
	o.height = 720;
	assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), 0);
	png = load_png(path);
	assert_non_null(png);
	assert_int_equal(cairo_image_surface_get_width(png), 1280);
	assert_int_equal(cairo_image_surface_get_height(png), 720);
	cairo_surface_destroy(png);
	plot_results_free(&r);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_png_reference(void **state)
{
	(void)state;
	static const char *const refs[] = {"kpi_comparison", "board_summary"};
	for (size_t k = 0; k < sizeof refs / sizeof *refs; k++) {
		char dir[256], path[400], ref[400];
		struct chart_options o;
		struct js_error err = {0};
		test_tmpdir(dir, sizeof dir);
		options(&o, CHART_PNG, refs[k]);
		o.width = 640;
		o.height = 360;
		assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), 0);
		snprintf(path, sizeof path, "%s/%s.png", dir, refs[k]);
		snprintf(ref, sizeof ref, DATA "/ref/%s.png", refs[k]);
		const char *update = getenv("JOURNEYSIM_UPDATE_REF");
		if (update && *update == '1')
			assert_int_equal(test_run(NULL, "mkdir -p " DATA "/ref && cp '%s' '%s'", path, ref), 0);
		cairo_surface_t *a = load_png(path), *b = load_png(ref);
		assert_non_null(a);
		assert_non_null(b);
		double mean = 0, bad = 0;
		assert_int_equal(compare_png(a, b, &mean, &bad), 0);
		if (mean > 2.0 || bad > 0.01) {
			print_error("%s differs from %s: mean %.3f per channel, %.2f%% of pixels far off\n", path, ref, mean,
				    bad * 100);
			fail();
		}
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
		test_run(NULL, "rm -rf '%s'", dir);
	}
}

/* ---- the board page: up to eight scenarios, nothing on top of anything ---- */

struct board_hits {
	size_t n;
	struct {
		char what[48];
		size_t i, j;
		struct plot_rect r;
	} h[2048];
};

static void board_collect(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	struct board_hits *b = user;
	if (b->n < sizeof b->h / sizeof *b->h) {
		snprintf(b->h[b->n].what, sizeof b->h[b->n].what, "%s", what);
		b->h[b->n].i = i;
		b->h[b->n].j = j;
		b->h[b->n].r = *r;
		b->n++;
	}
}

static const struct plot_rect *board_find(const struct board_hits *b, const char *what, size_t i, size_t j)
{
	for (size_t k = 0; k < b->n; k++)
		if (strcmp(b->h[k].what, what) == 0 && b->h[k].i == i && b->h[k].j == j)
			return &b->h[k].r;
	return NULL;
}

static int rect_inside(const struct plot_rect *outer, const struct plot_rect *r)
{
	return r->x >= outer->x - 0.5 && r->y >= outer->y - 0.5 && r->x + r->w <= outer->x + outer->w + 0.5 &&
	       r->y + r->h <= outer->y + outer->h + 0.5;
}

static int rect_overlap(const struct plot_rect *a, const struct plot_rect *b)
{
	double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
	double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);
	return w > 0.5 && h > 0.5;
}

/* A results folder with the first n scenarios of results-many. */
static void results_first(char *dir, size_t len, int n)
{
	test_tmpdir(dir, len);
	assert_int_equal(test_run(NULL,
				  "cp " DATA "/results-many/run.json '%s/' && for f in summary diffs; do "
				  "awk -F, -v n=%d 'NR==1{print;next} !($1 in k){k[$1]=++c} k[$1]<=n' "
				  DATA "/results-many/$f.csv > '%s/'$f.csv; done",
				  dir, n, dir),
			 0);
}

/* run.json for the first n scenarios of results-many as a run of now
 * writes it: the objective, the key assumptions, the intervals' note, and
 * warnings as the default run gave them (two pools of one scenario), plus
 * more scenarios warned about when warned > 1. */
static void results_facts(const char *dir, int n, int warned)
{
	static const char *const ids[] = {"siloed",          "chief_customer_officer", "customer_council",
					  "cmo_shadow_it",   "cio_led",                "marketing_technologist",
					  "cmo_cio_aligned", "council_with_shared_platform_and_embedded_technologists"};
	char path[400];
	snprintf(path, sizeof path, "%s/run.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "{\n  \"version\": \"0.1.0\",\n  \"config\": \"config/default.cfg\",\n  \"seed\": 20261125,\n"
		   "  \"scenarios\": [");
	for (int s = 0; s < n; s++)
		fprintf(f, "%s\"%s\"", s ? ", " : "", ids[s]);
	fprintf(f, "],\n  \"replications\": 8,\n  \"horizon_days\": 1825,\n  \"warmup_days\": 365,\n"
		   "  \"currency\": \"EUR\",\n"
		   "  \"objective\": {\"metric\": \"margin\", \"label\": \"Margin\", \"unit\": \"EUR/year\", "
		   "\"better\": \"higher\", \"weights\": [], \"text\": \"margin\"},\n"
		   "  \"assumptions\": {\"key\": 20, \"defaults\": 20, \"list\": []},\n"
		   "  \"interval_note\": \"95%% intervals: simulation noise only (replications), not uncertainty in the "
		   "assumptions\",\n  \"warnings\": [\n"
		   "    {\"scenario\": \"customer_council\", \"pool\": \"sales\", \"kind\": \"growing\", \"from_day\": 749, "
		   "\"utilisation\": 0.71, \"text\": \"sales team queue still growing at the end (from about day 749): "
		   "results depend on the horizon\"},\n"
		   "    {\"scenario\": \"customer_council\", \"pool\": \"delivery\", \"kind\": \"growing\", \"from_day\": "
		   "966, \"utilisation\": 0.68, \"text\": \"delivery team queue still growing at the end (from about day "
		   "966): results depend on the horizon\"}");
	for (int s = n - 1, k = 1; k < warned && s > 2; s--, k++)
		fprintf(f, ",\n    {\"scenario\": \"%s\", \"pool\": \"service\", \"kind\": \"saturated\", \"from_day\": "
			   "400, \"utilisation\": 0.99, \"text\": \"contact centre saturated from about day 400: results "
			   "depend on the horizon\"}",
			ids[s]);
	fprintf(f, "\n  ]\n}\n");
	assert_int_equal(fclose(f), 0);
}

/* The board of dir at 1920 x 1080: every one of its n scenarios in every
 * panel, inside it; no text on top of another or off the page; the scatter
 * at least scatter_h pt high, its rotated title in its panel; and the PDF
 * names them all, with no note of a subset. */
static void assert_board_whole(const char *dir, int n, const char *const *names, double scatter_h)
{
	char board[300];
	struct chart_options o;
	struct js_error err = {0};
	struct plot_results r;
	assert_int_equal(plot_results_load(&r, dir, &err), 0);
	assert_int_equal(r.n_scen, (size_t)n);
	options(&o, CHART_PNG, "board_summary");
	struct chart_inputs in = {.res = &r, .opt = &o};
	struct board_hits *b = calloc(1, sizeof *b);
	assert_non_null(b);
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("board_summary"), &in, 1920, 1080, board_collect, b, &img, &err),
			 0);
	cairo_surface_destroy(img);
	assert_true(b->n < sizeof b->h / sizeof *b->h);
	const struct plot_rect page = {plot_theme.margin_left, plot_theme.margin_top,
				       960 - plot_theme.margin_left - plot_theme.margin_right,
				       540 - plot_theme.margin_top - plot_theme.margin_bottom};
	const struct plot_rect *panel[4];
	for (size_t k = 0; k < 4; k++) {
		panel[k] = board_find(b, "board.panel", k, 0);
		assert_non_null(panel[k]);
		assert_true(rect_inside(&page, panel[k]));
		for (size_t m = 0; m < k; m++)
			assert_false(rect_overlap(panel[k], panel[m]));
	}
	for (size_t s = 0; s < (size_t)n; s++) {
		const struct plot_rect *row = board_find(b, "board.row", s, 0);
		assert_non_null(row); /* the table shows it */
		assert_true(rect_inside(panel[0], row));
		assert_true(row->h >= plot_theme.font[PLOT_FONT_VALUE].size + 2);
		for (size_t t = 0; t < s; t++)
			assert_false(rect_overlap(row, board_find(b, "board.row", t, 0)));
		const struct plot_rect *bar = board_find(b, "cost.segment", s, 0);
		assert_non_null(bar);
		assert_true(rect_inside(panel[1], bar));
		const struct plot_rect *pt = board_find(b, "scatter.point", s, 0);
		assert_non_null(pt);
		assert_true(rect_inside(panel[2], pt));
		for (size_t k = 0; k < PLOT_CAUSES; k++) {
			const struct plot_rect *dot = board_find(b, "effort.dot", s, k);
			assert_non_null(dot);
			assert_true(rect_inside(panel[3], dot));
		}
	}
	/* a scatter of a proper height, its rotated title inside it */
	if (panel[2]->h < scatter_h)
		fail_msg("%d scenarios: the scatter is %.1f pt high", n, panel[2]->h);
	int ytitle = 0;
	for (size_t k = 0; k < b->n; k++) {
		const char *w = b->h[k].what;
		if (strncmp(w, "text:", 5) != 0)
			continue;
		if (strncmp(w, "text:Experience", 15) == 0 && b->h[k].r.h > b->h[k].r.w) {
			ytitle = 1;
			if (!rect_inside(panel[2], &b->h[k].r)) /* the overlap check below keeps it off the title */
				fail_msg("the scatter's y title is outside its panel");
		}
		if (!rect_inside(&page, &b->h[k].r))
			fail_msg("'%s' runs off the page", w + 5);
		for (size_t m = 0; m < k; m++)
			if (strncmp(b->h[m].what, "text:", 5) == 0 && rect_overlap(&b->h[k].r, &b->h[m].r))
				fail_msg("'%s' overlaps '%s'", w + 5, b->h[m].what + 5);
	}
	assert_true(ytitle);
	free(b);
	plot_results_free(&r);
	snprintf(board, sizeof board, "%s/board.pdf", dir);
	options(&o, CHART_PDF, "board_summary");
	assert_int_equal(charts_render_results(dir, NULL, board, &o, &err), 0);
	assert_pdf(board, names, (size_t)n);
	char *text = run_text("pdftotext -q '%s' -", board);
	assert_non_null(text);
	assert_null(strstr(text, "Showing"));
	assert_null(strstr(text, "more: see the KPI"));
	free(text);
}

static void test_board_holds_eight(void **state)
{
	(void)state;
	static const char *const names[] = {"Siloed",          "Chief customer officer", "Customer council",
					    "CMO shadow IT",   "CIO led",                "Marketing technologist",
					    "CMO CIO aligned", "Council with shared platform"};
	for (int n = 7; n <= 8; n++) {
		char dir[256];
		results_first(dir, sizeof dir, n);
		assert_board_whole(dir, n, names, 145);
		test_run(NULL, "rm -rf '%s'", dir);
	}
	/* twelve: the baseline, the headline, then file order, and a note */
	char dir[256], board[300];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	snprintf(board, sizeof board, "%s/board.pdf", dir);
	options(&o, CHART_PDF, "board_summary");
	assert_int_equal(charts_render_results(DATA "/results-many", NULL, board, &o, &err), 0);
	const char *many[] = {"Showing 8 of 12 scenarios", "Siloed", "Chief customer officer", "Council with shared platform"};
	assert_pdf(board, many, sizeof many / sizeof *many);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* The default run's seven scenarios with its facts line and its warnings
 * (two pools of the best scenario) still fit one page, every one of them,
 * the warnings said once for the scenario; and so do eight with three
 * scenarios warned about, in one sentence. */
static void test_board_whole_with_warnings(void **state)
{
	(void)state;
	static const char *const names[] = {"Siloed",          "Chief customer officer", "Customer council \xE2\x9A\xA0",
					    "CMO shadow IT",   "CIO led",                "Marketing technologist",
					    "CMO CIO aligned", "Council with shared platform"};
	char dir[256], board[300];
	results_first(dir, sizeof dir, 7);
	results_facts(dir, 7, 1);
	assert_board_whole(dir, 7, names, 145);
	snprintf(board, sizeof board, "%s/board.pdf", dir);
	const char *facts[] = {"Objective: margin, higher is better", "20 of 20 key assumptions are illustrative defaults",
			       "simulation noise only (replications), not uncertainty in the assumptions",
			       "Customer council \xE2\x9A\xA0: sales team and delivery team queues still growing at the end "
			       "(from about day 749): results depend on the horizon."};
	assert_pdf(board, facts, sizeof facts / sizeof *facts);
	char *text = run_text("pdftotext -q '%s' -", board);
	assert_non_null(text);
	assert_null(strstr(text, "delivery team queue still growing")); /* said once, not per pool */
	free(text);
	test_run(NULL, "rm -rf '%s'", dir);

	results_first(dir, sizeof dir, 8);
	results_facts(dir, 8, 3);
	static const char *const eight[] = {"Siloed",
					    "Chief customer officer",
					    "Customer council \xE2\x9A\xA0",
					    "CMO shadow IT",
					    "CIO led",
					    "Marketing technologist",
					    "CMO CIO aligned \xE2\x9A\xA0",
					    "Council with shared platform"};
	assert_board_whole(dir, 8, eight, 135); /* the tightest: four lines of ticks */
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- same input, same bytes ---- */

static void test_pdf_same_bytes(void **state)
{
	(void)state;
	char a[256], b[256], pa[400], pb[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	options(&o, CHART_PDF, NULL);
	assert_int_equal(charts_render_results(DATA "/results-small", a, NULL, &o, &err), 0);
	assert_int_equal(charts_render_results(DATA "/results-small", b, NULL, &o, &err), 0);
	for (size_t i = 0; i < sizeof results_charts / sizeof *results_charts; i++) {
		snprintf(pa, sizeof pa, "%s/%s.pdf", a, results_charts[i]);
		snprintf(pb, sizeof pb, "%s/%s.pdf", b, results_charts[i]);
		assert_true(test_same_file(pa, pb));
	}
	/* the date is run.json's "created", unless SOURCE_DATE_EPOCH says otherwise */
	snprintf(pa, sizeof pa, "%s/kpi_comparison.pdf", a);
	char *info = run_text("pdfinfo -isodates '%s'", pa);
	assert_non_null(info);
	assert_non_null(strstr(info, "2026-11-25T22:00:00"));
	free(info);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	options(&o, CHART_PDF, "kpi_comparison");
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(o.created, 1700000000);
	assert_int_equal(charts_render_results(DATA "/results-small", b, NULL, &o, &err), 0);
	snprintf(pb, sizeof pb, "%s/kpi_comparison.pdf", b);
	info = run_text("pdfinfo -isodates '%s'", pb);
	assert_non_null(info);
	assert_non_null(strstr(info, "2023-11-14T22:13:20"));
	free(info);
	test_run(NULL, "rm -rf '%s' '%s'", a, b);
}

static void test_svg_same_bytes_in_process(void **state)
{
	(void)state;
	char a[256], b[256], c[256], pa[400], pb[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	test_tmpdir(c, sizeof c);
	options(&o, CHART_SVG, "kpi_comparison");
	assert_int_equal(charts_render_results(DATA "/results-small", a, NULL, &o, &err), 0);
	/* other drawing in between moves cairo's process-wide counters */
	options(&o, CHART_SVG, NULL);
	assert_int_equal(charts_render_results(DATA "/results-many", c, NULL, &o, &err), 0);
	options(&o, CHART_SVG, "kpi_comparison");
	assert_int_equal(charts_render_results(DATA "/results-small", b, NULL, &o, &err), 0);
	snprintf(pa, sizeof pa, "%s/kpi_comparison.svg", a);
	snprintf(pb, sizeof pb, "%s/kpi_comparison.svg", b);
	assert_true(test_same_file(pa, pb));
	char *svg = test_read_file(pa, NULL);
	assert_non_null(svg);
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "width=\"960pt\" height=\"540pt\""));
	assert_true(svg_refs_resolve(svg));
	free(svg);
	test_run(NULL, "rm -rf '%s' '%s' '%s'", a, b, c);
}

static void test_svg_renumber(void **state)
{
	(void)state;
	const char *in = "<symbol id=\"glyph3-7\"/><g id=\"surface42\"><use xlink:href=\"#glyph3-7\"/>"
			 "<g clip-path=\"url(#clip9)\"/><clipPath id=\"clip9\"/><use xlink:href=\"#glyph3-9\"/>"
			 "<symbol id=\"glyph3-9\"/><text>#glyph3-7 stays</text></g>";
	const char *want = "<symbol id=\"glyph-1\"/><g id=\"surface-1\"><use xlink:href=\"#glyph-1\"/>"
			   "<g clip-path=\"url(#clip-1)\"/><clipPath id=\"clip-1\"/><use xlink:href=\"#glyph-2\"/>"
			   "<symbol id=\"glyph-2\"/><text>#glyph3-7 stays</text></g>";
	size_t n;
	char *out = plot_svg_renumber(in, strlen(in), &n);
	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	g_free(out);
}

/* ---- degenerate inputs ---- */

static void test_one_scenario_one_replication(void **state)
{
	(void)state;
	char dir[256], board[300], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	snprintf(board, sizeof board, "%s/board.pdf", dir);
	options(&o, CHART_ALL_FORMATS, NULL);
	assert_int_equal(charts_render_results(DATA "/results-one", dir, board, &o, &err), 0);
	const char *kpi[] = {"Siloed: experience", "one scenario, nothing to compare",
			     "One replication: no confidence interval can be computed"};
	snprintf(path, sizeof path, "%s/kpi_comparison.pdf", dir);
	assert_pdf(path, kpi, 3);
	const char *scatter[] = {"one scenario, no trade-off to show", "One replication"};
	snprintf(path, sizeof path, "%s/cost_vs_experience.pdf", dir);
	assert_pdf(path, scatter, 2);
	assert_pdf(board, kpi + 2, 1);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_zero_variance_nan_missing(void **state)
{
	(void)state;
	char dir[256], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	options(&o, CHART_ALL_FORMATS, NULL);
	assert_int_equal(charts_render_results(DATA "/results-degenerate", dir, NULL, &o, &err), 0);
	const char *ts[] = {"timeseries.csv is empty: no time series to draw"};
	snprintf(path, sizeof path, "%s/time_series.pdf", dir);
	assert_pdf(path, ts, 1);
	const char *dist[] = {"distributions.csv is missing"};
	snprintf(path, sizeof path, "%s/distributions.pdf", dir);
	assert_pdf(path, dist, 1);
	/* revenue and margin are NaN: the bars say n/a, the title does not claim them */
	const char *kpi[] = {"n/a", "Revenue"};
	snprintf(path, sizeof path, "%s/kpi_comparison.pdf", dir);
	assert_pdf(path, kpi, 2);
	char *text = run_text("pdftotext -q '%s' -", path);
	assert_non_null(text);
	assert_null(strstr(text, "margin +"));
	free(text);
	const char *cost[] = {"Not in summary.csv: cost.variable, cost.overlay, cost.rework, cost.transition"};
	snprintf(path, sizeof path, "%s/cost_breakdown.pdf", dir);
	assert_pdf(path, cost, 1);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_summary_only(void **state)
{
	(void)state;
	/* a results folder with summary.csv and nothing else still draws */
	char src[256], dir[256], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(src, sizeof src);
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(test_run(NULL, "cp " DATA "/results-small/summary.csv '%s/'", src), 0);
	options(&o, CHART_PNG | CHART_PDF, NULL);
	assert_int_equal(charts_render_results(src, dir, NULL, &o, &err), 0);
	const char *kpi[] = {"differences not tested (diffs.csv is missing)", "run.json missing"};
	snprintf(path, sizeof path, "%s/kpi_comparison.pdf", dir);
	assert_pdf(path, kpi, 2);
	const char *ts[] = {"timeseries.csv is missing"};
	snprintf(path, sizeof path, "%s/time_series.pdf", dir);
	assert_pdf(path, ts, 1);
	/* without run.json the PDF date is the epoch, still fixed */
	char *info = run_text("pdfinfo -isodates '%s'", path);
	assert_non_null(info);
	assert_non_null(strstr(info, "1970-01-01T00:00:00"));
	free(info);
	test_run(NULL, "rm -rf '%s' '%s'", src, dir);
}

static void test_empty_sweep(void **state)
{
	(void)state;
	char dir[256], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	options(&o, CHART_PNG | CHART_PDF, NULL);
	assert_int_equal(charts_render_sweep(DATA "/sweep-empty", dir, &o, &err), 0);
	snprintf(path, sizeof path, "%s/sweep_lines.pdf", dir);
	const char *t[] = {"The sweep has no points yet"};
	assert_pdf(path, t, 1);
	for (size_t k = 0; k < 3; k++) {
		options(&o, CHART_PNG, sweep_charts[k]);
		assert_int_equal(charts_render_sweep(DATA "/sweep-empty", dir, &o, &err), 0);
	}
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- errors ---- */

static void test_errors(void **state)
{
	(void)state;
	char dir[256], file[300], bad[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);

	options(&o, CHART_PNG, "no_such_chart");
	assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_non_null(strstr(err.msg, "unknown chart 'no_such_chart'"));
	options(&o, CHART_PNG, "tornado");
	assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	options(&o, 0, NULL);
	assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_USAGE);

	options(&o, CHART_PNG, NULL);
	assert_int_equal(charts_render_results(DATA "/no-such-folder", dir, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_NOINPUT);
	assert_non_null(strstr(err.msg, "no-such-folder/summary.csv"));
	assert_int_equal(charts_render_sweep(DATA "/results-small", dir, &o, &err), -1);
	assert_int_equal(err.code, EX_NOINPUT);
	assert_non_null(strstr(err.msg, "points.csv"));

	/* a folder that cannot be made: its parent is a file */
	snprintf(file, sizeof file, "%s/file", dir);
	assert_int_equal(test_run(NULL, "touch '%s'", file), 0);
	snprintf(bad, sizeof bad, "%s/charts", file);
	assert_int_equal(charts_render_results(DATA "/results-small", bad, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_CANTCREAT);
	assert_non_null(strstr(err.msg, file));
	/* a board file that cannot be written names the file */
	snprintf(bad, sizeof bad, "%s/board.pdf", file);
	options(&o, CHART_PNG, "board_summary");
	assert_int_equal(charts_render_results(DATA "/results-small", NULL, bad, &o, &err), -1);
	assert_int_equal(err.code, EX_CANTCREAT);
	assert_non_null(strstr(err.msg, "board.pdf"));

	/* a summary.csv without its columns: file and line */
	char broken[300];
	snprintf(broken, sizeof broken, "%s/broken", dir);
	assert_int_equal(test_run(NULL, "mkdir -p '%s' && printf 'scenario,metric\\nsiloed,margin\\n' > '%s/summary.csv'",
				  broken, broken),
			 0);
	assert_int_equal(charts_render_results(broken, dir, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "summary.csv:1: missing column 'unit'"));

	unsigned mask = 0;
	assert_int_equal(chart_formats_parse("png,svg", &mask, &err), 0);
	assert_int_equal(mask, CHART_PNG | CHART_SVG);
	assert_int_equal(chart_formats_parse("png,bmp", &mask, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_non_null(strstr(err.msg, "'bmp'"));
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- the pieces ---- */

static void test_nice_ticks(void **state)
{
	(void)state;
	struct plot_axis a;
	plot_axis_nice(&a, 0, 27.7, 6); /* range 50 -> step 10 */
	assert_true(a.lo == 0 && a.step == 10 && a.hi == 30);
	plot_axis_nice(&a, 0, 27.7, 10);
	assert_true(a.lo == 0 && a.step == 5 && a.hi == 30);
	plot_axis_nice(&a, -0.48, 0.8, 5);
	assert_true(fabs(a.step - 0.5) < 1e-12 && fabs(a.lo + 0.5) < 1e-12 && fabs(a.hi - 1.0) < 1e-12);
	assert_int_equal(a.digits, 1);
	plot_axis_nice(&a, 5, 5, 5); /* one value */
	assert_true(a.lo < 5 && a.hi > 5);
	plot_axis_nice(&a, NAN, NAN, 5); /* nothing */
	assert_true(a.lo == 0 && a.hi > 0);
	plot_axis_nice(&a, 12.9e6 / 1e6, 15.6e6 / 1e6, 6);
	assert_true(a.lo == 12 && a.hi == 16 && a.step == 1 && a.digits == 0);
	assert_true(plot_nice(0.13, 1) == 0.1 && plot_nice(0.13, 0) == 0.2 && plot_nice(7.2, 1) == 10);
}

/* Display names come from the metric table; a name from another version is
 * spelled out. */
static void test_metric_labels(void **state)
{
	(void)state;
	char b[160];
	for (int m = 0; m < METRIC_COUNT; m++)
		assert_string_equal(plot_metric_label(b, sizeof b, metric_table[m].name), metric_table[m].label);
	assert_string_equal(plot_metric_label(b, sizeof b, "cost.total"), "Cost");
	assert_string_equal(plot_metric_label(b, sizeof b, "service.fcr"), "First-contact resolution");
	assert_string_equal(plot_metric_label(b, sizeof b, "future.new_metric"), "Future new metric");
}

static void test_formats(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(plot_fmt_money(b, sizeof b, 26.1e6, "EUR", 0), "\xE2\x82\xAC" "26.1M");
	assert_string_equal(plot_fmt_money(b, sizeof b, -946e3, "EUR", 1), "\xE2\x88\x92\xE2\x82\xAC" "946k");
	assert_string_equal(plot_fmt_money(b, sizeof b, 4.99e6, "USD", 1), "+$5.0M");
	assert_string_equal(plot_fmt_money(b, sizeof b, 1.5e9, "CHF", 0), "CHF 1.5bn");
	assert_string_equal(plot_fmt(b, sizeof b, 1825, 0), "1,825");
	assert_string_equal(plot_fmt(b, sizeof b, -0.04, 1), "0.0");
	assert_string_equal(plot_fmt_signed(b, sizeof b, -1.27, 1), "\xE2\x88\x92" "1.3");
	struct plot_scale s;
	plot_scale_for(&s, 26e6, "EUR/year");
	assert_string_equal(s.unit, "EUR million/year");
	assert_true(s.div == 1e6);
	plot_scale_for(&s, 0.4, "share");
	assert_string_equal(s.unit, "%");
	double v[] = {0.5, 1, 1.5};
	assert_int_equal(plot_digits_needed(v, 3), 1);
	char *l = plot_scenario_label("cmo_shadow_it");
	assert_string_equal(l, "CMO shadow IT");
	free(l);
	assert_string_equal(plot_param_label(b, sizeof b, "mechanisms.handoff.delay"), "Handoff delay");
	assert_int_equal(metric_better_find("cost.total"), -1);
	assert_int_equal(metric_better_find("experience.mean"), 1);
}

static void test_readers(void **state)
{
	(void)state;
	char dir[256], path[400];
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("a,\"b, quoted\",c\r\n1,\"say \"\"hi\"\"\",nan\r\n\r\n2,,\n3\n", f);
	fclose(f);
	struct csv_table t;
	assert_int_equal(csv_table_read(&t, path, 0, &err), 0);
	assert_int_equal(t.n_cols, 3);
	assert_int_equal(t.n_rows, 3);
	assert_string_equal(t.header[1], "b, quoted");
	assert_string_equal(csv_table_get(&t, 0, 1), "say \"hi\"");
	assert_true(isnan(csv_parse_number(csv_table_get(&t, 0, 2))));
	assert_true(isnan(csv_parse_number(csv_table_get(&t, 1, 1))));
	assert_string_equal(csv_table_get(&t, 2, 2), ""); /* a short row */
	assert_int_equal((int)t.line[2], 5);
	csv_table_free(&t);
	snprintf(path, sizeof path, "%s/missing.csv", dir);
	assert_int_equal(csv_table_read(&t, path, CSV_MISSING_OK, &err), 1);
	csv_table_free(&t);

	struct json j;
	assert_int_equal(json_parse(&j, "{\"seed\": 18446744073709551615, \"s\": \"a\\u00e9\\n\", \"x\": [1, {\"y\": null}]}",
				    "run.json", &err),
			 0);
	assert_string_equal(json_get(&j, "seed")->string, "18446744073709551615");
	assert_string_equal(json_get_string(&j, "s", ""), "a\xC3\xA9\n");
	assert_int_equal(json_get(&j, "x")->n, 2);
	json_free(&j);
	assert_int_equal(json_parse(&j, "{\n\"a\": 1,\n\"b\": }", "run.json", &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "run.json:3: invalid JSON"));
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_titles_claim_only_significant(void **state)
{
	(void)state;
	char dir[256], buf[512];
	struct js_error err = {0};
	struct plot_results r;
	assert_int_equal(plot_results_load(&r, DATA "/results-small", &err), 0);
	plot_headline(&r, buf, sizeof buf);
	/* issue 13: the best on the objective (margin) and its paired gap to the runner-up */
	const char *want = "Chief customer officer is best on margin, \xE2\x82\xAC";
	assert_true(strncmp(buf, want, strlen(want)) == 0);
	assert_non_null(strstr(buf, "/year ahead of customer council (95% interval "));
	plot_results_free(&r);
	/* the same means with intervals that include zero: no claim */
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(test_run(NULL,
				  "cp " DATA "/results-small/summary.csv " DATA "/results-small/run.json '%s/' && "
				  "awk -F, 'BEGIN{OFS=\",\"} NR==1{print;next} {$6=-1e12; $7=1e12; print}' "
				  DATA "/results-small/diffs.csv > '%s/diffs.csv'",
				  dir, dir),
			 0);
	assert_int_equal(plot_results_load(&r, dir, &err), 0);
	plot_headline(&r, buf, sizeof buf);
	/* no replications to pair the two best, and their diffs against the
	 * baseline say nothing of each other: ranked, but no win claimed */
	assert_non_null(strstr(buf, "differences not tested"));
	assert_null(strstr(buf, "best on"));
	assert_null(strstr(buf, "beats"));
	plot_results_free(&r);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- honest titles and colours on constructed data ---- */

/* The title chart draws from in (drawn on a recording surface). */
static void chart_title(const char *chart, const struct chart_inputs *in, char *buf, size_t len)
{
	cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t *cr = cairo_create(rec);
	struct chart_page pg;
	struct js_error err = {0};
	plot_page_init(&pg, cr, 960, 540, 1);
	pg.opt = in->opt;
	assert_int_equal(chart_type_find(chart)->draw(&pg, in, &err), 0);
	snprintf(buf, len, "%s", pg.title);
	plot_page_fini(&pg);
	cairo_destroy(cr);
	cairo_surface_destroy(rec);
}

/* A copy of fixture src in dir whose diffs.csv is rewritten by the awk
 * program prog (results: $5 mean_diff, $6 and $7 its interval; sweeps,
 * with the point first: $6, $7, $8). */
static void fixture_diffs(char *dir, size_t len, const char *src, const char *prog)
{
	test_tmpdir(dir, len);
	assert_int_equal(test_run(NULL, "cp " DATA "/%s/* '%s/' && awk -F, 'BEGIN{OFS=\",\"} NR==1{print;next} %s' "
				  DATA "/%s/diffs.csv > '%s/diffs.csv'",
				  src, dir, prog, src, dir),
			 0);
}

static int has(const char *s, const char *word)
{
	return strstr(s, word) != NULL;
}

static void test_diverging_centred(void **state)
{
	(void)state;
	/* 0 is the neutral middle whatever the range and the direction */
	const double spans[] = {1e-6, 0.3, 1, 250, 4e7};
	for (size_t k = 0; k < sizeof spans / sizeof *spans; k++)
		for (int better = -1; better <= 1; better++) {
			struct plot_rgb c = plot_diverging(0, spans[k], better);
			assert_true(fabs(c.r - c.g) < 0.01 && fabs(c.g - c.b) < 0.01 && c.r > 0.95);
		}
	/* the better side is blue, the worse red, whichever sign is better */
	for (double v = 0.1; v <= 1.0; v += 0.3) {
		struct plot_rgb good = plot_diverging(v, 1, 1), bad = plot_diverging(-v, 1, 1);
		assert_true(good.b > good.r && bad.r > bad.b);
		struct plot_rgb cheaper = plot_diverging(-v, 1, -1), dearer = plot_diverging(v, 1, -1);
		assert_true(cheaper.b > cheaper.r && dearer.r > dearer.b);
		/* symmetric: a gain reads the same for either direction */
		assert_true(fabs(good.r - cheaper.r) < 1e-12 && fabs(good.b - cheaper.b) < 1e-12);
	}
	/* beyond the span, the end colour; NaN is neutral */
	struct plot_rgb end = plot_diverging(1, 1, 1), past = plot_diverging(5, 1, 1), nan_c = plot_diverging(NAN, 1, 1);
	assert_true(fabs(end.b - past.b) < 1e-12 && nan_c.r > 0.95 && nan_c.b > 0.95);
}

struct cells {
	size_t n;
	struct plot_rect r[64];
};

static void cells_collect(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	(void)i, (void)j;
	struct cells *c = user;
	if (strcmp(what, "heat.cell") == 0 && c->n < 64)
		c->r[c->n++] = *r;
}

static void test_heatmap_all_worse(void **state)
{
	(void)state;
	char dir[256], title[1024];
	struct js_error err = {0};
	/* every point: customer council significantly worse on every metric */
	fixture_diffs(dir, sizeof dir, "sweep-2d",
		      "$2!=$3{m=($6<0?$6:-$6)-0.1; $6=m; $7=m-0.05; $8=m+0.05} {print}");
	struct plot_sweep w;
	assert_int_equal(plot_sweep_load(&w, dir, &err), 0);
	struct chart_options o;
	options(&o, CHART_PNG, "sweep_heatmap");
	struct chart_inputs in = {.sweep = &w, .opt = &o};
	chart_title("sweep_heatmap", &in, title, sizeof title);
	assert_true(has(title, "Customer council is significantly worse than siloed on experience at all 20 points"));
	assert_false(has(title, "better") || has(title, "beats"));
	/* no cell takes the good (blue) side, and none is the neutral white */
	struct cells c = {0};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("sweep_heatmap"), &in, 960, 540, cells_collect, &c, &img, &err),
			 0);
	assert_int_equal(c.n, 20);
	for (size_t k = 0; k < c.n; k++) {
		uint32_t px = pixel(img, (int)(c.r[k].x + 4), (int)(c.r[k].y + 4));
		int r = (int)(px >> 16 & 0xFF), b = (int)(px & 0xFF);
		assert_true(r > b + 8);
	}
	cairo_surface_destroy(img);
	/* the same for a lower-is-better metric: a lower cost is blue */
	snprintf(o.metric, sizeof o.metric, "cost.total");
	c.n = 0;
	assert_int_equal(plot_render_image(chart_type_find("sweep_heatmap"), &in, 960, 540, cells_collect, &c, &img, &err),
			 0);
	chart_title("sweep_heatmap", &in, title, sizeof title);
	assert_true(has(title, "significantly better than siloed on cost at all 20 points"));
	/* cells near 0 are near white; none is red, and the best is clearly blue */
	int bluest = 0;
	for (size_t k = 0; k < c.n; k++) {
		uint32_t px = pixel(img, (int)(c.r[k].x + 4), (int)(c.r[k].y + 4));
		int d = (int)(px & 0xFF) - (int)(px >> 16 & 0xFF);
		assert_true(d >= 0);
		bluest = d > bluest ? d : bluest;
	}
	assert_true(bluest > 64);
	cairo_surface_destroy(img);
	plot_sweep_free(&w);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_titles_either_direction(void **state)
{
	(void)state;
	char dir[256], title[1024];
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG, NULL);
	/* one model significantly worse (CMO shadow IT in results-small), none
	 * significantly better: the titles say so */
	fixture_diffs(dir, sizeof dir, "results-small", "$1!=\"cmo_shadow_it\"{$6=-1e12; $7=1e12} {print}");
	struct plot_results r;
	assert_int_equal(plot_results_load(&r, dir, &err), 0);
	struct chart_inputs in = {.res = &r, .opt = &o};
	chart_title("journey_flow", &in, title, sizeof title);
	assert_true(has(title, "; CMO shadow IT wins "));
	assert_true(has(title, "% fewer customers"));
	assert_false(has(title, "no model"));
	chart_title("distributions", &in, title, sizeof title);
	assert_true(has(title, "CMO shadow IT: experience \xE2\x88\x92"));
	/* issue 13: the KPI chart's title is the headline on the objective */
	chart_title("kpi_comparison", &in, title, sizeof title);
	assert_true(has(title, "Chief customer officer is best on margin"));
	plot_results_free(&r);
	test_run(NULL, "rm -rf '%s'", dir);

	/* nothing significant: no chart claims a win, "beats" or a fewer */
	fixture_diffs(dir, sizeof dir, "results-small", "{$6=-1e12; $7=1e12} {print}");
	assert_int_equal(plot_results_load(&r, dir, &err), 0);
	for (size_t k = 0; k < sizeof results_charts / sizeof *results_charts; k++) {
		chart_title(results_charts[k], &in, title, sizeof title);
		assert_false(has(title, "beats") || has(title, "% more") || has(title, "% fewer") ||
			     has(title, "significantly better") || has(title, "significantly worse") ||
			     has(title, "better and cheaper") || has(title, "% less"));
	}
	chart_title("journey_flow", &in, title, sizeof title);
	assert_true(has(title, "no model wins significantly more or fewer customers"));
	plot_results_free(&r);
	test_run(NULL, "rm -rf '%s'", dir);

	/* a sweep whose crossing of means is significant at neither end */
	options(&o, CHART_PNG, "sweep_lines");
	snprintf(o.metric, sizeof o.metric, "margin");
	fixture_diffs(dir, sizeof dir, "sweep-1d", "{$7=-1e12; $8=1e12} {print}");
	struct plot_sweep w;
	assert_int_equal(plot_sweep_load(&w, dir, &err), 0);
	struct chart_inputs ws = {.sweep = &w, .opt = &o};
	chart_title("sweep_lines", &ws, title, sizeof title);
	assert_true(has(title, "The means of customer council and siloed on margin cross at handoff delay = 1.5"));
	assert_true(has(title, "neither is significantly ahead"));
	assert_false(has(title, "beats"));
	plot_sweep_free(&w);
	test_run(NULL, "rm -rf '%s'", dir);

	/* no crossover, significantly worse at two points only: said, not "no crossover" */
	fixture_diffs(dir, sizeof dir, "sweep-1d",
		      "$2!=$3 && $1<2{$6=-1; $7=-2; $8=-0.5; print; next} $2!=$3{$7=-1e12; $8=1e12} {print}");
	assert_int_equal(test_run(NULL, "head -1 " DATA "/sweep-1d/crossovers.csv > '%s/crossovers.csv'", dir), 0);
	assert_int_equal(plot_sweep_load(&w, dir, &err), 0);
	chart_title("sweep_lines", &ws, title, sizeof title);
	assert_string_equal(title, "Customer council is significantly worse than siloed on margin at 2 of 9 values of "
				   "handoff delay");
	plot_sweep_free(&w);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- issue 13: the objective, honest gaps, contrasts, labels ---- */

static void test_headline_best_on_objective(void **state)
{
	(void)state;
	static const char *const fixtures[] = {"results-small", "results-many", "results-objective", "results-tie"};
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG, NULL);
	for (size_t f = 0; f < sizeof fixtures / sizeof *fixtures; f++) {
		char dir[256], title[1024];
		snprintf(dir, sizeof dir, DATA "/%s", fixtures[f]);
		struct plot_results r;
		assert_int_equal(plot_results_load(&r, dir, &err), 0);
		/* the best on margin from the table itself, and the cheapest */
		size_t best = 0, cheapest = 0;
		for (size_t s = 1; s < r.n_scen; s++) {
			if (plot_results_get(&r, s, "margin").mean > plot_results_get(&r, best, "margin").mean)
				best = s;
			if (plot_results_get(&r, s, "cost.total").mean < plot_results_get(&r, cheapest, "cost.total").mean)
				cheapest = s;
		}
		assert_int_equal(plot_headline_scenario(&r), best);
		struct chart_inputs in = {.res = &r, .opt = &o};
		for (int k = 0; k < 2; k++) {
			chart_title(k ? "kpi_comparison" : "board_summary", &in, title, sizeof title);
			if (strncmp(title, r.label[best], strlen(r.label[best])) != 0) {
				print_error("%s: title '%s' does not open with '%s'\n", fixtures[f], title, r.label[best]);
				fail();
			}
			assert_false(has(title, "beats"));
		}
		if (strcmp(fixtures[f], "results-objective") == 0) {
			/* the cheapest model is not the best, and the title says who is */
			assert_true(cheapest != best);
			assert_string_equal(r.scen[cheapest], "cio_led");
			assert_true(has(title, "is best on margin, "));
			assert_true(has(title, "ahead of customer council (95% interval "));
			assert_false(has(title, "CIO led"));
		}
		if (strcmp(fixtures[f], "results-tie") == 0) {
			/* run.json has no ranking: paired from replications.csv, not significant */
			assert_int_equal(r.rank_declared, 0);
			assert_int_equal(r.rank[0].significant, 0);
			assert_true(r.rank[0].gap.lo < 0 && r.rank[0].gap.hi > 0);
			assert_true(has(title, "cannot be told apart on margin"));
			assert_false(has(title, "best on") || has(title, "beats") || has(title, "wins"));
		}
		plot_results_free(&r);
	}
	/* the ranking computed from replications.csv agrees with run.json's */
	char dir[256];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(test_run(NULL, "cp " DATA "/results-objective/*.csv '%s/' && "
				  "grep -v -e ranking -e objective '" DATA "/results-objective/run.json' > /dev/null; "
				  "python3 -c \"import json,sys; d=json.load(open('" DATA "/results-objective/run.json')); "
				  "[d.pop(k) for k in ('ranking','objective','assumptions','warnings','interval_note')]; "
				  "json.dump(d, open(sys.argv[1] + '/run.json', 'w'))\" '%s'",
				  dir, dir),
			 0);
	struct plot_results a, b;
	assert_int_equal(plot_results_load(&a, DATA "/results-objective", &err), 0);
	assert_int_equal(plot_results_load(&b, dir, &err), 0);
	assert_int_equal(a.rank_declared, 1);
	assert_int_equal(b.rank_declared, 0);
	assert_int_equal(a.n_rank, b.n_rank);
	for (size_t k = 0; k < a.n_rank; k++) {
		assert_int_equal(a.rank[k].scen, b.rank[k].scen);
		if (k + 1 < a.n_rank) {
			assert_true(fabs(a.rank[k].gap.mean - b.rank[k].gap.mean) < 1e-3 * fabs(a.rank[k].gap.mean));
			assert_true(fabs(a.rank[k].gap.lo - b.rank[k].gap.lo) < 1e-3 * fabs(a.rank[k].gap.mean));
			assert_int_equal(a.rank[k].significant, b.rank[k].significant);
		}
	}
	plot_results_free(&a);
	plot_results_free(&b);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_board_facts(void **state)
{
	(void)state;
	char dir[256], path[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/board.pdf", dir);
	options(&o, CHART_PDF, NULL);
	assert_int_equal(charts_render_results(DATA "/results-objective", dir, path, &o, &err), 0);
	const char *board[] = {"Objective: margin, higher is better",
			       "14 of 20 key assumptions are illustrative defaults",
			       "simulation noise only (replications), not uncertainty in the assumptions",
			       "Chief customer officer \xE2\x9A\xA0",
			       "Chief customer officer \xE2\x9A\xA0: contact centre saturated from about day 800: results "
			       "depend on the horizon."};
	assert_pdf(path, board, sizeof board / sizeof *board);
	/* every chart that names the scenario marks it and says why */
	static const char *const others[] = {"kpi_comparison", "cost_breakdown", "cost_vs_experience"};
	for (size_t k = 0; k < sizeof others / sizeof *others; k++) {
		snprintf(path, sizeof path, "%s/%s.pdf", dir, others[k]);
		assert_pdf(path, board + 4, 1);
	}
	/* an older folder: the default objective named as such, no count, no mark */
	snprintf(path, sizeof path, "%s/board-small.pdf", dir);
	assert_int_equal(charts_render_results(DATA "/results-small", NULL, path, &o, &err), 0);
	const char *small[] = {"Objective: margin, higher is better (the default)", "simulation noise only"};
	assert_pdf(path, small, 2);
	char *text = run_text("pdftotext -q '%s' -", path);
	assert_non_null(text);
	assert_null(strstr(text, "key assumptions"));
	assert_null(strstr(text, "\xE2\x9A\xA0"));
	free(text);
	test_run(NULL, "rm -rf '%s'", dir);
}

struct bands {
	size_t n;
	size_t s[64], p[64];
	struct plot_rect r[64];
};

static void bands_collect(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	struct bands *b = user;
	if (strcmp(what, "sweep.band") == 0 && b->n < 64) {
		b->s[b->n] = i;
		b->p[b->n] = j;
		b->r[b->n++] = *r;
	}
}

static void test_contrast_lines(void **state)
{
	(void)state;
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG, "sweep_lines");
	/* against the baseline: diffs.csv read directly, either way round */
	struct plot_sweep w;
	assert_int_equal(plot_sweep_load(&w, DATA "/sweep-1d", &err), 0);
	int m = plot_sweep_metric(&w, "margin");
	struct plot_contrast c;
	snprintf(o.contrast_a, sizeof o.contrast_a, "customer_council");
	snprintf(o.contrast_b, sizeof o.contrast_b, "siloed");
	assert_int_equal(plot_sweep_contrast(&w, &o, m, &c, &err), 0);
	assert_int_equal(c.is_contrast, 1);
	for (size_t p = 0; p < w.n_points; p++)
		assert_true(c.d[p].mean == plot_sweep_at(w.diff, &w, p, 1, (size_t)m)->mean &&
			    c.d[p].lo == plot_sweep_at(w.diff, &w, p, 1, (size_t)m)->lo);
	free(c.d);
	snprintf(o.contrast_a, sizeof o.contrast_a, "siloed");
	snprintf(o.contrast_b, sizeof o.contrast_b, "customer_council");
	assert_int_equal(plot_sweep_contrast(&w, &o, m, &c, &err), 0);
	for (size_t p = 0; p < w.n_points; p++)
		assert_true(c.d[p].mean == -plot_sweep_at(w.diff, &w, p, 1, (size_t)m)->mean &&
			    c.d[p].lo == -plot_sweep_at(w.diff, &w, p, 1, (size_t)m)->hi);
	free(c.d);
	snprintf(o.contrast_a, sizeof o.contrast_a, "cco");
	assert_int_equal(plot_sweep_contrast(&w, &o, m, &c, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_non_null(strstr(err.msg, "contrast cco-customer_council: the first is not a scenario"));
	plot_sweep_free(&w);

	/* neither is the baseline: the manifest's contrast, paired from results.csv */
	options(&o, CHART_PNG | CHART_PDF, "sweep_lines");
	assert_int_equal(plot_sweep_load(&w, DATA "/sweep-contrast", &err), 0);
	m = plot_sweep_metric(&w, "margin");
	assert_int_equal(plot_sweep_contrast(&w, &o, m, &c, &err), 0);
	assert_int_equal(c.a, 2);
	assert_int_equal(c.b, 1);
	for (size_t p = 0; p < w.n_points; p++) {
		const struct plot_stat *a = plot_sweep_at(w.summary, &w, p, 2, (size_t)m);
		const struct plot_stat *b = plot_sweep_at(w.summary, &w, p, 1, (size_t)m);
		/* the difference of the means, and an interval narrower than the two
		 * bands side by side: paired, not each scenario's own */
		assert_true(fabs(c.d[p].mean - (a->mean - b->mean)) < 1e-6 * fabs(a->mean));
		assert_true(c.d[p].hi - c.d[p].lo < 0.8 * ((a->hi - a->lo) + (b->hi - b->lo)));
		assert_int_equal(c.d[p].n, 10);
	}
	struct bands *bd = calloc(1, sizeof *bd);
	assert_non_null(bd);
	struct chart_inputs in = {.sweep = &w, .opt = &o};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("sweep_lines"), &in, 960, 540, bands_collect, bd, &img, &err),
			 0);
	/* one band, the paired difference, as tall as its interval */
	assert_int_equal(bd->n, w.n_points);
	double h0 = bd->r[0].h / (c.d[bd->p[0]].hi - c.d[bd->p[0]].lo);
	for (size_t k = 0; k < bd->n; k++) {
		assert_int_equal(bd->s[k], 0);
		double ratio = bd->r[k].h / (c.d[bd->p[k]].hi - c.d[bd->p[k]].lo);
		assert_true(fabs(ratio - h0) < 1e-6 * h0);
		/* the band is drawn: tinted in the CCO's colour between its edge and the line */
		uint32_t px = pixel(img, (int)lround(bd->r[k].x + (k + 1 < bd->n ? 6 : -6)),
				    (int)lround(bd->r[k].y + bd->r[k].h * 0.2));
		struct plot_rgb col = plot_scenario_colour(2);
		int r = (int)(px >> 16 & 0xFF), g = (int)(px >> 8 & 0xFF), b = (int)(px & 0xFF);
		assert_false(r == 255 && g == 255 && b == 255);
		assert_true((g - r) * (col.g - col.r) >= 0); /* the same hue side as the scenario's colour */
	}
	cairo_surface_destroy(img);
	free(bd);
	free(c.d);
	/* the PDF says what the band is; labels from the manifest */
	char dir[256], path[400];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(charts_render_sweep(DATA "/sweep-contrast", dir, &o, &err), 0);
	snprintf(path, sizeof path, "%s/sweep_lines.pdf", dir);
	const char *texts[] = {"Margin difference, chief customer officer minus customer council",
			       "Line: mean paired difference, chief customer officer minus customer council",
			       "band: its 95% confidence interval, simulation noise only", "no difference",
			       "Handoff delay at a boundary, days",
			       "Chief customer officer is significantly better than customer council on margin"};
	assert_pdf(path, texts, sizeof texts / sizeof *texts);
	/* a plot option overrides the manifest: the metric and the pair */
	snprintf(o.metric, sizeof o.metric, "experience.mean");
	snprintf(o.contrast_a, sizeof o.contrast_a, "customer_council");
	snprintf(o.contrast_b, sizeof o.contrast_b, "siloed");
	assert_int_equal(charts_render_sweep(DATA "/sweep-contrast", dir, &o, &err), 0);
	const char *over[] = {"Experience difference, customer council minus siloed"};
	assert_pdf(path, over, 1);
	plot_sweep_free(&w);
	/* neither is the baseline and no replications: refused, saying why */
	assert_int_equal(test_run(NULL, "cp " DATA "/sweep-contrast/* '%s/' && rm '%s/results.csv'", dir, dir), 0);
	options(&o, CHART_PNG, "sweep_lines");
	snprintf(path, sizeof path, "%s/charts", dir);
	assert_int_equal(charts_render_sweep(dir, path, &o, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_non_null(strstr(err.msg, "contrast chief_customer_officer-customer_council: neither is the baseline and "
					"results.csv (the replications) is missing"));
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_contrast_heatmap_tornado(void **state)
{
	(void)state;
	char title[1024];
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG, "sweep_heatmap");
	struct plot_sweep w;
	assert_int_equal(plot_sweep_load(&w, DATA "/sweep-2d", &err), 0);
	struct chart_inputs in = {.sweep = &w, .opt = &o};
	snprintf(o.metric, sizeof o.metric, "margin");
	chart_title("sweep_heatmap", &in, title, sizeof title);
	char plain[1024];
	snprintf(plain, sizeof plain, "%s", title);
	/* the contrast against the baseline is the default difference; turned round, its mirror */
	snprintf(o.contrast_a, sizeof o.contrast_a, "customer_council");
	snprintf(o.contrast_b, sizeof o.contrast_b, "siloed");
	chart_title("sweep_heatmap", &in, title, sizeof title);
	assert_string_equal(title, plain);
	snprintf(o.contrast_a, sizeof o.contrast_a, "siloed");
	snprintf(o.contrast_b, sizeof o.contrast_b, "customer_council");
	chart_title("sweep_heatmap", &in, title, sizeof title);
	assert_true(has(title, "Siloed is significantly better than customer council on margin at 10 of 20 points"));
	assert_true(has(title, "worse at 9"));
	plot_sweep_free(&w);

	/* the tornado of the decision: tornado.csv's rows "A-B", labels from the manifest */
	options(&o, CHART_PNG, "tornado");
	assert_int_equal(plot_sweep_load(&w, DATA "/sweep-oat-contrast", &err), 0);
	in.sweep = &w;
	chart_title("tornado", &in, title, sizeof title);
	assert_true(has(title, "Customer council vs siloed, margin: handoff delay at a boundary flips the lead"));
	assert_true(has(title, "\xE2\x88\x92\xE2\x82\xAC" "1.7M at 0.5"));
	char dir[256], path[400];
	test_tmpdir(dir, sizeof dir);
	options(&o, CHART_PDF, "tornado");
	assert_int_equal(charts_render_sweep(DATA "/sweep-oat-contrast", dir, &o, &err), 0);
	snprintf(path, sizeof path, "%s/tornado.pdf", dir);
	const char *texts[] = {"Margin difference, customer council minus siloed", "Contact centre seats",
			       "20 to 28 seats", "no difference", "Bars: the paired difference of the two models"};
	assert_pdf(path, texts, sizeof texts / sizeof *texts);
	/* an option overrides the manifest: the level of one model again */
	snprintf(o.metric, sizeof o.metric, "experience.mean");
	snprintf(o.contrast_a, sizeof o.contrast_a, "customer_council");
	snprintf(o.contrast_b, sizeof o.contrast_b, "siloed");
	in.opt = &o;
	chart_title("tornado", &in, title, sizeof title);
	assert_true(has(title, "Customer council vs siloed, experience: "));
	plot_sweep_free(&w);
	/* a sweep without the contrast's rows: refused, saying how to get them */
	assert_int_equal(charts_render_sweep(DATA "/sweep-oat", dir, &o, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_non_null(strstr(err.msg, "tornado.csv has no rows for the contrast customer_council-siloed"));
	/* labels fall back to the key names without a manifest label */
	options(&o, CHART_PDF, "tornado");
	assert_int_equal(charts_render_sweep(DATA "/sweep-oat", dir, &o, &err), 0);
	const char *old[] = {"Handoff delay", "0.5 to 3.0"};
	assert_pdf(path, old, 2);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- the explain waterfall (chart type "explain") ---- */

/* Every mark of the waterfall, in drawing order. */
struct explain_marks {
	size_t n;
	char what[32][24];
	struct plot_rect r[32];
};

static void explain_probe(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	(void)j;
	struct explain_marks *m = user;
	if (strncmp(what, "explain.", 8) == 0 && m->n < 32 && i == m->n) {
		snprintf(m->what[m->n], sizeof m->what[m->n], "%s", what + 8);
		m->r[m->n++] = *r;
	}
}

static void explain_draw(const struct plot_explain *e, const char *metric, struct explain_marks *m, char *title,
			 size_t len)
{
	struct chart_options o;
	options(&o, CHART_PNG, NULL);
	struct chart_inputs in = {.opt = &o, .explain = e, .metric = metric};
	struct js_error err = {0};
	cairo_surface_t *img = NULL;
	memset(m, 0, sizeof *m);
	assert_int_equal(plot_render_image(chart_type_find("explain"), &in, 960, 540, explain_probe, m, &img, &err), 0);
	cairo_surface_destroy(img);
	chart_title("explain", &in, title, len);
}

/* The steps chain from B to A: each starts where the one before ended, the
 * last ends where A's bar does, and their heights are their contributions
 * on one scale. */
static void assert_steps_add_up(const struct plot_explain *e, const char *metric, const struct explain_marks *m)
{
	assert_true(m->n >= 3);
	assert_string_equal(m->what[0], "start");
	size_t end = 0;
	for (size_t k = 1; k < m->n; k++)
		if (strcmp(m->what[k], "end") == 0)
			end = k;
	assert_true(end >= 2);
	double at = m->r[0].y, scale = NAN;
	size_t part = 0;
	for (size_t k = 1; k < end; k++) {
		assert_true(fabs(m->r[k].y - at) < 1e-6);
		at = m->r[k].y + m->r[k].h;
		if (strcmp(m->what[k], "part") != 0)
			continue;
		/* the k-th part row of the metric in the file */
		size_t seen = 0;
		for (size_t i = 0; i < e->n_rows; i++) {
			const struct plot_explain_row *row = &e->row[i];
			if (strcmp(row->metric, metric) != 0 || !strcmp(row->part, "total") || !strcmp(row->part, "interaction"))
				continue;
			if (seen++ == part) {
				double s = m->r[k].h / row->c.mean;
				if (isnan(scale))
					scale = s;
				assert_true(fabs(s - scale) < 1e-6 * fabs(scale));
			}
		}
		part++;
	}
	/* A's bar: from B's level (or foot) to where the steps ended */
	assert_true(fabs(m->r[end].y + m->r[end].h - at) < 1e-6);
	assert_true(fabs(m->r[end].y - m->r[0].y) < 1e-6);
}

static const char *const explain_dirs[] = {"explain-significant", "explain-ns", "explain-interaction",
					   "explain-seven", "explain-one"};
static const char *const explain_parts[] = {"Stage owners", "Journey owner", "Technology per stage",
					    "Systems and integrations", "Governance", "Policy foci", "Company settings"};

static void test_explain_steps_add_up(void **state)
{
	(void)state;
	struct js_error err = {0};
	struct explain_marks m;
	char title[1024];
	for (size_t d = 0; d < sizeof explain_dirs / sizeof *explain_dirs; d++) {
		char dir[256];
		snprintf(dir, sizeof dir, DATA "/%s", explain_dirs[d]);
		struct plot_explain e;
		assert_int_equal(plot_explain_load(&e, dir, &err), 0);
		for (int k = 0; k < 2; k++) {
			const char *metric = k ? "experience.mean" : "margin";
			explain_draw(&e, metric, &m, title, sizeof title);
			assert_steps_add_up(&e, metric, &m);
			/* Shapley values already hold the interaction: never a step of the bridge */
			for (size_t i = 0; i < m.n; i++)
				assert_string_not_equal(m.what[i], "interaction");
		}
		plot_explain_free(&e);
	}
	/* contributions that leave the interaction out get it as a step, and the bridge still closes */
	struct plot_explain e;
	assert_int_equal(plot_explain_load(&e, DATA "/explain-interaction", &err), 0);
	for (size_t i = 0; i < e.n_rows; i++)
		if (!strcmp(e.row[i].metric, "margin") && !strcmp(e.row[i].part, "systems"))
			e.row[i].c.mean -= 780000, e.row[i].c.lo -= 780000, e.row[i].c.hi -= 780000;
	explain_draw(&e, "margin", &m, title, sizeof title);
	assert_steps_add_up(&e, "margin", &m);
	assert_string_equal(m.what[4], "interaction");
	assert_string_equal(m.what[5], "end");
	/* a file that does not add up gets a step saying so, and closes */
	for (size_t i = 0; i < e.n_rows; i++)
		if (!strcmp(e.row[i].metric, "margin") && !strcmp(e.row[i].part, "total"))
			e.row[i].c.mean += 250000;
	explain_draw(&e, "margin", &m, title, sizeof title);
	assert_steps_add_up(&e, "margin", &m);
	assert_string_equal(m.what[4], "rest");
	assert_string_equal(m.what[5], "end");
	/* without B's level the bridge starts at 0; with it, at B's level: A's bar ends at A's level */
	plot_explain_free(&e);
	assert_int_equal(plot_explain_load(&e, DATA "/explain-significant", &err), 0);
	const struct plot_explain_level *lv = plot_explain_levels(&e, "experience");
	assert_non_null(lv);
	assert_true(fabs(lv->a - 7.8) < 1e-12 && fabs(lv->b - 7.5928) < 1e-12);
	assert_null(plot_explain_levels(&e, "revenue.total"));
	plot_explain_free(&e);
}

/* The part a title names, or NULL. */
static const char *named_part(const char *title)
{
	const char *first = NULL;
	for (size_t i = 0; i < sizeof explain_parts / sizeof *explain_parts; i++) {
		const char *p = strstr(title, explain_parts[i]);
		/* "Governance" is not named by "Governance and ..." of another label: labels differ in full */
		if (p && (!first || p < strstr(title, first)))
			first = explain_parts[i];
	}
	return first;
}

static void test_explain_titles(void **state)
{
	(void)state;
	struct js_error err = {0};
	struct explain_marks m;
	char title[1024];
	static const struct {
		const char *dir, *metric, *want;
	} cases[] = {
		{"explain-significant", "margin",
		 "Systems and integrations explain most of customer council's margin gain over siloed: +\xE2\x82\xAC"
		 "1.2M/year (95% interval \xE2\x82\xAC" "0.8M to \xE2\x82\xAC" "1.7M)"},
		{"explain-significant", "experience.mean",
		 "Systems and integrations are the largest part of customer council's experience gain over siloed: +0.09 "
		 "points (95% interval 0.07 to 0.12)"},
		/* the largest contribution (company settings) is not significant: never named */
		{"explain-seven", "margin", "Systems and integrations are the largest part of customer council's margin gain "
					    "over CMO shadow IT: +\xE2\x82\xAC" "620k/year"},
		{"explain-interaction", "experience.mean", "Stage owners explain more than all of CIO led's experience loss over siloed: "
							   "\xE2\x88\x92" "0.081 points"},
		{"explain-interaction", "margin", "Systems and integrations explain most of CIO led's margin gain"},
		{"explain-one", "margin", "Governance explains all of customer council's margin gain over chief customer officer"},
		{"explain-one", "experience.mean", "Governance explains all of customer council's experience loss"},
		/* nothing significant: no cause */
		{"explain-ns", "margin", "Chief customer officer and siloed cannot be told apart on margin, and no part's "
					 "contribution is significant"},
		{"explain-ns", "experience.mean", "No single part significantly explains chief customer officer's experience "
						  "gain over siloed of +0.38 points (95% interval 0.35 to 0.41)"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		char dir[256];
		snprintf(dir, sizeof dir, DATA "/%s", cases[c].dir);
		struct plot_explain e;
		assert_int_equal(plot_explain_load(&e, dir, &err), 0);
		explain_draw(&e, cases[c].metric, &m, title, sizeof title);
		if (!has(title, cases[c].want)) {
			print_error("%s %s: title '%s'\n  wanted '%s'\n", cases[c].dir, cases[c].metric, title, cases[c].want);
			fail();
		}
		/* a part named is significant and the largest significant one */
		const char *p = named_part(title);
		double best = 0;
		int named_sig = 0;
		for (size_t i = 0; i < e.n_rows; i++) {
			const struct plot_explain_row *r = &e.row[i];
			char label[128];
			if (strcmp(r->metric, cases[c].metric) != 0)
				continue;
			plot_explain_part_label(label, sizeof label, r->part);
			if (plot_significant(&r->c) && strcmp(r->part, "total") && strcmp(r->part, "interaction"))
				best = fmax(best, fabs(r->c.mean));
			if (p && !strcmp(label, p)) {
				named_sig = plot_significant(&r->c);
				assert_true(fabs(r->c.mean) >= best - 1e-9 || !named_sig);
			}
		}
		if (p) {
			assert_true(named_sig);
			for (size_t i = 0; i < e.n_rows; i++) {
				char label[128];
				if (!strcmp(e.row[i].metric, cases[c].metric) &&
				    !strcmp(plot_explain_part_label(label, sizeof label, e.row[i].part), p))
					assert_true(fabs(fabs(e.row[i].c.mean) - best) < 1e-9);
			}
		}
		if (!strcmp(cases[c].dir, "explain-ns"))
			assert_null(p);
		plot_explain_free(&e);
	}
	/* a part larger than the whole gap (others pull the other way) */
	struct plot_explain e;
	assert_int_equal(plot_explain_load(&e, DATA "/explain-interaction", &err), 0);
	for (size_t i = 0; i < e.n_rows; i++)
		if (!strcmp(e.row[i].metric, "margin") && !strcmp(e.row[i].part, "stage_owners"))
			e.row[i].c = (struct plot_stat){-700000, -900000, -500000, NAN, 20};
		else if (!strcmp(e.row[i].metric, "margin") && !strcmp(e.row[i].part, "systems"))
			e.row[i].c = (struct plot_stat){1540000, 1200000, 1880000, NAN, 20};
	explain_draw(&e, "margin", &m, title, sizeof title);
	assert_true(has(title, "Systems and integrations explain more than all of CIO led's margin gain"));
	assert_steps_add_up(&e, "margin", &m);
	plot_explain_free(&e);
}

static void test_explain_render(void **state)
{
	(void)state;
	char dir[256], path[512], cmd[1024];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	/* every format, both metrics; the axis says whether it shows levels or the difference to B */
	options(&o, CHART_ALL_FORMATS, NULL);
	assert_int_equal(charts_render_explain(DATA "/explain-significant", dir, &o, &err), 0);
	static const char *const stems[] = {"explain_margin", "explain_experience"};
	for (int s = 0; s < 2; s++)
		for (int f = 0; f < 3; f++) {
			snprintf(path, sizeof path, "%s/%s.%s", dir, stems[s], exts[f]);
			assert_true(exists_nonempty(path));
		}
	assert_int_equal(hidden_files(dir), 0);
	snprintf(path, sizeof path, "%s/explain_margin.pdf", dir);
	const char *levels[] = {"Margin, EUR million/year", "Siloed", "Customer council", "Systems and integrations",
				"Of which: parts acting together", "n.s.", "Shapley values over 4 parts, all 16 subsets"};
	assert_pdf(path, levels, sizeof levels / sizeof *levels);
	snprintf(path, sizeof path, "%s/explain_margin.png", dir);
	cairo_surface_t *png = load_png(path);
	assert_non_null(png);
	assert_int_equal(cairo_image_surface_get_width(png), 1920);
	cairo_surface_destroy(png);
	/* degenerate inputs draw a readable page: one part, nothing significant */
	options(&o, CHART_PDF, "explain");
	assert_int_equal(charts_render_explain(DATA "/explain-one", dir, &o, &err), 0);
	snprintf(path, sizeof path, "%s/explain_margin.pdf", dir);
	const char *one[] = {"Margin difference to chief customer officer, EUR million/year", "Governance", "reference"};
	assert_pdf(path, one, sizeof one / sizeof *one);
	assert_int_equal(charts_render_explain(DATA "/explain-ns", dir, &o, &err), 0);
	snprintf(path, sizeof path, "%s/explain_experience.pdf", dir);
	const char *ns[] = {"Experience difference to siloed", "n.s.", "Journey owner", "Policy foci"};
	assert_pdf(path, ns, sizeof ns / sizeof *ns);
	/* a metric without rows: a note, not a crash */
	struct plot_explain e;
	assert_int_equal(plot_explain_load(&e, DATA "/explain-ns", &err), 0);
	struct explain_marks m;
	char title[1024];
	explain_draw(&e, "cost.total", &m, title, sizeof title);
	assert_true(has(title, "explain.csv has no decomposition of cost"));
	plot_explain_free(&e);
	/* errors: no explain.csv; a chart of another folder */
	assert_int_equal(charts_render_explain(DATA "/results-small", dir, &o, &err), -1);
	assert_int_equal(err.code, EX_NOINPUT);
	options(&o, CHART_PDF, "tornado");
	assert_int_equal(charts_render_explain(DATA "/explain-ns", dir, &o, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	options(&o, CHART_PDF, "explain");
	assert_int_equal(charts_render_results(DATA "/results-small", dir, NULL, &o, &err), -1);
	assert_true(has(err.msg, "drawn from an explain folder"));

	/* `journeysim plot` redraws an explain folder: its charts, no board page */
	snprintf(cmd, sizeof cmd, "cp -r " DATA "/explain-seven '%s/ex' && %s plot '%s/ex' --format png", dir, test_bin(),
		 dir);
	assert_int_equal(test_run(NULL, "%s", cmd), 0);
	snprintf(path, sizeof path, "%s/ex/charts/explain_margin.png", dir);
	assert_true(exists_nonempty(path));
	snprintf(path, sizeof path, "%s/ex/charts/explain_experience.png", dir);
	assert_true(exists_nonempty(path));
	snprintf(path, sizeof path, "%s/ex/board.pdf", dir);
	assert_false(exists_nonempty(path));
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_chart_table(void **state)
{
	(void)state;
	assert_int_equal(chart_type_count, 11 + 3 + 5); /* + periods, payback, debt_defects; + the decide folder's five (test_charts_decide.c) */
	for (size_t i = 0; i < chart_type_count; i++) {
		assert_ptr_equal(chart_type_find(chart_types[i].name), &chart_types[i]);
		assert_non_null(chart_types[i].draw);
		assert_non_null(chart_types[i].title);
	}
	assert_null(chart_type_find("pie"));
	/* the theme never goes below 14 pt */
	for (int f = 0; f < PLOT_FONT_COUNT; f++)
		assert_true(plot_theme.font[f].size >= 14);
}

/* LeakSanitizer: fontconfig keeps its configuration for the life of the
 * process (FcFini would free it, but fontconfig is not linked directly).
 * Everything else must be freed. Unused in builds without sanitizers. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_table),
		cmocka_unit_test(test_explain_steps_add_up),
		cmocka_unit_test(test_explain_titles),
		cmocka_unit_test(test_explain_render),
		cmocka_unit_test(test_nice_ticks),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_metric_labels),
		cmocka_unit_test(test_readers),
		cmocka_unit_test(test_svg_renumber),
		cmocka_unit_test(test_titles_claim_only_significant),
		cmocka_unit_test(test_diverging_centred),
		cmocka_unit_test(test_heatmap_all_worse),
		cmocka_unit_test(test_titles_either_direction),
		cmocka_unit_test(test_headline_best_on_objective),
		cmocka_unit_test(test_board_facts),
		cmocka_unit_test(test_contrast_lines),
		cmocka_unit_test(test_contrast_heatmap_tornado),
		cmocka_unit_test(test_results_every_format),
		cmocka_unit_test(test_sweeps_every_format),
		cmocka_unit_test(test_png_size_and_bar),
		cmocka_unit_test(test_png_reference),
		cmocka_unit_test(test_board_holds_eight),
		cmocka_unit_test(test_board_whole_with_warnings),
		cmocka_unit_test(test_pdf_same_bytes),
		cmocka_unit_test(test_svg_same_bytes_in_process),
		cmocka_unit_test(test_one_scenario_one_replication),
		cmocka_unit_test(test_zero_variance_nan_missing),
		cmocka_unit_test(test_summary_only),
		cmocka_unit_test(test_empty_sweep),
		cmocka_unit_test(test_errors),
	};
	int failed = cmocka_run_group_tests_name("charts", tests, NULL, NULL);
	/* let the leak checker see only our memory: drop the font caches */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	return failed;
}
