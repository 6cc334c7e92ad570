/*
 * pages_tasks: the staff's pages of plans and their task tables, for holders of tasks_manage
 * over the plan's division (docs/tasks.md, "Pages"):
 *   /admin/plans         the plans of the caller's subtree, and the import of a task table:
 *                        the file is read first (a dry run) and its per-row report shown with
 *                        the tasks as read; a second button imports what was shown (the file
 *                        travels in the form, read again and checked again)
 *   /admin/plans/{id}    the plan's tasks as a table with filters, by unit, by chapter and as a
 *                        timeline (bars drawn as SVG, today's line, overdue tasks marked), and
 *                        the link to the workbook (GET /api/v1/plans/{id}/tasks.xlsx)
 * No script: the tabs and filters are links and a GET form.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/admin/handlers.h"
#include "mod/module.h" /* N_ */
#include "mod/tasks/handlers.h"
#include "mod/tasks/tasks.h"
#include "mod/tasks/views.h"
#include "web/form.h"

#define PAGE_SIZE 20
/* the file travels back in the preview's form as base64, and a page is at most HTML_MAX */
#define PAGE_FILE_MAX ((size_t)4 << 20)

static const char *const status_msgids[TASKS_NSTATUS] = {N_("not started"), N_("in progress"),
                                                         N_("done"), N_("cancelled")};

static const char *status_label(http_req *req, const char *status)
{
    for (size_t i = 0; i < TASKS_NSTATUS; i++)
        if (!strcmp(status, tasks_statuses[i]))
            return req_tr(req, status_msgids[i]);
    return status;
}

static void h1(http_req *req, html *h, const char *msgid)
{
    html_lit(h, "<h1>");
    web_t(req, h, msgid);
    html_lit(h, "</h1>");
}

static void num_text(html *h, int64_t v)
{
    html_int(h, v);
}

/* ---- /admin/plans ----------------------------------------------------------------------- */

