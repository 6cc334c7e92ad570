/*
 * store: the persistence interface of wenyun, at the level of domain operations. Above it
 * nothing knows SQL or which database runs; below it nothing knows the rules (who may, how
 * many, in which order): those live in src/domain/.
 *
 * A store is a pool of connections. A request takes one (store_acquire), calls the
 * operations below with it, and gives it back. Operations return WY_OK or a wy_rc
 * (WY_NOTFOUND, WY_CONSTRAINT for duplicates, WY_RETRY for a transaction to run again).
 * Strings in results are copied into the caller's arena.
 */
#ifndef WY_STORE_H
#define WY_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

typedef struct store store;

int store_open(const char *url, int pool_size, int busy_timeout_ms, store **out, char *err,
               size_t errlen);
void store_close(store *s);
/* Add a pool of read-only connections to a streaming replica: store_acquire_read() then
 * lends those, for reads that may lag the primary by a moment (listings, pages, reports).
 * Anything that decides (capacity, permissions, a write) uses store_acquire(). */
int store_open_replica(store *s, const char *url, int pool_size, int busy_timeout_ms, char *err,
                       size_t errlen);
int store_has_replica(store *s);
db *store_acquire(store *s);
db *store_acquire_read(store *s); /* the replica's, or the primary's when there is none */
void store_release(store *s, db *d);
/* Apply migrations (logs each one applied). */
int store_migrate(store *s, char *err, size_t errlen);
typedef struct store_stats {
    int pool_size, pool_in_use;
    uint64_t acquires, waits, statements, errors, retries;
} store_stats;
void store_stats_get(store *s, store_stats *out);     /* the primary's pool */
void store_stats_replica(store *s, store_stats *out); /* zeros when there is no replica */

/* Transactions (thin wrappers over db, so that domain code reads as domain code). */
int store_begin(db *c, int write);
int store_commit(db *c);
void store_rollback(db *c);
/* A savepoint inside a transaction: one row of an import can fail without failing the
 * others (on PostgreSQL an error otherwise aborts the whole transaction). */
int store_savepoint(db *c);
int store_savepoint_release(db *c);
void store_savepoint_rollback(db *c);

/* ---- divisions ---- */
typedef struct division {
    const char *code; /* short form */
    const char *name;
    int level; /* 1 province, 2 city, 3 county, 4 town, 5 village */
    const char *parent;
} division;

typedef struct population {
    const char *code;
    const char *metric;
    int year;
    int64_t persons;
    const char *source_url;
} population;

int store_division_upsert(db *c, const division *d);
int store_division_get(db *c, arena *a, const char *code, division *out);
/* Children ordered by code; *out is an arena array. */
int store_division_children(db *c, arena *a, const char *code, division **out, size_t *n);
int64_t store_division_count(db *c, const char *prefix);
int store_population_upsert(db *c, const population *p);
int store_population_of(db *c, arena *a, const char *code, population **out, size_t *n);

typedef struct division_shape {
    const char *code;
    const char *geojson; /* a Polygon or MultiPolygon geometry, WGS84 */
} division_shape;
int store_shape_upsert(db *c, const char *code, const char *geojson, const char *source);
/* The shapes of code's children (or of code itself when it has none with a shape). */
int store_shapes_children(db *c, arena *a, const char *code, division_shape **out, size_t *n);

/* ---- accounts ---- */
typedef struct user {
    int64_t id;
    const char *phone;
    const char *name;
    const char *password_hash;
    const char *division; /* may be NULL */
    const char *status;
    int64_t created_at;
} user;

int store_user_create(db *c, const char *phone, const char *name, const char *pwhash,
                      const char *division, int64_t now, int64_t *id);
int store_user_by_phone(db *c, arena *a, const char *phone, user *out);
int store_user_by_id(db *c, arena *a, int64_t id, user *out);
int store_user_set_password(db *c, int64_t id, const char *pwhash, int64_t now);
int store_user_update(db *c, int64_t id, const char *name, const char *division, const char *status,
                      int64_t now);
/* Accounts whose division is inside prefix (NULL or "" for all; with_unplaced: and those
 * with no division), ordered by id, after cursor (an id); q matches name or phone. */
