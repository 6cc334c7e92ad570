/*
 * pages_public: the public pages of the cultural exchange information system
 * (docs/exchange.md, "Pages"): /exchange, the public query of published exchange activities
 * (search box, partner and kind filters, paging) beside the partners and their agreements;
 * /exchange/activities/{id}, an activity with both its titles and summaries, partners, the
 * stops of a tour and its figures; /exchange/partners/{id}, a partner with its agreements and
 * the history of exchanges with it. The same rules as the API (exchange.h,
 * exchange_activity.h): no person is shown, the agreements' owners only to staff over the
 * division. The stops are drawn on a map where their cities can be placed (pages_stops.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/division.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#define PARTNERS_SHOWN 100

static int page_size(http_req *req)
{
    return (int)config_module_int(req_ctx(req)->cfg, "exchange", "page_size");
}

/* A partner's id from the query, 0 when absent or not a positive number. */
static int64_t query_id(http_req *req, const char *name)
{
    const char *s = req_query(req, name);
    char *end;
    long long v = s && *s ? strtoll(s, &end, 10) : 0;
    return v > 0 && !*end ? v : 0;
}

static void date_range(html *h, const char *from, const char *to)
{
    html_text(h, from);
    if (to && strcmp(from, to)) {
        html_lit(h, " – ");
        html_text(h, to);
    }
}

/* An activity's line of a list: its title in the reader's language, kind, dates, partners
 * and how many stops. */
static void activity_line(http_req *req, html *h, const exchange_activity_full *f)
{
    const exchange_activity *x = &f->a;
    html_lit(h, "<li id=\"exchange-activity-");
    html_int(h, x->id);
    html_lit(h, "\"><strong><a href=\"/exchange/activities/");
    html_int(h, x->id);
    html_lit(h, "\">");
    html_text(h, exchange_text_lang(req, x->title, x->title_en));
    html_lit(h, "</a></strong><br><span class=\"small\">");
    html_text(h, exchange_term_label(req, x->kind));
    html_lit(h, " · ");
    html_text(h, exchange_term_label(req, x->scope));
    html_lit(h, " · ");
    date_range(h, x->starts_on, x->ends_on);
    for (size_t i = 0; i < f->npartners; i++) {
        if (i)
            html_lit(h, "、");
        else
            html_lit(h, " · ");
        html_text(h, exchange_text_lang(req, f->partners[i].name, f->partners[i].name_en));
    }
    if (f->nstops) {
        html_lit(h, " · ");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%zu stops"), f->nstops));
    }
    html_lit(h, "</span></li>");
}

/* The agreements of partner p among ags: title, kind, dates; the owners when shown. */
static void agreements_list(http_req *req, html *h, int64_t partner, const exchange_agreement *ags,
                            size_t nags, int owners, int full)
{
    size_t k = 0;
    for (size_t i = 0; i < nags; i++) {
        const exchange_agreement *g = &ags[i];
        if (g->partner_id != partner)
            continue;
        if (k++ == 0)
            html_lit(h, "<ul class=\"agreements\">");
        html_lit(h, "<li class=\"agreement\">");
        html_text(h, g->title);
        html_lit(h, " <span class=\"small\">");
        for (const web_term *t = exchange_agreement_kinds; t->key; t++)
            if (!strcmp(t->key, g->kind))
                web_t(req, h, t->msgid);
        html_lit(h, " · ");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "signed %s"), g->signed_on));
        if (g->renew_on) {
            html_lit(h, " · ");
            html_text(h, arena_sprintf(&req->a, req_tr(req, "renewal %s"), g->renew_on));
        }
        html_lit(h, "</span>");
        if (full && (*g->scope || *g->obligations || owners)) {
            html_lit(h, "<dl class=\"facts\">");
            web_fact(h, req_tr(req, "Scope"), g->scope);
            web_fact(h, req_tr(req, "Obligations"), g->obligations);
            if (owners) {
                web_fact(h, req_tr(req, "Owner on our side"), g->owner_ours);
                web_fact(h, req_tr(req, "Owner on their side"), g->owner_theirs);
            }
            html_lit(h, "</dl>");
        }
        html_lit(h, "</li>");
    }
    if (k)
        html_lit(h, "</ul>");
    else {
        html_lit(h, "<p class=\"small muted\">");
        web_t(req, h, "No agreement recorded.");
        html_lit(h, "</p>");
    }
}

