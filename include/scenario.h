/*
 * scenario.h - what a scenario file describes, as plain data.
 *
 * A scenario file holds the run settings, a company (arrivals, stages, pools,
 * behaviour, costs, mechanism parameters), optional user-defined ownership
 * models, and a list of scenarios, each a copy of the company with overrides
 * and an ownership model. The first scenario is the baseline.
 *
 * Everything here is plain data without pointers, so a scenario is copied with
 * `=` (sweeps and overrides copy freely). Every field is described, with unit,
 * default and range, in the parameter schema (sim/scenario/schema.c), which
 * also drives loading, validation, `journeysim check` and docs/config.md.
 */
#ifndef JOURNEYSIM_SCENARIO_H
#define JOURNEYSIM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "dist.h"
#include "error.h"

enum stage { STAGE_MARKETING, STAGE_SALES, STAGE_DELIVERY, STAGE_SERVICE, STAGE_COUNT };
enum pool_id { POOL_SALES, POOL_DELIVERY, POOL_SERVICE, POOL_COUNT };
enum focus { FOCUS_COST, FOCUS_REVENUE, FOCUS_EXPERIENCE, FOCUS_COUNT };
/* it: the central IT platform; own: bought by the stage owner around IT (shadow IT);
 * embedded: IT staff inside the function; supported: the function's own vendor
 * system that IT integrates and supports (appended, so the names keep their index) */
enum tech { TECH_IT, TECH_OWN, TECH_EMBEDDED, TECH_SUPPORTED, TECH_COUNT };
enum governance { GOV_SINGLE, GOV_BILATERAL, GOV_COUNCIL, GOV_ESCALATION, GOV_COUNT };

/* Journey transitions where ownership can change (MODEL.md section 2). The
 * first three are the main journey; renewal goes back to sales, and a
 * transfer hands a service contact to delivery's specialists. */
enum transition {
	TR_MARKETING_SALES,
	TR_SALES_DELIVERY,
	TR_DELIVERY_SERVICE,
	TR_SERVICE_SALES,
	TR_SERVICE_DELIVERY,
	TR_COUNT
};
#define TR_MAIN_COUNT 3

extern const char *const stage_names[STAGE_COUNT];  /* "marketing", ... */
extern const char *const pool_names[POOL_COUNT];    /* "sales", "delivery", "service" */
extern const char *const pool_labels[POOL_COUNT];   /* in plain words: "sales team", ..., "contact centre" */
extern const char *const pool_seats[POOL_COUNT];    /* what a server is: "sellers", "people", "seats" */
extern const char *const focus_names[FOCUS_COUNT];  /* "cost", "revenue", "experience" */
extern const char *const tech_names[TECH_COUNT];    /* "it", "own", "embedded", "supported" */
extern const char *const governance_names[GOV_COUNT];
extern const enum stage transition_from[TR_COUNT], transition_to[TR_COUNT];
extern const enum stage pool_stage[POOL_COUNT];     /* the stage each pool serves */

#define NAME_LEN 48
#define TEXT_LEN 160
#define OWNER_MAX 12
#define PROFILE_MAX 24
#define PROFILE_MULTIPLIER_MAX 1000.0 /* the arrival thinning draws at the peak rate */
#define INTEGRATION_MAX 16
#define SCENARIO_MAX 32
#define MODEL_MAX 32
#define SCENARIO_SETTINGS_MAX 256 /* company settings of the schema, at most */

/* ---- run settings ---- */

struct run_settings {
	uint64_t seed;         /* master seed */
	unsigned replications; /* >= 1 */
	double horizon;        /* days, > 0 */
	double warmup;         /* days, 0 <= warmup < horizon */
	double sample_every;   /* days between time-series points; 0 = horizon / 1000 rounded up to a nice step */
	double period;         /* days of one period of periods.csv, counted from the warm-up's end; 0 = a year */
	char objective[160];   /* what "best" means (metrics.h objective_parse): "margin", "margin+50000*experience" */
};

/* ---- the company ---- */

/* Piecewise-constant multiplier of the arrival rate: multiplier[i] holds from
 * start[i] (days, rising) to the next start; before start[0] it is 1. With
 * period > 0 the profile repeats every period days (seasons). */
struct rate_profile {
	size_t n;
	double start[PROFILE_MAX];
	double multiplier[PROFILE_MAX]; /* in [0, PROFILE_MULTIPLIER_MAX] */
	double period;                  /* days, 0 = does not repeat */
};

