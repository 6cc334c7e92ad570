/* store_imports: member imports run as jobs, and the verdict on each of their rows. */
#include "core/store.h"
#include "db/store_util.h"

#define JOB_COLS                                                                                   \
    "id, created_by, dry_run, status, rows_total, rows_done, accepted, rejected, error,"           \
    " created_at, updated_at, finished_at"

int store_import_create(db *c, int64_t created_by, int dry_run, const char *csv_b64, int64_t now,
                        int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO account_imports(created_by, dry_run, status,"
                                        " csv, created_at, updated_at)"
                                        " VALUES (?, ?, 'queued', ?, ?, ?) RETURNING id",
                                        "iitii", created_by, (int64_t)(dry_run != 0), csv_b64, now,
                                        now),
                               id);
}

static void fill_job(arena *a, db_stmt *st, account_import_job *j)
{
    j->id = db_col_int(st, 0);
    j->created_by = db_col_int(st, 1);
    j->dry_run = (int)db_col_int(st, 2);
    j->status = col_str(a, st, 3);
    j->rows_total = db_col_int(st, 4);
    j->rows_done = db_col_int(st, 5);
    j->accepted = db_col_int(st, 6);
    j->rejected = db_col_int(st, 7);
    j->error = col_str(a, st, 8);
    j->created_at = db_col_int(st, 9);
    j->updated_at = db_col_int(st, 10);
    j->finished_at = db_col_null(st, 11) ? 0 : db_col_int(st, 11);
    j->csv = NULL;
}

static void fill_job_csv(arena *a, db_stmt *st, account_import_job *j)
{
    fill_job(a, st, j);
    j->csv = col_str(a, st, 12);
}

int store_import_get(db *c, arena *a, int64_t id, int with_csv, account_import_job *out)
{
    if (with_csv) {
        db_stmt *st =
            db_query(c, "SELECT " JOB_COLS ", csv FROM account_imports WHERE id = ?", "i", id);
        int rc = STORE_ONE(a, st, fill_job_csv, out);
        return rc == WY_OK && !out->csv ? WY_NOMEM : rc;
    }
    db_stmt *st = db_query(c, "SELECT " JOB_COLS " FROM account_imports WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_job, out);
}

int store_import_claim(db *c, int64_t now, int64_t stale_before, int64_t *id)
{
    /* the condition is tested again on the row the update locks: of two servers that picked
     * the same job, the second finds it taken and claims nothing */
    db_stmt *st = db_query(c,
                           "UPDATE account_imports SET status = 'running', updated_at = ?"
                           " WHERE id = (SELECT id FROM account_imports WHERE status = 'queued'"
                           "   OR (status = 'running' AND updated_at < ?) ORDER BY id LIMIT 1)"
                           " AND (status = 'queued' OR (status = 'running' AND updated_at < ?))"
                           " RETURNING id",
                           "iii", now, stale_before, stale_before);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_import_progress(db *c, int64_t id, int64_t rows_total, int64_t rows_done,
                          int64_t accepted, int64_t rejected, int64_t now)
{
    return db_run(c,
                  "UPDATE account_imports SET rows_total = ?, rows_done = ?, accepted = ?,"
                  " rejected = ?, updated_at = ? WHERE id = ?",
                  "iiiiii", rows_total, rows_done, accepted, rejected, now, id);
}

int store_import_finish(db *c, int64_t id, const char *status, const char *error, int64_t now)
{
    return db_run(c,
                  "UPDATE account_imports SET status = ?, error = ?, csv = '', updated_at = ?,"
                  " finished_at = ? WHERE id = ?",
                  "ttiii", status, error, now, now, id);
}

int store_import_requeue(db *c, int64_t id, int64_t now)
{
    return db_run(c,
                  "UPDATE account_imports SET status = 'queued', updated_at = ?"
                  " WHERE id = ? AND status = 'running'",
                  "ii", now, id);
}

int store_import_line_add(db *c, int64_t id, const import_line *l)
{
    return db_run(c,
                  "INSERT INTO account_import_lines(import_id, line, ok, phone, reason)"
                  " VALUES (?, ?, ?, ?, ?)",
                  "iiitt", id, (int64_t)l->line, (int64_t)(l->ok != 0), l->phone, l->reason);
}

static void fill_line(arena *a, db_stmt *st, import_line *l)
{
    l->line = (int)db_col_int(st, 0);
    l->ok = (int)db_col_int(st, 1);
    l->phone = col_str(a, st, 2);
    l->reason = col_str(a, st, 3);
}

int store_import_lines(db *c, arena *a, int64_t id, int64_t after, int limit, import_line **out,
                       size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT line, ok, phone, reason FROM account_import_lines"
                           " WHERE import_id = ? AND line > ? ORDER BY line LIMIT ?",
                           "iii", id, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, import_line, fill_line, out, n);
}
