/*
 * pages_staff: the staff's pages of the exchange module under /admin/exchange, for holders of
 * EXCHANGE_PERM (indicators_manage) over their area, as the API (docs/exchange.md):
 *   /admin/exchange            the activities of every state: a draft with its partners and
 *                              several stops, submission for review, the figures afterwards
 *   /admin/exchange/partners   partners with their agreements (owners shown), a form for each
 *   /admin/exchange/channels   channels and the intents reached through them
 *   /admin/exchange/alerts     dormant partners and agreements due for renewal
 * A refused form comes back with what was entered and the refusal beside its field, as the
 * volunteers' pages do. The forms need no script: a tour's stops are rows of the form, and
 * the link "more rows" asks for the form again with more of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/exchange_managed.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#define N_(s) s /* a msgid translated where it is shown */

#define LIST_MAX  100 /* partners and channels offered in a form's choices */
#define STOP_ROWS 4   /* rows for stops in a new activity's form, unless asked for more */

static const web_term activity_scopes[] = {
    {"international", N_("international")}, {"domestic", N_("domestic")}, {NULL, NULL}};
static const web_term partner_scopes[] = {
    {"foreign", N_("foreign")}, {"domestic", N_("domestic")}, {NULL, NULL}};
static const web_term channel_sectors[] = {
    {"government", N_("government")}, {"nongovernment", N_("non-government")}, {NULL, NULL}};

/* ================= activities ================= */

static const char *const figure_names[] = {"participants", "audience", "media_reports",
                                           "online_reach", "new_followers"};
static const char *const figure_labels[] = {N_("Participants"), N_("Audience reached"),
                                            N_("Media reports"), N_("Online reach"),
                                            N_("New followers")};

static int64_t figure_of(const exchange_activity *x, size_t i)
{
    const int64_t v[] = {x->participants, x->audience, x->media_reports, x->online_reach,
                         x->new_followers};
    return v[i];
}

/* How many stop rows the form shows: ?stops= or the refused form's, within 1..100. */
static int stop_rows(http_req *req)
{
    const char *s = req_form(req, "stops");
    if (!s)
        s = req_query(req, "stops");
    int n = s ? atoi(s) : STOP_ROWS;
    return n < 1 ? STOP_ROWS : n > EXCHANGE_MAX_STOPS ? EXCHANGE_MAX_STOPS : n;
}

static void activity_item(http_req *req, html *h, const exchange_activity *x, const web_refusal *f)
{
    const wy_error *se = web_refusal_of(f, "submit", x->id),
                   *fe = web_refusal_of(f, "figures", x->id);
    html_lit(h, "<li id=\"activity-");
    html_int(h, x->id);
    html_lit(h, "\"><strong><a href=\"/exchange/activities/");
    html_int(h, x->id);
    html_lit(h, "\">");
    html_text(h, exchange_text_lang(req, x->title, x->title_en));
    html_lit(h, "</a></strong> ");
    exchange_status_badge(req, h, x->status);
    html_lit(h, "<br><span class=\"small\">");
    html_text(h, exchange_term_label(req, x->kind));
    html_lit(h, " · ");
    html_text(h, x->starts_on);
    html_lit(h, " – ");
    html_text(h, x->ends_on);
    html_lit(h, " · ");
    html_text(h, division_name(req_ctx(req), x->division));
    html_lit(h, " · <a class=\"staff-page\" href=\"/admin/exchange/activities/");
    html_int(h, x->id);
    html_lit(h, "\">");
    web_t(req, h, "Follow-ups, funds, delegation, evaluation");
    html_lit(h, "</a></span>");
    web_form_error(req, h, se);
    if (!strcmp(x->status, "draft") || !strcmp(x->status, "rejected")) {
        html_lit(h, "<form method=\"post\" class=\"inline submit-form\" "
                    "action=\"/admin/exchange/activities/");
        html_int(h, x->id);
        html_lit(h, "/submit\">");
        web_csrf_field(req, h);
        web_submit(req, h, N_("Submit for review"));
        html_lit(h, "</form>");
    }
    /* the figures, in any state */
    html_lit(h, "<details");
    if (fe)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Record figures");
    html_lit(h, "</summary><form method=\"post\" class=\"stack figures-form\" "
                "action=\"/admin/exchange/activities/");
    html_int(h, x->id);
    html_lit(h, "/figures\">");
    web_csrf_field(req, h);
    web_form_error(req, h, fe);
    for (size_t i = 0; i < sizeof(figure_names) / sizeof(figure_names[0]); i++) {
        int64_t v = figure_of(x, i);
        web_input(req, h, figure_names[i], figure_labels[i], "number", 0, 0, fe,
                  v >= 0 ? arena_sprintf(&req->a, "%lld", (long long)v) : NULL);
    }
    web_submit(req, h, N_("Record the figures"));
    html_lit(h, "</form></details></li>");
}

