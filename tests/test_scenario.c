/*
 * test_scenario.c - the scenario file loader: defaults, layers of overrides,
 * integers, @include, ownership bases, every file of tests/bad/ with its
 * expected message, the `check` round trip, parameters by path, the load
 * warning and docs/config.md against the schema; regular files only, the
 * whole seed range, UTF-8 text and the limits of the work a run asks for.
 *
 * Run from the top of the tree (make test does). The models come from the test
 * presets in tests/data/scenario/presets, so the shipped presets can change
 * without breaking these tests.
 */
#include <dirent.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "testutil.h"

#include "../sim/scenario/scenario_internal.h"
#include "ownership.h"
#include "scenario.h"

#define DATA "tests/data/scenario/"

static struct scenario_file *load_ok(const char *path)
{
	struct js_error err;
	char warn[4096];
	struct scenario_file *f = scenario_file_load(path, &err, warn, sizeof warn);
	if (!f)
		fail_msg("%s should load, got: %s", path, err.msg);
	assert_int_equal(err.code, 0);
	return f;
}

/* Loading fails with exactly msg and code EX_CONFIG. */
static void load_fails(const char *path, const char *msg)
{
	struct js_error err;
	struct scenario_file *f = scenario_file_load(path, &err, NULL, 0);
	if (f)
		fail_msg("%s should fail with \"%s\"", path, msg);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("%s:\n expected: %s\n      got: %s", path, msg, err.msg);
	assert_int_equal(err.code, EX_CONFIG);
}

static const struct scenario *find(const struct scenario_file *f, const char *name)
{
	for (size_t i = 0; i < f->n_scenarios; i++)
		if (strcmp(f->scenarios[i].name, name) == 0)
			return &f->scenarios[i];
	fail_msg("no scenario %s", name);
	return NULL;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A fresh temporary folder dir with the file name in it (path), holding text. */
static void temp_config(char *dir, char *path, size_t len, const char *name, const char *text)
{
	test_tmpdir(dir, 64);
	snprintf(path, len, "%s/%s", dir, name);
	write_file(path, text);
}

static void same_scenario(const struct scenario *a, const struct scenario *b)
{
	assert_string_equal(a->name, b->name);
	assert_memory_equal(a->description, b->description, sizeof a->description);
	assert_memory_equal(&a->company, &b->company, sizeof a->company);
	assert_memory_equal(&a->ownership, &b->ownership, sizeof a->ownership);
}

/* ---- defaults and layers ---- */

static void test_defaults_filled(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "minimal.cfg");
	assert_int_equal(f->n_scenarios, 1);
	assert_true(f->run.seed == 1);
	assert_int_equal(f->run.replications, 10);
	assert_true(f->run.horizon == 1095.0);
	assert_true(f->run.warmup == 0 && f->run.sample_every == 0);
	const struct company *c = &f->scenarios[0].company;
	assert_string_equal(c->currency, "EUR");
	assert_true(c->arrivals.rate == 40.0 && c->arrivals.profile.n == 0);
	assert_ptr_equal(c->marketing.touches.type, &dist_fixed);
	assert_true(c->marketing.touches.mean == 3.0);
	assert_ptr_equal(c->marketing.touch_spacing.type, &dist_exponential);
	assert_true(c->marketing.touch_spacing.mean == 7.0);
	assert_int_equal(c->sales.pool.servers, 26);
	assert_ptr_equal(c->sales.pool.service.type, &dist_lognormal);
	assert_true(c->sales.pool.service.mean == 1.0 && c->sales.pool.service.cv == 0.5);
	assert_true(c->sales.win_half_life == 2.0 && c->sales.deal_value == 6000.0);
	assert_true(c->experience.start_spread == 1.5 && c->experience.recovery_half_life == 120.0);
	assert_ptr_equal(c->delivery.pool.service.type, &dist_gamma);
	assert_true(c->delivery.pool.service.mean == 5.0 && c->delivery.pool.service.cv == 0.7);
	assert_int_equal(c->service.pool.servers, 4);
	assert_true(c->service.pool.service.mean == 1.0 / 24.0);
	assert_true(c->service.term == 365.0 && c->service.fast_resolution == 2.0 / 24.0);
	assert_int_equal(c->service.max_attempts, 3);
	assert_int_equal(c->service.initial_customers, 3000);
	assert_true(c->renewal.neutral_score == 7.0 && c->renewal.p_referral == 0.1);
	assert_true(c->experience.tolerance[POOL_SALES] == 2.0);
	assert_true(c->experience.tolerance[POOL_DELIVERY] == 10.0);
	assert_true(c->experience.tolerance[POOL_SERVICE] == 4.0 / 24.0);
	assert_true(c->experience.promoter_min == 9.0 && c->experience.detractor_below == 7.0);
	assert_true(c->handoff.delay_internal == 0.1 && c->handoff.p_drop_internal == 0.005);
	assert_true(c->view.p_per_system == 0.05);
	assert_true(c->governance.council_every == 30.0 && c->governance.decision_escalation == 45.0);
	assert_true(c->technology.lead_time[TECH_IT] == 40.0 && c->technology.lead_time[TECH_OWN] == 10.0 &&
		    c->technology.lead_time[TECH_EMBEDDED] == 20.0);
	assert_true(c->technology.p_redo[TECH_IT] == 0.15 && c->technology.p_redo[TECH_OWN] == 0.10);
	assert_true(c->technology.system_cost[TECH_OWN] == 250000.0);
	assert_true(c->technology.debt_per_year == 0.15);
	assert_true(c->policy.handle_time[FOCUS_REVENUE] == 1.25);
	assert_true(c->policy.fcr_shift[FOCUS_COST] == -0.05 && c->policy.fcr_shift[FOCUS_EXPERIENCE] == 0.05);
	assert_true(c->policy.threshold_shift[FOCUS_REVENUE] == -0.1);
	assert_true(c->policy.delivery_error[FOCUS_EXPERIENCE] == 0.8);

	/* and the whole company is exactly the schema's defaults */
	struct company *d = calloc(1, sizeof *d);
	assert_non_null(d);
	values_defaults(&schema_company, d);
	for (size_t i = 0; i < schema_company.n; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (e->type == ST_DIST_DAYS || e->type == ST_DIST_COUNT) {
			char why[128];
			assert_int_equal(dist_prepare((struct dist *)(void *)((char *)d + e->offset), why, sizeof why), 0);
		}
	}
	assert_memory_equal(d, c, sizeof *d);
	free(d);
	scenario_file_free(f);
}

