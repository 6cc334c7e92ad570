/* lotteries: the handlers of the module's routes (module.c lists them): the core's store of
 * draws (core/lottery_record.h) published, and run by staff. */
#ifndef WY_MOD_LOTTERIES_HANDLERS_H
#define WY_MOD_LOTTERIES_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_lotteries_list(http_req *req);
void api_lottery_get(http_req *req);
void api_lottery_inputs(http_req *req);
void api_lottery_draw_file(http_req *req);
void api_lottery_commit(http_req *req);
void api_lottery_draw(http_req *req);
void api_lottery_corrections(http_req *req);
void api_lottery_correction_propose(http_req *req);
void api_lottery_correction_apply(http_req *req);
void api_lottery_correction_cancel(http_req *req);
void page_lotteries(http_req *req);
void page_lottery(http_req *req);
void page_lottery_correction_propose(http_req *req);
void page_lottery_correction_apply(http_req *req);
void page_lottery_correction_cancel(http_req *req);

#endif
