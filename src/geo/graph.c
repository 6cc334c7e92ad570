/*
 * graph: CSR walking graph, geodesic edge lengths, grid snapping, bounded Dijkstra with a
 * lazy binary heap (an improved node is pushed again; stale entries are skipped on pop).
 */
#include "geo/graph.h"
#include "util/log.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/geodesy.h"

#define CELL_M    100.0
#define MAX_CELLS ((size_t)4 << 20)
#define DEG_RAD   (M_PI / 180.0)

double geo_distance(double lon1, double lat1, double lon2, double lat2)
{
    return geo_distance_m(lon1, lat1, lon2, lat2); /* util/geodesy.c: Karney on WGS84 */
}

static int build_grid(geo_graph *g)
{
    double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
    for (uint32_t u = 0; u < g->n; u++) {
        minx = fmin(minx, g->lon[u]);
        maxx = fmax(maxx, g->lon[u]);
        miny = fmin(miny, g->lat[u]);
        maxy = fmax(maxy, g->lat[u]);
    }
    if (g->n == 0)
        minx = maxx = miny = maxy = 0;
    double latm = (miny + maxy) / 2 * DEG_RAD;
    g->lon0 = minx;
    g->lat0 = miny;
    g->kx = 111319.49 * cos(latm);
    if (g->kx < 1000)
        g->kx = 1000; /* near the poles: keep the grid finite */
    g->ky = 111132.95 - 559.82 * cos(2 * latm);
    double w = (maxx - minx) * g->kx, h = (maxy - miny) * g->ky;
    g->cell = CELL_M;
    while ((w / g->cell + 1) * (h / g->cell + 1) > (double)MAX_CELLS)
        g->cell *= 2;
    g->gw = (uint32_t)(w / g->cell) + 1;
    g->gh = (uint32_t)(h / g->cell) + 1;
    size_t cells = (size_t)g->gw * g->gh;
    g->cell_off = calloc(cells + 1, sizeof(uint32_t));
    g->cell_node = malloc((g->n ? g->n : 1) * sizeof(uint32_t));
    uint32_t *cell_of = malloc((g->n ? g->n : 1) * sizeof(uint32_t));
    if (!g->cell_off || !g->cell_node || !cell_of) {
        free(cell_of);
        return -1;
    }
    for (uint32_t u = 0; u < g->n; u++) {
        uint32_t cx = (uint32_t)((g->lon[u] - g->lon0) * g->kx / g->cell);
        uint32_t cy = (uint32_t)((g->lat[u] - g->lat0) * g->ky / g->cell);
        if (cx >= g->gw)
            cx = g->gw - 1;
        if (cy >= g->gh)
            cy = g->gh - 1;
        cell_of[u] = cy * g->gw + cx;
        g->cell_off[cell_of[u] + 1]++;
    }
    for (size_t c = 0; c < cells; c++)
        g->cell_off[c + 1] += g->cell_off[c];
    uint32_t *fill = malloc((cells ? cells : 1) * sizeof(uint32_t));
    if (!fill) {
        free(cell_of);
        return -1;
    }
    memcpy(fill, g->cell_off, cells * sizeof(uint32_t));
    for (uint32_t u = 0; u < g->n; u++)
        g->cell_node[fill[cell_of[u]]++] = u;
    free(fill);
    free(cell_of);
    return 0;
}

