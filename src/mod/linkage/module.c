/* The linkage module: regional cultural linkage programmes (区域文化联动, docs/linkage.md). */
#include "mod/linkage/handlers.h"
#include "mod/linkage/linkage.h"
#include "mod/module.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define UPLOAD ROUTE_UPLOAD
/* reading: any account, then the programme's scope (linkage.h) decides what it shows */
#define SEE   PERM_LOGGED_IN
#define WRITE PERM_TASKS_MANAGE

static const route routes[] = {
    {"GET", "/api/v1/linkage/programmes", api_lk_programmes_list, SEE, API | READ},
    {"POST", "/api/v1/linkage/programmes", api_lk_programme_create, WRITE, API},
    {"GET", "/api/v1/linkage/programmes/{id}", api_lk_programme_get, SEE, API | READ},
    {"POST", "/api/v1/linkage/programmes/{id}/participants", api_lk_participant_add, WRITE, API},
    {"GET", "/api/v1/linkage/programmes/{id}/plans", api_lk_plans_list, SEE, API | READ},
    {"POST", "/api/v1/linkage/programmes/{id}/plans", api_lk_plan_submit, WRITE, API},
    {"POST", "/api/v1/linkage/plans/{id}/withdraw", api_lk_plan_withdraw, WRITE, API},
    {"GET", "/api/v1/linkage/programmes/{id}/activities", api_lk_activities_list, SEE, API | READ},
    {"POST", "/api/v1/linkage/programmes/{id}/activities", api_lk_activity_create, WRITE, API},
    {"GET", "/api/v1/linkage/activities/{id}", api_lk_activity_get, SEE, API | READ},
    {"PUT", "/api/v1/linkage/activities/{id}/summary", api_lk_summary_put, WRITE, API},
    {"POST", "/api/v1/linkage/activities/{id}/materials", api_lk_media_add, WRITE, API | UPLOAD},
    {"GET", "/api/v1/linkage/materials/{id}", api_lk_media_get, SEE, API},
    {"DELETE", "/api/v1/linkage/materials/{id}", api_lk_media_remove, WRITE, API},
    {"POST", "/api/v1/linkage/programmes/{id}/self-evaluations", api_lk_self_evaluate, WRITE, API},
    {"GET", "/api/v1/linkage/programmes/{id}/criteria", api_lk_criteria_get, SEE, API | READ},
    {"PUT", "/api/v1/linkage/programmes/{id}/criteria", api_lk_criteria_put, WRITE, API},
    {"POST", "/api/v1/linkage/programmes/{id}/scores", api_lk_score, PERM_REVIEW, API},
    {"GET", "/api/v1/linkage/programmes/{id}/evaluation", api_lk_evaluation, SEE, API | READ},
    {"GET", "/api/v1/linkage/programmes/{id}/commendations", api_lk_commendations_list, SEE,
     API | READ},
    {"POST", "/api/v1/linkage/programmes/{id}/commendations", api_lk_commend, WRITE, API},
    {"GET", "/api/v1/linkage/programmes/{id}/summary", api_lk_summary, SEE, API | READ},
    {"POST", "/api/v1/linkage/programmes/{id}/publish", api_lk_publish, WRITE, API},
    /* the staff's pages (pages_linkage.c): the same rules, the same permissions */
    {"GET", "/admin/linkage", page_admin_linkage, SEE, 0},
    {"POST", "/admin/linkage", page_admin_linkage_create, WRITE, 0},
    {"GET", "/admin/linkage/{id}", page_admin_linkage_programme, SEE, 0},
    {"GET", "/admin/linkage/{id}/summary", page_admin_linkage_summary, SEE, 0},
    {"POST", "/admin/linkage/{id}/participants", page_admin_linkage_participant_add, WRITE, 0},
    {"POST", "/admin/linkage/{id}/plans", page_admin_linkage_plan_submit, WRITE, 0},
    {"POST", "/admin/linkage/plans/{id}/decision", page_admin_linkage_plan_decide, PERM_REVIEW, 0},
    {"POST", "/admin/linkage/plans/{id}/withdraw", page_admin_linkage_plan_withdraw, WRITE, 0},
    {"POST", "/admin/linkage/{id}/activities", page_admin_linkage_activity_create, WRITE, 0},
    {"POST", "/admin/linkage/activities/{id}/summary", page_admin_linkage_summary_set, WRITE, 0},
    {"POST", "/admin/linkage/activities/{id}/materials", page_admin_linkage_media_add, WRITE,
     UPLOAD},
    {"POST", "/admin/linkage/materials/{id}/delete", page_admin_linkage_media_remove, WRITE, 0},
    {"POST", "/admin/linkage/{id}/self-evaluations", page_admin_linkage_self_evaluate, WRITE, 0},
    {"POST", "/admin/linkage/{id}/criteria", page_admin_linkage_criteria_set, WRITE, 0},
    {"POST", "/admin/linkage/{id}/scores", page_admin_linkage_score, PERM_REVIEW, 0},
    {"POST", "/admin/linkage/{id}/commendations", page_admin_linkage_commend, WRITE, 0},
    {"POST", "/admin/linkage/{id}/publish", page_admin_linkage_publish, WRITE, 0},
    /* the public pages: published programmes, whoever asks (pages_linkage_public.c) */
    {"GET", "/linkage", page_linkage_public_list, PERM_PUBLIC, READ},
    {"GET", "/linkage/{id}", page_linkage_public, PERM_PUBLIC, READ},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/linkage",
     .label = N_("Linkage programmes"),
     .perm = PERM_ADMIN_CONSOLE,
     .order = 84,
     .current = "/admin/linkage"},
};

static const review_type *const review_types[] = {&linkage_review_plan};

static const config_key settings[] = {
    {"linkage", "materials_days", CONFIG_INT, "7", 0, 365,
     "days after a linkage activity's last day before its host is chased for a missing summary "
     "or media (the job linkage-materials; at most once a week per activity)"},
    {"linkage", "attachment_max_kib", CONFIG_INT, "51200", 16, 204800,
     "the largest material (programme, photo, video) of a linkage activity, in KiB (a body is "
     "also bounded by [server] max_body_bytes)"},
};

static const wy_job jobs[] = {
    {.name = "linkage-materials", .fn = linkage_job_materials},
};

static const wy_notify_kind notify_kinds[] = {
    {&linkage_kind_materials, web_linkage_text, NULL},
};

const wy_module mod_linkage = {
    .name = "linkage",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/linkage/openapi.json",
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    /* `wenyun demo`: a province-level programme of 四川省 (demo_linkage.c) */
    .demo = linkage_demo,
};
