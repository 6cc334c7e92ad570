/*
 * pages_circles: the 15-minute cultural life circle map: the walking network coloured by
 * coverage (a street is green where the points at both its ends reach enough venues within
 * the walk), the venues and the figures a planner reads first, from the cached coverage report.
 * Planners (circles_plan) get a form that queues a siting job, and the job's page: its place in
 * the line or its progress while it runs (the page reloads itself with <meta refresh>, no
 * script), then the proposed sites as a list and on the map. Drawn from the data (no tile
 * server), credited to OpenStreetMap.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/circles/circles.h"
#include "mod/venues/venue.h"
#include "web/svgmap.h"
#include "mod/circles/handlers.h"

#define JOB_REFRESH_S 2

static void stat_box(html *h, const char *value, const char *label, http_req *req)
{
    html_lit(h, "<div><strong>");
    html_text(h, value);
    html_lit(h, "</strong>");
    web_t(req, h, label);
    html_lit(h, "</div>");
}

static const char *const rules[][2] = {{"count:4", "4 venues or spaces (Panzhihua)"},
                                       {"zj", "1 required + 2 free spaces (Zhejiang)"},
                                       {"count:1", "at least 1 venue"}};

/* The rule <select>: the one given, else the report's. */
static void rule_select(http_req *req, html *h, const char *rule, const char *rule_text)
{
    html_lit(h, "<label>");
    web_t(req, h, "Rule");
    html_lit(h, " <select name=\"rule\">");
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        html_lit(h, "<option value=\"");
        html_attr(h, rules[i][0]);
        html_lit(h, "\"");
        if (rule ? !strcmp(rule, rules[i][0])
                 : !strncmp(rule_text, rules[i][0], strlen(rules[i][0])))
            html_lit(h, " selected");
        html_lit(h, ">");
        web_t(req, h, rules[i][1]);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label>");
}

static void venue_point(http_req *req, svgmap *m, double lon, double lat, const char *name,
                        const char *category, const char *id)
{
    const venue_category *c = venue_category_find(category);
    const char *title = arena_sprintf(&req->a, "%s · %s", name ? name : "",
                                      c          ? (req->lang == LANG_EN ? c->en : c->zh)
                                      : category ? category
                                                 : "");
    const char *href =
        id && !strncmp(id, "venue/", 6) ? arena_sprintf(&req->a, "/venues/%s", id + 6) : NULL;
    svgmap_point(m, lon, lat, 6, "map-venue", title, href);
}

/* The legend: the coverage map's (streets covered or not, venues), or a job's (venues, sites). */
static void legend(http_req *req, html *h, int sites)
{
    html_lit(h, "<p class=\"legend\">");
    if (!sites) {
        html_lit(h, "<span><i class=\"covered\"></i>");
        web_t(req, h, "covered");
        html_lit(h, "</span><span><i class=\"uncovered\"></i>");
        web_t(req, h, "not covered");
        html_lit(h, "</span>");
    }
    html_lit(h, "<span><i class=\"venue\"></i>");
    web_t(req, h, "venue");
    html_lit(h, "</span>");
    if (sites) {
        html_lit(h, "<span><i class=\"site\"></i>");
        web_t(req, h, "proposed site");
        html_lit(h, "</span>");
    }
    html_lit(h, "</p>");
}

/* The bounding box of the network. */
static void network_box(const geo_graph *g, bbox *b)
{
    bbox_init(b);
    for (uint32_t i = 0; g && i < g->n; i++)
        bbox_add(b, g->lon[i], g->lat[i]);
}