int geo_graph_build(geo_graph *g, size_t n, const long long *ids, const double *lon,
                    const double *lat, size_t m, const uint32_t *a, const uint32_t *b, char *err,
                    size_t errlen)
{
    memset(g, 0, sizeof(*g));
    if (n >= UINT32_MAX || 2 * m >= UINT32_MAX) {
        set_err(err, errlen, "graph too large (%zu nodes, %zu edges)", n, m);
        return -1;
    }
    for (size_t i = 0; i < m; i++)
        if (a[i] >= n || b[i] >= n) {
            set_err(err, errlen, "edge %zu: node index out of range", i);
            return -1;
        }
    g->n = (uint32_t)n;
    g->osm_id = calloc(n ? n : 1, sizeof(long long));
    g->lon = malloc((n ? n : 1) * sizeof(double));
    g->lat = malloc((n ? n : 1) * sizeof(double));
    g->off = calloc(n + 1, sizeof(uint32_t));
    g->adj = malloc((m ? 2 * m : 1) * sizeof(uint32_t));
    g->len = malloc((m ? 2 * m : 1) * sizeof(double));
    if (!g->osm_id || !g->lon || !g->lat || !g->off || !g->adj || !g->len)
        goto oom;
    if (ids)
        memcpy(g->osm_id, ids, n * sizeof(long long));
    memcpy(g->lon, lon, n * sizeof(double));
    memcpy(g->lat, lat, n * sizeof(double));
    for (size_t i = 0; i < m; i++)
        if (a[i] != b[i]) {
            g->off[a[i] + 1]++;
            g->off[b[i] + 1]++;
        }
    for (size_t u = 0; u < n; u++)
        g->off[u + 1] += g->off[u];
    uint32_t *fill = malloc((n ? n : 1) * sizeof(uint32_t));
    if (!fill)
        goto oom;
    memcpy(fill, g->off, n * sizeof(uint32_t));
    for (size_t i = 0; i < m; i++) {
        if (a[i] == b[i])
            continue;
        double d = geo_distance(lon[a[i]], lat[a[i]], lon[b[i]], lat[b[i]]);
        g->adj[fill[a[i]]] = b[i];
        g->len[fill[a[i]]++] = d;
        g->adj[fill[b[i]]] = a[i];
        g->len[fill[b[i]]++] = d;
        g->total_len += d;
        g->m++;
    }
    free(fill);
    if (build_grid(g) < 0)
        goto oom;
    return 0;
oom:
    geo_graph_free(g);
    set_err(err, errlen, "out of memory");
    return -1;
}

int geo_graph_from_osm(geo_graph *g, const osm_network *net, char *err, size_t errlen)
{
    return geo_graph_build(g, net->n_nodes, net->node_id, net->lon, net->lat, net->n_edges,
                           net->edge_a, net->edge_b, err, errlen);
}

void geo_graph_free(geo_graph *g)
{
    if (!g)
        return;
    free(g->osm_id);
    free(g->lon);
    free(g->lat);
    free(g->off);
    free(g->adj);
    free(g->len);
    free(g->cell_off);
    free(g->cell_node);
    memset(g, 0, sizeof(*g));
}

uint32_t geo_graph_nearest(const geo_graph *g, double lon, double lat, double *dist_m)
{
    if (dist_m)
        *dist_m = INFINITY;
    if (!g || g->n == 0)
        return GEO_NONE;
    double px = (lon - g->lon0) * g->kx, py = (lat - g->lat0) * g->ky;
    double fx = floor(px / g->cell), fy = floor(py / g->cell);
    long cx = fx < 0 ? 0 : fx >= g->gw ? (long)g->gw - 1 : (long)fx;
    long cy = fy < 0 ? 0 : fy >= g->gh ? (long)g->gh - 1 : (long)fy;
    /* the projected distance ranks candidates; ring r holds nothing nearer than (r - 1) cells */
    double best2 = INFINITY;
    long maxr = (long)(g->gw > g->gh ? g->gw : g->gh);
    long found_ring = -1;
    for (long r = 0; r <= maxr; r++) {
        if (found_ring >= 0) {
            double bound = (double)(r - 1) * g->cell;
            if (bound > 0 && bound * bound > best2 * 1.0001 + 4.0)
                break;
        }
        for (long y = cy - r; y <= cy + r; y++) {
            if (y < 0 || y >= (long)g->gh)
                continue;
            long step = (y == cy - r || y == cy + r) ? 1 : 2 * r;
            for (long x = cx - r; x <= cx + r; x += step ? step : 1) {
                if (x < 0 || x >= (long)g->gw)
                    continue;
                size_t c = (size_t)y * g->gw + (size_t)x;
                for (uint32_t k = g->cell_off[c]; k < g->cell_off[c + 1]; k++) {
                    uint32_t u = g->cell_node[k];
                    double dx = (g->lon[u] - g->lon0) * g->kx - px;
                    double dy = (g->lat[u] - g->lat0) * g->ky - py;
                    double d2 = dx * dx + dy * dy;
                    if (d2 < best2)
                        best2 = d2;
                    if (found_ring < 0)
                        found_ring = r;
                }
            }
        }
    }
    /* among the candidates near the projected best, the geodesic decides (ties: lowest id) */
    double lim = sqrt(best2) * 1.002 + 1.0;
    double lim2 = lim * lim;
    uint32_t best = GEO_NONE;
    double bestd = INFINITY;
    long rr = (long)(lim / g->cell) + 1;
    for (long y = cy - rr; y <= cy + rr; y++) {
        if (y < 0 || y >= (long)g->gh)
            continue;
        for (long x = cx - rr; x <= cx + rr; x++) {
            if (x < 0 || x >= (long)g->gw)
                continue;
            size_t c = (size_t)y * g->gw + (size_t)x;
            for (uint32_t k = g->cell_off[c]; k < g->cell_off[c + 1]; k++) {
                uint32_t u = g->cell_node[k];
                double dx = (g->lon[u] - g->lon0) * g->kx - px;
                double dy = (g->lat[u] - g->lat0) * g->ky - py;
                if (dx * dx + dy * dy > lim2)
                    continue;
                double d = geo_distance(lon, lat, g->lon[u], g->lat[u]);
                if (d < bestd || (d == bestd && u < best)) {
                    bestd = d;
                    best = u;
                }
            }
        }
    }
    if (dist_m)
        *dist_m = bestd;
    return best;
}

