/*
 * args.h - the command line of the subcommands (internal to sim/cli).
 *
 * A command describes its options in one table of struct cli_option, in the
 * order of its help: the options that several commands share (-o, --jobs,
 * --quiet, --no-charts, --format, --size, --objective; one table in args.c) by their CLI_*
 * id, its own ones by name. main parses them (cli_parse) before it calls the
 * command: the shared ones into struct cli_args, the command's own ones
 * through its callback into its own struct. -h and -V, which every command
 * takes, print the help (made from the same table) and the version.
 */
#ifndef JOURNEYSIM_CLI_ARGS_H
#define JOURNEYSIM_CLI_ARGS_H

#include <stdint.h>
#include <stdio.h>

#include "chart.h"
#include "error.h"

/* The shared options, with the getopt value of each. A command's own options
 * take values from CLI_OWN on. */
enum cli_shared_option {
	CLI_OUTPUT = 'o',  /* -o, --output DIR */
	CLI_QUIET = 'q',   /* -q, --quiet */
	CLI_JOBS = 256,    /* --jobs N */
	CLI_NO_CHARTS,     /* --no-charts */
	CLI_FORMAT,        /* --format LIST */
	CLI_SIZE,          /* --size WxH */
	CLI_OBJECTIVE,     /* --objective SPEC */
	CLI_OWN = 320,
};

/* One line of a command's option table; {0} ends it. */
struct cli_option {
	int id;           /* a CLI_* shared option, or the command's own (>= CLI_OWN) */
	const char *help; /* NULL: the shared option's text; '\n' continues on a new line */
	const char *name; /* own options: the long name ("seed") */
	const char *arg;  /* own options: the argument's name ("N"), NULL for a flag */
};

/* The values of the shared options, and the operands. */
struct cli_args {
	char **operands;            /* what follows the options (getopt moves options first) */
	int n_operands;
	const char *operand;        /* the one operand of a command that takes one */
	const char *outdir;         /* -o; else the command's default (may be NULL) */
	uint64_t jobs;              /* --jobs; else the number of cores */
	int quiet;                  /* -q */
	int charts;                 /* 0 with --no-charts */
	struct chart_options chart; /* --format and --size; else chart_options_defaults */
	const char *objective;      /* --objective (checked by objective_parse), or NULL */
};

struct cli_spec {
	const char *synopsis;             /* the help above the options, ending in a blank line */
	const struct cli_option *options; /* in the order of the help; -h and -V follow */
	const char *operand;              /* the one operand it takes ("scenario FILE"), or NULL */
	const char *outdir;               /* the default of -o, which may then not be empty */
	size_t own_size;                  /* bytes of the struct its own options go into */
	/* Each own option with its argument (NULL for a flag) into own: 0, or -1
	 * with err. */
	int (*own)(void *own, int id, const char *arg, struct js_error *err);
};

#define CLI_DONE 1 /* cli_parse printed the help or the version */

/* Parses argv (argv[0] is the command's name; options may follow operands)
 * into a and, through spec->own, into own (spec->own_size bytes, zeroed);
 * then the one operand if spec->operand says so. -h and -V print the help or
 * the version on stdout and return CLI_DONE. 0, CLI_DONE, or -1 with a usage
 * error in err ("run: unknown option '--x'", "run: missing the scenario
 * FILE"). */
int cli_parse(int argc, char **argv, const struct cli_spec *spec, void *own, struct cli_args *a,
	      struct js_error *err);

/* An unsigned integer in [min, max]; usage error naming the option. */
int cli_parse_uint(const char *opt, const char *text, uint64_t min, uint64_t max, uint64_t *out,
		   struct js_error *err);
/* A duration ("45 min", "2 w", a number of days) > 0, or >= 0 when zero_ok. */
int cli_parse_days(const char *opt, const char *text, int zero_ok, double *days, struct js_error *err);
/* "WxH" in pixels. */
int cli_parse_size(const char *opt, const char *text, unsigned *w, unsigned *h, struct js_error *err);

struct scenario_file;

/* Prints each line of text (warnings from loading) as "journeysim: line". */
void cli_print_lines(FILE *fp, const char *text);

/* "journeysim 0.1.0\n" */
void cli_print_version(FILE *fp);

#endif
