/* The spaces module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/spaces/handlers.h"
#include "mod/spaces/space.h"
#include "mod/spaces/space_indicators.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* space booking (场地预约) */
    {"GET", "/api/v1/spaces", api_spaces_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/spaces", api_space_create, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/spaces/{id}", api_space_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/spaces/{id}", api_space_update, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/spaces/{id}/schedule", api_space_schedule, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/spaces/{id}/bookings", api_space_book, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/space-bookings", api_my_space_bookings, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/space-bookings/{id}", api_space_booking_cancel, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/space-bookings", api_space_bookings_list, PERM_VENUE_MANAGE, API},
    {"POST", "/api/v1/space-bookings/{id}/decision", api_space_booking_decide, PERM_VENUE_MANAGE,
     API},
    {"GET", "/spaces", page_spaces, PERM_PUBLIC, READ},
    {"GET", "/spaces/{id}", page_space, PERM_PUBLIC, READ},
    {"POST", "/spaces/{id}/bookings", page_space_book_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/space-bookings", page_my_space_bookings, PERM_LOGGED_IN, 0},
    {"POST", "/space-bookings/{id}/cancel", page_space_booking_cancel_post, PERM_LOGGED_IN, 0},
    {"GET", "/admin/space-bookings", page_admin_space_bookings, PERM_VENUE_MANAGE, 0},
    {"POST", "/admin/space-bookings/{id}", page_admin_space_booking_post, PERM_VENUE_MANAGE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/spaces",
     .label = N_("Spaces"),
     .perm = PERM_PUBLIC,
     .order = 30},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/space-bookings",
     .label = N_("Space bookings"),
     .perm = PERM_VENUE_MANAGE,
     .order = 60,
     .current = "/admin/space-bookings"},
};

static const wy_indicator indicators[] = {
    {"occupancy.spaces", N_("Occupancy of spaces"), N_("%"),
     N_("Hours of the approved bookings starting in the period against the bookable hours of the "
        "active spaces of the subtree over the period: 100 x booked hours / open hours."),
     space_indicator_occupancy, space_indicator_occupancy_records},
};

/* Decisions on space bookings, told to the applicant (core/notify.h). */
static const wy_notify_kind notify_kinds[] = {
    {&space_kind_approved, web_space_decision_text, NULL},
    {&space_kind_rejected, web_space_decision_text, NULL},
};

const wy_module mod_spaces = {
    .name = "spaces",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/spaces/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .demo = spaces_demo,
};
