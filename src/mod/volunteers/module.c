/*
 * The volunteers module (文化志愿服务): its description (mod/module.h). So far organisations
 * and their teams, and volunteers' profiles (docs/volunteers.md).
 */
#include "mod/module.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/posts.h"
#include "mod/volunteers/shift.h"
#include "mod/volunteers/star.h"
#include "mod/volunteers/volunteer.h"
#include "util/log.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    {"GET", "/api/v1/volunteer-organisations", api_volunteer_orgs_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/volunteer-organisations", api_volunteer_org_create, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/volunteer-organisations/{id}", api_volunteer_org_get, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/volunteers", api_volunteers_list, PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteers", api_volunteer_register, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/volunteer", api_volunteer_me, PERM_LOGGED_IN, API},
    {"PUT", "/api/v1/me/volunteer", api_volunteer_update, PERM_LOGGED_IN, API},
    /* the profile's photo (photo.c): its volunteer's; coordinators over them read it */
    {"PUT", "/api/v1/me/volunteer/photo", api_volunteer_photo_put, PERM_LOGGED_IN, API | UPLOAD},
    {"GET", "/api/v1/me/volunteer/photo", api_volunteer_photo_mine, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/me/volunteer/photo", api_volunteer_photo_delete, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/volunteers/{id}/photo", api_volunteer_photo_get, PERM_LOGGED_IN, API},
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
    {"POST", "/me/volunteering/profile/photo", page_volunteer_photo_post, PERM_LOGGED_IN, UPLOAD},
    {"POST", "/me/volunteering/profile/photo/remove", page_volunteer_photo_remove_post,
     PERM_LOGGED_IN, 0},
    /* star levels (star.h): thresholds, applications on public notice, objections, decisions */
    {"GET", "/api/v1/volunteer-star-thresholds", api_star_thresholds_get, PERM_PUBLIC, API | READ},
    {"PUT", "/api/v1/volunteer-star-thresholds/{code}", api_star_thresholds_put,
     PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/api/v1/me/volunteer-star", api_star_mine, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/volunteer-star-applications", api_star_apply, PERM_LOGGED_IN, API},
    /* in notice: anyone; other statuses: volunteers_manage (the rule decides) */
    {"GET", "/api/v1/volunteer-star-applications", api_star_applications_list, PERM_PUBLIC, API},
    {"GET", "/api/v1/volunteer-star-applications/{id}", api_star_application_get, PERM_PUBLIC, API},
    {"POST", "/api/v1/volunteer-star-applications/{id}/objections", api_star_object, PERM_LOGGED_IN,
     API},
    {"GET", "/api/v1/volunteer-star-applications/{id}/objections", api_star_objections,
     PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-star-applications/{id}/decision", api_star_decide,
     PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-star-applications/{id}/revoke", api_star_revoke,
     PERM_VOLUNTEERS_MANAGE, API},
    /* service certificates (service_certificate.c), checked at /certificates/{code} */
    {"POST", "/api/v1/volunteer-organisations/{id}/certificates", api_volunteer_certificate_issue,
     PERM_VOLUNTEERS_MANAGE, API},
    /* pages */
    {"GET", "/volunteer-stars", page_volunteer_stars, PERM_PUBLIC, 0},
    {"POST", "/volunteer-stars/{id}/object", page_volunteer_star_object_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/volunteer-star", page_my_volunteer_star, PERM_LOGGED_IN, 0},
    {"POST", "/me/volunteer-star/apply", page_my_volunteer_star_apply_post, PERM_LOGGED_IN, 0},
    {"GET", "/admin/volunteer-stars", page_admin_volunteer_stars, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/volunteer-stars/{id}/decision", page_volunteer_star_decide_post,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/volunteer-stars/{id}/revoke", page_volunteer_star_revoke_post,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteer-certificates", page_volunteer_certificate_post,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteer-star-thresholds", page_volunteer_star_thresholds_post,
     PERM_VOLUNTEERS_MANAGE, 0},
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
    /* posts at venues, pairings of teams with venues, insurance (posts.h) */
    {"GET", "/api/v1/volunteer-posts", api_volunteer_posts_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/volunteer-posts", api_volunteer_post_create, PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/api/v1/volunteer-posts/{id}", api_volunteer_post_get, PERM_PUBLIC, API},
    {"POST", "/api/v1/volunteer-posts/{id}/close", api_volunteer_post_close, PERM_VOLUNTEERS_MANAGE,
     API},
    {"POST", "/api/v1/volunteer-posts/{id}/applications", api_volunteer_post_apply, PERM_LOGGED_IN,
     API},
    {"GET", "/api/v1/volunteer-posts/{id}/applications", api_volunteer_post_applications,
     PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/volunteer-post-applications/{id}/decision",
     api_volunteer_post_application_decide, PERM_VOLUNTEERS_MANAGE, API},
    {"DELETE", "/api/v1/volunteer-post-applications/{id}", api_volunteer_post_application_withdraw,
     PERM_LOGGED_IN, API},
    {"GET", "/api/v1/volunteer-pairings", api_volunteer_pairings_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/volunteer-pairings", api_volunteer_pairing_create, PERM_VOLUNTEERS_MANAGE,
     API},
    {"POST", "/api/v1/volunteer-pairings/{id}/end", api_volunteer_pairing_end,
     PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/api/v1/volunteer-projects/{id}/insurance", api_volunteer_project_insurance_get,
     PERM_PUBLIC, API},
    {"PUT", "/api/v1/volunteer-projects/{id}/insurance", api_volunteer_project_insurance_put,
     PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/volunteering/posts", page_volunteer_posts, PERM_PUBLIC, 0},
    {"GET", "/volunteering/posts/{id}", page_volunteer_post, PERM_PUBLIC, 0},
    {"POST", "/volunteering/posts/{id}/offer", page_volunteer_post_offer, PERM_LOGGED_IN, 0},
    {"POST", "/volunteering/post-applications/{id}/withdraw", page_volunteer_post_withdraw,
     PERM_LOGGED_IN, 0},
    {"GET", "/admin/volunteering/posts", page_admin_volunteer_posts, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/posts", page_admin_volunteer_post_create, PERM_VOLUNTEERS_MANAGE,
     0},
    {"POST", "/admin/volunteering/posts/{id}/close", page_admin_volunteer_post_close,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/post-applications/{id}/decide",
     page_admin_volunteer_application_decide, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/pairings", page_admin_volunteer_pairing_create,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/pairings/{id}/end", page_admin_volunteer_pairing_end,
     PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/volunteering/projects/{id}/insurance", page_admin_volunteer_insurance,
     PERM_VOLUNTEERS_MANAGE, 0},
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
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/volunteer-star",
     .label = N_("My star level"),
     .perm = PERM_LOGGED_IN,
     .order = 40},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/volunteer-stars",
     .label = N_("Star volunteers"),
     .perm = PERM_VOLUNTEERS_MANAGE,
     .order = 72,
     .current = "/admin/volunteer-stars"},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/volunteering/posts",
     .label = N_("Volunteer posts at venues"),
     .perm = PERM_VOLUNTEERS_MANAGE,
     .order = 66,
     .current = "/admin/volunteering/posts"},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/volunteer-hours",
     .label = N_("My volunteer hours"),
     .perm = PERM_LOGGED_IN,
     .order = 41},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/volunteer-hours/queue",
     .label = N_("Volunteer hours to verify"),
     .perm = PERM_VOLUNTEERS_MANAGE,
     .order = 42},
};

