/* spaces: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_SPACES_HANDLERS_H
#define WY_MOD_SPACES_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_spaces_list(http_req *req);
void api_space_get(http_req *req);
void api_space_create(http_req *req);
void api_space_update(http_req *req);
void api_space_schedule(http_req *req);
void api_space_book(http_req *req);
void api_my_space_bookings(http_req *req);
void api_space_booking_cancel(http_req *req);
void api_space_bookings_list(http_req *req);
void api_space_booking_decide(http_req *req);
void page_spaces(http_req *req);
void page_space(http_req *req);
void page_space_book_post(http_req *req);
void page_my_space_bookings(http_req *req);
void page_space_booking_cancel_post(http_req *req);
void page_admin_space_bookings(http_req *req);
void page_admin_space_booking_post(http_req *req);
/* The inbox (mod/module.h, wy_notify_kind): the sentence of a decision on a space booking. */
const char *web_space_decision_text(http_req *req, const notification *n);

#endif
