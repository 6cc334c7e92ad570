/*
 * store_spaces: spaces (rooms of venues, street culture stations) and the bookings of them.
 * The overlap rule lives in the domain (src/domain/space.c); here are the statements it is
 * built from: the version bump that serialises approvals of one space, and the overlap query.
 */
#include <math.h>
#include <stdlib.h>

#include "mod/spaces/space_store.h"
#include "db/store_util.h"

#define SPACE_COLS                                                                                 \
    "id, coalesce(venue_id, 0), division, kind, name, address, lon, lat, capacity, equipment,"     \
    " description, status, opens, closes, max_minutes, created_at, updated_at"

/* the same columns of spaces s, for queries that join */
#define SPACE_COLS_S                                                                               \
    "s.id, coalesce(s.venue_id, 0), s.division, s.kind, s.name, s.address, s.lon, s.lat,"          \
    " s.capacity, s.equipment, s.description, s.status, s.opens, s.closes, s.max_minutes,"         \
    " s.created_at, s.updated_at"
#define SPACE_NCOLS 17

static void fill_space(arena *a, db_stmt *st, space *s)
{
    s->id = db_col_int(st, 0);
    s->venue_id = db_col_int(st, 1);
    s->division = col_str(a, st, 2);
    s->kind = col_str(a, st, 3);
    s->name = col_str(a, st, 4);
    s->address = col_str(a, st, 5);
    s->lon = col_real(st, 6);
    s->lat = col_real(st, 7);
    s->capacity = (int)db_col_int(st, 8);
    s->equipment = col_str(a, st, 9);
    s->description = col_str(a, st, 10);
    s->status = col_str(a, st, 11);
    s->opens = (int)db_col_int(st, 12);
    s->closes = (int)db_col_int(st, 13);
    s->max_minutes = (int)db_col_int(st, 14);
    s->created_at = db_col_int(st, 15);
    s->updated_at = db_col_int(st, 16);
}

int store_space_create(db *c, const space *s, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(
            c,
            "INSERT INTO spaces(venue_id, division, kind, name, address, lon, lat, capacity,"
            " equipment, description, status, opens, closes, max_minutes, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            "IttttDDitttiiiii", s->venue_id, s->division, s->kind, s->name, s->address, s->lon,
            s->lat, (int64_t)s->capacity, s->equipment, s->description ? s->description : "",
            s->status ? s->status : "active", (int64_t)s->opens, (int64_t)s->closes,
            (int64_t)s->max_minutes, now, now),
        id);
}

