/*
 * metrics.h - every number one replication reports, with its unit.
 *
 * One list (an X-macro) serves the journey that fills the values, the
 * experiment runner that summarises them, the output writers and the docs, so
 * a metric is added in one place. The order here is the order of every output
 * file. Windows: "window" metrics count what happened between the end of the
 * warm-up and the horizon, rates are per year of that window; "run" metrics
 * (flow.*) count every customer since day 0, so that they add up (conservation).
 */
#ifndef JOURNEYSIM_METRICS_H
#define JOURNEYSIM_METRICS_H

#include <stdio.h>

/*
 * X(id, name, unit, better, label, description)
 *
 * better: which way a change is good, the one answer every reader uses (sweep
 * crossovers, chart colours, finding titles, docs/outputs.md):
 *   HIGHER   more is better (margin, experience, revenue, wins, renewals)
 *   LOWER    less is better (cost, waits, churn, drops, defects, effort)
 *   NEUTRAL  neither: utilisation, service contacts, passives, and the flow
 *            counts that are inputs or stocks (arrived, in_system, nurtured)
 * A run count (flow.*) is good or bad in the same way as its per-year twin
 * (flow.wins as funnel.wins, flow.dropped as funnel.leaked, flow.churned as
 * renewal.churn): being counted since day 0, for conservation, changes its
 * window, not its sense. customers.active (under contract) is HIGHER, as
 * renewal.rate is.
 * label: the display name of charts and titles ("Cost", "Time to customer").
 */
#define POOL_METRICS(X, P, p, L)                                                                         \
	X(P##_WAIT, p ".wait_mean", "days", LOWER, L " wait mean",                                              \
	  "mean wait in the queue of jobs that started service")                                                \
	X(P##_SOJOURN, p ".sojourn_mean", "days", LOWER, L " sojourn mean",                                     \
	  "mean time from joining the pool to finishing")                                                       \
	X(P##_QUEUE, p ".queue_mean", "jobs", LOWER, L " queue mean",                                           \
	  "time-average number waiting")                                                                        \
	X(P##_WIP, p ".wip_mean", "jobs", LOWER, L " wip mean",                                                 \
	  "time-average number waiting or in service")                                                          \
	X(P##_UTIL, p ".utilization", "share", NEUTRAL, L " utilization",                                       \
	  "time-average busy servers / servers")                                                                \
	X(P##_THROUGHPUT, p ".throughput", "jobs/day", HIGHER, L " throughput",                                 \
	  "jobs finished per day")                                                                              \
	X(P##_SERVERS, p ".servers", "servers", NEUTRAL, L " servers",                                          \
	  "servers staffed (the rule's choice; 0 = unlimited)")                                                 \
	X(P##_SERVICE_LEVEL, p ".service_level", "share", HIGHER, L " service level",                           \
	  "jobs that waited less than the staffing target (staffing.within)")                                   \
	X(P##_WAIT_P50, p ".wait_p50", "days", LOWER, L " wait median",                                         \
	  "median wait in the queue (fixed-bin histogram)")                                                     \
	X(P##_WAIT_P90, p ".wait_p90", "days", LOWER, L " wait p90",                                            \
	  "90th percentile of the wait in the queue")                                                           \
	X(P##_WAIT_P95, p ".wait_p95", "days", LOWER, L " wait p95",                                            \
	  "95th percentile of the wait in the queue")

