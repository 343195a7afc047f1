/* csv_read.c - reads a whole CSV file (RFC 4180: quoted fields, "" inside
 * quotes, CRLF or LF) into fields split in place, and the table reader that
 * checks a file against what a reader needs (csv.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "files.h"

/* The whole file, NUL-terminated, with a copy of path after it (so that the
 * table frees one buffer for both). */
static char *read_all(const char *path, size_t *len, int *err_no)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err_no = errno;
		return NULL;
	}
	size_t plen = strlen(path) + 1, cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n - plen - 1, f);
		n += got;
		if (got == 0)
			break;
		if (n + plen + 1 == cap) {
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
	if (buf) {
		buf[n] = 0;
		memcpy(buf + n + 1, path, plen);
	}
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
 * unterminated quote, -2 when memory is short. */
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

/* The header and every row into t; the checks of flags on the way. */
static int split_rows(struct csv_table *t, size_t len, unsigned flags, struct js_error *err)
{
	struct ptrs fields = {0}, cells = {0};
	size_t pos = 0, line = 1, *lines = NULL, lines_cap = 0;
	int rc = -1;
	const char *path = t->path;
	int line_break_at_end = len > 0 && t->buf[len - 1] == '\n'; /* before splitting overwrites it */
	/* skip a UTF-8 byte order mark */
	if (len >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	size_t start_line = line;
	int r = next_record(t->buf, len, &pos, &fields, &line);
	if (r == 1 || (r == 0 && fields.n == 1 && fields.v[0][0] == 0)) {
		js_error_set(err, EX_DATAERR, "%s:1: empty file, expected a header line", path);
		goto out;
	}
	for (;;) {
		if (r == -1) {
			js_error_set(err, EX_DATAERR, "%s:%zu: unterminated quoted field", path, start_line);
			goto out;
		}
		if (r < 0)
			goto oom;
		if (t->n_cols == 0) { /* the header */
			t->n_cols = fields.n;
		} else if (fields.n == 1 && fields.v[0][0] == 0) {
			goto next; /* blank line */
		} else if ((flags & CSV_WHOLE) && fields.n != t->n_cols) {
			js_error_set(err, EX_DATAERR, "%s:%zu: %zu field%s where the header has %zu: the table is damaged",
				     path, start_line, fields.n, fields.n == 1 ? "" : "s", t->n_cols);
			goto out;
		} else {
			if (t->n_rows == lines_cap) {
				lines_cap = lines_cap ? lines_cap * 2 : 256;
				size_t *nl = realloc(lines, lines_cap * sizeof *nl);
				if (!nl)
					goto oom;
				lines = nl;
			}
			lines[t->n_rows++] = start_line;
		}
		for (size_t c = 0; c < t->n_cols; c++)
			if (ptrs_push(&cells, c < fields.n ? fields.v[c] : t->buf + len) < 0)
				goto oom;
	next:
		line++;
		start_line = line;
		if ((r = next_record(t->buf, len, &pos, &fields, &line)) == 1)
			break;
	}
	if ((flags & CSV_WHOLE) && !line_break_at_end) {
		js_error_set(err, EX_DATAERR, "%s:%zu: the last line has no line break: the file is cut short", path,
			     line - 1);
		goto out;
	}
	if ((flags & CSV_ROWS) && t->n_rows == 0) {
		js_error_set(err, EX_DATAERR, "%s:2: no rows after the header: the file is cut short", path);
		goto out;
	}
	t->header = cells.v;
	t->cell = cells.v + t->n_cols;
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
	return rc;
}

int csv_table_read(struct csv_table *t, const char *path, unsigned flags, struct js_error *err)
{
	memset(t, 0, sizeof *t);
	int e = 0;
	size_t len = 0;
	t->buf = read_all(path, &len, &e);
	if (!t->buf) {
		if (e == ENOENT && (flags & CSV_MISSING_OK))
			return 1;
		return js_error_set(err, e == ENOENT ? EX_NOINPUT : e == ENOMEM ? EX_OSERR : EX_DATAERR,
				    "%s: cannot read: %s", path, strerror(e));
	}
	t->path = t->buf + len + 1;
	if (split_rows(t, len, flags, err) != 0) {
		csv_table_free(t);
		return -1;
	}
	return 0;
}

void csv_table_free(struct csv_table *t)
{
	if (t) {
		free(t->buf);
		free(t->header); /* the cells follow the header in one array */
		free(t->line);
		memset(t, 0, sizeof *t);
	}
}

int csv_table_column(const struct csv_table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->header[c], name) == 0)
			return (int)c;
	return -1;
}

/* Parses s; 1 when it is a number field (NaN for an absent value). */
static int parse_number(const char *s, double *v)
{
	while (*s == ' ')
		s++;
	if (!*s || strcasecmp(s, "nan") == 0 || strcasecmp(s, "na") == 0) {
		*v = NAN;
		return 1;
	}
	char *end;
	*v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || *end) {
		*v = NAN;
		return 0;
	}
	return 1;
}

double csv_parse_number(const char *s)
{
	double v;
	parse_number(s, &v);
	return v;
}

int csv_is_number(const char *s)
{
	double v;
	return parse_number(s, &v);
}

/* Every field of column col is a number field; else -1 with err. */
static int check_numbers(const struct csv_table *t, int col, struct js_error *err)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (!csv_is_number(csv_table_get(t, i, col)))
			return js_error_set(err, EX_DATAERR, "%s:%zu: column '%s': expected a number, got '%.40s'",
					    t->path, t->line[i], t->header[col], csv_table_get(t, i, col));
	return 0;
}

int csv_table_load(struct csv_table *t, const char *dir, const struct csv_spec *spec, int *cols,
		   struct js_error *err)
{
	char path[OUT_PATH_MAX];
	memset(t, 0, sizeof *t);
	if (path_join(path, sizeof path, dir, spec->file, err) != 0)
		return -1;
	int got = csv_table_read(t, path, spec->flags | CSV_WHOLE, err);
	if (got != 0)
		return got;
	for (size_t k = 0; k < spec->n_columns; k++) {
		const struct csv_column *c = &spec->columns[k];
		cols[k] = csv_table_column(t, c->name);
		if (cols[k] < 0 && !c->optional) {
			js_error_set(err, EX_DATAERR, "%s:1: missing column '%s'", path, c->name);
			goto fail;
		}
		if (cols[k] >= 0 && c->number && check_numbers(t, cols[k], err) != 0)
			goto fail;
	}
	for (size_t c = 0; (spec->flags & CSV_REST_NUMBERS) && c < t->n_cols; c++) {
		size_t k = 0;
		while (k < spec->n_columns && cols[k] != (int)c)
			k++;
		if (k == spec->n_columns && check_numbers(t, (int)c, err) != 0)
			goto fail;
	}
	return 0;
fail:
	csv_table_free(t);
	return -1;
}

int csv_table_each(const char *dir, const struct csv_reader *r, void *ctx, struct js_error *err)
{
	struct csv_table t;
	int cols[CSV_COLUMNS_MAX];
	if (r->spec.n_columns > CSV_COLUMNS_MAX)
		return js_error_set(err, EX_SOFTWARE, "%s: more than %d columns asked for", r->spec.file,
				    CSV_COLUMNS_MAX);
	int rc = csv_table_load(&t, dir, &r->spec, cols, err);
	if (rc != 0)
		return rc;
	if (r->begin)
		rc = r->begin(ctx, &t, cols, err);
	for (size_t i = 0; i < t.n_rows && rc == 0; i++)
		rc = r->row(ctx, &t, i, cols, err);
	csv_table_free(&t);
	return rc;
}
