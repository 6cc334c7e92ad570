/* api_hours: volunteers' service hours (hours.h, docs/volunteers.md "Hours"): check-in and
 * check-out, the volunteer's records and totals, reports, disputes and corrections, the
 * coordinator's queue and decisions, and the export for the national system. */
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/certificate.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/hours.h"

static json_t *opt_time(int64_t ms)
{
    return ms ? api_time(ms) : json_null();
}

static json_t *opt_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

/* A record; staff (not the volunteer) see the volunteer's name masked. */
static json_t *record_json(const hours_record *r, int staff)
{
    char name[CERTIFICATE_NAME_MASKED];
    if (staff)
        certificate_mask_name(r->real_name, name);
    json_t *j =
        json_pack("{s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
                  "source", r->source, "minutes", (json_int_t)r->minutes, "status", r->status,
                  "note", r->note, "org_id", (json_int_t)r->org_id, "organisation", r->org_name,
                  "project", r->project_title, "decision_note", r->decision_note, "started_at",
                  opt_time(r->started_at), "ended_at", opt_time(r->ended_at), "decided_at",
                  opt_time(r->decided_at), "created_at", api_time(r->created_at));
    json_object_set_new(j, "project_id", opt_id(r->project_id));
    json_object_set_new(j, "shift_id", opt_id(r->shift_id));
    json_object_set_new(j, "signup_id", opt_id(r->signup_id));
    json_object_set_new(j, "corrects", opt_id(r->corrects));
    json_object_set_new(j, "ledger_entry_id", opt_id(r->ledger_entry_id));
    json_object_set_new(j, "volunteer", staff ? json_string(name) : json_string(r->real_name));
    return j;
}

static void answer_record(http_req *req, int64_t id, int status)
{
    hours_record r;
    if (hours_get(req_ctx(req), id, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, status, record_json(&r, r.user_id != req->who.user_id));
}

void api_volunteer_hours_mine(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    hours_record *rs;
    size_t n;
    hours_totals t;
    if (hours_mine(req_ctx(req), cursor, limit, &rs, &n, &t) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, record_json(&rs[i], 0));
    json_t *j = api_page(arr, n == (size_t)limit ? rs[n - 1].id : 0);
    json_object_set_new(j, "totals",
                        json_pack("{s:I,s:f,s:I}", "verified_minutes",
                                  (json_int_t)t.verified_minutes, "verified_hours",
                                  (double)t.verified_minutes / 60.0, "points",
                                  (json_int_t)t.points));
    resp_json(req, 200, j);
}

void api_volunteer_hours_report(http_req *req)
{
    json_t *b = req_json(req);
    const char *date, *start, *end, *note;
    int64_t project_id, id;
    if (!b)
        return;
    if (api_int(req, b, "project_id", 1, &project_id) < 0 ||
        api_str(req, b, "date", 1, &date) < 0 || api_str(req, b, "start", 1, &start) < 0 ||
        api_str(req, b, "end", 1, &end) < 0 || api_str(req, b, "note", 1, &note) < 0) {
        json_decref(b);
        return;
    }
    if (hours_report(req_ctx(req), project_id, date, start, end, note, &id) < 0)
        resp_fail(req);
    else
        answer_record(req, id, 201);
    json_decref(b);
}

void api_volunteer_hours_get(http_req *req)
{
    answer_record(req, req_id(req, 0), 200);
}

void api_volunteer_hours_correct(http_req *req)
{
    json_t *b = req_json(req);
    const char *note;
    int64_t minutes, id;
    if (!b)
        return;
    if (api_int(req, b, "minutes", 1, &minutes) < 0 || api_str(req, b, "note", 1, &note) < 0) {
        json_decref(b);
        return;
    }
    if (hours_correct(req_ctx(req), req_id(req, 0), minutes, note, &id) < 0)
        resp_fail(req);
    else
        answer_record(req, id, 201);
    json_decref(b);
}

void api_volunteer_hours_pending(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    hours_record *rs;
    size_t n;
    if (hours_queue(req_ctx(req), req_query(req, "division"), cursor, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, record_json(&rs[i], 1));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? rs[n - 1].id : 0));
}

