/* site: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_SITE_HANDLERS_H
#define WY_MOD_SITE_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_healthz(http_req *req);
void api_metrics(http_req *req);
void api_openapi(http_req *req);
/* Pages (routes.c lists them). */
void page_home(http_req *req);
void page_static(http_req *req);

#endif
