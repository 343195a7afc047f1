/*
 * source.c - reading a config file for the scenario loader.
 *
 * libconfig 1.5 resolves @include against one include folder and wraps integer
 * literals beyond 32 bits silently, so the loader expands @include itself:
 * every file is copied line by line into one text, with a map from each line
 * of that text back to its file and line, and the same pass finds the integer
 * literals that libconfig would wrap. The text is parsed with
 * config_read_string(), and every line libconfig reports goes back through the
 * map, so messages name the file the user wrote.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario_internal.h"

/* ---- small helpers ---- */

void text_copy(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);
	if (len >= n)
		len = n - 1;
	memset(dst, 0, n);
	memcpy(dst, src, len);
}

int name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n >= NAME_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' && name[i] != '-')
			return 0;
	return 1;
}

/* Reads a whole regular file of at most SOURCE_BYTES_MAX. It is opened without
 * blocking and checked with fstat before any read, so a FIFO or a device is
 * refused at once. NULL with errno set (EINVAL: not a regular file, EFBIG: too
 * large) and why filled. */
static char *read_all(const char *path, size_t *len, char *why, size_t why_len)
{
	snprintf(why, why_len, "%s", "");
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_len, "%s", strerror(errno));
		return NULL;
	}
	struct stat st;
	char *buf = NULL;
	int e = 0;
	if (fstat(fd, &st) != 0) {
		e = errno;
		snprintf(why, why_len, "%s", strerror(e));
	} else if (!S_ISREG(st.st_mode)) {
		e = EINVAL;
		snprintf(why, why_len, "not a regular file but %s",
			 S_ISFIFO(st.st_mode)  ? "a FIFO"
			 : S_ISCHR(st.st_mode) ? "a character device"
			 : S_ISDIR(st.st_mode) ? "a folder"
			 : S_ISSOCK(st.st_mode) ? "a socket"
						: "a special file");
	} else if (st.st_size > (off_t)SOURCE_BYTES_MAX) {
		e = EFBIG;
		snprintf(why, why_len, "larger than %u MiB", SOURCE_BYTES_MAX >> 20);
	} else if (!(buf = malloc((size_t)st.st_size + 2))) {
		e = ENOMEM;
		snprintf(why, why_len, "out of memory");
	} else {
		/* up to one byte more than fstat said, to see a file that grew */
		size_t cap = (size_t)st.st_size + 1, n = 0;
		ssize_t got;
		while (n < cap && (got = read(fd, buf + n, cap - n)) != 0) {
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0) {
				e = errno;
				snprintf(why, why_len, "%s", strerror(e));
				break;
			}
			n += (size_t)got;
		}
		if (!e && n > (size_t)st.st_size && n > SOURCE_BYTES_MAX) {
			e = EFBIG;
			snprintf(why, why_len, "larger than %u MiB", SOURCE_BYTES_MAX >> 20);
		}
		if (!e) {
			buf[n] = 0;
			*len = n;
		}
	}
	close(fd);
	if (e) {
		free(buf);
		errno = e;
		return NULL;
	}
	return buf;
}

/* p (an array of *cap elements of size elem) grown to hold need elements,
 * doubling from first: the new pointer (and *cap), or NULL with p untouched. */
static void *array_reserve(void *p, size_t *cap, size_t need, size_t elem, size_t first)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : first;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * elem);
	if (q)
		*cap = n;
	return q;
}

/* ---- the expanded text ---- */

static int text_append(struct source *src, const char *p, size_t n, unsigned file, unsigned line,
		       struct js_error *err)
{
	if (src->n_lines >= SOURCE_LINES_MAX)
		return js_error_set(err, EX_CONFIG, "%s:%u: expected at most %d lines with includes, got more",
				    src->files[file], line, SOURCE_LINES_MAX);
	if (src->len + n > SOURCE_BYTES_MAX)
		return js_error_set(err, EX_CONFIG, "%s:%u: expected at most %u MiB of text with includes, got more",
				    src->files[file], line, SOURCE_BYTES_MAX >> 20);
	char *t = array_reserve(src->text, &src->cap, src->len + n + 2, 1, 16384);
	if (t)
		src->text = t;
	struct line_origin *m = t ? array_reserve(src->map, &src->cap_lines, src->n_lines + 1, sizeof *m, 1024) : NULL;
	if (!m)
		return js_error_set(err, EX_SOFTWARE, "out of memory");
	src->map = m;
	memcpy(src->text + src->len, p, n);
	src->len += n;
	src->text[src->len++] = '\n';
	src->text[src->len] = 0;
	src->map[src->n_lines].file = file;
	src->map[src->n_lines].line = line;
	src->n_lines++;
	return 0;
}

