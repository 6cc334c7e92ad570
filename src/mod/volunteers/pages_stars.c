/*
 * pages_stars: the public notice of star-level applications (公示) with its objection form,
 * a volunteer's own star level with the apply button, and the coordinators' page that decides
 * applications after their notice, revokes granted levels and issues service certificates
 * (star.h). Names are masked on every page here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/admin/handlers.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/star.h"

static void hours_text(html *h, int64_t minutes)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.1f", (double)minutes / 60.0);
    html_text(h, buf);
}

static void stars_text(http_req *req, html *h, int level)
{
    html_text(h, arena_sprintf(&req->a, req_tr(req, "%d stars"), level));
}

/* A row of an application: masked name, level, hours, organisation, notice. */
static void app_row(http_req *req, html *h, const star_application *a)
{
    char name[CERTIFICATE_NAME_MASKED];
    certificate_mask_name(a->real_name, name);
    html_lit(h, "<tr id=\"");
    html_attr(h, arena_sprintf(&req->a, "star-app-%lld", (long long)a->id));
    html_lit(h, "\"><td class=\"star-name\">");
    html_text(h, name);
    html_lit(h, "</td><td>");
    stars_text(req, h, a->level);
    html_lit(h, "</td><td>");
    hours_text(h, a->minutes);
    html_lit(h, "</td><td>");
    html_text(h, a->org_name ? a->org_name : "—");
    html_lit(h, "</td><td>");
    html_date(h, a->created_at);
    html_lit(h, " – ");
    html_date(h, a->notice_until - 1);
    html_lit(h, "</td>");
}

#define N_(s) s
static const web_col cols[] = {
    {N_("Volunteer"), 0},    {N_("Star level"), 0}, {N_("Verified hours"), 1},
    {N_("Organisation"), 0}, {N_("Notice"), 0},     {N_("Actions"), 0},
};

