/* store_notices: 通知公告, the notices district and city staff publish. */
#include "mod/notices/notice_store.h"
#include "db/store_util.h"

#define NOTICE_COLS                                                                                \
    "id, division, title, body, author, status, created_at, coalesce(published_at, 0)"

static void fill_notice(arena *a, db_stmt *st, notice *n)
{
    n->id = db_col_int(st, 0);
    n->division = col_str(a, st, 1);
    n->title = col_str(a, st, 2);
    n->body = col_str(a, st, 3);
    n->author = db_col_int(st, 4);
    n->status = col_str(a, st, 5);
    n->created_at = db_col_int(st, 6);
    n->published_at = db_col_int(st, 7);
}

int store_notice_create(db *c, const notice *n, int64_t now, int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO notices(division, title, body, author,"
                                        " status, created_at, updated_at)"
                                        " VALUES (?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
                                        "tttiii", n->division, n->title, n->body, n->author, now,
                                        now),
                               id);
}

int store_notice_get(db *c, arena *a, int64_t id, notice *out)
{
    db_stmt *st = db_query(c, "SELECT " NOTICE_COLS " FROM notices WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_notice, out);
}

int store_notice_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE notices SET status = ?, updated_at = ?,"
                    " published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END"
                    " WHERE id = ?",
                    "titii", status, now, status, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_notice_update(db *c, int64_t id, const char *title, const char *body, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE notices SET title = coalesce(?, title), body = coalesce(?, body),"
                    " updated_at = ? WHERE id = ?",
                    "ttii", title, body, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_notice_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                      int limit, notice **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " NOTICE_COLS " FROM notices"
                 " WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND division >= ? AND division < ?"
                 " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                 "ttttiii", status, status, prefix ? prefix : "", prefix_end(a, prefix), before,
                 before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, notice, fill_notice, out, n);
}
