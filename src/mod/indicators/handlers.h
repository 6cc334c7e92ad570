/* indicators: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_INDICATORS_HANDLERS_H
#define WY_MOD_INDICATORS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_indicators_list(http_req *req);
void api_indicators_csv(http_req *req);
void api_indicators_json(http_req *req);
void api_indicator_get(http_req *req);
void api_indicator_records(http_req *req);
void api_indicator_series(http_req *req);
void api_indicator_targets(http_req *req);
void api_indicator_target_put(http_req *req);
void api_indicator_report_post(http_req *req);
void api_indicator_history(http_req *req);
void api_indicator_evidence_post(http_req *req);
void api_indicator_evidence_get(http_req *req);

#endif
