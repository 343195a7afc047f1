/*
 * test_explain.c - the decomposition of a contrast (sim/experiment/explain*.c):
 *   - the parts cover struct ownership: the field table tiles the struct, and
 *     every part taken from A onto B gives A's bytes (B filled with another
 *     byte pattern), no part gives B's;
 *   - every subset of the parts of every pair of scenarios (every shipped
 *     preset, and models with owners of their own) is a valid model; a part
 *     brings along the owners it names; which parts differ;
 *   - Shapley under common random numbers, on tests/data/explain/small.cfg:
 *     the parts add up to the total of each replication, and the total is the
 *     paired difference of a plain run; one differing part gets the whole
 *     difference; a part that changes nothing simulated gets exactly 0;
 *     swapping A and B negates every contribution; sampled permutations add
 *     up too and land near the exact values; the same values for every
 *     number of jobs.
 */
#include <math.h>
#include <stdalign.h>

#include "testutil.h"

#include "experiment.h"
#include "explain.h"
#include "ownership.h"

#define CFG "tests/data/explain/small.cfg"
#define PRESETS_CFG "tests/data/model/all_presets.cfg"

static struct scenario_file *load(const char *path)
{
	struct js_error err;
	char warn[4096];
	struct scenario_file *f = scenario_file_load(path, &err, warn, sizeof warn);
	if (!f)
		fail_msg("%s should load: %s", path, err.msg);
	return f;
}

static size_t scenario_index(const struct scenario_file *f, const char *name)
{
	for (size_t s = 0; s < f->n_scenarios; s++)
		if (strcmp(f->scenarios[s].name, name) == 0)
			return s;
	fail_msg("no scenario %s", name);
	return 0;
}

/* ---- the parts cover every field ---- */

static int field_cmp(const void *x, const void *y)
{
	const struct explain_field *a = x, *b = y;
	return (a->offset > b->offset) - (a->offset < b->offset);
}

static void test_fields_tile_the_struct(void **state)
{
	(void)state;
	size_t n;
	const struct explain_field *table = explain_ownership_fields(&n);
	struct explain_field f[64];
	assert_true(n <= 64);
	memcpy(f, table, n * sizeof f[0]);
	qsort(f, n, sizeof f[0], field_cmp);
	/* the bytes of struct ownership that hold data, as the compiler lays it out */
	static struct ownership probe;
	static unsigned char covered[sizeof(struct ownership)];
	memset(&probe, 0xFF, sizeof probe);
#if defined(__has_builtin)
#if __has_builtin(__builtin_clear_padding)
	__builtin_clear_padding(&probe);
#endif
#endif
	const unsigned char *data = (const unsigned char *)&probe;
	size_t end = 0;
	for (size_t i = 0; i < n; i++) {
		size_t aligned = (end + f[i].align - 1) / f[i].align * f[i].align;
		if (f[i].offset != aligned)
			fail_msg("struct ownership has bytes %zu..%zu before %s that no part covers", end, f[i].offset,
				 f[i].name);
		assert_true(f[i].part >= 0 && f[i].part <= EXPLAIN_PART_LABELS);
		for (size_t b = f[i].offset; b < f[i].offset + f[i].size; b++)
			covered[b]++;
		end = f[i].offset + f[i].size;
	}
	size_t a = alignof(struct ownership);
	if ((end + a - 1) / a * a != sizeof(struct ownership))
		fail_msg("struct ownership has bytes %zu..%zu at its end that no part covers", end,
			 sizeof(struct ownership));
	/* every byte that is not padding belongs to exactly one field of the table
	 * (padding inside a field, such as struct owner's, is the field's) */
	for (size_t b = 0; b < sizeof probe; b++)
		if (data[b] && covered[b] != 1)
			fail_msg("byte %zu of struct ownership is in %u fields of the parts' table", b, covered[b]);
}

