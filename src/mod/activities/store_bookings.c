/*
 * store_bookings: the sessions of activities, and bookings. The booking batch is the hot
 * path: one transaction for many requests, each taking its seats with one guarded UPDATE
 * (confirmed_seats + n <= capacity), so the database enforces the capacity whatever runs
 * above it, and a single commit makes the whole batch durable.
 */
#include <stdio.h>
#include <string.h>

#include "core/seats_store.h"
#include "mod/activities/activity_store.h"
#include "db/store_util.h"

#define SES_COLS                                                                                   \
    "id, activity_id, starts_at, ends_at, capacity, coalesce(booking_opens_at, 0),"                \
    " coalesce(booking_closes_at, 0), coalesce(cancel_deadline, 0), status, confirmed_seats"

static void fill_session(arena *a, db_stmt *st, activity_session *s)
{
    s->id = db_col_int(st, 0);
    s->activity_id = db_col_int(st, 1);
    s->starts_at = db_col_int(st, 2);
    s->ends_at = db_col_int(st, 3);
    s->capacity = (int)db_col_int(st, 4);
    s->booking_opens_at = db_col_int(st, 5);
    s->booking_closes_at = db_col_int(st, 6);
    s->cancel_deadline = db_col_int(st, 7);
    s->status = col_str(a, st, 8);
    s->confirmed_seats = (int)db_col_int(st, 9);
}

int store_activity_session_create(db *c, const activity_session *s, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO activity_sessions(activity_id, starts_at, ends_at, capacity,"
                 " booking_opens_at, booking_closes_at, cancel_deadline)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iiiiIII", s->activity_id, s->starts_at, s->ends_at, (int64_t)s->capacity,
                 s->booking_opens_at, s->booking_closes_at, s->cancel_deadline),
        id);
}

int store_activity_session_get(db *c, arena *ar, int64_t id, activity_session *out)
{
    db_stmt *st = db_query(c, "SELECT " SES_COLS " FROM activity_sessions WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_session, out);
}

int store_activity_sessions(db *c, arena *ar, int64_t activity_id, activity_session **out,
                            size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SES_COLS " FROM activity_sessions WHERE activity_id = ?"
                           " ORDER BY starts_at, id",
                           "i", activity_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, activity_session, fill_session, out, n);
}

typedef struct ranked_session {
    activity_session s;
    int total;
} ranked_session;

static void fill_ranked(arena *a, db_stmt *st, ranked_session *r)
{
    fill_session(a, st, &r->s);
    r->total = (int)db_col_int(st, 10);
}

/* The first per coming sessions of each activity, with how many are coming in all: a window
 * over the range of activity_sessions_activity_end from each activity's from. */
#define COMING_SQL(IN)                                                                             \
    "SELECT " SES_COLS ", total FROM (SELECT id, activity_id, starts_at, ends_at, capacity,"       \
    " booking_opens_at, booking_closes_at, cancel_deadline, status, confirmed_seats,"              \
    " row_number() OVER (PARTITION BY activity_id ORDER BY starts_at, id) AS rn,"                  \
    " count(*) OVER (PARTITION BY activity_id) AS total FROM activity_sessions"                    \
    " WHERE activity_id " IN " AND ends_at > ?) t WHERE rn <= ?"                                   \
    " ORDER BY activity_id, starts_at, id"

int store_activity_sessions_many(db *c, arena *ar, const int64_t *ids, size_t n, int64_t from,
                                 int per, activity_session **out, int **totals, size_t *nout)
{
    *out = NULL;
    *totals = NULL;
    *nout = 0;
    if (n == 0)
        return WY_OK;
    const char *list = id_list_param(ar, c, ids, n);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_get_dialect(c) == DB_POSTGRES
                      ? db_query(c, COMING_SQL("= ANY (CAST(? AS bigint[]))"), "tii", list, from,
                                 (int64_t)per)
                      : db_query(c, COMING_SQL("IN (SELECT value FROM json_each(?))"), "tii", list,
                                 from, (int64_t)per);
    if (!st)
        return WY_ERR;
    ranked_session *r;
    size_t k;
    int rc = STORE_COLLECT(ar, st, ranked_session, fill_ranked, &r, &k);
    if (rc != WY_OK)
        return rc;
    activity_session *ss = arena_alloc(ar, (k + 1) * sizeof(*ss));
    int *tt = arena_alloc(ar, (k + 1) * sizeof(*tt));
    if (!ss || !tt)
        return WY_NOMEM;
    for (size_t i = 0; i < k; i++) {
        ss[i] = r[i].s;
        tt[i] = r[i].total;
    }
    *out = ss;
    *totals = tt;
    *nout = k;
    return WY_OK;
}

