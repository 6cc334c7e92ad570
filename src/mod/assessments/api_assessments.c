/* api_assessments: standards and assessments under /api/v1 (assessments.h decides; these read
 * the input and shape the answers). */
#include "mod/assessments/assessments.h"
#include "mod/assessments/handlers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/assess_source.h"
#include "util/timeutil.h"

#define N_(s) s /* a msgid, translated by bad() */

static json_t *opt_real(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *standard_json(const standard_row *s)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:f,s:o}", "id", (json_int_t)s->id, "name", s->name,
                     "version", s->version, "division", s->division, "total", s->total,
                     "created_at", api_time(s->created_at));
}

static json_t *item_json(const standard_item_row *it)
{
    return json_pack("{s:I,s:i,s:s,s:s,s:s,s:f,s:s,s:o,s:o}", "id", (json_int_t)it->id, "seq",
                     it->seq, "section", it->section, "number", it->number, "title", it->title,
                     "max_points", it->max_points, "evidence", it->evidence, "source",
                     *it->source ? json_string(it->source) : json_null(), "full_at",
                     it->full_at > 0 ? json_real(it->full_at) : json_null());
}

static json_t *grades_json(const standard_grade_row *g, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:s,s:f}", "grade", g[i].grade, "min_total", g[i].min_total));
    return arr;
}

void api_standards_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    standard_row *ss;
    size_t n;
    if (assessments_standard_list(req_ctx(req), cursor, limit, &ss, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, standard_json(&ss[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ss[n - 1].id : 0));
}

static void send_standard(http_req *req, int status, int64_t id)
{
    standard_row s;
    standard_item_row *items;
    standard_grade_row *grades;
    size_t ni, ng;
    if (assessments_standard_get(req_ctx(req), id, &s, &items, &ni, &grades, &ng) < 0) {
        resp_fail(req);
        return;
    }
    json_t *o = standard_json(&s);
    json_t *arr = json_array();
    for (size_t i = 0; i < ni; i++)
        json_array_append_new(arr, item_json(&items[i]));
    json_object_set_new(o, "items", arr);
    json_object_set_new(o, "grades", grades_json(grades, ng));
    resp_json(req, status, o);
}

void api_standard_get(http_req *req)
{
    send_standard(req, 200, req_id(req, 0));
}

static int bad(http_req *req, const char *code, const char *msg)
{
    resp_error(req, 400, code, req_tr(req, msg));
    return -1;
}

static const char *member_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int member_real(json_t *o, const char *key, double *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        *out = NAN;
        return 0;
    }
    if (!json_is_number(v))
        return -1;
    *out = json_number_value(v);
    return 0;
}

/* POST /api/v1/standards {name, version, division?, items: [...], grades: [...]} */
void api_standard_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    standard_input in = {0};
    json_t *items = json_object_get(b, "items"), *grades = json_object_get(b, "grades");
    if (api_str(req, b, "name", 1, &in.name) < 0 ||
        api_str(req, b, "version", 1, &in.version) < 0 ||
        api_str(req, b, "division", 0, &in.division) < 0)
        goto out;
    if (!json_is_array(items) || !json_is_array(grades) ||
        json_array_size(items) > STDIMPORT_MAX_ITEMS || json_array_size(grades) > 4) {
        bad(req, "bad_body", N_("items is an array of at most 500 items, grades of at most 4."));
        goto out;
    }
    wy_ctx *ctx = req_ctx_primary(req);
    size_t ni = json_array_size(items), ng = json_array_size(grades);
    stdimport_item *its = ni ? arena_alloc(ctx->a, ni * sizeof(*its)) : NULL;
    stdimport_grade gs[4];
    if (ni && !its) {
        resp_fail(req);
        goto out;
    }
    for (size_t i = 0; i < ni; i++) {
        json_t *o = json_array_get(items, i);
        double full;
        if (!json_is_object(o) || member_real(o, "max_points", &its[i].max_points) < 0 ||
            member_real(o, "full_at", &full) < 0) {
            bad(req, "bad_item", N_("An item is an object; its points and full_at are numbers."));
            goto out;
        }
        its[i] = (stdimport_item){.section = member_str(o, "section"),
                                  .number = member_str(o, "number"),
                                  .title = member_str(o, "title"),
                                  .evidence = member_str(o, "evidence"),
                                  .source = member_str(o, "source"),
                                  .max_points = its[i].max_points,
                                  .full_at = isnan(full) ? 0 : full,
                                  .line = (int)i + 1};
    }
    for (size_t i = 0; i < ng; i++) {
        json_t *o = json_array_get(grades, i);
        if (!json_is_object(o) || member_real(o, "min_total", &gs[i].min_total) < 0) {
            bad(req, "bad_grade", N_("A grade is an object with its min_total, a number."));
            goto out;
        }
        gs[i].grade = member_str(o, "grade");
        gs[i].line = (int)i + 1;
    }
    in.items = its;
    in.nitems = ni;
    in.grades = gs;
    in.ngrades = ng;
    int64_t id;
    if (assessments_standard_create(ctx, &in, &id) < 0)
        resp_fail(req);
    else
        send_standard(req, 201, id);
