/*
 * pages_organiser: the organiser's side of activities. /organiser lists the activities the
 * logged-in staff member manages (its publish subtree) with each session's figures (booked
 * of capacity, waiting list, checked in, no-shows), the rating average and the links to
 * the bookings, the attendance CSV and the check-in page, and holds the moderation queue
 * of ratings. /organiser/sessions/{id} lists a session's bookings with a button to excuse
 * a no-show. The citizen's side of ratings (the form on an activity's page) posts here too.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "mod/activities/activity.h"
#include "core/authz.h"
#include "mod/activities/booking.h"
#include "mod/activities/rating.h"
#include "web/ratings.h"
#include "util/timeutil.h"
#include "mod/activities/handlers.h"

static void when(html *h, int64_t ms)
{
    char buf[40];
    if (!ms) {
        html_text(h, "—");
        return;
    }
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM */
    buf[10] = ' ';
    html_text(h, buf);
}

static void average(http_req *req, html *h, int64_t sum, int64_t count)
{
    if (!count) {
        web_t(req, h, "No ratings yet");
        return;
    }
    html_text(h, arena_sprintf(&req->a, req_tr(req, "%.1f of 5 (%lld ratings)"),
                               (double)sum / (double)count, (long long)count));
}

static void rating_queue_section(http_req *req, html *h)
{
    rating *rs;
    size_t n;
    html_lit(h, "<section class=\"card\" id=\"rating-queue\"><h2>");
    web_t(req, h, "Ratings waiting for moderation");
    html_lit(h, "</h2>");
    if (rating_queue(req_ctx(req), "pending", 0, 50, &rs, &n) < 0) {
        html_lit(h, "<p class=\"form-error\">");
        html_text(h, req_tr(req, req->ctx.err.message));
        html_lit(h, "</p></section>");
        return;
    }
    if (n == 0) {
        web_empty(req, h, "No rating is waiting.");
    }
    html_lit(h, "<ul class=\"list\" id=\"pending-ratings\">");
    for (size_t i = 0; i < n; i++) {
        char name[RATING_NAME_MAX];
        rating_mask_name(rs[i].user_name, name);
        /* of any kind (an activity, a course, a teacher): its title links to its page */
        const char *href = rating_subject_href(req_ctx(req), &rs[i]);
        html_lit(h, "<li><strong>");
        if (href) {
            html_lit(h, "<a href=\"");
            html_attr(h, href);
            html_lit(h, "\">");
        }
        html_text(h, rs[i].subject_title ? rs[i].subject_title : "—");
        if (href)
            html_lit(h, "</a>");
        html_lit(h, "</strong> <span class=\"muted\">");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%d of 5"), rs[i].score));
        html_lit(h, " · ");
        html_text(h, name);
        html_lit(h, " · ");
        when(h, rs[i].updated_at);
        html_lit(h, "</span><p>");
        html_text(h, rs[i].comment);
        html_lit(h, "</p>");
        if (rs[i].user_id == req->who.user_id) { /* never one's own rating */
            html_lit(h, "<span class=\"badge own\">");
            web_t(req, h, "Your own: someone else must decide it.");
            html_lit(h, "</span></li>");
            continue;
        }
        html_lit(h, "<form method=\"post\" class=\"decide\" action=\"/organiser/ratings/");
        html_int(h, rs[i].id);
        html_lit(h, "\">");
        web_csrf_field(req, h);
        html_lit(h, "<input name=\"reason\" maxlength=\"500\" placeholder=\"");
        html_attr(h, req_tr(req, "Reason (required to reject)"));
        html_lit(h, "\"><button name=\"decision\" value=\"approve\" type=\"submit\">");
        web_t(req, h, "Approve");
        html_lit(h, "</button><button name=\"decision\" value=\"reject\" type=\"submit\" "
                    "class=\"secondary\">");
        web_t(req, h, "Reject");
        html_lit(h, "</button></form></li>");
    }
    html_lit(h, "</ul></section>");
}

