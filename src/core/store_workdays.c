/* store_workdays: the workday_exceptions table (core/workday_store.h). */
#include "core/workday_store.h"
#include "db/store_util.h"

#define WORKDAY_COLS "day, working, name, coalesce(created_by, 0), created_at"

static void fill_workday(arena *a, db_stmt *st, workday_exception *x)
{
    x->day = col_str(a, st, 0);
    x->working = (int)db_col_int(st, 1);
    x->name = col_str(a, st, 2);
    x->created_by = db_col_int(st, 3);
    x->created_at = db_col_int(st, 4);
}

int store_workday_put(db *c, const workday_exception *x)
{
    return db_run(c,
                  "INSERT INTO workday_exceptions(day, working, name, created_by, created_at)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET"
                  " working = excluded.working, name = excluded.name,"
                  " created_by = excluded.created_by, created_at = excluded.created_at",
                  "titIi", x->day, (int64_t)x->working, x->name, x->created_by, x->created_at);
}

int store_workday_delete(db *c, const char *day)
{
    int rc = db_run(c, "DELETE FROM workday_exceptions WHERE day = ?", "t", day);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_workday_get(db *c, arena *a, const char *day, workday_exception *out)
{
    db_stmt *st =
        db_query(c, "SELECT " WORKDAY_COLS " FROM workday_exceptions WHERE day = ?", "t", day);
    return STORE_ONE(a, st, fill_workday, out);
}

int store_workday_range(db *c, arena *a, const char *from, const char *to, workday_exception **out,
                        size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " WORKDAY_COLS " FROM workday_exceptions"
                           " WHERE day >= ? AND day <= ? ORDER BY day",
                           "tt", from, to);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, workday_exception, fill_workday, out, n);
}