out:
    json_decref(b);
}

static int flag(http_req *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static json_t *import_report(http_req *req, const standard_import_result *res, int dry_run)
{
    const stdimport *im = &res->im;
    json_t *rows = json_array();
    for (size_t i = 0; i < im->nrows; i++) {
        const stdimport_row *r = &im->rows[i];
        json_array_append_new(
            rows,
            json_pack("{s:i,s:s,s:o,s:s}", "line", r->line, "kind", stdimport_kind_name(r->kind),
                      "problem", r->problem ? json_string(req_tr(req, r->problem)) : json_null(),
                      "detail", r->detail ? r->detail : ""));
    }
    json_t *items = json_array();
    for (size_t i = 0; i < im->nitems; i++) {
        const stdimport_item *it = &im->items[i];
        json_array_append_new(
            items, json_pack("{s:i,s:s,s:s,s:s,s:f,s:s,s:o,s:o}", "line", it->line, "section",
                             it->section, "number", it->number, "title", it->title, "max_points",
                             it->max_points, "evidence", it->evidence, "source",
                             *it->source ? json_string(it->source) : json_null(), "full_at",
                             it->full_at > 0 ? json_real(it->full_at) : json_null()));
    }
    json_t *grades = json_array();
    for (size_t i = 0; i < im->ngrades; i++)
        json_array_append_new(grades,
                              json_pack("{s:s,s:f,s:i}", "grade", im->grades[i].grade, "min_total",
                                        im->grades[i].min_total, "line", im->grades[i].line));
    return json_pack("{s:b,s:o,s:I,s:I,s:f,s:o,s:o,s:o}", "dry_run", dry_run, "standard_id",
                     res->standard_id ? json_integer(res->standard_id) : json_null(), "items_read",
                     (json_int_t)im->nitems, "refused", (json_int_t)im->nrefused, "total",
                     im->total, "rows", rows, "items", items, "grades", grades);
}

/* POST /api/v1/standards/import?name=&version=&division=&dry_run=: the table as the body */
void api_standards_import(http_req *req)
{
    int dry = flag(req, "dry_run");
    wy_ctx *ctx = req_ctx_primary(req);
    standard_import_result res;
    if (assessments_standard_import(ctx, req_query(req, "name"), req_query(req, "version"),
                                    req_query(req, "division"), req->body.buf, req->body.len, dry,
                                    &res) == 0) {
        resp_json(req, dry ? 200 : 201, import_report(req, &res, dry));
        return;
    }
    if (!res.im.nrows && !res.detail) {
        resp_fail(req);
        return;
    }
    json_t *body = import_report(req, &res, dry);
    json_object_set_new(body, "error",
                        json_pack("{s:s,s:s,s:o}", "code", ctx->err.code, "message",
                                  req_tr(req, ctx->err.message), "detail", opt_str(res.detail)));
    resp_json(req,
              ctx->err.cls == E_CONFLICT    ? 409
              : ctx->err.cls == E_FORBIDDEN ? 403
                                            : 400,
              body);
}

void api_assessment_sources(http_req *req)
{
    size_t n;
    const assess_source *const *all = assess_source_all(&n);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "name", all[i]->name, "unit",
                                             all[i]->unit, "about", req_tr(req, all[i]->about)));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer((json_int_t)id) : json_null();
}

