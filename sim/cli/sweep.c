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
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "experiment.h"
#include "output.h"
#include "sweep.h"

/* Also in cli.h once the command is registered there. */
int cli_sweep(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);

#define SUMMARY_LINES 12

enum {
	OPT_JOBS = OPT_LONG_BASE,
	OPT_RESUME,
	OPT_SHARD,
	OPT_NO_CHARTS,
	OPT_FORMAT,
	OPT_SIZE,
};

static const char sweep_usage[] =
	"usage: journeysim sweep FILE [-o DIR] [--jobs N] [--resume] [--shard K/N] [--quiet]\n"
	"                             [--no-charts] [--format png,pdf,svg] [--size WxH]\n\n"
	"Runs the parameter sweep of FILE's `sweep` group: every point of its design, every\n"
	"scenario, every replication. Finished points go to DIR/journal at once, so an\n"
	"interrupted sweep continues with --resume. Writes points.csv, results.csv,\n"
	"summary.csv, diffs.csv, manifest.json, tornado.csv, sensitivity.csv, crossovers.csv\n"
	"and charts/ into DIR (docs/sweeps.md), and prints the crossovers it found.\n\n"
	"  -o, --output DIR   sweep folder (default out/sweep), created if missing\n"
	"      --jobs N       threads (default: the number of cores); results do not depend on it\n"
	"      --resume       continue DIR/journal: run only the points it does not hold\n"
	"      --shard K/N    run every N-th point only (point % N == K-1), for clusters;\n"
	"                     default from SLURM_ARRAY_TASK_ID/_COUNT/_MIN; `journeysim merge`\n"
	"                     joins the shard folders\n"
	"  -q, --quiet        no progress and no summary\n"
	"      --no-charts    draw no charts\n"
	"      --format LIST  chart formats, from png, pdf, svg (default png,pdf)\n"
	"      --size WxH     PNG size in pixels (default 1920x1080)\n"
	"  -h, --help         this help\n"
	"  -V, --version      the version\n";

struct sweep_args {
	const char *file, *outdir, *shard;
	uint64_t jobs;
	int resume, quiet, charts;
	struct chart_options chart;
};

static int sweep_parse(int argc, char **argv, struct sweep_args *a, int *done, struct js_error *err)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, OPT_JOBS},
		{"resume", no_argument, NULL, OPT_RESUME},
		{"shard", required_argument, NULL, OPT_SHARD},
		{"quiet", no_argument, NULL, 'q'},
		{"no-charts", no_argument, NULL, OPT_NO_CHARTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"size", required_argument, NULL, OPT_SIZE},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof *a);
	a->outdir = "out/sweep";
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
		case OPT_JOBS: rc = cli_parse_uint("--jobs", v, 1, 256, &a->jobs, err); break;
		case OPT_RESUME: a->resume = 1; break;
		case OPT_SHARD: a->shard = v; break;
		case 'q': a->quiet = 1; break;
		case OPT_NO_CHARTS: a->charts = 0; break;
		case OPT_FORMAT: rc = chart_formats_parse(v, &a->chart.formats, err); break;
		case OPT_SIZE: rc = cli_parse_size("--size", v, &a->chart.width, &a->chart.height, err); break;
		case 'h': fputs(sweep_usage, stdout); *done = 1; return 0;
		case 'V': cli_print_version(stdout); *done = 1; return 0;
		default: return -1;
		}
		if (rc != 0) {
			err->code = EX_USAGE;
			return -1;
		}
	}
	if (cli_one_operand(argc, argv, "sweep", "scenario FILE", &a->file, err) < 0)
		return -1;
	if (!*a->outdir)
		return js_error_set(err, EX_USAGE, "sweep: -o: empty folder name");
	return 0;
}

/* ---- progress on a terminal ---- */

