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

#include "db/db.h"
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
/* The smallest and largest division code of the published activities (NULL both: none). */
int store_published_division_span(db *c, arena *a, const char **lo, const char **hi);
/* The divisions with these codes (any order; unknown codes are left out). */
int store_divisions_of(db *c, arena *a, const char *const *codes, size_t n, division **out,
                       size_t *nout);
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
typedef struct account {
    int64_t id;
    const char *phone;
    const char *name;
    const char *password_hash;
    const char *division; /* may be NULL */
    const char *status;
    int64_t created_at;
    int64_t activated_at; /* when the number was proved (or an operator made it); 0: pending */
} account;

/* A usable account (activated now). */
int store_user_create(db *c, const char *phone, const char *name, const char *pwhash,
                      const char *division, int64_t now, int64_t *id);
/* An account that waits for its number to be proved: no password, not activated. */
int store_user_create_pending(db *c, const char *phone, const char *name, const char *division,
                              int64_t now, int64_t *id);
/* Set the password and activate the account if it was pending. */
int store_user_reset_password(db *c, int64_t id, const char *pwhash, int64_t now);
int store_user_by_phone(db *c, arena *a, const char *phone, account *out);
int store_user_by_id(db *c, arena *a, int64_t id, account *out);
int store_user_set_password(db *c, int64_t id, const char *pwhash, int64_t now);
/* Accounts whose division is inside prefix (NULL or "" for all; with_unplaced: and those
 * with no division), ordered by id, after cursor (an id); q matches name or phone. */
int store_user_list(db *c, arena *a, const char *prefix, int with_unplaced, const char *q,
                    int64_t after, int limit, account **out, size_t *n);

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
int store_login_create(db *c, const char *token_hash, int64_t user_id, int64_t now,
                       int64_t expires_at, const char *ip);
/* The user of a live session (expires_at > now) and when it expires; WY_NOTFOUND otherwise. */
int store_login_user(db *c, const char *token_hash, int64_t now, int64_t *user_id,
                     int64_t *expires_at);
int store_login_delete(db *c, const char *token_hash);
/* Every session of a user except keep_hash (NULL: all). */
int store_login_delete_user(db *c, int64_t user_id, const char *keep_hash);
int store_login_purge(db *c, int64_t now);

/* ---- private calendar feeds: one per account, its token stored as a hash ---- */
int store_calendar_feed_get(db *c, int64_t user_id, int64_t *created_at);
/* Create or replace the account's feed token (the old one stops working). */
int store_calendar_feed_set(db *c, int64_t user_id, const char *token_hash, int64_t now);
/* The account of a feed token hash (an active account); WY_NOTFOUND otherwise. */
int store_calendar_feed_user(db *c, const char *token_hash, int64_t *user_id);

/* ---- one-time codes sent by SMS: one live code per number and purpose ---- */
typedef struct phone_code {
    const char *code_hash;
    int tries; /* spent, this one included */
    /* a registration's account, waiting on the code (NULL for a reset) */
    const char *name, *password_hash, *division;
} phone_code;

/* Put the live code of (phone, purpose), replacing any earlier one. */
int store_phone_code_put(db *c, const char *phone, const char *purpose, const char *code_hash,
                         int64_t now, int64_t expires_at, const char *name, const char *pwhash,
                         const char *division);
/* Spend a try on the live code of (phone, purpose) and read it, in one statement, so that
 * parallel tries cannot spend more than max_tries. WY_NOTFOUND when there is no code to try:
 * none was sent, it has expired or been used, or its tries are spent. */
int store_phone_code_try(db *c, arena *a, const char *phone, const char *purpose, int64_t now,
                         int max_tries, phone_code *out);
/* Use the live code with this hash (it is removed); WY_NOTFOUND when it has gone. */
int store_phone_code_take(db *c, const char *phone, const char *purpose, const char *code_hash,
                          int64_t now);
int store_phone_codes_purge(db *c, int64_t now);

/* ---- rate counters: windows that start at their first event ---- */
/* Count one event of key at now in its window of window_ms (a window that began window_ms or
 * more ago is over: a new one begins now) and read the count, this event included, and when
 * the window began, in one statement. */