static json_t *stars_json(const assessment_row *a)
{
    int k = assessment_stars(a);
    return k < 0 ? json_null() : json_integer(k);
}

/* The subject is a venue (venue_id, venue) or a unit (unit_id, unit); subject_name is either's. */
static json_t *assessment_json(const assessment_row *a)
{
    return json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:s,s:i,s:s,s:f,s:o,s:o,s:o,s:o,s:o,s:o}", "id",
        (json_int_t)a->id, "standard_id", (json_int_t)a->standard_id, "standard", a->standard_name,
        "standard_version", a->standard_version, "subject", a->unit_id ? "unit" : "venue",
        "venue_id", opt_id(a->venue_id), "venue",
        a->unit_id ? json_null() : json_string(a->venue_name), "unit_id", opt_id(a->unit_id),
        "unit", a->unit_id ? json_string(a->venue_name) : json_null(), "subject_name",
        a->venue_name, "division", a->division, "year", a->year, "status", a->status, "self_total",
        a->self_total, "review_total", opt_real(a->review_total), "grade", opt_str(a->grade),
        "submitted_at", a->submitted_at ? api_time(a->submitted_at) : json_null(), "published_at",
        a->published_at ? api_time(a->published_at) : json_null(), "updated_at",
        api_time(a->updated_at), "stars", stars_json(a));
}

static json_t *view_json(const assessment_view *v)
{
    json_t *o = assessment_json(&v->a);
    json_t *items = json_array();
    for (size_t i = 0; i < v->nitems; i++) {
        const standard_item_row *it = &v->items[i];
        json_t *j = item_json(it);
        const assessment_item_row *ans = NULL;
        for (size_t k = 0; k < v->nanswers; k++)
            if (v->answers[k].item_id == it->id)
                ans = &v->answers[k];
        json_object_set_new(j, "item_id", json_integer(it->id));
        json_object_set_new(j, "self_score", ans ? opt_real(ans->self_score) : json_null());
        json_object_set_new(j, "note", json_string(ans ? ans->note : ""));
        json_object_set_new(j, "drawn", ans ? opt_real(ans->drawn) : json_null());
        json_t *files = json_array();
        for (size_t k = 0; ans && k < v->nevidence; k++)
            if (v->evidence[k].owner_id == ans->id)
                json_array_append_new(files, json_pack("{s:I,s:s,s:s,s:I,s:s}", "id",
                                                       (json_int_t)v->evidence[k].id, "filename",
                                                       v->evidence[k].filename, "content_type",
                                                       v->evidence[k].content_type, "bytes",
                                                       (json_int_t)v->evidence[k].bytes, "sha256",
                                                       v->evidence[k].sha256));
        json_object_set_new(j, "evidence_files", files);
        json_t *scores = json_array();
        for (size_t k = 0; k < v->nscores; k++)
            if (v->scores[k].item_id == it->id)
                json_array_append_new(
                    scores, json_pack("{s:s,s:f,s:s,s:o}", "assessor", v->scores[k].assessor_name,
                                      "score", v->scores[k].score, "comment", v->scores[k].comment,
                                      "scored_at", api_time(v->scores[k].scored_at)));
        json_object_set_new(j, "scores", scores);
        json_array_append_new(items, j);
    }
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "grades", grades_json(v->grades, v->ngrades));
    json_object_set_new(o, "may",
                        json_pack("{s:b,s:b,s:b}", "edit", v->may_edit, "assess", v->may_assess,
                                  "publish", v->may_publish));
    return o;
}

