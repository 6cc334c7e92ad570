/* exchange: the handlers of the coordination calendar, funds, delegations, attachments and
 * changes (api_calendar.c, api_funds.c, api_edit.c; module.c lists their routes). */
#ifndef WY_MOD_EXCHANGE_HANDLERS_CALENDAR_H
#define WY_MOD_EXCHANGE_HANDLERS_CALENDAR_H

#include "web/api.h"
#include "web/web.h"

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

#endif
