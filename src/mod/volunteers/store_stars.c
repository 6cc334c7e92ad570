/* store_stars: star thresholds, applications, objections and levels; the sums behind service
 * certificates and the module's indicators (star_store.h). */
#include "mod/volunteers/star_store.h"
#include "db/store_util.h"

int store_star_thresholds_nearest(db *c, const char *code, int64_t hours[STAR_LEVELS],
                                  char from[16])
{
    /* the ancestors of a GB/T 2260 code are its prefixes of 2, 4, 6 and 9 digits */
    static const size_t lens[] = {2, 4, 6, 9, 12};
    char p[5][16];
    const char *arg[5] = {NULL, NULL, NULL, NULL, NULL};
    size_t n = strlen(code);
    for (int i = 0; i < 5; i++)
        if (lens[i] <= n && lens[i] < sizeof(p[i])) {
            memcpy(p[i], code, lens[i]);
            p[i][lens[i]] = '\0';
            arg[i] = p[i];
        }
    db_stmt *st = db_query(c,
                           "SELECT division, h1, h2, h3, h4, h5 FROM volunteer_star_thresholds"
                           " WHERE division IN (?, ?, ?, ?, ?) ORDER BY length(division) DESC"
                           " LIMIT 1",
                           "ttttt", arg[0], arg[1], arg[2], arg[3], arg[4]);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        snprintf(from, 16, "%s", db_col_text(st, 0));
        for (int i = 0; i < STAR_LEVELS; i++)
            hours[i] = db_col_int(st, i + 1);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_star_thresholds_get(db *c, const char *division, int64_t hours[STAR_LEVELS])
{
    db_stmt *st = db_query(c,
                           "SELECT h1, h2, h3, h4, h5 FROM volunteer_star_thresholds"
                           " WHERE division = ?",
                           "t", division);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1)
        for (int i = 0; i < STAR_LEVELS; i++)
            hours[i] = db_col_int(st, i);
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_star_thresholds_put(db *c, const char *division, const int64_t hours[STAR_LEVELS],
                              int64_t by, int64_t now)
{
    return db_run(c,
                  "INSERT INTO volunteer_star_thresholds(division, h1, h2, h3, h4, h5, set_by,"
                  " set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (division) DO UPDATE SET h1 = excluded.h1, h2 = excluded.h2,"
                  " h3 = excluded.h3, h4 = excluded.h4, h5 = excluded.h5,"
                  " set_by = excluded.set_by, set_at = excluded.set_at",
                  "tiiiiiIi", division, hours[0], hours[1], hours[2], hours[3], hours[4], by, now);
}

int store_star_main_org(db *c, int64_t user_id, int64_t *org_id, int64_t *minutes)
{
    *org_id = *minutes = 0;
    db_stmt *st = db_query(c,
                           "SELECT org_id, sum(minutes) FROM volunteer_hours"
                           " WHERE user_id = ? AND status = 'verified' GROUP BY org_id"
                           " ORDER BY 2 DESC, 1 LIMIT 1",
                           "i", user_id);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *org_id = db_col_int(st, 0);
        *minutes = db_col_int(st, 1);
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int store_star_service(db *c, int64_t user_id, int64_t org_id, int64_t *minutes, int64_t *first,
                       int64_t *last, int64_t *last_id)
{
    *minutes = *first = *last = *last_id = 0;
    db_stmt *st = db_query(
        c,
        "SELECT coalesce(sum(minutes), 0),"
        " coalesce(min(CASE WHEN source <> 'correction' THEN coalesce(started_at, created_at)"
        " END), 0),"
        " coalesce(max(CASE WHEN source <> 'correction' THEN coalesce(ended_at, created_at)"
        " END), 0),"
        " coalesce(max(id), 0)"
        " FROM volunteer_hours WHERE user_id = ? AND org_id = ? AND status = 'verified'",
        "ii", user_id, org_id);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *minutes = db_col_int(st, 0);
        *first = db_col_int(st, 1);
        *last = db_col_int(st, 2);
        *last_id = db_col_int(st, 3);
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

#define APP_COLS                                                                                   \
    "a.id, a.volunteer_id, a.user_id, a.division, a.level, a.minutes, coalesce(a.org_id, 0),"      \
    " o.name, v.real_name, a.applied_by, a.notice_until, a.status, coalesce(a.decided_by, 0),"     \
    " coalesce(a.decided_at, 0), a.decision_note, coalesce(a.revoked_at, 0), a.revoke_reason,"     \
    " a.created_at,"                                                                               \
    " (SELECT count(*) FROM volunteer_star_objections j WHERE j.application_id = a.id)"            \
    " FROM volunteer_star_applications a JOIN volunteers v ON v.id = a.volunteer_id"               \
    " LEFT JOIN volunteer_orgs o ON o.id = a.org_id"

static void fill_app(arena *a, db_stmt *st, star_application *x)
{
    x->id = db_col_int(st, 0);
    x->volunteer_id = db_col_int(st, 1);
    x->user_id = db_col_int(st, 2);
    x->division = col_str(a, st, 3);
    x->level = (int)db_col_int(st, 4);
    x->minutes = db_col_int(st, 5);
    x->org_id = db_col_int(st, 6);
    x->org_name = col_str(a, st, 7);
    x->real_name = col_str(a, st, 8);
    x->applied_by = db_col_int(st, 9);
    x->notice_until = db_col_int(st, 10);
    x->status = col_str(a, st, 11);
    x->decided_by = db_col_int(st, 12);
    x->decided_at = db_col_int(st, 13);
    x->decision_note = col_str(a, st, 14);
    x->revoked_at = db_col_int(st, 15);
    x->revoke_reason = col_str(a, st, 16);
    x->created_at = db_col_int(st, 17);
    x->objections = db_col_int(st, 18);
}

int store_star_application_create(db *c, const star_application *a, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_star_applications(volunteer_id, user_id, division, level,"
                 " minutes, org_id, applied_by, notice_until, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iitiiIiii", a->volunteer_id, a->user_id, a->division, (int64_t)a->level,
                 a->minutes, a->org_id, a->applied_by, a->notice_until, now),
        id);
}

int store_star_application_get(db *c, arena *a, int64_t id, star_application *out)
{
    db_stmt *st = db_query(c, "SELECT " APP_COLS " WHERE a.id = ?", "i", id);
    return STORE_ONE(a, st, fill_app, out);
}

int store_star_application_list(db *c, arena *a, const char *status, const char *prefix,
                                int64_t user_id, int64_t after, int limit, star_application **out,
                                size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " APP_COLS " WHERE (CAST(? AS TEXT) IS NULL OR a.status = ?)"
                           " AND a.division >= ? AND a.division < ? AND (? = 0 OR a.user_id = ?)"
                           " AND a.id > ? ORDER BY a.id LIMIT ?",
                           "ttttiiii", status, status, prefix ? prefix : "", prefix_end(a, prefix),
                           user_id, user_id, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, star_application, fill_app, out, n);
}

int store_star_application_decide(db *c, int64_t id, const char *status, int64_t by,
                                  const char *note, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_star_applications SET status = ?, decided_by = ?,"
                    " decided_at = ?, decision_note = ? WHERE id = ? AND status = 'notice'",
                    "tiiti", status, by, now, note ? note : "", id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_CONSTRAINT;
}

int store_star_application_revoke(db *c, int64_t id, int64_t by, const char *reason, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_star_applications SET status = 'revoked', revoked_by = ?,"
                    " revoked_at = ?, revoke_reason = ? WHERE id = ? AND status = 'granted'",
                    "iiti", by, now, reason, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_CONSTRAINT;
}

static void fill_obj(arena *a, db_stmt *st, star_objection *o)
{
    o->id = db_col_int(st, 0);
    o->application_id = db_col_int(st, 1);
    o->user_id = db_col_int(st, 2);
    o->reason = col_str(a, st, 3);
    o->status = col_str(a, st, 4);
    o->created_at = db_col_int(st, 5);
}

int store_star_objection_create(db *c, int64_t application_id, int64_t user_id, const char *reason,
                                int64_t now, int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO volunteer_star_objections(application_id,"
                                        " user_id, reason, created_at) VALUES (?, ?, ?, ?)"
                                        " RETURNING id",
                                        "iiti", application_id, user_id, reason, now),
                               id);
}

