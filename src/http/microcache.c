/* microcache: see microcache.h. */
#include "http/microcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define PROBES   8                   /* slots a key may sit in, from its hash on */
#define MAX_BODY ((size_t)256 << 10) /* larger answers are not kept */
#define BUDGET   ((size_t)16 << 20)  /* bytes of keys and bodies kept at most */

typedef struct slot {
    char *key;
    int64_t expires;
    const char *ct;
    char *body;
    size_t len;
} slot;

static struct {
    pthread_rwlock_t lock;
    slot *slots;
    size_t n;     /* a power of two; 0: off */
    size_t bytes; /* of the keys and bodies kept */
} M = {.lock = PTHREAD_RWLOCK_INITIALIZER};

static size_t hash_of(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

void microcache_init(size_t max_entries)
{
    microcache_free();
    size_t n = 0;
    if (max_entries) {
        n = PROBES;
        while (n < max_entries)
            n *= 2;
    }
    pthread_rwlock_wrlock(&M.lock);
    M.slots = n ? calloc(n, sizeof(*M.slots)) : NULL;
    M.n = M.slots ? n : 0;
    pthread_rwlock_unlock(&M.lock);
}

void microcache_free(void)
{
    pthread_rwlock_wrlock(&M.lock);
    for (size_t i = 0; i < M.n; i++) {
        free(M.slots[i].key);
        free(M.slots[i].body);
    }
    free(M.slots);
    M.slots = NULL;
    M.n = 0;
    M.bytes = 0;
    pthread_rwlock_unlock(&M.lock);
}

int microcache_get(const char *key, int64_t now, strbuf *out, const char **ct)
{
    int found = 0;
    pthread_rwlock_rdlock(&M.lock);
    if (M.n) {
        size_t h = hash_of(key);
        for (size_t k = 0; k < PROBES; k++) {
            const slot *s = &M.slots[(h + k) & (M.n - 1)];
            if (s->key && s->expires > now && !strcmp(s->key, key)) {
                found = sb_add(out, s->body, s->len) == 0;
                *ct = s->ct;
                break;
            }
        }
    }
    pthread_rwlock_unlock(&M.lock);
    return found;
}

static void drop(slot *s)
{
    if (s->key)
        M.bytes -= strlen(s->key) + s->len;
    free(s->key);
    free(s->body);
    *s = (slot){0};
}

void microcache_put(const char *key, int64_t expires, const char *ct, const char *body, size_t len)
{
    if (len > MAX_BODY)
        return;
    char *k = strdup(key), *b = malloc(len ? len : 1);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(b, body, len);
    pthread_rwlock_wrlock(&M.lock);
    if (!M.n) {
        pthread_rwlock_unlock(&M.lock);
        free(k);
        free(b);
        return;
    }
    /* the key's own slot, else an empty one, else the one that expires first */
    size_t h = hash_of(key);
    slot *pick = NULL;
    for (size_t i = 0; i < PROBES; i++) {
        slot *s = &M.slots[(h + i) & (M.n - 1)];
        if (s->key && !strcmp(s->key, key)) {
            pick = s;
            break;
        }
        if (!pick || (pick->key && (!s->key || s->expires < pick->expires)))
            pick = s;
    }
    drop(pick);
    size_t need = strlen(k) + len;
    if (M.bytes + need > BUDGET) /* full: make room from what has expired (by now, or soonest) */
        for (size_t i = 0; i < M.n; i++)
            if (M.slots[i].key && M.slots[i].expires <= expires)
                drop(&M.slots[i]);
    if (M.bytes + need > BUDGET) {
        pthread_rwlock_unlock(&M.lock);
        free(k);
        free(b);
        return;
    }
    *pick = (slot){.key = k, .expires = expires, .ct = ct, .body = b, .len = len};
    M.bytes += need;
    pthread_rwlock_unlock(&M.lock);
}
