/* args.c - the command line of the subcommands: the shared options, the
 * parser and the help made from a command's option table. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "metrics.h"
#include "experiment.h"
#include "scenario.h"

#define OPTIONS_MAX 32
#define HELP_COLUMN_MIN 18 /* where the help text starts when the names are short */

/* The options that several commands share. A command that takes -o or -q
 * says in its table what they mean for it. */
static const struct option_desc {
	int id;
	char short_name;
	const char *name, *arg, *help;
} shared_options[] = {
	{CLI_OUTPUT, 'o', "output", "DIR", "the output folder"},
	{CLI_JOBS, 0, "jobs", "N", "threads (default: the number of cores); results do not depend on it"},
	{CLI_QUIET, 'q', "quiet", NULL, "no output on stdout"},
	{CLI_NO_CHARTS, 0, "no-charts", NULL, "draw no charts"},
	{CLI_FORMAT, 0, "format", "LIST", "chart formats, from png, pdf, svg (default png,pdf)"},
	{CLI_SIZE, 0, "size", "WxH", "PNG size in pixels (default 1920x1080)"},
	{CLI_OBJECTIVE, 0, "objective", "SPEC",
	 "what \"best\" means: margin (default), experience, cost, revenue, nps,\n"
	 "or weighted terms such as \"margin+50000*experience\" (docs/config.md)"},
	{'h', 'h', "help", NULL, "this help"},
	{'V', 'V', "version", NULL, "the version"},
};

#define N_SHARED (sizeof shared_options / sizeof shared_options[0])

static const struct option_desc *shared_find(int id)
{
	for (size_t i = 0; i < N_SHARED; i++)
		if (shared_options[i].id == id)
			return &shared_options[i];
	return NULL;
}

/* An option of a command's table as the help and getopt see it. */
static struct option_desc option_resolve(const struct cli_option *o)
{
	const struct option_desc *sh = shared_find(o->id);
	if (!sh)
		return (struct option_desc){o->id, 0, o->name, o->arg, o->help};
	struct option_desc r = *sh;
	if (o->help)
		r.help = o->help;
	return r;
}

/* The command's options, then -h and -V; returns how many. */
static size_t spec_options(const struct cli_spec *spec, struct option_desc *out, size_t cap)
{
	size_t n = 0;
	for (const struct cli_option *o = spec->options; o && o->id && n + 2 < cap; o++)
		out[n++] = option_resolve(o);
	out[n++] = *shared_find('h');
	out[n++] = *shared_find('V');
	return n;
}

/* "  -o, --output DIR" or "      --jobs N" */
static int option_label(char *buf, size_t len, const struct option_desc *o)
{
	char lead[8] = "    ";
	if (o->short_name)
		snprintf(lead, sizeof lead, "-%c, ", o->short_name);
	return snprintf(buf, len, "  %s--%s%s%s", lead, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
}

/* The command's help: the synopsis, then a line per option. */
static void usage_print(FILE *fp, const struct cli_spec *spec)
{
	struct option_desc opts[OPTIONS_MAX];
	size_t n = spec_options(spec, opts, OPTIONS_MAX);
	char label[128];
	int column = HELP_COLUMN_MIN;
	for (size_t i = 0; i < n; i++) {
		int w = option_label(label, sizeof label, &opts[i]) + 2;
		if (w > column)
			column = w;
	}
	fputs(spec->synopsis, fp);
	for (size_t i = 0; i < n; i++) {
		int w = option_label(label, sizeof label, &opts[i]);
		fprintf(fp, "%s%*s", label, column - w, "");
		for (const char *p = opts[i].help; *p; p++) {
			fputc(*p, fp);
			if (*p == '\n')
				fprintf(fp, "%*s", column, "");
		}
		fputc('\n', fp);
	}
}

/* getopt_long for a subcommand (options may follow operands). Returns the
 * option, -1 after the last, or '?' with a usage error in err. */
static int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
		      struct js_error *err)
{
	/* A leading ':' makes getopt report a missing argument as ':'. */
	char opts[128];
	snprintf(opts, sizeof opts, ":%s", shortopts);
	opterr = 0;
	int prev = optind;
	int c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c == '?' || c == ':') {
		/* The offending word: argv[optind - 1] for long and lone short
		 * options, or the current word for a short one in a group. */
		const char *word = optind > prev && optind - 1 < argc ? argv[optind - 1] : argv[prev];
		if (optopt && !(word[0] == '-' && word[1] == '-'))
			js_error_set(err, EX_USAGE, "%s: %s option '-%c'", argv[0],
				     c == ':' ? "missing value for" : "unknown", optopt);
		else
			js_error_set(err, EX_USAGE, "%s: %s option '%s'", argv[0],
				     c == ':' ? "missing value for" : "unknown or ambiguous", word);
		return '?';
	}
	return c;
}

/* The one operand: "CMD: missing the WHAT" or "CMD: one WHAT only, got also 'x'". */
static int one_operand(int argc, char **argv, const char *what, const char **out, struct js_error *err)
{
	int first = optind;
	if (first >= argc)
		return js_error_set(err, EX_USAGE, "%s: missing the %s", argv[0], what);
	if (first + 1 < argc)
		return js_error_set(err, EX_USAGE, "%s: one %s only, got also '%s'", argv[0], what, argv[first + 1]);
	*out = argv[first];
	return 0;
}