int store_user_list(db *c, arena *a, const char *prefix, int with_unplaced, const char *q,
                    int64_t after, int limit, user **out, size_t *n);

typedef struct role_grant {
    int64_t id;
    int64_t user_id;
    const char *role;
    const char *division;
} role_grant;

int store_role_grant(db *c, int64_t user_id, const char *role, const char *division,
                     int64_t granted_by, int64_t now, int64_t *id);
int store_role_revoke(db *c, int64_t grant_id);
int store_role_get(db *c, arena *a, int64_t grant_id, role_grant *out);
int store_roles_of(db *c, arena *a, int64_t user_id, role_grant **out, size_t *n);

/* ---- sessions ---- */
int store_session_create(db *c, const char *token_hash, int64_t user_id, int64_t now,
                         int64_t expires_at, const char *ip);
/* The user of a live session (expires_at > now); WY_NOTFOUND otherwise. */
int store_session_user(db *c, const char *token_hash, int64_t now, int64_t *user_id);
int store_session_delete(db *c, const char *token_hash);
/* Every session of a user except keep_hash (NULL: all). */
int store_session_delete_user(db *c, int64_t user_id, const char *keep_hash);
int store_session_purge(db *c, int64_t now);

/* ---- private calendar feeds: one per account, its token stored as a hash ---- */
int store_calendar_feed_get(db *c, int64_t user_id, int64_t *created_at);
/* Create or replace the account's feed token (the old one stops working). */
int store_calendar_feed_set(db *c, int64_t user_id, const char *token_hash, int64_t now);
/* The account of a feed token hash (an active account); WY_NOTFOUND otherwise. */
int store_calendar_feed_user(db *c, const char *token_hash, int64_t *user_id);

/* ---- login throttling ---- */
int store_login_failure_add(db *c, const char *key, int64_t now);
/* Failures of key since since; the time of the latest in *last (0 when none). */
int store_login_failures(db *c, const char *key, int64_t since, int *count, int64_t *last);
int store_login_failures_clear(db *c, const char *key);
/* Forget failures older than before (of every key). */
int store_login_failures_purge(db *c, int64_t before);

/* ---- review ---- */
typedef struct review_item {
    int64_t id;
    const char *content_type;
    int64_t content_id;
    const char *division;
    const char *title;
    const char *status;
    int level;
    const char *levels; /* "county,city" */
    int64_t submitted_by;
    int64_t updated_at;
} review_item;

/* The chain for content_type at division: the row of the longest division prefix. */
int store_review_chain(db *c, arena *a, const char *content_type, const char *division,
                       const char **levels);
int store_review_chain_set(db *c, const char *content_type, const char *division,
                           const char *levels);
int store_review_item_get(db *c, arena *a, int64_t id, review_item *out);
int store_review_item_by_content(db *c, arena *a, const char *content_type, int64_t content_id,
                                 review_item *out);
int store_review_item_create(db *c, const review_item *it, int64_t now, int64_t *id);
/* NULL levels or title, or 0 submitted_by, keep what is there. */
int store_review_item_update(db *c, int64_t id, const char *status, int level, const char *levels,
                             const char *title, int64_t submitted_by, int64_t now);
/* Items with status inside division prefix, newest first, before cursor (an id; 0: none). */
int store_review_item_list(db *c, arena *a, const char *status, const char *prefix, int64_t before,
                           int limit, review_item **out, size_t *n);

/* ---- audit ---- */
typedef struct audit_entry {
    int64_t id;
    int64_t at;
    int64_t actor;
    const char *action;
    const char *object_type;
    const char *object_id;
    const char *division;
    const char *from_state;
    const char *to_state;
    const char *reason;
} audit_entry;

int store_audit_add(db *c, const audit_entry *e);
int store_audit_list(db *c, arena *a, const char *object_type, const char *object_id,
                     const char *prefix, int64_t before, int limit, audit_entry **out, size_t *n);

/* ---- notices (通知公告) ---- */
typedef struct notice {
    int64_t id;
    const char *division;
    const char *title;
    const char *body;
    int64_t author;
    const char *status;
    int64_t created_at;
    int64_t published_at;
} notice;

