/*
 * load.c - sweep_load: a scenario file with a sweep group into a struct sweep.
 * The scenarios are loaded by scenario_file_load (which leaves the top-level
 * `sweep` group to us); the sweep group is read and checked by spec.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "sweep_internal.h"

/* sha256 of the resolved scenarios as scenario_file_print writes them. */
static int resolved_sha256(const struct scenario_file *f, char out[65], struct js_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = scenario_file_print(f, mem, err);
	if (fclose(mem) != 0 && rc == 0)
		rc = js_error_set(err, EX_OSERR, "out of memory");
	if (rc == 0) {
		gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)buf, len);
		snprintf(out, 65, "%s", sum ? sum : "");
		g_free(sum);
	}
	free(buf);
	return rc;
}

int sweep_plan_base(const char *path, const struct scenario_file *f, struct sweep_plan *p, struct js_error *err)
{
	snprintf(p->version, sizeof p->version, "%s", JOURNEYSIM_VERSION);
	if (strlen(path) >= sizeof p->config || strchr(path, '\n'))
		return js_error_set(err, EX_USAGE, "%s: expected a path shorter than %zu characters on one line", path,
				    sizeof p->config);
	snprintf(p->config, sizeof p->config, "%s", path);
	snprintf(p->config_sha256, sizeof p->config_sha256, "%s", f->sha256);
	if (resolved_sha256(f, p->resolved_sha256, err) != 0)
		return -1;
	p->seed = f->run.seed;
	p->horizon = f->run.horizon;
	p->warmup = f->run.warmup;
	p->period = f->run.period;
	snprintf(p->currency, sizeof p->currency, "%s", f->scenarios[0].company.currency);
	p->n_scenarios = f->n_scenarios;
	for (size_t s = 0; s < f->n_scenarios; s++)
		snprintf(p->scenarios[s], NAME_LEN, "%s", f->scenarios[s].name);
	p->shard_k = p->shard_n = 1;
	return 0;
}

int sweep_load(const char *path, struct sweep *sw, char *warn, size_t warn_len, struct js_error *err)
{
	memset(sw, 0, sizeof *sw);
	struct sweep_plan *p = &sw->plan;
	sw->file = scenario_file_load(path, err, warn, warn_len);
	if (!sw->file)
		return -1;
	if (sweep_plan_base(path, sw->file, p, err) != 0 || spec_read(path, sw->file, p, err) != 0 ||
	    sweep_design_build(p, err) != 0)
		return -1;
	if (p->n_periods) /* sweep.periods = true */
		p->n_periods = param_periods_max(p);
	return 0;
}

void sweep_plan_fini(struct sweep_plan *p)
{
	if (!p)
		return;
	for (size_t j = 0; j < SWEEP_PARAM_MAX; j++) {
		free(p->params[j].levels);
		p->params[j].levels = NULL;
		p->params[j].n_levels = 0;
	}
	free(p->points);
	p->points = NULL;
}

void sweep_fini(struct sweep *sw)
{
	if (!sw)
		return;
	scenario_file_free(sw->file);
	sw->file = NULL;
	sweep_plan_fini(&sw->plan);
}
