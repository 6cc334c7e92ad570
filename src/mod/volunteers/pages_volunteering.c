/*
 * pages_volunteering: the pages of volunteer shifts (shift.h). For everyone, the published
 * projects with their coming shifts (/volunteering) and a project's page with its shifts, where a
 * logged-in volunteer signs up (through the seat writer, as the API) or gives a place up; "my
 * volunteering" with the volunteer's shifts and invitations to accept or decline; for
 * coordinators, the projects of their subtree with a form to add a shift, and a shift's page
 * with its roster, its check code, the volunteers free at its time to invite, and cancellation.
 * The inbox's sentences of the sign-ups' notifications are here too.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/authz.h"
#include "core/certificate.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/volunteer.h"
#include "mod/volunteers/pages_kit.h"
#include "mod/volunteers/shift.h"
#include "util/timeutil.h"

#define HOUR_MS (3600 * 1000LL)
#define N_(s)   s /* a msgid translated where it is shown */

/* "YYYY-MM-DD HH:MM" in China time. */
static void when(html *h, int64_t ms)
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    char buf[32];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
    html_text(h, buf);
}

static void span(html *h, const volunteer_shift *s)
{
    when(h, s->starts_at);
    html_lit(h, "–");
    time_t t = (time_t)(s->ends_at / 1000) + 8 * 3600;
    struct tm tm;
    char buf[16];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof(buf), "%H:%M", &tm);
    html_text(h, buf);
}

/* ---- flashes ---- */

static const web_flash_msg flashes[] = {
    {"vol_signed_up", N_("You are signed up for the shift."), 0},
    {"vol_waitlisted", N_("The shift is full: you are on its waiting list."), 0},
    {"vol_cancelled", N_("Your sign-up is cancelled."), 0},
    {"vol_accepted", N_("Invitation accepted."), 0},
    {"vol_declined", N_("Invitation declined."), 0},
    {"vol_shift_created", N_("The shift is added."), 0},
    {"vol_shift_cancelled", N_("The shift is cancelled; its volunteers are told."), 0},
    {"vol_invited", N_("The volunteer is invited."), 0},
    /* the refusals a person can act on, by their codes */
    {"vol_duplicate", N_("You have signed up for this shift, or been invited to it, already."), 1},
    {"vol_overlap", N_("You have signed up for another shift at the same time."), 1},
    {"vol_started", N_("This shift has started: sign-up is closed."), 1},
    {"vol_cancelled_shift", N_("This shift has been cancelled."), 1},
    {"vol_not_registered", N_("Only registered volunteers can sign up."), 1},
    {"vol_guardian", N_("A volunteer under 18 serves only with a guardian's consent recorded."), 1},
    {"vol_busy", N_("Too many people are signing up right now; try again soon."), 1},
    {"vol_bad_input", N_("Check the shift's time, place, places and skills."), 1},
    {"vol_not_invited", N_("This is no invitation waiting for you."), 1},
};

/* Answer a refusal on a page: back with its flash when a person can act on it, else the error
 * page. */
static void refuse(http_req *req, const char *back)
{
    const wy_ctx *ctx = req_ctx(req);
    const char *code = ctx->err.code ? ctx->err.code : "";
    const char *key = NULL;
    if (!strcmp(code, "duplicate"))
        key = "vol_duplicate";
    else if (!strcmp(code, "overlap"))
        key = "vol_overlap";
    else if (!strcmp(code, "started"))
        key = "vol_started";
    else if (!strcmp(code, "cancelled"))
        key = "vol_cancelled_shift";
    else if (!strcmp(code, "not_registered"))
        key = "vol_not_registered";
    else if (!strcmp(code, "guardian_consent_required"))
        key = "vol_guardian";
    else if (!strcmp(code, "busy"))
        key = "vol_busy";
    else if (!strcmp(code, "not_invited"))
        key = "vol_not_invited";
    else if (ctx->err.cls == E_INVALID || !strcmp(code, "capacity_below_taken"))
        key = "vol_bad_input";
    if (key)
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=%s", back, key));
    else
        resp_fail(req);
}

