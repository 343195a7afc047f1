/* args.c - option parsing shared by the subcommands. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "scenario.h"

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
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

int cli_optind(void)
{
	return optind;
}

const char *cli_optarg(void)
{
	return optarg;
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

int cli_one_operand(int argc, char **argv, const char *cmd, const char *what, const char **out,
		    struct js_error *err)
{
	int first = cli_optind();
	if (first >= argc)
		return js_error_set(err, EX_USAGE, "%s: missing the %s", cmd, what);
	if (first + 1 < argc)
		return js_error_set(err, EX_USAGE, "%s: one %s only, got also '%s'", cmd, what, argv[first + 1]);
	*out = argv[first];
	return 0;
}
