/* store_attachments: the attachments table (core/attachment_store.h). */
#include "core/attachment_store.h"
#include "db/store_util.h"

#define ATTACHMENT_COLS                                                                            \
    "id, owner_type, owner_id, division, filename, content_type, bytes, sha256,"                   \
    " coalesce(created_by, 0), created_at"

static void fill_attachment(arena *a, db_stmt *st, attachment *x)
{
    x->id = db_col_int(st, 0);
    x->owner_type = col_str(a, st, 1);
    x->owner_id = db_col_int(st, 2);
    x->division = col_str(a, st, 3);
    x->filename = col_str(a, st, 4);
    x->content_type = col_str(a, st, 5);
    x->bytes = db_col_int(st, 6);
    x->sha256 = col_str(a, st, 7);
    x->created_by = db_col_int(st, 8);
    x->created_at = db_col_int(st, 9);
}

int store_attachment_add(db *c, const attachment *x, const char *base64, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO attachments(owner_type, owner_id, division, filename, content_type,"
                 " data, bytes, sha256, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tittttitIi", x->owner_type, x->owner_id, x->division, x->filename,
                 x->content_type, base64, x->bytes, x->sha256, x->created_by, x->created_at),
        id);
}

struct attachment_full {
    attachment *x;
    const char **base64;
};

static void fill_full(arena *a, db_stmt *st, struct attachment_full *f)
{
    fill_attachment(a, st, f->x);
    *f->base64 = col_str(a, st, 10);
}

int store_attachment_get(db *c, arena *a, int64_t id, attachment *out, const char **base64)
{
    if (!base64) {
        db_stmt *st =
            db_query(c, "SELECT " ATTACHMENT_COLS " FROM attachments WHERE id = ?", "i", id);
        return STORE_ONE(a, st, fill_attachment, out);
    }
    struct attachment_full f = {out, base64};
    db_stmt *st =
        db_query(c, "SELECT " ATTACHMENT_COLS ", data FROM attachments WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_full, &f);
}

int store_attachments_of(db *c, arena *a, const char *owner_type, int64_t owner_id,
                         attachment **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " ATTACHMENT_COLS " FROM attachments"
                           " WHERE owner_type = ? AND owner_id = ? ORDER BY id",
                           "ti", owner_type, owner_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, attachment, fill_attachment, out, n);
}

int store_attachment_delete(db *c, int64_t id)
{
    int rc = db_run(c, "DELETE FROM attachments WHERE id = ?", "i", id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}
