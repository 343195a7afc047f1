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
	const struct scenario_file *file;
	const struct experiment_options *opt;
	struct rep_result *results;
	size_t n_tasks;

	pthread_mutex_t lock; /* guards everything below */
	size_t next;          /* next task to start */
	size_t done;          /* tasks finished */
	size_t stop_at;       /* no task with index >= stop_at starts (the lowest failed task) */
	struct js_error first_error;
	struct progress bar;
	int show_progress;
};

static void *runner_thread(void *arg)
{
	struct runner *rn = arg;
	unsigned reps = rn->file->run.replications;
	for (;;) {
		pthread_mutex_lock(&rn->lock);
		size_t t = rn->next;
		if (t >= rn->stop_at) {
			pthread_mutex_unlock(&rn->lock);
			break;
		}
		rn->next++;
		pthread_mutex_unlock(&rn->lock);

		size_t s = t / reps;
		unsigned r = (unsigned)(t % reps);
		/* The trace follows the first customers of the first replication. */
		uint64_t trace = r == 0 ? rn->opt->trace_customers : 0;
		struct js_error err;
		js_error_clear(&err);
		int rc = journey_run(&rn->file->scenarios[s], &rn->file->run, r, trace, &rn->results[t], &err);

		pthread_mutex_lock(&rn->lock);
		if (rc != 0 && t < rn->stop_at) {
			rn->stop_at = t;
			rn->first_error = err;
			if (rn->first_error.code == 0)
				rn->first_error.code = EX_SOFTWARE;
		}
		rn->done++;
		if (rn->show_progress)
			progress_update(&rn->bar, rn->done);
		pthread_mutex_unlock(&rn->lock);
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

int experiment_run(const struct scenario_file *f, const struct experiment_options *opt,
		   struct experiment *x, struct js_error *err)
{
	memset(x, 0, sizeof *x);
	rng_gsl_quiet();
	if (f->n_scenarios == 0 || f->run.replications == 0)
		return js_error_set(err, EX_CONFIG, "%s: nothing to run (%zu scenarios, %u replications)",
				    f->path, f->n_scenarios, f->run.replications);

	struct runner rn;
	memset(&rn, 0, sizeof rn);
	rn.file = f;
	rn.opt = opt;
	rn.n_tasks = f->n_scenarios * f->run.replications;
	rn.stop_at = rn.n_tasks;
	rn.results = calloc(rn.n_tasks, sizeof *rn.results);
	if (!rn.results)
		return js_error_set(err, EX_OSERR, "out of memory for %zu replication results", rn.n_tasks);
	if (pthread_mutex_init(&rn.lock, NULL) != 0) {
		free(rn.results);
		return js_error_set(err, EX_OSERR, "cannot create a mutex");
	}
	rn.show_progress = opt->progress;
	if (rn.show_progress)
		progress_start(&rn.bar, stderr, "running", "runs", rn.n_tasks);

	size_t jobs = opt->jobs < 1 ? 1 : opt->jobs > PARALLEL_JOBS_MAX ? PARALLEL_JOBS_MAX : opt->jobs;
	if (jobs > rn.n_tasks)
		jobs = rn.n_tasks;
	parallel_run(jobs, runner_thread, &rn);
	if (rn.show_progress)
		progress_finish(&rn.bar);
	pthread_mutex_destroy(&rn.lock);

	x->file = f;
	x->n_scenarios = f->n_scenarios;
	x->replications = f->run.replications;
	x->results = rn.results;
	if (rn.stop_at < rn.n_tasks) {
		size_t s = rn.stop_at / f->run.replications;
		unsigned r = (unsigned)(rn.stop_at % f->run.replications);
		experiment_fini(x);
		return js_error_set(err, rn.first_error.code, "scenario '%s', replication %u: %s",
				    f->scenarios[s].name, r + 1, rn.first_error.msg);
	}
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
