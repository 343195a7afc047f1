/*
 * capacity.c - pools that cannot keep up, found in the simulated results
 * (experiment.h says the rule): the utilisation metric and the queue series
 * the journey records. The estimate before a run is journey_pool_load's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"

const char *const capacity_kind_names[2] = {"saturated", "growing"};

/* Least-squares slope of y on x over [a, b). */
static double slope(const double *x, const double *y, size_t a, size_t b)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0;
	size_t n = b - a;
	for (size_t i = a; i < b; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = a; i < b; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	return sxx > 0 ? sxy / sxx : NAN;
}

/* Fills w from scenario s, pool p; 1 when the pool cannot keep up. */
static int pool_check(const struct experiment *x, size_t s, int p, double *buf, struct capacity_warning *w)
{
	const struct scenario *sc = &x->file->scenarios[s];
	if (company_pool(&sc->company, (enum pool_id)p)->servers == 0 || x->replications == 0)
		return 0;
	char name[64];
	snprintf(name, sizeof name, "%s.utilization", pool_names[p]);
	int um = metric_find(name);
	snprintf(name, sizeof name, "%s.queue", pool_names[p]);
	int series = -1;
	for (int k = 0; k < SERIES_COUNT; k++)
		if (strcmp(series_table[k].name, name) == 0)
			series = k;
	if (um < 0 || series < 0)
		return 0;
	unsigned reps = x->replications;
	const struct rep_result *first = &x->results[s * reps];
	size_t n = first->n_samples;
	double *day = buf, *mean = buf + n, *slopes = buf + 2 * n;
	double util = 0;
	unsigned nu = 0;
	for (unsigned r = 0; r < reps; r++) {
		double u = x->results[s * reps + r].metrics[um];
		if (!isnan(u)) {
			util += u;
			nu++;
		}
	}
	util = nu ? util / nu : NAN;
	const struct run_settings *run = &x->file->run;
	size_t third = 0;
	for (size_t i = 0; i < n; i++) {
		day[i] = fmin((double)(i + 1) * first->sample_every, run->horizon);
		mean[i] = 0;
		for (unsigned r = 0; r < reps; r++)
			mean[i] += x->results[s * reps + r].series[(size_t)series * n + i] / reps;
		if (day[i] < run->warmup + 2 * (run->horizon - run->warmup) / 3)
			third = i + 1;
	}
	int growing = 0;
	if (n >= third + 3) {
		for (unsigned r = 0; r < reps; r++)
			slopes[r] = slope(day, x->results[s * reps + r].series + (size_t)series * n, third, n);
		struct summary sl;
		stats_summarise(slopes, reps, &sl);
		double qmean = 0;
		for (size_t i = third; i < n; i++)
			qmean += mean[i] / (double)(n - third);
		/* a rise of a job or two is a season's peak, not a pool that cannot
		 * keep up: it must also be half a job per server or more */
		double rise = sl.mean * (day[n - 1] - day[third]);
		double servers = company_pool(&sc->company, (enum pool_id)p)->servers;
		growing = sl.ci_low > 0 && rise > fmax(1, 0.5 * servers) && rise > 0.2 * qmean;
	}
	int saturated = util >= CAPACITY_SATURATED;
	if (!saturated && !growing)
		return 0;
	/* where the queue started to build up: from there on it stays above a
	 * tenth of its final level */
	double from = day[0], floor_ = 0.1 * mean[n - 1];
	for (size_t i = n; i-- > 0;)
		if (mean[i] <= floor_) {
			from = day[i];
			break;
		}
	*w = (struct capacity_warning){s, (enum pool_id)p,
				       saturated ? CAPACITY_KIND_SATURATED : CAPACITY_KIND_GROWING, from, util, ""};
	if (saturated)
		snprintf(w->text, sizeof w->text, "%s saturated from about day %.0f: results depend on the horizon",
			 pool_labels[p], from);
	else
		snprintf(w->text, sizeof w->text,
			 "%s queue still growing at the end (from about day %.0f): results depend on the horizon",
			 pool_labels[p], from);
	return 1;
}

size_t experiment_capacity_check(const struct experiment *x, struct capacity_warning *out, size_t max)
{
	size_t found = 0;
	for (size_t s = 0; s < x->n_scenarios; s++) {
		const struct rep_result *first = &x->results[s * x->replications];
		size_t n = first->n_samples;
		double *buf = malloc((2 * n + x->replications + 1) * sizeof *buf);
		if (!buf)
			return found;
		for (int p = 0; p < POOL_COUNT; p++) {
			struct capacity_warning w;
			if (pool_check(x, s, p, buf, &w) && found < max)
				out[found++] = w;
		}
		free(buf);
	}
	return found;
}
