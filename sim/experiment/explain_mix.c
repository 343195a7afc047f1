/*
 * explain_mix.c - the parts of a scenario's data, and B with some of them
 * taken from A (explain.h, docs/explain.md).
 *
 * Every field of struct ownership belongs to exactly one part (the table
 * ownership_fields below; tests/test_explain.c checks that it tiles the
 * struct): the model's name, description and source are labels, which the
 * simulation never reads, so they follow A only when every part does.
 *
 * Owners are matched by name, never by index, so that a part brings along the
 * owners it names: the mix's owners are those its stage owners, journey owner,
 * platform owner and decider name, plus the owners that nothing names in the
 * model that supplies the stage owners (who still cost money). A part that
 * names an owner of A that B lacks (a journey owner "cco", a decider) adds
 * that owner and its yearly cost; an owner named by two parts is one owner, a
 * shared cost that Shapley splits between them. An owner's title and cost come
 * from the stage owners' model when it has the owner (else from the other),
 * its focus from the policy's model when it has the owner (else from the
 * other). A decider "the journey owner" (-1) under "single", mixed into a
 * model without a journey owner, becomes the governance model's journey owner
 * by name, so the mix stays a valid model.
 */
#include <stdalign.h>
#include <stddef.h>
#include <string.h>

#include "explain.h"
#include "ownership.h"

const struct explain_part_info explain_parts[EXPLAIN_PART_COUNT] = {
	[PART_STAGE_OWNERS] = {"stage_owners", "Stage owners"},
	[PART_JOURNEY_OWNER] = {"journey_owner", "Journey owner"},
	[PART_TECHNOLOGY] = {"technology", "Technology per stage"},
	[PART_SYSTEMS] = {"systems", "Systems and integrations"},
	[PART_GOVERNANCE] = {"governance", "Governance"},
	[PART_POLICY] = {"policy", "Policy foci"},
	[PART_COMPANY] = {"company", "Company settings"},
};

