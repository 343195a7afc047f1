/*
 * progress.h - the one progress line of `run` (replications) and `sweep`
 * (points): how many are done, the time spent and an ETA, on stderr.
 *
 * On a terminal the line is redrawn in place and erased at the end. Anywhere
 * else (a file, a pipe, a batch job's log) a long run gets a plain line every
 * PROGRESS_EVERY seconds, and a run shorter than that prints nothing. A
 * thread of its own draws the line, so it comes even while no task finishes.
 * Wall time is read only for the line; no result depends on it.
 */
#ifndef JOURNEYSIM_PROGRESS_H
#define JOURNEYSIM_PROGRESS_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define PROGRESS_EVERY 5.0   /* seconds between plain lines */
#define PROGRESS_REDRAW 0.1  /* seconds between redraws on a terminal */
/* Replaces PROGRESS_EVERY (seconds, > 0): for tests, which cannot wait. */
#define PROGRESS_EVERY_ENV "JOURNEYSIM_PROGRESS_SECONDS"

struct progress {
	FILE *fp;          /* NULL: no line */
	int redraw;        /* fp is a terminal */
	double every;      /* seconds between lines */
	const char *label; /* "run", "sweep" */
	const char *unit;  /* "runs", "points" */

	/* from progress_start on */
	pthread_mutex_t lock; /* guards the fields below */
	pthread_cond_t wake;
	pthread_t ticker;
	int started, ticking, stop, drawn;
	size_t first, done, total; /* first: done at the start (a resumed sweep) */
	double start, last;        /* monotonic seconds */
};

/* A line on fp (usually stderr) for a command: none when quiet. */
void progress_init(struct progress *p, FILE *fp, int quiet, const char *label, const char *unit);
/* The functions below do nothing when p is NULL or has no line. */

/* Starts the clock: done of total tasks are finished already. */
void progress_start(struct progress *p, size_t done, size_t total);
/* done tasks are finished. Any thread may call it. */
void progress_update(struct progress *p, size_t done);
/* Stops the line (erased on a terminal). */
void progress_finish(struct progress *p);

/* Seconds on the monotonic clock (also the wall time a run reports). */
double progress_clock(void);

#endif