static void activities_page(http_req *req, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor;
    if (req_page(req, (int)config_module_int(ctx->cfg, "exchange", "page_size"), 100, &limit,
                 &cursor) < 0)
        return;
    const char *div = exchange_area(req);
    exchange_activity *xs;
    exchange_partner *ps;
    exchange_agreement *ags;
    exchange_channel *cs;
    size_t n, np, nags, nc;
    int owners;
    if (exchange_activity_managed(ctx, div, cursor, limit, &xs, &n) < 0 ||
        exchange_partner_list(ctx, exchange_city_of(req, div), 0, LIST_MAX, &ps, &np, &ags, &nags,
                              &owners) < 0 ||
        exchange_channel_list(ctx, exchange_city_of(req, div), 0, LIST_MAX, &cs, &nc) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Exchange activities"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Exchange activities");
    html_lit(&h, "</h1>");
    exchange_flash(req, &h);
    html_lit(&h, "<section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No exchange activity in your area yet.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-admin-activities\">");
    for (size_t i = 0; i < n; i++)
        activity_item(req, &h, &xs[i], f);
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/admin/exchange", xs[n - 1].id,
                     (const char *[]){"division", req_query(req, "division"), NULL});
    html_lit(&h, "</section>");

    /* a new draft, with its partners and stops */
    const wy_error *e = web_refusal_of(f, "create", 0);
    int rows = stop_rows(req);
    html_lit(&h, "<section class=\"card\" id=\"new-activity\"><h2>");
    web_t(req, &h, "Write an exchange activity");
    html_lit(&h, "</h2>");
    web_form_open(req, &h, "exchange-activity-form", "/admin/exchange/activities", 0);
    web_form_error(req, &h, e);
    html_lit(&h, "<input type=\"hidden\" name=\"stops\" value=\"");
    html_int(&h, rows);
    html_lit(&h, "\">");
    web_input(req, &h, "division", N_("Division code"), "text", 12, 1, e, div);
    web_input(req, &h, "title", N_("Title (Chinese)"), "text", 200, 1, e, NULL);
    web_input(req, &h, "title_en", N_("Title (English)"), "text", 300, 0, e, NULL);
    web_textarea(req, &h, "summary", N_("Summary (Chinese)"), 5000, e, NULL);
    web_textarea(req, &h, "summary_en", N_("Summary (English)"), 10000, e, NULL);
    web_choice(req, &h, "kind", N_("Kind"), exchange_activity_kinds, e, NULL);
    web_choice(req, &h, "scope", N_("Scope"), activity_scopes, e, NULL);
    web_record_select(req, &h, "channel_id", N_("Channel"),
                      WEB_RECORDS(cs, nc, exchange_channel, id, name), 1, e, 0);
    web_input(req, &h, "starts_on", N_("Starts on"), "date", 10, 1, e, NULL);
    web_input(req, &h, "ends_on", N_("Ends on"), "date", 10, 1, e, NULL);
    exchange_partner_checks(req, &h, "activity-partners", ps, np, e, NULL, 0);
    html_lit(&h, "<div id=\"activity-stops\"><p class=\"small\">");
    web_t(req, &h, "The stops of a tour, in order; rows left empty are skipped.");
    html_lit(&h, "</p>");
    for (int i = 1; i <= rows; i++)
        exchange_stop_row(req, &h, i, e, NULL);
    web_field_error(req, &h, e, "stops");
    if (rows < EXCHANGE_MAX_STOPS) {
        html_lit(&h, "<p class=\"small\"><a id=\"more-stops\" href=\"/admin/exchange?stops=");
        html_int(&h, rows + 4 > EXCHANGE_MAX_STOPS ? EXCHANGE_MAX_STOPS : rows + 4);
        html_lit(&h, "#new-activity\">");
        web_t(req, &h, "More rows for stops");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</div><p class=\"small\">");
    web_t(req, &h,
          "An activity is written as a draft; submit it for review to publish it. Its figures "
          "are recorded afterwards.");
    html_lit(&h, "</p>");
    web_submit(req, &h, N_("Write the draft"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_admin_exchange(http_req *req)
{
    activities_page(req, NULL, 200);
}

void page_admin_exchange_activity_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    web_refusal f;
    exchange_activity_input in = {
        .division = req_form(req, "division"),
        .title = req_form(req, "title"),
        .title_en = web_opt(req, "title_en"),
        .summary = web_opt(req, "summary"),
        .summary_en = web_opt(req, "summary_en"),
        .kind = req_form(req, "kind"),
        .scope = req_form(req, "scope"),
        .starts_on = req_form(req, "starts_on"),
        .ends_on = req_form(req, "ends_on"),
        .participants = -1,
        .audience = -1,
        .media_reports = -1,
        .online_reach = -1,
        .new_followers = -1,
    };
    const char *ch = web_opt(req, "channel_id");
    in.channel_id = ch ? atoll(ch) : 0;
    if (ch && in.channel_id <= 0)
        in.channel_id = -1; /* not a channel: the rules refuse it */
    /* the partners ticked, among those offered */
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np, nags;
    int owners;
    if (exchange_partner_list(ctx,
                              exchange_city_of(req, in.division ? in.division : exchange_area(req)),
                              0, LIST_MAX, &ps, &np, &ags, &nags, &owners) < 0)
        np = 0, ctx->err = (wy_error){0};
    in.partners = exchange_partners_ticked(req, ps, np, &in.npartners);
    exchange_stop *stops = arena_alloc(&req->a, (EXCHANGE_MAX_STOPS + 1) * sizeof(*stops));
    if (!in.partners || !stops) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return;
    }
    /* the stops: rows with anything written, in order */
    in.nstops = exchange_stops_of_form(req, stop_rows(req), stops);
    in.stops = stops;
    int64_t id;
    if (exchange_activity_create(ctx, &in, &id) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/exchange?msg=activity_created#activity-%lld",
                                    (long long)id));
        return;
    }
    int status = exchange_refused(req, "create", 0, &f);
    if (status)
        activities_page(req, &f, status);
}