static void test_overrides(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "overrides.cfg");
	assert_true(f->run.seed == 20261125 && f->run.replications == 20);
	assert_true(f->run.horizon == 730 && f->run.warmup == 90 && f->run.sample_every == 7);
	const struct scenario *plain = find(f, "plain"), *big = find(f, "bigger_sales");
	assert_string_equal(big->description, "more sales staff, slower service");
	/* the file's company applies to every scenario */
	for (int i = 0; i < 2; i++) {
		const struct company *c = i ? &big->company : &plain->company;
		assert_string_equal(c->currency, "GBP");
		assert_true(c->arrivals.rate == 35.5);
		assert_int_equal(c->arrivals.profile.n, 3);
		assert_true(c->arrivals.profile.period == 365 && c->arrivals.profile.start[1] == 300 &&
			    c->arrivals.profile.multiplier[2] == 0.6);
		assert_true(c->sales.p_win == 0.45);
		assert_ptr_equal(c->service.callback_delay.type, &dist_fixed); /* a bare duration */
		assert_true(c->service.callback_delay.mean == 4.0 / 24.0);
		assert_ptr_equal(c->marketing.touches.type, &dist_fixed); /* a bare count */
		assert_true(c->marketing.touches.mean == 5);
		assert_true(c->sales.win_floor == 0.4); /* untouched: the default */
	}
	assert_int_equal(plain->company.sales.pool.servers, 18);
	assert_int_equal(big->company.sales.pool.servers, 24);
	/* a distribution without `dist` keeps its kind and other parameters */
	assert_ptr_equal(big->company.sales.pool.service.type, &dist_lognormal);
	assert_true(big->company.sales.pool.service.mean == 2.0 && big->company.sales.pool.service.cv == 0.5);
	assert_true(plain->company.sales.pool.service.mean == 1.0);
	/* with `dist`, a new distribution */
	assert_ptr_equal(big->company.delivery.pool.service.type, &dist_erlang);
	assert_true(big->company.delivery.pool.service.k == 3 && big->company.delivery.pool.service.mean == 4.0);
	assert_true(big->company.delivery.pool.service.cv == 0);
	assert_true(big->company.experience.tolerance[POOL_SERVICE] == 90.0 / 1440.0);
	assert_true(plain->company.experience.tolerance[POOL_SERVICE] == 4.0 / 24.0);
	assert_true(big->company.technology.lead_time[TECH_OWN] == 14 &&
		    big->company.technology.lead_time[TECH_IT] == 40);
	assert_true(big->company.policy.fcr_shift[FOCUS_COST] == -0.1 &&
		    plain->company.policy.fcr_shift[FOCUS_COST] == -0.05);
	scenario_file_free(f);
}

static void test_integers_as_decimals(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "integers.cfg");
	assert_true(f->run.seed == 5000000000ULL);
	assert_true(f->run.horizon == 730.0);
	const struct company *c = &f->scenarios[0].company;
	assert_true(c->arrivals.rate == 40.0);
	assert_true(c->sales.p_win == 1.0 && c->sales.deal_value == 24000.0);
	assert_true(c->technology.system_cost[TECH_IT] == 5e9);
	assert_true(c->experience.start == 10.0);
	scenario_file_free(f);
}

static void test_big_integers_rejected(void **state)
{
	(void)state;
	char dir[64], path[128], msg[512];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/big.cfg", dir);
	const char *tail = "scenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n";
	struct {
		const char *text, *msg;
	} cases[] = {
		{"company = { sales = { deal_value = 4294967336; }; };\n", /* wraps to 40 */
		 "company.sales.deal_value: expected an integer within 32 bits (write 64-bit integers with L, "
		 "decimals with a point), got 4294967336"},
		{"company = { sales = { pool = { servers = -2147483649; }; }; };\n",
		 "company.sales.pool.servers: expected an integer within 32 bits (write 64-bit integers with L, "
		 "decimals with a point), got -2147483649"},
		{"company = {\n  arrivals = { profile = { start = [0, 1]; multiplier = [1, 99999999999]; }; };\n};\n",
		 "company.arrivals.profile.multiplier[1]: expected an integer within 32 bits (write 64-bit "
		 "integers with L, decimals with a point), got 99999999999"},
		{"run = { replications = 0x100000000; };\n",
		 "run.replications: expected an integer within 32 bits (write 64-bit integers with L, decimals "
		 "with a point), got 0x100000000"},
	};
	int lines[] = {1, 1, 2, 1};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512];
		snprintf(text, sizeof text, "%s%s", cases[i].text, tail);
		write_file(path, text);
		snprintf(msg, sizeof msg, "%s:%d: %s", path, lines[i], cases[i].msg);
		load_fails(path, msg);
	}
	/* the largest 32-bit values, 64-bit values with L, decimals and text are fine */
	write_file(path, "run = { seed = 2147483647; };\n"
			 "company = { sales = { deal_value = 9000000000L; pool = { cost_per_server = 9000000000.0; }; };\n"
			 "  currency = \"12345678901\"; delivery = { p_error = 0.1; rework_scale = 1e12; }; };\n"
			 "# 99999999999 in a comment\n"
			 "scenarios = ( { name = \"s\"; description = \"99999999999\"; ownership = \"solo\"; } );\n");
	struct scenario_file *f = load_ok(path);
	assert_true(f->run.seed == 2147483647);
	assert_true(f->scenarios[0].company.sales.deal_value == 9e9);
	assert_true(f->scenarios[0].company.delivery.rework_scale == 1e12);
	scenario_file_free(f);
	unlink(path);
	rmdir(dir);
}

