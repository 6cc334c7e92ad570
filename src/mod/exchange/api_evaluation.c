/* api_evaluation: the rubric, reviewers' scores, an activity's evaluation, the ranking and the
 * indicators of an activity or a partnership under /api/v1/exchange (followup.h decides). */
#include <math.h>
#include <string.h>

#include "mod/exchange/followup.h"
#include "mod/exchange/handlers.h"

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(round(v * 100) / 100);
}

static json_t *criteria_json(const exchange_criterion *cs, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:s,s:i}", "code", cs[i].code, "name",
                                             cs[i].name, "weight", cs[i].weight));
    return arr;
}

void api_exchange_rubric_get(http_req *req)
{
    exchange_criterion *cs;
    size_t n;
    const char *from;
    if (exchange_rubric_get(req_ctx(req), req_query(req, "division"), &cs, &n, &from) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "division", from ? json_string(from) : json_null(), "criteria",
                        criteria_json(cs, n)));
}

void api_exchange_rubric_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *division;
    json_t *list = json_object_get(b, "criteria");
    if (api_str(req, b, "division", 1, &division) < 0) {
        json_decref(b);
        return;
    }
    if (!json_is_array(list) || json_array_size(list) > EXCHANGE_MAX_CRITERIA) {
        resp_error(req, 400, "bad_criteria", "criteria is a list of at most 20 criteria");
        json_decref(b);
        return;
    }
    size_t n = json_array_size(list);
    exchange_criterion *cs = arena_alloc(&req->a, (n + 1) * sizeof(*cs));
    if (!cs) {
        resp_error(req, 503, "request_too_large", "out of memory");
        json_decref(b);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(list, i), *w = json_object_get(c, "weight");
        if (!json_is_object(c) || !json_is_string(json_object_get(c, "code")) ||
            !json_is_string(json_object_get(c, "name")) || !json_is_integer(w)) {
            resp_error(req, 400, "bad_criteria",
                       "a criterion is {code, name, weight}: two texts and a whole number");
            json_decref(b);
            return;
        }
        json_int_t wv = json_integer_value(w);
        cs[i] = (exchange_criterion){.code = json_string_value(json_object_get(c, "code")),
                                     .name = json_string_value(json_object_get(c, "name")),
                                     .weight = wv < 0 || wv > 1000 ? 0 : (int)wv};
    }
    exchange_criterion *out;
    size_t nout;
    const char *from;
    if (exchange_rubric_put(req_ctx(req), division, cs, n) < 0 ||
        exchange_rubric_get(req_ctx(req), division, &out, &nout, &from) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:o,s:o}", "division", from ? json_string(from) : json_null(),
                            "criteria", criteria_json(out, nout)));
    json_decref(b);
}

static json_t *ranked_json(const exchange_ranked *r)
{
    json_t *cs = json_array();
    for (size_t i = 0; i < r->ncriteria; i++)
        json_array_append_new(cs, json_pack("{s:s,s:s,s:i,s:o}", "code", r->criteria[i].code,
                                            "name", r->criteria[i].name, "weight",
                                            r->criteria[i].weight, "mean", num(r->means[i])));
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:b,s:o,s:o}", "activity_id",
                     (json_int_t)r->activity_id, "title", r->title, "kind", r->kind, "division",
                     r->division, "ends_on", r->ends_on, "reviewers", r->reviewers, "closed",
                     r->closed, "score", num(r->score), "criteria", cs);
}

void api_exchange_scores_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *scores = json_object_get(b, "scores");
    if (!json_is_object(scores) || json_object_size(scores) > EXCHANGE_MAX_CRITERIA) {
        resp_error(req, 400, "bad_scores", "scores is an object {criterion code: 0-100}");
        json_decref(b);
        return;
    }
    size_t n = 0;
    exchange_score_input *in = arena_alloc(&req->a, (json_object_size(scores) + 1) * sizeof(*in));
    const char *key;
    json_t *v;
    if (!in) {
        resp_error(req, 503, "request_too_large", "out of memory");
        json_decref(b);
        return;
    }
    json_object_foreach(scores, key, v)
    {
        if (!json_is_integer(v)) {
            resp_error(req, 400, "bad_scores", "a score is a whole number from 0 to 100");
            json_decref(b);
            return;
        }
        json_int_t s = json_integer_value(v);
        in[n++] = (exchange_score_input){.code = key, .score = s < -1 || s > 1000 ? -1 : (int)s};
    }
    int64_t id = req_id(req, 0);
    if (exchange_scores_put(req_ctx(req), id, in, n) < 0)
        resp_fail(req);
    else {
        /* the reviewer's own set, as recorded */
        json_t *mine = json_object();
        for (size_t i = 0; i < n; i++)
            json_object_set_new(mine, in[i].code, json_integer(in[i].score));
        resp_json(req, 200, json_pack("{s:I,s:o}", "activity_id", (json_int_t)id, "scores", mine));
    }
    json_decref(b);
}

