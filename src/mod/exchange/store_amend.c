/* store_amend: the exchange module's later changes and annual programmes (amend_store.h). */
#include "mod/exchange/amend_store.h"
#include "db/store_util.h"

static int changed(db *c, int rc)
{
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_exchange_partner_refs(db *c, int64_t id, int64_t *n)
{
    return store_one_int(
        db_query(c,
                 "SELECT (SELECT count(*) FROM exchange_agreements WHERE partner_id = ?)"
                 " + (SELECT count(*) FROM exchange_intents WHERE partner_id = ?)"
                 " + (SELECT count(*) FROM exchange_activity_partners WHERE partner_id = ?)"
                 " + (SELECT count(*) FROM exchange_followups WHERE partner_id = ?)"
                 " + (SELECT count(*) FROM exchange_plan_partners WHERE partner_id = ?)"
                 " + (SELECT count(*) FROM exchange_lessons WHERE partner_id = ?)"
                 " + (SELECT count(*) FROM exchange_measures WHERE subject = 'partner'"
                 " AND subject_id = ?)",
                 "iiiiiii", id, id, id, id, id, id, id),
        n);
}

int store_exchange_partner_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_partners WHERE id = ?", "i", id));
}

int store_exchange_agreement_refs(db *c, int64_t id, int64_t *n)
{
    return store_one_int(db_query(c,
                                  "SELECT (SELECT count(*) FROM exchange_followups"
                                  " WHERE agreement_id = ?) + (SELECT count(*)"
                                  " FROM exchange_programme_items WHERE agreement_id = ?)",
                                  "ii", id, id),
                         n);
}

int store_exchange_agreement_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_agreements WHERE id = ?", "i", id));
}

int store_exchange_activity_update(db *c, const exchange_activity *x, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_activities SET title = ?, title_en = ?, summary = ?,"
                             " summary_en = ?, kind = ?, scope = ?, channel_id = ?,"
                             " starts_on = ?, ends_on = ?, ends_at = ?, updated_at = ?"
                             " WHERE id = ?",
                             "ttttttIttiii", x->title, x->title_en, x->summary, x->summary_en,
                             x->kind, x->scope, x->channel_id, x->starts_on, x->ends_on, x->ends_at,
                             now, x->id));
}

int store_exchange_activity_clear_partners(db *c, int64_t id)
{
    return db_run(c, "DELETE FROM exchange_activity_partners WHERE activity_id = ?", "i", id);
}

int store_exchange_activity_clear_stops(db *c, int64_t id)
{
    return db_run(c, "DELETE FROM exchange_stops WHERE activity_id = ?", "i", id);
}

int store_exchange_plan_update(db *c, const exchange_plan *p, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_plans SET unit = ?, title = ?, kind = ?,"
                             " starts_on = ?, ends_on = ?, note = ?, updated_at = ? WHERE id = ?",
                             "ttttttii", p->unit, p->title, p->kind, p->starts_on, p->ends_on,
                             p->note, now, p->id));
}

int store_exchange_plan_clear_partners(db *c, int64_t id)
{
    return db_run(c, "DELETE FROM exchange_plan_partners WHERE plan_id = ?", "i", id);
}

int store_exchange_plan_delete(db *c, int64_t id)
{
    int rc = store_exchange_plan_clear_partners(c, id);
    return rc != WY_OK ? rc
                       : changed(c, db_run(c, "DELETE FROM exchange_plans WHERE id = ?", "i", id));
}

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

int store_exchange_fund_get(db *c, arena *a, int64_t id, exchange_fund *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, activity_id, division, kind, sponsor, amount_fen, in_kind,"
                           " value_fen, given_on, coalesce(created_by, 0), created_at"
                           " FROM exchange_funds WHERE id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_fund, out);
}

int store_exchange_fund_update(db *c, const exchange_fund *f)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_funds SET kind = ?, sponsor = ?, amount_fen = ?,"
                             " in_kind = ?, value_fen = ?, given_on = ? WHERE id = ?",
                             "ttititi", f->kind, f->sponsor, f->amount_fen, f->in_kind,
                             f->value_fen, f->given_on, f->id));
}

int store_exchange_fund_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_funds WHERE id = ?", "i", id));
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

int store_exchange_delegate_get(db *c, arena *a, int64_t id, exchange_delegate *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, activity_id, kind, name, role, organisation,"
                           " coalesce(created_by, 0), created_at FROM exchange_delegates"
                           " WHERE id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_delegate, out);
}

int store_exchange_delegate_update(db *c, const exchange_delegate *d)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_delegates SET kind = ?, name = ?, role = ?,"
                             " organisation = ? WHERE id = ?",
                             "tttti", d->kind, d->name, d->role, d->organisation, d->id));
}

int store_exchange_delegate_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_delegates WHERE id = ?", "i", id));
}

static void fill_lesson(arena *a, db_stmt *st, exchange_lesson *l)
{
    l->id = db_col_int(st, 0);
    l->division = col_str(a, st, 1);
    l->activity_id = db_col_int(st, 2);
    l->partner_id = db_col_int(st, 3);
    l->title = col_str(a, st, 4);
    l->body = col_str(a, st, 5);
    l->tags = col_str(a, st, 6);
    l->created_by = db_col_int(st, 7);
    l->created_at = db_col_int(st, 8);
    l->updated_at = db_col_int(st, 9);
}

int store_exchange_lesson_get(db *c, arena *a, int64_t id, exchange_lesson *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, division, coalesce(activity_id, 0), coalesce(partner_id, 0),"
                           " title, body, tags, coalesce(created_by, 0), created_at, updated_at"
                           " FROM exchange_lessons WHERE id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_lesson, out);
}

