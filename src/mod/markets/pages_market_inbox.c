/*
 * pages_market_inbox: what the inbox (mod/inbox) says of a stall-holder's notifications
 * (market_notify.c), in the reader's language, from the notification's snapshot and params;
 * and the fields the kinds add to GET /api/v1/me/notifications. The descriptor (module.c)
 * lends both to the inbox with the kinds.
 */
#include <jansson.h>
#include <string.h>

#include "mod/markets/handlers.h"
#include "mod/markets/market.h"
#include "mod/markets/pages_markets.h"
#include "util/timeutil.h"

/* "2026-11-22 14:30" of an RFC 3339 time in params (local time: the city's offset). */
static const char *local_time(http_req *req, json_t *p, const char *key)
{
    const char *s = json_string_value(json_object_get(p, key));
    int64_t ms = 0;
    if (!s || time_parse_rfc3339(s, &ms) < 0)
        return "?";
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM */
    buf[10] = ' ';
    return arena_strdup(&req->a, buf);
}

const char *web_market_note_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *market = json_string_value(json_object_get(p, "market"));
    const char *cat = json_string_value(json_object_get(p, "category"));
    const char *stall = json_string_value(json_object_get(p, "stall"));
    json_int_t position = json_integer_value(json_object_get(p, "position"));
    market = market ? market : n->title ? n->title : "?";
    const char *category = cat ? market_category_label(req, cat) : "?";
    const char *k = n->kind;
    const char *t;
    if (!strcmp(k, market_kind_accepted.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "Your stall application to “%s” (%s) is accepted. Confirm "
                                      "your place before %s."),
                          market, category, local_time(req, p, "confirm_by"));
    else if (!strcmp(k, market_kind_reserve.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "Your stall application to “%s” (%s) is number %lld on the "
                                      "reserve list."),
                          market, category, (long long)position);
    else if (!strcmp(k, market_kind_declined.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "Your stall application to “%s” (%s) is not accepted."),
                          market, category);
    else if (!strcmp(k, market_kind_promoted.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "A place at “%s” (%s) has come free and is yours now. "
                                      "Confirm it before %s."),
                          market, category, local_time(req, p, "confirm_by"));
    else if (!strcmp(k, market_kind_lapsed.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "Your place at “%s” lapsed: it was not confirmed in time."),
                          market);
    else if (!strcmp(k, market_kind_stall.name))
        t = arena_sprintf(&req->a, req_tr(req, "Your stall at “%s” is number %s."), market,
                          stall ? stall : "?");
    else if (stall)
        t = arena_sprintf(&req->a, req_tr(req, "“%s” starts at %s. Your stall is number %s."),
                          market, local_time(req, p, "starts_at"), stall);
    else
        t = arena_sprintf(&req->a, req_tr(req, "“%s” starts at %s."), market,
                          local_time(req, p, "starts_at"));
    json_decref(p);
    return t;
}

void api_market_note_json(const notification *n, json_t *item)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    static const char *const keys[] = {"market_id", "application_id", "category",
                                       "position",  "confirm_by",     "stall"};
    for (size_t i = 0; p && i < sizeof(keys) / sizeof(keys[0]); i++) {
        json_t *v = json_object_get(p, keys[i]);
        if (v)
            json_object_set(item, keys[i], v);
    }
    json_decref(p);
}
