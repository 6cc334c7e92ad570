/* sources_store: the activities' figures of a venue that assessments draw as evidence
 * (activity_sources.c, core/assess_source.h). */
#ifndef WY_ACTIVITY_SOURCES_STORE_H
#define WY_ACTIVITY_SOURCES_STORE_H

#include <stdint.h>

#include "core/store.h"

/* Scheduled sessions of published activities at the venue starting in [from, to), timed
 * entry slots left out (visits, not sessions held). */
int store_act_venue_sessions(db *c, int64_t venue_id, int64_t from, int64_t to, int64_t *out);
/* Seats of the checked-in bookings of those sessions. */
int store_act_venue_attendance(db *c, int64_t venue_id, int64_t from, int64_t to, int64_t *out);

#endif
