/*
 * circle: the 15-minute cultural life circle (15分钟文化生活圈) analysis.
 *
 * Inputs: venues (lon/lat, category), demand points (communities with a population, or the
 * network's own nodes with weight 1 each), a walking speed and time budget (default 4.5 km/h
 * and 15 minutes: 1125 m), and a rule that decides whether a point is covered.
 *
 * Network mode (a graph is given): a point reaches a venue when the walking distance
 *     snap(point) + network distance(node(point), node(venue)) + snap(venue)
 * is at most the budget, where node() is the nearest network node and snap() the straight-line
 * (ellipsoidal) distance to it: the walk to the network is counted at walking speed, as the
 * crow flies. A point that is itself a network node has snap 0. One bounded Dijkstra runs from
 * every venue (the graph is undirected, so venue-to-point equals point-to-venue).
 *
 * Radius mode (no network, or asked for): a point reaches a venue within a straight-line
 * ellipsoidal radius, 1000 m for urban points and 1500 m for rural ones (Zhejiang), or given.
 * (Distances come from the tangent plane with the ellipsoid's radii of curvature, off by less
 * than a millimetre at these ranges; within a metre of a radius the geodesic decides.)
 *
 * Rules:
 *   count:N[:cat1|cat2...]  at least N reachable venues of those categories (any when none
 *                           given). Panzhihua: count:4 (4 venues or spaces).
 *   zj[:R:F]                Zhejiang: at least R (1) "required" venues plus F (2) further
 *                           "free public cultural spaces", all distinct.
 *   required (必备阵地): library, cultural_centre, town_station, village_centre
 *   free spaces (免费开放的公共文化空间): every category except theatre, cinema and other
 *                           (those are often ticketed); required ones count as free too.
 * A venue's flags come from its category (circle_venue_set) and may be overridden.
 * Rules may differ by division: an override applies to points whose division code starts
 * with its prefix (the longest prefix wins).
 *
 * The report: points and population covered (and the share), per division when points carry
 * one; the histogram of reachable-venue counts; uncovered clusters (connected groups of
 * network nodes that are themselves uncovered, under the default rule, with their size, the
 * population of the uncovered points snapped to them, and their centroid); the distance and
 * time to the N-th nearest counted venue per point (N and categories from the rule: count:N
 * counts the rule's categories, zj counts required-or-free venues with N = R + F), searched
 * up to a horizon (default twice the budget) and summarised as weighted percentiles.
 *
 * Siting (k > 0): greedy maximum coverage. Candidates are a given list, or the network nodes
 * thinned to the one nearest the centre of each grid cell (site_spacing_m, default 100 m; 0:
 * every node), or without a network the demand points themselves. Each round picks the candidate
 * whose new venue (of site_category) would newly cover the most population; ties, and rounds where
 * no single site covers anyone new (points short of two or more venues), are decided by "progress":
 * the population of the uncovered points it reaches, each divided by the number of venues that
 * point still needs (so repeated picks can build up coverage where every point is several venues
 * short). Gains are recomputed after each pick for every candidate the pick can affect (those
 * within twice the budget of it); a multi-source search from the points one venue short prunes
 * candidates that cannot gain. Siting stops early when no candidate gains anything at all.
 *
 * Memory: circle_run allocates the report; circle_report_free releases everything. Strings in
 * the report are copies.
 */
#ifndef WY_GEO_CIRCLE_H
#define WY_GEO_CIRCLE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "geo/graph.h"
#include "util/arena.h"

enum circle_category {
    CIRCLE_CAT_LIBRARY,
    CIRCLE_CAT_CULTURAL_CENTRE,
    CIRCLE_CAT_MUSEUM,
    CIRCLE_CAT_ART_GALLERY,
    CIRCLE_CAT_THEATRE,
    CIRCLE_CAT_TOWN_STATION,
    CIRCLE_CAT_VILLAGE_CENTRE,
    CIRCLE_CAT_NEW_SPACE,
    CIRCLE_CAT_STREET_STATION,
    CIRCLE_CAT_RURAL_STAGE,
    CIRCLE_CAT_HERITAGE_WORKSHOP,
    CIRCLE_CAT_CINEMA,
    CIRCLE_CAT_OTHER,
    CIRCLE_NCAT
};

const char *circle_category_name(int cat);    /* "library", ...; "other" when out of range */
int circle_category_from_name(const char *s); /* -1 when unknown */
int circle_category_required(int cat);        /* zj "required" venue */
int circle_category_free(int cat);            /* zj free public cultural space */

