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

#endif
