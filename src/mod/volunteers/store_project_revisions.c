/*
 * store_project_revisions: the proposed changes of published volunteer projects
 * (volunteer_project_revisions). The rules (project_revision.c) decide what a revision may
 * change and when it is applied; here it is only kept. At most one revision of a project is
 * pending: a unique partial index says so, and a second one is WY_CONSTRAINT.
 */
#include "mod/volunteers/volunteer_store.h"
#include "db/store_util.h"

#define REV_COLS                                                                                   \
    "id, project_id, fields, title, description, status, created_by, created_at,"                  \
    " coalesce(decided_at, 0)"

static void fill_revision(arena *a, db_stmt *st, volunteer_project_revision *r)
{
    r->id = db_col_int(st, 0);
    r->project_id = db_col_int(st, 1);
    r->fields = (unsigned)db_col_int(st, 2);
    r->title = col_str(a, st, 3);
    r->description = col_str(a, st, 4);
    r->status = col_str(a, st, 5);
    r->created_by = db_col_int(st, 6);
    r->created_at = db_col_int(st, 7);
    r->decided_at = db_col_int(st, 8);
}

int store_project_revision_create(db *c, const volunteer_project_revision *r, int64_t now,
                                  int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_project_revisions(project_id, fields, title, description,"
                 " status, created_by, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)"
                 " RETURNING id",
                 "iittii", r->project_id, (int64_t)r->fields, r->title, r->description,
                 r->created_by, now),
        id);
}

int store_project_revision_get(db *c, arena *a, int64_t id, volunteer_project_revision *out)
{
    db_stmt *st =
        db_query(c, "SELECT " REV_COLS " FROM volunteer_project_revisions WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_revision, out);
}

int store_project_revision_pending(db *c, arena *a, int64_t project_id,
                                   volunteer_project_revision *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " REV_COLS " FROM volunteer_project_revisions"
                           " WHERE project_id = ? AND status = 'pending'",
                           "i", project_id);
    return STORE_ONE(a, st, fill_revision, out);
}

int store_project_revision_set_status(db *c, int64_t id, const char *from, const char *to,
                                      int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_project_revisions SET status = ?, decided_at = ?"
                    " WHERE id = ? AND status = ?",
                    "tiit", to, now, id, from);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}