/* How a pool's servers are found (docs/staffing.md): as given (fixed), the
 * fewest that meet a service level, or the number that is best on the run's
 * objective; the experiment's staffing search (staffing.c) chooses them
 * before the reported run. */
enum staffing_rule { STAFFING_FIXED, STAFFING_SERVICE_LEVEL, STAFFING_COST_OPTIMAL, STAFFING_RULE_COUNT };
extern const char *const staffing_rule_names[STAFFING_RULE_COUNT]; /* "fixed", "service_level", "cost_optimal" */

struct staffing {
	int rule;             /* enum staffing_rule */
	double within;        /* days: the wait a service level counts below (also under fixed) */
	double share;         /* service_level: the share of jobs that must wait less than within */
	unsigned max_servers; /* the search never staffs more, >= 1 */
};

/* Each staffed stage (sales, delivery, service) has one; company_pool() finds
 * a pool's by its id, so code that treats the pools alike need not name them. */
struct pool_params {
	unsigned servers;       /* 0 = unlimited (self-service, or a pass-through) */
	struct dist service;    /* service time per job, days */
	double cost_per_server; /* money per server-year */
	double cost_per_busy_day; /* variable cost per busy server-day (telephony, travel, materials) */
	struct staffing staffing;
};

struct arrival_params {
	double rate;                 /* prospects per day, > 0 */
	struct rate_profile profile; /* seasons and campaigns */
};

struct marketing_params {
	struct dist touches;       /* campaign touches per prospect (sample rounded, >= 0) */
	struct dist touch_spacing; /* days between touches */
	double quality_threshold;  /* lead quality (uniform 0-1 per prospect) needed to qualify */
	double p_qualify;          /* chance that a prospect above the threshold becomes a lead */
	double cost_per_prospect;  /* campaign spend, money per prospect */
};

struct sales_params {
	struct pool_params pool;
	double p_win;          /* win chance of a top-quality lead contacted at once */
	double win_half_life;  /* days of waiting that halve the speed-dependent part of the win chance */
	double win_floor;      /* share of the win chance that does not decay with waiting (0-1) */
	double quality_weight; /* 0: quality does not matter; 1: win chance proportional to quality */
	double p_nurture;      /* chance that a lost lead goes back to marketing nurture */
	double deal_value;     /* money per contract term (new deal), for a median lead (quality 0.5) */
	double deal_quality;   /* contract size multiplier 1 + deal_quality * (quality - 0.5) */
};

struct delivery_params {
	struct pool_params pool;
	double p_error;      /* chance that an order has an error (rework and a service contact) */
	double rework_scale; /* rework effort as a share of a first delivery */
};

struct service_params {
	struct pool_params pool;
	double term;               /* contract term, days */
	double contacts_per_year;  /* support contacts per customer per year (Poisson) */
	double p_onboarding;       /* chance of an onboarding contact right after delivery */
	double self_service_share; /* share of contacts that try self-service first */
	double self_service_fail;  /* chance self-service fails and the contact reaches the pool */
	double p_fcr;              /* chance a contact is resolved at an attempt */
	double p_transfer;         /* chance an unresolved attempt is transferred (else callback) */
	struct dist callback_delay; /* days until a callback attempt */
	unsigned max_attempts;     /* attempts before a contact is left unresolved, >= 1 */
	double p_upsell;           /* chance a resolved contact carries an upsell */
	double upsell_value;       /* money per upsell */
	double fast_resolution;    /* days: resolved first time within this counts as fast */
	unsigned initial_customers; /* customers under contract at day 0 */
	double contacts_quality;   /* contacts x max(0, 1 + contacts_quality * (0.5 - quality)) */
	double self_service_cost;  /* money per self-service attempt */
};

struct renewal_params {
	double p_at_neutral;   /* renewal chance at the neutral score */
	double neutral_score;  /* score (0-10) where renewal chance = p_at_neutral */
	double slope;          /* logit change per point of score */
	double renewal_value;  /* money per renewed term */
	double p_via_sales;    /* chance the renewal is negotiated by sales (a handoff back) */
	double p_referral;     /* chance a promoter refers a new prospect at a term end */
	double quality_logit;  /* renewal log-odds added per unit of lead quality above 0.5 */
	double referral_quality; /* referral chance x (1 + referral_quality * (quality - 0.5)) */
};

