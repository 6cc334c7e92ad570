/*
 * store: the persistence interface of wenyun at the level of domain operations, and the core of
 * it: the store handle and its pools of connections, transactions and savepoints, the pool
 * statistics, and the rows and statements of the core's own data (divisions, accounts, login
 * sessions, calendar feed tokens, one-time codes, rate counters, login throttling, member
 * import lines, review, audit, notifications with the outbox and webhooks, queued jobs). Each
 * module declares its own rows and statements in a header of its folder named *_store.h
 * (mod/venues/venue_store.h, mod/activities/activity_store.h, ...), which includes this one.
 * Above the store nothing knows SQL or which database runs.
 *
 * The store knows some rules, where only the database can keep them under concurrency:
 * capacity is enforced by the guarded update of seats (core/seats_store.h: the seats of a pool
 * are taken by one UPDATE ... WHERE taken + n <= capacity, see store_booking_batch in
 * mod/activities/activity_store.h), one live claim per person by unique indexes, and the
 * daily limit is counted again inside the booking writer's transaction. Who may do what,
 * windows and validity are the rules of core/ and of the modules, above the store.
 *
 * A store is a pool of connections. A request takes one (store_acquire), calls the
 * operations with it, and gives it back. Operations return WY_OK or a wy_rc
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
/* The shape of the division code itself; WY_NOTFOUND when it has none. */
int store_shape_get(db *c, arena *a, const char *code, division_shape *out);

/* The population of one division (not summed over its children): the persons of its figure
 * with the latest year (of two metrics of one year, the larger). WY_NOTFOUND: no figure. */
int store_population_latest(db *c, const char *code, int64_t *persons);

/* A record behind an indicator's value, as the stores list them for the drill-down (the
 * module turns it into a wy_record): its id, a title, when it happened (0: not dated) and
 * what it adds to the value. */
typedef struct tally_row {
    int64_t id;
    const char *title;
    int64_t at;
    double value;
} tally_row;

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

/* ---- notifications (the in-app inbox), the outbox, webhooks ---- */
/* A kind of notification (core/notify.h): its name, "module.what_happened", and whether it
 * may repeat for the same person and subject. A module defines its kinds as constants and
 * lists them in its descriptor; the store needs only what it keeps (the name) and enforces
 * (once per person and subject, for the kinds that may not repeat). */
typedef struct notify_kind {
    const char *name; /* lower-case letters, digits, '_' and '.'; no ',' (webhooks list kinds) */
    int repeats;      /* 0: once per person and subject, whatever writes it and how often */
} notify_kind;

struct json_t; /* jansson's */

/* One notification: to whom, of what kind, about what. What it is about is a subject (its type
 * and id: "booking" 12, "space_booking" 7, "course_enrolment" 3) and a snapshot of what the
 * inbox and the webhooks show of it, taken when it is sent, so that neither reads the owning
 * module's tables afterwards. */
typedef struct notify_msg {
    const notify_kind *kind;
    int64_t user_id;
    const char *subject_type; /* a word: lower-case letters, digits and '_' */
    int64_t subject_id;
    const char *title;    /* the subject's name as it is now ("社区读书会"), or NULL */
    const char *href;     /* the page of the site about it, a path ("/activities/3"), or NULL */
    int64_t at;           /* the time it is about (a session's start), ms; 0: none */
    const char *division; /* whose it is: the webhooks of the subtrees holding it get it */
    const char *params;   /* what the sentence needs beyond the above: a JSON object's text, or
                             NULL ({}) */
    /* NULL: the webhook body is the generic one (docs/notifications.md). Otherwise a JSON
     * object that replaces its description of the subject (division, subject, title, href,
     * at): the body is event, notification_id, created_at, user_id and params, with the keys
     * of extra. Kept with the notification too, for its module's part of the inbox's JSON.
     * Borrowed: the caller keeps its reference. */
    struct json_t *extra;
    /* Or extra as its text, already serialised as store_notify would (compact, keys sorted):
     * for a writer that builds many of one shape. When set, extra is not read. */
    const char *extra_text;
} notify_msg;

/* Write the notification and its outbox row (the webhook body), inside the caller's
 * transaction. A kind that may not repeat and has been written for the same person and
 * subject already writes nothing: *id (when id is not NULL) is then 0. */
int store_notify(db *c, const notify_msg *m, int64_t now, int64_t *id);

typedef struct notification {
    int64_t id, user_id;
    const char *kind;
    const char *subject_type;
    int64_t subject_id;
    const char *title, *href; /* NULL: none */
    int64_t at;               /* 0: none */
    const char *division;
    const char *params;          /* a JSON object's text, or NULL */
    const char *extra;           /* the JSON object's text of notify_msg.extra, or NULL */
    int64_t created_at, read_at; /* read_at 0: unread */
} notification;

/* A person's notifications, newest first, before cursor (an id; 0: none). */
int store_notifications_of(db *c, arena *ar, int64_t user_id, int64_t before, int limit,
                           notification **out, size_t *n);
int store_notifications_unread(db *c, int64_t user_id, int64_t *count);
/* Mark one (id) or all (id 0) of a person's unread notifications read. */
int store_notification_mark_read(db *c, int64_t user_id, int64_t id, int64_t now, int64_t *changed);

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