int store_activity_sessions_page(db *c, arena *ar, int64_t activity_id, int64_t from, int64_t to,
                                 int64_t after_start, int64_t after_id, int limit,
                                 activity_session **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SES_COLS " FROM activity_sessions WHERE activity_id = ?"
                           " AND starts_at >= ? AND starts_at < ? AND (starts_at, id) > (?, ?)"
                           " ORDER BY starts_at, id LIMIT ?",
                           "iiiiii", activity_id, from, to, after_start, after_id,
                           (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, activity_session, fill_session, out, n);
}

/* ---- bookings ---- */

/* The one integer of a query's one row (0 when there is no row). */
int store_booking_idem_seen(db *c, int64_t user_id, const char *idem_key, int64_t session_id,
                            int *seen)
{
    int64_t v;
    int rc = store_one_int(db_query(c,
                                    "SELECT 1 FROM bookings WHERE user_id = ? AND idem_key = ?"
                                    " AND session_id = ?",
                                    "iti", user_id, idem_key, session_id),
                           &v);
    *seen = v == 1;
    return rc;
}

int store_booking_live(db *c, int64_t session_id, int64_t user_id, int *live)
{
    int64_t v;
    int rc = store_one_int(db_query(c,
                                    "SELECT 1 FROM bookings WHERE session_id = ? AND user_id = ?"
                                    " AND status IN ('confirmed', 'waitlisted', 'checked_in')",
                                    "ii", session_id, user_id),
                           &v);
    *live = v == 1;
    return rc;
}

int store_booking_seats_since(db *c, int64_t user_id, int64_t since, int64_t *seats)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(sum(seats), 0) FROM bookings WHERE user_id = ?"
                                  " AND created_at >= ? AND status <> 'cancelled'",
                                  "ii", user_id, since),
                         seats);
}

