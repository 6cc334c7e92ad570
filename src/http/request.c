/*
 * request: accessors over the request the server built, and the ways to answer it. Inputs
 * are parsed on first use (the query string, the cookies, a form body) and kept in the
 * arena; answers are built in req->out and sent by the server after the handler returns.
 */
#include "http/request.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "http/router.h"
#include "util/log.h"
#include "util/timeutil.h"

const char *req_query(http_req *req, const char *name)
{
    __typeof__(req->in) *c = &req->in;
    if (!c->have_query) {
        c->have_query = 1;
        if (req->query && parse_urlencoded(&req->a, req->query, strlen(req->query), &c->query) < 0)
            c->bad_query = 1;
    }
    return kv_get(&c->query, name);
}

const char *req_cookie(http_req *req, const char *name)
{
    __typeof__(req->in) *c = &req->in;
    if (!c->have_cookies) {
        c->have_cookies = 1;
        const char *h = req_header(req, "Cookie");
        if (h && parse_cookies(&req->a, h, &c->cookies) < 0)
            c->cookies.n = 0;
    }
    return kv_get(&c->cookies, name);
}

const char *req_form(http_req *req, const char *name)
{
    __typeof__(req->in) *c = &req->in;
    if (!c->have_form) {
        c->have_form = 1;
        const char *ct = req_header(req, "Content-Type");
        if (ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33)) {
            if (parse_urlencoded(&req->a, req->body.buf, req->body.len, &c->form) < 0)
                c->bad_form = 1;
        } else if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
            const char *b = multipart_boundary(&req->a, ct);
            mpartlist parts = {0};
            if (!b || parse_multipart(&req->a, b, req->body.buf, req->body.len, &parts) < 0) {
                c->bad_form = 1;
            } else {
                c->parts = parts;
                c->form.items = arena_alloc(&req->a, (parts.n + 1) * sizeof(kv));
                for (size_t i = 0; c->form.items && i < parts.n; i++)
                    if (!parts.items[i].filename)
                        c->form.items[c->form.n++] =
                            (kv){parts.items[i].name,
                                 arena_strndup(&req->a, parts.items[i].data, parts.items[i].len),
                                 parts.items[i].len};
            }
        }
    }
    const char *v = kv_get(&c->form, name);
    return v;
}

int req_file(http_req *req, const char *name, const char **data, size_t *len,
             const char **content_type)
{
    req_form(req, ""); /* parses the body once */
    const mpart *p = mpart_get(&req->in.parts, name);
    if (!p || !p->filename || p->len == 0)
        return -1;
    *data = p->data;
    *len = p->len;
    *content_type = p->content_type;
    return 0;
}

const char *req_param(http_req *req, int i)
{
    return i >= 0 && i < req->nparams ? req->params[i] : NULL;
}

int64_t req_id(http_req *req, int i)
{
    const char *s = req_param(req, i);
    int64_t id;
    return s && router_parse_id(s, strlen(s), &id) == 0 ? id : 0;
}

int req_query_ok(http_req *req)
{
    req_query(req, ""); /* parses the query string once */
    if (!req->in.bad_query)
        return 0;
    resp_error(req, 400, "bad_query",
               req_tr(req, "The address's query string is malformed: each percent sign must be "
                           "followed by two hexadecimal digits."));
    return -1;
}

int req_form_ok(http_req *req)
{
    /* an API body is JSON or a file the handler reads whole: no form to look at */
    if (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD") ||
        (req->route && (req->route->flags & ROUTE_API)))
        return 0;
    req_form(req, ""); /* parses the body once */
    if (!req->in.bad_form)
        return 0;
    resp_error(req, 400, "bad_form",
               req_tr(req, "The form data is malformed: each percent sign must be followed by "
                           "two hexadecimal digits, and a multipart form must be complete."));
    return -1;
}

const char *req_url(http_req *req, const char *path)
{
    return arena_sprintf(&req->a, "%s%s", req->app->public_url, path);
}

json_t *req_json(http_req *req)
{
    json_error_t e;
    if (req->body.len == 0) {
        resp_error(req, 400, "bad_json", req_tr(req, "The request needs a JSON body."));
        return NULL;
    }
    json_t *j = json_loadb(req->body.buf, req->body.len, JSON_REJECT_DUPLICATES, &e);
    if (!j) {
        resp_error(req, 400, "bad_json", req_tr(req, "The body is not valid JSON."));
        return NULL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        resp_error(req, 400, "bad_json", req_tr(req, "The body must be a JSON object."));
        return NULL;
    }
    return j;
}

wy_ctx *req_ctx_primary(http_req *req)
{
    if (!req->c) {
        req->c = store_acquire(req->app->st);
        db_guard(req->c, &req->a); /* nothing is written once the arena has failed */
    }
    req->ctx.c = req->c;
    return &req->ctx;
}

wy_ctx *req_ctx(http_req *req)
{
    if (!(req->route && (req->route->flags & ROUTE_READ) && store_has_replica(req->app->st)))
        return req_ctx_primary(req);
    if (!req->rc) {
        req->rc = store_acquire_read(req->app->st);
        db_guard(req->rc, &req->a);
    }
    req->ctx.c = req->rc;
    return &req->ctx;
}

int req_limit(http_req *req, int def, int max, int *limit)
{
    const char *l = req_query(req, "limit");
    char *end;
    *limit = def;
    if (l) {
        long v = strtol(l, &end, 10);
        if (*end || v < 1 || v > max) {
            char *msg = arena_sprintf(&req->a, req_tr(req, "limit is a number from 1 to %d."), max);
            resp_error(req, 400, "bad_limit", msg);
            return -1;
        }
        *limit = (int)v;
    }
    return 0;
}

