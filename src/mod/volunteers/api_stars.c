/* api_stars: star thresholds, a volunteer's standing, applications with their public notice,
 * objections, decisions and revocations, and service certificates (star.h). Applicants' names
 * are masked everywhere here. */
#include <stdio.h>
#include <string.h>

#include "mod/volunteers/handlers.h"
#include "mod/volunteers/star.h"

static json_t *hours_json(const int64_t h[STAR_LEVELS])
{
    json_t *a = json_array();
    for (int i = 0; i < STAR_LEVELS; i++)
        json_array_append_new(a, json_integer(h[i]));
    return a;
}

static json_t *thresholds_json(const star_thresholds *t)
{
    return json_pack("{s:o,s:o}", "hours", hours_json(t->hours), "set_by_division",
                     t->from[0] ? json_string(t->from) : json_null());
}

json_t *api_star_application_json(const star_application *a)
{
    char name[CERTIFICATE_NAME_MASKED];
    certificate_mask_name(a->real_name, name);
    json_t *j = json_pack("{s:I,s:s,s:i,s:I,s:f,s:s,s:s,s:o,s:o,s:I}", "id", (json_int_t)a->id,
                          "name", name, "level", a->level, "minutes", (json_int_t)a->minutes,
                          "hours", (double)a->minutes / 60.0, "division", a->division, "status",
                          a->status, "notice_until", api_time(a->notice_until), "created_at",
                          api_time(a->created_at), "objections", (json_int_t)a->objections);
    json_object_set_new(j, "organisation",
                        a->org_id ? json_pack("{s:I,s:s}", "id", (json_int_t)a->org_id, "name",
                                              a->org_name ? a->org_name : "")
                                  : json_null());
    json_object_set_new(j, "decided_at", a->decided_at ? api_time(a->decided_at) : json_null());
    if (a->decided_at)
        json_object_set_new(j, "decision_note", json_string(a->decision_note));
    json_object_set_new(j, "revoked_at", a->revoked_at ? api_time(a->revoked_at) : json_null());
    return j;
}

void api_star_thresholds_get(http_req *req)
{
    const char *div = req_query(req, "division");
    star_thresholds t;
    if (star_thresholds_for(req_ctx(req), div ? div : "", &t) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 200, thresholds_json(&t));
}

void api_star_thresholds_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *arr = json_object_get(b, "hours");
    int64_t h[STAR_LEVELS];
    if (!json_is_array(arr) || json_array_size(arr) != STAR_LEVELS) {
        json_decref(b);
        resp_error(req, 400, "bad_hours", "hours is an array of five integers.");
        return;
    }
    for (int i = 0; i < STAR_LEVELS; i++) {
        json_t *x = json_array_get(arr, (size_t)i);
        if (!json_is_integer(x)) {
            json_decref(b);
            resp_error(req, 400, "bad_hours", "hours is an array of five integers.");
            return;
        }
        h[i] = json_integer_value(x);
    }
    json_decref(b);
    star_thresholds t;
    if (star_thresholds_set(req_ctx(req), req_param(req, 0), h) < 0 ||
        star_thresholds_for(req_ctx(req), req_param(req, 0), &t) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 200, thresholds_json(&t));
}

