/*
 * delivery.c - orders queue for the delivery pool. An order error (more
 * likely under a cost-focused owner, after lost context, or with an open
 * defect: the mechanisms) sends the order back for rework and owes the
 * customer a service contact.
 */
#include "stages.h"

void delivery_enter(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	struct journey *j = journey;
	struct customer *c = customer;
	journey_trace(j, c, "delivery", "queue", c->rework ? "rework" : "order");
	journey_pool_join(j, c, POOL_DELIVERY, journey_rng(j, c->key, P_POOL_TIME + POOL_DELIVERY, c->rework),
			  c->rework ? j->co->delivery.rework_scale : 1);
}

void delivery_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	struct journey *j = pool->context;
	struct customer *c = customer_of(ticket);
	experience_wait(j, c, POOL_DELIVERY, ticket->t_start - c->t_wait);
	if (j->windowed) {
		j->w.delivery_busy += ticket->service;
		if (c->rework)
			j->w.rework_busy += ticket->service;
	}
	if (!c->rework) {
		struct stage_decision d =
			journey_decide(j, c, STAGE_DELIVERY, journey_rng(j, c->key, P_ORDER_ERROR, 0), j->eff.p_error);
		if (d.spoiled || d.hit) {
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
	c->delivered = 1;
	j->flow[M_FLOW_DELIVERED]++;
	journey_delivered(j, c);
	journey_trace(j, c, "delivery", "delivered", "");
	journey_handoff(j, c, TR_DELIVERY_SERVICE, journey_rng(j, c->key, P_HANDOFF + TR_DELIVERY_SERVICE, 0),
			service_enter, NULL);
}
