/* named_circle: see named_circle.h. */
#include "mod/circles/named_circle.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "geo/circle.h"
#include "mod/circles/circles.h"
#include "mod/venues/venue_store.h"
#include "util/csvread.h"

#define MAX_POINTS 200000 /* of every ring together: a county outline has a few thousand */

/* ---- geometry ---- */

typedef struct shape_builder {
    arena *a;
    double *xy;
    size_t n, cap;
    size_t *ends;
    size_t nrings, rcap;
    double best_area; /* |area| of the largest outer ring so far */
    double cx, cy;
} shape_builder;

static int add_ring(shape_builder *b, json_t *ring, int outer)
{
    if (!json_is_array(ring) || json_array_size(ring) < 4)
        return -1;
    size_t m = json_array_size(ring);
    if (b->n + m > MAX_POINTS)
        return -1;
    if (b->n + m > b->cap) {
        size_t cap = (b->n + m) * 2;
        double *xy = arena_alloc(b->a, cap * 2 * sizeof(double));
        if (!xy)
            return -1;
        if (b->n)
            memcpy(xy, b->xy, b->n * 2 * sizeof(double));
        b->xy = xy;
        b->cap = cap;
    }
    if (b->nrings == b->rcap) {
        size_t rcap = b->rcap ? b->rcap * 2 : 8;
        size_t *ends = arena_alloc(b->a, rcap * sizeof(size_t));
        if (!ends)
            return -1;
        if (b->nrings)
            memcpy(ends, b->ends, b->nrings * sizeof(size_t));
        b->ends = ends;
        b->rcap = rcap;
    }
    size_t first = b->n;
    for (size_t i = 0; i < m; i++) {
        json_t *p = json_array_get(ring, i);
        if (!json_is_array(p) || json_array_size(p) < 2 || !json_is_number(json_array_get(p, 0)) ||
            !json_is_number(json_array_get(p, 1)))
            return -1;
        double x = json_number_value(json_array_get(p, 0)),
               y = json_number_value(json_array_get(p, 1));
        if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
            return -1;
        b->xy[2 * b->n] = x;
        b->xy[2 * b->n + 1] = y;
        b->n++;
    }
    b->ends[b->nrings++] = b->n;
    if (outer) { /* the centroid of the largest outer ring (shoelace, about its first point) */
        double ox = b->xy[2 * first], oy = b->xy[2 * first + 1];
        double area = 0, sx = 0, sy = 0;
        for (size_t i = first; i + 1 < b->n; i++) {
            double x0 = b->xy[2 * i] - ox, y0 = b->xy[2 * i + 1] - oy;
            double x1 = b->xy[2 * i + 2] - ox, y1 = b->xy[2 * i + 3] - oy;
            double cr = x0 * y1 - x1 * y0;
            area += cr;
            sx += (x0 + x1) * cr;
            sy += (y0 + y1) * cr;
        }
        if (fabs(area) > b->best_area) {
            b->best_area = fabs(area);
            b->cx = ox + sx / (3 * area);
            b->cy = oy + sy / (3 * area);
            /* A ring that crosses itself (a bow tie) has lobes of opposite signs that cancel:
             * its "centroid" may then lie anywhere, off the globe even. The centroid of a
             * simple ring lies within its bounding box; otherwise take the box's centre. */
            double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
            for (size_t i = first; i < b->n; i++) {
                x0 = fmin(x0, b->xy[2 * i]);
                x1 = fmax(x1, b->xy[2 * i]);
                y0 = fmin(y0, b->xy[2 * i + 1]);
                y1 = fmax(y1, b->xy[2 * i + 1]);
            }
            if (!(b->cx >= x0 && b->cx <= x1 && b->cy >= y0 && b->cy <= y1)) {
                b->cx = x0 + (x1 - x0) / 2;
                b->cy = y0 + (y1 - y0) / 2;
            }
        }
    }
    return 0;
}

static int add_polygon(shape_builder *b, json_t *rings)
{
    if (!json_is_array(rings) || json_array_size(rings) == 0)
        return -1;
    for (size_t i = 0; i < json_array_size(rings); i++)
        if (add_ring(b, json_array_get(rings, i), i == 0) < 0)
            return -1;
    return 0;
}

