/*
 * store_attendance: what happened after the booking. The no-show sweep (one UPDATE over the
 * sessions that have ended), the no-shows the ban rule counts, excuses, the counts and the
 * attendance list of a session, and who may rate an activity and its venue's average (the
 * ratings themselves are the core's, core/store_ratings.c).
 *
 * A booking still 'confirmed' after its session has ended is a no-show, when check-in took
 * place at that session, whether or not the sweep has marked it yet: every query that counts
 * no-shows says so itself, so no rule depends on when the sweep last ran.
 */
#include <stdlib.h>
#include <string.h>

#include "mod/activities/activity_store.h"
#include "db/store_util.h"

/* Check-in took place at a session when at least one of its bookings is checked in: only
 * then does a booking still confirmed at its end say that its holder did not come (staff who
 * never scanned would otherwise turn everyone booked into a no-show). A condition on the
 * session s; the one rule of the sweep, the ban's count and every figure shown. */
#define CHECKIN_TOOK_PLACE                                                                         \
    " EXISTS (SELECT 1 FROM bookings k WHERE k.session_id = s.id AND k.status = 'checked_in')"

int store_booking_sweep_no_shows(db *c, int64_t session_id, int64_t since, int64_t now, int64_t *n)
{
    /* the sessions that ended in (since, now] and had check-ins: a range of
     * activity_sessions_end; in each, the still-confirmed bookings: the partial index
     * bookings_confirmed */
    int rc = db_run(c,
                    "UPDATE bookings SET status = 'no_show', updated_at = ?"
                    " WHERE status = 'confirmed' AND session_id IN"
                    " (SELECT s.id FROM activity_sessions s WHERE s.ends_at > ? AND s.ends_at <= ?"
                    "  AND s.status = 'scheduled' AND (CAST(? AS BIGINT) = 0 OR s.id = ?)"
                    "  AND" CHECKIN_TOOK_PLACE ")",
                    "iiiii", now, since, now, session_id, session_id);
    *n = rc == WY_OK ? db_changes(c) : 0;
    return rc;
}

static void fill_time(arena *a, db_stmt *st, int64_t *t)
{
    (void)a;
    *t = db_col_int(st, 0);
}

/* A person's no-shows that are not excused, of sessions that ended in (since, now]: the rows
 * of store_no_show_ends, and what store_booking_target counts. Parameters: the person, since,
 * now. */
#define NO_SHOWS_OF_USER                                                                           \
    " FROM bookings b JOIN activity_sessions s ON s.id = b.session_id"                             \
    " WHERE b.user_id = ? AND b.status IN ('no_show', 'confirmed')"                                \
    " AND b.excused_at IS NULL AND s.status = 'scheduled'"                                         \
    " AND s.ends_at > ? AND s.ends_at <= ? AND" CHECKIN_TOOK_PLACE

int store_no_show_ends(db *c, arena *ar, int64_t user_id, int64_t since, int64_t now, int64_t **out,
                       size_t *n)
{
    db_stmt *st = db_query(c, "SELECT s.ends_at" NO_SHOWS_OF_USER " ORDER BY s.ends_at", "iii",
                           user_id, since, now);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, int64_t, fill_time, out, n);
}

