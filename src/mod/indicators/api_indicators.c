/*
 * api_indicators: the plans' indicators through the API (docs/indicators.md, "API"): the
 * standing of every indicator for a division and period, the records behind a computed
 * value, targets, reported values with their evidence and history, and exports.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mod/indicators/handlers.h"
#include "mod/indicators/indicators.h"

static json_t *num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *target_json(const ind_target *t)
{
    return json_pack(
        "{s:I,s:s,s:s,s:b,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)t->id, "division",
        t->division, "period", t->period, "recurring", t->recurring, "target", num(t->target),
        "baseline_year", t->baseline_year ? json_integer(t->baseline_year) : json_null(),
        "baseline", num(t->baseline), "note", str_or_null(t->note), "set_by",
        t->set_by ? json_integer(t->set_by) : json_null(), "set_at", api_time(t->set_at));
}

/* The contract's fields (code, name, unit, attribute, source, value, target, baseline,
 * status, computed_at), then what a dashboard needs beside them. */
static json_t *value_json(const ind_value *v)
{
    json_t *o = json_pack(
        "{s:s,s:s,s:s,s:o,s:s,s:o,s:o,s:o,s:s,s:o}", "code", v->def.code, "name", v->def.name_zh,
        "unit", v->def.unit, "attribute", str_or_null(v->def.attribute), "source", v->def.source,
        "value", num(v->value), "target", v->has_target ? num(v->target.target) : json_null(),
        "baseline", v->has_target ? num(v->target.baseline) : json_null(), "status",
        ind_status_name(v->status), "computed_at", api_time(v->computed_at));
    json_object_set_new(o, "name_en", json_string(v->def.name_en));
    json_object_set_new(o, "division", json_string(v->division));
    json_object_set_new(o, "period", json_string(v->period));
    json_object_set_new(o, "period_kind", json_string(v->def.period_kind));
    json_object_set_new(o, "measure", json_string(v->def.measure));
    json_object_set_new(o, "public", json_boolean(v->def.is_public));
    json_object_set_new(o, "baseline_year",
                        v->has_target && v->target.baseline_year
                            ? json_integer(v->target.baseline_year)
                            : json_null());
    json_object_set_new(o, "target_period",
                        v->has_target ? json_string(v->target.period) : json_null());
    json_object_set_new(o, "target_note",
                        v->has_target ? str_or_null(v->target.note) : json_null());
    json_object_set_new(o, "deadline", api_time(v->deadline));
    json_object_set_new(o, "projected", num(v->projected));
    json_object_set_new(o, "flag", str_or_null(v->def.flag));
    json_object_set_new(o, "provided", json_boolean(v->provided));
    json_object_set_new(o, "figures_hash", str_or_null(v->hash));
    return o;
}

static json_t *def_json(const ind_def *d)
{
    json_t *o =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:b,s:o,s:b}", "code", d->code,
                  "name", d->name_zh, "name_en", d->name_en, "unit", d->unit, "definition",
                  d->definition, "attribute", str_or_null(d->attribute), "levels", d->levels,
                  "period_kind", d->period_kind, "source", d->source, "measure", d->measure,
                  "plans", d->plans, "public", d->is_public, "flag", str_or_null(d->flag),
                  "provided", !strcmp(d->source, "reported") || ind_source_of(d->code));
    const wy_indicator *src = ind_source_of(d->code);
    if (src && src->definition)
        json_object_set_new(o, "computed_by", json_string(src->definition));
    return o;
}

/* ?recompute=1 */
static int opts_of(http_req *req, ind_opts *o)
{
    const char *r = req_query(req, "recompute");
    o->recompute = r && (!strcmp(r, "1") || !strcmp(r, "true"));
    return 0;
}

