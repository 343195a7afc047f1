/*
 * test_sweep.c - sweep designs, shards, the journal format, and the analyses
 * on synthetic data (tests/test_cli_sweep.c runs whole sweeps):
 *
 *   grid size and order (the first parameter varies slowest); Latin hypercube
 *   strata each hit exactly once per dimension; Sobol points equal to
 *   gsl_qrng_sobol's; one-at-a-time points; shards that cover the design
 *   exactly once; Slurm job-array shards; point seeds; journal records that
 *   read back bit for bit and refuse damage; the journal header round trip,
 *   and every one-byte change of a header refused; a 100,000-value list
 *   loading (duplicates still found);
 *   crossings at known places; standardised regression coefficients and
 *   first-order indices of a known linear model; every file in
 *   tests/data/sweep/bad/ failing with the file:line message in its first line.
 */
#include <dirent.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "testutil.h"

#include "../sim/sweep/sweep_internal.h"
#include "rng.h"
#include "sweep.h"

/* A plan with k parameters over [low, high], for the designs. */
static void plan_bounds(struct sweep_plan *p, enum sweep_design d, size_t k, size_t n, double low, double high)
{
	memset(p, 0, sizeof *p);
	p->design = d;
	p->seed = 42;
	p->n_params = k;
	p->n_points = n;
	p->shard_k = p->shard_n = 1;
	for (size_t j = 0; j < k; j++) {
		snprintf(p->params[j].path, sizeof p->params[j].path, "p%zu", j);
		p->params[j].kind = SWEEP_BOUNDS;
		p->params[j].low = low + (double)j;
		p->params[j].high = high + 2.0 * (double)j;
		p->params[j].base = (p->params[j].low + p->params[j].high) / 2;
	}
}

static void add_levels(struct sweep_param *prm, size_t n, double first)
{
	prm->kind = SWEEP_LIST;
	prm->n_levels = n;
	prm->levels = malloc(n * sizeof *prm->levels);
	assert_non_null(prm->levels);
	for (size_t i = 0; i < n; i++)
		prm->levels[i] = first + (double)i;
}

static void test_grid_order(void **state)
{
	(void)state;
	struct sweep_plan p;
	struct js_error err;
	memset(&p, 0, sizeof p);
	p.design = SWEEP_GRID;
	p.n_params = 3;
	add_levels(&p.params[0], 2, 10);
	add_levels(&p.params[1], 3, 20);
	add_levels(&p.params[2], 4, 30);
	assert_int_equal(sweep_design_build(&p, &err), 0);
	assert_int_equal(p.n_points, 24);
	/* nested loops in the file's order: the first parameter is the outer loop */
	size_t id = 0;
	for (size_t a = 0; a < 2; a++)
		for (size_t b = 0; b < 3; b++)
			for (size_t c = 0; c < 4; c++, id++) {
				assert_true(sweep_point_value(&p, id, 0) == 10 + (double)a);
				assert_true(sweep_point_value(&p, id, 1) == 20 + (double)b);
				assert_true(sweep_point_value(&p, id, 2) == 30 + (double)c);
			}
	sweep_plan_fini(&p);
}

static void test_grid_from_file(void **state)
{
	(void)state;
	struct sweep sw;
	struct js_error err;
	assert_int_equal(sweep_load("tests/data/sweep/grid.cfg", &sw, NULL, 0, &err), 0);
	const struct sweep_plan *p = &sw.plan;
	assert_int_equal(p->design, SWEEP_GRID);
	assert_int_equal(p->n_params, 2);
	assert_int_equal(p->n_points, 6);
	assert_int_equal(p->n_metrics, 3);
	assert_int_equal(p->replications, 3);
	assert_string_equal(p->params[0].unit, "days");
	assert_true(p->params[0].duration && !p->params[0].integer);
	assert_true(p->params[1].integer);
	const double delay[] = {0.5, 0.5, 1, 1, 2, 2}, servers[] = {2, 3, 2, 3, 2, 3};
	for (size_t i = 0; i < 6; i++) {
		assert_true(sweep_point_value(p, i, 0) == delay[i]);
		assert_true(sweep_point_value(p, i, 1) == servers[i]);
	}
	/* a point sets its values in every scenario */
	struct scenario s = sw.file->scenarios[1];
	assert_int_equal(sweep_point_apply(p, 5, &s, &err), 0);
	double v;
	assert_int_equal(scenario_param_get(&s, "handoff.delay_boundary", &v), 0);
	assert_true(v == 2);
	assert_int_equal(scenario_param_get(&s, "sales.pool.servers", &v), 0);
	assert_true(v == 3);
	sweep_fini(&sw);
}