void api_exchange_evaluation_get(http_req *req)
{
    exchange_ranked r;
    if (exchange_evaluation_get(req_ctx(req), req_id(req, 0), &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, ranked_json(&r));
}

void api_exchange_evaluation_close(http_req *req)
{
    exchange_ranked r;
    int64_t id = req_id(req, 0);
    if (exchange_evaluation_close(req_ctx(req), id) < 0 ||
        exchange_evaluation_get(req_ctx(req), id, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, ranked_json(&r));
}

void api_exchange_ranking(http_req *req)
{
    exchange_ranked *rs;
    size_t n;
    if (exchange_ranking(req_ctx(req), req_query(req, "division"), &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = ranked_json(&rs[i]);
        json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
        json_array_append_new(arr, o);
    }
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

static json_t *measure_json(const exchange_measure *m)
{
    return json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:f,s:f,s:o}", "id", (json_int_t)m->id, "subject",
                     m->subject, "subject_id", (json_int_t)m->subject_id, "name", m->name, "unit",
                     m->unit, "period", m->period, "baseline", m->baseline, "target", m->target,
                     "actual", isnan(m->actual) ? json_null() : json_real(m->actual));
}

/* A number member: required or NAN when absent or null; -1 with a 400 when not a number. */
static int number(http_req *req, json_t *b, const char *key, int required, double *out)
{
    json_t *v = json_object_get(b, key);
    *out = NAN;
    if ((!v || json_is_null(v)) && !required)
        return 0;
    if (!json_is_number(v)) {
        resp_error(req, 400, "bad_value", key);
        return -1;
    }
    *out = json_number_value(v);
    return 0;
}

void api_exchange_measure_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_measure m = {0};
    int64_t id;
    if (api_str(req, b, "subject", 1, &m.subject) < 0 ||
        api_int(req, b, "subject_id", 1, &m.subject_id) < 0 ||
        api_str(req, b, "name", 1, &m.name) < 0 || api_str(req, b, "unit", 0, &m.unit) < 0 ||
        api_str(req, b, "period", 1, &m.period) < 0 ||
        number(req, b, "baseline", 1, &m.baseline) < 0 ||
        number(req, b, "target", 1, &m.target) < 0 || number(req, b, "actual", 0, &m.actual) < 0) {
        json_decref(b);
        return;
    }
    exchange_measure *ms;
    size_t n;
    if (exchange_measure_put(req_ctx(req), &m, &id) < 0 ||
        exchange_measures(req_ctx(req), m.subject, m.subject_id, &ms, &n) < 0)
        resp_fail(req);
    else {
        json_t *o = NULL;
        for (size_t i = 0; i < n && !o; i++)
            if (ms[i].id == id)
                o = measure_json(&ms[i]);
        resp_json(req, 200, o ? o : json_object());
    }
    json_decref(b);
}

void api_exchange_measures_list(http_req *req)
{
    int64_t subject_id;
    if (exchange_query_id(req, "subject_id", &subject_id) < 0)
        return;
    exchange_measure *ms;
    size_t n;
    if (exchange_measures(req_ctx(req), req_query(req, "subject"), subject_id, &ms, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, measure_json(&ms[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_exchange_partner_ranking(http_req *req)
{
    exchange_partner_ranked *rs;
    size_t n;
    const char *period = req_query(req, "period");
    if (exchange_partner_ranking(req_ctx(req), req_query(req, "division"), period, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *ms = json_array();
        for (size_t k = 0; k < rs[i].nmeasures; k++) {
            json_t *m = measure_json(&rs[i].measures[k]);
            json_object_set_new(m, "attainment",
                                num(exchange_measure_attainment(&rs[i].measures[k])));
            json_array_append_new(ms, m);
        }
        json_array_append_new(
            arr,
            json_pack("{s:I,s:I,s:s,s:s,s:o,s:i,s:o}", "rank", (json_int_t)i + 1, "partner_id",
                      (json_int_t)rs[i].partner_id, "name", rs[i].name, "division", rs[i].division,
                      "attainment", num(rs[i].attainment), "known", rs[i].known, "measures", ms));
    }
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "period",
                        period && *period ? json_string(period) : json_null(), "items", arr));
}
