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

/* X(id, name, unit, description) */
#define POOL_METRICS(X, P, p)                                                                     \
	X(P##_WAIT, p ".wait_mean", "days", "mean wait in the queue of jobs that started service")     \
	X(P##_SOJOURN, p ".sojourn_mean", "days", "mean time from joining the pool to finishing")      \
	X(P##_QUEUE, p ".queue_mean", "jobs", "time-average number waiting")                           \
	X(P##_WIP, p ".wip_mean", "jobs", "time-average number waiting or in service")                 \
	X(P##_UTIL, p ".utilization", "share", "time-average busy servers / servers")                  \
	X(P##_THROUGHPUT, p ".throughput", "jobs/day", "jobs finished per day")

#define METRICS(X)                                                                                  \
	POOL_METRICS(X, M_SALES, "sales")                                                               \
	POOL_METRICS(X, M_DELIVERY, "delivery")                                                         \
	POOL_METRICS(X, M_SERVICE, "service")                                                           \
	X(M_PROSPECTS, "funnel.prospects", "1/year", "prospects arriving (new and referred)")            \
	X(M_LEADS, "funnel.leads", "1/year", "qualified leads passed to sales")                         \
	X(M_WINS, "funnel.wins", "1/year", "deals won (new customers)")                                 \
	X(M_CONVERSION, "funnel.conversion", "share", "leads / prospects")                              \
	X(M_WIN_RATE, "funnel.win_rate", "share", "wins / sales decisions")                             \
	X(M_LEAKED, "funnel.leaked", "1/year", "customers dropped at a handoff")                        \
	X(M_SPEED_TO_LEAD, "journey.speed_to_lead", "days", "qualification to first sales contact")     \
	X(M_TIME_TO_CUSTOMER, "journey.time_to_customer", "days", "arrival to delivery done")           \
	X(M_CONTEXT_LOST, "handoff.context_lost", "share", "handoffs where the customer repeats")       \
	X(M_INCONSISTENT, "view.inconsistent", "share", "touches and contacts with a conflicting message") \
	X(M_FCR, "service.fcr", "share", "contacts resolved at the first attempt")                      \
	X(M_TRANSFERS, "service.transfers", "per contact", "transfers per contact")                     \
	X(M_CONTACTS, "service.contacts", "1/year", "service contacts started")                         \
	X(M_RENEWAL_RATE, "renewal.rate", "share", "term ends that renewed")                            \
	X(M_CHURN, "renewal.churn", "share", "term ends that churned")                                  \
	X(M_ACTIVE, "customers.active", "customers", "time-average customers under contract")           \
	X(M_EXPERIENCE, "experience.mean", "points (0-10)", "customers' experience score")              \
	X(M_NPS, "experience.nps", "points", "promoters minus detractors, in percent")                 \
	X(M_PROMOTERS, "experience.promoters", "share", "customers scoring 9 or more")                  \
	X(M_PASSIVES, "experience.passives", "share", "customers scoring 7 to 9")                       \
	X(M_DETRACTORS, "experience.detractors", "share", "customers scoring below 7")                  \
	X(M_EFFORT_WAIT, "experience.effort.wait", "points/customer", "waits beyond tolerance")         \
	X(M_EFFORT_REPEAT, "experience.effort.repeat", "points/customer", "repeats after lost context") \
	X(M_EFFORT_INCONSISTENT, "experience.effort.inconsistent", "points/customer", "conflicting messages") \
	X(M_EFFORT_TRANSFER, "experience.effort.transfer", "points/customer", "transfers")             \
	X(M_EFFORT_ERROR, "experience.effort.error", "points/customer", "order errors and rework")      \
	X(M_EFFORT_UNRESOLVED, "experience.effort.unresolved", "points/customer", "unresolved contacts") \
	X(M_EFFORT_DEFECT, "experience.effort.defect", "points/customer", "open journey defects met")   \
	X(M_EFFORT_FAST, "experience.effort.fast", "points/customer", "fast resolutions (a gain, <= 0)") \
	X(M_REV_DEALS, "revenue.deals", "money/year", "new contracts")                                  \
	X(M_REV_UPSELLS, "revenue.upsells", "money/year", "upsells in service contacts")                \
	X(M_REV_RENEWALS, "revenue.renewals", "money/year", "renewed contracts")                        \
	X(M_REV_TOTAL, "revenue.total", "money/year", "all revenue")                                    \
	X(M_COST_STAFF, "cost.staff", "money/year", "staffed pools: servers x cost per server")         \
	X(M_COST_MANAGEMENT, "cost.management", "money/year", "functional executives")                 \
	X(M_COST_OVERLAY, "cost.overlay", "money/year", "journey owner overlay and council")           \
	X(M_COST_COORDINATION, "cost.coordination", "money/year", "handoffs across boundaries, decisions") \
	X(M_COST_TECHNOLOGY, "cost.technology", "money/year", "platform, vendors, embedded staff, integration") \
	X(M_COST_REWORK, "cost.rework", "money/year", "order rework")                                   \
	X(M_COST_MARKETING, "cost.marketing", "money/year", "campaign spend per prospect")              \
	X(M_COST_TOTAL, "cost.total", "money/year", "all cost")                                         \
	X(M_MARGIN, "margin", "money/year", "revenue minus cost")                                      \
	X(M_CAC, "kpi.cost_to_acquire", "money/customer", "marketing and sales cost per new customer") \
	X(M_CTS, "kpi.cost_to_serve", "money/customer-year", "delivery, service and rework cost per customer-year") \
	X(M_LTV, "kpi.lifetime_value", "money/customer", "expected margin over a customer's life, less acquisition") \
	X(M_BOUNDARIES, "fragmentation.boundaries", "count", "journey transitions where the owner changes") \
	X(M_SYSTEMS, "fragmentation.systems", "count", "distinct customer-data systems")               \
	X(M_PARTIES, "fragmentation.parties", "count", "governance parties over all cross-stage decisions") \
	X(M_DEFECTS_OPENED, "defects.opened", "1/year", "journey defects that appeared")                \
	X(M_DEFECTS_OPEN, "defects.open_mean", "defects", "time-average open journey defects")          \
	X(M_DEFECT_FIX, "defects.fix_days", "days", "mean time to fix a journey defect")               \
	X(M_DEBT, "technology.debt", "share", "integration debt of vendor systems at the horizon (0-1)") \
	X(M_FLOW_ARRIVED, "flow.arrived", "customers", "prospects and existing customers since day 0") \
	X(M_FLOW_NO_LEAD, "flow.no_lead", "customers", "left marketing without becoming a lead")       \
	X(M_FLOW_LOST, "flow.lost", "customers", "lost in sales")                                      \
	X(M_FLOW_DROPPED, "flow.dropped", "customers", "dropped at a handoff")                          \
	X(M_FLOW_CHURNED, "flow.churned", "customers", "churned at a term end")                         \
	X(M_FLOW_IN_SYSTEM, "flow.in_system", "customers", "still in the journey at the horizon")       \
	X(M_FLOW_LEADS, "flow.leads", "customers", "qualifications (a nurtured prospect counts again)") \
	X(M_FLOW_WINS, "flow.wins", "customers", "deals won")                                          \
	X(M_FLOW_NURTURED, "flow.nurtured", "customers", "lost leads returned to nurture")             \
	X(M_FLOW_DELIVERED, "flow.delivered", "customers", "orders delivered")                         \
	X(M_FLOW_REWORK, "flow.rework", "jobs", "order reworks")                                        \
	X(M_FLOW_RENEWED, "flow.renewed", "customers", "renewals")

enum metric_id {
#define X(id, name, unit, desc) id,
	METRICS(X)
#undef X
	METRIC_COUNT
};

struct metric_info {
	const char *name;
	const char *unit; /* "money" is replaced by the scenario file's currency in outputs */
	const char *description;
};

extern const struct metric_info metric_table[METRIC_COUNT];

/* Index of a metric by name, or -1. */
int metric_find(const char *name);

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

#endif
