/*
 * circle: the analysis of circle.h. The work is one bounded Dijkstra per venue over the
 * walking graph (or a straight-line scan in radius mode) that adds the venue to the counts of
 * every demand point it reaches; the rule is then evaluated on those counts, so rules (and
 * their per-division overrides) cost nothing extra. Counts keep per category tallies and the
 * Zhejiang required/free tallies.
 *
 * The other parts: categories and rules in circle_rule.c, the shared counts and run state in
 * circle_int.h, siting in circle_siting.c, the report's JSON in circle_json.c, the inputs in
 * circle_io.c and the command in circle_cli.c.
 */
#include "geo/circle_int.h"
#include "util/log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the run ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int add_hit(run *R, uint32_t p, double d)
{
    if (R->n_hits == R->cap_hits) {
        size_t nc = R->cap_hits ? R->cap_hits * 2 : 4096;
        uint32_t *a = realloc(R->hit_pt, nc * sizeof(uint32_t));
        if (!a)
            return -1;
        R->hit_pt = a;
        double *b = realloc(R->hit_d, nc * sizeof(double));
        if (!b)
            return -1;
        R->hit_d = b;
        R->cap_hits = nc;
    }
    R->hit_pt[R->n_hits] = p;
    R->hit_d[R->n_hits++] = d;
    return 0;
}

/* Metres per degree of longitude near lat (equirectangular, for pruning only). */
static double kx_at(double lat)
{
    return 111319.49 * cos(lat * M_PI / 180.0);
}

/* Every demand point within limit of a source: network mode from node (at offset), radius
 * mode from lon/lat in a straight line. Fills R->hit_*. -1 when out of memory. */
int circle_reach(run *R, uint32_t node, double offset, double lon, double lat, double limit)
{
    R->n_hits = 0;
    if (R->mode == CIRCLE_NETWORK) {
        if (node == GEO_NONE) /* an empty search, so no stale result is read */
            return geo_search_run(&R->s, NULL, 0, limit) < 0 ? -1 : 0;
        geo_source src = {node, offset};
        if (geo_search_run(&R->s, &src, 1, limit) < 0)
            return -1;
        for (size_t i = 0; i < R->s.n_order; i++) {
            uint32_t u = R->s.order[i];
            double d = R->s.dist[u];
            if (!R->in_pts) {
                if (add_hit(R, u, d) < 0)
                    return -1;
                continue;
            }
            for (uint32_t k = R->node_off[u]; k < R->node_off[u + 1]; k++) {
                uint32_t q = R->node_pts[k];
                double dq = d + R->psnap[q];
                if (dq <= limit && add_hit(R, q, dq) < 0)
                    return -1;
            }
        }
        return 0;
    }
    /* radius: the latitude band, then a longitude test, then the geodesic */
    double dlat = limit / 110574.0 * 1.01 + 1e-9;
    size_t lo = 0, hi = R->np;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (R->plat[R->by_lat[mid]] < lat - dlat)
            lo = mid + 1;
        else
            hi = mid;
    }
    double kx = kx_at(fabs(lat) + dlat);
    for (size_t i = lo; i < R->np; i++) {
        uint32_t q = R->by_lat[i];
        if (R->plat[q] > lat + dlat)
            break;
        if (kx > 1 && fabs(R->plon[q] - lon) * kx > limit * 1.01 + 1)
            continue;
        double d = circle_flat_dist(lon, lat, R->plon[q], R->plat[q]);
        if (d > limit + 1)
            continue;
        if (fabs(d - limit) <= 1 || fabs(d - R->pbudget[q]) <= 1)
            d = geo_distance(lon, lat, R->plon[q], R->plat[q]);
        if (d <= limit && add_hit(R, q, d) < 0)
            return -1;
    }
    return 0;
}

static void top_insert(double *top, int n, double d)
{
    if (!(d < top[n - 1]))
        return;
    int i = n - 1;
    while (i > 0 && top[i - 1] > d) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = d;
}

/* Sort keys with their index: qsort has no context argument in C11, and a global would make
 * concurrent runs (one per API request) trample each other. */
typedef struct keyed {
    double v;
    const char *s;
    uint32_t i;
} keyed;

