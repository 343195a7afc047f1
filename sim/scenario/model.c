/*
 * model.c - ownership models in scenario files: presets found by name,
 * `base` inheritance with overrides, owner references checked by name.
 *
 * A model is resolved into a draft that still names owners by name: the base
 * (recursively, with a stack that catches cycles) and then the keys the model
 * gives. Owners merge by name (a known name updates the owner's given fields,
 * a new name is appended), every other key given replaces the base's value.
 * Only the finished draft maps names to owner indices, so an override may use
 * an owner it adds, and each bad reference is reported where it was written.
 */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ownership.h"
#include "scenario_internal.h"

#ifndef JOURNEYSIM_DATADIR
#define JOURNEYSIM_DATADIR "/usr/local/share/journeysim"
#endif

/* ---- where the presets are ---- */

static int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *scenario_preset_dir(void)
{
	static _Thread_local char buf[PATH_MAX + 32]; /* per thread: no shared state */
	const char *env = getenv("JOURNEYSIM_PRESETS");
	if (env && *env)
		return env;
	/* next to the running binary first: a checkout's presets win over an
	 * installed copy, and an installed tree can move (PREFIX/bin -> PREFIX/share) */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		static const char *const beside[] = {"config/presets", "../config/presets",
						     "../share/journeysim/presets"};
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
				snprintf(buf, sizeof buf, "%s/%s", exe, beside[i]);
				if (dir_exists(buf))
					return buf;
			}
		}
	}
	if (dir_exists(JOURNEYSIM_DATADIR "/presets"))
		return JOURNEYSIM_DATADIR "/presets";
	return "config/presets";
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Names of the presets (files NAME.cfg), sorted. */
static size_t preset_list(const char *dir, char names[][NAME_LEN], size_t max)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		size_t len = strlen(de->d_name);
		if (len > 4 && len - 4 < NAME_LEN && strcmp(de->d_name + len - 4, ".cfg") == 0) {
			memcpy(names[n], de->d_name, len - 4);
			names[n][len - 4] = 0;
			if (name_valid(names[n]))
				n++;
		}
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmp_names);
	return n;
}

void model_resolver_init(struct model_resolver *r, const struct source *main)
{
	memset(r, 0, sizeof *r);
	r->main = main;
	snprintf(r->preset_dir, sizeof r->preset_dir, "%s", scenario_preset_dir());
}

void model_resolver_fini(struct model_resolver *r)
{
	for (size_t i = 0; i < r->n_presets; i++) {
		source_fini(r->presets[i]);
		free(r->presets[i]);
	}
	r->n_presets = 0;
}

/* The `model` group of preset `name`: 0 with *g (NULL when there is none), or -1. */
static int preset_get(struct model_resolver *r, const char *name, const config_setting_t **g,
		      struct js_error *err)
{
	*g = NULL;
	if (!name_valid(name))
		return 0;
	struct source *src = NULL;
	for (size_t i = 0; i < r->n_presets; i++)
		if (strcmp(r->preset_names[i], name) == 0)
			src = r->presets[i];
	if (!src) {
		char path[PATH_MAX + NAME_LEN + 8];
		snprintf(path, sizeof path, "%s/%s.cfg", r->preset_dir, name);
		if (access(path, F_OK) != 0)
			return 0;
		if (r->n_presets == PRESET_CACHE)
			return js_error_set(err, EX_CONFIG, "%s: expected at most %d presets in one file, got more",
					    path, PRESET_CACHE);
		src = calloc(1, sizeof *src);
		if (!src)
			return js_error_set(err, EX_SOFTWARE, "out of memory");
		r->presets[r->n_presets] = src;
		text_copy(r->preset_names[r->n_presets], NAME_LEN, name);
		r->n_presets++;
		if (source_load(src, path, err)) {
			err->code = EX_CONFIG; /* a preset that cannot be read is a bad installation */
			return -1;
		}
		static const char *const keys[] = {"model"};
		if (check_keys(config_root_setting(&src->cfg), keys, 1, err))
			return -1;
	}
	const config_setting_t *m = config_setting_get_member(config_root_setting(&src->cfg), "model");
	if (!m)
		return setting_error_at(err, config_root_setting(&src->cfg), "model",
					"expected a model group { name = ...; owners = (...); ... }, got nothing");
	if (!config_setting_is_group(m))
		return value_type_error(m, "a model group { name = ...; owners = (...); ... }", err);
	const config_setting_t *n = config_setting_get_member(m, "name");
	if (n && (config_setting_type(n) != CONFIG_TYPE_STRING || strcmp(config_setting_get_string(n), name) != 0)) {
		char expect[NAME_LEN + 40];
		snprintf(expect, sizeof expect, "the preset's file name \"%s\"", name);
		return value_type_error(n, expect, err);
	}
	*g = m;
	return 0;
}

