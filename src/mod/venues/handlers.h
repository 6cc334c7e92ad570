/* venues: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_VENUES_HANDLERS_H
#define WY_MOD_VENUES_HANDLERS_H

#include "mod/venues/venue.h"
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
/* The venue's edit page, answered with status and req->ctx.err shown as the form's refusal:
 * for a module whose form is on that page (VENUE_SLOT_EDIT) to show it again. */
void page_venue_edit_show(http_req *req, const venue_view *vv, int status);

/* The slots of the venue's page and answer (mod/module.h, wy_slot), for other modules to fill;
 * the subject is the const venue_view * of mod/venues/venue.h:
 *   VENUE_SLOT_FACTS     out: html *, <dt>label</dt><dd>value</dd> pairs in the facts list,
 *                        after the grade (a failure is left out: the page stands without)
 *   VENUE_SLOT_SECTIONS  out: html *, whole sections after the venue's card
 *   VENUE_SLOT_EDIT      out: html *, whole sections (a form each) at the end of the
 *                        venue's edit page, shown to who may manage the venue; the form's
 *                        refusal, if any, is on req->ctx.err and stays there
 *   VENUE_SLOT_JSON      out: json_t *, the venue object of GET /api/v1/venues/{id}, to add
 *                        members to (a failure fails the answer) */
#define VENUE_SLOT_FACTS    "venue.facts"
#define VENUE_SLOT_SECTIONS "venue.sections"
#define VENUE_SLOT_JSON     "venue.json"
#define VENUE_SLOT_EDIT     "venue.edit"

#endif
