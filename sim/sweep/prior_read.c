/*
 * prior_read.c - the `uncertainty` group and the shipped `uncertainty_defaults`
 * list of a scenario file: read, check, resolve (include/prior.h; the format
 * is docs/priors.md).
 *
 * Read with the scenario loader's reader (source.c: @include expansion with
 * its line map) and reported as the loader and the sweep group report:
 * "file:line: uncertainty.params[1].sd: expected X, got Y". One prior (its
 * path, distribution and checks) is prior_one.c's; here the group, the lists
 * of priors with their overrides, correlations and EVPPI groups.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_qrng.h>

#include "prior.h"
#include "rng.h"
#include "settings.h"
#include "prior_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const group_keys[] = {"worlds", "design", "replications", "params", "correlations", "groups"};


/* ---- lists ---- */

static int find_prior(const struct prior_set *ps, const char *path)
{
	for (size_t j = 0; j < ps->n; j++)
		if (strcmp(ps->p[j].path, path) == 0)
			return (int)j;
	return -1;
}

/* Reads a list of priors: defaults (appended) or params (override a default
 * of the same path in place, else appended). */
static int read_list(struct reader *r, const config_setting_t *list, int defaults, size_t n_defaults)
{
	struct prior_set *ps = r->ps;
	const char *expect = "a list of priors ( { path = \"...\"; dist = \"...\"; ... }, ... )";
	if (!config_setting_is_list(list))
		return prior_type_error(r, list, expect);
	for (int i = 0; i < config_setting_length(list); i++) {
		const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
		struct prior *p = calloc(1, sizeof *p);
		if (!p)
			return js_error_set(r->err, EX_OSERR, "out of memory");
		if (prior_one_read(r, g, p)) {
			free(p);
			return -1;
		}
		int j = find_prior(ps, p->path);
		/* once per list: among this list's entries (a default overridden counts) */
		int again = j >= 0 && (defaults || !ps->p[j].from_defaults);
		if (again) {
			free(p);
			return setting_error(r->err, config_setting_get_member(g, "path"),
					     "expected each path once, got \"%s\" again", ps->p[j].path);
		}
		p->from_defaults = defaults;
		if (j >= 0 && (size_t)j < n_defaults) {
			ps->p[j] = *p;
		} else if (ps->n >= PRIOR_MAX) {
			free(p);
			return setting_error(r->err, g, "expected at most %d priors, got more", PRIOR_MAX);
		} else {
			ps->p[ps->n++] = *p;
		}
		free(p);
	}
	return 0;
}

static int read_correlations(struct reader *r, const config_setting_t *list)
{
	struct prior_set *ps = r->ps;
	const char *expect = "a list of rank correlations ( { a = \"path\"; b = \"path\"; rho = 0.5; }, ... )";
	static const char *const keys[] = {"a", "b", "rho"};
	if (!config_setting_is_list(list))
		return prior_type_error(r, list, expect);
	for (size_t i = 0; i < PRIOR_MAX; i++)
		ps->corr[i * PRIOR_MAX + i] = 1;
	for (int i = 0; i < config_setting_length(list); i++) {
		const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
		if (!config_setting_is_group(g))
			return prior_type_error(r, g, "a rank correlation { a = \"path\"; b = \"path\"; rho = 0.5; }");
		if (check_keys(g, keys, COUNT(keys), r->err))
			return -1;
		int ix[2];
		for (int k = 0; k < 2; k++) {
			const char *name = k ? "b" : "a";
			const config_setting_t *s = config_setting_get_member(g, name);
			const char *want = "the path of an uncertain parameter of the uncertainty group";
			if (!s)
				return prior_missing(r, g, name, want);
			if (config_setting_type(s) != CONFIG_TYPE_STRING)
				return prior_type_error(r, s, want);
			ix[k] = find_prior(ps, prior_path_text(s));
			if (ix[k] < 0 || ps->p[ix[k]].dist == PRIOR_POINT)
				return setting_error(r->err, s, "expected %s, got \"%s\"%s", want, config_setting_get_string(s),
						     ix[k] < 0 ? "" : " (a point prior)");
		}
		if (ix[0] == ix[1])
			return setting_error(r->err, config_setting_get_member(g, "b"),
					     "expected a path other than a (\"%s\"), got the same", ps->p[ix[0]].path);
		const config_setting_t *rho = config_setting_get_member(g, "rho");
		double v;
		if (!rho)
			return prior_missing(r, g, "rho", "a rank correlation in (-1, 1)");
		if (prior_number(r, rho, -1, 1, 1, 1, "a rank correlation in (-1, 1)", &v))
			return -1;
		size_t a = (size_t)ix[0], b = (size_t)ix[1];
		if (ps->corr[a * PRIOR_MAX + b] != 0)
			return setting_error(r->err, g, "expected each pair once, got %s ~ %s again", ps->p[a].path,
					     ps->p[b].path);
		ps->corr[a * PRIOR_MAX + b] = ps->corr[b * PRIOR_MAX + a] = v;
		ps->has_corr = 1;
	}
	if (!ps->has_corr)
		return 0;
	/* the copula's Pearson correlation: r = 2 sin(pi rho / 6) */
	size_t n = ps->n;
	gsl_matrix *m = gsl_matrix_alloc(n, n);
	if (!m)
		return js_error_set(r->err, EX_OSERR, "out of memory");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++)
			gsl_matrix_set(m, i, k, i == k ? 1 : 2 * sin(M_PI * ps->corr[i * PRIOR_MAX + k] / 6));
	rng_gsl_quiet();
	int rc = gsl_linalg_cholesky_decomp1(m);
	if (rc == 0)
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k <= i; k++)
				ps->chol[i * PRIOR_MAX + k] = gsl_matrix_get(m, i, k);
	gsl_matrix_free(m);
	if (rc != 0)
		return setting_error(r->err, list, "expected rank correlations that form a positive definite matrix, got "
						   "a matrix that is not (no joint distribution has these correlations)");
	return 0;
}

