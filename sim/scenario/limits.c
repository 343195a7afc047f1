/*
 * limits.c - the work a scenario file asks for, estimated from its data
 * before anything runs, and held to documented limits, so that `check` and
 * `run` refuse a file that would exhaust memory or never finish.
 *
 * Each setting has its own bound in the schema; these limits catch what only
 * a combination does (a modest rate over a long horizon, a sample every
 * second). The estimates are rough upper estimates from scenario data alone,
 * never from the model: a replication of the default file has about 385,000
 * events where the estimate says 1.6 million.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "scenario_internal.h"

/* events per arrival drawn (the draw, touches aside, qualification, sales,
 * delivery and their handoffs), per support contact, per term end */
#define EVENTS_PER_ARRIVAL 12.0
#define EVENTS_PER_CONTACT 3.0
#define AUTO_POINTS 1001.0 /* sample_every = 0: at most about 1000 points */
#define CUSTOMER_BYTES 192.0
/* bytes of output per row: replications.csv (scenario, replication, metric)
 * and timeseries.csv (scenario, point, series) */
#define REPLICATION_ROW_BYTES 104.0
#define SERIES_ROW_BYTES 84.0

#define GIB (1024.0 * 1024.0 * 1024.0)

/* The limits: the estimate each holds, its bound, the setting to blame and why. */
enum limit_kind { LIM_EVENTS, LIM_CUSTOMERS, LIM_POINTS, LIM_EVENTS_TOTAL, LIM_MEMORY, LIM_OUTPUT };

static const struct limit {
	const char *what;  /* "events in one replication" */
	double max;
	const char *about; /* for docs/config.md */
	const char *shown; /* max as docs/config.md writes it */
} limits[] = {
	[LIM_EVENTS] = {"events in one replication", 1e9, "about 5 minutes at the measured 3.5 million events/s", NULL},
	[LIM_CUSTOMERS] = {"customers in the system at once", 1e7,
			   "192 bytes each: 2 GB; counted as the initial customers plus every arrival", NULL},
	[LIM_POINTS] = {"time-series points in one replication", 1e5,
			"the automatic interval gives at most about 1000", NULL},
	[LIM_EVENTS_TOTAL] = {"events in the whole run", 1e11,
			      "every scenario and replication: hours on one core", NULL},
	[LIM_MEMORY] = {"bytes of results held in memory", 4 * GIB,
			"8 bytes per time-series point and series and per metric, for every replication", "4 GiB"},
	[LIM_OUTPUT] = {"bytes of output files", 4 * GIB,
			"replications.csv and timeseries.csv, about 100 bytes a row", "4 GiB"},
};
#define LIMIT_COUNT (sizeof limits / sizeof limits[0])

static double peak_multiplier(const struct rate_profile *p)
{
	double peak = 1; /* before the first start the multiplier is 1 */
	for (size_t i = 0; i < p->n; i++)
		peak = fmax(peak, p->multiplier[i]);
	return peak;
}

static double series_points(const struct run_settings *run)
{
	return run->sample_every > 0 ? ceil(run->horizon / run->sample_every) : AUTO_POINTS;
}

void scenario_work_estimate(const struct run_settings *run, const struct scenario *s, size_t n_scenarios,
			    struct scenario_work *w)
{
	const struct company *c = &s->company;
	double h = run->horizon, per_year = 1.0 / 365.0;
	/* the arrival process draws at the peak rate and thins */
	double arrivals = c->arrivals.rate * peak_multiplier(&c->arrivals.profile) * h;
	double touches = dist_mean(&c->marketing.touches);
	double initial = c->service.initial_customers;
	/* customer-days under contract: the initial ones all along, arrivals half of it on average */
	double customer_days = initial * h + arrivals * h / 2;
	double per_customer_day = EVENTS_PER_CONTACT * c->service.contacts_per_year * per_year + 1 / c->service.term;
	double reps = run->replications, scen = (double)n_scenarios;
	w->points = series_points(run);
	w->events = arrivals * (EVENTS_PER_ARRIVAL + touches) + customer_days * per_customer_day + h + w->points;
	w->customers = initial + arrivals;
	w->events_total = w->events * reps * scen;
	w->memory = 8.0 * scen * reps * (w->points * SERIES_COUNT + METRIC_COUNT) + CUSTOMER_BYTES * w->customers;
	w->output = scen * (reps * METRIC_COUNT * REPLICATION_ROW_BYTES + w->points * SERIES_COUNT * SERIES_ROW_BYTES);
}

/* The setting that most drives an estimate of scenario s: the path to name. */
static const char *limit_blame(enum limit_kind k, const struct run_settings *run, const struct scenario *s)
{
	const struct company *c = &s->company;
	double arrivals = c->arrivals.rate * peak_multiplier(&c->arrivals.profile) * run->horizon;
	switch (k) {
	case LIM_POINTS:
		return "run.sample_every";
	case LIM_EVENTS_TOTAL:
	case LIM_MEMORY:
	case LIM_OUTPUT:
		return series_points(run) > AUTO_POINTS ? "run.sample_every" : "run.replications";
	case LIM_CUSTOMERS:
		if (c->service.initial_customers > arrivals)
			return "company.service.initial_customers";
		break;
	case LIM_EVENTS:
		if (dist_mean(&c->marketing.touches) > EVENTS_PER_ARRIVAL)
			return "company.marketing.touches";
		if (1 / c->service.term > 1 && 1 / c->service.term > c->service.contacts_per_year * EVENTS_PER_CONTACT / 365)
			return "company.service.term";
		if (c->service.contacts_per_year * EVENTS_PER_CONTACT / 365 > 1)
			return "company.service.contacts_per_year";
		break;
	}
	if (peak_multiplier(&c->arrivals.profile) > 10)
		return "company.arrivals.profile";
	return run->horizon > 10 * 365 ? "run.horizon" : "company.arrivals.rate";
}

