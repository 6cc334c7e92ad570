/*
 * project_revision: changes to a published volunteer project go through review on their own,
 * by the core's revision mechanism (core/revision.h). What volunteers see of a published
 * project (its title and description) does not change when a coordinator edits it: the
 * proposed values are kept as a pending revision of content type "volunteer_project_revision"
 * while the published version stays. Final approval copies the revision into the project; a
 * rejection leaves the project as it was. The coordinators and reviewers of the project's
 * division see it; whoever proposed it never decides it. Here: what the mechanism needs to
 * know of a project.
 */
#include <string.h>

#include "core/authz.h"
#include "mod/volunteers/volunteer.h"

#define N_(s) s /* a msgid, translated where it is shown */

static const char *const fields[] = {"title", "description", NULL}; /* PROJECT_REV_* */

static int load(wy_ctx *ctx, int64_t id, revision_target *out)
{
    volunteer_project *p = arena_alloc(ctx->a, sizeof(*p));
    if (!p)
        return check_mem(ctx);
    int rc = store_volunteer_project_get(ctx->c, ctx->a, id, p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project");
    *out = (revision_target){p->id, p->division, p->status, p->title, p};
    return 0;
}

static int manages(const principal *who, const revision_target *t)
{
    return authz_allows(who, PERM_VOLUNTEERS_MANAGE, t->division);
}

static int apply(wy_ctx *ctx, const revision_target *t, const revision *r)
{
    const volunteer_project *p = t->record;
    const char *title = r->values[0], *description = r->values[1];
    int rc = store_volunteer_project_revise(
        ctx->c, p->id, r->fields & PROJECT_REV_TITLE && title ? title : p->title,
        r->fields & PROJECT_REV_DESCRIPTION ? (description ? description : "") : p->description,
        ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "project update");
}

const revision_type volunteer_project_revision_type = {
    .review = {"volunteer_project_revision", revision_on_status},
    .object_type = "volunteer_project",
    .fields = fields,
    .editable = PROJECT_REV_TITLE | PROJECT_REV_DESCRIPTION,
    .pending_refusal = N_("Changes to this project are waiting for review already; wait for "
                          "the decision."),
    .load = load,
    .manages = manages,
    .apply = apply,
};

int project_revision_propose(wy_ctx *ctx, const volunteer_project *p, const char *title,
                             const char *description, const char **status)
{
    unsigned set = 0;
    if (title && strcmp(title, p->title))
        set |= PROJECT_REV_TITLE;
    if (description && strcmp(description, p->description))
        set |= PROJECT_REV_DESCRIPTION;
    const char *const values[REVISION_MAX_FIELDS] = {title, description};
    /* the review item is titled as the project will be */
    revision_target t = {p->id, p->division, p->status, set & PROJECT_REV_TITLE ? title : p->title,
                         (void *)p};
    return revision_propose(ctx, &volunteer_project_revision_type, &t, set, values, status);
}

int project_revision_pending(wy_ctx *ctx, const volunteer_project *p,
                             volunteer_project_revision *out, int64_t *review_id)
{
    revision r;
    revision_target t = {p->id, p->division, p->status, p->title, (void *)p};
    int has = revision_pending(ctx, &volunteer_project_revision_type, &t, &r, review_id);
    if (has > 0)
        *out = (volunteer_project_revision){.id = r.id,
                                            .project_id = r.target_id,
                                            .fields = r.fields,
                                            .title = r.values[0],
                                            .description = r.values[1],
                                            .status = r.status,
                                            .created_by = r.created_by,
                                            .created_at = r.created_at,
                                            .decided_at = r.decided_at};
    return has;
}
