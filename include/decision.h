/*
 * decision.h - TEMPORARY copy of the issue-14 contract's decision.h (branch
 * decide). The decision branch owns the real header and sim/sweep/decision*.c;
 * at merge the lead takes theirs and deletes sim/sweep/decision_stub.c.
 */
#ifndef JOURNEYSIM_DECISION_H
#define JOURNEYSIM_DECISION_H

#include <stddef.h>

#include "error.h"

struct decision_data {
	size_t n_worlds, n_scenarios, n_reps, n_params;
	const double *objective;
	const double *experience;
	double experience_weight;
	int better;
	size_t baseline;
	const double *theta;
	const char *const *param_names;
	size_t n_groups;
	const char *const *group_names;
	const size_t *group_size;
	const size_t *const *group_members;
	const char *const *scenario_names;
	const char *objective_text;
	const char *unit;
	size_t n_lambda;
	double lambda_max;
};
struct decision_row {
	double expected, p05, p95, noise_halfwidth, p_best, p_beats_baseline, expected_loss;
};
struct evppi_row {
	char name[160];
	int kind;
	double evppi, share_of_evpi, se;
};
struct decision_result {
	struct decision_row *rows;
	double *rank_prob;
	double *lambda, *accept;
	size_t n_lambda;
	struct evppi_row *evppi;
	size_t n_evppi;
	double evpi;
	double noise_share;
	int noise_warning;
	size_t best;
};
int decision_analyse(const struct decision_data *d, struct decision_result *r, struct js_error *err);
int decision_write(const char *dir, const struct decision_data *d, const struct decision_result *r,
		   struct js_error *err);
void decision_result_fini(struct decision_result *r);

#endif