/* The group of that name; a new one with create (NULL when there are too many). */
static struct prior_group *group_get(struct prior_set *ps, const char *name, int create)
{
	for (size_t g = 0; g < ps->n_groups; g++)
		if (strcmp(ps->groups[g].name, name) == 0)
			return &ps->groups[g];
	if (!create || ps->n_groups >= PRIOR_GROUPS_MAX)
		return NULL;
	struct prior_group *g = &ps->groups[ps->n_groups++];
	snprintf(g->name, sizeof g->name, "%s", name);
	return g;
}

static void group_add(struct prior_group *g, size_t j)
{
	for (size_t k = 0; k < g->n; k++)
		if (g->member[k] == j)
			return;
	g->member[g->n++] = j;
}

static int read_groups(struct reader *r, const config_setting_t *list)
{
	struct prior_set *ps = r->ps;
	static const char *const keys[] = {"name", "paths"};
	if (list) {
		if (!config_setting_is_list(list))
			return prior_type_error(r, list, "a list of groups ( { name = \"...\"; paths = [\"...\", ...]; }, ... )");
		for (int i = 0; i < config_setting_length(list); i++) {
			const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
			if (!config_setting_is_group(g))
				return prior_type_error(r, g, "a group { name = \"...\"; paths = [\"...\", ...]; }");
			const char *name;
			if (check_keys(g, keys, COUNT(keys), r->err) || value_name(g, "a group name", &name, r->err))
				return -1;
			if (group_get(ps, name, 0))
				return setting_error(r->err, config_setting_get_member(g, "name"),
						     "expected each group once, got \"%s\" again", name);
			struct prior_group *pg = group_get(ps, name, 1);
			if (!pg)
				return setting_error(r->err, g, "expected at most %d groups, got more", PRIOR_GROUPS_MAX);
			const config_setting_t *paths = config_setting_get_member(g, "paths");
			if (!paths)
				return prior_missing(r, g, "paths", "a list of prior paths [\"...\", ...]");
			if ((!config_setting_is_array(paths) && !config_setting_is_list(paths)) ||
			    config_setting_length(paths) == 0)
				return prior_type_error(r, paths, "a list of prior paths [\"...\", ...]");
			for (int k = 0; k < config_setting_length(paths); k++) {
				const config_setting_t *s = config_setting_get_elem(paths, (unsigned)k);
				int j = config_setting_type(s) == CONFIG_TYPE_STRING ? find_prior(ps, prior_path_text(s)) : -1;
				if (j < 0)
					return prior_type_error(r, s, "the path of a prior of the uncertainty group");
				group_add(pg, (size_t)j);
			}
		}
	}
	/* then the params' own group = "..." */
	for (size_t j = 0; j < ps->n; j++) {
		if (!ps->p[j].group[0])
			continue;
		struct prior_group *pg = group_get(ps, ps->p[j].group, 1);
		if (!pg)
			return js_error_set(r->err, EX_CONFIG, "%s:%u: expected at most %d groups, got more",
					    ps->p[j].file, ps->p[j].line, PRIOR_GROUPS_MAX);
		group_add(pg, j);
	}
	return 0;
}

