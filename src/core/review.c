/* review: see review.h. */
#include "core/review.h"

#include <stdio.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "util/csvread.h"

#define MAX_TYPES 32

static const review_type *types[MAX_TYPES];
static int ntypes;

void review_register_type(const review_type *t)
{
    if (!review_type_find(t->name) && ntypes < MAX_TYPES)
        types[ntypes++] = t;
}

const review_type *review_type_find(const char *name)
{
    for (int i = 0; i < ntypes; i++)
        if (name && !strcmp(types[i]->name, name))
            return types[i];
    return NULL;
}

/* The level of the k-th (1-based) entry of a chain, or 0. */
static int chain_level(const char *levels, int k)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", levels ? levels : "");
    int i = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if (++i == k)
            return division_level_parse(t);
    return 0;
}

static int chain_length(const char *levels)
{
    int n = 0;
    while (chain_level(levels, n + 1))
        n++;
    return n;
}

/* Check a chain's syntax: known levels, from the lowest to the highest, no repeats. */
static int chain_valid(const char *levels)
{
    if (!levels || strlen(levels) > 60)
        return 0;
    if (!*levels)
        return 1;
    int prev = 6, n = 0;
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", levels);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int l = division_level_parse(t);
        if (!l || l >= prev)
            return 0;
        prev = l;
        n++;
    }
    return n > 0 && levels[strlen(levels) - 1] != ',';
}

static int audit_item(wy_ctx *ctx, const review_item *it, const char *action, const char *from,
                      const char *to, const char *reason)
{
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)it->id);
    audit_entry e = {0,
                     ctx->now,
                     ctx->who ? ctx->who->user_id : 0,
                     action,
                     "review_item",
                     oid,
                     it->division,
                     from,
                     to,
                     reason};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

/* The account that items are read for (their own says whether it wrote them). */
static int64_t viewer(const wy_ctx *ctx)
{
    return ctx->who ? ctx->who->user_id : 0;
}

static const char *state_label(wy_ctx *ctx, const char *status, int level)
{
    return !strcmp(status, "pending") ? arena_sprintf(ctx->a, "pending:%d", level) : status;
}

static int notify_type(wy_ctx *ctx, const char *type, int64_t content_id, const char *status)
{
    const review_type *t = review_type_find(type);
    return t && t->on_status ? t->on_status(ctx, content_id, status) : 0;
}

int review_author_add(wy_ctx *ctx, const char *content_type, int64_t content_id)
{
    if (!ctx->who || !ctx->who->user_id)
        return 0; /* the command line: nobody to keep from deciding */
    int rc = store_review_author_add(ctx->c, content_type, content_id, ctx->who->user_id);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "review author");
}

int review_submit_tx(wy_ctx *ctx, const char *content_type, int64_t content_id,
                     const char *division, const char *title, const char **status)
{
    if (review_author_add(ctx, content_type, content_id) < 0)
        return -1;
    const char *levels = NULL;
    int rc = store_review_chain(ctx->c, ctx->a, content_type, division, &levels);
    if (rc == WY_NOTFOUND)
        levels = REVIEW_DEFAULT_CHAIN;
    else if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review chain");
    /* keep the levels at or above the item's own division */
    int own = division_level_of(division);
    char eff[64] = "";
    for (int k = 1, l; (l = chain_level(levels, k)); k++)
        if (l <= own)
            snprintf(eff + strlen(eff), sizeof(eff) - strlen(eff), "%s%s", eff[0] ? "," : "",
                     division_level_name(l));
    const char *to = eff[0] ? "pending" : "published";
    int level = eff[0] ? 1 : 0;
    review_item it;
    rc = store_review_item_by_content(ctx->c, ctx->a, content_type, content_id, &it);
    const char *from = "draft";
    if (rc == WY_OK) {
        if (!strcmp(it.status, "pending") || !strcmp(it.status, "published"))
            return wy_fail(ctx, E_CONFLICT, "bad_state",
                           "This has been submitted already; it cannot be submitted again now.");
        from = it.status;
        rc = store_review_item_update(ctx->c, it.id, to, level, eff, title,
                                      ctx->who ? ctx->who->user_id : 0, ctx->now);
    } else if (rc == WY_NOTFOUND) {
        it = (review_item){.content_type = content_type,
                           .content_id = content_id,
                           .division = division,
                           .title = title,
                           .status = to,
                           .level = level,
                           .levels = eff,
                           .submitted_by = ctx->who ? ctx->who->user_id : 0,
                           .updated_at = ctx->now,
                           .own = 1};
        rc = store_review_item_create(ctx->c, &it, ctx->now, &it.id);
    }
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review submit");
    it.division = division;
    if (audit_item(ctx, &it, "review.submit", from, state_label(ctx, to, level), NULL) < 0 ||
        notify_type(ctx, content_type, content_id, to) < 0)
        return -1;
    *status = to;
    return 0;
}

