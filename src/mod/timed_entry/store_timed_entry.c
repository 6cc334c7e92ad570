/*
 * store_timed_entry: the configuration of a venue's timed entry (参观预约), and the few
 * session operations its generator needs beyond those of store_bookings.c: sessions of a
 * time range, their booking counts, resetting an unbooked session and removing one.
 */
#include <string.h>

#include "mod/timed_entry/timed_entry_store.h"
#include "db/store_util.h"

#define TE_COLS                                                                                    \
    "venue_id, activity_id, slots, capacity, days_ahead, opens_at_minute, max_companions,"         \
    " enabled, generated_for, created_at, updated_at"

static void fill_te(arena *a, db_stmt *st, timed_entry *t)
{
    t->venue_id = db_col_int(st, 0);
    t->activity_id = db_col_int(st, 1);
    t->slots = col_str(a, st, 2);
    t->capacity = (int)db_col_int(st, 3);
    t->days_ahead = (int)db_col_int(st, 4);
    t->opens_at_minute = (int)db_col_int(st, 5);
    t->max_companions = (int)db_col_int(st, 6);
    t->enabled = (int)db_col_int(st, 7);
    t->generated_for = col_str(a, st, 8);
    t->created_at = db_col_int(st, 9);
    t->updated_at = db_col_int(st, 10);
}

int store_timed_entry_get(db *c, arena *ar, int64_t venue_id, timed_entry *out)
{
    db_stmt *st =
        db_query(c, "SELECT " TE_COLS " FROM venue_timed_entry WHERE venue_id = ?", "i", venue_id);
    return STORE_ONE(ar, st, fill_te, out);
}

int store_timed_entry_put(db *c, const timed_entry *t, int64_t now)
{
    return db_run(c,
                  "INSERT INTO venue_timed_entry(venue_id, activity_id, slots, capacity,"
                  " days_ahead, opens_at_minute, max_companions, enabled, generated_for,"
                  " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"
                  " ON CONFLICT (venue_id) DO UPDATE SET activity_id = excluded.activity_id,"
                  " slots = excluded.slots, capacity = excluded.capacity,"
                  " days_ahead = excluded.days_ahead, opens_at_minute = excluded.opens_at_minute,"
                  " max_companions = excluded.max_companions, enabled = excluded.enabled,"
                  " generated_for = NULL, updated_at = excluded.updated_at",
                  "iitiiiiiii", t->venue_id, t->activity_id, t->slots, (int64_t)t->capacity,
                  (int64_t)t->days_ahead, (int64_t)t->opens_at_minute, (int64_t)t->max_companions,
                  (int64_t)t->enabled, now, now);
}

static void fill_id(arena *a, db_stmt *st, int64_t *id)
{
    (void)a;
    *id = db_col_int(st, 0);
}

int store_timed_entry_enabled(db *c, arena *ar, int64_t **ids, size_t *n)
{
    db_stmt *st = db_query(
        c, "SELECT venue_id FROM venue_timed_entry WHERE enabled = 1 ORDER BY venue_id", "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, int64_t, fill_id, ids, n);
}

int store_timed_entry_claim(db *c, int64_t venue_id, const char *day, int force)
{
    int rc = db_run(c,
                    "UPDATE venue_timed_entry SET generated_for = ? WHERE venue_id = ?"
                    " AND (? = 1 OR generated_for IS NULL OR generated_for <> ?)",
                    "tiit", day, venue_id, (int64_t)(force != 0), day);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_timed_entry_invalidate(db *c, int64_t venue_id)
{
    return db_run(c, "UPDATE venue_timed_entry SET generated_for = NULL WHERE venue_id = ?", "i",
                  venue_id);
}

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

int store_activity_sessions_between(db *c, arena *ar, int64_t activity_id, int64_t from, int64_t to,
                                    activity_session **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, activity_id, starts_at, ends_at, capacity,"
                           " coalesce(booking_opens_at, 0), coalesce(booking_closes_at, 0),"
                           " coalesce(cancel_deadline, 0), status, confirmed_seats"
                           " FROM activity_sessions WHERE activity_id = ? AND starts_at >= ?"
                           " AND starts_at < ? ORDER BY starts_at, id",
                           "iii", activity_id, from, to);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, activity_session, fill_session, out, n);
}

static void fill_counted(arena *a, db_stmt *st, session_booked *r)
{
    fill_session(a, st, &r->s);
    r->all = (int)db_col_int(st, 10);
    r->live = (int)db_col_int(st, 11);
}

int store_sessions_booked_from(db *c, arena *ar, int64_t activity_id, int64_t from,
                               session_booked **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT s.id, s.activity_id, s.starts_at, s.ends_at, s.capacity,"
                           " coalesce(s.booking_opens_at, 0), coalesce(s.booking_closes_at, 0),"
                           " coalesce(s.cancel_deadline, 0), s.status, s.confirmed_seats,"
                           " count(b.id), coalesce(sum(CASE WHEN b.status IN ('confirmed',"
                           " 'waitlisted', 'checked_in') THEN 1 ELSE 0 END), 0)"
                           " FROM activity_sessions s LEFT JOIN bookings b ON b.session_id = s.id"
                           " WHERE s.activity_id = ? AND s.starts_at >= ?"
                           " GROUP BY s.id ORDER BY s.starts_at, s.id",
                           "ii", activity_id, from);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, session_booked, fill_counted, out, n);
}

int store_session_reset(db *c, const activity_session *s)
{
    int rc = db_run(c,
                    "UPDATE activity_sessions SET ends_at = ?, capacity = ?, booking_opens_at = ?,"
                    " booking_closes_at = ?, cancel_deadline = ?, status = 'scheduled'"
                    " WHERE id = ? AND confirmed_seats = 0",
                    "iiIIIi", s->ends_at, (int64_t)s->capacity, s->booking_opens_at,
                    s->booking_closes_at, s->cancel_deadline, s->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* The caller read the session unbooked, but another app server's booking writer may have
 * booked it since (PostgreSQL, read committed). Both statements therefore say again in their
 * WHERE that nobody holds it: confirmed_seats = 0 is re-checked against the row as the
 * booking committed it (a booking takes its seats on this row before it inserts), and no
 * live booking exists. A session booked meanwhile is left alone (WY_NOTFOUND). */
int store_session_remove(db *c, int64_t id)
{
    int rc = db_run(c,
                    "DELETE FROM activity_sessions WHERE id = ? AND confirmed_seats = 0"
                    " AND NOT EXISTS (SELECT 1 FROM bookings WHERE session_id = ?)",
                    "ii", id, id);
    if (rc == WY_OK && db_changes(c) == 0) {
        rc = db_run(c,
                    "UPDATE activity_sessions SET status = 'cancelled' WHERE id = ?"
                    " AND confirmed_seats = 0 AND NOT EXISTS (SELECT 1 FROM bookings"
                    " WHERE session_id = ? AND status IN ('confirmed', 'waitlisted',"
                    " 'checked_in'))",
                    "ii", id, id);
        if (rc == WY_OK && db_changes(c) == 0)
            rc = WY_NOTFOUND;
    }
    return rc;
}
