/*
 * merge.c - the plan of a set of shard folders, from their journal headers.
 *
 * The shards must come from one sweep: the same journeysim version, config
 * (sha256 of the file and of the resolved scenarios), design, seed, points and
 * metrics, the same shard count N, and each shard 1..N exactly once. Whether
 * every point is there is checked when the outputs are written
 * (sweep_outputs_write), which also refuses a point found in two journals.
 *
 * The merged folder gets the journal of the whole sweep too (the shards'
 * records, re-formatted from their values: the same bytes), so that it is a
 * sweep folder like one run's and never keeps another sweep's journal beside
 * the merged tables.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "sweep_internal.h"

static int read_plan(const char *dir, struct sweep_plan *p, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	memset(p, 0, sizeof *p);
	if (path_join(path, sizeof path, dir, JOURNAL_NAME, err) != 0)
		return -1;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return js_error_set(err, EX_NOINPUT, "%s: cannot open: %s (is %s a sweep folder?)", path,
				    strerror(errno), dir);
	off_t start;
	int torn;
	int rc = journal_header_read(fp, path, p, &start, &torn, err);
	fclose(fp);
	return rc;
}

int sweep_merge_plan(const char *const *dirs, size_t n_dirs, struct sweep_plan *plan, struct js_error *err)
{
	memset(plan, 0, sizeof *plan);
	if (n_dirs == 0)
		return js_error_set(err, EX_USAGE, "merge: expected at least one shard folder");
	if (read_plan(dirs[0], plan, err) != 0)
		return -1;
	unsigned n = plan->shard_n;
	const char **owner = calloc(n, sizeof *owner);
	if (!owner) {
		sweep_plan_fini(plan);
		return js_error_set(err, EX_OSERR, "out of memory");
	}
	owner[plan->shard_k - 1] = dirs[0];
	int rc = 0;
	for (size_t d = 1; d < n_dirs && rc == 0; d++) {
		struct sweep_plan j;
		char path[OUT_PATH_MAX];
		snprintf(path, sizeof path, "%s/" JOURNAL_NAME, dirs[d]);
		if (read_plan(dirs[d], &j, err) != 0) {
			rc = -1;
		} else if (j.shard_n != n) {
			rc = js_error_set(err, EX_DATAERR, "%s: is shard %u/%u, but %s is shard %u/%u: not the same split",
					  path, j.shard_k, j.shard_n, dirs[0], plan->shard_k, plan->shard_n);
		} else if (owner[j.shard_k - 1]) {
			rc = js_error_set(err, EX_DATAERR, "shard %u/%u is given twice: %s and %s", j.shard_k, n,
					  owner[j.shard_k - 1], dirs[d]);
		} else {
			owner[j.shard_k - 1] = dirs[d];
			unsigned k = j.shard_k;
			j.shard_k = plan->shard_k;
			rc = journal_check_same(&j, plan, path, err);
			j.shard_k = k;
		}
		sweep_plan_fini(&j);
	}
	for (unsigned k = 0; k < n && rc == 0; k++)
		if (!owner[k])
			rc = js_error_set(err, EX_DATAERR, "shard %u/%u is missing: merge needs the folders of all %u shards",
					  k + 1, n, n);
	free(owner);
	if (rc != 0) {
		sweep_plan_fini(plan);
		return -1;
	}
	plan->shard_k = plan->shard_n = 1;
	return 0;
}

/* ---- the merged journal ---- */

struct copy_ctx {
	const struct sweep_plan *plan;
	FILE *in, *out;          /* a shard journal (read a second time), OUT/journal */
	const char *in_path, *out_path;
	unsigned char *done;     /* [point]: OUT/journal holds it */
	double *values;
	char *line, *rec;
	size_t line_cap, rec_cap;
};

/* Re-formats a shard's record from its values: the same bytes, checked again. */
static int copy_record(void *ctx, size_t point, off_t offset, struct js_error *err)
{
	struct copy_ctx *c = ctx;
	if (c->done[point])
		return 0;
	if (journal_read_at(c->in, c->in_path, c->plan, offset, point, c->values, &c->line, &c->line_cap, err) != 0)
		return -1;
	size_t len = journal_record_format(&c->rec, &c->rec_cap, c->plan, point, c->values);
	if (len == 0)
		return js_error_set(err, EX_OSERR, "out of memory for the record of point %zu", point);
	if (fwrite(c->rec, 1, len, c->out) != len)
		return js_error_set(err, EX_IOERR, "%s: cannot write: %s", c->out_path, strerror(errno));
	c->done[point] = 1;
	return 0;
}

static int copy_shard(struct copy_ctx *c, const char *dir, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	if (path_join(path, sizeof path, dir, JOURNAL_NAME, err) != 0)
		return -1;
	FILE *scan = fopen(path, "rb");
	c->in = fopen(path, "rb");
	int rc = -1;
	if (!scan || !c->in) {
		js_error_set(err, EX_NOINPUT, "%s: cannot open: %s", path, strerror(errno));
		goto out;
	}
	struct sweep_plan j;
	off_t start, good_end;
	int torn;
	rc = journal_header_read(scan, path, &j, &start, &torn, err);
	sweep_plan_fini(&j); /* checked by sweep_merge_plan; the records are parsed with the whole plan */
	c->in_path = path;
	if (rc == 0)
		rc = journal_scan(scan, path, c->plan, start, copy_record, c, &good_end, &torn, err);
out:
	if (scan)
		fclose(scan);
	if (c->in)
		fclose(c->in);
	c->in = NULL;
	return rc;
}

int sweep_merge_journal(const struct sweep_plan *plan, const char *const *dirs, size_t n_dirs, const char *out,
			struct js_error *err)
{
	struct copy_ctx c;
	char path[OUT_PATH_MAX];
	memset(&c, 0, sizeof c);
	c.plan = plan;
	c.out_path = path;
	c.done = calloc(plan->n_points, 1);
	c.values = malloc((plan_values_per_point(plan) + 1) * sizeof *c.values);
	int rc = -1;
	if (!c.done || !c.values) {
		js_error_set(err, EX_OSERR, "out of memory for %zu points", plan->n_points);
		goto out;
	}
	/* checks an existing OUT/journal against the plan: another sweep's is refused */
	if (journal_open(out, plan, 1, c.done, &c.out, path, sizeof path, err) != 0)
		goto out;
	rc = 0;
	for (size_t d = 0; d < n_dirs && rc == 0; d++)
		rc = copy_shard(&c, dirs[d], err);
	/* one fsync for all: a merge that stops half-way is simply run again */
	if (rc == 0 && (fflush(c.out) != 0 || fsync(fileno(c.out)) != 0))
		rc = js_error_set(err, EX_IOERR, "%s: cannot write: %s", path, strerror(errno));
out:
	if (c.out && fclose(c.out) != 0 && rc == 0)
		rc = js_error_set(err, EX_IOERR, "%s: cannot close: %s", path, strerror(errno));
	free(c.done);
	free(c.values);
	free(c.line);
	free(c.rec);
	return rc;
}
