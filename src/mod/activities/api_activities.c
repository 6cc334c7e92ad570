/* api_activities: activities and their sessions, bookings, check-in. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/handlers.h"
#include "http/app.h"
#include "core/division.h"
#include "mod/activities/activity.h"
#include "mod/activities/booking.h"
#include "mod/activities/booking_rules.h"
#include "mod/activities/calendar.h"
#include "mod/activities/rating.h"
#include "web/ratings.h"
#include "util/ical.h"
#include "util/qr.h"
#include "util/timeutil.h"

json_t *api_session(const activity_session *s)
{
    return json_pack("{s:I,s:o,s:o,s:i,s:i,s:o,s:o,s:o,s:s}", "id", (json_int_t)s->id, "starts_at",
                     api_time(s->starts_at), "ends_at", api_time(s->ends_at), "capacity",
                     s->capacity, "seats_left", booking_seats_left(s), "booking_opens_at",
                     api_time(s->booking_opens_at), "booking_closes_at",
                     api_time(s->booking_closes_at), "cancel_deadline",
                     api_time(s->cancel_deadline), "status", s->status);
}

static json_t *activity_json(const activity_view *v)
{
    const activity *a = &v->a;
    json_t *sessions = json_array();
    for (size_t i = 0; i < v->nsessions; i++)
        json_array_append_new(sessions, api_session(&v->sessions[i]));
    json_t *j =
        json_pack("{s:I,s:s,s:s,s:s?,s:o,s:s,s:s?,s:s?,s:s,s:s?,s:s?,s:s?,s:b,s:i,s:s,s:o}", "id",
                  (json_int_t)a->id, "title", a->title, "category", a->category, "organiser",
                  a->organiser, "venue_id", a->venue_id ? json_integer(a->venue_id) : json_null(),
                  "division", a->division, "division_name", v->division_name, "address", a->address,
                  "description", a->description ? a->description : "", "audience", a->audience,
                  "live_url", a->live_url, "replay_url", a->replay_url, "waitlist", a->waitlist,
                  "max_companions", a->max_companions, "status", a->status, "sessions", sessions);
    /* the place: its own, or (in a search) its venue's */
    json_object_set_new(j, "lon", isnan(a->lon) ? json_null() : json_real(a->lon));
    json_object_set_new(j, "lat", isnan(a->lat) ? json_null() : json_real(a->lat));
    /* sessions holds the coming ones, capped: the rest through /activities/{id}/sessions */
    json_object_set_new(j, "sessions_total", json_integer((json_int_t)v->sessions_total));
    json_object_set_new(j, "more_sessions", json_boolean(v->sessions_total > v->nsessions));
    return j;
}

/* The pending revision of a published activity, for its organisers and reviewers: set as
 * "pending_revision" on j (null when none). 1 when there is one, 0 when not, -1 on error. */
static int add_revision(http_req *req, json_t *j, const activity *a)
{
    activity_revision r;
    int64_t review_id;
    int has = activity_revision_pending(req_ctx(req), a, &r, &review_id);
    if (has <= 0) {
        if (has == 0 && activity_managed_by(&req->who, a))
            json_object_set_new(j, "pending_revision", json_null());
        return has;
    }
    json_t *changes = json_object();
    if (r.fields & AF_DESCRIPTION)
        json_object_set_new(changes, "description",
                            json_string(r.description ? r.description : ""));
    if (r.fields & AF_AUDIENCE)
        json_object_set_new(changes, "audience",
                            r.audience ? json_string(r.audience) : json_null());
    if (r.fields & AF_LIVE_URL)
        json_object_set_new(changes, "live_url",
                            r.live_url ? json_string(r.live_url) : json_null());
    if (r.fields & AF_REPLAY_URL)
        json_object_set_new(changes, "replay_url",
                            r.replay_url ? json_string(r.replay_url) : json_null());
    json_object_set_new(j, "pending_revision",
                        json_pack("{s:I,s:o,s:s,s:o,s:o}", "id", (json_int_t)r.id, "review_id",
                                  review_id ? json_integer(review_id) : json_null(), "status",
                                  r.status, "created_at", api_time(r.created_at), "changes",
                                  changes));
    return 1;
}

static const char *query_param(void *req, const char *name)
{
    return req_query(req, name);
}

