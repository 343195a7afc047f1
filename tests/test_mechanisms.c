/*
 * test_mechanisms.c - every ownership mechanism moves its documented metric
 * in the documented direction (docs/model.md), significantly, in a paired
 * comparison with common random numbers; fragmentation is derived from the
 * ownership data; results depend on the data, never on a preset's name or
 * on a scenario's position in the file.
 */
#include <dirent.h>

#include "../sim/journey/stages.h" /* enum purpose (the keys of the journey's draws), quality effects */
#include "journey_util.h"
#include "ownership.h"
#include "rng.h"

#define REPS 8

static struct scenario_file *model;

static int setup(void **state)
{
	(void)state;
	model = ju_load("tests/data/model/small.cfg");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	scenario_file_free(model);
	return 0;
}

static const struct scenario *preset(const char *name)
{
	for (size_t i = 0; i < model->n_scenarios; i++)
		if (strcmp(model->scenarios[i].name, name) == 0)
			return &model->scenarios[i];
	fail_msg("no scenario %s in small.cfg", name);
	return NULL;
}

/* Raises (or sets) one company parameter and checks the direction of each
 * listed metric's paired change: +1 up, -1 down. */
struct effect {
	const char *metric;
	int direction;
};

static void check_param(const char *base, const char *path, double value, const struct effect *e, size_t n)
{
	static struct scenario a, b;
	a = *preset(base);
	b = a;
	struct js_error err = {0};
	assert_int_equal(scenario_param_set(&b, path, value, &err), 0);
	print_message("  %s: %s = %g\n", base, path, value);
	for (size_t i = 0; i < n; i++) {
		struct summary d;
		assert_int_equal(ju_paired_sign(&a, &b, &model->run, REPS, e[i].metric, &d), e[i].direction);
	}
}

static void check_scenarios(const struct scenario *a, const struct scenario *b, const struct effect *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct summary d;
		assert_int_equal(ju_paired_sign(a, b, &model->run, REPS, e[i].metric, &d), e[i].direction);
	}
}

/* M1: more context lost at boundaries: customers repeat themselves, errors and
 * churn rise, experience falls, serving each customer costs more. */
static void test_m1_handoff_context_loss(void **state)
{
	(void)state;
	const struct effect e[] = {{"handoff.context_lost", +1},
				   {"experience.effort.repeat", +1},
				   {"experience.mean", -1},
				   {"flow.rework", +1},
				   {"kpi.cost_to_serve", +1}};
	check_param("siloed", "handoff.p_loss_boundary", 0.6, e, sizeof e / sizeof e[0]);
}

/* M1: longer acceptance delays at boundaries slow first contact and lose deals. */
static void test_m1_handoff_delay(void **state)
{
	(void)state;
	const struct effect e[] = {{"journey.speed_to_lead", +1}, {"funnel.win_rate", -1}};
	check_param("siloed", "handoff.delay_boundary", 5.0, e, sizeof e / sizeof e[0]);
}

/* M2: every extra unintegrated system raises conflicting messages. */
static void test_m2_fragmented_view(void **state)
{
	(void)state;
	const struct effect e[] = {{"view.inconsistent", +1},
				   {"experience.effort.inconsistent", +1},
				   {"experience.mean", -1}};
	check_param("siloed", "view.p_per_system", 0.25, e, sizeof e / sizeof e[0]);
}

/* M2: integrating the systems (data, not a preset) removes inconsistency. */
static void test_m2_integration_helps(void **state)
{
	(void)state;
	static struct scenario a, b;
	a = *preset("siloed");
	b = a;
	b.ownership.n_integrations = 3;
	for (int t = 0; t < 3; t++) {
		b.ownership.integration[t][0] = (enum stage)t;
		b.ownership.integration[t][1] = (enum stage)(t + 1);
	}
	const struct effect e[] = {{"view.inconsistent", -1}, {"handoff.context_lost", -1},
				   {"cost.technology", +1}};
	check_scenarios(&a, &b, e, sizeof e / sizeof e[0]);
}

/* M3: a council that meets less often leaves defects open longer. */
static void test_m3_slower_council(void **state)
{
	(void)state;
	const struct effect e[] = {{"defects.fix_days", +1}, {"defects.open_mean", +1}};
	check_param("customer_council", "governance.council_every", 120.0, e, sizeof e / sizeof e[0]);
}

