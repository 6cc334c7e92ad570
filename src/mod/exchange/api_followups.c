/* api_followups: follow-ups under /api/v1/exchange/followups and the conversion time
 * (followup.h decides who sees what). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mod/exchange/followup.h"
#include "mod/exchange/handlers.h"

/* An optional id in the query string: 0 when absent; -1 with a 400 when not an id. */
int exchange_query_id(http_req *req, const char *name, int64_t *out)
{
    const char *s = req_query(req, name);
    *out = 0;
    if (!s || !*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v <= 0) {
        resp_error(req, 400, arena_sprintf(&req->a, "bad_%s", name),
                   arena_sprintf(&req->a, "%s is an id", name));
        return -1;
    }
    *out = v;
    return 0;
}

/* The public shape; the owner for staff over its division only. */
static json_t *followup_json(const exchange_followup *f, int staff)
{
    json_t *o = json_pack(
        "{s:I,s:s,s:o,s:o,s:{s:I,s:s},s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)f->id,
        "division", f->division, "activity_id",
        f->activity_id ? json_integer(f->activity_id) : json_null(), "agreement_id",
        f->agreement_id ? json_integer(f->agreement_id) : json_null(), "partner", "id",
        (json_int_t)f->partner_id, "name", f->partner_name, "kind", f->kind, "title", f->title,
        "origin_on", f->origin_on, "due_on", f->due_on, "status", f->status, "outcome", f->outcome,
        "outcome_on", f->outcome_on ? json_string(f->outcome_on) : json_null());
    if (o && f->outcome_on && !strcmp(f->status, "done"))
        json_object_set_new(o, "conversion_days",
                            json_integer(exchange_days_between(f->origin_on, f->outcome_on)));
    if (o && staff)
        json_object_set_new(o, "owner", json_string(f->owner));
    return o;
}

void api_exchange_followups_list(http_req *req)
{
    int limit, staff;
    int64_t cursor, activity, agreement, partner;
    if (req_page(req, (int)config_module_int(req_ctx(req)->cfg, "exchange", "page_size"), 100,
                 &limit, &cursor) < 0 ||
        exchange_query_id(req, "activity", &activity) < 0 ||
        exchange_query_id(req, "agreement", &agreement) < 0 ||
        exchange_query_id(req, "partner", &partner) < 0)
        return;
    exchange_followup *fs;
    size_t n;
    if (exchange_followup_list(req_ctx(req), req_query(req, "division"), activity, agreement,
                               partner, req_query(req, "status"), cursor, limit, &fs, &n,
                               &staff) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, followup_json(&fs[i], staff));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? fs[n - 1].id : 0));
}

void api_exchange_followup_get(http_req *req)
{
    exchange_followup f;
    int staff;
    if (exchange_followup_get(req_ctx(req), req_id(req, 0), &f, &staff) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, followup_json(&f, staff));
}

void api_exchange_followup_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_followup_input in = {0};
    int64_t id;
    if (api_int(req, b, "activity_id", 0, &in.activity_id) < 0 ||
        api_int(req, b, "agreement_id", 0, &in.agreement_id) < 0 ||
        api_int(req, b, "partner_id", 0, &in.partner_id) < 0 ||
        api_str(req, b, "kind", 1, &in.kind) < 0 || api_str(req, b, "title", 1, &in.title) < 0 ||
        api_str(req, b, "owner", 0, &in.owner) < 0 ||
        api_str(req, b, "due_on", 1, &in.due_on) < 0) {
        json_decref(b);
        return;
    }
    exchange_followup f;
    int staff;
    if (exchange_followup_create(req_ctx(req), &in, &id) < 0 ||
        exchange_followup_get(req_ctx(req), id, &f, &staff) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, followup_json(&f, staff));
    json_decref(b);
}

void api_exchange_followup_update(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_followup_change ch = {0};
    if (api_str(req, b, "title", 0, &ch.title) < 0 || api_str(req, b, "owner", 0, &ch.owner) < 0 ||
        api_str(req, b, "due_on", 0, &ch.due_on) < 0 ||
        api_str(req, b, "status", 0, &ch.status) < 0 ||
        api_str(req, b, "outcome", 0, &ch.outcome) < 0 ||
        api_str(req, b, "outcome_on", 0, &ch.outcome_on) < 0) {
        json_decref(b);
        return;
    }
    exchange_followup f;
    int staff;
    int64_t id = req_id(req, 0);
    if (exchange_followup_update(req_ctx(req), id, &ch) < 0 ||
        exchange_followup_get(req_ctx(req), id, &f, &staff) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, followup_json(&f, staff));
    json_decref(b);
}

static json_t *days(double v)
{
    return isnan(v) ? json_null() : json_real(round(v * 10) / 10);
}

static json_t *conversion_json(const exchange_conversion *c, const char *key_name)
{
    json_t *o = json_pack("{s:I,s:o,s:o}", "count", (json_int_t)c->count, "mean_days",
                          days(c->mean), "median_days", days(c->median));
    if (o && key_name && !strcmp(key_name, "partner_id")) {
        json_object_set_new(o, "partner_id", json_integer(strtoll(c->key, NULL, 10)));
        json_object_set_new(o, "partner", json_string(c->name ? c->name : ""));
    } else if (o && key_name)
        json_object_set_new(o, key_name, json_string(c->key));
    return o;
}

void api_exchange_conversion(http_req *req)
{
    exchange_conversion all, *kinds, *partners;
    size_t nk, np;
    if (exchange_conversion_report(req_ctx(req), req_query(req, "division"), req_query(req, "from"),
                                   req_query(req, "to"), &all, &kinds, &nk, &partners, &np) < 0) {
        resp_fail(req);
        return;
    }
    json_t *ks = json_array(), *ps = json_array();
    for (size_t i = 0; i < nk; i++)
        json_array_append_new(ks, conversion_json(&kinds[i], "kind"));
    for (size_t i = 0; i < np; i++)
        json_array_append_new(ps, conversion_json(&partners[i], "partner_id"));
    resp_json(req, 200,
              json_pack("{s:o,s:o,s:o}", "all", conversion_json(&all, NULL), "by_kind", ks,
                        "by_partner", ps));
}
