/*
 * journey_internal.h - the model's private contract (sim/journey/ and
 * sim/ownership/ only; tests may include it too): the journey's state, and the
 * hooks through which the ownership mechanisms M1-M6 and M8 act on it.
 *
 * The journey (sim/journey/) moves customers through the stages and never
 * asks which mechanisms exist: at fixed points (start, a touch, a handoff, a
 * stage's pass and decision, a day tick, the end) it calls every mechanism in
 * mechanism_table that has a hook there, and nothing else of sim/ownership/.
 * Each mechanism (one file each) reads the scenario's parameters, the
 * ownership data derived from it and the journey state below; it writes only
 * its hooks' arguments, the effective parameters (struct effective, and the
 * pools' service-time scale), the window counters it owns and its own events,
 * and calls back into the journey only through the services at the end of
 * this file. A new mechanism is a new file and a line in the table
 * (sim/ownership/table.c, which says in which order hooks run and why).
 *
 * The experience score (M7) is the journey's own bookkeeping
 * (sim/journey/experience.c), not a mechanism: see there why.
 */
#ifndef JOURNEYSIM_JOURNEY_INTERNAL_H
#define JOURNEYSIM_JOURNEY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "journey.h"
#include "ownership.h"
#include "pool.h"
#include "rng.h"
#include "scenario.h"
#include "sim.h"

/* Causes of effort (M7, experience.c): every change of a customer's score is booked to one. */
enum cause {
	CAUSE_WAIT,
	CAUSE_REPEAT,
	CAUSE_INCONSISTENT,
	CAUSE_TRANSFER,
	CAUSE_ERROR,
	CAUSE_UNRESOLVED,
	CAUSE_DEFECT,
	CAUSE_FAST,
	CAUSE_SELF_SERVICE,
	CAUSE_COUNT
};

/* What a random quantity is for (docs/random.md). Every random quantity is
 * drawn from its own key, rng_key(base, purpose, index): base is the key of
 * the identity it belongs to, the comment says which (and what index counts).
 * Identities are keys of the same kind, so a quantity's numbers follow from
 * who it belongs to, never from what was drawn before it. The numbers are
 * fixed: renumbering one changes every result. */
enum purpose {
	/* identities */
	P_EXISTING = 1,      /* root: existing customer i (0, 1, ...) */
	P_ARRIVAL = 2,       /* root: arrival candidate n (1, 2, ...), thinned or not */
	P_ORGANISATION = 3,  /* root: the organisation (index 0) */
	P_REFERRAL = 4,      /* customer: the prospect it refers at the end of term n */
	P_ROUND = 5,         /* customer: its marketing-and-sales round n (0 at arrival, +1 per nurture) */
	P_TERM = 6,          /* customer: its contract term n (0: an existing customer's first, partial one) */
	P_CONTACT = 7,       /* term: the n-th contact of its Poisson process (1, 2, ...) */
	P_OWED_CONTACT = 8,  /* customer: its n-th owed contact (onboarding, order error) */
	P_DEFECT_PLACE = 9,  /* organisation: day * 16 + place (a stage, or STAGE_COUNT + transition) */
	P_DEFECT = 10,       /* defect place: its n-th defect of the day */
	/* quantities */
	P_ARRIVAL_GAP = 32,  /* arrival candidate: the gap to the next candidate, then the thinning uniform */
	P_QUALITY = 33,      /* customer: lead quality */
	P_BASELINE = 34,     /* customer: starting score */
	P_REMAINING = 35,    /* customer: existing customer's remaining term */
	P_TOUCHES = 36,      /* round: number of touches */
	P_TOUCH_GAP = 37,    /* round: the gap before a touch, by touches left */
	P_TOUCH_VIEW = 38,   /* round: a conflicting message at a touch, by touches left */
	P_QUALIFY = 39,      /* round: pass, then qualification */
	P_WIN = 40,          /* round: pass, then win */
	P_NURTURE = 41,      /* round: back to nurture when lost */
	P_ORDER_ERROR = 42,  /* customer: pass, then order error */
	P_ONBOARDING = 43,   /* customer: an onboarding contact is owed */
	P_CONTACT_GAP = 44,  /* term: the gap before its n-th contact */
	P_CONTACT_VIEW = 45, /* contact: a conflicting message */
	P_SELF_SERVICE = 46, /* contact: tries self-service, then it fails */
	P_RESOLVE = 47,      /* contact: pass, then resolution, by attempt */
	P_TRANSFER = 48,     /* contact: transferred when unresolved, by attempt */
	P_UPSELL = 49,       /* contact: an upsell when resolved, by attempt */
	P_CALLBACK = 50,     /* contact: the callback delay, by attempt */
	P_REFER = 51,        /* term: refers a prospect at its end */
	P_VIA_SALES = 52,    /* term: renewal negotiated in sales */
	P_RENEW = 53,        /* term: renews */
	P_DEFECTS = 54,      /* defect place: number of defects that day */
	P_DECISION = 55,     /* defect: decision latency */
	P_CHANGE = 56,       /* defect: work of a change, by round * 2 + side (0: from stage, 1: to stage) */
	P_COMPROMISE = 57,   /* defect: a bilateral decision settles for a compromise */
	P_POOL_TIME = 64,    /* + pool: service time; sales: round or term (index 0), delivery: customer
			      * (index 0 order, 1 rework), service: contact (index attempt) */
	P_HANDOFF = 72,      /* + transition: drop, loss, delay; by the base and index journey_handoff is given */
};

