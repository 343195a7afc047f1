/* run_facts.c - the facts of how a run or sweep was made (version, config,
 * seed, replications, horizon, ...) from run.json or manifest.json, for
 * chart subtitles and footnotes. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

int plot_run_load(struct plot_run *run, const char *path, struct json *keep, struct js_error *err)
{
	memset(run, 0, sizeof *run);
	if (keep)
		memset(keep, 0, sizeof *keep);
	run->replications = run->horizon = run->warmup = NAN;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return js_error_set(err, EX_NOINPUT, "%s: cannot open: %s", path, strerror(errno));
	}
	char *text = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			char *nt = realloc(text, cap);
			if (!nt) {
				free(text);
				fclose(f);
				return js_error_set(err, EX_OSERR, "%s: out of memory", path);
			}
			text = nt;
		}
		size_t got = fread(text + n, 1, 4096, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	text[n] = 0;
	struct json root;
	int rc = json_parse(&root, text, path, err);
	free(text);
	if (rc < 0)
		return -1;
	if (root.kind != JSON_OBJECT) {
		json_free(&root);
		return js_error_set(err, EX_DATAERR, "%s:1: expected a JSON object", path);
	}
	run->present = 1;
	snprintf(run->version, sizeof run->version, "%s", json_get_string(&root, "version", ""));
	snprintf(run->config, sizeof run->config, "%s", json_get_string(&root, "config", ""));
	snprintf(run->currency, sizeof run->currency, "%s", json_get_string(&root, "currency", ""));
	snprintf(run->created, sizeof run->created, "%s", json_get_string(&root, "created", ""));
	snprintf(run->design, sizeof run->design, "%s", json_get_string(&root, "design", ""));
	const struct json *seed = json_get(&root, "seed");
	if (seed && (seed->kind == JSON_NUMBER || seed->kind == JSON_STRING))
		snprintf(run->seed, sizeof run->seed, "%s", seed->string);
	run->replications = json_get_number(&root, "replications", NAN);
	run->horizon = json_get_number(&root, "horizon_days", json_get_number(&root, "horizon", NAN));
	run->warmup = json_get_number(&root, "warmup_days", json_get_number(&root, "warmup", NAN));
	if (keep)
		*keep = root;
	else
		json_free(&root);
	return 0;
}
