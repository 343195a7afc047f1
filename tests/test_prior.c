/*
 * test_prior.c - the uncertainty group (include/prior.h):
 *   - every distribution: sample moments and CDF of 4096 sobol worlds against
 *     the closed form (tests/data/prior/good.cfg);
 *   - the copula: a rank correlation of 0.7 comes out as about 0.7 (sobol, lhs,
 *     random); integer parameters give whole values; worlds are deterministic;
 *   - the shipped priors: one per key assumption, each with its source or
 *     "illustrative" and its range, centred on the schema default; overrides;
 *   - includes of the uncertainty folder beside a config's folder;
 *   - bad groups in tests/data/prior/bad/ failing with the file:line message
 *     of their first line; `check` prints the priors.
 */
#include <dirent.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "prior.h"
#include "settings.h"
#include "testutil.h"
#include "tools/prior_doc.h"

#define DATA "tests/data/prior/"

static struct scenario_file *load(const char *path)
{
	struct js_error err;
	js_error_clear(&err);
	struct scenario_file *f = scenario_file_load(path, &err, NULL, 0);
	if (!f)
		fail_msg("%s: %s", path, err.msg);
	return f;
}

static struct prior_set *read_ok(const char *path, struct scenario_file **fout)
{
	struct scenario_file *f = load(path);
	struct prior_set *ps = calloc(1, sizeof *ps);
	assert_non_null(ps);
	struct js_error err;
	int found = 0;
	if (prior_read(path, f, ps, &found, &err) != 0)
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(found, 1);
	if (fout)
		*fout = f;
	else
		scenario_file_free(f);
	return ps;
}

static int find(const struct prior_set *ps, const char *path)
{
	for (size_t j = 0; j < ps->n; j++)
		if (strcmp(ps->p[j].path, path) == 0)
			return (int)j;
	fail_msg("no prior %s", path);
	return -1;
}

static double *worlds_of(const struct prior_set *ps, uint64_t seed)
{
	double *w = malloc((size_t)ps->worlds * ps->n * sizeof *w);
	assert_non_null(w);
	struct js_error err;
	if (prior_worlds(ps, seed, w, &err) != 0)
		fail_msg("%s", err.msg);
	return w;
}

static void column(const struct prior_set *ps, const double *w, int j, double *x)
{
	for (size_t i = 0; i < ps->worlds; i++)
		x[i] = w[i * ps->n + (size_t)j];
}

static void moments(const double *x, size_t n, double *mean, double *sd)
{
	double m = 0, s = 0;
	for (size_t i = 0; i < n; i++)
		m += x[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	*mean = m;
	*sd = sqrt(s / (double)(n - 1));
}

/* Share of x below q. */
static double below(const double *x, size_t n, double q)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += x[i] < q;
	return (double)k / (double)n;
}

/* ---- distributions ---- */

struct expect {
	const char *path;
	double mean, sd;
	double (*cdf)(double x); /* closed form, or NULL */
};

static double cdf_beta(double x) { return gsl_cdf_beta_P(x, 7.5, 42.5); } /* mean 0.15, sd 0.05 */
static double cdf_uniform(double x) { return (x - 30000) / 60000; }
static double cdf_tri(double x) /* 0.5, 1, 1.5 */
{
	return x < 1 ? 2 * (x - 0.5) * (x - 0.5) : 1 - 2 * (1.5 - x) * (1.5 - x);
}
static double cdf_lognormal(double x) /* mean 0.6, cv 0.4 */
{
	double s2 = log(1.16);
	return gsl_cdf_lognormal_P(x, log(0.6) - s2 / 2, sqrt(s2));
}
static double cdf_gamma(double x) { return gsl_cdf_gamma_P(x, 4, 0.75); } /* mean 3, cv 0.5 */
static double cdf_pert(double x) { return gsl_cdf_beta_P(x / 4, 2, 4); } /* 0, 1, 4: alpha 2, beta 4 */
static double cdf_beta_days(double x) { return gsl_cdf_beta_P((x - 10) / 80, 2.75, 8.25); }

