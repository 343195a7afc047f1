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
 * "0.031"); sign: always print + or -. NaN gives "n/a". */
void table_humanise(char *buf, size_t len, double v, int sign);

/* Scenarios x headline KPIs (mean ± 95% CI half-width, and the paired
 * difference to the baseline with a * where its interval excludes 0), then
 * effort by cause. At most 120 columns. */
void table_print(FILE *fp, const struct experiment *x, const char *outdir);

#endif
