/*
 * evppi.c - the single-loop regression estimator of EVPPI (decision.h), after
 * Strong, Oakley & Brennan (2014): the incremental net benefit of every
 * alternative is regressed on the parameters of interest, and the fitted
 * values stand for E[INB | theta]. With the same worlds as the decision
 * table, no inner loop of simulations is needed.
 *
 * The regression, per alternative, is the candidate model with the smallest
 * generalised cross-validation score, GCV = n RSS / (n - rank)^2:
 *   - per parameter: linear, or a cubic B-spline (gsl_bspline, breakpoints at
 *     quantiles) with 3, 4, 5, 6, 8 or 10 columns; a parameter with at most
 *     FEW_VALUES distinct values gets one indicator per value instead (the
 *     exact conditional means);
 *   - several parameters: the additive model of those, the same number of
 *     columns for each, and the full quadratic (with interactions);
 *   - never more than n / WORLDS_PER_COLUMN columns, so that the fit does not
 *     follow the noise (which would bias EVPPI upwards).
 * Least squares by an SVD of the design (gsl_linalg_SV_decomp): the fitted
 * values are U U'y for the columns of U with non-negligible singular values,
 * one decomposition serving every alternative, and U also gives the standard
 * error: fitted values drawn as g + sigma U z (z standard normal) have the
 * covariance sigma^2 H of the regression's approximate posterior.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_bspline.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>

#include "decision.h"
#include "rng.h"

#define FEW_VALUES 8         /* at most this many distinct values: means per value */
#define WORLDS_PER_COLUMN 3  /* at least this many worlds per regression column */
#define SE_DRAWS 200         /* fitted values drawn for the standard error */
#define RANK_TOL 1e-9        /* singular values below this x the largest are dropped */

static const size_t spline_df[] = {1, 3, 4, 5, 6, 8, 10};
#define N_DF (sizeof spline_df / sizeof *spline_df)
#define MODELS_MAX (N_DF + 1)

/* One parameter as the regressions see it. */
struct member {
	double *v;       /* [n] its values */
	double *sorted;  /* [n] the same, sorted (quantile breakpoints) */
	double lo, hi;
	size_t n_distinct; /* counted up to FEW_VALUES + 1 */
	double distinct[FEW_VALUES];
};

/* One candidate model after its SVD. */
struct model {
	size_t p, rank;
	gsl_matrix *U; /* n x p: the first rank columns span the fit */
};

static int cmp_double(const void *a, const void *b)
{
	double u = *(const double *)a, v = *(const double *)b;
	return (u > v) - (u < v);
}

static int member_init(struct member *mb, const double *x, size_t n, size_t n_cols, size_t col)
{
	mb->v = malloc(n * sizeof *mb->v);
	mb->sorted = malloc(n * sizeof *mb->sorted);
	if (!mb->v || !mb->sorted)
		return -1;
	for (size_t w = 0; w < n; w++)
		mb->v[w] = mb->sorted[w] = x[w * n_cols + col];
	qsort(mb->sorted, n, sizeof *mb->sorted, cmp_double);
	mb->lo = mb->sorted[0];
	mb->hi = mb->sorted[n - 1];
	mb->n_distinct = 0;
	for (size_t w = 0; w < n && mb->n_distinct <= FEW_VALUES; w++)
		if (w == 0 || mb->sorted[w] != mb->sorted[w - 1]) {
			if (mb->n_distinct < FEW_VALUES)
				mb->distinct[mb->n_distinct] = mb->sorted[w];
			mb->n_distinct++;
		}
	return 0;
}

static void member_fini(struct member *mb)
{
	free(mb->v);
	free(mb->sorted);
}

static int member_discrete(const struct member *mb)
{
	return mb->n_distinct <= FEW_VALUES;
}

/* Columns of member mb with q spline columns. */
static size_t member_columns(const struct member *mb, size_t q)
{
	if (mb->n_distinct <= 1)
		return 0;
	return member_discrete(mb) ? mb->n_distinct - 1 : q;
}

