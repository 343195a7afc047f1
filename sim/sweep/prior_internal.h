/*
 * prior_internal.h - what prior_read.c (the group) and prior_one.c (one
 * prior) share; nothing outside them uses it.
 */
#ifndef JOURNEYSIM_PRIOR_INTERNAL_H
#define JOURNEYSIM_PRIOR_INTERNAL_H

#include <libconfig.h>

#include "prior.h"

struct reader {
	const struct scenario_file *f;
	struct prior_set *ps;
	struct scenario *scratch; /* a copy of a scenario to try values on */
	struct js_error *err;
};

/* Located errors "expected X, got <the value>" and "expected X, got nothing" (member of g). */
int prior_type_error(struct reader *r, const config_setting_t *s, const char *expect);
int prior_missing(struct reader *r, const config_setting_t *g, const char *member, const char *expect);
/* A plain number in [lo, hi] (open ends when the flags say so). */
int prior_number(struct reader *r, const config_setting_t *s, double lo, int lo_open, double hi, int hi_open,
		 const char *expect, double *v);
/* One of names (with a suggestion); *out its index. */
/* A path as written, "company." dropped. */
const char *prior_path_text(const config_setting_t *s);
/* Reads and checks the prior group g into p. */
int prior_one_read(struct reader *r, const config_setting_t *g, struct prior *p);

#endif
