/*
 * exchange_indicators: the exchange plan's indicators (Yuxi; docs/indicators.md), computed from
 * the module's records and declared in module.c; sql/0043_exchange.sql marks them computed in
 * the catalogue. The catalogue counts them by a deadline ("10 channels by 2025"), so each count
 * is a stock: the records of the subtree dated before the end of the period asked (a channel
 * by its establishment, an intent by the day it was reached, an activity by its last day). The
 * two shares are of the activities that ended in the period.
 */
#include <math.h>

#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"

static int count_channels(wy_ctx *ctx, const char *division, int64_t to, const char *scope,
                          double *out)
{
    char end[11];
    int64_t n;
    exchange_date_of(to, end);
    int rc =
        store_exchange_count_channels(ctx->c, ctx->a, division ? division : "", scope, end, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange indicator");
    *out = (double)n;
    return 0;
}

static int count_intents(wy_ctx *ctx, const char *division, int64_t to, const char *sector,
                         double *out)
{
    char end[11];
    int64_t n;
    exchange_date_of(to, end);
    int rc = store_exchange_count_intents(ctx->c, ctx->a, division ? division : "", sector,
                                          "0000-00-00", end, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange indicator");
    *out = (double)n;
    return 0;
}

int exchange_ind_channels_international(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                        double *out)
{
    (void)from;
    return count_channels(ctx, division, to, "international", out);
}

int exchange_ind_channels_domestic(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                   double *out)
{
    (void)from;
    return count_channels(ctx, division, to, "domestic", out);
}

int exchange_ind_intents_government(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                    double *out)
{
    (void)from;
    return count_intents(ctx, division, to, "government", out);
}

int exchange_ind_intents_nongovernment(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                       double *out)
{
    (void)from;
    return count_intents(ctx, division, to, "nongovernment", out);
}

/* Published activities of a kind (and scope) that ended before the end of the period. */
static int count_activities(wy_ctx *ctx, const char *division, int64_t to, const char *kind,
                            const char *scope, double *out)
{
    char end[11];
    int64_t n;
    exchange_date_of(to, end);
    int rc = store_exchange_count_activities(ctx->c, ctx->a, division ? division : "", kind, scope,
                                             end, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange indicator");
    *out = (double)n;
    return 0;
}

int exchange_ind_tours_international(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                     double *out)
{
    (void)from;
    return count_activities(ctx, division, to, "tour", "international", out);
}

int exchange_ind_tours_domestic(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                double *out)
{
    (void)from;
    return count_activities(ctx, division, to, "tour", "domestic", out);
}

int exchange_ind_festivals(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    (void)from;
    return count_activities(ctx, division, to, "festival", NULL, out);
}

int exchange_ind_expos(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    (void)from;
    return count_activities(ctx, division, to, "expo", NULL, out);
}

/* "Use of the information system": of the activities of the subtree (whatever their review
 * state) that ended in the period, the share whose participant number was recorded within
 * EXCHANGE_RECORD_DAYS of their end; no data without one. */
#define EXCHANGE_RECORD_DAYS 30
int exchange_ind_system_use(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                            double *out)
{
    char start[11], end[11];
    int64_t ended, recorded;
    exchange_date_of(from, start);
    exchange_date_of(to, end);
    int rc = store_exchange_recorded(ctx->c, ctx->a, division ? division : "", start, end,
                                     (int64_t)EXCHANGE_RECORD_DAYS * 24 * 3600 * 1000, &ended,
                                     &recorded);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange indicator");
    *out = ended ? 100.0 * (double)recorded / (double)ended : NAN;
    return 0;
}

/* New followers of the city's accounts per participant, in %: the published activities that
 * ended in the period with both figures; no data without participants. */
int exchange_ind_followers(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    char start[11], end[11];
    int64_t followers, participants;
    exchange_date_of(from, start);
    exchange_date_of(to, end);
    int rc = store_exchange_followers(ctx->c, ctx->a, division ? division : "", start, end,
                                      &followers, &participants);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange indicator");
    *out = participants ? 100.0 * (double)followers / (double)participants : NAN;
    return 0;
}
