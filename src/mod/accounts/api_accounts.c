/* api_accounts: account management by district and city admins. */
#include <stdio.h>
#include <string.h>

#include "mod/accounts/handlers.h"
#include "core/account.h"
#include "core/member_import.h"

void api_accounts_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 200, &limit, &cursor) < 0)
        return;
    account *us;
    size_t n;
    if (account_list(req_ctx(req), req_query(req, "division"), req_query(req, "q"), cursor, limit,
                     &us, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, api_user(req, &us[i]));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? us[n - 1].id : 0));
}

void api_account_get(http_req *req)
{
    int64_t id;
    account u;
    id = req_id(req, 0);
    wy_ctx *ctx = req_ctx(req);
    if (account_get(ctx, id, &u) < 0) {
        resp_fail(req);
        return;
    }
    role_grant *g;
    size_t n;
    json_t *j = api_user(req, &u);
    json_t *roles = json_array();
    if (account_roles(ctx, &u, &g, &n) < 0)
        ctx->err = (wy_error){0}; /* the account stands without its roles */
    for (size_t i = 0; i < n; i++)
        json_array_append_new(roles, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)g[i].id, "role",
                                               g[i].role, "division", g[i].division));
    json_object_set_new(j, "roles", roles);
    resp_json(req, 200, j);
}

void api_account_create(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone, *password, *name, *role, *division;
    if (!b)
        return;
    if (api_str(req, b, "phone", 1, &phone) < 0 || api_str(req, b, "password", 1, &password) < 0 ||
        api_str(req, b, "name", 1, &name) < 0 || api_str(req, b, "role", 0, &role) < 0 ||
        api_str(req, b, "division", 1, &division) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (account_create(req_ctx(req), phone, password, name, role, division, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

static json_t *import_job_json(http_req *req, const account_import_job *j)
{
    json_t *o =
        json_pack("{s:I,s:s,s:b,s:I,s:I,s:I,s:I,s:o,s:o}", "id", (json_int_t)j->id, "status",
                  j->status, "dry_run", j->dry_run, "rows_total", (json_int_t)j->rows_total,
                  "rows_done", (json_int_t)j->rows_done, "accepted", (json_int_t)j->accepted,
                  "rejected", (json_int_t)j->rejected, "created_at", api_time(j->created_at),
                  "finished_at", j->finished_at ? api_time(j->finished_at) : json_null());
    if (j->error)
        json_object_set_new(o, "error", json_string(req_tr(req, j->error)));
    return o;
}

void api_account_import(http_req *req)
{
    const char *dry = req_query(req, "dry_run");
    int dry_run = dry && (!strcmp(dry, "1") || !strcmp(dry, "true"));
    int64_t id;
    wy_ctx *ctx = req_ctx(req);
    if (account_import_submit(ctx, req->body.buf, req->body.len, dry_run, &id) < 0) {
        resp_fail(req);
        return;
    }
    char *loc = arena_sprintf(&req->a, "/api/v1/accounts/import/%lld", (long long)id);
    if (loc)
        resp_header(req, "Location", loc);
    resp_json(
        req, 202,
        json_pack("{s:I,s:s,s:b}", "id", (json_int_t)id, "status", "queued", "dry_run", dry_run));
}

void api_account_import_get(http_req *req)
{
    int64_t id, cursor;
    int limit;
    id = req_id(req, 0);
    if (req_page(req, 500, 5000, &limit, &cursor) < 0)
        return;
    account_import_job j;
    import_line *ls;
    size_t n;
    if (account_import_get(req_ctx(req), id, cursor, limit, &j, &ls, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *lines = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(lines,
                              json_pack("{s:i,s:s,s:s,s:s?}", "line", ls[i].line, "status",
                                        ls[i].ok ? "accepted" : "rejected", "phone", ls[i].phone,
                                        "reason", ls[i].reason ? req_tr(req, ls[i].reason) : NULL));
    json_t *o = import_job_json(req, &j);
    json_object_set_new(o, "lines", lines);
    char buf[24];
    snprintf(buf, sizeof(buf), "%d", n == (size_t)limit ? ls[n - 1].line : 0);
    json_object_set_new(o, "next_cursor", n == (size_t)limit ? json_string(buf) : json_null());
    resp_json(req, 200, o);
}

void api_grant(http_req *req)
{
    int64_t uid, gid;
    json_t *b;
    const char *role, *division;
    uid = req_id(req, 0);
    if (!(b = req_json(req)))
        return;
    if (api_str(req, b, "role", 1, &role) < 0 || api_str(req, b, "division", 1, &division) < 0) {
        json_decref(b);
        return;
    }
    if (account_grant(req_ctx(req), uid, role, division, &gid) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)gid));
    json_decref(b);
}

void api_revoke(http_req *req)
{
    int64_t uid = req_id(req, 0), gid = req_id(req, 1);
    if (account_revoke(req_ctx(req), uid, gid) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:b}", "ok", 1));
}
