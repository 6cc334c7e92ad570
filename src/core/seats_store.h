/*
 * seats_store: the part of the seat inventory (seats.h) that a store file uses: the arithmetic
 * of a pool and the waiting list, whose statements each kind gives (seats_store_ops).
 */
#ifndef WY_SEATS_STORE_H
#define WY_SEATS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* ---- the arithmetic ---- */

/* The seats of a pool of this capacity still free when taken are taken; never below 0 (a
 * capacity lowered under the count taken leaves none). */
static inline int seats_left(int capacity, int taken)
{
    return taken < capacity ? capacity - taken : 0;
}

/* Whether want more seats fit a pool of this capacity with taken taken. */
static inline int seats_fit(int capacity, int taken, int want)
{
    return (int64_t)taken + want <= capacity;
}

/* Whether a person who holds held seats in the quota's period passes a quota of max by
 * taking want more; max <= 0 is no quota. */
static inline int seats_quota_passed(int64_t held, int want, int max)
{
    return max > 0 && held + want > max;
}

/* Whether a pool's time span is one: it ends after it starts. */
static inline int seats_span_valid(int64_t starts, int64_t ends)
{
    return ends > starts;
}

/* ---- the waiting list ---- */

/* A kind's statements on its own tables, for seats_promote. Each returns WY_OK or a store
 * error. */
typedef struct seats_store_ops {
    /* The first waiting claim of pool in order: *claim its id and *need its seats, or
     * *claim 0 when nobody waits. */
    int (*next_waiting)(db *c, int64_t pool, int64_t *claim, int64_t *need);
    /* The guarded update: take n seats of pool when they fit (and the pool still takes
     * claims); *taken 1 when it did, 0 when not. */
    int (*take)(db *c, int64_t pool, int64_t n, int *taken);
    /* Make the waiting claim confirmed (out of the waiting list). */
    int (*confirm)(db *c, int64_t claim, int64_t now);
} seats_store_ops;

/* Promote the waiting claims of pool in order while the first in line fits; the ids promoted
 * go into promoted (the first max of them), their count in *npromoted. Inside the caller's
 * transaction. */
int seats_promote(db *c, const seats_store_ops *ops, int64_t pool, int64_t now, int64_t *promoted,
                  size_t max, size_t *npromoted);

/* May the first waiting claim still be served (the person still eligible, under a limit of
 * their own)? Asked of each claim that comes first in line, before its seats are taken (and
 * so whether or not they fit). When not (*ok 0), it takes the claim out of the waiting list
 * itself (next_waiting moves on). ud: the caller's. */
typedef int (*seats_admit_fn)(db *c, void *ud, int64_t claim, int64_t now, int *ok);

/* seats_promote, passing over the claims admit refuses: the promotion goes on with the next
 * in line. A refused claim still first in line is a fault of the kind (WY_ERR). admit NULL:
 * seats_promote. */
int seats_promote_admit(db *c, const seats_store_ops *ops, seats_admit_fn admit, void *ud,
                        int64_t pool, int64_t now, int64_t *promoted, size_t max,
                        size_t *npromoted);

#endif
