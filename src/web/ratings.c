/* ratings: see ratings.h. */
#include "web/ratings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "web/api.h"
#include "web/web.h"

json_t *web_rating_summary_json(const rating_summary *s)
{
    return json_pack("{s:o,s:I}", "average",
                     s->count ? json_real(round(s->average * 100) / 100) : json_null(), "count",
                     (json_int_t)s->count);
}

json_t *web_rating_json(http_req *req, const rating *r, int staff)
{
    char name[RATING_NAME_MAX];
    rating_mask_name(r->user_name, name);
    json_t *j = json_pack("{s:I,s:s,s:I,s:i,s:s,s:s,s:s,s:o}", "id", (json_int_t)r->id, "subject",
                          r->kind, "subject_id", (json_int_t)r->subject_id, "score", r->score,
                          "comment", r->comment ? r->comment : "", "status", r->status, "user",
                          name, "created_at", api_time(r->created_at));
    /* the subject's fields named after its kind: activity_id, course_title, ... */
    json_object_set_new(j, arena_sprintf(&req->a, "%s_id", r->kind),
                        json_integer((json_int_t)r->subject_id));
    json_object_set_new(j, arena_sprintf(&req->a, "%s_title", r->kind),
                        r->subject_title ? json_string(r->subject_title) : json_null());
    json_object_set_new(j, "updated_at", api_time(r->updated_at)); /* rated again: later */
    json_object_set_new(j, "own", json_boolean(rating_own(&req->who, r)));
    if (staff) {
        if (r->reason)
            json_object_set_new(j, "reason", json_string(r->reason));
        if (r->decided_at)
            json_object_set_new(j, "decided_at", api_time(r->decided_at));
    }
    return j;
}

void web_api_rating_post(http_req *req, const char *kind)
{
    int64_t id = req_id(req, 0), score = 0;
    const char *comment = NULL;
    json_t *b = req_json(req);
    if (!b)
        return;
    rating r;
    int replaced = 0;
    if (api_int(req, b, "score", 1, &score) == 0 && api_str(req, b, "comment", 0, &comment) == 0) {
        if (rating_submit(req_ctx(req), kind, id, score, comment, &r, &replaced) < 0)
            resp_fail(req);
        else
            resp_json(req, replaced ? 200 : 201, web_rating_json(req, &r, 0));
    }
    json_decref(b);
}

void web_api_subject_ratings(http_req *req, const char *kind)
{
    int64_t id = req_id(req, 0), before;
    int limit;
    if (req_page(req, 20, 100, &limit, &before) < 0)
        return;
    rating *rs;
    size_t n;
    rating_summary sum;
    if (rating_list_public(req_ctx(req), kind, id, before, limit, &rs, &n) < 0 ||
        rating_summary_of(req_ctx(req), kind, id, &sum) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, web_rating_json(req, &rs[i], 0));
    json_t *page = api_page(items, n == (size_t)limit ? rs[n - 1].id : 0);
    json_object_set_new(page, "rating", web_rating_summary_json(&sum));
    resp_json(req, 200, page);
}

void web_api_ratings_queue(http_req *req)
{
    int limit;
    int64_t before;
    if (req_page(req, 50, 200, &limit, &before) < 0)
        return;
    rating *rs;
    size_t n;
    if (rating_queue(req_ctx(req), req_query(req, "status"), before, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, web_rating_json(req, &rs[i], 1));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? rs[n - 1].id : 0));
}

void web_api_rating_decide(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *decision, *reason = NULL;
    json_t *b = req_json(req);
    if (!b)
        return;
    rating r;
    if (api_str(req, b, "decision", 1, &decision) == 0 &&
        api_str(req, b, "reason", 0, &reason) == 0) {
        if (rating_decide(req_ctx(req), id, decision, reason, &r) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, web_rating_json(req, &r, 1));
    }
    json_decref(b);
}

void web_rating_average(http_req *req, html *h, const rating_summary *s)
{
    if (s->count)
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%.1f of 5 (%lld ratings)"), s->average,
                                   (long long)s->count));
    else
        web_t(req, h, "No ratings yet");
}

void web_ratings_section(http_req *req, html *h, const char *kind, int64_t id, const char *action)
{
    rating_summary sum;
    rating *rs = NULL;
    size_t n = 0;
    if (rating_summary_of(req_ctx(req), kind, id, &sum) < 0 ||
        rating_list_public(req_ctx(req), kind, id, 0, 20, &rs, &n) < 0)
        return;
    html_lit(h, "<h2>");
    web_t(req, h, "Ratings");
    html_lit(h, "</h2><p class=\"muted\" id=\"rating-average\">");
    web_rating_average(req, h, &sum);
    html_lit(h, "</p><ul class=\"list\" id=\"ratings\">");
    for (size_t i = 0; i < n; i++) {
        char name[RATING_NAME_MAX];
        rating_mask_name(rs[i].user_name, name);
        html_lit(h, "<li><strong>");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%d of 5"), rs[i].score));
        html_lit(h, "</strong> <span class=\"muted\">");
        html_text(h, name);
        html_lit(h, "</span><p>");
        html_text(h, rs[i].comment);
        html_lit(h, "</p></li>");
    }
    html_lit(h, "</ul>");
    if (!rating_may_rate(req_ctx(req), kind, id))
        return;
    html_lit(h, "<form method=\"post\" id=\"rating-form\" action=\"");
    html_attr(h, action);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Your rating");
    html_lit(h, "<select name=\"score\" required>");
    for (int k = 5; k >= 1; k--) {
        html_lit(h, "<option value=\"");
        html_int(h, k);
        html_lit(h, "\">");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%d of 5"), k));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label><label>");
    web_t(req, h, "Comment");
    html_lit(h, "<textarea name=\"comment\" maxlength=\"500\" rows=\"3\"></textarea></label>"
                "<button type=\"submit\">");
    web_t(req, h, "Rate");
    html_lit(h, "</button><p class=\"hint\">");
    web_t(req, h, "Ratings show once they have been approved.");
    html_lit(h, "</p></form>");
}

void web_rate_post(http_req *req, const char *kind, const char *back)
{
    int64_t id = req_id(req, 0);
    rating r;
    int replaced;
    const char *sc = req_form(req, "score");
    char *end = NULL;
    long long score = sc && *sc ? strtoll(sc, &end, 10) : 0;
    if (!end || *end)
        score = 0; /* refused as bad_score */
    if (rating_submit(req_ctx(req), kind, id, score, req_form(req, "comment"), &r, &replaced) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "%s?msg=rated", back));
}
