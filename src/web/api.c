/* api_common: the small helpers every JSON handler uses. */
#include <stdio.h>
#include <string.h>

#include "web/api.h"
#include "core/account.h"
#include "util/timeutil.h"

/* A 400 that names the field at fault, like the domain's refusals do. */
static void field_error(http_req *req, const char *code, const char *fmt, const char *key)
{
    req->ctx.err = (wy_error){
        .cls = E_INVALID, .code = code, .field = key, .message = arena_sprintf(&req->a, fmt, key)};
    resp_fail(req);
}

int api_str(http_req *req, json_t *body, const char *key, int required, const char **out)
{
    json_t *v = json_object_get(body, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
        field_error(req, "missing_field", req_tr(req, "The field %s is required."), key);
        return -1;
    }
    if (!json_is_string(v)) {
        field_error(req, "bad_field", req_tr(req, "The field %s must be text."), key);
        return -1;
    }
    *out = json_string_value(v);
    if (strlen(*out) != json_string_length(v)) {
        field_error(req, "bad_field", req_tr(req, "The field %s must be text."), key);
        return -1;
    }
    return 0;
}

int api_int(http_req *req, json_t *body, const char *key, int required, int64_t *out)
{
    json_t *v = json_object_get(body, key);
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
        field_error(req, "missing_field", req_tr(req, "The field %s is required."), key);
        return -1;
    }
    if (!json_is_integer(v)) {
        field_error(req, "bad_field", req_tr(req, "The field %s must be a whole number."), key);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

json_t *api_time(int64_t ms)
{
    if (!ms)
        return json_null();
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    return json_string(buf);
}

json_t *api_user(http_req *req, const account *u)
{
    char masked[PHONE_MASKED_MAX];
    int full = account_may_see_personal(&req->who, u);
    account_mask_phone(u->phone, masked);
    return json_pack("{s:I,s:s,s:s,s:s?,s:s,s:o}", "id", (json_int_t)u->id, "name", u->name,
                     "phone", full ? u->phone : masked, "division", u->division, "status",
                     /* active, but its number not proved yet: it waits for its member */
                     !strcmp(u->status, "active") && !u->activated_at ? "pending" : u->status,
                     "created_at", api_time(u->created_at));
}

json_t *api_page(json_t *items, int64_t next_cursor)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%lld", (long long)next_cursor);
    return json_pack("{s:o,s:o}", "items", items, "next_cursor",
                     next_cursor ? json_string(buf) : json_null());
}

void api_submit(http_req *req, int (*submit)(wy_ctx *ctx, int64_t id, const char **status))
{
    const char *status;
    int64_t id = req_id(req, 0);
    if (submit(req_ctx(req), id, &status) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", status));
}