void api_activities_list(http_req *req)
{
    activity_query q;
    const char *next;
    activity_view *vs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (req_limit(req, 20, 100, &q.limit) < 0)
        return;
    int limit = q.limit;
    if (activity_query_read(ctx, query_param, req, &q) < 0 ||
        (q.limit = limit, activity_search(ctx, &q, &vs, &n, &next) < 0)) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = activity_json(&vs[i]);
        if (q.has_near)
            json_object_set_new(j, "distance_m", json_real(round(vs[i].distance_m * 10) / 10));
        json_array_append_new(items, j);
    }
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "items", items, "next_cursor",
                        next ? json_string(next) : json_null()));
}

void api_activity_get(http_req *req)
{
    int64_t id;
    activity_view v;
    id = req_id(req, 0);
    rating_summary rs;
    if (activity_get(req_ctx(req), id, &v) < 0 ||
        rating_summary_of(req_ctx(req), ACTIVITY_RATING_KIND, id, &rs) < 0)
        resp_fail(req);
    else {
        json_t *j = activity_json(&v);
        json_object_set_new(j, "rating", web_rating_summary_json(&rs));
        json_object_set_new(j, "poster_url", api_poster_url(req, id));
        if (add_revision(req, j, &v.a) < 0) {
            json_decref(j);
            resp_fail(req);
            return;
        }
        resp_json(req, 200, j);
    }
}

void api_activity_sessions(http_req *req)
{
    int64_t id, from = 0, to = 0;
    int limit;
    wy_ctx *ctx = req_ctx(req);
    id = req_id(req, 0);
    if (req_limit(req, 50, ACTIVITY_SESSIONS_PAGE, &limit) < 0)
        return;
    const char *f = req_query(req, "from"), *t = req_query(req, "to");
    if ((f && *f && time_parse_rfc3339(f, &from) < 0) ||
        (t && *t && time_parse_rfc3339(t, &to) < 0)) {
        resp_error(req, 400, "bad_time", req_tr(req, "from and to are RFC 3339 times."));
        return;
    }
    activity_session *ss;
    size_t n;
    const char *next;
    if (activity_sessions_list(ctx, id, from, to, req_query(req, "cursor"), limit, &ss, &n, &next) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, api_session(&ss[i]));
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "items", items, "next_cursor",
                        next ? json_string(next) : json_null()));
}

static int read_time(http_req *req, json_t *o, const char *key, int required, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    *out = 0;
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
    } else if (json_is_string(v) && time_parse_rfc3339(json_string_value(v), out) == 0) {
        return 0;
    }
    resp_error(req, 400, "bad_time",
               arena_sprintf(&req->a, req_tr(req, "%s is an RFC 3339 time with its offset."), key));
    return -1;
}

/* The fields of an activity in a request body (title, category and division required at
 * creation); max_companions apart, for the caller's range. -1 with the 400 answered. */
static int read_fields(http_req *req, json_t *b, int create, activity *a, int64_t *maxc)
{
    int64_t venue = 0;
    if (api_str(req, b, "title", create, &a->title) < 0 ||
        api_str(req, b, "category", create, &a->category) < 0 ||
        api_str(req, b, "division", create, &a->division) < 0 ||
        api_str(req, b, "description", 0, &a->description) < 0 ||
        api_str(req, b, "organiser", 0, &a->organiser) < 0 ||
        api_str(req, b, "address", 0, &a->address) < 0 ||
        api_str(req, b, "audience", 0, &a->audience) < 0 ||
        api_str(req, b, "live_url", 0, &a->live_url) < 0 ||
        api_str(req, b, "replay_url", 0, &a->replay_url) < 0 ||
        api_int(req, b, "venue_id", 0, &venue) < 0 ||
        api_int(req, b, "max_companions", 0, maxc) < 0)
        return -1;
    a->venue_id = venue;
    return 0;
}