/* A valid model whose every byte is `fill` but for what validity needs. */
static void patterned(struct scenario *s, unsigned char fill, int variant)
{
	memset(s, fill, sizeof *s);
	struct ownership *m = &s->ownership;
	snprintf(s->name, NAME_LEN, "s%d", variant);
	m->n_owners = 5;
	memset(m->owners, 0, sizeof m->owners); /* unused slots are zero, as the loader leaves them */
	for (unsigned i = 0; i < m->n_owners; i++)
		memset(&m->owners[i], fill, sizeof m->owners[i]);
	for (unsigned i = 0; i < m->n_owners; i++)
		snprintf(m->owners[i].name, NAME_LEN, "%s%u", variant ? "b" : "a", i);
	snprintf(m->owners[variant ? 0 : 4].name, NAME_LEN, "shared"); /* one owner in both, elsewhere */
	for (int st = 0; st < STAGE_COUNT; st++) {
		m->stage_owner[st] = (st + variant) % 4;
		snprintf(m->system[st], NAME_LEN, "sys%d", st * (variant + 1));
	}
	m->journey_owner = variant ? -1 : 4;
	m->it_owner = variant ? 4 : 3;
	m->decider = variant ? 2 : -1;
	m->governance = variant ? GOV_BILATERAL : GOV_SINGLE;
	m->n_integrations = variant ? 1 : 2;
}

static void assert_fields_equal(const struct ownership *x, const struct ownership *y, const char *what)
{
	size_t n;
	const struct explain_field *f = explain_ownership_fields(&n);
	for (size_t i = 0; i < n; i++)
		if (memcmp((const char *)x + f[i].offset, (const char *)y + f[i].offset, f[i].size) != 0)
			fail_msg("%s: field %s differs", what, f[i].name);
}

static void test_all_parts_give_a_byte_for_byte(void **state)
{
	(void)state;
	static struct scenario a, b, out;
	patterned(&a, 0xA5, 0);
	patterned(&b, 0x5A, 1);
	char why[256];
	assert_int_equal(ownership_validate(&a.ownership, why, sizeof why), 0);
	assert_int_equal(ownership_validate(&b.ownership, why, sizeof why), 0);
	struct js_error err;
	assert_int_equal(explain_mix(&a, &b, EXPLAIN_ALL_PARTS, &out, &err), 0);
	assert_fields_equal(&out.ownership, &a.ownership, "every part from A");
	assert_memory_equal(&out.company, &a.company, sizeof a.company);
	assert_int_equal(explain_mix(&a, &b, 0, &out, &err), 0);
	assert_fields_equal(&out.ownership, &b.ownership, "no part from A");
	assert_memory_equal(&out.company, &b.company, sizeof b.company);
	assert_int_equal(explain_parts_differing(&a, &b), EXPLAIN_ALL_PARTS);
	for (unsigned parts = 0; parts <= EXPLAIN_ALL_PARTS; parts++) {
		if (explain_mix(&a, &b, parts, &out, &err) != 0)
			fail_msg("mix %#x: %s", parts, err.msg);
		assert_int_equal(ownership_validate(&out.ownership, why, sizeof why), 0);
	}
}

/* ---- valid mixes, owners by name ---- */

static void check_pairs(const struct scenario_file *f)
{
	static struct scenario out;
	char why[256];
	struct js_error err;
	for (size_t i = 0; i < f->n_scenarios; i++)
		for (size_t j = 0; j < f->n_scenarios; j++) {
			const struct scenario *a = &f->scenarios[i], *b = &f->scenarios[j];
			for (unsigned parts = 0; parts <= EXPLAIN_ALL_PARTS; parts++) {
				if (explain_mix(a, b, parts, &out, &err) != 0)
					fail_msg("%s with %#x of %s: %s", b->name, parts, a->name, err.msg);
				if (ownership_validate(&out.ownership, why, sizeof why) != 0)
					fail_msg("%s with %#x of %s: %s", b->name, parts, a->name, why);
			}
			assert_int_equal(explain_mix(a, b, 0, &out, &err), 0);
			assert_memory_equal(&out, b, sizeof out);
			assert_int_equal(explain_mix(a, b, EXPLAIN_ALL_PARTS, &out, &err), 0);
			assert_memory_equal(&out, a, sizeof out);
			/* copying the parts that do not differ changes nothing */
			unsigned d = explain_parts_differing(a, b);
			static struct scenario with_d;
			assert_int_equal(explain_mix(a, b, d, &with_d, &err), 0);
			assert_memory_equal(&with_d.ownership.owners, &a->ownership.owners, sizeof a->ownership.owners);
			assert_memory_equal(&with_d.company, &a->company, sizeof a->company);
		}
}

