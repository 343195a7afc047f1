/*
 * handoff.c - M1 handoff friction (seeds 004, 002).
 *
 * At each transition the receiving owner takes time to accept the customer,
 * may lose the context (the customer repeats themselves; downstream errors
 * rise) or drop the customer. Across a boundary (different owners) all three
 * are far larger than inside one owner's area. Boundary context loss has two
 * parts (seed 004: no amount of clever technology fixes fragmented ownership):
 *
 *   p_loss = p_loss_boundary * [ d * (1 - s * Q) + (1 - d) * (1 - R) ]
 *   inside one owner: p_loss_internal * (1 - s * Q)
 *   delay  = delay_boundary * (1 - R),  drop = p_drop_boundary * (1 - R)
 *
 * d = handoff.loss_data_share: the part that missing data causes, relieved
 * by shared data (Q: one system 1, an integration its quality worn by debt,
 * else 0; s = shared_context_relief); the rest comes from different owners
 * and only coordination relieves it (R, ownership_relief: a journey owner
 * continuously, a council by its cadence). Integration debt on either side
 * adds loss that nothing relieves.
 *
 * Lost context costs the customer twice, and both costs are M1's: a repeat
 * at the handoff (the journey books experience.repeat when its draw loses the
 * context), and a weaker first decision at the receiving stage (handoff_decide
 * below: fewer wins, more order errors, fewer first-contact resolutions). The
 * journey forgets the loss after that decision.
 */
#include <math.h>

#include "mechanisms.h"

double handoff_shared_context(const struct journey *j, enum stage a, enum stage b)
{
	if (j->od.same_system[a][b])
		return 1;
	if (!j->od.integrated[a][b])
		return 0;
	const struct technology_params *tp = &j->co->technology;
	int bought = j->own->tech[a] == TECH_OWN || j->own->tech[b] == TECH_OWN;
	double quality = bought ? tp->own_integration_quality : tp->integration_quality;
	return quality * (1 - fmax(j->eff.debt[a], j->eff.debt[b]));
}

/* At the start and every day: the model in force may change (a transition),
 * and its relief phases in over the ramp (progress 1 outside a ramp). */
static void handoff_refresh(struct journey *j)
{
	const struct handoff_params *h = &j->co->handoff;
	for (int t = 0; t < TR_COUNT; t++) {
		int boundary = j->od.boundary[t];
		double relief = ownership_relief(j->co, j->own, &j->od, (enum transition)t) * j->tr.progress;
		double keep = 1 - (j->eff.relief[t] = relief);
		j->eff.handoff_delay[t] = boundary ? h->delay_boundary * keep : h->delay_internal;
		j->eff.handoff_loss[t] = boundary ? h->p_loss_boundary : h->p_loss_internal;
		j->eff.handoff_drop[t] = boundary ? h->p_drop_boundary * keep : h->p_drop_internal;
	}
}

static void handoff_friction(struct journey *j, struct customer *c, enum transition t,
			     struct handoff_outcome *o)
{
	(void)c;
	const struct handoff_params *h = &j->co->handoff;
	enum stage a = transition_from[t], b = transition_to[t];
	double shared = handoff_shared_context(j, a, b);
	double debt = fmax(j->eff.debt[a], j->eff.debt[b]);
	o->delay += j->eff.handoff_delay[t];
	double data = 1 - h->shared_context_relief * shared;
	double part = j->od.boundary[t] ? h->loss_data_share * data + (1 - h->loss_data_share) * (1 - j->eff.relief[t])
					 : data;
	o->p_loss += j->eff.handoff_loss[t] * part + h->debt_loss * debt;
	o->p_drop += j->eff.handoff_drop[t];
}

static void handoff_decide(struct journey *j, struct customer *c, enum stage s, double *chance)
{
	if (!c->context_lost)
		return;
	const struct handoff_params *h = &j->co->handoff;
	const double factor[STAGE_COUNT] = {
		[STAGE_MARKETING] = 1, /* no handoff leads into marketing */
		[STAGE_SALES] = h->loss_win_factor,
		[STAGE_DELIVERY] = h->loss_error_factor,
		[STAGE_SERVICE] = h->loss_fcr_factor,
	};
	*chance *= factor[s];
}

const struct mechanism mechanism_handoff = {
	.name = "M1 handoff friction",
	.start = handoff_refresh,
	.day = handoff_refresh,
	.handoff = handoff_friction,
	.decide = handoff_decide,
};
