/* store_progress: members of units, status history, reports, contributions, indicators and the
 * deadlines job's notices (progress_store.h). */
#include "mod/tasks/progress_store.h"
#include "db/store_util.h"

static void fill_unit(arena *a, db_stmt *st, unit_row *u)
{
    u->id = db_col_int(st, 0);
    u->division = col_str(a, st, 1);
    u->name = col_str(a, st, 2);
    u->created_at = db_col_int(st, 3);
    u->nmembers = db_col_int(st, 4);
}

#define UNIT_COLS                                                                                  \
    "u.id, u.division, u.name, u.created_at,"                                                      \
    " (SELECT count(*) FROM unit_members m WHERE m.unit_id = u.id)"

int store_unit_get(db *c, arena *a, int64_t id, unit_row *out)
{
    db_stmt *st = db_query(c, "SELECT " UNIT_COLS " FROM units u WHERE u.id = ?", "i", id);
    return STORE_ONE(a, st, fill_unit, out);
}

int store_unit_list(db *c, arena *a, const char *prefix, int64_t after, int limit, unit_row **out,
                    size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " UNIT_COLS " FROM units u WHERE u.division >= ?"
                 " AND u.division < ? AND u.id > ? ORDER BY u.id LIMIT ?",
                 "ttii", prefix ? prefix : "", prefix_end(a, prefix), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, unit_row, fill_unit, out, n);
}

static void fill_member(arena *a, db_stmt *st, unit_member_row *m)
{
    m->unit_id = db_col_int(st, 0);
    m->user_id = db_col_int(st, 1);
    m->name = col_str(a, st, 2);
    m->phone = col_str(a, st, 3);
    m->added_at = db_col_int(st, 4);
}

int store_unit_members(db *c, arena *a, int64_t unit_id, unit_member_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT m.unit_id, m.user_id, u.name, u.phone, m.added_at"
                           " FROM unit_members m JOIN users u ON u.id = m.user_id"
                           " WHERE m.unit_id = ? ORDER BY m.added_at, m.user_id",
                           "i", unit_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, unit_member_row, fill_member, out, n);
}

int store_unit_member_add(db *c, int64_t unit_id, int64_t user_id, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "INSERT INTO unit_members(unit_id, user_id, added_by, added_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "iiIi", unit_id, user_id, by, now);
    if (rc == WY_OK && db_changes(c) == 0)
        return WY_CONSTRAINT;
    return rc;
}

int store_unit_member_remove(db *c, int64_t unit_id, int64_t user_id)
{
    int rc = db_run(c, "DELETE FROM unit_members WHERE unit_id = ? AND user_id = ?", "ii", unit_id,
                    user_id);
    if (rc == WY_OK && db_changes(c) == 0)
        return WY_NOTFOUND;
    return rc;
}

int store_user_is_staff(db *c, int64_t user_id, int *staff)
{
    int64_t k = 0;
    int rc = store_one_int(db_query(c,
                                    "SELECT count(*) FROM role_grants g JOIN users u"
                                    " ON u.id = g.user_id WHERE g.user_id = ?"
                                    " AND u.status = 'active' AND g.role <> 'citizen'",
                                    "i", user_id),
                           &k);
    *staff = k > 0;
    return rc;
}

#define TASK_COLS                                                                                  \
    "t.id, t.plan_id, t.seq, t.number, t.section, t.title, t.content, t.deadline,"                 \
    " t.deadline_text, t.ongoing, t.rhythm, t.status, t.source_row, t.created_at,"                 \
    " t.updated_at, p.title, p.division, coalesce(t.escalated_at, 0), t.escalated_deadline"

