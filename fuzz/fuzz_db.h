/*
 * fuzz_db: the database the import fuzz targets run against: real SQLite in memory, the
 * schema applied, and the divisions 51 > 5104 > 510402. Made once per process.
 */
#ifndef WY_FUZZ_DB_H
#define WY_FUZZ_DB_H

#include <stdlib.h>

#include "core/account.h"
#include "core/store.h"

static inline store *fuzz_store(wy_config *cfg)
{
    static store *st;
    if (st)
        return st;
    char err[256];
    config_defaults(cfg);
    cfg->password_memlimit_kib = 8; /* the minimum: the cost is not what is tested */
    cfg->password_opslimit = 1;
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
    return st;
}

#endif