static int overflow_add(struct source *src, const char *p, size_t n, int hex, int wide, struct js_error *err)
{
	struct overflow *o = array_reserve(src->ov, &src->cap_ov, src->n_ov + 1, sizeof *o, 8);
	if (!o)
		return js_error_set(err, EX_SOFTWARE, "out of memory");
	src->ov = o;
	o = &src->ov[src->n_ov++];
	memset(o, 0, sizeof *o);
	memcpy(o->text, p, n < sizeof o->text - 1 ? n : sizeof o->text - 1);
	/* what libconfig 1.5 stores: atoi() or (int)strtoul(.., 16); with L,
	 * strtoll() clamped or (long long)strtoull(.., 16) */
	o->wide = wide;
	if (wide)
		o->wrapped64 = hex ? (long long)strtoull(o->text, NULL, 16) : strtoll(o->text, NULL, 10);
	else
		o->wrapped = hex ? (int)strtoul(o->text, NULL, 16) : (int)strtol(o->text, NULL, 10);
	o->line = (unsigned)src->n_lines; /* the line just appended */
	return 0;
}

struct scan_state {
	int in_block;  /* inside a comment */
	int in_string; /* inside a string literal */
};

/* Follows libconfig's tokens through one line (comments, strings, names,
 * numbers) and records the plain integer literals that do not fit in 32 bits. */
static int scan_line(struct source *src, struct scan_state *st, const char *p, size_t n,
		     struct js_error *err)
{
	size_t i = 0;
	while (i < n) {
		char c = p[i], next = i + 1 < n ? p[i + 1] : 0;
		if (st->in_block) {
			if (c == '*' && next == '/') {
				st->in_block = 0;
				i += 2;
			} else {
				i++;
			}
			continue;
		}
		if (st->in_string) {
			if (c == '\\')
				i += 2;
			else {
				if (c == '"')
					st->in_string = 0;
				i++;
			}
			continue;
		}
		if (c == '#' || (c == '/' && next == '/'))
			return 0;
		if (c == '/' && next == '*') {
			st->in_block = 1;
			i += 2;
			continue;
		}
		if (c == '"') {
			st->in_string = 1;
			i++;
			continue;
		}
		if (isalpha((unsigned char)c) || c == '*') {
			while (i < n && (isalnum((unsigned char)p[i]) || p[i] == '-' || p[i] == '_' ||
					 p[i] == '*'))
				i++;
			continue;
		}
		int sign = (c == '-' || c == '+') && isdigit((unsigned char)next);
		if (!isdigit((unsigned char)c) && !sign) {
			i++;
			continue;
		}
		size_t start = i, j = i + (size_t)sign;
		if (p[j] == '0' && j + 1 < n && (p[j + 1] == 'x' || p[j + 1] == 'X')) {
			size_t k = j + 2;
			while (k < n && isxdigit((unsigned char)p[k]))
				k++;
			errno = 0;
			unsigned long long v = strtoull(p + j, NULL, 16);
			int range = errno == ERANGE;
			if (k < n && p[k] == 'L') {
				if (range && overflow_add(src, p + start, k - start, 1, 1, err))
					return -1;
				while (k < n && p[k] == 'L')
					k++;
			} else if (range || v > INT32_MAX) {
				if (overflow_add(src, p + start, k - start, 1, 0, err))
					return -1;
			}
			i = k;
			continue;
		}
		size_t k = j;
		while (k < n && isdigit((unsigned char)p[k]))
			k++;
		if (k < n && (p[k] == '.' || p[k] == 'e' || p[k] == 'E')) {
			/* a float: the fraction and the exponent */
			if (p[k] == '.')
				for (k++; k < n && isdigit((unsigned char)p[k]); k++)
					;
			if (k < n && (p[k] == 'e' || p[k] == 'E')) {
				k++;
				if (k < n && (p[k] == '+' || p[k] == '-'))
					k++;
				while (k < n && isdigit((unsigned char)p[k]))
					k++;
			}
			i = k;
			continue;
		}
		char num[64];
		size_t len = k - start < sizeof num - 1 ? k - start : sizeof num - 1;
		memcpy(num, p + start, len);
		num[len] = 0;
		errno = 0;
		long long v = strtoll(num, NULL, 10);
		int range = errno == ERANGE || len == sizeof num - 1;
		if (k < n && p[k] == 'L') {
			size_t end = k;
			while (end < n && p[end] == 'L')
				end++;
			if (range && overflow_add(src, p + start, end - start, 0, 1, err))
				return -1;
			k = end;
		} else if (range || v > INT32_MAX || v < INT32_MIN) {
			if (overflow_add(src, p + start, k - start, 0, 0, err))
				return -1;
		}
		i = k;
	}
	return 0;
}

