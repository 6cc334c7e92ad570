/* store_hours: shifts and sign-ups at check-in and check-out, and the records of service
 * hours (hours_store.h). */
#include <string.h>

#include "db/store_util.h"
#include "mod/volunteers/hours_store.h"

#define SHIFT_COLS                                                                                 \
    "s.id, s.project_id, s.division, s.title, s.starts_at, s.ends_at, s.place, s.status,"          \
    " s.check_code, p.org_id, o.name, p.title"                                                     \
    " FROM volunteer_shifts s JOIN volunteer_projects p ON p.id = s.project_id"                    \
    " JOIN volunteer_orgs o ON o.id = p.org_id"

static void fill_shift(arena *a, db_stmt *st, hours_shift *s)
{
    s->id = db_col_int(st, 0);
    s->project_id = db_col_int(st, 1);
    s->division = col_str(a, st, 2);
    s->title = col_str(a, st, 3);
    s->starts_at = db_col_int(st, 4);
    s->ends_at = db_col_int(st, 5);
    s->place = col_str(a, st, 6);
    s->status = col_str(a, st, 7);
    s->check_code = col_str(a, st, 8);
    s->org_id = db_col_int(st, 9);
    s->org_name = col_str(a, st, 10);
    s->project_title = col_str(a, st, 11);
}

int store_hours_shift_get(db *c, arena *a, int64_t id, hours_shift *out)
{
    db_stmt *st = db_query(c, "SELECT " SHIFT_COLS " WHERE s.id = ?", "i", id);
    return STORE_ONE(a, st, fill_shift, out);
}

int store_hours_shift_by_code(db *c, arena *a, const char *code, hours_shift *out)
{
    db_stmt *st = db_query(c, "SELECT " SHIFT_COLS " WHERE s.check_code = ?", "t", code);
    return STORE_ONE(a, st, fill_shift, out);
}

int store_hours_shift_insert(db *c, const hours_shift *s, int64_t capacity, int64_t by, int64_t now,
                             int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_shifts(project_id, division, title, starts_at, ends_at,"
                 " place, capacity, status, check_code, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id",
                 "ittiititIii", s->project_id, s->division, s->title, s->starts_at, s->ends_at,
                 s->place, capacity, s->check_code, by, now, now),
        id);
}

int store_hours_signup_insert(db *c, int64_t shift_id, int64_t volunteer_id, int64_t user_id,
                              int64_t now, int64_t *id)
{
    int rc = db_run(c,
                    "UPDATE volunteer_shifts SET taken = taken + 1, updated_at = ?"
                    " WHERE id = ? AND taken + 1 <= capacity",
                    "ii", now, shift_id);
    if (rc == WY_OK && db_changes(c) != 1)
        rc = WY_CONSTRAINT;
    if (rc != WY_OK)
        return rc;
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_signups(shift_id, volunteer_id, user_id, status,"
                 " created_at, updated_at) VALUES (?, ?, ?, 'confirmed', ?, ?) RETURNING id",
                 "iiiii", shift_id, volunteer_id, user_id, now, now),
        id);
}

#define SIGNUP_COLS                                                                                \
    "id, shift_id, volunteer_id, user_id, status, coalesce(checked_in_at, 0),"                     \
    " coalesce(checked_out_at, 0), coalesce(excused_at, 0), excuse FROM volunteer_signups"

static void fill_signup(arena *a, db_stmt *st, hours_signup *s)
{
    s->id = db_col_int(st, 0);
    s->shift_id = db_col_int(st, 1);
    s->volunteer_id = db_col_int(st, 2);
    s->user_id = db_col_int(st, 3);
    s->status = col_str(a, st, 4);
    s->checked_in_at = db_col_int(st, 5);
    s->checked_out_at = db_col_int(st, 6);
    s->excused_at = 0;
    s->excuse = NULL;
}

/* fill_signup and the excuse of a no-show, columns 7 and 8 */
static void fill_signup_x(arena *a, db_stmt *st, hours_signup *s)
{
    fill_signup(a, st, s);
    s->excused_at = db_col_int(st, 7);
    s->excuse = db_col_null(st, 8) ? NULL : col_str(a, st, 8);
}

