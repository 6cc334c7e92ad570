/* api_markets: 文化市集 under /api/v1: markets, their stall plans, applications, the panel's
 * scores, the decision, stalls and the check-in. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "mod/markets/handlers.h"
#include "mod/markets/market.h"
#include "util/timeutil.h"

#ifndef N_
#define N_(s) s /* a msgid, translated where it is shown */
#endif

/* ---- reading bodies ---- */

static int bad_field(http_req *req, const char *code, const char *msgid, const char *field)
{
    req->ctx.err = (wy_error){.cls = E_INVALID, .code = code, .field = field, .message = msgid};
    resp_fail(req);
    return -1;
}

static int read_time(http_req *req, json_t *o, const char *key, int required, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
    } else if (json_is_string(v) && time_parse_rfc3339(json_string_value(v), out) == 0) {
        return 0;
    }
    return bad_field(req, "bad_time", N_("A time is RFC 3339 text with its offset."), key);
}

static int read_bool(http_req *req, json_t *o, const char *key, int *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return bad_field(req, "bad_field", N_("This field is true or false."), key);
    *out = json_is_true(v);
    return 0;
}

static int read_num(http_req *req, json_t *o, const char *key, double *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_number(v))
        return bad_field(req, "bad_field", N_("This field is a number."), key);
    *out = json_number_value(v);
    return 0;
}

static int read_small(http_req *req, json_t *o, const char *key, int *out)
{
    int64_t v = *out;
    if (api_int(req, o, key, 0, &v) < 0)
        return -1;
    if (v < -1000000000 || v > 1000000000)
        return bad_field(req, "bad_field", N_("This number is out of range."), key);
    *out = (int)v;
    return 0;
}

/* The fields of a market in a body onto m (absent fields keep m's); the categories, when
 * given, into *cats. */
static int read_market(http_req *req, json_t *b, market *m, market_category **cats, size_t *ncats)
{
    int64_t venue = m->venue_id;
    const char *s;
#define STR(k, f)                                                                                  \
    do {                                                                                           \
        if (api_str(req, b, k, 0, &s) < 0)                                                         \
            return -1;                                                                             \
        if (s)                                                                                     \
            m->f = s;                                                                              \
    } while (0)
    STR("title", title);
    STR("description", description);
    STR("division", division);
    STR("address", address);
#undef STR
    if (api_int(req, b, "venue_id", 0, &venue) < 0 || read_num(req, b, "lon", &m->lon) < 0 ||
        read_num(req, b, "lat", &m->lat) < 0 ||
        read_time(req, b, "starts_at", 0, &m->starts_at) < 0 ||
        read_time(req, b, "ends_at", 0, &m->ends_at) < 0 ||
        read_time(req, b, "apply_opens_at", 0, &m->apply_opens_at) < 0 ||
        read_time(req, b, "apply_closes_at", 0, &m->apply_closes_at) < 0 ||
        read_time(req, b, "confirm_by", 0, &m->confirm_by) < 0 ||
        api_int(req, b, "fee_fen", 0, &m->fee_fen) < 0 ||
        api_int(req, b, "deposit_fen", 0, &m->deposit_fen) < 0 ||
        read_small(req, b, "min_reviews", &m->min_reviews) < 0 ||
        read_small(req, b, "pass_mark", &m->pass_mark) < 0 ||
        read_small(req, b, "confirm_hours", &m->confirm_hours) < 0 ||
        read_small(req, b, "late_minutes", &m->late_minutes) < 0)
        return -1;
    m->venue_id = venue;
    json_t *rules = json_object_get(b, "rules");
    if (rules && !json_is_null(rules)) {
        if (!json_is_object(rules))
            return bad_field(req, "bad_rules", N_("rules is an object: apart, food, access."),
                             "rules");
        if (read_bool(req, rules, "apart", &m->rule_apart) < 0 ||
            read_bool(req, rules, "food", &m->rule_food) < 0 ||
            read_bool(req, rules, "access", &m->rule_access) < 0)
            return -1;
    }
    json_t *rubric = json_object_get(b, "rubric");
    if (rubric && !json_is_null(rubric)) {
        char *t = json_dumps(rubric, JSON_COMPACT);
        m->rubric = t ? arena_strdup(&req->a, t) : NULL;
        free(t);
    }
    json_t *c = json_object_get(b, "categories");
    *cats = NULL;
    *ncats = 0;
    if (c && !json_is_null(c)) {
        if (!json_is_array(c) || json_array_size(c) > MARKET_NCATEGORIES)
            return bad_field(req, "bad_categories",
                             N_("categories is a list of {category, quota}."), "categories");
        *cats = arena_alloc(&req->a, (json_array_size(c) + 1) * sizeof(market_category));
        if (!*cats)
            return bad_field(req, "bad_categories",
                             N_("categories is a list of {category, quota}."), "categories");
        for (size_t i = 0; i < json_array_size(c); i++) {
            json_t *o = json_array_get(c, i);
            const char *cat = json_string_value(json_object_get(o, "category"));
            json_t *q = json_object_get(o, "quota");
            if (!cat || !json_is_integer(q) || json_integer_value(q) < 0 ||
                json_integer_value(q) > 1000)
                return bad_field(req, "bad_categories",
                                 N_("categories is a list of {category, quota}."), "categories");
            (*cats)[i] = (market_category){.category = arena_strdup(&req->a, cat),
                                           .quota = (int)json_integer_value(q)};
        }
        *ncats = json_array_size(c);
    }
    return 0;
}

