/*
 * decision_stub.c - TEMPORARY stand-in for the decision branch's
 * sim/sweep/decision*.c (issue 14), so that `decide` builds and is tested on
 * this branch: simple means, best per world, EVPI from them; no EVPPI
 * estimator (zeros), no noise share. Writes decision.csv only. The lead
 * deletes this file at merge.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decision.h"
#include "files.h"
#include "csv.h"

static double world_mean(const struct decision_data *d, size_t w, size_t s)
{
	double sum = 0;
	for (size_t r = 0; r < d->n_reps; r++)
		sum += d->objective[(w * d->n_scenarios + s) * d->n_reps + r];
	return sum / (double)d->n_reps;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int decision_analyse(const struct decision_data *d, struct decision_result *r, struct js_error *err)
{
	memset(r, 0, sizeof *r);
	size_t S = d->n_scenarios, W = d->n_worlds;
	r->rows = calloc(S, sizeof *r->rows);
	r->rank_prob = calloc(S * S, sizeof *r->rank_prob);
	r->evppi = calloc(d->n_params + d->n_groups + 1, sizeof *r->evppi);
	double *col = malloc(W * sizeof *col), *m = malloc(W * S * sizeof *m);
	if (!r->rows || !r->rank_prob || !r->evppi || !col || !m) {
		free(col);
		free(m);
		decision_result_fini(r);
		return js_error_set(err, EX_OSERR, "out of memory");
	}
	double sign = d->better < 0 ? -1 : 1, mean_max = 0;
	for (size_t w = 0; w < W; w++) {
		size_t best = 0;
		for (size_t s = 0; s < S; s++) {
			m[w * S + s] = world_mean(d, w, s);
			if (sign * m[w * S + s] > sign * m[w * S + best])
				best = s;
		}
		r->rows[best].p_best += 1.0 / (double)W;
		mean_max += sign * m[w * S + best] / (double)W;
	}
	for (size_t s = 0; s < S; s++) {
		double sum = 0;
		for (size_t w = 0; w < W; w++)
			sum += col[w] = m[w * S + s];
		qsort(col, W, sizeof *col, cmp_double);
		struct decision_row *row = &r->rows[s];
		row->expected = sum / (double)W;
		row->p05 = col[(size_t)(0.05 * (double)(W - 1))];
		row->p95 = col[(size_t)(0.95 * (double)(W - 1))];
		row->noise_halfwidth = NAN;
		size_t beats = 0;
		for (size_t w = 0; w < W; w++)
			beats += sign * m[w * S + s] > sign * m[w * S + d->baseline];
		row->p_beats_baseline = s == d->baseline ? NAN : (double)beats / (double)W;
		if (sign * row->expected > sign * r->rows[r->best].expected)
			r->best = s;
	}
	for (size_t s = 0; s < S; s++)
		r->rows[s].expected_loss = mean_max - sign * r->rows[s].expected;
	r->evpi = r->rows[r->best].expected_loss;
	for (size_t j = 0; j < d->n_params + d->n_groups; j++) {
		snprintf(r->evppi[j].name, sizeof r->evppi[j].name, "%s",
			 j < d->n_params ? d->param_names[j] : d->group_names[j - d->n_params]);
		r->evppi[j].kind = j >= d->n_params;
	}
	snprintf(r->evppi[d->n_params + d->n_groups].name, 160, "(all)");
	r->evppi[d->n_params + d->n_groups].kind = 2;
	r->evppi[d->n_params + d->n_groups].evppi = r->evpi;
	r->n_evppi = d->n_params + d->n_groups + 1;
	r->noise_share = NAN;
	free(col);
	free(m);
	return 0;
}

int decision_write(const char *dir, const struct decision_data *d, const struct decision_result *r,
		   struct js_error *err)
{
	char path[OUT_PATH_MAX];
	struct out_file o;
	if (path_join(path, sizeof path, dir, "decision.csv", err) != 0 || out_file_open(&o, path, err) != 0)
		return -1;
	fputs("scenario,objective,expected,p05,p95,noise_halfwidth,p_best,p_beats_baseline,expected_loss\n", o.fp);
	for (size_t s = 0; s < d->n_scenarios; s++) {
		const struct decision_row *w = &r->rows[s];
		const double v[] = {w->expected, w->p05, w->p95, w->noise_halfwidth, w->p_best, w->p_beats_baseline,
				    w->expected_loss};
		csv_put_text(o.fp, d->scenario_names[s]);
		fputc(',', o.fp);
		csv_put_text(o.fp, d->objective_text);
		csv_put_numbers(o.fp, v, sizeof v / sizeof v[0]);
		fputc('\n', o.fp);
	}
	return out_file_commit(&o, err);
}

void decision_result_fini(struct decision_result *r)
{
	free(r->rows);
	free(r->rank_prob);
	free(r->lambda);
	free(r->accept);
	free(r->evppi);
	memset(r, 0, sizeof *r);
}
