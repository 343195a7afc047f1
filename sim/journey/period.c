/*
 * period.c - results per period and the cumulative margin of one replication
 * (periods.csv, cumulative.csv; include/journey.h says what each kind means).
 *
 * At each period boundary (every run.period from the window start) and at
 * each point of the cumulative grid, the journey's own results are evaluated
 * as if the run ended there (journey_metrics_now: the same window arithmetic
 * and mechanisms' finish hooks as at the horizon, on a copy of the window),
 * so no cost is computed twice: a money figure of the window so far is its
 * per-year value times the years so far, and a period's money is the change
 * of that total over the period. Time-averages and ratios are the changes
 * of the window's integrals and counts since the last boundary.
 *
 * A boundary's event re-schedules itself once at the same time, so that it
 * runs after whatever else was already due then (the day tick of that day):
 * what a day tick books at the boundary's time belongs to the period before.
 * The arrays are allocated at set-up; the events allocate nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

const struct period_metric_info period_metric_table[PM_COUNT] = {
#define X(id, name, metric, kind) [id] = {name, metric, kind},
	PERIOD_METRICS(X)
#undef X
};

const char *journey_period_unit(enum period_metric pm)
{
	const struct period_metric_info *p = &period_metric_table[pm];
	return p->kind == PERIOD_MONEY || p->kind == PERIOD_CUMULATIVE ? "money" : metric_table[p->metric].unit;
}

double journey_period_days(const struct run_settings *run)
{
	return run->period > 0 ? run->period : 365;
}

static double window_days(const struct run_settings *run)
{
	return run->horizon - (run->warmup > 0 ? run->warmup : 0);
}

size_t journey_period_count(const struct run_settings *run)
{
	double n = ceil(window_days(run) / journey_period_days(run) - 1e-9);
	return n < 1 ? 1 : (size_t)n;
}

void journey_period_span(const struct run_settings *run, size_t k, double *start, double *end, int *partial)
{
	double p = journey_period_days(run), w = window_days(run);
	*start = (double)k * p;
	*end = k + 1 >= journey_period_count(run) ? w : (double)(k + 1) * p;
	*partial = *end - *start < p * (1 - 1e-9);
}

size_t journey_cumulative_count(const struct run_settings *run)
{
	double n = ceil(window_days(run) / journey_sample_step(run) - 1e-9);
	return (n < 1 ? 1 : (size_t)n) + 1;
}

double journey_cumulative_day(const struct run_settings *run, size_t i)
{
	return i + 1 >= journey_cumulative_count(run) ? window_days(run) : (double)i * journey_sample_step(run);
}

int period_setup(struct journey *j)
{
	struct rep_result *out = j->out;
	out->n_periods = journey_period_count(&j->run);
	out->n_cumulative = journey_cumulative_count(&j->run);
	out->window_days = window_days(&j->run);
	out->periods = calloc(out->n_periods * PM_COUNT, sizeof *out->periods);
	out->cumulative = calloc(out->n_cumulative, sizeof *out->cumulative);
	return out->periods && out->cumulative ? 0 : -1;
}

static double window_start(const struct journey *j)
{
	return j->run.warmup > 0 ? j->run.warmup : 0;
}

/* The period's figures from the metrics m and window `seen` of the window
 * so far, against the last boundary's. */
static void period_close(struct journey *j, const double *m, const struct window *seen)
{
	const struct window *mark = &j->period_mark;
	double now = j->sim.now, years = (now - seen->start) / 365, days = now - j->period_last;
	double *row = j->out->periods + j->period_index * PM_COUNT;
	double d_people = (double)(seen->people - mark->people);
	uint64_t churned = seen->churned - mark->churned +
			   (seen->dropped[TR_SERVICE_SALES] - mark->dropped[TR_SERVICE_SALES]);
	double decided = (double)(seen->renewals - mark->renewals + churned);
	for (int k = 0; k < PM_COUNT; k++) {
		const struct period_metric_info *p = &period_metric_table[k];
		double total = m[p->metric] * years;
		switch (p->kind) {
		case PERIOD_MONEY:
			row[k] = total - j->period_money[k];
			j->period_money[k] = total;
			break;
		case PERIOD_CUMULATIVE:
			row[k] = total;
			break;
		default:
			break;
		}
	}
	/* as results_fill's ratios, on the period's counts */
	row[PM_ACTIVE] = days > 0 ? (seen->active_area - mark->active_area) / days : NAN;
	row[PM_DEFECTS] = days > 0 ? (seen->defect_open_area - mark->defect_open_area) / days : NAN;
	row[PM_DEBT] = days > 0 ? (seen->debt_area - mark->debt_area) / days : NAN;
	row[PM_EXPERIENCE] = d_people > 0 ? (seen->score_sum - mark->score_sum) / d_people : NAN;
	row[PM_NPS] = d_people > 0 ? 100 *
					     ((double)(seen->promoters - mark->promoters) -
					      (double)(seen->detractors - mark->detractors)) /
					     d_people
				   : NAN;
	row[PM_CHURN] = decided > 0 ? (double)churned / decided : NAN;
	j->period_index++;
	j->period_last = now;
}

static void boundary_now(struct sim *sim, void *journey, void *unused);
static void cumulative_now(struct sim *sim, void *journey, void *unused);

static void boundary_due(struct sim *sim, void *journey, void *unused)
{
	sim_event_schedule(sim, 0, boundary_now, journey, unused);
}

static void cumulative_due(struct sim *sim, void *journey, void *unused)
{
	sim_event_schedule(sim, 0, cumulative_now, journey, unused);
}

static void boundary_schedule(struct journey *j)
{
	if (j->period_index + 1 < j->out->n_periods)
		sim_event_schedule_at(&j->sim, window_start(j) + (double)(j->period_index + 1) * journey_period_days(&j->run),
				      boundary_due, j, NULL);
}

static void cumulative_schedule(struct journey *j)
{
	if (j->cumulative_index + 1 < j->out->n_cumulative - 1)
		sim_event_schedule_at(&j->sim, window_start(j) + journey_cumulative_day(&j->run, j->cumulative_index + 1),
				      cumulative_due, j, NULL);
}

static void boundary_now(struct sim *sim, void *journey, void *unused)
{
	(void)sim;
	(void)unused;
	struct journey *j = journey;
	double m[METRIC_COUNT];
	struct window seen;
	journey_metrics_now(j, m, 1, &seen);
	period_close(j, m, &seen);
	journey_window_now(j, &j->period_mark); /* the scores of those still here are not yet counted */
	boundary_schedule(j);
}

static void cumulative_now(struct sim *sim, void *journey, void *unused)
{
	(void)sim;
	(void)unused;
	struct journey *j = journey;
	double m[METRIC_COUNT];
	journey_metrics_now(j, m, 0, NULL);
	j->cumulative_index++;
	j->out->cumulative[j->cumulative_index] = m[M_MARGIN] * (j->sim.now - j->w.start) / 365;
	cumulative_schedule(j);
}

void period_window_start(struct journey *j)
{
	j->period_mark = j->w;
	j->period_last = j->sim.now;
	memset(j->period_money, 0, sizeof j->period_money);
	j->period_index = j->cumulative_index = 0;
	j->out->cumulative[0] = 0;
	boundary_schedule(j);
	cumulative_schedule(j);
}

void period_finish(struct journey *j)
{
	const double *m = j->out->metrics;
	if (j->period_index < j->out->n_periods)
		period_close(j, m, &j->w);
	j->out->cumulative[j->out->n_cumulative - 1] = m[M_MARGIN] * (j->sim.now - j->w.start) / 365;
}
