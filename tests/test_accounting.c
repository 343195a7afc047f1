/*
 * test_accounting.c - each metric's one definition (docs/model.md, section
 * "Accounting") holds as an identity, exactly up to floating-point rounding,
 * on one replication of every scenario: the shipped presets on the tiny
 * company (tests/data/model/all_presets.cfg) and on config/default.cfg (a
 * shortened horizon, so that day-0 customers and won customers both reach a
 * term end). Flows add up, shares add to 1, revenue - cost = margin, the
 * cost components add up to the total, renewal + churn = 1.
 *
 * With no warm-up the window is the whole run, so the per-year window
 * metrics times the window's years equal the run's flow counts: that ties
 * each window definition to its count (funnel.leaked leaves transfer drops
 * out, renewal.rate counts the drops at the renewal handoff).
 */
#include <string.h>

#include "journey_util.h"
#include "metrics.h"

#define REL 1e-9

static double get(const double *m, const char *name)
{
	int k = metric_find(name);
	if (k < 0)
		fail_msg("no metric %s", name);
	return m[k];
}

/* a == b up to rounding, relative to the larger of the two (or 1). */
static void near(const char *what, double a, double b)
{
	double scale = fmax(1, fmax(fabs(a), fabs(b)));
	if (!(fabs(a - b) <= REL * scale))
		fail_msg("%s: %.17g != %.17g", what, a, b);
}

/* A count, as counted (a window count recovered from a per-year rate). */
static void whole(const char *what, double x)
{
	if (!(fabs(x - round(x)) <= 1e-6 * fmax(1, fabs(x))))
		fail_msg("%s: %.17g is not a whole count", what, x);
}

static void identities(const struct scenario *s, const struct run_settings *run, const double *m)
{
	double years = (run->horizon - run->warmup) / 365;
	/* flows since day 0 (F1-F6) */
	near("F1 arrived = prospects + initial", get(m, "flow.arrived"), get(m, "flow.prospects") + get(m, "flow.initial"));
	near("F2 arrived = no_lead + lost + dropped + churned + in_system", get(m, "flow.arrived"),
	     get(m, "flow.no_lead") + get(m, "flow.lost") + get(m, "flow.dropped") + get(m, "flow.churned") +
		     get(m, "flow.in_system"));
	near("F3 dropped = the four dropped_*", get(m, "flow.dropped"),
	     get(m, "flow.dropped_lead") + get(m, "flow.dropped_order") + get(m, "flow.dropped_onboarding") +
		     get(m, "flow.dropped_renewal"));
	near("F4 churned = new + initial", get(m, "flow.churned"),
	     get(m, "flow.churned_new") + get(m, "flow.churned_initial"));
	near("F5 leads = first + requalified", get(m, "flow.leads"),
	     get(m, "flow.leads_first") + get(m, "flow.requalified"));
	near("F6 wins = delivered + dropped_order + awaiting", get(m, "flow.wins"),
	     get(m, "flow.delivered") + get(m, "flow.dropped_order") + get(m, "flow.awaiting_delivery"));
	near("flow.initial = initial_customers", get(m, "flow.initial"), s->company.service.initial_customers);
	/* a delivered customer is retained, or left after delivery */
	double after = get(m, "flow.delivered") - get(m, "flow.retained") - get(m, "flow.dropped_onboarding") -
		       get(m, "flow.churned_new");
	assert_true(after >= 0 && after <= get(m, "flow.dropped_renewal"));

	/* shares (W1-W3) */
	near("W1 renewal + churn = 1", get(m, "renewal.rate") + get(m, "renewal.churn"), 1);
	assert_true(get(m, "renewal.dropped") >= 0 && get(m, "renewal.dropped") <= get(m, "renewal.churn"));
	near("W3 promoters + passives + detractors = 1",
	     get(m, "experience.promoters") + get(m, "experience.passives") + get(m, "experience.detractors"), 1);

	/* money (W4-W6, W8, W9) */
	near("W4 revenue = deals + upsells + renewals", get(m, "revenue.total"),
	     get(m, "revenue.deals") + get(m, "revenue.upsells") + get(m, "revenue.renewals"));
	static const char *const parts[] = {"cost.staff",      "cost.variable",   "cost.rework",     "cost.transition", "cost.management", "cost.overlay",
					    "cost.coordination", "cost.technology", "cost.marketing"};
	double sum = 0;
	for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
		assert_true(get(m, parts[k]) >= 0); /* W9 */
		sum += get(m, parts[k]);
	}
	/* staff cost by pool adds up to the staff cost */
	static const char *const staff[] = {"cost.staff.sales", "cost.staff.delivery", "cost.staff.service"};
	double staff_sum = 0;
	for (size_t k = 0; k < sizeof staff / sizeof *staff; k++) {
		assert_true(get(m, staff[k]) >= 0);
		staff_sum += get(m, staff[k]);
	}
	near("cost.staff = its pools", get(m, "cost.staff"), staff_sum);
	/* every cost.* metric is a component, a pool's staff or the total: a new one must be added here */
	size_t n_cost = 0;
	for (int k = 0; k < METRIC_COUNT; k++)
		n_cost += strncmp(metric_table[k].name, "cost.", 5) == 0;
	assert_int_equal(n_cost, sizeof parts / sizeof *parts + sizeof staff / sizeof *staff + 1);
	near("W5 cost.total = components", get(m, "cost.total"), sum);
	near("W6 margin = revenue - cost", get(m, "margin"), get(m, "revenue.total") - get(m, "cost.total"));
	/* acquisition and serving split the total */
	near("W8 cac x wins + cts x active = cost.total",
	     get(m, "kpi.cost_to_acquire") * get(m, "funnel.wins") + get(m, "kpi.cost_to_serve") * get(m, "customers.active"),
	     get(m, "cost.total"));
	double r = get(m, "renewal.rate"), life = s->company.service.term / 365 / fmax(0.05, 1 - r);
	near("lifetime value",
	     get(m, "kpi.lifetime_value"),
	     (get(m, "revenue.total") / get(m, "customers.active") - get(m, "kpi.cost_to_serve")) * life -
		     get(m, "kpi.cost_to_acquire"));
	/* cost.rework is the variable money of redone orders: a part of the busy-day
	 * money (cost.variable holds the rest), none without a cost per busy day */
	assert_true(get(m, "cost.rework") >= 0 && get(m, "cost.variable") >= 0); /* rework <= all busy-day money */
	if (s->company.delivery.pool.cost_per_busy_day == 0)
		assert_true(get(m, "cost.rework") == 0);
	assert_true(get(m, "delivery.rework_share") >= 0 && get(m, "delivery.rework_share") < 1);

	/* contacts (W7): all channels = self-served + assisted, as counts */
	double contacts = get(m, "service.contacts") * years, assisted = get(m, "service.assisted") * years;
	whole("contacts", contacts);
	whole("assisted", assisted);
	assert_true(assisted <= contacts);
	assert_true(get(m, "service.transferred") >= 0 &&
		    get(m, "service.transferred") <= get(m, "service.transfers"));
	whole("transferred contacts", get(m, "service.transferred") * assisted);
	whole("first-contact resolutions", get(m, "service.fcr") * assisted);
	assert_true(get(m, "service.fcr") <= 1 && get(m, "service.self_service_success") <= 1);
	whole("leaked", get(m, "funnel.leaked") * years);
}

