/* demo: see demo.h. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/division.h"
#include "core/workday.h"
#include "mod/module.h"
#include "util/strbuf.h"

/* Demo passwords are printed by `wenyun demo`; they are for a local demonstration only. */
const demo_account demo_accounts[] = {
    {"13900000001", "攀枝花市文广旅局管理员", "Demo2026pzh", "city_admin", "5104",
     "city admin 市级管理员"},
    {"13900000002", "东区文化馆管理员", "Demo2026dq", "district_admin", "510402",
     "district admin of 东区 区级管理员"},
    {"13900000003", "东区审核员", "Demo2026rv1", "reviewer", "510402",
     "district reviewer 区级审核员"},
    {"13900000004", "市级审核员", "Demo2026rv2", "reviewer", "5104", "city reviewer 市级审核员"},
    {"13900000005", "大渡口街道文化站站长", "Demo2026vm", "venue_manager", "510402001",
     "venue manager 阵地管理员"},
    {"13800000006", "王小梅", "Demo2026cz", "citizen", "510402001", "citizen 群众"},
};
const int demo_naccounts = sizeof(demo_accounts) / sizeof(demo_accounts[0]);

static int ensure_account(wy_ctx *ctx, const demo_account *d, int verbose)
{
    account u;
    if (store_user_by_phone(ctx->c, ctx->a, d->phone, &u) == WY_OK)
        return 0;
    int64_t id;
    ctx->who = NULL; /* the command line is trusted */
    if (account_create(ctx, d->phone, d->password, d->name, d->role, d->division, &id) < 0) {
        fprintf(stderr, "demo: cannot create %s: %s\n", d->phone, ctx->err.message);
        return -1;
    }
    if (verbose)
        fprintf(stderr, "created %s (%s)\n", d->phone, d->what);
    return 0;
}

/* Load a calendar file with workday_import (trusted: nobody acts). */
static int load_workdays(wy_ctx *ctx, const char *path, int verbose)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return wy_fail(ctx, E_INVALID, "no_file", "The calendar file cannot be read.");
    }
    strbuf sb = STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_add(&sb, buf, n);
    fclose(f);
    ctx->who = NULL;
    workday_import_result res;
    int rc = workday_import(ctx, sb.buf ? sb.buf : "", sb.len, 0, &res);
    sb_release(&sb);
    for (size_t i = 0; rc < 0 && i < res.nerrors; i++)
        fprintf(stderr, "%s:%d: %s\n", path, res.errors[i].line, res.errors[i].message);
    if (rc == 0 && verbose)
        fprintf(stderr, "calendar: %zu public holidays and make-up working days\n", res.rows);
    return rc;
}

int demo_load(wy_ctx *ctx, const char *data_dir, int verbose)
{
    char f[5][1100];
    static const char *const names[] = {"provinces.csv", "cities.csv", "areas.csv",
                                        "seed_streets.csv", "seed_villages.csv"};
    char *files[5];
    for (int i = 0; i < 5; i++) {
        snprintf(f[i], sizeof(f[i]), "%s/divisions/%s", data_dir, names[i]);
        files[i] = f[i];
    }
    import_report rep;
    if (division_import_files(ctx, files, 5, DEMO_CITY, verbose, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "divisions: %d accepted, %d rejected\n", rep.accepted, rep.rejected);
    char pop[1100];
    snprintf(pop, sizeof(pop), "%s/population/population_partial.csv", data_dir);
    if (division_import_population(ctx, pop, DEMO_CITY, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "population figures: %d\n", rep.accepted);
    for (int i = 0; i < demo_naccounts; i++)
        if (ensure_account(ctx, &demo_accounts[i], verbose) < 0)
            return -1;
    /* the State Council's public holidays and make-up working days (data/README.md) */
    char wd[1100];
    snprintf(wd, sizeof(wd), "%s/workdays-cn.csv", data_dir);
    if (load_workdays(ctx, wd, verbose) < 0)
        return -1;
    /* the county outlines for the maps */
    char shapes[1100];
    snprintf(shapes, sizeof(shapes), "%s/boundaries/panzhihua_5104.geojson", data_dir);
    if (division_import_shapes(ctx, shapes, DEMO_CITY, 1, &rep) < 0)
        return -1;
    if (verbose)
        fprintf(stderr, "county outlines: %d\n", rep.accepted);
    /* then each module's, in the order of the list */
    size_t n;
    const wy_module *const *mods = modules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (mods[i]->demo && mods[i]->demo(ctx, data_dir, verbose) < 0)
            return -1;
    ctx->who = NULL;
    return 0;
}
