/*
 * decision.h - the statistics of a decision under uncertainty, on plain
 * arrays (no simulation): given each world's replications of every scenario,
 * the decision table, rank probabilities, the acceptability curve over the
 * weight of experience, EVPI and EVPPI, and the share of the variance that is
 * simulation noise (decision.c, evppi.c); their four CSV files
 * (decision_write.c). `journeysim decide` fills the arrays from its worlds;
 * docs/decide.md says how a board reads each output and how it is estimated.
 *
 * Conventions. Internally "higher is better" everywhere (a cost objective,
 * better = -1, is negated), but every value written is in the objective's own
 * sign and unit, except expected_loss, EVPI and EVPPI, which are amounts of
 * the objective (>= 0) that a wrong choice loses. Per world and scenario the
 * value NB[w][s] is the mean of the finite replications of the objective.
 *
 * Ownership: decision_data points to the caller's arrays (nothing copied);
 * decision_result owns its arrays (decision_result_fini, safe twice and on a
 * zeroed result). Deterministic: the same data give the same bytes (the
 * standard errors use a keyed generator seeded from the row's name).
 */
#ifndef JOURNEYSIM_DECISION_H
#define JOURNEYSIM_DECISION_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct decision_data {
	size_t n_worlds, n_scenarios, n_reps, n_params;
	const double *objective;    /* [(w * n_scenarios + s) * n_reps + r]: the declared objective per replication */
	const double *experience;   /* same layout: experience.mean per replication (acceptability); NULL: none */
	double experience_weight;   /* the objective's own weight on experience.mean (0 if none), money/year per point
				       (what a point is worth: for a cost objective, the W of cost - W*experience) */
	int better;                 /* +1 higher is better (margin), -1 lower (cost) */
	size_t baseline;            /* scenario index of the baseline (0) */
	const double *theta;        /* [w * n_params + j]: world w's value of parameter j */
	const char *const *param_names;    /* n_params paths */
	size_t n_groups; const char *const *group_names; const size_t *group_size; const size_t *const *group_members;
	const char *const *scenario_names;
	const char *objective_text;        /* "margin" ... for the objective column */
	const char *unit;                  /* the objective's unit with currency: "EUR/year" */
	size_t n_lambda;                   /* acceptability grid points (0: 41) */
	double lambda_max;                 /* highest experience weight (0: automatic, documented) */
	/* added to the contract: */
	const double *param_corr;          /* [j * param_corr_stride + k]: the priors' rank correlations, as
					      prior_set.corr (stride PRIOR_MAX) when has_corr; NULL: independent */
	size_t param_corr_stride;          /* 0: n_params */
};

struct decision_row { double expected, p05, p95, noise_halfwidth, p_best, p_beats_baseline, expected_loss; };
struct evppi_row { char name[160]; int kind; /* 0 parameter, 1 group, 2 (all) */ double evppi, share_of_evpi, se; };

struct decision_result {
	struct decision_row *rows;   /* n_scenarios */
	double *rank_prob;           /* [s * n_scenarios + (rank - 1)] */
	double *lambda, *accept;     /* n_lambda; accept[k * n_scenarios + s] */
	size_t n_lambda;
	struct evppi_row *evppi; size_t n_evppi;  /* parameters in order, then groups, then "(all)" */
	double evpi;
	double noise_share;          /* share of the across-world variance of the per-world values that is simulation noise */
	int noise_warning;           /* noise_share above the documented threshold */
	size_t best;                 /* highest expected value (lowest for better = -1) */
};

/* Everything above. Errors (EX_DATAERR): sizes of 0, a baseline out of range,
 * a world and scenario without one finite replication, a non-finite theta.
 * (EX_OSERR: out of memory.) 0, or -1 with err; r is then freed. */
int decision_analyse(const struct decision_data *d, struct decision_result *r, struct js_error *err);
/* decision.csv, ranks.csv, acceptability.csv, evppi.csv into dir, atomically (files.h). */
int decision_write(const char *dir, const struct decision_data *d, const struct decision_result *r, struct js_error *err);
void decision_result_fini(struct decision_result *r);

/* ---- additions to the contract of issue 14 ---- */

#define DECISION_NOISE_WARN 0.3     /* noise_share above this sets noise_warning */
#define DECISION_LAMBDA_POINTS 41   /* acceptability grid when n_lambda is 0 */

/* What the noise share means, one sentence for the CLI to print (no
 * newline): a warning when noise_warning is set, a note when the share
 * cannot be estimated (one replication); returns 1 then, 0 (buf "") when
 * there is nothing to say. */
int decision_noise_note(const struct decision_data *d, const struct decision_result *r, char *buf, size_t len);

/* ---- the EVPPI estimator (evppi.c) ----
 *
 * Single-loop non-parametric regression (Strong, Oakley & Brennan 2014):
 * inb[w * n_alt + a] is world w's incremental net benefit of alternative a
 * against the baseline (higher is better); it is regressed on the m columns
 * cols[] of x[w * n_cols + c] (the parameters of interest) and on the
 * n_adjust columns adjust[] (other parameters, independent of those of
 * interest, then held at their means). The block of interest is chosen by
 * generalised cross-validation (GCV) among the mean alone, B-splines with a
 * rising number of knots, indicators of the values of a discrete parameter,
 * and for several parameters their additive model or full quadratic. Then
 * EVPPI = mean_w max(0, max_a g_a(w)) - max(0, max_a mean_w g_a(w)) on the
 * conditional values g, and its standard error from coefficients drawn from
 * the regression's approximate posterior (key seeds the draws). evppi.c's
 * comment gives the details. */
struct evppi_estimate {
	double evppi;    /* >= 0 (Jensen), not yet clipped at the EVPI */
	double se;       /* standard error of the regression; NaN with too few worlds */
	size_t columns;  /* regression columns of the largest model chosen (intercept included) */
	int adjusted;    /* the adjustment block was used */
};
/* fitted (may be NULL): receives g[w * n_alt + a]. 0, or -1 with err (EX_OSERR). */
int evppi_regression(const double *inb, size_t n_worlds, size_t n_alt, const double *x, size_t n_cols,
		     const size_t *cols, size_t m, const size_t *adjust, size_t n_adjust, uint64_t key, double *fitted,
		     struct evppi_estimate *e, struct js_error *err);

#endif