void page_admin_exchange_activity_submit(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *to;
    web_refusal f;
    if (exchange_activity_submit(req_ctx(req), id, &to) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange?msg=%s#activity-%lld",
                                         strcmp(to, "published") ? "activity_submitted"
                                                                 : "activity_published",
                                         (long long)id));
        return;
    }
    int status = exchange_refused(req, "submit", id, &f);
    if (status)
        activities_page(req, &f, status);
}

void page_admin_exchange_activity_figures(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), v[5];
    web_refusal f;
    int res = 0;
    for (size_t i = 0; i < 5 && res == 0; i++)
        if ((v[i] = web_number(req, figure_names[i])) == -2)
            res = wy_fail_field(ctx, E_INVALID, "bad_figure",
                                "A figure is a whole number from 0 to 10^12.", figure_names[i]);
    if (res == 0 && exchange_activity_set_figures(ctx, id, v[0], v[1], v[2], v[3], v[4]) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/exchange?msg=figures_recorded#activity-%lld",
                                    (long long)id));
        return;
    }
    int status = exchange_refused(req, "figures", id, &f);
    if (status)
        activities_page(req, &f, status);
}

/* ================= partners and agreements ================= */

static void agreement_form(http_req *req, html *h, int64_t partner, const wy_error *e)
{
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Add an agreement");
    html_lit(h, "</summary>");
    web_form_open(
        req, h, arena_sprintf(&req->a, "agreement-form-%lld", (long long)partner),
        arena_sprintf(&req->a, "/admin/exchange/partners/%lld/agreements", (long long)partner), 0);
    web_form_error(req, h, e);
    web_choice(req, h, "kind", N_("Kind"), exchange_agreement_kinds, e, NULL);
    web_input(req, h, "title", N_("Title"), "text", 200, 1, e, NULL);
    web_input(req, h, "signed_on", N_("Signed on"), "date", 10, 1, e, NULL);
    web_input(req, h, "renew_on", N_("Renewal date"), "date", 10, 0, e, NULL);
    web_textarea(req, h, "scope", N_("Scope"), 2000, e, NULL);
    web_textarea(req, h, "obligations", N_("Obligations"), 5000, e, NULL);
    web_input(req, h, "owner_ours", N_("Owner on our side"), "text", 100, 0, e, NULL);
    web_input(req, h, "owner_theirs", N_("Owner on their side"), "text", 100, 0, e, NULL);
    web_submit(req, h, N_("Add the agreement"));
    html_lit(h, "</form></details>");
}

