/*
 * ownership.c - what an ownership model implies, derived from its data:
 * boundaries, coordination, systems, shared context, governance parties and
 * whose focus sets each stage's policy. No preset is named here.
 */
#include <stdio.h>
#include <string.h>

#include "ownership.h"

static int owner_valid(const struct ownership *m, int i)
{
	return i >= 0 && (unsigned)i < m->n_owners;
}

int ownership_validate(const struct ownership *m, char *why, size_t why_len)
{
	if (m->n_owners == 0 || m->n_owners > OWNER_MAX) {
		snprintf(why, why_len, "a model needs 1 to %d owners, got %u", OWNER_MAX, m->n_owners);
		return -1;
	}
	for (int s = 0; s < STAGE_COUNT; s++) {
		if (!owner_valid(m, m->stage_owner[s])) {
			snprintf(why, why_len, "stage %s has no owner", stage_names[s]);
			return -1;
		}
		if (!m->system[s][0]) {
			snprintf(why, why_len, "stage %s has no customer-data system", stage_names[s]);
			return -1;
		}
	}
	if (m->journey_owner != -1 && !owner_valid(m, m->journey_owner)) {
		snprintf(why, why_len, "journey owner is not an owner of the model");
		return -1;
	}
	if (m->it_owner != -1 && !owner_valid(m, m->it_owner)) {
		snprintf(why, why_len, "IT owner is not an owner of the model");
		return -1;
	}
	if (m->decider != -1 && !owner_valid(m, m->decider)) {
		snprintf(why, why_len, "decider is not an owner of the model");
		return -1;
	}
	if (m->n_integrations > INTEGRATION_MAX) {
		snprintf(why, why_len, "at most %d integrated pairs", INTEGRATION_MAX);
		return -1;
	}
	return 0;
}

/* Owners whose agreement a decision on transition t needs, by governance. */
static int transition_parties(const struct ownership *m, enum transition t)
{
	enum stage a = transition_from[t], b = transition_to[t];
	if (m->stage_owner[a] == m->stage_owner[b])
		return 1;
	enum governance mode = m->governance;
	if (mode == GOV_COUNCIL && !ownership_council_spans(m, t))
		mode = GOV_ESCALATION; /* outside the council's remit: up to the CEO */
	switch (mode) {
	case GOV_SINGLE:
	case GOV_COUNCIL:
		return 1; /* one decider, or one body */
	case GOV_BILATERAL:
	case GOV_ESCALATION: {
		int n = 2;
		int it = m->it_owner;
		if (it >= 0 && (m->tech[a] == TECH_IT || m->tech[b] == TECH_IT) &&
		    it != m->stage_owner[a] && it != m->stage_owner[b])
			n++; /* the platform's owner must agree too */
		return mode == GOV_ESCALATION ? n + 1 : n; /* + the CEO */
	}
	case GOV_COUNT:
		break;
	}
	return 1;
}

void ownership_derive(const struct ownership *m, struct ownership_derived *d)
{
	memset(d, 0, sizeof *d);

	/* systems: stages naming the same system share it */
	for (int s = 0; s < STAGE_COUNT; s++) {
		d->system_of[s] = -1;
		for (int r = 0; r < s; r++)
			if (strcmp(m->system[r], m->system[s]) == 0) {
				d->system_of[s] = d->system_of[r];
				break;
			}
		if (d->system_of[s] < 0) {
			d->system_of[s] = d->n_systems++;
			d->n_tech[m->tech[s]]++;
		}
	}
	for (int a = 0; a < STAGE_COUNT; a++)
		for (int b = 0; b < STAGE_COUNT; b++) {
			d->same_system[a][b] = d->system_of[a] == d->system_of[b];
			d->integrated[a][b] = d->same_system[a][b];
		}
	for (unsigned i = 0; i < m->n_integrations && i < INTEGRATION_MAX; i++) {
		enum stage a = m->integration[i][0], b = m->integration[i][1];
		/* integration links systems, so every stage on either system gains */
		for (int x = 0; x < STAGE_COUNT; x++)
			for (int y = 0; y < STAGE_COUNT; y++)
				if ((d->system_of[x] == d->system_of[a] && d->system_of[y] == d->system_of[b]) ||
				    (d->system_of[x] == d->system_of[b] && d->system_of[y] == d->system_of[a]))
					d->integrated[x][y] = 1;
	}

	for (int t = 0; t < TR_COUNT; t++) {
		enum stage a = transition_from[t], b = transition_to[t];
		d->boundary[t] = m->stage_owner[a] != m->stage_owner[b];
		d->coordinated[t] = d->boundary[t] &&
				    (m->journey_owner >= 0 || ownership_council_spans(m, (enum transition)t));
		d->parties[t] = transition_parties(m, (enum transition)t);
		if (t < TR_MAIN_COUNT && d->boundary[t]) {
			d->n_boundaries++;
			d->n_parties += d->parties[t];
		}
	}

	for (int s = 0; s < STAGE_COUNT; s++) {
		int who = m->journey_owner >= 0 ? m->journey_owner : m->stage_owner[s];
		d->policy_focus[s] = m->owners[who].focus;
		/* a journey owner may run marketing for volume while the rest of the
		 * journey is run for experience, or the other way round */
		if (s == STAGE_MARKETING && m->journey_owner >= 0 && m->journey_marketing_focus)
			d->policy_focus[s] = (enum focus)(m->journey_marketing_focus - 1);
	}
}

