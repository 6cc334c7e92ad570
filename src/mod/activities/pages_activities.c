/*
 * pages_activities: what citizens touch most: browse and search activities, an activity's
 * page with its sessions and a book button that says what will happen, "my bookings" with
 * the QR codes to show at the door, and the staff check-in page. A booking made from a page
 * takes the same queue as the API (the connection waits parked, then gets a redirect).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "mod/activities/activity.h"
#include "core/authz.h"
#include "mod/activities/booking.h"
#include "mod/activities/booking_rules.h"
#include "mod/activities/calendar.h"
#include "mod/activities/rating.h"
#include "web/ratings.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"
#include "mod/activities/handlers.h"

#define N_(s) s /* a msgid translated later, where it is shown */

#define BOOK_FORM_COMPANIONS 10 /* the most an activity may take (sql/0004) */

static void when(http_req *req, html *h, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM */
    buf[10] = ' ';
    (void)req;
    html_text(h, buf);
}

static const char *query_param(void *req, const char *name)
{
    return req_query(req, name);
}

static void text_input(http_req *req, html *h, const char *name, const char *label,
                       const char *value, const char *placeholder)
{
    html_lit(h, "<input name=\"");
    html_attr(h, name);
    html_lit(h, "\" aria-label=\"");
    html_attr(h, req_tr(req, label));
    html_lit(h, "\" placeholder=\"");
    html_attr(h, req_tr(req, placeholder));
    html_lit(h, "\" value=\"");
    html_attr(h, value ? value : "");
    html_lit(h, "\">");
}

