/*
 * priority: priority booking windows (优先预约, the national rules' 回馈礼遇), a hook between
 * the module that books (activities) and the modules that grant the right (rewards), so that
 * neither includes the other. A granting module registers a source at start-up (its init);
 * the booking rules ask priority_hours when a person finds a session not open yet.
 *
 * A source answers in two steps, so that the booking path stays cheap under a crowd:
 *
 *   max_hours   the most hours anybody could hold for an activity (0: nobody), answered from
 *               the source's memory (a cache it refreshes now and then): a caller of an activity
 *               that no grant names costs no database read;
 *   holder      the hours one person holds for the activity at now (0: none), a read.
 *
 * A source's cache may say "maybe" wrongly (a read that finds nothing), never "no" wrongly for
 * longer than it documents.
 */
#ifndef WY_PRIORITY_H
#define WY_PRIORITY_H

#include <stdint.h>

#include "core/store.h"

#define PRIORITY_MAX_SOURCES 4
#define PRIORITY_HOUR_MS     ((int64_t)3600000)

typedef struct priority_source {
    const char *name;
    /* The most hours of priority any person may hold for activity_id (0: none). c may be used
     * to refresh a cache. WY_OK or a store error. */
    int (*max_hours)(db *c, int64_t activity_id, int *hours);
    /* The hours of priority user_id holds for activity_id at now (0: none). */
    int (*holder_hours)(db *c, int64_t user_id, int64_t activity_id, int64_t now, int *hours);
} priority_source;

/* 0 (also for s registered already), -1 when the registry is full. */
int priority_register(const priority_source *s);

/* The hours of priority user_id holds for activity_id at now, the most any source gives; only
 * sources whose max_hours could reach early_ms (how early before the opening the person asks)
 * are read. *hours 0: none. WY_OK or a store error. */
int priority_hours(db *c, int64_t user_id, int64_t activity_id, int64_t early_ms, int64_t now,
                   int *hours);

/* Any source registered (tests, pages)? */
int priority_sources(void);

#endif
