/*
 * test_cli_objective.c - issue 13, the simulator side: the declared
 * objective and its ranking, honest findings (no "beats" or crossover
 * without significance), key assumptions, capacity warnings, labels from the
 * schema and `check` of everything in a file. Every ranking is computed here
 * from the written tables of constructed scenarios, never asserted of presets.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "../sim/sweep/analysis.h"
#include "csv.h"
#include "json.h"
#include "metrics.h"
#include "scenario.h"
#include "settings.h"

#define OBJ_CFG "tests/data/cli/objective.cfg"
#define SAT_CFG "tests/data/cli/saturated.cfg"


static void json_load(struct json *root, const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *text = test_read_file(path, NULL);
	assert_non_null(text);
	struct js_error err;
	js_error_clear(&err);
	assert_int_equal(json_parse(root, text, path, &err), 0);
	free(text);
}

/* The mean of metric for scenario in DIR/summary.csv (NaN if absent). */
static double summary_mean(const char *dir, const char *scenario, const char *metric)
{
	char path[512];
	snprintf(path, sizeof path, "%s/summary.csv", dir);
	struct csv_table t;
	struct js_error err;
	js_error_clear(&err);
	assert_int_equal(csv_table_read(&t, path, 0, &err), 0);
	int cs = csv_table_column(&t, "scenario"), cm = csv_table_column(&t, "metric"),
	    cv = csv_table_column(&t, "mean");
	double v = NAN;
	for (size_t r = 0; r < t.n_rows; r++)
		if (strcmp(csv_table_get(&t, r, cs), scenario) == 0 && strcmp(csv_table_get(&t, r, cm), metric) == 0)
			v = atof(csv_table_get(&t, r, cv));
	csv_table_free(&t);
	return v;
}

static const char *const obj_scenarios[] = {"cheap", "rich", "slow"};

/* The scenario that is best on spec by summary.csv, computed here. */
static const char *best_by_summary(const char *dir, const struct objective *o)
{
	const char *best = NULL;
	double best_v = 0;
	for (size_t s = 0; s < 3; s++) {
		double v = summary_mean(dir, obj_scenarios[s], metric_table[o->metric].name);
		for (size_t i = 0; i < o->n_weights; i++)
			v += o->weight[i] * summary_mean(dir, obj_scenarios[s], metric_table[o->weight_metric[i]].name);
		if (!best || v * o->better > best_v * o->better) {
			best = obj_scenarios[s];
			best_v = v;
		}
	}
	return best;
}

/* ---- the objective ---- */

