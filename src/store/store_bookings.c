/*
 * store_bookings: activities, their sessions, and bookings. The booking batch is the hot
 * path: one transaction for many requests, each taking its seats with one guarded UPDATE
 * (confirmed_seats + n <= capacity), so the database enforces the capacity whatever runs
 * above it, and a single commit makes the whole batch durable.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/store_util.h"

#define ACT_COLS                                                                                   \
    "id, title, category, organiser, coalesce(venue_id, 0), division, address, lon, lat,"          \
    " description, audience, live_url, replay_url, waitlist, max_companions, status,"              \
    " created_by, created_at, updated_at"

static void fill_activity(arena *a, db_stmt *st, activity *x)
{
    x->id = db_col_int(st, 0);
    x->title = col_str(a, st, 1);
    x->category = col_str(a, st, 2);
    x->organiser = col_str(a, st, 3);
    x->venue_id = db_col_int(st, 4);
    x->division = col_str(a, st, 5);
    x->address = col_str(a, st, 6);
    x->lon = col_real(st, 7);
    x->lat = col_real(st, 8);
    x->description = col_str(a, st, 9);
    x->audience = col_str(a, st, 10);
    x->live_url = col_str(a, st, 11);
    x->replay_url = col_str(a, st, 12);
    x->waitlist = (int)db_col_int(st, 13);
    x->max_companions = (int)db_col_int(st, 14);
    x->status = col_str(a, st, 15);
    x->created_by = db_col_int(st, 16);
    x->created_at = db_col_int(st, 17);
    x->updated_at = db_col_int(st, 18);
}

int store_activity_create(db *c, const activity *x, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(
            c,
            "INSERT INTO activities(title, category, organiser, venue_id, division, address,"
            " lon, lat, description, audience, live_url, replay_url, waitlist,"
            " max_companions, status, created_by, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
            "tttIttDDttttiiiii", x->title, x->category, x->organiser, x->venue_id, x->division,
            x->address, x->lon, x->lat, x->description ? x->description : "", x->audience,
            x->live_url, x->replay_url, (int64_t)x->waitlist, (int64_t)x->max_companions,
            x->created_by, now, now),
        id);
}

int store_activity_get(db *c, arena *ar, int64_t id, activity *out)
{
    db_stmt *st = db_query(c, "SELECT " ACT_COLS " FROM activities WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_activity, out);
}

int store_activity_update(db *c, const activity *x, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE activities SET title = ?, category = ?, organiser = ?, venue_id = ?,"
                    " division = ?, address = ?, lon = ?, lat = ?, description = ?, audience = ?,"
                    " live_url = ?, replay_url = ?, waitlist = ?, max_companions = ?,"
                    " updated_at = ? WHERE id = ?",
                    "tttIttDDttttiiii", x->title, x->category, x->organiser, x->venue_id,
                    x->division, x->address, x->lon, x->lat, x->description ? x->description : "",
                    x->audience, x->live_url, x->replay_url, (int64_t)x->waitlist,
                    (int64_t)x->max_companions, now, x->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_activity_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c, "UPDATE activities SET status = ?, updated_at = ? WHERE id = ?", "tii",
                    status, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_activity_list(db *c, arena *ar, const activity_filter *f, activity **out, size_t *n)
{
    const char *like = f->q && *f->q ? arena_sprintf(ar, "%%%s%%", f->q) : NULL;
    db_stmt *st = db_query(
        c,
        "SELECT " ACT_COLS " FROM activities a WHERE id > ?"
        " AND (? = '' OR (division >= ? AND division < ?))"
        " AND (CAST(? AS TEXT) IS NULL OR category = ?)"
        " AND (CAST(? AS TEXT) IS NULL OR status = ?)"
        " AND (CAST(? AS TEXT) IS NULL OR title LIKE ? OR description LIKE ?)"
        " AND (? = 0 OR venue_id = ?)"
        " AND (? = 0 OR EXISTS (SELECT 1 FROM activity_sessions s WHERE s.activity_id = a.id"
        "      AND s.status = 'scheduled' AND s.starts_at >= ? AND (? = 0 OR s.starts_at < ?)"
        "      AND (? = 0 OR s.confirmed_seats < s.capacity)))"
        " ORDER BY id LIMIT ?",
        "ittttttttttiiiiiiii", f->after, f->prefix ? f->prefix : "", f->prefix ? f->prefix : "",
        prefix_end(ar, f->prefix), f->category, f->category, f->status, f->status, like, like, like,
        f->venue_id, f->venue_id, (int64_t)(f->from || f->to || f->has_free_seats), f->from, f->to,
        f->to, (int64_t)f->has_free_seats, (int64_t)(f->limit > 0 ? f->limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, activity, fill_activity, out, n);
}

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

int store_activity_sessions_many(db *c, arena *ar, const int64_t *ids, size_t n,
                                 activity_session **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (n == 0)
        return WY_OK;
    const char *list = id_list_param(ar, c, ids, n);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_get_dialect(c) == DB_POSTGRES
                      ? db_query(c,
                                 "SELECT " SES_COLS " FROM activity_sessions"
                                 " WHERE activity_id = ANY (CAST(? AS bigint[]))"
                                 " ORDER BY activity_id, starts_at, id",
                                 "t", list)
                      : db_query(c,
                                 "SELECT " SES_COLS " FROM activity_sessions"
                                 " WHERE activity_id IN (SELECT value FROM json_each(?))"
                                 " ORDER BY activity_id, starts_at, id",
                                 "t", list);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, activity_session, fill_session, out, nout);
}

/* ---- bookings ---- */