int store_rate_hit(db *c, const char *key, int64_t now, int64_t window_ms, int64_t *count,
                   int64_t *window_start);
/* Forget windows that started before before. */
int store_rate_purge(db *c, int64_t before);

/* ---- login throttling: one row per key (a phone or an address) ---- */
typedef struct login_throttle {
    int failures;    /* tries counted (each is a failure until it succeeds) */
    int64_t last_at; /* the last counted try */
    int64_t next_at; /* no try is checked before this */
    int refusals;    /* tries refused since the last counted one */
} login_throttle;

/* The row of key, locked until the transaction ends (an empty one when key has none). */
int store_login_throttle_lock(db *c, const char *key, login_throttle *out);
int store_login_throttle_set(db *c, const char *key, const login_throttle *t);
int store_login_throttle_clear(db *c, const char *key);
/* Count one try of key less (it succeeded). */
int store_login_throttle_forgive(db *c, const char *key);
/* Forget keys with no counted try since before and no wait beyond it. */
int store_login_throttle_purge(db *c, int64_t before);

/* ---- member imports: queued jobs of kind account_import, and the verdict on each row ---- */
typedef struct import_line {
    int line;
    int ok;
    const char *phone; /* masked */
    const char *reason;
} import_line;

/* An import as its owner sees it (read from its job). */
typedef struct account_import_job {
    int64_t id;
    int64_t created_by;
    int dry_run;
    const char *status; /* queued, running, done, failed */
    int64_t rows_total, rows_done, accepted, rejected;
    const char *error;
    int64_t created_at, finished_at;
} account_import_job;

int store_import_line_add(db *c, int64_t job_id, const import_line *l);
/* Lines of the job after line after, in order. */
int store_import_lines(db *c, arena *a, int64_t job_id, int64_t after, int limit, import_line **out,
                       size_t *n);

/* ---- review ---- */
typedef struct review_item {
    int64_t id;
    const char *content_type;
    int64_t content_id;
    const char *division;
    const char *title;
    const char *status;
    int level;
    const char *levels;   /* "county,city" */
    int64_t submitted_by; /* the latest submission's */
    int64_t updated_at;
    int own; /* the account it was read for (viewer) wrote, changed or submitted it */
} review_item;

/* The chain for content_type at division: the row of the longest division prefix. */
int store_review_chain(db *c, arena *a, const char *content_type, const char *division,
                       const char **levels);
int store_review_chain_set(db *c, const char *content_type, const char *division,
                           const char *levels);
/* An item, read for viewer (an account id, or 0), which sets its own. */
int store_review_item_get(db *c, arena *a, int64_t id, int64_t viewer, review_item *out);
/* The item of a piece of content (own is 0). */
int store_review_item_by_content(db *c, arena *a, const char *content_type, int64_t content_id,
                                 review_item *out);
int store_review_item_create(db *c, const review_item *it, int64_t now, int64_t *id);
/* NULL levels or title, or 0 submitted_by, keep what is there. */
int store_review_item_update(db *c, int64_t id, const char *status, int level, const char *levels,
                             const char *title, int64_t submitted_by, int64_t now);
/* Items with status inside division prefix, newest first, before cursor (an id; 0: none),
 * read for viewer as store_review_item_get does. */
int store_review_item_list(db *c, arena *a, const char *status, const char *prefix, int64_t before,
                           int limit, int64_t viewer, review_item **out, size_t *n);
/* Record that account wrote, changed or submitted a piece of content (once; again is a no-op). */
int store_review_author_add(db *c, const char *content_type, int64_t content_id, int64_t user_id);

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
/* What to read of the audit log: NULL or empty fields do not filter. */
typedef struct audit_query {
    const char *object_type, *object_id;
    const char *prefix; /* the division subtree ("" or NULL: every entry, with or without one) */
    int with_unplaced;  /* with a prefix: the entries without a division as well */
    int64_t before;     /* cursor: ids before this (0: none) */
    int limit;
} audit_query;
int store_audit_query(db *c, arena *a, const audit_query *q, audit_entry **out, size_t *n);
/* The same, without the entries that have no division when a prefix is given. */
int store_audit_list(db *c, arena *a, const char *object_type, const char *object_id,
                     const char *prefix, int64_t before, int limit, audit_entry **out, size_t *n);