/* Where a customer ends (or is at the horizon). */
enum end_state { END_NONE, END_NO_LEAD, END_LOST, END_DROPPED, END_CHURNED, END_COUNT };

struct customer {
	struct pool_ticket ticket; /* the pool the customer waits in or is served by */
	uint64_t id;               /* 1, 2, ... in order of arrival (existing customers first) */
	/* random keys (enum purpose): the customer's identity, and the current
	 * round, term and contact */
	uint64_t key, round_key, term_key, contact_key;
	uint32_t round, term;      /* numbers of the current round and term */
	uint32_t contacts;         /* Poisson contacts of the current term so far */
	uint32_t owed;             /* owed contacts started so far */
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
	uint8_t context_lost;      /* lost at the last handoff: weakens the next stage decision (journey_decide) */
	uint8_t is_customer;       /* won a deal (or existed at day 0) */
	uint8_t in_window;         /* alive during the measuring window */
	uint8_t in_contact;        /* a service contact is under way */
	uint8_t term_end_due;      /* the term ended during a contact: decide afterwards */
	uint8_t renewing;          /* in sales for a renewal negotiation */
	uint8_t rework;            /* in delivery for rework */
	uint8_t under_contract;    /* counts among the active customers */
	uint8_t initial;           /* a customer at day 0 (flow.churned_initial) */
	uint8_t delivered;         /* its first delivery is done (flow.retained, flow.awaiting_delivery) */
	uint8_t transferred;       /* the current contact was transferred at least once (service.transferred) */
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
	unsigned open_stage_defects[STAGE_COUNT];   /* counts (defects.open_mean) */
	unsigned open_transition_defects[TR_COUNT];
	double stage_severity[STAGE_COUNT];         /* sums of open severities: 1, or a compromise's residual */
	double transition_severity[TR_COUNT];
	double relief[TR_COUNT];                    /* coordination relief R(t) (ownership_relief) */
	double self_service_share;                  /* share of contacts that try self-service (policy) */
};

/* What a handoff will do; hooks add to it, then the journey draws. */
struct handoff_outcome {
	double delay; /* mean days */
	double p_loss;
	double p_drop;
};

/* Money that accrues over time (journey_money_update; M8 economics sets the
 * rates): management, overlay and technology by the model in force (money a
 * year), marketing by prospect (money a prospect), and the one-off of a move:
 * a transition's as cash when spent, else amortised (money a year). */
enum money_kind { MONEY_MANAGEMENT, MONEY_OVERLAY, MONEY_TECHNOLOGY, MONEY_MARKETING, MONEY_TRANSITION, MONEY_COUNT };

