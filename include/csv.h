/*
 * csv.h - writing CSV fields and reading whole CSV tables (sim/common/): the
 * one CSV code of the result files, the sweeps and the charts.
 *
 * Writing (csv_write.c). Numbers, everywhere: the shortest of %.15g, %.16g
 * and %.17g that reads back to the same double (so values round-trip
 * exactly), -0 written as 0, NaN as an empty field. Text fields are quoted as
 * RFC 4180 says when they hold a comma, a quote, a line break or
 * leading/trailing blanks. Lines end in "\n".
 *
 * Reading (csv_read.c). A file is read whole and split in place (RFC 4180:
 * quoted fields, "" inside quotes, CRLF or LF; a UTF-8 byte order mark and
 * blank lines are skipped). csv_table_read parses; csv_table_load is the
 * table reader of the charts: a file of a folder, its required columns, and
 * checks that refuse a damaged table (cut short, rows of the wrong width,
 * text where a number belongs) with "file:line: ..." and EX_DATAERR.
 */
#ifndef JOURNEYSIM_CSV_H
#define JOURNEYSIM_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* ---- writing (csv_write.c) ---- */

/* Writes v in the round-trip format above into buf (at least 32 bytes);
 * NaN gives "", infinities "inf" and "-inf". Returns buf. */
char *csv_format_number(char *buf, size_t len, double v);
void csv_put_number(FILE *fp, double v);
/* Writes s as a CSV field, quoted only when needed. */
void csv_put_text(FILE *fp, const char *s);
/* Writes n text fields separated by commas (no line break). */
void csv_put_texts(FILE *fp, const char *const *fields, size_t n);
/* Writes n numbers, each after a comma (they follow a row's first fields). */
void csv_put_numbers(FILE *fp, const double *v, size_t n);

/* ---- reading (csv_read.c) ---- */

struct csv_table {
	char *path;     /* as opened, for messages */
	char *buf;      /* the file, fields NUL-terminated in place */
	size_t n_rows;  /* data rows (the header not counted) */
	size_t n_cols;  /* header columns */
	char **header;  /* [n_cols] */
	char **cell;    /* [row * n_cols + col]; "" where a row is short */
	size_t *line;   /* [row] line number in the file, for messages */
};

/* csv_table_read flags */
enum {
	CSV_MISSING_OK = 1, /* a missing file gives 1 and an empty table, not an error */
	CSV_WHOLE = 2,      /* every row as wide as the header, and a final line break */
	CSV_ROWS = 4,       /* at least one data row */
	CSV_REST_NUMBERS = 8, /* csv_table_load: the columns a spec does not name hold numbers */
};

/* Reads PATH. 0 (or 1: missing, with CSV_MISSING_OK), or -1 with err
 * (EX_NOINPUT, EX_DATAERR, EX_OSERR). */
int csv_table_read(struct csv_table *t, const char *path, unsigned flags, struct js_error *err);
/* Safe on a zeroed or freed table. */
void csv_table_free(struct csv_table *t);
/* Column index of name, or -1. */
int csv_table_column(const struct csv_table *t, const char *name);
static inline const char *csv_table_get(const struct csv_table *t, size_t row, int col)
{
	return col < 0 ? "" : t->cell[row * t->n_cols + (size_t)col];
}
/* A number field: "" / "nan" / "NA" give NaN, and so does anything that is
 * not a number (csv_table_load has refused those where it matters). */
double csv_parse_number(const char *s);
/* 1 when s is a number field as above (empty and "nan" included), else 0. */
int csv_is_number(const char *s);

/* One column a reader needs. */
struct csv_column {
	const char *name;
	int number;   /* every field a number (or empty / nan): checked by csv_table_load */
	int optional; /* may be absent: its index is then -1 (csv_table_get gives "") */
};

/* A file a reader needs: its name in the folder, its columns, its flags. */
struct csv_spec {
	const char *file;
	const struct csv_column *columns;
	size_t n_columns;
	unsigned flags; /* csv_table_read flags */
};

/* Reads DIR/spec->file as spec says (CSV_WHOLE always), finds its columns
 * (cols[k]: the column of spec->columns[k]) and checks its numbers. 0 (or 1:
 * missing, with CSV_MISSING_OK: t is empty), or -1 with err ("file:line: ...",
 * EX_DATAERR) and t freed. */
int csv_table_load(struct csv_table *t, const char *dir, const struct csv_spec *spec, int *cols,
		   struct js_error *err);

#define CSV_COLUMNS_MAX 16 /* columns a spec may name */

/* A reader of one table: what it needs (spec), then what it does with it.
 * Each callback returns 0, or -1 with err. */
struct csv_reader {
	struct csv_spec spec;
	/* once, after the checks and before the rows (may be NULL): sizes what the rows fill */
	int (*begin)(void *ctx, const struct csv_table *t, const int *cols, struct js_error *err);
	/* every row, in file order */
	int (*row)(void *ctx, const struct csv_table *t, size_t row, const int *cols, struct js_error *err);
};

/* The table reader: csv_table_load, then begin and row, then the table is
 * freed. 0 (or 1: the file is missing and optional, nothing called), or -1
 * with err. */
int csv_table_each(const char *dir, const struct csv_reader *r, void *ctx, struct js_error *err);

#endif
