/*
 * output.c - the result files of a run (docs/outputs.md is their contract).
 *
 * Rows come in a fixed order (scenarios as in the file, metrics as in
 * metrics.h, replications rising) and numbers in a round-trip format, so the
 * same results always give the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "output.h"
#include "settings.h"

/* ---- units and currency ---- */

char *output_unit(char *buf, size_t len, const char *unit, const char *currency)
{
	const char *money = "money";
	size_t mlen = strlen(money);
	if (!currency || !*currency)
		currency = money;
	size_t k = 0;
	if (len == 0)
		return buf;
	for (const char *p = unit; *p && k + 1 < len;) {
		if (strncmp(p, money, mlen) == 0) {
			for (const char *c = currency; *c && k + 1 < len; c++)
				buf[k++] = *c;
			p += mlen;
		} else {
			buf[k++] = *p++;
		}
	}
	buf[k] = 0;
	return buf;
}

const char *output_currency(const struct experiment *x)
{
	return x->n_scenarios ? x->file->scenarios[0].company.currency : "";
}

/* ---- writing one file ---- */

/* Writes the rows of one file; 0, or -1 when memory is short. */
typedef int (*write_rows)(const struct experiment *x, FILE *fp, const void *arg);

/* dir/name, atomically: its header line (if any), then its rows. */
static int write_file(const char *dir, const char *name, const char *header, const struct experiment *x,
		      write_rows rows, const void *arg, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	struct out_file o;
	if (path_join(path, sizeof path, dir, name, err) != 0 || out_file_open(&o, path, err) != 0)
		return -1;
	if (header)
		fputs(header, o.fp);
	if (rows(x, o.fp, arg) != 0) {
		out_file_abort(&o);
		return js_error_set(err, EX_OSERR, "%s: out of memory", path);
	}
	return out_file_commit(&o, err);
}

static const char *scenario_name(const struct experiment *x, size_t s)
{
	return x->file->scenarios[s].name;
}

/* ---- summary.csv and diffs.csv ---- */

void output_put_stats(FILE *fp, const struct summary *sm, int with_sd)
{
	double v[4] = {sm->mean, sm->sd, sm->ci_low, sm->ci_high};
	if (!with_sd) { /* mean, ci95_low, ci95_high */
		v[1] = v[2];
		v[2] = v[3];
	}
	csv_put_numbers(fp, v, with_sd ? 4 : 3);
	fprintf(fp, ",%u\n", sm->n);
}

/* One row per scenario and metric: its summary, or its difference to the
 * baseline (a column more: the baseline's name; a column less: no sd). */
static void rows_stats(const struct experiment *x, FILE *fp, int diff)
{
	char unit[128];
	const char *cur = output_currency(x);
	for (size_t s = 0; s < x->n_scenarios; s++)
		for (int m = 0; m < METRIC_COUNT; m++) {
			struct summary sm;
			if (diff)
				experiment_diff(x, s, m, &sm);
			else
				experiment_summary(x, s, m, &sm);
			const char *fields[4] = {scenario_name(x, s), scenario_name(x, 0), metric_table[m].name,
						 output_unit(unit, sizeof unit, metric_table[m].unit, cur)};
			if (!diff)
				fields[1] = fields[0];
			csv_put_texts(fp, fields + !diff, 4 - (size_t)!diff);
			output_put_stats(fp, &sm, !diff);
		}
}

/* A weighted objective is a metric row "objective" of its own for each
 * scenario, after every metric row, so that the metric rows keep their
 * places (and their bytes). */
static void rows_objective(const struct experiment *x, FILE *fp, const struct objective *o, int diff)
{
	if (!o || objective_single(o))
		return;
	char unit[128];
	const char *cur = output_currency(x);
	output_unit(unit, sizeof unit, metric_table[o->metric].unit, cur);
	for (size_t s = 0; s < x->n_scenarios; s++) {
		struct summary sm;
		if (diff)
			experiment_objective_diff(x, o, s, 0, &sm);
		else
			experiment_objective_summary(x, o, s, &sm);
		const char *fields[4] = {scenario_name(x, s), scenario_name(x, 0), "objective", unit};
		if (!diff)
			fields[1] = fields[0];
		csv_put_texts(fp, fields + !diff, 4 - (size_t)!diff);
		output_put_stats(fp, &sm, !diff);
	}
}

