/* The timed_entry module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/timed_entry/handlers.h"
#include "mod/venues/handlers.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    {"GET", "/api/v1/venues/{id}/timed-entry", api_timed_entry_get, PERM_PUBLIC, API},
    {"PUT", "/api/v1/venues/{id}/timed-entry", api_timed_entry_put, PERM_VENUE_MANAGE, API},
    {"DELETE", "/api/v1/venues/{id}/timed-entry", api_timed_entry_delete, PERM_VENUE_MANAGE, API},
};

static const wy_slot slots[] = {
    {VENUE_SLOT_SECTIONS, timed_entry_venue_section},
};

const wy_module mod_timed_entry = {
    .name = "timed_entry",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .slots = slots,
    .nslots = sizeof(slots) / sizeof(slots[0]),
    .openapi = "src/mod/timed_entry/openapi.json",
};