/* M3: escalation to a busier CEO slows fixes in a siloed company. */
static void test_m3_escalation_latency(void **state)
{
	(void)state;
	const struct effect e[] = {{"defects.fix_days", +1}, {"defects.open_mean", +1}};
	check_param("siloed", "governance.decision_escalation", 240.0, e, sizeof e / sizeof e[0]);
}

/* M3: a decision that needs every party waits for the slowest of them: with
 * slow parties, bilateral governance fixes defects later than one decider. */
static void test_m3_bilateral_parties(void **state)
{
	(void)state;
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("siloed");
	assert_int_equal(scenario_param_set(&a, "governance.decision_party", 60.0, &err), 0);
	a.ownership.governance = GOV_SINGLE;
	a.ownership.decider = 0;
	b = a;
	b.ownership.governance = GOV_BILATERAL;
	const struct effect e[] = {{"defects.fix_days", +1}};
	check_scenarios(&a, &b, e, sizeof e / sizeof e[0]);
}

/* M4: a slower central IT delivery raises the time to fix on an IT-run journey. */
static void test_m4_it_lead_time(void **state)
{
	(void)state;
	const struct effect e[] = {{"defects.fix_days", +1}, {"defects.open_mean", +1}};
	check_param("cio_led", "technology.lead_time.it", 180.0, e, sizeof e / sizeof e[0]);
}

/* M4: faster-growing integration debt on vendor systems wears the handoffs. */
static void test_m4_integration_debt(void **state)
{
	(void)state;
	const struct effect e[] = {{"technology.debt", +1}, {"handoff.context_lost", +1},
				   {"defects.opened", +1}};
	check_param("cmo_shadow_it", "technology.debt_per_year", 0.9, e, sizeof e / sizeof e[0]);
}

/* M5: the same service team under a cost-focused owner resolves fewer
 * contacts first time and sells less than under an experience focus. */
static void test_m5_metric_focus(void **state)
{
	(void)state;
	static struct scenario a, b;
	a = *preset("siloed");
	b = a;
	int svc = b.ownership.stage_owner[STAGE_SERVICE];
	assert_int_equal(a.ownership.owners[svc].focus, FOCUS_COST);
	b.ownership.owners[svc].focus = FOCUS_EXPERIENCE;
	const struct effect e[] = {{"service.fcr", +1}, {"experience.effort.unresolved", -1},
				   {"service.utilization", +1}, {"revenue.upsells", +1}};
	check_scenarios(&a, &b, e, sizeof e / sizeof e[0]);
}

/* M5: a volume-driven marketing passes weaker leads that waste sales capacity. */
static void test_m5_weaker_leads(void **state)
{
	(void)state;
	const struct effect e[] = {{"funnel.leads", +1}, {"funnel.win_rate", -1}, {"sales.utilization", +1}};
	check_param("siloed", "policy.threshold_shift.revenue", -0.3, e, sizeof e / sizeof e[0]);
}

/* M6: fewer agents, longer waits, more effort from waiting. */
static void test_m6_capacity(void **state)
{
	(void)state;
	const struct effect e[] = {{"delivery.wait_mean", +1}, {"experience.effort.wait", +1},
				   {"journey.time_to_customer", +1}};
	check_param("siloed", "delivery.pool.servers", 7, e, sizeof e / sizeof e[0]);
}

/* M7: transfers that hurt more lower experience and renewal. */
static void test_m7_experience(void **state)
{
	(void)state;
	const struct effect e[] = {{"experience.effort.transfer", +1}, {"experience.mean", -1},
				   {"renewal.rate", -1}};
	check_param("siloed", "experience.transfer", 2.5, e, sizeof e / sizeof e[0]);
}

/* M8: each component of cost follows its driver. */
static void test_m8_economics(void **state)
{
	(void)state;
	const struct effect coordination[] = {{"cost.coordination", +1}, {"cost.total", +1}, {"margin", -1}};
	check_param("siloed", "handoff.cost_per_crossing", 500.0, coordination, 3);
	const struct effect vendor[] = {{"cost.technology", +1}};
	check_param("cmo_shadow_it", "technology.system_cost.own", 900000.0, vendor, 1);
	const struct effect value[] = {{"revenue.deals", +1}, {"kpi.lifetime_value", +1}};
	check_param("siloed", "sales.deal_value", 12000.0, value, 2);
}