/* The report of a read table: its counts, each row as read, the tasks as read. */
static void import_report(http_req *req, html *h, const tasks_import_result *res)
{
    const taskimport *im = &res->im;
    html_lit(h, "<div class=\"stats\" id=\"import-counts\"><div><strong>");
    num_text(h, (int64_t)im->ntasks);
    html_lit(h, "</strong>");
    web_t(req, h, "tasks read");
    html_lit(h, "</div><div><strong>");
    num_text(h, (int64_t)im->nwarnings);
    html_lit(h, "</strong>");
    web_t(req, h, "notes");
    html_lit(h, "</div><div><strong>");
    num_text(h, (int64_t)im->nrefused);
    html_lit(h, "</strong>");
    web_t(req, h, "rows refused");
    html_lit(h, "</div></div><h3>");
    web_t(req, h, "How each row was read");
    html_lit(h, "</h3><div class=\"scroll\"><table id=\"import-rows\">");
    static const web_col rcols[] = {
        {N_("Row"), 1}, {N_("Read as"), 0}, {N_("Task"), 0}, {N_("Notes"), 0}};
    web_thead(req, h, rcols, sizeof(rcols) / sizeof(rcols[0]));
    for (size_t i = 0; i < im->nrows; i++) {
        const taskimport_row *r = &im->rows[i];
        html_lit(h, "<tr class=\"");
        html_attr(h, taskimport_kind_name(r->kind));
        html_lit(h, "\"><td class=\"num\">");
        html_int(h, r->line);
        html_lit(h, "</td><td>");
        web_t(req, h, taskimport_kind_message(r->kind));
        html_lit(h, "</td><td>");
        if (r->task >= 0)
            html_text(h, im->tasks[r->task].number);
        html_lit(h, "</td><td>");
        for (size_t k = 0; k < r->nnotes; k++) {
            if (k)
                html_lit(h, "<br>");
            web_t(req, h, taskimport_note_message(r->notes[k].code));
            if (r->notes[k].detail && *r->notes[k].detail) {
                html_lit(h, " <span class=\"muted\">");
                html_text(h, r->notes[k].detail);
                html_lit(h, "</span>");
            }
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if (!im->ntasks)
        return;
    html_lit(h, "<h3>");
    web_t(req, h, "The tasks as read");
    html_lit(h, "</h3><div class=\"scroll\"><table id=\"import-tasks\">");
    static const web_col tcols[] = {{N_("No."), 0},
                                    {N_("Task"), 0},
                                    {N_("Deadline"), 0},
                                    {N_("Lead units"), 0},
                                    {N_("Cooperating units"), 0}};
    web_thead(req, h, tcols, sizeof(tcols) / sizeof(tcols[0]));
    for (size_t i = 0; i < im->ntasks; i++) {
        const taskimport_task *t = &im->tasks[i];
        html_lit(h, "<tr><td>");
        html_text(h, t->number);
        html_lit(h, "</td><td>");
        html_text(h, t->title);
        html_lit(h, "</td><td>");
        html_text(h, t->deadline_text ? t->deadline_text : "");
        if (t->deadline.date) {
            html_lit(h, " <span class=\"muted small\">");
            html_text(h, t->deadline.date);
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td>");
        for (size_t k = 0; k < t->nlead; k++) {
            if (k)
                html_lit(h, "、");
            html_text(h, t->lead[k].name);
        }
        html_lit(h, "</td><td>");
        for (size_t k = 0; k < t->ncoop; k++) {
            if (k)
                html_lit(h, "、");
            html_text(h, t->coop[k].name);
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
}

/* The outcome of an import form: the input, the refusal (NULL: a dry run that passed), the
 * report and the file (base64) to import on confirmation. */
typedef struct import_outcome {
    const tasks_import_input *in;
    const wy_error *e;
    const tasks_import_result *res;
    const char *data64;
} import_outcome;

static void import_section(http_req *req, html *h, const char *div, const import_outcome *o)
{
    html_lit(h, "<section class=\"card\" id=\"import\"><h2>");
    web_t(req, h, "Import a task table");
    html_lit(h, "</h2>");
    if (o) {
        html_lit(h, "<div id=\"import-report\">");
        if (o->e) {
            html_lit(h, "<p class=\"form-error\" role=\"alert\" id=\"import-error\">");
            web_t(req, h, o->e->message);
            if (o->res && o->res->detail) {
                html_lit(h, " <span class=\"muted\">");
                html_text(h, o->res->detail);
                html_lit(h, "</span>");
            }
            html_lit(h, "</p>");
        } else {
            html_lit(h, "<p class=\"flash\" role=\"status\" id=\"dry-run-ok\">");
            web_t(req, h,
                  "The table was read and nothing was written yet. Check the report, "
                  "then import it.");
            html_lit(h, "</p>");
        }
        if (o->res && o->res->im.nrows)
            import_report(req, h, o->res);
        if (!o->e && o->data64) {
            html_lit(h, "<form method=\"post\" action=\"/admin/plans/import\" "
                        "enctype=\"multipart/form-data\" class=\"stack\" id=\"confirm-import\">");
            web_csrf_field(req, h);
            web_hidden(h, "confirm", "1");
            web_hidden(h, "title", o->in->title);
            web_hidden(h, "division", o->in->division);
            char y[16];
            snprintf(y, sizeof(y), "%d", o->in->year_from);
            web_hidden(h, "year_from", o->in->year_from ? y : "");
            snprintf(y, sizeof(y), "%d", o->in->year_to);
            web_hidden(h, "year_to", o->in->year_to ? y : "");
            if (o->in->replace)
                web_hidden(h, "replace", "1");
            web_hidden(h, "data", o->data64);
            html_lit(h, "<button type=\"submit\">");
            if (o->in->replace)
                web_t(req, h, "Import it in place of the plan's tasks");
            else
                web_t(req, h, "Import the plan");
            html_lit(h, "</button></form>");
        }
        html_lit(h, "</div>");
    }
    html_lit(h, "<p class=\"muted small\">");
    web_t(req, h,
          "A CSV file in UTF-8 or an Excel workbook with the columns 序号, 工作任务, 具体内容, "
          "时间节点, 牵头单位, 配合单位. The table is read first and nothing is written until you "
          "confirm.");
    html_lit(h, "</p><form method=\"post\" action=\"/admin/plans/import\" "
                "enctype=\"multipart/form-data\" class=\"stack\" id=\"import-form\">");
    web_csrf_field(req, h);
    const tasks_import_input *in = o ? o->in : NULL;
    web_input(req, h, "title", N_("Plan title"), "text", 0, 1, NULL, in ? in->title : NULL);
    web_input(req, h, "division", N_("Division code"), "text", 0, 1, NULL, in ? in->division : div);
    char yf[16] = "", yt[16] = "";
    if (in && in->year_from)
        snprintf(yf, sizeof(yf), "%d", in->year_from);
    if (in && in->year_to)
        snprintf(yt, sizeof(yt), "%d", in->year_to);
    web_input(req, h, "year_from", N_("First year"), "number", 0, 0, NULL, yf);
    web_input(req, h, "year_to", N_("Last year"), "number", 0, 0, NULL, yt);
    html_lit(h, "<label>");
    web_t(req, h, "Task table");
    html_lit(h, " <input type=\"file\" name=\"file\" required accept=\".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></label>"
                "<label class=\"check\"><input type=\"checkbox\" name=\"replace\" value=\"1\"");
    if (in && in->replace)
        html_lit(h, " checked");
    html_lit(h, "> ");
    web_t(req, h, "Put it in place of the tasks of a plan of that title");
    html_lit(h, "</label><button type=\"submit\">");
    web_t(req, h, "Read the table");
    html_lit(h, "</button></form></section>");
}

static void plans_page(http_req *req, const import_outcome *o, int status)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor;
    if (req_page(req, PAGE_SIZE, 100, &limit, &cursor) < 0)
        return;
    const char *div = req_query(req, "division");
    if (div && *div) {
        if (authz_require(ctx, PERM_TASKS_MANAGE, div) < 0) {
            resp_fail(req);
            return;
        }
    } else
        div = authz_scope(ctx->who, PERM_TASKS_MANAGE);
    plan_row *ps = NULL;
    size_t n = 0;
    if (tasks_plan_list(ctx, div ? div : "", cursor, limit, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Plans and tasks"));
    h1(req, &h, "Plans and tasks");
    admin_nav(req, &h);
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\">");
    if (!n)
        web_empty(req, &h,
                  "No plan has been imported in your area yet: import its task table below.");
    else {
        static const web_col cols[] = {{N_("Plan"), 0},
                                       {N_("Division"), 0},
                                       {N_("Years"), 0},
                                       {N_("Tasks"), 1},
                                       {N_("Overdue"), 1}};
        html_lit(&h, "<div class=\"scroll\"><table id=\"plans\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr><td><a href=\"/admin/plans/");
            html_int(&h, ps[i].id);
            html_lit(&h, "\">");
            html_text(&h, ps[i].title);
            html_lit(&h, "</a></td><td>");
            html_text(&h, ps[i].division);
            html_lit(&h, "</td><td>");
            if (ps[i].year_from)
                html_int(&h, ps[i].year_from);
            if (ps[i].year_to) {
                html_lit(&h, "–");
                html_int(&h, ps[i].year_to);
            }
            html_lit(&h, "</td><td class=\"num\">");
            html_int(&h, ps[i].ntasks);
            html_lit(&h, "</td><td class=\"num\">");
            html_int(&h, ps[i].noverdue);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (n == (size_t)limit)
            web_pager_id(req, &h, "/admin/plans", ps[n - 1].id,
                         (const char *[]){"division", req_query(req, "division"), NULL});
    }
    html_lit(&h, "</section>");
    import_section(req, &h, div, o);
    web_end(req, &h, status);
}

void page_admin_plans(http_req *req)
{
    plans_page(req, NULL, 200);
}

static int form_year(http_req *req, const char *name, int *out)
{
    const char *v = req_form(req, name);
    *out = 0;
    if (!v || !*v)
        return 0;
    char *end;
    long y = strtol(v, &end, 10);
    if (*end || y < 1949 || y > 2200)
        return -1;
    *out = (int)y;
    return 0;
}

void page_admin_plans_import(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int confirm = req_form(req, "confirm") != NULL;
    tasks_import_input in = {.title = req_form(req, "title"),
                             .division = req_form(req, "division"),
                             .dry_run = !confirm,
                             .replace = req_form(req, "replace") != NULL};
    const char *type;
    if (confirm) {
        /* the file read by the dry run, carried by the form */
        const char *b64 = req_form(req, "data");
        size_t blen = b64 ? strlen(b64) : 0;
        unsigned char *bin = arena_alloc(&req->a, blen + 1);
        size_t len = 0;
        if (bin && b64 &&
            sodium_base642bin(bin, blen + 1, b64, blen, NULL, &len, NULL,
                              sodium_base64_VARIANT_ORIGINAL) == 0) {
            in.data = (const char *)bin;
            in.len = len;
        }
    } else if (req_file(req, "file", &in.data, &in.len, &type) < 0) {
        in.data = NULL;
        in.len = 0;
    }
    wy_error bad_years = {.cls = E_INVALID,
                          .code = "bad_years",
                          .message = N_("A plan's period is two years, the first not after the "
                                        "last."),
                          .field = "year_from"};
    wy_error too_large = {.cls = E_INVALID,
                          .code = "file_too_large",
                          .message = N_("The file is too large for this page (at most 4 MiB): "
                                        "import it through the API."),
                          .field = "file"};
    tasks_import_result res;
    memset(&res, 0, sizeof(res));
    import_outcome o = {.in = &in, .res = &res};
    if (form_year(req, "year_from", &in.year_from) < 0 ||
        form_year(req, "year_to", &in.year_to) < 0) {
        o.e = &bad_years;
        plans_page(req, &o, 400);
        return;
    }
    if (in.len > PAGE_FILE_MAX) {
        o.e = &too_large;
        plans_page(req, &o, 413);
        return;
    }
    if (tasks_import(ctx, &in, &res) < 0) {
        wy_error e = ctx->err;
        if (e.cls != E_INVALID && e.cls != E_CONFLICT) {
            resp_fail(req);
            return;
        }
        ctx->err = (wy_error){0};
        o.e = &e;
        plans_page(req, &o, errclass_status(e.cls));
        return;
    }
    if (confirm) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/plans/%lld?msg=plan_imported",
                                         (long long)res.plan_id));
        return;
    }
    size_t n64 = sodium_base64_ENCODED_LEN(in.len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = arena_alloc(&req->a, n64);
    if (!b64) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    sodium_bin2base64(b64, n64, (const unsigned char *)in.data, in.len,
                      sodium_base64_VARIANT_ORIGINAL);
    o.data64 = b64;
    plans_page(req, &o, 200);
}

/* ---- /admin/plans/{id} ------------------------------------------------------------------ */

/* The views of a plan, the tabs of its page in this order. */
static const web_term views[] = {{"table", N_("Task table")},
                                 {"units", N_("By unit")},
                                 {"chapters", N_("By chapter")},
                                 {"timeline", N_("Timeline")},
                                 {NULL, NULL}};
#define NVIEWS (sizeof(views) / sizeof(views[0]) - 1)

static void status_badge(http_req *req, html *h, const plan_task_row *t, const char *today)
{
    html_lit(h, "<span class=\"badge ");
    html_attr(h, t->status);
    html_lit(h, "\">");
    html_text(h, status_label(req, t->status));
    html_lit(h, "</span>");
    if (tasks_overdue(t, today)) {
        html_lit(h, " <span class=\"badge overdue\">");
        web_t(req, h, "overdue");
        html_lit(h, "</span>");
    }
}

static void units_cell(html *h, const tasks_view *v, int64_t task, const char *role)
{
    int first = 1;
    for (size_t i = 0; i < v->nunits; i++)
        if (v->units[i].task_id == task && !strcmp(v->units[i].role, role)) {
            if (!first)
                html_lit(h, "、");
            html_text(h, v->units[i].name);
            first = 0;
        }
}

static void deadline_cell(html *h, const plan_task_row *t)
{
    html_text(h, t->deadline_text);
    if (t->deadline && strcmp(t->deadline_text, t->deadline)) {
        html_lit(h, " <span class=\"muted small\">");
        html_text(h, t->deadline);
        html_lit(h, "</span>");
    }
}

static void select_open(http_req *req, html *h, const char *name, const char *label)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <select name=\"");
    html_attr(h, name);
    html_lit(h, "\">");
}

static int table_view(http_req *req, html *h, const tasks_view *v)
{
    wy_ctx *ctx = req_ctx(req);
    const char *unit = req_query(req, "unit"), *order = req_query(req, "order");
    tasks_filter f = {.status = req_query(req, "status"),
                      .overdue = req_query(req, "overdue") != NULL,
                      .by_deadline = order && !strcmp(order, "deadline")};
    if (f.status && !*f.status)
        f.status = NULL;
    if (unit && *unit)
        f.unit = atoll(unit);
    if (tasks_filter_check(ctx, &f) < 0)
        return -1;
    tasks_unit_group *g;
    size_t ng;
    if (tasks_by_unit(ctx, v, &g, &ng) < 0)
        return -1;
    /* the filters */
    html_lit(h,
             "<form method=\"get\" class=\"filters\" id=\"task-filters\" action=\"/admin/plans/");
    html_int(h, v->plan.id);
    html_lit(h, "\">");
    web_hidden(h, "view", "table");
    select_open(req, h, "unit", N_("Unit"));
    web_option(h, "", req_tr(req, "all units"), unit);
    for (size_t i = 0; i < ng; i++) {
        char id[24];
        snprintf(id, sizeof(id), "%lld", (long long)g[i].unit_id);
        web_option(h, id, g[i].name, unit);
    }
    html_lit(h, "</select></label>");
    select_open(req, h, "status", N_("Status"));
    web_option(h, "", req_tr(req, "all"), f.status);
    for (size_t i = 0; i < TASKS_NSTATUS; i++)
        web_option(h, tasks_statuses[i], req_tr(req, status_msgids[i]), f.status);
    html_lit(h, "</select></label>");
    select_open(req, h, "order", N_("Order"));
    web_option(h, "table", req_tr(req, "as the table"), order);
    web_option(h, "deadline", req_tr(req, "by deadline"), order);
    html_lit(h, "</select></label><label class=\"check\"><input type=\"checkbox\" name=\"overdue\" "
                "value=\"1\"");
    if (f.overdue)
        html_lit(h, " checked");
    html_lit(h, "> ");
    web_t(req, h, "only overdue");
    html_lit(h, "</label><button type=\"submit\">");
    web_t(req, h, "Filter");
    html_lit(h, "</button></form>");

    size_t *idx = v->n ? arena_alloc(ctx->a, v->n * sizeof(*idx)) : NULL;
    if (v->n && !idx)
        return check_mem(ctx);
    size_t k = tasks_view_filter(v, &f, idx);
    if (!k) {
        web_empty(req, h, "No task matches these filters.");
        return 0;
    }
    static const web_col cols[] = {{N_("No."), 0},        {N_("Task"), 0},
                                   {N_("Content"), 0},    {N_("Deadline"), 0},
                                   {N_("Lead units"), 0}, {N_("Cooperating units"), 0},
                                   {N_("Status"), 0}};
    html_lit(h, "<div class=\"scroll\"><table id=\"tasks\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    const char *sec = NULL;
    for (size_t i = 0; i < k; i++) {
        const plan_task_row *t = &v->tasks[idx[i]];
        /* the chapters' headings, as the table has them, when it is in the table's order */
        if (!f.by_deadline && *t->section && (!sec || strcmp(sec, t->section))) {
            html_lit(h, "<tr class=\"section\"><th colspan=\"7\">");
            html_text(h, t->section);
            html_lit(h, "</th></tr>");
        }
        sec = t->section;
        html_lit(h, "<tr");
        if (tasks_overdue(t, v->today))
            html_lit(h, " class=\"overdue\"");
        html_lit(h, " data-task=\"");
        html_int(h, t->id);
        html_lit(h, "\"><td>");
        html_text(h, t->number);
        html_lit(h, "</td><td><a class=\"task-link\" href=\"/admin/plans/");
        html_int(h, t->plan_id);
        html_lit(h, "/tasks/");
        html_int(h, t->id);
        html_lit(h, "\">");
        html_text(h, t->title);
        html_lit(h, "</a></td><td>");
        html_text(h, t->content);
        html_lit(h, "</td><td>");
        deadline_cell(h, t);
        html_lit(h, "</td><td>");
        units_cell(h, v, t->id, "lead");
        html_lit(h, "</td><td>");
        units_cell(h, v, t->id, "cooperating");
        html_lit(h, "</td><td>");
        status_badge(req, h, t, v->today);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    return 0;
}

static void task_line(http_req *req, html *h, const tasks_view *v, size_t p)
{
    const plan_task_row *t = &v->tasks[p];
    html_lit(h, "<li");
    if (tasks_overdue(t, v->today))
        html_lit(h, " class=\"overdue\"");
    html_lit(h, "><strong>");
    html_text(h, t->number);
    html_lit(h, "</strong> ");
    html_text(h, t->title);
    html_lit(h, " <span class=\"muted small\">");
    html_text(h, t->deadline_text);
    html_lit(h, "</span> ");
    status_badge(req, h, t, v->today);
    html_lit(h, "</li>");
}

static int units_view(http_req *req, html *h, const tasks_view *v)
{
    tasks_unit_group *g;
    size_t n;
    if (tasks_by_unit(req_ctx(req), v, &g, &n) < 0)
        return -1;
    if (!n) {
        web_empty(req, h, "No unit is named in this plan.");
        return 0;
    }
    html_lit(h, "<div id=\"by-unit\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<section class=\"unit\" data-unit=\"");
        html_int(h, g[i].unit_id);
        html_lit(h, "\"><h3>");
        html_text(h, g[i].name);
        html_lit(h, " <span class=\"muted small\">");
        web_t(req, h, "lead");
        html_lit(h, " ");
        html_int(h, (int64_t)g[i].nlead);
        html_lit(h, " · ");
        web_t(req, h, "cooperating");
        html_lit(h, " ");
        html_int(h, (int64_t)g[i].ncoop);
        if (g[i].noverdue) {
            html_lit(h, " · ");
            web_t(req, h, "overdue");
            html_lit(h, " ");
            html_int(h, (int64_t)g[i].noverdue);
        }
        html_lit(h, "</span></h3>");
        for (int role = 0; role < 2; role++) {
            size_t *list = role ? g[i].coop : g[i].lead, cnt = role ? g[i].ncoop : g[i].nlead;
            if (!cnt)
                continue;
            html_lit(h, "<p class=\"small\">");
            if (role)
                web_t(req, h, "As cooperating unit");
            else
                web_t(req, h, "As lead unit");
            if (role)
                html_lit(h, "</p><ul class=\"list cooperating\">");
            else
                html_lit(h, "</p><ul class=\"list lead\">");
            for (size_t k = 0; k < cnt; k++)
                task_line(req, h, v, list[k]);
            html_lit(h, "</ul>");
        }
        html_lit(h, "</section>");
    }
    html_lit(h, "</div>");
    return 0;
}

static int chapters_view(http_req *req, html *h, const tasks_view *v)
{
    tasks_chapter *c;
    size_t n;
    if (tasks_by_chapter(req_ctx(req), v, &c, &n) < 0)
        return -1;
    if (!n) {
        web_empty(req, h, "This plan has no task.");
        return 0;
    }
    static const web_col cols[] = {{N_("Chapter"), 0},     {N_("Tasks"), 1}, {N_("not started"), 1},
                                   {N_("in progress"), 1}, {N_("done"), 1},  {N_("cancelled"), 1},
                                   {N_("Overdue"), 1}};
    html_lit(h, "<div class=\"scroll\"><table id=\"by-chapter\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr><td>");
        if (*c[i].section)
            html_text(h, c[i].section);
        else
            web_t(req, h, "(no chapter)");
        html_lit(h, "</td><td class=\"num\">");
        html_int(h, (int64_t)c[i].ntasks);
        for (size_t s = 0; s < TASKS_NSTATUS; s++) {
            html_lit(h, "</td><td class=\"num\">");
            html_int(h, (int64_t)c[i].nstatus[s]);
        }
        html_lit(h, "</td><td class=\"num\">");
        html_int(h, (int64_t)c[i].noverdue);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<h3>");
        if (*c[i].section)
            html_text(h, c[i].section);
        else
            web_t(req, h, "(no chapter)");
        html_lit(h, "</h3><ul class=\"list\">");
        for (size_t k = 0; k < c[i].ntasks; k++)
            task_line(req, h, v, c[i].tasks[k]);
        html_lit(h, "</ul>");
    }
    return 0;
}

/* x of a day on a 1000-wide strip, clamped */
static int x_of(const tasks_timeline *tl, int day)
{
    long x = (long)day * 1000 / tl->days;
    return x < 0 ? 0 : x > 1000 ? 1000 : (int)x;
}

static void svg_num(html *h, int v)
{
    html_int(h, v);
}

static int timeline_view(http_req *req, html *h, const tasks_view *v)
{
    tasks_timeline tl;
    tasks_timeline_of(v, &tl);
    html_lit(h, "<p class=\"small\" id=\"timeline-range\">");
    html_text(h, tl.start);
    html_lit(h, " – ");
    html_text(h, tl.end);
    html_lit(h, " · ");
    web_t(req, h, "today");
    html_lit(h, " ");
    html_text(h, v->today);
    html_lit(h, "</p><p class=\"legend small\"><span><i class=\"covered\"></i>");
    web_t(req, h, "on time");
    html_lit(h, "</span><span><i class=\"ongoing\"></i>");
    web_t(req, h, "ongoing");
    html_lit(h, "</span><span><i class=\"uncovered\"></i>");
    web_t(req, h, "overdue");
    html_lit(h, "</span><span>│ ");
    web_t(req, h, "today");
    html_lit(h, "</span></p>");
    if (!v->n) {
        web_empty(req, h, "This plan has no task.");
        return 0;
    }
    int today_x = x_of(&tl, tl.today);
    int today_in = tl.today >= 0 && tl.today <= tl.days;
    html_lit(h, "<ol class=\"list\" id=\"timeline\">");
    for (size_t i = 0; i < v->n; i++) {
        const plan_task_row *t = &v->tasks[i];
        int overdue = tasks_overdue(t, v->today), end = 0;
        int dated = tasks_timeline_day(&tl, t->deadline, &end) == 0;
        html_lit(h, "<li class=\"tl-task");
        if (overdue)
            html_lit(h, " overdue");
        html_lit(h, "\" data-task=\"");
        html_int(h, t->id);
        html_lit(h, "\"><span><strong>");
        html_text(h, t->number);
        html_lit(h, "</strong> ");
        html_text(h, t->title);
        html_lit(h, " <span class=\"muted small\">");
        html_text(h, t->deadline_text);
        html_lit(h, "</span> ");
        status_badge(req, h, t, v->today);
        html_lit(h, "</span><svg viewBox=\"0 0 1000 14\" preserveAspectRatio=\"none\" "
                    "width=\"100%\" height=\"14\" role=\"img\" aria-label=\"");
        html_attr(h, tl.start);
        html_lit(h, " – ");
        html_attr(h, dated ? t->deadline : t->ongoing ? req_tr(req, "ongoing") : "?");
        html_lit(h, "\"><rect x=\"0\" y=\"0\" width=\"1000\" height=\"14\" fill=\"#f4f1ea\"/>");
        if (dated || t->ongoing) {
            int w = dated ? x_of(&tl, end) : 1000;
            const char *fill = overdue ? "#c0392b" : t->ongoing && !dated ? "#d4a017" : "#1f7a4d";
            html_lit(h, "<rect class=\"bar\" x=\"0\" y=\"2\" height=\"10\" width=\"");
            svg_num(h, w < 2 ? 2 : w);
            html_lit(h, "\" fill=\"");
            html_attr(h, fill);
            html_lit(h, "\"/>");
        }
        if (today_in) {
            html_lit(h,
                     "<line class=\"today\" y1=\"0\" y2=\"14\" stroke=\"#111\" stroke-width=\"3\" "
                     "x1=\"");
            svg_num(h, today_x);
            html_lit(h, "\" x2=\"");
            svg_num(h, today_x);
            html_lit(h, "\"/>");
        }
        html_lit(h, "</svg></li>");
    }
    html_lit(h, "</ol>");
    return 0;
}

/* The tabs of the plan's views, the one shown marked. */
static void view_tabs(http_req *req, html *h, int64_t plan, size_t which)
{
    html_lit(h, "<nav class=\"tabs\" id=\"plan-views\">");
    for (size_t i = 0; i < NVIEWS; i++) {
        html_lit(h, "<a href=\"/admin/plans/");
        html_int(h, plan);
        html_lit(h, "?view=");
        html_url(h, views[i].key);
        html_lit(h, "\"");
        if (i == which)
            html_lit(h, " aria-current=\"page\"");
        html_lit(h, ">");
        web_t(req, h, views[i].msgid);
        html_lit(h, "</a>");
    }
    html_lit(h, "</nav>");
}

void page_admin_plan(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    tasks_view v;
    if (tasks_view_managed(ctx, req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    const char *view = req_query(req, "view");
    size_t which = 0;
    for (size_t i = 0; view && i < NVIEWS; i++)
        if (!strcmp(view, views[i].key))
            which = i;
    html h;
    web_begin(req, &h, v.plan.title);
    html_lit(&h, "<h1>");
    html_text(&h, v.plan.title);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    const char *msg = req_query(req, "msg");
    if (msg && !strcmp(msg, "plan_imported")) {
        html_lit(&h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
        web_t(req, &h, "The plan is imported.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<p class=\"small\" id=\"plan-facts\"><a href=\"/admin/plans\">");
    web_t(req, &h, "All plans");
    html_lit(&h, "</a> · ");
    html_text(&h, v.plan.division);
    if (v.plan.year_from) {
        html_lit(&h, " · ");
        html_int(&h, v.plan.year_from);
        if (v.plan.year_to) {
            html_lit(&h, "–");
            html_int(&h, v.plan.year_to);
        }
    }
    html_lit(&h, " · ");
    web_t(req, &h, "Tasks");
    html_lit(&h, " ");
    html_int(&h, v.plan.ntasks);
    html_lit(&h, " · ");
    web_t(req, &h, "Overdue");
    html_lit(&h, " <span id=\"plan-overdue\">");
    html_int(&h, v.plan.noverdue);
    html_lit(&h, "</span> · <a id=\"export-xlsx\" download href=\"/api/v1/plans/");
    html_int(&h, v.plan.id);
    html_lit(&h, "/tasks.xlsx\">");
    web_t(req, &h, "Download as Excel (XLSX)");
    html_lit(&h, "</a> · <a href=\"/admin/units?division=");
    html_url(&h, v.plan.division);
    html_lit(&h, "\" id=\"units-link\">");
    web_t(req, &h, "Units and their members");
    html_lit(&h, "</a></p>");
    view_tabs(req, &h, v.plan.id, which);
    html_lit(&h, "<section class=\"card\" id=\"plan-view\">");
    int rc = which == 0   ? table_view(req, &h, &v)
             : which == 1 ? units_view(req, &h, &v)
             : which == 2 ? chapters_view(req, &h, &v)
                          : timeline_view(req, &h, &v);
    if (rc < 0) {
        sb_release(&h.sb);
        resp_fail(req);
        return;
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}
