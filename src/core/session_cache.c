/* session_cache: see session_cache.h. */
#include "core/session_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "util/log.h"

#define BUCKETS 4096 /* a power of two */
#define STRIPES 64   /* bucket i is guarded by lock i % STRIPES */

typedef struct entry entry;
struct entry {
    entry *next;
    char th[65];
    int64_t user_id;
    int64_t until; /* ms: the earlier of the session's expiry and the entry's ttl */
    char *name, *phone, *division;
    role_grant *grants;
    size_t ngrants;
};

static struct {
    entry *bucket[BUCKETS];
    pthread_mutex_t lock[STRIPES];
    int ttl_s;
    size_t max_entries;
    int enabled;                    /* atomic */
    uint64_t gen;                   /* atomic: bumped by every forget */
    uint64_t entries, hits, misses; /* atomic */
    int ready;
} C;

static size_t bucket_of(const char *th)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a over the (already random) hash text */
    for (const char *p = th; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return (size_t)(h & (BUCKETS - 1));
}

static void entry_free(entry *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->ngrants; i++) {
        free((char *)e->grants[i].role);
        free((char *)e->grants[i].division);
    }
    free(e->grants);
    free(e->name);
    free(e->phone);
    free(e->division);
    free(e);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void session_cache_init(int ttl_s, size_t max_entries, int enabled)
{
    if (!C.ready) {
        for (int i = 0; i < STRIPES; i++)
            pthread_mutex_init(&C.lock[i], NULL);
        C.ready = 1;
    }
    C.ttl_s = ttl_s;
    C.max_entries = max_entries ? max_entries : 1;
    __atomic_store_n(&C.enabled, ttl_s > 0 && enabled, __ATOMIC_SEQ_CST);
}

/* Drop entries for which drop(e, arg) says so; every entry with all. */
static void sweep(int (*drop)(const entry *e, const void *arg), const void *arg)
{
    for (size_t b = 0; b < BUCKETS; b++) {
        pthread_mutex_lock(&C.lock[b % STRIPES]);
        entry **pp = &C.bucket[b];
        while (*pp) {
            entry *e = *pp;
            if (!drop || drop(e, arg)) {
                *pp = e->next;
                entry_free(e);
                __atomic_fetch_sub(&C.entries, 1, __ATOMIC_RELAXED);
            } else {
                pp = &e->next;
            }
        }
        pthread_mutex_unlock(&C.lock[b % STRIPES]);
    }
}

void session_cache_free(void)
{
    if (!C.ready)
        return;
    __atomic_store_n(&C.enabled, 0, __ATOMIC_SEQ_CST);
    sweep(NULL, NULL);
}

uint64_t session_cache_generation(void)
{
    return __atomic_load_n(&C.gen, __ATOMIC_SEQ_CST);
}

