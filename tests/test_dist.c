/*
 * test_dist.c - distributions (dist.h) and random streams (rng.h).
 *
 * Sample moments are checked GSL-style: within a few standard errors of the
 * exact mean and variance, with fixed seeds, so the tests are deterministic
 * and would pass for almost any seed (5 standard errors: about 1 in 10^6 per
 * check for a correct sampler).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_statistics_double.h>

#include "testutil.h"

#include "dist.h"
#include "rng.h"

/* |a - b| <= tol, with both values in the message (cmocka 1.1 compares doubles as floats) */
#define assert_near(a, b, tol)                                                                      \
	do {                                                                                       \
		double a_ = (a), b_ = (b);                                                         \
		if (!(fabs(a_ - b_) <= (tol)))                                                     \
			fail_msg("%s = %.17g, expected %.17g within %g", #a, a_, b_, (double)(tol)); \
	} while (0)

#define SAMPLES 200000
#define SIGMAS 5.0

static struct dist make(const struct dist_type *t)
{
	struct dist d;
	memset(&d, 0, sizeof d);
	d.type = t;
	return d;
}

static struct dist make_mean_cv(const struct dist_type *t, double mean, double cv)
{
	struct dist d = make(t);
	d.mean = mean;
	d.cv = cv;
	return d;
}

static struct dist make_range(const struct dist_type *t, double min, double mode, double max)
{
	struct dist d = make(t);
	d.min = min;
	d.mode = mode;
	d.max = max;
	return d;
}

static struct dist make_erlang(unsigned k, double mean)
{
	struct dist d = make(&dist_erlang);
	d.k = k;
	d.mean = mean;
	return d;
}

static struct dist make_empirical(size_t n, const double *values, const double *weights)
{
	struct dist d = make(&dist_empirical);
	d.n = n;
	for (size_t i = 0; i < n; i++) {
		d.values[i] = values[i];
		d.weights[i] = weights[i];
	}
	return d;
}

/* One case of every kind, with its exact mean and variance worked by hand. */
struct moment_case {
	struct dist d;
	double mean, variance;
};

static size_t moment_cases(struct moment_case *c)
{
	static const double ev[] = {1, 2, 5}, ew[] = {0.2, 0.5, 0.3};
	size_t n = 0;
	c[n++] = (struct moment_case){dist_make_exponential(2.0), 2.0, 4.0};
	c[n++] = (struct moment_case){dist_make_fixed(3.0), 3.0, 0.0};
	c[n++] = (struct moment_case){make_range(&dist_uniform, 1, 0, 4), 2.5, 9.0 / 12.0};
	c[n++] = (struct moment_case){make_range(&dist_triangular, 1, 2, 6), 3.0, 21.0 / 18.0};
	c[n++] = (struct moment_case){make_range(&dist_triangular, 0, 0, 3), 1.0, 9.0 / 18.0};
	c[n++] = (struct moment_case){make_range(&dist_triangular, 0, 3, 3), 2.0, 9.0 / 18.0};
	c[n++] = (struct moment_case){make_mean_cv(&dist_lognormal, 2.0, 0.5), 2.0, 1.0};
	c[n++] = (struct moment_case){make_mean_cv(&dist_gamma, 2.0, 0.5), 2.0, 1.0};
	c[n++] = (struct moment_case){make_mean_cv(&dist_gamma, 1.5, 2.0), 1.5, 9.0};
	c[n++] = (struct moment_case){make_erlang(3, 2.0), 2.0, 4.0 / 3.0};
	c[n++] = (struct moment_case){make_erlang(1, 0.5), 0.5, 0.25};
	/* mean 0.2 + 1 + 1.5 = 2.7; E[X^2] = 0.2 + 2 + 7.5 = 9.7 */
	c[n++] = (struct moment_case){make_empirical(3, ev, ew), 2.7, 9.7 - 2.7 * 2.7};
	return n;
}

static void test_exact_moments(void **state)
{
	(void)state;
	struct moment_case c[16];
	size_t n = moment_cases(c);
	for (size_t i = 0; i < n; i++) {
		char why[128] = "";
		assert_int_equal(dist_prepare(&c[i].d, why, sizeof why), 0);
		assert_string_equal(why, "");
		assert_near(dist_mean(&c[i].d), c[i].mean, 1e-12);
		assert_near(dist_variance(&c[i].d), c[i].variance, 1e-12);
	}
}

static void test_sample_moments(void **state)
{
	(void)state;
	struct moment_case c[16];
	size_t n = moment_cases(c);
	double *x = malloc(SAMPLES * sizeof *x);
	assert_non_null(x);
	for (size_t i = 0; i < n; i++) {
		struct dist *d = &c[i].d;
		assert_int_equal(dist_prepare(d, NULL, 0), 0);
		gsl_rng *r = rng_stream_alloc(2024, i, d->type->name);
		assert_non_null(r);
		double lo = INFINITY, hi = -INFINITY;
		for (size_t k = 0; k < SAMPLES; k++) {
			x[k] = dist_sample(d, r);
			lo = fmin(lo, x[k]);
			hi = fmax(hi, x[k]);
		}
		gsl_rng_free(r);
		double m = gsl_stats_mean(x, 1, SAMPLES);
		double v = gsl_stats_variance_m(x, 1, SAMPLES, m);
		double mu = c[i].mean, var = c[i].variance;
		print_message("%-12s mean %.4f (exact %.4f)  variance %.4f (exact %.4f)\n",
			      d->type->name, m, mu, v, var);
		assert_true(lo >= 0);
		if (d->type == &dist_uniform || d->type == &dist_triangular) {
			assert_true(lo >= d->min);
			assert_true(hi <= d->max);
		}
		if (var == 0) { /* fixed */
			assert_true(lo == mu && hi == mu);
			continue;
		}
		/* standard errors of the mean and of the variance (from the
		 * sample's fourth central moment) */
		double m4 = 0;
		for (size_t k = 0; k < SAMPLES; k++) {
			double z = x[k] - m;
			m4 += z * z * z * z;
		}
		m4 /= SAMPLES;
		double se_mean = sqrt(var / SAMPLES), se_var = sqrt((m4 - v * v) / SAMPLES);
		assert_true(fabs(m - mu) < SIGMAS * se_mean);
		assert_true(fabs(v - var) < SIGMAS * se_var);
	}
	free(x);
}

/* The triangular inverse CDF puts the right share below the mode. */
static void test_triangular_shape(void **state)
{
	(void)state;
	struct dist d = make_range(&dist_triangular, 2, 3, 7);
	assert_int_equal(dist_prepare(&d, NULL, 0), 0);
	gsl_rng *r = rng_stream_alloc(5, 0, "triangular");
	size_t below = 0, n = SAMPLES;
	for (size_t k = 0; k < n; k++)
		below += dist_sample(&d, r) < 3.0;
	gsl_rng_free(r);
	double p = 0.2, share = (double)below / (double)n; /* (mode - min) / (max - min) */
	assert_true(fabs(share - p) < SIGMAS * sqrt(p * (1 - p) / (double)n));
}

static void test_empirical_frequencies(void **state)
{
	(void)state;
	static const double v[] = {1, 2, 3, 4, 8}, w[] = {0, 1, 0, 3, 6};
	struct dist d = make_empirical(5, v, w);
	assert_int_equal(dist_prepare(&d, NULL, 0), 0);
	gsl_rng *r = rng_stream_alloc(6, 0, "empirical");
	size_t count[5] = {0}, n = SAMPLES;
	for (size_t k = 0; k < n; k++) {
		double x = dist_sample(&d, r);
		size_t j = 0;
		while (j < 5 && v[j] != x)
			j++;
		assert_true(j < 5); /* only the given values */
		count[j]++;
	}
	gsl_rng_free(r);
	assert_int_equal(count[0], 0); /* zero weight: never, also when first */
	assert_int_equal(count[2], 0);
	for (size_t j = 0; j < 5; j++) {
		double p = w[j] / 10.0, share = (double)count[j] / (double)n;
		assert_true(fabs(share - p) <= SIGMAS * sqrt(p * (1 - p) / (double)n));
	}

	/* one value: always that value */
	static const double one_v[] = {4.5}, one_w[] = {2};
	struct dist one = make_empirical(1, one_v, one_w);
	assert_int_equal(dist_prepare(&one, NULL, 0), 0);
	r = rng_stream_alloc(6, 1, "empirical");
	for (int k = 0; k < 1000; k++)
		assert_true(dist_sample(&one, r) == 4.5);
	gsl_rng_free(r);
	assert_true(dist_variance(&one) == 0);
}

static void test_prepare_errors(void **state)
{
	(void)state;
	static const double v2[] = {1, 2}, w_neg[] = {1, -1}, w_zero[] = {0, 0}, v_neg[] = {-2, 1},
			    w_ok[] = {1, 1};
	struct {
		struct dist d;
		const char *why;
	} bad[] = {
		{make(NULL), "distribution not set"},
		{dist_make_exponential(-1), "mean must be >= 0, got -1"},
		{dist_make_fixed(NAN), "mean must be >= 0, got nan"},
		{dist_make_exponential(INFINITY), "mean must be >= 0, got inf"},
		{make_mean_cv(&dist_lognormal, 2, 0), "cv must be > 0, got 0"},
		{make_mean_cv(&dist_gamma, 2, -1), "cv must be > 0, got -1"},
		{make_mean_cv(&dist_gamma, -3, 1), "mean must be >= 0, got -3"},
		{make_range(&dist_uniform, 3, 0, 1), "min must be <= max, got min 3 > max 1"},
		{make_range(&dist_uniform, -1, 0, 1), "min must be >= 0, got -1"},
		{make_range(&dist_triangular, 1, 5, 4), "mode must be in [min, max] = [1, 4], got 5"},
		{make_range(&dist_triangular, 1, 0.5, 4), "mode must be in [min, max] = [1, 4], got 0.5"},
		{make_erlang(0, 2), "k must be an integer >= 1, got 0"},
		{make_empirical(0, v2, w_ok), "empirical needs 1 to 32 values, got 0"},
		{make_empirical(2, v2, w_neg), "weights[1] must be >= 0, got -1"},
		{make_empirical(2, v2, w_zero), "weights must have a positive sum, got 0"},
		{make_empirical(2, v_neg, w_ok), "values[0] must be >= 0, got -2"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[128] = "";
		assert_int_equal(dist_prepare(&bad[i].d, why, sizeof why), -1);
		assert_string_equal(why, bad[i].why);
		assert_int_equal(dist_prepare(&bad[i].d, NULL, 0), -1); /* no buffer: still -1 */
	}
	struct dist many = make(&dist_empirical);
	many.n = DIST_EMPIRICAL_MAX + 1;
	char why[128];
	assert_int_equal(dist_prepare(&many, why, sizeof why), -1);
	assert_string_equal(why, "empirical needs 1 to 32 values, got 33");
	char tiny[8]; /* truncated, still terminated */
	assert_int_equal(dist_prepare(&many, tiny, sizeof tiny), -1);
	assert_string_equal(tiny, "empiric");

	/* the edges that are allowed */
	struct dist ok[] = {dist_make_exponential(0), dist_make_fixed(0),
			    make_range(&dist_uniform, 2, 0, 2), make_range(&dist_triangular, 1, 1, 1),
			    make_erlang(1, 0), make_mean_cv(&dist_lognormal, 0, 1)};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		assert_int_equal(dist_prepare(&ok[i], NULL, 0), 0);
	gsl_rng *r = rng_stream_alloc(1, 0, "edges");
	assert_true(dist_sample(&ok[2], r) == 2.0);
	assert_true(dist_sample(&ok[3], r) == 1.0);
	assert_true(dist_sample(&ok[5], r) == 0.0);
	gsl_rng_free(r);
}

static void test_scale(void **state)
{
	(void)state;
	struct moment_case c[16];
	size_t n = moment_cases(c);
	const double f = 2.5;
	for (size_t i = 0; i < n; i++) {
		struct dist d = c[i].d;
		assert_int_equal(dist_prepare(&d, NULL, 0), 0);
		struct dist s = d;
		dist_scale(&s, f);
		assert_int_equal(dist_prepare(&s, NULL, 0), 0);
		assert_near(dist_mean(&s), f * c[i].mean, 1e-9);
		assert_near(dist_variance(&s), f * f * c[i].variance, 1e-9);
		assert_true(s.cv == d.cv && s.k == d.k && s.n == d.n);
		for (size_t j = 0; j < d.n; j++) {
			assert_true(s.values[j] == f * d.values[j]);
			assert_true(s.weights[j] == d.weights[j]);
		}
		/* Kinds sampled by a location-scale transform give f times the
		 * same draw from the same stream. */
		if (d.type == &dist_exponential || d.type == &dist_uniform ||
		    d.type == &dist_triangular || d.type == &dist_empirical ||
		    d.type == &dist_fixed || d.type == &dist_erlang || d.type == &dist_gamma) {
			gsl_rng *r1 = rng_stream_alloc(3, i, "scale"), *r2 = rng_stream_alloc(3, i, "scale");
			for (int k = 0; k < 100; k++) {
				double a = dist_sample(&d, r1), b = dist_sample(&s, r2);
				assert_near(b, f * a, 1e-9 * (1 + f * a));
			}
			gsl_rng_free(r1);
			gsl_rng_free(r2);
		}
	}
}

static void test_types_table(void **state)
{
	(void)state;
	static const char *const names[] = {"exponential", "fixed", "uniform", "triangular",
					    "lognormal", "gamma", "erlang", "empirical"};
	size_t n = 0;
	while (dist_types[n])
		n++;
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(dist_types[i]->name, names[i]);
		assert_ptr_equal(dist_type_find(names[i]), dist_types[i]);
		assert_non_null(dist_types[i]->sample);
		assert_non_null(dist_types[i]->mean);
		assert_non_null(dist_types[i]->variance);
	}
	assert_ptr_equal(dist_type_find("gamma"), &dist_gamma);
	assert_null(dist_type_find("normal"));
	assert_null(dist_type_find("Exponential"));
	assert_null(dist_type_find(""));
	assert_null(dist_type_find(NULL));
	struct dist e = dist_make_exponential(4), x = dist_make_fixed(7);
	assert_ptr_equal(e.type, &dist_exponential);
	assert_true(e.mean == 4 && e.n == 0);
	assert_ptr_equal(x.type, &dist_fixed);
	assert_true(dist_mean(&x) == 7);
}

/* ---- random streams ---- */

static void test_hash_pins(void **state)
{
	(void)state;
	/* splitmix64's first output for state 0 */
	assert_true(rng_mix64(0x9e3779b97f4a7c15u) == 0xe220a8397b1dcdafu);
	assert_true(rng_mix64(0) == 0);
	/* FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c, of "" the offset basis */
	assert_true(rng_name_hash("a") == rng_mix64(0xaf63dc4c8601ec8cu));
	assert_true(rng_name_hash("") == rng_mix64(0xcbf29ce484222325u));
	/* the seed formula of docs/random.md, pinned: changing it changes every
	 * published result */
	assert_true(rng_stream_seed(1, 0, "arrivals") == 0x2019335f8f8253a0u);
	assert_true(rng_stream_seed(12345, 7, "pool.sales") == 0xe4dd3cce32644e1fu);
}

static void test_stream_seeds_differ(void **state)
{
	(void)state;
	static const char *const src[] = {"arrivals", "pool.sales", "pool.delivery", "pool.service",
					  "decision.sales.win"};
	enum { MASTERS = 8, REPS = 100, SOURCES = 5, N = MASTERS * REPS * SOURCES };
	uint64_t *s = malloc(N * sizeof *s);
	assert_non_null(s);
	size_t n = 0;
	for (uint64_t m = 0; m < MASTERS; m++)
		for (uint64_t rep = 0; rep < REPS; rep++)
			for (size_t k = 0; k < SOURCES; k++)
				s[n++] = rng_stream_seed(m, rep, src[k]);
	for (size_t i = 0; i < N; i++) /* all distinct */
		for (size_t j = i + 1; j < N; j++)
			assert_true(s[i] != s[j]);
	free(s);
	/* stable: the same triple, the same seed */
	assert_true(rng_stream_seed(99, 3, "pool.sales") == rng_stream_seed(99, 3, "pool.sales"));
	/* the name matters, not where it sits in some list */
	assert_true(rng_stream_seed(99, 3, "pool.sales") != rng_stream_seed(99, 3, "pool.sale"));
}

static void test_same_seed_same_stream(void **state)
{
	(void)state;
	gsl_rng *a = rng_stream_alloc(42, 2, "pool.service");
	gsl_rng *b = rng_stream_alloc(42, 2, "pool.service");
	gsl_rng *c = rng_stream_alloc(42, 2, "pool.sales");
	gsl_rng *d = rng_stream_alloc(42, 3, "pool.service");
	gsl_rng *e = rng_stream_alloc(43, 2, "pool.service");
	assert_non_null(a);
	assert_non_null(e);
	assert_string_equal(gsl_rng_name(a), "journeysim_keyed"); /* the generator of docs/random.md */
	int same_c = 0, same_d = 0, same_e = 0;
	for (int k = 0; k < 1000; k++) {
		unsigned long x = gsl_rng_get(a);
		assert_true(x == gsl_rng_get(b));
		same_c += x == gsl_rng_get(c);
		same_d += x == gsl_rng_get(d);
		same_e += x == gsl_rng_get(e);
	}
	assert_true(same_c < 5 && same_d < 5 && same_e < 5);
	gsl_rng_free(a);
	gsl_rng_free(b);
	gsl_rng_free(c);
	gsl_rng_free(d);
	gsl_rng_free(e);
}

/* The keyed generator and the key formula of docs/random.md, pinned: changing
 * them changes every published result. */
static void test_keyed_pins(void **state)
{
	(void)state;
	assert_true(rng_replication_key(1, 0) == 0x90287996c3e2222au);
	assert_true(rng_stream_seed(1, 0, "arrivals") == rng_mix64(rng_replication_key(1, 0) ^ rng_name_hash("arrivals")));
	assert_true(rng_key(0x0123456789abcdefu, 7, 42) == 0xaaa42dda7d62c978u);
	assert_true(rng_key(5, 7, 42) == rng_mix64(5 ^ (7ull << 56 | 42)));
	/* the n-th number of key k is mix64(k + n * golden): 32 high bits, or 53 bits as a double */
	gsl_rng *r = rng_keyed_alloc(0);
	assert_non_null(r);
	assert_string_equal(gsl_rng_name(r), "journeysim_keyed");
	assert_true(gsl_rng_max(r) == 0xffffffffu && gsl_rng_min(r) == 0);
	assert_true(gsl_rng_get(r) == 0xe220a839u);
	assert_true(gsl_rng_uniform(r) == (double)(rng_mix64(2 * 0x9e3779b97f4a7c15u) >> 11) * 0x1.0p-53);
	gsl_rng_free(r);
}

/* A key names its numbers: setting it restarts them, whatever was drawn
 * before; keys of consecutive identities give independent-looking numbers. */
static void test_keyed_streams(void **state)
{
	(void)state;
	gsl_rng *r = rng_keyed_alloc(rng_key(1, 33, 0));
	double first[5];
	for (int i = 0; i < 5; i++)
		first[i] = gsl_rng_uniform(r);
	rng_keyed_set(r, rng_key(1, 33, 1));
	double other = gsl_rng_uniform(r);
	rng_keyed_set(r, rng_key(1, 33, 0));
	for (int i = 0; i < 5; i++)
		assert_true(gsl_rng_uniform(r) == first[i]);
	assert_true(other != first[0]);
	gsl_rng_set(r, 0); /* GSL's own seeding sets the key too */
	assert_true(gsl_rng_get(r) == 0xe220a839u);

	/* first numbers of 20000 consecutive identities under one base: flat
	 * (chi-square, 19 degrees of freedom, p < 1e-4 beyond 50) and with no
	 * correlation between neighbours */
	enum { N = 20000, BINS = 20 };
	double bins[BINS] = {0}, prev = 0, sx = 0, sxx = 0, sxy = 0;
	uint64_t base = rng_stream_seed(3, 0, "journey");
	for (uint64_t n = 0; n < N; n++) {
		double u = gsl_rng_uniform(rng_keyed_set(r, rng_key(rng_key(base, 2, n), 33, 0)));
		assert_true(u >= 0 && u < 1);
		bins[(int)(u * BINS)]++;
		sx += u;
		sxx += u * u;
		if (n)
			sxy += u * prev;
		prev = u;
	}
	double chi2 = 0, e = (double)N / BINS;
	for (int b = 0; b < BINS; b++)
		chi2 += (bins[b] - e) * (bins[b] - e) / e;
	double mean = sx / N, var = sxx / N - mean * mean;
	double corr = (sxy / (N - 1) - mean * mean) / var;
	print_message("  chi2 %.1f, neighbour correlation %.4f\n", chi2, corr);
	assert_true(chi2 < 50);
	assert_true(fabs(corr) < 4 / sqrt(N));
	/* GSL's samplers work unchanged */
	assert_true(gsl_rng_uniform_int(r, 10) < 10);
	gsl_rng_free(r);
}

/* ---- bounds: every sample finite and >= 0 (issue 10) ---- */

static void test_bounds_refused(void **state)
{
	(void)state;
	struct {
		struct dist d;
		const char *why;
	} bad[] = {
		{make_mean_cv(&dist_lognormal, 1, 1e200), "cv must be in [1e-06, 1e+06] (for finite samples), got 1e+200"},
		{make_mean_cv(&dist_gamma, 1, 4.9e-324),
		 "cv must be in [1e-06, 1e+06] (for finite samples), got 4.94066e-324"},
		{make_mean_cv(&dist_gamma, 1, 1e-7), "cv must be in [1e-06, 1e+06] (for finite samples), got 1e-07"},
		{make_mean_cv(&dist_gamma, 1e7, 1), "mean must be at most 1e+06 (for finite samples), got 1e+07"},
		{make_range(&dist_triangular, 0, 1, 1.7e308), "max must be at most 1e+06 (for finite samples), got 1.7e+308"},
		{make_range(&dist_uniform, 0, 0, 2e6), "max must be at most 1e+06 (for finite samples), got 2e+06"},
		{dist_make_exponential(1e300), "mean must be at most 1e+06 (for finite samples), got 1e+300"},
		{make_erlang(2, 1e9), "mean must be at most 1e+06 (for finite samples), got 1e+09"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[128] = "";
		assert_int_equal(dist_prepare(&bad[i].d, why, sizeof why), -1);
		assert_string_equal(why, bad[i].why);
	}
	static const double v[] = {0, 1.5e6}, w[] = {1, 1};
	struct dist e = make_empirical(2, v, w);
	char why[128];
	assert_int_equal(dist_prepare(&e, why, sizeof why), -1);
	assert_string_equal(why, "values[1] must be at most 1e+06 (for finite samples), got 1.5e+06");
}

/* At the edges of the bounds every kind still samples finite values >= 0. */
static void test_bounds_sample_finite(void **state)
{
	(void)state;
	static const double v[] = {0, DIST_VALUE_MAX}, w[] = {1, 1e300};
	const double cvs[] = {DIST_CV_MIN, 1, DIST_CV_MAX};
	struct dist edge[16];
	size_t n = 0;
	edge[n++] = dist_make_exponential(DIST_VALUE_MAX);
	edge[n++] = dist_make_fixed(DIST_VALUE_MAX);
	edge[n++] = make_range(&dist_uniform, 0, 0, DIST_VALUE_MAX);
	edge[n++] = make_range(&dist_triangular, 0, DIST_VALUE_MAX, DIST_VALUE_MAX);
	edge[n++] = make_range(&dist_triangular, 0, 0, DIST_VALUE_MAX);
	for (size_t i = 0; i < 3; i++) {
		edge[n++] = make_mean_cv(&dist_lognormal, DIST_VALUE_MAX, cvs[i]);
		edge[n++] = make_mean_cv(&dist_gamma, DIST_VALUE_MAX, cvs[i]);
	}
	edge[n++] = make_erlang(2000000000u, DIST_VALUE_MAX);
	edge[n++] = make_empirical(2, v, w);
	gsl_rng *r = rng_stream_alloc(11, 0, "edges");
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(dist_prepare(&edge[i], NULL, 0), 0);
		assert_true(isfinite(dist_mean(&edge[i])) && isfinite(dist_variance(&edge[i])));
		for (int k = 0; k < 20000; k++) {
			double x = dist_sample(&edge[i], r);
			if (!(x >= 0 && isfinite(x)))
				fail_msg("%s (case %zu): sample %g", edge[i].type->name, i, x);
		}
	}
	gsl_rng_free(r);
	/* an empirical distribution that skipped dist_prepare gives NaN, not a crash */
	struct dist raw = make(&dist_empirical);
	assert_true(isnan(dist_sample(&raw, r = rng_stream_alloc(1, 0, "raw"))));
	gsl_rng_free(r);
}

/* The parameter table: every kind's parameters are described, once. */
static void test_param_table(void **state)
{
	(void)state;
	for (size_t i = 0; dist_types[i]; i++)
		for (size_t k = 0; k < DIST_PARAMS_MAX && dist_types[i]->params[k]; k++) {
			const struct dist_param *p = dist_param_find(dist_types[i]->params[k]);
			assert_non_null(p);
			assert_true(dist_type_has(dist_types[i], p->name));
		}
	assert_int_equal(dist_param_find("cv")->kind, DIST_PARAM_CV);
	assert_int_equal(dist_param_find("k")->offset, offsetof(struct dist, k));
	assert_null(dist_param_find("sigma"));
	assert_null(dist_param_find(NULL));
	assert_false(dist_type_has(&dist_exponential, "cv"));
	assert_true(dist_type_has(&dist_erlang, "k"));
	assert_false(dist_type_has(NULL, "mean"));
}

static void test_gsl_quiet(void **state)
{
	(void)state;
	rng_gsl_quiet();
	rng_gsl_quiet(); /* idempotent */
	gsl_sf_result res;
	/* with GSL's default handler this would abort the process */
	assert_int_equal(gsl_sf_log_e(-1.0, &res), GSL_EDOM);
}

/* The inline draws (rng.h) give GSL's numbers bit for bit: rng_uniform as
 * gsl_rng_uniform, rng_exponential as gsl_ran_exponential, on the keyed
 * generator and (through GSL) on any other. */
static void test_inline_draws_match_gsl(void **state)
{
	(void)state;
	gsl_rng *a = rng_keyed_alloc(0x5eedu), *b = rng_keyed_alloc(0x5eedu);
	gsl_rng *m = gsl_rng_alloc(gsl_rng_mt19937), *n = gsl_rng_alloc(gsl_rng_mt19937);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(m);
	assert_non_null(n);
	for (int i = 0; i < 100000; i++) {
		assert_true(rng_uniform(a) == gsl_rng_uniform(b));
		assert_true(rng_exponential(a, 2.5) == gsl_ran_exponential(b, 2.5));
		assert_true(rng_uniform(m) == gsl_rng_uniform(n));
		assert_true(rng_exponential(m, 0.5) == gsl_ran_exponential(n, 0.5));
	}
	rng_keyed_set(a, rng_key(7, 3, 9));
	gsl_rng_set(b, rng_key(7, 3, 9));
	assert_true(rng_uniform(a) == gsl_rng_uniform(b));
	gsl_rng_free(a);
	gsl_rng_free(b);
	gsl_rng_free(m);
	gsl_rng_free(n);
}

/* The lognormal (inline polar method, zeta and sigma cached or not) gives
 * gsl_ran_lognormal's numbers bit for bit; a cache follows a changed mean. */
static void test_lognormal_matches_gsl(void **state)
{
	(void)state;
	gsl_rng *a = rng_keyed_alloc(0x10917u), *b = rng_keyed_alloc(0x10917u);
	gsl_rng *m = gsl_rng_alloc(gsl_rng_mt19937), *n = gsl_rng_alloc(gsl_rng_mt19937);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(m);
	assert_non_null(n);
	struct dist d = {.type = &dist_lognormal, .mean = 1.0 / 24, .cv = 0.8};
	struct dist_cache cache = {0};
	for (int i = 0; i < 60000; i++) {
		if (i == 30000)
			d.mean = 2.5; /* a swept mean: the cache must not serve the old one */
		double s2 = log1p(d.cv * d.cv), zeta = log(d.mean) - 0.5 * s2, sigma = sqrt(s2);
		gsl_rng *x = i % 2 ? a : m, *y = i % 2 ? b : n;
		assert_true(dist_sample(&d, x) == gsl_ran_lognormal(y, zeta, sigma));
		assert_true(dist_sample_cached(&d, &cache, x) == gsl_ran_lognormal(y, zeta, sigma));
	}
	gsl_rng_free(a);
	gsl_rng_free(b);
	gsl_rng_free(m);
	gsl_rng_free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_moments),
		cmocka_unit_test(test_inline_draws_match_gsl),
		cmocka_unit_test(test_lognormal_matches_gsl),
		cmocka_unit_test(test_sample_moments),
		cmocka_unit_test(test_triangular_shape),
		cmocka_unit_test(test_empirical_frequencies),
		cmocka_unit_test(test_prepare_errors),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_types_table),
		cmocka_unit_test(test_hash_pins),
		cmocka_unit_test(test_stream_seeds_differ),
		cmocka_unit_test(test_same_seed_same_stream),
		cmocka_unit_test(test_keyed_pins),
		cmocka_unit_test(test_keyed_streams),
		cmocka_unit_test(test_gsl_quiet),
		cmocka_unit_test(test_bounds_refused),
		cmocka_unit_test(test_bounds_sample_finite),
		cmocka_unit_test(test_param_table),
	};
	return cmocka_run_group_tests_name("dist", tests, NULL, NULL);
}
