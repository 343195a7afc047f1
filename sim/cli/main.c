/*
 * main.c - journeysim's entry point: picks the subcommand, and is the only
 * place that prints errors and chooses the exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "rng.h"

/* Adding a command is adding its file and one line here, in the order of
 * `journeysim --help`. */
static const struct cli_command *const commands[] = {
	&cli_run, &cli_explain, &cli_check, &cli_presets, &cli_plot, &cli_sweep, &cli_merge,
	&cli_decide,
};

static void usage(FILE *fp)
{
	fputs("usage: journeysim COMMAND [options] ...\n"
	      "       journeysim COMMAND --help\n"
	      "       journeysim --help | --version\n\n"
	      "Simulates who owns the customer journey, and what that does to experience, cost and revenue.\n\n"
	      "commands:\n",
	      fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nexit status: 0 ok, 64 usage, 66 cannot open input, 73 cannot create output,\n"
	      "74 I/O error, 78 bad configuration (see docs/outputs.md)\n",
	      fp);
}

/* Prints every line of the message as "journeysim: line". */
static void print_error(const char *msg)
{
	const char *p = msg;
	do {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(stderr, "journeysim: %.*s\n", len, p);
		p = nl ? nl + 1 : NULL;
	} while (p && *p);
}

/* Parses the command's options and runs it: 0, or -1 with err. */
static int run_command(const struct cli_command *cmd, const struct cli_context *ctx, struct js_error *err)
{
	struct cli_args a;
	size_t size = cmd->spec->own_size;
	void *own = size ? calloc(1, size) : NULL;
	if (size && !own)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = cli_parse(ctx->argc - 1, ctx->argv + 1, cmd->spec, own, &a, err);
	if (rc == 0)
		rc = cmd->main(&a, own, ctx, err);
	free(own);
	return rc == CLI_DONE ? 0 : rc;
}

int main(int argc, char **argv)
{
	struct js_error err;
	js_error_clear(&err);
	rng_gsl_quiet();

	if (argc < 2) {
		usage(stderr);
		return EX_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		cli_print_version(stdout);
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}

	const struct cli_command *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			cmd = commands[i];
	if (!cmd) {
		fprintf(stderr, "journeysim: %s '%s'\n", argv[1][0] == '-' ? "unknown option" : "unknown command",
			argv[1]);
		fputs("journeysim: see 'journeysim --help'\n", stderr);
		return EX_USAGE;
	}

	struct cli_context ctx = {argc, argv};
	int rc = run_command(cmd, &ctx, &err);
	/* Whatever the command printed must have reached stdout. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == 0)
			js_error_set(&err, EX_IOERR, "cannot write to standard output");
		rc = -1;
	}
	if (rc != 0) {
		print_error(err.msg[0] ? err.msg : "failed");
		if (err.code == EX_USAGE)
			fprintf(stderr, "journeysim: see 'journeysim %s --help'\n", cmd->name);
		return err.code ? err.code : EX_SOFTWARE;
	}
	return 0;
}
