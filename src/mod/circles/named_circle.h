/*
 * named_circle: named circles (命名的文化生活圈). A planner designates a community, a town or an
 * area (a division's boundary from division_shapes, or a polygon drawn on the map) with a
 * circle rule ("count:4": Panzhihua's at least 4 venues or spaces within 15 minutes), and
 * wenyun checks it with the circle analysis (geo/circle.h) restricted to the area: the demand
 * point is the area's centre (given, or the centroid of its largest outline), the venues are
 * the open venues of the database inside the area, and the walk is on the loaded walking
 * network (circles_graph), or without one within the straight-line distance of the walk
 * (speed × minutes). The circle passes when that point is covered under the rule.
 *
 * The indicator circles.quality_circles counts the circles of a subtree that passed at their
 * last check, made before the end of the period. Creating and checking are planners' work
 * (PERM_CIRCLES_PLAN over the circle's division); the list is public.
 */
#ifndef WY_NAMED_CIRCLE_H
#define WY_NAMED_CIRCLE_H

#include "core/domain.h"
#include "mod/circles/named_circle_store.h"
#include "core/indicator.h"

#define NAMED_CIRCLE_RULE    "count:4"
#define NAMED_CIRCLE_MINUTES 15.0

/* What a planner gives: name, division, kind ("division" or "area"), geojson (kind area: a
 * Polygon or MultiPolygon geometry, or a Feature of one), rule (NULL: NAMED_CIRCLE_RULE),
 * minutes (0: 15), and optionally the centre (NAN: the centroid). */
typedef struct named_circle_input {
    const char *name, *division, *kind, *geojson, *rule;
    double minutes;
    double lon, lat;
} named_circle_input;

/* Validate, store and check at once; *out the circle as stored after the check. */
int named_circle_create(wy_ctx *ctx, const named_circle_input *in, named_circle *out);
/* Check the circle again (the venues may have changed); *out as stored after. */
int named_circle_check(wy_ctx *ctx, int64_t id, named_circle *out);
int named_circle_get(wy_ctx *ctx, int64_t id, named_circle *out);
int named_circle_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                      named_circle **out, size_t *n);

/* circles.quality_circles: named circles of the subtree that passed their rule at their last
 * check, made before the end of the period. Records: those circles. */
int named_circle_indicator_quality(wy_ctx *ctx, const char *division, int64_t from_ms,
                                   int64_t to_ms, double *out);
int named_circle_indicator_quality_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                           int64_t to_ms, int64_t after, int limit, wy_record **out,
                                           size_t *n);

/* The geometry of a GeoJSON Polygon / MultiPolygon (or a Feature of one): is (lon, lat)
 * inside (even-odd over every ring, so holes are out), its bounding box, its centroid (of the
 * largest outer ring; the centre of that ring's bounding box when the ring crosses itself so
 * that its centroid falls outside the box). -1 when the text is no such geometry. Exposed for
 * the tests. */
typedef struct nc_shape {
    double *xy;       /* lon, lat pairs of every ring, one after the other */
    size_t *ring_end; /* index (in points) after each ring's last point */
    size_t nrings;
    double min_lon, min_lat, max_lon, max_lat;
    double cx, cy;
} nc_shape;
int nc_shape_parse(arena *a, const char *geojson, nc_shape *out);
int nc_shape_contains(const nc_shape *s, double lon, double lat);

#endif
