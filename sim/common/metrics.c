/* metrics.c - the metric and series tables built from the lists in metrics.h. */
#include <string.h>

#include "metrics.h"

const struct metric_info metric_table[METRIC_COUNT] = {
#define X(id, name, unit, desc) [id] = {name, unit, desc},
	METRICS(X)
#undef X
};

const struct series_info series_table[SERIES_COUNT] = {
#define X(id, name, unit) [id] = {name, unit},
	SERIES(X)
#undef X
};

int metric_find(const char *name)
{
	for (int i = 0; i < METRIC_COUNT; i++)
		if (strcmp(metric_table[i].name, name) == 0)
			return i;
	return -1;
}
