/* api_exchange: partners, agreements, channels and intents of the exchange module under
 * /api/v1/exchange (exchange.h decides; these read the input and shape the answers). */
#include "mod/exchange/exchange.h"
#include "mod/exchange/handlers.h"

#include <string.h>

static int page_size(http_req *req)
{
    return (int)config_module_int(req_ctx(req)->cfg, "exchange", "page_size");
}

/* A member that is an array of strings (at most max), or absent: -1 with a 400 otherwise. */
static int str_array(http_req *req, json_t *b, const char *key, size_t max, const char *const **out,
                     size_t *n)
{
    json_t *v = json_object_get(b, key);
    *out = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v) || json_array_size(v) > max) {
        resp_error(req, 400, "bad_body", key);
        return -1;
    }
    const char **arr = arena_alloc(&req->a, (json_array_size(v) + 1) * sizeof(*arr));
    if (!arr) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        if (!json_is_string(json_array_get(v, i))) {
            resp_error(req, 400, "bad_body", key);
            return -1;
        }
        arr[i] = json_string_value(json_array_get(v, i));
    }
    *out = arr;
    *n = json_array_size(v);
    return 0;
}

/* ",zh,es," as ["zh", "es"] */
static json_t *languages_json(const char *s)
{
    json_t *arr = json_array();
    const char *p = s ? s : "";
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len)
            json_array_append_new(arr, json_stringn(p, len));
        p += len + (e ? 1 : 0);
    }
    return arr;
}

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *agreement_json(const exchange_agreement *g, int owners)
{
    json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:s}", "id", (json_int_t)g->id,
                          "partner_id", (json_int_t)g->partner_id, "division", g->division, "kind",
                          g->kind, "title", g->title, "signed_on", g->signed_on, "renew_on",
                          opt_str(g->renew_on), "scope", g->scope, "obligations", g->obligations);
    /* the answerable owners are for staff over the division */
    if (owners && o) {
        json_object_set_new(o, "owner_ours", json_string(g->owner_ours));
        json_object_set_new(o, "owner_theirs", json_string(g->owner_theirs));
    }
    return o;
}

static json_t *partner_json(const exchange_partner *p, const exchange_agreement *ags, size_t nags,
                            int owners)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < nags; i++)
        if (ags[i].partner_id == p->id)
            json_array_append_new(arr, agreement_json(&ags[i], owners));
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)p->id,
                     "division", p->division, "name", p->name, "name_en", p->name_en, "kind",
                     p->kind, "scope", p->scope, "country", p->country, "city", p->city,
                     "organisation", p->organisation, "languages", languages_json(p->languages),
                     "since", opt_str(p->since), "agreements", arr);
}

void api_exchange_partners_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, page_size(req), 100, &limit, &cursor) < 0)
        return;
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t n, nags;
    int owners;
    if (exchange_partner_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ps, &n,
                              &ags, &nags, &owners) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, partner_json(&ps[i], ags, nags, owners));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ps[n - 1].id : 0));
}

void api_exchange_partner_get(http_req *req)
{
    exchange_partner p;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    if (exchange_partner_get(req_ctx(req), req_id(req, 0), &p, &ags, &nags, &owners) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, partner_json(&p, ags, nags, owners));
}

void api_exchange_partner_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_partner_input in = {0};
    if (api_str(req, b, "division", 1, &in.division) < 0 ||
        api_str(req, b, "name", 1, &in.name) < 0 ||
        api_str(req, b, "name_en", 0, &in.name_en) < 0 ||
        api_str(req, b, "kind", 1, &in.kind) < 0 || api_str(req, b, "scope", 1, &in.scope) < 0 ||
        api_str(req, b, "country", 1, &in.country) < 0 ||
        api_str(req, b, "city", 0, &in.city) < 0 ||
        api_str(req, b, "organisation", 0, &in.organisation) < 0 ||
        api_str(req, b, "since", 0, &in.since) < 0 ||
        str_array(req, b, "languages", 10, &in.languages, &in.nlanguages) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    exchange_partner p;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    if (exchange_partner_create(req_ctx(req), &in, &id) < 0 ||
        exchange_partner_get(req_ctx(req), id, &p, &ags, &nags, &owners) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, partner_json(&p, ags, nags, owners));
    json_decref(b);
}