static int rows_summary(const struct experiment *x, FILE *fp, const void *arg)
{
	const struct output_meta *meta = arg;
	rows_stats(x, fp, 0);
	rows_objective(x, fp, meta->objective, 0);
	return 0;
}

static int rows_diffs(const struct experiment *x, FILE *fp, const void *arg)
{
	const struct output_meta *meta = arg;
	rows_stats(x, fp, 1);
	rows_objective(x, fp, meta->objective, 1);
	return 0;
}

/* ---- replications.csv ---- */

static int rows_replications(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	for (size_t s = 0; s < x->n_scenarios; s++)
		for (unsigned r = 0; r < x->replications; r++) {
			const struct rep_result *res = &x->results[s * x->replications + r];
			for (int m = 0; m < METRIC_COUNT; m++) {
				csv_put_text(fp, scenario_name(x, s));
				fprintf(fp, ",%u,", r + 1);
				csv_put_text(fp, metric_table[m].name);
				fputc(',', fp);
				csv_put_number(fp, res->metrics[m]);
				fputc('\n', fp);
			}
		}
	return 0;
}

/* ---- timeseries.csv ---- */

static int rows_timeseries(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	unsigned reps = x->replications;
	double *v = malloc(reps * sizeof *v);
	if (!v)
		return -1;
	for (size_t s = 0; s < x->n_scenarios; s++) {
		const struct rep_result *first = &x->results[s * reps];
		size_t n = first->n_samples;
		double step = first->sample_every;
		for (size_t i = 0; i < n; i++) {
			double day = (double)(i + 1) * step;
			if (day > x->file->run.horizon)
				day = x->file->run.horizon;
			for (int k = 0; k < SERIES_COUNT; k++) {
				for (unsigned r = 0; r < reps; r++)
					v[r] = x->results[s * reps + r].series[(size_t)k * n + i];
				struct summary sm;
				stats_summarise(v, reps, &sm);
				csv_put_text(fp, scenario_name(x, s));
				fputc(',', fp);
				csv_put_number(fp, day);
				fputc(',', fp);
				csv_put_text(fp, series_table[k].name);
				const double stats[3] = {sm.mean, sm.ci_low, sm.ci_high};
				csv_put_numbers(fp, stats, 3);
				fputc('\n', fp);
			}
		}
	}
	free(v);
	return 0;
}

/* Every replication of a scenario samples the same days. */
static int check_timeseries(const struct experiment *x, struct js_error *err)
{
	for (size_t s = 0; s < x->n_scenarios; s++) {
		const struct rep_result *first = &x->results[s * x->replications];
		for (unsigned r = 0; r < x->replications; r++) {
			const struct rep_result *res = &x->results[s * x->replications + r];
			if (res->n_samples != first->n_samples || res->sample_every != first->sample_every ||
			    (res->n_samples > 0 && !res->series))
				return js_error_set(err, EX_SOFTWARE,
						    "scenario '%s': replications disagree on the time series",
						    scenario_name(x, s));
		}
	}
	return 0;
}

/* ---- distributions.csv ---- */

static int rows_distributions(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	unsigned reps = x->replications;
	for (size_t s = 0; s < x->n_scenarios; s++)
		for (int h = 0; h < HIST_COUNT; h++)
			for (int b = 0; b < HIST_BINS; b++) {
				/* The mean share over replications, by a plain sum in
				 * replication order (deterministic). */
				double sum = 0;
				unsigned n = 0;
				for (unsigned r = 0; r < reps; r++) {
					double v = x->results[s * reps + r].hist[h][b];
					if (!isnan(v)) {
						sum += v;
						n++;
					}
				}
				const struct hist_info *hi = &hist_table[h];
				csv_put_text(fp, scenario_name(x, s));
				fputc(',', fp);
				csv_put_text(fp, hi->name);
				fputc(',', fp);
				csv_put_number(fp, hi->low + b * hi->width);
				fputc(',', fp);
				if (b + 1 < HIST_BINS)
					csv_put_number(fp, hi->low + (b + 1) * hi->width);
				fputc(',', fp);
				csv_put_number(fp, n ? sum / n : NAN);
				fputc('\n', fp);
			}
	return 0;
}