/* ---- drafts ---- */

struct draft {
	struct ownership o; /* everything but the owner references */
	char stage_owner[STAGE_COUNT][NAME_LEN];
	char journey_owner[NAME_LEN], it_owner[NAME_LEN], decider[NAME_LEN];
	const config_setting_t *stage_at[STAGE_COUNT], *journey_at, *journey_focus_at, *it_at, *decider_at;
	int has_system[STAGE_COUNT];
	int has_mode;
};

#define FRAME_MAX 48

struct resolving {
	struct model_resolver *r;
	struct {
		const config_setting_t *group;
		char name[NAME_LEN];
	} stack[FRAME_MAX];
	int depth;
	struct js_error *err;
};

static const char *const model_keys[] = {"name", "description", "source", "base", "owners",
					 "stages", "journey_owner", "journey_marketing_focus", "it_owner", "technology",
					 "systems", "integrated", "governance", "cross_trained"};
static const char *const owner_keys[] = {"name", "title", "cost_per_year", "focus"};
static const char *const governance_keys[] = {"mode", "decider", "council_members", "council_every", "relief",
					      "council_spans"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int from_main(const struct model_resolver *r, const config_setting_t *g)
{
	return g->config == &r->main->cfg;
}

/* An owner reference: a name, or "" for none. */
static int owner_ref(const config_setting_t *s, char *name, const config_setting_t **at,
		     struct js_error *err)
{
	const char *v;
	if (value_text(s, NAME_LEN, "an owner name (or \"\" for none)", &v, err))
		return -1;
	text_copy(name, NAME_LEN, v);
	*at = s;
	return 0;
}

static int model_name_of(const config_setting_t *g, const char *fallback, char *out)
{
	const char *n;
	if (config_setting_lookup_string(g, "name", &n))
		text_copy(out, NAME_LEN, n);
	else
		text_copy(out, NAME_LEN, fallback);
	return 0;
}

/* Finds the model a name refers to: a model of the main file (other than
 * self), else a preset. 0 with *g (NULL when unknown) and its name, or -1. */
static int model_find(struct resolving *c, const char *name, int main_first,
		      const config_setting_t *self, const config_setting_t **g, struct js_error *err)
{
	*g = NULL;
	const config_setting_t *models = c->r->models;
	if (main_first && models)
		for (int i = 0; i < config_setting_length(models); i++) {
			const config_setting_t *m = config_setting_get_elem(models, (unsigned)i);
			const char *n;
			if (m != self && config_setting_is_group(m) && config_setting_lookup_string(m, "name", &n) &&
			    strcmp(n, name) == 0) {
				*g = m;
				return 0;
			}
		}
	return preset_get(c->r, name, g, err);
}

static int unknown_model(struct resolving *c, const config_setting_t *s, const char *name, int main_too)
{
	char names[96][NAME_LEN], hint[2048];
	const char *cands[96];
	size_t n = 0;
	const config_setting_t *models = c->r->models;
	if (main_too && models)
		for (int i = 0; i < config_setting_length(models) && n < 48; i++) {
			const char *m;
			if (config_setting_lookup_string(config_setting_get_elem(models, (unsigned)i), "name", &m)) {
				text_copy(names[n], NAME_LEN, m);
				n++;
			}
		}
	n += preset_list(c->r->preset_dir, names + n, 96 - n);
	for (size_t i = 0; i < n; i++)
		cands[i] = names[i];
	suggest(name, cands, n, hint, sizeof hint);
	return setting_error(c->err, s, "expected %s, got \"%s\"%s",
			     main_too ? "a model of this file or a preset" : "a preset", name, hint);
}

/* ---- applying a model's keys onto a draft ---- */

static int apply_owners(const config_setting_t *s, struct draft *d, struct js_error *err)
{
	if (!config_setting_is_list(s) && !config_setting_is_array(s))
		return value_type_error(s, "a list of owners ( { name = \"cmo\"; focus = \"revenue\"; ... }, ... )",
					err);
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		if (!config_setting_is_group(e))
			return value_type_error(e, "an owner { name = \"cmo\"; focus = \"revenue\"; ... }", err);
		if (check_keys(e, owner_keys, COUNT(owner_keys), err))
			return -1;
		char path[1024];
		setting_path(e, path, sizeof path);
		const char *name;
		if (value_name(e, "an owner name", &name, err) ||
		    value_name_once(s, i, config_setting_get_member(e, "name"), name, "each owner once in a list", err))
			return -1;
		unsigned k = 0;
		while (k < d->o.n_owners && strcmp(d->o.owners[k].name, name) != 0)
			k++;
		int is_new = k == d->o.n_owners;
		if (is_new) {
			if (k == OWNER_MAX)
				return setting_error(err, e, "expected at most %d owners, got more", OWNER_MAX);
			d->o.n_owners++;
			text_copy(d->o.owners[k].name, NAME_LEN, name);
			text_copy(d->o.owners[k].title, TEXT_LEN, name);
		}
		struct owner *o = &d->o.owners[k];
		const config_setting_t *m;
		const char *text;
		if ((m = config_setting_get_member(e, "title"))) {
			if (value_text(m, TEXT_LEN, "a title", &text, err))
				return -1;
			text_copy(o->title, TEXT_LEN, text);
		}
		if ((m = config_setting_get_member(e, "cost_per_year"))) {
			double v;
			if (value_number(m, "a number >= 0", &v, err))
				return -1;
			if (v < 0)
				return value_type_error(m, "a number >= 0", err);
			o->cost_per_year = v;
		}
		if ((m = config_setting_get_member(e, "focus"))) {
			int f;
			if (value_choice(m, focus_names, FOCUS_COUNT, "a focus", &f, err))
				return -1;
			o->focus = (enum focus)f;
		} else if (is_new) {
			return setting_error_at(err, e, strcat(path, ".focus"),
						"expected a focus (cost, revenue, experience) for a new owner, got nothing");
		}
	}
	return 0;
}

