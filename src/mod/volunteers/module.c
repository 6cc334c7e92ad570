/*
 * The volunteers module (文化志愿服务): its description (mod/module.h). So far organisations
 * and their teams, and volunteers' profiles (docs/volunteers.md).
 */
#include "mod/module.h"
#include "mod/volunteers/handlers.h"
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
};

/* Review: projects are published through the review chain (core/review.h). */
static const review_type *const review_types[] = {&volunteer_project_review_type};

const wy_module mod_volunteers = {
    .name = "volunteers",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/volunteers/openapi.json",
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    /* `wenyun demo`: a coordinator, an organisation and its team, three volunteers in 东区 */
    .demo = volunteers_demo,
};