/* With no warm-up, window counts are run counts. */
static void window_is_run(const double *m, const struct run_settings *run)
{
	double years = run->horizon / 365;
	near("prospects", get(m, "funnel.prospects") * years, get(m, "flow.prospects"));
	near("leads", get(m, "funnel.leads") * years, get(m, "flow.leads"));
	near("wins", get(m, "funnel.wins") * years, get(m, "flow.wins"));
	near("conversion = first leads / prospects", get(m, "funnel.conversion"),
	     get(m, "flow.leads_first") / get(m, "flow.prospects"));
	/* leaked: those who leave at the lead, order and onboarding handoffs, not transfers or renewals */
	near("leaked", get(m, "funnel.leaked") * years,
	     get(m, "flow.dropped_lead") + get(m, "flow.dropped_order") + get(m, "flow.dropped_onboarding"));
	double decided = get(m, "flow.renewed") + get(m, "flow.churned") + get(m, "flow.dropped_renewal");
	near("renewal.rate", get(m, "renewal.rate"), get(m, "flow.renewed") / decided);
	near("W2 churn - dropped = churned / decided", get(m, "renewal.churn") - get(m, "renewal.dropped"),
	     get(m, "flow.churned") / decided);
	near("renewal.dropped", get(m, "renewal.dropped"), get(m, "flow.dropped_renewal") / decided);
}

static void run_file(const char *path, double horizon, double warmup, int check_window)
{
	struct scenario_file *f = ju_load(path);
	struct run_settings run = f->run;
	if (horizon > 0) {
		run.horizon = horizon;
		run.warmup = warmup;
	}
	int renewal_drops = 0, transfer_drops = 0;
	for (size_t i = 0; i < f->n_scenarios; i++) {
		struct rep_result res;
		struct js_error err = {0};
		if (journey_run(&f->scenarios[i], &run, 0, 0, &res, &err) < 0)
			fail_msg("%s", err.msg);
		print_message("    %-26s margin %.6g  renewal %.4f + churn %.4f  fcr %.3f  transferred %.3f\n",
			      f->scenarios[i].name, res.metrics[M_MARGIN], res.metrics[M_RENEWAL_RATE],
			      res.metrics[M_CHURN], res.metrics[M_FCR], res.metrics[M_TRANSFERRED]);
		identities(&f->scenarios[i], &run, res.metrics);
		if (check_window)
			window_is_run(res.metrics, &run);
		renewal_drops += res.metrics[M_FLOW_DROPPED_RENEWAL] > 0;
		transfer_drops += res.metrics[M_TRANSFERS_DROPPED] > 0;
		rep_result_fini(&res);
	}
	if (check_window) {
		/* the cases the definitions are about do occur */
		assert_true(renewal_drops > 0);
		assert_true(transfer_drops > 0);
	}
	scenario_file_free(f);
}

static void test_presets_tiny(void **state)
{
	(void)state;
	run_file("tests/data/model/all_presets.cfg", 0, 0, 0);
}

static void test_presets_default(void **state)
{
	(void)state;
	run_file("config/default.cfg", 450, 30, 0);
}

static void test_window_is_run(void **state)
{
	(void)state;
	run_file("config/default.cfg", 450, 0, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presets_tiny),
		cmocka_unit_test(test_presets_default),
		cmocka_unit_test(test_window_is_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
