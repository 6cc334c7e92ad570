/* store_calls: calls for recommendations and their applications (calls_store.h). */
#include "mod/assessments/calls_store.h"
#include "db/store_util.h"

#define CALL_COLS                                                                                  \
    "k.id, k.division, k.title, k.status, k.year, k.quota, k.deadline, coalesce(k.created_by, 0)," \
    " k.created_at, coalesce(k.announced_at, 0),"                                                  \
    " (SELECT count(*) FROM call_applications p WHERE p.call_id = k.id)"

static void fill_call(arena *a, db_stmt *st, call_row *r)
{
    r->id = db_col_int(st, 0);
    r->division = col_str(a, st, 1);
    r->title = col_str(a, st, 2);
    r->status = col_str(a, st, 3);
    r->year = (int)db_col_int(st, 4);
    r->quota = (int)db_col_int(st, 5);
    r->deadline = db_col_int(st, 6);
    r->created_by = db_col_int(st, 7);
    r->created_at = db_col_int(st, 8);
    r->announced_at = db_col_int(st, 9);
    r->napplications = db_col_int(st, 10);
}

int store_call_create(db *c, const call_row *r, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO assessment_calls(division, title, year, quota, deadline, created_by,"
                 " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ttiiiIi", r->division, r->title, (int64_t)r->year, (int64_t)r->quota, r->deadline,
                 r->created_by, now),
        id);
}

int store_call_get(db *c, arena *a, int64_t id, call_row *out)
{
    db_stmt *st =
        db_query(c, "SELECT " CALL_COLS " FROM assessment_calls k WHERE k.id = ?", "i", id);
    return STORE_ONE(a, st, fill_call, out);
}

int store_call_list(db *c, arena *a, const char *prefix, int64_t before, int limit, call_row **out,
                    size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " CALL_COLS " FROM assessment_calls k"
                           " WHERE k.division >= ? AND k.division < ? AND (? = 0 OR k.id < ?)"
                           " ORDER BY k.id DESC LIMIT ?",
                           "ttiii", prefix ? prefix : "", prefix_end(a, prefix), before, before,
                           (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, call_row, fill_call, out, n);
}

int store_call_announce(db *c, int64_t id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE assessment_calls SET status = 'announced', announced_at = ?"
                    " WHERE id = ? AND status = 'open'",
                    "ii", now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_CONSTRAINT : rc;
}

int store_call_app_create(db *c, const call_app_row *r, int64_t now, int64_t *id)
{
    db_stmt *st = db_query(c,
                           "INSERT INTO call_applications(call_id, venue_id, division, kind,"
                           " statement, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (call_id, venue_id) DO NOTHING RETURNING id",
                           "iitttIi", r->call_id, r->venue_id, r->division, r->kind, r->statement,
                           r->created_by, now);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1)
        *id = db_col_int(st, 0);
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_CONSTRAINT : s;
}

#define APP_COLS                                                                                   \
    "p.id, p.call_id, p.venue_id, v.name, p.division, p.kind, p.statement, p.status, p.visit_on,"  \
    " p.visitors, coalesce(p.created_by, 0), p.created_at"                                         \
    " FROM call_applications p JOIN venues v ON v.id = p.venue_id"

static void fill_app(arena *a, db_stmt *st, call_app_row *r)
{
    r->id = db_col_int(st, 0);
    r->call_id = db_col_int(st, 1);
    r->venue_id = db_col_int(st, 2);
    r->venue_name = col_str(a, st, 3);
    r->division = col_str(a, st, 4);
    r->kind = col_str(a, st, 5);
    r->statement = col_str(a, st, 6);
    r->status = col_str(a, st, 7);
    r->visit_on = col_str(a, st, 8);
    r->visitors = col_str(a, st, 9);
    r->created_by = db_col_int(st, 10);
    r->created_at = db_col_int(st, 11);
}

int store_call_app_get(db *c, arena *a, int64_t id, call_app_row *out)
{
    db_stmt *st = db_query(c, "SELECT " APP_COLS " WHERE p.id = ?", "i", id);
    return STORE_ONE(a, st, fill_app, out);
}

int store_call_apps(db *c, arena *a, int64_t call_id, call_app_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c, "SELECT " APP_COLS " WHERE p.call_id = ? ORDER BY p.id", "i", call_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, call_app_row, fill_app, out, n);
}

int store_call_app_visit(db *c, int64_t id, const char *day, const char *visitors)
{
    return db_run(c,
                  "UPDATE call_applications SET visit_on = ?, visitors = ?,"
                  " status = 'visit_scheduled' WHERE id = ?",
                  "tti", day, visitors, id);
}

int store_call_app_set_status(db *c, int64_t id, const char *status)
{
    return db_run(c, "UPDATE call_applications SET status = ? WHERE id = ?", "ti", status, id);
}

int store_call_due(db *c, arena *a, int64_t from, int64_t to, call_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " CALL_COLS " FROM assessment_calls k WHERE k.status = 'open'"
                           " AND k.deadline >= ? AND k.deadline < ? ORDER BY k.id LIMIT 200",
                           "ii", from, to);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, call_row, fill_call, out, n);
}