typedef struct circle_venue {
    double lon, lat;
    const char *category; /* one of the category names; unknown ones count as "other" */
    const char *name;     /* may be NULL */
    const char *id;       /* external id ("node/123", a database id); may be NULL */
    int is_required, is_free;
} circle_venue;

/* Fill a venue, deriving its flags from the category. */
void circle_venue_set(circle_venue *v, double lon, double lat, const char *category,
                      const char *name, const char *id);

typedef struct circle_point {
    double lon, lat;
    double weight;        /* population (>= 0) */
    const char *name;     /* may be NULL */
    const char *division; /* division code, may be NULL */
    int rural;            /* radius mode: the rural radius applies */
} circle_point;

enum circle_rule_kind { CIRCLE_RULE_COUNT, CIRCLE_RULE_ZJ };

typedef struct circle_rule {
    int kind;
    int n;         /* count: at least n venues; zj: at least n required venues */
    int m;         /* zj: plus at least m free spaces besides */
    uint32_t cats; /* count: bit (1u << category) per counted category; 0: every category */
} circle_rule;

/* "count:4", "count:2:library|museum", "zj", "zj:1:2". 0, or -1 with err. */
int circle_rule_parse(const char *s, circle_rule *r, char *err, size_t errlen);
/* The canonical text of a rule (parses back to the same rule). */
void circle_rule_format(const circle_rule *r, char *buf, size_t len);

typedef struct circle_rule_override {
    const char *division_prefix;
    circle_rule rule;
} circle_rule_override;

enum circle_mode { CIRCLE_NETWORK, CIRCLE_RADIUS };

/* Progress: stage "reach" (done of total venues searched) or "siting" (done of total sites
 * chosen); called with done 0 as each stage starts, then as it advances. Non-zero stops the
 * run: circle_run then fails with "cancelled". */
typedef int (*circle_progress_fn)(void *ud, const char *stage, size_t done, size_t total);

typedef struct circle_params {
    double speed_kmh; /* 4.5 */
    double minutes;   /* 15 */
    circle_rule rule; /* count:4 */
    const circle_rule_override *overrides;
    size_t n_overrides;
    int mode;              /* CIRCLE_NETWORK (falls back to radius without a graph) */
    double radius_urban_m; /* 1000 */
    double radius_rural_m; /* 1500 */
    int nth;               /* N of "time to the N-th nearest venue"; 0: from the rule */
    double horizon_m;      /* how far that is searched; 0: twice the budget (or radius) */
    size_t max_clusters;   /* clusters listed (all are counted); 20 */

    int site_k;                     /* 0: no siting */
    const char *site_category;      /* NULL: first rule category, village_centre for zj,
                                       else new_space */
    double site_spacing_m;          /* candidate thinning; 100; 0: every node */
    const circle_point *candidates; /* NULL: network nodes (radius mode: demand points) */
    size_t n_candidates;

    circle_progress_fn progress; /* see circle_progress_fn; NULL ok */
    void *progress_ud;
} circle_params;

void circle_params_default(circle_params *p);

typedef struct circle_point_result {
    double lon, lat, weight;
    const char *name, *division; /* NULL when the input had none */
    long long osm_id;            /* the node's OSM id when points are network nodes, else 0 */
    uint32_t node;               /* nearest network node (GEO_NONE in radius mode) */
    float snap_m;                /* straight-line distance to it */
    float nth_m;                 /* distance to the N-th nearest counted venue; INFINITY
                                    beyond the horizon */
    uint32_t n_reach;            /* venues within the budget */
    uint32_t n_counted;          /* of which count toward the rule */
    uint8_t covered;
    uint8_t rural;
} circle_point_result;

typedef struct circle_venue_result {
    double lon, lat;
    const char *name, *id, *category; /* category: the canonical name */
    int cat, is_required, is_free;
    uint32_t node; /* GEO_NONE in radius mode */
    long long osm_node;
    double snap_m;
    size_t reach_points; /* demand points within the budget of this venue */
    double reach_weight;
} circle_venue_result;

typedef struct circle_division_stat {
    const char *division;
    size_t points, covered_points;
    double weight, covered_weight, share;
} circle_division_stat;

typedef struct circle_cluster {
    size_t nodes;
    double weight; /* population of uncovered points snapped to its nodes */
    double lon, lat;
    long long osm_node; /* a node of the cluster (the one nearest the centroid) */
} circle_cluster;

