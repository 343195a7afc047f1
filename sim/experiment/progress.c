/* progress.c - the progress bar drawn on a terminal while replications run. */
#include <time.h>

#include "progress.h"

#define BAR_WIDTH 30
#define REDRAW_EVERY 0.1 /* seconds */

double progress_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void format_duration(char *buf, size_t len, double seconds)
{
	if (!(seconds >= 0) || seconds > 360000) {
		snprintf(buf, len, "--:--");
		return;
	}
	unsigned long s = (unsigned long)(seconds + 0.5);
	if (s >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lu:%02lu", s / 60, s % 60);
}

void progress_start(struct progress *p, FILE *fp, const char *label, const char *unit, size_t total)
{
	p->fp = fp;
	p->label = label;
	p->unit = unit;
	p->total = total;
	p->start = progress_clock();
	p->last_draw = -1;
	p->drawn = 0;
	progress_update(p, 0);
}

void progress_update(struct progress *p, size_t done)
{
	if (!p->fp)
		return;
	double now = progress_clock();
	if (done < p->total && p->drawn && now - p->last_draw < REDRAW_EVERY)
		return;
	p->last_draw = now;
	p->drawn = 1;

	double share = p->total ? (double)done / (double)p->total : 1.0;
	int filled = (int)(share * BAR_WIDTH);
	char bar[BAR_WIDTH + 1];
	for (int i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[BAR_WIDTH] = 0;

	double elapsed = now - p->start;
	char eta[32], spent[32];
	format_duration(spent, sizeof spent, elapsed);
	if (done > 0)
		format_duration(eta, sizeof eta, elapsed / (double)done * (double)(p->total - done));
	else
		format_duration(eta, sizeof eta, -1);
	fprintf(p->fp, "\r%s [%s] %3d%%  %zu/%zu %s  %s elapsed  ETA %s\033[K", p->label, bar,
		(int)(share * 100), done, p->total, p->unit, spent, eta);
	fflush(p->fp);
}

void progress_finish(struct progress *p)
{
	if (p->fp && p->drawn) {
		fputs("\r\033[K", p->fp);
		fflush(p->fp);
	}
	p->drawn = 0;
}
