/*
 * technology.c - M4 technology delivery (seeds 000, 001, 002).
 *
 * Who delivers changes to a stage's customer systems sets how long a fix takes
 * to go live: the central platform ("it") is slow and redoes work when
 * requirements were inadequate or changed meanwhile (seed 001: 46% / 40%
 * say so: opinions, used as illustrative defaults); a vendor system bought by
 * the stage owner ("own") is fast but starts unintegrated and accumulates
 * integration debt that wears its integrations, raises context loss at its
 * handoffs and makes its stage break more often; embedded IT staff sit between.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "mechanisms.h"

/* One system's change: a lead time, then redos while requirements fail. From
 * the change's own stream r, which every delivery model reads in the same
 * order (a lead time, then per redo two uniforms and a lead time), so a model
 * with a longer mean or likelier redos stretches the same draws. */
static double change_lead_time(struct journey *j, enum tech t, gsl_rng *r)
{
	const struct technology_params *tp = &j->co->technology;
	double days = gsl_ran_exponential(r, tp->lead_time[t]);
	for (int redo = 0; redo < 20; redo++) {
		double u_inadequate = gsl_rng_uniform(r), u_changed = gsl_rng_uniform(r);
		if (u_inadequate >= tp->p_inadequate[t] && u_changed >= tp->p_changed[t])
			break;
		days += tp->redo_share * gsl_ran_exponential(r, tp->lead_time[t]);
	}
	return days;
}

double technology_lead_time(struct journey *j, uint64_t defect, enum stage a, enum stage b)
{
	double days = change_lead_time(j, j->own->tech[a], journey_rng(j, defect, P_CHANGE, 0));
	if (!j->od.same_system[a][b]) /* both systems change */
		days = fmax(days, change_lead_time(j, j->own->tech[b], journey_rng(j, defect, P_CHANGE, 1)));
	return days;
}

static void technology_day(struct journey *j)
{
	double grown = j->co->technology.debt_per_year * j->sim.now / 365;
	for (int s = 0; s < STAGE_COUNT; s++)
		j->eff.debt[s] = j->own->tech[s] == TECH_OWN ? fmin(1, grown) : 0;
}

const struct mechanism mechanism_technology = {
	.name = "M4 technology delivery",
	.start = technology_day,
	.day = technology_day,
};
