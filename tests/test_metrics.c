/*
 * test_metrics.c - the metric table of include/metrics.h: every metric has a
 * name, display name, unit, direction and description; the directions the
 * sweep and the charts once guessed differently (flow.*, customers.active)
 * have one answer; and docs/outputs.md's tables are the ones the table
 * writes (`make docs`).
 */
#include <string.h>

#include "testutil.h"

#include "metrics.h"

static void test_table_complete(void **state)
{
	(void)state;
	for (int m = 0; m < METRIC_COUNT; m++) {
		const struct metric_info *i = &metric_table[m];
		assert_non_null(i->name);
		assert_true(*i->name && *i->label && *i->unit && *i->description);
		assert_true(i->better == METRIC_HIGHER || i->better == METRIC_LOWER || i->better == METRIC_NEUTRAL);
		assert_int_equal(metric_find(i->name), m); /* names are unique */
		assert_int_equal(metric_better_find(i->name), i->better);
	}
	assert_int_equal(metric_find("no.such_metric"), -1);
	assert_int_equal(metric_better_find("no.such_metric"), METRIC_NEUTRAL);
	/* a series named as a metric takes the metric's answer */
	assert_int_equal(metric_better_find("customers.active"), METRIC_HIGHER);
}

static void test_directions(void **state)
{
	(void)state;
	assert_int_equal(metric_better_find("margin"), METRIC_HIGHER);
	assert_int_equal(metric_better_find("experience.mean"), METRIC_HIGHER);
	assert_int_equal(metric_better_find("cost.total"), METRIC_LOWER);
	assert_int_equal(metric_better_find("kpi.cost_to_serve"), METRIC_LOWER);
	assert_int_equal(metric_better_find("kpi.lifetime_value"), METRIC_HIGHER);
	assert_int_equal(metric_better_find("experience.effort.fast"), METRIC_LOWER); /* a gain is negative */
	assert_int_equal(metric_better_find("sales.utilization"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("service.throughput"), METRIC_HIGHER);
	/* the two that sim/sweep and plots/ disagreed on */
	assert_int_equal(metric_better_find("customers.active"), METRIC_HIGHER);
	static const char *const twins[][2] = {
		{"flow.wins", "funnel.wins"},         {"flow.leads", "funnel.leads"},
		{"flow.dropped", "funnel.leaked"},    {"flow.churned", "renewal.churn"},
		{"flow.renewed", "renewal.rate"},     {"flow.delivered", "delivery.throughput"},
		{"flow.rework", "cost.rework"},       {"flow.lost", "funnel.leaked"},
		{"flow.no_lead", "funnel.leaked"},
		{"flow.dropped_lead", "funnel.leaked"}, {"flow.dropped_order", "funnel.leaked"},
		{"flow.dropped_onboarding", "funnel.leaked"}, {"flow.dropped_renewal", "renewal.churn"},
		{"flow.churned_new", "renewal.churn"},  {"flow.churned_initial", "renewal.churn"},
		{"flow.leads_first", "funnel.leads"},   {"flow.retained", "customers.active"},
	};
	for (size_t k = 0; k < sizeof twins / sizeof *twins; k++) {
		assert_int_not_equal(metric_better_find(twins[k][0]), METRIC_NEUTRAL);
		assert_int_equal(metric_better_find(twins[k][0]), metric_better_find(twins[k][1]));
	}
	assert_int_equal(metric_better_find("flow.arrived"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("flow.in_system"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("flow.nurtured"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("flow.prospects"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("flow.initial"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("flow.requalified"), METRIC_NEUTRAL);
	assert_int_equal(metric_better_find("flow.awaiting_delivery"), METRIC_NEUTRAL);
}

/* docs/outputs.md from "## Metrics" to the end is what metric_doc_write
 * writes, to the byte: a metric added, removed or changed without `make
 * docs` fails here. */
static void test_docs_agree(void **state)
{
	(void)state;
	char *doc = test_read_file("docs/outputs.md", NULL);
	if (!doc)
		fail_msg("docs/outputs.md is missing");
	char *want = test_capture(metric_doc_write);
	assert_non_null(want);
	const char *tail = strstr(doc, "\n## Metrics\n");
	if (!tail)
		fail_msg("docs/outputs.md has no \"## Metrics\" section");
	tail++;
	if (strcmp(tail, want) != 0) {
		size_t i = 0;
		while (tail[i] && tail[i] == want[i])
			i++;
		const char *line = want + i;
		while (line > want && line[-1] != '\n')
			line--;
		fail_msg("docs/outputs.md's metric tables differ from include/metrics.h (run `make docs`), "
			 "first at:\n%.200s",
			 line);
	}
	free(want);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_directions),
		cmocka_unit_test(test_docs_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
