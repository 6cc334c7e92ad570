/*
 * circle_json: a circle report (circle.h) as JSON, the form the CLI prints with --json and the
 * API serves, and as GeoJSON for maps. Only reads the report; the numbers are rounded here.
 */
#include "geo/circle_int.h"
#include "util/log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- JSON ---- */

/* A number rounded to a decimal places; null when not finite. */
static json_t *jnum(double x, int decimals)
{
    if (!isfinite(x))
        return json_null();
    double f = pow(10, decimals);
    return json_real(round(x * f) / f);
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static const char *pct_keys[5] = {"p10", "p25", "p50", "p75", "p90"};

json_t *circle_report_json(const circle_report *r, int with_points)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    double mpm = r->speed_kmh * 1000.0 / 60.0; /* metres per minute */
    json_object_set_new(o, "mode", json_string(r->mode == CIRCLE_NETWORK ? "network" : "radius"));
    json_object_set_new(o, "speed_kmh", jnum(r->speed_kmh, 3));
    json_object_set_new(o, "minutes", jnum(r->minutes, 3));
    json_object_set_new(o, "budget_m", jnum(r->budget_m, 2));
    if (r->mode == CIRCLE_RADIUS) {
        json_object_set_new(o, "radius_urban_m", jnum(r->radius_urban_m, 2));
        json_object_set_new(o, "radius_rural_m", jnum(r->radius_rural_m, 2));
    }
    json_object_set_new(o, "rule", json_string(r->rule_text));
    if (r->graph_nodes)
        json_object_set_new(o, "graph",
                            json_pack("{s:I, s:I, s:o}", "nodes", (json_int_t)r->graph_nodes,
                                      "edges", (json_int_t)r->graph_edges, "km",
                                      jnum(r->graph_km, 3)));
    json_object_set_new(o, "coverage",
                        json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:b}", "points",
                                  (json_int_t)r->n_points, "covered_points",
                                  (json_int_t)r->covered_points, "weight", jnum(r->total_weight, 3),
                                  "covered_weight", jnum(r->covered_weight, 3), "share",
                                  jnum(r->share, 6), "share_points", jnum(r->share_points, 6),
                                  "points_are_network_nodes", r->points_are_nodes));

    json_t *bycat = json_object();
    for (int c = 0; c < CIRCLE_NCAT; c++)
        if (r->venues_by_cat[c])
            json_object_set_new(bycat, circle_cat_names[c],
                                json_integer((json_int_t)r->venues_by_cat[c]));
    json_t *vs = json_array();
    for (size_t i = 0; i < r->n_venues; i++) {
        const circle_venue_result *v = &r->venues[i];
        json_t *j = json_pack("{s:o, s:o, s:s, s:o, s:o, s:b, s:b, s:I, s:o}", "id", jstr(v->id),
                              "name", jstr(v->name), "category", v->category, "lon",
                              jnum(v->lon, 7), "lat", jnum(v->lat, 7), "required", v->is_required,
                              "free", v->is_free, "reach_points", (json_int_t)v->reach_points,
                              "reach_weight", jnum(v->reach_weight, 3));
        if (j && v->node != GEO_NONE) {
            json_object_set_new(j, "osm_node", json_integer(v->osm_node));
            json_object_set_new(j, "snap_m", jnum(v->snap_m, 2));
        }
        json_array_append_new(vs, j);
    }
    json_object_set_new(o, "venues",
                        json_pack("{s:I, s:o, s:I, s:o}", "count", (json_int_t)r->n_venues,
                                  "by_category", bycat, "unsnapped",
                                  (json_int_t)r->venues_unsnapped, "list", vs));

    json_t *ds = json_array();
    for (size_t i = 0; i < r->n_divisions; i++) {
        const circle_division_stat *d = &r->divisions[i];
        json_array_append_new(
            ds, json_pack("{s:s, s:I, s:I, s:o, s:o, s:o}", "division", d->division, "points",
                          (json_int_t)d->points, "covered_points", (json_int_t)d->covered_points,
                          "weight", jnum(d->weight, 3), "covered_weight",
                          jnum(d->covered_weight, 3), "share", jnum(d->share, 6)));
    }
    json_object_set_new(o, "divisions", ds);

    json_t *hs = json_array();
    for (int b = 0; b < CIRCLE_HIST_BINS; b++)
        json_array_append_new(hs, json_pack("{s:i, s:b, s:I, s:o}", "venues", b, "or_more",
                                            b == CIRCLE_HIST_BINS - 1, "points",
                                            (json_int_t)r->hist_points[b], "weight",
                                            jnum(r->hist_weight[b], 3)));
    json_object_set_new(o, "histogram", hs);

    json_t *cl = json_array();
    for (size_t i = 0; i < r->n_clusters; i++) {
        const circle_cluster *c = &r->clusters[i];
        json_array_append_new(cl,
                              json_pack("{s:I, s:o, s:o, s:o, s:I}", "nodes", (json_int_t)c->nodes,
                                        "weight", jnum(c->weight, 3), "lon", jnum(c->lon, 7), "lat",
                                        jnum(c->lat, 7), "osm_node", (json_int_t)c->osm_node));
    }
    json_object_set_new(o, "clusters",
                        json_pack("{s:I, s:I, s:o}", "total", (json_int_t)r->clusters_total,
                                  "uncovered_nodes", (json_int_t)r->uncovered_nodes, "largest",
                                  cl));

    json_t *nth = json_pack("{s:i, s:o, s:o}", "n", r->nth, "horizon_m", jnum(r->nth_horizon_m, 2),
                            "within_budget_share", jnum(r->nth_within_budget, 6));
    json_t *pm = json_object(), *pmin = json_object();
    for (int k = 0; k < 5; k++) {
        json_object_set_new(pm, pct_keys[k], jnum(r->nth_pct_m[k], 2));
        json_object_set_new(pmin, pct_keys[k], jnum(r->nth_pct_m[k] / mpm, 2));
    }
    json_object_set_new(nth, "percentiles_m", pm);
    json_object_set_new(nth, "percentiles_min", pmin);
    json_object_set_new(o, "nth_nearest", nth);

    if (r->site_k > 0) {
        json_t *ss = json_array();
        for (size_t i = 0; i < r->n_sites; i++) {
            const circle_site *s = &r->sites[i];
            json_t *j =
                json_pack("{s:I, s:o, s:o, s:o, s:I, s:o, s:o, s:o}", "rank", (json_int_t)(i + 1),
                          "lon", jnum(s->lon, 7), "lat", jnum(s->lat, 7), "gain", jnum(s->gain, 3),
                          "gain_points", (json_int_t)s->gain_points, "progress",
                          jnum(s->progress, 3), "covered_weight_after",
                          jnum(s->covered_weight_after, 3), "share_after", jnum(s->share_after, 6));
            if (j && s->osm_node)
                json_object_set_new(j, "osm_node", json_integer(s->osm_node));
            if (j && s->name)
                json_object_set_new(j, "name", json_string(s->name));
            json_array_append_new(ss, j);
        }
        json_object_set_new(o, "siting",
                            json_pack("{s:i, s:s, s:I, s:o}", "k", r->site_k, "category",
                                      r->site_category ? r->site_category : "", "candidates",
                                      (json_int_t)r->site_candidates, "sites", ss));
    }
    json_object_set_new(
        o, "timing_ms",
        json_pack("{s:o, s:o}", "reach", jnum(r->reach_ms, 3), "siting", jnum(r->siting_ms, 3)));

    if (with_points) {
        json_t *ps = json_array();
        for (size_t i = 0; i < r->n_points && ps; i++) {
            const circle_point_result *q = &r->points[i];
            json_t *j = json_object();
            if (r->points_are_nodes)
                json_object_set_new(j, "osm_node", json_integer(q->osm_id));
            if (q->name)
                json_object_set_new(j, "name", json_string(q->name));
            if (q->division)
                json_object_set_new(j, "division", json_string(q->division));
            json_object_set_new(j, "lon", jnum(q->lon, 7));
            json_object_set_new(j, "lat", jnum(q->lat, 7));
            if (!r->points_are_nodes) {
                json_object_set_new(j, "weight", jnum(q->weight, 3));
                if (q->node != GEO_NONE)
                    json_object_set_new(j, "snap_m", jnum(q->snap_m, 2));
            }
            json_object_set_new(j, "venues", json_integer(q->n_reach));
            json_object_set_new(j, "counted", json_integer(q->n_counted));
            json_object_set_new(j, "covered", json_boolean(q->covered));
            json_object_set_new(j, "nth_m", jnum(q->nth_m, 2));
            json_array_append_new(ps, j);
        }
        json_object_set_new(o, "points", ps);
    }
    return o;
}

