/*
 * print.c - scenario_file_print: the resolved file as a config that
 * scenario_file_load accepts and that gives the same scenarios.
 *
 * Every scenario is written with its whole company (walking the schema, so
 * every default appears) and its ownership model in full, without base.
 * Numbers are written in their shortest exact form and durations with the
 * largest exact unit, so loading the output gives the same bits and printing
 * it again gives the same bytes. The derived figures of each model
 * (boundaries, systems, parties, shared context) follow as comments.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ownership.h"
#include "scenario_internal.h"

static void put_indent(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		fputs("  ", out);
}

static void put_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* Always with a point or an exponent, so that it reads back as a decimal. */
static void put_number(FILE *out, double v)
{
	char buf[48];
	number_format_shortest(v, buf, sizeof buf);
	fputs(buf, out);
	if (!strpbrk(buf, ".e"))
		fputs(".0", out);
}

static void put_duration(FILE *out, double days)
{
	char buf[64];
	duration_format(days, buf, sizeof buf);
	put_string(out, buf);
}

static void put_dist_value(FILE *out, double v, int days)
{
	if (days)
		put_duration(out, v);
	else
		put_number(out, v);
}

static void put_list(FILE *out, const double *v, size_t n, int days)
{
	fputs("[", out);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		put_dist_value(out, v[i], days);
	}
	fputs("]", out);
}

static void put_dist(FILE *out, const struct dist *d, int days)
{
	fprintf(out, "{ dist = \"%s\";", d->type->name);
	for (size_t i = 0; i < DIST_PARAMS_MAX && d->type->params[i]; i++) {
		const struct dist_param *p = dist_param_find(d->type->params[i]);
		const void *at = (const char *)d + p->offset;
		fprintf(out, " %s = ", p->name);
		switch (p->kind) {
		case DIST_PARAM_VALUE:
			put_dist_value(out, *(const double *)at, days);
			break;
		case DIST_PARAM_CV:
			put_number(out, *(const double *)at);
			break;
		case DIST_PARAM_K:
			fprintf(out, "%u", d->k);
			break;
		case DIST_PARAM_VALUES:
			put_list(out, d->values, d->n, days);
			break;
		case DIST_PARAM_WEIGHTS:
			put_list(out, d->weights, d->n, 0);
			break;
		}
		fputs(";", out);
	}
	fputs(" }", out);
}

static void put_value(FILE *out, const struct schema_entry *e, const void *base)
{
	const char *p = (const char *)base + e->offset;
	switch (e->type) {
	case ST_NUMBER:
		put_number(out, *(const double *)(const void *)p);
		break;
	case ST_DURATION:
		put_duration(out, *(const double *)(const void *)p);
		break;
	case ST_UINT:
		fprintf(out, "%u", *(const unsigned *)(const void *)p);
		break;
	case ST_SEED: {
		uint64_t seed = *(const uint64_t *)(const void *)p;
		if (seed > INT64_MAX) /* beyond libconfig's integers: a string */
			fprintf(out, "\"%llu\"", (unsigned long long)seed);
		else
			fprintf(out, "%llu%s", (unsigned long long)seed, seed > INT32_MAX ? "L" : "");
		break;
	}
	case ST_TEXT:
		put_string(out, p);
		break;
	case ST_CHOICE:
		put_string(out, e->choices[*(const int *)(const void *)p]);
		break;
	case ST_DIST_DAYS:
	case ST_DIST_COUNT:
		put_dist(out, (const struct dist *)(const void *)p, e->type == ST_DIST_DAYS);
		break;
	case ST_PROFILE: {
		const struct rate_profile *r = (const struct rate_profile *)(const void *)p;
		fputs("{ period = ", out);
		put_duration(out, r->period);
		fputs("; start = ", out);
		put_list(out, r->start, r->n, 1);
		fputs("; multiplier = ", out);
		put_list(out, r->multiplier, r->n, 0);
		fputs("; }", out);
		break;
	}
	}
}

/* A staffing setting left at its default is not written: a file without
 * staffing rules resolves to the text it did before they existed (a sweep's
 * resolved_sha256 and its journal stay valid), and a rule that is set shows. */
static int put_skipped(const struct schema_entry *e, const void *base, const void *defaults)
{
	return defaults && strstr(e->path, ".staffing.") &&
	       memcmp((const char *)base + e->offset, (const char *)defaults + e->offset, e->size) == 0;
}

/* Writes the settings of a table as nested groups, one key a line;
 * defaults (or NULL) is the table's default values. */