int nc_shape_parse(arena *a, const char *geojson, nc_shape *out)
{
    memset(out, 0, sizeof(*out));
    if (!geojson)
        return -1;
    json_t *root = json_loads(geojson, JSON_REJECT_DUPLICATES, NULL);
    json_t *g = root;
    const char *type = json_string_value(json_object_get(g, "type"));
    if (type && !strcmp(type, "Feature")) {
        g = json_object_get(root, "geometry");
        type = json_string_value(json_object_get(g, "type"));
    }
    shape_builder b = {.a = a};
    json_t *coords = json_object_get(g, "coordinates");
    int rc = -1;
    if (type && !strcmp(type, "Polygon")) {
        rc = add_polygon(&b, coords);
    } else if (type && !strcmp(type, "MultiPolygon") && json_is_array(coords) &&
               json_array_size(coords) > 0) {
        rc = 0;
        for (size_t i = 0; i < json_array_size(coords) && rc == 0; i++)
            rc = add_polygon(&b, json_array_get(coords, i));
    }
    json_decref(root);
    if (rc < 0 || b.best_area <= 0)
        return -1;
    out->xy = b.xy;
    out->ring_end = b.ends;
    out->nrings = b.nrings;
    out->min_lon = out->min_lat = INFINITY;
    out->max_lon = out->max_lat = -INFINITY;
    for (size_t i = 0; i < b.n; i++) {
        out->min_lon = fmin(out->min_lon, b.xy[2 * i]);
        out->max_lon = fmax(out->max_lon, b.xy[2 * i]);
        out->min_lat = fmin(out->min_lat, b.xy[2 * i + 1]);
        out->max_lat = fmax(out->max_lat, b.xy[2 * i + 1]);
    }
    out->cx = b.cx;
    out->cy = b.cy;
    return 0;
}

int nc_shape_contains(const nc_shape *s, double x, double y)
{
    int in = 0;
    size_t start = 0;
    for (size_t r = 0; r < s->nrings; r++) {
        size_t end = s->ring_end[r];
        for (size_t i = start, j = end - 1; i < end; j = i++) {
            double xi = s->xy[2 * i], yi = s->xy[2 * i + 1];
            double xj = s->xy[2 * j], yj = s->xy[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                in = !in;
        }
        start = end;
    }
    return in;
}

/* ---- the check ---- */

/* The outline of nc: its own polygon, or its division's boundary. */
static int outline(wy_ctx *ctx, const named_circle *nc, nc_shape *s)
{
    const char *text = nc->geojson;
    if (!strcmp(nc->kind, "division")) {
        division_shape sh;
        int rc = store_shape_get(ctx->c, ctx->a, nc->division, &sh);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_RULE, "no_boundary",
                                 "That division has no boundary: draw the area instead.",
                                 "division");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "division boundary");
        text = sh.geojson;
    }
    if (nc_shape_parse(ctx->a, text, s) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_geojson",
                             "The area is a GeoJSON Polygon or MultiPolygon in WGS84.", "geojson");
    return 0;
}

/* Run the circle analysis for nc and record the verdict. */
static int check(wy_ctx *ctx, named_circle *nc)
{
    nc_shape s;
    if (outline(ctx, nc, &s) < 0)
        return -1;
    double lon = isnan(nc->lon) ? s.cx : nc->lon, lat = isnan(nc->lat) ? s.cy : nc->lat;
    venue_filter f = {.has_bbox = 1,
                      .min_lon = s.min_lon,
                      .max_lon = s.max_lon,
                      .min_lat = s.min_lat,
                      .max_lat = s.max_lat,
                      .limit = 100000};
    venue *vs;
    size_t nv;
    int rc = store_venue_list(ctx->c, ctx->a, &f, &vs, &nv);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "circle venues");
    circle_venue *cv = arena_alloc(ctx->a, (nv + 1) * sizeof(*cv));
    if (!cv)
        return wy_fail_store(ctx, WY_NOMEM, "circle venues");
    size_t k = 0;
    for (size_t i = 0; i < nv; i++)
        if (!strcmp(vs[i].status, "open") && !isnan(vs[i].lon) && !isnan(vs[i].lat) &&
            nc_shape_contains(&s, vs[i].lon, vs[i].lat))
            circle_venue_set(&cv[k++], vs[i].lon, vs[i].lat, vs[i].category, vs[i].name, NULL);
    circle_params p;
    circle_params_default(&p);
    char err[256];
    if (circle_rule_parse(nc->rule, &p.rule, err, sizeof(err)) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_rule",
                             "The rule is count:N[:categories] or zj[:R:F].", "rule");
    p.minutes = nc->minutes;
    const geo_graph *g = circles_graph();
    if (!g) { /* no walking network: the straight-line reach of the walk */
        p.mode = CIRCLE_RADIUS;
        p.radius_urban_m = p.radius_rural_m = p.speed_kmh * 1000.0 / 60.0 * p.minutes;
    }
    circle_point pt = {.lon = lon, .lat = lat, .weight = 1, .name = nc->name};
    int passed = 0, reached = 0;
    if (k > 0) {
        circle_report rep;
        if (circle_run(&p, g, cv, k, &pt, 1, &rep, err, sizeof(err)) < 0)
            return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
        passed = rep.n_points == 1 && rep.points[0].covered;
        reached = rep.n_points == 1 ? (int)rep.points[0].n_counted : 0;
        circle_report_free(&rep);
    }
    const char *mode = g ? "network" : "radius";
    rc = store_named_circle_checked(ctx->c, nc->id, lon, lat, passed, reached, mode, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "named circle");
    return store_named_circle_get(ctx->c, ctx->a, nc->id, nc) == WY_OK
               ? 0
               : wy_fail_store(ctx, WY_ERR, "named circle");
}

