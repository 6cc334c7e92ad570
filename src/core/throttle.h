/*
 * throttle: limits on how often something may be asked for, counted in the database so that
 * every app server counts together: a window per key ("code:ip:10.0.0.7" — a number, an
 * address, or everyone) that begins with the key's first event and lasts window_s, so "one
 * a minute" means a minute from the last one counted, whatever the clock says. A refusal is
 * E_LIMITED with the seconds until the window ends in retry_after_s (429 with Retry-After).
 */
#ifndef WY_THROTTLE_H
#define WY_THROTTLE_H

#include "core/domain.h"

typedef struct throttle_rule {
    const char *key;
    int limit;    /* events allowed in a window */
    int window_s; /* the window's length */
} throttle_rule;

/* Count one event against each rule, in order, inside the caller's write transaction; the
 * first rule over its limit refuses, and the rules after it are not counted. 0; 1 when
 * refused (the refusal on ctx: commit all the same, a refused request counts too); -1 on a
 * database error. */
int throttle_count(wy_ctx *ctx, const throttle_rule *rules, size_t n);
/* The same in a transaction of its own: 0, or -1 with the refusal (or the error) on ctx. */
int throttle_hits(wy_ctx *ctx, const throttle_rule *rules, size_t n);

#endif
