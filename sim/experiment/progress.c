/* progress.c - the progress line of `run` and `sweep`, redrawn on a
 * terminal, a plain line every few seconds elsewhere. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define BAR_WIDTH 30
#define ETA_MAX_SECONDS 8640000.0 /* 100 days: beyond that the ETA means nothing */

double progress_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* "1:05" or "2:03:04"; "--:--" when unknown. */
static void clock_text(char *buf, size_t len, double seconds)
{
	if (!(seconds >= 0) || seconds > ETA_MAX_SECONDS) {
		snprintf(buf, len, "--:--");
		return;
	}
	unsigned long s = (unsigned long)(seconds + 0.5);
	if (s >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lu:%02lu", s / 60, s % 60);
}

void progress_init(struct progress *p, FILE *fp, int quiet, const char *label, const char *unit)
{
	*p = (struct progress){.label = label, .unit = unit, .every = PROGRESS_EVERY};
	if (quiet || !fp)
		return;
	p->fp = fp;
	p->redraw = isatty(fileno(fp));
	const char *env = getenv(PROGRESS_EVERY_ENV);
	char *end;
	double every = env ? strtod(env, &end) : 0;
	if (env && *env && !*end && every > 0 && every < 1e6)
		p->every = every;
}

/* Draws the line. Under the lock. */
static void progress_draw(struct progress *p, double now)
{
	p->last = now;
	p->drawn = 1;
	double share = p->total ? (double)p->done / (double)p->total : 1.0;
	double elapsed = now - p->start;
	size_t ran = p->done - p->first;
	char spent[32], eta[32];
	clock_text(spent, sizeof spent, elapsed);
	clock_text(eta, sizeof eta, ran > 0 ? elapsed / (double)ran * (double)(p->total - p->done) : -1);
	if (p->redraw) {
		char bar[BAR_WIDTH + 1];
		for (int i = 0; i < BAR_WIDTH; i++)
			bar[i] = i < (int)(share * BAR_WIDTH) ? '#' : '.';
		bar[BAR_WIDTH] = 0;
		fprintf(p->fp, "\r%s [%s] %3d%%  %zu/%zu %s  %s elapsed  ETA %s\033[K", p->label, bar,
			(int)(share * 100), p->done, p->total, p->unit, spent, eta);
	} else {
		fprintf(p->fp, "%s: %zu/%zu %s (%d%%), %s elapsed, ETA %s\n", p->label, p->done, p->total, p->unit,
			(int)(share * 100), spent, eta);
	}
	fflush(p->fp);
}

/* The seconds between two draws. */
static double progress_period(const struct progress *p)
{
	return p->redraw ? PROGRESS_REDRAW : p->every;
}

/* Draws when the period since the last line is over. Under the lock. */
static void progress_tick(struct progress *p)
{
	double now = progress_clock();
	if (now - p->last >= progress_period(p))
		progress_draw(p, now);
}

static void *progress_ticker(void *arg)
{
	struct progress *p = arg;
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		double due = p->last + progress_period(p);
		if (due > progress_clock()) {
			struct timespec ts = {(time_t)due, (long)((due - (double)(time_t)due) * 1e9)};
			pthread_cond_timedwait(&p->wake, &p->lock, &ts);
		}
		if (!p->stop)
			progress_tick(p);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

void progress_start(struct progress *p, size_t done, size_t total)
{
	if (!p || !p->fp || p->started)
		return;
	if (pthread_mutex_init(&p->lock, NULL) != 0) {
		p->fp = NULL; /* no line rather than no run */
		return;
	}
	pthread_condattr_t attr;
	int cond_ok = pthread_condattr_init(&attr) == 0;
	if (cond_ok) {
		pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
		cond_ok = pthread_cond_init(&p->wake, &attr) == 0;
		pthread_condattr_destroy(&attr);
	}
	p->started = 1;
	p->first = p->done = done;
	p->total = total;
	p->start = p->last = progress_clock();
	/* A terminal shows the line at once; elsewhere the first comes after p->every. */
	if (p->redraw)
		progress_draw(p, p->start);
	p->ticking = cond_ok && pthread_create(&p->ticker, NULL, progress_ticker, p) == 0;
	if (cond_ok && !p->ticking)
		pthread_cond_destroy(&p->wake);
}

void progress_update(struct progress *p, size_t done)
{
	if (!p || !p->fp || !p->started)
		return;
	pthread_mutex_lock(&p->lock);
	p->done = done;
	if (!p->ticking) /* no thread of its own: draw as tasks finish */
		progress_tick(p);
	pthread_mutex_unlock(&p->lock);
}

void progress_finish(struct progress *p)
{
	if (!p || !p->fp || !p->started)
		return;
	if (p->ticking) {
		pthread_mutex_lock(&p->lock);
		p->stop = 1;
		pthread_cond_signal(&p->wake);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->ticker, NULL);
		pthread_cond_destroy(&p->wake);
	}
	if (p->redraw && p->drawn) {
		fputs("\r\033[K", p->fp);
		fflush(p->fp);
	}
	pthread_mutex_destroy(&p->lock);
	p->started = p->ticking = p->stop = p->drawn = 0;
}
