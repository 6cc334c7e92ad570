/* store_calendar: plans of the coordination calendar and their clashes, funds and
 * sponsorship, delegations (calendar_store.h). */
#include "mod/exchange/calendar_store.h"
#include "db/store_util.h"

#define PLAN_COLS                                                                                  \
    "id, division, unit, title, kind, starts_on, ends_on, note, status,"                           \
    " coalesce(created_by, 0), created_at, updated_at"

static void fill_plan(arena *a, db_stmt *st, exchange_plan *p)
{
    p->id = db_col_int(st, 0);
    p->division = col_str(a, st, 1);
    p->unit = col_str(a, st, 2);
    p->title = col_str(a, st, 3);
    p->kind = col_str(a, st, 4);
    p->starts_on = col_str(a, st, 5);
    p->ends_on = col_str(a, st, 6);
    p->note = col_str(a, st, 7);
    p->status = col_str(a, st, 8);
    p->created_by = db_col_int(st, 9);
    p->created_at = db_col_int(st, 10);
    p->updated_at = db_col_int(st, 11);
}

int store_exchange_plan_create(db *c, const exchange_plan *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_plans(division, unit, title, kind, starts_on, ends_on,"
                 " note, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttttttIii", p->division, p->unit, p->title, p->kind, p->starts_on, p->ends_on,
                 p->note, p->created_by, now, now),
        id);
}

int store_exchange_plan_add_partner(db *c, int64_t plan, int64_t partner)
{
    return db_run(c, "INSERT INTO exchange_plan_partners(plan_id, partner_id) VALUES (?, ?)", "ii",
                  plan, partner);
}

int store_exchange_plan_get(db *c, arena *a, int64_t id, exchange_plan *out)
{
    db_stmt *st = db_query(c, "SELECT " PLAN_COLS " FROM exchange_plans WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_plan, out);
}

int store_exchange_plan_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c, "UPDATE exchange_plans SET status = ?, updated_at = ? WHERE id = ?", "tii",
                    status, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_exchange_plan_list(db *c, arena *a, const char *prefix, const char *from, const char *to,
                             int published_only, int limit, exchange_plan **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " PLAN_COLS " FROM exchange_plans"
                           " WHERE division >= ? AND division < ? AND ends_on >= ?"
                           " AND starts_on <= ? AND (? = 0 OR status = 'published')"
                           " ORDER BY starts_on, id LIMIT ?",
                           "ttttii", prefix ? prefix : "", prefix_end(a, prefix), from, to,
                           (int64_t)published_only, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_plan, fill_plan, out, n);
}

static void fill_plan_partner(arena *a, db_stmt *st, exchange_plan_partner *p)
{
    p->plan_id = db_col_int(st, 0);
    p->partner_id = db_col_int(st, 1);
    p->name = col_str(a, st, 2);
}

int store_exchange_plan_partners(db *c, arena *a, const int64_t *plans, size_t np,
                                 exchange_plan_partner **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (np == 0)
        return WY_OK;
    const char *list = id_list_param(a, c, plans, np);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_get_dialect(c) == DB_POSTGRES
                      ? db_query(c,
                                 "SELECT pp.plan_id, pp.partner_id, p.name"
                                 " FROM exchange_plan_partners pp"
                                 " JOIN exchange_partners p ON p.id = pp.partner_id"
                                 " WHERE pp.plan_id = ANY (CAST(? AS bigint[]))"
                                 " ORDER BY pp.plan_id, pp.partner_id",
                                 "t", list)
                      : db_query(c,
                                 "SELECT pp.plan_id, pp.partner_id, p.name"
                                 " FROM exchange_plan_partners pp"
                                 " JOIN exchange_partners p ON p.id = pp.partner_id"
                                 " WHERE pp.plan_id IN (SELECT value FROM json_each(?))"
                                 " ORDER BY pp.plan_id, pp.partner_id",
                                 "t", list);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_plan_partner, fill_plan_partner, out, n);
}

static void fill_clash(arena *a, db_stmt *st, exchange_clash *x)
{
    x->reason = col_str(a, st, 0);
    x->with_type = col_str(a, st, 1);
    x->with_id = db_col_int(st, 2);
    x->title = col_str(a, st, 3);
    x->division = col_str(a, st, 4);
    x->starts_on = col_str(a, st, 5);
    x->ends_on = col_str(a, st, 6);
    x->partner_id = db_col_int(st, 7);
    x->partner_name = col_str(a, st, 8);
}

/* Periods meet when each starts on or before the other ends (dates compare as text). Rejected
 * plans and activities clash with nothing. */