/* ---- includes ---- */

static void test_include_relative(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "inc_main.cfg");
	assert_true(f->run.seed == 7);
	assert_true(f->scenarios[0].company.sales.p_win == 0.35);     /* parts/company.cfg */
	assert_true(f->scenarios[0].company.arrivals.rate == 12.5);   /* parts/rates.cfg */
	scenario_file_free(f);
}

static void test_include_refused_outside(void **state)
{
	(void)state;
	char dir[64], path[256], text[512], msg[512];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/outside.cfg", dir);
	write_file(path, "run = { seed = 5; };\n");
	snprintf(path, sizeof path, "%s/sub", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/sub/inner", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	const char *tail = "scenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n";

	/* up and out */
	snprintf(path, sizeof path, "%s/sub/main.cfg", dir);
	snprintf(text, sizeof text, "# main\n@include \"../outside.cfg\"\n%s", tail);
	write_file(path, text);
	snprintf(msg, sizeof msg, "%s:2: @include: expected a file inside the config's folder, got \"../outside.cfg\"",
		 path);
	load_fails(path, msg);

	/* an absolute path outside */
	snprintf(text, sizeof text, "@include \"%s/outside.cfg\"\n%s", dir, tail);
	write_file(path, text);
	snprintf(msg, sizeof msg, "%s:1: @include: expected a file inside the config's folder, got \"%s/outside.cfg\"",
		 path, dir);
	load_fails(path, msg);

	/* a symbolic link inside that leads outside */
	char link[256];
	snprintf(link, sizeof link, "%s/sub/link.cfg", dir);
	assert_int_equal(symlink("../outside.cfg", link), 0);
	snprintf(text, sizeof text, "@include \"link.cfg\"\n%s", tail);
	write_file(path, text);
	snprintf(msg, sizeof msg, "%s:1: @include: expected a file inside the config's folder, got \"link.cfg\"", path);
	load_fails(path, msg);

	/* inside: a nested include may go up again, as long as it stays in */
	char inner[256], other[256];
	snprintf(inner, sizeof inner, "%s/sub/inner/a.cfg", dir);
	write_file(inner, "@include \"../b.cfg\"\n");
	snprintf(other, sizeof other, "%s/sub/b.cfg", dir);
	write_file(other, "run = { seed = 9; };\n");
	snprintf(text, sizeof text, "@include \"inner/a.cfg\"\n%s", tail);
	write_file(path, text);
	struct scenario_file *f = load_ok(path);
	assert_true(f->run.seed == 9);
	scenario_file_free(f);

	/* but the inner file may not leave the main file's folder */
	write_file(inner, "@include \"../../outside.cfg\"\n");
	snprintf(msg, sizeof msg,
		 "%s/sub/inner/a.cfg:1: @include: expected a file inside the config's folder, got \"../../outside.cfg\"", dir);
	load_fails(path, msg);

	const char *files[] = {"sub/inner/a.cfg", "sub/b.cfg", "sub/link.cfg", "sub/main.cfg", "outside.cfg",
			       "sub/inner", "sub"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (unlink(path) != 0)
			rmdir(path);
	}
	rmdir(dir);
}

static void test_include_error_located(void **state)
{
	(void)state;
	load_fails("tests/bad/include_error.cfg",
		   "tests/bad/inc/bad_company.cfg:3: company.sales.p_win: expected a probability in [0, 1], got -0.2");
	/* a syntax error inside an included file is located there too */
	char dir[64], path[256], inc[256];
	test_tmpdir(dir, sizeof dir);
	snprintf(inc, sizeof inc, "%s/part.cfg", dir);
	write_file(inc, "# part\n\ncompany = { sales = { p_win = ; }; };\n");
	snprintf(path, sizeof path, "%s/main.cfg", dir);
	write_file(path, "# main\n@include \"part.cfg\"\nscenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n");
	char msg[512];
	snprintf(msg, sizeof msg, "%s/part.cfg:3: syntax error", dir);
	load_fails(path, msg);
	/* and lines after an include are still the main file's lines */
	write_file(inc, "# part\ncompany = { sales = { p_win = 0.1; }; };\n");
	write_file(path, "# main\n@include \"part.cfg\"\nrun = { replications = 0; };\n"
			 "scenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n");
	snprintf(msg, sizeof msg, "%s:3: run.replications: expected an integer >= 1, got 0", path);
	load_fails(path, msg);
	unlink(inc);
	unlink(path);
	rmdir(dir);
}

/* ---- ownership ---- */

static void test_base_merge_identical(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "merge.cfg");
	const struct ownership *full = &find(f, "in_full")->ownership;
	const char *others[] = {"from_base", "by_name", "chained"};
	for (size_t i = 0; i < 3; i++)
		assert_memory_equal(&find(f, others[i])->ownership, full, sizeof *full);
	/* and it is what was written */
	assert_int_equal(full->n_owners, 6);
	assert_string_equal(full->owners[5].name, "cco");
	assert_int_equal(full->owners[0].focus, FOCUS_EXPERIENCE); /* cmo: focus overridden */
	assert_string_equal(full->owners[0].title, "Chief marketing officer"); /* title kept */
	assert_int_equal(full->stage_owner[STAGE_SALES], 5);
	assert_int_equal(full->stage_owner[STAGE_DELIVERY], 2);
	assert_int_equal(full->journey_owner, 5);
	assert_int_equal(full->decider, 5);
	assert_int_equal(full->it_owner, 4);
	assert_int_equal(full->tech[STAGE_MARKETING], TECH_OWN);
	assert_int_equal(full->n_integrations, 2);
	assert_int_equal(full->governance, GOV_SINGLE);
	assert_int_equal(full->council_members, 2);
	struct ownership_derived d;
	ownership_derive(full, &d);
	assert_int_equal(d.n_systems, 3); /* sales and service share "desk" */
	scenario_file_free(f);
}