static void test_lhs_strata(void **state)
{
	(void)state;
	const size_t n = 50, k = 4;
	struct sweep_plan p;
	struct js_error err;
	plan_bounds(&p, SWEEP_LHS, k, n, 10, 20);
	assert_int_equal(sweep_design_build(&p, &err), 0);
	for (size_t j = 0; j < k; j++) {
		int hit[50] = {0};
		double lo = p.params[j].low, hi = p.params[j].high;
		for (size_t i = 0; i < n; i++) {
			double x = sweep_point_value(&p, i, j);
			assert_true(x >= lo && x < hi);
			size_t stratum = (size_t)floor((x - lo) / (hi - lo) * (double)n);
			assert_true(stratum < n);
			hit[stratum]++;
		}
		for (size_t s = 0; s < n; s++)
			assert_int_equal(hit[s], 1);
	}
	/* the same seed, the same design; another seed, another one */
	struct sweep_plan q;
	plan_bounds(&q, SWEEP_LHS, k, n, 10, 20);
	assert_int_equal(sweep_design_build(&q, &err), 0);
	assert_memory_equal(p.points, q.points, n * k * sizeof *p.points);
	q.seed = 43;
	assert_int_equal(sweep_design_build(&q, &err), 0);
	assert_true(memcmp(p.points, q.points, n * k * sizeof *p.points) != 0);
	sweep_plan_fini(&p);
	sweep_plan_fini(&q);
}

static void test_lhs_integer_strata(void **state)
{
	(void)state;
	/* 10 points over the whole numbers 1..10: each exactly once */
	struct sweep_plan p;
	struct js_error err;
	plan_bounds(&p, SWEEP_LHS, 1, 10, 1, 10);
	p.params[0].integer = 1;
	assert_int_equal(sweep_design_build(&p, &err), 0);
	int hit[11] = {0};
	for (size_t i = 0; i < 10; i++) {
		double x = sweep_point_value(&p, i, 0);
		assert_true(x == floor(x) && x >= 1 && x <= 10);
		hit[(int)x]++;
	}
	for (int v = 1; v <= 10; v++)
		assert_int_equal(hit[v], 1);
	sweep_plan_fini(&p);
}

static void test_sobol_equals_gsl(void **state)
{
	(void)state;
	const size_t n = 200, k = 6;
	struct sweep_plan p;
	struct js_error err;
	plan_bounds(&p, SWEEP_SOBOL, k, n, 0, 1);
	assert_int_equal(sweep_design_build(&p, &err), 0);
	gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)k);
	double u[6];
	for (size_t i = 0; i < n; i++) {
		gsl_qrng_get(q, u);
		for (size_t j = 0; j < k; j++) {
			double want = p.params[j].low + u[j] * (p.params[j].high - p.params[j].low);
			assert_true(sweep_point_value(&p, i, j) == want);
		}
	}
	gsl_qrng_free(q);
	/* past the limit: a clear error naming it */
	sweep_plan_fini(&p);
	plan_bounds(&p, SWEEP_SOBOL, gsl_qrng_sobol->max_dimension + 1, 4, 0, 1);
	assert_int_equal(sweep_design_build(&p, &err), -1);
	assert_non_null(strstr(err.msg, "at most 40 parameters"));
	sweep_plan_fini(&p);
}

static void test_oat_points(void **state)
{
	(void)state;
	struct sweep_plan p;
	struct js_error err;
	plan_bounds(&p, SWEEP_OAT, 3, 0, 1, 5);
	assert_int_equal(sweep_design_build(&p, &err), 0);
	assert_int_equal(p.n_points, 7);
	for (size_t i = 0; i < 7; i++)
		for (size_t j = 0; j < 3; j++) {
			const struct sweep_param *prm = &p.params[j];
			double want = i == 2 * j + 1 ? prm->low : i == 2 * j + 2 ? prm->high : prm->base;
			assert_true(sweep_point_value(&p, i, j) == want);
		}
	sweep_plan_fini(&p);
}

