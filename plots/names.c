/* names.c - display names of scenarios, metrics (from the metric table of
 * metrics.h) and parameters. */
#include <ctype.h>
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