void page_activities(http_req *req)
{
    activity_query q;
    const char *next;
    activity_view *vs;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    int limit;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    if (activity_query_read(ctx, query_param, req, &q) < 0) {
        resp_fail(req);
        return;
    }
    q.limit = limit;
    if (!q.from) /* the page lists what is still to come */
        q.from = req->ctx.now;
    if (activity_search(ctx, &q, &vs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Activities"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Activities");
    html_lit(&h, "</h1><form method=\"get\" action=\"/activities\" class=\"filters\" "
                 "id=\"activity-filters\"><input name=\"q\" placeholder=\"");
    html_attr(&h, req_tr(req, "Search activities"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, q.q ? q.q : "");
    html_lit(&h, "\"><select name=\"category\" aria-label=\"");
    html_attr(&h, req_tr(req, "Category"));
    html_lit(&h, "\"><option value=\"\">");
    web_t(req, &h, "All categories");
    html_lit(&h, "</option>");
    for (int i = 0; activity_categories[i]; i++) {
        html_lit(&h, "<option value=\"");
        html_attr(&h, activity_categories[i]);
        html_lit(&h, "\"");
        if (q.category && !strcmp(q.category, activity_categories[i]))
            html_lit(&h, " selected");
        html_lit(&h, ">");
        web_t(req, &h, activity_categories[i]);
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select>");
    text_input(req, &h, "division", N_("Division"), q.division, N_("Division code"));
    text_input(req, &h, "near", N_("Near (longitude,latitude)"), req_query(req, "near"),
               N_("Near: lon,lat"));
    text_input(req, &h, "radius", N_("Radius in metres"), req_query(req, "radius"),
               N_("Radius (m)"));
    html_lit(&h, "<select name=\"sort\" aria-label=\"");
    html_attr(&h, req_tr(req, "Order"));
    html_lit(&h, "\"><option value=\"\">");
    web_t(req, &h, "Best match");
    html_lit(&h, "</option><option value=\"distance\"");
    if (q.sort_distance)
        html_lit(&h, " selected");
    html_lit(&h, ">");
    web_t(req, &h, "Nearest first");
    html_lit(&h, "</option></select>");
    if (q.venue_id) {
        html_lit(&h, "<input type=\"hidden\" name=\"venue\" value=\"");
        html_int(&h, q.venue_id);
        html_lit(&h, "\">");
    }
    html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"free\" value=\"1\"");
    if (q.free_seats)
        html_lit(&h, " checked");
    html_lit(&h, "> ");
    web_t(req, &h, "Has free seats");
    html_lit(&h, "</label><button type=\"submit\">");
    web_t(req, &h, "Search");
    html_lit(&h, "</button></form><section class=\"card\">");
    if (n == 0) {
        web_empty(req, &h, "No upcoming activity matches.");
    }
    html_lit(&h, "<ul class=\"list\" id=\"activity-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li><a href=\"/activities/");
        html_int(&h, vs[i].a.id);
        html_lit(&h, "\"><strong>");
        html_text(&h, vs[i].a.title);
        html_lit(&h, "</strong></a> <span class=\"muted\">");
        web_t(req, &h, vs[i].a.category);
        html_lit(&h, " · ");
        html_text(&h, vs[i].division_name ? vs[i].division_name : vs[i].a.division);
        if (vs[i].next_start && vs[i].next_start != ACTIVITY_NO_SESSION) {
            html_lit(&h, " · ");
            when(req, &h, vs[i].next_start);
        }
        if (q.has_near) {
            html_lit(&h, " · <span class=\"distance\">");
            double m = vs[i].distance_m;
            html_text(&h, m < 1000 ? arena_sprintf(&req->a, req_tr(req, "%.0f m"), m)
                                   : arena_sprintf(&req->a, req_tr(req, "%.1f km"), m / 1000));
            html_lit(&h, "</span>");
        }
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (next) { /* the next page keeps every filter */
        static const char *const keep[] = {"q",      "category", "division", "near",
                                           "radius", "sort",     "venue",    "free",
                                           "from",   "to",       "limit",    NULL};
        const char *params[2 * (sizeof(keep) / sizeof(*keep))];
        int np = 0;
        for (int i = 0; keep[i]; i++) {
            params[np++] = keep[i];
            params[np++] = req_query(req, keep[i]);
        }
        params[np] = NULL;
        web_pager(req, &h, "/activities", next, params);
    }
    /* subscribe to what is being looked at: the venue, the category, or the division chosen
     * (none chosen: the subtree that holds what is published) */
    const char *feed = NULL;
    char home[DIVISION_CODE_MAX];
    if (q.venue_id)
        feed = arena_sprintf(&req->a, "/calendar/venue/%lld.ics", (long long)q.venue_id);
    else if (q.category && *q.category && !(q.division && *q.division))
        feed = arena_sprintf(&req->a, "/calendar/category/%s.ics", q.category);
    else if (q.division && *q.division)
        feed = arena_sprintf(&req->a, "/calendar/%s.ics", q.division);
    else if (calendar_default_division(req_ctx(req), home) > 0)
        feed = arena_sprintf(&req->a, "/calendar/%s.ics", home);
    req->ctx.err = (wy_error){0};
    if (feed) {
        html_lit(&h, "<p class=\"small\" id=\"subscribe\"><a href=\"");
        html_attr(&h, feed);
        html_lit(&h, "\">");
        web_t(req, &h, "Subscribe to the calendar (iCal)");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

int web_venue_rating(http_req *req, void *out, const void *subject)
{
    html *h = out;
    const venue_view *vv = subject;
    rating_summary rs;
    if (rating_summary_venue(req_ctx(req), vv->v.id, &rs) < 0)
        return -1;
    html_lit(h, "<dt>");
    web_t(req, h, "Rating of its activities");
    html_lit(h, "</dt><dd>");
    web_rating_average(req, h, &rs);
    html_lit(h, "</dd>");
    return 0;
}

static const char *web_book_state_at(http_req *req, const activity *a, const activity_session *s,
                                     int *can);

const char *web_book_state(http_req *req, const activity *a, const activity_session *s, int *can)
{
    booking_state st = booking_session_state(s, a->waitlist, 1, req->ctx.now);
    /* a holder of priority booking (core/priority.h) is told so, and may book from their own
     * opening; a refused read leaves the ordinary state */
    int hours = 0;
    if (st == BOOKING_NOT_OPEN_YET && req->who.user_id &&
        booking_priority(req_ctx(req), s, &hours) == 0 && hours > 0) {
        activity_session early = *s;
        early.booking_opens_at = booking_opens_for(s, hours);
        const char *rest = web_book_state_at(req, a, &early, can);
        return arena_sprintf(
            &req->a, "%s %s",
            arena_sprintf(&req->a,
                          req_tr(req, "You hold priority booking and may book %d hours early."),
                          hours),
            rest);
    }
    return web_book_state_at(req, a, s, can);
}

/* The state of s as it stands for everyone (s's opening as given). */
static const char *web_book_state_at(http_req *req, const activity *a, const activity_session *s,
                                     int *can)
{
    booking_state st = booking_session_state(s, a->waitlist, 1, req->ctx.now);
    *can = booking_state_takes(st);
    switch (st) {
    case BOOKING_CANCELLED:
        return req_tr(req, "Cancelled");
    case BOOKING_NOT_OPEN_YET: {
        char buf[40];
        time_format_rfc3339(s->booking_opens_at, buf, sizeof(buf), 0);
        buf[16] = '\0';
        buf[10] = ' ';
        return arena_sprintf(&req->a, req_tr(req, "Booking opens %s"), buf);
    }
    case BOOKING_STARTED:
    case BOOKING_CLOSED:
        return req_tr(req, "Booking closed");
    case BOOKING_OPEN:
        return arena_sprintf(&req->a, req_tr(req, "%d seats left"), booking_seats_left(s));
    case BOOKING_WAITLIST:
        return req_tr(req, "Full: you will join the waiting list");
    case BOOKING_FULL:
        break;
    }
    return req_tr(req, "Full");
}

/* The approved ratings with their average, and the form for someone who came. */
static void ratings_section(http_req *req, html *h, const activity *a)
{
    if (strcmp(a->status, "published"))
        return;
    web_ratings_section(req, h, ACTIVITY_RATING_KIND, a->id,
                        arena_sprintf(&req->a, "/activities/%lld/rate", (long long)a->id));
}

/* The organiser's small forms under a session: change its time or capacity, or cancel it. */
static void session_staff_forms(http_req *req, html *h, const activity_session *s)
{
    char a[40], b[40];
    time_format_rfc3339(s->starts_at, a, sizeof(a), 0);
    time_format_rfc3339(s->ends_at, b, sizeof(b), 0);
    html_lit(h, "<details class=\"staff\"><summary>");
    web_t(req, h, "Change or cancel this session");
    html_lit(h, "</summary><form method=\"post\" class=\"session-change\" action=\"/sessions/");
    html_int(h, s->id);
    html_lit(h, "/change\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Starts at");
    html_lit(h, "<input name=\"starts_at\" value=\"");
    html_attr(h, a);
    html_lit(h, "\"></label><label>");
    web_t(req, h, "Ends at");
    html_lit(h, "<input name=\"ends_at\" value=\"");
    html_attr(h, b);
    html_lit(h, "\"></label><label>");
    web_t(req, h, "Capacity");
    html_lit(h, "<input name=\"capacity\" type=\"number\" min=\"1\" value=\"");
    html_int(h, s->capacity);
    html_lit(h, "\"></label><button type=\"submit\">");
    web_t(req, h, "Save the change");
    html_lit(h,
             "</button></form><form method=\"post\" class=\"session-cancel\" action=\"/sessions/");
    html_int(h, s->id);
    html_lit(h, "/cancel\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Reason");
    html_lit(h, "<input name=\"reason\" required maxlength=\"500\"></label>"
                "<button type=\"submit\" class=\"secondary\">");
    web_t(req, h, "Cancel this session");
    html_lit(h, "</button></form></details>");
}

/* The names of the people coming along, when the activity takes companions: one field each
 * (companion1, companion2, ...), folded away since most people come alone. */
static void companion_fields(http_req *req, html *h, int max)
{
    if (max <= 0)
        return;
    if (max > BOOK_FORM_COMPANIONS)
        max = BOOK_FORM_COMPANIONS;
    html_lit(h, "<details class=\"companions\"><summary>");
    html_text(h, arena_sprintf(&req->a, req_tr(req, "Bring companions (up to %d)"), max));
    html_lit(h, "</summary>");
    for (int k = 1; k <= max; k++) {
        html_lit(h, "<label>");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "Companion %d"), k));
        html_lit(h, "<input name=\"companion");
        html_int(h, k);
        html_lit(h, "\" maxlength=\"32\" autocomplete=\"off\"></label>");
    }
    html_lit(h, "</details>");
}

/* For its organisers and reviewers: the changes of a published activity waiting for review
 * (the page above shows the published version, as everyone sees it). */
static void pending_revision_box(http_req *req, html *h, const activity *a)
{
    activity_revision r;
    int64_t review_id;
    if (activity_revision_pending(req_ctx(req), a, &r, &review_id) <= 0)
        return;
    html_lit(h, "<section class=\"card notice\" id=\"pending-revision\"><h2>");
    web_t(req, h, "Changes waiting for review");
    html_lit(h, "</h2><p class=\"muted\">");
    web_t(req, h, "Everyone sees the published version until the changes are approved.");
    html_lit(h, "</p><dl>");
    static const struct {
        unsigned bit;
        const char *label;
    } rows[] = {{AF_DESCRIPTION, N_("Description")},
                {AF_AUDIENCE, N_("Audience")},
                {AF_LIVE_URL, N_("Live stream address")},
                {AF_REPLAY_URL, N_("Replay address")}};
    const char *vals[] = {r.description, r.audience, r.live_url, r.replay_url};
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (!(r.fields & rows[i].bit))
            continue;
        html_lit(h, "<dt>");
        web_t(req, h, rows[i].label);
        html_lit(h, "</dt><dd>");
        if (vals[i] && *vals[i])
            html_text(h, vals[i]);
        else
            web_t(req, h, "(removed)");
        html_lit(h, "</dd>");
    }
    html_lit(h, "</dl></section>");
}

