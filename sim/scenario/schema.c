/*
 * schema.c - every setting of the run and of the company, in one table each:
 * path, type, range, unit, default and meaning.
 *
 * The table is the single description of the file format: the loader reads
 * and checks values by it (values.c), the defaults are its `def` texts parsed
 * as config values, scenario_param_set/get look paths up in it, `journeysim
 * check` prints a company by walking it, and docs/config.md is written from it
 * (schema_doc_write; a test compares). Entries sharing a group are adjacent,
 * in the order `check` prints them.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ownership.h"
#include "scenario_internal.h"

#define FIELD(S, m) offsetof(struct S, m), sizeof(((struct S *)0)->m)

#define R(path, label, type, range, unit, m, def, max, meaning) \
	{path, type, range, unit, FIELD(run_settings, m), def, meaning, max, label, 0, NULL}

/* the longest simulated time: beyond it runs take too long and times lose precision */
#define HORIZON_MAX (1000 * 365.0)

static const struct schema_entry run_entries[] = {
	R("seed", "Master seed", ST_SEED, RG_NONNEG, "", seed, "1", 0,
	  "master seed of every random stream; above 2^31-1 written with L (12345678901L), above 2^63-1 "
	  "as a string of digits (\"18446744073709551615\")"),
	R("replications", "Replications", ST_UINT, RG_MIN1, "runs", replications, "10", 0,
	  "independent replications of every scenario"),
	R("horizon", "Horizon", ST_DURATION, RG_POS, "days", horizon, "\"3 y\"", HORIZON_MAX, "simulated time of one replication"),
	R("warmup", "Warm-up", ST_DURATION, RG_NONNEG, "days", warmup, "0", HORIZON_MAX,
	  "statistics are reset at this time; must be less than the horizon"),
	R("sample_every", "Time-series step", ST_DURATION, RG_NONNEG, "days", sample_every, "0", HORIZON_MAX,
	  "days between time-series points; 0 = automatic (at most about 1000 points)"),
	R("period", "Period", ST_DURATION, RG_POS, "days", period, "\"1 y\"", HORIZON_MAX,
	  "length of one period of periods.csv, counted from the end of the warm-up; the last period is cut "
	  "at the horizon (partial)"),
	R("objective", "Objective", ST_TEXT, RG_ANY, "", objective, "\"margin\"", 0,
	  "what \"best\" means: margin, experience, cost, revenue, nps, or a metric with weighted terms "
	  "(\"margin+50000*experience\"; see Objective)"),
};

/* A company setting: its label and its flags (SCHEMA_KEY, SCHEMA_ILLUSTRATIVE;
 * KEY is both, ILL an illustrative default, IN a company input). */
#define KEY (SCHEMA_KEY | SCHEMA_ILLUSTRATIVE)
#define ILL SCHEMA_ILLUSTRATIVE
#define IN 0
#define C(path, label, flags, type, range, unit, m, def, meaning) \
	{path, type, range, unit, FIELD(company, m), def, meaning, 0, label, flags, NULL}
#define N(path, label, flags, range, unit, m, def, meaning) \
	C(path, label, flags, ST_NUMBER, range, unit, m, def, meaning)
#define D(path, label, flags, range, m, def, meaning) C(path, label, flags, ST_DURATION, range, "days", m, def, meaning)
#define P(path, label, flags, m, def, meaning) \
	C(path, label, flags, ST_NUMBER, RG_PROB, "probability", m, def, meaning)
