/* render.c - from a chart type to files: the Cairo surface of each format,
 * written atomically (files.h), the fixed PDF dates, per-file SVG ids, and
 * the two entry points (a results folder, a sweep folder). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib.h>

#include "files.h"
#include "plot.h"

#define PAGE_AREA (960.0 * 540.0) /* pt^2: a 13.33 x 7.5 inch slide */

void plot_page_size(unsigned width, unsigned height, double *w_pt, double *h_pt, double *scale)
{
	double s = sqrt((double)width * (double)height / PAGE_AREA);
	if (!(s > 0))
		s = 1;
	*scale = s;
	*w_pt = width / s;
	*h_pt = height / s;
}

/* ---- Cairo stream sinks ---- */

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

struct membuf {
	char *p;
	size_t n, cap;
};

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int length)
{
	struct membuf *m = closure;
	if (m->n + length + 1 > m->cap) {
		size_t cap = m->cap ? m->cap : 1 << 16;
		while (cap < m->n + length + 1)
			cap *= 2;
		char *np = realloc(m->p, cap);
		if (!np)
			return CAIRO_STATUS_NO_MEMORY;
		m->p = np;
		m->cap = cap;
	}
	memcpy(m->p + m->n, data, length);
	m->n += length;
	m->p[m->n] = 0;
	return CAIRO_STATUS_SUCCESS;
}

/* ---- SVG ids numbered per file ---- */

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void out_put(GString *o, const char *s, size_t n)
{
	g_string_append_len(o, s, (gssize)n);
}

char *plot_svg_renumber(const char *svg, size_t len, size_t *out_len)
{
	/* cairo numbers glyphs, surfaces, clips and patterns with counters that
	 * live as long as the process: give each id a new name in order of
	 * first definition, counted per prefix ("glyph-3", "surface-1"). */
	GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (const char *p = svg; (p = strstr(p, " id=\"")) && p < svg + len;) {
		p += 5;
		size_t n = 0;
		while (p + n < svg + len && id_char(p[n]))
			n++;
		if (p[n] != '"' || n == 0)
			continue;
		char *old = g_strndup(p, n);
		if (g_hash_table_contains(map, old)) {
			g_free(old);
			continue;
		}
		size_t pre = 0;
		while (pre < n && !(p[pre] >= '0' && p[pre] <= '9'))
			pre++;
		char *prefix = g_strndup(p, pre ? pre : n);
		guint c = GPOINTER_TO_UINT(g_hash_table_lookup(counts, prefix)) + 1;
		char *fresh = g_strdup_printf("%s-%u", prefix, c);
		g_hash_table_replace(counts, prefix, GUINT_TO_POINTER(c));
		g_hash_table_insert(map, old, fresh);
	}
	GString *o = g_string_sized_new(len + len / 16);
	size_t i = 0;
	while (i < len) {
		const char *p = svg + i;
		size_t skip = 0;
		if (*p == '#')
			skip = 1;
		else if (len - i > 4 && strncmp(p, "id=\"", 4) == 0 && (i == 0 || svg[i - 1] == ' '))
			skip = 4;
		if (skip) {
			size_t n = 0;
			while (i + skip + n < len && id_char(p[skip + n]))
				n++;
			char *name = g_strndup(p + skip, n);
			const char *fresh = g_hash_table_lookup(map, name);
			g_free(name);
			out_put(o, p, skip);
			if (fresh && (p[skip + n] == '"' || p[skip + n] == ')'))
				g_string_append(o, fresh);
			else
				out_put(o, p + skip, n);
			i += skip + n;
			continue;
		}
		/* copy up to the next place of interest */
		size_t n = 1;
		while (i + n < len && svg[i + n] != '#' && svg[i + n] != 'i')
			n++;
		out_put(o, p, n);
		i += n;
	}
	g_hash_table_destroy(map);
	g_hash_table_destroy(counts);
	*out_len = o->len;
	return g_string_free(o, FALSE);
}

/* ---- drawing one page ---- */

