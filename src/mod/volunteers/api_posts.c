/* api_posts: posts at venues and offers to take them, pairings of teams with venues, and the
 * insurance of projects under /api/v1 (posts.h). */
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/certificate.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/posts.h"

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

static json_t *post_json(const volunteer_post *p)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:o,s:s,s:i,s:s,s:s,s:i,s:o,s:o}", "id",
                     (json_int_t)p->id, "venue_id", (json_int_t)p->venue_id, "venue_name",
                     p->venue_name, "division", p->division, "title", p->title, "skills",
                     skills_json(p->skills), "description", p->description, "wanted", p->wanted,
                     "schedule", p->schedule, "status", p->status, "accepted", p->accepted,
                     "created_at", api_time(p->created_at), "updated_at", api_time(p->updated_at));
}

/* An application; the volunteer's name masked unless full (coordinators), the phone masked. */
static json_t *application_json(const post_application *g, int full)
{
    char name[CERTIFICATE_NAME_MASKED];
    certificate_mask_name(g->real_name, name);
    json_t *j =
        json_pack("{s:I,s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)g->id, "post_id",
                  (json_int_t)g->post_id, "status", g->status, "name", full ? g->real_name : name,
                  "created_at", api_time(g->created_at), "updated_at", api_time(g->updated_at));
    if (full) {
        char phone[32];
        account_mask_phone(g->phone, phone);
        json_object_set_new(j, "volunteer_id", json_integer(g->volunteer_id));
        json_object_set_new(j, "phone", json_string(phone));
        json_object_set_new(j, "note", json_string(g->note));
    }
    return j;
}

static json_t *pairing_json(const volunteer_pairing *p)
{
    json_t *j = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)p->id, "org_id",
                          (json_int_t)p->org_id, "org_name", p->org_name, "venue_id",
                          (json_int_t)p->venue_id, "venue_name", p->venue_name, "division",
                          p->division, "starts_on", p->starts_on, "note", p->note);
    json_object_set_new(j, "ends_on", p->ends_on ? json_string(p->ends_on) : json_null());
    return j;
}

/* A query parameter that is an id when present (0 when absent); -1 with a 400 answer. */
static int query_id(http_req *req, const char *name, int64_t *out)
{
    const char *v = req_query(req, name);
    *out = 0;
    if (!v || !*v)
        return 0;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end || n <= 0) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a, req_tr(req, "%s is a positive integer."), name));
        return -1;
    }
    *out = n;
    return 0;
}

/* The skills member into in (absent: none). */
static int read_skills(http_req *req, json_t *b, post_input *in)
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

