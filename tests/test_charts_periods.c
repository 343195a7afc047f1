/*
 * test_charts_periods.c - the charts over time (issue 15): periods,
 * payback, debt_defects and the board's payback line, drawn from the
 * hand-made folder tests/data/periods (tests/data/periods/make_periods.py:
 * three scenarios, four yearly periods the last of them partial, a
 * cumulative margin difference, payback.days: one model pays back, one
 * does not).
 *
 * Every new chart renders in every format, the same bytes twice; a folder
 * without the period files draws the charts it drew before and the same
 * board; the payback's words follow the contract (shown, not shown, not
 * within the horizon); money per period is a rate per year, so the partial
 * last period does not drop; damaged period files are refused with
 * file:line. Run from the repository root.
 */
#include "testutil.h"

#include <math.h>

#include "../plots/plot.h"
#include "chart.h"

#define DATA "tests/data"
#define FIXTURE DATA "/periods"

static const char *const new_charts[] = {"periods", "payback", "debt_defects"};
static const char *const old_charts[] = {"kpi_comparison", "cost_vs_experience", "journey_flow", "distributions",
					 "cost_breakdown", "time_series",        "board_summary"};
static const char *const exts[] = {"png", "pdf", "svg"};

static void options(struct chart_options *o, unsigned formats, const char *only)
{
	chart_options_defaults(o);
	o->formats = formats;
	o->only = only;
}

static int exists(const char *dir, const char *name, const char *ext)
{
	char path[512];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext);
	return stat(path, &st) == 0 && st.st_size > 0;
}

