/* Tests of the tasks' progress on a database (both backends): a unit's members named by the
 * managers of its division, staff only; status changes by the lead unit's members and the
 * plan's managers with their history and audit lines, a cooperating unit's and another unit's
 * members refused; reports by the lead unit, contributions by the cooperating ones, a member of
 * another unit refused (not_on_task); what a unit owes; the deadlines job with a clock before
 * and past a deadline: the lead unit warned once, the plan's managers (and nobody else) told of
 * the escalation once, whatever the number of runs; a lagging indicator shown on its task and
 * told to the lead unit once a month. */
#include <math.h>
#include <time.h>

#include "testlib.h"

#include "core/account.h"
#include "db/store_util.h"
#include "demo.h"
#include "mod/indicators/indicators.h"
#include "mod/tasks/progress.h"
#include "mod/tasks/tasks.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define CITIZEN        "13800000006"
#define LEAD           "13700000001" /* member of 市文广旅局, the lead unit */
#define COOP           "13700000002" /* member of 市文化馆, cooperating */
#define OTHER          "13700000003" /* member of 市图书馆, on no task of the test */

static int64_t count(tdb *t, const char *sql, const char *types, int64_t a, const char *b)
{
    int64_t v = -1;
    db_stmt *st =
        types[1] == 't' ? db_query(t->ctx.c, sql, types, a, b) : db_query(t->ctx.c, sql, types, a);
    assert_int_equal(store_one_int(st, &v), WY_OK);
    return v;
}

static int64_t china_midnight(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm) * 1000 - 8 * 3600 * 1000;
}

static const char table[] = "序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n"
                            "1,城市书房,建成 20 个城市书房,2026 年 3 月,市文广旅局,市文化馆\n"
                            "2,群文队伍,培育群文队伍,持续（每季度）,市文广旅局,市文化馆\n"
                            "3,古籍保护,古籍数字化,2026 年底,市图书馆,\n";

typedef struct world {
    tdb *t;
    int64_t plan, task1, task2, task3;
    int64_t lead_unit, coop_unit, other_unit;
    int64_t lead, coop, other, admin, district;
} world;

static int64_t user_id(tdb *t, const char *phone)
{
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u), WY_OK);
    return u.id;
}

static int64_t task_of(world *w, const char *number)
{
    return count(w->t, "SELECT id FROM plan_tasks WHERE plan_id = ? AND number = ?", "it", w->plan,
                 number);
}

static int64_t unit_of(world *w, const char *name)
{
    return count(w->t, "SELECT id FROM units WHERE division = '5104' AND ? = 0 AND name = ?", "it",
                 0, name);
}

static void make_world(world *w)
{
    memset(w, 0, sizeof(*w));
    tdb *t = w->t = tdb_open(1);
    t->ctx.now = china_midnight(2026, 1, 5);
    const char *phones[] = {LEAD, COOP, OTHER};
    for (int i = 0; i < 3; i++) {
        int64_t id;
        t->ctx.who = NULL;
        assert_int_equal(
            account_create(&t->ctx, phones[i], "Secure2026pw", "张三丰", "reviewer", "5104", &id),
            0);
    }
    tdb_as(t, CITY_ADMIN);
    tasks_import_input in = {
        .title = "进度测试方案", .division = "5104", .data = table, .len = strlen(table)};
    tasks_import_result res;
    assert_int_equal(tasks_import(&t->ctx, &in, &res), 0);
    w->plan = res.plan_id;
    w->task1 = task_of(w, "1");
    w->task2 = task_of(w, "2");
    w->task3 = task_of(w, "3");
    w->lead_unit = unit_of(w, "市文广旅局");
    w->coop_unit = unit_of(w, "市文化馆");
    w->other_unit = unit_of(w, "市图书馆");
    w->lead = user_id(t, LEAD);
    w->coop = user_id(t, COOP);
    w->other = user_id(t, OTHER);
    w->admin = user_id(t, CITY_ADMIN);
    w->district = user_id(t, DISTRICT_ADMIN);
    int64_t added;
    assert_int_equal(progress_unit_member_add(&t->ctx, w->lead_unit, 0, LEAD, &added), 0);
    assert_int_equal(added, w->lead);
    assert_int_equal(progress_unit_member_add(&t->ctx, w->coop_unit, w->coop, NULL, &added), 0);
    assert_int_equal(progress_unit_member_add(&t->ctx, w->other_unit, w->other, NULL, &added), 0);
}

