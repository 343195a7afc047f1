/*
 * journey.c - one replication of one scenario: set-up of the generator and
 * pools, customers (a free list in blocks: memory follows the customers in the
 * system, not those simulated), arrivals, handoffs, the warm-up window, the
 * time series and the metrics.
 *
 * Random numbers: one keyed generator, set before each random quantity to
 * the quantity's own key (journey_rng, enum purpose, docs/random.md). The keys
 * of identities hang off the replication's root: an arrival by its candidate
 * number, an existing customer by its index, a referral by its referrer and
 * term; a customer's round, term and contact by their numbers.
 */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "rng.h"
#include "stages.h"

#define CUSTOMER_BLOCK 1024

const struct hist_info hist_table[HIST_COUNT] = {
	[H_EXPERIENCE] = {"experience", "points (0-10)", 0.0, 10.0 / 40},
	[H_TIME_TO_CUSTOMER] = {"time_to_customer", "days", 0.0, 5.0},
};

/* ---- customers ---- */

struct customer *journey_customer_new(struct journey *j)
{
	if (!j->free_list) {
		if (j->n_blocks == j->cap_blocks) {
			size_t cap = j->cap_blocks ? 2 * j->cap_blocks : 16;
			struct customer **nb = realloc(j->blocks, cap * sizeof *nb);
			if (!nb)
				return NULL;
			j->blocks = nb;
			j->cap_blocks = cap;
		}
		struct customer *block = calloc(CUSTOMER_BLOCK, sizeof *block);
		if (!block)
			return NULL;
		j->blocks[j->n_blocks++] = block;
		for (size_t i = CUSTOMER_BLOCK; i-- > 0;) {
			block[i].next_free = j->free_list;
			j->free_list = &block[i];
		}
	}
	struct customer *c = j->free_list;
	j->free_list = c->next_free;
	memset(c, 0, sizeof *c);
	c->id = ++j->next_id;
	c->t_arrival = j->sim.now;
	c->baseline = c->score = j->co->experience.start;
	c->t_score = j->sim.now;
	c->in_window = (uint8_t)j->windowed;
	j->in_system++;
	j->flow[M_FLOW_ARRIVED]++;
	return c;
}

void journey_customer_end(struct journey *j, struct customer *c, enum end_state end)
{
	static const int end_metric[END_COUNT] = {
		[END_NO_LEAD] = M_FLOW_NO_LEAD, [END_LOST] = M_FLOW_LOST,
		[END_DROPPED] = M_FLOW_DROPPED, [END_CHURNED] = M_FLOW_CHURNED,
	};
	static const char *const end_name[END_COUNT] = {"", "no_lead", "lost", "dropped", "churned"};
	assert(end > END_NONE && end < END_COUNT);
	if (end == END_CHURNED)
		j->flow[c->initial ? M_FLOW_CHURNED_INITIAL : M_FLOW_CHURNED_NEW]++;
	assert(!c->ticket.pool);
	journey_trace(j, c, "exit", end_name[end], "");
	j->flow[end_metric[end]]++;
	if (c->next_contact)
		sim_event_cancel(&j->sim, c->next_contact);
	if (c->under_contract) {
		journey_levels_update(j);
		j->active--;
	}
	experience_record(j, c);
	c->id = 0; /* not live */
	c->next_free = j->free_list;
	j->free_list = c;
	j->in_system--;
}

/* ---- trace ---- */

void journey_trace_row(struct journey *j, const struct customer *c, const char *stage, const char *event,
		       const char *detail)
{
	if (!journey_tracing(j, c) || j->sim.failed)
		return;
	for (;;) {
		size_t room = j->trace_cap - j->trace_len;
		int n = room ? snprintf(j->trace + j->trace_len, room, "%.6f,%llu,%s,%s,%s\n", j->sim.now,
					(unsigned long long)c->id, stage, event, detail)
			     : 0;
		if (room && n >= 0 && (size_t)n < room) {
			j->trace_len += (size_t)n;
			return;
		}
		size_t cap = j->trace_cap ? 2 * j->trace_cap : 1 << 16;
		char *nb = realloc(j->trace, cap);
		if (!nb) {
			j->sim.failed = 1;
			return;
		}
		j->trace = nb;
		j->trace_cap = cap;
	}
}

