/* The notices module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/notices/handlers.h"

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

const wy_module mod_notices = {
    .name = "notices",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/notices/openapi.json",
};
