/* api_spaces: space booking (场地预约) — spaces, their schedules, requests and decisions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mod/spaces/handlers.h"
#include "core/account.h"
#include "mod/spaces/space.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *space_json(const space_view *v)
{
    const space *s = &v->s;
    char o[6], c[6];
    venue_format_hhmm(s->opens, o);
    venue_format_hhmm(s->closes, c);
    json_t *j = json_pack(
        "{s:I,s:s,s:s,s:o,s:s?,s:s,s:s?,s:s?,s:o,s:o,s:o,s:s?,s:s,s:s,s:s,s:s,s:i,s:o,s:o}", "id",
        (json_int_t)s->id, "kind", s->kind, "name", s->name, "venue_id",
        s->venue_id ? json_integer(s->venue_id) : json_null(), "venue_name", v->venue_name,
        "division", s->division, "division_name", v->division_name, "address", s->address, "lon",
        num_or_null(s->lon), "lat", num_or_null(s->lat), "capacity",
        s->capacity ? json_integer(s->capacity) : json_null(), "equipment", s->equipment,
        "description", s->description ? s->description : "", "status", s->status, "opens", o,
        "closes", c, "max_minutes", s->max_minutes, "created_at", api_time(s->created_at),
        "updated_at", api_time(s->updated_at));
    return j;
}

void api_spaces_list(http_req *req)
{
    const char *venue = req_query(req, "venue_id");
    space_filter f = {.prefix = req_query(req, "division"), .kind = req_query(req, "kind")};
    if (req_page(req, 50, 200, &f.limit, &f.after) < 0)
        return;
    if (venue && *venue) {
        char *end;
        f.venue_id = strtoll(venue, &end, 10);
        if (*end || f.venue_id <= 0) {
            resp_error(req, 400, "bad_venue", req_tr(req, "venue_id is a venue's id."));
            return;
        }
    }
    space_view *vs;
    size_t n;
    if (space_list(req_ctx(req), &f, &vs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, space_json(&vs[i]));
    resp_json(req, 200, api_page(items, n == (size_t)f.limit ? vs[n - 1].s.id : 0));
}

void api_space_get(http_req *req)
{
    int64_t id = req_id(req, 0);
    space_view v;
    if (space_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, space_json(&v));
}

static int read_hhmm(http_req *req, json_t *b, const char *key, int *out)
{
    const char *s;
    if (!json_object_get(b, key))
        return 0;
    if (api_str(req, b, key, 1, &s) < 0)
        return -1;
    int m = venue_parse_hhmm(s);
    if (m < 0) {
        resp_error(req, 400, "bad_hours",
                   arena_sprintf(&req->a, req_tr(req, "%s is a time of day, HH:MM."), key));
        return -1;
    }
    *out = m;
    return 0;
}

/* Overlay the members present in b onto s; -1 (and a 400) on a wrong type. */
static int read_space(http_req *req, json_t *b, space *s)
{
    static const char *const strs[] = {"kind",      "name",        "division", "address",
                                       "equipment", "description", "status"};
    const char **dst[] = {&s->kind,      &s->name,        &s->division, &s->address,
                          &s->equipment, &s->description, &s->status};
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        const char *v;
        if (!json_object_get(b, strs[i]))
            continue;
        if (api_str(req, b, strs[i], 0, &v) < 0)
            return -1;
        *dst[i] = v && *v ? arena_strdup(&req->a, v) : NULL;
    }
    static const char *const nums[] = {"lon", "lat"};
    double *ndst[] = {&s->lon, &s->lat};
    for (int i = 0; i < 2; i++) {
        json_t *m = json_object_get(b, nums[i]);
        if (!m)
            continue;
        if (json_is_null(m))
            *ndst[i] = NAN;
        else if (json_is_number(m))
            *ndst[i] = json_number_value(m);
        else {
            resp_error(
                req, 400, "bad_field",
                arena_sprintf(&req->a, req_tr(req, "The field %s must be a number."), nums[i]));
            return -1;
        }
    }
    static const char *const ints[] = {"venue_id", "capacity", "max_minutes"};
    for (int i = 0; i < 3; i++) {
        int64_t iv = 0;
        json_t *m = json_object_get(b, ints[i]);
        if (!m)
            continue;
        if (!json_is_null(m) && api_int(req, b, ints[i], 1, &iv) < 0)
            return -1;
        if (iv < 0 || iv > 1000000000)
            iv = -1; /* out of every range: the domain says why */
        if (i == 0)
            s->venue_id = iv < 0 ? 0 : iv;
        else if (i == 1)
            s->capacity = (int)iv;
        else
            s->max_minutes = (int)iv;
    }
    return read_hhmm(req, b, "opens", &s->opens) < 0 || read_hhmm(req, b, "closes", &s->closes) < 0
               ? -1
               : 0;
}

