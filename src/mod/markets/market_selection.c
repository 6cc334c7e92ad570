/*
 * market_selection: from the panel's scores to the accepted and reserve lists (market.h).
 * The ranking, the tie at the quota line and the verdicts are the pure rules of
 * market_rules.c; here they are run over a market's applications, and the decision and the
 * sweep (lapses, promotions, no-shows) are written.
 */
#include "mod/markets/market.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "util/log.h"

/* Rank each category of m's submitted applications (the decision's input). */
static int rank_market(wy_ctx *ctx, const market *m, market_ranking **out, size_t *n)
{
    market_category *cats;
    size_t ncats;
    int rc = store_market_categories(ctx->c, ctx->a, m->id, &cats, &ncats);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "categories");
    market_ranking *r = arena_alloc(ctx->a, (ncats + 1) * sizeof(*r));
    if (!r)
        return check_mem(ctx);
    for (size_t i = 0; i < ncats; i++) {
        market_application *apps;
        size_t napps;
        rc = store_market_apps(ctx->c, ctx->a, m->id, "submitted", cats[i].category, &apps, &napps);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "applications");
        r[i] = (market_ranking){.cat = cats[i], .n = napps};
        r[i].ranked = arena_alloc(ctx->a, (napps + 1) * sizeof(market_candidate));
        r[i].verdict = arena_alloc(ctx->a, (napps + 1) * sizeof(market_verdict));
        r[i].position = arena_alloc(ctx->a, (napps + 1) * sizeof(int));
        if (!r[i].ranked || !r[i].verdict || !r[i].position)
            return check_mem(ctx);
        for (size_t k = 0; k < napps; k++) {
            r[i].ranked[k] = (market_candidate){apps[k].id, apps[k].pseudonym, apps[k].score_sum,
                                                apps[k].nscores, apps[k].submitted_at};
            if (apps[k].nscores < m->min_reviews)
                r[i].unscored++;
        }
        market_rank(r[i].ranked, napps);
        r[i].tie = market_cutoff_tie(r[i].ranked, napps, cats[i].quota, m->pass_mark, &r[i].t);
        market_verdicts(r[i].ranked, napps, cats[i].quota, m->pass_mark, r[i].verdict,
                        r[i].position);
    }
    *out = r;
    *n = ncats;
    return 0;
}

static int load_managed(wy_ctx *ctx, int64_t id, market *m)
{
    int rc = store_market_get(ctx->c, ctx->a, id, m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    return authz_require(ctx, PERM_MARKETS_MANAGE, m->division);
}

int market_rank_all(wy_ctx *ctx, int64_t market_id, market_ranking **out, size_t *n)
{
    market m;
    if (load_managed(ctx, market_id, &m) < 0)
        return -1;
    return rank_market(ctx, &m, out, n);
}

static int pseudonym_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int market_cutoff_ties(wy_ctx *ctx, int64_t market_id, market_cutoff **out, size_t *n)
{
    market_ranking *r;
    size_t nr;
    if (market_rank_all(ctx, market_id, &r, &nr) < 0)
        return -1;
    market_cutoff *c = arena_alloc(ctx->a, (nr + 1) * sizeof(*c));
    if (!c)
        return check_mem(ctx);
    *n = 0;
    for (size_t i = 0; i < nr; i++) {
        if (!r[i].tie)
            continue;
        const char **p = arena_alloc(ctx->a, r[i].t.count * sizeof(char *));
        if (!p)
            return check_mem(ctx);
        for (size_t k = 0; k < r[i].t.count; k++)
            p[k] = r[i].ranked[r[i].t.first + k].pseudonym;
        /* sorted, so the list the lottery is handed says nothing of the order it was in */
        qsort(p, r[i].t.count, sizeof(char *), pseudonym_cmp);
        c[(*n)++] = (market_cutoff){r[i].cat.category, r[i].t.places_left, p, r[i].t.count};
    }
    *out = c;
    return 0;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const market_application *)a)->id, y = ((const market_application *)b)->id;
    return x < y ? -1 : x > y;
}