/* ---- activity posters (海报) ---- */
typedef struct activity_poster {
    int64_t activity_id;
    const char *content_type; /* image/jpeg, image/png or image/webp */
    const char *data;         /* the image as base64; NULL when only the facts were read */
    int64_t bytes;            /* the decoded length */
    const char *etag;         /* hex hash of the decoded bytes */
    int64_t updated_by, updated_at;
} activity_poster;

/* The poster of an activity with its data, or (store_poster_meta) without. */
int store_poster_get(db *c, arena *ar, int64_t activity_id, activity_poster *out);
int store_poster_meta(db *c, arena *ar, int64_t activity_id, activity_poster *out);
/* Set (insert or replace) the poster of p->activity_id. */
int store_poster_put(db *c, const activity_poster *p, int64_t now);
/* WY_NOTFOUND when the activity has none. */
int store_poster_delete(db *c, int64_t activity_id);

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
/* What changes when a venue inside f's box is added or changed (its count, the latest
 * updated_at, the highest id): the circle analysis' cache compares it. */
int store_venue_fingerprint(db *c, const venue_filter *f, int64_t *count, int64_t *max_updated,
                            int64_t *max_id);
/* Open venues of a subtree (NULL: all) created before a time. */
int store_venue_count(db *c, arena *a, const char *prefix, int64_t before, int64_t *count);
/* The venues store_venue_count counts, by id: those after id after, at most limit. */
int store_venue_counted(db *c, arena *a, const char *prefix, int64_t before, int64_t after,
                        int limit, venue **out, size_t *n);
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

/* A pending change of a published activity's public text and links, waiting for review
 * (sql/0012). fields: which of the four it sets (the AF_* bits of src/domain/activity.h). */
typedef struct activity_revision {
    int64_t id, activity_id;
    unsigned fields;
    const char *description, *audience, *live_url, *replay_url;
    const char *status; /* pending, approved, rejected, obsolete */
    int64_t created_by, created_at, decided_at;
} activity_revision;

int store_activity_revision_create(db *c, const activity_revision *r, int64_t now, int64_t *id);
int store_activity_revision_get(db *c, arena *a, int64_t id, activity_revision *out);
/* The pending revision of an activity, or WY_NOTFOUND. */
int store_activity_revision_pending(db *c, arena *a, int64_t activity_id, activity_revision *out);
/* Move a revision from one status to another (WY_NOTFOUND when it is not in from). */
int store_activity_revision_set_status(db *c, int64_t id, const char *from, const char *to,
                                       int64_t now);

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
    int by_soonest; /* without q too: ordered by the soonest session, then id (cursor as with q) */
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
/* The coming sessions of these activities (those not ended at from), the first per of each,
 * by activity then start; totals[i] (parallel to out) is how many sessions of out[i]'s
 * activity are coming in all. */
int store_activity_sessions_many(db *c, arena *ar, const int64_t *ids, size_t n, int64_t from,
                                 int per, activity_session **out, int **totals, size_t *nout);
/* A page of an activity's sessions starting in [from, to), by start then id, after the key
 * (after_start, after_id). */
int store_activity_sessions_page(db *c, arena *ar, int64_t activity_id, int64_t from, int64_t to,
                                 int64_t after_start, int64_t after_id, int limit,
                                 activity_session **out, size_t *n);
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
 * live booking of a session is a duplicate (the unique index bookings_one_per_person), a
 * request that would pass its max_seats_today is over the limit. The store enforces the
 * capacity with its guarded update: the seats are taken by one
 * `UPDATE activity_sessions SET confirmed_seats = confirmed_seats + n WHERE id = ? AND
 * status = 'scheduled' AND confirmed_seats + n <= capacity` (and nobody waits before them),
 * so no interleaving of writers, processes or app servers can pass it; nothing above the
 * store has to check it for the answer to be right. A request that fails is rolled
 * back to its savepoint and the rest stand; when that rollback itself fails, the whole batch
 * is rolled back and its code returned. */
int store_booking_batch(db *c, const booking_req *r, size_t n, booking_res *out);

