/* api_progress: units and their members, a task's status, reports and contributions, what a
 * unit owes, and the indicators of a task (progress.h decides; these read the input and shape
 * the answers). Reporters' names are masked but for the plan's managers and the reporter. */
#include "mod/tasks/handlers.h"
#include "mod/tasks/progress.h"
#include "mod/tasks/tasks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/rating.h"

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *unit_json(const unit_row *u)
{
    return json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)u->id, "division", u->division, "name",
                     u->name, "members", (json_int_t)u->nmembers);
}

void api_units_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 200, &limit, &cursor) < 0)
        return;
    unit_row *us;
    size_t n;
    if (progress_unit_list(req_ctx(req), req_query(req, "division"), cursor, limit, &us, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, unit_json(&us[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? us[n - 1].id : 0));
}

static json_t *members_json(const unit_row *u, const unit_member_row *ms, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(ms[i].phone, phone);
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:o}", "user_id",
                                             (json_int_t)ms[i].user_id, "name", ms[i].name, "phone",
                                             phone, "added_at", api_time(ms[i].added_at)));
    }
    json_t *o = unit_json(u);
    json_object_set_new(o, "items", arr);
    return o;
}

static void answer_members(http_req *req, int status)
{
    unit_row u;
    unit_member_row *ms;
    size_t n;
    if (progress_unit_members(req_ctx(req), req_id(req, 0), &u, &ms, &n) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, status, members_json(&u, ms, n));
    resp_header(req, "Cache-Control", "private, no-store");
}

void api_unit_members(http_req *req)
{
    answer_members(req, 200);
}

void api_unit_member_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t user = 0;
    const char *phone = NULL;
    if (api_int(req, b, "user_id", 0, &user) < 0 || api_str(req, b, "phone", 0, &phone) < 0) {
        json_decref(b);
        return;
    }
    int64_t added;
    if (progress_unit_member_add(req_ctx(req), req_id(req, 0), user, phone, &added) < 0)
        resp_fail(req);
    else
        answer_members(req, 201);
    json_decref(b);
}

void api_unit_member_remove(http_req *req)
{
    const char *p = req_param(req, 1);
    char *end;
    long long user = p ? strtoll(p, &end, 10) : 0;
    if (!p || !*p || *end || user <= 0) {
        resp_error(req, 404, "not_found", req_tr(req, "Not found."));
        return;
    }
    if (progress_unit_member_remove(req_ctx(req), req_id(req, 0), user) < 0)
        resp_fail(req);
    else
        answer_members(req, 200);
}

static json_t *owed_json(const owed_task *o)
{
    const plan_task_row *t = &o->r.f.t;
    return json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:o,s:s,s:b,s:s,s:s,s:{s:I,s:s},s:s,s:o,s:b,s:o,s:o,s:s,s:b,s:o}",
        "id", (json_int_t)t->id, "plan_id", (json_int_t)t->plan_id, "plan", o->r.f.plan_title,
        "number", t->number, "title", t->title, "deadline", opt_str(t->deadline), "deadline_text",
        t->deadline_text, "ongoing", t->ongoing, "rhythm", t->rhythm, "status", t->status, "unit",
        "id", (json_int_t)o->r.unit_id, "name", o->r.unit_name, "role", o->r.role, "days_left",
        o->has_deadline ? json_integer(o->days_left) : json_null(), "overdue", o->overdue,
        "last_report_at", o->r.last_report_at ? api_time(o->r.last_report_at) : json_null(),
        "last_report_period", opt_str(o->r.last_report_period), "period", o->period, "report_due",
        o->report_due, "escalated_at",
        o->r.f.escalated_at ? api_time(o->r.f.escalated_at) : json_null());
}

static void answer_owed(http_req *req, int rc, const owed_task *os, size_t n)
{
    if (rc < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, owed_json(&os[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
    resp_header(req, "Cache-Control", "private, no-store");
}

void api_my_tasks(http_req *req)
{
    owed_task *os = NULL;
    size_t n = 0;
    int rc = progress_my_tasks(req_ctx(req), &os, &n);
    answer_owed(req, rc, os, n);
}

void api_unit_tasks(http_req *req)
{
    owed_task *os = NULL;
    size_t n = 0;
    int rc = progress_unit_tasks(req_ctx(req), req_id(req, 0), &os, &n);
    answer_owed(req, rc, os, n);
}

static json_t *units_of(const plan_task_unit_row *u, size_t n, const char *role)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        if (!strcmp(u[i].role, role))
            json_array_append_new(arr, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)u[i].unit_id,
                                                 "name", u[i].name, "division", u[i].division));
    return arr;
}

