/*
 * delivery.c - orders queue for the delivery pool. An order error (more
 * likely after lost context, under a cost-focused owner, or with an open
 * defect) sends the order back for rework and owes the customer a service
 * contact.
 */
#include <gsl/gsl_randist.h>

#include "stages.h"

void delivery_enter(struct sim *sim, void *journey, void *customer)
{
	struct journey *j = journey;
	struct customer *c = customer;
	c->ticket.scale = c->rework ? j->co->delivery.rework_scale : 1;
	journey_trace(j, c, "delivery", "queue", c->rework ? "rework" : "order");
	pool_request(sim, &j->pools[POOL_DELIVERY], &c->ticket);
}

void delivery_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	struct journey *j = pool->context;
	struct customer *c = customer_of(ticket);
	experience_wait(j, c, POOL_DELIVERY, ticket->t_start - c->t_wait);
	if (!c->rework) {
		double u_pass = gsl_rng_uniform(j->r_error);
		double u_error = gsl_rng_uniform(j->r_error);
		double p_error = j->eff.p_error * (c->context_lost ? j->co->handoff.loss_error_factor : 1);
		c->context_lost = 0;
		int spoiled = u_pass >= journey_pass_chance(j, c, STAGE_DELIVERY);
		if (spoiled)
			experience_book(j, c, CAUSE_DEFECT, -j->co->experience.defect);
		if (spoiled || u_error < clamp01(p_error)) {
			c->rework = 1;
			c->pending_contacts++;
			j->flow[M_FLOW_REWORK]++;
			if (j->windowed)
				j->w.reworks++;
			experience_book(j, c, CAUSE_ERROR, -j->co->experience.error);
			journey_trace(j, c, "delivery", "error", "rework");
			c->t_wait = sim->now;
			delivery_enter(sim, j, c);
			return;
		}
	}
	c->rework = 0;
	j->flow[M_FLOW_DELIVERED]++;
	journey_delivered(j, c);
	journey_trace(j, c, "delivery", "delivered", "");
	journey_handoff(j, c, TR_DELIVERY_SERVICE, service_enter, NULL);
}
