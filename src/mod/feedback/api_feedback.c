/* api_feedback: surveys and complaints under /api/v1/feedback (feedback.h decides; these read
 * the input and shape the answers). */
#include "mod/feedback/feedback.h"
#include "mod/feedback/handlers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/csvwrite.h"
#include "util/timeutil.h"

static json_t *opt_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *opt_id(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

static json_t *questions_json(const survey_question *q, size_t nq)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < nq; i++) {
        json_t *opts = json_array();
        for (size_t k = 0; k < q[i].noptions; k++)
            json_array_append_new(opts, json_string(q[i].options[k]));
        json_array_append_new(arr, json_pack("{s:i,s:s,s:s,s:o,s:b}", "index", (int)i, "kind",
                                             q[i].kind, "text", q[i].text, "options", opts,
                                             "required", q[i].required));
    }
    return arr;
}

static json_t *survey_json(const survey_row *s, int64_t now)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:b,s:I}", "id",
                     (json_int_t)s->id, "kind", s->kind, "title", s->title, "intro", s->intro,
                     "division", s->division, "target_kind", s->target_kind, "target_id",
                     opt_id(s->target_id), "venue_id", opt_id(s->venue_id), "opens_at",
                     api_time(s->opens_at), "closes_at", api_time(s->closes_at), "anonymous",
                     s->anonymous, "open", now >= s->opens_at && now < s->closes_at, "responses",
                     (json_int_t)s->responses);
}

static int flag(http_req *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

void api_surveys_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    survey_row *ss;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (feedback_survey_list(ctx, req_query(req, "division"), flag(req, "open"), cursor, limit, &ss,
                             &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, survey_json(&ss[i], ctx->now));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ss[n - 1].id : 0));
}

/* An RFC 3339 time member (or ms since the epoch). */
static int time_member(http_req *req, json_t *body, const char *key, int64_t *out)
{
    json_t *v = json_object_get(body, key);
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 0;
    }
    const char *s = json_string_value(v);
    if (!s || time_parse_rfc3339(s, out) < 0) {
        resp_error(req, 400, "bad_window",
                   req_tr(req, "Times are RFC 3339 (2026-05-01T09:00:00+08:00)."));
        return -1;
    }
    return 0;
}

void api_survey_create(http_req *req)
{
    json_t *body = req_json(req);
    if (!body)
        return;
    survey_input in = {0};
    int64_t target = 0, venue = 0;
    json_t *anon = json_object_get(body, "anonymous");
    if (api_str(req, body, "kind", 1, &in.kind) < 0 ||
        api_str(req, body, "title", 1, &in.title) < 0 ||
        api_str(req, body, "intro", 0, &in.intro) < 0 ||
        api_str(req, body, "division", 0, &in.division) < 0 ||
        api_str(req, body, "target_kind", 0, &in.target_kind) < 0 ||
        api_int(req, body, "target_id", 0, &target) < 0 ||
        api_int(req, body, "venue_id", 0, &venue) < 0 ||
        time_member(req, body, "opens_at", &in.opens_at) < 0 ||
        time_member(req, body, "closes_at", &in.closes_at) < 0) {
        json_decref(body);
        return;
    }
    if (anon && !json_is_boolean(anon)) {
        resp_error(req, 400, "bad_anonymous", req_tr(req, "anonymous is true or false."));
        json_decref(body);
        return;
    }
    in.target_id = target;
    in.venue_id = venue;
    in.anonymous = json_is_true(anon);
    in.questions = json_object_get(body, "questions");
    int64_t id;
    wy_ctx *ctx = req_ctx(req);
    if (feedback_survey_create(ctx, &in, &id) < 0) {
        resp_fail(req);
    } else {
        survey_row s;
        survey_question *q;
        size_t nq;
        if (feedback_survey_get(ctx, id, &s, &q, &nq) < 0) {
            resp_fail(req);
        } else {
            json_t *o = survey_json(&s, ctx->now);
            json_object_set_new(o, "questions", questions_json(q, nq));
            resp_json(req, 201, o);
        }
    }
    json_decref(body);
}

