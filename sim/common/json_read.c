/* json.c - a small JSON reader for run.json and manifest.json: the whole
 * grammar (RFC 8259) into a tree, nesting limited to 64 levels. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct json_parser {
	const char *s, *p, *path;
	struct js_error *err;
	int depth;
};

static int fail(struct json_parser *q, const char *what)
{
	size_t line = 1;
	for (const char *c = q->s; c < q->p; c++)
		line += *c == '\n';
	return js_error_set(q->err, EX_DATAERR, "%s:%zu: invalid JSON: %s", q->path, line, what);
}

static void skip_ws(struct json_parser *q)
{
	while (*q->p == ' ' || *q->p == '\t' || *q->p == '\n' || *q->p == '\r')
		q->p++;
}

static void put_utf8(char **o, unsigned cp)
{
	unsigned char *u = (unsigned char *)*o;
	if (cp < 0x80) {
		*u++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*u++ = (unsigned char)(0xC0 | (cp >> 6));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*u++ = (unsigned char)(0xE0 | (cp >> 12));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | (cp >> 18));
		*u++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)u;
}

static int hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
						    : 16u;
		if (d > 15)
			return -1;
		*v = *v * 16 + d;
	}
	return 0;
}

static int parse_string(struct json_parser *q, char **out)
{
	q->p++; /* opening quote */
	const char *e = q->p;
	size_t n = 0;
	while (*e && *e != '"') {
		if (*e == '\\' && e[1])
			e++;
		e++, n++;
	}
	if (!*e)
		return fail(q, "unterminated string");
	char *s = malloc(n * 4 + 1), *o = s;
	if (!s)
		return fail(q, "out of memory");
	while (*q->p != '"') {
		unsigned char c = (unsigned char)*q->p++;
		if (c < 0x20) {
			free(s);
			return fail(q, "control character in string");
		}
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		c = (unsigned char)*q->p++;
		switch (c) {
		case '"': case '\\': case '/': *o++ = (char)c; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned cp, lo;
			if (hex4(q->p, &cp) < 0) {
				free(s);
				return fail(q, "bad \\u escape");
			}
			q->p += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && q->p[0] == '\\' && q->p[1] == 'u' && hex4(q->p + 2, &lo) == 0 &&
			    lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				q->p += 6;
			}
			put_utf8(&o, cp);
			break;
		}
		default:
			free(s);
			return fail(q, "bad escape");
		}
	}
	q->p++;
	*o = 0;
	*out = s;
	return 0;
}

static int parse_value(struct json_parser *q, struct json *v);

static int push_child(struct json_parser *q, struct json *v, size_t *cap)
{
	if (v->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct json *ni = realloc(v->items, nc * sizeof *ni);
		if (!ni)
			return fail(q, "out of memory");
		v->items = ni;
		if (v->kind == JSON_OBJECT) {
			char **nk = realloc(v->keys, nc * sizeof *nk);
			if (!nk)
				return fail(q, "out of memory");
			v->keys = nk;
		}
		*cap = nc;
	}
	memset(&v->items[v->n], 0, sizeof v->items[v->n]);
	if (v->kind == JSON_OBJECT)
		v->keys[v->n] = NULL;
	v->n++;
	return 0;
}

static int parse_container(struct json_parser *q, struct json *v, char close)
{
	size_t cap = 0;
	q->p++;
	skip_ws(q);
	if (*q->p == close) {
		q->p++;
		return 0;
	}
	for (;;) {
		skip_ws(q);
		if (push_child(q, v, &cap) < 0)
			return -1;
		if (v->kind == JSON_OBJECT) {
			if (*q->p != '"')
				return fail(q, "expected a key");
			if (parse_string(q, &v->keys[v->n - 1]) < 0)
				return -1;
			skip_ws(q);
			if (*q->p++ != ':')
				return fail(q, "expected ':'");
			skip_ws(q);
		}
		if (parse_value(q, &v->items[v->n - 1]) < 0)
			return -1;
		skip_ws(q);
		if (*q->p == ',') {
			q->p++;
			continue;
		}
		if (*q->p == close) {
			q->p++;
			return 0;
		}
		return fail(q, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int parse_value(struct json_parser *q, struct json *v)
{
	memset(v, 0, sizeof *v);
	skip_ws(q);
	if (++q->depth > 64)
		return fail(q, "nested too deeply");
	int rc = 0;
	char c = *q->p;
	if (c == '{') {
		v->kind = JSON_OBJECT;
		rc = parse_container(q, v, '}');
	} else if (c == '[') {
		v->kind = JSON_ARRAY;
		rc = parse_container(q, v, ']');
	} else if (c == '"') {
		v->kind = JSON_STRING;
		rc = parse_string(q, &v->string);
	} else if (strncmp(q->p, "true", 4) == 0) {
		v->kind = JSON_BOOL, v->number = 1, q->p += 4;
	} else if (strncmp(q->p, "false", 5) == 0) {
		v->kind = JSON_BOOL, v->number = 0, q->p += 5;
	} else if (strncmp(q->p, "null", 4) == 0) {
		v->kind = JSON_NULL, q->p += 4;
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		char *end;
		v->kind = JSON_NUMBER;
		v->number = strtod(q->p, &end);
		if (end == q->p)
			return fail(q, "bad number");
		/* the digits too: a 64-bit seed does not survive a double */
		v->string = strndup(q->p, (size_t)(end - q->p));
		if (!v->string)
			return fail(q, "out of memory");
		q->p = end;
	} else {
		rc = fail(q, c ? "unexpected character" : "unexpected end");
	}
	q->depth--;
	return rc;
}

int json_parse(struct json *root, const char *text, const char *path, struct js_error *err)
{
	struct json_parser q = {text, text, path, err, 0};
	if (parse_value(&q, root) < 0) {
		json_free(root);
		return -1;
	}
	skip_ws(&q);
	if (*q.p) {
		fail(&q, "text after the value");
		json_free(root);
		return -1;
	}
	return 0;
}

void json_free(struct json *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		if (v->items)
			json_free(&v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->string);
	memset(v, 0, sizeof *v);
}

const struct json *json_get(const struct json *obj, const char *key)
{
	if (!obj || obj->kind != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (obj->keys[i] && strcmp(obj->keys[i], key) == 0)
			return &obj->items[i];
	return NULL;
}

const char *json_get_string(const struct json *obj, const char *key, const char *fallback)
{
	const struct json *v = json_get(obj, key);
	return v && v->kind == JSON_STRING ? v->string : fallback;
}

double json_get_number(const struct json *obj, const char *key, double fallback)
{
	const struct json *v = json_get(obj, key);
	return v && v->kind == JSON_NUMBER ? v->number : fallback;
}
