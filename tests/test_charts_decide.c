/*
 * test_charts_decide.c - the charts of a decide folder (plots/decide_data.c,
 * chart_decision_best.c, chart_decision_ranks.c, chart_acceptability.c,
 * chart_evppi.c, board_decide.c; charts_render_decide in chart.h).
 *
 * From the hand-made folders tests/data/decide (seven models, twenty
 * parameters, two groups), decide-split (no model best in most worlds, a
 * noisy run), decide-clear (one model best in every world) and
 * decide-twelve (twelve models, a long name), written by
 * tests/data/decide/make_fixture.py: every chart renders to PNG, PDF and SVG
 * with the same bytes twice; the PDFs carry the answer and every parameter's
 * whole label; bars are as long as their probabilities; a missing file is
 * EX_NOINPUT naming it; the title says "best in most" / "no model" / "wins"
 * exactly at its thresholds; `journeysim plot` knows a decide folder.
 */
#include "testutil.h"

#include <math.h>

#include <cairo.h>

#include "../plots/plot.h"
#include "chart.h"

#define DATA "tests/data"

static const char *const decide_charts[] = {"decision_best", "decision_ranks", "acceptability", "evppi"};
static const char *const exts[] = {"png", "pdf", "svg"};
static const char *const decide_files[] = {"decision.csv", "ranks.csv", "acceptability.csv", "evppi.csv",
					   "manifest.json"};

static void options(struct chart_options *o, unsigned formats)
{
	chart_options_defaults(o);
	o->formats = formats;
	o->created = 0;
}

static int exists_nonempty(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0;
}

/* pdftotext of a file, blanks squeezed (it breaks lines where the layout does). */
static char *pdf_text(const char *path)
{
	char *out = NULL;
	if (test_run(&out, "pdftotext -q '%s' -", path) != 0) {
		free(out);
		return NULL;
	}
	char *o = out, *s = out;
	int blank = 0;
	for (; *s; s++) {
		int b = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\f';
		if (b && blank)
			continue;
		*o++ = b ? ' ' : *s;
		blank = b;
	}
	*o = 0;
	return out;
}

static void assert_pdf_has(const char *path, const char *const *texts, size_t n)
{
	char *info = NULL;
	assert_int_equal(test_run(&info, "pdfinfo '%s'", path), 0);
	assert_non_null(strstr(info, "Pages:           1\n"));
	assert_non_null(strstr(info, "Page size:       960 x 540 pts"));
	free(info);
	char *text = pdf_text(path);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		if (!strstr(text, texts[i])) {
			print_error("%s: '%s' not found in:\n%s\n", path, texts[i], text);
			fail();
		}
	free(text);
}

static void render(const char *src, const char *out, unsigned formats)
{
	char charts[512], board[512];
	struct chart_options o;
	struct js_error err = {0};
	options(&o, formats);
	snprintf(charts, sizeof charts, "%s/charts", out);
	snprintf(board, sizeof board, "%s/board.pdf", out);
	if (charts_render_decide(src, charts, board, &o, &err) != 0) {
		print_error("charts_render_decide(%s): %s\n", src, err.msg);
		fail();
	}
}

/* ---- every chart, every format, the same bytes twice ---- */

static void test_every_format_twice(void **state)
{
	(void)state;
	char a[256], b[256], pa[512], pb[512];
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	render(DATA "/decide", a, CHART_ALL_FORMATS);
	render(DATA "/decide", b, CHART_ALL_FORMATS);
	for (size_t i = 0; i < sizeof decide_charts / sizeof *decide_charts; i++)
		for (int f = 0; f < 3; f++) {
			snprintf(pa, sizeof pa, "%s/charts/%s.%s", a, decide_charts[i], exts[f]);
			snprintf(pb, sizeof pb, "%s/charts/%s.%s", b, decide_charts[i], exts[f]);
			if (!exists_nonempty(pa) || !test_same_file(pa, pb)) {
				print_error("%s missing or not the same bytes as %s\n", pa, pb);
				fail();
			}
		}
	snprintf(pa, sizeof pa, "%s/board.pdf", a);
	snprintf(pb, sizeof pb, "%s/board.pdf", b);
	assert_true(exists_nonempty(pa));
	assert_true(test_same_file(pa, pb));
	/* the board is board.pdf, not a file of charts/ */
	snprintf(pb, sizeof pb, "%s/charts/decision_board.png", a);
	assert_false(exists_nonempty(pb));
	test_run(NULL, "rm -rf '%s' '%s'", a, b);
}