static void test_model_defaults(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "integers.cfg"); /* ownership = "solo" */
	const struct ownership *o = &f->scenarios[0].ownership;
	assert_string_equal(o->name, "solo");
	for (int s = 0; s < STAGE_COUNT; s++) {
		assert_int_equal(o->tech[s], TECH_IT); /* solo.cfg gives no technology */
		assert_int_equal(o->stage_owner[s], 0);
	}
	struct ownership_derived d;
	ownership_derive(o, &d);
	assert_int_equal(d.n_boundaries, 0);
	assert_int_equal(d.n_systems, 1);
	scenario_file_free(f);

	/* no systems: each stage its own, named after it; no governance: escalation without a journey owner */
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/m.cfg", dir);
	write_file(path, "scenarios = ( { name = \"x\"; ownership = { owners = ( { name = \"a\"; focus = \"cost\"; },\n"
			 "  { name = \"b\"; focus = \"revenue\"; } ); stages = { marketing = \"a\"; sales = \"a\";\n"
			 "  delivery = \"b\"; service = \"b\"; }; }; } );\n");
	f = load_ok(path);
	o = &f->scenarios[0].ownership;
	assert_string_equal(o->name, "x"); /* an unnamed inline model takes the scenario's name */
	assert_string_equal(o->system[STAGE_DELIVERY], "delivery");
	assert_int_equal(o->governance, GOV_ESCALATION);
	assert_int_equal(o->journey_owner, -1);
	assert_int_equal(o->it_owner, -1);
	assert_string_equal(o->owners[1].title, "b");
	ownership_derive(o, &d);
	assert_int_equal(d.n_boundaries, 1);
	scenario_file_free(f);
	unlink(path);
	rmdir(dir);
}

static void test_base_cycle(void **state)
{
	(void)state;
	load_fails("tests/bad/base_cycle.cfg",
		   "tests/bad/base_cycle.cfg:5: models.b.base: expected a base that does not lead back to this model, "
		   "got \"a\" (cycle: a -> b -> a)");
	/* a cycle through preset files is located in the preset */
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/c.cfg", dir);
	write_file(path, "scenarios = ( { name = \"x\"; ownership = \"loop_a\"; } );\n");
	load_fails(path, DATA "presets/loop_b.cfg:2: model.base: expected a base that does not lead back to this "
			       "model, got \"loop_a\" (cycle: loop_a -> loop_b -> loop_a)");
	/* a model may not be its own base (a model named like a preset extends the preset) */
	write_file(path, "models = ( { name = \"solo\"; base = \"solo\"; owners = ( { name = \"ceo\"; cost_per_year = 1; } ); } );\n"
			 "scenarios = ( { name = \"x\"; ownership = \"solo\"; } );\n");
	struct scenario_file *f = load_ok(path);
	assert_true(f->scenarios[0].ownership.owners[0].cost_per_year == 1);
	assert_string_equal(f->scenarios[0].ownership.owners[0].title, "Chief executive");
	scenario_file_free(f);
	unlink(path);
	rmdir(dir);
}

static void test_reorder_scenarios(void **state)
{
	(void)state;
	struct scenario_file *a = load_ok(DATA "order_a.cfg"), *b = load_ok(DATA "order_b.cfg");
	assert_int_equal(a->n_scenarios, 3);
	assert_int_equal(b->n_scenarios, 3);
	assert_string_equal(b->scenarios[0].name, "three");
	for (size_t i = 0; i < a->n_scenarios; i++)
		same_scenario(&a->scenarios[i], find(b, a->scenarios[i].name));
	scenario_file_free(a);
	scenario_file_free(b);
}

/* ---- every bad file ---- */

static void test_bad_files(void **state)
{
	(void)state;
	DIR *d = opendir("tests/bad");
	assert_non_null(d);
	struct dirent *de;
	int n = 0;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".cfg") != 0)
			continue;
		char path[512], expect[1024];
		snprintf(path, sizeof path, "tests/bad/%s", de->d_name);
		char *text = test_read_file(path, NULL);
		assert_non_null(text);
		const char *tag = "# expect: ";
		if (strncmp(text, tag, strlen(tag)) != 0)
			fail_msg("%s: the first line must be \"# expect: ...\"", path);
		char *line = text + strlen(tag);
		line[strcspn(line, "\n")] = 0;
		/* ":12: ..." follows this file's name; "inc/x.cfg:3: ..." names a file of tests/bad/ */
		if (line[0] == ':')
			snprintf(expect, sizeof expect, "%s%s", path, line);
		else
			snprintf(expect, sizeof expect, "tests/bad/%s", line);
		free(text);
		load_fails(path, expect);
		n++;
	}
	closedir(d);
	assert_true(n >= 20);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct js_error err;
	assert_null(scenario_file_load("tests/data/scenario/no_such.cfg", &err, NULL, 0));
	assert_int_equal(err.code, EX_NOINPUT);
	assert_non_null(strstr(err.msg, "tests/data/scenario/no_such.cfg: cannot open"));
	assert_null(scenario_file_load("tests/data/scenario/no_such.cfg", NULL, NULL, 0)); /* err may be NULL */
}

static void test_sha256(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = test_read_file(DATA "overrides.cfg", &len);
	assert_non_null(bytes);
	gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)bytes, len);
	struct scenario_file *f = load_ok(DATA "overrides.cfg");
	assert_string_equal(f->sha256, sum);
	assert_string_equal(f->path, DATA "overrides.cfg");
	g_free(sum);
	free(bytes);
	scenario_file_free(f);
}

/* ---- check: print, load, compare ---- */

