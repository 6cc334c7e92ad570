/* demo_indicators: targets of the demo city (攀枝花, 5104) and of 东区 for the current year,
 * and a reported value with its note, so that the dashboards have something to compare. The
 * figures are demonstration figures, not the plan's: the plan's own targets (to 2025) are in
 * the catalogue's seed (sql/0018_indicators.sql). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mod/indicators/indicators.h"

int indicators_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    ind_period y;
    ind_period_at(IND_YEAR, ctx->now, &y);
    ind_target *have;
    size_t n;
    if (store_ind_targets(ctx->c, ctx->a, "activities.sessions", "5104", &have, &n) != WY_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(have[i].period, y.text))
            return 0; /* loaded before */
    const char *note = "演示数据 demonstration figure";
    ind_target ts[] = {
        {.code = "activities.sessions",
         .division = "5104",
         .period = y.text,
         .recurring = 1,
         .baseline = NAN,
         .target = 600,
         .note = note},
        {.code = "activities.sessions",
         .division = "510402",
         .period = y.text,
         .recurring = 1,
         .baseline = NAN,
         .target = 200,
         .note = note},
        {.code = "venues.count",
         .division = "5104",
         .period = y.text,
         .baseline_year = y.year - 1,
         .baseline = 8,
         .target = 14,
         .note = note},
        {.code = "venues.count",
         .division = "510402",
         .period = y.text,
         .baseline_year = y.year - 1,
         .baseline = 3,
         .target = 6,
         .note = note},
        {.code = "troupes.grassroots",
         .division = "5104",
         .period = y.text,
         .baseline = NAN,
         .target = 150,
         .note = note},
    };
    ind_report r = {.code = "troupes.grassroots",
                    .division = "5104",
                    .period = y.text,
                    .value = 128,
                    .note = "各县区文化馆报送汇总（演示数据）",
                    .entered_at = ctx->now};
    int rc = store_begin(ctx->c, 1);
    for (size_t i = 0; rc == WY_OK && i < sizeof(ts) / sizeof(ts[0]); i++) {
        ts[i].set_at = ctx->now;
        rc = store_ind_target_put(ctx->c, &ts[i], &ts[i].id);
    }
    if (rc == WY_OK)
        rc = store_ind_report_add(ctx->c, &r, &r.id);
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        fprintf(stderr, "demo: indicators: cannot add the targets\n");
        return -1;
    }
    if (verbose)
        fprintf(stderr, "indicators: %zu targets for %s, 1 reported value\n",
                sizeof(ts) / sizeof(ts[0]), y.text);
    return 0;
}
