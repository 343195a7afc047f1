/*
 * analysis.c - what a whole sweep says: tornado (oat), sensitivity (lhs,
 * sobol) and crossovers (grid). Each file is always written, with only its
 * header when the design does not allow it, so a folder never keeps a stale
 * one from an earlier sweep.
 *
 * tornado.csv      oat: per scenario and metric, each parameter's mean (and 95%
 *                  interval) at its low and high value with the others at
 *                  base; swing = |high_mean - low_mean|, ranked from 1 (the
 *                  largest; ties keep the file's order, NaN swings come last).
 * sensitivity.csv  lhs, sobol: per scenario and metric, the linear regression
 *                  of the point means on the parameters (gsl_multifit_linear):
 *                  standardised coefficients with 95% intervals and the
 *                  fit's r2; and a first-order Sobol index per parameter
 *                  estimated from the same sample (sweep_first_order).
 * crossovers.csv   grid: along each parameter with the other parameters at
 *                  their first value, where the paired difference scenario -
 *                  baseline changes sign (sweep_crossings_find).
 *
 * Memory: oat keeps every point's summaries (2k + 1 points); a grid the
 * paired differences of the points on the parameter axes (1 + sum(n_j - 1));
 * lhs and sobol one mean per point, scenario and metric.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>

#include "output.h"
#include "sweep_internal.h"

struct analysis {
	const struct sweep_plan *p;
	size_t cells;           /* scenarios x metrics */
	struct summary *stats;  /* oat: summaries [point][cell]; grid: diffs [axis slot][cell] */
	double *means;          /* lhs, sobol: [point][cell] */
	size_t *axis_base;      /* grid: slot of parameter j's level i (i >= 1) is axis_base[j] + i - 1 */
	size_t *stride;         /* grid: point = sum(index_j * stride_j) */
};

/* ---- metric direction ---- */

int sweep_metric_better(int metric)
{
	static const char *const higher[] = {"experience.mean", "experience.nps", "experience.promoters",
					     "revenue.",        "margin",         "funnel.prospects",
					     "funnel.leads",    "funnel.wins",    "funnel.conversion",
					     "funnel.win_rate", "renewal.rate",   "service.fcr",
					     "kpi.lifetime_value", "customers.active", ".throughput"};
	static const char *const lower[] = {"cost.",          "kpi.cost_",         "renewal.churn",
					    ".wait_mean",     ".sojourn_mean",     ".queue_mean",
					    ".wip_mean",      "journey.",          "defects.",
					    "fragmentation.", "experience.detractors", "funnel.leaked",
					    "handoff.",       "view.",             "technology.debt",
					    "service.transfers", "experience.effort."};
	if (metric < 0 || metric >= METRIC_COUNT)
		return 0;
	const char *m = metric_table[metric].name;
	if (strncmp(m, "flow.", 5) == 0)
		return 0; /* conservation counts: neither */
	for (size_t i = 0; i < sizeof lower / sizeof *lower; i++)
		if (strstr(m, lower[i]))
			return -1;
	for (size_t i = 0; i < sizeof higher / sizeof *higher; i++)
		if (strstr(m, higher[i]))
			return +1;
	return 0;
}

/* ---- crossings on plain arrays ---- */

/* Where the band [lo, hi] contains 0 on segment [xa, xb] (linear between the
 * ends): [*l, *r]; 0 when nowhere. */
static int seg_band(double xa, double xb, double loa, double lob, double hia, double hib, double *l, double *r)
{
	*l = xa;
	*r = xb;
	/* lo <= 0 */
	if (loa > 0 && lob > 0)
		return 0;
	if (loa > 0 || lob > 0) {
		double root = xa + (xb - xa) * loa / (loa - lob);
		if (loa > 0)
			*l = fmax(*l, root);
		else
			*r = fmin(*r, root);
	}
	/* hi >= 0 */
	if (hia < 0 && hib < 0)
		return 0;
	if (hia < 0 || hib < 0) {
		double root = xa + (xb - xa) * hia / (hia - hib);
		if (hia < 0)
			*l = fmax(*l, root);
		else
			*r = fmin(*r, root);
	}
	return *l <= *r;
}

struct curve {
	const double *x, *d, *lo, *hi;
	const size_t *v; /* the usable points, in order */
	size_t n;
};