static void test_objective_parse(void **state)
{
	(void)state;
	struct objective o;
	char why[256];
	assert_int_equal(objective_parse("margin", &o, why, sizeof why), 0);
	assert_int_equal(o.metric, metric_find("margin"));
	assert_int_equal(o.better, METRIC_HIGHER);
	assert_int_equal(objective_parse("cost", &o, why, sizeof why), 0);
	assert_int_equal(o.metric, metric_find("cost.total"));
	assert_int_equal(o.better, METRIC_LOWER);
	assert_int_equal(objective_parse(" margin + 50000 * experience ", &o, why, sizeof why), 0);
	assert_int_equal(o.n_weights, 1);
	assert_int_equal(o.weight_metric[0], metric_find("experience.mean"));
	assert_true(o.weight[0] == 50000);
	double m[METRIC_COUNT] = {0};
	m[metric_find("margin")] = 100;
	m[metric_find("experience.mean")] = 2;
	assert_true(objective_value(&o, m) == 100100);
	assert_int_equal(objective_parse("experience-0.5*cost", &o, why, sizeof why), 0);
	assert_true(o.weight[0] == -0.5);
	char text[256];
	assert_int_equal(objective_parse("margin+50000*experience", &o, why, sizeof why), 0);
	objective_text(&o, "EUR", text, sizeof text);
	assert_string_equal(text, "margin + EUR 50,000/year per point of experience");
	const char *bad[] = {"", "profit", "margin+", "margin+x*cost", "margin*2", "margin+2cost",
			     "service.utilization", "margin+-3*cost"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (objective_parse(bad[i], &o, why, sizeof why) == 0)
			fail_msg("accepted the objective \"%s\"", bad[i]);
}

/* Every objective ranks the scenario that summary.csv says is best first,
 * in run.json and on the top line; on margin that is not the cheapest. */
static void test_ranking_is_best_on_objective(void **state)
{
	(void)state;
	const char *specs[] = {"margin", "cost", "experience", "nps", "margin+50000*experience"};
	for (size_t k = 0; k < sizeof specs / sizeof specs[0]; k++) {
		char dir[64], *out = NULL, why[256];
		test_tmpdir(dir, sizeof dir);
		assert_int_equal(js(&out, "run %s -o %s --no-charts --objective '%s' 2>/dev/null", OBJ_CFG, dir, specs[k]),
				 0);
		struct objective o;
		assert_int_equal(objective_parse(specs[k], &o, why, sizeof why), 0);
		const char *best = best_by_summary(dir, &o);
		struct json root;
		json_load(&root, dir, "run.json");
		const struct json *rk = json_get(&root, "ranking");
		assert_non_null(rk);
		assert_int_equal(rk->n, 3);
		assert_string_equal(json_get_string(&rk->items[0], "scenario", ""), best);
		assert_string_equal(json_get_string(json_get(&root, "objective"), "metric", ""),
				    metric_table[o.metric].name);
		/* the values fall in the objective's direction */
		for (size_t i = 0; i + 1 < rk->n; i++)
			assert_true(json_get_number(&rk->items[i], "value", NAN) * o.better >=
				    json_get_number(&rk->items[i + 1], "value", NAN) * o.better);
		/* the top line names the best, or says that it cannot be told apart */
		char first[256];
		snprintf(first, sizeof first, "%.*s", (int)strcspn(out, "\n"), out);
		assert_non_null(strstr(first, best));
		int sig = json_get(&rk->items[0], "significant")->number != 0;
		assert_true(sig ? strstr(first, "best on") != NULL : strstr(first, "cannot be told apart") != NULL);
		if (strcmp(specs[k], "margin") == 0) {
			/* the fixture's point: the cheapest model is not the best */
			assert_true(summary_mean(dir, "cheap", "cost.total") < summary_mean(dir, "rich", "cost.total"));
			assert_string_equal(best, "rich");
		}
		if (!objective_single(&o)) { /* a weighted objective is a row of its own */
			assert_true(isfinite(summary_mean(dir, best, "objective")));
		}
		json_free(&root);
		free(out);
		test_run(NULL, "rm -rf '%s'", dir);
	}
}

static void test_objective_errors(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(js(&out, "run %s -o /tmp/none --objective profit", OBJ_CFG), 64);
	assert_non_null(strstr(out, "--objective"));
	free(out);
	assert_int_equal(js(&out, "sweep tests/data/sweep/crossover.cfg -o /tmp/none --objective 'margin+'"), 64);
	free(out);
	char path[] = "/tmp/obj13-objective-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	fprintf(fp, "run = {\n  replications = 2;\n  objective = \"margin+x*cost\";\n};\n"
		    "scenarios = ({ name = \"a\"; ownership = \"siloed\"; });\n");
	fclose(fp);
	assert_int_equal(js(&out, "check %s", path), 78);
	char where[128];
	snprintf(where, sizeof where, "%s:3: run.objective:", path);
	if (!strstr(out, where))
		fail_msg("no %s in: %s", where, out);
	free(out);
	unlink(path);
}

/* ---- key assumptions ---- */

static void test_assumptions(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	/* the fixture sets no key assumption */
	size_t key = 0;
	for (size_t i = 0; i < schema_company.n; i++)
		key += (schema_company.entries[i].flags & SCHEMA_KEY) != 0;
	assert_int_equal(key, 20);
	assert_int_equal(js(&out, "run %s -o %s --no-charts 2>/dev/null", OBJ_CFG, dir), 0);
	char line[128];
	snprintf(line, sizeof line, "%zu of %zu key assumptions are illustrative defaults", key, key);
	assert_non_null(strstr(out, line));
	free(out);
	struct json root;
	json_load(&root, dir, "run.json");
	const struct json *a = json_get(&root, "assumptions");
	assert_int_equal((size_t)json_get_number(a, "key", 0), key);
	assert_int_equal((size_t)json_get_number(a, "defaults", 0), key);
	assert_non_null(strstr(json_get_string(&root, "interval_note", ""), "simulation noise only"));
	json_free(&root);
	/* one set in a scenario's override counts as the user's */
	char cfg[] = "/tmp/obj13-assume2-XXXXXX";
	int fd = mkstemp(cfg);
	FILE *fp = fdopen(fd, "w");
	fprintf(fp, "run = { replications = 2; horizon = \"40 d\"; };\n"
		    "company = { arrivals = { rate = 1.0; }; service = { initial_customers = 10; }; };\n"
		    "scenarios = ({ name = \"a\"; ownership = \"siloed\"; },\n"
		    " { name = \"b\"; ownership = \"siloed\"; company = { handoff = { p_loss_boundary = 0.2; }; }; });\n");
	fclose(fp);
	assert_int_equal(js(&out, "run %s -o %s --no-charts 2>/dev/null", cfg, dir), 0);
	snprintf(line, sizeof line, "%zu of %zu key assumptions", key - 1, key);
	assert_non_null(strstr(out, line));
	free(out);
	json_load(&root, dir, "run.json");
	const struct json *list = json_get(json_get(&root, "assumptions"), "list");
	int seen = 0;
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(json_get_string(&list->items[i], "path", ""), "company.handoff.p_loss_boundary") == 0) {
			seen = 1;
			assert_true(json_get(&list->items[i], "set_by_user")->number != 0);
			assert_string_equal(json_get_string(&list->items[i], "label", ""),
					    schema_find(&schema_company, "handoff.p_loss_boundary")->label);
		}
	assert_true(seen);
	json_free(&root);
	unlink(cfg);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- capacity ---- */

static void test_saturation_detected(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js(&out, "run %s -o %s --no-charts", SAT_CFG, dir), 0);
	assert_non_null(strstr(out, "warning: scenario \"two_seats\": contact centre saturated"));
	assert_null(strstr(out, "warning: scenario \"staffed\""));
	assert_non_null(strstr(out, "two_seats !"));
	free(out);
	struct json root;
	json_load(&root, dir, "run.json");
	const struct json *w = json_get(&root, "warnings");
	assert_int_equal(w->n, 1);
	assert_string_equal(json_get_string(&w->items[0], "scenario", ""), "two_seats");
	assert_string_equal(json_get_string(&w->items[0], "pool", ""), "service");
	assert_string_equal(json_get_string(&w->items[0], "kind", ""), "saturated");
	assert_true(json_get_number(&w->items[0], "utilisation", 0) >= 0.98);
	json_free(&root);
	/* check prints the expected load in plain words */
	assert_int_equal(js(&out, "check %s 2>/dev/null", SAT_CFG), 0);
	assert_non_null(strstr(out, "# scenario two_seats: contact centre: "));
	assert_non_null(strstr(out, "of 2 seats busy on average (utilisation"));
	free(out);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* cfg runs with no capacity warning: none on stderr, none in run.json. */
static void assert_no_capacity_warning(const char *cfg)
{
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js(&out, "run %s -o %s --no-charts --quiet", cfg, dir), 0);
	if (strstr(out, "warning"))
		fail_msg("%s: %s", cfg, out);
	free(out);
	struct json root;
	json_load(&root, dir, "run.json");
	assert_int_equal(json_get(&root, "warnings")->n, 0);
	json_free(&root);
	test_run(NULL, "rm -rf '%s'", dir);
}

