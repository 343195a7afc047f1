/* names.c - display names of scenarios, metrics (from the metric table of
 * metrics.h) and parameters, and the run facts of run.json / manifest.json. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data.h"
#include "metrics.h"

/* Words written in capitals in display names. */
static const char *const acronyms[] = {"b2b", "ceo", "cio", "cmo", "cco", "coo", "cfo", "cto", "crm", "erp",
				       "it",  "kpi", "nps", "sla", "ai",  "hq",  "eu",  "us",  "uk"};

char *plot_scenario_label(const char *id)
{
	size_t n = strlen(id);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	const char *p = id;
	while (*p) {
		if (*p == '_') {
			out[o++] = ' ';
			p++;
			continue;
		}
		/* one word: letters and digits up to a separator */
		size_t w = strcspn(p, "_ -");
		int acro = 0;
		for (size_t k = 0; k < sizeof acronyms / sizeof *acronyms; k++)
			if (strlen(acronyms[k]) == w && strncasecmp(p, acronyms[k], w) == 0)
				acro = 1;
		for (size_t k = 0; k < w; k++) {
			char c = p[k];
			if (acro)
				c = (char)toupper((unsigned char)c);
			else if (o == 0 && k == 0)
				c = (char)toupper((unsigned char)c);
			out[o++] = c;
		}
		p += w;
		if (*p == ' ' || *p == '-')
			out[o++] = *p++;
	}
	out[o] = 0;
	return out;
}

/* Copies s into buf with '.' and '_' as spaces and the first letter capital. */
static const char *humanise(char *buf, size_t len, const char *s)
{
	size_t o = 0;
	for (; *s && o + 1 < len; s++)
		buf[o++] = *s == '.' || *s == '_' ? ' ' : *s;
	buf[o] = 0;
	if (o)
		buf[0] = (char)toupper((unsigned char)buf[0]);
	return buf;
}

const char *plot_metric_label(char *buf, size_t len, const char *metric)
{
	int m = metric_find(metric);
	if (m < 0) /* a name from another version */
		return humanise(buf, len, metric);
	snprintf(buf, len, "%s", metric_table[m].label);
	return buf;
}

const char *plot_param_label(char *buf, size_t len, const char *path)
{
	/* the last two components say most: "mechanisms.handoff.delay" -> "handoff delay" */
	const char *last = strrchr(path, '.');
	const char *from = path;
	if (last) {
		from = last; /* back to the start of the component before the last */
		while (from > path && from[-1] != '.')
			from--;
	}
	return humanise(buf, len, from);
}

int plot_run_load(struct plot_run *run, const char *path, struct json *keep, struct js_error *err)
{
	memset(run, 0, sizeof *run);
	if (keep)
		memset(keep, 0, sizeof *keep);
	run->replications = run->horizon = run->warmup = NAN;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return js_error_set(err, EX_NOINPUT, "%s: cannot open: %s", path, strerror(errno));
	}
	char *text = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			char *nt = realloc(text, cap);
			if (!nt) {
				free(text);
				fclose(f);
				return js_error_set(err, EX_OSERR, "%s: out of memory", path);
			}
			text = nt;
		}
		size_t got = fread(text + n, 1, 4096, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	text[n] = 0;
	struct json root;
	int rc = json_parse(&root, text, path, err);
	free(text);
	if (rc < 0)
		return -1;
	if (root.kind != JSON_OBJECT) {
		json_free(&root);
		return js_error_set(err, EX_DATAERR, "%s:1: expected a JSON object", path);
	}
	run->present = 1;
	snprintf(run->version, sizeof run->version, "%s", json_get_string(&root, "version", ""));
	snprintf(run->config, sizeof run->config, "%s", json_get_string(&root, "config", ""));
	snprintf(run->currency, sizeof run->currency, "%s", json_get_string(&root, "currency", ""));
	snprintf(run->created, sizeof run->created, "%s", json_get_string(&root, "created", ""));
	snprintf(run->design, sizeof run->design, "%s", json_get_string(&root, "design", ""));
	const struct json *seed = json_get(&root, "seed");
	if (seed && (seed->kind == JSON_NUMBER || seed->kind == JSON_STRING))
		snprintf(run->seed, sizeof run->seed, "%s", seed->string);
	run->replications = json_get_number(&root, "replications", NAN);
	run->horizon = json_get_number(&root, "horizon_days", json_get_number(&root, "horizon", NAN));
	run->warmup = json_get_number(&root, "warmup_days", json_get_number(&root, "warmup", NAN));
	if (keep)
		*keep = root;
	else
		json_free(&root);
	return 0;
}