/* ---- mechanisms at the journey's fixed points ---- */

/* The mechanisms with each per-customer hook, in the table's order, so that
 * the hot paths call only those instead of testing every entry; built once
 * per process (journey_init), NULL-ended. */
#define HOOKS_MAX 16
static struct {
	const struct mechanism *touch[HOOKS_MAX + 1], *judge[HOOKS_MAX + 1], *handoff[HOOKS_MAX + 1];
} hooks;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void hooks_build(void)
{
	size_t nt = 0, nj = 0, nh = 0;
	for (const struct mechanism *const *m = mechanism_table; *m; m++) {
		assert(m - mechanism_table < HOOKS_MAX);
		if ((*m)->touch)
			hooks.touch[nt++] = *m;
		if ((*m)->pass || (*m)->decide) /* both, in the table's order, as before */
			hooks.judge[nj++] = *m;
		if ((*m)->handoff)
			hooks.handoff[nh++] = *m;
	}
}

void journey_touch(struct journey *j, struct customer *c, gsl_rng *r)
{
	double u = rng_uniform(r);
	double p = 0;
	for (const struct mechanism *const *m = hooks.touch; *m; m++)
		(*m)->touch(j, c, &p);
	j->w.touches++;
	if (u < clamp01(p)) {
		j->w.inconsistent++;
		experience_book(j, c, CAUSE_INCONSISTENT, -j->co->experience.inconsistent);
		journey_trace(j, c, "view", "inconsistent_message", "");
	}
}

struct stage_decision journey_decide(struct journey *j, struct customer *c, enum stage s, gsl_rng *r,
				     double chance)
{
	double u_pass = rng_uniform(r);
	double u_hit = rng_uniform(r);
	double p_ok = 1;
	for (const struct mechanism *const *m = hooks.judge; *m; m++) {
		if ((*m)->pass)
			(*m)->pass(j, c, s, &p_ok);
		if ((*m)->decide)
			(*m)->decide(j, c, s, &chance);
	}
	c->context_lost = 0;
	struct stage_decision d = {u_pass >= clamp01(p_ok), u_hit < chance};
	if (d.spoiled)
		experience_book(j, c, CAUSE_DEFECT, -j->co->experience.defect);
	return d;
}

void journey_handoff(struct journey *j, struct customer *c, enum transition t, gsl_rng *r, sim_action next,
		     sim_action on_drop)
{
	/* the delay is its mean times one fixed Exp(1) draw: a model with a
	 * slightly longer mean gives this customer a slightly longer delay */
	double u_drop = rng_uniform(r);
	double u_loss = rng_uniform(r);
	double e_delay = rng_exponential(r, 1.0);
	struct handoff_outcome o = {0, 0, 0};
	for (const struct mechanism *const *m = hooks.handoff; *m; m++)
		(*m)->handoff(j, c, t, &o);
	double delay = o.delay > 0 ? o.delay * e_delay : 0;
	int boundary = j->od.boundary[t];

	j->w.handoffs++;
	if (boundary)
		j->w.crossings++;
	char detail[64] = "";
	if (journey_tracing(j, c))
		snprintf(detail, sizeof detail, "%s>%s%s", stage_names[transition_from[t]],
			 stage_names[transition_to[t]], boundary ? " boundary" : "");
	if (u_drop < clamp01(o.p_drop)) {
		/* the customer leaves, except where the transition has its own
		 * outcome of a drop (a transfer: the contact stays unresolved) */
		static const int leave_metric[TR_COUNT] = {
			M_FLOW_DROPPED_LEAD, M_FLOW_DROPPED_ORDER, M_FLOW_DROPPED_ONBOARDING, M_FLOW_DROPPED_RENEWAL, -1,
		};
		j->w.dropped[t]++;
		journey_trace(j, c, "handoff", "dropped", detail);
		if (on_drop) {
			on_drop(&j->sim, j, c);
		} else {
			assert(leave_metric[t] >= 0);
			j->flow[leave_metric[t]]++;
			journey_customer_end(j, c, END_DROPPED);
		}
		return;
	}
	if (u_loss < clamp01(o.p_loss)) {
		/* its later cost is the receiving stage's: journey_decide */
		c->context_lost = 1;
		j->w.context_lost++;
		experience_book(j, c, CAUSE_REPEAT, -j->co->experience.repeat);
		journey_trace(j, c, "handoff", "context_lost", detail);
	} else {
		journey_trace(j, c, "handoff", "passed", detail);
	}
	c->t_wait = j->sim.now;
	c->visited |= (uint8_t)(1u << transition_to[t]);
	sim_event_schedule(&j->sim, delay, next, j, c);
}

