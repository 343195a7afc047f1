/*
 * files.h - paths, folders, atomic files and the staging folder: the one
 * place where the simulator and the charts write files (sim/common/).
 *
 *   path_join      "dir/name", refused when too long
 *   out_make_dirs  mkdir -p, remembering the outermost folder it made
 *   out_file       one file written atomically: a hidden temporary file in the
 *                  same folder, fsync, then rename over the final name. Readers
 *                  see the old file or the new one, never half of one.
 *   out_stage      a command's files go into a staging folder DIR/.staging-<pid>;
 *                  out_stage_commit moves them into DIR only once everything
 *                  succeeded, out_stage_abort removes the staging folder and
 *                  leaves an existing DIR exactly as it was.
 *
 * Every function returns 0, or -1 with err filled (EX_CANTCREAT when a file
 * or folder cannot be made, EX_IOERR when writing fails). Depends on nothing
 * but error.h.
 */
#ifndef JOURNEYSIM_FILES_H
#define JOURNEYSIM_FILES_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define OUT_PATH_MAX 4096

/* ---- paths and folders (files.c) ---- */

/* "dir/name" into buf, or -1 with err (may be NULL) when too long. */
int path_join(char *buf, size_t len, const char *dir, const char *name, struct js_error *err);
/* mkdir -p: creates dir and its missing parents. top (may be NULL) receives
 * the outermost folder it created, "" if none. A part of the path that
 * exists and is not a folder is an error. */
int out_make_dirs(const char *dir, char *top, size_t top_len, struct js_error *err);
/* Removes a file or a folder with everything in it. 0 or -1 (errno). */
int out_remove_tree(const char *path);
/* fsyncs a folder so that renames in it survive a crash; errors are ignored
 * (some file systems refuse fsync on folders). */
void out_sync_dir(const char *dir);

/* ---- one atomic file (files.c) ---- */

struct out_file {
	FILE *fp;                /* write here between open and commit */
	char path[OUT_PATH_MAX]; /* final name */
	char tmp[OUT_PATH_MAX];  /* hidden temporary name in the same folder */
};

int out_file_open(struct out_file *o, const char *path, struct js_error *err);
/* Flushes, fsyncs, closes and renames into place. On failure the temporary
 * file is removed and the final name is untouched. */
int out_file_commit(struct out_file *o, struct js_error *err);
/* Closes and removes the temporary file; safe after a failed open or commit. */
void out_file_abort(struct out_file *o);

/* ---- the staging folder of a command (stage.c) ---- */

struct out_stage {
	char dir[OUT_PATH_MAX];         /* the output folder */
	char staging[OUT_PATH_MAX];     /* dir/.staging-<pid> */
	char top_created[OUT_PATH_MAX]; /* outermost folder that begin created, "" if none */
	int active;
	int merge_folders; /* set before commit: a staged folder's files join the existing
			      folder (`plot --only`) instead of replacing it whole */
	int (*rename_fn)(const char *from, const char *to); /* NULL: rename(2); tests set a
							       failing one to exercise the undo */
};

/* Creates dir (and missing parents) and an empty staging folder inside it.
 * Staging folders left by processes that no longer exist are removed. */
int out_stage_begin(struct out_stage *st, const char *dir, struct js_error *err);
/* The folder to write into until commit. */
const char *out_stage_path(const struct out_stage *st);
/* Moves every entry of the staging folder into dir: files by rename (each
 * replaces its old version atomically), folders (charts/) by swapping the
 * whole folder, or file by file with merge_folders. Everything the moves need
 * is checked first (kinds match, folders can be written and moved, the old
 * versions can be kept aside): if anything is wrong, nothing is moved. If a
 * move still fails, the moves before it are undone, so dir is as it was.
 * Then the staging folder is removed. */
int out_stage_commit(struct out_stage *st, struct js_error *err);
/* Removes the staging folder, and dir itself if begin created it. */
void out_stage_abort(struct out_stage *st);

#endif
