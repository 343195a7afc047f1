/* check.c - `journeysim check FILE`: validate a scenario file (its sweep
 * group too) and print it fully resolved (defaults filled in), as a config
 * that `run` accepts, with each pool's expected load as comments. */

#include "args.h"
#include "load.h"
#include "cli.h"
#include "experiment.h"
#include "journey.h"
#include "settings.h"
#include "scenario.h"
#include "sweep.h"
#include "prior.h"
#include <stdlib.h>

static const struct cli_spec check_spec = {
	.synopsis = "usage: journeysim check FILE\n\n"
		    "Validates FILE, its sweep and uncertainty groups included (errors as file:line: setting: message,\n"
		    "exit status 78), and prints every scenario fully resolved, defaults filled in, as\n"
		    "a file that `journeysim run` accepts, then each pool's expected load in plain words,\n"
		    "then the resolved priors (docs/priors.md) when the file has any.\n"
		    "Warnings (such as a pool loaded at or beyond capacity) go to stderr.\n\n",
	.operand = "scenario FILE",
};

/* "# scenario siloed: contact centre: 3.1 of 4 seats busy on average (utilisation 0.78)" */
static void print_loads(FILE *fp, const struct scenario_file *f)
{
	fputs("\n# expected load of each pool, from the mean flows (not simulated):\n", fp);
	for (size_t i = 0; i < f->n_scenarios; i++) {
		struct pool_load load[POOL_COUNT];
		journey_pool_load(&f->scenarios[i], load);
		for (int p = 0; p < POOL_COUNT; p++) {
			const struct pool_params *pp = company_pool(&f->scenarios[i].company, (enum pool_id)p);
			const struct staffing *st = &pp->staffing;
			if (st->rule != STAFFING_FIXED) {
				char within[48], target[96];
				duration_format(st->within, within, sizeof within);
				snprintf(target, sizeof target, " (%g%% of jobs waiting less than %s)", 100 * st->share,
					 within);
				unsigned est = staffing_estimate(pp, load[p].offered);
				fprintf(fp, "# scenario %s: %s: staffing rule %s%s, %.3g %s busy on average; Erlang C "
					    "suggests %s%u; `run` chooses the servers by simulation, at most %u\n",
					f->scenarios[i].name, pool_labels[p], staffing_rule_names[st->rule],
					st->rule == STAFFING_SERVICE_LEVEL ? target : " (best on run.objective)",
					load[p].offered, pool_seats[p], est > st->max_servers ? "more than " : "",
					est > st->max_servers ? st->max_servers : est, st->max_servers);
			} else if (load[p].servers == 0)
				fprintf(fp, "# scenario %s: %s: unlimited, %.3g %s busy on average (no queue)\n",
					f->scenarios[i].name, pool_labels[p], load[p].offered, pool_seats[p]);
			else
				fprintf(fp, "# scenario %s: %s: %.3g of %u %s busy on average (utilisation %.2f%s)\n",
					f->scenarios[i].name, pool_labels[p], load[p].offered, load[p].servers,
					pool_seats[p], load[p].utilisation,
					load[p].utilisation >= 1 ? ": the queue grows without bound" : "");
		}
	}
}

static int check_main(const struct cli_args *a, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)own;
	(void)ctx;
	struct scenario_file *f = cli_scenario_load(a->operand, err);
	if (!f)
		return -1;
	int rc = 0;
	if (f->has_sweep) { /* everything in the file is checked, the sweep group too */
		struct sweep sw;
		rc = sweep_load(a->operand, &sw, NULL, 0, err);
		sweep_fini(&sw);
	}
	/* the uncertainty group and the shipped priors too: checked, then printed last */
	struct prior_set *ps = rc == 0 ? calloc(1, sizeof *ps) : NULL;
	int priors = 0;
	if (rc == 0 && !ps)
		rc = js_error_set(err, EX_OSERR, "out of memory");
	if (rc == 0)
		rc = prior_read(a->operand, f, ps, &priors, err);
	if (rc == 0 && (rc = scenario_file_print(f, stdout, err)) == 0) {
		print_loads(stdout, f);
		if (priors)
			prior_print(stdout, ps, f->scenarios[0].company.currency);
	}
	free(ps);
	scenario_file_free(f);
	return rc;
}

const struct cli_command cli_check = {"check", "validate a scenario file and print it fully resolved", &check_spec,
				      check_main};
