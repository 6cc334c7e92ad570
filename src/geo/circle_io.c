/*
 * circle_io: the inputs of the circle analysis from files: venues from the extract's own POIs,
 * from CSV or GeoJSON, and demand points (communities with a population) from CSV. These are
 * what the CLI reads; the web layer builds circle_venue arrays from the database instead.
 */
#include "geo/circle.h"
#include "util/log.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/csvread.h"

static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 256;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

int circle_venues_from_osm(const osm_network *net, arena *a, circle_venue **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    circle_venue *v = calloc(net->n_pois ? net->n_pois : 1, sizeof(*v));
    if (!v)
        return -1;
    for (size_t i = 0; i < net->n_pois; i++) {
        const osm_poi *p = &net->pois[i];
        char *id = arena_sprintf(a, "%s/%lld", p->osm_type == 'w' ? "way" : "node", p->osm_id);
        char *name = arena_strdup(a, p->name);
        char *cat = arena_strdup(a, p->category);
        if (!id || !name || !cat) {
            free(v);
            return -1;
        }
        circle_venue_set(&v[i], p->lon, p->lat, cat, name, id);
    }
    *out = v;
    *n = net->n_pois;
    return 0;
}

/* A finite number filling the whole (trimmed) field. */
static int parse_num(const char *s, double *out)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_flag(const char *s)
{
    return strcasecmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
           strcasecmp(s, "rural") == 0 || strcasecmp(s, "village") == 0 || strcmp(s, "是") == 0 ||
           strcmp(s, "农村") == 0 || strcmp(s, "乡村") == 0;
}

