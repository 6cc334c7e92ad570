/* store_venues: venues, their weekly hours and their dated exceptions. */
#include <math.h>

#include "mod/venues/venue_store.h"
#include "db/store_util.h"

#define VENUE_COLS                                                                                 \
    "id, external_id, name, category, division, address, lon, lat, area_m2,"                       \
    " coalesce(branch_of, 0), grade, coalesce(grade_year, 0), awards, contact, photos,"            \
    " status, created_at, updated_at"

static void fill_venue(arena *a, db_stmt *st, venue *v)
{
    v->id = db_col_int(st, 0);
    v->external_id = col_str(a, st, 1);
    v->name = col_str(a, st, 2);
    v->category = col_str(a, st, 3);
    v->division = col_str(a, st, 4);
    v->address = col_str(a, st, 5);
    v->lon = col_real(st, 6);
    v->lat = col_real(st, 7);
    v->area_m2 = col_real(st, 8);
    v->branch_of = db_col_int(st, 9);
    v->grade = col_str(a, st, 10);
    v->grade_year = (int)db_col_int(st, 11);
    v->awards = col_str(a, st, 12);
    v->contact = col_str(a, st, 13);
    v->photos = col_str(a, st, 14);
    v->status = col_str(a, st, 15);
    v->created_at = db_col_int(st, 16);
    v->updated_at = db_col_int(st, 17);
}

int store_venue_create(db *c, const venue *v, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO venues(external_id, name, category, division, address, lon, lat,"
                 " area_m2, branch_of, grade, grade_year, awards, contact, photos, status,"
                 " created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttttDDDItIttttii", v->external_id, v->name, v->category, v->division, v->address,
                 v->lon, v->lat, v->area_m2, v->branch_of, v->grade, (int64_t)v->grade_year,
                 v->awards, v->contact, v->photos, v->status ? v->status : "open", now, now),
        id);
}

