/*
 * payback.c - when a scenario pays for itself against the baseline: the day
 * after which the cumulative paired margin difference (cumulative.csv) is
 * positive for good, for its mean and for the bounds of its 95% band.
 *
 * "For good", not "first": a difference that turns positive, dips below 0
 * again (a one-off booked later, a bad season) and recovers pays back at the
 * last crossing. The interval reads the band: its upper bound turns positive
 * first (ci_low), its lower bound last (ci_high, NaN when never within the
 * horizon).
 */
#include <math.h>
#include <stdlib.h>

#include "experiment.h"

double payback_day(const double *day, const double *y, size_t n)
{
	if (n == 0)
		return NAN;
	size_t last = n; /* the last point that is not positive */
	for (size_t i = n; i-- > 0;)
		if (!(y[i] > 0)) {
			last = i;
			break;
		}
	if (last == n)
		return day[0];
	if (last == n - 1)
		return NAN;
	if (isnan(y[last]))
		return day[last + 1];
	/* y[last] <= 0 < y[last + 1]: where the straight line between them is 0 */
	double d = day[last] + (0 - y[last]) * (day[last + 1] - day[last]) / (y[last + 1] - y[last]);
	return fmin(fmax(d, day[last]), day[last + 1]);
}

void experiment_cumulative_diff(const struct experiment *x, size_t s, size_t i, struct summary *out)
{
	unsigned reps = x->replications;
	double *a = malloc(2 * (size_t)reps * sizeof *a);
	if (!a) {
		out->mean = out->sd = out->ci_low = out->ci_high = NAN;
		out->n = 0;
		return;
	}
	double *b = a + reps;
	for (unsigned r = 0; r < reps; r++) {
		const struct rep_result *ra = &x->results[s * reps + r], *rb = &x->results[r];
		a[r] = i < ra->n_cumulative && ra->cumulative ? ra->cumulative[i] : NAN;
		b[r] = i < rb->n_cumulative && rb->cumulative ? rb->cumulative[i] : NAN;
	}
	stats_paired(a, b, reps, out);
	free(a);
}

void experiment_payback(const struct experiment *x, size_t s, struct summary *out)
{
	out->mean = out->sd = out->ci_low = out->ci_high = NAN;
	out->n = 0;
	if (s == 0 || s >= x->n_scenarios || x->replications == 0)
		return;
	const struct rep_result *first = &x->results[s * x->replications];
	size_t n = first->n_cumulative;
	if (n == 0 || !first->cumulative || !x->results[0].cumulative || x->results[0].n_cumulative != n)
		return;
	double *v = malloc(4 * n * sizeof *v);
	if (!v)
		return;
	double *day = v, *mean = v + n, *low = v + 2 * n, *high = v + 3 * n;
	unsigned pairs = 0;
	for (size_t i = 0; i < n; i++) {
		struct summary d;
		experiment_cumulative_diff(x, s, i, &d);
		day[i] = i + 1 < n ? (double)i * first->sample_every : first->window_days;
		mean[i] = d.mean;
		low[i] = d.ci_low;
		high[i] = d.ci_high;
		if (d.n > pairs)
			pairs = d.n;
	}
	out->mean = payback_day(day, mean, n);
	out->ci_low = payback_day(day, high, n);
	out->ci_high = payback_day(day, low, n);
	out->n = isnan(out->mean) ? 0 : pairs; /* as a summary's n: no value, no observations */
	free(v);
}
