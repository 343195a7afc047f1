/*
 * sweep.c - `journeysim sweep FILE`: run a parameter sweep into DIR, with a
 * journal that --resume continues, shards for clusters (--shard K/N or a
 * Slurm job array) and MPI ranks (make MPI=1), then write the tables, the
 * analyses and the charts (docs/sweeps.md).
 *
 * DIR/journal is written as points finish; the other files go through a
 * staging folder and replace their old versions only when all of them are
 * written. Charts are drawn last: if they fail, the tables are still
 * committed and the error says so.
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "load.h"
#include "chart.h"
#include "cli.h"
#include "findings.h"
#include "output.h"
#include "progress.h"
#include "sweep.h"

enum { OPT_RESUME = CLI_OWN, OPT_SHARD, OPT_METRIC, OPT_CONTRAST };

static const struct cli_option sweep_options[] = {
	{CLI_OUTPUT, "sweep folder (default out/sweep), created if missing", NULL, NULL},
	{CLI_JOBS, NULL, NULL, NULL},
	{OPT_RESUME, "continue DIR/journal: run only the points it does not hold", "resume", NULL},
	{OPT_SHARD, "run every N-th point only (point % N == K-1), for clusters;\n"
		    "default from SLURM_ARRAY_TASK_ID/_COUNT/_MIN; `journeysim merge`\n"
		    "joins the shard folders", "shard", "K/N"},
	{CLI_OBJECTIVE, NULL, NULL, NULL},
	{OPT_METRIC, "the metric of the summary and charts (one of sweep.metrics;\n"
		     "default sweep.metric, else the objective's metric)", "metric", "M"},
	{OPT_CONTRAST, "the paired difference of two scenarios for the tornado and\n"
		       "charts (default sweep.contrast)", "contrast", "A-B"},
	{CLI_QUIET, "no progress and no summary", NULL, NULL},
	{CLI_NO_CHARTS, NULL, NULL, NULL},
	{CLI_FORMAT, NULL, NULL, NULL},
	{CLI_SIZE, NULL, NULL, NULL},
	{0, NULL, NULL, NULL},
};

/* The options of sweep's own. */
struct sweep_args {
	const char *shard;
	int resume;
	const char *metric, *contrast;
};

static int sweep_option(void *own, int id, const char *v, struct js_error *err)
{
	(void)err;
	struct sweep_args *a = own;
	if (id == OPT_RESUME)
		a->resume = 1;
	else if (id == OPT_METRIC)
		a->metric = v;
	else if (id == OPT_CONTRAST)
		a->contrast = v;
	else
		a->shard = v;
	return 0;
}

static const struct cli_spec sweep_spec = {
	.synopsis = "usage: journeysim sweep FILE [-o DIR] [--jobs N] [--resume] [--shard K/N] [--quiet]\n"
		    "                             [--objective SPEC] [--metric M] [--contrast A-B]\n"
		    "                             [--no-charts] [--format png,pdf,svg] [--size WxH]\n\n"
		    "Runs the parameter sweep of FILE's `sweep` group: every point of its design, every\n"
		    "scenario, every replication. Finished points go to DIR/journal at once, so an\n"
		    "interrupted sweep continues with --resume. Writes points.csv, results.csv,\n"
		    "summary.csv, diffs.csv, manifest.json, tornado.csv, sensitivity.csv, crossovers.csv\n"
		    "and charts/ into DIR (docs/sweeps.md), and prints the significant crossovers it found.\n\n",
	.options = sweep_options,
	.operand = "scenario FILE",
	.outdir = "out/sweep",
	.own_size = sizeof(struct sweep_args),
	.own = sweep_option,
};

/* ---- the summary ---- */

/* The crossovers and tornado tops a sweep found, a few lines of each. */
static void print_findings(const struct sweep_plan *p, const struct sweep_report *r)
{
	char line[1024];
	if (p->design == SWEEP_GRID)
		printf("crossovers (%zu, in crossovers.csv)%s\n", r->n_crossovers, r->n_crossovers ? ":" : "");
	findings_crossovers_print(stdout, p, r, "");
	if (r->n_tornado_top)
		printf("largest swings (tornado.csv):\n");
	for (size_t i = 0; i < r->n_tornado_top && i < FINDINGS_LINES; i++) {
		sweep_tornado_describe(p, &r->tornado_top[i], line, sizeof line);
		printf("  %s\n", line);
	}
	if (r->n_tornado_top > FINDINGS_LINES)
		printf("  ... and %zu more\n", r->n_tornado_top - FINDINGS_LINES);
	if (p->design == SWEEP_LHS || p->design == SWEEP_SOBOL)
		printf("sensitivity: standardised regression coefficients and first-order indices in "
		       "sensitivity.csv\n");
}

