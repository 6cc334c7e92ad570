/*
 * rating: activities as a kind of the core's ratings (core/rating.h). Only a person checked
 * in at a session of the activity that has ended may rate it; staff who publish over the
 * activity's division moderate. A venue's average is that of its activities' ratings.
 */
#ifndef WY_ACTIVITY_RATING_H
#define WY_ACTIVITY_RATING_H

#include "core/rating.h"

#define ACTIVITY_RATING_KIND "activity"

/* Registered by the module's init. */
extern const rating_subject activity_rating_subject;

int rating_summary_venue(wy_ctx *ctx, int64_t venue_id, rating_summary *out);

#endif