static void post_button(http_req *req, html *h, const char *action, int64_t id, const char *verb,
                        const char *msgid, const char *cls)
{
    html_lit(h, "<form method=\"post\" class=\"inline\" action=\"");
    html_attr(h, action);
    html_int(h, id);
    html_lit(h, "/");
    html_attr(h, verb);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    html_lit(h, "<button type=\"submit\" class=\"");
    html_attr(h, cls);
    html_lit(h, "\">");
    web_t(req, h, msgid);
    html_lit(h, "</button></form>");
}

static void status_label(http_req *req, html *h, const char *status)
{
    static const struct {
        const char *s, *msgid;
    } names[] = {
        {"invited", N_("invited")},
        {"confirmed", N_("signed up")},
        {"waitlisted", N_("waiting")},
        {"checked_in", N_("checked in")},
        {"completed", N_("completed")},
        {"cancelled", N_("cancelled")},
        {"no_show", N_("did not come")},
        {"open", N_("open")},
        {"expired", N_("waiting list expired")},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(names[i].s, status)) {
            web_badge(req, h, status, names[i].msgid);
            return;
        }
    html_text(h, status);
}

/* A sign-up's status, or what the settlement after the shift made of it (hours.h), with a
 * note that it was the settlement. */
static void signup_label(http_req *req, html *h, const shift_signup *g)
{
    status_label(req, h, g->ended[0] ? g->ended : g->status);
    if (g->settled_at) {
        html_lit(h, " <span class=\"small settled\">");
        web_t(req, h, "settled after the shift");
        html_lit(h, "</span>");
    }
    if (g->excused_at) {
        html_lit(h, " <span class=\"small excused\">");
        web_t(req, h, "excused");
        html_lit(h, ": ");
        html_text(h, g->excuse);
        html_lit(h, "</span>");
    }
}

/* A shift's line: time, title, place, places, skills. */
static void shift_line(http_req *req, html *h, const volunteer_shift *s)
{
    html_lit(h, "<strong>");
    span(h, s);
    html_lit(h, "</strong> ");
    html_text(h, s->title);
    html_lit(h, "<br><span class=\"small\">");
    web_t(req, h, "Place");
    html_lit(h, ": ");
    html_text(h, s->place);
    html_lit(h, " · ");
    web_t(req, h, "Places left");
    html_lit(h, ": ");
    html_int(h, seats_left(s->capacity, s->taken));
    html_lit(h, "/");
    html_int(h, s->capacity);
    if (s->waiting) {
        html_lit(h, " · ");
        web_t(req, h, "Waiting");
        html_lit(h, ": ");
        html_int(h, s->waiting);
    }
    html_lit(h, " · ");
    web_t(req, h, "Skills wanted");
    html_lit(h, ": ");
    vol_skills_text(req, h, s->skills, "any");
    html_lit(h, "</span>");
}

/* ---- for everyone ---- */

