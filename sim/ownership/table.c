/*
 * table.c - the mechanisms the journey calls (journey_internal.h).
 *
 * At each fixed point the journey calls that point's hook of every mechanism,
 * top to bottom in this table. The order matters in three places; elsewhere
 * no hook reads what another writes at the same point:
 *
 *   - technology before view and governance: its start and day hooks set the
 *     integration debt that view's start and day hooks (shared context) and
 *     governance's day hook (defect rates) read on the same tick;
 *   - handoff before governance: both add to a handoff's delay and loss, and
 *     floating-point sums depend on their order (swapping them changes
 *     results in the last bits, so the outputs would no longer match);
 *   - capacity before economics: economics' finish adds up the staff and
 *     rework costs that capacity's finish wrote.
 *
 * Policy sets the stage policies (thresholds, pool speeds) in its start hook,
 * which no other start hook reads; it comes first so that everything after it
 * may. The experience score (M7) is the journey's own (sim/journey/experience.c).
 */
#include "mechanisms.h"

const struct mechanism *const mechanism_table[] = {
	&mechanism_policy,     /* M5: start */
	&mechanism_technology, /* M4: start, day */
	&mechanism_handoff,    /* M1: start, handoff, decide */
	&mechanism_view,       /* M2: start, touch, day */
	&mechanism_governance, /* M3: handoff, pass, day */
	&mechanism_capacity,   /* M6: finish */
	&mechanism_economics,  /* M8: finish */
	NULL,
};