static int read_stalls(http_req *req, json_t *arr, market_stall **out, size_t *n)
{
    if (!json_is_array(arr) || json_array_size(arr) > MARKET_MAX_STALLS)
        return bad_field(req, "bad_stalls", N_("stalls is a list of up to 500 stalls."), "stalls");
    *n = json_array_size(arr);
    *out = arena_alloc(&req->a, (*n + 1) * sizeof(market_stall));
    if (!*out)
        return bad_field(req, "bad_stalls", N_("stalls is a list of up to 500 stalls."), "stalls");
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        market_stall *s = &(*out)[i];
        *s = (market_stall){.width_cm = 300, .depth_cm = 300, .zone = ""};
        if (!json_is_object(o) || api_str(req, o, "number", 1, &s->number) < 0 ||
            api_str(req, o, "row", 1, &s->row_label) < 0 ||
            read_small(req, o, "position", &s->position) < 0 ||
            read_small(req, o, "width_cm", &s->width_cm) < 0 ||
            read_small(req, o, "depth_cm", &s->depth_cm) < 0 ||
            read_bool(req, o, "power", &s->power) < 0 ||
            read_bool(req, o, "water", &s->water) < 0 ||
            read_bool(req, o, "near_entrance", &s->near_entrance) < 0 ||
            api_str(req, o, "zone", 0, &s->zone) < 0) {
            if (req->status == 0)
                bad_field(req, "bad_stalls", N_("stalls is a list of up to 500 stalls."), "stalls");
            return -1;
        }
        s->number = arena_strdup(&req->a, s->number);
        s->row_label = arena_strdup(&req->a, s->row_label);
        s->zone = s->zone ? arena_strdup(&req->a, s->zone) : "";
    }
    return 0;
}

/* ---- writing answers ---- */

static json_t *stall_json(const market_stall *s)
{
    return json_pack("{s:s,s:s,s:i,s:i,s:i,s:b,s:b,s:b,s:s}", "number", s->number, "row",
                     s->row_label, "position", s->position, "width_cm", s->width_cm, "depth_cm",
                     s->depth_cm, "power", s->power, "water", s->water, "near_entrance",
                     s->near_entrance, "zone", s->zone ? s->zone : "");
}

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *market_brief(const market *m)
{
    json_t *j =
        json_pack("{s:I,s:s,s:s,s:o,s:s?,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:I,s:I,s:s,s:o,s:o}", "id",
                  (json_int_t)m->id, "title", m->title, "division", m->division, "venue_id",
                  m->venue_id ? json_integer(m->venue_id) : json_null(), "address", m->address,
                  "lon", num_or_null(m->lon), "lat", num_or_null(m->lat), "starts_at",
                  api_time(m->starts_at), "ends_at", api_time(m->ends_at), "apply_opens_at",
                  api_time(m->apply_opens_at), "apply_closes_at", api_time(m->apply_closes_at),
                  "confirm_by", api_time(m->confirm_by), "fee_fen", (json_int_t)m->fee_fen,
                  "deposit_fen", (json_int_t)m->deposit_fen, "status", m->status, "decided_at",
                  api_time(m->decided_at), "map_published_at", api_time(m->map_published_at));
    return j;
}

