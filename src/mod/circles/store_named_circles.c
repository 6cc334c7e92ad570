/* store_named_circles: named circles (sql/0019) and the count of those that pass. */
#include "mod/circles/named_circle_store.h"
#include "db/store_util.h"

#define NC_COLS                                                                                    \
    "id, name, division, kind, geojson, rule, minutes, lon, lat, coalesce(passed, -1),"            \
    " coalesce(reached, 0), mode, coalesce(checked_at, 0), coalesce(created_by, 0), created_at,"   \
    " updated_at"

static void fill_nc(arena *a, db_stmt *st, named_circle *nc)
{
    nc->id = db_col_int(st, 0);
    nc->name = col_str(a, st, 1);
    nc->division = col_str(a, st, 2);
    nc->kind = col_str(a, st, 3);
    nc->geojson = col_str(a, st, 4);
    nc->rule = col_str(a, st, 5);
    nc->minutes = db_col_double(st, 6);
    nc->lon = col_real(st, 7);
    nc->lat = col_real(st, 8);
    nc->passed = (int)db_col_int(st, 9);
    nc->reached = (int)db_col_int(st, 10);
    nc->mode = col_str(a, st, 11);
    nc->checked_at = db_col_int(st, 12);
    nc->created_by = db_col_int(st, 13);
    nc->created_at = db_col_int(st, 14);
    nc->updated_at = db_col_int(st, 15);
}

int store_named_circle_create(db *c, const named_circle *nc, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO named_circles(name, division, kind, geojson, rule, minutes, lon, lat,"
                 " created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttttdDDIii", nc->name, nc->division, nc->kind, nc->geojson, nc->rule,
                 nc->minutes, nc->lon, nc->lat, nc->created_by, now, now),
        id);
}

int store_named_circle_get(db *c, arena *a, int64_t id, named_circle *out)
{
    db_stmt *st = db_query(c, "SELECT " NC_COLS " FROM named_circles WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_nc, out);
}

int store_named_circle_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                            named_circle **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " NC_COLS " FROM named_circles WHERE id > ?"
                           " AND (? = '' OR (division >= ? AND division < ?))"
                           " ORDER BY id LIMIT ?",
                           "ittti", after, prefix ? prefix : "", prefix ? prefix : "",
                           prefix_end(a, prefix), (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, named_circle, fill_nc, out, n);
}

int store_named_circle_checked(db *c, int64_t id, double lon, double lat, int passed, int reached,
                               const char *mode, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE named_circles SET lon = ?, lat = ?, passed = ?, reached = ?, mode = ?,"
                    " checked_at = ?, updated_at = ? WHERE id = ?",
                    "DDiitiii", lon, lat, (int64_t)(passed ? 1 : 0), (int64_t)reached, mode, now,
                    now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

#define PASSING                                                                                    \
    " FROM named_circles WHERE passed = 1 AND checked_at < ?"                                      \
    " AND (? = '' OR (division >= ? AND division < ?))"

int store_named_circle_passing(db *c, arena *a, const char *prefix, int64_t before, int64_t *count)
{
    db_stmt *st = db_query(c, "SELECT count(*)" PASSING, "ittt", before, prefix ? prefix : "",
                           prefix ? prefix : "", prefix_end(a, prefix));
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1)
        *count = db_col_int(st, 0);
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

static void fill_passing(arena *a, db_stmt *st, tally_row *r)
{
    r->id = db_col_int(st, 0);
    r->title = col_str(a, st, 1);
    r->at = db_col_int(st, 2);
    r->value = 1;
}

int store_named_circle_passing_rows(db *c, arena *a, const char *prefix, int64_t before,
                                    int64_t after, int limit, tally_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c, "SELECT id, name, checked_at" PASSING " AND id > ? ORDER BY id LIMIT ?",
                 "itttii", before, prefix ? prefix : "", prefix ? prefix : "",
                 prefix_end(a, prefix), after, (int64_t)(limit > 0 ? limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, tally_row, fill_passing, out, n);
}