/* The fields of a partner, p's values (NULL: a new one's, empty). */
static void partner_fields(http_req *req, html *h, const wy_error *e, const exchange_partner *p)
{
    char *langs = NULL;
    if (p && p->languages) { /* ",zh,es," as "zh es" */
        const char *l = p->languages + strspn(p->languages, ",");
        langs = arena_strndup(&req->a, l, strlen(l));
        for (char *c = langs; c && *c; c++)
            if (*c == ',')
                *c = ' ';
        for (size_t n = langs ? strlen(langs) : 0; n && langs[n - 1] == ' ';)
            langs[--n] = 0;
    }
    web_input(req, h, "name", N_("Partner's name"), "text", 100, 1, e, p ? p->name : NULL);
    web_input(req, h, "name_en", N_("Partner's name in English"), "text", 200, 0, e,
              p ? p->name_en : NULL);
    web_choice(req, h, "kind", N_("Kind"), exchange_partner_kinds, e, p ? p->kind : NULL);
    web_choice(req, h, "scope", N_("Scope"), partner_scopes, e, p ? p->scope : NULL);
    web_input(req, h, "country", N_("Country"), "text", 100, 1, e, p ? p->country : NULL);
    web_input(req, h, "city", N_("City or region"), "text", 100, 0, e, p ? p->city : NULL);
    web_input(req, h, "organisation", N_("Organisation"), "text", 200, 0, e,
              p ? p->organisation : NULL);
    web_input(req, h, "languages", N_("Languages (codes such as zh, en, es)"), "text", 100, 0, e,
              langs);
    web_input(req, h, "since", N_("Relationship since"), "date", 10, 0, e, p ? p->since : NULL);
}

/* The change of a partner, in its line of the list. */
static void partner_edit_form(http_req *req, html *h, const exchange_partner *p, const wy_error *e)
{
    html_lit(h, "<details class=\"partner-edit\"");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Change the partner");
    html_lit(h, "</summary>");
    web_form_open(req, h, arena_sprintf(&req->a, "partner-edit-%lld", (long long)p->id),
                  arena_sprintf(&req->a, "/admin/exchange/partners/%lld/edit", (long long)p->id),
                  0);
    web_form_error(req, h, e);
    partner_fields(req, h, e, p);
    web_submit(req, h, N_("Save the partner"));
    html_lit(h, "</form></details>");
}

