/* The circles module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/circles/handlers.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* circles (文化生活圈) */
    {"GET", "/api/v1/circles", api_circles, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/circles/siting", api_circles_siting, PERM_CIRCLES_PLAN, API},
    {"GET", "/api/v1/circles/siting/{id}", api_circles_siting_get, PERM_CIRCLES_PLAN, API},
    {"GET", "/circles", page_circles, PERM_PUBLIC, READ},
    {"POST", "/circles/siting", page_circles_siting_post, PERM_CIRCLES_PLAN, 0},
    {"GET", "/circles/siting/{id}", page_circles_siting, PERM_CIRCLES_PLAN, 0},
};

const wy_module mod_circles = {
    .name = "circles",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/circles/openapi.json",
};
