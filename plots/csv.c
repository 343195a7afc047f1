/* csv.c - reads a whole CSV file (RFC 4180: quoted fields, "" inside quotes,
 * CRLF or LF) into fields split in place. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data.h"

static char *read_all(const char *path, size_t *len, int *err_no)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err_no = errno;
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
		if (n + 1 == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	*err_no = buf ? (ferror(f) ? EIO : 0) : ENOMEM;
	fclose(f);
	if (buf && *err_no) {
		free(buf);
		return NULL;
	}
	if (buf)
		buf[n] = 0;
	*len = n;
	return buf;
}

/* A growing array of pointers. */
struct ptrs {
	char **v;
	size_t n, cap;
};

static int ptrs_push(struct ptrs *p, char *s)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **nv = realloc(p->v, cap * sizeof *nv);
		if (!nv)
			return -1;
		p->v = nv;
		p->cap = cap;
	}
	p->v[p->n++] = s;
	return 0;
}

/* Splits one record starting at *pos into fields (pointers into buf,
 * unquoted in place). Returns 0, 1 at the end of the buffer, -1 on an
 * unterminated quote. */
static int next_record(char *buf, size_t len, size_t *pos, struct ptrs *fields, size_t *line)
{
	size_t i = *pos;
	fields->n = 0;
	if (i >= len)
		return 1;
	for (;;) {
		char *out = buf + i, *start = out;
		if (buf[i] == '"') {
			i++;
			for (;;) {
				if (i >= len)
					return -1;
				if (buf[i] == '"') {
					if (i + 1 < len && buf[i + 1] == '"') {
						*out++ = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (buf[i] == '\n')
					(*line)++;
				*out++ = buf[i++];
			}
			/* anything between the closing quote and the separator is kept */
			while (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r')
				*out++ = buf[i++];
		} else {
			while (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r')
				out++, i++;
		}
		char sep = i < len ? buf[i] : '\n';
		if (sep == '\r' && i + 1 < len && buf[i + 1] == '\n')
			i++;
		if (ptrs_push(fields, start) < 0)
			return -2;
		*out = 0; /* may overwrite the separator: it was read above */
		if (i < len)
			i++;
		if (sep != ',')
			break;
	}
	*pos = i;
	return 0;
}

int csv_read(struct csv *t, const char *path, int missing_ok, struct js_error *err)
{
	memset(t, 0, sizeof *t);
	int e = 0;
	size_t len = 0;
	t->path = strdup(path);
	if (!t->path)
		return js_error_set(err, EX_OSERR, "%s: out of memory", path);
	t->buf = read_all(path, &len, &e);
	if (!t->buf) {
		csv_free(t);
		if (e == ENOENT && missing_ok)
			return 1;
		return js_error_set(err, e == ENOENT ? EX_NOINPUT : EX_DATAERR, "%s: cannot read: %s", path,
				    strerror(e));
	}
	struct ptrs fields = {0}, cells = {0};
	size_t pos = 0, line = 1, *lines = NULL, lines_cap = 0;
	int rc = -1;
	/* skip a UTF-8 byte order mark */
	if (len >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	size_t start_line = line;
	int r = next_record(t->buf, len, &pos, &fields, &line);
	if (r == 1 || (r == 0 && fields.n == 1 && fields.v[0][0] == 0)) {
		js_error_set(err, EX_DATAERR, "%s:1: empty file, expected a header line", path);
		goto out;
	}
	if (r < 0) {
		js_error_set(err, EX_DATAERR, "%s:%zu: unterminated quoted field", path, start_line);
		goto out;
	}
	t->n_cols = fields.n;
	t->header = malloc(fields.n * sizeof *t->header);
	if (!t->header)
		goto oom;
	memcpy(t->header, fields.v, fields.n * sizeof *t->header);
	line++;
	for (;;) {
		start_line = line;
		r = next_record(t->buf, len, &pos, &fields, &line);
		if (r == 1)
			break;
		if (r == -1) {
			js_error_set(err, EX_DATAERR, "%s:%zu: unterminated quoted field", path, start_line);
			goto out;
		}
		if (r < 0)
			goto oom;
		line++;
		if (fields.n == 1 && fields.v[0][0] == 0)
			continue; /* blank line */
		for (size_t c = 0; c < t->n_cols; c++)
			if (ptrs_push(&cells, c < fields.n ? fields.v[c] : t->buf + len) < 0)
				goto oom;
		if (t->n_rows == lines_cap) {
			lines_cap = lines_cap ? lines_cap * 2 : 256;
			size_t *nl = realloc(lines, lines_cap * sizeof *nl);
			if (!nl)
				goto oom;
			lines = nl;
		}
		lines[t->n_rows++] = start_line;
	}
	t->cell = cells.v;
	t->line = lines;
	cells.v = NULL;
	lines = NULL;
	rc = 0;
	goto out;
oom:
	js_error_set(err, EX_OSERR, "%s: out of memory", path);
out:
	free(fields.v);
	free(cells.v);
	free(lines);
	if (rc < 0)
		csv_free(t);
	return rc;
}

void csv_free(struct csv *t)
{
	if (!t)
		return;
	free(t->path);
	free(t->buf);
	free(t->header);
	free(t->cell);
	free(t->line);
	memset(t, 0, sizeof *t);
}

int csv_column(const struct csv *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->header[c], name) == 0)
			return (int)c;
	return -1;
}

int csv_require(const struct csv *t, const char *const *names, size_t n, int *cols, struct js_error *err)
{
	for (size_t i = 0; i < n; i++) {
		cols[i] = csv_column(t, names[i]);
		if (cols[i] < 0)
			return js_error_set(err, EX_DATAERR, "%s:1: missing column '%s'", t->path, names[i]);
	}
	return 0;
}

double csv_number(const char *s)
{
	while (*s == ' ')
		s++;
	if (!*s || strcasecmp(s, "nan") == 0 || strcasecmp(s, "na") == 0)
		return NAN;
	char *end;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	return *end ? NAN : v;
}
