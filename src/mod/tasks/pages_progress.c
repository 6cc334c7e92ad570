/*
 * pages_progress: the pages of carrying out a plan's tasks (docs/tasks.md, "Progress"), for
 * the members of the tasks' units and the plans' managers. The rules are the API's
 * (progress.h); these pages read forms and show what the rules answer:
 *   /admin/me/tasks                  what the caller's units owe: overdue first, then by
 *                                    deadline, the ongoing ones and those with no date last;
 *                                    days left, the last report, a report due
 *   /admin/plans/{id}/tasks/{tid}    a task: its units and deadline, its status history, its
 *                                    reports with their photos and files and its contributions
 *                                    (insiders only), the form to change its status (the lead
 *                                    unit's members, the plan's managers), to report with a
 *                                    file (the lead unit's), to contribute (a cooperating unit's)
 * A refusal comes back on the task's page with its reason (400, 403, 409, 422).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rating.h"
#include "http/parse.h"
#include "mod/admin/handlers.h"
#include "mod/module.h" /* N_ */
#include "mod/tasks/handlers.h"
#include "mod/tasks/progress.h"
#include "mod/tasks/views.h"

static const char *const status_msgids[TASKS_NSTATUS] = {N_("not started"), N_("in progress"),
                                                         N_("done"), N_("cancelled")};

static const char *status_label(http_req *req, const char *status)
{
    for (size_t i = 0; i < TASKS_NSTATUS; i++)
        if (!strcmp(status, tasks_statuses[i]))
            return req_tr(req, status_msgids[i]);
    return status;
}

static void badge(http_req *req, html *h, const char *status)
{
    html_lit(h, "<span class=\"badge ");
    html_attr(h, status);
    html_lit(h, "\">");
    html_text(h, status_label(req, status));
    html_lit(h, "</span>");
}

/* The task's id of the path ({tid}: not one of the router's typed parameters); 0 when it is
 * not a positive decimal number, which names no task. */