/* ---- issue 12: each mechanism's two sides ---- */

/* a and b from one preset, path set to va in a and to vb in b. */
static void check_set(const char *base, const char *path, double va, double vb, const struct effect *e, size_t n)
{
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset(base);
	assert_int_equal(scenario_param_set(&a, path, va, &err), 0);
	b = a;
	assert_int_equal(scenario_param_set(&b, path, vb, &err), 0);
	print_message("  %s: %s = %g -> %g\n", base, path, va, vb);
	check_scenarios(&a, &b, e, n);
}

#define N_OF(e) (sizeof(e) / sizeof((e)[0]))

/* Two scenarios give byte-identical metrics in one replication. */
static void expect_identical(const struct scenario *a, const struct scenario *b)
{
	struct rep_result ra, rb;
	struct js_error err = {0};
	assert_int_equal(journey_run(a, &model->run, 0, 0, &ra, &err), 0);
	assert_int_equal(journey_run(b, &model->run, 0, 0, &rb, &err), 0);
	assert_memory_equal(ra.metrics, rb.metrics, sizeof ra.metrics);
	rep_result_fini(&ra);
	rep_result_fini(&rb);
}

/* Lead quality acts downstream: a selective marketing makes fewer leads but
 * better customers (larger deals, fewer contacts; with a strong quality
 * effect on renewal, more renewals). */
static void test_m5_selectivity_two_sided(void **state)
{
	(void)state;
	const struct effect e[] = {{"funnel.leads", -1}, {"sales.deal_mean", +1},
				   {"service.contacts_per_customer", -1}};
	check_set("siloed", "marketing.quality_threshold", 0.3, 0.7, e, N_OF(e));
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("siloed");
	assert_int_equal(scenario_param_set(&a, "renewal.quality_logit", 4, &err), 0);
	b = a;
	assert_int_equal(scenario_param_set(&b, "marketing.quality_threshold", 0.7, &err), 0);
	const struct effect renew[] = {{"renewal.rate", +1}};
	check_scenarios(&a, &b, renew, 1);
}

/* Volume has a price: more leads, more campaign spend, more variable sales cost. */
static void test_m5_volume_two_sided(void **state)
{
	(void)state;
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("siloed");
	b = a;
	assert_int_equal(scenario_param_set(&b, "policy.qualify_factor.revenue", 1.6, &err), 0);
	assert_int_equal(scenario_param_set(&b, "policy.marketing_spend.revenue", 1.6, &err), 0);
	const struct effect e[] = {{"funnel.leads", +1}, {"cost.marketing", +1}, {"cost.variable", +1}};
	check_scenarios(&a, &b, e, N_OF(e));
}

/* With the quality effects off, quality changes no renewal chance, contract or contact rate (exact). */
static void test_quality_neutral(void **state)
{
	(void)state;
	static struct scenario s;
	s = *preset("siloed");
	struct company *co = &s.company;
	co->renewal.quality_logit = 0;
	co->sales.deal_quality = 0;
	co->service.contacts_quality = 0;
	for (double q = 0; q <= 1; q += 0.25) {
		assert_true(experience_renewal_chance(co, 6.5, q) == experience_renewal_chance(co, 6.5, 0.5));
		assert_true(sales_contract_size(co, q) == 1);
		assert_true(service_contacts_per_year(co, q) == co->service.contacts_per_year);
	}
	/* at the defaults, quality is defined at the median prospect */
	s = *preset("siloed");
	assert_true(sales_contract_size(&s.company, 0.5) == 1);
	assert_true(experience_renewal_chance(&s.company, 7, 0.5) == s.company.renewal.p_at_neutral ||
		    fabs(experience_renewal_chance(&s.company, 7, 0.5) - s.company.renewal.p_at_neutral) < 1e-12);
	assert_true(experience_renewal_chance(&s.company, 7, 0.9) > experience_renewal_chance(&s.company, 7, 0.1));
}

/* Relief by the form of coordination (exact): an owner relieves continuously,
 * a council by its cadence, a model's relief replaces both, a boundary
 * outside the council's spans gets none. */