/* pdftotext of path, blanks squeezed; NULL on failure. */
static char *pdf_text(const char *path)
{
	char *out = NULL;
	if (test_run(&out, "pdftotext -q '%s' -", path) != 0) {
		free(out);
		return NULL;
	}
	char *o = out;
	int blank = 0;
	for (char *s = out; *s; s++) {
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
	char *text = pdf_text(path);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		if (!strstr(text, texts[i])) {
			print_error("%s: '%s' not found in:\n%s\n", path, texts[i], text);
			fail();
		}
	free(text);
}

/* A copy of the fixture in a new temporary folder, without the files named. */
static void fixture_copy(char *dir, size_t len, const char *drop)
{
	test_tmpdir(dir, len);
	assert_int_equal(test_run(NULL, "cp " FIXTURE "/*.csv " FIXTURE "/run.json '%s'/", dir), 0);
	if (drop)
		assert_int_equal(test_run(NULL, "cd '%s' && rm -f %s", dir, drop), 0);
}

/* ---- every new chart, every format, the same bytes twice ---- */

static void test_new_charts_every_format(void **state)
{
	(void)state;
	char a[256], b[256], ca[300], cb[300], board[300], pa[400], pb[400];
	struct chart_options o;
	struct js_error err = {0};
	test_tmpdir(a, sizeof a);
	test_tmpdir(b, sizeof b);
	snprintf(ca, sizeof ca, "%s/charts", a);
	snprintf(cb, sizeof cb, "%s/charts", b);
	snprintf(board, sizeof board, "%s/board.pdf", a);
	options(&o, CHART_ALL_FORMATS, NULL);
	assert_int_equal(charts_render_results(FIXTURE, ca, board, &o, &err), 0);
	assert_int_equal(charts_render_results(FIXTURE, cb, NULL, &o, &err), 0);
	for (size_t i = 0; i < 3; i++)
		for (int f = 0; f < 3; f++) {
			assert_true(exists(ca, new_charts[i], exts[f]));
			snprintf(pa, sizeof pa, "%s/%s.%s", ca, new_charts[i], exts[f]);
			snprintf(pb, sizeof pb, "%s/%s.%s", cb, new_charts[i], exts[f]);
			if (!test_same_file(pa, pb)) {
				print_error("%s and %s differ\n", pa, pb);
				fail();
			}
		}
	for (size_t i = 0; i < sizeof old_charts / sizeof *old_charts; i++)
		assert_true(exists(ca, old_charts[i], "png"));

	const char *periods[] = {"Chief customer officer earns more margin than siloed from year 2 on",
				 "CMO shadow IT less from year 3 on", "Margin", "Customers active", "Churn",
				 "EUR million/year, as a rate", "year 4, partial (183 days)"};
	snprintf(pa, sizeof pa, "%s/periods.pdf", ca);
	assert_pdf_has(pa, periods, sizeof periods / sizeof *periods);
	const char *payback[] = {"Chief customer officer pays back against siloed in 21 months (18\xE2\x80\x93" "26)",
				 "no other model is shown to pay back within 3.5 years", "Payback against siloed",
				 "does not pay back within the horizon", "Cumulative margin minus siloed's"};
	snprintf(pa, sizeof pa, "%s/payback.pdf", ca);
	assert_pdf_has(pa, payback, sizeof payback / sizeof *payback);
	const char *debt[] = {"CMO shadow IT: integration debt +31.5 pp", "Integration debt", "Open journey defects",
			      "Years since the start of the window"};
	snprintf(pa, sizeof pa, "%s/debt_defects.pdf", ca);
	assert_pdf_has(pa, debt, sizeof debt / sizeof *debt);
	const char *bd[] = {"When does it pay? Against siloed: Chief customer officer pays back in 21 months",
			    "CMO shadow IT does not pay back within the horizon", "Key figures per year"};
	assert_pdf_has(board, bd, sizeof bd / sizeof *bd);
	test_run(NULL, "rm -rf '%s' '%s'", a, b);
}

/* ---- a folder without the period files draws as before ---- */

static void test_without_period_files_unchanged(void **state)
{
	(void)state;
	char plain[256], empty[256], cp[300], ce[300], pa[400], pb[400];
	struct chart_options o;
	struct js_error err = {0};
	/* results-small (no period files) against itself with a cumulative.csv
	 * that names no scenario of it: no payback, so the same charts, bytes */
	test_tmpdir(plain, sizeof plain);
	test_tmpdir(empty, sizeof empty);
	assert_int_equal(test_run(NULL, "cp " DATA "/results-small/* '%s'/ && cp " DATA "/results-small/* '%s'/ && "
					"printf 'scenario,baseline,day,metric,mean_diff,ci95_low,ci95_high,n\\n"
					"nobody,siloed,0,margin,0,0,0,10\\n' > '%s/cumulative.csv'",
				plain, empty, empty),
			 0);
	snprintf(cp, sizeof cp, "%s/charts", plain);
	snprintf(ce, sizeof ce, "%s/charts", empty);
	options(&o, CHART_PNG | CHART_PDF, NULL);
	assert_int_equal(charts_render_results(plain, cp, NULL, &o, &err), 0);
	assert_int_equal(charts_render_results(empty, ce, NULL, &o, &err), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_false(exists(cp, new_charts[i], "png"));
		assert_false(exists(ce, new_charts[i], "png"));
	}
	for (size_t i = 0; i < sizeof old_charts / sizeof *old_charts; i++)
		for (int f = 0; f < 2; f++) {
			snprintf(pa, sizeof pa, "%s/%s.%s", cp, old_charts[i], exts[f]);
			snprintf(pb, sizeof pb, "%s/%s.%s", ce, old_charts[i], exts[f]);
			if (!test_same_file(pa, pb)) {
				print_error("%s and %s differ\n", pa, pb);
				fail();
			}
		}
	snprintf(pa, sizeof pa, "%s/board_summary.pdf", cp);
	char *text = pdf_text(pa);
	assert_non_null(text);
	assert_null(strstr(text, "When does it pay"));
	free(text);

	/* the fixture without its period files and payback rows: the old seven
	 * charts only, and a board without the payback line, unlike with them */
	char bare[256], cb[300], full[300];
	fixture_copy(bare, sizeof bare, "periods.csv period_diffs.csv cumulative.csv");
	assert_int_equal(test_run(NULL, "cd '%s' && grep -v payback.days summary.csv > s && mv s summary.csv", bare), 0);
	snprintf(cb, sizeof cb, "%s/charts", bare);
	assert_int_equal(charts_render_results(bare, cb, NULL, &o, &err), 0);
	for (size_t i = 0; i < 3; i++)
		assert_false(exists(cb, new_charts[i], "pdf"));
	snprintf(full, sizeof full, "%s/full", bare);
	options(&o, CHART_PNG, "board_summary");
	assert_int_equal(charts_render_results(FIXTURE, full, NULL, &o, &err), 0);
	snprintf(pa, sizeof pa, "%s/board_summary.png", cb);
	snprintf(pb, sizeof pb, "%s/board_summary.png", full);
	assert_false(test_same_file(pa, pb));
	test_run(NULL, "rm -rf '%s' '%s' '%s'", plain, empty, bare);
}

/* ---- the reader ---- */

static void test_periods_reader(void **state)
{
	(void)state;
	struct plot_results r;
	struct js_error err = {0};
	assert_int_equal(plot_results_load(&r, FIXTURE, &err), 0);
	const struct plot_periods *p = &r.per;
	assert_true(p->have_periods && p->have_diffs && p->have_cumulative);
	assert_int_equal(p->n, 4);
	assert_true(p->start[0] == 0 && p->end[0] == 365 && p->end[3] == 1278);
	assert_int_equal(p->partial[0], 0);
	assert_int_equal(p->partial[3], 1);
	int m = plot_periods_metric(p, "margin");
	assert_true(m >= 0);
	assert_string_equal(p->unit[m], "EUR");
	/* the periods of a money metric sum to the window's total (summary.csv: per year x 3.5 years) */
	double sum = 0;
	for (size_t k = 0; k < p->n; k++)
		sum += plot_periods_get(&r, 1, k, m, 0).mean;
	assert_true(fabs(sum - plot_results_get(&r, 1, "margin").mean * 1278 / 365) < 1);
	struct plot_stat d = plot_periods_get(&r, 1, 0, m, 1);
	assert_true(isfinite(d.mean) && d.hi < 0); /* the move costs in year 1 */
	assert_false(isfinite(plot_periods_get(&r, 0, 0, m, 1).mean)); /* the baseline has no difference */
	const struct plot_series *q = plot_periods_cumulative(&r, 1);
	assert_non_null(q);
	assert_true(q->n >= 40 && q->day[0] == 0 && q->day[q->n - 1] == 1278);
	assert_null(plot_periods_cumulative(&r, 0));
	plot_results_free(&r);

	/* damaged files: file:line */
	char dir[256];
	fixture_copy(dir, sizeof dir, NULL);
	assert_int_equal(test_run(NULL, "cd '%s' && sed -i '3s/,1,0,365,/,1.5,0,365,/' periods.csv", dir), 0);
	assert_int_equal(plot_results_load(&r, dir, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "periods.csv:3: period"));
	fixture_copy(dir, sizeof dir, NULL);
	assert_int_equal(test_run(NULL, "cd '%s' && sed -i '4s/,52,margin,/,10,margin,/' cumulative.csv", dir), 0);
	assert_int_equal(plot_results_load(&r, dir, &err), -1);
	assert_non_null(strstr(err.msg, "cumulative.csv:4: day"));
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- payback: the words of each case ---- */

static void set_payback(struct plot_results *r, size_t s, double day, double lo, double hi)
{
	int m = plot_results_metric(r, "payback.days");
	assert_true(m >= 0);
	struct plot_stat *st = &r->summary[s * r->n_metric + (size_t)m];
	st->mean = day, st->lo = lo, st->hi = hi;
}

static void test_payback_words(void **state)
{
	(void)state;
	struct plot_results r;
	struct js_error err = {0};
	char buf[1024];
	assert_int_equal(plot_results_load(&r, FIXTURE, &err), 0);
	/* summary.csv: chief customer officer pays back, CMO shadow IT does not */
	struct plot_payback a = plot_payback_of(&r, 1), b = plot_payback_of(&r, 2), z = plot_payback_of(&r, 0);
	assert_true(a.known && a.pays && a.shown);
	assert_true(a.lo < a.day && a.day < a.hi);
	assert_true(b.known && !b.pays && !b.shown);
	assert_false(z.known); /* the baseline pays nothing back */
	assert_string_equal(plot_payback_phrase(buf, sizeof buf, &b), "does not pay back within the horizon");
	plot_payback_phrase(buf, sizeof buf, &a);
	assert_string_equal(buf, "pays back in 21 months (18\xE2\x80\x93" "26)");
	plot_payback_title(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "Chief customer officer pays back against siloed in 21 months"));

	/* the board's shortest form: the first, and how many */
	plot_payback_line(&r, 2, buf, sizeof buf);
	assert_string_equal(buf, "Payback vs siloed: Chief customer officer first, 21 months (18\xE2\x80\x93" "26); 1 of 2 pay "
				 "back.");

	/* computed from cumulative.csv when summary.csv has no payback.days:
	 * the same day, by the same rule */
	double day = a.day, lo = a.lo, hi = a.hi;
	r.metric[plot_results_metric(&r, "payback.days")][0] = 'x';
	struct plot_payback c = plot_payback_of(&r, 1);
	assert_true(c.known && c.shown);
	assert_true(fabs(c.day - day) < 1e-6 && fabs(c.lo - lo) < 1e-6 && fabs(c.hi - hi) < 1e-6);
	assert_false(plot_payback_of(&r, 2).pays);
	r.metric[plot_results_metric(&r, "xayback.days")][0] = 'p';

	/* the mean pays back but the band's lower bound never stays above 0: not shown */
	set_payback(&r, 1, 640, 560, NAN);
	struct plot_payback n = plot_payback_of(&r, 1);
	assert_true(n.pays && !n.shown);
	plot_payback_title(&r, buf, sizeof buf);
	assert_non_null(strstr(buf, "Not shown to pay back against siloed within 3.5 years"));
	assert_non_null(strstr(buf, "band still includes 0"));
	assert_null(strstr(buf, " pays back in"));
	plot_payback_phrase(buf, sizeof buf, &n);
	assert_non_null(strstr(buf, "is not shown to pay back within the horizon"));

	/* ahead from the first day: nothing to pay back, and not "0 days" */
	set_payback(&r, 1, 0, 0, 0);
	assert_string_equal(plot_payback_phrase(buf, sizeof buf, &(struct plot_payback){1, 1, 1, 0, 0, 0}),
			    "is ahead from the start");
	plot_payback_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "Chief customer officer is ahead of siloed from the start; no other model is shown to "
				 "pay back within 3.5 years");

	/* a band that holds 0 at the horizon is not shown, whatever summary.csv says */
	set_payback(&r, 1, day, lo, hi);
	struct plot_series *q = &r.per.cum[1];
	double keep = q->lo[q->n - 1];
	q->lo[q->n - 1] = -1;
	assert_false(plot_payback_of(&r, 1).shown);
	q->lo[q->n - 1] = keep;

	/* two models that pay back on the same day are both listed, in file order */
	struct plot_series *q2 = &r.per.cum[2];
	double keep2 = q2->lo[q2->n - 1];
	q2->lo[q2->n - 1] = 1;
	set_payback(&r, 2, day, lo, hi);
	assert_true(plot_payback_of(&r, 2).shown);
	plot_payback_line(&r, 1, buf, sizeof buf);
	const char *first = strstr(buf, "Chief customer officer "), *second = strstr(buf, "CMO shadow IT ");
	if (!first || !second || second < first || strstr(buf, "not shown"))
		fail_msg("both models, in file order, expected in: %s", buf);
	q2->lo[q2->n - 1] = keep2;
	set_payback(&r, 2, NAN, NAN, NAN);

	/* neither pays back */
	set_payback(&r, 1, NAN, NAN, NAN);
	plot_payback_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "No model pays back against siloed within the horizon (3.5 years)");
	plot_payback_line(&r, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "Chief customer officer does not pay back within the horizon"));
	plot_results_free(&r);

	/* spans in a board's units */
	assert_string_equal(plot_span_text(buf, sizeof buf, 45, 30, 60), "45 days (30\xE2\x80\x93" "60)");
	assert_string_equal(plot_span_text(buf, sizeof buf, 1460, 1095, NAN), "4 years (3 to beyond the horizon)");
	assert_string_equal(plot_span_text(buf, sizeof buf, 365 * 2.5, NAN, NAN), "30 months");
}

