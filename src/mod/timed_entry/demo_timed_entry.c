/* demo_timed_entry: the timed entry of `wenyun demo`. */
#include <stdio.h>

#include "core/demo_kit.h"
#include "mod/timed_entry/timed_entry.h"
#include "mod/venues/venue.h"

/* Timed entry (参观预约) at the museum: four slots a day, bookable a week ahead from 20:00.
 * Set once; later runs only generate the coming days. */
static int ensure_timed_entry(wy_ctx *ctx, int verbose)
{
    venue v;
    timed_entry te;
    if (store_venue_by_external(ctx->c, ctx->a, "pzh-mus-3line", &v) != WY_OK)
        return 0;
    if (store_timed_entry_get(ctx->c, ctx->a, v.id, &te) == WY_OK)
        return timed_entry_generate_venue(ctx, v.id, 0, NULL, NULL);
    principal admin;
    timed_entry_config cfg = {.slots = {{9 * 60, 10 * 60 + 30},
                                        {10 * 60 + 30, 12 * 60},
                                        {13 * 60 + 30, 15 * 60},
                                        {15 * 60, 16 * 60 + 30}},
                              .nslots = 4,
                              .capacity = 50,
                              .days_ahead = 7,
                              .opens_at_minute = 20 * 60,
                              .max_companions = 2};
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 ||
        timed_entry_configure(ctx, v.id, &cfg) < 0)
        return -1;
    ctx->who = NULL;
    if (verbose)
        fprintf(stderr, "timed entry: %s, 4 slots a day, 7 days ahead\n", v.name);
    return 0;
}

int timed_entry_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    if (ensure_timed_entry(ctx, verbose) < 0)
        return demo_failed(ctx, "set up timed entry");
    ctx->who = NULL;
    return 0;
}