static void test_m1_relief_by_form(void **state)
{
	(void)state;
	static struct scenario s;
	struct ownership_derived d;
	s = *preset("siloed");
	const struct company *co = &s.company;
	s.ownership.journey_owner = 0;
	ownership_derive(&s.ownership, &d);
	assert_true(fabs(ownership_relief(co, &s.ownership, &d, TR_MARKETING_SALES) - 0.5) < 1e-12);
	s = *preset("siloed");
	s.ownership.governance = GOV_COUNCIL;
	ownership_derive(&s.ownership, &d);
	double council = 0.15 + 0.35 * 7 / (7 + 30.0);
	assert_true(fabs(ownership_relief(co, &s.ownership, &d, TR_SALES_DELIVERY) - council) < 1e-12);
	s.ownership.council_every = 7;
	assert_true(fabs(ownership_relief(co, &s.ownership, &d, TR_SALES_DELIVERY) - (0.15 + 0.35 / 2)) < 1e-12);
	s.ownership.relief = 0.4;
	s.ownership.relief_set = 1;
	assert_true(ownership_relief(co, &s.ownership, &d, TR_SALES_DELIVERY) == 0.4);
	s.ownership.relief_set = 0;
	s.ownership.council_spans = 1u << TR_MARKETING_SALES;
	ownership_derive(&s.ownership, &d);
	assert_true(ownership_relief(co, &s.ownership, &d, TR_SALES_DELIVERY) == 0);
	assert_true(ownership_relief(co, &s.ownership, &d, TR_MARKETING_SALES) > 0);
	s = *preset("siloed");
	ownership_derive(&s.ownership, &d);
	assert_true(ownership_relief(co, &s.ownership, &d, TR_MARKETING_SALES) == 0);
}

/* A council that meets more often relieves more and decides sooner, and costs more. */
static void test_m1_council_cadence(void **state)
{
	(void)state;
	const struct effect e[] = {{"handoff.context_lost", -1}, {"journey.speed_to_lead", -1},
				   {"cost.overlay", +1}, {"defects.fix_days", -1}};
	check_set("customer_council", "ownership.governance.council_every", 90, 7, e, N_OF(e));
}

/* The ownership part of friction needs coordination: a journey owner's relief
 * lowers loss, delay and drops; shared data alone leaves the ownership part. */
static void test_m1_ownership_needs_coordination(void **state)
{
	(void)state;
	const struct effect e[] = {{"handoff.context_lost", -1}, {"journey.speed_to_lead", -1},
				   {"funnel.leaked", -1}};
	check_set("chief_customer_officer", "handoff.coordination_relief", 0, 0.8, e, N_OF(e));
	/* one platform for every stage: the less of the loss is data, the more stays */
	const struct effect stays[] = {{"handoff.context_lost", +1}};
	check_set("cio_led", "handoff.loss_data_share", 0.8, 0.2, stays, 1);
}

/* Owners who speak to the customer unrelieved send conflicting messages, even on one system. */
static void test_m2_owner_term(void **state)
{
	(void)state;
	const struct effect e[] = {{"view.inconsistent", +1}};
	check_set("cio_led", "view.p_per_owner", 0, 0.1, e, 1);
}

/* Shadow IT against a supported vendor system with IT's feed: an island,
 * debt, more lost context and more defects. */
static void test_m4_shadow_vs_supported(void **state)
{
	(void)state;
	static struct scenario a, b;
	b = *preset("cmo_shadow_it");
	a = b;
	a.ownership.tech[STAGE_MARKETING] = TECH_SUPPORTED;
	a.ownership.integration[a.ownership.n_integrations][0] = STAGE_MARKETING;
	a.ownership.integration[a.ownership.n_integrations][1] = STAGE_SALES;
	a.ownership.n_integrations++;
	const struct effect e[] = {{"view.inconsistent", +1}, {"handoff.context_lost", +1},
				   {"technology.debt", +1}, {"defects.opened", +1}};
	check_scenarios(&a, &b, e, N_OF(e));
}

/* Debt a shadow stack starts with acts within the first year. */
static void test_m4_debt_acts_early(void **state)
{
	(void)state;
	const struct effect e[] = {{"handoff.context_lost", +1}, {"view.inconsistent", +1}};
	check_set("cmo_shadow_it", "technology.debt_initial", 0, 0.6, e, N_OF(e));
}

/* One IT team for four stages queues changes: more people shorten the queue. */
static void test_m4_capacity(void **state)
{
	(void)state;
	const struct effect e[] = {{"technology.change_wait", -1}, {"defects.fix_days", -1}};
	check_set("cio_led", "technology.capacity.it", 2, 8, e, N_OF(e));
}

