/*
 * run.c - `journeysim run FILE`: simulate every scenario, write the results
 * (and charts) into a staging folder, and commit them into DIR only when
 * everything succeeded.
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "load.h"
#include "chart.h"
#include "cli.h"
#include "experiment.h"
#include "explain_cli.h"
#include "output.h"
#include "progress.h"
#include "run.h"
#include "table.h"


static const struct cli_option run_options[] = {
	{CLI_OUTPUT, "results folder (default out); created if missing, replaced file\n"
		     "by file only when the whole run succeeded", NULL, NULL},
	RUN_SETTINGS_OPTIONS,
	{OPT_TRACE, "write every event of the first N customers of replication 1", "trace", "N"},
	{OPT_EXPLAIN, "also decompose the paired difference A - B into the parts of\n"
		      "the ownership data (explain.csv, explain.json; docs/explain.md)", "explain", "A-B"},
	RUN_OUTPUT_OPTIONS,
};

int run_option_parse(void *ctx, int id, const char *v, struct js_error *err)
{
	struct run_args *a = ctx;
	switch (id) {
	case OPT_SEED: a->have_seed = 1; return cli_parse_uint("--seed", v, 0, UINT64_MAX, &a->seed, err);
	case OPT_REPS: a->have_reps = 1; return cli_parse_uint("--reps", v, 1, 1000000, &a->reps, err);
	case OPT_HORIZON: a->have_horizon = 1; return cli_parse_days("--horizon", v, 0, &a->horizon, err);
	case OPT_WARMUP: a->have_warmup = 1; return cli_parse_days("--warmup", v, 1, &a->warmup, err);
	case OPT_TRACE: return cli_parse_uint("--trace", v, 0, 1000000000, &a->trace, err);
	case OPT_EXPLAIN: a->explain = v; return 0;
	default: return js_error_set(err, EX_SOFTWARE, "run: option %d has no parser", id);
	}
}

static const struct cli_spec run_spec = {
	.synopsis = "usage: journeysim run FILE [-o DIR] [--seed N] [--reps N] [--jobs N] [--horizon D]\n"
		    "                           [--warmup D] [--trace N] [--explain A-B] [--quiet] [--no-charts]\n"
		    "                           [--objective SPEC] [--format png,pdf,svg] [--size WxH]\n\n"
		    "Simulates every scenario of FILE and writes summary.csv, diffs.csv, replications.csv,\n"
		    "timeseries.csv, distributions.csv, run.json (trace.csv with --trace), charts/ and\n"
		    "board.pdf into DIR; prints the best scenario on the objective and the headline KPIs.\n"
		    "Values given here override the file's. Pools that are saturated or whose queue\n"
		    "still grows are warned about on stderr and in run.json.\n\n",
	.options = run_options,
	.operand = "scenario FILE",
	.outdir = "out",
	.own_size = sizeof(struct run_args),
	.own = run_option_parse,
};

int run_settings_override(struct scenario_file *f, const struct run_args *a, const char *objective,
			  struct js_error *err)
{
	if (a->have_seed)
		f->run.seed = a->seed;
	if (a->have_reps)
		f->run.replications = (unsigned)a->reps;
	if (a->have_horizon)
		f->run.horizon = a->horizon;
	if (a->have_warmup)
		f->run.warmup = a->warmup;
	if (objective)
		snprintf(f->run.objective, sizeof f->run.objective, "%s", objective);
	if ((a->have_horizon || a->have_warmup) && !(f->run.warmup < f->run.horizon))
		return js_error_set(err, EX_USAGE,
				    "run: the warm-up (%g days) must be shorter than the horizon (%g days)",
				    f->run.warmup, f->run.horizon);
	return scenario_file_check_limits(f, err); /* the limits hold after the overrides too */
}

/* Charts of the staged results, drawn into the staging folder too. */
static int run_charts(const char *staging, const struct cli_args *cli, struct js_error *err)
{
	char charts_dir[OUT_PATH_MAX], board[OUT_PATH_MAX];
	if (path_join(charts_dir, sizeof charts_dir, staging, "charts", err) != 0 ||
	    path_join(board, sizeof board, staging, "board.pdf", err) != 0)
		return -1;
	return charts_render_results(staging, charts_dir, board, &cli->chart, err);
}

