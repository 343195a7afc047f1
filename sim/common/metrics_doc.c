/* metrics_doc.c - the metric and series reference of docs/outputs.md, written
 * from the tables of metrics.h (`make docs` splices it in from "## Metrics"
 * to the end; tests/test_metrics.c checks that the document agrees). */
#include <stdio.h>

#include "metrics.h"

static const char *better_word(enum metric_better b)
{
	return b == METRIC_HIGHER ? "higher" : b == METRIC_LOWER ? "lower" : "neutral";
}

void metric_doc_write(FILE *out)
{
	fprintf(out, "## Metrics\n\n"
		     "The `metric` column takes these values, in this order (from `include/metrics.h`, which is "
		     "authoritative;\nthe journey's definitions are in `docs/model.md`). *Better* says which way a "
		     "change is an improvement\n(`neutral`: neither); sweep crossovers, chart colours and finding "
		     "titles read it, and charts name the\nmetric by its display name.\n\n");
	fprintf(out, "| metric | display name | unit | better | what it is |\n");
	fprintf(out, "|---|---|---|---|---|\n");
	for (int m = 0; m < METRIC_COUNT; m++) {
		const struct metric_info *i = &metric_table[m];
		fprintf(out, "| `%s` | %s | %s | %s | %s |\n", i->name, i->label, i->unit, better_word(i->better),
			i->description);
	}
	fprintf(out, "\n## Time series\n\n"
		     "The `series` column of `timeseries.csv` (each a time-average over its sampling interval):\n\n");
	fprintf(out, "| series | unit |\n");
	fprintf(out, "|---|---|\n");
	for (int s = 0; s < SERIES_COUNT; s++)
		fprintf(out, "| `%s` | %s |\n", series_table[s].name, series_table[s].unit);
}
