/* activity_sources: the activities' figures a venue's assessment draws as evidence
 * (core/assess_source.h): sessions held at the venue in a year and the people who came. */
#include "mod/activities/activity_sources.h"

#include "core/assess_source.h"

#define N_(s) s /* a msgid, translated where it is shown */
#include "mod/activities/sources_store.h"

static int value_of(wy_ctx *ctx, int64_t venue_id, int year, double *out,
                    int (*fn)(db *, int64_t, int64_t, int64_t, int64_t *))
{
    int64_t from, to, v;
    assess_year_bounds(year, &from, &to);
    int rc = fn(ctx->c, venue_id, from, to, &v);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activities");
    *out = (double)v;
    return 0;
}

static int sessions(wy_ctx *ctx, int64_t venue_id, int year, double *out)
{
    return value_of(ctx, venue_id, year, out, store_act_venue_sessions);
}

static int attendance(wy_ctx *ctx, int64_t venue_id, int year, double *out)
{
    return value_of(ctx, venue_id, year, out, store_act_venue_attendance);
}

static const assess_source sources[] = {
    {"activities.sessions", "sessions",
     N_("Sessions of published activities held at the venue in the year"), sessions},
    {"activities.attendance", "people",
     N_("People checked in at the venue's sessions in the year (companions included)"), attendance},
};

int activity_sources_register(void)
{
    for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++)
        if (assess_source_register(&sources[i]) < 0)
            return -1;
    return 0;
}