void api_volunteer_posts_list(http_req *req)
{
    int limit;
    int64_t cursor, venue;
    volunteer_post *ps;
    size_t n;
    if (req_page(req, 20, 100, &limit, &cursor) < 0 || query_id(req, "venue_id", &venue) < 0)
        return;
    const char *all = req_query(req, "all");
    if (post_list(req_ctx(req), req_query(req, "division"), venue, all && !strcmp(all, "1"), cursor,
                  limit, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, post_json(&ps[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ps[n - 1].id : 0));
}

void api_volunteer_post_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    post_input in = {0};
    int64_t venue = 0, wanted = 0, id;
    const char *title = NULL, *desc = NULL, *sched = NULL;
    wy_ctx *ctx = req_ctx(req);
    volunteer_post p;
    if (api_int(req, b, "venue_id", 1, &venue) == 0 && api_str(req, b, "title", 1, &title) == 0 &&
        api_str(req, b, "description", 0, &desc) == 0 &&
        api_str(req, b, "schedule", 0, &sched) == 0 && api_int(req, b, "wanted", 1, &wanted) == 0 &&
        read_skills(req, b, &in) == 0) {
        in.venue_id = venue;
        in.title = arena_strdup(&req->a, title);
        in.description = desc ? arena_strdup(&req->a, desc) : NULL;
        in.schedule = sched ? arena_strdup(&req->a, sched) : NULL;
        in.wanted = wanted > POST_WANTED_MAX ? POST_WANTED_MAX + 1 : wanted < 0 ? 0 : (int)wanted;
        if (post_create(ctx, &in, &id) < 0 || post_get(ctx, id, &p) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, post_json(&p));
    }
    json_decref(b);
}

void api_volunteer_post_update(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_post p;
    if (post_get(ctx, req_id(req, 0), &p) < 0) {
        resp_fail(req);
        return;
    }
    json_t *b = req_json(req);
    if (!b)
        return;
    /* what is left out stays: start from the post as it is */
    const char *skills[POST_SKILLS_MAX + 1];
    post_input in = {.venue_id = p.venue_id,
                     .title = p.title,
                     .description = p.description,
                     .schedule = p.schedule,
                     .wanted = p.wanted,
                     .skills = skills};
    for (const char *s = p.skills; s && *s && in.nskills < POST_SKILLS_MAX;) {
        const char *e = strchr(s + 1, ',');
        if (!e)
            break;
        if (e > s + 1)
            skills[in.nskills++] = arena_strndup(&req->a, s + 1, (size_t)(e - s - 1));
        s = e;
    }
    int64_t wanted = p.wanted;
    const char *title = NULL, *desc = NULL, *sched = NULL;
    if (api_str(req, b, "title", 0, &title) == 0 && api_str(req, b, "description", 0, &desc) == 0 &&
        api_str(req, b, "schedule", 0, &sched) == 0 && api_int(req, b, "wanted", 0, &wanted) == 0 &&
        read_skills(req, b, &in) == 0) {
        if (title)
            in.title = arena_strdup(&req->a, title);
        if (desc)
            in.description = arena_strdup(&req->a, desc);
        if (sched)
            in.schedule = arena_strdup(&req->a, sched);
        in.wanted = wanted > POST_WANTED_MAX ? POST_WANTED_MAX + 1 : wanted < 0 ? 0 : (int)wanted;
        if (post_update(ctx, p.id, &in) < 0 || post_get(ctx, p.id, &p) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, post_json(&p));
    }
    json_decref(b);
}

void api_volunteer_post_reopen(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_post p;
    if (post_reopen(ctx, req_id(req, 0)) < 0 || post_get(ctx, req_id(req, 0), &p) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, post_json(&p));
}

void api_volunteer_post_get(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_post p;
    post_application *gs;
    size_t n;
    if (post_get(ctx, req_id(req, 0), &p) < 0 || post_accepted(ctx, p.id, &gs, &n) < 0) {
        resp_fail(req);
        return;
    }
    int full = post_may_manage(ctx, &p);
    json_t *j = post_json(&p);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, application_json(&gs[i], full));
    json_object_set_new(j, "accepted_volunteers", arr);
    if (full)
        json_object_set_new(j, "pending", json_integer(p.pending));
    post_application mine;
    int has = post_mine_in(ctx, p.id, &mine);
    if (has < 0) {
        json_decref(j);
        resp_fail(req);
        return;
    }
    json_object_set_new(j, "my_application", has ? application_json(&mine, 0) : json_null());
    resp_json(req, 200, j);
}

void api_volunteer_post_close(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_post p;
    if (post_close(ctx, req_id(req, 0)) < 0 || post_get(ctx, req_id(req, 0), &p) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, post_json(&p));
}

void api_volunteer_post_apply(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *note = NULL;
    int64_t id;
    wy_ctx *ctx = req_ctx(req);
    post_application g;
    if (api_str(req, b, "note", 0, &note) == 0) {
        if (post_apply(ctx, req_id(req, 0), note, &id) < 0 || post_application_get(ctx, id, &g) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, application_json(&g, 0));
    }
    json_decref(b);
}