/* Lexically normalises an absolute path ("/a/b/../c" -> "/a/c"). */
static void path_normalise(char *path)
{
	char out[4096];
	size_t o = 0;
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *q = p;
		while (*q && *q != '/')
			q++;
		size_t n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (o + n + 1 < sizeof out) {
			out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p = q;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = 0;
	snprintf(path, 4096, "%s", out);
}

static int inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1) /* "/" */
		return 1;
	return strncmp(root, path, n) == 0 && path[n] == '/';
}

/* Where an include may lead: the main file's folder, or the folder
 * `uncertainty` beside it (the shipped priors, config/uncertainty/, are
 * included as "../uncertainty/defaults.cfg" from config/examples/). The
 * second is taken literally: a symbolic link that leaves it (or the folder
 * itself being one) is refused like any path out. */
static int include_allowed(const struct source *src, const char *target, const char *resolved)
{
	if (inside(src->root, target) && (!resolved || inside(src->root, resolved)))
		return 1;
	char shipped[4096 + 16];
	const char *slash = strrchr(src->root, '/');
	if (!slash || slash == src->root)
		return 0;
	snprintf(shipped, sizeof shipped, "%.*s/uncertainty", (int)(slash - src->root), src->root);
	return inside(shipped, target) && (!resolved || inside(shipped, resolved));
}

static int add_file_name(struct source *src, const char *name, struct js_error *err)
{
	char **f = realloc(src->files, (src->n_files + 1) * sizeof *f);
	if (!f)
		return js_error_set(err, EX_SOFTWARE, "out of memory");
	src->files = f;
	if (!(f[src->n_files] = strdup(name)))
		return js_error_set(err, EX_SOFTWARE, "out of memory");
	src->n_files++;
	return 0;
}

static int expand(struct source *src, unsigned file, const char *real, const char *text, size_t len,
		  const char **stack, int depth, struct js_error *err);

