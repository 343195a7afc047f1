/*
 * stage.c - the staging folder of a command, and its commit.
 *
 * A command writes all its files into DIR/.staging-<pid> and moves them into
 * DIR only when everything succeeded; on failure the staging folder goes and
 * DIR stays exactly as it was.
 *
 * The commit is a list of moves, planned before anything changes: every
 * staged entry (or, for a merged folder, every file in it) with its place in
 * DIR and a place in the staging folder where the old version waits. The plan
 * checks what each move needs; then the old files are kept aside by hard
 * links (DIR unchanged), then the moves run in order. A move that still fails
 * undoes the ones before it, newest first.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

#define STAGING_PREFIX ".staging-"
#define OLD_PREFIX ".old-"

/* ---- begin and abort ---- */

/* Staging folders of processes that no longer run (killed runs) are removed;
 * those of live processes (parallel runs into the same folder) are kept. */
static void remove_stale_staging(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	size_t plen = strlen(STAGING_PREFIX);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, STAGING_PREFIX, plen) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + plen, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[OUT_PATH_MAX];
		if (path_join(path, sizeof path, dir, e->d_name, NULL) == 0)
			(void)out_remove_tree(path);
	}
	closedir(d);
}

int out_stage_begin(struct out_stage *st, const char *dir, struct js_error *err)
{
	memset(st, 0, sizeof *st);
	if (!dir || !*dir)
		return js_error_set(err, EX_USAGE, "empty output folder name");
	if (snprintf(st->dir, sizeof st->dir, "%s", dir) >= (int)sizeof st->dir)
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", dir);
	if (out_make_dirs(dir, st->top_created, sizeof st->top_created, err) != 0)
		return -1;
	remove_stale_staging(dir);
	char name[64];
	snprintf(name, sizeof name, STAGING_PREFIX "%ld", (long)getpid());
	if (path_join(st->staging, sizeof st->staging, dir, name, err) != 0) {
		st->staging[0] = 0;
		out_stage_abort(st);
		return -1;
	}
	(void)out_remove_tree(st->staging); /* left by an earlier run in this process */
	if (mkdir(st->staging, 0777) != 0) {
		int e = errno;
		st->staging[0] = 0;
		out_stage_abort(st);
		return js_error_set(err, EX_CANTCREAT, "cannot create a folder in %s: %s", dir, strerror(e));
	}
	st->active = 1;
	return 0;
}

const char *out_stage_path(const struct out_stage *st)
{
	return st->staging;
}

/* Removes dir and its parents up to top (all empty, made by begin). */
static void remove_created(const char *dir, const char *top)
{
	if (!top[0])
		return;
	char path[OUT_PATH_MAX];
	snprintf(path, sizeof path, "%s", dir);
	size_t top_len = strlen(top);
	for (;;) {
		size_t len = strlen(path);
		while (len > 1 && path[len - 1] == '/')
			path[--len] = 0;
		if (len < top_len || rmdir(path) != 0)
			return;
		if (len == top_len)
			return;
		char *slash = strrchr(path, '/');
		if (!slash)
			return;
		*slash = 0;
	}
}

void out_stage_abort(struct out_stage *st)
{
	if (st->staging[0])
		(void)out_remove_tree(st->staging);
	remove_created(st->dir, st->top_created);
	st->staging[0] = 0;
	st->top_created[0] = 0;
	st->active = 0;
}

/* ---- the plan of a commit ---- */

enum move_state { MOVE_PLANNED, MOVE_OLD_LINKED, MOVE_OLD_ASIDE, MOVE_DONE };

struct move {
	char from[OUT_PATH_MAX]; /* the staged entry */
	char to[OUT_PATH_MAX];   /* its place in dir */
	char old[OUT_PATH_MAX];  /* where the old version of to waits; "" when there is none */
	int is_dir;
	enum move_state state;
	int old_linked; /* the old file is kept by a hard link; else it is renamed aside */
};

