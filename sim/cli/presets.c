/*
 * presets.c - `journeysim presets [NAME]`: the built-in ownership models
 * (config/presets/, installed under PREFIX/share/journeysim/presets): their
 * name, one-line description and source, or one preset's file.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "args.h"
#include "cli.h"
#include "output.h"
#include "scenario.h"

#define LINE_WIDTH 118

static const struct cli_spec presets_spec = {
	.synopsis = "usage: journeysim presets [NAME]\n\n"
		    "Without NAME, lists the built-in ownership models with a one-line description and\n"
		    "their source. With NAME, prints that preset's file: a scenario may use it with\n"
		    "ownership = \"NAME\"; or start from it with base = \"NAME\"; plus overrides.\n\n",
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes text wrapped at LINE_WIDTH, every line indented by indent columns
 * (the first line's indent is already printed). */
static void put_wrapped(FILE *fp, const char *text, int indent)
{
	int col = indent;
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w == 0)
			break;
		if (col > indent && col + 1 + (int)w > LINE_WIDTH) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
		}
		if (col > indent) {
			fputc(' ', fp);
			col++;
		}
		fwrite(p, 1, w, fp);
		col += (int)w;
		p += w;
	}
	fputc('\n', fp);
}

/* Prints one preset: its name (the file name, which is what a scenario file
 * and `presets NAME` use), model.description and model.source. */
static int preset_describe(const char *dir, const char *file, int width, FILE *fp, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	config_t cfg;
	config_init(&cfg);
	config_set_include_dir(&cfg, dir);
	if (!config_read_file(&cfg, path)) {
		int rc = js_error_set(err, EX_CONFIG, "%s:%d: %s",
				      config_error_file(&cfg) ? config_error_file(&cfg) : path,
				      config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		return rc;
	}
	const char *description = "", *source = "";
	config_lookup_string(&cfg, "model.description", &description);
	config_lookup_string(&cfg, "model.source", &source);
	fprintf(fp, "%-*.*s ", width - 1, (int)(strlen(file) - 4), file);
	put_wrapped(fp, *description ? description : "(no description)", width);
	if (*source) {
		char line[TEXT_LEN + 16];
		snprintf(line, sizeof line, "source: %s", source);
		fprintf(fp, "%*s", width, "");
		put_wrapped(fp, line, width);
	}
	config_destroy(&cfg);
	return 0;
}

static int presets_list(const char *dir, struct js_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return js_error_set(err, EX_NOINPUT, "cannot open the preset folder %s: %s", dir, strerror(errno));
	size_t n = 0, cap = 0;
	char **names = NULL;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".cfg") != 0)
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? 2 * cap : 16) * sizeof *names);
			if (!nn) {
				rc = js_error_set(err, EX_OSERR, "out of memory");
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = js_error_set(err, EX_OSERR, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0) {
		qsort(names, n, sizeof *names, cmp_names);
		int width = 8; /* "preset" and two blanks */
		for (size_t i = 0; i < n; i++)
			if ((int)strlen(names[i]) - 4 + 2 > width)
				width = (int)strlen(names[i]) - 4 + 2;
		fprintf(stdout, "%-*s %s\n", width - 1, "preset", "description");
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = preset_describe(dir, names[i], width, stdout, err);
		if (rc == 0)
			fprintf(stdout, "\n%zu presets in %s; print one with 'journeysim presets NAME'\n", n, dir);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int presets_print(const char *dir, const char *name, struct js_error *err)
{
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return js_error_set(err, EX_USAGE, "presets: '%s' is not a preset name", name);
	char path[OUT_PATH_MAX];
	if (snprintf(path, sizeof path, "%s/%s.cfg", dir, name) >= (int)sizeof path || !*name)
		return js_error_set(err, EX_USAGE, "presets: '%s' is not a preset name", name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return js_error_set(err, EX_NOINPUT, "no preset '%s' in %s (journeysim presets lists them)", name,
				    dir);
	char buf[8192];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
		fwrite(buf, 1, got, stdout);
	int bad = ferror(fp);
	fclose(fp);
	if (bad)
		return js_error_set(err, EX_IOERR, "cannot read %s", path);
	return 0;
}

static int presets_main(const struct cli_args *a, void *own, const struct cli_context *ctx, struct js_error *err)
{
	(void)own;
	(void)ctx;
	if (a->n_operands > 1)
		return js_error_set(err, EX_USAGE, "presets: one NAME only, got also '%s'", a->operands[1]);
	const char *dir = scenario_preset_dir();
	return a->n_operands ? presets_print(dir, a->operands[0], err) : presets_list(dir, err);
}

const struct cli_command cli_presets = {"presets", "list the built-in ownership models, or print one", &presets_spec,
					presets_main};
