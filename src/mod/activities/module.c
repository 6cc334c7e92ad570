/* The activities module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/activities/handlers.h"
#include "mod/venues/handlers.h"
#include "mod/activities/activity.h"
#include "mod/activities/activity_indicators.h"
#include "mod/activities/activity_sources.h"
#include "mod/activities/booking.h"
#include "mod/activities/rating.h"
#include "util/log.h"
#include <stdio.h>

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
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
    /* attendance: no-shows, the attendance list, ratings */
    {"GET", "/api/v1/sessions/{id}/attendance.csv", api_attendance_csv, PERM_PUBLISH, API},
    {"POST", "/api/v1/bookings/{id}/excuse", api_booking_excuse, PERM_PUBLISH, API},
    {"POST", "/api/v1/activities/{id}/ratings", api_rating_create, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/activities/{id}/ratings", api_activity_ratings, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/ratings", api_ratings_list, PERM_PUBLISH, API},
    {"POST", "/api/v1/ratings/{id}/decision", api_rating_decide, PERM_PUBLISH, API},
    {"GET", "/calendar/venue/{id}.ics", api_calendar_venue, PERM_PUBLIC, READ},
    {"GET", "/calendar/category/{category}.ics", api_calendar_category, PERM_PUBLIC, READ},
    /* not from a replica: a reset revokes the old address at once */
    {"GET", "/calendar/me/{token}.ics", api_calendar_me, PERM_PUBLIC, 0},
    {"GET", "/api/v1/me/calendar", api_me_calendar, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/calendar", api_me_calendar_create, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/calendar/reset", api_me_calendar_reset, PERM_LOGGED_IN, API},
    {"GET", "/activities", page_activities, PERM_PUBLIC, READ},
    {"GET", "/activities/{id}", page_activity, PERM_PUBLIC, 0},
    {"GET", "/activities/{id}/poster", page_poster, PERM_PUBLIC, 0},
    {"POST", "/activities/{id}/poster", page_poster_post, PERM_PUBLISH, UPLOAD},
    {"POST", "/activities/{id}/poster/delete", page_poster_delete_post, PERM_PUBLISH, 0},
    {"POST", "/sessions/{id}/book", page_book_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/bookings", page_my_bookings, PERM_LOGGED_IN, 0},
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
};

static const wy_slot slots[] = {
    {VENUE_SLOT_FACTS, web_venue_rating},
    {VENUE_SLOT_JSON, api_venue_rating},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/activities",
     .label = N_("Activities"),
     .perm = PERM_PUBLIC,
     .order = 10},
    {.place = WEB_NAV_MAIN,
     .href = "/organiser",
     .label = N_("Organiser"),
     .perm = PERM_PUBLISH,
     .order = 60},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/bookings",
     .label = N_("My bookings"),
     .perm = PERM_LOGGED_IN,
     .order = 10},
};

static const review_type *const review_types[] = {&activity_review_type,
                                                  &activity_revision_type.review};

static const wy_job jobs[] = {
    {.name = "reminders", .fn = booking_job_reminders},
    {.name = "no-shows", .fn = booking_sweep_no_shows},
};

static const wy_indicator indicators[] = {
    {"activities.sessions", N_("Activity sessions held"), N_("sessions"),
     N_("Scheduled (not cancelled) sessions of the published activities of the subtree starting in "
        "the period; timed entry slots are left out."),
     activity_indicator_sessions, activity_indicator_sessions_records},
    {"activities.people_served", N_("People served"), N_("people"),
     N_("People checked in at the sessions of the subtree's activities held in the period: the "
        "seats (the person and their companions) of the checked-in bookings, timed entry visits "
        "included."),
     activity_indicator_people_served, activity_indicator_people_served_records},
    {"activities.art_popularisation", N_("Art-popularisation activities"), N_("activities"),
     N_("Published activities of the categories lecture, performance, film, festival and "
        "exhibition with at least one session held in the period, each counted once."),
     activity_indicator_art_popularisation, activity_indicator_art_popularisation_records},
    {"occupancy.sessions", N_("Occupancy of sessions"), N_("%"),
     N_("Checked-in seats against the capacity of the sessions of activities.sessions that have "
        "ended: 100 x checked-in seats / capacity."),
     activity_indicator_occupancy, activity_indicator_occupancy_records},
};

/* What happens to people's bookings, told in their inbox and to webhooks (core/notify.h). */
static const wy_notify_kind notify_kinds[] = {
    {&booking_kind_confirmed, web_booking_confirmed_text, api_booking_note_json},
    {&booking_kind_promoted, web_booking_promoted_text, api_booking_note_json},
    {&booking_kind_reminder, web_session_reminder_text, api_booking_note_json},
    {&booking_kind_changed, web_session_changed_text, api_booking_note_json},
    {&booking_kind_cancelled, web_session_cancelled_text, api_booking_note_json},
};

/* Activities are a kind of the core's ratings (rating.h). */
static void activities_init(void)
{
    if (rating_subject_register(&activity_rating_subject) < 0)
        log_warn("activities: the rating subject could not be registered");
    if (activity_sources_register() < 0)
        log_warn("activities: the assessments' sources could not be registered");
}

/* The booking writer: one thread that commits bookings in groups (booking.h). */
static int start(store *st, const wy_config *cfg, char *err, size_t errlen)
{
    if (booking_service_start(st, cfg) < 0) {
        snprintf(err, errlen, "cannot start the booking writer");
        return -1;
    }
    return 0;
}

const wy_module mod_activities = {
    .name = "activities",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .slots = slots,
    .nslots = sizeof(slots) / sizeof(slots[0]),
    .openapi = "src/mod/activities/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .init = activities_init,
    .start = start,
    .stop = booking_service_stop,
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .demo = activities_demo,
};
