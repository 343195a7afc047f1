/* json_write.c - JSON strings with every escape, and the layout of run.json
 * and manifest.json (json.h). */
#include <assert.h>
#include <math.h>
#include <stdarg.h>

#include "csv.h"
#include "json.h"

/* Length of the valid UTF-8 sequence at p (1 to 4), 0 when it is not one
 * (overlong, a surrogate, beyond U+10FFFF, cut short by the end). */
static size_t utf8_length(const unsigned char *p)
{
	static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = p[0] < 0x80 ? 1
		   : (p[0] & 0xE0) == 0xC0 ? 2
		   : (p[0] & 0xF0) == 0xE0 ? 3
		   : (p[0] & 0xF8) == 0xF0 ? 4
					   : 0;
	unsigned cp = n > 1 ? p[0] & (0x7Fu >> n) : p[0];
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) /* the terminating NUL stops here too */
			return 0;
		cp = cp << 6 | (p[i] & 0x3Fu);
	}
	if (n > 1 && (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)))
		return 0;
	return n;
}

void json_put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_length(p);
		switch (n == 1 ? *p : 0x100) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (n == 0) /* not UTF-8 (a command-line argument, a path): the replacement character */
				fputs("\\ufffd", fp);
			else if (n == 1 && *p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fwrite(p, 1, n, fp);
		}
		p += n ? n : 1;
	}
	fputc('"', fp);
}

static void indent(FILE *fp, int depth)
{
	fputc('\n', fp);
	for (int i = 0; i < depth; i++)
		fputs("  ", fp);
}

/* What comes before a value: the separator, the line break and indent of a
 * laid-out container, and the member's name. */
static void value_start(struct json_out *j, const char *key)
{
	int c = j->depth - 1;
	assert(c >= 0);
	if (j->inline_[c]) {
		if (j->count[c])
			fputs(", ", j->fp);
	} else {
		if (j->count[c])
			fputc(',', j->fp);
		indent(j->fp, j->depth);
	}
	j->count[c]++;
	if (key) {
		json_put_string(j->fp, key);
		fputs(": ", j->fp);
	}
}

static void open_container(struct json_out *j, char bracket, int one_line)
{
	assert(j->depth < JSON_OUT_DEPTH);
	fputc(bracket, j->fp);
	j->count[j->depth] = 0;
	j->inline_[j->depth] = (unsigned char)(one_line ? 1 : 0);
	j->close[j->depth] = bracket == '[' ? ']' : '}';
	j->depth++;
}

void json_out_begin(struct json_out *j, FILE *fp)
{
	j->fp = fp;
	j->depth = 0;
	open_container(j, '{', 0);
}

void json_out_close(struct json_out *j)
{
	int c = --j->depth;
	assert(c >= 0);
	if (!j->inline_[c])
		indent(j->fp, c);
	fputc(j->close[c], j->fp);
}

void json_out_provenance(struct json_out *j, const char *version, int argc, char *const *argv, const char *created,
			 double wall_seconds)
{
	json_out_string(j, "version", version);
	json_out_array(j, "command_line", 1);
	for (int i = 0; i < argc; i++)
		json_out_string(j, NULL, argv[i]);
	json_out_close(j);
	json_out_string(j, "created", created);
	json_out_format(j, "wall_time_seconds", "%.3f", wall_seconds);
}

void json_out_end(struct json_out *j)
{
	json_out_close(j);
	fputc('\n', j->fp);
}

void json_out_string(struct json_out *j, const char *key, const char *s)
{
	value_start(j, key);
	json_put_string(j->fp, s);
}

void json_out_number(struct json_out *j, const char *key, double v)
{
	char num[40];
	value_start(j, key);
	fputs(isfinite(v) ? csv_format_number(num, sizeof num, v) : "null", j->fp);
}

void json_out_uint(struct json_out *j, const char *key, unsigned long long v)
{
	value_start(j, key);
	fprintf(j->fp, "%llu", v);
}

void json_out_bool(struct json_out *j, const char *key, int v)
{
	value_start(j, key);
	fputs(v ? "true" : "false", j->fp);
}

void json_out_format(struct json_out *j, const char *key, const char *fmt, ...)
{
	va_list ap;
	value_start(j, key);
	va_start(ap, fmt);
	vfprintf(j->fp, fmt, ap);
	va_end(ap);
}

void json_out_array(struct json_out *j, const char *key, int one_line)
{
	value_start(j, key);
	open_container(j, '[', one_line);
}

void json_out_object(struct json_out *j, const char *key)
{
	value_start(j, key);
	open_container(j, '{', 0);
}
