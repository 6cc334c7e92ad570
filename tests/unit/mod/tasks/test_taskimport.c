/* Tests of the reading of a plan's task table (taskimport.h), without a database: deadlines in
 * the forms plans write them, units with their separators, stray spaces and 各县（区）, and a
 * whole table with a title line, sections, a continued task, a merged cell's units, an empty
 * 时间节点 under a merged cell, a repeated header and refused rows; and the same table as an
 * Excel workbook written by libxlsxwriter (merged cells, a date cell) read to the same tasks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mod/tasks/taskimport.h"
#include "util/strbuf.h"

#include <cmocka.h>

static arena A;

static const taskimport_county counties[] = {
    {"510402", "东区"},   {"510403", "西区"},   {"510411", "仁和区"},
    {"510421", "米易县"}, {"510422", "盐边县"},
};
#define NC (sizeof(counties) / sizeof(counties[0]))

static const char *due(const char *text)
{
    taskimport_deadline d;
    taskimport_deadline_parse(&A, text, &d);
    if (d.ongoing)
        return d.date ? arena_sprintf(&A, "ongoing %s %s", d.date, d.rhythm)
                      : arena_sprintf(&A, "ongoing %s", d.rhythm);
    return d.date ? d.date : "?";
}

static void test_deadlines(void **state)
{
    (void)state;
    assert_string_equal(due("2024 年 3 月"), "2024-03-31");
    assert_string_equal(due("2024年3月"), "2024-03-31");
    assert_string_equal(due("２０２４年２月"), "2024-02-29"); /* fullwidth digits, a leap year */
    assert_string_equal(due("2023年2月"), "2023-02-28");
    assert_string_equal(due("2025 年底"), "2025-12-31");
    assert_string_equal(due("2025年年底前"), "2025-12-31");
    assert_string_equal(due("2024 年上半年"), "2024-06-30");
    assert_string_equal(due("2024年下半年"), "2024-12-31");
    assert_string_equal(due("2024年第三季度"), "2024-09-30");
    assert_string_equal(due("2025年第四季度"), "2025-12-31");
    assert_string_equal(due("2024年一季度"), "2024-03-31");
    assert_string_equal(due("2024年6月15日前"), "2024-06-15");
    assert_string_equal(due("2024年6月上旬"), "2024-06-10");
    assert_string_equal(due("2024年十二月"), "2024-12-31");
    assert_string_equal(due("2024.3"), "2024-03-31");
    assert_string_equal(due("2024-03-15"), "2024-03-15");
    assert_string_equal(due("2024/11"), "2024-11-30");
    /* free text holding dates: the latest counts */
    assert_string_equal(due("2023年启动，2025 年 6 月底前全面完成"), "2025-06-30");
    assert_string_equal(due("2023—2025年"), "2025-12-31");
    /* an Excel date serial (a workbook's date cell): 45382 is 2024-03-31 */
    assert_string_equal(due("45382"), "2024-03-31");
    assert_string_equal(due("持续"), "ongoing ");
    assert_string_equal(due("长期坚持"), "ongoing ");
    assert_string_equal(due("持续（每年）"), "ongoing yearly");
    assert_string_equal(due("每季度"), "ongoing quarterly");
    assert_string_equal(due("持续推进，2025年底前见效"), "ongoing 2025-12-31 ");
    assert_string_equal(due("按上级要求"), "?");
    assert_string_equal(due(""), "?");
    assert_string_equal(due("12345"), "?");               /* a number, not a year */
    assert_string_equal(due("2024年13月"), "2024-12-31"); /* no such month: the year's end */
}

static const char *units(const char *cell)
{
    taskimport_unit u[TASKIMPORT_MAX_UNITS];
    size_t n;
    int used = 0;
    assert_int_equal(
        taskimport_units_parse(&A, cell, counties, NC, u, TASKIMPORT_MAX_UNITS, &n, &used), 0);
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%s%s@%s", i ? "|" : "", u[i].name, *u[i].division ? u[i].division : "-");
    const char *s = arena_strdup(&A, sb.buf);
    sb_release(&sb);
    return s;
}

