/* The timed_entry module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/timed_entry/handlers.h"
#include "mod/venues/handlers.h"
#include "mod/timed_entry/timed_entry.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    {"GET", "/api/v1/venues/{id}/timed-entry", api_timed_entry_get, PERM_PUBLIC, API},
    {"PUT", "/api/v1/venues/{id}/timed-entry", api_timed_entry_put, PERM_VENUE_MANAGE, API},
    {"DELETE", "/api/v1/venues/{id}/timed-entry", api_timed_entry_delete, PERM_VENUE_MANAGE, API},
    {"POST", "/venues/{id}/timed-entry", page_timed_entry_post, PERM_VENUE_MANAGE, 0},
};

static const wy_slot slots[] = {
    {VENUE_SLOT_SECTIONS, timed_entry_venue_section},
    {VENUE_SLOT_EDIT, timed_entry_venue_edit},
};

static const wy_job jobs[] = {
    {.name = "timed-entry", .fn = timed_entry_generate}, /* the coming days' slots */
};

const wy_module mod_timed_entry = {
    .name = "timed_entry",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .slots = slots,
    .nslots = sizeof(slots) / sizeof(slots[0]),
    .openapi = "src/mod/timed_entry/openapi.json",
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .init = timed_entry_init,
    .demo = timed_entry_demo,
};
