/*
 * write.c - the output files of a sweep, from journals, in point order.
 *
 * The journals are indexed first (point -> journal and offset: 12 bytes per
 * point), every point of the shard must be in exactly one of them; then the
 * points are read back one at a time in point order and their rows written to
 * results.csv, summary.csv and diffs.csv together, so memory holds one point's
 * values (plus what the analyses keep: analysis.c). The journal holds the
 * values in a round-trip format, so every file is the same bytes whether the
 * points ran in one process, after a resume, or in several shards.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "sweep_internal.h"

#define MISSING_SHOWN 10

const char *plan_metric_unit(const struct sweep_plan *p, int metric, char *buf, size_t len)
{
	return output_unit(buf, len, metric_table[metric].unit, p->currency);
}

/* ---- the journal index ---- */

struct index {
	const struct sweep_plan *p;
	size_t n_dirs;
	const char *const *dirs;
	int *which;    /* [point]: the journal holding it, -1 none */
	off_t *offset; /* [point] */
	int current;   /* the journal being scanned */
};

static int index_record(void *ctx, size_t point, off_t offset, struct js_error *err)
{
	struct index *ix = ctx;
	if (!sweep_point_in_shard(ix->p, point))
		return js_error_set(err, EX_DATAERR, "%s/" JOURNAL_NAME ": holds point %zu, which is not in shard %u/%u",
				    ix->dirs[ix->current], point, ix->p->shard_k, ix->p->shard_n);
	if (ix->which[point] >= 0)
		return js_error_set(err, EX_DATAERR, "point %zu is in both %s/" JOURNAL_NAME " and %s/" JOURNAL_NAME
						     ": shards must not overlap",
				    point, ix->dirs[ix->which[point]], ix->dirs[ix->current]);
	ix->which[point] = ix->current;
	ix->offset[point] = offset;
	return 0;
}

/* Opens every journal, checks it belongs to plan p and indexes its records. */
static int index_build(struct index *ix, FILE **fps, struct js_error *err)
{
	const struct sweep_plan *p = ix->p;
	for (size_t i = 0; i < p->n_points; i++)
		ix->which[i] = -1;
	for (size_t d = 0; d < ix->n_dirs; d++) {
		char path[OUT_PATH_MAX];
		if (path_join(path, sizeof path, ix->dirs[d], JOURNAL_NAME, err) != 0)
			return -1;
		fps[d] = fopen(path, "rb");
		if (!fps[d])
			return js_error_set(err, EX_NOINPUT, "%s: cannot open: %s (is %s a sweep folder?)", path,
					    strerror(errno), ix->dirs[d]);
		struct sweep_plan j;
		off_t start, good_end;
		int torn;
		int rc = journal_header_read(fps[d], path, &j, &start, &torn, err);
		if (rc == 0) {
			/* a shard's journal belongs to the whole sweep: compare all but the shard */
			unsigned k = j.shard_k, n = j.shard_n;
			j.shard_k = p->shard_k;
			j.shard_n = p->shard_n;
			rc = journal_check_same(&j, p, path, err);
			j.shard_k = k;
			j.shard_n = n;
		}
		ix->current = (int)d;
		if (rc == 0)
			rc = journal_scan(fps[d], path, &j, start, index_record, ix, &good_end, &torn, err);
		sweep_plan_fini(&j);
		if (rc != 0)
			return -1;
	}
	size_t missing = 0;
	char list[512] = "";
	for (size_t i = 0; i < p->n_points; i++)
		if (sweep_point_in_shard(p, i) && ix->which[i] < 0) {
			if (missing < MISSING_SHOWN) {
				size_t l = strlen(list);
				snprintf(list + l, sizeof list - l, "%s%zu", missing ? ", " : "", i);
			}
			missing++;
		}
	if (missing)
		return js_error_set(err, EX_DATAERR,
				    "%zu of the %zu points %s missing from the journal%s (points %s%s): %s", missing,
				    p->n_points, missing == 1 ? "is" : "are", ix->n_dirs > 1 ? "s" : "", list,
				    missing > MISSING_SHOWN ? ", ..." : "",
				    ix->n_dirs > 1 ? "run (or resume) the shards that hold them, and merge all of them"
						   : "resume the sweep (--resume) to run them");
	return 0;
}