void page_activity(http_req *req)
{
    int64_t id;
    activity_view v;
    id = req_id(req, 0);
    /* ?from=: the later sessions (never the past ones) */
    int64_t from = req->ctx.now;
    const char *fq = req_query(req, "from");
    if (fq && *fq && (time_parse_rfc3339(fq, &from) < 0 || from < req->ctx.now))
        from = req->ctx.now;
    if (activity_get_from(req_ctx(req), id, from, &v) < 0) {
        resp_fail(req);
        return;
    }
    if (!strcmp(v.a.category, "timed_entry") && v.a.venue_id) {
        /* a venue's timed entry is booked on the venue's page, day by day */
        const char *m = req_query(req, "msg");
        for (const char *p = m; p && *p; p++)
            if (!(*p >= 'a' && *p <= 'z') && *p != '_')
                m = NULL; /* only a flash key is passed on */
        resp_redirect(req, arena_sprintf(&req->a, "/venues/%lld%s%s#timed-entry",
                                         (long long)v.a.venue_id, m ? "?msg=" : "", m ? m : ""));
        return;
    }
    html h;
    web_begin(req, &h, v.a.title);
    web_flash(req, &h);
    html_lit(&h, "<article class=\"card\"><h1 id=\"activity-title\">");
    html_text(&h, v.a.title);
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h, v.a.category);
    html_lit(&h, " · ");
    html_text(&h, v.division_name ? v.division_name : v.a.division);
    if (v.a.organiser) {
        html_lit(&h, " · ");
        html_text(&h, v.a.organiser);
    }
    html_lit(&h, "</p>");
    web_poster_section(req, &h, &v.a);
    html_lit(&h, "<div class=\"prose\">");
    html_text(&h, v.a.description);
    html_lit(&h, "</div>");
    if (v.a.live_url) {
        html_lit(&h, "<p><a href=\"");
        html_attr(&h, v.a.live_url);
        html_lit(&h, "\" rel=\"noreferrer\">");
        web_t(req, &h, "Watch the live stream");
        html_lit(&h, "</a></p>");
    }
    pending_revision_box(req, &h, &v.a);
    int64_t banned_until = 0;
    if (req->who.user_id && booking_ban_until(req_ctx(req), req->who.user_id, &banned_until) < 0)
        banned_until = 0;
    html_lit(&h, "<h2>");
    web_t(req, &h, "Sessions");
    html_lit(&h, "</h2>");
    if (banned_until) {
        char until[40];
        time_format_rfc3339(banned_until, until, sizeof(until), 0);
        until[16] = '\0';
        until[10] = ' ';
        html_lit(&h, "<p class=\"form-error\" id=\"ban-notice\">");
        html_text(&h,
                  arena_sprintf(&req->a,
                                req_tr(req, "After repeated no-shows you may not book until %s."),
                                until));
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<ul class=\"list\" id=\"sessions\">");
    for (size_t i = 0; i < v.nsessions; i++) {
        const activity_session *s = &v.sessions[i];
        int can;
        const char *state = web_book_state(req, &v.a, s, &can);
        if (banned_until)
            can = 0;
        html_lit(&h, "<li><strong>");
        when(req, &h, s->starts_at);
        html_lit(&h, "</strong> <span class=\"muted\">");
        html_text(&h, state);
        html_lit(&h, "</span>");
        if (can && req->who.user_id && !strcmp(v.a.status, "published")) {
            html_lit(&h, "<form method=\"post\" class=\"inline book\" action=\"/sessions/");
            html_int(&h, s->id);
            html_lit(&h, "/book\">");
            web_csrf_field(req, &h);
            companion_fields(req, &h, v.a.max_companions);
            html_lit(&h, "<button type=\"submit\">");
            web_t(req, &h, "Book");
            html_lit(&h, "</button></form>");
        } else if (can && !req->who.user_id) {
            html_lit(&h, " <a href=\"/login?next=/activities/");
            html_int(&h, v.a.id);
            html_lit(&h, "\">");
            web_t(req, &h, "Log in to book");
            html_lit(&h, "</a>");
        }
        if (activity_managed_by(&req->who, &v.a) && !strcmp(s->status, "scheduled"))
            session_staff_forms(req, &h, s);
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (v.nsessions == 0) {
        web_empty(req, &h, "No coming session.");
    }
    if (v.sessions_total > v.nsessions) { /* the page shows the first coming ones */
        char later[40];
        time_format_rfc3339(v.sessions[v.nsessions - 1].ends_at, later, sizeof(later), 0);
        html_lit(&h, "<p id=\"more-sessions\">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "%zu of %zu coming sessions shown."),
                                    v.nsessions, v.sessions_total));
        html_lit(&h, " <a href=\"/activities/");
        html_int(&h, v.a.id);
        html_lit(&h, "?from=");
        html_url(&h, later);
        html_lit(&h, "\">");
        web_t(req, &h, "Later sessions");
        html_lit(&h, "</a></p>");
    }
    ratings_section(req, &h, &v.a);
    html_lit(&h, "</article>");
    web_end(req, &h, 200);
}

