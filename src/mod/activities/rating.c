/* rating: see rating.h. */
#include "mod/activities/rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "core/authz.h"
#include "util/csvread.h"

int rating_own(const principal *who, const rating *r)
{
    return who && who->user_id && who->user_id == r->user_id;
}

void rating_mask_name(const char *name, char out[RATING_NAME_MAX])
{
    size_t o = 0, i = 0;
    out[0] = '\0';
    if (!name || !*name)
        return;
    /* the first character, whole (UTF-8) */
    do
        out[o++] = name[i++];
    while (name[i] && ((unsigned char)name[i] & 0xc0) == 0x80 && o < 8);
    for (; name[i] && o < RATING_NAME_MAX - 1; i++)
        if (((unsigned char)name[i] & 0xc0) != 0x80)
            out[o++] = '*';
    out[o] = '\0';
}

int rating_may_rate(wy_ctx *ctx, int64_t activity_id)
{
    int ended = 0, upcoming = 0;
    if (!ctx->who || !ctx->who->user_id)
        return 0;
    return store_rating_attended(ctx->c, activity_id, ctx->who->user_id, ctx->now, &ended,
                                 &upcoming) == WY_OK &&
           ended;
}

int rating_submit(wy_ctx *ctx, int64_t activity_id, int64_t score, const char *comment, rating *out,
                  int *replaced)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (score < 1 || score > 5)
        return wy_fail_field(ctx, E_INVALID, "bad_score", "A score is a whole number from 1 to 5.",
                             "score");
    if (comment &&
        (!utf8_valid(comment, strlen(comment)) || utf8_length(comment) > RATING_COMMENT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_comment", "A comment has at most 500 characters.",
                             "comment");
    activity a;
    int rc = store_activity_get(ctx->c, ctx->a, activity_id, &a);
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(a.status, "published")))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    int ended, upcoming;
    rc = store_rating_attended(ctx->c, activity_id, ctx->who->user_id, ctx->now, &ended, &upcoming);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "attendance");
    if (!ended && upcoming)
        return wy_fail(ctx, E_CONFLICT, "not_ended",
                       "You can rate the activity once the session has ended.");
    if (!ended)
        return wy_fail(ctx, E_FORBIDDEN, "not_attended",
                       "Only people who attended a session of this activity may rate it.");
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t id = 0;
    rc = store_rating_put(ctx->c, activity_id, ctx->who->user_id, (int)score, comment, ctx->now,
                          &id, replaced);
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "rating")) < 0)
        return -1;
    rc = store_rating_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "rating");
}

int rating_decide(wy_ctx *ctx, int64_t id, const char *decision, const char *reason, rating *out)
{
    int approve = decision && !strcmp(decision, "approve");
    if (!approve && !(decision && !strcmp(decision, "reject")))
        return wy_fail_field(ctx, E_INVALID, "bad_decision", "The decision is approve or reject.",
                             "decision");
    if (!approve && (!reason || !*reason))
        return wy_fail_field(ctx, E_INVALID, "reason_required", "A rejection needs a reason.",
                             "reason");
    if (reason && (!utf8_valid(reason, strlen(reason)) || utf8_length(reason) > 500))
        return wy_fail_field(ctx, E_INVALID, "reason_too_long",
                             "A reason has at most 500 characters.", "reason");
    int rc = store_rating_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating");
    if (!authz_allows(ctx->who, PERM_PUBLISH, out->division))
        return authz_require(ctx, PERM_PUBLISH, out->division);
    if (out->user_id == ctx->who->user_id) /* nobody moderates what they wrote */
        return wy_fail(ctx, E_FORBIDDEN, "own_rating",
                       "You wrote this rating yourself: another organiser must decide it.");
    const char *to = approve ? "approved" : "rejected";
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_rating_decide(ctx->c, id, to, reason && *reason ? reason : NULL, ctx->who->user_id,
                             ctx->now);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "already_decided", "This rating has been decided already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "rating decision");
    if (res == 0) {
        char oid[24];
        snprintf(oid, sizeof(oid), "%lld", (long long)id);
        audit_entry e = {0,
                         ctx->now,
                         ctx->who->user_id,
                         approve ? "rating.approve" : "rating.reject",
                         "rating",
                         oid,
                         out->division,
                         "pending",
                         to,
                         reason && *reason ? reason : NULL};
        rc = store_audit_add(ctx->c, &e);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "audit");
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    rc = store_rating_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "rating");
}

static int newest_first(const void *x, const void *y)
{
    int64_t a = ((const rating *)x)->id, b = ((const rating *)y)->id;
    return (a < b) - (a > b);
}

int rating_queue(wy_ctx *ctx, const char *status, int64_t before, int limit, rating **out,
                 size_t *n)
{
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t nscopes = authz_scopes(ctx->who, PERM_PUBLISH, scopes, AUTHZ_SCOPES_MAX);
    if (!nscopes)
        return authz_require(ctx, PERM_PUBLISH, NULL) < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    if (!status || !*status)
        status = "pending";
    if (strcmp(status, "pending") && strcmp(status, "approved") && strcmp(status, "rejected"))
        return wy_fail_field(ctx, E_INVALID, "bad_status",
                             "The status is pending, approved or rejected.", "status");
    if (limit <= 0)
        limit = 50;
    /* every subtree the caller publishes in: a page from each (they do not overlap), merged
     * newest first; the first limit of them are the page */
    rating *all = arena_alloc(ctx->a, nscopes * (size_t)limit * sizeof(*all) + 1);
    size_t total = 0;
    if (!all)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (size_t i = 0; i < nscopes; i++) {
        rating_filter f = {.status = status, .prefix = scopes[i], .before = before, .limit = limit};
        rating *part;
        size_t np;
        int rc = store_rating_list(ctx->c, ctx->a, &f, &part, &np);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "ratings");
        memcpy(all + total, part, np * sizeof(*part));
        total += np;
    }
    qsort(all, total, sizeof(*all), newest_first);
    *out = all;
    *n = total < (size_t)limit ? total : (size_t)limit;
    return 0;
}

int rating_list_public(wy_ctx *ctx, int64_t activity_id, int64_t before, int limit, rating **out,
                       size_t *n)
{
    activity a;
    int rc = store_activity_get(ctx->c, ctx->a, activity_id, &a);
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(a.status, "published")))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    rating_filter f = {
        .status = "approved", .activity_id = activity_id, .before = before, .limit = limit};
    rc = store_rating_list(ctx->c, ctx->a, &f, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "ratings");
}

static int summary(wy_ctx *ctx, int rc, int64_t sum, int64_t count, rating_summary *out)
{
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating average");
    out->count = count;
    out->average = count ? (double)sum / (double)count : 0;
    return 0;
}

int rating_summary_activity(wy_ctx *ctx, int64_t activity_id, rating_summary *out)
{
    int64_t sum, count;
    int rc = store_rating_sum_activity(ctx->c, activity_id, &sum, &count);
    return summary(ctx, rc, sum, count, out);
}

int rating_summary_venue(wy_ctx *ctx, int64_t venue_id, rating_summary *out)
{
    int64_t sum, count;
    int rc = store_rating_sum_venue(ctx->c, venue_id, &sum, &count);
    return summary(ctx, rc, sum, count, out);
}
