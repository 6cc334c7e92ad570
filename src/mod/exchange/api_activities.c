/* api_activities: exchange activities under /api/v1/exchange/activities: the public query,
 * writing, submission to review and the figures recorded afterwards (exchange_activity.h). */
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/handlers.h"

#include <stdlib.h>
#include <string.h>

static json_t *opt_int(int64_t v)
{
    return v < 0 ? json_null() : json_integer((json_int_t)v);
}

/* The public shape: counts and places, no person (the author is not shown). */
static json_t *activity_json(const exchange_activity_full *f)
{
    const exchange_activity *x = &f->a;
    json_t *partners = json_array(), *stops = json_array();
    for (size_t i = 0; i < f->npartners; i++)
        json_array_append_new(
            partners, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)f->partners[i].partner_id,
                                "name", f->partners[i].name, "name_en", f->partners[i].name_en,
                                "country", f->partners[i].country));
    for (size_t i = 0; i < f->nstops; i++) {
        const exchange_stop *s = &f->stops[i];
        json_array_append_new(stops,
                              json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:o,s:o}", "seq", s->seq,
                                        "place", s->place, "city", s->city, "country", s->country,
                                        "starts_on", s->starts_on, "ends_on", s->ends_on, "shows",
                                        (json_int_t)s->shows, "audience", (json_int_t)s->audience,
                                        "lat", exchange_stop_coordinate(s, s->lat), "lon",
                                        exchange_stop_coordinate(s, s->lon)));
    }
    json_t *channel = x->channel_id ? json_pack("{s:I,s:s}", "id", (json_int_t)x->channel_id,
                                                "name", x->channel_name)
                                    : json_null();
    json_t *o =
        json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:o,s:o}", "id",
                  (json_int_t)x->id, "division", x->division, "title", x->title, "title_en",
                  x->title_en, "summary", x->summary, "summary_en", x->summary_en, "kind", x->kind,
                  "scope", x->scope, "channel", channel, "starts_on", x->starts_on, "ends_on",
                  x->ends_on, "status", x->status, "partners", partners, "stops", stops);
    if (!o)
        return NULL;
    json_object_set_new(o, "participants", opt_int(x->participants));
    json_object_set_new(o, "audience", opt_int(x->audience));
    json_object_set_new(o, "media_reports", opt_int(x->media_reports));
    json_object_set_new(o, "online_reach", opt_int(x->online_reach));
    json_object_set_new(o, "new_followers", opt_int(x->new_followers));
    json_object_set_new(o, "published_at",
                        x->published_at ? api_time(x->published_at) : json_null());
    return o;
}

