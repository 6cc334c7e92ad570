/*
 * export_graph: writes the walking graph exactly as the circle engine builds it from an
 * .osm.pbf, so that an independent engine (PostgreSQL + pgRouting, tests/geo/pgrouting.test.mjs
 * and bench/circle.sh) can be run on the very same edges.
 *
 *   export_graph FILE.osm.pbf OUTDIR [--venues FILE] [--limit M] [--budget M] [--no-dist]
 *
 * writes into OUTDIR (which must exist):
 *   nodes.csv   idx,osm_id,lon,lat                     every graph node (idx: engine index)
 *   edges.csv   id,source,target,cost,reverse_cost     one row per undirected edge of the CSR
 *               graph (source/target are OSM node ids; cost = reverse_cost = the engine's
 *               geodesic length in metres, printed with 17 significant digits so the float8
 *               that PostgreSQL reads back is the very same double)
 *   venues.csv  vidx,id,category,required,free,lon,lat,node_idx,node_osm,snap_m
 *               the extract's POIs with the default tag filter (as `wenyun circle --osm` uses
 *               them), or the venues of --venues FILE (CSV or GeoJSON, as `wenyun circle
 *               --venues FILE` reads them), snapped by geo_graph_nearest; category is the
 *               canonical name (unknown ones: other)
 *   dist.csv    vidx,node_osm,dist                      (unless --no-dist) the engine's own
 *               bounded Dijkstra from every venue, run as circle_run runs it: the source is the
 *               venue's node at its snap offset and the limit is --limit (default twice the
 *               budget, the horizon circle_run searches); dist includes the snap offset.
 *   meta.json   counts, budget, limit, timings
 *
 * Test-only: it is built by cmake/tests.cmake, not installed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "geo/circle.h"
#include "geo/graph.h"
#include "geo/osm.h"
#include "util/arena.h"

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        perror(path);
    return f;
}

static int close_out(FILE *f, const char *name)
{
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "export_graph: error writing %s\n", name);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr,
                "usage: export_graph FILE.osm.pbf OUTDIR [--venues FILE] [--limit M] [--budget M] "
                "[--no-dist]\n");
        return 2;
    }
    const char *osm = argv[1], *dir = argv[2], *venues = NULL;
    double budget = 4.5 * 1000.0 / 60.0 * 15.0; /* 1125 m, the engine's default */
    double limit = -1;
    int want_dist = 1;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
            limit = atof(argv[++i]);
        else if (strcmp(argv[i], "--budget") == 0 && i + 1 < argc)
            budget = atof(argv[++i]);
        else if (strcmp(argv[i], "--venues") == 0 && i + 1 < argc)
            venues = argv[++i];
        else if (strcmp(argv[i], "--no-dist") == 0)
            want_dist = 0;
        else {
            fprintf(stderr, "export_graph: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (limit < 0)
        limit = 2 * budget;

    char err[256];
    osm_network net;
    osm_options oo = {.skip_pois = venues != NULL};
    double t0 = ms_now();
    if (osm_load(osm, &oo, &net, err, sizeof(err)) < 0) {
        fprintf(stderr, "export_graph: %s\n", err);
        osm_network_free(&net);
        return 1;
    }
    double t_load = ms_now() - t0;
    geo_graph g;
    t0 = ms_now();
    if (geo_graph_from_osm(&g, &net, err, sizeof(err)) < 0) {
        fprintf(stderr, "export_graph: %s\n", err);
        osm_network_free(&net);
        return 1;
    }
    double t_graph = ms_now() - t0;
    arena a;
    arena_init(&a, (size_t)1 << 28);
    circle_venue *vs = NULL;
    size_t nv = 0;
    if (venues) {
        if (circle_venues_load(venues, &a, &vs, &nv, err, sizeof(err)) < 0) {
            fprintf(stderr, "export_graph: %s\n", err);
            return 1;
        }
    } else if (circle_venues_from_osm(&net, &a, &vs, &nv) < 0) {
        fprintf(stderr, "export_graph: out of memory\n");
        return 1;
    }

    int rc = 0;
    FILE *f = open_out(dir, "nodes.csv");
    if (!f)
        return 1;
    fprintf(f, "idx,osm_id,lon,lat\n");
    for (uint32_t u = 0; u < g.n; u++)
        fprintf(f, "%u,%lld,%.17g,%.17g\n", u, g.osm_id[u], g.lon[u], g.lat[u]);
    rc |= close_out(f, "nodes.csv");

    /* each undirected edge is stored as two arcs, u -> v and v -> u: keep the arc with u < v
     * (parallel edges, two OSM ways joining the same two nodes, each stay) */
    f = open_out(dir, "edges.csv");
    if (!f)
        return 1;
    fprintf(f, "id,source,target,cost,reverse_cost\n");
    size_t m = 0;
    for (uint32_t u = 0; u < g.n; u++)
        for (uint32_t k = g.off[u]; k < g.off[u + 1]; k++) {
            uint32_t v = g.adj[k];
            if (u < v) {
                m++;
                fprintf(f, "%zu,%lld,%lld,%.17g,%.17g\n", m, g.osm_id[u], g.osm_id[v], g.len[k],
                        g.len[k]);
            }
        }
    rc |= close_out(f, "edges.csv");
    if (m != g.m) {
        fprintf(stderr, "export_graph: %zu edges written, the graph has %zu\n", m, g.m);
        rc = 1;
    }

    f = open_out(dir, "venues.csv");
    if (!f)
        return 1;
    fprintf(f, "vidx,id,category,required,free,lon,lat,node_idx,node_osm,snap_m\n");
    uint32_t *vnode = malloc((nv ? nv : 1) * sizeof(uint32_t));
    double *vsnap = malloc((nv ? nv : 1) * sizeof(double));
    if (!vnode || !vsnap)
        return 1;
    for (size_t i = 0; i < nv; i++) {
        vnode[i] = geo_graph_nearest(&g, vs[i].lon, vs[i].lat, &vsnap[i]);
        int cat = circle_category_from_name(vs[i].category);
        fprintf(f, "%zu,%s,%s,%d,%d,%.17g,%.17g,%lld,%lld,%.17g\n", i, vs[i].id,
                circle_category_name(cat < 0 ? CIRCLE_CAT_OTHER : cat), vs[i].is_required != 0,
                vs[i].is_free != 0, vs[i].lon, vs[i].lat,
                vnode[i] == GEO_NONE ? -1LL : (long long)vnode[i],
                vnode[i] == GEO_NONE ? -1LL : g.osm_id[vnode[i]], vsnap[i]);
    }
    rc |= close_out(f, "venues.csv");

    double t_dist = 0;
    size_t rows = 0;
    if (want_dist) {
        f = open_out(dir, "dist.csv");
        if (!f)
            return 1;
        fprintf(f, "vidx,node_osm,dist\n");
        geo_search s;
        if (geo_search_init(&s, &g) < 0)
            return 1;
        for (size_t i = 0; i < nv; i++) {
            if (vnode[i] == GEO_NONE)
                continue;
            geo_source src = {vnode[i], vsnap[i]};
            t0 = ms_now();
            long r = geo_search_run(&s, &src, 1, limit);
            t_dist += ms_now() - t0;
            if (r < 0) {
                fprintf(stderr, "export_graph: out of memory\n");
                return 1;
            }
            for (size_t k = 0; k < s.n_order; k++) {
                uint32_t u = s.order[k];
                fprintf(f, "%zu,%lld,%.17g\n", i, g.osm_id[u], s.dist[u]);
                rows++;
            }
        }
        geo_search_free(&s);
        rc |= close_out(f, "dist.csv");
    }

    f = open_out(dir, "meta.json");
    if (!f)
        return 1;
    fprintf(f,
            "{\"osm\": \"%s\", \"nodes\": %u, \"edges\": %zu, \"total_m\": %.17g, \"venues\": %zu, "
            "\"budget_m\": %.17g, \"limit_m\": %.17g, \"dist_rows\": %zu, "
            "\"load_ms\": %.3f, \"graph_ms\": %.3f, \"dijkstra_ms\": %.3f}\n",
            osm, g.n, g.m, g.total_len, nv, budget, limit, rows, t_load, t_graph, t_dist);
    rc |= close_out(f, "meta.json");

    free(vnode);
    free(vsnap);
    free(vs);
    arena_free(&a);
    geo_graph_free(&g);
    osm_network_free(&net);
    return rc ? 1 : 0;
}
