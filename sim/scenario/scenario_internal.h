/*
 * scenario_internal.h - what the files of sim/scenario/ share and nothing
 * outside them uses (the tests aside): the work limits and ownership model
 * resolution. Reading settings (sources, located errors, the schema, values)
 * is public in settings.h, for the other groups of a scenario file (sweep).
 *
 *   duration.c  durations as text and back
 *   source.c    reading a config: @include expansion, line map, 32-bit check,
 *               located errors "file:line: path: expected X, got Y"
 *   schema.c    the table of every run and company setting (type, unit,
 *               default, range, meaning): defaults, checks, param get/set, docs
 *   values.c    reading one setting of the schema from a config value, defaults
 *   limits.c    the work a run asks for, estimated and held to limits
 *   model.c     ownership models: presets, bases, merging, references
 *   load.c      scenario_file_load: run, company layers, scenarios
 *   names.c     the names of stages, pools, foci, technology, governance modes
 *   ownership.c what an ownership model implies, derived from its data alone
 *   print.c     scenario_file_print: the resolved file as a loadable config
 */
#ifndef JOURNEYSIM_SCENARIO_INTERNAL_H
#define JOURNEYSIM_SCENARIO_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include <libconfig.h>

#include "error.h"
#include "scenario.h"
#include "settings.h"

/* ---- limits (limits.c) ---- */

/* A limit broken by the file: the setting to blame (a path like
 * "run.horizon" or "company.arrivals.rate"), the scenario (or -1 for the run
 * settings) and the message "expected ..., got ...". */
struct limit_breach {
	char path[96];
	int scenario;
	char msg[512];
};

/* 0 when every run setting is in its range and every estimate within its
 * limit, else -1 with the breach. */
int limits_check(const struct scenario_file *f, struct limit_breach *b);

/* The "limits" section of docs/config.md. */
void limits_doc_write(FILE *out);

/* ---- ownership models (model.c) ---- */

#define PRESET_CACHE 32

struct model_resolver {
	const struct source *main;
	const config_setting_t *models; /* the main file's models list, or NULL */
	char preset_dir[4096];
	struct source *presets[PRESET_CACHE];
	char preset_names[PRESET_CACHE][NAME_LEN];
	size_t n_presets;
};

void model_resolver_init(struct model_resolver *r, const struct source *main);
void model_resolver_fini(struct model_resolver *r);

/* Checks the models list of the main file (names, each model resolves). */
int model_check_all(struct model_resolver *r, struct js_error *err);

/* A scenario's ownership: a model name (string setting) or an inline model
 * (group); default_name names an inline model without a name. */
int model_resolve(struct model_resolver *r, const config_setting_t *ownership,
		  const char *default_name, struct ownership *out, struct js_error *err);

#endif
