/*
 * param.c - unit and kind of a parameter path, for sweeps.
 *
 * The parameter schema lives in sim/scenario (schema.c); scenario.h gives
 * sweeps get/set by path but not yet a parameter's unit or type, so this file
 * reads the schema through that module's internal header. It is the only
 * place in sim/sweep that does: when scenario.h gains a public
 * scenario_param_info(), this file shrinks to a call of it.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "settings.h"
#include "sweep_internal.h"

/* The run settings a sweep may vary: the horizon (a sweep over time) and
 * the period of the per-period figures. */
static const char *const run_paths[] = {"run.horizon", "run.period", NULL};

const struct schema_entry *param_run_entry(const char *path)
{
	for (size_t i = 0; run_paths[i]; i++)
		if (strcmp(path, run_paths[i]) == 0)
			return schema_find(&schema_run, path + 4);
	return NULL;
}

int param_run_check(const struct run_settings *run, const char *path, double v, char *why, size_t len)
{
	const struct schema_entry *e = param_run_entry(path);
	char expect[160];
	if (!e)
		return -1;
	schema_expect_at_most(e, expect, sizeof expect);
	const char *max_why;
	if (!(v > 0) || !(v <= schema_max(e, &max_why))) {
		snprintf(why, len, "expected %s, got %g", expect, v);
		return -1;
	}
	if (e->offset == offsetof(struct run_settings, horizon) && !(v > run->warmup)) {
		snprintf(why, len, "expected a horizon longer than the warm-up (run.warmup, %g days), got %g", run->warmup,
			 v);
		return -1;
	}
	return 0;
}

void param_run_apply(const struct sweep_plan *p, size_t point, struct run_settings *run)
{
	for (size_t j = 0; j < p->n_params; j++) {
		const struct schema_entry *e = param_run_entry(p->params[j].path);
		if (e) /* a double of struct run_settings (ST_DURATION) */
			*(double *)(void *)((char *)run + e->offset) = sweep_point_value(p, point, j);
	}
}

void param_point_run(const struct sweep_plan *p, size_t point, struct run_settings *run)
{
	memset(run, 0, sizeof *run);
	run->horizon = p->horizon;
	run->warmup = p->warmup;
	run->period = p->period;
	param_run_apply(p, point, run);
}

size_t param_periods_max(const struct sweep_plan *p)
{
	size_t most = 1;
	for (size_t i = 0; i < p->n_points; i++) {
		struct run_settings run;
		param_point_run(p, i, &run);
		size_t n = journey_period_count(&run);
		most = n > most ? n : most;
	}
	return most;
}

void param_describe(const char *path, char *unit, size_t unit_len, int *integer, int *duration)
{
	snprintf(unit, unit_len, "%s", "");
	*integer = 0;
	*duration = 0;
	const struct schema_entry *r = param_run_entry(path);
	if (r) {
		snprintf(unit, unit_len, "%s", r->unit);
		*duration = 1;
		return;
	}
	const struct schema_entry *e = schema_find(&schema_company, path);
	if (e && (e->type == ST_NUMBER || e->type == ST_DURATION || e->type == ST_UINT)) {
		snprintf(unit, unit_len, "%s", e->unit);
		*integer = e->type == ST_UINT;
		*duration = e->type == ST_DURATION;
		return;
	}
	/* a parameter of a distribution: "sales.pool.service.mean" */
	const char *dot = strrchr(path, '.');
	if (dot) {
		char head[SWEEP_PATH_LEN];
		snprintf(head, sizeof head, "%.*s", (int)(dot - path), path);
		e = schema_find(&schema_company, head);
		if (e && (e->type == ST_DIST_DAYS || e->type == ST_DIST_COUNT)) {
			const char *f = dot + 1;
			if (strcmp(f, "k") == 0) {
				snprintf(unit, unit_len, "%s", "phases");
				*integer = 1;
			} else if (strcmp(f, "cv") == 0) {
				snprintf(unit, unit_len, "%s", "ratio");
			} else {
				snprintf(unit, unit_len, "%s", e->type == ST_DIST_DAYS ? "days" : e->unit);
				*duration = e->type == ST_DIST_DAYS;
			}
			return;
		}
	}
	/* ownership parameters (scenario_param_get knows them) */
	if (strcmp(path, "ownership.governance.council_members") == 0) {
		snprintf(unit, unit_len, "%s", "parties");
		*integer = 1;
	} else if (strcmp(path, "ownership.governance.council_every") == 0) {
		snprintf(unit, unit_len, "%s", "days");
		*duration = 1;
	} else if (strcmp(path, "ownership.governance.relief") == 0) {
		snprintf(unit, unit_len, "%s", "share");
	} else if (strncmp(path, "ownership.owners.", 17) == 0) {
		snprintf(unit, unit_len, "%s", "money/year");
	}
}
