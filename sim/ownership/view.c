/*
 * view.c - M2 fragmented customer view (seed 002: "a highly fragmented view of
 * the customer that results in a disjointed set of communications").
 *
 * The chance that a touch or a contact carries a conflicting message grows
 * with the number of unintegrated systems that hold the customer's records:
 *   p = p_base + p_per_system * (islands - 1)
 * where islands counts the systems of the stages the customer has visited,
 * less the quality of the integrations that join them (a spanning forest, so
 * an integration worn by debt joins only partly).
 */
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
	return n - joined;
}

static void view_refresh(struct journey *j)
{
	const struct view_params *v = &j->co->view;
	for (unsigned mask = 0; mask < (1u << STAGE_COUNT); mask++) {
		double n = islands(j, mask);
		j->eff.p_inconsistent[mask] = v->p_base + v->p_per_system * (n > 1 ? n - 1 : 0);
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