void api_survey_get(http_req *req)
{
    survey_row s;
    survey_question *q;
    size_t nq;
    wy_ctx *ctx = req_ctx(req);
    if (feedback_survey_get(ctx, req_id(req, 0), &s, &q, &nq) < 0) {
        resp_fail(req);
        return;
    }
    json_t *o = survey_json(&s, ctx->now);
    json_object_set_new(o, "questions", questions_json(q, nq));
    resp_json(req, 200, o);
}

/* The survey as the staff read it after a change: its fields and questions. */
static void survey_answer(http_req *req, int64_t id)
{
    survey_row s;
    survey_question *q;
    size_t nq;
    wy_ctx *ctx = req_ctx(req);
    if (feedback_survey_get(ctx, id, &s, &q, &nq) < 0) {
        resp_fail(req);
        return;
    }
    json_t *o = survey_json(&s, ctx->now);
    json_object_set_new(o, "questions", questions_json(q, nq));
    resp_json(req, 200, o);
}

void api_survey_edit(http_req *req)
{
    json_t *body = req_json(req);
    if (!body)
        return;
    const char *title = NULL, *intro = NULL;
    if (api_str(req, body, "title", 0, &title) < 0 || api_str(req, body, "intro", 0, &intro) < 0) {
        json_decref(body);
        return;
    }
    int64_t id = req_id(req, 0);
    if (feedback_survey_edit(req_ctx(req), id, title, intro, json_object_get(body, "questions")) <
        0)
        resp_fail(req);
    else
        survey_answer(req, id);
    json_decref(body);
}