int review_withdraw_tx(wy_ctx *ctx, const char *content_type, int64_t content_id)
{
    review_item it;
    int rc = store_review_item_by_content(ctx->c, ctx->a, content_type, content_id, &it);
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(it.status, "pending")))
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "Only what waits for review can be withdrawn.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review item");
    const char *from = state_label(ctx, it.status, it.level);
    rc = store_review_item_update(ctx->c, it.id, "draft", 0, NULL, NULL, 0, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review withdraw");
    if (audit_item(ctx, &it, "review.withdraw", from, "draft", NULL) < 0)
        return -1;
    return notify_type(ctx, content_type, content_id, "draft");
}

int review_own(const principal *who, const review_item *it)
{
    return it->own || (who && who->user_id && who->user_id == it->submitted_by);
}

int review_may_decide(const principal *who, const review_item *it)
{
    if (!who || strcmp(it->status, "pending") || review_own(who, it))
        return 0;
    int level = chain_level(it->levels, it->level);
    char anc[DIVISION_CODE_MAX];
    if (!level || !division_ancestor(it->division, level, anc))
        return 0;
    for (size_t i = 0; i < who->ngrants; i++)
        if (!strcmp(who->grants[i].role, "reviewer") && !strcmp(who->grants[i].division, anc))
            return 1;
    return 0;
}

