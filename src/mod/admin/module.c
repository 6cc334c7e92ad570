/* The admin module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/admin/handlers.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* review */
    {"GET", "/api/v1/reviews", api_reviews_list, PERM_ADMIN_CONSOLE, API},
    {"GET", "/api/v1/reviews/{id}", api_review_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/reviews/{id}/decision", api_review_decide, PERM_REVIEW, API},
    {"GET", "/api/v1/review-chains/{type}", api_review_chain_get, PERM_ADMIN_CONSOLE, API},
    {"PUT", "/api/v1/review-chains/{type}", api_review_chain_put, PERM_REVIEW_CONFIG, API},
    {"GET", "/api/v1/audit", api_audit, PERM_AUDIT_READ, API | READ},
    {"GET", "/admin", page_admin, PERM_ADMIN_CONSOLE, 0},
    {"GET", "/admin/divisions/{code}", page_admin_divisions, PERM_ADMIN_CONSOLE, READ},
    {"GET", "/admin/accounts", page_admin_accounts, PERM_ACCOUNTS_READ, 0},
    {"POST", "/admin/accounts", page_admin_account_create, PERM_ACCOUNTS_MANAGE, 0},
    {"GET", "/admin/accounts/{id}", page_admin_account, PERM_ACCOUNTS_READ, 0},
    {"POST", "/admin/accounts/{id}/roles", page_admin_grant_post, PERM_ACCOUNTS_MANAGE, 0},
    {"POST", "/admin/accounts/{id}/roles/{grant}/revoke", page_admin_revoke_post,
     PERM_ACCOUNTS_MANAGE, 0},
    {"GET", "/admin/reviews", page_admin_reviews, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/reviews/{id}", page_admin_review_post, PERM_REVIEW, 0},
    {"GET", "/admin/activity-revisions/{id}", page_admin_activity_revision, PERM_ADMIN_CONSOLE, 0},
    /* the working-day calendar (core/workday.h): public to read, the city admins' to keep */
    {"GET", "/api/v1/workdays", api_workdays_list, PERM_PUBLIC, API | READ},
    {"PUT", "/api/v1/workdays/{date}", api_workday_put, PERM_CALENDAR_MANAGE, API},
    {"DELETE", "/api/v1/workdays/{date}", api_workday_delete, PERM_CALENDAR_MANAGE, API},
    {"POST", "/api/v1/workdays/import", api_workdays_import, PERM_CALENDAR_MANAGE, API | UPLOAD},
    {"GET", "/admin/workdays", page_admin_workdays, PERM_CALENDAR_MANAGE, 0},
    {"POST", "/admin/workdays", page_admin_workday_post, PERM_CALENDAR_MANAGE, 0},
    {"POST", "/admin/workdays/{date}/remove", page_admin_workday_remove_post, PERM_CALENDAR_MANAGE,
     0},
    {"POST", "/admin/workdays/import", page_admin_workdays_import_post, PERM_CALENDAR_MANAGE,
     UPLOAD},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/admin",
     .label = N_("Admin console"),
     .perm = PERM_ADMIN_CONSOLE,
     .order = 50},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin",
     .label = N_("Overview"),
     .perm = PERM_PUBLIC,
     .order = 10},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/divisions/",
     .label = N_("Divisions"),
     .perm = PERM_ADMIN_CONSOLE,
     .order = 20,
     .current = "/admin/divisions/",
     .scoped = 1},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/accounts",
     .label = N_("Accounts"),
     .perm = PERM_ACCOUNTS_READ,
     .order = 30,
     .current = "/admin/accounts"},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/workdays",
     .label = N_("Working-day calendar"),
     .perm = PERM_CALENDAR_MANAGE,
     .order = 90,
     .current = "/admin/workdays"},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/reviews",
     .label = N_("Reviews"),
     .perm = PERM_PUBLIC,
     .order = 40,
     .current = "/admin/reviews"},
};

const wy_module mod_admin = {
    .name = "admin",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/admin/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
};