#define METRICS(X)                                                                                       \
	POOL_METRICS(X, M_SALES, "sales", "Sales")                                                              \
	POOL_METRICS(X, M_DELIVERY, "delivery", "Delivery")                                                     \
	POOL_METRICS(X, M_SERVICE, "service", "Service")                                                        \
	X(M_PROSPECTS, "funnel.prospects", "1/year", HIGHER, "Funnel prospects",                                \
	  "prospects arriving (new and referred)")                                                              \
	X(M_LEADS, "funnel.leads", "1/year", HIGHER, "Funnel leads",                                            \
	  "qualified leads passed to sales")                                                                    \
	X(M_WINS, "funnel.wins", "1/year", HIGHER, "Funnel wins",                                               \
	  "deals won (new customers)")                                                                          \
	X(M_CONVERSION, "funnel.conversion", "share", HIGHER, "Funnel conversion",                              \
	  "first-time leads / prospects (window counts; a flow ratio, not a cohort)")                           \
	X(M_WIN_RATE, "funnel.win_rate", "share", HIGHER, "Funnel win rate",                                    \
	  "wins / sales decisions on leads (renewal negotiations excluded)")                                    \
	X(M_DEAL_MEAN, "sales.deal_mean", "money", HIGHER, "Deal size",                                               \
	  "mean contract value of a new deal (deal revenue / wins)")                                                  \
	X(M_LEAKED, "funnel.leaked", "1/year", LOWER, "Funnel leaked",                                          \
	  "customers who leave at the lead, order or onboarding handoff (renewal drops are in "                 \
	  "renewal.dropped, transfer drops in service.transfers_dropped)")                                      \
	X(M_SPEED_TO_LEAD, "journey.speed_to_lead", "days", LOWER, "Speed to lead",                             \
	  "qualification to first sales contact")                                                               \
	X(M_TIME_TO_CUSTOMER, "journey.time_to_customer", "days", LOWER, "Time to customer",                    \
	  "arrival to delivery done")                                                                           \
	X(M_CONTEXT_LOST, "handoff.context_lost", "share", LOWER, "Handoff context lost",                       \
	  "handoffs where the customer repeats")                                                                \
	X(M_INCONSISTENT, "view.inconsistent", "share", LOWER, "View inconsistent",                             \
	  "touches and contacts with a conflicting message")                                                    \
	X(M_FCR, "service.fcr", "share", HIGHER, "First-contact resolution",                                    \
	  "assisted contacts resolved at their first contact-centre attempt / assisted contacts")               \
	X(M_SELF_SERVICE_SUCCESS, "service.self_service_success", "share", HIGHER, "Self-service success",      \
	  "self-service attempts that resolved the contact / self-service attempts")                            \
	X(M_TRANSFERS, "service.transfers", "per contact", LOWER, "Service transfers",                          \
	  "transfers / assisted contacts")                                                                      \
	X(M_TRANSFERRED, "service.transferred", "share", LOWER, "Contacts transferred",                         \
	  "assisted contacts with at least one transfer / assisted contacts")                                   \
	X(M_TRANSFERS_DROPPED, "service.transfers_dropped", "share", LOWER, "Transfers dropped",                \
	  "transfers dropped at their handoff (the contact stays unresolved, the customer stays) / transfers")  \
	X(M_CONTACTS, "service.contacts", "1/year", NEUTRAL, "Service contacts",                                \
	  "service contacts started, all channels")                                                             \
	X(M_ASSISTED, "service.assisted", "1/year", NEUTRAL, "Assisted contacts",                               \
	  "contacts that reached the contact centre (no self-service, or self-service failed)")                 \
	X(M_CONTACTS_PER_CUSTOMER, "service.contacts_per_customer", "1/customer-year", NEUTRAL, "Contacts per customer",\
	  "service contacts per active customer-year")                                                                \
	X(M_RENEWAL_RATE, "renewal.rate", "share", HIGHER, "Renewal rate",                                      \
	  "renewals / term ends decided (renewed, churned or dropped at the renewal handoff)")                  \
	X(M_CHURN, "renewal.churn", "share", LOWER, "Churn",                                                    \
	  "(churned + dropped at the renewal handoff) / term ends decided")                                     \
	X(M_RENEWAL_DROPPED, "renewal.dropped", "share", LOWER, "Renewal dropped",                              \
	  "dropped at the renewal handoff / term ends decided (a part of renewal.churn)")                       \
	X(M_ACTIVE, "customers.active", "customers", HIGHER, "Customers active",                                \
	  "time-average customers under contract")                                                              \
	X(M_EXPERIENCE, "experience.mean", "points (0-10)", HIGHER, "Experience",                               \
	  "customers' experience score")                                                                        \
	X(M_NPS, "experience.nps", "points", HIGHER, "NPS",                                                     \
	  "promoters minus detractors, in percent")                                                             \
	X(M_PROMOTERS, "experience.promoters", "share", HIGHER, "Experience promoters",                         \
	  "customers scoring 9 or more")                                                                        \
	X(M_PASSIVES, "experience.passives", "share", NEUTRAL, "Experience passives",                           \
	  "customers scoring 7 to 9")                                                                           \
	X(M_DETRACTORS, "experience.detractors", "share", LOWER, "Experience detractors",                       \
	  "customers scoring below 7")                                                                          \
	X(M_EFFORT_WAIT, "experience.effort.wait", "points/customer-year", LOWER, "Waiting",                         \
	  "waits beyond tolerance")                                                                             \
	X(M_EFFORT_REPEAT, "experience.effort.repeat", "points/customer-year", LOWER, "Repeating themselves",        \
	  "repeats after lost context")                                                                         \
	X(M_EFFORT_INCONSISTENT, "experience.effort.inconsistent", "points/customer-year", LOWER, "Conflicting messages", \
	  "conflicting messages")                                                                               \
	X(M_EFFORT_TRANSFER, "experience.effort.transfer", "points/customer-year", LOWER, "Transfers",               \
	  "transfers")                                                                                          \
	X(M_EFFORT_ERROR, "experience.effort.error", "points/customer-year", LOWER, "Order errors",                  \
	  "order errors and rework")                                                                            \
	X(M_EFFORT_UNRESOLVED, "experience.effort.unresolved", "points/customer-year", LOWER, "Unresolved contacts", \
	  "unresolved contacts")                                                                                \
	X(M_EFFORT_DEFECT, "experience.effort.defect", "points/customer-year", LOWER, "Journey defects",             \
	  "open journey defects met")                                                                           \
	X(M_EFFORT_FAST, "experience.effort.fast", "points/customer-year", LOWER, "Fast resolution",                 \
	  "fast resolutions (a gain, <= 0)")                                                                    \
	X(M_EFFORT_SELF_SERVICE, "experience.failed_self_service", "points/customer-year", LOWER, "Failed self-service",   \
	  "effort of failed self-service attempts (not in the CLI effort table)")                                     \
	X(M_REV_DEALS, "revenue.deals", "money/year", HIGHER, "Revenue deals",                                  \
	  "new contracts")                                                                                      \
	X(M_REV_UPSELLS, "revenue.upsells", "money/year", HIGHER, "Revenue upsells",                            \
	  "upsells in service contacts")                                                                        \
	X(M_REV_RENEWALS, "revenue.renewals", "money/year", HIGHER, "Revenue renewals",                         \
	  "renewed contracts")                                                                                  \
	X(M_REV_TOTAL, "revenue.total", "money/year", HIGHER, "Revenue",                                        \
	  "all revenue")                                                                                        \
	X(M_COST_STAFF, "cost.staff", "money/year", LOWER, "Staff",                                             \
	  "pools: servers x cost per server (unlimited pools: busy mean x cost per server), rework "            \
	  "time included")                                                                                      \
	X(M_COST_VARIABLE, "cost.variable", "money/year", LOWER, "Variable",                                          \
	  "busy server-days x cost per busy day, self-service attempts")                                              \
	X(M_COST_STAFF_SALES, "cost.staff.sales", "money/year", LOWER, "Staff: sales team",                     \
	  "sales servers x cost per server (cost.staff by pool)")                                               \
	X(M_COST_STAFF_DELIVERY, "cost.staff.delivery", "money/year", LOWER, "Staff: delivery team",            \
	  "delivery servers x cost per server")                                                                               \
	X(M_COST_STAFF_SERVICE, "cost.staff.service", "money/year", LOWER, "Staff: contact centre",             \
	  "contact-centre servers x cost per server")                                                           \
	X(M_COST_MANAGEMENT, "cost.management", "money/year", LOWER, "Management",                              \
	  "functional executives")                                                                              \
	X(M_COST_OVERLAY, "cost.overlay", "money/year", LOWER, "Overlay and council",                           \
	  "journey owner overlay and council")                                                                  \
	X(M_COST_COORDINATION, "cost.coordination", "money/year", LOWER, "Coordination",                        \
	  "handoffs across boundaries, decisions")                                                              \
	X(M_COST_TECHNOLOGY, "cost.technology", "money/year", LOWER, "Technology",                              \
	  "platform, vendors, embedded staff, integration")                                                     \
	X(M_COST_REWORK, "cost.rework", "money/year", LOWER, "Rework",                                          \
	  "variable cost of rework: rework busy days x delivery's cost per busy day (staff time on rework "     \
	  "is in cost.staff, its share in delivery.rework_share)")                                              \
	X(M_COST_MARKETING, "cost.marketing", "money/year", LOWER, "Marketing",                                 \
	  "campaign spend per prospect")                                                                        \
	X(M_COST_TRANSITION, "cost.transition", "money/year", LOWER, "Transition",                                    \
	  "one-off cost of moving from the baseline model / amortisation years")                                      \
	X(M_COST_TOTAL, "cost.total", "money/year", LOWER, "Cost",                                              \
	  "all cost")                                                                                           \
	X(M_MARGIN, "margin", "money/year", HIGHER, "Margin",                                                   \
	  "revenue minus cost")                                                                                 \
	X(M_CAC, "kpi.cost_to_acquire", "money/customer", LOWER, "Cost to acquire",                             \
	  "acquisition / funnel.wins; acquisition = cost.marketing + sales pool cost x lead jobs' "             \
	  "share of sales busy days")                                                                           \
	X(M_CTS, "kpi.cost_to_serve", "money/customer-year", LOWER, "Cost to serve",                            \
	  "(cost.total - acquisition) / customers.active")                                                      \
	X(M_LTV, "kpi.lifetime_value", "money/customer", HIGHER, "Lifetime value",                              \
	  "(revenue.total / customers.active - cost_to_serve) x life - cost_to_acquire; life = "                \
	  "term / max(0.05, 1 - renewal.rate)")                                                                 \
	X(M_ONE_OFF, "transition.one_off", "money", LOWER, "One-off transition",                                      \
	  "migration, integration builds and hiring against the baseline scenario")                                   \
	X(M_PAYBACK, "payback.days", "days", LOWER, "Payback",                                                      \
	  "days from the window start after which the mean cumulative paired margin difference to the "              \
	  "baseline stays positive (its interval: where the 95% band's bounds do); empty when not within "           \
	  "the horizon, and for the baseline; from the experiment, not per replication")                             \
	X(M_BOUNDARIES, "fragmentation.boundaries", "count", LOWER, "Fragmentation boundaries",                 \
	  "journey transitions where the owner changes")                                                        \
	X(M_SYSTEMS, "fragmentation.systems", "count", LOWER, "Fragmentation systems",                          \
	  "distinct customer-data systems")                                                                     \
	X(M_PARTIES, "fragmentation.parties", "count", LOWER, "Fragmentation parties",                          \
	  "governance parties over all cross-stage decisions")                                                  \
	X(M_DEFECTS_OPENED, "defects.opened", "1/year", LOWER, "Defects opened",                                \
	  "journey defects that appeared")                                                                      \
	X(M_DEFECTS_OPEN, "defects.open_mean", "defects", LOWER, "Open defects",                                \
	  "time-average open journey defects")                                                                  \
	X(M_DEFECT_FIX, "defects.fix_days", "days", LOWER, "Defects fix days",                                  \
	  "mean time to fix a journey defect")                                                                  \
	X(M_DEBT, "technology.debt", "share", LOWER, "Technology debt",                                         \
	  "integration debt of vendor systems at the horizon (0-1)")                                            \
	X(M_REWORK_SHARE, "delivery.rework_share", "share", LOWER, "Rework share",                              \
	  "service days of rework jobs / service days of all delivery jobs, jobs finished in the window")       \
	X(M_TECH_CHANGES, "technology.changes", "1/year", NEUTRAL, "Changes",                                         \
	  "system changes requested for journey defects")                                                             \
	X(M_TECH_CHANGE_WAIT, "technology.change_wait", "days", LOWER, "Change wait",                                 \
	  "mean days a change waits for its delivery team")                                                           \
	X(M_TECH_REDOS, "technology.redos", "per change", LOWER, "Redos",                                             \
	  "redos per change")                                                                                         \
	X(M_FLOW_ARRIVED, "flow.arrived", "customers", NEUTRAL, "Flow arrived",                                 \
	  "prospects and existing customers since day 0 (flow.prospects + flow.initial)")                       \
	X(M_FLOW_NO_LEAD, "flow.no_lead", "customers", LOWER, "Flow no lead",                                   \
	  "left marketing without becoming a lead")                                                             \
	X(M_FLOW_LOST, "flow.lost", "customers", LOWER, "Flow lost",                                            \
	  "lost in sales")                                                                                      \
	X(M_FLOW_DROPPED, "flow.dropped", "customers", LOWER, "Flow dropped",                                   \
	  "left at a handoff (the four flow.dropped_* added; a dropped transfer is not a leave)")               \
	X(M_FLOW_CHURNED, "flow.churned", "customers", LOWER, "Flow churned",                                   \
	  "churned at a term end (flow.churned_new + flow.churned_initial; drops at the renewal "               \
	  "handoff are in flow.dropped_renewal)")                                                               \
	X(M_FLOW_IN_SYSTEM, "flow.in_system", "customers", NEUTRAL, "Flow in system",                           \
	  "still in the journey at the horizon")                                                                \
	X(M_FLOW_LEADS, "flow.leads", "customers", HIGHER, "Flow leads",                                        \
	  "qualifications (flow.leads_first + flow.requalified)")                                               \
	X(M_FLOW_WINS, "flow.wins", "customers", HIGHER, "Flow wins",                                           \
	  "deals won")                                                                                          \
	X(M_FLOW_NURTURED, "flow.nurtured", "customers", NEUTRAL, "Flow nurtured",                              \
	  "lost leads returned to nurture")                                                                     \
	X(M_FLOW_DELIVERED, "flow.delivered", "customers", HIGHER, "Flow delivered",                            \
	  "first deliveries done (a customer once, after any rework)")                                          \
	X(M_FLOW_REWORK, "flow.rework", "jobs", LOWER, "Flow rework",                                           \
	  "order reworks")                                                                                      \
	X(M_FLOW_RENEWED, "flow.renewed", "customers", HIGHER, "Flow renewed",                                  \
	  "renewals")                                                                                           \
	X(M_FLOW_PROSPECTS, "flow.prospects", "customers", NEUTRAL, "Flow prospects",                           \
	  "prospects (new and referred) since day 0")                                                           \
	X(M_FLOW_INITIAL, "flow.initial", "customers", NEUTRAL, "Flow initial",                                 \
	  "customers at day 0")                                                                                 \
	X(M_FLOW_LEADS_FIRST, "flow.leads_first", "customers", HIGHER, "Flow first leads",                      \
	  "first qualifications (before any nurture)")                                                          \
	X(M_FLOW_REQUALIFIED, "flow.requalified", "customers", NEUTRAL, "Flow requalified",                     \
	  "qualifications after nurture")                                                                       \
	X(M_FLOW_DROPPED_LEAD, "flow.dropped_lead", "customers", LOWER, "Flow dropped lead",                    \
	  "left at the marketing-to-sales handoff")                                                             \
	X(M_FLOW_DROPPED_ORDER, "flow.dropped_order", "customers", LOWER, "Flow dropped order",                 \
	  "left at the sales-to-delivery handoff")                                                              \
	X(M_FLOW_DROPPED_ONBOARDING, "flow.dropped_onboarding", "customers", LOWER, "Flow dropped onboarding",  \
	  "left at the delivery-to-service handoff")                                                            \
	X(M_FLOW_DROPPED_RENEWAL, "flow.dropped_renewal", "customers", LOWER, "Flow dropped renewal",           \
	  "left at the service-to-sales (renewal) handoff")                                                     \
	X(M_FLOW_CHURNED_NEW, "flow.churned_new", "customers", LOWER, "Flow churned new",                       \
	  "churn decisions of customers won in the run")                                                        \
	X(M_FLOW_CHURNED_INITIAL, "flow.churned_initial", "customers", LOWER, "Flow churned initial",           \
	  "churn decisions of day-0 customers")                                                                 \
	X(M_FLOW_AWAITING, "flow.awaiting_delivery", "customers", NEUTRAL, "Flow awaiting delivery",            \
	  "won, not yet delivered, still in the journey at the horizon")                                        \
	X(M_FLOW_RETAINED, "flow.retained", "customers", HIGHER, "Flow retained",                               \
	  "customers won in the run and delivered, still in the journey at the horizon")