void api_volunteer_post_applications(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    post_application *gs;
    size_t n;
    if (post_applications(ctx, req_id(req, 0), 0, &gs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, application_json(&gs[i], 1));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_volunteer_post_application_decide(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    wy_ctx *ctx = req_ctx(req);
    json_t *v = json_object_get(b, "accept");
    post_application g;
    if (!json_is_boolean(v)) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a, req_tr(req, "%s is true or false."), "accept"));
    } else if (post_decide(ctx, req_id(req, 0), json_is_true(v)) < 0 ||
               post_application_get(ctx, req_id(req, 0), &g) < 0) {
        resp_fail(req);
    } else {
        resp_json(req, 200, application_json(&g, 1));
    }
    json_decref(b);
}

void api_volunteer_post_application_withdraw(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (post_withdraw(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "withdrawn"));
}

void api_volunteer_pairings_list(http_req *req)
{
    int64_t venue, org;
    volunteer_pairing *ps;
    size_t n;
    if (query_id(req, "venue_id", &venue) < 0 || query_id(req, "org_id", &org) < 0)
        return;
    if (!venue && !org) {
        resp_error(req, 400, "bad_field", req_tr(req, "Name a venue_id or an org_id."));
        return;
    }
    if (pairing_list(req_ctx(req), venue, org, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, pairing_json(&ps[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_volunteer_pairing_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t org = 0, venue = 0, id;
    const char *from = NULL, *to = NULL, *note = NULL;
    wy_ctx *ctx = req_ctx(req);
    volunteer_pairing p;
    if (api_int(req, b, "org_id", 1, &org) == 0 && api_int(req, b, "venue_id", 1, &venue) == 0 &&
        api_str(req, b, "starts_on", 1, &from) == 0 && api_str(req, b, "ends_on", 0, &to) == 0 &&
        api_str(req, b, "note", 0, &note) == 0) {
        if (pairing_create(ctx, org, venue, from, to, note, &id) < 0 ||
            pairing_get(ctx, id, &p) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, pairing_json(&p));
    }
    json_decref(b);
}

void api_volunteer_pairing_end(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *to = NULL;
    wy_ctx *ctx = req_ctx(req);
    volunteer_pairing p;
    if (api_str(req, b, "ends_on", 1, &to) == 0) {
        if (pairing_end(ctx, req_id(req, 0), to) < 0 || pairing_get(ctx, req_id(req, 0), &p) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, pairing_json(&p));
    }
    json_decref(b);
}

/* The insurance as the caller may see it: the policy number for coordinators only. */
static json_t *insurance_json(const project_insurance *r, int full)
{
    json_t *j =
        json_pack("{s:I,s:s,s:s,s:s,s:s,s:o}", "project_id", (json_int_t)r->project_id, "insurer",
                  r->insurer, "cover_from", r->cover_from, "cover_to", r->cover_to, "summary",
                  r->summary, "updated_at", api_time(r->updated_at));
    if (full)
        json_object_set_new(j, "policy_no", json_string(r->policy_no));
    return j;
}

void api_volunteer_project_insurance_get(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    project_insurance r;
    volunteer_project p;
    int has = insurance_get(ctx, req_id(req, 0), &r);
    if (has < 0 || volunteer_project_get(ctx, req_id(req, 0), &p) < 0) {
        resp_fail(req);
        return;
    }
    if (!has) {
        resp_error(req, 404, "not_found", req_tr(req, "This project has no insurance recorded."));
        return;
    }
    resp_json(req, 200, insurance_json(&r, insurance_may_see_policy(ctx, &p)));
}

void api_volunteer_project_insurance_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    project_insurance in = {0}, r;
    wy_ctx *ctx = req_ctx(req);
    if (api_str(req, b, "insurer", 1, &in.insurer) == 0 &&
        api_str(req, b, "policy_no", 1, &in.policy_no) == 0 &&
        api_str(req, b, "cover_from", 1, &in.cover_from) == 0 &&
        api_str(req, b, "cover_to", 1, &in.cover_to) == 0 &&
        api_str(req, b, "summary", 0, &in.summary) == 0) {
        if (insurance_put(ctx, req_id(req, 0), &in) < 0 ||
            insurance_get(ctx, req_id(req, 0), &r) != 1)
            resp_fail(req);
        else
            resp_json(req, 200, insurance_json(&r, 1));
    }
    json_decref(b);
}
