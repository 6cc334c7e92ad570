/* api_amend: the later changes and deletions of the exchange module's records and the
 * agreements' annual programmes under /api/v1/exchange (amend.h decides). A PATCH changes the
 * members given and leaves the others; an empty body is 400 bad_body. */
#include "mod/exchange/amend.h"
#include "mod/exchange/exchange_revision.h"
#include "mod/exchange/handlers.h"

#include <stdlib.h>
#include <string.h>

json_t *api_exchange_patch_body(http_req *req)
{
    json_t *b = req_json(req);
    if (b && (!json_is_object(b) || json_object_size(b) == 0)) {
        resp_error(req, 400, "bad_body", "name at least one field to change");
        json_decref(b);
        return NULL;
    }
    return b;
}

void api_exchange_done(http_req *req, int rc, int64_t id)
{
    if (rc < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_exchange_by_id(http_req *req, int (*fn)(wy_ctx *ctx, int64_t id))
{
    int64_t id = req_id(req, 0);
    api_exchange_done(req, fn(req_ctx(req), id), id);
}

#define patch_body api_exchange_patch_body
#define done       api_exchange_done

/* An optional id member: absent -1, null 0, else a positive id (400 otherwise). */
static int opt_id(http_req *req, json_t *b, const char *key, int64_t *out)
{
    json_t *v = json_object_get(b, key);
    *out = -1;
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = 0;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        resp_error(req, 400, "bad_body", key);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

/* An optional whole number from 0: absent or null -1. */
static int opt_count(http_req *req, json_t *b, const char *key, const char *code, int64_t *out)
{
    json_t *v = json_object_get(b, key);
    *out = -1;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        resp_error(req, 400, code, key);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

/* A list of at most max positive ids, when the member is there (*given). */
static int id_list(http_req *req, json_t *b, const char *key, size_t max, const int64_t **out,
                   size_t *n, int *given)
{
    json_t *ps = json_object_get(b, key);
    *given = 0;
    *out = NULL;
    *n = 0;
    if (!ps)
        return 0;
    if (!json_is_array(ps) || json_array_size(ps) > max) {
        resp_error(req, 400, "bad_partners", "partners is a list of at most 20 ids");
        return -1;
    }
    int64_t *ids = arena_alloc(&req->a, (json_array_size(ps) + 1) * sizeof(*ids));
    if (!ids) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(ps); i++) {
        json_t *v = json_array_get(ps, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            resp_error(req, 400, "bad_partners", "partners is a list of at most 20 ids");
            return -1;
        }
        ids[i] = json_integer_value(v);
    }
    *out = ids;
    *n = json_array_size(ps);
    *given = 1;
    return 0;
}

typedef int (*pending_fn)(wy_ctx *ctx, int64_t id, revision *out, int64_t *review_id);

/* A kept revision's value of field name as the API gives it: an id or null (channel_id), a
 * list (partners, stops), else a text. */
static json_t *value_json(const char *name, const char *v)
{
    if (!v)
        return json_null();
    if (!strcmp(name, "channel_id"))
        return json_integer(strtoll(v, NULL, 10));
    if (!strcmp(name, "partners") || !strcmp(name, "stops")) {
        json_t *j = json_loads(v, 0, NULL);
        return j ? j : json_null();
    }
    return json_string(v);
}

/* {"pending_revision": the pending revision of record id, or null}; NULL after an error. */
static json_t *pending_json(http_req *req, int64_t id, pending_fn pending,
                            const char *const *fields)
{
    revision r;
    int64_t review_id = 0;
    int has = pending(req_ctx(req), id, &r, &review_id);
    if (has < 0)
        return NULL;
    if (!has)
        return json_pack("{s:I,s:n}", "id", (json_int_t)id, "pending_revision");
    json_t *changes = json_object();
    for (int i = 0; fields[i]; i++)
        if (r.fields & (1u << i))
            json_object_set_new(changes, fields[i], value_json(fields[i], r.values[i]));
    return json_pack("{s:I,s:{s:I,s:o,s:s,s:I,s:o,s:o}}", "id", (json_int_t)id, "pending_revision",
                     "id", (json_int_t)r.id, "review_id",
                     review_id ? json_integer(review_id) : json_null(), "status", r.status,
                     "created_by", (json_int_t)r.created_by, "created_at", api_time(r.created_at),
                     "changes", changes);
}

/* The answer of a PATCH: 200 {"id"} for a change made, 202 with the pending revision for one
 * waiting for review (rc 1). */
static void changed(http_req *req, int rc, int64_t id, pending_fn pending,
                    const char *const *fields)
{
    if (rc <= 0) {
        done(req, rc, id);
        return;
    }
    json_t *j = pending_json(req, id, pending, fields);
    if (!j)
        resp_fail(req);
    else
        resp_json(req, 202, j);
}

static void revision_answer(http_req *req, pending_fn pending, const char *const *fields)
{
    json_t *j = pending_json(req, req_id(req, 0), pending, fields);
    if (!j)
        resp_fail(req);
    else
        resp_json(req, 200, j);
}

void api_exchange_activity_revision(http_req *req)
{
    revision_answer(req, exchange_activity_revision_pending, exchange_activity_revision_fields);
}

void api_exchange_plan_revision(http_req *req)
{
    revision_answer(req, exchange_plan_revision_pending, exchange_plan_revision_fields);
}

static void withdrawn(http_req *req, int rc, int64_t revision_id)
{
    if (rc < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:s}", "id", (json_int_t)revision_id, "status", "rejected"));
}

void api_exchange_activity_revision_withdraw(http_req *req)
{
    int64_t rid = 0;
    int rc = exchange_activity_revision_withdraw(req_ctx(req), req_id(req, 0), &rid);
    withdrawn(req, rc, rid);
}

void api_exchange_plan_revision_withdraw(http_req *req)
{
    int64_t rid = 0;
    int rc = exchange_plan_revision_withdraw(req_ctx(req), req_id(req, 0), &rid);
    withdrawn(req, rc, rid);
}

void api_exchange_partner_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_partner_delete);
}

void api_exchange_agreement_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_agreement_delete);
}