static void test_validation_configs_not_flagged(void **state)
{
	(void)state;
	const char *cfgs[] = {"mm1_sales", "mmc_delivery", "mmc_service", "tandem"};
	for (size_t i = 0; i < sizeof cfgs / sizeof cfgs[0]; i++) {
		char cfg[128];
		snprintf(cfg, sizeof cfg, "config/validation/%s.cfg", cfgs[i]);
		assert_no_capacity_warning(cfg);
	}
}

/* A yearly peak of a job or two in a 26-seller team is a season, not a pool
 * that cannot keep up (tests/data/cli/seasonal.cfg was flagged before the
 * half-a-job-per-server condition). */
static void test_seasonal_peak_not_flagged(void **state)
{
	(void)state;
	assert_no_capacity_warning("tests/data/cli/seasonal.cfg");
}

/* Effort by cause is per customer-year, so it does not grow with the horizon:
 * a total per customer over the window was 2.5 times larger over 3 years than
 * over 1 on this company. */
static void test_effort_per_customer_year(void **state)
{
	(void)state;
	char one[64], three[64];
	test_tmpdir(one, sizeof one);
	test_tmpdir(three, sizeof three);
	assert_int_equal(js(NULL, "run tests/data/model/small.cfg -o %s --horizon '1 y' --reps 6 --no-charts --quiet", one), 0);
	assert_int_equal(js(NULL, "run tests/data/model/small.cfg -o %s --horizon '3 y' --reps 6 --no-charts --quiet", three), 0);
	double a = summary_mean(one, "siloed", "experience.effort.transfer");
	double b = summary_mean(three, "siloed", "experience.effort.transfer");
	assert_true(a > 0 && b > 0);
	if (b / a < 0.8 || b / a > 1.25)
		fail_msg("transfer effort per customer-year: %g over 1 y, %g over 3 y", a, b);
	test_run(NULL, "rm -rf '%s' '%s'", one, three);
}