static void fill_full_at(arena *a, db_stmt *st, task_full *f)
{
    plan_task_row *t = &f->t;
    t->id = db_col_int(st, 0);
    t->plan_id = db_col_int(st, 1);
    t->seq = (int)db_col_int(st, 2);
    t->number = col_str(a, st, 3);
    t->section = col_str(a, st, 4);
    t->title = col_str(a, st, 5);
    t->content = col_str(a, st, 6);
    t->deadline = db_col_null(st, 7) ? NULL : col_str(a, st, 7);
    t->deadline_text = col_str(a, st, 8);
    t->ongoing = (int)db_col_int(st, 9);
    t->rhythm = col_str(a, st, 10);
    t->status = col_str(a, st, 11);
    t->source_row = (int)db_col_int(st, 12);
    t->created_at = db_col_int(st, 13);
    t->updated_at = db_col_int(st, 14);
    f->plan_title = col_str(a, st, 15);
    f->division = col_str(a, st, 16);
    f->escalated_at = db_col_int(st, 17);
    f->escalated_deadline = db_col_null(st, 18) ? NULL : col_str(a, st, 18);
}

int store_task_get(db *c, arena *a, int64_t id, task_full *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " TASK_COLS " FROM plan_tasks t JOIN plans p ON p.id = t.plan_id"
                           " WHERE t.id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_full_at, out);
}

int store_task_member_units(db *c, int64_t task_id, int64_t user_id, int64_t *lead,
                            int64_t *cooperating)
{
    *lead = *cooperating = 0;
    db_stmt *st = db_query(c,
                           "SELECT tu.role, tu.unit_id FROM plan_task_units tu JOIN unit_members m"
                           " ON m.unit_id = tu.unit_id WHERE tu.task_id = ? AND m.user_id = ?"
                           " ORDER BY tu.role, tu.ord",
                           "ii", task_id, user_id);
    if (!st)
        return WY_ERR;
    int r;
    while ((r = db_step(st)) == 1) {
        int is_lead = !strcmp(db_col_text(st, 0), "lead");
        int64_t *slot = is_lead ? lead : cooperating;
        if (!*slot)
            *slot = db_col_int(st, 1);
    }
    db_done(st);
    return r < 0 ? r : WY_OK;
}

static void fill_id(arena *a, db_stmt *st, int64_t *v)
{
    (void)a;
    *v = db_col_int(st, 0);
}

int store_task_lead_members(db *c, arena *a, int64_t task_id, int64_t **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT DISTINCT m.user_id FROM plan_task_units tu JOIN unit_members m"
                           " ON m.unit_id = tu.unit_id JOIN users u ON u.id = m.user_id"
                           " WHERE tu.task_id = ? AND tu.role = 'lead' AND u.status = 'active'"
                           " ORDER BY m.user_id",
                           "i", task_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, int64_t, fill_id, out, n);
}

int store_task_set_status(db *c, int64_t task_id, const char *from, const char *to,
                          const char *note, int64_t by, int64_t now)
{
    int rc =
        db_run(c, "UPDATE plan_tasks SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
               "tiit", to, now, task_id, from);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_CONSTRAINT;
    return db_run(c,
                  "INSERT INTO plan_task_status_changes(task_id, from_status, to_status, note,"
                  " changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                  "itttIi", task_id, from, to, note, by, now);
}

static void fill_change(arena *a, db_stmt *st, task_status_change *h)
{
    h->id = db_col_int(st, 0);
    h->task_id = db_col_int(st, 1);
    h->from = col_str(a, st, 2);
    h->to = col_str(a, st, 3);
    h->note = col_str(a, st, 4);
    h->by = db_col_int(st, 5);
    h->by_name = col_str(a, st, 6);
    h->at = db_col_int(st, 7);
}

int store_task_status_history(db *c, arena *a, int64_t task_id, task_status_change **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT h.id, h.task_id, h.from_status, h.to_status, h.note,"
                           " coalesce(h.changed_by, 0), coalesce(u.name, ''), h.changed_at"
                           " FROM plan_task_status_changes h LEFT JOIN users u"
                           " ON u.id = h.changed_by WHERE h.task_id = ? ORDER BY h.id",
                           "i", task_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, task_status_change, fill_change, out, n);
}

int store_task_report_add(db *c, const task_report_row *r, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO task_reports(task_id, unit_id, period, body, percent,"
                 " proposed_status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "iittitii", r->task_id, r->unit_id, r->period, r->body, (int64_t)r->percent,
                 r->proposed_status, r->created_by, r->created_at),
        id);
}