typedef struct page_job {
    booking_job job;
    http_req *req;
    const char *back; /* the page the booking was made from */
} page_job;

/* The flash (web/layout.c) that says a booking refusal of this code, or NULL. */
static const char *book_refusal_flash(const char *code)
{
    static const char *const pairs[][2] = {{"full", "full"},
                                           {"duplicate", "duplicate"},
                                           {"daily_limit", "daily_limit"},
                                           {"not_open", "not_open"},
                                           {"closed", "booking_closed"},
                                           {"cancelled", "session_off"},

                                           {"too_many_companions", "too_many_companions"},
                                           {"bad_companion", "bad_companion"}};
    for (size_t i = 0; code && i < sizeof(pairs) / sizeof(pairs[0]); i++)
        if (!strcmp(code, pairs[i][0]))
            return pairs[i][1];
    return NULL;
}

static void page_booked(booking_job *j)
{
    page_job *pj = (page_job *)j;
    http_req *req = pj->req;
    const booking_refusal *no = booking_outcome_refusal(j->res.outcome);
    const char *msg = j->store_rc != WY_OK || j->res.rc != WY_OK ? "failed"
                      : j->res.outcome == BOOK_CONFIRMED         ? "booked"
                      : j->res.outcome == BOOK_WAITLISTED        ? "waitlisted"
                      : book_refusal_flash(no->code)             ? book_refusal_flash(no->code)
                                                                 : "full";
    resp_redirect(req, arena_sprintf(&req->a, "%s?msg=%s",
                                     !strcmp(msg, "booked") || !strcmp(msg, "waitlisted")
                                         ? "/me/bookings"
                                         : pj->back,
                                     msg));
    req_resume(req);
}