static json_t *feature(double lon, double lat, json_t *props)
{
    return json_pack("{s:s, s:{s:s, s:[o, o]}, s:o}", "type", "Feature", "geometry", "type",
                     "Point", "coordinates", jnum(lon, 7), jnum(lat, 7), "properties", props);
}

json_t *circle_report_geojson(const circle_report *r)
{
    json_t *fs = json_array();
    if (!fs)
        return NULL;
    for (size_t i = 0; i < r->n_points; i++) {
        const circle_point_result *q = &r->points[i];
        json_t *pr = json_pack("{s:s, s:b, s:i, s:i, s:o, s:s, s:s}", "kind", "point", "covered",
                               q->covered, "venues", (int)q->n_reach, "counted", (int)q->n_counted,
                               "nth_m", jnum(q->nth_m, 1), "marker-color",
                               q->covered ? "#2e7d32" : "#c62828", "marker-size", "small");
        if (pr && r->points_are_nodes)
            json_object_set_new(pr, "osm_node", json_integer(q->osm_id));
        if (pr && !r->points_are_nodes)
            json_object_set_new(pr, "weight", jnum(q->weight, 3));
        if (pr && q->name)
            json_object_set_new(pr, "name", json_string(q->name));
        if (pr && q->division)
            json_object_set_new(pr, "division", json_string(q->division));
        json_array_append_new(fs, feature(q->lon, q->lat, pr));
    }
    for (size_t i = 0; i < r->n_venues; i++) {
        const circle_venue_result *v = &r->venues[i];
        json_array_append_new(
            fs, feature(v->lon, v->lat,
                        json_pack("{s:s, s:o, s:o, s:s, s:b, s:b, s:I, s:s, s:s}", "kind", "venue",
                                  "id", jstr(v->id), "name", jstr(v->name), "category", v->category,
                                  "required", v->is_required, "free", v->is_free, "reach_points",
                                  (json_int_t)v->reach_points, "marker-color", "#1565c0",
                                  "marker-symbol", "town-hall")));
    }
    for (size_t i = 0; i < r->n_clusters; i++) {
        const circle_cluster *c = &r->clusters[i];
        json_array_append_new(
            fs, feature(c->lon, c->lat,
                        json_pack("{s:s, s:I, s:o, s:I, s:s}", "kind", "uncovered_cluster", "nodes",
                                  (json_int_t)c->nodes, "weight", jnum(c->weight, 3), "osm_node",
                                  (json_int_t)c->osm_node, "marker-color", "#6a1b9a")));
    }
    for (size_t i = 0; i < r->n_sites; i++) {
        const circle_site *s = &r->sites[i];
        json_array_append_new(
            fs, feature(s->lon, s->lat,
                        json_pack("{s:s, s:I, s:o, s:I, s:o, s:I, s:s, s:s, s:s}", "kind", "site",
                                  "rank", (json_int_t)(i + 1), "gain", jnum(s->gain, 3),
                                  "gain_points", (json_int_t)s->gain_points, "share_after",
                                  jnum(s->share_after, 6), "osm_node", (json_int_t)s->osm_node,
                                  "category", r->site_category ? r->site_category : "",
                                  "marker-color", "#ff8f00", "marker-symbol", "star")));
    }
    return json_pack("{s:s, s:s, s:o}", "type", "FeatureCollection", "attribution",
                     "© OpenStreetMap contributors (ODbL)", "features", fs);
}