void api_survey_close(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (feedback_survey_close(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        survey_answer(req, id);
}

void api_survey_reopen(http_req *req)
{
    json_t *body = req_json(req);
    if (!body)
        return;
    int64_t closes_at;
    if (time_member(req, body, "closes_at", &closes_at) < 0) {
        json_decref(body);
        return;
    }
    int64_t id = req_id(req, 0);
    if (feedback_survey_reopen(req_ctx(req), id, closes_at) < 0)
        resp_fail(req);
    else
        survey_answer(req, id);
    json_decref(body);
}

void api_survey_respond(http_req *req)
{
    json_t *body = req_json(req);
    if (!body)
        return;
    const char *device = NULL, *division = NULL;
    int64_t venue = 0, rid;
    if (api_str(req, body, "device", 0, &device) < 0 ||
        api_str(req, body, "division", 0, &division) < 0 ||
        api_int(req, body, "venue_id", 0, &venue) < 0) {
        json_decref(body);
        return;
    }
    if (feedback_survey_respond(req_ctx(req), req_id(req, 0), device, division, venue,
                                json_object_get(body, "answers"), &rid) < 0)
        resp_fail(req);
    else
        resp_json(
            req, 201,
            json_pack("{s:I,s:I}", "id", (json_int_t)rid, "survey_id", (json_int_t)req_id(req, 0)));
    json_decref(body);
}

/* ---- results ---------------------------------------------------------------------------- */

static double pct(int64_t part, int64_t whole)
{
    return whole ? round(1000.0 * (double)part / (double)whole) / 10.0 : 0;
}

static json_t *tally_json(const survey_question *q, const survey_tally *t)
{
    json_t *o = json_pack("{s:I}", "answered", (json_int_t)t->answered);
    if (!strcmp(q->kind, "text")) {
        json_t *texts = json_array();
        for (size_t i = 0; i < t->ntexts; i++)
            json_array_append_new(texts, json_string(t->texts[i] ? t->texts[i] : ""));
        json_object_set_new(o, "texts", texts);
        return o;
    }
    int rating = !strcmp(q->kind, "rating");
    size_t nc = rating ? 5 : q->noptions;
    json_t *opts = json_array();
    for (size_t k = 0; k < nc; k++) {
        int64_t c = t->counts ? t->counts[k] : 0;
        json_t *x = json_pack("{s:I,s:f}", "count", (json_int_t)c, "percent", pct(c, t->answered));
        if (rating)
            json_object_set_new(x, "rating", json_integer((json_int_t)k + 1));
        else
            json_object_set_new(x, "option", json_string(q->options[k]));
        json_array_append_new(opts, x);
    }
    json_object_set_new(o, rating ? "ratings" : "options", opts);
    if (rating)
        json_object_set_new(
            o, "average",
            t->answered ? json_real(round(100.0 * t->rating_sum / (double)t->answered) / 100.0)
                        : json_null());
    return o;
}

/* One row of the export: group, question, option and figures. */
static void export_rows(const survey_question *q, size_t nq, const survey_group *gs, size_t ng,
                        void (*row)(void *u, const char *group, const char *gname, int qi,
                                    const char *question, const char *kind, const char *option,
                                    int64_t count, double percent, double average),
                        void *u)
{
    for (size_t g = 0; g < ng; g++)
        for (size_t i = 0; i < nq; i++) {
            const survey_tally *t = &gs[g].tallies[i];
            const char *gn = gs[g].name ? gs[g].name : "";
            if (!strcmp(q[i].kind, "text")) {
                for (size_t k = 0; k < t->ntexts; k++)
                    row(u, gs[g].key, gn, (int)i + 1, q[i].text, q[i].kind, t->texts[k], 1, NAN,
                        NAN);
                continue;
            }
            int rating = !strcmp(q[i].kind, "rating");
            size_t nc = rating ? 5 : q[i].noptions;
            double avg = rating && t->answered ? t->rating_sum / (double)t->answered : NAN;
            for (size_t k = 0; k < nc; k++) {
                char r[24];
                snprintf(r, sizeof r, "%zu", k + 1);
                int64_t c = t->counts ? t->counts[k] : 0;
                row(u, gs[g].key, gn, (int)i + 1, q[i].text, q[i].kind,
                    rating ? r : q[i].options[k], c, pct(c, t->answered), avg);
            }
        }
}

static const char *const export_head[] = {"分组 Group",    "名称 Name",    "题号 No.",
                                          "问题 Question", "题型 Kind",    "选项 Option",
                                          "人数 Count",    "占比 Percent", "平均分 Average"};
#define EXPORT_COLS (sizeof(export_head) / sizeof(export_head[0]))

static void csv_row(void *u, const char *group, const char *gname, int qi, const char *question,
                    const char *kind, const char *option, int64_t count, double percent,
                    double average)
{
    csvw *w = u;
    csvw_text(w, group);
    csvw_text(w, gname);
    csvw_int(w, qi);
    csvw_text(w, question);
    csvw_text(w, kind);
    csvw_text(w, option);
    csvw_int(w, count);
    csvw_real(w, percent, 1);
    csvw_real(w, average, 2);
    csvw_row_end(w);
}

typedef struct xrow {
    lxw_worksheet *ws;
    lxw_row_t r;
} xrow;

static void xlsx_row(void *u, const char *group, const char *gname, int qi, const char *question,
                     const char *kind, const char *option, int64_t count, double percent,
                     double average)
{
    xrow *x = u;
    worksheet_write_string(x->ws, x->r, 0, group, NULL);
    worksheet_write_string(x->ws, x->r, 1, gname, NULL);
    worksheet_write_number(x->ws, x->r, 2, qi, NULL);
    worksheet_write_string(x->ws, x->r, 3, question, NULL);
    worksheet_write_string(x->ws, x->r, 4, kind, NULL);
    worksheet_write_string(x->ws, x->r, 5, option ? option : "", NULL);
    worksheet_write_number(x->ws, x->r, 6, (double)count, NULL);
    if (!isnan(percent))
        worksheet_write_number(x->ws, x->r, 7, percent, NULL);
    if (!isnan(average))
        worksheet_write_number(x->ws, x->r, 8, average, NULL);
    x->r++;
}

static void results_csv(http_req *req, const survey_row *s, const survey_question *q, size_t nq,
                        const survey_group *gs, size_t ng)
{
    strbuf sb = STRBUF_INIT;
    csvw w;
    csvw_begin(&w, &sb);
    for (size_t i = 0; i < EXPORT_COLS; i++)
        csvw_text(&w, export_head[i]);
    csvw_row_end(&w);
    export_rows(q, nq, gs, ng, csv_row, &w);
    if (csvw_finish(&w) < 0) {
        resp_error(req, 413, "export_too_large", req_tr(req, "The export is too large."));
    } else {
        resp_text(req, 200, "text/csv; charset=utf-8", sb.buf, sb.len);
        resp_header(
            req, "Content-Disposition",
            arena_sprintf(&req->a, "attachment; filename=\"survey-%lld.csv\"", (long long)s->id));
    }
    sb_release(&sb);
}

static void results_xlsx(http_req *req, const survey_row *s, const survey_question *q, size_t nq,
                         const survey_group *gs, size_t ng)
{
    char path[] = "/tmp/wenyun-survey-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        resp_error(req, 503, "export_failed", req_tr(req, "The export cannot be written."));
        return;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    int ok = wb != NULL;
    if (ok) {
        lxw_format *head = workbook_add_format(wb);
        format_set_bold(head);
        lxw_worksheet *ws = workbook_add_worksheet(wb, "结果 Results");
        worksheet_write_string(ws, 0, 0, s->title, head);
        for (size_t i = 0; i < EXPORT_COLS; i++)
            worksheet_write_string(ws, 2, (lxw_col_t)i, export_head[i], head);
        worksheet_set_column(ws, 3, 3, 40, NULL);
        worksheet_set_column(ws, 5, 5, 30, NULL);
        xrow x = {ws, 3};
        export_rows(q, nq, gs, ng, xlsx_row, &x);
        ok = workbook_close(wb) == LXW_NO_ERROR;
    }
    strbuf sb = STRBUF_INIT;
    if (ok)
        ok = sb_read_file(&sb, path) == 0;
    unlink(path);
    if (!ok) {
        resp_error(req, 503, "export_failed", req_tr(req, "The export cannot be written."));
    } else {
        resp_text(req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  sb.buf, sb.len);
        resp_header(
            req, "Content-Disposition",
            arena_sprintf(&req->a, "attachment; filename=\"survey-%lld.xlsx\"", (long long)s->id));
    }
    sb_release(&sb);
}

void api_survey_results(http_req *req)
{
    const char *format = req_query(req, "format");
    if (format && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx")) {
        resp_error(req, 400, "bad_format", req_tr(req, "The format is json, csv or xlsx."));
        return;
    }
    survey_row s;
    survey_question *q;
    survey_group *gs;
    size_t nq, ng;
    wy_ctx *ctx = req_ctx(req);
    if (feedback_survey_results(ctx, req_id(req, 0), req_query(req, "by"), &s, &q, &nq, &gs, &ng) <
        0) {
        resp_fail(req);
        return;
    }
    if (format && !strcmp(format, "csv")) {
        results_csv(req, &s, q, nq, gs, ng);
        return;
    }
    if (format && !strcmp(format, "xlsx")) {
        results_xlsx(req, &s, q, nq, gs, ng);
        return;
    }
    json_t *groups = json_array();
    for (size_t g = 0; g < ng; g++) {
        json_t *qs = json_array();
        for (size_t i = 0; i < nq; i++) {
            json_t *t = tally_json(&q[i], &gs[g].tallies[i]);
            json_object_set_new(t, "index", json_integer((json_int_t)i));
            json_object_set_new(t, "kind", json_string(q[i].kind));
            json_object_set_new(t, "text", json_string(q[i].text));
            json_array_append_new(qs, t);
        }
        json_array_append_new(groups, json_pack("{s:s,s:o,s:I,s:o}", "key", gs[g].key, "name",
                                                opt_str(gs[g].name), "responses",
                                                (json_int_t)gs[g].responses, "questions", qs));
    }
    json_t *o = survey_json(&s, ctx->now);
    json_object_set_new(o, "groups", groups);
    resp_json(req, 200, o);
}

/* ---- complaints ------------------------------------------------------------------------- */

static json_t *complaint_json(const complaint_row *c, int staff)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:o,s:o}", "id", (json_int_t)c->id,
                          "kind", c->kind, "text", c->body, "division", c->division, "venue_id",
                          opt_id(c->venue_id), "venue", opt_str(c->venue_name), "status", c->status,
                          "answer", opt_str(c->answer), "answered_at",
                          c->answered_at ? api_time(c->answered_at) : json_null(), "created_at",
                          api_time(c->created_at));
    if (staff) {
        json_object_set_new(o, "contact", opt_str(c->contact));
        json_object_set_new(o, "public_text", opt_str(c->public_text));
        json_object_set_new(o, "due_at", api_time(c->due_at));
        json_object_set_new(o, "activity_id", opt_id(c->activity_id));
        json_object_set_new(o, "escalated", json_boolean(c->escalated_at != 0));
    }
    return o;
}