void api_activity_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    activity a = {.lon = NAN, .lat = NAN};
    int64_t maxc = 0;
    json_t *ss = json_object_get(b, "sessions");
    if (read_fields(req, b, 1, &a, &maxc) < 0)
        goto out;
    a.max_companions = (int)maxc;
    json_t *lon = json_object_get(b, "lon"), *lat = json_object_get(b, "lat");
    if ((lon && !json_is_null(lon) && !json_is_number(lon)) ||
        (lat && !json_is_null(lat) && !json_is_number(lat))) {
        resp_error(req, 400, "bad_location",
                   req_tr(req, "lon and lat are numbers (WGS84 degrees)."));
        goto out;
    }
    if (json_is_number(lon))
        a.lon = json_number_value(lon);
    if (json_is_number(lat))
        a.lat = json_number_value(lat);
    a.waitlist = json_is_true(json_object_get(b, "waitlist"));
    if (!json_is_array(ss)) {
        resp_error(req, 400, "missing_field", req_tr(req, "An activity needs its sessions."));
        goto out;
    }
    size_t ns = json_array_size(ss);
    activity_session *s = arena_alloc(&req->a, (ns + 1) * sizeof(*s));
    for (size_t i = 0; s && i < ns; i++) {
        json_t *o = json_array_get(ss, i);
        int64_t cap = 0;
        if (!json_is_object(o) || read_time(req, o, "starts_at", 1, &s[i].starts_at) < 0 ||
            read_time(req, o, "ends_at", 1, &s[i].ends_at) < 0 ||
            read_time(req, o, "booking_opens_at", 0, &s[i].booking_opens_at) < 0 ||
            read_time(req, o, "booking_closes_at", 0, &s[i].booking_closes_at) < 0 ||
            read_time(req, o, "cancel_deadline", 0, &s[i].cancel_deadline) < 0 ||
            api_int(req, o, "capacity", 1, &cap) < 0) {
            if (!req->status)
                resp_error(req, 400, "bad_session", req_tr(req, "A session is an object."));
            goto out;
        }
        s[i].capacity = (int)(cap > 1000000 ? 1000000 : cap < 0 ? 0 : cap);
    }
    int64_t id;
    activity_view v;
    if (check_mem(req_ctx(req)) < 0 || activity_create(req_ctx(req), &a, s, ns, &id) < 0 ||
        activity_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, activity_json(&v));
out:
    json_decref(b);
}

void api_activity_submit(http_req *req)
{
    api_submit(req, activity_submit);
}

/* ---- booking: the flash-crowd path ---- */

typedef struct book_job {
    booking_job job;
    http_req *req;
} book_job;

/* On the writer thread, once the batch is durable: answer and wake the connection. */
static void booked(booking_job *j)
{
    http_req *req = ((book_job *)j)->req;
    const booking_res *r = &j->res;
    if (j->store_rc != WY_OK || r->rc != WY_OK) {
        req->ctx.err = (wy_error){0};
        wy_fail_store(&req->ctx, j->store_rc != WY_OK ? j->store_rc : r->rc, "booking");
        resp_fail(req);
    } else if (booking_outcome_refusal(r->outcome)) {
        req->ctx.err = (wy_error){0};
        booking_refuse(&req->ctx, r->outcome);
        resp_fail(req);
    } else {
        json_t *o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)r->id, "status",
                              r->status[0]                    ? r->status
                              : r->outcome == BOOK_WAITLISTED ? "waitlisted"
                                                              : "confirmed",
                              "code", r->code);
        if (r->outcome == BOOK_WAITLISTED)
            json_object_set_new(o, "position", json_integer(r->position));
        resp_json(req, r->replay ? 200 : 201, o);
    }
    req_resume(req);
}

void api_book(http_req *req)
{
    int64_t sid = req_id(req, 0);
    json_t *b = NULL;
    const char **names = NULL;
    size_t nc = 0;
    if (req->body.len) {
        if (!(b = req_json(req)))
            return;
        json_t *comp = json_object_get(b, "companions");
        if (comp && !json_is_array(comp)) {
            resp_error(req, 400, "bad_field", req_tr(req, "companions is a list of {name}."));
            json_decref(b);
            return;
        }
        nc = json_array_size(comp);
        names = arena_alloc(&req->a, (nc + 1) * sizeof(*names));
        for (size_t i = 0; names && i < nc; i++) {
            const char *nm = json_string_value(json_object_get(json_array_get(comp, i), "name"));
            names[i] = nm ? arena_strdup(&req->a, nm) : NULL;
        }
    }
    book_job *bj = arena_alloc(&req->a, sizeof(*bj));
    int rc = bj && (names || !nc)
                 ? booking_prepare(req_ctx(req), sid, names, nc, req_header(req, "Idempotency-Key"),
                                   &bj->job.req)
                 : -1;
    json_decref(b);
    if (rc < 0) {
        resp_fail(req);
        return;
    }
    bj->req = req;
    bj->job.done = booked;
    req_suspend(req);
    if (booking_submit(&bj->job) < 0) { /* the queue is full: say when to come back */
        booking_busy(&req->ctx);
        resp_fail(req);
        req_resume(req);
    }
}