static void test_members(void **state)
{
    (void)state;
    world w;
    make_world(&w);
    tdb *t = w.t;
    int64_t added;
    /* a district admin does not manage the city's units */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(progress_unit_member_add(&t->ctx, w.lead_unit, w.coop, NULL, &added), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, LEAD);
    assert_int_equal(progress_unit_member_add(&t->ctx, w.lead_unit, w.coop, NULL, &added), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    /* staff only, once */
    assert_int_equal(progress_unit_member_add(&t->ctx, w.lead_unit, 0, CITIZEN, &added), -1);
    assert_string_equal(t->ctx.err.code, "not_staff");
    assert_int_equal(progress_unit_member_add(&t->ctx, w.lead_unit, w.lead, NULL, &added), -1);
    assert_string_equal(t->ctx.err.code, "already_member");
    assert_int_equal(progress_unit_member_add(&t->ctx, w.lead_unit, 0, "13799999999", &added), -1);
    assert_string_equal(t->ctx.err.code, "unknown_user");
    unit_row u;
    unit_member_row *ms;
    size_t n;
    assert_int_equal(progress_unit_members(&t->ctx, w.lead_unit, &u, &ms, &n), 0);
    assert_int_equal(n, 2); /* the demo's member (the city reviewer) and ours */
    assert_true(ms[0].user_id == w.lead || ms[1].user_id == w.lead);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'unit.member_add'"
                           " AND object_id = ?",
                           "i", w.lead_unit, NULL),
                     2); /* the demo's and ours */
    /* removed, then no more a member */
    assert_int_equal(progress_unit_member_remove(&t->ctx, w.other_unit, w.other), 0);
    assert_int_equal(progress_unit_member_remove(&t->ctx, w.other_unit, w.other), -1);
    assert_string_equal(t->ctx.err.code, "not_member");
    unit_row *us;
    assert_int_equal(progress_unit_list(&t->ctx, "5104", 0, 500, &us, &n), 0);
    assert_true(n >= 3);
    tdb_close(t);
}