void api_star_mine(http_req *req)
{
    star_standing s;
    if (star_mine(req_ctx(req), &s) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = json_pack("{s:i,s:i,s:I,s:f,s:o}", "level", s.level, "qualified", s.qualified,
                          "minutes", (json_int_t)s.minutes, "hours", (double)s.minutes / 60.0,
                          "thresholds", thresholds_json(&s.t));
    json_object_set_new(j, "next_hours", s.next_hours ? json_integer(s.next_hours) : json_null());
    json_object_set_new(j, "application",
                        s.open.id ? api_star_application_json(&s.open) : json_null());
    resp_json(req, 200, j);
}

void api_star_apply(http_req *req)
{
    json_t *b = req_json(req);
    int64_t level = 0, vid = 0, id;
    if (!b)
        return;
    if (api_int(req, b, "level", 1, &level) < 0 || api_int(req, b, "volunteer_id", 0, &vid) < 0) {
        json_decref(b);
        return;
    }
    json_decref(b);
    star_application a;
    if (star_apply(req_ctx(req), vid,
                   (int)(level > 9   ? 9
                         : level < 0 ? 0
                                     : level),
                   &id) < 0 ||
        star_application_get(req_ctx(req), id, &a) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 201, api_star_application_json(&a));
}

void api_star_applications_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    star_application *as;
    size_t n;
    if (star_application_list(req_ctx(req), req_query(req, "status"), req_query(req, "division"),
                              cursor, limit, &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, api_star_application_json(&as[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? as[n - 1].id : 0));
}

void api_star_application_get(http_req *req)
{
    star_application a;
    if (star_application_get(req_ctx(req), req_id(req, 0), &a) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, api_star_application_json(&a));
}

void api_star_object(http_req *req)
{
    json_t *b = req_json(req);
    const char *reason;
    int64_t id;
    if (!b)
        return;
    if (api_str(req, b, "reason", 1, &reason) < 0) {
        json_decref(b);
        return;
    }
    if (star_object(req_ctx(req), req_id(req, 0), reason, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "open"));
    json_decref(b);
}

void api_star_objections(http_req *req)
{
    star_objection *os;
    size_t n;
    if (star_objections(req_ctx(req), req_id(req, 0), &os, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:o}", "id", (json_int_t)os[i].id,
                                             "reason", os[i].reason, "status", os[i].status,
                                             "created_at", api_time(os[i].created_at)));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_star_decide(http_req *req)
{
    json_t *b = req_json(req);
    const char *decision, *objections = NULL, *note = NULL, *status;
    if (!b)
        return;
    if (api_str(req, b, "decision", 1, &decision) < 0 ||
        api_str(req, b, "objections", 0, &objections) < 0 ||
        api_str(req, b, "note", 0, &note) < 0) {
        json_decref(b);
        return;
    }
    star_application a;
    if (star_decide(req_ctx(req), req_id(req, 0), decision, objections, note, &status) < 0 ||
        star_application_get(req_ctx(req), req_id(req, 0), &a) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, api_star_application_json(&a));
    json_decref(b);
}

void api_star_revoke(http_req *req)
{
    json_t *b = req_json(req);
    const char *reason;
    if (!b)
        return;
    if (api_str(req, b, "reason", 1, &reason) < 0) {
        json_decref(b);
        return;
    }
    star_application a;
    if (star_revoke(req_ctx(req), req_id(req, 0), reason) < 0 ||
        star_application_get(req_ctx(req), req_id(req, 0), &a) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, api_star_application_json(&a));
    json_decref(b);
}

void api_volunteer_certificate_issue(http_req *req)
{
    json_t *b = req_json(req);
    int64_t vid;
    if (!b)
        return;
    if (api_int(req, b, "volunteer_id", 1, &vid) < 0) {
        json_decref(b);
        return;
    }
    json_decref(b);
    certificate c;
    int existing;
    if (volunteer_certificate_issue(req_ctx(req), req_id(req, 0), vid, &c, &existing) < 0) {
        resp_fail(req);
        return;
    }
    char shown[CERTIFICATE_CODE_SHOWN], url[64], check[64];
    certificate_code_shown(c.code, shown);
    snprintf(url, sizeof url, "/certificates/%lld/print", (long long)c.id);
    snprintf(check, sizeof check, "/certificates/%s", c.code);
    resp_json(req, existing ? 200 : 201,
              json_pack("{s:I,s:s,s:s,s:s,s:b,s:s,s:s}", "id", (json_int_t)c.id, "number", c.number,
                        "code", shown, "status", c.status, "existing", existing, "url", url,
                        "check_url", check));
}
