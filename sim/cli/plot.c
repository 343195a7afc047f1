/*
 * plot.c - `journeysim plot DIR`: redraw the charts of a results (or sweep)
 * folder from its CSV and JSON files alone, without simulating. The charts are drawn into
 * a staging folder and replace DIR/charts (and DIR/board.pdf) only when all
 * of them succeeded.
 */
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "output.h"

enum { OPT_FORMAT = OPT_LONG_BASE, OPT_ONLY, OPT_SIZE };

static const char plot_usage[] =
	"usage: journeysim plot DIR [--format png,pdf,svg] [--only NAME] [--size WxH]\n\n"
	"Redraws the charts of a results folder written by `journeysim run` (its CSV and\n"
	"run.json files, which may have been edited) into DIR/charts/ and DIR/board.pdf,\n"
	"or of a sweep folder written by `journeysim sweep` into DIR/charts/.\n\n"
	"      --format LIST  chart formats, from png, pdf, svg (default png,pdf)\n"
	"      --only NAME    draw one chart only (added to DIR/charts/; no board.pdf)\n"
	"      --size WxH     PNG size in pixels (default 1920x1080)\n"
	"  -h, --help         this help\n"
	"  -V, --version      the version\n";

int cli_plot(int argc, char **argv, const struct cli_context *ctx, struct js_error *err)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"only", required_argument, NULL, OPT_ONLY},
		{"size", required_argument, NULL, OPT_SIZE},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	(void)ctx;
	struct chart_options o;
	chart_options_defaults(&o);
	int c, rc = 0;
	while ((c = cli_getopt(argc, argv, "hV", longopts, err)) != -1) {
		const char *v = cli_optarg();
		switch (c) {
		case OPT_FORMAT: rc = chart_formats_parse(v, &o.formats, err); break;
		case OPT_ONLY: o.only = v; break;
		case OPT_SIZE: rc = cli_parse_size("--size", v, &o.width, &o.height, err); break;
		case 'h': fputs(plot_usage, stdout); return 0;
		case 'V': cli_print_version(stdout); return 0;
		default: return -1;
		}
		if (rc != 0) {
			err->code = EX_USAGE;
			return -1;
		}
	}
	const char *dir;
	if (cli_one_operand(argc, argv, "plot", "results folder DIR", &dir, err) < 0)
		return -1;

	/* a sweep folder has a manifest; a run folder has run.json */
	char path[OUT_PATH_MAX];
	struct stat sb;
	int sweep = path_join(path, sizeof path, dir, "manifest.json", NULL) == 0 && stat(path, &sb) == 0;
	if (!sweep && (path_join(path, sizeof path, dir, "summary.csv", NULL) != 0 || stat(path, &sb) != 0))
		return js_error_set(err, EX_NOINPUT, "%s: not a results or sweep folder (no summary.csv)", dir);

	struct out_stage st;
	if (out_stage_begin(&st, dir, err) != 0)
		return -1;
	st.merge_folders = o.only != NULL;
	char charts_dir[OUT_PATH_MAX], board[OUT_PATH_MAX];
	if (path_join(charts_dir, sizeof charts_dir, out_stage_path(&st), "charts", err) != 0 ||
	    path_join(board, sizeof board, out_stage_path(&st), "board.pdf", err) != 0) {
		out_stage_abort(&st);
		return -1;
	}
	int drawn = sweep ? charts_render_sweep(dir, charts_dir, &o, err)
			  : charts_render_results(dir, charts_dir, o.only ? NULL : board, &o, err);
	if (drawn != 0 || out_stage_commit(&st, err) != 0) {
		if (st.active)
			out_stage_abort(&st);
		return -1;
	}
	return 0;
}
