/*
 * param.c - unit and kind of a parameter path, for sweeps.
 *
 * The parameter schema lives in sim/scenario (schema.c); scenario.h gives
 * sweeps get/set by path but not yet a parameter's unit or type, so this file
 * reads the schema through that module's internal header. It is the only
 * place in sim/sweep that does: when scenario.h gains a public
 * scenario_param_info(), this file shrinks to a call of it.
 */
#include <stdio.h>
#include <string.h>

#include "settings.h"
#include "sweep_internal.h"

void param_describe(const char *path, char *unit, size_t unit_len, int *integer, int *duration)
{
	snprintf(unit, unit_len, "%s", "");
	*integer = 0;
	*duration = 0;
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
