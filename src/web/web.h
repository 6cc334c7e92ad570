/*
 * web: the server-rendered pages. Each page handler builds its body with html.h and wraps
 * it in the shared layout (header, navigation, language switch, footer).
 */
#ifndef WY_WEB_H
#define WY_WEB_H

#include "http/request.h"
#include "web/html.h"

/* Start a page: doctype, head, header with navigation. */
void web_begin(http_req *req, html *h, const char *title);
/* The same for a page that reloads itself every refresh_s seconds (<meta http-equiv=refresh>:
 * a job's progress without script). */
void web_begin_refresh(http_req *req, html *h, const char *title, int refresh_s);
/* Close the page and answer with it. */
void web_end(http_req *req, html *h, int status);
/* A page that says what went wrong. */
void web_error_page(http_req *req, int status, const char *message);
/* The hidden CSRF field every form carries. */
void web_csrf_field(http_req *req, html *h);
/* Translated text, escaped. */
void web_t(http_req *req, html *h, const char *msgid);
/* A flash message line from ?msg= (a known key only). */
void web_flash(http_req *req, html *h);

/* Pages (routes.c lists them). */
void page_home(http_req *req);
void page_register(http_req *req);
void page_register_post(http_req *req);
void page_register_verify(http_req *req);
void page_register_verify_post(http_req *req);
void page_reset(http_req *req);
void page_reset_post(http_req *req);
void page_reset_confirm_post(http_req *req);
void page_login(http_req *req);
void page_login_post(http_req *req);
void page_logout_post(http_req *req);
void page_account(http_req *req);
void page_password_post(http_req *req);
void page_admin(http_req *req);
void page_admin_divisions(http_req *req);
void page_admin_accounts(http_req *req);
void page_admin_account(http_req *req);
void page_admin_account_create(http_req *req);
void page_admin_grant_post(http_req *req);
void page_admin_revoke_post(http_req *req);
void page_admin_reviews(http_req *req);
void page_admin_review_post(http_req *req);
void page_admin_activity_revision(http_req *req);
void page_notice(http_req *req);
void page_notice_new(http_req *req);
void page_notice_create_post(http_req *req);
void page_static(http_req *req);
void page_venues(http_req *req);
void page_circles(http_req *req);
void page_circles_siting_post(http_req *req);
void page_circles_siting(http_req *req);
void page_activities(http_req *req);
void page_activity(http_req *req);
void page_book_post(http_req *req);
void page_my_bookings(http_req *req);
void page_my_calendar_post(http_req *req);
void page_booking_cancel_post(http_req *req);
void page_inbox(http_req *req);
void page_inbox_read_post(http_req *req);
void page_session_cancel_post(http_req *req);
void page_session_change_post(http_req *req);
void page_checkin(http_req *req);
void page_checkin_post(http_req *req);
void page_organiser(http_req *req);
void page_organiser_session(http_req *req);
void page_excuse_post(http_req *req);
void page_rating_decide_post(http_req *req);
void page_rate_post(http_req *req);
void page_venue(http_req *req);
void page_venue_new(http_req *req);
void page_venue_create_post(http_req *req);
void page_venue_edit(http_req *req);
void page_venue_update_post(http_req *req);
void page_venue_hours_post(http_req *req);
void page_venue_timed_entry_post(http_req *req);
void page_poster(http_req *req);
void page_poster_post(http_req *req);
void page_poster_delete_post(http_req *req);
/* An activity's poster on its page, and the staff's forms to change it. */
void web_poster_section(http_req *req, html *h, const activity *a);

/* What pressing "book" on a session would do now, in words; *can: a book button is shown. */
const char *web_book_state(http_req *req, const activity *a, const activity_session *s, int *can);
void page_spaces(http_req *req);
void page_space(http_req *req);
void page_space_book_post(http_req *req);
void page_my_space_bookings(http_req *req);
void page_space_booking_cancel_post(http_req *req);
void page_admin_space_bookings(http_req *req);
void page_admin_space_booking_post(http_req *req);

/* The home page's card of the coming activities (at most limit). */
void web_upcoming_card(http_req *req, html *h, int limit);

#endif
