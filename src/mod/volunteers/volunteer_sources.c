/* volunteer_sources: the hours volunteers served at a venue in a year, verified, as evidence of
 * the venue's assessment (core/assess_source.h). */
#include "mod/volunteers/volunteer_sources.h"

#include "core/assess_source.h"

#define N_(s) s /* a msgid, translated where it is shown */
#include "mod/volunteers/sources_store.h"

static int hours(wy_ctx *ctx, int64_t venue_id, int year, double *out)
{
    int64_t from, to, minutes;
    assess_year_bounds(year, &from, &to);
    int rc = store_vol_venue_minutes(ctx->c, venue_id, from, to, &minutes);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer hours");
    *out = (double)minutes / 60.0;
    return 0;
}

static const assess_source hours_source = {
    "volunteers.hours", "hours",
    N_("Verified volunteer service hours on shifts at the venue in the year"), hours};

int volunteer_sources_register(void)
{
    return assess_source_register(&hours_source);
}
