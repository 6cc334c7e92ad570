/* store_revisions: the content_revisions table (revision_store.h). */
#include "core/revision_store.h"
#include "db/store_util.h"

#define REV_COLS                                                                                   \
    "id, content_type, target_id, changes, status, created_by, created_at,"                        \
    " coalesce(decided_at, 0)"

static void fill_revision(arena *a, db_stmt *st, revision_row *r)
{
    r->id = db_col_int(st, 0);
    r->content_type = col_str(a, st, 1);
    r->target_id = db_col_int(st, 2);
    r->changes = col_str(a, st, 3);
    r->status = col_str(a, st, 4);
    r->created_by = db_col_int(st, 5);
    r->created_at = db_col_int(st, 6);
    r->decided_at = db_col_int(st, 7);
}

int store_revision_create(db *c, const revision_row *r, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO content_revisions(content_type, target_id, changes, status,"
                 " created_by, created_at) VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id",
                 "titii", r->content_type, r->target_id, r->changes, r->created_by, now),
        id);
}

int store_revision_get(db *c, arena *a, int64_t id, revision_row *out)
{
    db_stmt *st = db_query(c, "SELECT " REV_COLS " FROM content_revisions WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_revision, out);
}

int store_revision_pending(db *c, arena *a, const char *content_type, int64_t target_id,
                           revision_row *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " REV_COLS " FROM content_revisions"
                           " WHERE content_type = ? AND target_id = ? AND status = 'pending'",
                           "ti", content_type, target_id);
    return STORE_ONE(a, st, fill_revision, out);
}

int store_revision_set_status(db *c, int64_t id, const char *from, const char *to, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE content_revisions SET status = ?, decided_at = ?"
                    " WHERE id = ? AND status = ?",
                    "tiit", to, now, id, from);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}
