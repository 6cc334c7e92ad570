/*
 * rewards_store: the store interface of the points supermarket (store_rewards.c): reward
 * items, redemptions, awards, and the reads of a person's points that the ledger's own store
 * does not give (their entries newest first, the sums that expiry needs). Conventions as in
 * core/store.h.
 *
 * What the store keeps whatever runs above it: an item's stock is never passed (one guarded
 * update takes a piece, CHECK taken <= stock); one live redemption per person and item (a
 * unique partial index: WY_CONSTRAINT); a code is unique.
 */
#ifndef WY_REWARDS_STORE_H
#define WY_REWARDS_STORE_H

#include <stdint.h>

#include "core/ledger_store.h"
#include "core/store.h"

typedef struct reward_item {
    int64_t id;
    int64_t org_id;
    const char *org_name;
    const char *division;
    const char *title;
    const char *description;
    const char *kind;   /* ticket, book, course_place, priority_booking, other */
    int64_t cost;       /* points */
    int64_t stock;      /* the pool's capacity */
    int64_t taken;      /* pieces held by redemptions not cancelled */
    const char *place;  /* where and how to collect it */
    const char *status; /* published, withdrawn */
    int64_t created_by;
    int64_t created_at;
    int64_t activity_id;        /* priority_booking: the activity it opens early; else 0 */
    const char *activity_title; /* its title ("" when none) */
    int priority_hours;         /* priority_booking: how many hours early; else 0 */
    int64_t course_id;          /* course_place: the course it enrols in (0: none named) */
} reward_item;

int store_reward_item_create(db *c, const reward_item *it, int64_t now, int64_t *id);
int store_reward_item_get(db *c, arena *a, int64_t id, reward_item *out);
/* Published items inside prefix, by id after cursor. */
int store_reward_item_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                           reward_item **out, size_t *n);
/* The seat inventory's guarded update: take one piece of a published item when one is left;
 * *taken 1 and *cost its cost when it did, *taken 0 when not. */
int store_reward_item_take(db *c, int64_t id, int *taken, int64_t *cost);
/* Give one piece back. */
int store_reward_item_give_back(db *c, int64_t id);

typedef struct reward_redemption {
    int64_t id;
    int64_t item_id;
    const char *item_title;
    const char *place;
    const char *division;
    int64_t user_id;
    int64_t cost;
    const char *code;
    const char *status; /* confirmed, collected, cancelled */
    int64_t entry_id, refund_id;
    int64_t created_at, collected_at;
    int64_t enrolment_id; /* the course place it took (course_place), else 0 */
} reward_redemption;

/* WY_CONSTRAINT: the person holds a live redemption of the item already. */
/* The redemption user_id made with idem_key: WY_NOTFOUND when none. */
int store_redemption_by_key(db *c, arena *a, int64_t user_id, const char *idem_key,
                            reward_redemption *out);
int store_redemption_insert(db *c, int64_t item_id, int64_t user_id, int64_t cost, const char *code,
                            const char *idem_key, int64_t now, int64_t *id);
/* The course place a redemption took (core/enrol_hook.h). */
int store_redemption_set_enrolment(db *c, int64_t id, int64_t enrolment_id);
int store_redemption_set_entry(db *c, int64_t id, int64_t entry_id);
int store_redemption_get(db *c, arena *a, int64_t id, reward_redemption *out);
int store_redemption_by_code(db *c, arena *a, const char *code, reward_redemption *out);
/* A person's redemptions, newest first, before cursor (0: none). */
int store_redemption_list(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                          reward_redemption **out, size_t *n);
/* confirmed -> cancelled (refund_id the reversing entry); WY_NOTFOUND when it is not
 * confirmed any more. */
int store_redemption_cancel(db *c, int64_t id, int64_t refund_id, int64_t now);
/* confirmed -> collected; WY_NOTFOUND when it is not confirmed any more. */
int store_redemption_collect(db *c, int64_t id, int64_t by, int64_t now);

/* session_id 0: an award to named people. WY_CONSTRAINT: the organisation has made an award
 * for that session already (rewards_awards_session). */
int store_reward_award_create(db *c, int64_t org_id, const char *division, int64_t amount,
                              const char *reason, int64_t session_id, int64_t by, int64_t now,
                              int64_t *id);
/* The registered volunteers (volunteers' table) whose booking of session_id is checked in (the
 * activities' bookings), by user id, at most max (the caller asks one more than it takes). */
int store_reward_session_attendees(db *c, arena *a, int64_t session_id, int max, int64_t **users,
                                   size_t *n);

/* ---- priority booking (core/priority.h) ---- */
/* Every activity a priority_booking item names, with the most hours of its items (any status:
 * a withdrawn item's holders keep their right), by activity id, at most max. */
int store_reward_priority_activities(db *c, arena *a, int max, int64_t **activities, int **hours,
                                     size_t *n);
/* The most hours of the priority_booking items of activity_id that user_id holds a confirmed
 * or collected redemption of (0: none). */
int store_reward_priority_hours(db *c, int64_t user_id, int64_t activity_id, int *hours);
int store_reward_award_people(db *c, int64_t id, int64_t people);

/* The entries of book where account is debit or credit, newest first, seq below before
 * (0: from the newest), at most limit; each entry's strings in a. */
int store_points_statement(db *c, arena *a, const char *book, const char *account, int64_t before,
                           int limit, ledger_entry **out, size_t *n);
/* Of account in book: *in the amounts credited to it by entries created before `before`,
 * *out all the amounts debited from it (FIFO expiry: docs/rewards.md). */
int store_points_fifo_sums(db *c, const char *book, const char *account, int64_t before,
                           int64_t *in, int64_t *out);
/* The amount of kind debited from account since `since` (ms): the gifts of a day. */
int store_points_debited_since(db *c, const char *book, const char *account, const char *kind,
                               int64_t since, int64_t *sum);

#endif
