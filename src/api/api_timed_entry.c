/* api_timed_entry: a venue's timed entry (参观预约): its configuration and coming slots. The
 * slots are booked through the ordinary booking route, POST /api/v1/sessions/{id}/bookings. */
#include <string.h>

#include "api/api.h"
#include "domain/timed_entry.h"
#include "domain/venue.h"

static json_t *view_json(const timed_entry_view *v)
{
    json_t *slots = json_array(), *sessions = json_array();
    for (size_t i = 0; i < v->nslots; i++) {
        char a[6], b[6];
        venue_format_hhmm(v->slots[i].starts, a);
        venue_format_hhmm(v->slots[i].ends, b);
        json_array_append_new(slots, json_pack("[s,s]", a, b));
    }
    for (size_t i = 0; i < v->nsessions; i++)
        json_array_append_new(sessions, api_session(&v->sessions[i]));
    char o[6];
    venue_format_hhmm(v->te.opens_at_minute, o);
    return json_pack(
        "{s:I,s:I,s:b,s:o,s:i,s:i,s:s,s:i,s:o,s:o}", "venue_id", (json_int_t)v->te.venue_id,
        "activity_id", (json_int_t)v->te.activity_id, "enabled", v->te.enabled, "slots", slots,
        "capacity", v->te.capacity, "days_ahead", v->te.days_ahead, "opens_at", o, "max_companions",
        v->te.max_companions, "updated_at", api_time(v->te.updated_at), "sessions", sessions);
}

/* Answer with the venue's timed entry as it is now (generated lazily on the primary). */
static void answer(http_req *req, int64_t id, int status)
{
    timed_entry_view v;
    wy_ctx *ctx = req_ctx_primary(req);
    if (timed_entry_ensure(ctx, id) < 0 || timed_entry_get(ctx, id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, status, view_json(&v));
}

static int venue_id(http_req *req, int64_t *id)
{
    if (req_param_id(req, 0, id) == 0)
        return 0;
    resp_error(req, 404, "not_found", tr(req, "Not found."));
    return -1;
}

void api_timed_entry_get(http_req *req)
{
    int64_t id;
    if (venue_id(req, &id) == 0)
        answer(req, id, 200);
}

void api_timed_entry_put(http_req *req)
{
    int64_t id, cap = 0, days = 0, comp = 0;
    const char *opens = NULL;
    if (venue_id(req, &id) < 0)
        return;
    json_t *b = req_json(req);
    if (!b)
        return;
    timed_entry_config cfg = {0};
    json_t *slots = json_object_get(b, "slots");
    if (api_int(req, b, "capacity", 1, &cap) < 0 || api_int(req, b, "days_ahead", 1, &days) < 0 ||
        api_int(req, b, "max_companions", 0, &comp) < 0 ||
        api_str(req, b, "opens_at", 1, &opens) < 0)
        goto out;
    if (!json_is_array(slots) || json_array_size(slots) > TIMED_ENTRY_MAX_SLOTS) {
        resp_error(req, 400, "bad_slots",
                   tr(req, "slots is a list of 1 to 48 pairs of times, [\"09:00\", \"10:30\"]."));
        goto out;
    }
    for (size_t i = 0; i < json_array_size(slots); i++) {
        json_t *p = json_array_get(slots, i);
        const char *s = json_string_value(json_array_get(p, 0));
        const char *e = json_string_value(json_array_get(p, 1));
        cfg.slots[i].starts = s && json_array_size(p) == 2 ? venue_parse_hhmm(s) : -1;
        cfg.slots[i].ends = e && json_array_size(p) == 2 ? venue_parse_hhmm(e) : -1;
    }
    cfg.nslots = json_array_size(slots);
    /* out-of-range numbers are clamped to a value the domain refuses, never wrapped */
    cfg.capacity = (int)(cap > 1000000 ? 1000000 : cap < 0 ? 0 : cap);
    cfg.days_ahead = (int)(days > 1000 ? 1000 : days < -1 ? -1 : days);
    cfg.max_companions = (int)(comp > 100 ? 100 : comp < -1 ? -1 : comp);
    cfg.opens_at_minute = venue_parse_hhmm(opens);
    if (timed_entry_configure(req_ctx_primary(req), id, &cfg) < 0)
        resp_fail(req);
    else
        answer(req, id, 200);
out:
    json_decref(b);
}

void api_timed_entry_delete(http_req *req)
{
    int64_t id;
    if (venue_id(req, &id) < 0)
        return;
    if (timed_entry_disable(req_ctx_primary(req), id) < 0)
        resp_fail(req);
    else
        answer(req, id, 200);
}
