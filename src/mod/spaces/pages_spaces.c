/*
 * pages_spaces: space booking (场地预约) for people: the list of rooms and street culture
 * stations, a space's page with its week of approved bookings and the request form, "my
 * space bookings" with cancellation, and the staff's queue of pending requests with their
 * programme reports, where each request says whether it collides with an approved booking.
 * Every action goes through the same domain calls as the API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/spaces/space.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"
#include "mod/spaces/handlers.h"

#define DAY_MS ((int64_t)86400000)

/* the names of web/terms.c, as in web/pages_venues.c */
static const char *const weekday_names[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* "2026-11-22 14:30" in local time */
static void when(html *h, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0';
    buf[10] = ' ';
    html_text(h, buf);
}

/* "14:30" */
static void hhmm(html *h, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0';
    html_text(h, buf + 11);
}

static const char *kind_name(http_req *req, const char *kind)
{
    return !strcmp(kind, "room") ? req_tr(req, "Room") : req_tr(req, "Street culture station");
}

static void hours_text(html *h, const space *s)
{
    char o[6], c[6];
    venue_format_hhmm(s->opens, o);
    venue_format_hhmm(s->closes, c);
    html_text(h, o);
    html_lit(h, "–");
    html_text(h, c);
}

void page_spaces(http_req *req)
{
    const char *venue = req_query(req, "venue_id");
    space_filter f = {.prefix = req_query(req, "division"),
                      .kind = req_query(req, "kind"),
                      .venue_id = venue ? strtoll(venue, NULL, 10) : 0};
    if (req_page(req, 50, 200, &f.limit, &f.after) < 0)
        return;
    space_view *vs;
    size_t n;
    if (space_list(req_ctx(req), &f, &vs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Spaces to book"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Spaces to book");
    html_lit(&h, "</h1><p class=\"hint\">");
    web_t(req, &h,
          "Rooms of venues and street culture stations that groups and performers can book. "
          "Report your programme; staff approve the request.");
    html_lit(&h,
             "</p><form method=\"get\" action=\"/spaces\" class=\"filters\" id=\"space-filters\">"
             "<input name=\"division\" inputmode=\"numeric\" placeholder=\"");
    html_attr(&h, req_tr(req, "Division code"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, f.prefix ? f.prefix : "");
    html_lit(&h, "\"><select name=\"kind\" aria-label=\"");
    html_attr(&h, req_tr(req, "Kind"));
    html_lit(&h, "\"><option value=\"\">");
    web_t(req, &h, "All kinds");
    html_lit(&h, "</option><option value=\"room\"");
    if (f.kind && !strcmp(f.kind, "room"))
        html_lit(&h, " selected");
    html_lit(&h, ">");
    web_t(req, &h, "Room");
    html_lit(&h, "</option><option value=\"street_station\"");
    if (f.kind && !strcmp(f.kind, "street_station"))
        html_lit(&h, " selected");
    html_lit(&h, ">");
    web_t(req, &h, "Street culture station");
    html_lit(&h, "</option></select>");
    if (f.venue_id) {
        html_lit(&h, "<input type=\"hidden\" name=\"venue_id\" value=\"");
        html_int(&h, f.venue_id);
        html_lit(&h, "\">");
    }
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Search");
    html_lit(&h, "</button></form><section class=\"card\">");
    if (n == 0) {
        web_empty(req, &h, "No space matches.");
    }
    html_lit(&h, "<ul class=\"list\" id=\"space-list\">");
    for (size_t i = 0; i < n; i++) {
        const space *s = &vs[i].s;
        html_lit(&h, "<li><a href=\"/spaces/");
        html_int(&h, s->id);
        html_lit(&h, "\"><strong>");
        html_text(&h, s->name);
        html_lit(&h, "</strong></a> <span class=\"muted\">");
        html_text(&h, kind_name(req, s->kind));
        html_lit(&h, " · ");
        if (vs[i].venue_name) {
            html_text(&h, vs[i].venue_name);
            html_lit(&h, " · ");
        }
        html_text(&h, vs[i].division_name ? vs[i].division_name : s->division);
        html_lit(&h, " · ");
        hours_text(&h, s);
        if (strcmp(s->status, "active")) {
            html_lit(&h, " · ");
            web_t(req, &h, "Not taking bookings");
        }
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)f.limit)
        web_pager_id(req, &h, "/spaces", vs[n - 1].s.id, NULL);
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

/* Local midnight of the Monday of the week of ms. */
static int64_t week_start(int64_t ms)
{
    char day[11];
    int wd, minute;
    venue_local_time(ms, day, &wd, &minute);
    char buf[40];
    int64_t midnight;
    snprintf(buf, sizeof(buf), "%sT00:00:00+08:00", day);
    if (time_parse_rfc3339(buf, &midnight) < 0)
        midnight = ms - ms % DAY_MS;
    return midnight - (int64_t)(wd - 1) * DAY_MS;
}

static void day_of(int64_t ms, char out[11])
{
    int wd, minute;
    venue_local_time(ms, out, &wd, &minute);
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

static void request_form(http_req *req, html *h, const space *s, const char *day)
{
    html_lit(h, "<section class=\"card\" id=\"request\"><h2>");
    web_t(req, h, "Request this space");
    html_lit(h, "</h2>");
    if (!req->who.user_id) {
        html_lit(h, "<p><a href=\"/login?next=/spaces/");
        html_int(h, s->id);
        html_lit(h, "\">");
        web_t(req, h, "Log in to request this space");
        html_lit(h, "</a></p></section>");
        return;
    }
    if (strcmp(s->status, "active")) {
        web_empty(req, h, "This space takes no bookings now.");
        html_lit(h, "</section>");
        return;
    }
    html_lit(h, "<form method=\"post\" id=\"space-request-form\" action=\"/spaces/");
    html_int(h, s->id);
    html_lit(h, "/bookings\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Date");
    html_lit(h, "<input type=\"date\" name=\"date\" required value=\"");
    html_attr(h, day);
    html_lit(h, "\"></label><label>");
    web_t(req, h, "Starts");
    html_lit(h, "<input type=\"time\" name=\"start\" required></label><label>");
    web_t(req, h, "Ends");
    html_lit(h, "<input type=\"time\" name=\"end\" required></label><label>");
    web_t(req, h, "Repeat weekly for (weeks)");
    html_lit(
        h, "<input type=\"number\" name=\"repeat_weeks\" min=\"1\" max=\"26\" value=\"1\"></label>"
           "<label>");
    web_t(req, h, "Group or performer (团队/艺人名称)");
    html_lit(h, "<input name=\"group_name\" maxlength=\"100\" required></label><label>");
    web_t(req, h, "Contact telephone (your account's number if left empty)");
    html_lit(h, "<input name=\"contact\" type=\"tel\" maxlength=\"30\"></label><h3>");
    web_t(req, h, "Programme report (节目报备)");
    html_lit(h, "</h3><label>");
    web_t(req, h, "Programme title");
    html_lit(h, "<input name=\"title\" maxlength=\"100\" required></label><label>");
    web_t(req, h, "What will be performed");
    html_lit(
        h,
        "<textarea name=\"description\" rows=\"4\" maxlength=\"2000\"></textarea></label><label>");
    web_t(req, h, "Performers");
    html_lit(h, "<input type=\"number\" name=\"performers\" min=\"1\" value=\"1\" "
                "required></label><label>");
    web_t(req, h, "Expected audience");
    html_lit(h, "<input type=\"number\" name=\"audience\" min=\"0\" value=\"0\"></label><p "
                "class=\"hint\">");
    web_t(req, h, "Bookable hours");
    html_lit(h, ": ");
    hours_text(h, s);
    html_lit(h, " · ");
    html_text(h,
              arena_sprintf(&req->a, req_tr(req, "at most %d minutes at a time"), s->max_minutes));
    html_lit(h, "</p><button type=\"submit\">");
    web_t(req, h, "Send the request");
    html_lit(h, "</button></form></section>");
}

void page_space(http_req *req)
{
    int64_t id;
    space_view v;
    id = req_id(req, 0);
    wy_ctx *ctx = req_ctx(req);
    if (space_get(ctx, id, &v) < 0) {
        resp_fail(req);
        return;
    }
    const space *s = &v.s;
    int64_t monday = week_start(req->ctx.now);
    const char *wk = req_query(req, "week");
    if (wk && strlen(wk) == 10) {
        int64_t t;
        char buf[40];
        snprintf(buf, sizeof(buf), "%sT12:00:00+08:00", wk);
        if (time_parse_rfc3339(buf, &t) == 0)
            monday = week_start(t);
    }
    space_booking *bs = NULL;
    size_t n = 0;
    if (space_schedule(ctx, id, monday, monday + 7 * DAY_MS, &bs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, s->name);
    web_flash(req, &h);
    html_lit(&h, "<article class=\"card space\"><h1 id=\"space-name\">");
    html_text(&h, s->name);
    html_lit(&h, "</h1><p class=\"muted\">");
    html_text(&h, kind_name(req, s->kind));
    html_lit(&h, " · ");
    html_text(&h, v.division_name ? v.division_name : s->division);
    if (strcmp(s->status, "active")) {
        html_lit(&h, " <span class=\"badge closed\">");
        web_t(req, &h, "Not taking bookings");
        html_lit(&h, "</span>");
    }
    html_lit(&h, "</p><dl class=\"facts\">");
    if (s->venue_id) {
        html_lit(&h, "<dt>");
        web_t(req, &h, "Venue");
        html_lit(&h, "</dt><dd><a href=\"/venues/");
        html_int(&h, s->venue_id);
        html_lit(&h, "\">");
        html_text(&h, v.venue_name ? v.venue_name : "—");
        html_lit(&h, "</a></dd>");
    }
    fact(req, &h, "Address", s->address);
    if (s->capacity) {
        html_lit(&h, "<dt>");
        web_t(req, &h, "Capacity");
        html_lit(&h, "</dt><dd>");
        html_int(&h, s->capacity);
        html_lit(&h, "</dd>");
    }
    fact(req, &h, "Equipment", s->equipment);
    html_lit(&h, "<dt>");
    web_t(req, &h, "Bookable hours");
    html_lit(&h, "</dt><dd>");
    hours_text(&h, s);
    html_lit(&h, "</dd></dl>");
    if (s->description && *s->description) {
        html_lit(&h, "<div class=\"prose\">");
        html_text(&h, s->description);
        html_lit(&h, "</div>");
    }
    html_lit(&h, "</article><section class=\"card\" id=\"schedule\"><h2>");
    web_t(req, &h, "Approved bookings this week");
    html_lit(&h, "</h2><nav class=\"subnav\"><a id=\"prev-week\" href=\"/spaces/");
    char d[11];
    html_int(&h, s->id);
    html_lit(&h, "?week=");
    day_of(monday - 7 * DAY_MS, d);
    html_url(&h, d);
    html_lit(&h, "#schedule\">");
    web_t(req, &h, "Previous week");
    html_lit(&h, "</a><a id=\"next-week\" href=\"/spaces/");
    html_int(&h, s->id);
    html_lit(&h, "?week=");
    day_of(monday + 7 * DAY_MS, d);
    html_url(&h, d);
    html_lit(&h, "#schedule\">");
    web_t(req, &h, "Next week");
    html_lit(&h, "</a></nav><div class=\"scroll\"><table class=\"week-grid\"><tbody>");
    for (int k = 0; k < 7; k++) {
        int64_t day0 = monday + k * DAY_MS, day1 = day0 + DAY_MS;
        day_of(day0, d);
        html_lit(&h, "<tr><th scope=\"row\">");
        web_t(req, &h, weekday_names[k + 1]);
        html_lit(&h, "<br><span class=\"muted small\">");
        html_text(&h, d + 5);
        html_lit(&h, "</span></th><td>");
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            if (bs[i].starts_at >= day1 || bs[i].ends_at <= day0)
                continue;
            any = 1;
            html_lit(&h, "<p class=\"slot\"><strong>");
            hhmm(&h, bs[i].starts_at);
            html_lit(&h, "–");
            hhmm(&h, bs[i].ends_at);
            html_lit(&h, "</strong> ");
            html_text(&h, bs[i].group_name);
            html_lit(&h, " · ");
            html_text(&h, bs[i].title);
            html_lit(&h, "</p>");
        }
        if (!any) {
            html_lit(&h, "<span class=\"muted\">");
            web_t(req, &h, "Free");
            html_lit(&h, "</span>");
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table></div></section>");
    day_of(req->ctx.now + DAY_MS, d);
    request_form(req, &h, s, d);
    if (space_managed_by(&req->who, s)) {
        html_lit(&h, "<p><a class=\"button secondary\" href=\"/admin/space-bookings\">");
        web_t(req, &h, "Requests waiting for a decision");
        html_lit(&h, "</a></p>");
    }
    web_end(req, &h, 200);
}

/* "This time overlaps a booking approved for … to …." as a page. */
static void overlap_page(http_req *req, const space_booking *with)
{
    char s[40], e[40];
    time_format_rfc3339(with->starts_at, s, sizeof(s), 0);
    time_format_rfc3339(with->ends_at, e, sizeof(e), 0);
    s[16] = e[16] = '\0';
    s[10] = e[10] = ' ';
    web_error_page(req, 409,
                   arena_sprintf(&req->a,
                                 req_tr(req, "This time overlaps a booking approved for %s to %s."),
                                 s, e));
}

static int form_int(http_req *req, const char *name, int def)
{
    const char *v = req_form(req, name);
    char *end;
    if (!v || !*v)
        return def;
    long x = strtol(v, &end, 10);
    return *end || x < -1 || x > 100000000 ? -1 : (int)x;
}

void page_space_book_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *date = req_form(req, "date"), *start = req_form(req, "start"),
               *end = req_form(req, "end");
    space_booking r = {.group_name = req_form(req, "group_name"),
                       .contact = req_form(req, "contact"),
                       .title = req_form(req, "title"),
                       .content = req_form(req, "description"),
                       .performers = form_int(req, "performers", 1),
                       .audience = form_int(req, "audience", 0)};
    char a[48], b[48];
    if (!date || !start || !end || strlen(date) != 10 || strlen(start) != 5 || strlen(end) != 5 ||
        snprintf(a, sizeof(a), "%sT%s:00+08:00", date, start) < 0 ||
        snprintf(b, sizeof(b), "%sT%s:00+08:00", date, end) < 0 ||
        time_parse_rfc3339(a, &r.starts_at) < 0 || time_parse_rfc3339(b, &r.ends_at) < 0) {
        web_error_page(req, 400, req_tr(req, "Give a date and the start and end times."));
        return;
    }
    space_booking *bs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (space_booking_request(ctx, id, &r, form_int(req, "repeat_weeks", 1), &bs, &n) < 0) {
        if (ctx->err.code && !strcmp(ctx->err.code, "overlap") && n == 2)
            overlap_page(req, &bs[1]);
        else
            resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/space-bookings?msg=space_requested");
}

static void status_badge(http_req *req, html *h, const char *status)
{
    html_lit(h, "<span class=\"badge ");
    html_attr(h, status);
    html_lit(h, "\">");
    web_t(req, h, status);
    html_lit(h, "</span>");
}

/* A request's heading: the space (a link), when, and its status. */
static void request_head(http_req *req, html *h, const space_booking *b, const space *s)
{
    html_lit(h, "<h2><a href=\"/spaces/");
    html_int(h, s->id);
    html_lit(h, "\">");
    html_text(h, s->name);
    html_lit(h, "</a></h2><p class=\"muted\">");
    when(h, b->starts_at);
    html_lit(h, "–");
    hhmm(h, b->ends_at);
    html_lit(h, " · ");
    status_badge(req, h, b->status);
}

void page_my_space_bookings(http_req *req)
{
    int limit;
    int64_t before;
    if (req_page(req, 50, 200, &limit, &before) < 0)
        return;
    space_booking_row *rs;
    size_t n;
    if (space_my_bookings(req_ctx(req), before, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My space bookings"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My space bookings");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    if (n == 0) {
        web_empty_card(req, &h, "No requests yet.", "/spaces", "Find a space");
    }
    html_lit(&h, "<div id=\"my-space-bookings\">");
    for (size_t i = 0; i < n; i++) {
        const space_booking *b = &rs[i].b;
        const space s = rs[i].s;
        html_lit(&h, "<section class=\"card space-booking\">");
        request_head(req, &h, b, &s);
        html_lit(&h, "</p><p>");
        html_text(&h, b->group_name);
        html_lit(&h, " · ");
        html_text(&h, b->title);
        html_lit(&h, "</p>");
        if (b->reason) {
            html_lit(&h, "<p class=\"hint\">");
            web_t(req, &h, "Reason");
            html_lit(&h, ": ");
            html_text(&h, b->reason);
            html_lit(&h, "</p>");
        }
        if ((!strcmp(b->status, "pending") || !strcmp(b->status, "approved")) &&
            b->starts_at > req->ctx.now) {
            html_lit(&h, "<form method=\"post\" class=\"inline\" action=\"/space-bookings/");
            html_int(&h, b->id);
            html_lit(&h, "/cancel\">");
            web_csrf_field(req, &h);
            if (b->series_id) {
                html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"series\" "
                             "value=\"1\"> ");
                web_t(req, &h, "Every week of this series");
                html_lit(&h, "</label> ");
            }
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Cancel request");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</section>");
    }
    html_lit(&h, "</div>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/me/space-bookings", rs[n - 1].b.id, NULL);
    web_end(req, &h, 200);
}

void page_space_booking_cancel_post(http_req *req)
{
    int64_t id;
    size_t n;
    const char *series = req_form(req, "series");
    id = req_id(req, 0);
    if (space_booking_cancel(req_ctx(req), id, series && !strcmp(series, "1"), &n) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/space-bookings?msg=space_cancelled");
}

void page_admin_space_bookings(http_req *req)
{
    int limit;
    int64_t after;
    if (req_page(req, 50, 200, &limit, &after) < 0)
        return;
    const char *status = req_query(req, "status");
    wy_ctx *ctx = req_ctx(req);
    space_booking_row *rs;
    size_t n;
    if (space_booking_queue(ctx, status && *status ? status : "pending", req_query(req, "division"),
                            0, after, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Space bookings"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Space bookings");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    static const char *const sts[] = {"pending", "approved", "rejected", "cancelled", NULL};
    web_tabs(req, &h, "subnav", "/admin/space-bookings?status=", sts, status);
    if (n == 0) {
        web_empty_card(req, &h, "Nothing here.", NULL, NULL);
    }
    html_lit(&h, "<div id=\"space-requests\">");
    for (size_t i = 0; i < n; i++) {
        const space_booking *b = &rs[i].b;
        const space s = rs[i].s;
        html_lit(&h, "<section class=\"card space-request\">");
        request_head(req, &h, b, &s);
        if (b->series_id) {
            html_lit(&h, " · ");
            web_t(req, &h, "weekly series");
        }
        html_lit(&h, "</p><dl class=\"facts\">");
        fact(req, &h, "Group or performer", b->group_name);
        fact(req, &h, "Contact", b->contact);
        fact(req, &h, "Programme title", b->title);
        fact(req, &h, "What will be performed", b->content);
        html_lit(&h, "<dt>");
        web_t(req, &h, "Performers");
        html_lit(&h, "</dt><dd>");
        html_int(&h, b->performers);
        html_lit(&h, "</dd><dt>");
        web_t(req, &h, "Expected audience");
        html_lit(&h, "</dt><dd>");
        html_int(&h, b->audience);
        html_lit(&h, "</dd>");
        fact(req, &h, "Reason", b->reason);
        html_lit(&h, "</dl>");
        const space_booking with = rs[i].conflict; /* the domain found it, with the page */
        if (with.id) {
            html_lit(&h, "<p class=\"form-error conflict\">");
            web_t(req, &h, "Overlaps an approved booking");
            html_lit(&h, ": ");
            when(&h, with.starts_at);
            html_lit(&h, "–");
            hhmm(&h, with.ends_at);
            html_lit(&h, " · ");
            html_text(&h, with.group_name);
            html_lit(&h, "</p>");
        }
        int open = (!strcmp(b->status, "pending") || !strcmp(b->status, "approved")) &&
                   b->starts_at > req->ctx.now;
        if (open && b->user_id == req->who.user_id) { /* never one's own request */
            html_lit(&h, "<p><span class=\"badge own\">");
            web_t(req, &h, "Your own: someone else must decide it.");
            html_lit(&h, "</span></p>");
        } else if (open) {
            html_lit(&h, "<form method=\"post\" class=\"decide\" action=\"/admin/space-bookings/");
            html_int(&h, b->id);
            html_lit(&h, "\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<input name=\"reason\" maxlength=\"500\" placeholder=\"");
            html_attr(&h, req_tr(req, "Reason (required to reject)"));
            html_lit(&h, "\">");
            if (b->series_id) {
                html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"series\" "
                             "value=\"1\"> ");
                web_t(req, &h, "Every week of this series");
                html_lit(&h, "</label>");
            }
            if (!strcmp(b->status, "pending")) {
                html_lit(&h, "<button type=\"submit\" name=\"decision\" value=\"approve\">");
                web_t(req, &h, "Approve");
                html_lit(&h, "</button>");
            }
            html_lit(
                &h, "<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"danger\">");
            web_t(req, &h, "Reject");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</section>");
    }
    html_lit(&h, "</div>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/admin/space-bookings", rs[n - 1].b.id,
                     (const char *const[]){"status", status && *status ? status : "pending", NULL});
    web_end(req, &h, 200);
}

void page_admin_space_booking_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *decision = req_form(req, "decision"), *series = req_form(req, "series");
    if (!decision || (strcmp(decision, "approve") && strcmp(decision, "reject"))) {
        web_error_page(req, 400, req_tr(req, "The decision is approve or reject."));
        return;
    }
    space_decision d;
    wy_ctx *ctx = req_ctx(req);
    if (space_booking_decide(ctx, id, !strcmp(decision, "approve"), req_form(req, "reason"),
                             series && !strcmp(series, "1"), &d) < 0) {
        if (ctx->err.code && !strcmp(ctx->err.code, "overlap") && d.nconflicts)
            overlap_page(req, &d.conflicts[0].with);
        else
            resp_fail(req);
        return;
    }
    resp_redirect(req, d.nconflicts ? "/admin/space-bookings?msg=space_partly"
                                    : "/admin/space-bookings?msg=decided");
}
