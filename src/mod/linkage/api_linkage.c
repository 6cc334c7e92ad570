/* api_linkage: regional linkage programmes under /api/v1/linkage (linkage.h decides; these
 * read the input and shape the answers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/linkage/handlers.h"
#include "mod/linkage/linkage.h"

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *opt_score(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

static json_t *themes_json(const char *themes)
{
    json_t *arr = json_array();
    for (const char *s = themes; s && *s;) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        json_array_append_new(arr, json_stringn(s, n));
        if (!e)
            break;
        s = e + 1;
    }
    return arr;
}

static json_t *programme_json(const lk_programme *p)
{
    return json_pack(
        "{s:I,s:s,s:s,s:i,s:s,s:o,s:{s:i,s:i},s:o,s:o,s:o}", "id", (json_int_t)p->id, "division",
        p->division, "title", p->title, "year", p->year, "description", p->description, "themes",
        themes_json(p->themes), "weights", "participant", p->weight_participant, "sessions",
        p->weight_sessions, "updated_at", api_time(p->updated_at), "published_at",
        p->published_at ? api_time(p->published_at) : json_null(), "results_published_at",
        p->results_published_at ? api_time(p->results_published_at) : json_null());
}

static json_t *participant_json(const lk_participant *p)
{
    json_t *o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)p->id, "division", p->division, "name",
                          p->name);
    json_object_set_new(o, "self_evaluation",
                        p->self_text ? json_pack("{s:s,s:i,s:o}", "text", p->self_text, "score",
                                                 p->self_score, "at", api_time(p->self_at))
                                     : json_null());
    return o;
}

static json_t *view_json(const lk_view *v)
{
    json_t *o = programme_json(&v->p);
    json_t *st = json_array(), *ps = json_array();
    for (size_t i = 0; i < v->nstages; i++)
        json_array_append_new(st, json_pack("{s:s,s:o,s:s}", "stage", v->stages[i].stage,
                                            "starts_on", opt_str(v->stages[i].starts_on), "due_on",
                                            v->stages[i].due_on));
    for (size_t i = 0; i < v->nparts; i++)
        json_array_append_new(ps, participant_json(&v->parts[i]));
    json_object_set_new(o, "stages", st);
    json_object_set_new(o, "participants", ps);
    json_object_set_new(o, "sees_all", json_boolean(v->all));
    return o;
}

static json_t *plan_json(const lk_plan *p)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)p->id, "participant_id",
                     (json_int_t)p->participant_id, "division", p->division, "title", p->title,
                     "content", p->content, "status", p->status, "submitted_at",
                     api_time(p->submitted_at), "updated_at", api_time(p->updated_at));
}

static json_t *divisions_json(const lk_guest *g, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:s,s:s}", "division", g[i].division, "name", g[i].name));
    return arr;
}

static json_t *media_json(const lk_media *m)
{
    char url[64];
    snprintf(url, sizeof url, "/api/v1/linkage/materials/%lld", (long long)m->a.id);
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:o}", "id", (json_int_t)m->a.id, "kind", m->kind,
                     "filename", m->a.filename, "content_type", m->a.content_type, "bytes",
                     (json_int_t)m->a.bytes, "url", url, "created_at", api_time(m->a.created_at));
}

static json_t *activity_json(const lk_activity_view *v)
{
    const lk_activity *x = &v->x;
    json_t *media = json_array();
    for (size_t i = 0; i < v->nmedia; i++)
        json_array_append_new(media, media_json(&v->media[i]));
    json_t *o =
        json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s},s:o,s:s,s:o,s:o,s:b}", "id",
                  (json_int_t)x->id, "programme_id", (json_int_t)x->programme_id, "plan_id",
                  (json_int_t)x->plan_id, "kind", x->kind, "theme", x->theme, "title", x->title,
                  "starts_on", x->starts_on, "ends_on", x->ends_on, "host", "division", x->host,
                  "name", x->host_name, "guests", divisions_json(v->guests, v->nguests), "summary",
                  x->summary, "summary_at", x->summary_at ? api_time(x->summary_at) : json_null(),
                  "media", media, "materials_complete", *x->summary && v->nmedia > 0);
    json_object_set_new(
        o, "agreement",
        v->agreement.id ? json_pack("{s:I,s:s,s:s,s:o}", "id", (json_int_t)v->agreement.id, "text",
                                    v->agreement.text, "signed_on", v->agreement.signed_on,
                                    "members", divisions_json(v->members, v->nmembers))
                        : json_null());
    return o;
}

static json_t *result_json(const lk_result *r)
{
    return json_pack(
        "{s:s,s:s,s:o,s:o,s:i,s:o,s:i,s:o,s:o}", "division", r->part->division, "name",
        r->part->name, "self_score", r->self_score >= 0 ? json_integer(r->self_score) : json_null(),
        "participant_score", opt_score(r->participant_score), "experts", r->experts,
        "session_score", opt_score(r->session_score), "sessions", r->sessions, "result",
        opt_score(r->result), "rank", r->rank ? json_integer(r->rank) : json_null());
}

static json_t *commendation_json(const lk_commendation *k)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:o}", "id", (json_int_t)k->id, "division", k->division,
                     "title", k->title, "citation", k->citation, "created_at",
                     api_time(k->created_at));
}

/* A list of strings of a JSON body (absent: none): -1 with a 400 when it is not one. */
static int str_list(http_req *req, json_t *b, const char *key, const char **out, size_t *n)
{
    json_t *arr = json_object_get(b, key);
    *n = 0;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > LINKAGE_LIST_MAX) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a,
                                 req_tr(req, "The field %s is a list of at most 32 texts."), key));
        return -1;
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_string(v)) {
            resp_error(req, 400, "bad_field",
                       arena_sprintf(&req->a,
                                     req_tr(req, "The field %s is a list of at most 32 texts."),
                                     key));
            return -1;
        }
        out[(*n)++] = json_string_value(v);
    }
    return 0;
}

