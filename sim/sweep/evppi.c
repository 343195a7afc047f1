/*
 * evppi.c - the single-loop regression estimator of EVPPI (decision.h), after
 * Strong, Oakley & Brennan (2014): the incremental net benefit (INB) of every
 * alternative is regressed on the parameters of interest theta_G, and the
 * fitted values stand for E[INB | theta_G]. With the same worlds as the
 * decision table, no inner loop of simulations is needed.
 *
 * The model: intercept + adjustment block + block of interest.
 *   - The adjustment block: every other parameter that is independent of
 *     theta_G (decision.c finds them from the priors' correlations), cubic
 *     (a B-spline of 3 columns) when the columns allow, else linear, then
 *     held at its mean. The other parameters' effects no longer pass for
 *     noise, and the chance correlations of a finite sample (Sobol points
 *     included) no longer lend theta_G the value of another parameter. Valid
 *     because theta_G is independent of them: E[INB | theta_G] is then the G
 *     part plus a constant.
 *   - The block of interest, per alternative the candidate with the smallest
 *     generalised cross-validation score GCV = n RSS / (n - 1.4 rank)^2 (the
 *     1.4 curbs overfitting, after Kim & Gu 2004): nothing (the mean alone);
 *     per parameter linear, or a cubic B-spline (gsl_bspline, breakpoints at
 *     quantiles) with 3, 4, 5, 6, 8 or 10 columns, or one indicator per value
 *     for a parameter with at most FEW_VALUES distinct values (the exact
 *     conditional means); for several parameters the additive model of those
 *     (the same columns each) and the full quadratic with interactions.
 *   - Never more than n / WORLDS_PER_COLUMN columns, so that the fit does not
 *     follow the noise (which biases EVPPI upwards); the adjustment is left
 *     out when even the smallest block would not fit beside it.
 * Least squares by Frisch-Waugh-Lovell: the adjustment (with the intercept)
 * is decomposed once (SVD, gsl_linalg_SV_decomp), y and each candidate block
 * are residualised on it, and the residualised block X~ = U S V' is
 * decomposed: its coefficients are those of the whole model, beta_G =
 * V S^-1 U'y~, and E[INB | theta_G] = mean(y) + (X_G - its means) beta_G =
 * mean(y) + B U'y~ with B = (X_G - means) V S^-1. One decomposition serves
 * every alternative, and B also gives the standard error: values drawn as
 * g + sigma B z (z standard normal) are those of coefficients drawn from the
 * regression's approximate posterior N(beta_G, sigma^2 (X~'X~)^-1).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
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
#define GCV_GAMMA 1.4        /* GCV's penalty per column: 1.4 curbs overfitting (Kim & Gu 2004; mgcv's gamma) */

static const size_t spline_df[] = {1, 3, 4, 5, 6, 8, 10};
static const size_t adjust_df[] = {3, 1}; /* the adjustment: cubic if the columns allow, else linear */
#define N_DF (sizeof spline_df / sizeof *spline_df)
#define MODELS_MAX (N_DF + 1)
#define NONE ((size_t)-1)

/* One parameter as the regressions see it. */
struct member {
	double *v;       /* [n] its values */
	double *sorted;  /* [n] the same, sorted (quantile breakpoints) */
	double lo, hi;
	size_t n_distinct; /* counted up to FEW_VALUES + 1 */
	double distinct[FEW_VALUES];
};

/* The adjustment block (with the intercept) after its SVD: Ua spans it. */
struct adjustment {
	size_t p, rank;
	gsl_matrix *Ua; /* n x p, the first rank columns orthonormal */
};

/* One candidate block of interest, residualised on the adjustment
 * (Frisch-Waugh-Lovell: its coefficients are those of the whole model). */