/* A person's name as this caller may see it: whole for the plan's managers and oneself. */
static json_t *name_for(http_req *req, int manager, int64_t user, const char *name)
{
    const principal *who = req_ctx(req)->who;
    if (manager || (who && who->user_id == user))
        return json_string(name);
    char masked[RATING_NAME_MAX];
    rating_mask_name(name, masked);
    return json_string(masked);
}

static json_t *detail_json(http_req *req, const task_detail *d)
{
    const plan_task_row *t = &d->f.t;
    json_t *inds = json_array();
    for (size_t i = 0; i < d->ninds; i++) {
        const task_indicator_view *v = &d->inds[i];
        const char *name = v->known ? (req->lang == LANG_EN ? v->name_en : v->name_zh) : NULL;
        json_t *o = json_pack("{s:s,s:o,s:o,s:b}", "code", v->code, "name", opt_str(name), "unit",
                              opt_str(v->unit), "known", v->known);
        if (v->known && v->visible) {
            json_t *fig = json_pack("{s:i,s:o,s:o,s:o,s:b,s:s}", "year", v->year, "actual",
                                    num(v->actual), "target", num(v->target), "expected",
                                    num(v->expected), "lagging", v->lagging, "status", v->status);
            json_object_update(o, fig);
            json_decref(fig);
        }
        json_array_append_new(inds, o);
    }
    json_t *o = json_pack(
        "{s:I,s:{s:I,s:s,s:s},s:i,s:s,s:s,s:s,s:s,s:o,s:s,s:b,s:s,s:s,s:o,s:o,s:o,s:s,s:o,s:o}",
        "id", (json_int_t)t->id, "plan", "id", (json_int_t)t->plan_id, "title", d->f.plan_title,
        "division", d->f.division, "seq", t->seq, "number", t->number, "section", t->section,
        "title", t->title, "content", t->content, "deadline", opt_str(t->deadline), "deadline_text",
        t->deadline_text, "ongoing", t->ongoing, "rhythm", t->rhythm, "status", t->status,
        "lead_units", units_of(d->units, d->nunits, "lead"), "cooperating_units",
        units_of(d->units, d->nunits, "cooperating"), "escalated_at",
        d->f.escalated_at ? api_time(d->f.escalated_at) : json_null(), "period", d->period,
        "indicators", inds, "updated_at", api_time(t->updated_at));
    if (d->insider) {
        json_t *h = json_array();
        for (size_t i = 0; i < d->nhistory; i++) {
            const task_status_change *c = &d->history[i];
            json_array_append_new(h, json_pack("{s:s,s:s,s:s,s:o,s:o}", "from", c->from, "to",
                                               c->to, "note", c->note, "by",
                                               name_for(req, d->manager, c->by, c->by_name), "at",
                                               api_time(c->at)));
        }
        json_object_set_new(o, "history", h);
    }
    return o;
}

static void answer_task(http_req *req, int status)
{
    task_detail d;
    if (progress_task_get(req_ctx(req), req_id(req, 0), &d) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, status, detail_json(req, &d));
    if (d.insider)
        resp_header(req, "Cache-Control", "private, no-store");
}

void api_plan_task_get(http_req *req)
{
    answer_task(req, 200);
}

void api_plan_task_status(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *status = NULL, *note = NULL;
    if (api_str(req, b, "status", 1, &status) < 0 || api_str(req, b, "note", 0, &note) < 0) {
        json_decref(b);
        return;
    }
    task_full f;
    if (progress_task_status(req_ctx(req), req_id(req, 0), status, note, &f) < 0)
        resp_fail(req);
    else
        answer_task(req, 200);
    json_decref(b);
}

static json_t *file_json(const attachment *a)
{
    char url[64];
    snprintf(url, sizeof url, "/api/v1/task-attachments/%lld", (long long)a->id);
    int photo = !strcmp(a->owner_type, "task_report_photo");
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:o}", "id", (json_int_t)a->id, "kind",
                     photo ? "photo" : "file", "filename", a->filename, "content_type",
                     a->content_type, "bytes", (json_int_t)a->bytes, "url", url, "created_at",
                     api_time(a->created_at));
}

static json_t *report_json(http_req *req, int manager, const task_report_row *r,
                           const progress_report_files *files)
{
    json_t *fs = json_array();
    for (size_t i = 0; files && i < files->n; i++)
        json_array_append_new(fs, file_json(&files->files[i]));
    return json_pack("{s:I,s:I,s:{s:I,s:s},s:s,s:s,s:i,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
                     "task_id", (json_int_t)r->task_id, "unit", "id", (json_int_t)r->unit_id,
                     "name", r->unit_name ? r->unit_name : "", "period", r->period, "text", r->body,
                     "percent", r->percent, "proposed_status",
                     *r->proposed_status ? json_string(r->proposed_status) : json_null(),
                     "reporter", name_for(req, manager, r->created_by, r->author ? r->author : ""),
                     "files", fs, "created_at", api_time(r->created_at));
}

