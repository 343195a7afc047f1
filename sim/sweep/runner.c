/*
 * runner.c - the (point, scenario, replication) tasks of a list of points on
 * a pool of threads.
 *
 * Task t is point t / (S R), scenario (t / R) % S, replication t % R, taken
 * from a shared counter in that order, so the points finish roughly in order
 * and at most jobs + 1 points are under way at once: each has a slot holding
 * its S R M values until its last task finishes, when its record goes to the
 * sink (the journal) and the slot is reused. A task's random numbers depend
 * only on its point's seed and its replication (journey_run), so which thread
 * runs it changes nothing. After a failure no new task starts; the error of
 * the lowest failed task is reported.
 */
#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "journey.h"
#include "rng.h"
#include "sweep_internal.h"
#include "parallel.h"

struct slot {
	size_t idx;       /* index into the point list */
	size_t remaining; /* tasks not finished */
	int active;
	double *values;   /* [(s * R + r) * M + m] */
};

struct runner {
	const struct sweep *sw;
	const size_t *points;
	size_t n_points, per_point, n_tasks, n_values;
	runner_sink_fn sink;
	void *ctx;

	struct parallel_tasks tasks; /* its lock also guards the slots */
	struct slot *slots;
	size_t n_slots;

	pthread_mutex_t sink_lock; /* serialises the sink */
};

/* The slot of point idx; a free one for its first task. Under the lock. */
static struct slot *slot_for(struct runner *rn, size_t idx, int first)
{
	for (size_t i = 0; i < rn->n_slots; i++)
		if (rn->slots[i].active && rn->slots[i].idx == idx)
			return &rn->slots[i];
	if (!first)
		return NULL;
	for (size_t i = 0; i < rn->n_slots; i++)
		if (!rn->slots[i].active) {
			struct slot *sl = &rn->slots[i];
			sl->active = 1;
			sl->idx = idx;
			sl->remaining = rn->per_point;
			return sl;
		}
	return NULL;
}

static void *runner_thread(void *arg)
{
	struct runner *rn = arg;
	const struct sweep_plan *p = &rn->sw->plan;
	const struct scenario_file *f = rn->sw->file;
	unsigned reps = p->replications;
	struct scenario *sc = malloc(sizeof *sc);
	char *rec = NULL;
	size_t rec_cap = 0;
	struct js_error err;
	if (!sc) {
		js_error_set(&err, EX_OSERR, "out of memory");
		pthread_mutex_lock(&rn->tasks.lock);
		parallel_tasks_fail(&rn->tasks, rn->tasks.next, &err);
		pthread_mutex_unlock(&rn->tasks.lock);
		return NULL;
	}
	size_t t;
	for (;;) {
		pthread_mutex_lock(&rn->tasks.lock);
		if (!parallel_tasks_take(&rn->tasks, &t)) {
			pthread_mutex_unlock(&rn->tasks.lock);
			break;
		}
		size_t idx = t / rn->per_point, within = t % rn->per_point;
		struct slot *sl = slot_for(rn, idx, within == 0);
		pthread_mutex_unlock(&rn->tasks.lock);

		size_t point = rn->points[idx], s = within / reps;
		unsigned r = (unsigned)(within % reps);
		js_error_clear(&err);
		int rc = -1;
		if (!sl) {
			js_error_set(&err, EX_SOFTWARE, "sweep runner: no slot for point %zu", point);
		} else {
			*sc = f->scenarios[s];
			struct run_settings run = f->run;
			run.seed = sweep_point_seed(p, point);
			run.replications = reps;
			struct rep_result res;
			memset(&res, 0, sizeof res);
			rc = sweep_point_apply(p, point, sc, &err);
			param_run_apply(p, point, &run); /* run.horizon, run.period */
			if (rc == 0)
				rc = journey_run(sc, &run, sweep_point_replication(p, point, r), 0, &res, &err);
			if (rc == 0)
				for (size_t k = 0; k < p->n_metrics; k++)
					sl->values[(s * reps + r) * p->n_metrics + k] = res.metrics[p->metrics[k]];
			for (size_t k = 0; rc == 0 && k < p->n_periods; k++) /* NaN past this point's horizon */
				for (size_t pm = 0; pm < PM_COUNT; pm++)
					sl->values[plan_period_value(p, s, r, k, pm)] =
						k < res.n_periods ? res.periods[k * PM_COUNT + pm] : NAN;
			rep_result_fini(&res);
		}

		pthread_mutex_lock(&rn->tasks.lock);
		int complete = 0;
		if (rc != 0)
			parallel_tasks_fail(&rn->tasks, t, &err);
		else
			complete = --sl->remaining == 0;
		pthread_mutex_unlock(&rn->tasks.lock);
		if (!complete)
			continue;

		/* the point is done: its record goes to the sink, outside the task lock */
		size_t len = journal_record_format(&rec, &rec_cap, p, point, sl->values);
		pthread_mutex_lock(&rn->sink_lock);
		if (len == 0)
			rc = js_error_set(&err, EX_OSERR, "out of memory for the record of point %zu", point);
		else
			rc = rn->sink(rn->ctx, point, rec, len, &err);
		pthread_mutex_unlock(&rn->sink_lock);
		pthread_mutex_lock(&rn->tasks.lock);
		sl->active = 0;
		if (rc != 0)
			parallel_tasks_fail(&rn->tasks, t, &err);
		pthread_mutex_unlock(&rn->tasks.lock);
	}
	free(rec);
	free(sc);
	return NULL;
}

int runner_run(const struct sweep *sw, const size_t *points, size_t n, unsigned jobs, runner_sink_fn sink,
	       void *ctx, struct js_error *err)
{
	const struct sweep_plan *p = &sw->plan;
	if (n == 0)
		return 0;
	rng_gsl_quiet();
	/* Each replication's memory stays in the process for the next one: by
	 * default glibc hands freed heap tops and large blocks back to the kernel,
	 * and the next replication faults them in again page by page (perf on a
	 * short decide: a seventh of the time in page faults, brk and munmap).
	 * Changes no number. */
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	struct runner rn;
	memset(&rn, 0, sizeof rn);
	rn.sw = sw;
	rn.points = points;
	rn.n_points = n;
	rn.per_point = p->n_scenarios * p->replications;
	rn.n_tasks = n * rn.per_point;
	rn.n_values = plan_values_per_point(p);
	rn.sink = sink;
	rn.ctx = ctx;

	size_t threads = parallel_jobs(jobs, rn.n_tasks);
	rn.n_slots = threads + 1;
	rn.slots = calloc(rn.n_slots, sizeof *rn.slots);
	int rc = -1;
	if (!rn.slots) {
		js_error_set(err, EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < rn.n_slots; i++)
		if (!(rn.slots[i].values = malloc(rn.n_values * sizeof(double)))) {
			js_error_set(err, EX_OSERR, "out of memory for %zu points of %zu values", rn.n_slots,
				     rn.n_values);
			goto out;
		}
	if (parallel_tasks_init(&rn.tasks, rn.n_tasks, err) != 0)
		goto out;
	if (pthread_mutex_init(&rn.sink_lock, NULL) != 0) {
		parallel_tasks_fini(&rn.tasks);
		js_error_set(err, EX_OSERR, "cannot create a mutex");
		goto out;
	}
	parallel_run(threads, runner_thread, &rn);
	parallel_tasks_fini(&rn.tasks);
	pthread_mutex_destroy(&rn.sink_lock);
	if (parallel_tasks_failed(&rn.tasks)) {
		*err = rn.tasks.error;
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < rn.n_slots; i++)
		free(rn.slots[i].values);
	free(rn.slots);
	return rc;
}
