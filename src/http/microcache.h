/*
 * microcache: the answers of public listing routes (ROUTE_CACHE) to anonymous callers, kept
 * for a moment (server.public_cache_ms, default 1000 ms) and keyed by language, path and query.
 * When a crowd opens the activity list in the same second, one request in each moment builds
 * the answer and the others are served the same bytes. The lists may lag by that moment (a
 * seat count, a newly published activity), never more; logged-in callers and every write are
 * never served from it. Memory is bounded: answers over 256 KiB are not kept, and all that is
 * kept stays under 16 MiB (a flood of distinct query strings only evicts).
 */
#ifndef WY_MICROCACHE_H
#define WY_MICROCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* max_entries 0 turns it off. */
void microcache_init(size_t max_entries);
void microcache_free(void);
/* 1 and the body appended to out (its content type in *ct, a static string) when key is
 * cached and fresh at now; 0 otherwise. */
int microcache_get(const char *key, int64_t now, strbuf *out, const char **ct);
void microcache_put(const char *key, int64_t expires, const char *ct, const char *body, size_t len);

#endif
