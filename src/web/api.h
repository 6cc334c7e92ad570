/*
 * api: the JSON handlers under /api/v1, one file per module. Handlers read input, call the
 * domain, and turn its results (or its refusal) into JSON. No rule lives here.
 */
#ifndef WY_API_H
#define WY_API_H

#include <jansson.h>

#include "http/request.h"
#include "core/store.h"

/* A string member of a JSON body: -1 (and a 400 answer) when it has the wrong type or is
 * required and missing. */
int api_str(http_req *req, json_t *body, const char *key, int required, const char **out);
/* An integer member. */
int api_int(http_req *req, json_t *body, const char *key, int required, int64_t *out);
/* RFC 3339 text of a time in ms. */
json_t *api_time(int64_t ms);
/* An account as the caller may see it (phone masked unless allowed). */
json_t *api_user(http_req *req, const user *u);
/* A session of an activity: times, capacity, seats left, booking window, status. */
json_t *api_session(const activity_session *s);
/* {"items": [...], "next_cursor": "..."|null} */
json_t *api_page(json_t *items, int64_t next_cursor);

void api_register(http_req *req);
void api_verify(http_req *req);
void api_reset_request(http_req *req);
void api_reset(http_req *req);
void api_login(http_req *req);
void api_logout(http_req *req);
void api_me(http_req *req);
void api_password(http_req *req);
void api_division(http_req *req);
void api_accounts_list(http_req *req);
void api_account_get(http_req *req);
void api_account_create(http_req *req);
void api_account_import(http_req *req);
void api_account_import_get(http_req *req);
void api_grant(http_req *req);
void api_revoke(http_req *req);
void api_reviews_list(http_req *req);
void api_review_get(http_req *req);
void api_review_decide(http_req *req);
void api_review_chain_get(http_req *req);
void api_review_chain_put(http_req *req);
void api_notices_list(http_req *req);
void api_notice_get(http_req *req);
void api_notice_create(http_req *req);
void api_notice_update(http_req *req);
void api_notice_submit(http_req *req);
void api_audit(http_req *req);
void api_venues_list(http_req *req);
void api_venue_get(http_req *req);
void api_venue_create(http_req *req);
void api_venue_update(http_req *req);
void api_venue_hours(http_req *req);
void api_venues_import(http_req *req);
void api_venues_geojson(http_req *req);
void api_venues_csv(http_req *req);
void api_circles(http_req *req);
void api_circles_siting(http_req *req);
void api_circles_siting_get(http_req *req);
void api_activities_list(http_req *req);
void api_activity_get(http_req *req);
void api_activity_sessions(http_req *req);
void api_activity_create(http_req *req);
void api_activity_submit(http_req *req);
void api_book(http_req *req);
void api_my_bookings(http_req *req);
void api_booking_cancel(http_req *req);
void api_checkin(http_req *req);
void api_session_bookings(http_req *req);
void api_booking_qr(http_req *req);
void api_calendar(http_req *req);
void api_timed_entry_get(http_req *req);
void api_timed_entry_put(http_req *req);
void api_timed_entry_delete(http_req *req);
void api_poster_put(http_req *req);
void api_poster_delete(http_req *req);
/* The address of an activity's poster, or JSON null when it has none. */
json_t *api_poster_url(http_req *req, int64_t activity_id);
void api_spaces_list(http_req *req);
void api_space_get(http_req *req);
void api_space_create(http_req *req);
void api_space_update(http_req *req);
void api_space_schedule(http_req *req);
void api_space_book(http_req *req);
void api_my_space_bookings(http_req *req);
void api_space_booking_cancel(http_req *req);
void api_space_bookings_list(http_req *req);
void api_space_booking_decide(http_req *req);
void api_attendance_csv(http_req *req);
void api_booking_excuse(http_req *req);
void api_rating_create(http_req *req);
void api_activity_ratings(http_req *req);
void api_ratings_list(http_req *req);
void api_rating_decide(http_req *req);
/* {average (two decimals, null when none), count} of approved ratings. */
typedef struct rating_summary rating_summary;
json_t *api_rating_summary(const rating_summary *s);
void api_activity_update(http_req *req);
void api_session_update(http_req *req);
void api_session_cancel(http_req *req);
void api_inbox(http_req *req);
void api_inbox_read(http_req *req);
void api_webhooks_list(http_req *req);
void api_webhook_create(http_req *req);
void api_webhook_delete(http_req *req);
void api_calendar_venue(http_req *req);
void api_calendar_category(http_req *req);
void api_calendar_me(http_req *req);
void api_me_calendar(http_req *req);
void api_me_calendar_create(http_req *req);
void api_me_calendar_reset(http_req *req);
void api_healthz(http_req *req);
void api_metrics(http_req *req);
void api_openapi(http_req *req);

#endif
