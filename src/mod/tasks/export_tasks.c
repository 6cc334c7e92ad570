/*
 * export_tasks: a plan's task table written as a workbook (views.h), laid out as plans print
 * it: the plan's title, the header 序号, 工作任务, 具体内容, 时间节点, 牵头单位, 配合单位 (and
 * 状态, the task's status), a row for each chapter's heading and a row for each task, its units
 * joined by 、. The header is frozen and filtered; the text wraps in columns wide enough to
 * read. The importer reads such a workbook back to the same tasks (docs/tasks.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "mod/tasks/views.h"
#include "util/strbuf.h"

static const struct {
    const char *head;
    double width;
} cols[] = {
    {"序号", 7},      {"工作任务", 26}, {"具体内容", 50}, {"时间节点", 16},
    {"牵头单位", 24}, {"配合单位", 40}, {"状态", 9},
};
#define NCOLS ((lxw_col_t)(sizeof(cols) / sizeof(cols[0])))

/* the names of a task's units of a role, joined by 、 */
static const char *units_of(wy_ctx *ctx, const tasks_view *v, int64_t task, const char *role)
{
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < v->nunits; i++)
        if (v->units[i].task_id == task && !strcmp(v->units[i].role, role)) {
            if (b.len)
                sb_adds(&b, "、");
            sb_adds(&b, v->units[i].name);
        }
    const char *s = arena_strdup(ctx->a, b.len ? b.buf : "");
    sb_release(&b);
    return s;
}

static int write_book(wy_ctx *ctx, const tasks_view *v, const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return -1;
    lxw_format *title = workbook_add_format(wb), *head = workbook_add_format(wb),
               *section = workbook_add_format(wb), *cell = workbook_add_format(wb),
               *overdue = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    format_set_bold(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(head, 0xDDE6F0);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bold(section);
    format_set_bg_color(section, 0xF2F2F2);
    format_set_border(section, LXW_BORDER_THIN);
    format_set_text_wrap(cell);
    format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_text_wrap(overdue);
    format_set_align(overdue, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(overdue, LXW_BORDER_THIN);
    format_set_font_color(overdue, 0xC00000);
    lxw_doc_properties props = {.title = (char *)v->plan.title, .author = "wenyun"};
    workbook_set_properties(wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "任务清单");
    worksheet_write_string(ws, 0, 0, v->plan.title, title);
    for (lxw_col_t c = 0; c < NCOLS; c++) {
        worksheet_write_string(ws, 1, c, cols[c].head, head);
        worksheet_set_column(ws, c, c, cols[c].width, NULL);
    }
    worksheet_freeze_panes(ws, 2, 0);
    lxw_row_t r = 2;
    const char *sec = "";
    for (size_t i = 0; i < v->n; i++) {
        const plan_task_row *t = &v->tasks[i];
        if (*t->section && strcmp(t->section, sec)) {
            worksheet_merge_range(ws, r, 0, r, NCOLS - 1, t->section, section);
            r++;
        }
        sec = t->section;
        const char *deadline = *t->deadline_text ? t->deadline_text
                               : t->deadline     ? t->deadline
                                                 : "";
        const char *vals[] = {t->number,
                              t->title,
                              t->content,
                              deadline,
                              units_of(ctx, v, t->id, "lead"),
                              units_of(ctx, v, t->id, "cooperating"),
                              tasks_status_zh(t->status)};
        for (lxw_col_t c = 0; c < NCOLS; c++)
            worksheet_write_string(ws, r, c, vals[c],
                                   c == 3 && tasks_overdue(t, v->today) ? overdue : cell);
        r++;
    }
    worksheet_autofilter(ws, 1, 0, r > 2 ? r - 1 : 1, NCOLS - 1);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int tasks_export_xlsx(wy_ctx *ctx, const tasks_view *v, const char **data, size_t *len)
{
    /* libxlsxwriter writes files: a private temporary one, read back and removed */
    char path[] = "/tmp/wenyun-tasks-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return wy_fail(ctx, E_UNAVAILABLE, "export_failed", "The workbook cannot be written.");
    close(fd);
    strbuf x = STRBUF_INIT_MAX((size_t)64 << 20);
    int res = write_book(ctx, v, path) == 0 && sb_read_file(&x, path) == 0 ? 0 : -1;
    unlink(path);
    if (res == 0) {
        char *copy = arena_alloc(ctx->a, x.len ? x.len : 1);
        if (copy)
            memcpy(copy, x.buf, x.len);
        *data = copy;
        *len = x.len;
        res = copy ? 0 : check_mem(ctx);
    } else
        res = wy_fail(ctx, E_UNAVAILABLE, "export_failed", "The workbook cannot be written.");
    sb_release(&x);
    return res;
}