static int one_booking(db *c, const booking_req *r, booking_res *o, booking_about *about)
{
    memset(o, 0, sizeof(*o));
    if (r->idem_key) { /* the same request again: answer what it got the first time */
        db_stmt *st = db_query(c,
                               "SELECT id, status, coalesce(position, 0), code, session_id"
                               " FROM bookings WHERE user_id = ? AND idem_key = ?",
                               "it", r->user_id, r->idem_key);
        int s = st ? db_step(st) : WY_ERR;
        if (s == 1 && db_col_int(st, 4) != r->session_id) {
            o->outcome = BOOK_KEY_REUSED;
        } else if (s == 1) {
            o->id = db_col_int(st, 0);
            const char *status = db_col_text(st, 1);
            o->outcome = !strcmp(status, "waitlisted") ? BOOK_WAITLISTED : BOOK_CONFIRMED;
            snprintf(o->status, sizeof(o->status), "%s", status);
            o->position = db_col_int(st, 2);
            snprintf(o->code, sizeof(o->code), "%s", db_col_text(st, 3));
            o->replay = 1;
        }
        db_done(st);
        if (s != 0)
            return s == 1 ? WY_OK : s;
    }
    /* A person's second live booking of the session is refused by the unique index
     * bookings_one_per_person when it is inserted: the batch rolls the request back to its
     * savepoint, seats included, and answers duplicate (no look-up first: most requests are
     * not duplicates, and the index decides anyway). */
    db_stmt *st;
    int s;
    if (r->max_seats_today > 0) { /* counted here, in the writer's transaction, so that
                                     simultaneous requests of one person cannot pass it */
        int64_t today = 0;
        s = store_booking_seats_since(c, r->user_id, r->day_start, &today);
        if (s != WY_OK)
            return s;
        if (seats_quota_passed(today, r->seats, r->max_seats_today)) {
            o->outcome = BOOK_OVER_LIMIT;
            return WY_OK;
        }
    }
    int rc = db_run(c,
                    "UPDATE activity_sessions SET confirmed_seats = confirmed_seats + ?"
                    " WHERE id = ? AND status = 'scheduled' AND confirmed_seats + ? <= capacity"
                    " AND NOT EXISTS (SELECT 1 FROM bookings w WHERE w.session_id = ?"
                    "                 AND w.status = 'waitlisted')",
                    "iiii", (int64_t)r->seats, r->session_id, (int64_t)r->seats, r->session_id);
    if (rc != WY_OK)
        return rc;
    const char *status = "confirmed";
    int64_t position = 0;
    if (db_changes(c) == 0) {
        if (!r->waitlist_ok) {
            o->outcome = BOOK_FULL;
            return WY_OK;
        }
        st = db_query(c,
                      "UPDATE activity_sessions SET waitlist_seq = waitlist_seq + 1"
                      " WHERE id = ? AND status = 'scheduled' RETURNING waitlist_seq",
                      "i", r->session_id);
        s = st ? db_step(st) : WY_ERR;
        if (s == 1)
            position = db_col_int(st, 0);
        db_done(st);
        if (s < 0)
            return s;
        if (s == 0) { /* the session was cancelled */
            o->outcome = BOOK_FULL;
            return WY_OK;
        }
        status = "waitlisted";
    }
    rc = insert_returning_id(
        db_query(c,
                 "INSERT INTO bookings(session_id, user_id, status, seats, companions, code,"
                 " position, idem_key, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iitittItii", r->session_id, r->user_id, status, (int64_t)r->seats, r->companions,
                 r->code, position, r->idem_key, r->now, r->now),
        &o->id);
    if (rc != WY_OK)
        return rc;
    if (!position) { /* told in the same transaction, so the confirmation is never lost */
        if (about->session_id != r->session_id) { /* read once for the batch's session */
            rc = store_booking_about(c, r->session_id, about);
            if (rc != WY_OK)
                return rc;
        }
        rc = store_booking_notify(c, &booking_kind_confirmed, about, r->user_id, o->id, NULL,
                                  r->now, NULL);
        if (rc != WY_OK)
            return rc;
    }
    o->outcome = position ? BOOK_WAITLISTED : BOOK_CONFIRMED;
    snprintf(o->status, sizeof(o->status), "%s", status);
    o->position = position;
    snprintf(o->code, sizeof(o->code), "%s", r->code);
    return WY_OK;
}

int store_booking_batch(db *c, const booking_req *r, size_t n, booking_res *out)
{
    int rc = db_begin_write(c);
    if (rc != WY_OK)
        return rc;
    booking_about about = {0};
    for (size_t i = 0; i < n; i++) {
        /* a savepoint each: one request's failure leaves the others of the batch standing */
        rc = db_savepoint(c);
        if (rc != WY_OK)
            break;
        out[i].rc = one_booking(c, &r[i], &out[i], &about);
        if (out[i].rc == WY_CONSTRAINT) { /* a race on the unique index: a duplicate */
            out[i].rc = WY_OK;
            out[i].outcome = BOOK_DUPLICATE;
            rc = db_savepoint_rollback(c);
        } else if (out[i].rc != WY_OK) {
            rc = db_savepoint_rollback(c);
        } else {
            rc = db_savepoint_release(c);
        }
        /* a request whose half-done work could not be undone must not be released into the
         * commit: the whole batch fails (and is rolled back below) */
        if (rc != WY_OK)
            break;
    }
    booking_about_release(&about);
    if (rc == WY_OK)
        rc = db_commit(c);
    if (rc != WY_OK)
        db_rollback(c);
    return rc;
}

#define BOOK_COLS                                                                                  \
    "id, session_id, user_id, status, seats, companions, code, coalesce(position, 0),"             \
    " created_at, coalesce(checked_in_at, 0), coalesce(excused_at, 0)"

static void fill_booking(arena *a, db_stmt *st, booking *b)
{
    b->id = db_col_int(st, 0);
    b->session_id = db_col_int(st, 1);
    b->user_id = db_col_int(st, 2);
    b->status = col_str(a, st, 3);
    b->seats = (int)db_col_int(st, 4);
    b->companions = col_str(a, st, 5);
    b->code = col_str(a, st, 6);
    b->position = db_col_int(st, 7);
    b->created_at = db_col_int(st, 8);
    b->checked_in_at = db_col_int(st, 9);
    b->excused_at = db_col_int(st, 10);
}