static void test_every_subset_is_valid(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	check_pairs(f);
	scenario_file_free(f);
	f = load(PRESETS_CFG);
	check_pairs(f);
	scenario_file_free(f);
}

static void test_parts_bring_their_owners(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	const struct scenario *cco = &f->scenarios[scenario_index(f, "chief_customer_officer")];
	const struct scenario *silo = &f->scenarios[scenario_index(f, "siloed")];
	static struct scenario out;
	struct js_error err;
	/* the journey owner alone: the CCO joins as the overlay */
	assert_int_equal(explain_mix(cco, silo, 1u << PART_JOURNEY_OWNER, &out, &err), 0);
	assert_int_equal(out.ownership.n_owners, silo->ownership.n_owners + 1);
	assert_string_equal(out.ownership.owners[out.ownership.journey_owner].name, "cco");
	assert_int_equal(out.ownership.governance, GOV_ESCALATION);
	/* governance alone: "single, decided by the CCO" brings the CCO, who owns nothing */
	assert_int_equal(explain_mix(cco, silo, 1u << PART_GOVERNANCE, &out, &err), 0);
	assert_int_equal(out.ownership.journey_owner, -1);
	assert_int_equal(out.ownership.governance, GOV_SINGLE);
	assert_string_equal(out.ownership.owners[out.ownership.decider].name, "cco");
	/* the reverse: siloed's governance onto the CCO's model needs no decider */
	assert_int_equal(explain_mix(silo, cco, 1u << PART_GOVERNANCE, &out, &err), 0);
	assert_int_equal(out.ownership.decider, -1);
	assert_int_equal(out.ownership.governance, GOV_ESCALATION);
	assert_int_equal(out.ownership.n_owners, cco->ownership.n_owners); /* the CCO is still the journey owner */
	/* a new stage owner comes with the stage owners; the one it replaced stays (and costs) */
	const struct scenario *cxo = &f->scenarios[scenario_index(f, "cxo_service")];
	assert_int_equal(explain_mix(cxo, silo, 1u << PART_STAGE_OWNERS, &out, &err), 0);
	assert_string_equal(out.ownership.owners[out.ownership.stage_owner[STAGE_SERVICE]].name, "cxo");
	int kept = 0;
	for (unsigned i = 0; i < out.ownership.n_owners; i++)
		kept |= strcmp(out.ownership.owners[i].name, "service_head") == 0;
	assert_true(kept);
	/* the CCO's model without its stage owners: the CXO goes, the service head runs service */
	assert_int_equal(explain_mix(silo, cxo, 1u << PART_STAGE_OWNERS, &out, &err), 0);
	assert_string_equal(out.ownership.owners[out.ownership.stage_owner[STAGE_SERVICE]].name, "service_head");
	for (unsigned i = 0; i < out.ownership.n_owners; i++)
		assert_string_not_equal(out.ownership.owners[i].name, "cxo");
	scenario_file_free(f);
}

