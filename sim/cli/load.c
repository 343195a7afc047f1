/*
 * load.c - loading a scenario file for a command, with its warnings. The
 * capacity warning puts two things together: the model's estimate of each
 * pool's load (journey_pool_load) and where the loader saw the pool's server
 * count set.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "journey.h"
#include "load.h"

static void warn_add(char *warn, size_t warn_len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void warn_add(char *warn, size_t warn_len, const char *fmt, ...)
{
	if (!warn || !warn_len)
		return;
	size_t used = strlen(warn);
	if (used + 1 >= warn_len)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(warn + used, warn_len - used, fmt, ap);
	va_end(ap);
	used = strlen(warn);
	if (used + 1 < warn_len) {
		warn[used] = '\n';
		warn[used + 1] = 0;
	}
}

void cli_capacity_warnings(const struct scenario_file *f, char *warn, size_t warn_len)
{
	for (size_t i = 0; i < f->n_scenarios; i++) {
		const struct scenario *s = &f->scenarios[i];
		struct pool_load load[POOL_COUNT];
		journey_pool_load(s, load);
		for (int p = 0; p < POOL_COUNT; p++) {
			if (load[p].servers == 0 || !(load[p].utilisation >= 1) ||
			    company_pool(&s->company, (enum pool_id)p)->staffing.rule != STAFFING_FIXED)
				continue; /* a rule chooses the servers when the file runs */
			const struct scenario_place *at = &f->servers_at[i][p];
			warn_add(warn, warn_len,
				 "%s:%u: warning: scenario \"%s\": pool %s has offered load %.2f with %u server%s "
				 "(utilisation >= 1: its queue grows without bound)",
				 at->file, at->line, s->name, pool_names[p], load[p].utilisation, load[p].servers,
				 load[p].servers == 1 ? "" : "s");
		}
	}
}

struct scenario_file *cli_scenario_load(const char *path, struct js_error *err)
{
	char *warn = calloc(1, CLI_WARNINGS_MAX);
	if (!warn) {
		js_error_set(err, EX_OSERR, "out of memory");
		return NULL;
	}
	struct scenario_file *f = scenario_file_load(path, err, warn, CLI_WARNINGS_MAX);
	if (f)
		cli_capacity_warnings(f, warn, CLI_WARNINGS_MAX);
	cli_print_lines(stderr, warn);
	free(warn);
	return f;
}