static int draw_page(cairo_t *cr, const struct chart_type *t, const struct chart_inputs *in, double w, double h,
		     double scale, int vector, plot_probe_fn probe, void *user, char *title, size_t title_len,
		     struct js_error *err)
{
	struct chart_page pg;
	cairo_scale(cr, scale, scale);
	plot_page_init(&pg, cr, w, h, vector);
	pg.probe = probe;
	pg.probe_user = user;
	pg.opt = in->opt;
	int rc = t->draw(&pg, in, err);
	if (title)
		snprintf(title, title_len, "%s", pg.title);
	plot_page_fini(&pg);
	return rc;
}

static const char *cairo_problem(cairo_surface_t *s, cairo_t *cr)
{
	if (cr && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return cairo_status_to_string(cairo_status(cr));
	if (s && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return cairo_status_to_string(cairo_surface_status(s));
	return NULL;
}

int plot_render_image(const struct chart_type *t, const struct chart_inputs *in, unsigned width, unsigned height,
		      plot_probe_fn probe, void *user, cairo_surface_t **out, struct js_error *err)
{
	*out = NULL;
	if (!width || !height) {
		width = in->opt->width;
		height = in->opt->height;
	}
	double w, h, s;
	plot_page_size(width, height, &w, &h, &s);
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)width, (int)height);
	cairo_t *cr = cairo_create(surf);
	const char *problem = cairo_problem(surf, cr);
	int rc = -1;
	if (problem) {
		js_error_set(err, EX_CANTCREAT, "%s: cairo: %s", t->name, problem);
		goto out;
	}
	if (draw_page(cr, t, in, w, h, s, 0, probe, user, NULL, 0, err) < 0)
		goto out;
	if ((problem = cairo_problem(surf, cr))) {
		js_error_set(err, EX_CANTCREAT, "%s: cairo: %s", t->name, problem);
		goto out;
	}
	cairo_surface_flush(surf);
	*out = cairo_surface_reference(surf);
	rc = 0;
out:
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	return rc;
}

/* The PDF date of a run: "YYYY-MM-DDThh:mm:ssZ". */
static void pdf_date(const struct chart_inputs *in, char *buf, size_t len)
{
	int64_t t = in->opt->created;
	const struct plot_run *run = plot_inputs_run(in);
	int y, mo, d, h, mi, s;
	char z = 0;
	if (t < 0 && sscanf(run->created, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) >= 6 &&
	    y >= 0 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 &&
	    mi < 60 && s >= 0 && s < 61) {
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s);
		return;
	}
	time_t tt = (time_t)(t < 0 ? 0 : t);
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int render_file(const struct chart_type *t, const struct chart_inputs *in, unsigned fmt, const char *path,
		       struct js_error *err)
{
	const struct chart_options *o = in->opt;
	double w, h, s;
	plot_page_size(o->width, o->height, &w, &h, &s);
	struct out_file af;
	struct membuf svg = {0};
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	const char *problem;
	char title[512] = "", date[64], creator[64];
	int rc = -1;
	if (out_file_open(&af, path, err) < 0)
		return -1;
	if (fmt == CHART_PNG) {
		surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)o->width, (int)o->height);
	} else if (fmt == CHART_PDF) {
		surf = cairo_pdf_surface_create_for_stream(write_file, af.fp, w, h);
		pdf_date(in, date, sizeof date);
		const struct plot_run *run = plot_inputs_run(in);
		snprintf(creator, sizeof creator, "journeysim%s%s", *run->version ? " " : "", run->version);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, date);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, creator);
	} else {
		surf = cairo_svg_surface_create_for_stream(write_mem, &svg, w, h);
		cairo_svg_surface_restrict_to_version(surf, CAIRO_SVG_VERSION_1_1);
	}
	cr = cairo_create(surf);
	if ((problem = cairo_problem(surf, cr))) {
		js_error_set(err, EX_CANTCREAT, "%s: cairo: %s", path, problem);
		goto out;
	}
	if (draw_page(cr, t, in, w, h, fmt == CHART_PNG ? s : 1, fmt != CHART_PNG, NULL, NULL, title, sizeof title,
		      err) < 0)
		goto out;
	if ((problem = cairo_problem(surf, cr))) {
		js_error_set(err, EX_CANTCREAT, "%s: cairo: %s", path, problem);
		goto out;
	}
	cairo_destroy(cr);
	cr = NULL;
	if (fmt == CHART_PNG) {
		cairo_status_t st = cairo_surface_write_to_png_stream(surf, write_file, af.fp);
		if (st != CAIRO_STATUS_SUCCESS) {
			js_error_set(err, EX_IOERR, "%s: cannot write PNG: %s", path, cairo_status_to_string(st));
			goto out;
		}
	} else {
		if (fmt == CHART_PDF)
			cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
		cairo_surface_finish(surf);
		if ((problem = cairo_problem(surf, NULL))) {
			js_error_set(err, EX_IOERR, "%s: cairo: %s", path, problem);
			goto out;
		}
	}
	if (fmt == CHART_SVG) {
		size_t n;
		char *fixed = plot_svg_renumber(svg.p ? svg.p : "", svg.n, &n);
		if (!fixed || fwrite(fixed, 1, n, af.fp) != n) {
			g_free(fixed);
			js_error_set(err, EX_IOERR, "%s: cannot write: %s", path, strerror(errno ? errno : EIO));
			goto out;
		}
		g_free(fixed);
	}
	rc = out_file_commit(&af, err);