void page_book_post(http_req *req)
{
    int64_t sid;
    activity_session s;
    activity a;
    wy_ctx *ctx = req_ctx(req);
    sid = req_id(req, 0);
    if (activity_session_get(ctx, sid, &s, &a) < 0) {
        web_error_page(req, 404, req_tr(req, "There is no such page."));
        return;
    }
    page_job *pj = arena_alloc(&req->a, sizeof(*pj));
    const char *back = !strcmp(a.category, "timed_entry") && a.venue_id
                           ? arena_sprintf(&req->a, "/venues/%lld", (long long)a.venue_id)
                           : arena_sprintf(&req->a, "/activities/%lld", (long long)a.id);
    const char *names[BOOK_FORM_COMPANIONS];
    size_t nc = 0;
    for (int k = 1; k <= BOOK_FORM_COMPANIONS; k++) {
        const char *name = req_form(req, arena_sprintf(&req->a, "companion%d", k));
        if (name && *name)
            names[nc++] = name;
    }
    if (!pj || booking_prepare(ctx, sid, names, nc, NULL, &pj->job.req) < 0) {
        /* a refusal the person can act on is said on the page they came from */
        const char *flash = book_refusal_flash(ctx->err.code);
        if (flash)
            resp_redirect(req, arena_sprintf(&req->a, "%s?msg=%s", back, flash));
        else
            resp_fail(req);
        return;
    }
    pj->req = req;
    pj->back = back;
    pj->job.done = page_booked;
    req_suspend(req);
    if (booking_submit(&pj->job) < 0) {
        booking_busy(&req->ctx);
        resp_fail(req);
        req_resume(req);
    }
}

