/*
 * circle_int: what the parts of the circle analysis share and nothing else sees: the category
 * names, the per-point counts and the rule evaluated on them, the state of one run, and the
 * reach and siting steps. circle.c runs the analysis, circle_siting.c places new venues on the
 * same state, circle_rule.c holds categories and rules. Not for use outside src/geo/circle*.c.
 */
#ifndef WY_GEO_CIRCLE_INT_H
#define WY_GEO_CIRCLE_INT_H

#include "geo/circle.h"

#include <math.h>
#include <stdint.h>

/* Category names by index, CIRCLE_NCAT of them (circle_rule.c). */
extern const char *const circle_cat_names[CIRCLE_NCAT];

/* ---- counts ---- */

typedef struct ccount {
    uint16_t cat[CIRCLE_NCAT];
    uint16_t req_free, req_only, free_only; /* Zhejiang tallies */
    uint16_t total;
} ccount;

typedef struct vkind {
    int cat, req, free;
} vkind;

static inline void circle_inc16(uint16_t *x)
{
    if (*x < UINT16_MAX)
        (*x)++;
}

static inline void circle_count_add(ccount *c, const vkind *k)
{
    circle_inc16(&c->cat[k->cat]);
    circle_inc16(&c->total);
    if (k->req && k->free)
        circle_inc16(&c->req_free);
    else if (k->req)
        circle_inc16(&c->req_only);
    else if (k->free)
        circle_inc16(&c->free_only);
}

/* Venues of c that the rule counts. */
static inline unsigned circle_rule_counted(const circle_rule *r, const ccount *c)
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
static inline int circle_rule_ok(const circle_rule *r, const ccount *c0, const vkind *k)
{
    ccount c = *c0;
    if (k)
        circle_count_add(&c, k);
    if (r->kind == CIRCLE_RULE_COUNT)
        return circle_rule_counted(r, &c) >= (unsigned)r->n;
    /* n required venues, then m free ones among the rest: spending required-only venues on
     * the required part first is optimal, they cannot count as free */
    long a = c.req_free, b = c.req_only, f = c.free_only;
    if (a + b < r->n)
        return 0;
    long from_a = r->n > b ? r->n - b : 0;
    return (a - from_a) + f >= r->m;
}

/* Does venue k count toward the rule (and the N-th nearest)? */
static inline int circle_rule_counts_venue(const circle_rule *r, const vkind *k)
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
    /* hits of the last circle_reach(): point and distance */
    uint32_t *hit_pt;
    double *hit_d;
    size_t n_hits, cap_hits;
} run;

/* Distance on the tangent plane with the ellipsoid's radii of curvature at the mean latitude:
 * off the geodesic by O(s^3 / R^2), under a millimetre at the few kilometres used here.
 * Verdicts within a metre of a limit are left to the geodesic. */
static inline double circle_flat_dist(double lon1, double lat1, double lon2, double lat2)
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
int circle_reach(run *R, uint32_t node, double offset, double lon, double lat, double limit);

/* Greedy siting of p->site_k new venues on the state of a finished run (circle_siting.c). */
int circle_siting(run *R, circle_report *r);

#endif
