/*
 * crossovers.c - crossovers.csv of a grid sweep: along each parameter with
 * the other parameters at their first value, where the paired difference
 * scenario - baseline changes sign (sweep_crossings_find), and on which side
 * the scenario is better, by the metric's direction in metrics.h. Only
 * significant crossovers are written: the paired 95% band excludes 0 on
 * both sides of the crossing within the swept range.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analysis.h"

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

int sweep_crossovers_write(const struct analysis *a, FILE *fp, struct sweep_report *rep)
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
				int better = metric_table[p->metrics[m]].better;
				for (size_t k = 0; k < found && k < maxn; k++) {
					/* significant only: on both sides some level's
					 * interval excludes 0 (a NaN end: the band holds 0
					 * up to the edge of the swept range) */
					if (isnan(cr[k].ci_low) || isnan(cr[k].ci_high))
						continue;
					struct sweep_crossover co = {j,         p->metrics[m],   s,
								     cr[k].at,  cr[k].ci_low,    cr[k].ci_high,
								     cr[k].rising, better,
								     direction_of(cr[k].rising, better)};
					const char *text[] = {prm->path, metric_table[co.metric].name, p->scenarios[s],
							      p->scenarios[0]};
					double v[] = {co.at, co.ci_low, co.ci_high};
					analysis_row_put(fp, text, 4, v, 3);
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
