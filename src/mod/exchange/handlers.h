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
void api_exchange_lessons_list(http_req *req);
void api_exchange_lesson_create(http_req *req);
/* The inbox's sentence of an alert (api_alerts.c). */
const char *web_exchange_alert_text(http_req *req, const notification *n);

#endif
