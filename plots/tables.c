/* tables.c - what the chart loaders share: lists of names in file order,
 * one statistic from the columns of a row, the text fields of a row (data.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

int plot_list_find(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return (int)i;
	return -1;
}

int plot_names_add(char ***v, size_t *n, const char *s)
{
	int i = plot_list_find(*v, *n, s);
	if (i >= 0)
		return i;
	/* lists are short (scenarios, metrics, series): grown one at a time */
	char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(s)))
		return -1;
	return (int)(*n)++;
}

int plot_strings_dup(const char *const *src, char **const *dst, size_t n, const char *what, struct js_error *err)
{
	size_t len = 0;
	if (n == 0)
		return 0;
	for (size_t k = 0; k < n; k++)
		len += strlen(src[k]) + 1;
	char *block = malloc(len);
	if (!block)
		return plot_oom(err, what);
	for (size_t k = 0; k < n; k++) {
		size_t l = strlen(src[k]) + 1;
		memcpy(block, src[k], l);
		*dst[k] = block;
		block += l;
	}
	return 0;
}

void plot_list_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

struct plot_stat plot_stat_row(const struct csv_table *t, size_t row, int mean, int lo, int hi, int sd, int n)
{
	double count = csv_parse_number(csv_table_get(t, row, n));
	struct plot_stat st = {
		.mean = csv_parse_number(csv_table_get(t, row, mean)),
		.lo = csv_parse_number(csv_table_get(t, row, lo)),
		.hi = csv_parse_number(csv_table_get(t, row, hi)),
		.sd = csv_parse_number(csv_table_get(t, row, sd)),
		.n = count > 0 && count < 4294967296.0 ? (unsigned)count : 0, /* NaN: 0 */
	};
	return st;
}

void plot_row_numbers(const struct csv_table *t, size_t row, const int *cols, size_t k, double *out, size_t stride)
{
	for (size_t q = 0; q < k; q++)
		out[q * stride] = csv_parse_number(csv_table_get(t, row, cols[q]));
}

int plot_oom(struct js_error *err, const char *what)
{
	return js_error_set(err, EX_OSERR, "%s: out of memory", what);
}
