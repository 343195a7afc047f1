/*
 * analysis.c - what a whole sweep says, collected point by point and written
 * as three files: tornado.csv (oat, tornado.c), sensitivity.csv (lhs, sobol,
 * sensitivity.c) and crossovers.csv (grid, crossovers.c); see analysis.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "output.h"

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
		if (p->contrast[0] >= 0 && !(a->contrast = calloc(p->n_points * p->n_metrics, sizeof *a->contrast)))
			goto oom;
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
	free(a->contrast);
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

void analysis_point(struct analysis *a, size_t point, const struct summary *sum, const struct summary *diff,
		    const struct summary *contrast)
{
	const struct sweep_plan *p = a->p;
	if (p->design == SWEEP_OAT) {
		memcpy(&a->stats[point * a->cells], sum, a->cells * sizeof *sum);
		if (a->contrast && contrast)
			memcpy(&a->contrast[point * p->n_metrics], contrast, p->n_metrics * sizeof *contrast);
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

void analysis_row_put(FILE *fp, const char *const *text, size_t n_text, const double *num, size_t n_num)
{
	for (size_t i = 0; i < n_text; i++) {
		if (i)
			fputc(',', fp);
		csv_put_text(fp, text[i]);
	}
	for (size_t i = 0; i < n_num; i++) {
		fputc(',', fp);
		csv_put_number(fp, num[i]);
	}
}

static const struct analysis_file {
	const char *name, *header, *what;
	int (*write)(const struct analysis *a, FILE *fp, struct sweep_report *rep);
} analysis_files[] = {
	{"tornado.csv",
	 "scenario,metric,parameter,low_value,high_value,low_mean,low_ci95_low,low_ci95_high,high_mean,"
	 "high_ci95_low,high_ci95_high,base_mean,swing,rank\n",
	 "the tornado", sweep_tornado_write},
	{"sensitivity.csv", "scenario,metric,parameter,src,ci95_low,ci95_high,r2,s1\n", "the sensitivity analysis",
	 sweep_sensitivity_write},
	{"crossovers.csv", "parameter,metric,scenario,baseline,at,ci95_low,ci95_high,direction\n", "the crossovers",
	 sweep_crossovers_write},
};

int analysis_write(struct analysis *a, const char *out, struct sweep_report *rep, struct js_error *err)
{
	for (size_t i = 0; i < sizeof analysis_files / sizeof *analysis_files; i++) {
		const struct analysis_file *f = &analysis_files[i];
		char path[OUT_PATH_MAX];
		struct out_file o;
		if (path_join(path, sizeof path, out, f->name, err) != 0 || out_file_open(&o, path, err) != 0)
			return -1;
		fputs(f->header, o.fp);
		if (f->write(a, o.fp, rep) != 0) {
			out_file_abort(&o);
			return js_error_set(err, EX_OSERR, "out of memory for %s", f->what);
		}
		if (out_file_commit(&o, err) != 0)
			return -1;
	}
	return 0;
}

void sweep_report_fini(struct sweep_report *r)
{
	if (!r)
		return;
	free(r->crossovers);
	free(r->tornado_top);
	memset(r, 0, sizeof *r);
}