int store_exchange_lesson_update(db *c, const exchange_lesson *l, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_lessons SET title = ?, body = ?, tags = ?,"
                             " updated_at = ? WHERE id = ?",
                             "tttii", l->title, l->body, l->tags, now, l->id));
}

int store_exchange_lesson_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_lessons WHERE id = ?", "i", id));
}

static void fill_measure(arena *a, db_stmt *st, exchange_measure *m)
{
    m->id = db_col_int(st, 0);
    m->division = col_str(a, st, 1);
    m->subject = col_str(a, st, 2);
    m->subject_id = db_col_int(st, 3);
    m->name = col_str(a, st, 4);
    m->unit = col_str(a, st, 5);
    m->period = col_str(a, st, 6);
    m->baseline = col_real(st, 7);
    m->target = col_real(st, 8);
    m->actual = col_real(st, 9);
    m->updated_at = db_col_int(st, 10);
}

int store_exchange_measure_get(db *c, arena *a, int64_t id, exchange_measure *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, division, subject, subject_id, name, unit, period,"
                           " baseline, target, actual, updated_at FROM exchange_measures"
                           " WHERE id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_measure, out);
}

int store_exchange_measure_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_measures WHERE id = ?", "i", id));
}

int store_exchange_evaluation_reopen(db *c, int64_t activity)
{
    return changed(
        c, db_run(c, "DELETE FROM exchange_evaluations WHERE activity_id = ?", "i", activity));
}

#define PROGRAMME_COLS                                                                             \
    "pi.id, pi.agreement_id, pi.division, pi.year, pi.month, pi.title, pi.owner, pi.status,"       \
    " coalesce(pi.activity_id, 0), g.title, g.partner_id, p.name, coalesce(pi.created_by, 0),"     \
    " pi.created_at, pi.updated_at"
#define PROGRAMME_FROM                                                                             \
    " FROM exchange_programme_items pi JOIN exchange_agreements g ON g.id = pi.agreement_id"       \
    " JOIN exchange_partners p ON p.id = g.partner_id"

static void fill_item(arena *a, db_stmt *st, exchange_programme_item *it)
{
    it->id = db_col_int(st, 0);
    it->agreement_id = db_col_int(st, 1);
    it->division = col_str(a, st, 2);
    it->year = (int)db_col_int(st, 3);
    it->month = (int)db_col_int(st, 4);
    it->title = col_str(a, st, 5);
    it->owner = col_str(a, st, 6);
    it->status = col_str(a, st, 7);
    it->activity_id = db_col_int(st, 8);
    it->agreement = col_str(a, st, 9);
    it->partner_id = db_col_int(st, 10);
    it->partner_name = col_str(a, st, 11);
    it->created_by = db_col_int(st, 12);
    it->created_at = db_col_int(st, 13);
    it->updated_at = db_col_int(st, 14);
}

int store_exchange_programme_add(db *c, const exchange_programme_item *it, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_programme_items(agreement_id, division, year, month,"
                 " title, owner, status, activity_id, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itiitttIIii", it->agreement_id, it->division, (int64_t)it->year,
                 (int64_t)it->month, it->title, it->owner, it->status, it->activity_id,
                 it->created_by, now, now),
        id);
}

int store_exchange_programme_get(db *c, arena *a, int64_t id, exchange_programme_item *out)
{
    db_stmt *st = db_query(c, "SELECT " PROGRAMME_COLS PROGRAMME_FROM " WHERE pi.id = ?", "i", id);
    return STORE_ONE(a, st, fill_item, out);
}

int store_exchange_programme_of(db *c, arena *a, int64_t agreement, int year,
                                exchange_programme_item **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " PROGRAMME_COLS PROGRAMME_FROM
                           " WHERE pi.agreement_id = ? AND (? = 0 OR pi.year = ?)"
                           " ORDER BY pi.year, pi.month, pi.id",
                           "iii", agreement, (int64_t)year, (int64_t)year);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_programme_item, fill_item, out, n);
}

int store_exchange_programme_update(db *c, const exchange_programme_item *it, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_programme_items SET year = ?, month = ?, title = ?,"
                             " owner = ?, status = ?, activity_id = ?, updated_at = ?"
                             " WHERE id = ?",
                             "iitttIii", (int64_t)it->year, (int64_t)it->month, it->title,
                             it->owner, it->status, it->activity_id, now, it->id));
}

int store_exchange_programme_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_programme_items WHERE id = ?", "i", id));
}

int store_exchange_programme_overdue(db *c, arena *a, const int64_t *partners, size_t np,
                                     int64_t yyyymm, exchange_programme_item **out, size_t *n)
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
                               ? "SELECT " PROGRAMME_COLS PROGRAMME_FROM
                                 " WHERE g.partner_id = ANY (CAST(? AS bigint[]))"
                                 " AND pi.status = 'planned' AND pi.year * 100 + pi.month < ?"
                                 " ORDER BY g.partner_id, pi.year, pi.month, pi.id"
                               : "SELECT " PROGRAMME_COLS PROGRAMME_FROM
                                 " WHERE g.partner_id IN (SELECT value FROM json_each(?))"
                                 " AND pi.status = 'planned' AND pi.year * 100 + pi.month < ?"
                                 " ORDER BY g.partner_id, pi.year, pi.month, pi.id",
                           "ti", list, yyyymm);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_programme_item, fill_item, out, n);
}
