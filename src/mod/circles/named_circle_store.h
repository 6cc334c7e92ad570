/*
 * named_circle_store: the rows and statements of named circles (sql/0019_named_circles.sql):
 * areas a planner checks against a circle rule, and the count of those that pass
 * (store_named_circles.c). The store keeps no rule (mod/circles/named_circle.h does).
 */
#ifndef WY_NAMED_CIRCLE_STORE_H
#define WY_NAMED_CIRCLE_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct named_circle {
    int64_t id;
    const char *name;
    const char *division;
    const char *kind;    /* "division" (its boundary) or "area" (geojson) */
    const char *geojson; /* a Polygon or MultiPolygon geometry (kind area), or NULL */
    const char *rule;    /* circle rule text: "count:4" */
    double minutes;
    double lon, lat;  /* the centre walked from; NAN until known */
    int passed;       /* -1: not checked yet */
    int reached;      /* venues counted toward the rule at the last check */
    const char *mode; /* "network" or "radius": how the last check walked */
    int64_t checked_at, created_by, created_at, updated_at;
} named_circle;

int store_named_circle_create(db *c, const named_circle *nc, int64_t now, int64_t *id);
int store_named_circle_get(db *c, arena *a, int64_t id, named_circle *out);
/* The circles of a subtree (NULL: all) by id after after. */
int store_named_circle_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                            named_circle **out, size_t *n);
/* Record a check: the centre walked from, the verdict, the venues counted, how. */
int store_named_circle_checked(db *c, int64_t id, double lon, double lat, int passed, int reached,
                               const char *mode, int64_t now);
/* The circles of a subtree that passed at a check made before a time: their number, and
 * them by id after after (title the name, at the check, value 1). */
int store_named_circle_passing(db *c, arena *a, const char *prefix, int64_t before, int64_t *count);
int store_named_circle_passing_rows(db *c, arena *a, const char *prefix, int64_t before,
                                    int64_t after, int limit, tally_row **out, size_t *n);

#endif
