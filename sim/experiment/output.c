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

/* ---- CSV and JSON pieces ---- */

char *csv_format_number(char *buf, size_t len, double v)
{
	if (isnan(v)) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	if (isinf(v)) {
		snprintf(buf, len, "%s", v > 0 ? "inf" : "-inf");
		return buf;
	}
	if (v == 0) /* also -0 */
		v = 0;
	/* The shortest of 15, 16 and 17 significant digits that reads back. */
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, len, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

void csv_put_number(FILE *fp, double v)
{
	char buf[40];
	fputs(csv_format_number(buf, sizeof buf, v), fp);
}

void csv_put_text(FILE *fp, const char *s)
{
	size_t n = strlen(s);
	int quote = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
	for (const char *p = s; *p && !quote; p++)
		quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
	if (!quote) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

void json_put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

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

static int write_file(const char *dir, const char *name, const struct experiment *x, write_rows rows,
		      const void *arg, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
		return js_error_set(err, EX_CANTCREAT, "%s/%s: path too long", dir, name);
	struct out_file o;
	if (out_file_open(&o, path, err) != 0)
		return -1;
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

static void put_summary_tail(FILE *fp, const struct summary *sm)
{
	fputc(',', fp);
	csv_put_number(fp, sm->mean);
	fputc(',', fp);
}

static int rows_summary(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	char unit[128];
	const char *cur = output_currency(x);
	fputs("scenario,metric,unit,mean,sd,ci95_low,ci95_high,n\n", fp);
	for (size_t s = 0; s < x->n_scenarios; s++)
		for (int m = 0; m < METRIC_COUNT; m++) {
			struct summary sm;
			experiment_summary(x, s, m, &sm);
			csv_put_text(fp, scenario_name(x, s));
			fputc(',', fp);
			csv_put_text(fp, metric_table[m].name);
			fputc(',', fp);
			csv_put_text(fp, output_unit(unit, sizeof unit, metric_table[m].unit, cur));
			put_summary_tail(fp, &sm);
			csv_put_number(fp, sm.sd);
			fputc(',', fp);
			csv_put_number(fp, sm.ci_low);
			fputc(',', fp);
			csv_put_number(fp, sm.ci_high);
			fprintf(fp, ",%u\n", sm.n);
		}
	return 0;
}

static int rows_diffs(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	char unit[128];
	const char *cur = output_currency(x);
	fputs("scenario,baseline,metric,unit,mean_diff,ci95_low,ci95_high,n\n", fp);
	for (size_t s = 0; s < x->n_scenarios; s++)
		for (int m = 0; m < METRIC_COUNT; m++) {
			struct summary sm;
			experiment_diff(x, s, m, &sm);
			csv_put_text(fp, scenario_name(x, s));
			fputc(',', fp);
			csv_put_text(fp, scenario_name(x, 0));
			fputc(',', fp);
			csv_put_text(fp, metric_table[m].name);
			fputc(',', fp);
			csv_put_text(fp, output_unit(unit, sizeof unit, metric_table[m].unit, cur));
			put_summary_tail(fp, &sm);
			csv_put_number(fp, sm.ci_low);
			fputc(',', fp);
			csv_put_number(fp, sm.ci_high);
			fprintf(fp, ",%u\n", sm.n);
		}
	return 0;
}

int output_write_summary(const struct experiment *x, const char *dir, struct js_error *err)
{
	return write_file(dir, "summary.csv", x, rows_summary, NULL, err);
}

int output_write_diffs(const struct experiment *x, const char *dir, struct js_error *err)
{
	return write_file(dir, "diffs.csv", x, rows_diffs, NULL, err);
}

/* ---- replications.csv ---- */

static int rows_replications(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	fputs("scenario,replication,metric,value\n", fp);
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

int output_write_replications(const struct experiment *x, const char *dir, struct js_error *err)
{
	return write_file(dir, "replications.csv", x, rows_replications, NULL, err);
}

/* ---- timeseries.csv ---- */

static int rows_timeseries(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	unsigned reps = x->replications;
	double *v = malloc(reps * sizeof *v);
	if (!v)
		return -1;
	fputs("scenario,day,series,mean,ci95_low,ci95_high\n", fp);
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
				put_summary_tail(fp, &sm);
				csv_put_number(fp, sm.ci_low);
				fputc(',', fp);
				csv_put_number(fp, sm.ci_high);
				fputc('\n', fp);
			}
		}
	}
	free(v);
	return 0;
}

int output_write_timeseries(const struct experiment *x, const char *dir, struct js_error *err)
{
	/* Every replication of a scenario samples the same days. */
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
	return write_file(dir, "timeseries.csv", x, rows_timeseries, NULL, err);
}

/* ---- distributions.csv ---- */

static int rows_distributions(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	unsigned reps = x->replications;
	fputs("scenario,variable,bin_low,bin_high,share\n", fp);
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

int output_write_distributions(const struct experiment *x, const char *dir, struct js_error *err)
{
	return write_file(dir, "distributions.csv", x, rows_distributions, NULL, err);
}

/* ---- trace.csv ---- */

static int rows_trace(const struct experiment *x, FILE *fp, const void *arg)
{
	(void)arg;
	fputs("scenario,time,customer,stage,event,detail\n", fp);
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

int output_write_trace(const struct experiment *x, const char *dir, struct js_error *err)
{
	return write_file(dir, "trace.csv", x, rows_trace, NULL, err);
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
	char num[40];

	fputs("{\n  \"version\": ", fp);
	json_put_string(fp, meta->version);
	fputs(",\n  \"command_line\": [", fp);
	for (int i = 0; i < meta->argc; i++) {
		if (i)
			fputs(", ", fp);
		json_put_string(fp, meta->argv[i]);
	}
	fputs("],\n  \"created\": ", fp);
	json_put_string(fp, meta->created);
	fprintf(fp, ",\n  \"wall_time_seconds\": %.3f", meta->wall_seconds);
	fprintf(fp, ",\n  \"seed\": %llu", (unsigned long long)f->run.seed);
	fputs(",\n  \"config\": ", fp);
	json_put_string(fp, f->path);
	fputs(",\n  \"config_sha256\": ", fp);
	json_put_string(fp, ma->sha256);
	fputs(",\n  \"scenarios\": [", fp);
	for (size_t s = 0; s < x->n_scenarios; s++) {
		if (s)
			fputs(", ", fp);
		json_put_string(fp, scenario_name(x, s));
	}
	fputs("],\n  \"baseline\": ", fp);
	json_put_string(fp, x->n_scenarios ? scenario_name(x, 0) : "");
	fprintf(fp, ",\n  \"replications\": %u", x->replications);
	fprintf(fp, ",\n  \"horizon_days\": %s", csv_format_number(num, sizeof num, f->run.horizon));
	fprintf(fp, ",\n  \"warmup_days\": %s", csv_format_number(num, sizeof num, f->run.warmup));
	double step = x->n_scenarios && x->replications ? x->results[0].sample_every : 0;
	fprintf(fp, ",\n  \"sample_every_days\": %s", csv_format_number(num, sizeof num, step));
	fputs(",\n  \"currency\": ", fp);
	json_put_string(fp, output_currency(x));
	fprintf(fp, ",\n  \"trace_customers\": %llu", (unsigned long long)meta->trace_customers);
	fputs("\n}\n", fp);
	return 0;
}

int output_write_manifest(const struct experiment *x, const struct output_meta *meta, const char *dir,
			  struct js_error *err)
{
	char sha[65];
	if (config_sha256(x->file, sha, err) != 0)
		return -1;
	struct manifest_arg ma = {meta, sha};
	return write_file(dir, "run.json", x, rows_manifest, &ma, err);
}

int output_write_results(const struct experiment *x, const struct output_meta *meta, const char *dir,
			 struct js_error *err)
{
	if (output_write_summary(x, dir, err) != 0 || output_write_diffs(x, dir, err) != 0 ||
	    output_write_replications(x, dir, err) != 0 || output_write_timeseries(x, dir, err) != 0 ||
	    output_write_distributions(x, dir, err) != 0)
		return -1;
	if (meta->trace_customers > 0 && output_write_trace(x, dir, err) != 0)
		return -1;
	return output_write_manifest(x, meta, dir, err);
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
