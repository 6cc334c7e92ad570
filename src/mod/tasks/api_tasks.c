/* api_tasks: plans and their tasks under /api/v1/plans (tasks.h decides; these read the input
 * and shape the answers). */
#include "mod/tasks/handlers.h"
#include "mod/tasks/tasks.h"

#include <stdlib.h>
#include <string.h>

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *plan_json(const plan_row *p)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:I,s:I,s:o}", "id", (json_int_t)p->id, "division",
                          p->division, "title", p->title, "year_from",
                          p->year_from ? json_integer(p->year_from) : json_null(), "year_to",
                          p->year_to ? json_integer(p->year_to) : json_null(), "tasks",
                          (json_int_t)p->ntasks, "overdue", (json_int_t)p->noverdue, "updated_at",
                          api_time(p->updated_at));
    return o;
}

void api_plans_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    plan_row *ps;
    size_t n;
    if (tasks_plan_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, plan_json(&ps[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ps[n - 1].id : 0));
}

void api_plan_get(http_req *req)
{
    plan_row p;
    if (tasks_plan_get(req_ctx(req), req_id(req, 0), &p) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, plan_json(&p));
}

static json_t *names_of(const plan_task_unit_row *u, size_t nu, int64_t task, const char *role)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < nu; i++)
        if (u[i].task_id == task && !strcmp(u[i].role, role))
            json_array_append_new(arr, json_string(u[i].name));
    return arr;
}

void api_plan_tasks(http_req *req)
{
    if (api_plan_tasks_filtered(req)) /* ?order=deadline, unit, status … (api_views.c) */
        return;
    int limit;
    int64_t cursor;
    if (req_page(req, 100, 500, &limit, &cursor) < 0)
        return;
    if (cursor > 1000000) {
        resp_error(req, 400, "bad_cursor", req_tr(req, "The cursor is not one this list gave."));
        return;
    }
    plan_task_row *ts;
    plan_task_unit_row *us;
    size_t n, nu;
    if (tasks_plan_tasks(req_ctx(req), req_id(req, 0), (int)cursor, limit, &ts, &n, &us, &nu) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const plan_task_row *t = &ts[i];
        json_array_append_new(
            arr, json_pack("{s:I,s:i,s:s,s:s,s:s,s:s,s:o,s:s,s:b,s:s,s:s,s:o,s:o,s:i}", "id",
                           (json_int_t)t->id, "seq", t->seq, "number", t->number, "section",
                           t->section, "title", t->title, "content", t->content, "deadline",
                           opt_str(t->deadline), "deadline_text", t->deadline_text, "ongoing",
                           t->ongoing, "rhythm", t->rhythm, "status", t->status, "lead_units",
                           names_of(us, nu, t->id, "lead"), "cooperating_units",
                           names_of(us, nu, t->id, "cooperating"), "source_row", t->source_row));
    }
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ts[n - 1].seq : 0));
}

static json_t *units_json(const taskimport_unit *u, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(u[i].name));
    return arr;
}

/* The per-row report and the tasks as read: what a dry run shows before anything is written. */
static json_t *report_json(http_req *req, const tasks_import_result *res, int dry_run)
{
    const taskimport *im = &res->im;
    json_t *rows = json_array();
    for (size_t i = 0; i < im->nrows; i++) {
        const taskimport_row *r = &im->rows[i];
        json_t *notes = json_array();
        for (size_t k = 0; k < r->nnotes; k++)
            json_array_append_new(
                notes, json_pack("{s:s,s:s,s:s}", "code", taskimport_note_name(r->notes[k].code),
                                 "message", req_tr(req, taskimport_note_message(r->notes[k].code)),
                                 "detail", r->notes[k].detail));
        json_array_append_new(
            rows, json_pack("{s:i,s:s,s:s,s:o,s:o}", "line", r->line, "kind",
                            taskimport_kind_name(r->kind), "reading",
                            req_tr(req, taskimport_kind_message(r->kind)), "task",
                            r->task >= 0 ? json_string(im->tasks[r->task].number) : json_null(),
                            "notes", notes));
    }
    json_t *tasks = json_array();
    for (size_t i = 0; i < im->ntasks; i++) {
        const taskimport_task *t = &im->tasks[i];
        json_array_append_new(
            tasks,
            json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:b,s:s,s:o,s:o,s:i}", "number", t->number,
                      "section", t->section, "title", t->title, "content", t->content, "deadline",
                      opt_str(t->deadline.date), "deadline_text",
                      t->deadline_text ? t->deadline_text : "", "ongoing", t->deadline.ongoing,
                      "rhythm", t->deadline.rhythm, "lead_units", units_json(t->lead, t->nlead),
                      "cooperating_units", units_json(t->coop, t->ncoop), "row", t->row));
    }
    return json_pack("{s:b,s:o,s:b,s:I,s:I,s:I,s:I,s:o,s:o}", "dry_run", dry_run, "plan_id",
                     res->plan_id ? json_integer(res->plan_id) : json_null(), "replaced",
                     res->replaced, "tasks_read", (json_int_t)im->ntasks, "refused",
                     (json_int_t)im->nrefused, "warnings", (json_int_t)im->nwarnings, "units_new",
                     (json_int_t)res->units_new, "rows", rows, "tasks", tasks);
}

static int flag(http_req *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static int year(http_req *req, const char *name, int *out)
{
    const char *v = req_query(req, name);
    *out = 0;
    if (!v || !*v)
        return 0;
    char *end;
    long y = strtol(v, &end, 10);
    if (*end || y < 1949 || y > 2200) {
        resp_error(req, 400, "bad_years", req_tr(req, "A year from 1949 to 2200."));
        return -1;
    }
    *out = (int)y;
    return 0;
}

void api_plans_import(http_req *req)
{
    tasks_import_input in = {.title = req_query(req, "title"),
                             .division = req_query(req, "division"),
                             .data = req->body.buf,
                             .len = req->body.len,
                             .dry_run = flag(req, "dry_run"),
                             .replace = flag(req, "replace")};
    if (year(req, "year_from", &in.year_from) < 0 || year(req, "year_to", &in.year_to) < 0)
        return;
    tasks_import_result res;
    wy_ctx *ctx = req_ctx(req);
    if (tasks_import(ctx, &in, &res) == 0) {
        resp_json(req, in.dry_run ? 200 : 201, report_json(req, &res, in.dry_run));
        return;
    }
    if (!res.im.nrows && !res.detail) {
        resp_fail(req);
        return;
    }
    /* the refusal with what was read, so the user sees which rows to mend */
    json_t *body = report_json(req, &res, in.dry_run);
    json_object_set_new(body, "error",
                        json_pack("{s:s,s:s,s:o}", "code", ctx->err.code, "message",
                                  req_tr(req, ctx->err.message), "detail", opt_str(res.detail)));
    int status = ctx->err.cls == E_CONFLICT ? 409 : 400;
    resp_json(req, status, body);
}
