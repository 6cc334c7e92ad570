/*
 * Tests of src/geo/: the OSM loader (filters, walkability, missing nodes), the graph
 * (geodesic edge lengths against hand-computed values, Dijkstra against Bellman-Ford, snapping
 * against brute force), the circle analysis (rules, snap offsets, radius mode, divisions,
 * greedy siting on a case with a known optimum, JSON and GeoJSON), and the real extracts of
 * Monaco and Andorra (data/osm).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "geo/circle.h"
#include "geo/graph.h"
#include "geo/osm.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* WGS84 */
#define WGS_A  6378137.0
#define WGS_F  (1 / 298.257223563)
#define DEG    (M_PI / 180.0)
#define WGS_E2 (WGS_F * (2 - WGS_F))

static const char *data_dir(void)
{
    const char *d = getenv("WY_DATA_DIR");
    return d && *d ? d : WY_SOURCE_DIR "/data";
}

static void osm_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/osm/%s", data_dir(), name);
}

/* ---- geodesic edge lengths ---- */

static void test_geodesic_hand_values(void **state)
{
    (void)state;
    /* along the equator a geodesic is the equator: a * dlambda */
    assert_true(fabs(geo_distance(0, 0, 0.01, 0) - WGS_A * 0.01 * DEG) < 0.01);
    assert_true(fabs(geo_distance(10, 0, 11, 0) - 111319.49079327357) < 0.01);
    /* along a meridian from the equator, for a short arc: a (1 - e2) dphi (the meridian
     * radius of curvature at the equator; its change over 0.01 degree is below 1e-9) */
    assert_true(fabs(geo_distance(5, 0, 5, 0.01) - WGS_A * (1 - WGS_E2) * 0.01 * DEG) < 0.01);
    /* symmetric, zero on the diagonal */
    assert_true(fabs(geo_distance(7.42, 43.73, 7.43, 43.74) -
                     geo_distance(7.43, 43.74, 7.42, 43.73)) < 1e-6);
    assert_true(geo_distance(7.42, 43.73, 7.42, 43.73) == 0);
}

/* ---- a hand-made network ----
 *   3
 *   |            nodes on the equator 0.001 degree apart (E = 111.32 m), node 3 north of
 *   0 --- 1 --- 2  node 1 (M = 110.57 m); plus a self loop on 2 (dropped) and a duplicate 0-1
 */
static const double tiny_lon[] = {0, 0.001, 0.002, 0.001};
static const double tiny_lat[] = {0, 0, 0, 0.001};
static const long long tiny_ids[] = {10, 11, 12, 13};
static const uint32_t tiny_a[] = {0, 1, 1, 2, 1};
static const uint32_t tiny_b[] = {1, 2, 3, 2, 0};

static double E_m(void)
{
    return WGS_A * 0.001 * DEG;
}

static double M_m(void)
{
    return WGS_A * (1 - WGS_E2) * 0.001 * DEG;
}

static void build_tiny(geo_graph *g)
{
    char err[128];
    assert_int_equal(
        geo_graph_build(g, 4, tiny_ids, tiny_lon, tiny_lat, 5, tiny_a, tiny_b, err, sizeof(err)),
        0);
}

static void test_graph_tiny(void **state)
{
    (void)state;
    geo_graph g;
    build_tiny(&g);
    assert_int_equal(g.n, 4);
    assert_int_equal(g.m, 4); /* the self loop is dropped; the duplicate kept */
    assert_int_equal(g.off[1] - g.off[0], 2);
    assert_int_equal(g.off[2] - g.off[1], 4);
    for (uint32_t k = g.off[1]; k < g.off[2]; k++) {
        double want = g.adj[k] == 3 ? M_m() : E_m();
        assert_true(fabs(g.len[k] - want) < 0.01);
    }
    assert_int_equal(geo_graph_find_osm(&g, 12), 2);
    assert_int_equal(geo_graph_find_osm(&g, 99), GEO_NONE);

    geo_search s;
    assert_int_equal(geo_search_init(&s, &g), 0);
    geo_source src = {0, 0};
    /* E + M = 221.89 < 222 < 2E = 222.64: node 2 is just out of reach */
    assert_int_equal(geo_search_run(&s, &src, 1, 222.0), 3);
    assert_true(fabs(s.dist[1] - E_m()) < 0.01);
    assert_true(fabs(s.dist[3] - (E_m() + M_m())) < 0.01);
    assert_true(isinf(s.dist[2]));
    assert_int_equal(s.order[0], 0);
    /* the bound is inclusive */
    double d2 = 2 * g.len[g.off[0]];
    assert_int_equal(geo_search_run(&s, &src, 1, d2), 4);
    assert_true(fabs(s.dist[2] - 2 * E_m()) < 0.01);
    /* a second run resets the first */
    assert_int_equal(geo_search_run(&s, &src, 1, 1.0), 1);
    assert_true(isinf(s.dist[1]) && isinf(s.dist[2]) && isinf(s.dist[3]));
    /* many sources with offsets: the nearer source wins */
    geo_source two[] = {{0, 50}, {2, 0}};
    assert_int_equal(geo_search_run(&s, two, 2, 1000), 4);
    assert_true(fabs(s.dist[1] - E_m()) < 0.01);
    assert_true(fabs(s.dist[0] - 50) < 1e-9);
    /* a source beyond the limit is ignored */
    geo_source far = {0, 10};
    assert_int_equal(geo_search_run(&s, &far, 1, 5), 0);
    geo_search_free(&s);

    /* snapping */
    double d;
    assert_int_equal(geo_graph_nearest(&g, 0.0011, 0.0009, &d), 3);
    assert_true(d > 0 && d < 20);
    assert_int_equal(geo_graph_nearest(&g, -1, 0, &d), 0); /* far outside the grid */
    assert_true(fabs(d - WGS_A * DEG) < 1);
    geo_graph_free(&g);

    /* bad input */
    char err[128];
    uint32_t bad_b[] = {7};
    assert_int_equal(
        geo_graph_build(&g, 4, NULL, tiny_lon, tiny_lat, 1, tiny_a, bad_b, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "out of range"));
}

/* A deterministic pseudo-random source, so failures reproduce. */
static uint64_t rng_state = 88172645463325252ull;
static double rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

