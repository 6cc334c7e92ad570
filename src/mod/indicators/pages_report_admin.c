/*
 * pages_report_admin: the annual reports in the admin console (report.h, docs/report.md): a
 * form that makes the report of the caller's division (or another in its scope) for a year,
 * and the list of the reports made, with their files to download (the API's file routes,
 * which take the session cookie).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/admin/handlers.h"
#include "mod/indicators/report.h"
#include "mod/indicators/report_handlers.h"
#include "mod/module.h" /* N_ */
#include "util/timeutil.h"
#include "web/web.h"

void page_reports(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division = req_query(req, "division");
    if (!division || !*division)
        division = authz_scope(&req->who, PERM_INDICATORS_READ);
    report_row *rows = NULL;
    size_t n = 0;
    if (division && report_list(ctx, division, &rows, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Annual reports"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Annual reports");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    html_lit(&h, "<section class=\"card\"><form method=\"post\" action=\"/admin/reports\" "
                 "id=\"report-form\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<label>");
    web_t(req, &h, "Division code");
    html_lit(&h, "<input name=\"division\" required value=\"");
    html_attr(&h, division ? division : "");
    html_lit(&h, "\"></label><label>");
    web_t(req, &h, "Year");
    html_lit(&h, "<input name=\"year\" type=\"number\" min=\"1900\" max=\"2999\" required "
                 "value=\"");
    char year[16];
    ind_period this_year;
    ind_period_at(IND_YEAR, ctx->now, &this_year);
    snprintf(year, sizeof(year), "%d", this_year.year);
    html_attr(&h, year);
    html_lit(&h, "\"></label><button type=\"submit\">");
    web_t(req, &h, "Make the report");
    html_lit(&h, "</button></form></section><section class=\"card\"><h2>");
    web_t(req, &h, "Reports made");
    html_lit(&h, "</h2>");
    if (n == 0)
        web_empty(req, &h, "No report has been made for this division yet.");
    else {
        /* "#" and "SHA-256" have no translation: they stand as they are */
        static const web_col cols[] = {
            {"#", 0}, {N_("Year"), 0}, {N_("Computed at"), 0}, {"SHA-256", 0}, {N_("Files"), 0}};
        html_lit(&h, "<table id=\"reports\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            char at[40];
            time_format_rfc3339(rows[i].computed_at, at, sizeof(at), 0);
            char id[24];
            snprintf(id, sizeof(id), "%lld", (long long)rows[i].id);
            html_lit(&h, "<tr><td>");
            html_int(&h, rows[i].id);
            html_lit(&h, "</td><td>");
            html_int(&h, rows[i].year);
            html_lit(&h, "</td><td>");
            html_text(&h, at);
            html_lit(&h, "</td><td><code>");
            html_text(&h, rows[i].figures_hash);
            html_lit(&h, "</code></td><td>");
            if (rows[i].has_xlsx) {
                html_lit(&h, "<a href=\"/api/v1/annual-reports/");
                html_url(&h, id);
                html_lit(&h, "/xlsx\">XLSX</a> ");
            }
            if (rows[i].has_html) {
                html_lit(&h, "<a href=\"/admin/reports/");
                html_url(&h, id);
                html_lit(&h, "/html\">HTML</a>");
            }
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_reports_post(http_req *req)
{
    const char *division = req_form(req, "division"), *year = req_form(req, "year");
    char *end = NULL;
    long y = year ? strtol(year, &end, 10) : 0;
    if (!year || end == year || *end)
        y = 0; /* refused by the rule as a bad year */
    report_row r;
    if (report_make(req_ctx_primary(req), division, (int)y, &r) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/reports?division=%s", r.division));
}

void page_report_html(http_req *req)
{
    report_file_answer(req, "html", "text/html; charset=utf-8");
}