static void test_units(void **state)
{
    (void)state;
    assert_string_equal(units("市委宣传部、市文联；市融媒体中心"),
                        "市委宣传部@-|市文联@-|市融媒体中心@-");
    /* stray spaces and line breaks of Word, ASCII separators, a repeated name */
    assert_string_equal(units(" 市文广 旅局 ,\n市文化馆; 市文广旅局 "), "市文广旅局@-|市文化馆@-");
    assert_string_equal(units("市文广旅局\u3000、\u3000市图书馆"), "市文广旅局@-|市图书馆@-");
    /* a county's own unit is that county's */
    assert_string_equal(units("米易县文广旅局"), "米易县文广旅局@510421");
    /* 各县（区）: one per county, the prefix carrying over to the names after it */
    assert_string_equal(units("各县（区）文联、文广旅局，市文化馆"),
                        "东区文联@510402|西区文联@510403|仁和区文联@510411|米易县文联@510421|"
                        "盐边县文联@510422|东区文广旅局@510402|西区文广旅局@510403|"
                        "仁和区文广旅局@510411|米易县文广旅局@510421|盐边县文广旅局@510422|"
                        "市文化馆@-");
    assert_string_equal(units("县(区)文化馆"), "东区文化馆@510402|西区文化馆@510403|仁和区文化馆@"
                                               "510411|米易县文化馆@510421|盐边县文化馆@510422");
    assert_string_equal(units(""), "");
    assert_string_equal(units("、、 ；"), "");
    /* too many units: refused */
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < TASKIMPORT_MAX_UNITS + 1; i++)
        sb_addf(&sb, "单位%d、", i);
    taskimport_unit u[TASKIMPORT_MAX_UNITS];
    size_t n;
    int used = 0;
    assert_int_equal(
        taskimport_units_parse(&A, sb.buf, counties, NC, u, TASKIMPORT_MAX_UNITS, &n, &used), -1);
    sb_release(&sb);
}

/* The table of the test: every form the reader is meant to understand. */
static const char table[] =
    "某某市文化工作任务清单,,,,,\n"
    "序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n"
    "一、品牌建设,,,,,\n"
    "1,打造城市文化品牌,完成品牌设计，包含 LOGO 设计,2024 年 3 月,市文广旅局,"
    "\"市委宣传部、市文联、各县（区）党委宣传部、文广旅局\"\n"
    ",,开展品牌宣传推广,2025 年底,市文广旅局,市融媒体中心\n"
    ",,推出品牌文创产品,,,\n"
    ",,,,,\"市商务局、\n市文联\"\n"
    "2,培育群众文化活动品牌,每年举办群众文化节,持续（每年）,市文广旅局,县（区）文广旅局\n"
    "二、设施网络,,,,,\n"
    "3,乡镇综合文化站达标,首批 37 个站达到省级标准,2024年12月底前,各县（区）文广旅局,\n"
    "4,文化馆等级评估,6 个文化馆达到一级馆,,市文广旅局,\n"
    "序号,工作任务,具体内容,时间节点,牵头单位,配合单位\n"
    "5,图书馆总分馆,,按上级要求,市图书馆,\n"
    ",建设城市书房,建成 20 个城市书房,2025年,,\n";

static void check_table(const taskimport *im)
{
    assert_true(im->header_found);
    assert_int_equal(im->nrefused, 0);
    assert_int_equal(im->ntasks, 8);
    const taskimport_task *t = im->tasks;
    /* a continued 工作任务: parts numbered, the first renumbered */
    assert_string_equal(t[0].number, "1.1");
    assert_string_equal(t[0].section, "一、品牌建设");
    assert_string_equal(t[0].title, "打造城市文化品牌");
    assert_string_equal(t[0].content, "完成品牌设计，包含 LOGO 设计");
    assert_string_equal(t[0].deadline.date, "2024-03-31");
    assert_int_equal(t[0].nlead, 1);
    assert_string_equal(t[0].lead[0].name, "市文广旅局");
    assert_int_equal(t[0].ncoop, 12); /* 2 + 5 + 5 */
    assert_string_equal(t[0].coop[2].name, "东区党委宣传部");
    assert_string_equal(t[0].coop[11].name, "盐边县文广旅局");
    assert_string_equal(t[1].number, "1.2");
    assert_string_equal(t[1].title, "打造城市文化品牌");
    assert_string_equal(t[1].deadline.date, "2025-12-31");
    /* the third part: 时间节点 and units empty under merged cells, then a row of units only */
    assert_string_equal(t[2].number, "1.3");
    assert_string_equal(t[2].deadline.date, "2025-12-31");
    assert_string_equal(t[2].lead[0].name, "市文广旅局");
    assert_int_equal(t[2].ncoop, 3);
    assert_string_equal(t[2].coop[0].name, "市融媒体中心");
    assert_string_equal(t[2].coop[1].name, "市商务局");
    assert_string_equal(t[2].coop[2].name, "市文联");
    /* ongoing with a rhythm; 县（区） */
    assert_string_equal(t[3].number, "2");
    assert_true(t[3].deadline.ongoing);
    assert_null(t[3].deadline.date);
    assert_string_equal(t[3].deadline.rhythm, "yearly");
    assert_int_equal(t[3].ncoop, 5);
    assert_string_equal(t[3].coop[4].division, "510422");
    /* a new section; the lead units of 各县（区） */
    assert_string_equal(t[4].section, "二、设施网络");
    assert_int_equal(t[4].nlead, 5);
    assert_string_equal(t[4].deadline.date, "2024-12-31");
    /* 时间节点 empty under a merged cell: the row above's */
    assert_string_equal(t[5].number, "4");
    assert_string_equal(t[5].deadline.date, "2024-12-31");
    /* after the repeated header: a deadline that says no date; then a row with a 工作任务 of
     * its own, its 牵头单位 merged with the row above */
    assert_string_equal(t[6].number, "5");
    assert_string_equal(t[6].title, "图书馆总分馆");
    assert_false(t[6].deadline.understood);
    assert_string_equal(t[6].deadline_text, "按上级要求");
    assert_string_equal(t[7].title, "建设城市书房");
    assert_string_equal(t[7].number, "6"); /* no 序号: numbered in the table's order */
    assert_string_equal(t[7].lead[0].name, "市图书馆");
    assert_string_equal(t[7].deadline.date, "2025-12-31");
}

