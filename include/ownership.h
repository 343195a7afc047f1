/*
 * ownership.h - what an ownership model implies for the journey, derived from
 * its data alone: where the boundaries are, which stages share customer
 * context, how many customer-data systems and governance parties there are,
 * and whose metric focus sets each stage's policy.
 *
 * Nothing here (or anywhere outside config/presets/) names a preset: every
 * number comes from owners, stage ownership, technology, systems, integrations
 * and governance.
 */
#ifndef JOURNEYSIM_OWNERSHIP_H
#define JOURNEYSIM_OWNERSHIP_H

#include "scenario.h"

struct ownership_derived {
	int boundary[TR_COUNT];    /* 1 when the two stages have different owners */
	int coordinated[TR_COUNT]; /* 1 when a journey owner or a council spans the boundary */
	int parties[TR_COUNT];     /* owners whose agreement a decision on this transition needs */
	int n_boundaries;          /* over the main journey (marketing->sales->delivery->service) */
	int n_systems;             /* distinct customer-data systems */
	int n_parties;             /* sum of parties over the main journey's boundaries */
	int system_of[STAGE_COUNT]; /* index of each stage's system, 0..n_systems-1 */
	int integrated[STAGE_COUNT][STAGE_COUNT]; /* systems of the two stages are integrated (or the same) */
	int same_system[STAGE_COUNT][STAGE_COUNT];
	enum focus policy_focus[STAGE_COUNT]; /* focus that sets the stage's local policy */
	int n_tech[TECH_COUNT];    /* systems by technology ownership */
};

/* Derives everything above. The model must be valid (scenario loading checks). */
void ownership_derive(const struct ownership *m, struct ownership_derived *d);

/* Checks references and ranges; -1 with a message in why (no location). */
int ownership_validate(const struct ownership *m, char *why, size_t why_len);

#endif
