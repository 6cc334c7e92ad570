/*
 * request: what a handler sees of one HTTP request, and how it answers. The server fills
 * the request (method, path, headers through req_header, body, path parameters, the
 * caller), calls the route's handler once the body is complete, and sends what the handler
 * set. Everything here lives in the request's arena and is freed when the response is done.
 */
#ifndef WY_REQUEST_H
#define WY_REQUEST_H

#include <jansson.h>
#include <stdint.h>

#include "core/domain.h"
#include "http/parse.h"
#include "util/arena.h"
#include "util/strbuf.h"

typedef struct app app;
typedef struct route route;

#define REQ_MAX_PARAMS  8
#define REQ_MAX_HEADERS 16

typedef enum lang { LANG_ZH = 0, LANG_EN = 1 } lang;

typedef struct http_req {
    arena a;
    app *app;
    void *conn; /* the server's connection handle */
    char rid[17];
    int64_t started_us; /* monotonic */
    const char *method;
    const char *path;  /* without the query string */
    const char *query; /* raw, may be NULL */
    const char *ip;    /* the client: the peer, or what a trusted proxy says (forwarded.h) */
    strbuf body;       /* at most the route's body limit (route_body_limit) */
    int body_too_large;
    int64_t body_dropped; /* bytes of a too large chunked body read and thrown away */
    int screened;         /* the checks before the body were made (server.c) */
    struct {
        kvlist query, cookies, form;
        mpartlist parts; /* a multipart form's parts, files among them */
        int have_query, have_cookies, have_form;
        int bad_query, bad_form; /* malformed: req_query_ok(), req_form_ok() answer 400 */
    } in;                        /* inputs, parsed on first use */
    const route *route;          /* NULL when none matched: then unmatched is 404 or 405 */
    int unmatched;
    int bad_id;        /* the route's, but a typed parameter is not an id: the server answers 404 */
    const char *allow; /* on a 405: the methods the path takes */
    const char *params[REQ_MAX_PARAMS];
    int nparams;
    lang lang;
    int lang_from_query; /* ?lang= was given: remember it in a cookie */
    /* the caller */
    principal who;
    const char *token; /* the session token the caller presented */
    int token_from_cookie;
    const char *csrf; /* the CSRF token of this browser (cookie), set if absent */
    int csrf_new;
    db *c;  /* the primary's connection, taken on first use */
    db *rc; /* a read replica's, for ROUTE_READ routes, taken on first use */
    wy_ctx ctx;
    int suspended; /* waiting for another thread (the booking writer) to answer */
    /* the answer */
    int status;
    strbuf out;
    const char *content_type;
    const char *hdr_name[REQ_MAX_HEADERS];
    const char *hdr_value[REQ_MAX_HEADERS];
    int nhdr;
} http_req;

const char *req_header(http_req *req, const char *name);
const char *req_cookie(http_req *req, const char *name);
const char *req_query(http_req *req, const char *name); /* decoded, or NULL */
const char *req_form(http_req *req, const char *name);  /* urlencoded body field */
/* A file part of a multipart/form-data body: 0 with its bytes (arena, NUL-terminated), length
 * and declared type (NULL when the part has none), or -1 when the form has no such file
 * part or the chosen file is empty. */
int req_file(http_req *req, const char *name, const char **data, size_t *len,
             const char **content_type);
const char *req_param(http_req *req, int i); /* path parameter {..} i */
/* Typed path parameter i ({id}, {grant}: router.h), checked by the router before the handler
 * runs: a positive integer. (0 for a parameter that is not typed.) */
int64_t req_id(http_req *req, int i);
/* Parse the query string now; -1 with the 400 answer set when it is malformed (a '%' not
 * followed by two hex digits, too many fields), rather than letting a handler see no
 * parameters at all. */
int req_query_ok(http_req *req);
/* The same for a page's form body (urlencoded, or multipart: then also a broken body); API
 * routes and safe methods have none to check. */
int req_form_ok(http_req *req);
/* The absolute URL of path on this site (app->public_url, then path), in the arena. */
const char *req_url(http_req *req, const char *path);
/* The body as a JSON object; on failure the 400 answer is already set and NULL returned. */
json_t *req_json(http_req *req);
/* The domain context for this request. Its connection is the primary's, or, on a route
 * marked ROUTE_READ, a read replica's when one is configured. */
wy_ctx *req_ctx(http_req *req);
/* The domain context on the primary, whatever the route (who is calling, decisions). */
wy_ctx *req_ctx_primary(http_req *req);
/* Pagination: ?limit= (1..max, default def) and ?cursor= (an id, 0 when absent). */
int req_page(http_req *req, int def, int max, int *limit, int64_t *cursor);
/* Only ?limit= (for lists whose cursor is not an id). */
int req_limit(http_req *req, int def, int max, int *limit);

/* Park the request until another thread has its answer: the connection's database
 * handles go back to the pool and its thread serves others. The other thread sets the
 * answer (resp_*) and calls req_resume(). */
void req_suspend(http_req *req);
void req_resume(http_req *req);

/* Answers. */
void resp_header(http_req *req, const char *name, const char *value);
void resp_json(http_req *req, int status, json_t *body); /* takes the reference */
void resp_error(http_req *req, int status, const char *code, const char *message);
/* The page that answers a refusal to a browser. http sits below the page kit (web/ includes
 * http/), so it cannot call web_error_page: the application sets this hook at start-up
 * (app_domain_init sets web_error_page). Unset, resp_error_page answers in plain text. */
extern void (*resp_error_page_hook)(http_req *req, int status, const char *message);
/* The error page through the hook, or the message as text/plain when none is set. */
void resp_error_page(http_req *req, int status, const char *message);
/* Answer with the refusal recorded in req->ctx.err (JSON under /api, a page elsewhere). */
void resp_fail(http_req *req);
void resp_html(http_req *req, int status, strbuf *page); /* takes the buffer */
void resp_redirect(http_req *req, const char *location);
void resp_text(http_req *req, int status, const char *type, const char *text, size_t len);
void resp_set_cookie(http_req *req, const char *name, const char *value, int64_t max_age_s,
                     int http_only);
int errclass_status(wy_errclass cls);

/* Translate an English message into the request's language (gettext). */
const char *req_tr(http_req *req, const char *msgid);

#endif
