/*
 * arena: a memory pool freed all at once. Every HTTP request owns one; handlers allocate from
 * it and never free piece by piece. A pool has a byte budget: past it, allocation returns
 * NULL, which handlers turn into an error response rather than a crash.
 */
#ifndef WY_ARENA_H
#define WY_ARENA_H

#include <stddef.h>

#include "util/strbuf.h"

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
    size_t used;  /* bytes handed out, all blocks */
    size_t limit; /* budget; 0 means the default (64 MiB) */
} arena;

void arena_init(arena *a, size_t limit);
void *arena_alloc(arena *a, size_t n); /* zeroed, 16-byte aligned; NULL past the budget */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_sprintf(arena *a, const char *fmt, ...) WY_PRINTF(2, 3);
void arena_free(arena *a);

#endif
