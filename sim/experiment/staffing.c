/*
 * staffing.c - the staffing search: the servers of every pool whose rule is
 * service_level or cost_optimal, chosen by simulation before the reported run
 * (experiment.h, docs/staffing.md).
 *
 * A candidate is one staffing of every pool of a scenario. Candidates are run
 * as scenarios of a scratch file through experiment_run, so they use the
 * runner's threads and results, and since no key of the random numbers names
 * a scenario or a server count (docs/random.md) every candidate meets the
 * same customers: the same replications and seeds, common random numbers.
 * What a candidate gave (each pool's mean service level, the mean objective)
 * is kept, so no staffing is simulated twice.
 *
 * Each pool starts from the Erlang C estimate on its offered load. A
 * service_level pool then takes the fewest servers whose mean service level
 * over the replications reaches the share: the estimate and one fewer are
 * run together, then the search gallops (1, 2, 4, ... servers) towards the
 * boundary and bisects, stopping as soon as a passing count has a failing one
 * just below it. A cost_optimal pool walks from the estimate to the
 * neighbour that is better on the objective, one server at a time, until
 * neither neighbour is better (ties go to fewer servers). Pools are searched
 * in journey order (upstream first), service levels before costs, in rounds
 * until a round changes nothing (at most STAFFING_ROUNDS), since one pool's
 * staffing changes another's flow.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "settings.h"

#define STAFFING_ROUNDS 4
#define STAFFING_CACHE 512

struct staffing_point {
	unsigned servers[POOL_COUNT];
	double level[POOL_COUNT]; /* mean service level over the replications (NaN: no jobs) */
	double objective;         /* mean objective */
};

struct search {
	const struct scenario_file *f;
	size_t s;
	const struct experiment_options *opt;
	struct objective obj;
	struct scenario_file *batch; /* scratch file: the candidates as scenarios */
	struct staffing_point cache[STAFFING_CACHE];
	size_t n_cache;
	unsigned cur[POOL_COUNT];
	struct staffing_report *rep;
};

/* P(wait > 0) in M/M/c with offered load a (Erlang C), from the Erlang B
 * recursion, which stays finite for any c. */
static double erlang_c(unsigned c, double a)
{
	double b = 1;
	for (unsigned k = 1; k <= c; k++)
		b = a * b / (k + a * b);
	return c * b / (c - a * (1 - b));
}

unsigned staffing_estimate(const struct pool_params *pp, double offered)
{
	const struct staffing *st = &pp->staffing;
	double es = dist_mean(&pp->service); /* the unscaled mean: an estimate only starts the search */
	if (!(offered > 0) || !(es > 0))
		return 1;
	for (unsigned c = (unsigned)floor(offered) + 1; c <= st->max_servers; c++) {
		double level = 1 - erlang_c(c, offered) * exp(-(c - offered) * st->within / es);
		if (level >= st->share)
			return c;
	}
	return st->max_servers + 1;
}

static struct staffing_point *cache_find(struct search *sr, const unsigned *servers)
{
	for (size_t i = 0; i < sr->n_cache; i++)
		if (memcmp(sr->cache[i].servers, servers, sizeof sr->cache[i].servers) == 0)
			return &sr->cache[i];
	return NULL;
}

/* Sets the servers of every pool of scenario sc (a count the schema allows). */
static int servers_set(struct scenario *sc, const unsigned *servers, struct js_error *err)
{
	for (int p = 0; p < POOL_COUNT; p++) {
		char path[64];
		snprintf(path, sizeof path, "%s.pool.servers", pool_names[p]);
		if (scenario_param_set(sc, path, servers[p], err) != 0)
			return -1;
	}
	return 0;
}

