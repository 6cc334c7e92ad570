/*
 * pages_units: the managers' pages of units and of the indicators a task should move
 * (docs/tasks.md "Pages of progress"), for staff with tasks_manage over the unit's or the
 * plan's division. The rules are the API's (progress.h):
 *   /admin/units                               the units of the caller's subtree (?division=)
 *                                              with their numbers of members
 *   /admin/units/{id}                          a unit's members (the staff who report for it),
 *                                              the form to add one by phone, a button to remove
 *                                              each; the unit's tasks, led or cooperated on
 *   /admin/plans/{id}/tasks/{tid}/indicators   the indicators the task should move: actual,
 *                                              target, the target pro rata, lagging; the form
 *                                              to link one by its code, a button to unlink each
 * A refusal comes back on the page beside its form (400, 403, 409, 422).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "mod/module.h" /* N_ */
#include "mod/tasks/handlers.h"
#include "mod/tasks/progress.h"
#include "web/form.h"

#define UNITS_PAGE 50

static const web_flash_msg flashes[] = {
    {"added", N_("The member is added."), 0},
    {"removed", N_("The member is removed."), 0},
    {"linked", N_("The indicator is linked to the task."), 0},
    {"unlinked", N_("The indicator is unlinked from the task."), 0},
};

/* ---- /admin/units ------------------------------------------------------------------------ */

void page_admin_units(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division = req_query(req, "division");
    const char *cursor = req_query(req, "cursor");
    unit_row *us;
    size_t n;
    if (progress_unit_list(ctx, division && *division ? division : NULL, cursor ? atoll(cursor) : 0,
                           UNITS_PAGE, &us, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Units"));
    html_lit(&h, "<p><a href=\"/admin/plans\">");
    web_t(req, &h, "Plans and tasks");
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Units");
    html_lit(&h, "</h1>");
    if (!n) {
        web_empty(req, &h, "No units yet: a plan's import makes them.");
    } else {
        html_lit(&h, "<div class=\"scroll\"><table id=\"units\">");
        static const web_col cols[] = {{N_("Unit"), 0}, {N_("Division"), 0}, {N_("Members"), 1}};
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr data-unit=\"");
            html_int(&h, us[i].id);
            html_lit(&h, "\"><td><a href=\"/admin/units/");
            html_int(&h, us[i].id);
            html_lit(&h, "\">");
            html_text(&h, us[i].name);
            html_lit(&h, "</a></td><td>");
            html_text(&h, us[i].division);
            html_lit(&h, "</td><td class=\"num\">");
            html_int(&h, us[i].nmembers);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    if (n == UNITS_PAGE) {
        const char *params[] = {"division", division, NULL};
        web_pager_id(req, &h, "/admin/units", us[n - 1].id, params);
    }
    web_end(req, &h, 200);
}

/* ---- /admin/units/{id} ------------------------------------------------------------------- */

static void unit_page(http_req *req, int status, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    unit_row u;
    unit_member_row *ms;
    size_t n;
    owed_task *ts;
    size_t nt;
    if (progress_unit_members(ctx, id, &u, &ms, &n) < 0 ||
        progress_unit_tasks(ctx, id, &ts, &nt) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, u.name);
    html_lit(&h, "<p><a href=\"/admin/units\">");
    web_t(req, &h, "Units");
    html_lit(&h, "</a></p><h1>");
    html_text(&h, u.name);
    html_lit(&h, "</h1><p class=\"small\">");
    html_text(&h, u.division);
    html_lit(&h, "</p>");
    if (status == 200)
        WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\" id=\"members\"><h2>");
    web_t(req, &h, "Members who report for the unit");
    html_lit(&h, "</h2>");
    web_form_error(req, &h, web_refusal_of(f, "remove", 0));
    if (!n)
        web_empty(req, &h, "No member yet.");
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < n; i++) {
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(ms[i].phone ? ms[i].phone : "", phone);
        html_lit(&h, "<li class=\"member\" data-user=\"");
        html_int(&h, ms[i].user_id);
        html_lit(&h, "\">");
        html_text(&h, ms[i].name ? ms[i].name : "");
        html_lit(&h, " <span class=\"small\">");
        html_text(&h, phone);
        html_lit(&h, " · ");
        html_date(&h, ms[i].added_at);
        html_lit(&h, "</span>");
        web_form_open(req, &h, arena_sprintf(&req->a, "remove-%lld", (long long)ms[i].user_id),
                      arena_sprintf(&req->a, "/admin/units/%lld/members/remove", (long long)id), 0);
        html_lit(&h, "<input type=\"hidden\" name=\"user_id\" value=\"");
        html_int(&h, ms[i].user_id);
        html_lit(&h, "\">");
        web_submit(req, &h, N_("Remove"));
        html_lit(&h, "</form></li>");
    }
    html_lit(&h, "</ul>");
    const wy_error *e = web_refusal_of(f, "add", 0);
    web_form_open(req, &h, "member-form",
                  arena_sprintf(&req->a, "/admin/units/%lld/members", (long long)id), 0);
    web_form_error(req, &h, e);
    web_input(req, &h, "phone", N_("Phone of the staff account to add"), "tel", 20, 1, e, NULL);
    web_submit(req, &h, N_("Add the member"));
    html_lit(&h, "</form></section><section class=\"card\" id=\"unit-tasks\"><h2>");
    web_t(req, &h, "The unit's tasks");
    html_lit(&h, "</h2>");
    if (!nt)
        web_empty(req, &h, "The unit has no task.");
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < nt; i++) {
        const plan_task_row *t = &ts[i].r.f.t;
        html_lit(&h, "<li class=\"unit-task\" data-task=\"");
        html_int(&h, t->id);
        html_lit(&h, "\"><a href=\"/admin/plans/");
        html_int(&h, t->plan_id);
        html_lit(&h, "/tasks/");
        html_int(&h, t->id);
        html_lit(&h, "\">");
        html_text(&h, t->number);
        html_lit(&h, " ");
        html_text(&h, t->title);
        html_lit(&h, "</a> <span class=\"small\">");
        html_text(&h, ts[i].r.f.plan_title);
        html_lit(&h, " · ");
        html_text(&h, t->deadline_text);
        html_lit(&h, "</span>");
        if (!strcmp(ts[i].r.role, "lead")) {
            html_lit(&h, " ");
            web_badge(req, &h, "lead", N_("lead"));
        }
        if (ts[i].overdue) {
            html_lit(&h, " ");
            web_badge(req, &h, "overdue", N_("overdue"));
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul></section>");
    web_end(req, &h, status);
}

void page_admin_unit(http_req *req)
{
    unit_page(req, 200, NULL);
}

/* Back to the page with a flash, or the page again with the form's refusal. */
static void unit_after(http_req *req, int r, const char *form, const char *msg)
{
    if (r == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/units/%lld?msg=%s",
                                         (long long)req_id(req, 0), msg));
        return;
    }
    /* the rules name the account's field of the API (user_id): the page says it at the top of
     * the form, and a phone that names nobody is a bad entry there */
    wy_error *err = &req_ctx(req)->err;
    err->field = NULL;
    if (err->cls == E_NOTFOUND && err->code && !strcmp(err->code, "unknown_user"))
        err->cls = E_INVALID;
    web_refusal f;
    int status = web_refused(req, form, 0, &f, NULL);
    if (status)
        unit_page(req, status, &f);
}

