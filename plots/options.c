/* options.c - chart options: defaults, SOURCE_DATE_EPOCH, format lists. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"

void chart_options_defaults(struct chart_options *o)
{
	memset(o, 0, sizeof *o);
	o->width = 1920;
	o->height = 1080;
	o->formats = CHART_PNG | CHART_PDF;
	o->difference = -1;
	o->created = -1;
	/* reproducible builds: https://reproducible-builds.org/specs/source-date-epoch/ */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!*end && errno == 0 && v >= 0)
			o->created = v;
	}
}

int chart_formats_parse(const char *list, unsigned *formats, struct js_error *err)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"png", CHART_PNG}, {"pdf", CHART_PDF}, {"svg", CHART_SVG}, {"all", CHART_ALL_FORMATS}};
	unsigned mask = 0;
	const char *p = list ? list : "";
	while (*p) {
		size_t n = strcspn(p, ",");
		int found = 0;
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (strlen(names[i].name) == n && strncmp(p, names[i].name, n) == 0) {
				mask |= names[i].bit;
				found = 1;
			}
		if (!found)
			return js_error_set(err, EX_USAGE, "--format: unknown format '%.*s' (png, pdf, svg, all)", (int)n,
					    p);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!mask)
		return js_error_set(err, EX_USAGE, "--format: expected a list such as png,pdf,svg");
	*formats = mask;
	return 0;
}