void api_space_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    space s = {.lon = NAN, .lat = NAN, .opens = 8 * 60, .closes = 22 * 60, .max_minutes = 240};
    int64_t id;
    space_view v;
    if (read_space(req, b, &s) == 0) {
        if (space_create(req_ctx(req), &s, &id) < 0 || space_get(req_ctx(req), id, &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, space_json(&v));
    }
    json_decref(b);
}

void api_space_update(http_req *req)
{
    int64_t id;
    space_view v;
    id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    if (space_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else if (read_space(req, b, &v.s) == 0) {
        if (space_update(req_ctx(req), &v.s) < 0 || space_get(req_ctx(req), id, &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, space_json(&v));
    }
    json_decref(b);
}

/* ---- bookings ---- */

/* A booking as who may see it: the contact in full for its applicant and the space's
 * managers, masked for anyone else. */
static json_t *booking_json(http_req *req, const space_booking *b, const space *s)
{
    char masked[PHONE_MASKED_MAX];
    int full = space_booking_full_view(&req->who, b, s);
    account_mask_phone(b->contact, masked);
    json_t *j = json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:{s:s,s:s,s:i,s:i},s:o,s:o,s:s,s:o,s:o,s:o,s:s?,s:o}", "id",
        (json_int_t)b->id, "space_id", (json_int_t)b->space_id, "space_name", s ? s->name : "",
        "group_name", b->group_name, "contact", full ? b->contact : masked, "programme", "title",
        b->title, "description", b->content ? b->content : "", "performers", b->performers,
        "audience", b->audience, "starts_at", api_time(b->starts_at), "ends_at",
        api_time(b->ends_at), "status", b->status, "series_id",
        b->series_id ? json_integer(b->series_id) : json_null(), "decided_at",
        api_time(b->decided_at), "decided_by",
        b->decided_by ? json_integer(b->decided_by) : json_null(), "reason", b->reason,
        "created_at", api_time(b->created_at));
    json_object_set_new(j, "own", json_boolean(space_booking_own(&req->who, b)));
    return j;
}

static int read_time(http_req *req, json_t *o, const char *key, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v) && time_parse_rfc3339(json_string_value(v), out) == 0)
        return 0;
    resp_error(req, 400, "bad_time",
               arena_sprintf(&req->a, req_tr(req, "%s is an RFC 3339 time with its offset."), key));
    return -1;
}

/* {error: {code, message, conflict: {...}}}: what a refused time overlaps, and when. */
static void overlap_error(http_req *req, const space_booking *occ, const space_booking *with)
{
    char s[40], e[40];
    time_format_rfc3339(with->starts_at, s, sizeof(s), 0);
    time_format_rfc3339(with->ends_at, e, sizeof(e), 0);
    json_t *err = json_pack(
        "{s:s,s:s,s:{s:I,s:o,s:o},s:{s:I,s:o,s:o}}", "code", "overlap", "message",
        arena_sprintf(&req->a, req_tr(req, "This time overlaps a booking approved for %s to %s."),
                      s, e),
        "booking", "id", (json_int_t)occ->id, "starts_at", api_time(occ->starts_at), "ends_at",
        api_time(occ->ends_at), "conflict", "id", (json_int_t)with->id, "starts_at",
        api_time(with->starts_at), "ends_at", api_time(with->ends_at));
    resp_json(req, 409, json_pack("{s:o}", "error", err));
}

