/* svgmap: see svgmap.h. */
#include "web/svgmap.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void bbox_init(bbox *b)
{
    b->min_lon = b->min_lat = INFINITY;
    b->max_lon = b->max_lat = -INFINITY;
    b->empty = 1;
}

void bbox_add(bbox *b, double lon, double lat)
{
    if (isnan(lon) || isnan(lat))
        return;
    b->min_lon = fmin(b->min_lon, lon);
    b->max_lon = fmax(b->max_lon, lon);
    b->min_lat = fmin(b->min_lat, lat);
    b->max_lat = fmax(b->max_lat, lat);
    b->empty = 0;
}

static void bbox_walk(bbox *b, json_t *c)
{
    if (!json_is_array(c))
        return;
    if (json_array_size(c) >= 2 && json_is_number(json_array_get(c, 0))) {
        bbox_add(b, json_number_value(json_array_get(c, 0)),
                 json_number_value(json_array_get(c, 1)));
        return;
    }
    for (size_t i = 0; i < json_array_size(c); i++)
        bbox_walk(b, json_array_get(c, i));
}

void bbox_add_geojson(bbox *b, const char *geometry)
{
    json_t *g = json_loads(geometry, 0, NULL);
    bbox_walk(b, json_object_get(g, "coordinates"));
    json_decref(g);
}

static void xy(const svgmap *m, double lon, double lat, double *x, double *y)
{
    *x = (lon - m->min_lon) * m->kx * m->scale;
    *y = (m->max_lat - lat) * m->scale;
}

void svgmap_begin(svgmap *m, html *h, const bbox *b, double w, const char *label)
{
    m->h = h;
    bbox bb = *b;
    if (bb.empty) { /* nothing to show: a small square somewhere harmless */
        bbox_init(&bb);
        bbox_add(&bb, 0, 0);
    }
    double pad_lon = fmax((bb.max_lon - bb.min_lon) * 0.05, 0.002);
    double pad_lat = fmax((bb.max_lat - bb.min_lat) * 0.05, 0.002);
    m->min_lon = bb.min_lon - pad_lon;
    m->max_lon = bb.max_lon + pad_lon;
    m->min_lat = bb.min_lat - pad_lat;
    m->max_lat = bb.max_lat + pad_lat;
    m->kx = cos((m->min_lat + m->max_lat) / 2 * M_PI / 180);
    m->width = w;
    m->scale = w / ((m->max_lon - m->min_lon) * m->kx);
    m->height = (m->max_lat - m->min_lat) * m->scale;
    html_lit(h, "<figure class=\"map\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 ");
    sb_addf(&h->sb, "%.0f %.0f", m->width, m->height);
    html_lit(h, "\" aria-label=\"");
    html_attr(h, label);
    html_lit(h, "\"><rect class=\"map-bg\" width=\"100%\" height=\"100%\"/>");
}

static void ring_path(svgmap *m, json_t *ring)
{
    for (size_t i = 0; i < json_array_size(ring); i++) {
        json_t *p = json_array_get(ring, i);
        double x, y;
        xy(m, json_number_value(json_array_get(p, 0)), json_number_value(json_array_get(p, 1)), &x,
           &y);
        sb_addf(&m->h->sb, "%c%.1f %.1f", i ? 'L' : 'M', x, y);
    }
    sb_addc(&m->h->sb, 'Z');
}

void svgmap_geometry(svgmap *m, const char *geometry, const char *cls, const char *title)
{
    json_t *g = json_loads(geometry, 0, NULL);
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *c = json_object_get(g, "coordinates");
    if (type && json_is_array(c)) {
        html_lit(m->h, "<path class=\"");
        html_attr(m->h, cls);
        html_lit(m->h, "\" fill-rule=\"evenodd\" d=\"");
        if (!strcmp(type, "Polygon"))
            for (size_t r = 0; r < json_array_size(c); r++)
                ring_path(m, json_array_get(c, r));
        else if (!strcmp(type, "MultiPolygon"))
            for (size_t p = 0; p < json_array_size(c); p++)
                for (size_t r = 0; r < json_array_size(json_array_get(c, p)); r++)
                    ring_path(m, json_array_get(json_array_get(c, p), r));
        html_lit(m->h, "\">");
        if (title) {
            html_lit(m->h, "<title>");
            html_text(m->h, title);
            html_lit(m->h, "</title>");
        }
        html_lit(m->h, "</path>");
    }
    json_decref(g);
}

void svgmap_segments_begin(svgmap *m, const char *cls)
{
    html_lit(m->h, "<path class=\"");
    html_attr(m->h, cls);
    html_lit(m->h, "\" d=\"");
}

void svgmap_segment(svgmap *m, double lon1, double lat1, double lon2, double lat2)
{
    double x1, y1, x2, y2;
    xy(m, lon1, lat1, &x1, &y1);
    xy(m, lon2, lat2, &x2, &y2);
    /* whole pixels: a city's network stays a few hundred kilobytes */
    sb_addf(&m->h->sb, "M%.0f %.0fL%.0f %.0f", x1, y1, x2, y2);
}

void svgmap_segments_end(svgmap *m)
{
    html_lit(m->h, "\"/>");
}

void svgmap_point(svgmap *m, double lon, double lat, double r, const char *cls, const char *title,
                  const char *href)
{
    if (isnan(lon) || isnan(lat))
        return;
    double x, y;
    xy(m, lon, lat, &x, &y);
    if (href) {
        html_lit(m->h, "<a href=\"");
        html_attr(m->h, href);
        html_lit(m->h, "\">");
    }
    html_lit(m->h, "<circle class=\"");
    html_attr(m->h, cls);
    sb_addf(&m->h->sb, "\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\">", x, y, r);
    if (title) {
        html_lit(m->h, "<title>");
        html_text(m->h, title);
        html_lit(m->h, "</title>");
    }
    html_lit(m->h, "</circle>");
    if (href)
        html_lit(m->h, "</a>");
}

void svgmap_label(svgmap *m, double lon, double lat, const char *text, const char *cls)
{
    double x, y;
    xy(m, lon, lat, &x, &y);
    html_lit(m->h, "<text class=\"");
    html_attr(m->h, cls);
    sb_addf(&m->h->sb, "\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x, y);
    html_text(m->h, text);
    html_lit(m->h, "</text>");
}

void svgmap_end(svgmap *m, const char *attribution)
{
    html_lit(m->h, "</svg><figcaption class=\"map-credit\">");
    html_text(m->h, attribution);
    html_lit(m->h, "</figcaption></figure>");
}
