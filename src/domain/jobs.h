/*
 * jobs: the periodic jobs of the server (day-before reminders now; a no-show sweep, timed
 * entry slots later). A module registers a job once at start-up (app_domain_init); a thread
 * started by `wenyun serve` runs every job each jobs.interval_s, and `wenyun jobs --once`
 * runs each one once. Each run gets a fresh context (a connection from the pool, an arena,
 * the clock, no principal: a trusted caller). Several app servers may run the same job at
 * the same time, so a job must be safe to run twice (the reminders' unique index is).
 */
#ifndef WY_JOBS_H
#define WY_JOBS_H

#include "domain/domain.h"

/* A job: 0 when it ran, -1 with the refusal on ctx. */
typedef int (*job_fn)(wy_ctx *ctx);

/* Add a job (a name registered again is replaced); -1 when the table is full. */
int jobs_register(const char *name, job_fn fn);
/* Run every job once now; the number that failed. */
int jobs_run_all(store *st, const wy_config *cfg);

int jobs_start(store *st, const wy_config *cfg);
void jobs_stop(void);

#endif