static json_t *booking_json(const booking *b)
{
    json_t *j = json_pack("{s:I,s:I,s:s,s:i,s:s,s:o}", "id", (json_int_t)b->id, "session_id",
                          (json_int_t)b->session_id, "status", b->status, "seats", b->seats, "code",
                          b->code, "created_at", api_time(b->created_at));
    if (b->position && !strcmp(b->status, "waitlisted"))
        json_object_set_new(j, "position", json_integer(b->position));
    return j;
}

void api_my_bookings(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    my_booking *bs;
    size_t n;
    int limit;
    const char *next;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    if (booking_mine(ctx, req_query(req, "cursor"), limit, &bs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = booking_json(&bs[i].b);
        json_object_set_new(
            j, "activity",
            json_pack("{s:I,s:s}", "id", (json_int_t)bs[i].activity_id, "title", bs[i].title));
        json_object_set_new(j, "starts_at", api_time(bs[i].starts_at));
        json_object_set_new(j, "ends_at", api_time(bs[i].ends_at));
        json_array_append_new(items, j);
    }
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "items", items, "next_cursor",
                        next ? json_string(next) : json_null()));
}

void api_booking_cancel(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (booking_cancel(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "cancelled"));
}

void api_checkin(http_req *req)
{
    json_t *b = req_json(req);
    const char *code;
    int64_t sid = 0;
    if (!b)
        return;
    booking bk;
    if (api_str(req, b, "code", 1, &code) == 0 && api_int(req, b, "session_id", 0, &sid) == 0) {
        wy_ctx *ctx = req_ctx(req);
        activity_session s;
        activity a;
        if (booking_checkin(ctx, code, sid, &bk) < 0) {
            resp_fail(req);
        } else {
            json_t *j = booking_json(&bk);
            if (activity_session_get(ctx, bk.session_id, &s, &a) == 0) {
                json_object_set_new(
                    j, "activity",
                    json_pack("{s:I,s:s}", "id", (json_int_t)a.id, "title", a.title));
                json_object_set_new(j, "starts_at", api_time(s.starts_at));
            }
            ctx->err = (wy_error){0}; /* the booking stands without its activity */
            resp_json(req, 200, j);
        }
    }
    json_decref(b);
}

void api_session_bookings(http_req *req)
{
    int64_t sid, after;
    int limit;
    wy_ctx *ctx = req_ctx(req);
    activity_session s;
    activity a;
    attendance_row *rows;
    session_counts k;
    size_t n;
    sid = req_id(req, 0);
    if (req_page(req, 100, 500, &limit, &after) < 0)
        return;
    /* one row more than asked says whether there is a next page */
    if (booking_attendance(ctx, sid, after, limit + 1, &s, &a, &rows, &n, &k) < 0) {
        resp_fail(req);
        return;
    }
    int more = n > (size_t)limit;
    if (more)
        n = (size_t)limit;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        const booking *b = &rows[i].b;
        account u = {.id = b->user_id,
                     .name = rows[i].name,
                     .phone = rows[i].phone,
                     .division = rows[i].user_division,
                     .status = rows[i].user_status,
                     .created_at = rows[i].user_created_at};
        json_t *j = json_pack("{s:I,s:s,s:i,s:o,s:o}", "id", (json_int_t)b->id, "status", b->status,
                              "seats", b->seats, "created_at", api_time(b->created_at), "user",
                              api_user(req, &u));
        if (!strcmp(b->status, "waitlisted"))
            json_object_set_new(j, "position", json_integer(b->position));
        if (b->excused_at)
            json_object_set_new(j, "excused_at", api_time(b->excused_at));
        if (b->checked_in_at)
            json_object_set_new(j, "checked_in_at", api_time(b->checked_in_at));
        json_array_append_new(items, j);
    }
    /* the figures are the session's, whatever the page */
    resp_json(
        req, 200,
        json_pack("{s:o,s:o,s:i,s:i,s:i,s:i,s:i,s:i}", "items", items, "next_cursor",
                  more ? json_string(arena_sprintf(&req->a, "%lld", (long long)rows[n - 1].b.id))
                       : json_null(),
                  "capacity", s.capacity, "confirmed_seats", s.confirmed_seats, "confirmed",
                  k.confirmed, "checked_in", k.checked_in, "waitlisted", k.waitlisted, "no_shows",
                  k.no_shows));
}

