/* lessons: lessons learned (先进文化经验) and their search (followup.h). */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

#define MAX_TAGS 10

int exchange_lesson_check(wy_ctx *ctx, const char *title, const char *body,
                          const char *const *tags_in, size_t ntags, const char **out)
{
    if (exchange_check_text(ctx, title, 1, 200, "bad_title", N_("A title has 1 to 200 characters."),
                            "title") < 0 ||
        exchange_check_text(ctx, body, 1, 20000, "bad_body",
                            N_("A lesson's text has 1 to 20000 characters."), "body") < 0)
        return -1;
    if (ntags > MAX_TAGS)
        return wy_fail_field(ctx, E_INVALID, "bad_tags", "At most 10 tags.", "tags");
    size_t len = 2;
    for (size_t i = 0; i < ntags; i++) {
        if (exchange_check_text(ctx, tags_in[i], 1, 20, "bad_tags",
                                N_("A tag has 1 to 20 characters and no comma."), "tags") < 0)
            return -1;
        if (strchr(tags_in[i], ','))
            return wy_fail_field(ctx, E_INVALID, "bad_tags",
                                 "A tag has 1 to 20 characters and no comma.", "tags");
        len += strlen(tags_in[i]) + 1;
    }
    char *tags = arena_alloc(ctx->a, len), *w = tags;
    if (!tags)
        return check_mem(ctx);
    *w++ = ',';
    for (size_t i = 0; i < ntags; i++)
        w += sprintf(w, "%s,", tags_in[i]);
    *w = 0;
    *out = tags;
    return 0;
}

int exchange_lesson_create(wy_ctx *ctx, const exchange_lesson_input *in, int64_t *id)
{
    const char *tags;
    if (exchange_lesson_check(ctx, in->title, in->body, in->tags, in->ntags, &tags) < 0)
        return -1;
    if (in->activity_id < 0 || in->partner_id < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_link", "An activity or a partner is an id.",
                             "activity_id");
    char div[DIVISION_CODE_MAX];
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = exchange_writable_division(ctx, in->division, div);
    if (res == 0 && in->activity_id) {
        exchange_activity x;
        rc = store_exchange_activity_get(ctx->c, ctx->a, in->activity_id, &x);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_activity", "No such activity.",
                                "activity_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange activity");
        else if (strncmp(x.division, div, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The activity is another city's.",
                                "activity_id");
    }
    if (res == 0 && in->partner_id) {
        exchange_partner p;
        rc = store_exchange_partner_get(ctx->c, ctx->a, in->partner_id, &p);
        if (rc == WY_NOTFOUND)
            res =
                wy_fail_field(ctx, E_INVALID, "unknown_partner", "No such partner.", "partner_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "partner");
        else if (strncmp(p.division, div, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The partner is another city's.",
                                "partner_id");
    }
    if (res == 0) {
        exchange_lesson l = {.division = div,
                             .activity_id = in->activity_id,
                             .partner_id = in->partner_id,
                             .title = in->title,
                             .body = in->body,
                             .tags = tags,
                             .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_lesson_create(ctx->c, &l, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange lesson create");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_lesson.create", "exchange_lesson", *id, div, NULL, NULL,
                        in->title);
    return tx_end(ctx, res);
}

int exchange_lesson_search(wy_ctx *ctx, const char *division, const char *q, const char *tag,
                           int64_t activity, int64_t partner, int64_t before, int limit,
                           exchange_lesson **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0 ||
        exchange_check_text(ctx, q, 0, 100, "bad_q", N_("A query has at most 100 characters."),
                            "q") < 0 ||
        exchange_check_text(ctx, tag, 0, 20, "bad_tag", N_("A tag has at most 20 characters."),
                            "tag") < 0)
        return -1;
    if (activity < 0 || partner < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_link", "An activity or a partner is an id.",
                             "activity");
    int staff = *div && authz_allows(ctx->who, EXCHANGE_PERM, div);
    int rc = store_exchange_lesson_search(ctx->c, ctx->a, div, q && *q ? q : NULL,
                                          tag && *tag ? tag : NULL, activity, partner, !staff,
                                          before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange lessons");
}