static int valid_lonlat(double lon, double lat)
{
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/* Column index of the first header name among names, or -1. */
static int col_of(const csv_row *row, const char *const *names)
{
    for (size_t i = 0; i < row->n; i++) {
        const char *f = row->f[i];
        while (isspace((unsigned char)*f))
            f++;
        for (const char *const *nm = names; *nm; nm++)
            if (strcasecmp(f, *nm) == 0)
                return (int)i;
    }
    return -1;
}

static const char *const h_name[] = {"name", "名称", NULL};
static const char *const h_lon[] = {"lon", "lng", "longitude", "x", "经度", NULL};
static const char *const h_lat[] = {"lat", "latitude", "y", "纬度", NULL};
static const char *const h_pop[] = {"population", "pop", "weight", "人口", NULL};
static const char *const h_div[] = {"division", "division_code", "code", "区划代码", NULL};
static const char *const h_rural[] = {"rural", "kind", "type", NULL};
static const char *const h_cat[] = {"category", "类别", NULL};
static const char *const h_id[] = {"id", "external_id", "osm_id", NULL};
static const char *const h_req[] = {"required", "is_required", NULL};
static const char *const h_free[] = {"free", "is_free", NULL};

/* ---- demand points ---- */

typedef struct pts_ctx {
    arena *a;
    circle_point *v;
    size_t n, cap;
    int c_name, c_lon, c_lat, c_pop, c_div, c_rural;
    int seen_first;
    char err[200];
} pts_ctx;

static const char *field(const csv_row *row, int c)
{
    return c >= 0 && (size_t)c < row->n ? row->f[c] : NULL;
}

static int pts_row(const csv_row *row, void *ud)
{
    pts_ctx *P = ud;
    if (row->n == 1 && !row->f[0][0])
        return 0; /* blank line */
    if (!P->seen_first) {
        P->seen_first = 1;
        double x;
        if (row->n >= 2 && parse_num(row->f[1], &x) < 0) { /* a header */
            P->c_name = col_of(row, h_name);
            P->c_lon = col_of(row, h_lon);
            P->c_lat = col_of(row, h_lat);
            P->c_pop = col_of(row, h_pop);
            P->c_div = col_of(row, h_div);
            P->c_rural = col_of(row, h_rural);
            if (P->c_lon < 0 || P->c_lat < 0) {
                snprintf(P->err, sizeof(P->err), "line %d: header has no lon and lat columns",
                         row->line);
                return 1;
            }
            return 0;
        }
    }
    if (row->bad_utf8) {
        snprintf(P->err, sizeof(P->err), "line %d: not UTF-8", row->line);
        return 1;
    }
    const char *slon = field(row, P->c_lon), *slat = field(row, P->c_lat);
    const char *spop = field(row, P->c_pop);
    double lon, lat, pop = 1;
    if (!slon || !slat || parse_num(slon, &lon) < 0 || parse_num(slat, &lat) < 0 ||
        !valid_lonlat(lon, lat)) {
        snprintf(P->err, sizeof(P->err), "line %d: bad coordinates", row->line);
        return 1;
    }
    if (P->c_pop >= 0 && (!spop || parse_num(spop, &pop) < 0 || pop < 0)) {
        snprintf(P->err, sizeof(P->err), "line %d: bad population", row->line);
        return 1;
    }
    if (grow((void **)&P->v, &P->cap, P->n + 1, sizeof(circle_point)) < 0) {
        snprintf(P->err, sizeof(P->err), "out of memory");
        return 1;
    }
    const char *name = field(row, P->c_name), *div = field(row, P->c_div);
    const char *rural = field(row, P->c_rural);
    circle_point *q = &P->v[P->n++];
    *q = (circle_point){.lon = lon,
                        .lat = lat,
                        .weight = pop,
                        .name = name && *name ? arena_strdup(P->a, name) : NULL,
                        .division = div && *div ? arena_strdup(P->a, div) : NULL,
                        .rural = rural ? parse_flag(rural) : 0};
    if ((name && *name && !q->name) || (div && *div && !q->division)) {
        snprintf(P->err, sizeof(P->err), "out of memory");
        return 1;
    }
    return 0;
}

/* Points from a CSV file (path) or buffer (data, len); name names it in messages. */
static int points_read(const char *path, const char *data, size_t len, const char *name, arena *a,
                       circle_point **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    pts_ctx P = {.a = a, .c_name = 0, .c_lon = 1, .c_lat = 2, .c_pop = 3, .c_div = 4, .c_rural = 5};
    char cerr[200] = "";
    int rc = path ? csv_read_file(path, pts_row, &P, cerr, sizeof(cerr))
                  : csv_read_buffer(data, len, pts_row, &P, cerr, sizeof(cerr));
    if (rc != 0) {
        set_err(err, errlen, "%s: %s", name, P.err[0] ? P.err : cerr);
        free(P.v);
        return -1;
    }
    *out = P.v;
    *n = P.n;
    return 0;
}

int circle_points_load(const char *path, arena *a, circle_point **out, size_t *n, char *err,
                       size_t errlen)
{
    return points_read(path, NULL, 0, path, a, out, n, err, errlen);
}

int circle_points_parse(const char *data, size_t len, arena *a, circle_point **out, size_t *n,
                        char *err, size_t errlen)
{
    return points_read(NULL, data, len, "points", a, out, n, err, errlen);
}

/* ---- venues ---- */

typedef struct ven_ctx {
    arena *a;
    circle_venue *v;
    size_t n, cap;
    int c_name, c_lon, c_lat, c_cat, c_id, c_req, c_free;
    int seen_header;
    char err[200];
} ven_ctx;

static int ven_row(const csv_row *row, void *ud)
{
    ven_ctx *V = ud;
    if (row->n == 1 && !row->f[0][0])
        return 0;
    if (!V->seen_header) {
        V->seen_header = 1;
        V->c_name = col_of(row, h_name);
        V->c_lon = col_of(row, h_lon);
        V->c_lat = col_of(row, h_lat);
        V->c_cat = col_of(row, h_cat);
        V->c_id = col_of(row, h_id);
        V->c_req = col_of(row, h_req);
        V->c_free = col_of(row, h_free);
        if (V->c_lon < 0 || V->c_lat < 0 || V->c_cat < 0) {
            snprintf(V->err, sizeof(V->err),
                     "line %d: want a header with lon, lat and category columns", row->line);
            return 1;
        }
        return 0;
    }
    if (row->bad_utf8) {
        snprintf(V->err, sizeof(V->err), "line %d: not UTF-8", row->line);
        return 1;
    }
    double lon, lat;
    const char *slon = field(row, V->c_lon), *slat = field(row, V->c_lat);
    if (!slon || !slat || parse_num(slon, &lon) < 0 || parse_num(slat, &lat) < 0 ||
        !valid_lonlat(lon, lat)) {
        snprintf(V->err, sizeof(V->err), "line %d: bad coordinates", row->line);
        return 1;
    }
    if (grow((void **)&V->v, &V->cap, V->n + 1, sizeof(circle_venue)) < 0) {
        snprintf(V->err, sizeof(V->err), "out of memory");
        return 1;
    }
    const char *cat = field(row, V->c_cat), *name = field(row, V->c_name);
    const char *id = field(row, V->c_id);
    circle_venue *v = &V->v[V->n++];
    circle_venue_set(v, lon, lat, arena_strdup(V->a, cat ? cat : "other"),
                     name ? arena_strdup(V->a, name) : NULL, id ? arena_strdup(V->a, id) : NULL);
    const char *r = field(row, V->c_req), *f = field(row, V->c_free);
    if (r && *r)
        v->is_required = parse_flag(r);
    if (f && *f)
        v->is_free = parse_flag(f);
    if (!v->category) {
        snprintf(V->err, sizeof(V->err), "out of memory");
        return 1;
    }
    return 0;
}

/* A GeoJSON property as a string in the arena (strings as they are, numbers printed). */
static const char *prop_str(arena *a, json_t *props, const char *key)
{
    json_t *x = props ? json_object_get(props, key) : NULL;
    if (json_is_string(x))
        return arena_strdup(a, json_string_value(x));
    if (json_is_integer(x))
        return arena_sprintf(a, "%lld", (long long)json_integer_value(x));
    return NULL;
}

/* The mean of every position in a geometry's coordinates (a Point is itself). */
static void coord_sum(json_t *c, double *slon, double *slat, size_t *n)
{
    if (!json_is_array(c) || json_array_size(c) == 0)
        return;
    json_t *c0 = json_array_get(c, 0);
    if (json_is_number(c0)) {
        if (json_array_size(c) >= 2 && json_is_number(json_array_get(c, 1))) {
            *slon += json_number_value(c0);
            *slat += json_number_value(json_array_get(c, 1));
            (*n)++;
        }
        return;
    }
    size_t i;
    json_t *e;
    json_array_foreach(c, i, e) coord_sum(e, slon, slat, n);
}

static int load_geojson(const char *path, const char *data, size_t len, const char *name_, arena *a,
                        circle_venue **out, size_t *nout, char *err, size_t errlen)
{
    json_error_t je;
    json_t *root = path ? json_load_file(path, 0, &je) : json_loadb(data, len, 0, &je);
    path = name_;
    if (!root) {
        set_err(err, errlen, "%s: line %d: %s", path, je.line, je.text);
        return -1;
    }
    json_t *fs = json_object_get(root, "features");
    if (!json_is_array(fs)) {
        set_err(err, errlen, "%s: not a GeoJSON FeatureCollection", path);
        json_decref(root);
        return -1;
    }
    size_t nf = json_array_size(fs), n = 0;
    circle_venue *v = calloc(nf ? nf : 1, sizeof(*v));
    if (!v) {
        json_decref(root);
        set_err(err, errlen, "out of memory");
        return -1;
    }
    size_t i;
    json_t *f;
    json_array_foreach(fs, i, f)
    {
        json_t *props = json_object_get(f, "properties");
        json_t *geom = json_object_get(f, "geometry");
        double slon = 0, slat = 0;
        size_t k = 0;
        coord_sum(json_object_get(geom, "coordinates"), &slon, &slat, &k);
        if (!k || !valid_lonlat(slon / (double)k, slat / (double)k)) {
            set_err(err, errlen, "%s: feature %zu: no valid coordinates", path, i);
            free(v);
            json_decref(root);
            return -1;
        }
        const char *cat = prop_str(a, props, "category");
        const char *id = prop_str(a, props, "id");
        if (!id && json_object_get(f, "id")) {
            json_t *fid = json_object_get(f, "id");
            id = json_is_string(fid) ? arena_strdup(a, json_string_value(fid))
                 : json_is_integer(fid)
                     ? arena_sprintf(a, "%lld", (long long)json_integer_value(fid))
                     : NULL;
        }
        circle_venue_set(&v[n], slon / (double)k, slat / (double)k, cat ? cat : "other",
                         prop_str(a, props, "name"), id);
        json_t *r = json_object_get(props, "required"), *fr = json_object_get(props, "free");
        if (json_is_boolean(r))
            v[n].is_required = json_is_true(r);
        if (json_is_boolean(fr))
            v[n].is_free = json_is_true(fr);
        n++;
    }
    json_decref(root);
    *out = v;
    *nout = n;
    return 0;
}

static int venues_read(const char *path, const char *data, size_t len, const char *name, arena *a,
                       circle_venue **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    int c = EOF;
    if (path) {
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            set_err(err, errlen, "%s: %s", path, strerror(errno));
            return -1;
        }
        do
            c = fgetc(fp);
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
        fclose(fp);
    } else {
        size_t i = 0;
        while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
            i++;
        c = i < len ? (unsigned char)data[i] : EOF;
    }
    if (c == '{')
        return load_geojson(path, data, len, name, a, out, n, err, errlen);
    ven_ctx V = {.a = a};
    char cerr[200] = "";
    int rc = path ? csv_read_file(path, ven_row, &V, cerr, sizeof(cerr))
                  : csv_read_buffer(data, len, ven_row, &V, cerr, sizeof(cerr));
    if (rc != 0) {
        set_err(err, errlen, "%s: %s", name, V.err[0] ? V.err : cerr);
        free(V.v);
        return -1;
    }
    *out = V.v;
    *n = V.n;
    return 0;
}

int circle_venues_load(const char *path, arena *a, circle_venue **out, size_t *n, char *err,
                       size_t errlen)
{
    return venues_read(path, NULL, 0, path, a, out, n, err, errlen);
}

int circle_venues_parse(const char *data, size_t len, arena *a, circle_venue **out, size_t *n,
                        char *err, size_t errlen)
{
    return venues_read(NULL, data, len, "venues", a, out, n, err, errlen);
}
