/* indicators: the handlers of the dashboards' pages (pages_indicators.c; module.c lists them
 * in its block "the dashboards"). */
#ifndef WY_MOD_INDICATORS_PAGES_H
#define WY_MOD_INDICATORS_PAGES_H

#include "http/request.h"

void page_indicators(http_req *req);           /* GET /indicators */
void page_indicators_published(http_req *req); /* GET /indicators/published */
void page_indicator(http_req *req);            /* GET /indicators/{code} */
void page_indicator_records(http_req *req);    /* GET /indicators/{code}/records */

#endif
