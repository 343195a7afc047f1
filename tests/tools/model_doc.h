/*
 * model_doc.h - renders docs/model.md from its template docs/model.md.in:
 * every number that is a default, or follows from defaults, comes from the
 * parameter schema or from the simulator's own functions, so the page cannot
 * drift from the code (`make docs` writes it with tests/tools/model_doc.c;
 * tests/test_docs.c renders again and compares, and fails on an unknown
 * placeholder).
 *
 * Placeholders, {{kind:argument}}:
 *   {{default:path}}    a company key's default as a config file writes it,
 *                       quotes removed ("2 d", 0.15); "run.<key>" for run keys
 *   {{num:path}}        a number default with thousands separators (150,000)
 *   {{mean:path}}       the mean of a distribution default (7 d)
 *   {{table:prefix}}    | key | default | unit | meaning | of every company
 *                       key under prefix, in schema order
 *   {{groups:prefix}}   keys under prefix grouped by their last part (by
 *                       focus, by technology): one row per key, one column
 *                       per last part, in schema order
 *   {{calc:name(arg)}}  a value computed at the defaults (model_doc_calcs),
 *                       three significant figures
 *   {{pct:name(arg)}}   the same in per cent, one decimal
 * A section of a new mechanism is new text in the template; a new formula is
 * one row of model_doc_calcs.
 *
 * Header-only: the tool and the test include it (tests/ may use the
 * journey's internals).
 */
#ifndef JOURNEYSIM_MODEL_DOC_H
#define JOURNEYSIM_MODEL_DOC_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sim/journey/stages.h"
#include "../../sim/scenario/scenario_internal.h"

/* ---- values at the defaults ---- */

static double md_clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Leads per prospect under a marketing focus f (M5): the share above the
 * shifted threshold times the scaled qualification chance. */
static double md_leads_per_prospect(const struct company *co, int f)
{
	double threshold = md_clamp01(co->marketing.quality_threshold + co->policy.threshold_shift[f]);
	return (1 - threshold) * md_clamp01(co->marketing.p_qualify * co->policy.qualify_factor[f]);
}

/* Attempts that fail and may transfer: k = 1 .. max_attempts - 1. */
static double md_transfer_sum(const struct company *co, int at_least_one)
{
	double p = co->service.p_fcr, pt = co->service.p_transfer, sum = 0;
	for (unsigned k = 1; k < co->service.max_attempts; k++)
		sum += pow(1 - p, k) * pt * (at_least_one ? pow(1 - pt, k - 1) : 1);
	return sum;
}

/* The speed factor of the win chance after a wait of `minutes`, with the
 * speed-to-lead recipe docs/model.md quotes (half-life 30 min, floor 0.05). */
static double md_recipe_speed(const struct company *co, double minutes)
{
	struct company c = *co;
	c.sales.win_half_life = 30.0 / 1440;
	c.sales.win_floor = 0.05;
	return sales_win_chance(&c, 1, minutes / 1440) / sales_win_chance(&c, 1, 0);
}

/* Mean lead quality of the winners under marketing focus f, contacted at
 * once: the leads are uniform above the shifted threshold, each wins with
 * the simulator's win chance (Simpson's rule; the chance is linear in q). */
static double md_winner_quality(const struct company *co, int f)
{
	double lo = md_clamp01(co->marketing.quality_threshold + co->policy.threshold_shift[f]), num = 0, den = 0;
	const int n = 64;
	for (int k = 0; k <= n; k++) {
		double q = lo + (1 - lo) * k / n, wt = (k == 0 || k == n) ? 1 : (k % 2 ? 4 : 2);
		double p = sales_win_chance(co, q, 0);
		num += wt * q * p;
		den += wt * p;
	}
	return den > 0 ? num / den : NAN;
}

/* Coordination relief of a council meeting every `every` days (0: the
 * company's cadence) on a transition it spans: the simulator's
 * ownership_relief on a council-only model. */