int store_booking_excuse(db *c, int64_t id, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE bookings SET excused_at = ?, excused_by = ?, updated_at = ?"
                    " WHERE id = ? AND status = 'no_show' AND excused_at IS NULL",
                    "iiii", now, by, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* A booking's status as people are told it: one still confirmed when its scheduled session
 * has ended is a no-show, swept or not (binds now once). */
#define SHOWN_STATUS                                                                               \
    "CASE WHEN b.status = 'confirmed' AND s.status = 'scheduled' AND s.ends_at <= ? "              \
    "AND" CHECKIN_TOOK_PLACE " THEN 'no_show' ELSE b.status END"

static void add_count(session_counts *out, const char *status, int count, int seats, int excused)
{
    if (!strcmp(status, "confirmed"))
        out->confirmed += seats;
    else if (!strcmp(status, "waitlisted"))
        out->waitlisted += count;
    else if (!strcmp(status, "checked_in"))
        out->checked_in += seats;
    else if (!strcmp(status, "no_show")) {
        out->no_shows += count - excused;
        out->excused += excused;
    } else if (!strcmp(status, "cancelled"))
        out->cancelled += count;
}

int store_session_counts(db *c, int64_t session_id, int64_t now, session_counts *out)
{
    return store_session_counts_many(c, &session_id, 1, now, out);
}

typedef struct id_at {
    int64_t id;
    size_t at;
} id_at;

static int by_id(const void *x, const void *y)
{
    const id_at *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

int store_session_counts_many(db *c, const int64_t *ids, size_t n, int64_t now, session_counts *out)
{
    memset(out, 0, n * sizeof(*out));
    if (n == 0)
        return WY_OK;
    arena a;
    arena_init(&a, 0);
    id_at *sorted = arena_alloc(&a, n * sizeof(*sorted));
    const char *list = sorted ? id_list_param(&a, c, ids, n) : NULL;
    if (!list) {
        arena_free(&a);
        return WY_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        sorted[i] = (id_at){ids[i], i};
    qsort(sorted, n, sizeof(*sorted), by_id);
    /* one grouped query for every session of the page */
#define COUNTS_SQL(IN)                                                                             \
    "SELECT b.session_id, " SHOWN_STATUS " AS st, count(*), coalesce(sum(b.seats), 0),"            \
    " count(b.excused_at) FROM bookings b JOIN activity_sessions s ON s.id = b.session_id"         \
    " WHERE b.session_id " IN " GROUP BY b.session_id, st"
    db_stmt *st =
        db_get_dialect(c) == DB_POSTGRES
            ? db_query(c, COUNTS_SQL("= ANY (CAST(? AS bigint[]))"), "it", now, list)
            : db_query(c, COUNTS_SQL("IN (SELECT value FROM json_each(?))"), "it", now, list);
#undef COUNTS_SQL
    int s = WY_ERR;
    while (st && (s = db_step(st)) == 1) {
        id_at key = {db_col_int(st, 0), 0};
        const id_at *hit = bsearch(&key, sorted, n, sizeof(*sorted), by_id);
        for (; hit && hit > sorted && hit[-1].id == key.id; hit--)
            ;
        for (; hit && hit < sorted + n && hit->id == key.id; hit++)
            add_count(&out[hit->at], db_col_text(st, 1), (int)db_col_int(st, 2),
                      (int)db_col_int(st, 3), (int)db_col_int(st, 4));
    }
    db_done(st);
    arena_free(&a);
    return s < 0 ? s : WY_OK;
}

static void fill_attendance(arena *a, db_stmt *st, attendance_row *r)
{
    booking *b = &r->b;
    b->id = db_col_int(st, 0);
    b->session_id = db_col_int(st, 1);
    b->user_id = db_col_int(st, 2);
    b->status = col_str(a, st, 3);
    b->seats = (int)db_col_int(st, 4);
    b->companions = col_str(a, st, 5);
    b->code = NULL; /* not read: staff's lists carry no check-in codes */
    b->position = db_col_int(st, 6);
    b->created_at = db_col_int(st, 7);
    b->checked_in_at = db_col_int(st, 8);
    b->excused_at = db_col_int(st, 9);
    r->name = col_str(a, st, 10);
    r->phone = col_str(a, st, 11);
    r->user_division = col_str(a, st, 12);
    r->user_status = col_str(a, st, 13);
    r->user_created_at = db_col_int(st, 14);
}

int store_attendance_of_session(db *c, arena *ar, int64_t session_id, int64_t now, int64_t after,
                                int limit, attendance_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT b.id, b.session_id, b.user_id, " SHOWN_STATUS ", b.seats,"
                 " b.companions, coalesce(b.position, 0), b.created_at,"
                 " coalesce(b.checked_in_at, 0), coalesce(b.excused_at, 0),"
                 " u.name, u.phone, u.division, u.status, u.created_at"
                 " FROM bookings b JOIN users u ON u.id = b.user_id"
                 " JOIN activity_sessions s ON s.id = b.session_id"
                 " WHERE b.session_id = ? AND b.id > ? ORDER BY b.id LIMIT ?",
                 "iiii", now, session_id, after, limit > 0 ? (int64_t)limit : INT64_C(1000000000));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, attendance_row, fill_attendance, out, n);
}

/* ---- ratings ---- */

int store_rating_attended(db *c, int64_t activity_id, int64_t user_id, int64_t now, int *ended,
                          int *upcoming)
{
    *ended = *upcoming = 0;
    db_stmt *st = db_query(c,
                           "SELECT s.ends_at FROM bookings b"
                           " JOIN activity_sessions s ON s.id = b.session_id"
                           " WHERE s.activity_id = ? AND b.user_id = ? AND b.status = 'checked_in'",
                           "ii", activity_id, user_id);
    if (!st)
        return WY_ERR;
    int s;
    while ((s = db_step(st)) == 1) {
        if (db_col_int(st, 0) <= now)
            *ended = 1;
        else
            *upcoming = 1;
    }
    db_done(st);
    return s < 0 ? s : WY_OK;
}

int store_rating_sum_venue(db *c, int64_t venue_id, int64_t *sum, int64_t *count)
{
    *sum = *count = 0;
    db_stmt *st = db_query(c,
                           "SELECT coalesce(sum(r.score), 0), count(*) FROM activities a"
                           " JOIN ratings r ON r.subject_kind = 'activity' AND r.subject_id = a.id"
                           " WHERE a.venue_id = ? AND r.status = 'approved'",
                           "i", venue_id);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1) {
        *sum = db_col_int(st, 0);
        *count = db_col_int(st, 1);
    }
    db_done(st);
    return s < 0 ? s : WY_OK;
}

