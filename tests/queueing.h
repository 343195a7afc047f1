/*
 * queueing.h - textbook answers and confidence intervals for the tests that
 * compare simulations with queueing theory (engine, journey, validation
 * configs). Header-only, like testutil.h.
 *
 * M/M/c with arrival rate lambda, service rate mu per server, c servers,
 * offered load a = lambda / mu and utilisation rho = a / c < 1:
 *   Erlang B by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)),
 *   Erlang C (chance to wait) C = B / (1 - rho (1 - B)),
 *   Wq = C / (c mu - lambda), Lq = lambda Wq, W = Wq + 1 / mu, L = lambda W.
 * A tandem of M/M/c stations fed by Poisson arrivals is a product form (Burke):
 * each station behaves as an isolated M/M/c with the same lambda.
 */
#ifndef JOURNEYSIM_QUEUEING_H
#define JOURNEYSIM_QUEUEING_H

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

struct mmc {
	double lambda; /* arrivals per unit time */
	double mu;     /* services per unit time per server */
	unsigned c;    /* servers, >= 1 */
};

static inline double mmc_rho(struct mmc q)
{
	return q.lambda / (q.mu * (double)q.c);
}

/* Erlang C: the chance that an arrival waits. */
static inline double mmc_erlang_c(struct mmc q)
{
	double a = q.lambda / q.mu, b = 1.0, rho = mmc_rho(q);
	for (unsigned k = 1; k <= q.c; k++)
		b = a * b / ((double)k + a * b);
	return b / (1.0 - rho * (1.0 - b));
}

static inline double mmc_wq(struct mmc q) /* mean wait in line */
{
	return mmc_erlang_c(q) / ((double)q.c * q.mu - q.lambda);
}

static inline double mmc_lq(struct mmc q) /* mean number in line */
{
	return q.lambda * mmc_wq(q);
}

static inline double mmc_w(struct mmc q) /* mean sojourn */
{
	return mmc_wq(q) + 1.0 / q.mu;
}

static inline double mmc_l(struct mmc q) /* mean number in the system */
{
	return q.lambda * mmc_w(q);
}

/* A two-sided confidence interval for the mean of n >= 2 independent values
 * (Student t with n - 1 degrees of freedom). */
struct ci {
	double mean, half, low, high;
};

static inline struct ci ci_student(const double *x, size_t n, double level)
{
	struct ci r;
	r.mean = gsl_stats_mean(x, 1, n);
	double sd = gsl_stats_sd_m(x, 1, n, r.mean);
	r.half = gsl_cdf_tdist_Pinv(0.5 + level / 2.0, (double)(n - 1)) * sd / sqrt((double)n);
	r.low = r.mean - r.half;
	r.high = r.mean + r.half;
	return r;
}

static inline int ci_contains(struct ci r, double x)
{
	return r.low <= x && x <= r.high;
}

#endif