void api_exchange_activities_list(http_req *req)
{
    int limit;
    int64_t cursor, partner = 0;
    if (req_page(req, (int)config_module_int(req_ctx(req)->cfg, "exchange", "page_size"), 100,
                 &limit, &cursor) < 0)
        return;
    const char *p = req_query(req, "partner");
    if (p && *p) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (*end || v <= 0) {
            resp_error(req, 400, "bad_partner", "partner is a partner's id");
            return;
        }
        partner = v;
    }
    exchange_activity_full *xs;
    size_t n;
    if (exchange_activity_search(req_ctx(req), req_query(req, "division"), req_query(req, "q"),
                                 partner, req_query(req, "kind"), cursor, limit, &xs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, activity_json(&xs[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? xs[n - 1].a.id : 0));
}

void api_exchange_activity_get(http_req *req)
{
    exchange_activity_full f;
    if (exchange_activity_get(req_ctx(req), req_id(req, 0), &f) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, activity_json(&f));
}

/* An optional figure: absent or null is -1. */
static int figure(http_req *req, json_t *b, const char *key, int64_t *out)
{
    json_t *v = json_object_get(b, key);
    *out = -1;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        resp_error(req, 400, "bad_figure", key);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

static int figures(http_req *req, json_t *b, int64_t *p, int64_t *a, int64_t *m, int64_t *o,
                   int64_t *f)
{
    return figure(req, b, "participants", p) < 0 || figure(req, b, "audience", a) < 0 ||
                   figure(req, b, "media_reports", m) < 0 ||
                   figure(req, b, "online_reach", o) < 0 || figure(req, b, "new_followers", f) < 0
               ? -1
               : 0;
}

static const char *member_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* partners: [id, ...]; stops: [{place, city, country, starts_on, ends_on, shows, audience,
 * lat, lon}] */
int api_exchange_activity_lists(http_req *req, json_t *b, exchange_activity_input *in)
{
    json_t *ps = json_object_get(b, "partners"), *ss = json_object_get(b, "stops");
    if (ps && !json_is_null(ps)) {
        if (!json_is_array(ps) || json_array_size(ps) > EXCHANGE_MAX_PARTNERS) {
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
        in->partners = ids;
        in->npartners = json_array_size(ps);
    }
    if (ss && !json_is_null(ss)) {
        if (!json_is_array(ss) || json_array_size(ss) > EXCHANGE_MAX_STOPS) {
            resp_error(req, 400, "bad_stops", "stops is a list of at most 100 stops");
            return -1;
        }
        exchange_stop *stops = arena_alloc(&req->a, (json_array_size(ss) + 1) * sizeof(*stops));
        if (!stops) {
            resp_error(req, 503, "request_too_large", "out of memory");
            return -1;
        }
        for (size_t i = 0; i < json_array_size(ss); i++) {
            json_t *s = json_array_get(ss, i), *shows, *aud;
            if (!json_is_object(s)) {
                resp_error(req, 400, "bad_stops", "a stop is an object");
                return -1;
            }
            shows = json_object_get(s, "shows");
            aud = json_object_get(s, "audience");
            if ((shows && !json_is_integer(shows)) || (aud && !json_is_integer(aud))) {
                resp_error(req, 400, "bad_stops", "a stop's shows and audience are integers");
                return -1;
            }
            stops[i] = (exchange_stop){.place = member_str(s, "place"),
                                       .city = member_str(s, "city"),
                                       .country = member_str(s, "country"),
                                       .starts_on = member_str(s, "starts_on"),
                                       .ends_on = member_str(s, "ends_on"),
                                       .shows = shows ? json_integer_value(shows) : 0,
                                       .audience = aud ? json_integer_value(aud) : 0};
            exchange_stop_coordinates(s, &stops[i]);
        }
        in->stops = stops;
        in->nstops = json_array_size(ss);
    }
    return 0;
}

void api_exchange_activity_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_activity_input in = {0};
    int64_t id;
    if (api_str(req, b, "division", 1, &in.division) < 0 ||
        api_str(req, b, "title", 1, &in.title) < 0 ||
        api_str(req, b, "title_en", 0, &in.title_en) < 0 ||
        api_str(req, b, "summary", 0, &in.summary) < 0 ||
        api_str(req, b, "summary_en", 0, &in.summary_en) < 0 ||
        api_str(req, b, "kind", 1, &in.kind) < 0 || api_str(req, b, "scope", 1, &in.scope) < 0 ||
        api_int(req, b, "channel_id", 0, &in.channel_id) < 0 ||
        api_str(req, b, "starts_on", 1, &in.starts_on) < 0 ||
        api_str(req, b, "ends_on", 1, &in.ends_on) < 0 ||
        figures(req, b, &in.participants, &in.audience, &in.media_reports, &in.online_reach,
                &in.new_followers) < 0 ||
        api_exchange_activity_lists(req, b, &in) < 0) {
        json_decref(b);
        return;
    }
    exchange_activity_full f;
    if (exchange_activity_create(req_ctx(req), &in, &id) < 0 ||
        exchange_activity_get(req_ctx(req), id, &f) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, activity_json(&f));
    json_decref(b);
}

void api_exchange_activity_submit(http_req *req)
{
    api_submit(req, exchange_activity_submit);
}

void api_exchange_activity_figures(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t p, a, m, o, f;
    if (figures(req, b, &p, &a, &m, &o, &f) < 0) {
        json_decref(b);
        return;
    }
    exchange_activity_full x;
    int64_t id = req_id(req, 0);
    if (exchange_activity_set_figures(req_ctx(req), id, p, a, m, o, f) < 0 ||
        exchange_activity_get(req_ctx(req), id, &x) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, activity_json(&x));
    json_decref(b);
}
