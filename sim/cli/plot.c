/*
 * plot.c - `journeysim plot DIR`: redraw the charts of a results (or sweep,
 * explain or decide) folder from its CSV and JSON files alone, without simulating. The charts are drawn into
 * a staging folder and replace DIR/charts (and DIR/board.pdf) only when all
 * of them succeeded. --metric and --contrast aim the sweep charts at the
 * board's KPI and decision.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "chart.h"
#include "cli.h"
#include "json.h"
#include "output.h"

enum { OPT_ONLY = CLI_OWN, OPT_METRIC, OPT_CONTRAST };

static const struct cli_option plot_options[] = {
	{CLI_FORMAT, NULL, NULL, NULL},
	{OPT_ONLY, "draw one chart only (added to DIR/charts/; no board.pdf)", "only", "NAME"},
	{OPT_METRIC, "sweep charts: the KPI to show (overrides the sweep's `metric`)", "metric", "M"},
	{OPT_CONTRAST, "sweep charts: show the paired difference of scenario A minus B (overrides the sweep's `contrast`)",
	 "contrast", "A-B"},
	{CLI_SIZE, NULL, NULL, NULL},
	{0, NULL, NULL, NULL},
};

struct plot_args {
	const char *only;
	char metric[64], contrast_a[64], contrast_b[64];
};

static int plot_option(void *own, int id, const char *arg, struct js_error *err)
{
	struct plot_args *p = own;
	if (id == OPT_ONLY) {
		p->only = arg;
		return 0;
	}
	if (id == OPT_METRIC) {
		if (!*arg || strlen(arg) >= sizeof p->metric)
			return js_error_set(err, EX_USAGE, "--metric: expected a metric name such as margin");
		snprintf(p->metric, sizeof p->metric, "%s", arg);
		return 0;
	}
	/* "council-siloed": scenario ids have no '-' */
	const char *dash = strchr(arg, '-');
	size_t na = dash ? (size_t)(dash - arg) : 0;
	if (!dash || na == 0 || !dash[1] || strchr(dash + 1, '-') || na >= sizeof p->contrast_a ||
	    strlen(dash + 1) >= sizeof p->contrast_b)
		return js_error_set(err, EX_USAGE, "--contrast '%s': expected two scenario ids as A-B (A minus B)",
				    arg);
	snprintf(p->contrast_a, sizeof p->contrast_a, "%.*s", (int)na, arg);
	snprintf(p->contrast_b, sizeof p->contrast_b, "%s", dash + 1);
	return 0;
}

static const struct cli_spec plot_spec = {
	.synopsis = "usage: journeysim plot DIR [--format png,pdf,svg] [--only NAME] [--size WxH]\n"
		    "                       [--metric M] [--contrast A-B]\n\n"
		    "Redraws the charts of a results folder written by `journeysim run` (its CSV and\n"
		    "run.json files, which may have been edited) into DIR/charts/ and DIR/board.pdf,\n"
		    "or of a sweep folder written by `journeysim sweep` (or an explain folder written\n"
		    "by `journeysim explain`) into DIR/charts/, or of a decide folder written by\n"
		    "`journeysim decide` into DIR/charts/ and DIR/board.pdf.\n\n",
	.options = plot_options,
	.operand = "results folder DIR",
	.own_size = sizeof(struct plot_args),
	.own = plot_option,
};

/* A decide folder: manifest.json says "command": "decide". */
static int is_decide(const char *manifest)
{
	FILE *f = fopen(manifest, "rb");
	if (!f)
		return 0;
	char text[1 << 16];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = 0;
	struct json root;
	struct js_error err = {0};
	if (n == sizeof text - 1 || json_parse(&root, text, manifest, &err) < 0)
		return strstr(text, "\"command\": \"decide\"") != NULL; /* a long manifest: its line says so */
	const char *cmd = json_get_string(&root, "command", "");
	int yes = strcmp(cmd, "decide") == 0 || strncmp(cmd, "journeysim decide ", 18) == 0;
	json_free(&root);
	return yes;
}

static int plot_main(const struct cli_args *a, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)ctx;
	struct chart_options o = a->chart;
	const struct plot_args *p = own;
	o.only = p->only;
	if (*p->metric)
		snprintf(o.metric, sizeof o.metric, "%s", p->metric);
	if (*p->contrast_a) {
		snprintf(o.contrast_a, sizeof o.contrast_a, "%s", p->contrast_a);
		snprintf(o.contrast_b, sizeof o.contrast_b, "%s", p->contrast_b);
	}
	const char *dir = a->operand;

	/* a sweep folder has a manifest; an explain folder explain.csv; a run folder has run.json */
	char path[OUT_PATH_MAX];
	struct stat sb;
	int sweep = path_join(path, sizeof path, dir, "manifest.json", NULL) == 0 && stat(path, &sb) == 0;
	/* a decide folder: its manifest says so (or, written before it did, it has decision.csv) */
	char dpath[OUT_PATH_MAX];
	int decide = sweep && (is_decide(path) || (path_join(dpath, sizeof dpath, dir, "decision.csv", NULL) == 0 &&
						   stat(dpath, &sb) == 0));
	int explain = !sweep && path_join(path, sizeof path, dir, "explain.csv", NULL) == 0 && stat(path, &sb) == 0;
	if (!sweep && !explain && (path_join(path, sizeof path, dir, "summary.csv", NULL) != 0 || stat(path, &sb) != 0))
		return js_error_set(err, EX_NOINPUT, "%s: not a results, sweep or explain folder (no summary.csv)", dir);

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
	int drawn = decide    ? charts_render_decide(dir, charts_dir, o.only ? NULL : board, &o, err)
		    : sweep     ? charts_render_sweep(dir, charts_dir, &o, err)
		    : explain ? charts_render_explain(dir, charts_dir, &o, err)
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