uint32_t geo_graph_find_osm(const geo_graph *g, long long osm_id)
{
    uint32_t lo = 0, hi = g->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->osm_id[mid] < osm_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->n && g->osm_id[lo] == osm_id)
        return lo;
    for (uint32_t u = 0; u < g->n; u++) /* ids not sorted */
        if (g->osm_id[u] == osm_id)
            return u;
    return GEO_NONE;
}

/* ---- Dijkstra ---- */

int geo_search_init(geo_search *s, const geo_graph *g)
{
    memset(s, 0, sizeof(*s));
    s->g = g;
    size_t n = g->n ? g->n : 1;
    s->dist = malloc(n * sizeof(double));
    s->order = malloc(n * sizeof(uint32_t));
    if (!s->dist || !s->order) {
        geo_search_free(s);
        return -1;
    }
    for (uint32_t u = 0; u < g->n; u++)
        s->dist[u] = INFINITY;
    return 0;
}

void geo_search_free(geo_search *s)
{
    free(s->dist);
    free(s->order);
    free(s->heap);
    memset(s, 0, sizeof(*s));
}

static int heap_push(geo_search *s, double d, uint32_t u)
{
    if (s->heap_len == s->heap_cap) {
        size_t nc = s->heap_cap ? s->heap_cap * 2 : 1024;
        geo_heap_item *h = realloc(s->heap, nc * sizeof(*h));
        if (!h)
            return -1;
        s->heap = h;
        s->heap_cap = nc;
    }
    geo_heap_item *h = s->heap;
    size_t i = s->heap_len++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (h[p].d <= d)
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = (geo_heap_item){d, u};
    return 0;
}

static geo_heap_item heap_pop(geo_search *s)
{
    geo_heap_item *h = s->heap;
    geo_heap_item top = h[0];
    geo_heap_item last = h[--s->heap_len];
    size_t n = s->heap_len, i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h[c + 1].d < h[c].d)
            c++;
        if (h[c].d >= last.d)
            break;
        h[i] = h[c];
        i = c;
    }
    if (n)
        h[i] = last;
    return top;
}

long geo_search_run(geo_search *s, const geo_source *src, size_t nsrc, double limit)
{
    const geo_graph *g = s->g;
    for (size_t i = 0; i < s->n_order; i++)
        s->dist[s->order[i]] = INFINITY;
    s->n_order = 0;
    s->heap_len = 0;
    /* Every node given a distance is pushed with it, and only distances <= limit are given,
     * so every touched node settles: order[] doubles as the reset list. Until settled, a node
     * is in the heap with dist[] holding its best tentative distance. */
    for (size_t i = 0; i < nsrc; i++) {
        uint32_t u = src[i].node;
        double d = src[i].dist;
        if (u >= g->n || !(d <= limit) || d >= s->dist[u])
            continue;
        s->dist[u] = d;
        if (heap_push(s, d, u) < 0)
            goto oom;
    }
    while (s->heap_len) {
        geo_heap_item it = heap_pop(s);
        if (it.d > s->dist[it.u])
            continue; /* stale */
        s->order[s->n_order++] = it.u;
        for (uint32_t k = g->off[it.u]; k < g->off[it.u + 1]; k++) {
            uint32_t v = g->adj[k];
            double nd = it.d + g->len[k];
            if (nd <= limit && nd < s->dist[v]) {
                s->dist[v] = nd;
                if (heap_push(s, nd, v) < 0)
                    goto oom;
            }
        }
    }
    return (long)s->n_order;
oom:
    /* leave the workspace consistent: every node with a finite distance is in order[] */
    for (uint32_t u = 0; u < g->n; u++)
        s->dist[u] = INFINITY;
    s->n_order = 0;
    s->heap_len = 0;
    return -1;
}
