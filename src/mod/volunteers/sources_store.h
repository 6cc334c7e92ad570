/* sources_store: the volunteers' figure of a venue that assessments draw as evidence
 * (volunteer_sources.c, core/assess_source.h). */
#ifndef WY_VOLUNTEER_SOURCES_STORE_H
#define WY_VOLUNTEER_SOURCES_STORE_H

#include <stdint.h>

#include "core/store.h"

/* Verified minutes of service (corrections included) on shifts at the venue starting in
 * [from, to). */
int store_vol_venue_minutes(db *c, int64_t venue_id, int64_t from, int64_t to, int64_t *out);

#endif
