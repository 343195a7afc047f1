/* metrics.c - the metric and series tables built from the lists in metrics.h. */
#include <string.h>

#include "metrics.h"

const struct metric_info metric_table[METRIC_COUNT] = {
#define X(id, name, unit, better, label, desc) [id] = {name, unit, METRIC_##better, label, desc},
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

enum metric_better metric_better_find(const char *name)
{
	int m = metric_find(name);
	return m < 0 ? METRIC_NEUTRAL : metric_table[m].better;
}
