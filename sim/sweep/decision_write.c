/*
 * decision_write.c - decision.csv, ranks.csv, acceptability.csv and
 * evppi.csv of a decide folder (decision.h; columns in docs/decide.md; evppi.csv
 * adds a column `se` at the end to the contract's), each
 * written atomically with the numbers in the round-trip format of csv.h.
 */
#include <stdlib.h>

#include "csv.h"
#include "decision.h"
#include "experiment.h"
#include "files.h"
#include "scenario.h"

/* Writes a file's rows; 0, or -1 when memory is short. */
typedef int (*rows_fn)(FILE *fp, const struct decision_data *d, const struct decision_result *r);

static const char *name_of(const struct decision_data *d, size_t s, char *buf, size_t len)
{
	if (d->scenario_names && d->scenario_names[s])
		return d->scenario_names[s];
	snprintf(buf, len, "#%zu", s + 1);
	return buf;
}

static int rows_decision(FILE *fp, const struct decision_data *d, const struct decision_result *r)
{
	char nm[32];
	for (size_t s = 0; s < d->n_scenarios; s++) {
		const struct decision_row *row = &r->rows[s];
		const char *text[2] = {name_of(d, s, nm, sizeof nm), d->objective_text ? d->objective_text : ""};
		double v[7] = {row->expected, row->p05,       row->p95,         row->noise_halfwidth,
			       row->p_best,   row->p_beats_baseline, row->expected_loss};
		csv_put_texts(fp, text, 2);
		csv_put_numbers(fp, v, 7);
		fputc('\n', fp);
	}
	return 0;
}

static int rows_ranks(FILE *fp, const struct decision_data *d, const struct decision_result *r)
{
	char nm[32];
	size_t S = d->n_scenarios;
	for (size_t s = 0; s < S; s++)
		for (size_t rank = 0; rank < S; rank++) {
			csv_put_text(fp, name_of(d, s, nm, sizeof nm));
			fprintf(fp, ",%zu,", rank + 1);
			csv_put_number(fp, r->rank_prob[s * S + rank]);
			fputc('\n', fp);
		}
	return 0;
}

static int rows_acceptability(FILE *fp, const struct decision_data *d, const struct decision_result *r)
{
	char nm[32];
	size_t S = d->n_scenarios;
	for (size_t k = 0; k < r->n_lambda; k++)
		for (size_t s = 0; s < S; s++) {
			csv_put_number(fp, r->lambda[k]);
			fputc(',', fp);
			csv_put_text(fp, name_of(d, s, nm, sizeof nm));
			fputc(',', fp);
			csv_put_number(fp, r->accept[k * S + s]);
			fputc('\n', fp);
		}
	return 0;
}

static const char *const kind_names[3] = {"parameter", "group", "all"};

static void row_evppi(FILE *fp, const struct evppi_row *e)
{
	char label[160], unit[64];
	if (e->kind == 0)
		scenario_param_label(e->name, label, sizeof label, unit, sizeof unit);
	else
		snprintf(label, sizeof label, "%s", e->kind == 1 ? e->name : "all parameters (EVPI)");
	csv_put_text(fp, e->name);
	double v[2] = {e->evppi, e->share_of_evpi};
	csv_put_numbers(fp, v, 2);
	fprintf(fp, ",%s,", kind_names[e->kind]);
	csv_put_text(fp, label);
	fputc(',', fp);
	csv_put_number(fp, e->se);
	fputc('\n', fp);
}

struct ranked {
	double value;
	size_t index;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *u = a, *v = b;
	return stats_larger_first(u->value, u->index, v->value, v->index);
}

/* Parameters by EVPPI, largest first (ties in their order), then the groups
 * in their order, then (all). */
static int rows_evppi(FILE *fp, const struct decision_data *d, const struct decision_result *r)
{
	(void)d;
	size_t n_par = 0;
	while (n_par < r->n_evppi && r->evppi[n_par].kind == 0)
		n_par++;
	struct ranked *order = malloc((n_par + 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t j = 0; j < n_par; j++)
		order[j] = (struct ranked){r->evppi[j].evppi, j};
	qsort(order, n_par, sizeof *order, ranked_cmp);
	for (size_t j = 0; j < n_par; j++)
		row_evppi(fp, &r->evppi[order[j].index]);
	free(order);
	for (size_t j = n_par; j < r->n_evppi; j++)
		row_evppi(fp, &r->evppi[j]);
	return 0;
}

static const struct decision_file {
	const char *name, *header;
	rows_fn rows;
} files[] = {
	{"decision.csv", "scenario,objective,expected,p05,p95,noise_halfwidth,p_best,p_beats_baseline,expected_loss\n",
	 rows_decision},
	{"ranks.csv", "scenario,rank,probability\n", rows_ranks},
	{"acceptability.csv", "experience_weight,scenario,p_best\n", rows_acceptability},
	{"evppi.csv", "parameter,evppi,share_of_evpi,kind,label,se\n", rows_evppi},
};

int decision_write(const char *dir, const struct decision_data *d, const struct decision_result *r,
		   struct js_error *err)
{
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char path[OUT_PATH_MAX];
		struct out_file o;
		if (path_join(path, sizeof path, dir, files[i].name, err) != 0 || out_file_open(&o, path, err) != 0)
			return -1;
		fputs(files[i].header, o.fp);
		if (files[i].rows(o.fp, d, r) != 0) {
			out_file_abort(&o);
			return js_error_set(err, EX_OSERR, "%s: out of memory", path);
		}
		if (out_file_commit(&o, err) != 0)
			return -1;
	}
	return 0;
}