int store_star_objection_list(db *c, arena *a, int64_t application_id, star_objection **out,
                              size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, application_id, user_id, reason, status, created_at"
                           " FROM volunteer_star_objections WHERE application_id = ? ORDER BY id",
                           "i", application_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, star_objection, fill_obj, out, n);
}

int store_star_objection_close(db *c, int64_t application_id, const char *status)
{
    return db_run(c,
                  "UPDATE volunteer_star_objections SET status = ?"
                  " WHERE application_id = ? AND status = 'open'",
                  "ti", status, application_id);
}

int store_star_level_get(db *c, int64_t volunteer_id, int *level)
{
    int64_t v;
    int rc =
        store_one_int(db_query(c, "SELECT level FROM volunteer_star_levels WHERE volunteer_id = ?",
                               "i", volunteer_id),
                      &v);
    *level = (int)v;
    return rc;
}

int store_star_level_put(db *c, int64_t volunteer_id, int64_t user_id, const char *division,
                         int level, int64_t application_id, int64_t now)
{
    return db_run(c,
                  "INSERT INTO volunteer_star_levels(volunteer_id, user_id, division, level,"
                  " application_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (volunteer_id) DO UPDATE SET level = excluded.level,"
                  " division = excluded.division, application_id = excluded.application_id,"
                  " updated_at = excluded.updated_at",
                  "iitiIi", volunteer_id, user_id, division, (int64_t)level, application_id, now);
}

