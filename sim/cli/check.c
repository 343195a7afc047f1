/* check.c - `journeysim check FILE`: validate a scenario file and print it
 * fully resolved (defaults filled in), as a config that `run` accepts. */

#include "args.h"
#include "load.h"
#include "cli.h"
#include "scenario.h"

static const struct cli_spec check_spec = {
	.synopsis = "usage: journeysim check FILE\n\n"
		    "Validates FILE (errors as file:line: setting: message, exit status 78) and prints\n"
		    "every scenario fully resolved, defaults filled in, as a file that `journeysim run`\n"
		    "accepts. Warnings (such as a pool loaded at or beyond capacity) go to stderr.\n\n",
	.operand = "scenario FILE",
};

static int check_main(const struct cli_args *a, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)own;
	(void)ctx;
	struct scenario_file *f = cli_scenario_load(a->operand, err);
	if (!f)
		return -1;
	int rc = scenario_file_print(f, stdout, err);
	scenario_file_free(f);
	return rc;
}

const struct cli_command cli_check = {"check", "validate a scenario file and print it fully resolved", &check_spec,
				      check_main};
