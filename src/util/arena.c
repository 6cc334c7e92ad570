/*
 * arena: a list of blocks; small allocations bump a pointer in the head block, large ones
 * get a block of their own.
 */
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK         8192
#define ARENA_DEFAULT_LIMIT ((size_t)64 << 20)

struct arena_block {
    arena_block *next;
    size_t size;
    size_t off;
    _Alignas(16) unsigned char data[];
};

void arena_init(arena *a, size_t limit)
{
    a->head = NULL;
    a->used = 0;
    a->limit = limit ? limit : ARENA_DEFAULT_LIMIT;
    a->failed = 0;
    a->fail_in = 0;
}

void arena_fail_after(arena *a, unsigned n)
{
    a->fail_in = n;
}

/* Every refusal goes through here: the pool is spent from now on. */
static void *refuse(arena *a)
{
    a->failed = 1;
    return NULL;
}

void *arena_alloc(arena *a, size_t n)
{
    if (a->failed || (a->fail_in && --a->fail_in == 0))
        return refuse(a);
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - 15)
        return refuse(a);
    n = (n + 15) & ~(size_t)15;
    if (n > a->limit - a->used) /* used never exceeds limit */
        return refuse(a);
    arena_block *b = a->head;
    if (!b || b->size - b->off < n) {
        size_t size = n > ARENA_BLOCK / 2 ? n : ARENA_BLOCK;
        b = malloc(sizeof(*b) + size);
        if (!b)
            return refuse(a);
        b->size = size;
        b->off = 0;
        if (size == n && a->head) {
            /* a dedicated block goes behind the head so the head keeps its free room */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->off;
    b->off += n;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_sprintf(arena *a, const char *fmt, ...)
{
    if (a->failed) /* spent: and its arguments may be the NULLs of earlier refusals */
        return NULL;
    va_list ap, cp;
    va_start(ap, fmt);
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *p = n < 0 ? refuse(a) : arena_alloc(a, (size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->used = 0;
    a->failed = 0;
    a->fail_in = 0;
}