/* ---- what the pages say ---- */

static void test_pdf_text(void **state)
{
	(void)state;
	char dir[256], path[512];
	test_tmpdir(dir, sizeof dir);
	render(DATA "/decide", dir, CHART_PDF);
	static const char *const best[] = {"Customer council is best in 63% of plausible worlds, chief customer officer in 37%",
					   "Marketing technologist", "Expected loss", "128 worlds",
					   "€20.8M (€18.0M to €23.0M)"};
	snprintf(path, sizeof path, "%s/charts/decision_best.pdf", dir);
	assert_pdf_has(path, best, sizeof best / sizeof *best);
	/* all twenty parameters, each label whole, and the groups */
	static const char *const ev[] = {"What to measure before deciding: relief from a journey owner or council",
					 "Changes at once per delivery team (IT platform)",
					 "Lead-threshold shift (revenue focus)", "Integration debt growth",
					 "Group: handoffs", "Group: governance", "EVPI €255k"};
	snprintf(path, sizeof path, "%s/charts/evppi.pdf", dir);
	assert_pdf_has(path, ev, sizeof ev / sizeof *ev);
	char *text = pdf_text(path);
	assert_null(strstr(text, "Showing the")); /* nothing left out */
	free(text);
	static const char *const acc[] = {"objective: €200k per point", "Weight of experience, EUR million/year per point",
					  "Customer council is the most likely best at €200k per point (the objective); chief customer "
					  "officer from €1.6M per point on"};
	snprintf(path, sizeof path, "%s/charts/acceptability.pdf", dir);
	assert_pdf_has(path, acc, sizeof acc / sizeof *acc);
	static const char *const rk[] = {"1st", "7th", "Mean rank", "78%"};
	snprintf(path, sizeof path, "%s/charts/decision_ranks.pdf", dir);
	assert_pdf_has(path, rk, sizeof rk / sizeof *rk);
	static const char *const board[] = {"Customer council is best in 63% of plausible worlds",
					    "128 worlds × 4 replications", "20 uncertain assumptions",
					    "Rank probabilities", "What to measure before deciding"};
	snprintf(path, sizeof path, "%s/board.pdf", dir);
	assert_pdf_has(path, board, sizeof board / sizeof *board);
	text = pdf_text(path);
	assert_null(strstr(text, "Simulation noise is")); /* manifest: noise_warning false */
	free(text);
	test_run(NULL, "rm -rf '%s'", dir);

	/* the noisy run's board warns */
	test_tmpdir(dir, sizeof dir);
	render(DATA "/decide-split", dir, CHART_PDF);
	static const char *const noisy[] = {"Simulation noise is 41% of the spread across worlds"};
	snprintf(path, sizeof path, "%s/board.pdf", dir);
	assert_pdf_has(path, noisy, 1);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- the title's thresholds ---- */

static void title_of(const char *dir, char *buf, size_t len)
{
	struct plot_decide d;
	struct js_error err = {0};
	assert_int_equal(plot_decide_load(&d, dir, &err), 0);
	plot_decide_title(&d, buf, len);
	plot_decide_free(&d);
}

static void test_titles(void **state)
{
	(void)state;
	char t[512];
	title_of(DATA "/decide", t, sizeof t);
	assert_string_equal(t, "Customer council is best in 63% of plausible worlds, chief customer officer in 37%");
	title_of(DATA "/decide-split", t, sizeof t);
	assert_string_equal(t, "No model is best in most plausible worlds: Chief customer officer in 45%, customer "
			       "council in 44%");
	title_of(DATA "/decide-clear", t, sizeof t);
	assert_string_equal(t, "Customer council wins: best in 100% of plausible worlds");

	/* exactly at the thresholds: 0.95 wins, 0.949 does not; 0.5 is most, 0.499 is not */
	struct plot_decide d;
	struct js_error err = {0};
	assert_int_equal(plot_decide_load(&d, DATA "/decide-clear", &err), 0);
	static const struct {
		double p;
		const char *starts;
	} cases[] = {{0.95, "Customer council wins: best in 95%"},
		     {0.949, "Customer council is best in 95% of plausible worlds"},
		     {0.5, "Customer council is best in 50% of plausible worlds"},
		     {0.499, "No model is best in most plausible worlds: Customer council in 50%"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		d.row[2].p_best = cases[i].p;
		d.row[1].p_best = (1 - cases[i].p) * 0.6;
		d.row[0].p_best = (1 - cases[i].p) * 0.4;
		plot_decide_title(&d, t, sizeof t);
		if (strncmp(t, cases[i].starts, strlen(cases[i].starts)) != 0) {
			print_error("p_best %g: '%s', expected it to start '%s'\n", cases[i].p, t, cases[i].starts);
			fail();
		}
		assert_true(cases[i].p >= 0.95 || !strstr(t, "wins"));
	}
	/* a run whose spread across worlds is mostly noise never "wins" */
	d.row[2].p_best = 1, d.row[1].p_best = d.row[0].p_best = 0;
	d.noise_warning = 1;
	plot_decide_title(&d, t, sizeof t);
	assert_string_equal(t, "Customer council is best in 100% of plausible worlds");
	plot_decide_free(&d);
}

/* ---- marks where the data puts them ---- */

struct bars {
	struct plot_rect bar[16];
	size_t scen[16], n, groups, params;
};

static void bar_probe(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	struct bars *b = user;
	if (strcmp(what, "decide.best.bar") == 0 && i < 16) {
		b->bar[i] = *r;
		b->scen[i] = j;
		b->n++;
	}
	b->groups += strcmp(what, "evppi.group") == 0;
	b->params += strcmp(what, "evppi.bar") == 0;
}

static void test_bars_follow_data(void **state)
{
	(void)state;
	struct plot_decide d;
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG);
	assert_int_equal(plot_decide_load(&d, DATA "/decide", &err), 0);
	struct chart_inputs in = {.opt = &o, .decide = &d};
	struct bars b = {0};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("decision_best"), &in, 1920, 1080, bar_probe, &b, &img, &err), 0);
	assert_int_equal(b.n, 7);
	/* most likely best on top: customer council (scenario 2), then the chief customer officer (1) */
	assert_int_equal(b.scen[0], 2);
	assert_int_equal(b.scen[1], 1);
	for (size_t k = 1; k < b.n; k++)
		assert_true(b.bar[k].y > b.bar[k - 1].y && d.row[b.scen[k]].p_best <= d.row[b.scen[k - 1]].p_best);
	/* lengths in proportion to p_best (0.625 and 0.3671875) */
	assert_true(fabs(b.bar[0].w / b.bar[1].w - 0.625 / 0.3671875) < 1e-6);
	/* in the scenario's colour */
	cairo_surface_flush(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	double s = 2; /* 1920 px on a 960 pt page */
	int x = (int)((b.bar[0].x + b.bar[0].w / 2) * s), y = (int)((b.bar[0].y + b.bar[0].h / 2) * s);
	uint32_t v = *(const uint32_t *)(px + (size_t)y * (size_t)cairo_image_surface_get_stride(img) + (size_t)x * 4);
	struct plot_rgb c = plot_scenario_colour(2);
	assert_true(abs((int)(v >> 16 & 0xFF) - (int)lround(c.r * 255)) <= 2);
	assert_true(abs((int)(v >> 8 & 0xFF) - (int)lround(c.g * 255)) <= 2);
	assert_true(abs((int)(v & 0xFF) - (int)lround(c.b * 255)) <= 2);
	cairo_surface_destroy(img);
	/* every parameter and group of evppi.csv gets its bar */
	memset(&b, 0, sizeof b);
	assert_int_equal(plot_render_image(chart_type_find("evppi"), &in, 1920, 1080, bar_probe, &b, &img, &err), 0);
	assert_int_equal(b.params, 20);
	assert_int_equal(b.groups, 2);
	cairo_surface_destroy(img);
	plot_decide_free(&d);
}