static void test_distributions_closed_form(void **state)
{
	(void)state;
	struct prior_set *ps = read_ok(DATA "good.cfg", NULL);
	assert_int_equal(ps->worlds, 4096);
	assert_int_equal(ps->replications, 2);
	assert_int_equal(ps->design, PRIOR_SOBOL);
	assert_int_equal(ps->n, 10);
	assert_int_equal(ps->n_design, 9);
	/* the correlation is dropped for the moment checks: marginals of the copula are the priors anyway */
	ps->has_corr = 0;
	double *w = worlds_of(ps, 1);
	double x[4096];
	const struct expect ex[] = {
		{"handoff.p_loss_boundary", 0.15, 0.05, cdf_beta},
		{"sales.pool.cost_per_server", 60000, 60000 / sqrt(12), cdf_uniform},
		{"handoff.delay_boundary", 1, sqrt((0.25 + 1 + 2.25 - 0.5 - 0.75 - 1.5) / 18), cdf_tri},
		{"renewal.slope", 0.6, 0.24, cdf_lognormal},
		{"governance.stage_defects_per_year", 3, 1.5, cdf_gamma},
		{"experience.repeat", 4.0 / 3, 4 * sqrt(8.0 / (36 * 7)), cdf_pert},
		{"governance.decision_escalation", 30, 10, cdf_beta_days},
	};
	for (size_t e = 0; e < sizeof ex / sizeof ex[0]; e++) {
		int j = find(ps, ex[e].path);
		column(ps, w, j, x);
		double m, sd;
		moments(x, ps->worlds, &m, &sd);
		if (fabs(m - ex[e].mean) > 0.01 * ex[e].sd || fabs(sd - ex[e].sd) > 0.02 * ex[e].sd)
			fail_msg("%s: mean %g sd %g, expected %g and %g", ex[e].path, m, sd, ex[e].mean, ex[e].sd);
		assert_true(fabs(prior_mean(&ps->p[j]) - ex[e].mean) < 1e-9 * fabs(ex[e].mean) + 1e-12);
		for (double u = 0.05; u < 0.96; u += 0.15) {
			double q = prior_quantile(&ps->p[j], u);
			if (fabs(ex[e].cdf(q) - u) > 1e-6)
				fail_msg("%s: quantile %g at %g has CDF %g", ex[e].path, q, u, ex[e].cdf(q));
			if (fabs(below(x, ps->worlds, q) - u) > 0.005)
				fail_msg("%s: %g of the worlds below the %g quantile", ex[e].path, below(x, ps->worlds, q), u);
		}
	}
	/* discrete 1, 2, 4 with weights 1, 2, 1 */
	int j = find(ps, "sales.pool.servers");
	column(ps, w, j, x);
	double share[5] = {0};
	for (size_t i = 0; i < ps->worlds; i++) {
		assert_true(x[i] == 1 || x[i] == 2 || x[i] == 4);
		share[(int)x[i]] += 1.0 / ps->worlds;
	}
	assert_true(fabs(share[1] - 0.25) < 0.005 && fabs(share[2] - 0.5) < 0.005 && fabs(share[4] - 0.25) < 0.005);
	/* the point is the file's value in every world */
	j = find(ps, "handoff.p_drop_boundary");
	assert_int_equal(ps->p[j].dist, PRIOR_POINT);
	for (size_t i = 0; i < ps->worlds; i++)
		assert_true(w[i * ps->n + (size_t)j] == 0.03);
	/* sobol's world 0 is the centre: every prior at its median */
	for (size_t k = 0; k < ps->n; k++)
		assert_true(w[k] == prior_quantile(&ps->p[k], 0.5));
	/* groups: the list's, with the param's own group merged into it */
	assert_int_equal(ps->n_groups, 1);
	assert_string_equal(ps->groups[0].name, "handoffs");
	assert_int_equal(ps->groups[0].n, 2);
	free(w);
	free(ps);
}

static void test_integer_whole(void **state)
{
	(void)state;
	struct prior_set *ps = read_ok(DATA "good.cfg", NULL);
	double *w = worlds_of(ps, 7);
	int j = find(ps, "delivery.pool.servers");
	assert_true(ps->p[j].integer);
	int seen[10] = {0};
	for (size_t i = 0; i < ps->worlds; i++) {
		double v = w[i * ps->n + (size_t)j];
		assert_true(v == floor(v) && v >= 1 && v <= 9);
		seen[(int)v] = 1;
	}
	assert_true(seen[2] && seen[3] && seen[4] && seen[6]); /* not one value: the pert spreads */
	free(w);
	free(ps);
}

/* ---- the copula ---- */

static void ranks(const double *x, size_t n, double *r)
{
	for (size_t i = 0; i < n; i++) {
		double less = 0, same = 0;
		for (size_t k = 0; k < n; k++)
			less += x[k] < x[i], same += x[k] == x[i];
		r[i] = less + (same + 1) / 2;
	}
}

