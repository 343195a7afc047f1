/*
 * marketing.c - campaign touches, then qualification: a prospect becomes a
 * lead when its quality clears the (policy-set) threshold and the
 * qualification draw succeeds; otherwise it leaves without a lead.
 */
#include "stages.h"

static void qualify(struct journey *j, struct customer *c)
{
	struct stage_decision d =
		journey_decide(j, c, STAGE_MARKETING, journey_rng(j, c->round_key, P_QUALIFY, 0), j->eff.p_qualify);
	if (d.spoiled) {
		journey_trace(j, c, "marketing", "defect", "");
		journey_customer_end(j, c, END_NO_LEAD);
		return;
	}
	if (c->quality < j->eff.quality_threshold || !d.hit) {
		journey_customer_end(j, c, END_NO_LEAD);
		return;
	}
	c->t_lead = j->sim.now;
	j->w.leads++;
	j->flow[M_FLOW_LEADS]++;
	if (c->round == 0) {
		j->w.leads_first++;
		j->flow[M_FLOW_LEADS_FIRST]++;
	} else {
		j->flow[M_FLOW_REQUALIFIED]++;
	}
	journey_trace(j, c, "marketing", "qualified", "");
	journey_handoff(j, c, TR_MARKETING_SALES, journey_rng(j, c->round_key, P_HANDOFF + TR_MARKETING_SALES, 0),
			sales_enter, NULL);
}

static void touch(struct sim *sim, void *journey, void *customer);

/* The next touch of the round, or qualification after the last. Touches are
 * numbered by how many are left, within the round. */
static void touch_next(struct journey *j, struct customer *c)
{
	if (c->touches_left == 0) {
		qualify(j, c);
		return;
	}
	gsl_rng *r = journey_rng(j, c->round_key, P_TOUCH_GAP, c->touches_left);
	sim_event_schedule(&j->sim, dist_sample(&j->co->marketing.touch_spacing, r), touch, j, c);
}

static void touch(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	struct journey *j = journey;
	struct customer *c = customer;
	journey_touch(j, c, journey_rng(j, c->round_key, P_TOUCH_VIEW, c->touches_left));
	journey_trace(j, c, "marketing", "touch", "");
	c->touches_left--;
	touch_next(j, c);
}

void marketing_enter(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	struct journey *j = journey;
	struct customer *c = customer;
	c->visited |= 1u << STAGE_MARKETING;
	touch_next(j, c);
}