/* A change to a system serving more stages is bigger. */
static void test_m4_coupling(void **state)
{
	(void)state;
	const struct effect e[] = {{"defects.fix_days", +1}};
	check_set("cio_led", "technology.coupling", 0, 0.6, e, 1);
}

/* The same work through one shared IT backlog against a team per function. */
static void test_m4_shared_backlog(void **state)
{
	(void)state;
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("siloed");
	const char *const set[] = {"technology.lead_time.it", "technology.lead_time.embedded", "technology.p_redo.it",
				   "technology.p_redo.embedded", "technology.capacity.it", "technology.capacity.embedded"};
	const double value[] = {20, 20, 0.1, 0.1, 1, 1};
	for (size_t i = 0; i < N_OF(set); i++)
		assert_int_equal(scenario_param_set(&a, set[i], value[i], &err), 0);
	a.company.technology.redo_marketing_factor = 1;
	b = a;
	for (int s = 0; s < STAGE_COUNT; s++)
		b.ownership.tech[s] = TECH_EMBEDDED;
	const struct effect e[] = {{"technology.change_wait", -1}, {"defects.fix_days", -1}};
	check_scenarios(&a, &b, e, N_OF(e));
}

/* Seed 001's claim is about IT's changes for marketing: its factor acts there. */
static void test_m4_redo_where_claimed(void **state)
{
	(void)state;
	const struct effect e[] = {{"technology.redos", +1}};
	check_set("cio_led", "technology.redo_marketing_factor", 1, 2.5, e, 1);
	/* marketing on embedded IT, no boundary defects: IT never changes a marketing system (exact) */
	static struct scenario a, b;
	a = *preset("siloed");
	a.ownership.tech[STAGE_MARKETING] = TECH_EMBEDDED;
	a.company.governance.boundary_defects_per_year = 0;
	b = a;
	b.company.technology.redo_marketing_factor = 2.5;
	expect_identical(&a, &b);
}

/* Cross-trained staff redo fewer of IT's changes, at a cost. */
static void test_m4_cross_training(void **state)
{
	(void)state;
	static struct scenario a, b;
	a = *preset("cio_led");
	b = a;
	b.ownership.cross_trained = 1u << STAGE_MARKETING;
	const struct effect e[] = {{"technology.redos", -1}, {"cost.technology", +1}};
	check_scenarios(&a, &b, e, N_OF(e));
}

/* Seed 003's warning: a bilateral decision may settle for the lowest common
 * denominator, leaving defects open longer and costing a second round. */
static void test_m3_bilateral_compromise(void **state)
{
	(void)state;
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("siloed");
	a.ownership.governance = GOV_BILATERAL;
	assert_int_equal(scenario_param_set(&a, "governance.bilateral_compromise", 0, &err), 0);
	b = a;
	assert_int_equal(scenario_param_set(&b, "governance.bilateral_compromise", 0.9, &err), 0);
	const struct effect e[] = {{"defects.open_mean", +1}, {"cost.coordination", +1}};
	check_scenarios(&a, &b, e, N_OF(e));
}

/* IT's focus weighs on the contact centre where IT runs its system, and only there. */
static void test_m5_it_focus_where_it_runs(void **state)
{
	(void)state;
	static struct scenario a, b;
	a = *preset("siloed");
	b = a;
	b.ownership.owners[b.ownership.it_owner].focus = FOCUS_EXPERIENCE;
	const struct effect e[] = {{"service.fcr", +1}, {"service.utilization", +1}};
	check_scenarios(&a, &b, e, N_OF(e));
	a.ownership.tech[STAGE_SERVICE] = TECH_SUPPORTED;
	b.ownership.tech[STAGE_SERVICE] = TECH_SUPPORTED;
	expect_identical(&a, &b);
}

/* A cost focus in service saves variable cost and contact-centre time, at the price of resolution. */
static void test_m5_cost_focus_saves(void **state)
{
	(void)state;
	static struct scenario a, b;
	a = *preset("siloed");
	int svc = a.ownership.stage_owner[STAGE_SERVICE];
	a.ownership.owners[svc].focus = FOCUS_EXPERIENCE;
	b = a;
	b.ownership.owners[svc].focus = FOCUS_COST;
	const struct effect e[] = {{"cost.variable", -1}, {"service.utilization", -1}, {"service.fcr", -1}};
	check_scenarios(&a, &b, e, N_OF(e));
}