static json_t *market_json(const market_view *v)
{
    json_t *j = market_brief(&v->m);
    json_object_set_new(j, "description", json_string(v->m.description ? v->m.description : ""));
    json_object_set_new(j, "division_name",
                        v->division_name ? json_string(v->division_name) : json_null());
    json_object_set_new(j, "venue_name", v->venue_name ? json_string(v->venue_name) : json_null());
    json_t *rubric = json_array();
    for (size_t i = 0; i < v->nrubric; i++)
        json_array_append_new(rubric, json_pack("{s:s,s:s,s:i}", "key", v->rubric[i].key, "name",
                                                v->rubric[i].name, "max", v->rubric[i].max));
    json_object_set_new(j, "rubric", rubric);
    json_object_set_new(j, "min_reviews", json_integer(v->m.min_reviews));
    json_object_set_new(j, "pass_mark", json_integer(v->m.pass_mark));
    json_object_set_new(j, "confirm_hours", json_integer(v->m.confirm_hours));
    json_object_set_new(j, "late_minutes", json_integer(v->m.late_minutes));
    json_object_set_new(j, "rules",
                        json_pack("{s:b,s:b,s:b}", "apart", v->m.rule_apart, "food", v->m.rule_food,
                                  "access", v->m.rule_access));
    json_t *cats = json_array();
    for (size_t i = 0; i < v->ncats; i++)
        json_array_append_new(cats,
                              json_pack("{s:s,s:i,s:i}", "category", v->cats[i].category, "quota",
                                        v->cats[i].quota, "accepted", v->cats[i].accepted));
    json_object_set_new(j, "categories", cats);
    json_t *stalls = json_array();
    for (size_t i = 0; i < v->nstalls; i++)
        json_array_append_new(stalls, stall_json(&v->stalls[i]));
    json_object_set_new(j, "stalls", stalls);
    return j;
}

static json_t *mean_json(int64_t sum, int n)
{
    return n > 0 ? json_real((double)sum / n) : json_null();
}

static json_t *record_json(const market_record *r)
{
    return json_pack("{s:i,s:i,s:i}", "markets", r->markets, "late", r->late, "no_shows",
                     r->no_shows);
}

static json_t *files_json(const attachment *f, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        char url[64];
        snprintf(url, sizeof(url), "/api/v1/market-files/%lld", (long long)f[i].id);
        json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)f[i].id,
                                           "filename", f[i].filename, "content_type",
                                           f[i].content_type, "bytes", (json_int_t)f[i].bytes,
                                           "url", url));
    }
    return a;
}

/* An application as the caller may see it: contacts for its applicant and the organisers
 * (the panel sees none), scores as market_app_get leaves them. */
static json_t *app_json(const market_application *a, int show_scores)
{
    json_t *j = json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:s,s:s?,s:{s:b,s:b,s:b},s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:b,s:o,s:o}",
        "id", (json_int_t)a->id, "market_id", (json_int_t)a->market_id, "pseudonym", a->pseudonym,
        "stall_name", a->stall_name, "category", a->category, "products", a->products, "licence_no",
        a->licence_no, "needs", "power", a->needs_power, "water", a->needs_water, "access",
        a->needs_access, "status", a->status, "position",
        a->position ? json_integer(a->position) : json_null(), "ranked",
        a->ranked ? json_integer(a->ranked) : json_null(), "confirm_by", api_time(a->confirm_by),
        "stall", a->stall_number ? json_string(a->stall_number) : json_null(), "checked_in_at",
        api_time(a->checked_in_at), "late", a->late, "no_show", a->no_show, "submitted_at",
        api_time(a->submitted_at), "decided_at", api_time(a->decided_at));
    if (a->contact_phone) {
        json_object_set_new(j, "contact_name", json_string(a->contact_name));
        json_object_set_new(j, "contact_phone", json_string(a->contact_phone));
    }
    if (show_scores) {
        json_object_set_new(j, "scores", json_integer(a->nscores));
        json_object_set_new(j, "mean_score", mean_json(a->score_sum, a->nscores));
    }
    return j;
}

