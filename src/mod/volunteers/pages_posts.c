/*
 * pages_posts: the pages of posts at venues (posts.h). For everyone, the open posts
 * (/volunteering/posts) and a post's page, where a registered volunteer offers to take it or
 * withdraws a pending offer; for coordinators, a page to add and close posts, decide offers,
 * pair teams with venues and end pairings, and record a project's accident insurance. A refused
 * form comes back with the refusal beside its field. The inbox's sentences of decisions are here.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/certificate.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/pages_kit.h"
#include "mod/volunteers/posts.h"
#include "mod/volunteers/shift.h"

#define N_(s) s /* a msgid translated where it is shown */

/* A non-empty form field, or NULL. */
static const char *form_value(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    return v && *v ? v : NULL;
}

static const web_flash_msg flashes[] = {
    {"post_offered", N_("Your offer is sent; a coordinator will answer it."), 0},
    {"post_withdrawn", N_("Your offer is withdrawn."), 0},
    {"post_created", N_("The post is added."), 0},
    {"post_closed", N_("The post is closed."), 0},
    {"post_changed", N_("The post is changed."), 0},
    {"post_reopened", N_("The post is open again."), 0},
    {"post_accepted", N_("The offer is accepted; the volunteer is told."), 0},
    {"post_declined", N_("The offer is declined; the volunteer is told."), 0},
    {"pairing_created", N_("The pairing is recorded."), 0},
    {"pairing_ended", N_("The pairing is ended."), 0},
    {"insurance_saved", N_("The insurance is recorded."), 0},
};

static void status_label(http_req *req, html *h, const char *status)
{
    static const struct {
        const char *s, *msgid;
    } labels[] = {
        {"open", N_("open")},
        {"closed", N_("closed")},
        {"pending", N_("pending")},
        {"accepted", N_("accepted")},
        {"declined", N_("offer declined")},
        {"withdrawn", N_("offer withdrawn")},
    };
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (!strcmp(labels[i].s, status)) {
            web_badge(req, h, status, labels[i].msgid);
            return;
        }
    html_text(h, status);
}

static void button(http_req *req, html *h, const char *action, const char *msgid, const char *cls,
                   const char *hidden_name, const char *hidden_value)
{
    html_lit(h, "<form method=\"post\" class=\"inline\" action=\"");
    html_attr(h, action);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    if (hidden_name) {
        html_lit(h, "<input type=\"hidden\" name=\"");
        html_attr(h, hidden_name);
        html_lit(h, "\" value=\"");
        html_attr(h, hidden_value);
        html_lit(h, "\">");
    }
    html_lit(h, "<button type=\"submit\" class=\"");
    html_attr(h, cls);
    html_lit(h, "\">");
    web_t(req, h, msgid);
    html_lit(h, "</button></form>");
}

/* A post's line: title, venue, when, skills, volunteers wanted. */
static void post_line(http_req *req, html *h, const volunteer_post *p, const char *href)
{
    html_lit(h, "<strong><a href=\"");
    html_attr(h, href);
    html_int(h, p->id);
    html_lit(h, "\">");
    html_text(h, p->title);
    html_lit(h, "</a></strong> · ");
    html_text(h, p->venue_name);
    html_lit(h, "<br><span class=\"small\">");
    if (*p->schedule) {
        web_t(req, h, "When");
        html_lit(h, ": ");
        html_text(h, p->schedule);
        html_lit(h, " · ");
    }
    web_t(req, h, "Volunteers wanted");
    html_lit(h, ": ");
    html_int(h, p->accepted);
    html_lit(h, "/");
    html_int(h, p->wanted);
    html_lit(h, " · ");
    web_t(req, h, "Skills wanted");
    html_lit(h, ": ");
    vol_skills_text(req, h, p->skills, "any");
    html_lit(h, "</span>");
}

/* ---- for everyone ---- */

