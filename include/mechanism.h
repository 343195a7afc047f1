/*
 * mechanism.h - the journey's state, and the hooks through which the
 * ownership mechanisms M1-M8 act on it.
 *
 * The journey (sim/journey/) moves customers through the stages and never
 * asks which mechanisms exist: at fixed points (start, a touch, a handoff, a
 * stage decision, a service contact, a day tick, the end) it calls every
 * mechanism in mechanism_table that has a hook there. Each mechanism
 * (sim/ownership/, one file each) reads only the scenario's parameters and the
 * ownership data derived from it. A new mechanism is a new file and a line in
 * the table.
 */
#ifndef JOURNEYSIM_MECHANISM_H
#define JOURNEYSIM_MECHANISM_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "journey.h"
#include "ownership.h"
#include "pool.h"
#include "scenario.h"
#include "sim.h"

/* Causes of effort (M7): every change of a customer's score is booked to one. */
enum cause {
	CAUSE_WAIT,
	CAUSE_REPEAT,
	CAUSE_INCONSISTENT,
	CAUSE_TRANSFER,
	CAUSE_ERROR,
	CAUSE_UNRESOLVED,
	CAUSE_DEFECT,
	CAUSE_FAST,
	CAUSE_COUNT
};
extern const char *const cause_names[CAUSE_COUNT];

/* Where a customer ends (or is at the horizon). */
enum end_state { END_NONE, END_NO_LEAD, END_LOST, END_DROPPED, END_CHURNED, END_COUNT };

struct customer {
	struct pool_ticket ticket; /* the pool the customer waits in or is served by */
	uint64_t id;               /* 1, 2, ... in order of arrival (existing customers first) */
	double t_arrival;          /* days */
	double t_lead;             /* qualification time (speed to lead starts here) */
	double t_wait;             /* start of the current wait (handoff delay + queue) */
	double t_contact;          /* start of the current service contact */
	double t_term_end;         /* end of the current contract term */
	double quality;            /* lead quality, uniform 0-1, drawn at arrival */
	double baseline;           /* personal starting score, drawn at arrival */
	double score;              /* experience, 0-10, as of t_score */
	double t_score;            /* when score was last brought up to date */
	float effort[CAUSE_COUNT]; /* points booked during the measuring window */
	unsigned touches_left;
	unsigned attempts;         /* attempts of the current service contact */
	unsigned pending_contacts; /* contacts owed (onboarding, order errors) */
	uint8_t visited;           /* bit per stage whose system holds the customer's records */
	uint8_t context_lost;      /* lost at the last handoff: the next stage suffers */
	uint8_t is_customer;       /* won a deal (or existed at day 0) */
	uint8_t in_window;         /* alive during the measuring window */
	uint8_t in_contact;        /* a service contact is under way */
	uint8_t term_end_due;      /* the term ended during a contact: decide afterwards */
	uint8_t renewing;          /* in sales for a renewal negotiation */
	uint8_t rework;            /* in delivery for rework */
	uint8_t under_contract;    /* counts among the active customers */
	sim_handle next_contact;   /* the pending contact event, cancelled at churn */
	struct customer *next_free;
};

/* Effective parameters, derived from the company and the ownership data by
 * the mechanisms' start hooks (and refreshed by day ticks). */
struct effective {
	double handoff_delay[TR_COUNT];   /* mean days */
	double handoff_loss[TR_COUNT];
	double handoff_drop[TR_COUNT];
	double p_inconsistent[1 << STAGE_COUNT]; /* by set of stages holding the records */
	double quality_threshold, p_qualify;
	double p_error;
	double p_fcr, p_upsell;
	double pool_scale[POOL_COUNT];    /* service-time multipliers (policy) */
	double debt[STAGE_COUNT];         /* integration debt of each stage's system, 0-1 */
	unsigned open_stage_defects[STAGE_COUNT];
	unsigned open_transition_defects[TR_COUNT];
};

/* What a handoff will do; hooks add to it, then the journey draws. */
struct handoff_outcome {
	double delay; /* mean days */
	double p_loss;
	double p_drop;
};

/* Counters of the measuring window (reset at the end of the warm-up). */
struct window {
	double start;
	uint64_t prospects, leads, sales_decisions, wins, leaked, touches, inconsistent;
	uint64_t handoffs, context_lost, crossings, contacts, attempts, first_resolved, transfers;
	uint64_t term_ends, renewals, churned, reworks, upsells, defects_opened, defects_fixed;
	uint64_t decisions, decision_parties, council_meetings;
	double speed_to_lead_sum, time_to_customer_sum;
	uint64_t speed_to_lead_n, time_to_customer_n;
	double rev_deals, rev_upsells, rev_renewals;
	double defect_fix_sum;
	double defect_open_area, active_area; /* integrals over days */
	/* customers population of the experience metrics */
	uint64_t people;
	double score_sum, effort_sum[CAUSE_COUNT];
	uint64_t promoters, detractors;
	double hist[HIST_COUNT][HIST_BINS];
};

