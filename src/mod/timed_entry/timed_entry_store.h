/*
 * timed_entry_store: the store interface of the timed entry module (store_timed_entry.c): a
 * venue's configuration of daily entry slots, and the statements on the slot sessions (sessions
 * of one activity per venue, activity_store.h) that generating them needs. Conventions as in
 * core/store.h.
 */
#ifndef WY_TIMED_ENTRY_STORE_H
#define WY_TIMED_ENTRY_STORE_H

#include <stdint.h>

#include "core/store.h"
#include "mod/activities/activity_store.h"

/* ---- timed entry (参观预约): a venue's daily entry slots, as sessions of one activity ---- */
typedef struct timed_entry {
    int64_t venue_id, activity_id;
    const char *slots; /* JSON [["09:00","10:30"], ...], local time */
    int capacity, days_ahead;
    int opens_at_minute; /* booking for day D opens at D - days_ahead, this minute */
    int max_companions, enabled;
    const char *generated_for; /* local day of the last generation, or NULL */
    int64_t created_at, updated_at;
} timed_entry;

int store_timed_entry_get(db *c, arena *ar, int64_t venue_id, timed_entry *out);
/* Insert or replace the configuration of t->venue_id (generated_for is cleared). */
int store_timed_entry_put(db *c, const timed_entry *t, int64_t now);
/* The venue ids with timed entry enabled, in id order. */
int store_timed_entry_enabled(db *c, arena *ar, int64_t **ids, size_t *n);
/* Claim the generation of day for the venue: WY_OK when this caller should generate (the
 * row now says day), WY_NOTFOUND when it has been done for day already (unless force) or
 * there is no row. As the first write of a generation it takes the row's lock, so two
 * generations of one venue serialise on every backend. */
int store_timed_entry_claim(db *c, int64_t venue_id, const char *day, int force);
/* Forget the last generation (the venue's hours changed): the next chance regenerates. */
int store_timed_entry_invalidate(db *c, int64_t venue_id);
/* Sessions of an activity starting in [from, to), in time order. */
int store_activity_sessions_between(db *c, arena *ar, int64_t activity_id, int64_t from, int64_t to,
                                    activity_session **out, size_t *n);
/* The sessions of an activity starting at or after from, in time order, each with its
 * bookings counted (one grouped query): live (confirmed, waitlisted, checked in) and all. */
typedef struct session_booked {
    activity_session s;
    int live, all;
} session_booked;
int store_sessions_booked_from(db *c, arena *ar, int64_t activity_id, int64_t from,
                               session_booked **out, size_t *n);
/* Change the times, capacity and windows of a session nobody holds seats of, and make it
 * scheduled again; WY_NOTFOUND when seats are held. */
int store_session_reset(db *c, const activity_session *s);
/* Remove a session nobody holds: deleted when it never had a booking, else marked
 * cancelled. WY_NOTFOUND, and nothing changed, when it holds seats or a live booking (booked
 * since the caller looked). */
int store_session_remove(db *c, int64_t id);

#endif