static const config_key settings[] = {
    {"volunteers", "star_notice_days", CONFIG_INT, "5", 1, 60,
     "working days of the city's calendar (Monday to Friday, less public holidays, plus "
     "make-up working days; see /admin/workdays) a star-level "
     "application stays on public notice before it is decided"},
    {"volunteers", "photo_max_kib", CONFIG_INT, "2048", 16, 20480,
     "the largest photo (JPEG, PNG or WebP) a volunteer may put on their profile, in KiB"},
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

static const wy_indicator indicators[] = {
    {"volunteers.per_million", N_("Culture volunteers per million residents"),
     N_("volunteers/million residents"),
     N_("Volunteers registered in the subtree before the end of the period per million "
        "residents of the division (its latest population figure); no data without a figure."),
     star_ind_per_million, NULL},
    {"volunteers.hours", N_("Verified volunteer hours"), N_("hours"),
     N_("Hours of the verified hours records (corrections included) certified by organisations "
        "of the subtree, decided in the period."),
     star_ind_hours, NULL},
    {"volunteers.active", N_("Active volunteers"), N_("volunteers"),
     N_("Volunteers of the subtree with at least one verified hours record decided in the "
        "period."),
     star_ind_active, NULL},
    {"volunteers.activities_per_resident", N_("Volunteer activities per resident"),
     N_("times/resident"),
     N_("Verified hours records (not corrections) of the subtree's volunteers decided in the "
        "period, per resident of the division (its latest population figure)."),
     star_ind_per_resident, NULL},
    {"volunteers.stars_1", N_("One-star volunteers"), N_("volunteers"),
     N_("Volunteers of the subtree whose current star level is one."), star_ind_stars_1, NULL},
    {"volunteers.stars_2", N_("Two-star volunteers"), N_("volunteers"),
     N_("Volunteers of the subtree whose current star level is two."), star_ind_stars_2, NULL},
    {"volunteers.stars_3", N_("Three-star volunteers"), N_("volunteers"),
     N_("Volunteers of the subtree whose current star level is three."), star_ind_stars_3, NULL},
    {"volunteers.stars_4", N_("Four-star volunteers"), N_("volunteers"),
     N_("Volunteers of the subtree whose current star level is four."), star_ind_stars_4, NULL},
    {"volunteers.stars_5", N_("Five-star volunteers"), N_("volunteers"),
     N_("Volunteers of the subtree whose current star level is five."), star_ind_stars_5, NULL},
};

/* What happens to volunteers' sign-ups and star levels, told in their inbox (core/notify.h). */
static const wy_notify_kind notify_kinds[] = {
    {&shift_kind_signed_up, web_shift_note_text, api_shift_note_json},
    {&shift_kind_waitlisted, web_shift_note_text, api_shift_note_json},
    {&shift_kind_promoted, web_shift_note_text, api_shift_note_json},
    {&shift_kind_cancelled, web_shift_note_text, api_shift_note_json},
    {&shift_kind_invited, web_shift_note_text, api_shift_note_json},
    {&star_kind_granted, star_note_text, NULL},
    {&star_kind_refused, star_note_text, NULL},
    {&star_kind_revoked, star_note_text, NULL},
    {&hours_kind_verified, web_hours_note_text, NULL},
    {&hours_kind_rejected, web_hours_note_text, NULL},
    {&post_kind_accepted, web_post_note_text, NULL},
    {&post_kind_declined, web_post_note_text, NULL},
};

/* `wenyun volunteers verify` (cli_volunteers.c) */
static const wy_command commands[] = {
    {"volunteers", "verify the volunteers' hours and points ledgers (volunteers verify --db D)",
     volunteers_cli},
};

/* Service-record and star-level certificates are kinds of the core's certificates
 * (service_certificate.c). */
static void volunteers_init(void)
{
    if (certificate_register_kind(&volunteer_certificate_kind) < 0 ||
        certificate_register_kind(&volunteer_star_certificate_kind) < 0)
        log_warn("volunteers: the certificate kinds could not be registered");
}

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
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    .init = volunteers_init,
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    /* `wenyun demo`: a coordinator, an organisation and its team, three volunteers in 东区 */
    .demo = volunteers_demo,
    .commands = commands,
    .ncommands = sizeof(commands) / sizeof(commands[0]),
};
