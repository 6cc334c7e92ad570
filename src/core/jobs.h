/*
 * jobs: work that runs off the request threads, of two sorts.
 *
 * Periodic jobs (day-before reminders, the no-show sweep, timed-entry slots, ...): a module
 * registers a job once at start-up (app_domain_init); a thread started by `wenyun serve` runs
 * every job each jobs.interval_s, and `wenyun jobs --once` runs each one once. Each run gets a
 * fresh context (a connection from the pool, an arena, the clock, no principal: a trusted
 * caller). Several app servers may run the same job at the same time, so a job must be safe to
 * run twice (the reminders' unique index is).
 *
 * Queued jobs (a siting run of the circle analysis): a request queues one (jobs_submit: a row
 * of the jobs table, sql/0015_jobs.sql) and is answered at once with its id; a worker thread of
 * `wenyun serve` takes queued jobs of the kinds its process registered, one at a time, oldest
 * first, runs each with a trusted context, and records its progress, then its result or why it
 * failed, in the same row, so that any app server can report it. A worker wakes when its own
 * process queues a job and otherwise looks for work every jobs.poll_ms (jobs queued on
 * another server). A running job whose heartbeat (its progress reports) stops for ten minutes
 * belonged to a server that went away: the housekeeping job marks it failed, or, for a kind
 * registered with JOB_RESUMES, puts it back in the queue; it also deletes finished jobs after
 * seven days.
 *
 * A resumable kind (a member import: member_import.h) saves what it has done as it goes
 * (jobs_save, in the transaction of that work); a run taken up again, after its server stopped
 * or went away, finds it in the job's result and goes on from there. A job may come with a
 * file (jobs_submit_file: an uploaded sheet), kept until the job ends.
 */
#ifndef WY_JOBS_H
#define WY_JOBS_H

#include "core/domain.h"

/* A periodic job: 0 when it ran, -1 with the refusal on ctx. */
typedef int (*job_fn)(wy_ctx *ctx);

/* Add a job (a name registered again is replaced); -1 when the table is full. */
int jobs_register(const char *name, job_fn fn);
/* Run every job once now; the number that failed. */
int jobs_run_all(store *st, const wy_config *cfg);
/* The periodic jobs registered, by index (NULL past the last): `wenyun jobs list`. */
const char *jobs_name(int i);
/* Run the periodic job called name once now: 0 when it ran, -1 when it failed (logged), -2
 * when no job has that name. */
int jobs_run_one(store *st, const wy_config *cfg, const char *name);

/* Start the periodic jobs' thread and the queued jobs' worker; stop both (a queued job that is
 * running is finished first). */
int jobs_start(store *st, const wy_config *cfg);
void jobs_stop(void);

/* A queued job's run: 0 with *result (JSON text, in ctx->a), or -1 with the refusal on ctx
 * (its message is kept as the job's error). It calls jobs_progress as it goes. */
typedef int (*job_kind_fn)(wy_ctx *ctx, const job_row *job, char **result);

/* Let this process's worker run jobs of kind; -1 when the table is full. */
int jobs_register_kind(const char *kind, job_kind_fn fn);
/* The same, with flags: JOB_RESUMES, a job of the kind whose server stops or goes away goes back
 * to the queue and resumes from what it saved (jobs_save) instead of failing. */
#define JOB_RESUMES 1
int jobs_register_kind_flags(const char *kind, job_kind_fn fn, int flags);
/* Queue a job (the caller has checked its rules); E_UNAVAILABLE queue_full, with a
 * Retry-After, when max_active jobs of the kind are queued or running already. */
int jobs_submit(wy_ctx *ctx, const char *kind, const char *params, const char *division,
                int max_active, int64_t *id);
/* The same with a file (text; NULL: none) that the run reads with store_job_file; it is deleted
 * when the job ends. */
int jobs_submit_file(wy_ctx *ctx, const char *kind, const char *params, const char *division,
                     int max_active, const char *file, int64_t *id);
/* A job as stored (E_NOTFOUND when there is none); *ahead: the queued jobs of its kind before
 * it, while it is queued (else 0). */
int jobs_get(wy_ctx *ctx, int64_t id, job_row *out, int64_t *ahead);
/* From a job's run: how far it is (0..1) and in which stage. Written to the database at most
 * four times a second, and whenever the stage changes; it is the job's heartbeat too. */
void jobs_progress(wy_ctx *ctx, const job_row *job, double progress, const char *stage);
/* From a resumable job's run, inside the transaction of the work it accounts for: how far it
 * is and what it has done so far (state: JSON, kept as the job's result, read back by a resumed
 * run from job->result). Not throttled; it is the job's heartbeat too. */
int jobs_save(wy_ctx *ctx, const job_row *job, double progress, const char *state);
/* Is the server stopping? A long run checks it as it goes and gives up: a run that fails while
 * the server stops goes back to the queue, for this server's next start or another server. */
int jobs_stopping(void);
/* Take and run the queued jobs that this process can run until none is left; how many ran
 * (tests and `wenyun jobs --once`). */
int jobs_run_queued(store *st, const wy_config *cfg);
/* The periodic housekeeping of queued jobs (registered by app_domain_init). */
int jobs_housekeeping(wy_ctx *ctx);

#endif
