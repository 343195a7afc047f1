/*
 * run.c - `journeysim run FILE`: simulate every scenario, write the results
 * (and charts) into a staging folder, and commit them into DIR only when
 * everything succeeded.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "experiment.h"
#include "output.h"
#include "table.h"

enum {
	OPT_SEED = OPT_LONG_BASE,
	OPT_REPS,
	OPT_JOBS,
	OPT_HORIZON,
	OPT_WARMUP,
	OPT_TRACE,
	OPT_NO_CHARTS,
	OPT_FORMAT,
	OPT_SIZE,
};

static const char run_usage[] =
	"usage: journeysim run FILE [-o DIR] [--seed N] [--reps N] [--jobs N] [--horizon D]\n"
	"                           [--warmup D] [--trace N] [--quiet] [--no-charts]\n"
	"                           [--format png,pdf,svg] [--size WxH]\n\n"
	"Simulates every scenario of FILE and writes summary.csv, diffs.csv, replications.csv,\n"
	"timeseries.csv, distributions.csv, run.json (trace.csv with --trace), charts/ and\n"
	"board.pdf into DIR; prints the headline KPIs. Values given here override the file's.\n\n"
	"  -o, --output DIR   results folder (default out); created if missing, replaced file\n"
	"                     by file only when the whole run succeeded\n"
	"      --seed N       master seed (0 to 2^64-1)\n"
	"      --reps N       replications per scenario\n"
	"      --jobs N       threads (default: the number of cores); results do not depend on it\n"
	"      --horizon D    simulated time: days, or \"2 y\", \"26 w\", \"90 d\"\n"
	"      --warmup D     time discarded before statistics start, shorter than the horizon\n"
	"      --trace N      write every event of the first N customers of replication 1\n"
	"  -q, --quiet        no table on stdout, no progress bar\n"
	"      --no-charts    write no charts\n"
	"      --format LIST  chart formats, from png, pdf, svg (default png,pdf)\n"
	"      --size WxH     PNG size in pixels (default 1920x1080)\n"
	"  -h, --help         this help\n"
	"  -V, --version      the version\n";

struct run_args {
	const char *file;
	const char *outdir;
	int have_seed, have_reps, have_horizon, have_warmup;
	uint64_t seed, reps, jobs, trace;
	double horizon, warmup;
	int quiet, charts;
	struct chart_options chart;
};

static int run_parse(int argc, char **argv, struct run_args *a, int *done, struct js_error *err)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"seed", required_argument, NULL, OPT_SEED},
		{"reps", required_argument, NULL, OPT_REPS},
		{"jobs", required_argument, NULL, OPT_JOBS},
		{"horizon", required_argument, NULL, OPT_HORIZON},
		{"warmup", required_argument, NULL, OPT_WARMUP},
		{"trace", required_argument, NULL, OPT_TRACE},
		{"quiet", no_argument, NULL, 'q'},
		{"no-charts", no_argument, NULL, OPT_NO_CHARTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"size", required_argument, NULL, OPT_SIZE},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof *a);
	a->outdir = "out";
	a->jobs = experiment_default_jobs();
	a->charts = 1;
	chart_options_defaults(&a->chart);
	*done = 0;
	int c;
	while ((c = cli_getopt(argc, argv, "o:qhV", longopts, err)) != -1) {
		const char *v = cli_optarg();
		int rc = 0;
		switch (c) {
		case 'o': a->outdir = v; break;
		case OPT_SEED: rc = cli_parse_uint("--seed", v, 0, UINT64_MAX, &a->seed, err); a->have_seed = 1; break;
		case OPT_REPS: rc = cli_parse_uint("--reps", v, 1, 1000000, &a->reps, err); a->have_reps = 1; break;
		case OPT_JOBS: rc = cli_parse_uint("--jobs", v, 1, 256, &a->jobs, err); break;
		case OPT_HORIZON: rc = cli_parse_days("--horizon", v, 0, &a->horizon, err); a->have_horizon = 1; break;
		case OPT_WARMUP: rc = cli_parse_days("--warmup", v, 1, &a->warmup, err); a->have_warmup = 1; break;
		case OPT_TRACE: rc = cli_parse_uint("--trace", v, 0, 1000000000, &a->trace, err); break;
		case 'q': a->quiet = 1; break;
		case OPT_NO_CHARTS: a->charts = 0; break;
		case OPT_FORMAT: rc = chart_formats_parse(v, &a->chart.formats, err); break;
		case OPT_SIZE: rc = cli_parse_size("--size", v, &a->chart.width, &a->chart.height, err); break;
		case 'h': fputs(run_usage, stdout); *done = 1; return 0;
		case 'V': cli_print_version(stdout); *done = 1; return 0;
		default: return -1; /* '?': err is filled */
		}
		if (rc != 0) {
			err->code = EX_USAGE;
			return -1;
		}
	}
	if (cli_one_operand(argc, argv, "run", "scenario FILE", &a->file, err) < 0)
		return -1;
	if (!*a->outdir)
		return js_error_set(err, EX_USAGE, "run: -o: empty folder name");
	return 0;
}

