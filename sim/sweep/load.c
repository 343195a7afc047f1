/*
 * load.c - sweep_load: a scenario file with a sweep group into a struct sweep.
 *
 * The scenarios are loaded by scenario_file_load. A loader that refuses the
 * top-level `sweep` key as unknown gets a copy of the file with the sweep
 * group blanked out (every character but line breaks replaced by a space, so
 * that line numbers stay), written next to the file (includes resolve the
 * same way) and removed at once; messages naming the copy are given the
 * original name back. When the loader accepts `sweep`, the copy is never made.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "sweep_internal.h"

/* Replaces every occurrence of from by to in buf (size len). */
static void text_replace(char *buf, size_t len, const char *from, const char *to)
{
	size_t lf = strlen(from), lt = strlen(to);
	if (lf == 0)
		return;
	char *out = malloc(len);
	if (!out)
		return;
	size_t o = 0;
	for (const char *p = buf; *p && o + 1 < len;) {
		if (strncmp(p, from, lf) == 0) {
			for (size_t i = 0; i < lt && o + 1 < len; i++)
				out[o++] = to[i];
			p += lf;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = 0;
	memcpy(buf, out, o + 1);
	free(out);
}

static int read_file(const char *path, char **text, size_t *len, struct js_error *err)
{
	gchar *data = NULL;
	gsize n = 0;
	if (!g_file_get_contents(path, &data, &n, NULL))
		return js_error_set(err, EX_NOINPUT, "%s: cannot open", path);
	*text = data;
	*len = n;
	return 0;
}

/* The loader on a copy of path without its sweep group. */
static struct scenario_file *load_blanked(const char *path, const char *text, size_t len, size_t begin, size_t end,
					  char *warn, size_t warn_len, struct js_error *err)
{
	char tmp[4096];
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	if (snprintf(tmp, sizeof tmp, "%.*s.%s.nosweep-%ld.cfg", dirlen, path, slash ? slash + 1 : path,
		     (long)getpid()) >= (int)sizeof tmp) {
		js_error_set(err, EX_CONFIG, "%s: path too long", path);
		return NULL;
	}
	char *copy = malloc(len + 1);
	if (!copy) {
		js_error_set(err, EX_OSERR, "out of memory");
		return NULL;
	}
	memcpy(copy, text, len);
	for (size_t i = begin; i < end; i++)
		if (copy[i] != '\n')
			copy[i] = ' ';
	FILE *fp = fopen(tmp, "wb");
	int ok = fp && fwrite(copy, 1, len, fp) == len;
	ok = fp && fclose(fp) == 0 && ok;
	free(copy);
	if (!ok) {
		unlink(tmp);
		js_error_set(err, EX_CONFIG,
			     "%s: the scenario loader does not accept a sweep group yet, and no copy without it can "
			     "be written next to the file",
			     path);
		return NULL;
	}
	struct scenario_file *f = scenario_file_load(tmp, err, warn, warn_len);
	unlink(tmp);
	if (!f) {
		text_replace(err->msg, sizeof err->msg, tmp, path);
	} else {
		snprintf(f->path, sizeof f->path, "%s", path);
		gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
		snprintf(f->sha256, sizeof f->sha256, "%s", sum ? sum : "");
		g_free(sum);
	}
	if (warn)
		text_replace(warn, warn_len, tmp, path);
	return f;
}

static struct scenario_file *load_scenarios(const char *path, char *warn, size_t warn_len, struct js_error *err)
{
	struct scenario_file *f = scenario_file_load(path, err, warn, warn_len);
	if (f)
		return f;
	char *text = NULL;
	size_t len = 0, begin, end;
	struct js_error first = *err;
	if (read_file(path, &text, &len, err) != 0 || spec_find_group(text, len, &begin, &end) != 0) {
		*err = first; /* no sweep group: the loader's own error stands */
		g_free(text);
		return NULL;
	}
	f = load_blanked(path, text, len, begin, end, warn, warn_len, err);
	g_free(text);
	return f;
}

/* sha256 of the resolved scenarios as scenario_file_print writes them. */
static int resolved_sha256(const struct scenario_file *f, char out[65], struct js_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return js_error_set(err, EX_OSERR, "out of memory");
	int rc = scenario_file_print(f, mem, err);
	if (fclose(mem) != 0 && rc == 0)
		rc = js_error_set(err, EX_OSERR, "out of memory");
	if (rc == 0) {
		gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)buf, len);
		snprintf(out, 65, "%s", sum ? sum : "");
		g_free(sum);
	}
	free(buf);
	return rc;
}

int sweep_load(const char *path, struct sweep *sw, char *warn, size_t warn_len, struct js_error *err)
{
	memset(sw, 0, sizeof *sw);
	struct sweep_plan *p = &sw->plan;
	sw->file = load_scenarios(path, warn, warn_len, err);
	if (!sw->file)
		return -1;
	const struct scenario_file *f = sw->file;
	snprintf(p->version, sizeof p->version, "%s", JOURNEYSIM_VERSION);
	if (strlen(path) >= sizeof p->config || strchr(path, '\n'))
		return js_error_set(err, EX_USAGE, "%s: expected a path shorter than %zu characters on one line", path,
				    sizeof p->config);
	snprintf(p->config, sizeof p->config, "%s", path);
	snprintf(p->config_sha256, sizeof p->config_sha256, "%s", f->sha256);
	if (resolved_sha256(f, p->resolved_sha256, err) != 0)
		return -1;
	p->seed = f->run.seed;
	p->horizon = f->run.horizon;
	p->warmup = f->run.warmup;
	snprintf(p->currency, sizeof p->currency, "%s", f->scenarios[0].company.currency);
	p->n_scenarios = f->n_scenarios;
	for (size_t s = 0; s < f->n_scenarios; s++)
		snprintf(p->scenarios[s], NAME_LEN, "%s", f->scenarios[s].name);
	p->shard_k = p->shard_n = 1;
	if (spec_read(path, f, p, err) != 0)
		return -1;
	return sweep_design_build(p, err);
}

void sweep_plan_fini(struct sweep_plan *p)
{
	if (!p)
		return;
	for (size_t j = 0; j < SWEEP_PARAM_MAX; j++) {
		free(p->params[j].levels);
		p->params[j].levels = NULL;
		p->params[j].n_levels = 0;
	}
	free(p->points);
	p->points = NULL;
}

void sweep_fini(struct sweep *sw)
{
	if (!sw)
		return;
	scenario_file_free(sw->file);
	sw->file = NULL;
	sweep_plan_fini(&sw->plan);
}