struct experience_params {
	double start;           /* mean score a prospect starts with (0-10) */
	double start_spread;    /* personal starting scores are uniform on start +- start_spread */
	double tolerance[POOL_COUNT]; /* days a customer waits (handoff + queue) for each pool without annoyance */
	double late;            /* points per tolerance-length waited beyond the tolerance */
	double late_cap;        /* at most this many points for one wait */
	double repeat;          /* points for repeating information (lost context) */
	double inconsistent;    /* points for a conflicting message */
	double transfer;        /* points per transfer */
	double error;           /* points per order error */
	double unresolved;      /* points per contact left unresolved */
	double defect;          /* points when a customer meets an open journey defect */
	double fast;            /* points gained by a fast first-contact resolution */
	double self_service_fail; /* points for a failed self-service attempt */
	double recovery_half_life; /* days for the distance to the personal start score to halve; 0 = never */
	double promoter_min;    /* score at or above: promoter */
	double detractor_below; /* score below: detractor */
};

/* ---- mechanism parameters (MODEL.md section 4) ---- */

struct handoff_params { /* M1 */
	double delay_boundary;      /* mean acceptance delay across a boundary, days (exponential) */
	double delay_internal;      /* mean delay of a same-owner transition, days */
	double p_loss_boundary;     /* chance context is lost across a boundary */
	double p_loss_internal;
	double p_drop_boundary;     /* chance the customer is dropped across a boundary */
	double p_drop_internal;
	double shared_context_relief; /* share of context loss removed by shared customer data (x integration quality) */
	double coordination_relief;   /* share of delay, drop and the ownership part of loss a journey owner removes */
	double loss_data_share;       /* share of boundary context loss due to missing data (the rest: ownership) */
	double loss_win_factor;       /* win chance multiplier when context was lost before sales */
	double loss_error_factor;     /* order error multiplier when context was lost before delivery */
	double loss_fcr_factor;       /* first-contact resolution multiplier when context was lost before service */
	double debt_loss;             /* extra loss chance per unit of integration debt on either side */
	double cost_per_crossing;     /* coordination cost per boundary crossing, money */
};

struct view_params { /* M2 */
	double p_base;       /* chance of a conflicting message with one consistent view */
	double p_per_system; /* extra chance per additional unintegrated system holding the records */
	double p_per_owner;  /* extra chance per additional owner of the visited stages (x (1 - relief)) */
};

struct governance_params { /* M3 */
	double stage_defects_per_year;    /* journey defects per stage per year (market change) */
	double boundary_defects_per_year; /* journey defects per main transition per year */
	double decision_single;     /* mean days for one owner to decide */
	double decision_party;      /* mean days for each party of a bilateral decision to agree */
	double council_every;       /* days between council meetings */
	double decision_escalation; /* mean days for the CEO to decide */
	double defect_failure;      /* chance an open stage defect spoils a customer's pass through it */
	double defect_delay;        /* days added to a handoff across a boundary with an open defect */
	double defect_loss;         /* extra context-loss chance across a boundary with an open defect */
	double council_cost_per_meeting; /* money per council meeting */
	double cost_per_decision;   /* coordination cost per cross-owner decision, money per party */
	double relief_council_rules; /* council relief from standing rules, whatever the cadence */
	double relief_council_live;  /* council relief at a cadence of 0 days: x live / (live + every) */
	double council_live_days;    /* days within which a handover problem must be settled to matter */
	double bilateral_compromise; /* chance a bilateral decision is a lowest-common-denominator fix */
	double compromise_residual;  /* share of a defect's effect a compromise fix leaves */
};

struct technology_params { /* M4 */
	double lead_time[TECH_COUNT];       /* mean days of work of one change (queue excluded), by tech */
	unsigned capacity[TECH_COUNT];      /* changes a delivery team works on at once; 0 = unlimited */
	double p_redo[TECH_COUNT];          /* chance a change is redone (requirements wrong or changed) */
	double redo_marketing_factor;       /* p_redo multiplier for IT changes to a marketing system */
	double redo_share;                  /* a redo takes this share of a full lead time */
	double coupling;                    /* extra work per extra stage the changed system serves */
	double system_base[TECH_COUNT];     /* money per system per year */
	double system_cost[TECH_COUNT];     /* money per stage served per system per year */
	double integration_cost;            /* money per integrated pair of systems per year */
	double integration_quality;         /* share of context an integration carries */
	double own_integration_quality;     /* the same, when either system is bought around IT */
	double debt_initial;                /* integration debt of an own system at day 0 */
	double debt_per_year;               /* growth of integration debt of a vendor ("own") system, per year */
	double supported_debt_per_year;     /* growth of debt of a supported system, per year */
	double debt_defects;                /* stage defect rate multiplier per unit of debt */
	double own_islands;                 /* extra customer views per unit of debt of an own system */
	double own_incidents_per_year;      /* extra stage defects a year on an own system */
	double marketing_fit[TECH_COUNT];   /* qualification multiplier of marketing's system */
	double cross_training_redo;         /* p_redo multiplier for IT changes touching a cross-trained stage */
	double cross_training_cost;         /* money per cross-trained stage per year */
};

