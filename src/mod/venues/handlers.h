/* venues: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_VENUES_HANDLERS_H
#define WY_MOD_VENUES_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_venues_list(http_req *req);
void api_venue_get(http_req *req);
void api_venue_create(http_req *req);
void api_venue_update(http_req *req);
void api_venue_hours(http_req *req);
void api_venues_import(http_req *req);
void api_venues_geojson(http_req *req);
void api_venues_csv(http_req *req);
void page_venues(http_req *req);
void page_venue(http_req *req);
void page_venue_new(http_req *req);
void page_venue_create_post(http_req *req);
void page_venue_edit(http_req *req);
void page_venue_update_post(http_req *req);
void page_venue_hours_post(http_req *req);
void page_venue_timed_entry_post(http_req *req);

#endif