int store_star_level_clear(db *c, int64_t volunteer_id, int64_t application_id, int64_t now)
{
    return db_run(c,
                  "UPDATE volunteer_star_levels SET level = 0, updated_at = ?"
                  " WHERE volunteer_id = ? AND application_id = ?",
                  "iii", now, volunteer_id, application_id);
}

int store_star_demo_hours(db *c, int64_t volunteer_id, int64_t user_id, int64_t org_id,
                          int64_t started, int64_t ended, int64_t minutes, const char *note,
                          int64_t by, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_hours(volunteer_id, user_id, org_id, source, started_at,"
                 " ended_at, minutes, note, reported_by, created_at)"
                 " VALUES (?, ?, ?, 'reported', ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iiiiiitii", volunteer_id, user_id, org_id, started, ended, minutes, note, by,
                 now),
        id);
}

int store_star_demo_count(db *c, int64_t user_id, const char *note, int64_t *n)
{
    return store_one_int(
        db_query(c, "SELECT count(*) FROM volunteer_hours WHERE user_id = ? AND note = ?", "it",
                 user_id, note),
        n);
}

int store_star_demo_verify(db *c, int64_t id, int64_t entry_id, int64_t by, int64_t now)
{
    return db_run(c,
                  "UPDATE volunteer_hours SET status = 'verified', verified_by = ?, decided_at = ?,"
                  " ledger_entry_id = ? WHERE id = ? AND status = 'pending'",
                  "iiii", by, now, entry_id, id);
}

int store_star_count_volunteers(db *c, const char *prefix, int64_t before, int64_t *n)
{
    char end[32];
    snprintf(end, sizeof end, "%s:", prefix ? prefix : "");
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM volunteers WHERE division >= ?"
                                  " AND division < ? AND created_at < ?",
                                  "tti", prefix ? prefix : "", end, before),
                         n);
}

int store_star_sum_minutes(db *c, const char *prefix, int64_t from, int64_t to, int64_t *minutes)
{
    char end[32];
    snprintf(end, sizeof end, "%s:", prefix ? prefix : "");
    return store_one_int(
        db_query(c,
                 "SELECT coalesce(sum(h.minutes), 0) FROM volunteer_hours h"
                 " JOIN volunteer_orgs o ON o.id = h.org_id WHERE h.status = 'verified'"
                 " AND o.division >= ? AND o.division < ?"
                 " AND coalesce(h.decided_at, h.created_at) >= ?"
                 " AND coalesce(h.decided_at, h.created_at) < ?",
                 "ttii", prefix ? prefix : "", end, from, to),
        minutes);
}

int store_star_count_active(db *c, const char *prefix, int64_t from, int64_t to, int records,
                            int64_t *n)
{
    char end[32];
    snprintf(end, sizeof end, "%s:", prefix ? prefix : "");
    return store_one_int(
        db_query(c,
                 records ? "SELECT count(*) FROM volunteer_hours h"
                           " JOIN volunteers v ON v.id = h.volunteer_id"
                           " WHERE h.status = 'verified' AND h.source <> 'correction'"
                           " AND v.division >= ? AND v.division < ?"
                           " AND coalesce(h.decided_at, h.created_at) >= ?"
                           " AND coalesce(h.decided_at, h.created_at) < ?"
                         : "SELECT count(DISTINCT h.volunteer_id) FROM volunteer_hours h"
                           " JOIN volunteers v ON v.id = h.volunteer_id"
                           " WHERE h.status = 'verified' AND v.division >= ? AND v.division < ?"
                           " AND coalesce(h.decided_at, h.created_at) >= ?"
                           " AND coalesce(h.decided_at, h.created_at) < ?",
                 "ttii", prefix ? prefix : "", end, from, to),
        n);
}

int store_star_count_level(db *c, const char *prefix, int level, int64_t before, int64_t *n)
{
    char end[32];
    snprintf(end, sizeof end, "%s:", prefix ? prefix : "");
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM volunteer_star_levels WHERE level = ?"
                                  " AND division >= ? AND division < ? AND updated_at < ?",
                                  "itti", (int64_t)level, prefix ? prefix : "", end, before),
                         n);
}

int store_star_hours_scan(db *c, arena *a, const char *prefix, star_hours_fn cb, void *ud)
{
    const char *p = prefix ? prefix : "";
    db_stmt *st = db_query(c,
                           "SELECT v.id, v.division, coalesce(b.balance, 0) FROM volunteers v"
                           " LEFT JOIN ledger_balances b ON b.book = 'hours'"
                           " AND b.account = 'u:' || v.user_id"
                           " WHERE v.division >= ? AND v.division < ? ORDER BY v.division, v.id",
                           "tt", p, prefix_end(a, p));
    if (!st)
        return WY_ERR;
    int rc;
    while ((rc = db_step(st)) == 1)
        if (cb(ud, db_col_int(st, 0), db_col_text(st, 1), db_col_int(st, 2)))
            break;
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}
