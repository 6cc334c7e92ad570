/*
 * pages_circles: the 15-minute cultural life circle map: the walking network coloured by
 * coverage (a street is green where the points at both its ends reach enough venues within
 * the walk), the venues, the uncovered clusters and the proposed sites, with the figures a
 * planner reads first. Drawn from the data (no tile server), credited to OpenStreetMap.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/circles.h"
#include "domain/venue.h"
#include "web/svgmap.h"
#include "web/web.h"

static void stat_box(html *h, const char *value, const char *label, http_req *req)
{
    H(h, "<div><strong>");
    html_text(h, value);
    H(h, "</strong>");
    web_t(req, h, label);
    H(h, "</div>");
}

void page_circles(http_req *req)
{
    const char *k = req_query(req, "k"), *rule = req_query(req, "rule");
    const char *minutes = req_query(req, "minutes");
    circles_request rq = {
        .rule = rule, .minutes = minutes ? strtod(minutes, NULL) : 0, .site_k = k ? atoi(k) : 3};
    circle_report r;
    const geo_graph *g;
    if (circles_run(req_ctx(req), &rq, &r, &g) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, tr(req, "15-minute cultural life circle"));
    H(&h, "<h1>");
    web_t(req, &h, "15-minute cultural life circle");
    H(&h, "</h1><p class=\"muted\">");
    html_text(&h, arena_sprintf(&req->a,
                                tr(req, "A walk of %.0f minutes at %.1f km/h (%.0f m) along the "
                                        "streets; rule %s."),
                                r.minutes, r.speed_kmh, r.budget_m, r.rule_text));
    H(&h, "</p><form method=\"get\" action=\"/circles\" class=\"filters\" id=\"circle-form\">"
          "<label>");
    web_t(req, &h, "Rule");
    H(&h, " <select name=\"rule\">");
    static const char *const rules[][2] = {{"count:4", "4 venues or spaces (Panzhihua)"},
                                           {"zj", "1 required + 2 free spaces (Zhejiang)"},
                                           {"count:1", "at least 1 venue"}};
    for (int i = 0; i < 3; i++) {
        H(&h, "<option value=\"");
        html_attr(&h, rules[i][0]);
        H(&h, "\"");
        if (rule ? !strcmp(rule, rules[i][0])
                 : !strncmp(r.rule_text, rules[i][0], strlen(rules[i][0])))
            H(&h, " selected");
        H(&h, ">");
        web_t(req, &h, rules[i][1]);
        H(&h, "</option>");
    }
    H(&h, "</select></label><label>");
    web_t(req, &h, "New sites");
    H(&h, " <input type=\"number\" name=\"k\" min=\"0\" max=\"20\" value=\"");
    html_int(&h, rq.site_k);
    H(&h, "\"></label><button type=\"submit\">");
    web_t(req, &h, "Analyse");
    H(&h, "</button></form><section class=\"stats\" id=\"circle-stats\">");
    stat_box(&h, arena_sprintf(&req->a, "%.1f%%", r.share * 100),
             r.points_are_nodes ? "of the street network is covered"
                                : "of the population is covered",
             req);
    stat_box(&h, arena_sprintf(&req->a, "%zu / %zu", r.covered_points, r.n_points),
             "points covered", req);
    stat_box(&h, arena_sprintf(&req->a, "%zu", r.n_venues), "venues counted", req);
    stat_box(&h,
             isinf(r.nth_pct_m[2])
                 ? "—"
                 : arena_sprintf(&req->a, "%.1f min", r.nth_pct_m[2] / (r.speed_kmh * 1000 / 60)),
             "median walk to enough venues", req);
    if (r.n_sites)
        stat_box(&h, arena_sprintf(&req->a, "%.1f%%", r.sites[r.n_sites - 1].share_after * 100),
                 "covered with the proposed sites", req);
    H(&h, "</section>");

    /* the map: streets coloured by the coverage of their ends */
    bbox b;
    bbox_init(&b);
    for (uint32_t i = 0; i < g->n; i++)
        bbox_add(&b, g->lon[i], g->lat[i]);
    unsigned char *node_cov = NULL;
    if (r.points_are_nodes) {
        node_cov = arena_alloc(&req->a, g->n ? g->n : 1);
        for (size_t i = 0; node_cov && i < r.n_points; i++)
            if (r.points[i].node != GEO_NONE)
                node_cov[r.points[i].node] = r.points[i].covered ? 2 : 1;
    }
    svgmap m;
    svgmap_begin(&m, &h, &b, 1000, tr(req, "Map of the covered and uncovered streets"));
    for (int pass = 0; pass < 3; pass++) {
        /* pass 0: streets without a verdict, 1: uncovered, 2: covered */
        static const char *const cls[] = {"map-road", "map-road-uncovered", "map-road-covered"};
        svgmap_segments_begin(&m, cls[pass]);
        for (uint32_t u = 0; u < g->n; u++)
            for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++) {
                uint32_t v = g->adj[e];
                if (v < u)
                    continue; /* each street once */
                int verdict = node_cov ? (node_cov[u] && node_cov[v]
                                              ? (node_cov[u] == 2 && node_cov[v] == 2 ? 2 : 1)
                                              : 0)
                                       : 0;
                if (verdict == pass)
                    svgmap_segment(&m, g->lon[u], g->lat[u], g->lon[v], g->lat[v]);
            }
        svgmap_segments_end(&m);
    }
    if (!r.points_are_nodes)
        for (size_t i = 0; i < r.n_points; i++)
            svgmap_point(&m, r.points[i].lon, r.points[i].lat, 4,
                         r.points[i].covered ? "map-covered" : "map-uncovered", r.points[i].name,
                         NULL);
    for (size_t i = 0; i < r.n_venues; i++) {
        const circle_venue_result *v = &r.venues[i];
        const venue_category *c = venue_category_find(v->category);
        const char *title = arena_sprintf(&req->a, "%s · %s", v->name ? v->name : "",
                                          c ? (req->lang == LANG_EN ? c->en : c->zh) : v->category);
        const char *href = v->id && !strncmp(v->id, "venue/", 6)
                               ? arena_sprintf(&req->a, "/venues/%s", v->id + 6)
                               : NULL;
        svgmap_point(&m, v->lon, v->lat, 6, "map-venue", title, href);
    }
    for (size_t i = 0; i < r.n_sites; i++) {
        svgmap_point(&m, r.sites[i].lon, r.sites[i].lat, 9, "map-site",
                     arena_sprintf(&req->a, tr(req, "Proposed site %zu: +%.0f covered"), i + 1,
                                   r.sites[i].gain),
                     NULL);
        svgmap_label(&m, r.sites[i].lon, r.sites[i].lat - 0.0006,
                     arena_sprintf(&req->a, "%zu", i + 1), "map-label");
    }
    svgmap_end(&m, tr(req, "Streets and points of interest © OpenStreetMap contributors (ODbL)."));
    H(&h, "<p class=\"legend\"><span><i class=\"covered\"></i>");
    web_t(req, &h, "covered");
    H(&h, "</span><span><i class=\"uncovered\"></i>");
    web_t(req, &h, "not covered");
    H(&h, "</span><span><i class=\"venue\"></i>");
    web_t(req, &h, "venue");
    H(&h, "</span><span><i class=\"site\"></i>");
    web_t(req, &h, "proposed site");
    H(&h, "</span></p>");

    if (r.n_sites) {
        H(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Where the next venues should go");
        H(&h, "</h2><div class=\"scroll\"><table id=\"sites\"><thead><tr><th>#</th><th>");
        web_t(req, &h, "Location");
        H(&h, "</th><th>");
        web_t(req, &h, "Newly covered");
        H(&h, "</th><th>");
        web_t(req, &h, "Coverage after");
        H(&h, "</th></tr></thead><tbody>");
        for (size_t i = 0; i < r.n_sites; i++) {
            H(&h, "<tr><td>");
            html_int(&h, (int64_t)i + 1);
            H(&h, "</td><td>");
            html_text(&h, arena_sprintf(&req->a, "%.5f, %.5f", r.sites[i].lon, r.sites[i].lat));
            H(&h, "</td><td>");
            html_text(&h, arena_sprintf(&req->a, "%.0f", r.sites[i].gain));
            H(&h, "</td><td>");
            html_text(&h, arena_sprintf(&req->a, "%.1f%%", r.sites[i].share_after * 100));
            H(&h, "</td></tr>");
        }
        H(&h, "</tbody></table></div></section>");
    }
    H(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "How many venues a walk reaches");
    H(&h, "</h2><table id=\"histogram\"><tbody>");
    for (int i = 0; i < CIRCLE_HIST_BINS; i++) {
        if (!r.hist_points[i])
            continue;
        H(&h, "<tr><th scope=\"row\">");
        html_text(&h, arena_sprintf(&req->a, i == CIRCLE_HIST_BINS - 1 ? "%d+" : "%d", i));
        H(&h, "</th><td><span class=\"bar\" data-share=\"\">");
        html_text(&h, arena_sprintf(&req->a, "%.1f%%",
                                    r.total_weight ? 100 * r.hist_weight[i] / r.total_weight : 0));
        H(&h, "</span></td></tr>");
    }
    H(&h, "</tbody></table><p class=\"small\"><a href=\"/api/v1/circles\">");
    web_t(req, &h, "The whole report as JSON");
    H(&h, "</a></p></section>");
    circle_report_free(&r);
    web_end(req, &h, 200);
}
