/*
 * policy.c - M5 metric conflict (seeds 002, 003).
 *
 * Each stage's local policy follows the metric focus of whoever sets it: the
 * journey owner when there is one, else the stage owner. A cost focus sets
 * short handle times in service (lower first-contact resolution, fewer
 * upsells) and cheap, error-prone delivery; a revenue focus lengthens contacts
 * for upsell and passes weaker leads to sales; an experience focus optimises
 * first-contact resolution. The sizes are in company.policy, by focus.
 */
#include "mechanisms.h"

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void policy_start(struct journey *j)
{
	const struct company *co = j->co;
	const struct policy_params *p = &co->policy;
	enum focus mkt = j->od.policy_focus[STAGE_MARKETING];
	enum focus del = j->od.policy_focus[STAGE_DELIVERY];
	enum focus svc = j->od.policy_focus[STAGE_SERVICE];

	j->eff.quality_threshold = clamp(co->marketing.quality_threshold + p->threshold_shift[mkt], 0, 1);
	j->eff.p_qualify = clamp(co->marketing.p_qualify * p->qualify_factor[mkt], 0, 1);
	j->eff.p_error = clamp(co->delivery.p_error * p->delivery_error[del], 0, 1);
	j->eff.p_fcr = clamp(co->service.p_fcr + p->fcr_shift[svc], 0, 1);
	j->eff.p_upsell = clamp(co->service.p_upsell * p->upsell_factor[svc], 0, 1);
	j->eff.pool_scale[POOL_SALES] = 1;
	j->eff.pool_scale[POOL_DELIVERY] = p->delivery_time[del];
	j->eff.pool_scale[POOL_SERVICE] = p->handle_time[svc];
}

const struct mechanism mechanism_policy = {
	.name = "M5 metric conflict",
	.start = policy_start,
};
