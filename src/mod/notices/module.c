/*
 * The notices module: its description (mod/module.h). It is the example of a descriptor:
 * every hook that applies to notices is filled here, with a word on what the application does
 * with it. A new module copies this file and leaves out what it does not need.
 */
#include "mod/module.h"
#include "mod/notices/handlers.h"
#include "mod/notices/notice.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* notices */
    {"GET", "/api/v1/notices", api_notices_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/notices", api_notice_create, PERM_PUBLISH, API},
    {"GET", "/api/v1/notices/{id}", api_notice_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/notices/{id}", api_notice_update, PERM_PUBLISH, API},
    {"POST", "/api/v1/notices/{id}/submit", api_notice_submit, PERM_PUBLISH, API},
    {"GET", "/notices/{id}", page_notice, PERM_PUBLIC, READ},
    {"GET", "/admin/notices/new", page_notice_new, PERM_PUBLISH, 0},
    {"POST", "/admin/notices", page_notice_create_post, PERM_PUBLISH, 0},
};

/* Navigation: the admin console's menu links to the form (web/web.h, struct web_nav). */
static const wy_nav nav[] = {
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/notices/new",
     .label = N_("New notice"),
     .perm = PERM_PUBLISH,
     .order = 50,
     .current = "/admin/notices/"},
};

/* Review: notices are published through the review chain (core/review.h); the application
 * registers the type at start-up, and review calls back when a notice's status changes. */
static const review_type *const review_types[] = {&notice_review_type};

/* Settings: keys of the module's own [section] in the config file. config_set checks a value
 * against its declaration (type, range); the module reads it with config_module_int(). */
static const config_key settings[] = {
    {"notices", "page_size", CONFIG_INT, "20", 1, 100,
     "notices a page of GET /api/v1/notices holds when the caller names no limit"},
};

/* Periodic jobs (wy_job: .fn, run every jobs.interval_s) and queued job kinds (.kind_fn): notices
 * have none; see mod/activities/module.c ("no-shows") and mod/circles/module.c (a kind, run
 * only with a walking network). Start-up hooks (.init, .start/.stop) likewise: notices need no
 * thread of their own; see mod/activities/module.c (the booking writer). Indicators
 * (wy_indicator): see mod/venues/module.c. */

const wy_module mod_notices = {
    .name = "notices",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/notices/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    /* `wenyun demo`: two notices, published through the chain (demo_notices.c) */
    .demo = notices_demo,
};