void api_exchange_activity_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_activity_change_input in = {0};
    exchange_activity_input lists = {0};
    json_t *ps = json_object_get(b, "partners"), *ss = json_object_get(b, "stops");
    if ((ps && !json_is_array(ps)) || (ss && !json_is_array(ss))) {
        resp_error(req, 400, "bad_body", "partners and stops are lists");
        json_decref(b);
        return;
    }
    if (api_str(req, b, "title", 0, &in.title) < 0 ||
        api_str(req, b, "title_en", 0, &in.title_en) < 0 ||
        api_str(req, b, "summary", 0, &in.summary) < 0 ||
        api_str(req, b, "summary_en", 0, &in.summary_en) < 0 ||
        api_str(req, b, "kind", 0, &in.kind) < 0 || api_str(req, b, "scope", 0, &in.scope) < 0 ||
        api_str(req, b, "starts_on", 0, &in.starts_on) < 0 ||
        api_str(req, b, "ends_on", 0, &in.ends_on) < 0 ||
        opt_id(req, b, "channel_id", &in.channel_id) < 0 ||
        api_exchange_activity_lists(req, b, &lists) < 0) {
        json_decref(b);
        return;
    }
    in.partners_given = ps != NULL;
    in.partners = lists.partners;
    in.npartners = lists.npartners;
    in.stops_given = ss != NULL;
    in.stops = lists.stops;
    in.nstops = lists.nstops;
    int64_t id = req_id(req, 0);
    changed(req, exchange_activity_change(req_ctx(req), id, &in), id,
            exchange_activity_revision_pending, exchange_activity_revision_fields);
    json_decref(b);
}

void api_exchange_plan_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_plan_input in = {0};
    int given;
    if (api_str(req, b, "unit", 0, &in.unit) < 0 || api_str(req, b, "title", 0, &in.title) < 0 ||
        api_str(req, b, "kind", 0, &in.kind) < 0 ||
        api_str(req, b, "starts_on", 0, &in.starts_on) < 0 ||
        api_str(req, b, "ends_on", 0, &in.ends_on) < 0 ||
        api_str(req, b, "note", 0, &in.note) < 0 ||
        id_list(req, b, "partners", EXCHANGE_PLAN_MAX_PARTNERS, &in.partners, &in.npartners,
                &given) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    changed(req, exchange_plan_change(req_ctx(req), id, &in, given), id,
            exchange_plan_revision_pending, exchange_plan_revision_fields);
    json_decref(b);
}

void api_exchange_plan_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_plan_withdraw);
}

void api_exchange_fund_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_fund_input in = {0};
    if (api_str(req, b, "kind", 0, &in.kind) < 0 ||
        api_str(req, b, "sponsor", 0, &in.sponsor) < 0 ||
        api_str(req, b, "in_kind", 0, &in.in_kind) < 0 ||
        api_str(req, b, "given_on", 0, &in.given_on) < 0 ||
        opt_count(req, b, "amount_fen", "bad_amount", &in.amount_fen) < 0 ||
        opt_count(req, b, "value_fen", "bad_amount", &in.value_fen) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_fund_change(req_ctx(req), id, &in), id);
    json_decref(b);
}

void api_exchange_fund_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_fund_delete);
}

