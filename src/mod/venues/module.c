/* The venues module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/venues/handlers.h"
#include "mod/venues/venue.h"
#include "mod/venues/venue_indicators.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* venues (文化阵地) */
    {"GET", "/api/v1/venues", api_venues_list, PERM_PUBLIC, API | READ | CACHE},
    {"POST", "/api/v1/venues", api_venue_create, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/venues.geojson", api_venues_geojson, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/venues.csv", api_venues_csv, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/venues/import", api_venues_import, PERM_VENUE_MANAGE, API | UPLOAD},
    {"GET", "/api/v1/venues/{id}", api_venue_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/venues/{id}", api_venue_update, PERM_VENUE_MANAGE, API},
    {"PUT", "/api/v1/venues/{id}/hours", api_venue_hours, PERM_VENUE_MANAGE, API},
    {"GET", "/venues", page_venues, PERM_PUBLIC, READ},
    {"GET", "/venues/new", page_venue_new, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues", page_venue_create_post, PERM_VENUE_MANAGE, 0},
    {"GET", "/venues/{id}", page_venue, PERM_PUBLIC, READ},
    {"GET", "/venues/{id}/edit", page_venue_edit, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues/{id}", page_venue_update_post, PERM_VENUE_MANAGE, 0},
    {"POST", "/venues/{id}/hours", page_venue_hours_post, PERM_VENUE_MANAGE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/venues",
     .label = N_("Venues"),
     .perm = PERM_PUBLIC,
     .order = 20},
};

static const wy_indicator indicators[] = {
    {"venues.count", N_("Venues"), N_("venues"),
     N_("Open venues of the division's subtree that existed before the end of the period."),
     venue_indicator_count, venue_indicator_count_records},
    {"venues.area_per_10k", N_("Venue floor area per 10,000 residents"), N_("m²/10k residents"),
     N_("Floor area of the open venues of the subtree (those with an area) per 10,000 residents of "
        "the division (its latest population figure); no data without a figure."),
     venue_indicator_area_per_10k, venue_indicator_area_records},
    {"venues.centres_grade1", N_("Cultural centres at national grade one"), N_("venues"),
     N_("Open cultural centres of the subtree graded 1 (or special) in or before the period's last "
        "year."),
     venue_indicator_centres_grade1, venue_indicator_centres_grade1_records},
    {"venues.township_stations", N_("Township cultural stations at the provincial standard"),
     N_("venues"),
     N_("Open town cultural stations of the subtree holding a grade (special, 1, 2 or 3) given in "
        "or before the period's last year."),
     venue_indicator_township_stations, venue_indicator_township_stations_records},
    {"spaces.upgraded", N_("Spaces with off-peak or extended hours"), N_("venues"),
     N_("Open venues of the subtree with at least one weekly opening span marked off-peak or "
        "extended."),
     venue_indicator_upgraded, venue_indicator_upgraded_records},
    {"occupancy.venues", N_("Venue opening against the weekly minimum"), N_("%"),
     N_("Weekly opening hours of the open venues of the subtree against the weekly minimum "
        "(venue.min_weekly_hours) each must reach: 100 x sum of hours / (venues x minimum)."),
     venue_indicator_occupancy, venue_indicator_occupancy_records},
};

const wy_module mod_venues = {
    .name = "venues",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/venues/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    .demo = venues_demo,
};