static void test_dijkstra_vs_bellman_ford(void **state)
{
    (void)state;
    enum { N = 300, M = 700 };
    double lon[N], lat[N];
    uint32_t a[M], b[M];
    for (int i = 0; i < N; i++) {
        lon[i] = 116.3 + rnd() * 0.05;
        lat[i] = 39.9 + rnd() * 0.05;
    }
    for (int i = 0; i < M; i++) {
        a[i] = (uint32_t)(rnd() * N);
        b[i] = i < N - 1 ? (uint32_t)i + 1 : (uint32_t)(rnd() * N); /* a path, then chords */
        if (i < N - 1)
            a[i] = (uint32_t)i;
    }
    geo_graph g;
    char err[128];
    assert_int_equal(geo_graph_build(&g, N, NULL, lon, lat, M, a, b, err, sizeof(err)), 0);
    geo_search s;
    assert_int_equal(geo_search_init(&s, &g), 0);
    for (int trial = 0; trial < 5; trial++) {
        geo_source src[2] = {{(uint32_t)(rnd() * N), rnd() * 100},
                             {(uint32_t)(rnd() * N), rnd() * 100}};
        double limit = 1500 + rnd() * 3000;
        long reached = geo_search_run(&s, src, 2, limit);
        double bf[N];
        for (int i = 0; i < N; i++)
            bf[i] = INFINITY;
        for (int k = 0; k < 2; k++)
            bf[src[k].node] = fmin(bf[src[k].node], src[k].dist);
        for (int changed = 1; changed;) {
            changed = 0;
            for (uint32_t u = 0; u < g.n; u++)
                for (uint32_t k = g.off[u]; k < g.off[u + 1]; k++)
                    if (bf[u] + g.len[k] < bf[g.adj[k]]) {
                        bf[g.adj[k]] = bf[u] + g.len[k];
                        changed = 1;
                    }
        }
        long want = 0;
        for (int i = 0; i < N; i++) {
            if (bf[i] <= limit) {
                want++;
                assert_true(fabs(s.dist[i] - bf[i]) < 1e-6);
            } else {
                assert_true(isinf(s.dist[i]));
            }
        }
        assert_int_equal(reached, want);
        for (size_t i = 1; i < s.n_order; i++) /* settled nearest first */
            assert_true(s.dist[s.order[i - 1]] <= s.dist[s.order[i]]);
    }
    geo_search_free(&s);

    /* snapping agrees with brute force, inside and outside the network's box */
    for (int q = 0; q < 300; q++) {
        double x = 116.28 + rnd() * 0.09, y = 39.88 + rnd() * 0.09, d;
        uint32_t u = geo_graph_nearest(&g, x, y, &d);
        double best = INFINITY;
        for (uint32_t v = 0; v < g.n; v++)
            best = fmin(best, geo_distance(x, y, lon[v], lat[v]));
        assert_int_not_equal(u, GEO_NONE);
        assert_true(fabs(d - best) < 1e-6);
    }
    geo_graph_free(&g);
}

/* ---- OSM ---- */

static void test_osm_filters(void **state)
{
    (void)state;
    osm_tag_filter f[OSM_MAX_FILTERS];
    char err[200];
    int n = osm_parse_tag_filters(NULL, f, OSM_MAX_FILTERS, err, sizeof(err));
    assert_int_equal(n, 6);
    assert_string_equal(f[0].key, "amenity");
    assert_string_equal(f[0].value, "library");
    assert_string_equal(f[0].category, "library");
    assert_string_equal(f[1].category, "cultural_centre");
    assert_string_equal(f[2].category, "village_centre");
    assert_string_equal(f[5].key, "tourism");
    assert_string_equal(f[5].category, "museum");
    n = osm_parse_tag_filters("amenity=theatre, leisure=park:other,tourism=museum", f,
                              OSM_MAX_FILTERS, err, sizeof(err));
    assert_int_equal(n, 3);
    assert_string_equal(f[0].category, "theatre"); /* the default mapping of the tag */
    assert_string_equal(f[1].key, "leisure");
    assert_string_equal(f[1].category, "other");
    assert_int_equal(osm_parse_tag_filters("amenity", f, OSM_MAX_FILTERS, err, sizeof(err)), -1);
    assert_int_equal(osm_parse_tag_filters("=x", f, OSM_MAX_FILTERS, err, sizeof(err)), -1);

#define W(...) osm_way_walkable((const char *[]){__VA_ARGS__}, vals, sizeof(vals) / sizeof(*vals))
    {
        const char *vals[] = {"footway"};
        assert_true(W("highway"));
    }
    {
        const char *vals[] = {"motorway"};
        assert_false(W("highway"));
    }
    {
        const char *vals[] = {"motorway_link"};
        assert_false(W("highway"));
    }
    {
        const char *vals[] = {"primary_link"};
        assert_true(W("highway"));
    }
    {
        const char *vals[] = {"residential", "no"};
        assert_false(W("highway", "foot"));
    }
    {
        const char *vals[] = {"service", "private"};
        assert_false(W("highway", "access"));
    }
    {
        const char *vals[] = {"service", "private", "designated"};
        assert_true(W("highway", "access", "foot"));
    }
    {
        const char *vals[] = {"track", "no", "permissive"};
        assert_true(W("highway", "access", "foot"));
    }
    {
        const char *vals[] = {"construction"};
        assert_false(W("highway"));
    }
    {
        const char *vals[] = {"yes"};
        assert_false(W("building"));
    }
#undef W
}