static void test_shards_cover_once(void **state)
{
	(void)state;
	struct sweep_plan p;
	memset(&p, 0, sizeof p);
	p.n_points = 97;
	for (unsigned n = 1; n <= 7; n++) {
		int seen[97] = {0};
		p.shard_n = n;
		for (unsigned k = 1; k <= n; k++) {
			p.shard_k = k;
			for (size_t i = 0; i < p.n_points; i++)
				seen[i] += sweep_point_in_shard(&p, i);
		}
		for (size_t i = 0; i < p.n_points; i++)
			assert_int_equal(seen[i], 1);
	}
	unsigned k, n;
	struct js_error err;
	assert_int_equal(sweep_shard_parse("3/8", &k, &n, &err), 0);
	assert_true(k == 3 && n == 8);
	assert_int_equal(sweep_shard_parse("0/2", &k, &n, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	assert_int_equal(sweep_shard_parse("3/2", &k, &n, &err), -1);
	assert_int_equal(sweep_shard_parse("x", &k, &n, &err), -1);
}

static void test_slurm_shard(void **state)
{
	(void)state;
	unsigned k = 0, n = 0;
	int found;
	struct js_error err;
	unsetenv("SLURM_ARRAY_TASK_ID");
	assert_int_equal(sweep_shard_from_env(&k, &n, &found, &err), 0);
	assert_false(found);
	setenv("SLURM_ARRAY_TASK_ID", "7", 1);
	setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
	setenv("SLURM_ARRAY_TASK_MIN", "5", 1);
	assert_int_equal(sweep_shard_from_env(&k, &n, &found, &err), 0);
	assert_true(found && k == 3 && n == 4);
	setenv("SLURM_ARRAY_TASK_ID", "9", 1); /* beyond MIN + COUNT - 1 */
	assert_int_equal(sweep_shard_from_env(&k, &n, &found, &err), -1);
	unsetenv("SLURM_ARRAY_TASK_MIN");
	setenv("SLURM_ARRAY_TASK_ID", "0", 1);
	assert_int_equal(sweep_shard_from_env(&k, &n, &found, &err), 0);
	assert_true(found && k == 1 && n == 4);
	unsetenv("SLURM_ARRAY_TASK_ID");
	unsetenv("SLURM_ARRAY_TASK_COUNT");
}

static void test_point_seeds(void **state)
{
	(void)state;
	struct sweep_plan p;
	memset(&p, 0, sizeof p);
	p.seed = 12345;
	/* common random numbers: every point meets the same customers */
	for (size_t i = 0; i < 100; i++)
		assert_true(sweep_point_seed(&p, i) == 12345);
	p.seeds_per_point = 1;
	uint64_t first = sweep_point_seed(&p, 0);
	assert_true(first != 12345 && first == sweep_point_seed(&p, 0));
	for (size_t i = 1; i < 100; i++)
		assert_true(sweep_point_seed(&p, i) != sweep_point_seed(&p, i - 1));
}

/* A plan from grid.cfg with the first record's values. */
static void test_journal_records(void **state)
{
	(void)state;
	struct sweep sw;
	struct js_error err;
	assert_int_equal(sweep_load("tests/data/sweep/grid.cfg", &sw, NULL, 0, &err), 0);
	const struct sweep_plan *p = &sw.plan;
	size_t nv = plan_values_per_point(p);
	double *v = malloc(nv * sizeof *v), *back = malloc(nv * sizeof *back);
	assert_non_null(v);
	assert_non_null(back);
	for (size_t i = 0; i < nv; i++)
		v[i] = i == 3 ? NAN : i == 4 ? -0.0 : sin((double)i) * pow(10, (double)(i % 9)) / 3;
	char *rec = NULL;
	size_t cap = 0, len = journal_record_format(&rec, &cap, p, 4, v);
	assert_true(len > 0 && rec[len - 1] == '\n');
	char *line = malloc(len);
	memcpy(line, rec, len);
	size_t point;
	assert_int_equal(journal_record_parse(line, len - 1, p, &point, back), 0);
	assert_int_equal(point, 4);
	for (size_t i = 0; i < nv; i++)
		assert_true(i == 3 ? isnan(back[i]) : back[i] == v[i]);
	/* one changed byte, or a cut, is refused */
	for (size_t at = 2; at + 1 < len; at += 7) {
		memcpy(line, rec, len);
		line[at] = line[at] == '1' ? '2' : '1';
		assert_int_equal(journal_record_parse(line, len - 1, p, &point, NULL), -1);
	}
	memcpy(line, rec, len);
	assert_int_equal(journal_record_parse(line, len / 2, p, &point, NULL), -1);
	/* a record of another point's values is refused */
	memcpy(line, rec, len);
	line[2] = '5';
	assert_int_equal(journal_record_parse(line, len - 1, p, &point, NULL), -1);
	free(line);
	free(rec);
	free(v);
	free(back);
	sweep_fini(&sw);
}

/* The journal header of plan p, in a heap buffer. */
static char *header_text(const struct sweep_plan *p, size_t *len)
{
	char *text = NULL;
	FILE *m = open_memstream(&text, len);
	assert_non_null(m);
	assert_int_equal(journal_header_write(m, p), 0);
	fclose(m);
	return text;
}

static void test_journal_header(void **state)
{
	(void)state;
	struct sweep sw;
	struct js_error err;
	assert_int_equal(sweep_load("tests/data/sweep/grid.cfg", &sw, NULL, 0, &err), 0);
	size_t len;
	char *text = header_text(&sw.plan, &len);
	FILE *fp = fmemopen(text, len, "rb");
	struct sweep_plan j;
	off_t end;
	int torn;
	assert_int_equal(journal_header_read(fp, "mem", &j, &end, &torn, &err), 0);
	fclose(fp);
	assert_int_equal((size_t)end, len);
	assert_int_equal(journal_check_same(&j, &sw.plan, "mem", &err), 0);
	assert_int_equal(j.n_points, 6);
	assert_string_equal(j.params[1].unit, "servers");
	/* another config is refused, with the reason */
	j.config_sha256[0] = j.config_sha256[0] == 'a' ? 'b' : 'a';
	assert_int_equal(journal_check_same(&j, &sw.plan, "mem", &err), -1);
	assert_non_null(strstr(err.msg, "another version of the config"));
	sweep_plan_fini(&j);
	/* a cut header is torn, not an error in the records */
	fp = fmemopen(text, len - 5, "rb");
	assert_int_equal(journal_header_read(fp, "mem", &j, &end, &torn, &err), -1);
	assert_true(torn);
	fclose(fp);
	sweep_plan_fini(&j);
	free(text);
	sweep_fini(&sw);
}

/* Any one byte of a header changed is refused (never taken for a torn
 * header to be rewritten): the magic, a field, a line break, the hash. */
static void test_journal_header_damage(void **state)
{
	(void)state;
	struct sweep sw;
	struct js_error err;
	assert_int_equal(sweep_load("tests/data/sweep/grid.cfg", &sw, NULL, 0, &err), 0);
	size_t len;
	char *text = header_text(&sw.plan, &len);
	for (size_t at = 0; at < len; at++) {
		for (int bit = 0; bit < 8; bit += 5) {
			text[at] ^= (char)(1 << bit);
			FILE *fp = fmemopen(text, len, "rb");
			struct sweep_plan j;
			off_t end;
			int torn = 0;
			js_error_clear(&err);
			int rc = journal_header_read(fp, "mem", &j, &end, &torn, &err);
			fclose(fp);
			sweep_plan_fini(&j);
			text[at] ^= (char)(1 << bit);
			if (rc == 0)
				fail_msg("byte %zu (bit %d) of the header changed, and it was read", at, bit);
			assert_int_equal(err.code, EX_DATAERR);
			assert_non_null(strstr(err.msg, "not a valid sweep journal header"));
		}
	}
	free(text);
	sweep_fini(&sw);
}

/* A sweep file with one parameter of n listed values (and one more at the
 * end: again the value at index repeat, or a new one when repeat < 0). */
static void write_long_list(const char *path, size_t n, long repeat)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("run = { seed = 1; replications = 1; horizon = \"30 d\"; };\n"
	      "company = { arrivals = { rate = 1.0; }; };\n"
	      "scenarios = ( { name = \"a\"; ownership = \"siloed\"; } );\n"
	      "sweep = { metrics = [\"margin\"]; parameters = ( { path = \"handoff.delay_boundary\";\n"
	      "values = [\n",
	      fp);
	for (size_t i = 0; i < n; i++) /* ten a line: the loader reads at most 65,000 lines */
		fprintf(fp, "%.6f,%s", 0.5 + (double)i * 1e-5, i % 10 == 9 ? "\n" : " ");
	fprintf(fp, "%.6f\n] } ); };\n", repeat >= 0 ? 0.5 + (double)repeat * 1e-5 : 0.5 + (double)n * 1e-5);
	fclose(fp);
}

/* 100,000 values load (sorted, not compared pairwise: this took 9 s), and a
 * value given twice is still found, at the line of its second time. */
static void test_long_values_list(void **state)
{
	(void)state;
	char dir[64], path[128];
	test_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/long.cfg", dir);
	struct sweep sw;
	struct js_error err;
	const size_t n = 100000;
	write_long_list(path, n, -1);
	if (sweep_load(path, &sw, NULL, 0, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(sw.plan.n_points, n + 1);
	assert_true(sw.plan.params[0].levels[n] > sw.plan.params[0].levels[n - 1]);
	sweep_fini(&sw);
	/* the last value repeats the 12,346th: reported at the last value's line (n is a multiple of 10) */
	write_long_list(path, n, 12345);
	js_error_clear(&err);
	assert_int_equal(sweep_load(path, &sw, NULL, 0, &err), -1);
	sweep_fini(&sw);
	char want[256];
	snprintf(want, sizeof want, "%s:%zu: sweep.parameters[0].values[%zu]: expected each value once, got 0.62345 d again",
		 path, 6 + n / 10, n);
	assert_string_equal(err.msg, want);
	assert_int_equal(err.code, EX_CONFIG);
	test_run(NULL, "rm -rf %s", dir);
}

/* ---- analyses on synthetic data ---- */

static void test_crossing_linear(void **state)
{
	(void)state;
	/* d = 2x - 3, band +-1: zero at 1.5, the band holds 0 for x in [1, 2] */
	double x[6], d[6], lo[6], hi[6];
	for (int i = 0; i < 6; i++) {
		x[i] = 0.5 * i;
		d[i] = 2 * x[i] - 3;
		lo[i] = d[i] - 1;
		hi[i] = d[i] + 1;
	}
	struct sweep_crossing c[4];
	assert_int_equal(sweep_crossings_find(x, d, lo, hi, 6, c, 4), 1);
	assert_true(fabs(c[0].at - 1.5) < 1e-12);
	assert_true(fabs(c[0].ci_low - 1.0) < 1e-12);
	assert_true(fabs(c[0].ci_high - 2.0) < 1e-12);
	assert_true(c[0].rising);

	/* falling, and a band that still holds 0 at the low edge: open below */
	for (int i = 0; i < 6; i++) {
		d[i] = 1.2 - x[i];
		lo[i] = d[i] - 1.5;
		hi[i] = d[i] + 1.5;
	}
	assert_int_equal(sweep_crossings_find(x, d, lo, hi, 6, c, 4), 1);
	assert_true(fabs(c[0].at - 1.2) < 1e-12);
	assert_false(c[0].rising);
	assert_true(isnan(c[0].ci_low));
	assert_true(isnan(c[0].ci_high)); /* 1.2 + 1.5 = 2.7 > 2.5: open above too */
}

static void test_crossing_cases(void **state)
{
	(void)state;
	struct sweep_crossing c[8];
	/* two crossings; NaN points are skipped */
	const double x[] = {0, 1, 2, 3, 4, 5};
	const double d[] = {-1, 1, NAN, 3, -1, -2};
	assert_int_equal(sweep_crossings_find(x, d, d, d, 6, c, 8), 2);
	assert_true(fabs(c[0].at - 0.5) < 1e-12 && c[0].rising);
	assert_true(fabs(c[1].at - 3.75) < 1e-12 && !c[1].rising);
	/* zero band width: the interval is the point itself */
	assert_true(c[0].ci_low == c[0].at && c[0].ci_high == c[0].at);
	/* an exact zero between opposite signs: at the zero */
	const double dz[] = {-2, -1, 0, 1, 2, 3};
	assert_int_equal(sweep_crossings_find(x, dz, dz, dz, 6, c, 8), 1);
	assert_true(c[0].at == 2);
	/* no sign change, all zero, or one point: nothing */
	const double pos[] = {1, 2, 3, 4, 5, 6}, zero[] = {0, 0, 0, 0, 0, 0};
	assert_int_equal(sweep_crossings_find(x, pos, pos, pos, 6, c, 8), 0);
	assert_int_equal(sweep_crossings_find(x, zero, zero, zero, 6, c, 8), 0);
	assert_int_equal(sweep_crossings_find(x, d, d, d, 1, c, 8), 0);
}

static void test_crossing_noise_merged(void **state)
{
	(void)state;
	struct sweep_crossing c[8];
	const double x[] = {0, 1, 2, 3, 4, 5};
	double lo[6], hi[6];
	/* three wiggles through 0 inside one stretch where the band holds 0: one crossover */
	const double d[] = {-2, -0.1, 0.1, -0.1, 0.1, 2};
	for (int i = 0; i < 6; i++) {
		lo[i] = d[i] - 0.5;
		hi[i] = d[i] + 0.5;
	}
	assert_int_equal(sweep_crossings_find(x, d, lo, hi, 6, c, 8), 1);
	assert_true(fabs(c[0].at - 2.5) < 1e-12 && c[0].rising);
	/* hi = d + 0.5 rises through 0 at 1.5 / 1.9, lo = d - 0.5 at 4 + 0.4 / 1.9 */
	assert_true(fabs(c[0].ci_low - 1.5 / 1.9) < 1e-12);
	assert_true(fabs(c[0].ci_high - (4 + 0.4 / 1.9)) < 1e-12);
	/* two wiggles that come back to the same sign: none */
	const double e[] = {-2, -0.1, 0.1, -0.1, -1, -2};
	for (int i = 0; i < 6; i++) {
		lo[i] = e[i] - 0.5;
		hi[i] = e[i] + 0.5;
	}
	assert_int_equal(sweep_crossings_find(x, e, lo, hi, 6, c, 8), 0);
}

static void test_src_known_model(void **state)
{
	(void)state;
	/* y = 3 x1 + 0.5 x2 + 0 x3 + noise on a Sobol sample */
	const size_t n = 256, k = 3;
	double *X = malloc(n * k * sizeof *X), *y = malloc(n * sizeof *y), col[256];
	gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 3);
	gsl_rng *r = rng_stream_alloc(1, 0, "test");
	for (size_t i = 0; i < n; i++) {
		gsl_qrng_get(q, &X[i * k]);
		y[i] = 3 * X[i * k] + 0.5 * X[i * k + 1] + gsl_ran_gaussian(r, 0.05);
	}
	double src[3], lo[3], hi[3], r2;
	assert_int_equal(sweep_src(X, y, n, k, src, lo, hi, &r2), 0);
	assert_true(r2 > 0.99 && r2 <= 1);
	double sdy = gsl_stats_sd(y, 1, n);
	const double b[] = {3, 0.5, 0};
	for (size_t j = 0; j < k; j++) {
		for (size_t i = 0; i < n; i++)
			col[i] = X[i * k + j];
		double truth = b[j] * gsl_stats_sd(col, 1, n) / sdy;
		assert_true(lo[j] <= src[j] && src[j] <= hi[j]);
		assert_true(lo[j] - 0.01 <= truth && truth <= hi[j] + 0.01);
	}
	assert_true(src[0] > src[1] && src[1] > fabs(src[2]));
	/* first-order indices: x1 carries almost all of the variance, x3 none */
	for (size_t i = 0; i < n; i++)
		col[i] = X[i * k];
	double s1 = sweep_first_order(col, y, n);
	for (size_t i = 0; i < n; i++)
		col[i] = X[i * k + 2];
	double s3 = sweep_first_order(col, y, n);
	assert_true(s1 > 0.85 && s1 <= 1);
	assert_true(s3 < 0.1);
	/* too few points: NaN */
	assert_int_equal(sweep_src(X, y, 4, k, src, lo, hi, &r2), 0);
	assert_true(isnan(src[0]) && isnan(r2));
	assert_true(isnan(sweep_first_order(col, y, 10)));
	gsl_rng_free(r);
	gsl_qrng_free(q);
	free(X);
	free(y);
}

static void test_src_matches_simple_regression(void **state)
{
	(void)state;
	/* one parameter: src is the correlation, its interval the slope's */
	const double x[] = {1, 2, 3, 4, 5, 6, 7, 8};
	const double y[] = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1};
	double src, lo, hi, r2;
	assert_int_equal(sweep_src(x, y, 8, 1, &src, &lo, &hi, &r2), 0);
	double rho = gsl_stats_correlation(x, 1, y, 1, 8);
	assert_true(fabs(src - rho) < 1e-12);
	assert_true(fabs(r2 - rho * rho) < 1e-12);
	/* slope's standard error by hand: sqrt(SSE / (n - 2) / Sxx) */
	double c0, c1, cov00, cov01, cov11, sse;
	gsl_fit_linear(x, 1, y, 1, 8, &c0, &c1, &cov00, &cov01, &cov11, &sse);
	double se = sqrt(sse / 6 / (gsl_stats_tss(x, 1, 8)));
	double scale = gsl_stats_sd(x, 1, 8) / gsl_stats_sd(y, 1, 8);
	double t = gsl_cdf_tdist_Pinv(0.975, 6);
	assert_true(fabs(hi - (c1 + t * se) * scale) < 1e-9);
	assert_true(fabs(lo - (c1 - t * se) * scale) < 1e-9);
}

static void test_metric_better(void **state)
{
	(void)state;
	assert_int_equal(metric_better_find("margin"), 1);
	assert_int_equal(metric_better_find("experience.mean"), 1);
	assert_int_equal(metric_better_find("cost.total"), -1);
	assert_int_equal(metric_better_find("sales.wait_mean"), -1);
	assert_int_equal(metric_better_find("renewal.churn"), -1);
	assert_int_equal(metric_better_find("flow.arrived"), 0);
	assert_int_equal(metric_better_find("sales.utilization"), 0);
}

/* ---- bad sweep groups ---- */

static void test_bad_configs(void **state)
{
	(void)state;
	const char *dir = "tests/data/sweep/bad";
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int checked = 0;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".cfg") != 0)
			continue;
		char path[512], want[2048];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *text = test_read_file(path, NULL);
		assert_non_null(text);
		assert_true(strncmp(text, "# expect: ", 10) == 0);
		char *nl = strchr(text, '\n');
		*nl = 0;
		snprintf(want, sizeof want, "%s/%s", dir, text + 10);
		free(text);
		struct sweep sw;
		struct js_error err;
		js_error_clear(&err);
		int rc = sweep_load(path, &sw, NULL, 0, &err);
		sweep_fini(&sw);
		if (rc == 0 || strcmp(err.msg, want) != 0)
			fail_msg("%s:\n  expected: %s\n  got:      %s", path, want, rc == 0 ? "(loaded)" : err.msg);
		assert_int_equal(err.code, EX_CONFIG);
		checked++;
	}
	closedir(d);
	assert_true(checked >= 10);
}