/* Subscribe to one's bookings: the private address is shown once, when it is made (only
 * its hash is kept), so the box offers to make one, or a new one. */
static void calendar_box(http_req *req, html *h)
{
    int64_t created = 0;
    int has = calendar_feed_exists(req_ctx(req), &created);
    html_lit(h, "<section class=\"card\" id=\"my-calendar\"><p>");
    if (has > 0) {
        char buf[40];
        time_format_rfc3339(created, buf, sizeof(buf), 0);
        buf[10] = '\0';
        html_text(h,
                  arena_sprintf(&req->a,
                                req_tr(req, "Your private calendar address was made on %s; it is "
                                            "shown only when it is made."),
                                buf));
    } else {
        web_t(req, h, "Subscribe to your bookings in your calendar app with a private address.");
    }
    html_lit(h, "</p><form method=\"post\" action=\"/me/calendar\">");
    web_csrf_field(req, h);
    html_lit(h, "<button type=\"submit\" class=\"secondary\">");
    if (has > 0)
        web_t(req, h, "Get a new calendar address (the old one stops working)");
    else
        web_t(req, h, "Subscribe (iCal)");
    html_lit(h, "</button></form></section>");
}

void page_my_calendar_post(http_req *req)
{
    char token[TOKEN_CHARS];
    if (calendar_feed_reset(req_ctx(req), token) < 0) {
        resp_fail(req);
        return;
    }
    const char *path = arena_sprintf(&req->a, "/calendar/me/%s.ics", token);
    const char *url = path ? req_url(req, path) : NULL;
    if (!url) {
        resp_error(req, 500, "internal", req_tr(req, "Something went wrong on our side."));
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My calendar"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My calendar");
    html_lit(&h, "</h1><section class=\"card\"><p>");
    web_t(req, &h,
          "Add this address to your calendar app. Keep it to yourself: anyone who has "
          "it sees your bookings. It is shown only now.");
    html_lit(&h, "</p><p><code id=\"calendar-url\">");
    html_text(&h, url);
    html_lit(&h, "</code></p><p><a href=\"");
    /* the same address for calendar apps: webcal://host/path */
    html_attr(&h, arena_sprintf(&req->a, "webcal%s", strchr(url, ':')));
    html_lit(&h, "\">");
    web_t(req, &h, "Open in my calendar app");
    html_lit(&h, "</a> · <a href=\"/me/bookings\">");
    web_t(req, &h, "My bookings");
    html_lit(&h, "</a></p></section>");
    web_end(req, &h, 200);
}