int64_t tasks_path_task(http_req *req)
{
    const char *p = req_param(req, 1);
    if (!p || !*p || strlen(p) > 18)
        return 0;
    for (const char *c = p; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    return strtoll(p, NULL, 10);
}

static void task_href(html *h, int64_t plan, int64_t task)
{
    html_lit(h, "/admin/plans/");
    html_int(h, plan);
    html_lit(h, "/tasks/");
    html_int(h, task);
}

/* ---- /admin/me/tasks -------------------------------------------------------------------- */

/* Overdue first (the most overdue first), then by days left, then ongoing ones, then those
 * with no date; ties by plan and table order. */
static int owed_cmp(const void *pa, const void *pb)
{
    const owed_task *a = pa, *b = pb;
    if (a->overdue != b->overdue)
        return b->overdue - a->overdue;
    int ra = a->has_deadline ? 0 : a->r.f.t.ongoing ? 1 : 2;
    int rb = b->has_deadline ? 0 : b->r.f.t.ongoing ? 1 : 2;
    if (ra != rb)
        return ra - rb;
    if (ra == 0 && a->days_left != b->days_left)
        return a->days_left < b->days_left ? -1 : 1;
    if (a->r.f.t.plan_id != b->r.f.t.plan_id)
        return a->r.f.t.plan_id < b->r.f.t.plan_id ? -1 : 1;
    return a->r.f.t.seq - b->r.f.t.seq;
}

void page_my_tasks(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    owed_task *os;
    size_t n;
    if (progress_my_tasks(ctx, &os, &n) < 0) {
        resp_fail(req);
        return;
    }
    if (n > 1)
        qsort(os, n, sizeof(*os), owed_cmp);
    html h;
    web_begin(req, &h, req_tr(req, "My units' tasks"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My units' tasks");
    html_lit(&h, "</h1>");
    if (!n) {
        web_empty(req, &h, "None of your units has a task.");
        web_end(req, &h, 200);
        return;
    }
    static const web_col cols[] = {
        {N_("Task"), 0},     {N_("Plan"), 0},      {N_("Unit"), 0},        {N_("Role"), 0},
        {N_("Deadline"), 0}, {N_("Days left"), 1}, {N_("Last report"), 0}, {N_("Status"), 0}};
    html_lit(&h, "<div class=\"scroll\"><table id=\"my-tasks\">");
    web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < n; i++) {
        const owed_task *o = &os[i];
        const plan_task_row *t = &o->r.f.t;
        html_lit(&h, "<tr data-task=\"");
        html_int(&h, t->id);
        html_lit(&h, "\"");
        if (o->overdue)
            html_lit(&h, " class=\"overdue\"");
        html_lit(&h, "><td><a href=\"");
        task_href(&h, t->plan_id, t->id);
        html_lit(&h, "\">");
        html_text(&h, t->number);
        html_lit(&h, " ");
        html_text(&h, t->title);
        html_lit(&h, "</a></td><td>");
        html_text(&h, o->r.f.plan_title);
        html_lit(&h, "</td><td>");
        html_text(&h, o->r.unit_name);
        html_lit(&h, "</td><td>");
        web_t(req, &h, !strcmp(o->r.role, "lead") ? N_("lead") : N_("cooperating"));
        html_lit(&h, "</td><td>");
        html_text(&h, t->deadline_text);
        html_lit(&h, "</td><td class=\"num days-left\">");
        if (o->has_deadline)
            html_int(&h, o->days_left);
        html_lit(&h, "</td><td>");
        if (o->r.last_report_period)
            html_text(&h, o->r.last_report_period);
        if (o->report_due) {
            html_lit(&h, " ");
            web_badge(req, &h, "report-due", N_("report due"));
        }
        html_lit(&h, "</td><td>");
        badge(req, &h, t->status);
        if (o->overdue) {
            html_lit(&h, " ");
            web_badge(req, &h, "overdue", N_("overdue"));
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    web_end(req, &h, 200);
}

/* ---- /admin/plans/{id}/tasks/{tid} ----------------------------------------------------- */

static void name_for(http_req *req, html *h, int manager, int64_t user, const char *name)
{
    const principal *who = req_ctx(req)->who;
    if (manager || (who && who->user_id == user)) {
        html_text(h, name ? name : "");
        return;
    }
    char masked[RATING_NAME_MAX];
    rating_mask_name(name ? name : "", masked);
    html_text(h, masked);
}

static void units_line(http_req *req, html *h, const task_detail *d, const char *role,
                       const char *label)
{
    html_lit(h, "<p class=\"small\">");
    web_t(req, h, label);
    html_lit(h, ": ");
    int first = 1;
    for (size_t i = 0; i < d->nunits; i++)
        if (!strcmp(d->units[i].role, role)) {
            if (!first)
                html_lit(h, "、");
            html_text(h, d->units[i].name);
            first = 0;
        }
    html_lit(h, "</p>");
}

static void status_options(http_req *req, html *h, const char *current, int with_none)
{
    if (with_none) {
        html_lit(h, "<option value=\"\">");
        web_t(req, h, "no change proposed");
        html_lit(h, "</option>");
    }
    for (size_t i = 0; i < TASKS_NSTATUS; i++) {
        if (current && !strcmp(current, tasks_statuses[i]))
            continue;
        html_lit(h, "<option value=\"");
        html_attr(h, tasks_statuses[i]);
        html_lit(h, "\">");
        html_text(h, status_label(req, tasks_statuses[i]));
        html_lit(h, "</option>");
    }
}

static void action(html *h, const task_detail *d, const char *what)
{
    html_lit(h, " action=\"");
    task_href(h, d->f.t.plan_id, d->f.t.id);
    html_lit(h, "/");
    html_attr(h, what);
    html_lit(h, "\"");
}

static void refusal(http_req *req, html *h, const char *form, const char *failed, const wy_error *e)
{
    int file = failed && !strcmp(failed, "report_file") && !strcmp(form, "report");
    if (!e || !failed || (strcmp(form, failed) && !file))
        return;
    html_lit(h, "<p class=\"flash error\" role=\"alert\" id=\"refusal\">");
    if (file) {
        web_t(req, h, "The report is saved, but its file was refused:");
        html_lit(h, " ");
    }
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}

static void reports_section(http_req *req, html *h, const progress_reports *r)
{
    html_lit(h, "<section class=\"card\" id=\"reports\"><h2>");
    web_t(req, h, "Reports");
    html_lit(h, "</h2>");
    if (!r->nreports)
        web_empty(req, h, "No report yet.");
    for (size_t i = 0; i < r->nreports; i++) {
        const task_report_row *p = &r->reports[i];
        html_lit(h, "<article class=\"report\" data-report=\"");
        html_int(h, p->id);
        html_lit(h, "\"><p class=\"small\"><strong>");
        html_text(h, p->period);
        html_lit(h, "</strong> · ");
        html_text(h, p->unit_name ? p->unit_name : "");
        html_lit(h, " · ");
        name_for(req, h, r->manager, p->created_by, p->author);
        html_lit(h, " · ");
        html_date(h, p->created_at);
        html_lit(h, " · <span class=\"percent\">");
        html_int(h, p->percent);
        html_lit(h, "%</span>");
        if (*p->proposed_status) {
            html_lit(h, " · ");
            web_t(req, h, "status");
            html_lit(h, " ");
            badge(req, h, p->proposed_status);
        }
        html_lit(h, "</p><p>");
        html_text(h, p->body);
        html_lit(h, "</p>");
        const progress_report_files *fs = &r->files[i];
        if (fs->n)
            html_lit(h, "<div class=\"files\">");
        for (size_t k = 0; k < fs->n; k++) {
            const attachment *a = &fs->files[k];
            int photo = !strcmp(a->owner_type, "task_report_photo");
            html_lit(h, "<a href=\"/api/v1/task-attachments/");
            html_int(h, a->id);
            html_lit(h, "\" class=\"");
            html_attr(h, photo ? "photo" : "file");
            html_lit(h, "\">");
            if (photo) {
                html_lit(h, "<img loading=\"lazy\" width=\"160\" src=\"/api/v1/task-attachments/");
                html_int(h, a->id);
                html_lit(h, "\" alt=\"");
                html_attr(h, a->filename);
                html_lit(h, "\">");
            } else {
                html_text(h, a->filename);
            }
            html_lit(h, "</a> ");
        }
        if (fs->n)
            html_lit(h, "</div>");
        html_lit(h, "</article>");
    }
    html_lit(h, "</section><section class=\"card\" id=\"contributions\"><h2>");
    web_t(req, h, "Contributions");
    html_lit(h, "</h2>");
    if (!r->ncontribs)
        web_empty(req, h, "No contribution yet.");
    html_lit(h, "<ul class=\"list\">");
    for (size_t i = 0; i < r->ncontribs; i++) {
        const task_contribution_row *c = &r->contribs[i];
        html_lit(h, "<li class=\"contribution\"><p class=\"small\"><strong>");
        html_text(h, c->period);
        html_lit(h, "</strong> · ");
        html_text(h, c->unit_name ? c->unit_name : "");
        html_lit(h, " · ");
        name_for(req, h, r->manager, c->created_by, c->author);
        html_lit(h, " · ");
        html_date(h, c->created_at);
        html_lit(h, "</p><p>");
        html_text(h, c->body);
        html_lit(h, "</p></li>");
    }
    html_lit(h, "</ul></section>");
}

static void task_page(http_req *req, int status, const char *failed)
{
    wy_ctx *ctx = req_ctx(req);
    wy_error e = ctx->err;
    ctx->err = (wy_error){0};
    task_detail d;
    if (progress_task_get(ctx, tasks_path_task(req), &d) < 0) {
        resp_fail(req);
        return;
    }
    if (d.f.t.plan_id != req_id(req, 0)) {
        web_error_page(req, 404, req_tr(req, "No such task in this plan."));
        return;
    }
    progress_reports r = {0};
    if (d.insider && progress_reports_of(ctx, d.f.t.id, &r) < 0) {
        resp_fail(req);
        return;
    }
    const plan_task_row *t = &d.f.t;
    html h;
    web_begin(req, &h, t->title);
    html_lit(&h, "<p class=\"small\"><a href=\"/admin/plans/");
    html_int(&h, t->plan_id);
    html_lit(&h, "\">");
    html_text(&h, d.f.plan_title);
    html_lit(&h, "</a> · <a href=\"/admin/me/tasks\">");
    web_t(req, &h, "My units' tasks");
    html_lit(&h, "</a></p><h1>");
    html_text(&h, t->number);
    html_lit(&h, " ");
    html_text(&h, t->title);
    html_lit(&h, "</h1>");
    const char *msg = req_query(req, "msg");
    const char *flash = !msg || status != 200         ? NULL
                        : !strcmp(msg, "status")      ? N_("The status is changed.")
                        : !strcmp(msg, "reported")    ? N_("The report is saved.")
                        : !strcmp(msg, "contributed") ? N_("The contribution is saved.")
                                                      : NULL;
    if (flash) {
        html_lit(&h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
        web_t(req, &h, flash);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<section class=\"card\" id=\"task\"><p>");
    html_text(&h, t->content);
    html_lit(&h, "</p><p class=\"small\">");
    web_t(req, &h, "Deadline");
    html_lit(&h, ": ");
    html_text(&h, t->deadline_text);
    html_lit(&h, " · ");
    web_t(req, &h, "Reporting period");
    html_lit(&h, ": ");
    html_text(&h, d.period);
    html_lit(&h, " · <span id=\"task-status\" data-status=\"");
    html_attr(&h, t->status);
    html_lit(&h, "\">");
    badge(req, &h, t->status);
    html_lit(&h, "</span></p>");
    units_line(req, &h, &d, "lead", N_("Lead units"));
    units_line(req, &h, &d, "cooperating", N_("Cooperating units"));
    if (d.manager) {
        html_lit(&h, "<p class=\"small\"><a id=\"indicators-link\" href=\"");
        task_href(&h, t->plan_id, t->id);
        html_lit(&h, "/indicators\">");
        web_t(req, &h, "Indicators the task should move");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</section>");
    if (!d.insider) {
        html_lit(&h, "<p class=\"small\" id=\"not-insider\">");
        web_t(req, &h,
              "The progress of a task is shown to the members of its units and the "
              "plan's managers.");
        html_lit(&h, "</p>");
        web_end(req, &h, status);
        return;
    }
    int closed = !strcmp(t->status, "done") || !strcmp(t->status, "cancelled");
    if (d.lead || d.manager) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Change the status");
        html_lit(&h, "</h2>");
        refusal(req, &h, "status", failed, status == 200 ? NULL : &e);
        html_lit(&h, "<form method=\"post\" class=\"stack\" id=\"status-form\"");
        action(&h, &d, "status");
        html_lit(&h, ">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Status");
        html_lit(&h, " <select name=\"status\" required>");
        status_options(req, &h, t->status, 0);
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Note");
        html_lit(&h, " <input name=\"note\" maxlength=\"1000\"></label>"
                     "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Change the status");
        html_lit(&h, "</button></form></section>");
    }
    if (d.lead && !closed) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Report on the task");
        html_lit(&h, "</h2>");
        refusal(req, &h, "report", failed, status == 200 ? NULL : &e);
        html_lit(&h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"stack\" "
                     "id=\"report-form\"");
        action(&h, &d, "reports");
        html_lit(&h, ">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Reporting period");
        html_lit(&h, " <input name=\"period\" maxlength=\"15\" value=\"");
        html_attr(&h, d.period);
        html_lit(&h, "\"></label><label>");
        web_t(req, &h, "Work done");
        html_lit(&h, " <textarea name=\"text\" rows=\"4\" maxlength=\"5000\" required>");
        if (failed && !strcmp(failed, "report") && req_form(req, "text"))
            html_text(&h, req_form(req, "text"));
        html_lit(&h, "</textarea></label><label>");
        web_t(req, &h, "Percent complete");
        html_lit(&h, " <input type=\"number\" name=\"percent\" min=\"0\" max=\"100\" required "
                     "value=\"0\"></label><label>");
        web_t(req, &h, "Status proposed (applied with the report)");
        html_lit(&h, " <select name=\"status\">");
        status_options(req, &h, NULL, 1);
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Photo or document (optional)");
        html_lit(&h, " <input type=\"file\" name=\"file\"></label>"
                     "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Send the progress report");
        html_lit(&h, "</button></form></section>");
    }
    if (d.cooperating && !closed) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Add what your unit did");
        html_lit(&h, "</h2>");
        refusal(req, &h, "contribution", failed, status == 200 ? NULL : &e);
        html_lit(&h, "<form method=\"post\" class=\"stack\" id=\"contribution-form\"");
        action(&h, &d, "contributions");
        html_lit(&h, ">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "What your unit did");
        html_lit(&h, " <textarea name=\"text\" rows=\"3\" maxlength=\"5000\" required>"
                     "</textarea></label><button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Send the contribution");
        html_lit(&h, "</button></form></section>");
    }
    reports_section(req, &h, &r);
    html_lit(&h, "<section class=\"card\" id=\"history\"><h2>");
    web_t(req, &h, "Status history");
    html_lit(&h, "</h2>");
    if (!d.nhistory)
        web_empty(req, &h, "The status has not changed yet.");
    html_lit(&h, "<ol class=\"list\">");
    for (size_t i = 0; i < d.nhistory; i++) {
        const task_status_change *c = &d.history[i];
        html_lit(&h, "<li class=\"change\" data-to=\"");
        html_attr(&h, c->to);
        html_lit(&h, "\">");
        html_date(&h, c->at);
        html_lit(&h, " · ");
        badge(req, &h, c->from);
        html_lit(&h, " → ");
        badge(req, &h, c->to);
        html_lit(&h, " · ");
        name_for(req, &h, d.manager, c->by, c->by_name);
        if (c->note && *c->note) {
            html_lit(&h, " · ");
            html_text(&h, c->note);
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ol></section>");
    web_end(req, &h, status);
}

void page_plan_task(http_req *req)
{
    task_page(req, 200, NULL);
}

/* The task of the path, in the plan of the path: 0, or -1 with a 404 page. */
int tasks_task_in_plan(http_req *req)
{
    task_detail d;
    if (progress_task_get(req_ctx(req), tasks_path_task(req), &d) < 0) {
        resp_fail(req);
        return -1;
    }
    if (d.f.t.plan_id != req_id(req, 0)) {
        web_error_page(req, 404, req_tr(req, "No such task in this plan."));
        return -1;
    }
    return 0;
}

static void after(http_req *req, int r, const char *form, const char *msg)
{
    wy_ctx *ctx = req_ctx(req);
    if (r == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/plans/%lld/tasks/%lld?msg=%s",
                                         (long long)req_id(req, 0), (long long)tasks_path_task(req),
                                         msg));
        return;
    }
    int status = ctx->err.cls == E_INVALID     ? 400
                 : ctx->err.cls == E_FORBIDDEN ? 403
                 : ctx->err.cls == E_CONFLICT  ? 409
                 : ctx->err.cls == E_RULE      ? 422
                                               : 0;
    if (!status) {
        resp_fail(req);
        return;
    }
    task_page(req, status, form);
}

void page_plan_task_status(http_req *req)
{
    if (tasks_task_in_plan(req) < 0)
        return;
    task_full f;
    const char *note = req_form(req, "note");
    after(req,
          progress_task_status(req_ctx(req), tasks_path_task(req), req_form(req, "status"),
                               note && *note ? note : NULL, &f),
          "status", "status");
}

void page_plan_task_report(http_req *req)
{
    if (tasks_task_in_plan(req) < 0)
        return;
    wy_ctx *ctx = req_ctx(req);
    const char *percent = req_form(req, "percent");
    char *end = NULL;
    long pc = percent && *percent ? strtol(percent, &end, 10) : -1;
    progress_report_input in = {.period = req_form(req, "period"),
                                .text = req_form(req, "text"),
                                .percent = end && *end            ? -1
                                           : pc < -1 || pc > 1000 ? -1
                                                                  : (int)pc,
                                .status = req_form(req, "status")};
    attachment_file f = {0};
    int has_file = req_file(req, "file", &f.data, &f.len, &f.content_type) == 0;
    if (has_file) {
        const mpart *part = mpart_get(&req->in.parts, "file");
        f.name = part && part->filename && *part->filename ? part->filename : "file";
    }
    const char *kind =
        has_file && f.content_type && !strncmp(f.content_type, "image/", 6) ? "photo" : "file";
    task_report_row r;
    if (progress_report_add(ctx, tasks_path_task(req), &in, &r) < 0) {
        after(req, -1, "report", NULL);
        return;
    }
    /* the report stands; a file refused is said on the page, to be sent again */
    attachment a;
    if (has_file && progress_attachment_add(ctx, r.id, kind, &f, &a) < 0) {
        after(req, -1, "report_file", NULL);
        return;
    }
    after(req, 0, "report", "reported");
}

void page_plan_task_contribution(http_req *req)
{
    if (tasks_task_in_plan(req) < 0)
        return;
    task_contribution_row c;
    after(req,
          progress_contribution_add(req_ctx(req), tasks_path_task(req), req_form(req, "text"), &c),
          "contribution", "contributed");
}
