/*
 * market_stalls: the stalls of the chosen stall-holders (the proposal under the organiser's
 * rules, moves by hand, the published map and list) and the check-in on the day (market.h).
 * The assignment itself is the pure market_assign (market_assign.c).
 */
#include "mod/markets/market.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"

static int holder_cmp(const void *pa, const void *pb)
{
    const market_application *a = pa, *b = pb;
    if (a->ranked != b->ranked)
        return a->ranked < b->ranked ? -1 : 1;
    int ca = market_category_index(a->category), cb = market_category_index(b->category);
    if (ca != cb)
        return ca < cb ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* Load the holders (accepted and confirmed, in order of priority), the plan and the current
 * stalls of m, and check them against m's rules. */
static int load_assignment(wy_ctx *ctx, const market *m, market_assignment *out)
{
    memset(out, 0, sizeof(*out));
    market_application *apps;
    size_t napps;
    int rc = store_market_apps(ctx->c, ctx->a, m->id, NULL, NULL, &apps, &napps);
    if (rc == WY_OK)
        rc = store_market_stalls(ctx->c, ctx->a, m->id, &out->stalls, &out->ns);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "assignment");
    out->holders = arena_alloc(ctx->a, (napps + 1) * sizeof(market_application));
    out->slots = arena_alloc(ctx->a, (out->ns + 1) * sizeof(market_slot));
    out->at = arena_alloc(ctx->a, (napps + 1) * sizeof(long));
    if (!out->holders || !out->slots || !out->at)
        return check_mem(ctx);
    for (size_t i = 0; i < napps; i++)
        if (!strcmp(apps[i].status, "accepted") || !strcmp(apps[i].status, "confirmed"))
            out->holders[out->nh++] = apps[i];
    qsort(out->holders, out->nh, sizeof(market_application), holder_cmp);
    for (size_t j = 0; j < out->ns; j++) {
        const market_stall *s = &out->stalls[j];
        out->slots[j] = (market_slot){s->id,    s->number, s->row_label,    s->position,
                                      s->power, s->water,  s->near_entrance};
    }
    for (size_t i = 0; i < out->nh; i++) {
        out->at[i] = -1;
        for (size_t j = 0; j < out->ns; j++)
            if (out->holders[i].stall_id == out->stalls[j].id)
                out->at[i] = (long)j;
    }
    return 0;
}

static market_holder *holders_of(wy_ctx *ctx, const market_assignment *x)
{
    market_holder *h = arena_alloc(ctx->a, (x->nh + 1) * sizeof(*h));
    for (size_t i = 0; h && i < x->nh; i++) {
        const market_application *a = &x->holders[i];
        h[i] = (market_holder){a->id,          a->stall_name,  market_category_index(a->category),
                               a->needs_power, a->needs_water, a->needs_access};
    }
    return h;
}

static market_assign_rules rules_of(const market *m)
{
    return (market_assign_rules){m->rule_apart, m->rule_food, m->rule_access};
}

static int check(wy_ctx *ctx, const market *m, market_assignment *x)
{
    market_holder *h = holders_of(ctx, x);
    market_assign_rules r = rules_of(m);
    if (!h || market_assign_check(ctx->a, x->slots, x->ns, h, x->nh, &r, x->at, &x->problems,
                                  &x->nproblems) < 0)
        return check_mem(ctx);
    return 0;
}

