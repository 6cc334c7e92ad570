/* scratch: one answer. */
#include "mod/scratch/handlers.h"

void api_scratch(http_req *req)
{
    resp_json(req, 200, json_pack("{s:s}", "message", req_tr(req, "Scratch answers.")));
}
