/*
 * pages_orgs: the coordinators' pages of organisations, teams and projects (volunteer.h).
 * /admin/volunteering/organisations lists the organisations and teams of the subtrees where the
 * caller holds volunteers_manage, with a form to add one and one to change each;
 * /admin/volunteering/projects lists their projects of every state, with a form to write a
 * draft, one to change a draft or rejected project, and a button to submit it for review; a
 * button to take a pending one back from review; for a published one, its change waiting for
 * review or a form to propose one (reviewed on its own: project_revision.c). Each
 * organisation shows its coordinators: the district's or city's admins add and remove them
 * there; whoever may write on it removes (archives) it there. A
 * refused form comes back with what was entered and the refusal beside its field, as the
 * posts' page does (pages_posts.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/pages_kit.h"
#include "mod/volunteers/volunteer.h"

#define N_(s) s /* a msgid translated where it is shown */

/* Which form was refused (form "create" or "change", id the record changed), and why. */
typedef struct orgs_form {
    const char *form;
    int64_t id;
    wy_error e;
} orgs_form;

static const wy_error *refusal_of(const orgs_form *f, const char *form, int64_t id)
{
    return f && !strcmp(f->form, form) && f->id == id ? &f->e : NULL;
}

static const web_flash_msg flashes[] = {
    {"org_created", N_("The organisation is added."), 0},
    {"org_changed", N_("The organisation is changed."), 0},
    {"coordinator_added", N_("The coordinator is added."), 0},
    {"coordinator_removed", N_("The coordinator is removed."), 0},
    {"org_archived", N_("The organisation is removed. Its records stay."), 0},
    {"project_created", N_("The draft project is written."), 0},
    {"project_changed", N_("The project is changed."), 0},
    {"project_submitted", N_("The project is submitted for review."), 0},
    {"project_published", N_("The project is published."), 0},
    {"project_withdrawn", N_("The project is taken back from review: it is a draft again."), 0},
    {"revision_submitted",
     N_("The change is submitted for review. The published project stays "
        "as it is until the change is approved."),
     0},
};

/* A text input: the value entered when its form was refused (e), else value. */
static void input(http_req *req, html *h, const char *name, const char *label, int maxlength,
                  int required, const wy_error *e, const char *value)
{
    const char *v = e ? req_form(req, name) : value;
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" maxlength=\"");
    html_int(h, maxlength);
    html_lit(h, "\"");
    if (required)
        html_lit(h, " required");
    if (v) {
        html_lit(h, " value=\"");
        html_attr(h, v);
        html_lit(h, "\"");
    }
    html_lit(h, "></label>");
    web_field_error(req, h, e, name);
}

static void textarea(http_req *req, html *h, const char *name, const char *label, const wy_error *e,
                     const char *value)
{
    const char *v = e ? req_form(req, name) : value;
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <textarea name=\"");
    html_attr(h, name);
    html_lit(h, "\" maxlength=\"5000\" rows=\"4\">");
    html_text(h, v ? v : "");
    html_lit(h, "</textarea></label>");
    web_field_error(req, h, e, name);
}

static void submit_button(http_req *req, html *h, const char *msgid)
{
    html_lit(h, "<button type=\"submit\" class=\"button\">");
    web_t(req, h, msgid);
    html_lit(h, "</button>");
}

/* The name of organisation id among os, or "". */
static const char *org_name(const volunteer_org *os, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (os[i].id == id)
            return os[i].name;
    return "";
}

/* ---- organisations and teams ---- */

/* An organisation's coordinators; for its admins, a button to remove each and a form to add
 * one by the account's phone number. Nothing when they cannot be read (the page goes on). */