static void test_status_and_reports(void **state)
{
    (void)state;
    world w;
    make_world(&w);
    tdb *t = w.t;
    task_full f;
    /* a member of another unit, a cooperating one: refused; the lead unit's member changes it */
    tdb_as(t, OTHER);
    assert_int_equal(progress_task_status(&t->ctx, w.task1, "done", NULL, &f), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "not_on_task");
    tdb_as(t, COOP);
    assert_int_equal(progress_task_status(&t->ctx, w.task1, "done", NULL, &f), -1);
    assert_string_equal(t->ctx.err.code, "not_lead");
    tdb_as(t, LEAD);
    assert_int_equal(progress_task_status(&t->ctx, w.task1, "finished", NULL, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_status");
    assert_int_equal(progress_task_status(&t->ctx, w.task1, "in_progress", "开工", &f), 0);
    assert_string_equal(f.t.status, "in_progress");
    assert_int_equal(progress_task_status(&t->ctx, w.task1, "in_progress", NULL, &f), -1);
    assert_string_equal(t->ctx.err.code, "no_change");
    /* the plan's manager, too; the history keeps both */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(progress_task_status(&t->ctx, w.task3, "cancelled", "并入其他任务", &f), 0);
    task_detail d;
    tdb_as(t, LEAD);
    assert_int_equal(progress_task_get(&t->ctx, w.task1, &d), 0);
    assert_true(d.insider);
    assert_int_equal(d.nhistory, 1);
    assert_string_equal(d.history[0].to, "in_progress");
    assert_string_equal(d.history[0].note, "开工");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'plan_task.status'"
                           " AND object_id = ?",
                           "i", w.task1, NULL),
                     1);
    /* anonymous: the task without its history */
    tdb_as(t, NULL);
    t->ctx.who = NULL;
    assert_int_equal(progress_task_get(&t->ctx, w.task1, &d), 0);
    assert_false(d.insider);

    /* reports: the lead unit only */
    progress_report_input in = {.text = "已建成 8 个城市书房", .percent = 40};
    task_report_row r;
    tdb_as(t, OTHER);
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "not_on_task");
    tdb_as(t, COOP);
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "not_lead");
    tdb_as(t, LEAD);
    in.percent = 101;
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_percent");
    in.percent = 40;
    in.period = "2026-Q1";
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_period");
    in.period = "2026-12";
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "future_period");
    in.period = NULL;
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), 0);
    assert_string_equal(r.period, "2026-01");
    assert_int_equal(r.unit_id, w.lead_unit);
    /* a closed task takes no report */
    tdb_as(t, CITY_ADMIN);
    int64_t added;
    assert_int_equal(progress_unit_member_add(&t->ctx, w.other_unit, w.lead, NULL, &added), 0);
    tdb_as(t, LEAD);
    assert_int_equal(progress_report_add(&t->ctx, w.task3, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "task_closed");

    /* contributions: the cooperating units only, to the current period */
    task_contribution_row c;
    assert_int_equal(progress_contribution_add(&t->ctx, w.task2, "提供场地", &c), -1);
    assert_string_equal(t->ctx.err.code, "not_cooperating");
    tdb_as(t, OTHER);
    assert_int_equal(progress_contribution_add(&t->ctx, w.task2, "提供场地", &c), -1);
    assert_string_equal(t->ctx.err.code, "not_on_task");
    tdb_as(t, COOP);
    assert_int_equal(progress_contribution_add(&t->ctx, w.task2, "", &c), -1);
    assert_string_equal(t->ctx.err.code, "bad_text");
    assert_int_equal(progress_contribution_add(&t->ctx, w.task2, "提供场地", &c), 0);
    assert_string_equal(c.period, "2026-Q1"); /* the task reports quarterly */

    /* who reads them */
    progress_reports rs;
    assert_int_equal(progress_reports_of(&t->ctx, w.task1, &rs), 0);
    assert_int_equal(rs.nreports, 1);
    assert_false(rs.manager);
    tdb_as(t, OTHER);
    assert_int_equal(progress_reports_of(&t->ctx, w.task1, &rs), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(progress_reports_of(&t->ctx, w.task1, &rs), 0);
    assert_true(rs.manager);

    /* what the lead unit owes: the ongoing task is due a report for its quarter */
    owed_task *os;
    size_t n;
    tdb_as(t, LEAD);
    t->ctx.now = china_midnight(2026, 4, 3);
    assert_int_equal(progress_my_tasks(&t->ctx, &os, &n), 0);
    int seen1 = 0, seen2 = 0;
    for (size_t i = 0; i < n; i++) {
        if (os[i].r.f.t.id == w.task1 && !strcmp(os[i].r.role, "lead")) {
            seen1 = 1;
            assert_int_equal(os[i].days_left, -3);
            assert_true(os[i].overdue);
            assert_string_equal(os[i].r.last_report_period, "2026-01");
        }
        if (os[i].r.f.t.id == w.task2) {
            seen2 = 1;
            assert_true(os[i].report_due);
            assert_string_equal(os[i].period, "2026-Q2");
        }
    }
    assert_true(seen1 && seen2);
    /* a unit's tasks: its managers only */
    assert_int_equal(progress_unit_tasks(&t->ctx, w.lead_unit, &os, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(progress_unit_tasks(&t->ctx, w.coop_unit, &os, &n), 0);
    size_t ours = 0; /* the unit cooperates on the demo's plan too */
    for (size_t i = 0; i < n; i++) {
        ours += os[i].r.f.t.plan_id == w.plan;
        assert_int_equal(os[i].r.unit_id, w.coop_unit);
    }
    assert_int_equal(ours, 2);
    tdb_close(t);
}

static int64_t notices(world *w, const char *kind, int64_t user, int64_t task)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(w->t->ctx.c,
                                            "SELECT count(*) FROM notifications WHERE kind = ?"
                                            " AND user_id = ? AND subject_id = ?",
                                            "tii", kind, user, task),
                                   &v),
                     WY_OK);
    return v;
}

static void run_job(world *w, int64_t now)
{
    w->t->ctx.now = now;
    w->t->ctx.who = NULL;
    w->t->ctx.err = (wy_error){0};
    assert_int_equal(tasks_job_deadlines(&w->t->ctx), 0);
}