/* ---- the files ---- */

void plan_put_parameters(struct json_out *j, const struct sweep_plan *p)
{
	json_out_array(j, "parameters", 0);
	for (size_t k = 0; k < p->n_params; k++) {
		const struct sweep_param *prm = &p->params[k];
		json_out_object(j, NULL);
		char label[160], unit[64], shown[128];
		scenario_param_label(prm->path, label, sizeof label, unit, sizeof unit);
		json_out_string(j, "path", prm->path);
		json_out_string(j, "label", label);
		json_out_string(j, "unit", output_unit(shown, sizeof shown, prm->unit, p->currency));
		json_out_bool(j, "integer", prm->integer);
		switch (prm->kind) {
		case SWEEP_LIST:
			json_out_array(j, "values", 1);
			for (size_t i = 0; i < prm->n_levels; i++)
				json_out_number(j, NULL, prm->levels[i]);
			json_out_close(j);
			break;
		case SWEEP_RANGE_STEP:
		case SWEEP_RANGE_COUNT:
			json_out_number(j, "from", prm->from);
			json_out_number(j, "to", prm->to);
			if (prm->kind == SWEEP_RANGE_STEP)
				json_out_number(j, "step", prm->step);
			else
				json_out_uint(j, "count", prm->count);
			break;
		case SWEEP_BOUNDS:
			json_out_number(j, "low", prm->low);
			json_out_number(j, "high", prm->high);
			if (p->design == SWEEP_OAT)
				json_out_number(j, "base", prm->base);
			break;
		}
		if (prm->n_levels)
			json_out_uint(j, "levels", prm->n_levels);
		json_out_close(j);
	}
	json_out_close(j);
}

static int write_manifest(const struct sweep_plan *p, const char *out, struct js_error *err)
{
	return sweep_manifest_write(p, out, NULL, NULL, err);
}

int sweep_manifest_write(const struct sweep_plan *p, const char *out, sweep_manifest_fn extra, const void *ctx,
			 struct js_error *err)
{
	char path[OUT_PATH_MAX], shard[32], created[64] = "";
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde && output_created_time(created, sizeof created, err) != 0)
		return -1;
	struct out_file o;
	if (path_join(path, sizeof path, out, "manifest.json", err) != 0 || out_file_open(&o, path, err) != 0)
		return -1;
	struct json_out j;
	json_out_begin(&j, o.fp);
	json_out_string(&j, "version", p->version);
	json_out_string(&j, "design", sweep_design_names[p->design]);
	plan_put_parameters(&j, p);
	json_out_uint(&j, "seed", (unsigned long long)p->seed);
	json_out_string(&j, "seeds", p->seeds_per_point ? "per_point" : "common");
	json_out_uint(&j, "replications", p->replications);
	json_out_uint(&j, "points", p->n_points);
	snprintf(shard, sizeof shard, "%u/%u", p->shard_k, p->shard_n);
	json_out_string(&j, "shard", shard);
	json_out_string(&j, "config", p->config);
	json_out_string(&j, "config_sha256", p->config_sha256);
	json_out_string(&j, "resolved_sha256", p->resolved_sha256);
	json_out_array(&j, "scenarios", 1);
	for (size_t s = 0; s < p->n_scenarios; s++)
		json_out_string(&j, NULL, p->scenarios[s]);
	json_out_close(&j);
	json_out_string(&j, "baseline", p->scenarios[0]);
	json_out_array(&j, "metrics", 1);
	for (size_t k = 0; k < p->n_metrics; k++)
		json_out_string(&j, NULL, metric_table[p->metrics[k]].name);
	json_out_close(&j);
	json_out_number(&j, "horizon_days", p->horizon);
	json_out_number(&j, "warmup_days", p->warmup);
	json_out_string(&j, "currency", p->currency);
	struct objective obj;
	char why[256];
	if (objective_parse(p->objective[0] ? p->objective : "margin", &obj, why, sizeof why) == 0)
		output_objective_json(&j, &obj, p->currency);
	json_out_string(&j, "metric", metric_table[sweep_focus_metric(p)].name);
	if (p->contrast[0] >= 0 && (size_t)p->contrast[0] < p->n_scenarios && (size_t)p->contrast[1] < p->n_scenarios) {
		json_out_array(&j, "contrast", 1);
		json_out_string(&j, NULL, p->scenarios[p->contrast[0]]);
		json_out_string(&j, NULL, p->scenarios[p->contrast[1]]);
		json_out_close(&j);
	} else {
		json_out_format(&j, "contrast", "null");
	}
	if (extra)
		extra(&j, ctx);
	if (created[0])
		json_out_string(&j, "created", created);
	json_out_end(&j);
	return out_file_commit(&o, err);
}

