/*
 * project_revision: changes to a published volunteer project go through review on their own.
 * What volunteers see of a published project (its title and description) does not change
 * when a coordinator edits it: the proposed values are kept as a pending revision
 * (volunteer_project_revisions) and submitted to the review chain as content type
 * "volunteer_project_revision", while the published version stays. Final approval copies the
 * revision into the project; a rejection leaves the project as it was (the revision stays on
 * record as rejected). At most one revision of a project waits at a time. The coordinators and
 * reviewers of the project's division see it; whoever proposed it never decides it (the
 * review's authors).
 */
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/review.h"
#include "mod/volunteers/volunteer.h"

static const char *field_list(unsigned set)
{
    return set == (PROJECT_REV_TITLE | PROJECT_REV_DESCRIPTION) ? "title, description"
           : set & PROJECT_REV_TITLE                            ? "title"
                                                                : "description";
}

static int revision_pending_refusal(wy_ctx *ctx)
{
    return wy_fail(ctx, E_CONFLICT, "revision_pending",
                   "Changes to this project are waiting for review already; wait for the "
                   "decision.");
}

int project_revision_propose(wy_ctx *ctx, const volunteer_project *p, const char *title,
                             const char *description, const char **status)
{
    volunteer_project_revision r;
    int rc = store_project_revision_pending(ctx->c, ctx->a, p->id, &r);
    if (rc == WY_OK)
        return revision_pending_refusal(ctx);
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "project revision");
    unsigned set = 0;
    if (title && strcmp(title, p->title))
        set |= PROJECT_REV_TITLE;
    if (description && strcmp(description, p->description))
        set |= PROJECT_REV_DESCRIPTION;
    if (!set)
        return wy_fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
    r = (volunteer_project_revision){.project_id = p->id,
                                     .fields = set,
                                     .title = set & PROJECT_REV_TITLE ? title : NULL,
                                     .description =
                                         set & PROJECT_REV_DESCRIPTION ? description : NULL,
                                     .created_by = ctx->who ? ctx->who->user_id : 0};
    rc = store_project_revision_create(ctx->c, &r, ctx->now, &r.id);
    if (rc == WY_CONSTRAINT) /* another change of the same project came first */
        return revision_pending_refusal(ctx);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project revision");
    if (audit_add(ctx, "volunteer_project.revise", "volunteer_project", p->id, p->division,
                  "published", "published", field_list(set)) < 0 ||
        review_author_add(ctx, "volunteer_project_revision", r.id) < 0)
        return -1;
    /* with an empty chain this applies the revision at once (on_status "published") */
    return review_submit_tx(ctx, "volunteer_project_revision", r.id, p->division,
                            set & PROJECT_REV_TITLE ? title : p->title, status);
}

/* The review's word on revision id: applied when published, discarded when rejected; inside
 * the deciding transaction. */
static int on_revision_status(wy_ctx *ctx, int64_t id, const char *status)
{
    if (!strcmp(status, "pending"))
        return 0;
    volunteer_project_revision r;
    volunteer_project p;
    int rc = store_project_revision_get(ctx->c, ctx->a, id, &r);
    if (rc == WY_OK)
        rc = store_volunteer_project_get(ctx->c, ctx->a, r.project_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project revision");
    const char *to = !strcmp(status, "published") ? "approved" : "rejected";
    /* a project no longer published meanwhile takes nothing */
    if (!strcmp(to, "approved") && strcmp(p.status, "published"))
        to = "obsolete";
    rc = store_project_revision_set_status(ctx->c, id, "pending", to, ctx->now);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_CONFLICT, "bad_state", "This revision is not waiting for review.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project revision");
    if (strcmp(to, "approved"))
        return audit_add(ctx, "volunteer_project.revision_discard", "volunteer_project", p.id,
                         p.division, "published", p.status, to);
    const char *t = r.fields & PROJECT_REV_TITLE && r.title ? r.title : p.title;
    const char *d =
        r.fields & PROJECT_REV_DESCRIPTION ? (r.description ? r.description : "") : p.description;
    rc = store_volunteer_project_revise(ctx->c, p.id, t, d, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project update");
    return audit_add(ctx, "volunteer_project.revision_apply", "volunteer_project", p.id, p.division,
                     "published", "published", field_list(r.fields));
}

const review_type volunteer_project_revision_review_type = {"volunteer_project_revision",
                                                            on_revision_status};

int project_revision_pending(wy_ctx *ctx, const volunteer_project *p,
                             volunteer_project_revision *out, int64_t *review_id)
{
    *review_id = 0;
    if (!authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, p->division) &&
        !authz_allows(ctx->who, PERM_REVIEW, p->division))
        return 0; /* not for the public: it is not approved */
    int rc = store_project_revision_pending(ctx->c, ctx->a, p->id, out);
    if (rc == WY_NOTFOUND)
        return 0;
    review_item it;
    if (rc == WY_OK && (rc = store_review_item_by_content(
                            ctx->c, ctx->a, "volunteer_project_revision", out->id, &it)) == WY_OK)
        *review_id = it.id;
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "project revision");
    return 1;
}