static const char *const staffing_rules[] = {"fixed", "service_level", "cost_optimal", NULL};
#define POOL(stage, lab, srv_def, svc_def, cost_def, busy_def, busy_meaning, within_def)            \
	C(#stage ".pool.servers", lab " staff", IN, ST_UINT, RG_SERVERS, "servers", stage.pool.servers, srv_def, \
	  "staff serving the " #stage " queue; 0 = unlimited (no queue)"),                            \
	C(#stage ".pool.service", lab " service time", IN, ST_DIST_DAYS, RG_ANY, "days", stage.pool.service,  \
	  svc_def, "service time of one " #stage " job"),                                             \
	N(#stage ".pool.cost_per_server", lab " cost per server", IN, RG_NONNEG, "money/year",         \
	  stage.pool.cost_per_server, cost_def, "yearly cost of one " #stage " server"),               \
	N(#stage ".pool.cost_per_busy_day", lab " cost per busy day", ILL, RG_NONNEG, "money",        \
	  stage.pool.cost_per_busy_day, busy_def,                                                      \
	  "variable cost per busy " #stage " server-day (cost.variable); " busy_meaning),              \
	{#stage ".pool.staffing.rule", ST_CHOICE, RG_ANY, "", FIELD(company, stage.pool.staffing.rule), "\"fixed\"", \
	 "fixed: servers as given; service_level: the fewest servers that meet the share within the wait; " \
	 "cost_optimal: the servers best on run.objective (docs/staffing.md)",                        \
	 0, lab " staffing rule", IN, staffing_rules},                                                 \
	D(#stage ".pool.staffing.within", lab " service-level wait", IN, RG_POS, stage.pool.staffing.within, \
	  within_def, "wait in the queue that a job's service level counts below (reported under every rule)"), \
	N(#stage ".pool.staffing.share", lab " service-level share", IN, RG_SHARE, "share",           \
	  stage.pool.staffing.share, "0.8", "service_level: the share of jobs that must wait less than within"), \
	C(#stage ".pool.staffing.max_servers", lab " most servers a rule may staff", IN, ST_UINT, RG_MIN1, "servers", \
	  stage.pool.staffing.max_servers, "200", "a rule that needs more is refused (service_level) or stops there (cost_optimal)")
/* a group keyed by tech names (it, own, embedded, supported) */
#define TECH4(f, lab, fl_it, fl, type, range, unit, a, b, c, d, meaning)                        \
	C("technology." #f ".it", lab " (IT platform)", fl_it, type, range, unit, technology.f[TECH_IT], a, \
	  meaning " (it)"),                                                                           \
	C("technology." #f ".own", lab " (own vendors)", fl, type, range, unit, technology.f[TECH_OWN], b, \
	  meaning " (own)"),                                                                          \
	C("technology." #f ".embedded", lab " (embedded team)", fl, type, range, unit,                \
	  technology.f[TECH_EMBEDDED], c, meaning " (embedded)"),                                     \
	C("technology." #f ".supported", lab " (supported by IT)", fl, type, range, unit,            \
	  technology.f[TECH_SUPPORTED], d, meaning " (supported)")
#define FOCUS3(f, lab, fl_c, fl_r, range, a, b, c, meaning)                                       \
	N("policy." #f ".cost", lab " (cost focus)", fl_c, range, "factor", policy.f[FOCUS_COST], a,  \
	  meaning " (cost focus)"),                                                                    \
	N("policy." #f ".revenue", lab " (revenue focus)", fl_r, range, "factor", policy.f[FOCUS_REVENUE], b, \
	  meaning " (revenue focus)"),                                                                 \
	N("policy." #f ".experience", lab " (experience focus)", ILL, range, "factor",                \
	  policy.f[FOCUS_EXPERIENCE], c, meaning " (experience focus)")

static const struct schema_entry company_entries[] = {
	C("currency", "Currency", IN, ST_TEXT, RG_ANY, "", currency, "\"EUR\"", "label of every money value (up to 15 characters)"),

	N("arrivals.rate", "Prospects arriving", IN, RG_POS, "1/day", arrivals.rate, "40.0", "prospects arriving per day (Poisson)"),
	C("arrivals.profile", "Arrival profile", IN, ST_PROFILE, RG_ANY, "", arrivals.profile, "{ period = 0; start = []; multiplier = []; }", "rate multiplier[i] holds from start[i] (rising durations) to the next start; repeats every "
	  "period when period > 0; at most 24 steps, each multiplier at most 1000"),

	C("marketing.touches", "Campaign touches", ILL, ST_DIST_COUNT, RG_ANY, "touches", marketing.touches, "{ dist = \"fixed\"; mean = 3; }", "campaign touches per prospect (a sample is rounded)"),
	C("marketing.touch_spacing", "Time between touches", ILL, ST_DIST_DAYS, RG_ANY, "days", marketing.touch_spacing, "{ dist = \"exponential\"; mean = \"7 d\"; }", "time between touches"),
	N("marketing.quality_threshold", "Lead-quality threshold", ILL, RG_SHARE, "share", marketing.quality_threshold, "0.3", "lead quality (uniform 0-1 per prospect) needed to qualify"),
	P("marketing.p_qualify", "Qualification chance", ILL, marketing.p_qualify, "0.4", "chance that a prospect above the threshold becomes a lead"),
	N("marketing.cost_per_prospect", "Campaign spend per prospect", IN, RG_NONNEG, "money", marketing.cost_per_prospect, "150", "campaign spend per prospect"),

	POOL(sales, "Sales", "26", "{ dist = \"lognormal\"; mean = \"1 d\"; cv = 0.5; }", "90000", "150", "travel, demos, proposals: what a weak lead costs beyond salaries; illustrative, range 50-400",
	     "\"1 d\""),
	P("sales.p_win", "Win chance", ILL, sales.p_win, "0.5", "win chance of a top-quality lead contacted at once"),
	D("sales.win_half_life", "Win-chance half-life", ILL, RG_POS, sales.win_half_life, "\"2 d\"", "waiting that halves the speed-dependent part of the win chance"),
	N("sales.win_floor", "Win-chance floor", ILL, RG_SHARE, "share", sales.win_floor, "0.4", "share of the win chance that does not decay with waiting"),
	N("sales.quality_weight", "Weight of lead quality", ILL, RG_SHARE, "share", sales.quality_weight, "0.8", "0: lead quality does not matter; 1: win chance proportional to quality"),
	P("sales.p_nurture", "Nurture chance of a lost lead", ILL, sales.p_nurture, "0.3", "chance that a lost lead goes back to marketing nurture"),
	N("sales.deal_value", "Deal value", IN, RG_NONNEG, "money", sales.deal_value, "6000", "revenue of a new deal per contract term, for a median lead (quality 0.5)"),
	N("sales.deal_quality", "Deal size by lead quality", ILL, RG_NONNEG, "1/quality", sales.deal_quality, "0.4", "contract size (deal and renewals) x (1 + deal_quality x (quality - 0.5)): better-fitting customers buy "
	  "more; illustrative, range 0-1"),

	POOL(delivery, "Delivery", "28", "{ dist = \"gamma\"; mean = \"5 d\"; cv = 0.7; }", "75000", "100", "materials and licences; illustrative, range 30-300",
	     "\"2 d\""),
	P("delivery.p_error", "Order error chance", ILL, delivery.p_error, "0.08", "chance that an order has an error (rework and a service contact)"),
	N("delivery.rework_scale", "Rework effort", ILL, RG_NONNEG, "share", delivery.rework_scale, "0.5", "rework effort as a share of a first delivery"),

	POOL(service, "Contact centre", "4", "{ dist = \"lognormal\"; mean = \"1 h\"; cv = 0.8; }", "55000", "480", "telephony and licences, 20 per handled hour: what a shorter call saves under fixed staffing; "
	     "illustrative, range 240-1200", "\"20 min\""),
	D("service.term", "Contract term", IN, RG_POS, service.term, "\"1 y\"", "contract term"),
	N("service.contacts_per_year", "Support contacts per customer", IN, RG_NONNEG, "1/year", service.contacts_per_year, "4", "support contacts per customer per year (Poisson)"),
	P("service.p_onboarding", "Onboarding contact chance", ILL, service.p_onboarding, "0.5", "chance of an onboarding contact right after delivery"),
	N("service.self_service_share", "Self-service share", ILL, RG_SHARE, "share", service.self_service_share, "0.3", "share of contacts that try self-service first"),
	P("service.self_service_fail", "Self-service failure chance", ILL, service.self_service_fail, "0.4", "chance that self-service fails and the contact reaches the pool"),
	P("service.p_fcr", "Resolution chance per attempt", ILL, service.p_fcr, "0.7", "chance that a contact is resolved at an attempt"),
	P("service.p_transfer", "Transfer chance", ILL, service.p_transfer, "0.6", "chance that an unresolved attempt is transferred (else a callback)"),
	C("service.callback_delay", "Callback delay", ILL, ST_DIST_DAYS, RG_ANY, "days", service.callback_delay, "{ dist = \"exponential\"; mean = \"1 d\"; }", "time until a callback attempt"),
	C("service.max_attempts", "Attempts per contact", ILL, ST_UINT, RG_MIN1, "attempts", service.max_attempts, "3", "attempts before a contact is left unresolved"),
	P("service.p_upsell", "Upsell chance", ILL, service.p_upsell, "0.05", "chance that a resolved contact carries an upsell"),
	N("service.upsell_value", "Upsell value", IN, RG_NONNEG, "money", service.upsell_value, "1500", "revenue of an upsell"),
	D("service.fast_resolution", "Fast-resolution limit", ILL, RG_NONNEG, service.fast_resolution, "\"2 h\"", "a first-time resolution within this counts as fast"),
	C("service.initial_customers", "Customers at the start", IN, ST_UINT, RG_NONNEG, "customers", service.initial_customers, "3000", "customers under contract at day 0 (their lead quality is uniform on marketing.quality_threshold-1)"),
	N("service.contacts_quality", "Contacts by lead quality", ILL, RG_NONNEG, "1/quality", service.contacts_quality, "0.6", "contacts x max(0, 1 + contacts_quality x (0.5 - quality)): weaker-fitting customers need more help; "
	  "illustrative, range 0-1"),
	N("service.self_service_cost", "Cost of a self-service attempt", ILL, RG_NONNEG, "money", service.self_service_cost, "1", "variable cost of one self-service attempt (cost.variable); illustrative, range 0-5"),

	P("renewal.p_at_neutral", "Renewal chance at the neutral score", ILL, renewal.p_at_neutral, "0.8", "renewal chance at the neutral score"),
	N("renewal.neutral_score", "Neutral score", ILL, RG_SCORE, "points", renewal.neutral_score, "7", "experience score where the renewal chance is p_at_neutral"),
	N("renewal.slope", "Renewal sensitivity to experience", KEY, RG_NONNEG, "logit/point", renewal.slope, "0.6", "change of the renewal log-odds per point of score"),
	N("renewal.renewal_value", "Renewal value", IN, RG_NONNEG, "money", renewal.renewal_value, "5500", "revenue of a renewed term"),
	P("renewal.p_via_sales", "Renewals negotiated by sales", ILL, renewal.p_via_sales, "0.3", "chance that a renewal is negotiated by sales (a handoff back)"),
	P("renewal.p_referral", "Referral chance of a promoter", ILL, renewal.p_referral, "0.1", "chance that a promoter refers a prospect at a term end"),
	N("renewal.quality_logit", "Renewal by lead quality", KEY, RG_NONNEG, "logit/quality", renewal.quality_logit, "1.0", "renewal log-odds + quality_logit x (quality - 0.5): better-fitting customers stay; illustrative, range 0-2"),
	N("renewal.referral_quality", "Referrals by lead quality", ILL, RG_NONNEG, "1/quality", renewal.referral_quality, "1.0", "referral chance x (1 + referral_quality x (quality - 0.5)); illustrative, range 0-2"),

	N("experience.start", "Starting experience score", ILL, RG_SCORE, "points", experience.start, "8.2", "mean personal starting score of a prospect"),
	N("experience.start_spread", "Spread of starting scores", ILL, RG_NONNEG, "points", experience.start_spread, "1.5", "personal starting scores are uniform on start +- start_spread (clipped to 0-10)"),
	D("experience.recovery_half_life", "Experience recovery half-life", ILL, RG_NONNEG, experience.recovery_half_life, "\"120 d\"", "time for the distance to the personal starting score to halve (customers forget); 0 = never"),
	D("experience.tolerance.sales", "Tolerated wait for sales", ILL, RG_POS, experience.tolerance[POOL_SALES], "\"2 d\"", "wait (handoff and queue) for sales without annoyance"),
	D("experience.tolerance.delivery", "Tolerated wait for delivery", ILL, RG_POS, experience.tolerance[POOL_DELIVERY], "\"10 d\"", "wait for delivery without annoyance"),
	D("experience.tolerance.service", "Tolerated wait for service", ILL, RG_POS, experience.tolerance[POOL_SERVICE], "\"4 h\"", "wait for service without annoyance"),
	N("experience.late", "Penalty for waiting", ILL, RG_NONNEG, "points", experience.late, "0.5", "points lost per tolerance-length waited beyond the tolerance"),
	N("experience.late_cap", "Largest penalty for one wait", ILL, RG_NONNEG, "points", experience.late_cap, "2", "at most this many points for one wait"),
	N("experience.repeat", "Penalty for repeating information", KEY, RG_NONNEG, "points", experience.repeat, "0.8", "points lost repeating information"),
	N("experience.inconsistent", "Penalty for a conflicting message", ILL, RG_NONNEG, "points", experience.inconsistent, "0.3", "points lost per conflicting message"),
	N("experience.transfer", "Penalty for a transfer", ILL, RG_NONNEG, "points", experience.transfer, "0.6", "points lost per transfer"),
	N("experience.error", "Penalty for an order error", ILL, RG_NONNEG, "points", experience.error, "1.5", "points lost per order error"),
	N("experience.unresolved", "Penalty for an unresolved contact", ILL, RG_NONNEG, "points", experience.unresolved, "1.5", "points lost per contact left unresolved"),
	N("experience.defect", "Penalty for a journey defect", ILL, RG_NONNEG, "points", experience.defect, "0.5", "points lost meeting an open journey defect"),
	N("experience.fast", "Gain from a fast resolution", ILL, RG_NONNEG, "points", experience.fast, "0.2", "points gained by a fast resolution"),
	N("experience.self_service_fail", "Loss from failed self-service", ILL, RG_NONNEG, "points", experience.self_service_fail, "0.2", "points lost when self-service fails and the customer must call; illustrative, range 0-0.5"),
	N("experience.promoter_min", "Promoter score", ILL, RG_SCORE, "points", experience.promoter_min, "9", "score at or above: promoter"),
	N("experience.detractor_below", "Detractor score", ILL, RG_SCORE, "points", experience.detractor_below, "7", "score below: detractor; at most promoter_min"),

	D("handoff.delay_boundary", "Handoff delay at a boundary", KEY, RG_NONNEG, handoff.delay_boundary, "\"1 d\"", "mean acceptance delay across a boundary (exponential)"),
	D("handoff.delay_internal", "Handoff delay within an owner", ILL, RG_NONNEG, handoff.delay_internal, "\"0.1 d\"", "mean delay of a same-owner transition"),
	P("handoff.p_loss_boundary", "Context loss at a boundary", KEY, handoff.p_loss_boundary, "0.15", "chance that context is lost across a boundary"),
	P("handoff.p_loss_internal", "Context loss within an owner", ILL, handoff.p_loss_internal, "0.05", "chance that context is lost within an owner"),
	P("handoff.p_drop_boundary", "Drop chance at a boundary", KEY, handoff.p_drop_boundary, "0.03", "chance that the customer is dropped across a boundary"),
	P("handoff.p_drop_internal", "Drop chance within an owner", ILL, handoff.p_drop_internal, "0.005", "chance that the customer is dropped within an owner"),
	N("handoff.loss_data_share", "Share of context loss from missing data", KEY, RG_SHARE, "share", handoff.loss_data_share, "0.5", "share of boundary context loss that missing data causes (shared data relieves it); the rest comes from "
	  "different owners and only coordination relieves it (seed 004: no technology fixes fragmented "
	  "ownership); illustrative, range 0.2-0.8"),
	N("handoff.shared_context_relief", "Relief from shared customer data", ILL, RG_SHARE, "share", handoff.shared_context_relief, "0.9", "share of the data part of context loss removed by shared customer data (x context quality); "
	  "illustrative, range 0.6-1"),
	N("handoff.coordination_relief", "Relief from a journey owner or council", KEY, RG_SHARE, "share", handoff.coordination_relief, "0.5", "relief by a journey owner (continuous): share of delay, drop and the ownership part of loss removed on "
	  "every boundary; illustrative, range 0.25-0.75"),
	N("handoff.loss_win_factor", "Win chance after lost context", ILL, RG_POS, "factor", handoff.loss_win_factor, "0.8", "win chance multiplier when context was lost before sales"),
	N("handoff.loss_error_factor", "Order errors after lost context", ILL, RG_POS, "factor", handoff.loss_error_factor, "2.0", "order error multiplier when context was lost before delivery"),
	N("handoff.loss_fcr_factor", "Resolution after lost context", ILL, RG_POS, "factor", handoff.loss_fcr_factor, "0.8", "first-contact resolution multiplier when context was lost before service"),
	P("handoff.debt_loss", "Context loss per unit of debt", ILL, handoff.debt_loss, "0.2", "extra context-loss chance per unit of integration debt on either side"),
	N("handoff.cost_per_crossing", "Cost of a boundary crossing", IN, RG_NONNEG, "money", handoff.cost_per_crossing, "25", "coordination cost of one boundary crossing"),

	P("view.p_base", "Conflicting messages with one view", ILL, view.p_base, "0.03", "chance of a conflicting message with one consistent view"),
	P("view.p_per_system", "Conflicting messages per extra system", KEY, view.p_per_system, "0.05", "extra chance per additional unintegrated system holding the records"),
	P("view.p_per_owner", "Conflicting-message chance per extra owner", ILL, view.p_per_owner, "0.02", "extra chance per additional owner of the stages visited, x (1 - mean relief on their boundaries) "
	  "(seed 004: no single executive owns the joined-up experience); illustrative, range 0-0.05"),

	N("governance.stage_defects_per_year", "Journey defects per stage", KEY, RG_NONNEG, "1/year", governance.stage_defects_per_year, "4", "journey defects per stage per year (market change)"),
	N("governance.boundary_defects_per_year", "Journey defects per transition", ILL, RG_NONNEG, "1/year", governance.boundary_defects_per_year, "2", "journey defects per main transition per year"),
	D("governance.decision_single", "Decision time of one owner", ILL, RG_NONNEG, governance.decision_single, "\"5 d\"", "mean time for one owner to decide"),
	D("governance.decision_party", "Decision time per party", ILL, RG_NONNEG, governance.decision_party, "\"10 d\"", "mean time for each party of a bilateral decision to agree"),
	D("governance.council_every", "Time between council meetings", ILL, RG_POS, governance.council_every, "\"30 d\"", "time between council meetings"),
	D("governance.decision_escalation", "Decision time of the CEO", KEY, RG_NONNEG, governance.decision_escalation, "\"45 d\"", "mean time for the CEO to decide"),
	P("governance.defect_failure", "Failures from an open defect", ILL, governance.defect_failure, "0.03", "chance that an open stage defect spoils a customer's pass through it"),
	D("governance.defect_delay", "Handoff delay from an open defect", ILL, RG_NONNEG, governance.defect_delay, "\"1 d\"", "delay added to a handoff across a boundary with an open defect"),
	P("governance.defect_loss", "Context loss from an open defect", ILL, governance.defect_loss, "0.05", "extra context-loss chance across a boundary with an open defect"),
	N("governance.council_cost_per_meeting", "Cost of a council meeting", ILL, RG_NONNEG, "money", governance.council_cost_per_meeting, "8000", "cost of one council meeting"),
	N("governance.cost_per_decision", "Cost of a decision per party", IN, RG_NONNEG, "money", governance.cost_per_decision, "2000", "coordination cost of a cross-owner decision, per party"),
	N("governance.relief_council_rules", "Council relief from standing rules", ILL, RG_SHARE, "share", governance.relief_council_rules, "0.15", "council relief from standing rules and shared data that act between meetings; illustrative, "
	  "range 0.05-0.3"),
	N("governance.relief_council_live", "Council relief from its meetings", KEY, RG_SHARE, "share", governance.relief_council_live, "0.35", "further council relief, x live / (live + council_every): settled at the next meeting; illustrative, "
	  "range 0.15-0.5"),
	D("governance.council_live_days", "Time a handover problem matters", ILL, RG_POS, governance.council_live_days, "\"7 d\"", "how fast a handover problem must be settled to matter (council relief); illustrative, range 2-30 d"),
	P("governance.bilateral_compromise", "Compromise chance of a bilateral decision", ILL, governance.bilateral_compromise, "0.3", "chance that a bilateral decision on a boundary defect is a lowest-common-denominator fix that leaves "
	  "part open for a second round (seed 003 direction); illustrative, range 0.1-0.5"),
	N("governance.compromise_residual", "Effect left by a compromise fix", ILL, RG_SHARE, "share", governance.compromise_residual, "0.5", "share of the defect's effect a compromise fix leaves; illustrative, range 0.3-0.8"),

	TECH4(lead_time, "Change lead time", KEY, ILL, ST_DURATION, RG_NONNEG, "days", "\"40 d\"", "\"10 d\"", "\"20 d\"", "\"15 d\"", "mean work of one change, queue excluded (seed 001 direction: about 40% of CMOs call IT slow); "
	      "illustrative, range it 20-90 d, others +-50%"),
	TECH4(capacity, "Changes at once per delivery team", KEY, ILL, ST_UINT, RG_NONNEG, "changes", "5", "0", "1", "1", "changes one delivery team works on at once (it: one team for every it stage; embedded, supported: "
	      "one team per function; 0 = unlimited, as a vendor); illustrative, range it 3-8"),
	TECH4(p_redo, "Redo chance of a change", KEY, ILL, ST_NUMBER, RG_PROB, "probability", "0.15", "0.10", "0.05", "0.10", "chance that a change is redone (requirements wrong or changed meanwhile; seed 001's 46%/40% are "
	      "opinions, used for direction only); illustrative, range it 0.05-0.35, others 0-0.2"),
	N("technology.redo_marketing_factor", "Redo factor of IT changes for marketing", ILL, RG_POS, "factor", technology.redo_marketing_factor, "1.5", "p_redo multiplier for IT changes to a marketing system, where seed 001's claim applies; illustrative, "
	  "range 1-2.5"),
	N("technology.redo_share", "Effort of a redo", ILL, RG_SHARE, "share", technology.redo_share, "0.5", "a redo takes this share of a full lead time"),
	N("technology.coupling", "Extra change work per stage served", ILL, RG_NONNEG, "factor", technology.coupling, "0.15", "extra work of a change per extra stage its system serves; illustrative, range 0-0.4"),
	TECH4(system_base, "Base cost of a system", ILL, ILL, ST_NUMBER, RG_NONNEG, "money/year", "50000", "0", "50000", "0", "yearly base cost of one customer-data system; illustrative company input, range it 0-150000"),
	TECH4(system_cost, "Cost of a system", IN, IN, ST_NUMBER, RG_NONNEG, "money/year", "100000", "250000", "150000", "250000", "yearly cost of one customer-data system per stage it serves; illustrative company input, range "
	      "it 50000-150000, own and supported 150000-400000"),
	N("technology.integration_cost", "Cost of an integration", IN, RG_NONNEG, "money/year", technology.integration_cost, "60000", "yearly cost of one integrated pair of systems"),
	N("technology.integration_quality", "Context an integration carries", KEY, RG_SHARE, "share", technology.integration_quality, "0.6", "share of the customer context a point-to-point integration carries (one system carries all); "
	  "illustrative, range 0.3-0.9"),
	N("technology.own_integration_quality", "Context an integration with a bought-around system carries", ILL, RG_SHARE, "share", technology.own_integration_quality, "0.3", "the same for an integration with a system bought around IT (own); illustrative, range 0-0.6"),
	N("technology.debt_initial", "Integration debt at day 0", ILL, RG_SHARE, "share", technology.debt_initial, "0.3", "integration debt of an own system at day 0 (a stack about two years old); illustrative, range 0-0.6"),
	N("technology.debt_per_year", "Integration debt growth", KEY, RG_NONNEG, "1/year", technology.debt_per_year, "0.15", "growth of the integration debt of a vendor (own) system; illustrative, range 0.05-0.3"),
	N("technology.supported_debt_per_year", "Debt growth of a supported system", ILL, RG_NONNEG, "1/year", technology.supported_debt_per_year, "0.03", "growth of the debt of a supported system (vendor upgrades IT re-aligns); illustrative, range 0-0.08"),
	N("technology.debt_defects", "Defects per unit of debt", ILL, RG_NONNEG, "factor", technology.debt_defects, "2.0", "stage defect rate multiplier per unit of debt"),
	N("technology.own_islands", "Extra customer views per unit of debt", ILL, RG_NONNEG, "factor", technology.own_islands, "2", "extra customer views per unit of debt of an own system (records scattered over vendor tools; seed 002 "
	  "direction); illustrative, range 0-3"),
	N("technology.own_incidents_per_year", "Incidents of a system without IT support", ILL, RG_NONNEG, "1/year", technology.own_incidents_per_year, "2", "extra stage defects a year on a stage whose system is own, without IT support (seeds 001, 004 "
	  "direction); illustrative, range 0-6"),
	TECH4(marketing_fit, "Marketing fit of the system", ILL, ILL, ST_NUMBER, RG_POS, "factor", "1.0", "1.05", "1.05", "1.05", "qualification chance multiplier of marketing's system: best-of-breed tools (seeds 001, 003 "
	      "direction); illustrative, range 1-1.15"),
	N("technology.cross_training_redo", "Redo factor with cross-training", ILL, RG_NONNEG, "factor", technology.cross_training_redo, "0.5", "p_redo multiplier for IT changes touching a cross-trained stage (seed 003); illustrative, range 0.3-0.8"),
	N("technology.cross_training_cost", "Cost of cross-training a stage", ILL, RG_NONNEG, "money/year", technology.cross_training_cost, "40000", "yearly cost per cross-trained stage; illustrative, range 10000-100000"),

	FOCUS3(handle_time, "Handle time", ILL, ILL, RG_POS, "0.8", "1.25", "1.1", "service handle time multiplier"),
	FOCUS3(fcr_shift, "Resolution shift", ILL, ILL, RG_SHIFT, "-0.05", "0", "0.05", "added to first-contact resolution"),
	FOCUS3(upsell_factor, "Upsell chance factor", ILL, ILL, RG_POS, "0.6", "1.6", "1.0", "upsell chance multiplier"),
	FOCUS3(threshold_shift, "Lead-threshold shift", ILL, KEY, RG_SHIFT, "0.05", "-0.1", "0", "added to the lead-quality threshold"),
	FOCUS3(qualify_factor, "Qualification factor", ILL, ILL, RG_POS, "0.9", "1.1", "1.0", "qualification chance multiplier"),
	FOCUS3(delivery_time, "Delivery time factor", ILL, ILL, RG_POS, "0.9", "1.0", "1.05", "delivery service time multiplier"),
	FOCUS3(delivery_error, "Order error factor", ILL, ILL, RG_POS, "1.3", "1.1", "0.8", "order error multiplier"),
	FOCUS3(marketing_spend, "Campaign spend factor", ILL, ILL, RG_POS, "0.9", "1.1", "1.0", "campaign spend per prospect multiplier (seed 002 direction: volume costs campaigns); illustrative, "
	       "range +-0.1"),
	FOCUS3(self_service_mix, "Self-service share factor", ILL, ILL, RG_POS, "1.5", "0.8", "1.0", "self-service share multiplier (seed 003 direction: IT measured on moving customers online); "
	       "illustrative, range cost 1.2-2"),
	N("policy.it_weight.shared", "Weight of IT's focus, shared system", KEY, RG_SHARE, "share", policy.it_weight_shared, "0.5", "weight of the IT owner's focus on the service levers when IT runs service's system and it is shared "
	  "with another owner's stage (seed 003 direction); illustrative, range 0.2-0.8"),
	N("policy.it_weight.departmental", "Weight of IT's focus, departmental system", ILL, RG_SHARE, "share", policy.it_weight_departmental, "0.2", "the same when IT runs service's departmental system; illustrative, range 0-0.4"),

	N("transition.migration_cost", "Migration cost per stage", KEY, RG_NONNEG, "money", transition.migration_cost, "200000", "one-off cost per stage whose system or technology differs from the baseline scenario's model; "
	  "illustrative, range 50000-600000"),
	N("transition.integration_build_cost", "Cost of building an integration", ILL, RG_NONNEG, "money", transition.integration_build_cost, "80000", "one-off cost per integrated pair of systems the baseline does not have; illustrative, range "
	  "20000-250000"),
	N("transition.hiring_share", "Hiring cost, share of a year", ILL, RG_NONNEG, "share", transition.hiring_share, "0.3", "one-off cost of hiring each owner the baseline does not have, as a share of a year's cost "
	  "(recruiting fee); illustrative, range 0.2-0.5"),
	N("transition.amortisation_years", "Years the one-off is spread over", IN, RG_NONNEG, "years", transition.amortisation_years, "3", "years the one-off is spread over in cost.transition; 0 = reported only (transition.one_off); "
	  "accounting convention, range 1-7"),
};

#define T(path, label, type, range, unit, m, def, meaning) \
	{path, type, range, unit, FIELD(transition_plan, m), def, meaning, 0, label, 0, NULL}

/* A scenario's move from one model to another (docs/model.md, "Transitions");
 * `from` has no default: the loader requires it and resolves it as a model. */
static const struct schema_entry transition_entries[] = {
	T("from", "Model the scenario starts in", ST_TEXT, RG_ANY, "", from, "\"\"",
	  "required: the ownership model the scenario runs until the switch: a preset or a model of the file by "
	  "name, or a model group in full (as journeysim check writes it); the one-off is costed against it"),
	T("at", "Time of the switch", ST_DURATION, RG_NONNEG, "days", at, "0",
	  "from the window start (the end of run.warmup) to the switch to the scenario's ownership; "
	  "run.warmup + at must be less than run.horizon; the switch happens at the day tick at or after it"),
	T("cost", "One-off cost of the move", ST_NUMBER, RG_NONNEG, "money", cost, "0",
	  "one-off money on top of the one-off derived from company.transition (migrations, integration builds, "
	  "hiring); all of it is booked into cost.transition as cash when spent: evenly over the ramp, or at the "
	  "switch without one"),
	T("duration", "Ramp after the switch", ST_DURATION, RG_NONNEG, "days", duration, "0",
	  "the new model's coordination relief phases in linearly over the ramp, the productivity dip fades out, "
	  "and the new integrations go live one after another (the k-th of n at k/n of it); 0 = all at the switch"),
	T("dip", "Productivity dip at the switch", ST_NUMBER, RG_SHARE, "share", dip, "0",
	  "service times of every pool x (1 + dip x (1 - progress of the ramp)); must be less than 1; "
	  "illustrative, range 0-0.3"),
};

const struct schema_table schema_transition = {"scenarios[].transition", transition_entries,
					       sizeof transition_entries / sizeof transition_entries[0]};

const struct schema_table schema_run = {"run", run_entries, sizeof run_entries / sizeof run_entries[0]};
const struct schema_table schema_company = {"company", company_entries,
					    sizeof company_entries / sizeof company_entries[0]};

const struct schema_entry *schema_find(const struct schema_table *t, const char *path)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->entries[i].path, path) == 0)
			return &t->entries[i];
	return NULL;
}

/* What each range allows: [lo, hi], lo excluded when lo_open; the text starts
 * with the type's noun where it has "%" ("% >= 0": "a duration >= 0"). */
static const struct range_info {
	double lo, hi;
	int lo_open;
	const char *text;
} ranges[] = {
	[RG_ANY] = {-INFINITY, INFINITY, 0, "%"},
	[RG_PROB] = {0, 1, 0, "a probability in [0, 1]"},
	[RG_SHARE] = {0, 1, 0, "a share in [0, 1]"},
	[RG_NONNEG] = {0, INFINITY, 0, "% >= 0"},
	[RG_POS] = {0, INFINITY, 1, "% > 0"},
	[RG_SHIFT] = {-1, 1, 0, "% in [-1, 1]"},
	[RG_SCORE] = {0, 10, 0, "a score in [0, 10]"},
	[RG_MIN1] = {1, INFINITY, 0, "% >= 1"},
	[RG_SERVERS] = {0, INFINITY, 0, "a number of servers >= 1, or 0 for unlimited"},
};

static const char *const type_nouns[] = {
	[ST_NUMBER] = "a number", [ST_DURATION] = "a duration", [ST_UINT] = "an integer",
	[ST_SEED] = "an integer", [ST_TEXT] = "a text", [ST_DIST_DAYS] = "a distribution",
	[ST_DIST_COUNT] = "a distribution", [ST_PROFILE] = "a rate profile", [ST_CHOICE] = "a name",
};

/* Upper bounds by unit, for the settings that give none of their own: beyond
 * them a run exhausts memory or never finishes, or its sums lose precision. */
static const struct unit_limit {
	const char *unit;
	double max;
	const char *why;
} unit_limits[] = {
	{"days", DIST_VALUE_MAX, "longer times are not simulated"},
	{"1/day", 1e6, "more arrivals a day than a run can simulate"},
	{"1/year", 1000, "more events a year than a run can simulate"},
	{"money", 1e12, "sums of money would lose precision"},
	{"money/year", 1e12, "sums of money would lose precision"},
	{"factor", 1000, "larger factors overflow the times and chances they scale"},
	{"servers", 1e6, "more servers than a run can simulate"},
	{"customers", 1e7, "more customers than fit in memory"},
	{"attempts", 1000, "more attempts than a run can simulate"},
	{"changes", 64, "more changes at once than a delivery team holds"},
	{"years", 100, "longer than a plan"},
	{"runs", 1e5, "more replications than a run can hold"},
};

double schema_max(const struct schema_entry *e, const char **why)
{
	*why = "longer runs are not simulated";
	if (e->max > 0)
		return e->max;
	for (size_t i = 0; i < sizeof unit_limits / sizeof unit_limits[0]; i++)
		if (strcmp(unit_limits[i].unit, e->unit) == 0) {
			*why = unit_limits[i].why;
			return unit_limits[i].max;
		}
	*why = "";
	return INFINITY;
}

void schema_expect(const struct schema_entry *e, char *buf, size_t len)
{
	const char *text = ranges[e->range].text;
	if (text[0] == '%')
		snprintf(buf, len, "%s%s", type_nouns[e->type], text + 1);
	else
		snprintf(buf, len, "%s", text);
}

/* "1000 y" for durations, "1e+06" for numbers */
static void bound_format(const struct schema_entry *e, double v, char *buf, size_t len)
{
	if (e->type == ST_DURATION)
		duration_format(v, buf, len);
	else
		number_format_shortest(v, buf, len);
}

void schema_expect_at_most(const struct schema_entry *e, char *buf, size_t len)
{
	const char *why;
	char lim[48];
	double max = schema_max(e, &why);
	schema_expect(e, buf, len);
	if (isinf(max))
		return;
	bound_format(e, max, lim, sizeof lim);
	size_t n = strlen(buf);
	snprintf(buf + n, len - n, " and at most %s (%s)", lim, why);
}

int schema_check(const struct schema_entry *e, double v)
{
	const struct range_info *r = &ranges[e->range];
	const char *why;
	if (!isfinite(v))
		return -1;
	if ((e->type == ST_UINT) && (v != floor(v) || v < 0 || v > INT32_MAX))
		return -1;
	if (v < r->lo || v > r->hi || (r->lo_open && v == r->lo))
		return -1;
	return v > schema_max(e, &why) ? 1 : 0;
}

int schema_company_consistent(const struct company *c, const char **path, char *msg, size_t len)
{
	if (c->experience.detractor_below > c->experience.promoter_min) {
		char a[40], b[40];
		number_format_shortest(c->experience.promoter_min, a, sizeof a);
		number_format_shortest(c->experience.detractor_below, b, sizeof b);
		*path = "experience.detractor_below";
		snprintf(msg, len, "expected a score <= experience.promoter_min (%s), got %s", a, b);
		return -1;
	}
	return 0;
}

const struct pool_params *company_pool(const struct company *c, enum pool_id p)
{
	switch (p) {
	case POOL_SALES:
		return &c->sales.pool;
	case POOL_DELIVERY:
		return &c->delivery.pool;
	default:
		return &c->service.pool;
	}
}

/* ---- numeric parameters by path (sweeps) ---- */

static double *number_at(const struct schema_entry *e, void *base)
{
	return (double *)(void *)((char *)base + e->offset);
}

/* A numeric parameter: a plain field of the schema, or one scalar parameter
 * of a distribution ("sales.pool.service.mean"). */
struct param_ref {
	const struct schema_entry *e;
	const struct dist_param *dp; /* or NULL */
};

static int param_find(const char *path, struct param_ref *ref)
{
	const struct schema_entry *e = schema_find(&schema_company, path);
	if (e && (e->type == ST_NUMBER || e->type == ST_DURATION || e->type == ST_UINT)) {
		ref->e = e;
		ref->dp = NULL;
		return 0;
	}
	const char *dot = strrchr(path, '.');
	if (!dot)
		return -1;
	char head[256];
	snprintf(head, sizeof head, "%.*s", (int)(dot - path), path);
	e = schema_find(&schema_company, head);
	if (!e || (e->type != ST_DIST_DAYS && e->type != ST_DIST_COUNT))
		return -1;
	const struct dist_param *dp = dist_param_find(dot + 1);
	if (!dp || dp->kind == DIST_PARAM_VALUES || dp->kind == DIST_PARAM_WEIGHTS)
		return -1;
	ref->e = e;
	ref->dp = dp;
	return 0;
}

static void *param_at(const struct dist_param *dp, struct dist *d)
{
	return (char *)d + dp->offset;
}

static int owner_param(const struct ownership *o, const char *path, int *owner)
{
	const char *pre = "ownership.owners.", *suf = ".cost_per_year";
	size_t lp = strlen(pre), ls = strlen(suf), n = strlen(path);
	if (n <= lp + ls || strncmp(path, pre, lp) != 0 || strcmp(path + n - ls, suf) != 0)
		return -1;
	for (unsigned i = 0; i < o->n_owners; i++)
		if (strlen(o->owners[i].name) == n - lp - ls &&
		    strncmp(o->owners[i].name, path + lp, n - lp - ls) == 0) {
			*owner = (int)i;
			return 0;
		}
	return -1;
}

int scenario_param_get(const struct scenario *s, const char *path, double *value)
{
	struct param_ref ref;
	int owner;
	if (strcmp(path, "ownership.governance.council_members") == 0) {
		*value = s->ownership.council_members;
		return 0;
	}
	if (strcmp(path, "ownership.governance.council_every") == 0) {
		*value = ownership_council_every(&s->ownership, &s->company);
		return 0;
	}
	if (strcmp(path, "ownership.governance.relief") == 0) {
		*value = s->ownership.relief;
		return 0;
	}
	if (owner_param(&s->ownership, path, &owner) == 0) {
		*value = s->ownership.owners[owner].cost_per_year;
		return 0;
	}
	if (param_find(path, &ref))
		return -1;
	void *base = (void *)(uintptr_t)&s->company;
	if (ref.dp) {
		struct dist *d = (struct dist *)(void *)((char *)base + ref.e->offset);
		*value = ref.dp->kind == DIST_PARAM_K ? (double)d->k : *(double *)param_at(ref.dp, d);
	} else if (ref.e->type == ST_UINT) {
		*value = *(unsigned *)(void *)((char *)base + ref.e->offset);
	} else {
		*value = *number_at(ref.e, base);
	}
	return 0;
}

static int param_unknown(const char *path, struct js_error *err)
{
	const char *cands[512];
	char names[512][80];
	size_t n = 0;
	for (size_t i = 0; i < schema_company.n && n < 512; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (e->type == ST_NUMBER || e->type == ST_DURATION || e->type == ST_UINT) {
			snprintf(names[n], sizeof names[n], "%s", e->path);
			cands[n] = names[n];
			n++;
		}
	}
	char hint[8192];
	suggest(path, cands, n, hint, sizeof hint);
	if (strncmp(hint, " (did", 5) != 0)
		snprintf(hint, sizeof hint, " (see docs/config.md)");
	return js_error_set(err, EX_CONFIG, "%s: expected a numeric company parameter%s, got an unknown path",
			    path, hint);
}

int scenario_param_set(struct scenario *s, const char *path, double value, struct js_error *err)
{
	char num[40], expect[256];
	number_format_shortest(value, num, sizeof num);
	int owner;
	if (strcmp(path, "ownership.governance.council_members") == 0) {
		if (!isfinite(value) || value != floor(value) || value < 0 || value > OWNER_MAX)
			return js_error_set(err, EX_CONFIG, "%s: expected an integer in [0, %d], got %s", path,
					    OWNER_MAX, num);
		s->ownership.council_members = (int)value;
		return 0;
	}
	if (strcmp(path, "ownership.governance.council_every") == 0) {
		if (!isfinite(value) || value <= 0 || value > DIST_VALUE_MAX)
			return js_error_set(err, EX_CONFIG, "%s: expected a duration > 0, got %s", path, num);
		s->ownership.council_every = value;
		return 0;
	}
	if (strcmp(path, "ownership.governance.relief") == 0) {
		if (!isfinite(value) || value < 0 || value > 1)
			return js_error_set(err, EX_CONFIG, "%s: expected a share in [0, 1], got %s", path, num);
		s->ownership.relief = value;
		return 0;
	}
	if (owner_param(&s->ownership, path, &owner) == 0) {
		if (!isfinite(value) || value < 0)
			return js_error_set(err, EX_CONFIG, "%s: expected a number >= 0, got %s", path, num);
		s->ownership.owners[owner].cost_per_year = value;
		return 0;
	}
	struct param_ref ref;
	if (param_find(path, &ref))
		return param_unknown(path, err);
	struct company saved = s->company;
	void *base = &s->company;
	if (ref.dp) {
		struct dist *d = (struct dist *)(void *)((char *)base + ref.e->offset);
		if (!dist_type_has(d->type, ref.dp->name))
			return js_error_set(err, EX_CONFIG, "%s: expected a parameter of the %s distribution, got %s",
					    path, d->type ? d->type->name : "unset", ref.dp->name);
		if (ref.dp->kind == DIST_PARAM_K) {
			if (!isfinite(value) || value != floor(value) || value < 1 || value > INT32_MAX)
				return js_error_set(err, EX_CONFIG, "%s: expected an integer >= 1, got %s", path, num);
			d->k = (unsigned)value;
		} else {
			*(double *)param_at(ref.dp, d) = value;
		}
		char why[200];
		if (dist_prepare(d, why, sizeof why)) {
			s->company = saved;
			return js_error_set(err, EX_CONFIG, "%s: expected a valid %s distribution, but %s", path,
					    d->type->name, why);
		}
	} else {
		int rc = schema_check(ref.e, value);
		if (rc) {
			(rc > 0 ? schema_expect_at_most : schema_expect)(ref.e, expect, sizeof expect);
			return js_error_set(err, EX_CONFIG, "%s: expected %s, got %s", path, expect, num);
		}
		if (ref.e->type == ST_UINT)
			*(unsigned *)(void *)((char *)base + ref.e->offset) = (unsigned)value;
		else
			*number_at(ref.e, base) = value;
	}
	const char *bad;
	char msg[300];
	if (schema_company_consistent(&s->company, &bad, msg, sizeof msg)) {
		s->company = saved;
		return js_error_set(err, EX_CONFIG, "%s: %s", bad, msg);
	}
	return 0;
}

/* ---- docs/config.md ---- */

static const char *const type_docs[] = {
	[ST_DIST_DAYS] = "distribution of durations, or a fixed duration (bounds: distributions)",
	[ST_DIST_COUNT] = "distribution of counts, or a fixed number (bounds: distributions)",
	[ST_PROFILE] = "group { period; start = [...]; multiplier = [...] }",
	[ST_TEXT] = "text (UTF-8)",
	[ST_SEED] = "integer in [0, 2^64-1]",
};

static void doc_row(FILE *out, const char *root, const struct schema_entry *e)
{
	char allowed[256];
	if (e->type == ST_CHOICE) {
		size_t n = (size_t)snprintf(allowed, sizeof allowed, "one of");
		for (size_t k = 0; e->choices[k] && n < sizeof allowed; k++)
			n += (size_t)snprintf(allowed + n, sizeof allowed - n, "%s `%s`", k ? "," : "", e->choices[k]);
	} else if ((size_t)e->type < sizeof type_docs / sizeof type_docs[0] && type_docs[e->type]) {
		snprintf(allowed, sizeof allowed, "%s", type_docs[e->type]);
	} else {
		const char *why;
		char lim[48];
		double max = schema_max(e, &why);
		schema_expect(e, allowed, sizeof allowed);
		size_t skip = allowed[1] == ' ' ? 2 : 3; /* "a " or "an " */
		memmove(allowed, allowed + skip, strlen(allowed) - skip + 1);
		if (!isinf(max)) {
			bound_format(e, max, lim, sizeof lim);
			size_t n = strlen(allowed);
			snprintf(allowed + n, sizeof allowed - n, ", at most %s", lim);
		}
	}
	const char *mark = (e->flags & SCHEMA_KEY) ? " (key assumption, illustrative default)"
			   : (e->flags & SCHEMA_ILLUSTRATIVE) ? " (illustrative default)" : "";
	fprintf(out, "| `%s.%s` | %s | %s | `%s` | %s | %s%s |\n", root, e->path, e->label, e->unit[0] ? e->unit : "-",
		e->def, allowed, e->meaning, mark);
}

/* The bounds of every distribution kind (dist_prepare holds them). */
static void doc_dists(FILE *out)
{
	fprintf(out, "### distributions\n\n");
	fprintf(out, "| dist | parameters | bounds |\n|---|---|---|\n");
	for (size_t i = 0; dist_types[i]; i++) {
		const struct dist_type *t = dist_types[i];
		char params[128] = "";
		int has_cv = dist_type_has(t, "cv"), has_k = dist_type_has(t, "k");
		for (size_t k = 0; k < DIST_PARAMS_MAX && t->params[k]; k++)
			snprintf(params + strlen(params), sizeof params - strlen(params), "%s`%s`", k ? ", " : "",
				 t->params[k]);
		char cv[64] = "";
		if (has_cv)
			snprintf(cv, sizeof cv, "; cv in [%g, %g]", DIST_CV_MIN, DIST_CV_MAX);
		fprintf(out, "| `%s` | %s | every value in [0, %g]%s%s |\n", t->name, params, DIST_VALUE_MAX, cv,
			has_k ? "; k an integer >= 1" : "");
	}
	fprintf(out, "\nValues are durations (days) or counts as the setting says. Within these bounds every "
		     "sample is finite and >= 0; a sample that is not (a time scaled beyond range) ends the run "
		     "with a message naming the scenario and what was sampled.\n\n");
}

void schema_doc_write(FILE *out)
{
	const struct schema_table *tables[] = {&schema_run, &schema_company, &schema_transition};
	for (size_t t = 0; t < 3; t++) {
		fprintf(out, "### %s\n\n", tables[t]->root);
		fprintf(out, "| key | label | unit | default | allowed | meaning |\n");
		fprintf(out, "|---|---|---|---|---|---|\n");
		for (size_t i = 0; i < tables[t]->n; i++)
			doc_row(out, tables[t]->root, &tables[t]->entries[i]);
		fprintf(out, "\n");
	}
	doc_dists(out);
	limits_doc_write(out);
}

/* ---- labels of parameter paths (sweeps) ---- */

void scenario_param_label(const char *path, char *label, size_t label_len, char *unit, size_t unit_len)
{
	struct param_ref ref;
	const char *pre = "ownership.owners.", *suf = ".cost_per_year";
	size_t lp = strlen(pre), ls = strlen(suf), n = strlen(path);
	snprintf(label, label_len, "%s", path);
	snprintf(unit, unit_len, "%s", "");
	if (strcmp(path, "ownership.governance.council_members") == 0) {
		snprintf(label, label_len, "Council members");
		snprintf(unit, unit_len, "parties");
	} else if (n > lp + ls && strncmp(path, pre, lp) == 0 && strcmp(path + n - ls, suf) == 0) {
		snprintf(label, label_len, "Yearly cost of owner %.*s", (int)(n - lp - ls), path + lp);
		snprintf(unit, unit_len, "money/year");
	} else if (param_find(path, &ref) == 0) {
		if (ref.dp)
			snprintf(label, label_len, "%s (%s)", ref.e->label, ref.dp->name);
		else
			snprintf(label, label_len, "%s", ref.e->label);
		const char *u = ref.e->unit;
		if (ref.dp && ref.e->type == ST_DIST_DAYS && ref.dp->kind != DIST_PARAM_VALUE)
			u = ""; /* a shape parameter (cv, k) has no unit */
		snprintf(unit, unit_len, "%s", u);
	}
}