struct transition_params { /* one-off cost of moving from the baseline model */
	double migration_cost;         /* money per stage whose system or technology changes */
	double integration_build_cost; /* money per new integrated pair of systems */
	double hiring_share;           /* share of a year's cost to hire each new owner */
	double amortisation_years;     /* years the one-off is spread over in cost.total; 0 = report only */
};

struct policy_params { /* M5: effect of the deciding owner's metric focus, by focus */
	double handle_time[FOCUS_COUNT];       /* service handle time multiplier */
	double fcr_shift[FOCUS_COUNT];         /* added to first-contact resolution */
	double upsell_factor[FOCUS_COUNT];     /* upsell chance multiplier */
	double threshold_shift[FOCUS_COUNT];   /* added to the lead-quality threshold */
	double qualify_factor[FOCUS_COUNT];    /* qualification chance multiplier */
	double delivery_time[FOCUS_COUNT];     /* delivery service time multiplier */
	double delivery_error[FOCUS_COUNT];    /* order error multiplier */
	double marketing_spend[FOCUS_COUNT];   /* campaign spend per prospect multiplier */
	double self_service_mix[FOCUS_COUNT];  /* self-service share multiplier */
	double it_weight_shared;      /* weight of IT's focus on service when IT runs a system shared across owners */
	double it_weight_departmental; /* ... when IT runs service's departmental system */
};

struct company {
	char currency[16];
	struct arrival_params arrivals;
	struct marketing_params marketing;
	struct sales_params sales;
	struct delivery_params delivery;
	struct service_params service;
	struct renewal_params renewal;
	struct experience_params experience;
	struct handoff_params handoff;
	struct view_params view;
	struct governance_params governance;
	struct technology_params technology;
	struct policy_params policy;
	struct transition_params transition;
};

/* The parameters of pool p of a company. */
const struct pool_params *company_pool(const struct company *c, enum pool_id p);

/* ---- ownership (MODEL.md section 3) ---- */

struct owner {
	char name[NAME_LEN];  /* identifier used by the model: "cmo" */
	char title[TEXT_LEN]; /* "Chief marketing officer" */
	double cost_per_year; /* money */
	enum focus focus;
};

struct ownership {
	char name[NAME_LEN];
	char description[TEXT_LEN];
	char source[TEXT_LEN];        /* the seed or study the model comes from */
	unsigned n_owners;
	struct owner owners[OWNER_MAX];
	int stage_owner[STAGE_COUNT]; /* index into owners */
	int journey_owner;            /* overlay owner of the whole journey, -1 for none */
	int journey_marketing_focus;  /* focus the journey owner sets for marketing, FOCUS_* + 1; 0 = the owner's own */
	int it_owner;                 /* who runs the central ("it") platform, -1 for none */
	enum tech tech[STAGE_COUNT];  /* technology ownership of each stage's customer systems */
	char system[STAGE_COUNT][NAME_LEN]; /* the customer-data system of each stage */
	unsigned n_integrations;      /* pairs of stages whose systems are integrated */
	enum stage integration[INTEGRATION_MAX][2];
	enum governance governance;   /* of decisions that span owners */
	int decider;                  /* owner deciding under "single"; -1 = the journey owner */
	int council_members;          /* parties at the council; 0 = every stage owner and the IT owner */
	int relief_set;               /* 0: relief derived from the form of coordination (ownership_relief) */
	double council_every;         /* days between this model's council meetings; 0 = the company's */
	double relief;                /* coordination relief on every coordinated transition, when relief_set */
	unsigned council_spans;       /* transitions (bit per enum transition) the council decides; 0 = all */
	unsigned cross_trained;       /* stages (bit per enum stage) whose staff are cross-trained with IT */
};

/* A move from one ownership model to another during the run: the scenario's
 * `transition` group (docs/model.md, "Transitions"; schema_transition). */
struct transition_plan {
	int present;         /* the scenario has a transition group */
	char from[NAME_LEN]; /* the model it starts in, as named (resolved into scenario.from) */
	double at;           /* days from the window start (end of the warm-up) to the switch */
	double cost;         /* money, one-off, on top of the one-off derived from company.transition */
	double duration;     /* days of the ramp after the switch; 0 = none */
	double dip;          /* productivity dip at the switch, share in [0, 1): service times x (1 + dip (1 - progress)) */
};