static void put_table(FILE *out, const struct schema_table *t, const void *base, const void *defaults, int indent)
{
	char open[8][48]; /* the groups currently open */
	int depth = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct schema_entry *e = &t->entries[i];
		if (put_skipped(e, base, defaults))
			continue;
		char comp[8][48];
		int n = 0;
		for (const char *p = e->path; *p && n < 8; n++) {
			size_t len = strcspn(p, ".");
			snprintf(comp[n], sizeof comp[n], "%.*s", (int)len, p);
			p += len + (p[len] == '.');
		}
		int common = 0;
		while (common < depth && common < n - 1 && strcmp(open[common], comp[common]) == 0)
			common++;
		while (depth > common) {
			put_indent(out, indent + --depth);
			fputs("};\n", out);
		}
		while (depth < n - 1) {
			put_indent(out, indent + depth);
			fprintf(out, "%s = {\n", comp[depth]);
			snprintf(open[depth], sizeof open[depth], "%s", comp[depth]);
			depth++;
		}
		put_indent(out, indent + depth);
		fprintf(out, "%s = ", comp[n - 1]);
		put_value(out, e, base);
		fputs(";\n", out);
	}
	while (depth > 0) {
		put_indent(out, indent + --depth);
		fputs("};\n", out);
	}
}

static const char *owner_name(const struct ownership *o, int i)
{
	return i >= 0 && (unsigned)i < o->n_owners ? o->owners[i].name : "";
}

static void put_stage_group(FILE *out, int indent, const char *key, const char *const values[STAGE_COUNT])
{
	put_indent(out, indent);
	fprintf(out, "%s = {", key);
	for (int s = 0; s < STAGE_COUNT; s++) {
		fprintf(out, " %s = ", stage_names[s]);
		put_string(out, values[s]);
		fputs(";", out);
	}
	fputs(" };\n", out);
}

static void put_derived(FILE *out, int indent, const struct ownership *o)
{
	struct ownership_derived d;
	ownership_derive(o, &d);
	put_indent(out, indent);
	fprintf(out, "# derived: %d boundaries (", d.n_boundaries);
	int first = 1;
	for (int t = 0; t < TR_MAIN_COUNT; t++)
		if (d.boundary[t]) {
			fprintf(out, "%s%s->%s", first ? "" : ", ", stage_names[transition_from[t]],
				stage_names[transition_to[t]]);
			first = 0;
		}
	fprintf(out, "%s), %d systems, %d governance parties\n", first ? "none" : "", d.n_systems,
		d.n_parties);
	put_indent(out, indent);
	fputs("# shared context:", out);
	first = 1;
	for (int a = 0; a < STAGE_COUNT; a++)
		for (int b = a + 1; b < STAGE_COUNT; b++)
			if (d.integrated[a][b]) {
				fprintf(out, "%s %s+%s%s", first ? "" : ",", stage_names[a], stage_names[b],
					d.same_system[a][b] ? " (same system)" : "");
				first = 0;
			}
	fprintf(out, "%s\n", first ? " none" : "");
	put_indent(out, indent);
	fputs("# policy focus:", out);
	for (int s = 0; s < STAGE_COUNT; s++)
		fprintf(out, "%s %s %s", s ? "," : "", stage_names[s], focus_names[d.policy_focus[s]]);
	fputs("\n", out);
}