static int load_managed(wy_ctx *ctx, int64_t id, market *m)
{
    int rc = store_market_get(ctx->c, ctx->a, id, m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    return authz_require(ctx, PERM_MARKETS_MANAGE, m->division);
}

int market_assignment_get(wy_ctx *ctx, int64_t market_id, market_assignment *out)
{
    market m;
    if (load_managed(ctx, market_id, &m) < 0 || load_assignment(ctx, &m, out) < 0)
        return -1;
    return check(ctx, &m, out);
}

int market_assign_stalls(wy_ctx *ctx, int64_t market_id, market_assignment *out)
{
    if (tx_begin(ctx) < 0)
        return -1;
    market m;
    int res = load_managed(ctx, market_id, &m);
    if (res == 0 && !m.decided_at)
        res = wy_fail(ctx, E_CONFLICT, "not_decided",
                      "Stalls are assigned once the stall-holders are chosen.");
    if (res == 0)
        res = load_assignment(ctx, &m, out);
    market_holder *h = res == 0 ? holders_of(ctx, out) : NULL;
    market_assign_rules r = rules_of(&m);
    if (res == 0 && (!h || market_assign(ctx->a, out->slots, out->ns, h, out->nh, &r, out->at,
                                         &out->problems, &out->nproblems) < 0))
        res = check_mem(ctx) < 0
                  ? -1
                  : wy_fail(ctx, E_INTERNAL, "assign_failed", "The stalls could not be assigned.");
    int rc;
    if (res == 0 && (rc = store_market_app_clear_stalls(ctx->c, market_id, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "stalls");
    for (size_t i = 0; res == 0 && i < out->nh; i++) {
        int64_t sid = out->at[i] >= 0 ? out->stalls[out->at[i]].id : 0;
        out->holders[i].stall_id = sid;
        out->holders[i].stall_number = out->at[i] >= 0 ? out->stalls[out->at[i]].number : NULL;
        if (sid &&
            (rc = store_market_app_set_stall(ctx->c, out->holders[i].id, sid, ctx->now)) != WY_OK)
            res = wy_fail_store(ctx, rc, "stall");
    }
    if (res == 0 && (rc = store_market_set_map_published(ctx->c, market_id, 0, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "map");
    if (res == 0)
        res = audit_add(ctx, "market.assign", "market", market_id, m.division, NULL, NULL,
                        arena_sprintf(ctx->a, "%zu stall-holders, %zu rules not kept", out->nh,
                                      out->nproblems));
    return tx_end(ctx, res);
}

int market_move_stall(wy_ctx *ctx, int64_t app_id, const char *number, market_problem **warnings,
                      size_t *nwarnings, market_assignment *after)
{
    *nwarnings = 0;
    *warnings = NULL;
    if (!number || !*number)
        return wy_fail_field(ctx, E_INVALID, "unknown_stall", "No such stall on the plan.",
                             "stall");
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int rc = store_market_app_get(ctx->c, ctx->a, app_id, &a);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = load_managed(ctx, a.market_id, &m);
    if (res == 0 && strcmp(a.status, "accepted") && strcmp(a.status, "confirmed"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "Only a chosen stall-holder gets a stall.");
    if (res == 0)
        res = load_assignment(ctx, &m, after);
    long me = -1, target = -1;
    for (size_t i = 0; res == 0 && i < after->nh; i++)
        if (after->holders[i].id == app_id)
            me = (long)i;
    for (size_t j = 0; res == 0 && j < after->ns; j++)
        if (!strcmp(after->stalls[j].number, number))
            target = (long)j;
    if (res == 0 && (me < 0 || target < 0))
        res = wy_fail_field(ctx, E_INVALID, "unknown_stall", "No such stall on the plan.", "stall");
    for (size_t i = 0; res == 0 && i < after->nh; i++)
        if ((long)i != me && after->at[i] == target)
            res = wy_fail_field(ctx, E_CONFLICT, "stall_taken",
                                "Another stall-holder has that stall: move them first.", "stall");
    market_holder *h = res == 0 ? holders_of(ctx, after) : NULL;
    market_assign_rules r = rules_of(&m);
    if (res == 0 && !h)
        res = check_mem(ctx);
    const char *why = res == 0 ? market_stall_refuses(&after->slots[target], &h[me], &r) : NULL;
    if (why)
        res = wy_fail_field(ctx, E_RULE, why,
                            !strcmp(why, "food_water_power") ? "A food stall needs water and power."
                            : !strcmp(why, "power")          ? "This stall-holder needs power."
                            : !strcmp(why, "water")          ? "This stall-holder needs water."
                                                    : "This stall-holder needs a stall near the "
                                                      "entrance.",
                            "stall");
    if (res == 0 && (rc = store_market_app_set_stall(ctx->c, app_id, after->stalls[target].id,
                                                     ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "stall");
    if (res == 0) {
        after->at[me] = target;
        after->holders[me].stall_id = after->stalls[target].id;
        after->holders[me].stall_number = after->stalls[target].number;
        if (market_assign_check(ctx->a, after->slots, after->ns, h, after->nh, &r, after->at,
                                &after->problems, &after->nproblems) < 0)
            res = check_mem(ctx);
    }
    if (res == 0) {
        *warnings = arena_alloc(ctx->a, (after->nproblems + 1) * sizeof(market_problem));
        if (!*warnings)
            res = check_mem(ctx);
        for (size_t k = 0; res == 0 && k < after->nproblems; k++) {
            const market_problem *p = &after->problems[k];
            if (!strcmp(p->rule, "same_category_adjacent") &&
                ((long)p->holder == me || p->with == me))
                (*warnings)[(*nwarnings)++] = *p;
        }
    }
    if (res == 0)
        res = audit_add(ctx, "market_application.stall", "market_application", app_id, m.division,
                        a.stall_number, number, *nwarnings ? "same_category_adjacent" : NULL);
    return tx_end(ctx, res);
}

int market_publish_map(wy_ctx *ctx, int64_t market_id, int publish)
{
    if (tx_begin(ctx) < 0)
        return -1;
    market m;
    int res = load_managed(ctx, market_id, &m);
    if (res == 0 && !m.decided_at)
        res = wy_fail(ctx, E_CONFLICT, "not_decided",
                      "The stall map is published once the stall-holders are chosen.");
    int rc;
    if (res == 0 && (rc = store_market_set_map_published(ctx->c, market_id, publish ? ctx->now : 0,
                                                         ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "map");
    if (res == 0)
        res = audit_add(ctx, publish ? "market.map_publish" : "market.map_withdraw", "market",
                        market_id, m.division, NULL, NULL, NULL);
    /* once the map goes up (not again while it stays up), each stall-holder with a stall is
     * told its number */
    market_assignment x = {0};
    if (res == 0 && publish && !m.map_published_at)
        res = load_assignment(ctx, &m, &x);
    for (size_t i = 0; res == 0 && publish && !m.map_published_at && i < x.nh; i++)
        if (x.at[i] >= 0)
            res = market_tell(ctx, &market_kind_stall, &m, &x.holders[i], x.stalls[x.at[i]].number);
    return tx_end(ctx, res);
}

int market_holders_public(wy_ctx *ctx, int64_t market_id, market_assignment *out)
{
    market m;
    int rc = store_market_get(ctx->c, ctx->a, market_id, &m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    int manage = market_manages(ctx->who, &m);
    if (!manage && (strcmp(m.status, "published") || !m.map_published_at))
        return wy_fail(ctx, E_NOTFOUND, "not_published", "The stall map is not published.");
    if (load_assignment(ctx, &m, out) < 0)
        return -1;
    /* only who has a stall, and nothing personal: stall name, category, stall */
    size_t k = 0;
    long *at = out->at;
    for (size_t i = 0; i < out->nh; i++) {
        if (at[i] < 0)
            continue;
        out->holders[k] = out->holders[i];
        out->holders[k].contact_name = NULL;
        out->holders[k].contact_phone = NULL;
        out->holders[k].licence_no = NULL;
        at[k++] = at[i];
    }
    out->nh = k;
    return 0;
}

int market_checkin(wy_ctx *ctx, int64_t app_id, int *late)
{
    *late = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int rc = store_market_app_get(ctx->c, ctx->a, app_id, &a);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = load_managed(ctx, a.market_id, &m);
    if (res == 0 && strcmp(a.status, "confirmed"))
        res = wy_fail(ctx, E_CONFLICT, "not_confirmed",
                      "Only a stall-holder who confirmed is checked in.");
    if (res == 0 && a.checked_in_at)
        res = wy_fail(ctx, E_CONFLICT, "already_checked_in", "Checked in already.");
    if (res == 0 && (ctx->now < m.starts_at - 3 * 3600000LL || ctx->now >= m.ends_at))
        res = wy_fail(ctx, E_CONFLICT, "not_today",
                      "Check-in runs from three hours before the start to the end.");
    *late = ctx->now > m.starts_at + (int64_t)m.late_minutes * 60000;
    if (res == 0 && (rc = store_market_app_checkin(ctx->c, app_id, ctx->now, *late)) != WY_OK)
        res = wy_fail_store(ctx, rc, "check-in");
    if (res == 0)
        res = audit_add(ctx, "market_application.checkin", "market_application", app_id, m.division,
                        NULL, *late ? "late" : "on_time", NULL);
    return tx_end(ctx, res);
}
