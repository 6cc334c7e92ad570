/*
 * store_sessions: what happens to the sessions of activities besides booking: the day-before
 * reminders due, and the changes organisers make (change a session, cancel it with its
 * bookings).
 */
#include "mod/activities/activity_store.h"
#include "db/store_util.h"

/* What telling a booking's person needs: the booking, its session, the person, the seats. */
static void fill_brief(arena *a, db_stmt *st, booking *b)
{
    (void)a;
    *b = (booking){.id = db_col_int(st, 0),
                   .session_id = db_col_int(st, 1),
                   .user_id = db_col_int(st, 2),
                   .seats = (int)db_col_int(st, 3)};
}

int store_reminders_due(db *c, arena *ar, int64_t from, int64_t to, int limit, booking **out,
                        size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT b.id, b.session_id, b.user_id, b.seats FROM activity_sessions s"
                 " JOIN bookings b ON b.session_id = s.id"
                 " WHERE s.starts_at > ? AND s.starts_at <= ? AND s.status = 'scheduled'"
                 " AND b.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM notifications n"
                 "     WHERE n.subject_type = 'booking' AND n.subject_id = b.id"
                 "     AND n.user_id = b.user_id AND n.kind = 'session.reminder' AND n.once = 1)"
                 " ORDER BY s.starts_at, b.id LIMIT ?",
                 "iii", from, to, (int64_t)limit);
    if (!st)
        return WY_ERR;
    int rc = STORE_COLLECT(ar, st, booking, fill_brief, out, n);
    for (size_t i = 0; rc == WY_OK && i < *n; i++)
        (*out)[i].status = "confirmed";
    return rc;
}

/* ---- organisers change and cancel sessions ---- */

int store_session_update(db *c, const activity_session *s)
{
    int rc = db_run(c,
                    "UPDATE activity_sessions SET starts_at = ?, ends_at = ?, capacity = ?,"
                    " booking_opens_at = ?, booking_closes_at = ?, cancel_deadline = ?"
                    " WHERE id = ? AND status = 'scheduled' AND confirmed_seats <= ?",
                    "iiiIIIii", s->starts_at, s->ends_at, (int64_t)s->capacity, s->booking_opens_at,
                    s->booking_closes_at, s->cancel_deadline, s->id, (int64_t)s->capacity);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_session_cancel(db *c, arena *ar, int64_t id, int64_t now, booking **cancelled, size_t *n)
{
    *n = 0;
    *cancelled = NULL;
    int rc = db_run(c,
                    "UPDATE activity_sessions SET status = 'cancelled' WHERE id = ?"
                    " AND status = 'scheduled' AND starts_at > ?",
                    "ii", id, now);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_NOTFOUND;
    db_stmt *st = db_query(c,
                           "UPDATE bookings SET status = 'cancelled', updated_at = ?"
                           " WHERE session_id = ? AND status IN ('confirmed', 'waitlisted')"
                           " RETURNING id, session_id, user_id, seats",
                           "ii", now, id);
    if (!st)
        return WY_ERR;
    rc = STORE_COLLECT(ar, st, booking, fill_brief, cancelled, n);
    if (rc != WY_OK)
        return rc;
    for (size_t i = 0; i < *n; i++)
        (*cancelled)[i].status = "cancelled";
    /* the seats go free: only those of bookings that are over (checked in, or no-shows)
     * stay counted, so the count still equals the seats of the bookings that keep them */
    return db_run(c,
                  "UPDATE activity_sessions SET confirmed_seats = (SELECT coalesce(sum(seats), 0)"
                  " FROM bookings WHERE session_id = ? AND status IN ('checked_in', 'no_show'))"
                  " WHERE id = ?",
                  "ii", id, id);
}
