/*
 * decide.c - `journeysim decide FILE`: the scenarios of FILE in every world
 * drawn from its `uncertainty` priors, on the sweep machinery (journal,
 * --resume, --jobs, --shard K/N + merge, MPI), then the decision files, the
 * charts and the board page (docs/decide.md, "Running a decision").
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "decide.h"
#include "files.h"
#include "findings.h"
#include "load.h"
#include "output.h"
#include "progress.h"
#include "table.h"

#define CLEARLY_BEST 0.95 /* p_best from which a scenario is called clearly best */
#define EVPPI_SHOWN 3

enum { OPT_RESUME = CLI_OWN, OPT_SHARD };

static const struct cli_option decide_options[] = {
	{CLI_OUTPUT, "decide folder (default out/decide), created if missing", NULL, NULL},
	{CLI_JOBS, NULL, NULL, NULL},
	{OPT_RESUME, "continue DIR/journal: run only the worlds it does not hold", "resume", NULL},
	{OPT_SHARD, "run every N-th world only (world % N == K-1), for clusters;\n"
		    "default from SLURM_ARRAY_TASK_ID/_COUNT/_MIN; `journeysim merge`\n"
		    "joins the shard folders", "shard", "K/N"},
	{CLI_OBJECTIVE, NULL, NULL, NULL},
	{CLI_QUIET, "no progress and no decision table", NULL, NULL},
	{CLI_NO_CHARTS, NULL, NULL, NULL},
	{CLI_FORMAT, NULL, NULL, NULL},
	{CLI_SIZE, NULL, NULL, NULL},
	{0, NULL, NULL, NULL},
};

struct decide_args {
	const char *shard;
	int resume;
};

static int decide_option(void *own, int id, const char *v, struct js_error *err)
{
	(void)err;
	struct decide_args *a = own;
	if (id == OPT_RESUME)
		a->resume = 1;
	else
		a->shard = v;
	return 0;
}

static const struct cli_spec decide_spec = {
	.synopsis = "usage: journeysim decide FILE [-o DIR] [--jobs N] [--resume] [--shard K/N] [--quiet]\n"
		    "                              [--objective SPEC] [--no-charts] [--format png,pdf,svg]\n"
		    "                              [--size WxH]\n\n"
		    "Draws the worlds of FILE's `uncertainty` priors and runs every scenario in each of\n"
		    "them, uncertainty.replications times, on common random numbers: world w,\n"
		    "replication r is replication w*R+r of run.seed in every scenario. Finished worlds\n"
		    "go to DIR/journal at once, so an interrupted run continues with --resume. Writes\n"
		    "decision.csv, ranks.csv, acceptability.csv, evppi.csv, worlds.csv, results.csv,\n"
		    "summary.csv, diffs.csv, manifest.json, charts/ and board.pdf into DIR\n"
		    "(docs/decide.md), and prints the decision table.\n\n",
	.options = decide_options,
	.operand = "scenario FILE",
	.outdir = "out/decide",
	.own_size = sizeof(struct decide_args),
	.own = decide_option,
};

/* ---- what decide and merge print and draw ---- */

int decide_charts_draw(const char *staging, const struct chart_options *o, const char *note, struct js_error *err)
{
	char dir[OUT_PATH_MAX], board[OUT_PATH_MAX];
	int rc = path_join(dir, sizeof dir, staging, "charts", err);
	if (rc == 0)
		rc = path_join(board, sizeof board, staging, "board.pdf", err);
	if (rc == 0 && (rc = charts_render_decide(staging, dir, board, o, err)) != 0)
		out_remove_tree(dir); /* no half-drawn charts replace the old ones */
	if (rc != 0) {
		size_t used = strlen(err->msg);
		snprintf(err->msg + used, sizeof err->msg - used, "\n%s", note);
	}
	return rc;
}

static void money(char *buf, size_t len, double v)
{
	table_humanise(buf, len, v, 0);
}

void decide_print(FILE *fp, const struct sweep_plan *p, const struct decide_report *r)
{
	const struct decision_result *d = &r->result;
	if (!d->rows)
		return;
	fprintf(fp, "objective: %s (%s), over %zu worlds x %u replications; p05-p95: the range of the assumptions\n",
		r->objective_text, r->unit, p->n_points, p->replications);
	fprintf(fp, "  %-24s %10s %21s %7s %14s\n", "scenario", "expected", "p05 .. p95", "p_best", "expected loss");
	for (size_t s = 0; s < p->n_scenarios; s++) {
		const struct decision_row *w = &d->rows[s];
		char e[32], lo[32], hi[32], loss[32], range[80];
		money(e, sizeof e, w->expected);
		money(lo, sizeof lo, w->p05);
		money(hi, sizeof hi, w->p95);
		money(loss, sizeof loss, w->expected_loss);
		snprintf(range, sizeof range, "%s .. %s", lo, hi);
		fprintf(fp, "  %-24s %10s %21s %7.2f %14s\n", p->scenarios[s], e, range, w->p_best, loss);
	}
	const struct decision_row *b = &d->rows[d->best];
	/* a scenario is only called clearly best when it is best in nearly every
	 * world and those worlds are not mostly noise */
	if (b->p_best >= CLEARLY_BEST && !d->noise_warning)
		fprintf(fp, "clearly best: %s (best in %.0f%% of the worlds, p_best >= %.2f)\n", p->scenarios[d->best],
			100 * b->p_best, CLEARLY_BEST);
	else if (b->p_best >= CLEARLY_BEST)
		fprintf(fp, "best in expectation: %s, best in %.0f%% of the worlds, but not clearly best: the worlds "
			    "differ mostly by simulation noise (below)\n",
			p->scenarios[d->best], 100 * b->p_best);
	else
		fprintf(fp, "best in expectation: %s, but not clearly best (p_best %.2f < %.2f): the choice depends "
			    "on the assumptions\n",
			p->scenarios[d->best], b->p_best, CLEARLY_BEST);
	char v[32];
	money(v, sizeof v, d->evpi);
	fprintf(fp, "value of perfect information (EVPI): %s %s\n", v, r->unit);
	/* the EVPPI rows other than (all), largest first */
	size_t order[SWEEP_PARAM_MAX + SWEEP_GROUPS_MAX], n = 0;
	for (size_t i = 0; i < d->n_evppi && n < sizeof order / sizeof order[0]; i++)
		if (d->evppi[i].kind != 2 && d->evppi[i].evppi > 0)
			order[n++] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && d->evppi[order[k]].evppi > d->evppi[order[k - 1]].evppi; k--) {
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	if (n)
		fprintf(fp, "most worth measuring before deciding (evppi.csv):\n");
	for (size_t i = 0; i < n && i < EVPPI_SHOWN; i++) {
		const struct evppi_row *e = &d->evppi[order[i]];
		money(v, sizeof v, e->evppi);
		fprintf(fp, "  %s%s: %s %s (%.0f%% of the EVPI)\n", e->name, e->kind == 1 ? " (group)" : "", v, r->unit,
			100 * e->share_of_evpi);
	}
	if (d->noise_warning)
		fprintf(fp, "warning: %.0f%% of the variance across worlds is simulation noise: raise "
			    "uncertainty.replications before reading the ranking\n",
			100 * d->noise_share);
	else if (d->noise_share == d->noise_share) /* NaN with one replication */
		fprintf(fp, "simulation noise: %.0f%% of the variance across worlds (the rest is the assumptions)\n",
			100 * d->noise_share);
}