/* Moving contacts to self-service frees the contact centre, sells less and fails some customers. */
static void test_m5_channel_mix(void **state)
{
	(void)state;
	const struct effect e[] = {{"service.utilization", -1}, {"revenue.upsells", -1},
				   {"experience.failed_self_service", +1}};
	check_set("siloed", "policy.self_service_mix.cost", 1, 2, e, N_OF(e));
}

/* Costs from the data (exact): a platform costs its base and per stage
 * served; the one-off is measured against the first scenario. */
static void test_m8_platform_and_one_off(void **state)
{
	(void)state;
	struct rep_result r;
	struct js_error err = {0};
	assert_int_equal(journey_run(preset("cio_led"), &model->run, 0, 0, &r, &err), 0);
	assert_true(r.metrics[M_COST_TECHNOLOGY] == 50000 + 4 * 100000.0);
	rep_result_fini(&r);
	assert_int_equal(journey_run(preset("siloed"), &model->run, 0, 0, &r, &err), 0);
	assert_true(r.metrics[M_COST_TECHNOLOGY] == 4 * 150000.0 + 2 * 60000.0); /* and IT's two feeds */
	rep_result_fini(&r);

	struct scenario_file *f = ju_load("tests/data/model/all_presets.cfg");
	const struct ownership *today = &f->scenarios[0].ownership;
	for (size_t i = 0; i < f->n_scenarios; i++) {
		const struct scenario *s = &f->scenarios[i];
		double one_off = ownership_one_off(&s->company, &s->from, &s->ownership);
		assert_memory_equal(&s->from, today, sizeof *today);
		if (i == 0)
			assert_true(one_off == 0);
		if (strcmp(s->ownership.name, "cio_led") == 0)
			assert_true(one_off == 4 * 200000.0);
		if (strcmp(s->ownership.name, "chief_customer_officer") == 0) /* hiring, two new integrations */
			assert_true(fabs(one_off - (0.3 * 420000 + 2 * 80000.0)) < 1e-6);
	}
	scenario_file_free(f);
}

/* A model's council cadence and the company's give the same results (exact). */
static void test_model_override_equals_company(void **state)
{
	(void)state;
	static struct scenario a, b;
	a = *preset("customer_council");
	b = a;
	a.ownership.council_every = 7;
	b.company.governance.council_every = 7;
	expect_identical(&a, &b);
}

/* Fragmentation is counted from the data. */
static void test_fragmentation_counts(void **state)
{
	(void)state;
	struct ownership_derived d;
	ownership_derive(&preset("siloed")->ownership, &d);
	assert_int_equal(d.n_boundaries, 3);
	assert_int_equal(d.n_systems, 4);

	static struct scenario one;
	one = *preset("cio_led");
	for (int s = 0; s < STAGE_COUNT; s++)
		one.ownership.stage_owner[s] = one.ownership.it_owner;
	ownership_derive(&one.ownership, &d);
	assert_int_equal(d.n_boundaries, 0);
	assert_int_equal(d.n_systems, 1);
	assert_int_equal(d.n_parties, 0);

	ownership_derive(&preset("cmo_shadow_it")->ownership, &d);
	assert_int_equal(d.n_tech[TECH_OWN], 1);
}

/* A model written from a base with overrides and the same model written out
 * in full give byte-identical results; so do scenarios in another order. */
static void compare_named(const char *path_a, const char *path_b)
{
	struct scenario_file *a = ju_load(path_a), *b = ju_load(path_b);
	assert_int_equal(a->n_scenarios, b->n_scenarios);
	for (size_t i = 0; i < a->n_scenarios; i++) {
		size_t k = 0;
		while (k < b->n_scenarios && strcmp(a->scenarios[i].name, b->scenarios[k].name) != 0)
			k++;
		assert_true(k < b->n_scenarios);
		struct rep_result ra, rb;
		struct js_error err = {0};
		assert_int_equal(journey_run(&a->scenarios[i], &a->run, 0, 0, &ra, &err), 0);
		assert_int_equal(journey_run(&b->scenarios[k], &b->run, 0, 0, &rb, &err), 0);
		assert_memory_equal(ra.metrics, rb.metrics, sizeof ra.metrics);
		rep_result_fini(&ra);
		rep_result_fini(&rb);
	}
	scenario_file_free(a);
	scenario_file_free(b);
}

