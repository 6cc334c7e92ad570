/* exchange: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_EXCHANGE_HANDLERS_H
#define WY_MOD_EXCHANGE_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_exchange_partners_list(http_req *req);
void api_exchange_partner_get(http_req *req);
void api_exchange_partner_create(http_req *req);
void api_exchange_agreement_create(http_req *req);
void api_exchange_channels_list(http_req *req);
void api_exchange_channel_create(http_req *req);
void api_exchange_intents_list(http_req *req);
void api_exchange_intent_create(http_req *req);
void api_exchange_activities_list(http_req *req);
void api_exchange_activity_get(http_req *req);
void api_exchange_activity_create(http_req *req);
void api_exchange_activity_submit(http_req *req);
void api_exchange_activity_figures(http_req *req);
void api_exchange_alerts(http_req *req);
/* Pages for everyone (pages_public.c) and for staff (pages_staff.c). */
void page_exchange(http_req *req);
void page_exchange_activity(http_req *req);
void page_exchange_partner(http_req *req);
void page_admin_exchange(http_req *req);
void page_admin_exchange_activity_create(http_req *req);
void page_admin_exchange_activity_submit(http_req *req);
void page_admin_exchange_activity_figures(http_req *req);
void page_admin_exchange_partners(http_req *req);
void page_admin_exchange_partner_create(http_req *req);
void page_admin_exchange_agreement_create(http_req *req);
void page_admin_exchange_channels(http_req *req);
void page_admin_exchange_channel_create(http_req *req);
void page_admin_exchange_intent_create(http_req *req);
void page_admin_exchange_alerts(http_req *req);
/* The coordination calendar, funds, delegations, attachments and changes (api_calendar.c,
 * api_funds.c, api_edit.c). */
void api_exchange_calendar(http_req *req);
void api_exchange_calendar_ics(http_req *req);
void api_exchange_plan_create(http_req *req);
void api_exchange_plan_get(http_req *req);
void api_exchange_plan_submit(http_req *req);
void api_exchange_funds_add(http_req *req);
void api_exchange_funds_list(http_req *req);
void api_exchange_funds_totals(http_req *req);
void api_exchange_delegation_add(http_req *req);
void api_exchange_delegation_list(http_req *req);
void api_exchange_attachment_add(http_req *req);
void api_exchange_attachments_list(http_req *req);
void api_exchange_attachment_get(http_req *req);
void api_exchange_partner_patch(http_req *req);
void api_exchange_agreement_patch(http_req *req);
void api_exchange_channel_patch(http_req *req);
void api_exchange_channel_delete(http_req *req);
void api_exchange_intent_patch(http_req *req);
void api_exchange_intent_delete(http_req *req);
/* Follow-ups and the conversion time (api_followups.c). */
void api_exchange_followups_list(http_req *req);
void api_exchange_followup_get(http_req *req);
void api_exchange_followup_create(http_req *req);
void api_exchange_followup_update(http_req *req);
void api_exchange_conversion(http_req *req);
/* An optional id of the query string (0 when absent); -1 with a 400 when not one. */
int exchange_query_id(http_req *req, const char *name, int64_t *out);
/* Evaluation (api_evaluation.c) and lessons learned (api_lessons.c). */
void api_exchange_rubric_get(http_req *req);
void api_exchange_rubric_put(http_req *req);
void api_exchange_scores_put(http_req *req);
void api_exchange_evaluation_get(http_req *req);
void api_exchange_evaluation_close(http_req *req);
void api_exchange_ranking(http_req *req);
void api_exchange_measure_put(http_req *req);
void api_exchange_measures_list(http_req *req);
void api_exchange_partner_ranking(http_req *req);
void api_exchange_lessons_list(http_req *req);
void api_exchange_lesson_create(http_req *req);
/* The staff's pages of what follows an activity or an agreement (pages_followups.c), of the
 * evaluation and lessons (pages_evaluation.c) and of the calendar (pages_calendar.c). */
void page_admin_exchange_activity(http_req *req);
void page_admin_exchange_agreement(http_req *req);
void page_admin_exchange_followup_create(http_req *req);
void page_admin_exchange_followup_update(http_req *req);
void page_admin_exchange_fund_add(http_req *req);
void page_admin_exchange_delegate_add(http_req *req);
void page_admin_exchange_attachment_add(http_req *req);
void page_admin_exchange_scores(http_req *req);
void page_admin_exchange_evaluation_close(http_req *req);
void page_admin_exchange_ranking(http_req *req);
void page_admin_exchange_lessons(http_req *req);
void page_admin_exchange_lesson_create(http_req *req);
void page_admin_exchange_calendar(http_req *req);
void page_admin_exchange_plan_create(http_req *req);
void page_admin_exchange_plan_submit(http_req *req);
void page_admin_exchange_plan_approve(http_req *req);
/* The staff's pages of the indicators of an activity or a partnership, the partnerships'
 * ranking, the rubric, the conversion time and the funds' totals (pages_measures.c). */