static double spearman(const double *x, const double *y, size_t n)
{
	double *rx = malloc(n * sizeof *rx), *ry = malloc(n * sizeof *ry);
	ranks(x, n, rx);
	ranks(y, n, ry);
	double mx, sx, my, sy, c = 0;
	moments(rx, n, &mx, &sx);
	moments(ry, n, &my, &sy);
	for (size_t i = 0; i < n; i++)
		c += (rx[i] - mx) * (ry[i] - my);
	free(rx);
	free(ry);
	return c / ((double)(n - 1) * sx * sy);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_rank_correlation(void **state)
{
	(void)state;
	char dir[64], path[128], text[4096];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/corr.cfg", dir);
	char *base = test_read_file(DATA "base.inc", NULL);
	assert_non_null(base);
	const char *designs[] = {"sobol", "lhs", "random"};
	for (size_t d = 0; d < 3; d++) {
		snprintf(text, sizeof text,
			 "%suncertainty = { worlds = 2048; design = \"%s\"; params = (\n"
			 "  { path = \"handoff.p_loss_boundary\"; dist = \"beta\"; mean = 0.15; sd = 0.05; },\n"
			 "  { path = \"handoff.delay_boundary\"; dist = \"lognormal\"; mean = 1; cv = 0.5; },\n"
			 "  { path = \"renewal.slope\"; dist = \"uniform\"; min = 0.3; max = 0.9; }\n"
			 "); correlations = ( { a = \"handoff.p_loss_boundary\"; b = \"company.handoff.delay_boundary\"; "
			 "rho = 0.7; } ); };\n",
			 base, designs[d]);
		write_file(path, text);
		struct prior_set *ps = read_ok(path, NULL);
		assert_true(ps->has_corr);
		assert_true(ps->corr[0 * PRIOR_MAX + 1] == 0.7);
		double *w = worlds_of(ps, 11), x[2048], y[2048], z[2048];
		column(ps, w, 0, x);
		column(ps, w, 1, y);
		column(ps, w, 2, z);
		double r = spearman(x, y, ps->worlds), r0 = spearman(x, z, ps->worlds);
		if (fabs(r - 0.7) > 0.03 || fabs(r0) > 0.06)
			fail_msg("%s: Spearman %g (expected 0.7) and %g (expected 0)", designs[d], r, r0);
		/* the marginals stay the priors under the copula */
		double m, sd;
		moments(x, ps->worlds, &m, &sd);
		assert_true(fabs(m - 0.15) < 0.005 && fabs(sd - 0.05) < 0.005);
		free(w);
		free(ps);
	}
	free(base);
	unlink(path);
	rmdir(dir);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct prior_set *ps = read_ok(DATA "good.cfg", NULL);
	ps->worlds = 256;
	for (int d = 0; d < PRIOR_DESIGN_COUNT; d++) {
		ps->design = d;
		double *a = worlds_of(ps, 42), *b = worlds_of(ps, 42), *c = worlds_of(ps, 43);
		size_t bytes = (size_t)ps->worlds * ps->n * sizeof *a;
		assert_memory_equal(a, b, bytes);
		if (d == PRIOR_SOBOL)
			assert_memory_equal(a, c, bytes); /* the sequence does not use the seed */
		else
			assert_memory_not_equal(a, c, bytes);
		free(a);
		free(b);
		free(c);
	}
	free(ps);
}

/* Point priors only (decide's "point-mass priors give run's numbers"): every world holds the values. */
static void test_points_only(void **state)
{
	(void)state;
	struct prior_set *ps = read_ok(DATA "good.cfg", NULL);
	ps->worlds = 8;
	ps->has_corr = 0;
	for (size_t j = 0; j < ps->n; j++) {
		ps->p[j].dist = PRIOR_POINT;
		ps->p[j].a = ps->p[j].lo = ps->p[j].hi = ps->p[j].resolved;
	}
	ps->n_design = 0;
	for (int d = 0; d < PRIOR_DESIGN_COUNT; d++) {
		ps->design = d;
		double *w = worlds_of(ps, 3);
		for (size_t i = 0; i < ps->worlds; i++)
			for (size_t j = 0; j < ps->n; j++)
				assert_true(w[i * ps->n + j] == ps->p[j].resolved);
		free(w);
	}
	free(ps);
}

/* ---- the shipped priors ---- */

static void test_shipped_priors(void **state)
{
	(void)state;
	struct scenario_file *f;
	struct prior_set *ps = read_ok("config/default.cfg", &f);
	size_t keys = 0;
	for (size_t i = 0; i < schema_company.n; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (!(e->flags & SCHEMA_KEY))
			continue;
		keys++;
		const struct prior *p = &ps->p[find(ps, e->path)];
		assert_true(p->from_defaults);
		assert_int_not_equal(p->dist, PRIOR_POINT);
		/* centred on the default: it lies well inside the 5-95% range, and the median is near it */
		double v;
		assert_int_equal(scenario_param_get(&f->scenarios[0], e->path, &v), 0);
		double lo = prior_quantile(p, 0.05), hi = prior_quantile(p, 0.95), med = prior_quantile(p, 0.5);
		if (!(lo < v && v < hi) || fabs(med - v) > 0.1 * (hi - lo))
			fail_msg("%s: default %g, median %g, 5-95%% %g to %g", e->path, v, med, lo, hi);
	}
	assert_int_equal(keys, 20);
	assert_int_equal(ps->n, 20);
	assert_int_equal(ps->worlds, PRIOR_WORLDS_DEFAULT);
	assert_int_equal(ps->replications, PRIOR_REPLICATIONS_DEFAULT);
	/* every entry has a comment line above it with its source or "illustrative", and its range */
	char *text = test_read_file("config/uncertainty/defaults.cfg", NULL);
	assert_non_null(text);
	char *prev = NULL, *save = NULL;
	size_t entries = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "path = \"")) {
			entries++;
			if (!prev || prev[strspn(prev, " ")] != '#' || !strstr(prev, "range") ||
			    !(strstr(prev, "illustrative") || strstr(prev, "seed")))
				fail_msg("defaults.cfg: no source and range above %s", line);
		}
		prev = line;
	}
	assert_int_equal(entries, 20);
	free(text);
	/* the worlds of the shipped priors are valid scenarios: every value set in every scenario */
	ps->worlds = 64;
	double *w = worlds_of(ps, f->run.seed);
	for (size_t i = 0; i < ps->worlds; i++)
		for (size_t s = 0; s < f->n_scenarios; s++) {
			struct scenario sc = f->scenarios[s];
			for (size_t j = 0; j < ps->n; j++) {
				struct js_error err;
				if (scenario_param_set(&sc, ps->p[j].path, w[i * ps->n + j], &err) != 0)
					fail_msg("world %zu: %s", i, err.msg);
			}
		}
	free(w);
	free(ps);
	scenario_file_free(f);
}

