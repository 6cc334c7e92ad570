/*
 * The exchange module (人文交流信息系统, docs/exchange.md): partners and their agreements,
 * channels and intents reached, exchange activities published through review, written by staff
 * with indicators_manage over the record's division (city and district admins), and the
 * exchange plan's indicators computed from them.
 */
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/exchange_revision.h"
#include "mod/exchange/followup.h"
#include "mod/exchange/handlers.h"
#include "mod/module.h"

#define API  ROUTE_API
#define READ ROUTE_READ

static const route routes[] = {
    {"GET", "/api/v1/exchange/partners", api_exchange_partners_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/partners", api_exchange_partner_create, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/partners/{id}", api_exchange_partner_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/partners/{id}/agreements", api_exchange_agreement_create,
     EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/alerts", api_exchange_alerts, EXCHANGE_PERM, API | READ},
    {"GET", "/api/v1/exchange/channels", api_exchange_channels_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/channels", api_exchange_channel_create, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/intents", api_exchange_intents_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/intents", api_exchange_intent_create, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/activities", api_exchange_activities_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/activities", api_exchange_activity_create, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/activities/{id}", api_exchange_activity_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/activities/{id}/submit", api_exchange_activity_submit, EXCHANGE_PERM,
     API},
    {"PUT", "/api/v1/exchange/activities/{id}/figures", api_exchange_activity_figures,
     EXCHANGE_PERM, API},
    /* pages: the public query, an activity, a partner (pages_public.c); staff (pages_staff.c) */
    {"GET", "/exchange", page_exchange, PERM_PUBLIC, 0},
    {"GET", "/exchange/activities/{id}", page_exchange_activity, PERM_PUBLIC, 0},
    {"GET", "/exchange/partners/{id}", page_exchange_partner, PERM_PUBLIC, 0},
    {"GET", "/admin/exchange", page_admin_exchange, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/activities", page_admin_exchange_activity_create, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/activities/{id}/submit", page_admin_exchange_activity_submit,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/activities/{id}/figures", page_admin_exchange_activity_figures,
     EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/partners", page_admin_exchange_partners, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/partners", page_admin_exchange_partner_create, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/partners/{id}/agreements", page_admin_exchange_agreement_create,
     EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/channels", page_admin_exchange_channels, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/channels", page_admin_exchange_channel_create, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/intents", page_admin_exchange_intent_create, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/alerts", page_admin_exchange_alerts, EXCHANGE_PERM, 0},
    /* the coordination calendar, funds, delegations, attachments, changes (calendar.h) */
    {"GET", "/api/v1/exchange/calendar", api_exchange_calendar, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/exchange/calendar.ics", api_exchange_calendar_ics, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/plans", api_exchange_plan_create, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/plans/{id}", api_exchange_plan_get, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/plans/{id}/submit", api_exchange_plan_submit, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/activities/{id}/funds", api_exchange_funds_list, EXCHANGE_PERM,
     API | READ},
    {"POST", "/api/v1/exchange/activities/{id}/funds", api_exchange_funds_add, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/funds/totals", api_exchange_funds_totals, EXCHANGE_PERM, API | READ},
    {"GET", "/api/v1/exchange/activities/{id}/delegation", api_exchange_delegation_list,
     PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/activities/{id}/delegation", api_exchange_delegation_add,
     EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/activities/{id}/attachments", api_exchange_attachments_list,
     PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/activities/{id}/attachments", api_exchange_attachment_add,
     EXCHANGE_PERM, API | ROUTE_UPLOAD},
    {"GET", "/api/v1/exchange/attachments/{id}", api_exchange_attachment_get, PERM_PUBLIC, API},
    {"PATCH", "/api/v1/exchange/partners/{id}", api_exchange_partner_patch, EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/agreements/{id}", api_exchange_agreement_patch, EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/channels/{id}", api_exchange_channel_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/channels/{id}", api_exchange_channel_delete, EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/intents/{id}", api_exchange_intent_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/intents/{id}", api_exchange_intent_delete, EXCHANGE_PERM, API},
    /* follow-ups and the conversion time (api_followups.c) */
    {"GET", "/api/v1/exchange/followups", api_exchange_followups_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/followups", api_exchange_followup_create, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/followups/{id}", api_exchange_followup_get, PERM_PUBLIC, API | READ},
    {"PUT", "/api/v1/exchange/followups/{id}", api_exchange_followup_update, EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/conversion", api_exchange_conversion, PERM_PUBLIC, API | READ},
    /* evaluation (api_evaluation.c): reviewers score, staff configure, close and rank */
    {"GET", "/api/v1/exchange/rubric", api_exchange_rubric_get, PERM_PUBLIC, API | READ},
    {"PUT", "/api/v1/exchange/rubric", api_exchange_rubric_put, EXCHANGE_PERM, API},
    {"PUT", "/api/v1/exchange/activities/{id}/scores", api_exchange_scores_put, PERM_REVIEW, API},
    {"GET", "/api/v1/exchange/activities/{id}/evaluation", api_exchange_evaluation_get,
     EXCHANGE_PERM, API | READ},
    {"POST", "/api/v1/exchange/activities/{id}/evaluation/close", api_exchange_evaluation_close,
     EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/ranking", api_exchange_ranking, EXCHANGE_PERM, API | READ},
    {"GET", "/api/v1/exchange/measures", api_exchange_measures_list, EXCHANGE_PERM, API | READ},
    {"PUT", "/api/v1/exchange/measures", api_exchange_measure_put, EXCHANGE_PERM, API},
    /* lessons learned (api_lessons.c) */
    {"GET", "/api/v1/exchange/lessons", api_exchange_lessons_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/exchange/lessons", api_exchange_lesson_create, EXCHANGE_PERM, API},
    /* the staff's pages of follow-ups, funds, delegations, attachments (pages_followups.c),
     * evaluation and lessons (pages_evaluation.c), the calendar (pages_calendar.c); an
     * activity's page and the calendar are for staff and reviewers over the record's division
     * (the handlers check it), the admin console's holders reach the route */
    {"GET", "/admin/exchange/activities/{id}", page_admin_exchange_activity, PERM_ADMIN_CONSOLE, 0},
    {"GET", "/admin/exchange/agreements/{id}", page_admin_exchange_agreement, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/followups", page_admin_exchange_followup_create, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/followups/{id}", page_admin_exchange_followup_update, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/activities/{id}/funds", page_admin_exchange_fund_add, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/activities/{id}/delegation", page_admin_exchange_delegate_add,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/activities/{id}/attachments", page_admin_exchange_attachment_add,
     EXCHANGE_PERM, ROUTE_UPLOAD},
    {"POST", "/admin/exchange/activities/{id}/scores", page_admin_exchange_scores, PERM_REVIEW, 0},
    {"POST", "/admin/exchange/activities/{id}/evaluation/close",
     page_admin_exchange_evaluation_close, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/ranking", page_admin_exchange_ranking, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/lessons", page_admin_exchange_lessons, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/lessons", page_admin_exchange_lesson_create, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/calendar", page_admin_exchange_calendar, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/exchange/plans", page_admin_exchange_plan_create, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/plans/{id}/submit", page_admin_exchange_plan_submit, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/plans/{id}/approve", page_admin_exchange_plan_approve, PERM_REVIEW,
     0},
    /* the partnerships' ranking (api_evaluation.c); the staff's pages of the indicators, the
     * rankings, the rubric, the conversion time and the funds' totals (pages_measures.c) */
    {"GET", "/api/v1/exchange/ranking/partners", api_exchange_partner_ranking, EXCHANGE_PERM,
     API | READ},
    {"POST", "/admin/exchange/measures", page_admin_exchange_measure_put, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/partners/{id}/measures", page_admin_exchange_partner_measures,
     EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/ranking/partners", page_admin_exchange_partner_ranking, EXCHANGE_PERM,
     0},
    {"GET", "/admin/exchange/rubric", page_admin_exchange_rubric, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/rubric", page_admin_exchange_rubric_put, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/conversion", page_admin_exchange_conversion, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/funds", page_admin_exchange_funds, EXCHANGE_PERM, 0},
    /* later changes and deletions, the agreements' annual programmes (api_amend.c, amend.h);
     * the staff's forms for them (pages_amend.c) */
    {"DELETE", "/api/v1/exchange/partners/{id}", api_exchange_partner_delete, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/agreements/{id}", api_exchange_agreement_delete, EXCHANGE_PERM,
     API},
    {"PATCH", "/api/v1/exchange/activities/{id}", api_exchange_activity_patch, EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/plans/{id}", api_exchange_plan_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/plans/{id}", api_exchange_plan_delete, EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/funds/{id}", api_exchange_fund_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/funds/{id}", api_exchange_fund_delete, EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/delegates/{id}", api_exchange_delegate_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/delegates/{id}", api_exchange_delegate_delete, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/attachments/{id}", api_exchange_attachment_delete, EXCHANGE_PERM,
     API},
    {"PATCH", "/api/v1/exchange/lessons/{id}", api_exchange_lesson_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/lessons/{id}", api_exchange_lesson_delete, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/measures/{id}", api_exchange_measure_delete, EXCHANGE_PERM, API},
    {"POST", "/api/v1/exchange/activities/{id}/evaluation/reopen", api_exchange_evaluation_reopen,
     EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/agreements/{id}/programme", api_exchange_programme_list, PERM_PUBLIC,
     API | READ},
    {"POST", "/api/v1/exchange/agreements/{id}/programme", api_exchange_programme_add,
     EXCHANGE_PERM, API},
    {"PATCH", "/api/v1/exchange/programme/{id}", api_exchange_programme_patch, EXCHANGE_PERM, API},
    {"DELETE", "/api/v1/exchange/programme/{id}", api_exchange_programme_delete, EXCHANGE_PERM,
     API},
    {"POST", "/admin/exchange/activities/{id}/edit", page_admin_exchange_activity_edit,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/funds/{id}/delete", page_admin_exchange_fund_delete, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/delegates/{id}/delete", page_admin_exchange_delegate_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/attachments/{id}/delete", page_admin_exchange_attachment_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/activities/{id}/evaluation/reopen",
     page_admin_exchange_evaluation_reopen, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/partners/{id}/delete", page_admin_exchange_partner_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/agreements/{id}/delete", page_admin_exchange_agreement_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/agreements/{id}/programme", page_admin_exchange_programme_add,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/programme/{id}", page_admin_exchange_programme_update, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/programme/{id}/delete", page_admin_exchange_programme_delete,
     EXCHANGE_PERM, 0},
    /* the staff's forms of the other changes and deletions (pages_staff.c, pages_followups.c,
     * pages_evaluation.c, pages_measures.c, pages_calendar.c) */
    {"POST", "/admin/exchange/partners/{id}/edit", page_admin_exchange_partner_edit, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/agreements/{id}/edit", page_admin_exchange_agreement_edit,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/funds/{id}/edit", page_admin_exchange_fund_edit, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/delegates/{id}/edit", page_admin_exchange_delegate_edit,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/lessons/{id}/edit", page_admin_exchange_lesson_edit, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/lessons/{id}/delete", page_admin_exchange_lesson_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/measures/{id}/delete", page_admin_exchange_measure_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/plans/{id}/edit", page_admin_exchange_plan_edit, EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/plans/{id}/withdraw", page_admin_exchange_plan_withdraw,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/activities/{id}/stops", page_admin_exchange_activity_stops,
     EXCHANGE_PERM, 0},
    /* changes of published activities and approved plans waiting for review
     * (exchange_revision.h): read by staff and reviewers (the handlers check it) */
    {"GET", "/api/v1/exchange/activities/{id}/revision", api_exchange_activity_revision,
     PERM_PUBLIC, API | READ},
    {"DELETE", "/api/v1/exchange/activities/{id}/revision", api_exchange_activity_revision_withdraw,
     EXCHANGE_PERM, API},
    {"GET", "/api/v1/exchange/plans/{id}/revision", api_exchange_plan_revision, PERM_PUBLIC,
     API | READ},
    {"DELETE", "/api/v1/exchange/plans/{id}/revision", api_exchange_plan_revision_withdraw,
     EXCHANGE_PERM, API},
    {"POST", "/admin/exchange/activities/{id}/revision/withdraw",
     page_admin_exchange_activity_revision_withdraw, EXCHANGE_PERM, 0},
    {"GET", "/admin/exchange/plans/{id}", page_admin_exchange_plan, PERM_ADMIN_CONSOLE, 0},
    {"POST", "/admin/exchange/plans/{id}/revision/withdraw",
     page_admin_exchange_plan_revision_withdraw, EXCHANGE_PERM, 0},
    /* the channels' and intents' changes and deletions (pages_staff.c) */
    {"POST", "/admin/exchange/channels/{id}/edit", page_admin_exchange_channel_edit, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/channels/{id}/delete", page_admin_exchange_channel_delete,
     EXCHANGE_PERM, 0},
    {"POST", "/admin/exchange/intents/{id}/edit", page_admin_exchange_intent_edit, EXCHANGE_PERM,
     0},
    {"POST", "/admin/exchange/intents/{id}/delete", page_admin_exchange_intent_delete,
     EXCHANGE_PERM, 0},
    /* the review queue's links to a change's record (the handlers check who may see it) */
    {"GET", "/admin/exchange/activity-revisions/{id}", page_admin_exchange_activity_revision_record,
     PERM_ADMIN_CONSOLE, 0},
    {"GET", "/admin/exchange/plan-revisions/{id}", page_admin_exchange_plan_revision_record,
     PERM_ADMIN_CONSOLE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/exchange",
     .label = N_("Cultural exchange"),
     .perm = PERM_PUBLIC,
     .order = 47},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/exchange",
     .label = N_("Cultural exchange"),
     .perm = EXCHANGE_PERM,
     .order = 82,
     .current = "/admin/exchange"},
};

/* Review: activities are published (and plans approved) through the review chain (core/review.h).
 */
static const review_type *const review_types[] = {
    &exchange_activity_review_type, &exchange_plan_review_type,
    /* changes of published activities and approved plans (exchange_revision.c) */
    &exchange_activity_revision_type.review, &exchange_plan_revision_type.review};

static const config_key settings[] = {
    {"exchange", "page_size", CONFIG_INT, "20", 1, 100,
     "records a page of the exchange module's lists holds when the caller names no limit"},
    {"exchange", "dormant_months", CONFIG_INT, "12", 1, 120,
     "a partner with no exchange activity, intent or agreement dated within this many months "
     "is reported dormant (GET /api/v1/exchange/alerts, the job exchange-alerts)"},
    {"exchange", "renewal_days", CONFIG_INT, "90", 1, 3650,
     "an agreement whose renewal date is within this many days from today, or has passed, is "
     "reported due for renewal"},
    {"exchange", "attachment_max_kib", CONFIG_INT, "8192", 16, 204800,
     "the largest file (programme, photo, video, press) attached to an exchange activity, in KiB "
     "(a body is also bounded by [server] max_body_bytes)"},
};

/* Periodic jobs (core/jobs.h): alerts told to the admins (exchange_alerts.c). */
static const wy_job jobs[] = {
    {.name = "exchange-alerts", .fn = exchange_job_alerts},
};

static const wy_notify_kind notify_kinds[] = {
    {&exchange_kind_dormant, web_exchange_alert_text, NULL},
    {&exchange_kind_renewal_due, web_exchange_alert_text, NULL},
    {&exchange_kind_renewal_overdue, web_exchange_alert_text, NULL},
    {&exchange_kind_followup_overdue, web_exchange_alert_text, NULL},
    {&exchange_kind_programme_overdue, web_exchange_alert_text, NULL},
};

static const wy_indicator indicators[] = {
    {"exchange.channels_international", N_("International exchange channels"), N_("channels"),
     N_("Channels of the subtree, international, established before the end of the period."),
     exchange_ind_channels_international, NULL},
    {"exchange.channels_domestic", N_("Domestic exchange channels"), N_("channels"),
     N_("Channels of the subtree, domestic, established before the end of the period."),
     exchange_ind_channels_domestic, NULL},
    {"exchange.intents_government", N_("Exchange intents through government channels"),
     N_("intents"),
     N_("Intents reached through government channels of the subtree before the end of the "
        "period."),
     exchange_ind_intents_government, NULL},
    {"exchange.intents_nongovernment", N_("Exchange intents through non-government channels"),
     N_("intents"),
     N_("Intents reached through non-government channels of the subtree before the end of the "
        "period."),
     exchange_ind_intents_nongovernment, NULL},
    {"exchange.tours_international", N_("International tours"), N_("tours"),
     N_("Published performance tours of the subtree, international, that ended before the end "
        "of the period."),
     exchange_ind_tours_international, NULL},
    {"exchange.tours_domestic", N_("Domestic tours"), N_("tours"),
     N_("Published performance tours of the subtree, domestic, that ended before the end of the "
        "period."),
     exchange_ind_tours_domestic, NULL},
    {"exchange.festivals", N_("Festivals held"), N_("festivals"),
     N_("Published festivals of the subtree that ended before the end of the period."),
     exchange_ind_festivals, NULL},
    {"exchange.expos", N_("Expos attended"), N_("expos"),
     N_("Published expos of the subtree that ended before the end of the period."),
     exchange_ind_expos, NULL},
    {"exchange.system_use", N_("Use of the exchange information system"), "%",
     N_("Of the subtree's exchange activities that ended in the period, the share whose "
        "participant number was recorded within 30 days of their end; no data without one."),
     exchange_ind_system_use, NULL},
    {"exchange.followers_per_participant",
     N_("New followers of the city's accounts per participant"), "%",
     N_("New followers of the city's accounts per participant, in percent, over the published "
        "activities of the subtree that ended in the period with both figures."),
     exchange_ind_followers, NULL},
    {"exchange.conversion_days", N_("Mean conversion time of exchanges"), N_("days"),
     N_("Mean days from the exchange (the activity's last day, the agreement's signing) to the "
        "outcome, over the follow-ups of the subtree done with an outcome dated in the period."),
     exchange_ind_conversion_days, NULL},
};

const wy_module mod_exchange = {
    .name = "exchange",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .openapi = "src/mod/exchange/openapi.json",
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .indicators = indicators,
    .nindicators = sizeof(indicators) / sizeof(indicators[0]),
    /* `wenyun demo`: Yuxi's partners, agreements, channels and intents (demo_exchange.c) */
    .demo = exchange_demo,
};