/* Command-line values override the file's run settings. */
static int run_override(struct scenario_file *f, const struct run_args *a, struct js_error *err)
{
	if (a->have_seed)
		f->run.seed = a->seed;
	if (a->have_reps)
		f->run.replications = (unsigned)a->reps;
	if (a->have_horizon)
		f->run.horizon = a->horizon;
	if (a->have_warmup)
		f->run.warmup = a->warmup;
	if ((a->have_horizon || a->have_warmup) && !(f->run.warmup < f->run.horizon))
		return js_error_set(err, EX_USAGE,
				    "run: the warm-up (%g days) must be shorter than the horizon (%g days)",
				    f->run.warmup, f->run.horizon);
	return 0;
}

static double wall_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Charts of the staged results, drawn into the staging folder too. */
static int run_charts(const char *staging, const struct run_args *a, struct js_error *err)
{
	char charts_dir[OUT_PATH_MAX], board[OUT_PATH_MAX];
	if (path_join(charts_dir, sizeof charts_dir, staging, "charts", err) != 0 ||
	    path_join(board, sizeof board, staging, "board.pdf", err) != 0)
		return -1;
	return charts_render_results(staging, charts_dir, board, &a->chart, err);
}

int cli_run(int argc, char **argv, const struct cli_context *ctx, struct js_error *err)
{
	struct run_args a;
	int done;
	if (run_parse(argc, argv, &a, &done, err) != 0)
		return -1;
	if (done)
		return 0;

	char *warn = calloc(1, 16384);
	if (!warn)
		return js_error_set(err, EX_OSERR, "out of memory");
	struct scenario_file *f = scenario_file_load(a.file, err, warn, 16384);
	cli_print_lines(stderr, warn);
	free(warn);
	if (!f)
		return -1;

	int rc = -1;
	struct experiment x;
	struct out_stage st;
	memset(&x, 0, sizeof x);
	memset(&st, 0, sizeof st);
	char created[64];
	if (run_override(f, &a, err) != 0 || output_created_time(created, sizeof created, err) != 0)
		goto out;
	/* The output folder is made before simulating, so that a bad -o fails at once. */
	if (out_stage_begin(&st, a.outdir, err) != 0)
		goto out;

	struct experiment_options opt = {
		.jobs = (unsigned)a.jobs,
		.trace_customers = a.trace,
		.progress = !a.quiet && isatty(STDERR_FILENO),
	};
	double t0 = wall_clock();
	if (experiment_run(f, &opt, &x, err) != 0)
		goto out;
	struct output_meta meta = {
		.version = JOURNEYSIM_VERSION,
		.argc = ctx->argc,
		.argv = ctx->argv,
		.created = created,
		.wall_seconds = wall_clock() - t0,
		.trace_customers = a.trace,
	};
	if (output_write_results(&x, &meta, out_stage_path(&st), err) != 0)
		goto out;
	if (a.charts && run_charts(out_stage_path(&st), &a, err) != 0)
		goto out;
	if (out_stage_commit(&st, err) != 0)
		goto out;
	if (!a.quiet)
		table_print(stdout, &x, a.outdir);
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	experiment_fini(&x);
	scenario_file_free(f);
	return rc;
}
