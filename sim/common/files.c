/*
 * files.c - paths, mkdir -p, removing a tree, and atomic files.
 *
 * A file is written to a hidden temporary name next to its final name,
 * fsync'd, and renamed over it (rename is atomic within a folder), so a
 * reader sees the old file or the new one, never half of one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

/* ---- paths and folders ---- */

int path_join(char *buf, size_t len, const char *dir, const char *name, struct js_error *err)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= len)
		return js_error_set(err, EX_CANTCREAT, "%s/%s: path too long", dir, name);
	return 0;
}

void out_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int out_make_dirs(const char *dir, char *top, size_t top_len, struct js_error *err)
{
	char path[OUT_PATH_MAX];
	if (top && top_len)
		top[0] = 0;
	if (!*dir)
		return js_error_set(err, EX_CANTCREAT, "empty folder name");
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", dir);
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
			if (top && top_len && !top[0])
				snprintf(top, top_len, "%s", path);
		} else if (errno != EEXIST || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			/* EEXIST alone: a parallel run made the folder meanwhile */
			int e = errno == EEXIST ? ENOTDIR : errno;
			return js_error_set(err, EX_CANTCREAT, "cannot create %s: %s", path, strerror(e));
		}
		if (saved == 0)
			break;
		*p = saved;
	}
	return 0;
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
		if (path_join(sub, sizeof sub, path, e->d_name, NULL) != 0 || out_remove_tree(sub) != 0)
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
	int e = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		e = errno ? errno : EIO;
	else if (fsync(fileno(o->fp)) != 0 && errno != EINVAL) /* EINVAL: a file that cannot be synced */
		e = errno;
	if (fclose(o->fp) != 0 && !e)
		e = errno ? errno : EIO;
	o->fp = NULL;
	if (e) {
		out_file_abort(o);
		return js_error_set(err, EX_IOERR, "cannot write %s: %s", o->path, strerror(e));
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
