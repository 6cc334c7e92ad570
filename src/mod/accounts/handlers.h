/* accounts: the handlers of the module's routes (module.c lists them) and what its pages and
 * answers lend to other modules. */
#ifndef WY_MOD_ACCOUNTS_HANDLERS_H
#define WY_MOD_ACCOUNTS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_register(http_req *req);
void api_verify(http_req *req);
void api_reset_request(http_req *req);
void api_reset(http_req *req);
void api_login(http_req *req);
void api_logout(http_req *req);
void api_me(http_req *req);
void api_password(http_req *req);
void api_division(http_req *req);
void api_accounts_list(http_req *req);
void api_account_get(http_req *req);
void api_account_create(http_req *req);
void api_account_import(http_req *req);
void api_account_import_get(http_req *req);
void api_grant(http_req *req);
void api_revoke(http_req *req);
void page_register(http_req *req);
void page_register_post(http_req *req);
void page_register_verify(http_req *req);
void page_register_verify_post(http_req *req);
void page_reset(http_req *req);
void page_reset_post(http_req *req);
void page_reset_confirm_post(http_req *req);
void page_login(http_req *req);
void page_login_post(http_req *req);
void page_logout_post(http_req *req);
void page_account(http_req *req);
void page_password_post(http_req *req);

#endif