int store_exchange_plan_clashes(db *c, arena *a, int64_t id, exchange_clash **out, size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT 'same_partner' AS reason, 'plan' AS kind, o.id, o.title, o.division,"
        " o.starts_on, o.ends_on, pp.partner_id, pa.name"
        " FROM exchange_plans p JOIN exchange_plan_partners pp ON pp.plan_id = p.id"
        " JOIN exchange_plan_partners op ON op.partner_id = pp.partner_id AND op.plan_id <> p.id"
        " JOIN exchange_plans o ON o.id = op.plan_id"
        " JOIN exchange_partners pa ON pa.id = pp.partner_id"
        " WHERE p.id = ? AND o.status <> 'rejected'"
        " AND o.starts_on <= p.ends_on AND o.ends_on >= p.starts_on"
        " UNION ALL"
        " SELECT 'same_partner', 'activity', o.id, o.title, o.division, o.starts_on, o.ends_on,"
        " pp.partner_id, pa.name"
        " FROM exchange_plans p JOIN exchange_plan_partners pp ON pp.plan_id = p.id"
        " JOIN exchange_activity_partners op ON op.partner_id = pp.partner_id"
        " JOIN exchange_activities o ON o.id = op.activity_id"
        " JOIN exchange_partners pa ON pa.id = pp.partner_id"
        " WHERE p.id = ? AND o.status <> 'rejected'"
        " AND o.starts_on <= p.ends_on AND o.ends_on >= p.starts_on"
        " UNION ALL"
        " SELECT 'same_division', 'plan', o.id, o.title, o.division, o.starts_on, o.ends_on,"
        " 0, NULL"
        " FROM exchange_plans p JOIN exchange_plans o ON o.division = p.division AND o.id <> p.id"
        " WHERE p.id = ? AND o.status <> 'rejected'"
        " AND o.starts_on <= p.ends_on AND o.ends_on >= p.starts_on"
        " UNION ALL"
        " SELECT 'same_division', 'activity', o.id, o.title, o.division, o.starts_on, o.ends_on,"
        " 0, NULL"
        " FROM exchange_plans p JOIN exchange_activities o ON o.division = p.division"
        " WHERE p.id = ? AND o.status <> 'rejected'"
        " AND o.starts_on <= p.ends_on AND o.ends_on >= p.starts_on"
        " ORDER BY 1 DESC, 2 DESC, 3, 8 LIMIT 200",
        "iiii", id, id, id, id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_clash, fill_clash, out, n);
}

#define FUND_COLS                                                                                  \
    "id, activity_id, division, kind, sponsor, amount_fen, in_kind, value_fen, given_on,"          \
    " coalesce(created_by, 0), created_at"

static void fill_fund(arena *a, db_stmt *st, exchange_fund *f)
{
    f->id = db_col_int(st, 0);
    f->activity_id = db_col_int(st, 1);
    f->division = col_str(a, st, 2);
    f->kind = col_str(a, st, 3);
    f->sponsor = col_str(a, st, 4);
    f->amount_fen = db_col_int(st, 5);
    f->in_kind = col_str(a, st, 6);
    f->value_fen = db_col_int(st, 7);
    f->given_on = col_str(a, st, 8);
    f->created_by = db_col_int(st, 9);
    f->created_at = db_col_int(st, 10);
}

int store_exchange_fund_add(db *c, const exchange_fund *f, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_funds(activity_id, division, kind, sponsor, amount_fen,"
                 " in_kind, value_fen, given_on, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itttititIi", f->activity_id, f->division, f->kind, f->sponsor, f->amount_fen,
                 f->in_kind, f->value_fen, f->given_on, f->created_by, now),
        id);
}

int store_exchange_funds_of(db *c, arena *a, int64_t activity, exchange_fund **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " FUND_COLS " FROM exchange_funds WHERE activity_id = ?"
                           " ORDER BY given_on, id",
                           "i", activity);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_fund, fill_fund, out, n);
}

static void fill_total(arena *a, db_stmt *st, exchange_fund_total *t)
{
    t->kind = col_str(a, st, 0);
    t->count = db_col_int(st, 1);
    t->amount_fen = db_col_int(st, 2);
    t->value_fen = db_col_int(st, 3);
}

int store_exchange_fund_totals(db *c, arena *a, const char *prefix, const char *from,
                               const char *to, exchange_fund_total **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT kind, count(*), coalesce(sum(amount_fen), 0),"
                           " coalesce(sum(value_fen), 0) FROM exchange_funds"
                           " WHERE division >= ? AND division < ? AND given_on >= ?"
                           " AND given_on <= ? GROUP BY kind ORDER BY kind",
                           "tttt", prefix ? prefix : "", prefix_end(a, prefix), from, to);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_fund_total, fill_total, out, n);
}

static void fill_delegate(arena *a, db_stmt *st, exchange_delegate *d)
{
    d->id = db_col_int(st, 0);
    d->activity_id = db_col_int(st, 1);
    d->kind = col_str(a, st, 2);
    d->name = col_str(a, st, 3);
    d->role = col_str(a, st, 4);
    d->organisation = col_str(a, st, 5);
    d->created_by = db_col_int(st, 6);
    d->created_at = db_col_int(st, 7);
}

int store_exchange_delegate_add(db *c, const exchange_delegate *d, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_delegates(activity_id, kind, name, role, organisation,"
                 " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itttt"
                 "Ii",
                 d->activity_id, d->kind, d->name, d->role, d->organisation, d->created_by, now),
        id);
}

int store_exchange_delegates_of(db *c, arena *a, int64_t activity, int people,
                                exchange_delegate **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, activity_id, kind, name, role, organisation,"
                           " coalesce(created_by, 0), created_at FROM exchange_delegates"
                           " WHERE activity_id = ? AND (? = 1 OR kind = 'troupe')"
                           " ORDER BY kind DESC, id",
                           "ii", activity, (int64_t)(people ? 1 : 0));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_delegate, fill_delegate, out, n);
}