int store_hours_signup_get(db *c, arena *a, int64_t id, hours_signup *out)
{
    db_stmt *st = db_query(c, "SELECT " SIGNUP_COLS " WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_signup_x, out);
}

int store_hours_signup_live(db *c, arena *a, int64_t shift_id, int64_t user_id, hours_signup *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " SIGNUP_COLS " WHERE shift_id = ? AND user_id = ?"
                           " AND status IN ('confirmed', 'checked_in') ORDER BY id DESC LIMIT 1",
                           "ii", shift_id, user_id);
    return STORE_ONE(a, st, fill_signup_x, out);
}

int store_hours_signup_count(db *c, int64_t shift_id, int64_t user_id, int64_t *n)
{
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM volunteer_signups WHERE shift_id = ?"
                                  " AND user_id = ?",
                                  "ii", shift_id, user_id),
                         n);
}

static void fill_roster(arena *a, db_stmt *st, hours_signup *s)
{
    fill_signup_x(a, st, s);
    s->real_name = col_str(a, st, 9);
}

int store_hours_shift_signups(db *c, arena *a, int64_t shift_id, hours_signup **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.id, g.shift_id, g.volunteer_id, g.user_id, g.status,"
                           " coalesce(g.checked_in_at, 0), coalesce(g.checked_out_at, 0),"
                           " coalesce(g.excused_at, 0), g.excuse,"
                           " v.real_name FROM volunteer_signups g"
                           " JOIN volunteers v ON v.id = g.volunteer_id WHERE g.shift_id = ?"
                           " AND g.status IN ('confirmed', 'checked_in', 'completed', 'no_show')"
                           " ORDER BY g.id LIMIT 1000",
                           "i", shift_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, hours_signup, fill_roster, out, n);
}

static int changed_one(db *c, int rc)
{
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_CONSTRAINT;
}

int store_hours_signup_checkin(db *c, int64_t id, int64_t by, int64_t now)
{
    return changed_one(c, db_run(c,
                                 "UPDATE volunteer_signups SET status = 'checked_in',"
                                 " checked_in_at = ?, checked_in_by = ?, updated_at = ?"
                                 " WHERE id = ? AND status = 'confirmed'",
                                 "iIii", now, by, now, id));
}

int store_hours_signup_complete(db *c, int64_t shift_id, int64_t id, int64_t by, int64_t now)
{
    int rc = changed_one(c, db_run(c,
                                   "UPDATE volunteer_signups SET status = 'completed',"
                                   " checked_out_at = ?, checked_out_by = ?, updated_at = ?"
                                   " WHERE id = ? AND status = 'checked_in'",
                                   "iIii", now, by, now, id));
    if (rc != WY_OK)
        return rc;
    return db_run(c,
                  "UPDATE volunteer_shifts SET taken = taken - 1, updated_at = ?"
                  " WHERE id = ? AND taken > 0",
                  "ii", now, shift_id);
}

int store_hours_signup_excuse(db *c, int64_t id, int64_t by, const char *excuse, int64_t now)
{
    return changed_one(c, db_run(c,
                                 "UPDATE volunteer_signups SET excused_at = ?, excused_by = ?,"
                                 " excuse = ?, updated_at = ?"
                                 " WHERE id = ? AND status = 'no_show' AND excused_at IS NULL",
                                 "iItii", now, by, excuse, now, id));
}

/* ---- settling past shifts ---- */

int store_hours_settle_due(db *c, arena *a, int64_t cutoff, int limit, hours_signup **out,
                           size_t *n)
{
    /* the live sign-ups: the partial index volunteer_signups_one; each joined to its shift */
    db_stmt *st = db_query(c,
                           "SELECT g.id, g.shift_id, g.volunteer_id, g.user_id, g.status,"
                           " coalesce(g.checked_in_at, 0), coalesce(g.checked_out_at, 0)"
                           " FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id"
                           " WHERE g.status IN ('invited', 'confirmed', 'waitlisted', 'checked_in')"
                           " AND s.status = 'open' AND s.ends_at <= ? ORDER BY g.id LIMIT ?",
                           "ii", cutoff, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, hours_signup, fill_signup, out, n);
}

