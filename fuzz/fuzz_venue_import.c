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

#include "http/app.h"
#include "core/account.h"
#include "fuzz_db.h"
#include "mod/venues/venue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wy_config cfg;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store *st = fuzz_store(&cfg);
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