int named_circle_create(wy_ctx *ctx, const named_circle_input *in, named_circle *out)
{
    named_circle nc = {.name = in->name,
                       .division = in->division,
                       .kind = in->kind ? in->kind : "area",
                       .geojson = in->geojson,
                       .minutes = in->minutes > 0 ? in->minutes : NAMED_CIRCLE_MINUTES,
                       .lon = in->lon,
                       .lat = in->lat,
                       .created_by = ctx->who ? ctx->who->user_id : 0};
    if (!nc.name || !*nc.name || !utf8_valid(nc.name, strlen(nc.name)) ||
        utf8_length(nc.name) > 100)
        return wy_fail_field(ctx, E_INVALID, "bad_name", "The name is 1 to 100 characters.",
                             "name");
    division d;
    if (!nc.division || store_division_get(ctx->c, ctx->a, nc.division, &d) != WY_OK)
        return wy_fail_field(ctx, E_INVALID, "bad_division", "No such division.", "division");
    if (authz_require(ctx, PERM_CIRCLES_PLAN, nc.division) < 0)
        return -1;
    if (strcmp(nc.kind, "division") && strcmp(nc.kind, "area"))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "The kind is division or area.", "kind");
    if (!strcmp(nc.kind, "division"))
        nc.geojson = NULL;
    else if (!nc.geojson)
        return wy_fail_field(ctx, E_INVALID, "bad_geojson",
                             "The area is a GeoJSON Polygon or MultiPolygon in WGS84.", "geojson");
    circle_rule r;
    char err[128], canon[96];
    if (circle_rule_parse(in->rule ? in->rule : NAMED_CIRCLE_RULE, &r, err, sizeof(err)) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_rule",
                             "The rule is count:N[:categories] or zj[:R:F].", "rule");
    circle_rule_format(&r, canon, sizeof(canon));
    nc.rule = canon;
    if (!(nc.minutes >= 1 && nc.minutes <= 120))
        return wy_fail_field(ctx, E_INVALID, "bad_minutes", "minutes is 1 to 120.", "minutes");
    if (isnan(nc.lon) != isnan(nc.lat) ||
        (!isnan(nc.lon) && !(nc.lon >= -180 && nc.lon <= 180 && nc.lat >= -90 && nc.lat <= 90)))
        return wy_fail_field(ctx, E_INVALID, "bad_centre",
                             "The centre is a longitude and a latitude (WGS84), or none.", "lon");
    nc_shape s;
    if (outline(ctx, &nc, &s) < 0) /* refuse what cannot be checked before storing it */
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc == WY_OK)
        rc = store_named_circle_create(ctx->c, &nc, ctx->now, &nc.id);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        return wy_fail_store(ctx, rc, "named circle");
    }
    if (check(ctx, &nc) < 0) {
        store_rollback(ctx->c);
        return -1;
    }
    rc = store_commit(ctx->c);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "named circle");
    *out = nc;
    return 0;
}

int named_circle_get(wy_ctx *ctx, int64_t id, named_circle *out)
{
    int rc = store_named_circle_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "named circle");
}

int named_circle_check(wy_ctx *ctx, int64_t id, named_circle *out)
{
    if (named_circle_get(ctx, id, out) < 0)
        return -1;
    if (authz_require(ctx, PERM_CIRCLES_PLAN, out->division) < 0)
        return -1;
    return check(ctx, out);
}

int named_circle_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                      named_circle **out, size_t *n)
{
    if (limit < 1 || limit > 200)
        limit = 50;
    int rc = store_named_circle_list(ctx->c, ctx->a, division && *division ? division : NULL, after,
                                     limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "named circles");
}

int named_circle_indicator_quality(wy_ctx *ctx, const char *division, int64_t from_ms,
                                   int64_t to_ms, double *out)
{
    (void)from_ms;
    int64_t n;
    int rc = store_named_circle_passing(ctx->c, ctx->a, division, to_ms, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "quality circles");
    *out = (double)n;
    return 0;
}

int named_circle_indicator_quality_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                           int64_t to_ms, int64_t after, int limit, wy_record **out,
                                           size_t *n)
{
    (void)from_ms;
    tally_row *rows;
    size_t nr;
    int rc =
        store_named_circle_passing_rows(ctx->c, ctx->a, division, to_ms, after, limit, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "quality circles");
    wy_record *r = arena_alloc(ctx->a, (nr + 1) * sizeof(*r));
    if (!r)
        return wy_fail_store(ctx, WY_NOMEM, "quality circles");
    for (size_t i = 0; i < nr; i++)
        r[i] = (wy_record){
            .id = rows[i].id,
            .kind = "named_circle",
            .title = rows[i].title,
            .href = arena_sprintf(ctx->a, "/api/v1/circles/named/%lld", (long long)rows[i].id),
            .at = rows[i].at,
            .value = 1};
    *out = r;
    *n = nr;
    return 0;
}