#define REPORT_COLS                                                                                \
    "r.id, r.task_id, r.unit_id, un.name, r.period, r.body, r.percent, r.proposed_status,"         \
    " r.created_by, u.name, r.created_at"                                                          \
    " FROM task_reports r JOIN units un ON un.id = r.unit_id JOIN users u ON u.id = r.created_by"

static void fill_report(arena *a, db_stmt *st, task_report_row *r)
{
    r->id = db_col_int(st, 0);
    r->task_id = db_col_int(st, 1);
    r->unit_id = db_col_int(st, 2);
    r->unit_name = col_str(a, st, 3);
    r->period = col_str(a, st, 4);
    r->body = col_str(a, st, 5);
    r->percent = (int)db_col_int(st, 6);
    r->proposed_status = col_str(a, st, 7);
    r->created_by = db_col_int(st, 8);
    r->author = col_str(a, st, 9);
    r->created_at = db_col_int(st, 10);
}

int store_task_report_get(db *c, arena *a, int64_t id, task_report_row *out)
{
    db_stmt *st = db_query(c, "SELECT " REPORT_COLS " WHERE r.id = ?", "i", id);
    return STORE_ONE(a, st, fill_report, out);
}

int store_task_reports(db *c, arena *a, int64_t task_id, task_report_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c, "SELECT " REPORT_COLS " WHERE r.task_id = ? ORDER BY r.id DESC", "i", task_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, task_report_row, fill_report, out, n);
}

int store_task_contribution_add(db *c, const task_contribution_row *r, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO task_contributions(task_id, unit_id, period, body, created_by,"
                 " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                 "iittii", r->task_id, r->unit_id, r->period, r->body, r->created_by,
                 r->created_at),
        id);
}

static void fill_contribution(arena *a, db_stmt *st, task_contribution_row *r)
{
    r->id = db_col_int(st, 0);
    r->task_id = db_col_int(st, 1);
    r->unit_id = db_col_int(st, 2);
    r->unit_name = col_str(a, st, 3);
    r->period = col_str(a, st, 4);
    r->body = col_str(a, st, 5);
    r->created_by = db_col_int(st, 6);
    r->author = col_str(a, st, 7);
    r->created_at = db_col_int(st, 8);
}

int store_task_contributions(db *c, arena *a, int64_t task_id, task_contribution_row **out,
                             size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT r.id, r.task_id, r.unit_id, un.name, r.period, r.body,"
                           " r.created_by, u.name, r.created_at FROM task_contributions r"
                           " JOIN units un ON un.id = r.unit_id JOIN users u ON u.id = r.created_by"
                           " WHERE r.task_id = ? ORDER BY r.id DESC",
                           "i", task_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, task_contribution_row, fill_contribution, out, n);
}

static void fill_owed(arena *a, db_stmt *st, owed_task_row *o)
{
    fill_full_at(a, st, &o->f);
    o->unit_id = db_col_int(st, 19);
    o->unit_name = col_str(a, st, 20);
    o->role = col_str(a, st, 21);
    o->last_report_at = db_col_int(st, 22);
    o->last_report_period = db_col_null(st, 23) ? NULL : col_str(a, st, 23);
}

int store_owed_tasks(db *c, arena *a, int64_t user_id, int64_t unit_id, int limit,
                     owed_task_row **out, size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT " TASK_COLS ", un.id, un.name, tu.role,"
        " coalesce((SELECT max(r.created_at) FROM task_reports r WHERE r.task_id = t.id), 0),"
        " (SELECT r.period FROM task_reports r WHERE r.task_id = t.id"
        "  ORDER BY r.period DESC, r.id DESC LIMIT 1)"
        " FROM plan_task_units tu JOIN units un ON un.id = tu.unit_id"
        " JOIN plan_tasks t ON t.id = tu.task_id JOIN plans p ON p.id = t.plan_id"
        " WHERE (? = 0 OR tu.unit_id IN (SELECT m.unit_id FROM unit_members m WHERE m.user_id = ?))"
        " AND (? = 0 OR tu.unit_id = ?)"
        " ORDER BY t.deadline IS NULL, t.deadline, t.id, tu.role DESC, un.id LIMIT ?",
        "iiiii", user_id, user_id, unit_id, unit_id, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, owed_task_row, fill_owed, out, n);
}

