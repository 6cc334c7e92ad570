/* api_circles: the 15-minute circle analysis and siting jobs over JSON. */
#include <stdlib.h>
#include <string.h>

#include "core/jobs.h"
#include "mod/circles/circles.h"
#include "mod/circles/handlers.h"

void api_circles(http_req *req)
{
    const char *k = req_query(req, "k"), *minutes = req_query(req, "minutes");
    const char *pts = req_query(req, "points");
    if (k && strcmp(k, "0")) {
        resp_error(req, 400, "siting_is_a_job",
                   req_tr(req, "Siting runs as a job: POST /api/v1/circles/siting {\"k\": N}, then "
                               "GET /api/v1/circles/siting/{id}."));
        return;
    }
    circles_request rq = {.division = req_query(req, "division"),
                          .rule = req_query(req, "rule"),
                          .minutes = minutes ? strtod(minutes, NULL) : 0};
    circles_view *v;
    const char *how;
    if (circles_get(req_ctx(req), &rq, &v, &how) < 0) {
        resp_fail(req);
        return;
    }
    size_t len;
    const char *text = circles_view_json(req_ctx(req), v, pts && !strcmp(pts, "1"), &len);
    if (text)
        resp_text(req, 200, "application/json; charset=utf-8", text, len);
    else
        resp_error(req, 500, "internal", req_tr(req, "Something went wrong on our side."));
    resp_header(req, "X-Circle-Cache", how);
    circles_release(v);
}

void api_circles_siting(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int64_t k = 3;
    double minutes = 0;
    const char *division, *rule;
    json_t *m = json_object_get(b, "minutes");
    if (m && !json_is_number(m)) {
        resp_error(req, 400, "bad_field", req_tr(req, "minutes is 1 to 120."));
    } else if (api_int(req, b, "k", 0, &k) == 0 && api_str(req, b, "division", 0, &division) == 0 &&
               api_str(req, b, "rule", 0, &rule) == 0) {
        minutes = m ? json_number_value(m) : 0;
        circles_request rq = {.division = division,
                              .rule = rule,
                              .minutes = minutes,
                              .site_k = k < 0 || k > 1000000 ? -1 : (int)k};
        int64_t id;
        if (circles_siting_submit(req_ctx(req), &rq, &id) < 0) {
            resp_fail(req);
        } else {
            char *url = arena_sprintf(&req->a, "/api/v1/circles/siting/%lld", (long long)id);
            resp_header(req, "Location", url);
            resp_json(req, 202,
                      json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "status", "queued",
                                "url", url, "page",
                                arena_sprintf(&req->a, "/circles/siting/%lld", (long long)id)));
        }
    }
    json_decref(b);
}

void api_circles_siting_get(http_req *req)
{
    int64_t id, ahead;
    job_row j;
    id = req_id(req, 0);
    if (circles_siting_get(req_ctx(req), id, &j, &ahead) < 0) {
        resp_fail(req);
        return;
    }
    json_t *o = json_pack("{s:I, s:s, s:f, s:s?, s:I, s:o, s:o, s:o}", "id", (json_int_t)j.id,
                          "status", j.status, "progress", j.progress, "stage", j.stage, "ahead",
                          (json_int_t)ahead, "created_at", api_time(j.created_at), "started_at",
                          api_time(j.started_at), "finished_at", api_time(j.finished_at));
    json_t *params = j.params ? json_loads(j.params, 0, NULL) : NULL;
    json_object_set_new(o, "params", params ? params : json_object());
    if (j.result) {
        json_t *r = json_loads(j.result, 0, NULL);
        json_object_set_new(o, "result", r ? r : json_null());
    }
    if (j.error)
        json_object_set_new(
            o, "error",
            json_pack("{s:s, s:s}", "code", "job_failed", "message", req_tr(req, j.error)));
    resp_json(req, 200, o);
}
