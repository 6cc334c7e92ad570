/* store_tasks: units, plans and their tasks (tasks_store.h). */
#include "mod/tasks/tasks_store.h"
#include "db/store_util.h"

int store_unit_ensure(db *c, const char *division, const char *name, int64_t now, int64_t *id,
                      int *made)
{
    db_stmt *st = db_query(c,
                           "INSERT INTO units(division, name, created_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (division, name) DO NOTHING RETURNING id",
                           "tti", division, name, now);
    if (!st)
        return WY_ERR;
    int r = db_step(st);
    if (r == 1) {
        *id = db_col_int(st, 0);
        *made = 1;
        db_done(st);
        return WY_OK;
    }
    db_done(st);
    if (r < 0)
        return WY_ERR;
    *made = 0;
    return store_one_int(
        db_query(c, "SELECT id FROM units WHERE division = ? AND name = ?", "tt", division, name),
        id);
}

/* tasks and overdue ones as of today: open or in progress, with a deadline before it */
#define PLAN_COLS                                                                                  \
    "p.id, p.division, p.title, coalesce(p.year_from, 0), coalesce(p.year_to, 0),"                 \
    " coalesce(p.created_by, 0), p.created_at, p.updated_at,"                                      \
    " (SELECT count(*) FROM plan_tasks t WHERE t.plan_id = p.id),"                                 \
    " (SELECT count(*) FROM plan_tasks t WHERE t.plan_id = p.id AND t.deadline < ?"                \
    " AND t.status IN ('open', 'in_progress'))"

static void fill_plan(arena *a, db_stmt *st, plan_row *p)
{
    p->id = db_col_int(st, 0);
    p->division = col_str(a, st, 1);
    p->title = col_str(a, st, 2);
    p->year_from = (int)db_col_int(st, 3);
    p->year_to = (int)db_col_int(st, 4);
    p->created_by = db_col_int(st, 5);
    p->created_at = db_col_int(st, 6);
    p->updated_at = db_col_int(st, 7);
    p->ntasks = db_col_int(st, 8);
    p->noverdue = db_col_int(st, 9);
}

int store_plan_find(db *c, arena *a, const char *division, const char *title, plan_row *out)
{
    db_stmt *st =
        db_query(c, "SELECT " PLAN_COLS " FROM plans p WHERE p.division = ? AND p.title = ?", "ttt",
                 "0000-00-00", division, title);
    return STORE_ONE(a, st, fill_plan, out);
}

int store_plan_get(db *c, arena *a, int64_t id, const char *today, plan_row *out)
{
    db_stmt *st = db_query(c, "SELECT " PLAN_COLS " FROM plans p WHERE p.id = ?", "ti", today, id);
    return STORE_ONE(a, st, fill_plan, out);
}

int store_plan_create(db *c, const plan_row *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO plans(division, title, year_from, year_to, created_by, created_at,"
                 " updated_at) VALUES (?, ?, nullif(?, 0), nullif(?, 0), ?, ?, ?) RETURNING id",
                 "ttiiIii", p->division, p->title, (int64_t)p->year_from, (int64_t)p->year_to,
                 p->created_by, now, now),
        id);
}

int store_plan_clear(db *c, int64_t plan_id, int64_t now)
{
    int r = db_run(c,
                   "DELETE FROM plan_task_units WHERE task_id IN"
                   " (SELECT id FROM plan_tasks WHERE plan_id = ?)",
                   "i", plan_id);
    if (r == WY_OK)
        r = db_run(c, "DELETE FROM plan_tasks WHERE plan_id = ?", "i", plan_id);
    if (r == WY_OK)
        r = db_run(c, "UPDATE plans SET updated_at = ? WHERE id = ?", "ii", now, plan_id);
    return r;
}

int store_plan_list(db *c, arena *a, const char *prefix, const char *today, int64_t before,
                    int limit, plan_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " PLAN_COLS " FROM plans p"
                           " WHERE p.division >= ? AND p.division < ? AND (? = 0 OR p.id < ?)"
                           " ORDER BY p.id DESC LIMIT ?",
                           "tttiii", today, prefix ? prefix : "", prefix_end(a, prefix), before,
                           before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, plan_row, fill_plan, out, n);
}

#define TASK_COLS                                                                                  \
    "id, plan_id, seq, number, section, title, content, deadline, deadline_text, ongoing,"         \
    " rhythm, status, source_row, created_at, updated_at"

static void fill_task(arena *a, db_stmt *st, plan_task_row *t)
{
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
}

int store_plan_task_create(db *c, const plan_task_row *t, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO plan_tasks(plan_id, seq, number, section, title, content, deadline,"
                 " deadline_text, ongoing, rhythm, source_row, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iittttttitiii", t->plan_id, (int64_t)t->seq, t->number, t->section, t->title,
                 t->content, t->deadline, t->deadline_text, (int64_t)t->ongoing, t->rhythm,
                 (int64_t)t->source_row, now, now),
        id);
}

int store_plan_task_unit_add(db *c, int64_t task_id, int64_t unit_id, const char *role, int ord)
{
    return db_run(c,
                  "INSERT INTO plan_task_units(task_id, unit_id, role, ord) VALUES (?, ?, ?, ?)"
                  " ON CONFLICT DO NOTHING",
                  "iiti", task_id, unit_id, role, (int64_t)ord);
}

int store_plan_task_list(db *c, arena *a, int64_t plan_id, int after_seq, int limit,
                         plan_task_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " TASK_COLS " FROM plan_tasks WHERE plan_id = ? AND seq > ?"
                           " ORDER BY seq LIMIT ?",
                           "iii", plan_id, (int64_t)after_seq, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, plan_task_row, fill_task, out, n);
}

static void fill_task_unit(arena *a, db_stmt *st, plan_task_unit_row *u)
{
    u->task_id = db_col_int(st, 0);
    u->unit_id = db_col_int(st, 1);
    u->role = col_str(a, st, 2);
    u->name = col_str(a, st, 3);
    u->division = col_str(a, st, 4);
}

int store_plan_task_units_of(db *c, arena *a, const int64_t *tasks, size_t nt,
                             plan_task_unit_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (nt == 0)
        return WY_OK;
    const char *list = id_list_param(a, c, tasks, nt);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_get_dialect(c) == DB_POSTGRES
                      ? db_query(c,
                                 "SELECT tu.task_id, u.id, tu.role, u.name, u.division"
                                 " FROM plan_task_units tu JOIN units u ON u.id = tu.unit_id"
                                 " WHERE tu.task_id = ANY (CAST(? AS bigint[]))"
                                 " ORDER BY tu.task_id, tu.role DESC, tu.ord",
                                 "t", list)
                      : db_query(c,
                                 "SELECT tu.task_id, u.id, tu.role, u.name, u.division"
                                 " FROM plan_task_units tu JOIN units u ON u.id = tu.unit_id"
                                 " WHERE tu.task_id IN (SELECT value FROM json_each(?))"
                                 " ORDER BY tu.task_id, tu.role DESC, tu.ord",
                                 "t", list);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, plan_task_unit_row, fill_task_unit, out, n);
}
