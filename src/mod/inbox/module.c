/* The inbox module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/inbox/handlers.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* notifications and webhooks */
    {"GET", "/api/v1/me/notifications", api_inbox, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/notifications/read", api_inbox_read, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/webhooks", api_webhooks_list, PERM_WEBHOOK_MANAGE, API},
    {"POST", "/api/v1/webhooks", api_webhook_create, PERM_WEBHOOK_MANAGE, API},
    {"DELETE", "/api/v1/webhooks/{id}", api_webhook_delete, PERM_WEBHOOK_MANAGE, API},
    {"GET", "/me/inbox", page_inbox, PERM_LOGGED_IN, 0},
    {"POST", "/me/inbox/read", page_inbox_read_post, PERM_LOGGED_IN, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/inbox",
     .label = N_("Inbox"),
     .perm = PERM_LOGGED_IN,
     .order = 20,
     .id = "nav-inbox"},
};

const wy_module mod_inbox = {
    .name = "inbox",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/inbox/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
};