/* The decision, inside the caller's transaction: orders are the draw's for the tied groups
 * (none: a tie is refused). */
static int decide_tx(wy_ctx *ctx, int64_t market_id, const market_tie_order *orders, size_t norders,
                     market_decision *out)
{
    memset(out, 0, sizeof(*out));
    market m;
    int res = load_managed(ctx, market_id, &m);
    if (res == 0 && strcmp(m.status, "published"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "Only a published market is decided.");
    if (res == 0 && m.decided_at)
        res = wy_fail(ctx, E_CONFLICT, "decided", "This market has been decided already.");
    if (res == 0 && ctx->now < m.apply_closes_at)
        res = wy_fail(ctx, E_CONFLICT, "window_open",
                      "Applications are still open: decide once they have closed.");
    /* first the market's row, so that a second decision waits for this one and then finds it
     * decided */
    int rc;
    if (res == 0 && (rc = store_market_set_decided(ctx->c, market_id, ctx->now)) != WY_OK)
        res = rc == WY_CONSTRAINT
                  ? wy_fail(ctx, E_CONFLICT, "decided", "This market has been decided already.")
                  : wy_fail_store(ctx, rc, "decision");
    market_ranking *r = NULL;
    size_t nr = 0;
    if (res == 0)
        res = rank_market(ctx, &m, &r, &nr);
    for (size_t i = 0; res == 0 && i < nr; i++)
        if (r[i].unscored)
            res = wy_fail(ctx, E_CONFLICT, "not_all_scored",
                          "Every application needs its scores from the panel first.");
    for (size_t i = 0; res == 0 && i < nr; i++) {
        if (!r[i].tie)
            continue;
        const market_tie_order *o = NULL;
        for (size_t k = 0; k < norders && !o; k++)
            if (orders[k].category && !strcmp(orders[k].category, r[i].cat.category))
                o = &orders[k];
        if (!o)
            res = wy_fail(ctx, E_RULE, "tie_at_cutoff",
                          "Applications tie at a category's quota line: open the market's tie "
                          "lottery, commit it and draw it; the draw makes the lists.");
        else if (market_tie_apply(r[i].ranked, &r[i].t, o->order, o->n) < 0)
            res = wy_fail(ctx, E_CONFLICT, "changed",
                          "The tied applications are no longer the ones the draw was committed "
                          "to.");
        else
            market_verdicts(r[i].ranked, r[i].n, r[i].cat.quota, m.pass_mark, r[i].verdict,
                            r[i].position);
    }
    /* the applicants, by id, to tell each their verdict */
    market_application *apps = NULL;
    size_t napps = 0;
    if (res == 0 && (rc = store_market_apps(ctx->c, ctx->a, market_id, "submitted", NULL, &apps,
                                            &napps)) != WY_OK)
        res = wy_fail_store(ctx, rc, "applications");
    if (res == 0 && napps)
        qsort(apps, napps, sizeof(*apps), by_id);
    /* the accepted confirm by the market's deadline, or within confirm_hours of a late
     * decision (never after the start) */
    int64_t confirm_by = m.confirm_by;
    if (confirm_by <= ctx->now) {
        confirm_by = ctx->now + (int64_t)m.confirm_hours * 3600000;
        if (confirm_by > m.starts_at)
            confirm_by = m.starts_at;
    }
    for (size_t i = 0; res == 0 && i < nr; i++) {
        int accepted = 0;
        for (size_t k = 0; res == 0 && k < r[i].n; k++) {
            market_verdict v = r[i].verdict[k];
            const char *status = v == MARKET_ACCEPTED  ? "accepted"
                                 : v == MARKET_RESERVE ? "reserve"
                                                       : "declined";
            int64_t by = v == MARKET_ACCEPTED ? confirm_by : 0;
            rc = store_market_app_decide(ctx->c, r[i].ranked[k].id, status, (int)k + 1,
                                         r[i].position[k], by, ctx->now);
            if (rc != WY_OK)
                res = wy_fail_store(ctx, rc, "decision");
            market_application key = {.id = r[i].ranked[k].id};
            market_application *a =
                res == 0 ? bsearch(&key, apps, napps, sizeof(*apps), by_id) : NULL;
            if (a) {
                a->status = status;
                a->position = r[i].position[k];
                a->confirm_by = by;
                res = market_tell(ctx,
                                  v == MARKET_ACCEPTED  ? &market_kind_accepted
                                  : v == MARKET_RESERVE ? &market_kind_reserve
                                                        : &market_kind_declined,
                                  &m, a, NULL);
            }
            accepted += v == MARKET_ACCEPTED;
            out->accepted += v == MARKET_ACCEPTED;
            out->reserve += v == MARKET_RESERVE;
            out->declined += v == MARKET_DECLINED;
        }
        if (res == 0 &&
            (rc = store_market_category_set_accepted(ctx->c, r[i].cat.id, accepted)) != WY_OK)
            res = wy_fail_store(ctx, rc, "category");
    }
    if (res == 0)
        res = audit_add(ctx, "market.decide", "market", market_id, m.division, NULL, "decided",
                        arena_sprintf(ctx->a, "accepted %d, reserve %d, declined %d%s",
                                      out->accepted, out->reserve, out->declined,
                                      norders ? ", ties by the draw" : ""));
    return res;
}

int market_decide(wy_ctx *ctx, int64_t market_id, market_decision *out)
{
    if (tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, decide_tx(ctx, market_id, NULL, 0, out));
}

int market_decide_drawn(wy_ctx *ctx, int64_t market_id, const market_tie_order *orders,
                        size_t norders, market_decision *out)
{
    return decide_tx(ctx, market_id, orders, norders, out);
}

/* The day before the market, remind its stall-holders (once each: the kind may not repeat). */
static int remind(wy_ctx *ctx, const market *m)
{
    if (ctx->now < m->starts_at - 24 * (int64_t)3600000 || ctx->now >= m->starts_at)
        return 0;
    static const char *const holding[] = {"accepted", "confirmed"};
    for (size_t s = 0; s < sizeof(holding) / sizeof(holding[0]); s++) {
        market_application *apps;
        size_t n;
        int rc = store_market_apps(ctx->c, ctx->a, m->id, holding[s], NULL, &apps, &n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "applications");
        for (size_t i = 0; i < n; i++)
            if (market_tell(ctx, &market_kind_reminder, m, &apps[i],
                            m->map_published_at ? apps[i].stall_number : NULL) < 0)
                return -1;
    }
    return 0;
}

int market_sweep(wy_ctx *ctx, int64_t market_id, int *changed)
{
    *changed = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    market m;
    int rc = store_market_get(ctx->c, ctx->a, market_id, &m);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market");
    if (res == 0 && m.decided_at)
        res = market_lapse_unconfirmed(ctx, &m, changed);
    if (res == 0 && m.decided_at)
        res = remind(ctx, &m);
    if (res == 0 && m.decided_at && ctx->now >= m.ends_at) {
        int64_t n = 0;
        if ((rc = store_market_app_no_shows(ctx->c, market_id, ctx->now, &n)) != WY_OK)
            res = wy_fail_store(ctx, rc, "no-shows");
        else if (n > 0)
            res = audit_add(ctx, "market.no_shows", "market", market_id, m.division, NULL, NULL,
                            arena_sprintf(ctx->a, "%lld", (long long)n));
        *changed += (int)n;
    }
    return tx_end(ctx, res);
}

int market_job_sweep(wy_ctx *ctx)
{
    int64_t *ids;
    size_t n;
    int rc = store_markets_to_sweep(ctx->c, ctx->a, ctx->now, &ids, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "markets");
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        int changed = 0;
        if (market_sweep(ctx, ids[i], &changed) < 0)
            return -1;
        total += changed;
    }
    if (total > 0)
        log_info("markets: %d applications lapsed, promoted or marked no-show", total);
    return total;
}