/* ---- the group ---- */

static int read_all(struct reader *r, const config_setting_t *root, const char *path, int *found)
{
	struct prior_set *ps = r->ps;
	const config_setting_t *g = config_setting_get_member(root, "uncertainty"), *s;
	const config_setting_t *defs = config_setting_get_member(root, "uncertainty_defaults");
	ps->worlds = PRIOR_WORLDS_DEFAULT;
	ps->replications = PRIOR_REPLICATIONS_DEFAULT;
	ps->design = PRIOR_SOBOL;
	*found = g || defs;
	if (!*found)
		return 0;
	if (defs && read_list(r, defs, 1, 0))
		return -1;
	size_t n_defaults = ps->n;
	if (g) {
		if (!config_setting_is_group(g))
			return prior_type_error(r, g, "a group uncertainty = { worlds = 128; params = ( ... ); }");
		if (check_keys(g, group_keys, COUNT(group_keys), r->err))
			return -1;
		double x;
		if ((s = config_setting_get_member(g, "worlds"))) {
			char expect[96];
			snprintf(expect, sizeof expect, "a number of worlds, a whole number from 2 to %u", PRIOR_WORLDS_MAX);
			if (prior_number(r, s, 2, 0, PRIOR_WORLDS_MAX, 0, expect, &x) || (x != floor(x) && prior_type_error(r, s, expect)))
				return -1;
			ps->worlds = (unsigned)x;
		}
		if ((s = config_setting_get_member(g, "replications"))) {
			char expect[96];
			snprintf(expect, sizeof expect, "a number of replications, a whole number from 1 to %u",
				 PRIOR_REPLICATIONS_MAX);
			if (prior_number(r, s, 1, 0, PRIOR_REPLICATIONS_MAX, 0, expect, &x) ||
			    (x != floor(x) && prior_type_error(r, s, expect)))
				return -1;
			ps->replications = (unsigned)x;
		}
		int d = PRIOR_SOBOL;
		if ((s = config_setting_get_member(g, "design")) &&
		    value_choice(s, prior_design_names, PRIOR_DESIGN_COUNT, NULL, &d, r->err))
			return -1;
		ps->design = d;
		const config_setting_t *params = config_setting_get_member(g, "params");
		if (!params && !defs)
			return prior_missing(r, g, "params",
				       "params = ( { path = \"...\"; dist = \"...\"; ... } ) or the shipped priors "
				       "(@include \"uncertainty/defaults.cfg\" from config/, \"../uncertainty/defaults.cfg\" "
				       "from a folder beside it)");
		if (params && read_list(r, params, 0, n_defaults))
			return -1;
	}
	if (ps->n == 0)
		return js_error_set(r->err, EX_CONFIG, "%s: uncertainty: expected at least one prior, got none", path);
	for (size_t j = 0; j < ps->n; j++)
		ps->n_design += ps->p[j].dist != PRIOR_POINT;
	if (ps->design == PRIOR_SOBOL && ps->n_design > gsl_qrng_sobol->max_dimension) {
		const config_setting_t *at = g && config_setting_get_member(g, "design") ? config_setting_get_member(g, "design")
					     : g ? g : defs;
		return setting_error(r->err, at,
				     "expected at most %u uncertain parameters for a sobol design (the dimension limit "
				     "of GSL's Sobol generator; design = \"lhs\" takes up to %d), got %zu",
				     gsl_qrng_sobol->max_dimension, PRIOR_MAX, ps->n_design);
	}
	if (g && (s = config_setting_get_member(g, "correlations")) && read_correlations(r, s))
		return -1;
	if (!ps->has_corr)
		for (size_t i = 0; i < PRIOR_MAX; i++)
			ps->corr[i * PRIOR_MAX + i] = ps->chol[i * PRIOR_MAX + i] = 1;
	return read_groups(r, g ? config_setting_get_member(g, "groups") : NULL);
}

int prior_read(const char *path, const struct scenario_file *f, struct prior_set *ps, int *found,
	       struct js_error *err)
{
	memset(ps, 0, sizeof *ps);
	*found = 0;
	struct source *src = calloc(1, sizeof *src);
	struct reader r = {f, ps, malloc(sizeof *r.scratch), err};
	int rc = -1;
	if (!src || !r.scratch) {
		js_error_set(err, EX_OSERR, "out of memory");
		goto out;
	}
	if (source_load(src, path, err))
		goto out;
	rc = read_all(&r, config_root_setting(&src->cfg), path, found);
out:
	if (src)
		source_fini(src);
	free(src);
	free(r.scratch);
	return rc;
}