/* ---- trace.csv ---- */

static int rows_trace(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	for (size_t s = 0; s < x->n_scenarios; s++) {
		const struct rep_result *res = &x->results[s * x->replications];
		if (!res->trace)
			continue;
		const char *p = res->trace, *end = res->trace + res->trace_len;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (len > 0) {
				csv_put_text(fp, scenario_name(x, s));
				fputc(',', fp);
				fwrite(p, 1, len, fp);
				fputc('\n', fp);
			}
			p += len + 1;
		}
	}
	return 0;
}

/* ---- run.json ---- */

/* The sha256 of the config as the loader recorded it, or computed here. */
static int config_sha256(const struct scenario_file *f, char out[65], struct js_error *err)
{
	if (f->sha256[0]) {
		snprintf(out, 65, "%s", f->sha256);
		return 0;
	}
	gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(f->path, &data, &len, NULL))
		return js_error_set(err, EX_NOINPUT, "cannot read %s", f->path);
	gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	g_free(data);
	if (!hex)
		return js_error_set(err, EX_SOFTWARE, "cannot compute the sha256 of %s", f->path);
	snprintf(out, 65, "%s", hex);
	g_free(hex);
	return 0;
}

void output_objective_json(struct json_out *j, const struct objective *o, const char *currency)
{
	const struct metric_info *m = &metric_table[o->metric];
	char unit[128], text[OBJECTIVE_TEXT_LEN * 2];
	json_out_object(j, "objective");
	json_out_string(j, "metric", m->name);
	json_out_string(j, "label", objective_single(o) ? m->label : "Objective");
	json_out_string(j, "unit", output_unit(unit, sizeof unit, m->unit, currency));
	json_out_string(j, "better", o->better > 0 ? "higher" : "lower");
	json_out_array(j, "weights", 0);
	for (size_t i = 0; i < o->n_weights; i++) {
		json_out_object(j, NULL);
		json_out_string(j, "metric", metric_table[o->weight_metric[i]].name);
		json_out_number(j, "per_unit", o->weight[i]);
		json_out_close(j);
	}
	json_out_close(j);
	objective_text(o, currency, text, sizeof text);
	json_out_string(j, "text", text);
	json_out_close(j);
}

void output_assumptions_count(const struct scenario_file *f, size_t *key, size_t *defaults)
{
	*key = *defaults = 0;
	for (size_t i = 0; i < schema_company.n && i < SCENARIO_SETTINGS_MAX; i++)
		if (schema_company.entries[i].flags & SCHEMA_KEY) {
			++*key;
			*defaults += !f->company_set[i];
		}
}

/* "assumptions": the key assumptions, and which of them the file set. */
static void rows_assumptions(struct json_out *j, const struct scenario_file *f)
{
	size_t key, defaults;
	output_assumptions_count(f, &key, &defaults);
	json_out_object(j, "assumptions");
	json_out_uint(j, "key", key);
	json_out_uint(j, "defaults", defaults);
	json_out_array(j, "list", 0);
	for (size_t i = 0; i < schema_company.n && i < SCENARIO_SETTINGS_MAX; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (!(e->flags & SCHEMA_KEY))
			continue;
		char path[160];
		snprintf(path, sizeof path, "company.%s", e->path);
		json_out_object(j, NULL);
		json_out_string(j, "path", path);
		json_out_string(j, "label", e->label);
		json_out_bool(j, "set_by_user", f->company_set[i]);
		json_out_bool(j, "illustrative", (e->flags & SCHEMA_ILLUSTRATIVE) != 0);
		json_out_close(j);
	}
	json_out_close(j);
	json_out_close(j);
}

struct manifest_arg {
	const struct output_meta *meta;
	const char *sha256;
};

/* One field per line, so that tools (and tests) can drop the fields that
 * differ between runs of the same file and seed: command_line, created and
 * wall_time_seconds. */
