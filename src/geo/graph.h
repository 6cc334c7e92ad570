/*
 * graph: the walking network as an undirected graph in compressed sparse row form, with
 * bounded Dijkstra searches and nearest-node snapping.
 *
 * Edge lengths are ellipsoidal geodesic distances on WGS84 (Karney's algorithm, PROJ's
 * geodesic.h), as PostGIS (geography) and pgRouting measure them: a spherical haversine differs
 * by up to 0.5% and flips "within 15 minutes" near the limit. Nodes keep their OSM ids.
 *
 * Snapping uses a uniform grid over an equirectangular projection centred on the network
 * (about 100 m cells) to find candidates, then picks by geodesic distance.
 *
 * A search (geo_search) is a reusable workspace: a run resets only what the previous run
 * touched, so thousands of small bounded searches on a large graph cost what they visit.
 */
#ifndef WY_GEO_GRAPH_H
#define WY_GEO_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "geo/osm.h"

#define GEO_NONE UINT32_MAX

/* WGS84 ellipsoidal geodesic distance in metres between two lon/lat points (degrees). */
double geo_distance(double lon1, double lat1, double lon2, double lat2);

typedef struct geo_graph {
    uint32_t n;        /* nodes */
    size_t m;          /* undirected edges (each stored as two arcs) */
    long long *osm_id; /* per node; ascending when built from OSM */
    double *lon, *lat;
    uint32_t *off;    /* n + 1: the arcs of u are off[u] .. off[u + 1] - 1 */
    uint32_t *adj;    /* arc head */
    double *len;      /* arc length in metres */
    double total_len; /* sum of edge lengths, metres */

    /* snapping grid (projected metres: x = (lon - lon0) * kx, y = (lat - lat0) * ky) */
    double lon0, lat0, kx, ky, cell;
    uint32_t gw, gh;
    uint32_t *cell_off;  /* gw * gh + 1 */
    uint32_t *cell_node; /* nodes by cell */
} geo_graph;

/* Build from n nodes (ids may be NULL) and m edges a[i] -- b[i]; self loops are dropped.
 * Edge lengths are computed here. 0, or -1 with err (bad index, too large, out of memory). */
int geo_graph_build(geo_graph *g, size_t n, const long long *ids, const double *lon,
                    const double *lat, size_t m, const uint32_t *a, const uint32_t *b, char *err,
                    size_t errlen);
int geo_graph_from_osm(geo_graph *g, const osm_network *net, char *err, size_t errlen);
void geo_graph_free(geo_graph *g);

/* The node nearest to lon/lat (geodesic), its distance in *dist_m; GEO_NONE when empty. */
uint32_t geo_graph_nearest(const geo_graph *g, double lon, double lat, double *dist_m);
/* The node with this OSM id (binary search when ids ascend, else a scan); GEO_NONE if none. */
uint32_t geo_graph_find_osm(const geo_graph *g, long long osm_id);

typedef struct geo_source {
    uint32_t node;
    double dist; /* initial distance (for instance a snap offset); >= 0 */
} geo_source;

typedef struct geo_heap_item {
    double d;
    uint32_t u;
} geo_heap_item;

typedef struct geo_search {
    const geo_graph *g;
    double *dist;    /* n entries; valid for the nodes in order[], INFINITY elsewhere */
    uint32_t *order; /* nodes settled by the last run, nearest first */
    size_t n_order;
    geo_heap_item *heap;
    size_t heap_len, heap_cap;
} geo_search;

int geo_search_init(geo_search *s, const geo_graph *g);
void geo_search_free(geo_search *s);
/* Multi-source Dijkstra: every node within limit metres of the nearest source (counting the
 * sources' initial distances) is settled, with its distance in s->dist; the count is returned
 * (also s->n_order). Distances are inclusive: a node at exactly limit is reached. -1 when out
 * of memory. */
long geo_search_run(geo_search *s, const geo_source *src, size_t nsrc, double limit);

#endif