typedef struct booking {
    int64_t id, session_id, user_id;
    const char *status;
    int seats;
    const char *companions, *code;
    int64_t position, created_at;
    int64_t checked_in_at, excused_at; /* 0: not (yet) */
} booking;

int store_booking_get(db *c, arena *ar, int64_t id, booking *out);
/* Has user_id a booking of session_id made with this Idempotency-Key? */
int store_booking_idem_seen(db *c, int64_t user_id, const char *idem_key, int64_t session_id,
                            int *seen);
/* Has user_id a live booking (confirmed, waitlisted, checked in) of session_id? */
int store_booking_live(db *c, int64_t session_id, int64_t user_id, int *live);
/* Seats user_id has booked (not cancelled) since since: the count the daily limit is checked
 * on, both early (booking_prepare) and in the writer's transaction (store_booking_batch). */
int store_booking_seats_since(db *c, int64_t user_id, int64_t since, int64_t *seats);
int store_booking_by_code(db *c, arena *ar, const char *code, booking *out);
/* A person's bookings with their sessions and activities (one query): those whose session has
 * not ended at now first, soonest first, then the past ones, latest first. The order is the
 * key (past, when, id); a page starts after *after (NULL: from the start). */
typedef struct my_booking_key {
    int past;     /* 0: the session has not ended (at the time of the query), 1: it has */
    int64_t when; /* starts_at, or -starts_at for the past */
    int64_t id;
} my_booking_key;
typedef struct my_booking {
    booking b;
    int64_t starts_at, ends_at;
    const char *session_status;
    int64_t activity_id, venue_id;
    const char *title, *category;
    my_booking_key key;
} my_booking;
int store_bookings_of_user(db *c, arena *ar, int64_t user_id, int64_t now,
                           const my_booking_key *after, int limit, my_booking **out, size_t *n);
int store_bookings_of_session(db *c, arena *ar, int64_t session_id, booking **out, size_t *n);
/* Cancel (inside the caller's transaction): frees the seats and promotes the waitlist in
 * order while seats allow; the promoted bookings' ids go to promoted (up to max).
 * WY_NOTFOUND when the booking is not confirmed or waitlisted, or its session has started
 * (starts_at <= now). */
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

/* ---- timed entry (参观预约): a venue's daily entry slots, as sessions of one activity ---- */
typedef struct timed_entry {
    int64_t venue_id, activity_id;
    const char *slots; /* JSON [["09:00","10:30"], ...], local time */
    int capacity, days_ahead;
    int opens_at_minute; /* booking for day D opens at D - days_ahead, this minute */
    int max_companions, enabled;
    const char *generated_for; /* local day of the last generation, or NULL */
    int64_t created_at, updated_at;
} timed_entry;

int store_timed_entry_get(db *c, arena *ar, int64_t venue_id, timed_entry *out);
/* Insert or replace the configuration of t->venue_id (generated_for is cleared). */
int store_timed_entry_put(db *c, const timed_entry *t, int64_t now);
/* The venue ids with timed entry enabled, in id order. */
int store_timed_entry_enabled(db *c, arena *ar, int64_t **ids, size_t *n);
/* Claim the generation of day for the venue: WY_OK when this caller should generate (the
 * row now says day), WY_NOTFOUND when it has been done for day already (unless force) or
 * there is no row. As the first write of a generation it takes the row's lock, so two
 * generations of one venue serialise on every backend. */
int store_timed_entry_claim(db *c, int64_t venue_id, const char *day, int force);
/* Forget the last generation (the venue's hours changed): the next chance regenerates. */
int store_timed_entry_invalidate(db *c, int64_t venue_id);
/* Sessions of an activity starting in [from, to), in time order. */
int store_activity_sessions_between(db *c, arena *ar, int64_t activity_id, int64_t from, int64_t to,
                                    activity_session **out, size_t *n);
/* The sessions of an activity starting at or after from, in time order, each with its
 * bookings counted (one grouped query): live (confirmed, waitlisted, checked in) and all. */
typedef struct session_booked {
    activity_session s;
    int live, all;
} session_booked;
int store_sessions_booked_from(db *c, arena *ar, int64_t activity_id, int64_t from,
                               session_booked **out, size_t *n);
