/*
 * pages_volunteers: /admin/volunteering/volunteers, the coordinators' list of the volunteers of
 * their subtree (volunteer_list: those whose first service area lies in it), as
 * GET /api/v1/volunteers gives it: the name and phone masked, the age, whether a minor's guardian
 * consented, skills, availability, no-shows, and the photo where the caller may see it (the
 * photo's own route checks again and records each read as personal.read). Filtered by division
 * and skill, 20 a page.
 */
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/certificate.h"
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/pages_kit.h"
#include "mod/volunteers/volunteer.h"

#define N_(s) s /* a msgid translated where it is shown */
#define PAGE  20

static void filters(http_req *req, html *h, const char *division, const char *skill)
{
    html_lit(h, "<form method=\"get\" class=\"filters\" action=\"/admin/volunteering/volunteers\">"
                "<label>");
    web_t(req, h, "Division code");
    html_lit(h, " <input name=\"division\" inputmode=\"numeric\" maxlength=\"12\" value=\"");
    html_attr(h, division ? division : "");
    html_lit(h, "\"></label><label>");
    web_t(req, h, "Skill");
    html_lit(h, " <select name=\"skill\"><option value=\"\">");
    web_t(req, h, "All skills");
    html_lit(h, "</option>");
    for (size_t i = 0; i < vol_nskill_names; i++) {
        html_lit(h, "<option value=\"");
        html_attr(h, vol_skill_names[i].key);
        html_lit(h, "\"");
        if (skill && !strcmp(skill, vol_skill_names[i].key))
            html_lit(h, " selected");
        html_lit(h, ">");
        web_t(req, h, vol_skill_names[i].msgid);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label><button type=\"submit\" class=\"secondary\">");
    web_t(req, h, "Filter");
    html_lit(h, "</button></form>");
}

static void row(http_req *req, html *h, const volunteer *v)
{
    wy_ctx *ctx = req_ctx(req);
    char phone[PHONE_MASKED_MAX], name[CERTIFICATE_NAME_MASKED];
    account_mask_phone(v->phone, phone);
    certificate_mask_name(v->real_name, name);
    int has = 0;
    if (volunteer_photo_of(ctx, v->id, &has) < 0) {
        ctx->err = (wy_error){0};
        has = 0;
    }
    html_lit(h, "<tr id=\"volunteer-");
    html_int(h, v->id);
    html_lit(h, "\"><td>");
    if (has) {
        html_lit(h, "<img class=\"volunteer-photo\" width=\"48\" loading=\"lazy\" "
                    "src=\"/api/v1/volunteers/");
        html_int(h, v->id);
        html_lit(h, "/photo\" alt=\"");
        html_attr(h, req_tr(req, "Photo"));
        html_lit(h, "\">");
    }
    html_lit(h, "</td><td>");
    html_text(h, name);
    int age = volunteer_age(v->birth_date, ctx->now);
    html_lit(h, "<br><span class=\"small\">");
    html_int(h, age);
    html_lit(h, " ");
    web_t(req, h, "years");
    if (age < VOLUNTEER_ADULT_AGE) {
        html_lit(h, " · ");
        web_t(req, h, v->guardian_name ? N_("guardian consented") : N_("no guardian consent"));
    }
    html_lit(h, "</span></td><td>");
    html_text(h, phone);
    html_lit(h, "</td><td>");
    vol_skills_text(req, h, v->skills, "none");
    if (v->availability && *v->availability) {
        html_lit(h, "<br><span class=\"small\">");
        html_text(h, v->availability);
        html_lit(h, "</span>");
    }
    html_lit(h, "</td><td>");
    html_text(h, v->division);
    html_lit(h, "</td><td class=\"num\">");
    html_int(h, v->no_shows);
    html_lit(h, "</td></tr>");
}

void page_admin_volunteers_list(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division = req_query(req, "division");
    const char *skill = req_query(req, "skill");
    const char *cursor = req_query(req, "cursor");
    if (division && !*division)
        division = NULL;
    if (skill && !*skill)
        skill = NULL;
    volunteer *vs;
    size_t n;
    int status = 200;
    if (volunteer_list(ctx, division, skill, cursor ? atoll(cursor) : 0, PAGE, &vs, &n) < 0) {
        if (ctx->err.cls != E_INVALID) {
            resp_fail(req);
            return;
        }
        status = 400; /* a bad filter: the form again with the refusal */
        n = 0;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Volunteers"));
    html_lit(&h, "<p class=\"small\"><a href=\"/admin/volunteering\">");
    web_t(req, &h, "Volunteer shifts");
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Volunteers");
    html_lit(&h, "</h1>");
    filters(req, &h, division, skill);
    if (status != 200) {
        web_form_error(req, &h, &ctx->err);
    } else if (!n) {
        web_empty(req, &h, "No volunteers match in your area.");
    } else {
        html_lit(&h, "<div class=\"table-wrap\"><table class=\"data\" id=\"volunteers\"><thead>"
                     "<tr><th>");
        web_t(req, &h, "Photo");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Name");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Phone");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Skills");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Division");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "No-shows");
        html_lit(&h, "</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            row(req, &h, &vs[i]);
        html_lit(&h, "</tbody></table></div>");
        if (n == PAGE) {
            const char *params[] = {"division", division, "skill", skill, NULL};
            web_pager_id(req, &h, "/admin/volunteering/volunteers", vs[n - 1].id, params);
        }
    }
    web_end(req, &h, status);
}
