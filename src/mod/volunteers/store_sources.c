/* store_sources: the volunteers' figure of a venue for assessments (sources_store.h). */
#include "mod/volunteers/sources_store.h"
#include "db/store_util.h"

int store_vol_venue_minutes(db *c, int64_t venue_id, int64_t from, int64_t to, int64_t *out)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(sum(h.minutes), 0) FROM volunteer_hours h"
                                  " JOIN volunteer_shifts s ON s.id = h.shift_id"
                                  " WHERE s.venue_id = ? AND h.status = 'verified'"
                                  " AND s.starts_at >= ? AND s.starts_at < ?",
                                  "iii", venue_id, from, to),
                         out);
}
