/*
 * handoff.c - M1 handoff friction (seeds 004, 002).
 *
 * At each transition the receiving owner takes time to accept the customer,
 * may lose the context (the customer repeats themselves; downstream errors
 * rise) or drop the customer. Across a boundary (different owners) all three
 * are far larger than inside one owner's area. Shared customer data (the same
 * system, or integrated systems of good quality) removes part of the context
 * loss; a journey owner or a council spanning the boundary removes part of
 * all three. Integration debt on either side adds loss.
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
	return 1 - fmax(j->eff.debt[a], j->eff.debt[b]);
}

static void handoff_start(struct journey *j)
{
	const struct handoff_params *h = &j->co->handoff;
	for (int t = 0; t < TR_COUNT; t++) {
		int boundary = j->od.boundary[t];
		double relief = j->od.coordinated[t] ? 1 - h->coordination_relief : 1;
		j->eff.handoff_delay[t] = (boundary ? h->delay_boundary : h->delay_internal) * relief;
		j->eff.handoff_loss[t] = (boundary ? h->p_loss_boundary : h->p_loss_internal) * relief;
		j->eff.handoff_drop[t] = (boundary ? h->p_drop_boundary : h->p_drop_internal) * relief;
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
	o->p_loss += j->eff.handoff_loss[t] * (1 - h->shared_context_relief * shared) + h->debt_loss * debt;
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
	.start = handoff_start,
	.handoff = handoff_friction,
	.decide = handoff_decide,
};
