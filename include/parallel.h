/*
 * parallel.h - a team of worker threads for the experiment and sweep runners.
 * Each worker pulls its own tasks (under the caller's lock), so results can be
 * stored by task index and never depend on which thread ran what.
 */
#ifndef JOURNEYSIM_PARALLEL_H
#define JOURNEYSIM_PARALLEL_H

#include <stddef.h>

#define PARALLEL_JOBS_MAX 256

/* Runs work(arg) on min(jobs, PARALLEL_JOBS_MAX) threads and waits for all
 * of them. With one job, or when no thread can be created, work runs on the
 * caller's thread instead, so the run always completes. */
void parallel_run(size_t jobs, void *(*work)(void *), void *arg);

#endif
