/*
 * fuzz_member_csv: the member-list import (CSV from a spreadsheet: phone,name,password
 * [,role,division]) as `wenyun user import --dry-run` and POST /api/v1/accounts/import?dry_run=1
 * run it, over a real SQLite database in memory with two divisions. Every row must be
 * accounted for (accepted + rejected = lines reported), rejected rows carry a reason, and
 * a dry run writes nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "domain/account.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static store *st;
static wy_config cfg;

static void setup(void)
{
    char err[256];
    config_defaults(&cfg);
    cfg.password_memlimit_kib = 8; /* the minimum: the cost is not what is tested */
    cfg.password_opslimit = 1;
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
