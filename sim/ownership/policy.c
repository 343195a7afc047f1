/*
 * policy.c - M5 metric conflict (seeds 002, 003).
 *
 * Each stage's local policy follows the metric focus of whoever sets it: the
 * journey owner when there is one, else the stage owner. A cost focus sets
 * short handle times in service (lower first-contact resolution, fewer
 * upsells) and cheap, error-prone delivery; a revenue focus lengthens contacts
 * for upsell and passes weaker leads to sales; an experience focus optimises
 * first-contact resolution. The sizes are in company.policy, by focus.
 *
 * Where IT runs service's system its focus weighs on the contact centre's
 * levers too (seed 003: IT "is routinely measured on ... reducing call center
 * times or moving more customers to online chat"): each service lever is
 * (1 - w) X[setter] + w X[IT owner], w from ownership_it_weight. A cost focus
 * moves contacts to self-service (policy.self_service_mix). Marketing's
 * qualification chance carries its system's fit (technology.marketing_fit:
 * best-of-breed tools, seeds 001, 003). Volume and selectivity are paid for
 * downstream: the journey gives lead quality its effects (deal size,
 * renewal, contacts, referral) and economics prices the campaign spend
 * (policy.marketing_spend).
 */
#include "mechanisms.h"

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* At the start and every day: the model in force may change (a transition),
 * and its ramp's productivity dip slows every pool (journey_dip). */
static void policy_refresh(struct journey *j)
{
	const struct company *co = j->co;
	const struct policy_params *p = &co->policy;
	enum focus mkt = j->od.policy_focus[STAGE_MARKETING];
	enum focus del = j->od.policy_focus[STAGE_DELIVERY];
	const struct ownership *own = j->own;
	const struct ownership_derived *od = &j->od;
	double fit = co->technology.marketing_fit[own->tech[STAGE_MARKETING]];

	j->eff.quality_threshold = clamp(co->marketing.quality_threshold + p->threshold_shift[mkt], 0, 1);
	j->eff.p_qualify = clamp(co->marketing.p_qualify * p->qualify_factor[mkt] * fit, 0, 1);
	j->eff.p_error = clamp(co->delivery.p_error * p->delivery_error[del], 0, 1);
	j->eff.p_fcr = clamp(co->service.p_fcr + ownership_service_lever(co, own, od, p->fcr_shift), 0, 1);
	j->eff.p_upsell = clamp(co->service.p_upsell * ownership_service_lever(co, own, od, p->upsell_factor), 0, 1);
	j->eff.self_service_share =
		clamp(co->service.self_service_share * ownership_service_lever(co, own, od, p->self_service_mix), 0, 1);
	double slow = journey_dip(j);
	j->eff.pool_scale[POOL_SALES] = 1 * slow;
	j->eff.pool_scale[POOL_DELIVERY] = p->delivery_time[del] * slow;
	j->eff.pool_scale[POOL_SERVICE] = ownership_service_lever(co, own, od, p->handle_time) * slow;
}

const struct mechanism mechanism_policy = {
	.name = "M5 metric conflict",
	.start = policy_refresh,
	.day = policy_refresh,
};
