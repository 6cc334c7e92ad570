/*
 * server: the libmicrohttpd adapter and the steps every request goes through:
 *
 *   1. the first callback creates the request (from the URI log callback, which sees the raw
 *      URI with its query string) and returns without answering: answering on the first
 *      callback makes libmicrohttpd close keep-alive connections (see DESIGN.md);
 *   2. once the headers are in, the client's address is settled (forwarded.h), the route is
 *      matched and the body limit is the route's (route_body_limit). A request that carries a
 *      body is screened at once (no route, a bad query string, a Content-Length past the
 *      limit, a foreign Origin, a non-JSON body on the API), so a refused body is never read;
 *   3. body chunks are appended up to the route's limit; past it (a chunked body) the rest is
 *      read and thrown away, and the request is refused with 413 when it ends;
 *   4. the last callback screens a request without a body, checks the form, finds the caller
 *      (a bearer token, or the session cookie), checks CSRF for cookie-authenticated and form
 *      requests, checks the route's permission (401, 403) and runs the handler;
 *   5. the completion callback logs one line, counts the request and frees its arena.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "http/app.h"
#include "core/account.h"
#include "http/forwarded.h"
#include "http/microcache.h"
#include "http/parse.h"
#include "http/router.h"
#include "util/log.h"
#include "util/randbuf.h"
#include "util/timeutil.h"

#define SESSION_COOKIE "wy_session"
#define CSRF_COOKIE    "wy_csrf"
#define LANG_COOKIE    "wy_lang"

/* Fault injection for the tests (tests/http/arena_faults.test.mjs): with WENYUN_ARENA_FAULTS=1
 * in the server's environment, a request's X-Arena-Fail-After: N makes the N-th allocation of
 * its arena fail. Off otherwise: an operator's settings cannot turn it on, and a request
 * cannot either. */
static int arena_faults;

struct http_server {
    struct MHD_Daemon *d;
    app *app;
    int port;
    int quiesced;
    ipnet_list trusted; /* server.trusted_proxies */
    url_origin site;    /* server.public_url, when has_site */
    int has_site;
};

static const char *const security_headers[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
};

/* Has the handler set header name itself (resp_header)? Then it replaces the default. */
static int handler_set(const http_req *req, const char *name)
{
    for (int i = 0; i < req->nhdr; i++)
        if (!strcasecmp(req->hdr_name[i], name))
            return 1;
    return 0;
}

const char *req_header(http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    app *a = ((http_server *)cls)->app;
    http_req *req = calloc(1, sizeof(*req));
    if (!req)
        return NULL;
    arena_init(&req->a, (size_t)a->cfg.request_memory_kib << 10);
    req->app = a;
    req->conn = conn;
    req->started_us = time_mono_us();
    sb_init(&req->body, 0); /* its limit is the route's: begin() */
    sb_init(&req->out, STRBUF_DEFAULT_MAX);
    const char *q = strchr(uri, '?');
    if (q)
        req->query = arena_strdup(&req->a, q + 1);
    unsigned char rb[8];
    randbuf_bytes(rb, sizeof(rb));
    sodium_bin2hex(req->rid, sizeof(req->rid), rb, sizeof(rb));
    metrics_inflight(a->m, 1);
    return req;
}

static enum MHD_Result add_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    strbuf *sb = cls;
    if (key && value && !strcasecmp(key, "X-Forwarded-For"))
        sb_addf(sb, "%s%s", sb->len ? "," : "", value);
    return MHD_YES;
}

/* The client: the TCP peer, or, when the peer is a trusted proxy, what X-Forwarded-For says
 * (every line of it, in order). */
