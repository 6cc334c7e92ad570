/* report_handlers: the routes of the annual report (api_report.c; module.c lists them). */
#ifndef WY_MOD_INDICATORS_REPORT_HANDLERS_H
#define WY_MOD_INDICATORS_REPORT_HANDLERS_H

#include "web/api.h"

void api_reports_post(http_req *req);
void api_reports_list(http_req *req);
void api_report_get(http_req *req);
void api_report_xlsx(http_req *req);
void api_report_html(http_req *req);
void api_report_verify(http_req *req);

#endif