/* A group keyed by stage names; each value handled by fn. */
static int stage_group(const config_setting_t *s, struct draft *d, struct js_error *err,
		       int (*fn)(const config_setting_t *v, struct draft *d, int stage, struct js_error *err))
{
	if (!config_setting_is_group(s))
		return value_type_error(s, "a group keyed by stage { marketing = ...; sales = ...; ... }", err);
	if (check_keys(s, stage_names, STAGE_COUNT, err))
		return -1;
	for (int i = 0; i < STAGE_COUNT; i++) {
		const config_setting_t *v = config_setting_get_member(s, stage_names[i]);
		if (v && fn(v, d, i, err))
			return -1;
	}
	return 0;
}

static int set_stage_owner(const config_setting_t *v, struct draft *d, int stage, struct js_error *err)
{
	const char *name;
	if (value_text(v, NAME_LEN, "an owner name", &name, err))
		return -1;
	if (!name[0])
		return value_type_error(v, "the name of the stage's owner", err);
	text_copy(d->stage_owner[stage], NAME_LEN, name);
	d->stage_at[stage] = v;
	return 0;
}

static int set_tech(const config_setting_t *v, struct draft *d, int stage, struct js_error *err)
{
	int t;
	if (value_choice(v, tech_names, TECH_COUNT, "a technology ownership", &t, err))
		return -1;
	d->o.tech[stage] = (enum tech)t;
	return 0;
}

static int set_system(const config_setting_t *v, struct draft *d, int stage, struct js_error *err)
{
	const char *name;
	if (value_text(v, NAME_LEN, "a system name (letters, digits, _ or -)", &name, err))
		return -1;
	if (!name_valid(name))
		return value_type_error(v, "a system name (letters, digits, _ or -)", err);
	text_copy(d->o.system[stage], NAME_LEN, name);
	d->has_system[stage] = 1;
	return 0;
}

