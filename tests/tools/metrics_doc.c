/* metrics_doc.c - prints the metric and series tables of docs/outputs.md from
 * include/metrics.h (`make docs` splices them in from "## Metrics" on;
 * tests/test_metrics.c checks that the document agrees with the table). */
#include <stdio.h>

#include "metrics.h"

int main(void)
{
	metric_doc_write(stdout);
	return ferror(stdout) ? 1 : 0;
}
