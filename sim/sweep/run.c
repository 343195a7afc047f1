/*
 * run.c - sweep_run: open (or resume) DIR/journal, run the points of the
 * shard that it does not hold yet, append each finished point to it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "sweep_internal.h"

struct journal_sink {
	FILE *fp;
	const char *path;
	const struct sweep_options *o;
	size_t done, total;
};

static int sink_append(void *ctx, size_t point, const char *rec, size_t len, struct js_error *err)
{
	(void)point;
	struct journal_sink *js = ctx;
	if (journal_append(js->fp, js->path, rec, len, err) != 0)
		return -1;
	js->done++;
	if (js->o->progress)
		js->o->progress(js->o->progress_ctx, js->done, js->total);
	return 0;
}

int sweep_run(const struct sweep *sw, const char *dir, const struct sweep_options *o, struct sweep_status *st,
	      struct js_error *err)
{
	const struct sweep_plan *p = &sw->plan;
	memset(st, 0, sizeof *st);
	if (mpi_size() > 1)
		return mpi_sweep_run(sw, dir, o, st, err);
	unsigned char *done = calloc(p->n_points, 1);
	size_t *todo = malloc(p->n_points * sizeof *todo);
	char path[OUT_PATH_MAX];
	FILE *fp = NULL;
	int rc = -1;
	if (!done || !todo) {
		js_error_set(err, EX_OSERR, "out of memory for %zu points", p->n_points);
		goto out;
	}
	if (journal_open(dir, p, o->resume, done, &fp, path, sizeof path, err) != 0)
		goto out;
	size_t n = 0;
	for (size_t i = 0; i < p->n_points; i++) {
		if (!sweep_point_in_shard(p, i))
			continue;
		st->points++;
		if (done[i])
			st->resumed++;
		else
			todo[n++] = i;
	}
	st->run = n;
	struct journal_sink js = {fp, path, o, st->resumed, st->points};
	if (o->progress)
		o->progress(o->progress_ctx, js.done, js.total);
	rc = runner_run(sw, todo, n, o->jobs, sink_append, &js, err);
out:
	if (fp && fclose(fp) != 0 && rc == 0)
		rc = js_error_set(err, EX_IOERR, "%s: cannot close: %s", path, strerror(errno));
	free(done);
	free(todo);
	return rc;
}
