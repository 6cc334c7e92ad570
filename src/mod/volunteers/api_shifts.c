/* api_shifts: the shifts of volunteer projects, sign-ups, invitations and rosters under /api/v1
 * (shift.h). */
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/certificate.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/shift.h"
#include "util/timeutil.h"

/* ",a,b," -> ["a", "b"] */
static json_t *skills_json(const char *s)
{
    json_t *arr = json_array();
    while (s && *s) {
        const char *e = strchr(s + 1, ',');
        if (!e)
            break;
        if (e > s + 1)
            json_array_append_new(arr, json_stringn(s + 1, (size_t)(e - s - 1)));
        s = e;
    }
    return arr;
}

/* A shift as anyone sees it; its check code only for those who manage it. */
static json_t *shift_json(wy_ctx *ctx, const volunteer_shift *s)
{
    json_t *j = json_pack(
        "{s:I,s:I,s:s,s:s,s:o,s:o,s:s,s:i,s:i,s:i,s:i,s:o,s:s,s:o}", "id", (json_int_t)s->id,
        "project_id", (json_int_t)s->project_id, "division", s->division, "title", s->title,
        "starts_at", api_time(s->starts_at), "ends_at", api_time(s->ends_at), "place", s->place,
        "capacity", s->capacity, "taken", s->taken, "places_left",
        seats_left(s->capacity, s->taken), "waiting", s->waiting, "skills", skills_json(s->skills),
        "status", s->status, "updated_at", api_time(s->updated_at));
    json_object_set_new(j, "venue_id", s->venue_id ? json_integer(s->venue_id) : json_null());
    if (shift_may_manage(ctx, s))
        json_object_set_new(j, "check_code", json_string(s->check_code));
    return j;
}

/* A sign-up as its volunteer sees it. */
/* What the settlement after the shift did (hours.h): ended "expired" for a waiting-list entry
 * or an invitation it cancelled, and when it closed the sign-up; null when it did not. */
static void settled_json(json_t *j, const shift_signup *g)
{
    json_object_set_new(j, "ended", g->ended[0] ? json_string(g->ended) : json_null());
    json_object_set_new(j, "settled_at", g->settled_at ? api_time(g->settled_at) : json_null());
    json_object_set_new(j, "excused_at", g->excused_at ? api_time(g->excused_at) : json_null());
    if (g->excused_at)
        json_object_set_new(j, "excuse", json_string(g->excuse));
}

static json_t *signup_json(const shift_signup *g)
{
    json_t *j =
        json_pack("{s:I,s:I,s:s,s:{s:I,s:s,s:o,s:o,s:s,s:s},s:{s:I,s:s},s:o}", "id",
                  (json_int_t)g->id, "shift_id", (json_int_t)g->shift_id, "status", g->status,
                  "shift", "id", (json_int_t)g->shift_id, "title", g->shift_title, "starts_at",
                  api_time(g->starts_at), "ends_at", api_time(g->ends_at), "place", g->place,
                  "status", g->shift_status, "project", "id", (json_int_t)g->project_id, "title",
                  g->project_title, "updated_at", api_time(g->updated_at));
    json_object_set_new(
        j, "position", !strcmp(g->status, "waitlisted") ? json_integer(g->ahead + 1) : json_null());
    json_object_set_new(j, "invited", json_boolean(g->invited_by != 0));
    settled_json(j, g);
    return j;
}

static int read_time(http_req *req, json_t *o, const char *key, int required, int64_t *out)
{
    json_t *v = json_object_get(o, key);
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

/* The skills member, into the request's arena (absent: kept as they are in *skills). */
static int read_skills(http_req *req, json_t *b, shift_input *in)
{
    json_t *v = json_object_get(b, "skills");
    if (!v)
        return 0;
    if (!json_is_array(v) || json_array_size(v) > 32)
        goto bad;
    const char **out = arena_alloc(&req->a, (json_array_size(v) + 1) * sizeof(*out));
    if (!out)
        goto bad;
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e))
            goto bad;
        out[i] = arena_strdup(&req->a, json_string_value(e));
    }
    in->skills = out;
    in->nskills = json_array_size(v);
    return 0;
bad:
    resp_error(req, 400, "bad_field",
               arena_sprintf(&req->a, req_tr(req, "%s is a list of texts."), "skills"));
    return -1;
}