static double lo_at(const struct curve *c, size_t i)
{
	double l = c->lo[c->v[i]];
	return isnan(l) ? c->d[c->v[i]] : l;
}

static double hi_at(const struct curve *c, size_t i)
{
	double h = c->hi[c->v[i]];
	return isnan(h) ? c->d[c->v[i]] : h;
}

/* The interval around `at` (in segment k, between usable points k and k+1)
 * where the band contains 0, walking segment by segment while it stays
 * connected. NaN ends: it still contains 0 at the edge of the sweep. */
static void band_interval(const struct curve *c, size_t k, double at, double *ci_low, double *ci_high)
{
	double l, r;
	*ci_low = *ci_high = at;
	/* left */
	for (size_t s = k + 1; s-- > 0;) {
		double xa = c->x[c->v[s]], xb = c->x[c->v[s + 1]];
		if (!seg_band(xa, xb, lo_at(c, s), lo_at(c, s + 1), hi_at(c, s), hi_at(c, s + 1), &l, &r) ||
		    r < fmin(*ci_low, xb))
			break;
		*ci_low = fmin(*ci_low, l);
		if (l > xa)
			break;
		if (s == 0)
			*ci_low = NAN;
	}
	/* right */
	for (size_t s = k; s + 1 < c->n; s++) {
		double xa = c->x[c->v[s]], xb = c->x[c->v[s + 1]];
		if (!seg_band(xa, xb, lo_at(c, s), lo_at(c, s + 1), hi_at(c, s), hi_at(c, s + 1), &l, &r) ||
		    l > fmax(*ci_high, xa))
			break;
		*ci_high = fmax(*ci_high, r);
		if (r < xb)
			break;
		if (s + 2 == c->n)
			*ci_high = NAN;
	}
}

static int sign_of(double v)
{
	return v > 0 ? 1 : v < 0 ? -1 : 0;
}