int store_venue_update(db *c, const venue *v, int64_t now)
{
    int rc =
        db_run(c,
               "UPDATE venues SET external_id = ?, name = ?, category = ?, division = ?,"
               " address = ?, lon = ?, lat = ?, area_m2 = ?, branch_of = ?, grade = ?,"
               " grade_year = ?, awards = ?, contact = ?, photos = ?, status = ?,"
               " updated_at = ? WHERE id = ?",
               "tttttDDDItIttttii", v->external_id, v->name, v->category, v->division, v->address,
               v->lon, v->lat, v->area_m2, v->branch_of, v->grade, (int64_t)v->grade_year,
               v->awards, v->contact, v->photos, v->status ? v->status : "open", now, v->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_venue_set_grade(db *c, int64_t id, const char *grade, int year, int64_t now)
{
    int rc = db_run(c, "UPDATE venues SET grade = ?, grade_year = ?, updated_at = ? WHERE id = ?",
                    "tIii", grade, (int64_t)year, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_venue_get(db *c, arena *a, int64_t id, venue *out)
{
    db_stmt *st = db_query(c, "SELECT " VENUE_COLS " FROM venues WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_venue, out);
}

int store_venue_by_external(db *c, arena *a, const char *external_id, venue *out)
{
    db_stmt *st =
        db_query(c, "SELECT " VENUE_COLS " FROM venues WHERE external_id = ?", "t", external_id);
    return STORE_ONE(a, st, fill_venue, out);
}

int store_venue_list(db *c, arena *a, const venue_filter *f, venue **out, size_t *n)
{
    const char *like = f->q && *f->q ? like_contains(a, f->q) : NULL;
    if (f->q && *f->q && !like)
        return WY_NOMEM;
    db_stmt *st = db_query(c,
                           "SELECT " VENUE_COLS " FROM venues WHERE id > ?"
                           " AND (? = '' OR (division >= ? AND division < ?))"
                           " AND (CAST(? AS TEXT) IS NULL OR category = ?)"
                           " AND (CAST(? AS TEXT) IS NULL OR name LIKE ?" LIKE_ESCAPE ")"
                           " AND (? = 0 OR (lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?))"
                           " ORDER BY id LIMIT ?",
                           "itttttttiddddi", f->after, f->prefix ? f->prefix : "",
                           f->prefix ? f->prefix : "", prefix_end(a, f->prefix), f->category,
                           f->category, like, like, (int64_t)f->has_bbox, f->min_lon, f->max_lon,
                           f->min_lat, f->max_lat, (int64_t)(f->limit > 0 ? f->limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, venue, fill_venue, out, n);
}

int store_venue_fingerprint(db *c, const venue_filter *f, int64_t *count, int64_t *max_updated,
                            int64_t *max_id)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*), coalesce(max(updated_at), 0), coalesce(max(id), 0)"
                           " FROM venues WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
                           "dddd", f->min_lon, f->max_lon, f->min_lat, f->max_lat);
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1) {
        *count = db_col_int(st, 0);
        *max_updated = db_col_int(st, 1);
        *max_id = db_col_int(st, 2);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

int store_venue_count(db *c, arena *a, const char *prefix, int64_t before, int64_t *count)
{
    db_stmt *st =
        db_query(c,
                 "SELECT count(*) FROM venues WHERE status = 'open' AND created_at < ?"
                 " AND (? = '' OR (division >= ? AND division < ?))",
                 "ittt", before, prefix ? prefix : "", prefix ? prefix : "", prefix_end(a, prefix));
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1)
        *count = db_col_int(st, 0);
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

static void fill_hours(arena *a, db_stmt *st, venue_hours *h)
{
    (void)a;
    h->weekday = (int)db_col_int(st, 0);
    h->opens = (int)db_col_int(st, 1);
    h->closes = (int)db_col_int(st, 2);
    h->extended = (int)db_col_int(st, 3);
}

int store_venue_hours(db *c, arena *a, int64_t id, venue_hours **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT weekday, opens, closes, extended FROM venue_hours"
                           " WHERE venue_id = ? ORDER BY weekday, opens",
                           "i", id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, venue_hours, fill_hours, out, n);
}

int store_venue_set_hours(db *c, int64_t id, const venue_hours *h, size_t n)
{
    int rc = db_run(c, "DELETE FROM venue_hours WHERE venue_id = ?", "i", id);
    for (size_t i = 0; i < n && rc == WY_OK; i++)
        rc = db_run(c,
                    "INSERT INTO venue_hours(venue_id, weekday, opens, closes, extended)"
                    " VALUES (?, ?, ?, ?, ?)",
                    "iiiii", id, (int64_t)h[i].weekday, (int64_t)h[i].opens, (int64_t)h[i].closes,
                    (int64_t)h[i].extended);
    return rc;
}

static void fill_closure(arena *a, db_stmt *st, venue_closure *cl)
{
    cl->day = col_str(a, st, 0);
    cl->opens = db_col_null(st, 1) ? -1 : (int)db_col_int(st, 1);
    cl->closes = db_col_null(st, 2) ? -1 : (int)db_col_int(st, 2);
    cl->note = col_str(a, st, 3);
}

int store_venue_closures(db *c, arena *a, int64_t id, const char *from_day, venue_closure **out,
                         size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT day, opens, closes, note FROM venue_closures"
                           " WHERE venue_id = ? AND day >= ? ORDER BY day",
                           "it", id, from_day ? from_day : "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, venue_closure, fill_closure, out, n);
}

int store_venue_set_closures(db *c, int64_t id, const venue_closure *cl, size_t n)
{
    int rc = db_run(c, "DELETE FROM venue_closures WHERE venue_id = ?", "i", id);
    for (size_t i = 0; i < n && rc == WY_OK; i++) {
        /* opens/closes NULL: closed all day ('D' binds NAN as NULL) */
        double o = cl[i].opens < 0 ? NAN : cl[i].opens, e = cl[i].opens < 0 ? NAN : cl[i].closes;
        rc = db_run(c,
                    "INSERT INTO venue_closures(venue_id, day, opens, closes, note)"
                    " VALUES (?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER), ?)",
                    "itDDt", id, cl[i].day, o, e, cl[i].note);
    }
    return rc;
}

/* The venues of a venue_tally (its parameters, in this order: tally_args). */
#define TALLY_WHERE                                                                                \
    " WHERE status = 'open' AND created_at < ?"                                                    \
    " AND (? = '' OR (division >= ? AND division < ?))"                                            \
    " AND (CAST(? AS TEXT) IS NULL OR category = ?)"                                               \
    " AND (CAST(? AS TEXT) IS NULL OR ('|' || CAST(? AS TEXT) || '|') LIKE ('%|' || grade || "     \
    "'|%'))"                                                                                       \
    " AND (? = 0 OR coalesce(grade_year, 0) <= ?)"                                                 \
    " AND (? = 0 OR area_m2 IS NOT NULL)"                                                          \
    " AND (? = 0 OR EXISTS (SELECT 1 FROM venue_hours h"                                           \
    "   WHERE h.venue_id = venues.id AND h.extended = 1))"
#define TALLY_FMT "itttttttiiii"
#define TALLY_ARGS(a, t)                                                                           \
    (t)->before, (t)->prefix ? (t)->prefix : "", (t)->prefix ? (t)->prefix : "",                   \
        prefix_end((a), (t)->prefix), (t)->category, (t)->category, (t)->grades, (t)->grades,      \
        (int64_t)(t)->grade_year_max, (int64_t)(t)->grade_year_max, (int64_t)(t)->with_area,       \
        (int64_t)(t)->extended

int store_venue_tally(db *c, arena *a, const venue_tally *t, int64_t *count, double *area_m2)
{
    db_stmt *st = db_query(c, "SELECT count(*), coalesce(sum(area_m2), 0) FROM venues" TALLY_WHERE,
                           TALLY_FMT, TALLY_ARGS(a, t));
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1) {
        *count = db_col_int(st, 0);
        *area_m2 = db_col_double(st, 1);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

static void fill_tally_venue(arena *a, db_stmt *st, tally_row *r)
{
    r->id = db_col_int(st, 0);
    r->title = col_str(a, st, 1);
    r->at = 0;
    r->value = db_col_double(st, 2);
}

int store_venue_tally_rows(db *c, arena *a, const venue_tally *t, int64_t after, int limit,
                           tally_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT id, name, CASE WHEN ? = 1 THEN area_m2 ELSE 1 END FROM venues" TALLY_WHERE
                 " AND id > ? ORDER BY id LIMIT ?",
                 "i" TALLY_FMT "ii", (int64_t)t->with_area, TALLY_ARGS(a, t), after,
                 (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, tally_row, fill_tally_venue, out, n);
}

static void fill_span(arena *a, db_stmt *st, venue_span *s)
{
    (void)a;
    s->venue_id = db_col_int(st, 0);
    s->h.weekday = (int)db_col_int(st, 1);
    s->h.opens = (int)db_col_int(st, 2);
    s->h.closes = (int)db_col_int(st, 3);
    s->h.extended = (int)db_col_int(st, 4);
}

int store_venue_tally_hours(db *c, arena *a, const venue_tally *t, venue_span **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT venue_id, weekday, opens, closes, extended FROM venue_hours"
                           " WHERE venue_id IN (SELECT id FROM venues" TALLY_WHERE ")"
                           " ORDER BY venue_id, weekday, opens",
                           TALLY_FMT, TALLY_ARGS(a, t));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, venue_span, fill_span, out, n);
}