/* ---- the periods title claims only lasting, significant leads ---- */

static void test_periods_title(void **state)
{
	(void)state;
	struct plot_results r;
	struct js_error err = {0};
	char buf[512];
	assert_int_equal(plot_results_load(&r, FIXTURE, &err), 0);
	plot_periods_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "Chief customer officer earns more margin than siloed from year 2 on; CMO shadow IT less "
				 "from year 3 on");
	/* one lasting lead left: its significant start the other way is said too */
	int m = plot_periods_metric(&r.per, "margin");
	struct plot_stat keep[4];
	for (size_t k = 0; k < r.per.n; k++) {
		struct plot_stat *d = &r.per.diff[(2 * r.per.n + k) * r.per.n_metric + (size_t)m];
		keep[k] = *d, d->lo = -fabs(d->mean) - 1, d->hi = fabs(d->mean) + 1;
	}
	plot_periods_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "Chief customer officer earns less margin than siloed in year 1 (significant), more from "
				 "year 2 on");
	for (size_t k = 0; k < r.per.n; k++)
		r.per.diff[(2 * r.per.n + k) * r.per.n_metric + (size_t)m] = keep[k];
	/* the last period no longer significant: no lasting lead, whatever came before */
	for (size_t s = 1; s < r.n_scen; s++) {
		struct plot_stat *d = &r.per.diff[(s * r.per.n + r.per.n - 1) * r.per.n_metric + (size_t)m];
		d->lo = -fabs(d->mean) - 1, d->hi = fabs(d->mean) + 1;
	}
	plot_periods_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "Chief customer officer: margin behind siloed in year 1 (significant), no lasting "
				 "significant difference after");
	/* ... but a significant stretch at the start is said, as what it is:
	 * the first two years of the second model behind, nothing after */
	for (size_t s = 1; s < r.n_scen; s++)
		for (size_t k = 0; k < r.per.n; k++) {
			struct plot_stat *d = &r.per.diff[(s * r.per.n + k) * r.per.n_metric + (size_t)m];
			int behind = s == 2 && k < 2;
			d->mean = behind ? -5 : 1, d->lo = behind ? -6 : -4, d->hi = behind ? -4 : 6;
		}
	plot_periods_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "CMO shadow IT: margin behind siloed in years 1\xE2\x80\x93" "2 (significant), no lasting "
				 "significant difference after");
	r.per.diff[(2 * r.per.n + 1) * r.per.n_metric + (size_t)m].hi = 1; /* year 2 no longer significant */
	plot_periods_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "CMO shadow IT: margin behind siloed in year 1 (significant), no lasting significant "
				 "difference after");
	r.per.diff[(2 * r.per.n) * r.per.n_metric + (size_t)m].hi = 1; /* nothing significant left */
	plot_periods_title(&r, buf, sizeof buf);
	assert_string_equal(buf, "Margin per period: no model is significantly ahead of or behind siloed to the end of the "
				 "window");
	plot_results_free(&r);
}

