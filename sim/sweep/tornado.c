/*
 * tornado.c - tornado.csv of an oat sweep: per scenario and metric, each
 * parameter's mean (and 95% interval) at its low and high value with the
 * others at base; swing = |high_mean - low_mean|, ranked from 1 (the largest;
 * ties keep the file's order, NaN swings come last). The largest swing of
 * each scenario and metric goes to the report. With a contrast A-B
 * (sweep.contrast) the same rows follow for the paired difference A-B, its
 * scenario column "A-B". (Drawn by plots/chart_tornado.c.)
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
	return stats_larger_first(u->swing, u->param, v->swing, v->param);
}

/* Oat points: 0 is the base, 2j + 1 parameter j low, 2j + 2 high. */
static const struct summary *at_point(const struct analysis *a, size_t point, size_t cell)
{
	return &a->stats[point * a->cells + cell];
}

/* The rows of one scenario (or the contrast, name "A-B") and metric m: at(point)
 * gives the summary of that cell at an oat point. */
struct cell_ref {
	const struct analysis *a;
	size_t cell;     /* into a->stats, or */
	int contrast_m;  /* >= 0: metric index into a->contrast */
};

static const struct summary *cell_at(const struct cell_ref *c, size_t point)
{
	if (c->contrast_m >= 0)
		return &c->a->contrast[point * c->a->p->n_metrics + (size_t)c->contrast_m];
	return at_point(c->a, point, c->cell);
}

static void cell_rows(const struct cell_ref *c, const char *name, size_t s, size_t m, struct rank_row *rows,
		      FILE *fp, struct sweep_report *rep)
{
	const struct sweep_plan *p = c->a->p;
	size_t k = p->n_params;
	for (size_t j = 0; j < k; j++)
		rows[j] = (struct rank_row){j, fabs(cell_at(c, 2 * j + 2)->mean - cell_at(c, 2 * j + 1)->mean)};
	qsort(rows, k, sizeof *rows, rank_cmp);
	if (rep && !isnan(rows[0].swing))
		rep->tornado_top[rep->n_tornado_top++] =
			(struct sweep_tornado_top){s, p->metrics[m], rows[0].param, rows[0].swing};
	for (size_t r = 0; r < k; r++) {
		size_t j = rows[r].param;
		const struct summary *lo = cell_at(c, 2 * j + 1), *hi = cell_at(c, 2 * j + 2);
		const char *text[] = {name, metric_table[p->metrics[m]].name, p->params[j].path};
		double v[] = {p->params[j].low, p->params[j].high, lo->mean, lo->ci_low, lo->ci_high,
			      hi->mean, hi->ci_low, hi->ci_high, cell_at(c, 0)->mean, rows[r].swing};
		analysis_row_put(fp, text, 3, v, sizeof v / sizeof v[0]);
		fprintf(fp, ",%zu\n", r + 1);
	}
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
	if (rep && !(rep->tornado_top = calloc(a->cells + M, sizeof *rep->tornado_top))) {
		free(rows);
		return -1;
	}
	for (size_t s = 0; s < p->n_scenarios; s++)
		for (size_t m = 0; m < M; m++) {
			struct cell_ref c = {a, s * M + m, -1};
			cell_rows(&c, p->scenarios[s], s, m, rows, fp, rep);
		}
	if (a->contrast) { /* the decision: the paired difference A-B */
		char name[2 * NAME_LEN + 2];
		snprintf(name, sizeof name, "%s-%s", p->scenarios[p->contrast[0]], p->scenarios[p->contrast[1]]);
		for (size_t m = 0; m < M; m++) {
			struct cell_ref c = {a, 0, (int)m};
			cell_rows(&c, name, p->n_scenarios, m, rows, fp, rep);
		}
	}
	free(rows);
	return 0;
}