int store_notice_create(db *c, const notice *n, int64_t now, int64_t *id);
int store_notice_get(db *c, arena *a, int64_t id, notice *out);
int store_notice_set_status(db *c, int64_t id, const char *status, int64_t now);
int store_notice_update(db *c, int64_t id, const char *title, const char *body, int64_t now);
/* Published notices inside prefix, newest first. */
int store_notice_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                      int limit, notice **out, size_t *n);

/* ---- venues (文化阵地) ---- */
typedef struct venue {
    int64_t id;
    const char *external_id; /* NULL when none */
    const char *name;
    const char *category;
    const char *division;
    const char *address;
    double lon, lat;   /* NAN when unknown */
    double area_m2;    /* NAN when unknown */
    int64_t branch_of; /* 0 when none */
    const char *grade; /* NULL, "special", "1", "2", "3" */
    int grade_year;    /* 0 when none */
    const char *awards;
    const char *contact;
    const char *photos; /* a JSON array of URLs, or NULL */
    const char *status;
    int64_t created_at, updated_at;
} venue;

typedef struct venue_hours {
    int weekday; /* 1 Monday .. 7 Sunday */
    int opens;   /* minutes after midnight */
    int closes;
    int extended; /* off-peak / extended hours (错时延时开放) */
} venue_hours;

typedef struct venue_closure {
    const char *day; /* YYYY-MM-DD */
    int opens;       /* -1 with closes -1: closed all day; else special hours */
    int closes;
    const char *note;
} venue_closure;

typedef struct venue_filter {
    const char *prefix;   /* division subtree, or NULL */
    const char *category; /* or NULL */
    const char *q;        /* name contains, or NULL */
    int has_bbox;         /* with min/max lon/lat */
    double min_lon, min_lat, max_lon, max_lat;
    int64_t after; /* cursor: ids after this */
    int limit;
} venue_filter;

int store_venue_create(db *c, const venue *v, int64_t now, int64_t *id);
int store_venue_update(db *c, const venue *v, int64_t now);
int store_venue_get(db *c, arena *a, int64_t id, venue *out);
int store_venue_by_external(db *c, arena *a, const char *external_id, venue *out);
int store_venue_list(db *c, arena *a, const venue_filter *f, venue **out, size_t *n);
int store_venue_hours(db *c, arena *a, int64_t id, venue_hours **out, size_t *n);
int store_venue_set_hours(db *c, int64_t id, const venue_hours *h, size_t n);
int store_venue_closures(db *c, arena *a, int64_t id, const char *from_day, venue_closure **out,
                         size_t *n);
int store_venue_set_closures(db *c, int64_t id, const venue_closure *cl, size_t n);

/* ---- activities, sessions, bookings ---- */
typedef struct activity {
    int64_t id;
    const char *title, *category, *organiser;
    int64_t venue_id; /* 0: none */
    const char *division, *address;
    double lon, lat; /* NAN when unknown */
    const char *description, *audience, *live_url, *replay_url;
    int waitlist, max_companions;
    const char *status;
    int64_t created_by, created_at, updated_at;
} activity;

typedef struct activity_session {
    int64_t id, activity_id;
    int64_t starts_at, ends_at;
    int capacity;
    int64_t booking_opens_at, booking_closes_at, cancel_deadline; /* 0: none */
    const char *status;
    int confirmed_seats;
} activity_session;

int store_activity_create(db *c, const activity *a, int64_t now, int64_t *id);
int store_activity_get(db *c, arena *ar, int64_t id, activity *out);
int store_activity_update(db *c, const activity *a, int64_t now);
int store_activity_set_status(db *c, int64_t id, const char *status, int64_t now);
typedef struct activity_filter {
    const char *prefix, *category, *q, *status;
    int64_t from, to; /* sessions starting in [from, to); 0: open */
    int64_t venue_id;
    int has_free_seats;
    int has_bbox; /* the activity's place (or its venue's) inside min/max lon/lat */
    double min_lon, min_lat, max_lon, max_lat;
    int64_t soon_from; /* "soonest session" counts sessions from this time (and before to) */
    /* the cursor: without q, ids after after; with q, (title rank, soonest, id) after
     * (after_rank, after_next, after) */
    int64_t after, after_rank, after_next;
    int limit;
} activity_filter;
typedef struct activity_hit {
    activity a;         /* lon/lat: the activity's, else its venue's */
    int title_rank;     /* with q: 0 when the title holds q, else 1 */
    int64_t next_start; /* the soonest scheduled session (see soon_from); INT64 far future */
} activity_hit;
#define ACTIVITY_NO_SESSION INT64_C(9000000000000000000)
/* Activities matching f. q is a substring of the title, organiser, description, address or
 * venue (name, address), case-insensitive; with q, ordered by the title matching first,
 * then the soonest session; without q, by id. */
