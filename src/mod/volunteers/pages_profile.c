/* pages_profile: a citizen registers as a volunteer and keeps their profile
 * (/me/volunteering/profile): real name, birth date, skills, availability, up to five service
 * areas among the city's districts and streets, and, under 18, the guardian's consent. A
 * refused form comes back with what was entered and the refusal beside its field. */
#include <stdlib.h>
#include <string.h>

#include "core/division.h"
#include "core/site.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/pages_kit.h"
#include "mod/volunteers/volunteer.h"
#include "util/strbuf.h"

#define N_(s) s /* a msgid translated where it is shown */

/* What the form shows: a profile, or what was entered. */
typedef struct profile_form {
    const char *real_name, *birth_date, *skills, *availability;
    const char *areas[VOLUNTEER_AREAS_MAX];
    const char *guardian_name, *guardian_phone, *guardian_consent;
} profile_form;

static int names(const wy_error *e, const char *field)
{
    return e && e->field && !strcmp(e->field, field);
}

static void note(http_req *req, html *h, const wy_error *e, const char *field)
{
    if (!names(e, field))
        return;
    html_lit(h, "<p class=\"form-error field-error\" id=\"error-");
    html_attr(h, field);
    html_lit(h, "\">");
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}

/* The attributes an input of the form may carry (markup is written from literals only). */
enum field_attrs { PLAIN, REAL_NAME, BIRTH_DATE, SHORT_NAME, PHONE };

static void attrs(html *h, enum field_attrs a)
{
    switch (a) {
    case REAL_NAME:
        html_lit(h, " required minlength=\"2\" maxlength=\"30\" autocomplete=\"name\"");
        break;
    case BIRTH_DATE:
        html_lit(h, " required autocomplete=\"bday\"");
        break;
    case SHORT_NAME:
        html_lit(h, " maxlength=\"30\"");
        break;
    case PHONE:
        html_lit(h, " maxlength=\"11\" inputmode=\"numeric\"");
        break;
    case PLAIN:
        break;
    }
}

/* <label>label <input ...></label> with the refusal beside it when it names the field */
static void input(http_req *req, html *h, const wy_error *e, const char *label, const char *type,
                  const char *name, const char *value, enum field_attrs extra)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input type=\"");
    html_attr(h, type);
    html_lit(h, "\" name=\"");
    html_attr(h, name);
    html_lit(h, "\" value=\"");
    html_attr(h, value ? value : "");
    html_lit(h, "\"");
    attrs(h, extra);
    if (names(e, name)) {
        html_lit(h, " aria-invalid=\"true\" aria-describedby=\"error-");
        html_attr(h, name);
        html_lit(h, "\"");
    }
    html_lit(h, "></label>");
    note(req, h, e, name);
}

/* The options of a service area: the city's districts, each with its streets and towns. */
static void area_options(http_req *req, html *h, const char *selected)
{
    wy_ctx *ctx = req_ctx(req);
    char city[DIVISION_CODE_MAX];
    site_city(ctx->cfg, city);
    division *districts;
    size_t nd;
    int found = !selected || !*selected;
    html_lit(h, "<option value=\"\">");
    web_t(req, h, "(none)");
    html_lit(h, "</option>");
    if (division_children(ctx, city, &districts, &nd) < 0) {
        ctx->err = (wy_error){0};
        nd = 0;
    }
    for (size_t i = 0; i < nd; i++) {
        division *towns;
        size_t nt;
        if (division_children(ctx, districts[i].code, &towns, &nt) < 0) {
            ctx->err = (wy_error){0};
            nt = 0;
        }
        html_lit(h, "<optgroup label=\"");
        html_attr(h, districts[i].name);
        html_lit(h, "\">");
        for (size_t k = 0; k <= nt; k++) {
            const division *d = k ? &towns[k - 1] : &districts[i];
            int sel = selected && !strcmp(selected, d->code);
            found |= sel;
            html_lit(h, "<option value=\"");
            html_attr(h, d->code);
            if (sel)
                html_lit(h, "\" selected>");
            else
                html_lit(h, "\">");
            html_text(h, d->name);
            if (!k) {
                html_lit(h, " (");
                web_t(req, h, "whole district");
                html_lit(h, ")");
            }
            html_lit(h, "</option>");
        }
        html_lit(h, "</optgroup>");
    }
    /* a code not among them (the person's own community, an area kept from before) */
    const char *extra = !found ? selected : NULL;
    if (extra) {
        division_view dv;
        const char *label = extra;
        if (division_get(ctx, extra, &dv) == 0)
            label = dv.self.name;
        else
            ctx->err = (wy_error){0};
        html_lit(h, "<option value=\"");
        html_attr(h, extra);
        html_lit(h, "\" selected>");
        html_text(h, label);
        html_lit(h, "</option>");
    }
}

