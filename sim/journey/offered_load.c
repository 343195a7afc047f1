/*
 * offered_load.c - the work each pool can expect, estimated from the
 * scenario's mean flows without simulating (journey_pool_load, journey.h).
 *
 * Prospects arrive at the profile's long-run rate, qualify at the policy's
 * threshold and chance, cross the main handoffs at their drop chance (with
 * coordination relief, no defects; lost context only where it adds work: the
 * order errors it causes, at the base loss chance) and wait the base
 * acceptance delay before sales; lost leads return through nurture. The
 * customer base is today's customers plus one term of new ones; contacts
 * spill past self-service and take attempts until resolved or given up, at
 * the rate of a customer of the mean quality (new customers: the winners'
 * mean; today's: the mean above the base threshold). The pools' service
 * times, scaled by the policy (blended with IT's focus where IT runs
 * service's system), turn jobs into work.
 */
#include <math.h>

#include "stages.h"

/* Mean quality of winners among leads uniform on [thr, 1], the win chance
 * linear in quality with weight w: E[q (1 - w + w q)] / E[1 - w + w q]. */
static double winner_quality(double thr, double w)
{
	double m1 = (1 + thr) / 2, m2 = (1 + thr + thr * thr) / 3;
	return ((1 - w) * m1 + w * m2) / fmax(1e-12, (1 - w) + w * m1);
}

/* Expected attempts of one contact at the pool, at most max_attempts. */
static double attempts_per_contact(double p_fcr, unsigned max_attempts)
{
	double n = 0, reach = 1;
	for (unsigned k = 0; k < max_attempts; k++) {
		n += reach;
		reach *= 1 - p_fcr;
	}
	return n;
}

void journey_pool_load(const struct scenario *s, struct pool_load load[POOL_COUNT])
{
	const struct company *co = &s->company;
	const struct policy_params *pol = &co->policy;
	struct ownership_derived od;
	ownership_derive(&s->ownership, &od);
	const struct ownership *own = &s->ownership;
	enum focus mkt = od.policy_focus[STAGE_MARKETING], del = od.policy_focus[STAGE_DELIVERY];

	/* long-run arrival rate: the profile's average over a period */
	const struct rate_profile *pr = &co->arrivals.profile;
	double mult = 1;
	if (pr->n > 0 && pr->period > 0) {
		double acc = pr->start[0]; /* multiplier 1 before the first start */
		for (size_t i = 0; i < pr->n; i++) {
			double end = i + 1 < pr->n ? pr->start[i + 1] : pr->period;
			acc += pr->multiplier[i] * fmax(0, end - pr->start[i]);
		}
		mult = acc / pr->period;
	} else if (pr->n > 0) {
		mult = pr->multiplier[pr->n - 1];
	}
	double lambda = co->arrivals.rate * mult;

	/* handoffs at their relieved friction: drops thin the flow, the
	 * acceptance delay is the typical wait before a lead's first contact */
	const struct handoff_params *h = &co->handoff;
	double drop[TR_MAIN_COUNT], delay_to_sales;
	for (int t = 0; t < TR_MAIN_COUNT; t++)
		drop[t] = od.boundary[t] ? h->p_drop_boundary * (1 - ownership_relief(co, own, &od, (enum transition)t))
					 : h->p_drop_internal;
	delay_to_sales = od.boundary[TR_MARKETING_SALES]
				 ? h->delay_boundary * (1 - ownership_relief(co, own, &od, TR_MARKETING_SALES))
				 : h->delay_internal;

	double thr = fmin(1, fmax(0, co->marketing.quality_threshold + pol->threshold_shift[mkt]));
	double p_qualify = fmin(1, co->marketing.p_qualify * pol->qualify_factor[mkt] *
				       co->technology.marketing_fit[own->tech[STAGE_MARKETING]]);
	double p_win = sales_win_chance(co, (1 + thr) / 2, delay_to_sales); /* linear in quality */
	double pass = 1 - drop[TR_MARKETING_SALES];
	/* lost leads come back through nurture and requalify */
	double leads = lambda * (1 - thr) * p_qualify * pass /
		       fmax(1e-9, 1 - (1 - p_win) * co->sales.p_nurture * p_qualify * pass);
	double wins = leads * p_win;
	double delivered = wins * (1 - drop[TR_SALES_DELIVERY]);
	/* the base after one term: today's customers plus a term of new ones */
	double newcomers = delivered * (1 - drop[TR_DELIVERY_SERVICE]) * co->service.term;
	double active = co->service.initial_customers + newcomers;
	double renewals_via_sales = active / co->service.term * co->renewal.p_via_sales;

	/* context lost on the way to delivery (at its base chance, unrelieved) raises order errors */
	double lost = od.boundary[TR_SALES_DELIVERY] ? h->p_loss_boundary : h->p_loss_internal;
	double p_error = fmin(1, co->delivery.p_error * pol->delivery_error[del] *
				     (1 + (h->loss_error_factor - 1) * fmin(1, lost)));
	double thr0 = co->marketing.quality_threshold;
	double per_customer = co->service.initial_customers * service_contacts_per_year(co, (1 + thr0) / 2) +
			      newcomers * service_contacts_per_year(co, winner_quality(thr, co->sales.quality_weight));
	double contacts = per_customer / 365 + delivered * (co->service.p_onboarding + p_error);
	double share = fmin(1, co->service.self_service_share * ownership_service_lever(co, own, &od, pol->self_service_mix));
	double spill = 1 - share * (1 - co->service.self_service_fail);
	double p_fcr = fmin(1, fmax(0, co->service.p_fcr + ownership_service_lever(co, own, &od, pol->fcr_shift)));

	/* jobs per day at each pool, and the policy's service-time multiplier */
	const double jobs[POOL_COUNT] = {
		leads + renewals_via_sales,
		wins * (1 + p_error * co->delivery.rework_scale),
		contacts * spill * attempts_per_contact(p_fcr, co->service.max_attempts),
	};
	const double scale[POOL_COUNT] = {1, pol->delivery_time[del],
					  ownership_service_lever(co, own, &od, pol->handle_time)};
	for (int p = 0; p < POOL_COUNT; p++) {
		const struct pool_params *pp = journey_pool_params(co, (enum pool_id)p);
		load[p].servers = pp->servers;
		load[p].offered = jobs[p] * dist_mean(&pp->service) * scale[p];
		load[p].utilisation = pp->servers ? load[p].offered / pp->servers : 0;
	}
}