static void fill_target(arena *a, db_stmt *st, booking_target *t)
{
    t->s.id = db_col_int(st, 0);
    t->s.activity_id = db_col_int(st, 1);
    t->s.starts_at = db_col_int(st, 2);
    t->s.ends_at = db_col_int(st, 3);
    t->s.capacity = (int)db_col_int(st, 4);
    t->s.booking_opens_at = db_col_int(st, 5);
    t->s.booking_closes_at = db_col_int(st, 6);
    t->s.cancel_deadline = db_col_int(st, 7);
    t->s.status = col_str(a, st, 8);
    t->s.confirmed_seats = (int)db_col_int(st, 9);
    t->status = col_str(a, st, 10);
    t->waitlist = (int)db_col_int(st, 11);
    t->max_companions = (int)db_col_int(st, 12);
    t->no_shows = db_col_int(st, 13);
}

int store_booking_target(db *c, arena *ar, int64_t session_id, int64_t user_id, int64_t since,
                         int64_t now, booking_target *out)
{
    db_stmt *st = db_query(c,
                           "SELECT t.id, t.activity_id, t.starts_at, t.ends_at, t.capacity,"
                           " coalesce(t.booking_opens_at, 0), coalesce(t.booking_closes_at, 0),"
                           " coalesce(t.cancel_deadline, 0), t.status, t.confirmed_seats,"
                           " a.status, a.waitlist, a.max_companions,"
                           " (SELECT count(*)" NO_SHOWS_OF_USER ")"
                           " FROM activity_sessions t JOIN activities a ON a.id = t.activity_id"
                           " WHERE t.id = ?",
                           "iiii", user_id, since, now, session_id);
    return STORE_ONE(ar, st, fill_target, out);
}