static void round_trip(const char *path)
{
	char dir[64], p1[128], p2[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(p1, sizeof p1, "%s/first.cfg", dir);
	snprintf(p2, sizeof p2, "%s/second.cfg", dir);
	struct js_error err;
	struct scenario_file *a = load_ok(path);
	FILE *out = fopen(p1, "w");
	assert_non_null(out);
	assert_int_equal(scenario_file_print(a, out, &err), 0);
	fclose(out);
	struct scenario_file *b = load_ok(p1);
	assert_true(a->run.seed == b->run.seed);
	assert_memory_equal(&a->run, &b->run, sizeof a->run);
	assert_int_equal(a->n_scenarios, b->n_scenarios);
	for (size_t i = 0; i < a->n_scenarios; i++)
		same_scenario(&a->scenarios[i], &b->scenarios[i]);
	out = fopen(p2, "w");
	assert_non_null(out);
	assert_int_equal(scenario_file_print(b, out, &err), 0);
	fclose(out);
	size_t l1 = 0, l2 = 0;
	char *t1 = test_read_file(p1, &l1), *t2 = test_read_file(p2, &l2);
	assert_non_null(t1);
	assert_non_null(t2);
	int same = l1 == l2 && memcmp(t1, t2, l1) == 0;
	free(t1);
	free(t2);
	if (!same)
		fail_msg("printing %s twice gave different bytes (%s, %s)", path, p1, p2);
	scenario_file_free(a);
	scenario_file_free(b);
	unlink(p1);
	unlink(p2);
	rmdir(dir);
}

static void test_check_round_trip(void **state)
{
	(void)state;
	const char *files[] = {DATA "rich.cfg", DATA "overrides.cfg", DATA "merge.cfg", DATA "minimal.cfg",
			       DATA "integers.cfg"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		round_trip(files[i]);
}

static void test_check_output(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "rich.cfg");
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct js_error err;
	assert_int_equal(scenario_file_print(f, out, &err), 0);
	fclose(out);
	/* defaults filled in, models written without base, derived figures as comments */
	assert_non_null(strstr(buf, "seed = 12345678901L;"));
	assert_non_null(strstr(buf, "warmup = \"1.5 w\";"));
	assert_non_null(strstr(buf, "p_nurture = 0.3;"));
	assert_non_null(strstr(buf, "profile = { period = \"1 y\"; start = [\"0 d\", \"45 min\", \"100.5 d\"]; "
				    "multiplier = [0.5, 1.0, 2.0]; };"));
	assert_non_null(strstr(buf, "service = { dist = \"triangular\"; min = \"2 h\"; mode = \"0.3 d\"; max = \"2 d\"; };"));
	assert_non_null(strstr(buf, "description = \"A \\\"hub\\\" with a back\\\\slash\";"));
	assert_null(strstr(buf, " base = "));
	assert_non_null(strstr(buf, "# derived: 3 boundaries (marketing->sales, sales->delivery, delivery->service), "
				    "4 systems"));
	assert_non_null(strstr(buf, "# shared context: sales+service"));
	free(buf);
	scenario_file_free(f);
}

/* ---- parameters by path ---- */

static void test_param_set_get(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "minimal.cfg");
	struct scenario *s = &f->scenarios[0];
	struct js_error err;
	double v;
	assert_int_equal(scenario_param_get(s, "sales.pool.servers", &v), 0);
	assert_true(v == 26);
	assert_int_equal(scenario_param_set(s, "sales.pool.servers", 24, &err), 0);
	assert_int_equal(s->company.sales.pool.servers, 24);
	assert_int_equal(scenario_param_set(s, "sales.pool.servers", 2.5, &err), -1);
	assert_string_equal(err.msg, "sales.pool.servers: expected a number of servers >= 1, or 0 for unlimited, got 2.5");
	assert_int_equal(s->company.sales.pool.servers, 24);

	assert_int_equal(scenario_param_get(s, "technology.lead_time.it", &v), 0);
	assert_true(v == 40);
	assert_int_equal(scenario_param_set(s, "technology.lead_time.own", 3.5, &err), 0);
	assert_true(s->company.technology.lead_time[TECH_OWN] == 3.5);
	assert_int_equal(scenario_param_get(s, "experience.tolerance.service", &v), 0);
	assert_true(v == 4.0 / 24.0);
	assert_int_equal(scenario_param_get(s, "policy.handle_time.revenue", &v), 0);
	assert_true(v == 1.25);

	/* distribution parameters, checked by the distribution */
	assert_int_equal(scenario_param_get(s, "sales.pool.service.mean", &v), 0);
	assert_true(v == 1.0);
	assert_int_equal(scenario_param_set(s, "sales.pool.service.mean", 2, &err), 0);
	assert_true(s->company.sales.pool.service.mean == 2);
	assert_int_equal(scenario_param_set(s, "sales.pool.service.cv", 0, &err), -1);
	assert_string_equal(err.msg, "sales.pool.service.cv: expected a valid lognormal distribution, but cv must be > 0, got 0");
	assert_true(s->company.sales.pool.service.cv == 0.5);
	assert_int_equal(scenario_param_set(s, "sales.pool.service.k", 2, &err), -1);
	assert_string_equal(err.msg, "sales.pool.service.k: expected a parameter of the lognormal distribution, got k");

	/* ranges and cross-checks */
	assert_int_equal(scenario_param_set(s, "sales.p_win", 1.5, &err), -1);
	assert_string_equal(err.msg, "sales.p_win: expected a probability in [0, 1], got 1.5");
	assert_int_equal(err.code, EX_CONFIG);
	assert_int_equal(scenario_param_set(s, "arrivals.rate", 0, &err), -1);
	assert_string_equal(err.msg, "arrivals.rate: expected a number > 0, got 0");
	assert_int_equal(scenario_param_set(s, "experience.detractor_below", 9.5, &err), -1);
	assert_string_equal(err.msg, "experience.detractor_below: expected a score <= experience.promoter_min (9), got 9.5");
	assert_true(s->company.experience.detractor_below == 7);
	assert_int_equal(scenario_param_set(s, "sales.p_wn", 0.5, &err), -1);
	assert_non_null(strstr(err.msg, "(did you mean \"sales.p_win\"?)"));
	assert_int_equal(scenario_param_get(s, "sales.p_wn", &v), -1);
	assert_int_equal(scenario_param_get(s, "currency", &v), -1);

	/* ownership numbers */
	assert_int_equal(scenario_param_set(s, "ownership.governance.council_members", 3, &err), 0);
	assert_int_equal(s->ownership.council_members, 3);
	assert_int_equal(scenario_param_get(s, "ownership.owners.cmo.cost_per_year", &v), 0);
	assert_true(v == 320000);
	assert_int_equal(scenario_param_set(s, "ownership.owners.cmo.cost_per_year", 1e6, &err), 0);
	assert_true(s->ownership.owners[0].cost_per_year == 1e6);
	assert_int_equal(scenario_param_get(s, "ownership.owners.ceo.cost_per_year", &v), -1);
	scenario_file_free(f);
}