int req_page(http_req *req, int def, int max, int *limit, int64_t *cursor)
{
    const char *c = req_query(req, "cursor");
    char *end;
    *cursor = 0;
    if (req_limit(req, def, max, limit) < 0)
        return -1;
    if (c && *c) {
        long long v = strtoll(c, &end, 10);
        if (*end || v < 0) {
            resp_error(req, 400, "bad_cursor", req_tr(req, "The cursor is not valid."));
            return -1;
        }
        *cursor = v;
    }
    return 0;
}

void resp_header(http_req *req, const char *name, const char *value)
{
    if (req->nhdr < REQ_MAX_HEADERS) {
        req->hdr_name[req->nhdr] = name;
        req->hdr_value[req->nhdr++] = arena_strdup(&req->a, value);
    }
}

static int dump_to_buf(const char *buf, size_t size, void *data)
{
    return sb_add(data, buf, size) < 0 ? -1 : 0;
}

void resp_json(http_req *req, int status, json_t *body)
{
    sb_reset(&req->out);
    /* straight into the response buffer: no copy of a large body */
    int rc = body ? json_dump_callback(body, dump_to_buf, &req->out, JSON_COMPACT) : -1;
    json_decref(body);
    if (rc < 0) {
        sb_reset(&req->out);
        req->status = 500;
        sb_adds(&req->out, "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
    } else {
        req->status = status;
    }
    req->content_type = "application/json; charset=utf-8";
}

void (*resp_error_page_hook)(http_req *req, int status, const char *message);

void resp_error_page(http_req *req, int status, const char *message)
{
    if (resp_error_page_hook) {
        resp_error_page_hook(req, status, message);
        return;
    }
    resp_text(req, status, "text/plain; charset=utf-8", message, strlen(message));
}

void resp_error(http_req *req, int status, const char *code, const char *message)
{
    if (req->route && !(req->route->flags & ROUTE_API)) {
        resp_error_page(req, status, message);
        return;
    }
    json_t *e = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
    resp_json(req, status, e);
}

int errclass_status(wy_errclass cls)
{
    static const int map[] = {
        [E_NONE] = 500,     [E_INVALID] = 400,    [E_UNAUTH] = 401, [E_FORBIDDEN] = 403,
        [E_NOTFOUND] = 404, [E_CONFLICT] = 409,   [E_RULE] = 422,   [E_LIMITED] = 429,
        [E_INTERNAL] = 500, [E_UNAVAILABLE] = 503};
    return cls >= E_NONE && cls <= E_UNAVAILABLE ? map[cls] : 500;
}

void resp_fail(http_req *req)
{
    wy_error *e = &req->ctx.err;
    int status = errclass_status(e->cls);
    if (e->retry_after_s > 0) {
        char ra[16];
        snprintf(ra, sizeof(ra), "%d", e->retry_after_s);
        resp_header(req, "Retry-After", ra);
    }
    const char *msg = req_tr(req, e->message ? e->message : "Something went wrong on our side.");
    char until[40] = "";
    if (e->until) { /* the message holds one %s: the time, in the city's time, to the minute */
        time_format_rfc3339(e->until, until, sizeof(until), 0);
        char words[20];
        snprintf(words, sizeof(words), "%.10s %.5s", until, until + 11);
        msg = arena_sprintf(&req->a, msg, words);
    }
    if (req->route && !(req->route->flags & ROUTE_API)) {
        resp_error_page(req, status, msg);
        return;
    }
    json_t *err = json_pack("{s:s,s:s}", "code", e->code ? e->code : "internal", "message", msg);
    if (e->field)
        json_object_set_new(err, "field", json_string(e->field));
    if (e->retry_after_s > 0)
        json_object_set_new(err, "retry_after", json_integer(e->retry_after_s));
    if (e->opens_at > 0) {
        char at[40];
        time_format_rfc3339(e->opens_at, at, sizeof(at), 0);
        json_object_set_new(err, "opens_at", json_string(at));
    }
    if (e->until)
        json_object_set_new(err, "until", json_string(until));
    resp_json(req, status, json_pack("{s:o}", "error", err));
}

void resp_html(http_req *req, int status, strbuf *page)
{
    sb_release(&req->out);
    req->out = *page;
    sb_init(page, page->max);
    req->status = status;
    req->content_type = "text/html; charset=utf-8";
}

void resp_redirect(http_req *req, const char *location)
{
    req->status = 303;
    resp_header(req, "Location", location);
    sb_reset(&req->out);
    req->content_type = "text/plain; charset=utf-8";
}

void resp_text(http_req *req, int status, const char *type, const char *text, size_t len)
{
    sb_reset(&req->out);
    sb_add(&req->out, text, len);
    req->status = status;
    req->content_type = type;
}

void resp_set_cookie(http_req *req, const char *name, const char *value, int64_t max_age_s,
                     int http_only)
{
    char *c = arena_sprintf(&req->a, "%s=%s; Path=/; Max-Age=%lld; SameSite=Lax%s%s", name, value,
                            (long long)max_age_s, http_only ? "; HttpOnly" : "",
                            req->app->cfg.cookie_secure ? "; Secure" : "");
    if (c)
        resp_header(req, "Set-Cookie", c);
}

const char *req_tr(http_req *req, const char *msgid)
{
    if (req->lang != LANG_ZH || !req->app->loc_zh)
        return msgid;
    locale_t old = uselocale(req->app->loc_zh);
    const char *s = dgettext("wenyun", msgid);
    uselocale(old);
    return s;
}
