/*
 * fuzz_venue_import: the venue import (CSV from a spreadsheet, or GeoJSON) as a dry run over a
 * real SQLite database in memory. The first byte picks the format ('g' GeoJSON, else CSV),
 * the second the datum ('c' GCJ-02). Every row must be accounted for, rejected rows must
 * carry a reason, and the dry run must write nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "domain/account.h"
#include "domain/venue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static store *st;
static wy_config cfg;

static void setup(void)
{
    char err[256];
    config_defaults(&cfg);
    if (account_init() < 0 || store_open(":memory:", 1, 1000, &st, err, sizeof(err)) != WY_OK ||
        store_migrate(st, err, sizeof(err)) != WY_OK)
        abort();
    db *c = store_acquire(st);
    division p = {"51", "四川省", 1, NULL}, city = {"5104", "攀枝花市", 2, "51"},
             county = {"510402", "东区", 3, "5104"};
    if (store_division_upsert(c, &p) || store_division_upsert(c, &city) ||
        store_division_upsert(c, &county))
        abort();
    store_release(st, c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!st)
        setup();
    if (size < 2 || size > 65536)
        return 0;
    arena a;
    arena_init(&a, 1 << 24);
    wy_ctx ctx = {.c = store_acquire(st), .a = &a, .cfg = &cfg, .now = 1795329000000LL};
    venue_import_result res;
    const char *format = data[0] == 'g' ? "geojson" : "csv";
    const char *crs = data[1] == 'c' ? "gcj02" : NULL;
    if (venue_import(&ctx, format, crs, (const char *)data + 2, size - 2, 1, &res) == 0) {
        if ((size_t)(res.created + res.updated + res.rejected) != res.nlines)
            abort();
        for (size_t i = 0; i < res.nlines; i++)
            if (!res.lines[i].ok && !res.lines[i].reason)
                abort();
        db_stmt *q = db_query(ctx.c, "SELECT count(*) FROM venues", "");
        if (!q || db_step(q) != 1 || db_col_int(q, 0) != 0)
            abort();
        db_done(q);
    } else if (!ctx.err.message) {
        abort();
    }
    store_release(st, ctx.c);
    arena_free(&a);
    return 0;
}
