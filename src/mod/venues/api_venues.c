/* api_venues: 文化阵地 — the directory, a venue, edits, hours, import and export. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mod/module.h"
#include "mod/venues/handlers.h"
#include "mod/venues/venue.h"

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *venue_json(http_req *req, const venue_view *vv)
{
    const venue *v = &vv->v;
    const venue_category *cat = venue_category_find(v->category);
    json_t *photos = v->photos ? json_loads(v->photos, 0, NULL) : NULL;
    json_t *j = json_pack(
        "{s:I,s:s?,s:s,s:s,s:s,s:s,s:s?,s:s?,s:o,s:o,s:o,s:s?,s:s?,s:s?,s:o,s:s,s:b,s:f,s:b,s:o}",
        "id", (json_int_t)v->id, "external_id", v->external_id, "name", v->name, "category",
        v->category, "category_name", cat ? (req->lang == LANG_EN ? cat->en : cat->zh) : "",
        "division", v->division, "division_name", vv->division_name, "address", v->address, "lon",
        num_or_null(v->lon), "lat", num_or_null(v->lat), "area_m2", num_or_null(v->area_m2),
        "grade", v->grade, "awards", v->awards, "contact", v->contact, "photos",
        photos ? photos : json_array(), "status", v->status, "open_now", vv->open_now,
        "weekly_hours", vv->weekly_minutes / 60.0, "meets_minimum_hours", vv->meets_minimum,
        "branch_of", v->branch_of ? json_integer(v->branch_of) : json_null());
    json_object_set_new(j, "grade_year", v->grade_year ? json_integer(v->grade_year) : json_null());
    json_t *hours = json_array();
    for (size_t i = 0; i < vv->nhours; i++) {
        char o[6], c[6];
        venue_format_hhmm(vv->hours[i].opens, o);
        venue_format_hhmm(vv->hours[i].closes, c);
        json_array_append_new(hours, json_pack("{s:i,s:s,s:s,s:b}", "weekday", vv->hours[i].weekday,
                                               "opens", o, "closes", c, "extended",
                                               vv->hours[i].extended));
    }
    json_object_set_new(j, "hours", hours);
    json_t *ex = json_array();
    for (size_t i = 0; i < vv->nclosures; i++) {
        const venue_closure *cl = &vv->closures[i];
        json_t *e =
            json_pack("{s:s,s:b,s:s?}", "day", cl->day, "closed", cl->opens < 0, "note", cl->note);
        if (cl->opens >= 0) {
            char o[6], c[6];
            venue_format_hhmm(cl->opens, o);
            venue_format_hhmm(cl->closes, c);
            json_object_set_new(e, "opens", json_string(o));
            json_object_set_new(e, "closes", json_string(c));
        }
        json_array_append_new(ex, e);
    }
    json_object_set_new(j, "exceptions", ex);
    return j;
}

static int parse_near(const char *s, double *lon, double *lat)
{
    char *end;
    if (!s)
        return -1;
    *lon = strtod(s, &end);
    if (*end != ',')
        return -1;
    *lat = strtod(end + 1, &end);
    return *end || !isfinite(*lon) || !isfinite(*lat) ? -1 : 0;
}

void api_venues_list(http_req *req)
{
    venue_query q = {.division = req_query(req, "division"),
                     .category = req_query(req, "category"),
                     .q = req_query(req, "q")};
    if (req_page(req, 50, 200, &q.limit, &q.after) < 0)
        return;
    const char *near = req_query(req, "near"), *open = req_query(req, "open_now");
    q.open_now = open && (!strcmp(open, "1") || !strcmp(open, "true"));
    if (near) {
        const char *r = req_query(req, "radius");
        q.has_near = 1;
        q.radius_m = r ? strtod(r, NULL) : 1000;
        if (parse_near(near, &q.lon, &q.lat) < 0) {
            resp_error(req, 400, "bad_near", req_tr(req, "near is lon,lat (WGS84)."));
            return;
        }
    }
    venue_view *vs;
    size_t n;
    double *dist;
    if (venue_list(req_ctx(req), &q, &vs, &n, &dist) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = venue_json(req, &vs[i]);
        if (q.has_near)
            json_object_set_new(j, "distance_m", json_real(round(dist[i] * 10) / 10));
        json_array_append_new(items, j);
    }
    resp_json(req, 200, api_page(items, n == (size_t)q.limit ? vs[n - 1].v.id : 0));
}

void api_venue_get(http_req *req)
{
    int64_t id;
    venue_view vv;
    id = req_id(req, 0);
    if (venue_get(req_ctx(req), id, &vv) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = venue_json(req, &vv);
    if (modules_fill(VENUE_SLOT_JSON, req, j, &vv) < 0) { /* the rating of its activities, ... */
        json_decref(j);
        resp_fail(req);
        return;
    }
    resp_json(req, 200, j);
}