/* The run settings against the schema (a command line may have changed them). */
static int run_in_range(const struct run_settings *run, struct limit_breach *b)
{
	for (size_t i = 0; i < schema_run.n; i++) {
		const struct schema_entry *e = &schema_run.entries[i];
		const void *at = (const char *)run + e->offset;
		double v;
		if (e->type == ST_DURATION || e->type == ST_NUMBER)
			v = *(const double *)at;
		else if (e->type == ST_UINT)
			v = *(const unsigned *)at;
		else
			continue;
		int rc = schema_check(e, v);
		if (rc == 0)
			continue;
		char expect[256], got[48];
		(rc > 0 ? schema_expect_at_most : schema_expect)(e, expect, sizeof expect);
		if (e->type == ST_DURATION)
			duration_format(v, got, sizeof got);
		else
			number_format_shortest(v, got, sizeof got);
		snprintf(b->path, sizeof b->path, "run.%s", e->path);
		b->scenario = -1;
		snprintf(b->msg, sizeof b->msg, "expected %s, got %s", expect, got);
		return -1;
	}
	return 0;
}

int limits_check(const struct scenario_file *f, struct limit_breach *b)
{
	if (run_in_range(&f->run, b))
		return -1;
	for (size_t i = 0; i < f->n_scenarios; i++) {
		struct scenario_work w;
		scenario_work_estimate(&f->run, &f->scenarios[i], f->n_scenarios, &w);
		const double got[LIMIT_COUNT] = {
			[LIM_EVENTS] = w.events,	     [LIM_CUSTOMERS] = w.customers, [LIM_POINTS] = w.points,
			[LIM_EVENTS_TOTAL] = w.events_total, [LIM_MEMORY] = w.memory,	    [LIM_OUTPUT] = w.output,
		};
		for (size_t k = 0; k < LIMIT_COUNT; k++) {
			if (got[k] <= limits[k].max) /* NaN passes: it cannot come from checked settings */
				continue;
			snprintf(b->path, sizeof b->path, "%s", limit_blame((enum limit_kind)k, &f->run, &f->scenarios[i]));
			b->scenario = (int)i;
			snprintf(b->msg, sizeof b->msg,
				 "expected a run of at most %.3g %s, got an estimated %.3g in scenario \"%s\" "
				 "(see \"limits\" in docs/config.md)",
				 limits[k].max, limits[k].what, got[k], f->scenarios[i].name);
			return -1;
		}
	}
	return 0;
}

int scenario_file_check_limits(const struct scenario_file *f, struct js_error *err)
{
	struct limit_breach b;
	/* a horizon or warm-up set on the command line may leave a transition's switch out of the run */
	for (size_t i = 0; i < f->n_scenarios; i++) {
		const struct transition_plan *t = &f->scenarios[i].transition;
		if (t->present && !(f->run.warmup + t->at < f->run.horizon))
			return js_error_set(err, EX_CONFIG,
					    "run.horizon: expected a horizon after the switch of scenario \"%s\" "
					    "(run.warmup + transition.at = %g days), got %g days",
					    f->scenarios[i].name, f->run.warmup + t->at, f->run.horizon);
	}
	if (limits_check(f, &b) == 0)
		return 0;
	if (b.scenario >= 0 && strncmp(b.path, "company.", 8) == 0)
		return js_error_set(err, EX_CONFIG, "scenarios.%s.%s: %s", f->scenarios[b.scenario].name, b.path,
				    b.msg);
	return js_error_set(err, EX_CONFIG, "%s: %s", b.path, b.msg);
}

void limits_doc_write(FILE *out)
{
	fprintf(out, "### limits\n\n");
	fprintf(out, "| limit | at most | note |\n|---|---|---|\n");
	for (size_t k = 0; k < LIMIT_COUNT; k++) {
		char max[32];
		snprintf(max, sizeof max, "%.3g", limits[k].max);
		fprintf(out, "| %s | %s | %s |\n", limits[k].what, limits[k].shown ? limits[k].shown : max,
			limits[k].about);
	}
	fprintf(out, "\nThe estimates come from the resolved scenarios (after command-line overrides) before "
		     "anything runs: arrivals are the rate at the profile's peak times the horizon, each with "
		     "%g events plus its touches; customer-days under contract (the initial customers for the "
		     "whole horizon, arrivals for half of it) bring %g events per support contact and one per "
		     "term end; a day tick a day and one event per time-series point.\n",
		EVENTS_PER_ARRIVAL, EVENTS_PER_CONTACT);
}
