/*
 * args.h - option parsing shared by the subcommands (internal to sim/cli).
 */
#ifndef JOURNEYSIM_CLI_ARGS_H
#define JOURNEYSIM_CLI_ARGS_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

/* Values of long options without a short form start here. */
#define OPT_LONG_BASE 256

/* getopt_long for a subcommand (options may follow operands). Returns the
 * option, -1 after the last, or '?' with a usage error in err
 * ("run: unknown option '--x'"). Call with the command's own argv. */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       struct js_error *err);

/* Index of the first operand once cli_getopt returned -1. */
int cli_optind(void);
/* Argument of the current option. */
const char *cli_optarg(void);

/* An unsigned integer in [min, max]; usage error naming the option. */
int cli_parse_uint(const char *opt, const char *text, uint64_t min, uint64_t max, uint64_t *out,
		   struct js_error *err);
/* A duration ("45 min", "2 w", a number of days) > 0, or >= 0 when zero_ok. */
int cli_parse_days(const char *opt, const char *text, int zero_ok, double *days, struct js_error *err);
/* "WxH" in pixels. */
int cli_parse_size(const char *opt, const char *text, unsigned *w, unsigned *h, struct js_error *err);

/* The one operand a command takes, once cli_getopt returned -1: usage errors
 * "CMD: missing the WHAT" or "CMD: one WHAT only, got also 'x'". */
int cli_one_operand(int argc, char **argv, const char *cmd, const char *what, const char **out,
		    struct js_error *err);

/* Prints each line of text (warnings from loading) as "journeysim: line". */
void cli_print_lines(FILE *fp, const char *text);

/* "journeysim 0.1.0\n" */
void cli_print_version(FILE *fp);

#endif