typedef struct circle_site {
    uint32_t node; /* GEO_NONE when not a network node */
    long long osm_node;
    double lon, lat;
    const char *name; /* candidate name, when from a list */
    double gain;      /* population newly covered */
    size_t gain_points;
    double progress; /* uncovered population within reach, each / venues it still needs */
    double covered_weight_after, share_after;
} circle_site;

#define CIRCLE_HIST_BINS 21 /* 0 .. 19 venues, and 20 or more */

typedef struct circle_report {
    int mode;
    double speed_kmh, minutes, budget_m;
    double radius_urban_m, radius_rural_m;
    circle_rule rule;
    char rule_text[96];
    size_t graph_nodes, graph_edges;
    double graph_km;

    int points_are_nodes;
    size_t n_points, covered_points;
    double total_weight, covered_weight;
    double share;        /* of the weight (population) */
    double share_points; /* of the points */
    circle_point_result *points;

    size_t n_venues;
    size_t venues_by_cat[CIRCLE_NCAT];
    size_t venues_unsnapped; /* network mode: venues whose nearest node is beyond the budget */
    circle_venue_result *venues;

    circle_division_stat *divisions; /* by division code */
    size_t n_divisions;

    size_t hist_points[CIRCLE_HIST_BINS];
    double hist_weight[CIRCLE_HIST_BINS];

    circle_cluster *clusters; /* largest first (weight, then nodes) */
    size_t n_clusters;        /* listed */
    size_t clusters_total;    /* found */
    size_t uncovered_nodes;

    int nth;
    double nth_horizon_m;
    double nth_pct_m[5];      /* weighted p10, p25, p50, p75, p90; INFINITY beyond the horizon */
    double nth_within_budget; /* share of the weight with its N-th venue within the budget */

    circle_site *sites;
    size_t n_sites;
    int site_k;
    const char *site_category;
    size_t site_candidates;

    double reach_ms, siting_ms;
    arena strings;
} circle_report;

/* Run the analysis. g may be NULL (radius mode); pts NULL (np 0) means every network node is a
 * demand point of weight 1 (then g is required). 0 on success; -1 with err (bad parameters,
 * out of memory, cancelled by the progress callback); the report is released on failure. */
int circle_run(const circle_params *p, const geo_graph *g, const circle_venue *v, size_t nv,
               const circle_point *pts, size_t np, circle_report *out, char *err, size_t errlen);
void circle_report_free(circle_report *r);

/* The whole report as JSON; with_points adds every demand point. NULL when out of memory. */
json_t *circle_report_json(const circle_report *r, int with_points);
/* Covered and uncovered points, venues, uncovered clusters and sites as a GeoJSON
 * FeatureCollection; "kind" and simplestyle properties ("marker-color") for styling. */
json_t *circle_report_geojson(const circle_report *r);

/* ---- inputs (circle_io.c) ----
 * Arrays are malloc'd (free() them); strings live in the arena a. */

/* The POIs of an OSM extract as venues (id "node/123" or "way/123"). */
int circle_venues_from_osm(const osm_network *net, arena *a, circle_venue **out, size_t *n);
/* Venues from CSV (header with lon, lat, category and optionally id, name, required, free)
 * or GeoJSON (Point features; properties category, name, id). 0, or -1 with err. */
int circle_venues_load(const char *path, arena *a, circle_venue **out, size_t *n, char *err,
                       size_t errlen);
/* Demand points from CSV: name,lon,lat,population[,division[,rural]] (a header row, when
 * present, may name the columns in any order). 0, or -1 with err (line and reason). */
int circle_points_load(const char *path, arena *a, circle_point **out, size_t *n, char *err,
                       size_t errlen);
/* The same from memory (name in messages: "venues", "points"). */
int circle_venues_parse(const char *data, size_t len, arena *a, circle_venue **out, size_t *n,
                        char *err, size_t errlen);
int circle_points_parse(const char *data, size_t len, arena *a, circle_point **out, size_t *n,
                        char *err, size_t errlen);

/* ---- CLI (circle_cli.c) ---- */

/* `wenyun circle ...` (argv[0] is "circle"); the exit status. */
int circle_main(int argc, char **argv);

/* Venues from a database, for --db; main.c sets it (the geo layer knows no store). */
typedef int (*circle_db_loader)(const char *db, const char *division, arena *a, circle_venue **out,
                                size_t *n, char *err, size_t errlen);
void circle_cli_set_db_loader(circle_db_loader fn);

#endif