void api_assessments_list(http_req *req)
{
    int limit;
    int64_t cursor, next;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    const char *y = req_query(req, "year");
    int year = y && *y ? atoi(y) : 0;
    if (y && *y && (year < 1990 || year > 2100)) {
        bad(req, "bad_year", N_("The year is from 1990 to 2100."));
        return;
    }
    assessment_row *rows;
    size_t n;
    if (assessment_list(req_ctx(req), req_query(req, "division"), year, cursor, limit, &rows, &n,
                        &next) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, assessment_json(&rows[i]));
    resp_json(req, 200, api_page(arr, next));
}

static void send_view(http_req *req, int status, int64_t id)
{
    assessment_view v;
    if (assessment_get(req_ctx_primary(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, status, view_json(&v));
}

void api_assessment_get(http_req *req)
{
    assessment_view v;
    if (assessment_get(req_ctx(req), req_id(req, 0), &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, view_json(&v));
}

/* POST /api/v1/assessments {standard_id, venue_id | unit_id, year} */
void api_assessment_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t sid, vid = 0, uid = 0, year, id;
    if (api_int(req, b, "standard_id", 1, &sid) == 0 && api_int(req, b, "venue_id", 0, &vid) == 0 &&
        api_int(req, b, "unit_id", 0, &uid) == 0 && api_int(req, b, "year", 1, &year) == 0) {
        if (year < 1990 || year > 2100)
            bad(req, "bad_year", N_("The year is from 1990 to 2100."));
        else if (assessment_create_of(req_ctx_primary(req), sid, vid, uid, (int)year, &id) < 0)
            resp_fail(req);
        else
            send_view(req, 201, id);
    }
    json_decref(b);
}

/* The items array of a body as (item_id, score, text) triples, in the request's arena. */
static int read_items(http_req *req, json_t *b, const char *text_key, int score_required,
                      int64_t **ids, double **scores, const char ***texts, size_t *n)
{
    json_t *items = json_object_get(b, "items");
    if (!json_is_array(items) || json_array_size(items) > STDIMPORT_MAX_ITEMS)
        return bad(req, "bad_body", N_("items is an array of at most 500 items."));
    *n = json_array_size(items);
    arena *a = &req->a;
    *ids = arena_alloc(a, (*n + 1) * sizeof(**ids));
    *scores = arena_alloc(a, (*n + 1) * sizeof(**scores));
    *texts = arena_alloc(a, (*n + 1) * sizeof(**texts));
    if (!*ids || !*scores || !*texts) {
        resp_fail(req);
        return -1;
    }
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(items, i);
        json_t *id = json_object_get(o, "item_id");
        json_t *t = json_object_get(o, text_key);
        if (!json_is_object(o) || !json_is_integer(id) ||
            member_real(o, "score", &(*scores)[i]) < 0 || (t && !json_is_string(t)) ||
            (score_required && isnan((*scores)[i])))
            return bad(req, "bad_item",
                       N_("An item is {item_id, score, note or comment}: an integer, a number and "
                          "text."));
        (*ids)[i] = json_integer_value(id);
        (*texts)[i] = t ? json_string_value(t) : "";
    }
    return 0;
}

/* POST /api/v1/assessments/{id}/self {items: [{item_id, score?, note?}]} */
void api_assessment_self(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t *ids;
    double *scores;
    const char **notes;
    size_t n;
    if (read_items(req, b, "note", 0, &ids, &scores, &notes, &n) == 0) {
        assessment_answer *ans = arena_alloc(&req->a, (n + 1) * sizeof(*ans));
        for (size_t i = 0; ans && i < n; i++)
            ans[i] = (assessment_answer){ids[i], scores[i], notes[i]};
        if (!ans || assessment_self(req_ctx_primary(req), req_id(req, 0), ans, n) < 0)
            resp_fail(req);
        else
            send_view(req, 200, req_id(req, 0));
    }
    json_decref(b);
}

/* POST /api/v1/assessments/{id}/evidence?item=ITEM&name=FILE: the raw file as the body */
void api_assessment_evidence(http_req *req)
{
    const char *item = req_query(req, "item");
    char *end = NULL;
    long long iid = item ? strtoll(item, &end, 10) : 0;
    if (!item || !*item || *end || iid <= 0) {
        bad(req, "bad_item", N_("item is the id of an item of the standard."));
        return;
    }
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    attachment a;
    if (assessment_evidence_add(req_ctx_primary(req), req_id(req, 0), (int64_t)iid, &f, &a) < 0)
        resp_fail(req);
    else
        resp_json(req, 201,
                  json_pack("{s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)a.id, "filename", a.filename,
                            "content_type", a.content_type, "bytes", (json_int_t)a.bytes, "sha256",
                            a.sha256));
}

void api_assessment_submit(http_req *req)
{
    api_submit(req, assessment_submit);
}

/* POST /api/v1/assessments/{id}/review {items: [{item_id, score, comment?}]} */
void api_assessment_review(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t *ids;
    double *scores;
    const char **comments;
    size_t n;
    if (read_items(req, b, "comment", 1, &ids, &scores, &comments, &n) == 0) {
        assessment_mark *m = arena_alloc(&req->a, (n + 1) * sizeof(*m));
        for (size_t i = 0; m && i < n; i++)
            m[i] = (assessment_mark){ids[i], scores[i], comments[i]};
        if (!m || assessment_review(req_ctx_primary(req), req_id(req, 0), m, n) < 0)
            resp_fail(req);
        else
            send_view(req, 200, req_id(req, 0));
    }
    json_decref(b);
}

void api_assessment_publish(http_req *req)
{
    assessment_view v;
    if (assessment_publish(req_ctx_primary(req), req_id(req, 0), &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, view_json(&v));
}

/* Content-Disposition: attachment; filename*=UTF-8''<the name, percent-encoded> (RFC 6266) */
static const char *disposition(http_req *req, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(name);
    char *out = arena_alloc(&req->a, 3 * n + 40);
    if (!out)
        return "attachment";
    size_t o = (size_t)sprintf(out, "attachment; filename*=UTF-8''");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            strchr("!#$&+-.^_`|~", ch)) {
            out[o++] = (char)ch;
        } else {
            out[o++] = '%';
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        }
    }
    out[o] = '\0';
    return out;
}

