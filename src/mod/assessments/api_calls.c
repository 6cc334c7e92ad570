/* api_calls: calls for recommendations under /api/v1/assessment-calls (calls.h decides). */
#include "mod/assessments/calls.h"
#include "mod/assessments/handlers.h"

#include "util/timeutil.h"

static json_t *call_json(const call_row *k)
{
    return json_pack("{s:I,s:s,s:s,s:i,s:i,s:o,s:s,s:I,s:o,s:o}", "id", (json_int_t)k->id,
                     "division", k->division, "title", k->title, "year", k->year, "quota", k->quota,
                     "deadline", api_time(k->deadline), "status", k->status, "applications",
                     (json_int_t)k->napplications, "created_at", api_time(k->created_at),
                     "announced_at", k->announced_at ? api_time(k->announced_at) : json_null());
}

static json_t *app_json(const call_app_row *p)
{
    return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:o}", "id", (json_int_t)p->id,
                     "call_id", (json_int_t)p->call_id, "venue_id", (json_int_t)p->venue_id,
                     "venue", p->venue_name, "division", p->division, "kind", p->kind, "statement",
                     p->statement, "status", p->status, "visit_on",
                     p->visit_on ? json_string(p->visit_on) : json_null(), "visitors", p->visitors,
                     "created_at", api_time(p->created_at));
}

void api_calls_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    call_row *ks;
    size_t n;
    if (call_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ks, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, call_json(&ks[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ks[n - 1].id : 0));
}

static void send_call(http_req *req, wy_ctx *ctx, int status, int64_t id)
{
    call_row k;
    call_app_row *apps;
    size_t n;
    if (call_get(ctx, id, &k, &apps, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *o = call_json(&k), *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, app_json(&apps[i]));
    json_object_set_new(o, "items", arr);
    resp_json(req, status, o);
}

void api_call_get(http_req *req)
{
    send_call(req, req_ctx(req), 200, req_id(req, 0));
}

/* POST /api/v1/assessment-calls {division, title, year, quota, deadline (RFC 3339)} */
void api_call_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    call_row k = {0};
    const char *deadline;
    int64_t year, quota, id;
    if (api_str(req, b, "division", 1, &k.division) == 0 &&
        api_str(req, b, "title", 1, &k.title) == 0 && api_int(req, b, "year", 1, &year) == 0 &&
        api_int(req, b, "quota", 1, &quota) == 0 &&
        api_str(req, b, "deadline", 1, &deadline) == 0) {
        if (time_parse_rfc3339(deadline, &k.deadline) < 0)
            resp_error(
                req, 400, "bad_deadline",
                req_tr(req, "The deadline is a time in RFC 3339 (2026-06-30T17:00:00+08:00)."));
        else {
            k.year = year < 0 || year > 100000 ? 0 : (int)year;
            k.quota = quota < 0 || quota > 100000 ? 0 : (int)quota;
            wy_ctx *ctx = req_ctx_primary(req);
            if (call_create(ctx, &k, &id) < 0)
                resp_fail(req);
            else
                send_call(req, ctx, 201, id);
        }
    }
    json_decref(b);
}

/* POST /api/v1/assessment-calls/{id}/applications {venue_id, statement?} */
void api_call_apply(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t vid, id;
    const char *statement = NULL;
    if (api_int(req, b, "venue_id", 1, &vid) == 0 &&
        api_str(req, b, "statement", 0, &statement) == 0) {
        wy_ctx *ctx = req_ctx_primary(req);
        if (call_apply(ctx, req_id(req, 0), vid, statement, &id) < 0)
            resp_fail(req);
        else
            send_call(req, ctx, 201, req_id(req, 0));
    }
    json_decref(b);
}

/* POST /api/v1/call-applications/{id}/visit {visit_on, visitors} */
void api_call_visit(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *day, *visitors;
    if (api_str(req, b, "visit_on", 1, &day) == 0 &&
        api_str(req, b, "visitors", 1, &visitors) == 0) {
        if (call_visit(req_ctx_primary(req), req_id(req, 0), day, visitors) < 0)
            resp_fail(req);
        else
            resp_json(req, 200,
                      json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)req_id(req, 0), "status",
                                "visit_scheduled", "visit_on", day, "visitors", visitors));
    }
    json_decref(b);
}

/* POST /api/v1/assessment-calls/{id}/announce {awarded: [application ids]} */
void api_call_announce(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *arr = json_object_get(b, "awarded");
    if (!json_is_array(arr) || json_array_size(arr) > 1000) {
        resp_error(req, 400, "bad_body",
                   req_tr(req, "awarded is an array of the ids of the applications awarded."));
        json_decref(b);
        return;
    }
    size_t n = json_array_size(arr);
    int64_t *ids = arena_alloc(&req->a, (n + 1) * sizeof(*ids));
    for (size_t i = 0; ids && i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_integer(v)) {
            resp_error(req, 400, "bad_body",
                       req_tr(req, "awarded is an array of the ids of the applications awarded."));
            json_decref(b);
            return;
        }
        ids[i] = json_integer_value(v);
    }
    wy_ctx *ctx = req_ctx_primary(req);
    if (!ids || call_announce(ctx, req_id(req, 0), ids, n) < 0)
        resp_fail(req);
    else
        send_call(req, ctx, 200, req_id(req, 0));
    json_decref(b);
}
