/* pages_kit: see pages_kit.h. */
#include "mod/exchange/pages_kit.h"

#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/exchange/exchange.h"

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
    {"programme_overdue", N_("programme item late")},
    {"planned", N_("item planned")},
    {"done", N_("item done")},
    {"dropped", N_("item dropped")},
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

/* ================= the staff's forms ================= */

/* Which form was refused (form, id the record it acts on), and why. */
const wy_error *exchange_refusal_of(const exchange_staff_form *f, const char *form, int64_t id)
{
    return f && !strcmp(f->form, form) && f->id == id ? &f->e : NULL;
}

/* A form of these pages refused: 422/400/409 with the page again; other failures as they
 * are (0). */
int exchange_refused(http_req *req, const char *form, int64_t id, exchange_staff_form *f)
{
    wy_ctx *ctx = req_ctx(req);
    *f = (exchange_staff_form){.form = form, .id = id, .e = ctx->err};
    /* nobody decides or scores their own work: the refusal is shown on the page (403) */
    int own = f->e.cls == E_FORBIDDEN && f->e.code &&
              (!strcmp(f->e.code, "own_work") || !strcmp(f->e.code, "own_submission"));
    if (f->e.cls != E_INVALID && f->e.cls != E_RULE && f->e.cls != E_CONFLICT && !own) {
        resp_fail(req);
        return 0;
    }
    ctx->err = (wy_error){0};
    return own ? 403 : errclass_status(f->e.cls);
}

static const struct {
    const char *key, *msgid;
} flashes[] = {
    {"activity_created", N_("The draft exchange activity is written.")},
    {"activity_submitted", N_("The exchange activity is submitted for review.")},
    {"activity_published", N_("The exchange activity is published.")},
    {"figures_recorded", N_("The figures are recorded.")},
    {"partner_created", N_("The partner is added.")},
    {"agreement_created", N_("The agreement is added.")},
    {"channel_created", N_("The channel is added.")},
    {"intent_created", N_("The intent is recorded.")},
    {"followup_created", N_("The follow-up is added.")},
    {"followup_updated", N_("The follow-up is updated.")},
    {"fund_added", N_("The fund is recorded.")},
    {"delegate_added", N_("The member of the delegation is added.")},
    {"attachment_added", N_("The file is attached.")},
    {"scores_saved", N_("Your scores are saved.")},
    {"evaluation_closed", N_("The evaluation is closed.")},
    {"plan_created", N_("The plan entry is written.")},
    {"plan_submitted", N_("The plan entry is submitted for review.")},
    {"plan_approved", N_("The plan entry is approved.")},
    {"lesson_created", N_("The lesson is recorded.")},
    {"measure_saved", N_("The indicator is recorded.")},
    {"rubric_saved", N_("The rubric is saved.")},
    {"activity_updated", N_("The activity is changed.")},
    {"fund_deleted", N_("The fund is deleted.")},
    {"delegate_deleted", N_("The member of the delegation is withdrawn.")},
    {"attachment_deleted", N_("The file is deleted.")},
    {"evaluation_reopened", N_("The evaluation is reopened.")},
    {"partner_deleted", N_("The partner is deleted.")},
    {"agreement_deleted", N_("The agreement is deleted.")},
    {"programme_added", N_("The programme item is added.")},
    {"programme_updated", N_("The programme item is updated.")},
    {"programme_deleted", N_("The programme item is deleted.")},
};

