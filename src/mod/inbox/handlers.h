/* inbox: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_INBOX_HANDLERS_H
#define WY_MOD_INBOX_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_inbox(http_req *req);
void api_inbox_read(http_req *req);
void api_webhooks_list(http_req *req);
void api_webhook_create(http_req *req);
void api_webhook_delete(http_req *req);
void page_inbox(http_req *req);
void page_inbox_read_post(http_req *req);
/* A notification's sentence in the reader's language: its kind's (mod/module.h,
 * wy_notify_kind), or what it is about when no module sends its kind now. */
const char *inbox_text(http_req *req, const notification *n);

#endif
