/*
 * circle: the analysis of circle.h. The work is one bounded Dijkstra per venue over the
 * walking graph (or a straight-line scan in radius mode) that adds the venue to the counts of
 * every demand point it reaches; the rule is then evaluated on those counts, so rules (and
 * their per-division overrides) cost nothing extra. Counts keep per category tallies and the
 * Zhejiang required/free tallies.
 */
#include "geo/circle.h"
#include "util/log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- categories ---- */

static const char *const cat_names[CIRCLE_NCAT] = {
    "library",           "cultural_centre", "museum",    "art_gallery",    "theatre",
    "town_station",      "village_centre",  "new_space", "street_station", "rural_stage",
    "heritage_workshop", "cinema",          "other",
};

const char *circle_category_name(int cat)
{
    return cat >= 0 && cat < CIRCLE_NCAT ? cat_names[cat] : "other";
}

int circle_category_from_name(const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < CIRCLE_NCAT; i++)
        if (strcmp(s, cat_names[i]) == 0)
            return i;
    return -1;
}

int circle_category_required(int cat)
{
    return cat == CIRCLE_CAT_LIBRARY || cat == CIRCLE_CAT_CULTURAL_CENTRE ||
           cat == CIRCLE_CAT_TOWN_STATION || cat == CIRCLE_CAT_VILLAGE_CENTRE;
}

int circle_category_free(int cat)
{
    return cat >= 0 && cat < CIRCLE_NCAT && cat != CIRCLE_CAT_THEATRE && cat != CIRCLE_CAT_CINEMA &&
           cat != CIRCLE_CAT_OTHER;
}

void circle_venue_set(circle_venue *v, double lon, double lat, const char *category,
                      const char *name, const char *id)
{
    int cat = circle_category_from_name(category);
    if (cat < 0)
        cat = CIRCLE_CAT_OTHER;
    *v = (circle_venue){.lon = lon,
                        .lat = lat,
                        .category = category,
                        .name = name,
                        .id = id,
                        .is_required = circle_category_required(cat),
                        .is_free = circle_category_free(cat)};
}

/* ---- rules ---- */

