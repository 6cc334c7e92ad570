/*
 * activity_store: the store interface of the activities module: activities and their search
 * (store_activities.c), pending revisions (store_revisions.c), sessions and bookings
 * (store_bookings.c), reminders and the organisers' session changes (store_sessions.c),
 * attendance and ratings (store_attendance.c), posters (store_posters.c). Conventions as in
 * core/store.h; capacity is enforced here, by the guarded update of store_booking_batch and
 * store_session_promote.
 */
#ifndef WY_ACTIVITY_STORE_H
#define WY_ACTIVITY_STORE_H

#include <stdint.h>

#include "core/store.h"

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
/* The smallest and largest division code of the published activities (NULL both: none). */
int store_published_division_span(db *c, arena *a, const char **lo, const char **hi);
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
/* What a booking request is checked against, in one read: the session; of its activity the
 * status, whether it has a waiting list and its limit of companions (not the rest of the
 * activity: its description may be long); and how many no-shows of user_id store_no_show_ends
 * would list for (since, now], so that the ban's look-up is needed only for those who have
 * some. WY_NOTFOUND when there is no such session. */
typedef struct booking_target {
    activity_session s;
    const char *status; /* the activity's */
    int waitlist, max_companions;
    int64_t no_shows;
} booking_target;
int store_booking_target(db *c, arena *ar, int64_t session_id, int64_t user_id, int64_t since,
                         int64_t now, booking_target *out);
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

/* ---- telling people of their bookings (core/notify.h) ----
 * The kinds of notification about a booking. They are defined with the store (in
 * store_booking_notify.c) because the booking writer's batch tells each confirmation itself,
 * in its transaction; the module's descriptor lists them. All but session.changed come once
 * per booking. */
extern const notify_kind booking_kind_confirmed, booking_kind_promoted, booking_kind_reminder,
    booking_kind_changed, booking_kind_cancelled;

/* What a notification about a booking says of its session and activity: read once for many
 * (a batch of the booking writer, everyone told of a session's change), with the parts of the
 * webhook body made from them once. Release it (booking_about_release) when done. */
typedef struct booking_about {
    int64_t session_id, activity_id, starts_at, ends_at; /* session_id 0: not read yet */
    char title[512], division[16], href[32];
    /* {id, title, division} and {id, starts_at, ends_at} as JSON text (compact, keys sorted),
     * made once for all the notifications about the session */
    char *activity, *session;
} booking_about;

/* Read the facts of session_id into ab, releasing what it held (WY_NOTFOUND when there is no
 * such session). */
int store_booking_about(db *c, int64_t session_id, booking_about *ab);
void booking_about_release(booking_about *ab);
/* Tell user_id of kind about their booking booking_id of ab's session (inside the caller's
 * transaction): the notification about subject ("booking", booking_id), with the activity's
 * title, its page and the session's start, and the webhook body of docs/notifications.md
 * (activity, booking_id, session). params: a JSON object's text or NULL. *id as store_notify. */
int store_booking_notify(db *c, const notify_kind *kind, const booking_about *ab, int64_t user_id,
                         int64_t booking_id, const char *params, int64_t now, int64_t *id);

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

/* ---- ratings (store_attendance.c): the activities' side of the core's ratings ---- */
/* Does user hold a checked-in booking for a session of activity that ended at or before
 * now (*ended), or for one that has not ended yet (*upcoming)? */
int store_rating_attended(db *c, int64_t activity_id, int64_t user_id, int64_t now, int *ended,
                          int *upcoming);
/* The approved ratings' sum of scores and count of a venue's activities. */
int store_rating_sum_venue(db *c, int64_t venue_id, int64_t *sum, int64_t *count);

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
/* What the activities' indicators count over the published activities of a subtree (the
 * rules are activity_indicators.c's):
 *   ACT_TALLY_SESSIONS  scheduled sessions starting in [from, to), timed entry slots left out
 *   ACT_TALLY_ACTIVITIES  distinct activities of those sessions with a category among
 *                       categories ("lecture|film")
 *   ACT_TALLY_SERVED    seats of checked-in bookings (the person and their companions) checked
 *                       in during [from, to), timed entry included
 *   ACT_TALLY_OCCUPANCY the sessions of ACT_TALLY_SESSIONS that ended by ended_by: total is
 *                       their capacity, value their checked-in seats */
enum act_tally_kind {
    ACT_TALLY_SESSIONS,
    ACT_TALLY_ACTIVITIES,
    ACT_TALLY_SERVED,
    ACT_TALLY_OCCUPANCY
};
typedef struct act_tally {
    int kind;
    const char *prefix;
    int64_t from, to;
    const char *categories; /* ACT_TALLY_ACTIVITIES; NULL: any */
    int64_t ended_by;       /* ACT_TALLY_OCCUPANCY */
} act_tally;
/* The value (a count, or seats) and, for ACT_TALLY_OCCUPANCY, the capacity in *total. */
int store_act_tally(db *c, arena *a, const act_tally *t, double *value, double *total);
/* The records behind it by id after after: sessions (title the activity's, at the start,
 * value 1, or the checked-in seats for ACT_TALLY_OCCUPANCY), activities (at the first
 * session in the period) or bookings (at the check-in, value the seats). */
int store_act_tally_rows(db *c, arena *a, const act_tally *t, int64_t after, int limit,
                         tally_row **out, size_t *n);

#endif
