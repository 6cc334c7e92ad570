/* circles: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_CIRCLES_HANDLERS_H
#define WY_MOD_CIRCLES_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_circles(http_req *req);
void api_circles_siting(http_req *req);
void api_circles_siting_get(http_req *req);
void api_named_circles_list(http_req *req);
void api_named_circles_create(http_req *req);
void api_named_circle_get(http_req *req);
void api_named_circle_check(http_req *req);
void page_circles(http_req *req);
void page_circles_siting_post(http_req *req);
void page_circles_siting(http_req *req);

#endif