void page_volunteer_posts(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_post *ps;
    size_t n;
    int limit;
    int64_t cursor;
    if (req_page(req, 30, 100, &limit, &cursor) < 0)
        return;
    const char *division = req_query(req, "division");
    if (post_list(ctx, division, 0, 0, cursor, limit, &ps, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer posts at venues"));
    html_lit(&h, "<p class=\"small\"><a href=\"/volunteering\">");
    web_t(req, &h, "Volunteering");
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Volunteer posts at venues");
    html_lit(&h, "</h1><p>");
    web_t(req, &h,
          "Standing needs of venues — guides, library helpers, ushers. Offer to take one and a "
          "coordinator will answer.");
    html_lit(&h, "</p>");
    WEB_FLASH(req, &h, flashes);
    if (!n)
        web_empty_card(req, &h, "No posts are open yet.", NULL, NULL);
    html_lit(&h, "<ul class=\"list\" id=\"posts\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li>");
        post_line(req, &h, &ps[i], "/volunteering/posts/");
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/volunteering/posts", ps[n - 1].id,
                     (const char *[]){"division", division, NULL});
    web_end(req, &h, 200);
}

/* A post's page; e: a refused offer (its note kept in note_value). */
static void post_page(http_req *req, int64_t id, const wy_error *e, const char *note_value,
                      int status)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_post p;
    post_application *acc;
    size_t nacc;
    if (post_get(ctx, id, &p) < 0 || post_accepted(ctx, id, &acc, &nacc) < 0) {
        resp_fail(req);
        return;
    }
    int manage = post_may_manage(ctx, &p);
    int logged = ctx->who && ctx->who->user_id;
    volunteer me;
    int registered = logged && volunteer_me(ctx, &me) == 0;
    ctx->err = (wy_error){0};
    post_application mine;
    int has = logged ? post_mine_in(ctx, id, &mine) : 0;
    if (has < 0) {
        ctx->err = (wy_error){0};
        has = 0;
    }
    volunteer_pairing *prs;
    size_t npr = 0;
    if (pairing_list(ctx, p.venue_id, 0, &prs, &npr) < 0) {
        ctx->err = (wy_error){0};
        npr = 0;
    }
    html h;
    web_begin(req, &h, p.title);
    html_lit(&h, "<p class=\"small\"><a href=\"/volunteering/posts\">");
    web_t(req, &h, "Volunteer posts at venues");
    html_lit(&h, "</a></p><h1>");
    html_text(&h, p.title);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<dl class=\"facts\"><dt>");
    web_t(req, &h, "Venue");
    html_lit(&h, "</dt><dd>");
    html_text(&h, p.venue_name);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "When");
    html_lit(&h, "</dt><dd>");
    html_text(&h, *p.schedule ? p.schedule : "—");
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Skills wanted");
    html_lit(&h, "</dt><dd>");
    vol_skills_text(req, &h, p.skills, "any");
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Volunteers wanted");
    html_lit(&h, "</dt><dd>");
    html_int(&h, p.accepted);
    html_lit(&h, "/");
    html_int(&h, p.wanted);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Status");
    html_lit(&h, "</dt><dd>");
    status_label(req, &h, p.status);
    html_lit(&h, "</dd></dl>");
    if (*p.description) {
        html_lit(&h, "<p>");
        html_text(&h, p.description);
        html_lit(&h, "</p>");
    }
    /* the offer */
    html_lit(&h, "<section class=\"card\" id=\"offer\"><h2>");
    web_t(req, &h, "Take this post");
    html_lit(&h, "</h2>");
    web_form_error(req, &h, e);
    if (has) {
        html_lit(&h, "<p>");
        web_t(req, &h, "Your offer");
        html_lit(&h, ": ");
        status_label(req, &h, mine.status);
        html_lit(&h, "</p>");
        if (!strcmp(mine.status, "pending"))
            button(req, &h,
                   arena_sprintf(&req->a, "/volunteering/post-applications/%lld/withdraw",
                                 (long long)mine.id),
                   N_("Withdraw my offer"), "button secondary", NULL, NULL);
    } else if (strcmp(p.status, "open")) {
        web_empty(req, &h, "This post is closed.");
    } else if (!logged) {
        html_lit(&h, "<p class=\"small\"><a href=\"/login\">");
        web_t(req, &h, "Log in to offer to take this post.");
        html_lit(&h, "</a></p>");
    } else if (!registered) {
        html_lit(&h, "<p class=\"small\">");
        web_t(req, &h, "Only registered volunteers can offer to take a post.");
        html_lit(&h, " <a href=\"/me/volunteering/profile\">");
        web_t(req, &h, "Register as a volunteer");
        html_lit(&h, "</a></p>");
    } else {
        html_lit(&h, "<form method=\"post\" class=\"stack\" action=\"/volunteering/posts/");
        html_int(&h, p.id);
        html_lit(&h, "/offer\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "A note to the coordinator (optional)");
        html_lit(&h, " <textarea name=\"note\" maxlength=\"200\" rows=\"2\">");
        html_text(&h, note_value ? note_value : "");
        html_lit(&h, "</textarea></label>");
        web_field_error(req, &h, e, "note");
        html_lit(&h, "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Offer to take this post");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section>");
    /* who serves it */
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Volunteers serving this post");
    html_lit(&h, "</h2>");
    if (!nacc)
        web_empty(req, &h, "Nobody yet.");
    html_lit(&h, "<ul class=\"list\" id=\"accepted\">");
    for (size_t i = 0; i < nacc; i++) {
        char masked[CERTIFICATE_NAME_MASKED];
        certificate_mask_name(acc[i].real_name, masked);
        html_lit(&h, "<li>");
        html_text(&h, manage ? acc[i].real_name : masked);
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul></section>");
    /* teams paired with the venue */
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Teams paired with this venue");
    html_lit(&h, "</h2>");
    size_t live = 0;
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < npr; i++) {
        if (prs[i].ends_on)
            continue;
        live++;
        html_lit(&h, "<li>");
        html_text(&h, prs[i].org_name);
        html_lit(&h, " <span class=\"small\">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "since %s"), prs[i].starts_on));
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (!live)
        web_empty(req, &h, "No team is paired with this venue.");
    html_lit(&h, "</section>");
    if (manage) {
        html_lit(&h, "<p><a class=\"button secondary\" href=\"/admin/volunteering/posts#post-");
        html_int(&h, p.id);
        html_lit(&h, "\">");
        web_t(req, &h, "Manage this post");
        html_lit(&h, "</a></p>");
    }
    web_end(req, &h, status);
}

void page_volunteer_post(http_req *req)
{
    post_page(req, req_id(req, 0), NULL, NULL, 200);
}

void page_volunteer_post_offer(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), aid;
    const char *text = form_value(req, "note");
    if (post_apply(ctx, id, text, &aid) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/volunteering/posts/%lld?msg=post_offered",
                                         (long long)id));
        return;
    }
    wy_error e = ctx->err;
    if (e.cls != E_INVALID && e.cls != E_RULE && e.cls != E_CONFLICT &&
        !(e.cls == E_NOTFOUND && e.code && !strcmp(e.code, "not_registered"))) {
        resp_fail(req);
        return;
    }
    ctx->err = (wy_error){0};
    post_page(req, id, &e, text, errclass_status(e.cls));
}