/* ---- markets ---- */

static int page_of(http_req *req, int *limit, int64_t *cursor)
{
    int def = (int)config_module_int(req_ctx(req)->cfg, "markets", "page_size");
    return req_page(req, def, 100, limit, cursor);
}

void api_markets_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (page_of(req, &limit, &cursor) < 0)
        return;
    market *ms;
    size_t n;
    if (market_list(req_ctx(req), req_query(req, "division"), PERM_PUBLIC, cursor, limit, &ms, &n) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, market_brief(&ms[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ms[n - 1].id : 0));
}

static void answer_market(http_req *req, int status, int64_t id)
{
    market_view v;
    if (market_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, status, market_json(&v));
}

void api_market_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    market m = {.lon = NAN,
                .lat = NAN,
                .min_reviews = 2,
                .confirm_hours = 48,
                .late_minutes = 30,
                .rule_apart = 1,
                .rule_food = 1,
                .rule_access = 1};
    market_category *cats;
    size_t ncats;
    market_stall *stalls = NULL;
    size_t nstalls = 0;
    json_t *sj = json_object_get(b, "stalls");
    int64_t id;
    if (api_str(req, b, "title", 1, &m.title) == 0 &&
        read_time(req, b, "starts_at", 1, &m.starts_at) == 0 &&
        read_time(req, b, "ends_at", 1, &m.ends_at) == 0 &&
        read_time(req, b, "apply_opens_at", 1, &m.apply_opens_at) == 0 &&
        read_time(req, b, "apply_closes_at", 1, &m.apply_closes_at) == 0 &&
        read_market(req, b, &m, &cats, &ncats) == 0 &&
        (!sj || json_is_null(sj) || read_stalls(req, sj, &stalls, &nstalls) == 0)) {
        if (!m.confirm_by)
            m.confirm_by = m.apply_closes_at + (m.starts_at - m.apply_closes_at) / 2;
        wy_ctx *ctx = req_ctx(req);
        if (market_create(ctx, &m, cats, ncats, &id) < 0 ||
            (nstalls && market_set_stalls(ctx, id, stalls, nstalls) < 0))
            resp_fail(req);
        else
            answer_market(req, 201, id);
    }
    json_decref(b);
}

void api_market_get(http_req *req)
{
    answer_market(req, 200, req_id(req, 0));
}

void api_market_update(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    market_view v;
    market_category *cats;
    size_t ncats;
    if (market_get(req_ctx(req), req_id(req, 0), &v) < 0)
        resp_fail(req);
    else if (read_market(req, b, &v.m, &cats, &ncats) == 0) {
        if (market_update(req_ctx(req), &v.m, cats, ncats) < 0)
            resp_fail(req);
        else
            answer_market(req, 200, v.m.id);
    }
    json_decref(b);
}

void api_market_submit(http_req *req)
{
    api_submit(req, market_submit);
}

void api_market_set_stalls(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    market_stall *s;
    size_t n;
    if (read_stalls(req, json_object_get(b, "stalls"), &s, &n) == 0) {
        if (market_set_stalls(req_ctx(req), req_id(req, 0), s, n) < 0)
            resp_fail(req);
        else
            answer_market(req, 200, req_id(req, 0));
    }
    json_decref(b);
}

/* ---- applications ---- */