void exchange_flash(http_req *req, html *h)
{
    const char *m = req_query(req, "msg");
    for (size_t i = 0; m && i < sizeof(flashes) / sizeof(flashes[0]); i++)
        if (!strcmp(m, flashes[i].key)) {
            html_lit(h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
            web_t(req, h, flashes[i].msgid);
            html_lit(h, "</p>");
            return;
        }
    web_flash(req, h);
}

/* The staff's links between the module's pages. */
void exchange_staff_links(http_req *req, html *h)
{
    html_lit(h, "<p class=\"small\" id=\"exchange-staff-links\"><a href=\"/admin/exchange\">");
    web_t(req, h, "Exchange activities");
    html_lit(h, "</a> · <a href=\"/admin/exchange/partners\">");
    web_t(req, h, "Partners and agreements");
    html_lit(h, "</a> · <a href=\"/admin/exchange/channels\">");
    web_t(req, h, "Channels and intents");
    html_lit(h, "</a> · <a href=\"/admin/exchange/alerts\">");
    web_t(req, h, "Alerts");
    html_lit(h, "</a> · <a href=\"/admin/exchange/calendar\">");
    web_t(req, h, "Calendar");
    html_lit(h, "</a> · <a href=\"/admin/exchange/ranking\">");
    web_t(req, h, "Ranking");
    html_lit(h, "</a> · <a href=\"/admin/exchange/ranking/partners\">");
    web_t(req, h, "Ranking of partnerships");
    html_lit(h, "</a> · <a href=\"/admin/exchange/rubric\">");
    web_t(req, h, "Rubric");
    html_lit(h, "</a> · <a href=\"/admin/exchange/conversion\">");
    web_t(req, h, "Conversion time");
    html_lit(h, "</a> · <a href=\"/admin/exchange/funds\">");
    web_t(req, h, "Funds");
    html_lit(h, "</a> · <a href=\"/admin/exchange/lessons\">");
    web_t(req, h, "Lessons learned");
    html_lit(h, "</a> · <a href=\"/exchange\">");
    web_t(req, h, "Public page");
    html_lit(h, "</a></p>");
}

/* The subtree the page lists: ?division=, else the caller's widest of EXCHANGE_PERM. */
const char *exchange_area(http_req *req)
{
    const char *d = req_query(req, "division");
    if (d && *d)
        return d;
    const char *s = authz_scope(req_ctx(req)->who, EXCHANGE_PERM);
    return s ? s : "";
}

/* The city (its first four digits) of a division code: an activity's partners and channel,
 * and an intent's partner, are of the record's city (the rules refuse another city's), so the
 * forms offer those of the city, not only of the area listed. */
const char *exchange_city_of(http_req *req, const char *div)
{
    return div && strlen(div) > 4 ? arena_strndup(&req->a, div, 4) : div ? div : "";
}

/* A field: the value entered when its form was refused (e), else value. */
const char *exchange_entered(http_req *req, const wy_error *e, const char *name, const char *value)
{
    return e ? req_form(req, name) : value;
}

/* <label>label <input name type …></label> and its refusal. */
void exchange_input(http_req *req, html *h, const char *name, const char *label, const char *type,
                    int maxlength, int required, const wy_error *e, const char *value)
{
    const char *v = exchange_entered(req, e, name, value);
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\"");
    if (maxlength) {
        html_lit(h, " maxlength=\"");
        html_int(h, maxlength);
        html_lit(h, "\"");
    }
    if (!strcmp(type, "number"))
        html_lit(h, " min=\"0\" inputmode=\"numeric\"");
    if (required)
        html_lit(h, " required");
    if (v) {
        html_lit(h, " value=\"");
        html_attr(h, v);
        html_lit(h, "\"");
    }
    if (e && e->field && !strcmp(e->field, name)) {
        html_lit(h, " aria-invalid=\"true\" aria-describedby=\"error-");
        html_attr(h, name);
        html_lit(h, "\"");
    }
    html_lit(h, "></label>");
    exchange_form_note(req, h, e, name);
}

void exchange_textarea(http_req *req, html *h, const char *name, const char *label, int maxlength,
                       const wy_error *e)
{
    const char *v = exchange_entered(req, e, name, NULL);
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <textarea name=\"");
    html_attr(h, name);
    html_lit(h, "\" rows=\"3\" maxlength=\"");
    html_int(h, maxlength);
    html_lit(h, "\">");
    html_text(h, v ? v : "");
    html_lit(h, "</textarea></label>");
    exchange_form_note(req, h, e, name);
}

/* <label>label <select name>terms</select></label> and its refusal. */
void exchange_choice(http_req *req, html *h, const char *name, const char *label,
                     const exchange_term *terms, const wy_error *e)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " ");
    exchange_term_select(req, h, name, terms, e ? req_form(req, name) : NULL, NULL);
    html_lit(h, "</label>");
    exchange_form_note(req, h, e, name);
}

void exchange_record_select(http_req *req, html *h, const char *name, const char *label,
                            const void *records, size_t n, size_t size, size_t id_off,
                            size_t name_off, int none, const wy_error *e)
{
    const char *chosen = e ? req_form(req, name) : NULL;
    int64_t want = chosen && *chosen ? atoll(chosen) : 0;
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <select name=\"");
    html_attr(h, name);
    if (none) {
        html_lit(h, "\"><option value=\"\">");
        web_t(req, h, "none");
        html_lit(h, "</option>");
    } else
        html_lit(h, "\" required>");
    for (size_t i = 0; i < n; i++) {
        const char *r = (const char *)records + i * size;
        int64_t id;
        const char *nm;
        memcpy(&id, r + id_off, sizeof id);
        memcpy(&nm, r + name_off, sizeof nm);
        html_lit(h, "<option value=\"");
        html_int(h, id);
        html_lit(h, "\"");
        if (want && want == id)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, nm ? nm : "");
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label>");
    exchange_form_note(req, h, e, name);
}

void exchange_submit_button(http_req *req, html *h, const char *msgid)
{
    html_lit(h, "<button type=\"submit\" class=\"button\">");
    web_t(req, h, msgid);
    html_lit(h, "</button>");
}

void exchange_form_open(http_req *req, html *h, const char *id, const char *action)
{
    html_lit(h, "<form method=\"post\" class=\"stack\" id=\"");
    html_attr(h, id);
    html_lit(h, "\" action=\"");
    html_attr(h, action);
    html_lit(h, "\">");
    web_csrf_field(req, h);
}

/* A form field as the rules take it: absent or empty is NULL (not given). */
const char *exchange_opt(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    return v && *v ? v : NULL;
}

/* A whole number of the form: empty is -1 (not given), a bad one -2. */
int64_t exchange_number(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    if (!v || !*v)
        return -1;
    char *end;
    long long n = strtoll(v, &end, 10);
    return *end || n < 0 ? -2 : n;
}
