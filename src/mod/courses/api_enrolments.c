/* api_enrolments: places in courses, lottery applications, a person's courses, the roster
 * and check-in under /api/v1 (文化学堂). */
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "mod/courses/enrolment.h"
#include "mod/courses/handlers.h"
#include "util/qr.h"
#include "util/strbuf.h"

static json_t *application_json(const course_application *a)
{
    json_t *cs = json_array();
    for (int i = 0; i < a->nchoices; i++)
        json_array_append_new(
            cs, json_pack("{s:i,s:I}", "rank", i + 1, "course_id", (json_int_t)a->choices[i]));
    /* the receipt of the term's lottery, once drawn (GET /api/v1/me/courses) */
    json_t *receipt = json_null();
    if (a->lottery_id)
        receipt = json_pack("{s:I,s:s,s:s,s:i,s:i,s:s}", "lottery_id", (json_int_t)a->lottery_id,
                            "pseudonym", a->pseudonym, "ticket", a->ticket, "rank", a->rank,
                            "places", a->places, "result", a->places ? "placed" : "not_placed");
    return json_pack("{s:I,s:s,s:i,s:s,s:o,s:o,s:o}", "term_id", (json_int_t)a->term_id,
                     "pseudonym", a->pseudonym, "tier", a->tier, "status", a->status, "choices", cs,
                     "updated_at", api_time(a->updated_at), "lottery", receipt);
}

/* ---- first-come places: the flash-crowd path ---- */

typedef struct api_enrol_job {
    enrol_job job;
    http_req *req;
} api_enrol_job;

/* On the writer thread, once the batch is durable: answer and wake the connection. */
static void enrolled(enrol_job *j)
{
    http_req *req = ((api_enrol_job *)j)->req;
    const course_enrol_res *r = &j->res;
    req->ctx.err = (wy_error){0};
    if (j->store_rc != WY_OK || r->rc != WY_OK) {
        wy_fail_store(&req->ctx, j->store_rc != WY_OK ? j->store_rc : r->rc, "enrolment");
        resp_fail(req);
    } else if (r->outcome != COURSE_ENROLLED) {
        enrol_refuse(&req->ctx, r->outcome);
        resp_fail(req);
    } else {
        resp_json(req, r->replay ? 200 : 201,
                  json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)r->id, "course_id",
                            (json_int_t)j->req.course_id, "status", "confirmed", "code", r->code));
    }
    req_resume(req);
}

void api_course_enrol(http_req *req)
{
    int64_t id = req_id(req, 0);
    json_t *b = NULL;
    const char *birth = NULL;
    if (req->body.len) {
        if (!(b = req_json(req)))
            return;
        if (api_str(req, b, "birth_date", 0, &birth) < 0) {
            json_decref(b);
            return;
        }
        birth = birth ? arena_strdup(&req->a, birth) : NULL;
        json_decref(b);
    }
    wy_ctx *ctx = req_ctx(req);
    api_enrol_job *ej = arena_alloc(&req->a, sizeof(*ej));
    if (!ej) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    if (enrol_prepare(ctx, id, birth, req_header(req, "Idempotency-Key"), &ej->job.req) < 0) {
        if (!ctx->err.code || strcmp(ctx->err.code, "lottery")) {
            resp_fail(req);
            return;
        }
        /* a lottery course: the request is an application to its term */
        ctx->err = (wy_error){0};
        course_application a;
        if (application_add(ctx, id, birth, &a) < 0) {
            resp_fail(req);
            return;
        }
        json_t *j = application_json(&a);
        json_object_set_new(j, "course_id", json_integer(id));
        json_object_set_new(j, "status", json_string("applied"));
        resp_json(req, 201, j);
        return;
    }
    ej->req = req;
    ej->job.done = enrolled;
    req_suspend(req);
    if (enrol_submit(&ej->job) < 0) { /* the queue is full: say when to come back */
        enrol_busy(&req->ctx);
        resp_fail(req);
        req_resume(req);
    }
}

void api_enrolment_withdraw(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (enrol_withdraw(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "withdrawn"));
}

/* ---- offers: confirmed or declined by their person ---- */

void api_offer_confirm(http_req *req)
{
    course_enrolment e;
    if (offer_confirm(req_ctx(req), req_id(req, 0), &e) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)e.id, "course_id",
                            (json_int_t)e.course_id, "status", e.status, "code", e.code));
}

void api_offer_decline(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (offer_decline(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "declined"));
}

void api_enrolment_qr(http_req *req)
{
    course_enrolment e;
    strbuf sb = STRBUF_INIT;
    if (enrol_own(req_ctx(req), req_id(req, 0), &e) < 0) { /* the owner's only */
        resp_fail(req);
        return;
    }
    if (qr_svg(e.code, &sb) < 0) {
        wy_fail(req_ctx(req), E_INTERNAL, "internal", "Something went wrong on our side.");
        resp_fail(req);
    } else {
        resp_text(req, 200, "image/svg+xml", sb.buf, sb.len);
    }
    sb_release(&sb);
}

