/*
 * prior_doc.h - the table of shipped priors in docs/priors.md, written from
 * the priors config/default.cfg resolves (config/uncertainty/defaults.cfg)
 * with the comment above each entry as its source and range. `make docs`
 * splices it in (tests/tools/prior_doc.c); test_prior.c fails on drift.
 */
#ifndef JOURNEYSIM_PRIOR_DOC_H
#define JOURNEYSIM_PRIOR_DOC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prior.h"

#define PRIOR_DOC_CONFIG "config/default.cfg"
#define PRIOR_DOC_HEADING "## The shipped priors"

/* The comment line just above line `line` of file, without "# " (buf ""
 * when there is none). */
static inline void prior_doc_comment(const char *file, unsigned line, char *buf, size_t len)
{
	buf[0] = 0;
	FILE *fp = fopen(file, "r");
	char text[2048], prev[2048] = "";
	for (unsigned n = 1; fp && fgets(text, sizeof text, fp) && n < line; n++)
		snprintf(prev, sizeof prev, "%s", text);
	if (fp)
		fclose(fp);
	const char *p = prev + strspn(prev, " \t");
	if (*p != '#')
		return;
	p += 1 + strspn(p + 1, " ");
	snprintf(buf, len, "%s", p);
	buf[strcspn(buf, "\n")] = 0;
}

/* Writes the section (heading included) to fp; -1 with why when the
 * priors do not load. */
static inline int prior_doc_write(FILE *fp, char *why, size_t why_len)
{
	struct js_error err;
	struct scenario_file *f = scenario_file_load(PRIOR_DOC_CONFIG, &err, NULL, 0);
	struct prior_set *ps = calloc(1, sizeof *ps);
	int found = 0;
	if (!f || !ps || prior_read(PRIOR_DOC_CONFIG, f, ps, &found, &err) != 0 || !found) {
		snprintf(why, why_len, "%s", f && ps && !found ? "no priors in " PRIOR_DOC_CONFIG : err.msg);
		scenario_file_free(f);
		free(ps);
		return -1;
	}
	const char *cur = f->scenarios[0].company.currency;
	fprintf(fp, "%s\n\n", PRIOR_DOC_HEADING);
	fprintf(fp, "Written by `make docs` from `config/uncertainty/defaults.cfg` as `config/default.cfg` resolves it (a test\n"
		    "fails when they differ). %zu priors, one per key assumption; the default is the schema's, the median and\n"
		    "the 5-95%% range are the prior's. All are illustrative: a source, where named, gives a direction, not a size.\n\n",
		ps->n);
	fprintf(fp, "| path | label | prior | default | median | 5-95%% | group | source and range |\n");
	fprintf(fp, "|---|---|---|---|---|---|---|---|\n");
	for (size_t j = 0; j < ps->n; j++) {
		const struct prior *p = &ps->p[j];
		char label[160], unit[32], d[768], def[64], med[64], lo[64], hi[64], src[1024];
		scenario_param_label(p->path, label, sizeof label, unit, sizeof unit);
		prior_dist_text(p, cur, d, sizeof d);
		prior_value_text(p, p->resolved, cur, def, sizeof def);
		prior_value_text(p, prior_quantile(p, 0.5), cur, med, sizeof med);
		prior_value_text(p, prior_quantile(p, 0.05), cur, lo, sizeof lo);
		prior_value_text(p, prior_quantile(p, 0.95), cur, hi, sizeof hi);
		prior_doc_comment(p->file, p->line, src, sizeof src);
		fprintf(fp, "| `%s` | %s | %s | %s | %s | %s to %s | %s | %s |\n", p->path, label, d, def, med, lo, hi,
			p->group[0] ? p->group : "", src);
	}
	scenario_file_free(f);
	free(ps);
	return 0;
}

#endif
