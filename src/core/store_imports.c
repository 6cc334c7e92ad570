/* store_imports: the verdict on each row of a member import (a queued job, store_jobs.c). */
#include "core/store.h"
#include "db/store_util.h"

int store_import_line_add(db *c, int64_t job_id, const import_line *l)
{
    return db_run(c,
                  "INSERT INTO import_lines(job_id, line, ok, phone, reason)"
                  " VALUES (?, ?, ?, ?, ?)",
                  "iiitt", job_id, (int64_t)l->line, (int64_t)(l->ok != 0), l->phone, l->reason);
}

static void fill_line(arena *a, db_stmt *st, import_line *l)
{
    l->line = (int)db_col_int(st, 0);
    l->ok = (int)db_col_int(st, 1);
    l->phone = col_str(a, st, 2);
    l->reason = col_str(a, st, 3);
}

int store_import_lines(db *c, arena *a, int64_t job_id, int64_t after, int limit, import_line **out,
                       size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT line, ok, phone, reason FROM import_lines"
                           " WHERE job_id = ? AND line > ? ORDER BY line LIMIT ?",
                           "iii", job_id, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, import_line, fill_line, out, n);
}