/* ---- /exchange ---- */

void page_exchange(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor;
    if (req_page(req, page_size(req), 100, &limit, &cursor) < 0)
        return;
    const char *q = req_query(req, "q"), *kind = req_query(req, "kind");
    int64_t partner = query_id(req, "partner");
    if (kind && !exchange_activity_kind_valid(kind))
        kind = NULL;
    exchange_activity_full *xs;
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t n, np, nags;
    int owners;
    /* ?division=: a city's or district's own exchanges (a link from its site), kept by the
     * search form and the next page's link */
    const char *division = req_query(req, "division");
    if (exchange_activity_search(ctx, division, q, partner, kind, cursor, limit, &xs, &n) < 0 ||
        exchange_partner_list(ctx, division, 0, PARTNERS_SHOWN, &ps, &np, &ags, &nags, &owners) <
            0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Cultural exchange"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Cultural exchange");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "The city's cultural exchanges with its friendship cities and partners at home and "
          "abroad: tours, festivals, expos and more.");
    html_lit(&h, "</p><form method=\"get\" action=\"/exchange\" class=\"filters\" "
                 "id=\"exchange-search\"><input type=\"search\" name=\"q\" maxlength=\"100\" "
                 "placeholder=\"");
    html_attr(&h, req_tr(req, "Search exchanges"));
    html_lit(&h, "\" aria-label=\"");
    html_attr(&h, req_tr(req, "Search exchanges"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, q ? q : "");
    html_lit(&h, "\">");
    if (division && *division) {
        html_lit(&h, "<input type=\"hidden\" name=\"division\" value=\"");
        html_attr(&h, division);
        html_lit(&h, "\">");
    }
    html_lit(&h, "<select name=\"partner\" aria-label=\"");
    html_attr(&h, req_tr(req, "Partner"));
    html_lit(&h, "\"><option value=\"\">");
    web_t(req, &h, "All partners");
    html_lit(&h, "</option>");
    for (size_t i = 0; i < np; i++) {
        html_lit(&h, "<option value=\"");
        html_int(&h, ps[i].id);
        html_lit(&h, "\"");
        if (ps[i].id == partner)
            html_lit(&h, " selected");
        html_lit(&h, ">");
        html_text(&h, exchange_text_lang(req, ps[i].name, ps[i].name_en));
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select><label class=\"small\">");
    web_t(req, &h, "Kind");
    html_lit(&h, " ");
    web_term_select(req, &h, "kind", exchange_activity_kinds, kind, "All kinds");
    html_lit(&h, "</label><button type=\"submit\">");
    web_t(req, &h, "Search");
    html_lit(&h, "</button></form><section class=\"card\"><h2>");
    web_t(req, &h, "Exchange activities");
    html_lit(&h, "</h2>");
    if (!n)
        web_empty(req, &h, "No exchange activity matches.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-activities\">");
    for (size_t i = 0; i < n; i++)
        activity_line(req, &h, &xs[i]);
    html_lit(&h, "</ul>");
    if (n == (size_t)limit) {
        const char *pid = partner ? arena_sprintf(&req->a, "%lld", (long long)partner) : NULL;
        web_pager_id(req, &h, "/exchange", xs[n - 1].a.id,
                     (const char *[]){"q", q, "partner", pid, "kind", kind, "division", division,
                                      "limit", req_query(req, "limit"), NULL});
    }
    html_lit(&h, "</section><section class=\"card\"><h2>");
    web_t(req, &h, "Partners");
    html_lit(&h, "</h2>");
    if (!np)
        web_empty(req, &h, "No partner recorded yet.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-partners\">");
    for (size_t i = 0; i < np; i++) {
        const exchange_partner *p = &ps[i];
        html_lit(&h, "<li id=\"exchange-partner-");
        html_int(&h, p->id);
        html_lit(&h, "\"><strong><a href=\"/exchange/partners/");
        html_int(&h, p->id);
        html_lit(&h, "\">");
        html_text(&h, exchange_text_lang(req, p->name, p->name_en));
        html_lit(&h, "</a></strong> <span class=\"small\">");
        html_text(&h, exchange_term_label(req, p->kind));
        html_lit(&h, " · ");
        html_text(&h, p->country);
        if (*p->city) {
            html_lit(&h, " · ");
            html_text(&h, p->city);
        }
        html_lit(&h, "</span>");
        agreements_list(req, &h, p->id, ags, nags, 0, 0);
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul></section>");
    web_end(req, &h, 200);
}

/* ---- /exchange/activities/{id} ---- */

static void figure(http_req *req, html *h, const char *label, int64_t v)
{
    html_lit(h, "<dt>");
    html_text(h, label);
    html_lit(h, "</dt><dd>");
    if (v < 0)
        web_t(req, h, "not recorded");
    else
        html_int(h, v);
    html_lit(h, "</dd>");
}

/* The text of the other language, marked with its language. */
static void other_lang(html *h, int en, const char *text, const char *tag)
{
    if (!text || !*text)
        return;
    html_lit(h, "<p class=\"muted\" lang=\"");
    html_attr(h, en ? "en" : "zh-CN");
    html_lit(h, "\" id=\"");
    html_attr(h, tag);
    html_lit(h, "\">");
    html_text(h, text);
    html_lit(h, "</p>");
}

void page_exchange_activity(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_activity_full f;
    if (exchange_activity_get(ctx, req_id(req, 0), &f) < 0) {
        resp_fail(req);
        return;
    }
    const exchange_activity *x = &f.a;
    int en = req->lang == LANG_EN && *x->title_en;
    html h;
    web_begin(req, &h, exchange_text_lang(req, x->title, x->title_en));
    html_lit(&h, "<p class=\"small\"><a href=\"/exchange\">");
    web_t(req, &h, "Cultural exchange");
    html_lit(&h, "</a></p><article class=\"card\"><h1 id=\"exchange-title\">");
    html_text(&h, en ? x->title_en : x->title);
    html_lit(&h, "</h1>");
    /* the other language's title, then both summaries */
    other_lang(&h, !en, en ? x->title : x->title_en, "exchange-title-other");
    if (strcmp(x->status, "published")) {
        html_lit(&h, "<p>");
        exchange_status_badge(req, &h, x->status);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<dl class=\"facts\">");
    web_fact(&h, req_tr(req, "Kind"), exchange_term_label(req, x->kind));
    web_fact(&h, req_tr(req, "Scope"), exchange_term_label(req, x->scope));
    web_fact(&h, req_tr(req, "Dates"),
             strcmp(x->starts_on, x->ends_on)
                 ? arena_sprintf(&req->a, "%s – %s", x->starts_on, x->ends_on)
                 : x->starts_on);
    web_fact(&h, req_tr(req, "Channel"), x->channel_name);
    web_fact(&h, req_tr(req, "Division"), division_name(ctx, x->division));
    html_lit(&h, "</dl>");
    const char *sum = en ? x->summary_en : x->summary, *other = en ? x->summary : x->summary_en;
    if (*sum) {
        html_lit(&h, "<div class=\"prose\" id=\"exchange-summary\"><p>");
        html_text(&h, sum);
        html_lit(&h, "</p></div>");
    }
    other_lang(&h, !en, other, "exchange-summary-other");
    html_lit(&h, "</article><section class=\"card\"><h2>");
    web_t(req, &h, "Partners");
    html_lit(&h, "</h2>");
    if (!f.npartners)
        web_empty(req, &h, "No partner named.");
    html_lit(&h, "<ul class=\"list\" id=\"exchange-activity-partners\">");
    for (size_t i = 0; i < f.npartners; i++) {
        html_lit(&h, "<li><a href=\"/exchange/partners/");
        html_int(&h, f.partners[i].partner_id);
        html_lit(&h, "\">");
        html_text(&h, exchange_text_lang(req, f.partners[i].name, f.partners[i].name_en));
        html_lit(&h, "</a> <span class=\"small\">");
        html_text(&h, f.partners[i].country);
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul></section>");
    html_lit(&h, "<section class=\"card\" id=\"exchange-stops-section\"><h2>");
    web_t(req, &h, "Stops");
    html_lit(&h, "</h2>");
    if (f.nstops) {
        html_lit(&h, "<ol class=\"steps\" id=\"exchange-stops\">");
        for (size_t i = 0; i < f.nstops; i++) {
            const exchange_stop *s = &f.stops[i];
            html_lit(&h, "<li class=\"stop\"><strong>");
            html_text(&h, s->place);
            html_lit(&h, "</strong> · ");
            html_text(&h, s->city);
            html_lit(&h, " · ");
            html_text(&h, s->country);
            html_lit(&h, "<br><span class=\"small\">");
            date_range(&h, s->starts_on, s->ends_on);
            html_lit(&h, " · ");
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "shows: %lld, audience: %lld"),
                                        (long long)s->shows, (long long)s->audience));
            html_lit(&h, "</span></li>");
        }
        html_lit(&h, "</ol>");
    }
    exchange_stops_map(req, &h, f.stops, f.nstops);
    html_lit(&h, "</section>");
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Figures");
    html_lit(&h, "</h2><dl class=\"facts\" id=\"exchange-figures\">");
    figure(req, &h, req_tr(req, "Participants"), x->participants);
    figure(req, &h, req_tr(req, "Audience reached"), x->audience);
    figure(req, &h, req_tr(req, "Media reports"), x->media_reports);
    figure(req, &h, req_tr(req, "Online reach"), x->online_reach);
    figure(req, &h, req_tr(req, "New followers"), x->new_followers);
    html_lit(&h, "</dl></section>");
    web_end(req, &h, 200);
}

