/* store_review: review chains, review items and the audit log. */
#include "core/store.h"
#include "db/store_util.h"

/* The columns of an item, the last one bound to the viewer: did it write or submit it? */
#define ITEM_COLS                                                                                  \
    "id, content_type, content_id, division, title, status, level, levels,"                        \
    " coalesce(submitted_by, 0), updated_at,"                                                      \
    " EXISTS (SELECT 1 FROM review_authors r WHERE r.content_type = review_items.content_type"     \
    " AND r.content_id = review_items.content_id AND r.user_id = ?)"

static void fill_item(arena *a, db_stmt *st, review_item *it)
{
    it->id = db_col_int(st, 0);
    it->content_type = col_str(a, st, 1);
    it->content_id = db_col_int(st, 2);
    it->division = col_str(a, st, 3);
    it->title = col_str(a, st, 4);
    it->status = col_str(a, st, 5);
    it->level = (int)db_col_int(st, 6);
    it->levels = col_str(a, st, 7);
    it->submitted_by = db_col_int(st, 8);
    it->updated_at = db_col_int(st, 9);
    it->own = db_col_int(st, 10) != 0;
}

int store_review_chain(db *c, arena *a, const char *content_type, const char *division,
                       const char **levels)
{
    /* the chain of the longest configured prefix of division ("" is the default) */
    db_stmt *st = db_query(c,
                           "SELECT levels FROM review_chains WHERE content_type = ?"
                           " AND substr(?, 1, length(division)) = division"
                           " ORDER BY length(division) DESC LIMIT 1",
                           "tt", content_type, division);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1)
        *levels = col_str(a, st, 0);
    db_done(st);
    if (arena_failed(a))
        return WY_NOMEM;
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_review_chain_set(db *c, const char *content_type, const char *division,
                           const char *levels)
{
    return db_run(c,
                  "INSERT INTO review_chains(content_type, division, levels) VALUES (?, ?, ?)"
                  " ON CONFLICT (content_type, division) DO UPDATE SET levels = excluded.levels",
                  "ttt", content_type, division, levels);
}

int store_review_item_get(db *c, arena *a, int64_t id, int64_t viewer, review_item *out)
{
    db_stmt *st =
        db_query(c, "SELECT " ITEM_COLS " FROM review_items WHERE id = ?", "ii", viewer, id);
    return STORE_ONE(a, st, fill_item, out);
}

int store_review_item_by_content(db *c, arena *a, const char *content_type, int64_t content_id,
                                 review_item *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " ITEM_COLS " FROM review_items"
                           " WHERE content_type = ? AND content_id = ?",
                           "iti", (int64_t)0, content_type, content_id);
    return STORE_ONE(a, st, fill_item, out);
}

int store_review_item_create(db *c, const review_item *it, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO review_items(content_type, content_id, division, title, status,"
                 " level, levels, submitted_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "titttitIii", it->content_type, it->content_id, it->division, it->title,
                 it->status, (int64_t)it->level, it->levels, it->submitted_by, now, now),
        id);
}

int store_review_item_update(db *c, int64_t id, const char *status, int level, const char *levels,
                             const char *title, int64_t submitted_by, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE review_items SET status = ?, level = ?, levels = coalesce(?, levels),"
                    " title = coalesce(?, title), submitted_by = coalesce(?, submitted_by),"
                    " updated_at = ? WHERE id = ?",
                    "tittIii", status, (int64_t)level, levels, title, submitted_by, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_review_item_list(db *c, arena *a, const char *status, const char *prefix, int64_t before,
                           int limit, int64_t viewer, review_item **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " ITEM_COLS " FROM review_items"
                 " WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND division >= ? AND division < ?"
                 " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                 "ittttiii", viewer, status, status, prefix ? prefix : "", prefix_end(a, prefix),
                 before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, review_item, fill_item, out, n);
}

int store_review_author_add(db *c, const char *content_type, int64_t content_id, int64_t user_id)
{
    return db_run(c,
                  "INSERT INTO review_authors(content_type, content_id, user_id) VALUES (?, ?, ?)"
                  " ON CONFLICT DO NOTHING",
                  "tii", content_type, content_id, user_id);
}

int store_audit_add(db *c, const audit_entry *e)
{
    return db_run(c,
                  "INSERT INTO audit_log(at, actor, action, object_type, object_id, division,"
                  " from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "iIttttttt", e->at, e->actor, e->action, e->object_type, e->object_id,
                  e->division, e->from_state, e->to_state, e->reason);
}

static void fill_audit(arena *a, db_stmt *st, audit_entry *e)
{
    e->id = db_col_int(st, 0);
    e->at = db_col_int(st, 1);
    e->actor = db_col_int(st, 2);
    e->action = col_str(a, st, 3);
    e->object_type = col_str(a, st, 4);
    e->object_id = col_str(a, st, 5);
    e->division = col_str(a, st, 6);
    e->from_state = col_str(a, st, 7);
    e->to_state = col_str(a, st, 8);
    e->reason = col_str(a, st, 9);
}

int store_audit_query(db *c, arena *a, const audit_query *q, audit_entry **out, size_t *n)
{
    const char *prefix = q->prefix ? q->prefix : "";
    db_stmt *st =
        db_query(c,
                 "SELECT id, at, coalesce(actor, 0), action, object_type, object_id, division,"
                 " from_state, to_state, reason FROM audit_log"
                 " WHERE (CAST(? AS TEXT) IS NULL OR object_type = ?)"
                 " AND (CAST(? AS TEXT) IS NULL OR object_id = ?)"
                 " AND (? = '' OR (division >= ? AND division < ?)"
                 "      OR (? = 1 AND division IS NULL))"
                 " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                 "tttttttiiii", q->object_type, q->object_type, q->object_id, q->object_id, prefix,
                 prefix, prefix_end(a, prefix), (int64_t)(q->with_unplaced != 0), q->before,
                 q->before, (int64_t)q->limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, audit_entry, fill_audit, out, n);
}

int store_audit_list(db *c, arena *a, const char *object_type, const char *object_id,
                     const char *prefix, int64_t before, int limit, audit_entry **out, size_t *n)
{
    audit_query q = {object_type, object_id, prefix, 0, before, limit};
    return store_audit_query(c, a, &q, out, n);
}