void journey_pool_join(struct journey *j, struct customer *c, enum pool_id p, gsl_rng *r, double scale)
{
	double base = dist_sample_cached(&journey_pool_params(j->co, p)->service, &j->service_cache[p], r);
	c->ticket.service = scale * j->eff.pool_scale[p] * base;
	pool_request(&j->sim, &j->pools[p], &c->ticket);
}

/* ---- arrivals (non-homogeneous Poisson by thinning) ---- */

static double rate_multiplier(const struct rate_profile *p, double t)
{
	if (p->n == 0)
		return 1;
	if (p->period > 0)
		t = fmod(t, p->period);
	double m = 1;
	for (size_t i = 0; i < p->n && p->start[i] <= t; i++)
		m = p->multiplier[i];
	return m;
}

double journey_baseline_draw(struct journey *j, gsl_rng *r)
{
	const struct experience_params *e = &j->co->experience;
	double u = rng_uniform(r);
	return fmin(10, fmax(0, e->start + e->start_spread * (2 * u - 1)));
}

void journey_round_begin(struct journey *j, struct customer *c, uint32_t n)
{
	c->round = n;
	c->round_key = rng_key(c->key, P_ROUND, n);
	double touches = dist_sample(&j->co->marketing.touches, journey_rng(j, c->round_key, P_TOUCHES, 0));
	c->touches_left = touches > 0 ? (unsigned)lround(touches) : 0;
}

struct customer *journey_prospect_new(struct journey *j, uint64_t key, int referral)
{
	struct customer *c = journey_customer_new(j);
	if (!c) {
		j->sim.failed = 1;
		return NULL;
	}
	c->key = key;
	c->quality = rng_uniform(journey_rng(j, key, P_QUALITY, 0));
	c->baseline = c->score = journey_baseline_draw(j, journey_rng(j, key, P_BASELINE, 0));
	journey_round_begin(j, c, 0);
	j->w.prospects++;
	j->flow[M_FLOW_PROSPECTS]++;
	journey_trace(j, c, "marketing", "arrive", referral ? "referral" : "prospect");
	return c;
}

/* An arrival candidate: every candidate (thinned or not) has its number, so
 * the same prospects arrive at the same times in every scenario. */
static void arrival(struct sim *sim, void *journey, void *unused)
{
	(void)unused;
	struct journey *j = journey;
	const struct arrival_params *a = &j->co->arrivals;
	uint64_t key = rng_key(j->root, P_ARRIVAL, ++j->candidates);
	gsl_rng *r = journey_rng(j, key, P_ARRIVAL_GAP, 0);
	double gap = rng_exponential(r, 1.0 / (a->rate * j->rate_max));
	double u = rng_uniform(r);
	sim_event_schedule(sim, gap, arrival, j, NULL);
	if (u * j->rate_max >= rate_multiplier(&a->profile, sim->now))
		return; /* thinned out: the profile is below its peak now */
	struct customer *c = journey_prospect_new(j, key, 0);
	if (c)
		marketing_enter(sim, j, c);
}

/* ---- levels, window and time series ---- */

