/*
 * The certificates module: the public face of the core's certificates (core/certificate.h):
 * the page and the API route where anyone checks a code, the printable certificate for its
 * holder, the holder's list, and revocation by the staff of the issuing kind. The kinds, and
 * when a certificate is earned, belong to the modules that issue them (courses now).
 */
#include "mod/certificates/handlers.h"
#include "mod/module.h"

#define API ROUTE_API

static const route routes[] = {
    /* checking a code: anyone, counted per address (not READ: the counter is a write) */
    {"GET", "/api/v1/certificates/verify", api_certificate_verify, PERM_PUBLIC, API},
    {"GET", "/api/v1/certificates/{id}", api_certificate_get, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/certificates/{id}/revoke", api_certificate_revoke, PERM_CERTIFICATES_MANAGE,
     API},
    {"GET", "/api/v1/me/certificates", api_my_certificates, PERM_LOGGED_IN, API},
    /* pages: /certificates/verify before /certificates/{code}, which would take it */
    {"GET", "/certificates/verify", page_certificate_verify, PERM_PUBLIC, 0},
    {"GET", "/certificates/{code}", page_certificate_by_code, PERM_PUBLIC, 0},
    {"GET", "/certificates/{id}/print", page_certificate_print, PERM_LOGGED_IN, 0},
    {"POST", "/certificates/{id}/revoke", page_certificate_revoke_post, PERM_CERTIFICATES_MANAGE,
     0},
    /* (linked from "my courses" and the certificates themselves, not from the bar) */
    {"GET", "/me/certificates", page_my_certificates, PERM_LOGGED_IN, 0},
};

static const config_key settings[] = {
    {"certificates", "verify_per_minute", CONFIG_INT, "20", 0, 100000,
     "checks of certificate codes one address may make a minute (0: no limit)"},
    {"certificates", "verify_per_hour", CONFIG_INT, "200", 0, 1000000,
     "checks of certificate codes one address may make an hour (0: no limit)"},
};

const wy_module mod_certificates = {
    .name = "certificates",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/certificates/openapi.json",
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
};
