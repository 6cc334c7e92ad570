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
/* The inbox's sentence of an alert (api_alerts.c). */
const char *web_exchange_alert_text(http_req *req, const notification *n);

#endif
