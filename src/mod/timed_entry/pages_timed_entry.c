/*
 * pages_timed_entry: the venue page's timed entry section (参观预约), added to the venue's
 * page through its slot (mod/venues/handlers.h, VENUE_SLOT_SECTIONS), so that venues does not
 * include timed entry or activities.
 */
#include <string.h>

#include "mod/activities/activity.h"
#include "mod/activities/booking_rules.h"
#include "mod/activities/handlers.h"
#include "mod/timed_entry/handlers.h"
#include "mod/timed_entry/timed_entry.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"

static const char *const weekday_names[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

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
int timed_entry_venue_section(http_req *req, void *out, const void *subject)
{
    html *h = out;
    const venue_view *vv = subject;
    wy_ctx *ctx = req_ctx(req);
    timed_entry te;
    if (store_timed_entry_get(ctx->c, ctx->a, vv->v.id, &te) != WY_OK || !te.enabled)
        return 0;
    ctx = req_ctx_primary(req);
    timed_entry_view tv;
    activity a;
    if (timed_entry_get(ctx, vv->v.id, &tv) < 0 ||
        activity_visible(ctx, tv.te.activity_id, &a) < 0) {
        ctx->err = (wy_error){0}; /* the rest of the page stands without it */
        return 0;
    }
    char o[6];
    venue_format_hhmm(tv.te.opens_at_minute, o);
    html_lit(h, "<section class=\"card\" id=\"timed-entry\"><h2>");
    web_t(req, h, "Timed entry");
    html_lit(h, "</h2><p class=\"muted\">");
    html_text(h, arena_sprintf(&req->a,
                               req_tr(req, "Book a time to visit. Booking for a day opens %d days "
                                           "before it, at %s."),
                               tv.te.days_ahead, o));
    html_lit(h, "</p>");
    if (tv.nsessions == 0) {
        web_empty(req, h, "No entry slots in the coming days.");
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
                html_lit(h, "</ul>");
            html_lit(h, "<h3 class=\"slot-day\">");
            html_text(h, day);
            html_lit(h, " ");
            web_t(req, h, weekday_names[wd]);
            html_lit(h, "</h3><ul class=\"list slots\">");
            memcpy(cur, day, sizeof(cur));
        }
        int can;
        const char *state = web_book_state(req, &a, s, &can);
        if (can && booking_seats_left(s) > 0) /* people, not seats, enter a museum */
            state = arena_sprintf(&req->a, req_tr(req, "%d places left"), booking_seats_left(s));
        html_lit(h, "<li class=\"slot\" data-session=\"");
        html_int(h, s->id);
        html_lit(h, "\"><strong>");
        html_text(h, from);
        html_lit(h, "–");
        html_text(h, to);
        html_lit(h, "</strong> <span class=\"muted\">");
        html_text(h, state);
        html_lit(h, "</span>");
        if (can && req->who.user_id) {
            html_lit(h, "<form method=\"post\" class=\"inline book\" action=\"/sessions/");
            html_int(h, s->id);
            html_lit(h, "/book\">");
            web_csrf_field(req, h);
            html_lit(h, "<button type=\"submit\">");
            web_t(req, h, "Book");
            html_lit(h, "</button></form>");
        } else if (can) {
            html_lit(h, " <a href=\"/login?next=/venues/");
            html_int(h, vv->v.id);
            html_lit(h, "\">");
            web_t(req, h, "Log in to book");
            html_lit(h, "</a>");
        }
        html_lit(h, "</li>");
    }
    if (cur[0])
        html_lit(h, "</ul>");
    html_lit(h, "</section>");
    return 0;
}