/* ---- honest sweep findings ---- */

/* A one-parameter grid whose difference changes sign: significantly
 * (both ends' intervals exclude 0) or not (the band holds 0 at one end). */
static size_t crossovers_of(double lo_shift)
{
	struct sweep_plan p;
	memset(&p, 0, sizeof p);
	p.design = SWEEP_GRID;
	p.n_scenarios = 2;
	snprintf(p.scenarios[0], NAME_LEN, "base");
	snprintf(p.scenarios[1], NAME_LEN, "alt");
	p.n_metrics = 1;
	p.metrics[0] = metric_find("margin");
	p.n_params = 1;
	double levels[5] = {1, 2, 3, 4, 5};
	snprintf(p.params[0].path, SWEEP_PATH_LEN, "handoff.delay_boundary");
	snprintf(p.params[0].unit, sizeof p.params[0].unit, "days");
	p.params[0].n_levels = 5;
	p.params[0].levels = levels;
	size_t axis_base = 1, stride = 1;
	struct summary stats[5 * 2];
	const double d[5] = {-2, -1, 0.5, 1, 2};
	for (size_t i = 0; i < 5; i++) {
		stats[i * 2] = (struct summary){0, 0, 0, 0, 3};
		/* half-width 0.5 + lo_shift: a wide band holds 0 everywhere */
		stats[i * 2 + 1] = (struct summary){d[i], 0, d[i] - 0.5 - lo_shift, d[i] + 0.5 + lo_shift, 3};
	}
	struct analysis a = {&p, 2, stats, NULL, &axis_base, &stride, NULL};
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	struct sweep_report rep;
	memset(&rep, 0, sizeof rep);
	assert_int_equal(sweep_crossovers_write(&a, fp, &rep), 0);
	fclose(fp);
	size_t rows = 0;
	for (char *q = text; q && *q; q++)
		rows += *q == '\n';
	assert_int_equal(rows, rep.n_crossovers);
	for (size_t i = 0; i < rep.n_crossovers; i++) {
		char line[1024];
		sweep_crossover_describe(&p, &rep.crossovers[i], line, sizeof line);
		assert_non_null(strstr(line, "beats"));
		/* labels from the schema, not key names */
		assert_non_null(strstr(line, schema_find(&schema_company, "handoff.delay_boundary")->label));
		assert_null(strstr(line, "handoff.delay_boundary"));
	}
	free(text);
	sweep_report_fini(&rep);
	return rows;
}

static void test_no_false_crossovers(void **state)
{
	(void)state;
	assert_int_equal(crossovers_of(0), 1);  /* the ends exclude 0 on both sides */
	assert_int_equal(crossovers_of(2), 0);  /* the band holds 0 at every level: no crossover, no "beats" */
}

