/*
 * view.c - M2 fragmented customer view (seed 002: "a highly fragmented view of
 * the customer that results in a disjointed set of communications").
 *
 * The chance that a touch or a contact carries a conflicting message grows
 * with the number of unintegrated systems that hold the customer's records,
 * and with the number of owners who speak to the customer unless someone
 * coordinates them (seed 004: no single executive owns the joined-up
 * experience):
 *   p = p_base + p_per_system * (islands - 1) + p_per_owner * (owners - 1) * (1 - mean R)
 * where islands counts the systems of the stages the customer has visited,
 * less the quality of the integrations that join them (a spanning forest, so
 * an integration worn by debt joins only partly); a system bought around IT
 * with debt x counts as 1 + own_islands * x views (records scattered over
 * vendor tools, seed 002). owners counts the distinct owners of the visited
 * stages, mean R the mean relief over the main boundaries between them.
 */
#include <string.h>

#include "mechanisms.h"

/* Effective number of separate customer views for a set of visited stages. */
static double islands(const struct journey *j, unsigned visited)
{
	int stage_of_system[STAGE_COUNT], n = 0;
	for (int s = 0; s < STAGE_COUNT; s++) {
		if (!(visited & (1u << s)))
			continue;
		int known = 0;
		for (int k = 0; k < n; k++)
			known |= j->od.same_system[stage_of_system[k]][s];
		if (!known)
			stage_of_system[n++] = s;
	}
	/* Kruskal on at most 4 systems: join the best-integrated pairs first */
	int root[STAGE_COUNT];
	for (int k = 0; k < n; k++)
		root[k] = k;
	double joined = 0;
	for (int step = 0; step < n - 1; step++) {
		double best = 0;
		int bx = -1, by = -1;
		for (int x = 0; x < n; x++)
			for (int y = x + 1; y < n; y++) {
				double q = handoff_shared_context(j, (enum stage)stage_of_system[x],
								  (enum stage)stage_of_system[y]);
				if (root[x] != root[y] && q > best) {
					best = q;
					bx = x;
					by = y;
				}
			}
		if (bx < 0)
			break;
		int old = root[by];
		for (int k = 0; k < n; k++)
			if (root[k] == old)
				root[k] = root[bx];
		joined += best;
	}
	/* shadow stacks scatter records over vendor tools as their debt grows */
	double scattered = 0;
	for (int k = 0; k < n; k++)
		if (j->own->tech[stage_of_system[k]] == TECH_OWN)
			scattered += j->co->technology.own_islands * j->eff.debt[stage_of_system[k]];
	return n - joined + scattered;
}

/* The owners term: (distinct owners - 1) x (1 - mean relief over the main boundaries between visited stages). */
static double owners_term(const struct journey *j, unsigned visited)
{
	unsigned seen = 0;
	int owners = 0;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (visited & (1u << s)) {
			unsigned bit = 1u << j->own->stage_owner[s];
			owners += !(seen & bit);
			seen |= bit;
		}
	if (owners < 2)
		return 0;
	double relief = 0;
	int n = 0;
	for (int t = 0; t < TR_MAIN_COUNT; t++)
		if (j->od.boundary[t] && (visited >> transition_from[t] & 1u) && (visited >> transition_to[t] & 1u)) {
			relief += j->eff.relief[t];
			n++;
		}
	return (owners - 1) * (1 - (n ? relief / n : 0));
}

static void view_refresh(struct journey *j)
{
	const struct view_params *v = &j->co->view;
	/* p_inconsistent is a function of these (and of the company, fixed): skip when none changed */
	if (j->view_inputs.known && j->view_inputs.epoch == j->tr.epoch && j->view_inputs.own == j->own &&
	    memcmp(j->view_inputs.debt, j->eff.debt, sizeof j->eff.debt) == 0 &&
	    memcmp(j->view_inputs.relief, j->eff.relief, sizeof j->eff.relief) == 0)
		return;
	j->view_inputs.known = 1;
	j->view_inputs.epoch = j->tr.epoch;
	j->view_inputs.own = j->own;
	memcpy(j->view_inputs.debt, j->eff.debt, sizeof j->eff.debt);
	memcpy(j->view_inputs.relief, j->eff.relief, sizeof j->eff.relief);
	for (unsigned mask = 0; mask < (1u << STAGE_COUNT); mask++) {
		double n = islands(j, mask);
		j->eff.p_inconsistent[mask] =
			v->p_base + v->p_per_system * (n > 1 ? n - 1 : 0) + v->p_per_owner * owners_term(j, mask);
	}
}

static void view_touch(struct journey *j, struct customer *c, double *p)
{
	*p += j->eff.p_inconsistent[c->visited];
}

const struct mechanism mechanism_view = {
	.name = "M2 fragmented customer view",
	.start = view_refresh,
	.touch = view_touch,
	.day = view_refresh, /* integration debt changes daily */
};