/* Writes member mb's q columns (from column c) into every row of X. */
static int member_fill(const struct member *mb, size_t q, gsl_matrix *X, size_t c, size_t n)
{
	if (mb->n_distinct <= 1)
		return 0;
	if (member_discrete(mb)) {
		for (size_t w = 0; w < n; w++)
			for (size_t k = 1; k < mb->n_distinct; k++)
				gsl_matrix_set(X, w, c + k - 1, mb->v[w] == mb->distinct[k]);
		return 0;
	}
	if (q == 1) {
		for (size_t w = 0; w < n; w++)
			gsl_matrix_set(X, w, c, (mb->v[w] - mb->lo) / (mb->hi - mb->lo));
		return 0;
	}
	/* a cubic B-spline has nbreak + 2 coefficients; they sum to 1, so the
	 * first is dropped (the intercept is already a column) */
	size_t nbreak = q - 1;
	gsl_bspline_workspace *bw = gsl_bspline_alloc(4, nbreak);
	gsl_vector *brk = gsl_vector_alloc(nbreak), *B = gsl_vector_alloc(q + 1);
	int rc = -1;
	if (!bw || !brk || !B)
		goto out;
	int increasing = 1;
	for (size_t i = 0; i < nbreak; i++) {
		double b = gsl_stats_quantile_from_sorted_data(mb->sorted, 1, n, (double)i / (double)(nbreak - 1));
		if (i > 0 && !(b > gsl_vector_get(brk, i - 1)))
			increasing = 0;
		gsl_vector_set(brk, i, b);
	}
	if (!increasing) /* ties at a quantile: even breakpoints */
		for (size_t i = 0; i < nbreak; i++)
			gsl_vector_set(brk, i, mb->lo + (mb->hi - mb->lo) * (double)i / (double)(nbreak - 1));
	gsl_vector_set(brk, 0, mb->lo);
	gsl_vector_set(brk, nbreak - 1, mb->hi);
	if (gsl_bspline_knots(brk, bw) != 0)
		goto out;
	for (size_t w = 0; w < n; w++) {
		if (gsl_bspline_eval(mb->v[w], B, bw) != 0)
			goto out;
		for (size_t k = 1; k <= q; k++)
			gsl_matrix_set(X, w, c + k - 1, gsl_vector_get(B, k));
	}
	rc = 0;
out:
	gsl_vector_free(B);
	gsl_vector_free(brk);
	if (bw)
		gsl_bspline_free(bw);
	return rc;
}

/* SVD of X (n x p, n >= p): X becomes U. */
static int model_decompose(struct model *md, gsl_matrix *X)
{
	size_t p = X->size2;
	gsl_matrix *V = gsl_matrix_alloc(p, p);
	gsl_vector *S = gsl_vector_alloc(p), *work = gsl_vector_alloc(p);
	int rc = -1;
	if (V && S && work && gsl_linalg_SV_decomp(X, V, S, work) == 0) {
		double top = gsl_vector_get(S, 0);
		md->rank = 0;
		while (md->rank < p && gsl_vector_get(S, md->rank) > RANK_TOL * top)
			md->rank++;
		md->U = X;
		md->p = p;
		rc = 0;
	}
	gsl_matrix_free(V);
	gsl_vector_free(S);
	gsl_vector_free(work);
	return rc;
}

/* The additive model with q spline columns per parameter (quadratic: the
 * full quadratic instead). 1: more columns than allowed (nothing built). */
