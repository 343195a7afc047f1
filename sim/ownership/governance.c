/*
 * governance.c - M3 governance latency and journey defects (seeds 003, 004).
 *
 * Journey defects (a broken process, an outdated campaign rule, a handoff that
 * no longer fits the market) appear as Poisson processes on each stage and
 * each main transition; a stage whose system is bought around IT has vendor
 * incidents on top. While open, a stage defect may spoil a customer's pass
 * through the stage, and a transition defect adds delay and context loss to
 * its handoffs, each in proportion to its severity (1, or what a compromise
 * fix left). A fix is a decision, then the changes it needs delivered by the
 * technology teams (M4, queued there).
 *
 * Decision latency: a defect inside one owner's area is decided by that owner
 * (decision_single). A defect on a boundary needs the owners on both sides,
 * decided by the model's governance:
 *   single      one decider:                       Exp(decision_single)
 *   bilateral   every party must agree:            max of `parties` Exp(decision_party)
 *   council     waits for the next meeting:        every council_every days (the model's,
 *               else the company's), on the boundaries of its council_spans; others escalate
 *   escalation  the CEO, with other things to do:  Exp(decision_escalation)
 * A bilateral decision may settle for the lowest common denominator (seed
 * 003): with governance.bilateral_compromise its fix leaves the defect open
 * at compromise_residual until a second round of decision and changes.
 *
 * Random numbers: the defects of a day and place are a Poisson count from the
 * place's own stream (GSL's multiplication method: a higher rate never gives
 * fewer defects from the same draws); each defect is named by its day, place
 * and number, and its decision latency (by round), compromise draw and changes
 * come from its own streams, as means times fixed Exp(1) draws, so every
 * governance model stretches the same draws.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "mechanisms.h"

/* The governance that decides transition t (a council outside its spans escalates). */
static enum governance mode_of(const struct journey *j, enum transition t)
{
	if (j->own->governance == GOV_COUNCIL && !ownership_council_spans(j->own, t))
		return GOV_ESCALATION;
	return j->own->governance;
}

static double decision_latency(struct journey *j, const struct defect *d)
{
	const struct governance_params *g = &j->co->governance;
	gsl_rng *r = journey_rng(j, d->key, P_DECISION, (uint64_t)d->round);
	enum transition t = (enum transition)(d->place - STAGE_COUNT);
	if (d->place < STAGE_COUNT || !j->od.boundary[t])
		return rng_exponential(r, g->decision_single);
	switch (mode_of(j, t)) {
	case GOV_SINGLE:
		return rng_exponential(r, g->decision_single);
	case GOV_BILATERAL: {
		double latest = 0;
		for (int k = 0; k < j->od.parties[t]; k++)
			latest = fmax(latest, rng_exponential(r, g->decision_party));
		return latest;
	}
	case GOV_COUNCIL: {
		double every = ownership_council_every(j->own, j->co);
		double next = ceil(j->sim.now / every) * every;
		return next > j->sim.now ? next - j->sim.now : every;
	}
	case GOV_ESCALATION:
	case GOV_COUNT:
		break;
	}
	return rng_exponential(r, g->decision_escalation);
}

/* Defect events carry the defect's index + 1 in the object pointer (the
 * records may move when the array grows). */
static void *defect_encode(int index)
{
	return (void *)(uintptr_t)(index + 1);
}

static int defect_decode(void *p)
{
	return (int)(uintptr_t)p - 1;
}

/* Adds `delta` of severity (and `count` defects) at a place. */
static void place_change(struct journey *j, int place, double delta, int count)
{
	journey_levels_update(j);
	if (place < STAGE_COUNT) {
		j->eff.open_stage_defects[place] += (unsigned)count;
		j->eff.stage_severity[place] = fmax(0, j->eff.stage_severity[place] + delta);
	} else {
		j->eff.open_transition_defects[place - STAGE_COUNT] += (unsigned)count;
		j->eff.transition_severity[place - STAGE_COUNT] =
			fmax(0, j->eff.transition_severity[place - STAGE_COUNT] + delta);
	}
}

static void defect_decided(struct sim *sim, void *journey, void *index);

/* A decision round begins: count it where owners must agree, then wait. */
static void defect_round(struct journey *j, int index)
{
	struct defect *d = &j->defects[index];
	if (d->place >= STAGE_COUNT) {
		enum transition t = (enum transition)(d->place - STAGE_COUNT);
		if (j->od.boundary[t] && j->windowed) {
			j->w.decisions++;
			j->w.decision_parties += (uint64_t)j->od.parties[t];
		}
	}
	sim_event_schedule(&j->sim, decision_latency(j, d), defect_decided, j, defect_encode(index));
}

static void defect_fixed(struct sim *sim, void *journey, void *index_)
{
	(void)sim;
	struct journey *j = journey;
	int index = defect_decode(index_);
	struct defect *d = &j->defects[index];
	if (d->compromise && d->round == 0) {
		/* the lowest common denominator: part of the defect stays for a second round */
		double residual = j->co->governance.compromise_residual;
		place_change(j, d->place, residual - d->severity, 0);
		d->severity = residual;
		d->round = 1;
		defect_round(j, index);
		return;
	}
	place_change(j, d->place, -d->severity, -1);
	if (d->windowed) {
		j->w.defects_fixed++; /* booked when fixed: with change queues the time is known only now */
		j->w.defect_fix_sum += j->sim.now - d->opened;
	}
	d->open = 0;
	d->next_free = j->free_defect;
	j->free_defect = index;
}

