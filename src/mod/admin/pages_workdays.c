/* pages_workdays: /admin/workdays, where city admins keep the working-day calendar
 * (core/workday.h): a year's public holidays and make-up working days, a form to add one, a
 * button to remove one, and the import of a CSV file (the State Council's schedule of next
 * year, for instance), whose refused lines come back listed with their reasons. */
#include <string.h>

#include "core/workday.h"
#include "mod/admin/handlers.h"

#define N_(s) s /* a msgid translated where it is shown */

static const char *const weekday_names[] = {N_("Sunday"),    N_("Monday"),   N_("Tuesday"),
                                            N_("Wednesday"), N_("Thursday"), N_("Friday"),
                                            N_("Saturday")};

static void page(http_req *req, int year, const workday_import_result *bad, const wy_error *e,
                 int status)
{
    wy_ctx *ctx = req_ctx(req);
    workday_exception *xs = NULL;
    size_t n = 0;
    if (workday_list(ctx, year, &xs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Working-day calendar"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Working-day calendar");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    static const web_flash_msg flashes[] = {
        {"workday_saved", N_("The day is saved."), 0},
        {"workday_removed", N_("The day is an ordinary day again."), 0},
        {"workdays_imported", N_("The file is imported."), 0},
        {"workdays_checked", N_("The file is fine: nothing was changed (a trial)."), 0}};
    WEB_FLASH(req, &h, flashes);
    if (e) {
        html_lit(&h, "<p class=\"form-error\" role=\"alert\" id=\"workday-error\">");
        web_t(req, &h, e->message);
        html_lit(&h, "</p>");
    }
    if (bad && bad->nerrors) {
        html_lit(&h, "<ul class=\"form-error\" id=\"import-errors\">");
        for (size_t i = 0; i < bad->nerrors; i++) {
            html_lit(&h, "<li>");
            web_t(req, &h, "Line");
            html_lit(&h, " ");
            html_int(&h, bad->errors[i].line);
            html_lit(&h, ": ");
            web_t(req, &h, bad->errors[i].message);
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ul>");
    }
    html_lit(&h, "<section class=\"card\"><p class=\"muted\">");
    web_t(req, &h,
          "Monday to Friday are working days, Saturday and Sunday are not, except the days "
          "listed here: public holidays that fall on a weekday, and make-up working days on a "
          "weekend, as the State Council's yearly schedule sets them. Rules that count working "
          "days (the public notice of star volunteers) count with this calendar.");
    html_lit(&h, "</p><p><a href=\"/admin/workdays?year=");
    html_int(&h, year - 1);
    html_lit(&h, "\">← ");
    html_int(&h, year - 1);
    html_lit(&h, "</a> <strong>");
    html_int(&h, year);
    html_lit(&h, "</strong> <a href=\"/admin/workdays?year=");
    html_int(&h, year + 1);
    html_lit(&h, "\">");
    html_int(&h, year + 1);
    html_lit(&h, " →</a></p>");
    if (n == 0)
        web_empty(req, &h, "No public holidays or make-up working days entered for this year.");
    else {
        html_lit(&h, "<table class=\"data\" id=\"workdays\"><thead><tr><th>");
        web_t(req, &h, "Date");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Kind");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Name");
        html_lit(&h, "</th><th></th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            int64_t dn = 0;
            workday_parse(xs[i].day, &dn);
            html_lit(&h, "<tr><td>");
            html_text(&h, xs[i].day);
            html_lit(&h, " ");
            web_t(req, &h, weekday_names[workday_weekday(dn)]);
            html_lit(&h, "</td><td>");
            web_t(req, &h, xs[i].working ? N_("make-up working day") : N_("public holiday"));
            html_lit(&h, "</td><td>");
            html_text(&h, xs[i].name);
            html_lit(&h, "</td><td><form method=\"post\" action=\"/admin/workdays/");
            html_attr(&h, xs[i].day);
            html_lit(&h, "/remove\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Remove");
            html_lit(&h, "</button></form></td></tr>");
        }
        html_lit(&h, "</tbody></table>");
    }
    html_lit(&h, "</section><section class=\"card\"><h2>");
    web_t(req, &h, "Add a day");
    html_lit(&h, "</h2><form method=\"post\" action=\"/admin/workdays\" class=\"stack\" "
                 "id=\"workday-add\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<label>");
    web_t(req, &h, "Date");
    html_lit(&h, " <input type=\"date\" name=\"date\" required></label><label>");
    web_t(req, &h, "Kind");
    html_lit(&h, " <select name=\"kind\"><option value=\"holiday\">");
    web_t(req, &h, "public holiday");
    html_lit(&h, "</option><option value=\"workday\">");
    web_t(req, &h, "make-up working day");
    html_lit(&h, "</option></select></label><label>");
    web_t(req, &h, "Name");
    html_lit(&h, " <input name=\"name\" required maxlength=\"30\" placeholder=\"");
    html_attr(&h, req_tr(req, "for instance: 国庆节"));
    html_lit(&h, "\"></label><button type=\"submit\">");
    web_t(req, &h, "Save");
    html_lit(&h, "</button></form></section><section class=\"card\"><h2>");
    web_t(req, &h, "Import a CSV file");
    html_lit(&h, "</h2><p class=\"muted small\">");
    web_t(req, &h,
          "UTF-8, with the header date,kind,name; kind is holiday or workday; one line per day. "
          "A line replaces what its day had. One refused line and nothing is changed.");
    html_lit(&h, "</p><form method=\"post\" action=\"/admin/workdays/import\" "
                 "enctype=\"multipart/form-data\" class=\"stack\" id=\"workday-import\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required><label>"
                 "<input type=\"checkbox\" name=\"dry_run\" value=\"1\"> ");
    web_t(req, &h, "Only check the file");
    html_lit(&h, "</label><button type=\"submit\">");
    web_t(req, &h, "Import");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, status);
}

