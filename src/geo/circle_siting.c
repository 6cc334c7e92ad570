/*
 * circle_siting: where new venues would cover most people, the last step of circle_run when
 * p->site_k > 0. Candidates are network nodes thinned to a grid (or given); each round picks
 * the one whose reach (circle.c) newly covers the most population, then updates the counts of
 * the run's state (circle_int.h) as if a venue stood there.
 */
#include "geo/circle_int.h"
#include "util/log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
        if (circle_rule_ok(r, &c, NULL))
            return (uint8_t)d;
        if (d == 0 && !circle_rule_counts_venue(r, site))
            return DEF_NEVER;
        circle_count_add(&c, site);
    }
    return DEF_NEVER;
}

/* A candidate's gain (population newly covered by one venue there) and progress (population
 * of uncovered points it reaches, each weighted by 1 / the venues it still needs, so a
 * point two venues short counts half). */
static int eval_candidate(run *R, cand *c)
{
    double limit = R->mode == CIRCLE_NETWORK ? R->budget : R->max_reach;
    if (circle_reach(R, c->node, c->offset, c->lon, c->lat, limit) < 0)
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

/* About 200 lines, on purpose: the setup (site category, candidates, each point's deficit)
 * and then the greedy rounds, each of which prunes the candidates that cannot gain (by one
 * multi-source search in network mode, by a latitude window in radius mode), picks the best,
 * applies it to the run's counts and invalidates the gains it changed. The rounds share the
 * candidate array, the scratch buffers and the one cleanup at oom; the scoring and ordering
 * of a candidate are already functions (eval_candidate, better, deficit). */
int circle_siting(run *R, circle_report *r)
{
    const circle_params *p = R->p;
    const char *sc = p->site_category;
    if (!sc) {
        if (p->rule.kind == CIRCLE_RULE_ZJ)
            sc = "village_centre";
        else if (p->rule.cats) {
            for (int c = 0; c < CIRCLE_NCAT && !sc; c++)
                if (p->rule.cats & (1u << c))
                    sc = circle_cat_names[c];
        } else
            sc = "new_space";
    }
    int scat = circle_category_from_name(sc);
    if (scat < 0)
        scat = CIRCLE_CAT_OTHER;
    r->site_category = circle_cat_names[scat];
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
                    if (circle_flat_dist(cs[i].lon, cs[i].lat, R->plon[crit[k]],
                                         R->plat[crit[k]]) <= R->pbudget[crit[k]] + 2) {
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
        if (circle_reach(R, best->node, best->offset, best->lon, best->lat, limit) < 0)
            goto oom;
        for (size_t i = 0; i < R->n_hits; i++) {
            uint32_t q = R->hit_pt[i];
            if (R->hit_d[i] > R->pbudget[q])
                continue;
            circle_count_add(&R->cnt[q], &site);
            if (R->pdef[q] != 0 && R->pdef[q] != DEF_NEVER)
                R->pdef[q]--;
            if (!R->covered[q] && circle_rule_ok(R->prule[q], &R->cnt[q], NULL)) {
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
                if (circle_flat_dist(best->lon, best->lat, cs[i].lon, cs[i].lat) <=
                    2 * R->max_reach + 2)
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