double ownership_council_every(const struct ownership *m, const struct company *co)
{
	return m->council_every > 0 ? m->council_every : co->governance.council_every;
}

int ownership_council_spans(const struct ownership *m, enum transition t)
{
	return m->governance == GOV_COUNCIL && (m->council_spans == 0 || (m->council_spans >> t & 1u));
}

double ownership_relief(const struct company *co, const struct ownership *m, const struct ownership_derived *d,
			enum transition t)
{
	if (!d->coordinated[t])
		return 0;
	if (m->relief_set)
		return m->relief;
	const struct governance_params *g = &co->governance;
	double r = 0;
	if (m->journey_owner >= 0)
		r = co->handoff.coordination_relief;
	if (ownership_council_spans(m, t)) {
		double live = g->council_live_days, every = ownership_council_every(m, co);
		double council = g->relief_council_rules + g->relief_council_live * live / (live + every);
		r = council > r ? council : r;
	}
	return r > 1 ? 1 : r;
}

double ownership_it_weight(const struct company *co, const struct ownership *m, const struct ownership_derived *d)
{
	int it = m->it_owner;
	int setter = m->journey_owner >= 0 ? m->journey_owner : m->stage_owner[STAGE_SERVICE];
	if (it < 0 || setter == it || m->tech[STAGE_SERVICE] != TECH_IT)
		return 0;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (d->same_system[s][STAGE_SERVICE] && m->stage_owner[s] != m->stage_owner[STAGE_SERVICE])
			return co->policy.it_weight_shared;
	return co->policy.it_weight_departmental;
}

double ownership_service_lever(const struct company *co, const struct ownership *m,
			       const struct ownership_derived *d, const double lever[FOCUS_COUNT])
{
	double w = ownership_it_weight(co, m, d);
	double own = lever[d->policy_focus[STAGE_SERVICE]];
	if (w <= 0)
		return own;
	return (1 - w) * own + w * lever[m->owners[m->it_owner].focus];
}

static int owner_named(const struct ownership *m, const char *name)
{
	for (unsigned i = 0; i < m->n_owners; i++)
		if (strcmp(m->owners[i].name, name) == 0)
			return 1;
	return 0;
}

double ownership_one_off(const struct company *co, const struct ownership *from, const struct ownership *to)
{
	const struct transition_params *tp = &co->transition;
	struct ownership_derived df, dt;
	ownership_derive(from, &df);
	ownership_derive(to, &dt);
	double cost = 0;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (strcmp(from->system[s], to->system[s]) != 0 || from->tech[s] != to->tech[s])
			cost += tp->migration_cost;
	/* integrated pairs of distinct systems the baseline does not join, each once */
	int built[STAGE_COUNT][STAGE_COUNT] = {{0}};
	for (int a = 0; a < STAGE_COUNT; a++)
		for (int b = a + 1; b < STAGE_COUNT; b++) {
			int x = dt.system_of[a], y = dt.system_of[b];
			if (!dt.integrated[a][b] || dt.same_system[a][b] || df.integrated[a][b] || built[x][y])
				continue;
			built[x][y] = built[y][x] = 1;
			cost += tp->integration_build_cost;
		}
	for (unsigned i = 0; i < to->n_owners; i++)
		if (!owner_named(from, to->owners[i].name))
			cost += tp->hiring_share * to->owners[i].cost_per_year;
	return cost;
}
