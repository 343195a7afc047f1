/*
 * sensitivity.c - sensitivity.csv of an lhs or sobol sweep: per scenario and
 * metric, the linear regression of the point means on the parameters
 * (gsl_multifit_linear): standardised coefficients with 95% intervals and the
 * fit's r2; and a first-order Sobol index per parameter estimated from the
 * same sample (sweep_first_order).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>

#include "analysis.h"

int sweep_src(const double *X, const double *y, size_t n, size_t k, double *src, double *ci_low,
	      double *ci_high, double *r2)
{
	for (size_t j = 0; j < k; j++)
		src[j] = ci_low[j] = ci_high[j] = NAN;
	*r2 = NAN;
	if (n <= k + 1)
		return 0;
	double sd_y = gsl_stats_sd(y, 1, n);
	if (!(sd_y > 0))
		return 0;
	gsl_matrix *A = gsl_matrix_alloc(n, k + 1);
	gsl_matrix *cov = gsl_matrix_alloc(k + 1, k + 1);
	gsl_vector *c = gsl_vector_alloc(k + 1);
	gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, k + 1);
	int rc = -1;
	if (!A || !cov || !c || !w)
		goto out;
	for (size_t i = 0; i < n; i++) {
		gsl_matrix_set(A, i, 0, 1.0);
		for (size_t j = 0; j < k; j++)
			gsl_matrix_set(A, i, j + 1, X[i * k + j]);
	}
	gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
	double chisq;
	if (gsl_multifit_linear(A, &yv.vector, c, cov, &chisq, w) != 0)
		goto out;
	double tss = gsl_stats_tss(y, 1, n);
	*r2 = tss > 0 ? 1 - chisq / tss : NAN;
	double t = gsl_cdf_tdist_Pinv(0.975, (double)(n - k - 1));
	for (size_t j = 0; j < k; j++) {
		double sd_x = gsl_stats_sd(X + j, k, n);
		double scale = sd_x / sd_y, b = gsl_vector_get(c, j + 1);
		double se = sqrt(gsl_matrix_get(cov, j + 1, j + 1));
		src[j] = b * scale;
		ci_low[j] = (b - t * se) * scale;
		ci_high[j] = (b + t * se) * scale;
	}
	rc = 0;
out:
	gsl_multifit_linear_free(w);
	gsl_vector_free(c);
	gsl_matrix_free(cov);
	gsl_matrix_free(A);
	return rc;
}

struct pair {
	double x, y;
};

static int pair_cmp(const void *a, const void *b)
{
	double u = ((const struct pair *)a)->x, v = ((const struct pair *)b)->x;
	return u < v ? -1 : u > v ? 1 : 0;
}

double sweep_first_order(const double *x, const double *y, size_t n)
{
	if (n < 16)
		return NAN;
	double var = gsl_stats_variance(y, 1, n);
	if (!(var > 0))
		return NAN;
	struct pair *pr = malloc(n * sizeof *pr);
	if (!pr)
		return NAN;
	for (size_t i = 0; i < n; i++)
		pr[i] = (struct pair){x[i], y[i]};
	qsort(pr, n, sizeof *pr, pair_cmp);
	size_t bins = (size_t)floor(sqrt((double)n));
	double mean = gsl_stats_mean(y, 1, n), between = 0;
	for (size_t b = 0; b < bins; b++) {
		size_t from = b * n / bins, to = (b + 1) * n / bins;
		double s = 0;
		for (size_t i = from; i < to; i++)
			s += pr[i].y;
		double m = s / (double)(to - from);
		between += (double)(to - from) * (m - mean) * (m - mean);
	}
	free(pr);
	double s1 = between / ((double)(n - 1) * var);
	double bias = (double)(bins - 1) / (double)(n - 1); /* what noise alone gives */
	s1 = (s1 - bias) / (1 - bias);
	return s1 < 0 ? 0 : s1 > 1 ? 1 : s1;
}

int sweep_sensitivity_write(const struct analysis *a, FILE *fp, struct sweep_report *rep)
{
	(void)rep; /* the report says nothing about sensitivity */
	const struct sweep_plan *p = a->p;
	if (p->design != SWEEP_LHS && p->design != SWEEP_SOBOL)
		return 0;
	size_t n = p->n_points, k = p->n_params;
	double *X = malloc((n * k + 2 * n) * sizeof *X); /* X, then y and xj */
	if (!X)
		return -1;
	double *y = X + n * k, *xj = y + n;
	double src[SWEEP_PARAM_MAX], lo[SWEEP_PARAM_MAX], hi[SWEEP_PARAM_MAX], r2;
	for (size_t c = 0; c < a->cells; c++) {
		size_t s = c / p->n_metrics, m = c % p->n_metrics, rows = 0;
		for (size_t i = 0; i < n; i++) { /* points with a value */
			double v = a->means[i * a->cells + c];
			if (isnan(v))
				continue;
			memcpy(&X[rows * k], &p->points[i * k], k * sizeof *X);
			y[rows++] = v;
		}
		sweep_src(X, y, rows, k, src, lo, hi, &r2);
		for (size_t j = 0; j < k; j++) {
			for (size_t i = 0; i < rows; i++)
				xj[i] = X[i * k + j];
			const char *text[] = {p->scenarios[s], metric_table[p->metrics[m]].name, p->params[j].path};
			double v[] = {src[j], lo[j], hi[j], r2, sweep_first_order(xj, y, rows)};
			analysis_row_put(fp, text, 3, v, sizeof v / sizeof v[0]);
			fputc('\n', fp);
		}
	}
	free(X);
	return 0;
}