struct scenario {
	char name[NAME_LEN];
	char description[TEXT_LEN];
	struct company company;
	struct ownership ownership;
	/* today's organisation (one-off costs): the baseline scenario's model, or
	 * the transition's `from` model, which the scenario then runs until the switch */
	struct ownership from;
	struct transition_plan transition;
};

/* Where a value of a loaded file was written, for messages about it. */
struct scenario_place {
	char file[4096]; /* as messages name it (an included file by its own name) */
	unsigned line;
};

/* A loaded scenario file. */
struct scenario_file {
	char path[4096];
	char sha256[65];            /* of the main file's bytes */
	struct run_settings run;
	size_t n_scenarios;
	struct scenario scenarios[SCENARIO_MAX];
	/* where each scenario's pool server counts were set: its company
	 * override, else the file's company, else the scenario itself */
	struct scenario_place servers_at[SCENARIO_MAX][POOL_COUNT];
	/* where each scenario's pool staffing rule was set (the same fallbacks) */
	struct scenario_place staffing_at[SCENARIO_MAX][POOL_COUNT];
	/* company_set[i]: the file (its company group or a scenario's override)
	 * sets company schema entry i; 0: the schema's default is in use */
	unsigned char company_set[SCENARIO_SETTINGS_MAX];
	int has_sweep; /* the file has a `sweep` group (sim/sweep/ reads it) */
};

/* Reads, resolves (includes, bases, overrides, defaults) and validates a
 * scenario file. Heap-allocates the result (it is large); free with
 * scenario_file_free(). On error returns NULL and fills err with
 * "file:line: path.to.setting: expected X, got Y" and a sysexits code.
 * Warnings go to warn (may be NULL), one per line; none are made today (the
 * capacity warning is the command line's, from journey_pool_load). */
struct scenario_file *scenario_file_load(const char *path, struct js_error *err, char *warn,
					 size_t warn_len);
void scenario_file_free(struct scenario_file *f);

/* The limits of the work one run may ask for (docs/config.md, "limits"),
 * checked on the resolved file: scenario_file_load checks them, and a command
 * that changes the run settings afterwards (`run --horizon`) checks again.
 * Estimates come from the scenario data alone (arrival rate and profile,
 * horizon, initial customers, contacts, terms, sample interval, replications,
 * scenarios), before anything runs. */
struct scenario_work {
	double events;       /* events in one replication (a rough upper estimate) */
	double customers;    /* customers in the system at once (an upper bound) */
	double points;       /* time-series points of one replication */
	double events_total; /* events of the whole run: every scenario and replication */
	double memory;       /* bytes of results held until the run ends */
	double output;       /* bytes of the output files */
};
void scenario_work_estimate(const struct run_settings *run, const struct scenario *s, size_t n_scenarios,
			    struct scenario_work *w);

/* 0, or -1 with err (EX_CONFIG): "run.horizon: expected ..., got ..." when a
 * run setting is out of its schema range or an estimate is above its limit. */
int scenario_file_check_limits(const struct scenario_file *f, struct js_error *err);

/* Writes the fully resolved file (defaults filled in) as a config that
 * scenario_file_load accepts. Returns 0 or -1 (I/O error in err). */
int scenario_file_print(const struct scenario_file *f, FILE *out, struct js_error *err);

/* Parses "45 min", "2 h", "3 d", "2 w", "1 y" or a plain number of days.
 * Returns 0 and sets *days, or -1 and writes a reason into why. */
int duration_parse(const char *text, double *days, char *why, size_t why_len);

/* Sets one company or ownership parameter by its config path
 * ("sales.pool.servers", "handoff.p_loss_boundary") from a number, with the
 * schema's range check: the hook that sweeps use. 0, or -1 with err. */
int scenario_param_set(struct scenario *s, const char *path, double value, struct js_error *err);
int scenario_param_get(const struct scenario *s, const char *path, double *value);

/* The human label and unit of a parameter path as the schema gives them
 * ("Handoff delay at a boundary", "days"; a distribution's parameter:
 * "Sales service time (mean)"; an owner's cost: "Yearly cost of owner cco").
 * An unknown path gives the path itself and "". */
void scenario_param_label(const char *path, char *label, size_t label_len, char *unit, size_t unit_len);

/* Names of the built-in presets (config/presets/ *.cfg) and where they live. */
const char *scenario_preset_dir(void);

#endif