void api_complaints_public(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    complaint_row *cs;
    size_t n;
    if (feedback_complaint_list_public(req_ctx(req), req_query(req, "division"), cursor, limit, &cs,
                                       &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, complaint_json(&cs[i], 0));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? cs[n - 1].id : 0));
}

void api_complaints_staff(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    complaint_row *cs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (feedback_complaint_list_staff(ctx, req_query(req, "division"), req_query(req, "status"),
                                      cursor, limit, &cs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = complaint_json(&cs[i], 1);
        json_object_set_new(
            o, "overdue",
            json_boolean(!strcmp(cs[i].status, "pending") && cs[i].due_at <= ctx->now));
        json_array_append_new(arr, o);
    }
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? cs[n - 1].id : 0));
}

void api_complaint_file(http_req *req)
{
    json_t *body = req_json(req);
    if (!body)
        return;
    complaint_input in = {0};
    if (api_str(req, body, "kind", 1, &in.kind) < 0 ||
        api_str(req, body, "text", 1, &in.body) < 0 ||
        api_str(req, body, "division", 0, &in.division) < 0 ||
        api_str(req, body, "contact", 0, &in.contact) < 0 ||
        api_int(req, body, "venue_id", 0, &in.venue_id) < 0 ||
        api_int(req, body, "activity_id", 0, &in.activity_id) < 0) {
        json_decref(body);
        return;
    }
    int64_t id, due;
    if (feedback_complaint_file(req_ctx(req), &in, &id, &due) < 0)
        resp_fail(req);
    else
        resp_json(req, 201,
                  json_pack("{s:I,s:s,s:o}", "id", (json_int_t)id, "status", "pending", "due_at",
                            api_time(due)));
    json_decref(body);
}

