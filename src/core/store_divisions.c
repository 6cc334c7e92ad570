/* store_divisions: the division tree and population figures. */
#include "core/store.h"
#include "db/store_util.h"

#include <jansson.h>
#include <stdlib.h>

int store_division_upsert(db *c, const division *d)
{
    return db_run(c,
                  "INSERT INTO divisions(code, name, level, parent) VALUES (?, ?, ?, ?)"
                  " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                  " level = excluded.level, parent = excluded.parent",
                  "ttit", d->code, d->name, (int64_t)d->level, d->parent);
}

static void fill_division(arena *a, db_stmt *st, division *d)
{
    d->code = col_str(a, st, 0);
    d->name = col_str(a, st, 1);
    d->level = (int)db_col_int(st, 2);
    d->parent = col_str(a, st, 3);
}

int store_division_get(db *c, arena *a, const char *code, division *out)
{
    db_stmt *st =
        db_query(c, "SELECT code, name, level, parent FROM divisions WHERE code = ?", "t", code);
    return STORE_ONE(a, st, fill_division, out);
}

int store_divisions_of(db *c, arena *a, const char *const *codes, size_t n, division **out,
                       size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (n == 0)
        return WY_OK;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(codes[i]));
    char *js = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    if (!js)
        return WY_NOMEM;
    db_stmt *st = db_get_dialect(c) == DB_POSTGRES
                      ? db_query(c,
                                 "SELECT code, name, level, parent FROM divisions WHERE code IN"
                                 " (SELECT json_array_elements_text(CAST(? AS json)))",
                                 "t", js)
                      : db_query(c,
                                 "SELECT code, name, level, parent FROM divisions WHERE code IN"
                                 " (SELECT value FROM json_each(?))",
                                 "t", js);
    free(js);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, division, fill_division, out, nout);
}

int store_division_children(db *c, arena *a, const char *code, division **out, size_t *n)
{
    db_stmt *st = code ? db_query(c,
                                  "SELECT code, name, level, parent FROM divisions"
                                  " WHERE parent = ? ORDER BY code",
                                  "t", code)
                       : db_query(c,
                                  "SELECT code, name, level, parent FROM divisions"
                                  " WHERE parent IS NULL ORDER BY code",
                                  "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, division, fill_division, out, n);
}

int64_t store_division_count(db *c, const char *prefix)
{
    arena a;
    arena_init(&a, 4096);
    db_stmt *st = db_query(c, "SELECT count(*) FROM divisions WHERE code >= ? AND code < ?", "tt",
                           prefix ? prefix : "", prefix_end(&a, prefix));
    int64_t n = -1;
    if (st && db_step(st) == 1)
        n = db_col_int(st, 0);
    db_done(st);
    arena_free(&a);
    return n;
}

int store_shape_upsert(db *c, const char *code, const char *geojson, const char *source)
{
    return db_run(c,
                  "INSERT INTO division_shapes(code, geojson, source) VALUES (?, ?, ?)"
                  " ON CONFLICT (code) DO UPDATE SET geojson = excluded.geojson,"
                  " source = excluded.source",
                  "ttt", code, geojson, source);
}

static void fill_shape(arena *a, db_stmt *st, division_shape *s)
{
    s->code = col_str(a, st, 0);
    s->geojson = col_str(a, st, 1);
}

int store_shapes_children(db *c, arena *a, const char *code, division_shape **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT s.code, s.geojson FROM division_shapes s"
                           " JOIN divisions d ON d.code = s.code"
                           " WHERE d.parent = ? OR (d.code = ? AND NOT EXISTS ("
                           "   SELECT 1 FROM division_shapes s2 JOIN divisions d2"
                           "   ON d2.code = s2.code WHERE d2.parent = ?))"
                           " ORDER BY s.code",
                           "ttt", code, code, code);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, division_shape, fill_shape, out, n);
}

int store_population_upsert(db *c, const population *p)
{
    return db_run(c,
                  "INSERT INTO division_population(code, metric, year, persons, source_url)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code, metric) DO UPDATE SET"
                  " year = excluded.year, persons = excluded.persons,"
                  " source_url = excluded.source_url",
                  "ttiit", p->code, p->metric, (int64_t)p->year, p->persons, p->source_url);
}

static void fill_population(arena *a, db_stmt *st, population *p)
{
    p->code = col_str(a, st, 0);
    p->metric = col_str(a, st, 1);
    p->year = (int)db_col_int(st, 2);
    p->persons = db_col_int(st, 3);
    p->source_url = col_str(a, st, 4);
}

int store_population_of(db *c, arena *a, const char *code, population **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT code, metric, year, persons, source_url"
                           " FROM division_population WHERE code = ? ORDER BY year DESC, metric",
                           "t", code);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, population, fill_population, out, n);
}
