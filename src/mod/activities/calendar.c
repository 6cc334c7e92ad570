/* calendar: see calendar.h. */
#include "mod/activities/calendar.h"

#include <string.h>

#include "mod/venues/venue.h"

static int public_feed(wy_ctx *ctx, activity_filter *f, activity_view **out, size_t *n)
{
    f->from = ctx->now - (int64_t)CALENDAR_PAST_DAYS * 86400000;
    f->limit = CALENDAR_MAX;
    return activity_list(ctx, f, out, n);
}

int calendar_venue(wy_ctx *ctx, int64_t venue_id, const char **name, activity_view **out, size_t *n)
{
    venue v;
    int rc = store_venue_get(ctx->c, ctx->a, venue_id, &v);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue");
    *name = v.name;
    activity_filter f = {.venue_id = venue_id};
    return public_feed(ctx, &f, out, n);
}

int calendar_category(wy_ctx *ctx, const char *category, activity_view **out, size_t *n)
{
    int known = 0;
    for (int i = 0; category && activity_categories[i]; i++)
        known |= !strcmp(activity_categories[i], category);
    if (!known)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    activity_filter f = {.category = category};
    return public_feed(ctx, &f, out, n);
}

int calendar_feed_exists(wy_ctx *ctx, int64_t *created_at)
{
    int rc = store_calendar_feed_get(ctx->c, ctx->who->user_id, created_at);
    if (rc == WY_NOTFOUND)
        return 0;
    return rc == WY_OK ? 1 : wy_fail_store(ctx, rc, "calendar feed");
}

int calendar_feed_reset(wy_ctx *ctx, char token[TOKEN_CHARS])
{
    char th[65];
    account_token_new(token);
    account_token_hash(token, th);
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_calendar_feed_set(ctx->c, ctx->who->user_id, th, ctx->now);
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "calendar feed"));
}

int calendar_feed_bookings(wy_ctx *ctx, const char *token, booking_feed_item **out, size_t *n)
{
    char th[65];
    int64_t user;
    if (!token || strlen(token) != TOKEN_CHARS - 1)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    account_token_hash(token, th);
    int rc = store_calendar_feed_user(ctx->c, th, &user);
    if (rc == WY_OK)
        rc = store_booking_feed(ctx->c, ctx->a, user,
                                ctx->now - (int64_t)CALENDAR_PAST_DAYS * 86400000, out, n);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "calendar feed");
}

int calendar_default_division(wy_ctx *ctx, char out[DIVISION_CODE_MAX])
{
    out[0] = '\0';
    const char *lo, *hi;
    int rc = store_published_division_span(ctx->c, ctx->a, &lo, &hi);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "published divisions");
    if (!lo || !hi)
        return 0;
    /* every code between lo and hi shares their common prefix: the city in it (a city is
     * what the platform serves), or the province when it spans cities */
    size_t common = 0;
    while (lo[common] && lo[common] == hi[common])
        common++;
    static const size_t levels[] = {4, 2};
    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
        if (levels[i] <= common && levels[i] < DIVISION_CODE_MAX) {
            memcpy(out, lo, levels[i]);
            out[levels[i]] = '\0';
            return 1;
        }
    return 0;
}