/* A pair of stages ["marketing", "sales"]. */
static int stage_pair(const config_setting_t *e, int *a, int *b, struct js_error *err)
{
	if ((!config_setting_is_list(e) && !config_setting_is_array(e)) || config_setting_length(e) != 2)
		return value_type_error(e, "a pair of stages [\"marketing\", \"sales\"]", err);
	return value_choice(config_setting_get_elem(e, 0), stage_names, STAGE_COUNT, "a stage", a, err) ||
			       value_choice(config_setting_get_elem(e, 1), stage_names, STAGE_COUNT, "a stage", b, err)
		       ? -1
		       : 0;
}

static int apply_integrated(const config_setting_t *s, struct draft *d, struct js_error *err)
{
	const char *expect = "a list of stage pairs ( [\"marketing\", \"sales\"], ... )";
	if (!config_setting_is_list(s) && !config_setting_is_array(s))
		return value_type_error(s, expect, err);
	int n = config_setting_length(s);
	if (n > INTEGRATION_MAX)
		return setting_error(err, config_setting_get_elem(s, INTEGRATION_MAX),
				     "expected at most %d integrated pairs, got %d", INTEGRATION_MAX, n);
	memset(d->o.integration, 0, sizeof d->o.integration); /* the list replaces the base's */
	d->o.n_integrations = 0;
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		int a, b;
		if (stage_pair(e, &a, &b, err))
			return -1;
		if (a == b)
			return value_type_error(config_setting_get_elem(e, 1), "a stage other than the first", err);
		d->o.integration[i][0] = (enum stage)a;
		d->o.integration[i][1] = (enum stage)b;
		d->o.n_integrations++;
	}
	return 0;
}

/* A duration: "30 d", "2 w" or a number of days, > 0. */
static int value_days(const config_setting_t *s, const char *expect, double *days, struct js_error *err)
{
	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		char why[200];
		if (duration_parse(config_setting_get_string(s), days, why, sizeof why))
			return value_type_error(s, expect, err);
	} else if (value_number(s, expect, days, err)) {
		return -1;
	}
	if (!(*days > 0) || *days > DIST_VALUE_MAX)
		return value_type_error(s, expect, err);
	return 0;
}

/* Stage pairs ( ["marketing", "sales"], ... ) as a set of transitions between them. */
static int transitions_of_pairs(const config_setting_t *s, unsigned *mask, struct js_error *err)
{
	const char *expect = "a list of stage pairs ( [\"marketing\", \"sales\"], ... ) joined by a transition";
	if (!config_setting_is_list(s) && !config_setting_is_array(s))
		return value_type_error(s, expect, err);
	*mask = 0;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		int a, b;
		if (stage_pair(e, &a, &b, err))
			return -1;
		unsigned found = 0;
		for (int t = 0; t < TR_COUNT; t++)
			if (((int)transition_from[t] == a && (int)transition_to[t] == b) ||
			    ((int)transition_from[t] == b && (int)transition_to[t] == a))
				found |= 1u << t;
		if (!found)
			return value_type_error(e, "a pair of stages a transition joins", err);
		*mask |= found;
	}
	if (!*mask)
		return value_type_error(s, "at least one stage pair", err);
	return 0;
}

static int apply_cross_trained(const config_setting_t *s, struct draft *d, struct js_error *err)
{
	if (!config_setting_is_list(s) && !config_setting_is_array(s))
		return value_type_error(s, "a list of stages [\"marketing\", ...]", err);
	d->o.cross_trained = 0;
	for (int i = 0; i < config_setting_length(s); i++) {
		int st;
		if (value_choice(config_setting_get_elem(s, (unsigned)i), stage_names, STAGE_COUNT, "a stage", &st, err))
			return -1;
		d->o.cross_trained |= 1u << st;
	}
	return 0;
}

