/*
 * experience.c - M7 experience (seeds 003, 004): the journey's own
 * bookkeeping, not a mechanism of the hook table.
 *
 * Why part of the journey: the score is state of each customer, changed at the
 * journey's own events (a wait, a repeat, a transfer, an error, ...) and read
 * by the journey's own decisions (renewal, referral) and results. It reads no
 * ownership data: ownership moves it only through the mechanisms that cause
 * those events (M1 lost context, M2 conflicting messages, M3 defects, M5
 * policy). As a mechanism it would need a hook for every cause and a way back
 * to ask for the score; here the stages book to it directly and it calls
 * nothing outside sim/journey/.
 *
 * Every customer carries a score from 0 to 10 (an NPS-style scale: promoters
 * at 9 and above, detractors below 7). It starts at experience.start and
 * changes only through experience_book, always under a cause, so the results
 * can say why one model beats another; between events the distance to the
 * start score fades with a half-life (customers forget, slowly). The score
 * drives renewal through a logistic curve:
 *   logit(p_renew) = logit(p_at_neutral) + slope * (score - neutral_score)
 *                    + quality_logit * (lead quality - 0.5)
 */
#include <math.h>
#include <stdio.h>

#include "stages.h"

static const char *const cause_names[CAUSE_COUNT] = {"wait",  "repeat",     "inconsistent", "transfer",
						     "error", "unresolved", "defect",       "fast",
						     "self_service"};

double experience_settle(struct journey *j, struct customer *c)
{
	const struct experience_params *e = &j->co->experience;
	double dt = j->sim.now - c->t_score;
	if (e->recovery_half_life > 0 && dt > 0)
		c->score = c->baseline + (c->score - c->baseline) * exp2(-dt / e->recovery_half_life);
	c->t_score = j->sim.now;
	return c->score;
}

void experience_book(struct journey *j, struct customer *c, enum cause cause, double points)
{
	double before = experience_settle(j, c);
	c->score = fmin(10, fmax(0, before + points));
	if (j->windowed)
		c->effort[cause] -= (float)(c->score - before); /* effort: points lost */
	if (points != 0 && journey_tracing(j, c)) {
		char detail[32];
		snprintf(detail, sizeof detail, "%+.2f", c->score - before);
		journey_trace(j, c, "experience", cause_names[cause], detail);
	}
}

void experience_wait(struct journey *j, struct customer *c, enum pool_id p, double waited)
{
	const struct experience_params *e = &j->co->experience;
	double tolerance = e->tolerance[p];
	if (waited <= tolerance)
		return;
	double points = fmin(e->late_cap, e->late * (waited - tolerance) / tolerance);
	experience_book(j, c, CAUSE_WAIT, -points);
}

double experience_renewal_chance(const struct company *co, double score, double quality)
{
	const struct renewal_params *r = &co->renewal;
	double p0 = fmin(1 - 1e-9, fmax(1e-9, r->p_at_neutral));
	double logit = log(p0 / (1 - p0)) + r->slope * (score - r->neutral_score) + r->quality_logit * (quality - 0.5);
	return 1 / (1 + exp(-logit));
}

void experience_record(struct journey *j, struct customer *c)
{
	if (!c->in_window || !c->is_customer)
		return;
	experience_settle(j, c);
	const struct experience_params *e = &j->co->experience;
	struct window *w = &j->w;
	w->people++;
	w->score_sum += c->score;
	for (int k = 0; k < CAUSE_COUNT; k++)
		w->effort_sum[k] += c->effort[k];
	/* the time its effort was counted: from arrival or the window's start */
	w->effort_days += j->sim.now - fmax(c->t_arrival, w->start);
	if (c->score >= e->promoter_min)
		w->promoters++;
	else if (c->score < e->detractor_below)
		w->detractors++;
	journey_hist_add(j, H_EXPERIENCE, c->score);
}