static int same_bound(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

size_t sweep_crossings_find(const double *x, const double *d, const double *lo, const double *hi, size_t n,
			    struct sweep_crossing *out, size_t max)
{
	size_t *v = malloc((n ? n : 1) * sizeof *v), nv = 0, raw_n = 0, kept = 0;
	struct sweep_crossing *raw = malloc((n ? n : 1) * sizeof *raw);
	if (!v || !raw) {
		free(v);
		free(raw);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (isfinite(d[i]) && isfinite(x[i]))
			v[nv++] = i;
	struct curve c = {x, d, lo, hi, v, nv};
	/* every sign change of the mean: consecutive non-zero points of opposite
	 * sign, with any exact zeros between them */
	size_t prev = SIZE_MAX;
	for (size_t i = 0; i < nv; i++) {
		int si = sign_of(d[v[i]]);
		if (si == 0)
			continue;
		if (prev != SIZE_MAX && sign_of(d[v[prev]]) != si) {
			struct sweep_crossing *o = &raw[raw_n++];
			size_t seg;
			if (i == prev + 1) {
				double da = d[v[prev]], db = d[v[i]];
				o->at = x[v[prev]] + (x[v[i]] - x[v[prev]]) * da / (da - db);
				seg = prev;
			} else { /* exact zeros in between: the middle of them */
				o->at = (x[v[prev + 1]] + x[v[i - 1]]) / 2;
				seg = prev + (i - prev) / 2;
				if (seg + 1 >= nv)
					seg = nv - 2;
			}
			o->rising = si > 0;
			band_interval(&c, seg, o->at, &o->ci_low, &o->ci_high);
		}
		prev = i;
	}
	/* Sign changes inside one stretch where the band contains 0 are one
	 * uncertain crossing, not several: an odd number of them is a crossover
	 * (the middle one stands for it, with the direction of the whole
	 * stretch), an even number returns to the same sign and is none. */
	for (size_t i = 0; i < raw_n;) {
		size_t j = i + 1;
		while (j < raw_n && same_bound(raw[j].ci_low, raw[i].ci_low) && same_bound(raw[j].ci_high, raw[i].ci_high))
			j++;
		if ((j - i) % 2 == 1) {
			if (kept < max) {
				out[kept] = raw[i + (j - i) / 2];
				out[kept].rising = raw[i].rising;
			}
			kept++;
		}
		i = j;
	}
	free(raw);
	free(v);
	return kept;
}

/* ---- regression and first-order indices ---- */

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

/* ---- collecting ---- */

int analysis_alloc(const struct sweep_plan *p, struct analysis **out, struct js_error *err)
{
	struct analysis *a = calloc(1, sizeof *a);
	*out = NULL;
	if (!a)
		return js_error_set(err, EX_OSERR, "out of memory");
	a->p = p;
	a->cells = p->n_scenarios * p->n_metrics;
	size_t rows = 0;
	if (p->design == SWEEP_OAT) {
		rows = p->n_points;
	} else if (p->design == SWEEP_GRID) {
		a->axis_base = calloc(p->n_params, sizeof *a->axis_base);
		a->stride = calloc(p->n_params, sizeof *a->stride);
		if (!a->axis_base || !a->stride)
			goto oom;
		rows = 1;
		size_t stride = 1;
		for (size_t j = p->n_params; j-- > 0;) {
			a->stride[j] = stride;
			stride *= p->params[j].n_levels;
		}
		for (size_t j = 0; j < p->n_params; j++) {
			a->axis_base[j] = rows;
			rows += p->params[j].n_levels - 1;
		}
	} else {
		a->means = malloc(p->n_points * a->cells * sizeof *a->means);
		if (!a->means)
			goto oom;
	}
	if (rows) {
		a->stats = malloc(rows * a->cells * sizeof *a->stats);
		if (!a->stats)
			goto oom;
		for (size_t i = 0; i < rows * a->cells; i++)
			a->stats[i] = (struct summary){NAN, NAN, NAN, NAN, 0};
	}
	*out = a;
	return 0;
oom:
	analysis_free(a);
	return js_error_set(err, EX_OSERR, "out of memory for the analysis of %zu points", p->n_points);
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	free(a->stats);
	free(a->means);
	free(a->axis_base);
	free(a->stride);
	free(a);
}

/* Grid: the slot of a point on a parameter axis (the others at index 0), or SIZE_MAX. */
static size_t axis_slot(const struct analysis *a, size_t point)
{
	const struct sweep_plan *p = a->p;
	size_t rest = point, slot = 0, nonzero = 0;
	for (size_t j = 0; j < p->n_params; j++) {
		size_t i = rest / a->stride[j];
		rest %= a->stride[j];
		if (i) {
			nonzero++;
			slot = a->axis_base[j] + i - 1;
		}
	}
	return nonzero <= 1 ? slot : SIZE_MAX;
}

void analysis_point(struct analysis *a, size_t point, const struct summary *sum, const struct summary *diff)
{
	const struct sweep_plan *p = a->p;
	if (p->design == SWEEP_OAT) {
		memcpy(&a->stats[point * a->cells], sum, a->cells * sizeof *sum);
	} else if (p->design == SWEEP_GRID) {
		size_t slot = axis_slot(a, point);
		if (slot != SIZE_MAX)
			memcpy(&a->stats[slot * a->cells], diff, a->cells * sizeof *diff);
	} else {
		for (size_t c = 0; c < a->cells; c++)
			a->means[point * a->cells + c] = sum[c].mean;
	}
}

/* ---- writing ---- */

static int open_csv(struct out_file *o, const char *out, const char *name, const char *head, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	if (path_join(path, sizeof path, out, name, err) != 0 || out_file_open(o, path, err) != 0)
		return -1;
	fputs(head, o->fp);
	return 0;
}

static void put_nums(FILE *fp, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputc(',', fp);
		csv_put_number(fp, v[i]);
	}
}

struct rank_row {
	size_t param;
	double swing;
};

static int rank_cmp(const void *a, const void *b)
{
	const struct rank_row *u = a, *v = b;
	int nu = isnan(u->swing), nv = isnan(v->swing);
	if (nu != nv)
		return nu - nv;
	if (!nu && u->swing != v->swing)
		return u->swing > v->swing ? -1 : 1;
	return u->param < v->param ? -1 : u->param > v->param ? 1 : 0;
}

static int write_tornado(struct analysis *a, FILE *fp, struct sweep_report *rep)
{
	const struct sweep_plan *p = a->p;
	if (p->design != SWEEP_OAT)
		return 0;
	size_t M = p->n_metrics, k = p->n_params;
	struct rank_row *rows = malloc(k * sizeof *rows);
	if (!rows)
		return -1;
	if (rep && !(rep->tornado_top = calloc(a->cells, sizeof *rep->tornado_top))) {
		free(rows);
		return -1;
	}
	for (size_t s = 0; s < p->n_scenarios; s++)
		for (size_t m = 0; m < M; m++) {
			size_t c = s * M + m;
			for (size_t j = 0; j < k; j++) {
				double lo = a->stats[(2 * j + 1) * a->cells + c].mean;
				double hi = a->stats[(2 * j + 2) * a->cells + c].mean;
				rows[j] = (struct rank_row){j, fabs(hi - lo)};
			}
			qsort(rows, k, sizeof *rows, rank_cmp);
			if (rep && !isnan(rows[0].swing))
				rep->tornado_top[rep->n_tornado_top++] =
					(struct sweep_tornado_top){s, p->metrics[m], rows[0].param, rows[0].swing};
			for (size_t r = 0; r < k; r++) {
				size_t j = rows[r].param;
				const struct summary *lo = &a->stats[(2 * j + 1) * a->cells + c];
				const struct summary *hi = &a->stats[(2 * j + 2) * a->cells + c];
				csv_put_text(fp, p->scenarios[s]);
				fputc(',', fp);
				csv_put_text(fp, metric_table[p->metrics[m]].name);
				fputc(',', fp);
				csv_put_text(fp, p->params[j].path);
				double v[] = {p->params[j].low, p->params[j].high, lo->mean, lo->ci_low, lo->ci_high,
					      hi->mean, hi->ci_low, hi->ci_high, a->stats[c].mean, rows[r].swing};
				put_nums(fp, v, sizeof v / sizeof v[0]);
				fprintf(fp, ",%zu\n", r + 1);
			}
		}
	free(rows);
	return 0;
}

static int write_sensitivity(struct analysis *a, FILE *fp)
{
	const struct sweep_plan *p = a->p;
	if (p->design != SWEEP_LHS && p->design != SWEEP_SOBOL)
		return 0;
	size_t n = p->n_points, k = p->n_params;
	double *X = malloc(n * k * sizeof *X), *y = malloc(n * sizeof *y), *xj = malloc(n * sizeof *xj);
	double src[SWEEP_PARAM_MAX], lo[SWEEP_PARAM_MAX], hi[SWEEP_PARAM_MAX], r2;
	int rc = -1;
	if (!X || !y || !xj)
		goto out;
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
			csv_put_text(fp, p->scenarios[s]);
			fputc(',', fp);
			csv_put_text(fp, metric_table[p->metrics[m]].name);
			fputc(',', fp);
			csv_put_text(fp, p->params[j].path);
			double v[] = {src[j], lo[j], hi[j], r2, sweep_first_order(xj, y, rows)};
			put_nums(fp, v, sizeof v / sizeof v[0]);
			fputc('\n', fp);
		}
	}
	rc = 0;