/* Counters of the measuring window (reset at the end of the warm-up). */
struct window {
	double start;
	uint64_t prospects, leads, leads_first, sales_decisions, wins, touches, inconsistent;
	uint64_t handoffs, context_lost, crossings, dropped[TR_COUNT];
	/* contacts = self_service_resolved + assisted, both counted at the contact's start */
	uint64_t contacts, assisted, self_service_tries, self_service_resolved;
	uint64_t attempts, first_resolved, transfers, transferred;
	uint64_t renewals, churned, reworks, upsells, defects_opened, defects_fixed;
	uint64_t decisions, decision_parties, council_meetings;
	uint64_t changes, redos;
	double change_wait_sum;
	double speed_to_lead_sum, time_to_customer_sum;
	uint64_t speed_to_lead_n, time_to_customer_n;
	double rev_deals, rev_upsells, rev_renewals;
	/* service days of jobs finished in the window: delivery (all, rework),
	 * sales (index 0 leads, 1 renewal negotiations) */
	double delivery_busy, rework_busy, sales_busy[2];
	double defect_fix_sum;
	double defect_open_area, active_area; /* integrals over days */
	double debt_area;                     /* integral of the mean debt (periods' technology.debt) */
	/* customers population of the experience metrics */
	uint64_t people;
	double effort_days; /* days those people were counted for effort (per customer-year) */
	double score_sum, effort_sum[CAUSE_COUNT];
	uint64_t promoters, detractors;
	double hist[HIST_COUNT][HIST_BINS];
	/* money accrued in the window by enum money_kind, up to money_last
	 * (journey_money_update; 0: not yet since the window start) */
	double money[MONEY_COUNT];
	double money_last;
	uint64_t money_prospects; /* prospects already priced into money[MONEY_MARKETING] */
};

/* A move from one ownership model to another during the run (transition.c,
 * docs/model.md "Transitions"). Without one, j->own is the scenario's model
 * and only progress (1) and since (0) are read. */
struct transition_state {
	int active;          /* the scenario has a transition */
	int switched;        /* the target model is in force */
	double switch_at;    /* day the switch is due: run.warmup + transition.at */
	double switched_at;  /* day it happened: the first day tick at or after switch_at (0 when due at 0) */
	double progress;     /* of the ramp, 0-1; 1 before the switch, without a ramp and after it */
	double one_off;      /* money: transition.cost + the one-off derived against the from model */
	unsigned epoch;      /* +1 whenever j->own changes: the switch, an integration going live */
	unsigned n_new, live; /* integrations of the target that the from model lacks; how many are live */
	double since[STAGE_COUNT]; /* when each stage's system and technology came in: its debt grows from then */
	struct ownership cur; /* j->own during a transition: the model in force */
};

/* A journey defect while open (M3): where, its identity and how far it is settled. */
struct defect {
	uint64_t key;     /* rng identity: P_DECISION, P_CHANGE, P_COMPROMISE */
	double opened;    /* day it opened */
	double severity;  /* 1, or the residual after a compromise fix */
	int place;        /* a stage, or STAGE_COUNT + transition */
	int round;        /* 0: first decision; 1: after a compromise */
	int compromise;   /* the first fix is a compromise */
	int windowed;     /* opened in the measuring window (defects.fix_days counts it) */
	int open;         /* not yet fixed */
	int next_free;
};

#define TEAM_MAX (1 + 2 * STAGE_COUNT) /* IT, and embedded or supported per stage owner */
#define TEAM_SERVERS_MAX 64            /* technology.capacity is at most this (schema unit "changes") */

struct journey {
	struct sim sim;
	const struct scenario *scenario;
	const struct company *co;
	const struct ownership *own;
	struct ownership_derived od;
	struct run_settings run;
	unsigned replication;

	/* the one generator, keyed before each random quantity (journey_rng) */
	gsl_rng *rng;
	uint64_t root;         /* key of the replication (rng_stream_seed of "journey") */
	uint64_t organisation; /* key of the organisation's quantities */
	uint64_t candidates;   /* arrival candidates so far */

	struct pool pools[POOL_COUNT];
	struct effective eff;
	/* hot-path caches, keyed on their inputs (so never stale): the pools'
	 * lognormal parameters, governance_pass's pow(1 - failure, severity) */
	struct dist_cache service_cache[POOL_COUNT];
	double pass_base[STAGE_COUNT], pass_severity[STAGE_COUNT], pass_factor[STAGE_COUNT];
	/* what view_refresh last computed p_inconsistent from (the model in force,
	 * its debt and relief): most days nothing changed */
	struct {
		int known;
		unsigned epoch;
		const struct ownership *own;
		double debt[STAGE_COUNT], relief[TR_COUNT];
	} view_inputs;

