/*
 * star_indicators: the volunteers module's computed indicators (star.h; declared in module.c,
 * catalogued by sql/0034_volunteer_stars.sql). Per-resident figures divide by the division's
 * latest population figure and have no data (NAN) without one. They have no drill-down list:
 * the records behind them are people's, shown masked on the module's own pages.
 */
#include <math.h>

#include "mod/volunteers/star.h"

static int population_of(wy_ctx *ctx, const char *division, int64_t *persons)
{
    *persons = 0;
    int rc =
        division && *division ? store_population_latest(ctx->c, division, persons) : WY_NOTFOUND;
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "population");
    return 0;
}

int star_ind_per_million(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    (void)from;
    int64_t persons, n;
    if (population_of(ctx, division, &persons) < 0)
        return -1;
    if (persons <= 0) {
        *out = NAN;
        return 0;
    }
    int rc = store_star_count_volunteers(ctx->c, division, to, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer indicator");
    *out = (double)n * 1e6 / (double)persons;
    return 0;
}

int star_ind_hours(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    int64_t minutes;
    int rc = store_star_sum_minutes(ctx->c, division, from, to, &minutes);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer indicator");
    *out = (double)minutes / 60.0;
    return 0;
}

int star_ind_active(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    int64_t n;
    int rc = store_star_count_active(ctx->c, division, from, to, 0, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer indicator");
    *out = (double)n;
    return 0;
}

int star_ind_per_resident(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    int64_t persons, n;
    if (population_of(ctx, division, &persons) < 0)
        return -1;
    if (persons <= 0) {
        *out = NAN;
        return 0;
    }
    int rc = store_star_count_active(ctx->c, division, from, to, 1, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer indicator");
    *out = (double)n / (double)persons;
    return 0;
}

static int stars(wy_ctx *ctx, const char *division, int level, int64_t to, double *out)
{
    int64_t n;
    int rc = store_star_count_level(ctx->c, division, level, to, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer indicator");
    *out = (double)n;
    return 0;
}

#define STARS(k)                                                                                   \
    int star_ind_stars_##k(wy_ctx *ctx, const char *division, int64_t from, int64_t to,            \
                           double *out)                                                            \
    {                                                                                              \
        (void)from;                                                                                \
        return stars(ctx, division, k, to, out);                                                   \
    }
STARS(1)
STARS(2)
STARS(3)
STARS(4)
STARS(5)
