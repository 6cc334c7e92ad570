/* scratch: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_SCRATCH_HANDLERS_H
#define WY_MOD_SCRATCH_HANDLERS_H

#include "web/api.h"

void api_scratch(http_req *req);

#endif