void page_admin_exchange_measure_put(http_req *req);
void page_admin_exchange_partner_measures(http_req *req);
void page_admin_exchange_partner_ranking(http_req *req);
void page_admin_exchange_rubric(http_req *req);
void page_admin_exchange_rubric_put(http_req *req);
void page_admin_exchange_conversion(http_req *req);
void page_admin_exchange_funds(http_req *req);
/* Later changes and deletions, the agreements' annual programmes (api_amend.c). */
void api_exchange_partner_delete(http_req *req);
void api_exchange_agreement_delete(http_req *req);
void api_exchange_activity_patch(http_req *req);
void api_exchange_plan_patch(http_req *req);
void api_exchange_plan_delete(http_req *req);
void api_exchange_fund_patch(http_req *req);
void api_exchange_fund_delete(http_req *req);
void api_exchange_delegate_patch(http_req *req);
void api_exchange_delegate_delete(http_req *req);
void api_exchange_attachment_delete(http_req *req);
void api_exchange_lesson_patch(http_req *req);
void api_exchange_lesson_delete(http_req *req);
void api_exchange_measure_delete(http_req *req);
void api_exchange_evaluation_reopen(http_req *req);
void api_exchange_programme_list(http_req *req);
void api_exchange_programme_add(http_req *req);
void api_exchange_programme_patch(http_req *req);
void api_exchange_programme_delete(http_req *req);
/* A PATCH's body, an object with at least one member (NULL after a 400); the answer of a
 * change or a deletion: {"id"} or the refusal; a DELETE of the path's id by fn (api_amend.c). */
json_t *api_exchange_patch_body(http_req *req);
void api_exchange_done(http_req *req, int rc, int64_t id);
void api_exchange_by_id(http_req *req, int (*fn)(wy_ctx *ctx, int64_t id));
/* The pending revision of a published activity or an approved plan, and its withdrawal. */
void api_exchange_activity_revision(http_req *req);
void api_exchange_activity_revision_withdraw(http_req *req);
void api_exchange_plan_revision(http_req *req);
void api_exchange_plan_revision_withdraw(http_req *req);
/* The partners and stops members of an activity's body (api_activities.c): -1 with a 400. */
struct exchange_activity_input;
int api_exchange_activity_lists(http_req *req, json_t *b, struct exchange_activity_input *in);
/* The staff's forms of the later changes and the annual programmes (pages_amend.c). */
void page_admin_exchange_activity_edit(http_req *req);
void page_admin_exchange_activity_revision_withdraw(http_req *req);
void page_admin_exchange_plan(http_req *req);
void page_admin_exchange_plan_edit(http_req *req);
void page_admin_exchange_plan_revision_withdraw(http_req *req);
void page_admin_exchange_fund_delete(http_req *req);
void page_admin_exchange_delegate_delete(http_req *req);
void page_admin_exchange_attachment_delete(http_req *req);
void page_admin_exchange_evaluation_reopen(http_req *req);
void page_admin_exchange_partner_delete(http_req *req);
void page_admin_exchange_agreement_delete(http_req *req);
void page_admin_exchange_programme_add(http_req *req);
void page_admin_exchange_programme_update(http_req *req);
void page_admin_exchange_programme_delete(http_req *req);
/* The staff's forms of the other changes and deletions (pages_staff.c, pages_followups.c,
 * pages_evaluation.c, pages_measures.c, pages_calendar.c). */
void page_admin_exchange_partner_edit(http_req *req);
void page_admin_exchange_agreement_edit(http_req *req);
void page_admin_exchange_fund_edit(http_req *req);
void page_admin_exchange_delegate_edit(http_req *req);
void page_admin_exchange_lesson_edit(http_req *req);
void page_admin_exchange_lesson_delete(http_req *req);
void page_admin_exchange_measure_delete(http_req *req);
void page_admin_exchange_plan_withdraw(http_req *req);
void page_admin_exchange_activity_stops(http_req *req);
/* The inbox's sentence of an alert (api_alerts.c). */
const char *web_exchange_alert_text(http_req *req, const notification *n);

void page_admin_exchange_channel_edit(http_req *req);
void page_admin_exchange_channel_delete(http_req *req);
void page_admin_exchange_intent_edit(http_req *req);
void page_admin_exchange_intent_delete(http_req *req);
void page_admin_exchange_activity_revision_record(http_req *req);
void page_admin_exchange_plan_revision_record(http_req *req);

#endif
