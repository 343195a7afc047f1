/* theme.c - the look of every chart in one place: fonts, sizes, margins,
 * strokes, the Okabe-Ito scenario palette, viridis and the diverging ramps
 * of differences. Sizes are points on the
 * 960 x 540 pt page; nothing is smaller than 14 pt, so a 1920 x 1080 chart
 * on a 16:9 slide stays readable from the back of a room. */
#include <math.h>

#include "plot.h"

#define RGB(hex) {((hex) >> 16 & 0xFF) / 255.0, ((hex) >> 8 & 0xFF) / 255.0, ((hex)&0xFF) / 255.0}

const struct plot_theme plot_theme = {
	.family = "Liberation Sans",
	.font =
		{
			[PLOT_FONT_TITLE] = {24, 1, 0},
			[PLOT_FONT_SUBTITLE] = {15, 0, 0},
			[PLOT_FONT_PANEL] = {17, 1, 0},
			[PLOT_FONT_LABEL] = {15, 0, 0},
			[PLOT_FONT_TICK] = {14, 0, 0},
			[PLOT_FONT_VALUE] = {14, 0, 0},
			[PLOT_FONT_VALUE_BOLD] = {14, 1, 0},
			[PLOT_FONT_LEGEND] = {15, 0, 0},
			[PLOT_FONT_NOTE] = {14, 0, 1},
			[PLOT_FONT_BIG_NOTE] = {20, 0, 1},
		},
	.margin_left = 30,
	.margin_right = 30,
	.margin_top = 22,
	.margin_bottom = 12,
	.gap = 26,
	.line = 2.5,
	.line_thin = 1.25,
	.axis = 1.0,
	.grid = 0.75,
	.whisker = 1.5,
	.whisker_cap = 4,
	.marker = 6,
	.background = RGB(0xFFFFFF),
	.text = RGB(0x1A1A1A),
	.text_muted = RGB(0x595959),
	.axis_colour = RGB(0x4D4D4D),
	.grid_colour = RGB(0xE2E2E2),
	.whisker_colour = RGB(0x1A1A1A),
	.band_note = RGB(0xF1F1F1),
	.leak = RGB(0xCFCFCF),
	.positive = RGB(0x0072B2),
	.negative = RGB(0xD55E00),
	/* Okabe & Ito (2008), "Color universal design", in an order that keeps
	 * neighbours apart; the baseline (scenario 0) gets the strong blue. */
	.scenario =
		{
			RGB(0x0072B2), /* blue: the baseline */
			RGB(0xE69F00), /* orange */
			RGB(0x009E73), /* bluish green */
			RGB(0xCC79A7), /* reddish purple */
			RGB(0x56B4E9), /* sky blue */
			RGB(0xD55E00), /* vermillion */
			RGB(0x000000), /* black */
			RGB(0xF0E442), /* yellow */
			RGB(0x999999), /* grey */
		},
	/* cost components: steps of viridis, distinct from the scenario hues */
	.component =
		{
			RGB(0x3B528B), /* staff */
			RGB(0x9AAED6), /* variable (busy days, self-service) */
			RGB(0x6A8BC2), /* management */
			RGB(0x21918C), /* overlay and council */
			RGB(0x5EC962), /* coordination */
			RGB(0xB5DE2B), /* technology */
			RGB(0xFDE725), /* rework */
			RGB(0xBDBDBD), /* marketing */
			RGB(0x8E6BB3), /* one-off transition, amortised */
		},
	.band_alpha = 0.18,
};

struct plot_rgb plot_scenario_colour(size_t i)
{
	return plot_theme.scenario[i % PLOT_PALETTE_SIZE];
}

int plot_scenario_dash(size_t i)
{
	return (int)((i / PLOT_PALETTE_SIZE) % 3);
}

/* Viridis (matplotlib), eleven stops; linear in between. */
static const struct plot_rgb viridis[11] = {
	RGB(0x440154), RGB(0x482475), RGB(0x414487), RGB(0x355F8D), RGB(0x2A788E), RGB(0x21918C),
	RGB(0x22A884), RGB(0x44BF70), RGB(0x7AD151), RGB(0xBDDF26), RGB(0xFDE725),
};

/* The colour at t in [0, 1] along n stops, linear in between. */
static struct plot_rgb ramp_at(const struct plot_rgb *stop, int n, double t)
{
	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	double x = t * (n - 1);
	int i = (int)floor(x);
	if (i >= n - 1)
		return stop[n - 1];
	double f = x - i;
	struct plot_rgb a = stop[i], b = stop[i + 1];
	return (struct plot_rgb){a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

struct plot_rgb plot_viridis(double t)
{
	return ramp_at(viridis, 11, t);
}

static double lin(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double plot_luminance(struct plot_rgb c)
{
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/* ColorBrewer's 9-class diverging ramps (Brewer & Harrower), both safe for
 * colour-blind readers, from the low end to the high end; the middle stop is
 * the neutral grey-white. RdBu for a difference with a better side (red
 * worse, blue better, as the board table colours them); PuOr for one
 * without (orange lower, purple higher), so that blue always means better. */
#define RAMP 9
static const struct plot_rgb rdbu[RAMP] = {
	RGB(0xB2182B), RGB(0xD6604D), RGB(0xF4A582), RGB(0xFDDBC7), RGB(0xF7F7F7),
	RGB(0xD1E5F0), RGB(0x92C5DE), RGB(0x4393C3), RGB(0x2166AC),
};
static const struct plot_rgb puor[RAMP] = {
	RGB(0xB35806), RGB(0xE08214), RGB(0xFDB863), RGB(0xFEE0B6), RGB(0xF7F7F7),
	RGB(0xD8DAEB), RGB(0xB2ABD2), RGB(0x8073AC), RGB(0x542788),
};

struct plot_rgb plot_diverging(double v, double max_abs, int better)
{
	/* u in [-1, 1]: -1 the worst (or lowest), +1 the best (or highest) */
	double u = max_abs > 0 && isfinite(v) ? v / max_abs * (better < 0 ? -1 : 1) : 0;
	return ramp_at(better ? rdbu : puor, RAMP, (u + 1) / 2);
}
