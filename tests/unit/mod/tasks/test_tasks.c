/* Tests of plans and their task tables on a database (both backends): who imports (tasks_manage
 * over the division), a dry run and a table with refused rows writing nothing, the plan, its
 * tasks in the table's order and their units made once, plan_exists and replace, the overdue
 * count as of a day, the audit line, and the demo's plan of 攀枝花市, which a second run leaves
 * as it is. */
#include <time.h>

#include "testlib.h"

#include "db/store_util.h"
#include "demo.h"
#include "mod/tasks/tasks.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define VENUE_MANAGER  "13900000005"
#define CITIZEN        "13800000006"

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

static int64_t china_midnight(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm) * 1000 - 8 * 3600 * 1000;
}

static const char table[] = "序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n"
                            "一、设施,,,,,\n"
                            "1,城市书房,建成 20 个城市书房,2024 年 3 月,市文广旅局,"
                            "\"市住建局、各县（区）文广旅局\"\n"
                            ",,建成 10 个文化驿站,2026 年底,市文广旅局,市住建局\n"
                            "2,文化站达标,37 个站达到省级标准,持续,各县（区）文广旅局,\n";

static tasks_import_input input(const char *title, const char *division, const char *data)
{
    return (tasks_import_input){
        .title = title, .division = division, .data = data, .len = strlen(data)};
}

static void test_who_imports(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tasks_import_result res;
    tasks_import_input in = input("测试方案", "5104", table);
    tdb_as(t, CITIZEN);
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* a district admin: their district's plans, not the city's */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    in.division = "510402";
    assert_int_equal(tasks_import(&t->ctx, &in, &res), 0);
    assert_true(res.plan_id > 0);
    /* in a district, 各县（区） has no counties to expand to: the name stays as written */
    assert_int_equal(count(t, "SELECT count(*) FROM units WHERE name = ?", "各县（区）文广旅局"),
                     1);
    /* bad input */
    in = input("", "5104", table);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "bad_title");
    in = input("测试方案", "99", table);
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "unknown_division");
    in = input("测试方案", "5104", "a,b\n1,2\n");
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "bad_file");
    assert_non_null(res.detail);
    in = input("测试方案", "5104", "工作任务,牵头单位\n一、只有标题,\n");
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "no_tasks");
    tdb_close(t);
}