static int apply_governance(const config_setting_t *s, struct draft *d, struct js_error *err)
{
	if (!config_setting_is_group(s))
		return value_type_error(s, "a group { mode = \"council\"; decider = \"\"; council_members = 4; }", err);
	if (check_keys(s, governance_keys, COUNT(governance_keys), err))
		return -1;
	const config_setting_t *m;
	if ((m = config_setting_get_member(s, "mode"))) {
		int g;
		if (value_choice(m, governance_names, GOV_COUNT, "a governance mode", &g, err))
			return -1;
		d->o.governance = (enum governance)g;
		d->has_mode = 1;
	}
	if ((m = config_setting_get_member(s, "decider")) && owner_ref(m, d->decider, &d->decider_at, err))
		return -1;
	if ((m = config_setting_get_member(s, "council_members"))) {
		double v;
		if (value_whole(m, "an integer >= 0 (0 = every stage owner)", &v, err))
			return -1;
		if (v < 0 || v > 1000)
			return value_type_error(m, "an integer in [0, 1000] (0 = every stage owner)", err);
		d->o.council_members = (int)v;
	}
	if ((m = config_setting_get_member(s, "council_every")) &&
	    value_days(m, "a duration > 0 (\"30 d\")", &d->o.council_every, err))
		return -1;
	if ((m = config_setting_get_member(s, "relief"))) {
		double v;
		if (value_number(m, "a share in [0, 1]", &v, err))
			return -1;
		if (!(v >= 0 && v <= 1))
			return value_type_error(m, "a share in [0, 1]", err);
		d->o.relief = v;
		d->o.relief_set = 1;
	}
	if ((m = config_setting_get_member(s, "council_spans")) && transitions_of_pairs(m, &d->o.council_spans, err))
		return -1;
	return 0;
}

static int resolve(struct resolving *c, const config_setting_t *g, const char *gname, struct draft *d);

static int apply_base(struct resolving *c, const config_setting_t *g, const config_setting_t *base,
		      struct draft *d)
{
	const char *bname;
	if (value_text(base, NAME_LEN, "the name of a model or preset", &bname, c->err))
		return -1;
	if (!bname[0])
		return value_type_error(base, "the name of a model or preset", c->err);
	int main_first = from_main(c->r, g);
	const config_setting_t *bg;
	if (model_find(c, bname, main_first, g, &bg, c->err))
		return -1;
	if (!bg)
		return unknown_model(c, base, bname, main_first);
	for (int i = 0; i < c->depth; i++)
		if (c->stack[i].group == bg) {
			char cycle[1024] = "";
			for (int j = i; j < c->depth; j++)
				snprintf(cycle + strlen(cycle), sizeof cycle - strlen(cycle), "%s -> ",
					 c->stack[j].name);
			snprintf(cycle + strlen(cycle), sizeof cycle - strlen(cycle), "%s", bname);
			return setting_error(c->err, base,
					     "expected a base that does not lead back to this model, got \"%s\" (cycle: %s)",
					     bname, cycle);
		}
	char stem[NAME_LEN];
	model_name_of(bg, bname, stem);
	if (resolve(c, bg, stem, d))
		return -1;
	memset(d->o.name, 0, sizeof d->o.name); /* a model's name is its own */
	return 0;
}

