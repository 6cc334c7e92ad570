/*
 * router: the route table. Every route names its method, its path pattern (segments in
 * braces are parameters: /api/v1/divisions/{code}), its handler and the permission a caller
 * needs (authz.h). PERM_UNSET is not allowed: tests/unit/test_routes.c walks the table.
 *
 * Parameters named {id} and {grant} are typed: a record's id, a positive decimal integer
 * within int64 (digits only; leading zeros are allowed, "007" is 7). Anything else there
 * (letters, a sign, 0, 2^63 and beyond, an empty segment) names no record, and no handler
 * sees it: the router reports MATCH_BAD_ID and the server answers 404 as for a missing record
 * (JSON not_found under /api, the error page elsewhere), after the checks every request on
 * that route goes through (the caller's permission first). The handler reads the value with
 * req_id(), which has no error path. Every other parameter arrives as a string (req_param).
 */
#ifndef WY_ROUTER_H
#define WY_ROUTER_H

#include "core/authz.h"
#include "http/request.h"
#include "util/config.h"

typedef void (*handler_fn)(http_req *req);

enum route_flags {
    ROUTE_API = 1,     /* JSON errors, under /api */
    ROUTE_NO_CSRF = 2, /* an unsafe method that needs no CSRF token (none so far) */
    ROUTE_READ = 4,    /* reads only, and may lag a moment: served from a replica if any */
    ROUTE_CACHE = 8,   /* public and the same for every anonymous caller: see microcache.h */
    /* takes a file as its body (a poster, an import): up to server.max_body_bytes and of any
     * content type, which the handler judges. Every other route takes at most
     * server.small_body_bytes, and on an /api route an unsafe method's body must be JSON. */
    ROUTE_UPLOAD = 16,
    /* an /api route that still hands the browser its CSRF cookie, as every page does: the
     * login, after which the browser's forms need one */
    ROUTE_CSRF_COOKIE = 32,
};

struct route {
    const char *method;
    const char *pattern;
    handler_fn fn;
    perm perm;
    int flags;
};

/* All routes of the application (api and web), in one table. */
const route *routes_table(size_t *n);
/* The largest body r takes (NULL: a request that matched no route). */
int64_t route_body_limit(const route *r, const wy_config *cfg);
/* Index of a route (for metrics), or -1. */
int route_index(const route *r);

typedef enum match_result { MATCH_OK, MATCH_NO_PATH, MATCH_NO_METHOD, MATCH_BAD_ID } match_result;
/* Find the route for method and path, filling params (arena copies). On MATCH_NO_METHOD,
 * allow lists the methods that path takes ("GET, POST"). MATCH_BAD_ID: the route for method
 * and path but for a typed parameter that is not an id; *out and params are filled. */
match_result router_match(arena *a, const char *method, const char *path, const route **out,
                          const char **params, int *nparams, const char **allow);

/* The positive int64 written in decimal digits as the len bytes at s (a typed parameter): 0
 * with *id set, or -1. */
int router_parse_id(const char *s, size_t len, int64_t *id);

#endif