enum metric_id {
#define X(id, name, unit, better, label, desc) id,
	METRICS(X)
#undef X
	METRIC_COUNT
};

/* The metric of pool p (enum pool_id: sales, delivery, service) that is m
 * for sales: METRIC_OF_POOL(M_SALES_SERVICE_LEVEL, POOL_SERVICE). */
#define METRIC_OF_POOL(m, p) ((m) + (int)(p) * (M_DELIVERY_WAIT - M_SALES_WAIT))

/* Which way a change of a metric is good; the values are signs, so that
 * difference * better > 0 reads "the difference is an improvement". */
enum metric_better {
	METRIC_LOWER = -1,
	METRIC_NEUTRAL = 0,
	METRIC_HIGHER = 1,
};

struct metric_info {
	const char *name;
	const char *unit; /* "money" is replaced by the scenario file's currency in outputs */
	enum metric_better better;
	const char *label; /* display name */
	const char *description;
};

extern const struct metric_info metric_table[METRIC_COUNT];

/* Index of a metric by name, or -1. */
int metric_find(const char *name);

/* The better direction of a metric by name; METRIC_NEUTRAL for a name that
 * is not in the table (a file from another version, a series). */
enum metric_better metric_better_find(const char *name);

/* The docs/outputs.md tail from "## Metrics" on: the metric table (name,
 * display name, unit, better, description) and the series table, in table
 * order (`make docs` writes it; a test checks the document agrees). */