void page_volunteering(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_project *ps;
    size_t n;
    if (volunteer_project_list(ctx, req_query(req, "division"), 0, 50, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteering"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Volunteering");
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    vol_posts_link(req, &h);
    if (!n)
        web_empty_card(req, &h, "No volunteer projects are open yet.", NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        volunteer_shift *ss;
        size_t ns = 0;
        if (shift_list(ctx, ps[i].id, ctx->now, &ss, &ns) < 0)
            ctx->err = (wy_error){0};
        html_lit(&h, "<section class=\"card volunteer-project\"><h2><a href=\"/volunteering/"
                     "projects/");
        html_int(&h, ps[i].id);
        html_lit(&h, "\">");
        html_text(&h, ps[i].title);
        html_lit(&h, "</a></h2><p>");
        html_text(&h, ps[i].description);
        html_lit(&h, "</p>");
        size_t shown = 0;
        html_lit(&h, "<ul class=\"list\">");
        for (size_t k = 0; k < ns && shown < 5; k++) {
            if (strcmp(ss[k].status, "open") || ss[k].starts_at <= ctx->now)
                continue;
            html_lit(&h, "<li>");
            shift_line(req, &h, &ss[k]);
            html_lit(&h, "</li>");
            shown++;
        }
        html_lit(&h, "</ul>");
        if (!shown)
            web_empty(req, &h, "No coming shifts.");
        html_lit(&h, "</section>");
    }
    web_end(req, &h, 200);
}

void page_volunteering_project(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_project p;
    volunteer_shift *ss;
    size_t ns;
    int64_t id = req_id(req, 0);
    if (volunteer_project_get(ctx, id, &p) < 0 || shift_list(ctx, id, 0, &ss, &ns) < 0) {
        resp_fail(req);
        return;
    }
    int logged = ctx->who && ctx->who->user_id;
    volunteer me;
    int registered = logged && volunteer_me(ctx, &me) == 0;
    ctx->err = (wy_error){0};
    html h;
    web_begin(req, &h, p.title);
    html_lit(&h, "<p class=\"small\"><a href=\"/volunteering\">");
    web_t(req, &h, "Volunteering");
    html_lit(&h, "</a></p><h1>");
    html_text(&h, p.title);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<p>");
    html_text(&h, p.description);
    html_lit(&h, "</p>");
    vol_insurance_line(req, &h, p.id);
    html_lit(&h, "<h2>");
    web_t(req, &h, "Shifts");
    html_lit(&h, "</h2>");
    if (!logged) {
        html_lit(&h, "<p class=\"small\"><a href=\"/login\">");
        web_t(req, &h, "Log in to sign up for a shift.");
        html_lit(&h, "</a></p>");
    } else if (!registered) {
        html_lit(&h, "<p class=\"small\">");
        web_t(req, &h, "Only registered volunteers can sign up.");
        html_lit(&h, " <a href=\"/me/volunteering/profile\">");
        web_t(req, &h, "Register as a volunteer");
        html_lit(&h, "</a></p>");
    }
    size_t shown = 0;
    html_lit(&h, "<ul class=\"list\" id=\"shifts\">");
    for (size_t i = 0; i < ns; i++) {
        const volunteer_shift *s = &ss[i];
        if (s->ends_at <= ctx->now)
            continue; /* past shifts are the volunteers' record, not this page's */
        shown++;
        html_lit(&h, "<li class=\"shift\" id=\"shift-");
        html_int(&h, s->id);
        html_lit(&h, "\">");
        shift_line(req, &h, s);
        html_lit(&h, " ");
        if (strcmp(s->status, "open")) {
            status_label(req, &h, s->status);
        } else if (registered) {
            shift_signup g;
            int mine = shift_mine_in(ctx, s->id, &g);
            ctx->err = (wy_error){0};
            if (mine == 1) {
                status_label(req, &h, g.status);
                if (!strcmp(g.status, "waitlisted")) {
                    html_lit(&h, " ");
                    html_text(&h,
                              arena_sprintf(&req->a, req_tr(req, "no. %d in line"), g.ahead + 1));
                }
                if (s->starts_at > ctx->now && !strcmp(g.status, "invited")) {
                    post_button(req, &h, "/volunteering/signups/", g.id, "accept", "Accept",
                                "button");
                    post_button(req, &h, "/volunteering/signups/", g.id, "decline", "Decline",
                                "button secondary");
                } else if (s->starts_at > ctx->now &&
                           (!strcmp(g.status, "confirmed") || !strcmp(g.status, "waitlisted"))) {
                    post_button(req, &h, "/volunteering/signups/", g.id, "cancel",
                                "Cancel my sign-up", "button secondary");
                }
            } else if (s->starts_at > ctx->now) {
                post_button(req, &h, "/volunteering/shifts/", s->id, "signup",
                            seats_left(s->capacity, s->taken) ? "Sign up" : "Join the waiting list",
                            "button");
            }
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (!shown)
        web_empty(req, &h, "No coming shifts.");
    web_end(req, &h, 200);
}

typedef struct page_signup_job {
    signup_job job;
    http_req *req;
    const char *back;
} page_signup_job;

static void page_signed_up(signup_job *j)
{
    page_signup_job *pj = (page_signup_job *)j;
    http_req *req = pj->req;
    req->ctx.err = (wy_error){0};
    if (j->store_rc != WY_OK || j->res.rc != WY_OK) {
        wy_fail_store(&req->ctx, j->store_rc != WY_OK ? j->store_rc : j->res.rc, "sign-up");
        resp_fail(req);
    } else if (shift_signup_refuse(&req->ctx, j->res.outcome) < 0) {
        refuse(req, pj->back);
    } else {
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=%s", pj->back,
                                         j->res.outcome == SHIFT_WAITLISTED ? "vol_waitlisted"
                                                                            : "vol_signed_up"));
    }
    req_resume(req);
}

void page_shift_signup_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_shift s;
    if (shift_get(ctx, req_id(req, 0), &s, NULL) < 0) {
        resp_fail(req);
        return;
    }
    page_signup_job *pj = arena_alloc(&req->a, sizeof(*pj));
    if (!pj) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    memset(pj, 0, sizeof(*pj));
    pj->back = arena_sprintf(&req->a, "/volunteering/projects/%lld", (long long)s.project_id);
    if (shift_signup_prepare(ctx, s.id, NULL, &pj->job.req) < 0) {
        refuse(req, pj->back);
        return;
    }
    pj->req = req;
    pj->job.done = page_signed_up;
    req_suspend(req);
    if (shift_signup_submit(&pj->job) < 0) {
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=vol_busy", pj->back));
        req_resume(req);
    }
}

