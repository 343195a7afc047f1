/*
 * governance.c - M3 governance latency and journey defects (seeds 003, 004).
 *
 * Journey defects (a broken process, an outdated campaign rule, a handoff that
 * no longer fits the market) appear as Poisson processes on each stage and
 * each main transition. While open, a stage defect may spoil a customer's
 * pass through the stage, and a transition defect adds delay and context loss
 * to its handoffs. Time to fix = decision latency + technology lead time (M4).
 *
 * Decision latency: a defect inside one owner's area is decided by that owner
 * (decision_single). A defect on a boundary needs the owners on both sides,
 * decided by the model's governance:
 *   single      one decider:                       Exp(decision_single)
 *   bilateral   every party must agree:            max of `parties` Exp(decision_party)
 *   council     waits for the next meeting:        every council_every days
 *   escalation  the CEO, with other things to do:  Exp(decision_escalation)
 *
 * Random numbers: the defects of a day and place are a Poisson count from the
 * place's own stream (GSL's multiplication method: a higher rate never gives
 * fewer defects from the same draws); each defect is named by its day, place
 * and number, and its decision latency and change lead time come from its own
 * streams, as means times fixed Exp(1) draws, so every governance model
 * stretches the same draws.
 */
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_randist.h>

#include "mechanisms.h"

static double decision_latency(struct journey *j, uint64_t defect, enum transition t, int is_stage_defect)
{
	const struct governance_params *g = &j->co->governance;
	gsl_rng *r = journey_rng(j, defect, P_DECISION, 0);
	if (is_stage_defect || !j->od.boundary[t])
		return gsl_ran_exponential(r, g->decision_single);
	switch (j->own->governance) {
	case GOV_SINGLE:
		return gsl_ran_exponential(r, g->decision_single);
	case GOV_BILATERAL: {
		double latest = 0;
		for (int k = 0; k < j->od.parties[t]; k++)
			latest = fmax(latest, gsl_ran_exponential(r, g->decision_party));
		return latest;
	}
	case GOV_COUNCIL: {
		double next = ceil(j->sim.now / g->council_every) * g->council_every;
		return next > j->sim.now ? next - j->sim.now : g->council_every;
	}
	case GOV_ESCALATION:
	case GOV_COUNT:
		break;
	}
	return gsl_ran_exponential(r, g->decision_escalation);
}

/* Defect events carry their place as a small integer in the object pointer:
 * 1..STAGE_COUNT for stages, then transitions. */
static void *place_encode(int index)
{
	return (void *)(uintptr_t)(index + 1);
}

static void defect_fixed(struct sim *sim, void *journey, void *place)
{
	(void)sim;
	struct journey *j = journey;
	int index = (int)(uintptr_t)place - 1;
	journey_levels_update(j);
	if (index < STAGE_COUNT)
		j->eff.open_stage_defects[index]--;
	else
		j->eff.open_transition_defects[index - STAGE_COUNT]--;
}

static void defect_open(struct journey *j, int index, double fix_days)
{
	journey_levels_update(j);
	if (index < STAGE_COUNT)
		j->eff.open_stage_defects[index]++;
	else
		j->eff.open_transition_defects[index - STAGE_COUNT]++;
	if (j->windowed) {
		j->w.defects_opened++;
		j->w.defects_fixed++; /* the fix time is known now: book it with the defect */
		j->w.defect_fix_sum += fix_days;
	}
	sim_event_schedule(&j->sim, fix_days, defect_fixed, j, place_encode(index));
}

/* The key of place index's defects today, and their number at `rate` a day. */
static unsigned defects_today(struct journey *j, int index, double rate, uint64_t *place)
{
	uint64_t day = (uint64_t)llround(j->sim.now);
	*place = rng_key(j->organisation, P_DEFECT_PLACE, day * 16 + (uint64_t)index);
	return gsl_ran_poisson(journey_rng(j, *place, P_DEFECTS, 0), rate);
}

static void governance_day(struct journey *j)
{
	const struct governance_params *g = &j->co->governance;
	const struct technology_params *tp = &j->co->technology;
	uint64_t place;
	for (int s = 0; s < STAGE_COUNT; s++) {
		/* vendor systems drifting apart break more often (M4 debt) */
		double rate = g->stage_defects_per_year / 365 * (1 + tp->debt_defects * j->eff.debt[s]);
		for (unsigned n = defects_today(j, s, rate, &place); n > 0; n--) {
			uint64_t defect = rng_key(place, P_DEFECT, n);
			double fix = decision_latency(j, defect, TR_COUNT, 1) +
				     technology_lead_time(j, defect, (enum stage)s, (enum stage)s);
			defect_open(j, s, fix);
		}
	}
	for (int t = 0; t < TR_MAIN_COUNT; t++) {
		double rate = g->boundary_defects_per_year / 365;
		for (unsigned n = defects_today(j, STAGE_COUNT + t, rate, &place); n > 0; n--) {
			uint64_t defect = rng_key(place, P_DEFECT, n);
			double fix = decision_latency(j, defect, (enum transition)t, 0) +
				     technology_lead_time(j, defect, transition_from[t], transition_to[t]);
			if (j->od.boundary[t] && j->windowed) {
				j->w.decisions++;
				j->w.decision_parties += (uint64_t)j->od.parties[t];
			}
			defect_open(j, STAGE_COUNT + t, fix);
		}
	}
}

static void governance_pass(struct journey *j, struct customer *c, enum stage s, double *p_ok)
{
	(void)c;
	unsigned open = j->eff.open_stage_defects[s];
	if (open)
		*p_ok *= pow(1 - j->co->governance.defect_failure, open);
}

static void governance_handoff(struct journey *j, struct customer *c, enum transition t,
			       struct handoff_outcome *o)
{
	(void)c;
	unsigned open = j->eff.open_transition_defects[t];
	if (open) {
		o->delay += j->co->governance.defect_delay * open;
		o->p_loss += j->co->governance.defect_loss * open;
	}
}

const struct mechanism mechanism_governance = {
	.name = "M3 governance latency",
	.day = governance_day,
	.pass = governance_pass,
	.handoff = governance_handoff,
};
