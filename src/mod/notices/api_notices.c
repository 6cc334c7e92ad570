/* api_notices: 通知公告. */
#include "mod/notices/handlers.h"
#include "mod/notices/notice.h"

static json_t *notice_json(const notice *n)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)n->id, "division",
                     n->division, "title", n->title, "body", n->body, "status", n->status,
                     "created_at", api_time(n->created_at), "published_at",
                     api_time(n->published_at));
}

void api_notices_list(http_req *req)
{
    int limit;
    int64_t cursor;
    int page = (int)config_module_int(req_ctx(req)->cfg, "notices", "page_size");
    if (req_page(req, page, 100, &limit, &cursor) < 0)
        return;
    notice *ns;
    size_t n;
    if (notice_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ns, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, notice_json(&ns[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ns[n - 1].id : 0));
}

void api_notice_get(http_req *req)
{
    int64_t id;
    notice n;
    id = req_id(req, 0);
    if (notice_get(req_ctx(req), id, &n) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, notice_json(&n));
}

void api_notice_create(http_req *req)
{
    json_t *b = req_json(req);
    const char *division, *title, *body;
    if (!b)
        return;
    if (api_str(req, b, "division", 1, &division) < 0 || api_str(req, b, "title", 1, &title) < 0 ||
        api_str(req, b, "body", 1, &body) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (notice_create(req_ctx(req), division, title, body, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "draft"));
    json_decref(b);
}

void api_notice_update(http_req *req)
{
    int64_t id;
    json_t *b;
    const char *title, *body;
    id = req_id(req, 0);
    if (!(b = req_json(req)))
        return;
    if (api_str(req, b, "title", 0, &title) < 0 || api_str(req, b, "body", 0, &body) < 0) {
        json_decref(b);
        return;
    }
    notice n;
    if (notice_update(req_ctx(req), id, title, body) < 0 || notice_get(req_ctx(req), id, &n) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, notice_json(&n));
    json_decref(b);
}

void api_notice_submit(http_req *req)
{
    api_submit(req, notice_submit);
}
