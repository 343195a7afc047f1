/*
 * stats.c - means, standard deviations and 95% Student-t intervals over
 * replications, and paired differences against the baseline scenario.
 *
 * NaN marks "no observation" (a metric with nothing to average in a
 * replication) and is skipped, so n counts the observations actually used.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "experiment.h"

/* Enough for the usual replication counts without touching the heap. */
#define STATS_STACK 512

static void summary_nan(struct summary *s, unsigned n)
{
	s->mean = s->sd = s->ci_low = s->ci_high = NAN;
	s->n = n;
}

/* v[0..n) holds no NaN. */
static void summarise_clean(const double *v, size_t n, struct summary *s)
{
	summary_nan(s, (unsigned)n);
	if (n == 0)
		return;
	s->mean = gsl_stats_mean(v, 1, n);
	if (n < 2)
		return;
	s->sd = gsl_stats_sd_m(v, 1, n, s->mean);
	/* Identical observations give sd 0 and an interval of exactly [mean, mean]. */
	double half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * s->sd / sqrt((double)n);
	s->ci_low = s->mean - half;
	s->ci_high = s->mean + half;
}

/* Summarises a[i] (b NULL) or a[i] - b[i], skipping pairs with a NaN. The
 * scratch buffer is on the stack for small n; when the heap is out of memory
 * the summary is NaN with n = 0. */
static void summarise_skipping_nan(const double *a, const double *b, size_t n, struct summary *s)
{
	double stack[STATS_STACK];
	double *v = n <= STATS_STACK ? stack : malloc(n * sizeof *v);
	if (!v) {
		summary_nan(s, 0);
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		double d = b ? a[i] - b[i] : a[i];
		if (!isnan(a[i]) && !(b && isnan(b[i])) && !isnan(d))
			v[k++] = d;
	}
	if (k > 0)
		summarise_clean(v, k, s);
	else
		summary_nan(s, 0);
	if (v != stack)
		free(v);
}

void stats_summarise(const double *x, size_t n, struct summary *s)
{
	size_t i = 0;
	while (i < n && !isnan(x[i]))
		i++;
	if (i == n) /* the common case: no NaN, no copy */
		summarise_clean(x, n, s);
	else
		summarise_skipping_nan(x, NULL, n, s);
}

void stats_paired(const double *a, const double *b, size_t n, struct summary *s)
{
	summarise_skipping_nan(a, b, n, s);
}

/* Metric m of scenario s over its replications, into v[0..replications). */
static double *experiment_column(const struct experiment *x, size_t s, int m, double *stack)
{
	double *v = x->replications <= STATS_STACK ? stack : malloc(x->replications * sizeof *v);
	if (!v)
		return NULL;
	for (unsigned r = 0; r < x->replications; r++)
		v[r] = x->results[s * x->replications + r].metrics[m];
	return v;
}

void experiment_summary(const struct experiment *x, size_t s, int m, struct summary *out)
{
	if (m == M_PAYBACK) { /* not a replication's metric */
		experiment_payback(x, s, out);
		return;
	}
	double stack[STATS_STACK];
	double *v = experiment_column(x, s, m, stack);
	if (!v) {
		summary_nan(out, 0);
		return;
	}
	stats_summarise(v, x->replications, out);
	if (v != stack)
		free(v);
}

void experiment_diff(const struct experiment *x, size_t s, int m, struct summary *out)
{
	if (m == M_PAYBACK) { /* already a comparison with the baseline */
		experiment_payback(x, s, out);
		return;
	}
	double stack_a[STATS_STACK], stack_b[STATS_STACK];
	double *a = experiment_column(x, s, m, stack_a);
	double *b = experiment_column(x, 0, m, stack_b);
	if (a && b)
		stats_paired(a, b, x->replications, out);
	else
		summary_nan(out, 0);
	if (a && a != stack_a)
		free(a);
	if (b && b != stack_b)
		free(b);
}

int stats_larger_first(double u, size_t iu, double v, size_t iv)
{
	int nu = isnan(u), nv = isnan(v);
	if (nu != nv)
		return nu - nv;
	if (!nu && u != v)
		return u > v ? -1 : 1;
	return iu < iv ? -1 : iu > iv;
}