void page_volunteer_post_withdraw(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    post_application g;
    int64_t id = req_id(req, 0);
    if (post_application_get(ctx, id, &g) < 0 || post_withdraw(ctx, id) < 0)
        resp_fail(req);
    else
        resp_redirect(req, arena_sprintf(&req->a, "/volunteering/posts/%lld?msg=post_withdrawn",
                                         (long long)g.post_id));
}

/* ---- for coordinators ---- */

typedef struct admin_form {
    const char *form;   /* which form was refused: post, change, pairing, insurance */
    int64_t project_id; /* of insurance; the post's id of change */
    wy_error e;
} admin_form;

static void venue_select(http_req *req, html *h, const char *name, const post_venue *vs, size_t nv,
                         const char *chosen)
{
    html_lit(h, "<label>");
    web_t(req, h, "Venue");
    html_lit(h, " <select name=\"");
    html_attr(h, name);
    html_lit(h, "\" required>");
    for (size_t i = 0; i < nv; i++) {
        char id[24];
        snprintf(id, sizeof(id), "%lld", (long long)vs[i].id);
        html_lit(h, "<option value=\"");
        html_int(h, vs[i].id);
        if (chosen && !strcmp(chosen, id))
            html_lit(h, "\" selected>");
        else
            html_lit(h, "\">");
        html_text(h, vs[i].name);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label>");
}

/* The attributes an input may carry (markup is written from literals only). */
enum field_attrs { A_NONE, A_REQUIRED, A_TITLE, A_SCHEDULE, A_WANTED, A_NOTE, A_INSURER, A_POLICY };

static void attrs(html *h, enum field_attrs a)
{
    switch (a) {
    case A_NONE:
        break;
    case A_REQUIRED:
        html_lit(h, " required");
        break;
    case A_TITLE:
    case A_INSURER:
        html_lit(h, " maxlength=\"100\" required");
        break;
    case A_SCHEDULE:
    case A_NOTE:
        html_lit(h, " maxlength=\"200\"");
        break;
    case A_WANTED:
        html_lit(h, " min=\"1\" max=\"100\" required");
        break;
    case A_POLICY:
        html_lit(h, " maxlength=\"64\" required");
        break;
    }
}

static void field(http_req *req, html *h, const char *name, const char *label, const char *type,
                  enum field_attrs extra, const admin_form *f, const char *form)
{
    const wy_error *e = f && !strcmp(f->form, form) ? &f->e : NULL;
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\"");
    attrs(h, extra);
    const char *v = e ? req_form(req, name) : NULL;
    if (v) {
        html_lit(h, " value=\"");
        html_attr(h, v);
        html_lit(h, "\"");
    }
    html_lit(h, "></label>");
    web_field_error(req, h, e, name);
}

