/* api_calendar: the coordination calendar of planned exchanges under /api/v1/exchange
 * (calendar.h decides): plans written, submitted to review, read; the calendar as JSON with
 * its clash warnings for staff, and the approved calendar as iCalendar. */
#include "mod/exchange/calendar.h"
#include "mod/exchange/handlers.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/ical.h"

static json_t *clash_json(const exchange_clash *c)
{
    json_t *o = json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s}", "reason", c->reason, "with",
                          c->with_type, "id", (json_int_t)c->with_id, "title", c->title, "division",
                          c->division, "starts_on", c->starts_on, "ends_on", c->ends_on);
    if (o && c->partner_id)
        json_object_set_new(o, "partner",
                            json_pack("{s:I,s:s}", "id", (json_int_t)c->partner_id, "name",
                                      c->partner_name ? c->partner_name : ""));
    return o;
}

/* A plan; warnings only when the caller may see them (staff). */
static json_t *plan_json(const exchange_plan_full *f, int warnings)
{
    const exchange_plan *p = &f->p;
    json_t *partners = json_array();
    for (size_t i = 0; i < f->npartners; i++)
        json_array_append_new(partners,
                              json_pack("{s:I,s:s}", "id", (json_int_t)f->partners[i].partner_id,
                                        "name", f->partners[i].name));
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)p->id,
                          "division", p->division, "unit", p->unit, "title", p->title, "kind",
                          p->kind, "starts_on", p->starts_on, "ends_on", p->ends_on, "note",
                          p->note, "status", p->status, "partners", partners);
    if (o && warnings) {
        json_t *ws = json_array();
        for (size_t i = 0; i < f->nclashes; i++)
            json_array_append_new(ws, clash_json(&f->clashes[i]));
        json_object_set_new(o, "warnings", ws);
    }
    return o;
}

void api_exchange_calendar(http_req *req)
{
    exchange_plan_full *ps;
    size_t n;
    int staff;
    const char *approved = req_query(req, "approved");
    if (exchange_calendar(req_ctx(req), req_query(req, "division"), req_query(req, "from"),
                          req_query(req, "to"), approved && !strcmp(approved, "1"), &ps, &n,
                          &staff) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    size_t warned = 0;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, plan_json(&ps[i], staff));
        warned += ps[i].nclashes > 0;
    }
    json_t *o = json_pack("{s:o,s:b}", "items", arr, "all_states", staff);
    if (staff)
        json_object_set_new(o, "warned", json_integer((json_int_t)warned));
    resp_json(req, 200, o);
}

/* "YYYYMMDD" of a date, the day after it when next (DTEND of an all-day event is exclusive). */
static const char *ics_date(http_req *req, const char *d, int next)
{
    struct tm tm = {.tm_year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
                               (d[3] - '0') - 1900,
                    .tm_mon = (d[5] - '0') * 10 + (d[6] - '0') - 1,
                    .tm_mday = (d[8] - '0') * 10 + (d[9] - '0') + (next ? 1 : 0)};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    return arena_sprintf(&req->a, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The approved calendar as iCalendar: one all-day event per plan, from a month ago to a year
 * ahead unless from and to say otherwise. */
void api_exchange_calendar_ics(http_req *req)
{
    char from[11], to[11];
    const char *qf = req_query(req, "from"), *qt = req_query(req, "to");
    exchange_date_of(req->ctx.now - (int64_t)30 * 86400000, from);
    exchange_date_of(req->ctx.now + (int64_t)335 * 86400000, to);
    exchange_plan_full *ps;
    size_t n;
    int staff;
    if (exchange_calendar(req_ctx(req), req_query(req, "division"), qf && *qf ? qf : from,
                          qt && *qt ? qt : to, 1, &ps, &n, &staff) < 0) {
        resp_fail(req);
        return;
    }
    strbuf sb = STRBUF_INIT;
    ical_begin(&sb, req_tr(req, "Planned cultural exchanges"));
    for (size_t i = 0; i < n; i++) {
        const exchange_plan *p = &ps[i].p;
        ical_raw(&sb, "BEGIN:VEVENT");
        ical_raw(&sb, arena_sprintf(&req->a, "UID:exchange-plan-%lld@wenyun", (long long)p->id));
        ical_time(&sb, "DTSTAMP", p->updated_at);
        ical_raw(&sb,
                 arena_sprintf(&req->a, "DTSTART;VALUE=DATE:%s", ics_date(req, p->starts_on, 0)));
        ical_raw(&sb, arena_sprintf(&req->a, "DTEND;VALUE=DATE:%s", ics_date(req, p->ends_on, 1)));
        ical_text(&sb, "SUMMARY", p->title);
        strbuf d = STRBUF_INIT;
        sb_addf(&d, "%s", p->unit);
        for (size_t k = 0; k < ps[i].npartners; k++)
            sb_addf(&d, "%s%s", k ? ", " : " — ", ps[i].partners[k].name);
        ical_text(&sb, "DESCRIPTION", d.buf ? d.buf : "");
        sb_release(&d);
        ical_text(&sb, "CATEGORIES", p->kind);
        ical_raw(&sb, "STATUS:CONFIRMED");
        ical_raw(&sb, "END:VEVENT");
    }
    ical_end(&sb);
    resp_text(req, 200, "text/calendar; charset=utf-8", sb.buf, sb.len);
    resp_header(req, "Cache-Control", "public, max-age=300");
    sb_release(&sb);
}

/* partners: [id, ...] */
static int partner_ids(http_req *req, json_t *b, exchange_plan_input *in)
{
    json_t *ps = json_object_get(b, "partners");
    if (!ps || json_is_null(ps))
        return 0;
    if (!json_is_array(ps) || json_array_size(ps) > EXCHANGE_PLAN_MAX_PARTNERS) {
        resp_error(req, 400, "bad_partners", "partners is a list of at most 20 ids");
        return -1;
    }
    int64_t *ids = arena_alloc(&req->a, (json_array_size(ps) + 1) * sizeof(*ids));
    if (!ids) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(ps); i++) {
        json_t *v = json_array_get(ps, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            resp_error(req, 400, "bad_partners", "partners is a list of at most 20 ids");
            return -1;
        }
        ids[i] = json_integer_value(v);
    }
    in->partners = ids;
    in->npartners = json_array_size(ps);
    return 0;
}

void api_exchange_plan_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    exchange_plan_input in = {0};
    if (api_str(req, b, "division", 1, &in.division) < 0 ||
        api_str(req, b, "unit", 1, &in.unit) < 0 || api_str(req, b, "title", 1, &in.title) < 0 ||
        api_str(req, b, "kind", 1, &in.kind) < 0 ||
        api_str(req, b, "starts_on", 1, &in.starts_on) < 0 ||
        api_str(req, b, "ends_on", 1, &in.ends_on) < 0 ||
        api_str(req, b, "note", 0, &in.note) < 0 || partner_ids(req, b, &in) < 0) {
        json_decref(b);
        return;
    }
    exchange_plan_full f;
    if (exchange_plan_create(req_ctx(req), &in, &f) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, plan_json(&f, 1));
    json_decref(b);
}

void api_exchange_plan_get(http_req *req)
{
    exchange_plan_full f;
    if (exchange_plan_get(req_ctx(req), req_id(req, 0), &f) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, plan_json(&f, f.staff));
}

void api_exchange_plan_submit(http_req *req)
{
    api_submit(req, exchange_plan_submit);
}
