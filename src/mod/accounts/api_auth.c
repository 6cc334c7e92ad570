/* api_auth: register and verify the number, reset the password, login, logout, the caller's
 * own account and password. */
#include <string.h>

#include "mod/accounts/handlers.h"
#include "http/app.h"
#include "core/account.h"

/* The answer to a request for a code: the same whatever the number. */
static void code_sent(http_req *req)
{
    resp_json(req, 202, json_pack("{s:s}", "status", "code_sent"));
}

void api_register(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone, *password, *name, *division;
    if (!b)
        return;
    if (api_str(req, b, "phone", 1, &phone) < 0 || api_str(req, b, "password", 1, &password) < 0 ||
        api_str(req, b, "name", 1, &name) < 0 || api_str(req, b, "division", 0, &division) < 0) {
        json_decref(b);
        return;
    }
    if (account_register(req_ctx(req), phone, password, name, division) < 0)
        resp_fail(req);
    else
        code_sent(req);
    json_decref(b);
}

void api_verify(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone, *code;
    if (!b)
        return;
    if (api_str(req, b, "phone", 1, &phone) < 0 || api_str(req, b, "code", 1, &code) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (account_verify(req_ctx(req), phone, code, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

void api_reset_request(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone;
    if (!b)
        return;
    if (api_str(req, b, "phone", 1, &phone) < 0) {
        json_decref(b);
        return;
    }
    if (account_reset_request(req_ctx(req), phone) < 0)
        resp_fail(req);
    else
        code_sent(req);
    json_decref(b);
}

void api_reset(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone, *code, *password;
    if (!b)
        return;
    if (api_str(req, b, "phone", 1, &phone) < 0 || api_str(req, b, "code", 1, &code) < 0 ||
        api_str(req, b, "password", 1, &password) < 0) {
        json_decref(b);
        return;
    }
    if (account_reset(req_ctx(req), phone, code, password) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:b}", "ok", 1));
    json_decref(b);
}

void api_login(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone, *password;
    if (!b)
        return;
    if (api_str(req, b, "phone", 1, &phone) < 0 || api_str(req, b, "password", 1, &password) < 0) {
        json_decref(b);
        return;
    }
    char token[TOKEN_CHARS];
    int64_t uid;
    if (account_login(req_ctx(req), phone, password, token, &uid) < 0) {
        resp_fail(req);
    } else {
        resp_set_cookie(req, "wy_session", token, req->app->cfg.session_ttl_s, 1);
        resp_json(req, 200,
                  json_pack("{s:s,s:I,s:I}", "token", token, "user_id", (json_int_t)uid,
                            "expires_in", (json_int_t)req->app->cfg.session_ttl_s));
    }
    json_decref(b);
}

void api_logout(http_req *req)
{
    if (account_logout(req_ctx(req), req->token) < 0) {
        resp_fail(req);
        return;
    }
    resp_set_cookie(req, "wy_session", "", 0, 1);
    resp_json(req, 200, json_pack("{s:b}", "ok", 1));
}

void api_me(http_req *req)
{
    account u;
    wy_ctx *ctx = req_ctx(req);
    if (account_get(ctx, req->who.user_id, &u) < 0) { /* one's own */
        ctx->err = (wy_error){0};
        resp_error(req, 404, "not_found", req_tr(req, "Not found."));
        return;
    }
    json_t *j = api_user(req, &u);
    json_t *roles = json_array();
    for (size_t i = 0; i < req->who.ngrants; i++)
        json_array_append_new(
            roles, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)req->who.grants[i].id, "role",
                             req->who.grants[i].role, "division", req->who.grants[i].division));
    json_object_set_new(j, "roles", roles);
    resp_json(req, 200, j);
}

void api_password(http_req *req)
{
    json_t *b = req_json(req);
    const char *old_pw, *new_pw;
    if (!b)
        return;
    if (api_str(req, b, "old_password", 1, &old_pw) < 0 ||
        api_str(req, b, "new_password", 1, &new_pw) < 0) {
        json_decref(b);
        return;
    }
    if (account_change_password(req_ctx(req), old_pw, new_pw, req->token) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:b}", "ok", 1));
    json_decref(b);
}