static double md_council_relief(const struct company *co, double every)
{
	struct ownership m;
	struct ownership_derived d;
	memset(&m, 0, sizeof m);
	memset(&d, 0, sizeof d);
	m.governance = GOV_COUNCIL;
	m.journey_owner = m.it_owner = m.decider = -1;
	m.council_every = every;
	d.boundary[TR_MARKETING_SALES] = d.coordinated[TR_MARKETING_SALES] = 1;
	return ownership_relief(co, &m, &d, TR_MARKETING_SALES);
}

/* Boundary context loss (handoff.c's formula) with context quality Q and
 * coordination relief R, no debt and no open defect. */
static double md_boundary_loss(const struct company *co, double q, double r)
{
	const struct handoff_params *h = &co->handoff;
	return h->p_loss_boundary *
	       (h->loss_data_share * (1 - h->shared_context_relief * q) + (1 - h->loss_data_share) * (1 - r));
}

/* Expected work of one change to a system of technology t serving n stages
 * (technology.c): Exp(lead x (1 + coupling (n - 1))) plus redos of
 * redo_share of it, each with chance p (at most 0.9, at most 20 redos). */
static double md_change_days(const struct company *co, int t, double n, double p)
{
	const struct technology_params *tp = &co->technology;
	double lead = tp->lead_time[t] * (1 + tp->coupling * (n - 1)), redos = 0, pk = 1;
	p = fmin(0.9, p);
	for (int k = 1; k <= 20; k++)
		redos += pk *= p;
	return lead * (1 + tp->redo_share * redos);
}

static double md_calc(const struct company *co, const char *name, double x, int *ok)
{
	*ok = 1;
	if (!strcmp(name, "renewal")) /* the simulator's renewal chance at score x */
		return experience_renewal_chance(co, x, 0.5);
	if (!strcmp(name, "win_speed")) /* the speed factor after x days (sales.c) */
		return sales_win_chance(co, 1, x) / sales_win_chance(co, 1, 0);
	if (!strcmp(name, "recipe_ratio")) /* 5 vs 30 minutes under the web-lead recipe */
		return md_recipe_speed(co, 5) / md_recipe_speed(co, 30);
	if (!strcmp(name, "leads_per_prospect")) /* x: 0 cost, 1 revenue, 2 experience */
		return md_leads_per_prospect(co, (int)x);
	if (!strcmp(name, "volume_gain")) /* revenue over experience focus, leads per prospect */
		return md_leads_per_prospect(co, FOCUS_REVENUE) / md_leads_per_prospect(co, FOCUS_EXPERIENCE) - 1;
	if (!strcmp(name, "assisted_share")) /* contacts reaching the contact centre */
		return 1 - co->service.self_service_share * (1 - co->service.self_service_fail);
	if (!strcmp(name, "transferred")) /* assisted contacts with >= 1 transfer */
		return md_transfer_sum(co, 1);
	if (!strcmp(name, "transfers")) /* transfers per assisted contact */
		return md_transfer_sum(co, 0);
	if (!strcmp(name, "self_service_share")) /* x: the service focus; self-service share under it */
		return md_clamp01(co->service.self_service_share * co->policy.self_service_mix[(int)x]);
	if (!strcmp(name, "renewal_q")) /* renewal chance at the neutral score for lead quality x */
		return experience_renewal_chance(co, co->renewal.neutral_score, x);
	if (!strcmp(name, "contract_size")) /* deal and renewal multiplier at lead quality x (sales.c) */
		return sales_contract_size(co, x);
	if (!strcmp(name, "contacts")) /* contacts a year of a customer of lead quality x (service.c) */
		return service_contacts_per_year(co, x);
	if (!strcmp(name, "winner_quality")) /* x: marketing focus; winners' mean lead quality */
		return md_winner_quality(co, (int)x);
	if (!strcmp(name, "deal_uplift")) /* x: marketing focus; winners' contract size over deal_value, - 1 */
		return sales_contract_size(co, md_winner_quality(co, (int)x)) - 1;
	if (!strcmp(name, "loss_shared")) /* boundary loss on one shared system, uncoordinated */
		return md_boundary_loss(co, 1, 0);
	if (!strcmp(name, "loss_integrated")) /* boundary loss across an integration (no debt), uncoordinated */
		return md_boundary_loss(co, co->technology.integration_quality, 0);
	if (!strcmp(name, "loss_coordinated")) /* boundary loss under a journey owner, no shared data */
		return md_boundary_loss(co, 0, co->handoff.coordination_relief);
	if (!strcmp(name, "loss_both")) /* boundary loss on one shared system under a journey owner */
		return md_boundary_loss(co, 1, co->handoff.coordination_relief);
	if (!strcmp(name, "loss_council")) /* boundary loss under a council every x days (0: default), no shared data */
		return md_boundary_loss(co, 0, md_council_relief(co, x));
	if (!strcmp(name, "council_relief")) /* relief of a council meeting every x days (0: the default cadence) */
		return md_council_relief(co, x);
	if (!strcmp(name, "debt")) /* debt of a system bought around IT (own) after x years */
		return fmin(1, co->technology.debt_initial + co->technology.debt_per_year * x);
	if (!strcmp(name, "debt_full_years")) /* years until an own system is fully drifted */
		return (1 - co->technology.debt_initial) / co->technology.debt_per_year;
	if (!strcmp(name, "supported_debt")) /* debt of a supported system after x years */
		return fmin(1, co->technology.supported_debt_per_year * x);
	if (!strcmp(name, "platform_cost")) /* yearly cost of one IT system serving x stages */
		return co->technology.system_base[TECH_IT] + co->technology.system_cost[TECH_IT] * x;
	if (!strcmp(name, "it_change_days")) /* expected work of an IT change, system serving x stages */
		return md_change_days(co, TECH_IT, x, co->technology.p_redo[TECH_IT]);
	if (!strcmp(name, "it_marketing_change_days")) /* the same for a change to marketing's system */
		return md_change_days(co, TECH_IT, x,
				      co->technology.p_redo[TECH_IT] * co->technology.redo_marketing_factor);
	if (!strcmp(name, "council_cost")) /* council meetings per year every x days (0: default), money */
		return 365 / (x > 0 ? x : co->governance.council_every) * co->governance.council_cost_per_meeting;
	if (!strcmp(name, "council_wait")) /* mean wait for the next meeting, days */
		return co->governance.council_every / 2;
	*ok = 0;
	return NAN;
}