/* ---- QR code and calendar ---- */

void api_booking_qr(http_req *req)
{
    int64_t id = req_id(req, 0);
    strbuf sb = STRBUF_INIT;
    if (booking_qr_svg(req_ctx(req), id, &sb) < 0) /* the owner's only: the domain says */
        resp_fail(req);
    else
        resp_text(req, 200, "image/svg+xml", sb.buf, sb.len);
    sb_release(&sb);
}

/* Answer an iCalendar body, with an ETag (a hash of the body) so that a calendar client
 * polling an unchanged feed gets a 304 and no body. */
static void send_ics(http_req *req, strbuf *sb, const char *cache)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < sb->len; i++)
        h = (h ^ (unsigned char)sb->buf[i]) * 1099511628211ULL;
    char etag[24];
    snprintf(etag, sizeof(etag), "\"%016llx\"", (unsigned long long)h);
    const char *inm = req_header(req, "If-None-Match");
    if (inm && strstr(inm, etag))
        resp_text(req, 304, "text/calendar; charset=utf-8", "", 0);
    else
        resp_text(req, 200, "text/calendar; charset=utf-8", sb->buf, sb->len);
    resp_header(req, "ETag", etag);
    resp_header(req, "Cache-Control", cache);
}

/* The events of the sessions of activities (those from from on). */
static void ics_activities(http_req *req, strbuf *sb, const activity_view *vs, size_t n,
                           int64_t from)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < vs[i].nsessions; k++) {
            const activity_session *s = &vs[i].sessions[k];
            if (s->starts_at < from || !strcmp(vs[i].a.category, "timed_entry"))
                continue; /* a venue's entry slots are not events */
            ical_raw(sb, "BEGIN:VEVENT");
            ical_raw(sb, arena_sprintf(&req->a, "UID:session-%lld@wenyun", (long long)s->id));
            ical_time(sb, "DTSTAMP", vs[i].a.updated_at);
            ical_time(sb, "DTSTART", s->starts_at);
            ical_time(sb, "DTEND", s->ends_at);
            ical_text(sb, "SUMMARY", vs[i].a.title);
            if (vs[i].a.description && *vs[i].a.description)
                ical_text(sb, "DESCRIPTION", vs[i].a.description);
            if (vs[i].a.address)
                ical_text(sb, "LOCATION", vs[i].a.address);
            ical_text(sb, "CATEGORIES", vs[i].a.category);
            ical_raw(sb, !strcmp(s->status, "cancelled") ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
            ical_raw(sb, "END:VEVENT");
        }
}

static void public_feed(http_req *req, const char *name, const activity_view *vs, size_t n)
{
    strbuf sb = STRBUF_INIT;
    ical_begin(&sb, arena_sprintf(&req->a, "%s %s", req_tr(req, "Public culture"), name));
    ics_activities(req, &sb, vs, n, req->ctx.now - (int64_t)CALENDAR_PAST_DAYS * 86400000);
    ical_end(&sb);
    send_ics(req, &sb, "public, max-age=300");
    sb_release(&sb);
}

void api_calendar(http_req *req)
{
    activity_filter f = {.prefix = req_param(req, 0),
                         .from = req->ctx.now - (int64_t)CALENDAR_PAST_DAYS * 86400000,
                         .limit = CALENDAR_MAX};
    activity_view *vs;
    size_t n;
    if (activity_list(req_ctx(req), &f, &vs, &n) < 0) {
        resp_fail(req);
        return;
    }
    const char *dname = f.prefix ? division_name(req_ctx(req), f.prefix) : NULL;
    if (!dname)
        dname = req_param(req, 0);
    public_feed(req, dname, vs, n);
}

void api_calendar_venue(http_req *req)
{
    int64_t id;
    const char *name;
    activity_view *vs;
    size_t n;
    id = req_id(req, 0);
    if (calendar_venue(req_ctx(req), id, &name, &vs, &n) < 0)
        resp_fail(req);
    else
        public_feed(req, name, vs, n);
}

