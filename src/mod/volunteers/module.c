/*
 * The volunteers module (文化志愿服务): its description (mod/module.h). So far organisations
 * and their teams, and volunteers' profiles (docs/volunteers.md).
 */
#include "mod/module.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/shift.h"
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
    {"PUT", "/api/v1/me/volunteer", api_volunteer_update, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/volunteer-projects", api_volunteer_projects_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/volunteer-projects", api_volunteer_project_create, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/volunteer-projects/{id}", api_volunteer_project_get, PERM_PUBLIC, API},
    {"POST", "/api/v1/volunteer-projects/{id}/submit", api_volunteer_project_submit,
     PERM_VOLUNTEERS_MANAGE, API},
    /* shifts of a project, sign-ups through the seat inventory, invitations (shift.h) */
    {"GET", "/api/v1/volunteer-projects/{id}/shifts", api_shifts_list, PERM_PUBLIC, API},
    {"POST", "/api/v1/volunteer-projects/{id}/shifts", api_shift_create, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/volunteer-shifts/{id}", api_shift_get, PERM_PUBLIC, API},
    {"PATCH", "/api/v1/volunteer-shifts/{id}", api_shift_update, PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-shifts/{id}/cancel", api_shift_cancel, PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-shifts/{id}/signups", api_shift_signup, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/volunteer-signups/{id}", api_signup_cancel, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/volunteer-signups/{id}/accept", api_signup_accept, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/volunteer-signups/{id}/decline", api_signup_decline, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/volunteer-shifts", api_my_shifts, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/volunteer-shifts/{id}/roster", api_shift_roster, PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/api/v1/volunteer-shifts/{id}/available", api_shift_available, PERM_VOLUNTEERS_MANAGE,
     API},
    {"POST", "/api/v1/volunteer-shifts/{id}/invitations", api_shift_invite, PERM_VOLUNTEERS_MANAGE,
     API},
    /* pages (pages_volunteering.c) */
    {"GET", "/volunteering", page_volunteering, PERM_PUBLIC, 0},
    {"GET", "/volunteering/projects/{id}", page_volunteering_project, PERM_PUBLIC, 0},
    {"POST", "/volunteering/shifts/{id}/signup", page_shift_signup_post, PERM_LOGGED_IN, 0},
    {"POST", "/volunteering/signups/{id}/cancel", page_signup_cancel_post, PERM_LOGGED_IN, 0},
    {"POST", "/volunteering/signups/{id}/accept", page_signup_accept_post, PERM_LOGGED_IN, 0},
    {"POST", "/volunteering/signups/{id}/decline", page_signup_decline_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/volunteering", page_my_volunteering, PERM_LOGGED_IN, 0},
    {"GET", "/admin/volunteering", page_admin_volunteering, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/projects/{id}/shifts", page_admin_shift_create_post,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"GET", "/admin/volunteering/shifts/{id}", page_admin_shift, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/shifts/{id}/cancel", page_admin_shift_cancel_post,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/shifts/{id}/invite", page_admin_shift_invite_post,
     PERM_VOLUNTEERS_MANAGE, 0},
    /* a volunteer's own profile (pages_profile.c) */
    {"GET", "/me/volunteering/profile", page_volunteer_profile, PERM_LOGGED_IN, 0},
    {"POST", "/me/volunteering/profile", page_volunteer_profile_post, PERM_LOGGED_IN, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/volunteering",
     .label = N_("Volunteering"),
     .perm = PERM_PUBLIC,
     .order = 25},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/volunteering",
     .label = N_("My volunteering"),
     .perm = PERM_LOGGED_IN,
     .order = 25},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/volunteering",
     .label = N_("Volunteer shifts"),
     .perm = PERM_VOLUNTEERS_MANAGE,
     .order = 65,
     .current = "/admin/volunteering"},
};

/* What happens to volunteers' sign-ups, told in their inbox (core/notify.h). */
static const wy_notify_kind notify_kinds[] = {
    {&shift_kind_signed_up, web_shift_note_text, api_shift_note_json},
    {&shift_kind_waitlisted, web_shift_note_text, api_shift_note_json},
    {&shift_kind_promoted, web_shift_note_text, api_shift_note_json},
    {&shift_kind_cancelled, web_shift_note_text, api_shift_note_json},
    {&shift_kind_invited, web_shift_note_text, api_shift_note_json},
};

/* Review: projects are published through the review chain (core/review.h). */
static const review_type *const review_types[] = {&volunteer_project_review_type};

const wy_module mod_volunteers = {
    .name = "volunteers",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/volunteers/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    /* `wenyun demo`: a coordinator, an organisation and its team, three volunteers in 东区 */
    .demo = volunteers_demo,
};