/* An input of the form that changes post p: what was entered when it was refused (f). */
static void change_input(http_req *req, html *h, const char *name, const char *label,
                         const char *type, enum field_attrs extra, const admin_form *f,
                         const char *value)
{
    const char *v = f ? req_form(req, name) : value;
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\"");
    attrs(h, extra);
    html_lit(h, " value=\"");
    html_attr(h, v ? v : "");
    html_lit(h, "\"></label>");
    web_field_error(req, h, f ? &f->e : NULL, name);
}

/* The form that changes post p, open when its change was refused (f). */
static void change_form(http_req *req, html *h, const volunteer_post *p, const admin_form *f)
{
    html_lit(h, "<details");
    if (f)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Change the post");
    html_lit(h, "</summary><form method=\"post\" class=\"stack\" action=\"/admin/volunteering/"
                "posts/");
    html_int(h, p->id);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    char wanted[16];
    snprintf(wanted, sizeof wanted, "%d", p->wanted);
    change_input(req, h, "title", N_("Title"), "text", A_TITLE, f, p->title);
    change_input(req, h, "schedule", N_("When (e.g. every Saturday morning)"), "text", A_SCHEDULE,
                 f, p->schedule);
    change_input(req, h, "wanted", N_("Volunteers wanted"), "number", A_WANTED, f, wanted);
    const char *desc = f ? req_form(req, "description") : p->description;
    html_lit(h, "<label>");
    web_t(req, h, "Description");
    html_lit(h, " <textarea name=\"description\" maxlength=\"2000\" rows=\"3\">");
    html_text(h, desc ? desc : "");
    html_lit(h, "</textarea></label>");
    web_field_error(req, h, f ? &f->e : NULL, "description");
    const char *checked = p->skills;
    if (f) { /* the boxes ticked when it was refused */
        const char *ticked[POST_SKILLS_MAX + 8];
        size_t nt = vol_skills_of_form(req, ticked, POST_SKILLS_MAX + 8);
        {
            size_t len = 2;
            for (size_t i = 0; i < nt; i++)
                len += strlen(ticked[i]) + 1;
            char *j = arena_alloc(&req->a, len);
            if (j) {
                strcpy(j, ",");
                for (size_t i = 0; i < nt; i++) {
                    strcat(j, ticked[i]);
                    strcat(j, ",");
                }
                checked = j;
            }
        }
    }
    vol_skill_boxes(req, h, N_("Skills wanted"), checked);
    web_field_error(req, h, f ? &f->e : NULL, "skills");
    html_lit(h, "<button type=\"submit\" class=\"button\">");
    web_t(req, h, "Save the changes");
    html_lit(h, "</button></form></details>");
}