void page_organiser(http_req *req)
{
    int limit;
    int64_t after;
    if (req_page(req, 20, 100, &limit, &after) < 0)
        return;
    organiser_activity *as;
    size_t n;
    if (booking_organiser_overview(req_ctx(req), after, limit, &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Organiser"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Organiser");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    rating_queue_section(req, &h);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "My activities");
    html_lit(&h, "</h2>");
    if (n == 0) {
        web_empty(req, &h, "You manage no activity yet.");
    }
    html_lit(&h, "<div id=\"organiser-activities\">");
    for (size_t i = 0; i < n; i++) {
        const organiser_activity *oa = &as[i];
        html_lit(&h, "<h3><a href=\"/activities/");
        html_int(&h, oa->a.id);
        html_lit(&h, "\">");
        html_text(&h, oa->a.title);
        html_lit(&h, "</a> <span class=\"badge ");
        html_attr(&h, oa->a.status);
        html_lit(&h, "\">");
        web_t(req, &h, oa->a.status);
        html_lit(&h, "</span></h3><p class=\"muted\">");
        average(req, &h, oa->rating_sum, oa->rating_count);
        html_lit(&h, "</p><table class=\"data\"><thead><tr><th>");
        web_t(req, &h, "Session");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Booked / capacity");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Waiting list");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Checked in");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "No-shows");
        html_lit(&h, "</th><th></th></tr></thead><tbody>");
        for (size_t k = 0; k < oa->nsessions; k++) {
            const organiser_session *os = &oa->sessions[k];
            html_lit(&h, "<tr data-session=\"");
            html_int(&h, os->s.id);
            html_lit(&h, "\"><td>");
            when(&h, os->s.starts_at);
            html_lit(&h, "</td><td class=\"booked\">");
            html_text(&h, arena_sprintf(&req->a, "%d / %d", os->s.confirmed_seats, os->s.capacity));
            html_lit(&h, "</td><td class=\"waitlist\">");
            html_int(&h, os->k.waitlisted);
            html_lit(&h, "</td><td class=\"checked-in\">");
            html_int(&h, os->k.checked_in);
            html_lit(&h, "</td><td class=\"no-shows\">");
            html_int(&h, os->k.no_shows);
            html_lit(&h, "</td><td><a href=\"/organiser/sessions/");
            html_int(&h, os->s.id);
            html_lit(&h, "\">");
            web_t(req, &h, "Bookings");
            html_lit(&h, "</a> · <a href=\"/api/v1/sessions/");
            html_int(&h, os->s.id);
            html_lit(&h, "/attendance.csv\">");
            web_t(req, &h, "Attendance (CSV)");
            html_lit(&h, "</a> · <a href=\"/checkin?session=");
            html_int(&h, os->s.id);
            html_lit(&h, "\">");
            web_t(req, &h, "Check-in");
            html_lit(&h, "</a></td></tr>");
        }
        html_lit(&h, "</tbody></table>");
        if (oa->sessions_total > oa->nsessions) {
            html_lit(&h, "<p class=\"muted more-sessions\">");
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "%zu of %zu sessions shown."),
                                        oa->nsessions, oa->sessions_total));
            html_lit(&h, " <a href=\"/api/v1/activities/");
            html_int(&h, oa->a.id);
            html_lit(&h, "/sessions\">");
            web_t(req, &h, "All sessions");
            html_lit(&h, "</a></p>");
        }
    }
    html_lit(&h, "</div>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/organiser", as[n - 1].a.id, NULL);
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_organiser_session(http_req *req)
{
    int64_t sid;
    activity_session s;
    activity a;
    attendance_row *rows;
    size_t n;
    int limit;
    int64_t after;
    sid = req_id(req, 0);
    if (req_page(req, 200, 500, &limit, &after) < 0)
        return;
    /* one row more than asked says whether there is a next page */
    if (booking_attendance(req_ctx(req), sid, after, limit + 1, &s, &a, &rows, &n, NULL) < 0) {
        resp_fail(req);
        return;
    }
    int more = n > (size_t)limit;
    if (more)
        n = (size_t)limit;
    html h;
    web_begin(req, &h, a.title);
    html_lit(&h, "<h1>");
    html_text(&h, a.title);
    html_lit(&h, " <span class=\"muted\">");
    when(&h, s.starts_at);
    html_lit(&h, "</span></h1>");
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><p><a href=\"/organiser\">");
    web_t(req, &h, "Organiser");
    html_lit(&h, "</a> · <a href=\"/api/v1/sessions/");
    html_int(&h, sid);
    html_lit(&h, "/attendance.csv\">");
    web_t(req, &h, "Attendance (CSV)");
    html_lit(&h, "</a> · <a href=\"/checkin?session=");
    html_int(&h, sid);
    html_lit(&h, "\">");
    web_t(req, &h, "Check-in");
    html_lit(&h, "</a></p><table class=\"data\" id=\"session-bookings\"><thead><tr><th>");
    web_t(req, &h, "Name");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Phone");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Seats");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Status");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Booked at");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Checked in at");
    html_lit(&h, "</th><th></th></tr></thead><tbody>");
    if (n == 0) {
        html_lit(&h, "<tr><td colspan=\"7\" class=\"empty\">");
        web_t(req, &h, "No bookings yet.");
        html_lit(&h, "</td></tr>");
    }
    for (size_t i = 0; i < n; i++) {
        const attendance_row *r = &rows[i];
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(r->phone, phone);
        html_lit(&h, "<tr data-booking=\"");
        html_int(&h, r->b.id);
        /* no booking code: it is the attendee's ticket, and a copy in staff's hands would
         * check them in without them */
        html_lit(&h, "\"><td class=\"name\">");
        html_text(&h, r->name);
        html_lit(&h, "</td><td>");
        html_text(&h, phone);
        html_lit(&h, "</td><td>");
        html_int(&h, r->b.seats);
        html_lit(&h, "</td><td><span class=\"badge ");
        html_attr(&h, r->b.status);
        html_lit(&h, "\">");
        web_t(req, &h, r->b.status);
        html_lit(&h, "</span>");
        if (r->b.excused_at) {
            html_lit(&h, " <span class=\"muted excused\">");
            web_t(req, &h, "excused");
            html_lit(&h, "</span>");
        }
        html_lit(&h, "</td><td>");
        when(&h, r->b.created_at);
        html_lit(&h, "</td><td>");
        when(&h, r->b.checked_in_at);
        html_lit(&h, "</td><td>");
        if (!strcmp(r->b.status, "no_show") && !r->b.excused_at) {
            html_lit(&h, "<form method=\"post\" class=\"inline\" action=\"/organiser/bookings/");
            html_int(&h, r->b.id);
            html_lit(&h, "/excuse\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Excuse no-show");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>");
    if (more)
        web_pager_id(req, &h, arena_sprintf(&req->a, "/organiser/sessions/%" PRId64, sid),
                     rows[n - 1].b.id, NULL);
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_excuse_post(http_req *req)
{
    int64_t id;
    booking b;
    id = req_id(req, 0);
    if (booking_excuse(req_ctx(req), id, req_form(req, "reason"), &b) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/organiser/sessions/%lld?msg=excused",
                                     (long long)b.session_id));
}

void page_rating_decide_post(http_req *req)
{
    int64_t id;
    rating r;
    id = req_id(req, 0);
    const char *reason = req_form(req, "reason");
    if (rating_decide(req_ctx(req), id, req_form(req, "decision"),
                      reason && *reason ? reason : NULL, &r) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/organiser?msg=decided");
}

void page_rate_post(http_req *req)
{
    web_rate_post(req, ACTIVITY_RATING_KIND,
                  arena_sprintf(&req->a, "/activities/%lld", (long long)req_id(req, 0)));
}
