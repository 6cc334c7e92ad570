/*
 * api_inbox: the fields a notification about a booking has in the inbox's JSON
 * (GET /api/v1/me/notifications) besides the generic ones: booking_id, session_id, the
 * activity's id and title, and the session's start, all as they were when it was sent (from
 * the notification's snapshot and the webhook body's parts kept with it).
 */
#include <string.h>

#include "mod/activities/handlers.h"

void api_booking_note_json(const notification *n, json_t *item)
{
    json_t *x = n->extra ? json_loads(n->extra, 0, NULL) : NULL;
    json_t *activity_id = json_object_get(json_object_get(x, "activity"), "id");
    json_int_t session_id =
        json_integer_value(json_object_get(json_object_get(x, "session"), "id"));
    int is_booking = n->subject_type && !strcmp(n->subject_type, "booking");
    json_object_set_new(item, "booking_id", is_booking ? json_integer(n->subject_id) : json_null());
    json_object_set_new(item, "session_id", json_integer(session_id));
    json_object_set_new(
        item, "activity",
        activity_id ? json_pack("{s:O,s:s}", "id", activity_id, "title", n->title ? n->title : "")
                    : json_null());
    json_object_set_new(item, "starts_at", api_time(n->at));
    json_decref(x);
}
