/*
 * test_transition.c - a scenario's move from one ownership model to another
 * during the run (transition = { from; at; cost; duration; dip; }):
 * at 0 without cost or ramp it is the target model; a cost lowers margin by
 * exactly cost / window years; a ramp or a dip costs margin; integrations
 * the from model lacks go live only when their project is done; the switch
 * happens when it is due, from the window start; `check`'s printout loads
 * back the same; a run's horizon cut before the switch is refused. (Bad files: tests/bad/transition_*.cfg.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../sim/journey/journey_internal.h"
#include "journey_util.h"

static char dir[64];

/* |a - b| <= tol, with both values in the message (cmocka here has no double asserts) */
#define assert_near(a, b, tol)                                                              \
	do {                                                                                \
		double a_ = (a), b_ = (b);                                                  \
		if (!(fabs(a_ - b_) <= (tol)))                                              \
			fail_msg("%s = %.17g, %s = %.17g, tolerance %g", #a, a_, #b, b_, (double)(tol)); \
	} while (0)

/* A scenario file in the test's folder: run settings, then the scenarios. */
static struct scenario_file *load_text(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s.cfg", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return ju_load(path);
}

static const struct scenario *named(const struct scenario_file *f, const char *name)
{
	for (size_t i = 0; i < f->n_scenarios; i++)
		if (strcmp(f->scenarios[i].name, name) == 0)
			return &f->scenarios[i];
	fail_msg("no scenario %s", name);
	return NULL;
}

static void run_one(const struct scenario_file *f, const char *name, unsigned rep, struct rep_result *res)
{
	struct js_error err = {0};
	if (journey_run(named(f, name), &f->run, rep, 0, res, &err) < 0)
		fail_msg("%s", err.msg);
}

static double metric(const struct scenario_file *f, const char *name, unsigned rep, const char *m)
{
	struct rep_result res;
	run_one(f, name, rep, &res);
	double v = res.metrics[metric_find(m)];
	rep_result_fini(&res);
	return v;
}

/* the one-offs derived from company.transition are zero, so "no cost" is none */
#define NO_DERIVED "company = { transition = { migration_cost = 0; integration_build_cost = 0; hiring_share = 0; }; };\n"

static void test_at_zero_is_the_target(void **state)
{
	(void)state;
	struct scenario_file *f = load_text(
		"zero", "run = { seed = 3; replications = 2; horizon = \"300 d\"; warmup = 0; sample_every = \"5 d\"; };\n" NO_DERIVED
			"scenarios = ( { name = \"today\"; ownership = \"siloed\"; },\n"
			"  { name = \"direct\"; ownership = \"chief_customer_officer\"; },\n"
			"  { name = \"move\"; ownership = \"chief_customer_officer\"; transition = { from = \"siloed\"; at = 0; }; } );\n");
	for (unsigned rep = 0; rep < 2; rep++) {
		struct rep_result a, b;
		run_one(f, "direct", rep, &a);
		run_one(f, "move", rep, &b);
		int compared = 0;
		for (int m = 0; m < METRIC_COUNT; m++) {
			double x = a.metrics[m], y = b.metrics[m];
			if (isnan(x) || isnan(y)) {
				assert_true(isnan(x) && isnan(y));
				continue;
			}
			if (fabs(x - y) > 1e-12 * fmax(1, fabs(x)))
				fail_msg("%s: direct %.17g, transition at 0 %.17g", metric_table[m].name, x, y);
			compared++;
		}
		assert_true(compared > 100);
		assert_int_equal(a.n_samples, b.n_samples);
		assert_memory_equal(a.series, b.series, a.n_samples * SERIES_COUNT * sizeof a.series[0]);
		rep_result_fini(&a);
		rep_result_fini(&b);
	}
	scenario_file_free(f);
}

static void test_cost_lowers_margin_by_cost_over_years(void **state)
{
	(void)state;
	/* with a ramp, so that the cash is spread over it; window 300 d */
	struct scenario_file *f = load_text(
		"cost", "run = { seed = 5; replications = 2; horizon = \"360 d\"; warmup = \"60 d\"; };\n"
			"scenarios = ( { name = \"today\"; ownership = \"siloed\"; },\n"
			"  { name = \"free\"; ownership = \"chief_customer_officer\";\n"
			"    transition = { from = \"siloed\"; at = \"30 d\"; duration = \"100 d\"; }; },\n"
			"  { name = \"paid\"; ownership = \"chief_customer_officer\";\n"
			"    transition = { from = \"siloed\"; at = \"30 d\"; duration = \"100 d\"; cost = 250000; }; } );\n");
	double years = 300.0 / 365;
	for (unsigned rep = 0; rep < 2; rep++) {
		double m0 = metric(f, "free", rep, "margin"), m1 = metric(f, "paid", rep, "margin");
		assert_near(m0 - m1, 250000 / years, 1e-6);
		double one0 = metric(f, "free", rep, "transition.one_off");
		assert_true(one0 > 0); /* the derived one-off, against siloed */
		assert_near(metric(f, "paid", rep, "transition.one_off") - one0, 250000, 1e-6);
		/* spent within the window: the whole one-off, per year of it */
		assert_near(metric(f, "paid", rep, "cost.transition"), (one0 + 250000) / years, 1e-6);
	}
	scenario_file_free(f);
}

/* A model that only adds a journey owner at no cost: the ramp changes only
 * how fast its relief comes in (no integrations, no one-off but hiring at 0). */
#define COORDINATOR                                                                                            \
	"models = ( { name = \"coordinated\"; base = \"siloed\";\n"                                              \
	"  owners = ( { name = \"coordinator\"; focus = \"revenue\"; cost_per_year = 0; } );\n"                  \
	"  journey_owner = \"coordinator\"; journey_marketing_focus = \"revenue\"; } );\n"

static void test_ramp_and_dip_cost_margin(void **state)
{
	(void)state;
	struct scenario_file *f = load_text(
		"ramp", "run = { seed = 11; replications = 8; horizon = \"1 y\"; warmup = \"30 d\"; };\n" COORDINATOR
			"scenarios = ( { name = \"today\"; ownership = \"siloed\"; },\n"
			"  { name = \"at_once\"; ownership = \"coordinated\"; transition = { from = \"siloed\"; }; },\n"
			"  { name = \"ramped\"; ownership = \"coordinated\"; transition = { from = \"siloed\"; duration = \"300 d\"; }; },\n"
			"  { name = \"dipped\"; ownership = \"coordinated\";\n"
			"    transition = { from = \"siloed\"; duration = \"300 d\"; dip = 0.3; }; } );\n");
	struct summary d;
	/* the relief comes in later: fewer customers kept across boundaries */
	assert_int_equal(ju_paired_sign(named(f, "at_once"), named(f, "ramped"), &f->run, 8, "margin", &d), -1);
	assert_int_equal(ju_paired_sign(named(f, "at_once"), named(f, "ramped"), &f->run, 8, "handoff.context_lost", &d), 1);
	/* slower work costs busy days and waits */
	assert_int_equal(ju_paired_sign(named(f, "ramped"), named(f, "dipped"), &f->run, 8, "margin", &d), -1);
	assert_int_equal(ju_paired_sign(named(f, "ramped"), named(f, "dipped"), &f->run, 8, "cost.variable", &d), 1);
	scenario_file_free(f);
}

static void test_integrations_wait_for_their_project(void **state)
{
	(void)state;
	struct scenario_file *f = load_text(
		"projects", "run = { seed = 2; replications = 1; horizon = \"1 y\"; warmup = \"65 d\"; };\n"
			    "models = ( { name = \"cco_unbuilt\"; base = \"chief_customer_officer\";\n"
			    "  integrated = ( [\"marketing\", \"sales\"], [\"sales\", \"delivery\"] ); } );\n"
			    "scenarios = ( { name = \"today\"; ownership = \"siloed\"; },\n"
			    "  { name = \"unbuilt\"; ownership = \"cco_unbuilt\"; },\n"
			    "  { name = \"move\"; ownership = \"chief_customer_officer\";\n"
			    "    transition = { from = \"siloed\"; at = \"35 d\"; duration = \"100 d\"; }; },\n"
			    "  { name = \"slow\"; ownership = \"chief_customer_officer\";\n"
			    "    transition = { from = \"siloed\"; at = 0; duration = \"3 y\"; }; } );\n");
	/* the journey's model day by day: switch at 65 + 35 = day 100 */
	struct journey *j = calloc(1, sizeof *j);
	assert_non_null(j);
	const struct scenario *s = named(f, "move");
	j->scenario = s;
	j->co = &s->company;
	j->own = &s->ownership;
	j->run = f->run;
	ownership_derive(j->own, &j->od);
	transition_init(j);
	assert_ptr_equal(j->own, &j->tr.cur);
	assert_int_equal(j->tr.n_new, 2); /* delivery-service and service-marketing */
	const enum stage ds[2] = {STAGE_DELIVERY, STAGE_SERVICE}, sm[2] = {STAGE_SERVICE, STAGE_MARKETING};
	const double days[] = {99, 100, 149, 150, 199, 200, 400};
	const int want_ds[] = {0, 0, 0, 1, 1, 1, 1}, want_sm[] = {0, 0, 0, 0, 0, 1, 1};
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		j->sim.now = days[k];
		transition_day(j);
		assert_int_equal(j->tr.switched, days[k] >= 100);
		assert_int_equal(j->od.integrated[ds[0]][ds[1]], want_ds[k]);
		assert_int_equal(j->od.integrated[sm[0]][sm[1]], want_sm[k]);
		assert_int_equal(j->own->journey_owner >= 0, days[k] >= 100);
	}
	assert_near(j->tr.progress, 1, 0);
	assert_near(journey_dip(j), 1, 0);
	free(j);

	/* in a run: a ramp longer than the run leaves the new integrations unbuilt, and
	 * unpaid: the technology cost is that of the model without them */
	assert_near(metric(f, "slow", 0, "cost.technology"), metric(f, "unbuilt", 0, "cost.technology"), 1e-6);
	assert_true(metric(f, "slow", 0, "cost.technology") < metric(f, "move", 0, "cost.technology"));
	scenario_file_free(f);
}

