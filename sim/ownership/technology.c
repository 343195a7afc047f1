/*
 * technology.c - M4 technology delivery (seeds 000, 001, 002, 004).
 *
 * Who delivers changes to a stage's customer systems sets how long a fix takes
 * to go live. Every change is work for a delivery team with a fixed number of
 * people (technology.capacity), served first come, first served: IT is one
 * team for every stage it runs (one change backlog), embedded or supported
 * systems have a team per function, and a vendor ("own", shadow IT) takes any
 * number at once. The work of one change is Exp(lead_time) for its technology,
 * larger for a system serving more stages (technology.coupling), plus redos
 * (technology.p_redo: an illustrative rate; seed 001's survey shares give only
 * its direction, and its claim about marketing's requirements applies to IT's
 * changes for marketing alone, technology.redo_marketing_factor; cross-trained
 * staff redo less, seed 003).
 *
 * A system bought around IT ("own") starts with integration debt
 * (debt_initial, a stack already in use) that grows every year; a supported
 * vendor system gathers a little. Debt wears the system's integrations,
 * raises context loss at its handoffs, scatters records over more views (M2)
 * and makes its stage break more often (M3).
 *
 * Random numbers: a change's work comes from its defect's own stream
 * (P_CHANGE, by round and side), a lead time then per redo a uniform and a
 * lead time, so every delivery model stretches the same draws.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "mechanisms.h"

/* Stages served by the system of stage s. */
static int stages_served(const struct journey *j, enum stage s)
{
	int n = 0;
	for (int r = 0; r < STAGE_COUNT; r++)
		n += j->od.same_system[r][s];
	return n;
}

/* One change on the system of stage s, submitted now: its work, then its
 * place in the team's queue. Returns the day it goes live. */
static double change_submit(struct journey *j, uint64_t defect, int stream, enum stage s, int cross_trained)
{
	const struct technology_params *tp = &j->co->technology;
	enum tech t = j->own->tech[s];
	gsl_rng *r = journey_rng(j, defect, P_CHANGE, (uint64_t)stream);
	double lead = tp->lead_time[t] * (1 + tp->coupling * (stages_served(j, s) - 1));
	double p = tp->p_redo[t];
	if (t == TECH_IT && s == STAGE_MARKETING)
		p *= tp->redo_marketing_factor; /* seed 001's claim: marketing's requirements, IT's changes */
	if (t == TECH_IT && cross_trained)
		p *= tp->cross_training_redo;
	p = fmin(0.9, p);
	double work = lead * rng_exponential(r, 1.0);
	unsigned redos = 0;
	for (; redos < 20; redos++) {
		if (rng_uniform(r) >= p)
			break;
		work += tp->redo_share * lead * rng_exponential(r, 1.0);
	}
	double now = j->sim.now, start = now;
	int team = j->team_of[s];
	if (team >= 0) {
		double *free_at = j->team_free[team];
		unsigned best = 0;
		for (unsigned k = 1; k < j->team_servers[team]; k++)
			if (free_at[k] < free_at[best])
				best = k;
		start = fmax(now, free_at[best]);
		free_at[best] = start + work;
	}
	if (j->windowed) {
		j->w.changes++;
		j->w.redos += redos;
		j->w.change_wait_sum += start - now;
	}
	return start + work;
}

double technology_changes(struct journey *j, uint64_t defect, int round, enum stage a, enum stage b)
{
	unsigned both = (1u << a) | (1u << b);
	int cross = (j->own->cross_trained & both) != 0;
	double live = change_submit(j, defect, 2 * round, a, cross);
	if (!j->od.same_system[a][b]) /* both systems change */
		live = fmax(live, change_submit(j, defect, 2 * round + 1, b, cross));
	return live;
}

static void teams_build(struct journey *j);

static void technology_day(struct journey *j)
{
	const struct technology_params *tp = &j->co->technology;
	if (j->teams_epoch != j->tr.epoch)
		teams_build(j); /* the model in force changed (a transition) */
	for (int s = 0; s < STAGE_COUNT; s++) {
		double years = (j->sim.now - j->tr.since[s]) / 365; /* since the system came in (0 for most) */
		enum tech t = j->own->tech[s];
		double debt = t == TECH_OWN ? tp->debt_initial + tp->debt_per_year * years
			      : t == TECH_SUPPORTED ? tp->supported_debt_per_year * years
						    : 0;
		j->eff.debt[s] = fmin(1, debt);
	}
}

/* Teams from the data: IT's one team, a team per (technology, function) for
 * embedded and supported systems, none for vendors. Built again when a
 * transition changes the model: IT's backlog stays, the functions' teams
 * start free (changes already under way still go live when due). */
static void teams_build(struct journey *j)
{
	if (j->teams_epoch != j->tr.epoch)
		for (int k = 1; k < TEAM_MAX; k++)
			for (int i = 0; i < TEAM_SERVERS_MAX; i++)
				j->team_free[k][i] = 0;
	j->teams_epoch = j->tr.epoch;
	const struct technology_params *tp = &j->co->technology;
	int owner_of[TEAM_MAX], tech_of[TEAM_MAX], n = 1;
	j->team_servers[0] = tp->capacity[TECH_IT];
	for (int s = 0; s < STAGE_COUNT; s++) {
		enum tech t = j->own->tech[s];
		int team = -1;
		if (t == TECH_IT) {
			team = 0;
		} else if (t == TECH_EMBEDDED || t == TECH_SUPPORTED) {
			int who = j->own->stage_owner[s];
			for (int k = 1; k < n; k++)
				if (owner_of[k] == who && tech_of[k] == (int)t)
					team = k;
			if (team < 0) {
				team = n++;
				owner_of[team] = who;
				tech_of[team] = (int)t;
				j->team_servers[team] = tp->capacity[t];
			}
		}
		if (team >= 0 && (tp->capacity[t] == 0 || j->team_servers[team] > TEAM_SERVERS_MAX))
			team = -1; /* unlimited */
		j->team_of[s] = team;
	}
}

static void technology_start(struct journey *j)
{
	j->teams_epoch = j->tr.epoch;
	teams_build(j);
	technology_day(j);
}

static void technology_finish(struct journey *j, double *m)
{
	double years = (j->sim.now - j->w.start) / 365;
	const struct window *w = &j->w;
	m[M_TECH_CHANGES] = years > 0 ? (double)w->changes / years : NAN;
	m[M_TECH_CHANGE_WAIT] = w->changes ? w->change_wait_sum / (double)w->changes : NAN;
	m[M_TECH_REDOS] = w->changes ? (double)w->redos / (double)w->changes : NAN;
}

const struct mechanism mechanism_technology = {
	.name = "M4 technology delivery",
	.start = technology_start,
	.day = technology_day,
	.finish = technology_finish,
};
