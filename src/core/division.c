/*
 * division: codes, levels and the tree. The national files list codes at fixed widths
 * (provinces 2, cities 4, counties 6, towns 9, villages 12 digits) and other sources pad
 * every code to 12 (or a city to 6: "510400"); division_normalize() accepts all of them.
 */
#include "core/division.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvread.h"
#include "util/geodesy.h"
#include "util/log.h"

static const size_t level_len[] = {0, 2, 4, 6, 9, 12};
static const char *const level_names[] = {"", "province", "city", "county", "town", "village"};

size_t division_level_len(int level)
{
    return level >= 1 && level <= 5 ? level_len[level] : 0;
}

const char *division_level_name(int level)
{
    return level >= 1 && level <= 5 ? level_names[level] : "";
}

int division_level_parse(const char *name)
{
    for (int i = 1; i <= 5; i++)
        if (!strcmp(name, level_names[i]))
            return i;
    return 0;
}

int division_level_of(const char *code)
{
    size_t n = strlen(code);
    for (int i = 1; i <= 5; i++)
        if (n == level_len[i])
            return i;
    return 0;
}

int division_code_exact(const char *code)
{
    if (!code || !division_level_of(code) || (code[0] == '0' && code[1] == '0'))
        return 0;
    for (const char *p = code; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return 1;
}

static int all_zero(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != '0')
            return 0;
    return 1;
}

int division_normalize(const char *in, char out[DIVISION_CODE_MAX])
{
    size_t n = in ? strlen(in) : 0;
    if (n == 0 || n > 12)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)in[i]))
            return -1;
    if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12)
        return -1;
    /* a padded code's level is where its trailing zero groups begin */
    size_t len = n;
    for (int lvl = 4; lvl >= 1; lvl--) {
        size_t l = level_len[lvl];
        if (l < len && all_zero(in, l, len) && (n == 12 || n == 6))
            len = l;
        else if (l < len)
            break;
    }
    if (len < 2 || all_zero(in, 0, 2))
        return -1;
    memcpy(out, in, len);
    out[len] = '\0';
    return 0;
}

void division_pad(const char *code, char out[DIVISION_CODE_MAX])
{
    size_t n = strlen(code);
    if (n > 12)
        n = 12;
    memcpy(out, code, n);
    memset(out + n, '0', 12 - n);
    out[12] = '\0';
}

int division_ancestor(const char *code, int level, char out[DIVISION_CODE_MAX])
{
    size_t l = division_level_len(level);
    if (l == 0 || strlen(code) < l)
        return 0;
    memcpy(out, code, l);
    out[l] = '\0';
    return 1;
}

int division_contains(const char *outer, const char *inner)
{
    if (!outer || !inner)
        return 0;
    size_t n = strlen(outer);
    return strlen(inner) >= n && !strncmp(outer, inner, n);
}

int division_get(wy_ctx *ctx, const char *code, division_view *out)
{
    char norm[DIVISION_CODE_MAX];
    if (division_normalize(code, norm) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "code");
    memset(out, 0, sizeof(*out));
    int rc = store_division_get(ctx->c, ctx->a, norm, &out->self);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "division_not_found", "No such division.");
    if (rc == WY_OK)
        rc = store_division_children(ctx->c, ctx->a, norm, &out->children, &out->nchildren);
    if (rc == WY_OK)
        rc = store_population_of(ctx->c, ctx->a, norm, &out->population, &out->npopulation);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division_get");
}

const char *division_name(wy_ctx *ctx, const char *code)
{
    division d;
    return code && store_division_get(ctx->c, ctx->a, code, &d) == WY_OK ? d.name : NULL;
}