static void test_osm_missing_nodes(void **state)
{
    (void)state;
    char path[] = "/tmp/wy-geo-XXXXXX.osm";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    const char *xml =
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'>\n"
        " <node id='1' lat='43.7300' lon='7.4200'/>\n"
        " <node id='2' lat='43.7310' lon='7.4200'/>\n"
        " <node id='3' lat='43.7320' lon='7.4200'/>\n"
        " <node id='5' lat='43.7330' lon='7.4200'/>\n"
        " <node id='6' lat='43.7340' lon='7.4200'/>\n"
        " <node id='7' lat='43.7350' lon='7.4210'><tag k='amenity' v='library'/>"
        "<tag k='name' v='Bibliothèque'/></node>\n"
        " <node id='8' lat='43.7350' lon='7.4220'/>\n"
        " <node id='9' lat='43.7360' lon='7.4220'/>\n"
        " <node id='10' lat='43.7360' lon='7.4230'/>\n"
        " <way id='100'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='4'/><nd ref='5'/>"
        "<nd ref='6'/><tag k='highway' v='residential'/></way>\n"
        " <way id='101'><nd ref='6'/><nd ref='8'/><tag k='highway' v='motorway'/></way>\n"
        " <way id='102'><nd ref='8'/><nd ref='9'/><nd ref='10'/><nd ref='8'/>"
        "<tag k='tourism' v='museum'/><tag k='name' v='Musée'/></way>\n"
        " <way id='103'><nd ref='99'/><nd ref='98'/><tag k='amenity' v='theatre'/></way>\n"
        "</osm>\n";
    assert_int_equal(write(fd, xml, strlen(xml)), (ssize_t)strlen(xml));
    close(fd);
    osm_network net;
    char err[200];
    assert_int_equal(osm_load(path, NULL, &net, err, sizeof(err)), 0);
    /* way 100 loses 3-4 and 4-5; the motorway is not walkable */
    assert_int_equal(net.stats.ways_walkable, 1);
    assert_int_equal(net.stats.refs_missing, 1);
    assert_int_equal(net.stats.segments_cut, 2);
    assert_int_equal(net.n_edges, 3);
    assert_int_equal(net.n_nodes, 5);
    assert_true(net.node_id[0] == 1 && net.node_id[4] == 6);
    /* POIs: the library node, the museum way at its centroid; the theatre has no nodes */
    assert_int_equal(net.n_pois, 2);
    assert_int_equal(net.stats.pois_dropped, 1);
    assert_string_equal(net.pois[0].name, "Bibliothèque");
    assert_string_equal(net.pois[0].category, "library");
    assert_int_equal(net.pois[1].osm_type, 'w');
    assert_string_equal(net.pois[1].category, "museum");
    assert_true(fabs(net.pois[1].lon - (7.4220 + 7.4220 + 7.4230) / 3) < 1e-9);
    osm_network_free(&net);
    unlink(path);

    assert_int_equal(osm_load("/nonexistent/x.osm.pbf", NULL, &net, err, sizeof(err)), -1);
    osm_network_free(&net);
}

/* The limits of osm_options, and input that a careless reader trusts. */
static void test_osm_limits(void **state)
{
    (void)state;
    strbuf x = STRBUF_INIT;
    sb_adds(&x, "<?xml version='1.0'?>\n<osm version='0.6'>\n");
    for (int i = 1; i <= 1000; i++)
        sb_addf(&x, " <node id='%d' lat='26.58' lon='101.7'/>\n", i);
    sb_adds(&x, " <node id='2000' lat='26.58' lon='101.7'><tag k='amenity' v='library'/></node>\n"
                "</osm>\n");
    osm_network net;
    char err[200];
    osm_options pois = {.skip_network = 1};
    assert_int_equal(osm_load_buffer(x.buf, x.len, &pois, &net, err, sizeof(err)), 0);
    assert_int_equal(net.stats.nodes_read, 1001);
    assert_int_equal(net.stats.bytes_read, x.len);
    assert_int_equal(net.n_pois, 1);
    osm_network_free(&net);
    /* past the node count, past the bytes: OSM_TOO_LARGE, and nothing returned */
    pois.max_nodes = 1000;
    assert_int_equal(osm_load_buffer(x.buf, x.len, &pois, &net, err, sizeof(err)), OSM_TOO_LARGE);
    assert_non_null(strstr(err, "more than 1000 nodes"));
    assert_int_equal(net.n_pois, 0);
    osm_network_free(&net);
    pois.max_nodes = 0;
    pois.max_bytes = x.len - 1;
    assert_int_equal(osm_load_buffer(x.buf, x.len, &pois, &net, err, sizeof(err)), OSM_TOO_LARGE);
    assert_non_null(strstr(err, "bytes"));
    osm_network_free(&net);
    sb_release(&x);

    /* a way whose key is string 100,000,000 of a table of two: libreadosm read past its table */
    static const unsigned char bad_index[] = {
        0x00, 0x00, 0x00, 0x0d, 0x0a, 0x09, 0x4f, 0x53, 0x4d, 0x48, 0x65, 0x61, 0x64, 0x65, 0x72,
        0x18, 0x28, 0x10, 0x1c, 0x1a, 0x24, 0x78, 0x9c, 0x53, 0xe2, 0xf3, 0x2f, 0xce, 0x0d, 0x4e,
        0xce, 0x48, 0xcd, 0x4d, 0xd4, 0x0d, 0x33, 0xd0, 0x33, 0x53, 0xe2, 0x72, 0x49, 0xcd, 0x2b,
        0x4e, 0xf5, 0xcb, 0x4f, 0x49, 0x2d, 0x06, 0x00, 0x79, 0x5b, 0x08, 0xdc, 0x00, 0x00, 0x00,
        0x0b, 0x0a, 0x07, 0x4f, 0x53, 0x4d, 0x44, 0x61, 0x74, 0x61, 0x18, 0x2c, 0x10, 0x20, 0x1a,
        0x28, 0x78, 0x9c, 0xe3, 0xe2, 0xe6, 0x62, 0xe0, 0x62, 0xcf, 0xc8, 0x4c, 0xcf, 0x28, 0x4f,
        0xac, 0x14, 0x12, 0x94, 0xe2, 0xe7, 0x60, 0x15, 0x62, 0x69, 0x38, 0x74, 0x5d, 0x5f, 0x8a,
        0x91, 0xd1, 0x89, 0x89, 0x89, 0x09, 0x00, 0x68, 0x24, 0x06, 0x3d};
    assert_int_equal(osm_load_buffer(bad_index, sizeof(bad_index), NULL, &net, err, sizeof(err)),
                     OSM_ERROR);
    assert_non_null(strstr(err, "string index out of range"));
    osm_network_free(&net);
    /* neither PBF nor XML; an XML bomb; an empty file */
    assert_int_equal(osm_load_buffer("PK\3\4", 4, NULL, &net, err, sizeof(err)), OSM_ERROR);
    assert_non_null(strstr(err, "not OSM data"));
    const char *bomb = "<?xml version='1.0'?><!DOCTYPE osm [<!ENTITY a 'aaaaaaaaaa'>"
                       "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><osm>&b;</osm>";
    assert_int_equal(osm_load_buffer(bomb, strlen(bomb), NULL, &net, err, sizeof(err)), OSM_ERROR);
    assert_non_null(strstr(err, "entity"));
    assert_int_equal(osm_load_buffer("", 0, NULL, &net, err, sizeof(err)), OSM_ERROR);
    osm_network_free(&net);

    /* the same extract from memory and from its file */
    char path[512];
    osm_path(path, sizeof(path), "andorra.osm.pbf");
    strbuf f = STRBUF_INIT;
    assert_int_equal(sb_read_file(&f, path), 0);
    osm_network a, b;
    assert_int_equal(osm_load(path, NULL, &a, err, sizeof(err)), 0);
    assert_int_equal(osm_load_buffer(f.buf, f.len, NULL, &b, err, sizeof(err)), 0);
    assert_int_equal(a.n_nodes, b.n_nodes);
    assert_int_equal(a.n_edges, b.n_edges);
    assert_int_equal(a.n_pois, b.n_pois);
    assert_int_equal(a.stats.nodes_read, 69644);
    assert_true(a.stats.bytes_read > f.len); /* decompressed */
    assert_memory_equal(a.edge_a, b.edge_a, a.n_edges * sizeof(uint32_t));
    osm_network_free(&a);
    osm_network_free(&b);
    sb_release(&f);
}