	/* customers: allocated in blocks, recycled through a free list */
	struct customer *free_list;
	struct customer **blocks;
	size_t n_blocks, cap_blocks;
	uint64_t next_id;
	uint64_t in_system, active; /* customers in the journey; under contract */

	/* arrivals */
	double rate_max; /* highest rate multiplier (thinning) */

	/* open journey defects (M3), by index; events name them by index + 1 */
	struct defect *defects;
	size_t n_defects, cap_defects;
	int free_defect; /* first free record, -1 for none */
	/* change delivery teams (M4): when each server of each team is next free */
	int team_of[STAGE_COUNT];                 /* -1: unlimited (a vendor) */
	unsigned team_servers[TEAM_MAX];
	double team_free[TEAM_MAX][TEAM_SERVERS_MAX];
	unsigned teams_epoch; /* tr.epoch the teams were built for */

	/* a move between models during the run, and the rates money accrues at */
	struct transition_state tr;
	double money_rate[MONEY_COUNT];
	int money_rates_set; /* economics' rates computed once (without a transition they never change) */

	/* whole-run flow counts (metrics flow.*) and the window */
	uint64_t flow[METRIC_COUNT];
	struct window w;
	int windowed; /* the warm-up is over */

	/* time series */
	struct rep_result *out;
	size_t sample_index;
	double sample_areas[SERIES_COUNT]; /* integrals over the current sample */
	double series_last;                /* last update of sample_areas */

	/* per-period results (period.c) */
	struct window period_mark;     /* the window at the last period boundary, levels brought up to it */
	double period_last;            /* its time (days) */
	double period_money[PM_COUNT]; /* money since the window start at it */
	size_t period_index, cumulative_index;

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
	/* the chance of the stage's decisive event for this customer (marketing:
	 * qualify, sales: win, delivery: order error, service: resolution), as
	 * the stage computed it: adjust *chance */
	void (*decide)(struct journey *j, struct customer *c, enum stage s, double *chance);
	/* once a day */
	void (*day)(struct journey *j);
	/* at the horizon: fill the metrics the mechanism owns */
	void (*finish)(struct journey *j, double *metrics);
};

/* The mechanisms, in the order their hooks run (sim/ownership/table.c), NULL-terminated. */
extern const struct mechanism *const mechanism_table[];

/* ---- services the journey offers to mechanisms ---- */

/* The generator, set to the stream of quantity (purpose, index) under base.
 * Draw all of the quantity's numbers before the next call. */
static inline gsl_rng *journey_rng(struct journey *j, uint64_t base, enum purpose p, uint64_t index)
{
	return rng_keyed_set(j->rng, rng_key(base, p, index));
}

/* Call before changing a level the time series integrate (active customers,
 * open defects): brings their integrals up to now. */
void journey_levels_update(struct journey *j);

/* Per-period results (period.c): set-up (the arrays of out), the start of
 * the window, and the last period at the horizon (after the results). */
int period_setup(struct journey *j);
void period_window_start(struct journey *j);
void period_finish(struct journey *j);
/* The window as it stands now, its level integrals brought up to now, into
 * *w (the run is untouched). */
void journey_window_now(const struct journey *j, struct window *w);
/* Every window metric and mechanism's finish as if the run ended now, into
 * m, without changing the run; with_experience also scores the customers
 * still in the journey, as the horizon does. *seen (may be NULL): the
 * window those metrics came from. */
void journey_metrics_now(struct journey *j, double *m, int with_experience, struct window *seen);

/* Brings w.money up to now at the rates in force (call before a rate
 * changes, and before reading w.money: period boundaries, the horizon). */
void journey_money_update(struct journey *j);

/* The journey's side of a transition (transition.c): set-up after the
 * ownership is derived, and each day tick before the mechanisms' day hooks. */
void transition_init(struct journey *j);
void transition_day(struct journey *j);

/* Service-time multiplier of the productivity dip during a transition's ramp:
 * 1 + dip (1 - progress), 1 outside the ramp. */
double journey_dip(const struct journey *j);

/* The parameters of pool p in a company (sales, delivery, service). */
static inline const struct pool_params *journey_pool_params(const struct company *co, enum pool_id p)
{
	const struct pool_params *const pools[POOL_COUNT] = {&co->sales.pool, &co->delivery.pool,
							     &co->service.pool};
	return pools[p];
}

#endif