/* ---- text ---- */

struct md_out {
	char *buf;
	size_t len, cap;
	int failed;
};

static void md_put(struct md_out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		char *nb = realloc(o->buf, cap);
		if (!nb) {
			o->failed = 1;
			return;
		}
		o->buf = nb;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = 0;
}

static void md_puts(struct md_out *o, const char *s)
{
	md_put(o, s, strlen(s));
}

/* A default's text without its quotes ("\"2 d\"" -> 2 d). */
static void md_def_text(const struct schema_entry *e, char *buf, size_t len)
{
	const char *d = e->def;
	size_t n = strlen(d);
	if (n >= 2 && d[0] == '"' && d[n - 1] == '"')
		snprintf(buf, len, "%.*s", (int)(n - 2), d + 1);
	else
		snprintf(buf, len, "%s", d);
}

/* 150000 -> 150,000; 0.15 stays. */
static void md_thousands(double v, char *buf, size_t len)
{
	char raw[64];
	snprintf(raw, sizeof raw, "%.15g", fabs(v));
	char *dot = strchr(raw, '.');
	size_t whole = dot ? (size_t)(dot - raw) : strlen(raw), k = 0;
	char out[96];
	if (v < 0)
		out[k++] = '-';
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = raw[i];
	}
	snprintf(out + k, sizeof out - k, "%s", dot ? dot : "");
	snprintf(buf, len, "%s", out);
}

static const struct schema_entry *md_entry(const char *path)
{
	if (!strncmp(path, "run.", 4))
		return schema_find(&schema_run, path + 4);
	return schema_find(&schema_company, path);
}

static void md_cell(struct md_out *o, const char *s)
{
	for (; *s; s++)
		md_put(o, *s == '|' ? "\\|" : s, *s == '|' ? 2 : 1);
}