void api_calendar_category(http_req *req)
{
    activity_view *vs;
    size_t n;
    const char *cat = req_param(req, 0);
    if (calendar_category(req_ctx(req), cat, &vs, &n) < 0)
        resp_fail(req);
    else
        public_feed(req, req_tr(req, cat), vs, n);
}

void api_calendar_me(http_req *req)
{
    booking_feed_item *it;
    size_t n;
    if (calendar_feed_bookings(req_ctx(req), req_param(req, 0), &it, &n) < 0) {
        resp_fail(req);
        return;
    }
    strbuf sb = STRBUF_INIT;
    ical_begin(&sb, req_tr(req, "My bookings"));
    for (size_t i = 0; i < n; i++) {
        const booking_feed_item *b = &it[i];
        int waiting = !strcmp(b->status, "waitlisted");
        int cancelled = !strcmp(b->session_status, "cancelled");
        ical_raw(&sb, "BEGIN:VEVENT");
        ical_raw(&sb, arena_sprintf(&req->a, "UID:booking-%lld@wenyun", (long long)b->booking_id));
        ical_time(&sb, "DTSTAMP", b->updated_at);
        ical_time(&sb, "DTSTART", b->starts_at);
        ical_time(&sb, "DTEND", b->ends_at);
        ical_text(&sb, "SUMMARY", b->title);
        /* the booking in words; never its check-in code */
        const char *what =
            waiting ? arena_sprintf(&req->a, req_tr(req, "Waiting list, position %lld."),
                                    (long long)b->position)
            : !strcmp(b->status, "checked_in")
                ? req_tr(req, "Checked in.")
                : arena_sprintf(&req->a, req_tr(req, "Booked: %d seat(s)."), b->seats);
        ical_text(&sb, "DESCRIPTION",
                  arena_sprintf(&req->a, "%s\n%s /activities/%lld", what,
                                req_tr(req, "Details and QR code:"), (long long)b->activity_id));
        if (b->venue_name || b->address)
            ical_text(&sb, "LOCATION",
                      arena_sprintf(&req->a, "%s%s%s", b->venue_name ? b->venue_name : "",
                                    b->venue_name && b->address ? " " : "",
                                    b->address ? b->address : ""));
        ical_text(&sb, "CATEGORIES", b->category);
        ical_raw(&sb, cancelled ? "STATUS:CANCELLED"
                      : waiting ? "STATUS:TENTATIVE"
                                : "STATUS:CONFIRMED");
        ical_raw(&sb, "END:VEVENT");
    }
    ical_end(&sb);
    send_ics(req, &sb, "private, max-age=300");
    resp_header(req, "X-Robots-Tag", "noindex");
    sb_release(&sb);
}

/* ---- organisers: change an activity, change or cancel a session ---- */

void api_activity_update(http_req *req)
{
    int64_t id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    activity in = {0};
    unsigned set = 0;
    int64_t maxc = 0;
    const char *const *names = activity_field_names;
    for (int i = 0; names[i]; i++)
        if (json_object_get(b, names[i]))
            set |= 1u << i;
    json_t *wl = json_object_get(b, "waitlist");
    if (read_fields(req, b, 0, &in, &maxc) < 0)
        goto out;
    if (wl && !json_is_boolean(wl)) {
        resp_error(req, 400, "bad_field", req_tr(req, "waitlist is true or false."));
        goto out;
    }
    in.max_companions = (int)(maxc > 100 ? 100 : maxc < -1 ? -1 : maxc);
    in.waitlist = json_is_true(wl);
    if (!in.description)
        in.description = "";
    activity_view v;
    if (activity_update(req_ctx(req), id, &in, set) < 0 || activity_get(req_ctx(req), id, &v) < 0) {
        resp_fail(req);
        goto out;
    }
    /* a published activity: the change waits for review (202), the answer is what is public */
    json_t *j = activity_json(&v);
    int pending = add_revision(req, j, &v.a);
    if (pending < 0) {
        json_decref(j);
        resp_fail(req);
    } else {
        resp_json(req, pending ? 202 : 200, j);
    }
out:
    json_decref(b);
}

