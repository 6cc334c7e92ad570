/*
 * market_ties: the ties at the categories' quota lines drawn by the core's verifiable lottery
 * (core/lottery_record.h, docs/lottery.md). A market whose decision is blocked by ties has one
 * lottery of kind "market_cutoff": its items are the tied categories, each with the places of
 * its quota left at the line, and its applicants the tied applications under their
 * pseudonyms, each ranking just its own category. It is committed once the window has closed
 * and every application has its scores; from then on nothing that would move a line may
 * change (no score, no withdrawal of a submitted application, no new close of the window)
 * until it is drawn. The draw decides the market in its own transaction: each category's
 * tied group takes the draw's order (those drawn in first, then its waiting list), so a
 * failure leaves the lottery committed and the market undecided.
 */
#include "mod/markets/market.h"

#include <stdlib.h>
#include <string.h>

#include "core/lottery_store.h"

static int describe(wy_ctx *ctx, int64_t market_id, const char **division, const char **title)
{
    market m;
    int rc = store_market_get(ctx->c, ctx->a, market_id, &m);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "There is no such market.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    *division = m.division;
    *title = arena_sprintf(ctx->a, "%s：入选线并列抽签 / ties at the quota lines", m.title);
    return check_mem(ctx);
}

/* The market as the lottery needs it: published, undecided, its window closed, every
 * application scored, and a tie at a line. */
static int drawable(wy_ctx *ctx, int64_t market_id, market *m, market_cutoff **c, size_t *n)
{
    int rc = store_market_get(ctx->c, ctx->a, market_id, m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    if (authz_require(ctx, PERM_MARKETS_MANAGE, m->division) < 0)
        return -1;
    if (strcmp(m->status, "published"))
        return wy_fail(ctx, E_CONFLICT, "bad_state", "Only a published market is decided.");
    if (m->decided_at)
        return wy_fail(ctx, E_CONFLICT, "decided", "This market has been decided already.");
    if (ctx->now < m->apply_closes_at)
        return wy_fail(ctx, E_CONFLICT, "window_open",
                       "Applications are still open: the ties are drawn once they have closed.");
    market_ranking *r;
    size_t nr;
    if (market_rank_all(ctx, market_id, &r, &nr) < 0)
        return -1;
    for (size_t i = 0; i < nr; i++)
        if (r[i].unscored)
            return wy_fail(ctx, E_CONFLICT, "not_all_scored",
                           "Every application needs its scores from the panel first.");
    if (market_cutoff_ties(ctx, market_id, c, n) < 0)
        return -1;
    if (!*n)
        return wy_fail(ctx, E_RULE, "no_tie",
                       "No applications tie at a quota line: the lists are made without a draw.");
    return 0;
}

static int build(wy_ctx *ctx, int64_t market_id, lottery_inputs *in)
{
    market m;
    market_cutoff *c;
    size_t nc;
    if (drawable(ctx, market_id, &m, &c, &nc) < 0)
        return -1;
    size_t napps = 0;
    for (size_t i = 0; i < nc; i++)
        napps += c[i].n;
    lottery_item *items = arena_alloc(ctx->a, nc * sizeof(*items));
    lottery_entry *entries = arena_alloc(ctx->a, napps * sizeof(*entries));
    if (!items || !entries)
        return check_mem(ctx);
    size_t ne = 0;
    for (size_t i = 0; i < nc; i++) {
        int k = market_category_index(c[i].category);
        items[i] = (lottery_item){c[i].category, k >= 0 ? market_category_names[k] : c[i].category,
                                  c[i].places_left};
        for (size_t j = 0; j < c[i].n; j++) {
            const char **choice = arena_alloc(ctx->a, sizeof(*choice));
            if (!choice)
                return check_mem(ctx);
            choice[0] = c[i].category;
            entries[ne++] = (lottery_entry){c[i].pseudonyms[j], choice, 1, 0, NULL, 0};
        }
    }
    in->title = arena_sprintf(ctx->a, "%s：入选线并列抽签 / ties at the quota lines", m.title);
    in->max_choices = 1;
    in->max_places = 1;
    in->priority_rule = "评审平均分相同者抽签排序，不设优先类 / applications of equal mean "
                        "score ordered by the draw; no priority class";
    in->items = items;
    in->nitems = nc;
    in->entries = entries;
    in->nentries = ne;
    return check_mem(ctx);
}

static int apply(wy_ctx *ctx, int64_t market_id, const lottery *l)
{
    size_t na, ni;
    const lottery_applicant_result *ar = lottery_applicants(l, &na);
    const lottery_item_result *ir = lottery_items(l, &ni);
    market_tie_order *orders = arena_alloc(ctx->a, (ni + 1) * sizeof(*orders));
    if (!orders)
        return check_mem(ctx);
    for (size_t i = 0; i < ni; i++) {
        /* the group's order: those the draw let in, then its waiting list, each in draw order
         * (nobody has a priority class, so this is the order of the tickets) */
        size_t n = ir[i].nadmitted + ir[i].nwaiting;
        const char **order = arena_alloc(ctx->a, (n + 1) * sizeof(*order));
        if (!order)
            return check_mem(ctx);
        for (uint32_t k = 0; k < ir[i].nadmitted; k++)
            order[k] = ar[ir[i].admitted[k]].id;
        for (uint32_t k = 0; k < ir[i].nwaiting; k++)
            order[ir[i].nadmitted + k] = ar[ir[i].waiting[k]].id;
        orders[i] = (market_tie_order){ir[i].id, order, n};
    }
    market_decision d;
    return market_decide_drawn(ctx, market_id, orders, ni, &d);
}

/* A tie drawn at a quota line decides stalls that are then offered and confirmed like any:
 * its results are not annulled by a correction (errata only). */
const lottery_kind market_cutoff_kind = {
    MARKET_CUTOFF_KIND, PERM_MARKETS_MANAGE, describe, build, apply, NULL};

int market_tie_lottery(wy_ctx *ctx, int64_t market_id, lottery_row *out)
{
    market m;
    market_cutoff *c;
    size_t nc;
    if (drawable(ctx, market_id, &m, &c, &nc) < 0)
        return -1;
    return lottery_record_open(ctx, MARKET_CUTOFF_KIND, market_id, out);
}

int market_tie_lottery_of(wy_ctx *ctx, int64_t market_id, lottery_row *out)
{
    int rc = store_lottery_by_owner(ctx->c, ctx->a, MARKET_CUTOFF_KIND, market_id, out);
    if (rc == WY_NOTFOUND)
        return 0;
    return rc == WY_OK ? 1 : wy_fail_store(ctx, rc, "lottery");
}

int market_draw_pending(wy_ctx *ctx, int64_t market_id)
{
    lottery_row r;
    int found = market_tie_lottery_of(ctx, market_id, &r);
    if (found < 0)
        return -1;
    if (found && !strcmp(r.status, "committed"))
        return wy_fail(ctx, E_CONFLICT, "draw_pending",
                       "The ties of this market are committed to a draw: nothing that moves a "
                       "quota line changes until it is drawn.");
    return 0;
}
