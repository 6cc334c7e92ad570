/* indicators: the handlers of the dashboards' pages (pages_indicators.c; module.c lists them
 * in its block "the dashboards"). */
#ifndef WY_MOD_INDICATORS_PAGES_H
#define WY_MOD_INDICATORS_PAGES_H

#include "http/request.h"

void page_indicators(http_req *req);           /* GET /indicators */
void page_indicators_published(http_req *req); /* GET /indicators/published */
void page_indicator(http_req *req);            /* GET /indicators/{code} */
void page_indicator_records(http_req *req);    /* GET /indicators/{code}/records */
/* the admin console (indicators_manage) */
void page_admin_indicators(http_req *req);            /* GET /admin/indicators */
void page_admin_indicator(http_req *req);             /* GET /admin/indicators/{code} */
void page_admin_indicator_target_post(http_req *req); /* POST /admin/indicators/{code}/target */
void page_admin_indicator_report_post(http_req *req); /* POST /admin/indicators/{code}/report */

#endif
