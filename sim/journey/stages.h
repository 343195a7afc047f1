/*
 * stages.h - the journey's internal entry points: each stage file exposes
 * where a customer enters it; journey.c owns customers, arrivals, handoffs,
 * windows, sampling and the results.
 */
#ifndef JOURNEYSIM_STAGES_H
#define JOURNEYSIM_STAGES_H

#include "mechanism.h"

/* A customer enters a stage (an engine action: subject = journey, object = customer). */
void marketing_enter(struct sim *sim, void *journey, void *customer);
void sales_enter(struct sim *sim, void *journey, void *customer);
void delivery_enter(struct sim *sim, void *journey, void *customer);
void service_enter(struct sim *sim, void *journey, void *customer);
void service_contact_retry(struct sim *sim, void *journey, void *customer);

/* Pool completions. */
void sales_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket);
void delivery_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket);
void service_done(struct sim *sim, struct pool *pool, struct pool_ticket *ticket);

/* Service-stage steps used by sales (renewals negotiated in sales). */
void service_renewal_decide(struct journey *j, struct customer *c);
/* Existing customers at day 0, mid-term. */
void service_adopt_existing(struct journey *j, struct customer *c, double remaining);

/* journey.c */
struct customer *journey_customer_new(struct journey *j);
void journey_customer_end(struct journey *j, struct customer *c, enum end_state end);
/* Moves c across transition t: the mechanisms shape the friction, then the
 * request is dropped (on_drop runs, or without one the customer leaves as
 * dropped), or reaches `next` after the acceptance delay. */
void journey_handoff(struct journey *j, struct customer *c, enum transition t, sim_action next,
		     sim_action on_drop);
/* The chance that nothing the mechanisms govern spoils a pass through stage s. */
double journey_pass_chance(struct journey *j, struct customer *c, enum stage s);
/* Chance of a conflicting message at a touch or contact; draws and books it. */
void journey_touch(struct journey *j, struct customer *c);
/* A personal starting score: uniform on experience.start +- start_spread. */
double journey_baseline_draw(struct journey *j, gsl_rng *r);
/* A new prospect arrives now (arrival stream, or referral stream for referrals). */
struct customer *journey_prospect_new(struct journey *j, gsl_rng *r);
/* Records a finished first delivery (time to customer). */
void journey_delivered(struct journey *j, struct customer *c);

static inline struct customer *customer_of(struct pool_ticket *t)
{
	return (struct customer *)((char *)t - offsetof(struct customer, ticket));
}

static inline double clamp01(double p)
{
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

#endif
