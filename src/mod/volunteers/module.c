/*
 * The volunteers module (文化志愿服务): its description (mod/module.h). So far organisations
 * and their teams, and volunteers' profiles (docs/volunteers.md).
 */
#include "mod/module.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/volunteer.h"

#define API  ROUTE_API
#define READ ROUTE_READ

static const route routes[] = {
    {"GET", "/api/v1/volunteer-organisations", api_volunteer_orgs_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/volunteer-organisations", api_volunteer_org_create, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/volunteer-organisations/{id}", api_volunteer_org_get, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/volunteers", api_volunteers_list, PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteers", api_volunteer_register, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/volunteer", api_volunteer_me, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/volunteer-projects", api_volunteer_projects_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/volunteer-projects", api_volunteer_project_create, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/volunteer-projects/{id}", api_volunteer_project_get, PERM_PUBLIC, API},
    {"POST", "/api/v1/volunteer-projects/{id}/submit", api_volunteer_project_submit,
     PERM_VOLUNTEERS_MANAGE, API},
    /* hours (api_hours.c, pages_hours.c): each rule checks the caller against the record */
    {"GET", "/api/v1/me/volunteer/hours", api_volunteer_hours_mine, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/volunteer/hours", api_volunteer_hours_report, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/volunteer-hours/pending", api_volunteer_hours_pending, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/volunteer-hours/export.csv", api_volunteer_hours_export,
     PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/api/v1/volunteer-hours/{id}", api_volunteer_hours_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/volunteer-hours/{id}/corrections", api_volunteer_hours_correct,
     PERM_LOGGED_IN, API},
    {"POST", "/api/v1/volunteer-hours/{id}/verify", api_volunteer_hours_verify,
     PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-hours/{id}/reject", api_volunteer_hours_reject,
     PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-checkin", api_volunteer_checkin, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/volunteer-signups/{id}/check-in", api_volunteer_signup_checkin,
     PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-signups/{id}/check-out", api_volunteer_signup_checkout,
     PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/volunteer-checkin", page_volunteer_checkin, PERM_LOGGED_IN, 0},
    {"POST", "/volunteer-checkin", page_volunteer_checkin_post, PERM_LOGGED_IN, 0},
    {"GET", "/volunteer-shifts/{id}/qr", page_volunteer_shift_qr, PERM_VOLUNTEERS_MANAGE, 0},
    {"GET", "/me/volunteer-hours", page_my_volunteer_hours, PERM_LOGGED_IN, 0},
    {"POST", "/me/volunteer-hours", page_my_volunteer_hours_report, PERM_LOGGED_IN, 0},
    {"POST", "/me/volunteer-hours/{id}/dispute", page_my_volunteer_hours_dispute, PERM_LOGGED_IN,
     0},
    {"GET", "/volunteer-hours/queue", page_volunteer_hours_queue, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/volunteer-hours/{id}/decide", page_volunteer_hours_decide, PERM_VOLUNTEERS_MANAGE,
     0},
    {"POST", "/volunteer-signups/{id}/check-in", page_volunteer_signup_checkin,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/volunteer-signups/{id}/check-out", page_volunteer_signup_checkout,
     PERM_VOLUNTEERS_MANAGE, 0},
};

static const web_nav nav[] = {
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/volunteer-hours",
     .label = N_("My volunteer hours"),
     .perm = PERM_LOGGED_IN,
     .order = 40},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/volunteer-hours/queue",
     .label = N_("Volunteer hours to verify"),
     .perm = PERM_VOLUNTEERS_MANAGE,
     .order = 41},
};

/* What volunteers are told of decisions on their hours (hours.c). */
static const wy_notify_kind notify_kinds[] = {
    {&hours_kind_verified, web_hours_note_text, NULL},
    {&hours_kind_rejected, web_hours_note_text, NULL},
};

static const config_key settings[] = {
    {"volunteers", "rounding_minutes", CONFIG_INT, "15", 1, 240,
     "service time of a check-out or a report is rounded down to a multiple of this many "
     "minutes"},
    {"volunteers", "points_per_hour", CONFIG_INT, "1", 0, 1000,
     "points a verified hour of service earns (book \"points\"); 0: none"},
    {"volunteers", "checkin_before_minutes", CONFIG_INT, "30", 0, 720,
     "how many minutes before a shift starts its QR code checks volunteers in"},
    {"volunteers", "checkout_after_minutes", CONFIG_INT, "120", 0, 1440,
     "how many minutes after a shift ends its QR code still checks volunteers out"},
    {"volunteers", "report_within_days", CONFIG_INT, "90", 1, 3650,
     "how many days back a volunteer may report service afterwards"},
};

/* `wenyun volunteers verify` (cli_volunteers.c) */
static const wy_command commands[] = {
    {"volunteers", "verify the volunteers' hours and points ledgers (volunteers verify --db D)",
     volunteers_cli},
};

/* Review: projects are published through the review chain (core/review.h). */
static const review_type *const review_types[] = {&volunteer_project_review_type};

const wy_module mod_volunteers = {
    .name = "volunteers",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav, /* my hours */
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/volunteers/openapi.json",
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    /* `wenyun demo`: a coordinator, an organisation and its team, three volunteers in 东区 */
    .demo = volunteers_demo,
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .commands = commands,
    .ncommands = sizeof(commands) / sizeof(commands[0]),
};