/* ---- the command ---- */

static int set_shard(struct sweep_plan *p, const struct decide_args *a, struct js_error *err)
{
	unsigned k = 1, n = 1;
	int found = 0;
	if (a->shard ? sweep_shard_parse(a->shard, &k, &n, err) : sweep_shard_from_env(&k, &n, &found, err))
		return -1;
	p->shard_k = k;
	p->shard_n = n;
	return 0;
}

static int decide_main(const struct cli_args *cli, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)ctx;
	const struct decide_args *a = own;
	int rank, size;
	if (sweep_mpi_init(&rank, &size, err) != 0)
		return -1;

	struct decide dc;
	struct decide_report rep;
	struct out_stage st;
	struct sweep_status status;
	struct js_error chart_err;
	struct sweep_folder_lock lock = {-1, 0};
	memset(&rep, 0, sizeof rep);
	memset(&st, 0, sizeof st);
	js_error_clear(&chart_err);
	char *warn = calloc(1, CLI_WARNINGS_MAX);
	if (!warn)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = decide_load(cli->operand, cli->objective, &dc, warn, CLI_WARNINGS_MAX, err);
	if (dc.sw.file)
		cli_capacity_warnings(dc.sw.file, warn, CLI_WARNINGS_MAX);
	if (rank == 0)
		cli_print_lines(stderr, warn);
	free(warn);
	if (rc != 0)
		goto out;
	rc = -1;
	struct sweep_plan *p = &dc.sw.plan;
	if (set_shard(p, a, err) != 0)
		goto out;
	if (rank == 0 && out_make_dirs(cli->outdir, NULL, 0, err) != 0)
		goto out;
	/* one writer per folder, until the outputs are committed */
	if (rank == 0 && sweep_folder_lock(cli->outdir, p, &lock, err) != 0)
		goto out;

	struct progress bar;
	progress_init(&bar, stderr, cli->quiet || rank != 0, "decide", "worlds");
	struct sweep_options opt = {(unsigned)cli->jobs, a->resume, &bar};
	if (sweep_run(&dc.sw, cli->outdir, &opt, &status, err) != 0)
		goto out;
	if (rank != 0) {
		rc = 0;
		goto out;
	}

	const char *dirs[1] = {cli->outdir};
	if (out_stage_begin(&st, cli->outdir, err) != 0 ||
	    decide_outputs_write(p, dirs, 1, out_stage_path(&st), &rep, err) != 0)
		goto out;
	char note[OUT_PATH_MAX + 128];
	snprintf(note, sizeof note,
		 "the decision's tables are in %s; the same command with --resume draws the charts again without "
		 "simulating",
		 cli->outdir);
	if (cli->charts && p->shard_n == 1)
		decide_charts_draw(out_stage_path(&st), &cli->chart, note, &chart_err);
	if (out_stage_commit(&st, err) != 0)
		goto out;
	if (!cli->quiet) {
		printf("decide: %zu worlds", status.points);
		if (p->shard_n > 1)
			printf(" (shard %u/%u of %zu)", p->shard_k, p->shard_n, p->n_points);
		printf(" x %zu scenarios x %u replications", p->n_scenarios, p->replications);
		if (status.resumed)
			printf(", %zu resumed from the journal", status.resumed);
		printf(": %s\n", cli->outdir);
		if (p->shard_n > 1)
			printf("  merge the %u shard folders with `journeysim merge -o DIR SHARD_DIR...`\n", p->shard_n);
		else
			decide_print(stdout, p, &rep);
	}
	if (chart_err.code) {
		*err = chart_err;
		goto out;
	}
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	sweep_folder_unlock(&lock);
	decide_report_fini(&rep);
	decide_fini(&dc);
	if (rc == 0 || size == 1)
		sweep_mpi_finalize();
	return rc;
}

const struct cli_command cli_decide = {
	"decide", "decide under uncertainty: every scenario in worlds drawn from priors, with EVPI/EVPPI",
	&decide_spec, decide_main,
};
