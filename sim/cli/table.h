/*
 * table.h - the result tables that `journeysim run` prints on stdout
 * (internal to sim/cli).
 */
#ifndef JOURNEYSIM_CLI_TABLE_H
#define JOURNEYSIM_CLI_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "experiment.h"

/* v with three significant digits and a k/M/G/T suffix ("4.51M", "-12.3k",
 * "0.031", "0.000245"), never an exponent; sign: always print + or -. NaN
 * gives "n/a". table_humanise_sig: with sig significant digits (1 to 3). */
void table_humanise(char *buf, size_t len, double v, int sign);
void table_humanise_sig(char *buf, size_t len, double v, int sign, int sig);

/* A table cell "6.12±0.05", or for a difference (diff) "+0.68±0.03*" with a
 * * where the 95% interval excludes 0. */
void table_cell_format(char *buf, size_t len, const struct summary *sm, int diff);

/* What the run found, for the table. */
struct table_findings {
	const struct objective *objective;
	const char *objective_text;          /* objective_text() */
	const struct rank_entry *ranking;    /* [n_scenarios], best first */
	const struct capacity_warning *warnings;
	size_t n_warnings;
	size_t assumptions_key, assumptions_default;
};

/* The top line: the best scenario on the objective and its gap to the
 * runner-up with the paired 95% interval, or that the two cannot be told
 * apart when the interval includes 0. */
void table_verdict(char *buf, size_t len, const struct experiment *x, const struct table_findings *tf);

/* Does a capacity warning name scenario s? */
int table_scenario_warned(const struct table_findings *tf, size_t s);

/* The verdict, the count of key assumptions left at their defaults, then
 * scenarios (in the objective's ranking, a "!" on those with a capacity
 * warning) x headline KPIs (mean ± 95% CI half-width, and the paired
 * difference to the baseline with a * where its interval excludes 0), then
 * effort by cause. */
void table_print(FILE *fp, const struct experiment *x, const char *outdir, const struct table_findings *tf);

/* What the staffing rules chose (nothing when every rule is fixed or rep is
 * NULL): per pool its rule and target, the servers, the Erlang C estimate the
 * search started from, the service level achieved with its 95% interval and
 * the pool's staff cost; then what the search cost in replications. */
void table_print_staffing(FILE *fp, const struct experiment *x, const struct staffing_report *rep);

#endif
