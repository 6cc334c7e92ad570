/* space_indicators: see space_indicators.h. */
#include "mod/spaces/space_indicators.h"

#include <math.h>

#define DAY_MS 86400000.0

int space_indicator_occupancy(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                              double *out)
{
    double daily = 0, booked = 0;
    int rc = store_space_occupancy(ctx->c, ctx->a, division, from_ms, to_ms, &daily, &booked);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space occupancy");
    double days = to_ms > from_ms ? ceil((double)(to_ms - from_ms) / DAY_MS) : 0;
    double open = daily * days;
    *out = open > 0 ? 100.0 * booked / open : NAN;
    return 0;
}

int space_indicator_occupancy_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                      int64_t to_ms, int64_t after, int limit, wy_record **out,
                                      size_t *n)
{
    tally_row *rows;
    size_t nr;
    int rc = store_space_occupancy_rows(ctx->c, ctx->a, division, from_ms, to_ms, after, limit,
                                        &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space occupancy records");
    wy_record *r = arena_alloc(ctx->a, (nr + 1) * sizeof(*r));
    if (!r)
        return wy_fail_store(ctx, WY_NOMEM, "space occupancy records");
    for (size_t i = 0; i < nr; i++)
        r[i] = (wy_record){.id = rows[i].id,
                           .kind = "space_booking",
                           .title = rows[i].title,
                           .href = NULL,
                           .at = rows[i].at,
                           .value = rows[i].value};
    *out = r;
    *n = nr;
    return 0;
}