/* Current value of each series level that the journey (not a pool) keeps. */
static double open_defects(const struct journey *j)
{
	unsigned n = 0;
	for (int s = 0; s < STAGE_COUNT; s++)
		n += j->eff.open_stage_defects[s];
	for (int t = 0; t < TR_COUNT; t++)
		n += j->eff.open_transition_defects[t];
	return n;
}

static double mean_debt(const struct journey *j)
{
	double sum = 0;
	int n = 0;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (j->own->tech[s] == TECH_OWN || j->own->tech[s] == TECH_SUPPORTED) {
			sum += j->eff.debt[s];
			n++;
		}
	return n ? sum / n : 0;
}

void journey_levels_update(struct journey *j)
{
	double dt = j->sim.now - j->series_last;
	if (dt <= 0)
		return;
	double active = (double)j->active, defects = open_defects(j);
	j->sample_areas[S_ACTIVE] += active * dt;
	j->sample_areas[S_DEFECTS] += defects * dt;
	double debt = mean_debt(j);
	j->sample_areas[S_DEBT] += debt * dt;
	if (j->windowed) {
		j->w.active_area += active * dt;
		j->w.defect_open_area += defects * dt;
		j->w.debt_area += debt * dt;
	}
	j->series_last = j->sim.now;
}

void journey_window_now(const struct journey *j, struct window *w)
{
	*w = j->w;
	double dt = j->sim.now - j->series_last;
	if (j->windowed && dt > 0) { /* as journey_levels_update adds them */
		w->active_area += (double)j->active * dt;
		w->defect_open_area += open_defects(j) * dt;
		w->debt_area += mean_debt(j) * dt;
	}
}

static void pool_areas(struct journey *j, enum pool_id p, double *queue, double *wip)
{
	pool_stats_update(&j->pools[p], j->sim.now);
	*queue = j->pools[p].stats.queue_area;
	*wip = j->pools[p].stats.wip_area;
}

/* marks_: each pool's areas at the start of the current sample (pool stats
 * restart at the warm-up, so the part before it is carried in the marks). */
static void sample(struct sim *sim, void *journey, void *marks_)
{
	struct journey *j = journey;
	double (*marks)[2] = marks_;
	struct rep_result *out = j->out;
	journey_levels_update(j);
	double start = (double)j->sample_index * out->sample_every;
	double dt = sim->now - start;
	size_t i = j->sample_index;
	for (int p = 0; p < POOL_COUNT; p++) {
		double q, w;
		pool_areas(j, (enum pool_id)p, &q, &w);
		out->series[(size_t)(S_SALES_QUEUE + 2 * p) * out->n_samples + i] = (q - marks[p][0]) / dt;
		out->series[(size_t)(S_SALES_WIP + 2 * p) * out->n_samples + i] = (w - marks[p][1]) / dt;
		marks[p][0] = q;
		marks[p][1] = w;
	}
	for (int s = S_ACTIVE; s <= S_DEBT; s++) {
		out->series[(size_t)s * out->n_samples + i] = j->sample_areas[s] / dt;
		j->sample_areas[s] = 0;
	}
	j->sample_index++;
	if (j->sample_index < out->n_samples) {
		double next = fmin((double)(j->sample_index + 1) * out->sample_every, j->run.horizon);
		sim_event_schedule_at(sim, next, sample, j, marks_);
	}
}

static void warmup_end(struct sim *sim, void *journey, void *marks_)
{
	struct journey *j = journey;
	double (*marks)[2] = marks_;
	journey_levels_update(j);
	for (int p = 0; p < POOL_COUNT; p++) {
		double q, w;
		pool_areas(j, (enum pool_id)p, &q, &w);
		/* carry the part of the current sample before the reset */
		marks[p][0] -= q;
		marks[p][1] -= w;
		pool_stats_reset(&j->pools[p], sim->now);
	}
	memset(&j->w, 0, sizeof j->w);
	j->w.start = sim->now;
	j->windowed = 1;
	for (size_t b = 0; b < j->n_blocks; b++)
		for (size_t i = 0; i < CUSTOMER_BLOCK; i++)
			if (j->blocks[b][i].id)
				j->blocks[b][i].in_window = 1;
	period_window_start(j);
}

