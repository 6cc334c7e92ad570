/*
 * store_revisions: the pending revisions of published activities (activity_revisions). The
 * domain (src/domain/activity_revision.c) decides what a revision may change and when it is
 * applied; here it is only kept. At most one revision of an activity is pending: a unique
 * partial index says so, and a second one is WY_CONSTRAINT.
 */
#include "mod/activities/activity_store.h"
#include "db/store_util.h"

#define REV_COLS                                                                                   \
    "id, activity_id, fields, description, audience, live_url, replay_url, status, created_by,"    \
    " created_at, coalesce(decided_at, 0)"

static void fill_revision(arena *a, db_stmt *st, activity_revision *r)
{
    r->id = db_col_int(st, 0);
    r->activity_id = db_col_int(st, 1);
    r->fields = (unsigned)db_col_int(st, 2);
    r->description = col_str(a, st, 3);
    r->audience = col_str(a, st, 4);
    r->live_url = col_str(a, st, 5);
    r->replay_url = col_str(a, st, 6);
    r->status = col_str(a, st, 7);
    r->created_by = db_col_int(st, 8);
    r->created_at = db_col_int(st, 9);
    r->decided_at = db_col_int(st, 10);
}

int store_activity_revision_create(db *c, const activity_revision *r, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO activity_revisions(activity_id, fields, description, audience,"
                 " live_url, replay_url, status, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
                 "iittttii", r->activity_id, (int64_t)r->fields, r->description, r->audience,
                 r->live_url, r->replay_url, r->created_by, now),
        id);
}

int store_activity_revision_get(db *c, arena *a, int64_t id, activity_revision *out)
{
    db_stmt *st = db_query(c, "SELECT " REV_COLS " FROM activity_revisions WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_revision, out);
}

int store_activity_revision_pending(db *c, arena *a, int64_t activity_id, activity_revision *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " REV_COLS " FROM activity_revisions"
                           " WHERE activity_id = ? AND status = 'pending'",
                           "i", activity_id);
    return STORE_ONE(a, st, fill_revision, out);
}

int store_activity_revision_set_status(db *c, int64_t id, const char *from, const char *to,
                                       int64_t now)
{
    int rc = db_run(c,
                    "UPDATE activity_revisions SET status = ?, decided_at = ?"
                    " WHERE id = ? AND status = ?",
                    "tiit", to, now, id, from);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}
