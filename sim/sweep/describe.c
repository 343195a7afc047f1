/*
 * describe.c - crossovers and tornado tops as one line of plain English, for
 * the summary that `journeysim sweep` and `merge` print:
 *
 *   customer_council beats siloed on margin once handoff.delay_boundary
 *   exceeds 2.3 days (1.9-2.8)
 *
 * The interval is the crossover's ci95_low-ci95_high; "<0.5" or ">4" when the
 * band still contains zero at the edge of the swept range.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "sweep_internal.h"

/* "2.3 days", "24 servers", "0.35", "1.2e+05 EUR" */
static void value_with_unit(char *buf, size_t len, double v, const char *unit, const char *currency)
{
	if (isnan(v))
		snprintf(buf, len, "?");
	else if (strcmp(unit, "days") == 0)
		snprintf(buf, len, "%.3g days", v);
	else if (strncmp(unit, "money", 5) == 0)
		snprintf(buf, len, "%.3g %s%s", v, *currency ? currency : "money", unit + 5);
	else if (!*unit || strcmp(unit, "share") == 0 || strcmp(unit, "factor") == 0 || strcmp(unit, "ratio") == 0)
		snprintf(buf, len, "%.3g", v);
	else
		snprintf(buf, len, "%.3g %s", v, unit);
}

void sweep_crossover_describe(const struct sweep_plan *p, const struct sweep_crossover *c, char *buf, size_t len)
{
	const struct sweep_param *prm = &p->params[c->param];
	double min = prm->n_levels ? prm->levels[0] : prm->low, max = prm->n_levels ? prm->levels[0] : prm->high;
	for (size_t i = 1; i < prm->n_levels; i++) {
		min = fmin(min, prm->levels[i]);
		max = fmax(max, prm->levels[i]);
	}
	char at[64], lo[48], hi[48];
	value_with_unit(at, sizeof at, c->at, prm->unit, p->currency);
	if (isnan(c->ci_low))
		snprintf(lo, sizeof lo, "<%.3g", min);
	else
		snprintf(lo, sizeof lo, "%.3g", c->ci_low);
	if (isnan(c->ci_high))
		snprintf(hi, sizeof hi, ">%.3g", max);
	else
		snprintf(hi, sizeof hi, "%.3g", c->ci_high);
	int above = strcmp(c->direction, "scenario_better_above") == 0 ||
		    strcmp(c->direction, "scenario_higher_above") == 0;
	const char *scen = p->scenarios[c->scenario], *base = p->scenarios[0], *metric = metric_table[c->metric].name;
	const char *when = above ? "once" : "while", *how = above ? "exceeds" : "is below";
	if (c->better)
		snprintf(buf, len, "%s beats %s on %s %s %s %s %s (%s-%s)", scen, base, metric, when, prm->path, how, at,
			 lo, hi);
	else
		snprintf(buf, len, "%s has a higher %s than %s %s %s %s %s (%s-%s)", scen, metric, base, when,
			 prm->path, how, at, lo, hi);
}

void sweep_tornado_describe(const struct sweep_plan *p, const struct sweep_tornado_top *t, char *buf, size_t len)
{
	char unit[64];
	output_unit(unit, sizeof unit, metric_table[t->metric].unit, p->currency);
	snprintf(buf, len, "%s, %s: %s matters most (swing %.3g %s)", p->scenarios[t->scenario],
		 metric_table[t->metric].name, p->params[t->param].path, t->swing, unit);
}
