/*
 * table.c - the mechanisms the journey calls, in the order their hooks run:
 * technology first (its debt feeds the others), economics last (it adds up
 * what the others measured).
 */
#include "mechanism.h"

const struct mechanism *const mechanism_table[] = {
	&mechanism_policy,   &mechanism_technology, &mechanism_handoff,
	&mechanism_view,     &mechanism_governance, &mechanism_capacity,
	&mechanism_experience, &mechanism_economics, NULL,
};