static void test_base_equals_full_model(void **state)
{
	(void)state;
	compare_named("tests/data/model/from_base.cfg", "tests/data/model/written_out.cfg");
}

static void test_order_independence(void **state)
{
	(void)state;
	compare_named("tests/data/model/small.cfg", "tests/data/model/small_reversed.cfg");
}

/* Two identical scenarios: common random numbers make every difference 0. */
static void test_common_random_numbers(void **state)
{
	(void)state;
	struct summary d;
	const struct scenario *s = preset("siloed");
	assert_int_equal(ju_paired_sign(s, s, &model->run, 3, "experience.mean", &d), 0);
	assert_true(d.mean == 0 && d.sd == 0);
}

/* Each prospect's first outcome in marketing, in replication 1, by arrival
 * number (small.cfg has no rate profile, so every arrival candidate is a
 * prospect): 1 qualified, -1 no lead, 0 spoiled by a defect or not yet. */
static void round0_outcomes(const struct scenario *s, int *out, size_t n)
{
	struct rep_result res;
	struct js_error err = {0};
	assert_int_equal(journey_run(s, &model->run, 0, 4000, &res, &err), 0);
	static size_t arrival_of[4001];
	memset(arrival_of, 0, sizeof arrival_of);
	memset(out, 0, n * sizeof *out);
	size_t arrivals = 0;
	char *save = NULL;
	for (char *line = strtok_r(res.trace, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long id;
		char what[96];
		assert_int_equal(sscanf(line, "%*[^,],%lu,%95s", &id, what), 2);
		assert_true(id <= 4000);
		if (strcmp(what, "marketing,arrive,prospect") == 0 && arrivals < n)
			arrival_of[id] = ++arrivals;
		size_t k = arrival_of[id];
		if (!k || out[k - 1] == 2)
			continue;
		if (strncmp(what, "marketing,qualified", 19) == 0)
			out[k - 1] = out[k - 1] ? out[k - 1] : 1;
		else if (strncmp(what, "exit,no_lead", 12) == 0)
			out[k - 1] = out[k - 1] ? out[k - 1] : -1;
		else if (strncmp(what, "marketing,defect", 16) == 0)
			out[k - 1] = 2; /* spoiled: left out */
	}
	for (size_t k = 0; k < n; k++)
		if (out[k] == 2)
			out[k] = 0;
	rep_result_fini(&res);
}

/* Raising one probability (qualification, 0.4 to 0.5) changes the outcome
 * only for prospects whose own qualification uniform (the second number of
 * their round-0 P_QUALIFY key, docs/random.md) lies between the two. */
static void test_threshold_coupling(void **state)
{
	(void)state;
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("siloed");
	assert_int_equal(scenario_param_set(&a, "policy.qualify_factor.revenue", 1.0, &err), 0);
	b = a;
	assert_int_equal(scenario_param_set(&a, "marketing.p_qualify", 0.4, &err), 0);
	assert_int_equal(scenario_param_set(&b, "marketing.p_qualify", 0.5, &err), 0);
	enum { N = 2000 };
	static int oa[N], ob[N];
	round0_outcomes(&a, oa, N);
	round0_outcomes(&b, ob, N);
	uint64_t root = rng_stream_seed(model->run.seed, 0, "journey");
	gsl_rng *r = rng_keyed_alloc(0);
	int compared = 0, changed = 0;
	for (uint64_t k = 1; k <= N; k++) {
		if (!oa[k - 1] || !ob[k - 1])
			continue;
		compared++;
		uint64_t round = rng_key(rng_key(root, P_ARRIVAL, k), P_ROUND, 0);
		rng_keyed_set(r, rng_key(round, P_QUALIFY, 0));
		gsl_rng_uniform(r); /* the pass */
		double u = gsl_rng_uniform(r);
		if (oa[k - 1] != ob[k - 1]) {
			changed++;
			assert_true(oa[k - 1] == -1 && ob[k - 1] == 1);
			assert_true(u >= 0.4 && u < 0.5);
		}
	}
	gsl_rng_free(r);
	print_message("  %d of %d prospects changed outcome, all with their uniform in [0.4, 0.5)\n", changed,
		      compared);
	assert_true(compared > 1000 && changed > 20);
}

/* A change no customer meets (a price) leaves every customer's trace as it
 * was, byte for byte, and moves only the money. */
static void test_price_keeps_traces(void **state)
{
	(void)state;
	static struct scenario a, b;
	struct js_error err = {0};
	a = *preset("cio_led");
	b = a;
	assert_int_equal(scenario_param_set(&b, "sales.pool.cost_per_server", 95000, &err), 0);
	struct rep_result ra, rb;
	assert_int_equal(journey_run(&a, &model->run, 1, 500, &ra, &err), 0);
	assert_int_equal(journey_run(&b, &model->run, 1, 500, &rb, &err), 0);
	assert_true(ra.trace_len > 10000);
	assert_int_equal(ra.trace_len, rb.trace_len);
	assert_memory_equal(ra.trace, rb.trace, ra.trace_len);
	assert_true(ra.metrics[metric_find("flow.wins")] == rb.metrics[metric_find("flow.wins")]);
	assert_true(ra.metrics[metric_find("margin")] != rb.metrics[metric_find("margin")]);
	rep_result_fini(&ra);
	rep_result_fini(&rb);
}

/* No code under sim/ names a preset: results come from the data alone. */
static void scan_for_names(const char *dir, const char *const *names)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			scan_for_names(path, names);
			continue;
		}
		char *text = test_read_file(path, NULL);
		assert_non_null(text);
		for (const char *const *n = names; *n; n++)
			if (strstr(text, *n))
				fail_msg("%s names the preset \"%s\"", path, *n);
		free(text);
	}
	closedir(d);
}