/* Every numeric key of the schema can be read and written back unchanged. */
static void test_param_every_key(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "minimal.cfg");
	struct scenario *s = &f->scenarios[0];
	struct company before;
	memcpy(&before, &s->company, sizeof before);
	struct js_error err;
	int n = 0;
	for (size_t i = 0; i < schema_company.n; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (e->type != ST_NUMBER && e->type != ST_DURATION && e->type != ST_UINT)
			continue;
		double v;
		if (scenario_param_get(s, e->path, &v) != 0)
			fail_msg("cannot get %s", e->path);
		if (scenario_param_set(s, e->path, v, &err) != 0)
			fail_msg("cannot set %s to its own value: %s", e->path, err.msg);
		n++;
	}
	assert_true(n > 100);
	assert_memory_equal(&before, &s->company, sizeof before);
	scenario_file_free(f);
}

/* ---- the load warning ---- */

/* The capacity warning itself is the command line's (tests/test_cli_run.c);
 * the loader keeps where each pool's server count was set. */
static void test_load_warning(void **state)
{
	(void)state;
	struct js_error err;
	struct scenario_file *f = scenario_file_load(DATA "busy.cfg", &err, NULL, 0);
	assert_non_null(f);
	assert_string_equal(f->servers_at[1][POOL_SALES].file, DATA "busy.cfg");
	assert_int_equal(f->servers_at[1][POOL_SALES].line, 7);  /* the scenario's override */
	assert_int_equal(f->servers_at[1][POOL_SERVICE].line, 3); /* the file's company */
	scenario_file_free(f);
	/* a small buffer is never overrun, a NULL one is allowed */
	char tiny[12];
	memset(tiny, 'x', sizeof tiny);
	f = scenario_file_load(DATA "busy.cfg", &err, tiny, 10);
	assert_non_null(f);
	assert_true(strlen(tiny) < 10 && tiny[11] == 'x');
	scenario_file_free(f);
	f = scenario_file_load(DATA "busy.cfg", &err, NULL, 0);
	assert_non_null(f);
	scenario_file_free(f);
}

/* ---- reading: regular files only (issue 10) ---- */

/* Loading path fails with EX_NOINPUT and a message containing msg. */
static void load_refused(const char *path, const char *msg)
{
	struct js_error err;
	struct scenario_file *f = scenario_file_load(path, &err, NULL, 0);
	if (f)
		fail_msg("%s should be refused", path);
	if (err.code != EX_NOINPUT || !strstr(err.msg, msg))
		fail_msg("%s: expected exit %d and \"%s\", got %d \"%s\"", path, EX_NOINPUT, msg, err.code, err.msg);
}

static void test_regular_files_only(void **state)
{
	(void)state;
	char dir[64], fifo[128], inc[128], big[128], cfg[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(fifo, sizeof fifo, "%s/fifo.cfg", dir);
	snprintf(inc, sizeof inc, "%s/inc.cfg", dir);
	snprintf(big, sizeof big, "%s/big.cfg", dir);
	snprintf(cfg, sizeof cfg, "%s/with_big.cfg", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0); /* nobody writes it: a blocking read would hang */
	write_file(inc, "@include \"fifo.cfg\"\nscenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n");
	FILE *b = fopen(big, "w");
	assert_non_null(b);
	assert_int_equal(ftruncate(fileno(b), (off_t)SOURCE_BYTES_MAX + 1), 0); /* sparse: nothing written */
	fclose(b);
	write_file(cfg, "@include \"big.cfg\"\n");

	load_refused(fifo, "cannot open (not a regular file but a FIFO)");
	load_refused(inc, ":1: @include: expected a readable file, got \"fifo.cfg\" (not a regular file but a FIFO)");
	load_refused("/dev/zero", "/dev/zero: cannot open (not a regular file but a character device)");
	load_refused(dir, "cannot open (not a regular file but a folder)");
	load_refused(big, "cannot open (larger than 16 MiB)");
	load_refused(cfg, ":1: @include: expected a readable file, got \"big.cfg\" (larger than 16 MiB)");

	/* and through the command line: exit 66 at once, never a hang */
	const char *paths[] = {fifo, inc, "/dev/zero"};
	for (size_t i = 0; i < 3; i++) {
		char *out = NULL;
		int rc = test_run(&out, "timeout 20 %s check %s", test_bin(), paths[i]);
		if (rc != 66)
			fail_msg("check %s: exit %d (expected 66): %s", paths[i], rc, out ? out : "");
		free(out);
	}
	test_run(NULL, "rm -rf %s", dir);
}

/* ---- seeds: the whole 64-bit range, in a file as on the command line ---- */

static void test_seed_range(void **state)
{
	(void)state;
	char dir[64], path[128], p2[128];
	temp_config(dir, path, sizeof path, "seed.cfg", "");
	snprintf(p2, sizeof p2, "%s/printed.cfg", dir);
	const char *tail = "scenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n";
	struct {
		const char *seed;
		uint64_t want;
	} ok[] = {
		{"0", 0},
		{"2147483647", 2147483647u},
		{"9223372036854775807L", INT64_MAX},
		{"\"9223372036854775808\"", (uint64_t)INT64_MAX + 1},
		{"\"18446744073709551615\"", UINT64_MAX},
		{"\"007\"", 7},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "run = { seed = %s; };\n%s", ok[i].seed, tail);
		write_file(path, text);
		struct scenario_file *f = load_ok(path);
		if (f->run.seed != ok[i].want)
			fail_msg("seed = %s loaded as %llu", ok[i].seed, (unsigned long long)f->run.seed);
		/* check prints it so that it loads back the same */
		FILE *out = fopen(p2, "w");
		struct js_error err;
		assert_int_equal(scenario_file_print(f, out, &err), 0);
		fclose(out);
		struct scenario_file *g = load_ok(p2);
		assert_true(g->run.seed == ok[i].want);
		scenario_file_free(g);
		scenario_file_free(f);
	}
	const char *bad[] = {"9223372036854775808L", "-9223372036854775809L", "0x1FFFFFFFFFFFFFFFFL",
			     "\"18446744073709551616\"", "\"-1\"", "\"12 34\"", "\"\"", "1.5"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "run = { seed = %s; };\n%s", bad[i], tail);
		write_file(path, text);
		struct js_error err;
		struct scenario_file *f = scenario_file_load(path, &err, NULL, 0);
		if (f || err.code != EX_CONFIG || !strstr(err.msg, ":1: run.seed: expected"))
			fail_msg("seed = %s: expected a located refusal, got %s", bad[i], f ? "a file" : err.msg);
	}
	/* other 64-bit settings beyond range are refused too, not clamped */
	write_file(path, "company = { sales = { deal_value = 99999999999999999999L; }; };\n"
			 "scenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n");
	char msg[512];
	snprintf(msg, sizeof msg,
		 "%s:1: company.sales.deal_value: expected an integer within 64 bits (a seed up to 2^64-1 can be "
		 "written as a string of digits), got 99999999999999999999L",
		 path);
	load_fails(path, msg);
	test_run(NULL, "rm -rf %s", dir);
}

