/*
 * experiment.c - every (scenario, replication) pair of a file run on a pool
 * of threads.
 *
 * A task is one pair; task t is scenario t / replications, replication
 * t % replications. Threads take the next task from a shared counter and
 * store the result at the task's index, so the results (and every file
 * written from them) do not depend on the number of threads or on which
 * finished first. After a failure no task beyond the failed one starts; tasks
 * before it still finish, and the error of the lowest failed task is the one
 * reported, so the error too is the same for every --jobs.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "experiment.h"
#include "parallel.h"
#include "progress.h"
#include "rng.h"

struct runner {
	const struct scenario *scenarios;
	const struct run_settings *run;
	const struct experiment_options *opt;
	struct rep_result *results;
	struct parallel_tasks tasks; /* its lock also guards done */
	size_t done;                 /* tasks finished */
};

static void *runner_thread(void *arg)
{
	struct runner *rn = arg;
	unsigned reps = rn->run->replications;
	size_t t;
	for (;;) {
		pthread_mutex_lock(&rn->tasks.lock);
		int got = parallel_tasks_take(&rn->tasks, &t);
		pthread_mutex_unlock(&rn->tasks.lock);
		if (!got)
			break;

		size_t s = t / reps;
		unsigned r = (unsigned)(t % reps);
		/* The trace follows the first customers of the first replication. */
		uint64_t trace = r == 0 ? rn->opt->trace_customers : 0;
		struct js_error err;
		js_error_clear(&err);
		int rc = journey_run(&rn->scenarios[s], rn->run, r, trace, &rn->results[t], &err);
		if (rn->opt->metrics_only)
			rep_result_fini(&rn->results[t]); /* the metrics stay */

		pthread_mutex_lock(&rn->tasks.lock);
		if (rc != 0)
			parallel_tasks_fail(&rn->tasks, t, &err);
		progress_update(rn->opt->progress, ++rn->done);
		pthread_mutex_unlock(&rn->tasks.lock);
	}
	return NULL;
}

unsigned experiment_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > PARALLEL_JOBS_MAX ? PARALLEL_JOBS_MAX : (unsigned)n;
}

int experiment_run_list(const struct scenario *list, size_t n, const struct run_settings *run,
			const struct experiment_options *opt, struct experiment *x, struct js_error *err)
{
	memset(x, 0, sizeof *x);
	rng_gsl_quiet();
	struct runner rn;
	memset(&rn, 0, sizeof rn);
	rn.scenarios = list;
	rn.run = run;
	rn.opt = opt;
	size_t n_tasks = n * run->replications;
	rn.results = calloc(n_tasks, sizeof *rn.results);
	if (!rn.results)
		return js_error_set(err, EX_OSERR, "out of memory for %zu replication results", n_tasks);
	if (parallel_tasks_init(&rn.tasks, n_tasks, err) != 0) {
		free(rn.results);
		return -1;
	}
	progress_start(opt->progress, 0, n_tasks);
	parallel_run(parallel_jobs(opt->jobs, n_tasks), runner_thread, &rn);
	progress_finish(opt->progress);
	parallel_tasks_fini(&rn.tasks);

	x->n_scenarios = n;
	x->replications = run->replications;
	x->results = rn.results;
	if (parallel_tasks_failed(&rn.tasks)) {
		size_t s = rn.tasks.stop_at / run->replications;
		unsigned r = (unsigned)(rn.tasks.stop_at % run->replications);
		experiment_fini(x);
		return js_error_set(err, rn.tasks.error.code, "scenario '%s', replication %u: %s", list[s].name,
				    r + 1, rn.tasks.error.msg);
	}
	return 0;
}

int experiment_run(const struct scenario_file *f, const struct experiment_options *opt,
		   struct experiment *x, struct js_error *err)
{
	memset(x, 0, sizeof *x);
	if (f->n_scenarios == 0 || f->run.replications == 0)
		return js_error_set(err, EX_CONFIG, "%s: nothing to run (%zu scenarios, %u replications)",
				    f->path, f->n_scenarios, f->run.replications);
	if (experiment_run_list(f->scenarios, f->n_scenarios, &f->run, opt, x, err) != 0)
		return -1;
	x->file = f;
	return 0;
}

void experiment_fini(struct experiment *x)
{
	if (!x)
		return;
	if (x->results)
		for (size_t i = 0; i < x->n_scenarios * x->replications; i++)
			rep_result_fini(&x->results[i]);
	free(x->results);
	x->results = NULL;
	x->n_scenarios = 0;
	x->replications = 0;
}
