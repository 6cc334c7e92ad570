/* The indicators module: its description (mod/module.h). It computes nothing itself: the
 * values of computed indicators come from the other modules' descriptors (their
 * wy_indicator), found by code (indicators.c, ind_source_of). */
#include "mod/indicators/handlers.h"
#include "mod/indicators/indicators.h"
#include "mod/indicators/report.h"
#include "mod/indicators/report_handlers.h"
#include "mod/module.h"
#include "mod/indicators/pages_indicators.h" /* the dashboards */

#define API    ROUTE_API
#define READ   ROUTE_READ
#define UPLOAD ROUTE_UPLOAD

/* The lists compute and cache values (a write): they are not ROUTE_READ. */
static const route routes[] = {
    {"GET", "/api/v1/indicators", api_indicators_list, PERM_PUBLIC, API},
    {"GET", "/api/v1/indicators.csv", api_indicators_csv, PERM_PUBLIC, API},
    {"GET", "/api/v1/indicators.json", api_indicators_json, PERM_PUBLIC, API},
    {"GET", "/api/v1/indicators/{code}", api_indicator_get, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/indicators/{code}/records", api_indicator_records, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/indicators/{code}/series", api_indicator_series, PERM_PUBLIC, API},
    {"GET", "/api/v1/indicators/{code}/targets", api_indicator_targets, PERM_PUBLIC, API | READ},
    {"PUT", "/api/v1/indicators/{code}/targets", api_indicator_target_put, PERM_INDICATORS_MANAGE,
     API},
    {"POST", "/api/v1/indicators/{code}/reports", api_indicator_report_post, PERM_INDICATORS_MANAGE,
     API | UPLOAD},
    {"GET", "/api/v1/indicators/{code}/history", api_indicator_history, PERM_INDICATORS_READ,
     API | READ},
    {"POST", "/api/v1/indicator-reports/{id}/evidence", api_indicator_evidence_post,
     PERM_INDICATORS_MANAGE, API | UPLOAD},
    {"GET", "/api/v1/indicator-evidence/{id}", api_indicator_evidence_get, PERM_INDICATORS_READ,
     API | READ},
    /* ---- the dashboards (pages_indicators.c) ---- */
    {"GET", "/indicators", page_indicators, PERM_PUBLIC, 0},
    {"GET", "/indicators/published", page_indicators_published, PERM_PUBLIC, 0},
    {"GET", "/indicators/{code}", page_indicator, PERM_PUBLIC, 0},
    {"GET", "/indicators/{code}/records", page_indicator_records, PERM_PUBLIC, 0},
    {"GET", "/admin/indicators", page_admin_indicators, PERM_INDICATORS_MANAGE, 0},
    {"GET", "/admin/indicators/{code}", page_admin_indicator, PERM_INDICATORS_MANAGE, 0},
    {"POST", "/admin/indicators/{code}/target", page_admin_indicator_target_post,
     PERM_INDICATORS_MANAGE, 0},
    {"POST", "/admin/indicators/{code}/report", page_admin_indicator_report_post,
     PERM_INDICATORS_MANAGE, UPLOAD},
    /* ---- the annual report (report.h, api_report.c, docs/report.md) ---- */
    {"POST", "/api/v1/annual-reports", api_reports_post, PERM_INDICATORS_READ, API},
    {"GET", "/api/v1/annual-reports", api_reports_list, PERM_INDICATORS_READ, API | READ},
    {"GET", "/api/v1/annual-reports/{id}", api_report_get, PERM_INDICATORS_READ, API | READ},
    {"GET", "/api/v1/annual-reports/{id}/xlsx", api_report_xlsx, PERM_INDICATORS_READ, API | READ},
    {"POST", "/api/v1/annual-reports/{id}/verify", api_report_verify, PERM_INDICATORS_READ, API},
    {"GET", "/admin/reports", page_reports, PERM_INDICATORS_READ, READ},
    {"POST", "/admin/reports", page_reports_post, PERM_INDICATORS_READ, 0},
    /* the page of a report is a page of the site, not an API answer (no HTML under /api) */
    {"GET", "/admin/reports/{id}/html", page_report_html, PERM_INDICATORS_READ, READ},
};

/* ---- the dashboards (pages_indicators.c) ---- */
static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/indicators",
     .label = N_("Indicators"),
     .perm = PERM_PUBLIC,
     .order = 45},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/indicators",
     .label = N_("Indicators"),
     .perm = PERM_INDICATORS_MANAGE,
     .order = 60,
     .current = "/admin/indicators"},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/reports",
     .label = N_("Annual reports"),
     .perm = PERM_INDICATORS_READ,
     .order = 80,
     .current = "/admin/reports"},
};

static const config_key settings[] = {
    {"indicators", "cache_ttl_s", CONFIG_INT, "300", 1, 86400,
     "seconds a computed value of a period not yet over is served from the cache before it is "
     "computed again"},
    {"indicators", "evidence_max_bytes", CONFIG_INT, "10485760", 1024, 104857600,
     "the largest evidence file a reported value takes"},
    {"indicators", "refresh_per_tick", CONFIG_INT, "6", 0, 1000,
     "divisions (with a period) whose cached values the job \"refresh\" computes afresh a run, "
     "before they expire; 0: none"},
};

static const wy_job jobs[] = {
    {.name = "refresh", .fn = ind_refresh_job},
};

/* `wenyun report` (cli_report.c) */
static const wy_command commands[] = {
    {"report", "write the annual report of a division (XLSX and HTML); verify a recorded one",
     report_cli},
};

const wy_module mod_indicators = {
    .name = "indicators",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav, /* the dashboards and the annual reports */
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/indicators/openapi.json",
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs, /* keeps the values looked at fresh */
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    /* `wenyun demo`: targets of the demo city for this year and a reported value */
    .demo = indicators_demo,
    .commands = commands,
    .ncommands = sizeof(commands) / sizeof(commands[0]),
};