static void test_import(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITY_ADMIN);
    int64_t plans = count(t, "SELECT count(*) FROM plans WHERE division >= ?", "");
    int64_t units = count(t, "SELECT count(*) FROM units WHERE division >= ?", "");
    tasks_import_result res;
    /* a refused row: nothing written */
    tasks_import_input in =
        input("测试方案", "5104", "工作任务,牵头单位\n,市图书馆\n任务,市文化馆\n");
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "bad_rows");
    assert_int_equal(res.im.nrefused, 1);
    assert_int_equal(res.im.ntasks, 1);
    /* a dry run: the report, nothing written */
    in = input("测试方案", "5104", table);
    in.dry_run = 1;
    assert_int_equal(tasks_import(&t->ctx, &in, &res), 0);
    assert_int_equal(res.im.ntasks, 3);
    assert_int_equal(res.plan_id, 0);
    assert_int_equal(count(t, "SELECT count(*) FROM plans WHERE division >= ?", ""), plans);
    assert_int_equal(count(t, "SELECT count(*) FROM units WHERE division >= ?", ""), units);
    const char *audits =
        "SELECT count(*) FROM audit_log WHERE action = 'plan.import' AND division = ?";
    int64_t audited = count(t, audits, "5104");
    /* written */
    in.dry_run = 0;
    in.year_from = 2024;
    in.year_to = 2026;
    assert_int_equal(tasks_import(&t->ctx, &in, &res), 0);
    int64_t plan = res.plan_id;
    assert_true(plan > 0);
    assert_int_equal(count(t, "SELECT count(*) FROM plans WHERE division >= ?", ""), plans + 1);
    assert_int_equal(count(t, audits, "5104"), audited + 1);
    /* the tasks in the table's order, with their units by name */
    plan_task_row *ts;
    plan_task_unit_row *us;
    size_t n, nu;
    assert_int_equal(tasks_plan_tasks(&t->ctx, plan, 0, 100, &ts, &n, &us, &nu), 0);
    assert_int_equal(n, 3);
    assert_string_equal(ts[0].number, "1.1");
    assert_string_equal(ts[0].section, "一、设施");
    assert_string_equal(ts[0].deadline, "2024-03-31");
    assert_string_equal(ts[1].number, "1.2");
    assert_string_equal(ts[1].title, "城市书房");
    assert_string_equal(ts[2].number, "2");
    assert_null(ts[2].deadline);
    assert_true(ts[2].ongoing);
    size_t lead0 = 0, coop0 = 0;
    for (size_t i = 0; i < nu; i++)
        if (us[i].task_id == ts[0].id)
            *(!strcmp(us[i].role, "lead") ? &lead0 : &coop0) += 1;
    assert_int_equal(lead0, 1);
    assert_int_equal(coop0, 6); /* 市住建局 and five counties' 文广旅局 */
    /* the counties' units are the counties' */
    assert_int_equal(
        count(t, "SELECT count(*) FROM units WHERE name = '米易县文广旅局' AND division = ?",
              "510421"),
        1);
    /* units made once: 市文广旅局 and 市住建局 of the city, five of the counties' */
    assert_int_equal(
        res.units_new,
        (size_t)(count(t, "SELECT count(*) FROM units WHERE division >= ?", "") - units));
    /* overdue as of 2025-01-01: task 1.1 (2024-03-31); 1.2 is due 2026, 2 is ongoing */
    t->ctx.now = china_midnight(2025, 1, 1);
    plan_row p;
    assert_int_equal(tasks_plan_get(&t->ctx, plan, &p), 0);
    assert_int_equal(p.ntasks, 3);
    assert_int_equal(p.noverdue, 1);
    assert_int_equal(p.year_from, 2024);
    t->ctx.now = china_midnight(2024, 3, 31);
    assert_int_equal(tasks_plan_get(&t->ctx, plan, &p), 0);
    assert_int_equal(p.noverdue, 0); /* due that day: not yet overdue */
    /* imported again: refused without replace, the tasks replaced with it */
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "plan_exists");
    in.dry_run = 1;
    assert_int_equal(tasks_import(&t->ctx, &in, &res), -1);
    assert_string_equal(t->ctx.err.code, "plan_exists");
    in.dry_run = 0;
    in.replace = 1;
    in = (tasks_import_input){.title = "测试方案",
                              .division = "5104",
                              .data = "工作任务,时间节点,牵头单位\n只剩一项,2027年,市文广旅局\n",
                              .replace = 1};
    in.len = strlen(in.data);
    int64_t units_before = count(t, "SELECT count(*) FROM units WHERE division >= ?", "");
    assert_int_equal(tasks_import(&t->ctx, &in, &res), 0);
    assert_int_equal(res.plan_id, plan);
    assert_true(res.replaced);
    assert_int_equal(res.units_new, 0);
    assert_int_equal(count(t, "SELECT count(*) FROM units WHERE division >= ?", ""), units_before);
    assert_int_equal(tasks_plan_tasks(&t->ctx, plan, 0, 100, &ts, &n, &us, &nu), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ts[0].title, "只剩一项");
    assert_int_equal(nu, 1);
    /* the list: the subtree's plans, newest first */
    plan_row *ps;
    assert_int_equal(tasks_plan_list(&t->ctx, "5104", 0, 20, &ps, &n), 0);
    assert_true(n >= 2);
    assert_int_equal(ps[0].id, plan);
    assert_int_equal(tasks_plan_list(&t->ctx, "5304", 0, 20, &ps, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(tasks_plan_list(&t->ctx, "5x", 0, 20, &ps, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_division");
    tdb_close(t);
}

static void test_demo(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *title = "攀枝花市公共文化服务工作任务清单（示例）";
    assert_int_equal(count(t, "SELECT count(*) FROM plans WHERE title = ?", title), 1);
    int64_t tasks = count(t,
                          "SELECT count(*) FROM plan_tasks k JOIN plans p ON p.id = k.plan_id"
                          " WHERE p.title = ?",
                          title);
    assert_int_equal(tasks, 11);
    /* the plan's own first task, with the counties' units */
    assert_int_equal(count(t,
                           "SELECT count(*) FROM plan_task_units tu JOIN plan_tasks k"
                           " ON k.id = tu.task_id JOIN units u ON u.id = tu.unit_id"
                           " WHERE k.number = '1.1' AND tu.role = 'cooperating' AND u.name = ?",
                           "盐边县文联"),
                     1);
    int64_t units = count(t, "SELECT count(*) FROM units WHERE division >= ?", "");
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM plans WHERE title = ?", title), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM units WHERE division >= ?", ""), units);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_imports),
        cmocka_unit_test(test_import),
        cmocka_unit_test(test_demo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