static int run_main(const struct cli_args *cli, void *own, const struct cli_context *ctx, struct js_error *err)
{
	const struct run_args *a = own;

	struct scenario_file *f = cli_scenario_load(cli->operand, err);
	if (!f)
		return -1;

	int rc = -1;
	struct experiment x;
	struct explain ex;
	struct out_stage st;
	struct staffing_report *staff = NULL;
	memset(&x, 0, sizeof x);
	memset(&ex, 0, sizeof ex);
	memset(&st, 0, sizeof st);
	char created[64];
	if (run_settings_override(f, a, cli->objective, err) != 0 || output_created_time(created, sizeof created, err) != 0)
		goto out;
	/* A bad contrast and a bad -o fail at once, before anything is simulated. */
	size_t ea, eb;
	if (a->explain && explain_contrast_parse(f, a->explain, &ea, &eb, err) != 0)
		goto out;
	if (out_stage_begin(&st, cli->outdir, err) != 0)
		goto out;

	struct progress bar;
	progress_init(&bar, stderr, cli->quiet, "run", "runs");
	struct experiment_options opt = {
		.jobs = (unsigned)cli->jobs,
		.trace_customers = a->trace,
		.progress = &bar,
	};
	double t0 = progress_clock();
	struct progress search_bar;
	progress_init(&search_bar, stderr, cli->quiet, "staffing", "runs");
	struct experiment_options search_opt = opt;
	search_opt.progress = &search_bar;
	if (!(staff = malloc(sizeof *staff))) {
		js_error_set(err, EX_OSERR, "out of memory");
		goto out;
	}
	if (staffing_choose(f, &search_opt, staff, err) != 0 || experiment_run(f, &opt, &x, err) != 0)
		goto out;
	struct output_meta meta = {
		.version = JOURNEYSIM_VERSION,
		.argc = ctx->argc,
		.argv = ctx->argv,
		.created = created,
		.wall_seconds = progress_clock() - t0,
		.trace_customers = a->trace,
		.staffing = staff,
	};
	struct objective obj;
	char why[256], objective[OBJECTIVE_TEXT_LEN * 2];
	if (objective_parse(f->run.objective, &obj, why, sizeof why) != 0) {
		js_error_set(err, EX_USAGE, "run: objective: %s", why);
		goto out;
	}
	objective_text(&obj, output_currency(&x), objective, sizeof objective);
	struct rank_entry ranking[SCENARIO_MAX];
	struct capacity_warning warnings[CAPACITY_WARNINGS_MAX];
	if (experiment_rank(&x, &obj, ranking, err) != 0)
		goto out;
	size_t n_warnings = experiment_capacity_check(&x, warnings, CAPACITY_WARNINGS_MAX);
	meta.objective = &obj;
	meta.ranking = ranking;
	meta.warnings = warnings;
	meta.n_warnings = n_warnings;
	if (output_write_results(&x, &meta, out_stage_path(&st), err) != 0)
		goto out;
	if (cli->charts && run_charts(out_stage_path(&st), cli, err) != 0)
		goto out;
	struct explain_job job = {f, a->explain, &obj, cli, ctx, created, out_stage_path(&st)};
	if (a->explain && explain_job_run(&job, &ex, err) != 0)
		goto out;
	if (out_stage_commit(&st, err) != 0)
		goto out;
	for (size_t i = 0; i < n_warnings; i++)
		fprintf(stderr, "journeysim: warning: scenario \"%s\": %s (utilisation %.2f)\n",
			f->scenarios[warnings[i].scenario].name, warnings[i].text, warnings[i].utilisation);
	if (!cli->quiet) {
		struct table_findings tf = {&obj, objective, ranking, warnings, n_warnings, 0, 0};
		output_assumptions_count(f, &tf.assumptions_key, &tf.assumptions_default);
		table_print(stdout, &x, cli->outdir, &tf);
		table_print_staffing(stdout, &x, staff);
		if (a->explain) {
			fputc('\n', stdout);
			explain_print(stdout, &ex, output_currency(&x));
		}
	}
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	experiment_fini(&x);
	explain_fini(&ex);
	free(staff);
	scenario_file_free(f);
	return rc;
}

const struct cli_command cli_run = {
	"run", "simulate every scenario of a file and write results (and charts) into a folder", &run_spec, run_main,
};
