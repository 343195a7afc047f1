/*
 * service.c - contract terms, support contacts and renewal.
 *
 * During a term a customer makes contacts (Poisson, one at a time; contacts
 * owed for onboarding or an order error come first). A contact may try
 * self-service first (uncapacitated, can fail and spill into the contact
 * centre). Each attempt at the pool resolves it, or transfers it to
 * delivery's specialists (a handoff: across an ownership boundary the
 * customer may repeat everything) or schedules a callback; after
 * max_attempts it is left unresolved. A resolved contact may carry an upsell.
 * At the term end the customer renews with a chance driven by the experience
 * score (possibly after a negotiation in sales), or churns; promoters may
 * refer a new prospect. Lead quality (the customer's fit) acts here too:
 * weaker-fitting customers call more, renew less, refer less and buy
 * smaller renewals (service.contacts_quality, renewal.quality_logit,
 * renewal.referral_quality, sales.deal_quality). A failed self-service
 * attempt costs the customer experience.self_service_fail.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "stages.h"

static void contact_start(struct sim *sim, void *journey, void *customer);

double service_contacts_per_year(const struct company *co, double quality)
{
	return co->service.contacts_per_year * fmax(0, 1 + co->service.contacts_quality * (0.5 - quality));
}
static void term_end(struct sim *sim, void *journey, void *customer);
static void transfer_dropped(struct sim *sim, void *journey, void *customer);

/* Schedules the customer's next contact within the term, if any, and names
 * it: owed contacts by their number in the customer's life, the others by
 * their number in the term. */
static void contact_next(struct journey *j, struct customer *c)
{
	c->next_contact = 0;
	if (c->pending_contacts > 0) {
		c->pending_contacts--;
		c->contact_key = rng_key(c->key, P_OWED_CONTACT, c->owed++);
		c->next_contact = sim_event_schedule(&j->sim, 0, contact_start, j, c);
		return;
	}
	double per_year = service_contacts_per_year(j->co, c->quality);
	if (per_year <= 0)
		return;
	uint32_t n = ++c->contacts;
	double gap = rng_exponential(journey_rng(j, c->term_key, P_CONTACT_GAP, n), 365.0 / per_year);
	if (j->sim.now + gap < c->t_term_end) {
		c->contact_key = rng_key(c->term_key, P_CONTACT, n);
		c->next_contact = sim_event_schedule(&j->sim, gap, contact_start, j, c);
	}
}

/* Starts term n of the customer. */
static void term_begin(struct journey *j, struct customer *c, uint32_t n, double length)
{
	c->term = n;
	c->term_key = rng_key(c->key, P_TERM, n);
	c->contacts = 0;
	c->t_term_end = j->sim.now + length;
	sim_event_schedule(&j->sim, length, term_end, j, c);
	contact_next(j, c);
}

void service_adopt_existing(struct journey *j, struct customer *c, double remaining)
{
	c->is_customer = 1;
	c->visited = (1u << STAGE_COUNT) - 1; /* their records are everywhere already */
	journey_levels_update(j);
	j->active++;
	c->under_contract = 1;
	journey_trace(j, c, "service", "existing", "");
	term_begin(j, c, 0, remaining);
}

void service_enter(struct sim *sim, void *journey, void *customer)
{
	struct journey *j = journey;
	struct customer *c = customer;
	(void)sim;
	journey_levels_update(j);
	j->active++;
	c->under_contract = 1;
	if (rng_uniform(journey_rng(j, c->key, P_ONBOARDING, 0)) < j->co->service.p_onboarding)
		c->pending_contacts++;
	journey_trace(j, c, "service", "term_start", "1");
	term_begin(j, c, 1, j->co->service.term);
}

/* An attempt at the contact centre: its handle time is the contact's own, by attempt. */
static void attempt(struct journey *j, struct customer *c)
{
	c->t_wait = j->sim.now;
	journey_pool_join(j, c, POOL_SERVICE, journey_rng(j, c->contact_key, P_POOL_TIME + POOL_SERVICE, c->attempts),
			  1);
}

void service_contact_retry(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	attempt(journey, customer);
}

static void contact_end(struct journey *j, struct customer *c)
{
	c->in_contact = 0;
	if (c->term_end_due)
		term_end(&j->sim, j, c);
	else
		contact_next(j, c);
}

static void contact_start(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	struct journey *j = journey;
	struct customer *c = customer;
	const struct service_params *sp = &j->co->service;
	c->next_contact = 0;
	c->in_contact = 1;
	c->attempts = 0;
	c->transferred = 0;
	c->t_contact = j->sim.now;
	if (j->windowed)
		j->w.contacts++;
	journey_touch(j, c, journey_rng(j, c->contact_key, P_CONTACT_VIEW, 0));
	gsl_rng *r = journey_rng(j, c->contact_key, P_SELF_SERVICE, 0);
	double u_try = rng_uniform(r);
	double u_fail = rng_uniform(r);
	int tried = u_try < j->eff.self_service_share, resolved = tried && u_fail >= sp->self_service_fail;
	if (j->windowed) {
		j->w.self_service_tries += (uint64_t)tried;
		j->w.self_service_resolved += (uint64_t)resolved;
		j->w.assisted += (uint64_t)!resolved;
	}
	if (resolved) {
		journey_trace(j, c, "service", "self_service", "resolved");
		contact_end(j, c);
		return;
	}
	if (tried)
		experience_book(j, c, CAUSE_SELF_SERVICE, -j->co->experience.self_service_fail);
	journey_trace(j, c, "service", "contact", tried ? "self_service_failed" : "");
	attempt(j, c);
}