/* GET /api/v1/assessment-evidence/{id}: an evidence file's bytes, for those who see its
 * assessment (the pages link to it too). */
void api_assessment_evidence_get(http_req *req)
{
    attachment a;
    const char *data;
    size_t len;
    if (assessment_evidence_get(req_ctx(req), req_id(req, 0), &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    resp_header(req, "Content-Disposition", disposition(req, a.filename));
    resp_header(req, "Cache-Control", "private, no-store");
}

/* ---- the inbox's sentences -------------------------------------------------------------- */

const char *web_assessments_notify_text(http_req *req, const notification *n)
{
    const char *what = n->title ? n->title : "?";
    if (!strcmp(n->kind, assessments_kind_submitted.name))
        return arena_sprintf(&req->a, req_tr(req, "A self-assessment to score: %s."), what);
    if (!strcmp(n->kind, assessments_kind_scored.name))
        return arena_sprintf(&req->a, req_tr(req, "The assessors have scored %s."), what);
    if (!strcmp(n->kind, assessments_kind_published.name))
        return arena_sprintf(&req->a, req_tr(req, "The assessment of %s is published."), what);
    if (!strcmp(n->kind, assessments_kind_awarded.name))
        return arena_sprintf(&req->a, req_tr(req, "Awarded: %s."), what);
    if (!strcmp(n->kind, assessments_kind_call_deadline.name)) {
        /* the last day, in China time */
        time_t t = (time_t)(n->at / 1000 + WY_TZ_OFFSET_MIN * 60);
        struct tm tm;
        char day[16] = "";
        if (gmtime_r(&t, &tm))
            strftime(day, sizeof(day), "%Y-%m-%d", &tm);
        return arena_sprintf(&req->a, req_tr(req, "The call %s closes on %s: apply or recommend."),
                             what, day);
    }
    return arena_sprintf(&req->a, req_tr(req, "Not awarded: %s."), what);
}
