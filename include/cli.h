/*
 * cli.h - the subcommands of the journeysim program.
 *
 * main (sim/cli/main.c) holds a list of commands and dispatches on argv[1];
 * each command lives in its own file (run.c, explain.c, check.c, presets.c, plot.c,
 * sweep.c, merge.c) with its struct cli_command: name, one-line help, option
 * table and function. main parses the command's options (cli_parse, args.c)
 * and answers -h and -V; the command may print its normal output on stdout
 * (tables, configs) and warnings on stderr, and returns 0, or -1 with err
 * filled; only main prints errors and chooses the exit status (sysexits: 64
 * usage, 66 no input, 73 cannot create, 74 I/O, 78 config).
 */
#ifndef JOURNEYSIM_CLI_H
#define JOURNEYSIM_CLI_H

#include "error.h"

/* The whole command line, for the manifest a command writes (run.json). */
struct cli_context {
	int argc;
	char **argv;
};

struct cli_args; /* sim/cli/args.h: the options and operands main parsed */
struct cli_spec; /* sim/cli/args.h: a command's options and help */

/* a: the command's shared options and operands; own: its own options
 * (spec->own_size bytes, zeroed, then filled by spec->own). */
typedef int (*cli_command_fn)(const struct cli_args *a, void *own, const struct cli_context *ctx,
			      struct js_error *err);

struct cli_command {
	const char *name;            /* "run" */
	const char *summary;         /* one line for `journeysim --help` */
	const struct cli_spec *spec; /* what main parses before it calls main */
	cli_command_fn main;
};

extern const struct cli_command cli_run, cli_explain, cli_check, cli_presets, cli_plot, cli_sweep, cli_merge;
extern const struct cli_command cli_decide;

#endif