/* Samples of the run before the switch are those of the from model's run
 * (common random numbers); the first after it is not. */
static void test_switch_happens_when_due(void **state)
{
	(void)state;
	/* warm-up 56 d + at 63 d: the switch at day 119, the end of sample 17 of 7 days */
	struct scenario_file *f = load_text(
		"when", "run = { seed = 9; replications = 1; horizon = \"300 d\"; warmup = \"56 d\"; sample_every = \"7 d\"; };\n"
			"scenarios = ( { name = \"today\"; ownership = \"siloed\"; },\n"
			"  { name = \"move\"; ownership = \"chief_customer_officer\";\n"
			"    transition = { from = \"siloed\"; at = \"63 d\"; }; } );\n");
	struct rep_result a, b;
	run_one(f, "today", 0, &a);
	run_one(f, "move", 0, &b);
	size_t n = a.n_samples, before = 17;
	int after_differs = 0;
	for (int s = 0; s < SERIES_COUNT; s++) {
		for (size_t i = 0; i < before; i++)
			if (a.series[(size_t)s * n + i] != b.series[(size_t)s * n + i])
				fail_msg("series %d differs at sample %zu, before the switch", s, i);
		for (size_t i = before; i < before + 3; i++)
			after_differs |= a.series[(size_t)s * n + i] != b.series[(size_t)s * n + i];
	}
	assert_true(after_differs);
	/* the from model held for 63 of the window's 244 days: its management, the target's overlay after */
	double years = 244.0 / 365;
	double overlay = named(f, "move")->ownership.owners[named(f, "move")->ownership.journey_owner].cost_per_year;
	assert_near(b.metrics[metric_find("cost.overlay")], overlay * (244.0 - 63) / 365 / years, 1e-6);
	rep_result_fini(&a);
	rep_result_fini(&b);
	scenario_file_free(f);
}

