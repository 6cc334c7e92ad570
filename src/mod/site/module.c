/* The site module: its description (mod/module.h). */
#include "core/site.h"
#include "mod/module.h"
#include "mod/site/handlers.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* health and description */
    {"GET", "/healthz", api_healthz, PERM_PUBLIC, API},
    {"GET", "/metrics", api_metrics, PERM_PUBLIC, API},
    {"GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, API},
    /* pages */
    {"GET", "/", page_home, PERM_PUBLIC, READ},
    {"GET", "/static/{file}", page_static, PERM_PUBLIC, 0},
};

/* [site] city: the city the site serves (core/site.h), checked before anything is served. */
static int start(store *st, const wy_config *cfg, char *err, size_t errlen)
{
    (void)st;
    return site_check(cfg, err, errlen);
}

static void stop(void)
{
    /* the check starts nothing */
}

const wy_module mod_site = {
    .name = "site",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/site/openapi.json",
    .settings = site_settings,
    .nsettings = sizeof(site_settings) / sizeof(site_settings[0]),
    .start = start,
    .stop = stop,
};
