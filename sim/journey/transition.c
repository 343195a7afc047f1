/*
 * transition.c - a scenario's move from one ownership model to another during
 * the run (the scenario's `transition` group; docs/model.md, "Transitions"),
 * and the money that accrues over time.
 *
 * The journey runs the `from` model until run.warmup + transition.at, then
 * switches its ownership data (j->own, j->od) to the scenario's model at the
 * first day tick at or after that day, before the mechanisms' day hooks, so
 * that every mechanism sees the new model on the same tick through its day
 * hook (no code path names a preset). During the ramp (transition.duration)
 * progress rises linearly from 0 to 1: the mechanisms phase the new model's
 * coordination relief in with it (handoff.c) and the productivity dip out
 * (policy.c). Integrations of the target that the from model lacks are
 * projects: the k-th of n (in the model's order) goes live at k/n of the ramp
 * (all at the switch without a ramp), and only then joins j->own.
 *
 * Money: the rates of management, overlay, technology and marketing follow
 * the model in force (economics.c sets them on its day hook);
 * journey_money_update integrates them into the window's w.money, and books a
 * transition's one-off as cash when it is spent: evenly over the ramp, or at
 * the switch. It is called before a rate changes and before w.money is read,
 * not every day, so that a constant rate is one product (no drift of a
 * thousand small sums). A period's money is the change of w.money over it.
 */
#include <math.h>
#include <string.h>

#include "stages.h"

/* Share of the one-off spent by day t. */
static double spent(const struct journey *j, double t)
{
	const struct transition_state *tr = &j->tr;
	if (!tr->switched)
		return 0;
	double d = j->scenario->transition.duration;
	if (d <= 0)
		return t > tr->switched_at; /* [a, b) holds the switch day itself */
	return fmin(1, fmax(0, (t - tr->switched_at) / d));
}

void journey_money_update(struct journey *j)
{
	if (!j->windowed)
		return;
	struct window *w = &j->w;
	double from = fmax(w->money_last, w->start), now = j->sim.now;
	if (now > from) {
		double years = (now - from) / 365;
		for (int k = MONEY_MANAGEMENT; k <= MONEY_TECHNOLOGY; k++)
			w->money[k] += j->money_rate[k] * years;
		if (j->tr.active)
			w->money[MONEY_TRANSITION] += j->tr.one_off * (spent(j, now) - spent(j, from));
		else
			w->money[MONEY_TRANSITION] += j->money_rate[MONEY_TRANSITION] * years;
	}
	w->money[MONEY_MARKETING] += (double)(w->prospects - w->money_prospects) * j->money_rate[MONEY_MARKETING];
	w->money_prospects = w->prospects;
	w->money_last = fmax(from, now);
}

double journey_dip(const struct journey *j)
{
	if (!j->tr.active || !j->tr.switched)
		return 1;
	return 1 + j->scenario->transition.dip * (1 - j->tr.progress);
}

/* Is the pair of stages a..b integrated (or on one system) in model m? */
static int joined(const struct ownership_derived *d, enum stage a, enum stage b)
{
	return d->integrated[a][b];
}

/* j->tr.cur: the scenario's model with only the new integrations that are
 * live; re-derived, and the change counted. */
static void model_put(struct journey *j)
{
	const struct ownership *to = &j->scenario->ownership;
	struct ownership *cur = &j->tr.cur;
	struct ownership_derived df;
	ownership_derive(&j->scenario->from, &df);
	*cur = *to;
	cur->n_integrations = 0;
	memset(cur->integration, 0, sizeof cur->integration);
	unsigned k = 0;
	for (unsigned i = 0; i < to->n_integrations; i++) {
		enum stage a = to->integration[i][0], b = to->integration[i][1];
		if (!joined(&df, a, b) && k++ >= j->tr.live)
			continue; /* its project is not done */
		cur->integration[cur->n_integrations][0] = a;
		cur->integration[cur->n_integrations][1] = b;
		cur->n_integrations++;
	}
	ownership_derive(cur, &j->od);
	j->tr.epoch++;
}

/* New integrations live at day t of the ramp (progress p). */
static unsigned live_at(const struct journey *j, double p)
{
	unsigned n = j->tr.n_new;
	if (p >= 1)
		return n;
	return (unsigned)floor(p * n + 1e-9);
}

static void switch_now(struct journey *j)
{
	struct transition_state *tr = &j->tr;
	const struct ownership *from = &j->scenario->from, *to = &j->scenario->ownership;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (strcmp(from->system[s], to->system[s]) != 0 || from->tech[s] != to->tech[s])
			tr->since[s] = j->sim.now; /* a new system, or new hands: its debt starts again */
	tr->switched = 1;
	tr->switched_at = j->sim.now;
	tr->progress = j->scenario->transition.duration > 0 ? 0 : 1;
	tr->live = live_at(j, tr->progress);
	model_put(j);
}

void transition_init(struct journey *j)
{
	const struct scenario *s = j->scenario;
	struct transition_state *tr = &j->tr;
	tr->progress = 1;
	if (!s->transition.present)
		return;
	tr->active = 1;
	tr->switch_at = j->run.warmup + s->transition.at;
	tr->one_off = s->transition.cost + ownership_one_off(j->co, &s->from, &s->ownership);
	struct ownership_derived df;
	ownership_derive(&s->from, &df);
	for (unsigned i = 0; i < s->ownership.n_integrations; i++) {
		enum stage a = s->ownership.integration[i][0], b = s->ownership.integration[i][1];
		tr->n_new += !joined(&df, a, b);
	}
	tr->cur = s->from;
	j->own = &tr->cur;
	ownership_derive(j->own, &j->od);
	if (tr->switch_at <= 0)
		switch_now(j); /* the from model never holds: start in the target */
}

void transition_day(struct journey *j)
{
	struct transition_state *tr = &j->tr;
	if (!tr->active)
		return;
	if (!tr->switched) {
		if (j->sim.now >= tr->switch_at) {
			journey_money_update(j); /* up to now at the from model's rates */
			switch_now(j);
		}
		return;
	}
	double d = j->scenario->transition.duration;
	if (tr->progress >= 1 || d <= 0)
		return;
	tr->progress = fmin(1, (j->sim.now - tr->switched_at) / d);
	unsigned live = live_at(j, tr->progress);
	if (live != tr->live) {
		journey_money_update(j);
		tr->live = live;
		model_put(j);
	}
}
