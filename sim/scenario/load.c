/*
 * load.c - scenario_file_load: a scenario file into plain scenario structs.
 *
 * Layers, each checked as it is read: the schema's defaults, the file's
 * `company`, then each scenario's `company` override; the scenario's ownership
 * is a model name or an inline model (model.c). Checks that need the whole
 * company (distribution parameters, score thresholds) run on each scenario's
 * final company and are reported at the innermost setting that gave the
 * value. Where each pool's server count was set is kept for the capacity
 * warning, which the command line makes (it needs the model's estimate).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "metrics.h"
#include "scenario_internal.h"

/* `sweep` belongs to `journeysim sweep` (sim/sweep/spec.c); a run ignores it. */
static const char *const top_keys[] = {"run", "company", "models", "scenarios", "sweep", "uncertainty",
				       "uncertainty_defaults"};
static const char *const scenario_keys[] = {"name", "description", "ownership", "company"};

/* A dotted path below a group ("sales.pool.servers"), or NULL. */
static const config_setting_t *lookup_path(const config_setting_t *g, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *save, *c = strtok_r(buf, ".", &save); c && g; c = strtok_r(NULL, ".", &save))
		g = config_setting_is_group(g) ? config_setting_get_member(g, c) : NULL;
	return g;
}

/* The setting that gave a company value: the scenario's override, else the file's company. */
static const config_setting_t *company_setting(const config_setting_t *over,
					       const config_setting_t *file, const char *path)
{
	const config_setting_t *s = NULL;
	if (over)
		s = lookup_path(over, path);
	if (!s && file)
		s = lookup_path(file, path);
	return s;
}

/* Reports msg at the innermost setting of a company path, or at the scenario. */
static int company_error(struct js_error *err, const config_setting_t *scen, const config_setting_t *over,
			 const config_setting_t *file, const char *path, const char *msg)
{
	const config_setting_t *s = company_setting(over, file, path);
	if (s)
		return setting_error(err, s, "%s", msg);
	char where[1024];
	setting_path(scen, where, sizeof where);
	snprintf(where + strlen(where), sizeof where - strlen(where), ".company.%s", path);
	return setting_error_at(err, scen, where, "%s", msg);
}

/* Whole-company checks of one scenario. */
static int company_final(struct company *c, const config_setting_t *scen, const config_setting_t *over,
			 const config_setting_t *file, struct js_error *err)
{
	char msg[512], why[256];
	for (size_t i = 0; i < schema_company.n; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (e->type != ST_DIST_DAYS && e->type != ST_DIST_COUNT)
			continue;
		struct dist *d = (struct dist *)(void *)((char *)c + e->offset);
		if (dist_prepare(d, why, sizeof why)) {
			snprintf(msg, sizeof msg, "expected a valid %s distribution, but %s",
				 d->type ? d->type->name : "", why);
			return company_error(err, scen, over, file, e->path, msg);
		}
	}
	const char *path;
	if (schema_company_consistent(c, &path, msg, sizeof msg))
		return company_error(err, scen, over, file, path, msg);
	return 0;
}

/* The work limits (limits.c), reported at the setting they name. */
static int limits_located(const struct scenario_file *f, const config_setting_t *root,
			  const config_setting_t *list, const config_setting_t *file_group, struct js_error *err)
{
	struct limit_breach b;
	if (limits_check(f, &b) == 0)
		return 0;
	if (strncmp(b.path, "company.", 8) == 0) {
		const config_setting_t *scen = config_setting_get_elem(list, (unsigned)b.scenario);
		return company_error(err, scen, config_setting_get_member(scen, "company"), file_group, b.path + 8,
				     b.msg);
	}
	const config_setting_t *at = lookup_path(root, b.path);
	if (!at)
		at = config_setting_get_member(root, "run");
	return setting_error_at(err, at ? at : root, b.path, "%s", b.msg);
}

/* Where each pool's server count and staffing rule of scenario i come from
 * (capacity and staffing messages). */