/* Change the times, capacity and windows of a session nobody holds seats of, and make it
 * scheduled again; WY_NOTFOUND when seats are held. */
int store_session_reset(db *c, const activity_session *s);
/* Remove a session nobody holds: deleted when it never had a booking, else marked
 * cancelled. WY_NOTFOUND, and nothing changed, when it holds seats or a live booking (booked
 * since the caller looked). */
int store_session_remove(db *c, int64_t id);
/* ---- spaces (场地) and their bookings ---- */
typedef struct space {
    int64_t id;
    int64_t venue_id; /* 0: none (a street station standing alone) */
    const char *division;
    const char *kind; /* "room" or "street_station" */
    const char *name, *address;
    double lon, lat; /* NAN when unknown */
    int capacity;    /* 0: not stated */
    const char *equipment, *description;
    const char *status; /* "active" or "closed" */
    int opens, closes;  /* bookable hours each day, minutes after local midnight */
    int max_minutes;    /* the longest booking */
    int64_t created_at, updated_at;
} space;

typedef struct space_filter {
    const char *prefix; /* division subtree, or NULL */
    const char *kind;   /* or NULL */
    int64_t venue_id;   /* 0: any */
    int64_t after;      /* cursor: ids after this */
    int limit;
} space_filter;

int store_space_create(db *c, const space *s, int64_t now, int64_t *id);
int store_space_update(db *c, const space *s, int64_t now);
int store_space_get(db *c, arena *a, int64_t id, space *out);
int store_space_list(db *c, arena *a, const space_filter *f, space **out, size_t *n);
/* The same list with each space's division name and venue name (NULL: none), joined. */
typedef struct space_named {
    space s;
    const char *division_name, *venue_name;
} space_named;
int store_space_list_named(db *c, arena *a, const space_filter *f, space_named **out, size_t *n);
/* Bump the space's version: the write lock on its row, held to the end of the transaction,
 * which every approval of a booking of this space takes first. WY_NOTFOUND when none. */
int store_space_lock(db *c, int64_t id);

typedef struct space_booking {
    int64_t id, space_id, user_id;
    const char *group_name, *contact;
    const char *title, *content; /* the programme report (节目报备) */
    int performers, audience;
    int64_t starts_at, ends_at;
    const char *status;
    int64_t series_id; /* 0: a single booking */
    int64_t decided_by, decided_at;
    const char *reason;
    int64_t created_at;
} space_booking;

int store_space_booking_create(db *c, const space_booking *b, int64_t now, int64_t *id);
int store_space_booking_set_series(db *c, int64_t id, int64_t series_id);
int store_space_booking_get(db *c, arena *a, int64_t id, space_booking *out);
/* The occurrences of a series, in time order. */
int store_space_booking_series(db *c, arena *a, int64_t series_id, space_booking **out, size_t *n);
/* An approved booking of space_id that overlaps [starts, ends) other than exclude: WY_OK with
 * it in *out, WY_NOTFOUND when there is none. Touching intervals do not overlap. */
int store_space_booking_overlap(db *c, arena *a, int64_t space_id, int64_t starts, int64_t ends,
                                int64_t exclude, space_booking *out);
/* Move a booking from status from to status to; WY_NOTFOUND when it is not in from (any
 * more). decided_by 0 leaves the decision columns as they are. */
int store_space_booking_set_status(db *c, int64_t id, const char *from, const char *to,
                                   int64_t decided_by, const char *reason, int64_t now);
/* A row of a list of space bookings, from one statement with joins: the booking; its space
 * (id, name, division, venue_id, kind only); the applicant's account; and, in staff
 * lists, the first approved booking a pending one overlaps (conflict.id 0: none; its id,
 * times and group_name only). */
typedef struct space_booking_row {
    space_booking b;
    space s;
    account applicant; /* no password hash */
    space_booking conflict;
} space_booking_row;

/* A person's space bookings, newest request first, before cursor (an id; 0: none). */
int store_space_bookings_of_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                                 space_booking_row **out, size_t *n);
/* Bookings with status (NULL: any) of the spaces inside prefix (and of space_id when not 0),
 * after cursor, with the conflicts of the pending ones. */
