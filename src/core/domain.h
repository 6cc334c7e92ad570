/*
 * domain: what every module's rules share: the context a rule runs in (the connection, the
 * request's arena, the settings, the clock, who is acting) and the outcome of a rule that
 * says no. Outcomes are classes, not HTTP statuses: the api and web layers map them.
 */
#ifndef WY_DOMAIN_H
#define WY_DOMAIN_H

#include <stdint.h>

#include "core/store.h"
#include "util/arena.h"
#include "util/config.h"

typedef enum wy_errclass {
    E_NONE = 0,
    E_INVALID,     /* bad input: 400 */
    E_UNAUTH,      /* not logged in: 401 */
    E_FORBIDDEN,   /* logged in, not allowed: 403 */
    E_NOTFOUND,    /* 404 */
    E_CONFLICT,    /* duplicate, full, wrong state: 409 */
    E_RULE,        /* a rule says no: 422 */
    E_LIMITED,     /* too many tries: 429 */
    E_INTERNAL,    /* our fault: 500 */
    E_UNAVAILABLE, /* overloaded or shutting down: 503 */
} wy_errclass;

typedef struct wy_error {
    wy_errclass cls;
    const char *code;    /* stable, machine-readable: "phone_taken" */
    const char *message; /* English msgid; translated at the edge */
    const char *field;   /* the input field at fault, when there is one */
    int retry_after_s;   /* for E_LIMITED and E_UNAVAILABLE */
    int64_t opens_at;    /* ms; when what was refused opens (booking not open yet), or 0 */
    int64_t until;       /* a refusal that lasts until then (ms; 0: none): the message then
                            holds one %s, which the edge fills with this time in words, and
                            the JSON error carries it as "until" */
} wy_error;

typedef struct role_grant role_grant;

/* Who acts: an account with its grants, or nobody (user_id 0). */
typedef struct principal {
    int64_t user_id;
    const char *name;
    const char *phone;
    const char *division;
    role_grant *grants;
    size_t ngrants;
} principal;

typedef struct wy_ctx {
    db *c;
    arena *a;
    const wy_config *cfg;
    int64_t now; /* ms since the epoch, fixed for the request */
    const principal *who;
    const char *ip;
    wy_error err;
} wy_ctx;

/* Record a refusal on ctx and return -1, so a rule reads `return wy_fail(ctx, ...)`. */
int wy_fail(wy_ctx *ctx, wy_errclass cls, const char *code, const char *message);
int wy_fail_field(wy_ctx *ctx, wy_errclass cls, const char *code, const char *message,
                  const char *field);
/* The request's arena has refused an allocation (util/arena.h): -1 with the refusal
 * request_too_large (E_UNAVAILABLE), else 0. For what leaves the request by another way
 * than its own connection, which refuses to write by itself once the arena failed. */
int check_mem(wy_ctx *ctx);
/* Open a write transaction (the refusal on ctx when the database says no). */
int tx_begin(wy_ctx *ctx);
/* Close it: commit when res is 0, else roll back; returns 0, or -1 with the refusal. */
int tx_end(wy_ctx *ctx, int res);
/* Map a store result to a refusal (WY_NOTFOUND -> E_NOTFOUND, WY_CONSTRAINT -> E_CONFLICT,
 * WY_NOMEM -> request_too_large when the arena failed, anything else -> E_INTERNAL). */
int wy_fail_store(wy_ctx *ctx, int rc, const char *what);

#endif