static int resolve(struct resolving *c, const config_setting_t *g, const char *gname, struct draft *d)
{
	struct js_error *err = c->err;
	if (!config_setting_is_group(g))
		return value_type_error(g, "a model group { base = ...; owners = (...); ... }", err);
	if (c->depth == FRAME_MAX)
		return setting_error(err, g, "expected bases nested at most %d deep, got deeper", FRAME_MAX);
	c->stack[c->depth].group = g;
	text_copy(c->stack[c->depth].name, NAME_LEN, gname);
	c->depth++;
	if (check_keys(g, model_keys, COUNT(model_keys), err))
		return -1;
	memset(d, 0, sizeof *d);
	const config_setting_t *m;
	if ((m = config_setting_get_member(g, "base")) && apply_base(c, g, m, d))
		return -1;

	const char *text;
	if ((m = config_setting_get_member(g, "name"))) {
		if (value_text(m, NAME_LEN, "a model name (letters, digits, _ or -)", &text, err))
			return -1;
		if (!name_valid(text))
			return value_type_error(m, "a model name (letters, digits, _ or -)", err);
		text_copy(d->o.name, NAME_LEN, text);
	}
	if ((m = config_setting_get_member(g, "description"))) {
		if (value_text(m, TEXT_LEN, "a description", &text, err))
			return -1;
		text_copy(d->o.description, TEXT_LEN, text);
	}
	if ((m = config_setting_get_member(g, "source"))) {
		if (value_text(m, TEXT_LEN, "a source", &text, err))
			return -1;
		text_copy(d->o.source, TEXT_LEN, text);
	}
	if ((m = config_setting_get_member(g, "owners")) && apply_owners(m, d, err))
		return -1;
	if ((m = config_setting_get_member(g, "stages")) && stage_group(m, d, err, set_stage_owner))
		return -1;
	if ((m = config_setting_get_member(g, "journey_owner")) &&
	    owner_ref(m, d->journey_owner, &d->journey_at, err))
		return -1;
	if ((m = config_setting_get_member(g, "journey_marketing_focus"))) {
		int f;
		if (value_choice(m, focus_names, FOCUS_COUNT, "a focus", &f, err))
			return -1;
		d->o.journey_marketing_focus = f + 1;
		d->journey_focus_at = m;
	}
	if ((m = config_setting_get_member(g, "it_owner")) && owner_ref(m, d->it_owner, &d->it_at, err))
		return -1;
	if ((m = config_setting_get_member(g, "technology")) && stage_group(m, d, err, set_tech))
		return -1;
	if ((m = config_setting_get_member(g, "systems")) && stage_group(m, d, err, set_system))
		return -1;
	if ((m = config_setting_get_member(g, "integrated")) && apply_integrated(m, d, err))
		return -1;
	if ((m = config_setting_get_member(g, "governance")) && apply_governance(m, d, err))
		return -1;
	if ((m = config_setting_get_member(g, "cross_trained")) && apply_cross_trained(m, d, err))
		return -1;
	c->depth--;
	return 0;
}

/* ---- the finished model ---- */

static int owner_index(const struct draft *d, const char *name, const config_setting_t *at,
		       int *idx, struct js_error *err)
{
	if (!name[0]) {
		*idx = -1;
		return 0;
	}
	const char *cands[OWNER_MAX];
	for (unsigned i = 0; i < d->o.n_owners; i++) {
		cands[i] = d->o.owners[i].name;
		if (strcmp(cands[i], name) == 0) {
			*idx = (int)i;
			return 0;
		}
	}
	char hint[1024];
	suggest(name, cands, d->o.n_owners, hint, sizeof hint);
	return setting_error(err, at, "expected an owner of this model, got \"%s\"%s", name, hint);
}

static int finalise(const struct draft *d, const config_setting_t *g, const char *name,
		    struct ownership *out, struct js_error *err)
{
	struct ownership *o = calloc(1, sizeof *o);
	if (!o)
		return js_error_set(err, EX_SOFTWARE, "out of memory");
	memcpy(o, &d->o, sizeof *o);
	text_copy(o->name, NAME_LEN, name);
	char path[1024], where[1100];
	setting_path(g, path, sizeof path);
	const char *dot = path[0] ? "." : "";
	int rc = -1;
	if (o->n_owners == 0) {
		snprintf(where, sizeof where, "%s%sowners", path, dot);
		setting_error_at(err, g, where, "expected at least one owner, got none");
		goto out;
	}
	for (int s = 0; s < STAGE_COUNT; s++) {
		if (!d->stage_owner[s][0]) {
			const config_setting_t *st = config_setting_get_member(g, "stages");
			snprintf(where, sizeof where, "%s%sstages.%s", path, dot, stage_names[s]);
			setting_error_at(err, st ? st : g, where, "expected the owner of the stage, got nothing");
			goto out;
		}
		if (owner_index(d, d->stage_owner[s], d->stage_at[s], &o->stage_owner[s], err))
			goto out;
		if (!d->has_system[s])
			text_copy(o->system[s], NAME_LEN, stage_names[s]);
	}
	if (owner_index(d, d->journey_owner, d->journey_at, &o->journey_owner, err) ||
	    owner_index(d, d->it_owner, d->it_at, &o->it_owner, err) ||
	    owner_index(d, d->decider, d->decider_at, &o->decider, err))
		goto out;
	if (o->journey_marketing_focus && o->journey_owner < 0) {
		snprintf(where, sizeof where, "%s%sjourney_marketing_focus", path, dot);
		setting_error_at(err, d->journey_focus_at ? d->journey_focus_at : g, where,
				 "expected a journey owner to set marketing's focus (journey_owner = \"...\"), got none");
		goto out;
	}
	if (!d->has_mode)
		o->governance = o->journey_owner >= 0 ? GOV_SINGLE : GOV_ESCALATION;
	if (o->governance == GOV_SINGLE && o->decider < 0 && o->journey_owner < 0) {
		const config_setting_t *gv = config_setting_get_member(g, "governance");
		snprintf(where, sizeof where, "%s%sgovernance.decider", path, dot);
		setting_error_at(err, gv ? gv : g, where,
				 "expected a decider when mode is \"single\" and there is no journey owner, got none");
		goto out;
	}
	char why[256];
	if (ownership_validate(o, why, sizeof why)) {
		setting_error(err, g, "expected a valid ownership model, but %s", why);
		goto out;
	}
	memcpy(out, o, sizeof *o);
	rc = 0;
out:
	free(o);
	return rc;
}

