/* venue_indicators: see venue_indicators.h. */
#include "mod/venues/venue_indicators.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "mod/venues/venue.h"
#include "util/timeutil.h"

/* The local (UTC+8) year of the last instant of [from, to). */
static int last_year(int64_t to_ms)
{
    time_t t = (time_t)((to_ms - 1) / 1000) + WY_TZ_OFFSET_MIN * 60;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static int tally(wy_ctx *ctx, const venue_tally *t, int64_t *count, double *area)
{
    int rc = store_venue_tally(ctx->c, ctx->a, t, count, area);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "venue indicator");
}

/* The venues of t as drill-down records. */
static int records(wy_ctx *ctx, const venue_tally *t, int64_t after, int limit, wy_record **out,
                   size_t *n)
{
    tally_row *rows;
    size_t nr;
    int rc = store_venue_tally_rows(ctx->c, ctx->a, t, after, limit, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue indicator records");
    wy_record *r = arena_alloc(ctx->a, (nr + 1) * sizeof(*r));
    if (!r)
        return wy_fail_store(ctx, WY_NOMEM, "venue indicator records");
    for (size_t i = 0; i < nr; i++)
        r[i] = (wy_record){.id = rows[i].id,
                           .kind = "venue",
                           .title = rows[i].title,
                           .href = arena_sprintf(ctx->a, "/venues/%lld", (long long)rows[i].id),
                           .at = 0,
                           .value = rows[i].value};
    *out = r;
    *n = nr;
    return 0;
}

static int count_of(wy_ctx *ctx, const venue_tally *t, double *out)
{
    int64_t n;
    double area;
    if (tally(ctx, t, &n, &area) < 0)
        return -1;
    *out = (double)n;
    return 0;
}

int venue_indicator_count_records(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                  int64_t after, int limit, wy_record **out, size_t *n)
{
    (void)from_ms;
    venue_tally t = {.prefix = division, .before = to_ms};
    return records(ctx, &t, after, limit, out, n);
}

int venue_indicator_area_per_10k(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                 double *out)
{
    (void)from_ms;
    int64_t persons = 0;
    int rc =
        division && *division ? store_population_latest(ctx->c, division, &persons) : WY_NOTFOUND;
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "population");
    if (rc == WY_NOTFOUND || persons <= 0) {
        *out = NAN;
        return 0;
    }
    venue_tally t = {.prefix = division, .before = to_ms, .with_area = 1};
    int64_t n;
    double area;
    if (tally(ctx, &t, &n, &area) < 0)
        return -1;
    *out = area / (double)persons * 10000.0;
    return 0;
}

int venue_indicator_area_records(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                 int64_t after, int limit, wy_record **out, size_t *n)
{
    (void)from_ms;
    venue_tally t = {.prefix = division, .before = to_ms, .with_area = 1};
    return records(ctx, &t, after, limit, out, n);
}

static venue_tally grade1(const char *division, int64_t to_ms)
{
    return (venue_tally){.prefix = division,
                         .before = to_ms,
                         .category = "cultural_centre",
                         .grades = VENUE_GRADES_GRADE1,
                         .grade_year_max = last_year(to_ms)};
}

int venue_indicator_centres_grade1(wy_ctx *ctx, const char *division, int64_t from_ms,
                                   int64_t to_ms, double *out)
{
    (void)from_ms;
    venue_tally t = grade1(division, to_ms);
    return count_of(ctx, &t, out);
}

int venue_indicator_centres_grade1_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                           int64_t to_ms, int64_t after, int limit, wy_record **out,
                                           size_t *n)
{
    (void)from_ms;
    venue_tally t = grade1(division, to_ms);
    return records(ctx, &t, after, limit, out, n);
}

static venue_tally town_standard(const char *division, int64_t to_ms)
{
    return (venue_tally){.prefix = division,
                         .before = to_ms,
                         .category = "town_station",
                         .grades = VENUE_GRADES_TOWN_STAND,
                         .grade_year_max = last_year(to_ms)};
}