static void test_override_defaults(void **state)
{
	(void)state;
	char dir[64], path[160], text[4096];
	test_tmpdir(dir, sizeof dir);
	char *base = test_read_file(DATA "base.inc", NULL), *defs = test_read_file("config/uncertainty/defaults.cfg", NULL);
	assert_non_null(base);
	assert_non_null(defs);
	snprintf(path, sizeof path, "%s/uncertainty", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/uncertainty/defaults.cfg", dir);
	write_file(path, defs);
	snprintf(path, sizeof path, "%s/examples", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	/* from a folder beside uncertainty/, as config/examples/ includes it */
	snprintf(path, sizeof path, "%s/examples/x.cfg", dir);
	snprintf(text, sizeof text,
		 "%s@include \"../uncertainty/defaults.cfg\"\nuncertainty = { worlds = 16; design = \"lhs\"; params = (\n"
		 "  { path = \"company.handoff.delay_boundary\"; dist = \"uniform\"; min = \"0.5 d\"; max = \"2 d\"; },\n"
		 "  { path = \"renewal.slope\"; dist = \"point\"; },\n"
		 "  { path = \"sales.pool.servers\"; dist = \"point\"; value = 3; }\n"
		 "); };\n",
		 base);
	write_file(path, text);
	struct prior_set *ps = read_ok(path, NULL);
	assert_int_equal(ps->n, 21);
	assert_int_equal(ps->worlds, 16);
	assert_int_equal(ps->design, PRIOR_LHS);
	const struct prior *p = &ps->p[find(ps, "handoff.delay_boundary")];
	assert_int_equal(p->dist, PRIOR_UNIFORM);
	assert_false(p->from_defaults);
	assert_true(p->a == 0.5 && p->b == 2);
	p = &ps->p[find(ps, "renewal.slope")];
	assert_int_equal(p->dist, PRIOR_POINT);
	assert_true(p->a == 0.6);
	p = &ps->p[find(ps, "sales.pool.servers")];
	assert_true(p->a == 3 && ps->p[20].a == 3);
	assert_int_equal(ps->n_design, 19);
	assert_true(ps->p[find(ps, "handoff.p_loss_boundary")].from_defaults);

	/* an include out of both folders is still refused; so is a link in uncertainty/ that leads out */
	snprintf(text, sizeof text, "%s@include \"../outside.cfg\"\n", base);
	write_file(path, text);
	char other[160];
	snprintf(other, sizeof other, "%s/outside.cfg", dir);
	write_file(other, "uncertainty_defaults = ();\n");
	struct js_error err;
	assert_null(scenario_file_load(path, &err, NULL, 0));
	assert_non_null(strstr(err.msg, "@include: expected a file inside the config's folder"));
	char link[160];
	snprintf(link, sizeof link, "%s/uncertainty/link.cfg", dir);
	assert_int_equal(symlink("../outside.cfg", link), 0);
	snprintf(text, sizeof text, "%s@include \"../uncertainty/link.cfg\"\n", base);
	write_file(path, text);
	assert_null(scenario_file_load(path, &err, NULL, 0));
	assert_non_null(strstr(err.msg, "@include: expected a file inside the config's folder"));
	/* a file with neither group: not found, not an error */
	snprintf(text, sizeof text, "%s", base);
	write_file(path, text);
	struct scenario_file *f = load(path);
	int found = 1;
	assert_int_equal(prior_read(path, f, ps, &found, &err), 0);
	assert_int_equal(found, 0);
	scenario_file_free(f);

	const char *files[] = {"examples/x.cfg", "uncertainty/link.cfg", "uncertainty/defaults.cfg", "outside.cfg",
			       "examples", "uncertainty"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(other, sizeof other, "%s/%s", dir, files[i]);
		if (unlink(other) != 0)
			rmdir(other);
	}
	rmdir(dir);
	free(base);
	free(defs);
	free(ps);
}

/* ---- bad groups ---- */

static void test_bad_configs(void **state)
{
	(void)state;
	const char *dir = DATA "bad";
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int checked = 0;
	struct prior_set *ps = calloc(1, sizeof *ps);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".cfg") != 0)
			continue;
		char path[512], want[2048];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *text = test_read_file(path, NULL);
		assert_non_null(text);
		assert_true(strncmp(text, "# expect: ", 10) == 0);
		*strchr(text, '\n') = 0;
		snprintf(want, sizeof want, "%s/%s", dir, text + 10);
		free(text);
		struct scenario_file *f = load(path);
		struct js_error err;
		js_error_clear(&err);
		int found = 0;
		int rc = prior_read(path, f, ps, &found, &err);
		scenario_file_free(f);
		if (rc == 0 || strcmp(err.msg, want) != 0)
			fail_msg("%s:\n  expected: %s\n  got:      %s", path, want, rc == 0 ? "(read)" : err.msg);
		assert_int_equal(err.code, EX_CONFIG);
		checked++;
	}
	closedir(d);
	free(ps);
	assert_true(checked >= 20);
}