static int md_table(struct md_out *o, const char *prefix)
{
	size_t n = strlen(prefix), rows = 0;
	md_puts(o, "| key | default | unit | meaning |\n|---|---|---|---|\n");
	for (size_t i = 0; i < schema_company.n; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (strncmp(e->path, prefix, n) != 0)
			continue;
		char def[256];
		md_def_text(e, def, sizeof def);
		md_puts(o, "| `");
		md_puts(o, e->path);
		md_puts(o, "` | ");
		md_cell(o, def);
		md_puts(o, " | ");
		md_cell(o, e->unit);
		md_puts(o, " | ");
		md_cell(o, e->meaning);
		md_puts(o, " |\n");
		rows++;
	}
	return rows ? 0 : -1;
}

/* Does path's stem (the path without its last part) have several keys? */
static int md_grouped(const char *path, size_t prefix_len)
{
	size_t stem = (size_t)(strrchr(path, '.') - path), n = 0;
	if (stem < prefix_len) /* a key directly under the prefix: not a group */
		return 0;
	for (size_t i = 0; i < schema_company.n; i++) {
		const char *p = schema_company.entries[i].path;
		n += strncmp(p, path, stem + 1) == 0 && !strchr(p + stem + 1, '.');
	}
	return n > 1;
}

/* Keys under prefix grouped by stem: keys of one stem (by focus, by
 * technology) on a row, one column per last part. Ungrouped keys are left
 * out (they go in a {{table}}). */
static int md_groups(struct md_out *o, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *cols[8];
	size_t n_cols = 0;
	for (size_t i = 0; i < schema_company.n; i++) {
		const char *p = schema_company.entries[i].path;
		if (strncmp(p, prefix, n) != 0 || !md_grouped(p, n))
			continue;
		const char *last = strrchr(p, '.') + 1;
		size_t c = 0;
		while (c < n_cols && strcmp(cols[c], last) != 0)
			c++;
		if (c == n_cols && n_cols < 8)
			cols[n_cols++] = last;
	}
	if (!n_cols)
		return -1;
	md_puts(o, "| key |");
	for (size_t c = 0; c < n_cols; c++) {
		md_puts(o, " ");
		md_puts(o, cols[c]);
		md_puts(o, " |");
	}
	md_puts(o, " unit |\n|---|");
	for (size_t c = 0; c <= n_cols; c++)
		md_puts(o, "---|");
	md_puts(o, "\n");
	char done[64][96];
	size_t n_done = 0;
	for (size_t i = 0; i < schema_company.n; i++) {
		const struct schema_entry *e = &schema_company.entries[i];
		if (strncmp(e->path, prefix, n) != 0 || !md_grouped(e->path, n))
			continue;
		size_t stem = (size_t)(strrchr(e->path, '.') - e->path);
		char name[96];
		snprintf(name, sizeof name, "%.*s", (int)stem, e->path);
		int seen = 0;
		for (size_t k = 0; k < n_done; k++)
			seen |= !strcmp(done[k], name);
		if (seen || n_done == 64)
			continue;
		snprintf(done[n_done++], sizeof done[0], "%s", name);
		md_puts(o, "| `");
		md_puts(o, name);
		md_puts(o, "` |");
		for (size_t c = 0; c < n_cols; c++) {
			char path[160], def[128] = "";
			snprintf(path, sizeof path, "%s.%s", name, cols[c]);
			const struct schema_entry *x = schema_find(&schema_company, path);
			if (x) {
				md_def_text(x, def, sizeof def);
				char *end;
				double v = strtod(def, &end);
				if (end != def && !*end && fabs(v) >= 1000)
					md_thousands(v, def, sizeof def);
			}
			md_puts(o, " ");
			md_cell(o, def);
			md_puts(o, " |");
		}
		md_puts(o, " ");
		md_cell(o, e->unit);
		md_puts(o, " |\n");
	}
	return 0;
}

