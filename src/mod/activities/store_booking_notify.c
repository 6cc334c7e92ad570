/*
 * store_booking_notify: the notifications about bookings, in the form they have had since
 * before notifications were generic. The inbox row's subject is the booking; its snapshot is
 * the activity's title and page and the session's start; the webhook body describes the
 * booking by its activity and session (docs/notifications.md), made here from facts read once
 * for a whole batch, so the booking writer pays no read per confirmation.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/activity_store.h"
#include "db/store_util.h"
#include "util/timeutil.h"

const notify_kind booking_kind_confirmed = {"booking.confirmed", 0};
const notify_kind booking_kind_promoted = {"booking.promoted", 0};
const notify_kind booking_kind_reminder = {"session.reminder", 0};
const notify_kind booking_kind_changed = {"session.changed", 1}; /* a session may move twice */
const notify_kind booking_kind_cancelled = {"session.cancelled", 0};

static json_t *time_json(int64_t ms)
{
    char buf[40];
    if (!ms)
        return json_null();
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    return json_string(buf);
}

void booking_about_release(booking_about *ab)
{
    free(ab->activity);
    free(ab->session);
    ab->activity = ab->session = NULL;
    ab->session_id = 0;
}

int store_booking_about(db *c, int64_t session_id, booking_about *ab)
{
    booking_about_release(ab);
    db_stmt *st = db_query(c,
                           "SELECT s.activity_id, a.title, a.division, s.starts_at, s.ends_at"
                           " FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"
                           " WHERE s.id = ?",
                           "i", session_id);
    int s = st ? db_step(st) : WY_ERR;
    if (s == 1) {
        ab->activity_id = db_col_int(st, 0);
        ab->starts_at = db_col_int(st, 3);
        ab->ends_at = db_col_int(st, 4);
        snprintf(ab->title, sizeof(ab->title), "%s", db_col_text(st, 1));
        snprintf(ab->division, sizeof(ab->division), "%s", db_col_text(st, 2));
        snprintf(ab->href, sizeof(ab->href), "/activities/%lld", (long long)ab->activity_id);
    }
    db_done(st);
    if (s != 1)
        return s == 0 ? WY_NOTFOUND : s;
    json_t *a = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)ab->activity_id, "title", ab->title,
                          "division", ab->division);
    json_t *se = json_pack("{s:I,s:o,s:o}", "id", (json_int_t)session_id, "starts_at",
                           time_json(ab->starts_at), "ends_at", time_json(ab->ends_at));
    ab->activity = a ? json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    ab->session = se ? json_dumps(se, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(a);
    json_decref(se);
    if (!ab->activity || !ab->session) {
        booking_about_release(ab);
        return WY_NOMEM;
    }
    ab->session_id = session_id;
    return WY_OK;
}

int store_booking_notify(db *c, const notify_kind *kind, const booking_about *ab, int64_t user_id,
                         int64_t booking_id, const char *params, int64_t now, int64_t *id)
{
    /* what json_dumps(JSON_COMPACT | JSON_SORT_KEYS) makes of {activity, booking_id,
     * session}, without building it for each booking of a batch */
    size_t len = strlen(ab->activity) + strlen(ab->session) + 64;
    char *extra = malloc(len);
    if (!extra)
        return WY_NOMEM;
    snprintf(extra, len, "{\"activity\":%s,\"booking_id\":%lld,\"session\":%s}", ab->activity,
             (long long)booking_id, ab->session);
    notify_msg m = {.kind = kind,
                    .user_id = user_id,
                    .subject_type = "booking",
                    .subject_id = booking_id,
                    .title = ab->title,
                    .href = ab->href,
                    .at = ab->starts_at,
                    .division = ab->division,
                    .params = params,
                    .extra_text = extra};
    int rc = store_notify(c, &m, now, id);
    free(extra);
    return rc;
}
