/* store_followups: the follow-ups of exchange activities and agreements (followup_store.h). */
#include "db/store_util.h"
#include "mod/exchange/followup_store.h"

/* Is the origin public: an agreement, or an activity published. */
#define PUBLIC_ORIGIN                                                                              \
    "(f.agreement_id IS NOT NULL OR EXISTS (SELECT 1 FROM exchange_activities x"                   \
    " WHERE x.id = f.activity_id AND x.status = 'published'))"

#define FOLLOWUP_COLS                                                                              \
    "f.id, f.division, coalesce(f.activity_id, 0), coalesce(f.agreement_id, 0), f.partner_id,"     \
    " f.kind, f.title, f.owner, f.origin_on, f.due_on, f.status, f.outcome, f.outcome_on,"         \
    " coalesce(f.created_by, 0), f.created_at, f.updated_at, p.name,"                              \
    " CASE WHEN " PUBLIC_ORIGIN " THEN 1 ELSE 0 END"
#define FOLLOWUP_FROM " FROM exchange_followups f JOIN exchange_partners p ON p.id = f.partner_id"

static void fill_followup(arena *a, db_stmt *st, exchange_followup *f)
{
    f->id = db_col_int(st, 0);
    f->division = col_str(a, st, 1);
    f->activity_id = db_col_int(st, 2);
    f->agreement_id = db_col_int(st, 3);
    f->partner_id = db_col_int(st, 4);
    f->kind = col_str(a, st, 5);
    f->title = col_str(a, st, 6);
    f->owner = col_str(a, st, 7);
    f->origin_on = col_str(a, st, 8);
    f->due_on = col_str(a, st, 9);
    f->status = col_str(a, st, 10);
    f->outcome = col_str(a, st, 11);
    f->outcome_on = col_str(a, st, 12);
    f->created_by = db_col_int(st, 13);
    f->created_at = db_col_int(st, 14);
    f->updated_at = db_col_int(st, 15);
    f->partner_name = col_str(a, st, 16);
    f->public_origin = (int)db_col_int(st, 17);
}

int store_exchange_followup_create(db *c, const exchange_followup *f, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_followups(division, activity_id, agreement_id, partner_id,"
                 " kind, title, owner, origin_on, due_on, status, outcome, outcome_on, created_by,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "tIIittttttttIii", f->division, f->activity_id, f->agreement_id, f->partner_id,
                 f->kind, f->title, f->owner, f->origin_on, f->due_on, f->status, f->outcome,
                 f->outcome_on, f->created_by, now, now),
        id);
}

int store_exchange_followup_get(db *c, arena *a, int64_t id, exchange_followup *out)
{
    db_stmt *st = db_query(c, "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM " WHERE f.id = ?", "i", id);
    return STORE_ONE(a, st, fill_followup, out);
}

int store_exchange_followup_update(db *c, const exchange_followup *f, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE exchange_followups SET title = ?, owner = ?, due_on = ?, status = ?,"
                    " outcome = ?, outcome_on = ?, updated_at = ? WHERE id = ?",
                    "ttttttii", f->title, f->owner, f->due_on, f->status, f->outcome, f->outcome_on,
                    now, f->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_exchange_followup_list(db *c, arena *a, const exchange_followup_filter *f, int64_t after,
                                 int limit, exchange_followup **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM " WHERE f.division >= ? AND f.division < ?"
                 " AND (? = 0 OR f.activity_id = ?) AND (? = 0 OR f.agreement_id = ?)"
                 " AND (? = 0 OR f.partner_id = ?) AND (CAST(? AS TEXT) IS NULL OR f.status = ?)"
                 " AND (? = 0 OR " PUBLIC_ORIGIN ") AND f.id > ? ORDER BY f.id LIMIT ?",
                 "ttiiiiiittiii", f->prefix ? f->prefix : "", prefix_end(a, f->prefix), f->activity,
                 f->activity, f->agreement, f->agreement, f->partner, f->partner, f->status,
                 f->status, (int64_t)f->public_only, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_followup, fill_followup, out, n);
}

int store_exchange_followups_done(db *c, arena *a, const char *prefix, const char *from,
                                  const char *to, int public_only, exchange_followup **out,
                                  size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM " WHERE f.division >= ? AND f.division < ?"
                 " AND f.status = 'done' AND f.outcome_on IS NOT NULL"
                 " AND (CAST(? AS TEXT) IS NULL OR f.outcome_on >= ?)"
                 " AND (CAST(? AS TEXT) IS NULL OR f.outcome_on < ?)"
                 " AND (? = 0 OR " PUBLIC_ORIGIN ") ORDER BY f.id",
                 "tttttti", prefix ? prefix : "", prefix_end(a, prefix), from, from, to, to,
                 (int64_t)public_only);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_followup, fill_followup, out, n);
}

int store_exchange_followups_overdue(db *c, arena *a, const int64_t *partners, size_t np,
                                     const char *today, exchange_followup **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (np == 0)
        return WY_OK;
    const char *list = id_list_param(a, c, partners, np);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_query(c,
                           db_get_dialect(c) == DB_POSTGRES
                               ? "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM
                                 " WHERE f.partner_id = ANY (CAST(? AS bigint[]))"
                                 " AND f.status = 'open' AND f.due_on < ?"
                                 " ORDER BY f.partner_id, f.due_on, f.id"
                               : "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM
                                 " WHERE f.partner_id IN (SELECT value FROM json_each(?))"
                                 " AND f.status = 'open' AND f.due_on < ?"
                                 " ORDER BY f.partner_id, f.due_on, f.id",
                           "tt", list, today);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_followup, fill_followup, out, n);
}

int store_exchange_agreement_origin(db *c, arena *a, int64_t id, const char **division,
                                    int64_t *partner, const char **signed_on)
{
    db_stmt *st = db_query(c,
                           "SELECT division, partner_id, signed_on FROM exchange_agreements"
                           " WHERE id = ?",
                           "i", id);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *division = arena_strdup(a, db_col_text(st, 0));
        *partner = db_col_int(st, 1);
        *signed_on = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    if (rc == 1 && arena_failed(a))
        return WY_NOMEM;
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}