void api_exchange_delegate_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    const char *kind = NULL, *name = NULL, *role = NULL, *org = NULL;
    if (api_str(req, b, "kind", 0, &kind) < 0 || api_str(req, b, "name", 0, &name) < 0 ||
        api_str(req, b, "role", 0, &role) < 0 || api_str(req, b, "organisation", 0, &org) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_delegate_change(req_ctx(req), id, kind, name, role, org), id);
    json_decref(b);
}

void api_exchange_delegate_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_delegate_delete);
}

void api_exchange_attachment_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_attachment_delete);
}

void api_exchange_lesson_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    const char *title = NULL, *body = NULL;
    json_t *tags = json_object_get(b, "tags");
    const char **ts = NULL;
    size_t nt = 0;
    if (tags) {
        if (!json_is_array(tags) || json_array_size(tags) > 10) {
            resp_error(req, 400, "bad_tags", "tags is a list of at most 10 texts");
            json_decref(b);
            return;
        }
        nt = json_array_size(tags);
        ts = arena_alloc(&req->a, (nt + 1) * sizeof(*ts));
        for (size_t i = 0; ts && i < nt; i++) {
            if (!json_is_string(json_array_get(tags, i))) {
                resp_error(req, 400, "bad_tags", "tags is a list of texts");
                json_decref(b);
                return;
            }
            ts[i] = json_string_value(json_array_get(tags, i));
        }
        if (!ts) {
            resp_error(req, 503, "request_too_large", "out of memory");
            json_decref(b);
            return;
        }
    }
    if (api_str(req, b, "title", 0, &title) < 0 || api_str(req, b, "body", 0, &body) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_lesson_change(req_ctx(req), id, title, body, ts, nt, tags != NULL), id);
    json_decref(b);
}

void api_exchange_lesson_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_lesson_delete);
}

void api_exchange_measure_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_measure_delete);
}

void api_exchange_evaluation_reopen(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *reason = NULL;
    if (api_str(req, b, "reason", 1, &reason) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    if (exchange_evaluation_reopen(req_ctx(req), id, reason) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:b}", "activity_id", (json_int_t)id, "closed", 0));
    json_decref(b);
}

static json_t *item_json(const exchange_programme_item *it, int owners)
{
    json_t *o =
        json_pack("{s:I,s:I,s:s,s:i,s:i,s:s,s:s,s:o}", "id", (json_int_t)it->id, "agreement_id",
                  (json_int_t)it->agreement_id, "division", it->division, "year", it->year, "month",
                  it->month, "title", it->title, "status", it->status, "activity_id",
                  it->activity_id ? json_integer((json_int_t)it->activity_id) : json_null());
    if (o && owners)
        json_object_set_new(o, "owner", json_string(it->owner));
    return o;
}

/* year, month: an optional integer member, 0 when absent (400 when not an integer). */
static int opt_small(http_req *req, json_t *b, const char *key, const char *code, int *out)
{
    json_t *v = json_object_get(b, key);
    *out = 0;
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 9999) {
        resp_error(req, 400, code, key);
        return -1;
    }
    *out = (int)json_integer_value(v);
    return 0;
}

static int programme_input(http_req *req, json_t *b, exchange_programme_input *in)
{
    return opt_small(req, b, "year", "bad_year", &in->year) < 0 ||
                   opt_small(req, b, "month", "bad_month", &in->month) < 0 ||
                   api_str(req, b, "title", 0, &in->title) < 0 ||
                   api_str(req, b, "owner", 0, &in->owner) < 0 ||
                   api_str(req, b, "status", 0, &in->status) < 0 ||
                   opt_id(req, b, "activity_id", &in->activity_id) < 0
               ? -1
               : 0;
}

void api_exchange_programme_list(http_req *req)
{
    const char *y = req_query(req, "year");
    int year = 0;
    if (y && *y) {
        char *end;
        long v = strtol(y, &end, 10);
        if (*end || v < 2000 || v > 2100) {
            resp_error(req, 400, "bad_year", "year is from 2000 to 2100");
            return;
        }
        year = (int)v;
    }
    exchange_programme_item *its;
    size_t n;
    int owners;
    if (exchange_programme_of(req_ctx(req), req_id(req, 0), year, &its, &n, &owners) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, item_json(&its[i], owners));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_exchange_programme_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_programme_input in = {0};
    if (programme_input(req, b, &in) < 0) {
        json_decref(b);
        return;
    }
    if (!in.year || !in.month || !in.title) {
        resp_error(req, 400, "bad_body", "year, month and title are required");
        json_decref(b);
        return;
    }
    int64_t id;
    if (exchange_programme_add(req_ctx(req), req_id(req, 0), &in, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

void api_exchange_programme_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_programme_input in = {0};
    if (programme_input(req, b, &in) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_programme_change(req_ctx(req), id, &in), id);
    json_decref(b);
}

void api_exchange_programme_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_programme_delete);
}