#define FIELD(f, type, part, by_name)                                                                      \
	{#f, offsetof(struct ownership, f), sizeof(type), alignof(type), part, by_name}

static const struct explain_field ownership_fields[] = {
	FIELD(name, char[NAME_LEN], EXPLAIN_PART_LABELS, 0),
	FIELD(description, char[TEXT_LEN], EXPLAIN_PART_LABELS, 0),
	FIELD(source, char[TEXT_LEN], EXPLAIN_PART_LABELS, 0),
	FIELD(n_owners, unsigned, PART_STAGE_OWNERS, 1),
	FIELD(owners, struct owner[OWNER_MAX], PART_STAGE_OWNERS, 1), /* their focus: PART_POLICY */
	FIELD(stage_owner, int[STAGE_COUNT], PART_STAGE_OWNERS, 1),
	FIELD(journey_owner, int, PART_JOURNEY_OWNER, 1),
	FIELD(journey_marketing_focus, int, PART_POLICY, 0),
	FIELD(it_owner, int, PART_TECHNOLOGY, 1),
	FIELD(tech, enum tech[STAGE_COUNT], PART_TECHNOLOGY, 0),
	FIELD(system, char[STAGE_COUNT][NAME_LEN], PART_SYSTEMS, 0),
	FIELD(n_integrations, unsigned, PART_SYSTEMS, 0),
	FIELD(integration, enum stage[INTEGRATION_MAX][2], PART_SYSTEMS, 0),
	FIELD(governance, enum governance, PART_GOVERNANCE, 0),
	FIELD(decider, int, PART_GOVERNANCE, 1),
	FIELD(council_members, int, PART_GOVERNANCE, 0),
	FIELD(council_every, double, PART_GOVERNANCE, 0),
	FIELD(relief, double, PART_GOVERNANCE, 0),
	FIELD(relief_set, int, PART_GOVERNANCE, 0),
	FIELD(council_spans, unsigned, PART_GOVERNANCE, 0),
	FIELD(cross_trained, unsigned, PART_TECHNOLOGY, 0), /* staff cross-trained with IT */
};
#define N_FIELDS (sizeof ownership_fields / sizeof ownership_fields[0])

const struct explain_field *explain_ownership_fields(size_t *n)
{
	*n = N_FIELDS;
	return ownership_fields;
}

static const char *owner_name(const struct ownership *m, int i)
{
	return i >= 0 && (unsigned)i < m->n_owners ? m->owners[i].name : NULL;
}

static int owner_find(const struct ownership *m, const char *name)
{
	for (unsigned i = 0; name && i < m->n_owners; i++)
		if (strcmp(m->owners[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int same_name(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* Does some field of m other than the roster name owner i? */
static int owner_named(const struct ownership *m, unsigned i)
{
	for (int s = 0; s < STAGE_COUNT; s++)
		if (m->stage_owner[s] == (int)i)
			return 1;
	return m->journey_owner == (int)i || m->it_owner == (int)i || m->decider == (int)i;
}

/* The mix being built: owners by name. */
struct roster {
	const char *names[2 * OWNER_MAX];
	size_t n;
};

static void roster_add(struct roster *r, const char *name)
{
	if (!name)
		return;
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->names[i], name) == 0)
			return;
	r->names[r->n++] = name;
}

static int roster_has(const struct roster *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->names[i], name) == 0)
			return 1;
	return 0;
}

/* Is the roster's set of names exactly m's owners? */
static int roster_is(const struct roster *r, const struct ownership *m)
{
	if (r->n != m->n_owners)
		return 0;
	for (unsigned i = 0; i < m->n_owners; i++)
		if (!roster_has(r, m->owners[i].name))
			return 0;
	return 1;
}

/* The roster in order: p's (the stage owners' model) owners in p's order,
 * then q's others in q's; but exactly q's order when the set is q's and not
 * p's, so that the full mix is A byte for byte and the empty one B. */
static void roster_order(const struct roster *set, const struct ownership *p, const struct ownership *q,
			 struct roster *out)
{
	out->n = 0;
	const struct ownership *first = roster_is(set, q) && !roster_is(set, p) ? q : p;
	const struct ownership *second = first == p ? q : p;
	for (unsigned i = 0; i < first->n_owners; i++)
		if (roster_has(set, first->owners[i].name))
			roster_add(out, first->owners[i].name);
	for (unsigned i = 0; i < second->n_owners; i++)
		if (roster_has(set, second->owners[i].name))
			roster_add(out, second->owners[i].name);
}

static void field_copy(struct ownership *out, const struct ownership *from, const struct explain_field *f)
{
	memcpy((char *)out + f->offset, (const char *)from + f->offset, f->size);
}

/* The model that supplies part p. */
#define SOURCE(p) ((parts >> (p)) & 1u ? a : b)

static int ownership_mix(const struct ownership *a, const struct ownership *b, unsigned parts,
			 struct ownership *out, char *why, size_t why_len)
{
	const struct ownership *so = SOURCE(PART_STAGE_OWNERS), *other = so == a ? b : a;
	const struct ownership *jo = SOURCE(PART_JOURNEY_OWNER), *te = SOURCE(PART_TECHNOLOGY);
	const struct ownership *gv = SOURCE(PART_GOVERNANCE), *po = SOURCE(PART_POLICY);

	memcpy(out, b, sizeof *out);
	for (size_t i = 0; i < N_FIELDS; i++) {
		const struct explain_field *f = &ownership_fields[i];
		int from_a = f->part == EXPLAIN_PART_LABELS ? parts == EXPLAIN_ALL_PARTS : (parts >> f->part) & 1u;
		if (!f->by_name && from_a)
			field_copy(out, a, f);
	}

	/* the names every owner field of the mix refers to */
	const char *stage[STAGE_COUNT];
	for (int s = 0; s < STAGE_COUNT; s++)
		stage[s] = owner_name(so, so->stage_owner[s]);
	const char *journey = owner_name(jo, jo->journey_owner), *it = owner_name(te, te->it_owner);
	const char *decider = owner_name(gv, gv->decider);
	if (!decider && !journey && gv->governance == GOV_SINGLE)
		decider = owner_name(gv, gv->journey_owner); /* "the journey owner" decides: bring it along */

	struct roster set = {.n = 0}, order;
	for (int s = 0; s < STAGE_COUNT; s++)
		roster_add(&set, stage[s]);
	roster_add(&set, journey);
	roster_add(&set, it);
	roster_add(&set, decider);
	for (unsigned i = 0; i < so->n_owners; i++)
		if (!owner_named(so, i))
			roster_add(&set, so->owners[i].name);
	if (set.n > OWNER_MAX) {
		snprintf(why, why_len, "the mix needs %zu owners, more than %d", set.n, OWNER_MAX);
		return -1;
	}
	roster_order(&set, so, other, &order);

	memset(out->owners, 0, sizeof out->owners); /* unused slots are zero, as the loader leaves them */
	out->n_owners = (unsigned)order.n;
	for (size_t i = 0; i < order.n; i++) {
		int k = owner_find(so, order.names[i]);
		memcpy(&out->owners[i], k >= 0 ? &so->owners[k] : &other->owners[owner_find(other, order.names[i])],
		       sizeof out->owners[i]);
		const struct ownership *fm = owner_find(po, order.names[i]) >= 0 ? po : (po == a ? b : a);
		out->owners[i].focus = fm->owners[owner_find(fm, order.names[i])].focus;
	}
	for (int s = 0; s < STAGE_COUNT; s++)
		out->stage_owner[s] = owner_find(out, stage[s]);
	out->journey_owner = owner_find(out, journey);
	out->it_owner = owner_find(out, it);
	out->decider = owner_find(out, decider);

	if (ownership_validate(out, why, why_len) != 0)
		return -1;
	if (out->governance == GOV_SINGLE && out->decider < 0 && out->journey_owner < 0) {
		snprintf(why, why_len, "governance \"single\" has no decider and no journey owner");
		return -1;
	}
	return 0;
}

/* "B with A's journey owner and systems", for messages. */
static void mix_describe(const struct scenario *a, const struct scenario *b, unsigned parts, char *buf,
			 size_t len)
{
	size_t used = (size_t)snprintf(buf, len, "%s with %s's", b->name, a->name);
	const char *sep = " ";
	for (int p = 0; p < EXPLAIN_PART_COUNT && used < len; p++)
		if ((parts >> p) & 1u) {
			used += (size_t)snprintf(buf + used, len - used, "%s%s", sep, explain_parts[p].id);
			sep = ", ";
		}
}

int explain_mix(const struct scenario *a, const struct scenario *b, unsigned parts, struct scenario *out,
		struct js_error *err)
{
	parts &= EXPLAIN_ALL_PARTS;
	memcpy(out, parts == EXPLAIN_ALL_PARTS ? a : b, sizeof *out);
	memcpy(&out->company, (parts >> PART_COMPANY) & 1u ? &a->company : &b->company, sizeof out->company);
	char why[256];
	if (ownership_mix(&a->ownership, &b->ownership, parts, &out->ownership, why, sizeof why) != 0) {
		char what[512];
		mix_describe(a, b, parts, what, sizeof what);
		return js_error_set(err, EX_CONFIG, "explain: %s is not a valid ownership model: %s", what, why);
	}
	return 0;
}

/* ---- which parts differ ---- */

static int stage_owners_differ(const struct ownership *a, const struct ownership *b)
{
	for (int s = 0; s < STAGE_COUNT; s++)
		if (!same_name(owner_name(a, a->stage_owner[s]), owner_name(b, b->stage_owner[s])))
			return 1;
	/* owners nothing names, and the titles, costs and order of shared owners */
	const struct ownership *m[2] = {a, b};
	for (int side = 0; side < 2; side++)
		for (unsigned i = 0; i < m[side]->n_owners; i++)
			if (!owner_named(m[side], i)) {
				int k = owner_find(m[!side], m[side]->owners[i].name);
				if (k < 0 || owner_named(m[!side], (unsigned)k))
					return 1;
			}
	int last = -1;
	for (unsigned i = 0; i < a->n_owners; i++) {
		int k = owner_find(b, a->owners[i].name);
		if (k < 0)
			continue;
		if (k < last || strcmp(a->owners[i].title, b->owners[k].title) != 0 ||
		    a->owners[i].cost_per_year != b->owners[k].cost_per_year)
			return 1;
		last = k;
	}
	return 0;
}

static int policy_differs(const struct ownership *a, const struct ownership *b)
{
	for (unsigned i = 0; i < a->n_owners; i++) {
		int k = owner_find(b, a->owners[i].name);
		if (k >= 0 && a->owners[i].focus != b->owners[k].focus)
			return 1;
	}
	return a->journey_marketing_focus != b->journey_marketing_focus;
}

static int systems_differ(const struct ownership *a, const struct ownership *b)
{
	for (int s = 0; s < STAGE_COUNT; s++)
		if (strcmp(a->system[s], b->system[s]) != 0)
			return 1;
	return a->n_integrations != b->n_integrations ||
	       memcmp(a->integration, b->integration, a->n_integrations * sizeof a->integration[0]) != 0;
}

unsigned explain_parts_differing(const struct scenario *sa, const struct scenario *sb)
{
	const struct ownership *a = &sa->ownership, *b = &sb->ownership;
	unsigned d = 0;
	if (stage_owners_differ(a, b))
		d |= 1u << PART_STAGE_OWNERS;
	if (!same_name(owner_name(a, a->journey_owner), owner_name(b, b->journey_owner)))
		d |= 1u << PART_JOURNEY_OWNER;
	if (memcmp(a->tech, b->tech, sizeof a->tech) != 0 || a->cross_trained != b->cross_trained ||
	    !same_name(owner_name(a, a->it_owner), owner_name(b, b->it_owner)))
		d |= 1u << PART_TECHNOLOGY;
	if (systems_differ(a, b))
		d |= 1u << PART_SYSTEMS;
	if (a->governance != b->governance || a->council_members != b->council_members ||
	    a->council_every != b->council_every || a->relief_set != b->relief_set ||
	    (a->relief_set && a->relief != b->relief) || a->council_spans != b->council_spans ||
	    !same_name(owner_name(a, a->decider), owner_name(b, b->decider)))
		d |= 1u << PART_GOVERNANCE;
	if (policy_differs(a, b))
		d |= 1u << PART_POLICY;
	if (memcmp(&sa->company, &sb->company, sizeof sa->company) != 0)
		d |= 1u << PART_COMPANY;
	return d;
}