static void put_model(FILE *out, int indent, const char *key, const struct ownership *o)
{
	put_indent(out, indent);
	fprintf(out, "%s = {\n", key);
	indent++;
	const char *keys[3] = {"name", "description", "source"};
	const char *vals[3] = {o->name, o->description, o->source};
	for (int i = 0; i < 3; i++) {
		put_indent(out, indent);
		fprintf(out, "%s = ", keys[i]);
		put_string(out, vals[i]);
		fputs(";\n", out);
	}
	put_indent(out, indent);
	fputs("owners = (\n", out);
	for (unsigned i = 0; i < o->n_owners; i++) {
		const struct owner *w = &o->owners[i];
		put_indent(out, indent + 1);
		fputs("{ name = ", out);
		put_string(out, w->name);
		fputs("; title = ", out);
		put_string(out, w->title);
		fputs("; cost_per_year = ", out);
		put_number(out, w->cost_per_year);
		fprintf(out, "; focus = \"%s\"; }%s\n", focus_names[w->focus], i + 1 < o->n_owners ? "," : "");
	}
	put_indent(out, indent);
	fputs(");\n", out);
	const char *v[STAGE_COUNT];
	for (int s = 0; s < STAGE_COUNT; s++)
		v[s] = owner_name(o, o->stage_owner[s]);
	put_stage_group(out, indent, "stages", v);
	put_indent(out, indent);
	fputs("journey_owner = ", out);
	put_string(out, owner_name(o, o->journey_owner));
	fputs(";\n", out);
	if (o->journey_marketing_focus) {
		put_indent(out, indent);
		fputs("journey_marketing_focus = ", out);
		put_string(out, focus_names[o->journey_marketing_focus - 1]);
		fputs(";\n", out);
	}
	put_indent(out, indent);
	fputs("it_owner = ", out);
	put_string(out, owner_name(o, o->it_owner));
	fputs(";\n", out);
	for (int s = 0; s < STAGE_COUNT; s++)
		v[s] = tech_names[o->tech[s]];
	put_stage_group(out, indent, "technology", v);
	for (int s = 0; s < STAGE_COUNT; s++)
		v[s] = o->system[s];
	put_stage_group(out, indent, "systems", v);
	put_indent(out, indent);
	fputs("integrated = (", out);
	for (unsigned i = 0; i < o->n_integrations; i++)
		fprintf(out, "%s [\"%s\", \"%s\"]", i ? "," : "", stage_names[o->integration[i][0]],
			stage_names[o->integration[i][1]]);
	fputs(" );\n", out);
	put_indent(out, indent);
	fprintf(out, "governance = { mode = \"%s\"; decider = ", governance_names[o->governance]);
	put_string(out, owner_name(o, o->decider));
	fprintf(out, "; council_members = %d;", o->council_members);
	if (o->council_every > 0)
		fprintf(out, " council_every = %.17g;", o->council_every);
	if (o->relief_set)
		fprintf(out, " relief = %.17g;", o->relief);
	if (o->council_spans) {
		fputs(" council_spans = (", out);
		for (int t = 0, n = 0; t < TR_COUNT; t++)
			if (o->council_spans >> t & 1u)
				fprintf(out, "%s [\"%s\", \"%s\"]", n++ ? "," : "", stage_names[transition_from[t]],
					stage_names[transition_to[t]]);
		fputs(" );", out);
	}
	fputs(" };\n", out);
	if (o->cross_trained) {
		put_indent(out, indent);
		fputs("cross_trained = [", out);
		for (int st = 0, n = 0; st < STAGE_COUNT; st++)
			if (o->cross_trained >> st & 1u)
				fprintf(out, "%s\"%s\"", n++ ? ", " : "", stage_names[st]);
		fputs("];\n", out);
	}
	put_derived(out, indent, o);
	put_indent(out, indent - 1);
	fputs("};\n", out);
}

int scenario_file_print(const struct scenario_file *f, FILE *out, struct js_error *err)
{
	struct company *defaults = malloc(sizeof *defaults);
	if (!defaults)
		return js_error_set(err, EX_OSERR, "out of memory");
	memset(defaults, 0, sizeof *defaults);
	values_defaults(&schema_company, defaults);
	fputs("# journeysim: the resolved scenario file, every default filled in and every\n"
	      "# ownership model written out in full (journeysim check)\n",
	      out);
	fputs("run = {\n", out);
	put_table(out, &schema_run, &f->run, NULL, 1);
	fputs("};\n\nscenarios = (\n", out);
	for (size_t i = 0; i < f->n_scenarios; i++) {
		const struct scenario *s = &f->scenarios[i];
		fputs("  {\n    name = ", out);
		put_string(out, s->name);
		fputs(";\n    description = ", out);
		put_string(out, s->description);
		fputs(";\n    company = {\n", out);
		put_table(out, &schema_company, &s->company, defaults, 3);
		fputs("    };\n", out);
		put_model(out, 2, "ownership", &s->ownership);
		if (s->transition.present) {
			/* `from` in full too: a model of the file is not written out by name */
			fputs("    transition = {\n", out);
			put_model(out, 3, "from", &s->from);
			for (size_t k = 1; k < schema_transition.n; k++) {
				fprintf(out, "      %s = ", schema_transition.entries[k].path);
				put_value(out, &schema_transition.entries[k], &s->transition);
				fputs(";\n", out);
			}
			fputs("    };\n", out);
		}
		fprintf(out, "  }%s\n", i + 1 < f->n_scenarios ? "," : "");
	}
	fputs(");\n", out);
	free(defaults);
	if (fflush(out) != 0 || ferror(out))
		return js_error_set(err, EX_IOERR, "cannot write the resolved file: %s", strerror(errno));
	return 0;
}