static int one_booking(db *c, const booking_req *r, booking_res *o)
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
    /* a person's live booking of the session already: no seats are taken for a second */
    db_stmt *st = db_query(c,
                           "SELECT 1 FROM bookings WHERE session_id = ? AND user_id = ?"
                           " AND status IN ('confirmed', 'waitlisted', 'checked_in')",
                           "ii", r->session_id, r->user_id);
    int s = st ? db_step(st) : WY_ERR;
    db_done(st);
    if (s < 0)
        return s;
    if (s == 1) {
        o->outcome = BOOK_DUPLICATE;
        return WY_OK;
    }
    if (r->max_seats_today > 0) { /* counted here, in the writer's transaction, so that
                                     simultaneous requests of one person cannot pass it */
        st = db_query(c,
                      "SELECT coalesce(sum(seats), 0) FROM bookings WHERE user_id = ?"
                      " AND created_at >= ? AND status <> 'cancelled'",
                      "ii", r->user_id, r->day_start);
        s = st ? db_step(st) : WY_ERR;
        int64_t today = s == 1 ? db_col_int(st, 0) : 0;
        db_done(st);
        if (s < 0)
            return s;
        if (today + r->seats > r->max_seats_today) {
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
        notify_event ev = {.kind = "booking.confirmed",
                           .user_id = r->user_id,
                           .booking_id = o->id,
                           .session_id = r->session_id};
        rc = store_notify(c, &ev, r->now, NULL);
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
    for (size_t i = 0; i < n; i++) {
        /* a savepoint each: one request's failure leaves the others of the batch standing */
        rc = db_exec(c, "SAVEPOINT wy_book");
        if (rc != WY_OK)
            break;
        out[i].rc = one_booking(c, &r[i], &out[i]);
        if (out[i].rc == WY_CONSTRAINT) { /* a race on the unique index: a duplicate */
            out[i].rc = WY_OK;
            out[i].outcome = BOOK_DUPLICATE;
            db_exec(c, "ROLLBACK TO SAVEPOINT wy_book");
        } else if (out[i].rc != WY_OK) {
            db_exec(c, "ROLLBACK TO SAVEPOINT wy_book");
        }
        rc = db_exec(c, "RELEASE SAVEPOINT wy_book");
        if (rc != WY_OK)
            break;
    }
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

int store_bookings_of_user(db *c, arena *ar, int64_t user_id, booking **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " BOOK_COLS " FROM bookings WHERE user_id = ?"
                           " ORDER BY id DESC LIMIT 200",
                           "i", user_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, booking, fill_booking, out, n);
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
                           " RETURNING session_id, seats, position",
                           "ii", now, id);
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

int store_booking_checkin(db *c, int64_t id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE bookings SET status = 'checked_in', checked_in_at = ?, updated_at = ?"
                    " WHERE id = ? AND status = 'confirmed'",
                    "iii", now, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}
