/* rating: see rating.h. */
#include "core/rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "util/csvread.h"

/* ---- kinds ---- */

static const rating_subject *kinds[RATING_KINDS_MAX];
static size_t nkinds;

int rating_subject_register(const rating_subject *s)
{
    if (!s || !s->kind || !s->find || !s->attended)
        return -1;
    for (size_t i = 0; i < nkinds; i++) {
        if (kinds[i] == s)
            return 0;
        if (!strcmp(kinds[i]->kind, s->kind))
            return -1;
    }
    if (nkinds == RATING_KINDS_MAX)
        return -1;
    kinds[nkinds++] = s;
    return 0;
}

const rating_subject *rating_subject_of(const char *kind)
{
    for (size_t i = 0; kind && i < nkinds; i++)
        if (!strcmp(kinds[i]->kind, kind))
            return kinds[i];
    return NULL;
}

/* ---- small things ---- */

int rating_own(const principal *who, const rating *r)
{
    return who && who->user_id && who->user_id == r->user_id;
}

const char *rating_subject_href(wy_ctx *ctx, const rating *r)
{
    const rating_subject *s = rating_subject_of(r->kind);
    return s && s->href ? arena_sprintf(ctx->a, s->href, (long long)r->subject_id) : NULL;
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

/* The subject (kind, id) as the public sees it: 0, or -1 with 404 when the kind is unknown,
 * the subject is not there or not shown. */
static int find_shown(wy_ctx *ctx, const char *kind, int64_t id, const rating_subject **s,
                      const char **title, const char **division)
{
    int shown = 0;
    *s = rating_subject_of(kind);
    if (!*s)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    int rc = (*s)->find(ctx, id, title, division, &shown);
    if (rc == WY_NOTFOUND || (rc == WY_OK && !shown))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, kind);
}

/* The titles of the ratings' subjects, from their modules (a subject gone: NULL). */
static void fill_titles(wy_ctx *ctx, rating *rs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) /* a page: the same subject is found once */
            if (rs[j].subject_id == rs[i].subject_id && !strcmp(rs[j].kind, rs[i].kind)) {
                rs[i].subject_title = rs[j].subject_title;
                break;
            }
        if (rs[i].subject_title)
            continue;
        const rating_subject *s = rating_subject_of(rs[i].kind);
        const char *title = NULL, *division = NULL;
        int shown;
        if (s && s->find(ctx, rs[i].subject_id, &title, &division, &shown) == WY_OK)
            rs[i].subject_title = title;
    }
}

/* ---- rating ---- */

int rating_may_rate(wy_ctx *ctx, const char *kind, int64_t id)
{
    int ended = 0, upcoming = 0;
    const rating_subject *s = rating_subject_of(kind);
    if (!s || !ctx->who || !ctx->who->user_id)
        return 0;
    return s->attended(ctx, id, ctx->who->user_id, &ended, &upcoming) == WY_OK && ended;
}

int rating_submit(wy_ctx *ctx, const char *kind, int64_t id, int64_t score, const char *comment,
                  rating *out, int *replaced)
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
    const rating_subject *s;
    const char *title, *division;
    if (find_shown(ctx, kind, id, &s, &title, &division) < 0)
        return -1;
    int ended, upcoming;
    int rc = s->attended(ctx, id, ctx->who->user_id, &ended, &upcoming);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "attendance");
    if (!ended && upcoming)
        return wy_fail(ctx, E_CONFLICT, "not_ended", s->not_ended);
    if (!ended)
        return wy_fail(ctx, E_FORBIDDEN, "not_attended", s->not_attended);
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t rid = 0;
    rc = store_rating_put(ctx->c, s->kind, id, division, ctx->who->user_id, (int)score, comment,
                          ctx->now, &rid, replaced);
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "rating")) < 0)
        return -1;
    rc = store_rating_get(ctx->c, ctx->a, rid, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating");
    out->subject_title = title;
    return 0;
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
    /* the subject's division as it is now, should it have moved since it was rated */
    const rating_subject *s = rating_subject_of(out->kind);
    const char *title = NULL, *division = NULL;
    int shown;
    if (s && s->find(ctx, out->subject_id, &title, &division, &shown) == WY_OK && division)
        out->division = division;
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
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating");
    fill_titles(ctx, out, 1);
    return 0;
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
    fill_titles(ctx, all, *n);
    return 0;
}

int rating_list_public(wy_ctx *ctx, const char *kind, int64_t id, int64_t before, int limit,
                       rating **out, size_t *n)
{
    const rating_subject *s;
    const char *title, *division;
    if (find_shown(ctx, kind, id, &s, &title, &division) < 0)
        return -1;
    rating_filter f = {
        .status = "approved", .kind = s->kind, .subject_id = id, .before = before, .limit = limit};
    int rc = store_rating_list(ctx->c, ctx->a, &f, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "ratings");
    for (size_t i = 0; i < *n; i++)
        (*out)[i].subject_title = title;
    return 0;
}

int rating_summary_of(wy_ctx *ctx, const char *kind, int64_t id, rating_summary *out)
{
    int64_t sum, count;
    int rc = store_rating_sum(ctx->c, kind, id, &sum, &count);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating average");
    out->count = count;
    out->average = count ? (double)sum / (double)count : 0;
    return 0;
}

int rating_summaries(wy_ctx *ctx, const char *kind, const int64_t *ids, size_t n,
                     rating_summary *out)
{
    int64_t *sums = arena_alloc(ctx->a, 2 * n * sizeof(*sums) + 1);
    if (!sums)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    int64_t *counts = sums + n;
    int rc = store_rating_sums(ctx->c, kind, ids, n, sums, counts);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "rating averages");
    for (size_t i = 0; i < n; i++)
        out[i] = (rating_summary){counts[i] ? (double)sums[i] / (double)counts[i] : 0, counts[i]};
    return 0;
}