static int model_build(struct model *md, const struct member *mbs, size_t m, size_t q, int quadratic, size_t n,
		       size_t cap)
{
	size_t p = 1;
	if (quadratic)
		p += m + m * (m + 1) / 2;
	else
		for (size_t j = 0; j < m; j++)
			p += member_columns(&mbs[j], q);
	if (p > cap)
		return 1;
	gsl_matrix *X = gsl_matrix_alloc(n, p);
	if (!X)
		return -1;
	for (size_t w = 0; w < n; w++)
		gsl_matrix_set(X, w, 0, 1.0);
	size_t c = 1;
	if (quadratic) {
		/* scaled to [-1, 1] so that the squares keep the SVD well conditioned */
		for (size_t j = 0; j < m; j++)
			for (size_t k = j; k < m; k++)
				for (size_t w = 0; w < n; w++) {
					const struct member *a = &mbs[j], *b = &mbs[k];
					double ua = a->hi > a->lo ? (2 * a->v[w] - a->lo - a->hi) / (a->hi - a->lo) : 0;
					double ub = b->hi > b->lo ? (2 * b->v[w] - b->lo - b->hi) / (b->hi - b->lo) : 0;
					if (k == j)
						gsl_matrix_set(X, w, 1 + j, ua);
					gsl_matrix_set(X, w, 1 + m + (j * (2 * m - j + 1)) / 2 + (k - j), ua * ub);
				}
	} else {
		for (size_t j = 0; j < m; j++) {
			if (member_fill(&mbs[j], q, X, c, n) != 0) {
				gsl_matrix_free(X);
				return -1;
			}
			c += member_columns(&mbs[j], q);
		}
	}
	if (model_decompose(md, X) != 0) {
		gsl_matrix_free(X);
		return -1;
	}
	return 0;
}

/* g = U U'y over the first rank columns; returns the residual sum of squares. */
static double model_fit(const struct model *md, const double *y, size_t stride, size_t n, double *g,
			size_t g_stride, double *coef)
{
	for (size_t i = 0; i < md->rank; i++) {
		double s = 0;
		for (size_t w = 0; w < n; w++)
			s += md->U->data[w * md->U->tda + i] * y[w * stride];
		coef[i] = s;
	}
	double rss = 0;
	for (size_t w = 0; w < n; w++) {
		double s = 0;
		for (size_t i = 0; i < md->rank; i++)
			s += md->U->data[w * md->U->tda + i] * coef[i];
		g[w * g_stride] = s;
		rss += (y[w * stride] - s) * (y[w * stride] - s);
	}
	return rss;
}

/* mean_w max(0, max_a g) - max(0, max_a mean_w g), >= 0. */
static double evppi_of(const double *g, size_t n, size_t n_alt)
{
	double mean_max = 0, max_mean = 0;
	for (size_t w = 0; w < n; w++) {
		double best = 0;
		for (size_t a = 0; a < n_alt; a++)
			if (g[w * n_alt + a] > best)
				best = g[w * n_alt + a];
		mean_max += best;
	}
	mean_max /= (double)n;
	for (size_t a = 0; a < n_alt; a++) {
		double s = 0;
		for (size_t w = 0; w < n; w++)
			s += g[w * n_alt + a];
		if (s / (double)n > max_mean)
			max_mean = s / (double)n;
	}
	return mean_max > max_mean ? mean_max - max_mean : 0;
}

/* The standard error: EVPPI of fitted values drawn as g + sigma_a U_a z. */
static double evppi_se(const double *g, size_t n, size_t n_alt, const struct model *models, const size_t *chosen,
		       const double *sigma, uint64_t key, double *draw, double *z, double *values)
{
	for (size_t a = 0; a < n_alt; a++)
		if (!isfinite(sigma[a]))
			return NAN;
	gsl_rng *rng = rng_keyed_alloc(key);
	if (!rng)
		return NAN;
	for (size_t b = 0; b < SE_DRAWS; b++) {
		for (size_t a = 0; a < n_alt; a++) {
			const struct model *md = &models[chosen[a]];
			for (size_t i = 0; i < md->rank; i++)
				z[i] = gsl_ran_gaussian(rng, 1.0);
			for (size_t w = 0; w < n; w++) {
				double s = 0;
				for (size_t i = 0; i < md->rank; i++)
					s += md->U->data[w * md->U->tda + i] * z[i];
				draw[w * n_alt + a] = g[w * n_alt + a] + sigma[a] * s;
			}
		}
		values[b] = evppi_of(draw, n, n_alt);
	}
	gsl_rng_free(rng);
	return gsl_stats_sd(values, 1, SE_DRAWS);
}