/* ---- money per period is a rate: the partial period does not drop ---- */

struct points {
	double y[3][4];
	int found[3][4];
};

static void points_probe(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	struct points *p = user;
	if (strcmp(what, "periods.point") == 0 && j < 4 && i < 3) /* panel 0: margin */
		p->y[i][j] = r->y, p->found[i][j] = 1;
}

static void test_partial_period_rate(void **state)
{
	(void)state;
	struct plot_results r;
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG, NULL);
	assert_int_equal(plot_results_load(&r, FIXTURE, &err), 0);
	struct chart_inputs in = {.res = &r, .opt = &o};
	struct points pts;
	memset(&pts, 0, sizeof pts);
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("periods"), &in, 960, 540, points_probe, &pts, &img, &err), 0);
	cairo_surface_destroy(img);
	for (size_t k = 0; k < 4; k++)
		assert_true(pts.found[1][k]);
	/* chief customer officer's margin: year 3 and the half year 4 at the
	 * same rate, far apart from year 1's loss (a drop of half would be
	 * further than that) */
	double same = fabs(pts.y[1][3] - pts.y[1][2]), step = fabs(pts.y[1][2] - pts.y[1][0]);
	assert_true(same < 0.1 * step);
	plot_results_free(&r);
}

/* ---- debt on one scale: 0-100 %, even when it stays at zero ---- */

