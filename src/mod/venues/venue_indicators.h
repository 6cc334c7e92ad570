/*
 * venue_indicators: the indicators the venues module computes from its records (mod/module.h,
 * wy_indicator), each a count or a ratio over the open venues of a division's subtree, and
 * the venues behind it. docs/indicators-computed.md gives each one's definition and query.
 *
 * Every compute is one or two aggregate statements (store_venue_tally); the records hooks
 * list exactly the venues counted, by id.
 */
#ifndef WY_VENUE_INDICATORS_H
#define WY_VENUE_INDICATORS_H

#include "core/indicator.h"
#include "mod/venues/venue_store.h"

/* The grades that count (venue_tally.grades): a cultural centre at national grade one or above
 * (一级馆: "1", and "special" above it); a township station at the provincial standard, which
 * the data records as any grade of the national grading (special, 1, 2, 3: graded means
 * assessed and up to standard; an ungraded station is not counted). */
#define VENUE_GRADES_GRADE1     "special|1"
#define VENUE_GRADES_TOWN_STAND "special|1|2|3"

/* venues.count: the records of venue_indicator_count (venue.h). */
int venue_indicator_count_records(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                  int64_t after, int limit, wy_record **out, size_t *n);
/* venues.area_per_10k: the floor area (m²) of the open venues of the subtree per 10,000
 * residents of the division (its latest population figure, store_population_latest); NAN
 * without a figure (or a figure of 0). Records: the venues with an area, value the area. */
int venue_indicator_area_per_10k(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                 double *out);
int venue_indicator_area_records(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                 int64_t after, int limit, wy_record **out, size_t *n);
/* venues.centres_grade1: open cultural centres (category cultural_centre) graded
 * VENUE_GRADES_GRADE1 in or before the period's last year. */
int venue_indicator_centres_grade1(wy_ctx *ctx, const char *division, int64_t from_ms,
                                   int64_t to_ms, double *out);
int venue_indicator_centres_grade1_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                           int64_t to_ms, int64_t after, int limit, wy_record **out,
                                           size_t *n);
/* venues.township_stations: open town cultural stations (category town_station) graded
 * VENUE_GRADES_TOWN_STAND in or before the period's last year. */
int venue_indicator_township_stations(wy_ctx *ctx, const char *division, int64_t from_ms,
                                      int64_t to_ms, double *out);
int venue_indicator_township_stations_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                              int64_t to_ms, int64_t after, int limit,
                                              wy_record **out, size_t *n);
/* spaces.upgraded: open venues (any category) with at least one weekly opening span marked
 * off-peak or extended (错时延时开放). New uses are not recorded, so not counted. */
int venue_indicator_upgraded(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                             double *out);
int venue_indicator_upgraded_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                     int64_t to_ms, int64_t after, int limit, wy_record **out,
                                     size_t *n);
/* occupancy.venues: the weekly opening hours of the open venues of the subtree against the
 * weekly minimum (venue.min_weekly_hours) each must reach, in %: 100 × Σ weekly hours /
 * (venues × minimum). A venue without hours counts with 0; above 100 when venues open longer
 * than the minimum. NAN without venues or with a minimum of 0. The hours are today's (the
 * record keeps no history of them): the period only bounds when the venues were created.
 * Records: every venue counted, value its weekly hours. */
int venue_indicator_occupancy(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                              double *out);
int venue_indicator_occupancy_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                      int64_t to_ms, int64_t after, int limit, wy_record **out,
                                      size_t *n);

#endif
