/* The scratch module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/scratch/handlers.h"

static const route routes[] = {
    {"GET", "/api/v1/scratch", api_scratch, PERM_PUBLIC, ROUTE_API | ROUTE_READ},
};

const wy_module mod_scratch = {
    .name = "scratch",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/scratch/openapi.json",
};
