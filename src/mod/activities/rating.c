/* rating: see rating.h. */
#include "mod/activities/rating.h"

#include <string.h>

#include "mod/activities/activity_store.h"

#define N_(s) s /* a msgid, translated where the refusal is shown */

static int activity_find(wy_ctx *ctx, int64_t id, const char **title, const char **division,
                         int *shown)
{
    activity a;
    int rc = store_activity_get(ctx->c, ctx->a, id, &a);
    if (rc != WY_OK)
        return rc;
    *title = a.title;
    *division = a.division;
    *shown = !strcmp(a.status, "published");
    return WY_OK;
}

static int activity_attended(wy_ctx *ctx, int64_t id, int64_t user_id, int *ended, int *upcoming)
{
    return store_rating_attended(ctx->c, id, user_id, ctx->now, ended, upcoming);
}

const rating_subject activity_rating_subject = {
    .kind = ACTIVITY_RATING_KIND,
    .href = "/activities/%lld",
    .find = activity_find,
    .attended = activity_attended,
    .not_attended = N_("Only people who attended a session of this activity may rate it."),
    .not_ended = N_("You can rate the activity once the session has ended."),
};

int rating_summary_venue(wy_ctx *ctx, int64_t venue_id, rating_summary *out)
{
    int64_t sum, count;
    int rc = store_rating_sum_venue(ctx->c, venue_id, &sum, &count);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating average");
    out->count = count;
    out->average = count ? (double)sum / (double)count : 0;
    return 0;
}