void page_signup_cancel_post(http_req *req)
{
    if (shift_signup_cancel(req_ctx(req), req_id(req, 0)) < 0)
        refuse(req, "/me/volunteering");
    else
        resp_redirect(req, "/me/volunteering?msg=vol_cancelled");
}

void page_signup_accept_post(http_req *req)
{
    shift_signup g;
    if (shift_invitation_answer(req_ctx(req), req_id(req, 0), 1, &g) < 0)
        refuse(req, "/me/volunteering");
    else
        resp_redirect(req, "/me/volunteering?msg=vol_accepted");
}

void page_signup_decline_post(http_req *req)
{
    shift_signup g;
    if (shift_invitation_answer(req_ctx(req), req_id(req, 0), 0, &g) < 0)
        refuse(req, "/me/volunteering");
    else
        resp_redirect(req, "/me/volunteering?msg=vol_declined");
}

void page_my_volunteering(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    shift_signup *gs;
    size_t n;
    if (shift_mine(ctx, 0, 100, &gs, &n) < 0) {
        resp_fail(req);
        return;
    }
    volunteer me;
    int registered = volunteer_me(ctx, &me) == 0;
    ctx->err = (wy_error){0};
    html h;
    web_begin(req, &h, req_tr(req, "My volunteering"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My volunteering");
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<p class=\"small\"><a href=\"/me/volunteering/profile\" id=\"profile-link\">");
    if (!registered) {
        web_t(req, &h, "Only registered volunteers can sign up.");
        html_lit(&h, " ");
        web_t(req, &h, "Register as a volunteer");
    } else {
        web_t(req, &h, "My volunteer profile");
    }
    html_lit(&h, "</a></p>");
    /* invitations first: they wait for an answer */
    int invitations = 0;
    html_lit(&h, "<section class=\"card\" id=\"my-invitations\"><h2>");
    web_t(req, &h, "Invitations");
    html_lit(&h, "</h2><ul class=\"list\">");
    for (size_t i = 0; i < n; i++) {
        const shift_signup *g = &gs[i];
        if (strcmp(g->status, "invited"))
            continue;
        invitations++;
        html_lit(&h, "<li><a href=\"/volunteering/projects/");
        html_int(&h, g->project_id);
        html_lit(&h, "\">");
        html_text(&h, g->project_title);
        html_lit(&h, "</a> · ");
        when(&h, g->starts_at);
        html_lit(&h, " ");
        html_text(&h, g->shift_title);
        html_lit(&h, "<br><span class=\"small\">");
        html_text(&h, g->place);
        html_lit(&h, "</span> ");
        if (g->starts_at > ctx->now && !strcmp(g->shift_status, "open")) {
            post_button(req, &h, "/volunteering/signups/", g->id, "accept", "Accept", "button");
            post_button(req, &h, "/volunteering/signups/", g->id, "decline", "Decline",
                        "button secondary");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (!invitations)
        web_empty(req, &h, "No invitations.");
    html_lit(&h, "</section><section class=\"card\" id=\"my-shifts\"><h2>");
    web_t(req, &h, "My shifts");
    html_lit(&h, "</h2><ul class=\"list\">");
    int shifts = 0;
    for (size_t i = 0; i < n; i++) {
        const shift_signup *g = &gs[i];
        if (!strcmp(g->status, "invited"))
            continue;
        shifts++;
        html_lit(&h, "<li data-shift=\"");
        html_int(&h, g->shift_id);
        html_lit(&h, "\" data-status=\"");
        html_attr(&h, g->ended[0] ? g->ended : g->status);
        html_lit(&h, "\"><a href=\"/volunteering/projects/");
        html_int(&h, g->project_id);
        html_lit(&h, "\">");
        html_text(&h, g->project_title);
        html_lit(&h, "</a> · ");
        when(&h, g->starts_at);
        html_lit(&h, " ");
        html_text(&h, g->shift_title);
        html_lit(&h, "<br><span class=\"small\">");
        html_text(&h, g->place);
        html_lit(&h, "</span> ");
        if (!strcmp(g->shift_status, "cancelled"))
            status_label(req, &h, "cancelled");
        else
            signup_label(req, &h, g);
        if (!strcmp(g->status, "waitlisted")) {
            html_lit(&h, " ");
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "no. %d in line"), g->ahead + 1));
        }
        if (g->starts_at > ctx->now &&
            (!strcmp(g->status, "confirmed") || !strcmp(g->status, "waitlisted")))
            post_button(req, &h, "/volunteering/signups/", g->id, "cancel", "Cancel my sign-up",
                        "button secondary");
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (!shifts)
        web_empty_card(req, &h, "You have not signed up for a shift yet.", "/volunteering",
                       "Find a shift");
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

/* ---- coordinators ---- */

void page_admin_volunteering(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_project *ps = NULL;
    size_t n = 0;
    if (shift_managed_projects(ctx, 50, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer shifts"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Volunteer shifts");
    html_lit(&h, "</h1><p class=\"small\" id=\"coordinator-links\">"
                 "<a href=\"/admin/volunteering/organisations\">");
    web_t(req, &h, "Volunteer organisations");
    html_lit(&h, "</a> · <a href=\"/admin/volunteering/projects\">");
    web_t(req, &h, "Volunteer projects");
    html_lit(&h, "</a> · <a href=\"/admin/volunteering/posts\">");
    web_t(req, &h, "Volunteer posts at venues");
    html_lit(&h, "</a> · <a href=\"/admin/volunteering/volunteers\">");
    web_t(req, &h, "Volunteers");
    html_lit(&h, "</a></p>");
    WEB_FLASH(req, &h, flashes);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const volunteer_project *p = &ps[i];
        shown++;
        volunteer_shift *ss;
        size_t ns = 0;
        if (shift_list(ctx, p->id, ctx->now - 7 * 24 * HOUR_MS, &ss, &ns) < 0) {
            ctx->err = (wy_error){0};
            ns = 0;
        }
        html_lit(&h, "<section class=\"card\"><h2>");
        html_text(&h, p->title);
        html_lit(&h, "</h2>");
        if (strcmp(p->status, "published")) {
            html_lit(&h, "<p class=\"small\">");
            web_t(req, &h, "Not published yet: volunteers see its shifts once it is.");
            html_lit(&h, "</p>");
        }
        html_lit(&h, "<ul class=\"list\">");
        for (size_t k = 0; k < ns; k++) {
            html_lit(&h, "<li><a href=\"/admin/volunteering/shifts/");
            html_int(&h, ss[k].id);
            html_lit(&h, "\">");
            shift_line(req, &h, &ss[k]);
            html_lit(&h, "</a> ");
            status_label(req, &h, ss[k].status);
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ul>");
        if (!ns)
            web_empty(req, &h, "No shifts yet.");
        html_lit(&h, "<details><summary>");
        web_t(req, &h, "Add a shift");
        html_lit(&h, "</summary><form method=\"post\" class=\"stack\" action=\"/admin/volunteering/"
                     "projects/");
        html_int(&h, p->id);
        html_lit(&h, "/shifts\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Title");
        html_lit(&h, " <input name=\"title\" maxlength=\"100\"></label><label>");
        web_t(req, &h, "Starts");
        html_lit(&h, " <input type=\"datetime-local\" name=\"starts_at\" required></label><label>");
        web_t(req, &h, "Ends");
        html_lit(&h, " <input type=\"datetime-local\" name=\"ends_at\" required></label><label>");
        web_t(req, &h, "Place");
        html_lit(&h, " <input name=\"place\" maxlength=\"200\" required></label><label>");
        web_t(req, &h, "Places");
        html_lit(&h, " <input type=\"number\" name=\"capacity\" min=\"1\" max=\"1000\" value=\"5\""
                     " required></label>");
        vol_skill_boxes(req, &h, N_("Skills wanted"), NULL);
        html_lit(&h, "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Add the shift");
        html_lit(&h, "</button></form></details></section>");
    }
    if (!shown)
        web_empty_card(req, &h, "No volunteer projects in your area yet.", NULL, NULL);
    web_end(req, &h, 200);
}

/* A datetime-local value ("YYYY-MM-DDTHH:MM") in China time, in ms; -1 when it is none. */
static int64_t form_time(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    int64_t ms;
    if (!v || strlen(v) != 16 || v[10] != 'T')
        return -1;
    if (time_parse_rfc3339(arena_sprintf(&req->a, "%s:00+08:00", v), &ms) != 0)
        return -1;
    return ms;
}

void page_admin_shift_create_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *skills[SHIFT_SKILLS_MAX + 8];
    shift_input in = {.title = req_form(req, "title"),
                      .place = req_form(req, "place"),
                      .starts_at = form_time(req, "starts_at"),
                      .ends_at = form_time(req, "ends_at"),
                      .skills = skills};
    const char *cap = req_form(req, "capacity");
    in.capacity = cap ? atoi(cap) : 0;
    in.nskills = vol_skills_of_form(req, skills, SHIFT_SKILLS_MAX + 8);
    int64_t id;
    if (shift_create(ctx, req_id(req, 0), &in, &id) < 0)
        refuse(req, "/admin/volunteering");
    else
        resp_redirect(req, arena_sprintf(&req->a, "/admin/volunteering/shifts/%lld?msg=%s",
                                         (long long)id, "vol_shift_created"));
}

void page_admin_shift(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_shift s;
    shift_signup *gs;
    size_t n;
    if (shift_roster(ctx, req_id(req, 0), &s, &gs, &n) < 0) {
        resp_fail(req);
        return;
    }
    const char *skill = req_query(req, "skill");
    volunteer *vs = NULL;
    size_t nv = 0;
    int open = !strcmp(s.status, "open") && s.starts_at > ctx->now;
    if (open && shift_available(ctx, s.id, NULL, skill, 0, 50, &vs, &nv) < 0) {
        ctx->err = (wy_error){0};
        nv = 0;
    }
    html h;
    web_begin(req, &h, s.title[0] ? s.title : req_tr(req, "Shift"));
    html_lit(&h, "<p class=\"small\"><a href=\"/admin/volunteering\">");
    web_t(req, &h, "Volunteer shifts");
    html_lit(&h, "</a></p><h1>");
    span(&h, &s);
    html_lit(&h, " ");
    html_text(&h, s.title);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<p>");
    shift_line(req, &h, &s);
    html_lit(&h, " ");
    status_label(req, &h, s.status);
    html_lit(&h, "</p><p class=\"small\">");
    web_t(req, &h, "Check-in code");
    html_lit(&h, ": <code id=\"check-code\">");
    html_text(&h, s.check_code);
    /* the code as a QR to show at the place, and its roster's check-in (pages_hours.c) */
    html_lit(&h, "</code> <a id=\"shift-qr-link\" href=\"/volunteer-shifts/");
    html_int(&h, s.id);
    html_lit(&h, "/qr\">");
    web_t(req, &h, "Show the check-in QR code");
    html_lit(&h, "</a></p><h2>");
    web_t(req, &h, "Roster");
    html_lit(&h, "</h2>");
    if (!n) {
        web_empty(req, &h, "Nobody has signed up yet.");
    } else {
        html_lit(&h, "<table class=\"data\" id=\"roster\"><thead><tr><th>");
        web_t(req, &h, "Photo");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Name");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Phone");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Status");
        html_lit(&h, "</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            char phone[PHONE_MASKED_MAX];
            account_mask_phone(gs[i].phone, phone);
            int has = 0;
            if (volunteer_photo_of(ctx, gs[i].volunteer_id, &has) < 0) {
                ctx->err = (wy_error){0};
                has = 0;
            }
            html_lit(&h, "<tr><td>");
            if (has) {
                /* the photo's own route checks again and records the read */
                html_lit(&h, "<img class=\"volunteer-photo\" width=\"48\" loading=\"lazy\" "
                             "src=\"/api/v1/volunteers/");
                html_int(&h, gs[i].volunteer_id);
                html_lit(&h, "/photo\" alt=\"");
                html_attr(&h, req_tr(req, "Photo"));
                html_lit(&h, "\">");
            }
            html_lit(&h, "</td><td>");
            html_text(&h, gs[i].real_name);
            html_lit(&h, "</td><td>");
            html_text(&h, phone);
            html_lit(&h, "</td><td>");
            signup_label(req, &h, &gs[i]);
            if (!strcmp(gs[i].status, "no_show") && !gs[i].excused_at)
                vol_excuse_form(req, &h, gs[i].id);
            if (!strcmp(gs[i].status, "waitlisted")) {
                html_lit(&h, " ");
                html_text(&h,
                          arena_sprintf(&req->a, req_tr(req, "no. %d in line"), gs[i].ahead + 1));
            }
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table>");
    }
    if (open) {
        html_lit(&h, "<h2>");
        web_t(req, &h, "Free volunteers to invite");
        html_lit(&h, "</h2><form method=\"get\" class=\"filters\"><label>");
        web_t(req, &h, "Skill");
        html_lit(&h, " <select name=\"skill\"><option value=\"\">");
        web_t(req, &h, "any");
        html_lit(&h, "</option>");
        for (size_t i = 0; i < vol_nskill_names; i++) {
            html_lit(&h, "<option value=\"");
            html_attr(&h, vol_skill_names[i].key);
            html_lit(&h, "\"");
            if (skill && !strcmp(skill, vol_skill_names[i].key))
                html_lit(&h, " selected");
            html_lit(&h, ">");
            web_t(req, &h, vol_skill_names[i].msgid);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label> <button type=\"submit\" class=\"button secondary\">");
        web_t(req, &h, "Find");
        html_lit(&h, "</button></form><ul class=\"list\" id=\"available\">");
        for (size_t i = 0; i < nv; i++) {
            char name[CERTIFICATE_NAME_MASKED];
            certificate_mask_name(vs[i].real_name, name);
            html_lit(&h, "<li>");
            html_text(&h, name);
            html_lit(&h, " <span class=\"small\">");
            vol_skills_text(req, &h, vs[i].skills, "any");
            html_lit(&h, " · ");
            html_text(&h, vs[i].availability);
            html_lit(&h, "</span><form method=\"post\" class=\"inline\" action=\"/admin/"
                         "volunteering/shifts/");
            html_int(&h, s.id);
            html_lit(&h, "/invite\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<input type=\"hidden\" name=\"volunteer_id\" value=\"");
            html_int(&h, vs[i].id);
            html_lit(&h, "\"><button type=\"submit\" class=\"button\">");
            web_t(req, &h, "Invite");
            html_lit(&h, "</button></form></li>");
        }
        html_lit(&h, "</ul>");
        if (!nv)
            web_empty(req, &h, "No free volunteer matches.");
    }
    if (!strcmp(s.status, "open") && s.ends_at > ctx->now)
        post_button(req, &h, "/admin/volunteering/shifts/", s.id, "cancel", "Cancel the shift",
                    "button danger");
    web_end(req, &h, 200);
}

void page_admin_shift_cancel_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *back = arena_sprintf(&req->a, "/admin/volunteering/shifts/%lld", (long long)id);
    if (shift_cancel(req_ctx(req), id) < 0)
        refuse(req, back);
    else
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=vol_shift_cancelled", back));
}

void page_admin_shift_invite_post(http_req *req)
{
    int64_t id = req_id(req, 0), sid;
    const char *back = arena_sprintf(&req->a, "/admin/volunteering/shifts/%lld", (long long)id);
    const char *v = req_form(req, "volunteer_id");
    int64_t vid = v ? atoll(v) : 0;
    if (shift_invite(req_ctx(req), id, vid, &sid) < 0)
        refuse(req, back);
    else
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=vol_invited", back));
}

/* ---- the inbox's sentences ---- */

const char *web_shift_note_text(http_req *req, const notification *n)
{
    const char *title = n->title ? n->title : "?";
    const char *fmt;
    if (!strcmp(n->kind, shift_kind_waitlisted.name))
        fmt = req_tr(req, "The shift of “%s” is full: you are on its waiting list.");
    else if (!strcmp(n->kind, shift_kind_promoted.name))
        fmt = req_tr(req, "A place has freed in a shift of “%s”: it is yours now.");
    else if (!strcmp(n->kind, shift_kind_cancelled.name))
        fmt = req_tr(req, "A shift of “%s” you signed up for has been cancelled.");
    else if (!strcmp(n->kind, shift_kind_completed.name)) {
        /* the minutes recorded, from the notice's params */
        const char *m = n->params ? strstr(n->params, "\"minutes\":") : NULL;
        long long minutes = m ? atoll(m + 10) : 0;
        return arena_sprintf(&req->a,
                             req_tr(req, "Your shift of “%s” is settled: completed, %lld minutes "
                                         "of service recorded."),
                             title, minutes);
    } else if (!strcmp(n->kind, shift_kind_no_show.name))
        fmt = req_tr(req, "Your shift of “%s” is settled: you did not check in, so it counts as "
                          "a no-show.");
    else if (!strcmp(n->kind, shift_kind_expired.name))
        fmt = req_tr(req, "A shift of “%s” has ended: your place on its waiting list or your "
                          "invitation has expired.");
    else if (!strcmp(n->kind, shift_kind_invited.name))
        fmt = req_tr(req, "You are invited to a shift of “%s”: accept or decline it on My "
                          "volunteering.");
    else
        fmt = req_tr(req, "You are signed up for a shift of “%s”.");
    return arena_sprintf(&req->a, fmt, title);
}

void api_shift_note_json(const notification *n, json_t *item)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    static const char *const keys[] = {"shift_id", "signup_id"};
    for (size_t i = 0; p && i < sizeof(keys) / sizeof(keys[0]); i++) {
        json_t *v = json_object_get(p, keys[i]);
        if (v)
            json_object_set(item, keys[i], v);
    }
    json_decref(p);
}
