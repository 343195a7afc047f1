/*
 * economics.c - M8 economics (seeds 002, 003).
 *
 * Costs by component, per year of the measuring window: staff and rework's
 * variable cost (capacity.c), management (the functional executives), overlay (a journey
 * owner above the functions, council meetings), coordination (boundary
 * crossings, cross-owner decisions by party), technology (each distinct system
 * at its ownership's base cost plus its cost per stage served, each
 * integrated pair of systems, cross-training), marketing spend (by the
 * marketing focus: volume costs campaigns), variable cost of the pools
 * (capacity.c), and the one-off cost of moving from the baseline scenario's
 * model, spread over transition.amortisation_years.
 *
 * Money accrues over time: the start and day hooks set the rates of the model
 * in force, journey_money_update integrates them into the window (w.money), so
 * a period's money is the change over it. A scenario with a transition is
 * priced from those accumulators (each model for the time it held, the
 * one-off as cash when spent: sim/journey/transition.c); one without keeps
 * its constant rates, computed exactly as before.
 * Revenue from deals, upsells and renewals comes from the journey. KPIs per
 * customer: cost to acquire, cost to serve, lifetime value.
 */
#include <math.h>
#include <string.h>

#include "mechanisms.h"

/* The rates money accrues at under the model in force (enum money_kind):
 * money a year, marketing money a prospect, the one-off amortised a year
 * (a transition books its one-off as cash instead: transition.c). */
static void model_rates(const struct journey *j, double rate[MONEY_COUNT])
{
	const struct company *co = j->co;
	const struct ownership *own = j->own;
	double management = 0, overlay = 0;
	for (unsigned i = 0; i < own->n_owners; i++) {
		if ((int)i == own->journey_owner)
			overlay += own->owners[i].cost_per_year;
		else
			management += own->owners[i].cost_per_year;
	}
	if (own->governance == GOV_COUNCIL) {
		/* a meeting costs in proportion to who sits at it (0 = every stage owner and the IT owner) */
		unsigned seen = 0;
		int everyone = 0;
		for (int s = 0; s < STAGE_COUNT; s++) {
			everyone += !(seen >> own->stage_owner[s] & 1u);
			seen |= 1u << own->stage_owner[s];
		}
		if (own->it_owner >= 0 && !(seen >> own->it_owner & 1u))
			everyone++;
		double members = own->council_members > 0 ? own->council_members : everyone;
		overlay += 365 / ownership_council_every(own, co) * co->governance.council_cost_per_meeting * members /
			   everyone;
	}

	double technology = 0;
	for (int s = 0; s < STAGE_COUNT; s++) {
		int first = 1, served = 0; /* count each system once, at its first stage's ownership */
		for (int r = 0; r < STAGE_COUNT; r++) {
			first &= r >= s || !j->od.same_system[r][s];
			served += j->od.same_system[r][s];
		}
		if (first)
			technology += co->technology.system_base[own->tech[s]] + co->technology.system_cost[own->tech[s]] * served;
		if (own->cross_trained >> s & 1u)
			technology += co->technology.cross_training_cost;
	}
	/* each integrated pair of distinct systems, once */
	int linked[STAGE_COUNT][STAGE_COUNT] = {{0}};
	for (int a = 0; a < STAGE_COUNT; a++)
		for (int b = 0; b < STAGE_COUNT; b++)
			if (j->od.integrated[a][b] && !j->od.same_system[a][b])
				linked[j->od.system_of[a]][j->od.system_of[b]] = 1;
	for (int x = 0; x < j->od.n_systems; x++)
		for (int y = x + 1; y < j->od.n_systems; y++)
			technology += linked[x][y] * co->technology.integration_cost;

	rate[MONEY_MANAGEMENT] = management;
	rate[MONEY_OVERLAY] = overlay;
	rate[MONEY_TECHNOLOGY] = technology;
	double spend = co->policy.marketing_spend[j->od.policy_focus[STAGE_MARKETING]];
	rate[MONEY_MARKETING] = co->marketing.cost_per_prospect * spend;
	rate[MONEY_TRANSITION] = 0;
	double amortise = co->transition.amortisation_years;
	if (!j->tr.active && amortise > 0 && j->scenario->from.n_owners)
		rate[MONEY_TRANSITION] = ownership_one_off(co, &j->scenario->from, own) / amortise;
}

/* Every day: the model in force may have changed (a transition); the money
 * of the day that ended is already booked at the old rates (transition.c). */
