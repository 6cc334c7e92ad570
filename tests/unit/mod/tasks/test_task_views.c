/* Tests of a plan's views on a database (both backends): the list filtered and ordered by
 * deadline, the tasks by unit and by chapter, the timeline with and without the plan's years,
 * who sees the staff's view, and the workbook read back with the project's reader. */
#include <time.h>

#include "testlib.h"

#include "mod/tasks/tasks.h"
#include "mod/tasks/views.h"
#include "util/xlsxread.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */

static int64_t china_midnight(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm) * 1000 - 8 * 3600 * 1000;
}

/* 1 is due 2024-03-31, 2 ongoing, 3 without a date, 4 due 2026-12-31, 5 due 2024-06-30 */
static const char table[] = "序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n"
                            "一、设施,,,,,\n"
                            "1,城市书房,建成城市书房,2024 年 3 月,市文广旅局,市住建局、市文化馆\n"
                            "2,文化站达标,达到省级标准,持续,市文化馆,\n"
                            "二、数字,,,,,\n"
                            "3,古籍数字化,完成数字化,待定,市图书馆,市文广旅局\n"
                            "4,云平台,上线,2026 年底,市文广旅局,\n"
                            "5,数字资源,新增,2024 年上半年,市图书馆,市文化馆\n";

static int64_t import(tdb *t, const char *title, int year_from, int year_to)
{
    tasks_import_input in = {.title = title,
                             .division = "5104",
                             .year_from = year_from,
                             .year_to = year_to,
                             .data = table,
                             .len = strlen(table)};
    tasks_import_result res;
    assert_int_equal(tasks_import(&t->ctx, &in, &res), 0);
    return res.plan_id;
}

static void numbers(const tasks_view *v, const size_t *idx, size_t n, const char *want)
{
    char got[64] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(got, v->tasks[idx[i]].number);
        if (i + 1 < n)
            strcat(got, ",");
    }
    assert_string_equal(got, want);
}