/* The photo of the profile: shown to its volunteer, with the forms that replace and
 * remove it (photo.c). */
static void photo_section(http_req *req, html *h, const wy_error *e)
{
    wy_ctx *ctx = req_ctx(req);
    int has = 0;
    if (volunteer_photo_of(ctx, 0, &has) < 0) {
        ctx->err = (wy_error){0};
        has = 0;
    }
    html_lit(h, "<section id=\"volunteer-photo\"><h2>");
    web_t(req, h, "My photo");
    html_lit(h, "</h2>");
    const char *msg = req_query(req, "msg");
    if (msg && (!strcmp(msg, "photo_saved") || !strcmp(msg, "photo_removed"))) {
        html_lit(h, "<p class=\"flash\" role=\"status\">");
        web_t(req, h,
              !strcmp(msg, "photo_saved") ? N_("Your photo is saved.")
                                          : N_("Your photo is removed."));
        html_lit(h, "</p>");
    }
    if (has) {
        html_lit(h, "<p><img class=\"volunteer-photo\" src=\"/api/v1/me/volunteer/photo\" "
                    "width=\"120\" alt=\"");
        html_attr(h, req_tr(req, "My photo"));
        html_lit(h, "\"></p>");
    } else {
        html_lit(h, "<p class=\"muted\">");
        web_t(req, h, "No photo yet.");
        html_lit(h, "</p>");
    }
    html_lit(h, "<p class=\"muted small\">");
    web_t(req, h,
          "A JPEG, PNG or WebP image. Only you and the volunteer coordinators of your area "
          "see it.");
    html_lit(h, "</p><form method=\"post\" action=\"/me/volunteering/profile/photo\" "
                "enctype=\"multipart/form-data\" class=\"stack\" id=\"photo-form\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, has ? N_("Replace the photo") : N_("Add a photo"));
    html_lit(h, " <input type=\"file\" name=\"photo\" accept=\"image/jpeg,image/png,image/webp\" "
                "required");
    if (names(e, "photo"))
        html_lit(h, " aria-invalid=\"true\" aria-describedby=\"error-photo\"");
    html_lit(h, "></label>");
    note(req, h, e, "photo");
    html_lit(h, "<button type=\"submit\">");
    web_t(req, h, "Upload");
    html_lit(h, "</button></form>");
    if (has) {
        html_lit(h, "<form method=\"post\" action=\"/me/volunteering/profile/photo/remove\" "
                    "id=\"photo-remove\">");
        web_csrf_field(req, h);
        html_lit(h, "<button type=\"submit\" class=\"secondary\">");
        web_t(req, h, "Remove the photo");
        html_lit(h, "</button></form>");
    }
    html_lit(h, "</section>");
}

static void form_page(http_req *req, const profile_form *f, int registered, const wy_error *e,
                      int status)
{
    html h;
    const char *title = registered ? N_("My volunteer profile") : N_("Register as a volunteer");
    web_begin(req, &h, req_tr(req, title));
    html_lit(&h, "<article class=\"card\" id=\"volunteer-profile\"><h1>");
    web_t(req, &h, title);
    html_lit(&h, "</h1><p class=\"small\"><a href=\"/me/volunteering\">");
    web_t(req, &h, "My volunteering");
    html_lit(&h, "</a> · <a href=\"/volunteering\">");
    web_t(req, &h, "Volunteer projects");
    html_lit(&h, "</a></p>");
    const char *msg = req_query(req, "msg");
    if (msg && !strcmp(msg, "profile_saved")) {
        html_lit(&h, "<p class=\"flash\" role=\"status\">");
        web_t(req, &h, "Your volunteer profile is saved.");
        html_lit(&h, "</p>");
    }
    if (!registered) {
        html_lit(&h, "<p>");
        web_t(req, &h,
              "Volunteers sign up for the shifts of published projects; their hours are "
              "recorded and certified by the organisation. Register with your real name: "
              "your phone number is the account's, never shown in full to anyone.");
        html_lit(&h, "</p>");
    }
    if (e && !e->field) {
        html_lit(&h, "<p class=\"form-error\" role=\"alert\">");
        web_t(req, &h, e->message);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<form method=\"post\" action=\"/me/volunteering/profile\" class=\"stack\">");
    web_csrf_field(req, &h);
    input(req, &h, e, N_("Real name"), "text", "real_name", f->real_name, REAL_NAME);
    input(req, &h, e, N_("Birth date"), "date", "birth_date", f->birth_date, BIRTH_DATE);
    vol_skill_boxes(req, &h, N_("My skills"), f->skills);
    note(req, &h, e, "skills");
    html_lit(&h, "<label>");
    web_t(req, &h, "When I can serve");
    html_lit(&h, " <textarea name=\"availability\" rows=\"2\" maxlength=\"200\" placeholder=\"");
    html_attr(&h, req_tr(req, "for instance: weekends, weekday evenings"));
    html_lit(&h, "\">");
    html_text(&h, f->availability ? f->availability : "");
    html_lit(&h, "</textarea></label>");
    note(req, &h, e, "availability");
    html_lit(&h, "<fieldset><legend>");
    web_t(req, &h, "Where I serve (the first is where staff find me)");
    html_lit(&h, "</legend>");
    for (int i = 0; i < VOLUNTEER_AREAS_MAX; i++) {
        html_lit(&h, "<label>");
        html_int(&h, i + 1);
        html_lit(&h, " <select name=\"area");
        html_int(&h, i + 1);
        html_lit(&h, "\"");
        if (!i)
            html_lit(&h, " required");
        html_lit(&h, ">");
        area_options(req, &h, f->areas[i]);
        html_lit(&h, "</select></label>");
    }
    html_lit(&h, "</fieldset>");
    note(req, &h, e, "areas");
    html_lit(&h, "<fieldset><legend>");
    web_t(req, &h, "Under 18: your guardian's consent");
    html_lit(&h, "</legend><p class=\"muted small\">");
    web_t(req, &h,
          "A volunteer under 18 registers with a guardian's consent: the guardian's name, "
          "phone and the date of consent. Leave these empty if you are 18 or over.");
    html_lit(&h, "</p>");
    input(req, &h, e, N_("Guardian's name"), "text", "guardian_name", f->guardian_name, SHORT_NAME);
    input(req, &h, e, N_("Guardian's phone"), "tel", "guardian_phone", f->guardian_phone, PHONE);
    input(req, &h, e, N_("Date of consent"), "date", "guardian_consent", f->guardian_consent,
          PLAIN);
    html_lit(&h, "</fieldset><button type=\"submit\">");
    web_t(req, &h, registered ? N_("Save") : N_("Register"));
    html_lit(&h, "</button></form>");
    if (registered)
        photo_section(req, &h, e);
    html_lit(&h, "</article>");
    web_end(req, &h, status);
}

/* ",a,b," -> up to max items (strings in the request's arena) */
static void split(http_req *req, const char *joined, const char **out, size_t max)
{
    size_t n = 0;
    const char *s = joined;
    while (s && *s && n < max) {
        const char *e = strchr(s + 1, ',');
        if (!e)
            break;
        if (e > s + 1)
            out[n++] = arena_strndup(&req->a, s + 1, (size_t)(e - s - 1));
        s = e;
    }
}

static void profile_page(http_req *req, const wy_error *e, int status)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer v;
    profile_form f = {0};
    int registered = volunteer_me(ctx, &v) == 0;
    if (registered) {
        f = (profile_form){.real_name = v.real_name,
                           .birth_date = v.birth_date,
                           .skills = v.skills,
                           .availability = v.availability,
                           .guardian_name = v.guardian_name,
                           .guardian_phone = v.guardian_phone,
                           .guardian_consent = v.guardian_consent};
        split(req, v.areas, f.areas, VOLUNTEER_AREAS_MAX);
    } else {
        if (ctx->err.cls != E_NOTFOUND) {
            resp_fail(req);
            return;
        }
        ctx->err = (wy_error){0};
        f.real_name = ctx->who ? ctx->who->name : NULL;
        f.areas[0] = ctx->who ? ctx->who->division : NULL;
    }
    form_page(req, &f, registered, e, status);
}