void page_volunteer_stars(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 100, &limit, &cursor) < 0)
        return;
    star_application *as;
    size_t n;
    if (star_application_list(req_ctx(req), "notice", req_query(req, "division"), cursor, limit,
                              &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Star volunteers: public notice"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Star volunteers: public notice");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    html_lit(&h, "<p class=\"muted\">");
    web_t(req, &h,
          "These volunteers have applied for a star level by their verified service hours. "
          "Anyone who knows a reason against an application may object while its notice "
          "lasts.");
    html_lit(&h, "</p><section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "No application is on notice now.");
    else {
        html_lit(&h, "<div class=\"scroll\"><table id=\"star-notice\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            app_row(req, &h, &as[i]);
            html_lit(&h, "<td>");
            if (req_ctx(req)->now < as[i].notice_until && req->who.user_id) {
                html_lit(&h, "<form method=\"post\" class=\"inline\" action=\"");
                html_attr(&h, arena_sprintf(&req->a, "/volunteer-stars/%lld/object",
                                            (long long)as[i].id));
                html_lit(&h, "\">");
                web_csrf_field(req, &h);
                html_lit(&h, "<input name=\"reason\" required maxlength=\"500\" aria-label=\"");
                html_attr(&h, req_tr(req, "Reason of the objection"));
                html_lit(&h, "\"><button type=\"submit\">");
                web_t(req, &h, "Object");
                html_lit(&h, "</button></form>");
            } else if (req_ctx(req)->now < as[i].notice_until) {
                html_lit(&h, "<a href=\"/login\">");
                web_t(req, &h, "Log in to object");
                html_lit(&h, "</a>");
            } else
                web_t(req, &h, "Notice ended");
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    html_lit(&h, "</section>");
    web_pager_id(req, &h, "/volunteer-stars", n == (size_t)limit ? as[n - 1].id : 0, NULL);
    web_end(req, &h, 200);
}

void page_volunteer_star_object_post(http_req *req)
{
    int64_t oid;
    if (star_object(req_ctx(req), req_id(req, 0), req_form(req, "reason"), &oid) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/volunteer-stars?msg=submitted");
}

void page_my_volunteer_star(http_req *req)
{
    star_standing s;
    wy_ctx *ctx = req_ctx(req);
    if (star_mine(ctx, &s) < 0 && strcmp(ctx->err.code, "not_registered")) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My star level"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My star level");
    html_lit(&h, "</h1>");
    if (!s.v.id) {
        web_empty(req, &h, "This account is not registered as a volunteer.");
        web_end(req, &h, 200);
        return;
    }
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><dl class=\"facts\"><dt>");
    web_t(req, &h, "Star level");
    html_lit(&h, "</dt><dd id=\"star-level\">");
    if (s.level)
        stars_text(req, &h, s.level);
    else
        web_t(req, &h, "None yet");
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Verified hours");
    html_lit(&h, "</dt><dd id=\"star-hours\">");
    hours_text(&h, s.minutes);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Next threshold");
    html_lit(&h, "</dt><dd id=\"star-next\">");
    if (s.next_hours)
        html_int(&h, s.next_hours);
    else
        html_lit(&h, "—");
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Thresholds (hours)");
    html_lit(&h, "</dt><dd>");
    for (int i = 0; i < STAR_LEVELS; i++) {
        if (i)
            html_lit(&h, " / ");
        html_int(&h, s.t.hours[i]);
    }
    html_lit(&h, "</dd></dl>");
    if (s.open.id) {
        html_lit(&h, "<p id=\"star-open\">");
        html_text(&h, arena_sprintf(&req->a,
                                    req_tr(req, "Your application for %d stars is on public "
                                                "notice."),
                                    s.open.level));
        html_lit(&h, "</p>");
    } else if (s.qualified > s.level) {
        html_lit(&h, "<form method=\"post\" action=\"/me/volunteer-star/apply\" "
                     "id=\"star-apply\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<input type=\"hidden\" name=\"level\" value=\"");
        html_attr(&h, arena_sprintf(&req->a, "%d", s.qualified));
        html_lit(&h, "\"><button type=\"submit\">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "Apply for %d stars"), s.qualified));
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section><p><a href=\"/volunteer-stars\">");
    web_t(req, &h, "Public notice");
    html_lit(&h, "</a> · <a href=\"/me/certificates\">");
    web_t(req, &h, "My certificates");
    html_lit(&h, "</a></p>");
    web_end(req, &h, 200);
}

void page_my_volunteer_star_apply_post(http_req *req)
{
    int64_t id;
    const char *l = req_form(req, "level");
    if (star_apply(req_ctx(req), 0, l ? atoi(l) : 0, &id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/volunteer-star?msg=submitted");
}

static void decide_form(http_req *req, html *h, const star_application *a)
{
    html_lit(h, "<form method=\"post\" class=\"inline\" action=\"");
    html_attr(h, arena_sprintf(&req->a, "/volunteer-stars/%lld/decision", (long long)a->id));
    html_lit(h, "\">");
    web_csrf_field(req, h);
    html_lit(h, "<select name=\"decision\" aria-label=\"");
    html_attr(h, req_tr(req, "Decision"));
    html_lit(h, "\"><option value=\"grant\">");
    web_t(req, h, "Grant");
    html_lit(h, "</option><option value=\"refuse\">");
    web_t(req, h, "Refuse");
    html_lit(h, "</option></select>");
    if (a->objections) {
        html_lit(h, "<select name=\"objections\" aria-label=\"");
        html_attr(h, req_tr(req, "Objections"));
        html_lit(h, "\"><option value=\"dismissed\">");
        web_t(req, h, "Objections dismissed");
        html_lit(h, "</option><option value=\"upheld\">");
        web_t(req, h, "Objections upheld");
        html_lit(h, "</option></select>");
    }
    html_lit(h, "<input name=\"note\" maxlength=\"500\" aria-label=\"");
    html_attr(h, req_tr(req, "Note"));
    html_lit(h, "\"><button type=\"submit\">");
    web_t(req, h, "Decide");
    html_lit(h, "</button></form>");
}

/* The thresholds that apply in the caller's area, and the form that sets them where the area
 * is a province or a city. */
static void thresholds_section(http_req *req, html *h)
{
    const char *scope = authz_scope(&req->who, PERM_VOLUNTEERS_MANAGE);
    star_thresholds t;
    if (!scope || star_thresholds_for(req_ctx(req), scope, &t) < 0)
        return;
    html_lit(h, "</section><section class=\"card\" id=\"star-thresholds\"><h2>");
    web_t(req, h, "Thresholds (hours)");
    html_lit(h, "</h2><p>");
    for (int i = 0; i < STAR_LEVELS; i++) {
        if (i)
            html_lit(h, " / ");
        html_int(h, t.hours[i]);
    }
    html_lit(h, " ");
    if (t.from[0]) {
        html_lit(h, "(");
        html_text(h, t.from);
        html_lit(h, ")");
    } else
        web_t(req, h, "(the national default)");
    html_lit(h, "</p>");
    size_t len = strlen(scope);
    if (len != 2 && len != 4)
        return;
    html_lit(h, "<form method=\"post\" action=\"/admin/volunteer-star-thresholds\" "
                "id=\"thresholds-form\" class=\"inline\">");
    web_csrf_field(req, h);
    html_lit(h, "<input type=\"hidden\" name=\"division\" value=\"");
    html_attr(h, scope);
    html_lit(h, "\">");
    for (int i = 0; i < STAR_LEVELS; i++) {
        html_lit(h, "<input name=\"");
        html_attr(h, arena_sprintf(&req->a, "h%d", i + 1));
        html_lit(h, "\" inputmode=\"numeric\" required size=\"6\" value=\"");
        html_attr(h, arena_sprintf(&req->a, "%lld", (long long)t.hours[i]));
        html_lit(h, "\" aria-label=\"");
        html_attr(h, arena_sprintf(&req->a, req_tr(req, "%d stars"), i + 1));
        html_lit(h, "\">");
    }
    html_lit(h, "<button type=\"submit\">");
    web_t(req, h, "Save");
    html_lit(h, "</button></form>");
}

void page_volunteer_star_thresholds_post(http_req *req)
{
    int64_t hours[STAR_LEVELS];
    for (int i = 0; i < STAR_LEVELS; i++) {
        const char *v = req_form(req, arena_sprintf(&req->a, "h%d", i + 1));
        hours[i] = v ? atoll(v) : 0;
    }
    if (star_thresholds_set(req_ctx(req), req_form(req, "division"), hours) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin/volunteer-stars?msg=created");
}

void page_admin_volunteer_stars(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    star_application *open, *granted;
    size_t nopen, ngranted;
    if (star_application_list(ctx, "notice", authz_scope(&req->who, PERM_VOLUNTEERS_MANAGE), 0, 100,
                              &open, &nopen) < 0 ||
        star_application_list(ctx, "granted", NULL, 0, 100, &granted, &ngranted) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Star levels and certificates"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Star levels and certificates");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Applications on notice");
    html_lit(&h, "</h2>");
    if (!nopen)
        web_empty(req, &h, "No application is on notice now.");
    else {
        html_lit(&h, "<table id=\"star-decide\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < nopen; i++) {
            app_row(req, &h, &open[i]);
            html_lit(&h, "<td>");
            if (open[i].objections) {
                html_text(&h, arena_sprintf(&req->a, req_tr(req, "%lld objections"),
                                            (long long)open[i].objections));
                html_lit(&h, " ");
            }
            if (ctx->now >= open[i].notice_until)
                decide_form(req, &h, &open[i]);
            else
                web_t(req, &h, "Notice lasts");
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table>");
    }
    html_lit(&h, "</section><section class=\"card\"><h2>");
    web_t(req, &h, "Granted levels");
    html_lit(&h, "</h2>");
    if (!ngranted)
        web_empty(req, &h, "No level has been granted.");
    else {
        html_lit(&h, "<table id=\"star-granted\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < ngranted; i++) {
            app_row(req, &h, &granted[i]);
            html_lit(&h, "<td><form method=\"post\" class=\"inline\" action=\"");
            html_attr(&h, arena_sprintf(&req->a, "/volunteer-stars/%lld/revoke",
                                        (long long)granted[i].id));
            html_lit(&h, "\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<input name=\"reason\" required maxlength=\"500\" aria-label=\"");
            html_attr(&h, req_tr(req, "Reason"));
            html_lit(&h, "\"><button type=\"submit\">");
            web_t(req, &h, "Revoke");
            html_lit(&h, "</button></form></td></tr>");
        }
        html_lit(&h, "</tbody></table>");
    }
    thresholds_section(req, &h);
    html_lit(&h, "</section><section class=\"card\"><h2>");
    web_t(req, &h, "Issue a service certificate");
    html_lit(&h, "</h2><form method=\"post\" action=\"/admin/volunteer-certificates\" "
                 "id=\"certificate-form\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<label>");
    web_t(req, &h, "Organisation number");
    html_lit(&h, "<input name=\"org_id\" inputmode=\"numeric\" required></label><label>");
    web_t(req, &h, "Volunteer number");
    html_lit(&h, "<input name=\"volunteer_id\" inputmode=\"numeric\" required></label>"
                 "<button type=\"submit\">");
    web_t(req, &h, "Issue");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, 200);
}

void page_volunteer_star_decide_post(http_req *req)
{
    const char *o = req_form(req, "objections");
    if (star_decide(req_ctx(req), req_id(req, 0), req_form(req, "decision"), o && *o ? o : NULL,
                    req_form(req, "note"), NULL) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin/volunteer-stars?msg=decided");
}

void page_volunteer_star_revoke_post(http_req *req)
{
    if (star_revoke(req_ctx(req), req_id(req, 0), req_form(req, "reason")) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin/volunteer-stars?msg=decided");
}

void page_volunteer_certificate_post(http_req *req)
{
    const char *o = req_form(req, "org_id"), *v = req_form(req, "volunteer_id");
    certificate c;
    int existing;
    if (volunteer_certificate_issue(req_ctx(req), o ? atoll(o) : 0, v ? atoll(v) : 0, &c,
                                    &existing) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/certificates/%lld/print", (long long)c.id));
}

const char *star_note_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    int level = (int)json_integer_value(json_object_get(p, "level"));
    const char *reason = json_string_value(json_object_get(p, "reason"));
    const char *t;
    if (!strcmp(n->kind, star_kind_granted.name))
        t = arena_sprintf(&req->a, req_tr(req, "You have been granted %d stars as a volunteer."),
                          level);
    else if (!strcmp(n->kind, star_kind_refused.name))
        t = arena_sprintf(&req->a, req_tr(req, "Your application for %d stars was refused: %s"),
                          level, reason ? reason : "");
    else
        t = arena_sprintf(&req->a, req_tr(req, "Your star level (%d stars) was revoked: %s"), level,
                          reason ? reason : "");
    json_decref(p);
    return t;
}
