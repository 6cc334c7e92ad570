/* notice: see notice.h. */
#include "mod/notices/notice.h"

#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/review.h"
#include "util/csvread.h"

static int on_review_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_notice_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "notice status");
}

const review_type notice_review_type = {"notice", on_review_status};

static int check_text(wy_ctx *ctx, const char *title, const char *body, int required)
{
    if ((required || title) &&
        (!title || !*title || !utf8_valid(title, strlen(title)) || utf8_length(title) > 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if ((required || body) &&
        (!body || !*body || !utf8_valid(body, strlen(body)) || utf8_length(body) > 20000))
        return wy_fail_field(ctx, E_INVALID, "bad_body", "The text has 1 to 20000 characters.",
                             "body");
    return 0;
}

int notice_create(wy_ctx *ctx, const char *code, const char *title, const char *body, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (check_text(ctx, title, body, 1) < 0 || authz_require(ctx, PERM_PUBLISH, div) < 0)
        return -1;
    /* a write transaction, as every write: on SQLite it is the one writer path (an
     * autocommit insert would bypass it and sleep in the busy handler under load) */
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    division d;
    int res = 0;
    rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "division");
    if (res == 0) {
        notice n = {0, div, title, body, ctx->who->user_id, "draft", 0, 0};
        rc = store_notice_create(ctx->c, &n, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "notice create");
    }
    if (res == 0)
        res = review_author_add(ctx, "notice", *id);
    if (res == 0)
        res = audit_add(ctx, "notice.create", "notice", *id, div, NULL, "draft", title);
    return tx_end(ctx, res);
}

/* Load a notice that the caller may edit. */
static int load_editable(wy_ctx *ctx, int64_t id, notice *n)
{
    int rc = store_notice_get(ctx->c, ctx->a, id, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "notice");
    if (authz_require(ctx, PERM_PUBLISH, n->division) < 0)
        return -1;
    if (strcmp(n->status, "draft") && strcmp(n->status, "rejected"))
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "Only a draft or a rejected notice can be changed or submitted.");
    return 0;
}

int notice_update(wy_ctx *ctx, int64_t id, const char *title, const char *body)
{
    notice n;
    if (check_text(ctx, title, body, 0) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = load_editable(ctx, id, &n);
    if (res == 0 && (rc = store_notice_update(ctx->c, id, title, body, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "notice update");
    if (res == 0)
        res = review_author_add(ctx, "notice", id);
    /* the reason names what changed */
    if (res == 0)
        res = audit_add(ctx, "notice.update", "notice", id, n.division, n.status, n.status,
                        title && body ? "title, body"
                        : title       ? "title"
                        : body        ? "body"
                                      : "");
    return tx_end(ctx, res);
}

int notice_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    notice n;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = load_editable(ctx, id, &n);
    if (res == 0)
        res = review_submit_tx(ctx, "notice", id, n.division, n.title, status);
    return tx_end(ctx, res);
}

int notice_get(wy_ctx *ctx, int64_t id, notice *out)
{
    int rc = store_notice_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "notice");
    if (!strcmp(out->status, "published"))
        return 0;
    if ((ctx->who && ctx->who->user_id == out->author) ||
        authz_allows(ctx->who, PERM_PUBLISH, out->division) ||
        authz_allows(ctx->who, PERM_REVIEW, out->division))
        return 0;
    /* not published: to everyone else it does not exist */
    return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
}

int notice_list(wy_ctx *ctx, const char *division, int64_t before, int limit, notice **out,
                size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_notice_list(ctx->c, ctx->a, div, "published", before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "notice list");
}
