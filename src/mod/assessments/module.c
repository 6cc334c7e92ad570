/* The assessments module: standards, assessments of venues against them, and calls for
 * recommendations (评估定级、推荐申报, docs/assessments.md). */
#include "mod/module.h"
#include "mod/assessments/assessments.h"
#include "mod/assessments/calls.h"
#include "mod/assessments/handlers.h"
#include "util/log.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    {"GET", "/api/v1/standards", api_standards_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/standards", api_standard_create, PERM_ASSESSMENTS_MANAGE, API},
    {"POST", "/api/v1/standards/import", api_standards_import, PERM_ASSESSMENTS_MANAGE,
     API | UPLOAD},
    {"GET", "/api/v1/standards/{id}", api_standard_get, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/assessment-sources", api_assessment_sources, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/assessments", api_assessments_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/assessments", api_assessment_create, PERM_VENUE_MANAGE, API},
    {"GET", "/api/v1/assessments/{id}", api_assessment_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/assessments/{id}/self", api_assessment_self, PERM_VENUE_MANAGE, API},
    {"POST", "/api/v1/assessments/{id}/evidence", api_assessment_evidence, PERM_VENUE_MANAGE,
     API | UPLOAD},
    {"POST", "/api/v1/assessments/{id}/submit", api_assessment_submit, PERM_VENUE_MANAGE, API},
    {"POST", "/api/v1/assessments/{id}/review", api_assessment_review, PERM_ASSESSMENTS_ASSESS,
     API},
    {"POST", "/api/v1/assessments/{id}/publish", api_assessment_publish, PERM_ASSESSMENTS_MANAGE,
     API},
    {"GET", "/api/v1/assessment-calls", api_calls_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/assessment-calls", api_call_create, PERM_ASSESSMENTS_MANAGE, API},
    {"GET", "/api/v1/assessment-calls/{id}", api_call_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/assessment-calls/{id}/applications", api_call_apply, PERM_VENUE_MANAGE, API},
    {"POST", "/api/v1/assessment-calls/{id}/announce", api_call_announce, PERM_ASSESSMENTS_MANAGE,
     API},
    {"POST", "/api/v1/call-applications/{id}/visit", api_call_visit, PERM_ASSESSMENTS_MANAGE, API},
    {"GET", "/api/v1/assessment-evidence/{id}", api_assessment_evidence_get, PERM_PUBLIC, API},
    /* the public page of published grades (pages_grades.c) */
    {"GET", "/grades", page_grades, PERM_PUBLIC, READ},
    /* the staff's pages (pages_assessments.c): the console's holders see them, the rules
     * decide what each may see and do */
    {"GET", "/admin/assessments", page_admin_assessments, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/assessments", page_admin_assessment_start, PERM_VENUE_MANAGE, 0},
    {"POST", "/admin/assessments/standards/import", page_admin_standards_import,
     PERM_ASSESSMENTS_MANAGE, UPLOAD},
    {"POST", "/admin/assessment-calls", page_admin_call_create, PERM_ASSESSMENTS_MANAGE, 0},
    {"GET", "/admin/assessment-calls/{id}", page_admin_call, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/assessment-calls/{id}/applications", page_admin_call_apply, PERM_VENUE_MANAGE,
     0},
    {"POST", "/admin/assessment-calls/{id}/visits", page_admin_call_visit, PERM_ASSESSMENTS_MANAGE,
     0},
    {"POST", "/admin/assessment-calls/{id}/announce", page_admin_call_announce,
     PERM_ASSESSMENTS_MANAGE, 0},
    {"GET", "/admin/assessments/{id}", page_admin_assessment, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/assessments/{id}/self", page_admin_assessment_self, PERM_VENUE_MANAGE, 0},
    {"POST", "/admin/assessments/{id}/evidence", page_admin_assessment_evidence, PERM_VENUE_MANAGE,
     UPLOAD},
    {"POST", "/admin/assessments/{id}/submit", page_admin_assessment_submit, PERM_VENUE_MANAGE, 0},
    {"POST", "/admin/assessments/{id}/review", page_admin_assessment_review,
     PERM_ASSESSMENTS_ASSESS, 0},
    {"POST", "/admin/assessments/{id}/publish", page_admin_assessment_publish,
     PERM_ASSESSMENTS_MANAGE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/assessments",
     .label = N_("Assessments and grades"),
     .perm = PERM_ADMIN_CONSOLE,
     .order = 84,
     .current = "/admin/assessments"},
};

static const wy_notify_kind notify_kinds[] = {
    {&assessments_kind_submitted, web_assessments_notify_text, NULL},
    {&assessments_kind_scored, web_assessments_notify_text, NULL},
    {&assessments_kind_published, web_assessments_notify_text, NULL},
    {&assessments_kind_awarded, web_assessments_notify_text, NULL},
    {&assessments_kind_not_awarded, web_assessments_notify_text, NULL},
    {&assessments_kind_call_deadline, web_assessments_notify_text, NULL},
};

static const wy_job jobs[] = {
    {.name = "assessments-call-deadlines", .fn = call_job_deadlines},
};

/* The venue's own figures (area, weekly hours) are sources of evidence; activities and
 * volunteers register theirs from their own init (core/assess_source.h). */
static void assessments_init(void)
{
    if (assessment_venue_sources_register() < 0)
        log_warn("assessments: the venue sources could not be registered");
}

const wy_module mod_assessments = {
    .name = "assessments",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/assessments/openapi.json",
    .init = assessments_init,
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    /* `wenyun demo`: a standard for cultural centres and a grading of 攀枝花's (demo_assessments.c)
     */
    .demo = assessments_demo,
};