int store_space_bookings_list(db *c, arena *a, const char *status, const char *prefix,
                              int64_t space_id, int64_t after, int limit, space_booking_row **out,
                              size_t *n);
/* Tell user_id of a decision on their space booking (kind space_booking.*): an inbox row with
 * params (a JSON object's text) and an outbox row for the webhooks of division, inside the
 * caller's transaction. */
int store_space_notify(db *c, const char *kind, int64_t user_id, const char *division,
                       const char *params, int64_t now, int64_t *id);
/* Approved bookings of space_id that overlap [from, to), in time order. */
int store_space_schedule(db *c, arena *a, int64_t space_id, int64_t from, int64_t to,
                         space_booking **out, size_t *n);
/* ---- attendance: no-shows and the attendance list (store_attendance.c) ---- */
/* Mark 'no_show' every confirmed booking of a scheduled session that ended in (since, now]
 * (of session_id only, unless 0), one UPDATE in the caller's transaction; how many in *n.
 * Running it again changes nothing. */
int store_booking_sweep_no_shows(db *c, int64_t session_id, int64_t since, int64_t now, int64_t *n);
/* The end times of a person's no-shows that are not excused: bookings 'no_show', or still
 * 'confirmed' of a session that has ended (whether or not the sweep has run), of scheduled
 * sessions that ended in (since, now]; oldest first, an arena array. */
int store_no_show_ends(db *c, arena *ar, int64_t user_id, int64_t since, int64_t now, int64_t **out,
                       size_t *n);
/* Excuse a no-show (status 'no_show', not excused yet); WY_NOTFOUND otherwise. */
int store_booking_excuse(db *c, int64_t id, int64_t by, int64_t now);

/* The figures of a session at now: a booking still confirmed after its scheduled session has
 * ended counts as a no-show, whether or not the sweep has marked it. */
typedef struct session_counts {
    int confirmed;  /* seats confirmed (of a session not ended) */
    int waitlisted; /* bookings on the waiting list */
    int checked_in; /* seats checked in */
    int no_shows;   /* no-show bookings, not excused */
    int excused;    /* no-show bookings excused */
    int cancelled;  /* bookings cancelled */
} session_counts;
int store_session_counts(db *c, int64_t session_id, int64_t now, session_counts *out);
/* The same for n sessions in one grouped query: out[i] for ids[i]. */
int store_session_counts_many(db *c, const int64_t *ids, size_t n, int64_t now,
                              session_counts *out);

typedef struct attendance_row {
    booking b;
    const char *name, *phone; /* the booker's */
    const char *user_division, *user_status;
    int64_t user_created_at;
} attendance_row;
/* The bookings of a session with their bookers, in booking order (ids after after; limit 0:
 * all); the status as at now (a confirmed booking of an ended session where check-in took
 * place: 'no_show'); without the check-in codes (b.code is NULL): these lists are for staff. */
int store_attendance_of_session(db *c, arena *ar, int64_t session_id, int64_t now, int64_t after,
                                int limit, attendance_row **out, size_t *n);

/* ---- ratings (store_attendance.c) ---- */
typedef struct rating {
    int64_t id, activity_id, user_id;
    int score;
    const char *comment, *status, *reason;                  /* reason: NULL when none */
    int64_t created_at, updated_at, decided_by, decided_at; /* 0: not decided */
    const char *user_name, *activity_title, *division;      /* joined */
} rating;

typedef struct rating_filter {
    const char *status;  /* or NULL */
    const char *prefix;  /* the activity's division subtree, or NULL */
    int64_t activity_id; /* 0: any */
    int64_t before;      /* cursor: ids before this (0: none) */
    int limit;
} rating_filter;

/* Does user hold a checked-in booking for a session of activity that ended at or before
 * now (*ended), or for one that has not ended yet (*upcoming)? */
int store_rating_attended(db *c, int64_t activity_id, int64_t user_id, int64_t now, int *ended,
                          int *upcoming);
/* A person's rating of an activity: a new row, or the old one replaced and pending again
 * (*replaced). */
