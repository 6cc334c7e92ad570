/*
 * store_jobs: the queued jobs of sql/0015_jobs.sql and sql/0017_imports_as_jobs.sql. A worker
 * claims a job with one guarded UPDATE (status still 'queued'), after a read that most polls end
 * with; PostgreSQL skips rows another worker has locked meanwhile. The rules (who may queue what,
 * how many) are the domain's; the bound on active jobs is kept here because the count and the
 * insert must be one step.
 */
#include "core/store.h"
#include "db/store_util.h"

#define JOB_COLS                                                                                   \
    "id, kind, status, params, division, created_by, created_at, started_at, finished_at,"         \
    " heartbeat_at, progress, stage, result, error"

static int64_t col_int0(db_stmt *st, int col)
{
    return db_col_null(st, col) ? 0 : db_col_int(st, col);
}

static void fill_job(arena *a, db_stmt *st, job_row *j)
{
    j->id = db_col_int(st, 0);
    j->kind = col_str(a, st, 1);
    j->status = col_str(a, st, 2);
    j->params = col_str(a, st, 3);
    j->division = col_str(a, st, 4);
    j->created_by = col_int0(st, 5);
    j->created_at = db_col_int(st, 6);
    j->started_at = col_int0(st, 7);
    j->finished_at = col_int0(st, 8);
    j->heartbeat_at = col_int0(st, 9);
    j->progress = db_col_double(st, 10);
    j->stage = col_str(a, st, 11);
    j->result = col_str(a, st, 12);
    j->error = col_str(a, st, 13);
}

int store_job_submit(db *c, const char *kind, const char *params, const char *division,
                     int64_t created_by, int64_t now, int max_active, int resumes, const char *file,
                     int64_t *id)
{
    if (db_get_dialect(c) == DB_POSTGRES) {
        db_stmt *lk = db_query(c, "SELECT pg_advisory_xact_lock(2026120615)", "");
        int r = lk ? db_step(lk) : WY_ERR;
        db_done(lk);
        if (r < 0)
            return r;
    }
    db_stmt *st = db_query(c,
                           "SELECT count(*) FROM jobs WHERE kind = ? AND status IN ('queued',"
                           " 'running')",
                           "t", kind);
    int rc = st ? db_step(st) : WY_ERR;
    int64_t active = rc == 1 ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc != 1)
        return rc < 0 ? rc : WY_ERR;
    if (active >= max_active)
        return WY_CONSTRAINT;
    rc = insert_returning_id(db_query(c,
                                      "INSERT INTO jobs(kind, status, params, division,"
                                      " created_by, created_at, resumes)"
                                      " VALUES (?, 'queued', ?, ?, ?, ?, ?) RETURNING id",
                                      "tttIii", kind, params, division, created_by, now,
                                      (int64_t)(resumes != 0)),
                             id);
    if (rc == WY_OK && file)
        rc = db_run(c, "INSERT INTO job_files(job_id, data) VALUES (?, ?)", "it", *id, file);
    return rc;
}

int store_job_file(db *c, arena *ar, int64_t id, const char **data)
{
    db_stmt *st = db_query(c, "SELECT data FROM job_files WHERE job_id = ?", "i", id);
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1)
        *data = col_str(ar, st, 0);
    db_done(st);
    if (rc == 1)
        return *data ? WY_OK : WY_NOMEM;
    return rc == 0 ? WY_NOTFOUND : rc < 0 ? rc : WY_ERR;
}

int store_job_save(db *c, int64_t id, double progress, const char *state, int64_t now)
{
    return db_run(c,
                  "UPDATE jobs SET progress = ?, result = ?, heartbeat_at = ? WHERE id = ?"
                  " AND status = 'running'",
                  "dtii", progress, state, now, id);
}

int store_job_get(db *c, arena *ar, int64_t id, job_row *out)
{
    db_stmt *st = db_query(c, "SELECT " JOB_COLS " FROM jobs WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_job, out);
}

int store_job_position(db *c, int64_t id, int64_t *ahead)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*) FROM jobs WHERE status = 'queued' AND id < ?"
                           " AND kind = (SELECT kind FROM jobs WHERE id = ?)",
                           "ii", id, id);
    int rc = st ? db_step(st) : WY_ERR;
    *ahead = rc == 1 ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

