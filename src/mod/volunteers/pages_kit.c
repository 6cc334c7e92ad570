/* pages_kit: see pages_kit.h. */
#include "mod/volunteers/pages_kit.h"

#include <string.h>

#define N_(s) s /* a msgid translated where it is shown */

const vol_skill_name vol_skill_names[] = {
    {"guide", N_("guiding")},
    {"library", N_("library work")},
    {"usher", N_("ushering")},
    {"performance", N_("performing")},
    {"teaching", N_("teaching")},
    {"photography", N_("photography")},
    {"first-aid", N_("first aid")},
    {"translation", N_("translation")},
    {"it", N_("IT")},
    {"elderly", N_("helping the elderly")},
    {"children", N_("children's activities")},
    {"publicity", N_("publicity")},
};
const size_t vol_nskill_names = sizeof(vol_skill_names) / sizeof(vol_skill_names[0]);

const char *vol_skill_label(http_req *req, const char *key)
{
    for (size_t i = 0; i < vol_nskill_names; i++)
        if (!strcmp(vol_skill_names[i].key, key))
            return req_tr(req, vol_skill_names[i].msgid);
    return key;
}

void vol_skills_text(http_req *req, html *h, const char *joined, const char *empty_msgid)
{
    const char *s = joined;
    int first = 1;
    while (s && *s) {
        const char *e = strchr(s + 1, ',');
        if (!e)
            break;
        if (e > s + 1) {
            if (!first)
                html_lit(h, "、");
            html_text(h, vol_skill_label(req, arena_strndup(&req->a, s + 1, (size_t)(e - s - 1))));
            first = 0;
        }
        s = e;
    }
    if (first)
        web_t(req, h, empty_msgid);
}

void vol_skill_boxes(http_req *req, html *h, const char *legend_msgid, const char *checked)
{
    html_lit(h, "<fieldset><legend>");
    web_t(req, h, legend_msgid);
    html_lit(h, "</legend>");
    for (size_t i = 0; i < vol_nskill_names; i++) {
        html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"skill_");
        html_attr(h, vol_skill_names[i].key);
        html_lit(h, "\" value=\"1\"");
        const char *tagged = arena_sprintf(&req->a, ",%s,", vol_skill_names[i].key);
        if (checked && tagged && strstr(checked, tagged))
            html_lit(h, " checked");
        html_lit(h, "> ");
        web_t(req, h, vol_skill_names[i].msgid);
        html_lit(h, "</label> ");
    }
    html_lit(h, "</fieldset>");
}

size_t vol_skills_of_form(http_req *req, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < vol_nskill_names && n < max; i++)
        if (req_form(req, arena_sprintf(&req->a, "skill_%s", vol_skill_names[i].key)))
            out[n++] = vol_skill_names[i].key;
    return n;
}

void vol_excuse_form(http_req *req, html *h, int64_t signup_id)
{
    html_lit(h, "<details class=\"excuse\"><summary>");
    web_t(req, h, "Excuse no-show");
    html_lit(h, "</summary><form method=\"post\" class=\"excuse-form\" "
                "action=\"/volunteer-signups/");
    html_int(h, signup_id);
    html_lit(h, "/excuse\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Why");
    html_lit(h, " <input name=\"reason\" required minlength=\"2\" maxlength=\"500\">"
                "</label><button type=\"submit\" class=\"secondary\">");
    web_t(req, h, "Excuse no-show");
    html_lit(h, "</button></form></details>");
}
