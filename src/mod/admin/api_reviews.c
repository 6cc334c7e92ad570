/* api_reviews: the review queue, decisions, chains, and the audit log. */
#include <stdio.h>
#include <string.h>

#include "mod/admin/handlers.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/review.h"

static json_t *item_json(const review_item *it)
{
    return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:i,s:s,s:o}", "id", (json_int_t)it->id,
                     "content_type", it->content_type, "content_id", (json_int_t)it->content_id,
                     "division", it->division, "title", it->title, "status", it->status, "level",
                     it->level, "levels", it->levels, "updated_at", api_time(it->updated_at));
}

static json_t *audit_json(const audit_entry *e)
{
    return json_pack("{s:I,s:o,s:I,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?}", "id", (json_int_t)e->id, "at",
                     api_time(e->at), "actor", (json_int_t)e->actor, "action", e->action,
                     "object_type", e->object_type, "object_id", e->object_id, "division",
                     e->division, "from", e->from_state, "to", e->to_state, "reason", e->reason);
}

void api_reviews_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 200, &limit, &cursor) < 0)
        return;
    const char *status = req_query(req, "status");
    review_item *items;
    size_t n;
    if (review_list(req_ctx(req), status ? status : "pending", req_query(req, "division"), cursor,
                    limit, &items, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = item_json(&items[i]);
        json_object_set_new(j, "own", json_boolean(review_own(&req->who, &items[i])));
        json_object_set_new(j, "can_decide", json_boolean(review_may_decide(&req->who, &items[i])));
        json_array_append_new(arr, j);
    }
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? items[n - 1].id : 0));
}

void api_review_get(http_req *req)
{
    int64_t id;
    review_item it;
    audit_entry *h;
    size_t n;
    id = req_id(req, 0);
    if (review_get(req_ctx(req), id, &it) < 0 || review_history(req_ctx(req), id, &h, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = item_json(&it);
    json_t *hist = json_array();
    for (size_t i = n; i > 0; i--)
        json_array_append_new(hist, audit_json(&h[i - 1]));
    json_object_set_new(j, "history", hist);
    json_object_set_new(j, "own", json_boolean(review_own(&req->who, &it)));
    json_object_set_new(j, "can_decide", json_boolean(review_may_decide(&req->who, &it)));
    resp_json(req, 200, j);
}

void api_review_decide(http_req *req)
{
    int64_t id;
    json_t *b;
    const char *decision, *reason;
    id = req_id(req, 0);
    if (!(b = req_json(req)))
        return;
    if (api_str(req, b, "decision", 1, &decision) < 0 ||
        api_str(req, b, "reason", 0, &reason) < 0) {
        json_decref(b);
        return;
    }
    review_item after;
    if (review_decide(req_ctx(req), id, decision, reason, &after) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, item_json(&after));
    json_decref(b);
}

void api_review_chain_get(http_req *req)
{
    const char *levels, *norm;
    const char *type = req_param(req, 0), *div = req_query(req, "division");
    if (!review_type_find(type)) {
        resp_error(req, 404, "not_found", req_tr(req, "No such content type."));
        return;
    }
    if (review_chain_get(req_ctx(req), type, div, &levels, &norm) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:s,s:s,s:s}", "content_type", type, "division", norm, "levels", levels));
}

void api_review_chain_put(http_req *req)
{
    json_t *b = req_json(req);
    const char *division, *levels, *applied, *norm;
    if (!b)
        return;
    if (api_str(req, b, "division", 1, &division) < 0 ||
        api_str(req, b, "levels", 1, &levels) < 0) {
        json_decref(b);
        return;
    }
    if (review_chain_set(req_ctx(req), req_param(req, 0), division, levels) < 0 ||
        review_chain_get(req_ctx(req), req_param(req, 0), division, &applied, &norm) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:s,s:s,s:s}", "content_type", req_param(req, 0), "division", norm,
                            "levels", applied));
    json_decref(b);
}

void api_audit(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 200, &limit, &cursor) < 0)
        return;
    audit_entry *es;
    size_t n;
    if (audit_list(req_ctx(req), req_query(req, "division"), req_query(req, "object_type"),
                   req_query(req, "object_id"), cursor, limit, &es, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, audit_json(&es[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? es[n - 1].id : 0));
}