void api_complaint_answer(http_req *req)
{
    json_t *body = req_json(req);
    if (!body)
        return;
    const char *answer = NULL, *public_text = NULL;
    if (api_str(req, body, "answer", 1, &answer) < 0 ||
        api_str(req, body, "public_text", 0, &public_text) < 0) {
        json_decref(body);
        return;
    }
    if (feedback_complaint_answer(req_ctx(req), req_id(req, 0), answer, public_text) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:s}", "id", (json_int_t)req_id(req, 0), "status", "answered"));
    json_decref(body);
}

/* ---- the inbox's sentences -------------------------------------------------------------- */

const char *web_feedback_notify_text(http_req *req, const notification *n)
{
    const char *what = n->title ? n->title : "?";
    if (!strcmp(n->kind, feedback_kind_complaint_filed.name))
        return arena_sprintf(&req->a, req_tr(req, "New feedback to answer: %s."), what);
    if (!strcmp(n->kind, feedback_kind_complaint_answered.name))
        return arena_sprintf(&req->a, req_tr(req, "Your feedback %s has been answered."), what);
    if (!strcmp(n->kind, feedback_kind_survey_offered.name))
        return arena_sprintf(&req->a,
                             req_tr(req, "You took part in an activity: tell us how it went in "
                                         "the survey %s."),
                             what);
    return arena_sprintf(
        &req->a, req_tr(req, "The feedback %s is past its deadline without an answer."), what);
}