out:
	if (cr)
		cairo_destroy(cr);
	if (surf)
		cairo_surface_destroy(surf);
	free(svg.p);
	if (rc < 0)
		out_file_abort(&af);
	return rc;
}

/* ---- entry points ---- */

static const char *const ext[] = {"png", "pdf", "svg"};

static int check_options(const struct chart_options *o, enum chart_input input, struct js_error *err)
{
	if (o->width < 64 || o->height < 64 || o->width > 16384 || o->height > 16384)
		return js_error_set(err, EX_USAGE, "chart size %ux%u: expected 64 to 16384 pixels each way", o->width,
				    o->height);
	if (!(o->formats & CHART_ALL_FORMATS))
		return js_error_set(err, EX_USAGE, "no chart format chosen (png, pdf, svg)");
	if (o->only) {
		const struct chart_type *t = chart_type_find(o->only);
		if (!t) {
			char names[1024] = "";
			for (size_t i = 0; i < chart_type_count; i++) {
				size_t n = strlen(names);
				snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "", chart_types[i].name);
			}
			return js_error_set(err, EX_USAGE, "unknown chart '%s' (charts: %s)", o->only, names);
		}
		if (t->input != input)
			return js_error_set(err, EX_USAGE, "chart '%s' is drawn from a%s folder", o->only,
					    t->input == CHART_INPUT_SWEEP     ? " sweep"
					    : t->input == CHART_INPUT_EXPLAIN ? "n explain"
					    : t->input == CHART_INPUT_DECIDE  ? " decide"
									      : " results");
	}
	return 0;
}

/* Chart t in every format of the options, as CHARTS_DIR/STEM.<ext>. */
static int render_formats(const struct chart_type *t, const struct chart_inputs *in, const char *charts_dir,
			  const char *stem, struct js_error *err)
{
	for (int f = 0; f < 3; f++) {
		if (!(in->opt->formats & (1u << f)))
			continue;
		char name[128], path[OUT_PATH_MAX];
		snprintf(name, sizeof name, "%s.%s", stem, ext[f]);
		if (path_join(path, sizeof path, charts_dir, name, err) < 0 || render_file(t, in, 1u << f, path, err) < 0)
			return -1;
	}
	return 0;
}

static int render_all(const struct chart_inputs *in, enum chart_input input, const char *charts_dir,
		      int fallback_first, struct js_error *err)
{
	const struct chart_options *o = in->opt;
	int drawn = 0;
	if (!charts_dir)
		return 0;
	if (out_make_dirs(charts_dir, NULL, 0, err) < 0)
		return -1;
	for (int pass = 0; pass < 2 && !drawn; pass++) {
		for (size_t i = 0; i < chart_type_count; i++) {
			const struct chart_type *t = &chart_types[i];
			if (t->input != input || (o->only && strcmp(o->only, t->name) != 0))
				continue;
			/* pass 0: what the input allows; pass 1 (nothing was): the first chart, with its note */
			if (pass == 0 && !o->only && t->available && !t->available(in))
				continue;
			if (pass == 1 && !fallback_first)
				break;
			if (render_formats(t, in, charts_dir, t->name, err) < 0)
				return -1;
			drawn++;
			if (pass == 1)
				break;
		}
	}
	return 0;
}