static int rows_manifest(const struct experiment *x, FILE *fp, const void *arg)
{
	const struct manifest_arg *ma = arg;
	const struct output_meta *meta = ma->meta;
	const struct scenario_file *f = x->file;
	struct json_out j;

	json_out_begin(&j, fp);
	json_out_provenance(&j, meta->version, meta->argc, meta->argv, meta->created, meta->wall_seconds);
	json_out_uint(&j, "seed", (unsigned long long)f->run.seed);
	json_out_string(&j, "config", f->path);
	json_out_string(&j, "config_sha256", ma->sha256);
	json_out_array(&j, "scenarios", 1);
	for (size_t s = 0; s < x->n_scenarios; s++)
		json_out_string(&j, NULL, scenario_name(x, s));
	json_out_close(&j);
	json_out_string(&j, "baseline", x->n_scenarios ? scenario_name(x, 0) : "");
	json_out_uint(&j, "replications", x->replications);
	json_out_number(&j, "horizon_days", f->run.horizon);
	json_out_number(&j, "warmup_days", f->run.warmup);
	json_out_number(&j, "period_days", journey_period_days(&f->run));
	json_out_number(&j, "sample_every_days",
			x->n_scenarios && x->replications ? x->results[0].sample_every : 0);
	json_out_string(&j, "currency", output_currency(x));
	json_out_uint(&j, "trace_customers", (unsigned long long)meta->trace_customers);
	if (meta->objective)
		output_objective_json(&j, meta->objective, output_currency(x));
	if (meta->ranking) {
		json_out_array(&j, "ranking", 0);
		for (size_t i = 0; i < x->n_scenarios; i++) {
			const struct rank_entry *e = &meta->ranking[i];
			json_out_object(&j, NULL);
			json_out_string(&j, "scenario", scenario_name(x, e->scenario));
			json_out_uint(&j, "rank", i + 1);
			json_out_number(&j, "value", e->value);
			json_out_number(&j, "diff_to_next", e->diff.mean);
			json_out_number(&j, "diff_ci95_low", e->diff.ci_low);
			json_out_number(&j, "diff_ci95_high", e->diff.ci_high);
			json_out_bool(&j, "significant", e->significant);
			json_out_close(&j);
		}
		json_out_close(&j);
	}
	if (x->n_scenarios > 1) { /* payback.days of each scenario against the baseline */
		json_out_array(&j, "payback", 0);
		for (size_t s = 1; s < x->n_scenarios; s++) {
			struct summary pb;
			experiment_payback(x, s, &pb);
			json_out_object(&j, NULL);
			json_out_string(&j, "scenario", scenario_name(x, s));
			json_out_string(&j, "baseline", scenario_name(x, 0));
			if (isnan(pb.mean))
				json_out_string(&j, "payback", "not within the horizon");
			else
				json_out_number(&j, "payback", pb.mean);
			json_out_number(&j, "ci95_low", pb.ci_low);
			json_out_number(&j, "ci95_high", pb.ci_high);
			json_out_string(&j, "unit", "days since the window start");
			json_out_close(&j);
		}
		json_out_close(&j);
	}
	rows_assumptions(&j, f);
	json_out_array(&j, "warnings", 0);
	for (size_t i = 0; i < meta->n_warnings; i++) {
		const struct capacity_warning *w = &meta->warnings[i];
		json_out_object(&j, NULL);
		json_out_string(&j, "scenario", scenario_name(x, w->scenario));
		json_out_string(&j, "pool", pool_names[w->pool]);
		json_out_string(&j, "kind", capacity_kind_names[w->kind]);
		json_out_number(&j, "from_day", w->from_day);
		json_out_number(&j, "utilisation", w->utilisation);
		json_out_string(&j, "text", w->text);
		json_out_close(&j);
	}
	json_out_close(&j);
	if (meta->staffing && meta->staffing->n > 0) {
		json_out_object(&j, "staffing_search");
		json_out_uint(&j, "pools", meta->staffing->n);
		json_out_uint(&j, "candidates", meta->staffing->candidates);
		json_out_uint(&j, "replications", (unsigned long long)meta->staffing->replications);
		json_out_close(&j);
	}
	json_out_string(&j, "interval_note", OUTPUT_INTERVAL_NOTE);
	json_out_end(&j);
	return 0;
}

