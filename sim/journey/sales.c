/*
 * sales.c - leads (and renewals negotiated in sales) queue for the sales pool.
 * The win chance falls with the wait for first contact (speed to lead) and
 * rises with lead quality:
 *
 *   p = p_win * ((1 - w) + w * quality) * (floor + (1 - floor) * 2^(-wait / half_life))
 *
 * and the mechanisms adjust it (lost context at the handoff: M1).
 * Lost leads return to nurture with p_nurture, or leave. A won contract is
 * worth deal_value x contract_size(quality) (sales.deal_quality).
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "stages.h"

void sales_enter(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	struct journey *j = journey;
	struct customer *c = customer;
	journey_trace(j, c, "sales", "queue", c->renewing ? "renewal" : "lead");
	/* a lead's job belongs to its round, a renewal's to its term */
	uint64_t visit = c->renewing ? c->term_key : c->round_key;
	journey_pool_join(j, c, POOL_SALES, journey_rng(j, visit, P_POOL_TIME + POOL_SALES, 0), 1);
}

double sales_contract_size(const struct company *co, double quality)
{
	return fmax(0, 1 + co->sales.deal_quality * (quality - 0.5));
}

double sales_win_chance(const struct company *co, double quality, double wait)
{
	const struct sales_params *s = &co->sales;
	double speed = s->win_floor + (1 - s->win_floor) * exp2(-wait / s->win_half_life);
	return s->p_win * ((1 - s->quality_weight) + s->quality_weight * quality) * speed;
}

void sales_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	struct journey *j = pool->context;
	struct customer *c = customer_of(ticket);
	experience_wait(j, c, POOL_SALES, ticket->t_start - c->t_wait);
	if (j->windowed)
		j->w.sales_busy[c->renewing ? 1 : 0] += ticket->service;
	if (c->renewing) {
		c->renewing = 0;
		service_renewal_decide(j, c);
		return;
	}
	double speed_to_lead = ticket->t_start - c->t_lead;
	struct stage_decision d = journey_decide(j, c, STAGE_SALES, journey_rng(j, c->round_key, P_WIN, 0),
						 sales_win_chance(j->co, c->quality, speed_to_lead));
	double u_nurture = rng_uniform(journey_rng(j, c->round_key, P_NURTURE, 0));
	if (j->windowed) {
		j->w.sales_decisions++;
		j->w.speed_to_lead_sum += speed_to_lead;
		j->w.speed_to_lead_n++;
	}
	if (!d.spoiled && d.hit) {
		c->is_customer = 1;
		j->flow[M_FLOW_WINS]++;
		if (j->windowed) {
			j->w.wins++;
			j->w.rev_deals += j->co->sales.deal_value * sales_contract_size(j->co, c->quality);
		}
		journey_trace(j, c, "sales", "won", "");
		journey_handoff(j, c, TR_SALES_DELIVERY, journey_rng(j, c->key, P_HANDOFF + TR_SALES_DELIVERY, 0),
				delivery_enter, NULL);
		return;
	}
	if (u_nurture < j->co->sales.p_nurture) {
		j->flow[M_FLOW_NURTURED]++;
		journey_round_begin(j, c, c->round + 1);
		journey_trace(j, c, "sales", "lost", "nurture");
		marketing_enter(sim, j, c);
		return;
	}
	journey_trace(j, c, "sales", "lost", "");
	journey_customer_end(j, c, END_LOST);
}
