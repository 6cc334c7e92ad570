/* The accounts module: its description (mod/module.h). */
#include "mod/module.h"
#include "mod/accounts/handlers.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* accounts */
    {"POST", "/api/v1/auth/register", api_register, PERM_PUBLIC, API},
    {"POST", "/api/v1/auth/verify", api_verify, PERM_PUBLIC, API},
    {"POST", "/api/v1/auth/reset/request", api_reset_request, PERM_PUBLIC, API},
    {"POST", "/api/v1/auth/reset", api_reset, PERM_PUBLIC, API},
    {"POST", "/api/v1/auth/login", api_login, PERM_PUBLIC, API | ROUTE_CSRF_COOKIE},
    {"POST", "/api/v1/auth/logout", api_logout, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me", api_me, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/me/password", api_password, PERM_LOGGED_IN, API},
    /* not from a replica: each read of the list is written to the audit log */
    {"GET", "/api/v1/accounts", api_accounts_list, PERM_ACCOUNTS_READ, API},
    {"POST", "/api/v1/accounts", api_account_create, PERM_ACCOUNTS_MANAGE, API},
    {"POST", "/api/v1/accounts/import", api_account_import, PERM_ACCOUNTS_MANAGE, API | UPLOAD},
    {"GET", "/api/v1/accounts/import/{id}", api_account_import_get, PERM_ACCOUNTS_MANAGE, API},
    {"GET", "/api/v1/accounts/{id}", api_account_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/accounts/{id}/roles", api_grant, PERM_ACCOUNTS_MANAGE, API},
    {"DELETE", "/api/v1/accounts/{id}/roles/{grant}", api_revoke, PERM_ACCOUNTS_MANAGE, API},
    /* divisions */
    {"GET", "/api/v1/divisions/{code}", api_division, PERM_PUBLIC, API | READ},
    {"GET", "/register", page_register, PERM_PUBLIC, 0},
    {"POST", "/register", page_register_post, PERM_PUBLIC, 0},
    {"GET", "/register/verify", page_register_verify, PERM_PUBLIC, 0},
    {"POST", "/register/verify", page_register_verify_post, PERM_PUBLIC, 0},
    {"GET", "/reset", page_reset, PERM_PUBLIC, 0},
    {"POST", "/reset", page_reset_post, PERM_PUBLIC, 0},
    {"POST", "/reset/confirm", page_reset_confirm_post, PERM_PUBLIC, 0},
    {"GET", "/login", page_login, PERM_PUBLIC, 0},
    {"POST", "/login", page_login_post, PERM_PUBLIC, 0},
    {"POST", "/logout", page_logout_post, PERM_LOGGED_IN, 0},
    {"GET", "/account", page_account, PERM_LOGGED_IN, 0},
    {"POST", "/account/password", page_password_post, PERM_LOGGED_IN, 0},
};

const wy_module mod_accounts = {
    .name = "accounts",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/accounts/openapi.json",
};
