/* api_named_circles: named circles (named_circle.h) over JSON: the public list and one circle,
 * and for planners creating a circle and checking it again. */
#include <math.h>
#include <string.h>

#include "mod/circles/handlers.h"
#include "mod/circles/named_circle.h"

static json_t *circle_json(const named_circle *nc)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:f}", "id", (json_int_t)nc->id, "name",
                          nc->name, "division", nc->division, "kind", nc->kind, "rule", nc->rule,
                          "minutes", nc->minutes);
    if (!o)
        return NULL;
    if (nc->geojson) {
        json_t *g = json_loads(nc->geojson, 0, NULL);
        json_object_set_new(o, "geojson", g ? g : json_null());
    }
    json_object_set_new(o, "lon", isnan(nc->lon) ? json_null() : json_real(nc->lon));
    json_object_set_new(o, "lat", isnan(nc->lat) ? json_null() : json_real(nc->lat));
    json_object_set_new(o, "passed", nc->passed < 0 ? json_null() : json_boolean(nc->passed));
    json_object_set_new(o, "reached", json_integer(nc->reached));
    json_object_set_new(o, "mode", nc->mode ? json_string(nc->mode) : json_null());
    json_object_set_new(o, "checked_at", nc->checked_at ? api_time(nc->checked_at) : json_null());
    json_object_set_new(o, "created_at", api_time(nc->created_at));
    return o;
}

void api_named_circles_list(http_req *req)
{
    int limit;
    int64_t after;
    if (req_page(req, 50, 200, &limit, &after) < 0)
        return;
    named_circle *cs;
    size_t n;
    if (named_circle_list(req_ctx(req), req_query(req, "division"), after, limit, &cs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, circle_json(&cs[i]));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? cs[n - 1].id : 0));
}

/* A number member (NAN when absent); -1 with a 400 when it is not a number. */
static int num(http_req *req, json_t *b, const char *key, double *out)
{
    json_t *v = json_object_get(b, key);
    *out = NAN;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_number(v)) {
        resp_error(req, 400, "bad_field", req_tr(req, "That field is a number."));
        return -1;
    }
    *out = json_number_value(v);
    return 0;
}

void api_named_circles_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    named_circle_input in = {0};
    double minutes;
    json_t *g = json_object_get(b, "geojson");
    char *geo = NULL;
    if (g && json_is_object(g))
        geo = json_dumps(g, JSON_COMPACT);
    else if (g && json_is_string(g))
        geo = strdup(json_string_value(g));
    if (api_str(req, b, "name", 1, &in.name) == 0 &&
        api_str(req, b, "division", 1, &in.division) == 0 &&
        api_str(req, b, "kind", 0, &in.kind) == 0 && api_str(req, b, "rule", 0, &in.rule) == 0 &&
        num(req, b, "minutes", &minutes) == 0 && num(req, b, "lon", &in.lon) == 0 &&
        num(req, b, "lat", &in.lat) == 0) {
        in.minutes = isnan(minutes) ? 0 : minutes;
        if (!isnan(minutes) && minutes <= 0)
            in.minutes = -1; /* refused as bad_minutes */
        in.geojson = geo ? arena_strdup(&req->a, geo) : NULL;
        named_circle nc;
        if (named_circle_create(req_ctx(req), &in, &nc) < 0) {
            resp_fail(req);
        } else {
            resp_header(req, "Location",
                        arena_sprintf(&req->a, "/api/v1/circles/named/%lld", (long long)nc.id));
            resp_json(req, 201, circle_json(&nc));
        }
    }
    free(geo);
    json_decref(b);
}

void api_named_circle_get(http_req *req)
{
    named_circle nc;
    if (named_circle_get(req_ctx(req), req_id(req, 0), &nc) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, circle_json(&nc));
}

void api_named_circle_check(http_req *req)
{
    named_circle nc;
    if (named_circle_check(req_ctx(req), req_id(req, 0), &nc) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, circle_json(&nc));
}