static void test_deadlines_job(void **state)
{
    (void)state;
    world w;
    make_world(&w);
    const char *near = "tasks.deadline_near", *esc = "tasks.escalated";
    /* a month before: nothing */
    run_job(&w, china_midnight(2026, 2, 28));
    assert_int_equal(notices(&w, near, w.lead, w.task1), 0);
    /* within 14 days: the lead unit's member, once over two runs; not the cooperating one */
    run_job(&w, china_midnight(2026, 3, 20));
    run_job(&w, china_midnight(2026, 3, 21));
    assert_int_equal(notices(&w, near, w.lead, w.task1), 1);
    assert_int_equal(notices(&w, near, w.coop, w.task1), 0);
    assert_int_equal(notices(&w, esc, w.admin, w.task1), 0);
    /* past the deadline and not done: escalated to the city's managers once */
    run_job(&w, china_midnight(2026, 4, 2));
    run_job(&w, china_midnight(2026, 4, 3));
    assert_int_equal(notices(&w, esc, w.admin, w.task1), 1);
    assert_int_equal(notices(&w, esc, w.district, w.task1), 0); /* 东区's admin: not the city's */
    assert_int_equal(notices(&w, esc, w.lead, w.task1), 0);
    task_detail d;
    tdb_as(w.t, CITY_ADMIN);
    assert_int_equal(progress_task_get(&w.t->ctx, w.task1, &d), 0);
    assert_int_equal(d.f.escalated_at, china_midnight(2026, 4, 2));
    assert_string_equal(d.f.escalated_deadline, "2026-03-31");
    /* a task done in time is not escalated, an ongoing one never */
    tdb_as(w.t, CITY_ADMIN);
    task_full f;
    assert_int_equal(progress_task_status(&w.t->ctx, w.task3, "done", NULL, &f), 0);
    run_job(&w, china_midnight(2027, 1, 5));
    assert_int_equal(notices(&w, esc, w.admin, w.task3), 0);
    assert_int_equal(notices(&w, esc, w.admin, w.task2), 0);
    assert_int_equal(notices(&w, esc, w.admin, w.task1), 1);
    tdb_close(w.t);
}

static void test_lagging(void **state)
{
    (void)state;
    world w;
    make_world(&w);
    tdb *t = w.t;
    t->ctx.now = china_midnight(2026, 7, 2);
    tdb_as(t, CITY_ADMIN);
    ind_target tg;
    ind_report rep;
    assert_int_equal(
        ind_target_set(&t->ctx, "troupes.grassroots", "5104", "2026", 100, 0, NAN, 0, NULL, &tg),
        0);
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "5104", "2026", 10, NULL, NULL, 0, &rep), 0);
    assert_int_equal(ind_target_set(&t->ctx, "resources.digital_stock", "5104", "2026", 10, 0, NAN,
                                    0, NULL, &tg),
                     0);
    assert_int_equal(
        ind_report_add(&t->ctx, "resources.digital_stock", "5104", "2026", 9, NULL, NULL, 0, &rep),
        0);
    /* linking: managers only, catalogue codes only, once */
    tdb_as(t, LEAD);
    assert_int_equal(progress_indicator_add(&t->ctx, w.task2, "troupes.grassroots"), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(progress_indicator_add(&t->ctx, w.task2, "no.such"), -1);
    assert_string_equal(t->ctx.err.code, "unknown_indicator");
    assert_int_equal(progress_indicator_add(&t->ctx, w.task2, "troupes.grassroots"), 0);
    assert_int_equal(progress_indicator_add(&t->ctx, w.task2, "troupes.grassroots"), -1);
    assert_string_equal(t->ctx.err.code, "already_linked");
    assert_int_equal(progress_indicator_add(&t->ctx, w.task2, "resources.digital_stock"), 0);

    /* shown on the task: 10 of 100 at mid-year is behind the ~50 expected; 9 of 10 is not */
    task_detail d;
    t->ctx.who = NULL;
    assert_int_equal(progress_task_get(&t->ctx, w.task2, &d), 0);
    assert_int_equal(d.ninds, 2);
    const task_indicator_view *lag = NULL, *fine = NULL;
    for (size_t i = 0; i < d.ninds; i++) {
        if (!strcmp(d.inds[i].code, "troupes.grassroots"))
            lag = &d.inds[i];
        else
            fine = &d.inds[i];
    }
    assert_non_null(lag);
    assert_non_null(fine);
    assert_true(lag->visible);
    assert_true(lag->actual == 10);
    assert_true(lag->target == 100);
    assert_true(lag->expected > 45 && lag->expected < 55);
    assert_true(lag->lagging);
    assert_false(fine->lagging);

    /* told to the lead unit's member once a month */
    const char *kind = "tasks.indicator_lagging";
    run_job(&w, china_midnight(2026, 7, 2));
    run_job(&w, china_midnight(2026, 7, 20));
    assert_int_equal(notices(&w, kind, w.lead, w.task2), 1);
    assert_int_equal(notices(&w, kind, w.coop, w.task2), 0);
    run_job(&w, china_midnight(2026, 8, 3));
    assert_int_equal(notices(&w, kind, w.lead, w.task2), 2);
    /* unlinked: no more */
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(progress_indicator_remove(&t->ctx, w.task2, "troupes.grassroots"), 0);
    assert_int_equal(progress_indicator_remove(&t->ctx, w.task2, "troupes.grassroots"), -1);
    assert_string_equal(t->ctx.err.code, "not_linked");
    run_job(&w, china_midnight(2026, 9, 3));
    assert_int_equal(notices(&w, kind, w.lead, w.task2), 2);
    tdb_close(t);
}

