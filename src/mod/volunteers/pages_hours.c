/*
 * pages_hours: the pages of volunteers' hours (hours.h, docs/volunteers.md "Hours"): the page
 * a volunteer's phone opens from the shift's QR code (check in or out with one button), the
 * staff page that shows that QR code at the place, "my hours" (totals, records, a report of
 * service afterwards, a dispute of a decided record) and the coordinator's queue of pending
 * records to verify or reject.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/authz.h"
#include "core/certificate.h"
#include "core/division.h"
#include "mod/module.h" /* N_ */
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/pages_kit.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/volunteer.h"
#include "web/web.h"

/* "YYYY-MM-DD HH:MM", China time ("" for 0). */
static const char *china(http_req *req, int64_t ms)
{
    if (!ms)
        return "";
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return arena_sprintf(&req->a, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                         tm.tm_mday, tm.tm_hour, tm.tm_min);
}

static void minutes_text(http_req *req, html *h, int64_t minutes)
{
    html_text(h, arena_sprintf(&req->a, "%s%lld:%02lld", minutes < 0 ? "-" : "",
                               (long long)(llabs(minutes) / 60), (long long)(llabs(minutes) % 60)));
}

static void status_badge(http_req *req, html *h, const char *status)
{
    if (!strcmp(status, "verified"))
        web_badge(req, h, "ok", "Hours verified");
    else if (!strcmp(status, "rejected"))
        web_badge(req, h, "cancelled", "Hours rejected");
    else
        web_badge(req, h, "pending", "Hours pending");
}

static void source_text(http_req *req, html *h, const char *source)
{
    if (!strcmp(source, "checkin"))
        web_t(req, h, "Shift check-in");
    else if (!strcmp(source, "reported"))
        web_t(req, h, "Reported afterwards");
    else
        web_t(req, h, "Correction");
}

static void shift_facts(http_req *req, html *h, const hours_shift *s)
{
    html_lit(h, "<dl class=\"facts\"><dt>");
    web_t(req, h, "Shift");
    html_lit(h, "</dt><dd id=\"shift-title\">");
    html_text(h, s->title);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Project");
    html_lit(h, "</dt><dd>");
    html_text(h, s->project_title);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Organisation");
    html_lit(h, "</dt><dd>");
    html_text(h, s->org_name);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Time");
    html_lit(h, "</dt><dd>");
    html_text(h, china(req, s->starts_at));
    html_lit(h, " – ");
    html_text(h, china(req, s->ends_at) + 11);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Place");
    html_lit(h, "</dt><dd>");
    html_text(h, s->place);
    html_lit(h, "</dd></dl>");
}

void page_volunteer_checkin(http_req *req)
{
    const char *code = req_query(req, "code");
    hours_shift s;
    if (hours_shift_by_code(req_ctx(req), code, &s) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer check-in"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Volunteer check-in");
    html_lit(&h, "</h1><section class=\"card\">");
    shift_facts(req, &h, &s);
    html_lit(&h, "<form method=\"post\" action=\"/volunteer-checkin\" id=\"checkin-form\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<input type=\"hidden\" name=\"code\" value=\"");
    html_attr(&h, code);
    html_lit(&h, "\"><p class=\"muted\">");
    web_t(req, &h,
          "The first scan checks you in; the next one checks you out and records your "
          "hours.");
    html_lit(&h, "</p><button type=\"submit\">");
    web_t(req, &h, "Check in or out");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, 200);
}

