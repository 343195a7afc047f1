/*
 * focus.c - what a sweep is asked (sweep.h): the objective, the metric of
 * its summary and charts, and the contrast A-B of two scenarios. They come
 * from the sweep group (spec.c) or the command line, and change no point.
 */
#include <stdio.h>
#include <string.h>

#include "sweep_internal.h"

int sweep_focus_metric(const struct sweep_plan *p)
{
	if (p->focus >= 0)
		return p->focus;
	struct objective o;
	char why[256];
	if (objective_parse(p->objective[0] ? p->objective : "margin", &o, why, sizeof why) != 0)
		return metric_find("margin");
	return o.metric;
}

int sweep_objective_set(struct sweep_plan *p, const char *spec, char *why, size_t len)
{
	struct objective o;
	if (!spec)
		return 0;
	if (strlen(spec) >= sizeof p->objective) {
		snprintf(why, len, "expected an objective shorter than %zu characters", sizeof p->objective);
		return -1;
	}
	if (objective_parse(spec, &o, why, len) != 0)
		return -1;
	snprintf(p->objective, sizeof p->objective, "%s", spec);
	return 0;
}

static int in_plan(const struct sweep_plan *p, int m)
{
	for (size_t k = 0; k < p->n_metrics; k++)
		if (p->metrics[k] == m)
			return 1;
	return 0;
}

int sweep_focus_set(struct sweep_plan *p, const char *metric, char *why, size_t len)
{
	struct objective o;
	if (!metric)
		return 0;
	/* a metric name or one of the objective's short names (experience, cost, ...) */
	if (objective_parse(metric, &o, why, len) != 0 && metric_find(metric) < 0)
		return -1;
	int m = metric_find(metric) >= 0 ? metric_find(metric) : o.metric;
	if (!objective_single(&o) && metric_find(metric) < 0) {
		snprintf(why, len, "expected one metric, got \"%s\"", metric);
		return -1;
	}
	if (!in_plan(p, m)) {
		snprintf(why, len, "expected one of the metrics the sweep records (sweep.metrics), got \"%s\"",
			 metric_table[m].name);
		return -1;
	}
	p->focus = m;
	return 0;
}

static int scenario_index(const struct sweep_plan *p, const char *name, size_t n)
{
	for (size_t s = 0; s < p->n_scenarios; s++)
		if (strlen(p->scenarios[s]) == n && strncmp(p->scenarios[s], name, n) == 0)
			return (int)s;
	return -1;
}

int sweep_contrast_set(struct sweep_plan *p, const char *contrast, char *why, size_t len)
{
	if (!contrast)
		return 0;
	/* names may hold '-': every split is tried */
	for (const char *d = strchr(contrast, '-'); d; d = strchr(d + 1, '-')) {
		int a = scenario_index(p, contrast, (size_t)(d - contrast));
		int b = scenario_index(p, d + 1, strlen(d + 1));
		if (a >= 0 && b >= 0 && a != b) {
			p->contrast[0] = a;
			p->contrast[1] = b;
			return 0;
		}
	}
	char names[1024] = "";
	for (size_t s = 0; s < p->n_scenarios; s++)
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", s ? ", " : "", p->scenarios[s]);
	snprintf(why, len, "expected two different scenarios of the file as \"A-B\" (scenarios: %s), got \"%s\"",
		 names, contrast);
	return -1;
}