/* ---- rules ---- */

static void test_rules_parse(void **state)
{
    (void)state;
    circle_rule r;
    char err[200], buf[96];
    assert_int_equal(circle_rule_parse("count:4", &r, err, sizeof(err)), 0);
    assert_int_equal(r.kind, CIRCLE_RULE_COUNT);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.cats, 0);
    assert_int_equal(circle_rule_parse("count:2:museum|library", &r, err, sizeof(err)), 0);
    assert_int_equal(r.cats, (1u << CIRCLE_CAT_LIBRARY) | (1u << CIRCLE_CAT_MUSEUM));
    circle_rule_format(&r, buf, sizeof(buf));
    assert_string_equal(buf, "count:2:library|museum");
    assert_int_equal(circle_rule_parse("zj", &r, err, sizeof(err)), 0);
    assert_int_equal(r.kind, CIRCLE_RULE_ZJ);
    assert_true(r.n == 1 && r.m == 2);
    circle_rule_format(&r, buf, sizeof(buf));
    assert_string_equal(buf, "zj:1:2");
    assert_int_equal(circle_rule_parse("zj:2:3", &r, err, sizeof(err)), 0);
    assert_true(r.n == 2 && r.m == 3);
    const char *bad[] = {"count:0", "count:x", "count:", "count:2:", "count:2:nope",
                         "zj:1",    "zjx",     "foo",    ""};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
        assert_int_equal(circle_rule_parse(bad[i], &r, err, sizeof(err)), -1);
    assert_true(circle_category_required(CIRCLE_CAT_VILLAGE_CENTRE));
    assert_false(circle_category_required(CIRCLE_CAT_MUSEUM));
    assert_true(circle_category_free(CIRCLE_CAT_MUSEUM));
    assert_false(circle_category_free(CIRCLE_CAT_CINEMA));
    assert_int_equal(circle_category_from_name("heritage_workshop"), CIRCLE_CAT_HERITAGE_WORKSHOP);
    assert_int_equal(circle_category_from_name("pub"), -1);
}

/* Radius mode, one point at the origin and venues a few metres away: the rule alone decides. */
static int covered_by(const char *rule, const char *const *cats, size_t n, const int *req_override)
{
    circle_params p;
    circle_params_default(&p);
    char err[200];
    assert_int_equal(circle_rule_parse(rule, &p.rule, err, sizeof(err)), 0);
    p.mode = CIRCLE_RADIUS;
    circle_venue v[8];
    for (size_t i = 0; i < n; i++) {
        circle_venue_set(&v[i], 0.0001 * (double)(i + 1), 0, cats[i], NULL, NULL);
        if (req_override && req_override[i] >= 0) {
            v[i].is_required = req_override[i];
            v[i].is_free = 0;
        }
    }
    circle_point pt = {.lon = 0, .lat = 0, .weight = 10};
    circle_report r;
    assert_int_equal(circle_run(&p, NULL, v, n, &pt, 1, &r, err, sizeof(err)), 0);
    int c = r.points[0].covered;
    assert_int_equal(r.points[0].n_reach, n);
    circle_report_free(&r);
    return c;
}

static void test_rules_eval(void **state)
{
    (void)state;
    const char *four[] = {"library", "museum", "cinema", "new_space"};
    assert_true(covered_by("count:4", four, 4, NULL));
    assert_false(covered_by("count:4", four, 3, NULL));
    assert_false(covered_by("count:2:library|museum|art_gallery",
                            (const char *[]){"library", "cinema"}, 2, NULL));
    assert_true(covered_by("count:2:library|museum", four, 4, NULL));
    /* Zhejiang: 1 required + 2 free, distinct */
    assert_true(covered_by("zj", (const char *[]){"library", "museum", "new_space"}, 3, NULL));
    assert_false(covered_by("zj", (const char *[]){"library", "theatre", "cinema"}, 3, NULL));
    assert_false(covered_by("zj", (const char *[]){"museum", "museum", "rural_stage"}, 3, NULL));
    assert_true(covered_by("zj", (const char *[]){"library", "village_centre", "town_station"}, 3,
                           NULL)); /* required venues are free spaces too */
    assert_false(covered_by("zj", (const char *[]){"library", "museum"}, 2, NULL));
    /* a required venue that is not free (flag override) cannot also be a free space */
    assert_true(covered_by("zj", (const char *[]){"other", "museum", "new_space"}, 3,
                           (const int[]){1, -1, -1}));
    assert_false(covered_by("zj", (const char *[]){"other", "museum", "cinema"}, 3,
                            (const int[]){1, -1, -1}));
    assert_false(covered_by("zj:2:1", (const char *[]){"library", "museum", "new_space"}, 3, NULL));
    assert_true(
        covered_by("zj:2:1", (const char *[]){"library", "town_station", "museum"}, 3, NULL));
}