void metric_doc_write(FILE *out);

/* Time series, sampled as averages over each interval of run.sample_every. */
#define SERIES(X)                                                                  \
	X(S_SALES_QUEUE, "sales.queue", "jobs")                                       \
	X(S_SALES_WIP, "sales.wip", "jobs")                                           \
	X(S_DELIVERY_QUEUE, "delivery.queue", "jobs")                                 \
	X(S_DELIVERY_WIP, "delivery.wip", "jobs")                                     \
	X(S_SERVICE_QUEUE, "service.queue", "jobs")                                   \
	X(S_SERVICE_WIP, "service.wip", "jobs")                                       \
	X(S_ACTIVE, "customers.active", "customers")                                 \
	X(S_DEFECTS, "defects.open", "defects")                                       \
	X(S_DEBT, "technology.debt", "share")

enum series_id {
#define X(id, name, unit) id,
	SERIES(X)
#undef X
	SERIES_COUNT
};

struct series_info {
	const char *name;
	const char *unit;
};

extern const struct series_info series_table[SERIES_COUNT];

/* ---- the objective: what "best" means (objective.c) ----
 *
 * SPEC is a metric, then optional weighted terms:
 *   margin | experience | cost | revenue | nps | any metric name of the table
 *   margin+50000*experience        margin + 50,000 x experience.mean
 *   experience-0.000001*cost       (a term may be subtracted)
 * The short names are aliases: experience = experience.mean, cost =
 * cost.total, revenue = revenue.total, nps = experience.nps. The first metric
 * (the primary) has weight 1 and fixes the objective's unit and direction
 * (metrics.h `better`; a NEUTRAL metric is refused); a weight W of a term is
 * in the primary's unit per unit of the term's metric ("50000*experience":
 * money/year per point of the mean score), so the value is
 *   primary + sum(+-W_i x metric_i)
 * per replication, in the primary's unit, better in the primary's direction.
 * Blanks around the parts are allowed; a weight is a finite number >= 0. */
#define OBJECTIVE_TERMS_MAX 8
#define OBJECTIVE_TEXT_LEN 160

struct objective {
	int metric;                       /* the primary metric (id) */
	size_t n_weights;                 /* further terms */
	int weight_metric[OBJECTIVE_TERMS_MAX];
	double weight[OBJECTIVE_TERMS_MAX]; /* signed: - for a subtracted term */
	enum metric_better better;        /* the primary's */
};

/* Parses spec into o. 0, or -1 with why (what was expected, what was got). */
int objective_parse(const char *spec, struct objective *o, char *why, size_t why_len);

/* The objective's value from one replication's metrics (NaN if one is). */
double objective_value(const struct objective *o, const double *metrics);

/* The human text: "margin", "margin + EUR 50,000/year per point of
 * experience"; currency replaces "money" ("" leaves it). */
void objective_text(const struct objective *o, const char *currency, char *buf, size_t len);

/* Is the objective a single metric (no weights)? Then its value is that
 * metric's, and it needs no "objective" row in the tables. */
int objective_single(const struct objective *o);

#endif
