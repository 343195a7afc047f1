/*
 * cli.h - the subcommands of the journeysim program.
 *
 * main (sim/cli/main.c) holds a table of commands {name, one-line help,
 * function} and dispatches on argv[1]; each command lives in its own file
 * (run.c, check.c, presets.c, plot.c; sweep.c and merge.c join the table the
 * same way). A command parses its own options, may print its normal output on
 * stdout (tables, configs) and warnings on stderr, and returns 0, or -1 with
 * err filled; only main prints errors and chooses the exit status
 * (sysexits: 64 usage, 66 no input, 73 cannot create, 74 I/O, 78 config).
 */
#ifndef JOURNEYSIM_CLI_H
#define JOURNEYSIM_CLI_H

#include "error.h"

/* The whole command line, for the manifest a command writes (run.json). */
struct cli_context {
	int argc;
	char **argv;
};

/* argv[0] is the command's name; options follow. */
typedef int (*cli_command_fn)(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);

struct cli_command {
	const char *name;    /* "run" */
	const char *summary; /* one line for `journeysim --help` */
	cli_command_fn main;
};

int cli_run(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);
int cli_check(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);
int cli_presets(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);
int cli_plot(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);
int cli_sweep(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);
int cli_merge(int argc, char **argv, const struct cli_context *ctx, struct js_error *err);

#endif
