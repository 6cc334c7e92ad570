/* admin: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_ADMIN_HANDLERS_H
#define WY_MOD_ADMIN_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_reviews_list(http_req *req);
void api_review_get(http_req *req);
void api_review_decide(http_req *req);
void api_review_chain_get(http_req *req);
void api_review_chain_put(http_req *req);
void api_audit(http_req *req);
void page_admin(http_req *req);
void page_admin_divisions(http_req *req);
void page_admin_accounts(http_req *req);
void page_admin_account(http_req *req);
void page_admin_account_create(http_req *req);
void page_admin_grant_post(http_req *req);
void page_admin_revoke_post(http_req *req);
void page_admin_reviews(http_req *req);
void page_admin_review_post(http_req *req);
void page_admin_activity_revision(http_req *req);
/* The admin console's sub-navigation. */
void admin_nav(http_req *req, html *h);

#endif
