/*
 * run.c - sweep_run: open (or resume) DIR/journal, run the points of the
 * shard that it does not hold yet, append each finished point to it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "progress.h"
#include "sweep_internal.h"

void sweep_todo(const struct sweep_plan *p, const unsigned char *done, int rank, int size, size_t *todo,
		struct sweep_status *st)
{
	for (size_t i = 0; i < p->n_points; i++) {
		if (!sweep_point_in_shard(p, i))
			continue;
		st->points++;
		if (done[i])
			st->resumed++;
		else if ((int)(i % (size_t)size) == rank)
			todo[st->run++] = i;
	}
}

int journal_sink_append(void *ctx, size_t point, const char *rec, size_t len, struct js_error *err)
{
	(void)point;
	struct journal_sink *js = ctx;
	if (journal_append(js->fp, js->path, rec, len, err) != 0)
		return -1;
	progress_update(js->progress, ++js->done);
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
	sweep_todo(p, done, 0, 1, todo, st);
	struct journal_sink js = {fp, path, o->progress, st->resumed};
	progress_start(o->progress, st->resumed, st->points);
	rc = runner_run(sw, todo, st->run, o->jobs, journal_sink_append, &js, err);
	progress_finish(o->progress);
out:
	if (fp && fclose(fp) != 0 && rc == 0)
		rc = js_error_set(err, EX_IOERR, "%s: cannot close: %s", path, strerror(errno));
	free(done);
	free(todo);
	return rc;
}