/* One "@include "name"" line of file `file`, at line `line`. */
static int include_line(struct source *src, unsigned file, unsigned line, const char *real,
			const char *p, size_t n, const char **stack, int depth, struct js_error *err)
{
	const char *shown = src->files[file];
	const char *e = p + n;
	p += strlen("@include");
	const char *q = p;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	char name[4096];
	const char *close = q < e && *q == '"' ? memchr(q + 1, '"', (size_t)(e - q - 1)) : NULL;
	if (q == p || !close || (size_t)(close - q - 1) >= sizeof name)
		return js_error_set(err, EX_CONFIG, "%s:%u: @include: expected @include \"file\", got %.*s",
				    shown, line, (int)(e - p + 8), p - 8);
	memcpy(name, q + 1, (size_t)(close - q - 1));
	name[close - q - 1] = 0;
	const char *rest = close + 1;
	while (rest < e && isspace((unsigned char)*rest))
		rest++;
	if (rest < e && *rest != '#' && !(rest + 1 < e && rest[0] == '/' && rest[1] == '/'))
		return js_error_set(err, EX_CONFIG,
				    "%s:%u: @include: expected nothing after the file name, got %.*s",
				    shown, line, (int)(e - rest), rest);
	if (!name[0])
		return js_error_set(err, EX_CONFIG, "%s:%u: @include: expected a file name, got \"\"",
				    shown, line);

	/* relative to the including file, and never out of the main file's folder */
	char target[4096], dir[4096];
	snprintf(dir, sizeof dir, "%s", real);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	if (name[0] == '/')
		snprintf(target, sizeof target, "%s", name);
	else if ((size_t)snprintf(target, sizeof target, "%s/%s", dir, name) >= sizeof target)
		return js_error_set(err, EX_CONFIG, "%s:%u: @include: expected a shorter path, got \"%s\"",
				    shown, line, name);
	path_normalise(target);
	char resolved[PATH_MAX];
	if (!include_allowed(src, target, realpath(target, resolved) ? resolved : NULL))
		return js_error_set(err, EX_CONFIG,
				    "%s:%u: @include: expected a file inside the config's folder, got \"%s\"",
				    shown, line, name);
	if (!realpath(target, resolved))
		return js_error_set(err, EX_CONFIG, "%s:%u: @include: expected a readable file, got \"%s\" (%s)",
				    shown, line, name, strerror(errno));
	for (int i = 0; i < depth; i++)
		if (strcmp(stack[i], resolved) == 0)
			return js_error_set(err, EX_CONFIG,
					    "%s:%u: @include: expected a file that does not include itself, got \"%s\"",
					    shown, line, name);
	if (depth >= INCLUDE_DEPTH_MAX)
		return js_error_set(err, EX_CONFIG,
				    "%s:%u: @include: expected includes at most %d deep, got deeper", shown,
				    line, INCLUDE_DEPTH_MAX);

	/* the name messages show: the including file's folder as written + name */
	char show[8200];
	const char *sl = strrchr(shown, '/');
	if (name[0] == '/' || !sl)
		snprintf(show, sizeof show, "%s", name);
	else
		snprintf(show, sizeof show, "%.*s/%s", (int)(sl - shown), shown, name);
	size_t len;
	char why[128];
	char *text = read_all(resolved, &len, why, sizeof why);
	if (!text)
		return js_error_set(err, errno == EINVAL || errno == EFBIG ? EX_NOINPUT : EX_CONFIG,
				    "%s:%u: @include: expected a readable file, got \"%s\" (%s)", shown, line, name,
				    why);
	int rc = add_file_name(src, show, err);
	if (rc == 0)
		rc = expand(src, (unsigned)src->n_files - 1, resolved, text, len, stack, depth, err);
	free(text);
	return rc;
}

static int expand(struct source *src, unsigned file, const char *real, const char *text, size_t len,
		  const char **stack, int depth, struct js_error *err)
{
	struct scan_state st = {0, 0};
	stack[depth] = real;
	const char *p = text, *end = text + len;
	unsigned line = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		line++;
		const char *q = p;
		while (q < p + n && (*q == ' ' || *q == '\t'))
			q++;
		if (!st.in_block && !st.in_string && (size_t)(p + n - q) >= 8 &&
		    strncmp(q, "@include", 8) == 0) {
			if (include_line(src, file, line, real, q, (size_t)(p + n - q), stack, depth + 1,
					 err))
				return -1;
		} else {
			if (text_append(src, p, n, file, line, err) || scan_line(src, &st, p, n, err))
				return -1;
		}
		p += n + (eol ? 1 : 0);
	}
	return 0;
}

/* ---- locating settings ---- */

static const struct source *source_of(const config_setting_t *s)
{
	/* config is the first member of struct source */
	return (const struct source *)(const void *)s->config;
}

static void line_where(const struct source *src, unsigned line, const char **file, unsigned *out)
{
	if (src->n_lines == 0) {
		*file = src->files ? src->files[0] : "?";
		*out = line;
		return;
	}
	if (line < 1)
		line = 1;
	if (line > src->n_lines)
		line = (unsigned)src->n_lines;
	*file = src->files[src->map[line - 1].file];
	*out = src->map[line - 1].line;
}

