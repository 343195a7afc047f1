/*
 * capacity.c - M6 capacity (seed 004: person-to-person channels).
 *
 * Field sales, delivery and the contact centre are staffed pools with queues
 * (the engine's pools); self-service is uncapacitated but can fail and spill
 * into the contact centre (service.c). This file prices the staffing and
 * estimates each pool's offered load for the loader's capacity warning.
 */
#include <math.h>

#include "mechanism.h"
#include "ownership.h"

/* Money per year of a pool: staffed positions, or pay-per-use when unlimited. */
static double pool_cost(const struct pool *p, const struct pool_params *pp, double now)
{
	if (pp->servers > 0)
		return pp->servers * pp->cost_per_server;
	double busy = pool_busy_mean(p, now);
	return isnan(busy) ? 0 : busy * pp->cost_per_server;
}

static void capacity_finish(struct journey *j, double *m)
{
	const struct pool_params *pp[POOL_COUNT] = {&j->co->sales.pool, &j->co->delivery.pool,
						    &j->co->service.pool};
	double cost[POOL_COUNT], total = 0;
	for (int p = 0; p < POOL_COUNT; p++)
		total += cost[p] = pool_cost(&j->pools[p], pp[p], j->sim.now);
	/* rework is the share of delivery's work spent redoing orders */
	double reworks = (double)j->w.reworks * j->co->delivery.rework_scale;
	double first = (double)j->pools[POOL_DELIVERY].stats.finished - (double)j->w.reworks;
	double share = reworks > 0 && first + reworks > 0 ? reworks / (first + reworks) : 0;
	m[M_COST_REWORK] = share * cost[POOL_DELIVERY];
	m[M_COST_STAFF] = total - m[M_COST_REWORK];
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

void journey_offered_load(const struct scenario *s, double load[POOL_COUNT])
{
	const struct company *co = &s->company;
	const struct policy_params *pol = &co->policy;
	struct ownership_derived od;
	ownership_derive(&s->ownership, &od);
	enum focus mkt = od.policy_focus[STAGE_MARKETING], del = od.policy_focus[STAGE_DELIVERY],
		   svc = od.policy_focus[STAGE_SERVICE];

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

	/* handoffs at their base friction: drops thin the flow, the acceptance
	 * delay is the typical wait before a lead's first contact */
	const struct handoff_params *h = &co->handoff;
	double drop[TR_MAIN_COUNT], delay_to_sales;
	for (int t = 0; t < TR_MAIN_COUNT; t++)
		drop[t] = od.boundary[t] ? h->p_drop_boundary : h->p_drop_internal;
	delay_to_sales = od.boundary[TR_MARKETING_SALES] ? h->delay_boundary : h->delay_internal;

	double thr = fmin(1, fmax(0, co->marketing.quality_threshold + pol->threshold_shift[mkt]));
	double p_qualify = fmin(1, co->marketing.p_qualify * pol->qualify_factor[mkt]);
	double p_win = sales_win_chance(co, (1 + thr) / 2, delay_to_sales, 0); /* linear in quality */
	double pass = 1 - drop[TR_MARKETING_SALES];
	/* lost leads come back through nurture and requalify */
	double leads = lambda * (1 - thr) * p_qualify * pass /
		       fmax(1e-9, 1 - (1 - p_win) * co->sales.p_nurture * p_qualify * pass);
	double wins = leads * p_win;
	double delivered = wins * (1 - drop[TR_SALES_DELIVERY]);
	/* the base after one term: today's customers plus a term of new ones */
	double active = co->service.initial_customers + delivered * (1 - drop[TR_DELIVERY_SERVICE]) * co->service.term;
	double renewals_via_sales = active / co->service.term * co->renewal.p_via_sales;

	double p_error = fmin(1, co->delivery.p_error * pol->delivery_error[del]);
	double contacts = active * co->service.contacts_per_year / 365 +
			  delivered * (co->service.p_onboarding + p_error);
	double spill = 1 - co->service.self_service_share * (1 - co->service.self_service_fail);
	double p_fcr = fmin(1, fmax(0, co->service.p_fcr + pol->fcr_shift[svc]));

	double work[POOL_COUNT] = {
		(leads + renewals_via_sales) * dist_mean(&co->sales.pool.service),
		wins * (1 + p_error * co->delivery.rework_scale) * dist_mean(&co->delivery.pool.service) *
			pol->delivery_time[del],
		contacts * spill * attempts_per_contact(p_fcr, co->service.max_attempts) *
			dist_mean(&co->service.pool.service) * pol->handle_time[svc],
	};
	const unsigned servers[POOL_COUNT] = {co->sales.pool.servers, co->delivery.pool.servers,
					      co->service.pool.servers};
	for (int p = 0; p < POOL_COUNT; p++)
		load[p] = servers[p] ? work[p] / servers[p] : 0;
}

const struct mechanism mechanism_capacity = {
	.name = "M6 capacity",
	.finish = capacity_finish,
};