/* ---- text: UTF-8 only ---- */

static void test_utf8_text(void **state)
{
	(void)state;
	char dir[64], path[128];
	temp_config(dir, path, sizeof path, "u.cfg", "company = { currency = \"\xe2\x82\xac\"; };\n"
			 "scenarios = ( { name = \"s\"; description = \"caf\xc3\xa9 \xf0\x9f\x93\x88\"; "
			 "ownership = { base = \"solo\"; owners = ( { name = \"ceo\"; title = \"Direktor \xc3\xbc\"; } ); }; } );\n");
	struct scenario_file *f = load_ok(path);
	assert_string_equal(f->scenarios[0].company.currency, "\xe2\x82\xac");
	assert_string_equal(f->scenarios[0].description, "caf\xc3\xa9 \xf0\x9f\x93\x88");
	assert_string_equal(f->scenarios[0].ownership.owners[0].title, "Direktor \xc3\xbc");
	scenario_file_free(f);
	/* a surrogate half encoded as UTF-8 (CESU) is not UTF-8 */
	write_file(path, "company = { currency = \"\xed\xa0\x80\"; };\n"
			 "scenarios = ( { name = \"s\"; ownership = \"solo\"; } );\n");
	char msg[256];
	snprintf(msg, sizeof msg, "%s:1: company.currency: expected text in UTF-8, got the byte 0xed at byte 1", path);
	load_fails(path, msg);
	test_run(NULL, "rm -rf %s", dir);
}

/* ---- limits of the work a run asks for ---- */

static void test_work_estimate(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "minimal.cfg");
	struct scenario_work w, w2;
	scenario_work_estimate(&f->run, &f->scenarios[0], f->n_scenarios, &w);
	/* the default journey runs about 385,000 events a replication: the estimate is above, not far */
	assert_true(w.events > 3.85e5 && w.events < 1e7);
	assert_true(w.customers == 3000 + 40.0 * 1095);
	assert_true(w.points == 1001);
	assert_true(w.events_total == w.events * f->run.replications * (double)f->n_scenarios);
	/* twice the rate, twice the arrivals' share of the work */
	struct scenario s = f->scenarios[0];
	s.company.arrivals.rate *= 2;
	scenario_work_estimate(&f->run, &s, 1, &w2);
	assert_true(w2.events > 1.5 * w.events && w2.customers > 1.9 * w.customers);
	/* a profile's peak counts: the arrivals are drawn at the peak rate */
	s = f->scenarios[0];
	s.company.arrivals.profile.n = 1;
	s.company.arrivals.profile.multiplier[0] = 10;
	scenario_work_estimate(&f->run, &s, 1, &w2);
	assert_true(w2.customers == 3000 + 400.0 * 1095);
	struct run_settings run = f->run;
	run.sample_every = 1.0 / 86400;
	scenario_work_estimate(&run, &f->scenarios[0], 1, &w2);
	assert_true(w2.points == ceil(1095 * 86400.0));
	assert_true(w2.output > w.output * 1000 && w2.memory > w.memory);
	scenario_file_free(f);
}