/* ---- /exchange/partners/{id} ---- */

void page_exchange_partner(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor, id = req_id(req, 0);
    if (req_page(req, page_size(req), 100, &limit, &cursor) < 0)
        return;
    exchange_partner p;
    exchange_agreement *ags;
    exchange_activity_full *xs;
    size_t nags, n;
    int owners;
    if (exchange_partner_get(ctx, id, &p, &ags, &nags, &owners) < 0 ||
        exchange_activity_search(ctx, NULL, NULL, id, NULL, cursor, limit, &xs, &n) < 0) {
        resp_fail(req);
        return;
    }
    int en = req->lang == LANG_EN && *p.name_en;
    html h;
    web_begin(req, &h, exchange_text_lang(req, p.name, p.name_en));
    html_lit(&h, "<p class=\"small\"><a href=\"/exchange\">");
    web_t(req, &h, "Cultural exchange");
    html_lit(&h, "</a></p><article class=\"card\"><h1 id=\"partner-name\">");
    html_text(&h, en ? p.name_en : p.name);
    html_lit(&h, "</h1>");
    other_lang(&h, !en, en ? p.name : p.name_en, "partner-name-other");
    html_lit(&h, "<dl class=\"facts\">");
    web_fact(&h, req_tr(req, "Kind"), exchange_term_label(req, p.kind));
    web_fact(&h, req_tr(req, "Scope"), exchange_term_label(req, p.scope));
    web_fact(&h, req_tr(req, "Country"), p.country);
    web_fact(&h, req_tr(req, "City or region"), p.city);
    web_fact(&h, req_tr(req, "Organisation"), p.organisation);
    /* ",zh,es," as "zh, es" */
    const char *langs = "";
    for (const char *s = p.languages; s && *s;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len)
            langs = arena_sprintf(&req->a, "%s%s%.*s", langs, *langs ? ", " : "", (int)len, s);
        s += len + (e ? 1 : 0);
    }
    web_fact(&h, req_tr(req, "Languages"), langs);
    web_fact(&h, req_tr(req, "Relationship since"), p.since);
    web_fact(&h, req_tr(req, "Division"), division_name(ctx, p.division));
    html_lit(&h, "</dl></article><section class=\"card\" id=\"partner-agreements\"><h2>");
    web_t(req, &h, "Agreements");
    html_lit(&h, "</h2>");
    agreements_list(req, &h, p.id, ags, nags, owners, 1);
    html_lit(&h, "</section><section class=\"card\"><h2>");
    web_t(req, &h, "History of exchanges");
    html_lit(&h, "</h2>");
    if (!n)
        web_empty(req, &h, "No published exchange with this partner yet.");
    html_lit(&h, "<ul class=\"list\" id=\"partner-history\">");
    for (size_t i = 0; i < n; i++)
        activity_line(req, &h, &xs[i]);
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, arena_sprintf(&req->a, "/exchange/partners/%lld", (long long)id),
                     xs[n - 1].a.id, (const char *[]){NULL});
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}