/* The example sweeps load, with the designs their comments describe (running
 * them takes tens of seconds each: not part of make test). */
static void test_examples_load(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		enum sweep_design design;
		size_t points;
	} ex[] = {
		{"config/sweeps/handoff_delay.cfg", SWEEP_GRID, 10}, {"config/sweeps/council_cost.cfg", SWEEP_GRID, 11},
		{"config/sweeps/market_speed.cfg", SWEEP_GRID, 18},  {"config/sweeps/tornado.cfg", SWEEP_OAT, 17},
		{"config/sweeps/sensitivity.cfg", SWEEP_SOBOL, 64},
	};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		struct sweep sw;
		struct js_error err;
		if (sweep_load(ex[i].file, &sw, NULL, 0, &err) != 0)
			fail_msg("%s", err.msg);
		assert_int_equal(sw.plan.design, ex[i].design);
		assert_int_equal(sw.plan.n_points, ex[i].points);
		assert_true(sw.plan.n_scenarios == 2);
		sweep_fini(&sw);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_order),
		cmocka_unit_test(test_grid_from_file),
		cmocka_unit_test(test_lhs_strata),
		cmocka_unit_test(test_lhs_integer_strata),
		cmocka_unit_test(test_sobol_equals_gsl),
		cmocka_unit_test(test_oat_points),
		cmocka_unit_test(test_shards_cover_once),
		cmocka_unit_test(test_slurm_shard),
		cmocka_unit_test(test_point_seeds),
		cmocka_unit_test(test_journal_records),
		cmocka_unit_test(test_journal_header),
		cmocka_unit_test(test_journal_header_damage),
		cmocka_unit_test(test_long_values_list),
		cmocka_unit_test(test_crossing_linear),
		cmocka_unit_test(test_crossing_cases),
		cmocka_unit_test(test_crossing_noise_merged),
		cmocka_unit_test(test_src_known_model),
		cmocka_unit_test(test_src_matches_simple_regression),
		cmocka_unit_test(test_metric_better),
		cmocka_unit_test(test_bad_configs),
		cmocka_unit_test(test_examples_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
