/*
 * market_assign: stalls for the accepted stall-holders on the market's plan, under the
 * organiser's rules (market_rules.h): no two stalls of one category side by side, food only
 * where there is water and power, those who need it near the entrance; and each holder's own
 * needs (power, water).
 *
 * The proposal is a depth-first search that keeps every rule: holders with the fewest stalls
 * they may have go first, and each tries the stalls whose extras (water, power, a place near
 * the entrance) it does not need last, so those are left for the holders who need them. The
 * search is bounded (MARKET_ASSIGN_NODES placements tried); when it finds nothing, a greedy
 * pass places each holder, in the same order, where it breaks the fewest rules, and the check
 * names every rule broken and for whom. Same input, same answer: nothing is random.
 */
#include "mod/markets/market_rules.h"

#include <stdlib.h>
#include <string.h>

const char *market_stall_refuses(const market_slot *s, const market_holder *h,
                                 const market_assign_rules *r)
{
    if (r->food && h->category == MARKET_FOOD && !(s->water && s->power))
        return "food_water_power";
    if (h->needs_power && !s->power)
        return "power";
    if (h->needs_water && !s->water)
        return "water";
    if (r->access && h->needs_access && !s->near_entrance)
        return "near_entrance";
    return NULL;
}

int market_stalls_adjacent(const market_slot *a, const market_slot *b)
{
    return a->row && b->row && !strcmp(a->row, b->row) &&
           (a->position - b->position == 1 || b->position - a->position == 1);
}

/* The neighbours of each stall: nb[i * ns ..] holds up to 2 indices (a row has a left and a
 * right), -1 for none. */
static long *neighbours(arena *a, const market_slot *s, size_t ns)
{
    long *nb = arena_alloc(a, (ns ? ns : 1) * 2 * sizeof(long));
    if (!nb)
        return NULL;
    for (size_t i = 0; i < ns; i++) {
        nb[2 * i] = nb[2 * i + 1] = -1;
        int k = 0;
        for (size_t j = 0; j < ns && k < 2; j++)
            if (j != i && market_stalls_adjacent(&s[i], &s[j]))
                nb[2 * i + k++] = (long)j;
    }
    return nb;
}

/* Holders side by side of h's category if h stood at stall st. */
static int same_beside(const market_holder *h, const long *nb, long st, const long *occupant,
                       const market_holder *hs)
{
    int n = 0;
    for (int k = 0; k < 2; k++) {
        long o = nb[2 * st + k];
        if (o >= 0 && occupant[o] >= 0 && hs[occupant[o]].category == h->category)
            n++;
    }
    return n;
}

int market_assign_check(arena *a, const market_slot *s, size_t ns, const market_holder *h,
                        size_t nh, const market_assign_rules *r, const long *at,
                        market_problem **out, size_t *n)
{
    long *nb = neighbours(a, s, ns);
    long *occupant = arena_alloc(a, (ns ? ns : 1) * sizeof(long));
    size_t cap = 2 * nh + 1;
    market_problem *p = arena_alloc(a, cap * sizeof(*p));
    *n = 0;
    *out = p;
    if (!nb || !occupant || !p)
        return -1;
    for (size_t i = 0; i < ns; i++)
        occupant[i] = -1;
    for (size_t i = 0; i < nh; i++)
        if (at[i] >= 0 && (size_t)at[i] < ns)
            occupant[at[i]] = (long)i;
    for (size_t i = 0; i < nh; i++) {
        if (at[i] < 0 || (size_t)at[i] >= ns) {
            p[(*n)++] = (market_problem){"no_stall", i, -1, -1};
            continue;
        }
        const char *why = market_stall_refuses(&s[at[i]], &h[i], r);
        if (why)
            p[(*n)++] = (market_problem){why, i, at[i], -1};
        if (!r->apart)
            continue;
        for (int k = 0; k < 2; k++) {
            long o = nb[2 * at[i] + k];
            long j = o >= 0 ? occupant[o] : -1;
            if (j >= 0 && (size_t)j < i && h[j].category == h[i].category && *n < cap)
                p[(*n)++] = (market_problem){"same_category_adjacent", i, at[i], j};
        }
    }
    return 0;
}

typedef struct search {
    const market_slot *s;
    size_t ns;
    const market_holder *h;
    size_t nh;
    const market_assign_rules *r;
    const long *nb;
    size_t *order;  /* holders, most constrained first */
    long **cands;   /* per holder: the stalls it may have, best first */
    size_t *ncands; /* how many */
    long *occupant; /* per stall: the holder there, -1 */
    long *at;       /* per holder: the stall, -1 */
    long budget;
} search;