/* ---- the analysis on a line ----
 * 61 nodes on the equator, 0.001 degree (111.32 m) apart: 10 hops = 1113.2 m are within the
 * 1125 m budget (4.5 km/h, 15 min), 11 hops are not. */
enum { LINE_N = 61 };

static void build_line(geo_graph *g)
{
    double lon[LINE_N], lat[LINE_N];
    long long ids[LINE_N];
    uint32_t a[LINE_N - 1], b[LINE_N - 1];
    for (int i = 0; i < LINE_N; i++) {
        lon[i] = 0.001 * i;
        lat[i] = 0;
        ids[i] = 1000 + i;
        if (i) {
            a[i - 1] = (uint32_t)i - 1;
            b[i - 1] = (uint32_t)i;
        }
    }
    char err[100];
    assert_int_equal(geo_graph_build(g, LINE_N, ids, lon, lat, LINE_N - 1, a, b, err, sizeof(err)),
                     0);
}

static void test_circle_line(void **state)
{
    (void)state;
    geo_graph g;
    build_line(&g);
    circle_params p;
    circle_params_default(&p);
    p.rule = (circle_rule){.kind = CIRCLE_RULE_COUNT, .n = 2};
    circle_venue v[2];
    circle_venue_set(&v[0], 0.010, 0, "library", "L", "v1");     /* on node 10 */
    circle_venue_set(&v[1], 0.015, 0.0002, "museum", "M", "v2"); /* 22 m off node 15 */
    circle_report r;
    char err[200];
    assert_int_equal(circle_run(&p, &g, v, 2, NULL, 0, &r, err, sizeof(err)), 0);
    assert_true(fabs(r.budget_m - 1125) < 1e-9);
    assert_int_equal(r.n_points, LINE_N);
    assert_true(r.points_are_nodes);
    double off = r.venues[1].snap_m;
    assert_true(off > 22 && off < 22.2);
    /* node i reaches the library when |i - 10| <= 10 and the museum when
     * |i - 15| * 111.32 + off <= 1125, i.e. |i - 15| <= 9 */
    for (int i = 0; i < LINE_N; i++) {
        unsigned want = (abs(i - 10) <= 10) + (abs(i - 15) <= 9);
        assert_int_equal(r.points[i].n_reach, want);
        assert_int_equal(r.points[i].covered, want == 2);
        assert_true(r.points[i].osm_id == 1000 + i);
    }
    assert_int_equal(r.covered_points, 15); /* nodes 6 .. 20 */
    assert_true(fabs(r.share - 15.0 / LINE_N) < 1e-12);
    assert_int_equal(r.hist_points[0], LINE_N - 25);
    assert_int_equal(r.hist_points[2], 15);
    /* the nth nearest (n = 2) of node 15 is the library, 5 hops away */
    assert_true(fabs(r.points[15].nth_m - 5 * E_m()) < 0.01);
    /* the uncovered nodes make two clusters: 0..5 and 21..60 */
    assert_int_equal(r.clusters_total, 2);
    assert_int_equal(r.clusters[0].nodes, 40);
    assert_int_equal(r.clusters[1].nodes, 6);
    assert_int_equal(r.uncovered_nodes, 46);
    assert_int_equal(r.venues[0].reach_points, 21);
    circle_report_free(&r);

    /* community points with snap offsets: 111 m south of node 20 the library is out of reach
     * (10 hops + 111 m > 1125 m), 5 m south it is in */
    circle_point pts[] = {
        {.lon = 0.020, .lat = -0.001, .weight = 100, .name = "far", .division = "330201"},
        {.lon = 0.020, .lat = -0.00005, .weight = 50, .name = "near", .division = "330202"},
        {.lon = 0.012, .lat = 0, .weight = 25, .name = "mid", .division = "330202"},
        {.lon = 0.040, .lat = 0, .weight = 7, .name = "east", .division = "330201"},
    };
    assert_int_equal(circle_run(&p, &g, v, 2, pts, 4, &r, err, sizeof(err)), 0);
    assert_false(r.points_are_nodes);
    assert_int_equal(r.points[0].n_reach, 1);
    assert_int_equal(r.points[1].n_reach, 2);
    assert_true(r.points[1].covered && r.points[2].covered && !r.points[0].covered);
    assert_true(fabs(r.points[0].snap_m - M_m()) < 0.01);
    assert_true(fabs(r.covered_weight - 75) < 1e-9);
    assert_true(fabs(r.share - 75.0 / 182) < 1e-12);
    assert_int_equal(r.n_divisions, 2);
    assert_string_equal(r.divisions[0].division, "330201");
    assert_true(r.divisions[0].share == 0);
    assert_string_equal(r.divisions[1].division, "330202");
    assert_true(r.divisions[1].share == 1);
    /* clusters are of uncovered nodes (0..5 and 21..60); the east point lies in the second.
     * The far point is uncovered only by its snap offset: its node (20) is covered, so it
     * belongs to no cluster. */
    assert_int_equal(r.clusters_total, 2);
    assert_int_equal(r.clusters[0].nodes, 40);
    assert_true(fabs(r.clusters[0].weight - 7) < 1e-9);
    assert_true(r.clusters[1].weight == 0);
    circle_report_free(&r);

    /* a per-division rule: 330201 needs only one venue */
    circle_rule_override ovr = {.division_prefix = "3302",
                                .rule = {.kind = CIRCLE_RULE_COUNT, .n = 1}};
    circle_rule_override ovr2 = {.division_prefix = "330202",
                                 .rule = {.kind = CIRCLE_RULE_COUNT, .n = 3}};
    circle_rule_override both[] = {ovr, ovr2};
    p.overrides = both;
    p.n_overrides = 2;
    assert_int_equal(circle_run(&p, &g, v, 2, pts, 4, &r, err, sizeof(err)), 0);
    assert_true(r.points[0].covered);  /* 3302 prefix: count:1 */
    assert_false(r.points[1].covered); /* 330202, the longer prefix: count:3 */
    circle_report_free(&r);
    geo_graph_free(&g);
}

/* Greedy siting where the optimum is known, and where the second pick needs recomputed
 * gains: A covers p1 + p2 (10), B covers p2 + p3 (9), C covers p3 (4), D nobody. Greedy picks
 * A (10), then B or C adds 4 (not B's stale 9), then nothing is left: the optimum, 14. */