static void test_periods(void **state)
{
    (void)state;
    char p[16];
    int64_t at = china_midnight(2026, 5, 1);
    progress_period_at("monthly", 1, at, p);
    assert_string_equal(p, "2026-05");
    progress_period_at("quarterly", 1, at, p);
    assert_string_equal(p, "2026-Q2");
    progress_period_at("half_yearly", 1, at, p);
    assert_string_equal(p, "2026-H1");
    progress_period_at("", 1, at, p);
    assert_string_equal(p, "2026");
    progress_period_at("", 0, at, p);
    assert_string_equal(p, "2026-05");
    assert_true(progress_period_valid("quarterly", 1, "2025-Q4"));
    assert_false(progress_period_valid("quarterly", 1, "2025-Q5"));
    assert_false(progress_period_valid("", 0, "2025-13"));
    assert_true(progress_period_valid("", 0, "2025-12"));
    assert_false(progress_period_valid("yearly", 1, "20x5"));
}

/* The status a report proposes is applied: the lead unit's members may change it anyway. The
 * history keeps the change with the report's period, the audit log a line; a report without a
 * proposal on a task in progress leaves it; a report proposing done closes the task, which then
 * takes no report; a bad proposal changes nothing. */
static void test_report_status_applied(void **state)
{
    (void)state;
    world w;
    make_world(&w);
    tdb *t = w.t;
    task_report_row r;
    task_detail d;
    tdb_as(t, LEAD);
    progress_report_input in = {.text = "已建成 12 个城市书房", .percent = 60, .status = "paused"};
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_status");
    assert_int_equal(progress_task_get(&t->ctx, w.task1, &d), 0);
    assert_string_equal(d.f.t.status, "open");
    assert_int_equal(d.nhistory, 0);
    /* no proposal: the first report puts the task in progress */
    in.status = NULL;
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), 0);
    assert_int_equal(progress_task_get(&t->ctx, w.task1, &d), 0);
    assert_string_equal(d.f.t.status, "in_progress");
    assert_int_equal(d.nhistory, 1);
    /* done, proposed: applied, with the period as the history's note */
    in.status = "done";
    in.percent = 100;
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), 0);
    assert_string_equal(r.proposed_status, "done");
    assert_int_equal(progress_task_get(&t->ctx, w.task1, &d), 0);
    assert_string_equal(d.f.t.status, "done");
    assert_int_equal(d.nhistory, 2);
    int found = 0;
    for (size_t i = 0; i < d.nhistory; i++)
        if (!strcmp(d.history[i].to, "done")) {
            found = 1;
            assert_string_equal(d.history[i].from, "in_progress");
            assert_string_equal(d.history[i].note, "2026-01");
            assert_int_equal(d.history[i].by, w.lead);
        }
    assert_true(found);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'plan_task.status'"
                           " AND object_id = ? AND to_state = ?",
                           "it", w.task1, "done"),
                     1);
    /* a done task takes no more reports */
    assert_int_equal(progress_report_add(&t->ctx, w.task1, &in, &r), -1);
    assert_string_equal(t->ctx.err.code, "task_closed");
    /* an open task reported on with a proposal of in_progress: one change, not two */
    in.status = "in_progress";
    assert_int_equal(progress_report_add(&t->ctx, w.task2, &in, &r), 0);
    assert_int_equal(progress_task_get(&t->ctx, w.task2, &d), 0);
    assert_string_equal(d.f.t.status, "in_progress");
    assert_int_equal(d.nhistory, 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_members),
        cmocka_unit_test(test_status_and_reports),
        cmocka_unit_test(test_deadlines_job),
        cmocka_unit_test(test_lagging),
        cmocka_unit_test(test_report_status_applied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