static int write_points(const struct sweep_plan *p, const char *out, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	struct out_file o;
	/* a decide's points are its worlds */
	int worlds = p->design == SWEEP_WORLDS;
	if (path_join(path, sizeof path, out, worlds ? "worlds.csv" : "points.csv", err) != 0 ||
	    out_file_open(&o, path, err) != 0)
		return -1;
	fputs(worlds ? "world" : "point", o.fp);
	for (size_t j = 0; j < p->n_params; j++) {
		fputc(',', o.fp);
		csv_put_text(o.fp, p->params[j].path);
	}
	fputc('\n', o.fp);
	for (size_t i = 0; i < p->n_points; i++) {
		if (!sweep_point_in_shard(p, i))
			continue;
		fprintf(o.fp, "%zu", i);
		for (size_t j = 0; j < p->n_params; j++) {
			fputc(',', o.fp);
			csv_put_number(o.fp, sweep_point_value(p, i, j));
		}
		fputc('\n', o.fp);
	}
	return out_file_commit(&o, err);
}

/* The rows of one point in the three tables; fills sum and diff [s * M + m]. */
static void point_rows(const struct sweep_plan *p, size_t point, const double *v, double *col_a, double *col_b,
		       FILE *res, FILE *sumf, FILE *difff, struct summary *sum, struct summary *diff,
		       struct summary *contrast)
{
	size_t R = p->replications, M = p->n_metrics;
	char unit[128], num[40];
	for (size_t s = 0; s < p->n_scenarios; s++)
		for (size_t r = 0; r < R; r++)
			for (size_t k = 0; k < M; k++) {
				fprintf(res, "%zu,", point);
				csv_put_text(res, p->scenarios[s]);
				fprintf(res, ",%zu,", r + 1);
				csv_put_text(res, metric_table[p->metrics[k]].name);
				fprintf(res, ",%s\n", csv_format_number(num, sizeof num, v[(s * R + r) * M + k]));
			}
	for (size_t s = 0; s < p->n_scenarios; s++)
		for (size_t k = 0; k < M; k++) {
			for (size_t r = 0; r < R; r++) {
				col_a[r] = v[(s * R + r) * M + k];
				col_b[r] = v[r * M + k];
			}
			struct summary *sm = &sum[s * M + k], *dm = &diff[s * M + k];
			stats_summarise(col_a, R, sm);
			stats_paired(col_a, col_b, R, dm);
			const char *name = metric_table[p->metrics[k]].name;
			plan_metric_unit(p, p->metrics[k], unit, sizeof unit);
			const char *fields[4] = {p->scenarios[s], p->scenarios[0], name, unit};
			fprintf(sumf, "%zu,", point);
			csv_put_text(sumf, fields[0]);
			fputc(',', sumf);
			csv_put_texts(sumf, fields + 2, 2);
			output_put_stats(sumf, sm, 1);
			fprintf(difff, "%zu,", point);
			csv_put_texts(difff, fields, 4);
			output_put_stats(difff, dm, 0);
		}
	/* the contrast A-B, paired replication by replication */
	for (size_t k = 0; contrast && k < M; k++) {
		for (size_t r = 0; r < R; r++) {
			col_a[r] = v[((size_t)p->contrast[0] * R + r) * M + k];
			col_b[r] = v[((size_t)p->contrast[1] * R + r) * M + k];
		}
		stats_paired(col_a, col_b, R, &contrast[k]);
	}
}

