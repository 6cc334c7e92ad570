/* rewards: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_REWARDS_HANDLERS_H
#define WY_MOD_REWARDS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

/* api_points.c */
void api_points_me(http_req *req);
void api_points_gift(http_req *req);
void api_points_award(http_req *req);
void api_points_reverse(http_req *req);
void api_points_reconcile(http_req *req);
/* api_rewards.c */
void api_reward_items_list(http_req *req);
void api_reward_item_get(http_req *req);
void api_reward_item_create(http_req *req);
void api_reward_redeem(http_req *req);
void api_redemptions_me(http_req *req);
void api_redemption_cancel(http_req *req);
void api_redemption_collect(http_req *req);
/* pages_rewards.c */
void page_rewards(http_req *req);
void page_reward_redeem(http_req *req);
void page_points_me(http_req *req);
void page_points_gift(http_req *req);
void page_redemptions_me(http_req *req);
void page_redemption_cancel(http_req *req);
void page_rewards_staff(http_req *req);
void page_rewards_staff_item(http_req *req);
void page_rewards_staff_collect(http_req *req);
void page_rewards_staff_award(http_req *req);

#endif