static void axis_probe(void *user, const char *what, size_t i, size_t j, const struct plot_rect *r)
{
	(void)j;
	double *hi = user;
	if (strcmp(what, "debt.axis") == 0 && i < 2)
		hi[i] = r->y;
}

static void test_debt_axis_percent(void **state)
{
	(void)state;
	struct plot_results r;
	struct js_error err = {0};
	struct chart_options o;
	options(&o, CHART_PNG, NULL);
	assert_int_equal(plot_results_load(&r, FIXTURE, &err), 0);
	struct chart_inputs in = {.res = &r, .opt = &o};
	double hi[2] = {NAN, NAN};
	cairo_surface_t *img = NULL;
	assert_int_equal(plot_render_image(chart_type_find("debt_defects"), &in, 960, 540, axis_probe, hi, &img, &err), 0);
	cairo_surface_destroy(img);
	assert_true(fabs(hi[0] - 100) < 1e-9);
	/* debt zero everywhere (as in a run without shadow IT): still 0-100 %,
	 * not a 0-1 axis labelled % */
	int m = plot_periods_metric(&r.per, "technology.debt");
	for (size_t s = 0; s < r.n_scen; s++) {
		const struct plot_series *q = plot_results_series(&r, s, "technology.debt");
		for (size_t k = 0; q && k < q->n; k++)
			q->mean[k] = q->lo[k] = q->hi[k] = 0;
		for (size_t k = 0; m >= 0 && k < r.per.n; k++) {
			struct plot_stat *v = &r.per.value[(s * r.per.n + k) * r.per.n_metric + (size_t)m];
			v->mean = v->lo = v->hi = 0;
		}
	}
	hi[0] = NAN;
	assert_int_equal(plot_render_image(chart_type_find("debt_defects"), &in, 960, 540, axis_probe, hi, &img, &err), 0);
	cairo_surface_destroy(img);
	assert_true(fabs(hi[0] - 100) < 1e-9);
	plot_results_free(&r);
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
		cmocka_unit_test(test_periods_reader),
		cmocka_unit_test(test_payback_words),
		cmocka_unit_test(test_periods_title),
		cmocka_unit_test(test_partial_period_rate),
		cmocka_unit_test(test_debt_axis_percent),
		cmocka_unit_test(test_new_charts_every_format),
		cmocka_unit_test(test_without_period_files_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
