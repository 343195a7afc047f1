/*
 * outdir.c - atomic files and the staging folder of a run.
 *
 * A file is written to a hidden temporary name next to its final name,
 * fsync'd, and renamed over it (rename is atomic within a folder). A run
 * writes all its files into DIR/.staging-<pid> and moves them into DIR only
 * when everything succeeded; on failure the staging folder goes and DIR stays
 * exactly as it was.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "output.h"

#define STAGING_PREFIX ".staging-"
#define OLD_PREFIX ".old-"
#define NAME_MAX_OLD 300

/* ---- helpers ---- */

static int path_join(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* fsync a folder so that renames in it survive a crash. Errors are ignored:
 * some file systems refuse fsync on folders. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int out_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int rc = 0;
	struct dirent *e;
	char sub[OUT_PATH_MAX];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (path_join(sub, sizeof sub, path, e->d_name) != 0 || out_remove_tree(sub) != 0)
			rc = -1;
	}
	closedir(d);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

/* ---- one atomic file ---- */

int out_file_open(struct out_file *o, const char *path, struct js_error *err)
{
	o->fp = NULL;
	o->tmp[0] = 0;
	if (snprintf(o->path, sizeof o->path, "%s", path) >= (int)sizeof o->path)
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", path);

	/* Hidden temporary name in the same folder: dir/.base.tmp-<pid>-<n>. */
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	const char *base = slash ? slash + 1 : path;
	int fd = -1;
	for (unsigned n = 0; n < 1000 && fd < 0; n++) {
		int k = snprintf(o->tmp, sizeof o->tmp, "%.*s.%s.tmp-%ld-%u", dir_len, path, base,
				 (long)getpid(), n);
		if (k < 0 || (size_t)k >= sizeof o->tmp) {
			o->tmp[0] = 0;
			return js_error_set(err, EX_CANTCREAT, "%s: path too long", path);
		}
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST) {
			int e = errno;
			o->tmp[0] = 0;
			return js_error_set(err, EX_CANTCREAT, "cannot create %s: %s", path, strerror(e));
		}
	}
	if (fd < 0) {
		o->tmp[0] = 0;
		return js_error_set(err, EX_CANTCREAT, "cannot create %s: no free temporary name", path);
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		int e = errno;
		close(fd);
		out_file_abort(o);
		return js_error_set(err, EX_CANTCREAT, "cannot create %s: %s", path, strerror(e));
	}
	return 0;
}

int out_file_commit(struct out_file *o, struct js_error *err)
{
	if (!o->fp)
		return js_error_set(err, EX_SOFTWARE, "%s: file is not open", o->path);
	int failed = fflush(o->fp) != 0 || ferror(o->fp);
	int e = errno;
	if (!failed && fsync(fileno(o->fp)) != 0) {
		failed = 1;
		e = errno;
	}
	if (fclose(o->fp) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	o->fp = NULL;
	if (failed) {
		out_file_abort(o);
		return js_error_set(err, EX_IOERR, "cannot write %s: %s", o->path, strerror(e ? e : EIO));
	}
	if (rename(o->tmp, o->path) != 0) {
		e = errno;
		out_file_abort(o);
		return js_error_set(err, EX_IOERR, "cannot rename %s into place: %s", o->path, strerror(e));
	}
	o->tmp[0] = 0;
	return 0;
}

void out_file_abort(struct out_file *o)
{
	if (o->fp) {
		fclose(o->fp);
		o->fp = NULL;
	}
	if (o->tmp[0]) {
		unlink(o->tmp);
		o->tmp[0] = 0;
	}
}

/* ---- the staging folder ---- */

/* mkdir -p; records the outermost folder it created in top (if any). */
static int make_dirs(const char *dir, char *top, size_t top_len, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", dir);
	top[0] = 0;
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		path[--len] = 0;
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != 0)
			continue;
		char saved = *p;
		*p = 0;
		struct stat st;
		if (stat(path, &st) == 0) {
			if (!S_ISDIR(st.st_mode))
				return js_error_set(err, EX_CANTCREAT, "cannot create %s: %s is not a folder",
						    dir, path);
		} else if (mkdir(path, 0777) == 0) {
			if (!top[0])
				snprintf(top, top_len, "%s", path);
		} else {
			int e = errno;
			return js_error_set(err, EX_CANTCREAT, "cannot create %s: %s", path, strerror(e));
		}
		if (saved == 0)
			break;
		*p = saved;
	}
	return 0;
}

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
		if (path_join(path, sizeof path, dir, e->d_name) == 0)
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
	if (make_dirs(dir, st->top_created, sizeof st->top_created, err) != 0)
		return -1;
	remove_stale_staging(dir);
	char name[64];
	snprintf(name, sizeof name, STAGING_PREFIX "%ld", (long)getpid());
	if (path_join(st->staging, sizeof st->staging, dir, name) != 0) {
		out_stage_abort(st);
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", dir);
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

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of the staging folder, sorted; NULL-terminated heap array. */
static char **staged_entries(const char *staging, size_t *count)
{
	DIR *d = opendir(staging);
	if (!d)
		return NULL;
	size_t n = 0, cap = 16;
	char **names = malloc((cap + 1) * sizeof *names);
	struct dirent *e;
	while (names && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			char **nn = realloc(names, (2 * cap + 1) * sizeof *names);
			if (!nn)
				goto fail;
			names = nn;
			cap *= 2;
		}
		if (!(names[n] = strdup(e->d_name)))
			goto fail;
		n++;
	}
	closedir(d);
	if (!names)
		return NULL;
	names[n] = NULL;
	qsort(names, n, sizeof *names, cmp_names);
	*count = n;
	return names;
fail:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return NULL;
}