void api_my_courses(http_req *req)
{
    int limit;
    my_courses m;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    if (course_mine(req_ctx(req), req_query(req, "cursor"), limit, &m) < 0) {
        resp_fail(req);
        return;
    }
    int percent = (int)config_module_int(req_ctx(req)->cfg, "courses", "completion_percent");
    json_t *items = json_array();
    for (size_t i = 0; i < m.nenrolments; i++) {
        const my_course *c = &m.enrolments[i];
        json_array_append_new(
            items,
            json_pack("{s:I,s:s,s:s,s:s,s:{s:I,s:s,s:s},s:{s:I,s:s},s:o,s:o,s:i,s:i,s:b}", "id",
                      (json_int_t)c->e.id, "status", c->e.status, "source", c->e.source, "code",
                      c->e.code, "course", "id", (json_int_t)c->e.course_id, "title", c->title,
                      "category", c->category, "term", "id", (json_int_t)c->e.term_id, "name",
                      c->term_name, "first_session", api_time(c->first_start), "last_session_end",
                      api_time(c->last_end), "sessions", c->sessions, "attended", c->attended,
                      "completed", course_completed(c->attended, c->sessions, percent)));
        json_t *item = json_array_get(items, json_array_size(items) - 1);
        json_object_set_new(item, "certificate",
                            api_certificate_ref(course_my_certificate(&m, c->e.course_id)));
        /* an offer's deadline (null for any other place) */
        json_object_set_new(item, "confirm_by",
                            c->e.confirm_by > 0 ? api_time(c->e.confirm_by) : json_null());
    }
    json_t *apps = json_array();
    for (size_t i = 0; i < m.napplications; i++)
        json_array_append_new(apps, application_json(&m.applications[i]));
    json_t *waits = json_array();
    for (size_t i = 0; i < m.nwaiting; i++)
        json_array_append_new(waits, json_pack("{s:I,s:i}", "course_id",
                                               (json_int_t)m.waiting[i].course_id, "position",
                                               m.waiting[i].position));
    resp_json(req, 200,
              json_pack("{s:o,s:o,s:o,s:o}", "items", items, "applications", apps, "waiting", waits,
                        "next_cursor", m.next_cursor ? json_string(m.next_cursor) : json_null()));
}

/* ---- lottery applications ---- */

void api_application_get(http_req *req)
{
    course_application a;
    if (application_get(req_ctx(req), req_id(req, 0), &a) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, application_json(&a));
}

void api_application_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *cs = json_object_get(b, "choices");
    const char *birth = NULL;
    int64_t ids[10];
    size_t n = json_array_size(cs);
    if (!json_is_array(cs) || n > 10) {
        resp_error(req, 400, "bad_choices",
                   req_tr(req, "choices is a list of at most 10 course ids, first choice first."));
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(cs, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            resp_error(
                req, 400, "bad_choices",
                req_tr(req, "choices is a list of at most 10 course ids, first choice first."));
            goto out;
        }
        ids[i] = json_integer_value(v);
    }
    if (api_str(req, b, "birth_date", 0, &birth) < 0)
        goto out;
    course_application a;
    if (application_set(req_ctx(req), req_id(req, 0), ids, (int)n, birth, n ? &a : NULL) < 0)
        resp_fail(req);
    else if (n)
        resp_json(req, 200, application_json(&a));
    else
        resp_json(
            req, 200,
            json_pack("{s:I,s:s}", "term_id", (json_int_t)req_id(req, 0), "status", "withdrawn"));
out:
    json_decref(b);
}

void api_application_delete(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (application_withdraw(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:s}", "term_id", (json_int_t)id, "status", "withdrawn"));
}

/* ---- the roster and check-in ---- */

void api_course_roster(http_req *req)
{
    course_roster r;
    if (course_roster_get(req_ctx(req), req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    json_t *sessions = json_array();
    for (size_t i = 0; i < r.v.nsessions; i++) {
        json_t *s = api_course_session_json(&r.v.sessions[i]);
        int n = 0;
        for (size_t m = 0; m < r.nmarks; m++)
            n += r.marks[m].session_id == r.v.sessions[i].id;
        json_object_set_new(s, "attended", json_integer(n));
        json_array_append_new(sessions, s);
    }
    int held = 0; /* sessions scheduled, for the completion rule */
    for (size_t i = 0; i < r.v.nsessions; i++)
        held += !strcmp(r.v.sessions[i].status, "scheduled");
    json_t *items = json_array();
    for (size_t i = 0; i < r.nrows; i++) {
        const roster_row *row = &r.rows[i];
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(row->phone, phone);
        json_t *at = json_array();
        for (size_t m = 0; m < r.nmarks; m++)
            if (r.marks[m].enrolment_id == row->e.id)
                json_array_append_new(at, json_integer(r.marks[m].session_id));
        const certificate *c = course_roster_certificate(&r, row->e.user_id);
        json_array_append_new(
            items, json_pack("{s:I,s:I,s:s,s:s,s:s,s:o,s:i,s:b,s:o,s:o}", "enrolment_id",
                             (json_int_t)row->e.id, "user_id", (json_int_t)row->e.user_id, "name",
                             row->name, "phone", phone, "source", row->e.source, "enrolled_at",
                             api_time(row->e.created_at), "attended", row->attended, "completed",
                             course_completed(row->attended, held, r.completion_percent),
                             "sessions_attended", at, "certificate", api_certificate_ref(c)));
    }
    resp_json(req, 200,
              json_pack("{s:{s:I,s:s},s:i,s:o,s:o}", "course", "id", (json_int_t)r.v.k.id, "title",
                        r.v.k.title, "completion_percent", r.completion_percent, "sessions",
                        sessions, "items", items));
}

void api_course_checkin(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *code = NULL;
    int64_t eid = 0;
    course_enrolment e;
    if (api_str(req, b, "code", 0, &code) == 0 && api_int(req, b, "enrolment_id", 0, &eid) == 0) {
        if (course_checkin(req_ctx(req), req_id(req, 0), code, eid, &e) < 0)
            resp_fail(req);
        else
            resp_json(req, 200,
                      json_pack("{s:I,s:I,s:I,s:s}", "enrolment_id", (json_int_t)e.id, "session_id",
                                (json_int_t)req_id(req, 0), "course_id", (json_int_t)e.course_id,
                                "status", "checked_in"));
    }
    json_decref(b);
}