int store_booking_get(db *c, arena *ar, int64_t id, booking *out)
{
    db_stmt *st = db_query(c, "SELECT " BOOK_COLS " FROM bookings WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_booking, out);
}

int store_booking_by_code(db *c, arena *ar, const char *code, booking *out)
{
    db_stmt *st = db_query(c, "SELECT " BOOK_COLS " FROM bookings WHERE code = ?", "t", code);
    return STORE_ONE(ar, st, fill_booking, out);
}

static void fill_my_booking(arena *a, db_stmt *st, my_booking *m)
{
    fill_booking(a, st, &m->b);
    m->starts_at = db_col_int(st, 11);
    m->ends_at = db_col_int(st, 12);
    m->session_status = col_str(a, st, 13);
    m->activity_id = db_col_int(st, 14);
    m->title = col_str(a, st, 15);
    m->category = col_str(a, st, 16);
    m->venue_id = db_col_int(st, 17);
    m->key.past = (int)db_col_int(st, 18);
    m->key.when = db_col_int(st, 19);
    m->key.id = m->b.id;
}

int store_bookings_of_user(db *c, arena *ar, int64_t user_id, int64_t now,
                           const my_booking_key *after, int limit, my_booking **out, size_t *n)
{
    /* upcoming (not ended at now) soonest first, then the past latest first: the key
     * (past, when, id) with when = starts_at, or -starts_at for the past */
    db_stmt *st = db_query(
        c,
        "SELECT * FROM (SELECT b.id, b.session_id, b.user_id, b.status, b.seats, b.companions,"
        " b.code, coalesce(b.position, 0) AS position, b.created_at,"
        " coalesce(b.checked_in_at, 0) AS checked_in_at, coalesce(b.excused_at, 0) AS excused_at,"
        " s.starts_at, s.ends_at, s.status AS session_status, a.id AS activity_id, a.title,"
        " a.category, coalesce(a.venue_id, 0) AS venue_id,"
        " CASE WHEN s.ends_at > ? THEN 0 ELSE 1 END AS past,"
        " CASE WHEN s.ends_at > ? THEN s.starts_at ELSE -s.starts_at END AS wk"
        " FROM bookings b JOIN activity_sessions s ON s.id = b.session_id"
        " JOIN activities a ON a.id = s.activity_id WHERE b.user_id = ?) t"
        " WHERE (past, wk, id) > (?, ?, ?) ORDER BY past, wk, id LIMIT ?",
        "iiiiiii", now, now, user_id, (int64_t)(after ? after->past : -1), after ? after->when : 0,
        after ? after->id : 0, (int64_t)(limit > 0 ? limit : 20));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, my_booking, fill_my_booking, out, n);
}

int store_bookings_of_session(db *c, arena *ar, int64_t session_id, booking **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " BOOK_COLS " FROM bookings WHERE session_id = ?"
                           " ORDER BY status, coalesce(position, 0), id",
                           "i", session_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, booking, fill_booking, out, n);
}

int store_booking_cancel(db *c, int64_t id, int64_t now, int64_t *promoted, size_t max,
                         size_t *npromoted)
{
    *npromoted = 0;
    db_stmt *st = db_query(c,
                           "UPDATE bookings SET status = 'cancelled', updated_at = ?"
                           " WHERE id = ? AND status IN ('confirmed', 'waitlisted')"
                           " AND EXISTS (SELECT 1 FROM activity_sessions s"
                           "             WHERE s.id = bookings.session_id AND s.starts_at > ?)"
                           " RETURNING session_id, seats, position",
                           "iii", now, id, now);
    int s = st ? db_step(st) : WY_ERR;
    int64_t session = 0, seats = 0, was_waiting = 0;
    if (s == 1) {
        session = db_col_int(st, 0);
        seats = db_col_int(st, 1);
        was_waiting = !db_col_null(st, 2);
    }
    db_done(st);
    if (s != 1)
        return s == 0 ? WY_NOTFOUND : s;
    if (was_waiting)
        return WY_OK;
    int rc = db_run(c,
                    "UPDATE activity_sessions SET confirmed_seats = confirmed_seats - ?"
                    " WHERE id = ?",
                    "ii", seats, session);
    return rc == WY_OK ? store_session_promote(c, session, now, promoted, max, npromoted) : rc;
}

