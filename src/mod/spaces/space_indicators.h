/*
 * space_indicators: the indicator the spaces module computes (mod/module.h, wy_indicator):
 * occupancy.spaces, the approved booked hours of the spaces of a division's subtree against
 * their bookable hours over the period. docs/indicators-computed.md says more.
 */
#ifndef WY_SPACE_INDICATORS_H
#define WY_SPACE_INDICATORS_H

#include "core/indicator.h"
#include "mod/spaces/space_store.h"

/* 100 × Σ hours of the approved bookings starting in [from, to) / Σ bookable hours of the
 * active spaces over the period (each space's daily hours, closes − opens, times the days of
 * the period, rounded up to whole days). NAN without an active space. The spaces are those
 * that exist at the end of the period; the whole period is counted for each. Records: the
 * approved bookings, value their hours. */
int space_indicator_occupancy(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                              double *out);
int space_indicator_occupancy_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                      int64_t to_ms, int64_t after, int limit, wy_record **out,
                                      size_t *n);

#endif
