/* activities: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_ACTIVITIES_HANDLERS_H
#define WY_MOD_ACTIVITIES_HANDLERS_H

#include "mod/activities/activity_store.h"
#include "web/api.h"
#include "web/web.h"

/* A session of an activity: times, capacity, seats left, booking window, status. */
json_t *api_session(const activity_session *s);
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
void api_poster_put(http_req *req);
void api_poster_delete(http_req *req);
/* The address of an activity's poster, or JSON null when it has none. */
json_t *api_poster_url(http_req *req, int64_t activity_id);
void api_attendance_csv(http_req *req);
void api_booking_excuse(http_req *req);
void api_rating_create(http_req *req);
void api_activity_ratings(http_req *req);
void api_ratings_list(http_req *req);
void api_rating_decide(http_req *req);
/* VENUE_SLOT_JSON and VENUE_SLOT_FACTS (mod/venues/handlers.h): the rating of the venue's
 * activities, as "rating" in its JSON and as a fact on its page. */
int api_venue_rating(http_req *req, void *out, const void *subject);
int web_venue_rating(http_req *req, void *out, const void *subject);
/* The inbox (mod/module.h, wy_notify_kind): the sentence of each kind of notification about a
 * booking, and its fields in the inbox's JSON (booking_id, session_id, activity, starts_at). */
const char *web_booking_confirmed_text(http_req *req, const notification *n);
const char *web_booking_promoted_text(http_req *req, const notification *n);
const char *web_session_reminder_text(http_req *req, const notification *n);
const char *web_session_changed_text(http_req *req, const notification *n);
const char *web_session_cancelled_text(http_req *req, const notification *n);
void api_booking_note_json(const notification *n, json_t *item);
void api_activity_update(http_req *req);
void api_session_update(http_req *req);
void api_session_cancel(http_req *req);
void api_calendar_venue(http_req *req);
void api_calendar_category(http_req *req);
void api_calendar_me(http_req *req);
void api_me_calendar(http_req *req);
void api_me_calendar_create(http_req *req);
void api_me_calendar_reset(http_req *req);
void page_activities(http_req *req);
void page_activity(http_req *req);
void page_book_post(http_req *req);
void page_my_bookings(http_req *req);
void page_my_calendar_post(http_req *req);
void page_booking_cancel_post(http_req *req);
void page_session_cancel_post(http_req *req);
void page_session_change_post(http_req *req);
void page_checkin(http_req *req);
void page_checkin_post(http_req *req);
void page_organiser(http_req *req);
void page_organiser_session(http_req *req);
void page_excuse_post(http_req *req);
void page_rating_decide_post(http_req *req);
void page_rate_post(http_req *req);
void page_poster(http_req *req);
void page_poster_post(http_req *req);
void page_poster_delete_post(http_req *req);
/* An activity's poster on its page, and the staff's forms to change it. */
void web_poster_section(http_req *req, html *h, const activity *a);
/* What pressing "book" on a session would do now, in words; *can: a book button is shown. */
const char *web_book_state(http_req *req, const activity *a, const activity_session *s, int *can);
/* The home page's card of the coming activities (at most limit). */
void web_upcoming_card(http_req *req, html *h, int limit);

#endif
