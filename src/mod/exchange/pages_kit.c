/* pages_kit: see pages_kit.h. */
#include "mod/exchange/pages_kit.h"

#include <string.h>

#define N_(s) s /* a msgid translated where it is shown */

const exchange_term exchange_activity_kinds[] = {
    {"tour", N_("performance tour")},
    {"culture_week", N_("culture week")},
    {"culture_month", N_("culture month")},
    {"culture_year", N_("culture year")},
    {"festival", N_("festival")},
    {"expo", N_("expo")},
    {"forum", N_("forum")},
    {"joint_creation", N_("joint creation")},
    {"heritage", N_("heritage cooperation")},
    {"training", N_("training")},
    {"study_visit", N_("study visit")},
    {NULL, NULL},
};

const exchange_term exchange_partner_kinds[] = {
    {"friendship_city", N_("friendship city")},
    {"local_government", N_("local government")},
    {"organisation", N_("organisation")},
    {NULL, NULL},
};

const exchange_term exchange_agreement_kinds[] = {
    {"friendship_city", N_("friendship-city agreement")},
    {"memorandum", N_("memorandum")},
    {"alliance_charter", N_("alliance charter")},
    {NULL, NULL},
};

/* scopes, sectors and review states; the partner's "friendship_city" is found first */
static const exchange_term others[] = {
    {"foreign", N_("foreign")},
    {"domestic", N_("domestic")},
    {"international", N_("international")},
    {"government", N_("government")},
    {"nongovernment", N_("non-government")},
    {"draft", N_("draft")},
    {"pending", N_("pending review")},
    {"published", N_("published")},
    {"rejected", N_("rejected")},
    {"dormant", N_("dormant")},
    {"renewal_due", N_("renewal due")},
    {"renewal_overdue", N_("renewal overdue")},
    /* the review queue names the content type (mod/admin) */
    {"exchange_activity", N_("exchange_activity")},
    {NULL, NULL},
};

static const char *lookup(const exchange_term *t, const char *key)
{
    for (; t->key; t++)
        if (!strcmp(t->key, key))
            return t->msgid;
    return NULL;
}

const char *exchange_term_label(http_req *req, const char *key)
{
    if (!key)
        return "";
    const char *m = lookup(exchange_activity_kinds, key);
    if (!m)
        m = lookup(exchange_partner_kinds, key);
    if (!m)
        m = lookup(others, key);
    return m ? req_tr(req, m) : key;
}

void exchange_term_select(http_req *req, html *h, const char *name, const exchange_term *terms,
                          const char *chosen, const char *any_msgid)
{
    html_lit(h, "<select name=\"");
    html_attr(h, name);
    html_lit(h, "\">");
    if (any_msgid) {
        html_lit(h, "<option value=\"\">");
        web_t(req, h, any_msgid);
        html_lit(h, "</option>");
    }
    for (const exchange_term *t = terms; t->key; t++) {
        html_lit(h, "<option value=\"");
        html_attr(h, t->key);
        html_lit(h, "\"");
        if (chosen && !strcmp(chosen, t->key))
            html_lit(h, " selected");
        html_lit(h, ">");
        web_t(req, h, t->msgid);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select>");
}

const char *exchange_text_lang(http_req *req, const char *zh, const char *en)
{
    return req->lang == LANG_EN && en && *en ? en : zh ? zh : "";
}

void exchange_fact(html *h, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    html_lit(h, "<dt>");
    html_text(h, label);
    html_lit(h, "</dt><dd>");
    html_text(h, value);
    html_lit(h, "</dd>");
}

void exchange_status_badge(http_req *req, html *h, const char *status)
{
    const char *m = lookup(others, status);
    if (m)
        web_badge(req, h, status, m);
    else
        html_text(h, status);
}

void exchange_form_note(http_req *req, html *h, const wy_error *e, const char *field)
{
    if (!e || !e->field || strcmp(e->field, field))
        return;
    html_lit(h, "<p class=\"form-error field-error\" id=\"error-");
    html_attr(h, field);
    html_lit(h, "\">");
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}

void exchange_form_top_error(http_req *req, html *h, const wy_error *e)
{
    if (!e || !e->cls || e->field)
        return;
    html_lit(h, "<p class=\"form-error\" role=\"alert\">");
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}
