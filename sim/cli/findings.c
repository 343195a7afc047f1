/* findings.c - the sweep charts and the crossover lines of `sweep` and `merge`. */
#include <string.h>

#include "findings.h"
#include "output.h"

void findings_chart_focus(const struct sweep_plan *p, struct chart_options *o)
{
	snprintf(o->metric, sizeof o->metric, "%s", metric_table[sweep_focus_metric(p)].name);
	if (p->contrast[0] >= 0) {
		snprintf(o->contrast_a, sizeof o->contrast_a, "%s", p->scenarios[p->contrast[0]]);
		snprintf(o->contrast_b, sizeof o->contrast_b, "%s", p->scenarios[p->contrast[1]]);
	}
}

int findings_charts_draw(const char *staging, const struct chart_options *o, const char *note,
			 struct js_error *err)
{
	char dir[OUT_PATH_MAX];
	int rc = path_join(dir, sizeof dir, staging, "charts", err);
	if (rc == 0 && (rc = charts_render_sweep(staging, dir, o, err)) != 0)
		out_remove_tree(dir); /* no half-drawn charts replace the old ones */
	if (rc != 0) {
		size_t used = strlen(err->msg);
		snprintf(err->msg + used, sizeof err->msg - used, "\n%s", note);
	}
	return rc;
}

void findings_crossovers_print(FILE *fp, const struct sweep_plan *p, const struct sweep_report *r,
			       const char *tail)
{
	char line[1024];
	for (size_t i = 0; i < r->n_crossovers && i < FINDINGS_LINES; i++) {
		sweep_crossover_describe(p, &r->crossovers[i], line, sizeof line);
		fprintf(fp, "  %s\n", line);
	}
	if (r->n_crossovers > FINDINGS_LINES)
		fprintf(fp, "  ... and %zu more%s\n", r->n_crossovers - FINDINGS_LINES, tail);
}