void api_indicators_list(http_req *req)
{
    ind_opts o;
    ind_value *v;
    size_t n;
    opts_of(req, &o);
    if (ind_values(req_ctx(req), req_query(req, "division"), req_query(req, "period"), &o, &v, &n) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, value_json(&v[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_indicator_get(http_req *req)
{
    ind_def d;
    if (ind_def_get(req_ctx(req), req_param(req, 0), &d) < 0) {
        resp_fail(req);
        return;
    }
    json_t *o = def_json(&d);
    const char *division = req_query(req, "division");
    if (division) { /* the targets set for that division */
        ind_target *t;
        size_t n;
        if (ind_targets(req_ctx(req), d.code, division, &t, &n) < 0) {
            json_decref(o);
            resp_fail(req);
            return;
        }
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, target_json(&t[i]));
        json_object_set_new(o, "targets", arr);
    }
    resp_json(req, 200, o);
}

void api_indicator_records(http_req *req)
{
    int limit;
    int64_t cursor;
    wy_record *r;
    size_t n;
    if (req_page(req, 50, 500, &limit, &cursor) < 0)
        return;
    if (ind_records(req_ctx(req), req_param(req, 0), req_query(req, "division"),
                    req_query(req, "period"), cursor, limit, &r, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            items,
            json_pack("{s:I,s:s,s:s,s:o,s:o,s:f}", "id", (json_int_t)r[i].id, "kind",
                      r[i].kind ? r[i].kind : "", "title", r[i].title ? r[i].title : "", "href",
                      str_or_null(r[i].href), "at", api_time(r[i].at), "value", r[i].value));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? r[n - 1].id : 0));
}

void api_indicator_series(http_req *req)
{
    ind_value *v;
    size_t n;
    if (ind_series(req_ctx(req), req_param(req, 0), req_query(req, "division"),
                   req_query(req, "from"), req_query(req, "to"), &v, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, value_json(&v[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_indicator_targets(http_req *req)
{
    ind_target *t;
    size_t n;
    if (ind_targets(req_ctx(req), req_param(req, 0), req_query(req, "division"), &t, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, target_json(&t[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

/* A number member of a JSON body (required or not; NAN when absent). */
static int body_num(http_req *req, json_t *b, const char *key, int required, double *out)
{
    json_t *v = json_object_get(b, key);
    *out = NAN;
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
        resp_error(req, 400, "missing_field",
                   arena_sprintf(&req->a, req_tr(req, "The field %s is required."), key));
        return -1;
    }
    if (!json_is_number(v)) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a, req_tr(req, "The field %s must be a number."), key));
        return -1;
    }
    *out = json_number_value(v);
    return 0;
}

void api_indicator_target_put(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *division, *period, *note;
    double target, baseline;
    int64_t year = 0;
    json_t *rec = json_object_get(b, "recurring");
    if (api_str(req, b, "division", 1, &division) < 0 ||
        api_str(req, b, "period", 1, &period) < 0 || body_num(req, b, "target", 1, &target) < 0 ||
        body_num(req, b, "baseline", 0, &baseline) < 0 ||
        api_int(req, b, "baseline_year", 0, &year) < 0 || api_str(req, b, "note", 0, &note) < 0) {
        json_decref(b);
        return;
    }
    if (rec && !json_is_boolean(rec) && !json_is_null(rec)) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a, req_tr(req, "The field %s must be true or false."),
                                 "recurring"));
        json_decref(b);
        return;
    }
    ind_target t;
    if (year < 0 || year > 9999)
        year = -1; /* refused by the rule */
    if (ind_target_set(req_ctx_primary(req), req_param(req, 0), division, period, target, (int)year,
                       baseline, rec && json_is_true(rec), note, &t) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, target_json(&t));
    json_decref(b);
}

static json_t *evidence_json(http_req *req, const ind_evidence *e)
{
    return json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:o}", "id", (json_int_t)e->id, "filename",
                     e->filename, "content_type", e->content_type, "bytes", (json_int_t)e->bytes,
                     "sha256", e->sha256, "url",
                     arena_sprintf(&req->a, "/api/v1/indicator-evidence/%lld", (long long)e->id),
                     "created_at", api_time(e->created_at));
}

static json_t *report_json(http_req *req, const ind_report *r)
{
    json_t *ev = json_array();
    for (size_t i = 0; i < r->nevidence; i++)
        json_array_append_new(ev, evidence_json(req, &r->evidence[i]));
    return json_pack("{s:I,s:s,s:s,s:s,s:f,s:o,s:o,s:o,s:o,s:o,s:b,s:o}", "id", (json_int_t)r->id,
                     "code", r->code, "division", r->division, "period", r->period, "value",
                     r->value, "note", str_or_null(r->note), "supersedes",
                     r->supersedes ? json_integer(r->supersedes) : json_null(), "entered_by",
                     r->entered_by ? json_integer(r->entered_by) : json_null(), "entered_by_name",
                     str_or_null(r->entered_by_name), "entered_at", api_time(r->entered_at),
                     "current", r->current, "evidence", ev);
}

/* A decimal number written whole in s (a form field). */
static int parse_num(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    *out = strtod(s, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

/* POST /api/v1/indicators/{code}/reports: a JSON body {division, period, value, note?}, or a
 * multipart form with the same fields and the file "evidence". */
void api_indicator_report_post(http_req *req)
{
    const char *ct = req_header(req, "Content-Type");
    const char *division, *period, *note;
    double value;
    ind_file f = {0};
    size_t nfiles = 0;
    json_t *b = NULL;
    if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
        division = req_form(req, "division");
        if (req->in.bad_form) {
            resp_error(req, 400, "bad_form",
                       req_tr(req, "The form data is malformed: a multipart form must be "
                                   "complete."));
            return;
        }
        period = req_form(req, "period");
        note = req_form(req, "note");
        if (parse_num(req_form(req, "value"), &value) < 0) {
            resp_error(
                req, 400, "bad_field",
                arena_sprintf(&req->a, req_tr(req, "The field %s must be a number."), "value"));
            return;
        }
        if (req_file(req, "evidence", &f.data, &f.len, &f.content_type) == 0) {
            const mpart *p = mpart_get(&req->in.parts, "evidence");
            f.name = p ? p->filename : NULL;
            nfiles = 1;
        }
    } else {
        if (!(b = req_json(req)))
            return;
        if (api_str(req, b, "division", 1, &division) < 0 ||
            api_str(req, b, "period", 1, &period) < 0 || body_num(req, b, "value", 1, &value) < 0 ||
            api_str(req, b, "note", 0, &note) < 0) {
            json_decref(b);
            return;
        }
    }
    ind_report r;
    if (ind_report_add(req_ctx_primary(req), req_param(req, 0), division, period, value, note,
                       nfiles ? &f : NULL, nfiles, &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, report_json(req, &r));
    json_decref(b);
}

void api_indicator_history(http_req *req)
{
    ind_report *r;
    size_t n;
    if (ind_history(req_ctx(req), req_param(req, 0), req_query(req, "division"),
                    req_query(req, "period"), &r, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, report_json(req, &r[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

/* POST /api/v1/indicator-reports/{id}/evidence?name=FILE: the raw file as the body. */
void api_indicator_evidence_post(http_req *req)
{
    ind_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                  req->body.len};
    ind_evidence e;
    if (ind_evidence_add(req_ctx_primary(req), req_id(req, 0), &f, &e) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, evidence_json(req, &e));
}

void api_indicator_evidence_get(http_req *req)
{
    ind_evidence e;
    const char *data;
    size_t len;
    if (ind_evidence_get(req_ctx(req), req_id(req, 0), &e, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, e.content_type, data, len);
    resp_header(req, "Content-Disposition", "attachment");
}

void api_indicators_csv(http_req *req)
{
    strbuf sb = STRBUF_INIT;
    if (ind_export_csv(req_ctx(req), req_query(req, "division"), req_query(req, "period"), &sb) <
        0) {
        resp_fail(req);
    } else {
        resp_text(req, 200, "text/csv; charset=utf-8", sb.buf, sb.len);
        resp_header(req, "Content-Disposition", "attachment; filename=\"indicators.csv\"");
    }
    sb_release(&sb);
}

void api_indicators_json(http_req *req)
{
    ind_export_row *rows;
    size_t n;
    const char *division = req_query(req, "division"), *period = req_query(req, "period");
    if (ind_export(req_ctx(req), division, period, &rows, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = value_json(&rows[i].v);
        json_object_set_new(o, "division_name", json_string(rows[i].division_name));
        json_array_append_new(items, o);
    }
    ind_value *vs = arena_alloc(&req->a, (n ? n : 1) * sizeof(*vs));
    for (size_t i = 0; vs && i < n; i++)
        vs[i] = rows[i].v;
    const char *hash = vs ? ind_snapshot_hash(req_ctx(req), vs, n) : NULL;
    resp_json(req, 200,
              json_pack("{s:s,s:s,s:o,s:o,s:o}", "division",
                        rows && n ? rows[0].division : division, "period", period, "generated_at",
                        api_time(req_ctx(req)->now), "figures_hash", str_or_null(hash), "items",
                        items));
    resp_header(req, "Content-Disposition", "attachment; filename=\"indicators.json\"");
}