static const taskimport_row *row_at(const taskimport *im, int line)
{
    for (size_t i = 0; i < im->nrows; i++)
        if (im->rows[i].line == line)
            return &im->rows[i];
    fail_msg("no report of row %d", line);
    return NULL;
}

static int has_note(const taskimport_row *r, taskimport_note_code c)
{
    for (size_t i = 0; i < r->nnotes; i++)
        if (r->notes[i].code == c)
            return 1;
    return 0;
}

static void test_table_csv(void **state)
{
    (void)state;
    taskimport im;
    char err[256];
    assert_int_equal(
        taskimport_buffer(&A, table, strlen(table), counties, NC, &im, err, sizeof(err)), 0);
    check_table(&im);
    assert_string_equal(im.tasks[0].deadline_text, "2024 年 3 月");
    /* the report: each row as it was read */
    assert_int_equal(row_at(&im, 1)->kind, TI_ROW_PREAMBLE);
    assert_int_equal(row_at(&im, 2)->kind, TI_ROW_HEADER);
    assert_int_equal(row_at(&im, 3)->kind, TI_ROW_SECTION);
    assert_int_equal(row_at(&im, 4)->kind, TI_ROW_TASK);
    assert_true(has_note(row_at(&im, 4), TI_NOTE_COUNTIES));
    assert_int_equal(row_at(&im, 5)->kind, TI_ROW_PART);
    assert_true(has_note(row_at(&im, 5), TI_NOTE_TITLE_INHERITED));
    assert_true(has_note(row_at(&im, 6), TI_NOTE_DEADLINE_INHERITED));
    assert_true(has_note(row_at(&im, 6), TI_NOTE_LEAD_INHERITED));
    assert_int_equal(row_at(&im, 7)->kind, TI_ROW_MERGED);
    assert_int_equal(row_at(&im, 7)->task, 2);
    assert_int_equal(row_at(&im, 13)->kind, TI_ROW_REPEATED);
    assert_true(has_note(row_at(&im, 14), TI_NOTE_DEADLINE_UNKNOWN));
    assert_true(has_note(row_at(&im, 15), TI_NOTE_NUMBER_GIVEN));
}

static void test_refusals(void **state)
{
    (void)state;
    taskimport im;
    char err[256];
    /* no header row at all */
    const char *none = "1,打造品牌,设计,2024年3月,市文广旅局,\n";
    assert_int_equal(taskimport_buffer(&A, none, strlen(none), counties, NC, &im, err, sizeof(err)),
                     -1);
    assert_non_null(strstr(err, "header"));
    /* a continuation with nothing above; a row of units with no task; a row without text */
    const char *bad = "工作任务,具体内容,时间节点,牵头单位\n"
                      ",续写的内容,2024年,市文广旅局\n"
                      ",,2024年,市文化馆\n"
                      "一、标题,,,\n"
                      ",,,市图书馆\n"
                      "正常任务,内容,2024年,市文广旅局\n";
    assert_int_equal(taskimport_buffer(&A, bad, strlen(bad), counties, NC, &im, err, sizeof(err)),
                     0);
    assert_int_equal(im.nrefused, 3);
    assert_int_equal(im.ntasks, 1);
    assert_int_equal(row_at(&im, 2)->kind, TI_ROW_REFUSED);
    assert_true(has_note(row_at(&im, 2), TI_NOTE_NO_TASK_ABOVE));
    assert_int_equal(row_at(&im, 3)->kind, TI_ROW_REFUSED);
    assert_int_equal(row_at(&im, 5)->kind, TI_ROW_REFUSED); /* a section is not a task above */
    assert_int_equal(row_at(&im, 6)->kind, TI_ROW_TASK);
    /* GBK bytes */
    const char gbk[] = "工作任务,牵头单位\n\xb9\xa4\xd7\xf7,\xca\xd0\n";
    assert_int_equal(taskimport_buffer(&A, gbk, strlen(gbk), counties, NC, &im, err, sizeof(err)),
                     0);
    assert_int_equal(im.nrefused, 1);
    assert_true(has_note(row_at(&im, 2), TI_NOTE_BAD_UTF8));
    /* not a workbook, though it starts like a zip */
    const char zip[] = "PK\3\4garbage";
    assert_int_equal(
        taskimport_buffer(&A, zip, sizeof(zip) - 1, counties, NC, &im, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "workbook"));
}

