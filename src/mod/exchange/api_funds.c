/* api_funds: an exchange activity's funds and sponsorship, its delegation and its attachments
 * under /api/v1/exchange (calendar.h decides). The people of a delegation are shown to staff
 * over the activity's division only. */
#include "mod/exchange/calendar.h"
#include "mod/exchange/handlers.h"

#include <stdio.h>
#include <string.h>

static json_t *fund_json(const exchange_fund *f)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:I,s:s}", "id", (json_int_t)f->id, "activity_id",
                     (json_int_t)f->activity_id, "kind", f->kind, "sponsor", f->sponsor,
                     "amount_fen", (json_int_t)f->amount_fen, "in_kind", f->in_kind, "value_fen",
                     (json_int_t)f->value_fen, "given_on", f->given_on);
}

/* An optional amount: absent or null is -1; otherwise a whole number from 0. */
static int fen(http_req *req, json_t *b, const char *key, int64_t *out)
{
    json_t *v = json_object_get(b, key);
    *out = -1;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        resp_error(req, 400, "bad_amount", key);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

void api_exchange_funds_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_fund_input in = {0};
    if (api_str(req, b, "kind", 1, &in.kind) < 0 ||
        api_str(req, b, "sponsor", 1, &in.sponsor) < 0 ||
        api_str(req, b, "in_kind", 0, &in.in_kind) < 0 ||
        api_str(req, b, "given_on", 1, &in.given_on) < 0 ||
        fen(req, b, "amount_fen", &in.amount_fen) < 0 ||
        fen(req, b, "value_fen", &in.value_fen) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (exchange_fund_add(req_ctx(req), req_id(req, 0), &in, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

void api_exchange_funds_list(http_req *req)
{
    exchange_fund *fs;
    size_t n;
    int64_t amount, value;
    if (exchange_funds_of(req_ctx(req), req_id(req, 0), &fs, &n, &amount, &value) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, fund_json(&fs[i]));
    resp_json(req, 200,
              json_pack("{s:o,s:{s:I,s:I,s:I}}", "items", arr, "total", "amount_fen",
                        (json_int_t)amount, "value_fen", (json_int_t)value, "total_fen",
                        (json_int_t)(amount + value)));
}

void api_exchange_funds_totals(http_req *req)
{
    exchange_fund_total *ts;
    size_t n;
    if (exchange_fund_totals(req_ctx(req), req_query(req, "division"), req_query(req, "from"),
                             req_query(req, "to"), &ts, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *kinds = json_array();
    int64_t count = 0, amount = 0, value = 0;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(kinds, json_pack("{s:s,s:I,s:I,s:I,s:I}", "kind", ts[i].kind, "count",
                                               (json_int_t)ts[i].count, "amount_fen",
                                               (json_int_t)ts[i].amount_fen, "value_fen",
                                               (json_int_t)ts[i].value_fen, "total_fen",
                                               (json_int_t)(ts[i].amount_fen + ts[i].value_fen)));
        count += ts[i].count;
        amount += ts[i].amount_fen;
        value += ts[i].value_fen;
    }
    resp_json(req, 200,
              json_pack("{s:s,s:s,s:o,s:{s:I,s:I,s:I,s:I}}", "from", req_query(req, "from"), "to",
                        req_query(req, "to"), "kinds", kinds, "total", "count", (json_int_t)count,
                        "amount_fen", (json_int_t)amount, "value_fen", (json_int_t)value,
                        "total_fen", (json_int_t)(amount + value)));
}

void api_exchange_delegation_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *kind, *name, *role, *org;
    if (api_str(req, b, "kind", 1, &kind) < 0 || api_str(req, b, "name", 1, &name) < 0 ||
        api_str(req, b, "role", 0, &role) < 0 || api_str(req, b, "organisation", 0, &org) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (exchange_delegate_add(req_ctx(req), req_id(req, 0), kind, name, role, org, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

void api_exchange_delegation_list(http_req *req)
{
    exchange_delegate *ds;
    size_t n;
    int people;
    if (exchange_delegation(req_ctx(req), req_id(req, 0), &ds, &n, &people) < 0) {
        resp_fail(req);
        return;
    }
    json_t *troupes = json_array(), *persons = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(!strcmp(ds[i].kind, "troupe") ? troupes : persons,
                              json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)ds[i].id, "name",
                                        ds[i].name, "role", ds[i].role, "organisation",
                                        ds[i].organisation));
    json_t *o = json_pack("{s:o}", "troupes", troupes);
    /* people are personal data: the member is absent for anyone but staff over the division */
    if (people)
        json_object_set_new(o, "people", persons);
    else
        json_decref(persons);
    resp_json(req, 200, o);
    if (people) /* personal data read, as the volunteers' records are */
        resp_header(req, "Cache-Control", "private, no-store");
}

static json_t *attachment_json(const char *kind, const attachment *a)
{
    char url[64];
    snprintf(url, sizeof url, "/api/v1/exchange/attachments/%lld", (long long)a->id);
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:o}", "id", (json_int_t)a->id, "kind", kind,
                     "filename", a->filename, "content_type", a->content_type, "bytes",
                     (json_int_t)a->bytes, "url", url, "created_at", api_time(a->created_at));
}

void api_exchange_attachment_add(http_req *req)
{
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    const char *kind = req_query(req, "kind");
    attachment out;
    if (exchange_attachment_add(req_ctx(req), req_id(req, 0), kind, &f, &out) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, attachment_json(kind, &out));
}

void api_exchange_attachments_list(http_req *req)
{
    exchange_attachment *as;
    size_t n;
    if (exchange_attachments(req_ctx(req), req_id(req, 0), &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, attachment_json(as[i].kind, &as[i].a));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_exchange_attachment_get(http_req *req)
{
    attachment a;
    const char *data;
    size_t len;
    if (exchange_attachment_get(req_ctx(req), req_id(req, 0), &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    resp_header(req, "Content-Disposition",
                arena_sprintf(&req->a, "attachment; filename=\"exchange-%lld\"", (long long)a.id));
    resp_header(req, "Cache-Control", "private, max-age=300");
}
