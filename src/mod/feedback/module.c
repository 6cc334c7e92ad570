/*
 * The feedback module (public feedback, docs/feedback.md): demand and satisfaction surveys with
 * their results by division and venue, complaints and suggestions routed to the staff
 * responsible, answered within a deadline and shown anonymised, and their indicators.
 */
#include "mod/feedback/feedback.h"
#include "mod/feedback/handlers.h"
#include "mod/module.h"

#define API  ROUTE_API
#define READ ROUTE_READ

static const route routes[] = {
    {"GET", "/api/v1/feedback/surveys", api_surveys_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/feedback/surveys", api_survey_create, FEEDBACK_PERM, API},
    {"GET", "/api/v1/feedback/surveys/{id}", api_survey_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/feedback/surveys/{id}/responses", api_survey_respond, PERM_PUBLIC, API},
    {"GET", "/api/v1/feedback/surveys/{id}/results", api_survey_results, FEEDBACK_PERM, API | READ},
    {"PATCH", "/api/v1/feedback/surveys/{id}", api_survey_edit, FEEDBACK_PERM, API},
    {"POST", "/api/v1/feedback/surveys/{id}/close", api_survey_close, FEEDBACK_PERM, API},
    {"POST", "/api/v1/feedback/surveys/{id}/reopen", api_survey_reopen, FEEDBACK_PERM, API},
    {"GET", "/api/v1/feedback/complaints", api_complaints_public, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/feedback/complaints", api_complaint_file, PERM_PUBLIC, API},
    {"GET", "/api/v1/feedback/complaints/staff", api_complaints_staff, FEEDBACK_PERM, API | READ},
    {"POST", "/api/v1/feedback/complaints/{id}/answer", api_complaint_answer, FEEDBACK_PERM, API},
    /* pages (pages_feedback.c): the public page, a survey to fill, a complaint to file */
    {"GET", "/feedback", page_feedback, PERM_PUBLIC, 0},
    {"GET", "/feedback/surveys/{id}", page_feedback_survey, PERM_PUBLIC, 0},
    {"POST", "/feedback/surveys/{id}", page_feedback_survey_post, PERM_PUBLIC, 0},
    {"POST", "/feedback/complaints", page_feedback_complaint_post, PERM_PUBLIC, 0},
    /* the staff's page (pages_staff.c) */
    {"GET", "/admin/feedback", page_admin_feedback, FEEDBACK_PERM, 0},
    {"POST", "/admin/feedback/complaints/{id}/answer", page_admin_feedback_answer, FEEDBACK_PERM,
     0},
    /* the staff's pages of surveys (pages_surveys.c) */
    {"GET", "/admin/feedback/surveys", page_admin_surveys, FEEDBACK_PERM, 0},
    {"GET", "/admin/feedback/surveys/new", page_admin_survey_new, FEEDBACK_PERM, 0},
    {"POST", "/admin/feedback/surveys/new", page_admin_survey_create, FEEDBACK_PERM, 0},
    {"GET", "/admin/feedback/surveys/{id}", page_admin_survey, FEEDBACK_PERM, 0},
    {"POST", "/admin/feedback/surveys/{id}/edit", page_admin_survey_edit, FEEDBACK_PERM, 0},
    {"POST", "/admin/feedback/surveys/{id}/close", page_admin_survey_close, FEEDBACK_PERM, 0},
    {"POST", "/admin/feedback/surveys/{id}/reopen", page_admin_survey_reopen, FEEDBACK_PERM, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/feedback",
     .label = N_("Feedback"),
     .perm = PERM_PUBLIC,
     .order = 48},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/feedback",
     .label = N_("Complaints and suggestions"),
     .perm = FEEDBACK_PERM,
     .order = 85,
     .current = "/admin/feedback"},
};

static const config_key settings[] = {
    {"feedback", "answer_days", CONFIG_INT, "15", 1, 365,
     "days a complaint or suggestion is to be answered within (the job feedback-overdue tells "
     "the level above once it is past)"},
    {"feedback", "working_days", CONFIG_BOOL, "true", 0, 0,
     "count answer_days in working days of the city's calendar (false: calendar days)"},
};

static const wy_job jobs[] = {
    {.name = "feedback-overdue", .fn = feedback_job_overdue},
    {.name = "feedback-survey-offers", .fn = feedback_job_survey_offers},
};

static const wy_notify_kind notify_kinds[] = {
    {&feedback_kind_complaint_filed, web_feedback_notify_text, NULL},
    {&feedback_kind_complaint_answered, web_feedback_notify_text, NULL},
    {&feedback_kind_complaint_overdue, web_feedback_notify_text, NULL},
    {&feedback_kind_survey_offered, web_feedback_notify_text, NULL},
};

static const wy_indicator indicators[] = {
    {"feedback.complaints_received", N_("Complaints and suggestions received"), N_("items"),
     N_("Complaints and suggestions of the subtree filed in the period."), feedback_ind_received,
     NULL},
    {"feedback.answered_in_time", N_("Complaints answered within the deadline"), "%",
     N_("Of the complaints and suggestions of the subtree filed in the period, the share answered "
        "by their deadline; no data without one."),
     feedback_ind_in_time, NULL},
    {"feedback.response_days", N_("Average response time to complaints"), N_("days"),
     N_("Mean days from filing to answer, over the complaints and suggestions of the subtree "
        "filed in the period and answered."),
     feedback_ind_response_days, NULL},
    {"feedback.satisfaction", N_("Average satisfaction"), N_("points (1-5)"),
     N_("Mean of the 1-5 ratings given in the subtree's satisfaction surveys in the period."),
     feedback_ind_satisfaction, NULL},
};

const wy_module mod_feedback = {
    .name = "feedback",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/feedback/openapi.json",
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    /* `wenyun demo`: surveys with answers and complaints in 攀枝花市 (demo_feedback.c) */
    .demo = feedback_demo,
};
