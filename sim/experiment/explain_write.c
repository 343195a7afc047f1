/*
 * explain_write.c - explain.csv and explain.json (docs/explain.md,
 * docs/outputs.md), each written atomically.
 */
#include <string.h>

#include "explain.h"
#include "output.h"

/* Writes one file of dir by fill; 0, or -1 with err. */
static int write_one(const char *dir, const char *name, void (*fill)(FILE *, const void *, const void *),
		     const void *x, const void *meta, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	struct out_file o;
	if (path_join(path, sizeof path, dir, name, err) != 0 || out_file_open(&o, path, err) != 0)
		return -1;
	fill(o.fp, x, meta);
	return out_file_commit(&o, err);
}

static void fill_csv(FILE *fp, const void *arg, const void *unused)
{
	(void)unused;
	const struct explain *x = arg;
	char contrast[2 * NAME_LEN + 2];
	snprintf(contrast, sizeof contrast, "%s-%s", x->a, x->b);
	fputs("contrast,metric,part,contribution,ci95_low,ci95_high,n\n", fp);
	for (size_t m = 0; m < x->n_metrics; m++)
		for (size_t t = 0; t < x->k + 2; t++) {
			const char *part = t < x->k ? explain_parts[x->part[t]].id : t == x->k ? "interaction" : "total";
			const char *fields[3] = {contrast, x->metrics[m].name, part};
			struct summary sm;
			explain_summary(x, m, t, &sm);
			csv_put_texts(fp, fields, 3);
			output_put_stats(fp, &sm, 0);
		}
}

static void fill_json(FILE *fp, const void *arg, const void *meta_arg)
{
	const struct explain *x = arg;
	const struct explain_meta *meta = meta_arg;
	char contrast[2 * NAME_LEN + 2], unit[128];
	snprintf(contrast, sizeof contrast, "%s-%s", x->a, x->b);
	struct json_out j;
	json_out_begin(&j, fp);
	json_out_string(&j, "contrast", contrast);
	json_out_string(&j, "a", x->a);
	json_out_string(&j, "b", x->b);
	json_out_array(&j, "parts", 0);
	for (int p = 0; p < EXPLAIN_PART_COUNT; p++) {
		json_out_object(&j, NULL);
		json_out_string(&j, "id", explain_parts[p].id);
		json_out_string(&j, "label", explain_parts[p].label);
		json_out_bool(&j, "differs", (x->differing >> p) & 1u);
		json_out_close(&j);
	}
	json_out_close(&j);
	json_out_array(&j, "metrics", 0);
	for (size_t m = 0; m < x->n_metrics; m++) {
		json_out_object(&j, NULL);
		json_out_string(&j, "name", x->metrics[m].name);
		json_out_string(&j, "unit", output_unit(unit, sizeof unit, metric_table[x->metrics[m].metric].unit,
							 meta->currency));
		json_out_close(&j);
	}
	json_out_close(&j);
	json_out_string(&j, "method", x->exact ? "exact" : "sampled");
	json_out_uint(&j, "permutations", x->permutations);
	json_out_uint(&j, "subsets", x->n_subsets);
	json_out_uint(&j, "replications", x->replications);
	json_out_uint(&j, "seed", (unsigned long long)meta->seed);
	json_out_string(&j, "config", meta->config);
	if (meta->objective)
		output_objective_json(&j, meta->objective, meta->currency);
	json_out_string(&j, "currency", meta->currency);
	json_out_provenance(&j, meta->version, meta->argc, meta->argv, meta->created, meta->wall_seconds);
	json_out_string(&j, "interval_note", OUTPUT_INTERVAL_NOTE);
	json_out_end(&j);
}

int explain_write(const struct explain *x, const struct explain_meta *meta, const char *dir, struct js_error *err)
{
	if (write_one(dir, "explain.csv", fill_csv, x, meta, err) != 0)
		return -1;
	return write_one(dir, "explain.json", fill_json, x, meta, err);
}