/* The sweep summary: labels from the schema; manifest.json's too. */
static void test_sweep_labels_and_manifest(void **state)
{
	(void)state;
	char dir[64], *out = NULL;
	test_tmpdir(dir, sizeof dir);
	assert_int_equal(js(&out, "sweep tests/data/sweep/tornado.cfg -o %s --no-charts --metric cost "
				  "--contrast chief_customer_officer-siloed 2>/dev/null",
			    dir),
			 0);
	struct json root;
	json_load(&root, dir, "manifest.json");
	const struct json *prm = json_get(&root, "parameters");
	assert_true(prm->n > 0);
	for (size_t i = 0; i < prm->n; i++) {
		char label[160], unit[64];
		scenario_param_label(json_get_string(&prm->items[i], "path", ""), label, sizeof label, unit,
				     sizeof unit);
		assert_string_equal(json_get_string(&prm->items[i], "label", ""), label);
		assert_string_not_equal(label, json_get_string(&prm->items[i], "path", ""));
	}
	assert_string_equal(json_get_string(&root, "metric", ""), "cost.total");
	const struct json *c = json_get(&root, "contrast");
	assert_int_equal(c->n, 2);
	assert_string_equal(c->items[0].string, "chief_customer_officer");
	json_free(&root);
	assert_null(strstr(out, "largest swings") ? strstr(strstr(out, "largest swings"), "handoff.") : NULL);
	free(out);
	char path[512];
	snprintf(path, sizeof path, "%s/tornado.csv", dir);
	char *t = test_read_file(path, NULL);
	assert_non_null(strstr(t, "\nchief_customer_officer-siloed,cost.total,"));
	free(t);
	/* bad values of the options are usage errors */
	assert_int_equal(js(NULL, "sweep tests/data/sweep/tornado.cfg -o %s --contrast a-b", dir), 64);
	assert_int_equal(js(NULL, "sweep tests/data/sweep/tornado.cfg -o %s --metric nosuch", dir), 64);
	test_run(NULL, "rm -rf '%s'", dir);
}

/* ---- check validates everything ---- */

static void test_check_sweep_group(void **state)
{
	(void)state;
	char path[] = "/tmp/obj13-sweep-XXXXXX", *out = NULL;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	fprintf(fp, "run = { replications = 2; };\nscenarios = ({ name = \"a\"; ownership = \"siloed\"; });\n"
		    "sweep = {\n  design = \"grid\";\n  parameters = ({ path = \"handoff.nope\"; values = [1, 2]; });\n};\n");
	fclose(fp);
	assert_int_equal(js(&out, "check %s", path), 78);
	char where[128];
	snprintf(where, sizeof where, "%s:5: sweep.parameters[0].path", path);
	if (!strstr(out, where))
		fail_msg("no %s in: %s", where, out);
	free(out);
	/* an owner no swept scenario has: refused, and the message says why */
	fp = fopen(path, "w");
	fprintf(fp, "run = { replications = 2; };\nscenarios = ({ name = \"a\"; ownership = \"siloed\"; });\n"
		    "sweep = {\n  design = \"grid\";\n  parameters = ({ path = \"ownership.owners.cco.cost_per_year\"; "
		    "values = [1, 2]; });\n};\n");
	fclose(fp);
	assert_int_equal(js(&out, "check %s", path), 78);
	assert_non_null(strstr(out, "no scenario's model has that owner"));
	free(out);
	/* accepted where a swept scenario (not the baseline) has the owner */
	fp = fopen(path, "w");
	fprintf(fp, "run = { replications = 2; };\nscenarios = ({ name = \"a\"; ownership = \"siloed\"; },\n"
		    " { name = \"b\"; ownership = \"chief_customer_officer\"; });\n"
		    "sweep = {\n  design = \"grid\";\n  parameters = ({ path = \"ownership.owners.cco.cost_per_year\"; "
		    "values = [1, 2]; });\n};\n");
	fclose(fp);
	assert_int_equal(js(&out, "check %s", path), 0);
	free(out);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objective_parse),
		cmocka_unit_test(test_ranking_is_best_on_objective),
		cmocka_unit_test(test_objective_errors),
		cmocka_unit_test(test_assumptions),
		cmocka_unit_test(test_saturation_detected),
		cmocka_unit_test(test_validation_configs_not_flagged),
		cmocka_unit_test(test_seasonal_peak_not_flagged),
		cmocka_unit_test(test_effort_per_customer_year),
		cmocka_unit_test(test_no_false_crossovers),
		cmocka_unit_test(test_sweep_labels_and_manifest),
		cmocka_unit_test(test_check_sweep_group),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