/* Simulates the staffings of cand[k] not yet known, all in one experiment. */
static int evaluate(struct search *sr, unsigned (*cand)[POOL_COUNT], size_t k, struct js_error *err)
{
	size_t n = 0;
	unsigned *todo[4];
	for (size_t i = 0; i < k && i < 4; i++) {
		int known = cache_find(sr, cand[i]) != NULL;
		for (size_t q = 0; q < n && !known; q++)
			known = memcmp(todo[q], cand[i], sizeof cand[i]) == 0;
		if (known)
			continue;
		struct scenario *sc = &sr->batch->scenarios[n];
		*sc = sr->f->scenarios[sr->s];
		if (servers_set(sc, cand[i], err) != 0)
			return -1;
		todo[n++] = cand[i];
	}
	if (n == 0)
		return 0;
	if (sr->n_cache + n > STAFFING_CACHE)
		return js_error_set(err, EX_SOFTWARE, "scenario '%s': the staffing search did not settle after %zu staffings",
				    sr->f->scenarios[sr->s].name, sr->n_cache);
	sr->batch->n_scenarios = n;
	struct experiment_options opt = *sr->opt;
	opt.trace_customers = 0;
	struct experiment x;
	if (experiment_run(sr->batch, &opt, &x, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct staffing_point *pt = &sr->cache[sr->n_cache++];
		struct summary sm;
		memcpy(pt->servers, todo[i], sizeof pt->servers);
		for (int p = 0; p < POOL_COUNT; p++) {
			experiment_summary(&x, i, METRIC_OF_POOL(M_SALES_SERVICE_LEVEL, p), &sm);
			pt->level[p] = sm.mean;
		}
		experiment_objective_summary(&x, &sr->obj, i, &sm);
		pt->objective = sm.mean;
	}
	sr->rep->candidates += n;
	sr->rep->replications += n * sr->f->run.replications;
	experiment_fini(&x);
	return 0;
}

/* The candidate of the current staffing with pool p at c servers; simulated
 * when not yet known. NULL with err on failure. */
static const struct staffing_point *point_at(struct search *sr, enum pool_id p, unsigned c, struct js_error *err)
{
	unsigned cand[1][POOL_COUNT];
	memcpy(cand[0], sr->cur, sizeof cand[0]);
	cand[0][p] = c;
	if (!cache_find(sr, cand[0]) && evaluate(sr, cand, 1, err) != 0)
		return NULL;
	return cache_find(sr, cand[0]);
}

/* Runs pool p at each of cs[k] (the rest as now) together. */
static int prefetch(struct search *sr, enum pool_id p, const unsigned *cs, size_t k, struct js_error *err)
{
	unsigned cand[4][POOL_COUNT];
	for (size_t i = 0; i < k && i < 4; i++) {
		memcpy(cand[i], sr->cur, sizeof cand[i]);
		cand[i][p] = cs[i];
	}
	return evaluate(sr, cand, k < 4 ? k : 4, err);
}

/* 1: pool p meets its service level at c servers, 0: not, -1: error. */
static int passes(struct search *sr, enum pool_id p, unsigned c, struct js_error *err)
{
	const struct staffing_point *pt = point_at(sr, p, c, err);
	if (!pt)
		return -1;
	double level = pt->level[p];
	return isnan(level) || level >= company_pool(&sr->f->scenarios[sr->s].company, p)->staffing.share;
}

static int unreachable(struct search *sr, enum pool_id p, struct js_error *err)
{
	const struct staffing *st = &company_pool(&sr->f->scenarios[sr->s].company, p)->staffing;
	const struct scenario_place *at = &sr->f->staffing_at[sr->s][p];
	const struct staffing_point *pt = point_at(sr, p, st->max_servers, err);
	if (!pt)
		return -1;
	char within[48];
	duration_format(st->within, within, sizeof within);
	return js_error_set(err, EX_CONFIG,
			    "%s:%u: scenario \"%s\": %s.pool.staffing: the %s cannot reach its service level "
			    "(%g%% of jobs waiting less than %s) with at most %u %s: %u reach %.1f%%; raise "
			    "max_servers or lower the target",
			    at->file, at->line, sr->f->scenarios[sr->s].name, pool_names[p], pool_labels[p],
			    100 * st->share, within, st->max_servers, pool_seats[p], st->max_servers,
			    100 * pt->level[p]);
}

/* The fewest servers of pool p that meet its service level (monotone search). */
static int search_level(struct search *sr, enum pool_id p, unsigned *out, struct js_error *err)
{
	const unsigned max = company_pool(&sr->f->scenarios[sr->s].company, p)->staffing.max_servers;
	unsigned c = sr->cur[p] < 1 ? 1 : sr->cur[p] > max ? max : sr->cur[p];
	unsigned first[2] = {c, c - 1};
	if (prefetch(sr, p, first, c > 1 ? 2 : 1, err) != 0)
		return -1;
	unsigned lo, hi, step = 1; /* lo fails, hi passes */
	int ok = passes(sr, p, c, err);
	if (ok < 0)
		return -1;
	if (ok) {
		hi = c;
		for (;;) {
			if (hi == 1) {
				*out = 1;
				return 0;
			}
			lo = hi > step ? hi - step : 1;
			if ((ok = passes(sr, p, lo, err)) < 0)
				return -1;
			if (!ok)
				break;
			hi = lo;
			step *= 2;
		}
	} else {
		lo = c;
		for (;;) {
			if (lo == max)
				return unreachable(sr, p, err);
			hi = max - lo > step ? lo + step : max;
			if ((ok = passes(sr, p, hi, err)) < 0)
				return -1;
			if (ok)
				break;
			lo = hi;
			step *= 2;
		}
	}
	while (hi - lo > 1) {
		unsigned m = lo + (hi - lo) / 2;
		if ((ok = passes(sr, p, m, err)) < 0)
			return -1;
		*(ok ? &hi : &lo) = m;
	}
	*out = hi;
	return 0;
}

/* Is objective value a better than b (NaN never is)? */
static int better(const struct search *sr, double a, double b)
{
	if (isnan(a))
		return 0;
	if (isnan(b))
		return 1;
	return sr->obj.better == METRIC_LOWER ? a < b : a > b;
}

/* The servers of pool p best on the objective: a walk from the current count. */
static int search_cost(struct search *sr, enum pool_id p, unsigned *out, struct js_error *err)
{
	const unsigned max = company_pool(&sr->f->scenarios[sr->s].company, p)->staffing.max_servers;
	unsigned c = sr->cur[p] < 1 ? 1 : sr->cur[p] > max ? max : sr->cur[p];
	unsigned around[3] = {c - 1, c, c + 1};
	size_t k = 0;
	unsigned cs[3];
	for (int i = 0; i < 3; i++)
		if (around[i] >= 1 && around[i] <= max && (i != 0 || c > 1))
			cs[k++] = around[i];
	if (prefetch(sr, p, cs, k, err) != 0)
		return -1;
	unsigned best = c;
	const struct staffing_point *pt = point_at(sr, p, c, err);
	if (!pt)
		return -1;
	double value = pt->objective;
	for (int dir = -1; dir <= 1; dir += 2) {
		if ((dir < 0 && best != c) || (dir < 0 && c == 1) || (dir > 0 && c == max))
			continue;
		for (unsigned n = c + (unsigned)dir; n >= 1 && n <= max; n += (unsigned)dir) {
			if (!(pt = point_at(sr, p, n, err)))
				return -1;
			/* fewer servers win a tie: equal value for less staff */
			if (!(better(sr, pt->objective, value) || (dir < 0 && pt->objective == value)))
				break;
			best = n;
			value = pt->objective;
		}
		if (best != c)
			break;
	}
	*out = best;
	return 0;
}

static int search_scenario(struct search *sr, struct js_error *err)
{
	const struct scenario *sc = &sr->f->scenarios[sr->s];
	struct pool_load load[POOL_COUNT];
	journey_pool_load(sc, load);
	size_t first = sr->rep->n;
	for (int p = 0; p < POOL_COUNT; p++) {
		const struct pool_params *pp = company_pool(&sc->company, (enum pool_id)p);
		sr->cur[p] = pp->servers;
		if (pp->staffing.rule == STAFFING_FIXED)
			continue;
		struct staffing_choice *ch = &sr->rep->choice[sr->rep->n++];
		memset(ch, 0, sizeof *ch);
		ch->scenario = sr->s;
		ch->pool = (enum pool_id)p;
		ch->rule = pp->staffing.rule;
		ch->estimate = staffing_estimate(pp, load[p].offered);
		sr->cur[p] = ch->estimate > pp->staffing.max_servers ? pp->staffing.max_servers : ch->estimate;
	}
	for (int round = 0; round < STAFFING_ROUNDS && sr->rep->n > first; round++) {
		int changed = 0;
		for (int rule = STAFFING_SERVICE_LEVEL; rule <= STAFFING_COST_OPTIMAL; rule++)
			for (size_t i = first; i < sr->rep->n; i++) {
				struct staffing_choice *ch = &sr->rep->choice[i];
				if (ch->rule != rule)
					continue;
				unsigned c;
				int rc = rule == STAFFING_SERVICE_LEVEL ? search_level(sr, ch->pool, &c, err)
									: search_cost(sr, ch->pool, &c, err);
				if (rc != 0)
					return -1;
				changed |= c != sr->cur[ch->pool];
				sr->cur[ch->pool] = c;
			}
		if (!changed)
			break;
	}
	for (size_t i = first; i < sr->rep->n; i++)
		sr->rep->choice[i].servers = sr->cur[sr->rep->choice[i].pool];
	return 0;
}

int staffing_choose(struct scenario_file *f, const struct experiment_options *opt, struct staffing_report *rep,
		    struct js_error *err)
{
	memset(rep, 0, sizeof *rep);
	int any = 0;
	for (size_t s = 0; s < f->n_scenarios; s++)
		for (int p = 0; p < POOL_COUNT; p++)
			any |= company_pool(&f->scenarios[s].company, (enum pool_id)p)->staffing.rule != STAFFING_FIXED;
	if (!any)
		return 0; /* nothing to search, nothing built */
	struct search *sr = calloc(1, sizeof *sr);
	if (sr)
		sr->batch = malloc(sizeof *sr->batch);
	if (!sr || !sr->batch) {
		free(sr);
		return js_error_set(err, EX_OSERR, "out of memory for the staffing search");
	}
	char why[256];
	int rc = -1;
	if (objective_parse(f->run.objective, &sr->obj, why, sizeof why) != 0) {
		js_error_set(err, EX_USAGE, "run: objective: %s", why);
		goto out;
	}
	*sr->batch = *f;
	sr->f = f;
	sr->opt = opt;
	sr->rep = rep;
	for (size_t s = 0; s < f->n_scenarios; s++) {
		sr->s = s;
		sr->n_cache = 0;
		if (search_scenario(sr, err) != 0)
			goto out;
	}
	for (size_t i = 0; i < rep->n; i++) {
		struct scenario *sc = &f->scenarios[rep->choice[i].scenario];
		unsigned servers[POOL_COUNT];
		for (int p = 0; p < POOL_COUNT; p++)
			servers[p] = company_pool(&sc->company, (enum pool_id)p)->servers;
		servers[rep->choice[i].pool] = rep->choice[i].servers;
		if (servers_set(sc, servers, err) != 0)
			goto out;
	}
	rc = 0;
out:
	free(sr->batch);
	free(sr);
	return rc;
}
