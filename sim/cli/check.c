/* check.c - `journeysim check FILE`: validate a scenario file and print it
 * fully resolved (defaults filled in), as a config that `run` accepts. */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "load.h"
#include "cli.h"
#include "scenario.h"

static const char check_usage[] =
	"usage: journeysim check FILE\n\n"
	"Validates FILE (errors as file:line: setting: message, exit status 78) and prints\n"
	"every scenario fully resolved, defaults filled in, as a file that `journeysim run`\n"
	"accepts. Warnings (such as a pool loaded at or beyond capacity) go to stderr.\n\n"
	"  -h, --help      this help\n"
	"  -V, --version   the version\n";

int cli_check(int argc, char **argv, const struct cli_context *ctx, struct js_error *err)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	(void)ctx;
	int c;
	while ((c = cli_getopt(argc, argv, "hV", longopts, err)) != -1) {
		switch (c) {
		case 'h': fputs(check_usage, stdout); return 0;
		case 'V': cli_print_version(stdout); return 0;
		default: return -1;
		}
	}
	const char *file;
	if (cli_one_operand(argc, argv, "check", "scenario FILE", &file, err) < 0)
		return -1;

	struct scenario_file *f = cli_scenario_load(file, err);
	if (!f)
		return -1;
	int rc = scenario_file_print(f, stdout, err);
	scenario_file_free(f);
	return rc;
}