static int resolve_finalise(struct model_resolver *r, const config_setting_t *g, const char *name,
			    struct ownership *out, struct js_error *err)
{
	struct resolving *c = calloc(1, sizeof *c);
	struct draft *d = calloc(1, sizeof *d);
	int rc = -1;
	if (!c || !d) {
		js_error_set(err, EX_SOFTWARE, "out of memory");
		goto out;
	}
	c->r = r;
	c->err = err;
	if (resolve(c, g, name, d) == 0)
		rc = finalise(d, g, name, out, err);
out:
	free(c);
	free(d);
	return rc;
}

int model_check_all(struct model_resolver *r, struct js_error *err)
{
	const config_setting_t *models = r->models;
	if (!models)
		return 0;
	if (!config_setting_is_list(models))
		return value_type_error(models, "a list of models ( { name = \"mine\"; base = \"siloed\"; ... }, ... )",
					err);
	int n = config_setting_length(models);
	if (n > MODEL_MAX)
		return setting_error(err, config_setting_get_elem(models, MODEL_MAX),
				     "expected at most %d models, got %d", MODEL_MAX, n);
	for (int i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(models, (unsigned)i);
		if (!config_setting_is_group(m))
			return value_type_error(m, "a model group { name = \"mine\"; ... }", err);
		const char *name;
		if (value_name(m, "a model name", &name, err) ||
		    value_name_once(models, i, config_setting_get_member(m, "name"), name, "each model name once", err))
			return -1;
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(models, (unsigned)i);
		struct ownership *o = malloc(sizeof *o);
		if (!o)
			return js_error_set(err, EX_SOFTWARE, "out of memory");
		const char *name;
		config_setting_lookup_string(m, "name", &name);
		int rc = resolve_finalise(r, m, name, o, err);
		free(o);
		if (rc)
			return -1;
	}
	return 0;
}

int model_resolve(struct model_resolver *r, const config_setting_t *own, const char *default_name,
		  struct ownership *out, struct js_error *err)
{
	if (config_setting_type(own) == CONFIG_TYPE_STRING) {
		const char *name = config_setting_get_string(own);
		struct resolving c;
		c.r = r;
		c.depth = 0;
		c.err = err;
		const config_setting_t *g;
		if (!name[0])
			return value_type_error(own, "a model name or an ownership group { base = ...; ... }", err);
		if (model_find(&c, name, 1, NULL, &g, err))
			return -1;
		if (!g)
			return unknown_model(&c, own, name, 1);
		char mname[NAME_LEN];
		model_name_of(g, name, mname);
		return resolve_finalise(r, g, mname, out, err);
	}
	if (!config_setting_is_group(own))
		return value_type_error(own, "a model name or an ownership group { base = ...; ... }", err);
	char mname[NAME_LEN];
	model_name_of(own, default_name, mname);
	return resolve_finalise(r, own, mname, out, err);
}
