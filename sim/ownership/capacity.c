/*
 * capacity.c - M6 capacity (seed 004: person-to-person channels).
 *
 * Field sales, delivery and the contact centre are staffed pools with queues
 * (the engine's pools); self-service is uncapacitated but can fail and spill
 * into the contact centre (service.c). This file prices the staffing and the
 * variable cost of the work (cost.variable: busy server-days x the pool's
 * cost_per_busy_day, and self-service attempts): staffing is the same in
 * every model, so shorter handle times save only that variable cost, not
 * salaries. The journey estimates each pool's offered load
 * (sim/journey/offered_load.c).
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

/* The variable money of one busy server-day of pool p (cost_per_busy_day). */
static double busy_day_cost(const struct company *co, enum pool_id p)
{
	return journey_pool_params(co, p)->cost_per_busy_day;
}

static void capacity_finish(struct journey *j, double *m)
{
	double total = 0;
	for (int p = 0; p < POOL_COUNT; p++)
		total += m[M_COST_STAFF_SALES + p] = capacity_pool_cost(j, (enum pool_id)p);
	double years = (j->sim.now - j->w.start) / 365;
	/* the whole staff cost is staff; rework is only what redoing an order
	 * adds in money (its share of delivery's time is delivery.rework_share),
	 * and the variable cost is that of the other busy days, so that no busy
	 * day is counted twice */
	m[M_COST_STAFF] = total;
	double rework = years > 0 ? j->w.rework_busy * busy_day_cost(j->co, POOL_DELIVERY) / years : 0;
	m[M_COST_REWORK] = rework;
	double variable = -rework;
	for (int p = 0; p < POOL_COUNT; p++) {
		double busy = pool_busy_mean(&j->pools[p], j->sim.now); /* servers busy on average */
		if (!isnan(busy))
			variable += busy * 365 * busy_day_cost(j->co, (enum pool_id)p);
	}
	if (years > 0)
		variable += (double)j->w.self_service_tries * j->co->service.self_service_cost / years;
	m[M_COST_VARIABLE] = variable;
}

const struct mechanism mechanism_capacity = {
	.name = "M6 capacity",
	.finish = capacity_finish,
};