/* `journeysim check` writes the transition (its from model in full) so that it loads back the same. */
static void test_printout_loads_back(void **state)
{
	(void)state;
	struct scenario_file *f = ju_load("config/examples/cco_payback.cfg");
	char path[128];
	snprintf(path, sizeof path, "%s/printed.cfg", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	struct js_error err = {0};
	assert_int_equal(scenario_file_print(f, fp, &err), 0);
	fclose(fp);
	struct scenario_file *g = ju_load(path);
	assert_int_equal(f->n_scenarios, g->n_scenarios);
	const struct scenario *a = named(f, "move_to_cco"), *b = named(g, "move_to_cco");
	assert_true(a->transition.present && a->transition.duration > 0 && a->transition.cost > 0);
	assert_memory_equal(&a->transition, &b->transition, sizeof a->transition);
	assert_memory_equal(&a->from, &b->from, sizeof a->from);
	assert_memory_equal(&a->ownership, &b->ownership, sizeof a->ownership);
	assert_false(named(g, "today")->transition.present);
	scenario_file_free(f);
	scenario_file_free(g);
}

static void test_horizon_before_the_switch_refused(void **state)
{
	(void)state;
	char path[128], out_dir[160], *out = NULL;
	snprintf(path, sizeof path, "%s/short.cfg", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("run = { replications = 1; horizon = \"1 y\"; warmup = \"30 d\"; };\n"
	      "scenarios = ( { name = \"today\"; ownership = \"siloed\"; },\n"
	      "  { name = \"move\"; ownership = \"chief_customer_officer\"; transition = { from = \"siloed\"; at = \"200 d\"; }; } );\n",
	      fp);
	fclose(fp);
	snprintf(out_dir, sizeof out_dir, "%s/out", dir);
	assert_int_equal(js_run(78, &out, "run %s -o %s --no-charts --horizon '200 d'", path, out_dir), 78);
	assert_non_null(strstr(out, "run.horizon: expected a horizon after the switch of scenario \"move\""));
	assert_int_equal(access(out_dir, F_OK), -1); /* nothing written */
	free(out);
}

static int setup(void **state)
{
	(void)state;
	test_tmpdir(dir, sizeof dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_at_zero_is_the_target),
		cmocka_unit_test(test_cost_lowers_margin_by_cost_over_years),
		cmocka_unit_test(test_ramp_and_dip_cost_margin),
		cmocka_unit_test(test_integrations_wait_for_their_project),
		cmocka_unit_test(test_switch_happens_when_due),
		cmocka_unit_test(test_printout_loads_back),
		cmocka_unit_test(test_horizon_before_the_switch_refused),
	};
	return cmocka_run_group_tests_name("transition", tests, setup, teardown);
}