int store_task_indicator_add(db *c, int64_t task_id, const char *code, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "INSERT INTO task_indicators(task_id, code, added_by, added_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "itIi", task_id, code, by, now);
    if (rc == WY_OK && db_changes(c) == 0)
        return WY_CONSTRAINT;
    return rc;
}

int store_task_indicator_remove(db *c, int64_t task_id, const char *code)
{
    int rc = db_run(c, "DELETE FROM task_indicators WHERE task_id = ? AND code = ?", "it", task_id,
                    code);
    if (rc == WY_OK && db_changes(c) == 0)
        return WY_NOTFOUND;
    return rc;
}

static void fill_code(arena *a, db_stmt *st, const char **v)
{
    *v = col_str(a, st, 0);
}

int store_task_indicators(db *c, arena *a, int64_t task_id, const char ***codes, size_t *n)
{
    db_stmt *st =
        db_query(c, "SELECT code FROM task_indicators WHERE task_id = ? ORDER BY added_at, code",
                 "i", task_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, const char *, fill_code, codes, n);
}

static void fill_task_indicator(arena *a, db_stmt *st, task_indicator_row *r)
{
    r->task_id = db_col_int(st, 0);
    r->code = col_str(a, st, 1);
    r->division = col_str(a, st, 2);
    r->title = col_str(a, st, 3);
}

int store_task_indicators_open(db *c, arena *a, task_indicator_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT ti.task_id, ti.code, p.division, t.title FROM task_indicators ti"
                 " JOIN plan_tasks t ON t.id = ti.task_id JOIN plans p ON p.id = t.plan_id"
                 " WHERE t.status IN ('open', 'in_progress') ORDER BY ti.task_id, ti.code",
                 "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, task_indicator_row, fill_task_indicator, out, n);
}

int store_tasks_due(db *c, arena *a, const char *from, const char *to, task_full **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " TASK_COLS " FROM plan_tasks t JOIN plans p ON p.id = t.plan_id"
                           " WHERE t.deadline >= ? AND t.deadline <= ?"
                           " AND t.status IN ('open', 'in_progress') ORDER BY t.deadline, t.id",
                           "tt", from, to);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, task_full, fill_full_at, out, n);
}

int store_tasks_to_escalate(db *c, arena *a, const char *today, task_full **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " TASK_COLS " FROM plan_tasks t JOIN plans p ON p.id = t.plan_id"
                 " WHERE t.deadline < ? AND t.status IN ('open', 'in_progress')"
                 " AND (t.escalated_deadline IS NULL OR t.escalated_deadline <> t.deadline)"
                 " ORDER BY t.deadline, t.id",
                 "t", today);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, task_full, fill_full_at, out, n);
}

int store_task_mark_escalated(db *c, int64_t task_id, const char *deadline, int64_t now,
                              int *marked)
{
    int rc = db_run(c,
                    "UPDATE plan_tasks SET escalated_at = ?, escalated_deadline = ? WHERE id = ?"
                    " AND (escalated_deadline IS NULL OR escalated_deadline <> ?)",
                    "itit", now, deadline, task_id, deadline);
    *marked = rc == WY_OK && db_changes(c) > 0;
    return rc;
}

int store_task_notice_claim(db *c, int64_t task_id, const char *kind, const char *key, int64_t now,
                            int *claimed)
{
    int rc = db_run(c,
                    "INSERT INTO task_notices(task_id, kind, about, sent_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    "itti", task_id, kind, key, now);
    *claimed = rc == WY_OK && db_changes(c) > 0;
    return rc;
}

static void fill_grant(arena *a, db_stmt *st, role_grant *g)
{
    g->id = 0;
    g->user_id = db_col_int(st, 0);
    g->role = col_str(a, st, 1);
    g->division = col_str(a, st, 2);
}

int store_tasks_grants(db *c, arena *a, role_grant **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.user_id, g.role, g.division FROM role_grants g"
                           " JOIN users u ON u.id = g.user_id WHERE u.status = 'active'"
                           " ORDER BY g.user_id, g.division",
                           "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, role_grant, fill_grant, out, n);
}
