/*
 * capacity.h - the warning that `check`, `run` and `sweep` print for a pool
 * loaded at or beyond capacity (internal to sim/cli).
 */
#ifndef JOURNEYSIM_CLI_CAPACITY_H
#define JOURNEYSIM_CLI_CAPACITY_H

#include <stddef.h>

#include "scenario.h"

/* Appends to warn (warn_len bytes, NUL-terminated, never overrun; may be NULL)
 * one line for every staffed pool of every scenario of f whose estimated
 * utilisation (journey_pool_load) is at or above 1, located where the pool's
 * server count was set:
 *   file:line: warning: scenario "x": pool sales has offered load 1.20 with 2 servers (...) */
void cli_capacity_warnings(const struct scenario_file *f, char *warn, size_t warn_len);

#endif
