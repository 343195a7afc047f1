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

/* Money per year of a pool: staffed positions, or pay-per-use when unlimited. */
static double pool_cost(const struct pool *p, const struct pool_params *pp, double now)
{
	if (pp->servers > 0)
		return pp->servers * pp->cost_per_server;
	double busy = pool_busy_mean(p, now);
	return isnan(busy) ? 0 : busy * pp->cost_per_server;
}

static void capacity_finish(struct journey *j, double *m)
{
	double cost[POOL_COUNT], total = 0;
	for (int p = 0; p < POOL_COUNT; p++) {
		const struct pool_params *pp = journey_pool_params(j->co, (enum pool_id)p);
		total += cost[p] = pool_cost(&j->pools[p], pp, j->sim.now);
	}
	/* rework is the share of delivery's work spent redoing orders */
	double reworks = (double)j->w.reworks * j->co->delivery.rework_scale;
	double first = (double)j->pools[POOL_DELIVERY].stats.finished - (double)j->w.reworks;
	double share = reworks > 0 && first + reworks > 0 ? reworks / (first + reworks) : 0;
	m[M_COST_REWORK] = share * cost[POOL_DELIVERY];
	m[M_COST_STAFF] = total - m[M_COST_REWORK];

	double years = (j->sim.now - j->w.start) / 365, variable = 0;
	for (int p = 0; p < POOL_COUNT; p++) {
		double busy = pool_busy_mean(&j->pools[p], j->sim.now); /* servers busy on average */
		if (!isnan(busy))
			variable += busy * 365 * journey_pool_params(j->co, (enum pool_id)p)->cost_per_busy_day;
	}
	if (years > 0)
		variable += (double)j->w.self_service_tries * j->co->service.self_service_cost / years;
	m[M_COST_VARIABLE] = variable;
}

const struct mechanism mechanism_capacity = {
	.name = "M6 capacity",
	.finish = capacity_finish,
};