static int parse_int(const char *s, size_t n, int *out)
{
    if (n == 0 || n > 6)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int circle_rule_parse(const char *s, circle_rule *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    if (!s)
        s = "";
    if (strncmp(s, "count:", 6) == 0) {
        const char *p = s + 6;
        const char *c = strchr(p, ':');
        size_t nlen = c ? (size_t)(c - p) : strlen(p);
        r->kind = CIRCLE_RULE_COUNT;
        if (parse_int(p, nlen, &r->n) < 0 || r->n < 1) {
            set_err(err, errlen, "rule '%s': want count:N with N >= 1", s);
            return -1;
        }
        if (c) {
            const char *q = c + 1;
            if (!*q) {
                set_err(err, errlen, "rule '%s': empty category list", s);
                return -1;
            }
            while (*q) {
                const char *bar = strchr(q, '|');
                size_t len = bar ? (size_t)(bar - q) : strlen(q);
                char name[40];
                int cat = -1;
                if (len > 0 && len < sizeof(name)) {
                    memcpy(name, q, len);
                    name[len] = '\0';
                    cat = circle_category_from_name(name);
                }
                if (cat < 0) {
                    set_err(err, errlen, "rule '%s': unknown category '%.*s'", s, (int)len, q);
                    return -1;
                }
                r->cats |= 1u << cat;
                if (!bar)
                    break;
                q = bar + 1;
            }
        }
        return 0;
    }
    if (strncmp(s, "zj", 2) == 0 && (s[2] == '\0' || s[2] == ':')) {
        r->kind = CIRCLE_RULE_ZJ;
        r->n = 1;
        r->m = 2;
        if (s[2] == ':') {
            const char *p = s + 3;
            const char *c = strchr(p, ':');
            if (!c || parse_int(p, (size_t)(c - p), &r->n) < 0 ||
                parse_int(c + 1, strlen(c + 1), &r->m) < 0 || r->n + r->m < 1) {
                set_err(err, errlen, "rule '%s': want zj or zj:R:F", s);
                return -1;
            }
        }
        return 0;
    }
    set_err(err, errlen, "unknown rule '%s' (want count:N[:cat|cat...] or zj[:R:F])", s);
    return -1;
}

void circle_rule_format(const circle_rule *r, char *buf, size_t len)
{
    if (r->kind == CIRCLE_RULE_ZJ) {
        snprintf(buf, len, "zj:%d:%d", r->n, r->m);
        return;
    }
    int n = snprintf(buf, len, "count:%d", r->n);
    for (int c = 0; c < CIRCLE_NCAT && n >= 0 && (size_t)n < len; c++)
        if (r->cats & (1u << c)) {
            int first = (r->cats & ((1u << c) - 1)) == 0;
            n += snprintf(buf + n, len - (size_t)n, "%s%s", first ? ":" : "|", cat_names[c]);
        }
}

void circle_params_default(circle_params *p)
{
    memset(p, 0, sizeof(*p));
    p->speed_kmh = 4.5;
    p->minutes = 15;
    p->rule = (circle_rule){.kind = CIRCLE_RULE_COUNT, .n = 4};
    p->mode = CIRCLE_NETWORK;
    p->radius_urban_m = 1000;
    p->radius_rural_m = 1500;
    p->max_clusters = 20;
    p->site_spacing_m = 100;
}

/* ---- counts ---- */

typedef struct ccount {
    uint16_t cat[CIRCLE_NCAT];
    uint16_t req_free, req_only, free_only; /* Zhejiang tallies */
    uint16_t total;
} ccount;

typedef struct vkind {
    int cat, req, free;
} vkind;

static void inc16(uint16_t *x)
{
    if (*x < UINT16_MAX)
        (*x)++;
}

static void count_add(ccount *c, const vkind *k)
{
    inc16(&c->cat[k->cat]);
    inc16(&c->total);
    if (k->req && k->free)
        inc16(&c->req_free);
    else if (k->req)
        inc16(&c->req_only);
    else if (k->free)
        inc16(&c->free_only);
}

/* Venues of c that the rule counts. */
static unsigned rule_counted(const circle_rule *r, const ccount *c)
{
    if (r->kind == CIRCLE_RULE_ZJ)
        return (unsigned)c->req_free + c->req_only + c->free_only;
    if (!r->cats)
        return c->total;
    unsigned n = 0;
    for (int i = 0; i < CIRCLE_NCAT; i++)
        if (r->cats & (1u << i))
            n += c->cat[i];
    return n;
}

/* Does c (plus the extra venue k, when not NULL) satisfy the rule? */
static int rule_ok(const circle_rule *r, const ccount *c0, const vkind *k)
{
    ccount c = *c0;
    if (k)
        count_add(&c, k);
    if (r->kind == CIRCLE_RULE_COUNT)
        return rule_counted(r, &c) >= (unsigned)r->n;
    /* n required venues, then m free ones among the rest: spending required-only venues on
     * the required part first is optimal, they cannot count as free */
    long a = c.req_free, b = c.req_only, f = c.free_only;
    if (a + b < r->n)
        return 0;
    long from_a = r->n > b ? r->n - b : 0;
    return (a - from_a) + f >= r->m;
}

/* Does venue k count toward the rule (and the N-th nearest)? */
static int rule_counts_venue(const circle_rule *r, const vkind *k)
{
    if (r->kind == CIRCLE_RULE_ZJ)
        return k->req || k->free;
    return !r->cats || (r->cats & (1u << k->cat));
}

/* ---- the run ---- */

typedef struct run {
    const circle_params *p;
    int cancelled; /* the progress callback asked to stop */
    const geo_graph *g;
    int mode;
    double budget;    /* network budget, metres */
    double horizon;   /* search limit for the N-th nearest */
    double max_reach; /* largest per-point budget (radius mode: the larger radius in use) */

    size_t np;
    const circle_point *in_pts; /* NULL: points are nodes */
    double *plon, *plat, *pw;   /* per point */
    uint32_t *pnode;            /* nearest node (network mode) */
    double *psnap;
    double *pbudget;           /* per point budget (metres) */
    const circle_rule **prule; /* per point rule */
    ccount *cnt;
    uint8_t *covered;
    uint8_t *pdef; /* siting: venues of the site's kind a point still needs (DEF_NEVER: no
                      number of them covers it); 0 when covered */
    int nth;
    double *top; /* np * nth smallest distances to counted venues, ascending */

    /* network mode, points not nodes: points by node (CSR) */
    uint32_t *node_off, *node_pts;
    ccount *ncnt; /* node-level counts (offset 0) for clusters; == cnt when points are nodes */

    /* radius mode: points sorted by latitude */
    uint32_t *by_lat;

    geo_search s;
    /* hits of the last reach(): point and distance */
    uint32_t *hit_pt;
    double *hit_d;
    size_t n_hits, cap_hits;
} run;

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

/* Distance on the tangent plane with the ellipsoid's radii of curvature at the mean latitude:
 * off the geodesic by O(s^3 / R^2), under a millimetre at the few kilometres used here.
 * Verdicts within a metre of a limit are left to the geodesic. */
static double flat_dist(double lon1, double lat1, double lon2, double lat2)
{
    static const double a = 6378137.0, e2 = 0.00669437999014132, rad = M_PI / 180.0;
    double phi = (lat1 + lat2) / 2 * rad, s = sin(phi);
    double w2 = 1 - e2 * s * s, w = sqrt(w2);
    double dx = (lon2 - lon1) * rad * (a / w) * cos(phi);
    double dy = (lat2 - lat1) * rad * (a * (1 - e2) / (w2 * w));
    return sqrt(dx * dx + dy * dy);
}

/* Every demand point within limit of a source: network mode from node (at offset), radius
 * mode from lon/lat in a straight line. Fills R->hit_*. -1 when out of memory. */
static int reach(run *R, uint32_t node, double offset, double lon, double lat, double limit)
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
        double d = flat_dist(lon, lat, R->plon[q], R->plat[q]);
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
        unc[u] = !rule_ok(&R->p->rule, &R->ncnt[u], NULL);
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

/* ---- siting ---- */

typedef struct cand {
    uint32_t node;
    double offset, lon, lat;
    long long osm_id;
    const char *name;
    int valid, picked;
    double gain, progress;
    size_t gain_points;
} cand;

typedef struct cellpick {
    uint64_t cell;
    double d2;
    uint32_t node;
} cellpick;

static int cmp_cellpick(const void *a, const void *b)
{
    const cellpick *x = a, *y = b;
    if (x->cell != y->cell)
        return x->cell < y->cell ? -1 : 1;
    if (x->d2 != y->d2)
        return x->d2 < y->d2 ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

/* Network nodes thinned to the one nearest the centre of each spacing-sized cell. */
static cand *node_candidates(const geo_graph *g, double spacing, size_t *nc)
{
    *nc = 0;
    cellpick *cp = malloc((g->n ? g->n : 1) * sizeof(*cp));
    cand *c = calloc(g->n ? g->n : 1, sizeof(*c));
    if (!cp || !c) {
        free(cp);
        free(c);
        return NULL;
    }
    for (uint32_t u = 0; u < g->n; u++) {
        double x = (g->lon[u] - g->lon0) * g->kx, y = (g->lat[u] - g->lat0) * g->ky;
        if (spacing <= 0) {
            cp[u] = (cellpick){u, 0, u};
            continue;
        }
        double fx = floor(x / spacing), fy = floor(y / spacing);
        double dx = x - (fx + 0.5) * spacing, dy = y - (fy + 0.5) * spacing;
        cp[u] = (cellpick){(uint64_t)fy * 0x100000000ull + (uint64_t)fx, dx * dx + dy * dy, u};
    }
    qsort(cp, g->n, sizeof(*cp), cmp_cellpick);
    size_t k = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        if (i > 0 && cp[i].cell == cp[i - 1].cell)
            continue;
        uint32_t u = cp[i].node;
        c[k++] = (cand){.node = u, .lon = g->lon[u], .lat = g->lat[u], .osm_id = g->osm_id[u]};
    }
    free(cp);
    *nc = k;
    return c;
}

#define DEF_NEVER 255

/* How many venues of kind site a point still needs to be covered: 0 when covered, DEF_NEVER
 * when such venues cannot cover it (the rule does not count them, or it needs too many). */
static uint8_t deficit(const circle_rule *r, const ccount *c0, const vkind *site)
{
    ccount c = *c0;
    for (int d = 0; d < DEF_NEVER; d++) {
        if (rule_ok(r, &c, NULL))
            return (uint8_t)d;
        if (d == 0 && !rule_counts_venue(r, site))
            return DEF_NEVER;
        count_add(&c, site);
    }
    return DEF_NEVER;
}

/* A candidate's gain (population newly covered by one venue there) and progress (population
 * of uncovered points it reaches, each weighted by 1 / the venues it still needs, so a
 * point two venues short counts half). */
static int eval_candidate(run *R, cand *c)
{
    double limit = R->mode == CIRCLE_NETWORK ? R->budget : R->max_reach;
    if (reach(R, c->node, c->offset, c->lon, c->lat, limit) < 0)
        return -1;
    c->gain = c->progress = 0;
    c->gain_points = 0;
    for (size_t i = 0; i < R->n_hits; i++) {
        uint32_t q = R->hit_pt[i];
        uint8_t d = R->pdef[q];
        if (d == 0 || d == DEF_NEVER || R->hit_d[i] > R->pbudget[q])
            continue;
        c->progress += R->pw[q] / d;
        if (d == 1) {
            c->gain += R->pw[q];
            c->gain_points++;
        }
    }
    c->valid = 1;
    return 0;
}

static int better(const cand *a, const cand *b)
{
    if (!b)
        return 1;
    if (a->gain != b->gain)
        return a->gain > b->gain;
    return a->progress > b->progress;
}

static int siting(run *R, circle_report *r)
{
    const circle_params *p = R->p;
    const char *sc = p->site_category;
    if (!sc) {
        if (p->rule.kind == CIRCLE_RULE_ZJ)
            sc = "village_centre";
        else if (p->rule.cats) {
            for (int c = 0; c < CIRCLE_NCAT && !sc; c++)
                if (p->rule.cats & (1u << c))
                    sc = cat_names[c];
        } else
            sc = "new_space";
    }
    int scat = circle_category_from_name(sc);
    if (scat < 0)
        scat = CIRCLE_CAT_OTHER;
    r->site_category = cat_names[scat];
    vkind site = {scat, circle_category_required(scat), circle_category_free(scat)};

    size_t nc = 0;
    cand *cs = NULL;
    if (p->candidates && p->n_candidates) {
        cs = calloc(p->n_candidates, sizeof(*cs));
        if (!cs)
            return -1;
        for (size_t i = 0; i < p->n_candidates; i++) {
            const circle_point *q = &p->candidates[i];
            cand *c = &cs[nc++];
            *c = (cand){.node = GEO_NONE, .lon = q->lon, .lat = q->lat, .name = q->name};
            if (R->mode == CIRCLE_NETWORK) {
                c->node = geo_graph_nearest(R->g, q->lon, q->lat, &c->offset);
                if (c->node != GEO_NONE)
                    c->osm_id = R->g->osm_id[c->node];
            }
        }
    } else if (R->g) {
        cs = node_candidates(R->g, p->site_spacing_m, &nc);
        if (!cs)
            return -1;
        if (R->mode == CIRCLE_RADIUS)
            for (size_t i = 0; i < nc; i++)
                cs[i].node = GEO_NONE; /* placed by lon/lat */
    } else {
        cs = calloc(R->np ? R->np : 1, sizeof(*cs));
        if (!cs)
            return -1;
        for (size_t q = 0; q < R->np; q++) {
            cs[nc++] = (cand){.node = GEO_NONE,
                              .lon = R->plon[q],
                              .lat = R->plat[q],
                              .name = R->in_pts ? R->in_pts[q].name : NULL,
                              .osm_id = R->in_pts ? 0 : R->g->osm_id[q]};
        }
    }
    r->site_candidates = nc;
    r->sites = calloc((size_t)p->site_k, sizeof(circle_site));
    R->pdef = malloc(R->np ? R->np : 1);
    if (!R->pdef) {
        free(cs);
        return -1;
    }
    for (size_t q = 0; q < R->np; q++)
        R->pdef[q] = R->covered[q] ? 0 : deficit(R->prule[q], &R->cnt[q], &site);
    geo_source *src = NULL;
    uint32_t *crit = NULL;
    uint8_t *viable = calloc(nc ? nc : 1, 1);
    if (!r->sites || !viable)
        goto oom;
    if (R->mode == CIRCLE_NETWORK)
        src = malloc((R->np ? R->np : 1) * sizeof(*src));
    else
        crit = malloc((R->np ? R->np : 1) * sizeof(*crit));
    if (!src && !crit)
        goto oom;
    double covered_w = r->covered_weight;
    for (int round = 0; round < p->site_k; round++) {
        if (p->progress && round &&
            p->progress(p->progress_ud, "siting", (size_t)round, (size_t)p->site_k)) {
            R->cancelled = 1;
            goto oom;
        }
        /* prune: in network mode only candidates within reach of a point one venue short
         * can gain; the others keep gain 0 unless the fallback (progress) needs them */
        size_t nviable = 0;
        if (R->mode == CIRCLE_NETWORK) {
            size_t ns = 0;
            for (size_t q = 0; q < R->np; q++)
                if (R->pdef[q] == 1 && R->pnode[q] != GEO_NONE)
                    src[ns++] = (geo_source){R->pnode[q], R->psnap[q]};
            if (ns && geo_search_run(&R->s, src, ns, R->budget) < 0)
                goto oom;
            for (size_t i = 0; i < nc; i++) {
                viable[i] = ns && cs[i].node != GEO_NONE &&
                            R->s.dist[cs[i].node] + cs[i].offset <= R->budget;
                nviable += viable[i];
            }
        } else {
            /* radius mode: the same test in straight lines, over the critical points in
             * latitude order (by_lat) */
            size_t ns = 0;
            for (size_t i = 0; i < R->np; i++) {
                uint32_t q = R->by_lat[i];
                if (R->pdef[q] == 1)
                    crit[ns++] = q;
            }
            double dlat = R->max_reach / 110574.0 * 1.01 + 1e-9;
            for (size_t i = 0; i < nc; i++) {
                size_t lo = 0, hi = ns;
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (R->plat[crit[mid]] < cs[i].lat - dlat)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                viable[i] = 0;
                for (size_t k = lo; k < ns && R->plat[crit[k]] <= cs[i].lat + dlat; k++)
                    if (flat_dist(cs[i].lon, cs[i].lat, R->plon[crit[k]], R->plat[crit[k]]) <=
                        R->pbudget[crit[k]] + 2) {
                        viable[i] = 1;
                        break;
                    }
                nviable += viable[i];
            }
        }
        cand *best = NULL;
        for (size_t i = 0; i < nc && nviable; i++) {
            if (!viable[i] || cs[i].picked)
                continue;
            if (!cs[i].valid && eval_candidate(R, &cs[i]) < 0)
                goto oom;
            if (cs[i].gain > 0 && better(&cs[i], best))
                best = &cs[i];
        }
        if (!best) { /* nobody is one venue short: go by the uncovered population reached */
            for (size_t i = 0; i < nc; i++) {
                if (cs[i].picked)
                    continue;
                if (!cs[i].valid && eval_candidate(R, &cs[i]) < 0)
                    goto oom;
                if (cs[i].progress > 0 && better(&cs[i], best))
                    best = &cs[i];
            }
        }
        if (!best)
            break;
        /* apply the pick (a place is picked once: a second venue there is not a new site) */
        best->picked = 1;
        circle_site *st = &r->sites[r->n_sites++];
        *st = (circle_site){.node = best->node,
                            .osm_node = best->osm_id,
                            .lon = best->lon,
                            .lat = best->lat,
                            .name = best->name ? arena_strdup(&r->strings, best->name) : NULL,
                            .gain = best->gain,
                            .gain_points = best->gain_points,
                            .progress = best->progress};
        double limit = R->mode == CIRCLE_NETWORK ? R->budget : R->max_reach;
        if (reach(R, best->node, best->offset, best->lon, best->lat, limit) < 0)
            goto oom;
        for (size_t i = 0; i < R->n_hits; i++) {
            uint32_t q = R->hit_pt[i];
            if (R->hit_d[i] > R->pbudget[q])
                continue;
            count_add(&R->cnt[q], &site);
            if (R->pdef[q] != 0 && R->pdef[q] != DEF_NEVER)
                R->pdef[q]--;
            if (!R->covered[q] && rule_ok(R->prule[q], &R->cnt[q], NULL)) {
                R->covered[q] = 1;
                covered_w += R->pw[q];
            }
        }
        st->covered_weight_after = covered_w;
        st->share_after = r->total_weight > 0 ? covered_w / r->total_weight : 0;
        /* gains change only for candidates that reach a point the pick reached */
        if (R->mode == CIRCLE_NETWORK) {
            geo_source s0 = {best->node, best->offset};
            if (geo_search_run(&R->s, &s0, 1, 2 * R->budget) < 0)
                goto oom;
            for (size_t i = 0; i < nc; i++)
                if (cs[i].node != GEO_NONE && R->s.dist[cs[i].node] <= 2 * R->budget)
                    cs[i].valid = 0;
        } else {
            for (size_t i = 0; i < nc; i++)
                if (flat_dist(best->lon, best->lat, cs[i].lon, cs[i].lat) <= 2 * R->max_reach + 2)
                    cs[i].valid = 0;
        }
    }
    free(src);
    free(crit);
    free(viable);
    free(cs);
    return 0;
oom:
    free(src);
    free(crit);
    free(viable);
    free(cs);
    return -1;
}

/* ---- circle_run ---- */

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
                                    .category = cat_names[cat],
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
        if (reach(&R, vr->node, vr->snap_m, v[i].lon, v[i].lat, R.horizon) < 0)
            goto oom;
        for (size_t h = 0; h < R.n_hits; h++) {
            uint32_t q = R.hit_pt[h];
            double d = R.hit_d[h];
            if (d <= R.pbudget[q]) {
                count_add(&R.cnt[q], &k);
                vr->reach_points++;
                vr->reach_weight += R.pw[q];
            }
            if (rule_counts_venue(R.prule[q], &k))
                top_insert(&R.top[(size_t)q * R.nth], R.nth, d);
        }
        if (R.ncnt && R.ncnt != R.cnt) /* node-level, offset 0 */
            for (size_t s = 0; s < R.s.n_order; s++)
                if (R.s.dist[R.s.order[s]] <= R.budget)
                    count_add(&R.ncnt[R.s.order[s]], &k);
    }

    /* coverage, histogram, per-point results */
    wv *nthv = malloc(n1 * sizeof(wv));
    if (!nthv)
        goto oom;
    for (size_t q = 0; q < np; q++) {
        circle_point_result *pr = &out->points[q];
        R.covered[q] = (uint8_t)rule_ok(R.prule[q], &R.cnt[q], NULL);
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
            .n_counted = rule_counted(R.prule[q], &R.cnt[q]),
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
        if (siting(&R, out) < 0)
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
            json_object_set_new(bycat, cat_names[c], json_integer((json_int_t)r->venues_by_cat[c]));
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