struct journey {
	struct sim sim;
	const struct scenario *scenario;
	const struct company *co;
	const struct ownership *own;
	struct ownership_derived od;
	struct run_settings run;
	unsigned replication;

	/* One stream per source (rng.h); names in journey.c. */
	gsl_rng *r_arrivals, *r_initial, *r_referrals, *r_marketing, *r_qualify, *r_handoff, *r_view,
		*r_win, *r_error, *r_contacts, *r_self_service, *r_resolve, *r_upsell, *r_renewal,
		*r_defects, *r_decisions, *r_changes;
	gsl_rng *r_pool[POOL_COUNT];

	struct pool pools[POOL_COUNT];
	struct effective eff;

	/* customers: allocated in blocks, recycled through a free list */
	struct customer *free_list;
	struct customer **blocks;
	size_t n_blocks, cap_blocks;
	uint64_t next_id;
	uint64_t in_system, active; /* customers in the journey; under contract */

	/* arrivals */
	double rate_max; /* highest rate multiplier (thinning) */

	/* whole-run flow counts (metrics flow.*) and the window */
	uint64_t flow[METRIC_COUNT];
	struct window w;
	int windowed; /* the warm-up is over */

	/* time series */
	struct rep_result *out;
	size_t sample_index;
	double sample_areas[SERIES_COUNT]; /* integrals over the current sample */
	double series_last;                /* last update of sample_areas */

	/* trace */
	uint64_t trace_customers;
	char *trace;
	size_t trace_len, trace_cap;
};

/* ---- the mechanisms ---- */

struct mechanism {
	const char *name; /* "M1 handoff friction" */
	/* once, before the first event: derive effective parameters */
	void (*start)(struct journey *j);
	/* a marketing touch or service contact reaches the customer: add to *p_inconsistent */
	void (*touch)(struct journey *j, struct customer *c, double *p_inconsistent);
	/* a transition between stages */
	void (*handoff)(struct journey *j, struct customer *c, enum transition t, struct handoff_outcome *o);
	/* a customer passes a stage's decision point: multiply *p_ok by the chance
	 * that nothing the mechanism governs spoils it */
	void (*pass)(struct journey *j, struct customer *c, enum stage s, double *p_ok);
	/* once a day */
	void (*day)(struct journey *j);
	/* at the horizon: fill the metrics the mechanism owns */
	void (*finish)(struct journey *j, double *metrics);
};

extern const struct mechanism mechanism_handoff, mechanism_view, mechanism_governance,
	mechanism_technology, mechanism_policy, mechanism_capacity, mechanism_experience,
	mechanism_economics;
extern const struct mechanism *const mechanism_table[];

/* ---- services the journey offers to mechanisms ---- */

/* Books points (negative = effort, positive = a gain) to the customer's score
 * under a cause (M7); counts toward the window when the customer is in it. */
void experience_book(struct journey *j, struct customer *c, enum cause cause, double points);
/* Brings the customer's score up to now: the distance to the start score
 * fades with experience.recovery_half_life. Returns the score. */
double experience_settle(struct journey *j, struct customer *c);
/* Effort for a wait of `waited` days at a pool (beyond the tolerance). */
void experience_wait(struct journey *j, struct customer *c, enum pool_id p, double waited);
/* Renewal chance from a score (logistic, documented in docs/model.md). */
double experience_renewal_chance(const struct company *co, double score);

/* Integration quality between two stages' systems (M1): 1 for one system,
 * 1 - debt for integrated systems, 0 otherwise. */
double handoff_shared_context(const struct journey *j, enum stage a, enum stage b);

/* Win chance of a lead of a given quality after waiting `wait` days for the
 * first contact (sales.c). */
double sales_win_chance(const struct company *co, double quality, double wait, int context_lost);

/* Defect state for governance and technology. */
double governance_decision_latency(struct journey *j, enum transition t, int is_stage_defect);
double technology_lead_time(struct journey *j, enum stage a, enum stage b);

/* Call before changing a level the time series integrate (active customers,
 * open defects): brings their integrals up to now. */
void journey_levels_update(struct journey *j);

/* Appends a trace row for customers within the traced range. */
void journey_trace(struct journey *j, const struct customer *c, const char *stage, const char *event,
		   const char *detail);

/* Is this customer traced? (check before building a trace detail) */
static inline int journey_tracing(const struct journey *j, const struct customer *c)
{
	return j->trace_customers && c->id <= j->trace_customers;
}

static inline int journey_is_boundary(const struct journey *j, enum transition t)
{
	return j->od.boundary[t];
}

#endif
