/* svgmap: see svgmap.h. */
#include "web/svgmap.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The projection of a map w pixels wide over box b (padded). */
static void frame(svgmap *m, const bbox *b, double w)
{
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
}

static void begin(svgmap *m, html *h, const char *label)
{
    m->h = h;
    html_lit(h, "<figure class=\"map\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 ");
    sb_addf(&h->sb, "%.0f %.0f", m->width, m->height);
    html_lit(h, "\" aria-label=\"");
    html_attr(h, label);
    html_lit(h, "\"><rect class=\"map-bg\" width=\"100%\" height=\"100%\"/>");
}

void svgmap_begin(svgmap *m, html *h, const bbox *b, double w, const char *label)
{
    frame(m, b, w);
    begin(m, h, label);
}

static void ring_path(const svgmap *m, json_t *ring, strbuf *sb)
{
    for (size_t i = 0; i < json_array_size(ring); i++) {
        json_t *p = json_array_get(ring, i);
        double x, y;
        xy(m, json_number_value(json_array_get(p, 0)), json_number_value(json_array_get(p, 1)), &x,
           &y);
        sb_addf(sb, "%c%.1f %.1f", i ? 'L' : 'M', x, y);
    }
    sb_addc(sb, 'Z');
}

/* The path data of a parsed geometry into sb; -1 when it is not a (multi)polygon. */
static int geometry_path(const svgmap *m, json_t *g, strbuf *sb)
{
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *c = json_object_get(g, "coordinates");
    if (!type || !json_is_array(c))
        return -1;
    if (!strcmp(type, "Polygon"))
        for (size_t r = 0; r < json_array_size(c); r++)
            ring_path(m, json_array_get(c, r), sb);
    else if (!strcmp(type, "MultiPolygon"))
        for (size_t p = 0; p < json_array_size(c); p++)
            for (size_t r = 0; r < json_array_size(json_array_get(c, p)); r++)
                ring_path(m, json_array_get(json_array_get(c, p), r), sb);
    return 0;
}

static void path(svgmap *m, const char *d, size_t len, const char *cls, const char *title)
{
    html_lit(m->h, "<path class=\"");
    html_attr(m->h, cls);
    html_lit(m->h, "\" fill-rule=\"evenodd\" d=\"");
    sb_add(&m->h->sb, d, len);
    html_lit(m->h, "\">");
    if (title) {
        html_lit(m->h, "<title>");
        html_text(m->h, title);
        html_lit(m->h, "</title>");
    }
    html_lit(m->h, "</path>");
}

void svgmap_geometry(svgmap *m, const char *geometry, const char *cls, const char *title)
{
    json_t *g = json_loads(geometry, 0, NULL);
    strbuf d = STRBUF_INIT_MAX((size_t)64 << 20);
    if (geometry_path(m, g, &d) == 0)
        path(m, d.buf ? d.buf : "", d.len, cls, title);
    sb_release(&d);
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

/* ---- prepared outlines ---------------------------------------------------------------------- */

/* A prepared set: its key, when it was last used, who holds it (the list of kept sets, and
 * each page drawing it), and the set with its path data in one block. The set comes first, so
 * that a pointer to it is a pointer to its prepared_outlines. */
typedef struct prepared_outlines {
    svgmap_outlines o;
    unsigned char key[crypto_generichash_BYTES];
    uint64_t used;
    int refs;
    char *text; /* the path data of every outline, NUL-separated */
} prepared_outlines;

static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;
static prepared_outlines *kept[SVGMAP_OUTLINES_KEPT];
static uint64_t kept_clock;

static void prepared_free(prepared_outlines *k)
{
    if (!k)
        return;
    free(k->o.item);
    free(k->text);
    free(k);
}

/* Drop one hold (kept_mu held); the last one frees the set. */
static void prepared_unref(prepared_outlines *k)
{
    if (k && --k->refs == 0)
        prepared_free(k);
}

static void outlines_key(const char *const *geometries, size_t n, double w,
                         unsigned char key[crypto_generichash_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES);
    uint64_t head[2] = {(uint64_t)n, (uint64_t)llround(w * 1000)};
    crypto_generichash_update(&st, (const unsigned char *)head, sizeof(head));
    for (size_t i = 0; i < n; i++) {
        const char *g = geometries[i] ? geometries[i] : "";
        uint64_t len = strlen(g);
        crypto_generichash_update(&st, (const unsigned char *)&len, sizeof(len));
        crypto_generichash_update(&st, (const unsigned char *)g, len);
    }
    crypto_generichash_final(&st, key, crypto_generichash_BYTES);
}

/* Prepare a set (malloc'd); NULL when out of memory. */
static prepared_outlines *outlines_prepare(const char *const *geometries, size_t n, double w)
{
    prepared_outlines *k = calloc(1, sizeof(*k));
    json_t **g = calloc(n ? n : 1, sizeof(*g));
    bbox *boxes = calloc(n ? n : 1, sizeof(*boxes));
    size_t *start = calloc(n ? n : 1, sizeof(*start));
    int *is_path = calloc(n ? n : 1, sizeof(*is_path));
    strbuf text = STRBUF_INIT_MAX((size_t)256 << 20);
    int rc = k && g && boxes && start && is_path ? 0 : -1;
    if (rc == 0 && !(k->o.item = calloc(n ? n : 1, sizeof(*k->o.item))))
        rc = -1;
    bbox all;
    bbox_init(&all);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        g[i] = json_loads(geometries[i] ? geometries[i] : "", 0, NULL);
        bbox_init(&boxes[i]);
        bbox_walk(&boxes[i], json_object_get(g[i], "coordinates"));
        if (!boxes[i].empty) {
            bbox_add(&all, boxes[i].min_lon, boxes[i].min_lat);
            bbox_add(&all, boxes[i].max_lon, boxes[i].max_lat);
        }
    }
    if (rc == 0) {
        k->o.n = n;
        k->o.empty = all.empty;
        frame(&k->o.frame, &all, w);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        start[i] = text.len;
        is_path[i] = geometry_path(&k->o.frame, g[i], &text) == 0;
        if (sb_addc(&text, '\0') < 0)
            rc = -1;
        svgmap_outline *it = &k->o.item[i];
        it->has_label = !boxes[i].empty;
        if (it->has_label)
            xy(&k->o.frame, (boxes[i].min_lon + boxes[i].max_lon) / 2,
               (boxes[i].min_lat + boxes[i].max_lat) / 2, &it->label_x, &it->label_y);
    }
    if (rc == 0 && !(k->text = sb_detach(&text, NULL)))
        rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        k->o.item[i].d = is_path[i] ? k->text + start[i] : NULL;
    for (size_t i = 0; g && i < n; i++)
        json_decref(g[i]);
    sb_release(&text);
    free(g);
    free(boxes);
    free(start);
    free(is_path);
    if (rc < 0) {
        prepared_free(k);
        return NULL;
    }
    return k;
}

