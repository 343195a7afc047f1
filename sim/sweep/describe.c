/*
 * describe.c - crossovers and tornado tops as one line of plain English, for
 * the summary that `journeysim sweep` and `merge` print:
 *
 *   council beats silos on margin once handoff.delay_boundary
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

/* Three significant digits, readable: "2.3", "0.0451", "129,000", "5.09 million". */
static void number_text(char *buf, size_t len, double v)
{
	double a = fabs(v);
	if (isnan(v)) {
		snprintf(buf, len, "?");
	} else if (a >= 1e6 && a < 1e15) {
		snprintf(buf, len, "%.3g million", v / 1e6);
	} else if (a >= 1e4 && a < 1e6) {
		/* round to three significant digits, then group the thousands */
		double scale = a >= 1e5 ? 1e3 : 1e2;
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

void sweep_crossover_describe(const struct sweep_plan *p, const struct sweep_crossover *c, char *buf, size_t len)
{
	const struct sweep_param *prm = &p->params[c->param];
	double min = prm->n_levels ? prm->levels[0] : prm->low, max = prm->n_levels ? prm->levels[0] : prm->high;
	for (size_t i = 1; i < prm->n_levels; i++) {
		min = fmin(min, prm->levels[i]);
		max = fmax(max, prm->levels[i]);
	}
	char at[96], lo[64], hi[64];
	value_with_unit(at, sizeof at, c->at, prm->unit, p->currency);
	char num[48];
	number_text(num, sizeof num, isnan(c->ci_low) ? min : c->ci_low);
	snprintf(lo, sizeof lo, "%s%s", isnan(c->ci_low) ? "<" : "", num);
	number_text(num, sizeof num, isnan(c->ci_high) ? max : c->ci_high);
	snprintf(hi, sizeof hi, "%s%s", isnan(c->ci_high) ? ">" : "", num);
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
	char swing[96];
	value_with_unit(swing, sizeof swing, t->swing, metric_table[t->metric].unit, p->currency);
	snprintf(buf, len, "%s, %s: %s matters most (swing %s)", p->scenarios[t->scenario],
		 metric_table[t->metric].name, p->params[t->param].path, swing);
}