int store_hours_signup_settle(db *c, int64_t shift_id, int64_t id, const char *from, const char *to,
                              const char *ended, int64_t now)
{
    int rc = changed_one(c, db_run(c,
                                   "UPDATE volunteer_signups SET status = ?, ended = ?,"
                                   " settled_at = ?, updated_at = ? WHERE id = ? AND status = ?",
                                   "ttiiit", to, ended, now, now, id, from));
    if (rc != WY_OK || strcmp(from, "confirmed"))
        return rc;
    /* a confirmed sign-up held a place; a no-show holds none */
    return db_run(c,
                  "UPDATE volunteer_shifts SET taken = taken - 1, updated_at = ?"
                  " WHERE id = ? AND taken > 0",
                  "ii", now, shift_id);
}

int store_hours_signup_settled(db *c, int64_t id, int64_t now)
{
    return changed_one(
        c, db_run(c, "UPDATE volunteer_signups SET settled_at = ? WHERE id = ?", "ii", now, id));
}

#define HOURS_COLS                                                                                 \
    "h.id, h.volunteer_id, h.user_id, h.org_id, coalesce(h.project_id, 0),"                        \
    " coalesce(h.shift_id, 0), coalesce(h.signup_id, 0), h.source, coalesce(h.corrects, 0),"       \
    " coalesce(h.started_at, 0), coalesce(h.ended_at, 0), h.minutes, h.note, h.status,"            \
    " coalesce(h.reported_by, 0), coalesce(h.verified_by, 0), coalesce(h.decided_at, 0),"          \
    " h.decision_note, coalesce(h.ledger_entry_id, 0), h.created_at, o.name, o.division,"          \
    " coalesce(p.title, ''), v.real_name, u.phone"                                                 \
    " FROM volunteer_hours h JOIN volunteer_orgs o ON o.id = h.org_id"                             \
    " LEFT JOIN volunteer_projects p ON p.id = h.project_id"                                       \
    " JOIN volunteers v ON v.id = h.volunteer_id JOIN users u ON u.id = h.user_id"

static void fill_record(arena *a, db_stmt *st, hours_record *r)
{
    r->id = db_col_int(st, 0);
    r->volunteer_id = db_col_int(st, 1);
    r->user_id = db_col_int(st, 2);
    r->org_id = db_col_int(st, 3);
    r->project_id = db_col_int(st, 4);
    r->shift_id = db_col_int(st, 5);
    r->signup_id = db_col_int(st, 6);
    r->source = col_str(a, st, 7);
    r->corrects = db_col_int(st, 8);
    r->started_at = db_col_int(st, 9);
    r->ended_at = db_col_int(st, 10);
    r->minutes = db_col_int(st, 11);
    r->note = col_str(a, st, 12);
    r->status = col_str(a, st, 13);
    r->reported_by = db_col_int(st, 14);
    r->verified_by = db_col_int(st, 15);
    r->decided_at = db_col_int(st, 16);
    r->decision_note = col_str(a, st, 17);
    r->ledger_entry_id = db_col_int(st, 18);
    r->created_at = db_col_int(st, 19);
    r->org_name = col_str(a, st, 20);
    r->org_division = col_str(a, st, 21);
    r->project_title = col_str(a, st, 22);
    r->real_name = col_str(a, st, 23);
    r->phone = col_str(a, st, 24);
}

int store_hours_insert(db *c, const hours_record *r, int64_t now, int64_t *id)
{
    int verified = !strcmp(r->status, "verified");
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_hours(volunteer_id, user_id, org_id, project_id, shift_id,"
                 " signup_id, source, corrects, started_at, ended_at, minutes, note, status,"
                 " reported_by, verified_by, decided_at, decision_note, ledger_entry_id,"
                 " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "iiiIIItIIIittIIItIi", r->volunteer_id, r->user_id, r->org_id, r->project_id,
                 r->shift_id, r->signup_id, r->source, r->corrects, r->started_at, r->ended_at,
                 r->minutes, r->note ? r->note : "", r->status, r->reported_by, r->verified_by,
                 verified ? now : (int64_t)0, r->decision_note ? r->decision_note : "",
                 r->ledger_entry_id, now),
        id);
}

int store_hours_get(db *c, arena *a, int64_t id, hours_record *out)
{
    db_stmt *st = db_query(c, "SELECT " HOURS_COLS " WHERE h.id = ?", "i", id);
    return STORE_ONE(a, st, fill_record, out);
}

