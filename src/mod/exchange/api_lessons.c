/* api_lessons: lessons learned (先进文化经验) under /api/v1/exchange/lessons: the search and
 * writing (followup.h decides who sees what). */
#include <string.h>

#include "mod/exchange/followup.h"
#include "mod/exchange/handlers.h"

/* The public shape: no author. */
static json_t *lesson_json(const exchange_lesson *l)
{
    json_t *tags = json_array();
    /* ",a,b," */
    const char *p = l->tags && *l->tags == ',' ? l->tags + 1 : "";
    while (*p) {
        const char *e = strchr(p, ',');
        if (!e)
            break;
        json_array_append_new(tags, json_stringn(p, (size_t)(e - p)));
        p = e + 1;
    }
    return json_pack("{s:I,s:s,s:o,s:o,s:s,s:s,s:o,s:o}", "id", (json_int_t)l->id, "division",
                     l->division, "activity_id",
                     l->activity_id ? json_integer(l->activity_id) : json_null(), "partner_id",
                     l->partner_id ? json_integer(l->partner_id) : json_null(), "title", l->title,
                     "body", l->body, "tags", tags, "created_at", api_time(l->created_at));
}

void api_exchange_lessons_list(http_req *req)
{
    int limit;
    int64_t cursor, activity, partner;
    if (req_page(req, (int)config_module_int(req_ctx(req)->cfg, "exchange", "page_size"), 100,
                 &limit, &cursor) < 0 ||
        exchange_query_id(req, "activity", &activity) < 0 ||
        exchange_query_id(req, "partner", &partner) < 0)
        return;
    exchange_lesson *ls;
    size_t n;
    if (exchange_lesson_search(req_ctx(req), req_query(req, "division"), req_query(req, "q"),
                               req_query(req, "tag"), activity, partner, cursor, limit, &ls,
                               &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, lesson_json(&ls[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ls[n - 1].id : 0));
}

void api_exchange_lesson_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_lesson_input in = {0};
    json_t *tags = json_object_get(b, "tags");
    if (api_str(req, b, "division", 1, &in.division) < 0 ||
        api_str(req, b, "title", 1, &in.title) < 0 || api_str(req, b, "body", 1, &in.body) < 0 ||
        api_int(req, b, "activity_id", 0, &in.activity_id) < 0 ||
        api_int(req, b, "partner_id", 0, &in.partner_id) < 0) {
        json_decref(b);
        return;
    }
    if (tags && !json_is_null(tags)) {
        if (!json_is_array(tags) || json_array_size(tags) > 10) {
            resp_error(req, 400, "bad_tags", "tags is a list of at most 10 texts");
            json_decref(b);
            return;
        }
        const char **ts = arena_alloc(&req->a, (json_array_size(tags) + 1) * sizeof(*ts));
        if (!ts) {
            resp_error(req, 503, "request_too_large", "out of memory");
            json_decref(b);
            return;
        }
        for (size_t i = 0; i < json_array_size(tags); i++) {
            ts[i] = json_string_value(json_array_get(tags, i));
            if (!ts[i]) {
                resp_error(req, 400, "bad_tags", "tags is a list of at most 10 texts");
                json_decref(b);
                return;
            }
        }
        in.tags = ts;
        in.ntags = json_array_size(tags);
    }
    int64_t id;
    exchange_lesson *ls;
    size_t n;
    if (exchange_lesson_create(req_ctx(req), &in, &id) < 0 ||
        exchange_lesson_search(req_ctx(req), in.division, NULL, NULL, 0, 0, id + 1, 1, &ls, &n) < 0)
        resp_fail(req);
    else if (n != 1 || ls[0].id != id)
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    else
        resp_json(req, 201, lesson_json(&ls[0]));
    json_decref(b);
}