int evppi_regression(const double *inb, size_t n_worlds, size_t n_alt, const double *x, size_t n_cols,
		     const size_t *cols, size_t m, uint64_t key, double *fitted, struct evppi_estimate *e,
		     struct js_error *err)
{
	size_t n = n_worlds;
	e->evppi = 0;
	e->se = n_alt ? NAN : 0;
	e->columns = 1;
	if (n == 0 || n_alt == 0)
		return 0;
	int rc = -1;
	struct member *mbs = calloc(m ? m : 1, sizeof *mbs);
	struct model models[MODELS_MAX];
	size_t n_models = 0;
	size_t *chosen = calloc(n_alt, sizeof *chosen);
	double *sigma = calloc(n_alt, sizeof *sigma), *best_gcv = calloc(n_alt, sizeof *best_gcv);
	double *g = calloc(n * n_alt, sizeof *g), *g_try = calloc(n, sizeof *g_try);
	double *coef = calloc(n, sizeof *coef), *draw = calloc(n * n_alt, sizeof *draw);
	double *values = calloc(SE_DRAWS, sizeof *values);
	memset(models, 0, sizeof models);
	if (!mbs || !chosen || !sigma || !best_gcv || !g || !g_try || !coef || !draw || !values)
		goto out;
	for (size_t j = 0; j < m; j++)
		if (member_init(&mbs[j], x, n, n_cols, cols[j]) != 0)
			goto out;

	/* the candidates: additive models by rising columns, then the quadratic */
	size_t cap = n / WORLDS_PER_COLUMN;
	int any_spline = 0;
	for (size_t j = 0; j < m; j++)
		any_spline |= mbs[j].n_distinct > 1 && !member_discrete(&mbs[j]);
	for (size_t k = 0; k < N_DF; k++) {
		if (k > 0 && !any_spline)
			break; /* every column discrete: one model */
		/* the smallest model is always fitted when the worlds allow it at all */
		size_t lim = k == 0 ? (n > 2 ? n - 2 : 1) : cap;
		int b = model_build(&models[n_models], mbs, m, spline_df[k], 0, n, lim < 1 ? 1 : lim);
		if (b < 0)
			goto out;
		if (b > 0)
			break;
		n_models++;
	}
	if (m >= 2) {
		int b = model_build(&models[n_models], mbs, m, 0, 1, n, cap);
		if (b < 0)
			goto out;
		if (b == 0)
			n_models++;
	}
	if (n_models == 0) { /* more parameters than worlds allow: the mean alone */
		gsl_matrix *X = gsl_matrix_alloc(n, 1);
		if (!X)
			goto out;
		gsl_matrix_set_all(X, 1.0);
		if (model_decompose(&models[0], X) != 0) {
			gsl_matrix_free(X);
			goto out;
		}
		n_models = 1;
	}

	for (size_t a = 0; a < n_alt; a++) {
		best_gcv[a] = INFINITY;
		for (size_t k = 0; k < n_models; k++) {
			const struct model *md = &models[k];
			double rss = model_fit(md, inb + a, n_alt, n, g_try, 1, coef);
			double gcv = n > md->rank ? (double)n * rss / ((double)(n - md->rank) * (double)(n - md->rank))
						  : INFINITY;
			if (k == 0 || gcv < best_gcv[a]) {
				best_gcv[a] = gcv;
				chosen[a] = k;
				sigma[a] = n > md->rank ? sqrt(rss / (double)(n - md->rank)) : NAN;
				for (size_t w = 0; w < n; w++)
					g[w * n_alt + a] = g_try[w];
			}
		}
		if (models[chosen[a]].p > e->columns)
			e->columns = models[chosen[a]].p;
	}
	e->evppi = evppi_of(g, n, n_alt);
	e->se = evppi_se(g, n, n_alt, models, chosen, sigma, key, draw, coef, values);
	if (fitted)
		memcpy(fitted, g, n * n_alt * sizeof *g);
	rc = 0;
out:
	if (rc != 0)
		js_error_set(err, EX_OSERR, "out of memory (or a failed decomposition) in the EVPPI regression");
	for (size_t k = 0; k < n_models; k++)
		gsl_matrix_free(models[k].U);
	if (mbs)
		for (size_t j = 0; j < m; j++)
			member_fini(&mbs[j]);
	free(mbs);
	free(chosen);
	free(sigma);
	free(best_gcv);
	free(g);
	free(g_try);
	free(coef);
	free(draw);
	free(values);
	return rc;
}