static void defect_decided(struct sim *sim, void *journey, void *index_)
{
	struct journey *j = journey;
	int index = defect_decode(index_);
	struct defect *d = &j->defects[index];
	enum stage a, b;
	if (d->place < STAGE_COUNT) {
		a = b = (enum stage)d->place;
	} else {
		a = transition_from[d->place - STAGE_COUNT];
		b = transition_to[d->place - STAGE_COUNT];
	}
	double live = technology_changes(j, d->key, d->round, a, b);
	sim_event_schedule_at(sim, live, defect_fixed, j, index_);
}

/* A new defect at a place; -1 when out of memory (the run fails). */
static int defect_open(struct journey *j, int place, uint64_t key)
{
	if (j->free_defect < 0) {
		if (j->n_defects == j->cap_defects) {
			size_t cap = j->cap_defects ? 2 * j->cap_defects : 64;
			struct defect *nd = realloc(j->defects, cap * sizeof *nd);
			if (!nd) {
				j->sim.failed = SIM_FAIL_MEMORY;
				return -1;
			}
			j->defects = nd;
			j->cap_defects = cap;
		}
		j->defects[j->n_defects].next_free = j->free_defect;
		j->free_defect = (int)j->n_defects++;
	}
	int index = j->free_defect;
	struct defect *d = &j->defects[index];
	j->free_defect = d->next_free;
	*d = (struct defect){.key = key, .opened = j->sim.now, .severity = 1, .place = place, .next_free = -1,
			     .windowed = j->windowed, .open = 1};
	/* drawn for every defect, so that the streams agree across models */
	double u_compromise = rng_uniform(journey_rng(j, key, P_COMPROMISE, 0));
	if (place >= STAGE_COUNT) {
		enum transition t = (enum transition)(place - STAGE_COUNT);
		d->compromise = j->od.boundary[t] && mode_of(j, t) == GOV_BILATERAL &&
				u_compromise < j->co->governance.bilateral_compromise;
	}
	place_change(j, place, 1, 1);
	if (j->windowed)
		j->w.defects_opened++;
	defect_round(j, index);
	return index;
}

/* The key of place index's defects today, and their number at `rate` a day. */
static unsigned defects_today(struct journey *j, int index, double rate, uint64_t *place)
{
	uint64_t day = (uint64_t)llround(j->sim.now);
	*place = rng_key(j->organisation, P_DEFECT_PLACE, day * 16 + (uint64_t)index);
	return gsl_ran_poisson(journey_rng(j, *place, P_DEFECTS, 0), rate);
}

static void governance_day(struct journey *j)
{
	const struct governance_params *g = &j->co->governance;
	const struct technology_params *tp = &j->co->technology;
	uint64_t place;
	for (int s = 0; s < STAGE_COUNT; s++) {
		/* vendor systems drifting apart break more often (M4 debt); bought around IT, they have incidents */
		double per_year = g->stage_defects_per_year * (1 + tp->debt_defects * j->eff.debt[s]);
		if (j->own->tech[s] == TECH_OWN)
			per_year += tp->own_incidents_per_year;
		for (unsigned n = defects_today(j, s, per_year / 365, &place); n > 0; n--)
			if (defect_open(j, s, rng_key(place, P_DEFECT, n)) < 0)
				return;
	}
	for (int t = 0; t < TR_MAIN_COUNT; t++) {
		double rate = g->boundary_defects_per_year / 365;
		for (unsigned n = defects_today(j, STAGE_COUNT + t, rate, &place); n > 0; n--)
			if (defect_open(j, STAGE_COUNT + t, rng_key(place, P_DEFECT, n)) < 0)
				return;
	}
}

static void governance_pass(struct journey *j, struct customer *c, enum stage s, double *p_ok)
{
	(void)c;
	double severity = j->eff.stage_severity[s];
	if (severity > 0) {
		/* severity changes only when a defect opens or is fixed: pow once per change */
		double base = 1 - j->co->governance.defect_failure;
		if (j->pass_base[s] != base || j->pass_severity[s] != severity) {
			j->pass_factor[s] = pow(base, severity);
			j->pass_base[s] = base;
			j->pass_severity[s] = severity;
		}
		*p_ok *= j->pass_factor[s];
	}
}

static void governance_handoff(struct journey *j, struct customer *c, enum transition t,
			       struct handoff_outcome *o)
{
	(void)c;
	double severity = j->eff.transition_severity[t];
	if (severity > 0) {
		o->delay += j->co->governance.defect_delay * severity;
		o->p_loss += j->co->governance.defect_loss * severity;
	}
}

static void governance_start(struct journey *j)
{
	j->free_defect = -1;
}

/* defects.fix_days: over the defects opened in the window, as before the
 * change queues; one still open at the horizon counts with its age then (a
 * lower bound of its fix time). */
static void governance_finish(struct journey *j, double *m)
{
	double sum = j->w.defect_fix_sum, n = (double)j->w.defects_fixed;
	for (size_t i = 0; i < j->n_defects; i++)
		if (j->defects[i].open && j->defects[i].windowed) {
			sum += j->sim.now - j->defects[i].opened;
			n++;
		}
	m[M_DEFECT_FIX] = n > 0 ? sum / n : NAN;
}

const struct mechanism mechanism_governance = {
	.name = "M3 governance latency",
	.start = governance_start,
	.finish = governance_finish,
	.day = governance_day,
	.pass = governance_pass,
	.handoff = governance_handoff,
};