static void day_tick(struct sim *sim, void *journey, void *unused)
{
	(void)unused;
	struct journey *j = journey;
	journey_levels_update(j);
	transition_day(j);
	for (const struct mechanism *const *m = mechanism_table; *m; m++)
		if ((*m)->day)
			(*m)->day(j);
	sim_event_schedule(sim, 1.0, day_tick, j, NULL);
}

void journey_hist_add(struct journey *j, enum hist_id h, double x)
{
	const struct hist_info *hi = &hist_table[h];
	int bin = (int)floor((x - hi->low) / hi->width);
	j->w.hist[h][bin < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin] += 1;
}

void journey_delivered(struct journey *j, struct customer *c)
{
	double days = j->sim.now - c->t_arrival;
	if (!j->windowed)
		return;
	j->w.time_to_customer_sum += days;
	j->w.time_to_customer_n++;
	journey_hist_add(j, H_TIME_TO_CUSTOMER, days);
}

double journey_sample_step(const struct run_settings *run)
{
	if (run->sample_every > 0)
		return run->sample_every;
	static const double nice[] = {1.0 / 24, 1.0 / 12, 0.25, 0.5, 1, 2, 5, 7, 10, 14, 30, 60, 91, 182, 365};
	double want = run->horizon / 1000;
	for (size_t i = 0; i < sizeof nice / sizeof nice[0]; i++)
		if (nice[i] >= want)
			return nice[i];
	return ceil(want / 365) * 365;
}

/* ---- set-up and results ---- */

static const pool_done_fn pool_done[POOL_COUNT] = {sales_done, delivery_done, service_done};

/* Sets up a zeroed journey; on failure what was set up is left for
 * journey_free (which a zeroed or partly set-up journey allows). */
static int journey_init(struct journey *j, const struct scenario *s, const struct run_settings *run,
			unsigned replication, struct rep_result *out)
{
	pthread_once(&hooks_once, hooks_build);
	if (sim_init(&j->sim) < 0)
		return -1;
	j->sim.model = j;
	j->scenario = s;
	j->co = &s->company;
	j->own = &s->ownership;
	j->run = *run;
	j->replication = replication;
	j->out = out;
	ownership_derive(j->own, &j->od);
	transition_init(j); /* a transition starts in its from model */

	j->root = rng_stream_seed(run->seed, replication, "journey");
	j->organisation = rng_key(j->root, P_ORGANISATION, 0);
	if (!(j->rng = rng_keyed_alloc(j->root)))
		return -1;

	for (int p = 0; p < POOL_COUNT; p++) {
		const struct pool_params *pp = journey_pool_params(j->co, (enum pool_id)p);
		if (pool_init(&j->pools[p], pool_names[p], pp->servers, pool_done[p], j) < 0)
			return -1;
		j->pools[p].target = pp->staffing.within; /* what <pool>.service_level counts below */
	}

	j->rate_max = 1;
	for (size_t i = 0; i < j->co->arrivals.profile.n; i++)
		j->rate_max = fmax(j->rate_max, j->co->arrivals.profile.multiplier[i]);
	return 0;
}

