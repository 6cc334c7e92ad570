/* api_rewards: the points supermarket (积分超市) under /api/v1: the catalogue with what is left
 * of each item, redemption through the seats writer (the flash-crowd path), a person's
 * redemptions, cancelling one, and staff marking one collected by its code. */
#include <string.h>

#include "mod/rewards/handlers.h"
#include "mod/rewards/rewards.h"

static json_t *item_json(const reward_item *it)
{
    json_t *j =
        json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:s,s:s,s:o}", "id", (json_int_t)it->id,
                  "org_id", (json_int_t)it->org_id, "org_name", it->org_name, "division",
                  it->division, "title", it->title, "description", it->description, "kind",
                  it->kind, "cost", (json_int_t)it->cost, "stock", (json_int_t)it->stock,
                  "remaining", (json_int_t)(it->taken < it->stock ? it->stock - it->taken : 0),
                  "place", it->place, "status", it->status, "created_at", api_time(it->created_at));
    /* a course place: the course its redemption enrols in */
    if (j && it->course_id)
        json_object_set_new(j, "course_id", json_integer(it->course_id));
    /* a priority booking window: the activity it opens early, by how many hours */
    if (j && it->activity_id) {
        json_object_set_new(j, "activity_id", json_integer(it->activity_id));
        json_object_set_new(j, "activity_title", json_string(it->activity_title));
        json_object_set_new(j, "priority_hours", json_integer(it->priority_hours));
    }
    return j;
}

static json_t *redemption_json(const reward_redemption *r)
{
    json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)r->id,
                          "item_id", (json_int_t)r->item_id, "item_title", r->item_title, "place",
                          r->place, "cost", (json_int_t)r->cost, "code", r->code, "status",
                          r->status, "created_at", api_time(r->created_at), "collected_at",
                          r->collected_at ? api_time(r->collected_at) : json_null());
    /* a course place: the place it took */
    if (j && r->enrolment_id)
        json_object_set_new(j, "enrolment_id", json_integer(r->enrolment_id));
    return j;
}

void api_reward_items_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    reward_item *its;
    size_t n;
    if (reward_item_list(req_ctx(req), req_query(req, "division"), cursor, limit, &its, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, item_json(&its[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? its[n - 1].id : 0));
}

void api_reward_item_get(http_req *req)
{
    reward_item it;
    if (reward_item_get(req_ctx(req), req_id(req, 0), &it) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, item_json(&it));
}

void api_reward_item_create(http_req *req)
{
    json_t *b = req_json(req);
    reward_input in = {0};
    int64_t id;
    if (!b)
        return;
    if (api_int(req, b, "org_id", 1, &in.org_id) < 0 ||
        api_str(req, b, "title", 1, &in.title) < 0 ||
        api_str(req, b, "description", 0, &in.description) < 0 ||
        api_str(req, b, "kind", 1, &in.kind) < 0 || api_int(req, b, "cost", 1, &in.cost) < 0 ||
        api_int(req, b, "stock", 1, &in.stock) < 0 || api_str(req, b, "place", 0, &in.place) < 0 ||
        api_int(req, b, "activity_id", 0, &in.activity_id) < 0 ||
        api_int(req, b, "priority_hours", 0, &in.priority_hours) < 0 ||
        api_int(req, b, "course_id", 0, &in.course_id) < 0) {
        json_decref(b);
        return;
    }
    reward_item it;
    if (reward_item_create(req_ctx(req), &in, &id) < 0 ||
        reward_item_get(req_ctx(req), id, &it) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, item_json(&it));
    json_decref(b);
}

/* ---- redemption: the flash-crowd path ---- */

typedef struct api_redeem_job {
    redeem_job job;
    http_req *req;
} api_redeem_job;

/* On the writer thread, once the batch is durable: answer and wake the connection. */
static void redeemed(redeem_job *j)
{
    http_req *req = ((api_redeem_job *)j)->req;
    const redeem_res *r = &j->res;
    req->ctx.err = (wy_error){0};
    if (j->store_rc != WY_OK || r->rc != WY_OK) {
        wy_fail_store(&req->ctx, j->store_rc != WY_OK ? j->store_rc : r->rc, "redemption");
        resp_fail(req);
    } else if (r->outcome != REDEEM_OK) {
        redeem_refuse_res(&req->ctx, r);
        resp_fail(req);
    } else {
        json_t *a = json_pack("{s:I,s:I,s:I,s:s,s:s}", "id", (json_int_t)r->id, "item_id",
                              (json_int_t)j->req.item_id, "cost", (json_int_t)r->cost, "status",
                              "confirmed", "code", r->code);
        /* a course place: the place it took in the course */
        if (a && r->enrolment_id)
            json_object_set_new(a, "enrolment_id", json_integer(r->enrolment_id));
        resp_json(req, r->replay ? 200 : 201, a);
    }
    req_resume(req);
}

void api_reward_redeem(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    api_redeem_job *rj = arena_alloc(&req->a, sizeof(*rj));
    if (!rj) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    memset(rj, 0, sizeof(*rj));
    if (redeem_prepare(ctx, req_id(req, 0), req_header(req, "Idempotency-Key"), &rj->job.req) < 0) {
        resp_fail(req);
        return;
    }
    rj->req = req;
    rj->job.done = redeemed;
    req_suspend(req);
    if (redeem_submit(&rj->job) < 0) { /* the queue is full: say when to come back */
        redeem_busy(&req->ctx);
        resp_fail(req);
        req_resume(req);
    }
}

void api_redemptions_me(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    reward_redemption *rs;
    size_t n;
    if (redemption_mine(req_ctx(req), cursor, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, redemption_json(&rs[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? rs[n - 1].id : 0));
}

void api_redemption_cancel(http_req *req)
{
    reward_redemption r;
    if (redemption_cancel(req_ctx(req), req_id(req, 0), &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, redemption_json(&r));
}

void api_redemption_collect(http_req *req)
{
    json_t *b = req_json(req);
    const char *code;
    if (!b)
        return;
    if (api_str(req, b, "code", 1, &code) < 0) {
        json_decref(b);
        return;
    }
    reward_redemption r;
    if (redemption_collect(req_ctx(req), code, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, redemption_json(&r));
    json_decref(b);
}