static void test_views(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITY_ADMIN);
    t->ctx.now = china_midnight(2024, 1, 10);
    int64_t plan = import(t, "视图方案", 2024, 2025);
    t->ctx.now = china_midnight(2025, 1, 1);
    tasks_view v;
    assert_int_equal(tasks_view_load(&t->ctx, plan, &v), 0);
    assert_int_equal(v.n, 5);
    assert_string_equal(v.today, "2025-01-01");
    size_t idx[8];
    tasks_filter f = {.by_deadline = 1};
    numbers(&v, idx, tasks_view_filter(&v, &f, idx), "1,5,4,2,3");
    f = (tasks_filter){.overdue = 1};
    numbers(&v, idx, tasks_view_filter(&v, &f, idx), "1,5");
    f = (tasks_filter){.due_before = "2024-06-30", .by_deadline = 1};
    numbers(&v, idx, tasks_view_filter(&v, &f, idx), "1"); /* before that day, not on it */
    f = (tasks_filter){.status = "done"};
    assert_int_equal(tasks_view_filter(&v, &f, idx), 0);
    /* bad filters */
    f = (tasks_filter){.status = "late"};
    assert_int_equal(tasks_filter_check(&t->ctx, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_status");
    f = (tasks_filter){.due_before = "2025-02-29"};
    assert_int_equal(tasks_filter_check(&t->ctx, &f), -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    f = (tasks_filter){.due_before = "2024-02-29"};
    assert_int_equal(tasks_filter_check(&t->ctx, &f), 0);

    /* by unit: in the order the table first names them, each role, the overdue */
    tasks_unit_group *g;
    size_t ng;
    assert_int_equal(tasks_by_unit(&t->ctx, &v, &g, &ng), 0);
    assert_int_equal(ng, 4);
    assert_string_equal(g[0].name, "市文广旅局");
    numbers(&v, g[0].lead, g[0].nlead, "1,4");
    numbers(&v, g[0].coop, g[0].ncoop, "3");
    assert_int_equal(g[0].noverdue, 1);
    assert_string_equal(g[2].name, "市文化馆");
    numbers(&v, g[2].lead, g[2].nlead, "2");
    numbers(&v, g[2].coop, g[2].ncoop, "1,5");
    assert_int_equal(g[2].noverdue, 2);
    f = (tasks_filter){.unit = g[2].unit_id};
    numbers(&v, idx, tasks_view_filter(&v, &f, idx), "1,2,5");

    /* by chapter */
    tasks_chapter *c;
    size_t nc;
    assert_int_equal(tasks_by_chapter(&t->ctx, &v, &c, &nc), 0);
    assert_int_equal(nc, 2);
    assert_string_equal(c[1].section, "二、数字");
    numbers(&v, c[1].tasks, c[1].ntasks, "3,4,5");
    assert_int_equal(c[1].nstatus[0], 3);
    assert_int_equal(c[1].noverdue, 1);

    /* the timeline: 2024-01-01 to the last deadline (after the plan's last year) */
    tasks_timeline tl;
    tasks_timeline_of(&v, &tl);
    assert_string_equal(tl.start, "2024-01-01");
    assert_string_equal(tl.end, "2026-12-31");
    assert_int_equal(tl.days, 366 + 365 + 364);
    assert_int_equal(tl.today, 366);
    int day;
    assert_int_equal(tasks_timeline_day(&tl, "2024-03-31", &day), 0);
    assert_int_equal(day, 90);
    assert_int_equal(tasks_timeline_day(&tl, NULL, &day), -1);
    /* without years: from the day it was imported, or an earlier deadline */
    t->ctx.now = china_midnight(2024, 5, 1);
    int64_t bare = import(t, "无年份方案", 0, 0);
    assert_int_equal(tasks_view_load(&t->ctx, bare, &v), 0);
    tasks_timeline_of(&v, &tl);
    assert_string_equal(tl.start, "2024-03-31");
    assert_string_equal(tl.end, "2026-12-31");

    /* the staff's view: tasks_manage over the plan's division */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(tasks_view_managed(&t->ctx, plan, &v), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(tasks_view_managed(&t->ctx, plan, &v), 0);
    assert_int_equal(tasks_view_load(&t->ctx, 999999, &v), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_close(t);
}

typedef struct sheet {
    char cells[16][8][96];
    int n;
} sheet;

static int keep_row(const csv_row *row, void *user)
{
    sheet *s = user;
    if (s->n >= 16)
        return 0;
    for (size_t k = 0; k < row->n && k < 8; k++)
        snprintf(s->cells[s->n][k], sizeof(s->cells[0][0]), "%s", row->f[k]);
    s->n++;
    return 0;
}

static void test_export(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITY_ADMIN);
    t->ctx.now = china_midnight(2025, 1, 1);
    int64_t plan = import(t, "导出方案", 2024, 2025);
    tasks_view v;
    assert_int_equal(tasks_view_load(&t->ctx, plan, &v), 0);
    const char *data;
    size_t len;
    assert_int_equal(tasks_export_xlsx(&t->ctx, &v, &data, &len), 0);
    assert_true(xlsx_sniff(data, len));
    static sheet s;
    memset(&s, 0, sizeof(s));
    char err[128];
    assert_int_equal(xlsx_read_buffer(data, len, keep_row, &s, err, sizeof(err)), 0);
    /* the title, the header, a section, three tasks... */
    assert_int_equal(s.n, 2 + 2 + 5);
    assert_string_equal(s.cells[0][0], "导出方案");
    const char *head[] = {"序号",     "工作任务", "具体内容", "时间节点",
                          "牵头单位", "配合单位", "状态"};
    for (int k = 0; k < 7; k++)
        assert_string_equal(s.cells[1][k], head[k]);
    assert_string_equal(s.cells[2][0], "一、设施");
    assert_string_equal(s.cells[2][1], ""); /* merged across: text in the first cell only */
    assert_string_equal(s.cells[3][0], "1");
    assert_string_equal(s.cells[3][3], "2024 年 3 月");
    assert_string_equal(s.cells[3][4], "市文广旅局");
    assert_string_equal(s.cells[3][5], "市住建局、市文化馆");
    assert_string_equal(s.cells[3][6], "未开始");
    assert_string_equal(s.cells[5][0], "二、数字");
    assert_string_equal(s.cells[6][3], "待定");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