/* Overlay the members present in b onto v; -1 (and a 400) on a wrong type. */
static int read_venue(http_req *req, json_t *b, venue *v)
{
    static const char *const strs[] = {"external_id", "name",   "category", "division", "address",
                                       "grade",       "awards", "contact",  "status"};
    const char **dst[] = {&v->external_id, &v->name,   &v->category, &v->division, &v->address,
                          &v->grade,       &v->awards, &v->contact,  &v->status};
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        json_t *m = json_object_get(b, strs[i]);
        if (!m)
            continue;
        const char *s;
        if (api_str(req, b, strs[i], 0, &s) < 0)
            return -1;
        *dst[i] = s && *s ? arena_strdup(&req->a, s) : NULL;
    }
    static const char *const nums[] = {"lon", "lat", "area_m2"};
    double *ndst[] = {&v->lon, &v->lat, &v->area_m2};
    for (int i = 0; i < 3; i++) {
        json_t *m = json_object_get(b, nums[i]);
        if (!m)
            continue;
        if (json_is_null(m))
            *ndst[i] = NAN;
        else if (json_is_number(m))
            *ndst[i] = json_number_value(m);
        else {
            resp_error(
                req, 400, "bad_field",
                arena_sprintf(&req->a, req_tr(req, "The field %s must be a number."), nums[i]));
            return -1;
        }
    }
    int64_t iv;
    if (json_object_get(b, "grade_year")) {
        iv = 0;
        if (!json_is_null(json_object_get(b, "grade_year")) &&
            api_int(req, b, "grade_year", 1, &iv) < 0)
            return -1;
        v->grade_year = (int)iv;
    }
    if (json_object_get(b, "branch_of")) {
        iv = 0;
        if (!json_is_null(json_object_get(b, "branch_of")) &&
            api_int(req, b, "branch_of", 1, &iv) < 0)
            return -1;
        v->branch_of = iv;
    }
    json_t *ph = json_object_get(b, "photos");
    if (ph) {
        char *s = json_is_null(ph) ? NULL : json_dumps(ph, JSON_COMPACT);
        v->photos = s ? arena_strdup(&req->a, s) : NULL;
        free(s);
    }
    return 0;
}

void api_venue_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    venue v = {.lon = NAN, .lat = NAN, .area_m2 = NAN};
    int64_t id;
    venue_view vv;
    if (read_venue(req, b, &v) == 0) {
        if (venue_create(req_ctx(req), &v, &id) < 0 || venue_get(req_ctx(req), id, &vv) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, venue_json(req, &vv));
    }
    json_decref(b);
}

void api_venue_update(http_req *req)
{
    int64_t id;
    venue_view vv;
    id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    if (venue_get(req_ctx(req), id, &vv) < 0)
        resp_fail(req);
    else if (read_venue(req, b, &vv.v) == 0) {
        if (venue_update(req_ctx(req), &vv.v) < 0 || venue_get(req_ctx(req), id, &vv) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, venue_json(req, &vv));
    }
    json_decref(b);
}