void page_my_bookings(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    my_booking *bs;
    size_t n;
    int limit;
    const char *next;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    if (booking_mine(ctx, req_query(req, "cursor"), limit, &bs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My bookings"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My bookings");
    html_lit(&h, "</h1><p><a href=\"/me/inbox\" id=\"inbox-link\">");
    web_t(req, &h, "Notifications");
    html_lit(&h, "</a> · <a href=\"/me/space-bookings\" id=\"space-bookings-link\">");
    web_t(req, &h, "My space bookings");
    html_lit(&h, "</a></p>");
    web_flash(req, &h);
    calendar_box(req, &h);
    if (n == 0 && !req_query(req, "cursor")) {
        web_empty_card(req, &h, "No bookings yet.", "/activities", "Find an activity");
    }
    html_lit(&h, "<div id=\"my-bookings\">");
    for (size_t i = 0; i < n; i++) {
        const booking *b = &bs[i].b;
        if (i == 0 || bs[i].key.past != bs[i - 1].key.past) {
            html_lit(&h, "<h2 class=\"group\">");
            web_t(req, &h, bs[i].key.past ? N_("Past") : N_("Coming"));
            html_lit(&h, "</h2>");
        }
        html_lit(&h, "<section class=\"card booking\"><h2><a href=\"/activities/");
        html_int(&h, bs[i].activity_id);
        html_lit(&h, "\">");
        html_text(&h, bs[i].title);
        html_lit(&h, "</a></h2><p class=\"muted\">");
        when(req, &h, bs[i].starts_at);
        html_lit(&h, " · <span class=\"badge ");
        html_attr(&h, b->status);
        html_lit(&h, "\">");
        web_t(req, &h, b->status);
        html_lit(&h, "</span>");
        if (!strcmp(b->status, "waitlisted")) {
            html_lit(&h, " ");
            html_text(&h,
                      arena_sprintf(&req->a, req_tr(req, "position %lld"), (long long)b->position));
        }
        html_lit(&h, "</p>");
        if (!strcmp(b->status, "confirmed")) {
            /* the QR code, inline: shown at the door even offline once the page is open */
            html_lit(&h, "<div class=\"qr\">");
            html_qr(&h, b->code);
            html_lit(&h, "</div>");
            html_lit(&h, "<p class=\"code\">");
            html_text(&h, b->code);
            html_lit(&h, "</p>");
        }
        if (!strcmp(b->status, "confirmed") || !strcmp(b->status, "waitlisted")) {
            html_lit(&h, "<form method=\"post\" action=\"/bookings/");
            html_int(&h, b->id);
            html_lit(&h, "/cancel\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Cancel booking");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</section>");
    }
    html_lit(&h, "</div>");
    if (next)
        web_pager(req, &h, "/me/bookings", next,
                  (const char *const[]){"limit", req_query(req, "limit"), NULL});
    web_end(req, &h, 200);
}

void page_booking_cancel_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (booking_cancel(req_ctx(req), id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/bookings?msg=cancelled");
}

/* The session a check-in page is for (?session= or the form's session_id): a positive id,
 * else 0 (any session of the staff's). */
static int64_t checkin_session(const char *v)
{
    char *end;
    long long id = v && *v ? strtoll(v, &end, 10) : 0;
    return id > 0 && !*end ? (int64_t)id : 0;
}

void page_checkin(http_req *req)
{
    html h;
    int64_t sid = checkin_session(req_query(req, "session"));
    activity_session s;
    activity a;
    /* picking a session makes the door refuse codes of other sessions (wrong_session) */
    if (sid && booking_staff_session(req_ctx(req), sid, &s, &a) < 0) {
        resp_fail(req);
        return;
    }
    web_begin(req, &h, req_tr(req, "Check-in"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Check-in");
    html_lit(&h, "</h1>");
    if (sid) {
        html_lit(&h, "<p id=\"checkin-session\">");
        html_text(&h, a.title);
        html_lit(&h, " <span class=\"muted\">");
        when(req, &h, s.starts_at);
        html_lit(&h, "</span></p>");
    }
    const char *done = req_query(req, "ok");
    if (done) { /* ok=N: N people walk in on the code just checked */
        int people = atoi(done);
        html_lit(&h, "<p class=\"flash\" role=\"status\" id=\"checkin-ok\">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "Checked in: %d people."),
                                    people > 0 && people <= 11 ? people : 1));
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<section class=\"card narrow\"><video id=\"scanner\" class=\"scanner\" muted "
                 "playsinline hidden></video><form method=\"post\" action=\"/checkin\" "
                 "id=\"checkin-form\">");
    web_csrf_field(req, &h);
    if (sid) {
        html_lit(&h, "<input type=\"hidden\" name=\"session_id\" value=\"");
        html_int(&h, sid);
        html_lit(&h, "\">");
    }
    html_lit(&h, "<label>");
    web_t(req, &h, "Booking code");
    html_lit(&h, "<input name=\"code\" id=\"checkin-code\" autocomplete=\"off\" required></label>"
                 "<button type=\"submit\">");
    web_t(req, &h, "Check in");
    html_lit(&h, "</button></form><p class=\"hint\">");
    web_t(req, &h, "Scan the QR code with the camera where the browser can, or type the code.");
    html_lit(&h, "</p></section><script src=\"/static/checkin.js\" defer></script>");
    web_end(req, &h, 200);
}

void page_checkin_post(http_req *req)
{
    booking b;
    int64_t sid = checkin_session(req_form(req, "session_id"));
    if (booking_checkin(req_ctx(req), req_form(req, "code"), sid, &b) < 0) {
        web_error_page(req, errclass_status(req->ctx.err.cls), req_tr(req, req->ctx.err.message));
        return;
    }
    if (sid)
        resp_redirect(
            req, arena_sprintf(&req->a, "/checkin?session=%lld&ok=%d", (long long)sid, b.seats));
    else
        resp_redirect(req, arena_sprintf(&req->a, "/checkin?ok=%d", b.seats));
}

static void upcoming_card(http_req *req, html *h, int limit)
{
    activity_query q = {.from = req->ctx.now, .sort_soonest = 1, .limit = limit + 1};
    activity_view *vs;
    size_t n;
    const char *next;
    html_lit(h, "<section class=\"card\" id=\"upcoming\"><h2>");
    web_t(req, h, "Coming up");
    html_lit(h, "</h2>");
    if (activity_search(req_ctx(req), &q, &vs, &n, &next) < 0) {
        req->ctx.err = (wy_error){0}; /* the home page shows the rest without it */
        n = 0;
    }
    size_t shown = 0;
    html_lit(h, "<ul class=\"list\">");
    for (size_t i = 0; i < n && shown < (size_t)limit; i++) {
        if (!strcmp(vs[i].a.category, "timed_entry")) /* a venue's entry, not an event */
            continue;
        shown++;
        html_lit(h, "<li><a href=\"/activities/");
        html_int(h, vs[i].a.id);
        html_lit(h, "\"><strong>");
        html_text(h, vs[i].a.title);
        html_lit(h, "</strong></a> <span class=\"muted\">");
        web_t(req, h, vs[i].a.category);
        if (vs[i].next_start && vs[i].next_start != ACTIVITY_NO_SESSION) {
            html_lit(h, " · ");
            when(req, h, vs[i].next_start);
        }
        html_lit(h, "</span></li>");
    }
    html_lit(h, "</ul>");
    if (!shown) {
        web_empty(req, h, "No upcoming activity matches.");
    }
    html_lit(h, "<p><a href=\"/activities\">");
    web_t(req, h, "All activities");
    html_lit(h, "</a></p></section>");
}

/* The card is the same for everyone who reads one language, and the home page is what a crowd
 * opens first: it is built at most once per server.public_cache_ms per language. */
static struct {
    pthread_mutex_t mu;
    html part[2]; /* by language */
    int64_t expires[2];
} Upcoming = {.mu = PTHREAD_MUTEX_INITIALIZER};

void web_upcoming_card(http_req *req, html *h, int limit)
{
    int ttl = req->app->cfg.public_cache_ms, l = req->lang == LANG_EN;
    if (ttl <= 0) {
        upcoming_card(req, h, limit);
        return;
    }
    pthread_mutex_lock(&Upcoming.mu);
    if (Upcoming.expires[l] > req->ctx.now) {
        html_append(h, &Upcoming.part[l]);
        pthread_mutex_unlock(&Upcoming.mu);
        return;
    }
    pthread_mutex_unlock(&Upcoming.mu);
    html part;
    html_init(&part);
    upcoming_card(req, &part, limit);
    html_append(h, &part);
    pthread_mutex_lock(&Upcoming.mu);
    sb_release(&Upcoming.part[l].sb);
    Upcoming.part[l] = part; /* kept: the buffer now belongs to the cache */
    Upcoming.expires[l] = req->ctx.now + ttl;
    pthread_mutex_unlock(&Upcoming.mu);
}