/* With sweep.periods: the rows of one point in periods.csv (pf) and
 * period_diffs.csv (df), as a run's (docs/outputs.md) with the point first;
 * only the periods of the point's own window. */
static void period_rows(const struct sweep_plan *p, size_t point, const double *v, double *col_a, double *col_b,
			FILE *pf, FILE *df)
{
	size_t R = p->replications;
	struct run_settings run;
	param_point_run(p, point, &run);
	size_t n = journey_period_count(&run);
	for (size_t s = 0; s < p->n_scenarios; s++)
		for (size_t k = 0; k < n && k < p->n_periods; k++) {
			double span[2];
			int partial;
			journey_period_span(&run, k, &span[0], &span[1], &partial);
			for (size_t pm = 0; pm < PM_COUNT; pm++) {
				for (size_t r = 0; r < R; r++) {
					col_a[r] = v[plan_period_value(p, s, r, k, pm)];
					col_b[r] = v[plan_period_value(p, 0, r, k, pm)];
				}
				char unit[128];
				output_unit(unit, sizeof unit, journey_period_unit((enum period_metric)pm), p->currency);
				const char *fields[2] = {period_metric_table[pm].name, unit};
				for (int d = 0; d < 2; d++) {
					FILE *fp = d ? df : pf;
					struct summary sm;
					if (d && s == 0)
						continue; /* no difference of the baseline to itself */
					if (d)
						stats_paired(col_a, col_b, R, &sm);
					else
						stats_summarise(col_a, R, &sm);
					fprintf(fp, "%zu,", point);
					csv_put_text(fp, p->scenarios[s]);
					if (d) {
						fputc(',', fp);
						csv_put_text(fp, p->scenarios[0]);
					}
					fprintf(fp, ",%zu", k + 1);
					csv_put_numbers(fp, span, 2);
					fprintf(fp, ",%d,", partial);
					csv_put_texts(fp, fields, 2);
					output_put_stats(fp, &sm, 0);
				}
			}
		}
}

static int write_tables(const struct sweep_plan *p, struct index *ix, FILE **fps, const char *out,
			struct analysis *an, struct js_error *err)
{
	static const char *const names[5] = {"results.csv", "summary.csv", "diffs.csv", "periods.csv",
					     "period_diffs.csv"};
	static const char *const heads[5] = {
		"point,scenario,replication,metric,value\n",
		"point,scenario,metric,unit,mean,sd,ci95_low,ci95_high,n\n",
		"point,scenario,baseline,metric,unit,mean_diff,ci95_low,ci95_high,n\n",
		"point,scenario,period,start_day,end_day,partial,metric,unit,mean,ci95_low,ci95_high,n\n",
		"point,scenario,baseline,period,start_day,end_day,partial,metric,unit,mean_diff,ci95_low,ci95_high,n\n"};
	struct out_file o[5];
	int files = p->n_periods ? 5 : 3; /* periods.csv and period_diffs.csv with sweep.periods */
	int opened = 0, rc = -1;
	size_t nv = plan_values_per_point(p), cells = p->n_scenarios * p->n_metrics;
	double *v = malloc(nv * sizeof *v);
	double *col = malloc(2 * p->replications * sizeof *col);
	struct summary *sum = malloc((2 * cells + p->n_metrics) * sizeof *sum);
	struct summary *contrast = p->contrast[0] >= 0 ? sum + 2 * cells : NULL;
	char *line = NULL;
	size_t cap = 0;
	if (!v || !col || !sum) {
		js_error_set(err, EX_OSERR, "out of memory for one point's %zu values", nv);
		goto out;
	}
	for (; opened < files; opened++) {
		char path[OUT_PATH_MAX];
		if (path_join(path, sizeof path, out, names[opened], err) != 0 ||
		    out_file_open(&o[opened], path, err) != 0)
			goto out;
		fputs(heads[opened], o[opened].fp);
	}
	for (size_t i = 0; i < p->n_points; i++) {
		if (!sweep_point_in_shard(p, i))
			continue;
		int d = ix->which[i];
		char path[OUT_PATH_MAX];
		if (path_join(path, sizeof path, ix->dirs[d], JOURNAL_NAME, err) != 0 ||
		    journal_read_at(fps[d], path, p, ix->offset[i], i, v, &line, &cap, err) != 0)
			goto out;
		point_rows(p, i, v, col, col + p->replications, o[0].fp, o[1].fp, o[2].fp, sum, sum + cells, contrast);
		if (p->n_periods)
			period_rows(p, i, v, col, col + p->replications, o[3].fp, o[4].fp);
		if (an)
			analysis_point(an, i, sum, sum + cells, contrast);
	}
	rc = 0;
	for (int k = 0; k < files; k++) {
		if (rc == 0 && out_file_commit(&o[k], err) != 0)
			rc = -1;
		else if (rc != 0)
			out_file_abort(&o[k]);
	}
	opened = 0;
out:
	for (int k = 0; k < opened; k++)
		out_file_abort(&o[k]);
	free(line);
	free(v);
	free(col);
	free(sum);
	return rc;
}