static void coordinators(http_req *req, html *h, const volunteer_org *o, const wy_error *e)
{
    wy_ctx *ctx = req_ctx(req);
    org_coordinator *ks;
    size_t n;
    if (volunteer_org_coordinators(ctx, o->id, &ks, &n) < 0) {
        ctx->err = (wy_error){0};
        return;
    }
    int admin = volunteer_admin_over(ctx->who, o->division);
    html_lit(h, "<div class=\"small coordinators\" id=\"coordinators-");
    html_int(h, o->id);
    html_lit(h, "\">");
    web_t(req, h, "Coordinators");
    html_lit(h, ": ");
    if (!n)
        web_t(req, h, "none yet");
    for (size_t i = 0; i < n; i++) {
        if (i)
            html_lit(h, ", ");
        html_lit(h, "<span class=\"coordinator\" data-user=\"");
        html_int(h, ks[i].user_id);
        html_lit(h, "\">");
        html_text(h, ks[i].name);
        html_lit(h, " (");
        html_text(h, ks[i].phone);
        html_lit(h, ")");
        if (admin) {
            html_lit(h, " <form method=\"post\" class=\"inline\" "
                        "action=\"/admin/volunteering/organisations/");
            html_int(h, o->id);
            html_lit(h, "/coordinators/");
            html_int(h, ks[i].user_id);
            html_lit(h, "/remove\">");
            web_csrf_field(req, h);
            html_lit(h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, h, "Remove");
            html_lit(h, "</button></form>");
        }
        html_lit(h, "</span>");
    }
    html_lit(h, "</div>");
    if (!admin)
        return;
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Add a coordinator");
    html_lit(h, "</summary><form method=\"post\" class=\"stack coordinator-form\" "
                "action=\"/admin/volunteering/organisations/");
    html_int(h, o->id);
    html_lit(h, "/coordinators\">");
    web_csrf_field(req, h);
    web_form_error(req, h, e);
    input(req, h, "phone", N_("Phone number of an account with the volunteer coordinator role"), 20,
          1, e, NULL);
    submit_button(req, h, N_("Add"));
    html_lit(h, "</form></details>");
}

/* The button that removes (archives) an organisation, with a confirmation. */
static void archive_form(http_req *req, html *h, const volunteer_org *o, const wy_error *e)
{
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Remove the organisation");
    html_lit(h, "</summary><form method=\"post\" class=\"stack archive-form\" "
                "action=\"/admin/volunteering/organisations/");
    html_int(h, o->id);
    html_lit(h, "/archive\">");
    web_csrf_field(req, h);
    web_form_error(req, h, e);
    html_lit(h, "<p class=\"small\">");
    web_t(req, h,
          "The organisation and its teams leave the lists and take no new projects; "
          "their hours, ledger entries and certificates stay valid.");
    html_lit(h, "</p><button type=\"submit\" class=\"secondary\">");
    web_t(req, h, "Remove the organisation");
    html_lit(h, "</button></form></details>");
}