/* One placeholder's text; -1 when it names nothing. */
static int md_expand(struct md_out *o, const struct company *co, const char *kind, const char *arg)
{
	char buf[256];
	if (!strcmp(kind, "default") || !strcmp(kind, "num") || !strcmp(kind, "mean")) {
		const struct schema_entry *e = md_entry(arg);
		if (!e)
			return -1;
		md_def_text(e, buf, sizeof buf);
		if (!strcmp(kind, "num")) {
			char *end;
			double v = strtod(buf, &end);
			if (end == buf || *end)
				return -1;
			md_thousands(v, buf, sizeof buf);
		} else if (!strcmp(kind, "mean")) {
			const char *m = strstr(e->def, "mean = ");
			if (!m)
				return -1;
			m += 7;
			size_t k = 0;
			if (*m == '"')
				m++;
			while (m[k] && m[k] != '"' && m[k] != ';')
				k++;
			snprintf(buf, sizeof buf, "%.*s", (int)k, m);
		}
		md_puts(o, buf);
		return 0;
	}
	if (!strcmp(kind, "table"))
		return md_table(o, arg);
	if (!strcmp(kind, "groups"))
		return md_groups(o, arg);
	if (!strcmp(kind, "calc") || !strcmp(kind, "pct")) {
		char name[64];
		double x = 0;
		const char *paren = strchr(arg, '(');
		size_t n = paren ? (size_t)(paren - arg) : strlen(arg);
		if (n >= sizeof name)
			return -1;
		snprintf(name, sizeof name, "%.*s", (int)n, arg);
		if (paren) {
			char *end;
			x = strtod(paren + 1, &end);
			if (end == paren + 1 || strcmp(end, ")") != 0)
				return -1;
		}
		int ok;
		double v = md_calc(co, name, x, &ok);
		if (!ok || !isfinite(v))
			return -1;
		if (!strcmp(kind, "pct"))
			snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
		else if (fabs(v) >= 1000)
			md_thousands(round(v), buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "%.3g", v);
		md_puts(o, buf);
		return 0;
	}
	return -1;
}

/* Renders template text; returns the document (free it), or NULL with the
 * first bad placeholder and its line in err. */
static char *model_doc_render(const char *in, char *err, size_t errlen)
{
	struct company co;
	memset(&co, 0, sizeof co);
	values_defaults(&schema_company, &co);
	struct md_out o = {0};
	unsigned line = 1;
	const char *p = in;
	/* the template's own opening comment (it names the placeholders) is
	 * replaced by a note that the page is generated */
	const char *end;
	if (!strncmp(p, "<!--", 4) && (end = strstr(p, "-->\n"))) {
		for (const char *q = p; q < end; q++)
			line += *q == '\n';
		p = end + 4;
		line++;
		md_puts(&o, "<!-- generated from docs/model.md.in by `make docs`: edit the template, not this page -->\n");
	}
	while (*p) {
		const char *open = strstr(p, "{{");
		if (!open) {
			md_puts(&o, p);
			break;
		}
		for (const char *q = p; q < open; q++)
			line += *q == '\n';
		md_put(&o, p, (size_t)(open - p));
		const char *close = strstr(open, "}}");
		const char *colon = strchr(open, ':');
		char kind[32] = "", arg[160] = "";
		if (close && colon && colon < close && (size_t)(colon - open - 2) < sizeof kind &&
		    (size_t)(close - colon - 1) < sizeof arg) {
			snprintf(kind, sizeof kind, "%.*s", (int)(colon - open - 2), open + 2);
			snprintf(arg, sizeof arg, "%.*s", (int)(close - colon - 1), colon + 1);
		}
		if (!*kind || md_expand(&o, &co, kind, arg) < 0) {
			snprintf(err, errlen, "line %u: unknown placeholder %.*s", line,
				 close ? (int)(close + 2 - open) : 40, open);
			free(o.buf);
			return NULL;
		}
		p = close + 2;
	}
	if (o.failed) {
		snprintf(err, errlen, "out of memory");
		free(o.buf);
		return NULL;
	}
	return o.buf ? o.buf : calloc(1, 1);
}

#endif
