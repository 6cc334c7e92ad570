/*
 * arena: a memory pool freed all at once. Every HTTP request owns one; handlers allocate from
 * it and never free piece by piece. A pool has a byte budget ([server] request_memory_kib for
 * a request): past it, allocation returns NULL.
 *
 * Running out cannot be ignored. Some 300 calls allocate from an arena, and a NULL could flow
 * from any of them into a page, an answer or a row; checking each by hand would leave the
 * forgotten one to be found by a crash or a half-written record. So the arena keeps the fact
 * itself: the first refused allocation sets `failed`, and the pool is then spent (every later
 * allocation is refused too, so nothing is built on after the gap). Three places read it:
 *
 *   - the server, before it sends any answer (also a suspended request's, once resumed):
 *     a request whose arena failed gets 503 request_too_large and whatever the handler
 *     built is dropped, so a page or a JSON body with a hole in it is never sent;
 *   - the database connection a request uses (db_guard): once the arena failed, statements
 *     and commits on it fail with WY_NOMEM and only a rollback runs, so no row is written
 *     from what a failed allocation left NULL, whatever the code path;
 *   - the store's row readers (STORE_ONE, STORE_COLLECT), which answer WY_NOMEM rather than
 *     hand back a row with a NULL where a column's text should be.
 *
 * Code that allocates therefore checks a result only where it would dereference it, or
 * where what it built leaves the request by another way than the database and the answer
 * (the booking queue, whose writer has a connection of its own, checks the arena before a
 * job is queued). Escapers and jansson take NULL without harm; the flag, not the NULL, says
 * whether the answer is whole, since a NULL string is also an absent optional field.
 *
 * Tests make any allocation fail with arena_fail_after() (the server's fault injection, see
 * docs/architecture.md): cheap enough to be compiled in always.
 */
#ifndef WY_ARENA_H
#define WY_ARENA_H

#include <stddef.h>

#include "util/strbuf.h"

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
    size_t used;      /* bytes handed out, all blocks */
    size_t limit;     /* budget; 0 means the default (64 MiB) */
    int failed;       /* an allocation was refused: the pool is spent (sticky) */
    unsigned fail_in; /* fault injection: 0 off; n, the n-th allocation from now fails */
} arena;

void arena_init(arena *a, size_t limit);
void *arena_alloc(arena *a, size_t n);       /* zeroed, 16-byte aligned; NULL past the budget */
char *arena_strdup(arena *a, const char *s); /* NULL for NULL, without a refusal */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_sprintf(arena *a, const char *fmt, ...) WY_PRINTF(2, 3);
/* Has an allocation been refused? (NULL: no arena, nothing refused.) */
static inline int arena_failed(const arena *a)
{
    return a && a->failed;
}
/* Fault injection for tests: the n-th allocation from now on is refused (n >= 1; 0 turns
 * it off), as though the budget ended there. */
void arena_fail_after(arena *a, unsigned n);
void arena_free(arena *a); /* everything, the flag included: the pool is as new */

#endif
