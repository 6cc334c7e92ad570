/* notices: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_NOTICES_HANDLERS_H
#define WY_MOD_NOTICES_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_notices_list(http_req *req);
void api_notice_get(http_req *req);
void api_notice_create(http_req *req);
void api_notice_update(http_req *req);
void api_notice_submit(http_req *req);
void page_notice(http_req *req);
void page_notice_new(http_req *req);
void page_notice_create_post(http_req *req);

#endif