int venue_indicator_township_stations(wy_ctx *ctx, const char *division, int64_t from_ms,
                                      int64_t to_ms, double *out)
{
    (void)from_ms;
    venue_tally t = town_standard(division, to_ms);
    return count_of(ctx, &t, out);
}

int venue_indicator_township_stations_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                              int64_t to_ms, int64_t after, int limit,
                                              wy_record **out, size_t *n)
{
    (void)from_ms;
    venue_tally t = town_standard(division, to_ms);
    return records(ctx, &t, after, limit, out, n);
}

int venue_indicator_upgraded(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                             double *out)
{
    (void)from_ms;
    venue_tally t = {.prefix = division, .before = to_ms, .extended = 1};
    return count_of(ctx, &t, out);
}

int venue_indicator_upgraded_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                     int64_t to_ms, int64_t after, int limit, wy_record **out,
                                     size_t *n)
{
    (void)from_ms;
    venue_tally t = {.prefix = division, .before = to_ms, .extended = 1};
    return records(ctx, &t, after, limit, out, n);
}

/* The weekly minutes of the venue whose spans start at s[0] (sorted by venue), and how many
 * spans are its: venue_weekly_minutes on them. */
static int venue_minutes(const venue_span *s, size_t n, size_t *used, venue_hours *buf)
{
    size_t k = 0;
    while (k < n && s[k].venue_id == s[0].venue_id) {
        buf[k] = s[k].h;
        k++;
    }
    *used = k;
    return venue_weekly_minutes(buf, k);
}

/* Σ weekly minutes of the venues of t (one statement), spans copied through buf. */
static int weekly_total(wy_ctx *ctx, const venue_tally *t, double *minutes)
{
    venue_span *s;
    size_t n;
    int rc = store_venue_tally_hours(ctx->c, ctx->a, t, &s, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue hours");
    venue_hours *buf = arena_alloc(ctx->a, (n + 1) * sizeof(*buf));
    if (!buf)
        return wy_fail_store(ctx, WY_NOMEM, "venue hours");
    double total = 0;
    for (size_t i = 0; i < n;) {
        size_t used;
        total += venue_minutes(s + i, n - i, &used, buf);
        i += used;
    }
    *minutes = total;
    return 0;
}

int venue_indicator_occupancy(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                              double *out)
{
    (void)from_ms;
    venue_tally t = {.prefix = division, .before = to_ms};
    int64_t n = 0;
    double area = 0, minutes = 0;
    if (tally(ctx, &t, &n, &area) < 0 || weekly_total(ctx, &t, &minutes) < 0)
        return -1;
    int min_h = ctx->cfg ? ctx->cfg->venue_min_weekly_hours : 0;
    *out = n > 0 && min_h > 0 ? 100.0 * minutes / ((double)n * min_h * 60.0) : NAN;
    return 0;
}

int venue_indicator_occupancy_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                      int64_t to_ms, int64_t after, int limit, wy_record **out,
                                      size_t *n)
{
    (void)from_ms;
    venue_tally t = {.prefix = division, .before = to_ms};
    if (records(ctx, &t, after, limit, out, n) < 0)
        return -1;
    if (!*n)
        return 0;
    /* the weekly hours of the page's venues: their spans, read once */
    venue_span *s;
    size_t ns;
    int rc = store_venue_tally_hours(ctx->c, ctx->a, &t, &s, &ns);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue hours");
    venue_hours *buf = arena_alloc(ctx->a, (ns + 1) * sizeof(*buf));
    if (!buf)
        return wy_fail_store(ctx, WY_NOMEM, "venue hours");
    size_t j = 0;
    for (size_t i = 0; i < *n; i++) {
        wy_record *r = &(*out)[i];
        r->value = 0;
        while (j < ns && s[j].venue_id < r->id)
            j++;
        if (j < ns && s[j].venue_id == r->id) {
            size_t used;
            r->value = venue_minutes(s + j, ns - j, &used, buf) / 60.0;
            j += used;
        }
    }
    return 0;
}
