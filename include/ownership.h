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

/* Days between the model's council meetings: its own, else the company's. */
double ownership_council_every(const struct ownership *m, const struct company *co);

/* Does the council decide (and coordinate) transition t? Only under mode
 * council, on the transitions of its council_spans (all when none given). */
int ownership_council_spans(const struct ownership *m, enum transition t);

/* Coordination relief R(t) on transition t (docs/model.md, §3 M1):
 *   0 off a boundary or where nobody coordinates;
 *   journey owner: handoff.coordination_relief (continuous);
 *   council:       relief_council_rules + relief_council_live * L / (L + every), L = council_live_days;
 *   the larger of the two when both; a model's governance.relief replaces it on every coordinated t. */
double ownership_relief(const struct company *co, const struct ownership *m, const struct ownership_derived *d,
			enum transition t);

/* Weight w of the IT owner's focus on the service levers (X = (1-w) X[setter] + w X[IT]):
 * policy.it_weight.shared when service's system is run by IT and shared with a stage of another owner,
 * policy.it_weight.departmental when run by IT otherwise, 0 when not IT-run, without an IT owner, or when
 * the IT owner sets service's policy. */
double ownership_it_weight(const struct company *co, const struct ownership *m, const struct ownership_derived *d);

/* A focus lever blended with the IT owner's focus by ownership_it_weight. */
double ownership_service_lever(const struct company *co, const struct ownership *m,
			       const struct ownership_derived *d, const double lever[FOCUS_COUNT]);

/* One-off cost of moving from model `from` to model `to` (finding 3):
 * migration_cost x stages whose (system, technology) differ + integration_build_cost x integrated
 * pairs of systems `from` lacks + hiring_share x yearly cost of owners `from` lacks. */
double ownership_one_off(const struct company *co, const struct ownership *from, const struct ownership *to);

/* Checks references and ranges; -1 with a message in why (no location). */
int ownership_validate(const struct ownership *m, char *why, size_t why_len);

#endif
