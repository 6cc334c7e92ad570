/* The markets module (文化市集): its description (mod/module.h). */
#include "mod/markets/handlers.h"
#include "mod/markets/market.h"
#include "mod/module.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define UPLOAD ROUTE_UPLOAD

#define MANAGE PERM_MARKETS_MANAGE
#define PANEL  PERM_MARKETS_REVIEW

static const route routes[] = {
    /* markets: the public list and a market; the organiser writes them */
    {"GET", "/api/v1/markets", api_markets_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/markets", api_market_create, MANAGE, API},
    {"GET", "/api/v1/markets/{id}", api_market_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/markets/{id}", api_market_update, MANAGE, API},
    {"POST", "/api/v1/markets/{id}/submit", api_market_submit, MANAGE, API},
    {"PUT", "/api/v1/markets/{id}/stalls", api_market_set_stalls, MANAGE, API},
    /* applications: stall-holders apply, attach, submit, confirm or withdraw */
    {"POST", "/api/v1/markets/{id}/applications", api_market_apply, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/market-applications", api_my_market_apps, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/market-applications/{id}", api_market_app_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/market-applications/{id}/files", api_market_app_file, PERM_LOGGED_IN,
     API | UPLOAD},
    {"GET", "/api/v1/market-files/{id}", api_market_file_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/market-applications/{id}/submit", api_market_app_submit, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/market-applications/{id}/withdraw", api_market_app_withdraw, PERM_LOGGED_IN,
     API},
    {"POST", "/api/v1/market-applications/{id}/confirm", api_market_app_confirm, PERM_LOGGED_IN,
     API},
    /* the panel scores; the organiser ranks, decides, assigns stalls and checks in */
    {"GET", "/api/v1/markets/{id}/panel", api_market_panel, PANEL, API},
    {"POST", "/api/v1/market-applications/{id}/scores", api_market_score, PANEL, API},
    {"GET", "/api/v1/markets/{id}/applications", api_market_apps, MANAGE, API},
    {"GET", "/api/v1/markets/{id}/ranking", api_market_ranking, MANAGE, API},
    {"POST", "/api/v1/markets/{id}/decision", api_market_decide, MANAGE, API},
    /* the ties at the quota lines: a lottery of the store of draws (committed and drawn at
     * /api/v1/lotteries; the draw makes the lists) */
    {"POST", "/api/v1/markets/{id}/tie-lottery", api_market_tie_lottery, MANAGE, API},
    {"GET", "/api/v1/markets/{id}/assignment", api_market_assignment, MANAGE, API},
    {"POST", "/api/v1/markets/{id}/assignment", api_market_assign, MANAGE, API},
    {"PUT", "/api/v1/market-applications/{id}/stall", api_market_app_stall, MANAGE, API},
    {"POST", "/api/v1/markets/{id}/map", api_market_map, MANAGE, API},
    {"GET", "/api/v1/markets/{id}/stall-holders", api_market_holders, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/market-applications/{id}/checkin", api_market_app_checkin, MANAGE, API},
    /* pages */
    {"GET", "/markets", page_markets, PERM_PUBLIC, READ},
    {"GET", "/markets/{id}", page_market, PERM_PUBLIC, READ},
    {"GET", "/markets/{id}/apply", page_market_apply, PERM_LOGGED_IN, 0},
    {"POST", "/markets/{id}/apply", page_market_apply_post, PERM_LOGGED_IN, UPLOAD},
    {"GET", "/me/market-applications", page_my_market_apps, PERM_LOGGED_IN, 0},
    {"POST", "/market-applications/{id}/confirm", page_market_app_confirm_post, PERM_LOGGED_IN, 0},
    {"POST", "/market-applications/{id}/withdraw", page_market_app_withdraw_post, PERM_LOGGED_IN,
     0},
    {"GET", "/admin/markets", page_admin_markets, MANAGE, 0},
    {"GET", "/admin/markets/new", page_admin_market_new, MANAGE, 0},
    {"POST", "/admin/markets", page_admin_market_create_post, MANAGE, 0},
    {"GET", "/admin/markets/{id}", page_admin_market, MANAGE, 0},
    {"POST", "/admin/markets/{id}", page_admin_market_post, MANAGE, 0},
    {"POST", "/admin/market-applications/{id}", page_admin_market_app_post, MANAGE, 0},
    {"GET", "/admin/market-panel", page_market_panel_list, PANEL, 0},
    {"GET", "/admin/market-panel/{id}", page_market_panel, PANEL, 0},
    {"POST", "/admin/market-applications/{id}/score", page_market_score_post, PANEL, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/markets",
     .label = N_("Markets"),
     .perm = PERM_PUBLIC,
     .order = 35},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/market-applications",
     .label = N_("My stall applications"),
     .perm = PERM_LOGGED_IN,
     .order = 40},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/markets",
     .label = N_("Markets"),
     .perm = MANAGE,
     .order = 70,
     .current = "/admin/markets"},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/market-panel",
     .label = N_("Market panel"),
     .perm = PANEL,
     .order = 71,
     .current = "/admin/market-panel"},
};

/* Review: a market is published through the review chain; nobody approves their own. */
static const review_type *const review_types[] = {&market_review_type};

static const wy_job jobs[] = {
    /* accepted stall-holders who did not confirm in time lapse, and the reserve list moves up;
     * stall-holders are reminded the day before; no-shows are marked once a market is over */
    {.name = "market-sweep", .fn = market_job_sweep},
};

/* What stall-holders are told of their applications (core/notify.h, market_notify.c). */
static const wy_notify_kind notify_kinds[] = {
    {&market_kind_accepted, web_market_note_text, api_market_note_json},
    {&market_kind_reserve, web_market_note_text, api_market_note_json},
    {&market_kind_declined, web_market_note_text, api_market_note_json},
    {&market_kind_promoted, web_market_note_text, api_market_note_json},
    {&market_kind_lapsed, web_market_note_text, api_market_note_json},
    {&market_kind_stall, web_market_note_text, api_market_note_json},
    {&market_kind_reminder, web_market_note_text, api_market_note_json},
};

/* The ties at the quota lines are drawn by the core's verifiable lottery: the market is an
 * owner of its store of draws (market_ties.c). */
static const lottery_kind *const lottery_kinds[] = {&market_cutoff_kind};

static const config_key settings[] = {
    {"markets", "page_size", CONFIG_INT, "20", 1, 100,
     "markets and applications a page of the lists holds when the caller names no limit"},
    {"markets", "max_file_kib", CONFIG_INT, "4096", 16, 8192,
     "the largest photo or licence file a stall-holder may attach, in KiB"},
};

const wy_module mod_markets = {
    .name = "markets",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/markets/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .lottery_kinds = lottery_kinds,
    .nlottery_kinds = sizeof(lottery_kinds) / sizeof(lottery_kinds[0]),
    /* `wenyun demo`: a market in 东区 with its applications, scores and stall map */
    .demo = markets_demo,
};