void setting_where(const config_setting_t *s, const char **file, unsigned *line)
{
	line_where(source_of(s), config_setting_source_line(s), file, line);
}

void setting_path(const config_setting_t *s, char *buf, size_t len)
{
	const config_setting_t *parent = config_setting_parent(s);
	if (!parent) {
		snprintf(buf, len, "%s", "");
		return;
	}
	char up[1024];
	setting_path(parent, up, sizeof up);
	if (config_setting_is_group(parent)) {
		snprintf(buf, len, "%s%s%s", up, up[0] ? "." : "", config_setting_name(s));
		return;
	}
	const char *name = NULL;
	if (config_setting_is_group(s) && config_setting_lookup_string(s, "name", &name) &&
	    name_valid(name))
		snprintf(buf, len, "%s%s%s", up, up[0] ? "." : "", name);
	else
		snprintf(buf, len, "%s[%d]", up, config_setting_index(s));
}

void setting_got(const config_setting_t *s, char *buf, size_t len)
{
	char num[40];
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
		snprintf(buf, len, "%d", config_setting_get_int(s));
		break;
	case CONFIG_TYPE_INT64:
		snprintf(buf, len, "%lldL", config_setting_get_int64(s));
		break;
	case CONFIG_TYPE_FLOAT:
		number_format_shortest(config_setting_get_float(s), num, sizeof num);
		snprintf(buf, len, "%s", num);
		break;
	case CONFIG_TYPE_STRING: {
		const char *t = config_setting_get_string(s);
		if (strlen(t) > 60)
			snprintf(buf, len, "\"%.57s...\"", t);
		else
			snprintf(buf, len, "\"%s\"", t);
		break;
	}
	case CONFIG_TYPE_BOOL:
		snprintf(buf, len, "%s", config_setting_get_bool(s) ? "true" : "false");
		break;
	case CONFIG_TYPE_GROUP:
		snprintf(buf, len, "a group");
		break;
	case CONFIG_TYPE_ARRAY:
		snprintf(buf, len, "an array");
		break;
	case CONFIG_TYPE_LIST:
		snprintf(buf, len, "a list");
		break;
	default:
		snprintf(buf, len, "nothing");
	}
}

static int error_v(struct js_error *err, const config_setting_t *at, const char *path,
		   const char *fmt, va_list ap)
{
	if (!err)
		return -1;
	const char *file;
	unsigned line;
	setting_where(at, &file, &line);
	char msg[1536];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (path[0])
		return js_error_set(err, EX_CONFIG, "%s:%u: %s: %s", file, line, path, msg);
	return js_error_set(err, EX_CONFIG, "%s:%u: %s", file, line, msg);
}

int setting_error(struct js_error *err, const config_setting_t *s, const char *fmt, ...)
{
	char path[1024];
	setting_path(s, path, sizeof path);
	va_list ap;
	va_start(ap, fmt);
	error_v(err, s, path, fmt, ap);
	va_end(ap);
	return -1;
}

