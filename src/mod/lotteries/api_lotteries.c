/* api_lotteries: the store of draws, published (摇号公示). */
#include <string.h>

#include "core/lottery_record.h"
#include "util/timeutil.h"
#include "mod/lotteries/handlers.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *lottery_json(const lottery_row *r)
{
    json_t *beacon = json_null();
    if (r->beacon_source) {
        char url[512];
        const char *field = NULL;
        int known = lottery_beacon_check(r->beacon_source, (uint64_t)r->beacon_round, url,
                                         sizeof(url), &field) == 0;
        beacon = json_pack("{s:s,s:I,s:o,s:o,s:o,s:o}", "source", r->beacon_source, "round",
                           (json_int_t)r->beacon_round, "due_at", api_time(r->beacon_due_at),
                           "value", str_or_null(r->beacon_value), "check_url",
                           known ? json_string(url) : json_null(), "check_field",
                           known ? json_string(field) : json_null());
    }
    int committed = strcmp(r->status, "open") != 0, drawn = !strcmp(r->status, "drawn");
    char inputs[96], file[96];
    snprintf(inputs, sizeof(inputs), "/api/v1/lotteries/%lld/inputs.json", (long long)r->id);
    snprintf(file, sizeof(file), "/api/v1/lotteries/%lld/draw.json", (long long)r->id);
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id",
                     (json_int_t)r->id, "status", r->status, "title", r->title, "owner_type",
                     r->owner_type, "owner_id", (json_int_t)r->owner_id, "division", r->division,
                     "algorithm", r->algorithm, "commitment", str_or_null(r->commitment), "beacon",
                     beacon, "seed", str_or_null(r->seed), "committed_at",
                     r->committed_at ? api_time(r->committed_at) : json_null(), "drawn_at",
                     r->drawn_at ? api_time(r->drawn_at) : json_null(), "inputs_url",
                     committed ? json_string(inputs) : json_null(), "draw_url",
                     drawn ? json_string(file) : json_null(), "page_url",
                     json_sprintf("/lotteries/%lld", (long long)r->id));
}

void api_lotteries_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    lottery_row *rows;
    size_t n;
    if (lottery_record_list(req_ctx(req), req_query(req, "division"), cursor, limit, &rows, &n) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, lottery_json(&rows[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? rows[n - 1].id : 0));
}

void api_lottery_get(http_req *req)
{
    lottery_row r;
    if (lottery_record_get(req_ctx(req), req_id(req, 0), &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, lottery_json(&r));
}

/* The published bytes, exactly as kept. */
static void published(http_req *req, int (*get)(wy_ctx *, int64_t, const char **, size_t *))
{
    const char *text;
    size_t len;
    if (get(req_ctx(req), req_id(req, 0), &text, &len) < 0)
        resp_fail(req);
    else
        resp_text(req, 200, "application/json; charset=utf-8", text, len);
}

void api_lottery_inputs(http_req *req)
{
    published(req, lottery_record_inputs);
}

void api_lottery_draw_file(http_req *req)
{
    published(req, lottery_record_file);
}

void api_lottery_commit(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *source = NULL, *at_text = NULL;
    int64_t at = 0;
    if (api_str(req, b, "beacon_source", 0, &source) < 0 ||
        api_str(req, b, "draw_at", 0, &at_text) < 0) {
        json_decref(b);
        return;
    }
    if (at_text && time_parse_rfc3339(at_text, &at) < 0) {
        json_decref(b);
        resp_error(req, 400, "bad_time",
                   req_tr(req, "draw_at is an RFC 3339 time with its offset."));
        return;
    }
    lottery_row r;
    if (lottery_record_commit(req_ctx(req), req_id(req, 0), source, at, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, lottery_json(&r));
    json_decref(b);
}

void api_lottery_draw(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *value;
    if (api_str(req, b, "beacon_value", 1, &value) < 0) {
        json_decref(b);
        return;
    }
    lottery_row r;
    if (lottery_record_draw(req_ctx(req), req_id(req, 0), value, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, lottery_json(&r));
    json_decref(b);
}

/* ---- corrections ---- */

/* A correction as published; who proposed and decided it only for the lottery's staff. */
static json_t *correction_json(const lottery_correction_row *c, int staff)
{
    json_t *o = json_pack("{s:I,s:I,s:s,s:o,s:s,s:s,s:o,s:o}", "id", (json_int_t)c->id,
                          "lottery_id", (json_int_t)c->lottery_id, "action", c->action, "applicant",
                          *c->applicant ? json_string(c->applicant) : json_null(), "reason",
                          c->reason, "status", c->status, "proposed_at", api_time(c->proposed_at),
                          "decided_at", c->decided_at ? api_time(c->decided_at) : json_null());
    if (o && staff) {
        json_object_set_new(o, "proposed_by", json_integer(c->proposed_by));
        json_object_set_new(o, "decided_by",
                            c->decided_by ? json_integer(c->decided_by) : json_null());
    }
    return o;
}

void api_lottery_corrections(http_req *req)
{
    lottery_correction_row *rows;
    size_t n;
    int all = 0;
    if (lottery_correction_list(req_ctx(req), req_id(req, 0), &rows, &n, &all) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, correction_json(&rows[i], all));
    resp_json(req, 200, json_pack("{s:o,s:b}", "items", arr, "all", all));
}

void api_lottery_correction_propose(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *action, *applicant = NULL, *reason;
    if (api_str(req, b, "action", 1, &action) < 0 ||
        api_str(req, b, "applicant", 0, &applicant) < 0 ||
        api_str(req, b, "reason", 1, &reason) < 0) {
        json_decref(b);
        return;
    }
    lottery_correction_row c;
    if (lottery_correction_propose(req_ctx(req), req_id(req, 0), action, applicant, reason, &c) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, correction_json(&c, 1));
    json_decref(b);
}

static void decide(http_req *req, int apply)
{
    lottery_correction_row c;
    if (lottery_correction_decide(req_ctx(req), req_id(req, 0), apply, &c) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, correction_json(&c, 1));
}

void api_lottery_correction_apply(http_req *req)
{
    decide(req, 1);
}

void api_lottery_correction_cancel(http_req *req)
{
    decide(req, 0);
}