void page_circles(http_req *req)
{
    const char *rule = req_query(req, "rule"), *minutes = req_query(req, "minutes");
    circles_request rq = {.rule = rule, .minutes = minutes ? strtod(minutes, NULL) : 0};
    circles_view *view;
    const char *how;
    if (circles_get(req_ctx(req), &rq, &view, &how) < 0) {
        resp_fail(req);
        return;
    }
    const circle_report *r = circles_view_report(view);
    const geo_graph *g = circles_graph();
    resp_header(req, "X-Circle-Cache", how);
    html h;
    web_begin(req, &h, req_tr(req, "15-minute cultural life circle"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "15-minute cultural life circle");
    html_lit(&h, "</h1><p class=\"muted\">");
    html_text(&h,
              arena_sprintf(&req->a,
                            req_tr(req, "A walk of %.0f minutes at %.1f km/h (%.0f m) along the "
                                        "streets; rule %s."),
                            r->minutes, r->speed_kmh, r->budget_m, r->rule_text));
    html_lit(&h,
             "</p><form method=\"get\" action=\"/circles\" class=\"filters\" id=\"circle-form\">");
    rule_select(req, &h, rule, r->rule_text);
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Analyse");
    html_lit(&h, "</button></form><section class=\"stats\" id=\"circle-stats\">");
    stat_box(&h, arena_sprintf(&req->a, "%.1f%%", r->share * 100),
             r->points_are_nodes ? "of the street network is covered"
                                 : "of the population is covered",
             req);
    stat_box(&h, arena_sprintf(&req->a, "%zu / %zu", r->covered_points, r->n_points),
             "points covered", req);
    stat_box(&h, arena_sprintf(&req->a, "%zu", r->n_venues), "venues counted", req);
    stat_box(&h,
             isinf(r->nth_pct_m[2])
                 ? "—"
                 : arena_sprintf(&req->a, "%.1f min", r->nth_pct_m[2] / (r->speed_kmh * 1000 / 60)),
             "median walk to enough venues", req);
    html_lit(&h, "</section>");

    /* the map: streets coloured by the coverage of their ends */
    bbox b;
    network_box(g, &b);
    unsigned char *node_cov = NULL;
    if (r->points_are_nodes) {
        node_cov = arena_alloc(&req->a, g->n ? g->n : 1);
        for (size_t i = 0; node_cov && i < r->n_points; i++)
            if (r->points[i].node != GEO_NONE)
                node_cov[r->points[i].node] = r->points[i].covered ? 2 : 1;
    }
    svgmap m;
    svgmap_begin(&m, &h, &b, 1000, req_tr(req, "Map of the covered and uncovered streets"));
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
    if (!r->points_are_nodes)
        for (size_t i = 0; i < r->n_points; i++)
            svgmap_point(&m, r->points[i].lon, r->points[i].lat, 4,
                         r->points[i].covered ? "map-covered" : "map-uncovered", r->points[i].name,
                         NULL);
    for (size_t i = 0; i < r->n_venues; i++)
        venue_point(req, &m, r->venues[i].lon, r->venues[i].lat, r->venues[i].name,
                    r->venues[i].category, r->venues[i].id);
    svgmap_end(&m,
               req_tr(req, "Streets and points of interest © OpenStreetMap contributors (ODbL)."));
    legend(req, &h, 0);

    /* siting: planners queue a job; everyone else is told who can */
    html_lit(&h, "<section class=\"card\" id=\"siting\"><h2>");
    web_t(req, &h, "Where the next venues should go");
    html_lit(&h, "</h2>");
    if (authz_allows(&req->who, PERM_CIRCLES_PLAN, NULL)) {
        html_lit(&h, "<p class=\"muted\">");
        web_t(req, &h,
              "Choosing sites takes a while: it runs as a job, and its page shows how "
              "far it is and then the sites.");
        html_lit(&h, "</p><form method=\"post\" action=\"/circles/siting\" class=\"filters\" "
                     "id=\"siting-form\">");
        web_csrf_field(req, &h);
        rule_select(req, &h, rule, r->rule_text);
        html_lit(&h, "<label>");
        web_t(req, &h, "New sites");
        html_lit(&h, " <input type=\"number\" name=\"k\" min=\"1\" max=\"");
        html_int(&h, req->ctx.cfg->circle_siting_max_k);
        html_lit(&h, "\" value=\"3\" required></label>");
        if (minutes) {
            html_lit(&h, "<input type=\"hidden\" name=\"minutes\" value=\"");
            html_attr(&h, minutes);
            html_lit(&h, "\">");
        }
        html_lit(&h, "<button type=\"submit\">");
        web_t(req, &h, "Propose sites");
        html_lit(&h, "</button></form>");
    } else {
        html_lit(&h, "<p class=\"muted\">");
        web_t(req, &h,
              "Planners and administrators can ask where new venues would cover the "
              "most people.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "</section>");

    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "How many venues a walk reaches");
    html_lit(&h, "</h2><table id=\"histogram\"><tbody>");
    for (int i = 0; i < CIRCLE_HIST_BINS; i++) {
        if (!r->hist_points[i])
            continue;
        html_lit(&h, "<tr><th scope=\"row\">");
        html_text(&h, arena_sprintf(&req->a, i == CIRCLE_HIST_BINS - 1 ? "%d+" : "%d", i));
        html_lit(&h, "</th><td><span class=\"bar\" data-share=\"\">");
        html_text(&h,
                  arena_sprintf(&req->a, "%.1f%%",
                                r->total_weight ? 100 * r->hist_weight[i] / r->total_weight : 0));
        html_lit(&h, "</span></td></tr>");
    }
    html_lit(&h, "</tbody></table><p class=\"small\"><a href=\"/api/v1/circles\">");
    web_t(req, &h, "The whole report as JSON");
    html_lit(&h, "</a></p></section>");
    circles_release(view);
    web_end(req, &h, 200);
}

void page_circles_siting_post(http_req *req)
{
    const char *k = req_form(req, "k"), *minutes = req_form(req, "minutes");
    char *end = NULL;
    long kv = k ? strtol(k, &end, 10) : 0;
    circles_request rq = {.rule = req_form(req, "rule"),
                          .division = req_form(req, "division"),
                          .minutes = minutes && *minutes ? strtod(minutes, NULL) : 0,
                          .site_k = k && end != k && !*end && kv > 0 && kv < 100000 ? (int)kv : -1};
    int64_t id;
    if (circles_siting_submit(req_ctx(req), &rq, &id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/circles/siting/%lld", (long long)id));
}

/* A number of a JSON object, NAN when missing. */
static double jnum(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static void job_result(http_req *req, html *h, json_t *res)
{
    json_t *cov = json_object_get(res, "coverage"), *siting = json_object_get(res, "siting");
    json_t *sites = json_object_get(siting, "sites");
    json_t *venues = json_object_get(json_object_get(res, "venues"), "list");
    size_t ns = json_array_size(sites);
    double share = jnum(cov, "share");
    int nodes = json_is_true(json_object_get(cov, "points_are_network_nodes"));
    html_lit(h, "<section class=\"stats\" id=\"circle-stats\">");
    stat_box(h, arena_sprintf(&req->a, "%.1f%%", share * 100),
             nodes ? "of the street network is covered" : "of the population is covered", req);
    if (ns)
        stat_box(h,
                 arena_sprintf(&req->a, "%.1f%%",
                               jnum(json_array_get(sites, ns - 1), "share_after") * 100),
                 "covered with the proposed sites", req);
    stat_box(h, arena_sprintf(&req->a, "%zu", ns), "proposed sites", req);
    html_lit(h, "</section>");

    /* the map: the streets, the venues, the sites numbered in the order chosen */
    const geo_graph *g = circles_graph();
    bbox b;
    network_box(g, &b);
    for (size_t i = 0; !g && i < json_array_size(venues); i++)
        bbox_add(&b, jnum(json_array_get(venues, i), "lon"),
                 jnum(json_array_get(venues, i), "lat"));
    for (size_t i = 0; !g && i < ns; i++)
        bbox_add(&b, jnum(json_array_get(sites, i), "lon"), jnum(json_array_get(sites, i), "lat"));
    svgmap m;
    svgmap_begin(&m, h, &b, 1000, req_tr(req, "Map of the proposed sites"));
    if (g) {
        svgmap_segments_begin(&m, "map-road");
        for (uint32_t u = 0; u < g->n; u++)
            for (uint32_t e = g->off[u]; e < g->off[u + 1]; e++)
                if (g->adj[e] > u)
                    svgmap_segment(&m, g->lon[u], g->lat[u], g->lon[g->adj[e]], g->lat[g->adj[e]]);
        svgmap_segments_end(&m);
    }
    for (size_t i = 0; i < json_array_size(venues); i++) {
        json_t *v = json_array_get(venues, i);
        venue_point(req, &m, jnum(v, "lon"), jnum(v, "lat"),
                    json_string_value(json_object_get(v, "name")),
                    json_string_value(json_object_get(v, "category")),
                    json_string_value(json_object_get(v, "id")));
    }
    for (size_t i = 0; i < ns; i++) {
        json_t *s = json_array_get(sites, i);
        double lon = jnum(s, "lon"), lat = jnum(s, "lat");
        svgmap_point(&m, lon, lat, 9, "map-site",
                     arena_sprintf(&req->a, req_tr(req, "Proposed site %zu: +%.0f covered"), i + 1,
                                   jnum(s, "gain")),
                     NULL);
        svgmap_label(&m, lon, lat - 0.0006, arena_sprintf(&req->a, "%zu", i + 1), "map-label");
    }
    svgmap_end(&m,
               req_tr(req, "Streets and points of interest © OpenStreetMap contributors (ODbL)."));
    legend(req, h, 1);

    html_lit(h, "<section class=\"card\"><h2>");
    web_t(req, h, "Where the next venues should go");
    html_lit(h, "</h2><div class=\"scroll\"><table id=\"sites\"><thead><tr><th>#</th><th>");
    web_t(req, h, "Location");
    html_lit(h, "</th><th>");
    web_t(req, h, "Newly covered");
    html_lit(h, "</th><th>");
    web_t(req, h, "Coverage after");
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < ns; i++) {
        json_t *s = json_array_get(sites, i);
        html_lit(h, "<tr><td>");
        html_int(h, (int64_t)i + 1);
        html_lit(h, "</td><td>");
        html_text(h, arena_sprintf(&req->a, "%.5f, %.5f", jnum(s, "lon"), jnum(s, "lat")));
        html_lit(h, "</td><td>");
        html_text(h, arena_sprintf(&req->a, "%.0f", jnum(s, "gain")));
        html_lit(h, "</td><td>");
        html_text(h, arena_sprintf(&req->a, "%.1f%%", jnum(s, "share_after") * 100));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div></section>");
}

void page_circles_siting(http_req *req)
{
    int64_t id, ahead;
    job_row j;
    id = req_id(req, 0);
    if (circles_siting_get(req_ctx(req), id, &j, &ahead) < 0) {
        resp_fail(req);
        return;
    }
    int live = !strcmp(j.status, "queued") || !strcmp(j.status, "running");
    json_t *params = j.params ? json_loads(j.params, 0, NULL) : NULL;
    html h;
    web_begin_refresh(req, &h, req_tr(req, "Proposed sites"), live ? JOB_REFRESH_S : 0);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Proposed sites");
    html_lit(&h, "</h1><p class=\"muted\">");
    const char *div = json_string_value(json_object_get(params, "division"));
    html_text(&h, arena_sprintf(&req->a,
                                req_tr(req, "%d new sites, rule %s, a walk of %.0f minutes%s%s."),
                                (int)json_integer_value(json_object_get(params, "k")),
                                json_string_value(json_object_get(params, "rule"))
                                    ? json_string_value(json_object_get(params, "rule"))
                                    : "",
                                jnum(params, "minutes"), div ? ", " : "", div ? div : ""));
    html_lit(&h, "</p><section class=\"card\" id=\"job-status\" data-status=\"");
    html_attr(&h, j.status);
    html_lit(&h, "\">");
    if (!strcmp(j.status, "queued")) {
        html_lit(&h, "<p>");
        html_text(&h,
                  arena_sprintf(&req->a, req_tr(req, "Waiting to start: %lld jobs ahead of it."),
                                (long long)ahead));
        html_lit(&h, "</p>");
    } else if (!strcmp(j.status, "running")) {
        int pct = (int)lround(j.progress * 100);
        html_lit(&h, "<p><label for=\"job-progress\">");
        web_t(req, &h,
              j.stage && !strcmp(j.stage, "siting")  ? "Choosing the sites"
              : j.stage && !strcmp(j.stage, "reach") ? "Finding what each place reaches"
                                                     : "Waiting for another analysis to finish");
        html_lit(&h, "</label> <progress id=\"job-progress\" max=\"100\" value=\"");
        html_int(&h, pct);
        html_lit(&h, "\">");
        html_text(&h, arena_sprintf(&req->a, "%d%%", pct));
        html_lit(&h, "</progress> ");
        html_text(&h, arena_sprintf(&req->a, "%d%%", pct));
        html_lit(&h, "</p>");
    } else if (!strcmp(j.status, "failed")) {
        html_lit(&h, "<p class=\"form-error\" role=\"alert\">");
        web_t(req, &h, j.error ? j.error : "The job failed.");
        html_lit(&h, "</p>");
    } else {
        html_lit(&h, "<p>");
        web_t(req, &h, "Done: the sites are below.");
        html_lit(&h, "</p>");
    }
    if (live) {
        html_lit(&h, "<p class=\"small muted\">");
        web_t(req, &h, "This page reloads itself every few seconds until the job is done.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "</section>");
    json_t *res = j.result ? json_loads(j.result, 0, NULL) : NULL;
    if (res)
        job_result(req, &h, res);
    json_decref(res);
    json_decref(params);
    html_lit(&h, "<p class=\"small\"><a href=\"");
    html_attr(&h, arena_sprintf(&req->a, "/api/v1/circles/siting/%lld", (long long)id));
    html_lit(&h, "\">");
    web_t(req, &h, "The job as JSON");
    html_lit(&h, "</a> · <a href=\"/circles\">");
    web_t(req, &h, "Back to the map");
    html_lit(&h, "</a></p>");
    web_end(req, &h, 200);
}
