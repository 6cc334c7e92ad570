/*
 * activity_revision: changes to a published activity go through review, by the core's
 * revision mechanism (core/revision.h). What the public sees of a published activity (its
 * description, audience, live and replay links) does not change when its organiser edits it:
 * the proposed values are kept as a pending revision of content type "activity_revision"
 * while the published version stays visible. Final approval copies the revision into the
 * activity; a rejection discards it. The organisers and the reviewers of the activity's
 * division see it; its author never decides it. Here: what the mechanism needs to know of an
 * activity.
 */
#include "mod/activities/activity.h"

#define N_(s) s /* a msgid, translated where it is shown */

static int load(wy_ctx *ctx, int64_t id, revision_target *out)
{
    activity *a = arena_alloc(ctx->a, sizeof(*a));
    if (!a)
        return check_mem(ctx);
    int rc = store_activity_get(ctx->c, ctx->a, id, a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    *out = (revision_target){a->id, a->division, a->status, a->title, a};
    return 0;
}

static int manages(const principal *who, const revision_target *t)
{
    return activity_managed_by(who, t->record);
}

static int apply(wy_ctx *ctx, const revision_target *t, const revision *r)
{
    activity a = *(const activity *)t->record;
    if (r->fields & AF_DESCRIPTION)
        a.description = r->values[AF_DESCRIPTION_BIT] ? r->values[AF_DESCRIPTION_BIT] : "";
    if (r->fields & AF_AUDIENCE)
        a.audience = r->values[AF_AUDIENCE_BIT];
    if (r->fields & AF_LIVE_URL)
        a.live_url = r->values[AF_LIVE_URL_BIT];
    if (r->fields & AF_REPLAY_URL)
        a.replay_url = r->values[AF_REPLAY_URL_BIT];
    int rc = store_activity_update(ctx->c, &a, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "activity update");
}

/* changes to a published activity: reviewed like the activity was */
const revision_type activity_revision_type = {
    .review = {"activity_revision", revision_on_status},
    .object_type = "activity",
    .fields = activity_field_names,
    .editable = ACTIVITY_PUBLISHED_EDITABLE,
    .pending_refusal = N_("Changes to this activity are waiting for review already; wait for "
                          "the decision."),
    .load = load,
    .manages = manages,
    .apply = apply,
};

int activity_revision_propose(wy_ctx *ctx, const activity *a, unsigned set, const char **status)
{
    const char *values[REVISION_MAX_FIELDS] = {0};
    values[AF_DESCRIPTION_BIT] = a->description;
    values[AF_AUDIENCE_BIT] = a->audience;
    values[AF_LIVE_URL_BIT] = a->live_url;
    values[AF_REPLAY_URL_BIT] = a->replay_url;
    revision_target t = {a->id, a->division, a->status, a->title, (void *)a};
    return revision_propose(ctx, &activity_revision_type, &t, set, values, status);
}

int activity_revision_pending(wy_ctx *ctx, const activity *a, activity_revision *out,
                              int64_t *review_id)
{
    revision r;
    revision_target t = {a->id, a->division, a->status, a->title, (void *)a};
    int has = revision_pending(ctx, &activity_revision_type, &t, &r, review_id);
    if (has > 0)
        *out = (activity_revision){.id = r.id,
                                   .activity_id = r.target_id,
                                   .fields = r.fields,
                                   .description = r.values[AF_DESCRIPTION_BIT],
                                   .audience = r.values[AF_AUDIENCE_BIT],
                                   .live_url = r.values[AF_LIVE_URL_BIT],
                                   .replay_url = r.values[AF_REPLAY_URL_BIT],
                                   .status = r.status,
                                   .created_by = r.created_by,
                                   .created_at = r.created_at,
                                   .decided_at = r.decided_at};
    return has;
}

int activity_revision_where(wy_ctx *ctx, int64_t id, int64_t *activity_id)
{
    return revision_where(ctx, &activity_revision_type, id, activity_id);
}