/* Twelve models: the page shows all twelve bars, the board as many as stay
 * a line (at least 14 pt) apart, the rest in one summed row. */
static void test_twelve_models(void **state)
{
	(void)state;
	struct plot_decide d;
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG);
	assert_int_equal(plot_decide_load(&d, DATA "/decide-twelve", &err), 0);
	assert_int_equal(d.n_scen, 12);
	struct chart_inputs in = {.opt = &o, .decide = &d};
	struct bars b = {0};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("decision_best"), &in, 1920, 1080, bar_probe, &b, &img, &err), 0);
	assert_int_equal(b.n, 12);
	cairo_surface_destroy(img);
	memset(&b, 0, sizeof b);
	assert_int_equal(plot_render_image(chart_type_find("decision_board"), &in, 1920, 1080, bar_probe, &b, &img, &err), 0);
	assert_true(b.n >= 7 && b.n < 12);
	for (size_t k = 1; k < b.n; k++)
		assert_true(b.bar[k].y - b.bar[k - 1].y >= 14);
	cairo_surface_destroy(img);
	plot_decide_free(&d);
	/* and the board says how many are summed */
	char dir[256], path[512];
	test_tmpdir(dir, sizeof dir);
	render(DATA "/decide-twelve", dir, CHART_PDF);
	snprintf(path, sizeof path, "%s/board.pdf", dir);
	char want[64];
	snprintf(want, sizeof want, "%zu more models", 12 - b.n);
	const char *texts[] = {want, "Service led with a very"};
	assert_pdf_has(path, texts, 2);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- acceptability: only what lasts is named; a lead within the
 * sampling error of 128 worlds is a tie ---- */

