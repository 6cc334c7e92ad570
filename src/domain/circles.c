/* circles: see circles.h. */
#include "domain/circles.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/division.h"
#include "geo/osm.h"
#include "util/log.h"

static struct {
    int ready;
    osm_network net;
    geo_graph g;
    arena strings; /* POI venue strings and demand point strings */
    circle_venue *osm_venues;
    size_t n_osm_venues;
    circle_point *points;
    size_t n_points;
    double min_lon, min_lat, max_lon, max_lat;
    const wy_config *cfg;
    pthread_mutex_t run; /* one analysis at a time */
} C = {.run = PTHREAD_MUTEX_INITIALIZER};

int circles_available(void)
{
    return C.ready;
}

int circles_init(const wy_config *cfg, char *err, size_t errlen)
{
    C.cfg = cfg;
    if (!cfg->circle_osm_file[0])
        return 0;
    arena_init(&C.strings, 0);
    osm_options opt = {.max_nodes = (size_t)cfg->circle_osm_max_nodes,
                       .max_bytes = (size_t)cfg->circle_osm_max_bytes};
    if (osm_load(cfg->circle_osm_file, &opt, &C.net, err, errlen) < 0 ||
        geo_graph_from_osm(&C.g, &C.net, err, errlen) < 0) {
        circles_free();
        return -1;
    }
    if (cfg->circle_osm_pois &&
        circle_venues_from_osm(&C.net, &C.strings, &C.osm_venues, &C.n_osm_venues) < 0) {
        snprintf(err, errlen, "out of memory reading the POIs of %s", cfg->circle_osm_file);
        circles_free();
        return -1;
    }
    if (cfg->circle_population[0] && circle_points_load(cfg->circle_population, &C.strings,
                                                        &C.points, &C.n_points, err, errlen) < 0) {
        circles_free();
        return -1;
    }
    C.min_lon = C.min_lat = INFINITY;
    C.max_lon = C.max_lat = -INFINITY;
    for (uint32_t i = 0; i < C.g.n; i++) {
        C.min_lon = fmin(C.min_lon, C.g.lon[i]);
        C.max_lon = fmax(C.max_lon, C.g.lon[i]);
        C.min_lat = fmin(C.min_lat, C.g.lat[i]);
        C.max_lat = fmax(C.max_lat, C.g.lat[i]);
    }
    C.ready = 1;
    log_info("circles: walking network of %s: %u nodes, %zu edges, %.1f km; %zu venues from "
             "its POIs",
             cfg->circle_osm_file, C.g.n, C.g.m, C.g.total_len / 1000, C.n_osm_venues);
    return 0;
}

void circles_free(void)
{
    geo_graph_free(&C.g);
    osm_network_free(&C.net);
    free(C.osm_venues);
    free(C.points);
    arena_free(&C.strings);
    C.osm_venues = NULL;
    C.points = NULL;
    C.n_osm_venues = C.n_points = 0;
    C.ready = 0;
}

/* The database's venues inside the network's area, then the extract's POIs. */
static int gather_venues(wy_ctx *ctx, circle_venue **out, size_t *n)
{
    venue_filter f = {.has_bbox = 1,
                      .min_lon = C.min_lon,
                      .max_lon = C.max_lon,
                      .min_lat = C.min_lat,
                      .max_lat = C.max_lat,
                      .limit = 100000};
    venue *vs;
    size_t nv;
    int rc = store_venue_list(ctx->c, ctx->a, &f, &vs, &nv);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "circle venues");
    size_t total = nv + C.n_osm_venues;
    circle_venue *cv = arena_alloc(ctx->a, (total + 1) * sizeof(*cv));
    if (!cv)
        return fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    size_t k = 0;
    for (size_t i = 0; i < nv; i++)
        if (!strcmp(vs[i].status, "open"))
            circle_venue_set(&cv[k++], vs[i].lon, vs[i].lat, vs[i].category, vs[i].name,
                             arena_sprintf(ctx->a, "venue/%lld", (long long)vs[i].id));
    /* the extract's POIs, unless imported already (external id osm:node/N): none twice */
    for (size_t i = 0; i < C.n_osm_venues; i++) {
        int dup = 0;
        for (size_t j = 0; j < nv && !dup; j++)
            dup = vs[j].external_id && !strncmp(vs[j].external_id, "osm:", 4) &&
                  C.osm_venues[i].id && !strcmp(vs[j].external_id + 4, C.osm_venues[i].id);
        if (!dup)
            cv[k++] = C.osm_venues[i];
    }
    *out = cv;
    *n = k;
    return 0;
}