/* The fields of a shift in a body over in (creation: time, place and capacity required). */
static int read_shift(http_req *req, json_t *b, int create, shift_input *in)
{
    int64_t cap = -1, venue = -1;
    const char *title = NULL, *place = NULL;
    if (api_str(req, b, "title", 0, &title) < 0 || api_str(req, b, "place", create, &place) < 0 ||
        read_time(req, b, "starts_at", create, &in->starts_at) < 0 ||
        read_time(req, b, "ends_at", create, &in->ends_at) < 0 ||
        api_int(req, b, "capacity", create, &cap) < 0 ||
        api_int(req, b, "venue_id", 0, &venue) < 0 || read_skills(req, b, in) < 0)
        return -1;
    /* what the body leaves out stays as it is (a change) */
    if (json_object_get(b, "capacity"))
        in->capacity = cap > SHIFT_CAPACITY_MAX ? SHIFT_CAPACITY_MAX + 1 : cap < 0 ? 0 : (int)cap;
    if (json_object_get(b, "venue_id"))
        in->venue_id = venue < 0 ? 0 : venue;
    /* strings outlive the body */
    if (title)
        in->title = arena_strdup(&req->a, title);
    if (place)
        in->place = arena_strdup(&req->a, place);
    return 0;
}

void api_shifts_list(http_req *req)
{
    volunteer_shift *ss;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    int64_t from = 0;
    const char *f = req_query(req, "from");
    if (f && *f && time_parse_rfc3339(f, &from) < 0) {
        resp_error(
            req, 400, "bad_time",
            arena_sprintf(&req->a, req_tr(req, "%s is an RFC 3339 time with its offset."), "from"));
        return;
    }
    if (shift_list(ctx, req_id(req, 0), from, &ss, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, shift_json(ctx, &ss[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_shift_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    shift_input in = {0};
    int64_t id;
    volunteer_shift s;
    wy_ctx *ctx = req_ctx(req);
    if (read_shift(req, b, 1, &in) == 0) {
        if (shift_create(ctx, req_id(req, 0), &in, &id) < 0 || shift_get(ctx, id, &s, NULL) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, shift_json(ctx, &s));
    }
    json_decref(b);
}

void api_shift_get(http_req *req)
{
    volunteer_shift s;
    wy_ctx *ctx = req_ctx(req);
    if (shift_get(ctx, req_id(req, 0), &s, NULL) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, shift_json(ctx, &s));
}

static const char *skills_dup(http_req *req, const char *joined, shift_input *in)
{
    /* ",a,b," back into a list, for a change that leaves the skills as they are */
    size_t n = 0;
    const char **out = arena_alloc(&req->a, (SHIFT_SKILLS_MAX + 8) * sizeof(*out));
    const char *s = joined;
    while (out && s && *s && n < SHIFT_SKILLS_MAX + 8) {
        const char *e = strchr(s + 1, ',');
        if (!e)
            break;
        if (e > s + 1)
            out[n++] = arena_strndup(&req->a, s + 1, (size_t)(e - s - 1));
        s = e;
    }
    in->skills = out;
    in->nskills = n;
    return joined;
}

void api_shift_update(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_shift s;
    if (shift_get(ctx, req_id(req, 0), &s, NULL) < 0) {
        resp_fail(req);
        return;
    }
    json_t *b = req_json(req);
    if (!b)
        return;
    shift_input in = {.title = s.title,
                      .starts_at = s.starts_at,
                      .ends_at = s.ends_at,
                      .place = s.place,
                      .venue_id = s.venue_id,
                      .capacity = s.capacity};
    skills_dup(req, s.skills, &in);
    if (read_shift(req, b, 0, &in) == 0) {
        if (shift_update(ctx, s.id, &in) < 0 || shift_get(ctx, s.id, &s, NULL) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, shift_json(ctx, &s));
    }
    json_decref(b);
}

void api_shift_cancel(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_shift s;
    if (shift_cancel(ctx, req_id(req, 0)) < 0 || shift_get(ctx, req_id(req, 0), &s, NULL) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, shift_json(ctx, &s));
}

/* ---- sign-ups: through the seat writer ---- */

typedef struct api_signup_job {
    signup_job job;
    http_req *req;
} api_signup_job;

/* On the writer thread, once the batch is durable: answer and wake the connection. */
static void signed_up(signup_job *j)
{
    http_req *req = ((api_signup_job *)j)->req;
    const shift_signup_res *r = &j->res;
    req->ctx.err = (wy_error){0};
    if (j->store_rc != WY_OK || r->rc != WY_OK) {
        wy_fail_store(&req->ctx, j->store_rc != WY_OK ? j->store_rc : r->rc, "sign-up");
        resp_fail(req);
    } else if (shift_signup_refuse(&req->ctx, r->outcome) < 0) {
        resp_fail(req);
    } else {
        int waiting = r->outcome == SHIFT_WAITLISTED;
        json_t *body =
            json_pack("{s:I,s:I,s:s}", "id", (json_int_t)r->id, "shift_id",
                      (json_int_t)j->req.shift_id, "status", waiting ? "waitlisted" : "confirmed");
        json_object_set_new(body, "position", waiting ? json_integer(r->position) : json_null());
        resp_json(req, r->replay ? 200 : 201, body);
    }
    req_resume(req);
}

void api_shift_signup(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    api_signup_job *sj = arena_alloc(&req->a, sizeof(*sj));
    if (!sj) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    memset(sj, 0, sizeof(*sj));
    if (shift_signup_prepare(ctx, req_id(req, 0), req_header(req, "Idempotency-Key"),
                             &sj->job.req) < 0) {
        resp_fail(req);
        return;
    }
    sj->req = req;
    sj->job.done = signed_up;
    req_suspend(req);
    if (shift_signup_submit(&sj->job) < 0) { /* the queue is full: say when to come back */
        shift_busy(&req->ctx);
        resp_fail(req);
        req_resume(req);
    }
}

void api_signup_cancel(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (shift_signup_cancel(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "cancelled"));
}

void api_my_shifts(http_req *req)
{
    int limit;
    shift_signup *gs;
    size_t n;
    if (req_limit(req, 50, 200, &limit) < 0)
        return;
    const char *all = req_query(req, "all");
    if (shift_mine(req_ctx(req), !(all && !strcmp(all, "1")), limit, &gs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, signup_json(&gs[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

static void answer(http_req *req, int accept)
{
    shift_signup g;
    if (shift_invitation_answer(req_ctx(req), req_id(req, 0), accept, &g) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, signup_json(&g));
}

void api_signup_accept(http_req *req)
{
    answer(req, 1);
}

void api_signup_decline(http_req *req)
{
    answer(req, 0);
}

/* ---- coordinators ---- */

void api_shift_roster(http_req *req)
{
    volunteer_shift s;
    shift_signup *gs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (shift_roster(ctx, req_id(req, 0), &s, &gs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(gs[i].phone, phone);
        json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:s,s:b,s:o}", "signup_id", (json_int_t)gs[i].id,
                              "volunteer_id", (json_int_t)gs[i].volunteer_id, "name",
                              gs[i].real_name, "phone", phone, "status", gs[i].status, "invited",
                              gs[i].invited_by != 0, "signed_up_at", api_time(gs[i].created_at));
        json_object_set_new(j, "position",
                            !strcmp(gs[i].status, "waitlisted") ? json_integer(gs[i].ahead + 1)
                                                                : json_null());
        settled_json(j, &gs[i]);
        json_array_append_new(arr, j);
    }
    resp_json(req, 200, json_pack("{s:o,s:o}", "shift", shift_json(ctx, &s), "items", arr));
}

void api_shift_available(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    volunteer *vs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (shift_available(ctx, req_id(req, 0), req_query(req, "division"), req_query(req, "skill"),
                        cursor, limit, &vs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char name[CERTIFICATE_NAME_MASKED];
        certificate_mask_name(vs[i].real_name, name);
        int age = volunteer_age(vs[i].birth_date, ctx->now);
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:b,s:o,s:o,s:s}", "id", (json_int_t)vs[i].id, "name", name,
                           "minor", age < VOLUNTEER_ADULT_AGE, "skills", skills_json(vs[i].skills),
                           "areas", skills_json(vs[i].areas), "availability", vs[i].availability));
    }
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? vs[n - 1].id : 0));
}

void api_shift_invite(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t vid, id;
    if (api_int(req, b, "volunteer_id", 1, &vid) == 0) {
        if (shift_invite(req_ctx(req), req_id(req, 0), vid, &id) < 0)
            resp_fail(req);
        else
            resp_json(req, 201,
                      json_pack("{s:I,s:I,s:I,s:s}", "id", (json_int_t)id, "shift_id",
                                (json_int_t)req_id(req, 0), "volunteer_id", (json_int_t)vid,
                                "status", "invited"));
    }
    json_decref(b);
}
