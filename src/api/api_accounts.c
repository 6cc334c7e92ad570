/* api_accounts: account management by district and city admins. */
#include <string.h>

#include "api/api.h"
#include "domain/account.h"

void api_accounts_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 200, &limit, &cursor) < 0)
        return;
    user *us;
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
    user u;
    if (req_param_id(req, 0, &id) < 0) {
        resp_error(req, 404, "not_found", tr(req, "Not found."));
        return;
    }
    wy_ctx *ctx = req_ctx(req);
    if (account_get(ctx, id, &u) < 0) {
        resp_fail(req);
        return;
    }
    role_grant *g;
    size_t n;
    json_t *j = api_user(req, &u);
    json_t *roles = json_array();
    if (store_roles_of(ctx->c, ctx->a, id, &g, &n) == WY_OK)
        for (size_t i = 0; i < n; i++)
            json_array_append_new(roles, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)g[i].id,
                                                   "role", g[i].role, "division", g[i].division));
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

void api_account_import(http_req *req)
{
    const char *dry = req_query(req, "dry_run");
    int dry_run = dry && (!strcmp(dry, "1") || !strcmp(dry, "true"));
    account_import_result res;
    if (account_import_csv(req_ctx(req), req->body.buf, req->body.len, dry_run, NULL, NULL, &res) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *lines = json_array();
    for (size_t i = 0; i < res.nlines; i++)
        json_array_append_new(
            lines, json_pack("{s:i,s:s,s:s,s:s?}", "line", res.lines[i].line, "status",
                             res.lines[i].ok ? "accepted" : "rejected", "phone", res.lines[i].phone,
                             "reason", res.lines[i].reason ? tr(req, res.lines[i].reason) : NULL));
    resp_json(req, 200,
              json_pack("{s:b,s:i,s:i,s:o}", "dry_run", dry_run, "accepted", res.accepted,
                        "rejected", res.rejected, "lines", lines));
}

void api_grant(http_req *req)
{
    int64_t uid, gid;
    json_t *b;
    const char *role, *division;
    if (req_param_id(req, 0, &uid) < 0) {
        resp_error(req, 404, "not_found", tr(req, "Not found."));
        return;
    }
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
    int64_t uid, gid;
    if (req_param_id(req, 0, &uid) < 0 || req_param_id(req, 1, &gid) < 0) {
        resp_error(req, 404, "not_found", tr(req, "Not found."));
        return;
    }
    if (account_revoke(req_ctx(req), uid, gid) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:b}", "ok", 1));
}
