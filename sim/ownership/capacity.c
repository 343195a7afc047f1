/*
 * capacity.c - M6 capacity (seed 004: person-to-person channels).
 *
 * Field sales, delivery and the contact centre are staffed pools with queues
 * (the engine's pools); self-service is uncapacitated but can fail and spill
 * into the contact centre (service.c). This file prices the staffing; the
 * journey estimates each pool's offered load (sim/journey/offered_load.c).
 */
#include <math.h>

#include "mechanisms.h"

double capacity_pool_cost(const struct journey *j, enum pool_id p)
{
	const struct pool_params *pp = journey_pool_params(j->co, p);
	if (pp->servers > 0)
		return pp->servers * pp->cost_per_server;
	double busy = pool_busy_mean(&j->pools[p], j->sim.now);
	return isnan(busy) ? 0 : busy * pp->cost_per_server;
}

/* The variable money of one busy server-day of pool p: none yet (staffing is
 * fixed, so redone work costs staff time, not money). Where a pool gets a
 * cost per busy day, it is read here and cost.rework becomes its rework part. */
static double busy_day_cost(const struct company *co, enum pool_id p)
{
	(void)co;
	(void)p;
	return 0;
}

static void capacity_finish(struct journey *j, double *m)
{
	double total = 0;
	for (int p = 0; p < POOL_COUNT; p++)
		total += capacity_pool_cost(j, (enum pool_id)p);
	double years = (j->sim.now - j->w.start) / 365;
	/* the whole staff cost is staff; rework is only what redoing an order
	 * adds in money (its share of delivery's time is delivery.rework_share) */
	m[M_COST_STAFF] = total;
	m[M_COST_REWORK] = years > 0 ? j->w.rework_busy * busy_day_cost(j->co, POOL_DELIVERY) / years : 0;
}

const struct mechanism mechanism_capacity = {
	.name = "M6 capacity",
	.finish = capacity_finish,
};
