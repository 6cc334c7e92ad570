/* api_workdays: the city's working-day calendar (core/workday.h): anyone lists a year's
 * public holidays and make-up working days; city admins add, remove and import them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/workday.h"
#include "mod/admin/handlers.h"
#include "util/timeutil.h"

static json_t *workday_json(const workday_exception *x)
{
    return json_pack("{s:s,s:s,s:b,s:s}", "date", x->day, "kind",
                     x->working ? "workday" : "holiday", "working", x->working, "name", x->name);
}

/* ?year= (default: this year, China time); -1 after answering a bad one. */
int admin_workday_year(http_req *req, int *year)
{
    const char *y = req_query(req, "year");
    if (!y || !*y) {
        char today[11];
        workday_format(workday_dayno(req_ctx(req)->now), today);
        *year = atoi(today);
        return 0;
    }
    char *end;
    long v = strtol(y, &end, 10);
    if (*end || v < 1900 || v > 2999) {
        resp_error(req, 400, "bad_year", req_tr(req, "A year is 1900 to 2999."));
        return -1;
    }
    *year = (int)v;
    return 0;
}

void api_workdays_list(http_req *req)
{
    int year;
    if (admin_workday_year(req, &year) < 0)
        return;
    workday_exception *xs;
    size_t n;
    if (workday_list(req_ctx(req), year, &xs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, workday_json(&xs[i]));
    resp_json(req, 200, json_pack("{s:i,s:o}", "year", year, "items", items));
}

/* "holiday" -> 0, "workday" -> 1, anything else -1 (the rule refuses it as bad_kind). */
int admin_workday_kind(const char *kind)
{
    return !kind ? -1 : !strcmp(kind, "holiday") ? 0 : !strcmp(kind, "workday") ? 1 : -1;
}

void api_workday_put(http_req *req)
{
    json_t *b = req_json(req);
    const char *date = req_param(req, 0), *kind, *name;
    if (!b)
        return;
    if (api_str(req, b, "kind", 1, &kind) < 0 || api_str(req, b, "name", 1, &name) < 0) {
        json_decref(b);
        return;
    }
    int working = admin_workday_kind(kind);
    if (working < 0)
        resp_error(req, 400, "bad_kind", req_tr(req, "A day is a holiday or a workday."));
    else if (workday_set(req_ctx(req), date, working, name) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, workday_json(&(workday_exception){date, working, name, 0, 0}));
    json_decref(b);
}

void api_workday_delete(http_req *req)
{
    if (workday_remove(req_ctx(req), req_param(req, 0)) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:s,s:b}", "date", req_param(req, 0), "removed", 1));
}

void api_workdays_import(http_req *req)
{
    const char *dry = req_query(req, "dry_run");
    int dry_run = dry && (!strcmp(dry, "1") || !strcmp(dry, "true"));
    workday_import_result res;
    wy_ctx *ctx = req_ctx(req);
    if (workday_import(ctx, req->body.buf, req->body.len, dry_run, &res) == 0) {
        resp_json(req, 200,
                  json_pack("{s:b,s:I}", "dry_run", dry_run, "rows", (json_int_t)res.rows));
        return;
    }
    if (!res.nerrors) {
        resp_fail(req);
        return;
    }
    json_t *lines = json_array();
    for (size_t i = 0; i < res.nerrors; i++)
        json_array_append_new(lines, json_pack("{s:i,s:s,s:s}", "line", res.errors[i].line, "code",
                                               res.errors[i].code, "message",
                                               req_tr(req, res.errors[i].message)));
    resp_json(req, 400,
              json_pack("{s:{s:s,s:s,s:s},s:o}", "error", "code", ctx->err.code, "message",
                        req_tr(req, ctx->err.message), "field", "file", "lines", lines));
}
