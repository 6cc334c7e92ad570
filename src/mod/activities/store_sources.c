/* store_sources: the activities' figures of a venue for assessments (sources_store.h). */
#include "mod/activities/sources_store.h"
#include "db/store_util.h"

#define HELD_AT                                                                                    \
    " FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"                          \
    " WHERE a.venue_id = ? AND a.status = 'published' AND a.category <> 'timed_entry'"             \
    " AND s.status = 'scheduled' AND s.starts_at >= ? AND s.starts_at < ?"

int store_act_venue_sessions(db *c, int64_t venue_id, int64_t from, int64_t to, int64_t *out)
{
    return store_one_int(db_query(c, "SELECT count(*)" HELD_AT, "iii", venue_id, from, to), out);
}

int store_act_venue_attendance(db *c, int64_t venue_id, int64_t from, int64_t to, int64_t *out)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(sum(b.seats), 0) FROM bookings b"
                                  " WHERE b.status = 'checked_in' AND b.session_id IN"
                                  " (SELECT s.id" HELD_AT ")",
                                  "iii", venue_id, from, to),
                         out);
}
