/*
 * explain.c - `journeysim explain FILE --contrast A-B`: why A and B differ,
 * the paired difference of each headline KPI decomposed into the parts of the
 * ownership and company data (docs/explain.md). `run --explain A-B` does the
 * same beside a run, through explain_job_run.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "explain_cli.h"
#include "load.h"
#include "output.h"
#include "progress.h"
#include "run.h"
#include "table.h"

static const char *metric_label(const struct explain_metric *m)
{
	static const char *const labels[][2] = {
		{"margin", "margin"}, {"revenue.total", "revenue"}, {"cost.total", "cost"},
		{"experience.mean", "experience"}, {"experience.nps", "NPS"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], m->name) == 0)
			return labels[i][1];
	return m->name;
}

static const char *term_label(const struct explain *x, size_t t)
{
	return t < x->k ? explain_parts[x->part[t]].label : t == x->k ? "Interaction" : "Total (A - B)";
}

void explain_finding(const struct explain *x, size_t m, const char *currency, char *buf, size_t len)
{
	char unit[128], v[48], lo[48], hi[48];
	output_unit(unit, sizeof unit, metric_table[x->metrics[m].metric].unit, currency);
	const char *on = metric_label(&x->metrics[m]);
	struct summary best = {NAN, NAN, NAN, NAN, 0}, sm;
	size_t which = x->k;
	for (size_t t = 0; t < x->k; t++) {
		explain_summary(x, m, t, &sm);
		int significant = sm.ci_low > 0 || sm.ci_high < 0;
		if (significant && (which == x->k || fabs(sm.mean) > fabs(best.mean))) {
			best = sm;
			which = t;
		}
	}
	if (which == x->k) {
		explain_summary(x, m, x->k + 1, &sm);
		table_humanise(v, sizeof v, sm.mean, 1);
		table_humanise(lo, sizeof lo, sm.ci_low, 1);
		table_humanise(hi, sizeof hi, sm.ci_high, 1);
		snprintf(buf, len,
			 "no single part of %s - %s on %s is significant (every part's 95%% interval includes 0); "
			 "the total is %s %s (95%% interval %s to %s)",
			 x->a, x->b, on, v, unit, lo, hi);
		return;
	}
	table_humanise(v, sizeof v, best.mean, 1);
	table_humanise(lo, sizeof lo, best.ci_low, 1);
	table_humanise(hi, sizeof hi, best.ci_high, 1);
	snprintf(buf, len, "the largest significant part of %s - %s on %s is %s: %s %s (95%% interval %s to %s)",
		 x->a, x->b, on, explain_parts[x->part[which]].id, v, unit, lo, hi);
}

#define LABEL_WIDTH 26
#define CELL_WIDTH 15

/* Appends s padded to width columns (± is two bytes, one column); a longer s
 * keeps one blank after it. */
static void cell_add(char *line, size_t len, const char *s, int width)
{
	size_t used = strlen(line);
	int cols = (int)strlen(s) - (strstr(s, "\u00b1") ? 1 : 0);
	snprintf(line + used, len - used, "%s%*s", s, cols < width ? width - cols : 1, "");
}

static void line_end(FILE *fp, char *line)
{
	size_t n = strlen(line);
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = 0;
	fprintf(fp, "%s\n", line);
	line[0] = 0;
}

void explain_print(FILE *fp, const struct explain *x, const char *currency)
{
	char buf[1024], line[1024] = "";
	explain_finding(x, x->objective_row, currency, buf, sizeof buf);
	fprintf(fp, "%s\n", buf);
	fprintf(fp, "%s - %s: Shapley decomposition over %zu differing part%s, %s (%zu scenario runs x %u "
		    "replications)\n\n",
		x->a, x->b, x->k, x->k == 1 ? "" : "s", x->exact ? "every subset" : "sampled permutations",
		x->n_subsets, x->replications);
	cell_add(line, sizeof line, "part", LABEL_WIDTH);
	for (size_t m = 0; m < x->n_metrics; m++)
		cell_add(line, sizeof line, metric_label(&x->metrics[m]), CELL_WIDTH);
	line_end(fp, line);
	for (size_t t = 0; t < x->k + 2; t++) {
		cell_add(line, sizeof line, term_label(x, t), LABEL_WIDTH);
		for (size_t m = 0; m < x->n_metrics; m++) {
			struct summary sm;
			explain_summary(x, m, t, &sm);
			table_cell_format(buf, sizeof buf, &sm, 1);
			cell_add(line, sizeof line, buf, CELL_WIDTH);
		}
		line_end(fp, line);
	}
	fprintf(fp, "contribution to A - B, mean \u00b1 95%% CI half-width over replications, * where the interval\n"
		    "excludes 0; the parts add up to the total; the interaction is the total minus each part's\n"
		    "effect alone on %s\n", x->b);
}