static size_t scen_of(const struct plot_decide *d, const char *name)
{
	for (size_t s = 0; s < d->n_scen; s++)
		if (strcmp(d->row[s].scenario, name) == 0)
			return s;
	fail_msg("no scenario %s", name);
	return 0;
}

static size_t weight_at(const struct plot_decide *d, double w)
{
	for (size_t k = 0; k < d->n_lambda; k++)
		if (fabs(d->lambda[k] - w) < 1)
			return k;
	fail_msg("no weight %g", w);
	return 0;
}

static void test_acceptability_title(void **state)
{
	(void)state;
	struct plot_decide d;
	struct js_error err = {0};
	char buf[512];
	assert_int_equal(plot_decide_load(&d, DATA "/decide", &err), 0);
	const char *want = "Customer council is the most likely best at \xE2\x82\xAC" "200k per point (the "
			   "objective); chief customer officer from \xE2\x82\xAC" "1.6M per point on";
	plot_acceptability_title(&d, buf, sizeof buf);
	assert_string_equal(buf, want);
	size_t cc = scen_of(&d, "customer_council"), cco = scen_of(&d, "chief_customer_officer");
	/* a switch by 2 worlds of 128 in the middle is noise: not named */
	size_t k = weight_at(&d, 1000000);
	d.accept[k * d.n_scen + cco] = d.accept[k * d.n_scen + cc] + 2.0 / 128;
	plot_acceptability_title(&d, buf, sizeof buf);
	assert_string_equal(buf, want);
	/* a lead of 2 worlds at the objective's weight is a tie */
	k = weight_at(&d, 200000);
	d.accept[k * d.n_scen + cco] = d.accept[k * d.n_scen + cc] - 2.0 / 128;
	plot_acceptability_title(&d, buf, sizeof buf);
	assert_string_equal(buf, "Customer council and chief customer officer tie as most likely best at "
				 "\xE2\x82\xAC" "200k per point (the objective); chief customer officer from "
				 "\xE2\x82\xAC" "1.6M per point on");
	/* at the end of the curve within the sampling error: no lasting leader */
	k = weight_at(&d, 2000000);
	d.accept[k * d.n_scen + cc] = d.accept[k * d.n_scen + cco] - 2.0 / 128;
	plot_acceptability_title(&d, buf, sizeof buf);
	assert_non_null(strstr(buf, "; no model is clearly ahead at the highest weights (to "));
	plot_decide_free(&d);
}

