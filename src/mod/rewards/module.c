/*
 * The rewards module (积分超市, the points supermarket): its description (mod/module.h). The
 * volunteers' points in the ledger's book "points" and the catalogue of rewards redeemed
 * through the seat inventory (rewards.h, docs/rewards.md).
 */
#include "mod/module.h"
#include "mod/rewards/handlers.h"
#include "mod/rewards/rewards.h"

#define API  ROUTE_API
#define READ ROUTE_READ

static const route routes[] = {
    {"GET", "/api/v1/me/points", api_points_me, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/points/gifts", api_points_gift, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/points/awards", api_points_award, PERM_VOLUNTEERS_MANAGE, API},
    {"POST", "/api/v1/points/entries/{id}/reverse", api_points_reverse, PERM_VOLUNTEERS_MANAGE,
     API},
    {"GET", "/api/v1/points/reconcile", api_points_reconcile, PERM_AUDIT_READ, API},
    {"GET", "/api/v1/rewards", api_reward_items_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/rewards", api_reward_item_create, PERM_VOLUNTEERS_MANAGE, API},
    {"GET", "/api/v1/rewards/{id}", api_reward_item_get, PERM_PUBLIC, API},
    {"POST", "/api/v1/rewards/{id}/redemptions", api_reward_redeem, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/redemptions", api_redemptions_me, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/redemptions/{id}/cancel", api_redemption_cancel, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/redemptions/collect", api_redemption_collect, PERM_VOLUNTEERS_MANAGE, API},
    /* pages */
    {"GET", "/rewards", page_rewards, PERM_PUBLIC, READ},
    {"POST", "/rewards/{id}/redeem", page_reward_redeem, PERM_LOGGED_IN, 0},
    {"GET", "/me/points", page_points_me, PERM_LOGGED_IN, 0},
    {"POST", "/me/points/gift", page_points_gift, PERM_LOGGED_IN, 0},
    {"GET", "/me/redemptions", page_redemptions_me, PERM_LOGGED_IN, 0},
    {"POST", "/me/redemptions/{id}/cancel", page_redemption_cancel, PERM_LOGGED_IN, 0},
    {"GET", "/admin/rewards", page_rewards_staff, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/rewards/items", page_rewards_staff_item, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/rewards/collect", page_rewards_staff_collect, PERM_VOLUNTEERS_MANAGE, 0},
    {"POST", "/admin/rewards/awards", page_rewards_staff_award, PERM_VOLUNTEERS_MANAGE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/rewards",
     .label = N_("Points supermarket"),
     .perm = PERM_PUBLIC,
     .order = 35},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/points",
     .label = N_("My points"),
     .perm = PERM_LOGGED_IN,
     .order = 40},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/rewards",
     .label = N_("Points supermarket"),
     .perm = PERM_VOLUNTEERS_MANAGE,
     .order = 90},
};

static const config_key settings[] = {
    {"rewards", "gift_enabled", CONFIG_BOOL, "true", 0, 0,
     "volunteers may give points to one another (转赠)"},
    {"rewards", "gift_min", CONFIG_INT, "1", 1, 1000000, "the smallest gift, in points"},
    {"rewards", "gift_max", CONFIG_INT, "500", 1, 1000000, "the largest gift, in points"},
    {"rewards", "gift_daily_max", CONFIG_INT, "1000", 0, 100000000,
     "the points a volunteer may give away in one day (China time); 0: no limit"},
    {"rewards", "expire_months", CONFIG_INT, "0", 0, 240,
     "points expire this many months after they were received, oldest first; 0: never"},
};

static const wy_job jobs[] = {
    {.name = "points-expiry", .fn = points_expiry_job},
};

static const wy_command commands[] = {
    {"rewards", "reconcile the points ledger: every balance against the sum of its entries",
     rewards_cli},
};

const wy_module mod_rewards = {
    .name = "rewards",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/rewards/openapi.json",
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs, /* expiry, when [rewards] expire_months is set */
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    /* `wenyun demo`: the points supermarket of 东区 with points and a redemption */
    .demo = rewards_demo,
    /* priority booking windows for the activities' booking (core/priority.h) */
    .init = reward_priority_init,
    .commands = commands,
    .ncommands = sizeof(commands) / sizeof(commands[0]),
};