static char *arena_copy(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

int session_cache_get(const char *th, int64_t now, arena *a, principal *out)
{
    if (!__atomic_load_n(&C.enabled, __ATOMIC_SEQ_CST))
        return 0;
    size_t b = bucket_of(th);
    int found = 0;
    pthread_mutex_lock(&C.lock[b % STRIPES]);
    for (entry **pp = &C.bucket[b]; *pp; pp = &(*pp)->next) {
        entry *e = *pp;
        if (strcmp(e->th, th))
            continue;
        if (now >= e->until) { /* stale: drop it, the caller asks the database */
            *pp = e->next;
            entry_free(e);
            __atomic_fetch_sub(&C.entries, 1, __ATOMIC_RELAXED);
            break;
        }
        role_grant *g = e->ngrants ? arena_alloc(a, e->ngrants * sizeof(*g)) : NULL;
        if (e->ngrants && !g)
            break;
        for (size_t i = 0; i < e->ngrants; i++) {
            g[i] = e->grants[i];
            g[i].role = arena_copy(a, e->grants[i].role);
            g[i].division = arena_copy(a, e->grants[i].division);
        }
        *out = (principal){.user_id = e->user_id,
                           .name = arena_copy(a, e->name),
                           .phone = arena_copy(a, e->phone),
                           .division = arena_copy(a, e->division),
                           .grants = g,
                           .ngrants = e->ngrants};
        found = !arena_failed(a); /* a copy with holes is nobody: the database is asked */
        break;
    }
    pthread_mutex_unlock(&C.lock[b % STRIPES]);
    __atomic_fetch_add(found ? &C.hits : &C.misses, 1, __ATOMIC_RELAXED);
    return found;
}

static int expired(const entry *e, const void *arg)
{
    return e->until <= *(const int64_t *)arg;
}

void session_cache_put(const char *th, int64_t expires_at, int64_t now, uint64_t gen,
                       const principal *p)
{
    if (!__atomic_load_n(&C.enabled, __ATOMIC_SEQ_CST) || strlen(th) >= sizeof(((entry *)0)->th))
        return;
    if (__atomic_load_n(&C.entries, __ATOMIC_RELAXED) >= C.max_entries) {
        sweep(expired, &now);
        if (__atomic_load_n(&C.entries, __ATOMIC_RELAXED) >= C.max_entries)
            return; /* full of live sessions: these requests go to the database */
    }
    entry *e = calloc(1, sizeof(*e));
    if (!e)
        return;
    snprintf(e->th, sizeof(e->th), "%s", th);
    e->user_id = p->user_id;
    int64_t ttl_end = now + (int64_t)C.ttl_s * 1000;
    e->until = expires_at < ttl_end ? expires_at : ttl_end;
    e->name = dup_or_null(p->name);
    e->phone = dup_or_null(p->phone);
    e->division = dup_or_null(p->division);
    e->grants = p->ngrants ? calloc(p->ngrants, sizeof(*e->grants)) : NULL;
    int ok = !p->ngrants || e->grants;
    for (size_t i = 0; ok && i < p->ngrants; i++) {
        e->grants[i] = p->grants[i];
        e->grants[i].role = dup_or_null(p->grants[i].role);
        e->grants[i].division = dup_or_null(p->grants[i].division);
        e->ngrants = i + 1;
    }
    if (!ok) {
        entry_free(e);
        return;
    }
    size_t b = bucket_of(th);
    pthread_mutex_lock(&C.lock[b % STRIPES]);
    /* something was forgotten since the caller read the database: its answer may be stale */
    if (gen != __atomic_load_n(&C.gen, __ATOMIC_SEQ_CST)) {
        pthread_mutex_unlock(&C.lock[b % STRIPES]);
        entry_free(e);
        return;
    }
    for (entry **pp = &C.bucket[b]; *pp; pp = &(*pp)->next) {
        if (!strcmp((*pp)->th, th)) { /* another thread was first: keep one */
            pthread_mutex_unlock(&C.lock[b % STRIPES]);
            entry_free(e);
            return;
        }
    }
    e->next = C.bucket[b];
    C.bucket[b] = e;
    __atomic_fetch_add(&C.entries, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&C.lock[b % STRIPES]);
}

void session_cache_forget_token(const char *th)
{
    size_t b = bucket_of(th);
    /* bump under the bucket's lock: a put for this token either sees the new generation
     * or is already in the chain and removed below */
    pthread_mutex_lock(&C.lock[b % STRIPES]);
    __atomic_fetch_add(&C.gen, 1, __ATOMIC_SEQ_CST);
    for (entry **pp = &C.bucket[b]; *pp; pp = &(*pp)->next) {
        entry *e = *pp;
        if (!strcmp(e->th, th)) {
            *pp = e->next;
            entry_free(e);
            __atomic_fetch_sub(&C.entries, 1, __ATOMIC_RELAXED);
            break;
        }
    }
    pthread_mutex_unlock(&C.lock[b % STRIPES]);
}

static int of_user(const entry *e, const void *arg)
{
    return e->user_id == *(const int64_t *)arg;
}

void session_cache_forget_user(int64_t user_id)
{
    __atomic_fetch_add(&C.gen, 1, __ATOMIC_SEQ_CST);
    sweep(of_user, &user_id);
}

int session_cache_announce(wy_ctx *ctx, int64_t user_id, const char *th)
{
    char payload[96];
    if (user_id)
        snprintf(payload, sizeof(payload), "u:%lld", (long long)user_id);
    else
        snprintf(payload, sizeof(payload), "t:%s", th);
    int rc = db_notify(ctx->c, SESSION_CACHE_CHANNEL, payload);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "session notice");
}

void session_cache_on_notify(const char *payload, void *ud)
{
    (void)ud;
    if (!payload) { /* the listener lost its connection: notices may be missed, stop caching */
        __atomic_store_n(&C.enabled, 0, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&C.gen, 1, __ATOMIC_SEQ_CST);
        sweep(NULL, NULL);
        log_warn("session cache: off while the notification connection is down");
        return;
    }
    if (!*payload) { /* following the channel (again) */
        __atomic_fetch_add(&C.gen, 1, __ATOMIC_SEQ_CST);
        sweep(NULL, NULL);
        __atomic_store_n(&C.enabled, C.ttl_s > 0, __ATOMIC_SEQ_CST);
        return;
    }
    if (!strncmp(payload, "u:", 2))
        session_cache_forget_user(strtoll(payload + 2, NULL, 10));
    else if (!strncmp(payload, "t:", 2))
        session_cache_forget_token(payload + 2);
}

void session_cache_stats_get(session_cache_stats *out)
{
    out->hits = __atomic_load_n(&C.hits, __ATOMIC_RELAXED);
    out->misses = __atomic_load_n(&C.misses, __ATOMIC_RELAXED);
    out->entries = __atomic_load_n(&C.entries, __ATOMIC_RELAXED);
}