int store_activity_list(db *c, arena *ar, const activity_filter *f, activity_hit **out, size_t *n);
/* The query plan of that search (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). */
int store_activity_search_plan(db *c, arena *ar, const activity_filter *f, const char **plan);
int store_activity_session_create(db *c, const activity_session *s, int64_t *id);
int store_activity_session_get(db *c, arena *ar, int64_t id, activity_session *out);
int store_activity_sessions(db *c, arena *ar, int64_t activity_id, activity_session **out,
                            size_t *n);

enum booking_outcome {
    BOOK_CONFIRMED = 1,
    BOOK_WAITLISTED,
    BOOK_FULL,
    BOOK_DUPLICATE,
    BOOK_OVER_LIMIT, /* the person's daily limit of seats would be passed */
    BOOK_KEY_REUSED  /* the Idempotency-Key was used for another session */
};

typedef struct booking_req {
    int64_t session_id, user_id;
    int seats;              /* 1 + companions */
    const char *companions; /* JSON array of names, or NULL */
    const char *code;       /* the check-in code, made by the caller */
    const char *idem_key;   /* Idempotency-Key, or NULL */
    int waitlist_ok;
    int64_t now;
    int max_seats_today; /* 0: no limit; else seats booked since day_start, these included */
    int64_t day_start;
} booking_req;

typedef struct booking_res {
    int rc;      /* WY_OK, or the store error of this request */
    int outcome; /* enum booking_outcome */
    int64_t id;
    int64_t position; /* waitlist position */
    char code[48];    /* the code of the booking (an earlier one, on an idempotent replay) */
    char status[16];  /* on a replay: the booking's status now (it may have been cancelled) */
    int replay;       /* answered from an earlier request with the same Idempotency-Key */
} booking_res;

/* Book these requests, in order, in one transaction (one durable commit): each is confirmed
 * while its session has seats, else waitlisted when allowed, else full; a person's second
 * live booking of a session is a duplicate. The capacity is enforced by the statement that
 * takes the seats, so no interleaving of writers can pass it. */
int store_booking_batch(db *c, const booking_req *r, size_t n, booking_res *out);

typedef struct booking {
    int64_t id, session_id, user_id;
    const char *status;
    int seats;
    const char *companions, *code;
    int64_t position, created_at;
} booking;

int store_booking_get(db *c, arena *ar, int64_t id, booking *out);
int store_booking_by_code(db *c, arena *ar, const char *code, booking *out);
int store_bookings_of_user(db *c, arena *ar, int64_t user_id, booking **out, size_t *n);
int store_bookings_of_session(db *c, arena *ar, int64_t session_id, booking **out, size_t *n);
/* Cancel (inside the caller's transaction): frees the seats and promotes the waitlist in
 * order while seats allow; the promoted bookings' ids go to promoted (up to max). */
int store_booking_cancel(db *c, int64_t id, int64_t now, int64_t *promoted, size_t max,
                         size_t *npromoted);
/* A person's live bookings (confirmed, waitlisted, checked in) of sessions ending at or after
 * from, soonest first, with what a calendar shows of them (no check-in code). */
typedef struct booking_feed_item {
    int64_t booking_id;
    const char *status;
    int seats;
    int64_t position, updated_at;
    int64_t session_id, starts_at, ends_at;
    const char *session_status;
    int64_t activity_id;
    const char *title, *category, *address, *venue_name;
} booking_feed_item;
int store_booking_feed(db *c, arena *ar, int64_t user_id, int64_t from, booking_feed_item **out,
                       size_t *n);
/* Check a confirmed booking in; WY_NOTFOUND when it is not confirmed (any more). */
int store_booking_checkin(db *c, int64_t id, int64_t now);

#endif
