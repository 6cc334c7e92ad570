/*
 * pages_linkage_public: what the public sees of regional linkage programmes (docs/linkage.md,
 * "Public pages"), whoever asks, logged in or not:
 *   /linkage        the published programmes, newest first
 *   /linkage/{id}   one published programme: its themes, stages, participants and activities
 *                   (kind, theme, dates, host and guests), and, once its results are published,
 *                   the ranking and the commendations
 * Only what the owner's staff published (linkage_public): no plans, self-evaluations, summaries,
 * media, agreements' texts nor anyone's name or account. No script.
 */
#include <stdlib.h>
#include <string.h>

#include "core/division.h"
#include "mod/linkage/handlers.h"
#include "mod/linkage/linkage.h"
#include "mod/module.h" /* N_ */

#define PUBLIC_PAGE 20

void page_linkage_public_list(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *c = req_query(req, "cursor");
    int64_t before = c && *c ? atoll(c) : 0, next = 0;
    lk_programme *ps;
    size_t n;
    if (linkage_public_list(ctx, before, PUBLIC_PAGE, &ps, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Regional linkage programmes"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Regional linkage programmes");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Cultural linkage across cities and provinces: the programmes, their participants and "
          "activities, and their results once published.");
    html_lit(&h, "</p><section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No programme is published yet.");
    else {
        html_lit(&h, "<ul class=\"list\" id=\"public-programmes\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<li id=\"programme-");
            html_int(&h, ps[i].id);
            html_lit(&h, "\"><a href=\"/linkage/");
            html_int(&h, ps[i].id);
            html_lit(&h, "\"><strong>");
            html_text(&h, ps[i].title);
            html_lit(&h, "</strong></a> <span class=\"muted small\">");
            html_text(&h, division_name(ctx, ps[i].division));
            html_lit(&h, " · ");
            html_int(&h, ps[i].year);
            html_lit(&h, "</span><div>");
            linkage_theme_badges(req, &h, ps[i].themes);
            html_lit(&h, "</div></li>");
        }
        html_lit(&h, "</ul>");
        if (next)
            web_pager_id(req, &h, "/linkage", next, (const char *[]){NULL});
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

static void activities(http_req *req, html *h, const lk_summary *s)
{
    html_lit(h, "<section class=\"card\" id=\"activities\"><h2>");
    web_t(req, h, "Activities");
    html_lit(h, "</h2>");
    if (!s->nacts) {
        web_empty(req, h, "No activity yet.");
        html_lit(h, "</section>");
        return;
    }
    static const web_col cols[] = {{N_("Dates"), 0},    {N_("Kind"), 0}, {N_("Theme"), 0},
                                   {N_("Activity"), 0}, {N_("Host"), 0}, {N_("Guests"), 0}};
    html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"public-activities\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < s->nacts; i++) {
        const lk_activity_view *a = &s->acts[i];
        html_lit(h, "<tr id=\"activity-");
        html_int(h, a->x.id);
        html_lit(h, "\"><td>");
        html_text(h, a->x.starts_on);
        html_lit(h, " – ");
        html_text(h, a->x.ends_on);
        html_lit(h, "</td><td>");
        html_text(h, web_term_label(req, linkage_kind_terms, a->x.kind));
        html_lit(h, "</td><td>");
        html_text(h, a->x.theme);
        html_lit(h, "</td><td>");
        html_text(h, a->x.title);
        html_lit(h, "</td><td>");
        html_text(h, a->x.host_name);
        html_lit(h, "</td><td>");
        linkage_divisions_text(h, a->guests, a->nguests);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div></section>");
}

void page_linkage_public(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    lk_summary s;
    if (linkage_public(ctx, req_id(req, 0), &s) < 0) {
        resp_fail(req);
        return;
    }
    const lk_programme *p = &s.v.p;
    html h;
    web_begin(req, &h, p->title);
    html_lit(&h, "<p class=\"small\"><a href=\"/linkage\">");
    web_t(req, &h, "Regional linkage programmes");
    html_lit(&h, "</a></p><h1 id=\"programme-title\">");
    html_text(&h, p->title);
    html_lit(&h, "</h1><section class=\"card\" id=\"programme\"><dl class=\"facts\">");
    web_fact(&h, req_tr(req, "Division"), division_name(ctx, p->division));
    web_fact(&h, req_tr(req, "Year"), arena_sprintf(&req->a, "%d", p->year));
    html_lit(&h, "</dl><p id=\"themes\">");
    linkage_theme_badges(req, &h, p->themes);
    html_lit(&h, "</p>");
    if (*p->description) {
        html_lit(&h, "<p>");
        html_text(&h, p->description);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "</section>");
    linkage_stages_section(req, &h, &s.v);
    html_lit(&h, "<section class=\"card\" id=\"participants\"><h2>");
    web_t(req, &h, "Participating divisions");
    html_lit(&h, "</h2><ul class=\"list\" id=\"public-participants\">");
    for (size_t i = 0; i < s.v.nparts; i++) {
        html_lit(&h, "<li data-division=\"");
        html_attr(&h, s.v.parts[i].division);
        html_lit(&h, "\">");
        html_text(&h, s.v.parts[i].name);
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul></section>");
    activities(req, &h, &s);
    html_lit(&h, "<section class=\"card\" id=\"results\"><h2>");
    web_t(req, &h, "Results");
    html_lit(&h, "</h2>");
    if (!p->results_published_at)
        web_empty(req, &h, "The results are not published yet.");
    else {
        linkage_ranking(req, &h, &s);
        html_lit(&h, "<h3>");
        web_t(req, &h, "Commendations");
        html_lit(&h, "</h3>");
        if (!s.ncommends)
            web_empty(req, &h, "No commendation yet.");
        linkage_commendation_list(&h, &s);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}