const svgmap_outlines *svgmap_outlines_get(const char *const *geometries, size_t n, double w)
{
    unsigned char key[crypto_generichash_BYTES];
    outlines_key(geometries, n, w, key);
    pthread_mutex_lock(&kept_mu);
    for (size_t i = 0; i < SVGMAP_OUTLINES_KEPT; i++)
        if (kept[i] && !memcmp(kept[i]->key, key, sizeof(key))) {
            kept[i]->used = ++kept_clock;
            kept[i]->refs++;
            pthread_mutex_unlock(&kept_mu);
            return &kept[i]->o;
        }
    pthread_mutex_unlock(&kept_mu);
    /* prepared outside the lock: pages that draw other outlines meanwhile need not wait */
    prepared_outlines *k = outlines_prepare(geometries, n, w);
    if (!k)
        return NULL;
    memcpy(k->key, key, sizeof(key));
    k->refs = 2; /* the list's and the caller's */
    pthread_mutex_lock(&kept_mu);
    size_t slot = 0;
    for (size_t i = 0; i < SVGMAP_OUTLINES_KEPT; i++) {
        if (kept[i] && !memcmp(kept[i]->key, key, sizeof(key))) {
            slot = i; /* another page prepared the same meanwhile: keep the newer */
            break;
        }
        if (!kept[i] || (kept[slot] && kept[i]->used < kept[slot]->used))
            slot = i;
        if (!kept[slot])
            break;
    }
    prepared_unref(kept[slot]);
    kept[slot] = k;
    k->used = ++kept_clock;
    pthread_mutex_unlock(&kept_mu);
    return &k->o;
}

void svgmap_outlines_release(const svgmap_outlines *o)
{
    if (!o)
        return;
    pthread_mutex_lock(&kept_mu);
    prepared_unref((prepared_outlines *)o);
    pthread_mutex_unlock(&kept_mu);
}

void svgmap_begin_outlines(svgmap *m, html *h, const svgmap_outlines *o, const char *label)
{
    *m = o->frame;
    begin(m, h, label);
}

void svgmap_draw_outline(svgmap *m, const svgmap_outlines *o, size_t i, const char *cls,
                         const char *title)
{
    if (i < o->n && o->item[i].d)
        path(m, o->item[i].d, strlen(o->item[i].d), cls, title);
}

void svgmap_outline_label(svgmap *m, const svgmap_outlines *o, size_t i, const char *text,
                          const char *cls)
{
    if (i >= o->n || !o->item[i].has_label)
        return;
    html_lit(m->h, "<text class=\"");
    html_attr(m->h, cls);
    sb_addf(&m->h->sb, "\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", o->item[i].label_x,
            o->item[i].label_y);
    html_text(m->h, text);
    html_lit(m->h, "</text>");
}