void api_market_apply(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    market_application a = {0};
    int64_t id;
    json_t *needs = json_object_get(b, "needs");
    if (api_str(req, b, "stall_name", 1, &a.stall_name) == 0 &&
        api_str(req, b, "category", 1, &a.category) == 0 &&
        api_str(req, b, "products", 1, &a.products) == 0 &&
        api_str(req, b, "contact_name", 0, &a.contact_name) == 0 &&
        api_str(req, b, "contact_phone", 0, &a.contact_phone) == 0 &&
        api_str(req, b, "licence_no", 0, &a.licence_no) == 0 &&
        (!needs || (read_bool(req, needs, "power", &a.needs_power) == 0 &&
                    read_bool(req, needs, "water", &a.needs_water) == 0 &&
                    read_bool(req, needs, "access", &a.needs_access) == 0))) {
        market_app_view v;
        if (market_apply(req_ctx(req), req_id(req, 0), &a, &id) < 0 ||
            market_app_get(req_ctx(req), id, &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, app_json(&v.a, 0));
    }
    json_decref(b);
}

static json_t *app_view_json(const market_app_view *v)
{
    json_t *j = app_json(&v->a, v->manage || v->m.decided_at);
    json_object_set_new(j, "record", record_json(&v->record));
    json_object_set_new(j, "photos", files_json(v->photos, v->nphotos));
    json_object_set_new(j, "licences", files_json(v->licences, v->nlicences));
    json_t *scores = json_array();
    for (size_t i = 0; i < v->nscores; i++) {
        json_error_t e;
        json_t *pts = json_loads(v->scores[i].points, 0, &e);
        json_array_append_new(
            scores,
            json_pack("{s:s,s:o,s:I,s:s,s:o}", "reviewer", v->scores[i].reviewer_name, "points",
                      pts ? pts : json_object(), "total", (json_int_t)v->scores[i].total, "comment",
                      v->scores[i].comment, "at", api_time(v->scores[i].created_at)));
    }
    json_object_set_new(j, "score_list", scores);
    json_object_set_new(j, "own", json_boolean(v->own));
    json_object_set_new(j, "may_score", json_boolean(v->may_score));
    json_object_set_new(j, "scored", json_boolean(v->scored));
    json_object_set_new(j, "excluded", json_boolean(v->excluded));
    return j;
}

void api_market_app_get(http_req *req)
{
    market_app_view v;
    if (market_app_get(req_ctx(req), req_id(req, 0), &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, app_view_json(&v));
}

void api_my_market_apps(http_req *req)
{
    int limit;
    int64_t cursor;
    if (page_of(req, &limit, &cursor) < 0)
        return;
    market_application *as;
    size_t n;
    if (market_my_apps(req_ctx(req), cursor, limit, &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, app_json(&as[i], 0));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? as[n - 1].id : 0));
}

void api_market_app_file(http_req *req)
{
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    attachment out;
    if (market_app_attach(req_ctx(req), req_id(req, 0), req_query(req, "kind"), &f, &out) < 0)
        resp_fail(req);
    else
        resp_json(req, 201,
                  json_pack("{s:I,s:s,s:I}", "id", (json_int_t)out.id, "filename", out.filename,
                            "bytes", (json_int_t)out.bytes));
}

void api_market_file_get(http_req *req)
{
    attachment a;
    const char *data;
    size_t len;
    if (market_file_get(req_ctx(req), req_id(req, 0), &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    resp_header(req, "Content-Disposition", "attachment");
}

static void app_action(http_req *req, int (*fn)(wy_ctx *, int64_t))
{
    market_app_view v;
    int64_t id = req_id(req, 0);
    if (fn(req_ctx(req), id) < 0 || market_app_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, app_view_json(&v));
}

void api_market_app_submit(http_req *req)
{
    app_action(req, market_app_submit);
}

void api_market_app_withdraw(http_req *req)
{
    app_action(req, market_app_withdraw);
}

void api_market_app_confirm(http_req *req)
{
    app_action(req, market_app_confirm);
}

static void apps_list(http_req *req, int panel)
{
    market_app_row *rows;
    size_t n;
    if (market_apps_list(req_ctx(req), req_id(req, 0), panel, req_query(req, "status"),
                         req_query(req, "category"), &rows, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = app_json(&rows[i].a, !panel);
        json_object_set_new(j, "record", record_json(&rows[i].record));
        if (panel) {
            json_object_set_new(j, "scored", json_boolean(rows[i].scored));
            json_object_set_new(j, "excluded", json_boolean(rows[i].excluded));
        }
        json_array_append_new(arr, j);
    }
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void api_market_apps(http_req *req)
{
    apps_list(req, 0);
}

void api_market_panel(http_req *req)
{
    apps_list(req, 1);
}

void api_market_score(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *comment;
    json_t *pts = json_object_get(b, "points");
    if (!json_is_object(pts))
        bad_field(req, "bad_points", N_("points is an object: criterion -> points."), "points");
    else if (api_str(req, b, "comment", 0, &comment) == 0) {
        char *t = json_dumps(pts, JSON_COMPACT);
        const char *text = t ? arena_strdup(&req->a, t) : NULL;
        free(t);
        market_app_view v;
        int64_t id = req_id(req, 0);
        if (market_score_add(req_ctx(req), id, text, comment) < 0 ||
            market_app_get(req_ctx(req), id, &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, app_view_json(&v));
    }
    json_decref(b);
}

/* ---- the ranking and the decision ---- */

/* A lottery of the core's store of draws, as the markets' answers link it. */
static json_t *lottery_ref_json(const lottery_row *r)
{
    return json_pack("{s:I,s:s,s:o,s:o}", "id", (json_int_t)r->id, "status", r->status, "url",
                     json_sprintf("/api/v1/lotteries/%lld", (long long)r->id), "page_url",
                     json_sprintf("/lotteries/%lld", (long long)r->id));
}

static const char *verdict_name(market_verdict v)
{
    return v == MARKET_ACCEPTED ? "accepted" : v == MARKET_RESERVE ? "reserve" : "declined";
}

void api_market_ranking(http_req *req)
{
    market_ranking *r;
    size_t n;
    if (market_rank_all(req_ctx(req), req_id(req, 0), &r, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *cats = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *items = json_array();
        for (size_t k = 0; k < r[i].n; k++) {
            const market_candidate *c = &r[i].ranked[k];
            int tied = r[i].tie && k >= r[i].t.first && k < r[i].t.first + r[i].t.count;
            json_array_append_new(
                items,
                json_pack("{s:I,s:s,s:o,s:i,s:s?,s:o,s:b}", "id", (json_int_t)c->id, "pseudonym",
                          c->pseudonym, "mean_score", mean_json(c->score_sum, c->nscores), "scores",
                          c->nscores, "verdict", tied ? NULL : verdict_name(r[i].verdict[k]),
                          "position",
                          !tied && r[i].position[k] ? json_integer(r[i].position[k]) : json_null(),
                          "tied", tied));
        }
        json_t *tie = json_null();
        if (r[i].tie) {
            json_t *ps = json_array();
            for (size_t k = 0; k < r[i].t.count; k++)
                json_array_append_new(ps, json_string(r[i].ranked[r[i].t.first + k].pseudonym));
            tie = json_pack("{s:i,s:o}", "places_left", r[i].t.places_left, "pseudonyms", ps);
        }
        json_array_append_new(cats,
                              json_pack("{s:s,s:i,s:I,s:o,s:o}", "category", r[i].cat.category,
                                        "quota", r[i].cat.quota, "unscored",
                                        (json_int_t)r[i].unscored, "tie", tie, "items", items));
    }
    /* the market's tie lottery, once opened */
    lottery_row row;
    int found = market_tie_lottery_of(req_ctx(req), req_id(req, 0), &row);
    if (found < 0) {
        json_decref(cats);
        resp_fail(req);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "categories", cats, "lottery",
                        found ? lottery_ref_json(&row) : json_null()));
}

void api_market_tie_lottery(http_req *req)
{
    lottery_row r;
    if (market_tie_lottery(req_ctx(req), req_id(req, 0), &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, lottery_ref_json(&r));
}

void api_market_decide(http_req *req)
{
    market_decision d;
    if (market_decide(req_ctx(req), req_id(req, 0), &d) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:i,s:i,s:i}", "accepted", d.accepted, "reserve", d.reserve,
                            "declined", d.declined));
}

/* ---- stalls ---- */

static json_t *assignment_json(const market_assignment *x, int full)
{
    json_t *holders = json_array();
    for (size_t i = 0; i < x->nh; i++) {
        const market_application *a = &x->holders[i];
        json_t *j = json_pack(
            "{s:s,s:s,s:o}", "stall_name", a->stall_name, "category", a->category, "stall",
            x->at[i] >= 0 ? json_string(x->stalls[x->at[i]].number) : json_null());
        if (full) {
            json_object_set_new(j, "application_id", json_integer(a->id));
            json_object_set_new(j, "status", json_string(a->status));
            json_object_set_new(j, "needs",
                                json_pack("{s:b,s:b,s:b}", "power", a->needs_power, "water",
                                          a->needs_water, "access", a->needs_access));
            json_object_set_new(j, "checked_in_at", api_time(a->checked_in_at));
            json_object_set_new(j, "late", json_boolean(a->late));
            json_object_set_new(j, "no_show", json_boolean(a->no_show));
        }
        json_array_append_new(holders, j);
    }
    json_t *o = json_pack("{s:o}", "holders", holders);
    if (full) {
        json_t *probs = json_array();
        for (size_t k = 0; k < x->nproblems; k++) {
            const market_problem *p = &x->problems[k];
            json_array_append_new(
                probs,
                json_pack("{s:s,s:I,s:o,s:o}", "rule", p->rule, "application_id",
                          (json_int_t)x->holders[p->holder].id, "stall",
                          p->stall >= 0 ? json_string(x->stalls[p->stall].number) : json_null(),
                          "with_application_id",
                          p->with >= 0 ? json_integer(x->holders[p->with].id) : json_null()));
        }
        json_object_set_new(o, "problems", probs);
    }
    return o;
}

void api_market_assignment(http_req *req)
{
    market_assignment x;
    if (market_assignment_get(req_ctx(req), req_id(req, 0), &x) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, assignment_json(&x, 1));
}

void api_market_assign(http_req *req)
{
    market_assignment x;
    if (market_assign_stalls(req_ctx(req), req_id(req, 0), &x) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, assignment_json(&x, 1));
}

void api_market_holders(http_req *req)
{
    market_assignment x;
    if (market_holders_public(req_ctx(req), req_id(req, 0), &x) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, assignment_json(&x, 0));
}

void api_market_map(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    int publish = 1;
    if (read_bool(req, b, "published", &publish) == 0) {
        if (market_publish_map(req_ctx(req), req_id(req, 0), publish) < 0)
            resp_fail(req);
        else
            answer_market(req, 200, req_id(req, 0));
    }
    json_decref(b);
}

void api_market_app_stall(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *number;
    market_problem *w;
    size_t nw;
    market_assignment after;
    if (api_str(req, b, "stall", 1, &number) == 0) {
        if (market_move_stall(req_ctx(req), req_id(req, 0), number, &w, &nw, &after) < 0)
            resp_fail(req);
        else {
            json_t *o = assignment_json(&after, 1);
            json_t *warn = json_array();
            for (size_t k = 0; k < nw; k++)
                json_array_append_new(
                    warn,
                    json_pack("{s:s,s:I,s:o}", "rule", w[k].rule, "application_id",
                              (json_int_t)after.holders[w[k].holder].id, "with_application_id",
                              w[k].with >= 0 ? json_integer(after.holders[w[k].with].id)
                                             : json_null()));
            json_object_set_new(o, "warnings", warn);
            resp_json(req, 200, o);
        }
    }
    json_decref(b);
}

void api_market_app_checkin(http_req *req)
{
    int late;
    int64_t id = req_id(req, 0);
    if (market_checkin(req_ctx(req), id, &late) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "late", late));
}