struct bar {
	double start;
	double last;
	size_t first; /* points done when the run started (resumed) */
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void clock_text(char *buf, size_t len, double seconds)
{
	if (!(seconds >= 0) || seconds > 360000 * 24) {
		snprintf(buf, len, "--:--");
		return;
	}
	unsigned long s = (unsigned long)(seconds + 0.5);
	if (s >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lu:%02lu", s / 60, s % 60);
}

static void bar_draw(void *ctx, size_t done, size_t total)
{
	struct bar *b = ctx;
	double now = now_seconds();
	if (b->last < 0) {
		b->first = done;
		b->start = now;
	} else if (done < total && now - b->last < 0.2) {
		return;
	}
	b->last = now;
	double minutes = (now - b->start) / 60, rate = minutes > 0 ? (double)(done - b->first) / minutes : 0;
	char eta[32];
	clock_text(eta, sizeof eta, rate > 0 ? (double)(total - done) / rate * 60 : -1);
	fprintf(stderr, "\rsweep: %zu/%zu points  %.1f points/min  ETA %s\033[K", done, total, rate, eta);
	fflush(stderr);
}

/* ---- the summary ---- */

/* The crossovers and tornado tops a sweep found, a few lines of each. */
static void print_findings(const struct sweep_plan *p, const struct sweep_report *r)
{
	char line[1024];
	if (p->design == SWEEP_GRID)
		printf("crossovers (%zu, in crossovers.csv)%s\n", r->n_crossovers, r->n_crossovers ? ":" : "");
	for (size_t i = 0; i < r->n_crossovers && i < SUMMARY_LINES; i++) {
		sweep_crossover_describe(p, &r->crossovers[i], line, sizeof line);
		printf("  %s\n", line);
	}
	if (r->n_crossovers > SUMMARY_LINES)
		printf("  ... and %zu more\n", r->n_crossovers - SUMMARY_LINES);
	if (r->n_tornado_top)
		printf("largest swings (tornado.csv):\n");
	for (size_t i = 0; i < r->n_tornado_top && i < SUMMARY_LINES; i++) {
		sweep_tornado_describe(p, &r->tornado_top[i], line, sizeof line);
		printf("  %s\n", line);
	}
	if (r->n_tornado_top > SUMMARY_LINES)
		printf("  ... and %zu more\n", r->n_tornado_top - SUMMARY_LINES);
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

static int draw_charts(const char *staging, const struct sweep_args *a, struct js_error *err)
{
	char dir[OUT_PATH_MAX];
	if (path_join(dir, sizeof dir, staging, "charts", err) != 0)
		return -1;
	if (charts_render_sweep(staging, dir, &a->chart, err) == 0)
		return 0;
	out_remove_tree(dir); /* no half-drawn charts replace the old ones */
	return -1;
}

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

int cli_sweep(int argc, char **argv, const struct cli_context *ctx, struct js_error *err)
{
	(void)ctx;
	struct sweep_args a;
	int done;
	if (sweep_parse(argc, argv, &a, &done, err) != 0)
		return -1;
	if (done)
		return 0;
	int rank, size;
	if (sweep_mpi_init(&rank, &size, err) != 0)
		return -1;

	struct sweep sw;
	struct sweep_report rep;
	struct out_stage st;
	struct sweep_status status;
	struct js_error chart_err;
	memset(&rep, 0, sizeof rep);
	memset(&st, 0, sizeof st);
	js_error_clear(&chart_err);
	char *warn = calloc(1, 16384);
	if (!warn)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = sweep_load(a.file, &sw, warn, 16384, err);
	if (rank == 0)
		cli_print_lines(stderr, warn);
	free(warn);
	if (rc != 0)
		goto out;
	rc = -1;
	if (set_shard(&sw.plan, &a, err) != 0)
		goto out;
	if (rank == 0 && out_make_dirs(a.outdir, NULL, 0, err) != 0)
		goto out;

	struct bar bar = {0, -1, 0};
	struct sweep_options opt = {(unsigned)a.jobs, a.resume, NULL, &bar};
	if (rank == 0 && !a.quiet && isatty(STDERR_FILENO))
		opt.progress = bar_draw;
	int ran = sweep_run(&sw, a.outdir, &opt, &status, err);
	if (opt.progress && bar.last >= 0)
		fputs("\r\033[K", stderr);
	if (ran != 0)
		goto out;
	if (rank != 0) {
		rc = 0;
		goto out;
	}

	const char *dirs[1] = {a.outdir};
	if (out_stage_begin(&st, a.outdir, err) != 0 ||
	    sweep_outputs_write(&sw.plan, dirs, 1, out_stage_path(&st), &rep, err) != 0)
		goto out;
	if (a.charts && sw.plan.shard_n == 1 && draw_charts(out_stage_path(&st), &a, &chart_err) != 0)
		snprintf(chart_err.msg + strlen(chart_err.msg), sizeof chart_err.msg - strlen(chart_err.msg),
			 "\nthe sweep's tables are in %s; the same command with --resume draws the charts again "
			 "without simulating",
			 a.outdir);
	if (out_stage_commit(&st, err) != 0)
		goto out;
	if (!a.quiet)
		print_summary(&sw.plan, &status, &rep, a.outdir);
	if (chart_err.code) {
		*err = chart_err;
		goto out;
	}
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	sweep_report_fini(&rep);
	sweep_fini(&sw);
	if (rc == 0 || size == 1)
		sweep_mpi_finalize();
	return rc;
}