struct plan {
	struct move *v;
	size_t n, cap;
	const struct out_stage *st;
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* The entries of a folder, sorted (so that commits run in a fixed order). */
static int list_entries(const char *folder, char ***out, size_t *count, struct js_error *err)
{
	DIR *d = opendir(folder);
	if (!d)
		return js_error_set(err, EX_IOERR, "cannot read %s: %s", folder, strerror(errno));
	size_t n = 0, cap = 0;
	char **names = NULL;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **nn = realloc(names, cap * sizeof *names);
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc != 0) {
		free_names(names, n);
		return js_error_set(err, EX_OSERR, "%s: out of memory", folder);
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	*out = names;
	*count = n;
	return 0;
}

/* Can the existing entry to be replaced (a file) or moved away (a folder)?
 * Moving a folder to another parent rewrites its "..", so it must be
 * writable; an immutable or append-only file gives EPERM even to root. */
static int check_replaceable(const char *to, int is_dir, struct js_error *err)
{
	if (access(to, W_OK) == 0)
		return 0;
	if (is_dir || errno == EPERM)
		return js_error_set(err, EX_CANTCREAT, "cannot replace %s: %s", to, strerror(errno));
	return 0; /* a read-only file: rename replaces it all the same */
}

static int plan_add(struct plan *pl, const char *from, const char *to, int is_dir, int exists, struct js_error *err)
{
	if (pl->n == pl->cap) {
		size_t cap = pl->cap ? pl->cap * 2 : 16;
		struct move *nv = realloc(pl->v, cap * sizeof *nv);
		if (!nv)
			return js_error_set(err, EX_OSERR, "%s: out of memory", pl->st->dir);
		pl->v = nv;
		pl->cap = cap;
	}
	struct move *m = &pl->v[pl->n];
	memset(m, 0, sizeof *m);
	m->is_dir = is_dir;
	char old_name[64];
	snprintf(old_name, sizeof old_name, OLD_PREFIX "%zu", pl->n);
	if (snprintf(m->from, sizeof m->from, "%s", from) >= (int)sizeof m->from ||
	    snprintf(m->to, sizeof m->to, "%s", to) >= (int)sizeof m->to ||
	    (exists && path_join(m->old, sizeof m->old, pl->st->staging, old_name, NULL) != 0))
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", to);
	struct stat sb;
	if (exists && lstat(m->old, &sb) == 0)
		return js_error_set(err, EX_CANTCREAT, "cannot commit %s: %s is in the way", to, m->old);
	pl->n++;
	return 0;
}

/* The moves of a staged folder whose files join the existing folder to. */
static int plan_merge_folder(struct plan *pl, const char *from, const char *to, struct js_error *err)
{
	char **names = NULL;
	size_t n = 0;
	if (list_entries(from, &names, &n, err) != 0)
		return -1;
	int rc = check_replaceable(to, 1, err);
	char a[OUT_PATH_MAX], b[OUT_PATH_MAX];
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat sa, sb;
		if (path_join(a, sizeof a, from, names[i], err) != 0 || path_join(b, sizeof b, to, names[i], err) != 0) {
			rc = -1;
		} else if (lstat(a, &sa) != 0) {
			rc = js_error_set(err, EX_IOERR, "cannot read %s: %s", a, strerror(errno));
		} else {
			int exists = lstat(b, &sb) == 0;
			if (S_ISDIR(sa.st_mode) || (exists && S_ISDIR(sb.st_mode)))
				rc = js_error_set(err, EX_CANTCREAT, "cannot replace %s: it is a folder", b);
			else if (exists)
				rc = check_replaceable(b, 0, err);
			if (rc == 0)
				rc = plan_add(pl, a, b, 0, exists, err);
		}
	}
	free_names(names, n);
	return rc;
}

/* Plans every move of the commit; changes nothing. */
static int plan_build(struct plan *pl, struct js_error *err)
{
	const struct out_stage *st = pl->st;
	char **names = NULL;
	size_t n = 0;
	if (list_entries(st->staging, &names, &n, err) != 0)
		return -1;
	int rc = 0;
	if (access(st->dir, W_OK | X_OK) != 0)
		rc = js_error_set(err, EX_CANTCREAT, "cannot write into %s: %s", st->dir, strerror(errno));
	char from[OUT_PATH_MAX], to[OUT_PATH_MAX];
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat sf, stt;
		if (path_join(from, sizeof from, st->staging, names[i], err) != 0 ||
		    path_join(to, sizeof to, st->dir, names[i], err) != 0) {
			rc = -1;
			break;
		}
		if (lstat(from, &sf) != 0) {
			rc = js_error_set(err, EX_IOERR, "cannot read %s: %s", from, strerror(errno));
			break;
		}
		int is_dir = S_ISDIR(sf.st_mode), exists = lstat(to, &stt) == 0;
		if (!exists)
			rc = plan_add(pl, from, to, is_dir, 0, err);
		else if (is_dir != S_ISDIR(stt.st_mode))
			rc = js_error_set(err, EX_CANTCREAT, "cannot replace %s: it is %s", to,
					  S_ISDIR(stt.st_mode) ? "a folder" : "not a folder");
		else if (is_dir && st->merge_folders)
			rc = plan_merge_folder(pl, from, to, err);
		else if ((rc = check_replaceable(to, is_dir, err)) == 0)
			rc = plan_add(pl, from, to, is_dir, 1, err);
	}
	free_names(names, n);
	return rc;
}