int store_rating_put(db *c, int64_t activity_id, int64_t user_id, int score, const char *comment,
                     int64_t now, int64_t *id, int *replaced);
int store_rating_get(db *c, arena *ar, int64_t id, rating *out);
/* Decide a pending rating; WY_NOTFOUND when it is not pending. */
int store_rating_decide(db *c, int64_t id, const char *status, const char *reason, int64_t by,
                        int64_t now);
/* Newest first. */
int store_rating_list(db *c, arena *ar, const rating_filter *f, rating **out, size_t *n);
/* The approved ratings' sum of scores and count: of an activity, or of a venue's activities. */
int store_rating_sum_activity(db *c, int64_t activity_id, int64_t *sum, int64_t *count);
int store_rating_sum_venue(db *c, int64_t venue_id, int64_t *sum, int64_t *count);
/* The approved ratings' sums and counts of n activities in one grouped query. */
int store_rating_sums_many(db *c, const int64_t *ids, size_t n, int64_t *sums, int64_t *counts);
/* ---- notifications (the in-app inbox), the outbox, webhooks ---- */
/* Event kinds: booking.confirmed, booking.promoted, session.reminder, session.cancelled,
 * session.changed. */
/* What a notification says of its session, read once for many (the booking writer's batch). */
typedef struct notify_about {
    int64_t session_id, activity_id, starts_at, ends_at; /* session_id 0: not read yet */
    char title[512], division[16];
} notify_about;

typedef struct notify_event {
    const char *kind;
    int64_t user_id, booking_id, session_id; /* booking_id 0: none */
    const char *params;                      /* a JSON object's text, or NULL */
    const notify_about *about; /* the session's facts when the caller has them; NULL: read */
} notify_event;

/* Read the facts of session_id into ab (WY_NOTFOUND when there is no such session). */
int store_notify_about(db *c, int64_t session_id, notify_about *ab);

/* Write the notification for user_id and its outbox row (the webhook body), inside the
 * caller's transaction. A notification that may not repeat (all kinds but session.changed:
 * one per booking) and exists already writes nothing; *id is its id, or 0 then. */
int store_notify(db *c, const notify_event *e, int64_t now, int64_t *id);

typedef struct notification {
    int64_t id, user_id, booking_id, session_id, activity_id;
    const char *kind, *params;
    const char *activity_title;  /* now; NULL when the activity is gone */
    int64_t starts_at;           /* the session's start now */
    int64_t created_at, read_at; /* read_at 0: unread */
} notification;

/* A person's notifications, newest first, before cursor (an id; 0: none). */
int store_notifications_of(db *c, arena *ar, int64_t user_id, int64_t before, int limit,
                           notification **out, size_t *n);
int store_notifications_unread(db *c, int64_t user_id, int64_t *count);
/* Mark one (id) or all (id 0) of a person's unread notifications read. */
int store_notification_mark_read(db *c, int64_t user_id, int64_t id, int64_t now, int64_t *changed);
/* Confirmed bookings of scheduled sessions starting in (from, to] that have had no reminder. */
int store_reminders_due(db *c, arena *ar, int64_t from, int64_t to, int limit, booking **out,
                        size_t *n);

/* Organisers' changes, inside the caller's transaction. Promote the waiting list of a session
 * in order while seats allow (the promoted ids to promoted, up to max): seats_promote
 * (core/seats.h) over the session's statements, each seat taken by the guarded update
 * `confirmed_seats + n <= capacity`, so a promotion never passes the capacity
 * (mod/activities/store_bookings.c). */
int store_session_promote(db *c, int64_t session, int64_t now, int64_t *promoted, size_t max,
                          size_t *npromoted);
/* Times, capacity and booking window of a scheduled session; WY_NOTFOUND when it is not
 * scheduled or the capacity is below its confirmed seats. */
int store_session_update(db *c, const activity_session *s);
/* Cancel a scheduled session that has not started (starts_at > now) and its confirmed and
 * waitlisted bookings (those to *cancelled); WY_NOTFOUND when it is not scheduled or has
 * started. The seat count keeps the seats of checked-in and no-show bookings. */
int store_session_cancel(db *c, arena *ar, int64_t id, int64_t now, booking **cancelled, size_t *n);