static int dfs(search *x, size_t k)
{
    if (k == x->nh)
        return 1;
    size_t hi = x->order[k];
    for (size_t c = 0; c < x->ncands[hi]; c++) {
        long st = x->cands[hi][c];
        if (x->occupant[st] >= 0)
            continue;
        if (x->r->apart && same_beside(&x->h[hi], x->nb, st, x->occupant, x->h))
            continue;
        if (--x->budget < 0)
            return 0;
        x->occupant[st] = (long)hi;
        x->at[hi] = st;
        if (dfs(x, k + 1))
            return 1;
        x->occupant[st] = -1;
        x->at[hi] = -1;
        if (x->budget < 0)
            return 0;
    }
    return 0;
}

/* What a stall has that the holder does not need: kept for those who need it. */
static int extras(const market_slot *s, const market_holder *h, const market_assign_rules *r)
{
    int food = r->food && h->category == MARKET_FOOD;
    return (s->power && !h->needs_power && !food) + (s->water && !h->needs_water && !food) +
           (s->near_entrance && !h->needs_access);
}

/* qsort's comparators read the search through these (per thread: requests run on many) */
static __thread const search *sort_ctx;
static __thread size_t sort_holder;

static int cand_cmp(const void *pa, const void *pb)
{
    long a = *(const long *)pa, b = *(const long *)pb;
    const market_holder *h = &sort_ctx->h[sort_holder];
    int ea = extras(&sort_ctx->s[a], h, sort_ctx->r), eb = extras(&sort_ctx->s[b], h, sort_ctx->r);
    if (ea != eb)
        return ea - eb;
    return (a > b) - (a < b);
}

static int order_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (sort_ctx->ncands[a] != sort_ctx->ncands[b])
        return sort_ctx->ncands[a] < sort_ctx->ncands[b] ? -1 : 1;
    return (a > b) - (a < b);
}

int market_assign(arena *a, const market_slot *s, size_t ns, const market_holder *h, size_t nh,
                  const market_assign_rules *r, long *at, market_problem **out, size_t *n)
{
    search x = {.s = s, .ns = ns, .h = h, .nh = nh, .r = r, .budget = MARKET_ASSIGN_NODES};
    x.nb = neighbours(a, s, ns);
    x.order = arena_alloc(a, (nh + 1) * sizeof(size_t));
    x.cands = arena_alloc(a, (nh + 1) * sizeof(long *));
    x.ncands = arena_alloc(a, (nh + 1) * sizeof(size_t));
    x.occupant = arena_alloc(a, (ns + 1) * sizeof(long));
    x.at = at;
    if (!x.nb || !x.order || !x.cands || !x.ncands || !x.occupant)
        return -1;
    for (size_t i = 0; i < ns; i++)
        x.occupant[i] = -1;
    for (size_t i = 0; i < nh; i++) {
        at[i] = -1;
        x.order[i] = i;
        x.cands[i] = arena_alloc(a, (ns + 1) * sizeof(long));
        if (!x.cands[i])
            return -1;
        x.ncands[i] = 0;
        for (size_t j = 0; j < ns; j++)
            if (!market_stall_refuses(&s[j], &h[i], r))
                x.cands[i][x.ncands[i]++] = (long)j;
    }
    for (size_t i = 0; i < nh; i++) {
        sort_ctx = &x;
        sort_holder = i;
        qsort(x.cands[i], x.ncands[i], sizeof(long), cand_cmp);
    }
    sort_ctx = &x;
    qsort(x.order, nh, sizeof(size_t), order_cmp);
    sort_ctx = NULL;

    if (nh > ns || !dfs(&x, 0)) {
        /* no assignment keeps every rule (or the search gave up): place each holder, most
         * constrained first, where it breaks the fewest */
        for (size_t i = 0; i < ns; i++)
            x.occupant[i] = -1;
        for (size_t i = 0; i < nh; i++)
            at[i] = -1;
        for (size_t k = 0; k < nh; k++) {
            size_t hi = x.order[k];
            long best = -1, best_cost = 0;
            for (size_t j = 0; j < ns; j++) {
                if (x.occupant[j] >= 0)
                    continue;
                long cost =
                    (market_stall_refuses(&s[j], &h[hi], r) ? 1000 : 0) +
                    (r->apart ? 100 * same_beside(&h[hi], x.nb, (long)j, x.occupant, h) : 0) +
                    extras(&s[j], &h[hi], r);
                if (best < 0 || cost < best_cost) {
                    best = (long)j;
                    best_cost = cost;
                }
            }
            if (best >= 0) {
                at[hi] = best;
                x.occupant[best] = (long)hi;
            }
        }
    }
    return market_assign_check(a, s, ns, h, nh, r, at, out, n);
}
