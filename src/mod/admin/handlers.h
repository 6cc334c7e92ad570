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
/* the working-day calendar (api_workdays.c, pages_workdays.c) */
void api_workdays_list(http_req *req);
void api_workday_put(http_req *req);
void api_workday_delete(http_req *req);
void api_workdays_import(http_req *req);
void page_admin_workdays(http_req *req);
void page_admin_workday_post(http_req *req);
void page_admin_workday_remove_post(http_req *req);
void page_admin_workdays_import_post(http_req *req);
/* ?year= (default: this year), -1 after answering a bad one; "holiday" 0, "workday" 1, else
 * -1. */
int admin_workday_year(http_req *req, int *year);
int admin_workday_kind(const char *kind);
/* The admin console's sub-navigation. */
void admin_nav(http_req *req, html *h);

#endif
