/* registry.c - the chart types. Adding a chart is a file with its draw
 * function and one line here. Results charts come first, in the order a deck
 * would show them; the board summary last. */
#include <string.h>

#include "plot.h"

const struct chart_type chart_types[] = {
	{"kpi_comparison", "KPI comparison", CHART_INPUT_RESULTS, NULL, chart_kpi_draw},
	{"cost_vs_experience", "Cost against experience", CHART_INPUT_RESULTS, NULL, chart_scatter_draw},
	{"journey_flow", "Journey flow", CHART_INPUT_RESULTS, NULL, chart_sankey_draw},
	{"distributions", "Journey time and experience distributions", CHART_INPUT_RESULTS, NULL,
	 chart_distributions_draw},
	{"cost_breakdown", "Cost breakdown", CHART_INPUT_RESULTS, NULL, chart_cost_draw},
	{"time_series", "Queues, work in progress and open defects over time", CHART_INPUT_RESULTS, NULL,
	 chart_timeseries_draw},
	/* over time (issue 15): only from a folder with the period files */
	{"periods", "KPIs per period for each model", CHART_INPUT_RESULTS, chart_periods_available, chart_periods_draw},
	{"payback", "Cumulative margin difference and payback", CHART_INPUT_RESULTS, chart_payback_available,
	 chart_payback_draw},
	{"debt_defects", "Integration debt and open defects over time", CHART_INPUT_RESULTS, chart_periods_available,
	 chart_debt_defects_draw},
	{"board_summary", "One-page board summary", CHART_INPUT_RESULTS, NULL, chart_board_draw},
	{"sweep_lines", "KPI against a swept parameter", CHART_INPUT_SWEEP, chart_sweep_lines_available,
	 chart_sweep_lines_draw},
	{"sweep_heatmap", "Two-parameter sweep heatmap", CHART_INPUT_SWEEP, chart_heatmap_available,
	 chart_heatmap_draw},
	{"tornado", "Sensitivity tornado", CHART_INPUT_SWEEP, chart_tornado_available, chart_tornado_draw},
	/* one file per metric: explain_margin, explain_experience (render.c) */
	{"explain", "Waterfall of a gap, part by part", CHART_INPUT_EXPLAIN, NULL, chart_waterfall_draw},
	/* a decide folder: the four decision charts, then its board page (board.pdf) */
	{"decision_best", "Probability each model is best", CHART_INPUT_DECIDE, NULL, chart_decision_best_draw},
	{"decision_ranks", "Rank probabilities", CHART_INPUT_DECIDE, NULL, chart_decision_ranks_draw},
	{"acceptability", "Probability best against the weight of experience", CHART_INPUT_DECIDE, NULL,
	 chart_acceptability_draw},
	{"evppi", "What to measure before deciding (EVPPI)", CHART_INPUT_DECIDE, NULL, chart_evppi_draw},
	{"decision_board", "One-page decision board", CHART_INPUT_DECIDE, NULL, chart_decision_board_draw},
};

const size_t chart_type_count = sizeof chart_types / sizeof *chart_types;

const struct chart_type *chart_type_find(const char *name)
{
	for (size_t i = 0; name && i < chart_type_count; i++)
		if (strcmp(chart_types[i].name, name) == 0)
			return &chart_types[i];
	return NULL;
}