static void test_no_preset_names_in_code(void **state)
{
	(void)state;
	const char *const names[] = {"\"siloed\"",  "cmo_shadow_it",   "cio_led",
				     "marketing_technologist", "cmo_cio_aligned", "chief_customer_officer",
				     "customer_council", NULL};
	scan_for_names("sim", names);
	scan_for_names("plots", names);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_m1_handoff_context_loss), cmocka_unit_test(test_m1_handoff_delay),
		cmocka_unit_test(test_m2_fragmented_view),      cmocka_unit_test(test_m2_integration_helps),
		cmocka_unit_test(test_m3_slower_council),       cmocka_unit_test(test_m3_escalation_latency),
		cmocka_unit_test(test_m3_bilateral_parties),    cmocka_unit_test(test_m4_it_lead_time),
		cmocka_unit_test(test_m4_integration_debt),     cmocka_unit_test(test_m5_metric_focus),
		cmocka_unit_test(test_m5_weaker_leads),         cmocka_unit_test(test_m6_capacity),
		cmocka_unit_test(test_m7_experience),           cmocka_unit_test(test_m8_economics),
		cmocka_unit_test(test_fragmentation_counts),    cmocka_unit_test(test_base_equals_full_model),
		cmocka_unit_test(test_order_independence),      cmocka_unit_test(test_common_random_numbers),
		cmocka_unit_test(test_threshold_coupling),       cmocka_unit_test(test_price_keeps_traces),
		cmocka_unit_test(test_no_preset_names_in_code),
		cmocka_unit_test(test_m5_selectivity_two_sided), cmocka_unit_test(test_m5_volume_two_sided),
		cmocka_unit_test(test_quality_neutral),          cmocka_unit_test(test_m1_relief_by_form),
		cmocka_unit_test(test_m1_council_cadence),       cmocka_unit_test(test_m1_ownership_needs_coordination),
		cmocka_unit_test(test_m2_owner_term),            cmocka_unit_test(test_m4_shadow_vs_supported),
		cmocka_unit_test(test_m4_debt_acts_early),       cmocka_unit_test(test_m4_capacity),
		cmocka_unit_test(test_m4_coupling),              cmocka_unit_test(test_m4_shared_backlog),
		cmocka_unit_test(test_m4_redo_where_claimed),    cmocka_unit_test(test_m4_cross_training),
		cmocka_unit_test(test_m3_bilateral_compromise),  cmocka_unit_test(test_m5_it_focus_where_it_runs),
		cmocka_unit_test(test_m5_cost_focus_saves),      cmocka_unit_test(test_m5_channel_mix),
		cmocka_unit_test(test_m8_platform_and_one_off),  cmocka_unit_test(test_model_override_equals_company),
	};
	return cmocka_run_group_tests_name("mechanisms", tests, setup, teardown);
}
