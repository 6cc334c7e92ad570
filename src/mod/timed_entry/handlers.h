/* timed_entry: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_TIMED_ENTRY_HANDLERS_H
#define WY_MOD_TIMED_ENTRY_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_timed_entry_get(http_req *req);
void api_timed_entry_put(http_req *req);
void api_timed_entry_delete(http_req *req);
/* VENUE_SLOT_SECTIONS (mod/venues/handlers.h): the venue's coming entry slots to book. */
int timed_entry_venue_section(http_req *req, void *out, const void *subject);
/* VENUE_SLOT_EDIT: the staff's timed entry form on the venue's edit page, posted to
 * page_timed_entry_post. */
int timed_entry_venue_edit(http_req *req, void *out, const void *subject);
void page_timed_entry_post(http_req *req);

#endif
