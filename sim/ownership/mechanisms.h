/*
 * mechanisms.h - what the mechanism files of sim/ownership/ share among
 * themselves: each mechanism's hook set (for the table), and the few answers
 * one mechanism gives another. The journey includes none of this: it knows
 * the mechanisms only as mechanism_table (journey_internal.h).
 */
#ifndef JOURNEYSIM_MECHANISMS_H
#define JOURNEYSIM_MECHANISMS_H

#include "../journey/journey_internal.h"

extern const struct mechanism mechanism_handoff, mechanism_view, mechanism_governance,
	mechanism_technology, mechanism_policy, mechanism_capacity, mechanism_economics;

/* Shared-context quality Q between two stages' systems (M1, handoff.c): 1 for
 * one system, integration quality x (1 - debt) for integrated systems, 0
 * otherwise. Read by M2. */
double handoff_shared_context(const struct journey *j, enum stage a, enum stage b);

/* Submits now the changes a fix needs on the systems of stages a and b
 * (one when they share a system) to their delivery teams (M4,
 * technology.c), for decision round `round` of the defect whose key is
 * `defect` (its streams P_CHANGE by round and side). Returns the day the
 * last goes live. Read by M3. */
double technology_changes(struct journey *j, uint64_t defect, int round, enum stage a, enum stage b);

/* Money per year of pool p's staff (M6, capacity.c): servers x cost per
 * server, or busy mean x cost per server when unlimited. Read by M8. */
double capacity_pool_cost(const struct journey *j, enum pool_id p);

#endif
