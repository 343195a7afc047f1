/*
 * merge.c - `journeysim merge -o DIR SHARD_DIR...`: join the shard folders of
 * one sweep (journeysim sweep --shard K/N, or a Slurm job array) into the
 * outputs a single run would have written, byte for byte.
 *
 * The shards' journals are read in place; nothing is simulated. DIR gets the
 * tables, the analyses and the charts through a staging folder, like `sweep`.
 */
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "decide.h"
#include "findings.h"
#include "output.h"
#include "sweep.h"

static const struct cli_option merge_options[] = {
	{CLI_OUTPUT, "the merged sweep folder (required), created if missing", NULL, NULL},
	{CLI_QUIET, "no summary", NULL, NULL},
	{CLI_NO_CHARTS, NULL, NULL, NULL},
	{CLI_FORMAT, NULL, NULL, NULL},
	{CLI_SIZE, NULL, NULL, NULL},
	{0, NULL, NULL, NULL},
};

static const struct cli_spec merge_spec = {
	.synopsis = "usage: journeysim merge -o DIR SHARD_DIR... [--quiet] [--no-charts] [--format LIST] "
		    "[--size WxH]\n\n"
		    "Joins the folders of the shards of one sweep (journeysim sweep --shard K/N) into\n"
		    "DIR: the same files, byte for byte, as one run of the whole sweep. Every shard\n"
		    "1..N must be given once, and together they must hold every point.\n\n",
	.options = merge_options,
};

static void unlink_journal(const char *dir)
{
	char path[OUT_PATH_MAX];
	if (snprintf(path, sizeof path, "%s/journal", dir) < (int)sizeof path)
		unlink(path);
}

static int merge_main(const struct cli_args *a, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)own;
	(void)ctx;
	const char *outdir = a->outdir;
	if (!outdir || !*outdir)
		return js_error_set(err, EX_USAGE, "merge: expected -o DIR, the merged sweep folder");
	if (a->n_operands == 0)
		return js_error_set(err, EX_USAGE, "merge: expected the shard folders after -o DIR");
	const char *const *dirs = (const char *const *)a->operands;
	size_t n = (size_t)a->n_operands;
	for (size_t i = 0; i < n; i++)
		if (strcmp(dirs[i], outdir) == 0)
			return js_error_set(err, EX_USAGE,
					    "merge: -o %s is also a shard folder: merge into another one", outdir);

	struct sweep_plan plan;
	struct sweep_report rep;
	struct out_stage st;
	struct js_error chart_err;
	struct sweep_folder_lock lock = {-1, 0};
	memset(&rep, 0, sizeof rep);
	memset(&st, 0, sizeof st);
	js_error_clear(&chart_err);
	if (sweep_merge_plan(dirs, n, &plan, err) != 0)
		return -1;
	int rc = -1;
	/* one writer per folder; the merged journal replaces no other sweep's */
	/* a decide folder (its points are worlds) gets the decision files too */
	int decide = decide_plan_is(&plan);
	struct decide_report drep;
	memset(&drep, 0, sizeof drep);
	if (out_stage_begin(&st, outdir, err) != 0 || sweep_folder_lock(outdir, &plan, &lock, err) != 0 ||
	    sweep_merge_journal(&plan, dirs, n, outdir, err) != 0)
		goto out;
	if (decide ? decide_outputs_write(&plan, dirs, n, out_stage_path(&st), &drep, err) != 0
		   : sweep_outputs_write(&plan, dirs, n, out_stage_path(&st), &rep, err) != 0)
		goto out;
	char note[OUT_PATH_MAX + 64];
	snprintf(note, sizeof note, "the merged tables are in %s", outdir);
	if (a->charts && decide) {
		decide_charts_draw(out_stage_path(&st), &a->chart, note, &chart_err);
	} else if (a->charts) {
		struct chart_options chart = a->chart;
		findings_chart_focus(&plan, &chart);
		findings_charts_draw(out_stage_path(&st), &chart, note, &chart_err);
	}
	if (out_stage_commit(&st, err) != 0)
		goto out;
	if (!a->quiet && decide) {
		printf("merge: %zu worlds x %zu scenarios x %u replications from %zu shard folders: %s\n",
		       plan.n_points, plan.n_scenarios, plan.replications, n, outdir);
		decide_print(stdout, &plan, &drep);
	} else if (!a->quiet) {
		printf("merge: %zu points (%s) x %zu scenarios x %u replications from %zu shard folders: %s\n",
		       plan.n_points, sweep_design_names[plan.design], plan.n_scenarios, plan.replications, n, outdir);
		findings_crossovers_print(stdout, &plan, &rep, " in crossovers.csv");
	}
	if (chart_err.code) {
		*err = chart_err;
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 && lock.created) /* a journal this merge began, for tables it did not commit */
		unlink_journal(outdir);
	if (st.active)
		out_stage_abort(&st);
	sweep_folder_unlock(&lock);
	sweep_report_fini(&rep);
	decide_report_fini(&drep);
	sweep_plan_fini(&plan);
	return rc;
}

const struct cli_command cli_merge = {"merge", "join the shard folders of a sweep into the files of one run",
				      &merge_spec, merge_main};
