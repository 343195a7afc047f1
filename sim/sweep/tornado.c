/*
 * tornado.c - tornado.csv of an oat sweep: per scenario and metric, each
 * parameter's mean (and 95% interval) at its low and high value with the
 * others at base; swing = |high_mean - low_mean|, ranked from 1 (the largest;
 * ties keep the file's order, NaN swings come last). The largest swing of
 * each scenario and metric goes to the report. (Drawn by plots/chart_tornado.c.)
 */
#include <math.h>
#include <stdlib.h>

#include "analysis.h"

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

/* Oat points: 0 is the base, 2j + 1 parameter j low, 2j + 2 high. */
static const struct summary *at_point(const struct analysis *a, size_t point, size_t cell)
{
	return &a->stats[point * a->cells + cell];
}

int sweep_tornado_write(const struct analysis *a, FILE *fp, struct sweep_report *rep)
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
			for (size_t j = 0; j < k; j++)
				rows[j] = (struct rank_row){
					j, fabs(at_point(a, 2 * j + 2, c)->mean - at_point(a, 2 * j + 1, c)->mean)};
			qsort(rows, k, sizeof *rows, rank_cmp);
			if (rep && !isnan(rows[0].swing))
				rep->tornado_top[rep->n_tornado_top++] =
					(struct sweep_tornado_top){s, p->metrics[m], rows[0].param, rows[0].swing};
			for (size_t r = 0; r < k; r++) {
				size_t j = rows[r].param;
				const struct summary *lo = at_point(a, 2 * j + 1, c), *hi = at_point(a, 2 * j + 2, c);
				const char *text[] = {p->scenarios[s], metric_table[p->metrics[m]].name, p->params[j].path};
				double v[] = {p->params[j].low, p->params[j].high, lo->mean, lo->ci_low, lo->ci_high,
					      hi->mean, hi->ci_low, hi->ci_high, at_point(a, 0, c)->mean, rows[r].swing};
				analysis_row_put(fp, text, 3, v, sizeof v / sizeof v[0]);
				fprintf(fp, ",%zu\n", r + 1);
			}
		}
	free(rows);
	return 0;
}
