/*
 * member_import: member lists from spreadsheets (CSV: phone,name[,password[,role,division]]).
 * Each row becomes an account, checked like one an admin creates, or is rejected with its
 * reason. A row without a password makes an account that waits for its member: the member
 * asks for a code at "forgot password" and activates it by setting a password (so no
 * administrator ever holds members' passwords). Where the file has passwords, they are
 * hashed batch by batch on every core (util/workpool.h), never on a request's thread:
 *
 *   - the command line (`wenyun user import`) runs the import itself and prints progress;
 *   - over HTTP the file is queued as a job of kind account_import (account_import_submit;
 *     core/jobs.h: the same queue, worker, heartbeat and housekeeping as every queued job),
 *     registered resumable (member_import_register); the job's status, progress and each
 *     row's verdict are read with account_import_get. The verdicts and the tally are written
 *     in the transaction of their batch, so a job whose server stops or goes away resumes
 *     where it was.
 *
 * Each row is saved on its own (a savepoint), so a bad row never undoes a good one; a phone
 * already on an accepted earlier row of the file is rejected; a dry run writes no account.
 */
#ifndef WY_MEMBER_IMPORT_H
#define WY_MEMBER_IMPORT_H

#include "core/domain.h"

/* Called after every batch with the rows handled so far and the rows of the file. */
typedef void (*import_progress_fn)(int rows_done, int rows_total, void *user);

typedef struct account_import_result {
    int accepted, rejected;
    import_line *lines; /* every row, in order (in ctx->a) */
    size_t nlines;
} account_import_result;

/* Import now, on the caller's thread (and a pool of hashing threads), as ctx->who (NULL: the
 * command line). -1 with bad_csv when the file cannot be read as CSV. */
int account_import_csv(wy_ctx *ctx, const char *data, size_t len, int dry_run,
                       import_progress_fn progress, void *progress_user,
                       account_import_result *res);

/* Queue an import as ctx->who (who needs accounts_manage); the file is checked to be CSV
 * first (bad_csv). The job's id in *id. */
int account_import_submit(wy_ctx *ctx, const char *data, size_t len, int dry_run, int64_t *id);
/* A job of ctx->who (another's is not found) and its rows' verdicts after line after (at
 * most limit). */
int account_import_get(wy_ctx *ctx, int64_t id, int64_t after, int limit, account_import_job *job,
                       import_line **lines, size_t *n);

/* Let this process's jobs worker run queued imports (app_domain_init). */
int member_import_register(void);

#endif