int store_job_claim(db *c, arena *ar, const char *kind, const char *runner, int64_t now,
                    job_row *out)
{
    /* most polls find nothing: a read says so without taking the write lock */
    db_stmt *any =
        db_query(c, "SELECT 1 FROM jobs WHERE kind = ? AND status = 'queued' LIMIT 1", "t", kind);
    int found = any ? db_step(any) : WY_ERR;
    db_done(any);
    if (found <= 0)
        return found == 0 ? WY_NOTFOUND : found;
    int pg = db_get_dialect(c) == DB_POSTGRES;
    db_stmt *st =
        pg ? db_query(c,
                      "UPDATE jobs SET status = 'running', runner = ?, started_at = ?,"
                      " heartbeat_at = ? WHERE status = 'queued' AND id = (SELECT id FROM jobs"
                      " WHERE kind = ? AND status = 'queued' ORDER BY id LIMIT 1"
                      " FOR UPDATE SKIP LOCKED) RETURNING " JOB_COLS,
                      "tiit", runner, now, now, kind)
           : db_query(c,
                      "UPDATE jobs SET status = 'running', runner = ?, started_at = ?,"
                      " heartbeat_at = ? WHERE status = 'queued' AND id = (SELECT id FROM jobs"
                      " WHERE kind = ? AND status = 'queued' ORDER BY id LIMIT 1)"
                      " RETURNING " JOB_COLS,
                      "tiit", runner, now, now, kind);
    return STORE_ONE(ar, st, fill_job, out);
}

int store_job_progress(db *c, int64_t id, double progress, const char *stage, int64_t now)
{
    return db_run(c,
                  "UPDATE jobs SET progress = ?, stage = ?, heartbeat_at = ? WHERE id = ?"
                  " AND status = 'running'",
                  "dtii", progress, stage, now, id);
}

int store_job_finish(db *c, int64_t id, const char *result, const char *error, int64_t now)
{
    int rc = db_run(c, "DELETE FROM job_files WHERE job_id = ?", "i", id);
    if (rc != WY_OK)
        return rc;
    if (error)
        return db_run(c,
                      "UPDATE jobs SET status = 'failed', error = ?, finished_at = ?,"
                      " heartbeat_at = ? WHERE id = ? AND status = 'running'",
                      "tiii", error, now, now, id);
    return db_run(c,
                  "UPDATE jobs SET status = 'done', result = ?, progress = 1, finished_at = ?,"
                  " heartbeat_at = ? WHERE id = ? AND status = 'running'",
                  "tiii", result, now, now, id);
}

int store_job_requeue(db *c, int64_t id)
{
    return db_run(c,
                  "UPDATE jobs SET status = 'queued', runner = NULL, started_at = NULL,"
                  " heartbeat_at = NULL, progress = CASE WHEN resumes = 1 THEN progress ELSE 0"
                  " END, stage = NULL WHERE id = ? AND status = 'running'",
                  "i", id);
}

int store_job_stale(db *c, int64_t stale_before, int64_t now, int64_t *failed, int64_t *requeued)
{
    *failed = *requeued = 0;
    int rc = db_run(c,
                    "UPDATE jobs SET status = 'queued', runner = NULL, started_at = NULL,"
                    " heartbeat_at = NULL, stage = NULL"
                    " WHERE status = 'running' AND heartbeat_at < ? AND resumes = 1",
                    "i", stale_before);
    if (rc != WY_OK)
        return rc;
    *requeued = db_changes(c);
    rc = db_run(c,
                "UPDATE jobs SET status = 'failed', finished_at = ?,"
                " error = 'interrupted: the server running it stopped'"
                " WHERE status = 'running' AND heartbeat_at < ? AND resumes = 0",
                "ii", now, stale_before);
    if (rc != WY_OK)
        return rc;
    *failed = db_changes(c);
    /* the files of failed jobs are of no more use */
    return db_run(c,
                  "DELETE FROM job_files WHERE job_id IN (SELECT id FROM jobs"
                  " WHERE status IN ('done', 'failed'))",
                  "");
}

int store_job_purge(db *c, int64_t before)
{
    return db_run(c, "DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < ?", "i",
                  before);
}