int charts_render_results(const char *results_dir, const char *charts_dir, const char *board_pdf,
			  const struct chart_options *o, struct js_error *err)
{
	if (check_options(o, CHART_INPUT_RESULTS, err) < 0)
		return -1;
	struct plot_results r;
	if (plot_results_load(&r, results_dir, err) < 0)
		return -1;
	struct chart_inputs in = {.res = &r, .opt = o};
	int rc = render_all(&in, CHART_INPUT_RESULTS, charts_dir, 0, err);
	if (rc == 0 && board_pdf && (!o->only || strcmp(o->only, "board_summary") == 0)) {
		const struct chart_type *board = chart_type_find("board_summary");
		rc = board ? render_file(board, &in, CHART_PDF, board_pdf, err) : 0;
	}
	plot_results_free(&r);
	return rc;
}

int charts_render_sweep(const char *sweep_dir, const char *charts_dir, const struct chart_options *o,
			struct js_error *err)
{
	if (check_options(o, CHART_INPUT_SWEEP, err) < 0)
		return -1;
	struct plot_sweep w;
	if (plot_sweep_load(&w, sweep_dir, err) < 0)
		return -1;
	struct chart_inputs in = {.sweep = &w, .opt = o};
	int rc = render_all(&in, CHART_INPUT_SWEEP, charts_dir, 1, err);
	plot_sweep_free(&w);
	return rc;
}

/* The metrics an explain folder is drawn on, and their file stems. */
static const char *const explain_metrics[][2] = {
	{"margin", "explain_margin"},
	{"experience.mean", "explain_experience"},
};

int charts_render_explain(const char *explain_dir, const char *charts_dir, const struct chart_options *o,
			  struct js_error *err)
{
	if (check_options(o, CHART_INPUT_EXPLAIN, err) < 0)
		return -1;
	struct plot_explain e;
	if (plot_explain_load(&e, explain_dir, err) < 0)
		return -1;
	const struct chart_type *t = chart_type_find("explain");
	int rc = charts_dir ? out_make_dirs(charts_dir, NULL, 0, err) : 0;
	for (size_t i = 0; rc == 0 && charts_dir && t && i < sizeof explain_metrics / sizeof *explain_metrics; i++) {
		struct chart_inputs in = {.opt = o, .explain = &e, .metric = explain_metrics[i][0]};
		rc = render_formats(t, &in, charts_dir, explain_metrics[i][1], err);
	}
	plot_explain_free(&e);
	return rc;
}

/* The decision board is board.pdf, not one of the charts/ files. */
int charts_render_decide(const char *decide_dir, const char *charts_dir, const char *board_pdf,
			 const struct chart_options *o, struct js_error *err)
{
	if (check_options(o, CHART_INPUT_DECIDE, err) < 0)
		return -1;
	struct plot_decide d;
	if (plot_decide_load(&d, decide_dir, err) < 0)
		return -1;
	struct chart_inputs in = {.opt = o, .decide = &d};
	const struct chart_type *board = chart_type_find("decision_board");
	int rc = charts_dir ? out_make_dirs(charts_dir, NULL, 0, err) : 0;
	for (size_t i = 0; rc == 0 && charts_dir && i < chart_type_count; i++) {
		const struct chart_type *t = &chart_types[i];
		if (t->input != CHART_INPUT_DECIDE || (t == board && !o->only) || (o->only && strcmp(o->only, t->name) != 0))
			continue;
		rc = render_formats(t, &in, charts_dir, t->name, err);
	}
	if (rc == 0 && board_pdf && board && (!o->only || strcmp(o->only, "decision_board") == 0))
		rc = render_file(board, &in, CHART_PDF, board_pdf, err);
	plot_decide_free(&d);
	return rc;
}