void api_exchange_agreement_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_agreement_input in = {0};
    if (api_str(req, b, "kind", 1, &in.kind) < 0 || api_str(req, b, "title", 1, &in.title) < 0 ||
        api_str(req, b, "signed_on", 1, &in.signed_on) < 0 ||
        api_str(req, b, "renew_on", 0, &in.renew_on) < 0 ||
        api_str(req, b, "scope", 0, &in.scope) < 0 ||
        api_str(req, b, "obligations", 0, &in.obligations) < 0 ||
        api_str(req, b, "owner_ours", 0, &in.owner_ours) < 0 ||
        api_str(req, b, "owner_theirs", 0, &in.owner_theirs) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (exchange_agreement_create(req_ctx(req), req_id(req, 0), &in, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

static json_t *channel_json(const exchange_channel *ch)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:s,s:s}", "id", (json_int_t)ch->id, "division",
                     ch->division, "name", ch->name, "scope", ch->scope, "sector", ch->sector,
                     "mass_art", ch->mass_art, "established_on", ch->established_on, "note",
                     ch->note);
}

void api_exchange_channels_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, page_size(req), 100, &limit, &cursor) < 0)
        return;
    exchange_channel *cs;
    size_t n;
    if (exchange_channel_list(req_ctx(req), req_query(req, "division"), cursor, limit, &cs, &n) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, channel_json(&cs[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? cs[n - 1].id : 0));
}

void api_exchange_channel_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_channel_input in = {0};
    json_t *mass = json_object_get(b, "mass_art");
    if (mass && !json_is_boolean(mass)) {
        resp_error(req, 400, "bad_body", "mass_art");
        json_decref(b);
        return;
    }
    in.mass_art = mass && json_is_true(mass);
    if (api_str(req, b, "division", 1, &in.division) < 0 ||
        api_str(req, b, "name", 1, &in.name) < 0 || api_str(req, b, "scope", 1, &in.scope) < 0 ||
        api_str(req, b, "sector", 1, &in.sector) < 0 ||
        api_str(req, b, "established_on", 1, &in.established_on) < 0 ||
        api_str(req, b, "note", 0, &in.note) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (exchange_channel_create(req_ctx(req), &in, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}

static json_t *intent_json(const exchange_intent *it)
{
    return json_pack("{s:I,s:s,s:{s:I,s:s,s:s},s:{s:I,s:s},s:s,s:s}", "id", (json_int_t)it->id,
                     "division", it->division, "channel", "id", (json_int_t)it->channel_id, "name",
                     it->channel_name, "sector", it->sector, "partner", "id",
                     (json_int_t)it->partner_id, "name", it->partner_name, "title", it->title,
                     "reached_on", it->reached_on);
}

void api_exchange_intents_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, page_size(req), 100, &limit, &cursor) < 0)
        return;
    exchange_intent *is;
    size_t n;
    if (exchange_intent_list(req_ctx(req), req_query(req, "division"), cursor, limit, &is, &n) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, intent_json(&is[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? is[n - 1].id : 0));
}

void api_exchange_intent_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t channel, partner;
    const char *title, *reached_on;
    if (api_int(req, b, "channel_id", 1, &channel) < 0 ||
        api_int(req, b, "partner_id", 1, &partner) < 0 || api_str(req, b, "title", 1, &title) < 0 ||
        api_str(req, b, "reached_on", 1, &reached_on) < 0) {
        json_decref(b);
        return;
    }
    int64_t id;
    if (exchange_intent_create(req_ctx(req), channel, partner, title, reached_on, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
    json_decref(b);
}