/* ---- staffing.csv: what the staffing rules chose ---- */

static int rows_staffing(const struct experiment *x, FILE *fp, const void *arg)
{
	const struct output_meta *meta = arg;
	const struct staffing_report *rep = meta->staffing;
	for (size_t i = 0; i < rep->n; i++) {
		const struct staffing_choice *ch = &rep->choice[i];
		const struct staffing *st = &company_pool(&x->file->scenarios[ch->scenario].company, ch->pool)->staffing;
		struct summary sm;
		experiment_summary(x, ch->scenario, METRIC_OF_POOL(M_SALES_SERVICE_LEVEL, ch->pool), &sm);
		csv_put_text(fp, scenario_name(x, ch->scenario));
		fprintf(fp, ",%s,%s", pool_names[ch->pool], staffing_rule_names[ch->rule]);
		double v[2] = {st->within, st->share};
		csv_put_numbers(fp, v, 2);
		fprintf(fp, ",%u,%u,%u", st->max_servers, ch->estimate, ch->servers);
		double w[3] = {sm.mean, sm.ci_low, sm.ci_high};
		csv_put_numbers(fp, w, 3);
		fputc('\n', fp);
	}
	return 0;
}

/* The tables of a run, in the order they are written (docs/outputs.md). */
static const struct result_table {
	const char *name, *header;
	write_rows rows;
	int traced_only; /* written only with --trace */
} result_tables[] = {
	{"summary.csv", "scenario,metric,unit,mean,sd,ci95_low,ci95_high,n\n", rows_summary, 0},
	{"diffs.csv", "scenario,baseline,metric,unit,mean_diff,ci95_low,ci95_high,n\n", rows_diffs, 0},
	{"replications.csv", "scenario,replication,metric,value\n", rows_replications, 0},
	{"timeseries.csv", "scenario,day,series,mean,ci95_low,ci95_high\n", rows_timeseries, 0},
	{"distributions.csv", "scenario,variable,bin_low,bin_high,share\n", rows_distributions, 0},
	{"periods.csv", "scenario,period,start_day,end_day,partial,metric,unit,mean,ci95_low,ci95_high,n\n",
	 output_rows_periods, 0},
	{"period_diffs.csv",
	 "scenario,baseline,period,start_day,end_day,partial,metric,unit,mean_diff,ci95_low,ci95_high,n\n",
	 output_rows_period_diffs, 0},
	{"cumulative.csv", "scenario,baseline,day,metric,mean_diff,ci95_low,ci95_high,n\n", output_rows_cumulative, 0},
	{"trace.csv", "scenario,time,customer,stage,event,detail\n", rows_trace, 1},
};

int output_write_results(const struct experiment *x, const struct output_meta *meta, const char *dir,
			 struct js_error *err)
{
	if (check_timeseries(x, err) != 0)
		return -1;
	for (size_t i = 0; i < sizeof result_tables / sizeof result_tables[0]; i++) {
		const struct result_table *t = &result_tables[i];
		if (t->traced_only && meta->trace_customers == 0)
			continue;
		if (write_file(dir, t->name, t->header, x, t->rows, meta, err) != 0)
			return -1;
	}
	if (meta->staffing && meta->staffing->n > 0 &&
	    write_file(dir, "staffing.csv",
		       "scenario,pool,rule,within_days,share,max_servers,estimate,servers,service_level,ci95_low,"
		       "ci95_high\n",
		       x, rows_staffing, meta, err) != 0)
		return -1;
	char sha[65];
	if (config_sha256(x->file, sha, err) != 0)
		return -1;
	struct manifest_arg ma = {meta, sha};
	return write_file(dir, "run.json", NULL, x, rows_manifest, &ma, err);
}

int output_created_time(char *buf, size_t len, struct js_error *err)
{
	time_t t;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno || *end || v < 0)
			return js_error_set(err, EX_USAGE,
					    "SOURCE_DATE_EPOCH: expected a whole number of seconds, got '%s'", sde);
		t = (time_t)v;
	} else {
		t = time(NULL);
	}
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return js_error_set(err, EX_USAGE, "SOURCE_DATE_EPOCH: time out of range");
	return 0;
}
