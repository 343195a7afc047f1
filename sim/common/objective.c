/*
 * objective.c - the declared objective (metrics.h): parsing a SPEC such as
 * "margin+50000*experience", its value per replication and its text.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

static const struct alias {
	const char *name, *metric;
} aliases[] = {
	{"margin", "margin"},           {"experience", "experience.mean"}, {"cost", "cost.total"},
	{"revenue", "revenue.total"}, {"nps", "experience.nps"},
};

static int metric_of(const char *name)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(aliases[i].name, name) == 0)
			return metric_find(aliases[i].metric);
	return metric_find(name);
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A metric name at *p (letters, digits, '_' and '.'), as its id. */
static int read_metric(const char **p, char *why, size_t why_len)
{
	char name[96];
	size_t n = 0;
	const char *q = skip_blanks(*p);
	while ((isalnum((unsigned char)*q) || *q == '_' || *q == '.') && n + 1 < sizeof name)
		name[n++] = *q++;
	name[n] = 0;
	int m = n ? metric_of(name) : -1;
	if (m < 0) {
		snprintf(why, why_len,
			 "expected a metric (margin, experience, cost, revenue, nps or a metric name of "
			 "docs/outputs.md), got \"%s\"",
			 n ? name : q);
		return -1;
	}
	*p = skip_blanks(q);
	return m;
}

int objective_parse(const char *spec, struct objective *o, char *why, size_t why_len)
{
	memset(o, 0, sizeof *o);
	const char *p = spec;
	if ((o->metric = read_metric(&p, why, why_len)) < 0)
		return -1;
	o->better = metric_table[o->metric].better;
	if (o->better == METRIC_NEUTRAL) {
		snprintf(why, why_len, "expected a metric that is better higher or lower, got %s (neutral)",
			 metric_table[o->metric].name);
		return -1;
	}
	while (*p) {
		int sign = *p == '+' ? 1 : *p == '-' ? -1 : 0;
		if (!sign) {
			snprintf(why, why_len, "expected + or - and a weighted metric (W*metric), got \"%s\"", p);
			return -1;
		}
		if (o->n_weights == OBJECTIVE_TERMS_MAX) {
			snprintf(why, why_len, "expected at most %d weighted terms", OBJECTIVE_TERMS_MAX);
			return -1;
		}
		p = skip_blanks(p + 1);
		char *end;
		double w = strtod(p, &end);
		if (end == p || !isfinite(w) || w < 0) {
			snprintf(why, why_len, "expected a weight (a finite number >= 0) before *, got \"%s\"", p);
			return -1;
		}
		p = skip_blanks(end);
		if (*p != '*') {
			snprintf(why, why_len, "expected * between a weight and its metric, got \"%s\"", p);
			return -1;
		}
		p++;
		int m = read_metric(&p, why, why_len);
		if (m < 0)
			return -1;
		o->weight_metric[o->n_weights] = m;
		o->weight[o->n_weights++] = sign * w;
	}
	return 0;
}

double objective_value(const struct objective *o, const double *metrics)
{
	double v = metrics[o->metric];
	for (size_t i = 0; i < o->n_weights; i++)
		v += o->weight[i] * metrics[o->weight_metric[i]];
	return v;
}

int objective_single(const struct objective *o)
{
	return o->n_weights == 0;
}

/* "50,000", "0.5", "1.2e-06" */
static void weight_text(char *buf, size_t len, double w)
{
	if (w >= 1000 && w < 1e15 && w == floor(w)) {
		char digits[32], *q = buf;
		int n = snprintf(digits, sizeof digits, "%.0f", w);
		for (int i = 0; i < n && (size_t)(q - buf) + 2 < len; i++) {
			if (i && (n - i) % 3 == 0)
				*q++ = ',';
			*q++ = digits[i];
		}
		*q = 0;
	} else {
		snprintf(buf, len, "%g", w);
	}
}

void objective_text(const struct objective *o, const char *currency, char *buf, size_t len)
{
	const struct metric_info *p = &metric_table[o->metric];
	size_t used = (size_t)snprintf(buf, len, "%s", p->name);
	const char *unit = p->unit;
	int money = strncmp(unit, "money", 5) == 0;
	for (size_t i = 0; i < o->n_weights && used < len; i++) {
		char w[48];
		weight_text(w, sizeof w, fabs(o->weight[i]));
		const struct metric_info *m = &metric_table[o->weight_metric[i]];
		const char *per = strcmp(m->unit, "points (0-10)") == 0 ? "point" : m->unit;
		if (money)
			used += (size_t)snprintf(buf + used, len - used, " %c %s %s%s per %s of %s",
						 o->weight[i] < 0 ? '-' : '+', currency && *currency ? currency : "money",
						 w, unit + 5, per, m->label);
		else
			used += (size_t)snprintf(buf + used, len - used, " %c %s %s per %s of %s",
						 o->weight[i] < 0 ? '-' : '+', w, unit, per, m->label);
	}
	/* the label of a metric is capitalised; in running text it is not */
	for (char *q = buf; *q; q++)
		if (q > buf && q[-1] == ' ' && islower((unsigned char)q[1]) && isupper((unsigned char)*q))
			*q = (char)tolower((unsigned char)*q);
}
