/*
 * periods.c - the per-period result files of a run (docs/outputs.md):
 * periods.csv (each scenario's figures per period), period_diffs.csv (their
 * paired differences to the baseline, same replication) and cumulative.csv
 * (the paired difference of the margin since the window start, on the
 * cumulative grid), from the replications' arrays (journey.h).
 */
#include <math.h>
#include <stdlib.h>

#include "output.h"

/* Period metric pm of period k of scenario s, one value per replication. */
static void period_column(const struct experiment *x, size_t s, size_t k, int pm, double *v)
{
	for (unsigned r = 0; r < x->replications; r++) {
		const struct rep_result *res = &x->results[s * x->replications + r];
		v[r] = res->periods && k < res->n_periods ? res->periods[k * PM_COUNT + (size_t)pm] : NAN;
	}
}

static int rows_periods(const struct experiment *x, FILE *fp, int diff)
{
	unsigned reps = x->replications;
	const struct run_settings *run = &x->file->run;
	size_t n = journey_period_count(run);
	const char *cur = output_currency(x);
	double *a = malloc(2 * (size_t)(reps ? reps : 1) * sizeof *a);
	if (!a)
		return -1;
	double *b = a + reps;
	for (size_t s = diff ? 1 : 0; s < x->n_scenarios; s++)
		for (size_t k = 0; k < n; k++) {
			double span[2];
			int partial;
			journey_period_span(run, k, &span[0], &span[1], &partial);
			for (int pm = 0; pm < PM_COUNT; pm++) {
				char unit[128];
				struct summary sm;
				period_column(x, s, k, pm, a);
				if (diff) {
					period_column(x, 0, k, pm, b);
					stats_paired(a, b, reps, &sm);
				} else {
					stats_summarise(a, reps, &sm);
				}
				csv_put_text(fp, x->file->scenarios[s].name);
				if (diff) {
					fputc(',', fp);
					csv_put_text(fp, x->file->scenarios[0].name);
				}
				fprintf(fp, ",%zu", k + 1);
				csv_put_numbers(fp, span, 2);
				fprintf(fp, ",%d,", partial);
				const char *fields[2] = {period_metric_table[pm].name,
							 output_unit(unit, sizeof unit, journey_period_unit(pm), cur)};
				csv_put_texts(fp, fields, 2);
				output_put_stats(fp, &sm, 0);
			}
		}
	free(a);
	return 0;
}

int output_rows_periods(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	return rows_periods(x, fp, 0);
}

int output_rows_period_diffs(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	return rows_periods(x, fp, 1);
}

int output_rows_cumulative(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	size_t n = journey_cumulative_count(&x->file->run);
	for (size_t s = 1; s < x->n_scenarios; s++)
		for (size_t i = 0; i < n; i++) {
			struct summary sm;
			experiment_cumulative_diff(x, s, i, &sm);
			const char *fields[2] = {x->file->scenarios[s].name, x->file->scenarios[0].name};
			csv_put_texts(fp, fields, 2);
			fputc(',', fp);
			csv_put_number(fp, journey_cumulative_day(&x->file->run, i));
			fputs(",margin", fp);
			output_put_stats(fp, &sm, 0);
		}
	return 0;
}