static void economics_rates(struct journey *j)
{
	/* one model all run: the same rates every day (ownership_one_off alone
	 * derived two models a day), so once is enough */
	if (!j->tr.active && j->money_rates_set)
		return;
	j->money_rates_set = 1;
	double rate[MONEY_COUNT];
	model_rates(j, rate);
	if (memcmp(rate, j->money_rate, sizeof rate) != 0) {
		journey_money_update(j);
		memcpy(j->money_rate, rate, sizeof rate);
	}
}

static void economics_finish(struct journey *j, double *m)
{
	const struct company *co = j->co;
	const struct ownership *own = j->own;
	const struct window *w = &j->w;
	double years = (j->sim.now - w->start) / 365;
	if (years <= 0)
		return;

	double rate[MONEY_COUNT];
	model_rates(j, rate);
	double management = rate[MONEY_MANAGEMENT], overlay = rate[MONEY_OVERLAY], technology = rate[MONEY_TECHNOLOGY];
	m[M_COST_COORDINATION] = ((double)w->crossings * co->handoff.cost_per_crossing +
				  (double)w->decision_parties * co->governance.cost_per_decision) /
				 years;
	if (j->tr.active) {
		/* the model changed during the run: what each model cost while it held, the one-off as spent */
		journey_money_update(j);
		management = w->money[MONEY_MANAGEMENT] / years;
		overlay = w->money[MONEY_OVERLAY] / years;
		technology = w->money[MONEY_TECHNOLOGY] / years;
		m[M_COST_MARKETING] = w->money[MONEY_MARKETING] / years;
		m[M_ONE_OFF] = j->tr.one_off;
		m[M_COST_TRANSITION] = w->money[MONEY_TRANSITION] / years;
	} else {
		/* one model all along: its rates, exactly as they always were */
		double spend = co->policy.marketing_spend[j->od.policy_focus[STAGE_MARKETING]];
		m[M_COST_MARKETING] = (double)w->prospects * co->marketing.cost_per_prospect * spend / years;
		/* against today's organisation (a scenario built without one has none) */
		double one_off = j->scenario->from.n_owners ? ownership_one_off(co, &j->scenario->from, own) : 0;
		double amortise = co->transition.amortisation_years;
		m[M_ONE_OFF] = one_off;
		m[M_COST_TRANSITION] = amortise > 0 ? one_off / amortise : 0;
	}
	m[M_COST_MANAGEMENT] = management;
	m[M_COST_OVERLAY] = overlay;
	m[M_COST_TECHNOLOGY] = technology;
	m[M_COST_TOTAL] = m[M_COST_STAFF] + m[M_COST_VARIABLE] + m[M_COST_REWORK] + management + overlay +
			  m[M_COST_COORDINATION] + technology + m[M_COST_MARKETING] + m[M_COST_TRANSITION];
	m[M_MARGIN] = m[M_REV_TOTAL] - m[M_COST_TOTAL];

	/* acquisition: marketing spend and the sales pool's share of time on
	 * leads (renewal negotiations serve customers), per new customer */
	double lead_days = w->sales_busy[0], sales_days = w->sales_busy[0] + w->sales_busy[1];
	double acquisition = m[M_COST_MARKETING] +
			     capacity_pool_cost(j, POOL_SALES) * (sales_days > 0 ? lead_days / sales_days : 1);
	m[M_CAC] = m[M_WINS] > 0 ? acquisition / m[M_WINS] : NAN;
	/* serving: everything that is not acquisition, per customer-year */
	double serve = m[M_COST_TOTAL] - acquisition;
	double active = m[M_ACTIVE];
	m[M_CTS] = active > 0 ? serve / active : NAN;
	/* lifetime: margin per customer-year over the expected life, less acquisition */
	double renew = m[M_RENEWAL_RATE];
	double life_years = co->service.term / 365 / fmax(0.05, 1 - (isnan(renew) ? 0 : renew));
	double revenue_per_year = active > 0 ? (m[M_REV_UPSELLS] + m[M_REV_RENEWALS] + m[M_REV_DEALS]) / active : NAN;
	m[M_LTV] = revenue_per_year * life_years - m[M_CTS] * life_years - m[M_CAC];
}

const struct mechanism mechanism_economics = {
	.name = "M8 economics",
	.start = economics_rates,
	.day = economics_rates,
	.finish = economics_finish,
};
