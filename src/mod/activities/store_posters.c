/*
 * store_posters: the poster image of an activity, one row per activity in activity_posters.
 * The image travels as base64 text: the driver binds text and numbers only. The facts
 * (type, size, ETag) are read without the data for pages and the API's activity detail.
 */
#include "mod/activities/activity_store.h"
#include "db/store_util.h"

static void fill_meta(arena *a, db_stmt *st, activity_poster *p)
{
    p->activity_id = db_col_int(st, 0);
    p->content_type = col_str(a, st, 1);
    p->bytes = db_col_int(st, 2);
    p->etag = col_str(a, st, 3);
    p->updated_by = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
    p->updated_at = db_col_int(st, 5);
    p->data = NULL;
}

static void fill_full(arena *a, db_stmt *st, activity_poster *p)
{
    fill_meta(a, st, p);
    p->data = col_str(a, st, 6);
}

#define POSTER_COLS "activity_id, content_type, bytes, etag, updated_by, updated_at"

int store_poster_get(db *c, arena *ar, int64_t activity_id, activity_poster *out)
{
    db_stmt *st =
        db_query(c, "SELECT " POSTER_COLS ", data FROM activity_posters WHERE activity_id = ?", "i",
                 activity_id);
    return STORE_ONE(ar, st, fill_full, out);
}

int store_poster_meta(db *c, arena *ar, int64_t activity_id, activity_poster *out)
{
    db_stmt *st = db_query(c, "SELECT " POSTER_COLS " FROM activity_posters WHERE activity_id = ?",
                           "i", activity_id);
    return STORE_ONE(ar, st, fill_meta, out);
}

int store_poster_put(db *c, const activity_poster *p, int64_t now)
{
    return db_run(c,
                  "INSERT INTO activity_posters(activity_id, content_type, data, bytes, etag,"
                  " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (activity_id) DO UPDATE SET content_type = excluded.content_type,"
                  " data = excluded.data, bytes = excluded.bytes, etag = excluded.etag,"
                  " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                  "ittitIi", p->activity_id, p->content_type, p->data, p->bytes, p->etag,
                  p->updated_by, now);
}

int store_poster_delete(db *c, int64_t activity_id)
{
    int rc = db_run(c, "DELETE FROM activity_posters WHERE activity_id = ?", "i", activity_id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}