void page_admin_workdays(http_req *req)
{
    int year;
    if (admin_workday_year(req, &year) < 0)
        return;
    page(req, year, NULL, NULL, 200);
}

/* The year of a day written YYYY-MM-DD, or this year. */
static int year_of(http_req *req, const char *day)
{
    if (workday_parse(day, NULL))
        return (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + (day[3] - '0');
    char today[11];
    workday_format(workday_dayno(req_ctx(req)->now), today);
    return year_of(req, today);
}

static void refused(http_req *req, int year, const workday_import_result *bad)
{
    wy_ctx *ctx = req_ctx(req);
    wy_error e = ctx->err;
    if (e.cls != E_INVALID) {
        resp_fail(req);
        return;
    }
    ctx->err = (wy_error){0};
    page(req, year, bad, &e, 400);
}

void page_admin_workday_post(http_req *req)
{
    const char *day = req_form(req, "date");
    int working = admin_workday_kind(req_form(req, "kind"));
    if (workday_set(req_ctx(req), day, working, req_form(req, "name")) < 0) {
        refused(req, year_of(req, day), NULL);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/workdays?year=%d&msg=workday_saved",
                                     year_of(req, day)));
}

void page_admin_workday_remove_post(http_req *req)
{
    const char *day = req_param(req, 0);
    if (workday_remove(req_ctx(req), day) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/workdays?year=%d&msg=workday_removed",
                                     year_of(req, day)));
}

void page_admin_workdays_import_post(http_req *req)
{
    const char *data = NULL, *type;
    size_t len = 0;
    if (req_file(req, "file", &data, &len, &type) < 0)
        data = NULL;
    int dry_run = req_form(req, "dry_run") != NULL;
    workday_import_result res;
    if (workday_import(req_ctx(req), data, len, dry_run, &res) < 0) {
        refused(req, year_of(req, NULL), &res);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/workdays?year=%d&msg=%s", year_of(req, NULL),
                                     dry_run ? "workdays_checked" : "workdays_imported"));
}
