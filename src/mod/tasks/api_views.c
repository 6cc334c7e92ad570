/* api_views: a plan's tasks by deadline with filters, by unit, by chapter, as a timeline, and
 * its table as a workbook (views.h decides; these read the input and shape the answers). */
#include <stdlib.h>
#include <string.h>

#include "mod/tasks/handlers.h"
#include "mod/tasks/views.h"

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *names_of(const tasks_view *v, int64_t task, const char *role)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < v->nunits; i++)
        if (v->units[i].task_id == task && !strcmp(v->units[i].role, role))
            json_array_append_new(arr, json_string(v->units[i].name));
    return arr;
}

/* a task as GET /api/v1/plans/{id}/tasks gives it, with overdue */
static json_t *task_full(const tasks_view *v, size_t p)
{
    const plan_task_row *t = &v->tasks[p];
    return json_pack("{s:I,s:i,s:s,s:s,s:s,s:s,s:o,s:s,s:b,s:s,s:s,s:o,s:o,s:i,s:b}", "id",
                     (json_int_t)t->id, "seq", t->seq, "number", t->number, "section", t->section,
                     "title", t->title, "content", t->content, "deadline", opt_str(t->deadline),
                     "deadline_text", t->deadline_text, "ongoing", t->ongoing, "rhythm", t->rhythm,
                     "status", t->status, "lead_units", names_of(v, t->id, "lead"),
                     "cooperating_units", names_of(v, t->id, "cooperating"), "source_row",
                     t->source_row, "overdue", tasks_overdue(t, v->today));
}

/* a task in a group of a view */
static json_t *task_brief(const tasks_view *v, size_t p)
{
    const plan_task_row *t = &v->tasks[p];
    return json_pack("{s:I,s:s,s:s,s:o,s:s,s:b,s:s,s:b}", "id", (json_int_t)t->id, "number",
                     t->number, "title", t->title, "deadline", opt_str(t->deadline),
                     "deadline_text", t->deadline_text, "ongoing", t->ongoing, "status", t->status,
                     "overdue", tasks_overdue(t, v->today));
}

static json_t *briefs(const tasks_view *v, const size_t *pos, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, task_brief(v, pos[i]));
    return arr;
}

int api_plan_tasks_filtered(http_req *req)
{
    static const char *const params[] = {"order", "unit", "status", "overdue", "due_before"};
    int asked = 0;
    for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++)
        asked |= req_query(req, params[i]) != NULL;
    if (!asked)
        return 0;
    wy_ctx *ctx = req_ctx(req);
    const char *order = req_query(req, "order"), *unit = req_query(req, "unit"),
               *overdue = req_query(req, "overdue");
    tasks_filter f = {.status = req_query(req, "status"),
                      .due_before = req_query(req, "due_before")};
    if (order && strcmp(order, "deadline") && strcmp(order, "table")) {
        resp_error(req, 400, "bad_order", req_tr(req, "The order is deadline or table."));
        return 1;
    }
    f.by_deadline = order && !strcmp(order, "deadline");
    if (unit) {
        char *end;
        long long u = strtoll(unit, &end, 10);
        if (!*unit || *end || u <= 0) {
            resp_error(req, 400, "bad_unit", req_tr(req, "A unit is given by its id."));
            return 1;
        }
        f.unit = u;
    }
    if (overdue && strcmp(overdue, "0") && strcmp(overdue, "1")) {
        resp_error(req, 400, "bad_overdue", req_tr(req, "overdue is 0 or 1."));
        return 1;
    }
    f.overdue = overdue && !strcmp(overdue, "1");
    int limit;
    int64_t cursor;
    if (req_page(req, 100, 500, &limit, &cursor) < 0)
        return 1;
    tasks_view v;
    if (tasks_filter_check(ctx, &f) < 0 || tasks_view_load(ctx, req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return 1;
    }
    size_t *idx = v.n ? arena_alloc(ctx->a, v.n * sizeof(*idx)) : NULL;
    if (v.n && !idx) {
        check_mem(ctx);
        resp_fail(req);
        return 1;
    }
    size_t k = tasks_view_filter(&v, &f, idx);
    /* the cursor of a filtered list is the position in it */
    if (cursor < 0 || (size_t)cursor > k) {
        resp_error(req, 400, "bad_cursor", req_tr(req, "The cursor is not one this list gave."));
        return 1;
    }
    json_t *arr = json_array();
    size_t i = (size_t)cursor;
    for (; i < k && i < (size_t)cursor + (size_t)limit; i++)
        json_array_append_new(arr, task_full(&v, idx[i]));
    resp_json(req, 200, api_page(arr, i < k ? (int64_t)i : 0));
    return 1;
}

