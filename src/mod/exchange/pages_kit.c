/* pages_kit: see pages_kit.h. */
#include "mod/exchange/pages_kit.h"

#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/exchange/exchange.h"

#define N_(s) s /* a msgid translated where it is shown */

const web_term exchange_activity_kinds[] = {
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

const web_term exchange_partner_kinds[] = {
    {"friendship_city", N_("friendship city")},
    {"local_government", N_("local government")},
    {"organisation", N_("organisation")},
    {NULL, NULL},
};

const web_term exchange_agreement_kinds[] = {
    {"friendship_city", N_("friendship-city agreement")},
    {"memorandum", N_("memorandum")},
    {"alliance_charter", N_("alliance charter")},
    {NULL, NULL},
};

/* scopes, sectors and review states; the partner's "friendship_city" is found first */
static const web_term others[] = {
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

const char *exchange_term_label(http_req *req, const char *key)
{
    if (!key)
        return "";
    const char *m = web_term_msgid(exchange_activity_kinds, key);
    if (!m)
        m = web_term_msgid(exchange_partner_kinds, key);
    if (!m)
        m = web_term_msgid(others, key);
    return m ? req_tr(req, m) : key;
}

const char *exchange_text_lang(http_req *req, const char *zh, const char *en)
{
    return req->lang == LANG_EN && en && *en ? en : zh ? zh : "";
}

void exchange_status_badge(http_req *req, html *h, const char *status)
{
    const char *m = web_term_msgid(others, status);
    if (m)
        web_badge(req, h, status, m);
    else
        html_text(h, status);
}

/* ================= the staff's forms ================= */

/* A form of these pages refused: 422/400/409 with the page again; other failures as they
 * are (0). */
int exchange_refused(http_req *req, const char *form, int64_t id, web_refusal *f)
{
    /* nobody decides or scores their own work: the refusal is shown on the page (403) */
    static const char *const own[] = {"own_work", "own_submission", NULL};
    return web_refused(req, form, id, f, own);
}

static const web_flash_msg flashes[] = {
    {"activity_created", N_("The draft exchange activity is written."), 0},
    {"activity_submitted", N_("The exchange activity is submitted for review."), 0},
    {"activity_published", N_("The exchange activity is published."), 0},
    {"figures_recorded", N_("The figures are recorded."), 0},
    {"partner_created", N_("The partner is added."), 0},
    {"agreement_created", N_("The agreement is added."), 0},
    {"channel_created", N_("The channel is added."), 0},
    {"intent_created", N_("The intent is recorded."), 0},
    {"followup_created", N_("The follow-up is added."), 0},
    {"followup_updated", N_("The follow-up is updated."), 0},
    {"fund_added", N_("The fund is recorded."), 0},
    {"delegate_added", N_("The member of the delegation is added."), 0},
    {"attachment_added", N_("The file is attached."), 0},
    {"scores_saved", N_("Your scores are saved."), 0},
    {"evaluation_closed", N_("The evaluation is closed."), 0},
    {"plan_created", N_("The plan entry is written."), 0},
    {"plan_submitted", N_("The plan entry is submitted for review."), 0},
    {"plan_approved", N_("The plan entry is approved."), 0},
    {"lesson_created", N_("The lesson is recorded."), 0},
    {"measure_saved", N_("The indicator is recorded."), 0},
    {"rubric_saved", N_("The rubric is saved."), 0},
    {"activity_updated", N_("The activity is changed."), 0},
    {"fund_deleted", N_("The fund is deleted."), 0},
    {"delegate_deleted", N_("The member of the delegation is withdrawn."), 0},
    {"attachment_deleted", N_("The file is deleted."), 0},
    {"evaluation_reopened", N_("The evaluation is reopened."), 0},
    {"partner_deleted", N_("The partner is deleted."), 0},
    {"agreement_deleted", N_("The agreement is deleted."), 0},
    {"programme_added", N_("The programme item is added."), 0},
    {"programme_updated", N_("The programme item is updated."), 0},
    {"programme_deleted", N_("The programme item is deleted."), 0},
    {"partner_updated", N_("The partner is changed."), 0},
    {"agreement_updated", N_("The agreement is changed."), 0},
    {"fund_updated", N_("The fund is changed."), 0},
    {"delegate_updated", N_("The member of the delegation is changed."), 0},
    {"lesson_updated", N_("The lesson is changed."), 0},
    {"lesson_deleted", N_("The lesson is deleted."), 0},
    {"measure_deleted", N_("The indicator is deleted."), 0},
    {"plan_updated", N_("The plan entry is changed."), 0},
    {"plan_withdrawn", N_("The plan entry is withdrawn."), 0},
    {"stops_updated", N_("The partners and stops are changed."), 0},
    {"channel_updated", N_("The channel is changed."), 0},
    {"channel_deleted", N_("The channel is deleted."), 0},
    {"intent_updated", N_("The intent is changed."), 0},
    {"intent_deleted", N_("The intent is deleted."), 0},
};

void exchange_flash(http_req *req, html *h)
{
    WEB_FLASH(req, h, flashes);
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