void page_volunteer_profile(http_req *req)
{
    profile_page(req, NULL, 200);
}

/* A refusal of the photo's forms: the page again with it beside the photo (or the error
 * page for what is not the form's fault). */
static void photo_refused(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    wy_error e = ctx->err;
    if (e.cls != E_INVALID) {
        resp_fail(req);
        return;
    }
    ctx->err = (wy_error){0};
    if (!e.field)
        e.field = "photo";
    profile_page(req, &e, errclass_status(e.cls));
}

void page_volunteer_photo_post(http_req *req)
{
    const char *data = NULL, *type = NULL;
    size_t len = 0;
    if (req_file(req, "photo", &data, &len, &type) < 0) {
        data = NULL;
        len = 0;
    }
    const char *fname = NULL;
    for (size_t i = 0; i < req->in.parts.n; i++)
        if (req->in.parts.items[i].name && !strcmp(req->in.parts.items[i].name, "photo"))
            fname = req->in.parts.items[i].filename;
    attachment_file f = {fname && *fname ? fname : "photo", type, data, len};
    attachment out;
    if (volunteer_photo_set(req_ctx(req), &f, &out) < 0) {
        photo_refused(req);
        return;
    }
    resp_redirect(req, "/me/volunteering/profile?msg=photo_saved#volunteer-photo");
}

