/*
 * merge.c - `journeysim merge -o DIR SHARD_DIR...`: join the shard folders of
 * one sweep (journeysim sweep --shard K/N, or a Slurm job array) into the
 * outputs a single run would have written, byte for byte.
 *
 * The shards' journals are read in place; nothing is simulated. DIR gets the
 * tables, the analyses and the charts through a staging folder, like `sweep`.
 */
#include <string.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "output.h"
#include "sweep.h"

/* Also in cli.h once the command is registered there. */
int cli_merge(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);

enum { OPT_NO_CHARTS = OPT_LONG_BASE, OPT_FORMAT, OPT_SIZE };

static const char merge_usage[] =
	"usage: journeysim merge -o DIR SHARD_DIR... [--quiet] [--no-charts] [--format LIST] [--size WxH]\n\n"
	"Joins the folders of the shards of one sweep (journeysim sweep --shard K/N) into\n"
	"DIR: the same files, byte for byte, as one run of the whole sweep. Every shard\n"
	"1..N must be given once, and together they must hold every point.\n\n"
	"  -o, --output DIR   the merged sweep folder (required), created if missing\n"
	"  -q, --quiet        no summary\n"
	"      --no-charts    draw no charts\n"
	"      --format LIST  chart formats, from png, pdf, svg (default png,pdf)\n"
	"      --size WxH     PNG size in pixels (default 1920x1080)\n"
	"  -h, --help         this help\n"
	"  -V, --version      the version\n";

int cli_merge(int argc, char **argv, const struct cli_context *ctx, struct js_error *err)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"no-charts", no_argument, NULL, OPT_NO_CHARTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"size", required_argument, NULL, OPT_SIZE},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	(void)ctx;
	const char *outdir = NULL;
	int quiet = 0, charts = 1, c, rc = 0;
	struct chart_options co;
	chart_options_defaults(&co);
	while ((c = cli_getopt(argc, argv, "o:qhV", longopts, err)) != -1) {
		const char *v = cli_optarg();
		switch (c) {
		case 'o': outdir = v; break;
		case 'q': quiet = 1; break;
		case OPT_NO_CHARTS: charts = 0; break;
		case OPT_FORMAT: rc = chart_formats_parse(v, &co.formats, err); break;
		case OPT_SIZE: rc = cli_parse_size("--size", v, &co.width, &co.height, err); break;
		case 'h': fputs(merge_usage, stdout); return 0;
		case 'V': cli_print_version(stdout); return 0;
		default: return -1;
		}
		if (rc != 0) {
			err->code = EX_USAGE;
			return -1;
		}
	}
	int first = cli_optind();
	if (!outdir || !*outdir)
		return js_error_set(err, EX_USAGE, "merge: expected -o DIR, the merged sweep folder");
	if (first >= argc)
		return js_error_set(err, EX_USAGE, "merge: expected the shard folders after -o DIR");
	const char *const *dirs = (const char *const *)(argv + first);
	size_t n = (size_t)(argc - first);
	for (size_t i = 0; i < n; i++)
		if (strcmp(dirs[i], outdir) == 0)
			return js_error_set(err, EX_USAGE, "merge: -o %s is also a shard folder: merge into another one",
					    outdir);

	struct sweep_plan plan;
	struct sweep_report rep;
	struct out_stage st;
	struct js_error chart_err;
	memset(&rep, 0, sizeof rep);
	memset(&st, 0, sizeof st);
	js_error_clear(&chart_err);
	if (sweep_merge_plan(dirs, n, &plan, err) != 0)
		return -1;
	rc = -1;
	if (out_stage_begin(&st, outdir, err) != 0 ||
	    sweep_outputs_write(&plan, dirs, n, out_stage_path(&st), &rep, err) != 0)
		goto out;
	if (charts) {
		char cdir[OUT_PATH_MAX];
		if (path_join(cdir, sizeof cdir, out_stage_path(&st), "charts", err) != 0)
			goto out;
		if (charts_render_sweep(out_stage_path(&st), cdir, &co, &chart_err) != 0) {
			out_remove_tree(cdir);
			snprintf(chart_err.msg + strlen(chart_err.msg), sizeof chart_err.msg - strlen(chart_err.msg),
				 "\nthe merged tables are in %s", outdir);
		}
	}
	if (out_stage_commit(&st, err) != 0)
		goto out;
	if (!quiet) {
		printf("merge: %zu points (%s) x %zu scenarios x %u replications from %zu shard folders: %s\n",
		       plan.n_points, sweep_design_names[plan.design], plan.n_scenarios, plan.replications, n, outdir);
		char line[1024];
		for (size_t i = 0; i < rep.n_crossovers && i < 12; i++) {
			sweep_crossover_describe(&plan, &rep.crossovers[i], line, sizeof line);
			printf("  %s\n", line);
		}
		if (rep.n_crossovers > 12)
			printf("  ... and %zu more in crossovers.csv\n", rep.n_crossovers - 12);
	}
	if (chart_err.code) {
		*err = chart_err;
		goto out;
	}
	rc = 0;
out:
	if (st.active)
		out_stage_abort(&st);
	sweep_report_fini(&rep);
	sweep_plan_fini(&plan);
	return rc;
}