void service_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket)
{
	struct journey *j = pool->context;
	struct customer *c = customer_of(ticket);
	const struct service_params *sp = &j->co->service;
	c->attempts++;
	experience_wait(j, c, POOL_SERVICE, ticket->t_start - c->t_wait);
	uint64_t key = c->contact_key, n = c->attempts;
	struct stage_decision d = journey_decide(j, c, STAGE_SERVICE, journey_rng(j, key, P_RESOLVE, n), j->eff.p_fcr);
	double u_transfer = rng_uniform(journey_rng(j, key, P_TRANSFER, n));
	if (!d.spoiled && d.hit) {
		if (c->attempts == 1) {
			if (j->windowed)
				j->w.first_resolved++;
			if (sim->now - c->t_contact <= sp->fast_resolution)
				experience_book(j, c, CAUSE_FAST, j->co->experience.fast);
		}
		double u_upsell = rng_uniform(journey_rng(j, key, P_UPSELL, n));
		if (u_upsell < clamp01(j->eff.p_upsell) && j->windowed) {
			j->w.upsells++;
			j->w.rev_upsells += sp->upsell_value;
		}
		journey_trace(j, c, "service", "resolved", "");
		contact_end(j, c);
		return;
	}
	if (c->attempts >= sp->max_attempts) {
		experience_book(j, c, CAUSE_UNRESOLVED, -j->co->experience.unresolved);
		journey_trace(j, c, "service", "unresolved", "");
		contact_end(j, c);
		return;
	}
	if (u_transfer < sp->p_transfer) {
		if (j->windowed) {
			j->w.transfers++;
			j->w.transferred += !c->transferred;
		}
		c->transferred = 1;
		experience_book(j, c, CAUSE_TRANSFER, -j->co->experience.transfer);
		journey_handoff(j, c, TR_SERVICE_DELIVERY, journey_rng(j, key, P_HANDOFF + TR_SERVICE_DELIVERY, n),
				service_contact_retry, transfer_dropped);
		return;
	}
	journey_trace(j, c, "service", "callback", "");
	sim_event_schedule(sim, dist_sample(&sp->callback_delay, journey_rng(j, key, P_CALLBACK, n)),
			   service_contact_retry, j, c);
}

/* The customer leaves the contract: churn. */
static void churn(struct journey *j, struct customer *c)
{
	if (j->windowed)
		j->w.churned++;
	journey_customer_end(j, c, END_CHURNED);
}

/* A transfer that fell through at the handoff: the contact stays unresolved. */
static void transfer_dropped(struct sim *sim, void *journey, void *customer)
{
	(void)sim;
	struct journey *j = journey;
	struct customer *c = customer;
	experience_book(j, c, CAUSE_UNRESOLVED, -j->co->experience.unresolved);
	contact_end(j, c);
}

void service_renewal_decide(struct journey *j, struct customer *c)
{
	double p = experience_renewal_chance(j->co, experience_settle(j, c), c->quality);
	if (rng_uniform(journey_rng(j, c->term_key, P_RENEW, 0)) >= p) {
		journey_trace(j, c, "service", "churn", "");
		churn(j, c);
		return;
	}
	j->flow[M_FLOW_RENEWED]++;
	if (j->windowed) {
		j->w.renewals++;
		j->w.rev_renewals += j->co->renewal.renewal_value * sales_contract_size(j->co, c->quality);
	}
	journey_trace(j, c, "service", "renewed", "");
	term_begin(j, c, c->term + 1, j->co->service.term);
}

static void term_end(struct sim *sim, void *journey, void *customer)
{
	struct journey *j = journey;
	struct customer *c = customer;
	if (c->in_contact || c->ticket.pool) {
		c->term_end_due = 1; /* decide once the contact is over */
		return;
	}
	c->term_end_due = 0;
	if (c->next_contact) {
		sim_event_cancel(sim, c->next_contact);
		c->next_contact = 0;
	}
	const struct renewal_params *r = &j->co->renewal;
	double u_refer = rng_uniform(journey_rng(j, c->term_key, P_REFER, 0));
	double u_sales = rng_uniform(journey_rng(j, c->term_key, P_VIA_SALES, 0));
	double p_refer = clamp01(r->p_referral * (1 + r->referral_quality * (c->quality - 0.5)));
	if (experience_settle(j, c) >= j->co->experience.promoter_min && u_refer < p_refer) {
		/* the friend's identity: who referred it, and at the end of which term */
		struct customer *friend = journey_prospect_new(j, rng_key(c->key, P_REFERRAL, c->term), 1);
		if (friend)
			marketing_enter(sim, j, friend);
	}
	if (u_sales < r->p_via_sales) {
		c->renewing = 1;
		journey_handoff(j, c, TR_SERVICE_SALES, journey_rng(j, c->term_key, P_HANDOFF + TR_SERVICE_SALES, 0),
				sales_enter, NULL);
		return;
	}
	service_renewal_decide(j, c);
}