void api_space_book(http_req *req)
{
    int64_t sid = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    space_booking r = {0};
    int64_t weeks = 1, performers = 0, audience = 0;
    json_t *prog = json_object_get(b, "programme");
    if (!json_is_object(prog)) {
        resp_error(req, 400, "missing_field",
                   req_tr(req, "A request reports its programme: {title, description, performers, "
                               "audience}."));
        goto out;
    }
    if (read_time(req, b, "starts_at", &r.starts_at) < 0 ||
        read_time(req, b, "ends_at", &r.ends_at) < 0 ||
        api_int(req, b, "repeat_weeks", 0, &weeks) < 0 ||
        api_str(req, b, "group_name", 1, &r.group_name) < 0 ||
        api_str(req, b, "contact", 0, &r.contact) < 0 ||
        api_str(req, prog, "title", 1, &r.title) < 0 ||
        api_str(req, prog, "description", 0, &r.content) < 0 ||
        api_int(req, prog, "performers", 1, &performers) < 0 ||
        api_int(req, prog, "audience", 0, &audience) < 0)
        goto out;
    r.performers = performers < 0 || performers > 1000000 ? -1 : (int)performers;
    r.audience = audience < 0 || audience > 100000000 ? -1 : (int)audience;
    space_booking *bs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    space s;
    if (space_booking_request(ctx, sid, &r, weeks < 0 || weeks > 1000 ? -1 : (int)weeks, &bs, &n) <
        0) {
        if (ctx->err.code && !strcmp(ctx->err.code, "overlap") && n == 2)
            overlap_error(req, &bs[0], &bs[1]);
        else
            resp_fail(req);
        goto out;
    }
    space_view sv;
    if (space_get(ctx, sid, &sv) < 0) {
        resp_error(req, 500, "internal", req_tr(req, "Something went wrong on our side."));
        goto out;
    }
    s = sv.s;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, booking_json(req, &bs[i], &s));
    resp_json(req, 201,
              json_pack("{s:I,s:s,s:o,s:o}", "id", (json_int_t)bs[0].id, "status", "pending",
                        "series_id", bs[0].series_id ? json_integer(bs[0].series_id) : json_null(),
                        "bookings", items));
out:
    json_decref(b);
}

/* A page of bookings: each row carries its space, its applicant and (staff lists) the
 * approved booking a pending one overlaps, from the domain; nothing is looked up here. */
static void booking_list(http_req *req, const space_booking_row *rs, size_t n, int64_t next,
                         int staff)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = booking_json(req, &rs[i].b, &rs[i].s);
        if (staff)
            json_object_set_new(j, "applicant", api_user(req, &rs[i].applicant));
        if (staff && rs[i].conflict.id)
            json_object_set_new(j, "conflict",
                                json_pack("{s:I,s:o,s:o,s:s}", "id", (json_int_t)rs[i].conflict.id,
                                          "starts_at", api_time(rs[i].conflict.starts_at),
                                          "ends_at", api_time(rs[i].conflict.ends_at), "group_name",
                                          rs[i].conflict.group_name));
        json_array_append_new(items, j);
    }
    resp_json(req, 200, api_page(items, next));
}