void page_volunteer_photo_remove_post(http_req *req)
{
    if (volunteer_photo_remove(req_ctx(req)) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/volunteering/profile?msg=photo_removed#volunteer-photo");
}

static const char *form_value(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    return v && *v ? v : NULL;
}

void page_volunteer_profile_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer v;
    int registered = volunteer_me(ctx, &v) == 0;
    if (!registered && ctx->err.cls != E_NOTFOUND) {
        resp_fail(req);
        return;
    }
    ctx->err = (wy_error){0};
    const char *skills[VOLUNTEER_SKILLS_MAX + 4], *areas[VOLUNTEER_AREAS_MAX];
    volunteer_input in = {.real_name = form_value(req, "real_name"),
                          .birth_date = form_value(req, "birth_date"),
                          .skills = skills,
                          .availability = form_value(req, "availability"),
                          .areas = areas,
                          .guardian_name = form_value(req, "guardian_name"),
                          .guardian_phone = form_value(req, "guardian_phone"),
                          .guardian_consent = form_value(req, "guardian_consent")};
    in.nskills = vol_skills_of_form(req, skills, VOLUNTEER_SKILLS_MAX + 4);
    profile_form f = {.real_name = in.real_name,
                      .birth_date = in.birth_date,
                      .availability = in.availability,
                      .guardian_name = in.guardian_name,
                      .guardian_phone = in.guardian_phone,
                      .guardian_consent = in.guardian_consent};
    for (int i = 0; i < VOLUNTEER_AREAS_MAX; i++) {
        const char *a = form_value(req, arena_sprintf(&req->a, "area%d", i + 1));
        f.areas[i] = a;
        if (a)
            areas[in.nareas++] = a;
    }
    strbuf joined = STRBUF_INIT; /* the skills ticked, to tick them again */
    sb_add(&joined, ",", 1);
    for (size_t i = 0; i < in.nskills; i++) {
        sb_add(&joined, skills[i], strlen(skills[i]));
        sb_add(&joined, ",", 1);
    }
    f.skills = arena_strndup(&req->a, joined.buf ? joined.buf : ",", joined.len);
    sb_release(&joined);
    int64_t id;
    int rc = registered ? volunteer_update(ctx, &in) : volunteer_register(ctx, &in, &id);
    if (rc == 0) {
        resp_redirect(req, "/me/volunteering/profile?msg=profile_saved");
        return;
    }
    wy_error e = ctx->err;
    if (e.cls != E_INVALID && e.cls != E_RULE && e.cls != E_CONFLICT) {
        resp_fail(req);
        return;
    }
    ctx->err = (wy_error){0};
    form_page(req, &f, registered, &e, errclass_status(e.cls));
}