/* The index of the journals DIRS (index_build) and their open files; index_close frees both. */
static int index_open(struct index *ix, FILE ***fps, const struct sweep_plan *p, const char *const *dirs,
		      size_t n_dirs, struct js_error *err)
{
	*ix = (struct index){p, n_dirs, dirs, calloc(p->n_points, sizeof(int)), calloc(p->n_points, sizeof(off_t)), 0};
	*fps = calloc(n_dirs ? n_dirs : 1, sizeof **fps);
	if (!ix->which || !ix->offset || !*fps)
		return js_error_set(err, EX_OSERR, "out of memory for %zu points", p->n_points);
	return index_build(ix, *fps, err);
}

static void index_close(struct index *ix, FILE **fps)
{
	for (size_t d = 0; fps && d < ix->n_dirs; d++)
		if (fps[d])
			fclose(fps[d]);
	free(fps);
	free(ix->which);
	free(ix->offset);
}

int sweep_outputs_write(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, const char *out,
			struct sweep_report *rep, struct js_error *err)
{
	if (rep)
		memset(rep, 0, sizeof *rep);
	struct index ix;
	FILE **fps;
	struct analysis *an = NULL;
	int rc = -1;
	if (index_open(&ix, &fps, p, dirs, n_dirs, err) != 0)
		goto out;
	if (p->shard_n == 1 && p->design != SWEEP_WORLDS && analysis_alloc(p, &an, err) != 0)
		goto out;
	if (write_points(p, out, err) != 0 || write_tables(p, &ix, fps, out, an, err) != 0 ||
	    write_manifest(p, out, err) != 0)
		goto out;
	if (an && analysis_write(an, out, rep, err) != 0)
		goto out;
	rc = 0;
out:
	analysis_free(an);
	index_close(&ix, fps);
	return rc;
}

int sweep_journals_each(const struct sweep_plan *p, const char *const *dirs, size_t n_dirs, sweep_point_fn fn,
			void *ctx, struct js_error *err)
{
	struct index ix;
	FILE **fps;
	double *v = malloc((plan_values_per_point(p) + 1) * sizeof *v);
	char *line = NULL;
	size_t cap = 0;
	int rc = -1;
	if (index_open(&ix, &fps, p, dirs, n_dirs, err) != 0)
		goto out;
	if (!v) {
		js_error_set(err, EX_OSERR, "out of memory for one point's values");
		goto out;
	}
	for (size_t i = 0; i < p->n_points; i++) {
		if (!sweep_point_in_shard(p, i))
			continue;
		int d = ix.which[i];
		char path[OUT_PATH_MAX];
		if (path_join(path, sizeof path, dirs[d], JOURNAL_NAME, err) != 0 ||
		    journal_read_at(fps[d], path, p, ix.offset[i], i, v, &line, &cap, err) != 0 ||
		    fn(ctx, i, v, err) != 0)
			goto out;
	}
	rc = 0;
out:
	index_close(&ix, fps);
	free(v);
	free(line);
	return rc;
}
