/*
 * progress.h - a one-line progress bar with ETA on a terminal (internal to
 * the experiment module; sweeps can use it for points).
 *
 * The caller serialises calls (the experiment runner holds its task lock).
 * Wall time is read only to draw the bar and its ETA; no result depends on it.
 */
#ifndef JOURNEYSIM_EXPERIMENT_PROGRESS_H
#define JOURNEYSIM_EXPERIMENT_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

struct progress {
	FILE *fp;          /* the terminal, usually stderr */
	const char *label; /* "running", "sweeping" */
	const char *unit;  /* "runs", "points" */
	size_t total;
	double start;      /* monotonic seconds */
	double last_draw;
	int drawn;
};

void progress_start(struct progress *p, FILE *fp, const char *label, const char *unit, size_t total);
void progress_update(struct progress *p, size_t done);
/* Erases the bar. */
void progress_finish(struct progress *p);

/* Seconds on the monotonic clock. */
double progress_clock(void);

#endif