static void test_siting_toy(void **state)
{
    (void)state;
    geo_graph g;
    build_line(&g);
    circle_params p;
    circle_params_default(&p);
    p.rule = (circle_rule){.kind = CIRCLE_RULE_COUNT, .n = 1};
    circle_point pts[] = {{.lon = 0.000, .weight = 5, .name = "p1"},
                          {.lon = 0.015, .weight = 5, .name = "p2"},
                          {.lon = 0.030, .weight = 4, .name = "p3"}};
    circle_point cands[] = {{.lon = 0.007, .name = "A"},
                            {.lon = 0.022, .name = "B"},
                            {.lon = 0.038, .name = "C"},
                            {.lon = 0.050, .name = "D"}};
    p.candidates = cands;
    p.n_candidates = 4;
    p.site_k = 3;
    circle_report r;
    char err[200];
    assert_int_equal(circle_run(&p, &g, NULL, 0, pts, 3, &r, err, sizeof(err)), 0);
    assert_int_equal(r.covered_points, 0);
    assert_int_equal(r.site_candidates, 4);
    assert_int_equal(r.n_sites, 2);
    assert_string_equal(r.sites[0].name, "A");
    assert_true(r.sites[0].gain == 10);
    assert_string_equal(r.sites[1].name, "B"); /* tie with C: the first candidate */
    assert_true(r.sites[1].gain == 4);
    assert_true(fabs(r.sites[1].share_after - 1) < 1e-12);
    assert_true(r.sites[0].osm_node == 1007);
    assert_string_equal(r.site_category, "new_space");
    circle_report_free(&r);

    /* candidates from the network itself (every node): the same optimum */
    p.candidates = NULL;
    p.n_candidates = 0;
    p.site_spacing_m = 0;
    p.site_k = 2;
    assert_int_equal(circle_run(&p, &g, NULL, 0, pts, 3, &r, err, sizeof(err)), 0);
    assert_int_equal(r.site_candidates, LINE_N);
    assert_int_equal(r.n_sites, 2);
    assert_true(r.sites[0].gain == 10);
    assert_true(r.sites[1].gain == 4);
    circle_report_free(&r);

    /* count:2 with no venues: no single site covers anyone, progress builds coverage up */
    p.rule.n = 2;
    assert_int_equal(circle_run(&p, &g, NULL, 0, pts, 3, &r, err, sizeof(err)), 0);
    assert_int_equal(r.n_sites, 2);
    assert_true(r.sites[0].gain == 0 && r.sites[0].progress > 0);
    assert_true(r.sites[1].gain == 10); /* the second site completes p1 and p2 */
    circle_report_free(&r);
    geo_graph_free(&g);
}

static void test_radius_mode(void **state)
{
    (void)state;
    circle_params p;
    circle_params_default(&p);
    p.rule = (circle_rule){.kind = CIRCLE_RULE_COUNT, .n = 1};
    p.mode = CIRCLE_RADIUS;
    circle_venue v;
    circle_venue_set(&v, 0, 0, "town_station", "S", "1");
    /* 0.009 degree along the equator = 1001.9 m: beyond 1000 m urban, within 1500 m rural */
    circle_point pts[] = {{.lon = 0.009, .weight = 1, .rural = 0},
                          {.lon = 0.009, .weight = 2, .rural = 1},
                          {.lon = 0.0089, .weight = 4, .rural = 0},
                          {.lon = 0.014, .weight = 8, .rural = 1}};
    circle_report r;
    char err[200];
    assert_int_equal(circle_run(&p, NULL, &v, 1, pts, 4, &r, err, sizeof(err)), 0);
    assert_int_equal(r.mode, CIRCLE_RADIUS);
    assert_false(r.points[0].covered);
    assert_true(r.points[1].covered);
    assert_true(r.points[2].covered);
    assert_false(r.points[3].covered); /* 0.014 degree = 1558.5 m: beyond 1500 m */
    assert_true(fabs(r.covered_weight - 6) < 1e-12);
    circle_report_free(&r);
}