struct model {
	size_t p, rank; /* the block's columns and rank (the adjustment's come on top) */
	gsl_matrix *U;  /* n x p: orthonormal columns spanning the residualised block */
	gsl_matrix *B;  /* n x p: from U'y~ to E[y | the block's parameters] - mean(y) */
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

static void model_free(struct model *md)
{
	gsl_matrix_free(md->U);
	gsl_matrix_free(md->B);
	memset(md, 0, sizeof *md);
}

/* Columns of a block: additive with q spline columns per parameter, or the
 * full quadratic. */
static size_t block_columns(const struct member *mbs, size_t m, size_t q, int quadratic)
{
	if (quadratic)
		return m + m * (m + 1) / 2;
	size_t p = 0;
	for (size_t j = 0; j < m; j++)
		p += member_columns(&mbs[j], q);
	return p;
}

/* The block's columns (from column c of X): additive or the full quadratic. */
static int block_fill(const struct member *mbs, size_t m, size_t q, int quadratic, gsl_matrix *X, size_t c, size_t n)
{
	if (quadratic) {
		/* scaled to [-1, 1] so that the squares keep the SVD well conditioned */
		for (size_t j = 0; j < m; j++)
			for (size_t k = j; k < m; k++)
				for (size_t w = 0; w < n; w++) {
					const struct member *a = &mbs[j], *b = &mbs[k];
					double ua = a->hi > a->lo ? (2 * a->v[w] - a->lo - a->hi) / (a->hi - a->lo) : 0;
					double ub = b->hi > b->lo ? (2 * b->v[w] - b->lo - b->hi) / (b->hi - b->lo) : 0;
					if (k == j)
						gsl_matrix_set(X, w, c + j, ua);
					gsl_matrix_set(X, w, c + m + (j * (2 * m - j + 1)) / 2 + (k - j), ua * ub);
				}
		return 0;
	}
	for (size_t j = 0; j < m; j++) {
		if (member_fill(&mbs[j], q, X, c, n) != 0)
			return -1;
		c += member_columns(&mbs[j], q);
	}
	return 0;
}

/* SVD of X (n x p, n >= p) in place: X becomes U; V and S are returned
 * (caller frees) and *rank counts the singular values above tol. */
static int svd(gsl_matrix *X, gsl_matrix **V, gsl_vector **S, size_t *rank, double tol)
{
	size_t p = X->size2;
	*V = gsl_matrix_alloc(p, p);
	*S = gsl_vector_alloc(p);
	gsl_vector *work = gsl_vector_alloc(p);
	int rc = -1;
	if (*V && *S && work && gsl_linalg_SV_decomp(X, *V, *S, work) == 0) {
		*rank = 0;
		while (*rank < p && gsl_vector_get(*S, *rank) > tol)
			(*rank)++;
		rc = 0;
	}
	gsl_vector_free(work);
	return rc;
}

/* The intercept and the adjustment block, q_adj columns per parameter. */
static int adjustment_build(struct adjustment *ad, const struct member *adj, size_t n_adj, size_t q_adj, size_t n)
{
	size_t p = 1 + block_columns(adj, n_adj, q_adj, 0);
	gsl_matrix *X = gsl_matrix_alloc(n, p), *V = NULL;
	gsl_vector *S = NULL;
	if (!X)
		return -1;
	for (size_t w = 0; w < n; w++)
		gsl_matrix_set(X, w, 0, 1.0);
	int rc = block_fill(adj, n_adj, q_adj, 0, X, 1, n);
	if (rc == 0)
		rc = svd(X, &V, &S, &ad->rank, RANK_TOL * sqrt((double)n));
	gsl_matrix_free(V);
	gsl_vector_free(S);
	if (rc != 0) {
		gsl_matrix_free(X);
		return -1;
	}
	ad->Ua = X;
	ad->p = p;
	return 0;
}

/* v -= Ua Ua' v over the adjustment's rank (v: n values at stride). */
static void residualise(const struct adjustment *ad, double *v, size_t stride, size_t n)
{
	for (size_t i = 0; i < ad->rank; i++) {
		double s = 0;
		for (size_t w = 0; w < n; w++)
			s += ad->Ua->data[w * ad->Ua->tda + i] * v[w * stride];
		for (size_t w = 0; w < n; w++)
			v[w * stride] -= s * ad->Ua->data[w * ad->Ua->tda + i];
	}
}

/* A candidate block (q spline columns per parameter, or quadratic),
 * residualised on the adjustment, decomposed, and B = (X_G - its means)
 * V S^-1. 1: more columns than cap with the adjustment (nothing built). */
static int model_build(struct model *md, const struct member *mbs, size_t m, size_t q, int quadratic,
		       const struct adjustment *ad, size_t n, size_t cap)
{
	size_t p = block_columns(mbs, m, q, quadratic);
	if (p + ad->p > cap || p == 0)
		return 1;
	gsl_matrix *X = gsl_matrix_alloc(n, p), *Xc = gsl_matrix_alloc(n, p), *V = NULL;
	gsl_vector *S = NULL;
	int rc = -1;
	if (!X || !Xc || block_fill(mbs, m, q, quadratic, X, 0, n) != 0)
		goto out;
	gsl_matrix_memcpy(Xc, X);
	for (size_t c = 0; c < p; c++) {
		gsl_vector_view col = gsl_matrix_column(X, c);
		residualise(ad, col.vector.data, col.vector.stride, n);
		gsl_vector_view cc = gsl_matrix_column(Xc, c);
		double mean = gsl_stats_mean(cc.vector.data, cc.vector.stride, n);
		gsl_vector_add_constant(&cc.vector, -mean);
	}
	/* columns are within [-1, 1]: an absolute tolerance finds the parameters' columns that the
	   adjustment already spans */
	if (svd(X, &V, &S, &md->rank, RANK_TOL * sqrt((double)n)) != 0)
		goto out;
	md->B = gsl_matrix_calloc(n, p);
	if (!md->B)
		goto out;
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Xc, V, 0.0, md->B);
	for (size_t i = 0; i < p; i++) {
		gsl_vector_view col = gsl_matrix_column(md->B, i);
		gsl_vector_scale(&col.vector, i < md->rank ? 1.0 / gsl_vector_get(S, i) : 0.0);
	}
	md->U = X;
	md->p = p;
	X = NULL;
	rc = 0;
out:
	if (rc != 0)
		model_free(md);
	gsl_matrix_free(X);
	gsl_matrix_free(Xc);
	gsl_matrix_free(V);
	gsl_vector_free(S);
	return rc;
}

