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

enum { OPT_ONLY = CLI_OWN };

static const struct cli_option plot_options[] = {
	{CLI_FORMAT, NULL, NULL, NULL},
	{OPT_ONLY, "draw one chart only (added to DIR/charts/; no board.pdf)", "only", "NAME"},
	{CLI_SIZE, NULL, NULL, NULL},
	{0, NULL, NULL, NULL},
};

struct plot_args {
	const char *only;
};

static int plot_option(void *own, int id, const char *arg, struct js_error *err)
{
	(void)id; /* OPT_ONLY, the one own option */
	(void)err;
	((struct plot_args *)own)->only = arg;
	return 0;
}

static const struct cli_spec plot_spec = {
	.synopsis = "usage: journeysim plot DIR [--format png,pdf,svg] [--only NAME] [--size WxH]\n\n"
		    "Redraws the charts of a results folder written by `journeysim run` (its CSV and\n"
		    "run.json files, which may have been edited) into DIR/charts/ and DIR/board.pdf,\n"
		    "or of a sweep folder written by `journeysim sweep` into DIR/charts/.\n\n",
	.options = plot_options,
	.operand = "results folder DIR",
	.own_size = sizeof(struct plot_args),
	.own = plot_option,
};

static int plot_main(const struct cli_args *a, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)ctx;
	struct chart_options o = a->chart;
	o.only = ((const struct plot_args *)own)->only;
	const char *dir = a->operand;

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

const struct cli_command cli_plot = {"plot", "redraw the charts of a results folder without simulating", &plot_spec,
				     plot_main};