void api_plan_by_unit(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    tasks_view v;
    tasks_unit_group *g;
    size_t n;
    if (tasks_view_load(ctx, req_id(req, 0), &v) < 0 || tasks_by_unit(ctx, &v, &g, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            arr,
            json_pack("{s:I,s:s,s:s,s:{s:I,s:I,s:I},s:o,s:o}", "unit_id", (json_int_t)g[i].unit_id,
                      "name", g[i].name, "division", g[i].division, "counts", "lead",
                      (json_int_t)g[i].nlead, "cooperating", (json_int_t)g[i].ncoop, "overdue",
                      (json_int_t)g[i].noverdue, "lead", briefs(&v, g[i].lead, g[i].nlead),
                      "cooperating", briefs(&v, g[i].coop, g[i].ncoop)));
    resp_json(req, 200,
              json_pack("{s:I,s:s,s:o}", "plan_id", (json_int_t)v.plan.id, "today", v.today,
                        "items", arr));
}

void api_plan_chapters(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    tasks_view v;
    tasks_chapter *c;
    size_t n;
    if (tasks_view_load(ctx, req_id(req, 0), &v) < 0 || tasks_by_chapter(ctx, &v, &c, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *st = json_object();
        for (size_t s = 0; s < TASKS_NSTATUS; s++)
            json_object_set_new(st, tasks_statuses[s], json_integer((json_int_t)c[i].nstatus[s]));
        json_array_append_new(arr, json_pack("{s:s,s:I,s:I,s:o,s:o}", "section", c[i].section,
                                             "count", (json_int_t)c[i].ntasks, "overdue",
                                             (json_int_t)c[i].noverdue, "status", st, "tasks",
                                             briefs(&v, c[i].tasks, c[i].ntasks)));
    }
    resp_json(req, 200,
              json_pack("{s:I,s:s,s:o}", "plan_id", (json_int_t)v.plan.id, "today", v.today,
                        "items", arr));
}

void api_plan_timeline(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    tasks_view v;
    if (tasks_view_load(ctx, req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    tasks_timeline tl;
    tasks_timeline_of(&v, &tl);
    json_t *arr = json_array();
    for (size_t i = 0; i < v.n; i++) {
        const plan_task_row *t = &v.tasks[i];
        json_t *o = task_brief(&v, i);
        const char *end = t->deadline ? t->deadline : t->ongoing ? tl.end : NULL;
        json_object_set_new(o, "start", end ? json_string(tl.start) : json_null());
        json_object_set_new(o, "end", opt_str(end));
        json_array_append_new(arr, o);
    }
    resp_json(req, 200,
              json_pack("{s:I,s:s,s:s,s:s,s:o}", "plan_id", (json_int_t)v.plan.id, "start",
                        tl.start, "end", tl.end, "today", v.today, "items", arr));
}

void api_plan_tasks_xlsx(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    tasks_view v;
    const char *data;
    size_t len;
    if (tasks_view_load(ctx, req_id(req, 0), &v) < 0 ||
        tasks_export_xlsx(ctx, &v, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data,
              len);
    resp_header(req, "Content-Disposition",
                arena_sprintf(&req->a, "attachment; filename=\"plan-%lld-tasks.xlsx\"",
                              (long long)v.plan.id));
}
