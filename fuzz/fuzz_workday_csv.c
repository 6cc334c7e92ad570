/*
 * fuzz_workday_csv: the import of the working-day calendar (CSV: date,kind,name; the State
 * Council's schedule as an operator keeps it) as POST /api/v1/workdays/import?dry_run=1 runs
 * it, over a real SQLite database in memory. An accepted file names no refused line; a
 * refused one says why, and when it is for its lines (bad_rows) every refused line has a line
 * number, a code and a message; a dry run writes nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "core/workday.h"
#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wy_config cfg;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store *st = fuzz_store(&cfg);
    if (size > 1 << 16)
        return 0;
    arena a;
    arena_init(&a, 1 << 24);
    wy_ctx ctx = {.c = store_acquire(st), .a = &a, .cfg = &cfg, .now = 1795329000000LL};
    workday_import_result res;
    memset(&res, 0, sizeof(res));
    if (workday_import(&ctx, (const char *)data, size, 1, &res) == 0) {
        if (res.nerrors != 0)
            abort();
    } else {
        if (!ctx.err.message || !ctx.err.code)
            abort();
        if (!strcmp(ctx.err.code, "bad_rows")) {
            if (res.nerrors == 0)
                abort();
            for (size_t i = 0; i < res.nerrors; i++)
                if (res.errors[i].line < 1 || !res.errors[i].code || !res.errors[i].message)
                    abort();
        }
    }
    db_stmt *q = db_query(ctx.c, "SELECT count(*) FROM workday_exceptions", "");
    if (!q || db_step(q) != 1 || db_col_int(q, 0) != 0) /* the dry run wrote nothing */
        abort();
    db_done(q);
    store_release(st, ctx.c);
    arena_free(&a);
    return 0;
}
