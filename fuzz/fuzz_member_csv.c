/*
 * fuzz_member_csv: the member-list import (CSV from a spreadsheet: phone,name[,password
 * [,role,division]]) as `wenyun user import --dry-run` and POST /api/v1/accounts/import?dry_run=1
 * run it, over a real SQLite database in memory with two divisions. Every row must be
 * accounted for (accepted + rejected = lines reported), rejected rows carry a reason, and
 * a dry run writes nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "core/account.h"
#include "core/member_import.h"
#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wy_config cfg;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store *st = fuzz_store(&cfg);
    if (size > 4096) /* a row costs a password hash: keep inputs small */
        return 0;
    arena a;
    arena_init(&a, 1 << 24);
    wy_ctx ctx = {.c = store_acquire(st), .a = &a, .cfg = &cfg, .now = 1795329000000LL};
    account_import_result res;
    if (account_import_csv(&ctx, (const char *)data, size, 1, NULL, NULL, &res) == 0) {
        if ((size_t)(res.accepted + res.rejected) != res.nlines)
            abort();
        for (size_t i = 0; i < res.nlines; i++)
            if (!res.lines[i].ok && !res.lines[i].reason)
                abort();
        db_stmt *q = db_query(ctx.c, "SELECT count(*) FROM users", "");
        if (!q || db_step(q) != 1 || db_col_int(q, 0) != 0) /* the dry run wrote nothing */
            abort();
        db_done(q);
    } else if (!ctx.err.message) {
        abort();
    }
    store_release(st, ctx.c);
    arena_free(&a);
    return 0;
}