int circles_run(wy_ctx *ctx, const circles_request *rq, circle_report *out, const geo_graph **g)
{
    if (!C.ready)
        return fail(ctx, E_UNAVAILABLE, "no_network",
                    "The circle analysis needs the city's walking network: set circle.osm_file.");
    circle_params p;
    circle_params_default(&p);
    char err[256];
    const char *rule = rq->rule && *rq->rule ? rq->rule : C.cfg->circle_rule;
    if (circle_rule_parse(rule, &p.rule, err, sizeof(err)) < 0)
        return fail_field(ctx, E_INVALID, "bad_rule",
                          "The rule is count:N[:categories] or zj[:R:F].", "rule");
    /* rules per division subtree: "330282=zj;5104=count:4" (the longest prefix wins) */
    circle_rule_override ov[16];
    size_t nov = 0;
    char spec[sizeof(C.cfg->circle_rule_by_division)];
    snprintf(spec, sizeof(spec), "%s", C.cfg->circle_rule_by_division);
    for (char *sv = NULL, *tk = strtok_r(spec, ";", &sv); tk && nov < 16;
         tk = strtok_r(NULL, ";", &sv)) {
        char *eq = strchr(tk, '=');
        char code[DIVISION_CODE_MAX];
        if (!eq)
            continue;
        *eq = '\0';
        if (division_normalize(tk, code) < 0 ||
            circle_rule_parse(eq + 1, &ov[nov].rule, err, sizeof(err)) < 0) {
            error("circles: ignored circle.rule_by_division entry %s", tk);
            continue;
        }
        ov[nov++].division_prefix = arena_strdup(ctx->a, code);
    }
    p.overrides = ov;
    p.n_overrides = nov;
    p.speed_kmh = C.cfg->circle_speed_kmh;
    p.minutes = rq->minutes > 0 ? rq->minutes : C.cfg->circle_minutes;
    if (p.minutes > 120)
        return fail_field(ctx, E_INVALID, "bad_minutes", "minutes is 1 to 120.", "minutes");
    if (rq->site_k < 0 || rq->site_k > 50)
        return fail_field(ctx, E_INVALID, "bad_k", "k is 1 to 50.", "k");
    p.site_k = rq->site_k;
    char div[DIVISION_CODE_MAX] = "";
    if (rq->division && *rq->division && division_normalize(rq->division, div) < 0)
        return fail_field(ctx, E_INVALID, "bad_division",
                          "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    circle_venue *cv = NULL;
    size_t nv = 0;
    if (gather_venues(ctx, &cv, &nv) < 0)
        return -1;
    /* demand points of the requested subtree, when they carry divisions */
    const circle_point *pts = C.points;
    size_t np = C.n_points;
    if (div[0] && np) {
        circle_point *sel = arena_alloc(ctx->a, np * sizeof(*sel));
        size_t k = 0;
        for (size_t i = 0; sel && i < np; i++)
            if (C.points[i].division && division_contains(div, C.points[i].division))
                sel[k++] = C.points[i];
        if (!sel || k == 0)
            return fail_field(ctx, E_NOTFOUND, "no_points",
                              "No demand point lies in that division.", "division");
        pts = sel;
        np = k;
    }
    pthread_mutex_lock(&C.run);
    int rc = circle_run(&p, &C.g, cv, nv, np ? pts : NULL, np, out, err, sizeof(err));
    pthread_mutex_unlock(&C.run);
    if (rc < 0) {
        error("circles: %s", err);
        return fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    if (g)
        *g = &C.g;
    return 0;
}

int circles_report(wy_ctx *ctx, const circles_request *rq, json_t **out)
{
    circle_report r;
    if (circles_run(ctx, rq, &r, NULL) < 0)
        return -1;
    *out = circle_report_json(&r, rq->with_points);
    circle_report_free(&r);
    if (!*out)
        return fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    json_object_set_new(*out, "network_file", json_string(C.cfg->circle_osm_file));
    json_object_set_new(*out, "attribution",
                        json_string("Walking network and POIs © OpenStreetMap contributors "
                                    "(ODbL)"));
    return 0;
}