int division_children(wy_ctx *ctx, const char *code, division **out, size_t *n)
{
    int rc = store_division_children(ctx->c, ctx->a, code, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division children");
}

int division_child_shapes(wy_ctx *ctx, const char *code, division_shape **out, size_t *n)
{
    int rc = store_shapes_children(ctx->c, ctx->a, code, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division shapes");
}

/* ---- import ---- */

typedef struct pending_row {
    char code[DIVISION_CODE_MAX];
    char *name;
    char *file;
    int line;
} pending_row;

typedef struct import_state {
    pending_row *rows;
    size_t n, cap;
    const char *file;
    const char *only;
    int code_col, name_col;
    int verbose;
    import_report *rep;
} import_state;

static int reject(import_state *st, int line, const char *why, const char *code)
{
    st->rep->rejected++;
    if (st->verbose)
        fprintf(stderr, "%s:%d: rejected %s: %s\n", st->file, line, code ? code : "", why);
    return 0;
}

static int on_division_row(const csv_row *row, void *user)
{
    import_state *st = user;
    if (st->code_col < 0) { /* the header */
        for (size_t i = 0; i < row->n; i++) {
            if (!strcmp(row->f[i], "code"))
                st->code_col = (int)i;
            else if (!strcmp(row->f[i], "name"))
                st->name_col = (int)i;
        }
        if (st->code_col < 0 || st->name_col < 0) {
            fprintf(stderr, "%s: the first line must name the columns code and name\n", st->file);
            return -1;
        }
        return 0;
    }
    st->rep->read++;
    if (row->bad_utf8)
        return reject(st, row->line, "not UTF-8 text", NULL);
    if ((size_t)st->code_col >= row->n || (size_t)st->name_col >= row->n)
        return reject(st, row->line, "missing columns", NULL);
    const char *code = row->f[st->code_col], *name = row->f[st->name_col];
    pending_row pr = {0};
    if (!division_code_exact(code))
        return reject(st, row->line, "not a division code", code);
    snprintf(pr.code, sizeof(pr.code), "%s", code);
    if (!*name)
        return reject(st, row->line, "empty name", code);
    if (st->only && !division_contains(st->only, pr.code) && !division_contains(pr.code, st->only))
        return 0; /* outside the requested subtree (its ancestors are kept) */
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 1024;
        pending_row *v = realloc(st->rows, cap * sizeof(*v));
        if (!v)
            return -1;
        st->rows = v;
        st->cap = cap;
    }
    pr.name = strdup(name);
    pr.file = (char *)st->file;
    pr.line = row->line;
    st->rows[st->n++] = pr;
    return 0;
}

static int by_code_length(const void *a, const void *b)
{
    const pending_row *x = a, *y = b;
    size_t lx = strlen(x->code), ly = strlen(y->code);
    return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->code, y->code);
}

int division_import_files(wy_ctx *ctx, char **files, int nfiles, const char *only_prefix,
                          int verbose, import_report *rep)
{
    memset(rep, 0, sizeof(*rep));
    import_state st = {.only = only_prefix, .verbose = verbose, .rep = rep};
    int ret = 0;
    for (int i = 0; i < nfiles && ret == 0; i++) {
        char err[256];
        st.file = files[i];
        st.code_col = st.name_col = -1;
        if (verbose)
            fprintf(stderr, "reading %s\n", files[i]);
        if (csv_read_file(files[i], on_division_row, &st, err, sizeof(err)) != 0) {
            if (err[0])
                fprintf(stderr, "%s\n", err);
            ret = wy_fail(ctx, E_INVALID, "bad_file", "A division file could not be read.");
        }
    }
    if (ret == 0) {
        /* parents first, so each row's parent exists when it is written */
        qsort(st.rows, st.n, sizeof(*st.rows), by_code_length);
        int rc = store_begin(ctx->c, 1);
        for (size_t i = 0; i < st.n && rc == WY_OK; i++) {
            pending_row *pr = &st.rows[i];
            int level = division_level_of(pr->code);
            char parent[DIVISION_CODE_MAX] = "";
            if (level > 1) {
                division_ancestor(pr->code, level - 1, parent);
                division p;
                int prc = store_division_get(ctx->c, ctx->a, parent, &p);
                if (prc == WY_NOTFOUND) {
                    st.file = pr->file;
                    reject(&st, pr->line, "its parent division is not loaded", pr->code);
                    continue;
                }
                if (prc != WY_OK) {
                    rc = prc;
                    break;
                }
            }
            division d = {pr->code, pr->name, level, level > 1 ? parent : NULL};
            rc = store_division_upsert(ctx->c, &d);
            if (rc == WY_OK)
                rep->accepted++;
            if (verbose && (i + 1) % 2000 == 0)
                fprintf(stderr, "  %zu/%zu divisions\n", i + 1, st.n);
        }
        if (rc == WY_OK)
            rc = store_commit(ctx->c);
        if (rc != WY_OK) {
            store_rollback(ctx->c);
            ret = wy_fail_store(ctx, rc, "division import");
        }
    }
    for (size_t i = 0; i < st.n; i++)
        free(st.rows[i].name);
    free(st.rows);
    return ret;
}

typedef struct pop_state {
    wy_ctx *ctx;
    const char *file, *only;
    import_report *rep;
    int header_seen;
    int rc;
} pop_state;

static int year_of(const char *metric)
{
    for (const char *p = metric; *p; p++)
        if ((p[0] == '1' || p[0] == '2') && isdigit((unsigned char)p[1]) &&
            isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
            !isdigit((unsigned char)p[4]) && (p == metric || !isdigit((unsigned char)p[-1])))
            return atoi(p);
    return 0;
}