static void test_which_parts_differ(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	const struct scenario *silo = &f->scenarios[scenario_index(f, "siloed")];
	static const struct {
		const char *name;
		unsigned parts;
	} cases[] = {
		{"chief_customer_officer", 1u << PART_JOURNEY_OWNER | 1u << PART_SYSTEMS | 1u << PART_GOVERNANCE},
		{"customer_council", 1u << PART_SYSTEMS | 1u << PART_GOVERNANCE},
		{"integrated", 1u << PART_SYSTEMS},
		{"council_retitled", 1u << PART_STAGE_OWNERS | 1u << PART_SYSTEMS | 1u << PART_GOVERNANCE},
		{"more_sales", 1u << PART_COMPANY},
		{"twin", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct scenario *a = &f->scenarios[scenario_index(f, cases[i].name)];
		assert_int_equal(explain_parts_differing(a, silo), cases[i].parts);
		assert_int_equal(explain_parts_differing(silo, a), cases[i].parts);
	}
	scenario_file_free(f);
}

/* ---- Shapley under common random numbers ---- */

static const double *values_of(const struct explain *x, size_t m, size_t t)
{
	return x->values + (m * (x->k + 2) + t) * x->replications;
}

static void decompose(const struct scenario_file *f, const char *a, const char *b, unsigned jobs,
		      unsigned exact_max, struct explain *x)
{
	struct objective o;
	char why[256];
	assert_int_equal(objective_parse(f->run.objective, &o, why, sizeof why), 0);
	struct explain_options opt = {.jobs = jobs, .exact_max = exact_max, .permutations = 16};
	struct js_error err;
	if (explain_run(f, scenario_index(f, a), scenario_index(f, b), &o, &opt, x, &err) != 0)
		fail_msg("explain %s-%s: %s", a, b, err.msg);
}

/* |x - y| within rounding of numbers of size scale */
static void assert_close(double x, double y, double scale)
{
	if (!(fabs(x - y) <= 1e-9 * (fabs(scale) + 1)))
		fail_msg("%.17g != %.17g", x, y);
}

static void assert_parts_add_up(const struct explain *x)
{
	for (size_t m = 0; m < x->n_metrics; m++)
		for (unsigned r = 0; r < x->replications; r++) {
			double sum = 0, scale = 0;
			for (size_t t = 0; t < x->k; t++) {
				sum += values_of(x, m, t)[r];
				scale += fabs(values_of(x, m, t)[r]);
			}
			assert_close(sum, values_of(x, m, x->k + 1)[r], scale);
		}
}

static void test_contributions_add_up_to_the_paired_difference(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	struct experiment run;
	struct experiment_options ro = {.jobs = 2};
	struct js_error err;
	assert_int_equal(experiment_run(f, &ro, &run, &err), 0);
	const char *contrasts[][2] = {{"chief_customer_officer", "siloed"}, {"customer_council", "siloed"},
				      {"cxo_service", "customer_council"}};
	for (size_t c = 0; c < 3; c++) {
		struct explain x;
		decompose(f, contrasts[c][0], contrasts[c][1], 2, 0, &x);
		assert_true(x.exact);
		assert_int_equal(x.n_subsets, (size_t)1 << x.k);
		assert_parts_add_up(&x);
		size_t ia = scenario_index(f, contrasts[c][0]), ib = scenario_index(f, contrasts[c][1]);
		for (size_t m = 0; m < x.n_metrics; m++) {
			int id = x.metrics[m].metric;
			for (unsigned r = 0; r < x.replications; r++) {
				double d = run.results[ia * run.replications + r].metrics[id] -
					   run.results[ib * run.replications + r].metrics[id];
				assert_true(values_of(&x, m, x.k + 1)[r] == d); /* the very same runs */
			}
		}
		explain_fini(&x);
	}
	experiment_fini(&run);
	scenario_file_free(f);
}

static void test_one_part_gets_everything(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	const char *one[] = {"integrated", "more_sales"};
	for (size_t c = 0; c < 2; c++) {
		struct explain x;
		decompose(f, one[c], "siloed", 1, 0, &x);
		assert_int_equal(x.k, 1);
		for (size_t m = 0; m < x.n_metrics; m++)
			for (unsigned r = 0; r < x.replications; r++) {
				assert_true(values_of(&x, m, 0)[r] == values_of(&x, m, 2)[r]);
				assert_true(values_of(&x, m, 1)[r] == 0); /* no interaction */
			}
		struct summary total;
		explain_summary(&x, 0, 2, &total);
		assert_true(total.mean != 0); /* there is something to explain */
		explain_fini(&x);
	}
	scenario_file_free(f);
}

static void test_part_that_changes_nothing_gets_zero(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	struct explain x;
	decompose(f, "council_retitled", "siloed", 2, 0, &x);
	assert_int_equal(x.k, 3);
	assert_int_equal(x.part[0], PART_STAGE_OWNERS); /* only the CMO's title */
	for (size_t m = 0; m < x.n_metrics; m++)
		for (unsigned r = 0; r < x.replications; r++)
			assert_true(values_of(&x, m, 0)[r] == 0.0);
	assert_parts_add_up(&x);
	explain_fini(&x);
	scenario_file_free(f);
}

static void test_swapping_negates(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	struct explain ab, ba;
	decompose(f, "cxo_service", "siloed", 2, 0, &ab);
	decompose(f, "siloed", "cxo_service", 2, 0, &ba);
	assert_int_equal(ab.k, 4);
	assert_int_equal(ab.k, ba.k);
	for (size_t m = 0; m < ab.n_metrics; m++) {
		double scale = fabs(values_of(&ab, m, ab.k + 1)[0]) + 1;
		for (size_t t = 0; t < ab.k; t++)
			for (unsigned r = 0; r < ab.replications; r++)
				assert_close(values_of(&ab, m, t)[r], -values_of(&ba, m, t)[r], scale);
		for (unsigned r = 0; r < ab.replications; r++)
			assert_close(values_of(&ab, m, ab.k + 1)[r], -values_of(&ba, m, ab.k + 1)[r], scale);
	}
	explain_fini(&ab);
	explain_fini(&ba);
	scenario_file_free(f);
}

static void test_sampled_permutations(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	struct explain exact, sampled;
	decompose(f, "cxo_service", "siloed", 2, 0, &exact);
	decompose(f, "cxo_service", "siloed", 2, 2, &sampled); /* beyond 2 parts: sampled */
	assert_false(sampled.exact);
	assert_int_equal(sampled.permutations, 16);
	assert_true(sampled.n_subsets <= ((size_t)1 << sampled.k));
	assert_parts_add_up(&sampled);
	for (size_t m = 0; m < exact.n_metrics; m++)
		for (size_t t = 0; t < exact.k; t++) {
			struct summary e, s;
			explain_summary(&exact, m, t, &e);
			explain_summary(&sampled, m, t, &s);
			double half = isnan(s.ci_high) ? 0 : (s.ci_high - s.ci_low) / 2;
			double scale = fabs(e.mean) + 1e-9;
			if (!(fabs(s.mean - e.mean) <= 3 * half + 0.5 * scale))
				fail_msg("metric %zu part %zu: sampled %g, exact %g (half-width %g)", m, t, s.mean,
					 e.mean, half);
		}
	/* the same seed gives the same permutations */
	struct explain again;
	decompose(f, "cxo_service", "siloed", 1, 2, &again);
	assert_memory_equal(again.values, sampled.values,
			    sampled.n_metrics * (sampled.k + 2) * sampled.replications * sizeof(double));
	explain_fini(&again);
	explain_fini(&exact);
	explain_fini(&sampled);
	scenario_file_free(f);
}

static void test_jobs_give_the_same_values(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	struct explain one, two;
	decompose(f, "chief_customer_officer", "siloed", 1, 0, &one);
	decompose(f, "chief_customer_officer", "siloed", 3, 0, &two);
	assert_memory_equal(one.values, two.values, one.n_metrics * (one.k + 2) * one.replications * sizeof(double));
	explain_fini(&one);
	explain_fini(&two);
	scenario_file_free(f);
}

static void test_contrast_parse(void **state)
{
	(void)state;
	struct scenario_file *f = load(CFG);
	size_t a, b;
	struct js_error err;
	assert_int_equal(explain_contrast_parse(f, "chief_customer_officer-siloed", &a, &b, &err), 0);
	assert_int_equal(a, scenario_index(f, "chief_customer_officer"));
	assert_int_equal(b, 0);
	assert_int_equal(explain_contrast_parse(f, "siloed-siloed", &a, &b, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_non_null(strstr(err.msg, "the same scenario"));
	assert_int_equal(explain_contrast_parse(f, "ceo-siloed", &a, &b, &err), -1);
	assert_non_null(strstr(err.msg, "scenarios: siloed, chief_customer_officer"));
	assert_int_equal(explain_contrast_parse(f, "siloed", &a, &b, &err), -1);
	assert_non_null(strstr(err.msg, "no '-'"));
	assert_int_equal(explain_contrast_parse(f, "", &a, &b, &err), -1);
	assert_non_null(strstr(err.msg, "missing --contrast"));
	scenario_file_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_tile_the_struct),
		cmocka_unit_test(test_all_parts_give_a_byte_for_byte),
		cmocka_unit_test(test_every_subset_is_valid),
		cmocka_unit_test(test_parts_bring_their_owners),
		cmocka_unit_test(test_which_parts_differ),
		cmocka_unit_test(test_contributions_add_up_to_the_paired_difference),
		cmocka_unit_test(test_one_part_gets_everything),
		cmocka_unit_test(test_part_that_changes_nothing_gets_zero),
		cmocka_unit_test(test_swapping_negates),
		cmocka_unit_test(test_sampled_permutations),
		cmocka_unit_test(test_jobs_give_the_same_values),
		cmocka_unit_test(test_contrast_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
