/* markets: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_MARKETS_HANDLERS_H
#define WY_MOD_MARKETS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

/* api_markets.c */
void api_markets_list(http_req *req);
void api_market_create(http_req *req);
void api_market_get(http_req *req);
void api_market_update(http_req *req);
void api_market_submit(http_req *req);
void api_market_set_stalls(http_req *req);
void api_market_apply(http_req *req);
void api_market_apps(http_req *req);
void api_market_panel(http_req *req);
void api_market_ranking(http_req *req);
void api_market_decide(http_req *req);
void api_market_tie_lottery(http_req *req);
void api_market_assignment(http_req *req);
void api_market_assign(http_req *req);
void api_market_map(http_req *req);
void api_market_holders(http_req *req);
void api_my_market_apps(http_req *req);
void api_market_app_get(http_req *req);
void api_market_app_file(http_req *req);
void api_market_file_get(http_req *req);
void api_market_app_submit(http_req *req);
void api_market_app_withdraw(http_req *req);
void api_market_app_confirm(http_req *req);
void api_market_score(http_req *req);
void api_market_app_stall(http_req *req);
void api_market_app_checkin(http_req *req);

/* pages_markets.c: the public pages and the stall-holder's */
void page_markets(http_req *req);
void page_market(http_req *req);
void page_market_apply(http_req *req);
void page_market_apply_post(http_req *req);
void page_my_market_apps(http_req *req);
void page_market_app_confirm_post(http_req *req);
void page_market_app_withdraw_post(http_req *req);
/* pages_market_admin.c: the organiser's and the panel's */
void page_admin_markets(http_req *req);
void page_admin_market_new(http_req *req);
void page_admin_market_create_post(http_req *req);
void page_admin_market(http_req *req);
void page_admin_market_post(http_req *req);
void page_admin_market_app_post(http_req *req);
void page_market_panel_list(http_req *req);
void page_market_panel(http_req *req);
void page_market_score_post(http_req *req);
/* pages_market_inbox.c: what the inbox says of the module's notifications */
const char *web_market_note_text(http_req *req, const notification *n);
void api_market_note_json(const notification *n, struct json_t *item);

#endif