int review_get(wy_ctx *ctx, int64_t id, review_item *out)
{
    int rc = store_review_item_get(ctx->c, ctx->a, id, viewer(ctx), out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review item");
    if (authz_allows(ctx->who, PERM_REVIEW, out->division) ||
        authz_allows(ctx->who, PERM_AUDIT_READ, out->division) || review_own(ctx->who, out))
        return 0;
    return authz_require(ctx, PERM_REVIEW, out->division);
}

int review_decide(wy_ctx *ctx, int64_t item_id, const char *decision, const char *reason,
                  review_item *after)
{
    int approve = decision && !strcmp(decision, "approve");
    if (!approve && !(decision && !strcmp(decision, "reject")))
        return wy_fail_field(ctx, E_INVALID, "bad_decision", "The decision is approve or reject.",
                             "decision");
    if (!approve && (!reason || !*reason))
        return wy_fail_field(ctx, E_INVALID, "reason_required", "A rejection needs a reason.",
                             "reason");
    if (reason && (!utf8_valid(reason, strlen(reason)) || utf8_length(reason) > 2000))
        return wy_fail_field(ctx, E_INVALID, "reason_too_long",
                             "A reason has at most 2000 characters.", "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    review_item it;
    int res = 0;
    int rc = store_review_item_get(ctx->c, ctx->a, item_id, viewer(ctx), &it);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "review item");
    else if (authz_require(ctx, PERM_REVIEW, it.division) < 0)
        res = -1;
    else if (strcmp(it.status, "pending"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This item is not waiting for review.");
    else if (review_own(ctx->who, &it)) /* at any level, whatever roles one holds */
        res = wy_fail(ctx, E_FORBIDDEN, "own_submission",
                      "You wrote or submitted this yourself: another reviewer must decide it.");
    else if (!review_may_decide(ctx->who, &it))
        res = wy_fail(ctx, E_FORBIDDEN, "not_your_level",
                      "This item waits for a reviewer at another level.");
    if (res == 0) {
        const char *from = state_label(ctx, it.status, it.level);
        int last = it.level >= chain_length(it.levels);
        const char *to = !approve ? "rejected" : last ? "published" : "pending";
        int level = !approve || last ? it.level : it.level + 1;
        rc = store_review_item_update(ctx->c, it.id, to, level, NULL, NULL, 0, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "review decide");
        else if (audit_item(ctx, &it, approve ? "review.approve" : "review.reject", from,
                            state_label(ctx, to, level), reason && *reason ? reason : NULL) < 0)
            res = -1;
        else if (strcmp(to, "pending") && notify_type(ctx, it.content_type, it.content_id, to) < 0)
            res = -1;
        it.status = to;
        it.level = level;
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    if (after)
        *after = it;
    return 0;
}

int review_list(wy_ctx *ctx, const char *status, const char *division, int64_t before, int limit,
                review_item **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (status && strcmp(status, "pending") && strcmp(status, "published") &&
        strcmp(status, "rejected"))
        return wy_fail_field(ctx, E_INVALID, "bad_status",
                             "The status is pending, published or rejected.", "status");
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = authz_scope(ctx->who, PERM_REVIEW);
        if (!scope)
            scope = authz_scope(ctx->who, PERM_AUDIT_READ);
        if (scope)
            snprintf(div, sizeof(div), "%s", scope);
    }
    if (!div[0] || (!authz_allows(ctx->who, PERM_REVIEW, div) &&
                    !authz_allows(ctx->who, PERM_AUDIT_READ, div)))
        return ctx->who && ctx->who->user_id
                   ? wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.")
                   : wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    int rc =
        store_review_item_list(ctx->c, ctx->a, status, div, before, limit, viewer(ctx), out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "review list");
}

int review_chain_set(wy_ctx *ctx, const char *content_type, const char *division,
                     const char *levels)
{
    char div[DIVISION_CODE_MAX] = "";
    if (!review_type_find(content_type))
        return wy_fail_field(ctx, E_INVALID, "bad_content_type", "No such content type.",
                             "content_type");
    if (!division || !*division)
        return wy_fail_field(ctx, E_INVALID, "division_required",
                             "A chain applies to a division and everything in it: give its code "
                             "(the city's code sets the default of the city).",
                             "division");
    if (division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!chain_valid(levels))
        return wy_fail_field(ctx, E_INVALID, "bad_chain",
                             "A chain lists division levels from the lowest up, such as "
                             "county,city (or nothing, to publish without review).",
                             "levels");
    if (authz_require(ctx, PERM_REVIEW_CONFIG, div) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc == WY_OK)
        rc = store_review_chain_set(ctx->c, content_type, div, levels);
    if (rc == WY_OK) {
        audit_entry e = {0,
                         ctx->now,
                         ctx->who ? ctx->who->user_id : 0,
                         "review.chain",
                         "review_chain",
                         content_type,
                         div,
                         NULL,
                         levels,
                         NULL};
        rc = store_audit_add(ctx->c, &e);
    }
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        return wy_fail_store(ctx, rc, "review chain");
    }
    return 0;
}

int review_chain_get(wy_ctx *ctx, const char *content_type, const char *division,
                     const char **levels, const char **normalized)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    *normalized = arena_strdup(ctx->a, div);
    int rc = store_review_chain(ctx->c, ctx->a, content_type, div, levels);
    if (rc == WY_NOTFOUND) {
        *levels = REVIEW_DEFAULT_CHAIN;
        return 0;
    }
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "review chain");
}

int review_history(wy_ctx *ctx, int64_t item_id, audit_entry **out, size_t *n)
{
    review_item it;
    if (review_get(ctx, item_id, &it) < 0)
        return -1;
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)item_id);
    int rc = store_audit_list(ctx->c, ctx->a, "review_item", oid, NULL, 0, 200, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "history");
}