static int cmp_keyed_v(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_keyed_s(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The rule that applies to a division: the override with the longest matching prefix. */
static const circle_rule *rule_for(const circle_params *p, const char *division)
{
    const circle_rule *best = &p->rule;
    size_t best_len = 0;
    if (!division)
        return best;
    for (size_t i = 0; i < p->n_overrides; i++) {
        const char *pre = p->overrides[i].division_prefix;
        size_t len = pre ? strlen(pre) : 0;
        if (len > best_len && strncmp(division, pre, len) == 0) {
            best = &p->overrides[i].rule;
            best_len = len;
        }
    }
    return best;
}

static void run_free(run *R)
{
    free(R->plon);
    free(R->plat);
    free(R->pw);
    free(R->pnode);
    free(R->psnap);
    free(R->pbudget);
    free(R->prule);
    if (R->ncnt != R->cnt)
        free(R->ncnt);
    free(R->cnt);
    free(R->covered);
    free(R->pdef);
    free(R->top);
    free(R->node_off);
    free(R->node_pts);
    free(R->by_lat);
    free(R->hit_pt);
    free(R->hit_d);
    if (R->s.g)
        geo_search_free(&R->s);
}

typedef struct wv {
    double v, w;
} wv;

static int cmp_wv(const void *a, const void *b)
{
    double x = ((const wv *)a)->v, y = ((const wv *)b)->v;
    return (x > y) - (x < y);
}

static int cmp_cluster(const void *a, const void *b)
{
    const circle_cluster *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    if (x->nodes != y->nodes)
        return x->nodes < y->nodes ? 1 : -1;
    return (x->osm_node > y->osm_node) - (x->osm_node < y->osm_node);
}

/* Uncovered clusters: connected groups of network nodes uncovered under the default rule. */
static int find_clusters(run *R, circle_report *r)
{
    const geo_graph *g = R->g;
    uint32_t n = g->n;
    uint32_t *comp = malloc((n ? n : 1) * sizeof(uint32_t));
    uint32_t *stack = malloc((n ? n : 1) * sizeof(uint32_t));
    uint8_t *unc = malloc(n ? n : 1);
    if (!comp || !stack || !unc)
        goto oom;
    for (uint32_t u = 0; u < n; u++) {
        unc[u] = !circle_rule_ok(&R->p->rule, &R->ncnt[u], NULL);
        comp[u] = UINT32_MAX;
        r->uncovered_nodes += unc[u];
    }
    size_t ncomp = 0, cap = 0;
    circle_cluster *cl = NULL;
    for (uint32_t s = 0; s < n; s++) {
        if (!unc[s] || comp[s] != UINT32_MAX)
            continue;
        if (ncomp == cap) {
            cap = cap ? cap * 2 : 64;
            circle_cluster *c2 = realloc(cl, cap * sizeof(*cl));
            if (!c2) {
                free(cl);
                goto oom;
            }
            cl = c2;
        }
        circle_cluster *c = &cl[ncomp];
        memset(c, 0, sizeof(*c));
        size_t sp = 0;
        stack[sp++] = s;
        comp[s] = (uint32_t)ncomp;
        while (sp) {
            uint32_t u = stack[--sp];
            c->nodes++;
            c->lon += g->lon[u];
            c->lat += g->lat[u];
            if (!R->in_pts)
                c->weight += R->pw[u];
            for (uint32_t k = g->off[u]; k < g->off[u + 1]; k++) {
                uint32_t v = g->adj[k];
                if (unc[v] && comp[v] == UINT32_MAX) {
                    comp[v] = (uint32_t)ncomp;
                    stack[sp++] = v;
                }
            }
        }
        c->lon /= (double)c->nodes;
        c->lat /= (double)c->nodes;
        ncomp++;
    }
    if (R->in_pts)
        for (size_t q = 0; q < R->np; q++)
            if (!R->covered[q] && R->pnode[q] != GEO_NONE && comp[R->pnode[q]] != UINT32_MAX)
                cl[comp[R->pnode[q]]].weight += R->pw[q];
    /* a representative node: the member nearest the centroid (projected) */
    double *best = malloc((ncomp ? ncomp : 1) * sizeof(double));
    if (!best) {
        free(cl);
        goto oom;
    }
    for (size_t c = 0; c < ncomp; c++)
        best[c] = INFINITY;
    for (uint32_t u = 0; u < n; u++) {
        if (comp[u] == UINT32_MAX)
            continue;
        circle_cluster *c = &cl[comp[u]];
        double dx = (g->lon[u] - c->lon) * g->kx, dy = (g->lat[u] - c->lat) * g->ky;
        if (dx * dx + dy * dy < best[comp[u]]) {
            best[comp[u]] = dx * dx + dy * dy;
            c->osm_node = g->osm_id[u];
        }
    }
    free(best);
    qsort(cl, ncomp, sizeof(*cl), cmp_cluster);
    r->clusters_total = ncomp;
    r->n_clusters = ncomp < R->p->max_clusters ? ncomp : R->p->max_clusters;
    r->clusters = cl;
    if (r->n_clusters < ncomp) {
        circle_cluster *c2 = realloc(cl, (r->n_clusters ? r->n_clusters : 1) * sizeof(*cl));
        if (c2)
            r->clusters = c2;
    }
    free(comp);
    free(stack);
    free(unc);
    return 0;
oom:
    free(comp);
    free(stack);
    free(unc);
    return -1;
}

/* ---- circle_run ---- */

/* One function of about 330 lines, on purpose: it is a straight sequence of steps (check the
 * parameters; place the demand points with their snap, budget and rule; one search per venue
 * adding it to the counts; coverage, histogram and per-point results; the percentiles of the
 * N-th distance; the per-division table; the clusters; siting), each marked by a comment, each
 * a loop over the arrays the step before filled in R and out, all leaving by the one cleanup
 * at oom that frees a partly built run and report. The counts, reach, clusters and siting
 * are already functions of their own; cutting the rest up would pass R, out and the error
 * path through every piece and hide the order they depend on. */
int circle_run(const circle_params *p, const geo_graph *g, const circle_venue *v, size_t nv,
               const circle_point *pts, size_t np, circle_report *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    arena_init(&out->strings, (size_t)1 << 30);
    run R = {0};
    R.p = p;
    R.g = g;
    R.mode = (p->mode == CIRCLE_RADIUS || !g) ? CIRCLE_RADIUS : CIRCLE_NETWORK;
    if (!(p->speed_kmh > 0) || !(p->minutes > 0) || p->speed_kmh > 100 || p->minutes > 600) {
        set_err(err, errlen, "speed and minutes must be positive (and sane)");
        return -1;
    }
    if (!pts || !np) {
        if (!g) {
            set_err(err, errlen, "no demand points and no network");
            return -1;
        }
        pts = NULL;
        np = g->n;
    }
    if (p->rule.kind == CIRCLE_RULE_COUNT && p->rule.n < 1) {
        set_err(err, errlen, "rule: count must be at least 1");
        return -1;
    }
    if (p->mode == CIRCLE_RADIUS && (!(p->radius_urban_m > 0) || !(p->radius_rural_m > 0))) {
        set_err(err, errlen, "radius must be positive");
        return -1;
    }
    if (np >= UINT32_MAX) {
        set_err(err, errlen, "too many demand points");
        return -1;
    }
    R.in_pts = pts;
    R.np = np;
    R.budget = p->speed_kmh * 1000.0 / 60.0 * p->minutes;
    out->mode = R.mode;
    out->speed_kmh = p->speed_kmh;
    out->minutes = p->minutes;
    out->budget_m = R.budget;
    out->radius_urban_m = p->radius_urban_m;
    out->radius_rural_m = p->radius_rural_m;
    out->rule = p->rule;
    circle_rule_format(&p->rule, out->rule_text, sizeof(out->rule_text));
    out->points_are_nodes = pts == NULL;
    if (g) {
        out->graph_nodes = g->n;
        out->graph_edges = g->m;
        out->graph_km = g->total_len / 1000.0;
    }
    out->n_points = np;
    out->n_venues = nv;
    out->site_k = p->site_k;
    R.max_reach = R.budget;
    if (R.mode == CIRCLE_RADIUS) { /* the rural radius only matters when a point is rural */
        R.max_reach = p->radius_urban_m;
        for (size_t q = 0; pts && q < np; q++)
            if (pts[q].rural)
                R.max_reach = fmax(p->radius_urban_m, p->radius_rural_m);
    }
    R.horizon = p->horizon_m > 0 ? p->horizon_m : 2 * R.max_reach;
    if (R.horizon < R.max_reach)
        R.horizon = R.max_reach;
    out->nth_horizon_m = R.horizon;
    R.nth =
        p->nth > 0 ? p->nth : (p->rule.kind == CIRCLE_RULE_ZJ ? p->rule.n + p->rule.m : p->rule.n);
    if (R.nth < 1)
        R.nth = 1;
    if (R.nth > 64)
        R.nth = 64;
    out->nth = R.nth;

    size_t n1 = np ? np : 1;
    R.plon = malloc(n1 * sizeof(double));
    R.plat = malloc(n1 * sizeof(double));
    R.pw = malloc(n1 * sizeof(double));
    R.pnode = malloc(n1 * sizeof(uint32_t));
    R.psnap = calloc(n1, sizeof(double));
    R.pbudget = malloc(n1 * sizeof(double));
    R.prule = malloc(n1 * sizeof(*R.prule));
    R.cnt = calloc(n1, sizeof(ccount));
    R.covered = calloc(n1, 1);
    R.top = malloc(n1 * (size_t)R.nth * sizeof(double));
    out->points = calloc(n1, sizeof(circle_point_result));
    out->venues = calloc(nv ? nv : 1, sizeof(circle_venue_result));
    if (!R.plon || !R.plat || !R.pw || !R.pnode || !R.psnap || !R.pbudget || !R.prule || !R.cnt ||
        !R.covered || !R.top || !out->points || !out->venues)
        goto oom;
    if (g && geo_search_init(&R.s, g) < 0)
        goto oom;
    for (size_t i = 0; i < np * (size_t)R.nth; i++)
        R.top[i] = INFINITY;

    /* demand points: position, snap, budget, rule */
    for (size_t q = 0; q < np; q++) {
        if (pts) {
            R.plon[q] = pts[q].lon;
            R.plat[q] = pts[q].lat;
            R.pw[q] = pts[q].weight > 0 ? pts[q].weight : 0;
            R.prule[q] = rule_for(p, pts[q].division);
        } else {
            R.plon[q] = g->lon[q];
            R.plat[q] = g->lat[q];
            R.pw[q] = 1;
            R.prule[q] = &p->rule;
        }
        R.pnode[q] = GEO_NONE;
        if (R.mode == CIRCLE_NETWORK) {
            if (pts) {
                double d;
                R.pnode[q] = geo_graph_nearest(g, R.plon[q], R.plat[q], &d);
                R.psnap[q] = d;
            } else {
                R.pnode[q] = (uint32_t)q;
            }
            R.pbudget[q] = R.budget;
        } else {
            R.pbudget[q] = (pts && pts[q].rural ? p->radius_rural_m : p->radius_urban_m);
        }
        out->total_weight += R.pw[q];
    }
    if (R.mode == CIRCLE_NETWORK && pts) {
        /* points by node, and node-level counts for the clusters */
        R.node_off = calloc((size_t)g->n + 1, sizeof(uint32_t));
        R.node_pts = malloc(n1 * sizeof(uint32_t));
        R.ncnt = calloc(g->n ? g->n : 1, sizeof(ccount));
        if (!R.node_off || !R.node_pts || !R.ncnt)
            goto oom;
        for (size_t q = 0; q < np; q++)
            if (R.pnode[q] != GEO_NONE)
                R.node_off[R.pnode[q] + 1]++;
        for (uint32_t u = 0; u < g->n; u++)
            R.node_off[u + 1] += R.node_off[u];
        uint32_t *fill = malloc(((size_t)g->n + 1) * sizeof(uint32_t));
        if (!fill)
            goto oom;
        memcpy(fill, R.node_off, ((size_t)g->n + 1) * sizeof(uint32_t));
        for (size_t q = 0; q < np; q++)
            if (R.pnode[q] != GEO_NONE)
                R.node_pts[fill[R.pnode[q]]++] = (uint32_t)q;
        free(fill);
    } else if (R.mode == CIRCLE_NETWORK) {
        R.ncnt = R.cnt;
    } else {
        R.by_lat = malloc(n1 * sizeof(uint32_t));
        keyed *ks = malloc(n1 * sizeof(keyed));
        if (!R.by_lat || !ks) {
            free(ks);
            goto oom;
        }
        for (size_t q = 0; q < np; q++)
            ks[q] = (keyed){.v = R.plat[q], .i = (uint32_t)q};
        qsort(ks, np, sizeof(keyed), cmp_keyed_v);
        for (size_t q = 0; q < np; q++)
            R.by_lat[q] = ks[q].i;
        free(ks);
    }

    /* venues: one search each */
    if (p->progress && p->progress(p->progress_ud, "reach", 0, nv)) {
        R.cancelled = 1;
        goto oom;
    }
    double t0 = now_ms();
    for (size_t i = 0; i < nv; i++) {
        if (p->progress && i && p->progress(p->progress_ud, "reach", i, nv)) {
            R.cancelled = 1;
            goto oom;
        }
        circle_venue_result *vr = &out->venues[i];
        int cat = circle_category_from_name(v[i].category);
        if (cat < 0)
            cat = CIRCLE_CAT_OTHER;
        vkind k = {cat, v[i].is_required != 0, v[i].is_free != 0};
        *vr = (circle_venue_result){.lon = v[i].lon,
                                    .lat = v[i].lat,
                                    .name = arena_strdup(&out->strings, v[i].name),
                                    .id = arena_strdup(&out->strings, v[i].id),
                                    .category = circle_cat_names[cat],
                                    .cat = cat,
                                    .is_required = k.req,
                                    .is_free = k.free,
                                    .node = GEO_NONE};
        out->venues_by_cat[cat]++;
        if (R.mode == CIRCLE_NETWORK) {
            vr->node = geo_graph_nearest(g, v[i].lon, v[i].lat, &vr->snap_m);
            if (vr->node != GEO_NONE)
                vr->osm_node = g->osm_id[vr->node];
            if (vr->node == GEO_NONE || vr->snap_m > R.budget)
                out->venues_unsnapped++;
        }
        if (circle_reach(&R, vr->node, vr->snap_m, v[i].lon, v[i].lat, R.horizon) < 0)
            goto oom;
        for (size_t h = 0; h < R.n_hits; h++) {
            uint32_t q = R.hit_pt[h];
            double d = R.hit_d[h];
            if (d <= R.pbudget[q]) {
                circle_count_add(&R.cnt[q], &k);
                vr->reach_points++;
                vr->reach_weight += R.pw[q];
            }
            if (circle_rule_counts_venue(R.prule[q], &k))
                top_insert(&R.top[(size_t)q * R.nth], R.nth, d);
        }
        if (R.ncnt && R.ncnt != R.cnt) /* node-level, offset 0 */
            for (size_t s = 0; s < R.s.n_order; s++)
                if (R.s.dist[R.s.order[s]] <= R.budget)
                    circle_count_add(&R.ncnt[R.s.order[s]], &k);
    }

    /* coverage, histogram, per-point results */
    wv *nthv = malloc(n1 * sizeof(wv));
    if (!nthv)
        goto oom;
    for (size_t q = 0; q < np; q++) {
        circle_point_result *pr = &out->points[q];
        R.covered[q] = (uint8_t)circle_rule_ok(R.prule[q], &R.cnt[q], NULL);
        *pr = (circle_point_result){
            .lon = R.plon[q],
            .lat = R.plat[q],
            .weight = R.pw[q],
            .name = pts ? arena_strdup(&out->strings, pts[q].name) : NULL,
            .division = pts ? arena_strdup(&out->strings, pts[q].division) : NULL,
            .osm_id = pts ? 0 : g->osm_id[q],
            .node = R.pnode[q],
            .snap_m = R.psnap[q],
            .nth_m = R.top[(size_t)q * R.nth + R.nth - 1],
            .n_reach = R.cnt[q].total,
            .n_counted = circle_rule_counted(R.prule[q], &R.cnt[q]),
            .covered = R.covered[q],
            .rural = pts ? (uint8_t)(pts[q].rural != 0) : 0,
        };
        if (pts && ((pts[q].name && !pr->name) || (pts[q].division && !pr->division))) {
            free(nthv);
            goto oom;
        }
        if (R.covered[q]) {
            out->covered_points++;
            out->covered_weight += R.pw[q];
        }
        size_t bin = pr->n_reach < CIRCLE_HIST_BINS - 1 ? pr->n_reach : CIRCLE_HIST_BINS - 1;
        out->hist_points[bin]++;
        out->hist_weight[bin] += R.pw[q];
        nthv[q] = (wv){pr->nth_m, R.pw[q]};
        if (R.top[(size_t)q * R.nth + R.nth - 1] <= R.pbudget[q])
            out->nth_within_budget += R.pw[q];
    }
    out->share = out->total_weight > 0 ? out->covered_weight / out->total_weight : 0;
    out->share_points = np ? (double)out->covered_points / (double)np : 0;
    if (out->total_weight > 0)
        out->nth_within_budget /= out->total_weight;
    /* weighted percentiles of the N-th distance */
    qsort(nthv, np, sizeof(wv), cmp_wv);
    static const double pct[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
    for (int k = 0; k < 5; k++) {
        double target = pct[k] * out->total_weight, acc = 0;
        out->nth_pct_m[k] = INFINITY;
        for (size_t i = 0; i < np; i++) {
            acc += nthv[i].w;
            if (acc >= target && nthv[i].w > 0) {
                out->nth_pct_m[k] = nthv[i].v;
                break;
            }
        }
    }
    free(nthv);

    /* per division */
    size_t nd = 0;
    for (size_t q = 0; q < np; q++)
        if (out->points[q].division && out->points[q].division[0])
            nd++;
    if (nd) {
        keyed *ix = malloc(nd * sizeof(keyed));
        out->divisions = calloc(nd, sizeof(circle_division_stat));
        if (!ix || !out->divisions) {
            free(ix);
            goto oom;
        }
        size_t k = 0;
        for (size_t q = 0; q < np; q++)
            if (out->points[q].division && out->points[q].division[0])
                ix[k++] = (keyed){.s = out->points[q].division, .i = (uint32_t)q};
        qsort(ix, nd, sizeof(keyed), cmp_keyed_s);
        for (size_t i = 0; i < nd; i++) {
            const circle_point_result *pr = &out->points[ix[i].i];
            if (i == 0 || strcmp(pr->division, ix[i - 1].s) != 0)
                out->divisions[out->n_divisions++].division = pr->division;
            circle_division_stat *ds = &out->divisions[out->n_divisions - 1];
            ds->points++;
            ds->weight += pr->weight;
            if (pr->covered) {
                ds->covered_points++;
                ds->covered_weight += pr->weight;
            }
        }
        for (size_t i = 0; i < out->n_divisions; i++)
            out->divisions[i].share =
                out->divisions[i].weight > 0
                    ? out->divisions[i].covered_weight / out->divisions[i].weight
                    : 0;
        free(ix);
    }

    if (R.mode == CIRCLE_NETWORK && find_clusters(&R, out) < 0)
        goto oom;
    if (R.mode == CIRCLE_RADIUS && g && !pts) {
        R.ncnt = R.cnt; /* points are the nodes: their coverage is the nodes' */
        if (find_clusters(&R, out) < 0)
            goto oom;
        R.ncnt = NULL;
    }
    out->reach_ms = now_ms() - t0;

    if (p->site_k > 0) {
        if (p->progress && p->progress(p->progress_ud, "siting", 0, (size_t)p->site_k)) {
            R.cancelled = 1;
            goto oom;
        }
        t0 = now_ms();
        if (circle_siting(&R, out) < 0)
            goto oom;
        out->siting_ms = now_ms() - t0;
    }
    if (arena_failed(&out->strings)) /* a name or id missing from the report */
        goto oom;
    run_free(&R);
    return 0;
oom:
    run_free(&R);
    circle_report_free(out);
    set_err(err, errlen, R.cancelled ? "cancelled" : "out of memory");
    return -1;
}

void circle_report_free(circle_report *r)
{
    if (!r)
        return;
    free(r->points);
    free(r->venues);
    free(r->divisions);
    free(r->clusters);
    free(r->sites);
    arena_free(&r->strings);
    memset(r, 0, sizeof(*r));
}