static void servers_places(struct scenario_file *f, size_t i, const config_setting_t *scen,
			   const config_setting_t *over, const config_setting_t *file)
{
	for (int p = 0; p < POOL_COUNT; p++) {
		const char *const what[2] = {"servers", "staffing.rule"};
		struct scenario_place *const places[2] = {&f->servers_at[i][p], &f->staffing_at[i][p]};
		for (int k = 0; k < 2; k++) {
			char path[64];
			snprintf(path, sizeof path, "%s.pool.%s", pool_names[p], what[k]);
			const config_setting_t *at = company_setting(over, file, path);
			const char *name;
			setting_where(at ? at : scen, &name, &places[k]->line);
			text_copy(places[k]->file, sizeof places[k]->file, name);
		}
	}
}

/* Which company settings the file sets itself (key assumptions: run.json). */
static void settings_set_mark(struct scenario_file *f, const config_setting_t *list, const config_setting_t *file)
{
	_Static_assert(SCENARIO_SETTINGS_MAX <= 256, "company_set is a byte array");
	for (size_t k = 0; k < schema_company.n && k < SCENARIO_SETTINGS_MAX; k++) {
		const char *path = schema_company.entries[k].path;
		int set = file && lookup_path(file, path);
		for (size_t i = 0; !set && i < f->n_scenarios; i++) {
			const config_setting_t *over = config_setting_get_member(
				config_setting_get_elem(list, (unsigned)i), "company");
			set = over && lookup_path(over, path);
		}
		f->company_set[k] = (unsigned char)set;
	}
}

static int load_scenario(struct scenario_file *f, size_t i, const config_setting_t *scen,
			 const struct company *file_company, const config_setting_t *file_group,
			 struct model_resolver *mr, struct js_error *err)
{
	struct scenario *s = &f->scenarios[i];
	if (!config_setting_is_group(scen))
		return value_type_error(scen, "a scenario { name = \"...\"; ownership = ...; }", err);
	if (check_keys(scen, scenario_keys, sizeof scenario_keys / sizeof scenario_keys[0], err))
		return -1;
	char path[1024];
	const char *text;
	const config_setting_t *m;
	if (value_name(scen, "a scenario name", &text, err) ||
	    value_name_once(config_setting_parent(scen), (int)i, config_setting_get_member(scen, "name"), text,
			    "each scenario name once", err))
		return -1;
	text_copy(s->name, NAME_LEN, text);
	if ((m = config_setting_get_member(scen, "description"))) {
		if (value_text(m, TEXT_LEN, "a description", &text, err))
			return -1;
		text_copy(s->description, TEXT_LEN, text);
	}

	memcpy(&s->company, file_company, sizeof s->company);
	const config_setting_t *over = config_setting_get_member(scen, "company");
	if (over && values_apply(&schema_company, &s->company, over, err))
		return -1;
	if (company_final(&s->company, scen, over, file_group, err))
		return -1;

	m = config_setting_get_member(scen, "ownership");
	if (!m) {
		setting_path(scen, path, sizeof path);
		return setting_error_at(err, scen, strcat(path, ".ownership"),
					"expected a model name or an ownership group { base = ...; ... }, got nothing");
	}
	return model_resolve(mr, m, s->name, &s->ownership, err);
}

/* An integration with a system bought around IT works at a lower quality: say so. */
static void own_integration_warn(const struct scenario *s, char *warn, size_t warn_len)
{
	const struct ownership *o = &s->ownership;
	for (unsigned i = 0; i < o->n_integrations; i++) {
		enum stage a = o->integration[i][0], b = o->integration[i][1];
		if (o->tech[a] != TECH_OWN && o->tech[b] != TECH_OWN)
			continue;
		size_t used = warn ? strnlen(warn, warn_len) : 0;
		if (warn && used + 1 < warn_len)
			snprintf(warn + used, warn_len - used,
				 "scenario %s: integrates %s and %s: `own` systems are bought around IT: integrated at "
				 "technology.own_integration_quality\n",
				 s->name, stage_names[a], stage_names[b]);
		return;
	}
}