void page_admin_unit_member_add(http_req *req)
{
    int64_t added;
    const char *phone = web_opt(req, "phone");
    int r = progress_unit_member_add(req_ctx(req), req_id(req, 0), 0, phone ? phone : "", &added);
    unit_after(req, r, "add", "added");
}

void page_admin_unit_member_remove(http_req *req)
{
    int64_t user = web_number(req, "user_id");
    int r = progress_unit_member_remove(req_ctx(req), req_id(req, 0), user > 0 ? user : 0);
    unit_after(req, r, "remove", "removed");
}

/* ---- /admin/plans/{id}/tasks/{tid}/indicators -------------------------------------------- */

static void figure(html *h, double v)
{
    if (isnan(v)) {
        html_lit(h, "–");
        return;
    }
    char b[48];
    snprintf(b, sizeof b, "%.2f", v);
    html_text(h, b);
}

static void indicators_page(http_req *req, int status, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    task_detail d;
    if (progress_task_get(ctx, tasks_path_task(req), &d) < 0) {
        resp_fail(req);
        return;
    }
    if (d.f.t.plan_id != req_id(req, 0)) {
        web_error_page(req, 404, req_tr(req, "No such task in this plan."));
        return;
    }
    if (!d.manager) {
        web_error_page(req, 403,
                       req_tr(req, "Only the plan's managers link its tasks' indicators."));
        return;
    }
    const plan_task_row *t = &d.f.t;
    const char *base = arena_sprintf(&req->a, "/admin/plans/%lld/tasks/%lld", (long long)t->plan_id,
                                     (long long)t->id);
    html h;
    web_begin(req, &h, req_tr(req, "Indicators the task should move"));
    html_lit(&h, "<p class=\"small\"><a href=\"/admin/plans/");
    html_int(&h, t->plan_id);
    html_lit(&h, "\">");
    html_text(&h, d.f.plan_title);
    html_lit(&h, "</a> · <a href=\"");
    html_attr(&h, base);
    html_lit(&h, "\">");
    html_text(&h, t->number);
    html_lit(&h, " ");
    html_text(&h, t->title);
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Indicators the task should move");
    html_lit(&h, "</h1>");
    if (status == 200)
        WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\" id=\"indicators\">");
    web_form_error(req, &h, web_refusal_of(f, "unlink", 0));
    if (!d.ninds) {
        web_empty(req, &h, "No indicator is linked to the task.");
    } else {
        html_lit(&h, "<div class=\"scroll\"><table id=\"task-indicators\">");
        static const web_col cols[] = {
            {N_("Indicator"), 0},       {N_("Year"), 1},   {N_("Actual"), 1}, {N_("Target"), 1},
            {N_("Expected by now"), 1}, {N_("Status"), 0}, {NULL, 0}};
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < d.ninds; i++) {
            const task_indicator_view *v = &d.inds[i];
            html_lit(&h, "<tr data-code=\"");
            html_attr(&h, v->code);
            html_lit(&h, "\"");
            if (v->lagging)
                html_lit(&h, " class=\"lagging\"");
            html_lit(&h, "><td>");
            html_text(&h, v->known
                              ? (req->lang == LANG_EN && v->name_en && *v->name_en ? v->name_en
                                                                                   : v->name_zh)
                              : v->code);
            html_lit(&h, " <span class=\"small\">");
            html_text(&h, v->code);
            html_lit(&h, "</span></td><td class=\"num\">");
            html_int(&h, v->year);
            html_lit(&h, "</td>");
            if (v->visible) {
                html_lit(&h, "<td class=\"num\">");
                figure(&h, v->actual);
                html_lit(&h, "</td><td class=\"num\">");
                figure(&h, v->target);
                html_lit(&h, "</td><td class=\"num\">");
                figure(&h, v->expected);
                html_lit(&h, "</td><td>");
            } else {
                html_lit(&h, "<td></td><td></td><td></td><td>");
            }
            if (v->lagging)
                web_badge(req, &h, "lagging", N_("lagging"));
            else if (!v->known)
                web_badge(req, &h, "unknown", N_("not in the catalogue"));
            html_lit(&h, "</td><td>");
            web_form_open(req, &h, arena_sprintf(&req->a, "unlink-%zu", i),
                          arena_sprintf(&req->a, "%s/indicators/remove", base), 0);
            web_hidden(&h, "code", v->code);
            web_submit(req, &h, N_("Unlink"));
            html_lit(&h, "</form></td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    const wy_error *e = web_refusal_of(f, "link", 0);
    web_form_open(req, &h, "indicator-form", arena_sprintf(&req->a, "%s/indicators", base), 0);
    web_form_error(req, &h, e);
    web_input(req, &h, "code", N_("Code of the indicator (as in the catalogue)"), "text", 100, 1, e,
              NULL);
    web_submit(req, &h, N_("Link the indicator"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_plan_task_indicators(http_req *req)
{
    indicators_page(req, 200, NULL);
}

static void indicators_after(http_req *req, int r, const char *form, const char *msg)
{
    if (r == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/plans/%lld/tasks/%lld/indicators?msg=%s",
                                         (long long)req_id(req, 0), (long long)tasks_path_task(req),
                                         msg));
        return;
    }
    web_refusal f;
    int status = web_refused(req, form, 0, &f, NULL);
    if (status)
        indicators_page(req, status, &f);
}

void page_plan_task_indicator_link(http_req *req)
{
    if (tasks_task_in_plan(req) < 0)
        return;
    const char *code = web_opt(req, "code");
    indicators_after(req,
                     progress_indicator_add(req_ctx(req), tasks_path_task(req), code ? code : ""),
                     "link", "linked");
}

void page_plan_task_indicator_unlink(http_req *req)
{
    if (tasks_task_in_plan(req) < 0)
        return;
    const char *code = web_opt(req, "code");
    indicators_after(
        req, progress_indicator_remove(req_ctx(req), tasks_path_task(req), code ? code : ""),
        "unlink", "unlinked");
}