/* ---- EVPPI: a lead within the sampling error is a tie; the board's
 * panel keeps the largest rows, parameters or groups ---- */

static struct plot_evppi_row *evppi_row(struct plot_decide *d, const char *name)
{
	for (size_t i = 0; i < d->n_evppi; i++)
		if (strcmp(d->evppi[i].parameter, name) == 0)
			return &d->evppi[i];
	fail_msg("no %s in evppi.csv", name);
	return NULL;
}

struct ev_rows {
	size_t groups, params;
	double group_w, param_w; /* the widest bar of each kind */
};

static void ev_probe(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	(void)i, (void)j;
	struct ev_rows *e = user;
	if (strcmp(what, "evppi.group") == 0)
		e->groups++, e->group_w = fmax(e->group_w, r->w);
	else if (strcmp(what, "evppi.bar") == 0)
		e->params++, e->param_w = fmax(e->param_w, r->w);
}

static void test_evppi_ties_and_board_rows(void **state)
{
	(void)state;
	struct plot_decide d;
	struct js_error err = {0};
	char buf[512];
	assert_int_equal(plot_decide_load(&d, DATA "/decide", &err), 0);
	struct plot_evppi_row *top = evppi_row(&d, "handoff.coordination_relief"),
			      *second = evppi_row(&d, "handoff.p_loss_boundary");
	/* 157.9k +- 16.8k vs 78.9k +- 8.9k: apart, one is named */
	plot_evppi_title(&d, buf, sizeof buf);
	assert_non_null(strstr(buf, "What to measure before deciding: relief from a journey owner or council ("));
	/* 150k: within 1.96 sqrt(se1^2 + se2^2) = 37k, both named at their mean */
	second->evppi = 150000;
	plot_evppi_title(&d, buf, sizeof buf);
	assert_string_equal(buf, "What to measure before deciding: relief from a journey owner or council and context "
				 "loss at a boundary (about \xE2\x82\xAC" "150k/year each)");
	/* without standard errors: within 10% is a tie, 37% apart is not */
	top->se = second->se = NAN;
	plot_evppi_title(&d, buf, sizeof buf);
	assert_non_null(strstr(buf, " and context loss at a boundary (about "));
	second->evppi = 100000;
	plot_evppi_title(&d, buf, sizeof buf);
	assert_null(strstr(buf, " and "));
	/* the board: a tiny group first in the file and the largest row of all a
	 * group; the panel shows the large group, not the tiny one */
	evppi_row(&d, "handoffs")->evppi = 1;
	evppi_row(&d, "governance")->evppi = 200000;
	struct chart_options o;
	options(&o, CHART_PNG);
	struct chart_inputs in = {.opt = &o, .decide = &d};
	struct ev_rows e = {0};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("decision_board"), &in, 1920, 1080, ev_probe, &e, &img, &err), 0);
	cairo_surface_destroy(img);
	assert_int_equal(e.groups, 1);
	assert_true(e.params >= 1 && e.params < 20);
	assert_true(e.group_w > e.param_w); /* 200k against the largest parameter's 157.9k */
	plot_decide_free(&d);
}