void exchange_partners_page(http_req *req, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor;
    if (req_page(req, (int)config_module_int(ctx->cfg, "exchange", "page_size"), 100, &limit,
                 &cursor) < 0)
        return;
    const char *div = exchange_area(req);
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np, nags;
    int owners;
    /* the staff's list is of their area: answer 403 to a caller without it */
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0 ||
        exchange_partner_list(ctx, div, cursor, limit, &ps, &np, &ags, &nags, &owners) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Partners and agreements"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Partners and agreements");
    html_lit(&h, "</h1>");
    exchange_flash(req, &h);
    html_lit(&h, "<section class=\"card\">");
    if (!np)
        web_empty(req, &h, "No partner recorded yet.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-admin-partners\">");
    for (size_t i = 0; i < np; i++) {
        const exchange_partner *p = &ps[i];
        html_lit(&h, "<li id=\"partner-");
        html_int(&h, p->id);
        html_lit(&h, "\"><strong><a href=\"/exchange/partners/");
        html_int(&h, p->id);
        html_lit(&h, "\">");
        html_text(&h, p->name);
        html_lit(&h, "</a></strong> <span class=\"small\">");
        html_text(&h, exchange_term_label(req, p->kind));
        html_lit(&h, " · ");
        html_text(&h, p->country);
        if (*p->city) {
            html_lit(&h, " · ");
            html_text(&h, p->city);
        }
        if (*p->organisation) {
            html_lit(&h, " · ");
            html_text(&h, p->organisation);
        }
        html_lit(&h,
                 "</span> <a class=\"small partner-measures\" href=\"/admin/exchange/partners/");
        html_int(&h, p->id);
        html_lit(&h, "/measures\">");
        web_t(req, &h, "Indicators");
        html_lit(&h, "</a>");
        html_lit(&h, "<ul class=\"agreements\">");
        for (size_t k = 0; k < nags; k++) {
            const exchange_agreement *g = &ags[k];
            if (g->partner_id != p->id)
                continue;
            html_lit(&h, "<li class=\"agreement\"><a href=\"/admin/exchange/agreements/");
            html_int(&h, g->id);
            html_lit(&h, "\">");
            html_text(&h, g->title);
            html_lit(&h, "</a> <span class=\"small\">");
            html_text(&h, g->signed_on);
            if (g->renew_on) {
                html_lit(&h, " → ");
                html_text(&h, g->renew_on);
            }
            if (owners && (*g->owner_ours || *g->owner_theirs)) {
                html_lit(&h, " · ");
                html_text(&h, g->owner_ours);
                html_lit(&h, " / ");
                html_text(&h, g->owner_theirs);
            }
            html_lit(&h, "</span> ");
            web_button_form(
                req, &h, arena_sprintf(&req->a, "agreement-delete-%lld", (long long)g->id),
                arena_sprintf(&req->a, "/admin/exchange/agreements/%lld/delete", (long long)g->id),
                N_("Delete the agreement"), web_refusal_of(f, "agreement_delete", g->id));
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ul>");
        partner_edit_form(req, &h, p, web_refusal_of(f, "partner_edit", p->id));
        agreement_form(req, &h, p->id, web_refusal_of(f, "agreement", p->id));
        web_button_form(
            req, &h, arena_sprintf(&req->a, "partner-delete-%lld", (long long)p->id),
            arena_sprintf(&req->a, "/admin/exchange/partners/%lld/delete", (long long)p->id),
            N_("Delete the partner"), web_refusal_of(f, "partner_delete", p->id));
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (np == (size_t)limit)
        web_pager_id(req, &h, "/admin/exchange/partners", ps[np - 1].id,
                     (const char *[]){"division", req_query(req, "division"), NULL});
    html_lit(&h, "</section>");
    /* a new partner */
    const wy_error *e = web_refusal_of(f, "create", 0);
    html_lit(&h, "<section class=\"card\" id=\"new-partner\"><h2>");
    web_t(req, &h, "Add a partner");
    html_lit(&h, "</h2>");
    web_form_open(req, &h, "exchange-partner-form", "/admin/exchange/partners", 0);
    web_form_error(req, &h, e);
    web_input(req, &h, "division", N_("Division code"), "text", 12, 1, e, div);
    partner_fields(req, &h, e, NULL);
    web_submit(req, &h, N_("Add the partner"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_admin_exchange_partners(http_req *req)
{
    exchange_partners_page(req, NULL, 200);
}

/* The partner of the form: optional texts empty are NULL for a new one (opt), kept empty on a
 * change. "zh, en、es": codes split at commas, spaces and 、; one more than allowed is kept so
 * the rules refuse too many. -1 with a 503 answered when out of memory. */
static int partner_of_form(http_req *req, exchange_partner_input *in, const char **langs,
                           const char *(*opt)(http_req *, const char *))
{
    *in = (exchange_partner_input){.division = req_form(req, "division"),
                                   .name = req_form(req, "name"),
                                   .name_en = opt(req, "name_en"),
                                   .kind = req_form(req, "kind"),
                                   .scope = req_form(req, "scope"),
                                   .country = req_form(req, "country"),
                                   .city = opt(req, "city"),
                                   .organisation = opt(req, "organisation"),
                                   .since = opt(req, "since")};
    const char *l = req_form(req, "languages");
    char *copy = arena_strndup(&req->a, l ? l : "", l ? strlen(l) : 0);
    if (!copy) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return -1;
    }
    for (char *p = copy; *p; p++)
        if (*p == ',' || *p == ' ')
            *p = '\t';
    for (char *p; (p = strstr(copy, "、"));)
        memcpy(p, "\t\t\t", 3);
    char *save = NULL;
    for (char *t = strtok_r(copy, "\t", &save); t && in->nlanguages < 11;
         t = strtok_r(NULL, "\t", &save))
        langs[in->nlanguages++] = t;
    in->languages = langs;
    return 0;
}

void page_admin_exchange_partner_create(http_req *req)
{
    web_refusal f;
    exchange_partner_input in;
    const char *langs[11];
    if (partner_of_form(req, &in, langs, web_opt) < 0)
        return;
    int64_t id;
    if (exchange_partner_create(req_ctx(req), &in, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/partners?msg=partner_created"
                                         "#partner-%lld",
                                         (long long)id));
        return;
    }
    int status = exchange_refused(req, "create", 0, &f);
    if (status)
        exchange_partners_page(req, &f, status);
}

void page_admin_exchange_partner_edit(http_req *req)
{
    int64_t id = req_id(req, 0);
    exchange_partner_input in;
    const char *langs[11];
    if (partner_of_form(req, &in, langs, req_form) < 0)
        return;
    in.division = NULL; /* a partner stays in its division */
    if (exchange_partner_change(req_ctx(req), id, &in, 1) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/partners?msg=partner_updated"
                                         "#partner-%lld",
                                         (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "partner_edit", id, &f);
    if (status)
        exchange_partners_page(req, &f, status);
}

void page_admin_exchange_agreement_create(http_req *req)
{
    int64_t partner = req_id(req, 0), id;
    web_refusal f;
    exchange_agreement_input in = {.kind = req_form(req, "kind"),
                                   .title = req_form(req, "title"),
                                   .signed_on = req_form(req, "signed_on"),
                                   .renew_on = web_opt(req, "renew_on"),
                                   .scope = web_opt(req, "scope"),
                                   .obligations = web_opt(req, "obligations"),
                                   .owner_ours = web_opt(req, "owner_ours"),
                                   .owner_theirs = web_opt(req, "owner_theirs")};
    if (exchange_agreement_create(req_ctx(req), partner, &in, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/partners?msg=agreement_created"
                                         "#partner-%lld",
                                         (long long)partner));
        return;
    }
    int status = exchange_refused(req, "agreement", partner, &f);
    if (status)
        exchange_partners_page(req, &f, status);
}

/* ================= channels and intents ================= */

/* The fields of a channel but its division, c's values (NULL: a new one's, empty). */
static void channel_fields(http_req *req, html *h, const wy_error *e, const exchange_channel *c)
{
    web_input(req, h, "name", N_("Channel's name"), "text", 100, 1, e, c ? c->name : NULL);
    web_choice(req, h, "scope", N_("Scope"), activity_scopes, e, c ? c->scope : NULL);
    web_choice(req, h, "sector", N_("Sector"), channel_sectors, e, c ? c->sector : NULL);
    html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"mass_art\" value=\"1\"");
    if (e ? req_form(req, "mass_art") != NULL : c && c->mass_art)
        html_lit(h, " checked");
    html_lit(h, "> ");
    web_t(req, h, "Mass art (群众文艺)");
    html_lit(h, "</label>");
    web_input(req, h, "established_on", N_("Established on"), "date", 10, 1, e,
              c ? c->established_on : NULL);
    web_textarea(req, h, "note", N_("Note"), 2000, e, c ? c->note : NULL);
}

/* A change form in a record's line of a list (details id-ID, open when refused). */
static void edit_open(http_req *req, html *h, const char *what, int64_t id, const char *summary,
                      const wy_error *e)
{
    html_lit(h, "<details class=\"");
    html_attr(h, arena_sprintf(&req->a, "%s-edit", what));
    html_lit(h, "\"");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, summary);
    html_lit(h, "</summary>");
    web_form_open(req, h, arena_sprintf(&req->a, "%s-edit-%lld", what, (long long)id),
                  arena_sprintf(&req->a, "/admin/exchange/%ss/%lld/edit", what, (long long)id), 0);
    web_form_error(req, h, e);
}

