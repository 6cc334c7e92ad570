/*
 * activity_revision: changes to a published activity go through review. What the public
 * sees of a published activity (its description, audience, live and replay links) does not
 * change when its organiser edits it: the proposed values are kept as a pending revision and
 * submitted to the review chain as content type "activity_revision", while the published
 * version stays visible. Final approval copies the revision into the activity; a rejection
 * discards it (it stays on record as rejected). At most one revision of an activity waits at
 * a time. The organisers and the reviewers of the activity's division see it; its author
 * never decides it.
 */
#include <stdio.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "core/authz.h"
#include "core/review.h"
#include "util/strbuf.h"

static int audit(wy_ctx *ctx, const char *action, int64_t activity_id, const char *division,
                 const char *from, const char *to, const char *reason)
{
    audit_entry e = {.at = ctx->now,
                     .actor = ctx->who ? ctx->who->user_id : 0,
                     .action = action,
                     .object_type = "activity",
                     .object_id = arena_sprintf(ctx->a, "%lld", (long long)activity_id),
                     .division = division,
                     .from_state = from,
                     .to_state = to,
                     .reason = reason};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

static const char *field_list(wy_ctx *ctx, unsigned set)
{
    strbuf what = STRBUF_INIT;
    for (int i = 0; activity_field_names[i]; i++)
        if (set & (1u << i))
            sb_addf(&what, "%s%s", what.len ? ", " : "", activity_field_names[i]);
    const char *s = arena_strdup(ctx->a, what.len ? what.buf : "");
    sb_release(&what);
    return s;
}

int activity_revision_propose(wy_ctx *ctx, const activity *a, unsigned set, const char **status)
{
    activity_revision r;
    int rc = store_activity_revision_pending(ctx->c, ctx->a, a->id, &r);
    if (rc == WY_OK)
        return wy_fail(ctx, E_CONFLICT, "revision_pending",
                       "Changes to this activity are waiting for review already; wait for the "
                       "decision.");
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "activity revision");
    r = (activity_revision){.activity_id = a->id,
                            .fields = set & ACTIVITY_PUBLISHED_EDITABLE,
                            .description = set & AF_DESCRIPTION ? a->description : NULL,
                            .audience = set & AF_AUDIENCE ? a->audience : NULL,
                            .live_url = set & AF_LIVE_URL ? a->live_url : NULL,
                            .replay_url = set & AF_REPLAY_URL ? a->replay_url : NULL,
                            .created_by = ctx->who ? ctx->who->user_id : 0};
    if (!r.fields)
        return wy_fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
    rc = store_activity_revision_create(ctx->c, &r, ctx->now, &r.id);
    if (rc == WY_CONSTRAINT) /* another edit of the same activity came first */
        return wy_fail(ctx, E_CONFLICT, "revision_pending",
                       "Changes to this activity are waiting for review already; wait for the "
                       "decision.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity revision");
    if (audit(ctx, "activity.revise", a->id, a->division, "published", "published",
              field_list(ctx, r.fields)) < 0 ||
        review_author_add(ctx, "activity_revision", r.id) < 0)
        return -1;
    /* with an empty chain this applies the revision at once (on_status "published") */
    return review_submit_tx(ctx, "activity_revision", r.id, a->division, a->title, status);
}

/* The review module's word on revision id: applied when published, discarded when
 * rejected; inside the deciding transaction. */
int activity_revision_on_status(wy_ctx *ctx, int64_t id, const char *status)
{
    if (!strcmp(status, "pending"))
        return 0;
    activity_revision r;
    activity a;
    int rc = store_activity_revision_get(ctx->c, ctx->a, id, &r);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, r.activity_id, &a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity revision");
    const char *to = !strcmp(status, "published") ? "approved" : "rejected";
    /* an activity cancelled (or otherwise no longer published) meanwhile takes nothing */
    if (!strcmp(to, "approved") && strcmp(a.status, "published"))
        to = "obsolete";
    rc = store_activity_revision_set_status(ctx->c, id, "pending", to, ctx->now);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_CONFLICT, "bad_state", "This revision is not waiting for review.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity revision");
    if (strcmp(to, "approved"))
        return audit(ctx, "activity.revision_discard", a.id, a.division, "published", a.status, to);
    if (r.fields & AF_DESCRIPTION)
        a.description = r.description ? r.description : "";
    if (r.fields & AF_AUDIENCE)
        a.audience = r.audience;
    if (r.fields & AF_LIVE_URL)
        a.live_url = r.live_url;
    if (r.fields & AF_REPLAY_URL)
        a.replay_url = r.replay_url;
    rc = store_activity_update(ctx->c, &a, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity update");
    return audit(ctx, "activity.revision_apply", a.id, a.division, "published", "published",
                 field_list(ctx, r.fields));
}

int activity_revision_pending(wy_ctx *ctx, const activity *a, activity_revision *out,
                              int64_t *review_id)
{
    *review_id = 0;
    if (!activity_managed_by(ctx->who, a) && !authz_allows(ctx->who, PERM_REVIEW, a->division))
        return 0; /* not for the public: it is not published */
    int rc = store_activity_revision_pending(ctx->c, ctx->a, a->id, out);
    if (rc == WY_NOTFOUND)
        return 0;
    review_item it;
    if (rc == WY_OK && (rc = store_review_item_by_content(ctx->c, ctx->a, "activity_revision",
                                                          out->id, &it)) == WY_OK)
        *review_id = it.id;
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "activity revision");
    return 1;
}

int activity_revision_where(wy_ctx *ctx, int64_t id, int64_t *activity_id)
{
    activity_revision r;
    activity a;
    int rc = store_activity_revision_get(ctx->c, ctx->a, id, &r);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, r.activity_id, &a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity revision");
    /* for those who manage or review the activity; nobody else knows of it */
    if (!activity_managed_by(ctx->who, &a) && !authz_allows(ctx->who, PERM_REVIEW, a.division))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    *activity_id = a.id;
    return 0;
}