static void orgs_page(http_req *req, const orgs_form *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_org *os;
    size_t n;
    if (volunteer_org_managed(ctx, 200, &os, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer organisations"));
    html_lit(&h, "<p class=\"small\"><a href=\"/admin/volunteering\">");
    web_t(req, &h, "Volunteer shifts");
    html_lit(&h, "</a> · <a href=\"/admin/volunteering/projects\">");
    web_t(req, &h, "Volunteer projects");
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Volunteer organisations");
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Organisations and teams");
    html_lit(&h, "</h2>");
    if (!n)
        web_empty(req, &h, "No volunteer organisations in your area yet.");
    html_lit(&h, "<ul class=\"list\" id=\"orgs\">");
    for (size_t i = 0; i < n; i++) {
        const volunteer_org *o = &os[i];
        const wy_error *e = refusal_of(f, "change", o->id);
        html_lit(&h, "<li id=\"org-");
        html_int(&h, o->id);
        html_lit(&h, "\"><strong>");
        html_text(&h, o->name);
        html_lit(&h, "</strong> <span class=\"small\">");
        if (o->parent_id) {
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "team of %s"),
                                        org_name(os, n, o->parent_id)));
        } else {
            web_t(req, &h, "organisation");
        }
        html_lit(&h, " · ");
        html_text(&h, o->division);
        html_lit(&h, "</span>");
        if (*o->description) {
            html_lit(&h, "<br><span class=\"small\">");
            html_text(&h, o->description);
            html_lit(&h, "</span>");
        }
        /* the forms of what the caller may write: an admin's, or an organisation's coordinator's */
        int writes = volunteer_org_allows(ctx, o->id, o->division);
        if (writes) {
            html_lit(&h, "<details");
            if (e)
                html_lit(&h, " open");
            html_lit(&h, "><summary>");
            web_t(req, &h, "Change");
            html_lit(&h, "</summary><form method=\"post\" class=\"stack\" "
                         "action=\"/admin/volunteering/organisations/");
            html_int(&h, o->id);
            html_lit(&h, "\">");
            web_csrf_field(req, &h);
            web_form_error(req, &h, e);
            input(req, &h, "name", N_("Name"), 100, 1, e, o->name);
            textarea(req, &h, "description", N_("Description"), e, o->description);
            submit_button(req, &h, N_("Save the changes"));
            html_lit(&h, "</form></details>");
        }
        if (!o->parent_id)
            coordinators(req, &h, o, refusal_of(f, "coordinator", o->id));
        if (!o->parent_id && writes)
            archive_form(req, &h, o, refusal_of(f, "archive", o->id));
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul></section>");
    /* a new organisation or team */
    const wy_error *ce = refusal_of(f, "create", 0);
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t ns = authz_scopes(ctx->who, PERM_VOLUNTEERS_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    html_lit(&h, "<section class=\"card\" id=\"new-org\"><h2>");
    web_t(req, &h, "Add an organisation or a team");
    html_lit(&h, "</h2><form method=\"post\" class=\"stack\" "
                 "action=\"/admin/volunteering/organisations\">");
    web_csrf_field(req, &h);
    web_form_error(req, &h, ce);
    const char *chosen = ce ? req_form(req, "parent_id") : NULL;
    html_lit(&h, "<label>");
    web_t(req, &h, "Belongs to");
    html_lit(&h, " <select name=\"parent_id\"><option value=\"0\">");
    web_t(req, &h, "nothing: a new organisation");
    html_lit(&h, "</option>");
    for (size_t i = 0; i < n; i++) {
        if (os[i].parent_id)
            continue;
        html_lit(&h, "<option value=\"");
        html_int(&h, os[i].id);
        html_lit(&h, "\"");
        if (chosen && atoll(chosen) == os[i].id)
            html_lit(&h, " selected");
        html_lit(&h, ">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "a team of %s"), os[i].name));
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select></label>");
    web_field_error(req, &h, ce, "parent_id");
    input(req, &h, "division", N_("Division code (a team: its organisation's or one inside it)"),
          12, 1, ce, ns ? scopes[0] : "");
    input(req, &h, "name", N_("Name"), 100, 1, ce, NULL);
    textarea(req, &h, "description", N_("Description"), ce, NULL);
    submit_button(req, &h, N_("Add"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_admin_volunteer_orgs(http_req *req)
{
    orgs_page(req, NULL, 200);
}

/* A form of these pages refused: the page again with it; other failures as they are. */
static int refused(http_req *req, const char *form, int64_t id, orgs_form *f)
{
    wy_ctx *ctx = req_ctx(req);
    *f = (orgs_form){.form = form, .id = id, .e = ctx->err};
    if (f->e.cls != E_INVALID && f->e.cls != E_RULE && f->e.cls != E_CONFLICT) {
        resp_fail(req);
        return 0;
    }
    ctx->err = (wy_error){0};
    return errclass_status(f->e.cls);
}

/* A form field as the rules take it: absent stays NULL (as in the API). */
static const char *form_text(http_req *req, const char *name)
{
    return req_form(req, name);
}

void page_admin_volunteer_org_create(http_req *req)
{
    const char *parent = req_form(req, "parent_id");
    int64_t id;
    orgs_form f;
    if (volunteer_org_create(req_ctx(req), form_text(req, "division"), parent ? atoll(parent) : 0,
                             form_text(req, "name"), form_text(req, "description"), &id) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a,
                                    "/admin/volunteering/organisations?msg=org_created#org-%lld",
                                    (long long)id));
        return;
    }
    int status = refused(req, "create", 0, &f);
    if (status)
        orgs_page(req, &f, status);
}

void page_admin_volunteer_org_update(http_req *req)
{
    int64_t id = req_id(req, 0);
    orgs_form f;
    const char *name = form_text(req, "name");
    if (volunteer_org_update(req_ctx(req), id, name ? name : "", form_text(req, "description")) ==
        0) {
        resp_redirect(req,
                      arena_sprintf(&req->a,
                                    "/admin/volunteering/organisations?msg=org_changed#org-%lld",
                                    (long long)id));
        return;
    }
    int status = refused(req, "change", id, &f);
    if (status)
        orgs_page(req, &f, status);
}

void page_admin_volunteer_org_coordinator_add(http_req *req)
{
    int64_t id = req_id(req, 0);
    orgs_form f;
    if (volunteer_org_coordinator_add(req_ctx(req), id, 0, form_text(req, "phone"), NULL) == 0) {
        resp_redirect(
            req, arena_sprintf(&req->a,
                               "/admin/volunteering/organisations?msg=coordinator_added#org-%lld",
                               (long long)id));
        return;
    }
    int status = refused(req, "coordinator", id, &f);
    if (status)
        orgs_page(req, &f, status);
}

void page_admin_volunteer_org_coordinator_remove(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (volunteer_org_coordinator_remove(req_ctx(req), id, req_id(req, 1)) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a,
                                     "/admin/volunteering/organisations?msg=coordinator_removed"
                                     "#org-%lld",
                                     (long long)id));
}

void page_admin_volunteer_org_archive(http_req *req)
{
    int64_t id = req_id(req, 0);
    orgs_form f;
    if (volunteer_org_archive(req_ctx(req), id) == 0) {
        resp_redirect(req, "/admin/volunteering/organisations?msg=org_archived");
        return;
    }
    int status = refused(req, "archive", id, &f);
    if (status)
        orgs_page(req, &f, status);
}

/* ---- projects ---- */

static void project_status(http_req *req, html *h, const char *status)
{
    static const struct {
        const char *s, *msgid;
    } labels[] = {
        {"draft", N_("draft")},
        {"pending", N_("pending review")},
        {"published", N_("published")},
        {"rejected", N_("rejected")},
    };
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
        if (!strcmp(labels[i].s, status)) {
            web_badge(req, h, status, labels[i].msgid);
            return;
        }
    html_text(h, status);
}

/* A published project: the change of it waiting for review, or a form to propose one (the
 * public keeps the approved text until the change is approved). */
static void published_change(http_req *req, html *h, const volunteer_project *p, const wy_error *e)
{
    volunteer_project_revision r;
    int64_t review_id;
    int has = project_revision_pending(req_ctx(req), p, &r, &review_id);
    if (has > 0) {
        html_lit(h, "<div class=\"small\" id=\"revision-");
        html_int(h, p->id);
        html_lit(h, "\"><p>");
        web_badge(req, h, "pending", N_("change pending review"));
        html_lit(h, " ");
        web_t(req, h, "The published text stays until the reviewers approve this change.");
        html_lit(h, "</p><dl>");
        if (r.fields & PROJECT_REV_TITLE) {
            html_lit(h, "<dt>");
            web_t(req, h, "Title");
            html_lit(h, "</dt><dd>");
            html_text(h, r.title ? r.title : "");
            html_lit(h, "</dd>");
        }
        if (r.fields & PROJECT_REV_DESCRIPTION) {
            html_lit(h, "<dt>");
            web_t(req, h, "Description");
            html_lit(h, "</dt><dd>");
            html_text(h, r.description ? r.description : "");
            html_lit(h, "</dd>");
        }
        html_lit(h, "</dl></div>");
        return;
    }
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Propose a change");
    html_lit(h, "</summary><form method=\"post\" class=\"stack\" "
                "action=\"/admin/volunteering/projects/");
    html_int(h, p->id);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    web_form_error(req, h, e);
    input(req, h, "title", N_("Title"), 100, 1, e, p->title);
    textarea(req, h, "description", N_("Description"), e, p->description);
    html_lit(h, "<p class=\"small\">");
    web_t(req, h,
          "The change is reviewed on its own; the published project stays as it is "
          "until it is approved.");
    html_lit(h, "</p>");
    submit_button(req, h, N_("Submit the change for review"));
    html_lit(h, "</form></details>");
}

static void projects_page(http_req *req, const orgs_form *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_project *ps;
    volunteer_org *os;
    size_t n, no;
    if (volunteer_project_managed(ctx, 100, &ps, &n) < 0 ||
        volunteer_org_managed(ctx, 200, &os, &no) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteer projects"));
    html_lit(&h, "<p class=\"small\"><a href=\"/admin/volunteering\">");
    web_t(req, &h, "Volunteer shifts");
    html_lit(&h, "</a> · <a href=\"/admin/volunteering/organisations\">");
    web_t(req, &h, "Volunteer organisations");
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Volunteer projects");
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Projects");
    html_lit(&h, "</h2>");
    if (!n)
        web_empty(req, &h, "No volunteer projects in your area yet.");
    html_lit(&h, "<ul class=\"list\" id=\"projects\">");
    for (size_t i = 0; i < n; i++) {
        const volunteer_project *p = &ps[i];
        const wy_error *e = refusal_of(f, "change", p->id);
        const wy_error *se = refusal_of(f, "submit", p->id);
        int editable = !strcmp(p->status, "draft") || !strcmp(p->status, "rejected");
        html_lit(&h, "<li id=\"project-");
        html_int(&h, p->id);
        html_lit(&h, "\"><strong>");
        if (!strcmp(p->status, "published")) {
            html_lit(&h, "<a href=\"/volunteering/projects/");
            html_int(&h, p->id);
            html_lit(&h, "\">");
            html_text(&h, p->title);
            html_lit(&h, "</a>");
        } else {
            html_text(&h, p->title);
        }
        html_lit(&h, "</strong> ");
        project_status(req, &h, p->status);
        html_lit(&h, "<br><span class=\"small\">");
        html_text(&h, org_name(os, no, p->org_id));
        html_lit(&h, " · ");
        html_text(&h, p->division);
        html_lit(&h, "</span>");
        web_form_error(req, &h, se);
        if (!strcmp(p->status, "pending")) {
            web_form_error(req, &h, e); /* a change refused since it went to review */
            html_lit(&h, "<p class=\"small\">");
            web_t(req, &h, "With the reviewers: it cannot be changed while they decide.");
            html_lit(&h, "</p><form method=\"post\" class=\"inline\" "
                         "action=\"/admin/volunteering/projects/");
            html_int(&h, p->id);
            html_lit(&h, "/withdraw\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Take it back from review");
            html_lit(&h, "</button></form></li>");
            continue;
        }
        if (!editable) {
            published_change(req, &h, p, e);
            html_lit(&h, "</li>");
            continue;
        }
        html_lit(&h, "<details");
        if (e)
            html_lit(&h, " open");
        html_lit(&h, "><summary>");
        web_t(req, &h, "Change");
        html_lit(&h, "</summary><form method=\"post\" class=\"stack\" "
                     "action=\"/admin/volunteering/projects/");
        html_int(&h, p->id);
        html_lit(&h, "\">");
        web_csrf_field(req, &h);
        web_form_error(req, &h, e);
        input(req, &h, "title", N_("Title"), 100, 1, e, p->title);
        textarea(req, &h, "description", N_("Description"), e, p->description);
        submit_button(req, &h, N_("Save the changes"));
        html_lit(&h, "</form></details><form method=\"post\" class=\"inline\" "
                     "action=\"/admin/volunteering/projects/");
        html_int(&h, p->id);
        html_lit(&h, "/submit\">");
        web_csrf_field(req, &h);
        submit_button(req, &h, N_("Submit for review"));
        html_lit(&h, "</form></li>");
    }
    html_lit(&h, "</ul></section>");
    /* a new draft */
    const wy_error *ce = refusal_of(f, "create", 0);
    html_lit(&h, "<section class=\"card\" id=\"new-project\"><h2>");
    web_t(req, &h, "Write a project");
    html_lit(&h, "</h2>");
    if (!no) {
        html_lit(&h, "<p class=\"small\"><a href=\"/admin/volunteering/organisations\">");
        web_t(req, &h, "Add an organisation or a team first.");
        html_lit(&h, "</a></p>");
    } else {
        html_lit(&h, "<form method=\"post\" class=\"stack\" action=\"/admin/volunteering/"
                     "projects\">");
        web_csrf_field(req, &h);
        web_form_error(req, &h, ce);
        const char *chosen = ce ? req_form(req, "org_id") : NULL;
        html_lit(&h, "<label>");
        web_t(req, &h, "Organisation or team");
        html_lit(&h, " <select name=\"org_id\" required>");
        for (size_t i = 0; i < no; i++) {
            html_lit(&h, "<option value=\"");
            html_int(&h, os[i].id);
            html_lit(&h, "\"");
            if (chosen && atoll(chosen) == os[i].id)
                html_lit(&h, " selected");
            html_lit(&h, ">");
            html_text(&h, os[i].name);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label>");
        web_field_error(req, &h, ce, "org_id");
        input(req, &h, "title", N_("Title"), 100, 1, ce, NULL);
        textarea(req, &h, "description", N_("Description"), ce, NULL);
        html_lit(&h, "<p class=\"small\">");
        web_t(req, &h, "A project is written as a draft; submit it for review to publish it.");
        html_lit(&h, "</p>");
        submit_button(req, &h, N_("Write the draft"));
        html_lit(&h, "</form>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, status);
}

void page_admin_volunteer_projects(http_req *req)
{
    projects_page(req, NULL, 200);
}

void page_admin_volunteer_project_create(http_req *req)
{
    const char *org = req_form(req, "org_id");
    const char *title = form_text(req, "title");
    int64_t id;
    orgs_form f;
    if (volunteer_project_create(req_ctx(req), org ? atoll(org) : 0, title ? title : "",
                                 form_text(req, "description"), &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/volunteering/projects?msg=project_created"
                                         "#project-%lld",
                                         (long long)id));
        return;
    }
    int status = refused(req, "create", 0, &f);
    if (status)
        projects_page(req, &f, status);
}

void page_admin_volunteer_project_update(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *title = form_text(req, "title");
    orgs_form f;
    volunteer_project before;
    int published = volunteer_project_get(req_ctx(req), id, &before) == 0 &&
                    !strcmp(before.status, "published");
    if (volunteer_project_update(req_ctx(req), id, title ? title : "",
                                 form_text(req, "description")) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/volunteering/projects?msg=%s#project-%lld",
                                    published ? "revision_submitted" : "project_changed",
                                    (long long)id));
        return;
    }
    int status = refused(req, "change", id, &f);
    if (status)
        projects_page(req, &f, status);
}

void page_admin_volunteer_project_submit(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *to;
    orgs_form f;
    if (volunteer_project_submit(req_ctx(req), id, &to) == 0) {
        resp_redirect(
            req, arena_sprintf(&req->a, "/admin/volunteering/projects?msg=%s#project-%lld",
                               strcmp(to, "published") ? "project_submitted" : "project_published",
                               (long long)id));
        return;
    }
    int status = refused(req, "submit", id, &f);
    if (status)
        projects_page(req, &f, status);
}

void page_admin_volunteer_project_withdraw(http_req *req)
{
    int64_t id = req_id(req, 0);
    orgs_form f;
    if (volunteer_project_withdraw(req_ctx(req), id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/volunteering/projects?msg=project_withdrawn"
                                         "#project-%lld",
                                         (long long)id));
        return;
    }
    int status = refused(req, "submit", id, &f);
    if (status)
        projects_page(req, &f, status);
}