static int on_population_row(const csv_row *row, void *user)
{
    pop_state *ps = user;
    if (!ps->header_seen) {
        ps->header_seen = 1;
        return 0;
    }
    ps->rep->read++;
    if (row->n < 6 || row->bad_utf8) {
        ps->rep->rejected++;
        fprintf(stderr, "%s:%d: rejected: want code,name,metric,value,unit,source_url\n", ps->file,
                row->line);
        return 0;
    }
    char code[DIVISION_CODE_MAX];
    char *end;
    double v = strtod(row->f[3], &end);
    int year = year_of(row->f[2]);
    double scale = !strcmp(row->f[4], "persons") ? 1 : !strcmp(row->f[4], "10k persons") ? 1e4 : 0;
    if (division_normalize(row->f[0], code) < 0 || *end || v < 0 || !year || scale == 0) {
        ps->rep->rejected++;
        fprintf(stderr, "%s:%d: rejected: bad code, value, year or unit\n", ps->file, row->line);
        return 0;
    }
    if (ps->only && !division_contains(ps->only, code))
        return 0;
    division d;
    if (store_division_get(ps->ctx->c, ps->ctx->a, code, &d) != WY_OK)
        return 0; /* a division not loaded */
    population p = {code, row->f[2], year, (int64_t)(v * scale + 0.5), row->f[5]};
    int rc = store_population_upsert(ps->ctx->c, &p);
    if (rc != WY_OK) {
        ps->rc = rc;
        return -1;
    }
    ps->rep->accepted++;
    return 0;
}

int division_import_population(wy_ctx *ctx, const char *file, const char *only_prefix,
                               import_report *rep)
{
    memset(rep, 0, sizeof(*rep));
    pop_state ps = {ctx, file, only_prefix, rep, 0, WY_OK};
    char err[256] = "";
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "population import");
    int r = csv_read_file(file, on_population_row, &ps, err, sizeof(err));
    if (r != 0 || ps.rc != WY_OK) {
        store_rollback(ctx->c);
        if (err[0])
            fprintf(stderr, "%s\n", err);
        return ps.rc != WY_OK ? wy_fail_store(ctx, ps.rc, "population import")
                              : wy_fail(ctx, E_INVALID, "bad_file", "The file could not be read.");
    }
    rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        return wy_fail_store(ctx, rc, "population import");
    }
    return 0;
}

/* Convert every [lon, lat] pair under a GeoJSON coordinates array in place. */
static void convert_coords(json_t *c)
{
    if (!json_is_array(c))
        return;
    if (json_array_size(c) >= 2 && json_is_number(json_array_get(c, 0)) &&
        json_is_number(json_array_get(c, 1))) {
        double lon, lat;
        gcj02_to_wgs84(json_number_value(json_array_get(c, 0)),
                       json_number_value(json_array_get(c, 1)), &lon, &lat);
        json_array_set_new(c, 0, json_real(round(lon * 1e6) / 1e6));
        json_array_set_new(c, 1, json_real(round(lat * 1e6) / 1e6));
        return;
    }
    for (size_t i = 0; i < json_array_size(c); i++)
        convert_coords(json_array_get(c, i));
}

int division_import_shapes(wy_ctx *ctx, const char *file, const char *parent, int gcj02,
                           import_report *rep)
{
    memset(rep, 0, sizeof(*rep));
    char par[DIVISION_CODE_MAX];
    if (division_normalize(parent, par) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "parent");
    json_error_t e;
    json_t *doc = json_load_file(file, 0, &e);
    json_t *features = json_object_get(doc, "features");
    if (!json_is_array(features)) {
        json_decref(doc);
        return wy_fail(ctx, E_INVALID, "bad_geojson",
                       "The file is not a GeoJSON FeatureCollection.");
    }
    division *kids;
    size_t nkids;
    int rc = store_division_children(ctx->c, ctx->a, par, &kids, &nkids);
    if (rc == WY_OK)
        rc = store_begin(ctx->c, 1);
    if (rc != WY_OK) {
        json_decref(doc);
        return wy_fail_store(ctx, rc, "shapes");
    }
    for (size_t i = 0; i < json_array_size(features) && rc == WY_OK; i++) {
        json_t *f = json_array_get(features, i), *g = json_object_get(f, "geometry");
        const char *name =
            json_string_value(json_object_get(json_object_get(f, "properties"), "name"));
        const char *type = json_string_value(json_object_get(g, "type"));
        rep->read++;
        const char *code = NULL;
        for (size_t k = 0; name && k < nkids; k++)
            if (!strcmp(kids[k].name, name))
                code = kids[k].code;
        if (!code || !type || (strcmp(type, "Polygon") && strcmp(type, "MultiPolygon"))) {
            rep->rejected++;
            fprintf(stderr, "%s: feature %zu (%s): %s\n", file, i + 1, name ? name : "no name",
                    code ? "not a polygon" : "no such division under the parent");
            continue;
        }
        if (gcj02)
            convert_coords(json_object_get(g, "coordinates"));
        char *s = json_dumps(g, JSON_COMPACT | JSON_REAL_PRECISION(9));
        rc = s ? store_shape_upsert(ctx->c, code, s, file) : WY_NOMEM;
        free(s);
        if (rc == WY_OK)
            rep->accepted++;
    }
    json_decref(doc);
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        return wy_fail_store(ctx, rc, "shapes");
    }
    return 0;
}
