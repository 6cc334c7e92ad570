/* api_edit: PATCH of partners, agreements, channels and intents, DELETE of a channel or an
 * intent written by mistake (calendar.h decides). A member absent is left as it is; null
 * clears an optional date (since, renew_on). */
#include "mod/exchange/calendar.h"
#include "mod/exchange/handlers.h"

#include <string.h>

/* An optional date member: absent NULL, null "" (clear it), else the string. */
static int opt_date(http_req *req, json_t *b, const char *key, const char **out)
{
    json_t *v = json_object_get(b, key);
    if (v && json_is_null(v)) {
        *out = "";
        return 0;
    }
    if (api_str(req, b, key, 0, out) < 0)
        return -1;
    if (*out && !**out) { /* "" is not a date; null clears */
        resp_error(req, 400, "bad_date", key);
        return -1;
    }
    return 0;
}

#define patch_body api_exchange_patch_body /* api_amend.c */
#define done       api_exchange_done

void api_exchange_partner_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_partner_input in = {0};
    json_t *langs = json_object_get(b, "languages");
    const char **codes = NULL;
    if (langs) {
        if (!json_is_array(langs) || json_array_size(langs) > 10) {
            resp_error(req, 400, "bad_languages", "languages is a list of at most 10 codes");
            json_decref(b);
            return;
        }
        codes = arena_alloc(&req->a, (json_array_size(langs) + 1) * sizeof(*codes));
        for (size_t i = 0; codes && i < json_array_size(langs); i++) {
            if (!json_is_string(json_array_get(langs, i))) {
                resp_error(req, 400, "bad_languages", "languages is a list of codes");
                json_decref(b);
                return;
            }
            codes[i] = json_string_value(json_array_get(langs, i));
        }
        if (!codes) {
            resp_error(req, 503, "request_too_large", "out of memory");
            json_decref(b);
            return;
        }
        in.languages = codes;
        in.nlanguages = json_array_size(langs);
    }
    if (api_str(req, b, "name", 0, &in.name) < 0 ||
        api_str(req, b, "name_en", 0, &in.name_en) < 0 ||
        api_str(req, b, "kind", 0, &in.kind) < 0 || api_str(req, b, "scope", 0, &in.scope) < 0 ||
        api_str(req, b, "country", 0, &in.country) < 0 ||
        api_str(req, b, "city", 0, &in.city) < 0 ||
        api_str(req, b, "organisation", 0, &in.organisation) < 0 ||
        opt_date(req, b, "since", &in.since) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_partner_change(req_ctx(req), id, &in, langs != NULL), id);
    json_decref(b);
}

void api_exchange_agreement_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_agreement_input in = {0};
    if (api_str(req, b, "kind", 0, &in.kind) < 0 || api_str(req, b, "title", 0, &in.title) < 0 ||
        api_str(req, b, "signed_on", 0, &in.signed_on) < 0 ||
        opt_date(req, b, "renew_on", &in.renew_on) < 0 ||
        api_str(req, b, "scope", 0, &in.scope) < 0 ||
        api_str(req, b, "obligations", 0, &in.obligations) < 0 ||
        api_str(req, b, "owner_ours", 0, &in.owner_ours) < 0 ||
        api_str(req, b, "owner_theirs", 0, &in.owner_theirs) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_agreement_change(req_ctx(req), id, &in), id);
    json_decref(b);
}

void api_exchange_channel_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    exchange_channel_input in = {.mass_art = -1};
    json_t *mass = json_object_get(b, "mass_art");
    if (mass && !json_is_boolean(mass)) {
        resp_error(req, 400, "bad_body", "mass_art");
        json_decref(b);
        return;
    }
    if (mass)
        in.mass_art = json_is_true(mass);
    if (api_str(req, b, "name", 0, &in.name) < 0 || api_str(req, b, "scope", 0, &in.scope) < 0 ||
        api_str(req, b, "sector", 0, &in.sector) < 0 ||
        api_str(req, b, "established_on", 0, &in.established_on) < 0 ||
        api_str(req, b, "note", 0, &in.note) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_channel_change(req_ctx(req), id, &in), id);
    json_decref(b);
}

void api_exchange_intent_patch(http_req *req)
{
    json_t *b = patch_body(req);
    if (!b)
        return;
    int64_t channel = 0, partner = 0;
    const char *title = NULL, *reached_on = NULL;
    if (api_int(req, b, "channel_id", 0, &channel) < 0 ||
        api_int(req, b, "partner_id", 0, &partner) < 0 || api_str(req, b, "title", 0, &title) < 0 ||
        api_str(req, b, "reached_on", 0, &reached_on) < 0) {
        json_decref(b);
        return;
    }
    if ((json_object_get(b, "channel_id") && channel <= 0) ||
        (json_object_get(b, "partner_id") && partner <= 0)) {
        resp_error(req, 400, "bad_body", "channel_id and partner_id are ids");
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    done(req, exchange_intent_change(req_ctx(req), id, channel, partner, title, reached_on), id);
    json_decref(b);
}

void api_exchange_channel_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_channel_delete);
}

void api_exchange_intent_delete(http_req *req)
{
    api_exchange_by_id(req, exchange_intent_delete);
}
