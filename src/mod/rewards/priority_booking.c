/*
 * priority_booking: the points supermarket's priority booking windows (优先预约, 回馈礼遇) as a
 * source of core/priority.h. A priority_booking item names an activity and a number of hours;
 * a person holding a confirmed or collected redemption of it books the activity's sessions
 * that many hours before each session's booking opens. A cancelled (refunded) redemption
 * holds nothing.
 *
 * The booking path asks max_hours for every request that finds a session not open yet, so it
 * is answered from memory: the activities that priority items name, with their most hours,
 * kept here and read again from the database when older than PRIORITY_CACHE_MS or when an item
 * was published in this process. An item published by another app server is seen here within
 * PRIORITY_CACHE_MS. Only a person asking about a flagged activity costs a read (their
 * redemptions, one indexed query).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/priority.h"
#include "mod/rewards/rewards.h"
#include "util/timeutil.h"

#define PRIORITY_CACHE_MS  30000
#define PRIORITY_CACHE_MAX 4096 /* activities kept; past it every activity is "maybe" */

static struct {
    pthread_mutex_t lock;
    int valid;      /* loaded, and not invalidated since */
    int overflow;   /* more activities than the cache keeps: answer the most hours for all */
    int64_t loaded; /* time_mono_ms of the load */
    int64_t *ids;   /* sorted */
    int *hours;
    size_t n;
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

void reward_priority_invalidate(void)
{
    pthread_mutex_lock(&cache.lock);
    cache.valid = 0;
    pthread_mutex_unlock(&cache.lock);
}

/* Read the flags again; the lock is held. */
static int reload(db *c)
{
    arena a;
    arena_init(&a, 0);
    int64_t *ids;
    int *hours;
    size_t n;
    int rc = store_reward_priority_activities(c, &a, PRIORITY_CACHE_MAX + 1, &ids, &hours, &n);
    if (rc == WY_OK) {
        size_t keep = n > PRIORITY_CACHE_MAX ? PRIORITY_CACHE_MAX : n;
        int64_t *ni = malloc((keep + 1) * sizeof(*ni));
        int *nh = malloc((keep + 1) * sizeof(*nh));
        if (!ni || !nh) {
            free(ni);
            free(nh);
            rc = WY_NOMEM;
        } else {
            memcpy(ni, ids, keep * sizeof(*ni));
            memcpy(nh, hours, keep * sizeof(*nh));
            free(cache.ids);
            free(cache.hours);
            cache.ids = ni;
            cache.hours = nh;
            cache.n = keep;
            cache.overflow = n > PRIORITY_CACHE_MAX;
            cache.valid = 1;
            cache.loaded = time_mono_ms();
        }
    }
    arena_free(&a);
    return rc;
}

static int max_hours(db *c, int64_t activity_id, int *hours)
{
    int rc = WY_OK;
    *hours = 0;
    pthread_mutex_lock(&cache.lock);
    if (!cache.valid || time_mono_ms() - cache.loaded >= PRIORITY_CACHE_MS)
        rc = reload(c);
    if (rc == WY_OK && cache.overflow) {
        *hours = REWARD_PRIORITY_HOURS_MAX;
    } else if (rc == WY_OK) {
        size_t lo = 0, hi = cache.n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cache.ids[mid] < activity_id)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < cache.n && cache.ids[lo] == activity_id)
            *hours = cache.hours[lo];
    }
    pthread_mutex_unlock(&cache.lock);
    return rc;
}

static int holder_hours(db *c, int64_t user_id, int64_t activity_id, int64_t now, int *hours)
{
    (void)now; /* a held redemption does not expire */
    return store_reward_priority_hours(c, user_id, activity_id, hours);
}

static const priority_source source = {"rewards", max_hours, holder_hours};

void reward_priority_init(void)
{
    priority_register(&source);
}

int reward_priority_of(wy_ctx *ctx, int64_t activity_id, int *hours)
{
    *hours = 0;
    if (!ctx->who || !ctx->who->user_id)
        return 0;
    int rc = store_reward_priority_hours(ctx->c, ctx->who->user_id, activity_id, hours);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "priority");
}