static void admin_page(http_req *req, const admin_form *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    post_venue *vs;
    volunteer_post *ps;
    size_t nv, np;
    volunteer_project *projects;
    size_t nproj = 0;
    if (post_managed(ctx, 200, &vs, &nv, &ps, &np) < 0 ||
        shift_managed_projects(ctx, 50, &projects, &nproj) < 0) {
        resp_fail(req);
        return;
    }
    const wy_error *pe = f && !strcmp(f->form, "post") ? &f->e : NULL;
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer posts at venues"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Volunteer posts at venues");
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    /* a refusal of a form without fields of its own (close, decide, end) stands at the top */
    int fieldless = f && strcmp(f->form, "post") && strcmp(f->form, "pairing") &&
                    strcmp(f->form, "insurance") && strcmp(f->form, "change");
    if (f && (!f->e.field || fieldless)) {
        wy_error top = f->e;
        top.field = NULL;
        web_form_error(req, &h, &top);
    }
    /* posts with their offers */
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Posts");
    html_lit(&h, "</h2>");
    if (!np)
        web_empty(req, &h, "No posts yet.");
    for (size_t i = 0; i < np; i++) {
        const volunteer_post *p = &ps[i];
        html_lit(&h, "<div class=\"post\" id=\"post-");
        html_int(&h, p->id);
        html_lit(&h, "\">");
        post_line(req, &h, p, "/volunteering/posts/");
        html_lit(&h, " ");
        status_label(req, &h, p->status);
        post_application *gs;
        size_t ng = 0;
        if (post_applications(ctx, p->id, 1, &gs, &ng) < 0) {
            ctx->err = (wy_error){0};
            ng = 0;
        }
        html_lit(&h, "<ul class=\"list\">");
        for (size_t k = 0; k < ng; k++) {
            html_lit(&h, "<li>");
            html_text(&h, gs[k].real_name);
            html_lit(&h, " ");
            status_label(req, &h, gs[k].status);
            if (*gs[k].note) {
                html_lit(&h, " <span class=\"small\">");
                html_text(&h, gs[k].note);
                html_lit(&h, "</span>");
            }
            if (!strcmp(gs[k].status, "pending") && gs[k].user_id != ctx->who->user_id) {
                const char *action =
                    arena_sprintf(&req->a, "/admin/volunteering/post-applications/%lld/decide",
                                  (long long)gs[k].id);
                button(req, &h, action, N_("Accept"), "button", "accept", "1");
                button(req, &h, action, N_("Decline the offer"), "button secondary", "accept", "0");
            }
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ul>");
        if (!strcmp(p->status, "open"))
            button(req, &h,
                   arena_sprintf(&req->a, "/admin/volunteering/posts/%lld/close", (long long)p->id),
                   N_("Close the post"), "button secondary", NULL, NULL);
        else
            button(
                req, &h,
                arena_sprintf(&req->a, "/admin/volunteering/posts/%lld/reopen", (long long)p->id),
                N_("Reopen the post"), "button secondary", NULL, NULL);
        change_form(req, &h, p,
                    f && !strcmp(f->form, "change") && f->project_id == p->id ? f : NULL);
        html_lit(&h, "</div>");
    }
    html_lit(&h, "</section>");
    /* a new post */
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Add a post");
    html_lit(&h, "</h2>");
    if (!nv) {
        web_empty(req, &h, "No venues in your area.");
    } else {
        html_lit(&h, "<form method=\"post\" class=\"stack\" action=\"/admin/volunteering/posts\" "
                     "id=\"post-form\">");
        web_csrf_field(req, &h);
        venue_select(req, &h, "venue_id", vs, nv, pe ? req_form(req, "venue_id") : NULL);
        web_field_error(req, &h, pe, "venue_id");
        field(req, &h, "title", "Title", "text", A_TITLE, f, "post");
        field(req, &h, "schedule", "When (e.g. every Saturday morning)", "text", A_SCHEDULE, f,
              "post");
        field(req, &h, "wanted", "Volunteers wanted", "number", A_WANTED, f, "post");
        html_lit(&h, "<label>");
        web_t(req, &h, "Description");
        html_lit(&h, " <textarea name=\"description\" maxlength=\"2000\" rows=\"3\">");
        html_text(&h, pe && req_form(req, "description") ? req_form(req, "description") : "");
        html_lit(&h, "</textarea></label>");
        web_field_error(req, &h, pe, "description");
        vol_skill_boxes(req, &h, N_("Skills wanted"), NULL);
        web_field_error(req, &h, pe, "skills");
        html_lit(&h, "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Add the post");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section>");
    /* pairings */
    const wy_error *re = f && !strcmp(f->form, "pairing") ? &f->e : NULL;
    html_lit(&h, "<section class=\"card\" id=\"pairings\"><h2>");
    web_t(req, &h, "Teams paired with venues");
    html_lit(&h, "</h2>");
    size_t shown = 0;
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < nv; i++) {
        volunteer_pairing *prs;
        size_t npr = 0;
        if (pairing_list(ctx, vs[i].id, 0, &prs, &npr) < 0) {
            ctx->err = (wy_error){0};
            npr = 0;
        }
        for (size_t k = 0; k < npr; k++) {
            shown++;
            html_lit(&h, "<li>");
            html_text(&h, prs[k].org_name);
            html_lit(&h, " — ");
            html_text(&h, prs[k].venue_name);
            html_lit(&h, " <span class=\"small\">");
            html_text(&h, prs[k].starts_on);
            html_lit(&h, " – ");
            html_text(&h, prs[k].ends_on ? prs[k].ends_on : "");
            if (*prs[k].note) {
                html_lit(&h, " · ");
                html_text(&h, prs[k].note);
            }
            html_lit(&h, "</span>");
            if (!prs[k].ends_on) {
                html_lit(&h, "<form method=\"post\" class=\"inline\" action=\"/admin/volunteering/"
                             "pairings/");
                html_int(&h, prs[k].id);
                html_lit(&h, "/end\">");
                web_csrf_field(req, &h);
                html_lit(&h, "<input type=\"date\" name=\"ends_on\" required aria-label=\"");
                html_attr(&h, req_tr(req, "Ends on"));
                html_lit(&h, "\"><button type=\"submit\" class=\"button secondary\">");
                web_t(req, &h, "End the pairing");
                html_lit(&h, "</button></form>");
            }
            html_lit(&h, "</li>");
        }
    }
    html_lit(&h, "</ul>");
    if (!shown)
        web_empty(req, &h, "No pairings yet.");
    /* the teams and organisations of every subtree the coordinator manages */
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t ns = authz_scopes(ctx->who, PERM_VOLUNTEERS_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    volunteer_org *os = arena_alloc(&req->a, (ns * 100 + 1) * sizeof(*os));
    size_t no = 0;
    for (size_t i = 0; os && i < ns; i++) {
        volunteer_org *part = NULL;
        size_t k = 0;
        if (volunteer_org_list(ctx, scopes[i], 0, 100, &part, &k) < 0) {
            ctx->err = (wy_error){0};
            k = 0;
        }
        if (k && part) {
            memcpy(os + no, part, k * sizeof(*part));
            no += k;
        }
    }
    if (nv && no) {
        html_lit(&h,
                 "<form method=\"post\" class=\"stack\" action=\"/admin/volunteering/pairings\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Team or organisation");
        html_lit(&h, " <select name=\"org_id\" required>");
        for (size_t i = 0; i < no; i++) {
            html_lit(&h, "<option value=\"");
            html_int(&h, os[i].id);
            html_lit(&h, "\">");
            html_text(&h, os[i].name);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label>");
        web_field_error(req, &h, re, "org_id");
        venue_select(req, &h, "venue_id", vs, nv, re ? req_form(req, "venue_id") : NULL);
        web_field_error(req, &h, re, "venue_id");
        field(req, &h, "starts_on", "Starts on", "date", A_REQUIRED, f, "pairing");
        field(req, &h, "ends_on", "Ends on (optional)", "date", A_NONE, f, "pairing");
        field(req, &h, "note", "Note", "text", A_NOTE, f, "pairing");
        html_lit(&h, "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Pair the team with the venue");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section>");
    /* insurance of projects */
    html_lit(&h, "<section class=\"card\" id=\"insurance\"><h2>");
    web_t(req, &h, "Accident insurance of projects");
    html_lit(&h, "</h2>");
    if (!nproj)
        web_empty(req, &h, "No volunteer projects in your area yet.");
    for (size_t i = 0; i < nproj; i++) {
        project_insurance r;
        int has = insurance_get(ctx, projects[i].id, &r);
        if (has < 0) {
            ctx->err = (wy_error){0};
            has = 0;
        }
        int refused = f && !strcmp(f->form, "insurance") && f->project_id == projects[i].id;
        html_lit(&h, "<details");
        if (refused)
            html_lit(&h, " open");
        html_lit(&h, "><summary>");
        html_text(&h, projects[i].title);
        html_lit(&h, " — ");
        if (has)
            html_text(&h, arena_sprintf(&req->a, "%s %s – %s (%s) %s", r.insurer, r.cover_from,
                                        r.cover_to, r.policy_no, r.summary));
        else
            web_t(req, &h, "not insured");
        html_lit(&h, "</summary><form method=\"post\" class=\"stack\" action=\"/admin/"
                     "volunteering/projects/");
        html_int(&h, projects[i].id);
        html_lit(&h, "/insurance\">");
        web_csrf_field(req, &h);
        const admin_form *ff = refused ? f : NULL;
        field(req, &h, "insurer", "Insurer", "text", A_INSURER, ff, "insurance");
        field(req, &h, "policy_no", "Policy number", "text", A_POLICY, ff, "insurance");
        field(req, &h, "cover_from", "Cover from", "date", A_REQUIRED, ff, "insurance");
        field(req, &h, "cover_to", "Cover to", "date", A_REQUIRED, ff, "insurance");
        field(req, &h, "summary", "What it covers", "text", A_NOTE, ff, "insurance");
        html_lit(&h, "<button type=\"submit\" class=\"button\">");
        web_t(req, &h, "Record the insurance");
        html_lit(&h, "</button></form></details>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, status);
}

void page_admin_volunteer_posts(http_req *req)
{
    admin_page(req, NULL, 200);
}

/* A refused form of the coordinators' page: back with the refusal beside its field. */
static void refused(http_req *req, const char *form, int64_t project_id)
{
    wy_ctx *ctx = req_ctx(req);
    admin_form f = {.form = form, .project_id = project_id, .e = ctx->err};
    if (f.e.cls != E_INVALID && f.e.cls != E_RULE && f.e.cls != E_CONFLICT) {
        resp_fail(req);
        return;
    }
    ctx->err = (wy_error){0};
    admin_page(req, &f, errclass_status(f.e.cls));
}

void page_admin_volunteer_post_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *skills[POST_SKILLS_MAX + 8];
    const char *venue = req_form(req, "venue_id"), *wanted = req_form(req, "wanted");
    post_input in = {.venue_id = venue ? atoll(venue) : 0,
                     .title = form_value(req, "title"),
                     .description = form_value(req, "description"),
                     .schedule = form_value(req, "schedule"),
                     .wanted = wanted ? atoi(wanted) : 0,
                     .skills = skills};
    in.nskills = vol_skills_of_form(req, skills, POST_SKILLS_MAX + 8);
    int64_t id;
    if (post_create(ctx, &in, &id) < 0)
        refused(req, "post", 0);
    else
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/volunteering/posts?msg=post_created#post-%lld",
                                    (long long)id));
}

void page_admin_volunteer_post_close(http_req *req)
{
    if (post_close(req_ctx(req), req_id(req, 0)) < 0)
        refused(req, "close", 0);
    else
        resp_redirect(req, "/admin/volunteering/posts?msg=post_closed");
}

void page_admin_volunteer_post_update(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    volunteer_post p;
    if (post_get(ctx, id, &p) < 0) {
        resp_fail(req);
        return;
    }
    const char *skills[POST_SKILLS_MAX + 8];
    const char *wanted = req_form(req, "wanted");
    post_input in = {.venue_id = p.venue_id,
                     .title = form_value(req, "title"),
                     .description = form_value(req, "description"),
                     .schedule = form_value(req, "schedule"),
                     .wanted = wanted ? atoi(wanted) : 0,
                     .skills = skills};
    in.nskills = vol_skills_of_form(req, skills, POST_SKILLS_MAX + 8);
    if (post_update(ctx, id, &in) < 0)
        refused(req, "change", id);
    else
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/volunteering/posts?msg=post_changed#post-%lld",
                                    (long long)id));
}

