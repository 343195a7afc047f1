/*
 * parallel.h - a team of worker threads for the experiment and sweep runners,
 * and the queue of numbered tasks they take from.
 *
 * Each worker takes the next task number (under the queue's lock), so results
 * can be stored by task index and never depend on which thread ran what.
 * After a failure no later task starts; tasks before it still finish, and the
 * error of the lowest failed task is the one kept, so the error too is the
 * same for every number of jobs.
 */
#ifndef JOURNEYSIM_PARALLEL_H
#define JOURNEYSIM_PARALLEL_H

#include <pthread.h>
#include <stddef.h>

#include "error.h"

#define PARALLEL_JOBS_MAX 256

/* Runs work(arg) on min(jobs, PARALLEL_JOBS_MAX) threads and waits for all
 * of them. With one job, or when no thread can be created, work runs on the
 * caller's thread instead, so the run always completes. */
void parallel_run(size_t jobs, void *(*work)(void *), void *arg);

/* The threads for n tasks: jobs within 1..PARALLEL_JOBS_MAX, at most n. */
size_t parallel_jobs(unsigned jobs, size_t n);

/* Tasks 0..n-1, handed out in order. */
struct parallel_tasks {
	pthread_mutex_t lock;  /* guards the fields below; callers may keep their own bookkeeping under it */
	size_t next;           /* the next task to start */
	size_t n;
	size_t stop_at;        /* no task >= stop_at starts: n, or the lowest failed task */
	struct js_error error; /* of task stop_at */
};

/* 0, or -1 with err (EX_OSERR) when the lock cannot be made. */
int parallel_tasks_init(struct parallel_tasks *q, size_t n, struct js_error *err);
void parallel_tasks_fini(struct parallel_tasks *q);

/* Under q->lock: 1 with the next task in *t, or 0 once every task has
 * started or one failed. */
int parallel_tasks_take(struct parallel_tasks *q, size_t *t);

/* Under q->lock: task t failed with err (its code EX_SOFTWARE when 0). */
void parallel_tasks_fail(struct parallel_tasks *q, size_t t, const struct js_error *err);

/* Did a task fail? Then q->stop_at is the lowest, q->error its error. */
int parallel_tasks_failed(const struct parallel_tasks *q);

#endif
