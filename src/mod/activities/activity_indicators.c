/* activity_indicators: see activity_indicators.h. */
#include "mod/activities/activity_indicators.h"

#include <math.h>

static act_tally tally_of(wy_ctx *ctx, int kind, const char *division, int64_t from_ms,
                          int64_t to_ms)
{
    return (act_tally){.kind = kind,
                       .prefix = division,
                       .from = from_ms,
                       .to = to_ms,
                       .categories =
                           kind == ACT_TALLY_ACTIVITIES ? ACTIVITY_ART_POPULARISATION : NULL,
                       .ended_by = ctx->now};
}

static int value_of(wy_ctx *ctx, int kind, const char *division, int64_t from_ms, int64_t to_ms,
                    double *out)
{
    act_tally t = tally_of(ctx, kind, division, from_ms, to_ms);
    double v = 0, total = 0;
    int rc = store_act_tally(ctx->c, ctx->a, &t, &v, &total);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity indicator");
    if (kind == ACT_TALLY_OCCUPANCY)
        v = total > 0 ? 100.0 * v / total : NAN;
    *out = v;
    return 0;
}

static int records_of(wy_ctx *ctx, int kind, const char *division, int64_t from_ms, int64_t to_ms,
                      int64_t after, int limit, wy_record **out, size_t *n)
{
    act_tally t = tally_of(ctx, kind, division, from_ms, to_ms);
    tally_row *rows;
    size_t nr;
    int rc = store_act_tally_rows(ctx->c, ctx->a, &t, after, limit, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity indicator records");
    wy_record *r = arena_alloc(ctx->a, (nr + 1) * sizeof(*r));
    if (!r)
        return wy_fail_store(ctx, WY_NOMEM, "activity indicator records");
    const char *what = kind == ACT_TALLY_ACTIVITIES ? "activity"
                       : kind == ACT_TALLY_SERVED   ? "booking"
                                                    : "session";
    for (size_t i = 0; i < nr; i++)
        r[i] = (wy_record){
            .id = rows[i].id,
            .kind = what,
            .title = rows[i].title,
            /* a booking is its holder's: the drill-down names its activity, links nowhere */
            .href = kind == ACT_TALLY_ACTIVITIES
                        ? arena_sprintf(ctx->a, "/activities/%lld", (long long)rows[i].id)
                        : NULL,
            .at = rows[i].at,
            .value = rows[i].value};
    *out = r;
    *n = nr;
    return 0;
}

int activity_indicator_sessions(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                double *out)
{
    return value_of(ctx, ACT_TALLY_SESSIONS, division, from_ms, to_ms, out);
}

int activity_indicator_sessions_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                        int64_t to_ms, int64_t after, int limit, wy_record **out,
                                        size_t *n)
{
    return records_of(ctx, ACT_TALLY_SESSIONS, division, from_ms, to_ms, after, limit, out, n);
}

int activity_indicator_people_served(wy_ctx *ctx, const char *division, int64_t from_ms,
                                     int64_t to_ms, double *out)
{
    return value_of(ctx, ACT_TALLY_SERVED, division, from_ms, to_ms, out);
}

int activity_indicator_people_served_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                             int64_t to_ms, int64_t after, int limit,
                                             wy_record **out, size_t *n)
{
    return records_of(ctx, ACT_TALLY_SERVED, division, from_ms, to_ms, after, limit, out, n);
}

int activity_indicator_art_popularisation(wy_ctx *ctx, const char *division, int64_t from_ms,
                                          int64_t to_ms, double *out)
{
    return value_of(ctx, ACT_TALLY_ACTIVITIES, division, from_ms, to_ms, out);
}

int activity_indicator_art_popularisation_records(wy_ctx *ctx, const char *division,
                                                  int64_t from_ms, int64_t to_ms, int64_t after,
                                                  int limit, wy_record **out, size_t *n)
{
    return records_of(ctx, ACT_TALLY_ACTIVITIES, division, from_ms, to_ms, after, limit, out, n);
}

int activity_indicator_occupancy(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                 double *out)
{
    return value_of(ctx, ACT_TALLY_OCCUPANCY, division, from_ms, to_ms, out);
}

int activity_indicator_occupancy_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                         int64_t to_ms, int64_t after, int limit, wy_record **out,
                                         size_t *n)
{
    return records_of(ctx, ACT_TALLY_OCCUPANCY, division, from_ms, to_ms, after, limit, out, n);
}