/* `check` prints the resolved priors, and refuses a bad one before printing anything. */
static void test_check_prints(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(js_run(0, &out, "check " DATA "good.cfg"), 0);
	assert_non_null(strstr(out, "# uncertainty: 4096 worlds (sobol design), 2 replications"));
	assert_non_null(strstr(out, "#   handoff.p_loss_boundary (Context loss at a boundary): beta mean 0.15 sd 0.05 "
				    "on [0, 1]"));
	assert_non_null(strstr(out, "#   rank correlation handoff.p_loss_boundary ~ handoff.delay_boundary: 0.5"));
	free(out);
	assert_int_equal(js_run(78, &out, "check " DATA "bad/beta_sd.cfg"), 78);
	assert_null(strstr(out, "scenarios"));
	assert_non_null(strstr(out, "beta_sd.cfg:7: uncertainty.params[0].sd"));
	free(out);
}

/* docs/priors.md ends with the table make docs writes from the shipped priors. */
static void doc_write(FILE *fp)
{
	char why[2048];
	if (prior_doc_write(fp, why, sizeof why) != 0)
		fprintf(fp, "(%s)", why);
}

static void test_doc_agrees(void **state)
{
	(void)state;
	char *want = test_capture(doc_write), *doc = test_read_file("docs/priors.md", NULL);
	assert_non_null(want);
	assert_non_null(doc);
	const char *at = strstr(doc, PRIOR_DOC_HEADING "\n");
	if (!at || strcmp(at, want) != 0)
		fail_msg("docs/priors.md: the shipped priors differ from config/uncertainty/defaults.cfg: run `make docs`");
	assert_non_null(strstr(want, "| `handoff.p_loss_boundary` | Context loss at a boundary | beta mean 0.15"));
	free(want);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distributions_closed_form),
		cmocka_unit_test(test_integer_whole),
		cmocka_unit_test(test_rank_correlation),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_points_only),
		cmocka_unit_test(test_shipped_priors),
		cmocka_unit_test(test_override_defaults),
		cmocka_unit_test(test_bad_configs),
		cmocka_unit_test(test_check_prints),
		cmocka_unit_test(test_doc_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