out:
	free(X);
	free(y);
	free(xj);
	return rc;
}

static const char *direction_of(int rising, int better)
{
	if (better == 0)
		return rising ? "scenario_higher_above" : "scenario_higher_below";
	return (rising ? better > 0 : better < 0) ? "scenario_better_above" : "scenario_better_below";
}

struct level {
	double x;
	size_t i;
};

static int level_cmp(const void *a, const void *b)
{
	const struct level *u = a, *v = b;
	return u->x < v->x ? -1 : u->x > v->x ? 1 : 0;
}

static int report_add(struct sweep_report *rep, const struct sweep_crossover *c)
{
	if ((rep->n_crossovers & (rep->n_crossovers - 1)) == 0) { /* grow at powers of two */
		size_t cap = rep->n_crossovers ? 2 * rep->n_crossovers : 8;
		struct sweep_crossover *n = realloc(rep->crossovers, cap * sizeof *n);
		if (!n)
			return -1;
		rep->crossovers = n;
	}
	rep->crossovers[rep->n_crossovers++] = *c;
	return 0;
}

static int write_crossovers(struct analysis *a, FILE *fp, struct sweep_report *rep)
{
	const struct sweep_plan *p = a->p;
	if (p->design != SWEEP_GRID || p->n_scenarios < 2)
		return 0;
	int rc = -1;
	size_t maxn = 1;
	for (size_t j = 0; j < p->n_params; j++)
		if (p->params[j].n_levels > maxn)
			maxn = p->params[j].n_levels;
	struct level *lv = malloc(maxn * sizeof *lv);
	double *x = malloc(4 * maxn * sizeof *x), *d = x + maxn, *lo = d + maxn, *hi = lo + maxn;
	struct sweep_crossing *cr = malloc(maxn * sizeof *cr);
	if (!lv || !x || !cr)
		goto out;
	for (size_t j = 0; j < p->n_params; j++) {
		const struct sweep_param *prm = &p->params[j];
		size_t n = prm->n_levels;
		if (n < 2)
			continue;
		for (size_t i = 0; i < n; i++)
			lv[i] = (struct level){prm->levels[i], i};
		qsort(lv, n, sizeof *lv, level_cmp);
		for (size_t m = 0; m < p->n_metrics; m++)
			for (size_t s = 1; s < p->n_scenarios; s++) {
				size_t c = s * p->n_metrics + m;
				for (size_t i = 0; i < n; i++) {
					size_t slot = lv[i].i == 0 ? 0 : a->axis_base[j] + lv[i].i - 1;
					const struct summary *st = &a->stats[slot * a->cells + c];
					x[i] = lv[i].x;
					d[i] = st->mean;
					lo[i] = st->ci_low;
					hi[i] = st->ci_high;
				}
				size_t found = sweep_crossings_find(x, d, lo, hi, n, cr, maxn);
				int better = sweep_metric_better(p->metrics[m]);
				for (size_t k = 0; k < found && k < maxn; k++) {
					struct sweep_crossover co = {j,         p->metrics[m],   s,
								     cr[k].at,  cr[k].ci_low,    cr[k].ci_high,
								     cr[k].rising, better,
								     direction_of(cr[k].rising, better)};
					csv_put_text(fp, prm->path);
					fputc(',', fp);
					csv_put_text(fp, metric_table[co.metric].name);
					fputc(',', fp);
					csv_put_text(fp, p->scenarios[s]);
					fputc(',', fp);
					csv_put_text(fp, p->scenarios[0]);
					double v[] = {co.at, co.ci_low, co.ci_high};
					put_nums(fp, v, 3);
					fprintf(fp, ",%s\n", co.direction);
					if (rep && report_add(rep, &co) != 0)
						goto out;
				}
			}
	}
	rc = 0;
out:
	free(lv);
	free(x);
	free(cr);
	return rc;
}

