/*
 * api_report: the annual report from the admin console (report.h, docs/report.md): make one
 * for a division and year (the caller's own division by default), list those made, download
 * their files, and recompute one to see whether its figures still hold.
 */
#include <stdio.h>
#include <string.h>

#include "mod/indicators/report.h"
#include "mod/indicators/report_handlers.h"
#include "web/api.h"

static json_t *report_json(http_req *req, const report_row *r)
{
    json_t *o = json_pack("{s:I, s:s, s:i, s:o, s:s, s:i, s:o}", "id", (json_int_t)r->id,
                          "division", r->division, "year", r->year, "computed_at",
                          api_time(r->computed_at), "figures_hash", r->figures_hash, "figures",
                          r->nfigures, "made_at", api_time(r->made_at));
    json_t *files = json_object();
    if (r->has_xlsx)
        json_object_set_new(files, "xlsx",
                            json_string(arena_sprintf(&req->a, "/api/v1/annual-reports/%lld/xlsx",
                                                      (long long)r->id)));
    if (r->has_html)
        json_object_set_new(
            files, "html",
            json_string(arena_sprintf(&req->a, "/admin/reports/%lld/html", (long long)r->id)));
    json_object_set_new(o, "files", files);
    return o;
}

void api_reports_post(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *division = NULL;
    int64_t year = 0;
    if (api_int(req, b, "year", 1, &year) < 0 || api_str(req, b, "division", 0, &division) < 0) {
        json_decref(b);
        return;
    }
    report_row r;
    if (report_make(req_ctx_primary(req), division, year < 0 || year > 9999 ? 0 : (int)year, &r) <
        0)
        resp_fail(req);
    else
        resp_json(req, 201, report_json(req, &r));
    json_decref(b);
}

void api_reports_list(http_req *req)
{
    report_row *r;
    size_t n;
    if (report_list(req_ctx(req), req_query(req, "division"), &r, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, report_json(req, &r[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_report_get(http_req *req)
{
    report_row r;
    if (report_get(req_ctx(req), req_id(req, 0), NULL, &r, NULL, NULL) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, report_json(req, &r));
}

void report_file_answer(http_req *req, const char *which, const char *type)
{
    report_row r;
    const char *data;
    size_t len;
    if (report_get(req_ctx(req), req_id(req, 0), which, &r, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, type, data, len);
    if (!strcmp(which, "html")) /* self-contained: its own styles inline, no script at all */
        resp_header(req, "Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    /* the page opens in the browser to be read and printed (saved under its name); the
     * workbook is a download */
    resp_header(req, "Content-Disposition",
                arena_sprintf(&req->a, "%s; filename=\"wenyun-report-%s-%d.%s\"",
                              strcmp(which, "html") ? "attachment" : "inline", r.division, r.year,
                              which));
}

void api_report_xlsx(http_req *req)
{
    report_file_answer(req, "xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void api_report_verify(http_req *req)
{
    report_check c;
    if (report_verify(req_ctx_primary(req), req_id(req, 0), &c) < 0) {
        resp_fail(req);
        return;
    }
    json_t *changed = json_array();
    for (size_t i = 0; i < c.nchanged && i < 50; i++)
        if (c.changed && c.changed[i])
            json_array_append_new(changed, json_string(c.changed[i]));
    resp_json(req, 200,
              json_pack("{s:o, s:b, s:s, s:s, s:o, s:I, s:o}", "report",
                        report_json(req, &c.report), "matches", c.matches, "recorded_hash",
                        c.report.figures_hash, "hash", c.hash, "checked_at", api_time(c.checked_at),
                        "nchanged", (json_int_t)c.nchanged, "changed", changed));
}