static void test_json_and_geojson(void **state)
{
    (void)state;
    geo_graph g;
    build_line(&g);
    circle_params p;
    circle_params_default(&p);
    p.rule = (circle_rule){.kind = CIRCLE_RULE_COUNT, .n = 1};
    p.site_k = 1;
    circle_venue v;
    circle_venue_set(&v, 0.005, 0, "museum", "M", "node/1");
    circle_report r;
    char err[200];
    assert_int_equal(circle_run(&p, &g, &v, 1, NULL, 0, &r, err, sizeof(err)), 0);
    json_t *j = circle_report_json(&r, 1);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "rule")), "count:1");
    json_t *cov = json_object_get(j, "coverage");
    assert_int_equal(json_integer_value(json_object_get(cov, "points")), LINE_N);
    assert_int_equal(json_integer_value(json_object_get(cov, "covered_points")), 16);
    json_t *pts = json_object_get(j, "points");
    assert_int_equal(json_array_size(pts), LINE_N);
    json_t *p0 = json_array_get(pts, 0);
    assert_int_equal(json_integer_value(json_object_get(p0, "osm_node")), 1000);
    assert_true(json_is_true(json_object_get(p0, "covered")));
    assert_int_equal(json_integer_value(json_object_get(p0, "venues")), 1);
    json_t *p60 = json_array_get(pts, 60);
    assert_true(json_is_false(json_object_get(p60, "covered")));
    assert_true(json_is_null(json_object_get(p60, "nth_m"))); /* beyond the horizon */
    json_t *sites = json_object_get(json_object_get(j, "siting"), "sites");
    assert_int_equal(json_array_size(sites), 1);
    json_decref(j);
    j = circle_report_json(&r, 0);
    assert_null(json_object_get(j, "points"));
    json_decref(j);

    json_t *gj = circle_report_geojson(&r);
    assert_non_null(gj);
    assert_string_equal(json_string_value(json_object_get(gj, "type")), "FeatureCollection");
    size_t nf = json_array_size(json_object_get(gj, "features"));
    assert_int_equal(nf, LINE_N + 1 + r.n_clusters + r.n_sites);
    json_t *f0 = json_array_get(json_object_get(gj, "features"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(f0, "geometry"), "type")),
                        "Point");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(f0, "properties"), "kind")), "point");
    json_decref(gj);
    circle_report_free(&r);
    geo_graph_free(&g);
}

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static void test_inputs(void **state)
{
    (void)state;
    char dir[] = "/tmp/wy-geo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p1[300], p2[300], p3[300], p4[300];
    snprintf(p1, sizeof(p1), "%s/pop.csv", dir);
    snprintf(p2, sizeof(p2), "%s/ven.csv", dir);
    snprintf(p3, sizeof(p3), "%s/ven.geojson", dir);
    snprintf(p4, sizeof(p4), "%s/bad.csv", dir);
    write_file(p1, "\xEF\xBB\xBFname,lon,lat,population,division\n"
                   "东门社区,7.42,43.73,1200,330203001001\n\"West, old\",7.41,43.72,800,\n");
    write_file(p2, "id,name,category,lat,lon,free\nv1,Lib,library,43.73,7.42,\n"
                   "v2,Shop,other,43.74,7.43,yes\n");
    write_file(p3, "{\"type\":\"FeatureCollection\",\"features\":["
                   "{\"type\":\"Feature\",\"id\":7,\"geometry\":{\"type\":\"Point\","
                   "\"coordinates\":[7.42,43.73]},\"properties\":{\"name\":\"M\","
                   "\"category\":\"museum\"}},"
                   "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                   "[[[0,0],[2,0],[2,2],[0,2]]]},\"properties\":{\"category\":\"theatre\","
                   "\"id\":\"t\"}}]}");
    write_file(p4, "name,lon,lat,population\na,7.4,43.7,10\nb,700,43.7,10\n");
    arena a;
    arena_init(&a, 0);
    char err[300];
    circle_point *pts;
    size_t np;
    assert_int_equal(circle_points_load(p1, &a, &pts, &np, err, sizeof(err)), 0);
    assert_int_equal(np, 2);
    assert_string_equal(pts[0].name, "东门社区");
    assert_true(pts[0].weight == 1200);
    assert_string_equal(pts[0].division, "330203001001");
    assert_string_equal(pts[1].name, "West, old");
    assert_null(pts[1].division);
    free(pts);
    assert_int_equal(circle_points_load(p4, &a, &pts, &np, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "line 3"));
    circle_venue *v;
    size_t nv;
    assert_int_equal(circle_venues_load(p2, &a, &v, &nv, err, sizeof(err)), 0);
    assert_int_equal(nv, 2);
    assert_true(v[0].lon == 7.42 && v[0].lat == 43.73);
    assert_true(v[0].is_required && v[0].is_free);
    assert_true(!v[1].is_required && v[1].is_free); /* the free column overrides */
    free(v);
    assert_int_equal(circle_venues_load(p3, &a, &v, &nv, err, sizeof(err)), 0);
    assert_int_equal(nv, 2);
    assert_string_equal(v[0].id, "7");
    assert_string_equal(v[0].category, "museum");
    assert_true(v[1].lon == 1 && v[1].lat == 1); /* a polygon: the mean of its corners */
    free(v);
    arena_free(&a);
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- the real extracts ---- */

static void count_pois(const osm_network *net, size_t *by_cat)
{
    memset(by_cat, 0, sizeof(size_t) * CIRCLE_NCAT);
    for (size_t i = 0; i < net->n_pois; i++) {
        int c = circle_category_from_name(net->pois[i].category);
        assert_true(c >= 0);
        by_cat[c]++;
    }
}

static void run_extract(const char *file, size_t min_nodes, int gains_fall, double *share4,
                        double *sharezj)
{
    char path[512], err[300];
    osm_path(path, sizeof(path), file);
    osm_network net;
    assert_int_equal(osm_load(path, NULL, &net, err, sizeof(err)), 0);
    geo_graph g;
    assert_int_equal(geo_graph_from_osm(&g, &net, err, sizeof(err)), 0);
    assert_true(g.n >= min_nodes && g.m >= min_nodes / 2 && g.m < 2 * (size_t)g.n);
    arena a;
    arena_init(&a, 0);
    circle_venue *v;
    size_t nv;
    assert_int_equal(circle_venues_from_osm(&net, &a, &v, &nv), 0);
    assert_int_equal(nv, net.n_pois);
    circle_params p;
    circle_params_default(&p);
    p.site_k = 3;
    circle_report r;
    assert_int_equal(circle_run(&p, &g, v, nv, NULL, 0, &r, err, sizeof(err)), 0);
    assert_true(r.share >= 0 && r.share <= 1);
    assert_int_equal(r.n_points, g.n);
    *share4 = r.share;
    assert_int_equal(r.n_sites, 3);
    for (size_t i = 1; i < r.n_sites; i++) {
        assert_true(r.sites[i].share_after >= r.sites[i - 1].share_after);
        if (gains_fall)
            assert_true(r.sites[i].gain <= r.sites[i - 1].gain && r.sites[i].gain > 0);
    }
    circle_report_free(&r);
    assert_int_equal(circle_rule_parse("zj", &p.rule, err, sizeof(err)), 0);
    assert_int_equal(circle_run(&p, &g, v, nv, NULL, 0, &r, err, sizeof(err)), 0);
    assert_true(r.share >= 0 && r.share <= 1);
    *sharezj = r.share;
    circle_report_free(&r);
    free(v);
    arena_free(&a);
    geo_graph_free(&g);
    osm_network_free(&net);
}