void api_venue_hours(http_req *req)
{
    int64_t id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *weekly = json_object_get(b, "weekly"), *ex = json_object_get(b, "exceptions");
    size_t nh = json_array_size(weekly), nc = json_array_size(ex);
    venue_hours *h = arena_alloc(&req->a, (nh + 1) * sizeof(*h));
    venue_closure *cl = arena_alloc(&req->a, (nc + 1) * sizeof(*cl));
    int bad = !json_is_array(weekly) || (ex && !json_is_array(ex)) || !h || !cl;
    for (size_t i = 0; !bad && i < nh; i++) {
        json_t *e = json_array_get(weekly, i);
        h[i].weekday = (int)json_integer_value(json_object_get(e, "weekday"));
        h[i].opens = venue_parse_hhmm(json_string_value(json_object_get(e, "opens")));
        h[i].closes = venue_parse_hhmm(json_string_value(json_object_get(e, "closes")));
        h[i].extended = json_is_true(json_object_get(e, "extended"));
        bad = h[i].opens < 0 || h[i].closes < 0;
    }
    for (size_t i = 0; !bad && i < nc; i++) {
        json_t *e = json_array_get(ex, i);
        cl[i].day = json_string_value(json_object_get(e, "day"));
        cl[i].note = json_string_value(json_object_get(e, "note"));
        int closed = json_is_true(json_object_get(e, "closed"));
        cl[i].opens =
            closed ? -1 : venue_parse_hhmm(json_string_value(json_object_get(e, "opens")));
        cl[i].closes =
            closed ? -1 : venue_parse_hhmm(json_string_value(json_object_get(e, "closes")));
        bad = !cl[i].day || (!closed && (cl[i].opens < 0 || cl[i].closes < 0));
    }
    venue_view vv;
    if (bad)
        resp_error(req, 400, "bad_hours",
                   req_tr(req, "weekly is a list of {weekday: 1-7, opens: \"HH:MM\", closes: "
                               "\"HH:MM\", extended}; exceptions a list of {day: \"YYYY-MM-DD\", "
                               "closed: true} or {day, opens, closes}."));
    else if (venue_set_hours(req_ctx(req), id, h, nh, cl, nc) < 0 ||
             venue_get(req_ctx(req), id, &vv) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, venue_json(req, &vv));
    json_decref(b);
}

void api_venues_import(http_req *req)
{
    const char *dry = req_query(req, "dry_run"), *format = req_query(req, "format");
    const char *ct = req_header(req, "Content-Type");
    if (!format)
        format = ct && (strstr(ct, "json") || strstr(ct, "geo")) ? "geojson" : "csv";
    int dry_run = dry && (!strcmp(dry, "1") || !strcmp(dry, "true"));
    venue_import_result res;
    int rc;
    if (!strcmp(format, "osm")) {
        rc = venue_import_osm(req_ctx(req), NULL, req->body.buf, req->body.len,
                              req_query(req, "tags"), req_query(req, "division"), dry_run, &res);
    } else {
        rc = venue_import(req_ctx(req), format, req_query(req, "crs"), req->body.buf, req->body.len,
                          dry_run, &res);
    }
    if (rc < 0) {
        resp_fail(req);
        return;
    }
    json_t *lines = json_array();
    for (size_t i = 0; i < res.nlines; i++) {
        const venue_import_line *l = &res.lines[i];
        json_array_append_new(lines, json_pack("{s:i,s:s,s:s?,s:s?}", "line", l->line, "status",
                                               l->ok ? l->action : "rejected", "external_id",
                                               l->external_id, "reason",
                                               l->reason ? req_tr(req, l->reason) : NULL));
    }
    resp_json(req, 200,
              json_pack("{s:b,s:i,s:i,s:i,s:o}", "dry_run", dry_run, "created", res.created,
                        "updated", res.updated, "rejected", res.rejected, "lines", lines));
}

void api_venues_geojson(http_req *req)
{
    strbuf sb = STRBUF_INIT;
    if (venue_export_geojson(req_ctx(req), req_query(req, "division"), &sb) < 0)
        resp_fail(req);
    else
        resp_text(req, 200, "application/geo+json; charset=utf-8", sb.buf, sb.len);
    sb_release(&sb);
}

void api_venues_csv(http_req *req)
{
    strbuf sb = STRBUF_INIT;
    if (venue_export_csv(req_ctx(req), req_query(req, "division"), &sb) < 0) {
        resp_fail(req);
    } else {
        resp_text(req, 200, "text/csv; charset=utf-8", sb.buf, sb.len);
        resp_header(req, "Content-Disposition", "attachment; filename=\"venues.csv\"");
    }
    sb_release(&sb);
}
