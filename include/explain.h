/*
 * explain.h - why two scenarios differ: the paired difference A - B of each
 * headline KPI decomposed into the parts of the ownership and company data in
 * which A differs from B, by Shapley values under common random numbers
 * (docs/explain.md).
 *
 * A part is a fixed set of fields (explain_mix.c says which); every subset of
 * the parts that differ is a mixed scenario: B's data with those parts taken
 * from A, built once as data (no code names a preset). Every mixed scenario
 * runs the same replications on the same streams, so the empty set is B's
 * result, the full set A's, and the contributions of one replication add up
 * to its paired difference.
 */
#ifndef JOURNEYSIM_EXPLAIN_H
#define JOURNEYSIM_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "experiment.h"
#include "metrics.h"
#include "scenario.h"

/* The parts, in the order of every output (docs/explain.md lists their fields). */
enum explain_part {
	PART_STAGE_OWNERS, /* who runs each stage; the executives' titles and costs; owners nothing else names */
	PART_JOURNEY_OWNER,
	PART_TECHNOLOGY,   /* technology ownership per stage, the central platform's owner */
	PART_SYSTEMS,      /* customer-data systems and integrations */
	PART_GOVERNANCE,   /* mode, decider, council members */
	PART_POLICY,       /* the owners' metric focus */
	PART_COMPANY,      /* the scenario's company (its overrides) */
	EXPLAIN_PART_COUNT
};
#define EXPLAIN_ALL_PARTS ((1u << EXPLAIN_PART_COUNT) - 1)

struct explain_part_info {
	const char *id;    /* "stage_owners": explain.csv's part */
	const char *label; /* "Stage owners" */
};
extern const struct explain_part_info explain_parts[EXPLAIN_PART_COUNT];

/* ---- mixed scenarios (explain_mix.c) ---- */

/* A field of struct ownership and its part: copied as bytes (by_name 0) or
 * rebuilt from owners matched by name (1). EXPLAIN_PART_LABELS: the model's
 * name, description and source, which follow A only in the full mix. The
 * table covers every field (tests/test_explain.c checks that it tiles the
 * struct). */
#define EXPLAIN_PART_LABELS EXPLAIN_PART_COUNT
struct explain_field {
	const char *name;
	size_t offset, size, align;
	int part;
	int by_name;
};
const struct explain_field *explain_ownership_fields(size_t *n);

/* B with the parts of the mask `parts` (bit i: enum explain_part i) taken
 * from A: out gets B's name and description, and is a valid scenario
 * (ownership_validate). parts 0 gives B byte for byte, EXPLAIN_ALL_PARTS A's
 * company and ownership byte for byte (A's name and description too). 0, or
 * -1 with err (EX_CONFIG) when the mix is not a valid model. */
int explain_mix(const struct scenario *a, const struct scenario *b, unsigned parts, struct scenario *out,
		struct js_error *err);

/* The mask of the parts whose data differ between A and B (owners compared
 * by name); copying any other part changes nothing. */
unsigned explain_parts_differing(const struct scenario *a, const struct scenario *b);

/* ---- the decomposition (explain.c) ---- */

#define EXPLAIN_EXACT_MAX 7     /* parts up to which every subset runs */
#define EXPLAIN_PERMUTATIONS 64 /* sampled permutations per replication beyond that */
#define EXPLAIN_METRICS_MAX 8

struct explain_options {
	unsigned jobs;
	struct progress *progress; /* or NULL */
	unsigned exact_max;        /* 0: EXPLAIN_EXACT_MAX (tests force sampling with less) */
	unsigned permutations;     /* 0: EXPLAIN_PERMUTATIONS */
};

/* A row group of explain.csv: a metric, or the weighted objective. */
struct explain_metric {
	const char *name; /* metric name as in summary.csv, or "objective" */
	int metric;       /* metric id; the objective's primary for "objective" */
	int objective;    /* 1: the objective's value */
};

struct explain {
	char a[NAME_LEN], b[NAME_LEN];
	unsigned differing;                    /* mask of enum explain_part */
	size_t k;                              /* parts that differ */
	enum explain_part part[EXPLAIN_PART_COUNT]; /* them, in order */
	int exact;                             /* 1: every subset; 0: sampled permutations */
	unsigned permutations;                 /* per replication when sampled, else 0 */
	size_t n_subsets;                      /* mixed scenarios run (each for every replication) */
	unsigned replications;
	size_t n_metrics;
	struct explain_metric metrics[EXPLAIN_METRICS_MAX];
	size_t objective_row;                  /* the metrics row of the objective (margin without one) */
	/* per replication: [(metric * (k + 2) + term) * replications + r], term
	 * 0..k-1 the parts' Shapley values, k the interaction, k + 1 the total */
	double *values;
};

/* Decomposes scenario a minus scenario b of f (indexes, a != b) on the
 * headline metrics and o (the objective). 0, or -1 with err. */
int explain_run(const struct scenario_file *f, size_t a, size_t b, const struct objective *o,
		const struct explain_options *opt, struct explain *x, struct js_error *err);
void explain_fini(struct explain *x);

/* The summary over replications of term t (a part's index, x->k for the
 * interaction, x->k + 1 for the total) of metric m. */
void explain_summary(const struct explain *x, size_t m, size_t t, struct summary *out);

/* Finds scenario "A-B" of f by name (names may hold '-': every split is
 * tried). 0, or -1 with a usage error (EX_USAGE) naming what is wrong. */
int explain_contrast_parse(const struct scenario_file *f, const char *text, size_t *a, size_t *b,
			   struct js_error *err);

/* ---- the files (explain_write.c) ---- */

struct explain_meta {
	const char *version;
	int argc;
	char *const *argv;
	const char *created;
	const char *config; /* the file's path */
	uint64_t seed;
	double wall_seconds;
	const struct objective *objective;
	const char *currency;
};

/* Writes explain.csv and explain.json into dir. 0, or -1 with err. */
int explain_write(const struct explain *x, const struct explain_meta *meta, const char *dir, struct js_error *err);

#endif
