/*
 * decide_stub.c - TEMPORARY stand-in for the decidecharts branch's
 * charts_render_decide (issue 14): draws nothing. The lead deletes this file
 * at merge.
 */
#include "chart.h"

int charts_render_decide(const char *decide_dir, const char *charts_dir, const char *board_pdf,
			 const struct chart_options *o, struct js_error *err)
{
	(void)decide_dir;
	(void)charts_dir;
	(void)board_pdf;
	(void)o;
	(void)err;
	return 0;
}