/* A shared option's value into a. */
static int shared_set(struct cli_args *a, int id, const char *v, struct js_error *err)
{
	switch (id) {
	case CLI_OUTPUT: a->outdir = v; return 0;
	case CLI_JOBS: return cli_parse_uint("--jobs", v, 1, 256, &a->jobs, err);
	case CLI_QUIET: a->quiet = 1; return 0;
	case CLI_NO_CHARTS: a->charts = 0; return 0;
	case CLI_FORMAT: return chart_formats_parse(v, &a->chart.formats, err);
	case CLI_SIZE: return cli_parse_size("--size", v, &a->chart.width, &a->chart.height, err);
	case CLI_OBJECTIVE: {
		char why[256];
		struct objective o;
		if (strlen(v) >= OBJECTIVE_TEXT_LEN || objective_parse(v, &o, why, sizeof why) != 0)
			return js_error_set(err, EX_USAGE, "--objective: %s",
					    strlen(v) >= OBJECTIVE_TEXT_LEN ? "expected a shorter objective" : why);
		a->objective = v;
		return 0;
	}
	default: return js_error_set(err, EX_SOFTWARE, "option %d has no parser", id);
	}
}

int cli_parse(int argc, char **argv, const struct cli_spec *spec, void *own, struct cli_args *a,
	      struct js_error *err)
{
	struct option_desc opts[OPTIONS_MAX];
	struct option longopts[OPTIONS_MAX + 1];
	char shortopts[2 * OPTIONS_MAX + 1];
	size_t n = spec_options(spec, opts, OPTIONS_MAX), ns = 0;
	for (size_t i = 0; i < n; i++) {
		longopts[i] = (struct option){opts[i].name, opts[i].arg ? required_argument : no_argument, NULL,
					      opts[i].id};
		if (opts[i].short_name) {
			shortopts[ns++] = opts[i].short_name;
			if (opts[i].arg)
				shortopts[ns++] = ':';
		}
	}
	longopts[n] = (struct option){NULL, 0, NULL, 0};
	shortopts[ns] = 0;

	memset(a, 0, sizeof *a);
	a->outdir = spec->outdir;
	a->jobs = experiment_default_jobs();
	a->charts = 1;
	chart_options_defaults(&a->chart);
	int c;
	while ((c = cli_getopt(argc, argv, shortopts, longopts, err)) != -1) {
		int rc;
		if (c == '?')
			return -1; /* err is filled */
		if (c == 'h' || c == 'V') {
			if (c == 'h')
				usage_print(stdout, spec);
			else
				cli_print_version(stdout);
			return CLI_DONE;
		}
		if (c >= CLI_OWN)
			rc = spec->own(own, c, optarg, err);
		else
			rc = shared_set(a, c, optarg, err);
		if (rc != 0) {
			err->code = EX_USAGE;
			return -1;
		}
	}
	a->operands = argv + optind;
	a->n_operands = argc - optind;
	if (spec->operand && one_operand(argc, argv, spec->operand, &a->operand, err) != 0)
		return -1;
	if (spec->outdir && !*a->outdir)
		return js_error_set(err, EX_USAGE, "%s: -o: empty folder name", argv[0]);
	return 0;
}

int cli_parse_uint(const char *opt, const char *text, uint64_t min, uint64_t max, uint64_t *out,
		   struct js_error *err)
{
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p))
		return js_error_set(err, EX_USAGE, "%s: expected a whole number, got '%s'", opt, text);
	char *end;
	errno = 0;
	unsigned long long v = strtoull(p, &end, 10);
	if (*end)
		return js_error_set(err, EX_USAGE, "%s: expected a whole number, got '%s'", opt, text);
	if (errno == ERANGE || v < min || v > max)
		return js_error_set(err, EX_USAGE, "%s: expected %llu to %llu, got '%s'", opt,
				    (unsigned long long)min, (unsigned long long)max, text);
	*out = v;
	return 0;
}

int cli_parse_days(const char *opt, const char *text, int zero_ok, double *days, struct js_error *err)
{
	char why[256];
	double d;
	if (duration_parse(text, &d, why, sizeof why) != 0)
		return js_error_set(err, EX_USAGE, "%s: %s", opt, why);
	if (!(d > 0) && !(zero_ok && d == 0))
		return js_error_set(err, EX_USAGE, "%s: expected a duration %s 0, got '%s'", opt,
				    zero_ok ? ">=" : ">", text);
	*days = d;
	return 0;
}

int cli_parse_size(const char *opt, const char *text, unsigned *w, unsigned *h, struct js_error *err)
{
	char *end;
	errno = 0;
	unsigned long a = strtoul(text, &end, 10);
	if (end == text || (*end != 'x' && *end != 'X'))
		return js_error_set(err, EX_USAGE, "%s: expected WIDTHxHEIGHT in pixels, got '%s'", opt, text);
	const char *q = end + 1;
	unsigned long b = strtoul(q, &end, 10);
	if (end == q || *end || errno || a < 16 || b < 16 || a > 20000 || b > 20000)
		return js_error_set(err, EX_USAGE, "%s: expected WIDTHxHEIGHT, 16 to 20000 pixels, got '%s'",
				    opt, text);
	*w = (unsigned)a;
	*h = (unsigned)b;
	return 0;
}

void cli_print_version(FILE *fp)
{
	fprintf(fp, "journeysim %s\n", JOURNEYSIM_VERSION);
}

void cli_print_lines(FILE *fp, const char *text)
{
	for (const char *p = text, *nl; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		if (len > 0)
			fprintf(fp, "journeysim: %.*s\n", len, p);
	}
}