int store_hours_decide(db *c, int64_t id, const char *status, int64_t by, const char *note,
                       int64_t entry_id, int64_t now)
{
    return changed_one(c, db_run(c,
                                 "UPDATE volunteer_hours SET status = ?, verified_by = ?,"
                                 " decided_at = ?, decision_note = ?, ledger_entry_id = ?"
                                 " WHERE id = ? AND status = 'pending'",
                                 "tIitIi", status, by, now, note ? note : "", entry_id, id));
}

int store_hours_by_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                        hours_record **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " HOURS_COLS " WHERE h.user_id = ? AND (? = 0 OR h.id < ?)"
                           " ORDER BY h.id DESC LIMIT ?",
                           "iiii", user_id, before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, hours_record, fill_record, out, n);
}

int store_hours_pending(db *c, arena *a, const char *prefix, int64_t coordinator, int64_t after,
                        int limit, hours_record **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " HOURS_COLS " WHERE h.status = 'pending'"
                 " AND o.division >= ? AND o.division < ? AND h.id > ?"
                 " AND (? = 0 OR coalesce(o.parent_id, o.id) IN"
                 " (SELECT k.org_id FROM volunteer_org_coordinators k WHERE k.user_id = ?))"
                 " ORDER BY h.id LIMIT ?",
                 "ttiiii", prefix ? prefix : "", prefix_end(a, prefix), after, coordinator,
                 coordinator, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, hours_record, fill_record, out, n);
}

int store_hours_verified_of_org(db *c, arena *a, int64_t org_id, int64_t from, int64_t to,
                                int64_t after, int limit, hours_record **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " HOURS_COLS " WHERE h.status = 'verified'"
                           " AND (h.org_id = ? OR o.parent_id = ?)"
                           " AND coalesce(h.started_at, h.created_at) >= ?"
                           " AND coalesce(h.started_at, h.created_at) < ? AND h.id > ?"
                           " ORDER BY h.id LIMIT ?",
                           "iiiiii", org_id, org_id, from, to, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, hours_record, fill_record, out, n);
}

int store_hours_corrected(db *c, int64_t id, int64_t *sum)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(sum(minutes), 0) FROM volunteer_hours"
                                  " WHERE corrects = ? AND status = 'verified'",
                                  "i", id),
                         sum);
}

static void fill_posted(arena *a, db_stmt *st, hours_posted *p)
{
    p->id = db_col_int(st, 0);
    p->user_id = db_col_int(st, 1);
    p->org_id = db_col_int(st, 2);
    p->minutes = db_col_int(st, 3);
    p->entry_id = db_col_int(st, 4);
    p->found = !db_col_null(st, 5);
    p->book = col_str(a, st, 6);
    p->debit = col_str(a, st, 7);
    p->credit = col_str(a, st, 8);
    p->ref_type = col_str(a, st, 9);
    p->amount = db_col_int(st, 10);
    p->ref_id = db_col_int(st, 11);
}

int store_hours_verified_scan(db *c, arena *a, int64_t after, int limit, hours_posted **out,
                              size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT h.id, h.user_id, h.org_id, h.minutes,"
                           " coalesce(h.ledger_entry_id, 0), e.id, coalesce(e.book, ''),"
                           " coalesce(e.debit, ''), coalesce(e.credit, ''),"
                           " coalesce(e.ref_type, ''), coalesce(e.amount, 0),"
                           " coalesce(e.ref_id, 0)"
                           " FROM volunteer_hours h LEFT JOIN ledger_entries e"
                           " ON e.id = h.ledger_entry_id"
                           " WHERE h.status = 'verified' AND h.id > ? ORDER BY h.id LIMIT ?",
                           "ii", after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, hours_posted, fill_posted, out, n);
}

int store_hours_posted_counts(db *c, int64_t *records, int64_t *entries)
{
    int rc = store_one_int(
        db_query(c, "SELECT count(*) FROM volunteer_hours WHERE status = 'verified'", ""), records);
    if (rc != WY_OK)
        return rc;
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM ledger_entries WHERE book = 'hours'"
                                  " AND ref_type = 'volunteer_hours'",
                                  ""),
                         entries);
}
