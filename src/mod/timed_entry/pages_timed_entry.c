/*
 * pages_timed_entry: the venue page's timed entry section (参观预约), added to the venue's
 * page through its slot (mod/venues/handlers.h, VENUE_SLOT_SECTIONS), so that venues does not
 * include timed entry or activities.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "mod/activities/booking_rules.h"
#include "mod/activities/handlers.h"
#include "mod/timed_entry/handlers.h"
#include "mod/timed_entry/timed_entry.h"
#include "mod/venues/handlers.h"
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
    if (!timed_entry_enabled(ctx, vv->v.id))
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

/* A form value: what was posted, else the current value. */
static const char *form_or(http_req *req, const char *name, const char *current)
{
    const char *v = req_form(req, name);
    return v ? v : current;
}

/* VENUE_SLOT_EDIT: the staff's form for the venue's timed entry (参观预约). */
int timed_entry_venue_edit(http_req *req, void *out, const void *subject)
{
    html *h = out;
    const venue *v = &((const venue_view *)subject)->v;
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
    html_lit(h, "<section class=\"card\"><h2>");
    web_t(req, h, "Timed entry");
    html_lit(h, "</h2><form method=\"post\" id=\"timed-entry-form\" action=\"/venues/");
    html_int(h, v->id);
    html_lit(h, "/timed-entry\">");
    web_csrf_field(req, h);
    html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"enabled\" value=\"1\"");
    if (enabled)
        html_lit(h, " checked");
    html_lit(h, "> ");
    web_t(req, h, "Visitors book a time slot to enter");
    html_lit(h, "</label><label>");
    web_t(req, h, "Daily slots (one a line, such as 09:00-10:30)");
    html_lit(h, "<textarea name=\"slots\" rows=\"6\">");
    html_text(h, slots);
    html_lit(h, "</textarea></label>");
    static const char *const nums[][2] = {{"capacity", "People per slot"},
                                          {"days_ahead", "Days ahead that can be booked"},
                                          {"max_companions", "Companions per booking"}};
    int cur[] = {have ? tv.te.capacity : 50, have ? tv.te.days_ahead : 7,
                 have ? tv.te.max_companions : 2};
    for (int i = 0; i < 3; i++) {
        html_lit(h, "<label>");
        web_t(req, h, nums[i][1]);
        html_lit(h, "<input type=\"number\" name=\"");
        html_attr(h, nums[i][0]);
        html_lit(h, "\" value=\"");
        html_attr(h, form_or(req, nums[i][0], arena_sprintf(&req->a, "%d", cur[i])));
        html_lit(h, "\"></label>");
    }
    html_lit(h, "<label>");
    web_t(req, h, "Booking opens at");
    html_lit(h, "<input type=\"time\" name=\"opens_at\" value=\"");
    html_attr(h, form_or(req, "opens_at", o));
    html_lit(h, "\"></label><p class=\"hint\">");
    web_t(req, h,
          "Booking for a day opens that many days before it, at that time. A slot is offered only "
          "on days the venue is open for all of it. Slots already booked stay as they are when "
          "this changes.");
    html_lit(h, "</p><button type=\"submit\">");
    web_t(req, h, "Save timed entry");
    html_lit(h, "</button></form></section>");
    return 0;
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

void page_timed_entry_post(http_req *req)
{
    int64_t id = req_id(req, 0);
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
        page_venue_edit_show(req, &vv, errclass_status(e.cls));
        return;
    }
    resp_redirect(req,
                  arena_sprintf(&req->a, "/venues/%lld?msg=created#timed-entry", (long long)id));
}