int setting_error_at(struct js_error *err, const config_setting_t *at, const char *path,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_v(err, at, path, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- "did you mean" ---- */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 64;
	size_t row[64];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void suggest(const char *key, const char *const *cands, size_t n, char *buf, size_t len)
{
	size_t best = SIZE_MAX, bi = 0, klen = strlen(key);
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(key, cands[i]);
		if (d < best) {
			best = d;
			bi = i;
		}
	}
	if (n > 0 && best <= 1 + klen / 4 && best < klen) {
		snprintf(buf, len, " (did you mean \"%s\"?)", cands[bi]);
		return;
	}
	size_t o = (size_t)snprintf(buf, len, " (valid here: ");
	for (size_t i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "", cands[i]);
	if (o < len)
		snprintf(buf + o, len - o, ")");
}

int check_keys(const config_setting_t *group, const char *const *keys, size_t n,
	       struct js_error *err)
{
	for (int i = 0; i < config_setting_length(group); i++) {
		const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(m);
		size_t k = 0;
		while (k < n && strcmp(keys[k], name) != 0)
			k++;
		if (k == n) {
			char hint[512];
			suggest(name, keys, n, hint, sizeof hint);
			return setting_error(err, m, "expected a known key, got \"%s\"%s", name, hint);
		}
	}
	return 0;
}

/* ---- loading ---- */

/* Refuses the integer literals beyond 32 bits, named by the setting holding them. */
static int overflow_check(const struct source *src, const config_setting_t *s,
			  struct js_error *err)
{
	int t = config_setting_type(s);
	if (t == CONFIG_TYPE_INT64) {
		unsigned line = config_setting_source_line(s);
		for (size_t i = 0; i < src->n_ov; i++)
			if (src->ov[i].wide && src->ov[i].line == line &&
			    src->ov[i].wrapped64 == config_setting_get_int64(s))
				return setting_error(err, s,
						     "expected an integer within 64 bits (a seed up to 2^64-1 can be "
						     "written as a string of digits), got %s",
						     src->ov[i].text);
	}
	if (t == CONFIG_TYPE_INT) {
		unsigned line = config_setting_source_line(s);
		for (size_t i = 0; i < src->n_ov; i++)
			if (!src->ov[i].wide && src->ov[i].line == line &&
			    src->ov[i].wrapped == config_setting_get_int(s))
				return setting_error(err, s,
						     "expected an integer within 32 bits (write 64-bit integers "
						     "with L, decimals with a point), got %s",
						     src->ov[i].text);
	}
	if (config_setting_is_aggregate(s))
		for (int i = 0; i < config_setting_length(s); i++)
			if (overflow_check(src, config_setting_get_elem(s, (unsigned)i), err))
				return -1;
	return 0;
}

int source_load(struct source *src, const char *path, struct js_error *err)
{
	memset(src, 0, sizeof *src);
	config_init(&src->cfg);
	src->parsed = 1;
	char real[PATH_MAX], why[128];
	src->bytes = read_all(path, &src->n_bytes, why, sizeof why);
	if (!src->bytes)
		return js_error_set(err, EX_NOINPUT, "%s: cannot open (%s)", path, why);
	if (!realpath(path, real))
		return js_error_set(err, EX_NOINPUT, "%s: cannot open (%s)", path, strerror(errno));
	snprintf(src->root, sizeof src->root, "%s", real);
	char *slash = strrchr(src->root, '/');
	if (slash == src->root)
		slash[1] = 0;
	else if (slash)
		*slash = 0;
	if (add_file_name(src, path, err))
		return -1;
	const char *stack[INCLUDE_DEPTH_MAX + 2];
	if (expand(src, 0, real, src->bytes, src->n_bytes, stack, 0, err))
		return -1;
	if (!src->text && text_append(src, "", 0, 0, 1, err))
		return -1;

	if (!config_read_string(&src->cfg, src->text)) {
		const char *file;
		unsigned line;
		line_where(src, (unsigned)config_error_line(&src->cfg), &file, &line);
		return js_error_set(err, EX_CONFIG, "%s:%u: %s", file, line, config_error_text(&src->cfg));
	}
	if (src->n_ov) {
		if (overflow_check(src, config_root_setting(&src->cfg), err))
			return -1;
		/* a literal no setting holds (should not happen): still refused */
		const char *file;
		unsigned line;
		line_where(src, src->ov[0].line, &file, &line);
		return js_error_set(err, EX_CONFIG, "%s:%u: expected an integer within %s, got %s", file, line,
				    src->ov[0].wide ? "64 bits" : "32 bits (write 64-bit integers with L, decimals with a point)",
				    src->ov[0].text);
	}
	return 0;
}

void source_fini(struct source *src)
{
	if (!src)
		return;
	if (src->parsed)
		config_destroy(&src->cfg);
	for (size_t i = 0; i < src->n_files; i++)
		free(src->files[i]);
	free(src->files);
	free(src->text);
	free(src->map);
	free(src->ov);
	free(src->bytes);
	memset(src, 0, sizeof *src);
}
