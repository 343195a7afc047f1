/*
 * journey_util.h - runs replications of a scenario for the model tests and
 * compares two scenarios with common random numbers (paired differences).
 */
#ifndef JOURNEYSIM_JOURNEY_UTIL_H
#define JOURNEYSIM_JOURNEY_UTIL_H

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "experiment.h"
#include "journey.h"
#include "scenario.h"
#include "testutil.h"

#define JU_REPS_MAX 64

/* Loads a scenario file or fails the test with the loader's message. */
static inline struct scenario_file *ju_load(const char *path)
{
	struct js_error err = {0};
	char warn[4096] = "";
	struct scenario_file *f = scenario_file_load(path, &err, warn, sizeof warn);
	if (!f)
		fail_msg("%s", err.msg);
	return f;
}

/* Metric m of `reps` replications of scenario s. */
static inline void ju_run(const struct scenario *s, const struct run_settings *run, unsigned reps, int m,
			  double *out)
{
	for (unsigned r = 0; r < reps; r++) {
		struct rep_result res;
		struct js_error err = {0};
		if (journey_run(s, run, r, 0, &res, &err) < 0)
			fail_msg("%s", err.msg);
		out[r] = res.metrics[m];
		rep_result_fini(&res);
	}
}

/* Paired comparison of metric `name` between scenarios a and b (b - a):
 * returns +1 when the 95% interval of the mean difference lies above 0,
 * -1 below, 0 when it covers 0. */
static inline int ju_paired_sign(const struct scenario *a, const struct scenario *b,
				 const struct run_settings *run, unsigned reps, const char *name,
				 struct summary *d)
{
	int m = metric_find(name);
	assert_true(m >= 0);
	double xa[JU_REPS_MAX], xb[JU_REPS_MAX];
	assert_true(reps <= JU_REPS_MAX);
	ju_run(a, run, reps, m, xa);
	ju_run(b, run, reps, m, xb);
	stats_paired(xb, xa, reps, d);
	print_message("    %-32s diff %+.5g  95%% CI [%+.5g, %+.5g]\n", name, d->mean, d->ci_low, d->ci_high);
	if (d->ci_low > 0)
		return 1;
	if (d->ci_high < 0)
		return -1;
	return 0;
}

#endif