/* The limits hold after the command line changed the run settings. */
static void test_limits_after_overrides(void **state)
{
	(void)state;
	struct scenario_file *f = load_ok(DATA "minimal.cfg");
	struct js_error err;
	assert_int_equal(scenario_file_check_limits(f, &err), 0);
	struct {
		double horizon, sample_every;
		unsigned reps;
		const char *msg;
	} cases[] = {
		{1e308, 0, 10, "run.horizon: expected a duration > 0 and at most 1000 y (longer runs are not simulated), got "},
		{365e6, 0, 10, "run.horizon: expected a duration > 0 and at most 1000 y"},
		{500 * 365.0, 0, 10, "run.horizon: expected a run of at most 1e+09 events in one replication, got an estimated "},
		{1095, 1.0 / 86400, 10, "run.sample_every: expected a run of at most 1e+05 time-series points"},
		{1095, 0, 1000000, "run.replications: expected an integer >= 1 and at most 100000"},
		{1095, 0, 100000, "run.replications: expected a run of at most 1e+11 events in the whole run"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scenario_file *g = malloc(sizeof *g);
		assert_non_null(g);
		memcpy(g, f, sizeof *g);
		g->run.horizon = cases[i].horizon;
		g->run.sample_every = cases[i].sample_every;
		g->run.replications = cases[i].reps;
		assert_int_equal(scenario_file_check_limits(g, &err), -1);
		assert_int_equal(err.code, EX_CONFIG);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: expected \"%s...\", got \"%s\"", i, cases[i].msg, err.msg);
		free(g);
	}
	/* a scenario's own setting is named through the scenario */
	f->scenarios[0].company.marketing.touches.mean = 1e6;
	assert_int_equal(scenario_file_check_limits(f, &err), -1);
	assert_non_null(strstr(err.msg, "scenarios.base.company.marketing.touches: expected a run of at most 1e+09 events"));
	scenario_file_free(f);

	/* `run --horizon` refuses with exit 78 before anything is written */
	char dir[64];
	test_tmpdir(dir, sizeof dir);
	const char *horizons[] = {"1e308", "\"1000000 y\"", "\"500 y\""};
	for (size_t i = 0; i < 3; i++) {
		char *out = NULL;
		int rc = test_run(&out, "%s run " DATA "minimal.cfg -o %s/out --quiet --no-charts --horizon %s", test_bin(),
				  dir, horizons[i]);
		if (rc != 78 || !out || !strstr(out, "run.horizon: expected "))
			fail_msg("--horizon %s: exit %d: %s", horizons[i], rc, out ? out : "");
		free(out);
		assert_int_equal(test_run(NULL, "test ! -e %s/out", dir), 0);
	}
	test_run(NULL, "rm -rf %s", dir);
}

/* ---- docs/config.md has a row for every key, as the schema writes it ---- */

static void test_docs_cover_every_key(void **state)
{
	(void)state;
	char *doc = test_read_file("docs/config.md", NULL);
	if (!doc)
		fail_msg("docs/config.md is missing");
	char *rows = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&rows, &len);
	schema_doc_write(out);
	fclose(out);
	int n = 0;
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strstr(doc, line))
			fail_msg("docs/config.md lacks (or has an old version of) this row:\n%s", line);
		n++;
	}
	assert_true(n > (int)(schema_run.n + schema_company.n));
	free(rows);
	free(doc);
}

static void test_preset_dir(void **state)
{
	(void)state;
	assert_string_equal(scenario_preset_dir(), "tests/data/scenario/presets");
	/* the shipped presets load too: siloed has three boundaries */
	setenv("JOURNEYSIM_PRESETS", "config/presets", 1);
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/s.cfg", dir);
	write_file(path, "scenarios = ( { name = \"s\"; ownership = \"siloed\"; } );\n");
	struct scenario_file *f = load_ok(path);
	struct ownership_derived d;
	ownership_derive(&f->scenarios[0].ownership, &d);
	assert_int_equal(d.n_boundaries, 3);
	scenario_file_free(f);
	setenv("JOURNEYSIM_PRESETS", "tests/data/scenario/presets", 1);
	unlink(path);
	rmdir(dir);
}

/* A journey owner can run marketing on a focus of its own; the other stages
 * keep the owner's focus, and check prints it back. */
static void test_journey_marketing_focus(void **state)
{
	(void)state;
	setenv("JOURNEYSIM_PRESETS", "config/presets", 1);
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/j.cfg", dir);
	write_file(path, "models = ( { name = \"cco_volume\"; base = \"chief_customer_officer\";\n"
			 "  journey_marketing_focus = \"revenue\"; } );\n"
			 "scenarios = ( { name = \"a\"; ownership = \"chief_customer_officer\"; },\n"
			 "  { name = \"b\"; ownership = \"cco_volume\"; } );\n");
	struct scenario_file *f = load_ok(path);
	struct ownership_derived a, b;
	ownership_derive(&f->scenarios[0].ownership, &a);
	ownership_derive(&f->scenarios[1].ownership, &b);
	assert_int_equal(b.policy_focus[STAGE_MARKETING], FOCUS_REVENUE);
	assert_int_not_equal(a.policy_focus[STAGE_MARKETING], FOCUS_REVENUE);
	for (int s = STAGE_SALES; s < STAGE_COUNT; s++)
		assert_int_equal(b.policy_focus[s], a.policy_focus[s]);
	scenario_file_free(f);
	setenv("JOURNEYSIM_PRESETS", "tests/data/scenario/presets", 1);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	setenv("JOURNEYSIM_PRESETS", "tests/data/scenario/presets", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_filled),
		cmocka_unit_test(test_journey_marketing_focus),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_integers_as_decimals),
		cmocka_unit_test(test_big_integers_rejected),
		cmocka_unit_test(test_include_relative),
		cmocka_unit_test(test_include_refused_outside),
		cmocka_unit_test(test_include_error_located),
		cmocka_unit_test(test_base_merge_identical),
		cmocka_unit_test(test_model_defaults),
		cmocka_unit_test(test_base_cycle),
		cmocka_unit_test(test_reorder_scenarios),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_check_round_trip),
		cmocka_unit_test(test_check_output),
		cmocka_unit_test(test_param_set_get),
		cmocka_unit_test(test_param_every_key),
		cmocka_unit_test(test_load_warning),
		cmocka_unit_test(test_docs_cover_every_key),
		cmocka_unit_test(test_preset_dir),
		cmocka_unit_test(test_regular_files_only),
		cmocka_unit_test(test_seed_range),
		cmocka_unit_test(test_utf8_text),
		cmocka_unit_test(test_work_estimate),
		cmocka_unit_test(test_limits_after_overrides),
	};
	return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