int explain_job_run(const struct explain_job *job, struct explain *x, struct js_error *err)
{
	size_t a, b;
	if (explain_contrast_parse(job->f, job->contrast, &a, &b, err) != 0)
		return -1;
	struct progress bar;
	progress_init(&bar, stderr, job->cli->quiet, "explain", "runs");
	struct explain_options opt = {.jobs = (unsigned)job->cli->jobs, .progress = &bar};
	double t0 = progress_clock();
	if (explain_run(job->f, a, b, job->objective, &opt, x, err) != 0)
		return -1;
	struct explain_meta meta = {
		.version = JOURNEYSIM_VERSION,
		.argc = job->ctx->argc,
		.argv = job->ctx->argv,
		.created = job->created,
		.config = job->f->path,
		.seed = job->f->run.seed,
		.wall_seconds = progress_clock() - t0,
		.objective = job->objective,
		.currency = job->f->scenarios[0].company.currency,
	};
	if (explain_write(x, &meta, job->staging, err) != 0)
		return -1;
	if (!job->cli->charts)
		return 0;
	char charts_dir[OUT_PATH_MAX];
	if (path_join(charts_dir, sizeof charts_dir, job->staging, "charts", err) != 0)
		return -1;
	return charts_render_explain(job->staging, charts_dir, &job->cli->chart, err);
}

/* ---- the command ---- */

static const struct cli_option explain_options[] = {
	{OPT_CONTRAST, "the two scenarios of FILE: A minus B is decomposed", "contrast", "A-B"},
	{CLI_OUTPUT, "results folder (default explain); created if missing, replaced file\n"
		     "by file only when everything succeeded", NULL, NULL},
	RUN_SETTINGS_OPTIONS,
	RUN_OUTPUT_OPTIONS,
};

static int explain_option(void *own, int id, const char *v, struct js_error *err)
{
	if (id == OPT_CONTRAST) {
		((struct run_args *)own)->explain = v;
		return 0;
	}
	return run_option_parse(own, id, v, err);
}

static const struct cli_spec explain_spec = {
	.synopsis = "usage: journeysim explain FILE --contrast A-B [-o DIR] [--seed N] [--reps N] [--jobs N]\n"
		    "                               [--horizon D] [--warmup D] [--quiet] [--no-charts]\n"
		    "                               [--objective SPEC] [--format png,pdf,svg] [--size WxH]\n\n"
		    "Decomposes the paired difference A - B of margin, revenue, cost, experience, NPS and\n"
		    "the objective into the parts in which A's ownership and company data differ from B's\n"
		    "(stage owners, journey owner, technology, systems, governance, policy foci, company),\n"
		    "by Shapley values under common random numbers: every subset of the parts is a mixed\n"
		    "scenario run on the same replications. Writes explain.csv, explain.json and the\n"
		    "waterfall charts into DIR and prints the largest significant part (docs/explain.md).\n\n",
	.options = explain_options,
	.operand = "scenario FILE",
	.outdir = "explain",
	.own_size = sizeof(struct run_args),
	.own = explain_option,
};

static int explain_main(const struct cli_args *cli, void *own, const struct cli_context *ctx,
			struct js_error *err)
{
	const struct run_args *a = own;
	if (!a->explain)
		return js_error_set(err, EX_USAGE, "explain: missing --contrast A-B (two scenarios of the file)");
	struct scenario_file *f = cli_scenario_load(cli->operand, err);
	if (!f)
		return -1;
	int rc = -1;
	struct explain x;
	struct out_stage st;
	memset(&x, 0, sizeof x);
	memset(&st, 0, sizeof st);
	char created[64], why[256];
	struct objective obj;
	size_t ia, ib;
	if (run_settings_override(f, a, cli->objective, err) != 0 ||
	    output_created_time(created, sizeof created, err) != 0)
		goto out;
	if (objective_parse(f->run.objective, &obj, why, sizeof why) != 0) {
		js_error_set(err, EX_USAGE, "explain: objective: %s", why);
		goto out;
	}
	/* a bad contrast fails before the output folder is made */
	if (explain_contrast_parse(f, a->explain, &ia, &ib, err) != 0 || out_stage_begin(&st, cli->outdir, err) != 0)
		goto out;
	struct explain_job job = {f, a->explain, &obj, cli, ctx, created, out_stage_path(&st)};
	if (explain_job_run(&job, &x, err) != 0 || out_stage_commit(&st, err) != 0)
		goto out;
	if (!cli->quiet) {
		explain_print(stdout, &x, f->scenarios[0].company.currency);
		size_t len = strlen(cli->outdir);
		printf("results in %s%s\n", cli->outdir, len && cli->outdir[len - 1] == '/' ? "" : "/");
	}
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	explain_fini(&x);
	scenario_file_free(f);
	return rc;
}

const struct cli_command cli_explain = {
	"explain", "decompose the difference between two scenarios into the parts of their ownership data",
	&explain_spec, explain_main,
};