static void test_monaco(void **state)
{
    (void)state;
    char path[512], err[300];
    osm_path(path, sizeof(path), "monaco.osm.pbf");
    osm_network net;
    assert_int_equal(osm_load(path, NULL, &net, err, sizeof(err)), 0);
    /* data/README.md: 180,118 nodes, 27,377 ways, 2,927 highway ways; complete */
    assert_int_equal(net.stats.nodes_read, 180118);
    assert_int_equal(net.stats.ways_read, 27377);
    assert_true(net.stats.ways_walkable > 2000 && net.stats.ways_walkable <= 2927);
    assert_int_equal(net.stats.segments_cut, 0);
    assert_true(net.n_nodes > 10000 && net.n_nodes < 180118);
    assert_true(net.n_edges > 10000);
    /* the default POIs: 2 libraries, 6 museums, 2 theatres (README), and 1 cinema */
    size_t by[CIRCLE_NCAT];
    count_pois(&net, by);
    assert_int_equal(by[CIRCLE_CAT_LIBRARY], 2);
    assert_int_equal(by[CIRCLE_CAT_MUSEUM], 6);
    assert_int_equal(by[CIRCLE_CAT_THEATRE], 2);
    assert_int_equal(by[CIRCLE_CAT_CINEMA], 1);
    assert_int_equal(net.n_pois, 11);
    for (size_t i = 0; i < net.n_pois; i++)
        assert_true(net.pois[i].lon > 7.3 && net.pois[i].lon < 7.6 && net.pois[i].lat > 43.6 &&
                    net.pois[i].lat < 43.9);
    osm_network_free(&net);

    double s4, szj;
    run_extract("monaco.osm.pbf", 10000, 1, &s4, &szj);
    assert_true(s4 > 0.1 && s4 < 0.5);
    assert_true(szj > 0.05 && szj < 0.5);
}

static void test_andorra(void **state)
{
    (void)state;
    char path[512], err[300];
    osm_path(path, sizeof(path), "andorra.osm.pbf");
    osm_network net;
    osm_options oo = {.skip_network = 1};
    assert_int_equal(osm_load(path, &oo, &net, err, sizeof(err)), 0);
    assert_int_equal(net.n_nodes, 0);
    assert_int_equal(net.stats.nodes_read, 69644);
    assert_int_equal(net.stats.ways_read, 2725);
    /* README: 2 museums, 1 arts centre, 1 theatre */
    size_t by[CIRCLE_NCAT];
    count_pois(&net, by);
    assert_int_equal(by[CIRCLE_CAT_MUSEUM], 2);
    assert_int_equal(by[CIRCLE_CAT_CULTURAL_CENTRE], 1);
    assert_int_equal(by[CIRCLE_CAT_THEATRE], 1);
    assert_int_equal(net.n_pois, 4);
    osm_network_free(&net);

    double s4, szj;
    run_extract("andorra.osm.pbf", 10000, 0, &s4, &szj);
    assert_true(s4 == 0); /* 4 venues far apart: nowhere reaches all four */
    assert_true(szj == 0);
}

/* The CLI with --json: every demand point, with its OSM node id. */
static void test_cli_json(void **state)
{
    (void)state;
    char osm[512], out[] = "/tmp/wy-geo-XXXXXX", gj[300];
    osm_path(osm, sizeof(osm), "monaco.osm.pbf");
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    snprintf(gj, sizeof(gj), "%s.geojson", out);
    fflush(stdout);
    int saved = dup(1);
    assert_true(dup2(fd, 1) >= 0);
    char *argv[] = {"circle", "--osm",  osm,  "--json",    "--quiet", "--site",
                    "3",      "--rule", "zj", "--geojson", gj,        NULL};
    int rc = circle_main(11, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    close(fd);
    assert_int_equal(rc, 0);
    json_error_t je;
    json_t *j = json_load_file(out, 0, &je);
    assert_non_null(j);
    json_t *pts = json_object_get(j, "points");
    size_t n = json_array_size(pts);
    assert_true(n > 10000);
    assert_int_equal(n, json_integer_value(json_object_get(json_object_get(j, "graph"), "nodes")));
    assert_true(json_integer_value(json_object_get(json_array_get(pts, 0), "osm_node")) > 0);
    assert_string_equal(json_string_value(json_object_get(j, "rule")), "zj:1:2");
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "siting"), "sites")), 3);
    json_decref(j);
    j = json_load_file(gj, 0, &je);
    assert_non_null(j);
    assert_true(json_array_size(json_object_get(j, "features")) > n);
    json_decref(j);
    unlink(out);
    unlink(gj);

    /* a division rule, and radius mode without a network (points and venues from files) */
    char pop[] = "/tmp/wy-geo-pop-XXXXXX.csv", ven[] = "/tmp/wy-geo-ven-XXXXXX.csv";
    close(mkstemps(pop, 4));
    close(mkstemps(ven, 4));
    write_file(pop, "name,lon,lat,population,division\na,7.42,43.73,100,980001\n"
                    "b,7.43,43.74,50,980002\n");
    write_file(ven, "id,name,category,lon,lat\n1,L,library,7.421,43.731\n");
    fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    fflush(stdout);
    saved = dup(1);
    assert_true(dup2(fd, 1) >= 0);
    char *argv2[] = {
        "circle",  "--radius-mode", "--population", pop,      "--venues", ven, "--rule",
        "count:2", "--rule",        "9800=count:1", "--json", "--quiet",  NULL};
    rc = circle_main(12, argv2);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    close(fd);
    assert_int_equal(rc, 0);
    j = json_load_file(out, 0, &je);
    assert_non_null(j);
    json_t *cov = json_object_get(j, "coverage");
    assert_string_equal(json_string_value(json_object_get(j, "mode")), "radius");
    assert_int_equal(json_integer_value(json_object_get(cov, "covered_points")), 1);
    assert_true(json_real_value(json_object_get(cov, "covered_weight")) == 100);
    assert_int_equal(json_array_size(json_object_get(j, "divisions")), 2);
    json_decref(j);
    unlink(out);
    unlink(pop);
    unlink(ven);

    char *bad[] = {"circle", "--rule", "count:0", NULL};
    assert_int_equal(circle_main(3, bad), 2);
    char *none[] = {"circle", NULL};
    assert_int_equal(circle_main(1, none), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geodesic_hand_values),
        cmocka_unit_test(test_graph_tiny),
        cmocka_unit_test(test_dijkstra_vs_bellman_ford),
        cmocka_unit_test(test_osm_filters),
        cmocka_unit_test(test_osm_missing_nodes),
        cmocka_unit_test(test_osm_limits),
        cmocka_unit_test(test_rules_parse),
        cmocka_unit_test(test_rules_eval),
        cmocka_unit_test(test_circle_line),
        cmocka_unit_test(test_siting_toy),
        cmocka_unit_test(test_radius_mode),
        cmocka_unit_test(test_json_and_geojson),
        cmocka_unit_test(test_inputs),
        cmocka_unit_test(test_monaco),
        cmocka_unit_test(test_andorra),
        cmocka_unit_test(test_cli_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