int store_space_update(db *c, const space *s, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE spaces SET venue_id = ?, division = ?, kind = ?, name = ?, address = ?,"
                    " lon = ?, lat = ?, capacity = ?, equipment = ?, description = ?, status = ?,"
                    " opens = ?, closes = ?, max_minutes = ?, updated_at = ? WHERE id = ?",
                    "IttttDDitttiiiii", s->venue_id, s->division, s->kind, s->name, s->address,
                    s->lon, s->lat, (int64_t)s->capacity, s->equipment,
                    s->description ? s->description : "", s->status ? s->status : "active",
                    (int64_t)s->opens, (int64_t)s->closes, (int64_t)s->max_minutes, now, s->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_space_get(db *c, arena *a, int64_t id, space *out)
{
    db_stmt *st = db_query(c, "SELECT " SPACE_COLS " FROM spaces WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_space, out);
}

int store_space_list(db *c, arena *a, const space_filter *f, space **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SPACE_COLS " FROM spaces WHERE id > ?"
                           " AND (? = '' OR (division >= ? AND division < ?))"
                           " AND (CAST(? AS TEXT) IS NULL OR kind = ?)"
                           " AND (? = 0 OR venue_id = ?)"
                           " ORDER BY id LIMIT ?",
                           "itttttiii", f->after, f->prefix ? f->prefix : "",
                           f->prefix ? f->prefix : "", prefix_end(a, f->prefix), f->kind, f->kind,
                           f->venue_id, f->venue_id, (int64_t)(f->limit > 0 ? f->limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, space, fill_space, out, n);
}

static void fill_named(arena *a, db_stmt *st, space_named *x)
{
    fill_space(a, st, &x->s);
    x->division_name = col_str(a, st, SPACE_NCOLS);
    x->venue_name = col_str(a, st, SPACE_NCOLS + 1);
}

int store_space_list_named(db *c, arena *a, const space_filter *f, space_named **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SPACE_COLS_S ", d.name, v.name FROM spaces s"
                           " LEFT JOIN divisions d ON d.code = s.division"
                           " LEFT JOIN venues v ON v.id = s.venue_id WHERE s.id > ?"
                           " AND (? = '' OR (s.division >= ? AND s.division < ?))"
                           " AND (CAST(? AS TEXT) IS NULL OR s.kind = ?)"
                           " AND (? = 0 OR s.venue_id = ?)"
                           " ORDER BY s.id LIMIT ?",
                           "itttttiii", f->after, f->prefix ? f->prefix : "",
                           f->prefix ? f->prefix : "", prefix_end(a, f->prefix), f->kind, f->kind,
                           f->venue_id, f->venue_id, (int64_t)(f->limit > 0 ? f->limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, space_named, fill_named, out, n);
}

int store_space_lock(db *c, int64_t id)
{
    int rc = db_run(c, "UPDATE spaces SET version = version + 1 WHERE id = ?", "i", id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* ---- bookings ---- */

#define SB_COLS                                                                                    \
    "b.id, b.space_id, b.user_id, b.group_name, b.contact, b.title, b.content, b.performers,"      \
    " b.audience, b.starts_at, b.ends_at, b.status, coalesce(b.series_id, 0),"                     \
    " coalesce(b.decided_by, 0), coalesce(b.decided_at, 0), b.reason, b.created_at"

#define SB_NCOLS 17

static void fill_booking(arena *a, db_stmt *st, space_booking *b)
{
    b->id = db_col_int(st, 0);
    b->space_id = db_col_int(st, 1);
    b->user_id = db_col_int(st, 2);
    b->group_name = col_str(a, st, 3);
    b->contact = col_str(a, st, 4);
    b->title = col_str(a, st, 5);
    b->content = col_str(a, st, 6);
    b->performers = (int)db_col_int(st, 7);
    b->audience = (int)db_col_int(st, 8);
    b->starts_at = db_col_int(st, 9);
    b->ends_at = db_col_int(st, 10);
    b->status = col_str(a, st, 11);
    b->series_id = db_col_int(st, 12);
    b->decided_by = db_col_int(st, 13);
    b->decided_at = db_col_int(st, 14);
    b->reason = col_str(a, st, 15);
    b->created_at = db_col_int(st, 16);
}

int store_space_booking_create(db *c, const space_booking *b, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO space_bookings(space_id, user_id, group_name, contact, title,"
                 " content, performers, audience, starts_at, ends_at, status, series_id,"
                 " created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id",
                 "iittttiiiiIii", b->space_id, b->user_id, b->group_name, b->contact, b->title,
                 b->content ? b->content : "", (int64_t)b->performers, (int64_t)b->audience,
                 b->starts_at, b->ends_at, b->series_id, now, now),
        id);
}

int store_space_booking_set_series(db *c, int64_t id, int64_t series_id)
{
    return db_run(c, "UPDATE space_bookings SET series_id = ? WHERE id = ?", "ii", series_id, id);
}

int store_space_booking_get(db *c, arena *a, int64_t id, space_booking *out)
{
    db_stmt *st = db_query(c, "SELECT " SB_COLS " FROM space_bookings b WHERE b.id = ?", "i", id);
    return STORE_ONE(a, st, fill_booking, out);
}

int store_space_booking_series(db *c, arena *a, int64_t series_id, space_booking **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SB_COLS " FROM space_bookings b WHERE b.series_id = ?"
                           " ORDER BY b.starts_at, b.id",
                           "i", series_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, space_booking, fill_booking, out, n);
}

int store_space_booking_overlap(db *c, arena *a, int64_t space_id, int64_t starts, int64_t ends,
                                int64_t exclude, space_booking *out)
{
    /* [s1, e1) and [s2, e2) overlap exactly when s1 < e2 and s2 < e1 */
    db_stmt *st = db_query(c,
                           "SELECT " SB_COLS " FROM space_bookings b WHERE b.space_id = ?"
                           " AND b.status = 'approved' AND b.starts_at < ? AND b.ends_at > ?"
                           " AND b.id <> ? ORDER BY b.starts_at LIMIT 1",
                           "iiii", space_id, ends, starts, exclude);
    return STORE_ONE(a, st, fill_booking, out);
}

int store_space_booking_set_status(db *c, int64_t id, const char *from, const char *to,
                                   int64_t decided_by, const char *reason, int64_t now)
{
    int rc = decided_by ? db_run(c,
                                 "UPDATE space_bookings SET status = ?, decided_by = ?,"
                                 " decided_at = ?, reason = ?, updated_at = ?"
                                 " WHERE id = ? AND status = ?",
                                 "tiitiit", to, decided_by, now, reason, now, id, from)
                        : db_run(c,
                                 "UPDATE space_bookings SET status = ?, updated_at = ?"
                                 " WHERE id = ? AND status = ?",
                                 "tiit", to, now, id, from);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* A list row: the booking, its space's name, division, venue and kind, its applicant's name
 * and phone, and (staff lists) the first approved booking a pending one overlaps, all from
 * one statement. The overlap is the rule of store_space_booking_overlap: [s1, e1) and
 * [s2, e2) overlap exactly when s1 < e2 and s2 < e1; the subquery uses the index on
 * (space_id, status, starts_at). */
#define ROW_COLS                                                                                   \
    SB_COLS ", s.name, s.division, coalesce(s.venue_id, 0), s.kind, u.name, u.phone, u.division,"  \
            " u.status, u.created_at, coalesce(w.id, 0), coalesce(w.starts_at, 0),"                \
            " coalesce(w.ends_at, 0), w.group_name"
#define CONFLICT_ID                                                                                \
    "CASE WHEN b.status = 'pending' AND ? = 1 THEN"                                                \
    " (SELECT o.id FROM space_bookings o WHERE o.space_id = b.space_id"                            \
    " AND o.status = 'approved' AND o.starts_at < b.ends_at AND o.ends_at > b.starts_at"           \
    " AND o.id <> b.id ORDER BY o.starts_at LIMIT 1) END"

static void fill_row(arena *a, db_stmt *st, space_booking_row *r)
{
    memset(r, 0, sizeof(*r));
    fill_booking(a, st, &r->b);
    r->s.id = r->b.space_id;
    r->s.name = col_str(a, st, SB_NCOLS);
    r->s.division = col_str(a, st, SB_NCOLS + 1);
    r->s.venue_id = db_col_int(st, SB_NCOLS + 2);
    r->s.kind = col_str(a, st, SB_NCOLS + 3);
    r->s.lon = r->s.lat = NAN;
    r->applicant.id = r->b.user_id;
    r->applicant.name = col_str(a, st, SB_NCOLS + 4);
    r->applicant.phone = col_str(a, st, SB_NCOLS + 5);
    r->applicant.division = col_str(a, st, SB_NCOLS + 6);
    r->applicant.status = col_str(a, st, SB_NCOLS + 7);
    r->applicant.created_at = db_col_int(st, SB_NCOLS + 8);
    r->conflict.id = db_col_int(st, SB_NCOLS + 9);
    r->conflict.space_id = r->b.space_id;
    r->conflict.starts_at = db_col_int(st, SB_NCOLS + 10);
    r->conflict.ends_at = db_col_int(st, SB_NCOLS + 11);
    r->conflict.group_name = col_str(a, st, SB_NCOLS + 12);
    r->conflict.status = "approved";
}

int store_space_bookings_of_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                                 space_booking_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " ROW_COLS " FROM (SELECT b.*, " CONFLICT_ID " AS cid"
                 " FROM space_bookings b WHERE b.user_id = ? AND (? = 0 OR b.id < ?)"
                 " ORDER BY b.id DESC LIMIT ?) b"
                 " JOIN spaces s ON s.id = b.space_id JOIN users u ON u.id = b.user_id"
                 " LEFT JOIN space_bookings w ON w.id = b.cid ORDER BY b.id DESC",
                 "iiiii", (int64_t)0, user_id, before, before, (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, space_booking_row, fill_row, out, n);
}

int store_space_bookings_list(db *c, arena *a, const char *status, const char *prefix,
                              int64_t space_id, int64_t after, int limit, space_booking_row **out,
                              size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT " ROW_COLS " FROM (SELECT b.*, " CONFLICT_ID " AS cid"
        " FROM space_bookings b JOIN spaces s ON s.id = b.space_id WHERE b.id > ?"
        " AND (CAST(? AS TEXT) IS NULL OR b.status = ?)"
        " AND (? = '' OR (s.division >= ? AND s.division < ?))"
        " AND (? = 0 OR b.space_id = ?)"
        " ORDER BY b.id LIMIT ?) b"
        " JOIN spaces s ON s.id = b.space_id JOIN users u ON u.id = b.user_id"
        " LEFT JOIN space_bookings w ON w.id = b.cid ORDER BY b.id",
        "iitttttiii", (int64_t)1, after, status, status, prefix ? prefix : "", prefix ? prefix : "",
        prefix_end(a, prefix), space_id, space_id, (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, space_booking_row, fill_row, out, n);
}

int store_space_schedule(db *c, arena *a, int64_t space_id, int64_t from, int64_t to,
                         space_booking **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SB_COLS " FROM space_bookings b WHERE b.space_id = ?"
                           " AND b.status = 'approved' AND b.starts_at < ? AND b.ends_at > ?"
                           " ORDER BY b.starts_at LIMIT 1000",
                           "iii", space_id, to, from);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, space_booking, fill_booking, out, n);
}

/* The active spaces of a subtree created before a time: parameters before, prefix x3. */
#define OCC_SPACES                                                                                 \
    " sp.status = 'active' AND sp.created_at < ?"                                                  \
    " AND (? = '' OR (sp.division >= ? AND sp.division < ?))"
#define OCC_BOOKED                                                                                 \
    " FROM space_bookings b JOIN spaces sp ON sp.id = b.space_id"                                  \
    " WHERE b.status = 'approved' AND b.starts_at >= ? AND b.starts_at < ? AND" OCC_SPACES

int store_space_occupancy(db *c, arena *a, const char *prefix, int64_t from, int64_t to,
                          double *open_daily, double *booked)
{
    const char *p = prefix ? prefix : "", *pe = prefix_end(a, prefix);
    db_stmt *st = db_query(c,
                           "SELECT (SELECT coalesce(sum(sp.closes - sp.opens), 0) FROM spaces sp"
                           " WHERE" OCC_SPACES "),"
                           " (SELECT coalesce(sum(b.ends_at - b.starts_at), 0)" OCC_BOOKED ")",
                           "itttiiittt", to, p, p, pe, from, to, to, p, p, pe);
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1) {
        *open_daily = db_col_double(st, 0);
        *booked = db_col_double(st, 1) / 60000.0;
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

static void fill_occ_row(arena *a, db_stmt *st, tally_row *r)
{
    r->id = db_col_int(st, 0);
    r->title = col_str(a, st, 1);
    r->at = db_col_int(st, 2);
    r->value = (double)(db_col_int(st, 3) - r->at) / 3600000.0;
}

int store_space_occupancy_rows(db *c, arena *a, const char *prefix, int64_t from, int64_t to,
                               int64_t after, int limit, tally_row **out, size_t *n)
{
    const char *p = prefix ? prefix : "", *pe = prefix_end(a, prefix);
    db_stmt *st =
        db_query(c,
                 "SELECT b.id, b.title, b.starts_at, b.ends_at" OCC_BOOKED
                 " AND b.id > ? ORDER BY b.id LIMIT ?",
                 "iiitttii", from, to, to, p, p, pe, after, (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, tally_row, fill_occ_row, out, n);
}
