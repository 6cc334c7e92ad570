/* The circles module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/circles/handlers.h"
#include "mod/circles/circles.h"
#include "mod/circles/named_circle.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* circles (文化生活圈) */
    {"GET", "/api/v1/circles", api_circles, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/circles/siting", api_circles_siting, PERM_CIRCLES_PLAN, API},
    {"GET", "/api/v1/circles/siting/{id}", api_circles_siting_get, PERM_CIRCLES_PLAN, API},
    {"GET", "/api/v1/circles/named", api_named_circles_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/circles/named", api_named_circles_create, PERM_CIRCLES_PLAN, API},
    {"GET", "/api/v1/circles/named/{id}", api_named_circle_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/circles/named/{id}/check", api_named_circle_check, PERM_CIRCLES_PLAN, API},
    {"GET", "/circles", page_circles, PERM_PUBLIC, READ},
    {"POST", "/circles/siting", page_circles_siting_post, PERM_CIRCLES_PLAN, 0},
    {"GET", "/circles/siting/{id}", page_circles_siting, PERM_CIRCLES_PLAN, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/circles",
     .label = N_("15-minute circle"),
     .perm = PERM_PUBLIC,
     .order = 40},
};

/* Only a server with a walking network runs them: the others leave siting to it. */
static const wy_job jobs[] = {
    {.name = CIRCLES_SITING_KIND, .kind_fn = circles_siting_job, .when = circles_ready},
    {.name = "circle-report", .fn = circles_refresh_default, .when = circles_ready},
};

static const wy_indicator indicators[] = {
    {"circles.quality_circles", N_("Quality 15-minute circles"), N_("circles"),
     N_("Named circles of the subtree that passed their rule (for Panzhihua count:4: at least 4 "
        "venues within 15 minutes of the circle's centre, inside its area) at their last check, "
        "made before the end of the period."),
     named_circle_indicator_quality, named_circle_indicator_quality_records},
};

/* Load the walking network of circle.osm_file (none configured: nothing to load). */
static int start(store *st, const wy_config *cfg, char *err, size_t errlen)
{
    (void)st;
    return circles_init(cfg, err, errlen);
}

const wy_module mod_circles = {
    .name = "circles",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/circles/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    .start = start,
    .stop = circles_free,
};