/* The fields of an intent: its channel and partner among cs and ps, its title and date;
 * it's values (NULL: a new one's, empty). */
static void intent_fields(http_req *req, html *h, const wy_error *e, const exchange_channel *cs,
                          size_t nc, const exchange_partner *ps, size_t np,
                          const exchange_intent *it)
{
    web_record_select(req, h, "channel_id", N_("Channel"),
                      WEB_RECORDS(cs, nc, exchange_channel, id, name), 0, e,
                      it ? it->channel_id : 0);
    web_record_select(req, h, "partner_id", N_("Partner"),
                      WEB_RECORDS(ps, np, exchange_partner, id, name), 0, e,
                      it ? it->partner_id : 0);
    web_input(req, h, "title", N_("Title"), "text", 200, 1, e, it ? it->title : NULL);
    web_input(req, h, "reached_on", N_("Reached on"), "date", 10, 1, e, it ? it->reached_on : NULL);
}

static void channels_page(http_req *req, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = exchange_area(req);
    exchange_channel *cs;
    exchange_intent *is;
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t nc, ni, np, nags;
    int owners;
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0 ||
        exchange_channel_list(ctx, div, 0, LIST_MAX, &cs, &nc) < 0 ||
        exchange_intent_list(ctx, div, 0, LIST_MAX, &is, &ni) < 0 ||
        exchange_partner_list(ctx, exchange_city_of(req, div), 0, LIST_MAX, &ps, &np, &ags, &nags,
                              &owners) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Channels and intents"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Channels and intents");
    html_lit(&h, "</h1>");
    exchange_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Channels");
    html_lit(&h, "</h2>");
    if (!nc)
        web_empty(req, &h, "No channel recorded yet.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-admin-channels\">");
    for (size_t i = 0; i < nc; i++) {
        html_lit(&h, "<li id=\"channel-");
        html_int(&h, cs[i].id);
        html_lit(&h, "\"><strong>");
        html_text(&h, cs[i].name);
        html_lit(&h, "</strong> <span class=\"small\">");
        html_text(&h, exchange_term_label(req, cs[i].scope));
        html_lit(&h, " · ");
        html_text(&h, exchange_term_label(req, cs[i].sector));
        if (cs[i].mass_art) {
            html_lit(&h, " · ");
            web_t(req, &h, "mass art");
        }
        html_lit(&h, " · ");
        html_text(&h, cs[i].established_on);
        html_lit(&h, "</span>");
        if (*cs[i].note) {
            html_lit(&h, "<br><span class=\"small\">");
            html_text(&h, cs[i].note);
            html_lit(&h, "</span>");
        }
        const wy_error *e = web_refusal_of(f, "channel_edit", cs[i].id);
        edit_open(req, &h, "channel", cs[i].id, N_("Change the channel"), e);
        channel_fields(req, &h, e, &cs[i]);
        web_submit(req, &h, N_("Save the channel"));
        html_lit(&h, "</form></details>");
        web_button_form(
            req, &h, arena_sprintf(&req->a, "channel-delete-%lld", (long long)cs[i].id),
            arena_sprintf(&req->a, "/admin/exchange/channels/%lld/delete", (long long)cs[i].id),
            N_("Delete the channel"), web_refusal_of(f, "channel_delete", cs[i].id));
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    const wy_error *ce = web_refusal_of(f, "channel", 0);
    html_lit(&h, "<h3>");
    web_t(req, &h, "Add a channel");
    html_lit(&h, "</h3>");
    web_form_open(req, &h, "exchange-channel-form", "/admin/exchange/channels", 0);
    web_form_error(req, &h, ce);
    web_input(req, &h, "division", N_("Division code"), "text", 12, 1, ce, div);
    channel_fields(req, &h, ce, NULL);
    web_submit(req, &h, N_("Add the channel"));
    html_lit(&h, "</form></section><section class=\"card\"><h2>");
    web_t(req, &h, "Intents reached");
    html_lit(&h, "</h2>");
    if (!ni)
        web_empty(req, &h, "No intent recorded yet.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-admin-intents\">");
    for (size_t i = 0; i < ni; i++) {
        html_lit(&h, "<li id=\"intent-");
        html_int(&h, is[i].id);
        html_lit(&h, "\"><strong>");
        html_text(&h, is[i].title);
        html_lit(&h, "</strong> <span class=\"small\">");
        html_text(&h, is[i].partner_name);
        html_lit(&h, " · ");
        html_text(&h, is[i].channel_name);
        html_lit(&h, " · ");
        html_text(&h, is[i].reached_on);
        html_lit(&h, "</span>");
        const wy_error *e = web_refusal_of(f, "intent_edit", is[i].id);
        edit_open(req, &h, "intent", is[i].id, N_("Change the intent"), e);
        intent_fields(req, &h, e, cs, nc, ps, np, &is[i]);
        web_submit(req, &h, N_("Save the intent"));
        html_lit(&h, "</form></details>");
        web_button_form(
            req, &h, arena_sprintf(&req->a, "intent-delete-%lld", (long long)is[i].id),
            arena_sprintf(&req->a, "/admin/exchange/intents/%lld/delete", (long long)is[i].id),
            N_("Delete the intent"), web_refusal_of(f, "intent_delete", is[i].id));
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    const wy_error *ie = web_refusal_of(f, "intent", 0);
    html_lit(&h, "<h3>");
    web_t(req, &h, "Record an intent");
    html_lit(&h, "</h3>");
    web_form_open(req, &h, "exchange-intent-form", "/admin/exchange/intents", 0);
    web_form_error(req, &h, ie);
    intent_fields(req, &h, ie, cs, nc, ps, np, NULL);
    web_submit(req, &h, N_("Record the intent"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_admin_exchange_channels(http_req *req)
{
    channels_page(req, NULL, 200);
}

void page_admin_exchange_channel_create(http_req *req)
{
    web_refusal f;
    exchange_channel_input in = {.division = req_form(req, "division"),
                                 .name = req_form(req, "name"),
                                 .scope = req_form(req, "scope"),
                                 .sector = req_form(req, "sector"),
                                 .established_on = req_form(req, "established_on"),
                                 .note = web_opt(req, "note"),
                                 .mass_art = req_form(req, "mass_art") != NULL};
    int64_t id;
    if (exchange_channel_create(req_ctx(req), &in, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/channels?msg=channel_created"
                                         "#channel-%lld",
                                         (long long)id));
        return;
    }
    int status = exchange_refused(req, "channel", 0, &f);
    if (status)
        channels_page(req, &f, status);
}

void page_admin_exchange_intent_create(http_req *req)
{
    web_refusal f;
    const char *ch = req_form(req, "channel_id"), *pa = req_form(req, "partner_id");
    int64_t id;
    if (exchange_intent_create(req_ctx(req), ch ? atoll(ch) : 0, pa ? atoll(pa) : 0,
                               req_form(req, "title"), req_form(req, "reached_on"), &id) == 0) {
        resp_redirect(req, "/admin/exchange/channels?msg=intent_created#exchange-admin-intents");
        return;
    }
    int status = exchange_refused(req, "intent", 0, &f);
    if (status)
        channels_page(req, &f, status);
}

/* A form of the channels' page refused: the page again with the refusal. */
static void channels_refused(http_req *req, const char *form, int64_t id)
{
    web_refusal f;
    int status = exchange_refused(req, form, id, &f);
    if (status)
        channels_page(req, &f, status);
}

static void to_channels(http_req *req, const char *msg, const char *anchor, int64_t id)
{
    resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/channels?msg=%s#%s-%lld", msg,
                                     anchor, (long long)id));
}

void page_admin_exchange_channel_edit(http_req *req)
{
    int64_t id = req_id(req, 0);
    /* every field is on the form: an empty note clears it, an unticked box unsets mass art */
    exchange_channel_input in = {.name = req_form(req, "name"),
                                 .scope = req_form(req, "scope"),
                                 .sector = req_form(req, "sector"),
                                 .established_on = req_form(req, "established_on"),
                                 .note = req_form(req, "note"),
                                 .mass_art = req_form(req, "mass_art") != NULL};
    if (exchange_channel_change(req_ctx(req), id, &in) == 0)
        to_channels(req, "channel_updated", "channel", id);
    else
        channels_refused(req, "channel_edit", id);
}

/* A deletion from the channels' page: del, then back to the list (to), or the refusal beside
 * the button of form. */
static void channels_delete(http_req *req, int (*del)(wy_ctx *, int64_t), const char *to,
                            const char *form)
{
    int64_t id = req_id(req, 0);
    if (del(req_ctx(req), id) == 0)
        resp_redirect(req, to);
    else
        channels_refused(req, form, id);
}

void page_admin_exchange_channel_delete(http_req *req)
{
    channels_delete(req, exchange_channel_delete, "/admin/exchange/channels?msg=channel_deleted",
                    "channel_delete");
}

/* An id of the form: 0 when absent (left as it is), -1 when not an id (refused). */
static int64_t id_of_form(http_req *req, const char *name)
{
    const char *v = web_opt(req, name);
    char *end;
    long long n = v ? strtoll(v, &end, 10) : 0;
    return !v ? 0 : *end || n <= 0 ? -1 : n;
}

void page_admin_exchange_intent_edit(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (exchange_intent_change(req_ctx(req), id, id_of_form(req, "channel_id"),
                               id_of_form(req, "partner_id"), req_form(req, "title"),
                               web_opt(req, "reached_on")) == 0)
        to_channels(req, "intent_updated", "intent", id);
    else
        channels_refused(req, "intent_edit", id);
}

void page_admin_exchange_intent_delete(http_req *req)
{
    channels_delete(req, exchange_intent_delete,
                    "/admin/exchange/channels?msg=intent_deleted#exchange-admin-intents",
                    "intent_delete");
}

/* ================= alerts ================= */

void page_admin_exchange_alerts(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor, next;
    if (req_page(req, (int)config_module_int(ctx->cfg, "exchange", "page_size"), 100, &limit,
                 &cursor) < 0)
        return;
    const char *division = req_query(req, "division");
    exchange_alert *al;
    size_t n;
    if (exchange_alerts(ctx, division, cursor, limit, &al, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Exchange alerts"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Exchange alerts");
    html_lit(&h, "</h1><p class=\"muted\">");
    html_text(&h, arena_sprintf(&req->a,
                                req_tr(req, "Partners without a dated contact for %d months, and "
                                            "agreements whose renewal is within %d days or "
                                            "past."),
                                (int)config_module_int(ctx->cfg, "exchange", "dormant_months"),
                                (int)config_module_int(ctx->cfg, "exchange", "renewal_days")));
    html_lit(&h, "</p><section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No alert: every partner is in touch and no agreement is due.");
    else {
        static const web_col cols[] = {{N_("Alert"), 0},
                                       {N_("Partner"), 0},
                                       {N_("Division"), 0},
                                       {N_("Agreement"), 0},
                                       {N_("Date"), 0}};
        html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"exchange-alerts\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const exchange_alert *a = &al[i];
            html_lit(&h, "<tr class=\"alert-");
            html_attr(&h, a->kind);
            html_lit(&h, "\"><td>");
            exchange_status_badge(req, &h, a->kind);
            html_lit(&h, "</td><td><a href=\"/admin/exchange/partners#partner-");
            html_int(&h, a->partner_id);
            html_lit(&h, "\">");
            html_text(&h, a->partner_name);
            html_lit(&h, "</a></td><td>");
            html_text(&h, division_name(ctx, a->division));
            html_lit(&h, "</td><td>");
            if (a->agreement_id)
                html_text(&h, a->agreement);
            html_lit(&h, "</td><td>");
            if (a->programme_id)
                html_text(&h, arena_sprintf(&req->a, req_tr(req, "“%s” planned for %s"),
                                            a->programme, a->month));
            else if (a->agreement_id)
                html_text(&h, a->renew_on);
            else if (a->last_contact)
                html_text(&h,
                          arena_sprintf(&req->a, req_tr(req, "last contact %s"), a->last_contact));
            else
                web_t(req, &h, "no contact yet");
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    if (next)
        web_pager_id(req, &h, "/admin/exchange/alerts", next,
                     (const char *[]){"division", division, NULL});
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}