void api_my_space_bookings(http_req *req)
{
    int limit;
    int64_t before;
    if (req_page(req, 50, 200, &limit, &before) < 0)
        return;
    space_booking_row *rs;
    size_t n;
    if (space_my_bookings(req_ctx(req), before, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    booking_list(req, rs, n, n == (size_t)limit ? rs[n - 1].b.id : 0, 0);
}

void api_space_bookings_list(http_req *req)
{
    int limit;
    int64_t after, space_id = 0;
    if (req_page(req, 50, 200, &limit, &after) < 0)
        return;
    const char *sp = req_query(req, "space_id");
    if (sp && *sp) {
        char *end;
        space_id = strtoll(sp, &end, 10);
        if (*end || space_id <= 0) {
            resp_error(req, 400, "bad_space", req_tr(req, "space_id is a space's id."));
            return;
        }
    }
    const char *status = req_query(req, "status");
    space_booking_row *rs;
    size_t n;
    if (space_booking_queue(req_ctx(req), status ? status : "pending", req_query(req, "division"),
                            space_id, after, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    booking_list(req, rs, n, n == (size_t)limit ? rs[n - 1].b.id : 0, 1);
}

void api_space_booking_cancel(http_req *req)
{
    int64_t id;
    size_t n;
    const char *series = req_query(req, "series");
    id = req_id(req, 0);
    if (space_booking_cancel(req_ctx(req), id,
                             series && (!strcmp(series, "1") || !strcmp(series, "true")), &n) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:s,s:i}", "id", (json_int_t)id, "status", "cancelled",
                            "cancelled", (int)n));
}

void api_space_booking_decide(http_req *req)
{
    int64_t id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *decision, *reason;
    space_decision d;
    wy_ctx *ctx = req_ctx(req);
    if (api_str(req, b, "decision", 1, &decision) < 0 || api_str(req, b, "reason", 0, &reason) < 0)
        goto out;
    json_t *series = json_object_get(b, "series");
    if (series && !json_is_boolean(series)) {
        resp_error(req, 400, "bad_field", req_tr(req, "series is true or false."));
        goto out;
    }
    if (strcmp(decision, "approve") && strcmp(decision, "reject")) {
        resp_error(req, 400, "bad_decision", req_tr(req, "The decision is approve or reject."));
        goto out;
    }
    if (space_booking_decide(ctx, id, !strcmp(decision, "approve"), reason, json_is_true(series),
                             &d) < 0) {
        if (ctx->err.code && !strcmp(ctx->err.code, "overlap") && d.nconflicts)
            overlap_error(req, &d.conflicts[0].b, &d.conflicts[0].with);
        else
            resp_fail(req);
        goto out;
    }
    json_t *done = json_array(), *conflicts = json_array(), *skipped = json_array();
    for (size_t i = 0; i < d.ndone; i++)
        json_array_append_new(done,
                              json_pack("{s:I,s:o,s:o,s:s}", "id", (json_int_t)d.done[i].id,
                                        "starts_at", api_time(d.done[i].starts_at), "ends_at",
                                        api_time(d.done[i].ends_at), "status", d.done[i].status));
    for (size_t i = 0; i < d.nconflicts; i++) {
        const space_conflict *c = &d.conflicts[i];
        json_array_append_new(
            conflicts,
            json_pack("{s:I,s:o,s:o,s:{s:I,s:o,s:o}}", "id", (json_int_t)c->b.id, "starts_at",
                      api_time(c->b.starts_at), "ends_at", api_time(c->b.ends_at), "conflict", "id",
                      (json_int_t)c->with.id, "starts_at", api_time(c->with.starts_at), "ends_at",
                      api_time(c->with.ends_at)));
    }
    for (size_t i = 0; i < d.nskipped; i++)
        json_array_append_new(skipped, json_pack("{s:I,s:o,s:s}", "id", (json_int_t)d.skipped[i].id,
                                                 "starts_at", api_time(d.skipped[i].starts_at),
                                                 "status", d.skipped[i].status));
    resp_json(req, 200,
              json_pack("{s:I,s:s,s:o,s:o,s:o}", "id", (json_int_t)id, "status",
                        d.ndone ? d.done[0].status : "pending", "decided", done, "conflicts",
                        conflicts, "skipped", skipped));
out:
    json_decref(b);
}

void api_space_schedule(http_req *req)
{
    int64_t id, from = req->ctx.now, to;
    const char *f = req_query(req, "from"), *t = req_query(req, "to");
    id = req_id(req, 0);
    if ((f && time_parse_rfc3339(f, &from) < 0) || (t && time_parse_rfc3339(t, &to) < 0)) {
        resp_error(req, 400, "bad_time", req_tr(req, "from and to are RFC 3339 times."));
        return;
    }
    if (!t)
        to = from + (int64_t)7 * 86400000;
    space_booking *bs;
    size_t n;
    if (space_schedule(req_ctx(req), id, from, to, &bs, &n) < 0) {
        resp_fail(req);
        return;
    }
    /* public: the time, the group and the programme's title; no applicant, no contact */
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I,s:o,s:o,s:s,s:s}", "id", (json_int_t)bs[i].id,
                                               "starts_at", api_time(bs[i].starts_at), "ends_at",
                                               api_time(bs[i].ends_at), "group_name",
                                               bs[i].group_name, "title", bs[i].title));
    resp_json(req, 200,
              json_pack("{s:I,s:o,s:o,s:o}", "space_id", (json_int_t)id, "from", api_time(from),
                        "to", api_time(to), "items", items));
}