static void decide(http_req *req, int verify)
{
    json_t *b = req_json(req);
    const char *note = NULL;
    if (!b)
        return;
    if (api_str(req, b, "note", !verify, &note) < 0) {
        json_decref(b);
        return;
    }
    int64_t id = req_id(req, 0);
    if (hours_decide(req_ctx(req), id, verify, note) < 0)
        resp_fail(req);
    else
        answer_record(req, id, 200);
    json_decref(b);
}

void api_volunteer_hours_verify(http_req *req)
{
    decide(req, 1);
}

void api_volunteer_hours_reject(http_req *req)
{
    decide(req, 0);
}

static void answer_scan(http_req *req, const hours_scan *s)
{
    json_t *j = json_pack("{s:s,s:I,s:I,s:s,s:s,s:o,s:o}", "action", s->action, "signup_id",
                          (json_int_t)s->signup_id, "shift_id", (json_int_t)s->shift.id, "shift",
                          s->shift.title, "organisation", s->shift.org_name, "starts_at",
                          api_time(s->shift.starts_at), "ends_at", api_time(s->shift.ends_at));
    if (!strcmp(s->action, "checked_out")) {
        json_object_set_new(j, "minutes", json_integer(s->minutes));
        json_object_set_new(j, "record_id", opt_id(s->record_id));
    }
    resp_json(req, 200, j);
}

void api_volunteer_checkin(http_req *req)
{
    json_t *b = req_json(req);
    const char *code;
    if (!b)
        return;
    if (api_str(req, b, "code", 1, &code) < 0) {
        json_decref(b);
        return;
    }
    hours_scan s;
    if (hours_scan_code(req_ctx(req), code, &s) < 0)
        resp_fail(req);
    else
        answer_scan(req, &s);
    json_decref(b);
}

void api_volunteer_signup_checkin(http_req *req)
{
    hours_scan s;
    if (hours_signup_checkin(req_ctx(req), req_id(req, 0), &s) < 0)
        resp_fail(req);
    else
        answer_scan(req, &s);
}

void api_volunteer_signup_checkout(http_req *req)
{
    hours_scan s;
    if (hours_signup_checkout(req_ctx(req), req_id(req, 0), &s) < 0)
        resp_fail(req);
    else
        answer_scan(req, &s);
}

void api_volunteer_signup_excuse(http_req *req)
{
    json_t *b = req_json(req);
    const char *reason = NULL;
    if (!b)
        return;
    hours_signup g;
    if (api_str(req, b, "reason", 1, &reason) == 0) {
        if (hours_signup_excuse(req_ctx(req), req_id(req, 0), reason, &g) < 0)
            resp_fail(req);
        else
            resp_json(req, 200,
                      json_pack("{s:I,s:s,s:b,s:o,s:s}", "id", (json_int_t)g.id, "status", g.status,
                                "excused", 1, "excused_at", api_time(g.excused_at), "excuse",
                                g.excuse));
    }
    json_decref(b);
}

void api_volunteer_hours_export(http_req *req)
{
    const char *org = req_query(req, "org_id");
    char *end = NULL;
    long long org_id = org ? strtoll(org, &end, 10) : 0;
    if (!org || end == org || *end || org_id <= 0) {
        resp_error(req, 400, "bad_org", "org_id names an organisation by its number.");
        return;
    }
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    strbuf sb = STRBUF_INIT;
    if (hours_export_csv(req_ctx(req), org_id, from, to, &sb) < 0) {
        resp_fail(req);
    } else {
        resp_text(req, 200, "text/csv; charset=utf-8", sb.buf, sb.len);
        resp_header(req, "Content-Disposition",
                    arena_sprintf(&req->a,
                                  "attachment; filename=\"volunteer-hours-%lld-%s-%s.csv\"", org_id,
                                  from, to));
    }
    sb_release(&sb);
}
