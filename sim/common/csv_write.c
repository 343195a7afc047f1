/* csv_write.c - CSV fields in the one format of every output (csv.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

char *csv_format_number(char *buf, size_t len, double v)
{
	if (isnan(v)) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	if (isinf(v)) {
		snprintf(buf, len, "%s", v > 0 ? "inf" : "-inf");
		return buf;
	}
	if (v == 0) /* also -0 */
		v = 0;
	/* The shortest of 15, 16 and 17 significant digits that reads back. */
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, len, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

void csv_put_number(FILE *fp, double v)
{
	char buf[40];
	fputs(csv_format_number(buf, sizeof buf, v), fp);
}

void csv_put_text(FILE *fp, const char *s)
{
	size_t n = strlen(s);
	int quote = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
	for (const char *p = s; *p && !quote; p++)
		quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
	if (!quote) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

void csv_put_texts(FILE *fp, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', fp);
		csv_put_text(fp, fields[i]);
	}
}

void csv_put_numbers(FILE *fp, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputc(',', fp);
		csv_put_number(fp, v[i]);
	}
}
