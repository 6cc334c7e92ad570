/*
 * routes: every route of wenyun in one table, with the permission its caller needs. The
 * route-table test (tests/unit/test_routes.c) fails on a route without a rule. Handlers
 * check again, with the record's division, once they have loaded the record.
 */
#include "api/api.h"
#include "http/router.h"
#include "web/web.h"

#define API    ROUTE_API
#define READ   ROUTE_READ   /* may be served from a read replica */
#define CACHE  ROUTE_CACHE  /* anonymous callers may get the answer of a moment ago */
#define UPLOAD ROUTE_UPLOAD /* a file as the body: the large limit, any content type */

static const route table[] = {
    /* health and description */
    {"GET", "/healthz", api_healthz, PERM_PUBLIC, API},
    {"GET", "/metrics", api_metrics, PERM_PUBLIC, API},
    {"GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, API},
    /* accounts */
    {"POST", "/api/v1/auth/register", api_register, PERM_PUBLIC, API},
    {"POST", "/api/v1/auth/login", api_login, PERM_PUBLIC, API},
    {"POST", "/api/v1/auth/logout", api_logout, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me", api_me, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/password", api_password, PERM_LOGGED_IN, API},
    /* not from a replica: each read of the list is written to the audit log */
    {"GET", "/api/v1/accounts", api_accounts_list, PERM_ACCOUNTS_READ, API},
    {"POST", "/api/v1/accounts", api_account_create, PERM_ACCOUNTS_MANAGE, API},
    {"POST", "/api/v1/accounts/import", api_account_import, PERM_ACCOUNTS_MANAGE, API | UPLOAD},
    {"GET", "/api/v1/accounts/{id}", api_account_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/accounts/{id}/roles", api_grant, PERM_ACCOUNTS_MANAGE, API},
    {"DELETE", "/api/v1/accounts/{id}/roles/{grant}", api_revoke, PERM_ACCOUNTS_MANAGE, API},
    /* divisions */
    {"GET", "/api/v1/divisions/{code}", api_division, PERM_PUBLIC, API | READ},
    /* review */
    {"GET", "/api/v1/reviews", api_reviews_list, PERM_ADMIN_CONSOLE, API},
    {"GET", "/api/v1/reviews/{id}", api_review_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/reviews/{id}/decision", api_review_decide, PERM_REVIEW, API},
    {"GET", "/api/v1/review-chains/{type}", api_review_chain_get, PERM_ADMIN_CONSOLE, API},
    {"PUT", "/api/v1/review-chains/{type}", api_review_chain_put, PERM_REVIEW_CONFIG, API},
    {"GET", "/api/v1/audit", api_audit, PERM_AUDIT_READ, API | READ},
    /* notices */
    {"GET", "/api/v1/notices", api_notices_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/notices", api_notice_create, PERM_PUBLISH, API},
    {"GET", "/api/v1/notices/{id}", api_notice_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/notices/{id}", api_notice_update, PERM_PUBLISH, API},
    {"POST", "/api/v1/notices/{id}/submit", api_notice_submit, PERM_PUBLISH, API},
    /* venues (文化阵地) */
    {"GET", "/api/v1/venues", api_venues_list, PERM_PUBLIC, API | READ | CACHE},
    {"POST", "/api/v1/venues", api_venue_create, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/venues.geojson", api_venues_geojson, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/venues.csv", api_venues_csv, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/venues/import", api_venues_import, PERM_VENUE_MANAGE, API | UPLOAD},
    {"GET", "/api/v1/venues/{id}", api_venue_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/venues/{id}", api_venue_update, PERM_VENUE_MANAGE, API},
    {"PUT", "/api/v1/venues/{id}/hours", api_venue_hours, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/venues/{id}/timed-entry", api_timed_entry_get, PERM_PUBLIC, API},
    {"PUT", "/api/v1/venues/{id}/timed-entry", api_timed_entry_put, PERM_VENUE_MANAGE, API},
    {"DELETE", "/api/v1/venues/{id}/timed-entry", api_timed_entry_delete, PERM_VENUE_MANAGE, API},
    /* circles (文化生活圈) */
    {"GET", "/api/v1/circles", api_circles, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/circles/siting", api_circles_siting, PERM_PUBLIC, API | READ},
    /* activities and bookings */
    {"GET", "/api/v1/activities", api_activities_list, PERM_PUBLIC, API | READ | CACHE},
    {"POST", "/api/v1/activities", api_activity_create, PERM_PUBLISH, API},
    {"GET", "/api/v1/activities/{id}", api_activity_get, PERM_PUBLIC, API},
    {"GET", "/api/v1/activities/{id}/sessions", api_activity_sessions, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/activities/{id}", api_activity_update, PERM_PUBLISH, API},
    {"POST", "/api/v1/activities/{id}/submit", api_activity_submit, PERM_PUBLISH, API},
    {"PUT", "/api/v1/activities/{id}/poster", api_poster_put, PERM_PUBLISH, API | UPLOAD},
    {"DELETE", "/api/v1/activities/{id}/poster", api_poster_delete, PERM_PUBLISH, API},
    {"PATCH", "/api/v1/sessions/{id}", api_session_update, PERM_PUBLISH, API},
    {"POST", "/api/v1/sessions/{id}/cancel", api_session_cancel, PERM_PUBLISH, API},
    {"POST", "/api/v1/sessions/{id}/bookings", api_book, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/sessions/{id}/bookings", api_session_bookings, PERM_PUBLISH, API},
    {"GET", "/api/v1/me/bookings", api_my_bookings, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/bookings/{id}", api_booking_cancel, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/checkins", api_checkin, PERM_PUBLISH, API},
    {"GET", "/api/v1/bookings/{id}/qr.svg", api_booking_qr, PERM_LOGGED_IN, API},
    {"GET", "/calendar/{division}.ics", api_calendar, PERM_PUBLIC, READ},
    /* space booking (场地预约) */
    {"GET", "/api/v1/spaces", api_spaces_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/spaces", api_space_create, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/spaces/{id}", api_space_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/spaces/{id}", api_space_update, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/spaces/{id}/schedule", api_space_schedule, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/spaces/{id}/bookings", api_space_book, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/space-bookings", api_my_space_bookings, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/space-bookings/{id}", api_space_booking_cancel, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/space-bookings", api_space_bookings_list, PERM_VENUE_MANAGE, API},
    {"POST", "/api/v1/space-bookings/{id}/decision", api_space_booking_decide, PERM_VENUE_MANAGE,
     API},
    /* attendance: no-shows, the attendance list, ratings */
    {"GET", "/api/v1/sessions/{id}/attendance.csv", api_attendance_csv, PERM_PUBLISH, API},
    {"POST", "/api/v1/bookings/{id}/excuse", api_booking_excuse, PERM_PUBLISH, API},
    {"POST", "/api/v1/activities/{id}/ratings", api_rating_create, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/activities/{id}/ratings", api_activity_ratings, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/ratings", api_ratings_list, PERM_PUBLISH, API},
    {"POST", "/api/v1/ratings/{id}/decision", api_rating_decide, PERM_PUBLISH, API},
    /* notifications and webhooks */
    {"GET", "/api/v1/me/notifications", api_inbox, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/notifications/read", api_inbox_read, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/webhooks", api_webhooks_list, PERM_WEBHOOK_MANAGE, API},
    {"POST", "/api/v1/webhooks", api_webhook_create, PERM_WEBHOOK_MANAGE, API},
    {"DELETE", "/api/v1/webhooks/{id}", api_webhook_delete, PERM_WEBHOOK_MANAGE, API},
    {"GET", "/calendar/venue/{id}.ics", api_calendar_venue, PERM_PUBLIC, READ},
    {"GET", "/calendar/category/{category}.ics", api_calendar_category, PERM_PUBLIC, READ},
    /* not from a replica: a reset revokes the old address at once */
    {"GET", "/calendar/me/{token}.ics", api_calendar_me, PERM_PUBLIC, 0},
    {"GET", "/api/v1/me/calendar", api_me_calendar, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/calendar", api_me_calendar_create, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/calendar/reset", api_me_calendar_reset, PERM_LOGGED_IN, API},
    /* pages */
    {"GET", "/", page_home, PERM_PUBLIC, READ},
    {"GET", "/register", page_register, PERM_PUBLIC, 0},
    {"POST", "/register", page_register_post, PERM_PUBLIC, 0},
    {"GET", "/login", page_login, PERM_PUBLIC, 0},
    {"POST", "/login", page_login_post, PERM_PUBLIC, 0},
    {"POST", "/logout", page_logout_post, PERM_LOGGED_IN, 0},
    {"GET", "/account", page_account, PERM_LOGGED_IN, 0},
    {"POST", "/account/password", page_password_post, PERM_LOGGED_IN, 0},
    {"GET", "/notices/{id}", page_notice, PERM_PUBLIC, READ},
    {"GET", "/admin", page_admin, PERM_ADMIN_CONSOLE, 0},
    {"GET", "/admin/divisions/{code}", page_admin_divisions, PERM_ADMIN_CONSOLE, READ},
    {"GET", "/admin/accounts", page_admin_accounts, PERM_ACCOUNTS_READ, 0},
    {"POST", "/admin/accounts", page_admin_account_create, PERM_ACCOUNTS_MANAGE, 0},
    {"GET", "/admin/accounts/{id}", page_admin_account, PERM_ACCOUNTS_READ, 0},
    {"POST", "/admin/accounts/{id}/roles", page_admin_grant_post, PERM_ACCOUNTS_MANAGE, 0},
    {"POST", "/admin/accounts/{id}/roles/{grant}/revoke", page_admin_revoke_post,
     PERM_ACCOUNTS_MANAGE, 0},
    {"GET", "/admin/reviews", page_admin_reviews, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/reviews/{id}", page_admin_review_post, PERM_REVIEW, 0},
    {"GET", "/admin/activity-revisions/{id}", page_admin_activity_revision, PERM_ADMIN_CONSOLE, 0},
    {"GET", "/admin/notices/new", page_notice_new, PERM_PUBLISH, 0},
    {"POST", "/admin/notices", page_notice_create_post, PERM_PUBLISH, 0},
    {"GET", "/venues", page_venues, PERM_PUBLIC, READ},
    {"GET", "/circles", page_circles, PERM_PUBLIC, READ},
    {"GET", "/activities", page_activities, PERM_PUBLIC, READ},
    {"GET", "/activities/{id}", page_activity, PERM_PUBLIC, 0},
    {"GET", "/activities/{id}/poster", page_poster, PERM_PUBLIC, 0},
    {"POST", "/activities/{id}/poster", page_poster_post, PERM_PUBLISH, UPLOAD},
    {"POST", "/activities/{id}/poster/delete", page_poster_delete_post, PERM_PUBLISH, 0},
    {"POST", "/sessions/{id}/book", page_book_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/bookings", page_my_bookings, PERM_LOGGED_IN, 0},
    {"GET", "/me/inbox", page_inbox, PERM_LOGGED_IN, 0},
    {"POST", "/me/inbox/read", page_inbox_read_post, PERM_LOGGED_IN, 0},
    {"POST", "/sessions/{id}/cancel", page_session_cancel_post, PERM_PUBLISH, 0},
    {"POST", "/sessions/{id}/change", page_session_change_post, PERM_PUBLISH, 0},
    {"POST", "/me/calendar", page_my_calendar_post, PERM_LOGGED_IN, 0},
    {"POST", "/bookings/{id}/cancel", page_booking_cancel_post, PERM_LOGGED_IN, 0},
    {"GET", "/checkin", page_checkin, PERM_PUBLISH, 0},
    {"POST", "/checkin", page_checkin_post, PERM_PUBLISH, 0},
    {"GET", "/organiser", page_organiser, PERM_PUBLISH, 0},
    {"GET", "/organiser/sessions/{id}", page_organiser_session, PERM_PUBLISH, 0},
    {"POST", "/organiser/bookings/{id}/excuse", page_excuse_post, PERM_PUBLISH, 0},
    {"POST", "/organiser/ratings/{id}", page_rating_decide_post, PERM_PUBLISH, 0},
    {"POST", "/activities/{id}/rate", page_rate_post, PERM_LOGGED_IN, 0},
    {"GET", "/venues/new", page_venue_new, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues", page_venue_create_post, PERM_VENUE_MANAGE, 0},
    {"GET", "/venues/{id}", page_venue, PERM_PUBLIC, READ},
    {"GET", "/venues/{id}/edit", page_venue_edit, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues/{id}", page_venue_update_post, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues/{id}/hours", page_venue_hours_post, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues/{id}/timed-entry", page_venue_timed_entry_post, PERM_VENUE_MANAGE, 0},
    {"GET", "/spaces", page_spaces, PERM_PUBLIC, READ},
    {"GET", "/spaces/{id}", page_space, PERM_PUBLIC, READ},
    {"POST", "/spaces/{id}/bookings", page_space_book_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/space-bookings", page_my_space_bookings, PERM_LOGGED_IN, 0},
    {"POST", "/space-bookings/{id}/cancel", page_space_booking_cancel_post, PERM_LOGGED_IN, 0},
    {"GET", "/admin/space-bookings", page_admin_space_bookings, PERM_VENUE_MANAGE, 0},
    {"POST", "/admin/space-bookings/{id}", page_admin_space_booking_post, PERM_VENUE_MANAGE, 0},
    {"GET", "/static/{file}", page_static, PERM_PUBLIC, 0},
};

const route *routes_table(size_t *n)
{
    *n = sizeof(table) / sizeof(table[0]);
    return table;
}