static json_t *contribution_json(http_req *req, int manager, const task_contribution_row *c)
{
    return json_pack("{s:I,s:I,s:{s:I,s:s},s:s,s:s,s:o,s:o}", "id", (json_int_t)c->id, "task_id",
                     (json_int_t)c->task_id, "unit", "id", (json_int_t)c->unit_id, "name",
                     c->unit_name ? c->unit_name : "", "period", c->period, "text", c->body,
                     "reporter", name_for(req, manager, c->created_by, c->author ? c->author : ""),
                     "created_at", api_time(c->created_at));
}

void api_plan_task_reports(http_req *req)
{
    progress_reports r;
    if (progress_reports_of(req_ctx(req), req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    json_t *reports = json_array(), *contribs = json_array();
    for (size_t i = 0; i < r.nreports; i++)
        json_array_append_new(reports, report_json(req, r.manager, &r.reports[i], &r.files[i]));
    for (size_t i = 0; i < r.ncontribs; i++)
        json_array_append_new(contribs, contribution_json(req, r.manager, &r.contribs[i]));
    resp_json(req, 200,
              json_pack("{s:I,s:s,s:o,s:o}", "task_id", (json_int_t)r.f.t.id, "status",
                        r.f.t.status, "items", reports, "contributions", contribs));
    resp_header(req, "Cache-Control", "private, no-store");
}

void api_plan_task_report_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    progress_report_input in = {0};
    int64_t percent = -1;
    if (api_str(req, b, "period", 0, &in.period) < 0 || api_str(req, b, "text", 1, &in.text) < 0 ||
        api_int(req, b, "percent", 1, &percent) < 0 ||
        api_str(req, b, "status", 0, &in.status) < 0) {
        json_decref(b);
        return;
    }
    in.percent = percent < -1 || percent > 1000 ? -1 : (int)percent;
    task_report_row r;
    if (progress_report_add(req_ctx(req), req_id(req, 0), &in, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, report_json(req, 0, &r, NULL));
    json_decref(b);
}

void api_plan_task_contribution_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *text = NULL;
    if (api_str(req, b, "text", 1, &text) < 0) {
        json_decref(b);
        return;
    }
    task_contribution_row c;
    if (progress_contribution_add(req_ctx(req), req_id(req, 0), text, &c) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, contribution_json(req, 0, &c));
    json_decref(b);
}

void api_task_report_attachment_add(http_req *req)
{
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    attachment out;
    if (progress_attachment_add(req_ctx(req), req_id(req, 0), req_query(req, "kind"), &f, &out) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, file_json(&out));
}

void api_task_attachment_get(http_req *req)
{
    attachment a;
    const char *data;
    size_t len;
    if (progress_attachment_get(req_ctx(req), req_id(req, 0), &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    resp_header(req, "Content-Disposition",
                arena_sprintf(&req->a, "attachment; filename=\"task-%lld\"", (long long)a.id));
    resp_header(req, "Cache-Control", "private, no-store");
}

void api_plan_task_indicator_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *code = NULL;
    if (api_str(req, b, "code", 1, &code) < 0) {
        json_decref(b);
        return;
    }
    if (progress_indicator_add(req_ctx(req), req_id(req, 0), code) < 0)
        resp_fail(req);
    else
        answer_task(req, 201);
    json_decref(b);
}

void api_plan_task_indicator_remove(http_req *req)
{
    if (progress_indicator_remove(req_ctx(req), req_id(req, 0), req_param(req, 1)) < 0)
        resp_fail(req);
    else
        answer_task(req, 200);
}

const char *tasks_notice_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *what = n->title ? n->title : "?";
    const char *deadline = json_string_value(json_object_get(p, "deadline"));
    const char *t;
    if (!strcmp(n->kind, tasks_kind_deadline_near.name))
        t = arena_sprintf(&req->a, req_tr(req, "The task “%s” is due on %s."), what,
                          deadline ? deadline : "?");
    else if (!strcmp(n->kind, tasks_kind_escalated.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "The task “%s” was due on %s and is not done: escalated."),
                          what, deadline ? deadline : "?");
    else {
        const char *code = json_string_value(json_object_get(p, "indicator"));
        t = arena_sprintf(&req->a,
                          req_tr(req, "The indicator %s of the task “%s” lags its target."),
                          code ? code : "?", what);
    }
    json_decref(p);
    return t;
}