void page_admin_volunteer_post_reopen(http_req *req)
{
    if (post_reopen(req_ctx(req), req_id(req, 0)) < 0)
        refused(req, "reopen", 0);
    else
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/volunteering/posts?msg=post_reopened#post-%lld",
                                         (long long)req_id(req, 0)));
}

void page_admin_volunteer_application_decide(http_req *req)
{
    const char *a = req_form(req, "accept");
    int accept = a && !strcmp(a, "1");
    if (post_decide(req_ctx(req), req_id(req, 0), accept) < 0)
        refused(req, "decide", 0);
    else
        resp_redirect(req, accept ? "/admin/volunteering/posts?msg=post_accepted"
                                  : "/admin/volunteering/posts?msg=post_declined");
}

void page_admin_volunteer_pairing_create(http_req *req)
{
    const char *org = req_form(req, "org_id"), *venue = req_form(req, "venue_id");
    int64_t id;
    if (pairing_create(req_ctx(req), org ? atoll(org) : 0, venue ? atoll(venue) : 0,
                       form_value(req, "starts_on"), form_value(req, "ends_on"),
                       form_value(req, "note"), &id) < 0)
        refused(req, "pairing", 0);
    else
        resp_redirect(req, "/admin/volunteering/posts?msg=pairing_created#pairings");
}