static int small_int(http_req *req, json_t *b, const char *key, int required, int *out)
{
    int64_t v = 0;
    if (api_int(req, b, key, required, &v) < 0)
        return -1;
    if (v < -1000000 || v > 1000000) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a, req_tr(req, "The field %s is out of range."), key));
        return -1;
    }
    *out = (int)v;
    return 0;
}

void api_lk_programmes_list(http_req *req)
{
    int limit;
    int64_t cursor, next;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    lk_programme *ps;
    size_t n;
    if (linkage_programme_list(req_ctx(req), cursor, limit, &ps, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, programme_json(&ps[i]));
    resp_json(req, 200, api_page(arr, next));
}

void api_lk_programme_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    lk_programme_input in = {0};
    json_t *st = json_object_get(b, "stages");
    int bad = api_str(req, b, "division", 1, &in.division) < 0 ||
              api_str(req, b, "title", 1, &in.title) < 0 ||
              api_str(req, b, "description", 0, &in.description) < 0 ||
              small_int(req, b, "year", 1, &in.year) < 0 ||
              small_int(req, b, "weight_participant", 0, &in.weight_participant) < 0 ||
              small_int(req, b, "weight_sessions", 0, &in.weight_sessions) < 0 ||
              str_list(req, b, "themes", in.themes, &in.nthemes) < 0;
    if (!bad && st && (!json_is_array(st) || json_array_size(st) > LINKAGE_LIST_MAX)) {
        resp_error(req, 400, "bad_stages", req_tr(req, "The stages are a list of objects."));
        bad = 1;
    }
    for (size_t i = 0; !bad && st && i < json_array_size(st); i++) {
        json_t *s = json_array_get(st, i);
        lk_stage *o = &in.stages[in.nstages++];
        if (!json_is_object(s)) {
            resp_error(req, 400, "bad_stages", req_tr(req, "The stages are a list of objects."));
            bad = 1;
        } else
            bad = api_str(req, s, "stage", 1, &o->stage) < 0 ||
                  api_str(req, s, "starts_on", 0, &o->starts_on) < 0 ||
                  api_str(req, s, "due_on", 1, &o->due_on) < 0;
    }
    int64_t id;
    lk_view v;
    if (!bad) {
        if (linkage_programme_create(req_ctx(req), &in, &id) < 0 ||
            linkage_programme_view(req_ctx(req), id, &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, view_json(&v));
    }
    json_decref(b);
}

void api_lk_programme_get(http_req *req)
{
    lk_view v;
    if (linkage_programme_view(req_ctx(req), req_id(req, 0), &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, view_json(&v));
}

void api_lk_participant_add(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *div;
    int64_t id;
    lk_view v;
    if (api_str(req, b, "division", 1, &div) == 0) {
        if (linkage_participant_add(req_ctx(req), req_id(req, 0), div, &id) < 0 ||
            linkage_programme_view(req_ctx(req), req_id(req, 0), &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, view_json(&v));
    }
    json_decref(b);
}

void api_lk_plans_list(http_req *req)
{
    lk_plan *ps;
    size_t n;
    if (linkage_plans(req_ctx(req), req_id(req, 0), &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, plan_json(&ps[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_lk_plan_submit(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *div, *title, *content;
    lk_plan p;
    if (api_str(req, b, "division", 1, &div) == 0 && api_str(req, b, "title", 1, &title) == 0 &&
        api_str(req, b, "content", 0, &content) == 0) {
        if (linkage_plan_submit(req_ctx(req), req_id(req, 0), div, title, content, &p) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, plan_json(&p));
    }
    json_decref(b);
}

void api_lk_plan_withdraw(http_req *req)
{
    lk_plan p;
    if (linkage_plan_withdraw(req_ctx(req), req_id(req, 0), &p) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, plan_json(&p));
}

void api_lk_activities_list(http_req *req)
{
    lk_activity_view *as;
    size_t n;
    if (linkage_activities(req_ctx(req), req_id(req, 0), &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, activity_json(&as[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_lk_activity_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    lk_activity_input in = {0};
    json_t *ag = json_object_get(b, "agreement");
    int bad = api_int(req, b, "plan_id", 1, &in.plan_id) < 0 ||
              api_str(req, b, "kind", 1, &in.kind) < 0 ||
              api_str(req, b, "theme", 1, &in.theme) < 0 ||
              api_str(req, b, "title", 1, &in.title) < 0 ||
              api_str(req, b, "starts_on", 1, &in.starts_on) < 0 ||
              api_str(req, b, "ends_on", 1, &in.ends_on) < 0 ||
              api_str(req, b, "host", 1, &in.host) < 0 ||
              str_list(req, b, "guests", in.guests, &in.nguests) < 0;
    if (!bad && ag && !json_is_null(ag)) {
        if (!json_is_object(ag)) {
            resp_error(req, 400, "bad_agreement",
                       req_tr(req, "The agreement is an object: text, signed_on, members."));
            bad = 1;
        } else
            bad = api_str(req, ag, "text", 1, &in.agreement_text) < 0 ||
                  api_str(req, ag, "signed_on", 1, &in.agreement_signed_on) < 0 ||
                  str_list(req, ag, "members", in.members, &in.nmembers) < 0;
    }
    int64_t id;
    lk_activity_view v;
    if (!bad) {
        if (linkage_activity_create(req_ctx(req), req_id(req, 0), &in, &id) < 0 ||
            linkage_activity_get(req_ctx(req), id, &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, activity_json(&v));
    }
    json_decref(b);
}

void api_lk_activity_get(http_req *req)
{
    lk_activity_view v;
    if (linkage_activity_get(req_ctx(req), req_id(req, 0), &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, activity_json(&v));
}

void api_lk_summary_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *summary;
    lk_activity_view v;
    if (api_str(req, b, "summary", 1, &summary) == 0) {
        if (linkage_summary_set(req_ctx(req), req_id(req, 0), summary) < 0 ||
            linkage_activity_get(req_ctx(req), req_id(req, 0), &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, activity_json(&v));
    }
    json_decref(b);
}

void api_lk_media_add(http_req *req)
{
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    const char *kind = req_query(req, "kind");
    attachment out;
    if (linkage_media_add(req_ctx(req), req_id(req, 0), kind, &f, &out) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, media_json(&(lk_media){kind, out}));
}

void api_lk_media_get(http_req *req)
{
    attachment a;
    const char *data;
    size_t len;
    if (linkage_media_get(req_ctx(req), req_id(req, 0), &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    resp_header(req, "Content-Disposition",
                arena_sprintf(&req->a, "attachment; filename=\"linkage-%lld\"", (long long)a.id));
    resp_header(req, "Cache-Control", "private, max-age=300");
}

void api_lk_media_remove(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t activity;
    lk_activity_view v;
    if (linkage_media_remove(ctx, req_id(req, 0), &activity) < 0 ||
        linkage_activity_get(ctx, activity, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, activity_json(&v));
}

void api_lk_self_evaluate(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *div, *text;
    int score;
    lk_view v;
    if (api_str(req, b, "division", 1, &div) == 0 && api_str(req, b, "text", 1, &text) == 0 &&
        small_int(req, b, "score", 1, &score) == 0) {
        if (linkage_self_evaluate(req_ctx(req), req_id(req, 0), div, text, score) < 0 ||
            linkage_programme_view(req_ctx(req), req_id(req, 0), &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, view_json(&v));
    }
    json_decref(b);
}

static void criteria_answer(http_req *req, int status)
{
    lk_criterion *ks;
    size_t n;
    if (linkage_criteria(req_ctx(req), req_id(req, 0), &ks, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:I,s:s,s:s,s:i}", "id", (json_int_t)ks[i].id, "target",
                                        ks[i].target, "name", ks[i].name, "weight", ks[i].weight));
    resp_json(req, status, json_pack("{s:o}", "items", arr));
}

void api_lk_criteria_get(http_req *req)
{
    criteria_answer(req, 200);
}

void api_lk_criteria_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *arr = json_object_get(b, "items");
    lk_criterion ks[LINKAGE_LIST_MAX];
    size_t n = 0;
    int bad = 0;
    if (!json_is_array(arr) || json_array_size(arr) > LINKAGE_LIST_MAX) {
        resp_error(req, 400, "bad_criteria",
                   req_tr(req, "The items are a list of at most 32 criteria."));
        bad = 1;
    }
    for (size_t i = 0; !bad && i < json_array_size(arr); i++) {
        json_t *o = json_array_get(arr, i);
        lk_criterion *k = &ks[n++];
        memset(k, 0, sizeof(*k));
        if (!json_is_object(o)) {
            resp_error(req, 400, "bad_criteria",
                       req_tr(req, "The items are a list of at most 32 criteria."));
            bad = 1;
        } else
            bad = api_str(req, o, "target", 1, &k->target) < 0 ||
                  api_str(req, o, "name", 1, &k->name) < 0 ||
                  small_int(req, o, "weight", 1, &k->weight) < 0;
    }
    if (!bad) {
        if (linkage_criteria_set(req_ctx(req), req_id(req, 0), ks, n) < 0)
            resp_fail(req);
        else
            criteria_answer(req, 200);
    }
    json_decref(b);
}

void api_lk_score(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *target, *div = NULL, *comment;
    int64_t activity = 0;
    int64_t crit[LINKAGE_LIST_MAX];
    int scores[LINKAGE_LIST_MAX];
    size_t n = 0;
    json_t *arr = json_object_get(b, "scores");
    int bad = api_str(req, b, "target", 1, &target) < 0 ||
              api_int(req, b, "activity_id", 0, &activity) < 0 ||
              api_str(req, b, "division", 0, &div) < 0 ||
              api_str(req, b, "comment", 0, &comment) < 0;
    if (!bad && (!json_is_array(arr) || json_array_size(arr) > LINKAGE_LIST_MAX)) {
        resp_error(req, 400, "bad_scores",
                   req_tr(req, "The scores are a list of {criterion_id, score}."));
        bad = 1;
    }
    for (size_t i = 0; !bad && i < json_array_size(arr); i++) {
        json_t *o = json_array_get(arr, i);
        if (!json_is_object(o)) {
            resp_error(req, 400, "bad_scores",
                       req_tr(req, "The scores are a list of {criterion_id, score}."));
            bad = 1;
        } else {
            bad = api_int(req, o, "criterion_id", 1, &crit[n]) < 0 ||
                  small_int(req, o, "score", 1, &scores[n]) < 0;
            n++;
        }
    }
    if (!bad) {
        if (linkage_score(req_ctx(req), req_id(req, 0), target, activity, div, crit, scores, n,
                          comment) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, json_pack("{s:s,s:I}", "target", target, "scored", (json_int_t)n));
    }
    json_decref(b);
}

void api_lk_evaluation(http_req *req)
{
    lk_view v;
    lk_result *rs;
    size_t n;
    if (linkage_evaluation(req_ctx(req), req_id(req, 0), &v, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, result_json(&rs[i]));
    resp_json(req, 200,
              json_pack("{s:{s:i,s:i},s:o}", "weights", "participant", v.p.weight_participant,
                        "sessions", v.p.weight_sessions, "items", arr));
}

void api_lk_commendations_list(http_req *req)
{
    lk_commendation *ks;
    size_t n;
    if (linkage_commendations(req_ctx(req), req_id(req, 0), &ks, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, commendation_json(&ks[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_lk_commend(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *div, *title, *citation;
    int64_t id;
    if (api_str(req, b, "division", 1, &div) == 0 && api_str(req, b, "title", 1, &title) == 0 &&
        api_str(req, b, "citation", 0, &citation) == 0) {
        if (linkage_commend(req_ctx(req), req_id(req, 0), div, title, citation, &id) < 0)
            resp_fail(req);
        else
            resp_json(req, 201,
                      json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "division", div, "title",
                                title, "citation", citation ? citation : ""));
    }
    json_decref(b);
}

void api_lk_publish(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *what;
    lk_view v;
    if (api_str(req, b, "what", 1, &what) == 0) {
        wy_ctx *ctx = req_ctx(req);
        if (linkage_publish(ctx, req_id(req, 0), what) < 0 ||
            linkage_programme_view(ctx, req_id(req, 0), &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, programme_json(&v.p));
    }
    json_decref(b);
}

void api_lk_summary(http_req *req)
{
    const char *format = req_query(req, "format");
    if (format && strcmp(format, "json") && strcmp(format, "markdown")) {
        resp_error(req, 400, "bad_format", req_tr(req, "The format is json or markdown."));
        return;
    }
    lk_summary s;
    wy_ctx *ctx = req_ctx(req);
    if (linkage_summary(ctx, req_id(req, 0), &s) < 0) {
        resp_fail(req);
        return;
    }
    if (format && !strcmp(format, "markdown")) {
        const char *md = linkage_summary_markdown(ctx, &s);
        resp_text(req, 200, "text/markdown; charset=utf-8", md, strlen(md));
        return;
    }
    json_t *o = view_json(&s.v), *plans = json_array(), *acts = json_array(), *res = json_array(),
           *cs = json_array();
    for (size_t i = 0; i < s.nplans; i++)
        json_array_append_new(plans, plan_json(&s.plans[i]));
    size_t complete = 0;
    for (size_t i = 0; i < s.nacts; i++) {
        json_array_append_new(acts, activity_json(&s.acts[i]));
        complete += *s.acts[i].x.summary && s.acts[i].nmedia > 0;
    }
    for (size_t i = 0; i < s.nresults; i++)
        json_array_append_new(res, result_json(&s.results[i]));
    for (size_t i = 0; i < s.ncommends; i++)
        json_array_append_new(cs, commendation_json(&s.commends[i]));
    json_object_set_new(o, "plans", plans);
    json_object_set_new(o, "activities", acts);
    json_object_set_new(o, "materials",
                        json_pack("{s:I,s:I}", "activities", (json_int_t)s.nacts, "complete",
                                  (json_int_t)complete));
    json_object_set_new(o, "evaluation", res);
    json_object_set_new(o, "commendations", cs);
    resp_json(req, 200, o);
}

const char *web_linkage_text(http_req *req, const notification *n)
{
    return arena_sprintf(&req->a,
                         req_tr(req, "The materials of the linkage activity “%s” are missing: "
                                     "submit its summary and media (programme, photos, video)."),
                         n->title ? n->title : "?");
}