typedef struct outbox_row {
    int64_t id;
    const char *kind, *division, *payload;
    int attempts;
    int64_t next_attempt_at, created_at;
} outbox_row;

/* Take up to limit undelivered rows due at now, leased until lease_until (own transaction). */
int store_outbox_claim(db *c, arena *ar, int64_t now, int64_t lease_until, int limit,
                       outbox_row **out, size_t *n);
/* After an attempt: delivered (error NULL), or the error and the next attempt (0: none). */
int store_outbox_result(db *c, int64_t id, int64_t now, const char *error, int64_t retry_at);
/* Give a claimed row back unsent: due at at, no attempt counted. */
int store_outbox_release(db *c, int64_t id, int64_t at);
int store_outbox_get(db *c, arena *ar, int64_t id, outbox_row *out, int64_t *delivered_at,
                     const char **last_error);
int store_webhook_delivered(db *c, int64_t outbox_id, int64_t webhook_id, int64_t now);
int store_webhook_was_delivered(db *c, int64_t outbox_id, int64_t webhook_id, int *yes);

typedef struct webhook {
    int64_t id;
    const char *url, *secret, *division;
    const char *kinds; /* comma-separated event kinds, or NULL for all */
    int active;
    int64_t created_by, created_at;
} webhook;

int store_webhook_create(db *c, const webhook *w, int64_t now, int64_t *id);
int store_webhook_get(db *c, arena *ar, int64_t id, webhook *out);
int store_webhook_delete(db *c, int64_t id);
/* Webhooks inside prefix (NULL or "": all), active ones only when active_only. */
int store_webhook_list(db *c, arena *ar, const char *prefix, int active_only, webhook **out,
                       size_t *n);

/* ---- queued jobs (sql/0015_jobs.sql) ---- */
typedef struct job_row {
    int64_t id;
    const char *kind, *status, *params, *division;
    int64_t created_by;                                        /* 0: none */
    int64_t created_at, started_at, finished_at, heartbeat_at; /* 0: not yet */
    double progress;                                           /* 0..1 */
    const char *stage, *result, *error;                        /* NULL when none */
} job_row;

/* Queue a job of kind, unless max_active jobs of that kind are queued or running already
 * (WY_CONSTRAINT then). Runs in the caller's write transaction; on PostgreSQL it first takes a
 * transaction lock of its own so that the count and the insert are one step. */
int store_job_submit(db *c, const char *kind, const char *params, const char *division,
                     int64_t created_by, int64_t now, int max_active, int resumes, const char *file,
                     int64_t *id);
/* A job's uploaded file (given to store_job_submit; deleted when the job ends). */
int store_job_file(db *c, arena *ar, int64_t id, const char **data);
/* A resumable job's run saves what it has done so far (state: JSON, kept as the job's result)
 * with its progress, in the transaction of that work; it is the job's heartbeat too. */
int store_job_save(db *c, int64_t id, double progress, const char *state, int64_t now);
int store_job_get(db *c, arena *ar, int64_t id, job_row *out);
/* Jobs of the same kind queued before a queued job: its place in the line. */
int store_job_position(db *c, int64_t id, int64_t *ahead);
/* Take the oldest queued job of kind for runner (own transaction); WY_NOTFOUND when none. */
int store_job_claim(db *c, arena *ar, const char *kind, const char *runner, int64_t now,
                    job_row *out);
int store_job_progress(db *c, int64_t id, double progress, const char *stage, int64_t now);
/* Finish a running job: done with result, or failed with error (the result stays what it
 * was); its file is deleted. */
int store_job_finish(db *c, int64_t id, const char *result, const char *error, int64_t now);
/* Give a running job back to the queue (its server is stopping); a resumable job keeps its
 * progress and what it saved. */
int store_job_requeue(db *c, int64_t id);
/* The running jobs whose heartbeat is older than stale_before (their server stopped): a
 * resumable one goes back to the queue, another is marked failed; how many of each. */
int store_job_stale(db *c, int64_t stale_before, int64_t now, int64_t *failed, int64_t *requeued);
/* Delete the finished jobs older than before. */
int store_job_purge(db *c, int64_t before);

#endif