/* Frees a journey (NULL, zeroed or partly set up allowed). */
static void journey_free(struct journey *j)
{
	if (!j)
		return;
	for (int p = 0; p < POOL_COUNT; p++)
		pool_fini(&j->pools[p]);
	if (j->rng)
		gsl_rng_free(j->rng);
	for (size_t b = 0; b < j->n_blocks; b++)
		free(j->blocks[b]);
	free(j->blocks);
	free(j->defects);
	free(j->trace);
	sim_fini(&j->sim);
	free(j);
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

/* The stocks of won customers at the horizon: not yet delivered, and
 * delivered and still there (flow.awaiting_delivery, flow.retained). */
static void flow_stocks(struct journey *j)
{
	for (size_t b = 0; b < j->n_blocks; b++)
		for (size_t i = 0; i < CUSTOMER_BLOCK; i++) {
			const struct customer *c = &j->blocks[b][i];
			if (c->id && c->is_customer && !c->initial)
				j->flow[c->delivered ? M_FLOW_RETAINED : M_FLOW_AWAITING]++;
		}
}

/* The metrics of the window (not the flows, not the mechanisms'). */
static void metrics_window(struct journey *j, double *m)
{
	struct window *w = &j->w;
	double now = j->sim.now;
	double years = (now - w->start) / 365.0;
	const int pool_base[POOL_COUNT] = {M_SALES_WAIT, M_DELIVERY_WAIT, M_SERVICE_WAIT};
	_Static_assert(M_COST_STAFF_SERVICE - M_COST_STAFF_SALES == POOL_SERVICE - POOL_SALES &&
			       M_SALES_WAIT_P95 - M_SALES_WAIT == 10,
		       "metrics by pool follow enum pool_id and POOL_METRICS");
	for (int p = 0; p < POOL_COUNT; p++) {
		const struct pool *pl = &j->pools[p];
		m[pool_base[p] + 0] = pool_wait_mean(pl);
		m[pool_base[p] + 1] = pool_sojourn_mean(pl);
		m[pool_base[p] + 2] = pool_queue_mean(pl, now);
		m[pool_base[p] + 3] = pool_wip_mean(pl, now);
		m[pool_base[p] + 4] = pool_utilization(pl, now);
		m[pool_base[p] + 5] = pool_throughput(pl, now);
		m[pool_base[p] + 6] = pl->servers;
		m[pool_base[p] + 7] = pool_service_level(pl, now);
		m[pool_base[p] + 8] = pool_wait_quantile(pl, 0.50);
		m[pool_base[p] + 9] = pool_wait_quantile(pl, 0.90);
		m[pool_base[p] + 10] = pool_wait_quantile(pl, 0.95);
	}
	uint64_t leaked = w->dropped[TR_MARKETING_SALES] + w->dropped[TR_SALES_DELIVERY] + w->dropped[TR_DELIVERY_SERVICE];
	uint64_t renewal_dropped = w->dropped[TR_SERVICE_SALES];
	uint64_t decided = w->renewals + w->churned + renewal_dropped; /* term ends whose outcome is known */
	m[M_PROSPECTS] = ratio((double)w->prospects, years);
	m[M_LEADS] = ratio((double)w->leads, years);
	m[M_WINS] = ratio((double)w->wins, years);
	m[M_CONVERSION] = ratio((double)w->leads_first, (double)w->prospects);
	m[M_WIN_RATE] = ratio((double)w->wins, (double)w->sales_decisions);
	m[M_DEAL_MEAN] = ratio(w->rev_deals, (double)w->wins);
	m[M_LEAKED] = ratio((double)leaked, years);
	m[M_SPEED_TO_LEAD] = ratio(w->speed_to_lead_sum, (double)w->speed_to_lead_n);
	m[M_TIME_TO_CUSTOMER] = ratio(w->time_to_customer_sum, (double)w->time_to_customer_n);
	m[M_CONTEXT_LOST] = ratio((double)w->context_lost, (double)w->handoffs);
	m[M_INCONSISTENT] = ratio((double)w->inconsistent, (double)w->touches);
	/* the contact-centre base, as a company measures it; self-service apart */
	m[M_FCR] = ratio((double)w->first_resolved, (double)w->assisted);
	m[M_SELF_SERVICE_SUCCESS] = ratio((double)w->self_service_resolved, (double)w->self_service_tries);
	m[M_TRANSFERS] = ratio((double)w->transfers, (double)w->assisted);
	m[M_TRANSFERRED] = ratio((double)w->transferred, (double)w->assisted);
	m[M_TRANSFERS_DROPPED] = ratio((double)w->dropped[TR_SERVICE_DELIVERY], (double)w->transfers);
	m[M_CONTACTS] = ratio((double)w->contacts, years);
	m[M_ASSISTED] = ratio((double)w->assisted, years);
	m[M_RENEWAL_RATE] = ratio((double)w->renewals, (double)decided);
	m[M_CHURN] = ratio((double)(w->churned + renewal_dropped), (double)decided);
	m[M_RENEWAL_DROPPED] = ratio((double)renewal_dropped, (double)decided);
	m[M_ACTIVE] = ratio(w->active_area, now - w->start);
	m[M_CONTACTS_PER_CUSTOMER] = ratio(m[M_CONTACTS], m[M_ACTIVE]);
	m[M_EXPERIENCE] = ratio(w->score_sum, (double)w->people);
	m[M_PROMOTERS] = ratio((double)w->promoters, (double)w->people);
	m[M_DETRACTORS] = ratio((double)w->detractors, (double)w->people);
	m[M_PASSIVES] = ratio((double)(w->people - w->promoters - w->detractors), (double)w->people);
	m[M_NPS] = 100 * (m[M_PROMOTERS] - m[M_DETRACTORS]);
	for (int k = 0; k < CAUSE_COUNT; k++)
		m[M_EFFORT_WAIT + k] = ratio(w->effort_sum[k], w->effort_days / 365.0);
	m[M_REV_DEALS] = ratio(w->rev_deals, years);
	m[M_REV_UPSELLS] = ratio(w->rev_upsells, years);
	m[M_REV_RENEWALS] = ratio(w->rev_renewals, years);
	m[M_REV_TOTAL] = m[M_REV_DEALS] + m[M_REV_UPSELLS] + m[M_REV_RENEWALS];
	m[M_DEFECTS_OPENED] = ratio((double)w->defects_opened, years);
	m[M_DEFECTS_OPEN] = ratio(w->defect_open_area, now - w->start);
	m[M_DEFECT_FIX] = ratio(w->defect_fix_sum, (double)w->defects_fixed);
	m[M_DEBT] = mean_debt(j);
	m[M_REWORK_SHARE] = ratio(w->rework_busy, w->delivery_busy);
	m[M_BOUNDARIES] = j->od.n_boundaries;
	m[M_SYSTEMS] = j->od.n_systems;
	m[M_PARTIES] = j->od.n_parties;
}

static void metrics_mechanisms(struct journey *j, double *m)
{
	for (const struct mechanism *const *mech = mechanism_table; *mech; mech++)
		if ((*mech)->finish)
			(*mech)->finish(j, m);
}

void journey_metrics_now(struct journey *j, double *m, int with_experience, struct window *seen)
{
	struct window kept = j->w;
	journey_window_now(j, &j->w);
	if (with_experience) /* a copy of each customer, so that nobody's score moves */
		for (size_t b = 0; b < j->n_blocks; b++)
			for (size_t i = 0; i < CUSTOMER_BLOCK; i++)
				if (j->blocks[b][i].id) {
					struct customer c = j->blocks[b][i];
					experience_record(j, &c);
				}
	for (int k = 0; k < METRIC_COUNT; k++)
		m[k] = NAN;
	metrics_window(j, m);
	metrics_mechanisms(j, m);
	if (seen)
		*seen = j->w;
	j->w = kept;
}

static void results_fill(struct journey *j, double *m)
{
	struct window *w = &j->w;
	metrics_window(j, m);
	flow_stocks(j);
	for (int f = M_FLOW_ARRIVED; f <= M_FLOW_RETAINED; f++)
		m[f] = (double)j->flow[f];
	m[M_FLOW_IN_SYSTEM] = (double)j->in_system;
	metrics_mechanisms(j, m);

	for (int h = 0; h < HIST_COUNT; h++) {
		double total = 0;
		for (int b = 0; b < HIST_BINS; b++)
			total += w->hist[h][b];
		for (int b = 0; b < HIST_BINS; b++)
			j->out->hist[h][b] = total > 0 ? w->hist[h][b] / total : 0;
	}
}

void rep_result_fini(struct rep_result *r)
{
	if (!r)
		return;
	free(r->series);
	free(r->trace);
	free(r->periods);
	free(r->cumulative);
	r->series = NULL;
	r->trace = NULL;
	r->periods = r->cumulative = NULL;
}

int journey_run(const struct scenario *s, const struct run_settings *run, unsigned replication,
		uint64_t trace_customers, struct rep_result *out, struct js_error *err)
{
	rng_gsl_quiet();
	memset(out, 0, sizeof *out);
	out->sample_every = journey_sample_step(run);
	out->n_samples = (size_t)ceil(run->horizon / out->sample_every - 1e-9);
	out->series = calloc(out->n_samples, SERIES_COUNT * sizeof *out->series);
	/* zeroed, so that journey_free may follow a set-up that failed anywhere */
	struct journey *j = calloc(1, sizeof *j);
	double marks[POOL_COUNT][2] = {{0}};
	int rc = -1;
	if (!out->series || !j || journey_init(j, s, run, replication, out) < 0) {
		js_error_set(err, EX_OSERR, "%s: out of memory setting up replication %u", s->name, replication + 1);
		goto out;
	}
	j->trace_customers = trace_customers;
	if (period_setup(j) < 0) {
		js_error_set(err, EX_OSERR, "%s: out of memory setting up replication %u", s->name, replication + 1);
		goto out;
	}

	for (const struct mechanism *const *m = mechanism_table; *m; m++)
		if ((*m)->start)
			(*m)->start(j);

	/* existing customers, mid-term, before the first prospect */
	for (unsigned i = 0; i < j->co->service.initial_customers; i++) {
		uint64_t key = rng_key(j->root, P_EXISTING, i);
		double remaining = gsl_rng_uniform_pos(journey_rng(j, key, P_REMAINING, 0)) * j->co->service.term;
		double baseline = journey_baseline_draw(j, journey_rng(j, key, P_BASELINE, 0));
		/* today's customers, won at the company's base threshold */
		double threshold = j->co->marketing.quality_threshold;
		double quality = threshold + (1 - threshold) * rng_uniform(journey_rng(j, key, P_QUALITY, 0));
		struct customer *c = journey_customer_new(j);
		if (!c)
			break;
		c->key = key;
		c->quality = quality;
		c->baseline = c->score = baseline;
		c->initial = 1;
		j->flow[M_FLOW_INITIAL]++;
		service_adopt_existing(j, c, remaining);
	}
	j->windowed = run->warmup <= 0;
	if (!j->windowed)
		sim_event_schedule_at(&j->sim, run->warmup, warmup_end, j, marks);
	else
		period_window_start(j);
	sim_event_schedule(&j->sim, 0, arrival, j, NULL);
	sim_event_schedule(&j->sim, 1.0, day_tick, j, NULL);
	if (out->n_samples)
		sim_event_schedule_at(&j->sim, fmin(out->sample_every, run->horizon), sample, j, marks);

	if (sim_run_until(&j->sim, run->horizon) < 0 || j->sim.failed) {
		js_error_set(err, j->sim.failed == SIM_FAIL_MEMORY ? EX_OSERR : EX_CONFIG, "%s: %s in replication %u",
			     s->name, sim_failure_text(&j->sim), replication + 1);
		goto out;
	}
	journey_levels_update(j);
	for (size_t b = 0; b < j->n_blocks; b++)
		for (size_t i = 0; i < CUSTOMER_BLOCK; i++)
			if (j->blocks[b][i].id)
				experience_record(j, &j->blocks[b][i]);
	for (int m = 0; m < METRIC_COUNT; m++)
		out->metrics[m] = NAN;
	results_fill(j, out->metrics);
	period_finish(j);
	out->events = j->sim.events_run;
	out->trace = j->trace;
	out->trace_len = j->trace_len;
	j->trace = NULL;
	rc = 0;
out:
	journey_free(j);
	if (rc < 0)
		rep_result_fini(out);
	return rc;
}