/* c = U'y~ and the residual sum of squares of y~ - U c. */
static double model_fit(const struct model *md, const double *y, size_t n, double *coef)
{
	size_t r = md ? md->rank : 0;
	for (size_t i = 0; i < r; i++) {
		double s = 0;
		for (size_t w = 0; w < n; w++)
			s += md->U->data[w * md->U->tda + i] * y[w];
		coef[i] = s;
	}
	double rss = 0;
	for (size_t w = 0; w < n; w++) {
		double s = y[w];
		for (size_t i = 0; i < r; i++)
			s -= md->U->data[w * md->U->tda + i] * coef[i];
		rss += s * s;
	}
	return rss;
}

/* g = mean + B c: E[y | the block's parameters] at every world. */
static void model_condition(const struct model *md, const double *coef, double mean, size_t n, double *g,
			    size_t g_stride)
{
	for (size_t w = 0; w < n; w++) {
		double s = mean;
		for (size_t i = 0; md && i < md->rank; i++)
			s += md->B->data[w * md->B->tda + i] * coef[i];
		g[w * g_stride] = s;
	}
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

/* The standard error: EVPPI of conditional values drawn as g + sigma_a B_a z
 * (chosen[a] == NONE: the mean alone, nothing drawn). */
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
			const struct model *md = chosen[a] == NONE ? NULL : &models[chosen[a]];
			size_t r = md ? md->rank : 0;
			for (size_t i = 0; i < r; i++)
				z[i] = gsl_ran_gaussian(rng, 1.0);
			for (size_t w = 0; w < n; w++) {
				double s = 0;
				for (size_t i = 0; i < r; i++)
					s += md->B->data[w * md->B->tda + i] * z[i];
				draw[w * n_alt + a] = g[w * n_alt + a] + sigma[a] * s;
			}
		}
		values[b] = evppi_of(draw, n, n_alt);
	}
	gsl_rng_free(rng);
	return gsl_stats_sd(values, 1, SE_DRAWS);
}

