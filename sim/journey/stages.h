/*
 * stages.h - what the files of sim/journey/ share: where a customer enters
 * each stage (marketing.c, sales.c, delivery.c, service.c), the journey's
 * fixed points that call the mechanisms (journey.c), and the experience
 * score (experience.c). journey.c owns customers, arrivals, handoffs,
 * windows, sampling and the results.
 */
#ifndef JOURNEYSIM_STAGES_H
#define JOURNEYSIM_STAGES_H

#include "journey_internal.h"

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

/* Win chance of a lead of a given quality after waiting `wait` days for the
 * first contact (sales.c; also the offered-load estimate). */
double sales_win_chance(const struct company *co, double quality, double wait);
/* Contract size multiplier of a customer of lead quality q (deals and renewals):
 * 1 + sales.deal_quality * (q - 0.5), at least 0. */
double sales_contract_size(const struct company *co, double quality);
/* Support contacts per year of a customer of lead quality q:
 * contacts_per_year * max(0, 1 + service.contacts_quality * (0.5 - q)). */
double service_contacts_per_year(const struct company *co, double quality);

/* ---- journey.c ---- */

struct customer *journey_customer_new(struct journey *j);
void journey_customer_end(struct journey *j, struct customer *c, enum end_state end);
/* Moves c across transition t: the mechanisms shape the friction, then the
 * request is dropped (on_drop runs, or without one the customer leaves as
 * dropped), or reaches `next` after the acceptance delay. Context lost on the
 * way costs the customer a repeat (experience) and weakens the next decision.
 * r: the handoff's own stream, journey_rng(j, base, P_HANDOFF + t, index). */
void journey_handoff(struct journey *j, struct customer *c, enum transition t, gsl_rng *r, sim_action next,
		     sim_action on_drop);
/* c joins pool p for a job of `scale` times a service time of the pool
 * (times the policy's pool_scale), drawn from r: the customer's own stream,
 * journey_rng(j, base, P_POOL_TIME + p, index). */
void journey_pool_join(struct journey *j, struct customer *c, enum pool_id p, gsl_rng *r, double scale);

/* The outcome of a stage's decision point. */
struct stage_decision {
	int spoiled; /* an open journey defect spoiled the pass (booked to the customer's experience) */
	int hit;     /* the stage's decisive draw came up: lead, win, order error, resolution */
};
/* Customer c meets the decision point of stage s: two draws from r (the
 * decision's own stream): whether the pass is spoiled (the mechanisms' pass
 * hooks), then whether the decisive event happens at `chance` as the
 * mechanisms' decide hooks adjust it (lost context). The lost context is used
 * up here: only the first decision after a handoff suffers. */
struct stage_decision journey_decide(struct journey *j, struct customer *c, enum stage s, gsl_rng *r,
				     double chance);
/* Chance of a conflicting message at a touch or contact; draws it from r (the
 * touch's own stream) and books it. */
void journey_touch(struct journey *j, struct customer *c, gsl_rng *r);
/* A new prospect with identity key `key` arrives now (an arrival, or a referral). */
struct customer *journey_prospect_new(struct journey *j, uint64_t key, int referral);
/* Starts customer c's round n (0 at arrival): its key, and its touches. */
void journey_round_begin(struct journey *j, struct customer *c, uint32_t n);
/* A personal starting score: uniform on experience.start +- start_spread. */
double journey_baseline_draw(struct journey *j, gsl_rng *r);
/* Records a finished first delivery (time to customer). */
void journey_delivered(struct journey *j, struct customer *c);

/* Is this customer traced? (check before building a trace detail) */
static inline int journey_tracing(const struct journey *j, const struct customer *c)
{
	return j->trace_customers && c->id <= j->trace_customers;
}

/* Appends a trace row (journey_trace does, for a traced customer). */
void journey_trace_row(struct journey *j, const struct customer *c, const char *stage, const char *event,
		       const char *detail);

/* Appends a trace row for customers within the traced range; inline, since
 * it is called at every step and most runs trace nobody. */
static inline void journey_trace(struct journey *j, const struct customer *c, const char *stage,
				 const char *event, const char *detail)
{
	if (journey_tracing(j, c))
		journey_trace_row(j, c, stage, event, detail);
}

/* ---- experience.c (M7) ---- */

/* Books points (negative = effort, positive = a gain) to the customer's score
 * under a cause; counts toward the window when the customer is in it. */
void experience_book(struct journey *j, struct customer *c, enum cause cause, double points);
/* Brings the customer's score up to now: the distance to the start score
 * fades with experience.recovery_half_life. Returns the score. */
double experience_settle(struct journey *j, struct customer *c);
/* Effort for a wait of `waited` days at a pool (beyond the tolerance). */
void experience_wait(struct journey *j, struct customer *c, enum pool_id p, double waited);
/* Renewal chance from a score and lead quality (logistic, documented in
 * docs/model.md): logit = logit(p_at_neutral) + slope (score - neutral)
 * + renewal.quality_logit (quality - 0.5). */
double experience_renewal_chance(const struct company *co, double score, double quality);
/* A customer of the experience population leaves the window (exit or
 * horizon): adds its score and effort to the window. */
void experience_record(struct journey *j, struct customer *c);

/* ---- small helpers ---- */

static inline struct customer *customer_of(struct pool_ticket *t)
{
	return (struct customer *)((char *)t - offsetof(struct customer, ticket));
}

static inline double clamp01(double p)
{
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

/* Counts x in window histogram h (the last bin is open above, the first below). */
void journey_hist_add(struct journey *j, enum hist_id h, double x);

#endif
