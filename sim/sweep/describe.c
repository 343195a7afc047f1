/*
 * describe.c - crossovers and tornado tops as one line of plain English, for
 * the summary that `journeysim sweep` and `merge` print:
 *
 *   council beats silos on Margin once Handoff delay at a boundary
 *   exceeds 2.3 days (95% interval of the crossing: 1.9 days to 2.8 days)
 *
 * Parameters and metrics are named by their labels (the schema's, metrics.h).
 * Only significant crossovers are described: crossovers.c writes no other.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "sweep_internal.h"

/* Three significant digits, readable: "2.3", "0.0451", "129,000", "5.09 million". */
static void number_text(char *buf, size_t len, double v)
{
	double a = fabs(v);
	if (isnan(v)) {
		snprintf(buf, len, "?");
	} else if (a >= 1e6 && a < 1e15) {
		snprintf(buf, len, "%.3g million", v / 1e6);
	} else if (a >= 999.5 && a < 1e6) {
		/* round to three significant digits, then group the thousands */
		double scale = a >= 1e5 ? 1e3 : a >= 1e4 ? 1e2 : 1e1;
		long r = (long)(floor(a / scale + 0.5) * scale);
		snprintf(buf, len, "%s%ld,%03ld", v < 0 ? "-" : "", r / 1000, r % 1000);
	} else {
		snprintf(buf, len, "%.3g", v);
	}
}

/* "2.3 days", "24 servers", "0.35", "129,000 EUR" */
static void value_with_unit(char *buf, size_t len, double v, const char *unit, const char *currency)
{
	char num[48];
	number_text(num, sizeof num, v);
	if (strncmp(unit, "money", 5) == 0)
		snprintf(buf, len, "%s %s%s", num, *currency ? currency : "money", unit + 5);
	else if (!*unit || strcmp(unit, "share") == 0 || strcmp(unit, "factor") == 0 || strcmp(unit, "ratio") == 0)
		snprintf(buf, len, "%s", num);
	else
		snprintf(buf, len, "%s %s", num, unit);
}

/* The scenario of a report line: a scenario of the plan, or the contrast "A-B". */
static void scenario_text(const struct sweep_plan *p, size_t s, char *buf, size_t len)
{
	if (s < p->n_scenarios)
		snprintf(buf, len, "%s", p->scenarios[s]);
	else if (p->contrast[0] >= 0)
		snprintf(buf, len, "%s-%s", p->scenarios[p->contrast[0]], p->scenarios[p->contrast[1]]);
	else
		snprintf(buf, len, "?");
}

void sweep_crossover_describe(const struct sweep_plan *p, const struct sweep_crossover *c, char *buf, size_t len)
{
	const struct sweep_param *prm = &p->params[c->param];
	char label[160], unit[64];
	scenario_param_label(prm->path, label, sizeof label, unit, sizeof unit);
	char at[96], lo[96], hi[96];
	value_with_unit(at, sizeof at, c->at, prm->unit, p->currency);
	value_with_unit(lo, sizeof lo, c->ci_low, prm->unit, p->currency);
	value_with_unit(hi, sizeof hi, c->ci_high, prm->unit, p->currency);
	int above = strcmp(c->direction, "scenario_better_above") == 0 ||
		    strcmp(c->direction, "scenario_higher_above") == 0;
	const char *scen = p->scenarios[c->scenario], *base = p->scenarios[0], *metric = metric_table[c->metric].label;
	const char *when = above ? "once" : "while", *how = above ? "exceeds" : "is below";
	/* only significant crossovers reach here (crossovers.c) */
	if (c->better)
		snprintf(buf, len, "%s beats %s on %s %s %s %s %s (95%% interval of the crossing: %s to %s)", scen,
			 base, metric, when, label, how, at, lo, hi);
	else
		snprintf(buf, len, "%s has a higher %s than %s %s %s %s %s (95%% interval of the crossing: %s to %s)",
			 scen, metric, base, when, label, how, at, lo, hi);
}

void sweep_tornado_describe(const struct sweep_plan *p, const struct sweep_tornado_top *t, char *buf, size_t len)
{
	char swing[96], label[160], unit[64], scen[2 * NAME_LEN + 2];
	value_with_unit(swing, sizeof swing, t->swing, metric_table[t->metric].unit, p->currency);
	scenario_param_label(p->params[t->param].path, label, sizeof label, unit, sizeof unit);
	scenario_text(p, t->scenario, scen, sizeof scen);
	snprintf(buf, len, "%s, %s: %s matters most (swing %s)", scen, metric_table[t->metric].label, label, swing);
}
