/*
 * load.h - a scenario file loaded for a command, with its warnings on stderr:
 * the loader's, and a pool loaded at or beyond capacity (internal to sim/cli).
 */
#ifndef JOURNEYSIM_CLI_LOAD_H
#define JOURNEYSIM_CLI_LOAD_H

#include <stddef.h>

#include "error.h"
#include "scenario.h"

#define CLI_WARNINGS_MAX 16384 /* bytes of warnings from loading a file */

/* Appends to warn (warn_len bytes, NUL-terminated, never overrun; may be NULL)
 * one line for every staffed pool of every scenario of f whose estimated
 * utilisation (journey_pool_load) is at or above 1, located where the pool's
 * server count was set:
 *   file:line: warning: scenario "x": pool sales has offered load 1.20 with 2 servers (...) */
void cli_capacity_warnings(const struct scenario_file *f, char *warn, size_t warn_len);

/* scenario_file_load, then every warning printed on stderr as "journeysim:
 * line" (check, run). NULL with err when the file does not load. */
struct scenario_file *cli_scenario_load(const char *path, struct js_error *err);

#endif