void page_admin_volunteer_pairing_end(http_req *req)
{
    if (pairing_end(req_ctx(req), req_id(req, 0), form_value(req, "ends_on")) < 0)
        refused(req, "pairing_end", 0);
    else
        resp_redirect(req, "/admin/volunteering/posts?msg=pairing_ended#pairings");
}

void page_admin_volunteer_insurance(http_req *req)
{
    project_insurance in = {.insurer = form_value(req, "insurer"),
                            .policy_no = form_value(req, "policy_no"),
                            .cover_from = form_value(req, "cover_from"),
                            .cover_to = form_value(req, "cover_to"),
                            .summary = form_value(req, "summary")};
    if (insurance_put(req_ctx(req), req_id(req, 0), &in) < 0)
        refused(req, "insurance", req_id(req, 0));
    else
        resp_redirect(req, "/admin/volunteering/posts?msg=insurance_saved#insurance");
}

/* ---- shown elsewhere ---- */

void vol_insurance_line(http_req *req, html *h, int64_t project_id)
{
    wy_ctx *ctx = req_ctx(req);
    project_insurance r;
    int has = insurance_get(ctx, project_id, &r);
    if (has <= 0) {
        ctx->err = (wy_error){0};
        return;
    }
    html_lit(h, "<p class=\"small\" id=\"insurance\">");
    html_text(h, arena_sprintf(&req->a, req_tr(req, "Insured: %s, %s – %s"), r.insurer,
                               r.cover_from, r.cover_to));
    html_lit(h, "</p>");
}

void vol_posts_link(http_req *req, html *h)
{
    html_lit(h, "<p><a class=\"button secondary\" href=\"/volunteering/posts\" id=\"posts-link\">");
    web_t(req, h, "Volunteer posts at venues");
    html_lit(h, "</a></p>");
}

const char *web_post_note_text(http_req *req, const notification *n)
{
    const char *what = n->title ? n->title : "?";
    if (!strcmp(n->kind, post_kind_accepted.name))
        return arena_sprintf(&req->a, req_tr(req, "Your offer to take the post “%s” is accepted."),
                             what);
    return arena_sprintf(&req->a, req_tr(req, "Your offer to take the post “%s” is declined."),
                         what);
}