int evppi_regression(const double *inb, size_t n_worlds, size_t n_alt, const double *x, size_t n_cols,
		     const size_t *cols, size_t m, const size_t *adjust, size_t n_adjust, uint64_t key, double *fitted,
		     struct evppi_estimate *e, struct js_error *err)
{
	size_t n = n_worlds;
	e->evppi = 0;
	e->se = n_alt ? NAN : 0;
	e->columns = 1;
	e->adjusted = 0;
	if (n == 0 || n_alt == 0)
		return 0;
	int rc = -1;
	struct member *mbs = calloc(m + n_adjust + 1, sizeof *mbs), *adj = mbs + m;
	struct model models[MODELS_MAX];
	struct adjustment ad = {0};
	size_t n_models = 0, n_members = 0;
	size_t *chosen = calloc(n_alt, sizeof *chosen);
	double *sigma = calloc(n_alt, sizeof *sigma), *mean = calloc(n_alt, sizeof *mean);
	double *ytil = calloc(n, sizeof *ytil), *g = calloc(n * n_alt, sizeof *g);
	double *coef = calloc(n, sizeof *coef), *draw = calloc(n * n_alt, sizeof *draw);
	double *values = calloc(SE_DRAWS, sizeof *values);
	memset(models, 0, sizeof models);
	if (!mbs || !chosen || !sigma || !mean || !ytil || !g || !coef || !draw || !values)
		goto out;
	for (size_t j = 0; j < m + n_adjust; j++) {
		n_members = j + 1; /* freed even when its init fails half way */
		if (member_init(&mbs[j], x, n, n_cols, j < m ? cols[j] : adjust[j - m]) != 0)
			goto out;
	}

	/* the adjustment: cubic, else linear, when the smallest block leaves room for it */
	size_t cap = n / WORLDS_PER_COLUMN, n_adj = 0, q_adj = 0;
	for (size_t i = 0; i < sizeof adjust_df / sizeof *adjust_df && !n_adj; i++)
		if (n_adjust && 1 + block_columns(mbs, m, 1, 0) + block_columns(adj, n_adjust, adjust_df[i], 0) <= cap) {
			n_adj = n_adjust;
			q_adj = adjust_df[i];
		}
	e->adjusted = n_adj > 0;
	if (adjustment_build(&ad, adj, n_adj, q_adj, n) != 0)
		goto out;

	/* the candidate blocks: additive by rising columns, then the quadratic */
	int any_spline = 0;
	for (size_t j = 0; j < m; j++)
		any_spline |= mbs[j].n_distinct > 1 && !member_discrete(&mbs[j]);
	for (size_t k = 0; k < N_DF; k++) {
		if (k > 0 && !any_spline)
			break; /* every column discrete: one model */
		/* without adjustment the smallest block is fitted whenever the worlds allow it at all */
		size_t lim = k == 0 && !n_adj && n > 3 ? n - 2 : cap;
		int b = model_build(&models[n_models], mbs, m, spline_df[k], 0, &ad, n, lim);
		if (b < 0)
			goto out;
		if (b > 0)
			break;
		n_models++;
	}
	if (m >= 2) {
		int b = model_build(&models[n_models], mbs, m, 0, 1, &ad, n, cap);
		if (b < 0)
			goto out;
		if (b == 0)
			n_models++;
	}

	/* per alternative, the candidate with the smallest GCV (none: the mean alone) */
	for (size_t a = 0; a < n_alt; a++) {
		for (size_t w = 0; w < n; w++)
			ytil[w] = inb[w * n_alt + a];
		mean[a] = gsl_stats_mean(ytil, 1, n);
		residualise(&ad, ytil, 1, n);
		double best = INFINITY;
		chosen[a] = NONE;
		for (size_t k = 0; k <= n_models; k++) {
			const struct model *md = k < n_models ? &models[k] : NULL;
			double rss = model_fit(md, ytil, n, coef);
			size_t rank = ad.rank + (md ? md->rank : 0);
			double den = (double)n - GCV_GAMMA * (double)rank;
			double gcv = den > 0 ? (double)n * rss / (den * den) : INFINITY;
			if (k == 0 || gcv < best) {
				best = gcv;
				chosen[a] = md ? k : NONE;
				sigma[a] = n > rank ? sqrt(rss / (double)(n - rank)) : NAN;
				model_condition(md, coef, mean[a], n, g + a, n_alt);
			}
		}
		size_t cols_used = ad.p + (chosen[a] == NONE ? 0 : models[chosen[a]].p);
		if (cols_used > e->columns)
			e->columns = cols_used;
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
		model_free(&models[k]);
	gsl_matrix_free(ad.Ua);
	for (size_t j = 0; j < n_members; j++)
		member_fini(&mbs[j]);
	free(mbs);
	free(chosen);
	free(sigma);
	free(mean);
	free(ytil);
	free(g);
	free(coef);
	free(draw);
	free(values);
	return rc;
}
