/*
 * svgmap: maps drawn from wenyun's own data as inline SVG (no external tile server): division
 * outlines, road networks, venues and analysis points, in an equirectangular projection
 * scaled by the cosine of the middle latitude (true enough at a city's scale). Everything
 * written goes through the html escapers.
 */
#ifndef WY_SVGMAP_H
#define WY_SVGMAP_H

#include <stddef.h>

#include "web/html.h"

typedef struct svgmap {
    html *h;
    double min_lon, min_lat, max_lon, max_lat;
    double width, height, scale, kx;
} svgmap;

/* A bounding box that grows as points are added. */
typedef struct bbox {
    double min_lon, min_lat, max_lon, max_lat;
    int empty;
} bbox;

void bbox_init(bbox *b);
void bbox_add(bbox *b, double lon, double lat);
/* Add every position of a GeoJSON geometry (text). */
void bbox_add_geojson(bbox *b, const char *geometry);

/* Open the <svg> for bbox b (padded), width w pixels; label is its accessible name. */
void svgmap_begin(svgmap *m, html *h, const bbox *b, double w, const char *label);
/* Polygons and multipolygons of a GeoJSON geometry, as one <path class=cls>. */
void svgmap_geometry(svgmap *m, const char *geometry, const char *cls, const char *title);
/* Many segments in one <path> (a road network): begin, add, end. */
void svgmap_segments_begin(svgmap *m, const char *cls);
void svgmap_segment(svgmap *m, double lon1, double lat1, double lon2, double lat2);
void svgmap_segments_end(svgmap *m);
/* A point; href (may be NULL) makes it a link; title is its tooltip. */
void svgmap_point(svgmap *m, double lon, double lat, double r, const char *cls, const char *title,
                  const char *href);
/* A text label at a point. */
void svgmap_label(svgmap *m, double lon, double lat, const char *text, const char *cls);
/* Close the map with its attribution line. */
void svgmap_end(svgmap *m, const char *attribution);

/* Outlines prepared for drawing (the division outlines of a dashboard's map): the frame of a
 * map of them all, and each one's path data and the middle of its own box, where its label
 * goes. Preparing parses every GeoJSON geometry and writes every point, which costs more than
 * the rest of a page; a prepared set is kept, keyed by the BLAKE2b digest of its geometries'
 * text and the width (so a changed outline is never drawn from what was kept), and shared by
 * the pages that draw the same outlines. At most SVGMAP_OUTLINES_KEPT sets are kept, the least
 * recently used replaced (and freed once the last page drawing it has released it). */
#define SVGMAP_OUTLINES_KEPT 8
typedef struct svgmap_outline {
    const char *d; /* the path data of its polygons ("": none); NULL: not a geometry */
    double label_x, label_y;
    int has_label; /* its own box has a point */
} svgmap_outline;
typedef struct svgmap_outlines {
    svgmap frame; /* the projection (h unset) */
    int empty;    /* no geometry has a point: nothing to draw */
    size_t n;
    svgmap_outline *item; /* one per geometry, in the order given */
} svgmap_outlines;
/* The n geometries (GeoJSON text) prepared for a map w pixels wide: a shared, read-only set,
 * held until svgmap_outlines_release; NULL when out of memory. */
const svgmap_outlines *svgmap_outlines_get(const char *const *geometries, size_t n, double w);
void svgmap_outlines_release(const svgmap_outlines *o);
/* Open a map framed by o (as svgmap_begin on the box of all of them). */
void svgmap_begin_outlines(svgmap *m, html *h, const svgmap_outlines *o, const char *label);
/* Outline i as svgmap_geometry draws it, and its label at the middle of its box. */
void svgmap_draw_outline(svgmap *m, const svgmap_outlines *o, size_t i, const char *cls,
                         const char *title);
void svgmap_outline_label(svgmap *m, const svgmap_outlines *o, size_t i, const char *text,
                          const char *cls);

#endif