static void free_entries(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}

/* Moves the files of folder from into the existing folder to, checking
 * first that none would replace a folder. */
static int merge_folder(const char *from, const char *to, struct js_error *err)
{
	size_t n = 0;
	char **names = staged_entries(from, &n);
	if (!names)
		return js_error_set(err, EX_IOERR, "cannot read %s: %s", from, strerror(errno));
	char a[OUT_PATH_MAX], b[OUT_PATH_MAX];
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (size_t i = 0; i < n && rc == 0; i++) {
			struct stat sa, sb;
			if (path_join(a, sizeof a, from, names[i]) != 0 ||
			    path_join(b, sizeof b, to, names[i]) != 0 || lstat(a, &sa) != 0) {
				rc = js_error_set(err, EX_CANTCREAT, "%s/%s: path too long or unreadable", to,
						  names[i]);
			} else if (pass == 0) {
				if (S_ISDIR(sa.st_mode) || (lstat(b, &sb) == 0 && S_ISDIR(sb.st_mode)))
					rc = js_error_set(err, EX_CANTCREAT, "cannot replace %s: it is a folder", b);
			} else if (rename(a, b) != 0) {
				rc = js_error_set(err, EX_CANTCREAT, "cannot write %s: %s", b, strerror(errno));
			}
		}
	free_entries(names);
	if (rc == 0)
		sync_dir(to);
	return rc;
}

int out_stage_commit(struct out_stage *st, struct js_error *err)
{
	if (!st->active)
		return js_error_set(err, EX_SOFTWARE, "%s: no staging folder to commit", st->dir);
	size_t n = 0;
	char **names = staged_entries(st->staging, &n);
	if (!names) {
		int e = errno;
		out_stage_abort(st);
		return js_error_set(err, EX_IOERR, "cannot read %s: %s", st->staging, strerror(e));
	}
	char from[OUT_PATH_MAX], to[OUT_PATH_MAX], old[OUT_PATH_MAX];
	int rc = 0;
	size_t moved = 0;

	/* First check that every entry can replace what is there, so that a
	 * refusal leaves dir untouched. */
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat sf, stt;
		if (path_join(from, sizeof from, st->staging, names[i]) != 0 ||
		    path_join(to, sizeof to, st->dir, names[i]) != 0 || lstat(from, &sf) != 0) {
			rc = js_error_set(err, EX_CANTCREAT, "%s/%s: path too long or unreadable", st->dir,
					  names[i]);
			break;
		}
		if (lstat(to, &stt) != 0)
			continue;
		if (S_ISDIR(sf.st_mode) != S_ISDIR(stt.st_mode))
			rc = js_error_set(err, EX_CANTCREAT, "cannot replace %s: it is %s", to,
					  S_ISDIR(stt.st_mode) ? "a folder" : "not a folder");
	}

	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat sf, stt;
		if (path_join(from, sizeof from, st->staging, names[i]) != 0 ||
		    path_join(to, sizeof to, st->dir, names[i]) != 0 || lstat(from, &sf) != 0) {
			rc = js_error_set(err, EX_IOERR, "cannot read %s: %s", from, strerror(errno));
			break;
		}
		if (S_ISDIR(sf.st_mode) && st->merge_folders && lstat(to, &stt) == 0) {
			if (merge_folder(from, to, err) != 0) {
				rc = -1;
				break;
			}
			moved++;
			continue;
		}
		if (S_ISDIR(sf.st_mode) && lstat(to, &stt) == 0) {
			/* A folder: swap the old one out into the staging folder
			 * (removed with it), the new one in. */
			char oldname[NAME_MAX_OLD];
			snprintf(oldname, sizeof oldname, OLD_PREFIX "%s", names[i]);
			if (path_join(old, sizeof old, st->staging, oldname) != 0 || rename(to, old) != 0) {
				rc = js_error_set(err, EX_CANTCREAT, "cannot replace %s: %s", to,
						  strerror(errno));
				break;
			}
			if (rename(from, to) != 0) {
				int e = errno;
				(void)rename(old, to);
				rc = js_error_set(err, EX_CANTCREAT, "cannot replace %s: %s", to, strerror(e));
				break;
			}
			moved++;
			continue;
		}
		if (rename(from, to) != 0)
			rc = js_error_set(err, EX_CANTCREAT, "cannot write %s: %s", to, strerror(errno));
		else
			moved++;
	}
	free_entries(names);
	if (rc == 0)
		sync_dir(st->dir);
	/* Whatever happened, the staging folder goes; dir itself stays when
	 * something was committed. */
	(void)out_remove_tree(st->staging);
	st->staging[0] = 0;
	if (rc != 0 && moved == 0)
		remove_created(st->dir, st->top_created);
	st->active = 0;
	return rc;
}