/* The test's table as a workbook, as a user saves it in Excel: merged 工作任务 and 时间节点
 * cells, the 时间节点 of task 1 a real date cell, shared strings. */
static char *write_workbook(size_t *len)
{
    char path[] = "/tmp/wenyun-tasks-XXXXXX.xlsx";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "任务清单");
    lxw_format *datefmt = workbook_add_format(wb);
    format_set_num_format(datefmt, "yyyy年m月");
    int r;
    static const char *const rows[][6] = {
        {"某某市文化工作任务清单"},
        {"序号", "工作任务", "具体内容", "时间节点", "牵头单位", "配合单位"},
        {"一、品牌建设"},
        {"1", "打造城市文化品牌", "完成品牌设计，包含 LOGO 设计", NULL, "市文广旅局",
         "市委宣传部、市文联、各县（区）党委宣传部、文广旅局"},
        {"", "", "开展品牌宣传推广", "2025 年底", "市文广旅局", "市融媒体中心"},
        {"", "", "推出品牌文创产品", "", "", ""},
        {"", "", "", "", "", "市商务局、\n市文联"},
        {"2", "培育群众文化活动品牌", "每年举办群众文化节", "持续（每年）", "市文广旅局",
         "县（区）文广旅局"},
        {"二、设施网络"},
        {"3", "乡镇综合文化站达标", "首批 37 个站达到省级标准", "2024年12月底前",
         "各县（区）文广旅局", ""},
        {"4", "文化馆等级评估", "6 个文化馆达到一级馆", "", "市文广旅局", ""},
        {"序号", "工作任务", "具体内容", "时间节点", "牵头单位", "配合单位"},
        {"5", "图书馆总分馆", "", "按上级要求", "市图书馆", ""},
        {"", "建设城市书房", "建成 20 个城市书房", "2025年", "", ""},
    };
    for (r = 0; r < (int)(sizeof(rows) / sizeof(rows[0])); r++)
        for (int c = 0; c < 6; c++)
            if (rows[r][c] && *rows[r][c])
                worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows[r][c], NULL);
    /* task 1's 时间节点 as a date cell: the sheet holds its serial number */
    lxw_datetime dt = {.year = 2024, .month = 3, .day = 31};
    worksheet_write_datetime(ws, 3, 3, &dt, datefmt);
    /* 工作任务 of task 1 merged over its three parts (the cells below are empty in the file),
     * 时间节点 of parts 2 and 3 merged */
    worksheet_merge_range(ws, 3, 1, 5, 1, "打造城市文化品牌", NULL);
    worksheet_merge_range(ws, 4, 3, 5, 3, "2025 年底", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    strbuf sb = STRBUF_INIT;
    assert_int_equal(sb_read_file(&sb, path), 0);
    unlink(path);
    return sb_detach(&sb, len);
}

static void test_table_xlsx(void **state)
{
    (void)state;
    size_t len;
    char *data = write_workbook(&len);
    taskimport im;
    char err[256] = "";
    int rc = taskimport_buffer(&A, data, len, counties, NC, &im, err, sizeof(err));
    if (rc != 0)
        fail_msg("the workbook: %s", err);
    /* the same tasks as the CSV, but task 1's 时间节点 is the date cell's serial: the same day */
    check_table(&im);
    assert_string_equal(im.tasks[0].deadline_text, "45382");
    /* rows are the sheet's */
    assert_int_equal(row_at(&im, 12)->kind, TI_ROW_REPEATED);
    free(data);
}

static int setup(void **state)
{
    (void)state;
    arena_init(&A, 64 << 20);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(&A);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadlines),  cmocka_unit_test(test_units),
        cmocka_unit_test(test_table_csv),  cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_table_xlsx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
