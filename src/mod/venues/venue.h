/*
 * venue: 文化阵地, the public cultural venues and new public cultural spaces of the city: their
 * record (category, division, location, floor area, branch-of for 总分馆, grade, awards,
 * contact, photos, status), their weekly opening hours with off-peak / extended hours
 * (错时延时开放) and dated exceptions, "open now", the hours a week against the configured
 * minimum, and import/export (CSV that Excel opens, GeoJSON).
 *
 * Venue managers edit the venues of their division; district and city admins their
 * subtree. Every change is audited.
 */
#ifndef WY_VENUE_H
#define WY_VENUE_H

#include "core/domain.h"
#include "mod/venues/venue_store.h"
#include "util/strbuf.h"

/* The categories, in the order the directory lists them, with their names. Which of them the
 * Zhejiang circle rule counts as required venues or free spaces is said once, in the circle
 * analysis (circle_category_required and circle_category_free in geo/circle.h). */
typedef struct venue_category {
    const char *id; /* "library" */
    const char *zh; /* 公共图书馆 */
    const char *en; /* Public library */
} venue_category;

extern const venue_category venue_categories[];
extern const int venue_ncategories;
const venue_category *venue_category_find(const char *id);

/* Parse "09:30" into minutes after midnight ("24:00" is 1440); -1 when malformed. */
int venue_parse_hhmm(const char *s);
void venue_format_hhmm(int minutes, char out[6]);
/* Minutes of opening a week (overlapping spans of one day counted once). */
int venue_weekly_minutes(const venue_hours *h, size_t n);
/* Is the venue open at local time (weekday 1..7, minute of day, "YYYY-MM-DD")? */
int venue_open_at(const venue_hours *h, size_t nh, const venue_closure *cl, size_t nc,
                  const char *day, int weekday, int minute);
/* Local (UTC+8) day, weekday and minute of a time in ms. */
void venue_local_time(int64_t ms, char day[11], int *weekday, int *minute);

/* A venue with its hours, as read. */
typedef struct venue_view {
    venue v;
    venue_hours *hours;
    size_t nhours;
    venue_closure *closures; /* today and later */
    size_t nclosures;
    int open_now;
    int weekly_minutes;
    int meets_minimum; /* weekly hours >= venue.min_weekly_hours */
    const char *division_name;
} venue_view;

int venue_get(wy_ctx *ctx, int64_t id, venue_view *out);
/* The venue's record alone, without its hours (venue_get's rule: any venue there is); 0, or
 * -1 with the refusal. */
int venue_brief(wy_ctx *ctx, int64_t id, venue *out);
/* Validate and create (the caller fills v; id and times are set). */
int venue_create(wy_ctx *ctx, venue *v, int64_t *id);
/* Replace the record of v->id with v (the caller read, changed and passes it whole). */
int venue_update(wy_ctx *ctx, venue *v);
/* Write the grade a published assessment gave (special, 1, 2 or 3) with its year on the
 * venue's record, inside the caller's write transaction, with an audit line (venue.grade) that
 * names the assessment (reason). The caller decided who may: nothing is checked here but the
 * grade and the year (bad_grade, bad_grade_year). */
int venue_set_grade_tx(wy_ctx *ctx, int64_t id, const char *grade, int year, const char *reason);
int venue_set_hours(wy_ctx *ctx, int64_t id, const venue_hours *h, size_t nh,
                    const venue_closure *cl, size_t nc);

/* What follows a venue's opening hours in another module (the timed entry's slots), so that
 * venues knows none of them. venue_set_hours calls every listener's changed() inside its
 * transaction, once the new hours are written (WY_OK, or a store code that rolls the change
 * back and fails it), and committed() after the commit (-1 with ctx->err is logged and
 * cleared: the hours stand). Either may be NULL. A module adds its listener from its init
 * (mod/module.h), before any request; the same listener added twice is kept once. */
typedef struct venue_hours_listener {
    int (*changed)(wy_ctx *ctx, int64_t venue_id);
    int (*committed)(wy_ctx *ctx, int64_t venue_id);
} venue_hours_listener;
void venue_on_hours_changed(const venue_hours_listener *l);

typedef struct venue_query {
    const char *division;
    const char *category;
    const char *q;
    int has_near;
    double lon, lat, radius_m; /* with has_near */
    int open_now;
    int64_t after;
    int limit;
} venue_query;
/* Public listing; with has_near the results carry their distance, nearest first is NOT
 * implied (id order, for stable paging). */
int venue_list(wy_ctx *ctx, const venue_query *q, venue_view **out, size_t *n, double **dist);

/* Import: format "csv" or "geojson"; crs "wgs84" (default) or "gcj02" (converted). Each row
 * (feature) is accepted or rejected on its own, with its line (feature index + 1) and the
 * reason; a dry run writes nothing but reports the same. Re-importing updates the venue with
 * the same external_id. */
typedef struct venue_import_line {
    int line;
    int ok;
    const char *action; /* "create" or "update" when ok */
    const char *external_id;
    const char *reason;
} venue_import_line;
typedef struct venue_import_result {
    int created, updated, rejected;
    venue_import_line *lines;
    size_t nlines;
} venue_import_result;
int venue_import(wy_ctx *ctx, const char *format, const char *crs, const char *data, size_t len,
                 int dry_run, venue_import_result *res);

/* Import the points of interest of an OpenStreetMap extract (.osm or .osm.pbf, the file at
 * path or, when path is NULL, data[0..len)) by tag (tags: "amenity=library,tourism=museum,...";
 * NULL: the default set of the circle analysis) as venues of division, with external ids
 * "osm:node/123". Same report and dry run as venue_import. Only tagged nodes and the nodes of
 * POI ways are kept while reading; an extract with more than venue.osm_max_nodes nodes or
 * venue.osm_max_bytes decompressed bytes is refused (E_RULE osm_too_large) before anything
 * is written. One OSM import runs at a time in a process: another one meanwhile is refused
 * (E_UNAVAILABLE import_busy, with a Retry-After). */
int venue_import_osm(wy_ctx *ctx, const char *path, const void *data, size_t len, const char *tags,
                     const char *division, int dry_run, venue_import_result *res);

/* Exports of a subtree: CSV (UTF-8 with BOM, CRLF: Excel opens it) and GeoJSON. */
int venue_export_csv(wy_ctx *ctx, const char *division, strbuf *out);
int venue_export_geojson(wy_ctx *ctx, const char *division, strbuf *out);

/* The indicator "venues.count" (mod/module.h): open venues of the division's subtree at the
 * end of the period (to_ms). */
int venue_indicator_count(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                          double *out);
/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int venues_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