struct scenario_file *scenario_file_load(const char *path, struct js_error *err, char *warn,
					 size_t warn_len)
{
	struct js_error local;
	if (!err)
		err = &local;
	js_error_clear(err);
	if (warn && warn_len)
		warn[0] = 0;
	struct scenario_file *f = calloc(1, sizeof *f);
	struct source *src = calloc(1, sizeof *src);
	struct model_resolver *mr = calloc(1, sizeof *mr);
	struct company *file_company = calloc(1, sizeof *file_company);
	int ok = 0;
	if (!f || !src || !mr || !file_company) {
		js_error_set(err, EX_SOFTWARE, "out of memory");
		goto out;
	}
	model_resolver_init(mr, src);
	if (source_load(src, path, err))
		goto out;
	if (strlen(path) >= sizeof f->path) {
		js_error_set(err, EX_NOINPUT, "%s: expected a path shorter than %zu characters", path,
			     sizeof f->path);
		goto out;
	}
	text_copy(f->path, sizeof f->path, path);
	gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)src->bytes, src->n_bytes);
	text_copy(f->sha256, sizeof f->sha256, sum ? sum : "");
	g_free(sum);

	const config_setting_t *root = config_root_setting(&src->cfg), *m;
	if (check_keys(root, top_keys, sizeof top_keys / sizeof top_keys[0], err))
		goto out;

	values_defaults(&schema_run, &f->run);
	if ((m = config_setting_get_member(root, "run")) && values_apply(&schema_run, &f->run, m, err))
		goto out;
	if (!(f->run.warmup < f->run.horizon)) {
		char w[48], h[48];
		duration_format(f->run.warmup, w, sizeof w);
		duration_format(f->run.horizon, h, sizeof h);
		const config_setting_t *at = m ? config_setting_get_member(m, "warmup") : NULL;
		if (!at && m)
			at = config_setting_get_member(m, "horizon");
		if (!at)
			at = m ? m : root;
		setting_error_at(err, at, "run.warmup", "expected a warm-up shorter than the horizon (%s), got \"%s\"",
				 h, w);
		goto out;
	}

	char why[256];
	struct objective obj;
	if (objective_parse(f->run.objective, &obj, why, sizeof why) != 0) {
		const config_setting_t *at = m ? config_setting_get_member(m, "objective") : NULL;
		setting_error_at(err, at ? at : root, "run.objective", "%s", why);
		goto out;
	}

	values_defaults(&schema_company, file_company);
	const config_setting_t *file_group = config_setting_get_member(root, "company");
	if (file_group && values_apply(&schema_company, file_company, file_group, err))
		goto out;

	mr->models = config_setting_get_member(root, "models");
	if (model_check_all(mr, err))
		goto out;

	const config_setting_t *list = config_setting_get_member(root, "scenarios");
	if (!list) {
		setting_error_at(err, root, "scenarios",
				 "expected a list of scenarios ( { name = \"...\"; ownership = \"...\"; }, ... ), got nothing");
		goto out;
	}
	if (!config_setting_is_list(list)) {
		value_type_error(list, "a list of scenarios ( { name = \"...\"; ownership = \"...\"; }, ... )", err);
		goto out;
	}
	int n = config_setting_length(list);
	if (n == 0) {
		setting_error(err, list, "expected at least one scenario, got an empty list");
		goto out;
	}
	if (n > SCENARIO_MAX) {
		setting_error(err, config_setting_get_elem(list, SCENARIO_MAX),
			      "expected at most %d scenarios, got %d", SCENARIO_MAX, n);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		if (load_scenario(f, (size_t)i, config_setting_get_elem(list, (unsigned)i), file_company,
				  file_group, mr, err))
			goto out;
		f->n_scenarios++;
	}
	if (limits_located(f, root, list, file_group, err))
		goto out;
	for (size_t i = 0; i < f->n_scenarios; i++) {
		struct scenario *sc = &f->scenarios[i];
		sc->from = f->scenarios[0].ownership; /* the first scenario is today's organisation */
		own_integration_warn(sc, warn, warn_len);
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *scen = config_setting_get_elem(list, (unsigned)i);
		servers_places(f, (size_t)i, scen, config_setting_get_member(scen, "company"), file_group);
	}
	settings_set_mark(f, list, file_group);
	f->has_sweep = config_setting_get_member(root, "sweep") != NULL;
	ok = 1;
out:
	if (mr)
		model_resolver_fini(mr);
	if (src)
		source_fini(src);
	free(src);
	free(mr);
	free(file_company);
	if (!ok) {
		if (!err->code)
			js_error_set(err, EX_CONFIG, "%s: cannot load", path);
		free(f);
		return NULL;
	}
	return f;
}

void scenario_file_free(struct scenario_file *f)
{
	free(f);
}