static void print_summary(const struct sweep_plan *p, const struct sweep_status *st, const struct sweep_report *r,
			  const char *dir)
{
	printf("sweep: %zu points (%s", st->points, sweep_design_names[p->design]);
	if (p->shard_n > 1)
		printf(", shard %u/%u of %zu", p->shard_k, p->shard_n, p->n_points);
	printf(") x %zu scenarios x %u replications", p->n_scenarios, p->replications);
	if (st->resumed)
		printf(", %zu resumed from the journal", st->resumed);
	printf(": %s\n", dir);
	if (p->shard_n > 1)
		printf("  merge the %u shard folders with `journeysim merge -o DIR SHARD_DIR...`\n", p->shard_n);
	else
		print_findings(p, r);
}

/* ---- the command ---- */

static int set_shard(struct sweep_plan *p, const struct sweep_args *a, struct js_error *err)
{
	unsigned k = 1, n = 1;
	int found = 0;
	if (a->shard) {
		if (sweep_shard_parse(a->shard, &k, &n, err) != 0)
			return -1;
	} else if (sweep_shard_from_env(&k, &n, &found, err) != 0) {
		return -1;
	}
	p->shard_k = k;
	p->shard_n = n;
	return 0;
}

/* The command line's objective, metric and contrast over the sweep file's (usage errors). */
static int sweep_asked(struct sweep_plan *p, const struct cli_args *cli, const struct sweep_args *a,
		       struct js_error *err)
{
	char why[512];
	if (sweep_objective_set(p, cli->objective, why, sizeof why) != 0)
		return js_error_set(err, EX_USAGE, "sweep: --objective: %s", why);
	if (sweep_focus_set(p, a->metric, why, sizeof why) != 0)
		return js_error_set(err, EX_USAGE, "sweep: --metric: %s", why);
	if (sweep_contrast_set(p, a->contrast, why, sizeof why) != 0)
		return js_error_set(err, EX_USAGE, "sweep: --contrast: %s", why);
	return 0;
}

static int sweep_main(const struct cli_args *cli, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)ctx;
	const struct sweep_args *a = own;
	int rank, size;
	if (sweep_mpi_init(&rank, &size, err) != 0)
		return -1;

	struct sweep sw;
	struct sweep_report rep;
	struct out_stage st;
	struct sweep_status status;
	struct js_error chart_err;
	struct sweep_folder_lock lock = {-1, 0};
	struct chart_options chart = cli->chart;
	memset(&rep, 0, sizeof rep);
	memset(&st, 0, sizeof st);
	js_error_clear(&chart_err);
	char *warn = calloc(1, CLI_WARNINGS_MAX);
	if (!warn)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = sweep_load(cli->operand, &sw, warn, CLI_WARNINGS_MAX, err);
	if (sw.file)
		cli_capacity_warnings(sw.file, warn, CLI_WARNINGS_MAX);
	if (rank == 0)
		cli_print_lines(stderr, warn);
	free(warn);
	if (rc != 0)
		goto out;
	rc = -1;
	if (set_shard(&sw.plan, a, err) != 0 || sweep_asked(&sw.plan, cli, a, err) != 0)
		goto out;
	chart = cli->chart;
	findings_chart_focus(&sw.plan, &chart);
	if (rank == 0 && out_make_dirs(cli->outdir, NULL, 0, err) != 0)
		goto out;
	/* one writer per folder, until the outputs are committed */
	if (rank == 0 && sweep_folder_lock(cli->outdir, &sw.plan, &lock, err) != 0)
		goto out;

	struct progress bar;
	progress_init(&bar, stderr, cli->quiet || rank != 0, "sweep", "points");
	struct sweep_options opt = {(unsigned)cli->jobs, a->resume, &bar};
	if (sweep_run(&sw, cli->outdir, &opt, &status, err) != 0)
		goto out;
	if (rank != 0) {
		rc = 0;
		goto out;
	}

	const char *dirs[1] = {cli->outdir};
	if (out_stage_begin(&st, cli->outdir, err) != 0 ||
	    sweep_outputs_write(&sw.plan, dirs, 1, out_stage_path(&st), &rep, err) != 0)
		goto out;
	char note[OUT_PATH_MAX + 128];
	snprintf(note, sizeof note,
		 "the sweep's tables are in %s; the same command with --resume draws the charts again without "
		 "simulating",
		 cli->outdir);
	if (cli->charts && sw.plan.shard_n == 1)
		findings_charts_draw(out_stage_path(&st), &chart, note, &chart_err);
	if (out_stage_commit(&st, err) != 0)
		goto out;
	if (!cli->quiet)
		print_summary(&sw.plan, &status, &rep, cli->outdir);
	if (chart_err.code) {
		*err = chart_err;
		goto out;
	}
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	sweep_folder_unlock(&lock);
	sweep_report_fini(&rep);
	sweep_fini(&sw);
	if (rc == 0 || size == 1)
		sweep_mpi_finalize();
	return rc;
}

const struct cli_command cli_sweep = {
	"sweep", "run a parameter sweep (grid, lhs, sobol, oat) into a folder, with resume and shards", &sweep_spec,
	sweep_main,
};
