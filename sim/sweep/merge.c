/*
 * merge.c - the plan of a set of shard folders, from their journal headers.
 *
 * The shards must come from one sweep: the same journeysim version, config
 * (sha256 of the file and of the resolved scenarios), design, seed, points and
 * metrics, the same shard count N, and each shard 1..N exactly once. Whether
 * every point is there is checked when the outputs are written
 * (sweep_outputs_write), which also refuses a point found in two journals.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
