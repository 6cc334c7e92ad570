/*
 * fuzz_named_circle: the outline of a named circle, a GeoJSON Polygon or MultiPolygon (or a
 * Feature of one) that a planner draws or uploads (POST /api/v1/circles/named, the page's
 * form), as nc_shape_parse reads it (src/mod/circles/named_circle.c). The input is the text
 * (an embedded NUL ends it, as in a JSON string). The target aborts when a promise of
 * named_circle.h is broken: a shape read has rings of at least four points on the globe, one
 * after the other; its bounding box is that of its points; its centroid lies in that box;
 * nothing well outside the box is inside the shape. A shape that reads is then designated as
 * a circle (named_circle_create by a planner, on a real SQLite database in memory with a few
 * open venues, radius mode) and must be stored and checked, or refused for a reason that is
 * the caller's (never an internal error nor a conflict with the database's constraints).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_db.h"
#include "mod/circles/named_circle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wy_config cfg;

/* The database, with a planner of 51 and venues around Panzhihua and around (0, 0). */
static store *circle_store(principal *who)
{
    static store *st;
    static int64_t uid;
    static role_grant grant = {.role = "planner", .division = "51"};
    if (!st) {
        st = fuzz_store(&cfg);
        db *c = store_acquire(st);
        db_stmt *q =
            db_query(c,
                     "INSERT INTO users(phone, name, password_hash, created_at, updated_at)"
                     " VALUES ('13800000042', 'planner', 'x', 0, 0) RETURNING id",
                     "");
        if (!q || db_step(q) != 1)
            abort();
        uid = db_col_int(q, 0);
        db_done(q);
        static const double at[][2] = {{101.718, 26.58},  {101.72, 26.581}, {101.716, 26.579},
                                       {101.719, 26.578}, {0.001, 0.001},   {-0.001, 0.0005},
                                       {179.999, 89.999}, {-180, -90}};
        for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
            if (db_run(c,
                       "INSERT INTO venues(name, category, division, lon, lat, status, created_at,"
                       " updated_at) VALUES ('v', 'library', '510402', ?, ?, 'open', 0, 0)",
                       "dd", at[i][0], at[i][1]) != WY_OK)
                abort();
        store_release(st, c);
    }
    *who = (principal){.user_id = uid, .grants = &grant, .ngrants = 1};
    return st;
}

static void check_shape(const nc_shape *s)
{
    if (s->nrings == 0 || !s->xy || !s->ring_end)
        abort();
    double min_lon = INFINITY, max_lon = -INFINITY, min_lat = INFINITY, max_lat = -INFINITY;
    size_t start = 0;
    for (size_t r = 0; r < s->nrings; r++) {
        if (s->ring_end[r] < start + 4)
            abort();
        for (size_t i = start; i < s->ring_end[r]; i++) {
            double x = s->xy[2 * i], y = s->xy[2 * i + 1];
            if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
                abort();
            min_lon = fmin(min_lon, x);
            max_lon = fmax(max_lon, x);
            min_lat = fmin(min_lat, y);
            max_lat = fmax(max_lat, y);
        }
        start = s->ring_end[r];
    }
    if (min_lon != s->min_lon || max_lon != s->max_lon || min_lat != s->min_lat ||
        max_lat != s->max_lat)
        abort();
    if (!(s->cx >= s->min_lon && s->cx <= s->max_lon && s->cy >= s->min_lat && s->cy <= s->max_lat))
        abort();
    (void)nc_shape_contains(s, s->cx, s->cy);
    if (nc_shape_contains(s, s->min_lon - 1, s->cy) ||
        nc_shape_contains(s, s->max_lon + 1, s->cy) ||
        nc_shape_contains(s, s->cx, s->min_lat - 1) || nc_shape_contains(s, s->cx, s->max_lat + 1))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    principal who;
    store *st = circle_store(&who);
    if (size > 65536)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    text[size] = '\0';

    arena a;
    arena_init(&a, 1 << 26);
    nc_shape s;
    if (nc_shape_parse(&a, text, &s) < 0) {
        arena_free(&a);
        free(text);
        return 0;
    }
    check_shape(&s);

    wy_ctx ctx = {
        .c = store_acquire(st), .a = &a, .cfg = &cfg, .now = 1795329000000LL, .who = &who};
    named_circle_input in = {.name = "圈",
                             .division = "510402",
                             .kind = "area",
                             .geojson = text,
                             .lon = NAN,
                             .lat = NAN};
    named_circle nc;
    if (named_circle_create(&ctx, &in, &nc) == 0) {
        if (!(nc.lon >= s.min_lon && nc.lon <= s.max_lon && nc.lat >= s.min_lat &&
              nc.lat <= s.max_lat) ||
            (nc.passed != 0 && nc.passed != 1) || nc.reached < 0 || !nc.mode ||
            strcmp(nc.mode, "radius"))
            abort();
        if (db_run(ctx.c, "DELETE FROM named_circles WHERE id = ?", "i", nc.id) != WY_OK)
            abort();
    } else if (ctx.err.cls == E_INTERNAL || ctx.err.cls == E_CONFLICT || !ctx.err.code) {
        abort();
    }
    store_release(st, ctx.c);
    arena_free(&a);
    free(text);
    return 0;
}