/* ---- the waiting list of a session: its statements for seats_promote ---- */

static int session_next_waiting(db *c, int64_t session, int64_t *claim, int64_t *need)
{
    db_stmt *st =
        db_query(c,
                 "SELECT id, seats FROM bookings WHERE session_id = ? AND status = 'waitlisted'"
                 " ORDER BY position LIMIT 1",
                 "i", session);
    int s = st ? db_step(st) : WY_ERR;
    *claim = s == 1 ? db_col_int(st, 0) : 0;
    *need = s == 1 ? db_col_int(st, 1) : 0;
    db_done(st);
    return s < 0 ? s : WY_OK;
}

static int session_take(db *c, int64_t session, int64_t n, int *taken)
{
    int rc = db_run(c,
                    "UPDATE activity_sessions SET confirmed_seats = confirmed_seats + ?"
                    " WHERE id = ? AND status = 'scheduled' AND confirmed_seats + ? <= capacity",
                    "iii", n, session, n);
    *taken = rc == WY_OK && db_changes(c) > 0;
    return rc;
}

static int session_confirm(db *c, int64_t booking_id, int64_t now)
{
    return db_run(c,
                  "UPDATE bookings SET status = 'confirmed', position = NULL, updated_at = ?"
                  " WHERE id = ?",
                  "ii", now, booking_id);
}

static const seats_store_ops session_seats = {session_next_waiting, session_take, session_confirm};

int store_session_promote(db *c, int64_t session, int64_t now, int64_t *promoted, size_t max,
                          size_t *npromoted)
{
    return seats_promote(c, &session_seats, session, now, promoted, max, npromoted);
}

int store_booking_checkin(db *c, int64_t id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE bookings SET status = 'checked_in', checked_in_at = ?, updated_at = ?"
                    " WHERE id = ? AND status = 'confirmed'",
                    "iii", now, now, id);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_NOTFOUND;
    /* the session's count of checked-in seats (migration 0021), in the caller's transaction */
    return db_run(c,
                  "UPDATE activity_sessions SET checked_in_seats = checked_in_seats +"
                  " (SELECT seats FROM bookings WHERE id = ?)"
                  " WHERE id = (SELECT session_id FROM bookings WHERE id = ?)",
                  "ii", id, id);
}

/* ---- a person's calendar ---- */

static void fill_feed(arena *a, db_stmt *st, booking_feed_item *f)
{
    f->booking_id = db_col_int(st, 0);
    f->status = col_str(a, st, 1);
    f->seats = (int)db_col_int(st, 2);
    f->position = db_col_int(st, 3);
    f->updated_at = db_col_int(st, 4);
    f->session_id = db_col_int(st, 5);
    f->starts_at = db_col_int(st, 6);
    f->ends_at = db_col_int(st, 7);
    f->session_status = col_str(a, st, 8);
    f->activity_id = db_col_int(st, 9);
    f->title = col_str(a, st, 10);
    f->category = col_str(a, st, 11);
    f->address = col_str(a, st, 12);
    f->venue_name = col_str(a, st, 13);
}

int store_booking_feed(db *c, arena *ar, int64_t user_id, int64_t from, booking_feed_item **out,
                       size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT b.id, b.status, b.seats, coalesce(b.position, 0), b.updated_at, s.id,"
        " s.starts_at, s.ends_at, s.status, a.id, a.title, a.category,"
        " coalesce(a.address, v.address), v.name"
        " FROM bookings b JOIN activity_sessions s ON s.id = b.session_id"
        " JOIN activities a ON a.id = s.activity_id LEFT JOIN venues v ON v.id = a.venue_id"
        " WHERE b.user_id = ? AND b.status IN ('confirmed', 'waitlisted', 'checked_in')"
        " AND s.ends_at >= ? ORDER BY s.starts_at, b.id LIMIT 1000",
        "ii", user_id, from);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, booking_feed_item, fill_feed, out, n);
}