/* ---- errors ---- */

static void test_missing_files(void **state)
{
	(void)state;
	char dir[256], out[256], charts[512];
	struct chart_options o;
	options(&o, CHART_PNG);
	test_tmpdir(out, sizeof out);
	snprintf(charts, sizeof charts, "%s/charts", out);
	for (size_t i = 0; i < sizeof decide_files / sizeof *decide_files; i++) {
		struct js_error err = {0};
		test_tmpdir(dir, sizeof dir);
		assert_int_equal(test_run(NULL, "cp %s/decide/*.csv %s/decide/manifest.json '%s' && rm '%s/%s'", DATA, DATA,
					  dir, dir, decide_files[i]),
				 0);
		assert_int_equal(charts_render_decide(dir, charts, NULL, &o, &err), -1);
		assert_int_equal(err.code, EX_NOINPUT);
		if (!strstr(err.msg, decide_files[i])) {
			print_error("missing %s: '%s'\n", decide_files[i], err.msg);
			fail();
		}
		test_run(NULL, "rm -rf '%s'", dir);
	}
	/* a scenario ranks.csv does not know, with its line */
	struct js_error err = {0};
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(test_run(NULL, "cp %s/decide/*.csv %s/decide/manifest.json '%s' && sed -i '3s/^siloed/nobody/' "
				  "'%s/ranks.csv'", DATA, DATA, dir, dir),
			 0);
	assert_int_equal(charts_render_decide(dir, charts, NULL, &o, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "ranks.csv:3: scenario 'nobody'"));
	test_run(NULL, "rm -rf '%s' '%s'", dir, out);
}

/* ---- journeysim plot DIR on a decide folder ---- */

static void test_plot_command(void **state)
{
	(void)state;
	char dir[256], path[512];
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(test_run(NULL, "cp %s/decide/*.csv %s/decide/manifest.json '%s'", DATA, DATA, dir), 0);
	assert_int_equal(js_run(0, NULL, "plot '%s' --format png", dir), 0);
	for (size_t i = 0; i < sizeof decide_charts / sizeof *decide_charts; i++) {
		snprintf(path, sizeof path, "%s/charts/%s.png", dir, decide_charts[i]);
		assert_true(exists_nonempty(path));
	}
	snprintf(path, sizeof path, "%s/board.pdf", dir);
	assert_true(exists_nonempty(path));
	snprintf(path, sizeof path, "%s/charts/sweep_lines.png", dir); /* not taken for a sweep */
	assert_false(exists_nonempty(path));
	/* --only one chart: that file, no board */
	assert_int_equal(test_run(NULL, "rm -rf '%s/charts' '%s/board.pdf'", dir, dir), 0);
	assert_int_equal(js_run(0, NULL, "plot '%s' --format png --only evppi", dir), 0);
	snprintf(path, sizeof path, "%s/charts/evppi.png", dir);
	assert_true(exists_nonempty(path));
	snprintf(path, sizeof path, "%s/charts/decision_best.png", dir);
	assert_false(exists_nonempty(path));
	snprintf(path, sizeof path, "%s/board.pdf", dir);
	assert_false(exists_nonempty(path));
	/* a results chart asked of a decide folder */
	char *out = NULL;
	assert_int_not_equal(js(&out, "plot '%s' --only kpi_comparison", dir), 0);
	assert_non_null(strstr(out, "results folder"));
	free(out);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* LeakSanitizer: fontconfig keeps its configuration for the life of the
 * process (as in test_charts.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_format_twice), cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_titles),		   cmocka_unit_test(test_bars_follow_data),
		cmocka_unit_test(test_twelve_models),	   cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_plot_command), cmocka_unit_test(test_evppi_ties_and_board_rows),
		cmocka_unit_test(test_acceptability_title),
	};
	int failed = cmocka_run_group_tests_name("charts_decide", tests, NULL, NULL);
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	return failed;
}