void page_volunteer_checkin_post(http_req *req)
{
    hours_scan s;
    if (hours_scan_code(req_ctx_primary(req), req_form(req, "code"), &s) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    int in = !strcmp(s.action, "checked_in");
    web_begin(req, &h, req_tr(req, "Volunteer check-in"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Volunteer check-in");
    html_lit(&h,
             "</h1><section class=\"card\"><p class=\"flash\" role=\"status\" id=\"scan-result\" "
             "data-action=\"");
    html_attr(&h, s.action);
    html_lit(&h, "\">");
    if (in)
        web_t(req, &h, "You are checked in. Scan the code again when you leave.");
    else {
        web_t(req, &h, "You are checked out. Service time recorded (hours:minutes):");
        html_lit(&h, " <strong id=\"scan-minutes\">");
        minutes_text(req, &h, s.minutes);
        html_lit(&h, "</strong>");
    }
    html_lit(&h, "</p>");
    shift_facts(req, &h, &s.shift);
    html_lit(&h, "<p><a href=\"/me/volunteer-hours\">");
    web_t(req, &h, "My volunteer hours");
    html_lit(&h, "</a></p></section>");
    web_end(req, &h, 200);
}

/* The roster under the code: each sign-up with the button that fits its state. */
static void roster(http_req *req, html *h, const hours_signup *g, size_t n)
{
    html_lit(h, "<section class=\"card\"><h2>");
    web_t(req, h, "Shift roster");
    html_lit(h, "</h2>");
    if (n == 0) {
        web_empty(req, h, "Nobody has signed up for this shift.");
        html_lit(h, "</section>");
        return;
    }
    static const web_col cols[] = {
        {N_("Volunteer"), 0}, {N_("Arrived"), 0}, {N_("Left"), 0}, {NULL, 0}};
    html_lit(h, "<div class=\"scroll\"><table id=\"shift-roster\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < n; i++) {
        char name[CERTIFICATE_NAME_MASKED];
        certificate_mask_name(g[i].real_name, name);
        html_lit(h, "<tr data-id=\"");
        html_int(h, g[i].id);
        html_lit(h, "\" data-status=\"");
        html_attr(h, g[i].status);
        html_lit(h, "\"><td>");
        html_text(h, name);
        html_lit(h, "</td><td>");
        html_text(h, china(req, g[i].checked_in_at));
        html_lit(h, "</td><td>");
        html_text(h, china(req, g[i].checked_out_at));
        html_lit(h, "</td><td>");
        int in = !strcmp(g[i].status, "confirmed"), out = !strcmp(g[i].status, "checked_in");
        if (in || out) {
            html_lit(h, "<form method=\"post\" class=\"inline\" action=\"/volunteer-signups/");
            html_int(h, g[i].id);
            if (in)
                html_lit(h, "/check-in\">");
            else
                html_lit(h, "/check-out\">");
            web_csrf_field(req, h);
            html_lit(h, "<button type=\"submit\">");
            if (in)
                web_t(req, h, "Check them in");
            else
                web_t(req, h, "Check them out");
            html_lit(h, "</button></form>");
        } else if (!strcmp(g[i].status, "no_show") && g[i].excused_at) {
            web_t(req, h, "did not come");
            html_lit(h, " <span class=\"muted excused\">");
            web_t(req, h, "excused");
            html_lit(h, ": ");
            html_text(h, g[i].excuse ? g[i].excuse : "");
            html_lit(h, "</span>");
        } else if (!strcmp(g[i].status, "no_show")) {
            web_t(req, h, "did not come");
            vol_excuse_form(req, h, g[i].id);
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div></section>");
}

void page_volunteer_shift_qr(http_req *req)
{
    hours_shift s;
    hours_signup *g = NULL;
    size_t ng = 0;
    if (hours_shift_roster(req_ctx(req), req_id(req, 0), &s, &g, &ng) < 0) {
        resp_fail(req);
        return;
    }
    strbuf path = STRBUF_INIT_MAX(1024);
    sb_adds(&path, "/volunteer-checkin?code=");
    for (const unsigned char *p = (const unsigned char *)s.check_code; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~')
            sb_addc(&path, (char)*p);
        else
            sb_addf(&path, "%%%02X", *p);
    }
    const char *url = req_url(req, arena_strdup(&req->a, path.buf));
    sb_release(&path);
    hours_settings hs;
    hours_settings_get(req_ctx(req), &hs);
    html h;
    web_begin(req, &h, req_tr(req, "Check-in code of the shift"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Check-in code of the shift");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\">");
    shift_facts(req, &h, &s);
    html_lit(&h, "<figure class=\"cert-qr\" id=\"shift-qr\">");
    html_qr(&h, url);
    html_lit(&h, "<figcaption>");
    web_t(req, &h, "Volunteers scan this code with their phone to check in and out.");
    html_lit(&h, "</figcaption></figure><p class=\"muted\">");
    html_text(&h, arena_sprintf(&req->a,
                                req_tr(req, "Check-in opens %lld minutes before the "
                                            "start; check-out closes %lld minutes "
                                            "after the end."),
                                (long long)hs.checkin_before, (long long)hs.checkout_after));
    html_lit(&h, "</p></section>");
    roster(req, &h, g, ng);
    web_end(req, &h, 200);
}

/* The roster's buttons: back to the shift's page. */
static void roster_post(http_req *req, int in)
{
    hours_scan s;
    wy_ctx *ctx = req_ctx_primary(req);
    if ((in ? hours_signup_checkin(ctx, req_id(req, 0), &s)
            : hours_signup_checkout(ctx, req_id(req, 0), &s)) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/volunteer-shifts/%lld/qr?msg=created",
                                     (long long)s.shift.id));
}

void page_volunteer_signup_checkin(http_req *req)
{
    roster_post(req, 1);
}

void page_volunteer_signup_checkout(http_req *req)
{
    roster_post(req, 0);
}

void page_volunteer_signup_excuse(http_req *req)
{
    hours_signup g;
    if (hours_signup_excuse(req_ctx_primary(req), req_id(req, 0), req_form(req, "reason"), &g) <
        0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/volunteer-shifts/%lld/qr?msg=excused",
                                     (long long)g.shift_id));
}

static void dispute_form(http_req *req, html *h, const hours_record *r)
{
    html_lit(h, "<details><summary>");
    web_t(req, h, "Dispute");
    html_lit(
        h, "</summary><form method=\"post\" class=\"dispute-form\" action=\"/me/volunteer-hours/");
    html_int(h, r->id);
    html_lit(h, "/dispute\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Change in minutes (negative to take away)");
    html_lit(h, "<input name=\"minutes\" type=\"number\" required step=\"1\"></label><label>");
    web_t(req, h, "Why");
    html_lit(h, "<textarea name=\"note\" required minlength=\"2\" maxlength=\"500\"></textarea>"
                "</label><button type=\"submit\">");
    web_t(req, h, "Send the dispute");
    html_lit(h, "</button></form></details>");
}

/* The projects a volunteer may report service in, those they most likely served first: the
 * published projects of the districts (counties) of their service areas, newest first, then
 * the newest of the whole city, each once; at most 100 of each list. Empty on an error (the
 * form then offers none). */
static size_t report_projects(wy_ctx *ctx, const volunteer *me, volunteer_project **out)
{
    enum { EACH = 100 };
    char seen_county[VOLUNTEER_AREAS_MAX][DIVISION_CODE_MAX];
    size_t ncounties = 0, n = 0, cap = 0;
    volunteer_project *all = NULL;
    const char *p = me->areas ? me->areas : "";
    for (int round = 0; round < 2; round++) {
        do {
            const char *division = NULL;
            char code[DIVISION_CODE_MAX], county[DIVISION_CODE_MAX];
            if (round == 0) {
                while (*p == ',')
                    p++;
                size_t k = strcspn(p, ",");
                if (k == 0)
                    break;
                if (k >= sizeof(code)) {
                    p += k;
                    continue;
                }
                memcpy(code, p, k);
                code[k] = '\0';
                p += k;
                if (!division_ancestor(code, LEVEL_COUNTY, county))
                    continue;
                int dup = 0;
                for (size_t i = 0; i < ncounties; i++)
                    dup |= !strcmp(seen_county[i], county);
                if (dup || ncounties == VOLUNTEER_AREAS_MAX)
                    continue;
                memcpy(seen_county[ncounties++], county, sizeof(county));
                division = county;
            }
            volunteer_project *ps = NULL;
            size_t np = 0;
            if (volunteer_project_list(ctx, division, 0, EACH, &ps, &np) < 0)
                np = 0;
            if (n + np > cap) {
                size_t ncap = n + np + EACH;
                volunteer_project *grown = arena_alloc(ctx->a, ncap * sizeof(*grown));
                if (!grown)
                    return 0;
                if (n)
                    memcpy(grown, all, n * sizeof(*grown));
                all = grown, cap = ncap;
            }
            for (size_t i = 0; i < np; i++) {
                int dup = 0;
                for (size_t j = 0; j < n && !dup; j++)
                    dup = all[j].id == ps[i].id;
                if (!dup)
                    all[n++] = ps[i];
            }
        } while (round == 0);
    }
    *out = all;
    return n;
}

void page_my_volunteer_hours(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    wy_ctx *ctx = req_ctx(req);
    volunteer me;
    int registered = volunteer_me(ctx, &me) == 0;
    ctx->err = (wy_error){0};
    hours_record *rs = NULL;
    size_t n = 0;
    hours_totals t = {0};
    if (hours_mine(ctx, cursor, limit, &rs, &n, &t) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My volunteer hours"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My volunteer hours");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><dl class=\"facts\" id=\"hours-totals\"><dt>");
    web_t(req, &h, "Verified service (hours:minutes)");
    html_lit(&h, "</dt><dd id=\"verified-minutes\" data-minutes=\"");
    html_int(&h, t.verified_minutes);
    html_lit(&h, "\">");
    minutes_text(req, &h, t.verified_minutes);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Points balance");
    html_lit(&h, "</dt><dd id=\"points\">");
    html_int(&h, t.points);
    html_lit(&h, "</dd></dl></section><section class=\"card\"><h2>");
    web_t(req, &h, "Service records");
    html_lit(&h, "</h2>");
    if (n == 0)
        web_empty(req, &h, "No hours recorded yet.");
    else {
        /* what a phone shows first: the hours and their status */
        static const web_col cols[] = {{N_("Hours"), 1},   {N_("Status"), 0}, {N_("Kind"), 0},
                                       {N_("Project"), 0}, {N_("Time"), 0},   {N_("Details"), 0},
                                       {"#", 0},           {NULL, 0}};
        html_lit(&h, "<div class=\"scroll\"><table id=\"my-hours\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const hours_record *r = &rs[i];
            html_lit(&h, "<tr data-id=\"");
            html_int(&h, r->id);
            html_lit(&h, "\"><td class=\"num\">");
            minutes_text(req, &h, r->minutes);
            html_lit(&h, "</td><td>");
            status_badge(req, &h, r->status);
            html_lit(&h, "</td><td>");
            source_text(req, &h, r->source);
            if (r->corrects) {
                html_lit(&h, " → #");
                html_int(&h, r->corrects);
            }
            html_lit(&h, "</td><td>");
            html_text(&h, r->project_title);
            html_lit(&h, "<br><span class=\"muted\">");
            html_text(&h, r->org_name);
            html_lit(&h, "</span></td><td>");
            html_text(&h, china(req, r->started_at));
            html_lit(&h, "</td><td>");
            html_text(&h, r->note);
            if (*r->decision_note) {
                html_lit(&h, "<br><span class=\"muted\">");
                html_text(&h, r->decision_note);
                html_lit(&h, "</span>");
            }
            html_lit(&h, "</td><td>");
            html_int(&h, r->id);
            html_lit(&h, "</td><td>");
            if (strcmp(r->status, "pending") && strcmp(r->source, "correction"))
                dispute_form(req, &h, r);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (n == (size_t)limit) {
            const char *params[] = {"limit", req_query(req, "limit"), NULL};
            web_pager_id(req, &h, "/me/volunteer-hours", rs[n - 1].id, params);
        }
    }
    html_lit(&h, "</section>");
    if (registered) {
        volunteer_project *ps = NULL;
        size_t np = report_projects(ctx, &me, &ps);
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Report service afterwards");
        html_lit(&h, "</h2><form method=\"post\" action=\"/me/volunteer-hours\" "
                     "id=\"report-form\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Project");
        html_lit(&h, "<select name=\"project_id\" required>");
        for (size_t i = 0; i < np; i++) {
            html_lit(&h, "<option value=\"");
            html_int(&h, ps[i].id);
            html_lit(&h, "\">");
            html_text(&h, ps[i].title);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Date");
        html_lit(&h, "<input name=\"date\" type=\"date\" required></label><label>");
        web_t(req, &h, "Start");
        html_lit(&h, "<input name=\"start\" type=\"time\" required></label><label>");
        web_t(req, &h, "End");
        html_lit(&h, "<input name=\"end\" type=\"time\" required></label><label>");
        web_t(req, &h, "What was done");
        html_lit(&h, "<textarea name=\"note\" required minlength=\"2\" maxlength=\"500\">"
                     "</textarea></label><p class=\"muted\">");
        web_t(req, &h, "The organiser checks a report before its hours count.");
        html_lit(&h, "</p><button type=\"submit\">");
        web_t(req, &h, "Send the report");
        html_lit(&h, "</button></form></section>");
    }
    web_end(req, &h, 200);
}

static int64_t form_int(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    char *end = NULL;
    long long x = v ? strtoll(v, &end, 10) : 0;
    return v && end != v && !*end ? x : 0;
}

void page_my_volunteer_hours_report(http_req *req)
{
    int64_t id;
    if (hours_report(req_ctx_primary(req), form_int(req, "project_id"), req_form(req, "date"),
                     req_form(req, "start"), req_form(req, "end"), req_form(req, "note"),
                     &id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/volunteer-hours?msg=submitted");
}

void page_my_volunteer_hours_dispute(http_req *req)
{
    int64_t id;
    if (hours_correct(req_ctx_primary(req), req_id(req, 0), form_int(req, "minutes"),
                      req_form(req, "note"), &id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/volunteer-hours?msg=submitted");
}

void page_volunteer_hours_queue(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    const char *division = req_query(req, "division");
    hours_record *rs;
    size_t n;
    if (hours_queue(req_ctx(req), division, cursor, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer hours to verify"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Volunteer hours to verify");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "No hours are waiting for verification.");
    else {
        static const web_col cols[] = {
            {"#", 0},        {N_("Volunteer"), 0}, {N_("Kind"), 0},    {N_("Project"), 0},
            {N_("Time"), 0}, {N_("Hours"), 1},     {N_("Details"), 0}, {NULL, 0}};
        html_lit(&h, "<div class=\"scroll\"><table id=\"hours-queue\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const hours_record *r = &rs[i];
            char name[CERTIFICATE_NAME_MASKED];
            certificate_mask_name(r->real_name, name);
            html_lit(&h, "<tr data-id=\"");
            html_int(&h, r->id);
            html_lit(&h, "\"><td>");
            html_int(&h, r->id);
            html_lit(&h, "</td><td>");
            html_text(&h, name);
            html_lit(&h, "</td><td>");
            source_text(req, &h, r->source);
            if (r->corrects) {
                html_lit(&h, " → #");
                html_int(&h, r->corrects);
            }
            html_lit(&h, "</td><td>");
            html_text(&h, r->project_title);
            html_lit(&h, "<br><span class=\"muted\">");
            html_text(&h, r->org_name);
            html_lit(&h, "</span></td><td>");
            html_text(&h, china(req, r->started_at));
            if (r->ended_at) {
                html_lit(&h, " – ");
                html_text(&h, china(req, r->ended_at) + 11);
            }
            html_lit(&h, "</td><td class=\"num\">");
            minutes_text(req, &h, r->minutes);
            html_lit(&h, "</td><td>");
            html_text(&h, r->note);
            html_lit(&h, "</td><td><form method=\"post\" class=\"decide-form\" "
                         "action=\"/volunteer-hours/");
            html_int(&h, r->id);
            html_lit(&h, "/decide\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<label>");
            web_t(req, &h, "Decision note");
            html_lit(&h, "<input name=\"note\" maxlength=\"500\"></label>"
                         "<button type=\"submit\" name=\"decision\" value=\"verify\">");
            web_t(req, &h, "Verify the hours");
            html_lit(&h, "</button><button type=\"submit\" name=\"decision\" value=\"reject\">");
            web_t(req, &h, "Reject the hours");
            html_lit(&h, "</button></form></td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (n == (size_t)limit) {
            const char *params[] = {"limit", req_query(req, "limit"), "division", division, NULL};
            web_pager_id(req, &h, "/volunteer-hours/queue", rs[n - 1].id, params);
        }
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_volunteer_hours_decide(http_req *req)
{
    const char *d = req_form(req, "decision");
    if (!d || (strcmp(d, "verify") && strcmp(d, "reject"))) {
        resp_error(req, 400, "bad_decision", "The decision is verify or reject.");
        return;
    }
    const char *note = req_form(req, "note");
    if (hours_decide(req_ctx_primary(req), req_id(req, 0), !strcmp(d, "verify"),
                     note && *note ? note : (strcmp(d, "verify") ? NULL : "")) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/volunteer-hours/queue?msg=decided");
}

const char *web_hours_note_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    json_int_t minutes = json_integer_value(json_object_get(p, "minutes"));
    const char *note = json_string_value(json_object_get(p, "note"));
    const char *what = n->title ? n->title : "?";
    const char *hm =
        arena_sprintf(&req->a, "%s%lld:%02lld", minutes < 0 ? "-" : "",
                      (long long)(llabs(minutes) / 60), (long long)(llabs(minutes) % 60));
    const char *t;
    if (!strcmp(n->kind, hours_kind_verified.name))
        t = arena_sprintf(&req->a, req_tr(req, "Your volunteer hours for “%s” (%s) are verified."),
                          what, hm);
    else if (note && *note)
        t = arena_sprintf(&req->a,
                          req_tr(req, "Your volunteer hours for “%s” (%s) are not verified. "
                                      "Reason: %s"),
                          what, hm, note);
    else
        t = arena_sprintf(
            &req->a, req_tr(req, "Your volunteer hours for “%s” (%s) are not verified."), what, hm);
    json_decref(p);
    return t;
}