/* ---- carrying it out ---- */

static int do_rename(const struct out_stage *st, const char *from, const char *to)
{
	return st->rename_fn ? st->rename_fn(from, to) : rename(from, to);
}

/* Keeps the old version of every file by a hard link, so that each file is
 * still replaced by one atomic rename; where links are refused (some file
 * systems), the old file is renamed aside just before its move instead. */
static void plan_link_old(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		struct move *m = &pl->v[i];
		if (m->old[0] && !m->is_dir && link(m->to, m->old) == 0) {
			m->old_linked = 1;
			m->state = MOVE_OLD_LINKED;
		}
	}
}

static int move_run(const struct out_stage *st, struct move *m, struct js_error *err)
{
	if (m->old[0] && !m->old_linked) {
		if (do_rename(st, m->to, m->old) != 0)
			return js_error_set(err, EX_CANTCREAT, "cannot replace %s: %s", m->to, strerror(errno));
		m->state = MOVE_OLD_ASIDE;
	}
	if (do_rename(st, m->from, m->to) != 0)
		return js_error_set(err, EX_CANTCREAT, "cannot write %s: %s", m->to, strerror(errno));
	m->state = MOVE_DONE;
	return 0;
}

/* Puts back what move m changed; 0, or -1 when it cannot. */
static int move_undo(const struct out_stage *st, struct move *m)
{
	if (m->state == MOVE_DONE) {
		if (m->old_linked) /* one rename restores the old file over the new one */
			return do_rename(st, m->old, m->to);
		if (do_rename(st, m->to, m->from) != 0)
			return -1;
		m->state = m->old[0] ? MOVE_OLD_ASIDE : MOVE_PLANNED;
	}
	if (m->state == MOVE_OLD_ASIDE)
		return do_rename(st, m->old, m->to);
	return 0;
}

/* Undoes moves [0, n) newest first; appends to err what it could not. */
static int plan_undo(struct plan *pl, size_t n, struct js_error *err)
{
	int rc = 0;
	for (size_t i = n; i-- > 0;) {
		struct move *m = &pl->v[i];
		if (move_undo(pl->st, m) == 0)
			continue;
		size_t l = strlen(err->msg);
		snprintf(err->msg + l, sizeof err->msg - l, "\ncannot restore %s (its old version is %s): %s", m->to,
			 m->old[0] ? m->old : "gone", strerror(errno));
		rc = -1;
	}
	return rc;
}

int out_stage_commit(struct out_stage *st, struct js_error *err)
{
	if (!st->active)
		return js_error_set(err, EX_SOFTWARE, "%s: no staging folder to commit", st->dir);
	struct js_error local;
	if (!err)
		err = &local;
	struct plan pl = {NULL, 0, 0, st};
	int rc = plan_build(&pl, err), keep_staging = 0;
	size_t done = 0;
	if (rc == 0) {
		plan_link_old(&pl);
		for (; done < pl.n && rc == 0; done++)
			rc = move_run(st, &pl.v[done], err);
		if (rc != 0)
			keep_staging = plan_undo(&pl, done, err) != 0;
	}
	if (rc == 0) {
		out_sync_dir(st->dir);
		for (size_t i = 0; i < pl.n; i++) { /* the files of merged folders */
			char *slash = strrchr(pl.v[i].to, '/');
			if (slash && (size_t)(slash - pl.v[i].to) > strlen(st->dir)) {
				*slash = 0;
				out_sync_dir(pl.v[i].to);
			}
		}
	}
	free(pl.v);
	/* The staging folder goes (with the old versions), unless an undo failed
	 * and it holds an old version that could not be put back. */
	if (!keep_staging)
		(void)out_remove_tree(st->staging);
	st->staging[0] = 0;
	if (rc != 0 && !keep_staging)
		remove_created(st->dir, st->top_created);
	st->active = 0;
	return rc;
}