int analysis_write(struct analysis *a, const char *out, struct sweep_report *rep, struct js_error *err)
{
	struct out_file o;
	if (open_csv(&o, out, "tornado.csv",
		     "scenario,metric,parameter,low_value,high_value,low_mean,low_ci95_low,low_ci95_high,high_mean,"
		     "high_ci95_low,high_ci95_high,base_mean,swing,rank\n",
		     err) != 0)
		return -1;
	if (write_tornado(a, o.fp, rep) != 0) {
		out_file_abort(&o);
		return js_error_set(err, EX_OSERR, "out of memory for the tornado");
	}
	if (out_file_commit(&o, err) != 0)
		return -1;
	if (open_csv(&o, out, "sensitivity.csv", "scenario,metric,parameter,src,ci95_low,ci95_high,r2,s1\n", err) != 0)
		return -1;
	if (write_sensitivity(a, o.fp) != 0) {
		out_file_abort(&o);
		return js_error_set(err, EX_OSERR, "out of memory for the sensitivity analysis");
	}
	if (out_file_commit(&o, err) != 0)
		return -1;
	if (open_csv(&o, out, "crossovers.csv", "parameter,metric,scenario,baseline,at,ci95_low,ci95_high,direction\n",
		     err) != 0)
		return -1;
	if (write_crossovers(a, o.fp, rep) != 0) {
		out_file_abort(&o);
		return js_error_set(err, EX_OSERR, "out of memory for the crossovers");
	}
	return out_file_commit(&o, err);
}

void sweep_report_fini(struct sweep_report *r)
{
	if (!r)
		return;
	free(r->crossovers);
	free(r->tornado_top);
	memset(r, 0, sizeof *r);
}