void api_session_update(http_req *req)
{
    int64_t sid = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    static const struct {
        const char *key;
        unsigned bit;
    } times[] = {{"starts_at", SF_STARTS},
                 {"ends_at", SF_ENDS},
                 {"booking_opens_at", SF_OPENS},
                 {"booking_closes_at", SF_CLOSES},
                 {"cancel_deadline", SF_DEADLINE}};
    session_patch p = {0};
    int64_t *dst[] = {&p.v.starts_at, &p.v.ends_at, &p.v.booking_opens_at, &p.v.booking_closes_at,
                      &p.v.cancel_deadline};
    for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
        if (!json_object_get(b, times[i].key))
            continue;
        /* starts_at and ends_at cannot be cleared; the booking window can (null) */
        if (read_time(req, b, times[i].key, i < 2, dst[i]) < 0)
            goto out;
        p.set |= times[i].bit;
    }
    if (json_object_get(b, "capacity")) {
        int64_t cap = 0;
        if (api_int(req, b, "capacity", 1, &cap) < 0)
            goto out;
        p.v.capacity = (int)(cap > 1000000 ? 1000000 : cap < 0 ? 0 : cap);
        p.set |= SF_CAPACITY;
    }
    activity_session s;
    if (activity_session_change(req_ctx(req), sid, &p, &s) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, api_session(&s));
out:
    json_decref(b);
}

void api_session_cancel(http_req *req)
{
    int64_t sid = req_id(req, 0);
    json_t *b = req_json(req);
    const char *reason;
    size_t n;
    if (!b)
        return;
    if (api_str(req, b, "reason", 1, &reason) == 0) {
        if (activity_session_cancel(req_ctx(req), sid, reason, &n) < 0)
            resp_fail(req);
        else
            resp_json(req, 200,
                      json_pack("{s:I,s:s,s:I}", "id", (json_int_t)sid, "status", "cancelled",
                                "bookings_cancelled", (json_int_t)n));
    }
    json_decref(b);
}

/* The private feed's address: the path, and the full URL on this site (server.public_url). */
static json_t *feed_json(http_req *req, const char *token, int64_t created_at)
{
    const char *path = arena_sprintf(&req->a, "/calendar/me/%s.ics", token);
    return json_pack("{s:s,s:s,s:o}", "path", path, "url", req_url(req, path), "created_at",
                     api_time(created_at));
}

/* Whether the caller has a private feed address; a GET never makes one (it has no CSRF
 * guard, and an address made by a lost answer could never be shown again). */
void api_me_calendar(http_req *req)
{
    int64_t created = 0;
    int has = calendar_feed_exists(req_ctx(req), &created);
    if (has < 0)
        resp_fail(req);
    else if (has) /* only its hash is kept: the address was shown when it was made */
        resp_json(
            req, 200,
            json_pack("{s:b,s:n,s:n,s:o,s:b,s:s}", "exists", 1, "path", "url", "created_at",
                      api_time(created), "created", 0, "message",
                      req_tr(req, "Your calendar address was shown when it was made; reset it "
                                  "to get a new one.")));
    else
        resp_json(req, 200,
                  json_pack("{s:b,s:n,s:n,s:n,s:b}", "exists", 0, "path", "url", "created_at",
                            "created", 0));
}

/* Make the private feed address when the account has none (201); an existing one is not
 * replaced here (409): the reset does that. */
void api_me_calendar_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t created = 0;
    int has = calendar_feed_exists(ctx, &created);
    char token[TOKEN_CHARS];
    if (has < 0) {
        resp_fail(req);
    } else if (has) {
        resp_error(req, 409, "exists",
                   req_tr(req, "Your calendar address was shown when it was made; reset it "
                               "to get a new one."));
    } else if (calendar_feed_reset(ctx, token) < 0) {
        resp_fail(req);
    } else {
        json_t *j = feed_json(req, token, ctx->now);
        json_object_set_new(j, "exists", json_true());
        json_object_set_new(j, "created", json_true());
        resp_json(req, 201, j);
    }
}

void api_me_calendar_reset(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    char token[TOKEN_CHARS];
    if (calendar_feed_reset(ctx, token) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = feed_json(req, token, ctx->now);
    json_object_set_new(j, "exists", json_true());
    json_object_set_new(j, "created", json_true());
    resp_json(req, 200, j);
}