static const char *client_ip(http_server *s, http_req *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    unsigned char peer[16] = {0};
    if (!ci || !ci->client_addr)
        return "unknown";
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) {
        peer[10] = peer[11] = 0xff;
        memcpy(peer + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        memcpy(peer, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
    } else {
        return "unknown";
    }
    char out[IP_TEXT_MAX];
    /* all headers together fit in libmicrohttpd's connection memory (32 KiB): never cut */
    strbuf xff = STRBUF_INIT_MAX(64 << 10);
    if (s->trusted.n && ipnet_list_contains(&s->trusted, peer))
        MHD_get_connection_values(req->conn, MHD_HEADER_KIND, add_forwarded, &xff);
    forwarded_client(&s->trusted, peer, xff.len ? xff.buf : NULL, out);
    sb_release(&xff);
    return arena_strdup(&req->a, out);
}

static void pick_language(http_req *req)
{
    const char *q = req_query(req, "lang");
    if (q && (!strcmp(q, "en") || !strcmp(q, "zh"))) {
        req->lang = !strcmp(q, "en") ? LANG_EN : LANG_ZH;
        req->lang_from_query = 1;
        return;
    }
    const char *c = req_cookie(req, LANG_COOKIE);
    if (c && (!strcmp(c, "en") || !strcmp(c, "zh"))) {
        req->lang = !strcmp(c, "en") ? LANG_EN : LANG_ZH;
        return;
    }
    /* Accept-Language: Chinese unless English comes before any Chinese */
    const char *al = req_header(req, "Accept-Language");
    req->lang = LANG_ZH;
    if (al) {
        const char *en = strcasestr(al, "en"), *zh = strcasestr(al, "zh");
        if (en && (!zh || en < zh))
            req->lang = LANG_EN;
    }
}

static int is_safe_method(const char *m)
{
    return !strcmp(m, "GET") || !strcmp(m, "HEAD") || !strcmp(m, "OPTIONS");
}

/* Who is calling: a bearer token wins; else the session cookie. A bad bearer token is an
 * error (401); a stale cookie just means nobody (and is cleared). */
static int authenticate(http_req *req)
{
    wy_ctx *ctx = &req->ctx;
    const char *auth = req_header(req, "Authorization");
    const char *token = NULL;
    if (auth && !strncasecmp(auth, "Bearer ", 7)) {
        token = auth + 7;
    } else { /* no header, or another scheme (basic auth at a proxy): the cookie decides */
        token = req_cookie(req, SESSION_COOKIE);
        req->token_from_cookie = token != NULL;
    }
    if (!token)
        return 0;
    req_ctx_primary(req); /* a session just made on the primary must count at once */
    principal p;
    if (account_principal(ctx, token, &p) < 0) {
        if (ctx->err.cls == E_UNAUTH && req->token_from_cookie) {
            resp_set_cookie(req, SESSION_COOKIE, "", 0, 1);
            ctx->err = (wy_error){0};
            req->token_from_cookie = 0;
            return 0;
        }
        resp_fail(req);
        return -1;
    }
    req->who = p;
    req->token = token;
    return 0;
}

/* Double-submit: a request that a browser could send on its own (cookie session, or any
 * form post) must carry the CSRF cookie's value in X-CSRF-Token or the _csrf field. */
static int check_csrf(http_req *req)
{
    if (is_safe_method(req->method) || (req->route->flags & ROUTE_NO_CSRF))
        return 0;
    int api = req->route->flags & ROUTE_API;
    if (api && !req->token_from_cookie)
        return 0; /* bearer or anonymous API call: nothing ambient to abuse */
    const char *cookie = req_cookie(req, CSRF_COOKIE);
    const char *sent = req_header(req, "X-CSRF-Token");
    if (!sent && !api)
        sent = req_form(req, "_csrf");
    if (cookie && sent && strlen(cookie) == strlen(sent) && strlen(cookie) >= 16 &&
        sodium_memcmp(cookie, sent, strlen(cookie)) == 0)
        return 0;
    resp_error(req, 403, "csrf_failed",
               req_tr(req, "The form has expired; reload the page and try again."));
    return -1;
}

static void ensure_csrf_cookie(http_req *req)
{
    const char *c = req_cookie(req, CSRF_COOKIE);
    if (c && strlen(c) >= 16 && strlen(c) <= 64) {
        req->csrf = c;
        return;
    }
    unsigned char raw[18];
    char tok[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(tok, sizeof(tok), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    req->csrf = arena_strdup(&req->a, tok);
    req->csrf_new = 1;
}

static int has_body(http_req *req)
{
    const char *cl = req_header(req, "Content-Length");
    return (cl && strtoll(cl, NULL, 10) > 0) || req_header(req, "Transfer-Encoding");
}

/* The headers are in: who is calling from where (not yet who they are), which route, and the
 * largest body that route takes. */
static void begin(http_server *s, http_req *req, const char *url, const char *method)
{
    app *a = s->app;
    req->method = arena_strdup(&req->a, method);
    req->path = arena_strdup(&req->a, url);
    if (!req->method || !req->path) {
        /* the arena is spent: no route has these, and send_response() answers 503 */
        req->method = req->method ? req->method : "";
        req->path = req->path ? req->path : "";
    }
    req->ip = client_ip(s, req);
    if (!req->ip)
        req->ip = "unknown";
    req->ctx = (wy_ctx){
        .a = &req->a, .cfg = &a->cfg, .now = time_now_ms(), .ip = req->ip, .who = &req->who};
    pick_language(req);
    const char *allow = NULL;
    match_result m = router_match(&req->a, req->method, req->path, &req->route, req->params,
                                  &req->nparams, &allow);
    if (m == MATCH_BAD_ID) {
        req->bad_id = 1; /* answered in dispatch(), after the route's own checks */
    } else if (m != MATCH_OK) {
        req->route = NULL;
        req->unmatched = m == MATCH_NO_PATH ? 404 : 405;
        req->allow = allow;
    }
    sb_init(&req->body, (size_t)route_body_limit(req->route, &a->cfg));
}

/* An unsafe request sent from a page of another site: its Origin header (or, without one, its
 * Referer) names another origin than server.public_url, or, when that is not set, than the
 * request's own Host. A browser sets both headers itself, so a page cannot forge them. */
static int foreign_origin(http_server *s, http_req *req)
{
    if (is_safe_method(req->method))
        return 0;
    const char *o = req_header(req, "Origin");
    int referer = !o;
    if (referer && !(o = req_header(req, "Referer")))
        return 0; /* not sent by a browser's form or script: CSRF tokens cover the rest */
    url_origin from;
    if (origin_parse(o, referer, &from) < 0) /* "null" (a sandboxed page), or not a web origin */
        return 1;
    if (s->has_site)
        return !origin_equal(&from, &s->site);
    return !origin_matches_host(&from, req_header(req, "Host"));
}

/* Checks that need neither the body nor the caller: a route for the path, a well-formed query
 * string, a body within the route's limit, an unsafe request from this site only, and JSON for
 * the API. -1 with the answer set. Run before the body is read when there is one. */
static int screen(http_server *s, http_req *req)
{
    req->screened = 1;
    if (!req->route) {
        int api = !strncmp(req->path, "/api/", 5);
        if (req->allow)
            resp_header(req, "Allow", req->allow);
        const char *msg = req->unmatched == 404 ? req_tr(req, "There is no such page.")
                                                : req_tr(req, "That method is not allowed here.");
        if (api)
            resp_json(req, req->unmatched,
                      json_pack("{s:{s:s,s:s}}", "error", "code",
                                req->unmatched == 404 ? "not_found" : "method_not_allowed",
                                "message", msg));
        else
            resp_error_page(req, req->unmatched, msg);
        return -1;
    }
    if (req_query_ok(req) < 0)
        return -1;
    const char *cl = req_header(req, "Content-Length");
    if (cl && strtoll(cl, NULL, 10) > (long long)req->body.max) {
        req->body_too_large = 1;
        resp_error(req, 413, "too_large", req_tr(req, "The request body is too large."));
        return -1;
    }
    if (foreign_origin(s, req)) {
        resp_error(req, 403, "foreign_origin",
                   req_tr(req, "This request comes from another site and was refused."));
        return -1;
    }
    if ((req->route->flags & ROUTE_API) && !(req->route->flags & ROUTE_UPLOAD) &&
        !is_safe_method(req->method)) {
        const char *ct = req_header(req, "Content-Type");
        if (ct ? !media_type_is(ct, "application/json") : has_body(req)) {
            resp_error(
                req, 415, "unsupported_media_type",
                req_tr(req, "The body must be JSON, sent with Content-Type: application/json."));
            return -1;
        }
    }
    return 0;
}

static void dispatch(http_server *s, http_req *req)
{
    app *a = s->app;
    if (!req->screened && screen(s, req) < 0)
        return;
    req->ctx.now = time_now_ms(); /* the body may have taken a while */
    if (!(req->route->flags & ROUTE_API) || (req->route->flags & ROUTE_CSRF_COOKIE))
        ensure_csrf_cookie(req);
    if (req->body_too_large) {
        resp_error(req, 413, "too_large", req_tr(req, "The request body is too large."));
        return;
    }
    if (req_form_ok(req) < 0 || authenticate(req) < 0 || check_csrf(req) < 0)
        return;
    if (!authz_allows(&req->who, req->route->perm, NULL)) {
        if (req->who.user_id == 0 && !(req->route->flags & ROUTE_API) &&
            !strcmp(req->method, "GET")) {
            const char *next = url_encode(&req->a, req->path);
            resp_redirect(req, next ? arena_sprintf(&req->a, "/login?next=%s", next) : "/login");
            return;
        }
        req->ctx.err = (wy_error){0};
        authz_require(&req->ctx, req->route->perm, NULL);
        resp_fail(req);
        return;
    }
    if (arena_failed(&req->a))
        return;        /* no handler starts on a request with holes: send_response() answers */
    if (req->bad_id) { /* a typed parameter that is not an id names no record (router.h) */
        if (req->route->flags & ROUTE_API)
            resp_error(req, 404, "not_found", req_tr(req, "Not found."));
        else
            resp_error_page(req, 404, req_tr(req, "There is no such page."));
        return;
    }
    /* a public list asked for by nobody in particular: the answer of a moment ago will do */
    const char *cache_key = NULL;
    if ((req->route->flags & ROUTE_CACHE) && !req->who.user_id && a->cfg.public_cache_ms > 0 &&
        !strcmp(req->method, "GET")) {
        cache_key = arena_sprintf(&req->a, "%d %s?%s", (int)req->lang, req->path,
                                  req->query ? req->query : "");
        const char *ct;
        if (cache_key && microcache_get(cache_key, req->ctx.now, &req->out, &ct)) {
            req->status = 200;
            req->content_type = ct;
            return;
        }
    }
    int nhdr = req->nhdr;
    req->route->fn(req);
    /* only a plain answer: the cache keeps no headers */
    if (cache_key && req->status == 200 && !req->suspended && req->content_type &&
        req->nhdr == nhdr && !arena_failed(&req->a))
        microcache_put(cache_key, req->ctx.now + a->cfg.public_cache_ms, req->content_type,
                       req->out.buf, req->out.len);
    if (!req->status && !req->suspended) {
        error("handler %s %s set no response", req->route->method, req->route->pattern);
        resp_error(req, 500, "internal", req_tr(req, "Something went wrong on our side."));
    }
}

static void release_db(http_req *req)
{
    if (req->c)
        store_release(req->app->st, req->c);
    if (req->rc)
        store_release(req->app->st, req->rc);
    req->c = req->rc = req->ctx.c = NULL;
}

static enum MHD_Result send_response(struct MHD_Connection *conn, http_req *req, const char *url);

void req_suspend(http_req *req)
{
    release_db(req);
    req->suspended = 1;
    MHD_suspend_connection(req->conn);
}

void req_resume(http_req *req)
{
    MHD_resume_connection(req->conn);
}

/* The request's arena refused an allocation (util/arena.h): what was built may have holes
 * in it, so it is dropped, headers and cookies too, and the request gets 503. Nothing here
 * needs the arena. */
static void answer_spent(http_req *req, const char *url)
{
    const char *msg = req_tr(req, "This request needs more memory than one request may use.");
    req->nhdr = 0;
    req->csrf_new = 0;
    req->lang_from_query = 0;
    req->content_type = NULL;
    sb_reset(&req->out);
    int api = req->route ? (req->route->flags & ROUTE_API) != 0 : !strncmp(url, "/api/", 5);
    if (api)
        resp_json(req, 503,
                  json_pack("{s:{s:s,s:s}}", "error", "code", "request_too_large", "message", msg));
    else
        resp_error_page(req, 503, msg);
}

static enum MHD_Result send_response(struct MHD_Connection *conn, http_req *req, const char *url)
{
    release_db(req);
    if (arena_failed(&req->a))
        answer_spent(req, url);
    size_t len;
    char *body = sb_detach(&req->out, &len);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type",
                            req->content_type ? req->content_type : "text/plain; charset=utf-8");
    for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
        if (!handler_set(req, security_headers[i][0])) /* a stricter one of its own */
            MHD_add_response_header(r, security_headers[i][0], security_headers[i][1]);
    MHD_add_response_header(r, "X-Request-Id", req->rid);
    for (int i = 0; i < req->nhdr; i++)
        MHD_add_response_header(r, req->hdr_name[i], req->hdr_value[i]);
    if (!MHD_get_response_header(r, "Cache-Control"))
        MHD_add_response_header(r, "Cache-Control", "no-store");
    if (req->csrf_new) {
        char *c = arena_sprintf(&req->a, "%s=%s; Path=/; SameSite=Lax%s", CSRF_COOKIE, req->csrf,
                                req->app->cfg.cookie_secure ? "; Secure" : "");
        if (c)
            MHD_add_response_header(r, "Set-Cookie", c);
    }
    if (req->lang_from_query) {
        char *c = arena_sprintf(&req->a, "%s=%s; Path=/; Max-Age=31536000; SameSite=Lax",
                                LANG_COOKIE, req->lang == LANG_EN ? "en" : "zh");
        if (c)
            MHD_add_response_header(r, "Set-Cookie", c);
    }
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)req->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    http_server *s = cls;
    http_req *req = *con_cls;
    if (!req)
        return MHD_NO;
    if (!req->method) { /* first call: the headers are in */
        const char *nth = arena_faults ? req_header(req, "X-Arena-Fail-After") : NULL;
        if (nth)
            arena_fail_after(&req->a, (unsigned)strtoul(nth, NULL, 10));
        begin(s, req, url, method);
        /* a body that will be refused is refused now, unread; the connection then closes */
        if (has_body(req) && screen(s, req) < 0)
            return send_response(conn, req, url);
        return MHD_YES; /* answer later (see the top of this file) */
    }
    if (*upload_data_size) {
        /* a chunked body past the limit is read and dropped, then refused when it ends; one
         * that goes on past server.max_body_bytes more is cut off */
        if (!req->body_too_large && sb_add(&req->body, upload_data, *upload_data_size) < 0) {
            req->body_too_large = 1;
            sb_release(&req->body);
        }
        if (req->body_too_large &&
            (req->body_dropped += (int64_t)*upload_data_size) > s->app->cfg.max_body_bytes)
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->suspended) { /* resumed: the answer is ready */
        req->suspended = 0;
        return send_response(conn, req, url);
    }
    if (req->status) /* answered already */
        return MHD_YES;
    dispatch(s, req);
    if (req->suspended) /* parked; req_resume() brings it back here */
        return MHD_YES;
    return send_response(conn, req, url);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    app *a = ((http_server *)cls)->app;
    http_req *req = *con_cls;
    if (!req)
        return;
    release_db(req);
    int64_t dur_us = time_mono_us() - req->started_us;
    int status = req->status ? req->status : 499;
    if (req->method) {
        metrics_observe(a->m, route_index(req->route), status, dur_us);
        /* a {token} in a path is a secret (a private feed's address): not for the log */
        int secret = req->route && strstr(req->route->pattern, "{token}");
        if (a->cfg.request_log) {
            /* the path is the client's text, decoded: its spaces are escaped too, so that
             * it stays one field of the line (the log escapes control characters itself) */
            const char *p = secret ? req->route->pattern : req->path ? req->path : "-";
            char path[1024];
            log_escape(path, sizeof(path), p, strlen(p), 1);
            log_info("%s %s %s route=%s status=%d dur_ms=%.3f%s", req->rid, req->method, path,
                     req->route ? req->route->pattern : "-", status, (double)dur_us / 1000,
                     toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
        }
    }
    metrics_inflight(a->m, -1);
    sb_release(&req->body);
    sb_release(&req->out);
    arena_free(&req->a);
    free(req);
    *con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char buf[512];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    log_warn("http: %s", buf);
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, char *err,
                        size_t errlen)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || strlen(colon + 1) == 0) {
        snprintf(err, errlen, "listen wants host:port, not '%s'", listen);
        return -1;
    }
    size_t hl = (size_t)(colon - listen);
    if (hl >= sizeof(host))
        hl = sizeof(host) - 1;
    memcpy(host, listen, hl);
    host[hl] = '\0';
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = '\0';
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, colon + 1, &hints, &res);
    if (rc != 0 || !res) {
        snprintf(err, errlen, "cannot resolve listen address %s: %s", listen, gai_strerror(rc));
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

/* app->public_url: server.public_url in its canonical form, or http://<listen address> with
 * the port actually bound (an address nobody outside may reach: set public_url in production). */
static void set_public_url(http_server *s)
{
    app *a = s->app;
    if (s->has_site) {
        int dflt = s->site.port == (strcmp(s->site.scheme, "https") ? 80u : 443u);
        snprintf(a->public_url, sizeof(a->public_url), dflt ? "%s://%s" : "%s://%s:%u",
                 s->site.scheme, s->site.host, s->site.port);
        return;
    }
    const char *colon = strrchr(a->cfg.listen, ':');
    int hl = colon ? (int)(colon - a->cfg.listen) : (int)strlen(a->cfg.listen);
    int bare_v6 = memchr(a->cfg.listen, ':', (size_t)hl) && a->cfg.listen[0] != '[';
    snprintf(a->public_url, sizeof(a->public_url), "http://%s%.*s%s:%d", bare_v6 ? "[" : "", hl,
             a->cfg.listen, bare_v6 ? "]" : "", s->port);
}

int http_server_start(app *a, http_server **out, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    if (parse_listen(a->cfg.listen, &ss, &sl, err, errlen) < 0)
        return -1;
    if (strcmp(a->cfg.event_loop, "poll") && strcmp(a->cfg.event_loop, "epoll")) {
        snprintf(err, errlen, "server.event_loop is poll or epoll, not '%s'", a->cfg.event_loop);
        return -1;
    }
    http_server *s = calloc(1, sizeof(*s));
    if (!s)
        return -1;
    s->app = a;
    char why[160];
    if (ipnet_list_parse(a->cfg.trusted_proxies, &s->trusted, why, sizeof(why)) < 0) {
        snprintf(err, errlen, "server.trusted_proxies: %s", why);
        free(s);
        return -1;
    }
    if (a->cfg.public_url[0]) {
        if (origin_parse(a->cfg.public_url, 0, &s->site) < 0) {
            snprintf(err, errlen,
                     "server.public_url wants http://HOST[:PORT] or https://HOST[:PORT] (no "
                     "path), not '%s'",
                     a->cfg.public_url);
            free(s);
            return -1;
        }
        s->has_site = 1;
    }
    const char *faults = getenv("WENYUN_ARENA_FAULTS");
    arena_faults = faults && !strcmp(faults, "1");
    if (arena_faults)
        log_warn("WENYUN_ARENA_FAULTS=1: requests may ask for failed allocations (a test "
                 "setting, never for production)");
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
                     (strcmp(a->cfg.event_loop, "epoll") ? MHD_USE_POLL : MHD_USE_EPOLL) |
                     MHD_USE_ERROR_LOG | MHD_USE_ITC | /* ITC: needed to quiesce a thread pool */
                     MHD_ALLOW_SUSPEND_RESUME;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)a->cfg.threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)a->cfg.max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)a->cfg.per_ip_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)a->cfg.idle_timeout_s, MHD_OPTION_URI_LOG_CALLBACK,
        on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s (in use, or not an address of this machine?)",
                 a->cfg.listen);
        free(s);
        return -1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : 0;
    set_public_url(s);
    *out = s;
    return 0;
}

int http_server_port(http_server *s)
{
    return s->port;
}

void http_server_quiesce(http_server *s, int ms)
{
    if (!s->quiesced) {
        MHD_socket fd = MHD_quiesce_daemon(s->d);
        if (fd != MHD_INVALID_SOCKET)
            close(fd);
        s->quiesced = 1;
    }
    int64_t deadline = time_mono_ms() + ms;
    while (metrics_inflight_now(s->app->m) > 0 && time_mono_ms() < deadline)
        usleep(20000);
}

void http_server_stop(http_server *s)
{
    if (!s)
        return;
    http_server_quiesce(s, s->app->cfg.shutdown_grace_s * 1000);
    MHD_stop_daemon(s->d);
    free(s);
}
